// Classification of one physical line, shared by the lossless tree builder and the preprocessor,
// so both agree on what a line is. keepalived looks at the start of each (de-commented) line for,
// in this order: a conditional prefix `@id` / `@^id`, a definition `$NAME=`, a sequence `~SEQ(...)`
// / `~LST(...)`, an include directive; anything else is keyword text with braces.

import type { Token } from './lexer.js';

export const INCLUDE_KEYWORDS = new Set(['include', 'includer', 'includem', 'includew', 'includeb', 'includea']);

const DEFINITION_RE = /^\$([A-Za-z_][A-Za-z0-9_]*)=/;

export interface Condition {
  token: Token;
  /** The config id the line is for. */
  id: string;
  /** `@^id`: the line is kept when the config id is *not* `id`. */
  negated: boolean;
}

export type LineKind = 'empty' | 'comment' | 'definition' | 'seq' | 'include' | 'keyword';

export interface ClassifiedLine {
  kind: LineKind;
  condition?: Condition;
  /** Index of the first content token (after the condition). */
  first: number;
  /** Index after the last non-comment token. */
  end: number;
  /** The trailing comment token, if any. */
  comment?: Token;
  /** For definitions: the defined name. */
  name?: string;
}

/**
 * Parses `@id` / `@^id`; undefined when the word is not a conditional prefix. A lone `@` (`@^`) is
 * one with an empty id: keepalived drops (keeps) the line for every config id.
 */
export function parseCondition(t: Token): Condition | undefined {
  if (t.kind !== 'word' || t.text.length < 1 || t.text.charCodeAt(0) !== 64 /* @ */) return undefined;
  const negated = t.text.charCodeAt(1) === 94; /* ^ */
  const id = t.text.slice(negated ? 2 : 1);
  return { token: t, id, negated };
}

export function conditionHolds(c: Condition, configId: string): boolean {
  return (c.id === configId) !== c.negated;
}

/** Classifies tokens[from, to) — all tokens of one physical line. */
export function classifyLine(tokens: Token[], from: number, to: number): ClassifiedLine {
  let end = to;
  let comment: Token | undefined;
  if (end > from && tokens[end - 1]!.kind === 'comment') {
    comment = tokens[end - 1];
    end--;
  }
  if (end === from) return { kind: comment ? 'comment' : 'empty', first: from, end, comment };
  let first = from;
  let condition = parseCondition(tokens[first]!);
  if (condition) {
    first++;
    // keepalived's id runs to the first blank or tab: a brace or quote glued to it (`@a{`, `@}`)
    // is part of the id, not of the line (so `@a{ x` never matches id `a`, and `@}` closes nothing).
    if (first < end && tokens[first]!.start === tokens[first - 1]!.end) {
      let id = condition.id;
      while (first < end && tokens[first]!.start === tokens[first - 1]!.end) id += tokens[first++]!.text;
      condition = { token: condition.token, id, negated: condition.negated };
    }
  }
  if (first === end) return { kind: 'empty', condition, first, end, comment };
  const head = tokens[first]!;
  if (head.kind === 'word') {
    const c0 = head.text.charCodeAt(0);
    if (c0 === 36 /* $ */) {
      const m = DEFINITION_RE.exec(head.text);
      if (m) return { kind: 'definition', condition, first, end, comment, name: m[1] };
    } else if (c0 === 126 /* ~ */) {
      if (head.text.startsWith('~SEQ') || head.text.startsWith('~LST')) {
        return { kind: 'seq', condition, first, end, comment };
      }
    } else if (INCLUDE_KEYWORDS.has(head.text) && first + 1 < end) {
      return { kind: 'include', condition, first, end, comment };
    }
  }
  return { kind: 'keyword', condition, first, end, comment };
}

/** The offset just after `~SEQ(...)`/`~LST(...)`'s closing parenthesis, or -1. */
/**
 * Whether text (up to `end`, a trailing CR aside) ends with a backslash that keepalived keeps as a line
 * continuation: it pairs each backslash with the character after it, so only an odd run counts.
 */
export function endsWithLoneBackslash(text: string, end = text.length): boolean {
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
  let i = end;
  while (i > 0 && text.charCodeAt(i - 1) === 92) i--;
  return (end - i) % 2 === 1;
}

export function seqHeaderEnd(text: string, start: number, lineEnd: number): number {
  const open = text.indexOf('(', start);
  if (open < 0 || open >= lineEnd) return -1;
  let depth = 0;
  for (let i = open; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i + 1;
  }
  return -1;
}

