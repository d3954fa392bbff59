// Values keepalived before 2.0.7 clamps to their range instead of rejecting them (keywords.json
// `clamped`): 1.3.5 to 2.0.6 raise rise/fall, the garp repeat counts, the vrrp_script interval and
// timeout and a virtual_server quorum below 1 to 1, an instance's negative garp_lower_prio_repeat to
// 0, and (2.0.0 to 2.0.6) the *_rt_priority keywords into the scheduler's 1..99. 2.0.7 reports each.
// Evidence: the 1.3.5 oracle build (scripts/keepalived-1.3.5/run.sh, its -d config dump), keepalived
// 2.0.6 -t (silent) and 2.0.7/2.2.7 -t (quoted below).

import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/core/index.js';

function numberFindings(text: string, targetVersion: string): string[] {
  return analyze(text, { targetVersion }).diagnostics.filter((d) => d.code === 'KA205').map((d) => `${d.range.start.line + 1}:${d.severity}`);
}

const SCRIPT = 'vrrp_script chk {\n  script "/bin/true"\n  interval 0\n  timeout 0\n  rise 0\n  fall -3\n}\n';
const GARP =
  'global_defs {\n  vrrp_garp_master_repeat 0\n  vrrp_garp_master_refresh_repeat 0\n}\n' +
  'vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority 100\n' +
  '  garp_master_repeat 0\n  garp_master_refresh_repeat 0\n  garp_lower_prio_repeat -2\n  virtual_ipaddress {\n    192.168.1.10\n  }\n}\n';
const RT_PRIORITY = 'global_defs {\n  vrrp_rt_priority 0\n  checker_rt_priority 150\n}\n';
const QUORUM = 'virtual_server 10.0.0.1 80 {\n  protocol TCP\n  lb_algo rr\n  lb_kind NAT\n  quorum 0\n  real_server 10.0.0.2 80 {\n  }\n}\n';

describe('clamped vrrp_script numbers', () => {
  // keepalived 1.3.5 dumps "Interval = 1 sec", "Timeout = 1 sec", "Rise = 1", "Fall = 1" and says nothing.
  it('warns with the value 1.3.5 and 2.0.6 use, and the model holds it', () => {
    for (const target of ['1.3.5', '2.0.6']) expect(numberFindings(SCRIPT, target)).toEqual(['3:warning', '4:warning', '5:warning', '6:warning']);
    const result = analyze(SCRIPT, { targetVersion: '1.3.5' });
    expect(result.diagnostics.find((d) => d.code === 'KA205')!.message).toContain("keepalived 1.3.5 uses 1 for 'interval 0'");
    expect(result.diagnostics.find((d) => d.range.start.line === 5)!.message).toContain("uses 1 for 'fall -3'");
    const script = result.model.vrrpScripts[0]!;
    expect([script.interval, script.rise, script.fall]).toEqual([1, 1, 1]);
  });

  // keepalived 2.2.7 -t: "(chk): vrrp script interval must be greater than 0, setting to 1", "vrrp script
  // timeout must be greater than 0", "number '0' outside range [1, 2147483647]", "negative number '-3'".
  it('reports them from 2.0.7 on', () => {
    for (const target of ['2.0.7', '2.2.7']) expect(numberFindings(SCRIPT, target)).toEqual(['3:error', '4:error', '5:error', '6:error']);
  });

  // 1.3.5 reads 'rise 0x' with atoi (0) and raises it to 1: "Rise = 1".
  it('clamps the leading number of a loose word', () => {
    const d = analyze('vrrp_script chk {\n  script "/bin/true"\n  rise 0x\n}\n', { targetVersion: '1.3.5' }).diagnostics.filter((x) => x.code === 'KA205');
    expect(d.map((x) => x.severity)).toEqual(['warning']);
    expect(d[0]!.message).toContain("uses 1 for 'rise 0x': it reads it as 0 (the rest ignored)");
  });
});

describe('clamped garp repeat counts', () => {
  // keepalived 1.3.5 dumps " Gratuitous ARP repeat = 1", " Gratuitous ARP refresh repeat = 1" (global and
  // instance) and "Gratuitous ARP lower priority repeat = 0" for the instance's -2.
  it('warns at 1.3.5', () => {
    expect(numberFindings(GARP, '1.3.5')).toEqual(['2:warning', '3:warning', '10:warning', '11:warning', '12:warning']);
  });

  // keepalived 2.2.7 -t: "vrrp_garp_master_repeat must be greater than 0, setting to 1", "(VI_1):
  // garp_master_repeat must be greater than 0, setting to 1", "negative number '-2'".
  it('reports them at 2.2.7', () => {
    expect(numberFindings(GARP, '2.2.7')).toEqual(['2:error', '3:error', '10:error', '11:error', '12:error']);
  });

  // A negative word to a strtoul handler is not clamped but wraps: left to the range check.
  it('does not clamp a negative count that strtoul wraps', () => {
    expect(numberFindings('global_defs {\n  vrrp_garp_master_repeat -1\n}\n', '1.3.5')).toEqual(['2:error']);
  });
});

describe('clamped real-time priorities and quorum', () => {
  // keepalived 2.0.6 -t is silent on RT_PRIORITY (exit 0); 2.0.7 -t: "vrrp process real-time priority 0
  // less than minimum 1 - setting to minimum", "checker process real-time priority 150 greater than
  // maximum 99 - setting to maximum".
  it('warns at 2.0.6 with the bound used, errors at 2.0.7', () => {
    expect(numberFindings(RT_PRIORITY, '2.0.6')).toEqual(['2:warning', '3:warning']);
    expect(analyze(RT_PRIORITY, { targetVersion: '2.0.6' }).diagnostics.find((d) => d.range.start.line === 2)!.message).toContain("uses 99 for 'checker_rt_priority 150'");
    expect(numberFindings(RT_PRIORITY, '2.0.7')).toEqual(['2:error', '3:error']);
  });

  // 1.3.5 logs "Ignoring requested value 0, using 1 instead" and goes on; 2.0.6 -t silent; 2.2.7 -t:
  // "number '0' outside range [1, 4294967295]", "Quorum 0 must be in [1, 4294967295]. Setting to 1."
  it('warns for quorum 0 before 2.0.7', () => {
    expect(numberFindings(QUORUM, '1.3.5')).toEqual(['5:warning']);
    expect(numberFindings(QUORUM, '2.2.7')).toEqual(['5:error']);
  });
});
