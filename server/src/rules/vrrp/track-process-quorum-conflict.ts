// KA357: a vrrp_track_process whose quorum and quorum_max contradict each other (keepalived 2.2.7
// vrrp_parser.c, the quorum and quorum_max handlers: each line is checked against the other value
// as it stands when the line is read, and ignored when they conflict).

import { parseInteger } from '../../core/analysis/values.js';
import type { FileRule } from '../types.js';

export const trackProcessQuorumConflict: FileRule = {
  kind: 'file',
  code: 'KA357',
  name: 'track-process-quorum-conflict',
  family: 'vrrp',
  severity: 'error',
  description: 'A vrrp_track_process has a quorum above its quorum_max (or a quorum_max below its quorum); keepalived ignores the later line.',
  docs: {
    why:
      'quorum is the fewest matching processes that count as up, quorum_max the most. keepalived checks each line against the ' +
      'other value as set so far and ignores the line when quorum would exceed quorum_max ("Quorum is greater than quorum_max", ' +
      '"quorum_max is less than quorum"). The process is then tracked with a bound the writer did not mean: with quorum_max ' +
      'dropped, any number of processes at or above the quorum counts as up. A quorum_max of 0 is allowed while no quorum ' +
      'above 1 was given.',
    bad: 'vrrp_track_process haproxy {\n    process haproxy\n    quorum 4\n    quorum_max 2\n}\n',
    good: 'vrrp_track_process haproxy {\n    process haproxy\n    quorum 2\n    quorum_max 4\n}\n',
  },
  check({ analysis, report }) {
    for (const tp of analysis.model.trackProcesses) {
      let quorum = 1;
      let quorumMax = Infinity;
      let quorumLine: number | undefined;
      for (const c of tp.node.children) {
        if (c.keyword !== 'quorum' && c.keyword !== 'quorum_max') continue;
        const n = parseInteger(c.argText(0) ?? '');
        if (c.keyword === 'quorum') {
          // Values out of range are reported by KA205 and change nothing.
          if (n === undefined || n < 1 || n > 65535) continue;
          if (n > quorumMax) {
            report({
              message: `vrrp_track_process '${tp.name}': quorum ${n} is above quorum_max ${quorumMax}; keepalived ignores this line and keeps quorum ${quorum} (keepalived: "Quorum is greater than quorum_max")`,
              file: c.file,
              range: c.range,
            });
            continue;
          }
          quorum = n;
          quorumLine = c.range.start.line + 1;
        } else {
          if (n === undefined || n < 0 || n > 65535) continue;
          if ((n !== 0 || quorum > 1) && n < quorum) {
            report({
              message: `vrrp_track_process '${tp.name}': quorum_max ${n} is below quorum ${quorum}${quorumLine ? ` (line ${quorumLine})` : ''}; keepalived ignores this line${quorumMax === Infinity ? ' and sets no upper bound' : ` and keeps quorum_max ${quorumMax}`} (keepalived: "quorum_max is less than quorum")`,
              file: c.file,
              range: c.range,
            });
            continue;
          }
          quorumMax = n;
        }
      }
    }
  },
};
