// Inline suppression comments, read from the lexer's comment tokens of every file of an analysis:
//   # kalint-disable-next-line CODE[,CODE] -- reason   (the next line that holds more than comments)
//   # kalint-disable CODE[,CODE] -- reason             (the whole file the comment is in)
// `!` works as well as `#`. Codes may be rule codes or rule names. A directive without a reason
// suppresses nothing and is itself reported (KA001); unknown rules (KA003), malformed directives
// (KA004) and, at the end, suppressions that matched no finding (KA002) are reported too.

import type { Analysis } from '../../core/index.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { Range } from '../../core/syntax/cst.js';
import { positionAt } from '../../core/syntax/parser.js';
import { Kind } from '../../core/syntax/lexer.js';
import { parseCondition } from '../../core/syntax/lines.js';
import { ruleByCode, rules } from '../index.js';
import { suggest } from '../../core/analysis/suggest.js';

export interface Suppression {
  kind: 'next-line' | 'file';
  /** The file the directive is in; it only applies to findings in that file. */
  file: string;
  /** The directive comment. */
  range: Range;
  /** 0-based line covered by a next-line directive. */
  line?: number;
  /** The `@ID` / `@^ID` prefix of the line a next-line directive covers: only the config ids that read it judge it. */
  condition?: { id: string; negated: boolean };
  /** Rule codes it suppresses, each with the code or name as written. */
  codes: Map<string, string>;
  reason: string;
  /** Codes that matched at least one finding. */
  used: Set<string>;
}

export interface InlineConfig {
  suppressions: Suppression[];
  /** Findings about the directives themselves (KA001, KA003, KA004). */
  problems: Diagnostic[];
}

const DIRECTIVES = ['disable-next-line', 'disable'] as const;

/**
 * The rules that report the directives themselves (KA001–KA004): their findings are made after the suppressions
 * are applied, so no comment can suppress them; only .kalint.json's "rules" (or --rule) can set them.
 */
export const DIRECTIVE_RULES: ReadonlySet<string> = new Set(['KA001', 'KA002', 'KA003', 'KA004']);
const DIRECTIVE_RE = /^kalint-([A-Za-z-]*)(.*)$/s;

/** Whether text[start, end) contains `kalint-`. */
function mentionsKalint(text: string, start: number, end: number): boolean {
  for (let p = start; p + 7 <= end; p++) if (text.charCodeAt(p) === 107 && text.startsWith('kalint-', p)) return true;
  return false;
}

/** Reads every kalint directive in the files of `analysis`. */
export function readInlineConfig(analysis: Analysis): InlineConfig {
  const suppressions: Suppression[] = [];
  const problems: Diagnostic[] = [];
  for (const [path, source] of analysis.files) {
    const store = source.lex;
    const { kinds, lineStarts } = store;
    // Only comments that mention `kalint-` are parsed (most comments are prose). The comments are
    // found with the kinds array's own search and read in place: searching the whole text for
    // `kalint-` instead costs ~4 ms on a 6 MB file whose comments are a few percent of it.
    const count = store.count;
    for (let i = kinds.indexOf(Kind.Comment); i >= 0 && i < count; i = kinds.indexOf(Kind.Comment, i + 1)) {
      if (!mentionsKalint(source.text, store.starts[i]!, store.end(i))) continue;
      const t = store.token(i);
      // `#`, `!`, `\#`, `##`… followed by optional blanks.
      const body = t.text.replace(/^\\?[#!]+[ \t]*/, '');
      const m = DIRECTIVE_RE.exec(body);
      if (!m) continue;
      const range: Range = { start: positionAt(lineStarts, t.start), end: positionAt(lineStarts, t.end) };
      const problem = (code: string, message: string) => problems.push({ code, severity: ruleByCode(code)?.severity ?? 'warning', message, file: path, range });
      const directive = m[1]!;
      if (!(DIRECTIVES as readonly string[]).includes(directive)) {
        const guess = suggest(directive, [...DIRECTIVES]);
        problem('KA004', `Unknown kalint directive 'kalint-${directive}'${guess ? `; did you mean 'kalint-${guess}'?` : ''} (kalint understands kalint-disable-next-line and kalint-disable)`);
        continue;
      }
      const rest = m[2]!;
      if (rest !== '' && !/^[ \t]/.test(rest)) {
        problem('KA004', `Unknown kalint directive 'kalint-${directive}${rest.split(/[ \t]/)[0]}'`);
        continue;
      }
      const sep = rest.indexOf('--');
      // An em or en dash, or one hyphen, where ' -- ' belongs (an editor turned '--' into '—'): the words after it
      // are a reason written with the wrong separator, not rule names.
      const lookalike = sep < 0 ? /[ \t]*(?:[\u2012-\u2015\u2212]|(?<=[ \t])-(?=[ \t]|$))/.exec(rest) : null;
      const codesText = sep >= 0 ? rest.slice(0, sep) : lookalike ? rest.slice(0, lookalike.index) : rest;
      const reason = sep < 0 ? '' : rest.slice(sep + 2).trim();
      const written = codesText.split(/[\s,]+/).filter(Boolean);
      if (written.length === 0) {
        problem('KA004', `'kalint-${directive}' names no rule: write the codes or names of the rules it suppresses, then ' -- ' and the reason`);
        continue;
      }
      const codes = new Map<string, string>();
      for (const w of written) {
        const rule = ruleByCode(w);
        if (rule && DIRECTIVE_RULES.has(rule.code)) {
          const named = w === rule.code ? rule.code : `${rule.code} (${w})`;
          problem('KA004', `'kalint-${directive}' names ${named}, which reports the kalint comments themselves and cannot be suppressed by one: set it in .kalint.json ("rules": { "${rule.code}": "off" }) or with --rule ${rule.code}=off, and remove it from the directive`);
        } else if (rule) codes.set(rule.code, w);
        else {
          const guess = /^KA\d/i.test(w) ? undefined : suggest(w, rules.map((r) => r.name));
          problem('KA003', `'kalint-${directive}' names an unknown rule '${w}'${guess ? `; did you mean '${guess}'?` : ''}`);
        }
      }
      if (!reason) {
        const wrote = lookalike?.[0].trim();
        problem('KA001', wrote
          ? `'kalint-${directive}' has no reason: its reason follows '${wrote}', and kalint reads one after ' -- ' (two hyphens); write ' -- ' there; until then it suppresses nothing`
          : `'kalint-${directive}' has no reason: add ' -- ' and why the finding does not apply; until then it suppresses nothing`);
        continue;
      }
      if (codes.size === 0) continue;
      const s: Suppression = { kind: directive === 'disable' ? 'file' : 'next-line', file: path, range, codes, reason, used: new Set() };
      if (s.kind === 'next-line') {
        // The next line holding something other than comments; a directive at the end of a
        // file covers nothing (and is reported as unused).
        let j = i + 1;
        while (j < store.count && kinds[j] === Kind.Comment) j++;
        s.line = j < store.count ? store.src.lineOf(store.starts[j]!) : -1;
        const c = j < store.count ? parseCondition(store.token(j)) : undefined;
        if (c) s.condition = { id: c.id, negated: c.negated };
      }
      suppressions.push(s);
    }
  }
  return { suppressions, problems };
}

export interface SuppressionResult {
  /** Findings that no directive covers. */
  kept: Diagnostic[];
  /** Findings a directive covered, with its reason. */
  suppressed: { diagnostic: Diagnostic; reason: string }[];
}

/** Splits findings into kept and suppressed, marking the directives that were used. */
export function applySuppressions(diagnostics: Diagnostic[], suppressions: Suppression[]): SuppressionResult {
  const kept: Diagnostic[] = [];
  const suppressed: SuppressionResult['suppressed'] = [];
  if (!suppressions.length) return { kept: diagnostics, suppressed };
  const byFile = new Map<string, Suppression[]>();
  for (const s of suppressions) {
    const list = byFile.get(s.file);
    if (list) list.push(s);
    else byFile.set(s.file, [s]);
  }
  for (const d of diagnostics) {
    const match = byFile.get(d.file)?.find((s) => s.codes.has(d.code) && (s.kind === 'file' || s.line === d.range.start.line));
    if (match) {
      match.used.add(d.code);
      suppressed.push({ diagnostic: d, reason: match.reason });
    } else kept.push(d);
  }
  return { kept, suppressed };
}

/**
 * The directives of `suppressions` that suppressed something, as `file NUL offset NUL code` (the directive's
 * offset, the code it named): a run that analyses a file several ways (for each includer, each config id) reports
 * a directive unused only when no way used it.
 */
export function usedSuppressionKeys(suppressions: Suppression[]): string[] {
  const out: string[] = [];
  for (const s of suppressions) for (const code of s.used) out.push(suppressionKey(s.file, s.range.start.offset, code));
  return out;
}

export function suppressionKey(file: string, offset: number, code: string): string {
  return `${file}\0${offset}\0${code}`;
}

/** The code an unused-suppression finding (KA002) is about. */
export function unusedSuppressionCode(d: Diagnostic): string | undefined {
  return d.code === 'KA002' ? /^Unused suppression: no (KA\d+)/.exec(d.message)?.[1] : undefined;
}

/**
 * Whether an analysis for `configId` can tell if `s` is used: a next-line directive over an `@ID` line that this
 * config id drops (another host's line) is judged by the analyses of the ids that read the line, not this one.
 */
export function suppressionJudgedFor(s: Suppression, configId: string | undefined): boolean {
  return !s.condition || configId === undefined || (s.condition.id === configId) !== s.condition.negated;
}

/**
 * KA002 findings: one per rule of a directive that matched nothing. `judgedElsewhere` names codes
 * whose findings this lint could not have seen (cluster rules, when one file is linted alone).
 * `configId`: the id the analysis read the files for; a directive over a line that id drops is not judged.
 */
export function unusedSuppressions(suppressions: Suppression[], judgedElsewhere: (code: string) => boolean = () => false, configId?: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const severity = ruleByCode('KA002')?.severity ?? 'warning';
  for (const s of suppressions) {
    if (!suppressionJudgedFor(s, configId)) continue;
    for (const [code, written] of s.codes) {
      if (s.used.has(code) || judgedElsewhere(code)) continue;
      const where = s.kind === 'file' ? 'in this file' : s.line !== undefined && s.line >= 0 ? `on line ${s.line + 1}` : 'after it (the file ends)';
      out.push({ code: 'KA002', severity, message: `Unused suppression: no ${written === code ? code : `${code} (${written})`} finding ${where}; remove the directive`, file: s.file, range: s.range });
    }
  }
  return out;
}
