// Classification of one physical line, shared by the lossless tree builder and the preprocessor,
// so both agree on what a line is. keepalived looks at the start of each (de-commented) line for,
// in this order: a conditional prefix `@id` / `@^id`, a definition `$NAME=`, a sequence `~SEQ(...)`
// / `~LST(...)`, an include directive; anything else is keyword text with braces.

import { tokenValue, type Token } from './lexer.js';

export const INCLUDE_KEYWORDS = new Set(['include', 'includer', 'includem', 'includew', 'includeb', 'includea']);

/**
 * keepalived's include checks (2.2.0+): which problems of an include line are configuration errors,
 * and with `brace` a `{a,b}` pattern with a missing file reads none of its files.
 */
export const INCLUDE_CHECK = { read: 1, match: 2, wildcard: 4, brace: 8 } as const;
/** The words of `include_check` in global_defs. */
export const INCLUDE_CHECK_WORDS: Record<string, number> = { read: INCLUDE_CHECK.read, match: INCLUDE_CHECK.match, wildcard_match: INCLUDE_CHECK.wildcard, brace_match: INCLUDE_CHECK.brace };
/** The checks each include keyword makes whatever include_check says. */
export const INCLUDE_KEYWORD_CHECKS: Record<string, number> = {
  include: 0,
  includer: INCLUDE_CHECK.read,
  includem: INCLUDE_CHECK.read | INCLUDE_CHECK.match,
  includew: INCLUDE_CHECK.read | INCLUDE_CHECK.match | INCLUDE_CHECK.wildcard,
  includeb: INCLUDE_CHECK.read | INCLUDE_CHECK.brace,
  includea: INCLUDE_CHECK.read | INCLUDE_CHECK.match | INCLUDE_CHECK.wildcard | INCLUDE_CHECK.brace,
};

type Release = readonly [number, number, number];

/**
 * The releases that brought what keepalived looks for at the start of a line (lib/parser.c read_line and
 * check_include at their tags; the 1.3.5 build reads each earlier form as an unknown keyword):
 * - `$NAME=value` definitions and `$NAME`/`${NAME}` references: 1.4.0 (1.3.5 leaves `$X` words as written);
 * - an `@id` prefix after blanks: 1.3.8 (8abfeaa3); before, only in the line's first column;
 * - `@^id`: 1.3.7 (before, `^id` is the id, which matches no config id);
 * - `~SEQ`: 2.0.9;
 * - include with more than one word after it (the rest of the line is the pattern): 2.1.4 (3fc6126e);
 *   before, only `include PATTERN` includes, and any other `include` line is an unknown keyword;
 * - includer, includem, includew, includeb, includea: 2.2.0.
 * Also, from 2.0.9 its comment pass moves a lone `\` that ends a line onto the word before it (`include a.conf \` is
 * two words, 'include' and 'a.conf\').
 */
export const LINE_FEATURES_SINCE = {
  definitions: [1, 4, 0],
  indentedCondition: [1, 3, 8],
  negatedCondition: [1, 3, 7],
  seq: [2, 0, 9],
  includeRestOfLine: [2, 1, 4],
  includeVariants: [2, 2, 0],
  gluedBackslash: [2, 0, 9],
} as const satisfies Record<string, Release>;

/** Which of LINE_FEATURES_SINCE a release has; `undefined` stands for a release with all of them. */
export type LineFeatures = Record<keyof typeof LINE_FEATURES_SINCE, boolean>;

/** The line features of `target`, or undefined when it has them all (decided once per reader, not per line). */
export function lineFeatures(target: Release | undefined): LineFeatures | undefined {
  if (!target) return undefined;
  const features = {} as LineFeatures;
  let missing = false;
  for (const [name, since] of Object.entries(LINE_FEATURES_SINCE) as [keyof LineFeatures, Release][]) {
    const has = target[0] !== since[0] ? target[0] > since[0] : target[1] !== since[1] ? target[1] > since[1] : target[2] >= since[2];
    features[name] = has;
    if (!has) missing = true;
  }
  return missing ? features : undefined;
}

/**
 * For the first word of a line a release without some line feature reads as a keyword: what the word
 * was meant as and the release that brought it, or undefined.
 */
export function lateLineFeature(word: string, features: LineFeatures | undefined): string | undefined {
  if (!features) return undefined;
  const since = (k: keyof LineFeatures) => LINE_FEATURES_SINCE[k].join('.');
  if (!features.definitions && DEFINITION_RE.test(word)) return `'$NAME=value' definitions came in keepalived ${since('definitions')}`;
  if (word.charCodeAt(0) === 64 /* @ */) {
    if (!features.indentedCondition) return `an '@id' prefix counts only in the first column before keepalived ${since('indentedCondition')}`;
    return undefined;
  }
  if (!features.seq && (word.startsWith('~SEQ') || word.startsWith('~LST'))) return `'~SEQ' lines came in keepalived ${since('seq')}`;
  if (!features.includeVariants && word !== 'include' && INCLUDE_KEYWORDS.has(word)) return `'${word}' came in keepalived ${since('includeVariants')}`;
  if (!features.includeRestOfLine && word === 'include') return `before keepalived ${since('includeRestOfLine')} only 'include PATTERN', one word after 'include', includes`;
  return undefined;
}

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
export function parseCondition(t: Token, negation = true): Condition | undefined {
  if (t.kind !== 'word' || t.text.length < 1 || t.text.charCodeAt(0) !== 64 /* @ */) return undefined;
  const negated = negation && t.text.charCodeAt(1) === 94; /* ^ */
  const id = t.text.slice(negated ? 2 : 1);
  return { token: t, id, negated };
}

export function conditionHolds(c: Condition, configId: string): boolean {
  return (c.id === configId) !== c.negated;
}

/** Whether token `next` is still part of an `@id` ending with `prev`: nothing but characters other than a blank or a tab between them. */
function idContinues(prev: Token, next: Token): boolean {
  if (next.start === prev.end) return true;
  const text = prev.src.text;
  for (let i = prev.end; i < next.start; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) return false;
  }
  return true;
}

/**
 * Classifies tokens[from, to) — all tokens of one physical line — as a release with `features` reads
 * it (all features when undefined); `lineStart`: the offset of the line's first column (for releases
 * that see an `@id` prefix only there; -1 for the rest of a line after a brace).
 */
export function classifyLine(tokens: Token[], from: number, to: number, features?: LineFeatures, lineStart = -1): ClassifiedLine {
  let end = to;
  let comment: Token | undefined;
  if (end > from && tokens[end - 1]!.kind === 'comment') {
    comment = tokens[end - 1];
    end--;
  }
  if (end === from) return { kind: comment ? 'comment' : 'empty', first: from, end, comment };
  // keepalived takes only blanks and tabs off a line's start: a vertical tab, a form feed or a carriage return before the first word is
  // part of it, so the line is no `@id`, include, ~SEQ or definition line (`\finclude x`: "Unknown keyword 'include'").
  if (lineStart >= 0 && tokens[from]!.start > lineStart && verticalBlankBefore(tokens[from]!.src.text, lineStart, tokens[from]!.start)) {
    return { kind: 'keyword', first: from, end, comment };
  }
  let first = from;
  let condition = !features || features.indentedCondition || tokens[first]!.start === lineStart ? parseCondition(tokens[first]!, !features || features.negatedCondition) : undefined;
  if (condition) {
    first++;
    // keepalived's id runs to the first blank or tab (strpbrk " \t"): a brace or quote glued to it
    // (`@a{`, `@}`) is part of the id, not of the line (so `@a{ x` never matches id `a`, and `@}` closes
    // nothing), and so is what follows another separator of words (a CR, a form feed: `@a\r}`).
    if (first < end && idContinues(tokens[first - 1]!, tokens[first]!)) {
      let id = condition.id;
      while (first < end && idContinues(tokens[first - 1]!, tokens[first]!)) {
        const t = tokens[first++]!;
        id += t.src.text.slice(tokens[first - 2]!.end, t.end);
      }
      condition = { token: condition.token, id, negated: condition.negated };
    }
    // A CR, vertical tab or form feed between the id and the blank that ends it is part of the id too
    // (`@x\r protocol UDP`: the id is 'x\r', which no config id is; every release from 1.3.5 to 2.4.3).
    if (first < end) {
      const last = tokens[first - 1]!;
      const text = last.src.text;
      let i = last.end;
      while (i < tokens[first]!.start && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) i++;
      if (i > last.end) condition = { token: condition.token, id: condition.id + text.slice(last.end, i), negated: condition.negated };
    }
  }
  if (first === end) return { kind: 'empty', condition, first, end, comment };
  const head = tokens[first]!;
  if (head.kind === 'word') {
    // One character read in place first: most lines are none of these, and `text` makes a string.
    const c0 = head.src.text.charCodeAt(head.start);
    if (c0 !== 36 /* $ */ && c0 !== 126 /* ~ */ && c0 !== 105 /* i */) return { kind: 'keyword', condition, first, end, comment };
    if (c0 === 36 /* $ */) {
      const m = !features || features.definitions ? DEFINITION_RE.exec(head.text) : null;
      if (m) return { kind: 'definition', condition, first, end, comment, name: m[1] };
    } else if (c0 === 126 /* ~ */) {
      if ((head.text.startsWith('~SEQ') || head.text.startsWith('~LST')) && (!features || features.seq)) {
        return { kind: 'seq', condition, first, end, comment };
      }
    } else if (INCLUDE_KEYWORDS.has(head.text) && (features && !features.includeRestOfLine ? first + 1 < end && includedBy(tokens, first, end, features) : includeSeparated(head, comment, features))) {
      return { kind: 'include', condition, first, end, comment };
    }
  } else if (head.kind === 'string' && features && !features.includeRestOfLine && first + 1 < end && tokenValue(head) === 'include' && includedBy(tokens, first, end, features)) {
    // Before 2.1.4 keepalived compares the first word as it splits words, quotes taken off: `"include" FILE` includes.
    return { kind: 'include', condition, first, end, comment };
  }
  return { kind: 'keyword', condition, first, end, comment };
}

/** Whether text[from, to) holds a vertical tab, a form feed or a carriage return (keepalived strips only blanks and tabs). */
function verticalBlankBefore(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 11 || c === 12 || c === 13) return true;
  }
  return false;
}

/** C's isspace(): a blank, a tab, a line feed, a vertical tab, a form feed or a carriage return. */
function isCSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * What keepalived's include check reads after an include keyword ending at `kwEnd` (from 2.1.4, when the rest of the
 * line is the pattern), up to `end`: the line without its end-of-line CRs, cut at its comment, and without the blanks
 * and tabs then at its end (its comment pass takes off those two only, so a CR before a comment, a vertical tab or a
 * form feed stays: `include\r# note` is an include of nothing, `include \r# note` one of a file named '\r').
 * A lone backslash that ends a line without a comment is taken off by that pass and put back after the blanks are,
 * glued to what is before it (at `backslashAt`, else -1): `include a.conf \` reads 'a.conf\', `include \` is the word 'include\'.
 */
export function includeRest(text: string, kwEnd: number, comment: Token | undefined, commentKeepsBackslash = false): { end: number; backslashAt: number } {
  let end: number;
  let backslashAt = -1;
  if (comment) {
    end = comment.start;
    // Before 2.4.0 the comment pass looks on past a comment for that backslash (`include a.conf # note \\` reads 'a.conf\\'),
    // not past a NUL byte, where the line ends for keepalived.
    if (commentKeepsBackslash && !comment.text.includes('\0')) {
      let e = comment.end;
      if (e > end && text.charCodeAt(e - 1) === 13) e--;
      if (e > end && text.charCodeAt(e - 1) === 92 && endsWithLoneBackslash(text, e)) backslashAt = e - 1;
    }
  } else {
    end = text.indexOf('\n', kwEnd);
    if (end < 0) end = text.length;
    while (end > kwEnd && text.charCodeAt(end - 1) === 13) end--;
    if (end > kwEnd && endsWithLoneBackslash(text, end)) backslashAt = --end;
  }
  while (end > kwEnd && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return { end, backslashAt };
}

/**
 * Whether keepalived from 2.1.4 (`features` undefined: 2.2.0 and later) takes the line an include keyword starts
 * for an include: something must follow the keyword on the line, and the character right after it must be a
 * blank or a tab (2.1.4, 2.1.5: `include\rFILE` is an unknown keyword there), from 2.2.0 any white space, which
 * includer/includem/… also need. So `include"a.conf"` is the keyword 'include' followed by a string, not an include.
 */
function includeSeparated(head: Token, comment: Token | undefined, features: LineFeatures | undefined): boolean {
  if (features && !features.includeVariants && head.text !== 'include') return false;
  const text = head.src.text;
  if (includeRest(text, head.end, comment).end <= head.end) return false;
  const c = text.charCodeAt(head.end);
  return features && !features.includeVariants ? c === 32 || c === 9 : isCSpace(c);
}

/**
 * The pattern of an include line as classifyLine reads it from 2.1.4, and where it is in the line's text: after the
 * keyword's one separating character and the blanks and tabs after it (2.1.4: blanks only), up to includeRest's end,
 * with the backslash it glues on. It may be empty (keepalived then includes nothing, silently) and may hold a CR, a
 * vertical tab or a form feed.
 */
export function includePattern(head: Token, comment: Token | undefined, blanksOnly: boolean, commentKeepsBackslash = false): { pattern: string; start: number; end: number } {
  const text = head.src.text;
  const { end, backslashAt } = includeRest(text, head.end, comment, commentKeepsBackslash);
  let start = Math.min(head.end + 1, end);
  while (start < end && (text.charCodeAt(start) === 32 || (!blanksOnly && text.charCodeAt(start) === 9))) start++;
  return backslashAt < 0 ? { pattern: text.slice(start, end), start, end } : { pattern: `${text.slice(start, end)}\\`, start, end: backslashAt + 1 };
}

/** Whether a release with `features` includes on the line of tokens[first, end) that starts with an include keyword. */
function includedBy(tokens: Token[], first: number, end: number, features: LineFeatures): boolean {
  if (tokens[first]!.kind !== 'string' && tokens[first]!.text !== 'include' && !features.includeVariants) return false;
  if (features.includeRestOfLine) return true;
  // Exactly one word after 'include', as keepalived splits words: at blanks and quotes (a quoted string is
  // a word of its own, `include"a.conf"` two words), not at braces (a brace is part of a word).
  let words = 1;
  for (let i = first + 1; i < end; i++) {
    if (tokens[i]!.start !== tokens[i - 1]!.end || tokens[i]!.kind === 'string' || tokens[i - 1]!.kind === 'string') words++;
  }
  // A lone backslash ending the line joins the word before it (not a quoted one: keepalived ends a word at its quote).
  const last = tokens[end - 1]!;
  if (features.gluedBackslash && end - first >= 2 && last.kind === 'word' && last.text === '\\' && last.start !== tokens[end - 2]!.end && tokens[end - 2]!.kind !== 'string' && lastOnLine(last.src.text, last.end) && blanksOnly(last.src.text, tokens[end - 2]!.end, last.start)) words--;
  return words === 2;
}

/**
 * Whether what ends at `from` is the last thing on its line as keepalived looks for a trailing backslash: only blanks
 * (space, tab) may follow it before the line end (its CRs stripped first), a comment or a NUL byte. keepalived strips
 * only those, so a backslash followed by a vertical tab or a form feed (blanks between words to it) is no last
 * character: it continues no definition and joins no word (2.2.7: `priority 100 \<VT>` reads 100).
 */
export function lastOnLine(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  if (c === 10 || c === 35 || c === 33 || c === 0) return true;
  if (c !== 13) return false;
  while (i < text.length && text.charCodeAt(i) === 13) i++;
  return i >= text.length || text.charCodeAt(i) === 10;
}

/**
 * Whether text[from, to) holds spaces and tabs only, up to a comment: keepalived moves a lone trailing backslash (or
 * the one ending a comment, before 2.4.0) onto the word before it across those (it cuts the comment and strips
 * blanks, isblank), not across a vertical tab or a form feed, which it leaves in place.
 */
export function blanksOnly(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 35 || c === 33) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
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

/**
 * The name of a `$NAME` or `${NAME}` reference at `text[at]` (a '$'), as keepalived's find_definition scans it: a
 * letter or '_', then letters, digits and '_'. `end` is the offset after the name; what may follow it is the
 * caller's to judge (the reader and the formatter read the same endings for different purposes).
 */
export function referenceNameAt(text: string, at: number): { name: string; braced: boolean; end: number } | undefined {
  let p = at + 1;
  const braced = text.charCodeAt(p) === 123;
  if (braced) p++;
  const first = text.charCodeAt(p);
  if (!(first === 95 || (first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return undefined;
  const nameStart = p;
  for (let c = text.charCodeAt(++p); c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122); c = text.charCodeAt(++p));
  return { name: text.slice(nameStart, p), braced, end: p };
}
