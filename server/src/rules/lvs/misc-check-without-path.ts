import type { FileRule } from '../types.js';
import { childrenNamed } from '../../core/analysis/ast.js';
import { blockEnd, related, allCheckers } from './util.js';
import { commandEmpty } from '../vrrp/vrrp-script-without-script.js';

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
      'real server is not health-checked by it.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        MISC_CHECK {\n            misc_timeout 5\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        MISC_CHECK {\n            misc_path "/usr/local/bin/check_app 10.0.1.1"\n            misc_timeout 5\n        }\n    }\n}',
  },
  check(ctx) {
    const checkers = allCheckers(ctx.analysis);
    for (let i = 0; i < checkers.length; i++) {
      const { checker: ck } = checkers[i]!;
      // A misc_path whose command is empty (misc_path " ") sets nothing either.
      if (ck.kind !== 'MISC_CHECK' || childrenNamed(ck.node, 'misc_path').some((l) => !commandEmpty(ctx.analysis, l))) continue;
      ctx.report({
        message: `MISC_CHECK has no 'misc_path'; keepalived drops this checker (keepalived: "No script path has been specified for MISC_CHECKER - skipping")`,
        file: ck.node.file,
        range: blockEnd(ck.node),
        related: [related(ck.node, 'MISC_CHECK starts here')],
      });
    }
  },
};
