// Shared helpers for the VRRP rules: keepalived's effective view of an instance (family, version,
// priority, strict mode, unicast), read order of top-level blocks, and report shorthands.

import { argText, child, childrenNamed, type AstNode, type ValueLine, type Word } from '../../core/analysis/ast.js';
import { canonicalAddress, ipFamily, parseInteger, type Family } from '../../core/analysis/values.js';
import type { KeepalivedConfig, VrrpInstance } from '../../core/model/model.js';
import type { Range } from '../../core/syntax/cst.js';
import { addressDropped } from './addresses.js';

/** Words a bool keyword accepts as "off". */
const OFF_WORDS = new Set(['off', 'false', 'no']);

/** Where a node's keyword is, for reports (the keyword word, else the line). */
export function keywordRange(node: AstNode): Range {
  return node.word?.range ?? node.range;
}

/** The instance name word, or the keyword when the name is missing. */
export function nameRange(node: AstNode): Range {
  return node.args[0]?.range ?? keywordRange(node);
}

/** The closing brace of a block (keepalived reports end-of-block checks on that line), else its header. */
export function closeRange(node: AstNode): { file: string; range: Range } {
  // The brace may sit in another file than the keyword (a block closed inside an include).
  if (node.closeBrace) return { file: node.closeBrace.file, range: node.closeBrace.range };
  return { file: node.file, range: nameRange(node) };
}

export function wordsRange(words: Word[]): Range {
  return { start: words[0]!.range.start, end: words[words.length - 1]!.range.end };
}

/** Whether `vrrp_strict` (global) or the instance's own `strict_mode` applies. */
export function isStrict(model: KeepalivedConfig, inst: VrrpInstance): boolean {
  const own = child(inst.node, 'strict_mode');
  if (own) {
    const v = argText(own);
    return v === undefined || !OFF_WORDS.has(v);
  }
  return model.globalDefs?.vrrpStrict ?? false;
}

/**
 * The instance's address family as keepalived settles it: the first address-bearing line in the
 * block (VIP, unicast_src_ip, mcast_src_ip, mcast_dst_ip, unicast peer, native_ipv6) fixes it; IPv4
 * when there is none.
 * eVIPs do not count (they may be of either family).
 */
export function instanceFamily(inst: VrrpInstance): Family | undefined {
  return familySetter(inst)?.family;
}

// Rules ask for these per instance many times; the analysis does not change while rules run.
const familyCache = new WeakMap<VrrpInstance, { node: AstNode; family: Family } | null>();
const peersCache = new WeakMap<VrrpInstance, Word[]>();

/** The child line that fixes the instance's family, and the family. */
export function familySetter(inst: VrrpInstance): { node: AstNode; family: Family } | undefined {
  let cached = familyCache.get(inst);
  if (cached === undefined) {
    cached = findFamilySetter(inst) ?? null;
    familyCache.set(inst, cached);
  }
  return cached ?? undefined;
}

function findFamilySetter(inst: VrrpInstance): { node: AstNode; family: Family } | undefined {
  for (const c of inst.node.children) {
    if (c.keyword === 'virtual_ipaddress' || c.keyword === 'unicast_peer') {
      for (const line of c.values ?? []) {
        // An address skipped for its options never reaches the family check.
        if (c.keyword === 'virtual_ipaddress' && addressDropped(line, 'vip')) continue;
        const f = ipFamily((line.words[0]?.text ?? '').split('/')[0]!);
        if (f) return { node: c, family: f };
      }
    } else if (c.keyword === 'native_ipv6') {
      return { node: c, family: 6 };
    } else if (c.keyword === 'unicast_src_ip' || c.keyword === 'mcast_src_ip' || c.keyword === 'mcast_dst_ip') {
      const f = ipFamily(argText(c) ?? '');
      if (f) return { node: c, family: f };
    }
  }
  return undefined;
}

/**
 * How `version 2` meets IPv6 in keepalived 2.2.7: a `version 2` read before the first IPv6 address
 * sticks (VRRPv2 over IPv6), one read after it is ignored; strict mode forces VRRPv3 either way.
 */
export function ipv6Version2(model: KeepalivedConfig, inst: VrrpInstance): 'kept' | 'ignored' | 'strict' | undefined {
  const setter = familySetter(inst);
  const v = inst.version;
  if (!setter || setter.family !== 6 || v?.value !== 2) return undefined;
  if (isStrict(model, inst)) return 'strict';
  const kids = inst.node.children;
  return kids.indexOf(v.node) < kids.indexOf(setter.node) ? 'kept' : 'ignored';
}

/**
 * The VRRP version keepalived runs the instance with: IPv6 means 3 (unless an earlier
 * `version 2` stuck, see ipv6Version2), else the instance's valid `version`, else global
 * `vrrp_version`, else 2.
 */
export function effectiveVersion(model: KeepalivedConfig, inst: VrrpInstance): 2 | 3 {
  if (instanceFamily(inst) === 6) return ipv6Version2(model, inst) === 'kept' ? 2 : 3;
  const own = inst.version?.value;
  if (own === 2 || own === 3) return own;
  const global = model.globalDefs?.vrrpVersion?.value;
  if (global === 2 || global === 3) return global;
  return 2;
}

/**
 * The initial state as keepalived reads it: once a `state MASTER` line is read, later `state`
 * lines are ignored ("state previously set as MASTER"); any other word means BACKUP.
 */
export function stateOf(inst: VrrpInstance): { value: 'MASTER' | 'BACKUP'; node: AstNode } | undefined {
  let found: { value: 'MASTER' | 'BACKUP'; node: AstNode } | undefined;
  for (const c of inst.node.children) {
    if (c.keyword !== 'state' || !c.args[0]) continue;
    if (found?.value === 'MASTER') break;
    found = { value: c.args[0].text === 'MASTER' ? 'MASTER' : 'BACKUP', node: c };
  }
  return found;
}

/** Keepalived's priority: a valid `priority`, else 255 with `state MASTER`, else 100. */
export function basePriority(inst: VrrpInstance): number {
  const p = inst.priority?.value;
  if (p !== undefined && p >= 1 && p <= 255) return p;
  // An invalid priority is replaced by the default 100, not derived from the state.
  if (inst.priority) return 100;
  return stateOf(inst)?.value === 'MASTER' ? 255 : 100;
}

/** The initial state keepalived wants: `state MASTER`, or no state and priority 255. */
export function wantsMaster(inst: VrrpInstance): boolean {
  const state = stateOf(inst);
  if (state) return state.value === 'MASTER';
  return basePriority(inst) === 255;
}

/** `nopreempt` in effect: the last of `nopreempt` / `preempt` wins. */
export function nopreemptNode(inst: VrrpInstance): AstNode | undefined {
  let last: AstNode | undefined;
  for (const c of inst.node.children) if (c.keyword === 'nopreempt' || c.keyword === 'preempt') last = c;
  return last?.keyword === 'nopreempt' ? last : undefined;
}

/** Keywords that mark an instance as unicast (keepalived's "unicast configured" flag). */
export const UNICAST_KEYWORDS = ['unicast_peer', 'unicast_src_ip', 'unicast_fault_no_peer', 'check_unicast_src', 'old_unicast_checksum'];

/** Peers keepalived keeps (all `unicast_peer` blocks merged; peers of the other family are dropped). */
export function unicastPeerWords(inst: VrrpInstance): Word[] {
  let peers = peersCache.get(inst);
  if (!peers) {
    const family = instanceFamily(inst) ?? 4;
    peers = childrenNamed(inst.node, 'unicast_peer').flatMap((b) =>
      (b.values ?? []).map((l) => l.words[0]).filter((w): w is Word => !!w && ipFamily(w.text) === family),
    );
    peersCache.set(inst, peers);
  }
  return peers;
}

/** True when keepalived runs the instance unicast: a unicast keyword and at least one peer. */
export function isUnicast(inst: VrrpInstance): boolean {
  return unicastPeerWords(inst).length > 0;
}

/** Position of each top-level block in keepalived's read order (includes already inlined). */
export function topLevelOrder(model: KeepalivedConfig): Map<AstNode, number> {
  const order = new Map<AstNode, number>();
  model.root.children.forEach((n, i) => order.set(n, i));
  return order;
}

/** Sync group membership as keepalived resolves it: members that exist, first group wins. */
export interface Membership {
  /** instance name -> the sync group node that owns it */
  groupOf: Map<string, AstNode>;
  /** sync group node -> valid members (as written) */
  members: Map<AstNode, Word[]>;
}

export function syncMembership(model: KeepalivedConfig): Membership {
  const names = new Set(model.vrrpInstances.map((i) => i.name));
  const groupOf = new Map<string, AstNode>();
  const members = new Map<AstNode, Word[]>();
  const seenGroups = new Set<string>();
  for (const g of model.syncGroups) {
    // A second sync group with the same name is skipped by keepalived (KA209 reports it).
    if (seenGroups.has(g.name)) continue;
    seenGroups.add(g.name);
    const valid: Word[] = [];
    for (const m of g.members) {
      if (!names.has(m.text) || groupOf.has(m.text)) continue;
      groupOf.set(m.text, g.node);
      valid.push(m);
    }
    members.set(g.node, valid);
  }
  return { groupOf, members };
}

/** The vrrp_instance blocks keepalived keeps (the first of a duplicated name). */
export function uniqueInstances(model: KeepalivedConfig): VrrpInstance[] {
  const seen = new Set<string>();
  return model.vrrpInstances.filter((i) => {
    if (!i.name || seen.has(i.name)) return false;
    seen.add(i.name);
    return true;
  });
}

/** A weight word pair `weight N` on a track line: the parsed number (undefined if absent). */
export function lineWeight(words: Word[]): number | undefined {
  const i = words.findIndex((w, k) => k > 0 && w.text === 'weight');
  if (i < 0 || !words[i + 1]) return undefined;
  return parseInteger(words[i + 1]!.text);
}


/**
 * Whether the instance still starts as MASTER after keepalived's own corrections: strict mode
 * forces the state to match priority 255, and AH authentication turns a non-owner MASTER into BACKUP.
 */
export function initialMaster(model: KeepalivedConfig, inst: VrrpInstance): boolean {
  const owner = basePriority(inst) === 255;
  const strict = isStrict(model, inst);
  if (strict && stateOf(inst)) return owner;
  if (!wantsMaster(inst)) return false;
  const auth = inst.authentication;
  const ahApplies = !strict && auth?.type?.value === 'AH' && !!auth.pass?.value && effectiveVersion(model, inst) === 2 && instanceFamily(inst) !== 6;
  return !(ahApplies && !owner);
}

/** 224.0.0.0/4: the first octet is 224..239. */
export function isIPv4Multicast(addr: string): boolean {
  const first = parseInt(addr, 10);
  return first >= 224 && first <= 239;
}

/** First two bytes of an IPv6 address. */
function ipv6FirstBytes(addr: string): [number, number] {
  const g = parseInt(canonicalAddress(addr).split(':')[0] || '0', 16);
  return [g >> 8, g & 0xff];
}
export const isIPv6Multicast = (a: string): boolean => ipv6FirstBytes(a)[0] === 0xff;
export const isIPv6LinkLocalMulticast = (a: string): boolean => isIPv6Multicast(a) && (ipv6FirstBytes(a)[1] & 0x0f) === 2;

/** Why keepalived skips the instance's mcast_dst_ip, or undefined when it is used. */
export function mcastDstProblem(inst: VrrpInstance): string | undefined {
  const addr = inst.mcastDstIp?.value;
  if (!addr) return undefined;
  const f = ipFamily(addr);
  if (!f) return 'it is not an IP address';
  const family = instanceFamily(inst);
  if (family && f !== family) return `it is IPv${f} but '${inst.name}' is an IPv${family} instance`;
  if (f === 4 && !isIPv4Multicast(addr)) return 'it is not a multicast address (224.0.0.0/4)';
  if (f === 6 && !isIPv6LinkLocalMulticast(addr)) return 'it is not an IPv6 link-local multicast address (ff02::/16)';
  return undefined;
}

/** A track_* line keepalived drops for its options: a second word other than `weight`, or no value (KA336). */
export function trackLineDropped(words: Word[]): boolean {
  const opt = words[1];
  return !!opt && (opt.text !== 'weight' || !words[2]);
}

/** The virtual addresses keepalived keeps: not skipped for their options, of the instance's family. */
export function usableVips(inst: VrrpInstance): ValueLine[] {
  const family = instanceFamily(inst) ?? 4;
  return childrenNamed(inst.node, 'virtual_ipaddress')
    .flatMap((b) => b.values ?? [])
    .filter((l) => !addressDropped(l, 'vip') && ipFamily((l.words[0]?.text ?? '').split('/')[0]!) === family);
}
