// The formatter: one canonical layout, and nothing but whitespace ever changes. Every token is
// written in its original order with its original text; only the gaps between tokens are rewritten.
//
// Why this is safe for keepalived: it splits every line at each brace outside double quotes before
// it reads the words (syntax.md §4), so `a { b }` and `a {` / `b` / `}` are the same lines to it,
// and blanks between words are separators of any length. The formatter therefore splits and joins
// lines only at braces and never moves a word to another line — in a value block each line is one
// entry (`virtual_ipaddress { A B }`: B is an option of A), and that stays true.
//
// Lines whose meaning depends on being one physical line are kept whole, re-indented only:
// `@id` lines (the condition covers the whole line), `$NAME=` definitions (continuation lines
// byte for byte), `~SEQ`/`~LST` lines (the rest of the line is repeated), include lines (their
// braces are glob syntax), lines where `$` meets a brace (keepalived substitutes `${NAME}` before
// it splits at braces), lines with `'` (script strings quote with it) or with `\"` ending a `"` string (script
// strings escape quotes with it, and the string goes on). A `$NAME` line
// whose value brings braces that do not pair up (`$INST` after `$INST=vrrp_instance VI_1 {`) is kept
// whole too, at the depth keepalived reads it at once it has substituted the line.
//
// keepalived reads a line into a 1024-byte buffer: a line of more than 1022 bytes before its newline
// (a CR counts) arrives in pieces of 1023 bytes, read as lines of their own (before 2.4.0) or dropped
// but for the last ("line too long - ignoring", from 2.4.0), and a line of exactly 1023 bytes brings
// its newline as one more, empty, piece. Where the cuts fall depends on every byte of the line, its
// indentation and trailing blanks included. So a line of more than 1022 bytes is kept byte for byte,
// line ending included, and so is a line whose formatted text would not fit in 1022 bytes even
// without indentation (a blank added at a brace, a CR added by the file's line ending): the
// formatted file has the same long lines, cut at the same places, for every release. keepalived
// substitutes `$NAME` references into the same buffer and stops at a value that does not fit: a line
// whose references may get there keeps the blanks between its words (substitutionMayOverflow).

import { findBinaryEvidence } from '../syntax/binary.js';
import { endsWithLoneBackslash, INCLUDE_KEYWORDS, referenceNameAt, seqHeaderEnd } from '../syntax/lines.js';
import { Kind, LineTokens, scanLine } from './scan.js';
import { findTemplateMarker, markerPosition, templateLanguage } from '../syntax/template.js';
import { commentScanOpenQuote } from '../syntax/comment-scan.js';
import { utf16Evidence } from '../syntax/encoding.js';

export interface FormatOptions {
  /** Spaces per level (default 4); ignored with `useTabs`. */
  indentWidth?: number;
  /** One tab per level. */
  useTabs?: boolean;
}

export interface FormatError {
  /** `LINE:COLUMN: message`, 1-based, ready to print after a file name; for a bad option, the message alone. */
  error: string;
  message: string;
  /** 0-based position of the problem (0, 0 for a bad option). */
  line: number;
  column: number;
  /** The refusal is about an option (an indent width out of range), not about the text. */
  option?: true;
}

export type FormatResult = { text: string; changed: boolean } | FormatError;

export const DEFAULT_INDENT_WIDTH = 4;

/** keepalived reads a line into a 1024-byte buffer: 1022 bytes of content, the newline, a NUL. */
const LINE_BUFFER_CONTENT = 1022;

const DEFINITION_RE = /^\$[A-Za-z_][A-Za-z0-9_]*=/;
const CR = 13;

/**
 * The formatted file as lines, with where each came from (for range formatting). A line already
 * whose text is in the source is not copied: `lines[i]` is null and the line is `source[refs[3i],
 * refs[3i+1])`, after the indentation of depth `refs[3i+2]` when that is not -1. Formatting a
 * formatted file then copies whole runs of it at once, and re-indenting builds no new strings.
 */
export interface Layout {
  source: string;
  lines: (string | null)[];
  refs: number[];
  /** Indentation strings by depth. */
  indents: string[];
  /** 0-based original line each output line comes from (empty when not asked for). */
  origins: number[];
  /** Original line of a lone `{` → original line whose statement it was joined to. */
  joins: Map<number, number>;
  /** Offset of the start of each original line. */
  lineStarts: number[];
  eol: string;
  /**
   * Output lines kept byte for byte because of keepalived's line buffer (see the top of this file), with
   * their own line ending (`\r\n` or `\n`), which may differ from `eol`.
   */
  ownEols: Map<number, string>;
}

export function isFormatError(r: unknown): r is FormatError {
  return typeof r === 'object' && r !== null && typeof (r as FormatError).error === 'string';
}

/** Formats a whole file. A file with unbalanced braces or an unterminated quote is not formatted. */
export function format(text: string, options: FormatOptions = {}): FormatResult {
  const l = layout(text, options, false);
  if (isFormatError(l)) return l;
  // Consecutive unchanged lines that were consecutive in the source (same line break) are one slice.
  const chunks: string[] = [];
  const { lines, refs, eol, indents, ownEols } = l;
  let runStart = -1;
  let runEnd = -1;
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i];
    const a = refs[3 * i]!;
    const d = refs[3 * i + 2]!;
    const own = ownEols.size > 0 ? ownEols.get(i) : undefined;
    if (own !== undefined) {
      // A line kept byte for byte for keepalived's line buffer, with its own line ending.
      if (runStart >= 0) chunks.push(text.slice(runStart, runEnd), eol);
      runStart = -1;
      chunks.push(text.slice(a, refs[3 * i + 1]), own);
      continue;
    }
    if (s === null && d < 0) {
      if (runStart >= 0 && a === runEnd + eol.length && text.startsWith(eol, runEnd)) {
        runEnd = refs[3 * i + 1]!;
        continue;
      }
      if (runStart >= 0) chunks.push(text.slice(runStart, runEnd), eol);
      runStart = a;
      runEnd = refs[3 * i + 1]!;
      continue;
    }
    if (runStart >= 0) chunks.push(text.slice(runStart, runEnd), eol);
    runStart = -1;
    if (s === null) chunks.push(indents[d]!, text.slice(a, refs[3 * i + 1]), eol);
    else chunks.push(s!, eol);
  }
  if (runStart >= 0) chunks.push(text.slice(runStart, runEnd), eol);
  const out = chunks.join('');
  return { text: out, changed: out !== text };
}

/** Output line `i` of a layout as text. */
export function lineText(l: Layout, i: number): string {
  const s = l.lines[i];
  if (s !== null && s !== undefined) return s;
  const d = l.refs[3 * i + 2]!;
  return (d >= 0 ? l.indents[d] : '') + l.source.slice(l.refs[3 * i], l.refs[3 * i + 1]);
}

/** One level of indentation, or the error for an indent width that is no integer from 0 to 16 (a string '4' included). */
function indentUnit(options: FormatOptions): string | FormatError {
  if (options.useTabs) return '\t';
  const w: unknown = options.indentWidth ?? DEFAULT_INDENT_WIDTH;
  if (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 16) {
    const message = `indent width must be an integer from 0 to 16 (got ${typeof w === 'string' ? `'${w}'` : String(w)})`;
    return { error: message, message, line: 0, column: 0, option: true };
  }
  return ' '.repeat(w);
}

function utf8Length(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n++;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < to) {
      n += 4;
      i++;
    } else n += c >= 0xdc80 && c <= 0xdcff ? 1 : 3; // a lone one is a byte that was not UTF-8 (see encoding.ts)
  }
  return n;
}

function exceeds(s: string, from: number, to: number, limit: number): boolean {
  const len = to - from;
  if (len > limit) return true;
  if (len * 3 <= limit) return false;
  return utf8Length(s, from, to) > limit;
}

/**
 * Lays `text` out; with `track`, records where each output line comes from (range formatting). `asWritten`: original
 * lines (0-based) to keep byte for byte, found by a first pass to outgrow keepalived's line buffer once formatted.
 */
export function layout(text: string, options: FormatOptions = {}, track = true, asWritten?: ReadonlySet<number>): Layout | FormatError {
  // A bad option is the caller's to fix, whatever the text: refused first, as an error to show, never thrown.
  const unit = indentUnit(options);
  if (typeof unit !== 'string') return unit;
  // Re-indenting `{{ name }}` as braces would break the template (KA108): templates are left alone.
  const template = findTemplateMarker(text);
  if (template) {
    const { line, column } = markerPosition(text, template);
    const message = `this is ${templateLanguage(template)} (${text.slice(template.start, template.end)}), not a keepalived config: kalint does not format templates`;
    return { error: `${line + 1}:${column + 1}: ${message}`, message, line, column };
  }
  // Re-indenting a UTF-16 file byte by byte would scramble it (KA117 converts it instead).
  const utf16 = utf16Evidence(text);
  if (utf16) {
    const message = `the file is saved as UTF-16 (${utf16}), which keepalived cannot read: kalint does not format it; convert it to UTF-8 first (kalint lint --fix does, KA117)`;
    return { error: `1:1: ${message}`, message, line: 0, column: 0 };
  }
  // Binary data (an executable, an archive: KA119) is no config to format, and KA117's fix does not make it one.
  const binary = findBinaryEvidence(text);
  if (binary) {
    const what = binary.kind ? `${binary.kind} (its first bytes are ${binary.signature})` : 'binary data';
    const message = `the file is ${what}, not a text config (KA119): kalint does not format it`;
    return { error: `1:1: ${message}`, message, line: 0, column: 0 };
  }
  // A NUL byte ends its line for keepalived before 2.4.0 and drops the whole line from 2.4.0 (except a last line
  // without a newline, read up to it): splitting, joining or ending such a line would change what some release
  // reads, so the file is left alone (KA117's fix cuts the line at the NUL).
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length - 1;
    const column = nul - (text.lastIndexOf('\n', nul - 1) + 1);
    const message = 'a NUL byte: keepalived reads the line only up to it (2.4.0 and later drop the line), so kalint does not format the file; remove it first (kalint lint --fix does, KA117)';
    return { error: `${line + 1}:${column + 1}: ${message}`, message, line, column };
  }
  const indents: string[] = [''];
  const indent = (d: number): string => {
    let s = indents[d];
    if (s === undefined) {
      for (let k = indents.length; k <= d; k++) indents[k] = indents[k - 1] + unit;
      s = indents[d]!;
    }
    return s;
  };

  const firstLf = text.indexOf('\n');
  const eol = firstLf > 0 && text.charCodeAt(firstLf - 1) === CR ? '\r\n' : '\n';
  // What an output line may hold before its line ending (the CR of `\r\n` counts for keepalived).
  const limit = LINE_BUFFER_CONTENT - (eol.length - 1);

  const lines: (string | null)[] = [];
  const refs: number[] = [];
  const origins: number[] = [];
  const joins = new Map<number, number>();
  const lineStarts: number[] = [];
  const openBraces: number[] = [];
  const ownEols = new Map<number, string>();

  let depth = 0;
  /** First blank original line of the current run of blank lines, or -1. */
  let pendingBlank = -1;
  /** Its offset when it is truly empty (no blanks), so the blank line can be a reference; else -1. */
  let pendingBlankAt = -1;
  /** The last output line opens a block (no blank line right after it). */
  let lastOpens = false;
  /** Output line that a `{` starting the next line may join, or -1. */
  let joinable = -1;
  let inDefinition = false;
  // `$NAME=` values as keepalived keeps them (a line each), for the braces a `$NAME` line brings: keepalived
  // substitutes a line before it splits it at braces, so `$INST` after `$INST=vrrp_instance VI_1 {` opens a block.
  const definitions = new Map<string, Definition>();
  /** The multi-line definition whose later lines are being read, or null. */
  let openDefinition: Definition | null = null;
  /** Some definition's value holds a brace or a `$` (only then are `$NAME` lines expanded). */
  let braceDefinitions = false;
  let nextDollar = text.indexOf('$');
  // For lines whose `$NAME` substitution may reach keepalived's line buffer (see substitutionMayOverflow).
  /** The longest value line of a definition so far, in bytes. */
  let longestValue = 0;
  /** A definition so far has a `$` in its value (keepalived substitutes the value again: no bound). */
  let valueWithDollar = false;
  /** Where the text first mentions an include or a ~SEQ/~LST, which define names the formatter does not follow. */
  const firstForeign = text.search(/include|~SEQ|~LST/);
  const noteValue = (line: string): void => {
    const n = utf8Length(line, 0, line.length);
    if (n > longestValue) longestValue = n;
    if (line.includes('$')) valueWithDollar = true;
  };
  let ln = 0;
  const tk = new LineTokens();

  const error = (offset: number, message: string): FormatError => {
    let line = lineStarts.length - 1;
    while (line > 0 && lineStarts[line]! > offset) line--;
    const column = offset - lineStarts[line]!;
    return { error: `${line + 1}:${column + 1}: ${message}`, message, line, column };
  };

  const push = (s: string | null, isClose: boolean, from = -1, to = -1, d = -1): number => {
    if (pendingBlank >= 0) {
      if (lines.length > 0 && !lastOpens && !isClose) {
        lines.push(pendingBlankAt >= 0 ? null : '');
        refs.push(pendingBlankAt, pendingBlankAt, -1);
        if (track) origins.push(pendingBlank);
      }
      pendingBlank = -1;
    }
    lines.push(s);
    refs.push(from, to, d);
    if (track) origins.push(ln);
    lastOpens = false;
    return lines.length - 1;
  };
  /** An output line that is the source's text from `from` to `to`. */
  const pushRef = (from: number, to: number, isClose: boolean): number => push(null, isClose, from, to);
  /** An output line that is the indentation of depth `d`, then the source's text from `from` to `to`. */
  const pushIndented = (d: number, from: number, to: number, isClose: boolean): number => {
    indent(d);
    return push(null, isClose, from, to, d);
  };
  const materialize = (i: number): string => {
    let s = lines[i];
    if (s === null || s === undefined) {
      const d = refs[3 * i + 2]!;
      s = (d >= 0 ? indent(d) : '') + text.slice(refs[3 * i], refs[3 * i + 1]);
      lines[i] = s;
    }
    return s;
  };

  /** Applies the braces of tokens [from, to) to the depth; returns the offset of an extra `}` or -1. */
  const applyBraces = (from: number, to: number): number => {
    for (let i = from; i < to; i++) {
      const k = tk.kinds[i];
      if (k === Kind.LBrace) {
        openBraces.push(tk.starts[i]!);
        depth++;
      } else if (k === Kind.RBrace) {
        if (depth === 0) return tk.starts[i]!;
        openBraces.pop();
        depth--;
      }
    }
    return -1;
  };

  /**
   * Applies the braces keepalived finds in text[from, to) to the depth (a line where `\"` ends a `"` string: its
   * comment scan reads the string on past it, so a `#` there starts no comment); returns the offset of an extra `}` or -1.
   */
  const applyBracesAsRead = (from: number, to: number): number => {
    const cut = commentStart(text, from, to);
    for (let i = from; i < cut; i++) {
      const c = text.charCodeAt(i);
      if (c === 34 /* " */) {
        // keepalived's brace search pairs quotes without escapes; an unpaired one hides the rest.
        const close = text.indexOf('"', i + 1);
        if (close < 0 || close >= cut) break;
        i = close;
      } else if (c === 123 /* { */) {
        openBraces.push(i);
        depth++;
      } else if (c === 125 /* } */) {
        if (depth === 0) return i;
        openBraces.pop();
        depth--;
      }
    }
    return -1;
  };

  const slice = (i: number): string => text.slice(tk.starts[i], tk.ends[i]);

  /** All tokens on one line: single spaces where there were blanks, and around braces. */
  const oneLine = (): string => {
    let s = slice(0);
    for (let i = 1; i < tk.count; i++) {
      const k = tk.kinds[i]!;
      const prev = tk.kinds[i - 1]!;
      const glued = tk.starts[i] === tk.ends[i - 1] && k !== Kind.LBrace && k !== Kind.RBrace && prev !== Kind.LBrace && prev !== Kind.RBrace;
      s += (glued ? '' : ' ') + slice(i);
    }
    return s;
  };

  /**
   * Whether the current line is kept byte for byte for keepalived's line buffer: it is longer than the buffer
   * holds (its CR counted), or a first pass found that formatted it would not fit.
   */
  const atBuffer = (): boolean =>
    exceeds(text, tk.lineStart, tk.contentEnd, LINE_BUFFER_CONTENT - (tk.eolLength === 2 ? 1 : 0)) || (asWritten !== undefined && asWritten.has(ln));
  /** Pushes the current line byte for byte through its line ending. */
  const pushWhole = (): number => {
    const i = pushRef(tk.lineStart, tk.contentEnd, false);
    ownEols.set(i, tk.eolLength === 2 ? '\r\n' : '\n');
    return i;
  };
  // The current line, for `fixed`: whether it is too long to touch, and where its last token ends.
  let long = false;
  /** The current line is kept byte for byte for keepalived's line buffer (`long` is set too). */
  let whole = false;
  let lineEnd = 0;
  /** Pushes the current line as written up to `to`: byte for byte (line ending too) when `whole`. */
  const pushAsWritten = (to: number): number => (whole ? pushWhole() : pushRef(tk.lineStart, to, false));
  /** Pushes a line kept whole: re-indented, or as written when it is too long to touch. */
  const fixed = (body: string, d: number): number => (long ? pushAsWritten(lineEnd) : push(indent(d) + body, false));
  /** Like `fixed`, for a line kept as written from its first token. */
  const fixedVerbatim = (d: number): number => {
    if (long) return pushAsWritten(lineEnd);
    const ind = indent(d);
    if (tk.starts[0] === tk.lineStart + ind.length && text.startsWith(ind, tk.lineStart)) return pushRef(tk.lineStart, lineEnd, false);
    return pushIndented(d, tk.starts[0]!, lineEnd, false);
  };

  /** Words and strings, then an optional `{` (not first), then an optional comment. */
  const isSimpleStatement = (end: number): boolean => {
    for (let i = 0; i < end - 1; i++) {
      const k = tk.kinds[i];
      if (k !== Kind.Word && k !== Kind.String) return false;
    }
    return tk.kinds[end - 1] !== Kind.RBrace;
  };
  /** The line already reads `indent` + tokens separated as the canonical layout separates them. */
  const isCanonical = (ind: string, end: number): boolean => {
    const ls = tk.lineStart;
    if (tk.starts[0] !== ls + ind.length) return false;
    for (let i = 0; i < ind.length; i++) if (text.charCodeAt(ls + i) !== ind.charCodeAt(i)) return false;
    for (let i = 1; i < tk.count; i++) {
      const gap = tk.starts[i]! - tk.ends[i - 1]!;
      const k = tk.kinds[i];
      const prev = tk.kinds[i - 1];
      if (gap === 0) {
        // Glued words stay glued; a brace always gets its space.
        if (k === Kind.LBrace || prev === Kind.LBrace || prev === Kind.RBrace) return false;
        if (k === Kind.Comment && prev !== Kind.Word && prev !== Kind.String) return false;
      } else if (gap !== 1 || text.charCodeAt(tk.ends[i - 1]!) !== 32) return false;
    }
    return end >= 1;
  };

  let expansion: Expansion | 'uncertain' | null = null;
  const scratch = new LineTokens();
  /**
   * The braces of the current line's tokens [head, end) once keepalived has substituted its `$NAME` references
   * (lib/parser.c replace_param, 2.2.7: a value is searched again from where it was put, a multi-line value only
   * replaces a reference that ends the line, and its later lines are read next, substituted in their turn). Null
   * when they do to the depth what the line's own braces do (no definition whose value holds a brace or a `$` is
   * used, or its braces pair up), 'uncertain' when they differ and what keepalived reads is not the same for every
   * node or release.
   */
  const bracesAfterSubstitution = (head: number, end: number): Expansion | 'uncertain' | null => {
    const from = tk.starts[head]!;
    const to = tk.ends[end - 1]!;
    if (nextDollar >= 0 && nextDollar < from) nextDollar = text.indexOf('$', from);
    if (nextDollar < 0 || nextDollar >= to) return null;
    const queue: string[] = [text.slice(from, to)];
    const braces: Kind[] = [];
    let startsWithClose = false;
    let used = false;
    let unsure = false;
    let steps = 0;
    for (let n = 0; queue.length > 0; n++) {
      let buf = queue.shift()!;
      let later: string[] = [];
      for (let cur = buf.indexOf('$'); cur >= 0 && cur + 1 < buf.length; ) {
        const ref = definitionReference(buf, cur);
        const def = ref && definitions.get(ref.name);
        if (!ref || !def || (def.multiline && !ref.atEnd) || (!def.braceish && !ref.sure)) {
          cur = buf.indexOf('$', cur + 1);
          continue;
        }
        if (def.braceish) {
          used = true;
          if (def.uncertain || def.conditional || !ref.sure) unsure = true;
        }
        // keepalived stops at its 1024-byte line buffer; a value that keeps referring to itself gets there. It then
        // reads the line as substituted so far (replace_param gives up before it moves any text), so what the rest
        // would have brought is unknown: only a brace some definition the line reaches holds makes that matter.
        if (++steps > 256 || buf.length + def.lines[0]!.length > LINE_BUFFER_CONTENT) return used && mayBringBrace(text.slice(from, to)) ? 'uncertain' : null;
        buf = buf.slice(0, cur) + def.lines[0] + buf.slice(cur + ref.length);
        if (def.multiline) later = def.lines.slice(1).concat(later);
        cur = buf.indexOf('$', cur);
      }
      // Values without braces or `$` bring none, and their later lines hold no reference.
      if (!used) return null;
      scanLine(buf, 0, scratch);
      for (let i = 0; i < scratch.count; i++) {
        const k = scratch.kinds[i]!;
        if (k === Kind.LBrace || k === Kind.RBrace) {
          if (n === 0 && i === 0 && k === Kind.RBrace) startsWithClose = true;
          braces.push(k);
        }
      }
      if (queue.length + later.length > 10000) return 'uncertain';
      queue.unshift(...later);
    }
    const own: Kind[] = [];
    for (let i = head; i < end; i++) if (tk.kinds[i] === Kind.LBrace || tk.kinds[i] === Kind.RBrace) own.push(tk.kinds[i]!);
    if (startsWithClose === (tk.kinds[head] === Kind.RBrace) && sameDepthEffect(braces, own)) return null;
    return unsure ? 'uncertain' : { braces, startsWithClose };
  };

  /**
   * Whether keepalived's substitution of the `$NAME` references in text[from, to) (the line without its indentation
   * and comment, as it substitutes it) may reach its 1024-byte line buffer, a `{` the formatter may join to the line
   * counted: there it stops substituting (lib/parser.c replace_param, 2.2.7: "would exceed maximum line length"), so
   * whether it substitutes depends on the blanks between the words, which the formatter would change. A value is
   * bounded by the longest definition so far; a name defined where the formatter does not look (an included file,
   * ~SEQ/~LST, keepalived's own `_` names such as ${_PWD}) or a value that refers on has no bound.
   */
  const substitutionMayOverflow = (from: number, to: number): boolean => {
    if (nextDollar >= 0 && nextDollar < from) nextDollar = text.indexOf('$', from);
    if (nextDollar < 0 || nextDollar >= to) return false;
    let bound = utf8Length(text, from, to) + 2;
    for (let at = nextDollar; at >= 0 && at < to; at = text.indexOf('$', at + 1)) {
      const ref = referenceNameAt(text, at);
      if (!ref) continue;
      if (definitions.has(ref.name)) {
        if (valueWithDollar) return true;
        bound += longestValue;
      } else if (ref.name.charCodeAt(0) === 95 /* _ */ || (firstForeign >= 0 && firstForeign < from)) return true;
      if (bound > LINE_BUFFER_CONTENT) return true;
    }
    return false;
  };

  /**
   * Whether substituting `line` may bring a brace: a definition it refers to, directly or through the values it puts
   * there, holds one. A `$` that may make a new name with what comes after it once a value is put in (`$$A`, `$X$A`,
   * `${$A}`, a value ending in `$` or in a name that the text after its reference goes on) may refer to any
   * definition: then any definition with a brace counts.
   */
  const mayBringBrace = (line: string): boolean => {
    let any = false;
    for (const d of definitions.values()) if (d.hasBrace) any = true;
    if (!any) return false;
    // What may follow a string on the line: the end of the line or a blank (-1), or a character that could go on a name.
    const goesOn = (c: number): boolean => c >= 0 && c !== 32 && c !== 9;
    const seen = new Set<string>();
    const todo: [string, number][] = [[line, -1]];
    while (todo.length > 0) {
      const [s, next] = todo.pop()!;
      for (let i = s.indexOf('$'); i >= 0; i = s.indexOf('$', i + 1)) {
        const ref = referenceNameAt(s, i);
        const after = ref ? ref.end : i + 1;
        const c = after < s.length ? s.charCodeAt(after) : next;
        if (c === 36 /* $ */ || (after === s.length && goesOn(next))) return true;
        if (!ref) {
          if (c === 123 /* { */) return true;
          continue;
        }
        let end = after;
        if (ref.braced) {
          const close = s.indexOf('}', after);
          if (close < 0) {
            if (next >= 0) return true;
            continue;
          }
          end = close + 1;
        }
        const def = definitions.get(ref.name);
        if (!def) continue;
        if (def.hasBrace) return true;
        const follows = def.multiline ? -1 : end < s.length ? s.charCodeAt(end) : next;
        const key = `${ref.name} ${goesOn(follows)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        def.lines.forEach((l, k) => todo.push([l, k === 0 ? follows : -1]));
      }
    }
    return false;
  };

  let pos = 0;
  let nextBackslash = text.indexOf('\\');
  let nextVertical = nextVerticalBlank(text, 0);
  let escapedGap = false;
  for (;; ln++) {
    lineStarts.push(pos);
    scanLine(text, pos, tk);
    const count = tk.count;
    if (tk.eolLength === 1 && text.charCodeAt(tk.contentEnd) === CR) {
      return error(tk.contentEnd, 'carriage return without a line feed: keepalived does not end a line there; use \\n or \\r\\n line endings');
    }
    if (tk.unterminatedAt >= 0) return error(tk.unterminatedAt, 'unterminated double quote');
    if (nextBackslash >= 0 && nextBackslash < tk.lineStart) nextBackslash = text.indexOf('\\', tk.lineStart);
    if (nextBackslash >= 0 && nextBackslash < tk.contentEnd) {
      // keepalived's comment scan reads `\"` as an escaped quote: what follows the quote left open is
      // words to it, comment marks included, so nothing on this line may move.
      const open = commentScanOpenQuote(text, tk.lineStart, tk.contentEnd);
      if (open >= 0) return error(open, 'unterminated double quote for keepalived (a backslash before a quote escapes it)');
    }
    let lastEnd = count ? tk.ends[count - 1]! : tk.lineStart;

    if (inDefinition && tk.eolLength === 0 && tk.contentEnd === tk.lineStart) {
      // Past the file's last newline there is no line, also when the definition asks for one: writing one
      // would add an empty line on every run (fuzz seed 557).
    } else if (inDefinition) {
      // A continuation line of a multi-line definition belongs to its value: byte for byte, a line of
      // blanks too (made empty, it would end the definition for releases that read on past blanks).
      // (Trailing blanks go, but on a line kept for keepalived's line buffer; a vertical tab or a form feed after
      // the last word stays: keepalived strips only blanks, so a backslash such a character follows continues nothing.)
      if (atBuffer()) pushWhole();
      else pushRef(tk.lineStart, count === 0 || !onlyBlanksBetween(text, lastEnd, tk.contentEnd) ? tk.contentEnd : lastEnd, false);
      // Past a line of blanks, an empty line or a comment line some releases read the definition on (2.0.9 to
      // 2.0.14 skip an empty line, 2.1.4 on a blank or comment one, 2.2 in the parent process only): the line
      // after it may still belong to the value, so it is kept as written too.
      const gap = count === 0 || (count === 1 && tk.kinds[0] === Kind.Comment);
      inDefinition = gap || definitionContinues(text, tk);
      if (openDefinition) {
        if (gap) openDefinition.uncertain = true; // the releases differ on where the value ends
        else {
          const valueEnd = tk.kinds[count - 1] === Kind.Comment ? (count > 1 ? tk.ends[count - 2]! : tk.starts[0]!) : tk.ends[count - 1]!;
          const continues = definitionContinues(text, tk);
          const line = definitionValue(text, tk.starts[0]!, valueEnd, continues);
          openDefinition.lines.push(line);
          noteValue(line);
          if (hasBraceOrDollar(line)) openDefinition.braceish = braceDefinitions = true;
          if (hasBraceChar(line)) openDefinition.hasBrace = true;
        }
        if (!inDefinition) openDefinition = null;
      }
      joinable = -1;
    } else if (count === 0 && atBuffer()) {
      // Blanks past keepalived's line buffer: from 2.4.0 it drops the full pieces with a message ("line too long").
      pushWhole();
      joinable = -1;
    } else if (count === 0) {
      if (pendingBlank < 0) {
        pendingBlank = ln;
        pendingBlankAt = tk.contentEnd === tk.lineStart ? tk.lineStart : -1;
      }
    } else {
      whole = atBuffer();
      long = whole;
      if (whole) lastEnd = tk.contentEnd;
      escapedGap = false;
      if (nextVertical >= 0 && nextVertical < tk.lineStart) nextVertical = nextVerticalBlank(text, tk.lineStart);
      if (nextVertical >= 0 && nextVertical < tk.contentEnd) {
        // A vertical tab or a form feed: keepalived takes only blanks and tabs off a line's start and ends an `@id`
        // at a blank or tab, so one before the first word or after an id is part of that word (`\finclude x` is an
        // unknown keyword, `@lb1\vglobal_defs` an id that matches no host); it does not end a `$NAME` either, a
        // definition's value keeps it, and a trailing backslash is moved onto the word before it only across blanks.
        // Made a space or dropped, it would change what keepalived reads: keep the line as it is.
        long = true;
        lastEnd = tk.contentEnd;
      }
      if (!long && nextBackslash >= 0 && nextBackslash < lastEnd && escapedBlank(text, nextBackslash, lastEnd)) {
        // `script /usr/bin/test\  -n x`: keepalived reads a script or notify line again with `\` escaping the next
        // character, a blank too: the word is '/usr/bin/test ' and the blanks after the escaped one separate. A gap
        // made one space would join the words: keep the line's gaps as written.
        escapedGap = true;
      }
      if (!long && !escapedGap && substitutionMayOverflow(tk.starts[0]!, tk.kinds[count - 1] === Kind.Comment ? (count > 1 ? tk.ends[count - 2]! : tk.starts[0]!) : lastEnd)) {
        // `priority    $P` where $P's value takes the line to keepalived's line buffer: with fewer blanks it may fit.
        escapedGap = true;
      }
      if (!long && tk.escapedQuote) {
        // `script "/bin/sh -c \"test  -n x\""`: keepalived reads a script or notify line again with `\"` as a quote
        // character inside the string, so the string runs on past it and its blanks are the command's own. The
        // scanner ends the string at that quote: keep the line's gaps as written.
        escapedGap = true;
      }
      if (text.charCodeAt(lastEnd - 1) === 92 /* \ */ && lastEnd < tk.contentEnd && endsWithLoneBackslash(text, lastEnd)) {
        // `x \ `: keepalived's first process reads the backslash and the blank after it as an
        // escaped blank (no continuation), its other processes read the line without the blanks
        // (a continuation). Dropping the blanks would change what the first one reads: keep the line.
        long = true;
        lastEnd = tk.contentEnd;
      }
      lineEnd = lastEnd;
      // `@id` (a lone `@` too: keepalived reads an empty id). The id runs to the first blank, so
      // tokens glued to it (`@a{`, `@}`) belong to it: they stay glued and are not structure.
      const firstIsCondition = tk.kinds[0] === Kind.Word && text.charCodeAt(tk.starts[0]!) === 64; /* @ */
      let head = firstIsCondition ? 1 : 0;
      while (firstIsCondition && head < count && tk.kinds[head] !== Kind.Comment && tk.starts[head] === tk.ends[head - 1]) head++;
      const gluedPrefix = head > 1;
      const end = tk.kinds[count - 1] === Kind.Comment ? count - 1 : count;
      const joinTarget = joinable;
      joinable = -1;
      const headKind = head < end ? tk.kinds[head]! : -1;
      const c0 = headKind === Kind.Word ? text.charCodeAt(tk.starts[head]!) : -1;

      if (head >= end) {
        // A comment line, or `@id` with nothing after it (keepalived drops it).
        if (head === 0 || gluedPrefix) fixedVerbatim(depth);
        else fixed(oneLine(), depth);
      } else if (c0 === 36 /* $ */ && DEFINITION_RE.test(slice(head))) {
        fixedVerbatim(depth);
        inDefinition = definitionContinues(text, tk);
        const nameStart = tk.starts[head]! + 1;
        const eq = text.indexOf('=', nameStart);
        const name = text.slice(nameStart, eq);
        const line = definitionValue(text, eq + 1, end > head ? tk.ends[end - 1]! : eq + 1, inDefinition);
        const previous = definitions.get(name);
        // An `@id` definition is read by some nodes only: where braces come with it (or went with the value it
        // replaces), the depth after a `$NAME` line depends on the node.
        noteValue(line);
        const def: Definition = {
          lines: [line],
          multiline: inDefinition,
          braceish: hasBraceOrDollar(line) || (firstIsCondition && previous?.braceish === true),
          hasBrace: hasBraceChar(line) || (firstIsCondition && previous?.hasBrace === true),
          conditional: firstIsCondition,
          uncertain: false,
        };
        if (def.braceish) braceDefinitions = true;
        definitions.set(name, def);
        openDefinition = inDefinition ? def : null;
      } else if (c0 === 126 /* ~ */ && /^~(SEQ|LST)/.test(slice(head))) {
        fixedVerbatim(depth);
        // The header's parentheses may hold `{A,B}` lists; only braces after it are structure.
        const headerEnd = seqHeaderEnd(text, tk.starts[head]!, lastEnd);
        let k = head + 1;
        while (k < end && headerEnd >= 0 && tk.starts[k]! < headerEnd) k++;
        const extra = applyBraces(k, end);
        if (extra >= 0) return error(extra, "extra '}': it closes no block");
      } else if (c0 === 105 /* i */ && head + 1 < end && INCLUDE_KEYWORDS.has(slice(head))) {
        fixedVerbatim(depth);
      } else if (braceDefinitions && head < end && (expansion = bracesAfterSubstitution(head, end)) !== null) {
        // A line whose `$NAME` brings braces (`$INST`, `$END`): kept whole, its depth and the depth after it as
        // keepalived reads them once it has substituted the line.
        if (expansion === 'uncertain') {
          const message = "the braces this line's '$NAME' stands for are not the same for every node or release (a definition on an '@id' line or going on past an empty or comment line, a reference ended by ',' or ')' or with parameters, or a value that refers to itself): kalint cannot tell how deep the lines after it are";
          return error(tk.starts[head]!, message);
        }
        const before = depth;
        const startsWithClose = expansion.startsWithClose;
        for (const k of expansion.braces) {
          if (k === Kind.LBrace) {
            openBraces.push(tk.starts[head]!);
            depth++;
          } else {
            if (depth === 0) return error(tk.starts[head]!, "extra '}' (in the text this line's '$NAME' stands for): it closes no block");
            openBraces.pop();
            depth--;
          }
        }
        const d = startsWithClose && before > 0 ? before - 1 : before;
        if (long) pushAsWritten(lastEnd);
        else push(indent(d) + text.slice(tk.starts[0], lastEnd), startsWithClose);
        lastOpens = expansion.braces.length > 0 && expansion.braces[expansion.braces.length - 1] === Kind.LBrace;
      } else if (long || escapedGap || firstIsCondition || tk.hasApostrophe || (tk.hasDollar && hasBrace(tk, end)) || (end >= 2 && hasBrace(tk, end) && isLoneBackslash(text, tk, end - 1)) || conditionAfterBrace(text, tk, end) || backslashBeforeBrace(text, tk, end)) {
        // (A lone `\` that ends a line with a brace stays on that line: keepalived glues it to the
        // token before it, and moving it to a line of its own would change what keepalived reads.)
        const before = depth;
        const extra = tk.escapedQuote ? applyBracesAsRead(tk.starts[head]!, lastEnd) : applyBraces(head, end);
        if (extra >= 0) return error(extra, "extra '}': it closes no block");
        const startsWithClose = headKind === Kind.RBrace;
        const d = startsWithClose ? before - 1 : before;
        const body = firstIsCondition && !gluedPrefix && !tk.hasApostrophe && !tk.hasDollar && !escapedGap ? oneLine() : text.slice(tk.starts[0], lastEnd);
        // An `@id` line rebuilt with a blank at each brace may outgrow keepalived's line buffer, which would then cut it.
        const outgrows = !long && body.length !== lastEnd - tk.starts[0]! && exceeds(indent(d) + body, 0, indent(d).length + body.length, limit);
        if (long || outgrows) pushAsWritten(lastEnd);
        else push(indent(d) + body, startsWithClose);
        lastOpens = tk.kinds[end - 1] === Kind.LBrace;
      } else if (headKind === Kind.RBrace && end === 1 && depth > 0 && isCanonical(indent(depth - 1), end)) {
        // Fast path: a `}` line already in the canonical layout is copied as it is.
        openBraces.pop();
        depth--;
        pushRef(tk.lineStart, lastEnd, true);
      } else if (headKind !== Kind.LBrace && headKind !== Kind.RBrace && isSimpleStatement(end) && isCanonical(indent(depth), end)) {
        // Fast path: `keyword args [{]` already in the canonical layout.
        const cur = pushRef(tk.lineStart, lastEnd, false);
        if (tk.kinds[end - 1] === Kind.LBrace) {
          openBraces.push(tk.starts[end - 1]!);
          depth++;
          lastOpens = true;
        } else if (end === count && !tk.hasDollar && !endsWithBackslash(text, tk, end)) joinable = cur;
      } else {
        // An ordinary line: one statement per line, split at braces.
        let cur = -1;
        for (let i = 0; i < count; ) {
          const k = tk.kinds[i]!;
          if (k === Kind.Word || k === Kind.String) {
            // A run of words is one statement: one line, single spaces, glued pieces kept glued.
            let j = i + 1;
            let plain = true;
            while (j < count && (tk.kinds[j] === Kind.Word || tk.kinds[j] === Kind.String)) {
              const gap = tk.starts[j]! - tk.ends[j - 1]!;
              if (gap > 1 || (gap === 1 && text.charCodeAt(tk.ends[j - 1]!) !== 32)) plain = false;
              j++;
            }
            const opens = j < count && tk.kinds[j] === Kind.LBrace;
            if (plain) {
              // The source already reads as the output (bar indentation): point at it.
              const spacedBrace = opens && tk.starts[j] === tk.ends[j - 1]! + 1 && text.charCodeAt(tk.ends[j - 1]!) === 32;
              cur = pushIndented(depth, tk.starts[i]!, spacedBrace ? tk.ends[j]! : tk.ends[j - 1]!, false);
              if (opens && !spacedBrace) lines[cur] = materialize(cur) + ' {';
            } else {
              let line = indent(depth) + slice(i);
              for (let m = i + 1; m < j; m++) line += (tk.starts[m] === tk.ends[m - 1] ? '' : ' ') + slice(m);
              cur = push(opens ? line + ' {' : line, false);
            }
            if (opens) {
              openBraces.push(tk.starts[j]!);
              depth++;
              lastOpens = true;
              j++;
            }
            i = j;
            continue;
          }
          if (k === Kind.LBrace) {
            if (i === 0 && joinTarget >= 0 && !exceeds(materialize(joinTarget), 0, materialize(joinTarget).length, limit - 2)) {
              // `{` alone at the start of a line joins the statement it opens.
              cur = joinTarget;
              lines[cur] = materialize(cur) + ' {';
              pendingBlank = -1;
              if (track) joins.set(ln, origins[cur]!);
            } else cur = push(indent(depth) + '{', false);
            openBraces.push(tk.starts[i]!);
            depth++;
            lastOpens = true;
          } else if (k === Kind.RBrace) {
            if (depth === 0) return error(tk.starts[i]!, "extra '}': it closes no block");
            openBraces.pop();
            depth--;
            cur = pushIndented(depth, tk.starts[i]!, tk.ends[i]!, true);
          } else {
            // A comment (always last): glued to a word when it was, else one space.
            const prev = tk.kinds[i - 1];
            const glued = tk.starts[i] === tk.ends[i - 1] && (prev === Kind.Word || prev === Kind.String);
            lines[cur] = materialize(cur) + (glued ? '' : ' ') + slice(i);
          }
          i++;
        }
        const lastKind = tk.kinds[count - 1];
        // A `$NAME` that ends its line expands to several lines when multi-line; a joined `{` would stop that.
        // A line ending in `\` is not joined to a `{` below it: `x \ {` escapes the blank instead.
        if ((lastKind === Kind.Word || lastKind === Kind.String) && !tk.hasDollar && !endsWithBackslash(text, tk, count)) joinable = cur;
      }
    }
    if (tk.eolLength === 0) break;
    pos = tk.next;
  }

  if (depth > 0) {
    const at = openBraces[openBraces.length - 1]!;
    return error(at, depth === 1 ? "'{' is never closed" : `'{' is never closed (${depth} blocks are left open at the end of the file)`);
  }

  // Deep indentation must not push a line past keepalived's line buffer: give up indentation first. A line that
  // does not fit even so is kept as written, byte for byte: lay the file out again with it.
  let unfit: number[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (ownEols.size > 0 && ownEols.has(i)) continue;
    let s = lines[i];
    if (s === null || s === undefined) {
      const d = refs[3 * i + 2]!;
      if (((d >= 0 ? indents[d]!.length : 0) + refs[3 * i + 1]! - refs[3 * i]!) * 3 <= limit) continue;
      s = materialize(i);
    }
    if (!exceeds(s, 0, s.length, limit)) continue;
    let over = utf8Length(s, 0, s.length) - limit;
    let cut = 0;
    while (over > 0 && (s.charCodeAt(cut) === 32 || s.charCodeAt(cut) === 9)) {
      cut++;
      over--;
    }
    if (over > 0) (unfit ??= []).push(i);
    else lines[i] = s.slice(cut);
  }
  if (unfit) {
    if (!track) return layout(text, options, true, asWritten);
    const more = new Set(asWritten);
    for (const i of unfit) more.add(origins[i]!);
    if (more.size > (asWritten?.size ?? 0)) return layout(text, options, track, more);
  }

  return { source: text, lines, refs, indents, origins, joins, lineStarts, eol, ownEols };
}

/** A `$NAME=` value as keepalived keeps it: a line each, without the continuing backslash and the blanks before it. */
interface Definition {
  lines: string[];
  multiline: boolean;
  /** Its value holds a brace or a `$` (it may bring braces to the lines that use it). */
  braceish: boolean;
  /** Its value itself holds a brace (on an `@id` line: or the value it replaces for the other nodes did). */
  hasBrace: boolean;
  /** Made on an `@id` line: only some nodes read it. */
  conditional: boolean;
  /** What it brings is not the same for every release (it goes on past an empty line). */
  uncertain: boolean;
}

/** The braces of a line after substitution (LBrace/RBrace kinds, in order), and whether the line starts with a `}`. */
interface Expansion {
  braces: Kind[];
  startsWithClose: boolean;
}

/**
 * Where keepalived's comment scan (lib/parser.c decomment) ends text[from, to): at a `#` or `!` outside quotes, where a
 * backslash takes the next character with it, so `\"` neither opens nor closes a quote; `to` when there is none.
 */
function commentStart(text: string, from: number, to: number): number {
  let quote = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quote = !quote;
    else if (c === 92) i++;
    else if (!quote && (c === 35 || c === 33)) return i;
  }
  return to;
}

/** Whether two runs of braces change the depth alike: the same net change, and as far down on the way. */
function sameDepthEffect(a: Kind[], b: Kind[]): boolean {
  const effect = (ks: Kind[]): [number, number] => {
    let d = 0;
    let min = 0;
    for (const k of ks) {
      d += k === Kind.LBrace ? 1 : -1;
      if (d < min) min = d;
    }
    return [d, min];
  };
  const [da, ma] = effect(a);
  const [db, mb] = effect(b);
  return da === db && ma === mb;
}

/** The value text of a definition line (or of a later line of one) from `from` to the end of its last word. */
function definitionValue(text: string, from: number, to: number, continues: boolean): string {
  while (from < to && (text.charCodeAt(from) === 32 || text.charCodeAt(from) === 9)) from++;
  if (continues && to > from && text.charCodeAt(to - 1) === 92) {
    to--;
    while (to > from && (text.charCodeAt(to - 1) === 32 || text.charCodeAt(to - 1) === 9)) to--;
  }
  return text.slice(from, to);
}

function hasBraceOrDollar(s: string): boolean {
  return /[{}$]/.test(s);
}

function hasBraceChar(s: string): boolean {
  return /[{}]/.test(s);
}

/**
 * A `$NAME` or `${NAME}` reference at `text[at]` (a `$`), as keepalived 2.2.7's find_definition reads one for a
 * definition of the file's own: a bare name ends at a blank, a tab or the end of the line (`sure`), or at ',' or
 * ')' (from 2.1.0 only: not `sure`); `${NAME}` with blanks or digits before the `}` is not `sure` either.
 */
function definitionReference(text: string, at: number): { name: string; length: number; atEnd: boolean; sure: boolean } | undefined {
  const head = referenceNameAt(text, at);
  if (!head) return undefined;
  const { name, braced } = head;
  const p = head.end;
  if (braced) {
    if (text.charCodeAt(p) === 125) return { name, length: p + 1 - at, atEnd: p + 1 === text.length, sure: true };
    let q = p;
    while (q < text.length && (text.charCodeAt(q) === 32 || (text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57))) q++;
    return text.charCodeAt(q) === 125 ? { name, length: q + 1 - at, atEnd: q + 1 === text.length, sure: false } : undefined;
  }
  if (p === text.length) return { name, length: p - at, atEnd: true, sure: true };
  const c = text.charCodeAt(p);
  if (c === 32 || c === 9) return { name, length: p - at, atEnd: false, sure: true };
  if (c === 44 || c === 41) return { name, length: p - at, atEnd: false, sure: false };
  return undefined;
}

/** Token i is a word that is just a backslash. */
function isLoneBackslash(text: string, tk: LineTokens, i: number): boolean {
  return tk.kinds[i] === Kind.Word && tk.ends[i]! - tk.starts[i]! === 1 && text.charCodeAt(tk.starts[i]!) === 92;
}

function hasBrace(tk: LineTokens, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const k = tk.kinds[i];
    if (k === Kind.LBrace || k === Kind.RBrace) return true;
  }
  return false;
}

/** The offset of the next vertical tab or form feed from `from`, or -1. */
function nextVerticalBlank(text: string, from: number): number {
  const vt = text.indexOf('\v', from);
  const ff = text.indexOf('\f', from);
  return vt < 0 ? ff : ff < 0 ? vt : Math.min(vt, ff);
}

/** Whether text[from, to) holds a `\` that escapes a tab, or a blank followed by another blank (`\  `). */
function escapedBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i >= 0 && i < to; i = text.indexOf('\\', i)) {
    const c = text.charCodeAt(i + 1);
    if (c === 92) {
      i += 2;
      continue;
    }
    if (c === 9 || (c === 32 && (text.charCodeAt(i + 2) === 32 || text.charCodeAt(i + 2) === 9))) return true;
    i++;
  }
  return false;
}

/** Whether text[from, to) holds spaces and tabs only. */
function onlyBlanksBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/**
 * A definition continues onto the next line when the line ends with a `\`: any after its last word,
 * a lone one at the end of its comment (keepalived keeps a comment's unpaired trailing backslash).
 */
function definitionContinues(text: string, tk: LineTokens): boolean {
  let end = tk.count;
  if (end > 0 && tk.kinds[end - 1] === Kind.Comment) {
    if (endsWithLoneBackslash(text, tk.ends[end - 1]!)) return true;
    end--;
  }
  if (end === 0) return false;
  // After a word, any backslash (`PASS \\` too): keepalived tests the last character only.
  return tk.kinds[end - 1] === Kind.Word && text.charCodeAt(tk.ends[end - 1]! - 1) === 92;
}

/**
 * `x { @id …`: keepalived reads what follows a brace as a new line, so an `@id` prefix, a ~SEQ or
 * an include there covers the rest of this one (an include's pattern runs to the end of the line).
 */
function conditionAfterBrace(text: string, tk: LineTokens, end: number): boolean {
  for (let i = 1; i < end; i++) {
    const prev = tk.kinds[i - 1];
    if ((prev !== Kind.LBrace && prev !== Kind.RBrace) || tk.kinds[i] !== Kind.Word) continue;
    const c = text.charCodeAt(tk.starts[i]!);
    if (c === 64 /* @ */ || c === 126 /* ~ */) return true;
    if (c === 105 /* i */ && i + 1 < end && INCLUDE_KEYWORDS.has(text.slice(tk.starts[i], tk.ends[i]))) return true;
  }
  return false;
}

/** Token `end - 1` is a word ending in a lone backslash (a continuation when it ends the line). */
function endsWithBackslash(text: string, tk: LineTokens, end: number): boolean {
  return end > 0 && tk.kinds[end - 1] === Kind.Word && endsWithLoneBackslash(text, tk.ends[end - 1]!);
}

/**
 * `x \ }`: the backslash escapes the blank after it. Splitting the line at the brace would end a
 * line with the backslash, which keepalived reads as a continuation (`x\`): keep such lines whole.
 */
function backslashBeforeBrace(text: string, tk: LineTokens, end: number): boolean {
  for (let i = 1; i < end; i++) {
    const k = tk.kinds[i];
    if ((k === Kind.LBrace || k === Kind.RBrace) && endsWithBackslash(text, tk, i)) return true;
  }
  return false;
}
