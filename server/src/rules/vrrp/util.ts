// Shared helpers for the VRRP rules: keepalived's effective view of an instance (family, version,
// priority, strict mode, unicast), read order of top-level blocks, and report shorthands.

import { child, type AstNode, type ValueLine, type Word } from '../../core/analysis/ast.js';
import { canonicalAddress, ipFamily, isIPv4, looseNumber, parseDecimal, parseInteger, parsePrefix, sockaddrAddress, sockaddrFamily, type Family } from '../../core/analysis/values.js';
import { strictModeOn, type Address, type KeepalivedConfig, type VrrpInstance } from '../../core/model/model.js';
import type { Range } from '../../core/syntax/cst.js';
import { compareVersions, looseReadingIn, schema, type Version } from '../../core/schema/schema.js';
import { addressDropped } from './addresses.js';
import { singleMemberSyncGroupRemoved } from '../../core/analysis/skips.js';

/** Where a node's keyword is, for reports (the keyword word, else the line). */
export function keywordRange(node: AstNode): Range {
  return node.word?.range ?? node.range;
}

/** The instance name word, or the keyword when the name is missing. */
export function nameRange(node: AstNode): Range {
  return node.args[0]?.range ?? keywordRange(node);
}

/** The closing brace of a block (keepalived reports end-of-block checks on that line), else where a file's end ended it (before 2.1.4), else its header. */
export function closeRange(node: AstNode): { file: string; range: Range } {
  // The brace may sit in another file than the keyword (a block closed inside an include).
  if (node.closeBrace) return { file: node.closeBrace.file, range: node.closeBrace.range };
  // A file's end ended the block: keepalived names the file's last line (before 2.1.4).
  return node.endedAt ?? { file: node.file, range: nameRange(node) };
}

export function wordsRange(words: Word[]): Range {
  return { start: words[0]!.range.start, end: words[words.length - 1]!.range.end };
}

/** keepalived's default down_timer_adverts (adverts a backup misses before it takes over). */
export const DEFAULT_DOWN_TIMER_ADVERTS = 3;

/** The last line keepalived keeps for a keyword among `lines`: a whole number within [min, max]. */
export function lastWholeNumber(lines: readonly AstNode[], keyword: string, min: number, max: number): number | undefined {
  let kept: number | undefined;
  for (const line of lines) {
    if (line.keyword !== keyword) continue;
    const v = parseDecimal(line.argText(0) ?? '')?.value;
    if (v !== undefined && Number.isInteger(v) && v >= min && v <= max) kept = v;
  }
  return kept;
}

/** The global vrrp_down_timer_adverts keepalived keeps (its default when none). */
export const globalDownTimerAdverts = (root: AstNode): number =>
  lastWholeNumber(topLevelBlocks(root, 'global_defs').flatMap((n) => n.children), 'vrrp_down_timer_adverts', 1, 100) ?? DEFAULT_DOWN_TIMER_ADVERTS;

/** An instance's down_timer_adverts: its own line, else the global one; strict mode puts the default back. */
export function downTimerAdverts(model: KeepalivedConfig, inst: VrrpInstance, global: number): number {
  if (isStrict(model, inst)) return DEFAULT_DOWN_TIMER_ADVERTS;
  return lastWholeNumber(inst.node.children, 'down_timer_adverts', 1, 100) ?? global;
}

/** Whether `vrrp_strict` (global) or the instance's own `strict_mode` applies. */
export function isStrict(model: KeepalivedConfig, inst: VrrpInstance): boolean {
  return strictModeOn(instanceLines(inst).strictMode, model.globalDefs?.vrrpStrict ?? false);
}

// Shared and never modified, but not frozen: a frozen array has an elements kind of its own, and V8
// then stops inlining for-of over every list that may be it (each step goes through the iterator
// builtin and allocates a result: 2-3x slower, and much garbage). test/shared-empty.test.ts checks it stays empty.
const NONE: never[] = [];

/**
 * What the VRRP rules (and the cluster view) read from an instance's own lines, gathered in one
 * pass over its children: a 6 MB config has ~8k instances and some fifty rules ask about them.
 */
class InstanceLines {
  // Every field is set here, so all instances share one object shape.
  /** The child line that fixes the instance's family, and the family (see familySetter): two fields, not an object per instance. */
  familyNode: AstNode | undefined = undefined;
  family: Family | undefined = undefined;
  /** How many `state` lines there are (see stateLines). */
  stateCount = 0;
  /** Whether a use_ipvlan line was read: keepalived ignores every later one ("use_ipvlan already specified"). */
  ipvlanRead = false;
  /** The state keepalived keeps (see stateOf). */
  state: { value: 'MASTER' | 'BACKUP'; node: AstNode } | undefined = undefined;
  /** The last of `nopreempt` / `preempt`. */
  preemptLine: AstNode | undefined = undefined;
  /** The last `strict_mode`. */
  strictMode: AstNode | undefined = undefined;
  /** The first line with one of UNICAST_KEYWORDS. */
  firstUnicastKeyword: AstNode | undefined = undefined;
  unicastFaultNoPeer = false;
  unicastPeerBlocks: AstNode[] = NONE;
  /** The last `unicast_ttl`. */
  unicastTtl: AstNode | undefined = undefined;
  /** How many `mcast_dst_ip` lines there are. */
  mcastDstCount = 0;
  noVirtualIpaddress = false;
  /** track_interface, track_script, track_file, track_process and track_bfd blocks, in order. */
  trackBlocks: AstNode[] = NONE;
  /** `authentication` blocks, in order. */
  authenticationBlocks: AstNode[] = NONE;
  /** Which of the RARE_LINES keywords the instance has (bits of RareLine). */
  rareLines = 0;
  // Filled on first use (null: known to be absent).
  peers: Word[] | undefined = undefined;
  firstUsableVip: ValueLine | null | undefined = undefined;
  mcastDstProblem: string | null | undefined = undefined;

  /** Notes the line that fixes the family, when it does (`family` undefined: it does not). */
  setFamily(node: AstNode, family: Family | undefined): void {
    if (family) {
      this.familyNode = node;
      this.family = family;
    }
  }
}

/** Keywords of the track blocks an instance or sync group may have. */
export const TRACK_BLOCKS: ReadonlySet<string> = new Set(['track_interface', 'track_script', 'track_file', 'track_process', 'track_bfd']);

/** Keywords that mark an instance as unicast (keepalived's "unicast configured" flag). */
export const UNICAST_KEYWORDS = ['unicast_peer', 'unicast_src_ip', 'unicast_fault_no_peer', 'check_unicast_src', 'old_unicast_checksum'];
const UNICAST_KEYWORD_SET: ReadonlySet<string> = new Set(UNICAST_KEYWORDS);

/**
 * Keywords few instances have, noted while reading the lines once, so that the rules about them
 * skip the other instances instead of walking their lines again (each walk over the ~80k lines of a
 * 6 MB config's instances costs milliseconds, most of it in loading the nodes).
 */
export const RareLine = {
  useVmac: 1,
  useVmacAddr: 2,
  vmacXmitBase: 4,
  useIpvlan: 8,
  promoteSecondaries: 16,
  vrf: 32,
  unicastSrcIp: 64,
  mcastSrcIp: 128,
  nativeIpv6: 256,
  unicastPeer: 512,
  smtpAlert: 1024,
  mcastDstIp: 2048,
  lvsSyncDaemonInterface: 4096,
  strictMode: 8192,
  noAccept: 16384,
} as const;
const RARE_LINES = new Map<string, number>([
  ['use_vmac', RareLine.useVmac],
  ['use_vmac_addr', RareLine.useVmacAddr],
  ['vmac_xmit_base', RareLine.vmacXmitBase],
  ['use_ipvlan', RareLine.useIpvlan],
  ['promote_secondaries', RareLine.promoteSecondaries],
  ['vrf', RareLine.vrf],
  ['unicast_src_ip', RareLine.unicastSrcIp],
  ['mcast_src_ip', RareLine.mcastSrcIp],
  ['native_ipv6', RareLine.nativeIpv6],
  ['unicast_peer', RareLine.unicastPeer],
  ['smtp_alert', RareLine.smtpAlert],
  ['mcast_dst_ip', RareLine.mcastDstIp],
  ['lvs_sync_daemon_interface', RareLine.lvsSyncDaemonInterface],
  ['strict_mode', RareLine.strictMode],
  ['no_accept', RareLine.noAccept],
]);

/** RareLine bits by keyword serial: one array read per line instead of a lookup by name. */
let rareBySerial: Uint16Array | undefined;
function rareLineBits(): Uint16Array {
  if (!rareBySerial) {
    const all = schema().all;
    const bits = new Uint16Array(all.length);
    for (const spec of all) if (spec.serial >= 0 && spec.serial < bits.length) bits[spec.serial] = RARE_LINES.get(spec.name) ?? 0;
    rareBySerial = bits;
  }
  return rareBySerial;
}

/** What the instance pass asks of every line besides its keyword: bits by keyword serial (LineKind). */
const LineKind = { unicastKeyword: 1, trackBlock: 2 } as const;
let lineKindBySerial: Uint8Array | undefined;
function lineKindOf(keyword: string): number {
  return (UNICAST_KEYWORD_SET.has(keyword) ? LineKind.unicastKeyword : 0) | (TRACK_BLOCKS.has(keyword) ? LineKind.trackBlock : 0);
}
function lineKinds(): Uint8Array {
  if (!lineKindBySerial) {
    const all = schema().all;
    const kinds = new Uint8Array(all.length);
    for (const spec of all) if (spec.serial >= 0 && spec.serial < kinds.length) kinds[spec.serial] = lineKindOf(spec.name);
    lineKindBySerial = kinds;
  }
  return lineKindBySerial;
}

/** Whether the instance has a line of one of the keywords in `bits` (RareLine). */
export function hasRareLine(inst: VrrpInstance, bits: number): boolean {
  return (instanceLines(inst).rareLines & bits) !== 0;
}

/** The instance's lines as read by readInstanceLines, kept on the instance (the analysis does not change while rules run). */
function instanceLines(inst: VrrpInstance): InstanceLines {
  return (inst.derived ??= readInstanceLines(inst)) as InstanceLines;
}

/** Appends to a list that starts as the shared empty one (most instances have none of most blocks). */
function add(list: AstNode[], node: AstNode): AstNode[] {
  if (list === NONE) return [node];
  list.push(node);
  return list;
}

function readInstanceLines(inst: VrrpInstance): InstanceLines {
  const r = new InstanceLines();
  const rare = rareLineBits();
  const kinds = lineKinds();
  for (let i = 0, kids = inst.node.children; i < kids.length; i++) {
    const c = kids[i]!;
    const keyword = c.keyword;
    const serial = c.spec?.serial ?? -1;
    if (serial >= 0) r.rareLines |= rare[serial] ?? 0;
    // One array read per line instead of two set lookups by name.
    const kind = serial >= 0 && serial < kinds.length ? kinds[serial]! : lineKindOf(keyword);
    if (!r.firstUnicastKeyword && kind & LineKind.unicastKeyword) r.firstUnicastKeyword = c;
    switch (keyword) {
      case 'state':
        r.stateCount++;
        break;
      case 'nopreempt':
      case 'preempt':
        r.preemptLine = c;
        break;
      case 'strict_mode':
        r.strictMode = c;
        break;
      case 'unicast_fault_no_peer':
        r.unicastFaultNoPeer = true;
        break;
      case 'unicast_ttl':
        r.unicastTtl = c;
        break;
      case 'no_virtual_ipaddress':
        r.noVirtualIpaddress = true;
        break;
      case 'virtual_ipaddress':
        if (!r.family) r.setFamily(c, addressBlockFamily(c, inst.virtualIpaddresses, true));
        break;
      case 'unicast_peer':
        r.unicastPeerBlocks = add(r.unicastPeerBlocks, c);
        if (!r.family) r.setFamily(c, addressBlockFamily(c, inst.unicastPeers, false));
        break;
      case 'native_ipv6':
        if (!r.family) r.setFamily(c, 6);
        break;
      case 'use_ipvlan':
        // The ipvlan interface's address, when it comes first, fixes the family too.
        if (!r.family && !r.ipvlanRead) r.setFamily(c, ipvlanFamily(c));
        r.ipvlanRead = true;
        break;
      case 'mcast_dst_ip':
        r.mcastDstCount++;
        if (!r.family) r.setFamily(c, sourceFamily(inst, c));
        break;
      case 'unicast_src_ip':
      case 'mcast_src_ip':
        if (!r.family) r.setFamily(c, sourceFamily(inst, c));
        break;
      case 'authentication':
        r.authenticationBlocks = add(r.authenticationBlocks, c);
        break;
      default:
        if (kind & LineKind.trackBlock) r.trackBlocks = add(r.trackBlocks, c);
    }
  }
  r.state = keptState(inst, r.stateCount);
  return r;
}

/**
 * The model's `state` is the line keepalived keeps (a BACKUP after MASTER is ignored); any word
 * but MASTER and BACKUP means BACKUP.
 */
function keptState(inst: VrrpInstance, count: number): InstanceLines['state'] {
  if (count === 0 || !inst.state) return undefined;
  // The model's { value, node } is the answer when its word is already one of the two (no copy).
  const v = inst.state.value;
  if (v === 'MASTER' || v === 'BACKUP') return inst.state as InstanceLines['state'];
  return { value: 'BACKUP', node: inst.state.node };
}

/** The family a single-address line (unicast_src_ip, mcast_src_ip, mcast_dst_ip) sets. */
function sourceFamily(inst: VrrpInstance, line: AstNode): Family | undefined {
  // The model has the text of the last mcast_dst_ip / unicast_src_ip (usually the only one).
  const text = line === inst.mcastDstIp?.node ? inst.mcastDstIp.value : line === inst.unicastSrcIp?.node ? inst.unicastSrcIp.value : line.argText(0);
  return sockaddrFamily(text ?? '');
}

/** The family of the address on a use_ipvlan line (its first word that reads as ADDRESS[/prefix]). */
function ipvlanFamily(line: AstNode): Family | undefined {
  for (let i = 0; i < line.argCount; i++) {
    const family = parsePrefix(line.argText(i)!)?.family;
    if (family) return family;
  }
  return undefined;
}

/**
 * The first address of a block that fixes the family (`addresses`: the model's list the block's
 * lines are in). An address skipped for its options never reaches the family check.
 */
function addressBlockFamily(block: AstNode, addresses: Address[], vips: boolean): Family | undefined {
  for (let i = 0; i < addresses.length; i++) {
    const a = addresses[i]!;
    const f = a.addressFamily;
    if (f && a.block === block && !(vips && addressDropped(a))) return f;
  }
  return undefined;
}

/**
 * The instance's address family as keepalived settles it: the first address-bearing line in the
 * block (VIP, unicast_src_ip, mcast_src_ip, mcast_dst_ip, unicast peer, native_ipv6) fixes it; IPv4
 * when there is none.
 * eVIPs do not count (they may be of either family).
 */
export function instanceFamily(inst: VrrpInstance): Family | undefined {
  return instanceLines(inst).family;
}

/**
 * The VIPs keepalived brings up: those of the instance's family that survive their options (it
 * drops the others while reading, KA313 and KA346).
 */
export function keptVirtualAddresses(inst: VrrpInstance): Address[] {
  const family = instanceFamily(inst);
  // An address keepalived cannot parse ("VRRP parsed invalid IP … skipping IP") is no VIP either.
  return inst.virtualIpaddresses.filter((a) => a.addressFamily !== undefined && !(family && a.addressFamily !== family) && !addressDropped(a));
}

/** The child line that fixes the instance's family, and the family. */
export function familySetter(inst: VrrpInstance): { node: AstNode; family: Family } | undefined {
  const lines = instanceLines(inst);
  return lines.family ? { node: lines.familyNode!, family: lines.family } : undefined;
}

/**
 * How `version 2` meets IPv6 in keepalived 2.2.7: a `version 2` read before the first IPv6 address
 * sticks (VRRPv2 over IPv6), one read after it is ignored; strict mode forces VRRPv3 either way.
 * `native_ipv6` sets the version to 3 as well as the family (vrrp_native_ipv6_handler, 1.3.1 to 2.4.3): a `version 2`
 * after it is ignored ("conflicts with configured or deduced version 3"), one before it overwritten without a word
 * ('native'; 2.2.7's dump: "VRRP Version = 3").
 */
export function ipv6Version2(model: KeepalivedConfig, inst: VrrpInstance): { how: 'kept' | 'ignored' | 'strict' | 'native'; by: AstNode } | undefined {
  const lines = instanceLines(inst);
  const v = inst.version;
  if (lines.family !== 6 || v?.value !== 2) return undefined;
  const by = lines.familyNode!;
  if (isStrict(model, inst)) return { how: 'strict', by };
  const kids = inst.node.children;
  const at = kids.indexOf(v.node);
  if (at > kids.indexOf(by)) return { how: 'ignored', by };
  for (let i = at + 1; i < kids.length; i++) if (kids[i]!.keyword === 'native_ipv6') return { how: 'native', by: kids[i]! };
  return { how: 'kept', by };
}

/**
 * The VRRP version keepalived runs the instance with: IPv6 means 3 (unless an earlier
 * `version 2` stuck, see ipv6Version2), else the instance's valid `version`, else global
 * `vrrp_version`, else 2.
 */
export function effectiveVersion(model: KeepalivedConfig, inst: VrrpInstance): 2 | 3 {
  if (instanceFamily(inst) === 6) return ipv6Version2(model, inst)?.how === 'kept' ? 2 : 3;
  const own = inst.version?.value;
  if (own === 2 || own === 3) return own;
  const global = model.globalDefs?.vrrpVersion?.value;
  if (global === 2 || global === 3) return global;
  return 2;
}

/** A version line `keepalived -t` reads too: the running daemon also takes the leading number of `3sec`, -t refuses it. */
const TEST_READS_VERSION = /^\+?\d+$/;

/**
 * The VRRP version `keepalived -t` gives the instance, where it differs from what the daemon uses
 * (effectiveVersion): -t refuses `vrrp_version 3sec` ("Version must be either 2 or 3") and keeps the
 * default, and prints what follows from that (a VRRPv2 advert_int rounded). Undefined when both agree.
 */
export function versionAsTestReads(model: KeepalivedConfig, inst: VrrpInstance): 2 | 3 | undefined {
  if (instanceFamily(inst) === 6) return undefined;
  const read = (v: VrrpInstance['version']) => (v && TEST_READS_VERSION.test(v.node.argText(0) ?? '') ? v.value : undefined);
  const own = inst.version;
  const global = model.globalDefs?.vrrpVersion;
  if (!(own && (own.value === 2 || own.value === 3)) && !(global && (global.value === 2 || global.value === 3))) return undefined;
  let test: 2 | 3 = 2;
  const ownRead = read(own);
  const globalRead = read(global);
  if (ownRead === 2 || ownRead === 3) test = ownRead;
  else if (globalRead === 2 || globalRead === 3) test = globalRead;
  return test === effectiveVersion(model, inst) ? undefined : test;
}

/**
 * The initial state as keepalived reads it: once a `state MASTER` line is read, a later BACKUP is
 * ignored ("state previously set as MASTER"); any other word means BACKUP (see the model's keptStateLine).
 */
export function stateOf(inst: VrrpInstance): { value: 'MASTER' | 'BACKUP'; node: AstNode } | undefined {
  return instanceLines(inst).state;
}

/** Every `state` line of the instance, in order (a new list: asked for rarely). */
/** How many `state` lines the instance has (read once, without making a list). */
export function stateLineCount(inst: VrrpInstance): number {
  return instanceLines(inst).stateCount;
}

export function stateLines(inst: VrrpInstance): AstNode[] {
  return inst.node.children.filter((c) => c.keyword === 'state');
}

/** Keepalived's priority: a valid `priority`, else 255 with `state MASTER`, else 100. */
export function basePriority(inst: VrrpInstance): number {
  const p = inst.priority?.value;
  if (p !== undefined && p >= 1 && p <= 255) return p;
  // An invalid priority is replaced by the default 100, not derived from the state.
  if (inst.priority || inst.priorityLine) return 100;
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
  const last = instanceLines(inst).preemptLine;
  return last && last.keyword === 'nopreempt' ? last : undefined;
}

/** Peers keepalived keeps (all `unicast_peer` blocks merged; peers of the other family are dropped). */
export function unicastPeerWords(inst: VrrpInstance): Word[] {
  const lines = instanceLines(inst);
  if (!lines.peers) {
    const family = lines.family ?? 4;
    let peers: Word[] = NONE;
    for (const block of lines.unicastPeerBlocks) {
      for (const line of block.values ?? NONE) {
        const text = line.argText(0);
        // keepalived reads a peer with inet_stosockaddr: a '/…' or '-…' after the address is ignored.
        if (text !== undefined && sockaddrFamily(text) === family) (peers === NONE ? (peers = []) : peers).push(line.argWord(0));
      }
    }
    lines.peers = peers;
  }
  return lines.peers;
}

/** The first line with a unicast keyword (UNICAST_KEYWORDS), whether or not there are peers. */
export function firstUnicastKeyword(inst: VrrpInstance): AstNode | undefined {
  return instanceLines(inst).firstUnicastKeyword;
}

/** How many `mcast_dst_ip` lines the instance has. */
export function mcastDstLineCount(inst: VrrpInstance): number {
  return instanceLines(inst).mcastDstCount;
}

/** Whether the instance has `unicast_fault_no_peer`. */
export function hasUnicastFaultNoPeer(inst: VrrpInstance): boolean {
  return instanceLines(inst).unicastFaultNoPeer;
}

/** Whether some unicast_peer block lists addresses (of any family). */
export function hasAnyUnicastPeerLine(inst: VrrpInstance): boolean {
  return instanceLines(inst).unicastPeerBlocks.some((b) => (b.values ?? NONE).length > 0);
}

/** The first unicast_peer block that lists something (readable or not). */
export function firstFilledUnicastPeerBlock(inst: VrrpInstance): AstNode | undefined {
  return instanceLines(inst).unicastPeerBlocks.find((b) => (b.values ?? NONE).length > 0);
}

/** Whether a unicast_peer line holds an address keepalived can read, of whatever family. */
export function hasAnyReadablePeer(inst: VrrpInstance): boolean {
  return instanceLines(inst).unicastPeerBlocks.some((b) => (b.values ?? NONE).some((line) => sockaddrAddress(line.argText(0) ?? '') !== undefined));
}

/** The `unicast_ttl` line in effect (the last). */
export function unicastTtlLine(inst: VrrpInstance): AstNode | undefined {
  return instanceLines(inst).unicastTtl;
}

/** Whether the instance says it has no VIPs on purpose (keepalived 2.4+ `no_virtual_ipaddress`). */
export function hasNoVirtualIpaddress(inst: VrrpInstance): boolean {
  return instanceLines(inst).noVirtualIpaddress;
}

/** The instance's `authentication` blocks, in order. */
export function authenticationBlocks(inst: VrrpInstance): AstNode[] {
  return instanceLines(inst).authenticationBlocks;
}

/** The instance's track_* blocks, in order. */
export function trackBlocks(inst: VrrpInstance): AstNode[] {
  return instanceLines(inst).trackBlocks;
}

/** True when keepalived runs the instance unicast: a unicast keyword and at least one peer. */
export function isUnicast(inst: VrrpInstance): boolean {
  return unicastPeerWords(inst).length > 0;
}

/**
 * A fact about a whole model, computed on first use and shared by the rules that ask (callers
 * must not modify what they get).
 */
export function perModel<T>(compute: (model: KeepalivedConfig) => T): (model: KeepalivedConfig) => T {
  const cache = new WeakMap<KeepalivedConfig, T>();
  return (model) => {
    let value = cache.get(model);
    if (value === undefined) {
      value = compute(model);
      cache.set(model, value);
    }
    return value;
  };
}

const topLevelCache = new WeakMap<AstNode, Map<string, AstNode[]>>();

/** The last line of `keyword` with a value in these global_defs blocks (keepalived reads them all, later lines win). */
export function lastSetting(blocks: AstNode[], keyword: string): AstNode | undefined {
  let found: AstNode | undefined;
  for (const block of blocks) for (const line of block.children) if (line.keyword === keyword && line.argCount > 0) found = line;
  return found;
}

/**
 * The top-level blocks of `root` with this keyword, in order (shared: callers must not modify it).
 * A large config has ~12k top-level blocks; the rules that want the few global_defs blocks find
 * them here instead of each scanning all of them. One scan per keyword asked for (indexing every
 * keyword would copy the long instance and virtual server lists the model already has).
 */
export function topLevelBlocks(root: AstNode, keyword: string): AstNode[] {
  let byKeyword = topLevelCache.get(root);
  if (!byKeyword) topLevelCache.set(root, (byKeyword = new Map()));
  let list = byKeyword.get(keyword);
  if (!list) {
    list = NONE;
    const tops = root.children;
    for (let i = 0; i < tops.length; i++) {
      const n = tops[i]!;
      if (n.keyword === keyword) (list === NONE ? (list = []) : list).push(n);
    }
    byKeyword.set(keyword, list);
  }
  return list;
}

/** The RareLine bits of every instance together: the rules about a rare line return at once when no instance has one. */
const rareLinesOfAll = perModel((model): number => {
  let bits = 0;
  for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) bits |= instanceLines(insts[i]!).rareLines;
  return bits;
});

/** Whether some instance has a line of one of the keywords in `bits` (RareLine). */
export function anyInstanceHasRareLine(model: KeepalivedConfig, bits: number): boolean {
  return (rareLinesOfAll(model) & bits) !== 0;
}

/**
 * Whether some instance may run in strict mode: `vrrp_strict`, or an instance's own strict_mode
 * line. When not, isStrict is false for every instance, and the rules about strict mode return.
 */
export function anyInstanceStrict(model: KeepalivedConfig): boolean {
  return (model.globalDefs?.vrrpStrict ?? false) || anyInstanceHasRareLine(model, RareLine.strictMode);
}

/**
 * The sync groups whose lines keepalived read, in order: those it keeps, then those it lost at a repeated `group`
 * list (from 2.2.8): what it checks as it reads a line (track entries) it said of both.
 */
export const syncGroupsAsRead = perModel((model): AstNode[] => {
  const out = model.syncGroups.map((g) => g.node);
  for (let i = 0, lost = model.lostBlocks; i < lost.length; i++) if (lost[i]!.node.keyword === 'vrrp_sync_group') out.push(lost[i]!.node);
  return out;
});

/** Position of each top-level block in keepalived's read order (includes already inlined). */
export const topLevelOrder = perModel((model): Map<AstNode, number> => {
  const order = new Map<AstNode, number>();
  model.root.children.forEach((n, i) => order.set(n, i));
  // A lost block (see KeepalivedConfig.lostBlocks) was read between two of the root's children.
  for (let i = 0, lost = model.lostBlocks; i < lost.length; i++) order.set(lost[i]!.node, lost[i]!.before - 0.5);
  return order;
});

/** The first vrrp_instance of each name (the one keepalived keeps). */
export const instancesByName = perModel((model): Map<string, VrrpInstance> => {
  const byName = new Map<string, VrrpInstance>();
  for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) if (!byName.has(insts[i]!.name)) byName.set(insts[i]!.name, insts[i]!);
  return byName;
});

/** Sync group membership as keepalived resolves it: members that exist, first group wins. */
export interface Membership {
  /** instance name -> the sync group node that owns it */
  groupOf: Map<string, AstNode>;
  /** sync group node -> valid members (as written) */
  members: Map<AstNode, Word[]>;
}

export const syncMembership = perModel((model): Membership => {
  const groupOf = new Map<string, AstNode>();
  const members = new Map<AstNode, Word[]>();
  if (!model.syncGroups.length) return { groupOf, members };
  const names = instancesByName(model);
  const seenGroups = new Set<string>();
  for (const g of model.syncGroups) {
    // A second sync group with the same name is skipped by keepalived (KA209 reports it), unless the first had no
    // members: from 2.2.8 that one is removed at its end, and the walker then keeps the second in the tree.
    if (seenGroups.has(g.name)) continue;
    if (g.members.length) seenGroups.add(g.name);
    const valid: Word[] = [];
    for (const m of g.members) {
      if (!names.has(m.text) || groupOf.has(m.text)) continue;
      groupOf.set(m.text, g.node);
      valid.push(m);
    }
    members.set(g.node, valid);
  }
  return { groupOf, members };
});

const liveMemberships = new WeakMap<KeepalivedConfig, Membership>();
/**
 * The sync groups keepalived `target` keeps after reading: before 1.4.0 and from 2.1.0 to 2.2.2 without those left with one member,
 * which it removes (their member then runs on its own). Other releases keep them all (see syncMembership).
 */
export function liveSyncMembership(model: KeepalivedConfig, target: Version): Membership {
  const all = syncMembership(model);
  if (!all.members.size || !singleMemberSyncGroupRemoved(target)) return all;
  let live = liveMemberships.get(model);
  if (!live) {
    live = { groupOf: new Map(), members: new Map() };
    for (const [group, words] of all.members) if (words.length !== 1) live.members.set(group, words);
    for (const [name, group] of all.groupOf) if (live.members.has(group)) live.groupOf.set(name, group);
    liveMemberships.set(model, live);
  }
  return live;
}

/**
 * Whether a sync group lets its members keep weighted tracking: `sync_group_tracking_weight`, or the
 * deprecated `global_tracking`, which keepalived still honours (it sets the same flag after its warning).
 */
export function keepsTrackingWeights(group: AstNode): boolean {
  return !!child(group, 'sync_group_tracking_weight') || !!child(group, 'global_tracking');
}

/** The vrrp_instance blocks keepalived keeps (the first of a duplicated name). */
export const uniqueInstances = perModel((model): VrrpInstance[] => {
  const all = model.vrrpInstances;
  const seen = new Set<string>();
  // Usually every instance is kept: the model's own list is then the answer (no copy).
  let kept: VrrpInstance[] | undefined;
  for (let i = 0; i < all.length; i++) {
    const inst = all[i]!;
    const keep = !!inst.name && !seen.has(inst.name);
    if (keep) seen.add(inst.name);
    if (kept) {
      if (keep) kept.push(inst);
    } else if (!keep) kept = all.slice(0, i);
  }
  return kept ?? all;
});

/** A weight word pair `weight N` on a track line: the parsed number (undefined if absent). */
export function lineWeight(words: Word[], reads?: 'whole' | 'decimal'): number | undefined {
  const i = words.findIndex((w, k) => k > 0 && w.text === 'weight');
  if (i < 0 || !words[i + 1]) return undefined;
  const text = words[i + 1]!.text;
  return parseInteger(text) ?? (reads === undefined ? undefined : looseNumber(text, reads).value);
}

/** How keepalived `target` reads the weights of a track_* block when loosely (atoi before 2.0.7, per the table), else undefined. */
export function trackWeightReading(block: AstNode, target: Version): 'whole' | 'decimal' | undefined {
  const spec = block.spec?.value_line?.find((a) => a.name === 'weight');
  return spec === undefined ? undefined : looseReadingIn(spec, target);
}


/**
 * Whether the instance still starts as MASTER after keepalived's own corrections: strict mode
 * forces the state to match priority 255, and AH authentication turns a non-owner MASTER into BACKUP.
 */
/** Whether AH authentication makes keepalived (2.0.0 on) start this 'state MASTER' instance as BACKUP (KA305). */
export function ahClearsMaster(model: KeepalivedConfig, inst: VrrpInstance): boolean {
  const auth = inst.authentication;
  return wantsMaster(inst) && basePriority(inst) !== 255 && !isStrict(model, inst) && auth?.type?.value === 'AH' && !!auth.pass?.value && effectiveVersion(model, inst) === 2 && instanceFamily(inst) !== 6;
}

export function initialMaster(model: KeepalivedConfig, inst: VrrpInstance): boolean {
  const owner = basePriority(inst) === 255;
  const strict = isStrict(model, inst);
  if (strict && stateOf(inst)) return owner;
  if (!wantsMaster(inst)) return false;
  return !ahClearsMaster(model, inst);
}

/** 224.0.0.0/4: the first octet is 224..239. */
export function isIPv4Multicast(addr: string): boolean {
  // The leading digits read by hand (asked for every instance's group); anything else as parseInt reads it.
  let first = 0;
  let i = 0;
  for (; i < addr.length; i++) {
    const d = addr.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    first = first * 10 + d;
  }
  if (i === 0) first = parseInt(addr, 10);
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
  if (!inst.mcastDstIp) return undefined;
  const lines = instanceLines(inst);
  if (lines.mcastDstProblem === undefined) lines.mcastDstProblem = findMcastDstProblem(inst) ?? null;
  return lines.mcastDstProblem ?? undefined;
}

function findMcastDstProblem(inst: VrrpInstance): string | undefined {
  const written = inst.mcastDstIp?.value;
  if (!written) return undefined;
  // Read as a socket address: a '-range' or '/mask' after it is ignored. A plain IPv4 address (the
  // usual case) is its own socket address: no object made for it.
  const plain = isIPv4(written);
  const sa = plain ? undefined : sockaddrAddress(written);
  if (!plain && !sa) return 'it is not an IP address';
  const addr = sa ? sa.address : written;
  const f: Family = sa ? sa.family : 4;
  const family = instanceFamily(inst);
  if (family && f !== family) return `it is IPv${f} but '${inst.name}' is an IPv${family} instance`;
  if (f === 4 && !isIPv4Multicast(addr)) return 'it is not a multicast address (224.0.0.0/4)';
  if (f === 6 && !isIPv6LinkLocalMulticast(addr)) return 'it is not an IPv6 link-local multicast address (ff02::/16)';
  return undefined;
}

/** From 2.0.18 (f5485747, 79f7dbab) track_interface and track_script drop a line for its options; before, they kept it with the default weight. */
export const TRACK_OPTIONS_DROP_SINCE: Version = [2, 0, 18];

/** Whether keepalived `target` keeps a `block` line whose options it cannot read (only before 2.0.18, and only those two blocks). */
export function trackLineKeptDespiteOptions(block: string, target: Version): boolean {
  return (block === 'track_interface' || block === 'track_script') && compareVersions(target, TRACK_OPTIONS_DROP_SINCE) < 0;
}

/**
 * A line of track block `block` keepalived `target` drops for its options (KA336): a second word other than
 * `weight`, or no value; and in a track_file or track_bfd block, a fourth word other than reverse/noreverse
 * (those two return where the other kinds only ignore the word, since 2.0.18 read the fourth word).
 */
export function trackLineDropped(words: Word[], block: string, target: Version): boolean {
  const opt = words[1];
  if (!opt) return false;
  if (opt.text !== 'weight' || !words[2]) return !trackLineKeptDespiteOptions(block, target);
  return fourthWordDropsEntry(words[3]?.text, block, target);
}

/** Whether `dir`, the word after a track line's weight, makes keepalived `target` drop the whole entry. */
export function fourthWordDropsEntry(dir: string | undefined, block: string, target: Version): boolean {
  return dir !== undefined && dir !== 'reverse' && dir !== 'noreverse' && (block === 'track_file' || block === 'track_bfd') && compareVersions(target, TRACK_OPTIONS_DROP_SINCE) >= 0;
}

/** The first virtual address keepalived keeps: not skipped for its options, of the instance's family. */
export function firstUsableVip(inst: VrrpInstance): ValueLine | undefined {
  const lines = instanceLines(inst);
  if (lines.firstUsableVip === undefined) {
    const family = lines.family ?? 4;
    lines.firstUsableVip = null;
    for (const a of inst.virtualIpaddresses) {
      if (a.addressFamily === family && !addressDropped(a)) {
        lines.firstUsableVip = a.line;
        break;
      }
    }
  }
  return lines.firstUsableVip ?? undefined;
}

/**
 * The VIPs and eVIPs of every instance (first of a duplicated name or not, in file order, VIPs
 * before eVIPs), by canonical address: the Address, or all of them in that order when several
 * share the address. KA314 and KA516 both ask this of the ~16k VIPs of a large config.
 */
export interface VipsByAddress {
  byAddress: Map<string, Address | Address[]>;
  /** The lists of the addresses used more than once. */
  repeated: Address[][];
}

export const vipsByAddress = perModel((model): VipsByAddress => {
  const byAddress = new Map<string, Address | Address[]>();
  const repeated: Address[][] = [];
  const add = (addresses: Address[]) => {
    for (let i = 0; i < addresses.length; i++) {
      const a = addresses[i]!;
      if (!a.prefix) continue;
      const key = canonicalAddress(a.prefix.address);
      const prev = byAddress.get(key);
      if (prev === undefined) byAddress.set(key, a);
      else if (Array.isArray(prev)) prev.push(a);
      else {
        const all = [prev, a];
        byAddress.set(key, all);
        repeated.push(all);
      }
    }
  };
  for (let j = 0, insts = model.vrrpInstances; j < insts.length; j++) {
    add(insts[j]!.virtualIpaddresses);
    add(insts[j]!.virtualIpaddressesExcluded);
  }
  return { byAddress, repeated };
});

/** The `group` blocks of a sync group or track_group that hold no name and come before its last one (which is the one keepalived keeps). */
export function earlierEmptyGroups(owner: AstNode): AstNode[] {
  const groups = owner.children.filter((c) => c.keyword === 'group');
  return groups.slice(0, -1).filter((b) => !(b.values ?? []).some((line) => line.argCount > 0));
}
