// What keepalived before 1.4.2 makes of a glued brace, for KA701's message on old targets.
//
// Those releases (1.3.5 on CentOS 7) split a line on blanks only, and take a brace as a brace only
// when it is a word of its own: a `{` as the last word of a block keyword's line (or alone on the
// next line), a `}` as the first word of a line. Checked with keepalived 1.3.5 built from its tag:
// - `TCP_CHECK{` is the unknown keyword 'TCP_CHECK{': the block is never opened, its lines are read
//   in the enclosing block, and its `}` closes the enclosing block; each later `}` then closes one
//   block too early, until the rest of the top-level block is read at the top level and ignored
//   (a `real_server` after it is lost: "Unknown keyword 'real_server'").
// - `vrrp_instance VI_1{` keeps its keyword: the brace becomes part of the last word (the name
//   'VI_1{'), keepalived logs "Missing '{' at beginning of configuration block" and reads the block;
//   the processes that skip the block (by counting brace words) read its lines at the top level.
// - `3}` or `}}` is a word, not a `}`: the block stays open and each later `}` closes one block
//   too late.

import type { Analysis } from '../../core/index.js';
import { walkAst, type AstNode } from '../../core/analysis/ast.js';

/** The block nodes of `file` by the offset of their `{` (made once per analysis and file, only when asked). */
const openers = new WeakMap<Analysis, Map<string, Map<number, AstNode>>>();

export function blockOpenedAt(analysis: Analysis, file: string, offset: number): AstNode | undefined {
  let byFile = openers.get(analysis);
  if (!byFile) openers.set(analysis, (byFile = new Map()));
  let byOffset = byFile.get(file);
  if (!byOffset) {
    byOffset = new Map();
    const map = byOffset;
    walkAst(analysis.ast, (n) => {
      const open = n.openBrace;
      if (open && open.file === file) map.set(open.start, n);
    });
    byFile.set(file, byOffset);
  }
  return byOffset.get(offset);
}

/** `keyword arg…` of a block, for naming it in a message. */
function describe(node: AstNode): string {
  const words = [node.keyword];
  for (let i = 0; i < node.argCount && i < 3; i++) words.push(node.argText(i)!);
  return words.join(' ');
}

/** The top-level block that holds `node`. */
function topOf(node: AstNode): AstNode {
  let n = node;
  while (n.parent && n.parent.spec !== undefined) n = n.parent;
  return n;
}

/** The 1-based line of a node's closing brace, when it is in `file`. */
function closeLine(node: AstNode, file: string): number | undefined {
  const close = node.closeBrace;
  return close && close.file === file ? close.range.start.line + 1 : undefined;
}

/**
 * What keepalived `version` does with the `{` at `offset` of `file`, glued to the word `glued`
 * (e.g. 'TCP_CHECK{'); undefined when the tree does not say enough (no block there, braces in
 * other files).
 */
export function oldReadingOfOpenBrace(analysis: Analysis, file: string, offset: number, glued: string, version: string): string | undefined {
  const node = blockOpenedAt(analysis, file, offset);
  if (!node) return undefined;
  if (node.argCount > 0) {
    // Its other processes skip the block by counting brace words, see none here, and read the
    // block's lines at the top level (1.3.5's parent process: "Unknown keyword 'lb_algo'" …).
    return `keepalived ${version} keeps the '${node.keyword}' block but reads its last word as '${glued}' (the brace included) and logs "Missing '{' at beginning of configuration block"; its processes that skip this block miss the brace too and report the block's lines as unknown keywords`;
  }
  const unknown = `keepalived ${version} reads '${glued}' as an unknown keyword: the block is never opened and '${node.keyword}' is lost`;
  const parent = node.parent;
  if (!parent || parent.spec === undefined) return `${unknown}; its lines are read at the top level and ignored`;
  // Blocks inside it are unknown keywords one level up too, but their own '}' still count.
  if (node.children.some((c) => c.openBrace !== undefined)) {
    return `${unknown}; its lines are read in '${parent.keyword}', where the '}' of each block inside it closes an enclosing block, so the rest of '${describe(topOf(node))}' falls to the top level, where keepalived ignores it`;
  }
  // The chain of enclosing blocks up to the top-level one; block k ends at the '}' of block k-1.
  const chain: AstNode[] = [];
  for (let p: AstNode | undefined = parent; p && p.spec !== undefined; p = p.parent) chain.push(p);
  const closes: number[] = [];
  for (const n of [node, ...chain]) {
    const line = closeLine(n, file);
    if (line === undefined) return undefined;
    closes.push(line);
  }
  const top = chain[chain.length - 1]!;
  const topEndsAt = closes[chain.length - 1]!;
  const topWritten = closes[chain.length]!;
  const first = `${unknown}; its lines are read in '${parent.keyword}' and its '}' (line ${closes[0]}) ends '${parent.keyword}'`;
  const early = chain.length > 1 ? `, each later '}' closes one block too early` : '';
  // What lies between where the old reading ends the top-level block and where it was meant to
  // end falls to the top level; when that is only the block's own '}', nothing more is lost.
  if (topWritten - topEndsAt <= 1) return `${first}${early}, and the '}' on line ${topWritten} is left over at the top level (keepalived: "Unknown keyword '}'")`;
  return `${first}${early}, and lines ${topEndsAt + 1}–${topWritten} of '${describe(top)}' fall to the top level, where keepalived ignores them`;
}

/** What keepalived `version` does with a `}` glued to `glued`. */
export function oldReadingOfCloseBrace(glued: string, version: string): string {
  return `keepalived ${version} reads '${glued}' as one word, not as a '}': the block stays open and each later '}' closes one block too late`;
}
