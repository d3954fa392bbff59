// Line-oriented output formats for CI systems and editors: GitHub Actions workflow commands,
// Checkstyle XML (Jenkins, GitLab converters, reviewdog) and the GNU `file:line:col:` convention
// (Emacs compilation mode, Vim quickfix). All positions 1-based.

import type { Diagnostic, Severity } from '../core/diagnostics.js';
import { shownPath } from './common.js';

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
    out += `::${GITHUB_COMMAND[d.severity]} ${props.join(',')}::${escapeGithubData(d.message)}\n`;
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
    out += `  <file name="${escapeXmlAttribute(shownPath(file))}">\n`;
    for (const d of list) {
      out += `    <error line="${d.range.start.line + 1}" column="${d.range.start.column + 1}" severity="${d.severity}" message="${escapeXmlAttribute(shownPath(d.message))}" source="kalint.${escapeXmlAttribute(d.code)}"/>\n`;
    }
    out += '  </file>\n';
  }
  out += '</checkstyle>\n';
  return out;
}

// ---------- GNU ----------

const GNU_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** `file:line:col: severity: message [CODE]`, one line per finding (line breaks in messages folded). */
export function formatGnu(diags: Diagnostic[]): string {
  let out = '';
  for (const d of diags) {
    const msg = d.message.replace(/\s*[\r\n]+\s*/g, ' ');
    out += `${d.file}:${d.range.start.line + 1}:${d.range.start.column + 1}: ${GNU_SEVERITY[d.severity]}: ${msg} [${d.code}]\n`;
  }
  return out;
}
