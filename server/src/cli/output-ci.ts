// Line-oriented output formats for CI systems and editors: GitHub Actions workflow commands,
// Checkstyle XML (Jenkins, GitLab converters, reviewdog) and the GNU `file:line:col:` convention
// (Emacs compilation mode, Vim quickfix). All positions 1-based.

import type { Diagnostic, Severity } from '../core/diagnostics.js';
import { printedName, shownPath } from './common.js';

/** The related locations of a finding as lines `↳ file:line:col: message`, for the formats that have no place for them. */
function relatedLines(d: Diagnostic): string {
  return (d.related ?? []).map((r) => `\n↳ ${printedName(r.file)}:${r.range.start.line + 1}:${r.range.start.column + 1}: ${r.message}`).join('');
}

// ---------- GitHub Actions ----------

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes the message part of a workflow command. */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command (`,` and `:` separate properties). */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(diags: Diagnostic[]): string {
  let out = '';
  for (const d of diags) {
    const r = d.range;
    const props = [
      `file=${escapeGithubProperty(d.file)}`,
      `line=${r.start.line + 1}`,
      `col=${r.start.column + 1}`,
      `endLine=${r.end.line + 1}`,
      `endColumn=${r.end.column + 1}`,
      `title=${escapeGithubProperty(d.code)}`,
    ];
    // The related places in the message (an annotation has one place): the other node of a cluster finding.
    out += `::${GITHUB_COMMAND[d.severity]} ${props.join(',')}::${escapeGithubData(d.message + relatedLines(d))}\n`;
  }
  return out;
}

// ---------- Checkstyle XML ----------

/** Escapes text for an XML 1.0 attribute; characters XML cannot carry are dropped. */
export function escapeXmlAttribute(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

export function formatCheckstyle(diags: Diagnostic[], files: string[] = []): string {
  const byFile = new Map<string, Diagnostic[]>();
  // Files without findings are listed too, so CI tools know they were checked.
  for (const f of files) byFile.set(f, []);
  for (const d of diags) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n';
  for (const [file, list] of byFile) {
    // A name's bytes that are not UTF-8 (kept as lone surrogates, which XML cannot carry) are shown as `\xNN` first.
    // A control character XML cannot carry (ESC) is written as git writes it (`\033`), not dropped: the name stays one file's.
    out += `  <file name="${escapeXmlAttribute(shownPath(file).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => '\\' + c.charCodeAt(0).toString(8).padStart(3, '0')))}">\n`;
    for (const d of list) {
      out += `    <error line="${d.range.start.line + 1}" column="${d.range.start.column + 1}" severity="${d.severity}" message="${escapeXmlAttribute(shownPath(d.message + relatedLines(d)))}" source="kalint.${escapeXmlAttribute(d.code)}"/>\n`;
    }
    out += '  </file>\n';
  }
  out += '</checkstyle>\n';
  return out;
}

// ---------- GNU ----------

const GNU_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * `file:line:col: severity: message [CODE]`, one line per finding (line breaks in messages folded, control characters
 * in names escaped), then a `file:line:col: note: message` line per related place, as gcc writes them.
 */
export function formatGnu(diags: Diagnostic[]): string {
  let out = '';
  const fold = (m: string) => m.replace(/\s*[\r\n]+\s*/g, ' ');
  for (const d of diags) {
    out += `${printedName(d.file)}:${d.range.start.line + 1}:${d.range.start.column + 1}: ${GNU_SEVERITY[d.severity]}: ${fold(d.message)} [${d.code}]\n`;
    for (const r of d.related ?? []) out += `${printedName(r.file)}:${r.range.start.line + 1}:${r.range.start.column + 1}: note: ${fold(r.message)}\n`;
  }
  return out;
}
