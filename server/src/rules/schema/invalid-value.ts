// KA205: a value of the wrong type or outside its range. Emitted by the schema walker.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA205',
  name: 'invalid-value',
  family: 'schema',
  severity: 'error',
  description: 'A value of the wrong type or outside the allowed range',
  docs: {
    why:
      'keepalived checks numbers, addresses and choices when it reads them. Depending on the keyword an invalid ' +
      'value is rejected (the default stays), replaced with the nearest valid one, or makes keepalived refuse the ' +
      'whole block. None of these is what the line says, so kalint reports it with the expected type or range.',
    bad: `global_defs {
    router_id lb1
    vrrp_garp_master_delay 5000
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
