// Quick fixes that did harm (an audit of every fix, safe or not, in session 57: each applied alone to 2,011 configs,
// keepalived -t before and after, and the daemon's dump where the meaning was in doubt).

import { describe, expect, it } from 'vitest';
import { applyFix, conf, findings } from './helpers/rule-cases.js';
import { lintText } from '../server/src/linter.js';
import { lintCluster } from '../server/src/cluster/index.js';

describe("a line inserted first in a block ('{' with text after it on the same line)", () => {
  it('leaves a keyword after the brace on its own line (KA507: the scheduler was lost)', () => {
    // 'virtual_server … { lb_algo rr' had become 'protocol TCP lb_algo rr': keepalived then ran wlc.
    const text = conf('virtual_server 10.0.0.1 80 { lb_algo rr', '    lb_kind DR', '    real_server 10.0.1.1 80 {', '    }', '}');
    const fixed = applyFix(text, findings(text, 'KA507')[0]!.fix!);
    expect(fixed.split('\n').slice(0, 3)).toEqual(['virtual_server 10.0.0.1 80 {', '    protocol TCP', '    lb_algo rr']);
    expect(findings(fixed, 'KA508')).toEqual([]);
  });
});

describe('fixes that change how a node starts are not offered', () => {
  it("KA306 in strict mode: 'priority 150' would start the MASTER as BACKUP", () => {
    // Strict mode: "State MASTER must match being address owner"; the dump after the fix: BACKUP, accept mode off.
    const strict = conf('global_defs {', '    vrrp_strict', '}', 'vrrp_instance VI_1 {', '    state MASTER', '    interface eth0', '    virtual_router_id 51', '    virtual_ipaddress {', '        10.0.0.100/24', '    }', '}');
    const [d] = findings(strict, 'KA306');
    expect(d).toBeDefined();
    expect(d!.fix).toBeUndefined();
    expect(findings(strict.replace('    vrrp_strict\n', ''), 'KA306')[0]?.fix).toBeDefined();
  });

  it("KA309 with nopreempt: 'state BACKUP' would only swap one cleared setting for another", () => {
    const text = conf('vrrp_instance VI_1 {', '    state MASTER', '    interface eth0', '    virtual_router_id 51', '    priority 150', '    nopreempt', '    preempt_delay 60', '    virtual_ipaddress {', '        10.0.0.100/24', '    }', '}');
    expect(findings(text, 'KA309')[0]?.fix).toBeUndefined();
    expect(findings(text.replace('    nopreempt\n', ''), 'KA309')[0]?.fix).toBeDefined();
  });
});

describe('moving a line (KA511)', () => {
  const vs = (line: string) => conf('virtual_server 10.0.0.1 80 {', '    protocol TCP', '    lb_kind NAT', `    ${line}`, '    lb_algo sh', '    real_server 10.0.1.1 80 {', '    }', '}');
  it('takes its comment along', () => {
    const text = vs('sh-port   # hash on the port as well');
    const fixed = applyFix(text, findings(text, 'KA511')[0]!.fix!);
    expect(fixed).toContain('    lb_algo sh\n    sh-port   # hash on the port as well\n');
    expect(fixed).not.toContain('lb_kind NAT\n    sh-port');
  });
  it('is not offered for a line behind an @id prefix (the prefix would stay behind)', () => {
    const text = vs('sh-port').replace('    sh-port', '@lb1 sh-port');
    const d = lintText(text, { file: 'keepalived.conf', configId: 'lb1' }).diagnostics.find((x) => x.code === 'KA511');
    expect(d).toBeDefined();
    expect(d!.fix).toBeUndefined();
  });
});

describe('a KA205 replacement that would change nothing', () => {
  it('is not offered (a backslash ending the comment makes keepalived read PASS\\)', () => {
    const text = conf('vrrp_instance VI_1 {', '    state BACKUP', '    interface eth0', '    virtual_router_id 51', '    priority 100', '    authentication {', '        auth_type PASS   # PASS or AH\\', '        auth_pass secret', '    }', '    virtual_ipaddress {', '        10.0.0.100/24', '    }', '}');
    for (const d of findings(text, 'KA205')) expect(d.fix === undefined || applyFix(text, d.fix) !== text).toBe(true);
  });
});

describe("KA210's 'Replace with nftables'", () => {
  it('is not offered when nftables is already set before it (keepalived: "nftables already specified")', () => {
    const text = conf('global_defs {', '    nftables', '    vrrp_iptables KA_IN KA_OUT', '}');
    expect(findings(text, 'KA210')[0]?.fix).toBeUndefined();
    expect(findings(conf('global_defs {', '    vrrp_iptables KA_IN KA_OUT', '}'), 'KA210')[0]?.fix).toBeDefined();
  });
});

describe("KA201's did-you-mean", () => {
  it('is a fix only when the guess has the shape of the line (a block for a line that opens one)', () => {
    const inst = (line: string) => conf('vrrp_instance VI_1 {', '    state BACKUP', '    interface eth0', '    virtual_router_id 51', '    priority 100', `    ${line}`, '    virtual_ipaddress {', '        10.0.0.100/24', '    }', '}');
    // 'track_sip {' guessed as the flag 'track_src_ip': keepalived still says "Unexpected '{'" after it.
    const [flag] = findings(inst('track_sip {\n    }'), 'KA201');
    expect(flag?.message).toContain("did you mean 'track_src_ip'?");
    expect(flag?.fix).toBeUndefined();
    expect(findings(inst('prioirty 100'), 'KA201')[0]?.fix?.edits[0]?.newText).toBe('priority');
    expect(findings(inst('track_scrpit {\n        chk\n    }'), 'KA201')[0]?.fix?.edits[0]?.newText).toBe('track_script');
  });
});

describe("KA401's 'Set virtual_router_id N'", () => {
  it('is not offered when another instance of that node already uses N on the interface', () => {
    // The edit made keepalived reject the configuration: "VI_1 and VI_2 both use VRID 51 with IPv4 on interface eth0".
    const inst = (name: string, vrid: number, vip: string) => conf(`vrrp_instance ${name} {`, '    state BACKUP', '    interface eth0', `    virtual_router_id ${vrid}`, '    priority 100', '    virtual_ipaddress {', `        ${vip}`, '    }', '}');
    const a = inst('VI_1', 51, '10.0.0.1') + inst('VI_2', 52, '10.0.0.2');
    const b = inst('VI_1', 53, '10.0.0.1') + inst('VI_2', 51, '10.0.0.2');
    const ka401 = lintCluster([{ file: 'a.conf', text: a }, { file: 'b.conf', text: b }]).diagnostics.filter((d) => d.code === 'KA401');
    // b's VI_1 would take 51, which b's VI_2 has: no fix; b's VI_2 may take 52.
    expect(ka401.find((d) => d.message.startsWith('VI_1:'))?.fix).toBeUndefined();
    expect(ka401.find((d) => d.message.startsWith('VI_2:'))?.fix?.description).toBe('Set virtual_router_id 52 on b.conf, as on a.conf');
  });
});

describe("KA201's did-you-mean of a deprecated keyword", () => {
  it('is said, but is no fix (keepalived would report the deprecated keyword in turn)', () => {
    const inst = (line: string) => conf('vrrp_instance VI_1 {', '    state BACKUP', '    interface eth0', '    virtual_router_id 51', '    priority 100', `    ${line}`, '    virtual_ipaddress {', '        10.0.0.100/24', '    }', '}');
    const [d] = findings(inst('lvs_sync_daemon_interfac eth0'), 'KA201');
    expect(d?.message).toContain("did you mean 'lvs_sync_daemon_interface'?");
    expect(d?.fix).toBeUndefined();
  });
});
