// The preprocessor: turns files into the stream of keyword lines and braces keepalived reads,
// following its read_line pipeline: conditional prefix, definitions, ~SEQ/~LST, substitution
// (then comments stripped again), include, brace splitting. Files are walked with an explicit
// stack so include chains and long files never recurse.

import { Kind, lex, lexLine, SourceText, Token, tokenValue, type TokenStore } from '../syntax/lexer.js';
import { classifyLine, conditionHolds, endsWithLoneBackslash, includePattern, blanksOnly, lastOnLine, INCLUDE_CHECK, INCLUDE_KEYWORD_CHECKS, INCLUDE_KEYWORDS, lineFeatures, parseCondition, referenceNameAt, seqHeaderEnd, type ClassifiedLine, type LineFeatures, LINE_FEATURES_SINCE } from '../syntax/lines.js';
import { positionAt } from '../syntax/parser.js';
import { decodeBytes, decodeUtf16, encodeText, isEscapedByte, utf16Evidence } from '../syntax/encoding.js';
import { showUnseen } from '../syntax/lookalikes.js';
import type { Position, Range } from '../syntax/cst.js';
import type { Diagnostic, Location, Severity } from '../diagnostics.js';
import { SourceWord, StoreWord, type Word } from './ast.js';
import { utf8Length } from './values.js';
import { dirname, expandBraces, globCounted, globOne, hasWildcard, isGlobPattern, join, type CountedGlob, type DirEntry } from './paths.js';
import { compareVersions, type Version } from '../schema/schema.js';
import { configLineUses, dollarlessDefinitionAt } from './dollarless.js';
import { appendAll } from '../arrays.js';

/** How the core reaches files. Adapters implement it (the CLI with fs, the server with open documents). */
export interface SourceHost {
  readFile(path: string): string | undefined;
  readDir(path: string): DirEntry[] | undefined;
  /** Whether the file has an execute bit: keepalived skips such a configuration file. Optional (false). */
  isExecutable?(path: string): boolean;
  /**
   * Whether something other than a regular file or a folder is there (a device such as /dev/null, a pipe, a socket):
   * keepalived skips it as a configuration file. Optional (false: a path readFile cannot read is missing).
   */
  isSpecialFile?(path: string): boolean;
  /**
   * An environment variable of the process keepalived would run as, for `${_ENV NAME}` (2.4.0+).
   * Optional: without it every variable reads as unset.
   */
  environment?(name: string): string | undefined;
  /**
   * The absolute form of a folder path as given: keepalived's `${_PWD}` is its working directory after
   * it changed into the configuration file's folder (getcwd), always absolute. Optional: without it a
   * relative folder stays as given.
   */
  absolutePath?(path: string): string;
}

/**
 * The host as the reader uses it: a method that throws or answers with the wrong type reads as "nothing there"
 * (undefined, false), so a faulty host costs its files, never the analysis ("nothing here throws").
 */
export function guardHost(host: SourceHost | undefined): SourceHost | undefined {
  if (!host) return undefined;
  const call = <T>(f: () => T, ok: (v: unknown) => boolean): T | undefined => {
    try {
      const v = f();
      return ok(v) ? v : undefined;
    } catch {
      return undefined;
    }
  };
  const isString = (v: unknown) => typeof v === 'string';
  // An optional method, looked up once: a getter that throws (a Proxy) is a host without it.
  const optional = <K extends 'isExecutable' | 'isSpecialFile' | 'environment' | 'absolutePath'>(name: K): SourceHost[K] | undefined =>
    call(() => host[name], (v) => typeof v === 'function');
  const isExecutable = optional('isExecutable');
  const isSpecialFile = optional('isSpecialFile');
  const environment = optional('environment');
  const absolutePath = optional('absolutePath');
  return {
    readFile: (p) => call(() => host.readFile(p), isString),
    // An entry that is no object with a string name (null, a number, a bare string) is not there, like a wrong answer.
    readDir: (p) => call(() => {
      const entries = host.readDir(p);
      return Array.isArray(entries) ? entries.filter((e: unknown) => typeof e === 'object' && e !== null && typeof (e as DirEntry).name === 'string') : entries;
    }, (v) => Array.isArray(v)),
    isExecutable: isExecutable && ((p) => call(() => isExecutable.call(host, p), (v) => typeof v === 'boolean') ?? false),
    isSpecialFile: isSpecialFile && ((p) => call(() => isSpecialFile.call(host, p), (v) => typeof v === 'boolean') ?? false),
    environment: environment && ((n) => call(() => environment.call(host, n), isString)),
    absolutePath: absolutePath && ((p) => call(() => absolutePath.call(host, p), isString) ?? p),
  };
}

export interface ReaderOptions {
  /** The config id `@id` lines are compared with (keepalived's -i, default: short host name). */
  configId: string;
  host?: SourceHost;
  /** Absolute include prefixes mapped to folders, e.g. {'/etc/keepalived': 'deploy/keepalived'}. */
  pathMappings?: Record<string, string>;
  /** How deep includes may nest before kalint stops following them. */
  maxIncludeDepth?: number;
  /** The keepalived release read as (default: any recent one; a `\\` ending a comment is read as 2.2.7 does), and how to name it. */
  target?: Version;
  targetLabel?: string;
  /**
   * Read as keepalived's parent process, whose messages `keepalived -t` prints, where it and the processes
   * reading its copy differ: a line of blanks or a comment alone inside a multi-line definition, which the
   * parent skips, reading the definition on (KA115).
   */
  parentReading?: boolean;
}

export interface LineSink {
  /** A line read verbatim: words and strings [from, to) of a file's token store (no braces, no comments). */
  tokens(store: TokenStore, from: number, to: number): void;
  /** A line whose words were produced by substitution or rewritten. */
  words(words: Word[], file: string): void;
  /** `counted` false: keepalived's brace count does not see it (see bracesBeforeCommentUncounted). */
  open(brace: Word, counted?: boolean): void;
  close(brace: Word, counted?: boolean): void;
  /** The keyword of the value block lines go to now (`virtual_ipaddress`…), if any. */
  valueBlock?(): string | undefined;
  /** Whether a keyword line here is read at the top level (by every process: the VRRP and checker ones report its unknown keywords). */
  atTopLevel?(): boolean;
  /** The block lines go to now, as an identity only (the same object while that block is open, the top level included). */
  currentBlock?(): object;
  /** The keyword of the block lines go to now (undefined at the top level). */
  blockKeyword?(): string | undefined;
  /** Whether lines go to a block keepalived skips unread (only its braces count). */
  skipping?(): boolean;
  /** A line of such a block, of which the reader hands on only the brace words (before 1.4.2): its words, for the processes reading it elsewhere. */
  skippedLine?(words: Word[]): void;
  /**
   * A brace word the reading of this line does not act on (before 1.4.2: `{` mid-line, what follows a
   * leading `}`) but which keepalived's processes that skip the enclosing block count.
   */
  countedBrace?(brace: Word, open: boolean, why?: string): void;
  /** Whether keepalived's parent process reads a keyword line here (the top level, global_defs), not a block only its other processes read. */
  parentReads?(): boolean;
  /** parentReads, or the parent reads this line at the top level because a lost '{' ended early a block it skips. */
  parentReadsLine?(): boolean;
  /**
   * Whether the parent's reading of this line's text is the one that counts (the top level but a line opening a
   * block only the other processes read, `first` its first word; global_defs and the value blocks in it).
   */
  parentReadsText?(first?: string): boolean;
  /**
   * Before INCLUDE_OWN_STREAM_BEFORE: an included file is read as a stream of its own, at the block the include
   * line is in. `begin` when its first line is read, `end` when the file ends (the blocks opened in it end there).
   */
  beginIncludedStream?(): void;
  endIncludedStream?(): void;
  /** The '}' that ended the included file's stream (a '}' at its outer level inside a block), once. */
  includedStreamEndedBy?(): Word | undefined;
  /** The rest of that file is read only by the processes that skip the top-level block by its braces. */
  ownerStopsReading?(stopped: boolean): void;
  /** The checks `include_check` in global_defs has set so far (INCLUDE_CHECK bits). */
  includeCheckFlags?(): number;
  /** An included file ended: keepalived puts back the checks its include line saw (an include_check inside it ends with it). */
  restoreIncludeCheckFlags?(flags: number): void;
}

export interface SourceFile {
  path: string;
  text: string;
  lex: TokenStore;
  /** Lines skipped because of a `@id` prefix for another config id (0-based). */
  inactiveLines: number[];
  /**
   * Lines a multi-line definition took in past a line the target skips there (0-based): an empty line for
   * 2.0.9 to 2.0.14, a comment line or a line of blanks for 2.1.4 to 2.1.x (see readDefinitionGap); after the end
   * of the included file it began in; or begun after a brace that starts its line, that line too. A scan for lines
   * ending in `\\` does not see them, the reader does.
   */
  definitionLinesOutOfSight?: number[];
  /**
   * Where keepalived cuts a long line it reads piece by piece (readLongLine): the offset each piece after the first
   * starts at, in order. Each piece is a line of its own, for its quotes too (see pieceEndAfter).
   */
  pieceCuts?: number[];
  /** Lines holding a NUL byte that the target drops whole (2.4.0 and later, see noteNulBytes; 0-based). */
  nulDroppedLines?: Set<number>;
  /** Which file included it, and where. */
  includedFrom?: { file: string; range: Range };
  /** Read more than once (included twice): an edit of its text changes every place that reads it. */
  readAgain?: boolean;
}

interface Definition {
  name: string;
  lines: string[];
  /**
   * A value line holds a '#' or '!' written escaped (`$OFF=\#`). From CONF_COPY_SINCE the processes that
   * read the parent's copy see it unescaped and cut the value there (see definitionLineText).
   */
  escapedComment?: boolean;
  /**
   * Still being read past a line the target skips inside a definition (see readDefinitionGap), or past the end of
   * the file it began in: its next lines are not found by looking up for a line ending in `\\`.
   */
  outOfSight?: boolean;
  file: string;
  start: number;
  end: number;
}

interface Frame {
  file: SourceFile;
  line: number;
  dir: string;
  pendingDefinition?: Definition;
  /** Offset of the next `$` at or after the current line in this file (text.length: none). */
  nextDollar: number;
  /** An included file read as a stream of its own (before INCLUDE_OWN_STREAM_BEFORE); `open` once begun, `ended` after a '}' ended it. */
  ownStream?: 'pending' | 'open' | 'ended';
  /** An included file: the include checks when its include line was read, which keepalived restores when the file ends. */
  includeChecksBefore?: number;
  /** An include line ended a definition for the processes reading the copy (KA115): the parent still takes this line into it. */
  parentDefinitionGoesOn?: boolean;
  /** How many times this read of the file included each path so far (see cyclesThatMultiply). */
  includedPaths?: Map<string, number>;
  /** An included file named by its include line without a '/': keepalived keeps no descriptor of a folder for it (USUAL_FD_LIMIT). */
  namedWithoutFolder?: boolean;
  /**
   * A file keepalived's VRRP and checker processes also open and read themselves (CONF_COPY_SINCE), through the
   * include line that is not plain at this place (KA114): the files it includes are read that way too.
   */
  readRaw?: { file: SourceFile; start: number; end: number };
}

/** A line that substitution produced; `continued`: a second or later line of a multi-line value. */
interface ExpandedLine {
  text: string;
  segments: Segment[];
  continued?: boolean;
  /** Not substituted yet: a later line of a multi-line value, substituted when it is read. */
  raw?: boolean;
  /** keepalived checked the line again after substituting (a `$` was left after the first pass). */
  rechecked?: boolean;
  /** The first line of what a substitution produced (what keepalived's line buffer holds after it). */
  substituted?: boolean;
}

interface Segment {
  outStart: number;
  outEnd: number;
  srcStart: number;
  srcEnd: number;
  verbatim: boolean;
}

/**
 * kalint's own bound on how deeply includes nest (keepalived has none): ten times the depth at which keepalived runs out
 * of file descriptors under the usual limit (see USUAL_FD_LIMIT), so that only a runaway chain meets it, and small enough
 * that reading to it stays quick (a chain of 10,000 files reads in about 3 s).
 */
const DEFAULT_MAX_INCLUDE_DEPTH = 10_000;
/**
 * keepalived has no bound on include depth (no depth constant in lib/parser.c, 1.3.5 to 2.4.3), but it keeps each file
 * of the chain it is reading open, and from 1.4.0 also a descriptor of the folder it left (open(".")) for each file named
 * with a '/' (it changes to the file's folder). A file it cannot open for want of descriptors it skips, with all it
 * includes ("Configuration file '…' open problem (Too many open files) - skipping"; an error only with include_check's
 * readable check). The usual limit is 1,024 (systemd's soft LimitNOFILE for services, and the shell's); keepalived raises
 * it only after reading the configuration. Besides the chain it holds a few descriptors: 6 in 2.2.x to 2.4.3 (-t and
 * the daemon's parent, measured with ulimit -n 1024: a chain of 1,017 files named without a folder under a main file
 * named with one is read, the 1,018th skipped; of 509 files named with folders, the 510th skipped), 5 in 2.0.19 and
 * 2.1.5 (one file deeper each way).
 */
const USUAL_FD_LIMIT = 1024;
const FOLDER_FD_SINCE: Version = [1, 4, 0];
const CONF_COPY_FD_SINCE: Version = [2, 2, 0];
/**
 * Bounds on what includes read in one reading, the same files again and again counted each time: files read through
 * include lines, and their lines. keepalived reads a file once per include path to it, so includes that branch and
 * meet again (two files each including both of the next two, level after level) read 2^depth files; kalint stops
 * following includes past these. Real configs stay far below (a glob of a few hundred files; the biggest expanded
 * config seen, ~240,000 lines, is one file).
 */
const MAX_INCLUDE_READS = 20_000;
const MAX_INCLUDED_LINES_TOTAL = 500_000;
/** A bound on rests of lines read afresh within rests (a definition whose value brings back its own reference after a brace). */
const MAX_RESIDUE_NESTING = 32;
/**
 * Whether keepalived's parent writes an empty line for this line (de-commented, leading blanks cut) into the copy
 * its other processes read: it starts with `include` or a variant and a blank (lib/parser.c's test, 2.2.0 to 2.4.3).
 */
function isCopyBlankedInclude(line: string): boolean {
  return /^include[rmwba]?[ \t\v\f\r]/.test(line);
}

/** `include` and its variants, tested without slicing the word. */
function isIncludeKeyword(text: string, start: number, end: number): boolean {
  const n = end - start;
  return n >= 7 && n <= 8 && text.startsWith('include', start) && INCLUDE_KEYWORDS.has(text.slice(start, end));
}

const TOKEN_KINDS: Record<string, number> = { word: Kind.Word, lbrace: Kind.LBrace, rbrace: Kind.RBrace, string: Kind.String, comment: Kind.Comment };

/** Whether two touching tokens are one word for a release before BRACES_SPLIT_SINCE: a brace and a word or another brace (a quote ends a word). */
function gluable(a: Token, b: Token): boolean {
  const ka = a.kind;
  const kb = b.kind;
  return (ka === 'lbrace' || ka === 'rbrace' || kb === 'lbrace' || kb === 'rbrace') && ka !== 'string' && kb !== 'string' && ka !== 'comment' && kb !== 'comment';
}

/** The first token in [from, to) that is a brace touching a word or a brace before or after it, or -1. */
function gluedBraceAt(kinds: ArrayLike<number>, starts: ArrayLike<number>, end: (i: number) => number, from: number, to: number): number {
  const glues = (k: number) => k === Kind.Word || k === Kind.LBrace || k === Kind.RBrace;
  for (let i = from; i < to; i++) {
    const k = kinds[i]!;
    if (k !== Kind.LBrace && k !== Kind.RBrace) continue;
    if (i > from && glues(kinds[i - 1]!) && end(i - 1) === starts[i]) return i;
    if (i + 1 < to && glues(kinds[i + 1]!) && end(i) === starts[i + 1]) return i;
  }
  return -1;
}

/**
 * Whether a release before BRACES_SPLIT_SINCE reads the brace words of tokens [from, to) (a line without its
 * comment) otherwise than later ones: a brace glued to something, a `{` neither alone nor last after a word, a
 * `}` not alone (those releases take a `}` only first on a line, and read nothing after it).
 */
function oldBraceLine(kinds: ArrayLike<number>, starts: ArrayLike<number>, end: (i: number) => number, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const k = kinds[i]!;
    if (k === Kind.RBrace && to - from > 1) return true;
    if (k === Kind.LBrace && to - from > 1 && (i === from || i < to - 1)) return true;
  }
  return gluedBraceAt(kinds, starts, end, from, to) >= 0;
}

/** Value lists whose handler before 1.4.2 reads the words of every line, their keyword's too, up to a `}` word (read_value_block; the others use alloc_value_block, which reads whole lines below the keyword's). */
export const READS_VALUE_WORDS = new Set(['notification_email', 'group', 'interfaces']);

/** `@` (conditional), `$` (definition), `~` (sequence): first characters that need classifyLine (compared, not looked up: asked once per line). */
function specialFirstChar(c: number): boolean {
  return c === 64 || c === 36 || c === 126;
}

/**
 * Offset of the lone `\\` that ends a comment token text[start, end) (keepalived pairs each
 * backslash with the character after it, so only an odd run at the end continues), or -1. Not
 * after a NUL byte (the lexer starts a comment there): keepalived measures the line with strlen,
 * so nothing after the NUL exists for it, a backslash neither.
 */
function commentTrailingBackslash(text: string, start: number, end: number): number {
  if (hasNulIn(text, start, end)) return -1;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return end > start && text.charCodeAt(end - 1) === 92 && endsWithLoneBackslash(text, end) ? end - 1 : -1;
}
/** Whether text[start, end) holds a NUL byte (a loop over the range: indexOf would search on to the end of the text). */
function hasNulIn(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 0) return true;
  return false;
}

/**
 * From this release keepalived cuts a comment before it looks for a continuation `\\` (its commit "improve
 * handling of comment stripping and continuation lines"): `word # note \\` is `word`, and a definition line
 * ending so does not go on. Before it the `\\` survived the comment.
 */
export const COMMENT_CUTS_BACKSLASH_SINCE: Version = [2, 4, 0];
/** From this release (fd4fe0d7) a backslash before '#' or '!' keeps it from starting a comment, and the comment pass takes the backslash off. */
const ESCAPED_COMMENT_SINCE: Version = [2, 0, 9];
/** keepalived counts braces from 2.0.8 on ("Extra '}' found"; the walker's MISSING_BRACE_CHECK_SINCE). */
const BRACES_COUNTED_SINCE: Version = [2, 0, 8];

/** Whether the token after token `i` is a comment on the same line (only blanks between). */
function commentFollowsOnLine(store: TokenStore, i: number): boolean {
  if (i + 1 >= store.count || store.kinds[i + 1] !== Kind.Comment) return false;
  const text = store.src.text;
  for (let at = store.end(i); at < store.starts[i + 1]!; at++) if (text.charCodeAt(at) === 10) return false;
  return true;
}
/**
 * From ESCAPED_COMMENT_SINCE (fd4fe0d7) until this release (cf36ff2a) keepalived skips an empty line before it
 * looks at a multi-line definition, so the definition goes on past it (2.0.10: `$X= \` then an empty line takes
 * in the line after); before and after, an empty line ends the definition.
 */
const EMPTY_LINE_ENDS_DEFINITION_AGAIN_SINCE: Version = [2, 0, 15];
/**
 * From this release (3fc6126e) keepalived skips a line that de-commenting leaves empty (a comment line, a line of
 * blanks) inside a multi-line definition, which goes on with the next line; before it such a line ends the
 * definition. From CONF_COPY_SINCE only the parent skips it (KA115).
 */
const DECOMMENTED_EMPTY_LINE_SKIPPED_SINCE: Version = [2, 1, 4];
/**
 * Before this release (fb9aaad7) keepalived reads every line of the multi-line values it is expanding before the
 * rows of a ~SEQ line one of them holds: the rows come after the value ends (2.0.10: a `~SEQ(...) $RS` line inside
 * a virtual_server's multi-line value adds its real servers after the virtual_server's closing brace, at the top
 * level: "Unknown keyword 'real_server'").
 */
const SEQ_IN_MULTILINE_VALUE_SINCE: Version = [2, 0, 15];
/**
 * From this release the VRRP and checker processes read a de-commented copy the parent writes, where a
 * line starting with '#' opens an included file and one starting with '!' closes it (lib/parser.c, read_conf_copy).
 */
export const CONF_COPY_SINCE: Version = [2, 2, 0];

/**
 * Before 2.1.4 (3fc6126e, which put included files on a stack of open files) keepalived reads an included file
 * with a parser loop of its own, started at the block the include line is in: the blocks opened in the file end
 * with it (the 2.0.19 build reads a vrrp_instance of the next included file at the top level after one left
 * open), and a '}' at the file's outer level ends the reading of the file, not the block around the include line.
 */
const INCLUDE_OWN_STREAM_BEFORE: Version = [2, 1, 4];
/**
 * From this release keepalived strips comments from a line again after substituting into it (efbc0cd5): before
 * it, `$OFF priority 300` with OFF='\#' reads the keyword '#' (the 2.0.19 build: "Unknown keyword '#'").
 */
const SUBSTITUTED_LINE_DECOMMENTED_SINCE: Version = [2, 1, 4];
// That pass also reports a quote the substituted line leaves open ("Unterminated quote"), before keepalived looks at the
// line's `@id` prefix or `$NAME=` again: also on a line it then drops for another id, or reads as a definition.
/** What an unmatched `\!` line leads to (KA116), and the words once a `\#` line after it may keep keepalived from crashing. */
const CRASH_AFTER_BANG = '2.2.7 -t crashes (segmentation fault) once it reads on to the end of the file';
const CRASH_AFTER_BANG_UNCERTAIN = "2.2.7 -t crashes (segmentation fault) as it reads on, unless, as may happen here, the '\\#' line after it reuses that memory (then keepalived -t does not report it)";
/** What the owning process makes of a brace on a `\#` line (KA104's words, see reportEscapedCommentLine). */
const ESCAPED_BRACE_WHY = "never sees (it is on a line starting '\\#' or '\\!', which keepalived's parent reads as words and braces but hands the VRRP and checker processes as a marker line, KA116)";
const MAX_SUBSTITUTION_PASSES = 64;
/** A later line of a multi-line value that is a ~SEQ/~LST line behind an `@id` or `@^id` prefix. */
const PREFIXED_SEQ = /^([ \t]*@(\^?)(\S+))[ \t]+~(?:SEQ|LST)/;
/** The `@id` / `@^id` word a line starts with as written. */
const WRITTEN_PREFIX = /^[ \t]*(@\S+)/;
/** A line keepalived reads as a ~SEQ/~LST line. */
const SEQ_START = /^[ \t]*~(?:SEQ|LST)/;
/** How deep kalint follows keepalived into values holding references (keepalived goes on to its line limit). */
const MAX_VALUE_RESCANS = 8;
/**
 * A `$NAME` or `${NAME}` reference. A bare `$NAME` ends at a blank, ',' or ')' or the end (lib/parser.c
 * find_definition): not at a CR, '\f' or '\v'. One global regex per depth of substituteOnce (a value is
 * read again inside the loop over its line's references): made once, not for each of the ~500k calls
 * that a ~SEQ-heavy config makes.
 */
const REFERENCES: RegExp[] = Array.from({ length: MAX_VALUE_RESCANS + 1 }, () => /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)((?:\s[^}]*)?)\}|([A-Za-z_][A-Za-z0-9_]*)(?=$|[ \t,)]))/g);
/**
 * Before 2.1.0 (where ~SEQ/~LST brought them) ',' and ')' end no bare reference: only a blank, a tab or the end do
 * (the 2.0.19 build: "VRRP parsed invalid IP $N," where 2.1.5 reads the definition's value).
 */
const REFERENCE_ENDS_AT_COMMA_SINCE: Version = [2, 1, 0];
const REFERENCES_BEFORE_2_1: RegExp[] = Array.from({ length: MAX_VALUE_RESCANS + 1 }, () => /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)((?:\s[^}]*)?)\}|([A-Za-z_][A-Za-z0-9_]*)(?=$|[ \t]))/g);
/** Multi-line definitions whose lines use multi-line definitions: how deep kalint follows. */
const MAX_MULTILINE_NESTING = 16;
/** How deep ~SEQ/~LST rows may expand into further ~SEQ/~LST lines. */
const MAX_SEQ_NESTING = 16;
/** How many lines all ~SEQ/~LST lines of one analysis may produce together. */
const MAX_SEQ_ROWS_PER_RUN = 200000;
/**
 * ~LST, ~SEQx and `${VAR}` in a ~SEQ row came in 2.1.0 (built from their tags, 2.0.9 and 2.0.19 print
 * "Unknown keyword '~LST(n,1,2)'", "Invalid ~SEQ specification '~SEQx(…'", and for `${n}` split
 * the line at its braces: "Unexpected '{' - ignoring", "Unknown keyword 'n'", the '}' closing the
 * block around the line); so did ~SEQ in a value block ("VRRP parsed invalid IP ~SEQ(n,1,2). skipping IP...").
 */
const SEQ_FEATURES_SINCE: Version = [2, 1, 0];
/**
 * 2.1.0 to 2.1.5 fill a ~LST set of values shorter than the variables with empty values and then lose them
 * (db28d6d4, in 2.2.0, adds them to the set): the 2.1.5 build dies of SIGSEGV under -t on `~LST({A,B},{1}) …`
 * before it prints anything; 2.2.4 and 2.2.7 read the missing values as empty. Found by fuzzing 2.1.5 (seed 491).
 */
const SHORT_LST_SET_CRASHES: [Version, Version] = [
  [2, 1, 0],
  [2, 2, 0],
];
/**
 * Before 2.1.4 keepalived loops forever on a line where `$A` (A defined) is followed at once by a
 * reference to an empty definition (`$A$B`, `$A${B}`): 2.0.9, 2.0.19, 2.1.0 and 2.1.3 built from their
 * tags hang under -t on `router_id $V$V` after `$V=`; 2.1.4 reads it.
 */
const EMPTY_AFTER_REFERENCE_HANG_BEFORE: Version = [2, 1, 4];
/**
 * `${_RANDOM MIN MAX}` draws `random() % (MAX - MIN + 1) + MIN` in unsigned longs (MAX 32767 when
 * only MIN is given). Before 2.4.0 a MIN one above MAX divides by zero: 2.2.7, 2.2.8 and 2.3.1 die
 * of SIGFPE under -t (exit 136) on `${_RANDOM 32768}`; a larger MIN gives a number from MIN up cut
 * to MAX's digit count. 2.4.0 (commit b2f3b1d5) reports reversed bounds and uses MIN (2.4.3:
 * "${_RANDOM}: min 1 exceeds max 0, using 1").
 */
const RANDOM_BOUNDS_CHECKED_SINCE: Version = [2, 4, 0];
/** The largest unsigned long: keepalived's strtoul stops there. */
const ULONG_MAX = (1n << 64n) - 1n;
/**
 * Before 2.4.0 keepalived moves the rest of the line wrongly after `${_RANDOM MIN MAX}` when more
 * text follows and the number is shorter than the reference; 2.4.0 fixed it (commit ecba713f: the
 * 2.4.3 build reads `router_id lb${_RANDOM 1 9}-node` as one word, 2.2.7 to 2.3.1 report "-node").
 */
const PARAM_REFERENCE_SHIFT_FIXED_IN: Version = [2, 4, 0];
/**
 * `${_ENV NAME}` reads an environment variable from 2.4.0 on (commit 8db158e8; unset reads as
 * nothing). It takes exactly one parameter; without one (`${_ENV}`, `$_ENV`) keepalived reads a
 * name from a null pointer: the 2.4.3 build exits 139, also under -t.
 */
const ENV_DEFINITION_SINCE: Version = [2, 4, 0];
/**
 * The releases that brought each predefined definition (keepalived's lib/parser.c: _PWD 0cc255b1, _INSTANCE c9383788,
 * _RANDOM 3d1d068b, _HASH and _BANG efbc0cd5). Before it, `${_HASH}` names nothing: the 2.0.19 build leaves it as
 * written and splits it at its braces ("Unknown keyword '$'", "Unexpected '{'").
 */
const PREDEFINED_SINCE: ReadonlyMap<string, Version> = new Map<string, Version>([
  ['_PWD', [1, 4, 3]],
  ['_INSTANCE', [2, 0, 1]],
  ['_RANDOM', [2, 0, 15]],
  ['_HASH', [2, 1, 4]],
  ['_BANG', [2, 1, 4]],
]);
/** Parameters as keepalived 2.4 accepts them: words of letters, digits and '_', not ending in a blank. */
const DEFINITION_PARAMETERS = /^[ \t]+[A-Za-z0-9_]+(?:[ \t]+[A-Za-z0-9_]+)*$/;
/**
 * What keepalived does with a line that a substitution makes start with `@id` (`$M priority 150`
 * after `$M=@lb1`), checked with builds of 2.0.7 to 2.4.3 and the 2.2.7 package:
 * - before 2.1.4 it loops forever (2.0.7, 2.0.9, 2.0.14, 2.0.19, 2.1.0 and 2.1.3 hang under -t, whatever the id);
 * - 2.1.4 to 2.2.7 strip the prefix with the line's length from before the substitution (commit
 *   1ffad9a8 fixed it in 2.2.8): a longer line keeps stale bytes (`$M priority 150` reads
 *   "invalid number '15ty'"), a line just one byte shorter than the prefix is left as it is
 *   ("Unknown keyword '@lb1'") and a still shorter one corrupts memory (`$M` alone: "double free or
 *   corruption", exit 134);
 * - 2.2.8 to 2.3.x read it right;
 * - from 2.4.0 a substituted line is not checked again (commit 67333835): an `@id` there is read as a
 *   keyword ("Unknown keyword '@lb1'", whatever -i says), and so are a `$NAME=` definition and a `~SEQ` line.
 */
const SUBSTITUTED_CONDITION_HANGS_BEFORE: Version = [2, 1, 4];
const SUBSTITUTED_CONDITION_STALE_LENGTH_FIXED_IN: Version = [2, 2, 8];
const SUBSTITUTED_LINE_NOT_RECHECKED_SINCE: Version = [2, 4, 0];
/** From 2.0.7 keepalived's messages carry the line number (`(Line N)`). */
const LINE_NUMBERS_IN_MESSAGES_SINCE: Version = [2, 0, 7];
/** Blanks keepalived reads in `${NAME   }` as an empty parameter list: spaces only (a tab ends the name). */
const SPACES_ONLY = /^ +$/;
/**
 * How many lines one line may expand into, and all lines of a reading together: bounds for definitions
 * that grow without end. keepalived's own test configs expand one line into ~25,000 (250 ids, two
 * families, a block of instances each), which 10,000 cut short, and a whole file into ~240,000 (300
 * virtual servers of 100 real servers each, realc 0560.conf).
 */
const MAX_EXPANDED_LINES = 50_000;
const MAX_EXPANDED_LINES_TOTAL = 1_000_000;
/** keepalived's line buffer (MAXBUF): a substitution that would make the line this long or longer is not made. */
const LINE_BUFFER_SIZE = 1024;
/** How many single replacements kalint makes when it follows a line that grows without end to the buffer's end. */
const MAX_RUNAWAY_STEPS = 4096;

/**
 * What a definition reference at `text[at]` (a '$') is, read as keepalived's find_definition reads it:
 * `${NAME}` (with `${NAME 1 2}` parameters: spaces and digits, not ending in a space), or `$NAME`
 * ended by a blank, ',', ')' or the end of the line.
 */
function referenceAt(text: string, at: number): { name: string; length: number; params: boolean; atEnd: boolean } | undefined {
  const head = referenceNameAt(text, at);
  if (!head) return undefined;
  const { name, braced } = head;
  let p = head.end;
  const nameStart = p - name.length;
  let params = false;
  if (braced) {
    let lastDigit = -1;
    while (p < text.length && (text[p] === ' ' || (text.charCodeAt(p) >= 48 && text.charCodeAt(p) <= 57))) {
      if (text[p] !== ' ') {
        params = true;
        lastDigit = p;
      }
      p++;
    }
    if (params && lastDigit + 1 !== p) return undefined;
    if (text[p] !== '}') return undefined;
    p++;
    // Without parameters keepalived replaces as many characters as `${NAME}` has, whatever spaces precede the '}'.
    if (!params) p = nameStart + name.length + 1;
  } else if (p < text.length && !' \t,)'.includes(text[p]!)) {
    return undefined;
  }
  return { name, length: p - at, params, atEnd: p === text.length };
}

/**
 * A line whose definitions refer to themselves and lengthen it each time (`label ${IF}` after
 * `$IF=${IF}}`), substituted as keepalived 2.2.7's replace_param does: after each replacement it looks
 * for the next '$' from where the value starts, so such a value is replaced again and again in one
 * pass until the next replacement would not fit its 1024-byte buffer; it then stops, logs that (at a
 * level -t does not print), skips stripping comments again, and reads the line as it is
 * (`label $`, `{`, `IF`, then one '}' per replacement: "Extra '}' found" for each). `value` gives a
 * one-line definition's value, or undefined when keepalived would not replace the name. Undefined when
 * the line does not grow to the buffer's end in kalint's budget or meets what this does not follow (a
 * multi-line value, parameters, a value starting with '~', a line that becomes an `@id`, `~SEQ` or
 * `$NAME=` line).
 */
export function runawaySubstitution(text: string, value: (name: string, atEnd: boolean) => string | 'unfollowed' | undefined): { text: string; firstReference: number } | undefined {
  let buf = text;
  let firstReference = -1;
  let steps = 0;
  for (;;) {
    let found = false;
    let cur = buf.indexOf('$');
    while (cur >= 0 && cur + 1 < buf.length) {
      const ref = referenceAt(buf, cur);
      const v = ref && !ref.params ? value(ref.name, ref.atEnd) : undefined;
      if (ref?.params || v === 'unfollowed') return undefined;
      if (v === undefined) {
        cur = buf.indexOf('$', cur + 1);
        continue;
      }
      found = true;
      if (firstReference < 0) firstReference = cur;
      if (buf.length + v.length - ref!.length >= LINE_BUFFER_SIZE) return { text: buf, firstReference };
      if (++steps > MAX_RUNAWAY_STEPS || /^[ \t]*~/.test(v)) return undefined;
      buf = buf.slice(0, cur) + v + buf.slice(cur + ref!.length);
      cur = buf.indexOf('$', cur);
    }
    if (!found) return undefined;
    // A pass that ended with the line still fitting: keepalived strips comments and looks again while a '$' is left.
    const cut = commentStartIn(buf);
    if (cut >= 0) buf = buf.slice(0, cut);
    if (!buf.includes('$') || /^(?:@|[ \t]*~|[ \t]*\$[A-Za-z_][A-Za-z0-9_]*=)/.test(buf)) return undefined;
  }
}
/** keepalived reads lines into a 1024-byte buffer: 1022 characters plus newline and NUL. */
export const MAX_LINE_LENGTH = 1022;
/**
 * The longest line substitution may make, leading blanks not counted (keepalived has taken them off): it stops at a
 * reference whose value would take the line to its 1024-byte buffer (the 2.0.19, 2.1.5, 2.2.7 and 2.4.3 builds expand
 * `router_id ${A} x` to 1023 characters and stop at 1024, with four blanks before it to 1027 and 1028).
 */
export const SUBSTITUTED_LINE_MAX = 1023;
/** What one fgets into keepalived's 1024-byte line buffer takes from a longer line. */
const LINE_CHUNK_BYTES = 1023;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
/** From 2.4.0 keepalived drops the full pieces of a long line instead of reading each (lib/parser.c, bisected). */
const LONG_LINE_DROPPED_SINCE: Version = [2, 4, 0];
/** From 2.4.0 keepalived drops a line holding a NUL byte (f220eaa8) instead of reading it up to the NUL. */
const NUL_LINE_DROPPED_SINCE: Version = [2, 4, 0];

/**
 * keepalived 2.1.4 (from 3fc6126e, "include on any line") reads the first line of an included file a second time
 * after the file ends, when that line opens a block: the block is opened again in the including file, whose next
 * lines are read inside it (the 2.1.4 build: "Missing '{' at beginning of configuration block", "Unknown keyword
 * 'vrrp_instance'", "Extra '}' found", exit 4; a segmentation fault for a virtual_ipaddress block included inside a
 * vrrp_instance). Fixed in 2.1.5 (39af5f75); 2.1.3 reads such files once.
 */
const INCLUDE_FIRST_LINE_REREAD_FROM: Version = [2, 1, 4];
const INCLUDE_FIRST_LINE_REREAD_FIXED_IN: Version = [2, 1, 5];
/**
 * 2.1.4 (the same rework, 3fc6126e) takes `include` as an include only when a space follows it; fixed in 2.1.5
 * (b8f37cb3). The 2.1.4 build on `include<TAB>FILE`: "Unknown keyword 'include'", and the file is not read.
 */
const INCLUDE_NEEDS_SPACE_FROM: Version = INCLUDE_FIRST_LINE_REREAD_FROM;
const INCLUDE_NEEDS_SPACE_FIXED_IN: Version = INCLUDE_FIRST_LINE_REREAD_FIXED_IN;
/**
 * Include patterns expand `{a,b}` from 1.3.8 (7058795d, GLOB_BRACE); before, the braces are part of the name.
 * Before 1.3.8 a pattern that matches nothing also stops keepalived (17686eec made it go on): the 1.3.5
 * build logs "Unable to find config file(s) 'inc/{a,b}.conf'." and exits, starting nothing.
 */
const BRACE_INCLUDES_SINCE: Version = [1, 3, 8];
/**
 * From 2.0.9 a lone `\` ending a line joins the word before it (`virtual_router_id 51 \` reads "invalid number
 * '51\'" in the 2.0.9 build, nothing in 2.0.8); before, it is a word of its own (1.3.5: "Unknown keyword
 * '$real_server='" for `$real_server= \`).
 */
const LONE_BACKSLASH_GLUED_SINCE: Version = LINE_FEATURES_SINCE.gluedBackslash;
const MISSING_INCLUDE_EXITS_BEFORE: Version = BRACE_INCLUDES_SINCE;
/**
 * From 2.2.0 an include error that a check (include_check, includem…) makes an error marks the
 * configuration as failed: the main process reads it all, then exits with status 6 before any other
 * process reads it (keepalived/core/main.c, had_config_file_error; checked with 2.2.7, -t and daemon).
 */
const INCLUDE_ERROR_REFUSES_SINCE: Version = [2, 2, 0];
/**
 * From 2.2.0 (73120d9e) keepalived hands glob(3) hooks that count the folders it cannot open and the names it cannot
 * find: a pattern with such a miss is "Config files missing" (or "Some config files missing" beside matches), where
 * before only "No config files matched" was logged, which -t does not print (see globCounted).
 */
const GLOB_MISSES_COUNTED_SINCE: Version = [2, 2, 0];
/**
 * From 1.4.2 (5332be8c) keepalived splits `{` and `}` from the words they touch. Before it (1.3.5, 1.4.0 and 1.4.1
 * read alike: lib/parser.c, alloc_strvec) a line is split at blanks and quotes only, so `TCP_CHECK{`, `eth0}` and
 * `}}` are single words; see `emitOldBraceLine`.
 */
export const BRACES_SPLIT_SINCE: Version = [1, 4, 2];

export class Reader {
  readonly files = new Map<string, SourceFile>();
  readonly diagnostics: Diagnostic[] = [];
  readonly definitions = new Map<string, Definition>();
  /** Names of definitions referenced at least once. */
  readonly usedDefinitions = new Set<string>();
  /** See Analysis.inferredPathMappings: filled by mappingHint. */
  readonly inferredPathMappings = new Map<string, string>();
  /** See Analysis.localWorkingDirectories: filled by workingDirectory. */
  readonly localWorkingDirectories = new Set<string>();
  /**
   * A '\#' or '\!' line inside a multi-line definition: the parent reads it as the definition's last line, the
   * processes reading its copy skip it and take the next line into the value, so the parent expands the
   * definitions otherwise (see analyze: a loop only its reading has is keepalived's too).
   */
  parentDefinesOtherwise = false;
  /** How deep rests of substituted lines after a brace are being read as lines of their own (see emitTokens). */
  private residueNesting = 0;
  /** `${NAME}` references, outside double quotes, that named no definition when read (KA109). */
  /**
   * References to nothing; `newer` marks `${_ENV …}` read by a release before ENV_DEFINITION_SINCE, `predefinedSince`
   * a predefined name (`${_HASH}`) read by a release before the one that brought it.
   */
  /** For each file, the most times one read of it included each path (include lines, ~SEQ rows and glob matches alike). */
  private readonly includeFanout = new Map<string, Map<string, number>>();
  /** The KA111 findings of include lines that close a cycle, with the file each line is in. */
  private readonly cycleReports: { diagnostic: Diagnostic; from: string }[] = [];
  /** The include lines (file, offset) and the files on the stack they closed a cycle to: each reported once. */
  private readonly cyclesReported = new Set<string>();
  /** The files whose vrrp_instances an include cycle has reported as read again (KA111). */
  private readonly instancesReadAgainReported = new Set<string>();
  /** includeFanout changed since multiplyingFiles was worked out. */
  private fanoutChanged = false;
  /** Inclusions noted (noteIncluded), edges of includeFanout, and inclusions noted when multiplyingFiles was worked out. */
  private inclusionsNoted = 0;
  private fanoutEdges = 0;
  private notedAtLastWorkOut = -Infinity;
  /** The files of the include cycles known so far to multiply (see cyclesThatMultiply), worked out when needed. */
  private multiplyingFiles = new Set<string>();
  /** Files read through include lines so far, and their lines, against MAX_INCLUDE_READS and MAX_INCLUDED_LINES_TOTAL. */
  private includeReads = 0;
  private includedLines = 0;
  /** The included files whose reading has begun, each with its latest reading. */
  private readonly startedReading = new Map<string, SourceFile>();
  /** Past one of those bounds: no more includes are followed (said once). */
  private includesStopped = false;
  /** kalint's bound on include depth was met and said (KA112): once. */
  private depthStopReported = false;
  /** Where each file a plain include line read was first included (a second include of it reads it again). */
  private readonly firstIncluded = new Map<string, { file: string; line: number; pattern: string; block: object | undefined }[]>();
  private undefinedRefs: { name: string; braced: boolean; shell?: string; foreign?: string; newer?: boolean; predefinedSince?: Version; written?: string; unsubstituted?: boolean; gluedTo?: string; inInclude?: boolean; file: SourceFile; start: number; end: number }[] = [];
  private stack: Frame[] = [];
  /** Lines produced by ~SEQ/~LST so far, against MAX_SEQ_ROWS_PER_RUN. */
  private seqRows = 0;
  /** Later lines of multi-line values read for the current line, and how deeply they are being expanded now. */
  private expandedLines = 0;
  /** Lines of multi-line values read in this reading, over all lines (MAX_EXPANDED_LINES_TOTAL). */
  private expandedLinesTotal = 0;
  /** A limit was reached while expanding the current outermost line: the rest of it is not read. */
  private expansionStopped = false;
  private rawNesting = 0;
  /**
   * While a ~SEQ/~LST line's rows are read: the directory keepalived resolves a row's relative include
   * in. keepalived reads the next row before the file the previous row included, after moving into
   * that file's directory.
   */
  private seqIncludeDir: string | undefined;
  /** Whether a `\\` ending a comment continues the line (releases before COMMENT_CUTS_BACKSLASH_SINCE). */
  private readonly commentBackslash: boolean;
  /** What the target reads at the start of a line, when it lacks something recent releases read there (lines.ts). */
  private readonly features: LineFeatures | undefined;
  /** Whether the target substitutes `$NAME` references (1.4.0 on): without, a `$` is just a character. */
  private readonly substitutes: boolean;
  /** An include line's pattern is being substituted (its braces split nothing). */
  private substitutingIncludePattern = false;
  /** Whether ',' and ')' end a bare `$NAME` (REFERENCE_ENDS_AT_COMMA_SINCE). */
  private readonly referenceEndsAtComma: boolean;
  /** Whether include patterns expand `{a,b}` (GLOB_BRACE, 1.3.8 on). */
  private readonly braceIncludes: boolean;
  /** Whether a lone trailing `\` joins the word before it (LONE_BACKSLASH_GLUED_SINCE). */
  private readonly gluesLoneBackslash: boolean;
  /** Whether a backslash keeps '#'/'!' from starting a comment (ESCAPED_COMMENT_SINCE). */
  private readonly readsEscapedComments: boolean;
  /** Whether the VRRP and checker processes read the parent's de-commented copy (CONF_COPY_SINCE). */
  private readonly readsConfCopy: boolean;
  /** Whether a '#' or '!' a substitution produced is a character, not a comment (ESCAPED_COMMENT_SINCE to SUBSTITUTED_LINE_DECOMMENTED_SINCE). */
  private readonly keepsSubstitutedComment: boolean;
  /** Whether an empty line leaves a multi-line definition going on (ESCAPED_COMMENT_SINCE to EMPTY_LINE_ENDS_DEFINITION_AGAIN_SINCE). */
  private readonly skipsEmptyLineInDefinition: boolean;
  /** Whether a comment line or a line of blanks leaves a multi-line definition going on for every process (DECOMMENTED_EMPTY_LINE_SKIPPED_SINCE to CONF_COPY_SINCE). */
  private readonly skipsDecommentedLineInDefinition: boolean;
  /** Whether ~SEQ rows wait until the multi-line values being read end (before SEQ_IN_MULTILINE_VALUE_SINCE). */
  private readonly seqsWaitForMultiline: boolean;
  /** ~SEQ lines read from a multi-line value, waiting for it to end; the last one runs first (keepalived's list of sequences is a stack). */
  private deferredSeqs: (() => void)[] = [];
  /** Lines handed to the walker from substituted text (emitTokens): tells whether lines came between a deferred ~SEQ line and its rows. */
  private linesEmitted = 0;
  /** ~SEQ/~LST lines being expanded, one inside the other (see expandSeq). */
  private seqNesting = 0;
  private seqRunaway = false;
  /** The ~SEQ/~LST lines being expanded, outermost first (a line among them again is one that makes itself). */
  private seqLines: string[] = [];
  /** Lines starting `\#` read so far less those starting `\!`: the included files keepalived's copy seems to open (KA116). */
  private escapedOpens = 0;
  /** KA116 findings that predict a crash after an unmatched '\!' line, until a '\#' line after them makes it uncertain. */
  private crashPredictions: Diagnostic[] = [];
  /** Multi-line definitions already reported for defining themselves again in their value (KA113). */
  private readonly redefinedInValue = new Set<Definition>();
  /** Whether a brace touching a word is part of it (releases before BRACES_SPLIT_SINCE). */
  private readonly gluesBraces: boolean;
  /**
   * 2.0.8 counts a brace only when its line, cut at the brace, is the brace alone; it cuts comments later
   * (fd4fe0d7, 2.0.9, cuts them first). So a brace with a comment after it on its line (`global_defs { # note`,
   * `} # end`) opens or ends its block uncounted: the '}' of such a block is "Extra '}' found" (the 2.0.8 build).
   */
  private readonly bracesBeforeCommentUncounted: boolean;
  /** From 2.4.0 keepalived drops each full piece of a long line ("line too long - ignoring"), whatever it holds. */
  private readonly dropsFullPieces: boolean;

  constructor(
    private readonly options: ReaderOptions,
    private readonly sink: LineSink,
  ) {
    this.commentBackslash = !options.target || compareVersions(options.target, COMMENT_CUTS_BACKSLASH_SINCE) < 0;
    this.features = lineFeatures(options.target);
    this.substitutes = !this.features || this.features.definitions;
    this.referenceEndsAtComma = !options.target || compareVersions(options.target, REFERENCE_ENDS_AT_COMMA_SINCE) >= 0;
    this.braceIncludes = !options.target || compareVersions(options.target, BRACE_INCLUDES_SINCE) >= 0;
    this.gluesLoneBackslash = !options.target || compareVersions(options.target, LONE_BACKSLASH_GLUED_SINCE) >= 0;
    this.gluesBraces = !!options.target && compareVersions(options.target, BRACES_SPLIT_SINCE) < 0;
    this.dropsFullPieces = !!options.target && compareVersions(options.target, LONG_LINE_DROPPED_SINCE) >= 0;
    this.bracesBeforeCommentUncounted = !!options.target && compareVersions(options.target, BRACES_COUNTED_SINCE) >= 0 && compareVersions(options.target, ESCAPED_COMMENT_SINCE) < 0;
    this.readsEscapedComments = !options.target || compareVersions(options.target, ESCAPED_COMMENT_SINCE) >= 0;
    this.readsConfCopy = !options.target || compareVersions(options.target, CONF_COPY_SINCE) >= 0;
    this.keepsSubstitutedComment = this.readsEscapedComments && !!options.target && compareVersions(options.target, SUBSTITUTED_LINE_DECOMMENTED_SINCE) < 0;
    this.skipsEmptyLineInDefinition = this.readsEscapedComments && !!options.target && compareVersions(options.target, EMPTY_LINE_ENDS_DEFINITION_AGAIN_SINCE) < 0;
    this.seqsWaitForMultiline = !!options.target && compareVersions(options.target, SEQ_IN_MULTILINE_VALUE_SINCE) < 0;
    this.skipsDecommentedLineInDefinition = this.readsConfCopy ? !!options.parentReading : !!options.target && compareVersions(options.target, DECOMMENTED_EMPTY_LINE_SKIPPED_SINCE) >= 0;
  }

  /** What the target does with the braces of a reference it leaves as written. */
  private bracesRead(): string {
    return this.gluesBraces ? `keeps its braces in the word (keepalived ${this.label()} splits no brace from a word; 1.4.2 does)` : 'splits it at its braces';
  }

  read(path: string, text: string): void {
    const file = this.addFile(path, text);
    if (this.options.host?.isExecutable?.(path)) {
      // keepalived 2.2.7 -t: "Configuration file 'x.conf' is not a regular non-executable file - skipping", exit 0.
      const firstLineEnd = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n');
      this.report('KA110', 'warning', `this file is executable here, and keepalived reads no configuration file that is: where it is deployed executable, keepalived skips it and starts with nothing configured (keepalived: "is not a regular non-executable file - skipping"); remove the execute bits (chmod a-x)`, file, 0, firstLineEnd);
    }
    this.stack.push({ file, line: 0, dir: dirname(path), nextDollar: -1 });
    this.run();
    this.reportUndefinedReferences();
    this.reportCyclesThatMultiply();
  }

  /**
   * The braced `${NAME}` reference to no definition, read so far, whose text covers `offset` of
   * `path`, as written: the walker names it for the words keepalived makes of it.
   */
  undefinedReferenceAt(path: string, offset: number): string | undefined {
    for (let i = this.undefinedRefs.length - 1; i >= 0; i--) {
      const r = this.undefinedRefs[i]!;
      if (r.braced && r.file.path === path && r.start <= offset && offset < r.end) return r.foreign ?? r.shell ?? `\${${r.name}}`;
    }
    return undefined;
  }

  /**
   * keepalived leaves a `${NAME}` it has no definition for as it is, and then splits the line at its
   * braces ("Unexpected '{'"): the cause, reported where the reference is. A definition read later
   * does not count (keepalived substitutes as it reads). Bare `$NAME` and quoted text are left
   * alone: passwords and script commands hold `$` for their own reasons.
   */
  private reportUndefinedReferences(): void {
    const seen = new Set<string>();
    for (const ref of this.undefinedRefs) {
      const key = `${ref.file.path}\0${ref.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (ref.gluedTo !== undefined) {
        const after = ref.file.text.slice(ref.end, ref.end + 24).split(/[ \t\r\n]/)[0]!;
        this.report('KA109', 'warning', `'$${ref.name}' is not substituted here: keepalived ${this.referenceEndsAtComma ? '' : `${this.label()} `}takes a bare $NAME for a reference only before ${this.referenceEndsAtComma ? "a blank, a tab, ',' or ')'" : 'a blank or a tab'} or at the end of the line, and '${ref.gluedTo}' follows it, so it reads '$${ref.name}${ref.gluedTo}${after}' as written; write '\${${ref.name}}${ref.gluedTo}${after}'`, ref.file, ref.start, ref.start + ref.name.length + 1);
        continue;
      }
      if (ref.unsubstituted) {
        const written = ref.braced ? `\${${ref.name}}` : `$${ref.name}`;
        this.report('KA109', ref.braced ? 'error' : 'warning', `'${written}' is read as written: keepalived ${this.label()} substitutes nothing ('$NAME=value' definitions came in keepalived ${LINE_FEATURES_SINCE.definitions.join('.')}; an unrendered template variable?)`, ref.file, ref.start, ref.end);
        continue;
      }
      if (ref.newer) {
        this.report('KA109', 'error', `'\${_ENV …}' reads an environment variable from keepalived 2.4.0 on; keepalived ${this.label()} has no such definition, so it reads the text as it is and splits it at its braces`, ref.file, ref.start, ref.end);
        continue;
      }
      if (ref.predefinedSince) {
        const written = ref.written ?? (ref.braced ? `\${${ref.name}}` : `$${ref.name}`);
        const since = ref.predefinedSince.join('.');
        if (ref.braced) this.report('KA109', 'error', `'${written}' is predefined from keepalived ${since} on; keepalived ${this.label()} has no such definition, so it reads the text as it is and ${this.bracesRead()}`, ref.file, ref.start, ref.end);
        else this.report('KA109', 'warning', `'${written}' is predefined from keepalived ${since} on; keepalived ${this.label()} has no such definition and reads '${written}' as literal text`, ref.file, ref.start, ref.end);
        continue;
      }
      if (ref.shell) {
        this.report('KA109', 'error', `'${ref.shell}' is shell syntax keepalived does not know: it substitutes only '\${NAME}' and '$NAME' of its own '$NAME=value' definitions, with no default values, so it reads the text as it is and ${this.bracesRead()} (an unrendered shell heredoc or template?)`, ref.file, ref.start, ref.end);
        continue;
      }
      if (ref.foreign) {
        this.report('KA109', 'error', `'${ref.foreign}' is no reference keepalived knows: it substitutes only '\${NAME}' and '$NAME' of its own '$NAME=value' definitions, whose names are letters, digits and '_', so it reads the text as it is and ${this.bracesRead()} (an unrendered template?)`, ref.file, ref.start, ref.end);
        continue;
      }
      const later = this.definitions.get(ref.name);
      const at = later && this.files.get(later.file);
      const where = at ? `${later!.file === ref.file.path ? '' : `${later!.file}:`}${positionAt(at.lex.lineStarts, later!.start).line + 1}` : '';
      const written = ref.braced ? `\${${ref.name}}` : `$${ref.name}`;
      const dollarless = at || !configLineUses(ref.file.text, ref.name) ? -1 : dollarlessDefinitionAt(ref.file.text, ref.name);
      const why = at
        ? `'${written}' is used before its definition (line ${where}): keepalived substitutes only definitions read above the line`
        : dollarless >= 0
          ? `'${written}' names no definition: line ${positionAt(ref.file.lex.lineStarts, dollarless).line + 1} writes '${ref.name}=' without its '$', which keepalived reads as a keyword`
          : `'${written}' names no definition: keepalived substitutes only its own '$${ref.name}=value' definitions, not environment variables (${this.before(ENV_DEFINITION_SINCE) ? 'an unrendered template variable?' : `write \${_ENV ${ref.name}} to read one`})`;
      // A braced reference is split at its braces (keepalived reports it); a bare one is read silently as the word it is,
      // and so is a braced one in an include line's pattern (2.2.7 and 2.4.3 say nothing; KA110 says what it matches).
      if (ref.inInclude) this.report('KA109', 'warning', `${why}, so it leaves it in the include pattern as written, silently`, ref.file, ref.start, ref.end);
      else if (ref.braced) this.report('KA109', 'error', `${why}, so it reads the text as it is and ${this.bracesRead()}`, ref.file, ref.start, ref.end);
      else this.report('KA109', 'warning', `${why}, so it reads '${written}' as literal text and does not report the reference`, ref.file, ref.start, ref.end);
    }
  }

  /** The text of a file read so far, as written. */
  sourceText(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  /** Where keepalived cuts the long lines of a file read so far into pieces (SourceFile.pieceCuts). */
  pieceCutsOf(path: string): readonly number[] | undefined {
    return this.files.get(path)?.pieceCuts;
  }

  private addFile(path: string, text: string, includedFrom?: SourceFile['includedFrom']): SourceFile {
    const file: SourceFile = { path, text, lex: lex(text, path), inactiveLines: [], includedFrom };
    const earlier = this.files.get(path);
    if (earlier) earlier.readAgain = file.readAgain = true;
    this.files.set(path, file);
    if (text.indexOf('\0') >= 0) this.noteNulBytes(file);
    return file;
  }

  /**
   * NUL bytes (KA117). keepalived measures a line with strlen: before 2.4.0 a NUL ends the line and what follows it
   * is not read, silently (the lexer makes it a comment); from 2.4.0 a line holding one is dropped whole, with
   * "configuration appears to have embedded NULs - ignoring line" (checked with 2.2.7 and 2.4.3), except a last
   * line without a newline, which is read up to the NUL. A file saved as UTF-16 has a NUL beside every ASCII
   * character: one finding says so instead of one per line.
   */
  private noteNulBytes(file: SourceFile): void {
    const text = file.text;
    const lineStarts = file.lex.lineStarts;
    const drops = !this.before(NUL_LINE_DROPPED_SINCE);
    const label = this.label();
    const utf16 = utf16Evidence(text);
    if (utf16) {
      this.report(
        'KA117',
        'error',
        `The file is saved as UTF-16 (${utf16}): keepalived reads bytes and ends each line at its first NUL byte, so it reads next to nothing of it${drops ? ` (keepalived ${label}: "configuration appears to have embedded NULs - ignoring line", line after line)` : ', mostly without a word'}; save it as UTF-8`,
        file,
        0,
        1,
      );
      // The same text in UTF-8 is what was meant: a safe fix (kalint lint --fix writes it).
      const converted = decodeUtf16(text);
      const d = this.diagnostics[this.diagnostics.length - 1]!;
      if (converted !== undefined) {
        const whole = { start: positionAt(lineStarts, 0), end: positionAt(lineStarts, text.length) };
        d.fix = { description: 'Convert the file from UTF-16 to UTF-8', edits: [{ file: file.path, range: whole, newText: converted }], safe: true };
      }
    }
    for (let at = text.indexOf('\0'); at >= 0; ) {
      const ln = file.lex.src.lineOf(at);
      const lineEnd = ln + 1 < lineStarts.length ? lineStarts[ln + 1]! : text.length;
      const hasNewline = text.charCodeAt(lineEnd - 1) === 10;
      // A line keepalived reads in pieces (KA106) is left to that reading.
      const fits = lineEnd - lineStarts[ln]! <= LINE_CHUNK_BYTES;
      if (drops && hasNewline && fits) (file.nulDroppedLines ??= new Set()).add(ln);
      if (!utf16) {
        const contentEnd = hasNewline ? (text.charCodeAt(lineEnd - 2) === 13 ? lineEnd - 2 : lineEnd - 1) : lineEnd;
        const lost = text.slice(at + 1, contentEnd).replace(/\0/g, ' ').trim();
        // The line feed is lost with the rest, so keepalived's count of lines skips this one (2.4 counts it again).
        const miscounted = !drops && hasNewline && fits && lineEnd < text.length && !this.before(LINE_NUMBERS_IN_MESSAGES_SINCE)
          ? `; keepalived also loses count of this line, so its messages about later lines may give numbers one too low (one per such line)`
          : '';
        const upgrade = `${miscounted}; keepalived 2.4.0 and later drop a line holding a NUL ("configuration appears to have embedded NULs - ignoring line")`;
        const message =
          drops && hasNewline && fits
            ? `A NUL byte in this line: keepalived ${label} drops the whole line ("configuration appears to have embedded NULs - ignoring line"), so nothing on it is read; remove the byte`
            : lost
              ? `A NUL byte in this line: keepalived ${drops ? `${label} reads a last line without a newline up to it` : 'ends the line there'} and ignores '${lost.length > 40 ? `${lost.slice(0, 40)}…` : lost}' after it without a word${drops ? '' : upgrade}; remove the byte`
              : `A NUL byte in this line: keepalived ${drops ? `${label} reads a last line without a newline up to it` : 'ends the line there, so nothing after it is lost'}${drops ? '' : upgrade}; remove the byte`;
        const dropped = drops && hasNewline && fits;
        this.report('KA117', dropped ? 'error' : 'warning', message, file, at, at + 1);
        // Cutting the line at the NUL writes what keepalived before 2.4 reads: safe where the target reads that, a
        // suggestion where it drops the line.
        const range = { start: positionAt(lineStarts, at), end: positionAt(lineStarts, Math.max(at + 1, contentEnd)) };
        this.diagnostics[this.diagnostics.length - 1]!.fix = {
          description: lost ? `Remove the NUL byte and '${lost.length > 40 ? `${lost.slice(0, 40)}…` : lost}' after it` : 'Remove the NUL byte and what follows it on the line',
          edits: [{ file: file.path, range, newText: '' }],
          safe: !dropped,
        };
      }
      at = text.indexOf('\0', lineEnd);
    }
  }

  /**
   * An include line with nothing keepalived reads as its pattern: only a CR, a vertical tab or a form feed after the
   * keyword, before a comment (`include\r# conf.d`). keepalived's check takes it for an include of an empty pattern,
   * which matches nothing without a word, so nothing is read and -t says nothing.
   */
  private reportEmptyInclude(file: SourceFile, start: number, end: number): void {
    this.report('KA110', 'warning', `this include names no file: only white space keepalived does not take off (a carriage return, a vertical tab or a form feed) follows the keyword before the comment, so keepalived includes nothing and says nothing; write the pattern, or remove the line`, file, start, end);
  }

  private report(code: string, severity: Severity, message: string, file: SourceFile, start: number, end: number): void {
    const ls = file.lex.lineStarts;
    this.diagnostics.push({ code, severity, message: showUnseen(message), file: file.path, range: { start: positionAt(ls, start), end: positionAt(ls, end) } });
  }

  private run(): void {
    const stack = this.stack;
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      if (frame.line === 0 && frame.file.includedFrom) {
        // A later match of a glob, waiting since before its cycle was seen to multiply, and read since by another way.
        if (this.readAlready(frame)) {
          stack.pop();
          continue;
        }
        this.startedReading.set(frame.file.path, frame.file);
      }
      if (frame.ownStream === 'pending') {
        frame.ownStream = 'open';
        this.sink.beginIncludedStream?.();
      }
      if (frame.line >= frame.file.lex.lineStarts.length) {
        stack.pop();
        // A multi-line definition still open at the end of an included file goes on with the next line keepalived
        // reads (the next file of the include, or the line after the include line): one read of its line buffer
        // takes lines from whichever file comes next (2.2.7 read_line, get_next_file).
        if (frame.pendingDefinition && !frame.ownStream && stack.length) {
          frame.pendingDefinition.outOfSight = true;
          stack[stack.length - 1]!.pendingDefinition = frame.pendingDefinition;
        }
        if (frame.includeChecksBefore !== undefined) this.sink.restoreIncludeCheckFlags?.(frame.includeChecksBefore);
        if (frame.ownStream === 'ended') this.sink.ownerStopsReading?.(false);
        if (frame.ownStream === 'open' || frame.ownStream === 'ended') this.sink.endIncludedStream?.();
        continue;
      }
      if (frame.ownStream) {
        // Line by line, to stop where a '}' ends the file's stream.
        this.processPhysicalLine(frame, frame.line++);
        const ended = this.sink.includedStreamEndedBy?.();
        if (ended) this.endStreamEarly(frame, ended);
        continue;
      }
      // Most lines are plain: read them in one loop, and each other line on its own.
      if (this.readPlainLines(frame)) this.processPhysicalLine(frame, frame.line++);
    }
  }

  /**
   * Whether an included file about to be read need not be: it waited on the stack (a later match of a glob) while
   * the files before it were read, and those read it and showed it to be in an include cycle that multiplies, which
   * keepalived never finishes reading (see include). Its earlier reading then stands for the file.
   */
  private readAlready(frame: Frame): boolean {
    const path = frame.file.path;
    const earlier = this.startedReading.get(path);
    if (!earlier || frame.pendingDefinition || !this.inCycleThatMultiplies(path)) return false;
    if (this.files.get(path) === frame.file) this.files.set(path, earlier);
    return true;
  }

  /**
   * A '}' at the outer level of a file read as a stream of its own (before INCLUDE_OWN_STREAM_BEFORE) ended the
   * reading of the file: what follows it is not read. Said when something follows.
   */
  private endStreamEarly(frame: Frame, brace: Word): void {
    const file = frame.file;
    const store = file.lex;
    const lines = store.lineStarts.length;
    const braceLine = brace.range.start.line;
    frame.ownStream = 'ended';
    this.sink.ownerStopsReading?.(true);
    // The tokens after the brace on its line, then those of the lines after it; comments do not count.
    const end = store.lineFirstToken[lines]!;
    let first = -1;
    for (let i = store.lineFirstToken[braceLine]!; i < end && first < 0; i++) {
      if (store.starts[i]! > brace.start && store.kinds[i] !== Kind.Comment) first = i;
    }
    if (first < 0) return;
    const firstLine = store.src.lineOf(store.starts[first]!);
    this.report(
      'KA114',
      'warning',
      `keepalived ${this.label()} reads an included file as a stream of its own: this '}' at the file's outer level ends the reading of '${file.path}', so nothing after it in the file is read (from line ${firstLine + 1} on), and the block around the include line goes on after the include; 2.1.4 and later end that block here and read on`,
      file,
      brace.start,
      brace.end,
    );
  }

  /**
   * Reads the frame's lines from its current one while they are plain keyword lines or braces (no
   * `$`, no `@id`, definition, ~SEQ or include at their start, nothing keepalived reads in pieces), as
   * processPhysicalLine would, straight from the token store. Returns true when it stopped at a line
   * processPhysicalLine must read (frame.line), false at the end of the file or when an include, read
   * after a brace, put another file on top.
   */
  private readPlainLines(frame: Frame): boolean {
    const file = frame.file;
    const text = file.text;
    const store = file.lex;
    const { lineFirstToken, lineStarts, kinds, starts } = store;
    const lineCount = lineStarts.length;
    const stack = this.stack;
    const sink = this.sink;
    const nulDropped = file.nulDroppedLines;
    for (let ln = frame.line; ln < lineCount; ln++) {
      // A line continuing a definition (set by a definition after a brace), or one the target drops for its NUL byte.
      if (frame.pendingDefinition || (nulDropped !== undefined && nulDropped.has(ln))) {
        frame.line = ln;
        return true;
      }
      const from = lineFirstToken[ln]!;
      const to = lineFirstToken[ln + 1]!;
      if (from === to) {
        // Blanks only: nothing to read, unless the target drops a long line's pieces with a report (readLongLine).
        if (!this.dropsFullPieces || (ln + 1 < lineCount ? lineStarts[ln + 1]! : text.length) - lineStarts[ln]! < LINE_CHUNK_BYTES / 3) continue;
        frame.line = ln;
        return true;
      }
      // A line keepalived may read in pieces (see readLongLine).
      const lineEnd = ln + 1 < lineCount ? lineStarts[ln + 1]! : text.length;
      let end = to;
      if (kinds[end - 1] === Kind.Comment) {
        // keepalived before 2.4.0 keeps a `\` that ends a comment (see processPhysicalLine); 2.0.9 to 2.1.x read
        // a `\#` after a word as the character (readEscapedCommentInLine).
        // Before 2.0.9 the backslash of a `\#` after a word is a character of the line (processPhysicalLine).
        if ((this.commentBackslash && commentTrailingBackslash(text, starts[end - 1]!, store.end(end - 1)) >= 0) || (end - 1 > from && text.charCodeAt(starts[end - 1]!) === 92)) {
          frame.line = ln;
          return true;
        }
        end--;
      }
      if (lineEnd - lineStarts[ln]! >= LINE_CHUNK_BYTES / 3) {
        frame.line = ln;
        return true;
      }
      if (end === from) {
        // A comment on its own; one escaped by a backslash (`\# note`) is not one for keepalived (KA116).
        if (text.charCodeAt(starts[from]!) !== 92) continue;
        frame.line = ln;
        return true;
      }
      const head = kinds[from];
      if (head === Kind.String || (head === Kind.Word && (specialFirstChar(text.charCodeAt(starts[from]!)) || isIncludeKeyword(text, starts[from]!, store.end(from)))) || this.hasDollar(frame, starts[from]!, store.end(end - 1))) {
        frame.line = ln;
        return true;
      }
      // The commonest lines, handed over at once: a lone brace, and words (the last neither an
      // unclosed string nor a lone `\\`, see emitStore and emitStoreRun).
      if (end - from === 1 && head !== Kind.Word) {
        const counted = !(this.bracesBeforeCommentUncounted && commentFollowsOnLine(store, from));
        if (head === Kind.LBrace) sink.open(new StoreWord(store, from), counted);
        else sink.close(new StoreWord(store, from), counted);
        continue;
      }
      let words = head === Kind.Word;
      for (let i = from + 1; words && i < end; i++) words = kinds[i] === Kind.Word || kinds[i] === Kind.String;
      if (words && kinds[end - 1] === Kind.Word && !(end - from >= 2 && store.end(end - 1) - starts[end - 1]! === 1 && text.charCodeAt(starts[end - 1]!) === 92)) {
        sink.tokens(store, from, end);
        continue;
      }
      const rest = this.emitStore(file, from, end);
      if (rest >= 0) {
        frame.line = ln + 1;
        this.processTokens(frame, ln, rest, to, true);
        if (stack[stack.length - 1] !== frame) return false;
      }
    }
    frame.line = lineCount;
    return false;
  }

  /**
   * A line whose comment keepalived reduces to one backslash word (at `bs`): read at once when it is a plain
   * keyword line or a line for another config id (undefined); otherwise its tokens and reading, for the caller.
   */
  private readKeepingBackslash(frame: Frame, ln: number, from: number, to: number, bs: number, lineStart: number): { tokens: Token[]; cl: ClassifiedLine } | undefined {
    const file = frame.file;
    const store = file.lex;
    const tokens = store.slice(from, to - 1);
    // Glued to a word (`abc\#x`), the backslash ends that word.
    const last = tokens[tokens.length - 1];
    if (last !== undefined && last.end === bs && last.kind === 'word') tokens[tokens.length - 1] = new Token('word', last.start, bs + 1, store.src);
    else tokens.push(new Token('word', bs, bs + 1, store.src));
    const cl = classifyLine(tokens, 0, tokens.length, this.features, lineStart);
    if (cl.condition && !conditionHolds(cl.condition, this.options.configId)) {
      file.inactiveLines.push(ln);
      return undefined;
    }
    // `@id # note \`: the comment pass leaves `@id\`, an id with nothing after it, and keepalived drops the line
    // whatever the id (2.0.19 to 2.2.7 are silent on such a line among unicast_peer addresses).
    if (cl.condition && cl.end - cl.first === 1) return undefined;
    // A release without definitions (before 1.4.0) reads a `$` as any other character.
    if (cl.kind === 'keyword' && ((this.features !== undefined && !this.features.definitions) || !this.hasDollar(frame, tokens[cl.first]!.start, tokens[cl.end - 1]!.end))) {
      this.emitTokens(file, tokens, cl.first, cl.end, undefined);
      return undefined;
    }
    return { tokens, cl };
  }

  private processPhysicalLine(frame: Frame, ln: number): void {
    this.fullPieceLine = undefined;
    this.readPhysicalLine(frame, ln);
    if (this.fullPieceLine) this.endFullPieceLine(frame, this.fullPieceLine);
  }

  private readPhysicalLine(frame: Frame, ln: number): void {
    const file = frame.file;
    const store = file.lex;
    const { lineFirstToken, lineStarts, kinds, starts } = store;
    const from = lineFirstToken[ln]!;
    const to = lineFirstToken[ln + 1]!;

    const lineStart = lineStarts[ln]!;
    const lineEnd = ln + 1 < lineStarts.length ? lineStarts[ln + 1]! : file.text.length;
    // Dropped for its NUL byte (2.4.0 and later): keepalived reads an empty line in its place, which ends a definition.
    if (file.nulDroppedLines?.has(ln)) {
      const def = frame.pendingDefinition;
      if (def && this.skipsEmptyLineInDefinition) def.outOfSight = true;
      else if (def) {
        def.lines.push('');
        frame.pendingDefinition = undefined;
      }
      return;
    }
    // A line of more than LINE_CHUNK_BYTES bytes (UTF-8) reaches keepalived in pieces: a line may have up to 3 bytes per character.
    // A continuation line of a multi-line definition too: keepalived reads it with the same fgets (see readLongLine).
    // A line of blanks only: its pieces are blank lines, except from 2.4.0, which reports each full piece it drops.
    if (lineEnd - lineStart >= LINE_CHUNK_BYTES / 3 && (from < to || frame.pendingDefinition || this.dropsFullPieces) && this.readLongLine(frame, ln, lineStart, lineEnd)) return;

    if (frame.pendingDefinition) {
      const def = frame.pendingDefinition;
      // Past the file's last newline there is no line: the definition goes on with the next file keepalived reads.
      if (lineStart >= file.text.length) return;
      // A '\#' or '\!' line: the copy 2.2+ hands the VRRP and checker processes has a marker line here, which
      // they skip, so for them the definition goes on with the next line (2.2.7, 2.4.3: `global_defs {` after it
      // becomes part of the value and its settings "Unknown keyword"s).
      // The parent reads the line itself, as a line of the value.
      if (this.readsConfCopy && !this.options.parentReading && to - from === 1 && kinds[from] === Kind.Comment && isEscapedCommentStart(file.text, starts[from]!)) {
        // Ending in a backslash itself, the line leaves the definition going on either way: only the marker remains.
        const continues = endsWithLoneBackslash(file.text, store.end(from));
        this.reportEscapedCommentLine(file, starts[from]!, store.end(from), { name: def.name, swallows: !continues });
        if (!continues) this.parentDefinesOtherwise = true;
        return;
      }
      const { text, continues, escaped } = definitionLineText(file.text, store.slice(from, to), 0, to - from, undefined, this.commentBackslash, this.readsEscapedComments);
      // A line that is empty, or that de-commenting leaves empty: some releases skip it and read the definition on.
      const gap = !continues && (from === to || (to - from === 1 && kinds[from] === Kind.Comment)) && text.trim() === '';
      if (gap) {
        const empty = from === to && isEmptyLine(file.text, lineStart, lineEnd);
        if (empty ? this.skipsEmptyLineInDefinition : this.skipsDecommentedLineInDefinition) {
          def.outOfSight = true;
          return;
        }
      }
      if (def.outOfSight) (file.definitionLinesOutOfSight ??= []).push(ln);
      def.lines.push(text);
      if (escaped) def.escapedComment = true;
      // The copy the VRRP and checker processes read has an empty line for every line starting with an include
      // keyword, which ends the definition for them. The parent takes the include into the value and reads the
      // files where the definition is used, after the rest of its lines; the copy holds them there, so for the
      // other processes too they come after the value, which the include now ends.
      if (continues && this.readsConfCopy && !this.options.parentReading && isCopyBlankedInclude(text)) {
        frame.pendingDefinition = undefined;
        frame.parentDefinitionGoesOn = true;
        this.reportSplitDefinition(file, def, lineStart, lineEnd, 'include');
        return;
      }
      if (!continues) {
        frame.pendingDefinition = undefined;
        // From CONF_COPY_SINCE the parent skips the line and the processes reading its copy end the definition here.
        if (this.readsConfCopy && gap && !(from === to && isEmptyLine(file.text, lineStart, lineEnd))) this.reportSplitDefinition(file, def, lineStart, lineEnd, from === to ? 'blank' : 'comment');
      }
      return;
    }
    // The lines the parent still takes into a definition an include line split (above) are configuration for the
    // other processes, except the include lines among them, which are empty lines in their copy.
    if (frame.parentDefinitionGoesOn) {
      const { text, continues } = definitionLineText(file.text, store.slice(from, to), 0, to - from, undefined, this.commentBackslash, this.readsEscapedComments);
      frame.parentDefinitionGoesOn = continues;
      if (isCopyBlankedInclude(text)) return;
    }
    if (from === to) return;

    // 2.0.9 to 2.1.x, and the parent after: a backslash keeps '#' or '!' in the middle of a line from starting a comment.
    if (kinds[to - 1] === Kind.Comment && to - 1 > from && file.text.charCodeAt(starts[to - 1]!) === 92 && this.readsEscapedComments) {
      const first = kinds[from] === Kind.Word ? file.text.slice(starts[from]!, store.end(from)) : undefined;
      if (this.readsEscapedCommentInLine(first)) {
        if (this.readEscapedCommentInLine(frame, from, to)) return;
      } else this.reportCopyCutsEscapedComment(file, from, to);
    }

    // Before ESCAPED_COMMENT_SINCE a backslash does not escape: `\# note` is the word '\' and a comment (the 1.3.5
    // build: "Unknown keyword '\'"), `10.0.0.1 \# the VIP` one more word, and `abc\#x` the word 'abc\'.
    if (!this.readsEscapedComments && kinds[to - 1] === Kind.Comment && isEscapedCommentStart(file.text, starts[to - 1]!)) {
      if (!this.readKeepingBackslash(frame, ln, from, to, starts[to - 1]!, lineStart)) return;
    }

    // keepalived 2.0.9 (fd4fe0d7) to 2.3.x strips a comment but keeps the line's trailing `\` even when the
    // comment holds it: `# text \` reads as the line `\`, and `word # text \` as `word\` (the 2.0.7 and
    // 2.0.8 builds drop it with the comment; a definition's comment still continues it there).
    // Not on a line starting '\#' or '\!': keepalived does not take that line for a comment (KA116, below).
    if (this.commentBackslash && !this.before(ESCAPED_COMMENT_SINCE) && kinds[to - 1] === Kind.Comment && !(to - 1 === from && file.text.charCodeAt(starts[from]!) === 92 && !this.before(ESCAPED_COMMENT_SINCE))) {
      const bs = commentTrailingBackslash(file.text, starts[to - 1]!, store.end(to - 1));
      const rest = bs >= 0 ? this.readKeepingBackslash(frame, ln, from, to, bs, lineStart) : undefined;
      if (bs >= 0 && !rest) return;
      if (rest) {
        const { tokens, cl } = rest;
        if (cl.kind === 'keyword' && cl.end - cl.first >= 2) {
          // With a reference: the comment pass glues the backslash to the last word before substituting.
          const start = tokens[cl.first]!.start;
          const last = tokens[cl.end - 2]!.end;
          const text = file.text.slice(start, last) + '\\';
          this.processText(frame, text, [{ outStart: 0, outEnd: last - start, srcStart: start, srcEnd: last, verbatim: true }, { outStart: last - start, outEnd: text.length, srcStart: bs, srcEnd: bs + 1, verbatim: true }], 0, 'definition', false, true);
          return;
        }
      }
    }

    // Fast path for the common line: a plain keyword line, or braces, with no `$` (no prefix,
    // definition, sequence, include or substitution to consider), read straight from the token store.
    const head = kinds[from];
    if (head === Kind.Comment) {
      // a comment on its own
      if (file.text.charCodeAt(starts[from]!) === 92) {
        this.reportEscapedCommentLine(file, starts[from]!, store.end(from));
        // Before CONF_COPY_SINCE every process reads the line as words (KA116 says so): in a value block they are one
        // more entry, which keepalived checks as any other (the 2.1.5 build: a track_file entry `\# note` names the
        // track file '#', and keepalived -t loops or crashes looking it up, KA315).
        // Elsewhere the word itself is all KA116 says, but a brace after it still counts: keepalived ends the line
        // at its first brace and reads the rest as a line of its own (2.1.5: `\# }` closes the vrrp_instance it is in).
        if (this.readsEscapedComments && !this.readsConfCopy) {
          const block = this.sink.valueBlock?.();
          this.readEscapedCommentInLine(frame, from, to, true, !(block !== undefined && block !== 'notification_email'));
        }
      }
      return;
    }
    if (head === Kind.LBrace || head === Kind.RBrace || (head === Kind.Word && !specialFirstChar(file.text.charCodeAt(starts[from]!)) && !isIncludeKeyword(file.text, starts[from]!, store.end(from)))) {
      let end = to;
      if (kinds[end - 1] === Kind.Comment) end--;
      if (end > from && !this.hasDollar(frame, starts[from]!, store.end(end - 1))) {
        const rest = this.emitStore(file, from, end);
        if (rest >= 0) this.processTokens(frame, ln, rest, to, true);
        return;
      }
    }

    this.processTokens(frame, ln, from, to, false);
  }

  /**
   * A line, or the rest of one after a brace (`residue`: keepalived reads that as a line of its
   * own, so it may hold an `@id` prefix, a definition, a ~SEQ or an include), through token objects.
   */
  private processTokens(frame: Frame, ln: number, from: number, to: number, residue: boolean): void {
    const file = frame.file;
    const store = file.lex;
    // Everything else goes through token objects for this line only.
    const tokens = store.slice(from, to);
    const cl = classifyLine(tokens, 0, tokens.length, this.features, residue ? -1 : store.lineStarts[ln]);
    if (cl.condition && !conditionHolds(cl.condition, this.options.configId)) {
      // `@ advert_int 3` (a template whose host variable rendered empty): no config id is empty, so no host reads it.
      if (!residue && cl.condition.id === '' && !cl.condition.negated && cl.first < cl.end) {
        const at = cl.condition.token;
        this.report('KA118', 'warning', `'@' is followed by no config id, so keepalived reads this line on no host (an id never matches an empty one); write the id right after '@' (or '@^id' for every host but one), or remove the '@'`, file, at.start, at.end);
      }
      if (!residue) file.inactiveLines.push(ln);
      return;
    }
    switch (cl.kind) {
      case 'empty': {
        // `@id \# note`: once the prefix is read, the rest is a line starting '\#' or '\!' (KA116).
        const c = cl.comment;
        if (cl.condition && !residue && c && isEscapedCommentStart(file.text, c.start)) this.reportEscapedCommentLine(file, c.start, c.end, undefined, true);
        return;
      }
      case 'comment':
        return;
      case 'definition': {
        const head = tokens[cl.first]!;
        const name = cl.name!;
        const valueStart = head.start + name.length + 2;
        const { text, continues, escaped } = definitionLineText(file.text, tokens, 0, tokens.length, valueStart, this.commentBackslash, this.readsEscapedComments);
        const def: Definition = { name, lines: [text], file: file.path, start: head.start, end: head.start + name.length + 1 };
        if (escaped) def.escapedComment = true;
        // Begun after a brace (`{ $X=… \\`), the definition's lines do not look like one to a scan of the file.
        if (residue) {
          def.outOfSight = true;
          (file.definitionLinesOutOfSight ??= []).push(ln);
        }
        this.definitions.set(name, def);
        if (continues) frame.pendingDefinition = def;
        return;
      }
      case 'seq': {
        const head = tokens[cl.first]!;
        const end = tokens[cl.end - 1]!.end;
        this.expandSeq(frame, file.text, head.start, end);
        return;
      }
      case 'include': {
        const kw = tokens[cl.first]!;
        // From 2.1.4 the pattern is the rest of the line as keepalived's include check reads it (it may be empty).
        const restOfLine = !this.before(LINE_FEATURES_SINCE.includeRestOfLine);
        const span = restOfLine ? includePattern(kw, cl.comment, this.before(INCLUDE_NEEDS_SPACE_FIXED_IN), this.commentBackslash) : undefined;
        const patternStart = span ? span.start : tokens[cl.first + 1]!.start;
        const patternEnd = span ? span.end : tokens[cl.end - 1]!.end;
        if (file.text.charCodeAt(kw.end) === 9 && kw.text === 'include' && !this.before(INCLUDE_NEEDS_SPACE_FROM) && this.before(INCLUDE_NEEDS_SPACE_FIXED_IN)) {
          this.report('KA110', 'error', `keepalived ${this.label()} takes 'include' as an include only when a space follows it: with a tab it reports "Unknown keyword 'include'" and reads nothing from '${file.text.slice(patternStart, patternEnd)}' (fixed in 2.1.5); put a space after 'include'`, file, kw.start, patternEnd);
          return;
        }
        // Before 2.1.4 the pattern is the line's second word as keepalived splits words: a quoted one without its quotes.
        let pattern = !restOfLine && this.options.target
          ? tokens.slice(cl.first + 1, cl.end).map(tokenValue).join('')
          : span ? span.pattern : file.text.slice(patternStart, patternEnd);
        if (!pattern) {
          this.reportEmptyInclude(file, kw.start, kw.end);
          return;
        }
        if (pattern.includes('$')) {
          this.substitutingIncludePattern = true;
          let substituted: string;
          try {
            substituted = this.substitute(pattern, frame, [{ outStart: 0, outEnd: pattern.length, srcStart: patternStart, srcEnd: patternEnd, verbatim: true }]).lines[0]?.text ?? pattern;
          } finally {
            this.substitutingIncludePattern = false;
          }
          // From 2.1.4 keepalived takes comments off a line again after substituting it: a '#' or '!' a definition put
          // in the pattern (`${_HASH}`) ends it there (2.2.7: `include x${_HASH}y` reads 'x'), and with nothing before
          // it the line is 'include' alone, no include ("Unknown keyword 'include'").
          if (substituted !== pattern && !this.before(SUBSTITUTED_LINE_DECOMMENTED_SINCE)) {
            pattern = cutAtComment(substituted);
            if (!pattern.trim()) {
              // From CONF_COPY_SINCE the copy the VRRP and checker processes read has a blank line for it (the parent
              // writes the copy before it substitutes, and 'include ${F}' is an include line then): only where the
              // parent's reading counts (the top level, global_defs) is it an unknown keyword (2.2.7 and 2.4.3 -t:
              // "Unknown keyword 'include'" there, silent inside a vrrp_instance, virtual_server or checker; 2.1.5 reports it everywhere).
              // With an @id prefix (`@a include ${F}`) or after a brace the line is no include line in the copy, which
              // keeps it as written: the children substitute it too and report it (2.2.4, 2.2.7, 2.4.3 -t -i a).
              if (this.readsConfCopy && !this.options.parentReading && !cl.condition && !residue && !(this.sink.parentReadsText?.() ?? false)) return;
              this.emitStore(file, from + cl.first, from + cl.first + 1);
              return;
            }
          } else pattern = substituted;
        }
        // After a brace the line in the parent's copy starts with that brace, not 'include', so the copy keeps it (CONF_COPY_SINCE).
        const notPlain = cl.condition ? 'has an @id prefix' : residue ? 'follows a brace on the same line' : undefined;
        this.include(frame, kw.kind === 'string' ? 'include' : kw.text, kw.start, pattern, patternStart, patternEnd, notPlain);
        return;
      }
      case 'keyword': {
        const start = tokens[cl.first]!.start;
        const end = tokens[cl.end - 1]!.end;
        const lead = tokens[cl.first]!.kind;
        if ((lead === 'lbrace' || lead === 'rbrace') && cl.end > cl.first + 1 && !this.gluesBraces && this.hasDollar(frame, start, end) && !this.substitutionChanges(frame, start, end)) {
          // A brace that starts the line is a line of its own, and keepalived reads what follows it as another. It
          // substitutes the whole line first, so where no reference resolves, `{ $X=DNS_CHECK \` begins a multi-line
          // definition; where one does, the substituted rest is that line (emitTokens).
          this.emitStore(file, from + cl.first, from + cl.first + 1);
          this.processTokens(frame, ln, from + cl.first + 1, to, true);
          return;
        }
        // keepalived substitutes no line that starts with '~' (one it does not read as a ~SEQ/~LST): `~FOO $X` stays as written.
        if (this.hasDollar(frame, start, end) && (file.text.charCodeAt(start) !== 126 || !this.substitutes)) {
          // A vertical tab, form feed or CR before the first word made this a keyword line (classifyLine): the text
          // substituted keeps it, so `\v$X=a` is not read again as a definition (keepalived: "Unknown keyword '$X=a'").
          const lineStart = residue ? start : store.lineStarts[ln]!;
          const from0 = lineStart < start && /[\v\f\r]/.test(file.text.slice(lineStart, start)) ? lineStart : start;
          const glued = this.gluedLastBackslash(file, tokens, cl.first, cl.end);
          if (glued >= 0) {
            // keepalived's comment pass moves a backslash that ends the line onto the word before it
            // before it substitutes: `$K \` reads '$K\', no reference (2.2.7: "Unknown keyword '$K\'").
            const text = file.text.slice(from0, glued) + '\\';
            this.processText(frame, text, [{ outStart: 0, outEnd: glued - from0, srcStart: from0, srcEnd: glued, verbatim: true }, { outStart: glued - from0, outEnd: text.length, srcStart: end - 1, srcEnd: end, verbatim: true }], 0, 'definition', false, true);
          } else this.processText(frame, file.text.slice(from0, end), [{ outStart: 0, outEnd: end - from0, srcStart: from0, srcEnd: end, verbatim: true }], 0, 'definition', false, true);
        } else {
          const rest = this.emitStore(file, from + cl.first, from + cl.end);
          if (rest >= 0) this.processTokens(frame, ln, rest, to, true);
        }
        return;
      }
    }
  }

  /**
   * Whether keepalived's substitution changes text[start, end) of the frame's file: it substitutes a whole line
   * before it splits it at its braces. Asked without leaving anything behind (undefined references, findings).
   */
  private substitutionChanges(frame: Frame, start: number, end: number): boolean {
    if (!this.substitutes) return false;
    const diagnostics = this.diagnostics.length;
    const refs = this.undefinedRefs.length;
    const used = [...this.usedDefinitions];
    try {
      return this.substituteOnce(frame.file.text.slice(start, end), [{ outStart: 0, outEnd: end - start, srcStart: start, srcEnd: end, verbatim: true }], frame).changed;
    } finally {
      this.diagnostics.length = diagnostics;
      this.undefinedRefs.length = refs;
      this.usedDefinitions.clear();
      for (const name of used) this.usedDefinitions.add(name);
    }
  }

  /** Whether text[start, end) of the frame's file holds a `$` (lines are visited in order, so one forward search serves many lines). */
  private hasDollar(frame: Frame, start: number, end: number): boolean {
    if (frame.nextDollar < start) {
      const at = frame.file.text.indexOf('$', start);
      frame.nextDollar = at < 0 ? frame.file.text.length : at;
    }
    return frame.nextDollar < end;
  }

  /** Hands tokens [from, to) of a file's store to the sink: runs of words between braces, and the braces. */
  /**
   * Stops before the rest of the line after a brace when that starts with `@`, `$`, `~` or an
   * include keyword and returns its first token (the caller reads it as a line), else -1.
   */
  private emitStore(file: SourceFile, from: number, to: number): number {
    const store = file.lex;
    const kinds = store.kinds;
    // An unclosed `"…` runs to the end of the line; keepalived drops it ("Unmatched quote"), braces
    // in it included (KA105 reports it).
    if (to > from && kinds[to - 1] === Kind.String) {
      const end = store.end(to - 1);
      if (end - store.starts[to - 1]! < 2 || file.text.charCodeAt(end - 1) !== 34) to--;
    }
    if (this.gluesBraces && oldBraceLine(kinds, store.starts, (i) => store.end(i), from, to)) {
      this.emitOldBraceLine(file, store.slice(from, to), 0, to - from, undefined);
      return -1;
    }
    let runStart = from;
    for (let i = from; i < to; i++) {
      const k = kinds[i];
      if (k === Kind.LBrace || k === Kind.RBrace) {
        if (i > runStart) this.emitStoreRun(file, runStart, i, false);
        runStart = i + 1;
        const counted = !(this.bracesBeforeCommentUncounted && commentFollowsOnLine(store, i));
        if (k === Kind.LBrace) this.sink.open(new StoreWord(store, i), counted);
        else this.sink.close(new StoreWord(store, i), counted);
        // keepalived reads what follows a brace as a line of its own: an `@id` prefix, a definition,
        // a ~SEQ or an include there covers the rest of the line.
        if (runStart < to && kinds[runStart] === Kind.Word) {
          const at = store.starts[runStart]!;
          if (specialFirstChar(file.text.charCodeAt(at)) || (runStart + 1 < to && isIncludeKeyword(file.text, at, store.end(runStart)))) return runStart;
        }
      }
    }
    if (to > runStart) this.emitStoreRun(file, runStart, to, true);
    return -1;
  }

  /**
   * keepalived reads lines with fgets into a 1024-byte buffer: a line of more than 1023 bytes (the
   * newline aside) arrives as pieces of 1023 bytes and a remainder. Before 2.4.0 each piece is read
   * as a line of its own; from 2.4.0 the full pieces are dropped ("line too long - ignoring") and
   * only the remainder is read. Checked with 2.2.7 and 2.4.3. A line whose bytes fill its last piece
   * (1023, 2046 … before the newline) has its newline read as one more piece, an empty line. Each piece
   * is read as a line as it comes, a continuation line of a multi-line definition included: a piece that
   * does not end in a backslash ends the definition, an empty or dropped one too (2.2.7 and 2.4.3 read_line).
   * Returns false for a line that fits; for one that fits but for its newline (before 2.4.0), notes it
   * in fullPieceLine for processPhysicalLine.
   */
  private readLongLine(frame: Frame, ln: number, lineStart: number, lineEnd: number): boolean {
    const text = frame.file.text;
    let contentEnd = lineEnd;
    if (contentEnd > lineStart && text.charCodeAt(contentEnd - 1) === 10) contentEnd--;
    // Piece boundaries as string offsets. keepalived cuts bytes, so a boundary may fall inside a character: `splitAt`
    // holds, for such a boundary, the character's UTF-16 length and how many of its bytes end the piece before.
    const cuts = [lineStart];
    const splitAt = new Map<number, { units: number; head: number }>();
    let bytes = 0;
    let totalBytes = 0;
    for (let i = lineStart; i < contentEnd; i++) {
      const c = text.charCodeAt(i);
      // (A surrogate pair is 4 bytes, counted at its first half; a lone U+DC80-U+DCFF is one byte that was not UTF-8.)
      const size = c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : c >= 0xdc00 && c < 0xe000 ? (isEscapedByte(c, text.charCodeAt(i - 1)) ? 1 : 0) : 3;
      if (bytes + size > LINE_CHUNK_BYTES) {
        const head = LINE_CHUNK_BYTES - bytes;
        cuts.push(i);
        if (head > 0) splitAt.set(i, { units: size === 4 ? 2 : 1, head });
        bytes = size - head;
      } else bytes += size;
      totalBytes += size;
    }
    const dropsFullPieces = this.dropsFullPieces;
    // A last piece of 1023 bytes leaves the newline for the next read: an empty piece (from 2.4.0 the full piece is
    // dropped too, also at the end of the file).
    const emptyLast = bytes === LINE_CHUNK_BYTES && (dropsFullPieces || contentEnd < lineEnd);
    if (cuts.length === 1) {
      if (emptyLast && !dropsFullPieces) this.fullPieceLine = { ln, lineStart, contentEnd, linesAfter: lineEnd < text.length };
      if (!emptyLast || !dropsFullPieces) return false;
    }
    if (emptyLast) cuts.push(contentEnd);
    const file = frame.file;
    cuts.push(contentEnd);
    // cuts now holds each piece's start and the line's end; the pieces read are those from `first` on.
    const pieceCount = cuts.length - 1;
    const first = dropsFullPieces ? pieceCount - 1 : 0;
    const pending = frame.pendingDefinition;
    let ended: { def: Definition; piece: number } | undefined;
    // From 2.4.0 each dropped piece is an empty line to a multi-line definition: it ends it.
    if (dropsFullPieces && pending) {
      this.readDefinitionPiece(frame, pending, { text: '', segments: [] }, ln);
      if (!frame.pendingDefinition) ended = { def: pending, piece: 0 };
    }
    if (!dropsFullPieces) appendAll((file.pieceCuts ??= []), cuts.slice(1, emptyLast ? -2 : -1));
    for (let k = first; k < pieceCount; k++) {
      const piece = longLinePiece(text, cuts[k]!, cuts[k + 1]!, splitAt.get(cuts[k]!), splitAt.get(cuts[k + 1]!));
      if (piece.text.includes('"')) this.checkPieceQuotes(file, piece);
      const def = frame.pendingDefinition;
      if (def) {
        this.readDefinitionPiece(frame, def, piece, ln);
        // Ended before the line's last piece, or by the empty piece after it: not where the written line ends it.
        if (!frame.pendingDefinition && (k < pieceCount - 1 - (emptyLast ? 1 : 0) || (k === pieceCount - 1 && emptyLast))) ended = { def, piece: k };
      } else if (piece.text) this.readPiece(frame, piece);
    }
    const pieces = dropsFullPieces ? pieceCount - 1 : pieceCount - (emptyLast ? 1 : 0);
    const ord = ended ? ORDINALS[ended.piece] ?? `${ended.piece + 1}th` : '';
    const message = dropsFullPieces
      ? `Line is ${totalBytes} bytes long; keepalived ${this.options.targetLabel ?? ''} reads lines in pieces of ${LINE_CHUNK_BYTES} bytes and drops the ${pieces === 1 ? 'first piece' : `first ${pieces} pieces`} ("line too long - ignoring"), ${ended ? `which ends the multi-line definition $${ended.def.name} as an empty line does, ` : ''}${emptyLast ? 'and reads its newline as an empty line: nothing of the line is read' : `reading only the rest${ended ? ' as a line of its own' : ''}`}`
      : !ended
        ? `Line is ${totalBytes} bytes long; keepalived reads lines in pieces of ${LINE_CHUNK_BYTES} bytes and reads each of the ${pieces} pieces of this one as a line of its own, without a word`
        : ended.piece === pieceCount - 1
          ? `Line is ${totalBytes} bytes long; keepalived reads lines in pieces of ${LINE_CHUNK_BYTES} bytes, each as a line of its own, and then its newline as one more piece, an empty line, which ends the multi-line definition $${ended.def.name} although the line ends in a backslash`
          : `Line is ${totalBytes} bytes long; keepalived reads lines in pieces of ${LINE_CHUNK_BYTES} bytes, one by one: the ${ord} piece does not end in a backslash, so it ends the multi-line definition $${ended.def.name}, and keepalived reads each piece after it as a line of its own, without a word`;
    this.report(
      'KA106',
      'error',
      message + this.longLineCountNote(Math.floor(totalBytes / LINE_CHUNK_BYTES), lineEnd < text.length, dropsFullPieces),
      file,
      lineStart,
      contentEnd,
    );
    return true;
  }

  /**
   * A line of exactly 1023 bytes before its newline, read whole before 2.4.0: its newline comes as an empty piece.
   * That ends a multi-line definition the line left going on; otherwise it only counts as a line for the processes
   * that read keepalived's copy of the file.
   */
  private endFullPieceLine(frame: Frame, line: NonNullable<Reader['fullPieceLine']>): void {
    this.fullPieceLine = undefined;
    const file = frame.file;
    const def = frame.pendingDefinition;
    if (def) {
      this.readDefinitionPiece(frame, def, { text: '', segments: [] }, line.ln);
      if (frame.pendingDefinition) return; // a release that skips an empty line there reads on, as for a whole line
      this.report(
        'KA106',
        'error',
        `Line is ${LINE_CHUNK_BYTES} bytes long: keepalived reads lines in pieces of ${LINE_CHUNK_BYTES} bytes, so it reads this one whole and then its newline as a piece of its own, an empty line, which ends the multi-line definition $${def.name} here although the line ends in a backslash; the next lines are read as configuration of their own` +
          this.longLineCountNote(1, line.linesAfter, false),
        file,
        line.lineStart,
        line.contentEnd,
      );
      return;
    }
    const count = this.longLineCountNote(1, line.linesAfter, false);
    if (!count) return;
    this.report('KA106', 'info', `Line is ${LINE_CHUNK_BYTES} bytes long: keepalived reads lines in pieces of ${LINE_CHUNK_BYTES} bytes, so it reads this one whole and then its newline as a piece of its own, an empty line, which it skips` + count, file, line.lineStart, line.contentEnd);
  }
  /** Set by readLongLine for a line of exactly one full piece (see endFullPieceLine). */
  private fullPieceLine: { ln: number; lineStart: number; contentEnd: number; linesAfter: boolean } | undefined;

  /**
   * keepalived takes comments off each piece of a long line on its own, and a double quote it leaves open there
   * stays open to the piece's end ("Unterminated quote"), where the line as written closes it: the piece ends inside
   * the quoted string, or starts inside one and its closing quote opens another. Quotes the line itself leaves open
   * are the linter's (KA105 from the file's tokens).
   */
  private checkPieceQuotes(file: SourceFile, piece: { text: string; segments: Segment[] }): void {
    const toks = lexLine(piece.text);
    const t = toks[toks.length - 1];
    if (!t || t.kind !== 'string' || (t.end - t.start >= 2 && piece.text.charCodeAt(t.end - 1) === 34)) return;
    const src = mapRange(piece.segments, t.start, t.end);
    if (!src.verbatim) return;
    const store = file.lex;
    // The file's own token at the quote: an unclosed string there is reported already.
    let lo = 0;
    let hi = store.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (store.starts[mid]! <= src.start) lo = mid;
      else hi = mid - 1;
    }
    const own = store.count && store.starts[lo] === src.start && store.kinds[lo] === Kind.String ? lo : -1;
    if (own >= 0 && !(store.end(own) - src.start >= 2 && file.text.charCodeAt(store.end(own) - 1) === 34)) return;
    const message =
      own >= 0
        ? `Unterminated double quote in a piece of this long line: keepalived reads the line in pieces of ${LINE_CHUNK_BYTES} bytes and takes comments and quotes off each on its own, and this piece ends inside the quoted string, so the quote is left open (keepalived: "Unterminated quote") and keepalived drops the quoted fragment`
        : `Unterminated double quote in a piece of this long line: keepalived reads the line in pieces of ${LINE_CHUNK_BYTES} bytes and takes comments and quotes off each on its own, and this piece starts inside a quoted string, so the quote that closes it opens another, left open (keepalived: "Unterminated quote"), and keepalived drops the quoted fragment`;
    this.report('KA105', 'error', message, file, src.start, src.end);
  }

  /**
   * A piece of a long line, not in a multi-line definition: keepalived reads it as a line as it comes, so a `$NAME=`
   * at its start defines NAME as written (its references are substituted where it is used) and a ~SEQ/~LST there
   * expands (or, invalid, is dropped with its own message), before any substitution.
   */
  private readPiece(frame: Frame, piece: { text: string; segments: Segment[] }): void {
    const toks = lexLine(piece.text);
    const cl = classifyLine(toks, 0, toks.length, this.features, 0);
    if ((cl.kind === 'definition' || cl.kind === 'seq') && (!cl.condition || conditionHolds(cl.condition, this.options.configId))) {
      if (cl.kind === 'definition') this.defineFromText(frame, piece.text, toks, cl, piece.segments);
      else this.expandSeq(frame, piece.text, toks[cl.first]!.start, toks[cl.end - 1]!.end, piece.segments);
      return;
    }
    this.processText(frame, piece.text, piece.segments, 0);
  }

  /**
   * A piece of a long line (or the empty one after it) read into the multi-line definition `def`, as
   * processPhysicalLine reads a whole line there: a piece that does not end in a backslash ends it.
   */
  private readDefinitionPiece(frame: Frame, def: Definition, piece: { text: string; segments: Segment[] }, ln: number): void {
    const file = frame.file;
    const toks = lexLine(piece.text);
    const { text, continues, escaped } = definitionLineText(piece.text, toks, 0, toks.length, undefined, this.commentBackslash, this.readsEscapedComments);
    const gap = !continues && (toks.length === 0 || (toks.length === 1 && toks[0]!.kind === 'comment')) && text.trim() === '';
    const empty = gap && /^\r*$/.test(piece.text);
    if (gap && (empty ? this.skipsEmptyLineInDefinition : this.skipsDecommentedLineInDefinition)) {
      def.outOfSight = true;
      return;
    }
    if (def.outOfSight) (file.definitionLinesOutOfSight ??= []).push(ln);
    def.lines.push(text);
    if (escaped) def.escapedComment = true;
    if (!continues) {
      frame.pendingDefinition = undefined;
      if (this.readsConfCopy && gap && !empty) {
        const span = mapRange(piece.segments, 0, piece.text.length);
        this.reportSplitDefinition(file, def, span.start, span.end, toks.length ? 'comment' : 'blank');
      }
    }
  }

  /**
   * What a long line does to keepalived's line numbers: a process that counts each piece it reads as a line (from 2.4.0
   * all of them; from CONF_COPY_SINCE the VRRP and checker processes, whose copy of the file holds each piece as a line)
   * names every later line of the file `extra` too high (2.2.7 and 2.4.3 builds, on lines of 1,024 to 2,100 bytes).
   */
  private longLineCountNote(extra: number, linesAfter: boolean, allProcesses: boolean): string {
    if (!linesAfter || extra < 1 || !this.readsConfCopy) return '';
    const howMany = extra === 1 ? 'one' : String(extra);
    return allProcesses
      ? `; keepalived counts each piece as a line, so its messages about later lines of this file give numbers ${howMany} too high`
      : `; keepalived's VRRP and checker processes count each piece as a line, so their messages about later lines of this file give numbers ${howMany} too high`;
  }

  /**
   * Whether the process whose reading counts here reads `\#` in a line as the character '#': every process from
   * 2.0.9 to 2.1.x (no copy yet); from CONF_COPY_SINCE only the parent, which reads global_defs and the top level
   * (2.2.7 and 2.4.3 -t: `vrrp_garp_master_delay 7\#x` in global_defs is "invalid number '7#x'"; `priority 50\#x`
   * in a vrrp_instance is 50 in the VRRP process's dump). `first`: the line's first word.
   */
  private readsEscapedCommentInLine(first: string | undefined): boolean {
    if (!this.readsEscapedComments) return false;
    if (!this.readsConfCopy) return true;
    return this.sink.parentReadsText?.(first) ?? false;
  }

  /**
   * From CONF_COPY_SINCE, a `\#` or `\!` after a line's first word in a block the VRRP or checker process reads:
   * the parent writes the character without its backslash into the copy those processes read, where it then starts
   * a comment (2.2.7 dump: `auth_pass ab\#cd` is the password 'ab'; 2.1.5's is 'ab#cd').
   */
  private reportCopyCutsEscapedComment(file: SourceFile, from: number, to: number): void {
    const store = file.lex;
    const text = file.text;
    const at = store.starts[to - 1]!;
    const lineStart = store.starts[from]!;
    const span = text.slice(lineStart, store.end(to - 1));
    if (span.includes('"') || span.includes('$') || specialFirstChar(text.charCodeAt(lineStart))) return;
    const c = text[at + 1]!;
    const blank = (ch: string) => ch === ' ' || ch === '\t';
    // After a blank the text is a comment from 2.2.0, as its writer most likely meant: nothing to say.
    if (blank(text[at - 1]!)) return;
    let wordStart = at;
    while (wordStart > lineStart && !blank(text[wordStart - 1]!) && text[wordStart - 1] !== '{' && text[wordStart - 1] !== '}') wordStart--;
    // The word as 2.0.9 to 2.1.x read it: escapes taken off, up to a blank, a brace or an unescaped '#'/'!'.
    let old = text.slice(wordStart, at);
    for (let i = at; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '\\' && (text[i + 1] === '#' || text[i + 1] === '!')) {
        old += text[++i];
        continue;
      }
      if (blank(ch) || ch === '\n' || ch === '\r' || ch === '{' || ch === '}' || ch === '#' || ch === '!') break;
      old += ch;
    }
    const now = text.slice(wordStart, at);
    const message = `A backslash does not keep '${c}' from starting a comment here: the VRRP and checker processes of keepalived ${this.label()}, which read this block from the parent's de-commented copy of the file (the backslash gone), take it for one and read ${now ? `the word '${now}'` : 'nothing of this word'}, where 2.0.9 to 2.1.x read '${old}'; if '${c}' is meant as part of the value, write it otherwise, else remove the backslash`;
    this.report('KA116', 'warning', message, file, at, at + 2);
  }

  /**
   * A line with `\#` or `\!` after its first word, as 2.0.9 to 2.1.x read it: the comment pass takes the
   * backslash off and keeps the character, so `priority 100 \# master` is `priority 100 # master` (the 2.1.5
   * build: "Unknown configuration entry '#' for ip address" on `10.0.0.1/24 \# the VIP`); an unescaped '#' or
   * '!' still starts a comment. From 2.2.0 the VRRP and checker processes read the parent's copy, where the
   * character does start one, as the lexer reads it. Lines with a quote or a '$' are left to the usual reading.
   * Returns whether the line was read.
   */
  private readEscapedCommentInLine(frame: Frame, from: number, to: number, quiet = false, fromFirstBrace = false): boolean {
    const file = frame.file;
    const store = file.lex;
    const text = file.text;
    const start = store.starts[from]!;
    let end = store.end(to - 1);
    if (text.charCodeAt(end - 1) === 13) end--;
    const span = text.slice(start, end);
    if (span.includes('"') || span.includes('$') || specialFirstChar(text.charCodeAt(start))) return false;
    // The comment pass: the text kept, with the source runs it came from.
    let out = '';
    const segments: Segment[] = [];
    let runStart = start;
    const flush = (upTo: number) => {
      if (upTo > runStart) segments.push({ outStart: out.length, outEnd: out.length + upTo - runStart, srcStart: runStart, srcEnd: upTo, verbatim: true });
      out += text.slice(runStart, upTo);
    };
    let escapeAt = -1;
    let escapeOut = -1;
    let i = start;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 92) {
        if (i + 1 >= end) return false; // a continuation: left to the usual reading
        const next = text.charCodeAt(i + 1);
        if (next === 35 || next === 33) {
          if (!quiet && escapeAt < 0) escapeAt = i;
          flush(i);
          if (escapeOut < 0) escapeOut = out.length;
          runStart = i + 1;
        }
        i++;
        continue;
      }
      if (c === 35 || c === 33) break;
    }
    flush(i);
    const kept = out.replace(/[ \t\f\v]+$/, '');
    if (escapeAt >= 0) this.reportEscapedCommentInLine(file, escapeAt, kept, escapeOut, store.kinds[from] === Kind.Word ? text.slice(start, store.end(from)) : undefined);
    // Words and braces (keepalived splits the line at its braces afterwards).
    const source = new SourceText('', Int32Array.of(0), kept);
    const tokens: Token[] = [];
    for (let k = 0; k < kept.length; ) {
      const c = kept[k]!;
      if (c === ' ' || c === '\t' || c === '\f' || c === '\v') {
        k++;
        continue;
      }
      if (c === '{' || c === '}') {
        tokens.push(new Token(c === '{' ? 'lbrace' : 'rbrace', k, k + 1, source));
        k++;
        continue;
      }
      let e = k;
      while (e < kept.length && !/[ \t\f\v{}]/.test(kept[e]!)) e++;
      tokens.push(new Token('word', k, e, source));
      k = e;
    }
    let first = 0;
    if (fromFirstBrace) while (first < tokens.length && tokens[first]!.kind === 'word') first++;
    if (tokens.length > first) this.emitTokens(file, tokens, first, tokens.length, segments);
    return true;
  }

  /**
   * KA116 on the first `\#` or `\!` (at `at`) of a line read as readEscapedCommentInLine reads it; `kept` is the line
   * as read, where the character is at `keptAt`.
   */
  private reportEscapedCommentInLine(file: SourceFile, at: number, kept: string, keptAt: number, first: string | undefined): void {
    const c = file.text[at + 1]!;
    const isBreak = (ch: string | undefined) => ch === undefined || ch === ' ' || ch === '\t' || ch === '\f' || ch === '\v' || ch === '{' || ch === '}';
    let read: string;
    if (keptAt > 0 && !isBreak(kept[keptAt - 1])) {
      let a = keptAt;
      while (a > 0 && !isBreak(kept[a - 1])) a--;
      let b = keptAt;
      while (b < kept.length && !isBreak(kept[b])) b++;
      read = `the '${c}' as a character of the word '${kept.slice(a, b)}'`;
    } else read = 'the text after it as more words of this line';
    const parent = this.sink.parentReadsText?.(first) ?? false;
    const globalDefs = parent && this.sink.blockKeyword?.() !== undefined;
    const where = globalDefs ? 'global_defs' : 'the top level';
    const copy = `read a copy of the file the parent de-comments, where it starts a comment${globalDefs ? ', and read global_defs only on a reload' : ''}`;
    const message = this.before(CONF_COPY_SINCE)
      ? parent
        ? `A backslash keeps '${c}' from starting a comment: keepalived ${this.label()} reads ${read} (so does the parent process of 2.2.0 and later, which reads ${where}; their VRRP and checker processes ${copy}); remove the backslash to make it a comment`
        : `A backslash keeps '${c}' from starting a comment: keepalived ${this.label()} reads ${read} (from 2.2.0 the VRRP and checker processes, which read this block, read a copy of the file the parent de-comments, where it starts a comment: they read the line up to the backslash); remove the backslash to make it a comment`
      : `A backslash keeps '${c}' from starting a comment: keepalived ${this.label()}'s parent process, which reads ${where}, reads ${read} (its VRRP and checker processes ${copy}); remove the backslash to make it a comment`;
    this.report('KA116', 'warning', message, file, at, at + 2);
  }

  /**
   * A line starting `\#` or `\!` (after blanks). From ESCAPED_COMMENT_SINCE keepalived's comment pass takes
   * the backslash off and keeps the `#`/`!` as a character, so the parent process reads the line as the word
   * `#…` (an unknown keyword at the top level and in global_defs). From CONF_COPY_SINCE the VRRP and
   * checker processes read the parent's de-commented copy, where that line now starts with `#` or `!`,
   * which mark the start and the end of an included file there: `#` makes them attribute the lines after
   * it to a file named by the rest of the line, `!` closes a file never opened and keepalived crashes
   * (2.2.7 -t: segmentation fault, exit 139, also inside an included file). Before CONF_COPY_SINCE every
   * process reads the original file, so the line is the word `#…` wherever it is.
   */
  /**
   * `prefixed`: the line starts with an `@id` prefix that holds. The parent reads the rest as above, but from
   * CONF_COPY_SINCE the copy it hands on has no marker line there (2.2.7: the VRRP and checker processes neither
   * report the word nor miscount lines), so only where the parent reads keywords is anything reported.
   */
  private reportEscapedCommentLine(file: SourceFile, start: number, end: number, definition?: { name: string; swallows: boolean }, prefixed = false): void {
    if (this.before(ESCAPED_COMMENT_SINCE)) return;
    if (prefixed && !this.before(CONF_COPY_SINCE)) {
      if (!(this.sink.parentReadsLine?.() ?? this.sink.parentReads?.() ?? false)) return;
      const word = /^[^ \t\r]*/.exec(escapedCommentLineText(file.text, start, end))![0];
      this.report('KA116', 'error', `A backslash keeps '${word[0]}' from starting a comment: keepalived's parent process reads the word '${word}' here ("Unknown keyword '${word}'"; the VRRP and checker processes skip the line); remove the backslash to make it a comment`, file, start, end);
      return;
    }
    const text = file.text;
    let line = escapedCommentLineText(text, start, end);
    // A lone trailing backslash joins the word before it, as on any line (2.2.7: `\!b \` reads "Unknown keyword '!b\'").
    if (this.gluesLoneBackslash) line = line.replace(/[ \t]+\\$/, '\\');
    const word = /^[^ \t]*/.exec(line)![0];
    const bang = word[0] === '!';
    const parent = definition === undefined && (this.sink.parentReadsLine?.() ?? this.sink.parentReads?.() ?? false);
    const unknown = `"Unknown keyword '${word}'"`;
    // In a multi-line definition the processes reading the copy skip the marker and take the next line into the value.
    const swallows = !definition?.swallows ? '' : `, and skip it inside the multi-line definition $${definition.name}, which for them takes in the next line too (a block opened there never opens)`;
    let severity: Severity = 'error';
    let message: string;
    if (this.before(CONF_COPY_SINCE)) {
      // Among notification_email's addresses, which keepalived takes without a check, it is one more address.
      const emails = this.sink.valueBlock?.() === 'notification_email';
      message = emails
        ? `A backslash keeps '${word[0]}' from starting a comment: keepalived reads this line as one more notification_email address, '${word}', without a word; remove the backslash to make it a comment`
        : `A backslash keeps '${word[0]}' from starting a comment: keepalived reads this line as the word '${word}' (${unknown} where a keyword is read); remove the backslash to make it a comment`;
      if (emails) severity = 'warning';
    } else if (bang) {
      const closes = this.escapedOpens > 0;
      if (closes) this.escapedOpens--;
      message = `A backslash keeps '!' from starting a comment: ${parent ? `keepalived's parent process reads the word '${word}' (${unknown}), and ` : ''}the copy of the configuration the parent hands the VRRP and checker processes has a line starting with '!' here, which they take for the end of an included file${closes ? ` (here the one a '\\#' line before it seemed to open)` : `, after which keepalived reads freed memory: ${CRASH_AFTER_BANG}, and the lines its messages name mean nothing`}${swallows}; remove the backslash to make it a comment`;
      if (closes && !parent && !swallows) severity = 'warning';
    } else {
      this.escapedOpens++;
      // The file name a '\#' line allocates can land in the memory an unmatched '\!' freed: 2.2.7 -t then reads on
      // without crashing (a '\!' in a real_server and a '\#' later in its checker: exit 0, no message).
      for (const d of this.crashPredictions) d.message = d.message.replace(CRASH_AFTER_BANG, CRASH_AFTER_BANG_UNCERTAIN);
      this.crashPredictions.length = 0;
      const name = line.slice(2);
      if (!parent && !swallows) severity = 'warning';
      message = `A backslash keeps '#' from starting a comment: ${parent ? `keepalived's parent process reads the word '${word}' (${unknown}), and ` : ''}the copy of the configuration the parent hands the VRRP and checker processes has a line starting with '#' here, which they take for the start of an included file${name ? ` named '${name}'` : ''}: their messages about the lines after it name that file and count its lines from here${swallows}; remove the backslash to make it a comment`;
    }
    this.report('KA116', severity, message, file, start, end);
    if (message.includes(CRASH_AFTER_BANG)) this.crashPredictions.push(this.diagnostics[this.diagnostics.length - 1]!);
    // In a block the parent skips unread (a vrrp_instance, a virtual_server), it counts the braces of the
    // de-commented line, which the VRRP and checker processes, taking the line for a marker, do not see.
    if (!parent && !this.before(CONF_COPY_SINCE) && this.sink.countedBrace) {
      const ls = file.lex.lineStarts;
      let quoted = false;
      for (let i = start + 1; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c === 34) quoted = !quoted;
        else if (quoted) continue;
        else if (c === 92 && i + 1 < end && (text[i + 1] === '#' || text[i + 1] === '!')) i++;
        else if (i > start + 1 && (c === 35 || c === 33)) break;
        else if (c === 123 || c === 125) this.sink.countedBrace(new SourceWord(text[i]!, false, file.path, i, i + 1, positionAt(ls, i), positionAt(ls, i + 1), false), c === 123, ESCAPED_BRACE_WHY);
      }
    }
  }

  /**
   * A line of blanks or of a comment alone inside a multi-line definition. keepalived's processes
   * disagree on it (2.2.7, 2.2.8, 2.4.3): the parent finds nothing left once the comment is cut, reads
   * the next line and goes on with the definition; the VRRP, checker and BFD processes read the
   * parent's copy, where the line is empty, and end the definition there. kalint reads as they do, and
   * reads the file again as the parent does for its findings (index.ts, parentOnlyFindings).
   */
  private reportSplitDefinition(file: SourceFile, def: Definition, lineStart: number, lineEnd: number, kind: 'blank' | 'comment' | 'include'): void {
    const text = file.text;
    let start = lineStart;
    if (kind !== 'blank') while (start < lineEnd && (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9)) start++;
    let end = lineEnd;
    while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
    const message =
      kind === 'include'
        ? `This include line ends the multi-line definition $${def.name} for keepalived's VRRP and checker processes: the copy of the configuration they read has an empty line in place of each include line, so they read the lines after it as configuration of their own, and where $${def.name} is used, its lines up to here and then the included files; its parent process takes the include into $${def.name} and reads $${def.name} on; make the include the definition's last line, or write it where $${def.name} is used`
        : `This ${kind === 'blank' ? 'line of blanks' : 'comment line'} ends the multi-line definition $${def.name} for keepalived's VRRP and checker processes, which read the lines after it as configuration of their own, while its parent process skips the line and reads $${def.name} on; ${kind === 'blank' ? 'make the line empty to end the definition here, or remove it' : 'remove the comment'}`;
    this.report('KA115', 'warning', message, file, start, end);
  }

  /**
   * When tokens[from, to) end with a lone `\` that is the last character of its line (nothing, not even
   * a blank, after it) and follows a word after blanks: where that word ends, else -1.
   */
  private gluedLastBackslash(file: SourceFile, tokens: Token[], from: number, to: number): number {
    if (!this.gluesLoneBackslash || to - from < 2) return -1;
    const last = tokens[to - 1]!;
    const prev = tokens[to - 2]!;
    if (last.kind !== 'word' || last.end - last.start !== 1 || file.text.charCodeAt(last.start) !== 92) return -1;
    if ((prev.kind !== 'word' && prev.kind !== 'string') || prev.end === last.start) return -1;
    const text = file.text;
    for (let i = last.end; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) break;
      if (c !== 13) return -1;
    }
    return prev.end;
  }

  /**
   * Whether a lone backslash that ends at `end` ends its line for keepalived, which then moves it onto the word
   * before it. A space or tab after it: keepalived's comment pass takes the backslash and that blank for an escaped
   * character and only then strips the trailing blanks, so the backslash stays a word of its own, for every process
   * before 2.2.0 and for the parent after; the VRRP and checker processes of 2.2.0 and later read the parent's copy,
   * where it does end the line (2.0.19 and 2.1.5 read `virtual_router_id 51 \ ` as 51, 2.2.7 as '51\'). The parent's
   * reading is the one that counts in global_defs and at the top level (2.2.4 to 2.4.3 -t accept
   * `vrrp_garp_master_delay 5 \ ` in global_defs, and 2.2.7's dump has the delay 5). `first`: the line's first word.
   */
  private backslashEndsLine(text: string, end: number, first: string | undefined): boolean {
    if (!lastOnLine(text, end)) return false;
    if (this.readsConfCopy && !this.options.parentReading && !(this.sink.parentReadsText?.(first) ?? false)) return true;
    const c = text.charCodeAt(end);
    return c !== 32 && c !== 9;
  }

  /** `endsLine`: no brace follows the run on its line. */
  private emitStoreRun(file: SourceFile, from: number, to: number, endsLine: boolean): void {
    const store = file.lex;
    // keepalived (2.0.9+) moves a lone trailing `\` onto the word before it: `virtual_router_id 51 \`
    // reads the number `51\`. Only at the end of the line: before a brace (`VI_1 \ {`) the `\` is a
    // word of its own.
    const last = to - 1;
    // After a quoted word the moved backslash is a word of its own: keepalived's tokenizer ends a word at its
    // closing quote (`priority "99" \` reads 99 and '\'; 2.2.7 in virtual_ipaddress: "Unknown configuration entry '\'").
    if (this.gluesLoneBackslash && endsLine && to - from >= 2 && store.kinds[last] === Kind.Word && store.kinds[last - 1] !== Kind.String && store.end(last) - store.starts[last]! === 1 && file.text.charCodeAt(store.starts[last]!) === 92 && this.backslashEndsLine(file.text, store.end(last), store.kinds[from] === Kind.Word ? file.text.slice(store.starts[from]!, store.end(from)) : undefined) && blanksOnly(file.text, store.end(last - 1), store.starts[last]!)) {
      const words: Word[] = [];
      for (let i = from; i < last - 1; i++) words.push(new StoreWord(store, i));
      const prev = new StoreWord(store, last - 1);
      const r = prev.range;
      words.push(new SourceWord(prev.text + '\\', prev.quoted, prev.file, prev.start, prev.end, r.start, r.end, false));
      this.sink.words(words, file.path);
      return;
    }
    this.sink.tokens(store, from, to);
  }

  /** A later line of a multi-line value that is a ~SEQ/~LST line: keepalived expands it before substituting. */
  private processRawSeq(frame: Frame, line: ExpandedLine): void {
    const toks = lexLine(line.text);
    const cl = classifyLine(toks, 0, toks.length);
    if (cl.condition && !conditionHolds(cl.condition, this.options.configId)) return;
    if (cl.kind !== 'seq') return;
    this.expandSeq(frame, line.text, toks[cl.first]!.start, toks[cl.end - 1]!.end, line.segments);
  }

  /**
   * Substitutes, re-lexes and emits a line of text whose pieces map back to `file` via `segments`;
   * `laterLine`: the text is a second or later line of a multi-line value. `headRead`: the text is a
   * keyword line whose `@id` prefix, if any, was already read off its physical line, so a leading
   * `@word` left unchanged by substitution is a word (`@^y @b $X` reads the keyword '@b').
   */
  private processText(frame: Frame, text: string, segments: Segment[], depth: number, origin: 'seq' | 'definition' | 'unexpanded-seq' = 'definition', laterLine = false, headRead = false): void {
    try {
      this.processTextLines(frame, text, segments, depth, origin, laterLine, headRead);
    } finally {
      // The multi-line values are read: the ~SEQ lines they held expand now, the last one read first.
      if (this.rawNesting === 0) for (let run = this.deferredSeqs.pop(); run; run = this.deferredSeqs.pop()) run();
    }
  }

  /**
   * A ~SEQ line: expands now, or, read from a multi-line value by a release that waits (seqsWaitForMultiline),
   * once the value ends; then, if lines of the value came between, says so where the ~SEQ line is written.
   */
  private seqFromValue(inMultiline: boolean, frame: Frame, line: { text: string; segments: Segment[] }, run: () => void): void {
    if (!inMultiline || !this.seqsWaitForMultiline) return run();
    const emittedBefore = this.linesEmitted;
    this.deferredSeqs.push(() => {
      if (this.linesEmitted > emittedBefore) {
        const span = mapRange(line.segments, 0, line.text.trimEnd().length);
        this.report(
          'KA113',
          'warning',
          `keepalived ${this.label()} expands the rows of a ~SEQ line read from a multi-line definition only once the definition's last line is read, so they come after the lines below it (after a closing '}' they land in the enclosing block); ` +
            `keepalived ${SEQ_IN_MULTILINE_VALUE_SINCE.join('.')} and later expand them in place: write the ~SEQ line outside the definition`,
          frame.file,
          span.start,
          span.end,
        );
      }
      run();
    });
  }

  private processTextLines(frame: Frame, text: string, segments: Segment[], depth: number, origin: 'seq' | 'definition' | 'unexpanded-seq', laterLine: boolean, headRead: boolean): void {
    // A line starting with '~' that keepalived does not expand is read as written: it substitutes no such line. But it
    // splits the line at its first brace, and reads the rest as a line of its own, which it substitutes like any other
    // (2.0.20 on `~LST({I,J}, {1,a}) ${D}`: ')' is the unknown keyword, not 'D'; 2.2.7 likewise after `~x {`).
    if (origin === 'unexpanded-seq' && this.substitutes) {
      const brace = firstBraceOutsideQuotes(text, 0, text.length);
      if (brace > 0 && text.indexOf('$', brace) > 0) {
        this.processTextLines(frame, text.slice(0, brace), sliceSegments(segments, 0, brace), depth, origin, laterLine, headRead);
        const rest = sliceSegments(segments, brace, text.length).map((g) => ({ ...g, outStart: g.outStart - brace, outEnd: g.outEnd - brace }));
        this.processTextLines(frame, text.slice(brace), rest, depth, 'definition', laterLine, headRead);
        return;
      }
    }
    // A later line of a multi-line value that starts `$NAME=` defines NAME as written: keepalived looks for a definition
    // before it substitutes (2.1.5, 2.2.7, 2.4.3: `$B=priority $N` there stores '$N', read where B is used).
    if (laterLine && origin !== 'unexpanded-seq' && text.includes('$') && this.defineFromValueLine(frame, text, segments)) return;
    const { lines } = origin === 'unexpanded-seq' && this.substitutes ? { lines: [{ text, segments } as ExpandedLine] } : this.substitute(text, frame, segments);
    // The limit on lines one line expands into counts from the outermost line.
    if (this.rawNesting === 0) {
      this.expandedLines = 0;
      this.expansionStopped = false;
    }
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index]!;
      if (line.raw) {
        // Past a limit the rest of the outermost line's expansion is dropped, at every level of it.
        if (this.expansionStopped) return;
        // A definition this expansion began and left going on (`$B=… \` on a line of the value) takes the value's
        // next lines, as keepalived reads them, before any line of the file (2.2.7: `$B=vrrp_instance V1 { \ \`).
        if (frame.pendingDefinition) {
          this.continueDefinitionFromValue(frame, frame.pendingDefinition, line.text);
          continue;
        }
        // A later line of a multi-line value: read only now, after the lines before it.
        const overTotal = ++this.expandedLinesTotal > MAX_EXPANDED_LINES_TOTAL;
        // Reported once: past the total, every later line would say it again.
        if (overTotal && this.expandedLinesTotal > MAX_EXPANDED_LINES_TOTAL + 1) {
          this.expansionStopped = true;
          return;
        }
        if (++this.expandedLines > MAX_EXPANDED_LINES || overTotal || this.rawNesting >= MAX_MULTILINE_NESTING) {
          const span = mapRange(line.segments, 0, line.text.length);
          const why =
            this.rawNesting >= MAX_MULTILINE_NESTING
              ? 'Multi-line definitions expand into themselves without end; keepalived loops forever on this line'
              : overTotal
                ? `Definitions expand the configuration into more than ${MAX_EXPANDED_LINES_TOTAL} lines; kalint stops expanding here`
                : `Definitions expand this line into more than ${MAX_EXPANDED_LINES} lines; kalint stops expanding`;
          this.report('KA113', 'error', why, frame.file, span.start, span.end);
          this.expansionStopped = true;
          return;
        }
        this.rawNesting++;
        try {
          // Both forms hold a '~': most value lines (a real_server's settings) are neither.
          const seq = line.text.includes('~') && SEQ_START.test(line.text);
          const prefixed = seq || !line.text.includes('~') ? undefined : PREFIXED_SEQ.exec(line.text);
          if (seq) this.seqFromValue(true, frame, line, () => this.processRawSeq(frame, line));
          else if (prefixed) {
            // `@x ~SEQ(…) $RS` on a later line: the prefix is read first, then the ~SEQ expands the rest as
            // written (2.2.7 expands it for id x). Blanked out, the prefix keeps every offset in place.
            if ((prefixed[3] === this.options.configId) !== (prefixed[2] === '^')) this.seqFromValue(true, frame, line, () => this.processRawSeq(frame, { ...line, text: ' '.repeat(prefixed[1]!.length) + line.text.slice(prefixed[1]!.length) }));
          } else if (line.text.trimStart().startsWith('~') && !/^\s*~(?:SEQ|LST)/.test(line.text)) this.processText(frame, line.text, line.segments, depth, 'unexpanded-seq', true);
          else this.processText(frame, line.text, line.segments, depth, origin, true);
        } finally {
          this.rawNesting--;
        }
        continue;
      }
      // A later line of a multi-line value is not de-commented again before CONF_COPY_SINCE: a '#' or '!' the value
      // kept from a `\#` or `\!` is a character there too (2.0.19, 2.1.5: "Unknown keyword '#'" where the value is used).
      const keepsComment = line.substituted ? this.keepsSubstitutedComment : laterLine && this.readsEscapedComments && !this.readsConfCopy;
      const toks = keepsComment ? lexKeepingSubstitutedComments(line) : lexLine(line.text);
      // keepalived before 2.4.0 strips the comment of a substituted line again but keeps a `\` that
      // ends it, glued to the word before or alone: `$H 10.0.0.1 \` with H='${_HASH}' reads the line
      // `\` (2.2.7: "VRRP parsed invalid IP \"). A later line no substitution changed skips that pass.
      if (this.commentBackslash && (!laterLine || line.substituted) && toks.length && toks[toks.length - 1]!.kind === 'comment') {
        const c = toks[toks.length - 1]!;
        const bs = commentTrailingBackslash(line.text, c.start, c.end);
        if (bs >= 0) toks[toks.length - 1] = new Token('word', bs, bs + 1, c.src);
      }
      let cl = classifyLine(toks, 0, toks.length, this.features, 0);
      if (cl.condition && headRead && index === 0 && !line.substituted) cl = { kind: 'keyword', first: 0, end: cl.end, comment: cl.comment };
      // A ~SEQ/~LST line the target does not expand (see expandSeqLine) is words and braces like any other line.
      if (origin === 'unexpanded-seq' && index === 0 && cl.kind === 'seq') cl = { kind: 'keyword', first: cl.first, end: cl.end, comment: cl.comment };
      // A later line of a multi-line value, or a ~SEQ/~LST row, that starts with `@id` as written: keepalived reads the prefix before it
      // substitutes, like any line's (2.0.19 reads `@^y retry ${_RANDOM 1 3}` there without the loop of a prefix a
      // definition writes).
      const writtenPrefix = (laterLine || origin === 'seq') && index === 0 && cl.condition !== undefined && WRITTEN_PREFIX.exec(text)?.[1] === toks[0]!.text;
      if (line.substituted && !writtenPrefix && (cl.condition || cl.kind === 'definition' || cl.kind === 'seq') && this.readSubstitutedAsTarget(frame, text, line, toks, cl)) continue;
      if (line.substituted && (cl.kind === 'definition' || (cl.condition && !conditionHolds(cl.condition, this.options.configId))) && !this.before(SUBSTITUTED_LINE_DECOMMENTED_SINCE)) {
        this.substitutedQuoteNotRead(frame.file, toks, cl, line.segments);
      }
      if (cl.condition) {
        // A substitution that produces `@id` makes the line conditional (keepalived 2.2.8 to 2.3.x re-check).
        if (!conditionHolds(cl.condition, this.options.configId)) continue;
      }
      if (cl.kind === 'empty' || cl.kind === 'comment') continue;
      if (cl.kind === 'seq' && (line.continued || line.rechecked || line.text.includes('$'))) {
        // keepalived checks a substituted line again while it still holds a `$`, and reads the later
        // lines of a multi-line value afresh: either way a `~SEQ`/`~LST` there expands.
        const head = toks[cl.first]!;
        this.seqFromValue(lines.length > 1 || this.rawNesting > 0, frame, line, () => this.expandSeq(frame, line.text, head.start, toks[cl.end - 1]!.end, line.segments));
        continue;
      }
      if (cl.kind === 'definition') {
        // keepalived checks a substituted line again: `$A` with A='$B=1' defines B.
        this.defineFromText(frame, line.text, toks, cl, line.segments);
        continue;
      }
      if (cl.kind === 'include' && depth < 4) {
        const kw = toks[cl.first]!;
        const span = this.before(LINE_FEATURES_SINCE.includeRestOfLine) ? undefined : includePattern(kw, cl.comment, this.before(INCLUDE_NEEDS_SPACE_FIXED_IN), this.commentBackslash);
        const pStart = span ? span.start : toks[cl.first + 1]!.start;
        const pEnd = span ? span.end : toks[cl.end - 1]!.end;
        const src = mapRange(line.segments, kw.start, Math.max(pEnd, kw.end));
        const pattern = span ? span.pattern : line.text.slice(pStart, pEnd);
        if (!pattern) {
          this.reportEmptyInclude(frame.file, src.start, src.end);
          continue;
        }
        // Only the first line of a multi-line definition is read twice by keepalived's child
        // processes; an include on a later line is read once, like a plain one (checked with the binary).
        const why = origin === 'seq' ? 'is a ~SEQ/~LST row' : index === 0 && !laterLine ? 'comes from a $definition' : undefined;
        const read = this.include(frame, kw.text, src.start, pattern, src.start, src.end, why, origin === 'seq' ? this.seqIncludeDir : undefined);
        if (origin === 'seq' && read.length) this.seqIncludeDir = dirname(read[0]!.path);
        continue;
      }
      // A later line of a multi-line value that no substitution changed skips keepalived's comment
      // pass, which is what moves a line-ending `\` onto the word before it (`auth_type PASS \` reads 'PASS').
      this.emitTokens(frame.file, toks, cl.first, cl.end, line.segments, !laterLine || line.substituted === true, frame);
    }
  }

  /**
   * A line that a substitution made start with `@id`, `$NAME=` or `~SEQ`, where the target release
   * does not read it as 2.2.8 to 2.3.x do (see SUBSTITUTED_CONDITION_HANGS_BEFORE). `before` is the
   * line as written (its length is what 2.1.4 to 2.2.7 strip the prefix with). Returns whether the
   * line has been dealt with.
   */
  private readSubstitutedAsTarget(frame: Frame, before: string, line: ExpandedLine, toks: Token[], cl: ClassifiedLine): boolean {
    const span = mapRange(line.segments, 0, line.text.length);
    const label = this.label();
    const head = `'${toks[0]!.text}'`;
    const advice = `Write ${head} on the line itself`;
    if (!this.before(SUBSTITUTED_LINE_NOT_RECHECKED_SINCE)) {
      // 2.2.8 to 2.3.x check the line again only when it starts with '@' or still holds a '$'.
      if (!cl.condition && !line.rechecked && !line.text.includes('$')) return false;
      const meant = cl.condition ? 'honour the prefix' : cl.kind === 'definition' ? 'read it as a definition' : 'expand it';
      this.report('KA113', 'warning', `A definition writes ${head} at the start of this line; keepalived ${label} does not check a substituted line again and reads ${head} as a keyword (2.2.8 to 2.3.x ${meant}). ${advice}`, frame.file, span.start, span.end);
      this.emitTokens(frame.file, toks, 0, cl.end, line.segments, true, frame);
      return true;
    }
    if (!cl.condition || !this.before(SUBSTITUTED_CONDITION_STALE_LENGTH_FIXED_IN)) return false;
    if (this.before(SUBSTITUTED_CONDITION_HANGS_BEFORE)) {
      // These releases do not strip the substituted line again: a blank the substitution left before the '@' (an empty
      // value, `$E @low router_id b`) means no prefix, and '@low' is a keyword (2.0.19: "Unknown keyword '@low'").
      const blanks = (t: string) => t.length - t.trimStart().length;
      if (blanks(line.text) > blanks(before)) {
        this.emitTokens(frame.file, toks, 0, cl.end, line.segments, true, frame);
        return true;
      }
      // A line whose id is another host's is dropped at the first look: only a kept one loops (2.0.19, -i y and -i x).
      if (!conditionHolds(cl.condition, this.options.configId)) return false;
      this.report('KA113', 'error', `keepalived ${label} loops forever on this line: a definition writes ${head} at its start (fixed in 2.1.4). ${advice}`, frame.file, span.start, span.end);
      return true;
    }
    if (!conditionHolds(cl.condition, this.options.configId)) return false; // dropped either way
    // keepalived's buffer after the substitution: from the prefix to the last word (comments stripped).
    const buf = encodeText(line.text.slice(toks[0]!.start, toks[cl.end - 1]!.end));
    let prefix = 0;
    while (prefix < buf.length && buf[prefix] !== 32 && buf[prefix] !== 9) prefix++;
    if (prefix === buf.length) return false; // nothing after the id: the line is dropped
    while (buf[prefix] === 32 || buf[prefix] === 9) prefix++;
    // It moves (length before substituting - prefix + 1) bytes down over the prefix.
    const moved = utf8Length(before) - prefix + 1;
    if (moved >= buf.length - prefix + 1) return false; // the whole rest and its end: read right
    const how = 'strip that prefix using the line\'s length from before the substitution';
    if (moved < 0) {
      this.report('KA113', 'error', `keepalived ${label} crashes on this line (exit status 134, "double free or corruption"): a definition writes ${head} at its start, longer than the line was, and 2.1.4 to 2.2.7 ${how}, which corrupts memory (fixed in 2.2.8). ${advice}`, frame.file, span.start, span.end);
      return true;
    }
    if (moved === 0) {
      this.report('KA113', 'error', `keepalived ${label} reads ${head} as a keyword here: a definition writes it at the start of this line, and 2.1.4 to 2.2.7 ${how}, which moves nothing here (fixed in 2.2.8). ${advice}`, frame.file, span.start, span.end);
      this.emitTokens(frame.file, toks, 0, cl.end, line.segments, true, frame);
      return true;
    }
    const bytes = new Uint8Array(buf.length);
    bytes.set(buf.subarray(prefix, prefix + moved));
    bytes.set(buf.subarray(moved), moved);
    const garbled = decodeBytes(bytes);
    this.report('KA113', 'error', `keepalived ${label} reads this line as '${garbled}': a definition writes ${head} at its start, and 2.1.4 to 2.2.7 ${how}, which was shorter, so stale bytes stay behind (fixed in 2.2.8); -t does not report the change itself, only what the line it reads makes it say. ${advice}`, frame.file, span.start, span.end);
    const gt = lexLine(garbled);
    const gcl = classifyLine(gt, 0, gt.length);
    const garbledSegments: Segment[] = [{ outStart: 0, outEnd: garbled.length, srcStart: span.start, srcEnd: span.end, verbatim: false }];
    // keepalived goes on checking the line it now has: one that starts `$NAME=` defines NAME (2.2.7: `$IF=eium<TAB>…`
    // made interface $IF read 'eium').
    if (gcl.kind === 'definition' && !gcl.condition) this.defineFromText(frame, garbled, gt, gcl, garbledSegments);
    else if (gcl.kind !== 'empty' && gcl.kind !== 'comment') this.emitTokens(frame.file, gt, gcl.first, gcl.end, garbledSegments);
    return true;
  }

  /**
   * A substituted line keepalived reads as a definition or drops for its `@id` prefix, with a quote a substitution
   * left open: keepalived's comment pass over the substituted line reports it first (2.1.4 and later; emitTokens
   * reports it on the lines read as configuration).
   */
  private substitutedQuoteNotRead(file: SourceFile, toks: Token[], cl: ClassifiedLine, segments: Segment[]): void {
    if (cl.end <= cl.first) return;
    const t = toks[cl.end - 1]!;
    if (t.kind !== 'string' || (t.end - t.start >= 2 && t.src.text.charCodeAt(t.end - 1) === 34)) return;
    if (mapRange(segments, t.start, t.start + 1).verbatim) return; // written in the file: reported there
    const span = mapRange(segments, t.start, t.end);
    const text = t.src.text.slice(t.start, t.end);
    const fragment = text.length > 40 ? `${text.slice(0, 39)}…` : text;
    const fate = cl.kind === 'definition' && (!cl.condition || conditionHolds(cl.condition, this.options.configId))
      ? `this line becomes the definition of '${cl.name}', and its value keeps the open quote`
      : `keepalived reports it before it drops the line for its '${cl.condition!.token.text}' prefix`;
    this.report('KA105', 'error', `Unterminated double quote from a substitution: the value leaves '${fragment}' open (keepalived: "Unterminated quote"); ${fate}`, file, span.start, span.end);
  }

  /** Turns tokens into words and braces for the sink; `segments` maps synthetic offsets to the source. */
  private emitTokens(file: SourceFile, tokens: Token[], from: number, to: number, segments: Segment[] | undefined, gluesBackslash = true, frame?: Frame): void {
    this.linesEmitted++;
    // As in emitStore: keepalived drops an unclosed `"…` also when a substitution produced it
    // (`$Q` with Q='"x foo' reads nothing; 2.2.7 reports only the unterminated quote).
    if (to > from && tokens[to - 1]!.kind === 'string') {
      const t = tokens[to - 1]!;
      if (t.end - t.start < 2 || t.src.text.charCodeAt(t.end - 1) !== 34) {
        to--;
        // The parser reports a quote written in the file; one a substitution brings is reported
        // where the substitution is, as keepalived does ("Unterminated quote" on the line using it).
        if (segments && !mapRange(segments, t.start, t.start + 1).verbatim) {
          const span = mapRange(segments, t.start, t.end);
          const fragment = t.src.text.slice(t.start, t.end);
          this.report('KA105', 'error', `Unterminated double quote from a substitution: the value leaves '${fragment.length > 40 ? `${fragment.slice(0, 39)}…` : fragment}' open, and keepalived drops the quoted fragment`, file, span.start, span.end);
        }
      }
    }
    if (this.gluesBraces && oldBraceLine(tokens.map((t) => TOKEN_KINDS[t.kind]!), tokens.map((t) => t.start), (i) => tokens[i]!.end, from, to)) {
      this.emitOldBraceLine(file, tokens, from, to, segments);
      return;
    }
    // Words between braces become one keyword line; arrays are allocated at their exact size
    // (a growing array reserves 16+ slots, which on 600k-word configs costs tens of megabytes).
    let runStart = from;
    for (let i = from; i < to; i++) {
      const t = tokens[i]!;
      if (t.kind === 'lbrace' || t.kind === 'rbrace') {
        if (i > runStart) this.emitRun(file, tokens, runStart, i, segments, false);
        runStart = i + 1;
        if (t.kind === 'lbrace') this.sink.open(segments ? this.makeWord(file, t, segments) : t);
        else this.sink.close(segments ? this.makeWord(file, t, segments) : t);
        // After a substitution too, what follows a brace is a line of its own: keepalived reads it afresh, so an
        // `@id` prefix, a definition, a ~SEQ or an include there (`} ${X}` with X='@y') is one.
        if (frame && segments && runStart < to && this.residueNesting < MAX_RESIDUE_NESTING && this.freshLineStart(tokens, runStart, to)) {
          const a = tokens[runStart]!.start;
          const b = tokens[to - 1]!.end;
          this.residueNesting++;
          try {
            this.processText(frame, tokens[runStart]!.src.text.slice(a, b), shiftSegments(sliceSegments(segments, a, b), -a), 0, 'definition');
          } finally {
            this.residueNesting--;
          }
          return;
        }
      }
    }
    if (to > runStart) this.emitRun(file, tokens, runStart, to, segments, gluesBackslash);
  }

  /** Whether tokens[at, to) read as a line of their own start one keepalived treats specially (`@id`, `$NAME=`, `~SEQ`, an include). */
  private freshLineStart(tokens: Token[], at: number, to: number): boolean {
    const t = tokens[at]!;
    if (t.kind !== 'word') return false;
    const text = t.src.text;
    return specialFirstChar(text.charCodeAt(t.start)) || (at + 1 < to && isIncludeKeyword(text, t.start, t.end));
  }

  /**
   * A line holding a brace glued to a word or to another brace, as a release before BRACES_SPLIT_SINCE reads
   * it (lib/parser.c of 1.3.5: alloc_strvec, process_stream, read_value_block, alloc_value_block). Words are
   * what blanks and quotes separate, so touching braces and words make one word (`TCP_CHECK{` is an unknown
   * keyword, `eth0}` an interface name, `}}` a word that closes nothing). Of the brace words, only these act:
   * a `}` first on the line, and outside value blocks a `{` first on the line (either ends the line: the rest
   * is not read) and a `{` last on a keyword's line; any other is one more word of the line, except in the
   * lists of READS_VALUE_WORDS (a `}` word ends them) and in a skipped block (every brace word counts). The
   * same holds for a line whose braces stand alone where those releases do not look for them
   * (`authentication { auth_type PASS }`: the block has no `{` and runs on past this line).
   */
  private emitOldBraceLine(file: SourceFile, tokens: Token[], from: number, to: number, segments: Segment[] | undefined): void {
    const words: Word[] = [];
    for (let i = from; i < to; ) {
      let end = i + 1;
      while (end < to && tokens[end - 1]!.end === tokens[end]!.start && gluable(tokens[end - 1]!, tokens[end]!)) end++;
      if (end === i + 1) {
        const t = tokens[i]!;
        words.push(t.kind === 'word' || t.kind === 'lbrace' || t.kind === 'rbrace' ? (segments ? this.makeWord(file, t, segments) : t) : this.makeWord(file, t, segments));
      } else {
        const first = tokens[i]!;
        const last = tokens[end - 1]!;
        const text = first.src.text.slice(first.start, last.end);
        const ls = file.lex.lineStarts;
        const m = segments ? mapRange(segments, first.start, last.end) : { start: first.start, end: last.end, verbatim: true };
        words.push(new SourceWord(text, false, file.path, m.start, m.end, positionAt(ls, m.start), positionAt(ls, m.end), !m.verbatim));
      }
      i = end;
    }
    const acted = this.readOldBraceLine(file, words);
    // The brace words not acted on still count for the processes that skip the block around.
    if (this.sink.countedBrace) {
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        if (acted.has(i) || w.quoted || w.end - w.start !== 1) continue;
        if (w.text === '{' || w.text === '}') this.sink.countedBrace(w, w.text === '{');
      }
    }
  }

  /**
   * emitOldBraceLine's reading of one line's words; returns the indices of the brace words it acted on
   * (indices: two braces expanded from one reference may be one word object).
   */
  private readOldBraceLine(file: SourceFile, words: Word[]): Set<number> {
    const acted = new Set<number>();
    const open = (i: number) => {
      acted.add(i);
      this.sink.open(words[i]!);
    };
    const close = (i: number) => {
      acted.add(i);
      this.sink.close(words[i]!);
    };
    const head = words[0]!;
    const isBrace = (w: Word, b: string) => !w.quoted && w.text === b && w.end - w.start === 1;
    // A skipped block is skipped by counting the brace words of each line.
    if (this.sink.skipping?.()) {
      this.sink.skippedLine?.(words);
      for (let i = 0; i < words.length; i++) {
        if (isBrace(words[i]!, '{')) open(i);
        else if (isBrace(words[i]!, '}')) close(i);
      }
      return acted;
    }
    if (isBrace(head, '}')) {
      close(0);
      return acted;
    }
    // Values from word `from` up to a `}` word, which ends the list (read_value_block; the rest of the line is not read).
    const valuesUpToBrace = (from: number) => {
      let end = from;
      while (end < words.length && !isBrace(words[end]!, '}')) end++;
      if (end > from) this.sink.words(words.slice(from, end), file.path);
      if (end < words.length) close(end);
    };
    const list = this.sink.valueBlock?.();
    if (list !== undefined) {
      if (READS_VALUE_WORDS.has(list)) valuesUpToBrace(0);
      // alloc_value_block: every other line is a value, braces included.
      else this.sink.words(words, file.path);
      return acted;
    }
    if (isBrace(head, '{')) {
      open(0);
      return acted;
    }
    if (!head.quoted && words.length > 1 && READS_VALUE_WORDS.has(head.text)) {
      this.sink.words([head], file.path);
      const braced = isBrace(words[1]!, '{');
      if (braced) open(1);
      valuesUpToBrace(braced ? 2 : 1);
      return acted;
    }
    const last = words[words.length - 1]!;
    if (words.length > 1 && isBrace(last, '{')) {
      this.sink.words(words.slice(0, -1), file.path);
      open(words.length - 1);
      return acted;
    }
    this.sink.words(words.slice(), file.path);
    return acted;
  }

  /** `endsLine`: no brace follows the run on its line. */
  private emitRun(file: SourceFile, tokens: Token[], from: number, to: number, segments: Segment[] | undefined, endsLine: boolean): void {
    // keepalived (2.0.9+) moves a lone trailing `\` onto the word before it: `virtual_router_id 51 \`
    // reads the number `51\`; not before a brace on the line (see emitStoreRun).
    const last = tokens[to - 1]!;
    const gluedBackslash = this.gluesLoneBackslash && endsLine && to - from >= 2 && last.kind === 'word' && last.text === '\\' && tokens[to - 2]!.kind !== 'lbrace' && tokens[to - 2]!.kind !== 'rbrace' && tokens[to - 2]!.kind !== 'string' && this.backslashEndsLine(last.src.text, last.end, tokens[from]!.kind === 'word' ? tokens[from]!.text : undefined) && blanksOnly(last.src.text, tokens[to - 2]!.end, last.start);
    const n = gluedBackslash ? to - from - 1 : to - from;
    const words: Word[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const t = tokens[from + k]!;
      // The common case: the token itself is the word (no allocation).
      const word = this.makeWord(file, t, segments);
      // In substituted text only the word itself can say it touched the one before (see Word.gluedToPrevious).
      words[k] = segments && k > 0 && tokens[from + k - 1]!.end === t.start && word instanceof SourceWord ? word.gluedCopy() : word;
    }
    if (gluedBackslash) {
      const prev = words[n - 1]!;
      const r = prev.range;
      words[n - 1] = new SourceWord(prev.text + '\\', prev.quoted, prev.file, prev.start, prev.end, r.start, r.end, prev.expanded ?? false);
    }
    this.sink.words(words, file.path);
  }

  /** A word for a quoted token, or for a token of substituted text (mapped back to the source). */
  private makeWord(file: SourceFile, t: Token, segments: Segment[] | undefined): Word {
    const quoted = t.kind === 'string';
    if (!segments) {
      const r = t.range;
      return new SourceWord(tokenValue(t), quoted, file.path, t.start, t.end, r.start, r.end, false);
    }
    const ls = file.lex.lineStarts;
    const m = mapRange(segments, t.start, t.end);
    const text = quoted ? tokenValue(t) : t.text;
    const expanded = !m.verbatim;
    // A definition's lines expanded 30,000 times by ~SEQ rows are the same few words at the same place
    // each time: one word object each (words are immutable and compared by file and offset, never by
    // identity), which keeps such an analysis about half as large.
    let byFile = this.wordMemo.get(file.path);
    if (!byFile) this.wordMemo.set(file.path, (byFile = new Map()));
    const slot = m.start * 2 + (quoted ? 1 : 0);
    let byText = byFile.get(slot);
    if (!byText) byFile.set(slot, (byText = new Map()));
    const known = byText.get(text);
    if (known && known.end === m.end && known.expanded === expanded) return known;
    const word = new SourceWord(text, quoted, file.path, m.start, m.end, this.sourcePosition(ls, m.start), this.sourcePosition(ls, m.end), expanded);
    byText.set(text, word);
    return word;
  }

  /** Words made for substituted text, by file, place (start offset and quoting) and text: see makeWord. */
  private readonly wordMemo = new Map<string, Map<number, Map<string, SourceWord>>>();

  /**
   * positionAt, remembering the last two answers: the words of an expanded line all point at the
   * reference that produced them, so a ~SEQ row or a definition's lines ask for the same offsets
   * again and again. SourceWord copies its positions when asked for a range, so sharing one is safe.
   */
  private sourcePosition(lineStarts: Int32Array, offset: number): Position {
    const memo = this.positionMemo;
    if (memo.lineStarts === lineStarts) {
      if (memo.offsetA === offset) return memo.a!;
      if (memo.offsetB === offset) return memo.b!;
    } else {
      memo.lineStarts = lineStarts;
      memo.offsetA = memo.offsetB = -1;
    }
    const p = positionAt(lineStarts, offset);
    // The older answer gives way.
    memo.offsetB = memo.offsetA;
    memo.b = memo.a;
    memo.offsetA = offset;
    memo.a = p;
    return p;
  }

  private readonly positionMemo: { lineStarts: Int32Array | undefined; offsetA: number; a: Position | undefined; offsetB: number; b: Position | undefined } = {
    lineStarts: undefined,
    offsetA: -1,
    a: undefined,
    offsetB: -1,
    b: undefined,
  };

  // ---------- definitions and substitution ----------

  /**
   * `${_PWD}` for a file in `dir`: absolute, as keepalived's getcwd gives it, and where a path mapping
   * says where the folder is deployed (`/etc/keepalived` → `deploy/keepalived`), the deployed path.
   */
  private workingDirectory(dir: string): string {
    const absolute = (p: string) => (p.startsWith('/') ? p : (this.options.host?.absolutePath?.(p) ?? p));
    const here = absolute(dir);
    for (const [deployed, folder] of Object.entries(this.options.pathMappings ?? {})) {
      const local = absolute(folder).replace(/\/+$/, '');
      if (here === local || here.startsWith(`${local}/`)) return `${deployed.replace(/\/+$/, '')}${here.slice(local.length)}` || '/';
    }
    this.localWorkingDirectories.add(here);
    return here;
  }

  private predefined(name: string, args: string, frame: Frame): string | undefined {
    if (!this.hasPredefined(name)) return undefined;
    switch (name) {
      case '_PWD':
        return this.workingDirectory(frame.dir);
      case '_INSTANCE':
        // keepalived's config id (-i; the host name without it): the id this file is read for.
        return this.options.configId;
      case '_RANDOM': {
        // Deterministic for analysis: the lower bound of the range.
        // args is ' MIN MAX' (checked by the caller): blanks, then the first number.
        let from = 0;
        while (from < args.length && isBlankText(args[from]!)) from++;
        let to = from;
        while (to < args.length && !isBlankText(args[to]!)) to++;
        const min = args.slice(from, to);
        return min && /^\d+$/.test(min) ? min : '0';
      }
      case '_HASH':
        return '#';
      case '_BANG':
        return '!';
      default:
        return undefined;
    }
  }

  /**
   * Replaces `$NAME` and `${NAME}` with definitions until none is left (keepalived repeats the
   * substitution). Multi-line values expand into several lines when the reference ends the line.
   */
  /**
   * `multilineRest`: the text is the first line of the multi-line value of that definition, whose other lines
   * (`count`) keepalived keeps only when this line's first substitution finishes (see the multiline case below).
   * The answer's `restDropped` says that it did not.
   */
  private substitute(text: string, frame: Frame, segments: Segment[], depth = 0, multilineRest?: { name: string; count: number }): { lines: ExpandedLine[]; restDropped?: boolean } {
    if (!this.substitutes) {
      this.noteUnsubstituted(text, frame, segments);
      return { lines: [{ text, segments }] };
    }
    const endless = (why: string) => {
      const span = mapRange(segments, 0, text.length);
      this.report('KA113', 'error', why, frame.file, span.start, span.end);
      return { lines: [] };
    };
    if (depth > MAX_MULTILINE_NESTING) {
      return endless('Multi-line definitions expand into themselves without end; keepalived loops forever on this line');
    }
    if (depth === 0 && this.options.target && compareVersions(this.options.target, EMPTY_AFTER_REFERENCE_HANG_BEFORE) < 0) {
      const hang = this.emptyAfterReference(text);
      if (hang) return endless(`keepalived ${this.options.targetLabel ?? this.options.target.join('.')} loops forever on this line: '${hang}' is a reference followed at once by one to an empty definition (fixed in 2.1.4)`);
    }
    let cur = text;
    let segs = segments;
    // keepalived substitutes once, then checks the line again (for `@id`, definitions, `~SEQ`) only
    // while it still holds a `$`.
    let rechecked = false;
    const done = () => {
      const lines: ExpandedLine[] = splitLines(cur, segs);
      if (rechecked) for (const l of lines) l.rechecked = true;
      if (cur !== text) lines[0]!.substituted = true;
      return { lines };
    };
    // The line's length halfway through the passes: a cycle that has not grown since never will.
    let halfway = 0;
    for (let pass = 0; pass < MAX_SUBSTITUTION_PASSES; pass++) {
      if (pass === MAX_SUBSTITUTION_PASSES / 2) halfway = cur.length;
      const r = this.substituteOnce(cur, segs, frame, 0, SUBSTITUTED_LINE_MAX);
      if (r.overLimit) {
        // keepalived stops substituting at its line limit and only logs it (at a level -t does not
        // print); what it then reads is the line substituted up to the reference that did not fit.
        // On the first line of a multi-line value, in the same substitution that put the value in (the first pass),
        // it also loses the value's other lines: it keeps them only once that substitution is done (2.2.7
        // replace_param returns before it stores where they are).
        const restDropped = pass === 0 && multilineRest !== undefined;
        const rest = restDropped
          ? `; as this is the first line of the multi-line value of $${multilineRest.name}, keepalived also loses the value's ${multilineRest.count === 1 ? 'other line' : `other ${multilineRest.count} lines`}, which it never reads`
          : '';
        const span = mapRange(segments, 0, text.length);
        this.report('KA113', 'warning', `Substituting definitions makes this line longer than the ${SUBSTITUTED_LINE_MAX} characters keepalived substitutes into; it stops expanding it at the first reference that does not fit, logs that (not shown by keepalived -t) and reads a partly expanded line${rest}`, frame.file, span.start, span.end);
        cur = r.text;
        segs = r.segments;
        return restDropped ? { ...done(), restDropped } : done();
      }
      if (!r.changed) return done();
      if (r.multiline) {
        // The last reference expanded into several lines; each is processed on its own.
        const out: ExpandedLine[] = [];
        let restDropped = false;
        r.multiline.forEach((l, i) => {
          if (restDropped) return;
          if (i === 0) {
            // keepalived puts the value's first line in place and, while it holds a `$`, checks it again as it
            // is, before substituting it: a ~SEQ/~LST there expands, and its rows are substituted, not the line
            // (`$RS` with RS='~LST({I,J},…) real_server 10.0.${N}.${I} 80 { \…' and N defined). From 2.4.0 the
            // substituted line is not checked again: it is substituted through and read as words.
            if (l.text.includes('$') && SEQ_START.test(l.text) && this.before(SUBSTITUTED_LINE_NOT_RECHECKED_SINCE)) out.push({ text: l.text, segments: l.segments, rechecked: true });
            else {
              const first = this.substitute(l.text, frame, l.segments, depth + 1, { name: r.multilineName!, count: r.multiline!.length - 1 });
              for (const line of first.lines) out.push(line);
              restDropped = first.restDropped === true;
            }
          } else {
            // keepalived reads the second and later lines of a multi-line value afresh, one at a time:
            // a `$NAME=` line there defines NAME for the lines after it, and a `~SEQ` there is one.
            out.push({ text: l.text, segments: l.segments, continued: true, raw: true });
          }
        });
        if (out[0] && !out[0].raw) out[0].substituted = true;
        return { lines: out };
      }
      cur = r.text;
      segs = r.segments;
      // keepalived strips comments again before it looks at the line again: a reference behind a
      // `#` that a substitution produced (`$OFF $RS` with OFF='#') is never substituted.
      const cut = cur.includes('$') ? commentStartIn(cur) : -1;
      if (cut >= 0 && cur.indexOf('$', cut) >= 0) {
        // Before 2.4.0 the backslash that ends the comment stays (`${_BANG}$B=\` reads '\'): keep the
        // comment's first character and that backslash, which the line's lexing then treats as any comment's.
        const bs = this.commentBackslash ? commentTrailingBackslash(cur, cut, cur.length) : -1;
        const kept = bs > cut ? [...sliceSegments(segs, 0, cut + 1), ...shiftSegments(sliceSegments(segs, bs, bs + 1), cut + 1 - bs)] : sliceSegments(segs, 0, cut);
        cur = bs > cut ? cur.slice(0, cut + 1) + '\\' : cur.slice(0, cut);
        segs = kept;
      }
      if (cur.includes('$')) {
        rechecked = true;
        // Checked again, the line is a ~SEQ/~LST: its rows are substituted, not the line.
        if (SEQ_START.test(cur)) return done();
      }
    }
    // keepalived substitutes again from the text it just wrote: a cycle that lengthens the line ends at
    // its length limit, one that does not (`$IF=${IF}`) never ends (2.2.7: keepalived -t hangs).
    if (cur.length <= halfway) return endless('Definitions refer to each other without end and never lengthen the line: keepalived loops forever on it (keepalived -t never finishes)');
    const full = runawaySubstitution(text, (name, atEnd) => {
      const def = this.definitions.get(name);
      const v = def ? expansionOf(def) : undefined;
      if (v) return v.length > 1 ? (atEnd ? 'unfollowed' : undefined) : v[0]!;
      return name === '_ENV' || name === '_RANDOM' ? 'unfollowed' : this.predefined(name, '', frame);
    });
    if (!full) return endless('Definitions refer to each other without end; keepalived keeps substituting until the line is too long');
    const span = mapRange(segments, 0, text.length);
    const rest = mapRange(segments, full.firstReference, text.length);
    const line = full.text.trim();
    const shown = line.length > 60 ? `${line.slice(0, 40)}…${line.slice(-16)}` : line;
    this.report('KA113', 'warning', `Definitions refer to each other without end: keepalived substitutes until its ${LINE_BUFFER_SIZE}-byte line buffer is full, then reads the ${full.text.length} characters it has ('${shown}')`, frame.file, span.start, span.end);
    cur = full.text;
    segs = [...sliceSegments(segments, 0, full.firstReference), { outStart: full.firstReference, outEnd: cur.length, srcStart: rest.start, srcEnd: rest.end, verbatim: false }];
    return done();
  }

  /**
   * For a target without definitions (before 1.4.0): notes the `${NAME}` and whole-word `$NAME` references
   * of a line outside double quotes, which it reads as written (KA109).
   */
  private noteUnsubstituted(text: string, frame: Frame, segments: Segment[]): void {
    for (const m of text.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*)(?=$|\s))/g)) {
      if (m[2] !== undefined && m.index > 0 && !/\s/.test(text[m.index - 1]!)) continue;
      if (insideDoubleQuotes(text, m.index)) continue;
      const src = mapRange(segments, m.index, m.index + m[0].length);
      if (src.verbatim) this.undefinedRefs.push({ name: m[1] ?? m[2]!, braced: m[1] !== undefined, unsubstituted: true, file: frame.file, start: src.start, end: src.end });
    }
  }

  /** The target release as the user named it. */
  /**
   * KA112 where keepalived, under the usual limit on open files, has no descriptor left to open the files of this include
   * line (USUAL_FD_LIMIT): once, at the line where the chain it is reading fills the limit (deeper lines are in files it
   * never opened). kalint reads on, as keepalived does with a higher limit.
   */
  private reportDescriptorsRunOut(reading: Frame[], file: SourceFile, kwStart: number, end: number, pattern: string, variant: string, checks: number): void {
    const own = this.before(CONF_COPY_FD_SINCE) ? 5 : 6;
    const folders = !this.before(FOLDER_FD_SINCE);
    // Each file being read holds one descriptor or two: far from the limit either way, nothing to count (a deep chain
    // would otherwise be walked whole at each of its include lines).
    if (own + 2 * reading.length < USUAL_FD_LIMIT || own + reading.length - 1 >= USUAL_FD_LIMIT) return;
    let held = own;
    let heldBeforeTop = own;
    for (const f of reading) {
      heldBeforeTop = held;
      held += 1 + (folders && !f.namedWithoutFolder ? 1 : 0);
    }
    // The file with this line was opened (a free descriptor was left for it), and nothing is left for the next one.
    if (held < USUAL_FD_LIMIT || heldBeforeTop >= USUAL_FD_LIMIT) return;
    const level: Severity = 'error';
    const checked = checks & INCLUDE_CHECK.read ? this.refusal(level, variant, INCLUDE_CHECK.read) : `; keepalived -t exits 0`;
    const folderNote = folders ? ', and one more for the folder of each file named with a folder' : '';
    this.report(
      'KA112',
      level,
      `include chain ${reading.length.toLocaleString('en-US')} files deep: keepalived ${this.label()} keeps each file of the chain it is reading open${folderNote}, ` +
        `so with the usual limit of ${USUAL_FD_LIMIT.toLocaleString('en-US')} open files (systemd's default for a service) it has none left for '${pattern}' here: ` +
        `it skips it and everything it includes (keepalived: "open problem (Too many open files) - skipping")${checked}. ` +
        `Flatten the chain, or raise the limit (LimitNOFILE) where keepalived runs; kalint reads on`,
      file,
      kwStart,
      end,
    );
  }

  private label(): string {
    return this.options.targetLabel ?? this.options.target?.join('.') ?? '2.2.7';
  }

  /** Whether the target release comes before `v` (no target: read as 2.2.7). */
  /** Whether the target has the predefined definition `name` (any release, with no target). */
  private hasPredefined(name: string): boolean {
    const since = PREDEFINED_SINCE.get(name);
    return !since || !this.options.target || compareVersions(this.options.target, since) >= 0;
  }

  /** What an include problem of this severity does to the whole configuration (see INCLUDE_ERROR_REFUSES_SINCE). */
  private refusal(severity: Severity, variant: string, check: number): string {
    if (severity !== 'error' || this.before(INCLUDE_ERROR_REFUSES_SINCE)) return '';
    const by = (INCLUDE_KEYWORD_CHECKS[variant] ?? 0) & check ? `'${variant}'` : "'include_check' in global_defs";
    return `; with ${by} that is a configuration file error: keepalived refuses the whole configuration, starts nothing and exits with status 6 (keepalived -t prints only what its main process reads)`;
  }

  private before(v: Version): boolean {
    return !this.options.target || compareVersions(this.options.target, v) < 0;
  }

  /**
   * Checks a `${_ENV NAME}` reference (ENV_DEFINITION_SINCE): the variable's name, or undefined when
   * keepalived leaves the reference as written (or crashes on it), which is reported here.
   */
  private environmentReference(args: string, frame: Frame, src: { start: number; end: number; verbatim: boolean }): string | undefined {
    const report = (severity: Severity, message: string) => src.verbatim && this.report('KA113', severity, message, frame.file, src.start, src.end);
    if (!args) {
      report('error', `keepalived ${this.label()} crashes on a '_ENV' reference that names no variable (a segmentation fault, also under keepalived -t): write \${_ENV NAME}`);
      return undefined;
    }
    if (!DEFINITION_PARAMETERS.test(args)) return undefined;
    const names = args.trim().split(/[ \t]+/);
    if (names.length !== 1) {
      report('error', `'\${_ENV}' takes one variable name, not ${names.length}: keepalived reads the text as it is and splits it at its braces (keepalived: "Definition _ENV requires between 1 and 1 parameters, ${names.length} specified.")`);
      return undefined;
    }
    const name = names[0]!;
    if (this.options.host?.environment?.(name) === undefined) {
      report('info', `environment variable ${name} is not set where kalint runs, so '\${_ENV ${name}}' is read as empty here; keepalived reads the value of its own environment (a systemd Environment= or EnvironmentFile= line, /etc/default/keepalived, /etc/sysconfig/keepalived), and nothing when it is unset there`);
    }
    return name;
  }

  /** Reports `${_RANDOM MIN MAX}` bounds keepalived cannot draw from (see RANDOM_BOUNDS_CHECKED_SINCE). */
  private checkRandomBounds(args: string, frame: Frame, src: { start: number; end: number; verbatim: boolean }): void {
    if (!src.verbatim) return;
    const [minText, maxText] = args.trim().split(/\s+/);
    const ulong = (t: string) => {
      const v = BigInt(t);
      return v > ULONG_MAX ? ULONG_MAX : v;
    };
    const min = ulong(minText!);
    const max = maxText === undefined ? 32767n : ulong(maxText);
    if (min <= max) return;
    const written = frame.file.text.slice(src.start, src.end);
    const bounds = `its lower bound ${min} is above its upper bound ${max}${maxText === undefined ? ' (the default when only one number is given)' : ''}`;
    if (!this.before(RANDOM_BOUNDS_CHECKED_SINCE)) {
      this.report('KA113', 'error', `'${written}': ${bounds}; keepalived reports it ("min ${min} exceeds max ${max}") and uses ${min}`, frame.file, src.start, src.end);
    } else if (((max - min + 1n) & ULONG_MAX) === 0n) {
      this.report('KA113', 'error', `keepalived ${this.label()} crashes on '${written}': ${bounds}, so drawing a number from it divides by zero (SIGFPE, exit status 136) and nothing is checked or started; 2.4.0 reports it instead`, frame.file, src.start, src.end);
    } else {
      this.report('KA113', 'warning', `'${written}': ${bounds}; keepalived ${this.label()} does not notice and produces a number from ${min} up, cut to ${String(max).length} digit${String(max).length === 1 ? '' : 's'} (2.4.0 reports it and uses ${min})`, frame.file, src.start, src.end);
    }
  }

  /** `$A$B` or `$A${B}` with A defined and B defined empty (see EMPTY_AFTER_REFERENCE_HANG_BEFORE), as written. */
  private emptyAfterReference(text: string): string | undefined {
    const re = /\$([A-Za-z_][A-Za-z0-9_]*)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const b = this.definitions.get(m[2] ?? m[3]!);
      if (this.definitions.has(m[1]!) && b && isEmptyDefinition(b)) return m[0];
      re.lastIndex = m.index + 1;
    }
    return undefined;
  }

  /**
   * A bare `$NAME` of a definition with another character right after it (`$BASE/check.sh`, `10.0.$N.1`, `"$CMD"`):
   * keepalived takes a bare name as a reference only before a blank, a tab, ',' or ')' or at the end of the line
   * (find_definition), so it reads the text as written, silently; `${NAME}` is what was meant.
   */
  private noteGluedReferences(text: string, segments: Segment[], frame: Frame): void {
    if (!this.substitutes) return;
    const glued = this.referenceEndsAtComma ? GLUED_REFERENCE : GLUED_REFERENCE_BEFORE_2_1;
    glued.lastIndex = 0;
    let g: RegExpExecArray | null;
    while ((g = glued.exec(text))) {
      const name = g[1]!;
      if (!this.definitions.has(name) && !(PREDEFINED_SINCE.has(name) && this.hasPredefined(name))) {
        // `interface $IF}`: the brace ends the word as a blank would (keepalived splits it off), so an undefined name
        // here is read as literal text just as in `interface $IF }`, and said so the same way.
        if (g[2] === '}' && startsWord(text, g.index) && !insideDoubleQuotes(text, g.index)) {
          const src = mapRange(segments, g.index, g.index + name.length + 1);
          const since = this.hasPredefined(name) ? undefined : PREDEFINED_SINCE.get(name);
          if (src.verbatim) this.undefinedRefs.push({ name, braced: false, file: frame.file, start: src.start, end: src.end, ...(since ? { predefinedSince: since } : {}) });
        }
        continue;
      }
      const src = mapRange(segments, g.index, g.index + g[0].length);
      if (src.verbatim) this.undefinedRefs.push({ name, braced: false, gluedTo: g[2]!, file: frame.file, start: src.start, end: src.end });
    }
  }

  private substituteOnce(
    text: string,
    segments: Segment[],
    frame: Frame,
    rescans = 0,
    limit = Infinity,
  ): { changed: boolean; text: string; segments: Segment[]; multiline?: { text: string; segments: Segment[] }[]; multilineName?: string; stopped?: boolean; overLimit?: boolean } {
    const re = (this.referenceEndsAtComma ? REFERENCES : REFERENCES_BEFORE_2_1)[rescans]!;
    re.lastIndex = 0;
    // A shell default (`${IFACE:-eth0}`) or a template's `${var.vip}` is no reference for keepalived: the text stays as written.
    if (text.includes('${')) {
      FOREIGN_REFERENCE.lastIndex = 0;
      let s: RegExpExecArray | null;
      while ((s = FOREIGN_REFERENCE.exec(text))) {
        if (insideDoubleQuotes(text, s.index)) continue;
        const src = mapRange(segments, s.index, s.index + s[0].length);
        if (!src.verbatim) continue;
        const shell = SHELL_REFERENCE.exec(s[0]);
        this.undefinedRefs.push({ name: shell ? shell[1]! : s[0], braced: true, shell: shell ? s[0] : undefined, foreign: shell ? undefined : s[0], file: frame.file, start: src.start, end: src.end });
      }
    }
    if (rescans === 0) this.noteGluedReferences(text, segments, frame);
    let out = '';
    const outSegs: Segment[] = [];
    let last = 0;
    let changed = false;
    let m: RegExpExecArray | null;
    const copy = (from: number, to: number) => {
      if (to <= from) return;
      const base = out.length;
      out += text.slice(from, to);
      for (const s of sliceSegments(segments, from, to)) outSegs.push({ ...s, outStart: s.outStart - from + base, outEnd: s.outEnd - from + base });
    };
    while ((m = re.exec(text))) {
      const name = m[1] ?? m[3]!;
      // What keepalived does not substitute it scans on from the character after its '$': the words of a `${…}` it
      // leaves may hold references (`${_RANDOM $I 10}` is `${_RANDOM 1 10}` once $I is in, on the line's next pass).
      const resumeAt = m.index + 1;
      // `${NAME   }`: spaces but no parameter still name NAME for keepalived, which then replaces only as
      // many characters as `${NAME}` has, so the rest (`  }`) stays on the line: `${R  }` reads 'abc }'.
      const spacesOnly = m[2] !== undefined && SPACES_ONLY.test(m[2]);
      const args = spacesOnly ? '' : (m[2] ?? '');
      const matchEnd = spacesOnly ? m.index + name.length + 3 : m.index + m[0].length;
      const envReference = name === '_ENV' && !this.before(ENV_DEFINITION_SINCE) && !this.definitions.has(name);
      if (envReference) {
        const env = this.environmentReference(args, frame, mapRange(segments, m.index, m.index + m[0].length));
        if (env === undefined) {
          re.lastIndex = resumeAt;
          continue;
        }
      }
      // Only _RANDOM (and _ENV, above) take parameters, and only spaces and digits ending with a digit: keepalived
      // leaves any other `${NAME …}` as it is (and then splits it at its braces).
      else if (args && (name !== '_RANDOM' || !/^ [ 0-9]*[0-9]$/.test(args) || !this.hasPredefined('_RANDOM'))) {
        if (name === '_ENV' && m[1] !== undefined && !this.definitions.has(name) && !insideDoubleQuotes(text, m.index)) {
          const src = mapRange(segments, m.index, m.index + m[0].length);
          if (src.verbatim) this.undefinedRefs.push({ name, braced: true, newer: true, file: frame.file, start: src.start, end: src.end });
        } else if (name === '_RANDOM' && m[1] !== undefined && !this.hasPredefined(name) && !this.definitions.has(name) && !insideDoubleQuotes(text, m.index)) {
          const src = mapRange(segments, m.index, m.index + m[0].length);
          if (src.verbatim) this.undefinedRefs.push({ name, braced: true, predefinedSince: PREDEFINED_SINCE.get(name)!, written: m[0], file: frame.file, start: src.start, end: src.end });
        }
        re.lastIndex = resumeAt;
        continue;
      }
      const def = this.definitions.get(name);
      let value: string[] | undefined = def && expansionOf(def);
      // The processes reading the parent's copy get `$OFF=#` there and cut the value at the '#' (2.2.7:
      // `$OFF priority 300` with OFF='\#' is a comment for the parent, 'priority 300' in a vrrp_instance).
      // At the top level those processes read the line too, and say what they find there (2.2.7: "Unknown keyword
      // 'foo'" for `$OFF foo`); in global_defs only the parent reports.
      if (value && def!.escapedComment && this.readsConfCopy && (!(this.sink.parentReads?.() ?? false) || (this.sink.atTopLevel?.() ?? false))) value = value.map(cutAtComment);
      if (!value && envReference) value = [this.options.host?.environment?.(args.trim()) ?? ''];
      if (!value) {
        const p = this.predefined(name, args, frame);
        if (p !== undefined) value = [p];
        if (name === '_RANDOM' && args) this.checkRandomBounds(args, frame, mapRange(segments, m.index, m.index + m[0].length));
      }
      if (!value) {
        // `${NAME}`, or a bare `$NAME` that is a whole word (`interface $IFACE`; `pa$word` is a password).
        const wholeWord = m[3] !== undefined && startsWord(text, m.index) && !/[,)]/.test(text[m.index + m[0].length] ?? '');
        if (((m[1] !== undefined && !args) || wholeWord) && !insideDoubleQuotes(text, m.index)) {
          const src = mapRange(segments, m.index, m.index + m[0].length);
          const since = this.hasPredefined(name) ? undefined : PREDEFINED_SINCE.get(name);
          // An include line's pattern is not split at its braces: the reference stays in the pattern as written.
          const inInclude = m[1] !== undefined && (this.substitutingIncludePattern || INCLUDE_LINE.test(text));
          if (src.verbatim) this.undefinedRefs.push({ name, braced: m[1] !== undefined, file: frame.file, start: src.start, end: src.end, ...(since ? { predefinedSince: since } : {}), ...(inInclude ? { inInclude } : {}) });
        }
        re.lastIndex = resumeAt;
        continue;
      }
      this.usedDefinitions.add(name);
      const refStart = m.index;
      const refEnd = matchEnd;
      const src = mapRange(segments, refStart, refEnd);
      if (spacesOnly) {
        const written = mapRange(segments, m.index, m.index + m[0].length);
        const left = text.slice(matchEnd, m.index + m[0].length);
        if (written.verbatim) this.report('KA113', 'warning', `'${m[0]}': keepalived replaces only '${text.slice(m.index, matchEnd)}' (as many characters as '\${${name}}' has) and leaves '${left}' on the line${left.includes('}') ? ", where its '}' closes a block" : ''}; write '\${${name}}'`, frame.file, written.start, written.end);
      }
      if (args && refEnd < text.length && value.length === 1 && value[0]!.length + 1 < refEnd - refStart && this.before(PARAM_REFERENCE_SHIFT_FIXED_IN)) {
        // keepalived before 2.4.0 shifts the rest of the line wrongly after `${_RANDOM MIN MAX}` followed
        // by more text: it moves only the first character after the reference, so what it reads
        // is the number, that character, then the text from the reference's (number length + 1)th
        // character on: `r_${_RANDOM 5 9}x` reads `r_5x_RANDOM 5 9}x`.
        const v = value[0]!;
        copy(last, refStart);
        outSegs.push({ outStart: out.length, outEnd: out.length + v.length, srcStart: src.start, srcEnd: src.end, verbatim: false });
        out += v;
        copy(refEnd, refEnd + 1);
        copy(refStart + v.length + 1, text.length);
        return { changed: true, text: out, segments: outSegs };
      }
      if (value.length > 1) {
        // Multi-line values only expand at the end of a line.
        if (!isBlankText(text.slice(refEnd))) {
          re.lastIndex = resumeAt;
          continue;
        }
        // A line of the value that defines the same name again, with lines still to come: keepalived frees the
        // value while it reads it and reads the rest from freed memory (garbage keywords or a segmentation fault
        // from 2.0.19 to 2.4.3; the lines as written where the memory is not reused yet). From 2.4.0 the first
        // line, being the substituted line, is not checked again: it is an unknown keyword, and nothing is freed.
        const again = value.findIndex((l, i) => i < value.length - 1 && l.startsWith(`$${name}=`));
        const firstNotRechecked = again === 0 && !this.before(SUBSTITUTED_LINE_NOT_RECHECKED_SINCE);
        if (again >= 0 && !firstNotRechecked && def && !this.redefinedInValue.has(def)) {
          this.redefinedInValue.add(def);
          this.report('KA113', 'error', `Line ${again + 1} of the value of $${name} defines $${name} again: keepalived frees the value while it still reads it, so what it reads of the lines after that one is left to chance (garbage keywords or a crash; where the memory is not reused yet, the lines as written, and -t does not report it); remove that line`, frame.file, src.start, src.end);
        }
        if (out.length + refStart - last + value[0]!.length > limit) {
          copy(last, text.length);
          return { changed, text: out, segments: outSegs, overLimit: true };
        }
        copy(last, refStart);
        const prefix = out;
        const prefixSegs = outSegs.slice();
        const lines = value.map((v, i) => {
          const t = (i === 0 ? prefix : '') + v;
          const segs: Segment[] = i === 0 ? prefixSegs.slice() : [];
          const base = i === 0 ? prefix.length : 0;
          segs.push({ outStart: base, outEnd: base + v.length, srcStart: src.start, srcEnd: src.end, verbatim: false });
          return { text: t, segments: segs };
        });
        return { changed: true, text, segments, multiline: lines, multilineName: name };
      }
      let v = value[0]!;
      // keepalived substitutes from left to right and stops at the first reference whose value would take the line
      // past its limit: the references before it stay substituted, it and the rest as written.
      const room = limit - (out.length + refStart - last + text.length - refEnd);
      if (v.length > room) {
        copy(last, text.length);
        return { changed, text: out, segments: outSegs, overLimit: true };
      }
      copy(last, refStart);
      // keepalived reads a value it has just put in the line again at once, before the rest of the
      // line, and stops substituting the line after a value that starts with '~' (a ~SEQ/~LST row
      // it is building): `$OFF $RS` with OFF='${_HASH}' and RS='~SEQ…' reads '# ~SEQ…', a comment.
      let first = 0;
      while (first < v.length && (v.charCodeAt(first) === 32 || v.charCodeAt(first) === 9)) first++;
      const tilde = v.charCodeAt(first) === 126;
      let stopped = tilde;
      // The value's own references are substituted in place, against what is left of the limit: keepalived stops at
      // the first of them that does not fit, the ones before it substituted.
      let innerOverLimit = false;
      if (!tilde && v.includes('$') && rescans < MAX_VALUE_RESCANS) {
        const inner = this.substituteOnce(v, [{ outStart: 0, outEnd: v.length, srcStart: src.start, srcEnd: src.end, verbatim: false }], frame, rescans + 1, room);
        if (inner.changed && !inner.multiline) {
          v = inner.text;
          stopped = inner.stopped === true;
        }
        innerOverLimit = inner.overLimit === true;
      }
      outSegs.push({ outStart: out.length, outEnd: out.length + v.length, srcStart: src.start, srcEnd: src.end, verbatim: false });
      out += v;
      last = refEnd;
      changed = true;
      if (innerOverLimit) {
        copy(last, text.length);
        return { changed, text: out, segments: outSegs, overLimit: true };
      }
      if (stopped) {
        copy(last, text.length);
        return { changed: true, text: out, segments: outSegs, stopped: true };
      }
    }
    if (!changed) return { changed: false, text, segments };
    copy(last, text.length);
    return { changed: true, text: out, segments: outSegs };
  }

  // ---------- ~SEQ / ~LST ----------

  /**
   * Expands the ~SEQ/~LST line text[start, end). `segments` map text back to the frame's file when the
   * line was built by substitution; without them text is the file's own.
   */
  private expandSeq(frame: Frame, text: string, start: number, end: number, segments?: Segment[]): void {
    // A ~SEQ row that substitutes into another ~SEQ of itself (`$A` with A='~SEQ(i,1,3) $A') would expand without end.
    // Once that happens, the whole outermost ~SEQ line stops (its other rows would do the same).
    if (this.seqRunaway) return;
    const line = text.slice(start, end);
    if (this.seqNesting >= MAX_SEQ_NESTING) {
      this.seqRunaway = true;
      const span = segments ? mapRange(segments, start, end) : { start, end };
      // The same ~SEQ line among the lines being expanded: its rows make it again, and keepalived expands it for as
      // long as it has memory (the 2.0.19, 2.2.7 and 2.4.3 builds: no message, 4 GB within 15 s under -t).
      if (this.seqLines.includes(line)) {
        this.report('KA113', 'error', `This ~SEQ/~LST line makes itself again: a definition its rows use holds the same ~SEQ/~LST line, so keepalived loops forever on it (keepalived -t too), expanding it again and again, taking more memory every moment and printing nothing, until the system stops it. Take the ~SEQ/~LST line out of the definition it repeats`, frame.file, span.start, span.end);
      } else {
        this.report('KA113', 'warning', `~SEQ/~LST rows expand into further ~SEQ/~LST lines more than ${MAX_SEQ_NESTING} deep; kalint stops expanding this line`, frame.file, span.start, span.end);
      }
      return;
    }
    this.seqNesting++;
    this.seqLines.push(line);
    try {
      this.expandSeqLine(frame, text, start, end, segments);
    } finally {
      this.seqNesting--;
      this.seqLines.pop();
      if (this.seqNesting === 0) this.seqRunaway = false;
    }
  }

  /**
   * Before 2.1.0: a ~LST line, or a ~SEQ line in a value block, which keepalived reads as plain words split at their
   * braces. A warning: what the words make keepalived report (an unknown keyword, an invalid address, a '}' closing the
   * block) has its own finding, and among free values (notification_email) they are silently kept.
   */
  private readOldSeqAsWords(frame: Frame, text: string, start: number, end: number, head: string, headerEnd: number, segments?: Segment[]): void {
    const label = this.options.targetLabel ?? this.options.target!.join('.');
    const rest = headerEnd < 0 ? '' : text.slice(headerEnd, end);
    const parsed = headerEnd < 0 ? undefined : parseSeqHeader(head);
    const braced = parsed && !('error' in parsed) ? parsed.vars.find((v) => rest.includes('${' + v + '}')) : undefined;
    const valueBlock = this.sink.valueBlock?.();
    const why = head.startsWith('~LST')
      ? `keepalived ${label} has no ~LST (it came in 2.1.0): it reads the line as plain words split at its braces and substitutes nothing before the first brace, '${head.split(/[{}\s]/)[0]}' an unknown keyword${/[{}]/.test(text.slice(start, end)) ? ", and a '}' among them closes the block around the line" : ''}`
      : `keepalived ${label} reads a ~SEQ line inside '${valueBlock} { }' as values, '${head}' included (~SEQ in value blocks came in 2.1.0)${braced ? `; the '}' of '\${${braced}}' closes '${valueBlock}'` : ''}`;
    const r = segments ? mapRange(segments, start, end) : { start, end };
    this.report('KA113', 'warning', why, frame.file, r.start, r.end);
    // The words, split at their braces, can close the block around the line (2.0.10: "Unknown keyword '}'" on the lines
    // after); a '${NAME}' left as written is split too. In a value block ~SEQx is read so too (the 2.0.19 build:
    // "VRRP parsed invalid IP ~SEQx(AD,", "Unknown keyword ':1'").
    this.processText(frame, text.slice(start, end), segments ? sliceSegments(segments, start, end) : [{ outStart: 0, outEnd: end - start, srcStart: start, srcEnd: end, verbatim: true }], 0, 'unexpanded-seq');
  }

  private expandSeqLine(frame: Frame, text: string, start: number, end: number, segments?: Segment[]): void {
    const file = frame.file;
    const src = (a: number, b: number) => (segments ? mapRange(segments, a, b) : { start: a, end: b });
    // Before 2.1.0 keepalived splits a line at its first brace before it looks for '~SEQ' (process_stream, not read_line,
    // read ~SEQ then): the part before is the ~SEQ line, and the rest a line of its own, read before the rows (2.0.10 on
    // `~SEQ(i,1,2) priority 10${i}`: "Unexpected '{'", "Unknown keyword 'i'", then the '}' ends the vrrp_instance and the
    // rows 'priority 10$' are unknown keywords at the top level). ~LST lines and ~SEQ among values are read as words anyway.
    if (this.options.target && compareVersions(this.options.target, SEQ_FEATURES_SINCE) < 0 && !text.startsWith('~LST', start) && !this.sink.valueBlock?.()) {
      const brace = firstBraceOutsideQuotes(text, start, end);
      if (brace > start) {
        const r = src(brace, brace + 1);
        const residue = text.slice(brace, end).trim();
        const before = text.slice(start, brace).trim();
        const braced = text.charCodeAt(brace - 1) === 36 ? /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(residue)?.[1] : undefined;
        // A warning: what the split makes keepalived report (an unknown keyword, an extra '}') has its own error,
        // and a lone '}' after the ~SEQ just closes the block, silently (the 2.0.19 build).
        this.report(
          'KA113',
          'warning',
          braced
            ? `keepalived ${this.label()} does not substitute '\${${braced}}' in a ~SEQ line (2.1.0 does): it splits the line at that brace first, reads '${residue}' as a line of its own before the rows of '${before}', and the '}' closes the block around this line; write '$${braced}'`
            : `keepalived ${this.label()} splits a ~SEQ line at its first brace before it reads the ~SEQ (2.1.0 reads the ~SEQ first): '${residue}' is read as a line of its own, before the rows of '${before}', and a '}' in it closes the block around this line`,
          file,
          r.start,
          r.end,
        );
        this.processText(frame, text.slice(brace, end), segments ? sliceSegments(segments, brace, end).map((g) => ({ ...g, outStart: g.outStart - brace, outEnd: g.outEnd - brace })) : [{ outStart: 0, outEnd: end - brace, srcStart: brace, srcEnd: end, verbatim: true }], 0);
        let cut = brace;
        while (cut > start && (text.charCodeAt(cut - 1) === 32 || text.charCodeAt(cut - 1) === 9)) cut--;
        return this.expandSeqLine(frame, text, start, cut, segments);
      }
    }
    const headerEnd = seqHeaderEnd(text, start, end);
    let head = text.slice(start, headerEnd < 0 ? end : headerEnd);
    // Before 2.1.0 a ~LST line, or a ~SEQ line among values, is plain words: keepalived never reads its header.
    if (this.options.target && compareVersions(this.options.target, SEQ_FEATURES_SINCE) < 0 && (head.startsWith('~LST') || this.sink.valueBlock?.())) {
      this.readOldSeqAsWords(frame, text, start, end, head, headerEnd, segments);
      return;
    }
    // ~SEQx before 2.1.0: keepalived reports "Invalid ~SEQ specification" and the line is lost.
    if (this.options.target && compareVersions(this.options.target, SEQ_FEATURES_SINCE) < 0 && head.startsWith('~SEQx')) {
      const r = src(start, end);
      this.report('KA113', 'error', `keepalived ${this.options.targetLabel ?? this.options.target.join('.')} has no ~SEQx (it came in 2.1.0): it reports "Invalid ~SEQ specification" and the line is lost`, file, r.start, r.end);
      return;
    }
    // Definitions in the numbers came in 2.1.0 (938211c3); the 2.0.19 build reports "Invalid ~SEQ definition".
    const numbersSubstituted = !this.options.target || compareVersions(this.options.target, SEQ_FEATURES_SINCE) >= 0;
    // With that, add_seq copies the numbers as written, from the first non-blank after the variable's comma to the first
    // ')', into a 64-byte buffer: more than 63 characters (leading zeros count) is "~SEQ parameter strings too long", and
    // the line is dropped ("Invalid ~SEQ specification"; 2.2.7 -t, 2.0.19 reads such a line).
    if (headerEnd >= 0 && head.startsWith('~SEQ') && numbersSubstituted) {
      let at = seqNumbersStart(head);
      while (at > 0 && (head[at] === ' ' || head[at] === '\t')) at++;
      const close = at > 0 ? head.indexOf(')', at) : -1;
      if (close >= 0 && close + 1 - at > SEQ_PARAMETERS_MAX) {
        const r = src(start, headerEnd);
        this.report('KA113', 'error', `keepalived takes at most ${SEQ_PARAMETERS_MAX} characters from a ~SEQ's first number to its ')', and this has ${close + 1 - at}: it reports "~SEQ parameter strings too long" and drops the line`, file, r.start, r.end);
        return;
      }
    }
    if (headerEnd >= 0 && head.startsWith('~SEQ') && head.includes('$') && numbersSubstituted) {
      // keepalived's add_seq substitutes definitions in the numbers (not in the variable name).
      const at = seqNumbersStart(head);
      if (at > 0) {
        const r = src(start, headerEnd);
        const lines = this.substitute(head.slice(at, -1), frame, [{ outStart: 0, outEnd: head.length - 1 - at, srcStart: r.start, srcEnd: r.end, verbatim: false }]).lines;
        if (lines.length !== 1) {
          this.report('KA113', 'error', 'Invalid ~SEQ definition: a number is a multi-line definition', file, r.start, r.end);
          return;
        }
        // keepalived substitutes in that same 64-byte buffer (replace_param(seq_buf, sizeof(seq_buf), …), 2.1.0 to 2.4.3):
        // a definition that would make it longer than 63 characters is left as written ("Parameter substitution on line
        // … would exceed maximum line length"), strtol stops at its '$', and the line is dropped (2.1.5, 2.2.7 and 2.4.3
        // -t: "Invalid ~SEQ definition"). (kalint measures the result; keepalived checks at each definition in turn.)
        let blanks = 0;
        while (head[at + blanks] === ' ' || head[at + blanks] === '\t') blanks++;
        const substitutedLength = lines[0]!.text.length - blanks + 1;
        if (substitutedLength > SEQ_PARAMETERS_MAX) {
          this.report('KA113', 'error', `Invalid ~SEQ definition: with its definitions substituted, this ~SEQ has ${substitutedLength} characters from its first number to its ')', and keepalived has room for ${SEQ_PARAMETERS_MAX}: it leaves the definition as written ("Parameter substitution … would exceed maximum line length"), cannot read the number, and drops the line`, file, r.start, r.end);
          return;
        }
        head = head.slice(0, at) + lines[0]!.text + ')';
      }
    }
    const parsed = headerEnd < 0 ? undefined : parseSeqHeader(head);
    if (!parsed || 'error' in parsed) {
      const r = src(start, headerEnd < 0 ? end : headerEnd);
      const unsubstituted = !numbersSubstituted && head.startsWith('~SEQ') && head.includes('$') ? ` (keepalived ${this.label()} substitutes no definitions in ~SEQ's numbers; 2.1.0 does)` : '';
      const message = parsed && 'error' in parsed && parsed.whole ? parsed.error : `Invalid ${head.startsWith('~LST') ? '~LST' : '~SEQ'} definition: ${parsed && 'error' in parsed ? parsed.error : 'expected ~SEQ(VAR, [START, [STEP,]] END)'}`;
      this.report('KA113', 'error', `${message}${unsubstituted}`, file, r.start, r.end);
      return;
    }
    if (parsed.shortSet && this.options.target && compareVersions(this.options.target, SHORT_LST_SET_CRASHES[0]) >= 0 && compareVersions(this.options.target, SHORT_LST_SET_CRASHES[1]) < 0) {
      const r = src(start, headerEnd);
      const n = parsed.vars.length;
      this.report('KA113', 'error', `keepalived ${this.label()} crashes on this ~LST (segmentation fault, exit status 139) before it checks or starts anything: a set has fewer values than the ${n} variable${n === 1 ? '' : 's'}, and 2.1.x loses the empty values it fills in for the missing ones (fixed in 2.2.0); give every set ${n} value${n === 1 ? '' : 's'}`, file, r.start, r.end);
    }
    let restStart = headerEnd;
    // Only blanks and tabs (add_seq's strspn " \t"): a no-break space after the ')' starts the row text (KA704).
    while (restStart < end && (text.charCodeAt(restStart) === 32 || text.charCodeAt(restStart) === 9)) restStart++;
    const rest = text.slice(restStart, end);
    // The header ends at its first ')', one in quotes too (`~LST(I, 1, "7)" $I.0.0.1`): a quote the line pairs as
    // written is then left open in every row, which keepalived reports ("Unmatched quote") and drops (2.2.7, 2.4.3;
    // mutation fuzzer seed 721).
    if (head.includes('"') && rest.includes('"')) {
      const rowTokens = lex(rest).tokens;
      const last = rowTokens[rowTokens.length - 1];
      if (last?.kind === 'string' && (last.end - last.start < 2 || rest.charCodeAt(last.end - 1) !== 34)) {
        const r = src(restStart + last.start, restStart + last.end);
        this.report('KA105', 'error', `Unterminated double quote in this ${head.startsWith('~LST') ? '~LST' : '~SEQ'} line's rows: keepalived ends its header at the first ')', the one inside '${head.slice(head.lastIndexOf('"', head.length - 2))}', so each row's text, '${rest}', leaves a quote open, and keepalived drops the quoted fragment ("Unmatched quote"); keep ')' out of quotes in the header`, file, r.start, r.end);
      }
    }
    this.seqRows += parsed.rows.length;
    if (this.seqRows > MAX_SEQ_ROWS_PER_RUN) {
      const r = src(start, end);
      this.report('KA113', 'warning', `~SEQ/~LST lines expand to more than ${MAX_SEQ_ROWS_PER_RUN} lines in all; kalint stops expanding them here`, file, r.start, r.end);
      return;
    }
    const restSegs: Segment[] = segments
      ? sliceSegments(segments, restStart, end).map((g) => ({ ...g, outStart: g.outStart - restStart, outEnd: g.outEnd - restStart }))
      : [{ outStart: 0, outEnd: rest.length, srcStart: restStart, srcEnd: end, verbatim: true }];
    const headSrc = src(start, headerEnd);
    // keepalived looks for a definition in each row before substituting (`~LST(P,1,2) $X=$P` defines
    // X as '$P'); the row text is the same every time, so it is classified once.
    const restToks = rest.includes('$') ? lex(rest).tokens : undefined;
    const restCl = restToks ? classifyLine(restToks, 0, restToks.length) : undefined;
    const rowDefines = restCl?.kind === 'definition' && (!restCl.condition || conditionHolds(restCl.condition, this.options.configId));
    // The directory a row's include moved into holds for every later row of the line, in any nested ~SEQ too: keepalived
    // has changed into it, and the files are read only after the whole line (a nested line's end changes nothing).
    if (this.seqNesting === 1) this.seqIncludeDir = undefined;
    // A row that is itself a ~SEQ/~LST line (`~SEQ(i,1,2) ~SEQ(j,1,3) …`): keepalived checks each row
    // for one before substituting, and expands the newest sequence first, so the inner one runs in
    // full for every value of the outer one (checked with the binary).
    const rowIsSeq = /^~(?:SEQ|LST)/.test(rest);
    for (const values of parsed.rows) {
      parsed.vars.forEach((v, i) => this.definitions.set(v, { name: v, lines: [values[i] ?? ''], file: file.path, start: headSrc.start, end: headSrc.end }));
      if (rowIsSeq) this.expandSeq(frame, rest, 0, rest.length, restSegs);
      else if (rowDefines) this.defineFromText(frame, rest, restToks!, restCl!, restSegs);
      else this.processText(frame, rest, restSegs, 0, 'seq');
    }
    if (this.seqNesting === 1) this.seqIncludeDir = undefined;
    // keepalived sets each variable with set_definition and never removes it: after the line, the
    // variable keeps its last value (`~SEQ(N,1,3) …` leaves $N = 3 for the lines below).
  }

  /** A definition that keepalived finds in text it built (a ~SEQ/~LST row, a substituted line). */
  /** A later line of a multi-line value, read as keepalived reads it first: whether it was a definition (or an `@id` line for another host that would be one). */
  private defineFromValueLine(frame: Frame, text: string, segments: Segment[]): boolean {
    const toks = lexLine(text);
    const cl = classifyLine(toks, 0, toks.length, this.features, 0);
    if (cl.kind !== 'definition') return false;
    if (cl.condition && !conditionHolds(cl.condition, this.options.configId)) return true;
    this.defineFromText(frame, text, toks, cl, segments);
    return true;
  }

  /**
   * A line of a multi-line value read into a definition that an earlier line of the value began: keepalived tests its
   * last character only, takes a backslash there and the blanks before it off, and goes on; it adds no empty line.
   */
  private continueDefinitionFromValue(frame: Frame, def: Definition, text: string): void {
    const continues = text.charCodeAt(text.length - 1) === 92;
    const value = continues ? text.slice(0, -1).replace(/[ \t]+$/, '') : text;
    if (value !== '') def.lines.push(value);
    if (!continues) frame.pendingDefinition = undefined;
  }

  private defineFromText(frame: Frame, text: string, toks: Token[], cl: ReturnType<typeof classifyLine>, segments: Segment[]): void {
    const name = cl.name!;
    const head = toks[cl.first]!;
    const { text: value, continues, escaped } = definitionLineText(text, toks, cl.first, toks.length, head.start + name.length + 2, this.commentBackslash, this.readsEscapedComments);
    const src = mapRange(segments, head.start, head.start + name.length + 1);
    const def: Definition = { name, lines: [value], file: frame.file.path, start: src.start, end: src.end };
    if (escaped) def.escapedComment = true;
    this.definitions.set(name, def);
    if (continues) frame.pendingDefinition = def;
  }

  // ---------- include ----------

  /**
   * `variant` is the include keyword (include, includem…); `kwStart` where it stands in the source;
   * `notPlain` why the line is no plain include line (keepalived's other processes then read the files twice).
   */
  private include(frame: Frame, variant: string, kwStart: number, pattern: string, start: number, end: number, notPlain?: string, dir = frame.dir): SourceFile[] {
    // Before CONF_COPY_SINCE every process reads the configuration files themselves: no include line is read twice.
    if (!this.readsConfCopy) notPlain = undefined;
    const file = frame.file;
    const host = this.options.host;
    // What keepalived counts as a configuration error here: the include keyword's own checks and include_check's.
    const checks = (INCLUDE_KEYWORD_CHECKS[variant] ?? 0) | (this.sink.includeCheckFlags?.() ?? 0);
    const braced = hasUnescapedBrace(pattern);
    if (endsWithLoneBackslash(trimBlanks(pattern))) {
      // glob finds no file for a pattern that ends with a backslash, and keepalived counts it a wildcard pattern.
      const level: Severity = checks & INCLUDE_CHECK.wildcard ? 'error' : 'warning';
      const said = level === 'error' ? ` (keepalived: "No config files matched '${trimBlanks(pattern)}'.")` : ' and says nothing';
      this.report('KA110', level, `include '${trimBlanks(pattern)}' ends with a backslash (keepalived has no line continuation on include lines: a backslash that ends the line becomes the end of the pattern), and a pattern ending with a backslash matches no file, so keepalived includes nothing${said}; remove the backslash${this.refusal(level, variant, INCLUDE_CHECK.wildcard)}`, file, kwStart, end);
      return [];
    }
    // A file that does not exist: keepalived's 'match' check, or 'brace_match' for a `{a,b}` pattern.
    const severity: Severity = checks & (braced ? INCLUDE_CHECK.brace : INCLUDE_CHECK.match) ? 'error' : 'warning';
    const unreadable: Severity = checks & INCLUDE_CHECK.read ? 'error' : 'warning';
    if (!host) {
      this.report('KA110', 'info', `include '${pattern}' not followed: no file access in this context`, file, kwStart, end);
      return [];
    }
    // The files being read: a file pushed by an earlier ~SEQ row or line of a multi-line value, or a later match of a
    // glob, not read from yet, is no includer (keepalived reads it once more after the one before it; no recursion).
    const reading = this.stack.filter((f) => f.line > 0);
    // How deeply includes nest here: the files being read (the later matches of a glob wait beside, not inside).
    const depth = reading.length;
    const given = includeDepthOption(this.options.maxIncludeDepth);
    const maxDepth = given ?? DEFAULT_MAX_INCLUDE_DEPTH;
    if (depth >= maxDepth) {
      if (!this.depthStopReported) {
        this.depthStopReported = true;
        const bound = given === undefined ? 'its own bound' : 'its own bound, set by maxIncludeDepth';
        this.report('KA112', 'warning', `include nesting deeper than ${maxDepth.toLocaleString('en-US')} levels: kalint stops following includes here (${bound}; keepalived has no bound on the depth and reads on as long as it has file descriptors), so nothing below this line is checked`, file, kwStart, end);
      }
      return [];
    }
    this.reportDescriptorsRunOut(reading, file, kwStart, end, trimBlanks(pattern), variant, checks);
    const matches: string[] = [];
    // Files named by an absolute path no mapping changed: a missing one gets a mapping hint.
    const unmappedAbsolute = new Set<string>();
    // glob matches nothing to an empty name and looks nothing up for it (`{}`, the first alternative of `{,a}`), so
    // keepalived says nothing about it, whatever include_check says (2.2.7).
    const alternatives = (this.braceIncludes ? expandBraces(trimBlanks(pattern)) : [trimBlanks(pattern)]).filter((alt) => alt !== '');
    if (!alternatives.length) {
      this.report('KA110', 'info', `include pattern '${trimBlanks(pattern)}' names no file: its braces leave an empty name, which matches nothing, so keepalived reads nothing here (and says nothing)`, file, start, end);
      return [];
    }
    // Before 1.3.8 keepalived exits when a pattern matches nothing (see MISSING_INCLUDE_EXITS_BEFORE).
    const exits = this.before(MISSING_INCLUDE_EXITS_BEFORE) ? `; keepalived ${this.label()} then stops ("Unable to find config file(s) '${trimBlanks(pattern)}'.") and starts nothing (1.3.8 goes on without it)` : '';
    // From 2.2.0 keepalived counts what glob could not find on the way (a folder it could not open, a name not there):
    // a glob pattern with such a miss is a missing file, not a wildcard that matched nothing.
    const countsMisses = !this.before(GLOB_MISSES_COUNTED_SINCE);
    const globMisses: { alt: string; path: string; folder: boolean; found: number; hint: string }[] = [];
    for (const alt of alternatives) {
      const mapped = this.mapPath(join(dir, alt));
      let found: string[];
      let missed: CountedGlob['firstMissing'];
      if (isGlobPattern(alt)) {
        const g = globCounted(mapped, (d) => host.readDir(d), (p) => host.readFile(p) !== undefined || host.readDir(p) !== undefined);
        found = g.matches;
        missed = countsMisses ? g.firstMissing : undefined;
      } else found = [mapped];
      const hint = found.length === 0 && mapped === alt && alt.startsWith('/') ? this.mappingHint(alt, dir, file.path) : '';
      // Reported below, once it is known whether the pattern found anything.
      if (missed) globMisses.push({ alt, ...missed, found: found.length, hint });
      else if (found.length === 0) {
        const level: Severity = exits ? 'warning' : checks & INCLUDE_CHECK.wildcard ? 'error' : 'info';
        this.report('KA110', level, `include pattern '${alt}' matches no file${hint}${exits}${this.refusal(level, variant, INCLUDE_CHECK.wildcard)}`, file, start, end);
      }
      if (!isGlobPattern(alt) && mapped === alt && alt.startsWith('/')) unmappedAbsolute.add(mapped);
      appendAll(matches, found);
    }
    // Some of the pattern's names are there and others are not: keepalived says "Some config files missing" and reads
    // the ones found; with the brace_match check that is an error, and it reads none of them.
    const missingFiles = alternatives.filter((alt) => !isGlobPattern(alt) && host.readFile(this.mapPath(join(dir, alt))) === undefined && host.readDir(this.mapPath(join(dir, alt))) === undefined);
    const someFound = matches.length > missingFiles.length;
    if (someFound && (missingFiles.length > 0 || globMisses.length > 0) && checks & INCLUDE_CHECK.brace && (!braced || this.braceIncludes)) {
      const names = [...missingFiles, ...globMisses.map((m) => m.path)];
      const why = variant === 'include' || !(INCLUDE_KEYWORD_CHECKS[variant]! & INCLUDE_CHECK.brace) ? 'include_check in global_defs' : `'${variant}'`;
      this.report('KA110', 'error', `include '${trimBlanks(pattern)}': with the brace_match check on (${why}) keepalived reads none of the pattern's files when one of them is missing ('${names.join("', '")}'), so the ones that exist are not read either (keepalived: "Some config files missing")${this.refusal('error', variant, INCLUDE_CHECK.brace)}`, file, start, end);
      return [];
    }
    for (const m of globMisses) {
      const what = m.folder ? `the folder '${m.path}' does not exist` : `'${m.path}' does not exist`;
      if (someFound) this.report('KA110', 'warning', `include pattern '${m.alt}': ${what}, so keepalived reads only the files the pattern finds elsewhere (keepalived: "Some config files missing")`, file, start, end);
      else {
        const level: Severity = exits ? 'warning' : severity;
        this.report('KA110', level, `include pattern '${m.alt}' matches no file: ${what} (keepalived: "Config files missing")${m.hint}${exits}${this.refusal(level, variant, braced ? INCLUDE_CHECK.brace : INCLUDE_CHECK.match)}`, file, start, end);
      }
    }
    // Files are pushed in reverse so the first match is read first.
    const toRead: SourceFile[] = [];
    // All of them first: whether a file already read belongs to a cycle that multiplies depends on them too.
    for (const path of matches) this.noteIncluded(frame, path);
    // The files this line comes back to (a glob may match several of those being read), and files read again.
    const cycleTargets: string[] = [];
    let cycleFrom = reading.length;
    const again = new Map<string, { paths: string[]; message: (names: string, plural: boolean) => string }>();
    for (const path of matches) {
      const onStack = reading.findIndex((f) => f.file.path === path);
      if (onStack >= 0) {
        // Once per include line and file it comes back to, however many ways the reading came here.
        const key = `${file.path}\0${start}\0${path}`;
        if (this.cyclesReported.has(key)) continue;
        this.cyclesReported.add(key);
        cycleTargets.push(path);
        cycleFrom = Math.min(cycleFrom, onStack);
        continue;
      }
      // A file of an include cycle that multiplies, read before: keepalived never finishes reading such a cycle (KA111
      // says so where it closes), and each more way into it would read the whole cycle again, the ways multiplying
      // (n files each including `*.conf`: n! reads). It is read once.
      if (this.files.has(path) && this.inCycleThatMultiplies(path)) continue;
      const text = host.readFile(path);
      if (text === undefined) {
        if (host.readDir(path) !== undefined) {
          // keepalived's glob marks directories, and it skips them (checked with 2.2.7: exit 0 for include, 6 for includem).
          const instead = isGlobPattern(pattern) ? '' : `; include its files with a pattern such as '${trimBlanks(pattern).replace(/\/+$/, '')}/*.conf'`;
          this.report('KA110', unreadable, `include '${path}' is a directory, which keepalived skips (keepalived: "is a directory - skipping")${instead}${this.refusal(unreadable, variant, INCLUDE_CHECK.read)}`, file, start, end);
          continue;
        }
        if (host.isSpecialFile?.(path)) {
          this.report('KA110', unreadable, `include '${path}' is not a regular file (a device, a pipe or a socket), which keepalived skips (keepalived: "is not a regular non-executable file - skipping")${this.refusal(unreadable, variant, INCLUDE_CHECK.read)}`, file, start, end);
          continue;
        }
        // From 2.1.4 the pattern is the rest of the line as written: quotes are part of the name.
        const unquoted = trimBlanks(pattern).replace(/^"(.*)"$/, '$1');
        const quoted = unquoted !== trimBlanks(pattern) && !unquoted.includes('"')
          ? `; keepalived ${this.label()} reads the rest of the include line as it is written, so the double quotes are part of the file name: write the path without them`
          : '';
        const hint = quoted || (unmappedAbsolute.has(path) ? this.mappingHint(path, dir, file.path) : '');
        const said = !countsMisses ? `; keepalived ${this.label()} only logs that no file matched, and -t says nothing` : ` (keepalived: "${someFound && braced ? 'Some config files missing' : 'Config files missing'}")`;
        this.report('KA110', severity, exits ? `include '${path}': file not found${hint}${exits}` : `include '${path}': file not found or not readable${said}${hint}${this.refusal(severity, variant, braced ? INCLUDE_CHECK.brace : INCLUDE_CHECK.match)}`, file, start, end);
        continue;
      }
      if (host.isExecutable?.(path)) {
        this.report('KA110', unreadable, `include '${path}': the file is executable here, and keepalived skips executable configuration files, so its lines are not read where it is deployed executable (keepalived: "is not a regular non-executable file - skipping")${this.refusal(unreadable, variant, INCLUDE_CHECK.read)}; remove the execute bits (chmod a-x)`, file, start, end);
        continue;
      }
      if (this.includesStopped) continue;
      if (++this.includeReads > MAX_INCLUDE_READS || (this.includedLines += lineCount(text)) > MAX_INCLUDED_LINES_TOTAL) {
        this.includesStopped = true;
        const over = this.includeReads > MAX_INCLUDE_READS ? `more than ${MAX_INCLUDE_READS.toLocaleString('en-US')} files` : `more than ${MAX_INCLUDED_LINES_TOTAL.toLocaleString('en-US')} lines`;
        this.report('KA112', 'error', `the includes have read ${over} so far, mostly the same files again and again (keepalived reads a file once for each chain of include lines that leads to it, and include lines that branch and meet again multiply the chains); kalint follows no include from here on`, file, kwStart, end);
        continue;
      }
      const ls = file.lex.lineStarts;
      const repeat = notPlain ? undefined : this.includedAgain(path, text, trimBlanks(pattern), file, kwStart);
      if (repeat) {
        const same = again.get(repeat.key);
        if (same) same.paths.push(path);
        else again.set(repeat.key, { paths: [path], message: repeat.message });
      }
      const included = this.addFile(path, text, { file: file.path, range: { start: positionAt(ls, kwStart), end: positionAt(ls, end) } });
      toRead.push(included);
    }
    if (cycleTargets.length) {
      const names = nameList(cycleTargets);
      // The cycle itself, from the file it comes back to (the first of them) down to this line, never the whole chain
      // of includes above it: a deep tree of such lines would repeat that chain in each finding (output cubic in the depth).
      const chain = chainText(reading.slice(cycleFrom).map((f) => f.file.path));
      const what = cycleTargets.length === 1 ? `${names} is already being read (${chain} -> ${shortPath(cycleTargets[0]!)})` : `${names} are already being read (${chain} -> each of them)`;
      this.report('KA111', 'error', `include cycle: ${what}; keepalived recurses until it runs out of file descriptors`, file, start, end);
      this.cycleReports.push({ diagnostic: this.diagnostics[this.diagnostics.length - 1]!, from: file.path });
      // keepalived reads the files of the cycle again on every pass: their instances are defined again.
      const line = positionAt(file.lex.lineStarts, start).line + 1;
      // Once per file, for the first cycle through it: each cycle through a file reported its instances again, so a
      // deep chain whose files each include the main file gave findings quadratic in the depth.
      const cycle = reading.slice(cycleFrom).map((f) => f.file).filter((f) => !this.instancesReadAgainReported.has(f.path));
      for (const f of cycle) this.instancesReadAgainReported.add(f.path);
      this.reportInstancesReadAgain(cycle, (name) => `keepalived reads vrrp_instance '${name}' again on each pass of the include cycle at ${file.path}:${line}, and rejects it ("vrrp instance ${name} already defined")`);
    }
    for (const { paths, message } of again.values()) this.report('KA114', 'warning', message(nameList(paths), paths.length > 1), file, kwStart, end);
    if (notPlain && toRead.length) this.reportReadTwice(file, kwStart, end, notPlain, toRead);
    else if (frame.readRaw && toRead.length) this.reportMarkerCrash(frame.readRaw, toRead, file, kwStart);
    const readRaw = notPlain ? { file, start: kwStart, end } : frame.readRaw;
    if (toRead.length && !this.before(INCLUDE_FIRST_LINE_REREAD_FROM) && this.before(INCLUDE_FIRST_LINE_REREAD_FIXED_IN)) this.reportFirstLineReread(file, kwStart, end, toRead);
    const ownStream = this.options.target && compareVersions(this.options.target, INCLUDE_OWN_STREAM_BEFORE) < 0 ? 'pending' : undefined;
    const includeChecksBefore = this.sink.includeCheckFlags?.();
    const namedWithoutFolder = !trimBlanks(pattern).includes('/') || undefined;
    for (let i = toRead.length - 1; i >= 0; i--) this.stack.push({ file: toRead[i]!, line: 0, dir: dirname(toRead[i]!.path), nextDollar: -1, ownStream, includeChecksBefore, namedWithoutFolder, ...(readRaw && { readRaw }) });
    return toRead;
  }

  /**
   * A file a plain include line reads that an earlier include already read into the same block (`include
   * conf.d/*.conf`, then `include conf.d/web.conf`): keepalived reads it again, so what it holds is defined twice
   * (its vrrp_instances "already defined"). A snippet included once into each of several blocks (one
   * authentication block for every vrrp_instance) is reuse, not a repeat. A file with `$` references is left
   * alone: read again under other definitions, it may be a template meant to be included more than once.
   * Returns the finding's message (for one file or several) and, for the files a line reads again, a key that is the
   * same for those the same earlier include read (the caller reports them together); undefined for a first read.
   */
  private includedAgain(path: string, text: string, pattern: string, file: SourceFile, start: number): { key: string; message: (names: string, plural: boolean) => string } | undefined {
    const block = this.sink.currentBlock?.();
    let reads = this.firstIncluded.get(path);
    if (!reads) this.firstIncluded.set(path, (reads = []));
    const first = reads.find((r) => r.block === block);
    if (!first) {
      reads.push({ file: file.path, line: positionAt(file.lex.lineStarts, start).line + 1, pattern, block });
      return undefined;
    }
    if (text.includes('$')) return undefined;
    const how = first.pattern === pattern ? '' : ` through '${first.pattern}'`;
    const where = this.sink.atTopLevel?.() ?? true ? '' : ' into the same block';
    // Files a glob reads again that the same earlier line included: one finding.
    return {
      key: `${first.file}\0${first.line}\0${how}\0${where}`,
      message: (names, plural) =>
        plural
          ? `${names} are already included${where} (${first.file}:${first.line}${how}): keepalived reads them again, so everything in them is defined twice (a vrrp_instance in them is "already defined" and keepalived -t fails); include each file once`
          : `${names} is already included${where} (${first.file}:${first.line}${how}): keepalived reads it again, so everything in it is defined twice (a vrrp_instance in it is "already defined" and keepalived -t fails); include each file once`,
    };
  }

  /**
   * keepalived's parent process hands the VRRP and checker processes a copy of the configuration with
   * included files written out, and drops only the lines that start with 'include' from it (after its
   * blanks; lib/parser.c is_include, 2.2.0 to 2.4.3): an include line that is not plain stays (an `@id`
   * prefix, a substitution, a ~SEQ row, or a brace before the include on the same line, `} include f` or
   * `track_script { include f`, which they split at the brace as every process does), and those processes
   * open the files themselves and read them a second time.
   */
  private reportReadTwice(file: SourceFile, start: number, end: number, why: string, files: SourceFile[]): void {
    const names = files.map((f) => `'${f.path}'`).join(', ');
    const line = positionAt(file.lex.lineStarts, start).line + 1;
    // What they read the second time: up to a line starting with '!' that closes no '#' line before it (see markerLines).
    const scans = files.map((f) => ({ file: f, ...markerLines(f.text) }));
    const secondRead = scans.map((m) => (m.stop === undefined ? m.file : { ...m.file, text: m.file.text.slice(0, m.stop) }));
    const instances = this.reportInstancesReadAgain(secondRead, (name) => `keepalived's VRRP process reads vrrp_instance '${name}' twice, through the include at ${file.path}:${line}, and rejects the second ("vrrp instance ${name} already defined")`, 'KA114');
    // Real servers of the virtual_server the include is in: the checker keeps the first of two alike and fails -t
    // (2.2.4 to 2.4.3: "real server … is duplicated - removing second rs", exit 5).
    const servers = this.sink.blockKeyword?.() === 'virtual_server' ? realServersIn(secondRead) : [];
    const consequence = instances.length
      ? `: vrrp_instance ${instances.map((n) => `'${n}'`).join(', ')} is then "already defined" and keepalived -t fails`
      : servers.length
        ? `: real_server ${servers.map((n) => `'${n}'`).join(', ')} is then in this virtual_server twice, and keepalived's checker process removes the second and fails -t ("real server … is duplicated - removing second rs")`
        : ', and configure what they hold twice';
    const crash = this.markerCrash(scans);
    this.report('KA114', instances.length || servers.length || crash ? 'error' : 'warning', `This include line ${why}, so keepalived's VRRP and checker processes read ${names} a second time${consequence}${crash ? `. ${crash.message}` : ''}; use a plain include line`, file, start, end);
    if (crash) this.diagnostics[this.diagnostics.length - 1]!.related = crash.related;
  }

  /**
   * A file the VRRP and checker processes read themselves (reportReadTwice) includes these files with a plain line:
   * they open them themselves too, and read their lines starting with '#' as markers (markerLines).
   */
  private reportMarkerCrash(raw: { file: SourceFile; start: number; end: number }, files: SourceFile[], includer: SourceFile, at: number): void {
    const crash = this.markerCrash(files.map((f) => ({ file: f, ...markerLines(f.text) })));
    if (!crash) return;
    const line = positionAt(raw.file.lex.lineStarts, raw.start).line + 1;
    const where = `${includer.path}:${positionAt(includer.lex.lineStarts, at).line + 1}`;
    this.report('KA114', 'error', `keepalived's VRRP and checker processes read ${files.map((f) => `'${f.path}'`).join(', ')} a second time, through the include at ${where} in a file they read a second time because of this include line. ${crash.message}; use a plain include line`, raw.file, raw.start, raw.end);
    this.diagnostics[this.diagnostics.length - 1]!.related = crash.related;
  }

  /**
   * The VRRP and checker processes read the parent's copy of the configuration with its marker lines on (from
   * CONF_COPY_SINCE to 2.4.3, lib/parser.c read_line with read_conf_copy), also in a file they open themselves: there
   * a line starting with '#' (not '#!') pushes one more entry for the file being read, and when the file ends they
   * close it with that entry and go on reading the closed file through the entry below it: freed memory. The
   * builds of 2.2.4, 2.2.7, 2.2.8, 2.3.3 and 2.4.3 crash on it with -t (segmentation fault, or glibc's "double
   * free detected" abort) in most runs (2.2.7: 17 of 20, with folders of different name lengths), and read on in
   * the others; a comment line a later line starting with '!' closes pushes and pops an entry, and crashes nothing.
   */
  private markerCrash(scans: { file: SourceFile; open: number[] }[]): { message: string; related: (Location & { message: string })[] } | undefined {
    const open = scans.filter((m) => m.open.length);
    if (!open.length) return undefined;
    const related = open.flatMap((m) =>
      m.open.slice(0, 3).map((at) => {
        const pos = positionAt(m.file.lex.lineStarts, at);
        const eol = m.file.text.indexOf('\n', at);
        return { file: m.file.path, range: { start: pos, end: positionAt(m.file.lex.lineStarts, eol < 0 ? m.file.text.length : eol) }, message: "a comment line starting with '#' in column 1, which the VRRP and checker processes take for the start of an included file" };
      }),
    );
    const first = open[0]!;
    const where = `${first.file.path}:${positionAt(first.file.lex.lineStarts, first.open[0]!).line + 1}`;
    const message =
      `Reading it themselves, they take its comment line starting with '#' in the first column (${where}) for the mark of an included file's start in the parent's copy, ` +
      `and at the file's end they close it and go on reading the closed file: freed memory, on which keepalived -t usually crashes (segmentation fault, or "double free detected" and abort) ` +
      `and otherwise reads on at random (2.2.4, 2.2.7, 2.2.8, 2.3.3 and 2.4.3; an indented comment is no mark)`;
    return { message, related };
  }

  /** keepalived 2.1.4 reads an included file's first line again after the file when it opens a block. */
  private reportFirstLineReread(file: SourceFile, start: number, end: number, files: SourceFile[]): void {
    for (const f of files) {
      const first = firstConfigLine(f.text);
      if (first === undefined || !first.includes('{')) continue;
      // A blank or comment line at the end of the file leaves nothing to read again (the 2.1.4 build: exit 0
      // for a file ending '}\n\n' or '}\n# end', "Extra '}' found" for one ending '}\n' or '}').
      if (!endsWithConfigLine(f.text)) continue;
      this.report(
        'KA114',
        'error',
        `keepalived ${this.label()} reads the first line of '${f.path}' ('${first}') again when the file ends, so that block is opened a second time here and the lines after this include are read inside it ("Missing '{' at beginning of configuration block", "Extra '}' found"; keepalived -t fails, and can crash); fixed in 2.1.5, which 2.1.4 users should upgrade to`,
        file,
        start,
        end,
      );
    }
  }

  /** Counts one more inclusion of `path` by the read of the file `frame` reads. */
  private noteIncluded(frame: Frame, path: string): void {
    const counts = (frame.includedPaths ??= new Map());
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    let most = this.includeFanout.get(frame.file.path);
    if (!most) this.includeFanout.set(frame.file.path, (most = new Map()));
    this.inclusionsNoted++;
    const before = most.get(path) ?? 0;
    if (before < n) {
      if (before === 0) this.fanoutEdges++;
      most.set(path, n);
      this.fanoutChanged = true;
    }
  }

  /**
   * Whether `path` is a file of an include cycle that multiplies, as far as the includes read so far show. Such a
   * cycle has been reported (KA111) before it can multiply: the includes are worked through again only then.
   */
  private inCycleThatMultiplies(path: string): boolean {
    if (this.cycleReports.length === 0) return false;
    // The graph only grows (more edges, parts that merge): a file of a cycle that multiplies stays one.
    if (this.multiplyingFiles.has(path)) return true;
    // Worked out again once the graph changed, and (the work is the graph's size) after an eighth as many more
    // inclusions as it has edges: a cycle that just began to multiply may be read a few more times, no more.
    if (this.fanoutChanged && this.inclusionsNoted - this.notedAtLastWorkOut >= this.fanoutEdges / 8) {
      this.fanoutChanged = false;
      this.notedAtLastWorkOut = this.inclusionsNoted;
      const { component, multiplies } = this.cyclesThatMultiply();
      this.multiplyingFiles = new Set();
      for (const [file, id] of component) if (multiplies.has(id)) this.multiplyingFiles.add(file);
    }
    return this.multiplyingFiles.has(path);
  }

  /**
   * The strongly connected parts of the include graph (a part number for each file), and for those that multiply
   * (more include edges among their files, counted with repetition, than files), how many files and edges they have.
   */
  private cyclesThatMultiply(): { component: Map<string, number>; multiplies: Map<number, { files: number; lines: number }> } {
    const component = includeComponents(this.includeFanout);
    const files = new Map<number, number>();
    const edges = new Map<number, number>();
    for (const id of component.values()) files.set(id, (files.get(id) ?? 0) + 1);
    for (const [from, targets] of this.includeFanout) {
      const id = component.get(from)!;
      for (const [to, n] of targets) if (component.get(to) === id) edges.set(id, (edges.get(id) ?? 0) + n);
    }
    const multiplies = new Map<number, { files: number; lines: number }>();
    for (const [id, lines] of edges) {
      const count = files.get(id) ?? 0;
      if (lines > count) multiplies.set(id, { files: count, lines });
    }
    return { component, multiplies };
  }

  /**
   * An include cycle that each pass enters more than once never ends: a file that includes itself twice, or a
   * cycle with a second way back, reads the next pass several times, so the reads multiply at every level until
   * the file descriptors run out (2^1000 reads and more). keepalived 2.2.7 with `include a.conf` twice in a.conf:
   * still reading after minutes; with the line once it stops in 0.3 s. In graph terms: the files of a strongly
   * connected part of the include graph have more include edges among them, counted with repetition, than files.
   */
  private reportCyclesThatMultiply(): void {
    if (this.cycleReports.length === 0) return;
    const { component, multiplies } = this.cyclesThatMultiply();
    for (const { diagnostic, from } of this.cycleReports) {
      const found = multiplies.get(component.get(from)!);
      if (!found) continue;
      const { files: count, lines } = found;
      diagnostic.message = diagnostic.message.replace(
        /; keepalived recurses until it runs out of file descriptors$/,
        `; ${count === 1 ? `the file includes itself ${lines} times` : `the cycle's ${count} files include one another ${lines} times`} on each pass, so keepalived's reads multiply at every level until it runs out of file descriptors: it never finishes reading the configuration (keepalived -t hangs)`,
      );
    }
  }

  /**
   * Reports each vrrp_instance of `files` where keepalived says it is "already defined" when it reads
   * the files again; returns their names. (A textual scan: the files are read once here.)
   */
  private reportInstancesReadAgain(files: SourceFile[], message: (name: string) => string, code = 'KA111'): string[] {
    const names: string[] = [];
    for (const f of files) {
      for (const m of f.text.matchAll(/^[ \t]*(?:@\^?\S+[ \t]+)?vrrp_instance[ \t]+((?:\$\{[^}\s]*\}|[^\s{])+)/gm)) {
        const name = m[1]!;
        names.push(name);
        const at = m.index + m[0].length - name.length;
        this.report(code, 'error', message(name), f, at, at + name.length);
      }
    }
    return names;
  }

  /**
   * For an absolute include that finds nothing here (the node's /etc/keepalived is not this
   * machine's): the longest tail of the path that does match beside the including file, said as
   * the path mapping that would make kalint read it. Empty when no tail matches.
   */
  private mappingHint(pattern: string, dir: string, including: string): string {
    const host = this.options.host!;
    const parts = pattern.split('/').filter((p) => p !== '');
    for (let k = 1; k < parts.length; k++) {
      const tail = parts.slice(k).join('/');
      // A bare pattern (`*.conf` of `/etc/rules/*.conf`) matches any folder's configs: only a folder
      // named in the pattern (`conf.d/*.conf`), or a file's own name, says this folder is the node's.
      if (hasWildcard(tail) && !tail.includes('/')) continue;
      const here = join(dir, tail);
      const found = hasWildcard(tail) ? globOne(here, (d) => host.readDir(d)) : host.readFile(here) !== undefined ? [here] : [];
      const others = found.filter((f) => f !== including);
      if (!others.length) continue;
      const prefix = '/' + parts.slice(0, k).join('/');
      if (!this.inferredPathMappings.has(prefix)) this.inferredPathMappings.set(prefix, dir);
      const count = others.length === 1 ? '1 file' : `${others.length} files`;
      return `; '${tail}' beside this file matches ${count}: to check what the node reads, map '${prefix}' to this folder in .kalint.json ("pathMappings": { "${prefix}": "." } in a .kalint.json here)`;
    }
    return '';
  }

  private mapPath(p: string): string {
    const mappings = this.options.pathMappings;
    if (!mappings) return p;
    for (const [from, to] of Object.entries(mappings)) {
      const prefix = from.endsWith('/') ? from : from + '/';
      if (p === from) return to;
      if (p.startsWith(prefix)) return join(to, p.slice(prefix.length));
    }
    return p;
  }
}

/** The de-commented text of a definition line and whether it continues with a trailing `\`. */
/**
 * Where keepalived's comment scan finds a comment in `text` (a `#` or `!` outside double quotes; a
 * backslash takes the next character with it), or -1.
 */
function commentStartIn(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 92) i++;
    else if ((c === 35 || c === 33) && !quoted) return i;
  }
  return -1;
}

/** Whether text[start, end) is a line with nothing but its line end (keepalived strips '\n' and '\r'). */
function isEmptyLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) return false;
  }
  return true;
}

/**
 * The lines keepalived substitutes for a definition. It stores no blank line of a multi-line value
 * (`$RS= \` starts with the next line: `foo $RS` reads `foo` and that line as one), and a
 * definition whose value is still empty when its last line comes is a one-line definition
 * (lib/parser.c clears `multiline` then): `$X= \` + `a` is 'a', expanded anywhere in a line. A
 * multi-line value keeps at least two lines here, so that it still expands only at the end of a
 * line; the blank extra line reads as nothing.
 */
function expansionOf(def: Definition): string[] {
  const lines = def.lines;
  if (lines.length === 1) return lines;
  let valueBeforeLast = false;
  for (let i = 0; i < lines.length - 1 && !valueBeforeLast; i++) valueBeforeLast = !isBlankText(lines[i]!);
  if (!valueBeforeLast) return [lines[lines.length - 1]!];
  const kept = lines.filter((l) => !isBlankText(l));
  if (kept.length < 2) kept.push('');
  return kept;
}

function isEmptyDefinition(def: Definition): boolean {
  const lines = expansionOf(def);
  return lines.length === 1 && isBlankText(lines[0]!);
}

/**
 * Whether a text is empty or only blanks to keepalived: C's isspace, ASCII only (a no-break space is a
 * word character to it, where JavaScript's trim() and \s take it for a blank).
 */
function isBlankText(text: string): boolean {
  return /^[ \t\n\v\f\r]*$/.test(text);
}

function definitionLineText(text: string, tokens: Token[], from: number, to: number, valueStart: number | undefined, commentBackslash: boolean, escapes: boolean): { text: string; continues: boolean; escaped?: boolean } {
  let end = to;
  // From ESCAPED_COMMENT_SINCE a backslash keeps '#'/'!' in the value (`$OFF=\#` stores '#', which comments
  // out the rest of a line it is substituted into); a later plain '#' or '!' still starts a comment.
  const last = end > from ? tokens[end - 1]! : undefined;
  if (escapes && last?.kind === 'comment' && last.text.charCodeAt(0) === 92) {
    const start = Math.min(valueStart ?? tokens[from]!.start, last.start);
    let s = (text.slice(start, last.start) + unescapedCommentText(last.text)).replace(/^[ \t]+/, '').replace(/[ \t\r]+$/, '');
    const trailing = s.charCodeAt(s.length - 1) === 92;
    if (trailing) s = s.slice(0, -1).replace(/[ \t]+$/, '');
    return { text: s, continues: trailing, escaped: true };
  }
  // keepalived before 2.4.0 keeps a `\` that ends the line after a comment: the definition goes on.
  let commentContinues = false;
  if (end > from && tokens[end - 1]!.kind === 'comment') {
    const comment = tokens[--end]!.text;
    commentContinues = commentBackslash && endsWithLoneBackslash(comment) && !comment.includes('\0');
  }
  if (end === from) return { text: '', continues: commentContinues };
  const start = valueStart ?? tokens[from]!.start;
  let s = text.slice(start, tokens[end - 1]!.end).replace(/^[ \t]+/, '');
  // Any backslash ending the line continues the definition, also one of a pair (`PASS \\`): keepalived
  // tests the last character only, and takes that one backslash off (2.2.7 reads on past the line).
  const trailing = s.charCodeAt(s.length - 1) === 92 && lastOnLine(text, tokens[end - 1]!.end);
  const continues = commentContinues || trailing;
  // A backslash ending a comment is the one keepalived appends to the line and takes off again, so a
  // backslash of the line itself stays: `10.0.0.1 \ # note\` stores '10.0.0.1 \' (2.2.7: "Unknown
  // configuration entry '\' for ip address" where the value is used).
  if (trailing && !commentContinues) s = s.slice(0, -1).replace(/[ \t]+$/, '');
  return { text: s, continues };
}

/** A substituted line lexed with the '#' and '!' that came from definitions read as characters (before SUBSTITUTED_LINE_DECOMMENTED_SINCE). */
function lexKeepingSubstitutedComments(line: ExpandedLine): Token[] {
  let masked: string | undefined;
  for (const seg of line.segments) {
    if (seg.verbatim) continue;
    for (let i = seg.outStart; i < seg.outEnd; i++) {
      const c = line.text.charCodeAt(i);
      if (c === 35 || c === 33) {
        masked ??= line.text;
        masked = `${masked.slice(0, i)}x${masked.slice(i + 1)}`;
      }
    }
  }
  if (masked === undefined) return lexLine(line.text);
  const src = new SourceText('', new Int32Array([0]), line.text);
  return lexLine(masked).map((t) => new Token(t.kind, t.start, t.end, src));
}

/** A space or a tab. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Whether text[at] starts a '\#' or '\!'. */
/** A line starting '\\#' or '\\!' as the comment pass leaves it: the backslash off, cut at a later comment start, trimmed. */
function escapedCommentLineText(text: string, start: number, end: number): string {
  let line = '';
  for (let i = start + 1; i < end; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < end && (text[i + 1] === '#' || text[i + 1] === '!')) {
      line += text[++i];
      continue;
    }
    if (i > start + 1 && (c === '#' || c === '!')) break;
    line += c;
  }
  return line.replace(/[ \t\r]+$/, '');
}

function isEscapedCommentStart(text: string, at: number): boolean {
  const next = text.charCodeAt(at + 1);
  return text.charCodeAt(at) === 92 && (next === 35 || next === 33);
}

/** A value line as a process reading the parent's copy stores it: cut at its first '#' or '!' (quotes kept). */
function cutAtComment(line: string): string {
  const cut = commentStartIn(line);
  return cut < 0 ? line : line.slice(0, cut).replace(/[ \t]+$/, '');
}

/** A comment token that starts with an escaped '#' or '!', as keepalived's comment pass leaves it: escapes taken off, cut at a plain '#' or '!'. */
function unescapedCommentText(comment: string): string {
  let out = '';
  for (let i = 1; i < comment.length; i++) {
    const c = comment[i]!;
    if (c === '\\' && (comment[i + 1] === '#' || comment[i + 1] === '!')) {
      out += comment[++i];
      continue;
    }
    if (i > 1 && (c === '#' || c === '!')) break;
    out += c;
  }
  return out;
}

/** Offset of the first '{' or '}' in text[start, end) outside double quotes, or -1. */
function firstBraceOutsideQuotes(text: string, start: number, end: number): number {
  let quoted = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && (c === 123 || c === 125)) return i;
  }
  return -1;
}

/** Segments moved by `by` characters in the output text (their source places unchanged). */
function shiftSegments(segments: Segment[], by: number): Segment[] {
  return segments.map((s) => ({ ...s, outStart: s.outStart + by, outEnd: s.outEnd + by }));
}

function sliceSegments(segments: Segment[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (s.outEnd <= from || s.outStart >= to) continue;
    const a = Math.max(s.outStart, from);
    const b = Math.min(s.outEnd, to);
    if (s.verbatim) out.push({ outStart: a, outEnd: b, srcStart: s.srcStart + (a - s.outStart), srcEnd: s.srcStart + (b - s.outStart), verbatim: true });
    else out.push({ outStart: a, outEnd: b, srcStart: s.srcStart, srcEnd: s.srcEnd, verbatim: false });
  }
  return out;
}

/** Maps a synthetic range back to the source: verbatim text maps exactly, expansions map to the reference. */
/** `${NAME:-default}`, `${NAME-x}`, `${NAME:=x}`, `${NAME:?x}`, `${NAME:+x}`: shell parameter expansions. */
const SHELL_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-=?+])[^}\n]*\}$/;
/**
 * A `${…}` keepalived cannot read as a reference: its names are letters, digits and '_' (lib/parser.c
 * find_definition), so `${var.vip}`, `${indent(4, x)}`, `${#IPS[*]}` or a shell default stay as written.
 */
/** A line that is an include line (keepalived's include keywords, after an optional `@id`). */
const INCLUDE_LINE = /^[ \t]*(?:@\S+[ \t]+)?include[rmwba]?[ \t]/;
/** A bare `$NAME` with a character right after it that ends no reference for keepalived (not a blank, tab, ',' or ')'). */
const GLUED_REFERENCE = /\$([A-Za-z_][A-Za-z0-9_]*)([^A-Za-z0-9_ \t,)\r\n{=])/g;
const GLUED_REFERENCE_BEFORE_2_1 = /\$([A-Za-z_][A-Za-z0-9_]*)([^A-Za-z0-9_ \t\r\n{=])/g;
const FOREIGN_REFERENCE = /\$\{(?![A-Za-z_][A-Za-z0-9_]*(?:\s[^}]*)?\})[^{}\n]*\}/g;

/** Whether a word starts at `at` of the line: at its start, or after a blank or a brace (a word of its own once keepalived splits the braces off). */
function startsWord(line: string, at: number): boolean {
  if (at === 0) return true;
  const c = line.charCodeAt(at - 1);
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 123 || c === 125;
}

/** Whether `at` lies inside a double-quoted string of the line (keepalived's quotes: no escapes). */
function insideDoubleQuotes(line: string, at: number): boolean {
  let inside = false;
  for (let i = line.indexOf('"'); i >= 0 && i < at; i = line.indexOf('"', i + 1)) inside = !inside;
  return inside;
}

/**
 * The text keepalived reads as one piece of a long line: [start, end) of `text`, where a character the piece's
 * first or last boundary cuts contributes only its bytes on this side, each as an escaped byte (the same '\xNN'
 * keepalived's messages then print raw). Those bytes map to the whole character they come from.
 */
function longLinePiece(text: string, start: number, end: number, cutBefore: { units: number; head: number } | undefined, cutAfter: { units: number; head: number } | undefined): { text: string; segments: Segment[] } {
  const segments: Segment[] = [];
  let out = '';
  let from = start;
  if (cutBefore) {
    const tail = escapedBytes(text.slice(start, start + cutBefore.units)).slice(cutBefore.head);
    segments.push({ outStart: 0, outEnd: tail.length, srcStart: start, srcEnd: start + cutBefore.units, verbatim: false });
    out = tail;
    from = start + cutBefore.units;
  }
  if (end > from) {
    segments.push({ outStart: out.length, outEnd: out.length + end - from, srcStart: from, srcEnd: end, verbatim: true });
    out += text.slice(from, end);
  }
  if (cutAfter) {
    const head = escapedBytes(text.slice(end, end + cutAfter.units)).slice(0, cutAfter.head);
    segments.push({ outStart: out.length, outEnd: out.length + head.length, srcStart: end, srcEnd: end + cutAfter.units, verbatim: false });
    out += head;
  }
  return { text: out, segments };
}

/**
 * Where the line keepalived reads from `from` on ends when the physical line (ending at `lineEnd`) is read in pieces
 * (SourceFile.pieceCuts): at the next cut, else at `lineEnd`.
 */
export function pieceEndAfter(pieceCuts: readonly number[] | undefined, from: number, lineEnd: number): number {
  if (!pieceCuts) return lineEnd;
  let lo = 0;
  let hi = pieceCuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pieceCuts[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  const cut = pieceCuts[lo];
  return cut !== undefined && cut < lineEnd ? cut : lineEnd;
}

/** A character's UTF-8 bytes, each escaped as decodeBytes escapes a byte that is not UTF-8. */
function escapedBytes(char: string): string {
  let out = '';
  for (const b of encodeText(char)) out += String.fromCharCode(0xdc00 + b);
  return out;
}

function mapRange(segments: Segment[], from: number, to: number): { start: number; end: number; verbatim: boolean } {
  let start = -1;
  let end = -1;
  let verbatim = true;
  for (const s of segments) {
    if (s.outEnd <= from && !(s.outStart === from && s.outEnd === from)) continue;
    if (s.outStart >= to && start >= 0) break;
    if (!s.verbatim) verbatim = false;
    const a = s.verbatim ? s.srcStart + Math.max(0, from - s.outStart) : s.srcStart;
    const b = s.verbatim ? s.srcStart + (Math.min(to, s.outEnd) - s.outStart) : s.srcEnd;
    if (start < 0) start = a;
    end = Math.max(end, b);
  }
  if (start < 0) {
    const last = segments[segments.length - 1];
    start = last ? last.srcEnd : 0;
    end = start;
  }
  return { start, end: Math.max(end, start), verbatim };
}

/**
 * A substituted text split at its line feeds. A CR is not a line end here: keepalived splits values
 * only at '\n' (a CR written between words of a definition stays in the line, a blank to its word
 * splitter; 2.2.7 reads `$X` with X='status_code<CR>200' as `status_code 200`).
 */
function splitLines(text: string, segments: Segment[]): { text: string; segments: Segment[] }[] {
  if (!text.includes('\n')) return [{ text, segments }];
  const out: { text: string; segments: Segment[] }[] = [];
  let from = 0;
  const re = /\n/g;
  let m: RegExpExecArray | null;
  const push = (a: number, b: number) => {
    out.push({ text: text.slice(a, b), segments: sliceSegments(segments, a, b).map((s) => ({ ...s, outStart: s.outStart - a, outEnd: s.outEnd - a })) });
  };
  while ((m = re.exec(text))) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, text.length);
  return out;
}

/** Parses `~SEQ(VAR, [START,] [STEP,] END)`, `~SEQx(...)`, `~LST(VAR, v1, v2…)`, `~LST({A,B}, {a1,b1}…)`. */
/** Where the numbers of a `~SEQ(VAR, …)` header start (after the variable and the one character add_seq skips), or -1. */
function seqNumbersStart(head: string): number {
  const open = head.indexOf('(');
  if (open < 0) return -1;
  let p = open + 1;
  while (head[p] === ' ' || head[p] === '\t') p++;
  const varStart = p;
  while (p < head.length && !' \t,)'.includes(head[p]!)) p++;
  if (p === varStart) return -1;
  while (head[p] === ' ' || head[p] === '\t') p++;
  return p < head.length - 1 ? p + 1 : -1;
}

export function parseSeqHeader(head: string): { vars: string[]; rows: string[][]; shortSet?: boolean } | { error: string; whole?: boolean } {
  const m = /^~(SEQx?|LST)[ \t]*\((.*)\)$/s.exec(head.trim());
  if (!m) return { error: 'expected ~SEQ(...) or ~LST(...)' };
  const kind = m[1]!;
  const body = m[2]!;
  if (kind === 'LST') return parseLstBody(body + ')');
  // keepalived's add_seq: the variable runs to the first blank, comma or ')', then one character
  // (normally the comma) is skipped; each number is read as strtol(…, 0) reads it (0x hex, a leading
  // 0 octal, leading blanks and a sign allowed), and must be followed (after blanks) by ',' or ')'.
  // Blanks after the '(' are skipped first: `~SEQ ( N , 1 , 3 )` is fine.
  const lead = /^[ \t]*/.exec(body)![0].length;
  const varLen = body.slice(lead).search(/[ \t,)]|$/);
  const v = body.slice(lead, lead + varLen);
  let p = lead + varLen + (/^[ \t]*/.exec(body.slice(lead + varLen))![0].length);
  if (varLen === 0 || p >= body.length) return { error: varLen === 0 ? 'no variable name' : 'no values' };
  p++;
  const rest = body.slice(p) + ')';
  let q = 0;
  const nums: (number | bigint)[] = [];
  for (;;) {
    const [n, next] = strtolC(rest, q);
    nums.push(n);
    q = next;
    while (rest[q] === ' ' || rest[q] === '\t') q++;
    if (rest[q] === ')' && q === rest.length - 1) break;
    if (rest[q] !== ',' || nums.length === 3) return { error: 'values must be 1 to 3 integers' };
    q++;
  }
  // keepalived counts with C longs (64 bits). Small numbers (the usual case) are counted with doubles; a number
  // or a last step beyond 2^53 goes to the exact 64-bit reading.
  if (nums.some((n) => typeof n === 'bigint')) return seqRows64(kind, v, nums.map(BigInt));
  let start: number, step: number, end: number;
  if (nums.length === 1) {
    end = nums[0] as number;
    start = end < 0 ? -1 : 1;
    step = end < 1 ? -1 : 1;
  } else if (nums.length === 2) {
    [start, end] = nums as [number, number];
    step = start <= end ? 1 : -1;
  } else [start, step, end] = nums as [number, number, number];
  if (step === 0 || (step > 0 && end < start) || (step < 0 && end > start)) return { error: 'step is zero or goes the wrong way' };
  if (kind === 'SEQx' && (start < 0 || end < 0)) return { error: '~SEQx is only valid for positive numbers' };
  if (!Number.isSafeInteger(end + step)) return seqRows64(kind, v, [BigInt(start), BigInt(step), BigInt(end)]);
  const count = Math.floor((end - start) / step) + 1;
  if (count > SEQ_MAX_ROWS) return { error: `${count} values is more than kalint expands` };
  const rows: string[][] = [];
  for (let i = start; step > 0 ? i <= end : i >= end; i += step) rows.push([kind === 'SEQx' ? i.toString(16) : String(i)]);
  return { vars: [v], rows };
}

/** add_seq's buffer for the numbers (3 longs, each with its ',' or ')', and a NUL: 64 bytes), less the NUL. */
const SEQ_PARAMETERS_MAX = 63;

/** The most rows kalint expands from one ~SEQ. */
const SEQ_MAX_ROWS = 100000;
const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

/**
 * A ~SEQ header read exactly as keepalived's C longs: `nums` as strtol left them (saturated at LONG_MIN/LONG_MAX).
 * add_seq checks the step, then the parser prints `next` (%ld, or %lx of it as unsigned for ~SEQx), adds the step
 * and stops once `next` is past `last`. The addition wraps round at 2^63 (the 2.2.7 and 2.4.3 builds: a start of
 * 2^62 with a step of 3·2^61 and an end of 2^62 gives the rows 2^62, -3·2^61 and 0), so when the end is LONG_MAX with a
 * positive step (LONG_MIN with a negative one) nothing is ever past it and keepalived, -t included, never stops.
 */
function seqRows64(kind: string, v: string, nums: bigint[]): { vars: string[]; rows: string[][] } | { error: string; whole?: boolean } {
  let start: bigint, step: bigint, end: bigint;
  if (nums.length === 1) {
    end = nums[0]!;
    start = end < 0n ? -1n : 1n;
    step = end < 1n ? -1n : 1n;
  } else if (nums.length === 2) {
    [start, end] = nums as [bigint, bigint];
    step = start <= end ? 1n : -1n;
  } else [start, step, end] = nums as [bigint, bigint, bigint];
  if (step === 0n || (step > 0n && end < start) || (step < 0n && end > start)) return { error: 'step is zero or goes the wrong way' };
  if (kind === 'SEQx' && (start < 0n || end < 0n)) return { error: '~SEQx is only valid for positive numbers' };
  const wraps = step > 0n ? end + step > LONG_MAX : end + step < LONG_MIN;
  if (!wraps) {
    const count = (end - start) / step + 1n;
    if (count > BigInt(SEQ_MAX_ROWS)) return { error: `${count} values is more than kalint expands` };
  } else if (end === (step > 0n ? LONG_MAX : LONG_MIN)) {
    const edge = step > 0n ? `the largest 64-bit number, ${LONG_MAX}` : `the smallest 64-bit number, ${LONG_MIN}`;
    return {
      error: `keepalived never finishes this ~SEQ: its end is ${edge}, which its counter can never pass (it wraps round to ${step > 0n ? LONG_MIN : LONG_MAX} instead), so keepalived, -t included, repeats the line without end and hangs`,
      whole: true,
    };
  }
  const rows: string[][] = [];
  for (let i = start; ; ) {
    if (rows.length === SEQ_MAX_ROWS) {
      return { error: `keepalived's counter passes ${step > 0n ? 'the largest' : 'the smallest'} 64-bit number and wraps round, then counts on: more than ${SEQ_MAX_ROWS} values, more than kalint expands`, whole: true };
    }
    rows.push([kind === 'SEQx' ? BigInt.asUintN(64, i).toString(16) : String(i)]);
    i = BigInt.asIntN(64, i + step);
    if (step > 0n ? i > end : i < end) break;
  }
  return { vars: [v], rows };
}

/**
 * C's strtol(s + i, &end, 0) on a JavaScript string: [value, end index]; no digits = [0, i]. A value beyond 2^53
 * comes back as a bigint, saturated at LONG_MIN/LONG_MAX as strtol does (ERANGE).
 */
function strtolC(s: string, i: number): [number | bigint, number] {
  let j = i;
  while (j < s.length && ' \t\n\v\f\r'.includes(s[j]!)) j++;
  let sign = 1;
  if (s[j] === '+' || s[j] === '-') { if (s[j] === '-') sign = -1; j++; }
  let base = 10;
  if (s[j] === '0' && (s[j + 1] === 'x' || s[j + 1] === 'X') && /[0-9a-fA-F]/.test(s[j + 2] ?? '')) { base = 16; j += 2; }
  else if (s[j] === '0') base = 8;
  const digit = base === 16 ? /[0-9a-fA-F]/ : base === 8 ? /[0-7]/ : /[0-9]/;
  const from = j;
  let n = 0;
  while (j < s.length && digit.test(s[j]!)) { n = n * base + parseInt(s[j]!, 16); j++; }
  if (j === from) return [0, i];
  if (n <= Number.MAX_SAFE_INTEGER) return [sign * n, j];
  let big = 0n;
  for (let k = from; k < j; k++) big = big * BigInt(base) + BigInt(parseInt(s[k]!, 16));
  if (sign < 0) big = -big;
  return [big > LONG_MAX ? LONG_MAX : big < LONG_MIN ? LONG_MIN : big, j];
}

/**
 * The variables and rows of a `~LST(…)` as keepalived's add_lst reads them (`s`: what follows the
 * '(', up to and with the closing ')'). A variable or value runs to a blank, ',' or '}' (a value to
 * ')' too), so `{{A, B}` names the variables '{A' and 'B' (2.2.7 and 2.4.3 read it silently);
 * a row with fewer values than variables gets empty ones.
 */
function parseLstBody(s: string): { vars: string[]; rows: string[][]; shortSet?: boolean } | { error: string } {
  const at = (i: number) => s[i] ?? '';
  const blanks = (i: number) => {
    while (at(i) === ' ' || at(i) === '\t') i++;
    return i;
  };
  const word = (i: number, stops: string) => {
    while (i < s.length && !stops.includes(s[i]!)) i++;
    return i;
  };
  const invalid = { error: 'expected ~LST(VAR, VALUE…) or ~LST({VAR, …}, {VALUE, …}…)' };
  let p = blanks(0);
  let end = ',';
  if (at(p) === '{') {
    end = '}';
    p = blanks(p + 1);
  }
  const vars: string[] = [];
  for (;;) {
    const from = p;
    p = word(p, ' \t,}');
    vars.push(s.slice(from, p));
    p = blanks(p);
    if (at(p) === end) break;
    if (at(p) !== ',') return invalid;
    p = blanks(p + 1);
  }
  if (at(p) === '}') p = blanks(p + 1);
  if (at(p) !== ',') return invalid;
  p = blanks(p + 1);
  const rows: string[][] = [];
  let shortSet = false;
  for (;;) {
    let rowEnd = ',';
    if (at(p) === '{') {
      rowEnd = '}';
      p = blanks(p + 1);
    }
    const row: string[] = [];
    for (;;) {
      const from = p;
      p = word(p, ' \t,})');
      row.push(s.slice(from, p));
      p = blanks(p);
      if (at(p) === rowEnd || (at(p) === ')' && rowEnd === ',')) break;
      if (at(p) !== ',') return invalid;
      p = blanks(p + 1);
      if (row.length >= vars.length) return { error: `a set of values has more values than the ${vars.length} variable${vars.length === 1 ? '' : 's'} (keepalived: "~LST specification has too many values")` };
    }
    if (row.length < vars.length) shortSet = true;
    while (row.length < vars.length) row.push('');
    rows.push(row);
    if (at(p) === '}' && rowEnd === '}') p = blanks(p + 1);
    if (at(p) === ')') break;
    if (at(p) !== ',') return invalid;
    p = blanks(p + 1);
  }
  return shortSet ? { vars, rows, shortSet } : { vars, rows };
}

export { parseCondition };

/** The first line of a configuration text that is neither blank nor a comment, trimmed, or undefined. */
/** Whether the file's last line (the one before a final newline) holds more than blanks and a comment. */
function endsWithConfigLine(text: string): boolean {
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  const last = text.slice(text.lastIndexOf('\n', end - 1) + 1, end);
  return last.replace(/[#!].*$/, '').trim() !== '';
}

function firstConfigLine(text: string): string | undefined {
  for (const raw of text.split('\n', 200)) {
    const line = raw.replace(/[#!].*$/, '').trim();
    if (line) return line;
  }
  return undefined;
}

/**
 * The lines of a file that keepalived's VRRP and checker processes open themselves which they take for the copy's
 * marker lines (see markerCrash): `open`, the offsets of the lines starting with '#' (not '#!') that no later line
 * starting with '!' closes; `stop`, the offset of a line starting with '!' that closes none, where they leave the file
 * for the line after the include (it pops the file's own entry: the rest of the file is not read the second time).
 */
function markerLines(text: string): { open: number[]; stop?: number } {
  const open: number[] = [];
  for (let at = 0; at < text.length; ) {
    const c = text.charCodeAt(at);
    if (c === 35 && text.charCodeAt(at + 1) !== 33) open.push(at);
    else if (c === 33) {
      if (!open.length) return { open, stop: at };
      open.pop();
    }
    const nl = text.indexOf('\n', at);
    if (nl < 0) break;
    at = nl + 1;
  }
  return { open };
}

/** The real_server lines of the files (address and port as written), for a file read twice into one virtual_server. */
function realServersIn(files: SourceFile[]): string[] {
  const servers: string[] = [];
  for (const f of files) for (const m of f.text.matchAll(/^[ \t]*(?:@\^?\S+[ \t]+)?real_server[ \t]+([^\s{#!]+)(?:[ \t]+([^\s{#!]+))?/gm)) servers.push(m[2] ? `${m[1]} ${m[2]}` : m[1]!);
  return servers;
}

/** Paths quoted and listed (`'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`); past five, how many more. */
function nameList(paths: string[]): string {
  const shown = paths.slice(0, paths.length > 5 ? 4 : 5).map((p) => `'${shortPath(p)}'`);
  if (paths.length > 5) return `${shown.join(', ')} and ${paths.length - 4} more`;
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/**
 * maxIncludeDepth as given, if it is a usable bound: a number from 0 up (a fractional one rounded down, Infinity for
 * none beyond kalint's bounds on the files and lines read). Anything else (NaN, which bounded nothing, a negative
 * number, a string from a settings file) is no option: the default applies.
 */
function includeDepthOption(v: unknown): number | undefined {
  return typeof v === 'number' && v >= 0 ? Math.floor(v) : undefined;
}

/**
 * The files of an include chain joined with arrows; past six, the first three and the last two with how many are
 * left out between them, so that a finding stays short however deep the chain is.
 */
function chainText(paths: string[]): string {
  const shown = (from: number, to?: number) => paths.slice(from, to).map(shortPath).join(' -> ');
  if (paths.length <= 6) return shown(0);
  return `${shown(0, 3)} -> … ${(paths.length - 5).toLocaleString('en-US')} more files … -> ${shown(-2)}`;
}

/**
 * A path as a message names it: a very long one (a deep tree of folders) by its start and its end, so that a finding
 * naming it stays short (the finding's `file` has the whole path of the file it is in).
 */
function shortPath(path: string): string {
  if (path.length <= 240) return path;
  // Never between the two halves of a surrogate pair.
  const low = (at: number) => (path.charCodeAt(at) & 0xfc00) === 0xdc00;
  let head = 80;
  if (low(head)) head--;
  let tail = path.length - 140;
  if (low(tail)) tail--;
  return `${path.slice(0, head)}…${path.slice(tail)}`;
}

/** How many lines a text has, as the lexer counts them (a last line without a newline counts; an empty text is one line). */
function lineCount(text: string): number {
  let n = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** Whether an include pattern has a '{' no backslash escapes: keepalived then reports its missing files as brace_match's. */
function hasUnescapedBrace(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 123) return true;
  }
  return false;
}

/** A pattern without the blanks and tabs around it, which are all keepalived's include check skips (a CR is part of a name). */
function trimBlanks(pattern: string): string {
  return pattern.replace(BLANKS_AROUND, '');
}
const BLANKS_AROUND = /^[ \t]+|[ \t]+$/g;

/**
 * The strongly connected parts of the include graph (files, and the paths each includes), as a part number for
 * every file (Tarjan's algorithm, without recursion: a glob may include thousands of files).
 */
function includeComponents(graph: Map<string, Map<string, number>>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let next = 0;
  let parts = 0;
  const nodes = new Set<string>();
  for (const [from, targets] of graph) {
    nodes.add(from);
    for (const to of targets.keys()) nodes.add(to);
  }
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; targets: string[]; at: number }[] = [];
    const enter = (node: string) => {
      index.set(node, next);
      low.set(node, next++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, targets: [...(graph.get(node)?.keys() ?? [])], at: 0 });
    };
    enter(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      if (top.at < top.targets.length) {
        const to = top.targets[top.at++]!;
        if (!index.has(to)) enter(to);
        else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.set(member, parts);
        } while (member !== top.node);
        parts++;
      }
    }
  }
  return component;
}
