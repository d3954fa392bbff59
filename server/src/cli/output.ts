// Output formats for `kalint lint`. Positions are printed 1-based, as editors and CI expect.
// stylish and json live here; sarif in output-sarif.ts; github, checkstyle and gnu in output-ci.ts.

import type { Diagnostic } from '../core/diagnostics.js';
import type { Rule } from '../rules/types.js';
import { formatSarif } from './output-sarif.js';
import { formatCheckstyle, formatGithub, formatGnu } from './output-ci.js';
import { printedName, shownPath } from './common.js';

export interface Formatted {
  text: string;
}

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  related?: { file: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
  fix?: { description: string; safe: boolean; edits: { file: string; line: number; column: number; endLine: number; endColumn: number; newText: string }[] };
}

export function toJson(d: Diagnostic): JsonDiagnostic {
  const pos = (r: Diagnostic['range']) => ({ line: r.start.line + 1, column: r.start.column + 1, endLine: r.end.line + 1, endColumn: r.end.column + 1 });
  const out: JsonDiagnostic = { file: d.file, ...pos(d.range), severity: d.severity, code: d.code, message: d.message };
  if (d.related?.length) out.related = d.related.map((r) => ({ file: r.file, ...pos(r.range), message: r.message }));
  if (d.fix) out.fix = { description: d.fix.description, safe: !!d.fix.safe, edits: d.fix.edits.map((e) => ({ file: e.file, ...pos(e.range), newText: e.newText })) };
  return out;
}

export function formatJson(diags: Diagnostic[]): string {
  return JSON.stringify(diags.map(toJson), null, 2) + '\n';
}

const ANSI = { red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', dim: '\x1b[2m', bold: '\x1b[1m', underline: '\x1b[4m', reset: '\x1b[0m' };

export function formatStylish(diags: Diagnostic[], color: boolean): string {
  const c = (code: keyof typeof ANSI, s: string) => (color ? ANSI[code] + s + ANSI.reset : s);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diags) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  let out = '';
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const [file, list] of byFile) {
    out += '\n' + c('underline', printedName(file)) + '\n';
    for (const d of list) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
      else infos++;
      const pos = `${d.range.start.line + 1}:${d.range.start.column + 1}`;
      const sev = d.severity === 'error' ? c('red', 'error  ') : d.severity === 'warning' ? c('yellow', 'warning') : c('blue', 'info   ');
      out += `  ${c('dim', pos.padEnd(8))} ${sev}  ${d.message}  ${c('dim', d.code)}\n`;
      for (const r of d.related ?? []) out += `  ${' '.repeat(8)}          ${c('dim', `↳ ${printedName(r.file)}:${r.range.start.line + 1}:${r.range.start.column + 1}: ${r.message}`)}\n`;
      // The quick fix, so that the default output says what to change (its edits are in the json and sarif
      // output): 'fix' for those --fix applies, 'suggestion' for the others.
      if (d.fix) out += `  ${' '.repeat(8)}          ${c('dim', `${d.fix.safe ? 'fix' : 'suggestion'}: ${d.fix.description}`)}\n`;
    }
  }
  const total = errors + warnings + infos;
  if (total) {
    const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info)`;
    out += '\n' + c(errors ? 'red' : 'yellow', c('bold', summary)) + '\n';
  }
  return out;
}

// ---------- all formats ----------

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'checkstyle', 'gnu'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface OutputContext {
  /** Colour for stylish output. */
  color: boolean;
  /** Every file that was linted, as displayed (checkstyle lists files without findings too). */
  files: string[];
  /** The rules to declare (SARIF). */
  rules: readonly Rule[];
  /** Base of relative paths (SARIF %SRCROOT%). */
  baseDir: string;
  /** Findings hidden by suppression comments (SARIF lists them as suppressed results). */
  suppressed?: { diagnostic: Diagnostic; reason: string }[];
  /** Paths that could not be linted, with why (SARIF: tool execution notifications of a failed run). */
  unlinted?: string[];
}

/**
 * The report in `format`. A file name that is not UTF-8 keeps its bytes as escapes (encoding.ts): the JSON formats
 * keep them as they are (`\udce9`, Python's surrogateescape: a Python reader gets the name's bytes back, and SARIF
 * escapes them in its URIs), and the formats for people and for line-based tools show them as `\xe9`.
 */
export function formatOutput(format: FormatName, diags: Diagnostic[], ctx: OutputContext): string {
  switch (format) {
    case 'stylish':
      return shownPath(formatStylish(diags, ctx.color));
    case 'json':
      return formatJson(diags);
    case 'sarif':
      return formatSarif(diags, { rules: ctx.rules, baseDir: ctx.baseDir, suppressed: ctx.suppressed, unlinted: ctx.unlinted });
    case 'github':
      return shownPath(formatGithub(diags));
    case 'checkstyle':
      return formatCheckstyle(diags, ctx.files);
    case 'gnu':
      return shownPath(formatGnu(diags));
  }
}
