import type { FileRule } from '../types.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import { allCheckers, related } from '../lvs/util.js';

/*
 * A MISC_CHECK `user` line whose user or group keepalived cannot look up makes it remove the checker ("Failed to set
 * uid/gid for misc checker script … - removing"). How it removed it, by release (check_misc.c, misc_user_handler):
 * - 1.3.6 to 1.3.8 and 2.0.0 to 2.0.18: freed, but left in the queue of checkers (the 2.0.10 build: a segmentation
 *   fault, also under keepalived -t);
 * - 2.0.19 to 2.2.2: taken off the queue, which frees it, and freed again (the 2.0.19 and 2.1.5 builds abort: "double
 *   free or corruption", "free(): double free detected");
 * - 1.3.9 to 1.4.x, and from 2.2.3 (48387eaf): taken off the queue only, and keepalived goes on without it.
 * Whether the account exists is the node's business, not the file's: the rule says what happens if it does not.
 */
const CRASH_RANGES: [Version, Version][] = [
  [[1, 3, 6], [1, 3, 9]],
  [[2, 0, 0], [2, 2, 3]],
];

export const miscCheckUserCrash: FileRule = {
  kind: 'file',
  code: 'KA611',
  name: 'misc-check-user-crash',
  family: 'security',
  severity: 'warning',
  description: 'A MISC_CHECK names a user: on keepalived 2.0.0 to 2.2.2 (and 1.3.6 to 1.3.8) a user or group the node does not have crashes the health checker instead of dropping the check.',
  docs: {
    why:
      'keepalived looks the `user` of a MISC_CHECK up when it reads the line. If the account or group does not exist on ' +
      'the node, it removes the checker, and from 1.3.6 to 1.3.8 and 2.0.0 to 2.2.2 it frees the checker wrongly while ' +
      'doing so: the health checker process dies (a segmentation fault or a "double free" abort) and is started again in ' +
      'a loop, and `keepalived -t` crashes the same way instead of reporting the line. Ubuntu 20.04 (2.0.19), Debian 11 and ' +
      'RHEL 8 (2.1.5) ship such releases. Make sure the user and group exist on every node before the config reaches it, ' +
      'or leave `user` out and let the check run as root: a global_defs `script_user` the node lacks crashes these releases\' ' +
      'MISC_CHECK the same way (KA602; for vrrp scripts it is only reported). 2.2.3 and later drop the check and go on.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        MISC_CHECK {\n            misc_path "/usr/local/bin/check_app"\n            user healthcheck\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        MISC_CHECK {\n            misc_path "/usr/local/bin/check_app"\n        }\n    }\n}',
    target: '2.1.5',
  },
  check(ctx) {
    if (!CRASH_RANGES.some(([from, to]) => compareVersions(ctx.target, from) >= 0 && compareVersions(ctx.target, to) < 0)) return;
    const release = ctx.target.join('.');
    const checkers = allCheckers(ctx.analysis);
    for (let i = 0; i < checkers.length; i++) {
      const ck = checkers[i]!.checker;
      if (ck.kind !== 'MISC_CHECK') continue;
      // keepalived reads every user line until one fails (after that the checker is gone).
      for (const line of ck.node.children) {
        if (line.keyword !== 'user' || line.argCount === 0) continue;
        const group = line.argCount > 1 ? ` and group '${line.argText(1)}'` : '';
        ctx.report({
          message: `if user '${line.argText(0)}'${group} does not exist on the node, keepalived ${release} crashes while removing this MISC_CHECK (the health checker dies and is restarted in a loop; keepalived -t crashes too) instead of dropping it ("Failed to set uid/gid for misc checker script"; fixed in 2.2.3): make sure the account exists on every node`,
          file: line.file,
          range: line.range,
          related: [related(ck.node, 'MISC_CHECK starts here')],
        });
      }
    }
  },
};
