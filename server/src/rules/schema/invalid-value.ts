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
      'whole block. None of these is what the line says, so kalint reports it with the expected type or range. ' +
      'A number with something after it (`interval 2s`, `rise 2x`) is worse: keepalived -t calls it invalid and ' +
      'ignores it, while the running daemon only logs a warning and uses the leading number, and timers from 2.2.3 ' +
      'on read `delay_loop 6s` as 6 microseconds, so what the test passes is not what runs. The message says ' +
      'what each of them uses. An address whose prefix is too long or negative (`192.168.10.100/33`) is reported, and ' +
      'from 2.0.7 added with the full length (/32, /128): it is still a VIP, only not the network meant. ' +
      'A choice written in the wrong case, with a look-alike letter or misspelt (`state BACUP`, ' +
      '`lb_kind DRR`) names the value meant and offers it as a suggestion, never applied by `--fix`: it changes what ' +
      'keepalived reads.',
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
