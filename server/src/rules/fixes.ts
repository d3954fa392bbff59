// Text edits and quick fixes shared by the rules: ranges from offsets, replace a word, add, delete
// or move a line. They refuse (undefined) where an edit of the text would not do what the
// description says: a word that came out of a $NAME substitution or a ~SEQ row, a line that
// shares its start with something other than blanks.

import type { Analysis } from '../core/index.js';
import type { Diagnostic, Fix, TextEdit } from '../core/diagnostics.js';
import type { AstNode, Word } from '../core/analysis/ast.js';
import type { Range } from '../core/syntax/cst.js';
import { positionAt } from '../core/syntax/parser.js';

export function fileText(analysis: Analysis, file: string): string | undefined {
  return analysis.files.get(file)?.text;
}

function lineStartsOf(analysis: Analysis, file: string): ArrayLike<number> | undefined {
  return analysis.files.get(file)?.lex.lineStarts;
}

export function rangeOf(analysis: Analysis, file: string, start: number, end: number): Range | undefined {
  const ls = lineStartsOf(analysis, file);
  if (!ls) return undefined;
  return { start: positionAt(ls, start), end: positionAt(ls, end) };
}

/** The whitespace a line starts with. */
function indentOfLine(text: string, lineStart: number): string {
  let i = lineStart;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.slice(lineStart, i);
}

function lineStartOffset(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEndOffset(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/**
 * An edit that adds `line` as the first entry of a block, indented like the block's existing
 * entries. Undefined when the block has no `{` in the same file (nothing safe to anchor on).
 */
export function insertFirstInBlock(analysis: Analysis, block: AstNode, lineOrLines: string | readonly string[]): TextEdit | undefined {
  const open = block.open;
  const text = fileText(analysis, block.file);
  if (!open || !text) return undefined;
  // A '{' out of a `$NAME` that also closes the block: the whole block is the reference, and a line added after it
  // lands outside the block. (A definition that only opens it, `$GD=global_defs {`, has the body after the reference.)
  const closer = block.closeBrace;
  if (block.openBrace?.expanded && (!closer || closer.expanded)) return undefined;
  // A header behind `@id`: an unprefixed line added after it is read by every host, outside the block on the others.
  if (/^[ \t]*@/.test(text.slice(lineStartOffset(text, open.start.offset), open.start.offset))) return undefined;
  const firstChild = block.children.find((c) => c.file === block.file && c.range.start.offset > open.end.offset);
  const blockIndent = indentOfLine(text, lineStartOffset(text, block.range.start.offset));
  const indent = firstChild && firstChild.range.start.line !== open.start.line
    ? indentOfLine(text, lineStartOffset(text, firstChild.range.start.offset))
    : blockIndent + (blockIndent.includes('\t') ? '\t' : '    ');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const line = typeof lineOrLines === 'string' ? lineOrLines : lineOrLines.join(`${eol}${indent}`);
  const at = open.end.offset;
  const lineEnd = lineEndOffset(text, at);
  const rest = text.slice(at, lineEnd);
  const blanks = rest.length - rest.trimStart().length;
  // A comment after the '{' stays on its line: the new line goes after it.
  if (rest.trim() === '' || /^[#!]/.test(rest.trimStart())) {
    const r = rangeOf(analysis, block.file, lineEnd, lineEnd);
    return r ? { file: block.file, range: r, newText: `${eol}${indent}${line}` } : undefined;
  }
  // A keyword after the '{' (`{ lb_algo rr`) keeps its own line below the new one, rather than becoming its tail.
  const r = rangeOf(analysis, block.file, at, at + blanks);
  return r ? { file: block.file, range: r, newText: `${eol}${indent}${line}${eol}${indent}` } : undefined;
}

/** An edit that deletes the whole line `node` is on (when nothing else shares the line). */
export function deleteLine(analysis: Analysis, node: AstNode): TextEdit | undefined {
  const text = fileText(analysis, node.file);
  // A line out of a `$NAME` or a ~SEQ row: its text is the reference, which holds other lines (or rows) too.
  if (!text || node.word?.expanded) return undefined;
  const s = lineStartOffset(text, node.fullRange.start.offset);
  const e = lineEndOffset(text, node.fullRange.end.offset);
  const before = text.slice(s, node.fullRange.start.offset);
  const after = text.slice(node.fullRange.end.offset, e);
  if (before.trim() !== '' || (after.trim() !== '' && !/^\s*[#!]/.test(after))) {
    const r = rangeOf(analysis, node.file, node.fullRange.start.offset, node.fullRange.end.offset);
    return r ? { file: node.file, range: r, newText: '' } : undefined;
  }
  let end = e;
  if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
  else if (end < text.length) end += 1;
  const r = rangeOf(analysis, node.file, s, end);
  return r ? { file: node.file, range: r, newText: '' } : undefined;
}

/** Edits that move the line of `node` to just after the line of `anchor` (same file only). */
export function moveLineAfter(analysis: Analysis, node: AstNode, anchor: AstNode): TextEdit[] | undefined {
  if (node.file !== anchor.file || node.fullRange.start.line === anchor.fullRange.end.line) return undefined;
  const text = fileText(analysis, node.file);
  if (!text) return undefined;
  // An `@id` prefix (or anything) before the keyword: moving the keyword alone would leave the prefix behind and make
  // the line every node's; no fix then.
  if (text.slice(lineStartOffset(text, node.fullRange.start.offset), node.fullRange.start.offset).trim() !== '') return undefined;
  const del = deleteLine(analysis, node);
  if (!del) return undefined;
  const indent = indentOfLine(text, lineStartOffset(text, anchor.range.start.offset));
  const at = lineEndOffset(text, anchor.fullRange.end.offset);
  const r = rangeOf(analysis, node.file, at, at);
  if (!r) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // The line's comment goes with it (deleteLine takes the whole line then).
  const after = text.slice(node.fullRange.end.offset, lineEndOffset(text, node.fullRange.end.offset));
  const body = text.slice(node.fullRange.start.offset, node.fullRange.end.offset) + (/^\s*[#!]/.test(after) ? after.trimEnd() : '');
  return [del, { file: node.file, range: r, newText: `${eol}${indent}${body}` }];
}

export function fix(description: string, edits: (TextEdit | undefined)[] | undefined): Fix | undefined {
  if (!edits || edits.some((e) => !e)) return undefined;
  return { description, edits: edits as TextEdit[] };
}


/** `value` as a word keepalived reads back unchanged: quoted when it holds a blank, '#', '!' or a brace. */
function asWord(value: string, quoted: boolean): string | undefined {
  if (value.includes('"')) return undefined;
  return quoted || value === '' || /[\s#!{}]/.test(value) ? `"${value}"` : value;
}

/** Replaces `word` (as the user wrote it) by `value`. */
export function replaceWordFix(word: Word | undefined, value: string, description: string): Fix | undefined {
  if (!word || word.expanded) return undefined;
  const text = asWord(value, word.quoted);
  if (text === undefined) return undefined;
  return { description, edits: [{ file: word.file, range: word.range, newText: text }] };
}

/** Replaces argument `index` of `node`. */
export function replaceArgFix(node: AstNode | undefined, index: number, value: string, description: string): Fix | undefined {
  if (!node || index >= node.argCount) return undefined;
  return replaceWordFix(node.argWord(index), value, description);
}

/**
 * Adds `line` after the line of `node`'s keyword, with the same indentation. `text` is the text of
 * the node's file. Refused when the keyword does not start its line (a `@id` prefix, a `{` before
 * it) or when something follows it on the line other than its arguments.
 */
export function addLineAfterFix(node: AstNode, text: string | undefined, line: string, description: string): Fix | undefined {
  const kw = node.word;
  if (!kw || kw.expanded || text === undefined) return undefined;
  const start = kw.range.start;
  const lineStart = start.offset - start.column;
  const indent = text.slice(lineStart, start.offset);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const end = node.range.end;
  let eol = text.indexOf('\n', end.offset);
  if (eol < 0) eol = text.length;
  const rest = text.slice(end.offset, eol).replace(/\r$/, '');
  if (!/^[ \t]*(?:[#!].*)?$/.test(rest)) return undefined;
  const at = { line: end.line, column: end.column + (eol - end.offset) - (text[eol - 1] === '\r' ? 1 : 0), offset: eol - (text[eol - 1] === '\r' ? 1 : 0) };
  const newline = text[eol - 1] === '\r' ? '\r\n' : '\n';
  return { description, edits: [{ file: kw.file, range: { start: at, end: at }, newText: `${newline}${indent}${line}` }] };
}

/**
 * `state MASTER` → `state BACKUP`, for settings that only work on an instance starting as BACKUP.
 * None when the instance starts as MASTER for another reason than its own state line.
 */
export function startAsBackupFix(inst: { node: AstNode }, setting: string): Fix | undefined {
  let state: AstNode | undefined;
  for (const c of inst.node.children) if (c.keyword === 'state') state = c;
  if (!state || state.argText(0) !== 'MASTER') return undefined;
  return replaceArgFix(state, 0, 'BACKUP', `Write 'state BACKUP': ${setting} only works on an instance that starts as BACKUP`);
}

/** A `$NAME` or `${NAME}` reference in replaced text. */
const REFERENCE = /\$\{?([A-Za-z_]\w*)/g;

/** Whether `text` names a definition (or a predefined `${_PWD}`…); an undefined `$password` is read as written. */
function holdsReference(analysis: Analysis, text: string): boolean {
  if (!text.includes('$')) return false;
  for (const m of text.matchAll(REFERENCE)) if (m[1]!.startsWith('_') || analysis.definitions.has(m[1]!)) return true;
  return false;
}

/**
 * Whether a fix would edit text that stands for more than the finding: a file the analysis reads more than once
 * (included twice, each time in another block or under other definitions), or a `$NAME` reference (which may hold
 * other settings, or be used elsewhere). Such fixes are withheld whatever rule made them.
 */
export function editsSharedText(analysis: Analysis, fix: Fix): boolean {
  for (const e of fix.edits) {
    const file = analysis.files.get(e.file);
    if (!file || file.readAgain) return true;
    if (e.range.end.offset > e.range.start.offset && holdsReference(analysis, file.text.slice(e.range.start.offset, e.range.end.offset))) return true;
  }
  return false;
}

/**
 * An unknown keyword inside `block` whose "did you mean" is `keyword` (KA201/KA202 with that replacement): the line
 * that is there, misspelt, when a rule finds `keyword` missing (`lbkind DR` for lb_kind). Such a rule then names it
 * and offers no line to add, which would leave the misspelt one and could contradict its value.
 */
export function misspeltLine(analysis: Analysis, block: AstNode, keyword: string): Diagnostic | undefined {
  // A block node's range is its header: the block runs to its '}' (to the end of the file when left open).
  const start = block.range.start.offset;
  const end = block.closeBrace?.range.end.offset ?? Infinity;
  for (const d of analysis.diagnostics) {
    if ((d.code !== 'KA201' && d.code !== 'KA202') || d.file !== block.file) continue;
    if (d.range.start.offset < start || d.range.end.offset > end) continue;
    if (d.fix?.edits.length === 1 && d.fix.edits[0]!.newText === keyword) return d;
  }
  return undefined;
}

/** ' (probably the misspelt 'lbkind' on line 4)' for misspeltLine's finding, or ''. */
export function misspeltNote(analysis: Analysis, block: AstNode, keyword: string): string {
  const d = misspeltLine(analysis, block, keyword);
  if (!d) return '';
  const text = fileText(analysis, d.file)?.slice(d.range.start.offset, d.range.end.offset);
  return ` (probably the misspelt '${text ?? '?'}' on line ${d.range.start.line + 1})`;
}
