// The semantic tree: what keepalived reads, after conditionals, definitions, ~SEQ and includes,
// with every word still pointing at the text the user wrote (the reference, for substituted text).

import type { Position, Range } from '../syntax/cst.js';
import { schema, type Context, type KeywordSpec } from '../schema/schema.js';

/** A word keepalived reads. Plain words are the lexer's tokens themselves (see syntax/lexer.ts). */
export interface Word {
  /** The value keepalived sees (quotes removed). */
  readonly text: string;
  readonly quoted: boolean;
  readonly file: string;
  /** Offsets in `file` of what the user wrote for this word. */
  readonly start: number;
  readonly end: number;
  readonly range: Range;
  /** True when the word came out of a `$NAME` substitution or a ~SEQ expansion. */
  readonly expanded?: boolean;
}

/** A word whose value differs from its source text (quoted, or produced by substitution). */
export class SourceWord implements Word {
  constructor(
    readonly text: string,
    readonly quoted: boolean,
    readonly file: string,
    readonly start: number,
    readonly end: number,
    private readonly startPos: Position,
    private readonly endPos: Position,
    readonly expanded: boolean,
  ) {}

  get range(): Range {
    return { start: { ...this.startPos }, end: { ...this.endPos } };
  }
}

const ZERO_RANGE: Range = { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } };

function span(first: Word | undefined, last: Word | undefined): Range {
  if (!first) return { start: { ...ZERO_RANGE.start }, end: { ...ZERO_RANGE.end } };
  const a = first.range;
  if (!last || last === first) return a;
  return { start: a.start, end: last.range.end };
}

export class ValueLine {
  constructor(
    readonly words: Word[],
    readonly file: string,
  ) {}

  get range(): Range {
    return span(this.words[0], this.words[this.words.length - 1]);
  }
}

const NO_CHILDREN: AstNode[] = Object.freeze([]) as unknown as AstNode[];

/**
 * A keyword as keepalived read it. Kept lean (a 6 MB config has ~200k of them): the keyword,
 * file and ranges are derived from the words on demand.
 */
export class AstNode {
  /** Sub-keywords, in order (shared empty array for leaves: add with `addChild`). */
  children: AstNode[] = NO_CHILDREN;
  /** Lines of a value block (`virtual_ipaddress { … }`). */
  values?: ValueLine[];
  parent?: AstNode;
  /** The braces of a block keyword, when present. */
  openBrace?: Word;
  closeBrace?: Word;

  constructor(
    /** The schema entry; undefined for the root. */
    readonly spec: KeywordSpec | undefined,
    /** The keyword word itself (undefined for the root). */
    readonly word: Word | undefined,
    /** The words after the keyword, up to a brace or the end of the line. */
    readonly args: Word[],
  ) {
    this.keyword = word?.text ?? '';
  }

  /** The keyword as keepalived matched it; '' for the root. A field, not a getter: rules ask often. */
  readonly keyword: string;


  get file(): string {
    return this.word?.file ?? '';
  }

  /** The block the node was read in (the top level for top-level keywords). */
  get context(): Context {
    return this.parent?.spec ?? schema().root;
  }

  addChild(node: AstNode): void {
    if (this.children === NO_CHILDREN) this.children = [];
    this.children.push(node);
    node.parent = this;
  }

  /** The keyword line: from the keyword to its last argument. */
  get range(): Range {
    return span(this.word, this.args.length ? this.args[this.args.length - 1] : this.word);
  }

  get open(): Range | undefined {
    return this.openBrace?.range;
  }

  get close(): Range | undefined {
    return this.closeBrace?.range;
  }

  /** Whole extent, from the keyword to the closing brace (the keyword line when there is none in the same file). */
  get fullRange(): Range {
    const r = this.range;
    if (this.closeBrace && this.closeBrace.file === this.file) return { start: r.start, end: this.closeBrace.range.end };
    return r;
  }
}

/** Helpers for rules: find children by keyword. */
export function child(node: AstNode, keyword: string): AstNode | undefined {
  // The last occurrence wins for most keywords, as in keepalived.
  for (let i = node.children.length - 1; i >= 0; i--) if (node.children[i]!.keyword === keyword) return node.children[i];
  return undefined;
}

export function childrenNamed(node: AstNode, keyword: string): AstNode[] {
  return node.children.filter((c) => c.keyword === keyword);
}

export function argText(node: AstNode | undefined, i = 0): string | undefined {
  return node?.args[i]?.text;
}

/** Pre-order node lists of finished trees: many rules walk the same tree. */
const preorderCache = new WeakMap<AstNode, AstNode[]>();

function preorder(root: AstNode): AstNode[] {
  const out: AstNode[] = [];
  const stack: AstNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** Visits every node without recursion (configs may nest deeply). */
export function walkAst(root: AstNode, visit: (n: AstNode) => void): void {
  // A whole tree (the root of an analysis) is flattened once and reused.
  let nodes = root.parent === undefined ? preorderCache.get(root) : undefined;
  if (!nodes) {
    nodes = preorder(root);
    if (root.parent === undefined) preorderCache.set(root, nodes);
  }
  for (let i = 0; i < nodes.length; i++) visit(nodes[i]!);
}
