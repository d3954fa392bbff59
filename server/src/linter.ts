// The linting service: core analysis plus every file rule, inline suppressions and severities
// applied. Pure (file access only through the SourceHost in the options); the CLI and the language
// server both call it.

import { analyze, type Analysis, type AnalyzeOptions } from './core/index.js';
import { compareDiagnostics, type Diagnostic, type Severity } from './core/diagnostics.js';
import type { Range } from './core/syntax/cst.js';
import { Kind } from './core/syntax/lexer.js';
import { showUnseen } from './core/syntax/lookalikes.js';
import { findTemplateMarker, templateLanguage, type TemplateMarker } from './core/syntax/template.js';
import { findBinaryEvidence, type BinaryEvidence } from './core/syntax/binary.js';
import { guardHost } from './core/analysis/reader.js';
import { positionAt } from './core/syntax/parser.js';
import { commentScanOpenQuote } from './core/syntax/comment-scan.js';
import { ruleByCode, rules } from './rules/index.js';
import type { ClusterNode, ClusterRule, FileRule, ReportInput } from './rules/types.js';
import { applySuppressions, readInlineConfig, unusedSuppressions, usedSuppressionKeys } from './rules/meta/suppressions.js';
import { appendAll } from './core/arrays.js';
import { editsSharedText } from './rules/fixes.js';

export type SeveritySetting = Severity | 'off';

export interface LintOptions extends AnalyzeOptions {
  /** Per-rule severity overrides, by code or name. */
  severities?: Record<string, SeveritySetting>;
  /** Honour `# kalint-disable…` comments (default true; `--no-inline-config` turns it off). */
  inlineConfig?: boolean;
  /** Report suppressions that matched nothing as KA002 (default true). */
  reportUnusedSuppressions?: boolean;
}

export interface SuppressedDiagnostic {
  diagnostic: Diagnostic;
  /** The reason written in the suppression comment. */
  reason: string;
}

export interface LintResult {
  analysis: Analysis;
  diagnostics: Diagnostic[];
  /** Findings hidden by suppression comments (with the configured severities; 'off' rules left out). */
  suppressed: SuppressedDiagnostic[];
  /** Set when the text is a template to render (KA108): its analysis means nothing, and no rule ran. */
  template?: TemplateMarker;
  /** Set when the text is binary data (KA119): its analysis is of no text, and no rule ran. */
  binary?: BinaryEvidence;
  /** The suppression directives that suppressed a finding (`usedSuppressionKeys`). */
  usedSuppressions?: string[];
}

const ZERO_RANGE: Range = { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } };

const SEVERITY_VALUES: ReadonlySet<unknown> = new Set<SeveritySetting>(['off', 'info', 'warning', 'error']);

export function applySeverities(diagnostics: Diagnostic[], severities: Record<string, SeveritySetting> | undefined): Diagnostic[] {
  if (!severities) return diagnostics;
  const byCode = new Map<string, SeveritySetting>();
  for (const [k, v] of Object.entries(severities)) {
    // As in .kalint.json's "rules": exactly 'off', 'info', 'warning' or 'error'. Any other value (severities often
    // come from JSON: 'nonsense', 'OFF', 1) is ignored, the rule keeping its own severity, rather than passed on as
    // a finding's severity ('OFF' turned nothing off and came back as the severity).
    if (!SEVERITY_VALUES.has(v)) continue;
    const rule = ruleByCode(k);
    byCode.set(rule ? rule.code : k.toUpperCase(), v);
  }
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const s = byCode.get(d.code);
    if (s === 'off') continue;
    out.push(s ? { ...d, severity: s } : d);
  }
  return out;
}

export function runFileRules(analysis: Analysis): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    if (rule.kind !== 'file') continue;
    runOne(rule, analysis, out);
  }
  return out;
}

function toDiagnostic(rule: FileRule | ClusterRule, r: ReportInput): Diagnostic {
  // A word with a hidden character (no-break space…) is quoted with it shown as <U+00A0>.
  const message = showUnseen(r.message);
  const fix = r.fix && showUnseen(r.fix.description) !== r.fix.description ? { ...r.fix, description: showUnseen(r.fix.description) } : r.fix;
  return { code: rule.code, severity: r.severity ?? rule.severity, message, file: r.file, range: r.range, related: distinctRelated(r), fix };
}

/**
 * The related locations of a report, each place and message once and none at the finding's own place:
 * a line expanded from a definition or ~SEQ is one place for every copy (300 `quorum_up` scripts of one
 * written line are one line to look at, not 300 identical pointers).
 */
function distinctRelated(r: ReportInput): ReportInput['related'] {
  const list = r.related;
  if (!list || list.length === 0) return list;
  const key = (file: string, range: Range, message: string) => `${file}\0${range.start.offset}\0${range.end.offset}\0${message}`;
  const seen = new Set<string>();
  const at = (file: string, range: Range) => `${file}\0${range.start.offset}\0${range.end.offset}`;
  const own = at(r.file, r.range);
  let out: typeof list | undefined;
  for (let i = 0; i < list.length; i++) {
    const x = list[i]!;
    const k = key(x.file, x.range, x.message);
    const dropped = seen.has(k) || at(x.file, x.range) === own;
    seen.add(k);
    if (dropped) out ??= list.slice(0, i);
    else out?.push(x);
  }
  if (!out) return list;
  return out.length ? out : undefined;
}

function internalError(rule: FileRule | ClusterRule, file: string, e: unknown): Diagnostic {
  return { code: 'KA000', severity: 'error', message: `kalint internal error in rule ${rule.code}: ${(e as Error)?.message ?? e}`, file, range: ZERO_RANGE };
}

function runOne(rule: FileRule, analysis: Analysis, out: Diagnostic[]): void {
  try {
    rule.check({ analysis, target: analysis.target, report: (r) => out.push(toDiagnostic(rule, r.fix && editsSharedText(analysis, r.fix) ? { ...r, fix: undefined } : r)) });
  } catch (e) {
    out.push(internalError(rule, analysis.file, e));
  }
}

/** Runs every cluster rule over the nodes of one cluster. Never throws. */
export function runClusterRules(nodes: ClusterNode[], reason: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!nodes.length) return out;
  const target = nodes[0]!.analysis.target;
  for (const rule of rules) {
    if (rule.kind !== 'cluster') continue;
    try {
      rule.check({ nodes, reason, target, report: (r) => out.push(toDiagnostic(rule, r)) });
    } catch (e) {
      out.push(internalError(rule, nodes[0]!.analysis.file, e));
    }
  }
  return dedupe(out, (file) => {
    for (const n of nodes) {
      const f = n.analysis.files.get(file);
      if (f) return f.text;
    }
    return undefined;
  });
}

/**
 * KA105 for every file read: the lexer keeps an unclosed `"…` as a string token, and keepalived
 * drops the fragment. analyze() does not report it, so the linter does (once per token). Lines
 * for another config id too: keepalived strips comments and checks quotes before it looks at `@id`.
 */
export function unterminatedQuotes(analysis: Analysis): Diagnostic[] {
  const out: Diagnostic[] = [];
  const already = new Set(analysis.diagnostics.filter((d) => d.code === 'KA105').map((d) => `${d.file}\0${d.range.start.offset}`));
  const unclosedLines = new Set(analysis.diagnostics.filter((d) => d.code === 'KA105').map((d) => `${d.file}\0${d.range.start.line}`));
  for (const [path, source] of analysis.files) {
    const store = source.lex;
    const { kinds, count } = store;
    // Strings are rare: the kinds array's own search finds them without a step per token.
    for (let i = kinds.indexOf(Kind.String); i >= 0 && i < count; i = kinds.indexOf(Kind.String, i + 1)) {
      const t = { start: store.starts[i]!, end: store.end(i) };
      if (t.end - t.start >= 2 && source.text.charCodeAt(t.end - 1) === 34) continue;
      const line = store.src.lineOf(t.start);
      if (already.has(`${path}\0${t.start}`)) continue;
      const column = t.start - store.lineStarts[line]!;
      out.push({
        code: 'KA105',
        severity: 'error',
        message: 'Unterminated double quote: quotes do not span lines, and keepalived drops the quoted fragment',
        file: path,
        range: { start: { line, column, offset: t.start }, end: { line, column: column + (t.end - t.start), offset: t.end } },
      });
      unclosedLines.add(`${path}\0${line}`);
    }
    // Every string closes for the word splitter, but keepalived's comment scan, which reads `\"` as
    // an escaped quote, may still end the line inside one: only lines with a backslash can.
    const text = source.text;
    for (let b = text.indexOf('\\'); b >= 0; ) {
      const line = store.src.lineOf(b);
      const lineStart = store.lineStarts[line]!;
      const nl = text.indexOf('\n', b);
      const lineEnd = nl < 0 ? text.length : nl;
      b = nl < 0 ? -1 : text.indexOf('\\', nl);
      if (unclosedLines.has(`${path}\0${line}`)) continue;
      const at = commentScanOpenQuote(text, lineStart, lineEnd);
      if (at < 0) continue;
      const column = at - lineStart;
      out.push({
        code: 'KA105',
        severity: 'error',
        message:
          "Unterminated double quote for keepalived's comment scan: it reads a backslash before a quote as escaping it, so the quote opened here stays open to the end of the line " +
          '(keepalived: "Unterminated quote"), and a \'#\' or \'!\' after it starts no comment',
        file: path,
        range: { start: { line, column, offset: at }, end: { line, column: lineEnd - lineStart, offset: lineEnd } },
      });
    }
  }
  return out;
}

/** Suppressions, their own findings, then severities: what a lint of one analysis reports. */
export function finishDiagnostics(analysis: Analysis, raw: Diagnostic[], options: LintOptions): { diagnostics: Diagnostic[]; suppressed: SuppressedDiagnostic[]; usedSuppressions: string[] } {
  let diagnostics = raw;
  let suppressed: SuppressedDiagnostic[] = [];
  let usedSuppressions: string[] = [];
  if (options.inlineConfig !== false) {
    const inline = readInlineConfig(analysis);
    const split = applySuppressions(raw, inline.suppressions);
    suppressed = split.suppressed;
    usedSuppressions = usedSuppressionKeys(inline.suppressions);
    diagnostics = [...split.kept, ...inline.problems];
    // Cluster findings only exist when files are linted together; their suppressions are used there.
    if (options.reportUnusedSuppressions !== false) appendAll(diagnostics, unusedSuppressions(inline.suppressions, (code) => ruleByCode(code)?.kind === 'cluster', analysis.configId));
  }
  if (suppressed.length && options.severities) {
    suppressed = suppressed.flatMap((s) => applySeverities([s.diagnostic], options.severities).map((diagnostic) => ({ diagnostic, reason: s.reason })));
  }
  const textOf = (file: string) => analysis.files.get(file)?.text;
  return { diagnostics: dedupe(applySeverities(diagnostics, options.severities), textOf).sort(compareDiagnostics), suppressed, usedSuppressions };
}

/**
 * Drops repeats of one finding (a ~SEQ line expands into several lines at the same place), and at a
 * line that expands (a `$NAME` reference or a ~SEQ/~LST), folds findings of one rule that differ only
 * in their numbers into the first: 2,000 instances made by one ~SEQ line are 2,000 "'4.0.1.N' has
 * unicast_src_ip but no unicast_peer" at one place, which is one thing to fix. Findings that differ
 * in words ('mcast_src_ip' and 'unicast_src_ip', two unknown keywords) stay apart.
 */
export function dedupe(diagnostics: Diagnostic[], textOf: (file: string) => string | undefined = () => undefined): Diagnostic[] {
  const seen = new Set<string>();
  const firstLike = new Map<string, { index: number; more: number }>();
  const out: Diagnostic[] = [];
  // Thousands of findings may share a line (300,000 addresses written on one): look each line up once.
  const expanding = new Map<string, boolean>();
  const expandsHere = (d: Diagnostic) => {
    const place = `${d.file}\0${d.range.start.line}`;
    let yes = expanding.get(place);
    if (yes === undefined) expanding.set(place, (yes = expandsAt(textOf(d.file), d.range.start.offset)));
    return yes;
  };
  for (const d of diagnostics) {
    const key = `${d.code}\0${d.file}\0${d.range.start.offset}\0${d.range.end.offset}\0${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (/\d/.test(d.message) && expandsHere(d)) {
      const likeKey = `${d.code}\0${d.severity}\0${d.file}\0${d.range.start.offset}\0${d.range.end.offset}\0${d.message.replace(/\d+/g, '#')}`;
      const first = firstLike.get(likeKey);
      if (first) {
        first.more++;
        continue;
      }
      firstLike.set(likeKey, { index: out.length, more: 0 });
    }
    out.push(d);
  }
  for (const { index, more } of firstLike.values()) {
    if (more) out[index] = { ...out[index]!, message: `${out[index]!.message} (and ${more} more like it from the lines this line expands to)` };
  }
  return out;
}

/** Whether the line holding `offset` of `text` expands into other text: a `$` reference or a ~SEQ/~LST. */
function expandsAt(text: string | undefined, offset: number): boolean {
  if (text === undefined || offset < 0 || offset > text.length) return false;
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  const line = text.slice(start, end);
  return line.includes('$') || line.includes('~SEQ') || line.includes('~LST');
}

/**
 * Applies the suppression comments of the files of `analyses` to findings made across them (the
 * cluster rules). Problems with the directives themselves are not repeated here: linting each
 * file reports them.
 */
export function suppressAcross(diagnostics: Diagnostic[], analyses: Analysis[], inlineConfig = true): { diagnostics: Diagnostic[]; suppressed: SuppressedDiagnostic[] } {
  if (!inlineConfig) return { diagnostics, suppressed: [] };
  const seen = new Set<string>();
  const suppressions = analyses.flatMap((a) => {
    // A file shared by several analyses (an include, or one file for several config ids) counts once.
    const fresh = [...a.files.keys()].filter((f) => !seen.has(f));
    fresh.forEach((f) => seen.add(f));
    return readInlineConfig(a).suppressions.filter((s) => fresh.includes(s.file));
  });
  const split = applySuppressions(diagnostics, suppressions);
  return { diagnostics: split.kept, suppressed: split.suppressed };
}

/** Lints one config text. Never throws. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  const binary = findBinaryEvidence(text);
  if (binary) {
    const read = lintBinary(text, binary, options);
    if (read) return read;
  }
  const template = findTemplateMarker(text, options.file);
  if (template) {
    const templated = lintTemplate(text, template, options);
    if (templated) return templated;
  }
  const analysis = analyze(text, options);
  const raw = foldBinaryIncludes(analysis, [...analysis.diagnostics, ...unterminatedQuotes(analysis), ...runFileRules(analysis)], options);
  const { diagnostics, suppressed, usedSuppressions } = finishDiagnostics(analysis, raw, options);
  return { analysis, diagnostics, suppressed, usedSuppressions };
}

/**
 * An include that reads binary data (`include conf.d/*` over a folder where a backup archive or a compiled file
 * landed): keepalived reads its bytes as configuration lines, as it would a binary named on the command line. The
 * findings inside such a file are one finding (KA119) on the include line that read it; what its bytes do to the
 * including file (a stray brace among them) stays reported there. With KA119 off nothing is folded.
 */
function foldBinaryIncludes(analysis: Analysis, raw: Diagnostic[], options: LintOptions): Diagnostic[] {
  let binaries: Map<string, Diagnostic> | undefined;
  for (const [path, f] of analysis.files) {
    if (!f.includedFrom || path === analysis.file) continue;
    const evidence = findBinaryEvidence(f.text);
    if (!evidence) continue;
    const what = evidence.kind ? `${evidence.kind} (its first bytes are ${evidence.signature})` : 'binary data';
    const finding: Diagnostic = {
      code: 'KA119',
      severity: 'error',
      message: `this include reads ${path}, which is ${what}, not a text config: keepalived reads its bytes as configuration lines and reports nearly every one as an unknown keyword or a brace error. kalint reports it once here and not the findings inside it: move the file out of the folder, or narrow the pattern (\`*.conf\`)`,
      file: f.includedFrom.file,
      range: f.includedFrom.range,
      related: [{ file: path, range: { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } }, message: 'the binary file' }],
    };
    if (!applySeverities([finding], options.severities).length) continue;
    (binaries ??= new Map()).set(path, finding);
  }
  if (!binaries) return raw;
  const kept = raw.filter((d) => !binaries!.has(d.file));
  for (const finding of binaries.values()) kept.push(finding);
  return kept;
}

/**
 * A template (`{{ x }}`, `{% if %}`, `<%= x %>`) is reported once (KA108) instead of being read as
 * keepalived would read it, which buries the user in brace and keyword errors. With KA108 turned
 * off the template is linted like any config (undefined is returned).
 */
function lintTemplate(text: string, marker: TemplateMarker, options: LintOptions): LintResult | undefined {
  // Read as a config only for its suppression comments and line table.
  const analysis = analyze(text, options);
  const file = analysis.file;
  const lineStarts = analysis.files.get(file)!.lex.lineStarts;
  const start = positionAt(lineStarts, marker.start);
  const end = positionAt(lineStarts, marker.end);
  const markup = text.slice(marker.start, marker.end);
  const shown = markup.length > 40 ? `${markup.slice(0, 37)}...` : markup;
  const raw: Diagnostic[] = [{
    code: 'KA108',
    severity: 'error',
    message: `this is ${templateLanguage(marker)} (${shown} on line ${start.line + 1}), not a config keepalived can read as it is: kalint checks what keepalived reads, so lint the rendered file instead (nothing else in this file was checked)`,
    file,
    range: { start, end },
  }];
  if (!applySeverities(raw, options.severities).length) return undefined;
  const { diagnostics, suppressed } = finishDiagnostics(analysis, raw, { ...options, reportUnusedSuppressions: false });
  return { analysis, diagnostics, suppressed, template: marker };
}

/**
 * Binary data (an executable, an archive, an image) is reported once (KA119) instead of being read as keepalived
 * would read it, which gives a finding for nearly every line. With KA119 turned off the file is linted like any
 * config (undefined is returned).
 */
function lintBinary(text: string, evidence: BinaryEvidence, options: LintOptions): LintResult | undefined {
  const file = options.file ?? 'keepalived.conf';
  const before = text.slice(0, evidence.offset);
  const line = before.split('\n').length - 1;
  const column = evidence.offset - (before.lastIndexOf('\n') + 1);
  const range: Range = {
    start: { line, column, offset: evidence.offset },
    end: { line, column: column + 1, offset: evidence.offset + 1 },
  };
  const what = evidence.kind ? `${evidence.kind} (its first bytes are ${evidence.signature})` : 'binary data';
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const where = `at byte offset ${evidence.byteOffset}, line ${line + 1}`;
  const counts = [
    evidence.nuls ? `${plural(evidence.nuls, 'NUL byte', 'NUL bytes')} (the first ${where})` : '',
    evidence.controls
      ? `${evidence.nuls ? plural(evidence.controls, 'other control character', 'other control characters') : plural(evidence.controls, 'control character', 'control characters')}${evidence.nuls ? '' : ` (the first, U+${evidence.code.toString(16).toUpperCase().padStart(4, '0')}, ${where})`}`
      : '',
    evidence.notUtf8 ? plural(evidence.notUtf8, 'byte that is not UTF-8', 'bytes that are not UTF-8') : '',
  ].filter(Boolean);
  const list = counts.length > 1 ? `${counts.slice(0, -1).join(', ')} and ${counts[counts.length - 1]}` : counts[0]!;
  let executable = false;
  try {
    executable = !!guardHost(options.host)?.isExecutable?.(file);
  } catch {
    executable = false;
  }
  const keepalived = executable
    ? 'keepalived skips it, as it skips every executable configuration file ("is not a regular non-executable file - skipping"), and starts with nothing configured'
    : 'keepalived does not refuse such a file: it reads the bytes as configuration lines, each ending at a line feed or at its first NUL byte (from 2.4.0 it drops a line holding a NUL instead), and reports nearly every line as an unknown keyword or a brace error';
  const raw: Diagnostic[] = [{
    code: 'KA119',
    severity: 'error',
    message: `this file is ${what}, not a text config: ${evidence.whole ? `its ${evidence.sampleBytes} bytes` : `its first ${evidence.sampleBytes} bytes`} hold ${list}; ${keepalived}. kalint reports the file once and checks nothing else in it: lint the config itself`,
    file,
    range,
  }];
  if (!applySeverities(raw, options.severities).length) return undefined;
  // No text to read: the analysis is of an empty file (no suppression comment applies to binary data).
  const analysis = analyze('', { ...options, host: undefined });
  return { analysis, diagnostics: applySeverities(raw, options.severities), suppressed: [], binary: evidence };
}
