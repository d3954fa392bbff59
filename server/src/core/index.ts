// The public API of the pure core. No file system, no LSP, no vscode: text and trees in, trees
// and diagnostics out. File access (for includes) comes in through `SourceHost`.

import { parseCst, rangeAt } from './syntax/parser.js';
import type { CstFile, Range } from './syntax/cst.js';
import { Reader, type SourceFile, type SourceHost } from './analysis/reader.js';
import { Walker } from './analysis/walker.js';
import { AstNode } from './analysis/ast.js';
import { buildModel, type KeepalivedConfig } from './model/model.js';
import { compareDiagnostics, type Diagnostic } from './diagnostics.js';
import { DEFAULT_TARGET_VERSION, parseVersion, type Version } from './schema/schema.js';
import { parseCondition } from './syntax/lines.js';
import { SourceText, Token } from './syntax/lexer.js';

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

/** The last line of a text as keepalived counts lines (a final newline ends the last line, it starts none). */
function lastLineRange(text: string): Range {
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
  const start = text.lastIndexOf('\n', end - 1) + 1;
  const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  return { start: { line, column: 0, offset: start }, end: { line, column: Math.max(0, stop - start), offset: Math.max(start, stop) } };
}

/** keepalived's view of a config: AST, typed model and core diagnostics. Never throws. */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const file = options.file ?? 'keepalived.conf';
  const configId = options.configId ?? DEFAULT_CONFIG_ID;
  const target = resolveTarget(options.targetVersion) ?? resolveTarget(undefined)!;
  const walker = new Walker({ target: target.version, targetLabel: target.label });
  const reader = new Reader({ configId, host: options.host, pathMappings: options.pathMappings, maxIncludeDepth: options.maxIncludeDepth, target: target.version, targetLabel: target.label }, walker);
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
  const diagnostics = [...reader.diagnostics, ...walker.diagnostics].sort(compareDiagnostics);
  let model: KeepalivedConfig;
  try {
    model = buildModel(walker.root, target.version);
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
  };
}

/** The plain parse API: lossless tree of `text` plus keepalived's view of it. Never throws. */
export function parse(text: string, options: AnalyzeOptions = {}): ParseResult {
  const tree = parseCst(text);
  return { tree, ...analyze(text, options) };
}

/** Config ids named by `@id` / `@^id` lines of a text (sorted, unique). */
export function configIdsIn(text: string): string[] {
  const ids = new Set<string>();
  const re = /^[ \t]*@\^?(\S+)/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const c = parseCondition(new Token('word', 0, m[0].trim().length, new SourceText('', Int32Array.of(0), m[0].trim())));
    if (c && c.id) ids.add(c.id);
  }
  return [...ids].sort();
}

export { parseCst } from './syntax/parser.js';
export type { CstFile, CstNode, Range, Position } from './syntax/cst.js';
export type { Diagnostic, Severity, Fix, TextEdit, Location } from './diagnostics.js';
export { AstNode, ValueLine, SourceWord, type Word } from './analysis/ast.js';
export type { SourceHost, SourceFile } from './analysis/reader.js';
export type { KeepalivedConfig } from './model/model.js';
