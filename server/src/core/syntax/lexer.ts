// The lexer: chevrotain separates the structurally significant pieces (comments, double-quoted
// strings, braces, backslashes) from runs of plain text; a small scanner then splits each text run
// into words and line breaks. Doing the word splitting by hand keeps chevrotain's per-token cost
// off the most common token, which is what makes multi-megabyte configs lex at >50 MB/s.
//
// keepalived's rules (see ARCHITECTURE.md, "Lexical rules"):
// - `#` and `!` start a comment anywhere outside double quotes, even in the middle of a word;
//   `\#` / `\!` are comments too in practice (the child processes de-comment again).
// - only double quotes quote; a `"` inside a word ends that word.
// - separators are space, tab, \f, \v, and line breaks; `{` and `}` are always tokens of their own.
// Every character of the input belongs to exactly one token or to the whitespace between tokens,
// so the token list plus the gaps reproduce the input byte for byte.

import { createToken, Lexer, type TokenType } from 'chevrotain';
import type { Range } from './cst.js';

export type TokenKind = 'word' | 'string' | 'lbrace' | 'rbrace' | 'comment';

/** The text a token came from: its name and line starts, shared by all its tokens. */
export class SourceText {
  constructor(
    readonly path: string,
    /** Offset of the first character of each line; filled while lexing. */
    readonly lineStarts: number[],
    /** The whole text the tokens were read from. */
    readonly text: string = '',
  ) {}

  /** 0-based line of an offset (binary search). */
  lineOf(offset: number): number {
    const ls = this.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/**
 * One token. A plain word token doubles as the analysis' `Word` (same text, `quoted` false), so
 * the common case allocates one object per word. Line and column are derived from the offset on
 * demand: a 6 MB config has 600k tokens and only the few that end up in a finding need them.
 */
export class Token {
  constructor(
    public kind: TokenKind,
    /** Offsets into the file text, end exclusive. */
    public start: number,
    public end: number,
    readonly src: SourceText,
  ) {}

  /**
   * The exact source text (for strings: with the quotes). Sliced on demand rather than stored:
   * the short-lived copies cost less than keeping one string per token for the whole analysis.
   */
  get text(): string {
    return this.src.text.slice(this.start, this.end);
  }

  /** The file the token was read from ('' when lexed without a name). */
  get file(): string {
    return this.src.path;
  }

  /** 0-based line of `start` (tokens never span lines). */
  get line(): number {
    return this.src.lineOf(this.start);
  }

  /** 0-based column of `start`, in UTF-16 code units. */
  get col(): number {
    return this.start - this.src.lineStarts[this.line]!;
  }

  get quoted(): boolean {
    return this.kind === 'string';
  }

  get range(): Range {
    const line = this.line;
    const col = this.start - this.src.lineStarts[line]!;
    return {
      start: { line, column: col, offset: this.start },
      end: { line, column: col + (this.end - this.start), offset: this.end },
    };
  }
}

export interface LexResult {
  tokens: Token[];
  src: SourceText;
  /** Offset of the first character of each line; lineStarts[0] === 0. */
  lineStarts: number[];
  /** Index into `tokens` of the first token of each line; length lineStarts.length + 1. */
  lineFirstToken: Int32Array;
}

// keepalived reads lines up to '\n' (then drops a trailing '\r'): a bare '\r' is not a line end.
const CommentTok = createToken({ name: 'Comment', pattern: /\\?[#!][^\r\n]*(?:\r(?!\n)[^\r\n]*)*/ });
const StringTok = createToken({ name: 'String', pattern: /"(?:[^"\r\n]|\r(?!\n))*"?/ });
const LBraceTok = createToken({ name: 'LBrace', pattern: /\{/ });
const RBraceTok = createToken({ name: 'RBrace', pattern: /\}/ });
const BackslashTok = createToken({ name: 'Backslash', pattern: /\\/ });
const TextTok = createToken({ name: 'Text', pattern: /[^{}"#!\\]+/, line_breaks: true });

const allTokens: TokenType[] = [CommentTok, StringTok, LBraceTok, RBraceTok, BackslashTok, TextTok];

let chevrotainLexer: Lexer | undefined;
function lexerInstance(): Lexer {
  // Built lazily: chevrotain validates the token set on construction.
  chevrotainLexer ??= new Lexer(allTokens, {
    positionTracking: 'onlyOffset',
    ensureOptimizations: false,
  });
  return chevrotainLexer;
}

const CH_SPACE = 32, CH_TAB = 9, CH_LF = 10, CH_VT = 11, CH_FF = 12, CH_CR = 13;

function isBlank(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB || c === CH_VT || c === CH_FF;
}

/** Lexes a whole file. Never throws; unknown characters cannot occur (every byte is covered). */
export function lex(text: string, file = ''): LexResult {
  const tokens: Token[] = [];
  const lineStarts: number[] = [0];
  const src = new SourceText(file, lineStarts, text);
  const lineFirst: number[] = [0];

  // Words can be glued across a Text/Backslash boundary (`a\b`), so a pending word is extended
  // while the pieces touch.
  let pendingWord: Token | undefined;

  const newline = (at: number) => {
    lineStarts.push(at);
    lineFirst.push(tokens.length);
  };

  const pushWordPiece = (start: number, end: number) => {
    if (pendingWord && pendingWord.end === start) {
      pendingWord.end = end;
      return;
    }
    pendingWord = new Token('word', start, end, src);
    tokens.push(pendingWord);
  };

  const scanText = (from: number, to: number) => {
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (isBlank(c)) {
        i++;
        continue;
      }
      if (c === CH_LF) {
        i++;
        newline(i);
        continue;
      }
      if (c === CH_CR) {
        i++;
        // CRLF ends the line; a bare CR is whitespace for keepalived (isspace), like a tab.
        if (i < to && text.charCodeAt(i) === CH_LF) {
          i++;
          newline(i);
        }
        continue;
      }
      let j = i + 1;
      while (j < to) {
        const d = text.charCodeAt(j);
        if (isBlank(d) || d === CH_LF || d === CH_CR) break;
        j++;
      }
      pushWordPiece(i, j);
      i = j;
    }
  };

  let raw: { image: string; startOffset: number; tokenType: TokenType }[];
  try {
    raw = lexerInstance().tokenize(text).tokens;
  } catch {
    raw = [];
  }
  // Defensive: if chevrotain ever skipped characters, fall back to treating the gap as text.
  let covered = 0;
  for (const t of raw) {
    const start = t.startOffset;
    const end = start + t.image.length;
    if (start > covered) scanText(covered, start);
    covered = end;
    const type = t.tokenType;
    if (type === TextTok) {
      scanText(start, end);
      continue;
    }
    if (type === BackslashTok) {
      pushWordPiece(start, end);
      continue;
    }
    pendingWord = undefined;
    const kind: TokenKind =
      type === CommentTok ? 'comment' : type === StringTok ? 'string' : type === LBraceTok ? 'lbrace' : 'rbrace';
    tokens.push(new Token(kind, start, end, src));
  }
  if (covered < text.length) scanText(covered, text.length);

  lineFirst.push(tokens.length);
  return { tokens, src, lineStarts, lineFirstToken: Int32Array.from(lineFirst) };
}

/** Lexes one logical line produced by substitution (no line breaks inside). */
export function lexLine(text: string): Token[] {
  return lex(text).tokens;
}

/** The unquoted value of a word or string token, as keepalived's tokenizer hands it to a keyword. */
export function tokenValue(t: Token): string {
  if (t.kind !== 'string') return t.text;
  const closed = t.text.length >= 2 && t.text.endsWith('"');
  return t.text.slice(1, closed ? -1 : undefined);
}
