// Peer generation: the roles, priorities and names it derives, the errors it gives, and the proof
// on every corpus MASTER — same keepalived -t messages, only the lines it must touch, and the
// known pairs reproduced.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffLines } from 'diff';
import { analyze } from '../server/src/core/index.js';
import { deriveRouterId, generatePeer, type PeerOptions, type PeerResult } from '../server/src/core/peer/index.js';
import { lintCluster } from '../server/src/cluster/index.js';
import { keepalivedAvailable } from './helpers/keepalived.js';
import { CORPUS, REPO, keepalivedGate, keepalivedView, proofFiles, readText } from './helpers/format-props.js';

function peer(text: string, options: PeerOptions = {}): PeerResult {
  const r = generatePeer(text, options);
  if ('error' in r) throw new Error(`unexpected peer error: ${r.error}`);
  return r;
}

function peerError(text: string, options: PeerOptions = {}): string {
  const r = generatePeer(text, options);
  if (!('error' in r)) throw new Error('expected an error');
  return r.error;
}

/** Lines that differ, by number (1-based), for texts with the same number of lines. */
function changedLines(a: string, b: string): number[] {
  const la = a.split('\n');
  const lb = b.split('\n');
  expect(lb.length).toBe(la.length);
  return la.flatMap((l, i) => (l === lb[i] ? [] : [i + 1]));
}

/** The lines a diff removes and adds. */
function touchedLines(a: string, b: string): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffLines(a, b)) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    if (part.removed) removed.push(...lines);
    else if (part.added) added.push(...lines);
  }
  return { removed, added };
}

/** Messages keepalived prints only because an instance starts as MASTER (the BACKUP rightly loses them). */
const MASTER_ONLY_MESSAGE = /Initial state master is incompatible with AH authentication|nopreempt will not work with initial state MASTER/i;

const PAIR = `global_defs {
    router_id LVS_MASTER   # the name
}
vrrp_script chk {
    script "/usr/bin/true"
    weight 20
}
vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 100
    track_script {
        chk
    }
    virtual_ipaddress {
        10.0.0.100/24 dev eth0
    }
}
`;

describe('MASTER → BACKUP', () => {
  it('changes state, priority (minus 10) and router_id in place, nothing else', () => {
    const r = peer(PAIR);
    expect(r.text).toBe(PAIR.replace('LVS_MASTER', 'LVS_BACKUP').replace('state MASTER', 'state BACKUP').replace('priority 100', 'priority 90'));
    expect(r.edits.map((e) => [e.range.start.line, e.newText])).toEqual([
      [1, 'LVS_BACKUP'],
      [8, 'BACKUP'],
      [11, '90'],
    ]);
  });

  it('takes --priority, --priority-step and --router-id', () => {
    expect(peer(PAIR, { priority: 42, routerId: 'lb-b' }).text).toMatch(/priority 42\n[\s\S]*/);
    expect(peer(PAIR, { priority: 42, routerId: 'lb-b' }).text).toContain('router_id lb-b   # the name');
    expect(peer(PAIR, { priorityStep: 25 }).text).toContain('priority 75');
    expect(peerError(PAIR, { priority: 10, priorityStep: 5 })).toMatch(/either/);
  });

  it('quotes a small track weight with its sign in the note (the kubeadm HA guide: priority 101, weight -2)', () => {
    const r = peer(PAIR.replace('weight 20', 'weight -2').replace('priority 100', 'priority 101'));
    expect(r.text).toContain('priority 100\n');
    expect(r.notes).toContain('vrrp_instance VI_1: priorities 1 apart (not 10), so that a tracked failure (weight -2) moves the VIPs');
  });

  it('never goes below 1, and refuses when no priority can lose', () => {
    expect(peer(PAIR.replace('priority 100', 'priority 5').replace('weight 20', 'weight -20')).text).toContain('priority 1\n');
    expect(peerError(PAIR.replace('priority 100', 'priority 1').replace('weight 20', 'weight -20'))).toMatch(/no BACKUP priority ≥ 1/);
  });

  it('keeps the MASTER winning when positive weights push both nodes to the 254 cap', () => {
    // MASTER 250 + 20 = 254 (capped). A BACKUP at 249 would reach 254 too (a tie, decided by the
    // address): 233 + 20 = 253 is the highest that still loses.
    const text = PAIR.replace('priority 100', 'priority 250');
    const r = peer(text, { priorityStep: 1 });
    expect(r.text).toContain('priority 233');
    expect(r.notes.join('\n')).toMatch(/lowered to 233/);
    expect(peerError(text, { priority: 240 })).toMatch(/would not win; use at most 233/);
  });

  it('adds a priority line when the MASTER relies on the default (255 for MASTER)', () => {
    const r = peer(PAIR.replace('    priority 100\n', ''));
    expect(r.text).toContain('    state BACKUP\n    priority 245\n    interface eth0');
  });

  it('keeps quotes and comments around the words it replaces', () => {
    const r = peer(PAIR.replace('state MASTER', 'state "MASTER"   # role'));
    expect(r.text).toContain('state "BACKUP"   # role');
  });
});

describe('router_id derivation', () => {
  it.each([
    ['LVS_MASTER', 'LVS_BACKUP'],
    ['lb-master-01', 'lb-backup-01'],
    ['MasterNode', 'BackupNode'],
    ['lb1', 'lb2'],
    ['lvs_151', 'lvs_152'],
    ['node09', 'node10'],
    ['lb-a', 'lb-b'],
    ['GW_A', 'GW_B'],
    ['data', 'data-backup'],
    // The suffix follows the id's separator and case (real pairs: LVS_MIRROR → LVS_MIRROR_BACKUP).
    ['LVS_DEVEL', 'LVS_DEVEL_BACKUP'],
    ['nginx_ha', 'nginx_ha_backup'],
    ['my-lb', 'my-lb-backup'],
    ['Redis_HA', 'Redis_HA_backup'],
    ['lb_main-xy', 'lb_main-xy-backup'],
    ['PG_PRIMARY', 'PG_SECONDARY'],
    ['db-primary', 'db-secondary'],
    // A host name keeps its domain; the node is named in its first label.
    ['raspberrypi-hole1.local', 'raspberrypi-hole2.local'],
    ['lb.example.com', 'lb-backup.example.com'],
    ['192.168.1.10', '192.168.1.11'],
    // The number of an interface name at the end is not the node's (a real config's LBA_eth0 became LBA_eth1).
    ['LBA_eth0', 'LBA_BACKUP_eth0'],
    ['lb1_eth0', 'lb2_eth0'],
    ['LB_MASTER-ens192', 'LB_BACKUP-ens192'],
    ['eth0', 'eth1'],
  ])('%s → %s', (from, to) => {
    expect(deriveRouterId(from)).toBe(to);
  });
});

describe('dual-master, nopreempt, interface, unicast', () => {
  const DUAL = `vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 100
    virtual_ipaddress {
        10.0.0.100/24
    }
}
vrrp_instance VI_2 {
    state BACKUP
    interface eth0
    virtual_router_id 52
    priority 90
    virtual_ipaddress {
        10.0.0.101/24
    }
}
`;

  it('mirrors a dual-master pair: each node is MASTER of one instance', () => {
    const r = peer(DUAL);
    expect(r.text).toBe(DUAL.replace('state MASTER', 'state X').replace('state BACKUP', 'state MASTER').replace('state X', 'state BACKUP').replace('priority 100', 'priority P').replace('priority 90', 'priority 100').replace('priority P', 'priority 90'));
  });

  it('does not mirror a dual-master pair whose gap a failing check cannot bridge', () => {
    // A blog's dual-master nginx pair: VI_1 at 100 with a +10 script, the other node at 50.
    const chk = 'vrrp_script chk {\n    script "/usr/bin/true"\n    weight 10\n}\n';
    const text = chk + DUAL.replace('    priority 90\n', '    priority 50\n').replace('    priority 100\n', '    priority 100\n    track_script {\n        chk\n    }\n');
    const r = peer(text);
    const prios = analyze(r.text).model.vrrpInstances.map((i) => [i.name, i.state?.value, i.effectivePriority]);
    expect(prios).toEqual([
      ['VI_1', 'BACKUP', 91],
      ['VI_2', 'MASTER', 60],
    ]);
    expect(r.notes.join('\n')).toContain('priorities not mirrored');
    const { diagnostics } = lintCluster([
      { file: 'master.conf', text },
      { file: 'backup.conf', text: r.text },
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual([]);
    expect(lintCluster([{ file: 'master.conf', text }, { file: 'backup.conf', text: text.replace('state MASTER', 'state X').replace('state BACKUP', 'state MASTER').replace('state X', 'state BACKUP').replace('priority 100', 'priority P').replace('priority 50', 'priority 100').replace('priority P', 'priority 50') }]).diagnostics.map((d) => d.code)).toContain('KA430');
  });

  it('comments out a MASTER\'s nopreempt, which keepalived clears there and the peer would keep', () => {
    // keepalived -t on the MASTER: "nopreempt will not work with initial state MASTER". Copied to the BACKUP it
    // works, and the pair is half preemptive: live 2.2.7 (s58 audit, a real k8s pair), the MASTER's failing check
    // left the VIPs on it; without the line on the peer they moved and came back. lint --cluster had said KA409.
    const text = PAIR.replace('    priority 100\n', '    priority 100\n    nopreempt\n');
    const r = peer(text);
    expect(r.text).toContain('    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    # nopreempt\n');
    expect(r.notes.some((n) => /VI_1: nopreempt commented out \(line 13\): keepalived clears it on the MASTER .* state BACKUP with nopreempt/.test(n))).toBe(true);
    expect(lintCluster([{ file: 'master.conf', text }, { file: 'backup.conf', text: r.text }]).diagnostics.filter((d) => d.code.startsWith('KA4')).map((d) => d.code)).toEqual([]);
    expect(peer(PAIR).notes.some((n) => n.includes('nopreempt'))).toBe(false);
  });

  // The fmt/peer audit of session 59: `nopreempt }` became `# nopreempt }` (the block never closed); and a MASTER's
  // preempt_delay, cleared there, was copied to the peer, where it delayed the take-over (live 2.2.7: 23.8 s, not 3.5 s).
  it('comments out only the word on a line that also closes the block, and a MASTER\'s preempt_delay too', () => {
    const glued = PAIR.replace(/(    virtual_ipaddress \{\n[^}]*\}\n)\}/, '$1    nopreempt }');
    expect(glued).toContain('    nopreempt }');
    const r = peer(glued);
    expect(r.text).toContain('    # nopreempt\n    }');
    expect(analyze(r.text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    const delayed = PAIR.replace('    priority 100\n', '    priority 100\n    preempt_delay 20\n');
    const d = peer(delayed);
    expect(d.text).toContain('    # preempt_delay 20\n');
    expect(d.notes.some((n) => /VI_1: preempt_delay commented out \(line \d+\): keepalived clears it on the MASTER/.test(n))).toBe(true);
  });

  it('refuses an instance whose priority is set on @id lines only (the priority it would write is dead on those hosts)', () => {
    const text = PAIR.replace('    priority 100\n', '@lb1 priority 150\n@lb2 priority 100\n');
    const r = generatePeer(text, { file: 'keepalived.conf' } as PeerOptions);
    expect('error' in r && r.error).toMatch(/VI_1 \(line \d+\) has no priority here: its priority is set per node on @ID lines/);
  });

  it('keeps an instance in state BACKUP at priority 255 on the MASTER\'s side: the address owner wins whatever its state', () => {
    // A real pair (s55 K-0251/K-0252): state BACKUP, priority 255 against state BACKUP, priority 100. Live 2.2.7,
    // the 255 node became MASTER; kalint peer had refused ("no priority up to 254 lets the peer win it").
    const owner = PAIR.replace('state MASTER', 'state BACKUP').replace('priority 100', 'priority 255');
    const r = peer(owner);
    expect(r.text).toContain('    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 245\n');
    expect(r.notes.join('\n')).toContain('stays BACKUP (priority 255 makes this node the address owner, MASTER whatever its state line says), priority 255 → 245');
  });

  // Harvest 58 (K-0008, K-0058), live 2.2.7: the MASTER's failing check changed nothing, yet the peer was put 1 and 9
  // apart "so that a tracked failure moves the VIPs". keepalived had cleared the weight (a sync group without
  // sync_group_tracking_weight) or ignored the line (its vrrp_script defined after the instance, KA315).
  it('plans the gap only with the weights keepalived applies: none in a sync group, none from a script defined later', () => {
    const light = PAIR.replace('    weight 20\n', '    weight -2\n');
    expect(peer(light).notes.join('\n')).toContain('priorities 1 apart (not 10)');
    const grouped = `${light}vrrp_sync_group G {\n    group {\n        VI_1\n    }\n}\n`;
    expect(peer(grouped).notes.join('\n')).not.toContain('apart');
    expect(peer(grouped).text).toContain('    priority 90\n');
    expect(peer(grouped.replace('    group {', '    sync_group_tracking_weight\n    group {')).notes.join('\n')).toContain('priorities 1 apart');
    const script = light.slice(light.indexOf('vrrp_script'), light.indexOf('vrrp_instance'));
    const later = light.replace(script, '') + script;
    expect(peer(later).notes.join('\n')).not.toContain('apart');
  });

  it('counts a track_file weight (default 1) like the failover simulation does', () => {
    // keepalived adds the number in the file times the weight: nothing while the file holds 0 or is missing, so a
    // healthy file lifts no node (two 2.2.7 daemons, session 57: priorities 100/90, not 101/91).
    const file = 'track_file prio_file {\n    file /etc/keepalived/prio\n}\n';
    const tracked = (prio: number, extra = '') => file + PAIR.slice(PAIR.indexOf('vrrp_instance')).replace('    priority 100\n', `    priority ${prio}\n    track_file {\n        prio_file${extra}\n    }\n`).replace(/ {4}track_script \{\n {8}chk\n {4}\}\n/, '');
    const capped = tracked(254);
    const r = peer(capped, { priorityStep: 1 });
    expect(r.text).toContain('    priority 253\n');
    const cluster = lintCluster([{ file: 'a.conf', text: capped }, { file: 'b.conf', text: r.text }]).diagnostics;
    expect(cluster.map((d) => d.code)).not.toContain('KA432');
    // A weight of -5 on the file: a failure (the file holding 1) must still move the VIPs, so the nodes are 4 apart.
    const weighted = tracked(100, ' weight -5');
    expect(peer(weighted).text).toContain('    priority 96\n');
    expect(lintCluster([{ file: 'a.conf', text: weighted }, { file: 'b.conf', text: peer(weighted).text }]).diagnostics.map((d) => d.code)).not.toContain('KA430');
    // A weight of +5 lifts a node whose file holds 1: no failure to plan for, the usual step.
    expect(peer(tracked(100, ' weight 5')).text).toContain('    priority 90\n');
  });

  it('plans only with the track lines keepalived keeps (a repeat, the own interface, a removed script are ignored)', () => {
    // keepalived: "duplicate track_script chk2 - ignoring", KA328's own interface, "No script set for vrrp_script chk -
    // removing"; kalint peer had put the nodes 2 apart for the ignored weight -3 (an audit of repeated blocks, session 57).
    const master = (scripts: string, tracks: string) => `${scripts}vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 150\n${tracks}    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n`;
    const chk2 = 'vrrp_script chk2 {\n    script "/bin/true"\n}\n';
    expect(peer(master(chk2, '    track_script {\n        chk2 weight -30\n    }\n    track_script {\n        chk2 weight -3\n    }\n')).text).toContain('    priority 140\n');
    expect(peer(master('', '    track_interface {\n        eth0 weight -5\n    }\n')).text).toContain('    priority 140\n');
    expect(peer(master('vrrp_script chk {\n    interval 2\n    weight -4\n}\n', '    track_script {\n        chk\n    }\n')).text).toContain('    priority 140\n');
    // The kept line still counts: -3 puts the nodes 2 apart.
    expect(peer(master(chk2, '    track_script {\n        chk2 weight -3\n    }\n')).text).toContain('    priority 148\n');
  });

  it('names why an instance stays BACKUP: nopreempt, preempt_delay or no state line', () => {
    const backup = (extra: string) => `vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n${extra}    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n`;
    expect(peer(backup('    preempt_delay 6\n')).notes.join('\n')).toContain('stays BACKUP (preempt_delay 6: the priority decides)');
    expect(peer(backup('    nopreempt\n')).notes.join('\n')).toContain('stays BACKUP (nopreempt: the priority decides)');
  });

  it('in strict mode leaves a promoted instance in state BACKUP: state MASTER is only for priority 255 there', () => {
    // keepalived 2.2.7 -t on a strict instance with state MASTER and priority 100: "(VI_2) State MASTER must match
    // being address owner" (a config error; it starts the instance as BACKUP). The higher priority still wins.
    const backupOnly = DUAL.slice(DUAL.indexOf('vrrp_instance VI_2'));
    const strictGlobal = `global_defs {\n    vrrp_strict\n}\n${backupOnly}`;
    const r = peer(strictGlobal);
    expect(r.text).not.toContain('state MASTER');
    expect(r.text).toContain('virtual_router_id 52\n    priority 100');
    expect(r.notes.join('\n')).toContain('state stays BACKUP, since in strict mode keepalived allows state MASTER only with priority 255');
    // strict_mode in the instance itself, and strict_mode off under a global vrrp_strict.
    expect(peer(backupOnly.replace('    state BACKUP\n', '    state BACKUP\n    strict_mode\n')).text).toContain('state BACKUP\n    strict_mode\n');
    expect(peer(strictGlobal.replace('    state BACKUP\n', '    state BACKUP\n    strict_mode off\n')).text).toContain('state MASTER\n    strict_mode off');
    if (!keepalivedAvailable()) return;
    expect(keepalivedView(r.text)).toEqual(keepalivedView(strictGlobal));
  });

  it('with AH authentication leaves a promoted instance in state BACKUP too', () => {
    // A pi-hole pair from GitHub: both nodes BACKUP with auth_type AH. keepalived 2.2.7 -t on the same instance
    // with state MASTER at priority 110: "(pihole) Initial state master is incompatible with AH authentication -
    // clearing" (a config error, exit 5).
    const text = DUAL.slice(DUAL.indexOf('vrrp_instance VI_2')).replace('    virtual_ipaddress', '    authentication {\n        auth_type AH\n        auth_pass secret\n    }\n    virtual_ipaddress');
    const r = peer(text);
    expect(r.text).not.toContain('state MASTER');
    expect(r.text).toContain('priority 100');
    expect(r.notes.join('\n')).toContain('state stays BACKUP, since with AH authentication keepalived allows state MASTER only with priority 255');
    // PASS authentication does not stop a MASTER.
    expect(peer(text.replace('auth_type AH', 'auth_type PASS')).text).toContain('state MASTER');
    if (!keepalivedAvailable()) return;
    expect(keepalivedView(r.text)).toEqual(keepalivedView(text));
  });

  it('keeps a nopreempt BACKUP a BACKUP, with a lower priority', () => {
    const text = DUAL.replace('    state BACKUP\n', '    state BACKUP\n    nopreempt\n');
    const r = peer(text);
    expect(r.text).toContain('state BACKUP\n    nopreempt\n    interface eth0\n    virtual_router_id 52\n    priority 80');
  });

  it('does not narrow the gap for a small weight under nopreempt, where no priority change moves the VIPs', () => {
    // acassen/keepalived#535: both nodes BACKUP with nopreempt and a check_mysql of weight 2; KA430 then says the
    // running MASTER keeps the VIPs, so priorities 1 apart would only pretend otherwise.
    const text = `vrrp_script chk {\n    script "/usr/bin/true"\n    weight 2\n}\n${DUAL.slice(DUAL.indexOf('vrrp_instance VI_2')).replace('    state BACKUP\n', '    state BACKUP\n    nopreempt\n    track_script {\n        chk\n    }\n')}`;
    const r = peer(text);
    expect(r.text).toContain('priority 80');
    expect(r.notes.join('\n')).toMatch(/with nopreempt a failing weighted check \(weight 2\) does not move the VIPs/);
    expect(r.notes.join('\n')).not.toMatch(/apart/);
  });

  it('keeps a preempt_delay BACKUP a BACKUP: as MASTER, keepalived would clear the delay', () => {
    // A router manual's edge pair: both instances BACKUP at 200 with preempt_delay 30.
    const text = DUAL.replace('    state BACKUP\n', '    state BACKUP\n    preempt_delay 30\n');
    const r = peer(text);
    expect(r.text).toContain('state BACKUP\n    preempt_delay 30\n    interface eth0\n    virtual_router_id 52\n    priority 80');
    if (keepalivedAvailable()) {
      const printed = keepalivedView(r.text).messages.join('\n');
      expect(printed).not.toMatch(/preempt delay will not work/);
      expect(keepalivedView(text.replace('    state BACKUP\n    preempt_delay', '    state MASTER\n    preempt_delay')).messages.join('\n')).toMatch(/preempt delay will not work with initial state MASTER/);
    }
  });

  it('--interface renames the instances\' interface, and asks which one when they differ', () => {
    const r = peer(DUAL, { interface: 'ens192' });
    expect(r.text.match(/interface ens192/g)).toHaveLength(2);
    const mixed = DUAL.replace('interface eth0\n    virtual_router_id 52', 'interface eth1\n    virtual_router_id 52');
    expect(peerError(mixed, { interface: 'ens192' })).toMatch(/ambiguous --interface: .*eth0, eth1.*OLD=NEW/);
    const one = peer(mixed, { interface: 'eth1=ens224' });
    expect(one.text).toContain('interface eth0');
    expect(one.text).toContain('interface ens224');
  });

  it('--interface also renames track_interface and dev in the instance, and points at other uses', () => {
    const text = PAIR.replace('    track_script {', '    track_interface {\n        eth0 weight 10\n    }\n    track_script {') + 'static_ipaddress {\n    10.9.9.9/24 dev eth0\n}\n';
    const r = peer(text, { interface: 'eth9' });
    expect(r.text).toContain('interface eth9\n');
    expect(r.text).toContain('        eth9 weight 10');
    expect(r.text).toContain('10.0.0.100/24 dev eth9');
    expect(r.text).toContain('10.9.9.9/24 dev eth0');
    const staticLine = text.split('\n').indexOf('    10.9.9.9/24 dev eth0') + 1;
    expect(r.notes.join('\n')).toContain(`'eth0' also appears outside the instances' interface settings (line ${staticLine})`);
  });

  it('--interface renames an address label that starts with the interface name', () => {
    // 'dev eth0 label eth0:1' became 'dev ens3 label eth0:1': the address showed as eth0:1 on ens3.
    const text = PAIR.replace('10.0.0.100/24 dev eth0', '10.0.0.100/24 dev eth0 label eth0:vip');
    expect(peer(text, { interface: 'ens3' }).text).toContain('10.0.0.100/24 dev ens3 label ens3:vip\n');
    expect(peer(PAIR.replace('10.0.0.100/24 dev eth0', '10.0.0.100/24 dev eth0 label eth0'), { interface: 'ens3' }).text).toContain('dev ens3 label ens3\n');
    expect(peer(PAIR.replace('10.0.0.100/24 dev eth0', '10.0.0.100/24 dev eth0 label web'), { interface: 'ens3' }).text).toContain('dev ens3 label web\n');
    // keepalived removes an address whose label is 16 bytes or more ("Address label … is longer than maximum length 15").
    expect(peerError(text, { interface: 'enp0s31f6abc' })).toMatch(/label eth0:vip \(line 17\) would become enp0s31f6abc:vip, longer than the 15 bytes/);
  });

  const UNICAST = PAIR.replace('    virtual_ipaddress {', '    unicast_src_ip 192.168.1.1\n    unicast_peer {\n        192.168.1.2\n    }\n    virtual_ipaddress {');

  it('swaps unicast_src_ip and the unicast_peer entry', () => {
    const r = peer(UNICAST);
    expect(r.text).toContain('unicast_src_ip 192.168.1.2\n    unicast_peer {\n        192.168.1.1\n    }');
    expect(peer(UNICAST, { unicastSrcIp: '192.168.1.2' }).text).toBe(r.text);
  });

  it('moves the MASTER\'s unicast_src_ip word into unicast_peer as written', () => {
    // A template placeholder: keepalived's address reader stops at the '-', the peer must not.
    const template = UNICAST.replace('unicast_src_ip 192.168.1.1', 'unicast_src_ip <node-public-ip>').replace('        192.168.1.2\n', '        <peer-public-ip>\n');
    expect(peer(template).text).toContain('unicast_src_ip <peer-public-ip>\n    unicast_peer {\n        <node-public-ip>\n    }');
  });

  it('refuses a unicast_peer entry that is a mistyped address, which keepalived skips', () => {
    // acassen/keepalived#2371: two peers in one word. keepalived 2.2.7 -t: "malformed unicast peer address
    // [10.197.12.25,10.197.12.24]. Skipping..."; swapped into unicast_src_ip, it would be the peer's source address.
    const comma = UNICAST.replace('        192.168.1.2\n', '        192.168.1.2,192.168.1.3\n');
    expect(peerError(comma)).toMatch(/unicast_peer entry '192\.168\.1\.2,192\.168\.1\.3' \(line \d+\) is not an IP address/);
    expect(generatePeer(comma)).toMatchObject({ at: { line: comma.split('\n').findIndex((l) => l.includes(',')) + 1, column: 9 } });
  });

  it('refuses a source address keepalived cannot read, which would become the peer\'s only unicast peer', () => {
    // A real config (a blog's WireGuard pair): `unicast_src_ip 192.168.4`. keepalived 2.2.7 -t: "malformed src
    // address[192.168.4]. Skipping..."; copied into the peer's unicast_peer list it leaves the peer without a
    // peer ("A unicast keyword has been specified without any unicast peers. Defaulting to multicast").
    const short = UNICAST.replace('unicast_src_ip 192.168.1.1', 'unicast_src_ip 192.168.4');
    expect(peerError(short)).toMatch(/its source address '192\.168\.4' \(line \d+\) is not an IP address, so keepalived skips it/);
    expect(generatePeer(short)).toMatchObject({ at: { line: short.split('\n').findIndex((l) => l.includes('unicast_src_ip')) + 1, column: 20 } });
    // A host name is no address either (found by peer-sweep on a mutant, session 52: keepalived 2.2.7 "malformed src
    // address[lb.example.com]"; in the peer, "malformed unicast peer address" and then multicast). `x.x.x.x` stays a placeholder.
    const named = UNICAST.replace('unicast_src_ip 192.168.1.1', 'unicast_src_ip lb1.example.com');
    expect(peerError(named)).toMatch(/its source address 'lb1\.example\.com' \(line \d+\) is not an IP address \(keepalived resolves no host names\), so keepalived skips it/);
    expect(peerError(UNICAST.replace(/unicast_peer \{\n(\s+)\S+/, 'unicast_peer {\n$1lb2.example.com'))).toMatch(/unicast_peer entry 'lb2\.example\.com' \(line \d+\) is not an IP address \(keepalived resolves no host names\)/);
    expect(peer(UNICAST.replace('unicast_src_ip 192.168.1.1', 'unicast_src_ip x.x.x.x')).text).toContain('        x.x.x.x\n');
    // A line's trailing backslash joins the address (keepalived 2.2.7: "malformed unicast peer address[192.168.1.2\\]").
    expect(peerError(UNICAST.replace('        192.168.1.2\n', '        192.168.1.2\\\n'))).toMatch(/unicast_peer entry '192\.168\.1\.2\\' \(line \d+\) is not an IP address, so keepalived skips it/);
    // Read as an address: a placeholder is swapped (above), and so is a word keepalived reads up to its '/'.
    expect(peer(UNICAST.replace('unicast_src_ip 192.168.1.1', 'unicast_src_ip 192.168.1.1/24')).text).toContain('unicast_peer {\n        192.168.1.1/24\n');
  });

  // Found by peer-sweep on a mutant (session 52): keepalived 2.2.7 skips a unicast peer of the other family
  // ("MUST be of the same family"); swapped, the peer got an IPv6 source address in an IPv4 instance, and no peer.
  it('refuses a source address and a unicast peer of different families', () => {
    expect(peerError(UNICAST.replace('        192.168.1.2\n', '        2001:db8::10\n'))).toMatch(/its source address 192\.168\.1\.1 is IPv4 but its unicast peer 2001:db8::10 is IPv6, so keepalived skips that peer/);
  });
  it('needs the peer\'s address when the MASTER has several unicast peers', () => {
    const three = UNICAST.replace('        192.168.1.2\n', '        192.168.1.2\n        192.168.1.3\n');
    expect(peerError(three)).toMatch(/2 unicast peers.*--unicast-src-ip/);
    const r = peer(three, { unicastSrcIp: '192.168.1.3' });
    expect(r.text).toContain('unicast_src_ip 192.168.1.3\n    unicast_peer {\n        192.168.1.2\n        192.168.1.1\n');
    expect(peerError(three, { unicastSrcIp: '192.168.1.9' })).toMatch(/not in its unicast_peer list/);
  });

  // Session 61's fmt/peer audit: both BACKUPs of a 3-node group got priority 90 and router_id lb2 (KA432, KA415 in
  // lint --cluster), with nothing saying so, and the swapped entry kept '# lb3' beside the MASTER's address.
  it('says that a group of more than two nodes needs each BACKUP\'s own --priority and --router-id', () => {
    const three = UNICAST.replace('        192.168.1.2\n', '        192.168.1.2\n        192.168.1.3\n');
    const notes = peer(three, { unicastSrcIp: '192.168.1.3' }).notes.join('\n');
    expect(notes).toContain('its unicast group has 3 nodes (192.168.1.1, 192.168.1.2, 192.168.1.3), and this peer is 192.168.1.3: give each BACKUP a --priority and a --router-id of its own (generate the other with --unicast-src-ip 192.168.1.2)');
    expect(peer(UNICAST).notes.join('\n')).not.toContain('unicast group has');
  });
  it('drops the comment of the swapped unicast_peer entry, which named the node whose address it was', () => {
    const commented = UNICAST.replace('        192.168.1.2\n', '        192.168.1.2    # lb2\n        192.168.1.3\t! lb3  \n');
    const r = peer(commented, { unicastSrcIp: '192.168.1.3' });
    expect(r.text).toContain('unicast_src_ip 192.168.1.3\n    unicast_peer {\n        192.168.1.2    # lb2\n        192.168.1.1\n    }');
    expect(r.notes.join('\n')).toContain("comment '! lb3' dropped from the unicast_peer entry (line ");
    // A comment that names no node still fits beside the MASTER's address: kept, and pointed at.
    const relative = peer(UNICAST.replace('        192.168.1.2\n', '        192.168.1.2  # the other node\n'));
    expect(relative.text).toContain('unicast_peer {\n        192.168.1.1  # the other node\n');
    expect(relative.notes.join('\n')).toContain("its comment '# the other node', written for 192.168.1.2, is kept: check that it still fits");
    // A comment after a value block written on one line is the block's, not the entry's: kept.
    const oneLine = UNICAST.replace(/unicast_peer \{\n\s+192\.168\.1\.2\n\s+\}/, 'unicast_peer { 192.168.1.2 }  # peers');
    expect(peer(oneLine).text).toContain('unicast_peer { 192.168.1.1 }  # peers');
  });

  // s58 audit on real pairs: a '/prefix' on a unicast_peer entry, which keepalived drops, made the addresses compare
  // unequal: "10.0.0.2 is not in its unicast_peer list (10.0.0.2/32)", and a list of every node written with /32 was
  // refused as "2 unicast peers".
  it('compares unicast addresses as keepalived reads them, without a /prefix', () => {
    const prefixed = UNICAST.replace('        192.168.1.2\n', '        192.168.1.2/32\n');
    const r = peer(prefixed, { unicastSrcIp: '192.168.1.2' });
    expect(r.text).toContain('unicast_src_ip 192.168.1.2\n    unicast_peer {\n        192.168.1.1/32\n    }');
    expect(peer(prefixed).text).toBe(r.text);
    const everyNode = UNICAST.replace('        192.168.1.2\n', '        192.168.1.1/32\n        192.168.1.2/32\n');
    expect(peer(everyNode).text).toContain('unicast_src_ip 192.168.1.2\n    unicast_peer {\n        192.168.1.1/32\n        192.168.1.2/32\n    }');
    expect(peer(UNICAST, { unicastSrcIp: '192.168.1.2/24' }).text).toContain('unicast_src_ip 192.168.1.2/24\n    unicast_peer {\n        192.168.1.1\n');
  });

  // s58 audit (s57b K-0229): a check script naming the MASTER's own address (`nc -z <master> 6033`) was copied to
  // the peer unchanged and silently; live 2.2.7, when the MASTER's service stopped both nodes went to FAULT.
  it('points at the nodes\' addresses written outside the unicast lines, without changing them', () => {
    const scripted = UNICAST.replace('script "/usr/bin/true"', 'script "/usr/bin/nc -z 192.168.1.1 6033"').replace('10.0.0.100/24 dev eth0', '10.0.0.100/24 dev eth0\n        192.168.1.10');
    const r = peer(scripted);
    expect(r.text).toContain('script "/usr/bin/nc -z 192.168.1.1 6033"');
    expect(r.notes).toContain("192.168.1.1, the MASTER's address, also appears on line 5: not changed — check it on the peer");
    // 192.168.1.10 is not 192.168.1.1, nor is a node's address in the unicast lines themselves.
    expect(r.notes.filter((n) => n.includes('also appears'))).toHaveLength(1);
    expect(peer(UNICAST).notes.some((n) => n.includes('also appears'))).toBe(false);
    // In a script an included file defines too, named by file and line (fmtpeer63 bug 1: includes were not read).
    const host = { readFile: (p: string) => (p === 'k/chk.conf' ? 'vrrp_script chk_nc {\n    script "/usr/bin/nc -z 192.168.1.1 6033"\n}\n' : undefined), readDir: () => undefined };
    expect(peer(`include chk.conf\n${UNICAST}`, { file: 'k/lb1.conf', host }).notes).toContain("192.168.1.1, the MASTER's address, also appears in k/chk.conf line 2: not changed — check it on the peer");
    // maxIncludeDepth bounds the includes read as for the linter (api64 bug 1: it was not an option, a caller could
    // not bound the peer's reading): one level is the MASTER's file alone.
    expect(peer(`include chk.conf\n${UNICAST}`, { file: 'k/lb1.conf', host, maxIncludeDepth: 1 }).notes.some((n) => n.includes('also appears'))).toBe(false);
  });

  it('keeps a unicast_peer list that names every node, the MASTER included, and takes the other entry as the peer', () => {
    // A Terraform LVS module writes all cluster hosts in every node's unicast_peer (KA359): the peer's list is
    // the same, only its source address changes.
    const everyNode = UNICAST.replace('        192.168.1.2\n', '        192.168.1.1\n        192.168.1.2\n');
    const r = peer(everyNode);
    expect(r.text).toContain('unicast_src_ip 192.168.1.2\n    unicast_peer {\n        192.168.1.1\n        192.168.1.2\n    }');
    expect(r.notes.join('\n')).toContain('unicast_peer kept as it is (it lists every node, 192.168.1.1 included)');
    const three = everyNode.replace('        192.168.1.2\n', '        192.168.1.2\n        192.168.1.3\n');
    expect(peerError(three)).toMatch(/2 unicast peers besides its own address 192\.168\.1\.1.*--unicast-src-ip/);
    expect(peer(three, { unicastSrcIp: '192.168.1.3' }).text).toContain('unicast_src_ip 192.168.1.3\n    unicast_peer {\n        192.168.1.1\n        192.168.1.2\n        192.168.1.3\n');
  });

  it('says what is wrong when placeholders of several words read as one address', () => {
    // A blog's config: `unicast_src_ip <private ip BACKUP>` and `<private ip MASTER>` both read '<private'.
    const placeholders = UNICAST.replace('unicast_src_ip 192.168.1.1', 'unicast_src_ip <private ip MASTER>').replace('        192.168.1.2\n', '        <private ip BACKUP>\n');
    expect(peerError(placeholders)).toMatch(/its source address and its unicast_peer entries all read '<private'.*write the addresses/);
    // One-word placeholders are swapped like addresses.
    const swapped = peer(UNICAST.replace('unicast_src_ip 192.168.1.1', 'unicast_src_ip <MASTER_IP>').replace('        192.168.1.2\n', '        <BACKUP_IP>\n'));
    expect(swapped.text).toContain('unicast_src_ip <BACKUP_IP>\n    unicast_peer {\n        <MASTER_IP>\n');
  });

  it('takes the MASTER\'s address from --unicast-peer when it has no unicast_src_ip', () => {
    const noSrc = UNICAST.replace('    unicast_src_ip 192.168.1.1\n', '');
    expect(peerError(noSrc)).toMatch(/no unicast_src_ip.*--unicast-peer/);
    expect(peer(noSrc, { unicastPeer: '192.168.1.1' }).text).toContain('unicast_peer {\n        192.168.1.1\n');
    expect(peerError(PAIR, { unicastSrcIp: '1.2.3.4' })).toMatch(/no vrrp_instance has a unicast_peer/);
  });

  it('gives --unicast-peer only to the instances that name no source address of their own', () => {
    // One instance on mgmt with unicast_src_ip, one on public without: the MASTER's mgmt address
    // stays the mgmt instance's peer (a real config: 10.12.2.2 had become the public address).
    const second = UNICAST.slice(UNICAST.indexOf('vrrp_instance')).replace('    unicast_src_ip 192.168.1.1\n', '').replace(/VI_1/g, 'VI_2').replace('virtual_router_id 51', 'virtual_router_id 52').replace('192.168.1.2\n', '10.9.0.2\n');
    const r = peer(UNICAST + second, { unicastPeer: '10.9.0.1' });
    expect(r.text).toContain('unicast_src_ip 192.168.1.2\n    unicast_peer {\n        192.168.1.1\n    }');
    expect(r.text).toContain('unicast_peer {\n        10.9.0.1\n    }');
  });
});

describe('mcast_src_ip', () => {
  // A blog's haproxy pair: 'mcast_src_ip 221.228.86.4 #Master服务器IP' on the MASTER. Copied as it
  // is, the BACKUP would send its adverts from the MASTER's address.
  const MCAST = PAIR.replace('    priority 100\n', '    priority 100\n    mcast_src_ip 10.0.0.1 # the MASTER\n');

  it('refuses to copy the MASTER\'s own address, and puts the peer\'s from --unicast-src-ip', () => {
    expect(peerError(MCAST)).toMatch(/mcast_src_ip 10\.0\.0\.1 \(line 13\) is the MASTER's own address.*--unicast-src-ip/);
    const r = peer(MCAST, { unicastSrcIp: '10.0.0.2' });
    expect(r.text).toContain('    mcast_src_ip 10.0.0.2 # the MASTER\n');
    expect(r.notes).toContain('vrrp_instance VI_1: mcast_src_ip 10.0.0.1 → 10.0.0.2');
    expect(peerError(MCAST, { unicastSrcIp: '10.0.0.1' })).toMatch(/addresses are the same/);
  });

  it('unicast_src_ip without unicast_peer is the multicast source address: not copied either', () => {
    // keepalived reads mcast_src_ip and unicast_src_ip into one source address; with no
    // unicast_peer the instance multicasts from it. Copied, both nodes advertised from
    // 10.0.0.1 (lint --cluster: KA421), and a node drops adverts from its own address.
    const src = PAIR.replace('    priority 100\n', '    priority 100\n    unicast_src_ip 10.0.0.1\n');
    expect(peerError(src)).toMatch(/unicast_src_ip 10\.0\.0\.1 \(line 13\) is the MASTER's own address.*--unicast-src-ip/);
    const r = peer(src, { unicastSrcIp: '10.0.0.2' });
    expect(r.text).toContain('    unicast_src_ip 10.0.0.2\n');
    expect(r.notes).toContain('vrrp_instance VI_1: unicast_src_ip 10.0.0.1 → 10.0.0.2');
    const cluster = lintCluster([{ file: 'a.conf', text: src }, { file: 'b.conf', text: r.text }]).diagnostics;
    expect(cluster.filter((d) => d.code === 'KA421')).toEqual([]);
  });

  it('in a unicast instance, mcast_src_ip is the source address too: swapped with unicast_peer', () => {
    const uni = MCAST.replace('    virtual_ipaddress {', '    unicast_peer {\n        10.0.0.2\n    }\n    virtual_ipaddress {');
    const r = peer(uni);
    expect(r.text).toContain('    mcast_src_ip 10.0.0.2 # the MASTER\n');
    expect(r.text).toContain('    unicast_peer {\n        10.0.0.1\n    }');
  });
});

describe('errors', () => {
  it('a refusal about one line says where it is (FILE:LINE:COL in the CLI)', () => {
    const at = (text: string) => {
      const r = generatePeer(text);
      return 'error' in r ? r.at : undefined;
    };
    expect(at(PAIR.replace('    state MASTER\n', '@lb1 state MASTER\n@lb2 state BACKUP\n'))).toEqual({ line: 8, column: 1 });
    expect(at(PAIR.replace('state MASTER', 'state master'))).toEqual({ line: 9, column: 11 });
    expect(at(PAIR.replace('priority 100', 'priority 300'))).toEqual({ line: 12, column: 5 });
    // unicast refusals point at the instance's unicast_peer line
    const UNICAST = PAIR.replace('    virtual_ipaddress {', '    unicast_src_ip 192.168.1.1\n    unicast_peer {\n        192.168.1.2\n    }\n    virtual_ipaddress {');
    const unicastPeerLine = UNICAST.split('\n').findIndex((l) => /^\s*unicast_peer\b/.test(l)) + 1;
    expect(at(UNICAST.replace('    unicast_src_ip 192.168.1.1\n', ''))).toEqual({ line: unicastPeerLine - 1, column: 5 });
    expect(at(UNICAST.replace('        192.168.1.2\n', '        192.168.1.2\n        192.168.1.3\n'))).toEqual({ line: unicastPeerLine, column: 5 });
    expect(at(PAIR + '}\n')).toEqual({ line: 20, column: 1 });
    expect(at('global_defs {\n    router_id x\n}\n')).toBeUndefined();
  });
  // Found by scripts/peer-sweep.ts on real configs: 'router_id ${hostname}' (no $hostname= definition) is read
  // by keepalived as '$' with the rest split at its braces; deriving from '$' wrote '$-peer{hostname}'.
  it('a value that is an unsubstituted ${NAME} placeholder: refused, or replaced whole when the value is given', () => {
    const templated = PAIR.replace('router_id LVS_MASTER', 'router_id ${hostname}');
    expect(peerError(templated)).toMatch(/router_id \(line 2\) is '\$\{hostname\}', a placeholder no \$NAME= definition gives a value \(keepalived reads '\$'/);
    const given = peer(templated, { routerId: 'lb2' });
    expect(given.text).toContain('    router_id lb2   # the name\n');
    expect(given.notes).toContain('router_id ${hostname} → lb2');
    expect(peerError(PAIR.replace('priority 100', 'priority ${PRIO}'))).toMatch(/priority '\$' \(line 12\) is not a number/);
    expect(peerError(PAIR.replace('state MASTER', 'state ${STATE}'))).toMatch(/state of VI_1 \(line 9\) is '\$\{STATE\}', a placeholder/);
    // A heredoc's unicast pair (`unicast_src_ip ${CURRENT_IP}`, `${ANOTHER_IP}` in unicast_peer): the braces in
    // the list leave keepalived no peer, and the source address is refused as the placeholder it is.
    const unicast = PAIR.replace('    virtual_ipaddress {', '    unicast_src_ip 192.168.1.1\n    unicast_peer {\n        192.168.1.2\n    }\n    virtual_ipaddress {');
    const heredoc = unicast.replace('unicast_src_ip 192.168.1.1', 'unicast_src_ip ${CURRENT_IP}').replace('        192.168.1.2\n', '        ${ANOTHER_IP}\n');
    expect(peerError(heredoc)).toMatch(/^unicast_src_ip of VI_1 \(line \d+\) is '\$\{CURRENT_IP\}', a placeholder no \$NAME= definition/);
    // Defined, it is substituted, and the refusal is the definition's.
    expect(peerError('$hostname=lb1\n' + templated)).toMatch(/router_id \(line 3\) comes from a \$NAME definition/);
  });
  // Real pairs: 'state SLAVE' (4 BACKUP files of 85 pairs), 'state backup' (both nodes of one pair).
  // keepalived reads them as BACKUP ("unknown state 'SLAVE', defaulting to BACKUP"), as they say.
  it('derives the peer of a state keepalived reads as BACKUP, and writes the peer a state it knows', () => {
    const slave = PAIR.replace('state MASTER', 'state SLAVE').replace('priority 100', 'priority 90');
    const r = peer(slave);
    expect(r.text).toContain('    state MASTER\n');
    expect(r.notes.join('\n')).toMatch(/state 'SLAVE' \(line 9\) is no state keepalived knows; it reads BACKUP/);
    expect(r.notes.join('\n')).toMatch(/BACKUP → MASTER/);
    const both = peer(PAIR.replace('state MASTER', 'state backup'));
    expect(both.notes.join('\n')).toMatch(/state 'backup'/);
  });
  // Found by peer-sweep on mutants (session 52). A second 'state MASTER' line was left as it was, and keepalived
  // ignores a BACKUP read after MASTER ("state previously set as MASTER - ignoring BACKUP"): two MASTERs.
  it('gives every state line of an instance the new state, and reads a MASTER before a BACKUP as MASTER', () => {
    const twice = peer(PAIR.replace('    state MASTER\n', '    state MASTER\n    state MASTER\n'));
    expect(twice.text).toContain('    state BACKUP\n    state BACKUP\n');
    expect(analyze(twice.text).model.vrrpInstances[0]!.effectiveState).toBe('BACKUP');
    // MASTER then BACKUP is a MASTER: the peer is its BACKUP, not a second MASTER.
    const masterFirst = peer(PAIR.replace('    state MASTER\n', '    state MASTER\n    state BACKUP\n'));
    expect(masterFirst.notes.join('\n')).toMatch(/VI_1: MASTER → BACKUP/);
    expect(masterFirst.text).toContain('    state BACKUP\n    state BACKUP\n');
    // A line keepalived reads as an unknown state ('MASTER\\', a BACKUP) stays as written, as keepalived's message about it.
    const glued = peer(PAIR.replace('    state MASTER\n', '    state MASTER \\\n    state MASTER\n'));
    expect(glued.text).toContain('    state MASTER \\\n    state BACKUP\n');
  });
  // A comment ending in '\\' makes keepalived 2.2.7 read 'BACKUP\\' ("unknown state"): the word the peer writes
  // there would be 'MASTER\\', a BACKUP again. The peer is read back before it is given out.
  it('refuses a peer that keepalived would not read as the state and priority it was given', () => {
    const glued = PAIR.replace('state MASTER', 'state BACKUP # peer: MASTER\\').replace('priority 100', 'priority 90');
    expect(peerError(glued)).toMatch(/keepalived would read the peer's state on line 9 as 'MASTER\\', not MASTER \(it reads 'BACKUP\\' there in this file too\)/);
  });
  it('no vrrp_instance, no state, unknown state, values from definitions, broken braces', () => {
    expect(peerError('global_defs {\n    router_id x\n}\n')).toMatch(/no vrrp_instance/);
    expect(peerError('include conf.d/*.conf\n')).toMatch(/included files are not read/);
    // A bare 'state' line sets nothing (keepalived: "missing a parameter"), so the instance has no state.
    expect(peer(PAIR.replace('    state MASTER\n', '    state\n')).notes.join('\n')).toContain('VI_1: no state, as on the MASTER');
    // A file that sets the role per node with @ID lines is both nodes' config already. Editing
    // '@lb1 state MASTER' to BACKUP made lb1 and lb2 both BACKUP at one priority (a tie); editing
    // the other node's lines made both MASTER. Refused without a config id; with one, the peer is that id's reading
    // made plain (fmtpeer63 bug 2): the prefix goes, and the other ids' lines with it.
    const conditional = PAIR.replace('    state MASTER\n', '@lb1 state MASTER\n@lb2 state BACKUP\n');
    expect(peerError(conditional)).toMatch(/state is set per node on @ID lines, so the file already holds both nodes' configs/);
    expect(peer(PAIR.replace('    state MASTER\n', '    @lb1 state MASTER\n    @lb2 state BACKUP\n'), { configId: 'lb1' }).text).toBe(peer(PAIR).text);
    const negated = PAIR.replace('    state MASTER\n    interface eth0\n', '    @lb1 state MASTER\n    @^lb1 state BACKUP\n    interface eth0\n');
    expect(peerError(negated)).toMatch(/state of VI_1 \(line 10\) is on an @id line/);
    expect(peer(PAIR.replace('    router_id LVS_MASTER', '    @lb1 router_id LVS_MASTER'), { configId: 'lb1' }).text).toBe(peer(PAIR).text);
    expect(peerError(PAIR.replace('state MASTER', 'state master'))).toMatch(/unknown state 'master'/);
    // keepalived reads 'master' as BACKUP: the refusal says so.
    expect(peerError(PAIR.replace('state MASTER', 'state Master'))).toMatch(/unknown state 'Master' \(line \d+\); keepalived knows only MASTER and BACKUP, in capitals, and reads this one as BACKUP/);
    expect(peerError('$S=MASTER\n' + PAIR.replace('state MASTER', 'state $S'))).toMatch(/comes from a \$NAME definition/);
    expect(peerError(PAIR + '}\n')).toMatch(/fix the braces first/);
    expect(peerError(PAIR, { routerId: undefined, interface: 'a b' })).toMatch(/interface name 'a b' has a blank: no Linux interface can have this name/);
    // Names the kernel's dev_valid_name refuses (as KA205 reads an interface line), and config syntax: refusals of the
    // option's value itself, whatever the file.
    for (const [spec, why] of [['eth0=a:b', "has a ':'"], ['eth0=a/b', "has a '/'"], ['eth0=.', 'is a path component'], ['..', 'is a path component'], ['', 'is empty'], ['eth0=', 'is empty'], ['eth0=abcdefghijklmnop', 'is 16 bytes'], ['eth0=a{b', "has a quote, a brace, '#' or '!'"], ['=eth1', 'the interface to rename is empty']]) {
      const r = generatePeer(PAIR, { interface: spec });
      expect(r, spec).toMatchObject({ error: expect.stringContaining(why), option: true });
      expect(r).not.toHaveProperty('at');
    }
    for (const options of [{ priority: 0 }, { priority: 255 }, { priorityStep: 0 }, { priorityStep: 254 }, { routerId: '' }, { priority: 80, priorityStep: 5 }]) {
      expect(generatePeer(PAIR, options), JSON.stringify(options)).toMatchObject({ option: true });
    }
    // One that does not fit this file stays a refusal about the file.
    expect(generatePeer(PAIR, { interface: 'eth9=eth1' })).not.toHaveProperty('option');
    expect(peerError(PAIR, { routerId: 'lb 2' })).toMatch(/single word/);
    expect(peerError(PAIR.replace('priority 100', 'priority 300'))).toMatch(/outside 1..255/);
    expect(peerError(PAIR.replace('priority 100', 'priority high'))).toMatch(/not a number/);
    // `priority #priority` (a real template whose placeholders are comments to keepalived): no value, not "'' is not a number".
    expect(peerError(PAIR.replace('priority 100', 'priority #priority'))).toMatch(/'priority' \(line \d+\) has no value \(keepalived exits there with a configuration error\)/);
    // A bare line after a valid one: the model keeps 100 (the bare line sets nothing), but keepalived stops there.
    expect(peerError(PAIR.replace('priority 100', 'priority 100\n    priority'))).toMatch(/'priority' \(line \d+\) has no value \(keepalived exits there with a configuration error\)/);
  });
});

/** Corpus MASTERs (the brief's proof set) and the example configs of fixtures/examples. */
function masterFiles(): [string, string][] {
  return proofFiles().filter(([label, path]) => (label.startsWith('corpus/') || label.startsWith('fixtures/examples/')) && /^\s*state\s+MASTER\b/m.test(readText(path)));
}

describe('proof on every corpus MASTER', () => {
  const gate = keepalivedGate();
  const masters = masterFiles();

  it('finds the corpus MASTERs', () => {
    expect(masters.filter(([l]) => l.startsWith('corpus/')).length).toBeGreaterThanOrEqual(10);
  });

  for (const [label, path] of masters) {
    const text = readText(path);

    it(`${label}: touches only state, priority, router_id (and unicast addresses) lines`, () => {
      const r = peer(text);
      const { removed, added } = touchedLines(text, r.text);
      const allowed = /^\s*(state|priority|router_id|unicast_src_ip)\s|^\s*[0-9a-fA-F.:]+\s*$/;
      for (const line of [...removed, ...added]) expect(line).toMatch(allowed);
      // Every instance swapped roles (MASTER ↔ BACKUP), bar nopreempt BACKUPs which stay BACKUP, and
      // instances without a state, which stay without one (one step lower).
      const before = analyze(text).model.vrrpInstances;
      const after = new Map(analyze(r.text).model.vrrpInstances.map((i) => [i.name, i]));
      for (const inst of before) {
        const expected = !inst.state ? undefined : inst.state.value === 'MASTER' || inst.nopreempt ? 'BACKUP' : 'MASTER';
        expect(after.get(inst.name)?.state?.value, inst.name).toBe(expected);
        expect(after.get(inst.name)!.effectivePriority !== inst.effectivePriority, inst.name).toBe(true);
      }
    });

    it.runIf(gate.run)(`${label}: keepalived -t prints the same for the MASTER and the BACKUP${gate.reason}`, () => {
      const master = keepalivedView(text);
      const backup = keepalivedView(peer(text).text);
      expect(backup.messages).toEqual(master.messages.filter((m) => !MASTER_ONLY_MESSAGE.test(m)));
      if (backup.messages.length === master.messages.length) expect(backup.exitStatus).toBe(master.exitStatus);
    });
  }
});

describe('instances without a state', () => {
  // keepalived starts an instance without a state as BACKUP (as MASTER at priority 255), so both nodes of
  // such a pair have no state and the priority alone decides: 15 of session 36's 280 harvested configs.
  const STATELESS = PAIR.replace('    state MASTER\n', '');
  it('stay without a state, one step lower; a missing priority line is added after the brace', () => {
    const r = peer(STATELESS);
    expect(r.text).toBe(STATELESS.replace('LVS_MASTER', 'LVS_BACKUP').replace('priority 100', 'priority 90'));
    expect(r.notes.join('\n')).toContain('vrrp_instance VI_1: no state, as on the MASTER (keepalived starts both as BACKUP, and the higher priority becomes master), priority 100 → 90');
    const noPriority = STATELESS.replace('    priority 100\n', '');
    expect(peer(noPriority).text).toBe(noPriority.replace('LVS_MASTER', 'LVS_BACKUP').replace('vrrp_instance VI_1 {\n', 'vrrp_instance VI_1 {\n    priority 90\n'));
    expect(peer(STATELESS.replace('priority 100', 'priority 255')).notes.join('\n')).toContain('as MASTER at priority 255');
    // Refused where the line cannot go: statements on the '{' line.
    expect(peerError(noPriority.replace('vrrp_instance VI_1 {\n    interface eth0', 'vrrp_instance VI_1 { interface eth0'))).toMatch(/cannot add a priority to vrrp_instance VI_1: the block has statements on its '\{' line/);
  });
  it('the pair is one cluster with no finding, and the generated node loses', () => {
    const r = peer(STATELESS);
    const nodes = [analyze(STATELESS, { file: 'a.conf' }), analyze(r.text, { file: 'b.conf' })];
    expect(nodes.map((a) => a.model.vrrpInstances[0]!.effectivePriority)).toEqual([100, 90]);
  });
});

describe('known pairs', () => {
  it('seed003: reproduces the BACKUP; byte-identical with --priority 80 --router-id LVS_SLAVE', () => {
    const master = readText(join(CORPUS, 'seed003-master.conf'));
    const backup = readText(join(CORPUS, 'seed003-backup.conf'));
    expect(peer(master, { priority: 80, routerId: 'LVS_SLAVE' }).text).toBe(backup);
    // The blog names the BACKUP LVS_SLAVE; the derived name is LVS_BACKUP — the only other difference.
    const derived = peer(master, { priority: 80 }).text;
    expect(changedLines(backup, derived)).toEqual([3]);
    expect(derived.split('\n')[2]).toContain('router_id LVS_BACKUP');
  });

  it('seed002: reproduces the BACKUP up to the priority value (router_id lvs_151 → lvs_152 derived)', () => {
    const master = readText(join(CORPUS, 'seed002-master.conf'));
    const backup = readText(join(CORPUS, 'seed002-backup.conf'));
    const maskPriority = (t: string) => t.replace(/priority \d+[ \t]*/, 'priority N');
    expect(maskPriority(peer(master).text)).toBe(maskPriority(backup));
  });
});

describe('cluster rules accept MASTER + generated BACKUP', async () => {
  const available = existsSync(join(REPO, 'server', 'src', 'cluster', 'index.ts'));
  const { lintCluster } = available ? await import('../server/src/cluster/index.js') : { lintCluster: undefined };
  // Findings about a MASTER's own design, which its peer copies by intent: a weight-0 script sends the
  // instance to FAULT instead of lowering its priority (KA433). Nothing here is about the generation.
  // (conf.d/20-web.conf read alone tracks a script defined in 10-checks.conf: keepalived ignores it.)
  const EXPECTED: Record<string, string[]> = {
    'fixtures/examples/sync-group/gw1.conf': ['KA433', 'KA433'],
  };

  for (const [label, path] of masterFiles()) {
    const text = readText(path);
    const r = generatePeer(text, { file: 'master.conf' });
    if ('error' in r) continue;
    it.runIf(available)(`${label}: ${EXPECTED[label] ? `only ${EXPECTED[label]!.join(', ')}` : 'no cluster finding'}`, () => {
      const { diagnostics } = lintCluster!([
        { file: 'master.conf', text },
        { file: 'backup.conf', text: r.text },
      ]);
      const found = diagnostics.map((d) => `${d.code} ${d.file}:${d.range.start.line + 1} ${d.message}`);
      expect(found.map((f) => f.split(' ')[0]), found.join('\n')).toEqual(EXPECTED[label] ?? []);
    });
  }
});

describe('failover still works with small track weights', () => {
  it('puts the nodes closer than the smallest weight, so one failure moves the VIPs', () => {
    const r = peer(PAIR.replace('weight 20', 'weight -5'));
    expect(r.text).toContain('priority 96');
    expect(r.notes.join('\n')).toMatch(/4 apart \(not 10\)/);
    // An explicit step is the user's choice.
    expect(peer(PAIR.replace('weight 20', 'weight -5'), { priorityStep: 10 }).text).toContain('priority 90');
  });
});

describe('generated configs (scripts/gen-config.ts: dual-master, nopreempt, tracked scripts)', async () => {
  const gate = keepalivedGate();
  const { generateConfig } = await import('../scripts/gen-config.js');
  const available = existsSync(join(REPO, 'server', 'src', 'cluster', 'index.ts'));
  const { lintCluster } = available ? await import('../server/src/cluster/index.js') : { lintCluster: undefined };

  for (const seed of [1, 2, 3]) {
    const { text } = generateConfig({ targetBytes: 30_000, seed });

    it(`seed ${seed}: every instance swaps roles, only role lines change`, () => {
      const r = peer(text);
      const { removed, added } = touchedLines(text, r.text);
      for (const line of [...removed, ...added]) expect(line).toMatch(/^\s*(state|priority|router_id)\s/);
      expect(removed.length).toBeGreaterThan(0);
    });

    it.runIf(available)(`seed ${seed}: no cluster finding`, () => {
      const { diagnostics } = lintCluster!([
        { file: 'a.conf', text },
        { file: 'b.conf', text: peer(text, { file: 'a.conf' }).text },
      ]);
      expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    });

    it.runIf(gate.run)(`seed ${seed}: keepalived -t prints the same for both nodes${gate.reason}`, () => {
      const master = keepalivedView(text);
      expect(keepalivedView(peer(text).text).messages).toEqual(master.messages.filter((m) => !MASTER_ONLY_MESSAGE.test(m)));
    });
  }
});

describe('templates', () => {
  it('are refused: editing their markup as a config would break them (KA108)', () => {
    const tpl = 'vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 5\n  priority {{ prio }}\n}\n';
    expect(peerError(tpl)).toBe('this is a Jinja or Go template ({{ prio }}), not a keepalived config: render it and run kalint peer on the result');
    const r = generatePeer(tpl);
    expect('error' in r && r.at).toEqual({ line: 5, column: 12 });
  });
});

// fmtpeer63 bug 1: peer read none of the MASTER's included files and acted as if it had read them all (a tracked
// weight ignored so the VIPs never moved, an included MASTER instance left MASTER, a false "no router_id", a priority
// included later in the block that tied the peer with the MASTER). It reads them through the linter's host.
describe('included files', () => {
  const host = (files: Record<string, string>) => ({ readFile: (p: string) => files[p], readDir: () => undefined });
  const INSTANCE = `vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 100
    track_script {
        chk_haproxy
    }
    virtual_ipaddress {
        10.0.0.1/24
    }
}
`;
  const SCRIPT = 'vrrp_script chk_haproxy {\n    script "/usr/bin/true"\n    interval 2\n    weight -5\n}\n';
  const GLOBAL = 'global_defs {\n    router_id lb1\n}\n';

  it('takes the weight of a tracked vrrp_script from an include read before the instance', () => {
    const text = `${GLOBAL}include scripts.conf\n${INSTANCE}`;
    const r = peer(text, { file: 'k/lb1.conf', host: host({ 'k/scripts.conf': SCRIPT }) });
    expect(r.notes.join('\n')).toMatch(/priorities 4 apart \(not 10\), so that a tracked failure \(weight -5\) moves the VIPs/);
    expect(r.text).toContain('    priority 96\n');
    // Included after the instance, keepalived does not find the script when it reads the track line.
    const late = peer(`${GLOBAL}${INSTANCE}include scripts.conf\n`, { file: 'k/lb1.conf', host: host({ 'k/scripts.conf': SCRIPT }) });
    expect(late.text).toContain('    priority 90\n');
  });

  // A part of a conf.d layout, generated alone: the script its includer defines is not seen, and the notes say so.
  it('says when a tracked name is defined by nothing it read', () => {
    const r = peer(INSTANCE, { file: 'k/conf.d/20-web.conf', host: host({}) });
    expect(r.notes[0]).toBe("vrrp_instance VI_1 tracks 'chk_haproxy', which nothing kalint read defines: keepalived ignores such a line, unless a file that includes this one defines it first, and then its weight, not taken into account here, may need the nodes closer than 10 apart (--priority-step)");
    expect(peer(`${SCRIPT}${INSTANCE}`).notes.join('\n')).not.toMatch(/nothing kalint read defines/);
  });

  it('refuses an instance an include holds, at the include line, naming the file and line', () => {
    const other = INSTANCE.replace('VI_1', 'VI_2').replace('51', '52').replace('10.0.0.1', '10.0.1.1');
    const r = generatePeer(`${GLOBAL}${INSTANCE}include other.conf\n`, { file: 'k/main.conf', host: host({ 'k/other.conf': '\n' + other }) });
    expect(r).toMatchObject({ at: { line: 16, column: 1 } });
    expect('error' in r && r.error).toMatch(/^vrrp_instance VI_2 is in k\/other\.conf line 2, which the include on this line reads: kalint peer edits only k\/main\.conf/);
  });

  it('says where an included router_id is set instead of "no router_id"', () => {
    const r = peer(`include g.conf\n${INSTANCE}`, { file: 'k/m2.conf', host: host({ 'k/g.conf': GLOBAL }) });
    const notes = r.notes.join('\n');
    expect(notes).not.toMatch(/no router_id/);
    expect(notes).toMatch(/router_id lb1 is set in k\/g\.conf line 2 \(included on line 1\), which kalint peer does not edit: .*\(e\.g\. lb2\)/);
    // A router_id asked for cannot be put where keepalived reads it last.
    expect(generatePeer(`include g.conf\n${INSTANCE}`, { file: 'k/m2.conf', host: host({ 'k/g.conf': GLOBAL }), routerId: 'lb9' })).toMatchObject({ at: { line: 1, column: 1 } });
  });

  it('refuses a priority an include sets later in the block (the one it would edit is overridden)', () => {
    const text = `${GLOBAL}vrrp_instance VI_1 {\n    state MASTER\n    priority 100\n    include body.inc\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\n`;
    const r = generatePeer(text, { file: 'k/lb1.conf', host: host({ 'k/body.inc': 'interface eth0\nvirtual_router_id 51\npriority 150\n' }) });
    expect(r).toMatchObject({ at: { line: 7, column: 5 } });
    expect('error' in r && r.error).toMatch(/^priority of VI_1 is set in k\/body\.inc line 3, which the include on this line reads/);
  });

  it('refuses an include inside an instance it could not read, and notes one elsewhere', () => {
    const inside = `${GLOBAL}vrrp_instance VI_1 {\n    state MASTER\n    priority 100\n    include body.inc\n}\n`;
    expect(generatePeer(inside, { file: 'k/lb1.conf', host: host({}) })).toMatchObject({ at: { line: 7, column: 5 } });
    expect(peerError(inside, { file: 'k/lb1.conf' })).toMatch(/an include inside vrrp_instance VI_1 \(line 7\) was not read \(include 'body\.inc' not followed/);
    const r = peer(`include g.conf\n${INSTANCE.replace(/    track_script \{\n.*\n    \}\n/, '')}`, { file: 'k/m2.conf' });
    const notes = r.notes.join('\n');
    expect(notes).toMatch(/the include on line 1 was not read .*: what it sets on the MASTER .* is not taken into account/);
    expect(notes).toMatch(/no router_id in the files read \(an include that was not read may set one\)/);
  });
});

// fmtpeer63 bug 2: with --config-id the peer kept '@lb1 vrrp_instance VI_1 {': the peer's node, started with its own id,
// skipped that line (keepalived 2.2.7 -i lb2: "Unknown keyword 'state'" … "Extra '}' found") and had no instance.
describe('--config-id', () => {
  const ID1 = 'global_defs {\n    router_id lb1\n}\n@lb1 vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\n';
  it("gives the peer the id's reading made plain: prefixes of its lines removed, other ids' lines dropped", () => {
    const r = peer(ID1, { configId: 'lb1' });
    expect(r.text).toBe(ID1.replace('@lb1 ', '').replace('router_id lb1', 'router_id lb2').replace('state MASTER', 'state BACKUP').replace('priority 100', 'priority 90'));
    expect(r.notes[0]).toBe('read as config id lb1: the @ID prefix removed from 1 line, so the peer reads the same whatever config id its keepalived is started with');
    // The peer reads the same under any id, with its one instance.
    for (const id of ['lb1', 'lb2', 'kalint']) expect(analyze(r.text, { configId: id }).model.vrrpInstances.map((i) => [i.name, i.effectiveState, i.effectivePriority])).toEqual([['VI_1', 'BACKUP', 90]]);
    // Per node values: the id's kept (and edited), the others' dropped; a priority line added below a prefixed state is indented as a line.
    const multi = ID1.replace('    state MASTER\n', '    @lb1 state MASTER\n    @^lb1 state BACKUP\n').replace('    priority 100\n', '').replace('global_defs {\n', 'global_defs {\n    @lb2 router_id other\n');
    const m = peer(multi, { configId: 'lb1' });
    expect(m.text).not.toContain('@');
    // (keepalived runs a MASTER without a priority line at 255.)
    expect(m.text).toContain('    state BACKUP\n    priority 245\n    interface eth0\n');
    expect(m.text).not.toContain('other');
    expect(m.notes[0]).toMatch(/the @ID prefix removed from 2 lines, 2 lines for other ids dropped/);
  });
  it('refuses what it cannot flatten: an @ID after a brace, a continued line, an included file with @ID lines', () => {
    expect(generatePeer(ID1.replace('    virtual_ipaddress {\n', '    virtual_ipaddress { @lb2 10.0.0.9/24\n'), { configId: 'lb1' })).toMatchObject({ at: { line: 9, column: 1 } });
    expect(peerError(ID1.replace('global_defs {\n', 'global_defs {\n    @lb2 $X=a \\\n'), { configId: 'lb1' })).toMatch(/continues a line or is continued/);
    const host = { readFile: (p: string) => (p === 'k/ids.conf' ? '@lb1 vrrp_script chk {\n    script /bin/true\n}\n' : undefined), readDir: () => undefined };
    const r = generatePeer(`include ids.conf\n${ID1}`, { configId: 'lb1', file: 'k/lb1.conf', host });
    expect(r).toMatchObject({ at: { line: 1, column: 1 } });
    expect('error' in r && r.error).toMatch(/^k\/ids\.conf has @ID lines \(line 1\), and the include on this line reads it/);
  });
});
