// Cluster rules (KA4xx) on the scenario folders of fixtures/clusters/: each folder holds the node
// files of one cluster. Every rule has at least one failing and one passing cluster here.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatScenarioTable, lintCluster, nodeLabels, shortestUniqueSuffixes, type ClusterInput } from '../server/src/cluster/index.js';
import { clusterRules } from '../server/src/rules/cluster/index.js';
import type { Diagnostic } from '../server/src/core/diagnostics.js';
import { configIdsIn } from '../server/src/core/index.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';

const ROOT = join(__dirname, '..', 'fixtures', 'clusters');

/** The nodes of a scenario: its .conf files, or the `@id`s of its only file. */
function loadScenario(name: string): ClusterInput[] {
  const dir = join(ROOT, name);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.conf'))
    .sort()
    .map((f) => ({ file: `${name}/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
  if (files.length !== 1) return files;
  return configIdsIn(files[0]!.text).map((configId) => ({ ...files[0]!, configId }));
}

function lint(name: string): Diagnostic[] {
  return lintCluster(loadScenario(name)).diagnostics;
}

/** Cluster codes (with severity when not the rule's default) each scenario must produce, exactly. */
const EXPECTED: Record<string, string[]> = {
  'healthy-pair': [],
  'vrid-mismatch': ['KA401'],
  'vrid-shared': ['KA402'],
  'vrid-shared-other-interface': [],
  'auth-type-mismatch': ['KA403'],
  'auth-pass-mismatch': ['KA404'],
  'auth-pass-after-8': ['KA404:info'],
  'auth-missing': ['KA405'],
  'auth-v3-ignored': [],
  'auth-strict-one-node': ['KA405', 'KA417'],
  'backup-priority-higher': ['KA406'],
  'backup-priority-higher-150': ['KA406'],
  'equal-priorities': ['KA406'],
  'two-masters': ['KA407'],
  'strict-masters': [],
  'two-owners': ['KA408'],
  'nopreempt-one-node': ['KA409'],
  'nopreempt-higher-node-only': [],
  'nopreempt-master': ['KA409'],
  'nopreempt-pair': [],
  'advert-int-mismatch': ['KA410'],
  'advert-int-mismatch-v3': ['KA410:warning'],
  'version-mismatch': ['KA411'],
  'version-ipv6': [],
  'vip-mismatch': ['KA412'],
  // Live (scripts/cluster-live): both nodes MASTER, b logging 'received an unexpected ip number count 2, expected 1!'.
  'vip-mismatch-skip-check': ['KA412'],
  'vip-prefix-only': [],
  'vip-dropped-family': [],
  'virtual-server-mismatch': ['KA413'],
  'virtual-server-same': [],
  'mcast-src-ip-shared': ['KA421'],
  'virtual-server-settings': ['KA413'],
  'sync-group-mismatch': ['KA414'],
  'sync-group-same': [],
  // Live 2.2.7 (session 60): whichever node was up first held both VIPs; without the group on b, b held both.
  'sync-group-crossed': ['KA424'],
  'sync-group-crossed-one-node': ['KA414', 'KA424'],
  'duplicate-router-id': ['KA415'],
  'mcast-group-mismatch': ['KA416'],
  'mcast-group-global': [],
  'strict-one-node': ['KA417'],
  'unicast-peer-missing': ['KA418:warning'],
  'unicast-pair': [],
  'unicast-ttl-out-of-range': ['KA423:warning'],
  'unicast-src-ip-shared': ['KA421'],
  'unicast-multicast-mix': ['KA419'],
  'lvs-sync-id-mismatch': ['KA420'],
  'lvs-sync-id-same': [],
  'checksum-old-never': ['KA422'],
  'checksum-old-one-node': ['KA422'],
  'checksum-old-pair': [],
  'failover-weight-too-small': ['KA430'],
  'failover-weight-ok': [],
  'failover-override-in-track': ['KA430'],
  'failover-nopreempt': ['KA430'],
  'failover-track-interface': ['KA430'],
  'failover-backup-wins': ['KA431'],
  'failover-reverse': ['KA431'],
  'failover-positive-weights': [],
  'failover-weight-lifts-master': [],
  // Two BACKUPs at 90 below a MASTER at 100: one finding, KA432's scenario (KA406 said it again).
  'failover-tie': ['KA432'],
  'failover-three-nodes': [],
  'failover-zero-weight': ['KA433'],
  'dual-master': [],
  'renamed-instance': ['KA404'],
  'swapped-names': [],
  'real-docker-demo': ['KA421', 'KA430'],
  'sync-group-fault': ['KA433'],
  'config-ids': ['KA418:warning'],
  'kalint-json': ['KA410'],
  'node-empty': ['KA425'],
  'node-unmatched': ['KA425:warning'],
};

function codesOf(diags: Diagnostic[]): string[] {
  const rules = new Map(clusterRules.map((r) => [r.code, r]));
  return [...new Set(diags.map((d) => (rules.get(d.code)?.severity === d.severity ? d.code : `${d.code}:${d.severity}`)))].sort();
}

describe('cluster fixtures', () => {
  it('every scenario folder has an expectation and the other way round', () => {
    expect(readdirSync(ROOT).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (name, codes) => {
    const diags = lint(name);
    expect(codesOf(diags)).toEqual([...codes].sort());
    for (const d of diags) {
      // Every cluster finding points at one node and names the other(s) with file and line.
      expect(d.related?.length, d.message).toBeGreaterThan(0);
      // …in another file, or (one file, several @ids) on another line.
      const places = new Set([d.file, ...d.related!.map((r) => r.file)]);
      const lines = new Set([d.range.start.line, ...d.related!.map((r) => r.range.start.line)]);
      expect(places.size > 1 || lines.size > 1, d.message).toBe(true);
    }
  });

  it('every cluster rule fails on some scenario and passes on another that is close', () => {
    for (const rule of clusterRules) {
      const failing = Object.entries(EXPECTED).filter(([, c]) => c.some((x) => x.split(':')[0] === rule.code));
      const passing = Object.entries(EXPECTED).filter(([, c]) => !c.some((x) => x.split(':')[0] === rule.code));
      expect(failing.length, rule.code).toBeGreaterThan(0);
      expect(passing.length, rule.code).toBeGreaterThan(0);
    }
  });
});

describe('cluster findings in detail', () => {
  it('KA422: v3_checksum_as_v2 (2.2.8+) on some nodes of a VRRPv3 IPv4 instance only', () => {
    // keepalived 2.4.3 vrrp.c: a node with the flag leaves the pseudo-header out of its checksums and checks none;
    // a node without it rejects those adverts as "Invalid VRRPv3 checksum".
    const node = (state: string, prio: number, globals: string, lines: string, version = 3, vip = '10.0.0.10') =>
      `${globals ? `global_defs {\n    ${globals}\n}\n` : ''}vrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id 51\n    priority ${prio}\n    version ${version}\n${lines}    virtual_ipaddress {\n        ${vip}\n    }\n}\n`;
    const run = (a: string, b: string, targetVersion = '2.2.8') =>
      lintCluster([{ file: 'a.conf', text: a }, { file: 'b.conf', text: b }], { targetVersion }).diagnostics.filter((d) => d.code === 'KA422');
    const d = run(node('MASTER', 100, 'v3_checksum_as_v2', ''), node('BACKUP', 90, '', ''));
    expect(d.map((x) => [x.file, x.range.start.line + 1, x.related![0]!.file])).toEqual([['a.conf', 2, 'b.conf']]);
    expect(d[0]!.message).toContain('Invalid VRRPv3 checksum');
    // The instance's own line wins over global_defs; both nodes with it, VRRPv2, IPv6 and 2.2.7 are fine.
    expect(run(node('MASTER', 100, 'v3_checksum_as_v2', '    v3_checksum_as_v2 false\n'), node('BACKUP', 90, '', ''))).toEqual([]);
    expect(run(node('MASTER', 100, '', '    v3_checksum_as_v2\n'), node('BACKUP', 90, 'v3_checksum_as_v2', ''))).toEqual([]);
    expect(run(node('MASTER', 100, 'v3_checksum_as_v2', '', 2), node('BACKUP', 90, '', '', 2))).toEqual([]);
    expect(run(node('MASTER', 100, 'v3_checksum_as_v2', '', 3, 'fe80::10'), node('BACKUP', 90, '', '', 3, 'fe80::10'))).toEqual([]);
    expect(run(node('MASTER', 100, 'v3_checksum_as_v2', ''), node('BACKUP', 90, '', ''), '2.2.7')).toEqual([]);
  });

  it('KA401 names both VRIDs, both files and both lines', () => {
    const [d] = lint('vrid-mismatch');
    expect(d!.file).toBe('vrid-mismatch/b.conf');
    expect(d!.message).toContain('virtual_router_id 15');
    expect(d!.message).toContain('51');
    expect(d!.related![0]!.file).toBe('vrid-mismatch/a.conf');
    const text = readFileSync(join(ROOT, 'vrid-mismatch', 'a.conf'), 'utf8').split('\n');
    expect(text[d!.related![0]!.range.start.line]).toContain('virtual_router_id 51');
  });

  // Found by linting 800 mutants as a cluster with their originals (session 52): 'virtual_router_id 2147483648' and
  // 'advert_int 0' were compared as if read, but keepalived 2.2.7 ignores both lines ("VRID not valid", "Advert interval
  // (0) not valid! ... - ignoring"): that node has no VRID (KA300: no VRRP at all) and the default advert_int 1.
  it('KA401 and KA410 compare only values keepalived keeps, not lines it ignores', () => {
    const node = (state: string, prio: number, lines: string) =>
      `vrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    priority ${prio}\n${lines}    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n`;
    const codes = (a: string, b: string) => lintCluster([{ file: 'a.conf', text: a }, { file: 'b.conf', text: b }]).diagnostics.map((d) => d.code).filter((c) => c === 'KA401' || c === 'KA410');
    const master = node('MASTER', 100, '    virtual_router_id 51\n    advert_int 1\n');
    expect(codes(master, node('BACKUP', 90, '    virtual_router_id 2147483648\n    advert_int 1\n'))).toEqual([]);
    expect(codes(master, node('BACKUP', 90, '    virtual_router_id 51\n    advert_int 0\n'))).toEqual([]);
    expect(codes(master, node('BACKUP', 90, '    virtual_router_id 51\n    advert_int 256\n'))).toEqual([]);
    // Values it keeps still differ.
    expect(codes(master, node('BACKUP', 90, '    virtual_router_id 52\n    advert_int 2\n'))).toEqual(['KA401', 'KA410']);
    if (keepalivedAvailable()) {
      const said = runKeepalived(node('BACKUP', 90, '    virtual_router_id 51\n    advert_int 0\n')).stderr;
      expect(said).toContain('Advert interval (0) not valid! Must be > 0 - ignoring');
    }
  });

  it('KA418 says nothing of a source address keepalived cannot read: it clears the source', () => {
    // 2.2.7: "malformed src address[10.0.0.256]. Skipping...", and its daemon dumps "Using src_ip = (none)": the
    // earlier 10.0.0.2 is gone too (inet_stosockaddr leaves no family), so no peer list can name the source.
    const node = (state: string, prio: number, src: string, peer: string) =>
      `vrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id 51\n    priority ${prio}\n${src}    unicast_peer {\n        ${peer}\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n`;
    const a = node('MASTER', 100, '    unicast_src_ip 10.0.0.1\n', '10.0.0.3');
    const ka418 = (b: string) => lintCluster([{ file: 'a.conf', text: a }, { file: 'b.conf', text: b }]).diagnostics.filter((d) => d.code === 'KA418').map((d) => d.message);
    expect(ka418(node('BACKUP', 90, '    unicast_src_ip 10.0.0.2\n    unicast_src_ip 10.0.0.256\n', '10.0.0.1'))).toEqual([]);
    expect(ka418(node('BACKUP', 90, '    unicast_src_ip 10.0.0.2\n', '10.0.0.1'))).toEqual([expect.stringContaining("lacks b.conf's unicast_src_ip 10.0.0.2")]);
  });

  it('KA411 takes the VRRP version from lines keepalived accepts ("Version must be either 2 or 3")', () => {
    const node = (state: string, global: string, own = '') =>
      `global_defs {\n${global}}\nvrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id 51\n    priority ${state === 'MASTER' ? 100 : 90}\n${own}    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n`;
    const ka411 = (a: string, b: string) => lintCluster([{ file: 'a.conf', text: a }, { file: 'b.conf', text: b }]).diagnostics.filter((d) => d.code === 'KA411');
    // A refused global 'vrrp_version 4' after 'vrrp_version 3' leaves VRRPv3.
    expect(ka411(node('MASTER', '    vrrp_version 3\n    vrrp_version 4\n'), node('BACKUP', '    vrrp_version 3\n'))).toEqual([]);
    // A refused instance 'version 4' is not where the version comes from.
    const [d] = ka411(node('MASTER', '    vrrp_version 3\n', '    version 4\n'), node('BACKUP', ''));
    expect(d!.message).toContain('VRRPv3 on a.conf (global vrrp_version 3)');
    if (keepalivedAvailable()) {
      expect(runKeepalived(node('MASTER', '    vrrp_version 3\n    vrrp_version 4\n')).messages.map((m) => m.message)).toContain('VRRP Error: Version must be either 2 or 3');
    }
  });

  it('KA410 compares the intervals as keepalived rounds them (VRRPv2: whole seconds; VRRPv3: 10 ms)', () => {
    const node = (state: string, prio: number, lines: string) =>
      `vrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id 51\n    priority ${prio}\n${lines}    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n`;
    const ka410 = (a: string, b: string) => lintCluster([{ file: 'a.conf', text: node('MASTER', 100, a) }, { file: 'b.conf', text: node('BACKUP', 90, b) }]).diagnostics.filter((d) => d.code === 'KA410');
    expect(ka410('    advert_int 1.5\n', '    advert_int 2\n')).toEqual([]);
    expect(ka410('    version 3\n    advert_int 0.504\n', '    version 3\n    advert_int 0.5\n')).toEqual([]);
    const [d] = ka410('    advert_int 1.4\n', '    advert_int 2\n');
    expect(d!.message).toContain('advert_int 2 on b.conf but 1.4 (1 as keepalived rounds it) on a.conf');
    if (keepalivedAvailable()) {
      expect(runKeepalived(node('MASTER', 100, '    advert_int 1.5\n')).messages.map((m) => m.message)).toContain('(VI_1) VRRPv2 advertisement interval 1.500000s must be an integer. rounding');
    }
  });

  it('KA404 says passwords differing only after byte 8 are identical', () => {
    const [d] = lint('auth-pass-after-8');
    expect(d!.severity).toBe('info');
    expect(d!.message).toMatch(/effectively identical/);
  });

  // Found in Adel-Ahmetzyanov/Up: `auth_pass vlan20_secret` on one node, `vlаn20_secret` (Cyrillic 'а')
  // on the other. The message printed both as the same word.
  const authNode = (state: string, pass: string) =>
    `vrrp_instance VI_1 {\n  state ${state}\n  interface eth0\n  virtual_router_id 20\n  priority ${state === 'MASTER' ? 110 : 100}\n  authentication {\n    auth_type PASS\n    auth_pass ${pass}\n  }\n  virtual_ipaddress {\n    10.0.0.20\n  }\n}\n`;
  const ka404 = (a: string, b: string) => lintCluster([{ file: 'a.conf', text: authNode('MASTER', a) }, { file: 'b.conf', text: authNode('BACKUP', b) }]).diagnostics.filter((x) => x.code === 'KA404');
  it('KA404 names the look-alike letter when two passwords print alike', () => {
    const [d] = ka404('vlan20', 'vlаn20');
    expect(d!.severity).toBe('error');
    expect(d!.message).toContain("written with the Cyrillic 'а' (U+0430) in place of the Latin 'a'");
    expect(ka404('vlan20', 'vlan21')[0]!.message).not.toContain('look alike');
  });
  it('KA404 compares the 8 bytes keepalived keeps, not 8 characters', () => {
    // keepalived: "Truncating auth_pass to 8 characters" copies 8 bytes: 'пароль12' and 'пароль34' keep 'паро'.
    expect(ka404('пароль12', 'пароль34')[0]!.severity).toBe('info');
    expect(ka404('abcdefgh', 'abcdefgй')[0]!.severity).toBe('error');
  });

  // Found in zorrofox/opc-mysql-keepalived: each MySQL node lists only itself as the real server of the VIP
  // (a notify_down script stops keepalived when the local MySQL dies). That is a design, not drift.
  // recheck64 bug 5: keepalived steps an IPv4 group range with `+= htonl(1)` (its last octet, no carry, on x86), so a range
  // whose end is outside its start's /24 never ends: the checker loops at start (KA544). KA413 said such a range was
  // defined as every address of it ("service 10.0.0.12-10.0.1.255 80 TCP … defined on ke.conf but not on kd.conf").
  it('KA413 compares no services on a port where a director has an IPv4 range that never ends (KA544)', () => {
    const vs = (entries: string) => `virtual_server_group H {\n${entries}}\nvirtual_server group H {\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.2.1 80 {\n        TCP_CHECK {\n        }\n    }\n}\n`;
    const ka413 = (a: string, b: string) => lintCluster([{ file: 'a.conf', text: vs(a) }, { file: 'b.conf', text: vs(b) }]).diagnostics.filter((x) => x.code === 'KA413');
    expect(ka413('    10.0.0.0/23 80\n', '    10.0.0.10-10.0.0.11 80\n')).toEqual([]);
    expect(ka413('    10.0.0.10-10.0.1.11 80\n', '    10.0.0.10-11 80\n')).toEqual([]);
    // Within the last octet (and /24) a range is compared as before.
    expect(ka413('    10.0.0.0/24 80\n', '    10.0.0.10-10.0.0.11 80\n').map((d) => d.message)).toEqual([expect.stringContaining('service 10.0.0.0-10.0.0.9 80 TCP'), expect.stringContaining('service 10.0.0.12-10.0.0.255 80 TCP')]);
  });
  it('KA413 reports one different real server per director as info, naming the local-service design', () => {
    const director = (prio: number, rs: string, extra = '') =>
      `vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 60\n  priority ${prio}\n  virtual_ipaddress {\n    192.168.2.88\n  }\n}\nvirtual_server 192.168.2.88 3306 {\n  lb_kind DR\n  protocol TCP\n  real_server ${rs} 3306 {\n    TCP_CHECK {\n      connect_timeout 10\n    }\n  }\n${extra}}\n`;
    const ka413 = (b: string) => lintCluster([{ file: 'a.conf', text: director(100, '192.168.2.11') }, { file: 'b.conf', text: b }]).diagnostics.filter((x) => x.code === 'KA413');
    const [d] = ka413(director(80, '192.168.2.12'));
    expect(d!.severity).toBe('info');
    expect(d!.message).toContain('right if each director serves its own local service');
    // Two real servers against one: still a warning about the difference.
    const two = ka413(director(80, '192.168.2.12', '  real_server 192.168.2.11 3306 {\n    TCP_CHECK {\n      connect_timeout 10\n    }\n  }\n'));
    expect(two.map((x) => x.severity)).toEqual(['warning']);
  });

  it('KA405 explains that vrrp_strict cleared the authentication', () => {
    const d = lint('auth-strict-one-node').find((x) => x.code === 'KA405')!;
    expect(d.file).toBe('auth-strict-one-node/a.conf');
    expect(d.message).toContain('vrrp_strict');
  });

  it('KA405: keepalived sets authentication only for auth_type PASS or AH, written exactly', () => {
    const node = (state: string, prio: number, auth: string) => `vrrp_instance VI_1 {\n  state ${state}\n  interface eth0\n  virtual_router_id 51\n  priority ${prio}\n  authentication {\n${auth}  }\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
    const pair = (auth: string) => lintCluster([{ file: 'a.conf', text: node('MASTER', 100, '    auth_type PASS\n    auth_pass s3cret\n') }, { file: 'b.conf', text: node('BACKUP', 90, auth) }]).diagnostics.filter((d) => d.code === 'KA405' || d.code === 'KA403' || d.code === 'KA404');
    // keepalived 2.2.7: "(VI_1) unknown authentication type 'pass'": b sends adverts without authentication.
    expect(pair('    auth_type pass\n    auth_pass s3cret\n').map((d) => [d.code, d.file, d.message])).toEqual([
      ['KA405', 'b.conf', expect.stringContaining("no authentication on b.conf (keepalived rejects its auth_type 'pass') but PASS authentication on a.conf")],
    ]);
    // No auth_type line: the type stays none, whatever auth_pass says.
    expect(pair('    auth_pass s3cret\n').map((d) => [d.code, d.message])).toEqual([['KA405', expect.stringContaining('(it has auth_pass but no auth_type)')]]);
    expect(pair('    auth_type PASS\n    auth_pass s3cret\n')).toEqual([]);
  });

  it('KA406 reports MASTER 51 vs BACKUP 100 on the BACKUP, and equal priorities as decided by IP', () => {
    const [d] = lint('backup-priority-higher');
    expect(d!.file).toBe('backup-priority-higher/b.conf');
    expect(d!.message).toMatch(/higher than MASTER .*51/);
    expect(lint('equal-priorities')[0]!.message).toMatch(/IP address/);
  });

  // s58 audit, live 2.2.7 pairs adapted from real users' configs (h57 K-0132/K-0134, h55 K-0184/K-0185, h57b K-0099/K-0101).
  describe('what live pairs showed', () => {
    const node = (state: string, prio: number, extra = '') => `vrrp_instance VI_1 {\n  state ${state}\n  interface eth0\n  virtual_router_id 51\n  priority ${prio}\n${extra}  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
    const pair = (a: string, b: string) => lintCluster([{ file: 'a.conf', text: a }, { file: 'b.conf', text: b }]);
    it('KA408: two address owners do not both keep the VIPs; one steps back to 254 and the start order decides', () => {
      // b started first was MASTER/255; a (state MASTER 255) started, and b logged "CONFIGURATION ERROR: local instance and
      // a remote instance are both configured as address owner, please fix - reducing local priority", BACKUP at 254.
      const r = pair(node('MASTER', 255), node('BACKUP', 255));
      const [d] = r.diagnostics.filter((x) => x.code === 'KA408');
      expect(d!.message).toMatch(/lowers one to 254, so the start order decides which node holds the VIPs/);
      expect(d!.message).not.toMatch(/both keep/);
      expect(r.scenarios[0]!.scenarios[0]!.tie).toEqual(['a.conf', 'b.conf']);
      expect(formatScenarioTable(r.scenarios[0]!)).toContain('tie a.conf / b.conf (address owners: keepalived lowers one to 254 when they hear each other, and the start order decides which)');
      expect(formatScenarioTable(pair(node('BACKUP', 100), node('BACKUP', 100)).scenarios[0]!)).toContain('(the first up keeps the VIPs)');
    });
    it('pairs no instance of a node whose VRRP configuration keepalived refuses (no valid virtual_router_id)', () => {
      // Every line ended in ';' (`virtual_router_id 51;`): both VRRP processes exited ("the virtual router id must be
      // set", "exited with permanent error CONFIG"); KA406 and a tie table had described a cluster that never ran.
      const semi = (state: string) => node(state, 100).replace('virtual_router_id 51', 'virtual_router_id 51;');
      const r = pair(semi('MASTER'), semi('BACKUP'));
      expect(r.diagnostics.filter((x) => x.code.startsWith('KA4'))).toEqual([]);
      expect(r.scenarios).toEqual([]);
      // One node refused is enough: the other has no peer.
      expect(pair(node('MASTER', 100), semi('BACKUP')).scenarios).toEqual([]);
      // Likewise an instance without an interface (KA338, "Unknown interface!") or a VRID used twice in a file (KA301,
      // "both use VRID 51"): live 2.2.7, both daemons exited with "permanent error CONFIG" (template audit).
      const noIf = (state: string) => node(state, 100).replace('  interface eth0\n', '');
      expect(pair(noIf('MASTER'), noIf('BACKUP')).diagnostics.filter((x) => x.code.startsWith('KA4'))).toEqual([]);
      const twice = (state: string) => node(state, 100) + node('BACKUP', 90).replace('VI_1', 'VI_0').replace('10.0.0.1', '10.0.0.9');
      expect(pair(twice('MASTER'), twice('BACKUP')).scenarios).toEqual([]);
      // An instance keepalived accepts is still paired.
      expect(pair(node('MASTER', 100), node('BACKUP', 100)).diagnostics.map((x) => x.code)).toContain('KA406');
    });
    // Harvest 58 K-0117/K-0118: an owner at 255 and a BACKUP both track a weightless check. With KA433's advice
    // (`weight -50`) applied, live, the owner logged "ignoring tracked script chk_nginx with weights due to
    // address_owner" and kept the VIPs while its check failed.
    it('KA433 does not advise a weight where keepalived ignores weights', () => {
      const chk = 'vrrp_script chk {\n  script "/usr/bin/true"\n}\n';
      const tracked = (state: string, prio: number, extra = '') => chk + node(state, prio, `${extra}  track_script {\n    chk\n  }\n`);
      const msg = (a: string, b: string) => pair(a, b).diagnostics.find((x) => x.code === 'KA433')!.message;
      expect(msg(tracked('MASTER', 100), tracked('BACKUP', 90))).toMatch(/into FAULT instead of lowering its priority; .* a weight \(e\.g\. -50\) would lower the priority instead$/);
      const owner = msg(tracked('MASTER', 255), tracked('BACKUP', 90));
      expect(owner).toMatch(/into FAULT \(a weight would not lower it: keepalived ignores weighted tracking on the address owner\); .* a priority below 255 with a weight \(e\.g\. -50\) would lower the priority instead$/);
      const group = (inst: string) => `vrrp_sync_group G {\n  group {\n    ${inst}\n  }\n}\n`;
      const synced = msg(tracked('MASTER', 100) + group('VI_1'), tracked('BACKUP', 90) + group('VI_1'));
      expect(synced).toMatch(/keepalived ignores track weights in sync group G without sync_group_tracking_weight\); .* sync_group_tracking_weight in G and a weight/);
      // Two takers at one priority: a race between their timers (live, s58 template audit: the lower address won 4 of 6).
      const three = lintCluster([{ file: 'a.conf', text: tracked('MASTER', 100) }, { file: 'b.conf', text: node('BACKUP', 90) }, { file: 'c.conf', text: node('BACKUP', 90) }]).diagnostics.find((x) => x.code === 'KA433')!;
      expect(three.message).toContain("the VIPs move to b.conf or c.conf (whichever's timer expires first: a race)");
    });
    // s58 template audit (keepalived's own A-0036: `vrrp_mcast_group6 ff02::12`): the default IPv6 group was compared
    // as written and a written one canonically, so KA416 said ff02::12 differs from ff02::12, and KA402 missed a clash.
    it('KA416 and KA402 compare the default IPv6 group like a written one', () => {
      const v6 = (name: string, vrid: number, global = '') => `${global}vrrp_instance ${name} {\n  state MASTER\n  interface eth0\n  virtual_router_id ${vrid}\n  priority 100\n  virtual_ipaddress {\n    fe80::${vrid}\n  }\n}\n`;
      const g = (group: string) => `global_defs {\n  vrrp_mcast_group6 ${group}\n}\n`;
      expect(pair(v6('VI_6', 6, g('ff02::12')), v6('VI_6', 6)).diagnostics.filter((x) => x.code === 'KA416')).toEqual([]);
      expect(pair(v6('VI_6', 6, g('ff02::13')), v6('VI_6', 6)).diagnostics.filter((x) => x.code === 'KA416')).toHaveLength(1);
      expect(pair(v6('VI_6', 6, g('ff02:0::12')), v6('VI_X', 6).replace('fe80::6', 'fe80::66')).diagnostics.filter((x) => x.code === 'KA402')).toHaveLength(1);
    });
    // s58 template audit, live: with a and b at 100 and c at 90, c going down changed nothing (a stayed MASTER); owners
    // at 255 never race (one lowers itself to 254). KA432 had called both a race between timers.
    // s58 template audit, live: weight +2 -> the advice said 13, then 24, and the VIPs stayed; with `reverse`, the
    // advised weight (or weight 0) moved the VIPs to the failing node.
    it('KA430 advises only weights that move the VIPs, and leaves reversed weights alone', () => {
      const chk = (w: string) => `vrrp_script chk {\n  script "/usr/bin/true"\n  weight ${w}\n}\n`;
      const tracked = (state: string, prio: number, w: string) => chk(w) + node(state, prio, '  track_script {\n    chk\n  }\n');
      const ka430 = (a: string, b: string) => pair(a, b).diagnostics.filter((x) => x.code === 'KA430').map((x) => x.message);
      expect(ka430(tracked('MASTER', 100, '2'), node('BACKUP', 90))).toEqual([expect.stringContaining('(a larger positive weight would not help, since a failure only takes the bonus away; a weight of -11 or lower, or weight 0 for FAULT, would move them)')]);
      expect(ka430(tracked('MASTER', 100, '2'), tracked('BACKUP', 90, '2'))).toEqual([expect.stringContaining('(a weight of 11 or higher on every node, or weight 0 for FAULT, would move them)')]);
      expect(ka430(tracked('MASTER', 100, '-5'), node('BACKUP', 90))).toEqual([expect.stringContaining('(a weight of -11 or lower, or weight 0 for FAULT, would move them)')]);
      expect(ka430(tracked('MASTER', 100, '20 reverse'), node('BACKUP', 70))).toEqual([]);
    });
    // s58 suggestions audit, live: both at 101 with `weight 2`, the fix set the BACKUP to 91 and a failing check no longer
    // moved the VIP (KA430 after it); a nopreempt BACKUP lowered below the MASTER made the pair preemptive (KA409).
    it('KA406 fixes keep one failure able to move the VIPs, and leave nopreempt pairs alone', () => {
      const chk = (w: string) => `vrrp_script chk {\n  script "/usr/bin/true"\n  weight ${w}\n}\n`;
      const tracked = (state: string, prio: number, w: string) => chk(w) + node(state, prio, '  track_script {\n    chk\n  }\n');
      const fixOf = (a: string, b: string) => pair(a, b).diagnostics.find((x) => x.code === 'KA406')?.fix?.description;
      expect(fixOf(node('MASTER', 101), node('BACKUP', 101))).toBe("Set priority 91 on b.conf, below the MASTER's 101");
      // Counted on the healthy priorities (live check: a written gap left these pairs as they were).
      expect(fixOf(tracked('MASTER', 101, '2'), tracked('BACKUP', 101, '2'))).toBe("Set priority 100 on b.conf: 102 with its tracked weights, below the MASTER's 103");
      expect(fixOf(tracked('MASTER', 101, '-5'), tracked('BACKUP', 101, '-5'))).toBe("Set priority 97 on b.conf, below the MASTER's 101");
      expect(fixOf(node('MASTER', 100), tracked('BACKUP', 100, '5'))).toBe("Set priority 85 on b.conf: 90 with its tracked weights, below the MASTER's 100");
      // 100 + 2 against 102: equal when healthy, so not "b.conf takes the VIPs" (KA432 says the boot order decides).
      expect(pair(tracked('MASTER', 100, '2'), node('BACKUP', 102)).diagnostics.filter((x) => x.code === 'KA406')).toEqual([]);
      expect(fixOf(tracked('MASTER', 101, '1'), tracked('BACKUP', 101, '1'))).toBeUndefined();
      expect(fixOf(node('MASTER', 101), node('BACKUP', 101, '  nopreempt\n'))).toBeUndefined();
    });
    // s58 suggestions audit: the fix copied a 10-byte password whole, and the fixed node's keepalived -t then failed
    // ("Truncating auth_pass to 8 characters"); the 8 bytes keepalived keeps are the same password to it.
    it('KA404 copies the 8 bytes keepalived keeps of the other node\'s password', () => {
      const auth = (state: string, prio: number, pass: string) => node(state, prio, `  authentication {\n    auth_type PASS\n    auth_pass ${pass}\n  }\n`);
      const fixOf = (a: string, b: string) => pair(a, b).diagnostics.find((x) => x.code === 'KA404')!.fix!;
      const long = fixOf(auth('MASTER', 100, 'secret1234'), auth('BACKUP', 90, 'other'));
      expect(long.edits[0]!.newText).toBe('secret12');
      expect(long.description).toMatch(/auth_pass on .* \(the 8 bytes keepalived keeps of it\)$/);
      expect(fixOf(auth('MASTER', 100, 'short'), auth('BACKUP', 90, 'other')).edits[0]!.newText).toBe('short');
    });
    it('KA432 leaves out ties a failure does not change and ties of address owners', () => {
      const three = (pa: number, pb: number, pc: number) => lintCluster([{ file: 'a.conf', text: node('MASTER', pa) }, { file: 'b.conf', text: node('BACKUP', pb) }, { file: 'c.conf', text: node('BACKUP', pc) }]);
      const r = three(100, 100, 90);
      expect(r.diagnostics.filter((x) => x.code === 'KA432')).toEqual([]);
      expect(formatScenarioTable(r.scenarios[0]!)).toMatch(/c\.conf down .* tie a\.conf \/ b\.conf \(no change: the node holding the VIPs keeps them\)/);
      expect(three(255, 255, 200).diagnostics.filter((x) => x.code === 'KA432')).toEqual([]);
      // A tie a failure makes is still reported: a down, b and c at 90 race.
      expect(three(100, 90, 90).diagnostics.filter((x) => x.code === 'KA432').map((x) => x.message)).toEqual([expect.stringContaining('when a.conf is down, b.conf and c.conf both end at priority 90: which of them takes the VIPs is a race')]);
    });
    it('says that who keeps the VIPs holds only once the nodes hear each other', () => {
      // Different auth_pass at equal priorities: live both were MASTER with the VIP ("received an invalid passwd!").
      const auth = (state: string, pass: string) => node(state, 100, `  authentication {\n    auth_type PASS\n    auth_pass ${pass}\n  }\n`);
      const ka406 = pair(auth('BACKUP', 'one'), auth('MASTER', 'two')).diagnostics.filter((x) => x.code === 'KA406');
      expect(ka406.map((x) => x.message)).toEqual([expect.stringMatching(/\(this holds once the nodes hear each other: as written they drop each other's adverts, see KA404, and each becomes MASTER\)$/)]);
      expect(pair(auth('BACKUP', 'one'), auth('MASTER', 'one')).diagnostics.find((x) => x.code === 'KA406')!.message).not.toMatch(/hear each other/);
    });
  });

  // mistakes61: MASTER 110 / BACKUP 120, both AH. keepalived 2.0.19 and 2.2.7 -t: "(VI_1) Initial state master is
  // incompatible with AH authentication - clearing", so both start BACKUP and KA406, which compared the states kept,
  // said nothing; the files still name a.conf the MASTER.
  it('KA406: a BACKUP above the MASTER the files name, when AH clears that MASTER', () => {
    const auth = '  authentication {\n    auth_type AH\n    auth_pass secret1\n  }\n';
    const node = (state: string, prio: number) => `vrrp_instance VI_1 {\n  state ${state}\n  interface eth0\n  virtual_router_id 10\n  priority ${prio}\n${auth}  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
    const run = (b: number, target?: string) => lintCluster([{ file: 'a.conf', text: node('MASTER', 110) }, { file: 'b.conf', text: node('BACKUP', b) }], { targetVersion: target }).diagnostics.filter((x) => x.code === 'KA406').map((x) => [x.file, x.range.start.line + 1, x.message]);
    expect(run(120)).toEqual([['b.conf', 5, expect.stringMatching(/^VI_1: BACKUP b.conf has priority 120, higher than MASTER a.conf's 110: .*with AH authentication keepalived starts a.conf as BACKUP too .*the higher priority wins the election$/)]]);
    // 1.3.5 starts an AH MASTER as MASTER (a42613f7 came in 2.0.0): the plain message.
    expect(run(120, '1.3.5')).toEqual([['b.conf', 5, expect.not.stringContaining('AH')]]);
    expect(run(100)).toEqual([]);
    // Under vrrp_strict keepalived ignores the authentication (2.2.7 -t: "Strict mode does not support authentication.
    // Ignoring.") and starts the MASTER as BACKUP for strict mode's own reason (KA334): no AH to speak of.
    const strict = (state: string, prio: number) => 'global_defs {\n  vrrp_strict\n}\n' + node(state, prio);
    expect(lintCluster([{ file: 'a.conf', text: strict('MASTER', 110) }, { file: 'b.conf', text: strict('BACKUP', 120) }]).diagnostics.filter((x) => x.code === 'KA406' && x.message.includes('AH'))).toEqual([]);
  });

  it('KA406: a higher BACKUP with nopreempt does not take the VIPs from a running MASTER', () => {
    const node = (state: string, prio: number, extra = '') => `vrrp_instance VI_1 {\n  state ${state}\n  interface eth0\n  virtual_router_id 51\n  priority ${prio}\n${extra}  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
    const run = (b: string) => lintCluster([{ file: 'a.conf', text: node('MASTER', 50) }, { file: 'b.conf', text: b }]).diagnostics.filter((x) => x.code === 'KA406');
    expect(run(node('BACKUP', 100))[0]!.message).toMatch(/takes the VIPs as soon as it runs/);
    const [d] = run(node('BACKUP', 100, '  nopreempt\n'));
    expect(d!.message).not.toMatch(/as soon as it runs/);
    expect(d!.message).toMatch(/nopreempt keeps b.conf from taking the VIPs from a running a.conf/);
  });

  // cookeem/kubeadm-ha's script (three BACKUPs at 102/101/100 with nopreempt, weight -5): the message named both
  // higher nodes with "has a higher priority".
  it('KA430 names every higher node that nopreempt holds back, in plain English', () => {
    const node = (prio: number) => `vrrp_script chk {\n  script "/usr/bin/true"\n  weight -5\n}\nvrrp_instance VI_1 {\n  state BACKUP\n  nopreempt\n  interface eth0\n  virtual_router_id 51\n  priority ${prio}\n  track_script {\n    chk\n  }\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
    const diags = lintCluster([{ file: 'a.conf', text: node(102) }, { file: 'b.conf', text: node(101) }, { file: 'c.conf', text: node(100) }]).diagnostics.filter((d) => d.code === 'KA430');
    expect(diags.map((d) => d.message)).toEqual([expect.stringContaining('b.conf and c.conf have higher priorities but nopreempt: the running MASTER keeps the VIPs')]);
  });

  it('KA406 compares a BACKUP with the MASTER that holds the VIPs, not with a lower second MASTER', () => {
    const node = (state: string, prio: number) => `vrrp_instance VI_1 {\n  state ${state}\n  interface eth0\n  virtual_router_id 51\n  priority ${prio}\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
    const diags = lintCluster([{ file: 'a.conf', text: node('MASTER', 100) }, { file: 'b.conf', text: node('BACKUP', 90) }, { file: 'c.conf', text: node('MASTER', 80) }]).diagnostics;
    expect(diags.map((d) => d.code)).toEqual(['KA407']);
  });

  it('KA406: the fixes for two BACKUPs level with the MASTER do not make them tie with each other or a third node', () => {
    const node = (state: string, prio: number) => `vrrp_instance VI_1 {\n  state ${state}\n  interface eth0\n  virtual_router_id 51\n  priority ${prio}\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
    const fixes = (prios: number[]) =>
      lintCluster(prios.map((p, i) => ({ file: `n${i}.conf`, text: node(i ? 'BACKUP' : 'MASTER', p) }))).diagnostics.filter((x) => x.code === 'KA406').map((d) => d.fix?.description);
    expect(fixes([100, 100, 100])).toEqual(["Set priority 90 on n1.conf, below the MASTER's 100", "Set priority 80 on n2.conf, below the MASTER's 100"]);
    expect(fixes([100, 100, 90])).toEqual(["Set priority 80 on n1.conf, below the MASTER's 100"]);
  });

  it('KA406: an equal-priority BACKUP does not preempt the MASTER; only two MASTERs compare addresses', () => {
    // Server Fault 644949: MASTER and BACKUP both at 100, and the BACKUP still became MASTER. keepalived's
    // BACKUP accepts an advert whose priority is >= its own (vrrp_state_backup), so it took over only
    // because it heard no adverts; a MASTER compares addresses on an equal advert (vrrp_state_master_rx).
    const node = (state: string, peer: string) => `vrrp_instance VI_1 {\nstate ${state}\ninterface eth0\nvirtual_router_id 51\npriority 100\nunicast_peer {\n${peer}\n}\n}\n`;
    const diags = lintCluster([
      { file: 'instance1.conf', text: node('MASTER', '172.17.16.11') },
      { file: 'instance2.conf', text: node('BACKUP', '172.17.16.10') },
    ]).diagnostics.filter((d) => d.code === 'KA406');
    expect(diags.map((d) => d.message)).toEqual([
      "VI_1: BACKUP instance2.conf and MASTER instance1.conf both have priority 100, so 'state MASTER' does not make instance1.conf win: whichever node holds the VIPs keeps them (an equal advert keeps the other in BACKUP), and only when both are MASTER at once (after adverts were lost between them) the higher primary IP address wins",
    ]);
    // keepalived 1.x starts an instance written as MASTER in MASTER state (vrrp_scheduler.c, 1.3.5).
    const old = lintCluster([{ file: 'instance1.conf', text: node('MASTER', '172.17.16.11') }, { file: 'instance2.conf', text: node('BACKUP', '172.17.16.10') }], { targetVersion: '1.3.5' });
    expect(old.diagnostics.find((d) => d.code === 'KA406')!.message).toContain('keepalived 1.3.5 starts instance1.conf as MASTER');
    const backup = (file: string) => ({ file, text: node('BACKUP', '10.0.0.9') });
    expect(lintCluster([backup('a.conf'), backup('b.conf')]).diagnostics.find((d) => d.code === 'KA406')!.message).toBe(
      // Both send to 10.0.0.9, which is neither node (KA418): the finding says what it assumes.
      "VI_1: b.conf and a.conf both have priority 100: the first to become MASTER keeps the VIPs (a BACKUP of equal priority does not take them), and when both claim MASTER at once the higher primary IP address wins (this holds once the nodes hear each other: as written they drop each other's adverts, see KA418, and each becomes MASTER)",
    );
  });

  it('KA406: nodes sharing a priority give one finding, however many they are', () => {
    const node = (prio: number) => `vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority ${prio}\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
    const diags = lintCluster(['a', 'b', 'c'].map((n) => ({ file: `${n}.conf`, text: node(100) }))).diagnostics.filter((x) => x.code === 'KA406');
    expect(diags).toHaveLength(1);
    expect(diags[0]!.message).toMatch(/a.conf, b.conf and c.conf all have priority 100/);
    expect(diags[0]!.related).toHaveLength(2);
  });

  it('KA409 does not repeat the file rule on a cleared nopreempt: it points at the nopreempt that protects nothing', () => {
    const [d] = lint('nopreempt-master');
    expect(d!.code).toBe('KA409');
    expect(d!.file).toBe('nopreempt-master/b.conf');
    expect(d!.related![0]!.file).toBe('nopreempt-master/a.conf');
    // nopreempt on the MASTER only: KA308 on that node says it all.
    const only = loadScenario('nopreempt-master').map((n) => (n.file.endsWith('b.conf') ? { ...n, text: n.text.replace(/^\s*nopreempt\n/m, '') } : n));
    expect(lintCluster(only).diagnostics.filter((x) => x.code === 'KA409')).toEqual([]);
  });

  // Found on a real pair (a MySQL HA how-to): nopreempt on the higher node only. The lower node
  // never outranks it, so it has nothing to take back; it takes over only when the higher node's
  // check fails, which is failover, and nopreempt there would block it.
  it('KA409 leaves a node without nopreempt that never outranks a healthy peer', () => {
    const node = (prio: number, extra: string, weight?: number) =>
      `${weight === undefined ? '' : `vrrp_script chk {\n  script /bin/true\n  weight ${weight}\n}\n`}vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority ${prio}\n${extra}  virtual_ipaddress {\n    10.0.0.1\n  }\n${weight === undefined ? '' : '  track_script {\n    chk\n  }\n'}}\n`;
    const ka409 = (a: string, b: string) => lintCluster([{ file: 'a.conf', text: a }, { file: 'b.conf', text: b }]).diagnostics.filter((x) => x.code === 'KA409');
    expect(ka409(node(150, '  nopreempt\n', -60), node(100, ''))).toEqual([]);
    expect(ka409(node(150, '  nopreempt\n', 2), node(100, '', 2))).toEqual([]);
    // A positive weight lifts b above a when both are healthy: b takes the VIPs back.
    expect(ka409(node(150, '  nopreempt\n'), node(100, '', 60)).map((x) => x.file)).toEqual(['b.conf']);
    // Equal priorities: neither takes over, not even a node starting as MASTER, which starts in BACKUP like any other
    // below 255 (two 2.2.7 daemons, session 57: the state MASTER node joining later, with the higher IP, stayed BACKUP).
    expect(ka409(node(100, '  nopreempt\n'), node(100, ''))).toEqual([]);
    expect(ka409(node(100, '  nopreempt\n'), node(100, '').replace('state BACKUP', 'state MASTER'))).toEqual([]);
  });

  // Found on a real pair (nriet/radar-storage-system): the MASTER writes preempt and preempt_delay,
  // the BACKUP nopreempt. Taking the VIPs back is what the MASTER asks for, not half of a
  // non-preemptive pair.
  it('KA409 leaves a node that asks to preempt (preempt, preempt_delay)', () => {
    const node = (state: string, prio: number, extra: string) =>
      `vrrp_instance VI_1 {\n  state ${state}\n  interface eth0\n  virtual_router_id 51\n  priority ${prio}\n${extra}  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
    const ka409 = (a: string, b: string) => lintCluster([{ file: 'a.conf', text: a }, { file: 'b.conf', text: b }]).diagnostics.filter((x) => x.code === 'KA409');
    expect(ka409(node('MASTER', 150, '  preempt\n  preempt_delay 10\n'), node('BACKUP', 100, '  nopreempt\n'))).toEqual([]);
    expect(ka409(node('BACKUP', 150, '  preempt\n'), node('BACKUP', 100, '  nopreempt\n'))).toEqual([]);
    expect(ka409(node('BACKUP', 150, '  preempt_delay 30\n'), node('BACKUP', 100, '  nopreempt\n'))).toEqual([]);
    // Without a word either way it is still reported, and a later nopreempt overrides preempt.
    expect(ka409(node('MASTER', 150, ''), node('BACKUP', 100, '  nopreempt\n')).map((x) => x.file)).toEqual(['a.conf']);
    expect(ka409(node('BACKUP', 150, '  preempt\n  nopreempt\n'), node('BACKUP', 100, '  nopreempt\n'))).toEqual([]);
  });

  it('KA406 leaves a tie of BACKUPs below one MASTER to KA432, and keeps the ties KA432 does not see', () => {
    // A real three-node pair (node1 MASTER, node2 and node3 BACKUP at 200) got both for one cause.
    const node = (state: string, prio: number) => `vrrp_instance VI_1 {\n  state ${state}\n  interface eth0\n  virtual_router_id 51\n  priority ${prio}\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
    const codes = (...prios: [string, number][]) => lintCluster(prios.map(([st, p], i) => ({ file: `n${i + 1}.conf`, text: node(st, p) }))).diagnostics.map((d) => d.code).filter((c) => c === 'KA406' || c === 'KA432');
    expect(codes(['MASTER', 250], ['BACKUP', 200], ['BACKUP', 200])).toEqual(['KA432']);
    // Two BACKUPs alone, equal: a tie in the healthy election, KA406's.
    expect(codes(['BACKUP', 100], ['BACKUP', 100])).toEqual(['KA406']);
    // Below two nodes, the tie needs two failures, which KA432 does not simulate: KA406 still says it.
    expect(codes(['MASTER', 250], ['BACKUP', 240], ['BACKUP', 200], ['BACKUP', 200])).toEqual(['KA406']);
  });

  it('KA432 words a tie of three nodes as such', () => {
    const node = (state: string, prio: number) => `vrrp_instance VI_1 {\n  state ${state}\n  interface eth0\n  virtual_router_id 51\n  priority ${prio}\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
    const nodes = [{ file: 'a.conf', text: node('MASTER', 150) }, ...['b', 'c', 'd'].map((n) => ({ file: `${n}.conf`, text: node('BACKUP', 100) }))];
    const d = lintCluster(nodes).diagnostics.find((x) => x.code === 'KA432')!;
    expect(d.message).toMatch(/when a.conf is down, b.conf, c.conf and d.conf all end at priority 100: which of them takes the VIPs is a race between their timers \(the highest IP address wins only/);
  });

  it('KA412 says keepalived discards adverts unless skip_check_adv_addr', () => {
    const [d] = lint('vip-mismatch');
    expect(d!.message).toContain('192.168.10.101');
    expect(d!.message).toContain('skip_check_adv_addr');
  });

  // Live (scripts/cluster-live, two keepalived 2.2.7 in network namespaces, both skipping the
  // check): both MASTER, b logging "received an unexpected ip number count 2, expected 1!": the
  // first advert of a MASTER not yet accepted is checked whatever skip_check_adv_addr says.
  it('KA412: skip_check_adv_addr on both nodes does not keep the differing adverts accepted', () => {
    const d = lint('vip-mismatch-skip-check').find((x) => x.code === 'KA412')!;
    expect(d.severity).toBe('error');
    expect(d.message).toContain('both nodes become MASTER (skip_check_adv_addr does not help');
  });

  it('KA412 counts one address in the singular', () => {
    const node = (vips: string) => `vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  virtual_ipaddress {\n${vips}  }\n}\n`;
    const d = lintCluster([{ file: 'a.conf', text: node('    10.0.0.1\n    10.0.0.2\n') }, { file: 'b.conf', text: node('    10.0.0.1\n') }]).diagnostics.find((x) => x.code === 'KA412')!;
    expect(d.message).toMatch(/\(1 address vs 2;/);
  });

  it('KA412: an address keepalived cannot parse is no VIP of either node', () => {
    const node = (vips: string) => `vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  virtual_ipaddress {\n${vips}  }\n}\n`;
    const nodes = [
      { file: 'a.conf', text: node('    10.0.0.1\n') },
      { file: 'b.conf', text: node('    10.0.0.1\n    not_an_ip\n') },
    ];
    expect(lintCluster(nodes).diagnostics.filter((x) => x.code === 'KA412')).toEqual([]);
  });

  it('KA402 points at the instance that reuses the VRID and at the other node', () => {
    const [d] = lint('vrid-shared');
    expect(d!.file).toBe('vrid-shared/b.conf');
    expect(d!.message).toMatch(/db .* api|api .* db/);
    expect(d!.related![0]!.file).toBe('vrid-shared/a.conf');
  });

  // Live (scripts/cluster-live): strict-one-node (no authentication, accept or unicast lines)
  // elected a.conf alone, as without vrrp_strict; auth-strict-one-node ended with both MASTER.
  it('KA417 says the adverts differ only when a line strict mode changes is there', () => {
    expect(lint('strict-one-node').find((x) => x.code === 'KA417')!.message).toContain('the adverts match today');
    expect(lint('auth-strict-one-node').find((x) => x.code === 'KA417')!.message).toContain("the nodes' adverts no longer match");
  });

  it('KA418 names the missing unicast_src_ip', () => {
    const [d] = lint('unicast-peer-missing');
    expect(d!.file).toBe('unicast-peer-missing/b.conf');
    expect(d!.message).toContain('192.168.10.11');
    // Live (scripts/cluster-live): a (MASTER 150, left out of b's list) alone held the VIPs while
    // healthy and when either node stopped; the split needs b to hold them while a runs.
    // So, as b never outranks a here, the split is latent: a warning that says when it would come (session 60's live
    // pairs: b held the VIPs only while a was stopped, and a took them back, one holder at every sample).
    expect(d!.severity).toBe('warning');
    expect(d!.message).toContain('Today b.conf holds the VIPs only while a.conf is down or in FAULT');
    // A check that can drop a below b while both run makes it the error it was.
    const dir = join(ROOT, 'unicast-peer-missing');
    const a = readFileSync(join(dir, 'a.conf'), 'utf8');
    const checked = 'vrrp_script chk {\n    script "/bin/true"\n    weight -60\n}\n' + a.replace('    priority 150\n', '    priority 150\n    track_script {\n        chk\n    }\n');
    expect(checked).not.toBe('vrrp_script chk {\n    script "/bin/true"\n    weight -60\n}\n' + a);
    const [e] = lintCluster([{ file: 'a.conf', text: checked }, { file: 'b.conf', text: readFileSync(join(dir, 'b.conf'), 'utf8') }]).diagnostics.filter((x) => x.code === 'KA418');
    expect(e!.severity).toBe('error');
    expect(e!.message).toContain('so whenever b.conf holds the VIPs a.conf takes them too (split brain)');
  });

  it('KA414 says an instance is alone in its sync group when the node lacks the other members', () => {
    // The RHEL 7 Load Balancer guide's LB2 file (as translated): VG1 lists RH_INT, which LB2 never defines.
    const instance = (name: string, state: string, vrid: number, vip: string) =>
      `vrrp_instance ${name} {\n state ${state}\n interface eth0\n virtual_router_id ${vrid}\n priority 100\n virtual_ipaddress {\n  ${vip}\n }\n}\n`;
    const group = 'vrrp_sync_group VG1 {\n group {\n  RH_EXT\n  RH_INT\n }\n}\n';
    const diags = lintCluster([
      { file: 'lb1.conf', text: group + instance('RH_EXT', 'MASTER', 50, '10.0.0.1') + instance('RH_INT', 'MASTER', 2, '192.168.1.1') },
      { file: 'lb2.conf', text: group + instance('RH_EXT', 'BACKUP', 50, '10.0.0.1') },
    ]).diagnostics.filter((d) => d.code === 'KA414');
    expect(diags).toHaveLength(1);
    expect(diags[0]!.message).toBe(
      'RH_EXT: alone in sync group VG1 on lb2.conf but in sync group VG1 with RH_INT on lb1.conf; the instances fail over together on one node and separately on the other',
    );
  });

  // s58 template audit, live: a copied mcast_src_ip splits the pair only while the node that has the address is not the
  // highest (its lower priority, or a tracked failure); the usual copy direction failed over and back normally.
  it('KA421 on a copied mcast_src_ip says when the pair splits', () => {
    const [d] = lint('mcast-src-ip-shared').filter((x) => x.code === 'KA421');
    expect(d!.message).toMatch(/drops the other's adverts \(they claim to come from its own address\): whenever that node is not the one with the highest priority \(a lower priority, or a tracked failure\), both become MASTER/);
  });
  it('KA421 points at the copied unicast_src_ip, and KA418 does not call it a missing peer', () => {
    const diags = lint('unicast-src-ip-shared');
    expect(diags.map((d) => d.code)).toEqual(['KA421']);
    expect(diags[0]!.file).toBe('unicast-src-ip-shared/b.conf');
    expect(diags[0]!.message).toContain('192.168.10.11');
    expect(diags[0]!.related![0]!.file).toBe('unicast-src-ip-shared/a.conf');
  });

  it('KA413 names the service settings that differ, with keepalived\'s defaults for the unset ones', () => {
    // A blog's LVS-DR pair gave only the MASTER a sorry_server.
    const [d, ...rest] = lint('virtual-server-settings');
    expect(rest).toEqual([]);
    expect(d!.message).toContain('lb_kind DR on a.conf but NAT on b.conf');
    expect(d!.message).toContain('sorry_server 192.168.10.200 80 on a.conf but none on b.conf');
    // 'lb_kind NAT' and 'lb_algo wlc' written on one node only are what keepalived sets anyway.
    const [a, b] = loadScenario('virtual-server-same');
    const explicit = a!.text.replace('lb_algo rr\n    lb_kind DR', 'lb_algo wlc\n    lb_kind NAT');
    const implicit = b!.text.replace('    lb_algo rr\n    lb_kind DR\n', '');
    expect(lintCluster([{ ...a!, text: explicit }, { ...b!, text: implicit }]).diagnostics).toEqual([]);
    if (keepalivedAvailable()) {
      const printed = runKeepalived(implicit).messages.map((m) => m.message);
      expect(printed).toContain('Virtual server [192.168.10.100]:tcp:80: no scheduler set, setting default \'wlc\'');
      expect(printed).toContain('Virtual server [192.168.10.100]:tcp:80: no forwarding method set, setting default NAT');
    }
  });

  it('KA413 compares the protocol and scheduler keepalived runs a service with, not a word it refuses', () => {
    // An audit in session 56: 'protocol UDP' against no protocol line (2.2.7: "no protocol set - defaulting to UDP"),
    // and an 'lb_algo rrr' keepalived refuses ("Invalid lvs_scheduler 'rrr' - ignoring") against wlc, its default.
    const director = (lines: string) => `virtual_server 10.0.0.100 53 {\n    delay_loop 6\n    lb_kind NAT\n${lines}    real_server 10.0.0.11 53 {\n        weight 1\n    }\n}\n`;
    const pair = (a: string, b: string) => lintCluster([{ file: 'a.conf', text: director(a) }, { file: 'b.conf', text: director(b) }]).diagnostics.map((d) => d.code);
    expect(pair('    lb_algo rr\n    protocol UDP\n', '    lb_algo rr\n')).toEqual([]);
    expect(pair('    lb_algo rrr\n    protocol TCP\n', '    lb_algo wlc\n    protocol TCP\n')).toEqual([]);
    // A real difference is still one.
    expect(pair('    lb_algo rr\n    protocol TCP\n', '    lb_algo rr\n')).toEqual(['KA413', 'KA413']);
    if (keepalivedAvailable()) {
      expect(runKeepalived(director('    lb_algo rr\n')).messages.map((m) => m.message)).toContain('Virtual server [10.0.0.100]:none:53: no protocol set - defaulting to UDP');
      expect(runKeepalived(director('    lb_algo rrr\n    protocol TCP\n')).messages.map((m) => m.message)).toContain("Invalid lvs_scheduler 'rrr' - ignoring");
    }
  });

  it('KA421 also catches a copied mcast_src_ip: the same source address for multicast adverts', () => {
    const diags = lint('mcast-src-ip-shared');
    expect(diags.map((d) => d.code)).toEqual(['KA421']);
    expect(diags[0]!.file).toBe('mcast-src-ip-shared/b.conf');
    expect(diags[0]!.message).toContain('the same mcast_src_ip 192.168.10.11');
    expect(diags[0]!.related![0]!.message).toBe('mcast_src_ip 192.168.10.11 on a.conf');
    // Each node with its own address: no finding.
    const [a, b] = loadScenario('mcast-src-ip-shared');
    expect(lintCluster([a!, { ...b!, text: b!.text.replace('mcast_src_ip 192.168.10.11', 'mcast_src_ip 192.168.10.12') }]).diagnostics).toEqual([]);
  });

  it('KA420 compares the default sync id (the VRID) with an explicit id', () => {
    const [d] = lint('lvs-sync-id-mismatch');
    expect(d!.message).toMatch(/7 .*51|51 .*7/);
  });

  it('matches renamed instances by VRID + interface + VIPs', () => {
    const [d] = lint('renamed-instance');
    expect(d!.message).toContain('auth_pass');
  });

  // Session 61, live 2.2.7: VI_1 (eth0) and VI_2 (eth1) share VRID 51; the other host names its links ens3/ens4 and its
  // file swaps the instance names. One holder per VIP, no "invalid" log lines; kalint had paired VI_1 with VI_1 across
  // the two segments (false KA412 errors and KA406 warnings).
  describe('instances on interfaces the hosts name differently', () => {
    const inst = (name: string, iface: string, prio: number, vip: string, vrid = 51) =>
      `vrrp_instance ${name} {\n    state BACKUP\n    interface ${iface}\n    virtual_router_id ${vrid}\n    priority ${prio}\n    advert_int 1\n    virtual_ipaddress {\n        ${vip}/24\n    }\n}\n`;
    const a = inst('VI_1', 'eth0', 100, '10.1.0.100') + inst('VI_2', 'eth1', 90, '10.2.0.100');
    const swapped = inst('VI_2', 'ens3', 90, '10.1.0.100') + inst('VI_1', 'ens4', 100, '10.2.0.100');
    const run = (b: string) => lintCluster([{ file: 'a.conf', text: a }, { file: 'b.conf', text: b }]);

    it('are paired by VRID + VIPs, not by a name that says otherwise', () => {
      const r = run(swapped);
      expect(r.diagnostics.map((d) => d.code)).toEqual([]);
      expect(r.scenarios.map((s) => `${s.instance}: ${s.scenarios[0]!.holder}`)).toEqual(['VI_1 / VI_2: a.conf', 'VI_2 / VI_1: b.conf']);
      expect(r.scenarios[0]!.matched).toBe('VI_1 / VI_2 (VRID 51): VI_1 on a.conf (eth0), VI_2 on b.conf (ens3): paired by the same VRID and VIPs, as the hosts name their interfaces differently (the names differ; adverts carry no instance name)');
      // Other names on both (vr4): one virtual router each too, where the cluster checks had said nothing.
      const renamed = run(inst('web', 'ens3', 90, '10.1.0.100') + inst('db', 'ens4', 100, '10.2.0.100'));
      expect(renamed.scenarios.map((s) => s.instance)).toEqual(['VI_1 / web', 'VI_2 / db']);
    });

    it('stay paired by name where the interface names are shared, or a node has the VRID and VIPs twice', () => {
      // Same interface names: VI_1 on eth0 on both nodes hear each other, whatever VI_2 on eth1 carries.
      const shared = run(inst('VI_1', 'eth0', 90, '10.2.0.100') + inst('VI_2', 'eth1', 100, '10.1.0.100'));
      expect(shared.diagnostics.filter((d) => d.code === 'KA412')).toHaveLength(2);
      expect(shared.scenarios.map((s) => s.instance)).toEqual(['VI_1', 'VI_2']);
      expect(shared.scenarios[0]!.matched).toBe('VI_1 (VRID 51): a.conf, b.conf: paired by the name VI_1, though the VRID or the VIPs differ');
      // Paired by name across interfaces named differently: a finding of lost adverts says so.
      const byName = run(inst('VI_1', 'ens3', 90, '10.3.0.100') + inst('VI_2', 'ens4', 100, '10.2.0.100'));
      const ka412 = byName.diagnostics.find((d) => d.code === 'KA412')!;
      expect(ka412.message).toContain('(paired by the name VI_1 alone: the interfaces differ (eth0 on a.conf, ens3 on b.conf), and kalint cannot tell whether they are one link)');
      // a.conf with VRID 51 and these VIPs on two interfaces: which of them b.conf's is, nothing says.
      const twice = lintCluster([{ file: 'a.conf', text: inst('VI_1', 'eth0', 100, '10.1.0.100') + inst('VI_3', 'eth1', 100, '10.1.0.100') }, { file: 'b.conf', text: inst('web', 'ens3', 90, '10.1.0.100') }]);
      expect(twice.scenarios).toEqual([]);
    });
  });

  it('one file with @id lines is one node per id', () => {
    const [d] = lint('config-ids');
    expect(d!.message).toContain('10.0.0.11');
    expect(d!.message).toContain('on keepalived.conf@lb2 lacks keepalived.conf@lb1');
    expect(d!.range.start.line).toBe(17); // the unicast_peer block
    expect(d!.related![0]!.range.start.line).toBe(15); // @lb1 unicast_src_ip
  });

  it('never throws, and a single node has no cluster findings', () => {
    expect(lintCluster([{ file: 'x.conf', text: 'vrrp_instance { {{ }' }]).diagnostics).toEqual([]);
    expect(() => lintCluster([{ file: 'a', text: '}}}' }, { file: 'b', text: 'vrrp_instance VI_1 {\nvirtual_router_id 300\n' }])).not.toThrow();
  });
});

describe('corpus pairs', () => {
  const corpus = join(__dirname, '..', '..', 'shared', 'corpus');
  const pair = (seed: string) =>
    lintCluster(['master', 'backup'].map((role) => ({ file: `${seed}-${role}.conf`, text: readFileSync(join(corpus, `${seed}-${role}.conf`), 'utf8') }))).diagnostics;

  it('seed000 master+backup: VRID, auth_pass and VIP mismatches', () => {
    const codes = pair('seed000').map((d) => d.code);
    expect(codes).toContain('KA401');
    expect(codes).toContain('KA404');
    expect(codes).toContain('KA412');
    const vrid = pair('seed000').find((d) => d.code === 'KA401')!;
    expect(vrid.message).toMatch(/51.*88|88.*51/);
    expect([vrid.file, vrid.related![0]!.file].sort()).toEqual(['seed000-backup.conf', 'seed000-master.conf']);
  });

  it('seed002 and seed003 master+backup: no cluster problem', () => {
    expect(pair('seed002')).toEqual([]);
    expect(pair('seed003')).toEqual([]);
  });
});

describe('quick fixes of the cluster rules', () => {
  /** Applies one finding's fix to the scenario's files and lints the cluster again. */
  function fixed(name: string, code: string): { before: Diagnostic; after: Diagnostic[] } {
    const nodes = loadScenario(name);
    const before = lintCluster(nodes).diagnostics.find((d) => d.code === code)!;
    expect(before.fix, `${name}: ${code} has a fix`).toBeDefined();
    const patched = nodes.map((n) => {
      const edits = before.fix!.edits.filter((e) => e.file === n.file).sort((a, b) => b.range.start.offset - a.range.start.offset);
      let text = n.text;
      for (const e of edits) text = text.slice(0, e.range.start.offset) + e.newText + text.slice(e.range.end.offset);
      return { ...n, text };
    });
    return { before, after: lintCluster(patched).diagnostics };
  }

  it('KA401, KA403, KA404, KA406, KA407 and KA410 fixes make the node agree with the reference node', () => {
    for (const [name, code, description] of [
      ['vrid-mismatch', 'KA401', /^Set virtual_router_id \d+ on /],
      ['auth-type-mismatch', 'KA403', /^Set auth_type \w+ on /],
      ['auth-pass-mismatch', 'KA404', /^Use .*'s auth_pass on /],
      ['backup-priority-higher', 'KA406', /^Set priority \d+ on .*, below the MASTER's \d+$/],
      ['backup-priority-higher-150', 'KA406', /^Set priority \d+ on /],
      ['advert-int-mismatch', 'KA410', /^Set advert_int \S+ on /],
      ['two-masters', 'KA407', /^Write 'state BACKUP' on /],
    ] as const) {
      const { before, after } = fixed(name, code);
      expect(before.fix!.description, name).toMatch(description);
      // The edit lands in the file the finding is about, and the finding is gone.
      expect(before.fix!.edits.every((e) => e.file === before.file), name).toBe(true);
      expect(after.filter((d) => d.code === code), name).toEqual([]);
    }
  });

  it('KA406 and KA407 offer no fix on a line every node of one file reads (no @id on it)', () => {
    const oneFile = (lines: string) => {
      const text = `vrrp_instance VI_1 {\n${lines}    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n`;
      return lintCluster(configIdsIn(text).map((configId) => ({ file: 'ka.conf', text, configId }))).diagnostics;
    };
    const find = (diags: Diagnostic[], code: string) => diags.find((d) => d.code === code)!;
    // Both nodes read 'state MASTER': writing BACKUP there would make both BACKUP.
    expect(find(oneFile('    state MASTER\n@a priority 101\n@b priority 100\n'), 'KA407').fix).toBeUndefined();
    expect(find(oneFile('@a state MASTER\n@b state MASTER\n@a priority 101\n@b priority 100\n'), 'KA407').fix!.edits[0]!.range.start.line).toBe(2);
    // Both nodes read 'priority 100': lowering it lowers both.
    expect(find(oneFile('@a state MASTER\n@b state BACKUP\n    priority 100\n'), 'KA406').fix).toBeUndefined();
    expect(find(oneFile('@a state MASTER\n@b state BACKUP\n@a priority 100\n@b priority 100\n'), 'KA406').fix!.description).toMatch(/^Set priority 90 on /);
  });

  it('between two nodes the MASTER is the reference: findings and fixes land on the BACKUP, whatever the order', () => {
    // A folder sorts backup.conf before master.conf; the BACKUP is the copy that was edited.
    const node = (name: string, state: string, priority: number, vrid: number, advert: number, vip: string) => ({
      file: `${name}.conf`,
      text: `global_defs {\n    router_id LVS_DEVEL\n}\nvrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id ${vrid}\n    priority ${priority}\n    advert_int ${advert}\n    authentication {\n        auth_type PASS\n        auth_pass ${name}\n    }\n    virtual_ipaddress {\n        ${vip}\n    }\n}\n`,
    });
    const master = node('master', 'MASTER', 100, 51, 1, '10.0.0.10');
    const backup = node('backup', 'BACKUP', 90, 52, 2, '10.0.0.11');
    for (const order of [[backup, master], [master, backup]]) {
      const found = lintCluster(order).diagnostics.filter((d) => ['KA401', 'KA404', 'KA410', 'KA412', 'KA415'].includes(d.code));
      expect(found.map((d) => `${d.code} ${d.file}`).sort()).toEqual(['KA401 backup.conf', 'KA404 backup.conf', 'KA410 backup.conf', 'KA412 backup.conf', 'KA415 backup.conf']);
      expect(found.find((d) => d.code === 'KA401')!.fix!.description).toBe('Set virtual_router_id 51 on backup.conf, as on master.conf');
    }
  });

  it('KA407 compares every MASTER with the one that wins the election, whatever the order of the nodes', () => {
    const node = (name: string, priority: number) => ({
      file: `${name}.conf`,
      text: `vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority ${priority}\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n`,
    });
    const nodes = [node('a', 100), node('b', 200), node('c', 150)];
    const report = (order: typeof nodes) =>
      lintCluster(order).diagnostics.filter((d) => d.code === 'KA407').map((d) => `${d.file} ${d.related?.[0]?.file} ${d.fix?.description}`).sort();
    const expected = ["a.conf b.conf Write 'state BACKUP' on a.conf, so that one node starts as MASTER", "c.conf b.conf Write 'state BACKUP' on c.conf, so that one node starts as MASTER"];
    expect(report(nodes)).toEqual(expected);
    expect(report([...nodes].reverse())).toEqual(expected);
  });

  it('no password in a fix description, and no fix where the passwords agree in the 8 characters kept', () => {
    const { before } = fixed('auth-pass-mismatch', 'KA404');
    const passwords = loadScenario('auth-pass-mismatch').flatMap((n) => [...n.text.matchAll(/auth_pass\s+(\S+)/g)].map((m) => m[1]!));
    for (const p of passwords) expect(before.fix!.description).not.toContain(p);
    expect(lint('auth-pass-after-8').find((d) => d.code === 'KA404')!.fix).toBeUndefined();
  });
});

describe('node labels in messages', () => {
  it('are the shortest path ends that tell the nodes apart', () => {
    const short = shortestUniqueSuffixes(['/etc/ka/lb1.conf', '/etc/ka/lb2.conf']);
    expect([...short.values()]).toEqual(['lb1.conf', 'lb2.conf']);
    const same = shortestUniqueSuffixes(['site/a/keepalived.conf', 'site/b/keepalived.conf', 'keepalived.conf']);
    expect([...same.values()]).toEqual(['a/keepalived.conf', 'b/keepalived.conf', 'keepalived.conf']);
    expect([...shortestUniqueSuffixes(['C:\\ka\\n1.conf', 'C:\\ka\\n2.conf']).values()]).toEqual(['n1.conf', 'n2.conf']);
  });

  it('name the config id when one file is several nodes', () => {
    expect(nodeLabels([{ file: 'nfs/keepalived.conf', configId: 'nfs1' }, { file: 'nfs/keepalived.conf', configId: 'nfs2' }])).toEqual(['keepalived.conf@nfs1', 'keepalived.conf@nfs2']);
    expect(nodeLabels([{ file: 'x/master.conf' }, { file: 'y/backup.conf' }])).toEqual(['master.conf', 'backup.conf']);
  });

  it('appear in the cluster findings, while the locations keep the full paths', () => {
    const node = (vrid: number) => `vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id ${vrid}\n  priority 100\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
    const found = lintCluster([{ file: 'prod/site1/lb1.conf', text: node(51) }, { file: 'prod/site1/lb2.conf', text: node(52) }]).diagnostics.filter((d) => d.code === 'KA401');
    expect(found[0]!.message).toContain('virtual_router_id 52 on lb2.conf but 51 on lb1.conf');
    expect(found[0]!.file).toBe('prod/site1/lb2.conf');
    expect(found[0]!.related![0]!.file).toBe('prod/site1/lb1.conf');
  });
});

describe('three nodes or more: the odd one out is reported, whatever the order of the files', () => {
  // Found on a harvested repo (one621/mydoc, qpid-ha): of a BACKUP, a MASTER and an LB node, the BACKUP's VI_1
  // had another VIP; given first, it made the other two look wrong, given last it was left out as "a different
  // instance" with the same VRID (KA402), since the name lookup depended on which file came first.
  const node = (o: { vip?: string; advert?: number; pass?: string; state?: string; servers?: string[]; https?: boolean }) =>
    'vrrp_instance VI_1 {\n' +
    `    state ${o.state ?? 'BACKUP'}\n    interface eth0\n    virtual_router_id 51\n    priority ${o.state === 'MASTER' ? 100 : 90}\n    advert_int ${o.advert ?? 1}\n` +
    `    authentication {\n        auth_type PASS\n        auth_pass ${o.pass ?? 's3cret'}\n    }\n` +
    `    virtual_ipaddress {\n        ${o.vip ?? '10.0.0.10'}\n    }\n}\n` +
    `virtual_server 10.0.0.10 80 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n${(o.servers ?? ['10.0.0.1', '10.0.0.2']).map((a) => `    real_server ${a} 80 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n`).join('')}}\n` +
    (o.https === false ? '' : 'virtual_server 10.0.0.10 443 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.0.1 443 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\n');
  const nodes: ClusterInput[] = [
    { file: 'a.conf', text: node({ state: 'MASTER', advert: 2 }) },
    { file: 'b.conf', text: node({ vip: '10.0.0.99', pass: 'other' }) },
    { file: 'c.conf', text: node({ servers: ['10.0.0.1', '10.0.0.3'], https: false }) },
  ];
  const findings = (order: ClusterInput[]) =>
    lintCluster(order).diagnostics.filter((d) => d.code.startsWith('KA4')).map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}${d.message.includes(' is defined on ') || d.code === 'KA432' ? ` ${d.message}` : ''}`).sort();
  const permutations = <T,>(xs: T[]): T[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
  it('reports each difference on the node that differs, for every order of the three files', () => {
    const expected = findings(nodes);
    expect(expected).toEqual(expect.arrayContaining(['a.conf:6 KA410', 'b.conf:9 KA404', 'b.conf:11 KA412']));
    expect(expected).toContain('a.conf:30 KA413 virtual_server 10.0.0.10 443 TCP is defined on a.conf, b.conf but not on c.conf; the service is lost when c.conf takes over');
    expect(expected.filter((f) => f.startsWith('c.conf:15 KA413'))).toHaveLength(1);
    expect(expected.filter((f) => f.endsWith('KA402'))).toEqual([]);
    for (const order of permutations(nodes)) expect(findings(order)).toEqual(expected);
  });
});
