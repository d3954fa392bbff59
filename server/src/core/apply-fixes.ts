// Applying quick fixes to a text: pure, so the CLI's --fix and (later) an editor share it.

import type { Fix, TextEdit } from './diagnostics.js';
import { appendAll } from './arrays.js';

export interface AppliedFixes {
  text: string;
  /** Fixes whose edits were all applied. */
  applied: number;
  /** Those fixes, in the order given. */
  taken: Fix[];
  /** Fixes left out because an edit overlapped one already taken (a second run may apply them). */
  skipped: number;
}

/**
 * Applies the edits `fixes` make to the file `file` (whose text is `text`, as the offsets were
 * computed on). A fix is applied whole or not at all: one whose edits touch a range another fix
 * already edits is skipped, and fixes come in the order given.
 */
export function applyFixes(text: string, file: string, fixes: Fix[]): AppliedFixes {
  const taken: TextEdit[] = [];
  const takenFixes: Fix[] = [];
  let applied = 0;
  let skipped = 0;
  const overlaps = (a: TextEdit, b: TextEdit) =>
    a.range.start.offset < b.range.end.offset && b.range.start.offset < a.range.end.offset ||
    // Two insertions at one place, or an insertion at the edge of a replacement, would depend on order.
    a.range.start.offset === b.range.start.offset;
  for (const fix of fixes) {
    const mine = fix.edits.filter((e) => e.file === file);
    if (!mine.length) continue;
    const valid = mine.every((e) => e.range.start.offset <= e.range.end.offset && e.range.end.offset <= text.length);
    if (!valid || mine.some((e) => taken.some((t) => overlaps(e, t)))) {
      skipped++;
      continue;
    }
    appendAll(taken, mine);
    takenFixes.push(fix);
    applied++;
  }
  let out = text;
  for (const e of [...taken].sort((a, b) => b.range.start.offset - a.range.start.offset)) {
    out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
  }
  return { text: out, applied, taken: takenFixes, skipped };
}
