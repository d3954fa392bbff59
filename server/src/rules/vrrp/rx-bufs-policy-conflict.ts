// KA372: vrrp_rx_bufs_policy settings keepalived 2.2.7 drops (global_parser.c; checked with the
// binary). The policy accumulates over all the lines: MTU, ADVERT and a byte size add up, and
// keepalived then drops the policy words next to a size, or ADVERT next to MTU.

import { childrenNamed, type AstNode } from '../../core/analysis/ast.js';
import { topLevelBlocks } from './util.js';
import type { FileRule } from '../types.js';

/** keepalived's unsigned decimal reader (leading blanks and '+' allowed, no '-', at most 2^32-1). */
function byteSize(text: string): number | undefined {
  const m = /^[ \t]*\+?(\d+)$/.exec(text);
  if (!m) return undefined;
  const value = Number(m[1]);
  return value <= 0xffffffff ? value : undefined;
}

const isPolicyWord = (text: string) => /^(?:mtu|advert)$/i.test(text);

export const rxBufsPolicyConflict: FileRule = {
  kind: 'file',
  code: 'KA372',
  name: 'rx-bufs-policy-conflict',
  family: 'vrrp',
  severity: 'warning',
  description: 'vrrp_rx_bufs_policy settings keepalived drops: a size with MTU/ADVERT, MTU with ADVERT, a size after a policy word, or a word after a size.',
  docs: {
    why:
      'vrrp_rx_bufs_policy sizes the receive buffers of the VRRP sockets: from the interface MTU, from the advert size, ' +
      'or a fixed number of bytes. The three do not combine, and keepalived adds up every vrrp_rx_bufs_policy line before ' +
      'deciding: with a size and a policy word it drops the policy ("Cannot set vrrp_rx_bufs_policy size and policy"), ' +
      'with MTU and ADVERT it drops ADVERT. keepalived also reads the size from the first word of the line, so ' +
      '`vrrp_rx_bufs_policy MTU 65536` is rejected ("invalid number \'MTU\'"). Each report makes `keepalived -t` fail. ' +
      'Write one setting.',
    bad: 'global_defs {\n    vrrp_rx_bufs_policy MTU\n    vrrp_rx_bufs_policy 65536\n}',
    good: 'global_defs {\n    vrrp_rx_bufs_policy 65536\n}',
  },
  check({ analysis, report }) {
    let mtu = false;
    let advert = false;
    let size = false;
    const lines: AstNode[] = topLevelBlocks(analysis.ast, 'global_defs').flatMap((block) => childrenNamed(block, 'vrrp_rx_bufs_policy'));
    for (const line of lines) {
      const first = line.argText(0);
      for (let i = 0; i < line.argCount; i++) {
        const text = line.argText(i)!;
        if (/^mtu$/i.test(text)) mtu = true;
        else if (/^advert$/i.test(text)) advert = true;
        else if (i > 0 && byteSize(first!) !== undefined) {
          // Any other word after a size is read as the first word again: silently ignored.
          size = true;
          const word = line.argWord(i);
          report({ message: `keepalived reads the size from the first word of the line again instead of '${text}', so '${text}' is ignored without a word; write one size per line`, file: word.file, range: word.range });
        } else if (byteSize(text) !== undefined) {
          // keepalived reads argument 0 as the size, whichever word is not a policy word.
          if (byteSize(first!) !== undefined) size = true;
          else if (isPolicyWord(first!)) {
            const word = line.argWord(i);
            report({
              message: `keepalived reads the size from the first word of the line ('${first}'), so it rejects ${text} here ("invalid number '${first}'"); write the size on its own line`,
              severity: 'error',
              file: word.file,
              range: word.range,
            });
          }
        }
      }
      if (size && (mtu || advert)) {
        report({ message: 'vrrp_rx_bufs_policy has a byte size and MTU/ADVERT; keepalived keeps the size and drops the policy (keepalived: "Cannot set vrrp_rx_bufs_policy size and policy, ignoring policy")', file: line.file, range: line.range });
        mtu = advert = false;
      } else if (mtu && advert) {
        report({ message: 'vrrp_rx_bufs_policy has both MTU and ADVERT; keepalived keeps MTU and drops ADVERT (keepalived: "Cannot set both vrrp_rx_bufs_policy MTU and ADVERT, ignoring ADVERT")', file: line.file, range: line.range });
        advert = false;
      }
    }
  },
};
