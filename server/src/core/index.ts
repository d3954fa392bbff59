// The public API of the pure core. No file system, no LSP, no vscode: text and trees in, trees
// and diagnostics out. File access (for includes) comes in through `SourceHost`.

import { lastLineRange, parseCst, rangeAt } from './syntax/parser.js';
import type { CstFile, Range } from './syntax/cst.js';
import { BRACES_SPLIT_SINCE, guardHost, Reader, type SourceFile, type SourceHost } from './analysis/reader.js';
import { noteBraceCascades } from './analysis/cascades.js';
import { Walker } from './analysis/walker.js';
import { AstNode } from './analysis/ast.js';
import { buildModel, type KeepalivedConfig } from './model/model.js';
import { compareDiagnostics, type Diagnostic } from './diagnostics.js';
import { compareVersions, DEFAULT_TARGET_VERSION, parseVersion, type Version } from './schema/schema.js';
import { lineFeatures, parseCondition } from './syntax/lines.js';
import { SourceText, Token } from './syntax/lexer.js';
import { appendAll } from './arrays.js';

export interface AnalyzeOptions {
  /** Name of the file, as diagnostics should show it. Default `keepalived.conf`. */
  file?: string;
  /** Config id for `@id` lines; default `kalint` (a name no real host uses). */
  configId?: string;
  /** keepalived version to check against, e.g. `2.2.7` (default) or `1.3.5`. */
  targetVersion?: string;
  /** How to read included files; without it, includes are reported as not followed. */
  host?: SourceHost;
  pathMappings?: Record<string, string>;
  maxIncludeDepth?: number;
}

export interface Analysis {
  file: string;
  configId: string;
  target: Version;
  ast: AstNode;
  model: KeepalivedConfig;
  /** Every file read, the main one first. */
  files: Map<string, SourceFile>;
  /** Core diagnostics (syntax and schema), sorted by file and position. */
  diagnostics: Diagnostic[];
  /** `$NAME=` definitions in effect at the end, and which were used. */
  definitions: Map<string, { file: string; start: number; end: number }>;
  usedDefinitions: Set<string>;
  /**
   * Absolute include prefixes that match nothing through the host, where the rest of the path does
   * match beside the including file (`/etc/keepalived` → that file's folder): the path mappings that
   * would read what the node reads. A caller may analyse again with them (the CLI does, when no
   * .kalint.json maps paths).
   */
  inferredPathMappings: Map<string, string>;
  /**
   * The `${_PWD}` values that are the folder where this machine holds a file, because no path mapping
   * says where it is deployed: a path expanded from one says where the linted copy lives, not where
   * keepalived will find it.
   */
  localWorkingDirectories: ReadonlySet<string>;
  /**
   * The bodies of the blocks keepalived skips by their braces (a nameless vrrp_instance, a block no process reads…),
   * as file offsets: no process reads their lines as the block's (rules that describe that reading leave them alone).
   */
  unreadBodies?: readonly { file: string; start: number; end: number }[];
}

export interface ParseResult extends Analysis {
  /** The lossless syntax tree of the main file. */
  tree: CstFile;
}

export const DEFAULT_CONFIG_ID = 'kalint';

export function resolveTarget(v: string | undefined): { version: Version; label: string } | undefined {
  const label = v ?? DEFAULT_TARGET_VERSION;
  const version = parseVersion(label);
  return version ? { version, label } : undefined;
}

/** The oldest release the keyword table dates keywords from: what 1.3.0 already had is marked `<=1.3.0`. */
export const OLDEST_DATED_RELEASE: Version = [1, 3, 0];
/** The newest release the table and the reader's release differences were checked against (its build). */
export const NEWEST_CHECKED_RELEASE: Version = [2, 4, 3];

/**
 * What kalint cannot promise for a target outside the releases it knows, or undefined inside them.
 * The CLI prints it once; the findings for such a target are still the nearest release's.
 */
export function targetCaveat(v: string | undefined): string | undefined {
  const target = resolveTarget(v);
  if (!target) return undefined;
  const { version, label } = target;
  const show = (r: Version) => r.join('.');
  if (compareVersions(version, OLDEST_DATED_RELEASE) < 0) {
    return `keepalived ${label} is older than ${show(OLDEST_DATED_RELEASE)}, the oldest release kalint's keyword table dates keywords from: keywords added between ${label} and ${show(OLDEST_DATED_RELEASE)} are not reported as unknown, and lines are read as the oldest releases kalint models (1.3.x) read them`;
  }
  if (compareVersions(version, NEWEST_CHECKED_RELEASE) > 0) {
    return `keepalived ${label} is newer than ${show(NEWEST_CHECKED_RELEASE)}, the latest release kalint was checked against: lines are read as ${show(NEWEST_CHECKED_RELEASE)} reads them, and keywords added after it are reported as unknown`;
  }
  return undefined;
}

/** keepalived's view of a config: AST, typed model and core diagnostics. Never throws. */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const file = options.file ?? 'keepalived.conf';
  const configId = options.configId ?? DEFAULT_CONFIG_ID;
  const target = resolveTarget(options.targetVersion) ?? resolveTarget(undefined)!;
  const walker = new Walker({ target: target.version, targetLabel: target.label });
  const reader = new Reader({ configId, host: guardHost(options.host), pathMappings: options.pathMappings, maxIncludeDepth: options.maxIncludeDepth, target: target.version, targetLabel: target.label }, walker);
  walker.lookUpReferencesWith((path, offset) => reader.undefinedReferenceAt(path, offset));
  walker.readSourceWith((path) => reader.sourceText(path), (path) => reader.pieceCutsOf(path));
  // A bug in kalint must not take the editor or the CI job down: report it as a finding.
  const internalError = (e: unknown) =>
    walker.diagnostics.push({ code: 'KA000', severity: 'error', message: `kalint internal error: ${(e as Error)?.message ?? e}`, file, range: rangeAt([0], 0, 0) });
  try {
    reader.read(file, text);
  } catch (e) {
    internalError(e);
  }
  try {
    // Also after a failed read: finishing gives the open blocks their children.
    walker.finish(() => ({ file, range: lastLineRange(text) }));
  } catch (e) {
    internalError(e);
  }
  const diagnostics = [...reader.diagnostics, ...walker.diagnostics];
  const split = reader.diagnostics.some((d) => d.code === 'KA115');
  if (split || reader.parentDefinesOtherwise) {
    const { added, unread } = parentOnlyFindings(text, options, configId, target, diagnostics, walker.root, walker.whileGlobalDefsSkipped, reader.files, split);
    if (unread.size) {
      const kept = diagnostics.filter((d) => !unread.has(d));
      diagnostics.length = 0;
      appendAll(diagnostics, kept);
    }
    appendAll(diagnostics, added);
  }
  // Before 1.4.2 a glued brace is part of its word, which the file's brace tokens do not show.
  if (compareVersions(target.version, BRACES_SPLIT_SINCE) >= 0) noteBraceCascades(diagnostics, walker.ignoredBraceWords, reader.files);
  diagnostics.sort(compareDiagnostics);
  let model: KeepalivedConfig;
  try {
    model = buildModel(walker.root, target.version, walker.lostBlocks, walker.partlyUnread, walker.ignoredRepeats);
  } catch {
    model = buildModel(new AstNode(undefined, undefined, []));
  }
  return {
    file,
    configId,
    target: target.version,
    ast: walker.root,
    model,
    files: reader.files,
    diagnostics,
    definitions: reader.definitions,
    usedDefinitions: reader.usedDefinitions,
    inferredPathMappings: reader.inferredPathMappings,
    localWorkingDirectories: reader.localWorkingDirectories,
    unreadBodies: walker.unreadBodies,
  };
}

/**
 * What keepalived's parent process reports as it reads the lines of a file: unknown keywords and braces (not
 * what the walker says of the other processes, which read the main reading's way).
 */
const PARENT_PRINTED = new Set(['KA101', 'KA102', 'KA103', 'KA201', 'KA202']);
/** A KA113 finding that keepalived never finishes reading the line. */
const LOOPS_FOREVER = /loops forever/;
const PARENT_MESSAGE = /Unknown keyword|Unexpected '\{'|Extra '\}'|missing '\}'s|reads this '\}' as an unknown keyword/;
/**
 * A line the processes that skip a top-level block read at the top level once a lost '{' ends the block early for
 * them (KA104): the parent is one of them, and in its reading the line may hold what a split definition gave it.
 */
const SKIPPING_PROCESSES_READ = /^keepalived's processes that skip this '[^']+' block .*\(keepalived: "(?:Unknown keyword|Unexpected '\{')/;

/**
 * Where a multi-line definition holds a line of blanks or a comment alone (KA115), keepalived's parent process
 * reads the definition on past it while the VRRP and checker processes, which kalint follows, end it there.
 * `keepalived -t` prints the parent's messages about the lines that follow: the parent's reading, done again,
 * gives its unknown keywords and brace findings that the main reading does not have.
 */
function parentOnlyFindings(
  text: string,
  options: AnalyzeOptions,
  configId: string,
  target: NonNullable<ReturnType<typeof resolveTarget>>,
  seen: Diagnostic[],
  mainRoot: AstNode,
  whileGlobalDefsSkipped: ReadonlySet<Diagnostic>,
  mainFiles: ReadonlyMap<string, SourceFile>,
  split: boolean,
): { added: Diagnostic[]; unread: Set<Diagnostic> } {
  const unread = new Set<Diagnostic>();
  try {
    const walker = new Walker({ target: target.version, targetLabel: target.label, notesTopLevelFindings: true });
    const reader = new Reader({ configId, host: guardHost(options.host), pathMappings: options.pathMappings, maxIncludeDepth: options.maxIncludeDepth, target: target.version, targetLabel: target.label, parentReading: true }, walker);
    walker.lookUpReferencesWith((path, offset) => reader.undefinedReferenceAt(path, offset));
    walker.readSourceWith((path) => reader.sourceText(path), (path) => reader.pieceCutsOf(path));
    const file = options.file ?? 'keepalived.conf';
    reader.read(file, text);
    walker.finish(() => ({ file, range: lastLineRange(text) }));
    // The lines the parent reads on into a definition past the split are a definition's lines too, where a trailing
    // backslash continues it (KA702 leaves them to KA115).
    for (const [path, f] of reader.files) {
      const lines = f.definitionLinesOutOfSight;
      const main = mainFiles.get(path);
      if (lines?.length && main) main.definitionLinesOutOfSight = [...new Set([...(main.definitionLinesOutOfSight ?? []), ...lines])];
    }
    const key = (d: Diagnostic) => `${d.code}\0${d.file}\0${d.range.start.line}\0${d.message}`;
    const known = new Set(seen.map(key));
    // The parent reads every line before the other processes start: a line it loops forever on is one keepalived
    // (-t too) never gets past, whatever the other processes would make of it.
    const loops: Diagnostic[] = [];
    for (const d of reader.diagnostics) {
      if (d.code !== 'KA113' || d.severity !== 'error' || !LOOPS_FOREVER.test(d.message) || known.has(key(d))) continue;
      known.add(key(d));
      loops.push({ ...d, message: `${d.message} [as keepalived's parent process reads the file: ${split ? 'it reads a definition on past a line where its VRRP and checker processes end it (KA115)' : "it reads a '\\#' or '\\!' line in a multi-line definition as the definition's last line, where its VRRP and checker processes skip the line and read on (KA116)"}, so it expands the definitions otherwise]` });
    }
    if (!split) return { added: loops, unread };
    const splits = seen.filter((d) => d.code === 'KA115');
    const out: Diagnostic[] = loops;
    // The parent reads global_defs and the top level; it skips the other blocks (vrrp_instance, virtual_server…),
    // whose lines only the VRRP, checker or BFD process reads and reports, the main reading's way.
    // A block never closed runs to the end of its file. On a line a definition expands, what comes after the block's
    // '}' shares that brace's place: read with no block open, it is the parent's (mutation fuzzer seed 714 at 2.4.3).
    const topLevel = walker.emittedAtTopLevel!;
    // A top-level line without a block (`net_namespace x`) holds only itself (mutation fuzzer seed 720: the parent's
    // findings after such a line were all dropped).
    const skippedBlocks = walker.root.children
      .filter((n) => n.keyword !== 'global_defs')
      .map((n) => {
        const end = n.closeBrace?.file === n.file ? n.closeBrace.range.end.offset : n.openBrace ? Infinity : n.range.end.offset;
        return { file: n.file, start: n.range.start.offset, end, close: n.closeBrace?.file === n.file ? n.closeBrace.range.start.offset : Infinity };
      });
    const inSkippedBlock = (d: Diagnostic) => {
      const at = d.range.start.offset;
      return skippedBlocks.some((b) => b.file === d.file && b.start <= at && at < b.end && !(at >= b.close && topLevel.has(d)));
    };
    // The split whose definition the finding's line uses, else the nearest before it in its file, is the one the parent read past.
    const nameOf = (k: Diagnostic) => /definition \$(\w+)/.exec(k.message)?.[1] ?? '';
    const splitOf = (d: Diagnostic): string => {
      const source = reader.sourceText(d.file);
      const lineText = source === undefined ? '' : source.slice(d.range.start.offset - d.range.start.column, source.indexOf('\n', d.range.start.offset) >>> 0);
      let split = splits.find((k) => new RegExp(`\\$\\{?${nameOf(k)}\\b`).test(lineText));
      if (!split) for (const k of splits) if (k.file === d.file && k.range.start.offset <= d.range.start.offset) split = k;
      split ??= splits[0]!;
      const where = split.file === d.file ? `line ${split.range.start.line + 1}` : `line ${split.range.start.line + 1} of ${split.file}`;
      return `$${nameOf(split)} on past ${where}`;
    };
    const parentKeys = new Set<string>();
    // Where on a line the parent's reading finds something of a kind (its own words for it may differ).
    const parentLines = new Set<string>();
    const lineKey = (d: Diagnostic) => `${d.code}\0${d.file}\0${d.range.start.line}`;
    for (const d of walker.diagnostics) {
      parentKeys.add(key(d));
      parentLines.add(lineKey(d));
      if (known.has(key(d))) continue;
      const skippersRead = d.code === 'KA104' && SKIPPING_PROCESSES_READ.test(d.message);
      if (!skippersRead && (!PARENT_PRINTED.has(d.code) || !PARENT_MESSAGE.test(d.message))) continue;
      // Where a '{' the owning process ignored has the processes skipping a block count on past its end, the parent,
      // one of them, reads nothing up to the '}' that balances it (2.2.7: a definition it reads on expands
      // 'global_defs {' … '}' in a vrrp_instance, and keepalived -t says nothing of the '}' after).
      if (!skippersRead && d.code !== 'KA102' && (inSkippedBlock(d) || walker.whileParentSkipsOn!.has(d))) continue;
      out.push({ ...d, message: `${d.message} [as keepalived's parent process reads the file, whose messages keepalived -t prints: it reads ${splitOf(d)} (KA115); its VRRP and checker processes do not]` });
    }
    // An include line a split definition took in is the parent's alone: it reads the files where the definition is used.
    for (const d of reader.diagnostics) {
      if (d.code !== 'KA110' || known.has(key(d))) continue;
      out.push({ ...d, message: `${d.message} [as keepalived's parent process reads the file, whose messages keepalived -t prints: it reads ${splitOf(d)} (KA115); its VRRP and checker processes do not]` });
    }
    // In global_defs only the parent reports an unknown keyword or a brace: where the main reading, the VRRP and
    // checker processes', has one the parent's does not, keepalived says nothing (2.2.7: `$X= \`, a line of blanks,
    // then 'bogus y' in global_defs, exit 0). Such a finding stays, as a warning.
    const globalDefs = mainRoot.children
      .filter((n) => n.keyword === 'global_defs')
      .map((n) => ({ file: n.file, start: n.range.start.offset, end: n.closeBrace?.file === n.file ? n.closeBrace.range.end.offset : Infinity }));
    for (let i = 0; i < seen.length; i++) {
      const d = seen[i]!;
      if (d.severity !== 'error' || !PARENT_PRINTED.has(d.code) || !PARENT_MESSAGE.test(d.message) || parentKeys.has(key(d))) continue;
      if (!globalDefs.some((b) => b.file === d.file && b.start < d.range.start.offset && d.range.start.offset < b.end)) continue;
      seen[i] = { ...d, severity: 'warning', message: `${d.message} [as keepalived's VRRP and checker processes read the file, which do not report it in global_defs; its parent process reads ${splitOf(d)} (KA115), and keepalived -t says nothing here]` };
    }
    // Where those processes skip global_defs on past its end (a '{' the main reading took for an "Unexpected '{'"),
    // only the parent would read the lines, and it reads them otherwise: a finding its reading lacks is no one's
    // (2.2.7 is silent on the lines after such a '{' up to the '}' that balances it).
    for (const d of whileGlobalDefsSkipped) if (!parentLines.has(lineKey(d))) unread.add(d);
    return { added: out, unread };
  } catch {
    return { added: [], unread };
  }
}

/** The plain parse API: lossless tree of `text` plus keepalived's view of it. Never throws. */
export function parse(text: string, options: AnalyzeOptions = {}): ParseResult {
  const tree = parseCst(text);
  return { tree, ...analyze(text, options) };
}

/**
 * Config ids named by `@id` / `@^id` lines of a text (sorted, unique), as the `target` release
 * (default: a recent one) reads them: before 1.3.8 only in the first column, before 1.3.7 without `@^`.
 */
export function configIdsIn(text: string, target?: string): string[] {
  const ids = new Set<string>();
  const features = lineFeatures(target ? parseVersion(target) : undefined);
  // An id with nothing after it on its line (`@PID_DIR=${_HASH}`) names no node: keepalived drops such a line whatever
  // the id ("We need something after the system_id", lib/parser.c).
  const re = features && !features.indentedCondition ? /^@\^?(\S+)[ \t]+[^ \t\r\n]/gm : /^[ \t]*@\^?(\S+)[ \t]+[^ \t\r\n]/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const word = m[0].trim().split(/[ \t]/)[0]!;
    const c = parseCondition(new Token('word', 0, word.length, new SourceText('', Int32Array.of(0), word)), !features || features.negatedCondition);
    // An id written '^y' for a release without '@^' matches no host's id: no node is meant by it.
    if (c && c.id && !(features && !features.negatedCondition && c.id.startsWith('^'))) ids.add(c.id);
  }
  return [...ids].sort();
}

export { parseCst } from './syntax/parser.js';
export type { CstFile, CstNode, Range, Position } from './syntax/cst.js';
export type { Diagnostic, Severity, Fix, TextEdit, Location } from './diagnostics.js';
export { AstNode, ValueLine, SourceWord, type Word } from './analysis/ast.js';
export type { SourceHost, SourceFile } from './analysis/reader.js';
export type { KeepalivedConfig } from './model/model.js';
