// KA208: words on the line of a block keyword, where keepalived expects only '{'. Emitted by the
// schema walker.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA208',
  name: 'block-extra-parameters',
  family: 'schema',
  severity: 'error',
  description: "Values written on a block keyword's line instead of inside its braces",
  docs: {
    why:
      "Block keywords such as 'virtual_ipaddress' take their entries inside '{ }', one per line. Values written " +
      "on the keyword's own line are ignored, and without a '{' the block then swallows the following lines up " +
      "to the next '}'. keepalived 2.2.7 reports this for value blocks; kalint reports it for every block.",
    bad: `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    virtual_ipaddress 192.0.2.10/24
}
`,
    good: `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    virtual_ipaddress {
        192.0.2.10/24
    }
}
`,
  },
};

export default rule;
