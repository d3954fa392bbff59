// Numbers as keepalived before 2.0.7 reads them (keywords.json `loose`): many handlers used
// atoi/strtoul/atof and never looked past the leading number. Evidence: keepalived 1.3.5 (the
// oracle build of scripts/keepalived-1.3.5, run with run.sh and its config dump, -d) and 2.0.7,
// which brought the strict readers (`keepalived -t`: "invalid number '…'").

import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/core/index.js';
import { looseNumber } from '../server/src/core/analysis/values.js';
import { lintText } from '../server/src/linter.js';

function findings(text: string, targetVersion: string): string[] {
  return analyze(text, { targetVersion }).diagnostics.filter((d) => d.code === 'KA205').map((d) => `${d.range.start.line + 1}:${d.severity}`);
}

const SCRIPT = 'vrrp_script chk {\n  script "/bin/true"\n  interval 2.5\n  weight 2x\n  fall 3.7\n}\n';
const INSTANCE = (body: string) => `vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n${body}  virtual_ipaddress {\n    192.168.1.10\n  }\n}\n`;
const LVS = (rs: string, vs = '') =>
  `virtual_server 10.0.0.1 80 {\n  delay_loop 6.5\n  lb_algo rr\n  lb_kind NAT\n  protocol TCP\n${vs}  real_server 10.0.0.2 80 {\n${rs}  }\n}\n`;

describe('looseNumber', () => {
  it('takes the leading number the way atoi/strtoul and atof do', () => {
    expect(looseNumber('6.5', 'whole')).toEqual({ value: 6, rest: '.5', found: true });
    expect(looseNumber('-3x', 'whole')).toEqual({ value: -3, rest: 'x', found: true });
    expect(looseNumber('0.25x', 'decimal')).toEqual({ value: 0.25, rest: 'x', found: true });
    expect(looseNumber('1e2s', 'decimal')).toEqual({ value: 100, rest: 's', found: true });
    expect(looseNumber('abc', 'whole')).toEqual({ value: 0, rest: 'abc', found: false });
  });
  it('atof reads hexadecimal numbers too (`preempt_delay 0x10` is 16 s at 2.0.0 to 2.0.6); atoi stops at the x', () => {
    expect(looseNumber('0x10', 'decimal')).toEqual({ value: 16, rest: '', found: true });
    expect(looseNumber('0x1.8p1s', 'decimal')).toEqual({ value: 3, rest: 's', found: true });
    expect(looseNumber('-0xA', 'decimal')).toEqual({ value: -10, rest: '', found: true });
    expect(looseNumber('0x', 'decimal')).toEqual({ value: 0, rest: 'x', found: true });
    expect(looseNumber('0x10', 'whole')).toEqual({ value: 0, rest: 'x10', found: true });
  });
});

describe('vrrp numbers before 2.0.7', () => {
  // keepalived 1.3.5 dumps this vrrp_script as "Interval = 2 sec", "Weight = 2", "Fall = 3", and says nothing.
  it('reads vrrp_script interval/weight/fall as their leading numbers, with warnings, at 1.3.5 and 2.0.6', () => {
    for (const target of ['1.3.5', '2.0.6']) expect(findings(SCRIPT, target)).toEqual(['3:warning', '4:warning', '5:warning']);
    const model = analyze(SCRIPT, { targetVersion: '1.3.5' }).model.vrrpScripts[0]!;
    expect([model.interval, model.weight?.value, model.fall]).toEqual([2, 2, 3]);
  });

  // keepalived 2.0.7 -t: "invalid number '2.5'" and the like, for each of them. The 2.2.7 daemon logs
  // "WARNING - invalid number '2.5'" and uses 2 (keywords.json daemon_reads_leading): the model holds that.
  it('rejects them from 2.0.7 on under -t; the daemon still uses the leading number', () => {
    for (const target of ['2.0.7', '2.2.7']) expect(findings(SCRIPT, target)).toEqual(['3:error', '4:error', '5:error']);
    const model = analyze(SCRIPT, { targetVersion: '2.2.7' }).model.vrrpScripts[0]!;
    expect([model.interval, model.weight?.value, model.fall]).toEqual([2, 2, 3]);
  });

  // keepalived 1.3.5: "Rise = 1" (atoi reads 0 and the handler raises it to 1, see clamped-numbers.test.ts).
  it('reads a word without a leading number as 0, which the handler may then clamp', () => {
    const text = 'vrrp_script chk {\n  script "/bin/true"\n  rise abc\n}\n';
    const d = analyze(text, { targetVersion: '1.3.5' }).diagnostics.filter((x) => x.code === 'KA205');
    expect(d.map((x) => x.severity)).toEqual(['warning']);
    expect(d[0]!.message).toContain("uses 1 for 'rise abc': it reads it as 0 (no leading number)");
  });

  // keepalived 1.3.5: "(VI_1): Priority not valid! must be between 1 & 255" and "VRRP Error : VRID not
  // valid - must be between 1 & 255": these two handlers checked the whole word (strtoul and *endptr).
  it('keeps virtual_router_id and priority strict at 1.3.5', () => {
    const text = INSTANCE('  priority 100.5\n').replace('virtual_router_id 51', 'virtual_router_id 51.0');
    const d = analyze(text, { targetVersion: '1.3.5' }).diagnostics.filter((x) => x.code === 'KA205');
    expect(d.map((x) => `${x.range.start.line + 1}:${x.severity}`)).toEqual(['4:error', '5:error']);
    // 1.3.5 has no "invalid number" message (2.0.7's number readers brought it): the 1.3.5 build on 'virtual_router_id
    // 51.0' and 'priority 100;' (run.sh, VRRP process) says "VRRP Error : VRID not valid - must be between 1 & 255.
    // reconfigure !" and "(VI_1): Priority not valid! must be between 1 & 255. Reconfigure !", so kalint quotes none.
    expect(d.map((x) => x.message)).toEqual([expect.not.stringContaining('invalid number'), expect.not.stringContaining('invalid number')]);
    expect(d[1]!.message).toMatch(/^'priority' expects a whole number, got '100\.5'; keepalived reports it and uses 100 instead$/);
    const at207 = analyze(text, { targetVersion: '2.0.7' }).diagnostics.filter((x) => x.code === 'KA205');
    expect(at207.map((x) => x.message)).toEqual([expect.stringContaining('(keepalived: invalid number)'), expect.stringContaining('(keepalived: invalid number)')]);
  });

  // keepalived 1.3.5 dumps "Gratuitous ARP delay = 5", "Gratuitous ARP refresh timer = 9",
  // "Advert interval = 2 sec" after "advertisement interval 1.500000s must be an integer - rounding"
  // (atof read 1.5), and "Preempt delay = 4 secs" (strtoul until 2.0.0; atof from 2.0.0 reads 4.5).
  it('reads garp_master_delay, garp_master_refresh, advert_int and preempt_delay loosely', () => {
    const text = INSTANCE('  priority 100\n  advert_int 1.5x\n  garp_master_delay 5s\n  garp_master_refresh 9.9\n  preempt_delay 4.5\n');
    expect(findings(text, '1.3.5')).toEqual(['6:warning', '7:warning', '8:warning', '9:warning']);
    expect(findings(text, '2.0.0')).toEqual(['6:warning', '7:warning', '8:warning']);
    expect(findings(text, '2.2.7')).toEqual(['6:error', '7:error', '8:error']);
    const instance = analyze(text, { targetVersion: '1.3.5' }).model.vrrpInstances[0]!;
    expect(instance.advertInt?.value).toBe(1.5);
  });

  it('still reports a negative value for an unsigned number', () => {
    const text = INSTANCE('  garp_master_delay -1\n');
    const d = analyze(text, { targetVersion: '1.3.5' }).diagnostics.filter((x) => x.code === 'KA205');
    expect(d.map((x) => x.message)).toEqual(["'garp_master_delay' cannot be negative ('-1')"]);
  });
});

describe('LVS numbers before 2.0.7', () => {
  // keepalived 1.3.5 (checker process) dumps "delay_loop = 6", "WEIGHT = 3", "Connection timeout = 3",
  // "Connection dest = [10.0.0.2]:81", "quorum = 2, hysteresis = 1", and for `weight abc` "WEIGHT = 0".
  it('reads delay_loop, weight, quorum, hysteresis and TCP_CHECK numbers loosely at 1.3.5', () => {
    const text = LVS('    weight 3x\n    TCP_CHECK {\n      connect_timeout 3.5\n      connect_port 81x\n    }\n', '  quorum 2x\n  hysteresis 1.5\n');
    expect(findings(text, '1.3.5')).toEqual(['2:warning', '6:warning', '7:warning', '9:warning', '11:warning', '12:warning']);
    const vs = analyze(text, { targetVersion: '1.3.5' }).model.virtualServers[0]!;
    expect([vs.delayLoop, vs.realServers[0]!.weight, vs.realServers[0]!.checkers[0]!.connectPort]).toEqual([6, 3, 81]);
    // keepalived 2.0.7 -t: "invalid number '2x'", "invalid number '1.5'", "Real server weight 3x is outside
    // range 1-65535", "Invalid checker connect_port '81x'" (2.2.7 reads the timers as decimals).
    expect(findings(text, '2.2.7')).toEqual(['6:error', '7:error', '9:error', '12:error']);
  });

  it('reads a real server weight without a number as 0 (no traffic), a warning at 1.3.5', () => {
    const text = LVS('    weight abc\n');
    expect(findings(text, '1.3.5')).toEqual(['2:warning', '7:warning']);
    expect(analyze(text, { targetVersion: '1.3.5' }).model.virtualServers[0]!.realServers[0]!.weight).toBe(0);
  });

  // keepalived 1.3.5 dumps `quorum 2x` as "quorum = 2": the LVS rules see the quorum it uses. So does
  // the 2.2.7 daemon (keepalived -t reports '5x' as an invalid number and does not use it).
  it('lets the LVS rules see the quorum 1.3.5 and the 2.2.7 daemon read (KA513: 5 against a total weight of 2)', () => {
    const text = 'virtual_server 10.0.0.1 80 {\n  lb_algo rr\n  lb_kind NAT\n  protocol TCP\n  quorum 5x\n  real_server 10.0.0.2 80 {\n    weight 1\n  }\n  real_server 10.0.0.3 80 {\n    weight 1\n  }\n}\n';
    const codes = (t: string) => lintText(text, { file: 'keepalived.conf', targetVersion: t }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`);
    expect(codes('1.3.5')).toEqual(['1:KA513', '5:KA205']);
    expect(codes('2.2.7')).toEqual(['1:KA513', '5:KA205']);
  });

  // Found by fuzzing 2.2.7 (seed 486): -t ignores `weight 200%` (the daemon reads 200), so only -t's total is short
  // of the quorum: "Warning - quorum 10 … exceeds total weight of real servers 1, reducing quorum to 1" (2.0.19 and
  // 2.2.7 builds); after a valid `weight 5` line, "… total weight of real servers 5".
  it('KA513 also says when only keepalived -t finds the quorum above the weight', () => {
    const vs = (weights: string) => `virtual_server 10.0.0.1 80 {\n  lb_algo rr\n  lb_kind NAT\n  protocol TCP\n  quorum 10\n  real_server 10.0.0.2 80 {\n${weights}  }\n}\n`;
    const ka513 = (t: string, target = '2.2.7') => lintText(t, { file: 'keepalived.conf', targetVersion: target }).diagnostics.filter((d) => d.code === 'KA513').map((d) => d.message);
    expect(ka513(vs('    weight 200%\n'))).toEqual([expect.stringMatching(/keepalived -t counts, 1: .*lowers it to 1, while the daemon counts 200 and keeps it/)]);
    expect(ka513(vs('    weight 5\n    weight 200%\n'))).toEqual([expect.stringMatching(/keepalived -t counts, 5:/)]);
    expect(ka513(vs('    weight 200%\n'), '2.0.19')).toHaveLength(1);
    expect(ka513(vs('    weight 200\n'))).toEqual([]);
  });

  // keepalived 1.3.5: "persistent_timeout invalid" (strtoul with an *endptr check).
  it('keeps persistence_timeout strict at 1.3.5', () => {
    const text = LVS('    weight 1\n', '  persistence_timeout 50.5\n');
    expect(findings(text, '1.3.5')).toEqual(['2:warning', '6:error']);
    expect(analyze(text, { targetVersion: '1.3.5' }).diagnostics.find((d) => d.range.start.line === 5)?.message).not.toContain('invalid number');
  });
});

describe('checker timers from 2.0.7 to 2.0.12 (fraction_since)', () => {
  const text = LVS('    weight 1\n    TCP_CHECK {\n      connect_timeout 3.5\n      delay_before_retry 2.5\n    }\n');
  // keepalived 2.0.7 and 2.0.9 -t: "(Line 2) invalid number '6.5'", "virtual server delay loop '6.5' invalid -
  // ignoring", "invalid number '3.5'", "connect_timeout 3.5 invalid - ignoring"; 2.0.14 and 2.0.16 say nothing
  // (2.0.12 and 2.0.13 from the source: read_timer reads strtod from v2.0.13).
  it('rejects a fraction where the release reads whole seconds only', () => {
    for (const target of ['2.0.7', '2.0.9', '2.0.12']) expect(findings(text, target)).toEqual(['2:error', '9:error', '10:error']);
    for (const target of ['2.0.13', '2.0.16', '2.2.7']) expect(findings(text, target)).toEqual([]);
  });

  it('says at 1.3.5 which releases reject the fraction and which read it', () => {
    const d = analyze(text, { targetVersion: '1.3.5' }).diagnostics.filter((x) => x.code === 'KA205');
    expect(d.map((x) => x.severity)).toEqual(['warning', 'warning', 'warning']);
    expect(d[0]!.message).toContain('releases from 2.0.7 to before 2.0.13 reject it as an invalid number, later ones read 6.5');
  });
});

describe('track weights before 2.0.7', () => {
  const TRACKED = INSTANCE('  priority 100\n  track_script {\n    chk weight -20x\n  }\n  track_interface {\n    eth1 weight 5y\n  }\n');
  const text = 'vrrp_script chk {\n  script "/bin/true"\n}\n' + TRACKED;
  const trackFindings = (target: string) => lintText(text, { file: 'keepalived.conf', targetVersion: target }).diagnostics.filter((d) => d.code === 'KA336');

  // keepalived 1.3.5 dumps "chk weight -20" and "eth1 weight 5" (atoi in vrrp_track.c); 2.0.6 -t is silent.
  it('reads them with atoi at 1.3.5 and 2.0.6: a warning, and the model holds the leading number', () => {
    for (const target of ['1.3.5', '2.0.6']) {
      const d = trackFindings(target);
      expect(d.map((x) => `${x.range.start.line + 1}:${x.severity}`)).toEqual(['10:warning', '13:warning']);
      expect(d[0]!.message).toContain(`keepalived ${target} reads weight '-20x' as -20`);
    }
    const inst = analyze(text, { targetVersion: '1.3.5' }).model.vrrpInstances[0]!;
    expect([inst.trackScripts[0]!.weight, inst.trackInterfaces[0]!.weight]).toEqual([-20, 5]);
  });

  // keepalived 2.0.7 -t: "invalid number '-20x'", "(VI_1) track script chk: weight must be between [-253..253] inclusive, ignoring...";
  // the 2.2.7 daemon logs "WARNING - invalid number '-20x'" and tracks with -20 (test/daemon-numbers.test.ts).
  it('rejects them from 2.0.7 on under -t; the daemon still uses the leading number', () => {
    for (const target of ['2.0.7', '2.2.7']) expect(trackFindings(target).map((x) => x.severity)).toEqual(['error', 'error']);
    expect(analyze(text, { targetVersion: '2.2.7' }).model.vrrpInstances[0]!.trackScripts[0]!.weight).toBe(-20);
  });

  // vrrp.c in 2.0.6 removes the weighted tracking of a priority-255 instance; its weight is atoi's -20.
  it('gives the rules about tracking weights the value atoi reads', () => {
    const owner = text.replace('priority 100', 'priority 255');
    const ka307 = (target: string) => lintText(owner, { file: 'keepalived.conf', targetVersion: target }).diagnostics.filter((d) => d.code === 'KA307').map((d) => d.message);
    expect(ka307('2.0.6')).toEqual([expect.stringContaining("track_script 'chk' (weight -20)"), expect.stringContaining("track_interface 'eth1' (weight 5)")]);
    expect(ka307('2.2.7')).toEqual([]);
  });
});

describe('server ports before 2.0.7', () => {
  it('are read with atoi, and the server is kept', () => {
    // 1.3.5's inet_stosockaddr: atoi on the port, no range check; the 1.3.5 checker dumps "RPORT = 0" for 'PORT'.
    const text = LVS('    weight 1\n').replace('real_server 10.0.0.2 80', 'real_server 10.0.0.2 PORT').replace('virtual_server 10.0.0.1 80', 'virtual_server 10.0.0.1 80x');
    const old = analyze(text, { targetVersion: '1.3.5' });
    expect(old.model.virtualServers.map((vs) => [vs.port, vs.realServers.map((rs) => rs.port)])).toEqual([[80, [0]]]);
    expect(findings(text, '1.3.5')).toEqual(['1:warning', '2:warning', '6:warning']); // line 2: delay_loop 6.5
    // From 2.0.7 both are refused ("Invalid virtual server port", "invalid number"), and the servers skipped.
    expect(analyze(text, { targetVersion: '2.0.7' }).model.virtualServers.flatMap((vs) => vs.realServers)).toEqual([]);
  });
});
