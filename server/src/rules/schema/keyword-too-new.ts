// KA207: a keyword newer than the keepalived version checked against. Emitted by the schema walker.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA207',
  name: 'keyword-too-new',
  family: 'schema',
  severity: 'error',
  description: 'A keyword the target keepalived version does not have yet',
  docs: {
    why:
      'Configs often outlive the hosts they are written on. A keyword added in a later keepalived release is an ' +
      "unknown keyword to the version actually installed. Set 'targetVersion' in .kalint.json (or " +
      '--target-version) to the version your hosts run; the default is 2.2.7.',
    bad: `global_defs {
    router_id lb1
    use_symlink_paths
}
`,
    good: `global_defs {
    router_id lb1
}
`,
  },
};

export default rule;
