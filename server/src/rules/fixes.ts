// Quick fixes shared by rules: write another value in place of a word, add a line after a line.
// Both refuse (undefined) where an edit of the text would not do what the description says: a
// word that came out of a $NAME substitution or a ~SEQ row, a line that shares its start with
// something other than blanks.

import type { Fix } from '../core/diagnostics.js';
import type { AstNode, Word } from '../core/analysis/ast.js';

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
