// KA003: a suppression naming a rule kalint does not have. Emitted by the linter's suppression step.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA003',
  name: 'suppression-unknown-rule',
  family: 'meta',
  severity: 'warning',
  description: 'A kalint-disable comment that names an unknown rule',
  docs: {
    why:
      "Suppressions name rules by code (KA204) or by name (extra-arguments). A misspelt one suppresses nothing, " +
      "and the finding it was meant to hide is still reported. 'kalint explain --list' lists every rule.",
    bad: `global_defs {
    # kalint-disable-next-line KA240 -- lb2 is read by our inventory script
    router_id lb1 lb2
}
`,
    good: `global_defs {
    # kalint-disable-next-line extra-arguments -- lb2 is read by our inventory script
    router_id lb1 lb2
}
`,
  },
};

export default rule;
