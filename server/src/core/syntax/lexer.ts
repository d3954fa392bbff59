// The lexer: chevrotain separates the pieces whose extent needs lookahead (comments, double-quoted
// strings, backslashes, which may start a `\#` comment) from runs of plain text; a small scanner
// then splits each text run into words, braces and line breaks, straight into typed arrays. Keeping
// chevrotain's per-token cost off words and braces, the most common tokens, and making no object
// per token is what lets multi-megabyte configs lex at well over 50 MB/s.
//
// keepalived's rules (checked against the binary by test/lexical-binary.test.ts):
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
    /** Offset of the first character of each line. */
    readonly lineStarts: Int32Array,
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
 * One token as an object, made from the store for the consumers that want objects (the lossless
 * tree, special lines in the reader). Line and column are derived from the offset on demand.
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

// keepalived reads lines up to '\n' (then drops a trailing '\r'): a bare '\r' is not a line end.
// It measures a line with strlen, so a NUL byte ends it, in a quoted string too: what follows is never
// read (checked with 2.2.7), as if it were a comment.
const CommentTok = createToken({ name: 'Comment', pattern: /(?:\\?[#!]|\0)[^\r\n]*(?:\r(?!\n)[^\r\n]*)*/ });
const StringTok = createToken({ name: 'String', pattern: /"(?:[^"\r\n\0]|\r(?!\n))*"?/ });
/** What the backslash pattern returns: chevrotain only reads it. */
const BACKSLASH_MATCH: [string] = ['\\'];
/**
 * A backslash, matched by a function rather than `/\\/`: with a custom pattern chevrotain grows its
 * token array as it goes instead of first allocating one slot per 10 characters (600k slots for a
 * 6 MB file that yields 16k tokens) and cutting it down at the end (~3 ms per 6 MB).
 */
const BackslashTok = createToken({
  name: 'Backslash',
  pattern: { exec: (text: string, offset: number) => (text.charCodeAt(offset) === 92 ? BACKSLASH_MATCH : null) },
  start_chars_hint: ['\\'],
  line_breaks: false,
});
/** Words, braces, blanks and line breaks: split by the scanner below. */
const TextTok = createToken({ name: 'Text', pattern: /[^"#!\\\0]+/, line_breaks: true });

const allTokens: TokenType[] = [CommentTok, StringTok, BackslashTok, TextTok];

const LEXER_CONFIG = { positionTracking: 'onlyOffset', ensureOptimizations: false } as const;

let chevrotainLexer: Lexer | undefined;
function lexerInstance(): Lexer {
  // Built lazily, and without chevrotain's checks of the token set, which took ~10 ms of every
  // run (a third of kalint's own start on a small config); test/lexer.test.ts builds it with them.
  chevrotainLexer ??= new Lexer(allTokens, { ...LEXER_CONFIG, skipValidations: true });
  return chevrotainLexer;
}

/** The lexer built with chevrotain's checks of the token set: its definition errors, for the tests. */
export function lexerDefinitionErrors(): string[] {
  return new Lexer(allTokens, { ...LEXER_CONFIG, deferDefinitionErrorsHandling: true }).lexerDefinitionErrors.map((e) => e.message);
}

const CH_SPACE = 32, CH_TAB = 9, CH_LF = 10, CH_VT = 11, CH_FF = 12, CH_CR = 13, CH_LBRACE = 123, CH_RBRACE = 125;

/** Character classes of the scanner, by the codes of `chunk` (128 and above: word text). */
const WORD = 0, BLANK = 1, BREAK = 2;
const CHAR_CLASS = new Uint8Array(256);
CHAR_CLASS[CH_SPACE] = CHAR_CLASS[CH_TAB] = CHAR_CLASS[CH_VT] = CHAR_CLASS[CH_FF] = BLANK;
// Line breaks and braces end a word and are handled one by one.
CHAR_CLASS[CH_LF] = CHAR_CLASS[CH_CR] = CHAR_CLASS[CH_LBRACE] = CHAR_CLASS[CH_RBRACE] = BREAK;

/** A token length of this or more is kept in the store's `longEnds` map (lengths are bytes). */
const LONG_TOKEN = 255;

/** Token kinds as small integers, for the columnar store. */
export const Kind = { Word: 0, String: 1, LBrace: 2, RBrace: 3, Comment: 4 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];
const KIND_NAMES: readonly TokenKind[] = ['word', 'string', 'lbrace', 'rbrace', 'comment'];

/**
 * The tokens of one file, column by column: kinds and offsets in typed arrays rather than one
 * object per token. A 6 MB config has over half a million tokens; as objects they cost ~56 bytes
 * each and a third of the analysis time went to allocating and collecting them. Token objects
 * (`tokens`, `token(i)`) are made on demand for the consumers that want them (the lossless tree).
 */
export class TokenStore {
  /** Offset of the first character of each line; lineStarts[0] === 0. */
  readonly lineStarts: Int32Array;
  /** Index of the first token of each line; length lineStarts.length + 1. */
  readonly lineFirstToken: Int32Array;
  private tokenObjects: Token[] | undefined;

  constructor(
    readonly src: SourceText,
    readonly count: number,
    readonly kinds: Uint8Array,
    readonly starts: Int32Array,
    /** Token lengths; LONG_TOKEN marks a token whose end is in `longEnds`. */
    private readonly lengths: Uint8Array,
    /** End offsets of the few tokens of LONG_TOKEN characters or more, by index. */
    private readonly longEnds: Map<number, number>,
    lineFirstToken: Int32Array,
    /** Whether a word outside quotes holds a non-ASCII character (rules looking for odd characters skip the text when not). */
    readonly nonAsciiWords = false,
  ) {
    this.lineStarts = src.lineStarts;
    this.lineFirstToken = lineFirstToken;
  }

  /** End offset (exclusive) of token i. */
  end(i: number): number {
    const n = this.lengths[i]!;
    return n === LONG_TOKEN ? this.longEnds.get(i)! : this.starts[i]! + n;
  }

  get text(): string {
    return this.src.text;
  }

  kindName(i: number): TokenKind {
    return KIND_NAMES[this.kinds[i]!]!;
  }

  /** The exact source text of token i (strings with their quotes). */
  source(i: number): string {
    return this.src.text.slice(this.starts[i]!, this.end(i));
  }

  /** The value keepalived hands to a keyword: the source text, without the quotes of a string. */
  value(i: number): string {
    const start = this.starts[i]!;
    const end = this.end(i);
    if (this.kinds[i] !== Kind.String) return this.src.text.slice(start, end);
    const closed = end - start >= 2 && this.src.text.charCodeAt(end - 1) === 34;
    return this.src.text.slice(start + 1, closed ? end - 1 : end);
  }

  /** A token object for token i (a new one each call). */
  token(i: number): Token {
    return new Token(KIND_NAMES[this.kinds[i]!]!, this.starts[i]!, this.end(i), this.src);
  }

  /** Every token as an object, made once on first use. */
  get tokens(): Token[] {
    if (!this.tokenObjects) {
      const out: Token[] = new Array(this.count);
      for (let i = 0; i < this.count; i++) out[i] = this.token(i);
      this.tokenObjects = out;
    }
    return this.tokenObjects;
  }

  /** Token objects for tokens [from, to) only. */
  slice(from: number, to: number): Token[] {
    if (this.tokenObjects) return this.tokenObjects.slice(from, to);
    const out: Token[] = new Array(Math.max(0, to - from));
    for (let i = from; i < to; i++) out[i - from] = this.token(i);
    return out;
  }
}

/** The result of lexing a file. */
export type LexResult = TokenStore;

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

const ENCODER = new TextEncoder();

/** How many characters of the text the scanner's byte copy holds at a time. */
const CHUNK = 32768;
/**
 * The scanner's copy of a piece of the text, one byte a character (offsets unchanged): an ASCII
 * character as itself, any other as 128. A byte array is read about twice as fast as `charCodeAt`,
 * and TextEncoder copies an ASCII piece natively. Shared by every lex, which runs to its end
 * without yielding; a piece at a time, so lexing a large file does not hold a copy of it all.
 */
const chunk = new Uint8Array(CHUNK);

/** A text up to this long (a line that substitution produced…) is built in `smallColumns` and copied out to size. */
const SMALL_TEXT = 2048;
/**
 * Columns shared by every lex of a small text (a text of n characters has at most n tokens and n + 1
 * lines): making five arrays and five views of them for each substituted line took half its lexing.
 */
const smallColumns = {
  kinds: new Uint8Array(SMALL_TEXT),
  starts: new Int32Array(SMALL_TEXT),
  lengths: new Uint8Array(SMALL_TEXT),
  lineStarts: new Int32Array(SMALL_TEXT + 2),
  lineFirst: new Int32Array(SMALL_TEXT + 2),
};

/** The lexer's output under construction: growable columns plus the line tables. */
class LexBuilder {
  kinds: Uint8Array;
  starts: Int32Array;
  /** Lengths, not end offsets: one byte per token instead of four (see TokenStore.end). */
  lengths: Uint8Array;
  readonly longEnds = new Map<number, number>();
  count = 0;
  lineStarts: Int32Array<ArrayBuffer>;
  lineFirst: Int32Array<ArrayBuffer>;
  lineCount = 1;
  /** The last token is a word that a touching word piece extends (`a\b` is one word). */
  wordOpen = false;
  /** A character above ASCII was met in a word (see TokenStore.nonAsciiWords). */
  nonAscii = false;

  /** Built in `smallColumns`, which finish copies out. */
  private readonly small: boolean;
  /** The part of the text `chunk` holds now: [chunkStart, chunkEnd). */
  private chunkStart = 0;
  private chunkEnd = 0;

  constructor(
    private readonly text: string,
    capacity: number,
  ) {
    this.small = text.length <= SMALL_TEXT;
    if (this.small) {
      ({ kinds: this.kinds, starts: this.starts, lengths: this.lengths, lineStarts: this.lineStarts, lineFirst: this.lineFirst } = smallColumns);
      this.lineStarts[0] = this.lineFirst[0] = 0;
      return;
    }
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.lengths = new Uint8Array(capacity);
    // Line tables sized from an estimate (real configs have 15 to 40 characters a line) and grown when
    // short: cheaper than a pass counting the lines first.
    const lines = Math.ceil(text.length / 20) + 16;
    this.lineStarts = new Int32Array(lines);
    this.lineFirst = new Int32Array(lines);
  }

  push(kind: Kind, start: number, end: number): void {
    if (this.count === this.kinds.length) this.grow();
    const i = this.count++;
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.setEnd(i, end);
    this.wordOpen = kind === Kind.Word;
  }

  private setEnd(i: number, end: number): void {
    const n = end - this.starts[i]!;
    if (n < LONG_TOKEN) this.lengths[i] = n;
    else {
      this.lengths[i] = LONG_TOKEN;
      this.longEnds.set(i, end);
    }
  }

  pushWordPiece(start: number, end: number): void {
    const last = this.count - 1;
    if (this.wordOpen && (this.lengths[last] === LONG_TOKEN ? this.longEnds.get(last) : this.starts[last]! + this.lengths[last]!) === start) this.setEnd(last, end);
    else this.push(Kind.Word, start, end);
  }

  /** Splits text[from, to) (no quotes, comments or backslashes in it) into words, braces and lines. */
  scanText(from: number, to: number): void {
    while (from < to) {
      if (from < this.chunkStart || from >= this.chunkEnd) this.fillChunk(from);
      // A word, a blank run or a CRLF cut at the piece's end reads the same: the next piece's
      // first word piece extends the word (pushWordPiece), and a CR alone is a blank.
      const end = Math.min(to, this.chunkEnd);
      this.scanChunk(from, end);
      from = end;
    }
  }

  /** Copies the text from `from` on into `chunk`, as much as it holds. */
  private fillChunk(from: number): void {
    const piece = this.text.substring(from, from + CHUNK);
    const { read, written } = ENCODER.encodeInto(piece, chunk);
    if (read !== piece.length || written !== piece.length) {
      // A character above ASCII took more than one byte of UTF-8: copy character by character.
      for (let i = 0; i < piece.length; i++) {
        const c = piece.charCodeAt(i);
        chunk[i] = c < 128 ? c : 128;
      }
    }
    this.chunkStart = from;
    this.chunkEnd = from + piece.length;
  }

  /**
   * scanText for a part of the text `chunk` holds. Every character of a config passes through this
   * loop: the columns and counters live in locals and are written back at the end; `i` indexes
   * `chunk`, and `i + base` is the offset in the text.
   */
  private scanChunk(from: number, to: number): void {
    const codes = chunk;
    const base = this.chunkStart;
    /** The codes of the word characters or-ed together: 128 or more when one is not ASCII. */
    let wordBits = 0;
    let i = from - base;
    const stop = to - base;
    // Only a word at the very start can extend the word before it (`a\b`).
    if (this.wordOpen && i < stop && CHAR_CLASS[codes[i]!] === WORD) {
      let j = i;
      while (j < stop && CHAR_CLASS[codes[j]!] === WORD) wordBits |= codes[j++]!;
      this.pushWordPiece(i + base, j + base);
      i = j;
    }
    let count = this.count;
    let kinds = this.kinds;
    let starts = this.starts;
    let lengths = this.lengths;
    let lineStarts = this.lineStarts;
    let lineFirst = this.lineFirst;
    let lineCount = this.lineCount;
    /** The last token pushed here is a word, with no line break after it. */
    let wordOpen = this.wordOpen;
    while (i < stop) {
      const c = codes[i]!;
      const cls = CHAR_CLASS[c]!;
      if (cls === BLANK) {
        // Runs of spaces (indentation mostly) in a tighter loop.
        i++;
        while (i < stop && codes[i] === CH_SPACE) i++;
        continue;
      }
      if (c === CH_LF) {
        i++;
        wordOpen = false;
        if (lineCount === lineStarts.length) ({ lineStarts, lineFirst } = this.growLines(lineCount));
        lineStarts[lineCount] = i + base;
        lineFirst[lineCount++] = count;
        while (i < stop && codes[i] === CH_SPACE) i++; // the next line's indentation
        continue;
      }
      if (count === kinds.length) {
        this.count = count;
        this.grow();
        kinds = this.kinds;
        starts = this.starts;
        lengths = this.lengths;
      }
      if (cls === WORD) {
        let j = i + 1;
        wordBits |= c;
        while (j < stop) {
          const d = codes[j]!;
          if (CHAR_CLASS[d] !== WORD) break;
          wordBits |= d;
          j++;
        }
        kinds[count] = Kind.Word;
        starts[count] = i + base;
        if (j - i < LONG_TOKEN) lengths[count] = j - i;
        else {
          lengths[count] = LONG_TOKEN;
          this.longEnds.set(count, j + base);
        }
        count++;
        wordOpen = true;
        i = j;
      } else if (c === CH_CR) {
        i++;
        // CRLF ends the line; a bare CR is whitespace for keepalived (isspace), like a tab.
        if (i < stop && codes[i] === CH_LF) {
          i++;
          wordOpen = false;
          if (lineCount === lineStarts.length) ({ lineStarts, lineFirst } = this.growLines(lineCount));
          lineStarts[lineCount] = i + base;
          lineFirst[lineCount++] = count;
        }
      } else {
        kinds[count] = c === CH_LBRACE ? Kind.LBrace : Kind.RBrace;
        starts[count] = i + base;
        lengths[count] = 1;
        count++;
        wordOpen = false;
        i++;
      }
    }
    this.count = count;
    this.lineCount = lineCount;
    this.wordOpen = wordOpen;
    if (wordBits >= 128) this.nonAscii = true;
  }

  /** Grows the line tables (full at `lineCount` lines). */
  private growLines(lineCount: number): { lineStarts: Int32Array<ArrayBuffer>; lineFirst: Int32Array<ArrayBuffer> } {
    this.lineCount = lineCount;
    this.lineStarts = grown(this.lineStarts);
    this.lineFirst = grown(this.lineFirst);
    return this;
  }

  /** The finished store, its columns cut to size. */
  finish(src: (lineStarts: Int32Array) => SourceText): TokenStore {
    const n = this.count;
    if (this.lineCount === this.lineFirst.length) this.growLines(this.lineCount);
    this.lineFirst[this.lineCount] = n;
    // Columns and line tables much larger than needed are copied to size; otherwise views avoid a
    // second copy (copying the line tables of the 6 MB file always added 2-3 MB to the peak).
    const fit = <T extends Uint8Array | Int32Array>(a: T, n: number): T => (this.small || n < a.length * 0.75 ? (a.slice(0, n) as T) : (a.subarray(0, n) as T));
    const lineStarts = fit(this.lineStarts, this.lineCount);
    const lineFirst = fit(this.lineFirst, this.lineCount + 1);
    return new TokenStore(src(lineStarts), n, fit(this.kinds, n), fit(this.starts, n), fit(this.lengths, n), this.longEnds, lineFirst, this.nonAscii);
  }

  /** Every token as an object, without a store (see lexLine). */
  tokenObjects(text: string): Token[] {
    // One line (a substituted line has no line break): the shared table, never written to.
    const src = new SourceText('', this.lineCount === 1 ? ONE_LINE : this.lineStarts.slice(0, this.lineCount), text);
    const out: Token[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const n = this.lengths[i]!;
      const start = this.starts[i]!;
      out[i] = new Token(KIND_NAMES[this.kinds[i]!]!, start, n === LONG_TOKEN ? this.longEnds.get(i)! : start + n, src);
    }
    return out;
  }

  private grow(): void {
    const n = Math.ceil(this.kinds.length * 1.5) + 16;
    const kinds = new Uint8Array(n);
    kinds.set(this.kinds);
    const starts = new Int32Array(n);
    starts.set(this.starts);
    const lengths = new Uint8Array(n);
    lengths.set(this.lengths);
    this.kinds = kinds;
    this.starts = starts;
    this.lengths = lengths;
  }
}

/** Lexes a whole file. Never throws; unknown characters cannot occur (every byte is covered). */
export function lex(text: string, file = ''): TokenStore {
  return scan(text).finish((lineStarts) => new SourceText(file, lineStarts, text));
}

/**
 * Lexes one logical line produced by substitution: its token objects only. The columns are read
 * once, to make the objects, so they are not copied out into a store.
 */
export function lexLine(text: string): Token[] {
  return scan(text).tokenObjects(text);
}

/** The line table of a text of one line. */
const ONE_LINE = Int32Array.of(0);

/** A character that starts a piece chevrotain separates from the text runs (see TextTok). */
const PIECE_START = /["#!\\\0]/;

/** The lexer's pass: chevrotain's pieces, their text runs split by the scanner. */
function scan(text: string): LexBuilder {
  // Real configs have one token per 7 to 17 characters (11 typically): starting at one per 10 and
  // growing by half keeps the columns close to their final size, so they are rarely copied.
  const out = new LexBuilder(text, Math.ceil(text.length / 10) + 16);
  // chevrotain only separates comments, strings and backslashes, and hands a text without them back as
  // one run: split it directly (most lines that substitution produces; chevrotain's setup per call cost
  // more than the scan for them).
  if (!PIECE_START.test(text)) {
    out.scanText(0, text.length);
    return out;
  }
  let raw: { image: string; startOffset: number; tokenType: TokenType }[];
  try {
    raw = lexerInstance().tokenize(text).tokens;
  } catch {
    raw = [];
  }
  // Defensive: if chevrotain ever skipped characters, fall back to treating the gap as text.
  let covered = 0;
  for (let k = 0; k < raw.length; k++) {
    const t = raw[k]!;
    const start = t.startOffset;
    const end = start + t.image.length;
    if (start > covered) out.scanText(covered, start);
    covered = end;
    const type = t.tokenType;
    if (type === TextTok) out.scanText(start, end);
    else if (type === BackslashTok) out.pushWordPiece(start, end);
    else out.push(type === CommentTok ? Kind.Comment : Kind.String, start, end);
  }
  if (covered < text.length) out.scanText(covered, text.length);
  return out;
}

/** The unquoted value of a word or string token, as keepalived's tokenizer hands it to a keyword. */
export function tokenValue(t: Token): string {
  if (t.kind !== 'string') return t.text;
  const closed = t.text.length >= 2 && t.text.endsWith('"');
  return t.text.slice(1, closed ? -1 : undefined);
}
