// KA365: a VRRP process script (vrrp_script, notify scripts) whose path goes through /bin or
// another merged-/usr symbolic link; keepalived 2.3.0 and later disable it when it runs as root.

import type { FileRule } from '../types.js';
import { reportSymlinkedScriptPaths } from '../security/symlinked-script-path.js';

export const scriptPathThroughSymlink: FileRule = {
  kind: 'file',
  code: 'KA365',
  name: 'script-path-through-symlink',
  family: 'vrrp',
  severity: 'warning',
  description: 'A vrrp_script or notify script run as root is written under /bin, /sbin or /lib, symbolic links on merged-/usr systems; keepalived 2.3.0 and later disable it.',
  docs: {
    why:
      'Before running a script as root keepalived checks that no directory of the path written for it can be changed by ' +
      'another user. From 2.3.0 it walks that path without following symbolic links, and on merged-/usr systems ' +
      '(Debian 12, Ubuntu 20.04 and later, RHEL 8 and later, Fedora) /bin, /sbin and /lib are symbolic links into /usr: ' +
      'keepalived reports "Wrong file type found in script path" and disables the script, so a track script stops ' +
      'affecting failover and a notify script never runs. 2.2.x resolved the path first. Write the path under /usr ' +
      '(`/usr/bin/pgrep`), or run the script as another user.',
    target: '2.3.0',
    bad: 'vrrp_script chk_haproxy {\n    script "/bin/pidof haproxy"\n}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n    track_script {\n        chk_haproxy\n    }\n}',
    good: 'vrrp_script chk_haproxy {\n    script "/usr/bin/pidof haproxy"\n}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n    track_script {\n        chk_haproxy\n    }\n}',
  },
  check(ctx) {
    reportSymlinkedScriptPaths(ctx, 'vrrp');
  },
};
