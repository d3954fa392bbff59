// KA001: a suppression comment without a reason. Emitted by the linter's suppression step.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA001',
  name: 'suppression-without-reason',
  family: 'meta',
  severity: 'warning',
  description: "A kalint-disable comment without '-- reason'; it suppresses nothing",
  docs: {
    why:
      'A suppression hides a finding from everyone who reads the config later, so it has to say why the finding ' +
      "does not apply. Write the reason after ' -- '. Until it has one, the comment suppresses nothing.",
    bad: `# kalint-disable-next-line KA204
global_defs {
    router_id lb1 lb2
}
`,
    good: `global_defs {
    # kalint-disable-next-line KA204 -- lb2 is read by our inventory script
    router_id lb1 lb2
}
`,
  },
};

export default rule;
