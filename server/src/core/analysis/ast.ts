// The semantic tree: what keepalived reads, after conditionals, definitions, ~SEQ and includes,
// with every word still pointing at the text the user wrote (the reference, for substituted text).

import type { Range } from '../syntax/cst.js';
import type { Context, KeywordSpec } from '../schema/schema.js';

export interface Word {
  /** The value keepalived sees (quotes removed). */
  text: string;
  quoted: boolean;
  file: string;
  /** Offsets in `file` of what the user wrote for this word. */
  start: number;
  end: number;
  range: Range;
  /** True when the word came out of a `$NAME` substitution or a ~SEQ expansion. */
  expanded?: boolean;
}

export interface ValueLine {
  words: Word[];
  file: string;
  range: Range;
}

export interface AstNode {
  /** '' for the root. */
  keyword: string;
  /** The schema entry; undefined for the root and for lines keepalived does not recognise. */
  spec?: KeywordSpec;
  /** The keyword word itself (undefined for the root). */
  word?: Word;
  args: Word[];
  file: string;
  /** The keyword line: from the keyword to its last argument. */
  range: Range;
  /** For block keywords: where the block opens and closes. */
  open?: Range;
  close?: Range;
  /** Whole extent, from the keyword to the closing brace (same as range for plain keywords). */
  fullRange: Range;
  children: AstNode[];
  /** Lines of a value block (`virtual_ipaddress { … }`). */
  values?: ValueLine[];
  parent?: AstNode;
  /** The context the node was read in. */
  context: Context;
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

/** Visits every node without recursion (configs may nest deeply). */
export function walkAst(root: AstNode, visit: (n: AstNode) => void): void {
  const stack: AstNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    visit(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
}
