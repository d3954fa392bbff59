// What keepalived settles about each virtual_server while reading it — its method, protocol,
// scheduler, address family, the real servers it skips, the group it links to — read in one pass
// over the lines of every virtual server, once per analysis. Most lvs rules ask these questions of
// every virtual server; scanning the lines once per rule and question made the family slow on
// large configs. Each line's words are read at most once (words are built on demand).
//
// The facts live in arrays aligned with the model's lists, with one WeakMap entry per analysis:
// a WeakMap entry per virtual or real server costs more than reading the server (V8's weak tables
// are slow to grow), so rules iterate `lvsFacts(analysis).servers` instead of looking servers up.

import type { Analysis } from '../../core/index.js';
import type { AstNode } from '../../core/analysis/ast.js';
import { ownValue, parseInteger, sockaddrFamily, type Family } from '../../core/analysis/values.js';
import { SERVER_METHOD_PER_SERVER_SINCE, sorryServerKept } from '../../core/analysis/skips.js';
import { argAsReadIn, type KeepalivedConfig, type RealServer, type VirtualServer } from '../../core/model/model.js';
import { readGroup, vsgReading, type GroupInfo } from './vsg-entries.js';
import { collectScriptLines, mayHoldScripts } from './util.js';
import { granularityFamily } from './granularity.js';

/** From this release a tunnelled (TUN) real or sorry server may be of the other family than its virtual server (c1d34c9f). */
export const TUNNEL_FAMILY_FREE_SINCE: Version = [1, 4, 0];
import { argIn, caseFoldedValueIn, compareVersions, schema, valueKnownIn, type KeywordSpec, type Version } from '../../core/schema/schema.js';

export type Forwarding = 'NAT' | 'DR' | 'TUN';

export const isForwarding = (v: string | undefined): v is Forwarding => v === 'NAT' || v === 'DR' || v === 'TUN';

let weightRangeMemo: { target: Version; range: readonly [number, number] } | undefined;
/** The range of a real server's weight in `target` (65535 at most from 2.0.0 to 2.0.19, and at least 1 until 2.0.16). */
function realWeightRange(target: Version): readonly [number, number] {
  if (weightRangeMemo?.target === target) return weightRangeMemo.range;
  const arg = argIn(schema().root.childMap.get('virtual_server')!.childMap.get('real_server')!.childMap.get('weight')!.args[0]!, target);
  const range = [arg.min ?? 0, arg.max ?? 2147483647] as const;
  weightRangeMemo = { target, range };
  return range;
}

let vsWeightMemo: { target: Version; max: number } | undefined;
/** The largest virtual_server `weight` (the real servers' default) `target` accepts: 65535 from 2.0.0 to 2.0.19. */
function vsWeightMax(target: Version): number {
  if (vsWeightMemo?.target === target) return vsWeightMemo.max;
  const arg = argIn(schema().root.childMap.get('virtual_server')!.childMap.get('weight')!.args[0]!, target);
  vsWeightMemo = { target, max: arg.max ?? 2147483647 };
  return vsWeightMemo.max;
}

/** Releases where a real server's weight of INT_MAX is its "unset" mark (see ServerFacts.maxWeightUnset). */
const MAX_WEIGHT_UNSET: [Version, Version] = [[2, 1, 0], [2, 2, 0]];

/** Whether keepalived `target` takes `word` as a scheduler (the table's lb_algo words as of that release: `twos` from 2.2.5). */
export function schedulerKnown(word: string | undefined, target: Version): boolean {
  if (word === undefined) return false;
  const arg = schema().root.childMap.get('virtual_server')!.childMap.get('lb_algo')!.args[0]!;
  // Before 2.0.7 keepalived keeps any word as the scheduler (KA205 says IPVS refuses it).
  return argIn(arg, target).unchecked_in !== undefined || valueKnownIn(arg, word, target);
}


/**
 * How a setting keepalived validates line by line ended up: 'set' when some line has a valid
 * value, 'invalid' when lines exist but none is valid (keepalived ignored them), 'missing'.
 */
export type SettingState = 'set' | 'invalid' | 'missing';

/** The last line of a keyword and its value as an integer (undefined when it is not one). */
export interface IntegerLine {
  node: AstNode;
  value: number | undefined;
}

export interface FamilyFinding {
  node: AstNode;
  kind: 'ip_family' | 'real_server' | 'sorry_server';
  family: Family;
  expected: Family;
  source?: AstNode;
}

export interface GroupDrop {
  /** Why keepalived drops the virtual server while linking it to its group (only logged). */
  reason: 'missing' | 'removed' | 'mixed-group' | 'family';
  groupFamilies?: { v4: boolean; v6: boolean };
}

export interface RealServerFacts {
  rs: RealServer;
  /** The last valid lvs_method of its own. */
  forwarding?: Forwarding;
  /**
   * The virtual server's valid method when the real_server line was read (from 1.3.6): keepalived gives the new
   * server that method, so a later lb_kind does not change it; undefined when none was set yet (the server then
   * gets the method the virtual server has at the end).
   */
  inherited?: Forwarding;
  /** inhibit_on_failure as the block sets it (undefined: never readably set). */
  inhibitOnFailure?: boolean;
}

export interface ServerFacts {
  vs: VirtualServer;
  /** One entry per real server of the model, in the same order. */
  realServers: RealServerFacts[];
  /** The last valid lb_kind / lvs_method. */
  forwarding?: Forwarding;
  forwardingState: SettingState;
  /** The last valid protocol, upper-cased. */
  protocol?: string;
  protocolState: SettingState;
  schedulerState: SettingState;
  /** The word of the first ip_family line ('' when there is none, or it has no word). */
  firstIpFamily: string;
  weight?: IntegerLine;
  quorum?: IntegerLine;
  hysteresis?: IntegerLine;
  /** The quorum and hysteresis keepalived ends up with, made once for KA513 and KA514 (quorum.ts). */
  settled?: import('./quorum.js').QuorumFacts;
  persistenceTimeout?: IntegerLine;
  /**
   * Whether a real server's `weight 2147483647` reads as no weight (2.1.0 to 2.1.5: INT_MAX both bounds the weight
   * and marks it unset, so the server takes the virtual server's weight; 2.2.0 marks unset apart).
   */
  maxWeightUnset: boolean;
  /** The weights a real server's `weight` line may set in the target release (others are refused: the server keeps the default). */
  realWeightRange: readonly [number, number];
  /** The largest virtual_server weight the target accepts (a larger one is refused: the default stays 1). */
  vsWeightMax: number;
  /** Some persistence_timeout line has no value (keepalived reads that as 360 s). */
  barePersistenceTimeout: boolean;
  ops?: AstNode;
  haSuspend?: AstNode;
  /** The last valid sorry_server_lvs_method after the sorry_server line (earlier ones are ignored). */
  sorryOwnForwarding?: Forwarding;
  /** The virtual server's valid method when the sorry_server line was read (see RealServerFacts.inherited). */
  sorryInherited?: Forwarding;
  /** Some sorry_server_inhibit comes after the sorry_server line. */
  sorryInhibit: boolean;
  inhibitOnFailure?: boolean;
  /**
   * Lines only a few rules look at, so that they can skip the virtual servers without any:
   * sh-port / sh-fallback / mh-port / mh-fallback (KA511), sorry_server_inhibit or
   * sorry_server_lvs_method before any sorry_server (KA512).
   */
  hasSchedulerFlag: boolean;
  hasSorryOptionBeforeSorry: boolean;
  /** Some persistence_granularity line (KA533 reads the block's lines only then). */
  hasPersistenceGranularity: boolean;
  /**
   * The family keepalived has settled on when it reads each persistence_granularity line (undefined: none yet),
   * from the service address, ip_family, an earlier accepted value or a real server read before it.
   */
  granularityFamilyAt: Map<AstNode, Family | undefined> | undefined;
  /** Some smtp_alert line in the block or in one of its real_server blocks (KA708 reads the block's lines only then). */
  hasSmtpAlert: boolean;
  /** lb_kind / lvs_method / sorry_server_lvs_method lines with words after the method (KA528), in reading order. */
  methodLinesWithOptions?: AstNode[];
  /** The script lines of the block (quorum_up, notify_up, misc_path, …), in reading order (security rules). */
  scriptLines?: AstNode[];
  /** keepalived's address-family checks while reading the block, in reading order. */
  familyFindings: FamilyFinding[];
  /** The family keepalived settled on when the block ended, and what decided it. */
  family?: Family;
  familySource?: AstNode;
  /** Real servers that survive the family check (other-family ones are skipped). */
  familyKept: RealServerFacts[];
  /** For `virtual_server group NAME`: the group keepalived links it to (the first of that name). */
  group?: GroupInfo;
  /** Why keepalived drops a group virtual server before its after-reading checks, if it does. */
  drop?: GroupDrop;
  /** Filled by families.ts on first use: the family-kept real servers without duplicates. */
  distinct?: { kept: RealServerFacts[]; duplicates: { rs: RealServerFacts; first: RealServerFacts }[] };
}

export interface LvsFacts {
  /** One entry per virtual server of the model, in the same order. */
  servers: ServerFacts[];
  /** One entry per virtual_server_group of the model, in the same order. */
  groups: GroupInfo[];
  /** The first group of each name (the one keepalived links `virtual_server group NAME` to). */
  groupByName: Map<string, GroupInfo>;
}

const memo = new WeakMap<KeepalivedConfig, LvsFacts>();

export function lvsFacts(analysis: Analysis): LvsFacts {
  const model = analysis.model;
  let facts = memo.get(model);
  if (!facts) memo.set(model, (facts = readModel(model, analysis.target)));
  return facts;
}

function readModel(model: KeepalivedConfig, target: Version): LvsFacts {
  const reading = vsgReading(target);
  const groups = model.virtualServerGroups.map((g) => readGroup(g, reading));
  // The group a name finds: the first keepalived keeps (one it removes at its end leaves the name to the next).
  const groupByName = new Map<string, GroupInfo>();
  for (const g of groups) {
    const cur = groupByName.get(g.group.name);
    if (!cur || (cur.removed && !g.removed)) groupByName.set(g.group.name, g);
  }
  const servers = model.virtualServers.map((vs) => readServer(vs, groupByName, target));
  return { servers, groups, groupByName };
}

/**
 * The schema entries of the lines this pass reads. Lines are told apart by their entry rather than
 * by their keyword text: one pointer comparison instead of loading and comparing a string, for
 * every line of every virtual server. Each entry stands for one keyword of its block.
 */
function lineEntries() {
  const vs = schema().root.childMap.get('virtual_server');
  const rs = vs?.childMap.get('real_server');
  // A keyword missing from the schema matches no line.
  const none = {} as KeywordSpec;
  const at = (block: KeywordSpec | undefined, keyword: string) => block?.childMap.get(keyword) ?? none;
  return {
    lbKind: at(vs, 'lb_kind'),
    lvsMethod: at(vs, 'lvs_method'),
    protocol: at(vs, 'protocol'),
    lbAlgo: at(vs, 'lb_algo'),
    lvsSched: at(vs, 'lvs_sched'),
    hashed: at(vs, 'hashed'),
    shPort: at(vs, 'sh-port'),
    shFallback: at(vs, 'sh-fallback'),
    mhPort: at(vs, 'mh-port'),
    mhFallback: at(vs, 'mh-fallback'),
    weight: at(vs, 'weight'),
    quorum: at(vs, 'quorum'),
    hysteresis: at(vs, 'hysteresis'),
    persistenceTimeout: at(vs, 'persistence_timeout'),
    persistenceGranularity: at(vs, 'persistence_granularity'),
    ops: at(vs, 'ops'),
    haSuspend: at(vs, 'ha_suspend'),
    sorryServer: at(vs, 'sorry_server'),
    sorryServerLvsMethod: at(vs, 'sorry_server_lvs_method'),
    sorryServerInhibit: at(vs, 'sorry_server_inhibit'),
    inhibitOnFailure: at(vs, 'inhibit_on_failure'),
    ipFamily: at(vs, 'ip_family'),
    realServer: at(vs, 'real_server'),
    realServerLvsMethod: at(rs, 'lvs_method'),
    realServerInhibitOnFailure: at(rs, 'inhibit_on_failure'),
  };
}

let cachedEntries: ReturnType<typeof lineEntries> | undefined;
const entries = () => (cachedEntries ??= lineEntries());

/** An optional boolean keyword's value after one more line (bare means on; unreadable words change nothing). */
function flagAfter(current: boolean | undefined, word: string | undefined): boolean | undefined {
  if (word === undefined || word === 'on' || word === 'true' || word === 'yes') return true;
  if (word === 'off' || word === 'false' || word === 'no') return false;
  return current;
}

function integerLine(node: AstNode, word: string | undefined): IntegerLine {
  return { node, value: parseInteger(word ?? '') };
}

/**
 * The line of a repeated whole-number setting keepalived keeps: the new one, unless its value is out of the release's
 * range while the earlier one's is in it (keepalived reports such a line, "… - ignoring", and keeps what it had).
 */
function keptIntegerLine(prev: IntegerLine | undefined, node: AstNode, target: Version): IntegerLine {
  const line = integerLine(node, argAsReadIn(node, 0, target));
  const spec = node.spec?.args[0];
  if (!prev || !spec) return line;
  const arg = argIn(spec, target);
  const inRange = (v: number | undefined) => v !== undefined && (arg.min === undefined || v >= arg.min) && (arg.max === undefined || v <= arg.max);
  return inRange(line.value) || !inRange(prev.value) ? line : prev;
}

/** A method line: the method word, and the line itself when options follow it (KA528 reads those). */
function readMethodLine(f: { methodLinesWithOptions?: AstNode[] }, node: AstNode): string | undefined {
  const word = node.argText(0);
  if (node.argCount >= 2 && isForwarding(word)) (f.methodLinesWithOptions ??= []).push(node);
  return word;
}

/** Script lines of a line and below it (only blocks that may hold one are entered). */
function readScripts(f: { scriptLines?: AstNode[] }, node: AstNode): void {
  if (node.spec?.script_string) (f.scriptLines ??= []).push(node);
  else if (node.children.length && mayHoldScripts(node.spec)) collectScriptLines(node, (f.scriptLines ??= []));
}

function readRealServer(rs: RealServer, inherited: Forwarding | undefined, server: { methodLinesWithOptions?: AstNode[]; scriptLines?: AstNode[]; hasSmtpAlert: boolean }): RealServerFacts {
  // Every field written up front: one object shape for all real servers keeps property access fast.
  const r: RealServerFacts = { rs, forwarding: undefined, inherited, inhibitOnFailure: undefined };
  const line = entries();
  const kids = rs.node.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const spec = c.spec;
    if (spec === line.realServerLvsMethod) {
      const word = readMethodLine(server, c);
      if (isForwarding(word)) r.forwarding = word;
    } else if (spec === line.realServerInhibitOnFailure) {
      r.inhibitOnFailure = flagAfter(r.inhibitOnFailure, c.argText(0));
    } else {
      if (c.keyword === 'smtp_alert') server.hasSmtpAlert = true;
      readScripts(server, c);
    }
  }
  return r;
}

function hasChild(node: AstNode, keyword: string): boolean {
  const kids = node.children;
  for (let i = 0; i < kids.length; i++) if (kids[i]!.keyword === keyword) return true;
  return false;
}

/** A block's last valid lvs_method (for a real_server line the model does not list). */
function lastMethod(node: AstNode): Forwarding | undefined {
  let last: Forwarding | undefined;
  for (const c of node.children) {
    const word = c.keyword === 'lvs_method' ? c.argText(0) : undefined;
    if (isForwarding(word)) last = word;
  }
  return last;
}

// Shared and never modified, but not frozen: a frozen array has an elements kind of its own, and V8
// then stops inlining for-of over every list that may be it (each step goes through the iterator
// builtin and allocates a result: 2-3x slower, and much garbage). test/shared-empty.test.ts checks it stays empty.
/** Shared by the many servers without a family finding (nobody modifies it). */
const NONE: never[] = [];

function addFinding(f: ServerFacts, finding: FamilyFinding): void {
  if (f.familyFindings === NONE) f.familyFindings = [finding];
  else f.familyFindings.push(finding);
}

const FAMILY_WORDS: Record<string, Family> = { inet: 4, inet6: 6 };

function readServer(vs: VirtualServer, groupByName: Map<string, GroupInfo>, target: Version): ServerFacts {
  // Every field written up front: one object shape for all virtual servers keeps property access fast.
  const f: ServerFacts = {
    vs,
    // One entry per real server of the model, filled in order below (sized once, not grown by pushes).
    realServers: new Array<RealServerFacts>(vs.realServers.length),
    forwarding: undefined,
    forwardingState: 'missing',
    protocol: undefined,
    protocolState: 'missing',
    schedulerState: 'missing',
    firstIpFamily: '',
    weight: undefined,
    quorum: undefined,
    hysteresis: undefined,
    persistenceTimeout: undefined,
    maxWeightUnset: compareVersions(target, MAX_WEIGHT_UNSET[0]) >= 0 && compareVersions(target, MAX_WEIGHT_UNSET[1]) < 0,
    realWeightRange: realWeightRange(target),
    vsWeightMax: vsWeightMax(target),
    barePersistenceTimeout: false,
    ops: undefined,
    haSuspend: undefined,
    sorryOwnForwarding: undefined,
    sorryInherited: undefined,
    sorryInhibit: false,
    inhibitOnFailure: undefined,
    hasSchedulerFlag: false,
    hasSorryOptionBeforeSorry: false,
    hasPersistenceGranularity: false,
    granularityFamilyAt: undefined,
    hasSmtpAlert: false,
    methodLinesWithOptions: undefined,
    scriptLines: undefined,
    familyFindings: NONE,
    family: undefined,
    familySource: undefined,
    familyKept: [],
    group: undefined,
    drop: undefined,
    distinct: undefined,
  };
  const line = entries();
  let seenIpFamily = false;
  const sorryNode = vs.sorryServer?.node;
  let seenSorry = false;
  let afterSorry = false;
  // The virtual server's valid method so far: a real or sorry server is given it when its line is read
  // (from 1.3.6; an invalid method word changes nothing). Before 1.3.6 the method is the block's, at its end.
  let methodSoFar: Forwarding | undefined;
  const methodAtLine = compareVersions(target, SERVER_METHOD_PER_SERVER_SINCE) >= 0;
  // The family keepalived has settled on so far, and what settled it.
  let family: Family | undefined = vs.kind === 'address' && vs.address ? sockaddrFamily(vs.address) : undefined;
  let source: AstNode | undefined = family ? vs.node : undefined;
  const tunnelsCrossFamilies = compareVersions(target, TUNNEL_FAMILY_FREE_SINCE) >= 0;
  let skipped: Set<AstNode> | undefined;
  // vs.realServers lists the real_server lines in order: walk it alongside.
  const realServers = vs.realServers;
  let nextReal = 0;

  const kids = vs.node.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    switch (c.spec) {
      case line.lbKind:
      case line.lvsMethod: {
        const word = readMethodLine(f, c);
        if (isForwarding(word)) {
          methodSoFar = word;
          f.forwarding = word;
          f.forwardingState = 'set';
        } else if (f.forwardingState === 'missing') f.forwardingState = 'invalid';
        break;
      }
      case line.protocol: {
        const read = c.spec ? caseFoldedValueIn(c.spec.args[0]!, c.argText(0), target) : undefined;
        if (read !== undefined) {
          f.protocol = read;
          f.protocolState = 'set';
        } else if (f.protocolState === 'missing') f.protocolState = 'invalid';
        break;
      }
      case line.lbAlgo:
      case line.lvsSched:
        if (schedulerKnown(c.argText(0), target)) f.schedulerState = 'set';
        else if (f.schedulerState === 'missing') f.schedulerState = 'invalid';
        break;
      case line.hashed:
      case line.shPort:
      case line.shFallback:
      case line.mhPort:
      case line.mhFallback:
        f.hasSchedulerFlag = true;
        break;
      case line.weight:
        f.weight = keptIntegerLine(f.weight, c, target);
        break;
      case line.quorum:
        // An invalid quorum is not ignored: keepalived sets 1 ("Quorum 0 must be in [1, …]. Setting to 1.").
        f.quorum = integerLine(c, argAsReadIn(c, 0, target));
        break;
      case line.hysteresis:
        f.hysteresis = keptIntegerLine(f.hysteresis, c, target);
        break;
      case line.persistenceTimeout: {
        if (!c.argCount) f.barePersistenceTimeout = true;
        f.persistenceTimeout = keptIntegerLine(f.persistenceTimeout, c, target);
        break;
      }
      case line.persistenceGranularity: {
        f.hasPersistenceGranularity = true;
        (f.granularityFamilyAt ??= new Map()).set(c, family);
        // A value keepalived accepts fixes a family not set yet ('.': IPv4), as an ip_family line would.
        const g = granularityFamily(c.argText(0), family, target);
        if (g) {
          family = g;
          source = c;
        }
        break;
      }
      case line.ops:
        f.ops = c;
        break;
      case line.haSuspend:
        f.haSuspend = c;
        break;
      case line.sorryServer:
        // A line keepalived ignores (an unreadable address or port) creates no sorry server.
        if (c === sorryNode || sorryServerKept(c, target)) seenSorry = true;
        if (c === sorryNode) {
          afterSorry = true;
          if (methodAtLine) f.sorryInherited = methodSoFar;
        }
        break;
      case line.sorryServerLvsMethod: {
        if (!seenSorry) f.hasSorryOptionBeforeSorry = true;
        const word = readMethodLine(f, c);
        if (afterSorry && isForwarding(word)) f.sorryOwnForwarding = word;
        break;
      }
      case line.sorryServerInhibit:
        if (!seenSorry) f.hasSorryOptionBeforeSorry = true;
        if (afterSorry) f.sorryInhibit = true;
        break;
      case line.inhibitOnFailure:
        // The virtual server's line reads no word (`inhibit_on_failure off` still turns it on); a real server's does.
        f.inhibitOnFailure = true;
        break;
      case line.ipFamily: {
        const word = c.argText(0);
        if (!seenIpFamily) {
          seenIpFamily = true;
          f.firstIpFamily = word ?? '';
        }
        const wf = ownValue(FAMILY_WORDS, word ?? '');
        if (!wf) break;
        if (family && family !== wf) addFinding(f, { node: c, kind: 'ip_family', family: wf, expected: family });
        else if (!family) {
          family = wf;
          source = c;
        }
        break;
      }
      case line.realServer: {
        let r: RealServerFacts | undefined;
        const model = realServers[nextReal];
        if (model && model.node === c) {
          r = readRealServer(model, methodAtLine ? methodSoFar : undefined, f);
          f.realServers[nextReal++] = r;
        } else {
          if (hasChild(c, 'smtp_alert')) f.hasSmtpAlert = true;
          readScripts(f, c);
        }
        const rf = sockaddrFamily(r ? r.rs.address : (c.argText(0) ?? ''));
        if (!rf) break;
        // Except with tunnelling (from 1.4.0): the method the real server has when its block ends, its own or the one
        // it was given at its line (a virtual server method not set yet is not tunnelling).
        const own = r ? r.forwarding : lastMethod(c);
        if ((own ?? methodSoFar) === 'TUN' && tunnelsCrossFamilies) break;
        if (!family) {
          family = rf;
          source = c;
        } else if (rf !== family) {
          addFinding(f, { node: c, kind: 'real_server', family: rf, expected: family, source });
          (skipped ??= new Set()).add(c);
        }
        break;
      }
      default:
        // (A real_server line read under another entry is looked into like one.)
        if (c.keyword === 'smtp_alert' || (c.keyword === 'real_server' && hasChild(c, 'smtp_alert'))) f.hasSmtpAlert = true;
        readScripts(f, c);
    }
  }
  // Real servers the model lists but the lines above did not reach (not expected; kept for safety).
  for (; nextReal < realServers.length; nextReal++) f.realServers[nextReal] = readRealServer(realServers[nextReal]!, undefined, f);

  // The sorry server is checked when the virtual_server block ends.
  const sorry = vs.sorryServer;
  const sf = sorry ? sockaddrFamily(sorry.address) : undefined;
  // The sorry server's method when the block ends: its own, else the one it was given at its line (a method the
  // virtual server sets only after that line is given to it later, after this check).
  const sorryMethod = f.sorryOwnForwarding ?? f.sorryInherited;
  if (sorry && sf && (sorryMethod !== 'TUN' || !tunnelsCrossFamilies)) {
    if (family && sf !== family) addFinding(f, { node: sorry.node, kind: 'sorry_server', family: sf, expected: family, source });
    else if (!family) {
      family = sf;
      source = sorry.node;
    }
  }
  f.family = family;
  f.familySource = source;
  f.familyKept = skipped ? f.realServers.filter((r) => !skipped.has(r.rs.node)) : f.realServers;

  if (vs.kind === 'group') {
    f.group = vs.group !== undefined ? groupByName.get(vs.group) : undefined;
    f.drop = groupDrop(f.group, family);
  }
  return f;
}

/**
 * Whether keepalived drops a `virtual_server group NAME` before its after-reading checks: no such
 * group, the group was removed, or the group's address family does not match the servers'.
 */
function groupDrop(g: GroupInfo | undefined, family: Family | undefined): GroupDrop | undefined {
  if (!g) return { reason: 'missing' };
  if (g.removed) return { reason: 'removed' };
  const groupFamilies = { v4: g.v4, v6: g.v6, removed: g.removed };
  if (g.v4 && g.v6 && family) return { reason: 'mixed-group', groupFamilies };
  if ((g.v4 && family === 6) || (g.v6 && family === 4)) return { reason: 'family', groupFamilies };
  return undefined;
}
