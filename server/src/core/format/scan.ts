// A line scanner for the formatter: splits one physical line into the same tokens as the core
// lexer (syntax/lexer.ts) — words, double-quoted strings, braces, comments — as offsets only.
// The formatter only moves whitespace, so it needs token boundaries and kinds, not token objects
// (and leaves a comment's trailing blanks out of it). Scanning straight from char codes is what
// lets it format multi-megabyte configs at tens of MB/s.
// test/format-scan.test.ts proves it agrees with the core lexer token for token.

export const Kind = { Word: 0, String: 1, LBrace: 2, RBrace: 3, Comment: 4 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

const SPACE = 32, TAB = 9, LF = 10, VT = 11, FF = 12, CR = 13;
const NUL = 0, HASH = 35, BANG = 33, QUOTE = 34, LBRACE = 123, RBRACE = 125, BACKSLASH = 92, DOLLAR = 36, APOSTROPHE = 39;

/** The tokens of one line, in reusable arrays (`count` entries are valid). */
export class LineTokens {
  kinds: Kind[] = [];
  starts: number[] = [];
  ends: number[] = [];
  count = 0;
  /** Offset of the line's first character and of its terminator (or the end of the text). */
  lineStart = 0;
  contentEnd = 0;
  /** Offset of the next line's first character (=== text.length at the end). */
  next = 0;
  /** Length of the terminator: 0 (end of text), 1 (`\n`, lone `\r`) or 2 (`\r\n`). */
  eolLength = 0;
  /** A word on the line contains `$` (parameter substitution happens before brace splitting). */
  hasDollar = false;
  /** A word on the line contains `'` (script strings quote with it). */
  hasApostrophe = false;
  /** A `"` string runs to the end of the line without its closing quote. */
  unterminatedAt = -1;
  /**
   * A `"` string ends at a quote after an odd run of backslashes (`"sh -c \"`): keepalived's reading of script
   * and notify lines takes `\"` for a quote character inside the string, which goes on past it.
   */
  escapedQuote = false;

  push(kind: Kind, start: number, end: number): void {
    const i = this.count++;
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
  }
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === VT || c === FF;
}

/** Scans the line starting at `pos` into `out`. */
export function scanLine(text: string, pos: number, out: LineTokens): void {
  out.count = 0;
  out.lineStart = pos;
  out.hasDollar = false;
  out.hasApostrophe = false;
  out.unterminatedAt = -1;
  out.escapedQuote = false;
  const n = text.length;
  let i = pos;
  for (;;) {
    if (i >= n) {
      out.contentEnd = n;
      out.next = n;
      out.eolLength = 0;
      return;
    }
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      out.contentEnd = i;
      const two = c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF;
      out.eolLength = two ? 2 : 1;
      out.next = i + out.eolLength;
      return;
    }
    if (isBlank(c)) {
      i++;
      continue;
    }
    // A NUL byte ends the line for keepalived (strlen): the core lexer makes it and the rest of the line a comment.
    if (c === HASH || c === BANG || c === NUL || (c === BACKSLASH && i + 1 < n && isCommentChar(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === LF || d === CR) break;
        j++;
      }
      // Trailing blanks are whitespace, not comment text: the formatter drops them.
      let e = j;
      while (e > i + 1 && isBlank(text.charCodeAt(e - 1))) e--;
      out.push(Kind.Comment, i, e);
      i = j;
      continue;
    }
    if (c === QUOTE) {
      let j = i + 1;
      for (;;) {
        if (j >= n) break;
        const d = text.charCodeAt(j);
        if (d === QUOTE) {
          let b = j;
          while (b > i + 1 && text.charCodeAt(b - 1) === BACKSLASH) b--;
          if ((j - b) % 2 === 1) out.escapedQuote = true;
          j++;
          break;
        }
        if (d === LF || d === CR || d === NUL) break;
        j++;
      }
      if (j === i + 1 || text.charCodeAt(j - 1) !== QUOTE) out.unterminatedAt = i;
      out.push(Kind.String, i, j);
      i = j;
      continue;
    }
    if (c === LBRACE) {
      out.push(Kind.LBrace, i, i + 1);
      i++;
      continue;
    }
    if (c === RBRACE) {
      out.push(Kind.RBrace, i, i + 1);
      i++;
      continue;
    }
    // A word: up to a blank, a line break, a brace, a quote, or a comment start.
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === SPACE || d === TAB || d === LF || d === CR || d === VT || d === FF || d === LBRACE || d === RBRACE || d === QUOTE || d === HASH || d === BANG || d === NUL) break;
      if (d === BACKSLASH && j + 1 < n && isCommentChar(text.charCodeAt(j + 1))) break;
      if (d === DOLLAR) out.hasDollar = true;
      else if (d === APOSTROPHE) out.hasApostrophe = true;
      j++;
    }
    out.push(Kind.Word, i, j);
    i = j;
  }
}

function isCommentChar(c: number): boolean {
  return c === HASH || c === BANG;
}
