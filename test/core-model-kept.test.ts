// The typed model holds the value keepalived keeps (ARCHITECTURE.md), not the last line as written: a line
// without its value, an invalid value, a setting keepalived keeps the first of. Each case was checked with
// keepalived 2.2.7 (-t, or the running daemon's SIGUSR1 dump in a network namespace) by session 60's audit.

import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/core/index.js';
import { lintText } from '../server/src/linter.js';
import { lintCluster } from '../server/src/cluster/index.js';
import { generatePeer } from '../server/src/core/peer/index.js';
import { initialMaster } from '../server/src/rules/vrrp/util.js';
import { join } from 'node:path';
import { CORPUS, proofFiles, readText } from './helpers/format-props.js';

const model = (text: string, targetVersion?: string) => analyze(text, { targetVersion }).model;
const codes = (text: string) => lintText(text).diagnostics.map((d) => d.code);

const instance = (extra = '') => `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n${extra}  virtual_ipaddress {\n    192.168.1.50/24\n  }\n}\n`;

describe('a line without its value keeps the earlier value', () => {
  it('router_id, script_user, a vrrp_script script (2.2.7 dump: Router ID = A, script uid 65534, Command = /usr/bin/true)', () => {
    const m = model(`global_defs {\n  router_id A\n  router_id\n  script_user nobody\n  script_user\n}\nvrrp_script chk {\n  script /bin/true\n  script\n  interval 2\n  interval\n}\n`);
    expect(m.globalDefs?.routerId?.value).toBe('A');
    expect(m.globalDefs?.scriptUser?.value).toBe('nobody');
    expect(m.vrrpScripts[0]!.script?.value).toBe('/bin/true');
    expect(m.vrrpScripts[0]!.interval).toBe(2);
  });

  it('a MISC_CHECK misc_path and a url path', () => {
    const m = model(`virtual_server 192.168.1.10 80 {\n  real_server 192.168.1.20 80 {\n    MISC_CHECK {\n      misc_path /bin/true\n      misc_path\n    }\n    HTTP_GET {\n      url {\n        path /health\n        path\n      }\n    }\n  }\n}\n`);
    const [misc, http] = m.virtualServers[0]!.realServers[0]!.checkers;
    expect(misc!.script).toBe('/bin/true');
    expect(http!.urls[0]!.path).toBe('/health');
  });

  it('KA415 sees the router_id both nodes still share', () => {
    const node = `global_defs {\n  router_id LB\n  router_id\n}\n${instance()}`;
    const { diagnostics } = lintCluster([{ file: 'a.conf', text: node }, { file: 'b.conf', text: node }]);
    expect(diagnostics.map((d) => d.code)).toContain('KA415');
  });

  it('script_user stays nobody for KA601 and KA608 (no advice to run the scripts as root)', () => {
    const text = `global_defs {\n  script_user nobody\n  script_user\n}\nvrrp_script chk {\n  script /bin/true\n}\n${instance('  track_script {\n    chk\n  }\n')}`;
    const without = text.replace('  script_user\n', '');
    const found = lintText(text).diagnostics;
    const ka601 = found.filter((d) => d.code === 'KA601');
    expect(ka601.map((d) => d.message).join('\n')).toBe(lintText(without).diagnostics.filter((d) => d.code === 'KA601').map((d) => d.message).join('\n'));
    expect(JSON.stringify(found)).not.toContain("script_user root");
    expect(codes(text).includes('KA608')).toBe(codes(without).includes('KA608'));
  });

  it('a url keeps its path: no KA505, and KA504 is the same as without the bare line', () => {
    const vs = (url: string) => `virtual_server 192.168.1.10 80 {\n  lb_algo rr\n  lb_kind DR\n  protocol TCP\n  real_server 192.168.1.20 80 {\n    HTTP_GET {\n      url {\n        path /health\n${url}      }\n      connect_timeout 3\n    }\n  }\n}\n`;
    expect(codes(vs('        path\n'))).not.toContain('KA505');
    expect(codes(vs('        path\n'))).not.toContain('KA504');
  });

  it('a MISC_CHECK keeps its script: KA504 says the same as without the bare misc_path', () => {
    const vs = (bare: string) => `global_defs {\n  enable_script_security\n  script_user root\n}\nvirtual_server 192.168.1.10 80 {\n  lb_algo rr\n  lb_kind DR\n  protocol TCP\n  real_server 192.168.1.20 80 {\n    TCP_CHECK {\n      connect_timeout 3\n    }\n    MISC_CHECK {\n      misc_path /bin/true\n${bare}    }\n    HTTP_GET {\n      connect_timeout 3\n    }\n  }\n}\n`;
    const ka504 = (text: string) => lintText(text).diagnostics.filter((d) => d.code === 'KA504').map((d) => d.message);
    expect(ka504(vs('      misc_path\n'))).toEqual(ka504(vs('')));
    expect(ka504(vs('')).join('')).toContain('MISC_CHECK');
  });

  it('a bare vrrp_instance priority keeps the earlier value, and kalint peer still refuses the line', () => {
    expect(model(instance('  priority 150\n  priority\n')).vrrpInstances[0]!.priority?.value).toBe(150);
  });
});

describe('values keepalived replaces or refuses', () => {
  it('a vrrp_track_process keeps its first process (2.2.7: "Process already set … - ignoring cron", dump Process = sshd)', () => {
    const m = model('vrrp_track_process P2 {\n  process sshd\n  process cron\n  weight 6\n}\n');
    expect(m.trackProcesses[0]!.process).toBe('sshd');
  });

  it('an invalid vrrp_script rise or fall is 1 (dump: Rise = 1, Fall = 1)', () => {
    const m = model('vrrp_script S3 {\n  script /bin/true\n  rise 0\n  fall 3\n  fall -1\n}\nvrrp_script S4 {\n  script /bin/true\n  rise 2147483648\n  fall 4\n}\n');
    expect(m.vrrpScripts.map((s) => [s.rise, s.fall])).toEqual([[1, 1], [1, 4]]);
  });

  it('an invalid priority is 100, on its line (dump: Priority = 100)', () => {
    for (const p of ['0', '256', 'abc']) {
      const vi = model(instance(`  priority 150\n  priority ${p}\n`)).vrrpInstances[0]!;
      expect(vi.priority?.value).toBe(100);
      expect(vi.priority?.node.argText(0)).toBe(p);
      expect(vi.effectivePriority).toBe(100);
    }
    expect(model(instance('  priority 255\n')).vrrpInstances[0]!.priority?.value).toBe(255);
  });

  it('an address with a prefix length out of range has the full length, and so a family (dump: 2001:db8::5, VRRP Version = 3)', () => {
    const vi = model('vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  advert_int 1.5\n  virtual_ipaddress {\n    2001:db8::5/129\n    192.168.1.60/33\n  }\n}\n').vrrpInstances[0]!;
    expect(vi.virtualIpaddresses.map((a) => [a.prefix?.length, a.family])).toEqual([[128, 6], [32, 4]]);
    expect(vi.family).toBe(6);
    expect(vi.effectiveVersion).toBe(3);
    // Before 2.0.7 keepalived read the length with atoi: no guess at what it used.
    expect(model('vrrp_instance VI_1 {\n  virtual_ipaddress {\n    192.168.1.60/33\n  }\n}\n', '1.3.5').vrrpInstances[0]!.virtualIpaddresses[0]!.prefix).toBeUndefined();
  });

  it('a virtual_server keeps no setting keepalived refuses; protocol is read in any case', () => {
    const vs = model('virtual_server 192.168.1.10 80 {\n  lb_algo RR\n  lb_kind dr\n  protocol tcp\n  persistence_timeout 0\n  delay_loop 0\n  real_server 192.168.1.20 80 {\n    weight -1\n  }\n  real_server 192.168.1.21 80 {\n    weight 3\n    weight -1\n  }\n}\n').virtualServers[0]!;
    expect([vs.lbAlgo, vs.lbKind, vs.persistenceTimeout, vs.delayLoop]).toEqual([undefined, undefined, undefined, undefined]);
    expect(vs.protocol?.value).toBe('TCP');
    expect(vs.realServers.map((r) => r.weight)).toEqual([undefined, 3]);
  });
});

describe("a vrrp_script weight's 'reverse' stays once set (2.2.7 dump: Weight = 60 reverse, Effective priority = 90)", () => {
  const a = `global_defs {\n  router_id a\n  enable_script_security\n  script_user root\n}\nvrrp_script chk {\n  script "/bin/true"\n  weight 10 reverse\n  weight 60\n}\nvrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 150\n  virtual_ipaddress {\n    192.168.1.50/24\n  }\n  track_script {\n    chk\n  }\n}\n`;
  const b = `global_defs {\n  router_id b\n}\nvrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  virtual_ipaddress {\n    192.168.1.50/24\n  }\n}\n`;

  it('the model says reverse, with the last weight', () => {
    const s = model(a).vrrpScripts[0]!;
    expect([s.weight?.value, s.weightReverse]).toEqual([60, true]);
    // Before 2.0.18 keepalived reads no 'reverse'.
    expect(model(a, '2.0.17').vrrpScripts[0]!.weightReverse).toBe(false);
  });

  it('the failover simulation runs the MASTER at 90 while healthy, the same as with `weight 60 reverse`', () => {
    const healthy = (text: string) => lintCluster([{ file: 'a.conf', text }, { file: 'b.conf', text: b }]).scenarios[0]!.scenarios[0]!;
    const got = healthy(a);
    const written = healthy(a.replace('  weight 10 reverse\n  weight 60\n', '  weight 60 reverse\n'));
    expect(got.states.map((s) => (s.state === 'up' ? s.priority : s.state))).toEqual([90, 100]);
    expect([got.holder, got.states]).toEqual([written.holder, written.states]);
  });

  it("KA211 says the earlier line's reverse stays", () => {
    const ka211 = lintText(a).diagnostics.find((d) => d.code === 'KA211')!;
    expect(ka211.message).toMatch(/the 'reverse' of line 8 stays \(keepalived never clears it\): the script runs reversed with this weight; keep one, with 'reverse' if the script is meant to run reversed/);
  });
});

describe("the instance's family and VRRP version in keepalived's read order (bug 8)", () => {
  const t26 = 'vrrp_instance VI_1 {\n  interface eth0\n  state MASTER\n  priority 150\n  virtual_router_id 51\n  unicast_src_ip 192.168.101.1\n  advert_int 1.5\n  virtual_ipaddress {\n    2001:db8::12/64\n    192.168.101.50/24\n  }\n  unicast_peer {\n    192.168.101.2\n  }\n}\n';

  it('the first address read sets the family: unicast_src_ip before the VIPs makes an IPv4, VRRPv2 instance', () => {
    const vi = model(t26).vrrpInstances[0]!;
    expect([vi.family, vi.effectiveVersion]).toEqual([4, 2]);
    const mcast = model(t26.replace('unicast_src_ip', 'mcast_src_ip')).vrrpInstances[0]!;
    expect([mcast.family, mcast.effectiveVersion]).toEqual([4, 2]);
  });

  it('kalint peer takes an IPv4 --unicast-src-ip for it', () => {
    const r = generatePeer(t26, { unicastSrcIp: '192.168.101.2', unicastPeer: '192.168.101.1' });
    expect('error' in r ? r.error : '').toBe('');
  });

  it('an invalid version line sets nothing (dump: VRRP Version = 2); IPv6 is VRRPv3 over a global vrrp_version 2', () => {
    expect(model(instance('  version 4\n')).vrrpInstances[0]!.version).toBeUndefined();
    expect(model(instance('  version 4\n')).vrrpInstances[0]!.effectiveVersion).toBe(2);
    expect(model(instance('  version 4\n  version 3\n')).vrrpInstances[0]!.version?.value).toBe(3);
    const v6 = 'global_defs {\n  vrrp_version 2\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n    2001:db8::5/64\n  }\n}\n';
    expect(model(v6).vrrpInstances[0]!.effectiveVersion).toBe(3);
    // A `version 2` read before the first IPv6 address sticks; after it, it is ignored.
    expect(model(v6.replace('  virtual_router_id 51\n', '  virtual_router_id 51\n  version 2\n')).vrrpInstances[0]!.effectiveVersion).toBe(2);
    expect(model(v6.replace('  }\n}\n', '  }\n  version 2\n}\n')).vrrpInstances[0]!.effectiveVersion).toBe(3);
  });
});

describe('startState: the state keepalived starts an instance in (bug 2)', () => {
  const starts = (text: string) => model(text).vrrpInstances.map((i) => `${i.name}:${i.effectiveState}>${i.startState}`);
  const vi = (name: string, vrid: number, lines: string) => `vrrp_instance ${name} {\n  interface eth0\n  virtual_router_id ${vrid}\n${lines}  virtual_ipaddress {\n    192.168.1.${vrid}/24\n  }\n}\n`;

  it('strict mode: MASTER exactly for the address owner (2.2.7 dump: VI_1 Wantstate = BACKUP, VI_2 MASTER)', () => {
    const text = `global_defs {\n  vrrp_strict\n}\n${vi('VI_1', 51, '  state MASTER\n  priority 100\n')}${vi('VI_2', 52, '  state BACKUP\n  priority 255\n')}`;
    expect(starts(text)).toEqual(['VI_1:MASTER>BACKUP', 'VI_2:BACKUP>MASTER']);
    // An instance's own strict_mode off wins over the global vrrp_strict.
    expect(starts(text.replace('  priority 100\n', '  priority 100\n  strict_mode off\n'))[0]).toBe('VI_1:MASTER>MASTER');
  });

  it('AH authentication: a MASTER below 255 starts BACKUP ("Initial state master is incompatible with AH authentication - clearing")', () => {
    const auth = '  authentication {\n    auth_type AH\n    auth_pass secret\n  }\n';
    expect(starts(vi('VI_1', 51, `  state MASTER\n  priority 100\n${auth}`))).toEqual(['VI_1:MASTER>BACKUP']);
    expect(starts(vi('VI_1', 51, `  state MASTER\n  priority 255\n${auth}`))).toEqual(['VI_1:MASTER>MASTER']);
    // VRRPv3 drops the authentication first ("VRRP version 3 does not support authentication").
    expect(starts(vi('VI_1', 51, `  state MASTER\n  priority 100\n  version 3\n${auth}`))).toEqual(['VI_1:MASTER>MASTER']);
  });

  it('a sync group with a member that is not a MASTER at 255 starts every member BACKUP (dump: Wantstate = BACKUP)', () => {
    const group = 'vrrp_sync_group G1 {\n  group {\n    VI_1\n    VI_2\n  }\n}\n';
    expect(starts(group + vi('VI_1', 51, '  state MASTER\n  priority 150\n') + vi('VI_2', 52, '  state MASTER\n  priority 150\n'))).toEqual(['VI_1:MASTER>BACKUP', 'VI_2:MASTER>BACKUP']);
    expect(starts(group + vi('VI_1', 51, '  state MASTER\n  priority 255\n') + vi('VI_2', 52, '  priority 255\n'))).toEqual(['VI_1:MASTER>MASTER', 'VI_2:MASTER>MASTER']);
    // Outside the group, VI_3 keeps its state.
    expect(starts(group + vi('VI_1', 51, '  state MASTER\n  priority 150\n') + vi('VI_2', 52, '  state BACKUP\n  priority 100\n') + vi('VI_3', 53, '  state MASTER\n  priority 150\n'))).toEqual(['VI_1:MASTER>BACKUP', 'VI_2:BACKUP>BACKUP', 'VI_3:MASTER>MASTER']);
  });

  it('the corpus samples the audit ran (2.2.7 logs: Entering BACKUP STATE (init), Wantstate = BACKUP)', () => {
    const corpus = (name: string) => analyze(readText(join(CORPUS, name))).model.vrrpInstances;
    const ssl = corpus('sample-keepalived.conf.SSL_GET').find((i) => i.name === 'VI_1')!;
    expect([ssl.effectiveState, ssl.startState]).toEqual(['MASTER', 'BACKUP']);
    for (const name of ['sample-keepalived.conf.vrrp.sync', 'sample-keepalived.conf.vrrp.scripts']) {
      const a = analyze(readText(join(CORPUS, name))).model;
      const grouped = new Set(a.syncGroups.flatMap((g) => g.members.map((w) => w.text)));
      const members = a.vrrpInstances.filter((i) => grouped.has(i.name) && i.effectiveState === 'MASTER');
      expect(members.length).toBeGreaterThan(1);
      expect(members.map((i) => i.startState)).toEqual(members.map(() => 'BACKUP'));
    }
  });

  it('agrees with the rules and the cluster code (initialMaster) on every corpus and fixture instance outside a sync group', () => {
    let compared = 0;
    const differ: string[] = [];
    for (const [label, path] of proofFiles()) {
      const a = analyze(readText(path));
      const grouped = new Set(a.model.syncGroups.flatMap((g) => g.members.map((w) => w.text)));
      for (const inst of a.model.vrrpInstances) {
        if (grouped.has(inst.name)) continue;
        compared++;
        const rules = initialMaster(a.model, inst) ? 'MASTER' : 'BACKUP';
        if (inst.startState !== rules) differ.push(`${label} ${inst.name}: model ${inst.startState}, rules ${rules}`);
      }
    }
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  });
});

describe('mcast_src_ip sets the same source address as unicast_src_ip (bug 10; 2.2.7 dump: Using src_ip = 192.168.1.11 (from configuration))', () => {
  const text = 'vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  mcast_src_ip 192.168.1.11\n  unicast_peer {\n    192.168.1.11\n  }\n  virtual_ipaddress {\n    192.168.1.50/24\n  }\n}\n';

  it('the model says so, and the last of the two lines wins', () => {
    expect(model(text).vrrpInstances[0]!.unicastSrcIp?.value).toBe('192.168.1.11');
    const both = model(text.replace('  mcast_src_ip', '  unicast_src_ip 192.168.1.12\n  mcast_src_ip')).vrrpInstances[0]!.unicastSrcIp!;
    expect([both.value, both.node.keyword]).toEqual(['192.168.1.11', 'mcast_src_ip']);
  });

  it('KA359 sees the instance list its own address, and names the keyword', () => {
    const ka359 = lintText(text).diagnostics.filter((d) => d.code === 'KA359');
    expect(ka359.map((d) => d.message)).toEqual([expect.stringContaining("the only unicast_peer of 'VI_1' is its own mcast_src_ip 192.168.1.11")]);
  });
});

describe('preempt after nopreempt turns preemption back on (2.2.7 dump: Preempt = enabled)', () => {
  const text = 'global_defs {\n  router_id lb1\n}\nvrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  nopreempt\n  preempt\n  virtual_ipaddress {\n    192.168.1.50/24\n  }\n}\n';
  it('the model has no nopreempt, and kalint peer derives the peer as without the two lines', () => {
    expect(model(text).vrrpInstances[0]!.nopreempt).toBeUndefined();
    expect(model(text.replace('  preempt\n', '')).vrrpInstances[0]!.nopreempt).toBeDefined();
    const notes = (t: string) => {
      const r = generatePeer(t, { routerId: 'lb2' });
      if ('error' in r) throw new Error(r.error);
      return r.notes;
    };
    expect(notes(text).join('\n')).toContain('VI_1: BACKUP → MASTER');
    expect(notes(text)).toEqual(notes(text.replace('  nopreempt\n  preempt\n', '')));
  });
});

describe('a vrrp_script interval as the running daemon keeps it (2.2.7 dumps)', () => {
  const interval = (...lines: string[]) => model(`vrrp_script chk {\n  script /bin/true\n${lines.map((l) => `  interval ${l}\n`).join('')}}\n`).vrrpScripts[0]!.interval;
  it('0 is 1, +4 is 4, 4295 and -1 are ignored (an earlier line stays), 2.5 is 2', () => {
    expect(interval('0')).toBe(1);
    expect(interval('+4')).toBe(4);
    expect(interval('4295')).toBeUndefined();
    expect(interval('5', '4295')).toBe(5);
    expect(interval('2.5', '-1')).toBe(2);
    expect(interval('7')).toBe(7);
  });
});
