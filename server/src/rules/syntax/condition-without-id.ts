// KA118: an '@' with no config id after it. Emitted by the reader.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA118',
  name: 'condition-without-id',
  family: 'syntax',
  severity: 'warning',
  description: "A line starts with '@' and a blank: keepalived reads it on no host, as no config id is empty",
  docs: {
    why:
      "`@id line` is read only by the keepalived started with that config id (`-i id`, or the host name). With nothing between " +
      "'@' and the blank, the id is empty; no config id is, so no host reads the line, and keepalived says nothing. It comes " +
      "from templates whose host variable rendered empty (`@{{ host }} priority 150`). An '@^' with no id is the opposite: " +
      'every host reads the line. Write the id right after the @.',
    bad: `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
@ priority 150
    virtual_ipaddress {
        10.0.0.1
    }
}
`,
    good: `vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
@lb1 priority 150
    virtual_ipaddress {
        10.0.0.1
    }
}
`,
  },
};

export default rule;
