// KA210: a keyword that needs a build option the common distribution packages leave out.
// Emitted by the schema walker.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA210',
  name: 'feature-not-built',
  family: 'schema',
  severity: 'warning',
  description: 'A keyword that needs an optional keepalived build feature',
  docs: {
    why:
      'Some keywords exist only when keepalived is compiled with an optional library. The packages of the common ' +
      'distributions (Debian and Ubuntu, for instance) leave ipset support out, and there these keywords are ' +
      "unknown. They are also built with nftables and without iptables: from 2.2.2 'vrrp_iptables' there is a " +
      "configuration error, and keepalived uses the nftables table 'keepalived' in its place. Check 'keepalived -v' " +
      'on the target hosts before relying on them.',
    bad: `global_defs {
    router_id lb1
    vrrp_ipsets keepalived
}
`,
    good: `global_defs {
    router_id lb1
}
`,
  },
};

export default rule;
