// KA202: a known keyword used in a block where it is not valid. Emitted by the schema walker.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA202',
  name: 'keyword-wrong-block',
  family: 'schema',
  severity: 'error',
  description: 'A keyword used outside the block it belongs to',
  docs: {
    why:
      'keepalived looks keywords up among those of the current block only. A keyword placed in the wrong block ' +
      '(often because a brace closed a block too early) is reported as unknown and ignored. kalint names the ' +
      'blocks where the keyword is valid.',
    bad: `global_defs {
    router_id lb1
    advert_int 1
}
`,
    good: `global_defs {
    router_id lb1
    vrrp_garp_master_delay 5
}
`,
  },
};

export default rule;
