// Blocks and entries written twice, as keepalived 2.2.7 merges them (an audit of repeated blocks in session 57,
// checked with keepalived -t, the daemon's dump, and two daemons run as a pair in network namespaces): a VIP listed
// twice goes into every advert twice before 2.3.3; a tracked object whose first definition keepalived removes is
// found by its second; two virtual_server blocks for one service add up their real servers.

import { describe, expect, it } from 'vitest';
import { buildNodes, failoverReports, lintCluster } from '../server/src/cluster/index.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';
import { conf, findings } from './helpers/rule-cases.js';

const instance = (state: string, priority: number, vips: string[], body: string[] = []) =>
  conf('vrrp_instance VI_1 {', `  state ${state}`, '  interface eth0', '  virtual_router_id 51', `  priority ${priority}`, ...body.map((l) => `  ${l}`), '  virtual_ipaddress {', ...vips.map((v) => `    ${v}`), '  }', '}');

const cluster = (a: string, b: string, targetVersion?: string) =>
  lintCluster(
    [
      { file: 'a.conf', text: a },
      { file: 'b.conf', text: b },
    ],
    { targetVersion },
  ).diagnostics;

describe('a VIP listed twice', () => {
  const twice = instance('MASTER', 150, ['10.0.0.100', '10.0.0.100']);
  const once = instance('BACKUP', 100, ['10.0.0.100']);

  it('splits a pair whose other node lists it once, before 2.3.3 (KA412, at the repeated line)', () => {
    // Two 2.2.7 daemons: "received an unexpected ip number count 2, expected 1", and both became MASTER.
    const ka412 = cluster(twice, once).filter((d) => d.code === 'KA412');
    expect(ka412).toHaveLength(1);
    expect(ka412[0]!.file).toBe('a.conf');
    expect(ka412[0]!.range.start.line + 1).toBe(8);
    expect(ka412[0]!.message).toContain('its adverts carry 2 addresses where b.conf expects 1');
    // 2.3.3 and later ignore the repeat; and a pair with the same repeat on both nodes agrees.
    expect(cluster(twice, once, '2.4.3').filter((d) => d.code === 'KA412')).toEqual([]);
    expect(cluster(twice, instance('BACKUP', 100, ['10.0.0.100', '10.0.0.100'])).filter((d) => d.code === 'KA412')).toEqual([]);
  });

  it('is a warning on its own before 2.3.3 (KA373), which keepalived -t does not give', () => {
    expect(findings(twice, 'KA373').map((d) => d.severity)).toEqual(['warning']);
    if (keepalivedAvailable()) expect(runKeepalived(twice).messages.filter((m) => m.message.includes('VIP'))).toEqual([]);
  });
});

describe('a tracked object whose first definition keepalived removes', () => {
  const scripts = conf('global_defs {', '  enable_script_security', '  script_user root', '}', 'vrrp_script chk {', '  interval 2', '  weight 10', '}', 'vrrp_script chk {', '  script "/bin/false"', '  interval 1', '  weight -60', '}');
  const a = scripts + instance('MASTER', 150, ['10.0.0.100'], ['track_script {', '  chk', '}']);
  const b = instance('BACKUP', 100, ['10.0.0.100']);

  it('is found by its second definition: tracked, and its failure moves the VIPs', () => {
    // The daemon's dump: "Tracked scripts : chk weight -60"; live, B took the VIPs when chk failed on A.
    expect(findings(a, 'KA315')).toEqual([]);
    const [ka209] = findings(a, 'KA209');
    expect(ka209?.message).toContain("the first one (line 5) has no 'script' line, so keepalived removes it when its block ends and uses this one");
    const nodes = buildNodes([
      { file: 'a.conf', text: a },
      { file: 'b.conf', text: b },
    ]);
    const failing = failoverReports(nodes)[0]!.scenarios.find((s) => s.label === 'script chk fails on a.conf');
    expect(failing?.holder).toBe('b.conf');
    expect(failing?.states[0]).toMatchObject({ priority: 90 });
  });

  it('while a complete first definition is the one found', () => {
    const complete = a.replace('  interval 2\n', '  script "/bin/true"\n  interval 2\n');
    expect(findings(complete, 'KA209')[0]?.message).toContain('always finds the first one');
  });

  it.skipIf(!keepalivedAvailable())('as keepalived -t reports it', () => {
    expect(runKeepalived(a).messages.map((m) => m.message)).toEqual(['No script set for vrrp_script chk - removing']);
  });
});

describe('two virtual_server blocks for one service', () => {
  const vs = (servers: string[]) => conf('virtual_server 10.0.0.100 80 {', '  protocol TCP', ...servers.map((s) => `  real_server ${s} 80 {`).flatMap((l) => [l, '  }']), '}');
  it('add up their real servers when the directors are compared (KA413)', () => {
    const a = instance('MASTER', 150, ['10.0.0.100']) + vs(['10.0.0.5']) + vs(['10.0.0.6']);
    const b = instance('BACKUP', 100, ['10.0.0.100']) + vs(['10.0.0.5', '10.0.0.6']);
    expect(cluster(a, b).filter((d) => d.code === 'KA413')).toEqual([]);
    expect(cluster(a, b.replace('real_server 10.0.0.6', 'real_server 10.0.0.7')).filter((d) => d.code === 'KA413')).toHaveLength(1);
  });
});

describe('two virtual_server_groups of one name, the first without entries', () => {
  const text = conf('virtual_server_group VSG {', '}', 'virtual_server_group VSG {', '  10.0.0.101 80', '}', 'virtual_server group VSG {', '  lb_kind DR', '  protocol TCP', '  real_server 10.0.0.5 8080 {', '  }', '}');
  it('leave the name to the second: the virtual server uses it (KA510 as keepalived, no KA515)', () => {
    expect(findings(text, 'KA515')).toEqual([]);
    expect(findings(text, 'KA209')[0]?.message).toContain('the first one (line 1) has no entries, so keepalived removes it when its block ends and uses this one');
    expect(findings(text, 'KA510')).toHaveLength(1);
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t reads them', () => {
    expect(runKeepalived(text).stderr).toContain("virtual server [VSG]:0:[10.0.0.101,80] and real server [10.0.0.5]:tcp:8080 ports don't match");
  });
});
