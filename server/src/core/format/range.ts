// Range formatting ("format selection"): the lines of a range get exactly the text they have in
// the formatted file; everything outside stays as it is. The whole file is laid out (indentation
// depends on everything above), then the output lines that came from the range replace it.

import type { TextEdit } from '../diagnostics.js';
import type { Position } from '../syntax/cst.js';
import { isFormatError, layout, lineText, type FormatOptions } from './format.js';

export interface RangeFormatOptions extends FormatOptions {
  /** File name for the edits (`TextEdit.file`). Default `keepalived.conf`. */
  file?: string;
}

/**
 * Edits that format original lines `startLine..endLine` (0-based, inclusive; in either order; a fractional line is
 * rounded down, a line outside the file clamped to it). The range grows to whole units: a `{` alone on a line goes
 * with the statement it is joined to. Returns no edit when the lines are already formatted, when a line is no number
 * (NaN, a string), or when format would refuse the file or the options (nothing can be laid out then).
 */
export function formatRange(text: string, startLine: number, endLine: number, options: RangeFormatOptions = {}): TextEdit[] {
  // A NaN line made every position of the edit NaN (an editor applied "NaN..end" as deleting to the end), and a
  // fractional one made fractional lines and undefined offsets.
  if (typeof startLine !== 'number' || typeof endLine !== 'number' || Number.isNaN(startLine) || Number.isNaN(endLine)) return [];
  startLine = Math.floor(startLine);
  endLine = Math.floor(endLine);
  const l = layout(text, options);
  if (isFormatError(l)) return [];
  const lastLine = l.lineStarts.length - 1;
  let from = Math.max(0, Math.min(startLine, endLine));
  let to = Math.min(lastLine, Math.max(startLine, endLine));
  if (from > lastLine) return [];

  // Grow the range until no join crosses its edges.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [brace, statement] of l.joins) {
      const inBrace = brace >= from && brace <= to;
      const inStatement = statement >= from && statement <= to;
      if (inBrace && !inStatement) {
        from = Math.min(from, statement);
        changed = true;
      } else if (inStatement && !inBrace) {
        to = Math.max(to, brace);
        changed = true;
      }
    }
  }

  let newText = '';
  for (let i = 0; i < l.lines.length; i++) {
    const o = l.origins[i]!;
    if (o >= from && o <= to) newText += lineText(l, i) + (l.ownEols.get(i) ?? l.eol);
  }
  // The formatter drops blank lines at the very end; keep the file's last line break rule.
  const startOffset = l.lineStarts[from]!;
  const endOffset = to + 1 <= lastLine ? l.lineStarts[to + 1]! : text.length;
  if (to === lastLine && newText === '' && startOffset === text.length) return [];
  const old = text.slice(startOffset, endOffset);
  if (old === newText) return [];
  const pos = (offset: number, line: number): Position => ({ line, column: offset - l.lineStarts[line]!, offset });
  const endPos = to + 1 <= lastLine ? pos(endOffset, to + 1) : pos(endOffset, lastLine);
  return [{ file: options.file ?? 'keepalived.conf', range: { start: pos(startOffset, from), end: endPos }, newText }];
}
