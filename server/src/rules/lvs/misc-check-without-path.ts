import type { FileRule } from '../types.js';
import { childrenNamed } from '../../core/analysis/ast.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import { blockEnd, related, checkersClosedByKeepalived } from './util.js';
import { commandMissing, commandReading, unsplittableReason } from '../vrrp/vrrp-script-without-script.js';

/**
 * aeb99635 (1.3.7) skips a MISC_CHECK without misc_path. Before it the checker process's script security check
 * (from 1.3.1) looks for a '/' in the missing path and dies.
 */
const SKIPPED_SINCE: Version = [1, 3, 7];

export const miscCheckWithoutPath: FileRule = {
  kind: 'file',
  code: 'KA517',
  name: 'misc-check-without-path',
  family: 'lvs',
  severity: 'error',
  description: 'A MISC_CHECK has no misc_path; keepalived drops the checker.',
  docs: {
    why:
      'MISC_CHECK runs the program given by `misc_path` and judges the real server by its exit code. Without it there is ' +
      'nothing to run: keepalived skips the checker ("No script path has been specified") and `keepalived -t` fails, so the ' +
      'real server is not health-checked by it. Before 1.3.7 the checker process crashes on it at start and keepalived stops.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        MISC_CHECK {\n            misc_timeout 5\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        MISC_CHECK {\n            misc_path "/usr/local/bin/check_app 10.0.1.1"\n            misc_timeout 5\n        }\n    }\n}',
  },
  check(ctx) {
    const checkers = checkersClosedByKeepalived(ctx.analysis);
    for (let i = 0; i < checkers.length; i++) {
      const { checker: ck } = checkers[i]!;
      // A misc_path whose command is empty (misc_path " ") or cannot be split (a quote left open, KA609) sets nothing either.
      if (ck.kind !== 'MISC_CHECK' || childrenNamed(ck.node, 'misc_path').some((l) => !commandMissing(ctx.analysis, l, ctx.target))) continue;
      const crashes = compareVersions(ctx.target, SKIPPED_SINCE) < 0 && !childrenNamed(ck.node, 'misc_path').length;
      const unsplittable = childrenNamed(ck.node, 'misc_path').map((l) => commandReading(ctx.analysis, l)).find((r) => r.problem === 'unsplittable');
      ctx.report({
        message: crashes
          ? `MISC_CHECK has no 'misc_path'; keepalived ${ctx.target.join('.')}'s checker process crashes on it as it starts, and keepalived stops (keepalived: "Keepalived_healthcheckers exited due to segmentation fault (SIGSEGV)"); 1.3.7 and later skip the checker`
          : `MISC_CHECK has no ${unsplittable ? `'misc_path' keepalived can use (it cannot split the command: ${unsplittableReason(unsplittable.why)})` : "'misc_path'"}; keepalived drops this checker (keepalived: "No script path has been specified for MISC_CHECKER - skipping")`,
        ...blockEnd(ck.node),
        related: [related(ck.node, 'MISC_CHECK starts here')],
      });
    }
  },
};
