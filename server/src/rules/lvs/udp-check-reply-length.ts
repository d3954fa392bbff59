import type { FileRule } from '../types.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { AstNode } from '../../core/analysis/ast.js';
import { parseInteger } from '../../core/analysis/values.js';
import { blockEnd, related, allCheckers } from './util.js';

/** The last `keyword` line of a block whose value keepalived reads (0 to 65535), and that value. */
function lastValid(block: AstNode, keyword: string): { node: AstNode; value: number } | undefined {
  for (let i = block.children.length - 1; i >= 0; i--) {
    const c = block.children[i]!;
    if (c.keyword !== keyword) continue;
    const v = parseInteger(c.argText(0) ?? '');
    if (v !== undefined && v >= 0 && v <= 65535) return { node: c, value: v };
  }
  return undefined;
}

/** keepalived's default max_reply_length when none is given. */
const DEFAULT_MAX_REPLY = 255;

/** From 2.2.0 reply lengths are checked only when require_reply gives data (check_udp.c udp_check_thread). */
const LENGTHS_ONLY_WITH_REPLY_SINCE: Version = [2, 2, 0];

export const udpCheckReplyLength: FileRule = {
  kind: 'file',
  code: 'KA523',
  name: 'udp-check-reply-length',
  family: 'lvs',
  severity: 'error',
  description: 'A UDP_CHECK min_reply_length is larger than its max_reply_length (255 when not set): keepalived -t fails on it, and with require_reply (or before 2.2.0) the check always fails.',
  docs: {
    why:
      'UDP_CHECK accepts a reply whose length lies between min_reply_length and max_reply_length. When the minimum is larger ' +
      'than the maximum no reply can pass, so the real server is always marked down. Note that max_reply_length defaults to ' +
      '255: a minimum above 255 needs an explicit maximum. keepalived reports "will always fail" and counts it a configuration ' +
      'error: `keepalived -t` exits 5 on it (checked with 2.2.4, 2.2.7, 2.2.8, 2.3.3 and 2.4.3), which stops a deploy gated on it. ' +
      'That is why it is an error even where the check itself does not fail: from 2.2.0 the running checker compares the ' +
      'lengths only when require_reply gives it data to compare, so without require_reply any reply passes.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        UDP_CHECK {\n            min_reply_length 300\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        UDP_CHECK {\n            min_reply_length 300\n            max_reply_length 1400\n        }\n    }\n}',
  },
  check(ctx) {
    const checkers = allCheckers(ctx.analysis);
    for (let i = 0; i < checkers.length; i++) {
      const { checker: ck } = checkers[i]!;
      if (ck.kind !== 'UDP_CHECK') continue;
      // The last line keepalived can read sets each: one it reports as invalid keeps the value before.
      const minLine = lastValid(ck.node, 'min_reply_length');
      const maxLine = lastValid(ck.node, 'max_reply_length');
      const minNode = minLine?.node;
      const min = minLine?.value;
      const maxWritten = maxLine?.value;
      const max = maxWritten ?? DEFAULT_MAX_REPLY;
      if (min === undefined || min <= max) continue;
      // From 2.2.0 the running checker compares reply lengths only with require_reply data to compare (check_udp.c).
      const lengthsChecked = compareVersions(ctx.target, LENGTHS_ONLY_WITH_REPLY_SINCE) < 0 || ck.node.children.some((c) => c.keyword === 'require_reply' && c.argCount > 0);
      const effect = lengthsChecked
        ? 'no reply can pass, the check always fails'
        : 'keepalived -t fails on it, though the running checker never compares lengths without require_reply data (any reply passes)';
      ctx.report({
        message: `UDP_CHECK min_reply_length ${min} is larger than max_reply_length ${max}${maxWritten === undefined ? ' (the default)' : ''}; ${effect} (keepalived: "will always fail")`,
        ...blockEnd(ck.node),
        related: [related(minNode!, 'min_reply_length set here')],
      });
    }
  },
};
