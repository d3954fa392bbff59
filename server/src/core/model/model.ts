// The typed model: what users write, with typed values (numbers as numbers, enums as unions,
// addresses parsed), each with the AST node it came from for ranges. Built from the AST; anything
// not modelled here is still in the AST as a generic node.

import { child, childrenNamed, type AstNode, type ValueLine, type Word } from '../analysis/ast.js';
import { blankMinusFixed, blankOnly, clampedNumber, DAEMON_READS_LEADING_SINCE, daemonLeadingNumber, daemonPrefix, FIXED_POINT_TIMERS_SINCE, fixedPointLeading, fullLengthPrefix, globalMcastGroupRefused, looseNumber, looselyRead, cutDecimal, parseDecimal, parseInteger, parsePrefix, strtodValue, ipFamily, sockaddrFamily, sockaddrText, type Family, type Prefix } from '../analysis/values.js';
import { argIn, argOptionalIn, argsIn, caseFoldedValueIn, clampedIn, compareVersions, looseReadingIn, parseVersion, type ArgSpec, type Version } from '../schema/schema.js';
import { PORT_RANGE_CHECKED_SINCE, sorryServerKept } from '../analysis/skips.js';
import { BFD_PROCESS, CHECKER_PROCESS, configTestVrrpReadings, readBfdBlocks, VRRP_PROCESS, type BfdBlockReading } from '../analysis/bfd-processes.js';

export type VrrpState = 'MASTER' | 'BACKUP';
export type LbKind = 'NAT' | 'DR' | 'TUN';
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type CheckerKind = 'TCP_CHECK' | 'HTTP_GET' | 'SSL_GET' | 'MISC_CHECK' | 'SMTP_CHECK' | 'DNS_CHECK' | 'UDP_CHECK' | 'PING_CHECK' | 'FILE_CHECK' | 'BFD_CHECK';
export const CHECKER_KINDS: CheckerKind[] = ['TCP_CHECK', 'HTTP_GET', 'SSL_GET', 'MISC_CHECK', 'SMTP_CHECK', 'DNS_CHECK', 'UDP_CHECK', 'PING_CHECK', 'FILE_CHECK', 'BFD_CHECK'];

/** A value together with where it was written. */
export interface Located<T> {
  value: T;
  node: AstNode;
}

export interface Address {
  text: string;
  /** The address and prefix length keepalived uses: the full length (/32, /128) for one it refuses (`/33`), from 2.0.7. */
  prefix?: Prefix;
  family?: Family;
  /** The family of the address part alone (before any `/`), even when the prefix length is invalid. */
  addressFamily?: Family;
  /** Options after the address (`dev eth0`, `label x`…), as written. */
  options: string[];
  words: Word[];
  /** The line the address was read from, and the block it is in. */
  line: ValueLine;
  block: AstNode;
  /** Filled by rules/vrrp/addresses.ts on first use (the problems of the options): a field rather than a WeakMap per line. */
  derived?: unknown;
  /**
   * global_defs has dynamic_interfaces: keepalived then keeps an address whose `dev` no interface can have (waiting for
   * it) instead of skipping it (set once the model is built; rules/vrrp/addresses.ts addressDropped).
   */
  dynamicInterfaces?: true;
}

/**
 * One line of a track_* block, as written. keepalived's reading of it depends on the tracked object and the
 * release, and is applied where it matters (cluster/failover.ts: refsToTrackers): a weight outside -254..254
 * (a track_bfd's -253..253) is refused and the object's own weight used, ±254 on a track_script or
 * track_interface line becomes ±253, and a line without `reverse` inherits a vrrp_script's `weight … reverse`.
 */
export interface TrackRef {
  name: string;
  /** The weight on the line (`chk weight 20`), as written; undefined without one. */
  weight?: number;
  /** Whether the line itself says `reverse` after its weight. */
  reverse: boolean;
  words: Word[];
}

export interface GlobalDefs {
  node: AstNode;
  routerId?: Located<string>;
  enableScriptSecurity: boolean;
  scriptUser?: Located<string>;
  vrrpStrict: boolean;
  /** `dynamic_interfaces`: keepalived waits for an interface that does not exist instead of refusing it. */
  dynamicInterfaces: boolean;
  vrrpVersion?: Located<number>;
  vrrpMcastGroup4?: Located<string>;
  vrrpMcastGroup6?: Located<string>;
}

export interface VrrpScript {
  node: AstNode;
  name: string;
  script?: Located<string>;
  interval?: number;
  weight?: Located<number>;
  /** Whether any weight line says `reverse` (keepalived keeps the flag once set, whatever a later weight line says). */
  weightReverse: boolean;
  /** 1 for a value keepalived refuses (`rise 0`: "invalid, defaulting to 1"). */
  rise?: number;
  fall?: number;
  user?: Located<string>;
}

export interface TrackFile {
  node: AstNode;
  name: string;
  file?: string;
  weight?: Located<number>;
  /** Set when one of the two processes that read track files never sees this one (see `PartlyUnread`). */
  unreadBy?: PartlyUnread;
}

/**
 * A top-level block only some of its readers see: the others were still skipping an earlier block, which
 * they skip by counting braces, when it came, because a '{' inside that block opened nothing and was
 * never matched (walker: `swallowed`). A track_file after such a vrrp_instance is read by the VRRP
 * process but not by the checker ("track_file X not found" at a FILE_CHECK), and after such a
 * virtual_server the other way round.
 */
export interface PartlyUnread {
  vrrp: boolean;
  checker: boolean;
  /** The block whose skip ran on past this one, and the '{' that kept it going. */
  skipped: AstNode;
  brace: Word;
}

export interface TrackProcess {
  node: AstNode;
  name: string;
  process?: string;
  weight?: Located<number>;
}

export interface Authentication {
  node: AstNode;
  type?: Located<string>;
  /**
   * The last auth_pass, as written. keepalived sends only its first 8 bytes (KA302 reports a longer one), so two
   * passwords that differ after the 8th byte are the same password to it (KA404 compares the kept bytes and says when only the rest differs).
   */
  pass?: Located<string>;
}

export interface VrrpInstance {
  node: AstNode;
  name: string;
  state?: Located<VrrpState | string>;
  interface?: Located<string>;
  /** The VRID keepalived keeps: the last valid line (it ignores one out of 1..255); undefined when no line is valid. */
  virtualRouterId?: Located<number>;
  /** The priority keepalived keeps: the last line's, or 100 for a value it refuses (`priority 0`, `256`, `abc`). */
  priority?: Located<number>;
  /**
   * The last `priority` line with an argument, also when that argument is not a number: keepalived
   * then uses 100, not the priority derived from the state.
   */
  priorityLine?: AstNode;
  /**
   * The last advert_int keepalived takes (it ignores one it cannot read or out of range: then undefined, the default 1 s),
   * in seconds as written: for VRRPv2 keepalived rounds a fraction to whole seconds (`1.5` is sent as 2; KA326
   * says so), which this value does not do.
   */
  advertInt?: Located<number>;
  /** The first valid `version` line (2 or 3): keepalived ignores another word and a later different version. */
  version?: Located<number>;
  authentication?: Authentication;
  virtualIpaddresses: Address[];
  virtualIpaddressesExcluded: Address[];
  virtualRoutes: AstNode[];
  virtualRules: AstNode[];
  trackScripts: TrackRef[];
  trackInterfaces: TrackRef[];
  trackFiles: TrackRef[];
  trackProcesses: TrackRef[];
  trackBfds: TrackRef[];
  /**
   * The address the instance sends from: the last unicast_src_ip or mcast_src_ip line (one setting in keepalived; its
   * node says which keyword), as keepalived reads it (up to a '/' or '-').
   */
  unicastSrcIp?: Located<string>;
  unicastPeers: Address[];
  mcastDstIp?: Located<string>;
  /** The nopreempt line in effect: the last of the nopreempt and preempt lines, when it is a nopreempt. */
  nopreempt?: AstNode;
  preemptDelay?: Located<number>;
  notify: { kind: string; node: AstNode; command: string; words: Word[] }[];
  /**
   * The address family of the instance: that of the first line keepalived reads an address from (a VIP, a unicast
   * peer, unicast_src_ip, mcast_src_ip, mcast_dst_ip) or native_ipv6; it refuses later addresses of the other family.
   */
  family?: Family;
  /**
   * The VRRP version keepalived runs: 3 for IPv6 (2 when a `version 2` line came before the first IPv6 address, outside
   * strict mode), else the first valid `version`, else the global vrrp_version, else 2.
   */
  effectiveVersion: number;
  /** Effective priority: explicit, else 255 with state MASTER, else 100 (keepalived's defaults). */
  effectivePriority: number;
  /**
   * The state the configuration asks for: the `state` line keepalived keeps (any word but MASTER is BACKUP), else
   * MASTER when the priority is 255. Before keepalived's corrections at start-up: see `startState` for the state it
   * starts in.
   */
  effectiveState: VrrpState;
  /**
   * The state keepalived starts the instance in (its wantstate; 2.2.7 dumps): `effectiveState`, except that strict mode
   * makes it MASTER exactly for the address owner ("State MASTER must match being address owner"), AH authentication
   * (VRRPv2, IPv4, outside strict mode) turns a MASTER below priority 255 into BACKUP ("Initial state master is
   * incompatible with AH authentication - clearing"), and a vrrp_sync_group with a MASTER member and a member that is
   * not a MASTER at priority 255 starts all its members as BACKUP. An instance that starts BACKUP may still become
   * MASTER at once when no other router is heard.
   */
  startState: VrrpState;
  /**
   * What rules/vrrp/util.ts derives from the instance's lines, filled there on first use: a field
   * rather than a WeakMap, as some fifty rules ask about each of ~8k instances of a large config.
   */
  derived?: unknown;
}

export interface SyncGroup {
  node: AstNode;
  name: string;
  members: Word[];
  /** What the group tracks, for every member (vrrp.c adds each entry to each instance of the group). */
  trackScripts: TrackRef[];
  trackInterfaces: TrackRef[];
  trackFiles: TrackRef[];
  trackProcesses: TrackRef[];
  trackBfds: TrackRef[];
}

export interface Checker {
  node: AstNode;
  kind: CheckerKind;
  connectPort?: number;
  /** `hasDigest`: some `digest` line (noted while reading the url, so that rules skip the urls without one). */
  urls: { node: AstNode; path?: string; statusCodes: string[]; hasDigest?: boolean }[];
  script?: string;
  /** Which of the ConnectionLine keywords the checker's own lines have (bits), so that rules skip the checkers without. */
  connectionLines?: number;
}

/** Checker lines about its connection, noted as bits in `Checker.connectionLines`. */
export const ConnectionLine = { connectIp: 1, bindto: 2, bindIf: 4, bindPort: 8, host: 16 } as const;

export interface RealServer {
  node: AstNode;
  address: string;
  port?: number;
  /** The last weight keepalived takes (it ignores one out of range); undefined: the virtual server's weight applies. */
  weight?: number;
  checkers: Checker[];
}

export interface VirtualServer {
  node: AstNode;
  /** `ip port`, `fwmark N` or `group NAME`. */
  kind: 'address' | 'fwmark' | 'group';
  address?: string;
  port?: number;
  fwmark?: number;
  group?: string;
  /** The settings keepalived keeps: the last line whose value it takes (it ignores one it reports as invalid). */
  lbAlgo?: Located<string>;
  lbKind?: Located<LbKind | string>;
  protocol?: Located<Protocol | string>;
  /** Seconds; 360 for a bare `persistence_timeout`. */
  persistenceTimeout?: number;
  delayLoop?: number;
  sorryServer?: { address: string; port?: number; node: AstNode };
  realServers: RealServer[];
}

export interface VirtualServerGroup {
  node: AstNode;
  name: string;
  entries: Word[][];
}

export interface BfdInstance {
  node: AstNode;
  name: string;
  /** The last neighbor_ip / neighbour_ip line's address (the last one sets it). */
  neighborIp?: string;
  /**
   * Whether the VRRP process (for track_bfd) and the checker (for BFD_CHECK) keep the instance: both, unless the
   * block has a `vrrp` or a `checker` line, which limit it to that process (both lines: both again), or the
   * process skipped the block, holding an earlier one of the name (see bfd-processes.ts).
   */
  forVrrp: boolean;
  forChecker: boolean;
  /** Which processes read the block: the BFD process (which runs the session), the VRRP process, the checker. */
  readBy: { bfd: boolean; vrrp: boolean; checker: boolean };
  /** Why the VRRP process or the checker, having read the block, dropped it (words that fit after "it"). */
  droppedBy: { vrrp?: string; checker?: string };
  /**
   * Where `keepalived -t` before 2.2.3 (and the daemon after a reload) has the VRRP process keep or drop the block
   * otherwise than the daemon at start does: the VRRP reading starts with the `vrrp`/`checker` lines of an earlier
   * reading still counted (see configTestVrrpReadings). Absent where the readings agree.
   */
  vrrpUnderConfigTest?: { held: boolean; why?: string };
  /** Set when the VRRP process or the checker never sees the block (see `PartlyUnread`). */
  unreadBy?: PartlyUnread;
}

/** A top-level block keepalived read and then lost, keeping nothing of it (see `KeepalivedConfig.lostBlocks`). */
export interface LostBlock {
  node: AstNode;
  /** How many of the root's children come before it in keepalived's read order. */
  before: number;
}

export interface KeepalivedConfig {
  root: AstNode;
  /**
   * Top-level blocks out of the tree that keepalived read and then lost (from 2.2.8, a sync group or
   * track_group ended by a repeated `group` list): what it checks as it reads a line (a tracked name not found,
   * a duplicate track entry) it still said of their lines.
   */
  lostBlocks: LostBlock[];
  /** Lines keepalived ignores as repeats of a first-wins setting (see Walker.ignoredRepeats): nothing they say runs. */
  ignoredRepeats: ReadonlySet<AstNode>;
  globalDefs?: GlobalDefs;
  vrrpScripts: VrrpScript[];
  trackFiles: TrackFile[];
  trackProcesses: TrackProcess[];
  syncGroups: SyncGroup[];
  vrrpInstances: VrrpInstance[];
  virtualServerGroups: VirtualServerGroup[];
  virtualServers: VirtualServer[];
  staticIpaddresses: Address[];
  staticRoutes: AstNode[];
  staticRules: AstNode[];
  bfdInstances: BfdInstance[];
  garpGroups: AstNode[];
}

// ---------- building ----------
//
// A 6 MB config has ~8k instances and ~12k real servers, and the model lives as long as the
// analysis. So each block is read in one pass over its children (no per-block index), each
// node's `args` once (it may be built on demand), and lists are allocated at their exact size,
// with one shared frozen array for the many empty ones (nothing mutates the model).

type Parse<T> = (s: string) => T | undefined;
const asString = (s: string) => s;
const asInt = (s: string) => parseInteger(s);
/** parseDecimal(s)?.value without building the match: `digits[.digits]`. */
const asDecimal = (s: string) => (DECIMAL.test(s) ? Number(s) : undefined);
const DECIMAL = /^\d+(?:\.\d*)?$/;
/** Seconds as keepalived's read_decimal reads them ('.5', '+0.5', '5.' too), to the microsecond it keeps. */
// Timers have six decimal places; one with more and something after them is still read (cutDecimal).
const asSeconds = (s: string) => {
  const d = parseDecimal(s);
  return d === undefined ? cutDecimal(s, 6) : Math.round(d.value * 1e6) / 1e6;
};

// Shared and never modified, but not frozen: a frozen array has an elements kind of its own, and V8
// then stops inlining for-of over every list that may be it (each step goes through the iterator
// builtin and allocates a result: 2-3x slower, and much garbage). test/shared-empty.test.ts checks it stays empty.
const NONE: never[] = [];

/**
 * Whether a line sets nothing for want of its value: its keyword needs an argument and the line has none. keepalived
 * reports it and goes on, says nothing, or stops reading there (KA203 says which); in each case the setting keeps
 * what an earlier line gave it (2.2.7: `router_id a` then a bare `router_id` runs with router ID a). Before its
 * `null_command_crashes_before` a bare script keyword did set a script, one with no name.
 */
function bareLine(c: AstNode): boolean {
  if (c.argCount > 0) return false;
  const spec = c.spec;
  if (spec === undefined) return false;
  const first = (looseTarget === undefined ? spec.args : argsIn(spec, looseTarget))[0];
  if (first === undefined || (looseTarget === undefined ? first.optional === true : argOptionalIn(first, looseTarget))) return false;
  const crashesBefore = spec.null_command_crashes_before === undefined || looseTarget === undefined ? undefined : parseVersion(spec.null_command_crashes_before);
  return crashesBefore === undefined || compareVersions(looseTarget!, crashesBefore) >= 0;
}

/** The last `keyword` line of `node` that sets something (see bareLine). */
function lastSet(node: AstNode, keyword: string): AstNode | undefined {
  const kids = node.children;
  for (let i = kids.length - 1; i >= 0; i--) if (kids[i]!.keyword === keyword && !bareLine(kids[i]!)) return kids[i];
  return undefined;
}

/** The first `keyword` line of `node` that sets something, for a setting keepalived keeps the first of. */
function firstSet(node: AstNode, keyword: string): AstNode | undefined {
  for (const c of node.children) if (c.keyword === keyword && !bareLine(c)) return c;
  return undefined;
}

/** The last `keyword` line of `node` that has a value. */
function lastWithValue(node: AstNode, keyword: string): AstNode | undefined {
  const kids = node.children;
  for (let i = kids.length - 1; i >= 0; i--) if (kids[i]!.keyword === keyword && kids[i]!.argCount > 0 && !ignoredLines.has(kids[i]!)) return kids[i];
  return undefined;
}

/**
 * The interval keepalived runs a vrrp_script at, in seconds: the last line it takes (as the running daemon reads it:
 * `2.5` is 2 before 2.3.2, `+4` is 4), 1 for 0 ("must be greater than 0, setting to 1"); a value out of range is
 * reported and ignored, leaving an earlier line's (2.2.7 dump for `interval 2.5`, `interval -1`: 2 sec). Undefined: the
 * default, 1 s.
 */
function scriptInterval(n: AstNode): number | undefined {
  const kids = n.children;
  for (let i = kids.length - 1; i >= 0; i--) {
    const c = kids[i]!;
    if (c.keyword !== 'interval' || bareLine(c) || c.spec === undefined) continue;
    // strtoul takes a leading '+'.
    const v = parsedArg(c, (t) => asDecimal(t.charCodeAt(0) === 43 ? t.slice(1) : t));
    if (v === 0) return 1;
    if (v !== undefined && inRange(c.spec.args[0]!, v)) return v;
  }
  return undefined;
}

/**
 * Whether any `weight` line of a vrrp_script says `reverse`: keepalived's handler sets the flag on that word and never
 * clears it, so `weight 10 reverse` then `weight 60` runs reversed (2.2.7 dump: "Weight = 60 reverse").
 */
function someWeightReversed(n: AstNode): boolean {
  for (const c of n.children) if (c.keyword === 'weight' && c.argText(1) === 'reverse') return true;
  return false;
}

/** Whether a `version` line sets the instance's version (2 or 3). */
function validVersion(node: AstNode): boolean {
  const v = parsedNumber(node, asInt);
  return v === 2 || v === 3;
}

/** Whether keepalived takes an `advert_int` line: 0.01 to 255 seconds. */
/** Until this release keepalived took any advert_int above 0 and capped or rounded it later (vrrp_adv_handler, then the instance's checks). */
export const ADVERT_INT_RANGE_CHECKED_SINCE: Version = [2, 0, 7];

function validAdvertInt(node: AstNode): boolean {
  const v = parsedNumber(node, asSeconds);
  if (v === undefined) return false;
  if (looseTarget !== undefined && compareVersions(looseTarget, ADVERT_INT_RANGE_CHECKED_SINCE) < 0) {
    // `(int)(atof(word) * 1000000) <= 0` is all it refuses (above 2147.483647 s the int overflows negative).
    const micros = Math.trunc(v * 1e6);
    return micros > 0 && micros <= 2147483647;
  }
  return v >= 0.01 && v <= 255;
}

/** Argument `i` of `node`, parsed, with the node it came from; undefined when absent or unparsable. */
function validVrid(node: AstNode): boolean {
  const digits = node.argDigits(0);
  if (digits >= 0) return digits >= 1 && digits <= 255;
  const text = node.argText(0);
  const v = text === undefined ? undefined : parseInteger(text);
  return v !== undefined && v >= 1 && v <= 255;
}

/**
 * The weight keepalived keeps in a track_file / vrrp_track_process: it takes a later weight line
 * while the weight still has its default (`unset`), and ignores invalid values.
 */
function firstSetWeight(n: AstNode, unset: number, limit: number): Located<number> | undefined {
  let kept: Located<number> | undefined;
  for (const c of n.children) {
    if (c.keyword !== 'weight') continue;
    if (kept && kept.value !== unset) break;
    const w = located(c, asInt);
    if (w && Math.abs(w.value) <= limit) kept = w;
  }
  return kept;
}

/** The release buildModel reads for, while it runs (argAsRead needs it); else undefined. */
let looseTarget: Version | undefined;
/** The build's ignored repeats (buildModel's argument), read where a block's lines are gathered. */
let ignoredLines: ReadonlySet<AstNode> = new Set();
const NO_REPEATS: ReadonlySet<AstNode> = new Set();
/** From this release a weight may be followed by 'reverse' (79f7dbab and its siblings); before it the word is ignored. */
export const WEIGHT_REVERSE_SINCE: Version = [2, 0, 18];
/** Whether the release being modelled reads a weight's 'reverse'. */
function reverseRead(): boolean {
  return looseTarget === undefined || compareVersions(looseTarget, WEIGHT_REVERSE_SINCE) >= 0;
}

function argAsRead(node: AstNode, i: number): string | undefined {
  return argAsReadIn(node, i, looseTarget);
}

/**
 * Argument i of `node` as keepalived `target` reads it: for a number that release reads loosely,
 * its leading number ('6.5' is '6' to a whole-number reader, 'abc' is '0'), so the model and the
 * rules see the value keepalived uses; the walker has reported the difference.
 */
export function argAsReadIn(node: AstNode, i: number, target: Version | undefined): string | undefined {
  const text = node.argText(i);
  const arg = node.spec?.args[i];
  if (arg === undefined || target === undefined || text === undefined) return text;
  // A release that clamps the value uses the bound (1.3.5: 'rise 0' is 1).
  if (arg.clamped !== undefined && clampedIn(arg, target)) {
    const clamped = clampedNumber(argIn(arg, target), text, looseReadingIn(arg, target), arg.clamped.signed === true);
    if (clamped !== undefined) return String(clamped.used);
  }
  // `weight " "`: a blank-only word is 0 to keepalived's unsigned readers (blankOnly), whatever the release.
  if (arg.type === 'unsigned' && !arg.zero_needs_zeros && text !== '' && blankOnly(text)) return '0';
  if (arg.type === 'timer') {
    const used = timerUsed(arg, text, target);
    if (used !== undefined) return used;
  }
  // `rise 2x`: the running daemon uses 2 (keepalived -t reports it and does not).
  if (arg.daemon_reads_leading && compareVersions(target, DAEMON_READS_LEADING_SINCE) >= 0) {
    const used = daemonLeadingNumber(argIn(arg, target), text);
    if (used !== undefined) return String(used);
  }
  if (arg.loose === undefined) return text;
  const reads = looseReadingIn(arg, target);
  if (reads === undefined) return text;
  const read = looselyRead(arg.type, text, reads);
  if (read !== undefined) return String(read.value);
  // A whole hexadecimal word (`0x10`): atof reads all of it, silently, where the fixed-point parse refuses it.
  if (reads === 'decimal' && HEX_WORD.test(text)) return String(looseNumber(text, reads).value);
  return text;
}
const HEX_WORD = /^[+-]?0[xX]/;

/**
 * A timer word that a release before 2.2.3 reads with strtod and takes silently (`preempt_delay 0x10`
 * is 16 s, `1e3` 1000 s, as the walker checks it), as that number; undefined for a plain decimal
 * (the fixed-point parse reads it alike), a word the release reads loosely, or one out of range.
 */
function strtodTimer(arg: ArgSpec, text: string, target: Version): string | undefined {
  if (parseDecimal(text) !== undefined || looseReadingIn(arg, target) !== undefined) return undefined;
  const v = strtodValue(text);
  const read = argIn(arg, target);
  if (v === undefined || !Number.isFinite(v) || (read.min !== undefined && v < read.min) || (read.max !== undefined && v > read.max)) return undefined;
  return String(v === 0 ? 0 : v);
}

/**
 * A timer word that keepalived (2.2.3+) reports as an invalid number and still uses (`delay_loop 6s`
 * is 6 microseconds, see fixedPointLeading), as the number it uses; undefined for any other word.
 */
function timerUsed(arg: ArgSpec, text: string, target: Version): string | undefined {
  const places = arg.decimals ?? 6;
  if (compareVersions(target, FIXED_POINT_TIMERS_SINCE) < 0) return strtodTimer(arg, text, target);
  if (parseDecimal(text) !== undefined || cutDecimal(text, places) !== undefined) return undefined;
  const read = argIn(arg, target);
  // `"  -0"` is 0, `"\t-5"` wraps around (blankMinusFixed), without a message.
  const wrapped = blankMinusFixed(text, places);
  if (wrapped !== undefined) return (read.min === undefined || wrapped.value >= read.min) && (read.max === undefined || wrapped.value <= read.max) ? wrapped.shown : undefined;
  const used = fixedPointLeading(text, places);
  if (used === undefined || (read.min !== undefined && used < read.min) || (read.max !== undefined && used > read.max)) return undefined;
  return used.toFixed(places);
}

function located<T>(node: AstNode | undefined, parse: Parse<T>, i = 0): Located<T> | undefined {
  if (node === undefined) return undefined;
  const text = argAsRead(node, i);
  if (text === undefined) return undefined;
  const value = parse(text);
  return value === undefined ? undefined : { value, node };
}

/**
 * Argument i of `node` when it is a plain number below 2^31 that the target reads as written (not
 * clamped), else -1: read in place, without making its string (asInt, asSeconds and asDecimal all
 * read such a word as that number).
 */
function plainNumberArg(node: AstNode, i: number): number {
  const arg = node.spec?.args[i];
  if (arg !== undefined && arg.clamped !== undefined && looseTarget !== undefined && clampedIn(arg, looseTarget)) return -1;
  const n = node.argDigits(i);
  return n < 2 ** 31 ? n : -1;
}

/** `located` for a number argument (`parse` is asInt, asSeconds or asDecimal), a plain number read in place. */
/**
 * The preempt_delay keepalived sets: a number out of range (not 0 to 1000 seconds) sets 0, no delay ("Preempt_delay
 * not valid!"). A word that is no number stays unread here (undefined), as its reading depends on the release.
 */
function preemptDelayOf(node: AstNode | undefined): Located<number> | undefined {
  const delay = locatedNumber(node, asSeconds);
  return delay && (delay.value < 0 || delay.value > PREEMPT_DELAY_MAX) ? { value: 0, node: delay.node } : delay;
}
/** TIMER_MAX_SEC: the longest preempt_delay keepalived takes, in seconds. */
const PREEMPT_DELAY_MAX = 1000;

function locatedNumber(node: AstNode | undefined, parse: Parse<number>): Located<number> | undefined {
  if (node === undefined) return undefined;
  const n = plainNumberArg(node, 0);
  return n >= 0 ? { value: n, node } : located(node, parse);
}

/** Whether `v` is in the range keepalived (the release modelled) takes for argument `arg`. */
function inRange(arg: ArgSpec, v: number): boolean {
  const read = looseTarget === undefined ? arg : argIn(arg, looseTarget);
  return (read.min === undefined || v >= read.min) && (read.max === undefined || v <= read.max);
}

/**
 * `locatedNumber` for a setting whose invalid value keepalived replaces (the table's `invalid_sets`: `priority 0`
 * is 100, `rise 0` is 1): that value, on the line that set it.
 */
function keptNumber(node: AstNode | undefined, parse: Parse<number>): Located<number> | undefined {
  if (node === undefined) return undefined;
  const v = locatedNumber(node, parse);
  const arg = node.spec?.args[0];
  const sets = arg?.invalid_sets === undefined || arg.invalid_sets === 'leading' ? NaN : Number(arg.invalid_sets);
  if (Number.isNaN(sets) || (v !== undefined && inRange(arg!, v.value))) return v;
  return { value: sets, node };
}

/** A number setting keepalived ignores when invalid: the last line whose value it takes, else undefined (its default). */
function lastValidNumber(node: AstNode, keyword: string, parse: Parse<number>): number | undefined {
  const kids = node.children;
  for (let i = kids.length - 1; i >= 0; i--) {
    const c = kids[i]!;
    if (c.keyword !== keyword || c.spec === undefined) continue;
    const v = parsedNumber(c, parse);
    if (v !== undefined && inRange(c.spec.args[0]!, v)) return v;
  }
  return undefined;
}

/** `parsedArg` for a number argument (see locatedNumber). */
function parsedNumber(node: AstNode | undefined, parse: Parse<number>): number | undefined {
  if (node === undefined) return undefined;
  const n = plainNumberArg(node, 0);
  return n >= 0 ? n : parsedArg(node, parse);
}

/**
 * `located` for a word argument: a value of an enum argument (`state MASTER`) is the table's own
 * string, so the model does not keep a new copy of it for each of thousands of blocks.
 */
function locatedWord(node: AstNode | undefined): Located<string> | undefined {
  if (node === undefined) return undefined;
  const arg = node.spec?.args[0];
  // asString takes the text as argAsRead gives it: as written for an enum keepalived reads strictly.
  const known = arg !== undefined && arg.type === 'enum' && arg.values !== undefined && arg.loose === undefined && arg.clamped === undefined ? node.argOneOf(0, arg.values) : undefined;
  return known !== undefined ? { value: known, node } : located(node, asString);
}

/** The parsed first argument alone, for fields that keep only the value. */
function parsedArg<T>(node: AstNode | undefined, parse: Parse<T>): T | undefined {
  const text = node === undefined ? undefined : argAsRead(node, 0);
  return text === undefined ? undefined : parse(text);
}

/** The texts of all the arguments (without making their words). */
function argTexts(node: AstNode): string[] {
  const texts = new Array<string>(node.argCount);
  for (let i = 0; i < texts.length; i++) texts[i] = node.argText(i)!;
  return texts;
}

function firstArgText(node: AstNode | undefined): string | undefined {
  return node?.argText(0);
}

/** `fn` of each item, without the undefined results, in an exactly sized array. */
function mapDefined<T, U>(items: readonly T[] | undefined, fn: (item: T) => U | undefined): U[] {
  if (!items || !items.length) return NONE;
  const out = new Array<U>(items.length);
  let n = 0;
  for (const item of items) {
    const u = fn(item);
    if (u !== undefined) out[n++] = u;
  }
  if (n === 0) return NONE;
  out.length = n;
  return out;
}

/** `fn` of the children whose keyword passes `keep`, in an exactly sized array. */
function mapChildren<T>(node: AstNode, keep: (keyword: string) => boolean, fn: (child: AstNode) => T): T[] {
  let count = 0;
  for (const c of node.children) if (keep(c.keyword)) count++;
  if (count === 0) return NONE;
  const out = new Array<T>(count);
  let n = 0;
  for (const c of node.children) if (keep(c.keyword)) out[n++] = fn(c);
  return out;
}

/** `list` followed by `more` (a keyword repeated in one block is rare: usually one side is empty). */
function append<T>(list: T[], more: T[]): T[] {
  return list.length === 0 ? more : more.length === 0 ? list : list.concat(more);
}

/**
 * An address line; `options` (the words after the address) is rarely asked for, so it is derived
 * on demand. Rules reuse the families parsed here rather than parsing the line again.
 */
class AddressLine implements Address {
  derived: unknown = undefined;

  constructor(
    readonly text: string,
    readonly prefix: Prefix | undefined,
    readonly addressFamily: Family | undefined,
    readonly line: ValueLine,
    readonly block: AstNode,
  ) {}

  /** The family of the address as keepalived reads it (see `prefix`). */
  get family(): Family | undefined {
    return this.prefix?.family;
  }

  get words(): Word[] {
    return this.line.words;
  }

  get options(): string[] {
    const line = this.line;
    const out: string[] = [];
    for (let i = 1; i < line.argCount; i++) out.push(line.argText(i)!);
    return out;
  }
}

/** The address keepalived (2.0.7+) adds for a prefix length it refuses and replaces by the full length. */
function fullLength(text: string): Prefix | undefined {
  const p = fullLengthPrefix(text);
  return p && { address: p.address, family: p.family, length: p.length };
}

function addressLine(line: ValueLine, block: AstNode): Address | undefined {
  const text = line.argText(0);
  if (text === undefined) return undefined;
  // `10.0.0.9/24x`: the running daemon uses /24 (keepalived -t /32; KA205 says so). `10.0.0.9/33`: both use /32.
  const prefix = parsePrefix(text) ?? (looseTarget !== undefined && compareVersions(looseTarget, DAEMON_READS_LEADING_SINCE) >= 0 ? fullLength(text) ?? daemonPrefix(text) : undefined);
  // Without a valid prefix, the part before the slash may still be an address (rare). A unicast peer is read as a
  // socket address, up to a '-' or a '/' (`2001:db8::1-ff` is the peer 2001:db8::1, of family 6: fuzzing, session 60).
  const slash = prefix ? -1 : text.indexOf('/');
  // Elsewhere a ':' after the slash makes keepalived read an IPv4 address as IPv6, and fail (`192.0.2.1/24:5`).
  const head = prefix ? undefined : block.keyword === 'unicast_peer' ? sockaddrText(text) : slash > 0 && !text.includes(':', slash) ? text.slice(0, slash) : undefined;
  return new AddressLine(text, prefix, prefix ? prefix.family : head ? ipFamily(head) : undefined, line, block);
}

/** From this release an invalid prefix length is the address's full length (read_unsigned; atoi before). */
export const INVALID_PREFIX_FULL_SINCE: Version = [2, 0, 7];

/** The family of the address on a use_ipvlan line (its first word that reads as ADDRESS[/prefix]). */
function ipvlanFamily(line: AstNode): Family | undefined {
  for (let i = 0; i < line.argCount; i++) {
    const family = parsePrefix(line.argText(i)!)?.family;
    if (family) return family;
  }
  return undefined;
}

/** The address lines of a block (`virtual_ipaddress { … }`, `unicast_peer { … }`). */
function addresses(block: AstNode): Address[] {
  return mapDefined(block.values, (line) => addressLine(line, block));
}

/**
 * A `track_*` line: the name, then `weight N`, then `reverse`. keepalived reads `reverse` only as the
 * fourth word, after a weight (`chk weight -10 x reverse` is not reversed: vrrp_track.c). `reads`: how
 * the target release reads the weight when it reads it loosely (atoi before 2.0.7: 'weight -20x' is -20).
 */
function trackRef(line: ValueLine, reads: 'whole' | 'decimal' | undefined, block: string): TrackRef | undefined {
  const words = line.words;
  if (!words[0]) return undefined;
  let weightAt = -1;
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.text === 'weight') {
      weightAt = i;
      break;
    }
  }
  const reverse = words[1]?.text === 'weight' && words[3]?.text === 'reverse' && reverseRead();
  const weightWord = weightAt >= 0 ? words[weightAt + 1] : undefined;
  const weight = weightWord === undefined ? undefined : reads === undefined ? (parseInteger(weightWord.text) ?? daemonTrackWeight(weightWord.text, block)) : looseNumber(weightWord.text, reads).value;
  return { name: words[0].text, weight, reverse, words };
}

/**
 * A track weight with other characters after its number (`weight -20x`): keepalived -t ignores it,
 * the running daemon (2.0.7+) logs a warning and uses the leading number when it is in -254..254
 * (measured with 2.2.7: "Tracked scripts : chk weight -20"); undefined for any other word.
 */
export function daemonTrackWeight(text: string, block: string, target = looseTarget): number | undefined {
  if (target === undefined || compareVersions(target, DAEMON_READS_LEADING_SINCE) < 0) return undefined;
  return daemonLeadingNumber(block === 'track_bfd' ? TRACK_BFD_WEIGHT_READ : TRACK_WEIGHT_READ, text);
}

const TRACK_WEIGHT_READ: ArgSpec = { name: 'weight', type: 'integer', min: -254, max: 254 };
/** track_bfd reads its weight in -253..253 (vrrp_track.c). */
const TRACK_BFD_WEIGHT_READ: ArgSpec = { name: 'weight', type: 'integer', min: -253, max: 253 };

function trackRefs(block: AstNode): TrackRef[] {
  const weightSpec = block.spec?.value_line?.find((a) => a.name === 'weight');
  const reads = weightSpec === undefined || looseTarget === undefined ? undefined : looseReadingIn(weightSpec, looseTarget);
  return mapDefined(block.values, (line) => trackRef(line, reads, block.keyword));
}

/** The last global `vrrp_version` line keepalived takes: one it refuses ("Version must be either 2 or 3") changes nothing. */
function lastVersionLine(blocks: AstNode[]): AstNode | undefined {
  for (let b = blocks.length - 1; b >= 0; b--) {
    const kids = blocks[b]!.children;
    for (let i = kids.length - 1; i >= 0; i--) if (kids[i]!.keyword === 'vrrp_version' && validVersion(kids[i]!)) return kids[i];
  }
  return undefined;
}

/**
 * The last child with this keyword in any of the blocks: keepalived merges repeated blocks, later settings win (a
 * line without its value sets nothing: see bareLine).
 */
function lastIn(blocks: AstNode[], keyword: string): AstNode | undefined {
  for (let b = blocks.length - 1; b >= 0; b--) {
    const found = lastSet(blocks[b]!, keyword);
    if (found) return found;
  }
  return undefined;
}

/**
 * The auth_type line keepalived goes by: the last that says PASS or AH (it reports any other word and keeps what it
 * had), else the last line (rules report its word).
 */
function lastAuthType(blocks: AstNode[]): AstNode | undefined {
  let last: AstNode | undefined;
  for (let b = blocks.length - 1; b >= 0; b--) {
    const kids = blocks[b]!.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const c = kids[i]!;
      if (c.keyword !== 'auth_type') continue;
      last ??= c;
      const t = c.argText(0);
      if (t === 'PASS' || t === 'AH') return c;
    }
  }
  return last;
}

/** The words keepalived's check_true_false reads as false. */
const OFF_WORDS = new Set(['off', 'false', 'no']);
const ON_WORDS = new Set(['on', 'true', 'yes']);

/**
 * Whether a global option such as vrrp_strict ends up on: before 2.3.0 any line turns it on, whatever
 * follows (`vrrp_strict off` too); from 2.3.0 (`readsValue`) an off word turns it off and a word that
 * is neither leaves it as it was (keepalived reports the line).
 */
export function globalOptionOn(blocks: readonly AstNode[], keyword: string, readsValue: boolean): boolean {
  let on = false;
  for (const b of blocks) {
    for (const c of b.children) {
      if (c.keyword !== keyword) continue;
      const v = c.argText(0);
      if (!readsValue || v === undefined || ON_WORDS.has(v)) on = true;
      else if (OFF_WORDS.has(v)) on = false;
    }
  }
  return on;
}

/**
 * Whether an instance runs in strict mode: its last `strict_mode` line (no word: on; on/off words as
 * keepalived's check_true_false reads them; another word is reported and changes nothing), else
 * the global `vrrp_strict`.
 */
export function strictModeOn(strictModeLine: AstNode | undefined, globalStrict: boolean): boolean {
  if (!strictModeLine) return globalStrict;
  const v = strictModeLine.argText(0);
  if (v === undefined || ON_WORDS.has(v)) return true;
  return OFF_WORDS.has(v) ? false : globalStrict;
}

/**
 * Where a block's `keyword` lines, read with keepalived's check_true_false (no word or on/true/yes: on;
 * off/false/no: off; any other word is refused and changes nothing), leave the setting: the line that
 * decided it and whether it is on, or undefined when no line decided it.
 */
export function flagSetting(block: AstNode, keyword: string): { line: AstNode; on: boolean } | undefined {
  let found: { line: AstNode; on: boolean } | undefined;
  const lines = block.children;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.keyword !== keyword) continue;
    const v = line.argText(0);
    if (v === undefined || ON_WORDS.has(v)) found = { line, on: true };
    else if (OFF_WORDS.has(v)) found = { line, on: false };
  }
  return found;
}

/** From this release `vrrp_strict` and `vrrp_skip_check_adv_addr` read on/off (commit 548743ec). */
export const GLOBAL_OPTION_VALUE_SINCE: Version = [2, 3, 0];

/** The global multicast group in effect: the last line keepalived does not refuse (a refused one keeps the group before it). */
function lastMcastGroup(blocks: AstNode[], keyword: string, target: Version | undefined): AstNode | undefined {
  let found: AstNode | undefined;
  for (const b of blocks) for (const c of b.children) if (c.keyword === keyword && !globalMcastGroupRefused(keyword, c.argText(0), target)) found = c;
  return found;
}

function buildGlobalDefs(blocks: AstNode[], target: Version | undefined): GlobalDefs {
  return {
    node: blocks[0]!,
    routerId: located(lastIn(blocks, 'router_id'), asString),
    enableScriptSecurity: !!lastIn(blocks, 'enable_script_security'),
    scriptUser: located(lastIn(blocks, 'script_user'), asString),
    vrrpStrict: globalOptionOn(blocks, 'vrrp_strict', !!target && compareVersions(target, GLOBAL_OPTION_VALUE_SINCE) >= 0),
    dynamicInterfaces: !!lastIn(blocks, 'dynamic_interfaces'),
    vrrpVersion: located(lastVersionLine(blocks), asInt),
    vrrpMcastGroup4: located(lastMcastGroup(blocks, 'vrrp_mcast_group4', target), asString),
    vrrpMcastGroup6: located(lastMcastGroup(blocks, 'vrrp_mcast_group6', target), asString),
  };
}

function buildVrrpScript(n: AstNode): VrrpScript {
  const weight = lastSet(n, 'weight');
  const weightText = weight === undefined ? undefined : argAsRead(weight, 0);
  const weightValue = weightText === undefined ? undefined : parseInteger(weightText);
  return {
    node: n,
    name: firstArgText(n) ?? '',
    script: located(lastSet(n, 'script'), asString),
    interval: scriptInterval(n),
    weight: weightValue === undefined ? undefined : { value: weightValue, node: weight! },
    weightReverse: reverseRead() && someWeightReversed(n),
    // An invalid rise or fall is 1 ("vrrp script rise value '0' invalid, defaulting to 1").
    rise: keptNumber(lastSet(n, 'rise'), asInt)?.value,
    fall: keptNumber(lastSet(n, 'fall'), asInt)?.value,
    user: located(lastSet(n, 'user'), asString),
  };
}

/** Where an unknown `state` word after `state MASTER` sets BACKUP again (before, only MASTER changed anything). */
export const UNKNOWN_STATE_RESETS_SINCE: Version = [2, 0, 0];

/**
 * The `state` line that sets the initial state, given the one kept so far: the last, except that
 * keepalived ignores a BACKUP read after MASTER ("state previously set as MASTER - ignoring BACKUP",
 * vrrp_state_handler). From 2.0.0 an unknown word sets BACKUP even then; before 2.0.0 nothing but
 * MASTER sets the state at all.
 */
function keptStateLine(kept: AstNode | undefined, line: AstNode): AstNode | undefined {
  const word = line.argText(0);
  if (word === undefined) return kept ?? line;
  if (kept === undefined || kept.argText(0) !== 'MASTER') return line;
  // A repeated MASTER changes nothing: the first one stays the line that set it.
  if (word === 'MASTER' || word === 'BACKUP' || (looseTarget !== undefined && compareVersions(looseTarget, UNKNOWN_STATE_RESETS_SINCE) < 0)) return kept;
  return line;
}

function buildVrrpInstance(n: AstNode, globalVersion: number | undefined, globalStrict: boolean): VrrpInstance {
  // The last line of each keyword wins, as in keepalived; blocks accumulate.
  let stateNode: AstNode | undefined;
  let interfaceNode: AstNode | undefined;
  let vridNode: AstNode | undefined;
  let priorityNode: AstNode | undefined;
  let advertIntNode: AstNode | undefined;
  let versionNode: AstNode | undefined;
  let unicastSrcNode: AstNode | undefined;
  let strictModeNode: AstNode | undefined;
  // The first line that gives the instance an address family (keepalived fixes it there and refuses later addresses of
  // the other), and the child index of it and of the version line.
  let family: Family | undefined;
  let familyAt = -1;
  let versionAt = -1;
  let at = -1;
  const setFamily = (f: Family | undefined) => {
    if (family === undefined && f !== undefined) {
      family = f;
      familyAt = at;
    }
  };
  let mcastDstNode: AstNode | undefined;
  let nopreempt: AstNode | undefined;
  let preemptDelayNode: AstNode | undefined;
  let authNodes: AstNode[] | undefined;
  let vips: Address[] = NONE;
  let evips: Address[] = NONE;
  let unicastPeers: Address[] = NONE;
  let trackScripts: TrackRef[] = NONE;
  let trackInterfaces: TrackRef[] = NONE;
  let trackFiles: TrackRef[] = NONE;
  let trackProcesses: TrackRef[] = NONE;
  let trackBfds: TrackRef[] = NONE;
  let virtualRoutes: AstNode[] | undefined;
  let virtualRules: AstNode[] | undefined;
  let notify: VrrpInstance['notify'] | undefined;
  for (const c of n.children) {
    at++;
    // A line without its value sets nothing (bareLine); a bare `state` is still the state line, for the rules and peer.
    if (c.keyword !== 'state' && bareLine(c) && c.children.length === 0) continue;
    switch (c.keyword) {
      case 'state': stateNode = keptStateLine(stateNode, c); break;
      case 'interface': interfaceNode = c; break;
      case 'virtual_router_id':
        // keepalived ignores an invalid VRID line: an earlier valid one stays.
        if (!vridNode || validVrid(c)) vridNode = c;
        break;
      case 'priority': priorityNode = c; break;
      // keepalived ignores an advert_int it cannot read ("not valid! … - ignoring"): an earlier valid one stays.
      case 'advert_int': if (!advertIntNode || validAdvertInt(c)) advertIntNode = c; break;
      // keepalived keeps the first valid version: a later different one conflicts and is ignored.
      // keepalived keeps the first valid version ("Version must be either 2 or 3" ignores another; a later different one
      // conflicts and is ignored).
      case 'version':
        if (!versionNode && validVersion(c)) {
          versionNode = c;
          versionAt = at;
        }
        break;
      // One setting: both keywords set the address the instance sends from (vrrp_srcip_handler), the last line wins.
      case 'unicast_src_ip':
      case 'mcast_src_ip':
        unicastSrcNode = c;
        setFamily(sockaddrFamily(c.argText(0)!));
        break;
      case 'mcast_dst_ip':
        mcastDstNode = c;
        setFamily(sockaddrFamily(c.argText(0)!));
        break;
      case 'native_ipv6': setFamily(6); break;
      case 'use_ipvlan': setFamily(ipvlanFamily(c)); break;
      case 'strict_mode': strictModeNode = c; break;
      case 'nopreempt': nopreempt = c; break;
      // `preempt` clears what a nopreempt before it set (vrrp_preempt_handler; 2.2.7 dump: Preempt = enabled).
      case 'preempt': nopreempt = undefined; break;
      case 'preempt_delay': preemptDelayNode = c; break;
      case 'authentication': (authNodes ??= []).push(c); break;
      case 'virtual_ipaddress': {
        const list = addresses(c);
        setFamily(list.find((a) => a.addressFamily !== undefined)?.addressFamily);
        vips = append(vips, list);
        break;
      }
      case 'virtual_ipaddress_excluded': evips = append(evips, addresses(c)); break;
      case 'unicast_peer': {
        const list = addresses(c);
        setFamily(list.find((a) => a.addressFamily !== undefined)?.addressFamily);
        unicastPeers = append(unicastPeers, list);
        break;
      }
      case 'track_script': trackScripts = append(trackScripts, trackRefs(c)); break;
      case 'track_interface': trackInterfaces = append(trackInterfaces, trackRefs(c)); break;
      case 'track_file': trackFiles = append(trackFiles, trackRefs(c)); break;
      case 'track_process': trackProcesses = append(trackProcesses, trackRefs(c)); break;
      case 'track_bfd': trackBfds = append(trackBfds, trackRefs(c)); break;
      case 'virtual_routes': (virtualRoutes ??= []).push(c); break;
      case 'virtual_rules': (virtualRules ??= []).push(c); break;
      default:
        // A repeated notify line is ignored (the first wins): its script never runs.
        if (c.keyword.startsWith('notify') && !ignoredLines.has(c)) {
          const words = c.args;
          (notify ??= []).push({ kind: c.keyword, node: c, command: words[0]?.text ?? '', words });
        }
    }
  }
  const state = locatedWord(stateNode);
  // An invalid priority is 100 ("Priority not valid! must be between 1 & 255. Using default 100").
  const priority = keptNumber(priorityNode, asInt);
  const version = locatedNumber(versionNode, asInt);
  const unicastSrcIp = located(unicastSrcNode, sockaddrText);
  // IPv6 is VRRPv3, unless a `version 2` read before the first IPv6 address stuck (not in strict mode); else the
  // instance's version, else the global one, else 2 (vrrp_complete_instance).
  const effectiveVersion = family === 6 ? (version?.value === 2 && versionAt < familyAt && !strictModeOn(strictModeNode, globalStrict) ? 2 : 3) : (version?.value ?? globalVersion ?? 2);
  const validPriority = priority && priority.value >= 1 && priority.value <= 255 ? priority.value : undefined;
  const effectiveState: VrrpState = state ? (state.value === 'MASTER' ? 'MASTER' : 'BACKUP') : validPriority === 255 ? 'MASTER' : 'BACKUP';
  const priorityLine = priorityNode?.argText(0) !== undefined ? priorityNode : undefined;
  const effectivePriority = validPriority ?? (priorityLine ? 100 : state?.value === 'MASTER' ? 255 : 100);
  const owner = effectivePriority === 255;
  const strict = strictModeOn(strictModeNode, globalStrict);
  // vrrp_complete_instance: strict mode first (it also drops any authentication), then AH, which needs a password.
  const authentication: Authentication | undefined = authNodes
    ? { node: authNodes[0]!, type: locatedWord(lastAuthType(authNodes)), pass: located(lastIn(authNodes, 'auth_pass'), asString) }
    : undefined;
  const ah = !strict && authentication?.type?.value === 'AH' && !!authentication.pass?.value && effectiveVersion === 2 && family !== 6;
  const startState: VrrpState = strict && state ? (owner ? 'MASTER' : 'BACKUP') : effectiveState === 'MASTER' && ah && !owner ? 'BACKUP' : effectiveState;
  return {
    node: n,
    name: firstArgText(n) ?? '',
    state,
    interface: located(interfaceNode, asString),
    // A line keepalived ignores sets nothing ("VRID not valid", "Advert interval … not valid! … - ignoring"): the
    // instance has no VRID, and the default advert_int. The cluster rules compared such values as if they were read.
    virtualRouterId: vridNode && validVrid(vridNode) ? locatedNumber(vridNode, asInt) : undefined,
    priority,
    priorityLine,
    advertInt: advertIntNode && validAdvertInt(advertIntNode) ? locatedNumber(advertIntNode, asSeconds) : undefined,
    version,
    // Repeated authentication blocks merge; the last auth_type keepalived knows / auth_pass wins.
    authentication,
    virtualIpaddresses: vips,
    virtualIpaddressesExcluded: evips,
    virtualRoutes: virtualRoutes ?? NONE,
    virtualRules: virtualRules ?? NONE,
    trackScripts,
    trackInterfaces,
    trackFiles,
    trackProcesses,
    trackBfds,
    unicastSrcIp,
    unicastPeers,
    mcastDstIp: located(mcastDstNode, sockaddrText),
    nopreempt,
    preemptDelay: preemptDelayOf(preemptDelayNode),
    notify: notify ?? NONE,
    family,
    effectiveVersion,
    effectivePriority,
    effectiveState,
    startState,
    derived: undefined,
  };
}

const CHECKER_KIND_SET: ReadonlySet<string> = new Set(CHECKER_KINDS);
const isChecker = (keyword: string) => CHECKER_KIND_SET.has(keyword);
const isUrl = (keyword: string) => keyword === 'url';
const isRealServer = (keyword: string) => keyword === 'real_server';

function buildUrl(u: AstNode): Checker['urls'][number] {
  let path: AstNode | undefined;
  let statusCodes: string[] = NONE;
  let hasDigest = false;
  for (const c of u.children) {
    const keyword = c.keyword;
    if (keyword === 'path') path = bareLine(c) ? path : c;
    else if (keyword === 'status_code') statusCodes = append(statusCodes, argTexts(c));
    else if (keyword === 'digest') hasDigest = true;
  }
  return { node: u, path: firstArgText(path), statusCodes, hasDigest };
}

export function buildChecker(n: AstNode): Checker {
  let connectPort: AstNode | undefined;
  let miscPath: AstNode | undefined;
  let connectionLines = 0;
  for (const c of n.children) {
    switch (c.keyword) {
      case 'connect_port': if (!bareLine(c)) connectPort = c; break;
      case 'misc_path': if (!bareLine(c)) miscPath = c; break;
      case 'connect_ip': connectionLines |= ConnectionLine.connectIp; break;
      case 'bindto': connectionLines |= ConnectionLine.bindto; break;
      case 'bind_if': connectionLines |= ConnectionLine.bindIf; break;
      case 'bind_port': connectionLines |= ConnectionLine.bindPort; break;
      case 'host': connectionLines |= ConnectionLine.host; break;
    }
  }
  return {
    node: n,
    kind: n.keyword as CheckerKind,
    connectPort: parsedNumber(connectPort, asInt),
    urls: mapChildren(n, isUrl, buildUrl),
    script: firstArgText(miscPath),
    connectionLines,
  };
}

/**
 * A server's port as the target reads it: before PORT_RANGE_CHECKED_SINCE with atoi (1.3.5's inet_stosockaddr),
 * so `80{` (a brace glued to it, which those releases do not split off) is port 80.
 */
function serverPort(text: string): number | undefined {
  const plain = parseInteger(text);
  if (plain !== undefined || looseTarget === undefined || compareVersions(looseTarget, PORT_RANGE_CHECKED_SINCE) >= 0) return plain;
  const digits = /^[ \t\n\v\f\r]*[+-]?\d+/.exec(text);
  return digits ? Number(digits[0].trim()) & 0xffff : 0;
}

function buildRealServer(n: AstNode): RealServer {
  return {
    node: n,
    address: sockaddrText(n.argText(0) ?? ''),
    port: portOf(n, 1),
    // A weight out of range is reported and ignored ("Real server weight -1 is outside range 0-…").
    weight: lastValidNumber(n, 'weight', asInt),
    checkers: mapChildren(n, isChecker, buildChecker),
  };
}

/** Argument i of a server line as a port (see serverPort), a plain number read in place. */
function portOf(n: AstNode, i: number): number | undefined {
  const digits = n.argDigits(i);
  if (digits >= 0) return digits;
  const text = n.argText(i);
  return text !== undefined ? serverPort(text) : undefined;
}

/** Whether keepalived takes a protocol line's word: TCP, UDP or SCTP, in any case from 2.0.0 (exactly before). */
function protocolKept(node: AstNode): boolean {
  const arg = node.spec?.args[0];
  return arg !== undefined && caseFoldedValueIn(arg, node.argText(0), looseTarget) !== undefined;
}
const DEFAULT_PERSISTENCE = 360;

/** Whether keepalived takes the word of an enum setting line (a scheduler, a forwarding method): one the table lists. */
function enumValueKept(node: AstNode): boolean {
  const word = node.argText(0);
  return word !== undefined && node.spec?.args[0]?.values?.includes(word) === true;
}

/** Whether keepalived takes a persistence_timeout line: no value (the default) or one in its range. */
function persistenceKept(node: AstNode): boolean {
  if (node.argCount === 0) return true;
  const v = parsedNumber(node, asInt);
  const arg = node.spec?.args[0];
  const max = arg ? (looseTarget ? argIn(arg, looseTarget) : arg).max : undefined;
  return v !== undefined && v >= 1 && (max === undefined || v <= max);
}

function buildVirtualServer(n: AstNode): VirtualServer {
  const a0 = n.argText(0);
  const kind = a0 === 'fwmark' ? 'fwmark' : a0 === 'group' ? 'group' : 'address';
  let scheduler: AstNode | undefined;
  let method: AstNode | undefined;
  let protocol: AstNode | undefined;
  let persistenceTimeout: AstNode | undefined;
  let delayLoop: AstNode | undefined;
  let sorry: AstNode | undefined;
  // keepalived reports a value it cannot read ("Invalid lvs_scheduler … - ignoring", "Unknown protocol … - ignoring",
  // "delay loop '0' invalid - ignoring") and keeps the one an earlier line set, else its default (undefined here);
  // lb_algo and lvs_sched, lb_kind and lvs_method are one setting each.
  for (const c of n.children) {
    switch (c.keyword) {
      case 'lb_algo':
      case 'lvs_sched': if (enumValueKept(c)) scheduler = c; break;
      case 'lb_kind':
      case 'lvs_method': if (enumValueKept(c)) method = c; break;
      case 'protocol': if (protocolKept(c)) protocol = c; break;
      case 'persistence_timeout': if (persistenceKept(c)) persistenceTimeout = c; break;
      case 'delay_loop': if ((parsedNumber(c, asSeconds) ?? 0) > 0) delayLoop = c; break;
      // An address or port keepalived cannot read leaves the sorry server an earlier line set.
      case 'sorry_server': if (sorryServerKept(c, looseTarget)) sorry = c; break;
    }
  }
  // The port or mark; a plain number is read in place (parseInteger and serverPort read it alike).
  const digits = n.argDigits(1);
  const a1 = kind === 'group' || digits < 0 ? n.argText(1) : undefined;
  const number = digits >= 0 ? digits : a1 !== undefined ? (kind === 'address' ? serverPort(a1) : parseInteger(a1)) : undefined;
  return {
    node: n,
    kind,
    address: kind === 'address' && a0 !== undefined ? sockaddrText(a0) : undefined,
    port: kind === 'address' ? number : undefined,
    fwmark: kind === 'fwmark' ? number : undefined,
    group: kind === 'group' ? a1 : undefined,
    lbAlgo: locatedWord(scheduler),
    lbKind: locatedWord(method),
    // keepalived 2.x reads the protocol in any case: `protocol tcp` is TCP.
    protocol: protocol ? { value: caseFoldedValueIn(protocol.spec!.args[0]!, protocol.argText(0), looseTarget)!, node: protocol } : undefined,
    // A bare persistence_timeout turns persistence on with keepalived's default, 360 s.
    persistenceTimeout: persistenceTimeout?.argCount === 0 ? DEFAULT_PERSISTENCE : parsedNumber(persistenceTimeout, asInt),
    delayLoop: parsedNumber(delayLoop, asSeconds),
    sorryServer: sorry ? { address: sockaddrText(sorry.argText(0) ?? ''), port: portOf(sorry, 1), node: sorry } : undefined,
    realServers: mapChildren(n, isRealServer, buildRealServer),
  };
}

export function buildModel(root: AstNode, target?: Version, lostBlocks: LostBlock[] = NONE, partlyUnread?: ReadonlyMap<AstNode, PartlyUnread>, ignoredRepeats: ReadonlySet<AstNode> = NO_REPEATS): KeepalivedConfig {
  looseTarget = target;
  ignoredLines = ignoredRepeats;
  try {
    return buildModelFor(root, target, lostBlocks, partlyUnread);
  } finally {
    looseTarget = undefined;
    ignoredLines = NO_REPEATS;
  }
}

function buildModelFor(root: AstNode, target: Version | undefined, lostBlocks: LostBlock[], partlyUnread: ReadonlyMap<AstNode, PartlyUnread> | undefined): KeepalivedConfig {
  // Top-level blocks by kind, in file order.
  const globalDefsBlocks: AstNode[] = [];
  const vrrpScriptBlocks: AstNode[] = [];
  const trackFileBlocks: AstNode[] = [];
  const vrrpTrackFileBlocks: AstNode[] = [];
  const trackProcessBlocks: AstNode[] = [];
  const syncGroupBlocks: AstNode[] = [];
  const instanceBlocks: AstNode[] = [];
  const virtualServerGroupBlocks: AstNode[] = [];
  const virtualServerBlocks: AstNode[] = [];
  const staticIpaddressBlocks: AstNode[] = [];
  const staticRoutes: AstNode[] = [];
  const staticRules: AstNode[] = [];
  const bfdBlocks: AstNode[] = [];
  const garpGroups: AstNode[] = [];
  // Indexed: this loop runs once per build, so V8 optimizes it on the stack, where an iterator made
  // before that point allocates a result per step (~0.5 MB per 6 MB config).
  const top = root.children;
  for (let i = 0; i < top.length; i++) {
    const n = top[i]!;
    switch (n.keyword) {
      case 'global_defs': globalDefsBlocks.push(n); break;
      case 'vrrp_script': vrrpScriptBlocks.push(n); break;
      case 'track_file': trackFileBlocks.push(n); break;
      case 'vrrp_track_file': vrrpTrackFileBlocks.push(n); break;
      case 'vrrp_track_process': trackProcessBlocks.push(n); break;
      case 'vrrp_sync_group': syncGroupBlocks.push(n); break;
      case 'vrrp_instance': instanceBlocks.push(n); break;
      case 'virtual_server_group': virtualServerGroupBlocks.push(n); break;
      case 'virtual_server': virtualServerBlocks.push(n); break;
      case 'static_ipaddress': staticIpaddressBlocks.push(n); break;
      case 'static_routes': staticRoutes.push(n); break;
      case 'static_rules': staticRules.push(n); break;
      case 'bfd_instance': bfdBlocks.push(n); break;
      case 'garp_group': garpGroups.push(n); break;
    }
  }

  const globalDefs = globalDefsBlocks.length ? buildGlobalDefs(globalDefsBlocks, target) : undefined;
  const globalVersion = globalDefs?.vrrpVersion?.value;
  const vrrpInstances = instanceBlocks.map((n) => buildVrrpInstance(n, globalVersion, globalDefs?.vrrpStrict ?? false));
  const syncGroups = syncGroupBlocks.map((n): SyncGroup => ({
    node: n,
    name: firstArgText(n) ?? '',
    members: (child(n, 'group')?.values ?? NONE).flatMap((l) => l.words),
    trackScripts: childrenNamed(n, 'track_script').flatMap(trackRefs),
    trackInterfaces: childrenNamed(n, 'track_interface').flatMap(trackRefs),
    trackFiles: childrenNamed(n, 'track_file').flatMap(trackRefs),
    trackProcesses: childrenNamed(n, 'track_process').flatMap(trackRefs),
    trackBfds: childrenNamed(n, 'track_bfd').flatMap(trackRefs),
  }));
  if (syncGroups.length) syncGroupStartStates(syncGroups, vrrpInstances);
  // A bare `file` line leaves the file an earlier line set.
  const staticIpaddresses = staticIpaddressBlocks.flatMap(addresses);
  if (globalDefs?.dynamicInterfaces) {
    for (const list of [staticIpaddresses, ...vrrpInstances.flatMap((i) => [i.virtualIpaddresses, i.virtualIpaddressesExcluded])]) for (const a of list) a.dynamicInterfaces = true;
  }
  const trackFileModel = (n: AstNode): TrackFile => ({ node: n, name: firstArgText(n) ?? '', file: firstArgText(lastWithValue(n, 'file')), weight: firstSetWeight(n, 1, 254), unreadBy: partlyUnread?.get(n) });
  return {
    root,
    lostBlocks: lostBlocks.length ? lostBlocks : NONE,
    ignoredRepeats: ignoredLines,
    globalDefs,
    vrrpScripts: vrrpScriptBlocks.map(buildVrrpScript),
    // concat, not a spread of the two: the spread of an empty list deoptimized this function on every build.
    trackFiles: trackFileBlocks.map(trackFileModel).concat(vrrpTrackFileBlocks.map(trackFileModel)),
    trackProcesses: trackProcessBlocks.map((n) => ({ node: n, name: firstArgText(n) ?? '', process: firstArgText(firstSet(n, 'process')), weight: firstSetWeight(n, 0, 254) })),
    syncGroups,
    vrrpInstances,
    virtualServerGroups: virtualServerGroupBlocks.map((n) => ({ node: n, name: firstArgText(n) ?? '', entries: (n.values ?? NONE).map((l) => l.words) })),
    virtualServers: virtualServerBlocks.map(buildVirtualServer),
    staticIpaddresses,
    staticRoutes,
    staticRules,
    bfdInstances: buildBfdInstances(bfdBlocks, target, partlyUnread),
    garpGroups,
  };
}

/**
 * keepalived's start-up check of the sync groups (vrrp.c, "if any sync group has member wanting to start in master
 * state…"): a group with a member starting MASTER and one that is not a MASTER at priority 255 starts all its members
 * as BACKUP. An instance belongs to the first group that names it ("cannot exist in more than one sync group"); a
 * name keepalived finds no instance of is left out; two instances of one name are one (the first).
 */
function syncGroupStartStates(groups: SyncGroup[], instances: VrrpInstance[]): void {
  const byName = new Map<string, VrrpInstance>();
  for (const i of instances) if (!byName.has(i.name)) byName.set(i.name, i);
  const taken = new Set<VrrpInstance>();
  for (const g of groups) {
    const members: VrrpInstance[] = [];
    for (const w of g.members) {
      const inst = byName.get(w.text);
      if (inst === undefined || taken.has(inst)) continue;
      taken.add(inst);
      members.push(inst);
    }
    const master = members.some((i) => i.startState === 'MASTER');
    const notOwnerMaster = members.some((i) => i.startState !== 'MASTER' || i.effectivePriority !== 255);
    if (master && notOwnerMaster) for (const i of members) i.startState = 'BACKUP';
  }
}

/** The config test's VRRP reading of a block, where it keeps or drops what the daemon at start does not. */
function vrrpUnderConfigTest(test: BfdBlockReading | undefined, atStart: BfdBlockReading): Pick<BfdInstance, 'vrrpUnderConfigTest'> {
  if (!test || (test.held & VRRP_PROCESS) === (atStart.held & VRRP_PROCESS)) return {};
  return { vrrpUnderConfigTest: { held: (test.held & VRRP_PROCESS) !== 0, why: test.dropped[VRRP_PROCESS] } };
}

function buildBfdInstances(blocks: AstNode[], target: Version | undefined, partlyUnread: ReadonlyMap<AstNode, PartlyUnread> | undefined): BfdInstance[] {
  if (!blocks.length) return [];
  const atStart = readBfdBlocks(blocks, target);
  const readings = atStart.readings;
  const configTest = configTestVrrpReadings(blocks, target, atStart);
  return blocks.map((n) => {
    let neighbor: AstNode | undefined;
    for (let i = 0, kids = n.children; i < kids.length; i++) if (kids[i]!.keyword === 'neighbor_ip' || kids[i]!.keyword === 'neighbour_ip') neighbor = kids[i];
    const r = readings.get(n)!;
    return {
      node: n,
      name: firstArgText(n) ?? '',
      neighborIp: firstArgText(neighbor),
      forVrrp: (r.held & VRRP_PROCESS) !== 0,
      forChecker: (r.held & CHECKER_PROCESS) !== 0,
      readBy: { bfd: (r.readers & BFD_PROCESS) !== 0, vrrp: (r.readers & VRRP_PROCESS) !== 0, checker: (r.readers & CHECKER_PROCESS) !== 0 },
      droppedBy: { vrrp: r.dropped[VRRP_PROCESS] ?? (r.nameTooLong ? 'its name is longer than 31 characters, which the VRRP process refuses' : undefined), checker: r.dropped[CHECKER_PROCESS] },
      ...vrrpUnderConfigTest(configTest?.get(n), r),
      unreadBy: partlyUnread?.get(n),
    };
  });
}
