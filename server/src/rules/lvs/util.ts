// Helpers shared by the lvs, security and style rules: text edits built from AST positions, and
// the facts about a virtual_server that keepalived derives after reading it (effective protocol,
// forwarding method, real server weights).

import type { Analysis } from '../../core/index.js';
import type { AstNode, Word } from '../../core/analysis/ast.js';
import { child } from '../../core/analysis/ast.js';
import { canonicalAddress, parseInteger } from '../../core/analysis/values.js';
import type { Fix, TextEdit } from '../../core/diagnostics.js';
import type { VirtualServer, VirtualServerGroup, RealServer } from '../../core/model/model.js';
import { positionAt } from '../../core/syntax/parser.js';
import { readVsgEntry } from './vsg-entries.js';
import type { Range } from '../../core/syntax/cst.js';

export function fileText(analysis: Analysis, file: string): string | undefined {
  return analysis.files.get(file)?.text;
}

function lineStartsOf(analysis: Analysis, file: string): ArrayLike<number> | undefined {
  return analysis.files.get(file)?.lex.lineStarts;
}

export function rangeOf(analysis: Analysis, file: string, start: number, end: number): Range | undefined {
  const ls = lineStartsOf(analysis, file);
  if (!ls) return undefined;
  return { start: positionAt(ls, start), end: positionAt(ls, end) };
}

/** The whitespace a line starts with. */
function indentOfLine(text: string, lineStart: number): string {
  let i = lineStart;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.slice(lineStart, i);
}

function lineStartOffset(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEndOffset(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/**
 * An edit that adds `line` as the first entry of a block, indented like the block's existing
 * entries. Undefined when the block has no `{` in the same file (nothing safe to anchor on).
 */
export function insertFirstInBlock(analysis: Analysis, block: AstNode, line: string): TextEdit | undefined {
  const open = block.open;
  const text = fileText(analysis, block.file);
  if (!open || !text) return undefined;
  const firstChild = block.children.find((c) => c.file === block.file && c.range.start.offset > open.end.offset);
  const blockIndent = indentOfLine(text, lineStartOffset(text, block.range.start.offset));
  const indent = firstChild && firstChild.range.start.line !== open.start.line
    ? indentOfLine(text, lineStartOffset(text, firstChild.range.start.offset))
    : blockIndent + (blockIndent.includes('\t') ? '\t' : '    ');
  const at = open.end.offset;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const r = rangeOf(analysis, block.file, at, at);
  return r ? { file: block.file, range: r, newText: `${eol}${indent}${line}` } : undefined;
}

/** An edit that deletes the whole line `node` is on (when nothing else shares the line). */
export function deleteLine(analysis: Analysis, node: AstNode): TextEdit | undefined {
  const text = fileText(analysis, node.file);
  if (!text) return undefined;
  const s = lineStartOffset(text, node.fullRange.start.offset);
  const e = lineEndOffset(text, node.fullRange.end.offset);
  const before = text.slice(s, node.fullRange.start.offset);
  const after = text.slice(node.fullRange.end.offset, e);
  if (before.trim() !== '' || (after.trim() !== '' && !/^\s*[#!]/.test(after))) {
    const r = rangeOf(analysis, node.file, node.fullRange.start.offset, node.fullRange.end.offset);
    return r ? { file: node.file, range: r, newText: '' } : undefined;
  }
  let end = e;
  if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
  else if (end < text.length) end += 1;
  const r = rangeOf(analysis, node.file, s, end);
  return r ? { file: node.file, range: r, newText: '' } : undefined;
}

/** Edits that move the line of `node` to just after the line of `anchor` (same file only). */
export function moveLineAfter(analysis: Analysis, node: AstNode, anchor: AstNode): TextEdit[] | undefined {
  if (node.file !== anchor.file || node.fullRange.start.line === anchor.fullRange.end.line) return undefined;
  const text = fileText(analysis, node.file);
  if (!text) return undefined;
  const del = deleteLine(analysis, node);
  if (!del) return undefined;
  const indent = indentOfLine(text, lineStartOffset(text, anchor.range.start.offset));
  const at = lineEndOffset(text, anchor.fullRange.end.offset);
  const r = rangeOf(analysis, node.file, at, at);
  if (!r) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const body = text.slice(node.fullRange.start.offset, node.fullRange.end.offset);
  return [del, { file: node.file, range: r, newText: `${eol}${indent}${body}` }];
}

export function fix(description: string, edits: (TextEdit | undefined)[] | undefined): Fix | undefined {
  if (!edits || edits.some((e) => !e)) return undefined;
  return { description, edits: edits as TextEdit[] };
}

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

export type Forwarding = 'NAT' | 'DR' | 'TUN';

const FORWARDING = new Set(['NAT', 'DR', 'TUN']);

/** The forwarding method set on the virtual server itself (lb_kind / lvs_method), if valid. */
export function vsForwarding(vs: VirtualServer): Forwarding | undefined {
  // Each valid line sets the method; invalid ones are ignored, so the last valid one counts.
  const v = [...vs.node.children].reverse().find((c) => (c.keyword === 'lb_kind' || c.keyword === 'lvs_method') && FORWARDING.has(c.args[0]?.text ?? ''));
  return v?.args[0]?.text as Forwarding | undefined;
}

/** A real server's own `lvs_method`, if valid. */
export function rsOwnForwarding(rs: RealServer): Forwarding | undefined {
  const v = [...rs.node.children].reverse().find((c) => c.keyword === 'lvs_method' && FORWARDING.has(c.args[0]?.text ?? ''));
  return v?.args[0]?.text as Forwarding | undefined;
}

/** The sorry server's own valid method (a sorry_server_lvs_method after the sorry_server line). */
export function sorryForwardingOwn(vs: VirtualServer): Forwarding | undefined {
  if (!vs.sorryServer) return undefined;
  const kids = vs.node.children;
  const at = kids.indexOf(vs.sorryServer.node);
  const own = kids.slice(at + 1).reverse().find((k) => k.keyword === 'sorry_server_lvs_method' && FORWARDING.has(k.args[0]?.text ?? ''))?.args[0]?.text;
  return own as Forwarding | undefined;
}

export function sorryForwarding(vs: VirtualServer): Forwarding | undefined {
  if (!vs.sorryServer) return undefined;
  // Only a sorry_server_lvs_method after the sorry_server line counts (keepalived ignores earlier ones).
  return sorryForwardingOwn(vs) ?? vsForwarding(vs) ?? 'NAT';
}

/** The ip:port identity keepalived compares real servers by. */
export function rsKey(rs: RealServer): string | undefined {
  if (!rs.address) return undefined;
  return `${canonicalAddress(rs.address)}|${rs.port ?? 0}`;
}

/** Real servers keepalived keeps (a later duplicate of an earlier ip:port is removed). */
export function distinctRealServers(vs: VirtualServer, list: RealServer[] = vs.realServers): { kept: RealServer[]; duplicates: { rs: RealServer; first: RealServer }[] } {
  const seen = new Map<string, RealServer>();
  const kept: RealServer[] = [];
  const duplicates: { rs: RealServer; first: RealServer }[] = [];
  for (const rs of list) {
    const key = rsKey(rs);
    const first = key ? seen.get(key) : undefined;
    if (first) {
      duplicates.push({ rs, first });
      continue;
    }
    if (key) seen.set(key, rs);
    kept.push(rs);
  }
  return { kept, duplicates };
}

const WEIGHT_LIMIT = 2147483647;

/** keepalived's effective weight of a real server: its own (0..2^31-1), else the VS `weight` (default 1). */
export function effectiveWeight(vs: VirtualServer, rs: RealServer): number {
  if (rs.weight !== undefined && rs.weight >= 0 && rs.weight <= WEIGHT_LIMIT) return rs.weight;
  const w = parseInteger(child(vs.node, 'weight')?.args[0]?.text ?? '');
  return w !== undefined && w >= 1 && w <= WEIGHT_LIMIT ? w : 1;
}

/** An unsigned setting of the VS as keepalived reads it, or undefined when absent/invalid. */
export function vsUnsigned(vs: VirtualServer, keyword: string, min: number, max: number): { value: number; node: AstNode } | undefined {
  const n = child(vs.node, keyword);
  const v = parseInteger(n?.args[0]?.text ?? '');
  return n && v !== undefined && v >= min && v <= max ? { value: v, node: n } : undefined;
}

export interface GroupShape {
  group?: VirtualServerGroup;
  addressEntries: Word[][];
  fwmarkEntries: Word[][];
}

/** For `virtual_server group NAME`: the group and its address and fwmark entries. */
export function groupShape(vs: VirtualServer, groups: VirtualServerGroup[]): GroupShape {
  const group = vs.kind === 'group' ? groups.find((g) => g.name === vs.group) : undefined;
  // Entries keepalived skips (KA525) do not count.
  const entries = (group?.entries ?? []).filter((e) => e.length > 0 && readVsgEntry(e).ok);
  return {
    group,
    addressEntries: entries.filter((e) => e[0] && e[0].text !== 'fwmark'),
    fwmarkEntries: entries.filter((e) => e[0]?.text === 'fwmark'),
  };
}

/** Whether keepalived treats the VS as addressed by ip:port (its protocol and port checks apply). */
export function isAddressService(vs: VirtualServer, groups: VirtualServerGroup[]): boolean {
  if (vs.kind === 'address') return true;
  if (vs.kind === 'group') return groupShape(vs, groups).addressEntries.length > 0;
  return false;
}

/** Whether keepalived treats the VS as fwmark-only (a protocol setting is ignored). */
export function isFwmarkService(vs: VirtualServer, groups: VirtualServerGroup[]): boolean {
  if (vs.kind === 'fwmark') return true;
  if (vs.kind === 'group') {
    const g = groupShape(vs, groups);
    return g.addressEntries.length === 0 && g.fwmarkEntries.length > 0;
  }
  return false;
}

/** Where keepalived reports problems found when a block ends: its closing `}` (same file), else the keyword line. */
export function blockEnd(node: AstNode): Range {
  return node.close && node.fullRange.end.offset === node.close.end.offset && node.close.start.offset >= node.range.start.offset ? node.close : node.range;
}

/** Every node in reading order, numbered (keepalived resolves some references only to blocks read earlier). */
export function readingOrder(root: AstNode): Map<AstNode, number> {
  const order = new Map<AstNode, number>();
  const stack: AstNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    order.set(n, order.size);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return order;
}

export const SCHEDULERS = new Set(['rr', 'wrr', 'lc', 'wlc', 'lblc', 'sh', 'mh', 'dh', 'fo', 'ovf', 'lblcr', 'sed', 'nq', 'twos']);
const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);

/**
 * How a VS setting that keepalived validates line by line ended up: 'set' when some line has a
 * valid value, 'invalid' when lines exist but none is valid (keepalived ignored them), 'missing'.
 */
export function settingState(vs: VirtualServer, keywords: string[], valid: (v: string) => boolean): { state: 'set' | 'invalid' | 'missing'; last?: AstNode } {
  const lines = vs.node.children.filter((c) => keywords.includes(c.keyword));
  if (!lines.length) return { state: 'missing' };
  return { state: lines.some((l) => valid(l.args[0]?.text ?? '')) ? 'set' : 'invalid', last: lines[lines.length - 1] };
}

export const protocolState = (vs: VirtualServer) => settingState(vs, ['protocol'], (v) => PROTOCOLS.has(v.toUpperCase()));
export const schedulerState = (vs: VirtualServer) => settingState(vs, ['lb_algo', 'lvs_sched'], (v) => SCHEDULERS.has(v));
export const forwardingState = (vs: VirtualServer) => settingState(vs, ['lb_kind', 'lvs_method'], (v) => FORWARDING.has(v));

/**
 * The fix for a missing setting: add the line. An ignored (invalid) value gets no fix here — the
 * schema check at that line suggests the value the user most likely meant.
 */
export function defaultSettingFix(analysis: Analysis, vs: VirtualServer, st: { state: string }, keyword: string, value: string): Fix | undefined {
  if (st.state !== 'missing') return undefined;
  return fix(`Add '${keyword} ${value}'`, [insertFirstInBlock(analysis, vs.node, `${keyword} ${value}`)]);
}

/** The protocol keepalived uses for an address service: the last valid one, else its UDP default. */
export function effectiveProtocol(vs: VirtualServer): string {
  const v = [...vs.node.children].reverse().find((c) => c.keyword === 'protocol' && PROTOCOLS.has((c.args[0]?.text ?? '').toUpperCase()));
  return v ? v.args[0]!.text.toUpperCase() : 'UDP';
}
