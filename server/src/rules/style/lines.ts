// Which physical lines keepalived takes as keyword lines (definition bodies, ~SEQ headers and
// include lines follow other rules). Rules scan the tokens for candidates first and only classify
// the few candidate lines, so multi-megabyte configs stay fast.

import type { SourceFile } from '../../core/analysis/reader.js';
import { classifyLine, type ClassifiedLine } from '../../core/syntax/lines.js';

/** Whether line `ln` (without its comment) ends with a backslash: a definition would continue. */
function continues(file: SourceFile, ln: number): boolean {
  const { tokens, lineFirstToken } = file.lex;
  const from = lineFirstToken[ln]!;
  let end = lineFirstToken[ln + 1]!;
  if (end > from && tokens[end - 1]!.kind === 'comment') end--;
  return end > from && tokens[end - 1]!.text.endsWith('\\');
}

/** Whether line `ln` is the body of a multi-line `$NAME=` definition started above it. */
function inDefinitionBody(file: SourceFile, ln: number): boolean {
  const { tokens, lineFirstToken } = file.lex;
  for (let prev = ln - 1; prev >= 0 && continues(file, prev); prev--) {
    const cl = classifyLine(tokens, lineFirstToken[prev]!, lineFirstToken[prev + 1]!);
    if (cl.kind === 'definition') return true;
  }
  return false;
}

/** The classification of line `ln` when keepalived reads it as keyword text, else undefined. */
export function keywordLine(file: SourceFile, ln: number): ClassifiedLine | undefined {
  const { tokens, lineFirstToken } = file.lex;
  const from = lineFirstToken[ln]!;
  const to = lineFirstToken[ln + 1]!;
  if (from === to) return undefined;
  const cl = classifyLine(tokens, from, to);
  if (cl.kind !== 'keyword' || inDefinitionBody(file, ln)) return undefined;
  return cl;
}
