// The semantic tree: what keepalived reads, after conditionals, definitions, ~SEQ and includes,
// with every word still pointing at the text the user wrote (the reference, for substituted text).

import type { Position, Range } from '../syntax/cst.js';
import { Kind, TokenStore } from '../syntax/lexer.js';
import { positionAt } from '../syntax/parser.js';
import { digitsIn } from './values.js';
import { schema, type Context, type KeywordSpec } from '../schema/schema.js';

/**
 * A word keepalived reads. Words read verbatim from a file are views on the lexer's token store
 * (`StoreWord`), made when asked for; substituted or rewritten ones are `SourceWord`s.
 */
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
  /**
   * An expanded word that touched the word before it in the substituted text (`""pidof"`): keepalived's
   * script parser, which reads the line as text, takes the two for one word. (Words read as written have
   * their offsets for that.)
   */
  readonly gluedToPrevious?: boolean;
}

/** A word that is not one token as written: produced by substitution, or with a trailing `\` glued on. */
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
    readonly gluedToPrevious = false,
  ) {}

  /** This word, touching the one before it in substituted text (see Word.gluedToPrevious). */
  gluedCopy(): SourceWord {
    return new SourceWord(this.text, this.quoted, this.file, this.start, this.end, this.startPos, this.endPos, this.expanded, true);
  }

  get range(): Range {
    return { start: { ...this.startPos }, end: { ...this.endPos } };
  }
}

/** A word that is token `index` of a file's token store, read as written (strings unquoted). */
export class StoreWord implements Word {
  constructor(
    readonly store: TokenStore,
    readonly index: number,
  ) {}

  get text(): string {
    return this.store.value(this.index);
  }

  get quoted(): boolean {
    return this.store.kinds[this.index] === Kind.String;
  }

  get file(): string {
    return this.store.src.path;
  }

  get start(): number {
    return this.store.starts[this.index]!;
  }

  get end(): number {
    return this.store.end(this.index);
  }

  get expanded(): boolean {
    return false;
  }

  get range(): Range {
    return tokenSpan(this.store, this.index, this.index);
  }
}

/** The range from the start of token `first` to the end of token `last`, both on one line. */
function tokenSpan(store: TokenStore, first: number, last: number): Range {
  const start = positionAt(store.lineStarts, store.starts[first]!);
  const endOffset = store.end(last);
  return { start, end: { line: start.line, column: start.column + (endOffset - start.offset), offset: endOffset } };
}

/** The item of `values` that token t of `store` is, when it is a plain word, else undefined (no string made). */
function tokenOneOf(store: TokenStore, t: number, values: readonly string[]): string | undefined {
  if (store.kinds[t] !== Kind.Word) return undefined;
  const start = store.starts[t]!;
  const length = store.end(t) - start;
  const text = store.src.text;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (v.length === length && text.startsWith(v, start)) return v;
  }
  return undefined;
}

const ZERO_RANGE: Range = { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } };

function span(first: Word | undefined, last: Word | undefined): Range {
  if (!first) return { start: { ...ZERO_RANGE.start }, end: { ...ZERO_RANGE.end } };
  const a = first.range;
  if (!last || last === first) return a;
  return { start: a.start, end: last.range.end };
}

/**
 * A line of a value block (`virtual_ipaddress { … }`). One read verbatim from a file keeps only its
 * token store, first token and word count, and makes `words` when asked (a 6 MB config has ~16k
 * such lines): each `words` read builds new word objects, so read it once per use, or use
 * `argText(i)`/`argCount`/`argWord(i)`. Substituted lines keep the words they were given.
 */
export class ValueLine {
  private readonly given: Word[] | undefined;
  private readonly store: TokenStore | undefined;
  private readonly first: number;
  private readonly count: number;

  constructor(
    words: Word[] | undefined,
    readonly file: string,
    store?: TokenStore,
    first = 0,
    count = 0,
  ) {
    this.given = store ? undefined : (words ?? []);
    this.store = store;
    this.first = first;
    this.count = store ? count : this.given!.length;
  }

  /** The line made of tokens [first, first + count) of `store`. */
  static fromTokens(store: TokenStore, first: number, count: number): ValueLine {
    return new ValueLine(undefined, store.src.path, store, first, count);
  }

  get words(): Word[] {
    const store = this.store;
    if (!store) return this.given!;
    const out: Word[] = new Array(this.count);
    for (let k = 0; k < this.count; k++) out[k] = new StoreWord(store, this.first + k);
    return out;
  }

  get range(): Range {
    if (this.store) return this.count ? tokenSpan(this.store, this.first, this.first + this.count - 1) : span(undefined, undefined);
    return span(this.given![0], this.given![this.given!.length - 1]);
  }

  get argCount(): number {
    return this.count;
  }

  argText(i: number): string | undefined {
    if (i < 0 || i >= this.count) return undefined;
    return this.store ? this.store.value(this.first + i) : this.given![i]!.text;
  }

  argWord(i: number): Word {
    return this.store ? new StoreWord(this.store, this.first + i) : this.given![i]!;
  }

  /** The item of `values` that word i is written as (unquoted), else undefined (see AstNode.argOneOf). */
  argOneOf(i: number, values: readonly string[]): string | undefined {
    if (i < 0 || i >= this.count) return undefined;
    const store = this.store;
    if (!store) {
      const w = this.given![i]!;
      return !w.quoted ? values.find((v) => v === w.text) : undefined;
    }
    return tokenOneOf(store, this.first + i, values);
  }

  argDigits(i: number): number {
    if (i < 0 || i >= this.count) return -1;
    const store = this.store;
    if (store) {
      const t = this.first + i;
      return store.kinds[t] === Kind.Word ? digitsIn(store.src.text, store.starts[t]!, store.end(t)) : -1;
    }
    const w = this.given![i]!;
    return !w.quoted ? digitsIn(w.text, 0, w.text.length) : -1;
  }
}

// Shared and never modified, but not frozen: a frozen array has an elements kind of its own, and V8
// then stops inlining for-of over every list that may be it (each step goes through the iterator
// builtin and allocates a result: 2-3x slower, and much garbage). test/shared-empty.test.ts checks it stays empty.
const NO_CHILDREN: AstNode[] = [];

/**
 * A keyword as keepalived read it. Kept lean (a 6 MB config has ~200k of them): a node read
 * verbatim from a file points into that file's token store (keyword token and argument count)
 * and makes its `word` and `args` on demand; only substituted lines carry their words.
 * Each `word`/`args`/`range` read builds new objects: read them once per use.
 */
export class AstNode {
  /**
   * Sub-keywords, in order. A leaf has none: it reads the shared empty array from the prototype
   * (set below) instead of holding a field of its own; blocks (`BlockNode`) have the field.
   */
  declare children: AstNode[];
  parent?: AstNode = undefined;
  /**
   * Where the node's words are: the token store of its keyword line, or, for the few nodes with
   * rare parts (value lines, given words, foreign braces), an object holding those and the store.
   * One field instead of two keeps every node 8 bytes smaller.
   */
  private origin: TokenStore | RareParts | undefined;
  /**
   * Index of the keyword token in `store` and how many argument tokens follow it, packed into one
   * small integer (first * 1024 + argc) to keep nodes small; -1 when they do not fit (see `rare`).
   */
  private readonly packed: number;

  constructor(
    /** The schema entry; undefined for the root. */
    readonly spec: KeywordSpec | undefined,
    /** The keyword word itself (undefined for the root, or when `store` is given). */
    word: Word | undefined,
    /** The words after the keyword, up to a brace or the end of the line. */
    args: Word[] | undefined,
    store?: TokenStore,
    first = -1,
    argc = 0,
  ) {
    const fits = first >= 0 && first < PACKED_MAX_FIRST && argc < PACKED_MAX_ARGC;
    this.packed = fits ? (first << PACKED_ARGC_BITS) | argc : -1;
    this.origin = store ? (fits ? store : { store, first, argc }) : { word, args: args ?? [] };
  }

  /** The token store the keyword line was read from (undefined: the words are given). */
  protected get store(): TokenStore | undefined {
    const s = this.origin;
    return s instanceof TokenStore ? s : s?.store;
  }

  /** What only some nodes have, kept out of line so that the common node stays small. */
  protected get rare(): RareParts | undefined {
    const s = this.origin;
    return s instanceof TokenStore ? undefined : s;
  }

  /** The rare parts, made (keeping the store) on first need. */
  protected ensureRare(): RareParts {
    const s = this.origin;
    if (s instanceof TokenStore || s === undefined) return (this.origin = { store: s });
    return s;
  }

  /** Index of the keyword token in `store`. */
  private get first(): number {
    const p = this.packed;
    return p >= 0 ? p >> PACKED_ARGC_BITS : (this.rare?.first ?? -1);
  }

  /** How many argument tokens follow the keyword in `store`. */
  private get argc(): number {
    const p = this.packed;
    return p >= 0 ? p & (PACKED_MAX_ARGC - 1) : (this.rare?.argc ?? 0);
  }

  /** A node for the keyword line `store` tokens [first, first + 1 + argc). */
  static fromTokens(spec: KeywordSpec, store: TokenStore, first: number, argc: number): AstNode {
    return spec.block ? new BlockNode(spec, undefined, undefined, store, first, argc) : new AstNode(spec, undefined, undefined, store, first, argc);
  }

  /** A node for given words (substituted text): a BlockNode for block keywords. */
  static fromWords(spec: KeywordSpec, word: Word, args: Word[]): AstNode {
    return spec.block ? new BlockNode(spec, word, args) : new AstNode(spec, word, args);
  }

  /** How many real_server blocks of this block keepalived skips for their header (they stay out of the tree). */
  get skippedServers(): number {
    return this.rare?.skippedServers ?? 0;
  }

  /** Of the skipped real_server blocks, how many the running daemon reads (a port like `81x`, which only -t refuses). */
  get daemonReadServers(): number {
    return this.rare?.daemonReadServers ?? 0;
  }

  /** Notes one more real_server block skipped (walker); `daemonReads`: only keepalived -t skips it. */
  noteSkippedServer(daemonReads = false): void {
    const r = this.ensureRare();
    r.skippedServers = (r.skippedServers ?? 0) + 1;
    if (daemonReads) r.daemonReadServers = (r.daemonReadServers ?? 0) + 1;
  }

  /**
   * real_server blocks keepalived skipped whose '{' is missing, each with the real_server read before it in this block
   * (walker, before UNMADE_BLOCK_IGNORED_SINCE): keepalived reads their lines as that server's keywords (KA104).
   */
  get bracelessServers(): readonly { node: AstNode; after: AstNode }[] | undefined {
    return this.rare?.bracelessServers;
  }

  noteBracelessServer(node: AstNode, after: AstNode): void {
    (this.ensureRare().bracelessServers ??= []).push({ node, after });
  }

  /** Lines of a value block (`virtual_ipaddress { … }`). */
  get values(): ValueLine[] | undefined {
    return this.rare?.values;
  }

  set values(v: ValueLine[] | undefined) {
    if (v || this.rare) this.ensureRare().values = v;
  }

  /**
   * Where a block that no '}' closed ended, as keepalived names it in the messages it gives at a block's end: the last
   * line of the file whose end ended the block (before 2.1.4; later releases name no line there). Undefined otherwise.
   */
  get endedAt(): { file: string; range: Range } | undefined {
    return this.rare?.endedAt;
  }

  set endedAt(at: { file: string; range: Range } | undefined) {
    if (at || this.rare) this.ensureRare().endedAt = at;
  }

  /** The `{` of a block keyword, when present (a new word object on each read). */
  get openBrace(): Word | undefined {
    return this.rare?.openWord;
  }

  set openBrace(w: Word | undefined) {
    if (w || this.rare) this.ensureRare().openWord = w;
  }

  /** The `}` of a block keyword, when present (a new word object on each read). */
  get closeBrace(): Word | undefined {
    return this.rare?.closeWord;
  }

  set closeBrace(w: Word | undefined) {
    if (w || this.rare) this.ensureRare().closeWord = w;
  }

  /** The keyword as keepalived matched it; '' for the root. */
  get keyword(): string {
    return this.spec ? this.spec.name : '';
  }

  /** The keyword word itself (undefined for the root). */
  get word(): Word | undefined {
    return this.store ? new StoreWord(this.store, this.first) : this.rare!.word;
  }

  /** The words after the keyword, up to a brace or the end of the line. */
  get args(): Word[] {
    const store = this.store;
    if (!store) return this.rare!.args!;
    const out: Word[] = new Array(this.argc);
    for (let k = 0; k < this.argc; k++) out[k] = new StoreWord(store, this.first + 1 + k);
    return out;
  }

  // The accessors below first try the common case: `origin` is the store itself, so `packed`
  // holds the keyword index and argument count.

  /** How many arguments the keyword has (no allocation). */
  get argCount(): number {
    if (this.origin instanceof TokenStore) return this.packed & (PACKED_MAX_ARGC - 1);
    return this.store ? this.argc : this.rare!.args!.length;
  }

  /** The text of argument i, or undefined (allocates only the string). */
  argText(i: number): string | undefined {
    const s = this.origin;
    if (s instanceof TokenStore) {
      const p = this.packed;
      return i >= 0 && i < (p & (PACKED_MAX_ARGC - 1)) ? s.value((p >> PACKED_ARGC_BITS) + 1 + i) : undefined;
    }
    if (!this.store) return this.rare!.args![i]?.text;
    return i >= 0 && i < this.argc ? this.store.value(this.first + 1 + i) : undefined;
  }

  /** The value of argument i when it is a plain unquoted number, else -1 (no string made). */
  argDigits(i: number): number {
    const store = this.store;
    if (!store) {
      const w = this.rare!.args![i];
      return w && !w.quoted ? digitsIn(w.text, 0, w.text.length) : -1;
    }
    if (i < 0 || i >= this.argc) return -1;
    const t = this.first + 1 + i;
    return store.kinds[t] === Kind.Word ? digitsIn(store.src.text, store.starts[t]!, store.end(t)) : -1;
  }

  /**
   * The item of `values` that argument i is written as (unquoted), else undefined: that string
   * itself, so no new string is made (the model keeps enum values such as a state for each of
   * thousands of instances).
   */
  argOneOf(i: number, values: readonly string[]): string | undefined {
    const store = this.store;
    if (!store) {
      const w = this.rare!.args![i];
      return w && !w.quoted ? values.find((v) => v === w.text) : undefined;
    }
    if (i < 0 || i >= this.argc) return undefined;
    return tokenOneOf(store, this.first + 1 + i, values);
  }

  /** Argument i as a word (i < argCount). */
  argWord(i: number): Word {
    return this.store ? new StoreWord(this.store, this.first + 1 + i) : this.rare!.args![i]!;
  }

  get file(): string {
    const s = this.origin;
    if (s instanceof TokenStore) return s.src.path;
    return this.store ? this.store.src.path : (this.rare!.word?.file ?? '');
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
    if (this.store) return tokenSpan(this.store, this.first, this.first + this.argc);
    const args = this.rare!.args!;
    return span(this.rare!.word, args.length ? args[args.length - 1] : this.rare!.word);
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

/**
 * A block keyword's node. Only blocks have braces, so leaves (three in four nodes) do without the
 * two brace fields: the braces are token indices in the node's store when they are tokens of it.
 */
export class BlockNode extends AstNode {
  override children: AstNode[] = NO_CHILDREN;
  /** The braces, as token indices in `store` (-1: none, or see the base class). */
  private openAt = -1;
  private closeAt = -1;

  override get openBrace(): Word | undefined {
    return this.openAt >= 0 ? new StoreWord(this.store!, this.openAt) : super.openBrace;
  }

  override set openBrace(w: Word | undefined) {
    this.openAt = w instanceof StoreWord && w.store === this.store ? w.index : -1;
    if (this.openAt < 0) super.openBrace = w;
  }

  override get closeBrace(): Word | undefined {
    return this.closeAt >= 0 ? new StoreWord(this.store!, this.closeAt) : super.closeBrace;
  }

  override set closeBrace(w: Word | undefined) {
    this.closeAt = w instanceof StoreWord && w.store === this.store ? w.index : -1;
    if (this.closeAt < 0) super.closeBrace = w;
  }
}

// Leaves read `children` here; `addChild` gives a node its own array.
(AstNode.prototype as { children: AstNode[] }).children = NO_CHILDREN;

/** Limits of the packed keyword index and argument count (their product stays a small integer). */
const PACKED_ARGC_BITS = 10;
const PACKED_MAX_ARGC = 1 << PACKED_ARGC_BITS;
const PACKED_MAX_FIRST = 1 << 21;

interface RareParts {
  /** The token store, for nodes read from one. */
  store?: TokenStore;
  values?: ValueLine[];
  /** Braces that are not tokens of the node's store (substituted text, or a brace in another file). */
  openWord?: Word;
  closeWord?: Word;
  /** Keyword index and argument count too large to pack. */
  first?: number;
  argc?: number;
  /** The words of a node not read verbatim from a token store. */
  word?: Word;
  args?: Word[];
  /** Where a block without its '}' ended, as keepalived names it (see AstNode.endedAt). */
  endedAt?: { file: string; range: Range };
  /** real_server blocks keepalived skipped (see AstNode.skippedServers). */
  skippedServers?: number;
  /** Of those, the ones the running daemon reads (see AstNode.daemonReadServers). */
  daemonReadServers?: number;
  /** See AstNode.bracelessServers. */
  bracelessServers?: { node: AstNode; after: AstNode }[];
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
  return node?.argText(i);
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
