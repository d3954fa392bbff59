// Shared by the lvs, security and style rule tests: lint a text, pick one rule's findings, apply a fix.

import { lintText } from '../../server/src/linter.js';
import type { Diagnostic, Fix } from '../../server/src/core/diagnostics.js';

export function findings(text: string, code: string, targetVersion?: string): Diagnostic[] {
  return lintText(text, { file: 'keepalived.conf', targetVersion }).diagnostics.filter((d) => d.code === code);
}

/** 1-based line numbers of one rule's findings. */
export function linesOf(text: string, code: string, targetVersion?: string): number[] {
  return findings(text, code, targetVersion).map((d) => d.range.start.line + 1);
}

/** Applies a fix's edits (all in the one file) to the text. */
export function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start.offset - a.range.start.offset);
  let out = text;
  for (const e of edits) out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
  return out;
}

/** Lines joined with newlines, so test configs read like files. */
export function conf(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
