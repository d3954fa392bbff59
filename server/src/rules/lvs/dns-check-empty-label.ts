import { DNS_NAME_REFUSED_SINCE, dnsNameRefused, hasEmptyLabel } from '../../core/analysis/values.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { Word } from '../../core/analysis/ast.js';
import type { Fix } from '../../core/diagnostics.js';
import type { FileRule } from '../types.js';
import { allCheckers } from './util.js';

/**
 * Before this release a name ending with '.' is sent without the final zero-length label (c90240da, issue 1462):
 * the query is malformed and the check fails whatever the server holds.
 */
const TRAILING_DOT_FIXED_IN: Version = [2, 0, 20];

export const dnsCheckEmptyLabel: FileRule = {
  kind: 'file',
  code: 'KA524',
  name: 'dns-check-empty-label',
  family: 'lvs',
  severity: 'error',
  description: "A DNS_CHECK 'name' has an empty label (a leading dot or '..'), or a one-character first label keepalived 2.1.4+ takes for one; keepalived ignores it (before 2.1.4 sends a malformed query, as it does before 2.0.20 for a name ending with a dot).",
  docs: {
    why:
      'DNS_CHECK sends a query for `name`. A name with an empty label (`.example.com`, `www..example.com`) is not a valid ' +
      'DNS name; keepalived ignores it and queries its default name instead, and `keepalived -t` reports it. Before 2.1.4 ' +
      'keepalived sends such a name in a malformed query, and before 2.0.20 a name ending with a dot too: the check then fails. ' +
      'From 2.1.4 keepalived\'s test also refuses a name whose first label is one character (`a.example.com`): it reads ' +
      'the character after the first as if it followed a dot. Such a name cannot be queried; use a CNAME with a longer label.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        DNS_CHECK {\n            type A\n            name www..example.com\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        DNS_CHECK {\n            type A\n            name www.example.com\n        }\n    }\n}',
  },
  check(ctx) {
    const refused = compareVersions(ctx.target, DNS_NAME_REFUSED_SINCE) >= 0;
    const trailingDotBroken = compareVersions(ctx.target, TRAILING_DOT_FIXED_IN) < 0;
    const checkers = allCheckers(ctx.analysis);
    for (let i = 0; i < checkers.length; i++) {
      const { checker: ck } = checkers[i]!;
      if (ck.kind !== 'DNS_CHECK') continue;
      // From 2.1.4 a refused name leaves the name unset and the next `name` line is read; before, the first line is the name.
      const names = ck.node.children.filter((c) => c.keyword === 'name' && c.args[0]);
      for (let n = 0; n < names.length; n++) {
        const w = names[n]!.args[0]!;
        if (!refused || !dnsNameRefused(w.text, ctx.target)) {
          if (n === 0) reportUnrefused(w);
          break;
        }
        const next = names[n + 1];
        const then = next ? `keepalived reads the next 'name' line (line ${next.range.start.line + 1}) instead` : 'keepalived queries its default name (the root) instead';
        const quoted = `(keepalived: "DNS_CHECK name '${w.text}' has empty label - ignoring")`;
        if (!hasEmptyLabel(w.text)) {
          ctx.report({
            message: `keepalived ${ctx.target.join('.')} takes the one-character first label of DNS_CHECK name '${w.text}' for an empty one and ignores the name ${quoted}; ${then}`,
            file: w.file,
            range: w.range,
          });
          continue;
        }
        ctx.report({ message: `DNS_CHECK name '${w.text}' has an empty label; keepalived ignores it ${quoted}; ${then}`, file: w.file, range: w.range, fix: dropEmptyLabels(w) });
      }
    }

    /** Before 2.1.4 keepalived sends the first name as written: an empty label or a final dot (before 2.0.20) breaks the query. */
    function reportUnrefused(w: Word): void {
      if (trailingDotBroken && w.text.length > 1 && w.text.endsWith('.') && !hasEmptyLabel(w.text)) {
        const bare = w.text.slice(0, -1);
        ctx.report({
          message: `keepalived before 2.0.20 sends DNS_CHECK name '${w.text}' without the final empty label, so every query is malformed and the check always fails (keepalived -t does not report it; fixed in 2.0.20); write '${bare}'`,
          file: w.file,
          range: w.range,
          fix: !w.expanded && !w.quoted ? { description: `Use '${bare}'`, edits: [{ file: w.file, range: w.range, newText: bare }] } : undefined,
        });
        return;
      }
      if (refused || !hasEmptyLabel(w.text)) return;
      ctx.report({
        message: `DNS_CHECK name '${w.text}' has an empty label; keepalived before 2.1.4 sends it anyway, the query name ends at the empty label and the query is malformed, so the check fails`,
        file: w.file,
        range: w.range,
        fix: dropEmptyLabels(w),
      });
    }
  },
};

function dropEmptyLabels(w: Word): Fix | undefined {
  const fixed = w.text.replace(/\.{2,}/g, '.').replace(/^\.(?=.)/, '');
  return !w.expanded && !w.quoted ? { description: `Use '${fixed}'`, edits: [{ file: w.file, range: w.range, newText: fixed }] } : undefined;
}
