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
      'Most keywords need a value, and keepalived handles a missing one keyword by keyword. For most it prints ' +
      '"missing a parameter" and exits at that line, so keepalived does not run at all (`keepalived -t` fails); for others it reports the line and goes ' +
      'on without the setting; a few it accepts without a word, and on some (a bfd_instance neighbor_ip without an ' +
      'address) keepalived 2.2.7 crashes. The message says which, from behaviour measured on keepalived 2.2.7 for every ' +
      'keyword. A vrrp_instance, vrrp_sync_group or track_group without a name is skipped whole: nothing inside it is read.',
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
