// Helpers of the lvs rules: what keepalived derives from the facts of server-facts.ts (effective
// protocol, sorry server method, real server weights, the kind of service).

import type { Analysis } from '../../core/index.js';
import type { AstNode, Word } from '../../core/analysis/ast.js';
import type { Fix } from '../../core/diagnostics.js';
import type { Checker, VirtualServer, RealServer } from '../../core/model/model.js';
import type { Forwarding, IntegerLine, RealServerFacts, ServerFacts, SettingState } from './server-facts.js';
import type { Range } from '../../core/syntax/cst.js';
import { compareVersions, CONFIG_TEST_SINCE, schema, type KeywordSpec, type Version } from '../../core/schema/schema.js';
import { fix, insertFirstInBlock, misspeltLine } from '../fixes.js';
import { parseInteger } from '../../core/analysis/values.js';
import { buildChecker, CHECKER_KINDS } from '../../core/model/model.js';

// The text-edit helpers live in ../fixes.ts; these rules import them from here too.
export { fileText, rangeOf, insertFirstInBlock, deleteLine, moveLineAfter, fix } from '../fixes.js';

/** `virtual_server 10.0.0.1 80`, as written. */
export function vsLabel(vs: VirtualServer): string {
  return ['virtual_server', ...vs.node.args.map((w) => w.text)].join(' ');
}

export function rsLabel(rs: RealServer): string {
  return `real_server ${rs.node.args.map((w) => w.text).join(' ')}`;
}

export function related(at: { file: string; range: Range }, message: string): { file: string; range: Range; message: string } {
  return { file: at.file, range: at.range, message };
}

export type { Forwarding };

/**
 * The sorry server's method: its own (a valid sorry_server_lvs_method after it), else the VS's when the
 * sorry_server line was read, else the VS's at the end, else NAT.
 */
export function sorryForwarding(f: ServerFacts): Forwarding | undefined {
  if (!f.vs.sorryServer) return undefined;
  // Only a sorry_server_lvs_method after the sorry_server line counts (keepalived ignores earlier ones).
  return f.sorryOwnForwarding ?? f.sorryInherited ?? f.forwarding ?? 'NAT';
}

/** A real server's method after keepalived's checks: its own, else the VS's when its line was read, else the VS's at the end, else NAT. */
export function realServerForwarding(f: ServerFacts, r: RealServerFacts): Forwarding {
  return r.forwarding ?? r.inherited ?? f.forwarding ?? 'NAT';
}

const WEIGHT_LIMIT = 2147483647;

/** keepalived's effective weight of a real server: its own (0..2^31-1), else the VS `weight` (default 1). */
export function effectiveWeight(f: ServerFacts, r: RealServerFacts): number {
  return weightOf(f, r, r.rs.weight);
}

/**
 * The weight `keepalived -t` counts: effectiveWeight's, except where the last weight line holds a number only the
 * running daemon reads (`weight 200%`: -t reports it and ignores the line, the daemon uses 200; KA205 says so).
 */
export function testedWeight(f: ServerFacts, r: RealServerFacts): number {
  if (r.rs.weight === undefined) return effectiveWeight(f, r);
  const lines = r.rs.node.children;
  let last: AstNode | undefined;
  for (let i = lines.length - 1; i >= 0 && !last; i--) if (lines[i]!.keyword === 'weight') last = lines[i];
  const text = last?.argText(0);
  return text === undefined || parseInteger(text) !== undefined ? effectiveWeight(f, r) : weightOf(f, r, NaN);
}

/** The weight keepalived keeps when the last weight line reads as `own` (NaN: a line it ignores). */
function weightOf(f: ServerFacts, r: RealServerFacts, own: number | undefined): number {
  // keepalived reports an invalid weight line and ignores it: an earlier valid one stays (generator seed 169).
  if (own !== undefined && !validWeight(f, own)) own = earlierValidWeight(f, r.rs.node);
  if (validWeight(f, own)) return own;
  // A virtual_server weight the target refuses (2.0.x: above 65535, "outside range 1-65535") leaves the default 1.
  const w = f.weight?.value;
  return w !== undefined && w >= 1 && w <= Math.min(WEIGHT_LIMIT, f.vsWeightMax) ? w : 1;
}

/**
 * Whether the target takes `w` as a real server's weight. A function of the facts, not a closure over them made per
 * call, and the range read by index, not destructured (an iterator): KA513 asks twice for each of ~12k real servers.
 */
function validWeight(f: ServerFacts, w: number | undefined): w is number {
  const range = f.realWeightRange;
  return w !== undefined && w >= range[0] && w <= range[1] && !(w === WEIGHT_LIMIT && f.maxWeightUnset);
}

const WEIGHT_DIGITS = /^\d{1,10}$/;

/** The weight of the last `weight` line the target takes (validWeight), before the last one (which it does not). */
function earlierValidWeight(f: ServerFacts, server: AstNode): number | undefined {
  let last = true;
  for (let i = server.children.length - 1; i >= 0; i--) {
    const c = server.children[i]!;
    if (c.keyword !== 'weight') continue;
    if (last) {
      last = false;
      continue;
    }
    const text = c.argText(0);
    const w = text !== undefined && WEIGHT_DIGITS.test(text) ? Number(text) : undefined;
    if (validWeight(f, w)) return w;
  }
  return undefined;
}

/** An unsigned setting (its last line) as keepalived reads it, or undefined when absent/invalid. */
export function unsignedSetting(line: IntegerLine | undefined, min: number, max: number): { value: number; node: AstNode } | undefined {
  const v = line?.value;
  return line && v !== undefined && v >= min && v <= max ? { value: v, node: line.node } : undefined;
}

const NO_ENTRIES: Word[][] = [];

/** For `virtual_server group NAME`: the address entries of its group keepalived uses (KA525 skips excluded). */
export function groupAddressEntries(f: ServerFacts): Word[][] {
  return f.group?.addressEntries ?? NO_ENTRIES;
}

/** For `virtual_server group NAME`: the fwmark entries of its group keepalived uses. */
export function groupFwmarkEntries(f: ServerFacts): Word[][] {
  return f.group?.fwmarkEntries ?? NO_ENTRIES;
}

/** Whether keepalived treats the VS as addressed by ip:port (its protocol and port checks apply). */
/**
 * Whether a `virtual_server fwmark N` line gives a mark: `fwmark 0` is none, and keepalived reads that block as an
 * address service without an address or a port (2.1.5, 2.2.7, 2.4.3: "Virtual server [(none)]:none:0: no protocol
 * set - defaulting to UDP", "zero port only valid for persistent services - setting").
 */
export function marksTraffic(vs: VirtualServer): boolean {
  return vs.kind === 'fwmark' && vs.fwmark !== 0;
}

export function isAddressService(f: ServerFacts): boolean {
  if (f.vs.kind === 'address') return true;
  if (f.vs.kind === 'fwmark') return !marksTraffic(f.vs);
  if (f.vs.kind === 'group') return groupAddressEntries(f).length > 0;
  return false;
}

/** Whether keepalived treats the VS as fwmark-only (a protocol setting is ignored). */
export function isFwmarkService(f: ServerFacts): boolean {
  if (f.vs.kind === 'fwmark') return marksTraffic(f.vs);
  if (f.vs.kind === 'group') return groupAddressEntries(f).length === 0 && groupFwmarkEntries(f).length > 0;
  return false;
}

/** Where keepalived reports problems found when a block ends: the line of its closing `}`, else where a file's end ended it (before 2.1.4), else the keyword line. */
export function blockEnd(node: AstNode): { file: string; range: Range } {
  // The '}' may be in another file than the keyword (a block opened in an included file and closed after
  // it), or earlier in the same file when that file is included twice: keepalived names the '}' line.
  // Without one, a file's end ended the block: keepalived names the file's last line (before 2.1.4).
  const close = node.closeBrace;
  return close ? { file: close.file, range: close.range } : (node.endedAt ?? { file: node.file, range: node.range });
}

// Which schema entries can hold a script line somewhere below them, so that the search for scripts
// (security rules) only enters those blocks: most of a large config cannot hold any.
let scriptHolders: Set<KeywordSpec> | undefined;

function collectScriptHolders(): Set<KeywordSpec> {
  const holders = new Set<KeywordSpec>();
  const holds = (spec: KeywordSpec): boolean => {
    let any = false;
    for (const c of spec.children) if (holds(c) || c.script_string) any = true;
    if (any) holders.add(spec);
    return any;
  };
  for (const top of schema().root.children) holds(top);
  return holders;
}

/** Whether a block of this kind may contain a script line (at any depth). */
export function mayHoldScripts(spec: KeywordSpec | undefined): boolean {
  return spec !== undefined && (scriptHolders ??= collectScriptHolders()).has(spec);
}

/** Appends the script lines (keywords whose value keepalived runs) of `node`'s subtree, in reading order. */
export function collectScriptLines(node: AstNode, out: AstNode[]): void {
  for (const c of node.children) {
    if (c.spec?.script_string) out.push(c);
    if (mayHoldScripts(c.spec)) collectScriptLines(c, out);
  }
}

/** The first of each name (what keepalived finds when it looks a name up), for lookups by name. */
export function firstByName<T extends { name: string }>(list: T[]): Map<string, T> {
  const byName = new Map<string, T>();
  for (const item of list) if (!byName.has(item.name)) byName.set(item.name, item);
  return byName;
}

/** The chain of blocks from the top level down to `node` (the root excluded). */
function pathFromTop(node: AstNode): AstNode[] {
  const path: AstNode[] = [];
  for (let n: AstNode | undefined = node; n?.parent; n = n.parent) path.push(n);
  return path.reverse();
}

// The position of each top-level block, per tree: a large config has thousands of them.
const topIndexMemo = new WeakMap<AstNode, Map<AstNode, number>>();

function indexAmongSiblings(node: AstNode): number {
  const parent = node.parent!;
  if (parent.parent) return parent.children.indexOf(node);
  let index = topIndexMemo.get(parent);
  if (!index) {
    index = new Map();
    parent.children.forEach((c, i) => index!.set(c, i));
    topIndexMemo.set(parent, index);
  }
  return index.get(node) ?? -1;
}

/**
 * Whether keepalived reads `a` before `b` (keepalived resolves some references only to blocks
 * read earlier). Compares the two positions in the tree instead of numbering every node.
 */
export function readsBefore(a: AstNode, b: AstNode): boolean {
  if (a === b) return false;
  const pa = pathFromTop(a);
  const pb = pathFromTop(b);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  // One contains the other: a block is read before what is inside it.
  if (i === pa.length) return true;
  if (i === pb.length) return false;
  return indexAmongSiblings(pa[i]!) < indexAmongSiblings(pb[i]!);
}

/**
 * The fix for a missing setting: add the line. An ignored (invalid) value gets no fix here — the
 * schema check at that line suggests the value the user most likely meant.
 */
/**
 * Before 2.1.0 keepalived sets a virtual server's missing protocol, scheduler and forwarding method
 * with only a log line when it starts; `-t` says nothing (the 2.0.19 build is silent, 2.1.0 prints them).
 */
const DEFAULTS_REPORTED_BY_TEST_SINCE: Version = [2, 1, 0];

/** How a finding quotes keepalived's message about a default it sets: `-t` prints it from 2.1.0, earlier releases only log it at start. */
export function quoteDefaultMessage(target: Version, message: string): string {
  if (compareVersions(target, DEFAULTS_REPORTED_BY_TEST_SINCE) >= 0) return `(keepalived: "${message}")`;
  // Releases before 2.0.4 have no -t at all.
  const test = compareVersions(target, CONFIG_TEST_SINCE) >= 0 ? `; keepalived ${target.join('.')} -t does not report it` : '';
  return `(it logs "${message}" when it starts${test})`;
}


export function defaultSettingFix(analysis: Analysis, vs: VirtualServer, state: SettingState, keyword: string, value: string): Fix | undefined {
  if (state !== 'missing' || misspeltLine(analysis, vs.node, keyword)) return undefined;
  return fix(`Add '${keyword} ${value}'`, [insertFirstInBlock(analysis, vs.node, `${keyword} ${value}`)]);
}

/** The protocol keepalived uses for an address service: the last valid one, else its UDP default. */
export function effectiveProtocol(f: ServerFacts): string {
  return f.protocol ?? 'UDP';
}

/** A health checker with the real server and virtual server it belongs to. */
export interface CheckerAt {
  vs: VirtualServer;
  rs: RealServer;
  checker: Checker;
}

const closedMemo = new WeakMap<Analysis, CheckerAt[]>();
const CHECKER_KIND_NAMES: ReadonlySet<string> = new Set(CHECKER_KINDS);

/**
 * allCheckers, with (before 2.2.8) the checkers under a real_server keepalived skipped whose '{' is missing (KA104),
 * in reading order: keepalived reads that block's lines as keywords of the real_server read before it, queues its
 * checkers there and checks each as it closes (2.1.5, 2.2.4 and 2.2.7 -t, after a real_server with a TCP_CHECK: "FILE_CHECK
 * has no track_file specified", "No script path has been specified for MISC_CHECKER", "HTTP/SSL_GET checker has no urls
 * specified"). For the rules about what keepalived says as a checker closes (KA504, KA517, KA518). Such a checker's `rs`
 * is the skipped server, with no address.
 */
export function checkersClosedByKeepalived(analysis: Analysis): CheckerAt[] {
  let out = closedMemo.get(analysis);
  if (out) return out;
  out = allCheckers(analysis);
  const servers = analysis.model.virtualServers;
  if (servers.some((vs) => vs.node.bracelessServers)) {
    out = [];
    for (let i = 0; i < servers.length; i++) {
      const vs = servers[i]!;
      const braceless = vs.node.bracelessServers;
      for (let j = 0; j < vs.realServers.length; j++) {
        const rs = vs.realServers[j]!;
        for (let k = 0; k < rs.checkers.length; k++) out.push({ vs, rs, checker: rs.checkers[k]! });
        if (!braceless) continue;
        for (const b of braceless) {
          if (b.after !== rs.node) continue;
          const checkers = b.node.children.filter((c) => CHECKER_KIND_NAMES.has(c.keyword)).map(buildChecker);
          const unmade: RealServer = { node: b.node, address: '', checkers };
          for (let k = 0; k < checkers.length; k++) out.push({ vs, rs: unmade, checker: checkers[k]! });
        }
      }
    }
  }
  closedMemo.set(analysis, out);
  return out;
}

/**
 * Whether a url block holds nothing but its path line and (with status codes) one status_code
 * line, told from the model without visiting its lines: most urls of a large config, which the
 * rules about a url's other lines (regex…) then skip.
 */
export function urlHoldsOnlyPathAndStatus(url: Checker['urls'][number]): boolean {
  return url.path !== undefined && url.node.children.length === (url.statusCodes.length > 0 ? 2 : 1);
}

const checkersMemo = new WeakMap<Analysis, CheckerAt[]>();

/** Every checker of the configuration in reading order, listed once per analysis for the rules that visit them. */
export function allCheckers(analysis: Analysis): CheckerAt[] {
  let out = checkersMemo.get(analysis);
  if (out) return out;
  out = [];
  const servers = analysis.model.virtualServers;
  // Indexed loops: see docs/design/performance.md (for…of in code optimized on-stack).
  for (let i = 0; i < servers.length; i++) {
    const vs = servers[i]!;
    for (let j = 0; j < vs.realServers.length; j++) {
      const rs = vs.realServers[j]!;
      for (let k = 0; k < rs.checkers.length; k++) out.push({ vs, rs, checker: rs.checkers[k]! });
    }
  }
  checkersMemo.set(analysis, out);
  return out;
}

/** The `keyword` lines directly in `block` that name something (track_file, name…), with the name. */
export function namingLines(block: AstNode, keyword: string): { ref: AstNode; name: string }[] {
  const out: { ref: AstNode; name: string }[] = [];
  for (let i = 0, cs = block.children; i < cs.length; i++) {
    const c = cs[i]!;
    if (c.keyword !== keyword) continue;
    const w = c.args[0];
    if (w) out.push({ ref: c, name: w.text });
  }
  return out;
}

/**
 * The release (1.3.7) from which keepalived checks each checker as its block closes and drops the ones it cannot run
 * (an HTTP_GET or SSL_GET without a url path, a url without a path, a connection to a link-local address without
 * bind_if, connect_ip and bindto of different families). Before it (the 1.3.5 build's checker dump) they are kept
 * as written.
 */
export const CHECKERS_CHECKED_SINCE: Version = [1, 3, 7];

