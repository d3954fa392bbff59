// Applying quick fixes to a text: pure, so the CLI's --fix and (later) an editor share it.

import type { Fix, TextEdit } from './diagnostics.js';

export interface AppliedFixes {
  text: string;
  /** Fixes whose edits were all applied. */
  applied: number;
  /** Those fixes, in the order given. */
  taken: Fix[];
  /**
   * Fixes left out because an edit overlapped one already taken (a second run may apply them), or because an edit
   * does not fit the text: offsets that are no integers from 0 to the text's length, a start after the end, a
   * newText that is no string (a fix computed on another text).
   */
  skipped: number;
}

/**
 * Applies the edits `fixes` make to the file `file` (whose text is `text`, as the offsets were
 * computed on). A fix is applied whole or not at all: one whose edits touch a range another fix
 * already edits is skipped, and fixes come in the order given.
 */
export function applyFixes(text: string, file: string, fixes: Fix[]): AppliedFixes {
  // The edits taken so far, by start offset: they never overlap, so their ends come in the same order, and an
  // edit is checked against its two neighbours only (a check against every taken edit was quadratic: 24,000
  // glued braces fixed in one file took seconds).
  const taken: TextEdit[] = [];
  const takenFixes: Fix[] = [];
  let applied = 0;
  let skipped = 0;
  /** The index of the first taken edit that starts at or after `offset`. */
  const lowerBound = (offset: number) => {
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (taken[mid]!.range.start.offset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const overlapsTaken = (e: TextEdit) => {
    const start = e.range.start.offset;
    const at = lowerBound(start);
    const next = taken[at];
    // Two insertions at one place, or an insertion at the edge of a replacement, would depend on order.
    if (next && (next.range.start.offset < e.range.end.offset || next.range.start.offset === start)) return true;
    const before = taken[at - 1];
    return !!before && start < before.range.end.offset;
  };
  for (const fix of fixes) {
    const mine = fix.edits.filter((e) => e.file === file);
    if (!mine.length) continue;
    const valid = mine.every((e) => fits(e, text.length));
    if (!valid || selfOverlapping(mine) || mine.some(overlapsTaken)) {
      skipped++;
      continue;
    }
    for (const e of mine) taken.splice(lowerBound(e.range.start.offset), 0, e);
    takenFixes.push(fix);
    applied++;
  }
  const parts: string[] = [];
  let cursor = 0;
  for (const e of taken) {
    parts.push(text.slice(cursor, e.range.start.offset), e.newText);
    cursor = e.range.end.offset;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(''), applied, taken: takenFixes, skipped };
}

/**
 * Whether an edit fits a text of `length`: integer offsets within it, in order, and text to put there. A negative
 * start was taken (slice counts it from the end: 'abc' with -1..1 made 'X' gave 'abXbc'), and a fractional one
 * rounded by slice.
 */
function fits(e: TextEdit, length: number): boolean {
  const start = e.range?.start?.offset;
  const end = e.range?.end?.offset;
  return Number.isInteger(start) && Number.isInteger(end) && start! >= 0 && start! <= end! && end! <= length && typeof e.newText === 'string';
}

/** Whether two edits of one fix overlap (as above): the result would depend on their order. */
function selfOverlapping(edits: TextEdit[]): boolean {
  if (edits.length < 2) return false;
  const sorted = [...edits].sort((a, b) => a.range.start.offset - b.range.start.offset);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1]!, sorted[i]!];
    if (b.range.start.offset < a.range.end.offset || b.range.start.offset === a.range.start.offset) return true;
  }
  return false;
}
