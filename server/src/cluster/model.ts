// The cluster view shared by every cluster rule: which vrrp_instance on one node is the same
// virtual router as which instance on another. Built once per set of nodes (cached), in linear
// time: instances with the same VRID + interface + VIP set are one group whatever their names (the interface aside where
// the hosts name theirs differently), the rest are matched by name.

import { child, type AstNode, type Word } from '../core/analysis/ast.js';
import { canonicalAddress, sockaddrText } from '../core/analysis/values.js';
import { singleMemberSyncGroupRemoved } from '../core/analysis/skips.js';
import type { Location } from '../core/diagnostics.js';
import type { Range } from '../core/syntax/cst.js';
import type { Located, SyncGroup, VrrpInstance } from '../core/model/model.js';
import type { Analysis } from '../core/index.js';
import type { ClusterNode, FileRule } from '../rules/types.js';
import { addressOptions } from '../rules/vrrp/address-options.js';
import { duplicateVrid } from '../rules/vrrp/duplicate-vrid.js';
import { missingInterface } from '../rules/vrrp/missing-interface.js';
import { missingVirtualIpaddress } from '../rules/vrrp/missing-virtual-ipaddress.js';
import {
  effectiveVersion,
  initialMaster,
  instanceFamily,
  isStrict,
  isUnicast as runsUnicast,
  keptVirtualAddresses,
  mcastDstProblem,
  nopreemptNode,
  unicastPeerWords,
} from '../rules/vrrp/util.js';

export interface Member {
  /** Index of the node in the cluster. */
  index: number;
  node: ClusterNode;
  instance: VrrpInstance;
  /** effectiveAuth, filled on first use by effectiveAuthOf (null: none). */
  auth?: EffectiveAuth | null;
}

export interface InstanceGroup {
  /** Display name: the instance name, or `A / B` when the nodes name it differently. */
  name: string;
  /** One member per node that has the instance, in node order. */
  members: Member[];
  /** How the members were recognised as one virtual router. */
  matchedBy: 'name' | 'vrid-vips';
  /**
   * What paired the first members: the same VRID, interface and VIPs; the same VRID and VIPs on interfaces the hosts
   * name differently; or the name alone (members that join a group later by name are told apart by describeMatch).
   */
  via: 'vrid-interface-vips' | 'vrid-vips' | 'name';
}

export interface ClusterModel {
  nodes: ClusterNode[];
  /** Instance groups present on at least two nodes. */
  groups: InstanceGroup[];
  /** Every group, including instances found on one node only. */
  allGroups: InstanceGroup[];
  groupOf: Map<VrrpInstance, InstanceGroup>;
}

const cache = new WeakMap<ClusterNode[], ClusterModel>();

/** The address part of a VIP, canonical, without prefix length. */
export function vipKey(text: string): string {
  const slash = text.indexOf('/');
  return canonicalAddress(slash < 0 ? text : text.slice(0, slash));
}

/** The VIPs keepalived puts in adverts, canonical and sorted. */
export function vipSet(inst: VrrpInstance): string[] {
  // Only what keepalived keeps: a VIP it drops on one node is not a difference in the adverts.
  const vips = keptVirtualAddresses(inst);
  if (vips.length === 1) return [vipKey(vips[0]!.text)];
  return [...new Set(vips.map((a) => vipKey(a.text)))].sort();
}

/**
 * The file rules that say keepalived refuses the VRRP configuration or stops the VRRP process at start (KA338 no
 * interface, KA301 a VRID used twice, KA312 VRRPv3 or strict mode without a VIP, KA346 an interface no host can have):
 * live 2.2.7, "exited with permanent error CONFIG" on both nodes of real pairs that kalint had paired (template audit).
 */
const VRRP_REFUSERS: readonly FileRule[] = [missingInterface, duplicateVrid, missingVirtualIpaddress, addressOptions];
const VRRP_REFUSED = /rejects the VRRP configuration|stops the VRRP process/;
const refusedCache = new WeakMap<Analysis, boolean>();

/** Whether keepalived refuses this node's VRRP configuration as a whole. */
export function vrrpRefused(analysis: Analysis): boolean {
  let refused = refusedCache.get(analysis);
  if (refused !== undefined) return refused;
  refused = false;
  for (const rule of VRRP_REFUSERS) {
    rule.check({ analysis, target: analysis.target, report: (r) => { if (r.severity !== 'warning' && VRRP_REFUSED.test(r.message)) refused = true; } });
    if (refused) break;
  }
  refusedCache.set(analysis, refused);
  return refused;
}

function validVrid(inst: VrrpInstance): boolean {
  const vrid = inst.virtualRouterId?.value;
  return vrid !== undefined && vrid >= 1 && vrid <= 255;
}

function signature(inst: VrrpInstance): string | undefined {
  const vrid = inst.virtualRouterId?.value;
  if (vrid === undefined) return undefined;
  return `${vrid}|${inst.interface?.value ?? ''}|${vipSet(inst).join(',')}`;
}

/**
 * The groups of one VRID and VIP set that differ only in the interface name, merged where the hosts name their
 * interfaces differently: each group's interface is not an interface of any instance on the other's nodes (eth0 on one
 * host, ens3 on the other). A VRRP advert carries the VRID and the VIPs, not the instance's name, so such instances
 * are one virtual router even when the names say otherwise (live 2.2.7, session 61: VI_1 and VI_2 on eth0 and eth1,
 * swapped on a host with ens3 and ens4, elected one holder per VIP; pairing by name had given false KA412 and KA406).
 * Where a node has that VRID and VIP set on two interfaces, or the interface names are shared, nothing is merged.
 */
function acrossInterfaceNames(groups: InstanceGroup[], instancesOf: VrrpInstance[][]): InstanceGroup[] {
  const byWire = new Map<string, InstanceGroup[]>();
  for (const g of groups) {
    const inst = g.members[0]!.instance;
    const key = `${inst.virtualRouterId!.value}|${vipSet(inst).join(',')}`;
    const list = byWire.get(key);
    if (list) list.push(g);
    else byWire.set(key, [g]);
  }
  const interfacesOf = new Map<number, Set<string>>();
  const interfaces = (index: number) => {
    let set = interfacesOf.get(index);
    if (!set) interfacesOf.set(index, (set = new Set(instancesOf[index]!.map((i) => i.interface?.value ?? ''))));
    return set;
  };
  const merged = new Set<InstanceGroup>();
  for (const list of byWire.values()) {
    if (list.length < 2) continue;
    const nodesSeen = new Set<number>();
    if (list.some((g) => g.members.some((m) => nodesSeen.has(m.index) || !nodesSeen.add(m.index)))) continue;
    const out: InstanceGroup[] = [];
    for (const g of list) {
      const iface = g.members[0]!.instance.interface?.value ?? '';
      const into = out.find((o) =>
        o.members.every((m) => !interfaces(m.index).has(iface)) &&
        g.members.every((m) => o.members.every((x) => !interfaces(m.index).has(x.instance.interface?.value ?? ''))),
      );
      if (!into) {
        out.push(g);
        continue;
      }
      into.members.push(...g.members);
      into.members.sort((a, b) => a.index - b.index);
      into.via = 'vrid-vips';
      merged.add(g);
    }
  }
  return merged.size ? groups.filter((g) => !merged.has(g)) : groups;
}

export function clusterModel(nodes: ClusterNode[]): ClusterModel {
  const hit = cache.get(nodes);
  if (hit) return hit;
  // keepalived pairs instances by what is on the wire, not by name: nodes hear each other when the
  // VRID (and the link) are the same, whatever each file calls the instance. So instances with the
  // same VRID, interface and VIPs on different nodes are one group first (names swapped between
  // the nodes are common), and the rest are matched by name.
  const instancesOf = nodes.map((node) => {
    const seen = new Set<string>();
    // keepalived refuses a second instance of the same name; the first one is the real one.
    const instances = node.analysis.model.vrrpInstances.filter((i) => !seen.has(i.name) && seen.add(i.name));
    // An instance without a valid virtual_router_id makes keepalived refuse the whole VRRP configuration (KA300:
    // the VRRP process exits, live 2.2.7 on real pairs), as do the findings of vrrpRefused: that node runs no
    // instance to pair with another.
    return instances.some((i) => !validVrid(i)) || vrrpRefused(node.analysis) ? [] : instances;
  });
  const bySignature = new Map<string, InstanceGroup>();
  const groupOfInstance = new Map<VrrpInstance, InstanceGroup>();
  nodes.forEach((node, index) => {
    for (const instance of instancesOf[index]!) {
      const sig = signature(instance);
      if (sig === undefined) continue;
      const g = bySignature.get(sig);
      if (!g) bySignature.set(sig, { name: instance.name, members: [{ index, node, instance, auth: undefined }], matchedBy: 'name', via: 'vrid-interface-vips' });
      else if (g.members[g.members.length - 1]!.index !== index) g.members.push({ index, node, instance, auth: undefined });
    }
  });
  const wireGroups = acrossInterfaceNames([...bySignature.values()], instancesOf);
  for (const g of wireGroups) {
    if (g.members.length < 2) continue;
    for (const m of g.members) {
      groupOfInstance.set(m.instance, g);
      if (!g.name.split(' / ').includes(m.instance.name)) {
        g.name += ` / ${m.instance.name}`;
        g.matchedBy = 'vrid-vips';
      }
    }
  }
  // The others by name; an instance joins a VRID group of its name when its node is not in it yet.
  // The VRID groups' names are known before any node is visited, so that the order of the files does
  // not decide whether an instance that differs in its VIPs joins its namesake or stands apart.
  const byName = new Map<string, InstanceGroup>();
  for (const g of wireGroups) {
    if (g.members.length < 2) continue;
    for (const m of g.members) if (!byName.has(m.instance.name)) byName.set(m.instance.name, g);
  }
  const allGroups: InstanceGroup[] = [];
  const listed = new Set<InstanceGroup>();
  nodes.forEach((node, index) => {
    for (const instance of instancesOf[index]!) {
      let g = groupOfInstance.get(instance);
      if (!g) {
        g = byName.get(instance.name);
        if (!g || g.members.some((m) => m.index === index)) {
          g = { name: instance.name, members: [], matchedBy: 'name', via: 'name' };
          if (!byName.has(instance.name)) byName.set(instance.name, g);
        }
        g.members.push({ index, node, instance, auth: undefined });
      }
      for (const m of g.members) if (!byName.has(m.instance.name)) byName.set(m.instance.name, g);
      if (!listed.has(g)) {
        listed.add(g);
        allGroups.push(g);
      }
    }
  });
  for (const g of allGroups) g.members.sort((a, b) => a.index - b.index);

  // Instances the nodes name differently and that differ in something else than VRID, interface
  // and VIPs are left apart: without the same name nothing says they are one virtual router.
  const merged = allGroups;

  const groupOf = new Map<VrrpInstance, InstanceGroup>();
  for (const g of merged) for (const m of g.members) groupOf.set(m.instance, g);
  const model: ClusterModel = { nodes, groups: merged.filter((g) => g.members.length >= 2), allGroups: merged, groupOf };
  cache.set(nodes, model);
  return model;
}

/**
 * How the members of a virtual router were paired across the nodes, for --show-clusters and `explain`: `VI_1 on
 * a.conf (eth0), VI_2 on b.conf (ens3): the same VRID 51 and VIPs; …`.
 */
export function describeMatch(g: InstanceGroup): string {
  const first = g.members[0]!.instance;
  const iface = (i: VrrpInstance) => i.interface?.value ?? '';
  const vrid = first.virtualRouterId?.value;
  const wire = (i: VrrpInstance) => `${i.virtualRouterId?.value}|${vipSet(i).join(',')}`;
  const sameName = g.members.every((m) => m.instance.name === first.name);
  const sameIface = g.members.every((m) => iface(m.instance) === iface(first));
  const list = g.members.map((m) => `${sameName ? '' : `${m.instance.name} on `}${m.node.label}${sameIface ? '' : ` (${iface(m.instance)})`}`).join(', ');
  const head = `${g.name}${vrid !== undefined ? ` (VRID ${vrid})` : ''}: ${list}`;
  if (g.via === 'name') return `${head}: paired by the name ${first.name}${sameIface ? '' : ' (the interfaces differ)'}${g.members.every((m) => wire(m.instance) === wire(first)) ? '' : ', though the VRID or the VIPs differ'}`;
  // Members that joined by name, with another VRID or VIP set than the first.
  const byName = g.members.filter((m) => wire(m.instance) !== wire(first)).map((m) => m.node.label);
  const how =
    g.via === 'vrid-vips'
      ? `paired by the same VRID and VIPs, as the hosts name their interfaces differently${sameName ? '' : ' (the names differ; adverts carry no instance name)'}`
      : sameName
        ? 'the same name, VRID, interface and VIPs'
        : 'paired by the same VRID, interface and VIPs (the names differ; adverts carry no instance name)';
  return `${head}: ${how}${byName.length ? `; ${byName.join(', ')} by the name only` : ''}`;
}

/**
 * `items` with a reference first: of those whose value most items share, the one `rankOf` ranks highest
 * (the first of equals); the others after it in their order. Rules compare each node with the reference, so
 * among three nodes or more the odd one out is reported, and between two the node that starts as MASTER is the
 * reference (users copy the MASTER's file to the BACKUP and edit it), whatever the order the files were given in.
 */
export function majorityFirst<T>(items: readonly T[], valueOf: (item: T) => string | number | undefined, rankOf?: (item: T) => number): T[] {
  if (items.length < 2) return [...items];
  const counts = new Map<string | number | undefined, number>();
  for (const item of items) {
    const v = valueOf(item);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = counts.get(valueOf(items[0]!))!;
  for (let i = 1; i < items.length; i++) {
    const count = counts.get(valueOf(items[i]!))!;
    if (count > bestCount || (count === bestCount && rankOf !== undefined && rankOf(items[i]!) > rankOf(items[best]!))) {
      best = i;
      bestCount = count;
    }
  }
  return [items[best]!, ...items.slice(0, best), ...items.slice(best + 1)];
}

/** How strongly a member stands for the intended setting: one that starts as MASTER, then the higher priority. */
export function masterRank(m: Member): number {
  return (startState(m) === 'MASTER' ? 256 : 0) + m.instance.effectivePriority;
}

/** Likewise for a whole node (settings outside instances, such as virtual servers): how many instances it starts as MASTER. */
export function nodeMasterRank(node: ClusterNode): number {
  const model = node.analysis.model;
  let n = 0;
  for (const inst of model.vrrpInstances) if (initialMaster(model, inst)) n++;
  return n;
}

// ---------- locations and wording ----------

export function at(node: AstNode): Location {
  return { file: node.file, range: node.range };
}

export function atWord(w: Word): Location {
  return { file: w.file, range: w.range };
}

/** Where to point at a node when the thing compared is absent: the instance (or file) header. */
export function fallback(node: ClusterNode): Location {
  const root = node.analysis.model.root;
  const first = root.children[0];
  if (first) return at(first);
  const zero: Range = { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } };
  return { file: node.analysis.file, range: zero };
}

/** The header line of an instance (`vrrp_instance NAME`). */
export function instanceAt(m: Member): Location {
  return at(m.instance.node);
}

/** `VI_1 on B.conf`: how messages name an instance of a node. */
export function on(m: Member): string {
  return `${m.instance.name} on ${m.node.label}`;
}

export function quoteList(items: string[]): string {
  return items.length ? items.join(', ') : '(none)';
}

export function pairs<T>(items: T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) out.push([items[i]!, items[j]!]);
  return out;
}

// ---------- facts keepalived derives per node ----------

/** The global_defs line of `keyword` keepalived keeps: the last, bar repeats it ignores (a first-wins setting). */
export function globalChild(node: ClusterNode, keyword: string): AstNode | undefined {
  const ignored = node.analysis.model.ignoredRepeats;
  let found: AstNode | undefined;
  for (const gd of node.analysis.model.root.children) {
    if (gd.keyword !== 'global_defs') continue;
    for (const c of gd.children) if (c.keyword === keyword && !ignored.has(c)) found = c;
  }
  return found;
}

// keepalived's view of an instance, shared with the single-file VRRP rules (rules/vrrp/util.ts)
// so both families agree on versions, families, unicast and preemption.

/** True when keepalived runs the instance unicast (a peer of the instance's family). */
export function isUnicast(inst: VrrpInstance): boolean {
  return runsUnicast(inst);
}

/** Unicast peers keepalived keeps, canonical. */
export function unicastPeers(inst: VrrpInstance): string[] {
  return unicastPeerWords(inst).map((w) => vipKey(sockaddrText(w.text)));
}

// The instance facts behind these are read once per instance (rules/vrrp/util.ts keeps them).
export function versionOf(m: Member): 2 | 3 {
  return effectiveVersion(m.node.analysis.model, m.instance);
}

/**
 * The interval keepalived runs the instance with, in seconds: VRRPv2 rounds to whole seconds (half up, at most 255),
 * VRRPv3 to 10 ms (at most 40.95), each "must be an integer. rounding" / "in units of 10ms - rounding" (2.2.7 vrrp.c).
 */
export function advertIntOf(m: Member): number {
  const written = m.instance.advertInt?.value ?? 1;
  const unit = versionOf(m) === 3 ? 10_000 : 1_000_000;
  const max = versionOf(m) === 3 ? 4095 * unit : 255 * unit;
  let us = Math.round(written * 1e6);
  if (us >= max + unit) us = max;
  else if (us % unit) us = Math.max(unit, us + unit / 2 - ((us + unit / 2) % unit));
  return us / 1e6;
}

export function familyOf(inst: VrrpInstance): 4 | 6 {
  return instanceFamily(inst) ?? 4;
}

/** The `nopreempt` line in effect (the last of nopreempt / preempt wins). */
export function nopreemptOf(m: Member): AstNode | undefined {
  return nopreemptNode(m.instance);
}

/** The multicast group adverts go to: a usable mcast_dst_ip, else global, else the IANA group. */
export function mcastGroup(node: ClusterNode, inst: VrrpInstance): { value: string; where?: AstNode } {
  if (inst.mcastDstIp && !mcastDstProblem(inst)) return { value: canonicalAddress(inst.mcastDstIp.value), where: inst.mcastDstIp.node };
  const gd = node.analysis.model.globalDefs;
  const six = familyOf(inst) === 6;
  const g = six ? gd?.vrrpMcastGroup6 : gd?.vrrpMcastGroup4;
  if (g) return { value: canonicalAddress(g.value), where: g.node };
  // Canonical like a written group: a global `vrrp_mcast_group6 ff02::12` is the default (tmpl audit: KA416 said they differ).
  return { value: six ? canonicalAddress('ff02::12') : '224.0.0.18' };
}

/** Global vrrp_strict on a node. */
export function strictMode(node: ClusterNode): boolean {
  return !!node.analysis.model.globalDefs?.vrrpStrict;
}

/** Strict mode for one instance: its own strict_mode, else the global vrrp_strict. */
export function strictFor(m: Member): boolean {
  return isStrict(m.node.analysis.model, m.instance);
}

/** The sync groups of a node, by member instance name. */
export interface SyncMembership {
  name: string;
  node: AstNode;
  group: SyncGroup;
  /** `sync_group_tracking_weight`: members keep their weighted tracking. */
  trackingWeight: boolean;
}

export function syncGroupByMember(node: ClusterNode): Map<string, SyncMembership> {
  const out = new Map<string, SyncMembership>();
  const model = node.analysis.model;
  // 2.1.0 to 2.2.2 remove a group left with one member: that instance runs on its own.
  const names = singleMemberSyncGroupRemoved(node.analysis.target) ? new Set(model.vrrpInstances.map((i) => i.name)) : undefined;
  for (const sg of model.syncGroups) {
    if (names && sg.members.filter((m) => names.has(m.text)).length === 1) continue;
    const trackingWeight = !!child(sg.node, 'sync_group_tracking_weight') || !!child(sg.node, 'global_tracking');
    for (const m of sg.members) if (!out.has(m.text)) out.set(m.text, { name: sg.name, node: sg.node, group: sg, trackingWeight });
  }
  return out;
}

const syncCache = new WeakMap<ClusterNode, ReturnType<typeof syncGroupByMember>>();
export function syncGroupOf(node: ClusterNode, inst: VrrpInstance): SyncMembership | undefined {
  let map = syncCache.get(node);
  if (!map) {
    map = syncGroupByMember(node);
    syncCache.set(node, map);
  }
  return map.get(inst.name);
}

/**
 * Whether a line of one member is also a line of another: one file read for several `@id`s, the
 * line under no `@id`. A fix meant for one node must not edit it (it would change every node).
 */
export function lineOfOthers(node: AstNode | undefined, others: (AstNode | undefined)[]): boolean {
  if (!node) return false;
  const file = node.file;
  const offset = node.range.start.offset;
  return others.some((o) => o !== undefined && o.file === file && o.range.start.offset === offset);
}

/** A related location, as rules attach them. */
export function rel(loc: Location, message: string): Location & { message: string } {
  return { file: loc.file, range: loc.range, message };
}

/** Where a member's priority is decided: its `priority` line, else `state`, else the header. */
export function priorityAt(m: Member): Location {
  const i = m.instance;
  return at(i.priority?.node ?? i.state?.node ?? i.node);
}

export function describePriority(m: Member): string {
  const i = m.instance;
  if (i.priority) return `priority ${i.effectivePriority}`;
  return i.state?.value === 'MASTER' ? 'priority 255 (state MASTER without priority)' : 'priority 100 (default)';
}

// What authentication a node really uses for an instance: strict mode and VRRPv3 clear it, and
// an auth_type without auth_pass is ignored by keepalived.
export interface EffectiveAuth {
  type: string;
  pass: string;
  typeAt?: Located<string>;
  passAt?: Located<string>;
}

/** effectiveAuth of a member, computed once (three rules ask for every member). */
export function effectiveAuthOf(m: Member): EffectiveAuth | undefined {
  if (m.auth === undefined) m.auth = effectiveAuth(m.node, m.instance) ?? null;
  return m.auth ?? undefined;
}

export function effectiveAuth(node: ClusterNode, inst: VrrpInstance): EffectiveAuth | undefined {
  const a = inst.authentication;
  // Strict mode and VRRPv3 both ignore authentication ("does not support authentication").
  // An empty password (`auth_pass ""`) turns authentication off too ("Authentication specified but no password given").
  if (!a || !a.pass || a.pass.value === '' || isStrict(node.analysis.model, inst) || effectiveVersion(node.analysis.model, inst) === 3) return undefined;
  // keepalived sets a type only for the exact words PASS and AH; without one (no auth_type line,
  // 'pass', 'PASS;') the instance sends and expects adverts without authentication.
  const type = a.type?.value;
  if (type !== 'PASS' && type !== 'AH') return undefined;
  return { type, pass: a.pass.value, typeAt: a.type, passAt: a.pass };
}

/**
 * The state an instance starts in after keepalived's corrections: `state`, else MASTER for an
 * address owner; strict mode makes it MASTER exactly for the owner ("State MASTER must match being
 * address owner"), and AH authentication turns a non-owner MASTER into BACKUP.
 */
export function startState(m: Member): 'MASTER' | 'BACKUP' {
  return initialMaster(m.node.analysis.model, m.instance) ? 'MASTER' : 'BACKUP';
}
