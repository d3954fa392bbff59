// KA000: kalint itself failed. Emitted by analyze() and the linter when a parser step or a rule throws.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA000',
  name: 'internal-error',
  family: 'meta',
  severity: 'error',
  description: 'kalint failed while checking this file',
  docs: {
    why:
      'A bug in kalint must not take an editor or a CI job down, so an exception in the parser or in a rule is ' +
      'reported as a finding instead. The other findings of the file are still reported, but the check that ' +
      'failed has said nothing. Please report it with the config that triggers it. No config is supposed to ' +
      'trigger it: the example below is an ordinary config.',
    bad: `global_defs {
    router_id lb1
}
`,
    good: `global_defs {
    router_id lb1
}
`,
  },
};

export default rule;
