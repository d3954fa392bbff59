// One '{' that keepalived does not read as opening a block (after an unknown or misplaced keyword, or inside a
// value block) shifts every line after it: its '}' closes the enclosing block instead, and the lines up to the end
// of the top-level block the user wrote are read one level up. keepalived reports each of them ("Unknown keyword"),
// and so does kalint, line for line; a user seeing twenty such errors needs to know which line to fix. This pass
// points each of those findings at the brace that caused it.

import type { Diagnostic } from '../diagnostics.js';
import { Kind } from '../syntax/lexer.js';
import type { Word } from './ast.js';
import type { SourceFile } from './reader.js';

/** Findings about where a line is read, which an earlier ignored '{' can cause. */
const SHIFTED_CODES = new Set(['KA201', 'KA202']);

/**
 * Notes, on each unknown-keyword and wrong-block finding that follows an ignored '{' inside the same top-level
 * block as written (braces counted as they stand in the file), that it follows from that brace, and links it.
 * `ignored` are the braces in reading order; findings in other files, or lines keepalived skips, are left alone.
 */
export function noteBraceCascades(diagnostics: Diagnostic[], ignored: readonly Word[], files: ReadonlyMap<string, SourceFile>): void {
  if (!ignored.length) return;
  const byFile = new Map<string, Word[]>();
  for (const brace of ignored) {
    const f = files.get(brace.file);
    // A brace a substitution made has no place of its own among the file's braces.
    if (!f || brace.expanded || f.text.charCodeAt(brace.start) !== 123) continue;
    let list = byFile.get(brace.file);
    if (!list) byFile.set(brace.file, (list = []));
    list.push(brace);
  }
  for (const [path, braces] of byFile) {
    // A file included twice is read twice: each brace once, in the file's order.
    braces.sort((a, b) => a.start - b.start);
    const regions = shiftedRegions(files.get(path)!, braces);
    if (!regions.length) continue;
    for (const d of diagnostics) {
      if (d.file !== path || !SHIFTED_CODES.has(d.code) && !isIgnoredBraceFinding(d)) continue;
      const at = d.range.start.offset;
      const region = regions.find((r) => at > r.brace.start && at <= r.end);
      if (!region || (d.code === 'KA103' && at === region.brace.start)) continue;
      const line = region.brace.range.start.line + 1;
      // `${NAME}` that keepalived leaves as it is: the findings on its own line say why (KA109, KA113).
      const reference = files.get(path)!.text.charCodeAt(region.brace.start - 1) === 36;
      if (reference && d.range.start.line === region.brace.range.start.line) continue;
      d.message += reference
        ? ` (this follows from the '\${' on line ${line}, a reference keepalived did not substitute, whose '{' it did not read as opening a block: fix that line first)`
        : ` (this follows from the '{' on line ${line}, which keepalived did not read as opening a block: fix that line first)`;
      (d.related ??= []).push({ file: path, range: region.brace.range, message: "the '{' keepalived did not read as opening a block" });
    }
  }
}

/** A KA103 about a further '{' keepalived ignores (not one about a '}'). */
function isIgnoredBraceFinding(d: Diagnostic): boolean {
  return d.code === 'KA103' && d.message.startsWith("Unexpected '{'");
}

/**
 * For each first ignored brace of a top-level block as written: the offset where that block ends (its closing '}',
 * or the end of the text). Later ignored braces inside the same block are covered by the first one's region.
 */
function shiftedRegions(file: SourceFile, braces: Word[]): { brace: Word; end: number }[] {
  const { lex, text } = file;
  const inactive = file.inactiveLines.length ? new Set(file.inactiveLines) : undefined;
  const out: { brace: Word; end: number }[] = [];
  let next = 0;
  let open: { brace: Word; end: number } | undefined;
  let depth = 0;
  const kinds = lex.kinds;
  for (let i = 0; i < lex.count; i++) {
    const k = kinds[i]!;
    if (k !== Kind.LBrace && k !== Kind.RBrace) continue;
    const start = lex.starts[i]!;
    if (inactive?.has(lex.src.lineOf(start))) continue;
    // Skip ignored braces that lie before this one (all are braces of this file).
    while (next < braces.length && braces[next]!.start < start) next++;
    if (k === Kind.LBrace) {
      if (!open && next < braces.length && braces[next]!.start === start) open = { brace: braces[next]!, end: text.length };
      depth++;
    } else if (depth > 0 && --depth === 0 && open) {
      open.end = start;
      out.push(open);
      open = undefined;
    }
  }
  if (open) out.push(open);
  return out;
}
