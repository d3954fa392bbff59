// The lossless syntax tree of one file. It records what the user wrote, as written: every token,
// every comment, conditional prefixes, definitions, include lines. Whitespace is not stored as
// tokens; it is exactly the text between consecutive tokens (see `trivia` in parser.ts), so
// tokens + gaps reproduce the file byte for byte.
//
// Structure is syntactic: a `{` belongs to the statement before it (on the same line, or the line
// above when the brace starts its line), whatever keepalived later makes of it. The semantic view
// (what keepalived reads, across includes and conditionals) is the AST built by analysis/.

import type { Token } from './lexer.js';
import type { Condition } from './lines.js';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based column, in UTF-16 code units (as LSP and JavaScript strings count). */
  column: number;
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

interface CstBase {
  /** Offsets of the node's first and last character (end exclusive), trailing comment included. */
  start: number;
  end: number;
  /** Conditional prefix `@id` of the node's line. */
  condition?: Condition;
}

/** A keyword line (or, inside value blocks, a value line): words, an optional block. */
export interface CstStatement extends CstBase {
  type: 'statement';
  /** First word; a value line's first value. */
  keyword: Token;
  /** The words after the keyword, up to a brace or the end of the line. */
  args: Token[];
  block?: CstBlock;
  /** Comment at the end of the statement's line (or of its closing brace's line). */
  comment?: Token;
}

export interface CstBlock {
  open: Token;
  openComment?: Token;
  children: CstNode[];
  /** Missing when the file ends before the block is closed. */
  close?: Token;
  closeComment?: Token;
  closeCondition?: Condition;
}

/** A line holding only a comment. */
export interface CstComment extends CstBase {
  type: 'comment';
  token: Token;
}

/** `$NAME=value`, possibly continued over several lines with a trailing `\`. */
export interface CstDefinition extends CstBase {
  type: 'definition';
  name: string;
  /** All tokens of all its lines, comments included. */
  tokens: Token[];
}

/** `include PATTERN` and its variants. The pattern may contain `{a,b}` braces: they are glob syntax. */
export interface CstInclude extends CstBase {
  type: 'include';
  keyword: Token;
  patternTokens: Token[];
  /** Source text of the pattern, as keepalived passes it to glob(3). */
  pattern: string;
  comment?: Token;
}

/** `~SEQ(var, start, step, end) REST` / `~LST(...) REST`. */
export interface CstSeq extends CstBase {
  type: 'seq';
  /** The `~SEQ(...)` header tokens. */
  header: Token[];
  headerText: string;
  /** The text repeated for each value, parsed as an ordinary statement when it is one. */
  body?: CstStatement;
  comment?: Token;
}

/** A `{` with no statement to belong to (e.g. at the start of a file). */
export interface CstOrphanBlock extends CstBase {
  type: 'orphan-block';
  block: CstBlock;
}

/** A `}` that closes nothing. */
export interface CstStrayClose extends CstBase {
  type: 'stray-close';
  token: Token;
  comment?: Token;
}

export type CstNode = CstStatement | CstComment | CstDefinition | CstInclude | CstSeq | CstOrphanBlock | CstStrayClose;

export interface SyntaxProblem {
  code: string;
  message: string;
  start: number;
  end: number;
}

export interface CstFile {
  text: string;
  children: CstNode[];
  /** All tokens in source order (comments included, whitespace excluded). */
  tokens: Token[];
  lineStarts: Int32Array;
  lineFirstToken: Int32Array;
  /** Structural problems found while building the tree (unbalanced braces, bad quotes). */
  problems: SyntaxProblem[];
}
