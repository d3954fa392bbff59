// KA534: lvs_timeouts words keepalived cannot read. Measured on keepalived 2.2.7: the line needs an
// option and a value at least; `tcp`, `tcpfin` and `udp` (lower case) each take whole seconds
// 0..2678400 (an optional '+', no fraction, no hex); any other word is an unknown option on its own.
import { childrenNamed } from '../../core/analysis/ast.js';
import type { FileRule } from '../types.js';
import { topLevelBlocks } from '../vrrp/util.js';

const OPTIONS = new Set(['tcp', 'tcpfin', 'udp']);
/** 31 days, keepalived's limit for an IPVS timeout. */
const MAX_SECONDS = 2678400;

function readsSeconds(text: string): boolean {
  return /^\+?\d+$/.test(text) && Number(text) <= MAX_SECONDS;
}

export const lvsTimeoutsInvalid: FileRule = {
  kind: 'file',
  code: 'KA534',
  name: 'lvs-timeouts-invalid',
  family: 'lvs',
  severity: 'error',
  description: 'lvs_timeouts has a word keepalived cannot read: no option, an unknown option, or a timeout that is missing or not whole seconds up to 2678400.',
  docs: {
    why:
      'lvs_timeouts sets the IPVS connection timeouts: `tcp`, `tcpfin` and `udp`, each followed by whole seconds up to ' +
      '2678400 (31 days). keepalived reports and skips each word it cannot read: an option in capitals or misspelt is an ' +
      'unknown option (and so is the number after it), a value with a fraction, a unit or hex digits is invalid, a last ' +
      'option without its value is ignored, and a line with fewer than an option and a value sets nothing at all. The ' +
      'kernel then keeps its defaults (15 minutes for TCP, 5 for UDP), which is what the line was meant to change.',
    bad: 'global_defs {\n    lvs_timeouts TCP 7200 udp 1.5\n}',
    good: 'global_defs {\n    lvs_timeouts tcp 7200 udp 300\n}',
  },
  check(ctx) {
    for (const line of topLevelBlocks(ctx.analysis.ast, 'global_defs').flatMap((block) => childrenNamed(block, 'lvs_timeouts'))) {
      const n = line.argCount;
      if (n < 2) {
        ctx.report({ message: "lvs_timeouts needs an option and its seconds ('tcp 900', 'tcpfin 120', 'udp 300'); keepalived ignores the line (keepalived: \"lvs_timeouts requires at least one option\")", file: line.file, range: line.range });
        continue;
      }
      for (let i = 0; i < n; i++) {
        const option = line.argText(i)!;
        if (!OPTIONS.has(option)) {
          const hint = OPTIONS.has(option.toLowerCase()) ? ` (options are lower case: '${option.toLowerCase()}')` : '';
          ctx.report({ message: `'${option}' is not an lvs_timeouts option; keepalived ignores the word (options: tcp, tcpfin, udp)${hint}`, file: line.file, range: line.argWord(i).range });
          continue;
        }
        const value = line.argText(i + 1);
        if (value === undefined) {
          ctx.report({ message: `lvs_timeouts '${option}' has no value; keepalived ignores it`, file: line.file, range: line.argWord(i).range });
          break;
        }
        i++;
        if (!readsSeconds(value)) {
          ctx.report({ message: `lvs_timeouts ${option} '${value}' is not whole seconds in 0..${MAX_SECONDS}; keepalived ignores it`, file: line.file, range: line.argWord(i).range });
        }
      }
    }
  },
};
