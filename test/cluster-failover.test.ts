// The failover simulation: keepalived's priority arithmetic (weights, reverse, overrides, clamping,
// owners, sync groups, FAULT), the election (nopreempt, ties) and the scenario table.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatScenarioTable, isCopyName, lintCluster, pairFiles, type FailoverReport } from '../server/src/cluster/index.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';

interface NodeSpec {
  top?: string;
  body: string;
}

/** A two-or-more-node cluster of VI_1 (VRID 51, 10.0.0.100) with each node's extra lines. */
function cluster(...nodes: NodeSpec[]) {
  return lintCluster(
    nodes.map((n, i) => ({
      file: `n${i + 1}.conf`,
      text: `${n.top ?? ''}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n${n.body}\n    virtual_ipaddress {\n        10.0.0.100\n    }\n}\n`,
    })),
  );
}

const script = (name: string, weight?: number, extra = '') =>
  `vrrp_script ${name} {\n    script "/bin/${name}"\n    interval 2\n${weight !== undefined ? `    weight ${weight}${extra}\n` : ''}}\n`;

function row(report: FailoverReport, label: string) {
  const s = report.scenarios.find((x) => x.label === label);
  if (!s) throw new Error(`no scenario '${label}' in ${report.scenarios.map((x) => x.label).join(' | ')}`);
  return { priorities: s.states.map((st) => (st.state === 'up' ? st.priority : st.state)), holder: s.holder, tie: s.tie, note: s.note };
}

describe('priority arithmetic', () => {
  it('a negative weight counts while the check fails, a positive one while it succeeds', () => {
    const { scenarios } = cluster(
      { top: script('neg', -30) + script('pos', 15), body: 'state MASTER\npriority 100\ntrack_script {\n    neg\n    pos\n}' },
      { body: 'priority 90' },
    );
    expect(row(scenarios[0]!, 'all healthy').priorities).toEqual([115, 90]);
    expect(row(scenarios[0]!, 'script neg fails on n1.conf')).toMatchObject({ priorities: [85, 90], holder: 'n2.conf' });
    expect(row(scenarios[0]!, 'script pos fails on n1.conf')).toMatchObject({ priorities: [100, 90], holder: 'n1.conf' });
  });

  it('a weight on the track_script line overrides the script\'s, and reverse flips the direction', () => {
    const { scenarios } = cluster(
      { top: script('chk', -50), body: 'priority 100\ntrack_script {\n    chk weight 20 reverse\n}' },
      { body: 'priority 90' },
    );
    // reverse + positive: subtracted while the check succeeds, nothing when it fails.
    expect(row(scenarios[0]!, 'all healthy')).toMatchObject({ priorities: [80, 90], holder: 'n2.conf' });
    expect(row(scenarios[0]!, 'script chk fails on n1.conf').priorities).toEqual([100, 90]);
  });

  it('reverse on the vrrp_script weight applies when the track line has no weight', () => {
    const { scenarios } = cluster({ top: script('chk', -20, ' reverse'), body: 'priority 100\ntrack_script {\n    chk\n}' }, { body: 'priority 90' });
    expect(row(scenarios[0]!, 'script chk fails on n1.conf').priorities).toEqual([120, 90]);
  });

  it('follows keepalived on bad track lines: an out-of-range weight keeps the script\'s, an unknown option drops the line', () => {
    const { scenarios } = cluster(
      { top: script('a', -30) + script('b', -30), body: 'priority 100\ntrack_script {\n    a weight 300\n    b wieght -5\n}' },
      { body: 'priority 90' },
    );
    expect(row(scenarios[0]!, 'script a fails on n1.conf').priorities).toEqual([70, 90]);
    expect(scenarios[0]!.scenarios.map((x) => x.label)).not.toContain('script b fails on n1.conf');
  });

  it('clamps effective priorities to 1..254', () => {
    const { scenarios } = cluster(
      { top: script('up', 200), body: 'priority 200\ntrack_script {\n    up\n}' },
      { top: script('down', -200), body: 'priority 50\ntrack_script {\n    down\n}' },
    );
    expect(row(scenarios[0]!, 'all healthy').priorities).toEqual([254, 50]);
    expect(row(scenarios[0]!, 'script down fails on n2.conf').priorities).toEqual([254, 1]);
  });

  it('an address owner (255) ignores weighted tracking', () => {
    const { scenarios } = cluster({ top: script('chk', -100), body: 'state MASTER\ntrack_script {\n    chk\n}' }, { body: 'priority 100' });
    expect(row(scenarios[0]!, 'all healthy').priorities).toEqual([255, 100]);
    expect(scenarios[0]!.scenarios.some((s) => s.tracker)).toBe(false);
  });

  it('weight 0 means FAULT, for scripts and for tracked interfaces', () => {
    const { scenarios } = cluster({ top: script('chk'), body: 'priority 100\ntrack_script {\n    chk\n}\ntrack_interface {\n    eth1\n}' }, { body: 'priority 90' });
    expect(row(scenarios[0]!, 'script chk fails on n1.conf')).toMatchObject({ priorities: ['fault', 90], holder: 'n2.conf' });
    expect(row(scenarios[0]!, 'interface eth1 goes down on n1.conf')).toMatchObject({ priorities: ['fault', 90], holder: 'n2.conf' });
  });

  // Live (scripts/cluster-live, keepalived 2.1.5 and 2.2.7): "(VI_1) ignoring eth1 tracked interface
  // weight due to SYNC group" at start, yet "Changing effective priority from 100 to 80" when eth1
  // went down: keepalived registers the interface with its weight before clearing the entry's.
  it('a sync group without sync_group_tracking_weight drops weighted scripts; an interface keeps its weight', () => {
    const sg = 'vrrp_sync_group G {\n    group {\n        VI_1\n    }\n}\n';
    const { scenarios } = cluster(
      { top: script('chk', -50) + sg, body: 'priority 100\ntrack_script {\n    chk\n}\ntrack_interface {\n    eth1 weight -50\n}' },
      { body: 'priority 90' },
    );
    const labels = scenarios[0]!.scenarios.map((s) => s.label);
    expect(labels).not.toContain('script chk fails on n1.conf');
    expect(row(scenarios[0]!, 'interface eth1 goes down on n1.conf')).toMatchObject({ priorities: [50, 90], holder: 'n2.conf' });
  });

  it('leaves out track lines keepalived ignores: a script that is not defined, or defined after the instance', () => {
    // A blog's MHA pair wrote 'varrp_script check_mysql', so the track_script line named nothing:
    // no FAULT on a failing check, and no KA433 saying so.
    const node = (prio: number) =>
      `vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority ${prio}\n    track_script {\n        missing\n        late\n    }\n    virtual_ipaddress {\n        10.0.0.100\n    }\n}\n${script('late', -30)}`;
    const r = lintCluster([
      { file: 'n1.conf', text: node(100) },
      { file: 'n2.conf', text: node(90) },
    ]);
    const labels = r.scenarios[0]!.scenarios.map((s) => s.label);
    expect(labels).toEqual(['all healthy', 'n1.conf down', 'n2.conf down']);
    expect(r.diagnostics.map((d) => d.code)).not.toContain('KA433');
    if (keepalivedAvailable()) {
      const printed = runKeepalived(node(100)).messages.map((m) => m.message);
      expect(printed).toContain('(VI_1) track script missing not found, ignoring...');
      expect(printed).toContain('(VI_1) track script late not found, ignoring...');
    }
  });

  it('a track_file counts its weight times the number in the file (1 when failing), default weight 1', () => {
    const tf = 'track_file flag {\n    file /run/flag\n}\n';
    const { scenarios } = cluster({ top: tf, body: 'priority 100\ntrack_file {\n    flag weight -30\n}' }, { body: 'priority 90' });
    expect(row(scenarios[0]!, 'file flag fails on n1.conf').priorities).toEqual([70, 90]);
  });
});

describe('track_bfd', () => {
  const bfd = (name: string, weight?: string) => `bfd_instance ${name} {\n    neighbor_ip 10.0.0.3\n${weight ? `    weight ${weight}\n` : ''}}\n`;

  it('counts like the other trackers: the weight while the session is down, weight 0 FAULT, reverse, the bfd_instance weight', () => {
    const { scenarios } = cluster(
      { top: bfd('b1') + bfd('b2') + bfd('b3', '-40') + bfd('b4', '30 reverse'), body: 'priority 100\ntrack_bfd {\n    b1 weight -50\n    b2\n    b3\n    b4\n}' },
      { body: 'priority 90' },
    );
    const r = scenarios[0]!;
    // b4: +30 reversed is -30 while the session is up.
    expect(row(r, 'all healthy')).toMatchObject({ priorities: [70, 90], holder: 'n2.conf' });
    expect(row(r, 'bfd b1 goes down on n1.conf').priorities).toEqual([20, 90]);
    expect(row(r, 'bfd b2 goes down on n1.conf')).toMatchObject({ priorities: ['fault', 90], holder: 'n2.conf' });
    expect(row(r, 'bfd b3 goes down on n1.conf').priorities).toEqual([30, 90]);
    expect(row(r, 'bfd b4 goes down on n1.conf').priorities).toEqual([100, 90]);
  });

  it('a track_bfd weight of ±254 is refused (the bfd_instance\'s stays), not clamped', () => {
    const { scenarios } = cluster({ top: bfd('b1', '-20'), body: 'priority 100\ntrack_bfd {\n    b1 weight -254\n}' }, { body: 'priority 90' });
    expect(row(scenarios[0]!, 'bfd b1 goes down on n1.conf').priorities).toEqual([80, 90]);
  });

  it('is dropped when weighted on an owner or in a sync group without sync_group_tracking_weight; a group\'s own track_bfd counts', () => {
    const sg = (extra = '') => `vrrp_sync_group G {\n    group {\n        VI_1\n    }\n${extra}}\n`;
    const owner = cluster({ top: bfd('b1'), body: 'priority 255\ntrack_bfd {\n    b1 weight -50\n}' }, { body: 'priority 90' });
    expect(owner.scenarios[0]!.scenarios.map((s) => s.label)).toEqual(['all healthy', 'n1.conf down', 'n2.conf down']);
    const synced = cluster({ top: bfd('b1') + sg(), body: 'priority 100\ntrack_bfd {\n    b1 weight -50\n}' }, { body: 'priority 90' });
    expect(synced.scenarios[0]!.scenarios.map((s) => s.label)).not.toContain('bfd b1 goes down on n1.conf');
    const weighted = cluster({ top: bfd('b1') + sg('    sync_group_tracking_weight\n'), body: 'priority 100\ntrack_bfd {\n    b1 weight -50\n}' }, { body: 'priority 90' });
    expect(row(weighted.scenarios[0]!, 'bfd b1 goes down on n1.conf')).toMatchObject({ priorities: [50, 90], holder: 'n2.conf' });
    const group = cluster({ top: bfd('b1') + sg('    track_bfd {\n        b1\n    }\n'), body: 'priority 100' }, { body: 'priority 90' });
    expect(row(group.scenarios[0]!, 'bfd b1 goes down on n1.conf')).toMatchObject({ priorities: ['fault', 90], holder: 'n2.conf' });
  });

  it('KA430 says when a BFD session going down never moves the VIPs', () => {
    const { diagnostics } = cluster({ top: bfd('b1'), body: 'priority 100\ntrack_bfd {\n    b1 weight -5\n}' }, { body: 'priority 90' });
    expect(diagnostics.find((d) => d.code === 'KA430')?.message).toContain('when bfd b1 (weight -5) goes down on n1.conf, which holds the VIPs, its priority becomes 100 - 5');
  });
});

describe('election', () => {
  it('nopreempt on the BACKUP keeps the VIPs on a running MASTER even with a lower priority', () => {
    const { scenarios, diagnostics } = cluster(
      { top: script('chk', -50), body: 'state BACKUP\nnopreempt\npriority 100\ntrack_script {\n    chk\n}' },
      { body: 'state BACKUP\nnopreempt\npriority 90' },
    );
    const r = row(scenarios[0]!, 'script chk fails on n1.conf');
    expect(r).toMatchObject({ priorities: [50, 90], holder: 'n1.conf' });
    expect(r.note).toContain('nopreempt');
    expect(diagnostics.find((d) => d.code === 'KA430')!.message).toContain('weight 0');
    // Both nodes are written as BACKUP: the message names the node by what it does, not by a state it does not have.
    expect(diagnostics.find((d) => d.code === 'KA430')!.message).toContain('fails on n1.conf, which holds the VIPs');
  });

  it('with nopreempt on every node that could win, the healthy row says the start order decides', () => {
    // Live 2.2.7 (session 61): a 100, b 90, c 80, all BACKUP + nopreempt, started 0.1 s apart with a first: b held the
    // VIPs in 2 of 9 starts ("Receive advertisement timeout" on b) and kept them; the master-down timers differ by ~39 ms.
    const np = (p: number) => ({ body: `state BACKUP\nnopreempt\npriority ${p}` });
    const { scenarios } = cluster(np(100), np(90), np(80));
    const healthy = row(scenarios[0]!, 'all healthy');
    expect(healthy.holder).toBe('n1.conf');
    expect(healthy.note).toBe('a start race: with nopreempt the first node up keeps the VIPs (n2.conf or n3.conf when up first), and n1.conf only when it starts no more than about 39 ms after n2.conf (the gap between their master-down timers, (100 - 90)/256 × advert_int)');
    expect(formatScenarioTable(scenarios[0]!)).toContain('n1.conf — a start race');
    // A preempting node takes the VIPs from any lower first node: only the nodes above it race with it.
    const mixed = cluster(np(100), { body: 'state BACKUP\npriority 90' }, np(80));
    expect(row(mixed.scenarios[0]!, 'all healthy').note).toContain('(n2.conf when it or n3.conf is up first), and n1.conf only when');
    // No race when the top node preempts.
    expect(row(cluster({ body: 'state BACKUP\npriority 100' }, np(90)).scenarios[0]!, 'all healthy').note).toBeUndefined();
  });

  it('KA430 suggests no weight when the other node has nopreempt: no weight moves the VIPs then', () => {
    // Reduced from a real pair (nriet/radar-storage-system): the MASTER's check weighs -20 and the
    // BACKUP, with nopreempt, accepts a running MASTER's adverts whatever their priority (vrrp.c,
    // vrrp_state_backup: the nopreempt flag is tested before the priorities).
    const { diagnostics } = cluster(
      { top: script('chk', -20), body: 'state MASTER\npriority 150\ntrack_script {\n    chk\n}' },
      { body: 'state BACKUP\nnopreempt\npriority 100' },
    );
    const ka430 = diagnostics.find((d) => d.code === 'KA430')!;
    expect(ka430.message).toContain('n2.conf has nopreempt');
    expect(ka430.message).toContain('only weight 0 (FAULT) or removing nopreempt');
    expect(ka430.message).not.toMatch(/a weight of -?\d+ or lower/);
    expect(ka430.related!.map((r) => r.message)).toContain('nopreempt on n2.conf');
  });

  it('KA430 computes the weight to suggest from the nodes without nopreempt', () => {
    const { diagnostics } = cluster(
      { top: script('chk', -20), body: 'state MASTER\npriority 150\ntrack_script {\n    chk\n}' },
      { body: 'state BACKUP\nnopreempt\npriority 120' },
      { body: 'state BACKUP\npriority 100' },
    );
    // 150 - 51 = 99 is below n3's 100; n2's 120 cannot take over (nopreempt).
    expect(diagnostics.find((d) => d.code === 'KA430')!.message).toContain('a weight of -51 or lower');
  });

  it('at a common start the node in state MASTER holds the VIPs when every higher node has nopreempt', () => {
    // A real pair run live (keepalived 2.2.7, scripts/cluster-live): state MASTER priority 51 with a
    // -50 check against state BACKUP priority 100 with nopreempt. The MASTER's first BACKUP state
    // lasts one advert interval, the BACKUP's three; the BACKUP then accepts the lower adverts. The
    // table said the BACKUP held the VIPs, and so missed that the check moves nothing (KA430).
    const pair = (backup: string) =>
      cluster({ top: script('chk', -50), body: 'state MASTER\npriority 51\nnopreempt\ntrack_script {\n    chk\n}' }, { body: `state BACKUP\npriority 100\n${backup}` });
    const { scenarios, diagnostics } = pair('nopreempt');
    expect(row(scenarios[0]!, 'all healthy')).toMatchObject({ holder: 'n1.conf', note: expect.stringContaining('nopreempt') });
    expect(row(scenarios[0]!, 'script chk fails on n1.conf')).toMatchObject({ priorities: [1, 100], holder: 'n1.conf' });
    expect(diagnostics.map((d) => d.code)).toContain('KA430');
    // Without nopreempt the BACKUP preempts at once.
    expect(row(pair('').scenarios[0]!, 'all healthy').holder).toBe('n2.conf');
    // A BACKUP at the MASTER's priority is still a tie (the node up first keeps the VIPs after a restart).
    const equal = cluster({ body: 'state MASTER\npriority 100' }, { body: 'state BACKUP\npriority 100' });
    expect(row(equal.scenarios[0]!, 'all healthy').tie).toEqual(['n1.conf', 'n2.conf']);
    // Two nodes starting as MASTER: the higher one; a nopreempt BACKUP above both leaves it there.
    const three = cluster({ body: 'state MASTER\npriority 60' }, { body: 'state MASTER\npriority 70' }, { body: 'state BACKUP\npriority 100\nnopreempt' });
    expect(row(three.scenarios[0]!, 'all healthy').holder).toBe('n2.conf');
  });

  it('preempt_delay still moves the VIPs, after the delay', () => {
    const { scenarios } = cluster({ top: script('chk', -50), body: 'priority 100\ntrack_script {\n    chk\n}' }, { body: 'priority 90\npreempt_delay 30' });
    expect(row(scenarios[0]!, 'script chk fails on n1.conf')).toMatchObject({ holder: 'n2.conf', note: 'after preempt_delay 30s' });
  });

  it('with preempt_delay on the winner, a lower preempting node without one holds the VIPs in between', () => {
    // Live 2.2.7 (session 61): a 100 (check -50 fails), b 90 preempt_delay 10, c 80: c discarded a's adverts at 50 and
    // became MASTER within about 4 s; b started its delay, accepted the lower adverts, and took the VIPs ~14 s later.
    const top = { top: script('chk', -50), body: 'priority 100\ntrack_script {\n    chk\n}' };
    const { scenarios } = cluster(top, { body: 'priority 90\npreempt_delay 10' }, { body: 'priority 80' });
    const r = row(scenarios[0]!, 'script chk fails on n1.conf');
    expect(r.holder).toBe('n2.conf');
    expect(r.note).toBe('the VIPs move twice: first to n3.conf at once (no preempt_delay: it discards the lower adverts and times out); then to n2.conf when its preempt_delay 10s ends (until then it accepts the lower adverts)');
    expect(formatScenarioTable(scenarios[0]!)).toContain('n2.conf — the VIPs move twice: first to n3.conf at once');
    // A shorter delay in between, and a node below the failed MASTER's priority, which never takes over.
    const shorter = cluster(top, { body: 'priority 90\npreempt_delay 10' }, { body: 'priority 80\npreempt_delay 4' }, { body: 'priority 40' });
    expect(row(shorter.scenarios[0]!, 'script chk fails on n1.conf').note).toBe('the VIPs move twice: first to n3.conf after its preempt_delay 4s; then to n2.conf when its preempt_delay 10s ends (until then it accepts the lower adverts)');
    // A nopreempt node in between accepts the lower adverts: it takes nothing.
    const np = cluster(top, { body: 'priority 90\npreempt_delay 10' }, { body: 'priority 80\nnopreempt' });
    expect(row(np.scenarios[0]!, 'script chk fails on n1.conf').note).toBe('after preempt_delay 10s');
  });

  it('a BACKUP with an equal priority does not take over from a running MASTER (no tie)', () => {
    const { scenarios, diagnostics } = cluster({ top: script('chk', -10), body: 'state MASTER\npriority 100\ntrack_script {\n    chk\n}' }, { body: 'priority 90' });
    expect(row(scenarios[0]!, 'script chk fails on n1.conf')).toMatchObject({ priorities: [90, 90], holder: 'n1.conf' });
    expect(diagnostics.find((d) => d.code === 'KA430')!.message).toMatch(/equal to .*90.*strictly higher/);
  });

  it('a node down leaves the election to the others; equal ones tie (decided by IP address)', () => {
    const { scenarios } = cluster({ body: 'state MASTER\npriority 100' }, { body: 'priority 90' }, { body: 'priority 90' });
    expect(row(scenarios[0]!, 'n1.conf down')).toMatchObject({ holder: undefined, tie: ['n2.conf', 'n3.conf'] });
  });
});

describe('the scenario table', () => {
  it('lists every scenario with one priority column per node and the holder', () => {
    const { scenarios } = cluster({ top: script('chk', -5), body: 'state MASTER\npriority 100\ntrack_script {\n    chk\n}' }, { body: 'priority 90' });
    const table = formatScenarioTable(scenarios[0]!);
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toBe('VI_1 (VRID 51): priorities per node');
    expect(lines[1]).toMatch(/^scenario\s+n1\.conf\s+n2\.conf\s+VIPs held by$/);
    expect(lines.slice(3)).toEqual([
      expect.stringMatching(/^all healthy\s+100\s+90\s+n1\.conf$/),
      expect.stringMatching(/^script chk fails on n1\.conf\s+95\s+90\s+n1\.conf \(no failover\)$/),
      expect.stringMatching(/^n1\.conf down\s+down\s+90\s+n2\.conf$/),
      expect.stringMatching(/^n2\.conf down\s+100\s+down\s+n1\.conf$/),
    ]);
  });

  it('a sync group carries a member\'s FAULT to the other members', () => {
    const dir = join(__dirname, '..', 'fixtures', 'clusters', 'sync-group-fault');
    const { scenarios } = lintCluster(['a.conf', 'b.conf'].map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') })));
    const out = scenarios.find((r) => r.instance === 'VI_OUT')!;
    expect(row(out, 'script chk_db fails on a.conf')).toMatchObject({ priorities: ['fault', 100], holder: 'b.conf' });
  });

  // keepalived 2.2.7: "(G1) Cannot have weighted track script 'chk' with member having priority 255
  // - clearing weight"; live (scripts/cluster-live), chk failing on n1 moved VI_1 and VI_2 to n2.
  it('a sync group with an address owner clears the weight of its own track_script for every member', () => {
    const node = (p1: number, p2: number) =>
      `${script('chk', -50)}vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n    }\n    track_script {\n        chk\n    }\n}\n` +
      `vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 73\n    priority ${p1}\n    virtual_ipaddress {\n        10.0.0.100\n    }\n}\n` +
      `vrrp_instance VI_2 {\n    interface eth0\n    virtual_router_id 74\n    priority ${p2}\n    virtual_ipaddress {\n        10.0.0.200\n    }\n}\n`;
    const { scenarios } = lintCluster([
      { file: 'n1.conf', text: node(255, 100) },
      { file: 'n2.conf', text: node(100, 90) },
    ]);
    const vi2 = scenarios.find((r) => r.instance === 'VI_2')!;
    expect(row(vi2, 'script chk fails on n1.conf')).toMatchObject({ priorities: ['fault', 90], holder: 'n2.conf' });
    // On n2 no member is an owner: the weight applies to both.
    expect(row(vi2, 'script chk fails on n2.conf').priorities).toEqual([100, 40]);
  });

  // Seen live (scripts/cluster-live): two BACKUPs at 100 started together, the one started first
  // (the lower address) held the VIPs in every run; with the MASTER down, two BACKUPs at 90 claimed
  // them at once and the higher address won.
  it('a tie at the start goes to the first node up, a tie after a failure to the higher address', () => {
    const { scenarios, diagnostics } = cluster(
      { top: script('chk', 10), body: 'state BACKUP\npriority 100\ntrack_script {\n    chk\n}' },
      { body: 'state BACKUP\npriority 110' },
    );
    const table = formatScenarioTable(scenarios[0]!);
    expect(table).toMatch(/all healthy\s+110\s+110\s+tie n1\.conf \/ n2\.conf \(the first up keeps the VIPs\)/);
    expect(diagnostics.find((d) => d.code === 'KA432')?.message).toContain('whichever node comes up first keeps the VIPs');
    const three = cluster({ body: 'state MASTER\npriority 100' }, { body: 'priority 90' }, { body: 'priority 90' });
    expect(formatScenarioTable(three.scenarios[0]!)).toMatch(/n1\.conf down\s+down\s+90\s+90\s+tie n2\.conf \/ n3\.conf \(either may win: a race, the higher IP only at the same moment\)/);
  });

  // Seen live (scripts/cluster-live, keepalived 2.2.7 in network namespaces): with chk failing
  // on n1, n1's VI_1 advertised 50 and n2's VI_1 (90) timed out, but n2's VI_2 still heard n1's
  // VI_2 at 100, so n2's sync group stayed BACKUP and n1 kept both VIPs.
  it('a sync group takes over only as a whole: a weight on one member moves nothing', () => {
    const node = (state: string, priority: number) =>
      `${script('chk', -50)}vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n    }\n    sync_group_tracking_weight\n}\n` +
      `vrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id 61\n    priority ${priority}\n    track_script {\n        chk\n    }\n    virtual_ipaddress {\n        10.0.0.100\n    }\n}\n` +
      `vrrp_instance VI_2 {\n    state ${state}\n    interface eth0\n    virtual_router_id 62\n    priority ${priority}\n    virtual_ipaddress {\n        10.0.0.200\n    }\n}\n`;
    const { scenarios, diagnostics } = lintCluster([
      { file: 'n1.conf', text: node('MASTER', 100) },
      { file: 'n2.conf', text: node('BACKUP', 90) },
    ]);
    const vi1 = scenarios.find((r) => r.instance === 'VI_1')!;
    expect(row(vi1, 'script chk fails on n1.conf')).toMatchObject({ priorities: [50, 90], holder: 'n1.conf' });
    expect(row(vi1, 'script chk fails on n1.conf').note).toContain('sync group G1 moves only as a whole and VI_2 there stays BACKUP');
    // The same check tracked by the whole sync group lowers both members: then the pair fails over.
    expect(row(vi1, 'n1.conf down')).toMatchObject({ holder: 'n2.conf' });
    expect(diagnostics.find((d) => d.code === 'KA430')?.message).toMatch(/track the check in the sync group/);
    const grouped = (state: string, priority: number) => node(state, priority).replace('    sync_group_tracking_weight\n', '    sync_group_tracking_weight\n    track_script {\n        chk\n    }\n').replace('    track_script {\n        chk\n    }\n    virtual_ipaddress {\n        10.0.0.100', '    virtual_ipaddress {\n        10.0.0.100');
    const both = lintCluster([
      { file: 'n1.conf', text: grouped('MASTER', 100) },
      { file: 'n2.conf', text: grouped('BACKUP', 90) },
    ]).scenarios;
    for (const r of both) expect(row(r, 'script chk fails on n1.conf')).toMatchObject({ priorities: [50, 90], holder: 'n2.conf' });
  });
});

describe('sync groups as a whole', () => {
  const sg = 'vrrp_sync_group G {\n    group {\n        VI_1\n        VI_2\n    }\n}\n';
  const inst = (name: string, vrid: number, vip: string, prio: number) =>
    `vrrp_instance ${name} {\n    interface eth0\n    virtual_router_id ${vrid}\n    priority ${prio}\n    virtual_ipaddress {\n        ${vip}\n    }\n}\n`;
  const node = (p1: number, p2: number, grouped = false) => (grouped ? sg : '') + inst('VI_1', 51, '10.0.0.100', p1) + inst('VI_2', 52, '10.0.0.101', p2);
  const run = (...texts: string[]) => lintCluster(texts.map((text, i) => ({ file: `n${i + 1}.conf`, text })));

  it('a group held back at the start sends its members\' VIPs to their best other node, which may differ', () => {
    // n1's G loses VI_2 to n2 (ungrouped, 95): VI_1 goes to its next best, n3 (95), VI_2 stays on n2.
    // Live (fixE, 2.2.7, three namespaces): n3 held .100 and n2 .101; n2 stopped, n1 held both; n2 back, as at first;
    // n3 stopped, n2 held both.
    const { scenarios, diagnostics } = run(node(100, 80, true), node(90, 95), node(95, 50));
    const [vi1, vi2] = scenarios;
    expect(row(vi1!, 'all healthy')).toMatchObject({ priorities: [100, 90, 95], holder: 'n3.conf' });
    expect(row(vi2!, 'all healthy')).toMatchObject({ priorities: [80, 95, 50], holder: 'n2.conf' });
    // With n2 down, n1's group wins both.
    expect(row(vi1!, 'n2.conf down').holder).toBe('n1.conf');
    expect(row(vi2!, 'n2.conf down').holder).toBe('n1.conf');
    // With n3 down, n1's group is still held back by VI_2, and n2 takes VI_1 as well.
    expect(row(vi1!, 'n3.conf down').holder).toBe('n2.conf');
    const ka424 = diagnostics.filter((d) => d.code === 'KA424');
    expect(ka424.map((d) => d.message)).toEqual([
      "sync group G on n1.conf: VI_2 goes to n2.conf (95 against 80 on n1.conf), and keepalived keeps a sync group's members in one state, so G on n1.conf stays BACKUP while everything is healthy and n3.conf holds VI_1, though n1.conf has the highest priority there (VI_1: 100 against 95 on n3.conf); give the members the same order of priorities on every node, or take them out of the group",
    ]);
  });

  it('the table says a crossed pair of groups is a start race', () => {
    const { scenarios, diagnostics } = run(node(100, 80, true), node(90, 95, true));
    expect(formatScenarioTable(scenarios[0]!)).toMatch(/all healthy\s+100\s+90\s+tie n1\.conf \/ n2\.conf \(crossed sync groups: each node's group wants another member's VIPs elsewhere, and a group is MASTER or BACKUP as a whole, so the first node up takes the VIPs of all its group's members\)/);
    expect(diagnostics.map((d) => d.code)).toEqual(['KA424']);
  });

  it('leaves groups alone whose members agree on the node', () => {
    const { scenarios, diagnostics } = run(node(100, 100, true), node(90, 95, true));
    for (const r of scenarios) expect(row(r, 'all healthy').holder).toBe('n1.conf');
    expect(diagnostics.map((d) => d.code)).not.toContain('KA424');
  });
});

describe('pairFiles', () => {
  it('pairs files whose instances match and says why; leaves the others alone', () => {
    const node = (vrid: number, vip: string) => `vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id ${vrid}\n    virtual_ipaddress {\n        ${vip}\n    }\n}\n`;
    const pairs = pairFiles([
      { file: 'a.conf', text: node(51, '10.0.0.1') },
      { file: 'b.conf', text: node(51, '10.0.0.1/24') },
      { file: 'c.conf', text: node(52, '10.0.0.1') },
      { file: 'd.conf', text: `vrrp_instance web_frontend {\n    interface eth0\n    virtual_router_id 60\n    virtual_ipaddress {\n        10.1.0.1\n    }\n}\n` },
      { file: 'e.conf', text: `vrrp_instance web_frontend {\n    interface eth0\n    virtual_router_id 60\n    virtual_ipaddress {\n        10.1.0.2\n    }\n}\n` },
    ]);
    expect(pairs.map((p) => p.nodes.map((n) => n.file))).toEqual([
      ['a.conf', 'b.conf'],
      ['d.conf', 'e.conf'],
    ]);
    expect(pairs[0]!.reason).toBe('auto-paired: a.conf and b.conf both define VRID 51 with VIPs 10.0.0.1');
    expect(pairs[1]!.reason).toContain('instance web_frontend with VRID 60');
  });
});

describe('pairFiles: variants of one node', () => {
  // Found on a real repo (conf/2-node-setup: keepalived.conf.master, .master.hc, .backup, .backup.hc):
  // the .hc files are the same nodes with a health check. Pairing all four as one cluster reported
  // the master and its variant as two MASTERs sharing one unicast_src_ip.
  const node = (state: string, prio: number, src: string, peer: string) =>
    `vrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id 55\n    priority ${prio}\n    unicast_src_ip ${src}\n    unicast_peer {\n        ${peer}\n    }\n    virtual_ipaddress {\n        10.0.0.100\n    }\n}\n`;
  it('never puts two files of one node (same unicast_src_ip and state) in one cluster', () => {
    const pairs = pairFiles([
      { file: 'keepalived.conf.backup', text: node('BACKUP', 100, '10.0.0.52', '10.0.0.20') },
      { file: 'keepalived.conf.backup.hc', text: node('BACKUP', 1, '10.0.0.52', '10.0.0.20') },
      { file: 'keepalived.conf.master', text: node('MASTER', 150, '10.0.0.20', '10.0.0.52') },
      { file: 'keepalived.conf.master.hc', text: node('MASTER', 50, '10.0.0.20', '10.0.0.52') },
    ]);
    for (const p of pairs) {
      const srcs = p.nodes.map((n) => /unicast_src_ip (\S+)/.exec(n.text)![1]);
      expect(new Set(srcs).size, p.reason).toBe(srcs.length);
    }
    expect(pairs.length).toBeGreaterThan(0);
  });
  it('still pairs a copy whose unicast_src_ip was left unchanged (KA421)', () => {
    const pairs = pairFiles([
      { file: 'lb1.conf', text: node('MASTER', 150, '10.0.0.20', '10.0.0.52') },
      { file: 'lb2.conf', text: node('BACKUP', 100, '10.0.0.20', '10.0.0.52') },
    ]);
    expect(pairs.map((p) => p.nodes.map((n) => n.file))).toEqual([['lb1.conf', 'lb2.conf']]);
    // Both BACKUP (a nopreempt pair), files named apart: two nodes, one of them with the wrong address.
    const backups = pairFiles([
      { file: 'lb1.conf', text: node('BACKUP', 150, '10.0.0.20', '10.0.0.52') },
      { file: 'lb2.conf', text: node('BACKUP', 100, '10.0.0.20', '10.0.0.52') },
    ]);
    expect(backups.map((p) => p.nodes.map((n) => n.file))).toEqual([['lb1.conf', 'lb2.conf']]);
  });

  // Found on a real repo (Felyne/apiserver: keepalived/host1.conf, host2.conf, keepalived1.conf,
  // keepalived2.conf, two versions of one pair side by side): the four were one cluster, and each
  // node and its other version were reported as two nodes sharing an mcast_src_ip (KA421), a
  // router_id (KA415) and a priority (KA406).
  const versioned = (routerId: string, state: string, prio: number, src: string) =>
    `global_defs {\n    router_id ${routerId}\n}\nvrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id 51\n    priority ${prio}\n    mcast_src_ip ${src}\n    virtual_ipaddress {\n        192.168.40.210\n    }\n}\n`;
  it('files named apart are one node when router_id, source address, state and priority are all the same', () => {
    const pairs = pairFiles([
      { file: 'host1.conf', text: versioned('test1', 'BACKUP', 100, '192.168.41.23') },
      { file: 'host2.conf', text: versioned('test2', 'BACKUP', 90, '192.168.40.214') },
      { file: 'keepalived1.conf', text: `# kept as it was\n${versioned('test1', 'BACKUP', 100, '192.168.41.23')}` },
      { file: 'keepalived2.conf', text: versioned('test2', 'BACKUP', 90, '192.168.40.214') },
    ]);
    expect(pairs.map((p) => p.nodes.map((n) => n.file))).toEqual([
      ['host1.conf', 'host2.conf'],
      ['keepalived1.conf', 'keepalived2.conf'],
    ]);
    // A copy that kept router_id and source address but took its own priority is another node.
    const copied = pairFiles([
      { file: 'host1.conf', text: versioned('lb', 'BACKUP', 100, '192.168.41.23') },
      { file: 'host2.conf', text: versioned('lb', 'BACKUP', 90, '192.168.41.23') },
    ]);
    expect(copied.map((p) => p.nodes.map((n) => n.file))).toEqual([['host1.conf', 'host2.conf']]);
  });

  // A real homework folder: keepalived_master.conf and keepalived_exerc3_master.conf (one node's two
  // versions, no router_id) beside keepalived_backup_host2.conf and _host3.conf were one cluster of
  // two address owners sharing a unicast_src_ip (KA408, KA421, KA432).
  it('no router_id on either file counts as the same router_id', () => {
    const node = (state: string, prio: number, src: string, peers: string[]) =>
      `vrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id 50\n    priority ${prio}\n    unicast_src_ip ${src}\n    unicast_peer {\n${peers.map((p) => `        ${p}\n`).join('')}    }\n    virtual_ipaddress {\n        10.128.0.50/24\n    }\n}\n`;
    const pairs = pairFiles([
      { file: 'keepalived_backup_host2.conf', text: node('BACKUP', 200, '10.128.0.15', ['10.128.0.23']) },
      { file: 'keepalived_backup_host3.conf', text: node('BACKUP', 150, '10.128.0.44', ['10.128.0.23', '10.128.0.15']) },
      { file: 'keepalived_exerc3_master.conf', text: node('MASTER', 255, '10.128.0.23', ['10.128.0.15', '10.128.0.44']) },
      { file: 'keepalived_master.conf', text: node('MASTER', 255, '10.128.0.23', ['10.128.0.15']) },
    ]);
    expect(pairs.map((p) => p.nodes.map((n) => n.file))).toEqual([['keepalived_backup_host2.conf', 'keepalived_backup_host3.conf', 'keepalived_exerc3_master.conf']]);
  });

  // Found on real repos (master/keepalived.conf and master/keepalived.conf.appmy, the MASTER with and
  // without a second instance; keepalived.conf and keepalived.conf.group, one node's two layouts):
  // multicast, so no source address to compare, and each folder was paired as two MASTERs (KA407).
  const multicast = (routerId: string, state: string, prio: number) =>
    `global_defs {\n    router_id ${routerId}\n}\nvrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id 51\n    priority ${prio}\n    virtual_ipaddress {\n        192.168.138.200\n    }\n}\n`;
  it('variants without a source address are one node when state, priority and router_id agree', () => {
    const variants = pairFiles([
      { file: 'keepalived.conf', text: multicast('LVS_DEVEL', 'MASTER', 100) },
      { file: 'keepalived.conf.appmy', text: multicast('LVS_DEVEL', 'MASTER', 100) },
    ]);
    expect(variants).toEqual([]);
    // keepalived.conf and keepalived.conf.backup are MASTER and BACKUP: two nodes.
    const pair = pairFiles([
      { file: 'keepalived.conf', text: multicast('LVS_DEVEL', 'MASTER', 100) },
      { file: 'keepalived.conf.backup', text: multicast('LVS_DEVEL', 'BACKUP', 90) },
    ]);
    expect(pair.map((p) => p.nodes.map((n) => n.file))).toEqual([['keepalived.conf', 'keepalived.conf.backup']]);
    // Both BACKUP, told apart by priority or router_id: two nodes.
    for (const [r, p] of [['LVS_DEVEL', 90], ['LVS_2', 100]] as const) {
      const backups = pairFiles([
        { file: 'keepalived.conf', text: multicast('LVS_DEVEL', 'BACKUP', 100) },
        { file: 'keepalived.conf.backup', text: multicast(r, 'BACKUP', p) },
      ]);
      expect(backups).toHaveLength(1);
    }
  });

  // keepalived's own doc/samples: keepalived.conf.vrrp.localcheck and keepalived.conf.vrrp.sync share
  // nine instances, each with the same state and priority in both: paired, they gave KA407, KA406
  // and KA414 on two samples. Two nodes where every instance ties are one node written twice.
  it('files whose instances (two or more) all start alike are one node', () => {
    const two = (prio2: number) =>
      `vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        192.168.200.18\n    }\n}\nvrrp_instance VI_2 {\n    state BACKUP\n    interface eth1\n    virtual_router_id 52\n    priority ${prio2}\n    virtual_ipaddress {\n        192.168.201.18\n    }\n}\n`;
    expect(pairFiles([
      { file: 'keepalived.conf.vrrp.localcheck', text: `# with checks\n${two(100)}` },
      { file: 'keepalived.conf.vrrp.sync', text: two(100) },
    ])).toEqual([]);
    // One instance set apart (a dual-master pair mirrored by hand): two nodes.
    expect(pairFiles([
      { file: 'lb1.conf', text: two(100) },
      { file: 'lb2.conf', text: two(100).replace('state MASTER', 'state BACKUP').replace('priority 100', 'priority 90') },
    ])).toHaveLength(1);
    // One instance alike is still a pair (both MASTER at one priority: KA407).
    expect(pairFiles([{ file: 'lb1.conf', text: multicast('LVS', 'MASTER', 100) }, { file: 'lb2.conf', text: multicast('LVS', 'MASTER', 100) }])).toHaveLength(1);
  });

  // Found on a real repo (ha_keepalived/keepalived_master.conf and keepalived_backup.conf): the BACKUP
  // was edited to another VIP, and as VRID and VIPs no longer matched, the folder was no cluster and
  // KA412 never ran. Files named for the two roles pair by instance name.
  it('pairs files named for the MASTER and the BACKUP by instance name, whatever differs', () => {
    const inst = (state: string, vrid: number, vip: string) =>
      `vrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id ${vrid}\n    priority ${state === 'MASTER' ? 101 : 100}\n    virtual_ipaddress {\n        ${vip}\n    }\n}\n`;
    const pairs = pairFiles([
      { file: 'keepalived_backup.conf', text: inst('BACKUP', 51, '192.168.158.148') },
      { file: 'keepalived_master.conf', text: inst('MASTER', 51, '192.168.5.200') },
    ]);
    expect(pairs.map((p) => p.reason)).toEqual(['auto-paired: keepalived_backup.conf and keepalived_master.conf both define instance VI_1, in files named for the MASTER and the BACKUP']);
    const r = lintCluster(pairs[0]!.nodes, { reason: pairs[0]!.reason });
    expect(r.diagnostics.map((d) => d.code)).toContain('KA412');
    // A VRID mismatch, other role words: still a pair.
    expect(pairFiles([
      { file: 'lb-primary.conf', text: inst('MASTER', 51, '10.0.0.10') },
      { file: 'lb-secondary.conf', text: inst('BACKUP', 52, '10.0.0.10') },
    ])).toHaveLength(1);
    // Not a pair: one role twice, names that differ elsewhere, an instance without VIPs.
    for (const [x, y] of [['keepalived-master.conf', 'keepalived-main.conf'], ['site-a-master.conf', 'site-b-backup.conf']]) {
      expect(pairFiles([{ file: x!, text: inst('MASTER', 51, '10.0.0.10') }, { file: y!, text: inst('BACKUP', 51, '10.0.0.11') }]), `${x} ${y}`).toEqual([]);
    }
    expect(pairFiles([
      { file: 'keepalived_master.conf', text: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n}\n' },
      { file: 'keepalived_backup.conf', text: inst('BACKUP', 51, '10.0.0.10') },
    ])).toEqual([]);
  });

  // Found on real repos: keepalived.conf, keepalived-backup.conf and keepalived-example.conf (the
  // tutorial's MASTER the first was written from) were one cluster of two MASTERs (KA407); a
  // keepalived.conf.orig (the same node before an edit, another priority) was the second node.
  it('leaves kept copies and examples out', () => {
    const pairs = pairFiles([
      { file: 'keepalived-backup.conf', text: multicast('LVS1', 'BACKUP', 99) },
      { file: 'keepalived-example.conf', text: multicast('LVS1', 'MASTER', 100) },
      { file: 'keepalived.conf', text: multicast('LVS1', 'MASTER', 100) },
      { file: 'keepalived.conf.orig', text: multicast('LVS1', 'BACKUP', 80) },
      { file: 'keepalived.conf.bak', text: multicast('LVS1', 'MASTER', 90) },
    ]);
    expect(pairs.map((p) => p.nodes.map((n) => n.file))).toEqual([['keepalived-backup.conf', 'keepalived.conf']]);
    for (const name of ['keepalived.conf.dpkg-old', 'keepalived.sample.conf', 'lb1.conf~', 'examples.conf']) expect(isCopyName(`/etc/keepalived/${name}`), name).toBe(true);
    for (const name of ['keepalived.conf.backup', 'keepalived.conf.master', 'lb-old2.conf', 'keepalived_slave.conf', 'sampler.conf']) expect(isCopyName(name), name).toBe(false);
  });
});

describe('robustness', () => {
  it('no internal error on truncated or shuffled fixture nodes', async () => {
    const fc = await import('fast-check');
    const { readdirSync } = await import('node:fs');
    const root = join(__dirname, '..', 'fixtures', 'clusters');
    const texts = readdirSync(root).flatMap((d) =>
      readdirSync(join(root, d))
        .filter((f) => f.endsWith('.conf'))
        .map((f) => readFileSync(join(root, d, f), 'utf8')),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: texts.length - 1 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })), { minLength: 2, maxLength: 3 }),
        (picks) => {
          const nodes = picks.map(([i, from, len], k) => {
            const lines = texts[i]!.split('\n');
            lines.splice(from, len % 7);
            return { file: `n${k}.conf`, text: lines.join('\n') };
          });
          const r = lintCluster(nodes);
          expect(r.diagnostics.filter((d) => d.code === 'KA000')).toEqual([]);
          for (const rep of r.scenarios) formatScenarioTable(rep);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('KA433 failover-zero-weight-fault', () => {
  const track = (name: string) => `    track_script {\n        ${name}\n    }`;
  const ka433 = (r: ReturnType<typeof cluster>) => r.diagnostics.filter((d) => d.code === 'KA433').map((d) => d.message);

  it('says what the FAULT design risks when every node tracks the check the same way', () => {
    // 30 real pairs: the same weightless chk_haproxy on both nodes; the message only said "the VIPs move to node2".
    const r = cluster(
      { top: script('chk_db'), body: `    state MASTER\n    priority 100\n${track('chk_db')}` },
      { top: script('chk_db'), body: `    state BACKUP\n    priority 90\n${track('chk_db')}` },
    );
    expect(ka433(r)).toEqual([
      'VI_1: script chk_db has no weight, so when it fails keepalived puts the instance on n1.conf into FAULT instead of lowering its priority; the VIPs move to n2.conf. ' +
        'Every node tracks chk_db this way: if what it checks is shared (a database, a gateway), it fails on all of them at once and no node holds the VIPs; a weight (e.g. -50) would lower the priority instead',
    ]);
  });

  it('only says where the VIPs go when the other node does not track it', () => {
    const r = cluster(
      { top: script('chk_db'), body: `    state MASTER\n    priority 100\n${track('chk_db')}` },
      { body: '    state BACKUP\n    priority 90' },
    );
    expect(ka433(r)).toEqual(['VI_1: script chk_db has no weight, so when it fails keepalived puts the instance on n1.conf into FAULT instead of lowering its priority; the VIPs move to n2.conf']);
  });
});
