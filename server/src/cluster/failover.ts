// The failover simulation: for each virtual router of a cluster, who holds the VIPs when
// everything is healthy, when one tracked check fails on one node, and when one node is down.
//
// keepalived semantics (vrrp_track.c, vrrp.c): a tracked object with weight W and multiplier M
// (-1 with `reverse`) adds W*M while healthy when W > 0, and W*M while failed when W < 0; weight 0
// puts the instance into FAULT instead. The effective priority is clamped to 1..254; an address
// owner (priority 255) ignores weights (keepalived drops weighted trackers there), and so does an
// instance in a sync group without `sync_group_tracking_weight` (weighted scripts, files and BFD sessions are
// dropped; an interface keeps its weight, although keepalived logs that it ignores it, and a process is not
// checked at all). A track_bfd counts like the others: its weight while the session is up or down, weight 0 FAULT
// while it is down (vrrp_track.c initialise_track_bfd_state, vrrp_scheduler.c vrrp_handle_bfd_event). Only track_script and track_interface weights of ±254 become ±253. A BACKUP only takes over from a running MASTER when its
// priority is strictly higher and it does not have `nopreempt`. A sync group is MASTER or BACKUP as a whole on a node
// (vrrp_sync.c): simulateCluster settles the rows of all virtual routers together, at the start (settleSyncGroups)
// and after each failure (holdBackSyncGroups on the node that would take over, syncGroupsToBackup on the one that loses,
// then again on a held-back node once its group's other members come to it, until nothing changes).

import type { Location } from '../core/diagnostics.js';
import type { AstNode } from '../core/analysis/ast.js';
import { WEIGHT_REVERSE_SINCE, type TrackRef, type VrrpInstance } from '../core/model/model.js';
import { compareVersions, type Version } from '../core/schema/schema.js';
import type { ClusterNode } from '../rules/types.js';
import { isStrict, trackLineDropped } from '../rules/vrrp/util.js';
import { keptDefinition, trackLineIgnored } from '../rules/vrrp/track-reference-not-found.js';
import { faultsForWantOfPeers } from '../rules/vrrp/unicast-keyword-without-peers.js';
import { advertIntOf, at, atWord, clusterModel, describeMatch, nopreemptOf, startState, syncGroupOf, type InstanceGroup, type Member } from './model.js';

export type TrackerKind = 'script' | 'interface' | 'file' | 'process' | 'bfd';

export interface Tracker {
  kind: TrackerKind;
  name: string;
  /** Weight in effect (track line override, else the object's own weight). */
  weight: number;
  reverse: boolean;
  /** Where the tracking is written (the track_* line, or the sync group's). */
  where: Location;
  /** The sync group it is inherited from, if any. */
  fromSyncGroup?: string;
  /** Set when the tracker belongs to another member of the instance's sync group (FAULT spreads). */
  viaInstance?: string;
}

export interface NodeState {
  node: string;
  /** Effective priority; undefined when the instance is down or in FAULT. */
  priority?: number;
  state: 'up' | 'fault' | 'down';
}

export interface FailoverScenario {
  /** `all healthy`, `chk_nginx fails on B.conf`, `B.conf down`. */
  label: string;
  kind: 'healthy' | 'check-fails' | 'node-down';
  /** Index of the node the failure happens on. */
  nodeIndex?: number;
  tracker?: Tracker;
  states: NodeState[];
  /** Label of the node holding the VIPs, when one is decided by priorities. */
  holder?: string;
  holderIndex?: number;
  /**
   * Nodes that tie at the top priority. After a failure their master-down timers race: the first to
   * expire takes the VIPs, and the higher primary IP address decides only when both claim MASTER at
   * once (live, 18 failovers: 10 to the higher address); at the start the first node up keeps them, as an
   * equal priority does not take over (seen live: two BACKUPs at 100, the one started first won
   * in every run, the lower address).
   */
  tie?: string[];
  /** Why the holder is who it is, when not simply the highest priority. */
  note?: string;
  /** The sync group (on the node that would take over) that keeps the running MASTER in place. */
  heldBySyncGroup?: string;
  /**
   * Set where a sync group moved these VIPs: the group on `node` went (or stayed) BACKUP as a whole because its member
   * `lost` goes to `to` (vrrp_sync_backup, vrrp_sync_can_goto_master). With `race`, the groups of several nodes each
   * want the members' VIPs on a different node, and the first group to become MASTER keeps them all.
   */
  /** `race`: crossed groups, the first node's group up takes every VIP; `rerace`: again among the nodes a failure left. */
  syncGroup?: { node: string; group: string; lost: string; to?: string; race?: boolean; rerace?: boolean };
}

export interface FailoverReport {
  instance: string;
  /** How the instances were paired across the nodes (describeMatch). */
  matched: string;
  vrid?: number;
  nodes: string[];
  scenarios: FailoverScenario[];
}

export interface MemberFacts {
  member: Member;
  base: number;
  owner: boolean;
  nopreempt: boolean;
  /**
   * Starts as MASTER (state MASTER, or address owner) outside a sync group. Only an owner is MASTER at once; below
   * 255 the instance starts in BACKUP with the usual master-down timer (vrrp_init_state, 2.0 on), so it holds the
   * VIPs against a higher nopreempt node only when it is up first (or that node's scripts are not yet up, as in an
   * earlier live run, scripts/cluster-live/README.md): decideStart keeps it as the holder and says on what that depends.
   */
  startsMaster: boolean;
  preemptDelay?: number;
  trackers: Tracker[];
  /** keepalived keeps the instance in FAULT whatever happens (unicast_fault_no_peer without peers, KA323). */
  alwaysFault?: boolean;
}

interface ObjectIndex {
  scripts: Map<string, { weight: number; reverse: boolean }>;
  files: Map<string, { weight: number; reverse: boolean }>;
  processes: Map<string, { weight: number; reverse: boolean }>;
  bfds: Map<string, { weight: number; reverse: boolean }>;
}

const objectCache = new WeakMap<ClusterNode, ObjectIndex>();

/**
 * Whether the weight line keepalived keeps says `reverse`: the model's weight, the first line with a weight it takes
 * (a repeat is ignored, and so is an out-of-range `weight 999 reverse`).
 */
function hasReverse(weight: { node: AstNode } | undefined, target: Version): boolean {
  return compareVersions(target, WEIGHT_REVERSE_SINCE) >= 0 && weight?.node.argText(1) === 'reverse';
}

/** The definitions of each name, in file order. */
function byName<T extends { name: string }>(defs: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const d of defs) {
    const list = out.get(d.name);
    if (list) list.push(d);
    else out.set(d.name, [d]);
  }
  return out;
}

/**
 * Tracked objects of a node by name: the first definition keepalived keeps (it removes one without a script, file
 * or process line at its end, and then finds the next of that name).
 */
function objects(node: ClusterNode): ObjectIndex {
  let idx = objectCache.get(node);
  if (idx) return idx;
  const analysis = node.analysis;
  const model = analysis.model;
  idx = { scripts: new Map(), files: new Map(), processes: new Map(), bfds: new Map() };
  for (const [name, defs] of byName(model.vrrpScripts)) {
    const s = keptDefinition(analysis, defs)!;
    idx.scripts.set(name, { weight: s.weight?.value ?? 0, reverse: s.weightReverse });
  }
  // keepalived's default weight for a track_file is 1 (multiplied by the number in the file).
  for (const [name, defs] of byName(model.trackFiles)) {
    const f = keptDefinition(analysis, defs)!;
    idx.files.set(name, { weight: f.weight?.value ?? 1, reverse: hasReverse(f.weight, analysis.target) });
  }
  for (const [name, defs] of byName(model.trackProcesses)) {
    const p = keptDefinition(analysis, defs)!;
    idx.processes.set(name, { weight: p.weight?.value ?? 0, reverse: hasReverse(p.weight, analysis.target) });
  }
  // A bfd_instance the VRRP process keeps: its last weight line in -253..253 (else 0), reversed once any weight line
  // says `reverse` (bfd_parser.c bfd_vrrp_weight_handler, 2.0.19 to 2.2.8).
  for (const b of model.bfdInstances) {
    if (!b.forVrrp || idx.bfds.has(b.name)) continue;
    let weight = 0;
    let reverse = false;
    for (const line of b.node.children) {
      if (line.keyword !== 'weight') continue;
      const text = line.argText(0) ?? '';
      const n = /^[-+]?\d+$/.test(text) ? Number(text) : Number.NaN;
      if (Number.isInteger(n) && Math.abs(n) <= 253) weight = n;
      if (line.argText(1) === 'reverse' && compareVersions(analysis.target, WEIGHT_REVERSE_SINCE) >= 0) reverse = true;
    }
    idx.bfds.set(b.name, { weight, reverse });
  }
  objectCache.set(node, idx);
  return idx;
}

function objectWeight(node: ClusterNode, kind: TrackerKind, name: string): { weight: number; reverse: boolean } {
  const idx = objects(node);
  const found = kind === 'script' ? idx.scripts.get(name) : kind === 'file' ? idx.files.get(name) : kind === 'process' ? idx.processes.get(name) : kind === 'bfd' ? idx.bfds.get(name) : undefined;
  return found ?? { weight: kind === 'file' ? 1 : 0, reverse: false };
}

/** keepalived turns a weight of ±254 into ±253 on track_script and track_interface lines only (vrrp_track.c). */
function clampWeight(kind: TrackerKind, w: number): number {
  if (kind !== 'script' && kind !== 'interface') return w;
  if (w === 254) return 253;
  if (w === -254) return -253;
  return w;
}

/**
 * Whether a track line reverses its weight: the object's own setting (none for an interface), changed only by a
 * 'reverse' or 'noreverse' after the weight, which keepalived reads even when it refuses the weight (vrrp_track.c).
 */
function trackReverse(r: TrackRef, objectReverse: boolean): boolean {
  if (r.reverse) return true;
  return r.words[3]?.text === 'noreverse' ? false : objectReverse;
}

function refsToTrackers(node: ClusterNode, kind: TrackerKind, refs: TrackRef[], fromSyncGroup?: string): Tracker[] {
  const out: Tracker[] = [];
  const seen = new Set<string>();
  for (const r of refs) {
    // keepalived drops a line with an unknown option, and ignores a duplicate track entry.
    if (trackLineDropped(r.words, `track_${kind}`, node.analysis.target) || seen.has(r.name)) continue;
    // keepalived ignores a script, file or process that is not defined before the line (KA315).
    if (kind !== 'interface' && trackLineIgnored(node.analysis, r.words[0]!)) continue;
    seen.add(r.name);
    const def = objectWeight(node, kind, r.name);
    // A weight outside -254..254 (a track_bfd's: -253..253) is refused; the object's own weight stays (an interface's: 0).
    const explicit = r.weight !== undefined && Math.abs(r.weight) <= (kind === 'bfd' ? 253 : 254);
    out.push({
      kind,
      name: r.name,
      weight: clampWeight(kind, explicit ? r.weight! : def.weight),
      reverse: trackReverse(r, def.reverse),
      where: r.words[0] ? atWord(r.words[0]) : at(node.analysis.model.root),
      fromSyncGroup,
    });
  }
  return out;
}

const trackerCache = new WeakMap<VrrpInstance, Tracker[]>();

/** The trackers keepalived keeps for one instance of a node, with the weights it applies. */
function instanceTrackers(node: ClusterNode, inst: VrrpInstance): Tracker[] {
  const hit = trackerCache.get(inst);
  if (hit) return hit;
  const trackers = computeTrackers(node, inst);
  trackerCache.set(inst, trackers);
  return trackers;
}

/** Shared by the many instances that track nothing (callers copy before adding). */
const NO_TRACKERS = Object.freeze([]) as unknown as Tracker[];

function computeTrackers(node: ClusterNode, inst: VrrpInstance): Tracker[] {
  const owner = inst.effectivePriority === 255;
  const sync = syncGroupOf(node, inst);
  if (!sync && !inst.trackScripts.length && !inst.trackInterfaces.length && !inst.trackFiles.length && !inst.trackProcesses.length && !inst.trackBfds.length) return NO_TRACKERS;
  const noWeights = owner || (!!sync && !sync.trackingWeight);
  const own: Tracker[] = [
    ...refsToTrackers(node, 'script', inst.trackScripts),
    ...refsToTrackers(node, 'interface', inst.trackInterfaces.filter((t) => t.name !== inst.interface?.value)),
    ...refsToTrackers(node, 'file', inst.trackFiles),
    ...refsToTrackers(node, 'process', inst.trackProcesses),
    ...refsToTrackers(node, 'bfd', inst.trackBfds),
  ];
  const trackers: Tracker[] = [];
  for (const t of own) {
    if (!noWeights || t.weight === 0) {
      trackers.push(t);
      continue;
    }
    // Weighted tracking is not applied here: default-weighted files fall back to weight 0 in a
    // sync group; weighted scripts and files are dropped, a process keeps its weight. An interface's weight stays:
    // keepalived registers the interface with its weight before it clears the entry's (seen live,
    // 2.1.5 and 2.2.7: "ignoring eth1 tracked interface weight due to SYNC group", then "Changing
    // effective priority from 100 to 80" when eth1 went down).
    // A file at the default weight 1 becomes weight 0 for a sync group without tracking weight and for an address
    // owner alike ("ignoring weight from tracked file … due to address_owner. specify weight 0", vrrp.c).
    // keepalived's check has no branch for track_process (vrrp.c, 2.1.5 to 2.3.3): its weight applies in a sync
    // group too (seen live with 2.2.7: "Changing effective priority from 100 to 40" for both members).
    if (sync && !owner && (t.kind === 'interface' || t.kind === 'process')) trackers.push(t);
    else if (t.kind === 'file' && t.weight === 1) trackers.push({ ...t, weight: 0 });
  }
  if (sync) {
    // keepalived clears the weight of the group's own track_script lines for every member when
    // any member is an address owner ("Cannot have weighted track script … with member having
    // priority 255 - clearing weight"): a failing check then puts the whole group in FAULT.
    const groupHasOwner = owner || sync.group.members.some((w) => instanceNamed(node, w.text)?.effectivePriority === 255);
    // The group's interfaces, files and processes likewise ("Cannot have weighted track … - setting weight 0"):
    // live, eth1 down on one node put its whole group in FAULT and the other node took every VIP.
    const groupTracks: [TrackerKind, TrackRef[]][] = [
      ['script', sync.group.trackScripts],
      ['interface', sync.group.trackInterfaces],
      ['file', sync.group.trackFiles],
      ['process', sync.group.trackProcesses],
      ['bfd', sync.group.trackBfds],
    ];
    for (const [kind, refs] of groupTracks) {
      for (const t of refsToTrackers(node, kind, refs, sync.name)) {
        const fromGroup = groupHasOwner ? { ...t, weight: 0 } : t;
        // Tracked by the instance too: keepalived uses the group's weight and reverse unless the instance's entry is
        // unweighted ("track_script chk is configured on VRRP instance and sync group"; vrrp.c, track_file.c).
        const same = trackers.findIndex((x) => x.kind === kind && x.name === t.name);
        if (same < 0) trackers.push(fromGroup);
        else if (trackers[same]!.weight !== 0) trackers[same] = { ...trackers[same]!, weight: fromGroup.weight, reverse: fromGroup.reverse };
      }
    }
  }
  return trackers;
}

const instancesByName = new WeakMap<ClusterNode, Map<string, VrrpInstance>>();

function instanceNamed(node: ClusterNode, name: string): VrrpInstance | undefined {
  let map = instancesByName.get(node);
  if (!map) {
    map = new Map();
    for (const i of node.analysis.model.vrrpInstances) if (!map.has(i.name)) map.set(i.name, i);
    instancesByName.set(node, map);
  }
  return map.get(name);
}

function factsOf(m: Member): MemberFacts {
  const inst = m.instance;
  const node = m.node;
  const base = inst.effectivePriority;
  const owner = base === 255;
  const trackers = [...instanceTrackers(node, inst)];
  // A sync group goes to FAULT as a whole: a check that faults one member faults them all.
  const sync = syncGroupOf(node, inst);
  if (sync) {
    for (const w of sync.group.members) {
      const other = w.text === inst.name ? undefined : instanceNamed(node, w.text);
      if (!other || syncGroupOf(node, other)?.name !== sync.name) continue;
      for (const t of instanceTrackers(node, other)) {
        if (contribution(t, true) !== 'fault' || trackers.some((x) => x.kind === t.kind && x.name === t.name)) continue;
        trackers.push({ ...t, fromSyncGroup: sync.name, viaInstance: other.name });
      }
    }
  }
  const nopreempt = !!nopreemptOf(m) && !owner && startState(m) !== 'MASTER';
  const startsMaster = !sync && startState(m) === 'MASTER';
  // keepalived clears preempt_delay for an initial MASTER, with nopreempt and in strict mode (KA309, KA311, KA339).
  const delayCleared = startState(m) === 'MASTER' || !!nopreemptOf(m) || isStrict(node.analysis.model, inst);
  const alwaysFault = faultsForWantOfPeers(inst, node.analysis.target);
  return { member: m, base, owner, nopreempt, startsMaster, preemptDelay: delayCleared ? undefined : inst.preemptDelay?.value, trackers, alwaysFault };
}

/**
 * Contribution of one tracker to the priority, or 'fault'. A script, interface or process adds a positive weight
 * while healthy and a negative one when it fails; a track file adds its number times the weight, so nothing while
 * it holds 0 (or is missing: healthy) and the weight, of either sign, when it holds 1 (failed; seen live with 2.2.7).
 */
function contribution(t: Tracker, failed: boolean): number | 'fault' {
  const mult = t.reverse ? -1 : 1;
  if (t.weight === 0) return failed === !t.reverse ? 'fault' : 0;
  // A file's status times its weight of -254 or less puts the instance in FAULT (vrrp_track.c: "tracked file … now FAULT state").
  if (t.kind === 'file') return failed ? (t.weight * mult <= -254 ? 'fault' : t.weight * mult) : 0;
  if (!failed) return t.weight > 0 ? t.weight * mult : 0;
  return t.weight < 0 ? t.weight * mult : 0;
}

function evaluate(f: MemberFacts, failing: Tracker | undefined): { priority?: number; state: 'up' | 'fault' } {
  if (f.alwaysFault) return { state: 'fault' };
  if (f.owner) {
    for (const t of f.trackers) if (contribution(t, t === failing) === 'fault') return { state: 'fault' };
    return { priority: 255, state: 'up' };
  }
  let p = f.base;
  for (const t of f.trackers) {
    const c = contribution(t, t === failing);
    if (c === 'fault') return { state: 'fault' };
    p += c;
  }
  return { priority: Math.min(254, Math.max(1, p)), state: 'up' };
}

/** Indexes of the nodes that are up and pass `keep`, in node order. */
function upNodes(states: NodeState[], keep: (s: NodeState, i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < states.length; i++) if (states[i]!.state === 'up' && keep(states[i]!, i)) out.push(i);
  return out;
}

function highest(states: NodeState[], indexes: number[]): number {
  let top = -Infinity;
  for (const i of indexes) top = Math.max(top, states[i]!.priority!);
  return top;
}

// Runs for every scenario of every virtual router (three per router at least): loops, not
// chains of map/filter.
function decide(scn: FailoverScenario, facts: MemberFacts[], previous: number | undefined): void {
  const states = scn.states;
  const up = upNodes(states, () => true);
  if (!up.length) {
    scn.note = 'no node can hold the VIPs';
    return;
  }
  const names = (indexes: number[]) => indexes.map((i) => states[i]!.node);
  if (previous !== undefined && states[previous]!.state === 'up') {
    const prevPrio = states[previous]!.priority!;
    // A BACKUP takes over from a running MASTER only with a strictly higher priority, and not
    // at all with nopreempt.
    const challengers = upNodes(states, (s, i) => i !== previous && s.priority! > prevPrio);
    const preempting = challengers.filter((i) => !facts[i]!.nopreempt);
    if (!preempting.length) {
      scn.holderIndex = previous;
      scn.holder = states[previous]!.node;
      if (challengers.length) {
        const who = names(challengers);
        const listed = who.length === 1 ? `${who[0]} has a higher priority` : `${who.slice(0, -1).join(', ')} and ${who[who.length - 1]} have higher priorities`;
        scn.note = `${listed} but nopreempt: the running MASTER keeps the VIPs`;
      }
      return;
    }
    const best = highest(states, preempting);
    const winners = preempting.filter((i) => states[i]!.priority === best);
    if (winners.length > 1) scn.tie = names(winners);
    else {
      scn.holderIndex = winners[0]!;
      scn.holder = states[winners[0]!]!.node;
      const delay = facts[winners[0]!]!.preemptDelay;
      if (delay) scn.note = delayedNote(states, facts, preempting, winners[0]!, delay);
    }
    return;
  }
  const top = highest(states, up);
  const winners = up.filter((i) => states[i]!.priority === top);
  if (winners.length > 1) scn.tie = names(winners);
  else {
    scn.holderIndex = winners[0]!;
    scn.holder = states[winners[0]!]!.node;
  }
}

/**
 * The note of a takeover that waits for the winner's preempt_delay. Meanwhile the running MASTER's adverts carry its
 * lowered priority: a BACKUP with a delay accepts them until its delay (started at the first such advert) ends, but a
 * preempting BACKUP without one discards them and times out after its master-down interval, so it takes the VIPs
 * first, and the winner takes them from it when its delay ends (vrrp.c vrrp_state_backup_rx, 2.2.7; live, session 61:
 * a 100 with a failing check -50, b 90 preempt_delay 10, c 80: c held the VIPs about 10 s, then b). A shorter delay
 * than the winner's likewise puts its node in between.
 */
function delayedNote(states: NodeState[], facts: MemberFacts[], preempting: number[], winner: number, delay: number): string {
  const earlier = preempting.filter((i) => i !== winner && (facts[i]!.preemptDelay ?? 0) < delay);
  earlier.sort((x, y) => (facts[x]!.preemptDelay ?? 0) - (facts[y]!.preemptDelay ?? 0));
  // Each time a delay ends (or at once), the highest priority so far that outranks the current holder takes over.
  const steps: string[] = [];
  let held = -Infinity;
  for (let k = 0; k < earlier.length; ) {
    const d = facts[earlier[k]!]!.preemptDelay ?? 0;
    const now: number[] = [];
    while (k < earlier.length && (facts[earlier[k]!]!.preemptDelay ?? 0) === d) now.push(earlier[k++]!);
    const best = highest(states, now);
    if (best <= held) continue;
    held = best;
    const who = now.filter((i) => states[i]!.priority === best).map((i) => states[i]!.node);
    const name = who.length === 1 ? who[0]! : `${who.join(' or ')} (a race)`;
    steps.push(d ? `${name} after its preempt_delay ${d}s` : `${name} at once (no preempt_delay: ${who.length === 1 ? 'it discards' : 'they discard'} the lower adverts and time${who.length === 1 ? 's' : ''} out)`);
  }
  if (!steps.length) return `after preempt_delay ${delay}s`;
  const w = states[winner]!.node;
  return `the VIPs move ${steps.length === 1 ? 'twice' : `${steps.length + 1} times`}: first to ${steps.join(', then to ')}; then to ${w} when its preempt_delay ${delay}s ends (until then it accepts the lower adverts)`;
}

/**
 * Everyone up at once (vrrp_init_state, vrrp_scheduler.c): the highest priority ends up holding the
 * VIPs (nodes that share it tie: the first one up keeps them), except when every node at that
 * priority is a BACKUP with nopreempt. The nodes that start as MASTER time out of their first
 * BACKUP state after one advert interval, the others after three, so the best starting MASTER is
 * MASTER first, and a nopreempt BACKUP then accepts its adverts however low (seen live on a real
 * pair: state MASTER priority 51 against BACKUP 100 with nopreempt kept the VIPs, and kept them when
 * its check failed); only a BACKUP without nopreempt above it takes over.
 */
function decideStart(scn: FailoverScenario, facts: MemberFacts[]): void {
  const states = scn.states;
  const up = upNodes(states, () => true);
  const top = highest(states, up);
  const held = up.length > 0 && up.every((i) => states[i]!.priority !== top || (facts[i]!.nopreempt && !facts[i]!.startsMaster));
  const masters = held ? upNodes(states, (_, i) => facts[i]!.startsMaster) : [];
  if (!masters.length) {
    decide(scn, facts, undefined);
    if (held && scn.holderIndex !== undefined) startRace(scn, facts);
    return;
  }
  const best = highest(states, masters);
  const first = masters.filter((i) => states[i]!.priority === best);
  if (first.length === 1) {
    decide(scn, facts, first[0]);
    // Below 255, state MASTER starts in BACKUP with the usual master-down timer (vrrp_init_state), which is shorter
    // for a higher priority: started together, the nopreempt node becomes MASTER (two live 2.2.7 daemons, session 57);
    // the MASTER keeps the VIPs only when it is up first, as when the other's scripts have not yet succeeded.
    if (scn.holderIndex === first[0] && scn.note) scn.note += ` if ${states[first[0]!]!.node} is up first (started together, the higher priority's shorter master-down timer makes it MASTER)`;
    return;
  }
  // Starting MASTERs that tie: unless a BACKUP preempts them all, the tie stands.
  if (upNodes(states, (s, i) => s.priority! > best && !facts[i]!.nopreempt).length) return decide(scn, facts, undefined);
  scn.tie = first.map((i) => states[i]!.node);
}

/**
 * The start of a virtual router whose top priority is nopreempt: every node starts in BACKUP, the first master-down
 * timer to expire makes its node MASTER, and a nopreempt node accepts its adverts however low. So the first node up
 * keeps the VIPs, unless a preempting node above it takes them: the nodes that can end up holding them are the
 * nopreempt ones above the best preempting node, and that node. The timers of two such nodes started together differ
 * by (Δpriority/256) × advert_int (about 39 ms for 100 and 90 at 1 s): live 2.2.7 (session 61), a 100, b 90, c 80, all
 * nopreempt, started 0.1 s apart with a first: b held the VIPs in 2 of 9 starts, and kept them.
 */
function startRace(scn: FailoverScenario, facts: MemberFacts[]): void {
  const states = scn.states;
  const winner = scn.holderIndex!;
  const preempting = upNodes(states, (_, i) => !facts[i]!.nopreempt);
  const floor = preempting.length ? highest(states, preempting) : -Infinity;
  const candidates = upNodes(states, (s, i) => s.priority! > floor || (s.priority === floor && !facts[i]!.nopreempt));
  if (candidates.length < 2 || !candidates.includes(winner)) return;
  const top = states[winner]!.priority!;
  const next = highest(states, candidates.filter((i) => i !== winner));
  const second = candidates.filter((i) => i !== winner && states[i]!.priority === next).map((i) => states[i]!.node);
  const ms = Math.round(((top - next) / 256) * advertIntOf(facts[winner]!.member) * 1000);
  const or = (items: string[]) => (items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);
  const others = candidates.filter((i) => i !== winner);
  // A preempting node also takes the VIPs from any node below it that is up first.
  const below = upNodes(states, (s) => s.priority! < floor).map((i) => states[i]!.node);
  const quiet = others.filter((i) => facts[i]!.nopreempt).map((i) => states[i]!.node);
  const takers = others.filter((i) => !facts[i]!.nopreempt).map((i) => states[i]!.node);
  const when = [
    ...(quiet.length ? [`${or(quiet)} when up first`] : []),
    ...(takers.length ? [`${or(takers)} when ${below.length ? `it or ${or(below)} is up` : 'up'} first`] : []),
  ].join('; ');
  scn.note = `a start race: with nopreempt the first node up keeps the VIPs (${when}), and ${states[winner]!.node} only when it starts no more than about ${ms} ms after ${second.join(' and ')} (the gap between their master-down timers, (${top} - ${next})/256 × advert_int)`;
}

export interface GroupSimulation {
  group: InstanceGroup;
  facts: MemberFacts[];
  report: FailoverReport;
}

function stateRow(group: InstanceGroup, facts: MemberFacts[], failIndex: number | undefined, failing: Tracker | undefined, downIndex: number | undefined): NodeState[] {
  return facts.map((f, i) => {
    const node = group.members[i]!.node.label;
    if (i === downIndex) return { node, state: 'down' };
    return { node, ...evaluate(f, i === failIndex ? failing : undefined) };
  });
}

/** The healthy row of one virtual router, each node on its own (simulateCluster then applies the sync groups). */
function startGroup(group: InstanceGroup): GroupSimulation {
  const facts = group.members.map(factsOf);
  const healthy: FailoverScenario = { label: 'all healthy', kind: 'healthy', states: stateRow(group, facts, undefined, undefined, undefined) };
  decideStart(healthy, facts);
  const vrid = group.members[0]!.instance.virtualRouterId?.value;
  return { group, facts, report: { instance: group.name, matched: describeMatch(group), vrid, nodes: group.members.map((m) => m.node.label), scenarios: [healthy] } };
}

/** The failure rows, from the healthy holder. */
function failGroup(sim: GroupSimulation): void {
  const { group, facts } = sim;
  const labels = sim.report.nodes;
  const scenarios = sim.report.scenarios;
  const previous = scenarios[0]!.holderIndex;

  facts.forEach((f, i) => {
    for (const t of f.trackers) {
      const verb = failVerb(t.kind);
      const scn: FailoverScenario = {
        label: `${t.kind} ${t.name} ${verb} on ${labels[i]}`,
        kind: 'check-fails',
        nodeIndex: i,
        tracker: t,
        states: stateRow(group, facts, i, t, undefined),
      };
      decide(scn, facts, previous);
      scenarios.push(scn);
    }
  });
  facts.forEach((_, i) => {
    const scn: FailoverScenario = { label: `${labels[i]} down`, kind: 'node-down', nodeIndex: i, states: stateRow(group, facts, undefined, undefined, i) };
    decide(scn, facts, previous === i ? undefined : previous);
    scenarios.push(scn);
  });
}

export function simulateGroup(group: InstanceGroup): GroupSimulation {
  const sim = startGroup(group);
  failGroup(sim);
  return sim;
}

/**
 * Whether some scenario of the simulation gives `holder` the VIPs (alone or in a tie) while `other` is up: what a
 * node that never hears the holder's adverts needs to take them too (KA418, KA423). Without such a scenario the
 * deaf node only ever outranks the holder, and its own adverts keep the holder BACKUP.
 */
export function holdsWhileUp(nodes: ClusterNode[], group: InstanceGroup, holder: Member, other: Member): boolean {
  const sim = simulateCluster(nodes).find((s) => s.group === group);
  if (!sim) return true;
  const h = group.members.indexOf(holder);
  const o = group.members.indexOf(other);
  if (h < 0 || o < 0) return true;
  return sim.report.scenarios.some((s) => s.states[o]!.state === 'up' && s.states[h]!.state === 'up' && (s.holderIndex === h || (s.tie?.includes(s.states[h]!.node) ?? false)));
}

const simCache = new WeakMap<ClusterNode[], GroupSimulation[]>();

/** The simulation of every virtual router present on at least two nodes (cached per cluster). */
export function simulateCluster(nodes: ClusterNode[]): GroupSimulation[] {
  const hit = simCache.get(nodes);
  if (hit) return hit;
  const sims = clusterModel(nodes).groups.map(startGroup);
  syncGroupsAtStart(sims);
  for (const sim of sims) failGroup(sim);
  holdBackSyncGroups(sims);
  syncGroupsToBackup(sims);
  simCache.set(nodes, sims);
  return sims;
}

/** One physical event, the same in every group's scenarios: `down 1`, `script chk 0`. */
function eventKey(sim: GroupSimulation, scn: FailoverScenario): string | undefined {
  if (scn.kind === 'healthy' || scn.nodeIndex === undefined) return undefined;
  const node = sim.group.members[scn.nodeIndex]!.index;
  return scn.kind === 'node-down' ? `down ${node}` : `${scn.tracker!.kind} ${scn.tracker!.name} ${node}`;
}

/**
 * keepalived moves a sync group as a whole: a member that would take over from a running MASTER
 * only does so when every other member of its sync group on that node wants MASTER too
 * (vrrp_sync_can_goto_master), otherwise it stays BACKUP. Seen live: a: VI_1 and VI_2 at 100, b at 90, in a sync
 * group on each node; chk (weight -50) fails on a: a's VI_1 at 50, yet a keeps both VI_1 and VI_2.
 * The held-back node sends no adverts, so the next preempting node above the MASTER's new priority discards the
 * MASTER's adverts and times out as if the held-back one were not there: the challengers in priority order, skipping
 * each one its group holds back, and the MASTER keeps the VIPs only when none is left (live 2.2.7, session 63: a 100
 * with chk -30, b G {VI_1 90, VI_2 80}, c 80 ungrouped: b "received lower priority (80) advert ... discarding", c
 * took VI_1 about 4 s after the failure; with nopreempt on c, a kept it).
 */
function holdBackSyncGroups(sims: GroupSimulation[]): void {
  const simOf = new Map<VrrpInstance, GroupSimulation>();
  for (const sim of sims) for (const m of sim.group.members) simOf.set(m.instance, sim);
  // Where each group's VIPs go in each event, before any hold-back (cluster node indexes).
  const moves = new Map<GroupSimulation, Map<string, number | undefined>>();
  for (const sim of sims) {
    const byEvent = new Map<string, number | undefined>();
    for (const scn of sim.report.scenarios) {
      const key = eventKey(sim, scn);
      if (key) byEvent.set(key, scn.holderIndex === undefined ? undefined : sim.group.members[scn.holderIndex]!.index);
    }
    moves.set(sim, byEvent);
  }
  const holderIn = (sim: GroupSimulation, key: string): number | undefined => {
    const byEvent = moves.get(sim)!;
    if (byEvent.has(key)) return byEvent.get(key);
    const steady = steadyWinner(sim);
    return steady === undefined ? undefined : sim.group.members[steady]!.index;
  };
  /** The sync group that keeps member `winner` of a router BACKUP in an event, with its members that hold it back. */
  const heldBack = (sim: GroupSimulation, winner: number, key: string): { group: string; by: string[] } | undefined => {
    const m = sim.group.members[winner]!;
    const sync = syncGroupOf(m.node, m.instance);
    if (!sync) return undefined;
    const by: string[] = [];
    for (const w of sync.group.members) {
      const other = w.text === m.instance.name ? undefined : instanceNamed(m.node, w.text);
      const otherSim = other && syncGroupOf(m.node, other)?.name === sync.name ? simOf.get(other) : undefined;
      if (!otherSim || otherSim.group.members.every((x) => x.instance !== other)) continue;
      if (holderIn(otherSim, key) !== m.index) by.push(other!.name);
    }
    return by.length ? { group: sync.name, by } : undefined;
  };
  for (const sim of sims) {
    const previous = sim.report.scenarios[0]!.holderIndex;
    if (previous === undefined) continue;
    for (const scn of sim.report.scenarios) {
      const key = eventKey(sim, scn);
      // Only a takeover from a MASTER that is still running (up or not) waits for the siblings.
      if (!key || scn.holderIndex === undefined || scn.holderIndex === previous || scn.states[previous]!.state === 'down') continue;
      if (scn.states[previous]!.state === 'fault') continue;
      const held: { node: string; index: number; group: string; by: string[] }[] = [];
      const out = new Set<number>();
      let next: FailoverScenario = scn;
      for (let winner: number | undefined = scn.holderIndex; winner !== undefined && winner !== previous; winner = next.holderIndex) {
        const h = heldBack(sim, winner, key);
        if (!h) break;
        held.push({ node: scn.states[winner]!.node, index: winner, ...h });
        // The next challengers, without the held-back nodes (BACKUP, silent: as if not there).
        out.add(winner);
        next = { label: scn.label, kind: scn.kind, states: scn.states.map((st, i) => (out.has(i) ? { node: st.node, state: 'down' } : st)) };
        decide(next, sim.facts, previous);
      }
      if (!held.length) continue;
      holdBacks.set(scn, { previous, held: held.map((h) => ({ index: h.index, group: h.group, by: h.by })) });
      const stays = (by: string[]) => `${by.join(', ')} there ${by.length > 1 ? 'stay' : 'stays'} BACKUP`;
      const said = held.length === 1
        ? `${held[0]!.node} would take over, but its sync group ${held[0]!.group} moves only as a whole and ${stays(held[0]!.by)}`
        : `${held.slice(0, -1).map((x) => x.node).join(', ')} and ${held[held.length - 1]!.node} would take over in turn, but a sync group moves only as a whole and holds each back (${held.map((x) => `${x.group} on ${x.node}: ${stays(x.by)}`).join('; ')})`;
      scn.holderIndex = next.holderIndex;
      scn.holder = next.holder;
      scn.tie = next.tie;
      scn.heldBySyncGroup = undefined;
      if (next.holderIndex === previous) {
        scn.heldBySyncGroup = held[0]!.group;
        scn.note = next.note ? `${said}; ${next.note}` : `${said}: the running MASTER keeps the VIPs`;
      } else if (next.holder) {
        scn.note = `${said}; ${next.holder} takes the VIPs instead${next.note ? ` (${next.note})` : ''}`;
      } else {
        scn.note = `${said}; ${next.tie!.join(' and ')} race to take the VIPs instead`;
      }
    }
  }
}

/** The nodes a failure row's sync groups held back (holdBackSyncGroups), for the settling to re-decide them. */
interface HoldBack {
  /** The running MASTER before the event. */
  previous: number;
  /** Each held node (member index), its group and the members there that were to stay BACKUP. */
  held: { index: number; group: string; by: string[] }[];
}

const holdBacks = new WeakMap<FailoverScenario, HoldBack>();

/**
 * Who would hold a virtual router's VIPs after an event that changes nothing for it, each node on its own: the healthy
 * holder, unless a sync group put the VIPs elsewhere at the start (KA424) and the node it held back outranks the
 * holder, which it then wants to take over whenever its group lets it.
 */
function steadyWinner(sim: GroupSimulation): number | undefined {
  const healthy = sim.report.scenarios[0]!;
  if (healthy.holderIndex === undefined || !healthy.syncGroup) return healthy.holderIndex;
  const r: FailoverScenario = { label: healthy.label, kind: 'check-fails', states: healthy.states };
  decide(r, sim.facts, healthy.holderIndex);
  return r.holderIndex;
}

/** One node's sync group, with its members that are virtual routers of the cluster (two at least). */
interface SyncUnit {
  /** Cluster index and label of the node. */
  node: number;
  label: string;
  group: string;
  /** Each member: its virtual router and its index among that router's members. */
  parts: { sim: GroupSimulation; i: number }[];
}

function syncUnits(sims: GroupSimulation[]): { units: SyncUnit[]; unitOf: Map<GroupSimulation, Map<number, SyncUnit>> } {
  const byKey = new Map<string, SyncUnit>();
  for (const sim of sims) {
    sim.group.members.forEach((m, i) => {
      const sync = syncGroupOf(m.node, m.instance);
      if (!sync) return;
      const key = `${m.index}\0${sync.name}`;
      let u = byKey.get(key);
      if (!u) byKey.set(key, (u = { node: m.index, label: m.node.label, group: sync.name, parts: [] }));
      u.parts.push({ sim, i });
    });
  }
  const units = [...byKey.values()].filter((u) => u.parts.length > 1);
  const unitOf = new Map<GroupSimulation, Map<number, SyncUnit>>();
  for (const u of units) {
    for (const p of u.parts) {
      let m = unitOf.get(p.sim);
      if (!m) unitOf.set(p.sim, (m = new Map()));
      m.set(p.i, u);
    }
  }
  return { units, unitOf };
}

/** Whether the member `i` of a row loses the VIPs to another node although it is up. */
function loses(row: FailoverScenario, i: number): boolean {
  if (row.states[i]!.state !== 'up') return false;
  if (row.holderIndex !== undefined) return row.holderIndex !== i;
  return !!row.tie && !row.tie.includes(row.states[i]!.node);
}

/**
 * keepalived keeps the members of a sync group in one state on a node: a member that hears a higher priority (or
 * starts below one) wants BACKUP, and then the group goes to BACKUP as a whole ("VRRP_Group(G) Syncing instances to
 * BACKUP state", vrrp_sync_backup) and no member may become MASTER while one wants BACKUP (vrrp_sync_can_goto_master).
 * So a group that would hold some of its members' VIPs and lose another's holds none: those VIPs go to their best
 * other node. A group loses for sure to a node that is not itself held back (no sync group there, or one that holds
 * all its members); where the groups of several nodes each lose a member to another (crossed priorities), the one
 * that becomes MASTER first keeps everything: at the start a race (`start`), after a failure the running MASTER's.
 * Live 2.2.7 (session 60): a's G {VI_1 100, VI_2 80}, b's VI_1 90, VI_2 95 without a group: b held both, in every start
 * order; with G on b too, whichever node was up first held both.
 */
function settleSyncGroups(rows: Map<GroupSimulation, FailoverScenario>, rowOf: (sim: GroupSimulation) => FailoverScenario | undefined, allUnits: SyncUnit[], unitOf: Map<GroupSimulation, Map<number, SyncUnit>>, start: boolean): void {
  const excluded = new Map<FailoverScenario, Set<number>>();
  // Only the groups with a member whose row the event changes (all of them at the start), and those the settling reaches.
  const scope = new Set<SyncUnit>(start ? allUnits : []);
  const reach = (sim: GroupSimulation) => {
    for (const u of unitOf.get(sim)?.values() ?? []) scope.add(u);
  };
  if (!start) for (const sim of rows.keys()) reach(sim);
  const units = scope;
  const row = (sim: GroupSimulation): FailoverScenario | undefined => {
    let r = rows.get(sim);
    if (!r && (r = rowOf(sim))) rows.set(sim, r);
    return r;
  };
  // Where a router's VIPs are now in this event (member index): its row, else where they stay.
  const holderNow = (sim: GroupSimulation): number | undefined => {
    const r = row(sim);
    return r ? r.holderIndex : steadyWinner(sim);
  };
  // Whether member `i`'s sync group still keeps it BACKUP: another member's VIPs are elsewhere.
  const heldNow = (sim: GroupSimulation, i: number): boolean => {
    const u = unitOf.get(sim)?.get(i);
    return !!u && u.parts.some((p) => p.sim !== sim && holderNow(p.sim) !== p.i);
  };
  /**
   * A node held back by its sync group (holdBackSyncGroups) only while another member's VIPs are elsewhere: once the
   * settling has put them on that node too (the losing MASTER's group went BACKUP, and they went to the best node left),
   * every member there wants MASTER, the group becomes MASTER and the node preempts whoever took the VIPs meanwhile.
   * All rows are judged on where the VIPs are before any of them changes.
   */
  const release = (): void => {
    const changes: { sim: GroupSimulation; r: FailoverScenario; hb: HoldBack; kept: HoldBack['held']; next: FailoverScenario; freed: HoldBack['held'] }[] = [];
    for (const [sim, r] of [...rows]) {
      const hb = holdBacks.get(r);
      if (!hb) continue;
      const kept = hb.held.filter((h) => heldNow(sim, h.index));
      if (kept.length === hb.held.length) continue;
      const freed = hb.held.filter((h) => !kept.includes(h));
      const out = new Set(kept.map((h) => h.index));
      const current = r.holderIndex;
      let next: FailoverScenario;
      for (;;) {
        next = { label: r.label, kind: r.kind, states: r.states.map((st, i) => (out.has(i) ? { node: st.node, state: 'down' } : st)) };
        decide(next, sim.facts, current);
        const w = next.holderIndex;
        if (w === undefined || w === current || out.has(w) || !heldNow(sim, w)) break;
        out.add(w);
      }
      changes.push({ sim, r, hb, kept, next, freed });
    }
    for (const { sim, r, hb, kept, next, freed } of changes) {
      hb.held = kept;
      if (next.holderIndex === r.holderIndex && (next.tie ?? []).join('\0') === (r.tie ?? []).join('\0')) continue;
      const first = r.holder;
      const by = freed.map((h) => `${h.by.join(', ')} there`).join('; ');
      // Why those members came to the node: the row of the first that a sync group moved.
      const why = freed
        .flatMap((h) => unitOf.get(sim)?.get(h.index)?.parts ?? [])
        .map((p) => (p.sim !== sim ? rows.get(p.sim)?.syncGroup : undefined))
        .find((g) => g && !g.race);
      const who = next.holder ?? (next.tie ? `${next.tie.join(' and ')} (a race)` : 'no node');
      const plural = freed.length > 1 || freed[0]!.by.length > 1;
      const held = freed.map((h) => `${r.states[h.index]!.node}'s sync group ${h.group} moves only as a whole and ${h.by.join(', ')} there ${h.by.length > 1 ? 'stay' : 'stays'} BACKUP at first`).join('; ');
      const then = `once ${by} ${plural ? 'want' : 'wants'} MASTER too${why ? ` (${syncNote(why)})` : ''}${next.note ? `; ${next.note}` : ''}`;
      r.note = first === undefined
        ? `${held}; then ${who} takes the VIPs ${then}`
        : r.holderIndex === hb.previous
          ? `${held}, so the running MASTER keeps the VIPs; then ${who} takes them ${then}`
          : `the VIPs move twice: first to ${first} (${held}), then to ${who} ${then}`;
      r.holderIndex = next.holderIndex;
      r.holder = next.holder;
      r.tie = next.tie;
      r.heldBySyncGroup = r.holderIndex === hb.previous && kept.length ? kept[0]!.group : undefined;
      reach(sim);
    }
  };
  for (let round = 0; round <= allUnits.length + rows.size; round++) {
    if (!start) release();
    const conflicted = new Set<SyncUnit>();
    for (const u of units) {
      let held = false;
      let lost = false;
      for (const p of u.parts) {
        const r = row(p.sim);
        if (!r) continue;
        if (r.holderIndex === p.i) held = true;
        else if (loses(r, p.i)) lost = true;
      }
      if (held && lost) conflicted.add(u);
    }
    if (!conflicted.size) return;
    // A group beaten by a node that is not held back itself.
    const beaten: { u: SyncUnit; lost: { sim: GroupSimulation; i: number } }[] = [];
    for (const u of conflicted) {
      for (const p of u.parts) {
        const r = row(p.sim);
        if (!r || !loses(r, p.i)) continue;
        // To the holder, or to whichever of the tied nodes wins.
        const winners = r.holderIndex !== undefined ? [r.holderIndex] : r.states.flatMap((st, i) => (r.tie!.includes(st.node) ? [i] : []));
        if (winners.every((w) => {
          const theirs = unitOf.get(p.sim)?.get(w);
          return !theirs || !conflicted.has(theirs);
        })) {
          beaten.push({ u, lost: p });
          break;
        }
      }
    }
    if (!beaten.length) {
      // Groups that were crossed while healthy and still are: syncGroupsToBackup keeps the start race, or races again.
      if (!start && [...conflicted].every((u) => u.parts.every((p) => p.sim.report.scenarios[0]!.syncGroup?.race))) return;
      // Crossed groups: the first node's group up takes every member's VIPs; after a failure, likewise among the nodes
      // the failure left crossed. No group holds one member and loses another: live 2.2.7 (cluster64), a G {100, 100},
      // b G {90, 90}, c G {VI_1 80, VI_2 95}: a stopped, b's VI_1 and c's VI_2 were each the best, and b's group took
      // both; with a check failing on a and a fourth node, b's VI_1 and c's VI_2 went MASTER, both groups went BACKUP
      // ("Syncing instances to BACKUP state" on b and c), then b's group took both.
      const first = start ? undefined : firstGroupUp([...conflicted], row);
      // Each group's lost member, before the rows change.
      const lostOf = new Map([...conflicted].map((u) => [u, u.parts.find((p) => loses(row(p.sim)!, p.i))!] as const));
      for (const u of conflicted) {
        const lost = lostOf.get(u)!;
        for (const p of u.parts) {
          const r = row(p.sim)!;
          const racing = [...conflicted].filter((o) => o.parts.some((q) => q.sim === p.sim && r.states[q.i]!.state === 'up'));
          const tie = p.sim.group.members.map((m) => m.node.label).filter((l) => racing.some((o) => o.label === l));
          if (tie.length < 2) continue;
          r.holderIndex = undefined;
          r.holder = undefined;
          r.tie = tie;
          r.note = undefined;
          const g = { node: u.label, group: u.group, lost: lost.sim.group.members[lost.i]!.instance.name, race: true };
          if (start) r.syncGroup ??= g;
          else {
            r.syncGroup = { ...g, rerace: true };
            r.heldBySyncGroup = undefined;
            holdBacks.delete(r);
            if (first && tie.includes(first.unit.label)) r.note = first.note(r);
          }
        }
      }
      return;
    }
    for (const { u, lost } of beaten) {
      const lostRow = row(lost.sim)!;
      const to = lostRow.holderIndex !== undefined ? lostRow.states[lostRow.holderIndex]!.node : lostRow.tie!.join(' or ');
      for (const p of u.parts) {
        const r = row(p.sim);
        if (!r || r.holderIndex !== p.i) continue;
        let out = excluded.get(r);
        if (!out) excluded.set(r, (out = new Set()));
        out.add(p.i);
        const tmp: FailoverScenario = { label: r.label, kind: r.kind, states: r.states.map((st, i) => (out!.has(i) ? { node: st.node, state: 'down' } : st)) };
        if (start) decideStart(tmp, p.sim.facts);
        else decide(tmp, p.sim.facts, undefined);
        r.holderIndex = tmp.holderIndex;
        r.holder = tmp.holder;
        r.tie = tmp.tie;
        r.heldBySyncGroup = undefined;
        r.syncGroup = { node: u.label, group: u.group, lost: lost.sim.group.members[lost.i]!.instance.name, to };
        r.note = syncNote(r.syncGroup, tmp.note);
        reach(p.sim);
      }
    }
  }
}

/**
 * Which of the crossed groups is likely MASTER first once a stopped node's priority-0 adverts have set every BACKUP's
 * master-down timer to its skew time, (256 - priority)/256 × advert_int (vrrp_state_backup): a group goes MASTER when
 * its last member times out, so the one whose lowest member has the highest priority, at one advert_int. Seen live
 * (2.2.7): b G {90, 90} before c G {VI_1 80, VI_2 95} (cluster64, 3 runs), c G {85, 85} before a G {100, 80}
 * (session 60's recheck). A guess only, by tens of milliseconds: the row stays a race.
 */
function firstGroupUp(units: SyncUnit[], row: (sim: GroupSimulation) => FailoverScenario | undefined): { unit: SyncUnit; note: (r: FailoverScenario) => string } | undefined {
  const lowest = new Map<SyncUnit, number>();
  const ints = new Set<number>();
  for (const u of units) {
    let low = Infinity;
    for (const p of u.parts) {
      // Only where the stopped node held every member's VIPs (so it sent priority 0 for each).
      const r = row(p.sim);
      const st = r?.states[p.i];
      if (r?.kind !== 'node-down' || p.sim.report.scenarios[0]!.holderIndex !== r.nodeIndex || st?.state !== 'up') return undefined;
      low = Math.min(low, st.priority!);
      ints.add(advertIntOf(p.sim.group.members[p.i]!));
    }
    lowest.set(u, low);
  }
  if (ints.size !== 1) return undefined;
  const ranked = [...lowest].sort((x, y) => y[1] - x[1]);
  if (ranked.length < 2 || ranked[0]![1] === ranked[1]![1]) return undefined;
  const [unit, low] = ranked[0]!;
  const others = ranked.slice(1).map(([u, p]) => `${u.label}'s (${p})`);
  return {
    unit,
    note: (r) => {
      const down = r.states[r.nodeIndex!]!.node;
      return `likely ${unit.label}: after ${down}'s priority-0 adverts each BACKUP times out after its skew time, and the lowest member of ${unit.label}'s sync group ${unit.group} (${low}) outranks ${others.join(' and ')}`;
    },
  };
}

function syncNote(g: NonNullable<FailoverScenario['syncGroup']>, then?: string): string {
  return `${g.node}'s sync group ${g.group} is BACKUP as a whole, since its ${g.lost} goes to ${g.to}${then ? `; ${then}` : ''}`;
}

/** The healthy rows with the sync groups of every node applied. */
function syncGroupsAtStart(sims: GroupSimulation[]): void {
  const { units, unitOf } = syncUnits(sims);
  if (!units.length) return;
  const rows = new Map(sims.map((s) => [s, s.report.scenarios[0]!] as const));
  settleSyncGroups(rows, () => undefined, units, unitOf, true);
}

/**
 * The failure rows with the sync groups applied on the node that loses a member: its other members' VIPs go too.
 * A virtual router without a row for the event (nothing changes for it by itself) gets one when they do.
 */
function syncGroupsToBackup(sims: GroupSimulation[]): void {
  const { units, unitOf } = syncUnits(sims);
  if (!units.length) return;
  const events = new Map<string, Map<GroupSimulation, FailoverScenario>>();
  const sources = new Map<string, { scn: FailoverScenario; node: number }>();
  for (const sim of sims) {
    if (!unitOf.has(sim)) continue;
    for (const scn of sim.report.scenarios) {
      const key = eventKey(sim, scn);
      if (!key) continue;
      let byEvent = events.get(key);
      if (!byEvent) events.set(key, (byEvent = new Map()));
      byEvent.set(sim, scn);
      if (!sources.has(key)) sources.set(key, { scn, node: sim.group.members[scn.nodeIndex!]!.index });
    }
  }
  for (const [key, rows] of events) {
    const src = sources.get(key)!;
    const added = new Set<FailoverScenario>();
    const rowOf = (sim: GroupSimulation): FailoverScenario | undefined => {
      const i = sim.group.members.findIndex((m) => m.index === src.node);
      if (i < 0 || src.scn.kind !== 'check-fails') return undefined;
      const healthy = sim.report.scenarios[0]!;
      const r: FailoverScenario = { label: src.scn.label, kind: 'check-fails', nodeIndex: i, tracker: src.scn.tracker, states: healthy.states, holder: healthy.holder, holderIndex: healthy.holderIndex, tie: healthy.tie };
      // Each node on its own, the running MASTER as before: where a sync group put the VIPs elsewhere while healthy,
      // the settling puts them there again unless the event lets the whole group take them.
      // After a start race, likewise from no holder: the race stands below unless the event settles it.
      if (healthy.syncGroup && (healthy.holderIndex !== undefined || healthy.syncGroup.race)) {
        r.holder = r.holderIndex = r.tie = undefined;
        decide(r, sim.facts, healthy.holderIndex);
      }
      added.add(r);
      return r;
    };
    settleSyncGroups(rows, rowOf, units, unitOf, false);
    // Groups that still each lose a member to another after a start race: whichever node holds the VIPs keeps them.
    const stillCrossed = (u: SyncUnit) => {
      let held = false;
      let lost = false;
      for (const p of u.parts) {
        const r = rows.get(p.sim);
        if (!r) continue;
        if (r.holderIndex === p.i) held = true;
        else if (loses(r, p.i)) lost = true;
      }
      return held && lost;
    };
    const revert = [...rows].filter(([sim]) => sim.report.scenarios[0]!.syncGroup?.race && [...unitOf.get(sim)!.values()].some(stillCrossed));
    // Unless the event took a node of the race down or into FAULT: then the groups of the nodes left race again (the
    // recheck of session 60, three nodes live: b, which held both VIPs, stopped, and c's group took them, not a's).
    const rerace = new Map<GroupSimulation, FailoverScenario>();
    for (const [sim, r] of revert) {
      const healthy = sim.report.scenarios[0]!;
      const up = new Set(r.states.filter((st) => st.state === 'up').map((st) => st.node));
      if (!(healthy.tie ?? []).every((l) => up.has(l))) {
        rerace.set(sim, r);
        continue;
      }
      r.holderIndex = r.holder = r.note = undefined;
      r.tie = healthy.tie;
      r.syncGroup = healthy.syncGroup;
    }
    if (rerace.size) {
      settleSyncGroups(rerace, () => undefined, units, unitOf, true);
      for (const r of rerace.values()) if (r.syncGroup?.race) r.syncGroup = { ...r.syncGroup, rerace: true };
    }
    for (const [sim, r] of rows) {
      const healthy = sim.report.scenarios[0]!;
      if (!added.has(r) || (r.holderIndex === healthy.holderIndex && (r.tie ?? []).join('\0') === (healthy.tie ?? []).join('\0'))) continue;
      if (!r.note && r.holderIndex !== undefined) {
        const u = unitOf.get(sim)?.get(r.holderIndex);
        if (u) r.note = `${u.label}'s sync group ${u.group} takes every member's VIPs, as each of them wants MASTER there`;
      }
      const list = sim.report.scenarios;
      const at = list.findIndex((x) => x.kind === 'node-down');
      list.splice(at < 0 ? list.length : at, 0, r);
    }
  }
}

/** How the table and messages say a tracked object fails: an interface or a BFD session goes down. */
export function failVerb(kind: TrackerKind): string {
  return kind === 'interface' || kind === 'bfd' ? 'goes down' : 'fails';
}

/** `100 + 20 (script chk) = 120`: how a node's priority is made up in a scenario. */
export function breakdown(f: MemberFacts, failing?: Tracker): string {
  if (f.owner) return '255 (address owner)';
  const parts: string[] = [];
  for (const t of f.trackers) {
    const c = contribution(t, t === failing);
    if (c === 'fault') return 'FAULT';
    if (c) parts.push(`${c > 0 ? '+' : '-'} ${Math.abs(c)} (${t.kind} ${t.name}${t.reverse ? ' reverse' : ''}${t === failing ? ' failing' : ''})`);
  }
  const r = evaluate(f, failing);
  return parts.length ? `${f.base} ${parts.join(' ')} = ${r.priority}` : String(f.base);
}

/** How the table and messages write a priority. */
/** Whether a failure scenario's tie is the healthy one, with the failed node outside it (so no holder changes). */
export function tieUnchanged(s: FailoverScenario, healthy: FailoverScenario | undefined): boolean {
  const before = healthy?.tie;
  if (!before || !s.tie || s.tie.length !== before.length || !s.tie.every((n) => before.includes(n))) return false;
  return s.nodeIndex === undefined || !before.includes(s.states[s.nodeIndex]!.node);
}

export function describeState(s: NodeState): string {
  return s.state === 'up' ? String(s.priority) : s.state === 'fault' ? 'FAULT' : 'down';
}

export function trackerLine(t: Tracker): string {
  const w = t.weight === 0 ? 'weight 0' : `weight ${t.weight > 0 ? '+' : ''}${t.weight}${t.reverse ? ' reverse' : ''}`;
  return `${t.kind} ${t.name} (${w}${t.viaInstance ? `, tracked by ${t.viaInstance} in sync group ${t.fromSyncGroup}` : t.fromSyncGroup ? `, from sync group ${t.fromSyncGroup}` : ''})`;
}

export type { AstNode, VrrpInstance };
