// KA209: a setting or named block defined twice. Emitted by the schema walker.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA209',
  name: 'duplicate',
  family: 'schema',
  severity: 'error',
  description: 'A setting or a named block defined twice',
  docs: {
    why:
      'Depending on the keyword keepalived keeps the first value, keeps the last one and complains, or ignores ' +
      'a whole second block of the same name. A duplicate is usually a copy-and-paste leftover, and which copy ' +
      'wins is rarely obvious to the reader. kalint links the finding to the first definition. A repeated ' +
      '`bfd_instance` is a case of its own: the BFD, VRRP and checker processes each keep their own names and each may ' +
      'drop a block when it ends (the BFD process one without a usable neighbor, the VRRP process one with only a ' +
      '`checker` line, the checker one with only a `vrrp` line), so a later block of that name can be read by one ' +
      'process and skipped by the others; the finding says which, and only the lines its readers handle are checked.',
    bad: `instance lb_a
instance lb_b
global_defs {
    router_id lb1
}
`,
    good: `instance lb_a
global_defs {
    router_id lb1
}
`,
  },
};

export default rule;
