// Which physical lines keepalived takes as keyword lines (definition bodies, ~SEQ headers and
// include lines follow other rules). Rules scan the tokens for candidates first and only classify
// the few candidate lines, so multi-megabyte configs stay fast.

import type { SourceFile } from '../../core/analysis/reader.js';
import { Kind } from '../../core/syntax/lexer.js';
import { classifyLine, endsWithLoneBackslash, seqHeaderEnd, type ClassifiedLine } from '../../core/syntax/lines.js';

/** Whether line `ln` (without its comment) ends with a backslash: a definition would continue. */
function continues(file: SourceFile, ln: number): boolean {
  const { kinds, lineFirstToken } = file.lex;
  const from = lineFirstToken[ln]!;
  let end = lineFirstToken[ln + 1]!;
  // A `\` ending a comment continues the definition too (keepalived keeps it).
  if (end > from && kinds[end - 1] === Kind.Comment && endsWithLoneBackslash(file.lex.value(end - 1))) return true;
  if (end > from && kinds[end - 1] === Kind.Comment) end--;
  return end > from && file.text.charCodeAt(file.lex.end(end - 1) - 1) === 92;
}

/** classifyLine over line `ln` of a file, with token indices into the file's store. */
function classifyStoreLine(file: SourceFile, ln: number): ClassifiedLine {
  const from = file.lex.lineFirstToken[ln]!;
  const to = file.lex.lineFirstToken[ln + 1]!;
  const cl = classifyLine(file.lex.slice(from, to), 0, to - from);
  return { ...cl, first: cl.first + from, end: cl.end + from };
}

/** What a generated definition starts with once its ~SEQ/~LST headers are read: `$VI${N}=`. */
const GENERATED_DEFINITION = /^[ \t]*\$[A-Za-z_{][^\s=]*=/;

/** Whether a ~SEQ/~LST line makes definitions (`~SEQ(N,1,3) $VI${N}=\`): its continued lines are their bodies. */
function seqDefines(file: SourceFile, line: ClassifiedLine): boolean {
  const text = file.text;
  const lineEnd = file.lex.end(line.end - 1);
  let at = file.lex.starts[line.first]!;
  for (let headers = 0; headers < 16; headers++) {
    const end = seqHeaderEnd(text, at, lineEnd);
    if (end < 0) return false;
    const rest = text.slice(end, lineEnd);
    const next = rest.search(/\S/);
    if (next < 0) return false;
    if (!rest.startsWith('~SEQ', next) && !rest.startsWith('~LST', next)) return GENERATED_DEFINITION.test(rest);
    at = end + next;
  }
  return false;
}

/** Per file: the lines known to follow (or not) a definition through continued lines, and the lines out of sight. */
const bodies = new WeakMap<SourceFile, { chained: Map<number, boolean>; outOfSight: Set<number> }>();

/**
 * Whether line `ln` is the body of a multi-line `$NAME=` definition started above it: the lines above it continue
 * (end in a backslash) up to a definition. Each line's answer is remembered, so the lines of one long definition
 * cost one walk up it, not one each (8,000 lines took 3.6 s).
 */
function inDefinitionBody(file: SourceFile, ln: number): boolean {
  let memo = bodies.get(file);
  if (!memo) bodies.set(file, (memo = { chained: new Map(), outOfSight: new Set(file.definitionLinesOutOfSight ?? []) }));
  if (memo.outOfSight.has(ln)) return true;
  // A line follows a definition when the line above continues and is the definition, or itself follows one.
  const walked: number[] = [];
  let result = false;
  for (let cur = ln; ; cur--) {
    const known = memo.chained.get(cur);
    if (known !== undefined) {
      result = known;
      break;
    }
    walked.push(cur);
    const prev = cur - 1;
    if (prev < 0 || !continues(file, prev)) break;
    const above = classifyStoreLine(file, prev);
    if (above.kind === 'definition' || (above.kind === 'seq' && seqDefines(file, above))) {
      result = true;
      break;
    }
  }
  for (const l of walked) memo.chained.set(l, result);
  return result;
}

/** The classification of line `ln` when keepalived reads it as keyword text, else undefined (token indices into the file's store). */
export function keywordLine(file: SourceFile, ln: number): ClassifiedLine | undefined {
  const { lineFirstToken } = file.lex;
  if (lineFirstToken[ln] === lineFirstToken[ln + 1]) return undefined;
  const cl = classifyStoreLine(file, ln);
  if (cl.kind !== 'keyword' || inDefinitionBody(file, ln)) return undefined;
  return cl;
}
