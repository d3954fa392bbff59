// KA335: a track_file without `file` or a vrrp_track_process without `process` is removed.

import { child } from '../../core/analysis/ast.js';
import type { FileRule } from '../types.js';
import { closeRange } from './util.js';

const REQUIRED = new Map([
  ['track_file', 'file'],
  ['vrrp_track_file', 'file'],
  ['vrrp_track_process', 'process'],
]);

export const trackDefinitionIncomplete: FileRule = {
  kind: 'file',
  code: 'KA335',
  name: 'track-definition-incomplete',
  family: 'vrrp',
  severity: 'error',
  description: 'A track_file has no `file`, or a vrrp_track_process has no `process`; keepalived removes it.',
  docs: {
    why: 'The `file` (or `process`) line names what is tracked. Without it keepalived drops the definition when its block ends ("No file set for track_file X - ignoring", "process name not specified"), and every instance tracking it loses that check.',
    bad: 'track_file maintenance {\n    weight -50\n}\n',
    good: 'track_file maintenance {\n    file /run/keepalived/maintenance\n    weight -50\n}\n',
  },
  check({ analysis, report }) {
    for (const n of analysis.model.root.children) {
      const needed = REQUIRED.get(n.keyword);
      if (!needed) continue;
      // A bare `file` line is reported and leaves the file unset (a bare `process` stops keepalived, KA203).
      const line = child(n, needed);
      if (line && (line.argCount || needed === 'process')) continue;
      // keepalived checks when the block ends and reports the closing brace's line.
      report({
        message: `${n.keyword} '${n.args[0]?.text ?? ''}' has ${line ? `a '${needed}' line without a value` : `no '${needed}' line`}; keepalived removes it`,
        ...closeRange(n),
        related: n.args[0] ? [{ file: n.file, range: n.args[0].range, message: `the ${n.keyword}` }] : undefined,
      });
    }
  },
};
