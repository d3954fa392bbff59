// KA211: a setting given twice in one block, which keepalived overwrites without a word. Emitted by
// the schema walker (the keyword table's `repeat: last_wins`).
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA211',
  name: 'setting-overwritten',
  family: 'schema',
  severity: 'warning',
  description: 'A setting given twice in one block: keepalived silently keeps the later value',
  docs: {
    why:
      'For most settings keepalived simply overwrites the earlier value with the later one, and `keepalived -t` says ' +
      'nothing. When a MASTER config is copied and edited into a BACKUP, a new `priority` or `virtual_router_id` line ' +
      'added below the old one decides, while a reader sees the first. kalint warns when the values differ in one file; ' +
      'the same value twice, or a later value from another file (a shared include, then the node\'s own line), is ' +
      'information. When keepalived refused the earlier line\'s value (KA205 there: `priority 300`, `advert_int abc`), ' +
      'the earlier value was never in force and keepalived has said so: the finding says that this later line is the ' +
      'value keepalived uses, and that the refused line is better deleted. Settings keepalived keeps the first of, or ' +
      'reports, are KA209.',
    bad: `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    priority 100
    virtual_ipaddress {
        192.168.1.10/24
    }
}
`,
    good: `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    virtual_ipaddress {
        192.168.1.10/24
    }
}
`,
  },
};

export default rule;
