// KA536: a checker process script (MISC_CHECK misc_path, notify_up/down, quorum_up/down) whose
// path goes through /bin or another merged-/usr symbolic link; keepalived 2.3.0 and later disable
// it when it runs as root.

import type { FileRule } from '../types.js';
import { reportSymlinkedScriptPaths } from '../security/symlinked-script-path.js';

export const checkerScriptPathThroughSymlink: FileRule = {
  kind: 'file',
  code: 'KA536',
  name: 'checker-script-path-through-symlink',
  family: 'lvs',
  severity: 'warning',
  description: 'A MISC_CHECK or LVS notify script run as root is written under /bin, /sbin or /lib, symbolic links on merged-/usr systems; keepalived 2.3.0 and later disable it.',
  docs: {
    why:
      'Before running a script as root keepalived checks that no directory of the path written for it can be changed by ' +
      'another user. From 2.3.0 it walks that path without following symbolic links, and on merged-/usr systems ' +
      '(Debian 12, Ubuntu 20.04 and later, RHEL 8 and later, Fedora) /bin, /sbin and /lib are symbolic links into /usr: ' +
      'keepalived reports "Wrong file type found in script path" and disables the script, so a MISC_CHECK no longer ' +
      'checks its real server and quorum and notify scripts never run. 2.2.x resolved the path first. Write the path ' +
      'under /usr, or run the script as another user.',
    target: '2.3.0',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        MISC_CHECK {\n            misc_path "/bin/nc -z 10.0.1.1 80"\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        MISC_CHECK {\n            misc_path "/usr/bin/nc -z 10.0.1.1 80"\n        }\n    }\n}',
  },
  check(ctx) {
    reportSymlinkedScriptPaths(ctx, 'checker');
  },
};
