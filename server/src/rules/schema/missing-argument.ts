// KA203: a keyword without a value it requires. Emitted by the schema walker.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA203',
  name: 'missing-argument',
  family: 'schema',
  severity: 'error',
  description: 'A keyword without a required value',
  docs: {
    why:
      'Most keywords need a value. keepalived treats a missing one as a configuration error and, for some ' +
      'keywords, stops reading the rest of the configuration at that point. A vrrp_instance, vrrp_sync_group or ' +
      'track_group without a name is skipped whole: nothing inside it is read.',
    bad: `global_defs {
    router_id lb1
    smtp_connect_timeout
}
`,
    good: `global_defs {
    router_id lb1
    smtp_connect_timeout 30
}
`,
  },
};

export default rule;
