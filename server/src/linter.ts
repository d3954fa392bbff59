// The linting service: core analysis plus every file rule, severities applied. Pure (file access
// only through the SourceHost in the options); the CLI and the language server both call it.

import { analyze, type Analysis, type AnalyzeOptions } from './core/index.js';
import { compareDiagnostics, type Diagnostic, type Severity } from './core/diagnostics.js';
import { rules } from './rules/index.js';
import type { FileRule } from './rules/types.js';

export type SeveritySetting = Severity | 'off';

export interface LintOptions extends AnalyzeOptions {
  /** Per-rule severity overrides, by code or name. */
  severities?: Record<string, SeveritySetting>;
}

export interface LintResult {
  analysis: Analysis;
  diagnostics: Diagnostic[];
}

export function applySeverities(diagnostics: Diagnostic[], severities: Record<string, SeveritySetting> | undefined): Diagnostic[] {
  if (!severities) return diagnostics;
  const byCode = new Map<string, SeveritySetting>();
  for (const [k, v] of Object.entries(severities)) {
    const rule = rules.find((r) => r.code === k.toUpperCase() || r.name === k);
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

function runOne(rule: FileRule, analysis: Analysis, out: Diagnostic[]): void {
  try {
    rule.check({
      analysis,
      target: analysis.target,
      report: (r) => out.push({ code: rule.code, severity: r.severity ?? rule.severity, message: r.message, file: r.file, range: r.range, related: r.related, fix: r.fix }),
    });
  } catch (e) {
    out.push({
      code: 'KA000',
      severity: 'error',
      message: `kalint internal error in rule ${rule.code}: ${(e as Error)?.message ?? e}`,
      file: analysis.file,
      range: { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } },
    });
  }
}

/** Lints one config text. Never throws. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  const analysis = analyze(text, options);
  const diagnostics = applySeverities([...analysis.diagnostics, ...runFileRules(analysis)], options.severities).sort(compareDiagnostics);
  return { analysis, diagnostics };
}
