// Invariants every parse and every analysis must keep, whatever the input: used by the property
// and robustness tests. Each check returns a description of the first violation (undefined when
// all hold), so a failing fast-check run prints what broke, not just "false".

import type { CstFile, CstNode } from '../../server/src/core/syntax/cst.js';
import type { Diagnostic } from '../../server/src/core/diagnostics.js';

const GAP = /^[ \t\f\v\r\n]*$/;

/** Offsets of the first character of each line: after `\n` (so also `\r\n`). keepalived reads lines
 * up to `\n`; a bare `\r` is whitespace inside a line. */
export function expectedLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

const show = (s: string) => JSON.stringify(s.length > 60 ? s.slice(0, 60) + '…' : s);

/**
 * Lossless: tokens are the text they claim, in strictly increasing non-overlapping order, every
 * gap is whitespace, gaps + tokens rebuild the input; lines and token positions agree with the text.
 */
export function losslessViolation(text: string, file: CstFile): string | undefined {
  if (file.text !== text) return 'CstFile.text differs from the input';
  let at = 0;
  let rebuilt = '';
  const { tokens, lineStarts, lineFirstToken } = file;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!(t.end > t.start)) return `token ${i} is empty or reversed (${t.start}..${t.end})`;
    if (t.start < at) return `token ${i} starts at ${t.start}, before the end of the previous token (${at})`;
    const slice = text.slice(t.start, t.end);
    if (t.text !== slice) return `token ${i} text ${show(t.text)} differs from the source ${show(slice)} at ${t.start}`;
    const gap = text.slice(at, t.start);
    if (!GAP.test(gap)) return `gap before token ${i} (${at}..${t.start}) is not whitespace: ${show(gap)}`;
    if (lineStarts[t.line] === undefined || lineStarts[t.line]! + t.col !== t.start) return `token ${i} line/col ${t.line}:${t.col} does not point at offset ${t.start}`;
    const nextLine = lineStarts[t.line + 1] ?? Infinity;
    if (t.end > nextLine) return `token ${i} (${show(t.text)}) crosses a line break`;
    if (!(lineFirstToken[t.line]! <= i && i < lineFirstToken[t.line + 1]!)) return `token ${i} is outside the lineFirstToken range of its line ${t.line}`;
    rebuilt += gap + t.text;
    at = t.end;
  }
  const tail = text.slice(at);
  if (!GAP.test(tail)) return `text after the last token is not whitespace: ${show(tail)}`;
  rebuilt += tail;
  if (rebuilt !== text) return 'tokens + gaps do not rebuild the input';

  const expected = expectedLineStarts(text);
  if (lineStarts.length !== expected.length) return `${lineStarts.length} lines, expected ${expected.length}`;
  for (let k = 0; k < expected.length; k++) if (lineStarts[k] !== expected[k]) return `line ${k} starts at ${lineStarts[k]}, expected ${expected[k]}`;
  if (lineFirstToken.length !== lineStarts.length + 1) return `lineFirstToken has ${lineFirstToken.length} entries for ${lineStarts.length} lines`;

  // Tree nodes stay inside the text (explicit stack: trees can be 10k deep).
  const stack: CstNode[] = [...file.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (!(0 <= n.start && n.start <= n.end && n.end <= text.length)) return `${n.type} node range ${n.start}..${n.end} is outside the text`;
    const block = n.type === 'statement' ? n.block : n.type === 'orphan-block' ? n.block : n.type === 'seq' ? n.body?.block : undefined;
    if (block) stack.push(...block.children);
  }
  for (const p of file.problems) {
    if (!(0 <= p.start && p.start <= p.end && p.end <= text.length)) return `problem ${p.code} range ${p.start}..${p.end} is outside the text`;
  }
  return undefined;
}

/**
 * Analysis output is sane: no internal error (KA000: an exception the core caught), and every
 * diagnostic about `file` has a range inside `text` whose line/column agree with its offsets.
 */
export function diagnosticsViolation(text: string, file: string, diagnostics: Diagnostic[], lineStarts: ArrayLike<number> = expectedLineStarts(text)): string | undefined {
  for (const d of diagnostics) {
    if (d.code === 'KA000') return `internal error: ${d.message}`;
    if (d.file !== file) continue;
    for (const p of [d.range.start, d.range.end]) {
      if (!(0 <= p.offset && p.offset <= text.length)) return `${d.code} offset ${p.offset} outside the text (${text.length}): ${d.message}`;
      if (lineStarts[p.line] === undefined || lineStarts[p.line]! + p.column !== p.offset) return `${d.code} position ${p.line}:${p.column} does not match offset ${p.offset}: ${d.message}`;
    }
    if (d.range.start.offset > d.range.end.offset) return `${d.code} range is reversed: ${d.message}`;
  }
  return undefined;
}
