// What releases before and after 2.2.7 do with a keyword line missing its value, with a word too many
// or with a value they cannot read, where they differ from 2.2.7 (keywords.json: without_args_silent_before,
// without_args_reported_since, crashes_without_args_before, extra_words, args_since, invalid_crashes;
// walker.ts: VSG_EXTRA_WORDS_STOP_SINCE, PAST_THE_LINE_CRASHES_SINCE). Found by
// scripts/keepalived-versions/line-probes.ts against builds of 2.0.10, 2.0.19, 2.1.5, 2.2.4 and 2.2.8;
// each fact dated with keepalived's history (the commits are named in CORRECTIONS.md).
//
// Every case says what kalint must report at each release (checked everywhere) and what that
// release's keepalived -t does with the line, checked against its build where this machine has one
// (test/helpers/releases.ts: $KA_BUILDS, e.g. KA_BUILDS=/tmp/h17/old/src-:/tmp/h13/old13/src-).

import { describe, expect, it } from 'vitest';
import { lintText } from '../server/src/linter.js';
import { releaseBinary, runRelease } from './helpers/releases.js';

interface AtRelease {
  /** What keepalived -t does: reads on past the line (the sentinel after it is reported), stops there, or crashes. */
  /** 'crashes or stops': a word read past the line, where what the memory holds decides (one build crashes, another stops). */
  keepalived: 'reads on' | 'stops' | 'crashes' | 'crashes or stops';
  /** A message keepalived prints for the line; with `silent`, it prints none. */
  says?: RegExp;
  silent?: boolean;
  /** A finding of kalint's on the line, as `CODE severity: message`; 'none' for no argument finding (KA203/4/5/8). */
  kalint: RegExp | 'none';
  /** What no finding on the line may say. */
  kalintNot?: RegExp;
}

interface Case {
  what: string;
  text: string;
  /** 1-based line of the probe. */
  line: number;
  releases: Record<string, AtRelease>;
}

const SENTINEL = 'kalint_sentinel';
const rs = (checker: string, body: string, port = '80', protocol = 'TCP') =>
  `virtual_server 192.0.2.1 ${port} {\n  protocol ${protocol}\n  real_server 192.0.2.2 ${port} {\n    ${checker} {\n${body}    }\n  }\n}\n`;
const url = (line: string) => rs('HTTP_GET', `      url {\n        path /\n        ${line}\n        ${SENTINEL}\n      }\n`);

const CASES: Case[] = [
  {
    // set_value handed the handler nothing before ed7ca7d5 (2.0.17); from it, a bare value stops.
    what: 'a bare lvs_sync_daemon_interface',
    text: `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 1\n  lvs_sync_daemon_interface\n  ${SENTINEL}\n}\n`,
    line: 4,
    releases: {
      '2.0.10': { keepalived: 'reads on', says: /lvs_sync_daemon_interface against a vrrp is deprecated/, kalint: /^KA203 warning: .*keepalived 2\.0\.10 ignores the line without a word \(2\.0\.17 and later exit here with a configuration error\)/ },
      '2.0.19': { keepalived: 'stops', kalint: /^KA203 error: .*keepalived exits here with a configuration error/ },
    },
  },
  {
    // dns_type_lookup(NULL) before c1fb3303 (2.0.17) read it with strvec_slot.
    what: 'a bare DNS_CHECK type',
    text: rs('DNS_CHECK', `      type\n      ${SENTINEL}\n`, '53', 'UDP'),
    line: 5,
    releases: {
      '2.0.10': { keepalived: 'crashes', kalint: /^KA203 error: .*keepalived 2\.0\.10 crashes on this line.*fixed in 2\.0\.17/ },
      '2.0.19': { keepalived: 'stops', kalint: /^KA203 error: .*exits here with a configuration error/ },
      '2.2.7': { keepalived: 'stops', kalint: /^KA203 error: .*exits here with a configuration error/ },
    },
  },
  {
    // From 1.4.3 (aa644248) to 2.0.16 the code is read with strvec_slot; from 2.0.17 it may be left out.
    what: 'a bare url status_code',
    text: url('status_code'),
    line: 7,
    releases: {
      '2.0.10': { keepalived: 'stops', kalint: /^KA203 error: 'status_code' is missing its codes \(keepalived 2\.0\.10; it may be left out from 2\.0\.17 on\); keepalived exits here with a configuration error/ },
      '2.0.19': { keepalived: 'reads on', silent: true, kalint: 'none' },
    },
  },
  {
    // 'reverse' after a bfd_instance weight came in 2.0.18 (09a7f5bf): before, the word is not read.
    what: 'a bfd_instance weight with a word after it',
    text: `bfd_instance b1 {\n  neighbor_ip 192.0.2.9\n  weight 10 x\n  ${SENTINEL}\n}\n`,
    line: 3,
    releases: {
      '2.0.10': { keepalived: 'reads on', silent: true, kalint: /^KA204 warning: 'weight' takes one argument; keepalived ignores 'x'/, kalintNot: /^KA205/ },
      '2.0.19': { keepalived: 'reads on', says: /unknown weight option x/, kalint: /^KA205 error: 'weight' takes only 'reverse' here/ },
    },
  },
  {
    what: "a bfd_instance weight with 'reverse'",
    text: `bfd_instance b1 {\n  neighbor_ip 192.0.2.9\n  weight 10 reverse\n  ${SENTINEL}\n}\n`,
    line: 3,
    releases: {
      '2.0.10': { keepalived: 'reads on', silent: true, kalint: /^KA204 warning: keepalived 2\.0\.10 reads no 'reverse' after the weight \(it came in 2\.0\.18\)/ },
      '2.0.19': { keepalived: 'reads on', silent: true, kalint: 'none' },
    },
  },
  {
    // 36318cb4 (2.0.14) stopped allocating the default the SMTP_CHECK's end copies from; ca49b6cd (2.1.4).
    what: 'an SMTP_CHECK connect_ip keepalived cannot read',
    text: rs('SMTP_CHECK', `      connect_ip 192.0.2.300\n      ${SENTINEL}\n`, '25'),
    line: 5,
    releases: {
      '2.0.10': { keepalived: 'reads on', says: /Invalid connect_ip address 192\.0\.2\.300 - ignoring/, kalint: /^KA205 error: 'connect_ip' expects an IP address/, kalintNot: /crash/ },
      '2.0.19': { keepalived: 'crashes', says: /Invalid connect_ip address/, kalint: /^KA205 error: .*keepalived 2\.0\.19 reports it, then crashes at the end of the block.*fixed in 2\.1\.4/ },
      '2.1.5': { keepalived: 'reads on', says: /Invalid connect_ip address/, kalint: /^KA205 error/, kalintNot: /crash/ },
    },
  },
  {
    // The same unset destination through a connect_ip of the other family than the bindto before it (KA530).
    what: 'an SMTP_CHECK connect_ip of the other family than its bindto',
    text: rs('SMTP_CHECK', `      bindto 192.0.2.5\n      connect_ip 2001:db8::1\n      ${SENTINEL}\n`, '25'),
    line: 6,
    releases: {
      '2.0.10': { keepalived: 'reads on', says: /does not match address family of bindto - skipping/, kalint: /^KA530 error: connect_ip 2001:db8::1 is not the same address family as bindto 192\.0\.2\.5; keepalived skips it/, kalintNot: /crash/ },
      '2.0.19': { keepalived: 'crashes', says: /does not match address family of bindto/, kalint: /^KA530 error: .*keepalived 2\.0\.19 then crashes at the end of this SMTP_CHECK.*fixed in 2\.1\.4/ },
      '2.1.5': { keepalived: 'reads on', says: /does not match address family of bindto/, kalint: /^KA530 error/, kalintNot: /crash/ },
    },
  },
  {
    // 2.0.14 (36318cb4) to 2.1.3 queue an SMTP_CHECK's connection with the real server as destination: a bindto of
    // the other family is skipped there, as in other checkers; before and after, the connection starts empty.
    what: 'an SMTP_CHECK bindto of the other family than its real server',
    text: rs('SMTP_CHECK', `      bindto 2001:db8::5\n      ${SENTINEL}\n`, '25'),
    line: 5,
    releases: {
      '2.0.10': { keepalived: 'reads on', silent: true, kalint: 'none', kalintNot: /^KA530/ },
      '2.0.19': { keepalived: 'reads on', says: /bindto address 2001:db8::5 does not match address family of connect_ip - skipping/, kalint: /^KA530 error: bindto 2001:db8::5 is not the same address family as the real server address 192\.0\.2\.2; keepalived skips it/ },
      '2.1.5': { keepalived: 'reads on', silent: true, kalint: 'none', kalintNot: /^KA530/ },
      '2.2.7': { keepalived: 'reads on', silent: true, kalint: 'none', kalintNot: /^KA530/ },
    },
  },
  {
    // bfd_nbrip_handler compares vector_slot(strvec, 1), a word past the line: memory decides.
    what: 'a bare neighbor_ip',
    text: `bfd_instance b1 {\n  neighbor_ip\n  ${SENTINEL}\n}\n`,
    line: 2,
    releases: {
      '2.0.19': { keepalived: 'crashes or stops', kalint: /^KA203 error: .*keepalived 2\.0\.19 reads a word past the end of this line: it crashes here .* or exits here with a configuration error/ },
      '2.1.5': { keepalived: 'crashes or stops', kalint: /^KA203 error: .*keepalived 2\.1\.5 reads a word past the end of this line: it crashes here .* or exits here with a configuration error/ },
      '2.2.4': { keepalived: 'crashes', kalint: /^KA203 error: .*keepalived 2\.2\.4 crashes on this line/ },
      '2.2.7': { keepalived: 'crashes', kalint: /^KA203 error: .*keepalived 2\.2\.7 crashes on this line/ },
      '2.2.8': { keepalived: 'crashes', kalint: /^KA203 error: .*keepalived 2\.2\.8 crashes on this line/ },
    },
  },
  {
    what: 'a bare bfd_instance',
    text: `bfd_instance {\n}\n${SENTINEL}\n`,
    line: 1,
    releases: {
      '2.0.10': { keepalived: 'crashes or stops', kalint: /^KA203 error: .*reads a word past the end of this line: it crashes here .* or exits here/ },
      '2.0.19': { keepalived: 'crashes or stops', kalint: /^KA203 error: .*reads a word past the end of this line: it crashes here .* or exits here/ },
      '2.1.5': { keepalived: 'crashes or stops', kalint: /^KA203 error: .*reads a word past the end of this line: it crashes here .* or exits here/ },
      '2.2.7': { keepalived: 'crashes', kalint: /^KA203 error: .*keepalived 2\.2\.7 crashes on this line/ },
    },
  },
  {
    // From f4238f91 (2.1.0) the checker reads the entries from a copy of the line without the name.
    what: 'a word after a virtual_server_group name',
    text: `virtual_server_group g1 extra {\n  192.0.2.1 80\n}\n${SENTINEL}\n`,
    line: 1,
    releases: {
      '2.0.19': { keepalived: 'reads on', silent: true, kalint: /^KA208 warning: .*keepalived 2\.0\.19 -t does not report it/ },
      '2.1.5': { keepalived: 'stops', says: /`\*\*\*MISSING \*\*\*` is missing a parameter at word position 1/, kalint: /^KA208 error: .*keepalived exits here with a configuration error/ },
      '2.2.7': { keepalived: 'stops', says: /`\*\*\*MISSING \*\*\*`/, kalint: /^KA208 error: .*keepalived exits here with a configuration error/ },
      '2.2.8': { keepalived: 'stops', kalint: /^KA208 error: .*keepalived exits here with a configuration error/ },
    },
  },
  {
    // A flag before 2.2.0, which reads the reply's bytes (3e728324).
    what: 'a UDP_CHECK require_reply with a word',
    text: rs('UDP_CHECK', `      require_reply zz\n      ${SENTINEL}\n`, '53', 'UDP'),
    line: 5,
    releases: {
      '2.1.5': { keepalived: 'reads on', silent: true, kalint: /^KA204 warning: 'require_reply' takes no arguments; keepalived ignores 'zz'/, kalintNot: /^KA205/ },
      '2.2.4': { keepalived: 'reads on', says: /Invalid hex string for UDP_CHECK reply/, kalint: /^KA205 error: 'require_reply' expects hex digits/ },
    },
  },
  {
    // regex_handler only logged "regex missing or too many fields" until 4b269f81 (2.2.8).
    what: 'a regex of two words',
    text: url('regex a b'),
    line: 7,
    releases: {
      '2.2.4': { keepalived: 'reads on', silent: true, kalint: /^KA204 warning: 'regex' takes one word; .*ignores the whole line.*only logs it: keepalived 2\.2\.4 -t does not report it \(2\.2\.8 and later do\)/ },
      '2.2.7': { keepalived: 'reads on', silent: true, kalint: /^KA204 warning: .*only logs it: keepalived 2\.2\.7 -t does not report it/ },
      '2.2.8': { keepalived: 'reads on', says: /regex missing or too many fields/, kalint: /^KA204 error: 'regex' takes one word; .*ignores the whole line, not only the extra words, and reports it/ },
    },
  },
  {
    what: 'a bare regex',
    text: url('regex'),
    line: 7,
    releases: {
      '2.2.7': { keepalived: 'reads on', silent: true, kalint: /^KA203 warning: .*keepalived 2\.2\.7 ignores the line and only logs it, -t does not report it \(2\.2\.8 and later do\)/ },
      '2.2.8': { keepalived: 'reads on', says: /regex missing or too many fields/, kalint: /^KA203 error: .*keepalived reports the line and goes on without it/ },
    },
  },
  {
    // Handlers that check the word count drop the whole line and say so, in every release that has them.
    what: 'a virtual_server snmp_name of two words',
    text: `virtual_server 192.0.2.1 80 {\n  protocol TCP\n  snmp_name a b\n  ${SENTINEL}\n  real_server 192.0.2.2 80 {\n  }\n}\n`,
    line: 3,
    releases: {
      '2.2.4': { keepalived: 'reads on', says: /virtual server snmp_name missing or extra parameters/, kalint: /^KA204 error: 'snmp_name' takes one word; with 'b' after it keepalived ignores the whole line/ },
      '2.2.7': { keepalived: 'reads on', says: /virtual server snmp_name missing or extra parameters/, kalint: /^KA204 error: .*ignores the whole line/ },
    },
  },
  {
    what: 'a kernel_rx_buf_size of two words',
    text: `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 1\n  kernel_rx_buf_size 1 2\n  ${SENTINEL}\n}\n`,
    line: 4,
    releases: {
      '2.0.10': { keepalived: 'reads on', says: /invalid kernel_rx_buf_size specified/, kalint: /^KA204 error: .*ignores the whole line/ },
      '2.2.7': { keepalived: 'reads on', says: /invalid kernel_rx_buf_size specified/, kalint: /^KA204 error: .*ignores the whole line/ },
    },
  },
  {
    // vs_handler reads its first word with strvec_slot.
    what: 'a bare virtual_server',
    text: `virtual_server {\n}\n${SENTINEL}\n`,
    line: 1,
    releases: {
      '2.0.10': { keepalived: 'stops', kalint: /^KA203 error: 'virtual_server' needs an address and port, 'fwmark N' or 'group NAME'; keepalived exits here with a configuration error/ },
      '2.2.7': { keepalived: 'stops', kalint: /^KA203 error: .*keepalived exits here with a configuration error/ },
    },
  },
  // Ranges that moved (found by line-probes.ts --kinds range): a virtual_server weight was 1-65535 from 2.0.0
  // (range checked) to 2.1.0 (IPVS_WEIGHT_MAX); timers read as doubles before 1bb9a63a (2.2.3) stopped at
  // UINT_MAX / TIMER_HZ whole seconds (4294; a garp_group's at 2147), and vrrp_startup_delay's least was 1e-9 s.
  {
    what: 'a virtual_server weight of 70000',
    text: `virtual_server 192.0.2.1 80 {\n  protocol TCP\n  weight 70000\n  ${SENTINEL}\n  real_server 192.0.2.2 80 {\n  }\n}\n`,
    line: 3,
    releases: {
      '2.0.10': { keepalived: 'reads on', says: /Virtual server weight 70000 is outside range 1-65535/, kalint: /^KA205 error: 'weight' 70000 is outside \[1, 65535\]/ },
      '2.0.19': { keepalived: 'reads on', says: /Virtual server weight 70000 is outside range 1-65535/, kalint: /^KA205 error: 'weight' 70000 is outside \[1, 65535\]/ },
      '2.1.5': { keepalived: 'reads on', silent: true, kalint: 'none' },
      '2.2.7': { keepalived: 'reads on', silent: true, kalint: 'none' },
    },
  },
  {
    what: 'a vrrp_garp_interval of 4294.5 s',
    text: `global_defs {\n  vrrp_garp_interval 4294.5\n  ${SENTINEL}\n}\n`,
    line: 2,
    releases: {
      '2.0.19': { keepalived: 'reads on', says: /number '4294\.5' outside range \[1e-06, 4294\]/, kalint: /^KA205 error: 'vrrp_garp_interval' 4294\.5 is outside \[0\.000001, 4294\] s/ },
      '2.1.5': { keepalived: 'reads on', says: /vrrp_garp_interval '4294\.5' is invalid/, kalint: /^KA205 error: 'vrrp_garp_interval' 4294\.5 is outside \[0\.000001, 4294\] s/ },
      '2.2.7': { keepalived: 'reads on', silent: true, kalint: 'none' },
    },
  },
  {
    what: 'a garp_group garp_interval of 2147.5 s',
    text: `garp_group {\n  garp_interval 2147.5\n  ${SENTINEL}\n  interfaces {\n    eth0\n  }\n}\n`,
    line: 2,
    releases: {
      '2.1.5': { keepalived: 'reads on', says: /garp_group garp_interval '2147\.5' invalid/, kalint: /^KA205 error: 'garp_interval' 2147\.5 is outside \[0, 2147\] s/ },
      '2.2.7': { keepalived: 'reads on', says: /garp_group garp_interval '2147\.5' invalid/, kalint: /^KA205 error: 'garp_interval' 2147\.5 is outside \[0, 2147\.483647\] s/ },
    },
  },
  {
    what: 'a vrrp_startup_delay of 0.0001 s',
    text: `global_defs {\n  vrrp_startup_delay 0.0001\n  ${SENTINEL}\n}\n`,
    line: 2,
    releases: {
      '2.1.5': { keepalived: 'reads on', silent: true, kalint: 'none' },
      '2.2.7': { keepalived: 'reads on', says: /number '0\.0001' outside range \[0\.001000, 4294\.967295\]/, kalint: /^KA205 error: 'vrrp_startup_delay' 0\.0001 is outside \[0\.001, 4294\.967295\] s/ },
    },
  },
  {
    // Before 2.2.3 the least vrrp_startup_delay is the C float 0.001F / TIMER_HZ, a hair above 1e-9 (fuzz-generate, 2.1.5).
    what: 'a vrrp_startup_delay of 1e-9 s',
    text: `global_defs {\n  vrrp_startup_delay 1e-9\n  ${SENTINEL}\n}\n`,
    line: 2,
    releases: {
      '2.0.19': { keepalived: 'reads on', says: /vrrp_startup_delay '1e-9' is invalid/, kalint: /^KA205 error: 'vrrp_startup_delay' 1e-9 is outside \[1e-9, 4294\] s \(keepalived holds the lower bound in a C float/ },
      '2.1.5': { keepalived: 'reads on', says: /number '1e-9' outside range \[1e-09, 4294\]/, kalint: /^KA205 error: 'vrrp_startup_delay' 1e-9 is outside \[1e-9, 4294\] s/ },
    },
  },
  {
    what: 'a vrrp_startup_delay of 0.0000000011 s',
    text: `global_defs {\n  vrrp_startup_delay 0.0000000011\n  ${SENTINEL}\n}\n`,
    line: 2,
    releases: {
      '2.1.5': { keepalived: 'reads on', silent: true, kalint: 'none' },
    },
  },
  {
    // Before 2.2.3 a timer is read with strtod: '-0' is -0.0, no less than a least value of 0.
    what: 'a checker warmup of -0',
    text: rs('TCP_CHECK', `      warmup -0\n      ${SENTINEL}\n`),
    line: 5,
    releases: {
      '2.0.19': { keepalived: 'reads on', silent: true, kalint: 'none' },
      '2.1.5': { keepalived: 'reads on', silent: true, kalint: 'none' },
    },
  },
  {
    what: 'a preempt_delay of -1',
    text: `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 1\n  preempt_delay -1\n  ${SENTINEL}\n}\n`,
    line: 4,
    releases: {
      '2.0.19': { keepalived: 'reads on', says: /number '-1' outside range \[0, 1000\]/, kalint: /^KA205 error: 'preempt_delay' -1 is outside \[0, 1000\] s/ },
    },
  },
  {
    // A repeated DNS_CHECK name: set_value over the first before 094ddde2 (2.1.4), "already specified - ignoring" after.
    what: 'a second DNS_CHECK name',
    text: rs('DNS_CHECK', `      name aa.example\n      name bb.example\n      ${SENTINEL}\n`, '53', 'UDP'),
    line: 6,
    releases: {
      '2.0.19': { keepalived: 'reads on', silent: true, kalint: /^KA211 warning: 'name' is set again in 'DNS_CHECK': keepalived silently uses this later value/ },
      '2.1.5': { keepalived: 'reads on', says: /DNS_CHECK name already specified - ignoring/, kalint: /^KA209 error: 'name' is already set in this block; keepalived ignores this one and keeps the first/ },
      '2.2.7': { keepalived: 'reads on', says: /DNS_CHECK name already specified - ignoring/, kalint: /^KA209 error/ },
    },
  },
  {
    // A repeated vrrp_iptables: strcpy over the first before 2.1.0, "iptables already specified - ignoring" after (found
    // by fuzzing 2.0.19, seed 519: a global_defs repeated by ~SEQ). The 2.1.5 build here has no iptables support and
    // 2.2.4 and later are nftables-only builds, so only 2.0.19 is run.
    what: 'a second vrrp_iptables',
    text: `global_defs {\n  vrrp_iptables TESTIN TESTOUT\n  vrrp_iptables A B\n  ${SENTINEL}\n}\n`,
    line: 3,
    releases: {
      '2.0.19': { keepalived: 'reads on', silent: true, kalint: /^KA211 warning: 'vrrp_iptables' is set again in 'global_defs': keepalived silently uses this later value/ },
    },
  },
  {
    // 4b269f81 (2.2.8) reports a repeated helo_name, and still takes the later one.
    what: 'a second SMTP_CHECK helo_name',
    text: rs('SMTP_CHECK', `      helo_name a\n      helo_name b\n      ${SENTINEL}\n`, '25'),
    line: 6,
    releases: {
      '2.2.7': { keepalived: 'reads on', silent: true, kalint: /^KA211 warning: 'helo_name' is set again/ },
      '2.2.8': { keepalived: 'reads on', says: /SMTP_CHECK helo name already specified/, kalint: /^KA209 error: 'helo_name' is already set in this block; keepalived overwrites it and reports an error/ },
    },
  },
  {
    // The handler reports a repeat with strvec_slot(strvec, 1): a second bare net_namespace_ipvs has no word there.
    what: 'a second net_namespace_ipvs without a name',
    text: `net_namespace_ipvs\nnet_namespace_ipvs\n${SENTINEL}\n`,
    line: 2,
    releases: {
      '2.1.5': { keepalived: 'stops', kalint: /^KA203 error: 'net_namespace_ipvs' is already set on line 1, .*keepalived exits here with a configuration error/ },
      '2.2.7': { keepalived: 'stops', kalint: /^KA203 error: .*keepalived exits here with a configuration error/ },
    },
  },
  {
    what: 'a second net_namespace_ipvs with a name',
    text: `net_namespace_ipvs a\nnet_namespace_ipvs b\n${SENTINEL}\n`,
    line: 2,
    releases: {
      '2.2.7': { keepalived: 'reads on', says: /Duplicate net_namespace_ipvs definition b - ignoring/, kalint: /^KA209 error: 'net_namespace_ipvs' is already set in this block; keepalived ignores this one and keeps the first/ },
    },
  },
  // Found by the release audit (session 59): keywords added after 2.2.7 whose handlers count their words themselves.
  {
    what: 'a bare json_version',
    text: `global_defs {\n  json_version\n  ${SENTINEL}\n}\n`,
    line: 2,
    releases: {
      '2.2.8': { keepalived: 'stops', kalint: /^KA203 error: .*keepalived exits here with a configuration error/ },
      '2.3.3': { keepalived: 'reads on', says: /json_version requires version/, kalint: /^KA203 error: .*keepalived reports the line and goes on without it/ },
      '2.4.3': { keepalived: 'reads on', says: /json_version requires version/, kalint: /^KA203 error: .*keepalived reports the line and goes on without it/ },
    },
  },
  {
    what: 'a bare state_dump_file',
    text: `global_defs {\n  state_dump_file\n  ${SENTINEL}\n}\n`,
    line: 2,
    releases: {
      '2.3.3': { keepalived: 'reads on', says: /state_dump_file requires a non-empty path/, kalint: /^KA203 error: .*keepalived reports the line and goes on without it/ },
      '2.4.3': { keepalived: 'reads on', says: /state_dump_file requires a non-empty path/, kalint: /^KA203 error: .*keepalived reports the line and goes on without it/ },
    },
  },
  {
    what: 'a word after a json_dump_file path',
    text: `global_defs {\n  json_dump_file /tmp/ka.json extra\n  ${SENTINEL}\n}\n`,
    line: 2,
    releases: {
      '2.4.3': { keepalived: 'reads on', says: /json_dump_file requires a non-empty path/, kalint: /^KA204 error: .*ignores the whole line/ },
    },
  },
  {
    what: 'an auth_hmac key without its value',
    text: `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 1\n  auth_hmac {\n    key 3\n    ${SENTINEL}\n  }\n}\n`,
    line: 5,
    releases: {
      '2.4.3': { keepalived: 'reads on', says: /auth_hmac key needs an id and a value/, kalint: /^KA203 error: .*keepalived reports the line and goes on without it/ },
    },
  },
];

const ARGUMENT_CODES = /^KA20[3458] /;

function findingsAt(text: string, release: string, line: number): string[] {
  return lintText(text, { file: 'keepalived.conf', targetVersion: release, configId: 'x' })
    .diagnostics.filter((d) => d.range.start.line + 1 === line)
    .map((d) => `${d.code} ${d.severity}: ${d.message}`);
}

describe('what kalint says a release does with the line', () => {
  for (const c of CASES) {
    for (const [release, want] of Object.entries(c.releases)) {
      it(`${c.what}, keepalived ${release}`, () => {
        const found = findingsAt(c.text, release, c.line);
        if (want.kalint === 'none') expect(found.filter((f) => ARGUMENT_CODES.test(f))).toEqual([]);
        else expect(found).toContainEqual(expect.stringMatching(want.kalint));
        if (want.kalintNot) expect(found.filter((f) => want.kalintNot!.test(f))).toEqual([]);
      });
    }
  }
  it('keeps a line dropped for its extra words from setting anything', () => {
    // The first snmp_name is dropped whole: the second sets the name, and is no repeat of the first.
    const text = 'virtual_server 192.0.2.1 80 {\n  protocol TCP\n  snmp_name a b\n  snmp_name c\n  real_server 192.0.2.2 80 {\n  }\n}\n';
    expect(findingsAt(text, '2.2.7', 4)).toEqual([]);
  });
});

// The same configs through each release's own build, where this machine has one.
for (const release of [...new Set(CASES.flatMap((c) => Object.keys(c.releases)))]) {
  const binary = releaseBinary(release);
  describe.skipIf(!binary)(`keepalived ${release} -t`, () => {
    for (const c of CASES) {
      const want = c.releases[release];
      if (!want) continue;
      it(`${c.what}: ${want.keepalived}${want.says ? `, says ${want.says.source}` : ''}`, () => {
        const run = runRelease(binary!, c.text);
        const here = run.messages.filter((m) => m.line === c.line).map((m) => m.message);
        const stopped = here.some((m) => /missing a parameter/.test(m));
        const crashed = run.signal === 'SIGSEGV' || run.exitStatus === 139;
        const sentinelRead = run.messages.some((m) => m.message === `Unknown keyword '${SENTINEL}'`);
        const seen = crashed ? 'crashes' : stopped ? 'stops' : sentinelRead ? 'reads on' : 'neither';
        expect(want.keepalived.split(' or '), run.stderr).toContain(seen);
        if (want.says) expect(here, run.stderr).toContainEqual(expect.stringMatching(want.says));
        if (want.silent) expect(here, run.stderr).toEqual([]);
      });
    }
  });
}
