// Findings, as every layer reports them. Ranges are 0-based (LSP style); adapters convert.

import type { Range } from './syntax/cst.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Location {
  /** The file the range is in, as the caller named it (path or URI). */
  file: string;
  range: Range;
}

export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface Fix {
  description: string;
  edits: TextEdit[];
  /**
   * The edit only writes what keepalived already reads, or what the finding itself shows was meant
   * (a renamed keyword, a glued brace, a no-break space): `kalint lint --fix` applies these. The
   * other fixes choose between designs (which node's value wins, a priority) and are suggestions.
   */
  safe?: boolean;
}

export interface Diagnostic extends Location {
  /** Stable rule code, e.g. KA201. */
  code: string;
  severity: Severity;
  message: string;
  /** Other places the finding involves (the other node of a cluster, the first definition…). */
  related?: (Location & { message: string })[];
  fix?: Fix;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
