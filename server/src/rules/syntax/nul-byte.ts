// KA117: a NUL byte in a line (or a file saved as UTF-16). Emitted by the reader (noteNulBytes).
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA117',
  name: 'nul-byte',
  family: 'syntax',
  severity: 'error',
  description: 'A NUL byte in the configuration, which keepalived reads as the end of the line, or as a reason to drop it',
  docs: {
    why:
      'keepalived measures each line it reads as a C string, so a NUL byte (0x00) ends it. Before 2.4 keepalived reads the ' +
      'line up to the NUL and ignores the rest without a word: in the example below the instance gets virtual_router_id 51 ' +
      'although the line shows 52 after it. The line feed goes with the rest of the line, so keepalived also loses count of ' +
      'that line, and some of its messages give the lines after it numbers one too low. keepalived 2.4 drops every line holding a NUL ("configuration appears to have ' +
      'embedded NULs - ignoring line"), so the same file loses its virtual_router_id on upgrade. A file saved as UTF-16 ' +
      '(some Windows editors do it) has a NUL beside every ASCII character: keepalived reads next to nothing of it, and ' +
      'before 2.4 `keepalived -t` may not say so. NUL bytes come from editors, broken copies and encodings, never from ' +
      'a line meant for keepalived: remove them, and save the file as UTF-8 (`kalint lint --fix` converts a UTF-16 file, which `kalint fmt` leaves alone). Shown here as ␀.',
    bad: `vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51\0 52
    priority 100
    virtual_ipaddress {
        192.168.1.10/24
    }
}
`,
    good: `vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 52
    priority 100
    virtual_ipaddress {
        192.168.1.10/24
    }
}
`,
  },
};

export default rule;
