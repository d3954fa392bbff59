// KA540: more than one misc_dynamic MISC_CHECK for one real server, before 2.2.0.

import type { AstNode } from '../../core/analysis/ast.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { related } from './util.js';

/*
 * From 1.3.7 (24c7b8e5) each misc_dynamic line notes that the real server has a dynamic MISC_CHECK, and a second one
 * is reported ("Warning - more than one dynamic misc checker per real server will cause problems"; logged only
 * before 2.0, a configuration error after): each such checker sets the real server's weight from its script's exit
 * code, so they overwrite each other. 3f0ce185 (2.2.0) lets a real server have several MISC_CHECKs, whose
 * dynamic weights add up. Checked with the 2.0.10, 2.0.19 and 2.1.5 builds.
 */
const REPORTED: [Version, Version] = [
  [1, 3, 7],
  [2, 2, 0],
];

export const dynamicMiscChecks: FileRule = {
  kind: 'file',
  code: 'KA540',
  name: 'dynamic-misc-checks',
  family: 'lvs',
  severity: 'warning',
  description: 'A real_server has more than one misc_dynamic MISC_CHECK; before 2.2.0 each sets the weight from its own exit code.',
  docs: {
    why:
      'With `misc_dynamic` a MISC_CHECK sets the real server\'s weight from its script\'s exit code. keepalived before 2.2.0 ' +
      'keeps one weight per real server, so two dynamic checkers overwrite each other\'s weight at every run and the ' +
      'weight flips between them; keepalived warns ("more than one dynamic misc checker per real server will cause ' +
      'problems"), and 2.0.x\'s `keepalived -t` fails on it (2.1.x\'s exits 0 after any configuration error). Combine the scripts into one, or drop `misc_dynamic` from all but one. ' +
      'From 2.2.0 the dynamic weights of several MISC_CHECKs add up.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        MISC_CHECK {\n            misc_path /usr/local/bin/check_app\n            misc_dynamic\n        }\n        MISC_CHECK {\n            misc_path /usr/local/bin/check_db\n            misc_dynamic\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        MISC_CHECK {\n            misc_path /usr/local/bin/check_app_and_db\n            misc_dynamic\n        }\n    }\n}',
    target: '2.1.5',
  },
  check(ctx) {
    if (compareVersions(ctx.target, REPORTED[0]) < 0 || compareVersions(ctx.target, REPORTED[1]) >= 0) return;
    const servers = ctx.analysis.model.virtualServers;
    for (let i = 0; i < servers.length; i++) {
      const realServers = servers[i]!.realServers;
      for (let j = 0; j < realServers.length; j++) {
        const checkers = realServers[j]!.checkers;
        // keepalived notes each misc_dynamic line as it reads it, a repeated one in one MISC_CHECK too.
        let first: AstNode | undefined;
        for (let k = 0; k < checkers.length; k++) {
          const ck = checkers[k]!;
          if (ck.kind !== 'MISC_CHECK') continue;
          for (let m = 0, lines = ck.node.children; m < lines.length; m++) {
            const line = lines[m]!;
            if (line.keyword !== 'misc_dynamic') continue;
            if (!first) {
              first = line;
              continue;
            }
            ctx.report({
              message: `a second misc_dynamic for this real server: keepalived ${ctx.target.join('.')} keeps one weight per real server, and each dynamic MISC_CHECK overwrites it with its own exit code (keepalived: "more than one dynamic misc checker per real server will cause problems"; several add up from 2.2.0)`,
              file: line.file,
              range: line.range,
              related: [related(first, 'the first misc_dynamic')],
            });
          }
        }
      }
    }
  },
};
