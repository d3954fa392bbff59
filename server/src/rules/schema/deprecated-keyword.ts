// KA206: a keyword replaced by another. Emitted by the schema walker (with a fix when the
// replacement is a single keyword).
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA206',
  name: 'deprecated-keyword',
  family: 'schema',
  severity: 'warning',
  description: 'A deprecated keyword that has a replacement',
  docs: {
    why:
      'keepalived keeps some old keyword names working, logs a warning for others, and rejects a few. The ' +
      'severity follows what keepalived does: information for silent aliases, a warning when it logs, an error ' +
      'when it reports a configuration error. Old names may disappear in later versions; the replacement works ' +
      'in every version that knows it.',
    bad: `global_defs {
    router_id lb1
    vrrp_rlimit_rtime 10000
}
`,
    good: `global_defs {
    router_id lb1
    vrrp_rlimit_rttime 10000
}
`,
  },
};

export default rule;
