// KA335: a track_file without `file` or a vrrp_track_process without `process` is removed.

import { child } from '../../core/analysis/ast.js';
import { compareVersions } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { TRACKED_PROCESS_CRASH } from './tracked-process-crash.js';
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
    why: 'The `file` (or `process`) line names what is tracked. Without it keepalived drops the definition when its block ends ("No file set for track_file X - ignoring", "process name not specified"), and every instance tracking it loses that check. keepalived 2.1.0 to 2.1.2 crash as they remove a vrrp_track_process (see KA378).',
    bad: 'track_file maintenance {\n    weight -50\n}\n',
    good: 'track_file maintenance {\n    file /run/keepalived/maintenance\n    weight -50\n}\n',
  },
  check({ analysis, target, report }) {
    // Removing a vrrp_track_process frees it from a list 2.1.0 to 2.1.2 never set up (see KA378):
    // the 2.1.0 build exits 139 after "track process 'p' process name not specified", 2.1.3 exits 0.
    const removalCrashes = compareVersions(target, TRACKED_PROCESS_CRASH[0]) >= 0 && compareVersions(target, TRACKED_PROCESS_CRASH[1]) < 0;
    for (const n of analysis.model.root.children) {
      const needed = REQUIRED.get(n.keyword);
      if (!needed) continue;
      // A bare `file` line is reported and leaves the file unset (a bare `process` stops keepalived, KA203).
      const line = child(n, needed);
      if (line && (line.argCount || needed === 'process')) continue;
      // keepalived checks when the block ends and reports the closing brace's line.
      report({
        message: `${n.keyword} '${n.args[0]?.text ?? ''}' has ${line ? `a '${needed}' line without a value` : `no '${needed}' line`}; keepalived removes it${
          removalCrashes && needed === 'process' ? ` and keepalived ${target.join('.')} crashes as it does (a segmentation fault, also under keepalived -t; fixed in 2.1.3)` : ''
        }`,
        ...closeRange(n),
        related: n.args[0] ? [{ file: n.file, range: n.args[0].range, message: `the ${n.keyword}` }] : undefined,
      });
    }
  },
};
