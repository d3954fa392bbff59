// The failover table against what live keepalived 2.2.7 pairs did (session 57: each node a daemon in its own network
// namespace on a shared bridge, every row of `kalint explain KA409` played; scripts/cluster-live holds the harness
// of the earlier runs). Each case here is a row the table had wrong, and the code keepalived follows in it.

import { describe, expect, it } from 'vitest';
import { buildNodes, failoverReports, formatScenarioTable, lintCluster } from '../server/src/cluster/index.js';
import { conf } from './helpers/rule-cases.js';

const instance = (state: string, priority: number, body: string[] = []) =>
  conf('vrrp_instance VI_1 {', `  state ${state}`, '  interface eth0', '  virtual_router_id 51', `  priority ${priority}`, ...body.map((l) => `  ${l}`), '  virtual_ipaddress {', '    10.0.0.100', '  }', '}');

function table(a: string, b: string) {
  const nodes = buildNodes([
    { file: 'a.conf', text: a },
    { file: 'b.conf', text: b },
  ]);
  return failoverReports(nodes)[0]!.scenarios;
}
const codes = (a: string, b: string) =>
  lintCluster([
    { file: 'a.conf', text: a },
    { file: 'b.conf', text: b },
  ]).diagnostics.map((d) => d.code);

describe('a track file', () => {
  const file = (name: string, weight?: number) => conf(`track_file ${name} {`, `  file /run/${name}`, ...(weight === undefined ? [] : [`  weight ${weight}`]), '}');

  it('adds nothing while it holds 0: a positive weight lifts no node in the healthy row', () => {
    // b BACKUP 95 with a +10 file: live, a (100) held the VIPs with the file missing or holding 0; b reached 105 only
    // once the file held 1.
    const a = instance('MASTER', 100);
    const b = file('tf_up', 10) + instance('BACKUP', 95, ['track_file {', '  tf_up', '}']);
    const [healthy, setOnB] = table(a, b);
    expect(healthy!.states.map((s) => s.priority)).toEqual([100, 95]);
    expect(healthy!.holder).toBe('a.conf');
    expect(setOnB!.label).toBe('file tf_up fails on b.conf');
    expect(setOnB!.states.map((s) => s.priority)).toEqual([100, 105]);
    expect(codes(a, b)).not.toContain('KA431');
  });

  it('at the default weight 1 puts an address owner in FAULT when it holds 1 (the weight becomes 0)', () => {
    // "(VI_1) ignoring weight from tracked file tf_def due to address_owner. specify weight 0"; writing 1 to the
    // file: "tracked file tf_def now FAULT state", and b took the VIPs.
    const a = file('tf_def') + instance('MASTER', 255, ['track_file {', '  tf_def', '}']);
    const b = instance('BACKUP', 100);
    const row = table(a, b).find((s) => s.label === 'file tf_def fails on a.conf');
    expect(row?.states[0]!.state).toBe('fault');
    expect(row?.holder).toBe('b.conf');
    // A weighted file on the owner is dropped, as before: no row.
    expect(table(file('tf_w', -30) + instance('MASTER', 255, ['track_file {', '  tf_w', '}']), b).map((s) => s.label)).not.toContain('file tf_w fails on a.conf');
  });
});

describe('preempt_delay', () => {
  it('is no delay on a node whose preempt_delay keepalived clears (state MASTER)', () => {
    // "(VI_1) Warning - preempt delay will not work with initial state MASTER - clearing": b took over at once.
    const script = conf('vrrp_script chk {', '  script "/bin/true"', '  weight -20', '}');
    const a = script + instance('MASTER', 100, ['track_script {', '  chk', '}']);
    const b = instance('MASTER', 90, ['preempt_delay 8']);
    const row = table(a, b).find((s) => s.label === 'script chk fails on a.conf');
    expect(row?.holder).toBe('b.conf');
    expect(row?.note ?? '').not.toContain('preempt_delay');
    // Kept on a BACKUP: the note stays.
    expect(table(a, instance('BACKUP', 90, ['preempt_delay 8'])).find((s) => s.label === 'script chk fails on a.conf')?.note).toBe('after preempt_delay 8s');
  });
});

describe("a sync group's own track_interface and track_file", () => {
  it('put the whole group in FAULT on the node where they fail', () => {
    // Live: eth1 down on a gave "(VI_1) Entering FAULT STATE", "VRRP_Group(G1) Syncing instances to FAULT state",
    // and b took both VIPs; writing 1 to tf0 (weight 0) likewise.
    const group = (state: string, priority: number) =>
      conf('track_file tf0 {', '  file /run/tf0', '  weight 0', '}', 'vrrp_sync_group G1 {', '  group {', '    VI_1', '    VI_2', '  }', '  track_interface {', '    eth1', '  }', '  track_file {', '    tf0', '  }', '}') +
      [1, 2]
        .map((k) => conf(`vrrp_instance VI_${k} {`, `  state ${state}`, '  interface eth0', `  virtual_router_id ${103 + k}`, `  priority ${priority}`, '  virtual_ipaddress {', `    10.0.0.${99 + k}`, '  }', '}'))
        .join('');
    const nodes = buildNodes([
      { file: 'a.conf', text: group('MASTER', 100) },
      { file: 'b.conf', text: group('BACKUP', 90) },
    ]);
    for (const report of failoverReports(nodes)) {
      const rows = new Map(report.scenarios.map((s) => [s.label, s]));
      for (const label of ['interface eth1 goes down on a.conf', 'file tf0 fails on a.conf']) {
        expect(rows.get(label)?.holder, `${report.instance}: ${label}`).toBe('b.conf');
        expect(rows.get(label)?.states[0]!.state).toBe('fault');
      }
    }
  });
});

describe('a state MASTER node below 255 against a higher nopreempt BACKUP', () => {
  it('keeps the VIPs only if it is up first, and the table says so', () => {
    // vrrp_init_state gives it the usual master-down timer: started together, the BACKUP at 100 became MASTER (two
    // live 2.2.7 daemons, both start orders within milliseconds); the MASTER at 51 won only when up 3.6 s earlier.
    const a = instance('MASTER', 51);
    const b = instance('BACKUP', 100, ['nopreempt']);
    const [healthy] = table(a, b);
    expect(healthy!.holder).toBe('a.conf');
    expect(healthy!.note).toContain('if a.conf is up first (started together, the higher priority');
  });
});

describe('a node keepalived keeps in FAULT (unicast_fault_no_peer without peers)', () => {
  it('is FAULT in every row: nobody holds the VIPs when the other node is down', () => {
    // Live (2.2.7): "(VI_1) Cannot use unicast without any peers - going to fault state"; with a stopped, MASTER none.
    const a = instance('MASTER', 100);
    const b = instance('BACKUP', 90, ['unicast_src_ip 10.0.0.2', 'unicast_fault_no_peer', 'unicast_peer {', '}']);
    const rows = new Map(table(a, b).map((s) => [s.label, s]));
    expect(rows.get('all healthy')!.states[1]!.state).toBe('fault');
    expect(rows.get('a.conf down')!.holder).toBeUndefined();
    expect(rows.get('a.conf down')!.note).toBe('no node can hold the VIPs');
  });
});

describe('two nodes in state MASTER below 255 (KA407)', () => {
  it('from 2.0 start in BACKUP like any node: no flap, the priority (or the first up) decides', () => {
    // vrrp_init_state (2.0 on) gives a non-owner MASTER the usual master-down timer; live 2.2.7 pairs of two MASTERs
    // at 100: the first node up kept the VIPs, and a restarted node stayed BACKUP.
    const ka407 = (targetVersion?: string) =>
      lintCluster([{ file: 'a.conf', text: instance('MASTER', 100) }, { file: 'b.conf', text: instance('MASTER', 100) }], { targetVersion }).diagnostics.filter((d) => d.code === 'KA407');
    expect(ka407()[0]?.message).toContain('starts each in BACKUP below priority 255 (state MASTER gives no head start), so with equal priorities the first node up keeps the VIPs');
    expect(ka407('1.3.5')[0]?.message).toContain('flap at every restart');
  });
});

// Session 60's live pairs (2.2.7, each node a daemon in its own network namespace): three rows the table had wrong.
describe('sync groups and weights keepalived keeps', () => {
  const group = (members: string[], body: string[] = []) => conf('vrrp_sync_group G {', '  group {', ...members.map((m) => `    ${m}`), '  }', ...body.map((l) => `  ${l}`), '}');
  const named = (name: string, vrid: number, vip: string, priority: number, body: string[] = []) =>
    conf(`vrrp_instance ${name} {`, '  state BACKUP', '  interface eth0', `  virtual_router_id ${vrid}`, `  priority ${priority}`, ...body.map((l) => `  ${l}`), '  virtual_ipaddress {', `    ${vip}`, '  }', '}');
  const pair = (top: string, bodyA: string[], pa: number, pb: number) => [
    top + group(['VI_1', 'VI_2']) + named('VI_1', 51, '10.0.0.100', pa, bodyA) + named('VI_2', 52, '10.0.0.101', pa, bodyA),
    group(['VI_1', 'VI_2']) + named('VI_1', 51, '10.0.0.100', pb) + named('VI_2', 52, '10.0.0.101', pb),
  ] as const;

  it('a weighted track_process counts in a sync group without sync_group_tracking_weight', () => {
    // vrrp.c's check drops weighted scripts and files of sync members, and has no branch for processes; live, both
    // members went "from 100 to 40" when the process was missing.
    const [a, b] = pair(conf('vrrp_track_process tp {', '  process c60pa', '  weight -60', '}'), ['track_process {', '  tp', '}'], 100, 90);
    const row = table(a, b).find((s) => s.label === 'process tp fails on a.conf');
    expect(row?.states.map((s) => s.priority)).toEqual([40, 90]);
    expect(row?.holder).toBe('b.conf');
  });

  it('a track_file weight of -254 is FAULT, not -253', () => {
    // Live: writing 1 to the file: "tracked file tf now FAULT state", and b (nopreempt, 90) took the VIPs.
    const a = conf('track_file tf {', '  file /run/tf', '  weight -254', '}') + instance('BACKUP', 100, ['track_file {', '  tf', '}']);
    const b = instance('BACKUP', 90, ['nopreempt']);
    const row = table(a, b).find((s) => s.label === 'file tf fails on a.conf');
    expect(row?.states[0]!.state).toBe('fault');
    expect(row?.holder).toBe('b.conf');
  });

  it('an object tracked by an instance and by its sync group takes the group\'s weight', () => {
    // "(VI_1) track_script chk is configured on VRRP instance and sync group. Remove vrrp instance config": live, VI_1
    // went from 100 to 40 (the group's -60, not its own -10) and b took both addresses.
    const top = conf('vrrp_script chk {', '  script "/bin/true"', '}');
    const a = top + conf('vrrp_sync_group G {', '  group {', '    VI_1', '    VI_2', '  }', '  track_script {', '    chk weight -60', '  }', '  sync_group_tracking_weight', '}') +
      named('VI_1', 51, '10.0.0.100', 100, ['track_script {', '  chk weight -10', '}']) + named('VI_2', 52, '10.0.0.101', 100);
    const b = group(['VI_1', 'VI_2']) + named('VI_1', 51, '10.0.0.100', 85) + named('VI_2', 52, '10.0.0.101', 85);
    const rows = buildNodes([{ file: 'a.conf', text: a }, { file: 'b.conf', text: b }]);
    for (const report of failoverReports(rows)) {
      const row = report.scenarios.find((s) => s.label === 'script chk fails on a.conf');
      expect(row?.states.map((s) => s.priority)).toEqual([40, 85]);
      expect(row?.holder).toBe('b.conf');
    }
  });
});

describe('a track_bfd', () => {
  it('moves the VIPs when the session goes down (weight -50), and KA430 sees a weight that cannot', () => {
    // Live (session 60, a third namespace ran the BFD peer): "Tracked BFD instance bfdc is DOWN", "Changing effective
    // priority from 100 to 50", "Master received advert from 10.1.0.2 with higher priority 90, ours 50": b held the VIP.
    const bfd = conf('bfd_instance bfdc {', '  neighbor_ip 10.1.0.3', '}');
    const b = instance('BACKUP', 90);
    const row = table(bfd + instance('BACKUP', 100, ['track_bfd {', '  bfdc weight -50', '}']), b).find((s) => s.label === 'bfd bfdc goes down on a.conf');
    expect(row?.states.map((s) => s.priority)).toEqual([50, 90]);
    expect(row?.holder).toBe('b.conf');
    expect(codes(bfd + instance('BACKUP', 100, ['track_bfd {', '  bfdc weight -5', '}']), b)).toContain('KA430');
  });
});

describe('two virtual routers sharing a VRID (KA402)', () => {
  it('is a warning that says failover still works, not that the routers fight', () => {
    // Live (session 60): db on a (100) and c (90), web on b, all VRID 51 on eth0 with one password: a held .20, b .30;
    // a stopped, c took .20 and b kept .30; a back, it preempted c. b logged "(web) ip address associated with VRID 51
    // not present in MASTER advert: 10.1.0.30" every second: vrrp_state_backup ignores a rejected advert.
    const node = (name: string, priority: number, vip: string) =>
      conf(`vrrp_instance ${name} {`, '  state BACKUP', '  interface eth0', '  virtual_router_id 51', `  priority ${priority}`, '  virtual_ipaddress {', `    ${vip}`, '  }', '}');
    const found = lintCluster([
      { file: 'a.conf', text: node('db', 100, '10.1.0.20/24') },
      { file: 'b.conf', text: node('web', 100, '10.1.0.30/24') },
      { file: 'c.conf', text: node('db', 90, '10.1.0.20/24') },
    ]).diagnostics.filter((d) => d.code === 'KA402');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.message).toContain('failover still works');
  });
});

// Session 60's live pairs (2.2.7): a sync group is MASTER or BACKUP as a whole on a node ("VRRP_Group(G) Syncing
// instances to BACKUP state"; vrrp_sync_backup, vrrp_sync_can_goto_master).
describe('a sync group on the node that loses a member', () => {
  const group = conf('vrrp_sync_group G {', '  group {', '    VI_1', '    VI_2', '  }', '  sync_group_tracking_weight', '}');
  const named = (name: string, vrid: number, vip: string, priority: number, body: string[] = []) =>
    conf(`vrrp_instance ${name} {`, '  state BACKUP', '  interface eth0', `  virtual_router_id ${vrid}`, `  priority ${priority}`, ...body.map((l) => `  ${l}`), '  virtual_ipaddress {', `    ${vip}`, '  }', '}');
  const tables = (a: string, b: string) => new Map(failoverReports(buildNodes([{ file: 'a.conf', text: a }, { file: 'b.conf', text: b }])).map((r) => [r.instance, r.scenarios]));

  it('takes the other members to BACKUP: their VIPs go to the node that took the first', () => {
    // a: G {VI_1 (chk -50), VI_2} at 100; b: VI_1 and VI_2 at 90, no group. rm chk.ok on a: "(VI_1) Entering BACKUP
    // STATE", "VRRP_Group(G) Syncing instances to BACKUP state", "(VI_2) Entering BACKUP STATE"; b took both VIPs.
    const chk = conf('vrrp_script chk {', '  script "/bin/true"', '  weight -50', '}');
    const a = chk + group + named('VI_1', 51, '10.0.0.100', 100, ['track_script {', '  chk', '}']) + named('VI_2', 52, '10.0.0.101', 100);
    const b = named('VI_1', 51, '10.0.0.100', 90) + named('VI_2', 52, '10.0.0.101', 90);
    const t = tables(a, b);
    expect(t.get('VI_1')!.find((s) => s.label === 'script chk fails on a.conf')?.holder).toBe('b.conf');
    const vi2 = t.get('VI_2')!;
    expect(vi2.map((s) => s.label)).toEqual(['all healthy', 'script chk fails on a.conf', 'a.conf down', 'b.conf down']);
    const row = vi2[1]!;
    expect(row.states.map((s) => s.priority)).toEqual([100, 90]);
    expect(row.holder).toBe('b.conf');
    expect(row.note).toBe("a.conf's sync group G is BACKUP as a whole, since its VI_1 goes to b.conf");
    // b grouping them too, with the check's weight on VI_1 only: b's group is held back, a keeps both (as before).
    const bGrouped = group + b;
    const held = tables(a, bGrouped);
    expect(held.get('VI_1')!.find((s) => s.label === 'script chk fails on a.conf')?.holder).toBe('a.conf');
    expect(held.get('VI_2')!.map((s) => s.label)).toEqual(['all healthy', 'a.conf down', 'b.conf down']);
  });
});

describe('the healthy row with sync groups', () => {
  const group = conf('vrrp_sync_group G {', '  group {', '    VI_1', '    VI_2', '  }', '}');
  const named = (name: string, vrid: number, vip: string, priority: number, body: string[] = []) =>
    conf(`vrrp_instance ${name} {`, '  state BACKUP', '  interface eth0', `  virtual_router_id ${vrid}`, `  priority ${priority}`, ...body.map((l) => `  ${l}`), '  virtual_ipaddress {', `    ${vip}`, '  }', '}');
  const pair = (p1: number, p2: number) => named('VI_1', 51, '10.0.0.100', p1) + named('VI_2', 52, '10.0.0.101', p2);
  const healthy = (a: string, b: string) => failoverReports(buildNodes([{ file: 'a.conf', text: a }, { file: 'b.conf', text: b }])).map((r) => r.scenarios[0]!);

  it('never splits a group: with crossed priorities and a group on one node only, the other node holds both', () => {
    // a: G {VI_1 100, VI_2 80}; b: VI_1 90, VI_2 95 ungrouped. Live, started together and with a 2 s ahead: b held
    // both VIPs every time (a's VI_2 loses to 95, so its group stays BACKUP and b's VI_1 times out).
    const rows = healthy(group + pair(100, 80), pair(90, 95));
    expect(rows.map((r) => r.holder)).toEqual(['b.conf', 'b.conf']);
    expect(rows[0]!.note).toBe("a.conf's sync group G is BACKUP as a whole, since its VI_2 goes to b.conf");
    expect(codes(group + pair(100, 80), pair(90, 95))).toContain('KA424');
  });

  it('with the group on both nodes, the first node up holds both: a start race, not the split', () => {
    // Live, three starts: together and b 0.5 s first -> b held both; a 2 s first -> a held both.
    const rows = healthy(group + pair(100, 80), group + pair(90, 95));
    for (const r of rows) {
      expect(r.holder).toBeUndefined();
      expect(r.tie).toEqual(['a.conf', 'b.conf']);
      expect(r.syncGroup?.race).toBe(true);
    }
    const found = codes(group + pair(100, 80), group + pair(90, 95));
    expect(found).toContain('KA424');
    expect(found).not.toContain('KA432');
  });

  it('a node whose group was held back takes every member once each of them outranks the holder', () => {
    // a: G {VI_1 100, VI_2 80}; b: VI_1 90, VI_2 95 (chk -50), no group. Live (fixE, 2.2.7): healthy b held both; rm
    // chk.ok on b: b's VI_2 at 45, a "(VI_2) Entering MASTER STATE", "(VI_1) Entering MASTER STATE", a held both; the
    // check back, b took both again.
    const chk = conf('vrrp_script chk {', '  script "/bin/true"', '  weight -50', '}');
    const b = chk + named('VI_1', 51, '10.0.0.100', 90) + named('VI_2', 52, '10.0.0.101', 95, ['track_script {', '  chk', '}']);
    const reports = failoverReports(buildNodes([{ file: 'a.conf', text: group + pair(100, 80) }, { file: 'b.conf', text: b }]));
    for (const r of reports) {
      expect(r.scenarios[0]!.holder, r.instance).toBe('b.conf');
      expect(r.scenarios.find((s) => s.label === 'script chk fails on b.conf')?.holder, r.instance).toBe('a.conf');
    }
    expect(reports[0]!.scenarios.find((s) => s.label === 'script chk fails on b.conf')?.note).toBe("a.conf's sync group G takes every member's VIPs, as each of them wants MASTER there");
  });

  it('after a start race, a failure that lets one group want every member settles it; a smaller one leaves it', () => {
    // a: G {VI_1 100 (chk -50), VI_2 80} with sync_group_tracking_weight; b: G {VI_1 90, VI_2 95}. Live (fixE, 2.2.7): a
    // up 6 s first held both; rm chk.ok on a: "(VI_1) Master received advert from 10.1.0.2 with higher priority 90, ours
    // 50", a's VI_1 and VI_2 BACKUP, b "(VI_1) Entering MASTER STATE", "(VI_2) Entering MASTER STATE".
    const chk = (w: number) => conf('vrrp_script chk {', '  script "/bin/true"', `  weight ${w}`, '}');
    const tracked = conf('vrrp_sync_group G {', '  group {', '    VI_1', '    VI_2', '  }', '  sync_group_tracking_weight', '}') +
      named('VI_1', 51, '10.0.0.100', 100, ['track_script {', '  chk', '}']) + named('VI_2', 52, '10.0.0.101', 80);
    const rows = (w: number) =>
      failoverReports(buildNodes([{ file: 'a.conf', text: chk(w) + tracked }, { file: 'b.conf', text: group + pair(90, 95) }])).map((r) => r.scenarios.find((s) => s.label === 'script chk fails on a.conf'));
    expect(rows(-50).map((r) => r?.holder)).toEqual(['b.conf', 'b.conf']);
    // At 95 a's VI_1 still outranks b's 90: each group still loses a member to the other, nothing changes hands.
    const [vi1, vi2] = rows(-5);
    expect(vi1?.tie).toEqual(['a.conf', 'b.conf']);
    expect(vi1?.syncGroup?.race).toBe(true);
    expect(vi2).toBeUndefined();
  });

  it('no false KA431: the ungrouped node holds both when the grouped node loses a member', () => {
    // a: VI_1 and VI_2 at 100, no group; b: G {VI_1 90 + chk 20, VI_2 90} with sync_group_tracking_weight. Live: a held
    // both every time; b "VRRP_Group(G) Syncing instances to BACKUP state", its VI_1 (110) held in BACKUP.
    const chk = conf('vrrp_script chk {', '  script "/bin/true"', '  weight 20', '}');
    const b = chk + conf('vrrp_sync_group G {', '  group {', '    VI_1', '    VI_2', '  }', '  sync_group_tracking_weight', '}') +
      named('VI_1', 51, '10.0.0.100', 90, ['track_script {', '  chk', '}']) + named('VI_2', 52, '10.0.0.101', 90);
    const rows = healthy(pair(100, 100), b);
    expect(rows.map((r) => r.holder)).toEqual(['a.conf', 'a.conf']);
    const found = codes(pair(100, 100), b);
    expect(found).not.toContain('KA431');
    expect(found).toContain('KA424');
  });
});

// The recheck of session 60, three 2.2.7 nodes live: b (crossed with a) held both VIPs; when b stopped, c's group took
// both. The table had kept "a / b, no change" in b's down row, naming a stopped node.
describe('crossed sync groups when a node of the race goes down', () => {
  const node = (p1: number, p2: number) => conf('vrrp_sync_group G {', '  group {', '    VI_1', '    VI_2', '  }', '}') +
    conf('vrrp_instance VI_1 {', '  state BACKUP', '  interface eth0', '  virtual_router_id 51', `  priority ${p1}`, '  virtual_ipaddress {', '    10.0.0.10', '  }', '}') +
    conf('vrrp_instance VI_2 {', '  state BACKUP', '  interface eth0', '  virtual_router_id 52', `  priority ${p2}`, '  virtual_ipaddress {', '    10.0.1.10', '  }', '}');
  it('races again among the nodes left, and never names a node that is down', () => {
    const nodes = buildNodes([{ file: 'a.conf', text: node(100, 80) }, { file: 'b.conf', text: node(90, 95) }, { file: 'c.conf', text: node(85, 85) }]);
    for (const report of failoverReports(nodes)) {
      const bDown = report.scenarios.find((s) => s.label === 'b.conf down')!;
      expect(bDown.tie).toEqual(['a.conf', 'c.conf']);
      expect(bDown.syncGroup?.rerace).toBe(true);
      expect(report.scenarios.find((s) => s.label === 'c.conf down')!.tie).toEqual(['a.conf', 'b.conf']);
    }
  });
});

// Session 63, three 2.2.7 nodes live (scripts/cluster-live): when the best challenger is held back by its sync group,
// it stays BACKUP and silent, and the next preempting node above the MASTER's lowered priority discards the MASTER's
// adverts and times out. The table had given the VIPs back to the running MASTER (and KA430 said they never move).
describe('a challenger held back by its sync group, with another node above the MASTER', () => {
  const vrrp = (name: string, vrid: number, vip: string, priority: number, body: string[] = []) =>
    conf(`vrrp_instance ${name} {`, '  state BACKUP', '  interface eth0', `  virtual_router_id ${vrid}`, `  priority ${priority}`, ...body.map((l) => `  ${l}`), '  virtual_ipaddress {', `    ${vip}`, '  }', '}');
  const group = (...extra: string[]) => conf('vrrp_sync_group G {', '  group {', '    VI_1', '    VI_2', '  }', ...extra, '}');
  const chk = (w: number | undefined) => conf('vrrp_script chk {', '  script "/bin/true"', ...(w === undefined ? [] : [`  weight ${w}`]), '}');
  const tracked = ['track_script {', '  chk', '}'];
  const pair = (p1: number, p2: number, b1: string[] = [], b2: string[] = []) => vrrp('VI_1', 51, '10.0.0.100', p1, b1) + vrrp('VI_2', 52, '10.0.0.101', p2, b2);
  const run = (a: string, b: string, c: string) => {
    const files = [{ file: 'a.conf', text: a }, { file: 'b.conf', text: b }, { file: 'c.conf', text: c }];
    const tables = new Map(failoverReports(buildNodes(files)).map((r) => [r.instance, r.scenarios]));
    return { tables, diags: lintCluster(files).diagnostics };
  };
  const bGrouped = group() + pair(90, 80);

  it('gives the VIPs to the next preempting node, not back to the MASTER (no KA430)', () => {
    // a: VI_1 100 (chk -30), VI_2 100; b: G {VI_1 90, VI_2 80}; c: VI_1 80, VI_2 85. rm chk.ok on a: b "(VI_1) received
    // lower priority (80) advert from 10.1.0.3 - discarding" (held in BACKUP by G), c "(VI_1) Entering MASTER STATE"
    // about 4 s later, a "(VI_1) Master received advert from 10.1.0.3 with higher priority 80, ours 70"; a kept VI_2.
    const { tables, diags } = run(chk(-30) + pair(100, 100, tracked), bGrouped, pair(80, 85));
    const row = tables.get('VI_1')!.find((s) => s.label === 'script chk fails on a.conf')!;
    expect(row.states.map((s) => s.priority)).toEqual([70, 90, 80]);
    expect(row.holder).toBe('c.conf');
    expect(row.note).toBe('b.conf would take over, but its sync group G moves only as a whole and VI_2 there stays BACKUP; c.conf takes the VIPs instead');
    expect(row.heldBySyncGroup).toBeUndefined();
    expect(tables.get('VI_2')!.map((s) => s.label)).not.toContain('script chk fails on a.conf');
    expect(diags.map((d) => d.code)).not.toContain('KA430');
  });

  it('and the running MASTER\'s own sync group follows: its other members go to BACKUP', () => {
    // Set g14: the same with G {VI_1, VI_2} and sync_group_tracking_weight on a too. Live: c took VI_1, then a
    // "VRRP_Group(G) Syncing instances to BACKUP state", and c took VI_2 as well about 3 s later.
    const { tables, diags } = run(chk(-30) + group('  sync_group_tracking_weight') + pair(100, 100, tracked), bGrouped, pair(80, 85));
    expect(tables.get('VI_1')!.find((s) => s.label === 'script chk fails on a.conf')?.holder).toBe('c.conf');
    const vi2 = tables.get('VI_2')!.find((s) => s.label === 'script chk fails on a.conf')!;
    expect(vi2.holder).toBe('c.conf');
    expect(vi2.note).toBe("a.conf's sync group G is BACKUP as a whole, since its VI_1 goes to c.conf");
    expect(diags.map((d) => d.code)).not.toContain('KA430');
  });

  it('still leaves them on the MASTER when the next node has nopreempt (KA430 says why)', () => {
    // Set g18: c's VI_1 nopreempt. Live: a kept VI_1.
    const { tables, diags } = run(chk(-30) + group('  sync_group_tracking_weight') + pair(100, 100, tracked), bGrouped, pair(80, 85, ['nopreempt']));
    const row = tables.get('VI_1')!.find((s) => s.label === 'script chk fails on a.conf')!;
    expect(row.holder).toBe('a.conf');
    expect(row.heldBySyncGroup).toBe('G');
    expect(row.note).toBe('b.conf would take over, but its sync group G moves only as a whole and VI_2 there stays BACKUP; c.conf has a higher priority but nopreempt: the running MASTER keeps the VIPs');
    expect(diags.find((d) => d.code === 'KA430')?.message).toContain('c.conf has a higher priority but nopreempt: the running MASTER keeps the VIPs; track the check in the sync group');
  });

  it('and leaves them when no other node is above the MASTER\'s new priority', () => {
    const { tables, diags } = run(chk(-30) + pair(100, 100, tracked), bGrouped, pair(60, 85));
    const row = tables.get('VI_1')!.find((s) => s.label === 'script chk fails on a.conf')!;
    expect(row.holder).toBe('a.conf');
    expect(row.note).toBe('b.conf would take over, but its sync group G moves only as a whole and VI_2 there stays BACKUP: the running MASTER keeps the VIPs');
    expect(diags.find((d) => d.code === 'KA430')?.message).toContain('the running MASTER keeps the VIPs; track the check in the sync group');
  });

  it('skips every node its group holds back, and names them all when none is left', () => {
    // a: chk -50 (50); b: G {VI_1 90, VI_2 80}; c: G {VI_1 80, VI_2 70}. Live (session 63): a kept VI_1.
    const { tables, diags } = run(chk(-50) + pair(100, 100, tracked), bGrouped, group() + pair(80, 70));
    const row = tables.get('VI_1')!.find((s) => s.label === 'script chk fails on a.conf')!;
    expect(row.holder).toBe('a.conf');
    expect(row.note).toBe('b.conf and c.conf would take over in turn, but a sync group moves only as a whole and holds each back (G on b.conf: VI_2 there stays BACKUP; G on c.conf: VI_2 there stays BACKUP): the running MASTER keeps the VIPs');
    expect(diags.filter((d) => d.code === 'KA430')).toHaveLength(1);
  });

  it('the FAULT form was right already: the node left goes MASTER', () => {
    // chk without a weight: a's VI_1 in FAULT; live, c took VI_1.
    const { tables } = run(chk(undefined) + pair(100, 100, tracked), bGrouped, pair(80, 85));
    const row = tables.get('VI_1')!.find((s) => s.label === 'script chk fails on a.conf')!;
    expect(row.states[0]!.state).toBe('fault');
    expect(row.holder).toBe('c.conf');
  });

  it('a holder put there by a held-back group loses to the next node too', () => {
    // Set g19: a: VI_1 100, VI_2 80; b: G {VI_1 90, VI_2 95}; c: VI_1 85, VI_2 70 + chk +20 (90). Healthy: b's G
    // BACKUP (VI_1 goes to a), c holds VI_2 (KA424). chk fails on c (70): live, a (80) took VI_2 after 3.5 s.
    const { tables, diags } = run(pair(100, 80), group() + pair(90, 95), chk(20) + pair(85, 70, [], tracked));
    const vi2 = tables.get('VI_2')!;
    expect(vi2[0]!.holder).toBe('c.conf');
    const row = vi2.find((s) => s.label === 'script chk fails on c.conf')!;
    expect(row.states.map((s) => s.priority)).toEqual([80, 95, 70]);
    expect(row.holder).toBe('a.conf');
    expect(row.note).toBe('b.conf would take over, but its sync group G moves only as a whole and VI_1 there stays BACKUP; a.conf takes the VIPs instead');
    expect(diags.map((d) => d.code)).not.toContain('KA430');
  });
});

// cluster64, three 2.2.7 nodes live (scripts/cluster-live, 3 runs): a challenger held back by its sync group is held
// only while another member's VIPs are elsewhere. a: G {VI_1 100 (chk -30), VI_2 100} with sync_group_tracking_weight;
// b: G {90, 90}; c: 80, 80 ungrouped. rm chk.ok on a: c "(VI_1) Entering MASTER STATE", a "VRRP_Group(G) Syncing instances
// to BACKUP state", then b "(VI_2) Entering MASTER STATE", "VRRP_Group(G) Syncing instances to MASTER state", and c
// "(VI_1) Master received advert from 10.200.0.2 with higher priority 90, ours 80": b held both.
describe('a challenger held back by its sync group, once the MASTER\'s group has gone BACKUP', () => {
  const vrrp = (name: string, vrid: number, vip: string, priority: number, body: string[] = []) =>
    conf(`vrrp_instance ${name} {`, '  state BACKUP', '  interface eth0', `  virtual_router_id ${vrid}`, `  priority ${priority}`, ...body.map((l) => `  ${l}`), '  virtual_ipaddress {', `    ${vip}`, '  }', '}');
  const group = (...extra: string[]) => conf('vrrp_sync_group G {', '  group {', '    VI_1', '    VI_2', '  }', ...extra, '}');
  const chk = conf('vrrp_script chk {', '  script "/bin/true"', '  weight -30', '}');
  const pair = (p1: number, p2: number, b1: string[] = []) => vrrp('VI_1', 51, '10.0.0.100', p1, b1) + vrrp('VI_2', 52, '10.0.0.101', p2);
  const a = chk + group('  sync_group_tracking_weight') + pair(100, 100, ['track_script {', '  chk', '}']);
  const run = (b: string, c: string) => {
    const files = [{ file: 'a.conf', text: a }, { file: 'b.conf', text: b }, { file: 'c.conf', text: c }];
    const tables = new Map(failoverReports(buildNodes(files)).map((r) => [r.instance, r.scenarios]));
    return { tables, diags: lintCluster(files).diagnostics };
  };

  it('takes both VIPs: the VIPs of the held member move twice, first to the node below, then to it', () => {
    const { tables, diags } = run(group() + pair(90, 90), pair(80, 80));
    const vi1 = tables.get('VI_1')!.find((s) => s.label === 'script chk fails on a.conf')!;
    const vi2 = tables.get('VI_2')!.find((s) => s.label === 'script chk fails on a.conf')!;
    expect(vi1.states.map((s) => s.priority)).toEqual([70, 90, 80]);
    expect([vi1.holder, vi2.holder]).toEqual(['b.conf', 'b.conf']);
    expect(vi1.heldBySyncGroup).toBeUndefined();
    expect(vi1.note).toBe("the VIPs move twice: first to c.conf (b.conf's sync group G moves only as a whole and VI_2 there stays BACKUP at first), then to b.conf once VI_2 there wants MASTER too (a.conf's sync group G is BACKUP as a whole, since its VI_1 goes to c.conf)");
    expect(vi2.note).toBe("a.conf's sync group G is BACKUP as a whole, since its VI_1 goes to c.conf");
    expect(diags.map((d) => d.code)).not.toContain('KA430');
  });
});

// cluster64, 2.2.7 live (scripts/cluster-live): sync groups that cross only among the nodes a failure leaves are never
// split either. a: G {100, 100}; b: G {90, 90}; c: G {VI_1 80, VI_2 95} (set m02, 3 runs): a stopped, b's and c's VI_1 and
// VI_2 "Backup received priority 0 advertisement", b "(VI_2) Entering MASTER STATE", "VRRP_Group(G) Syncing instances to
// MASTER state", "(VI_1) Entering MASTER STATE"; c stayed BACKUP for both. The table had b for VI_1 and c for VI_2.
describe('sync groups crossed only after a failure', () => {
  const vrrp = (name: string, vrid: number, vip: string, priority: number, body: string[] = []) =>
    conf(`vrrp_instance ${name} {`, '  state BACKUP', '  interface eth0', `  virtual_router_id ${vrid}`, `  priority ${priority}`, ...body.map((l) => `  ${l}`), '  virtual_ipaddress {', `    ${vip}`, '  }', '}');
  const group = (...extra: string[]) => conf('vrrp_sync_group G {', '  group {', '    VI_1', '    VI_2', '  }', ...extra, '}');
  const pair = (p1: number, p2: number, body: string[] = []) => vrrp('VI_1', 51, '10.0.0.100', p1, body) + vrrp('VI_2', 52, '10.0.0.101', p2, body);
  const run = (...texts: string[]) => {
    const files = texts.map((text, i) => ({ file: `${'abcd'[i]}.conf`, text }));
    const tables = new Map(failoverReports(buildNodes(files)).map((r) => [r.instance, r.scenarios]));
    return { tables, diags: lintCluster(files).diagnostics };
  };
  const rows = (tables: Map<string, import('../server/src/cluster/failover.js').FailoverScenario[]>, label: string) =>
    ['VI_1', 'VI_2'].map((name) => tables.get(name)!.find((s) => s.label === label)!);

  it('a node down: the groups left race, and the one whose lowest member is highest is likely first', () => {
    const { tables, diags } = run(group() + pair(100, 100), group() + pair(90, 90), group() + pair(80, 95));
    for (const r of rows(tables, 'a.conf down')) {
      expect(r.holder).toBeUndefined();
      expect(r.tie).toEqual(['b.conf', 'c.conf']);
      expect(r.syncGroup?.race && r.syncGroup.rerace).toBe(true);
      expect(r.note).toBe("likely b.conf: after a.conf's priority-0 adverts each BACKUP times out after its skew time, and the lowest member of b.conf's sync group G (90) outranks c.conf's (80)");
    }
    expect(diags.map((d) => d.code)).not.toContain('KA432');
    const ka424 = diags.filter((d) => d.code === 'KA424');
    expect(ka424).toHaveLength(1);
    expect(ka424[0]!.file).toBe('b.conf');
    expect(ka424[0]!.message).toBe("when a.conf is down, the sync groups of b.conf and c.conf each have the highest priority left for some of their members (VI_1 on b.conf (90 against 80) and VI_2 on c.conf (95 against 90)), but keepalived keeps a sync group's members in one state on a node, so one node takes the VIPs of VI_1 and VI_2 together: the one whose group becomes MASTER first (likely b.conf: after a.conf's priority-0 adverts each BACKUP times out after its skew time, and the lowest member of b.conf's sync group G (90) outranks c.conf's (80)), and the split the priorities say never happens; give the members the same order of priorities on every node");
    // Not for a group that no failure crosses (c's VI_2 at 85): no finding.
    expect(run(group() + pair(100, 100), group() + pair(90, 90), group() + pair(80, 85)).diags.map((d) => d.code)).not.toContain('KA424');
  });

  it('a check failing on the MASTER: no two rows that each hold back the other\'s holder', () => {
    // Set x22, 3 runs: a: G {100, 100} both tracking chk -30, sync_group_tracking_weight; b: G {90, 90}; c: G {VI_1 85,
    // VI_2 95}; d: 80, 80 ungrouped. rm chk.ok on a: b's VI_1 and c's VI_2 went MASTER, "VRRP_Group(G) Syncing instances
    // to BACKUP state" on b and on c, then b's group took both, 7.4-8.0 s after the failure. The table had c for VI_1
    // ("b.conf would take over, but ... VI_2 there stays BACKUP") and b for VI_2 ("c.conf would take over, but ...").
    const chk = conf('vrrp_script chk {', '  script "/bin/true"', '  weight -30', '}');
    const tracked = ['track_script {', '  chk', '}'];
    const texts = [chk + group('  sync_group_tracking_weight') + pair(100, 100, tracked), group() + pair(90, 90), group() + pair(85, 95), pair(80, 80)];
    const { tables, diags } = run(...texts);
    rows(tables, 'script chk fails on a.conf').forEach((r, k) => {
      expect(r.states.map((s) => s.priority)).toEqual([70, 90, [85, 95][k], 80]);
      expect(r.holder).toBeUndefined();
      expect(r.tie).toEqual(['b.conf', 'c.conf']);
      expect(r.syncGroup?.rerace).toBe(true);
      expect(r.note).toBeUndefined();
    });
    for (const r of rows(tables, 'a.conf down')) expect(r.tie).toEqual(['b.conf', 'c.conf']);
    expect(diags.filter((d) => d.code === 'KA424').map((d) => d.message.slice(0, 51))).toEqual(['when script chk fails on a.conf or when a.conf is d']);
    const table = formatScenarioTable(failoverReports(buildNodes(texts.map((text, i) => ({ file: `${'abcd'[i]}.conf`, text }))))[0]!);
    expect(table).toContain("tie b.conf / c.conf (crossed sync groups after the failure: the first of them whose group becomes MASTER takes every member's VIPs)");
  });
});
