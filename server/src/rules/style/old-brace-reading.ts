// What keepalived before 1.4.2 makes of a glued brace, for KA701's message on old targets.
//
// Those releases (1.3.5 on CentOS 7; 1.4.0 and 1.4.1 read alike) split a line on blanks and quotes
// only (lib/parser.c, alloc_strvec), and take a brace as a brace only when it is a word of its own:
// a `{` as the last word of a block keyword's line (or first on the next line), a `}` as the first
// word of a line. On such a target the reader hands the walker the glued words whole, so the tree
// is the one that release builds and the consequences are findings of their own (the unknown
// keywords at their lines); these messages say what the brace does and which blocks the user wrote
// the old reading never builds. Checked with keepalived 1.3.5 built from its tag:
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
import type { SourceFile } from '../../core/analysis/reader.js';
import { walkAst, type AstNode } from '../../core/analysis/ast.js';
import { Kind } from '../../core/syntax/lexer.js';
import { schema } from '../../core/schema/schema.js';
import { keywordLine } from './lines.js';

type Place = { file: string; start: number } | undefined;

/**
 * The node whose token `place` picks (its keyword, its braces…) sits at `offset` of `file`: one map per analysis and
 * `cache`, made by one walk of the tree, only when asked.
 */
export function nodeByPlace(cache: WeakMap<Analysis, Map<string, AstNode>>, place: (n: AstNode) => Place, analysis: Analysis, file: string, offset: number): AstNode | undefined {
  let map = cache.get(analysis);
  if (!map) {
    const byPlace = new Map<string, AstNode>();
    walkAst(analysis.ast, (n) => {
      const at = place(n);
      if (at) byPlace.set(`${at.file}\0${at.start}`, n);
    });
    cache.set(analysis, (map = byPlace));
  }
  return map.get(`${file}\0${offset}`);
}

/** The nodes of the tree by `file\0offset` of their keyword. */
const keywordNodes = new WeakMap<Analysis, Map<string, AstNode>>();

export function nodeWithKeywordAt(analysis: Analysis, file: string, offset: number): AstNode | undefined {
  return nodeByPlace(keywordNodes, (n) => n.word, analysis, file, offset);
}

/** The innermost block of the tree around `offset` of `file`: opened before it and not closed before it. */
function enclosingBlock(analysis: Analysis, file: string, offset: number): AstNode | undefined {
  let inner: AstNode | undefined;
  // Preorder: of the blocks that hold the offset, the last one visited is the innermost.
  walkAst(analysis.ast, (n) => {
    const open = n.openBrace;
    if (!open || open.file !== file || open.start > offset) return;
    const close = n.closeBrace;
    if (!close || (close.file === file && close.start > offset)) inner = n;
  });
  return inner;
}

/** `keyword arg…` of a block, for naming it in a message. */
function describe(node: AstNode): string {
  const words = [node.keyword];
  for (let i = 0; i < node.argCount && i < 2; i++) words.push(node.argText(i)!);
  return words.join(' ');
}

const isBrace = (k: number) => k === Kind.LBrace || k === Kind.RBrace;
/** Touching tokens that the old releases read as one word: a brace with a word or another brace. */
const glues = (a: number, b: number) => (isBrace(a) || isBrace(b)) && a !== Kind.String && b !== Kind.String && a !== Kind.Comment && b !== Kind.Comment;

/** Store indices [first, last] of the old releases' word holding token `index`. */
function oldWordAround(file: SourceFile, index: number): [number, number] {
  const { kinds, starts } = file.lex;
  let first = index;
  while (first > 0 && file.lex.end(first - 1) === starts[first] && glues(kinds[first - 1]!, kinds[first]!)) first--;
  let last = index;
  while (last + 1 < file.lex.count && file.lex.end(last) === starts[last + 1] && glues(kinds[last]!, kinds[last + 1]!)) last++;
  return [first, last];
}

/** Blocks worth naming when the old reading loses them: the top-level ones and real servers. */
function namedWhenLost(keyword: string): boolean {
  return keyword === 'real_server' || (schema().byName.get(keyword) ?? []).some((s) => s.path.length === 0 && s.block === 'keywords');
}

/**
 * The blocks written on lines (from, to) of `file` (0-based, both excluded) that the tree lacks: their
 * keyword line was read somewhere else, as an unknown keyword, or not at all.
 */
function lostBlocks(analysis: Analysis, file: SourceFile, from: number, to: number): string[] {
  const store = file.lex;
  const { kinds, lineFirstToken } = store;
  const lost: string[] = [];
  const inactive = new Set(file.inactiveLines);
  for (let ln = from + 1; ln < to; ln++) {
    const first = lineFirstToken[ln]!;
    if (first === lineFirstToken[ln + 1] || kinds[first] !== Kind.Word || inactive.has(ln)) continue;
    const keyword = store.source(first);
    if (!namedWhenLost(keyword)) continue;
    const cl = keywordLine(file, ln);
    if (!cl || cl.first !== first) continue;
    let opens = false;
    for (let k = cl.first + 1; k < cl.end; k++) if (kinds[k] === Kind.LBrace) opens = true;
    if (!opens && !(ln + 1 < store.src.lineStarts.length && kinds[lineFirstToken[ln + 1]!] === Kind.LBrace)) continue;
    if (nodeWithKeywordAt(analysis, file.path, store.starts[first]!)) continue;
    const words = [keyword];
    for (let k = cl.first + 1; k < cl.end && words.length < 3 && kinds[k] === Kind.Word; k++) words.push(store.source(k));
    lost.push(`'${words.join(' ')}' (line ${ln + 1})`);
  }
  return lost;
}

/**
 * What keepalived `version` (before 1.4.2) does with the brace at store index `brace` of `file`, glued to
 * the token at `other`, and which blocks written after it, up to line `until` (0-based, excluded: the
 * next glued brace), it never builds.
 */
export function oldReadingOfGluedBrace(analysis: Analysis, file: SourceFile, brace: number, other: number, until: number, version: string): string {
  const store = file.lex;
  const [first, last] = oldWordAround(file, brace);
  const word = file.text.slice(store.starts[first]!, store.end(last));
  const line = store.src.lineOf(store.starts[brace]!);
  const cl = keywordLine(file, line);
  const opening = store.kinds[brace] === Kind.LBrace && other < brace && last === brace;
  let effect: string;
  if (opening && cl && first === cl.first) {
    const meant = store.source(other);
    const around = enclosingBlock(analysis, file.path, store.starts[brace]!);
    const close = around?.closeBrace;
    const ends = close && close.file === file.path ? `, and the '}' on line ${close.range.start.line + 1} ends '${describe(around!)}'` : '';
    effect = around
      ? `keepalived ${version} reads '${word}' as an unknown keyword: the '${meant}' block is never opened, its lines are read in '${describe(around)}'${ends}`
      : `keepalived ${version} reads '${word}' as an unknown keyword: the '${meant}' block is never opened and its lines are read at the top level`;
  } else if (opening && cl && last === cl.end - 1 && nodeWithKeywordAt(analysis, file.path, store.starts[cl.first]!)?.spec?.block) {
    const node = nodeWithKeywordAt(analysis, file.path, store.starts[cl.first]!)!;
    // Its other processes skip the block by counting brace words, see none here, and read the
    // block's lines at the top level (1.3.5's parent process: "Unknown keyword 'lb_algo'" …).
    effect = `keepalived ${version} keeps the '${node.keyword}' block but reads its last word as '${word}' (the brace included) and logs "Missing '{' at beginning of configuration block"; its processes that skip this block miss the brace too and report the block's lines as unknown keywords`;
  } else if (store.kinds[brace] === Kind.RBrace && other < brace && last === brace) {
    effect = `keepalived ${version} reads '${word}' as one word, not as a '}': the block stays open and each later '}' closes one block too late`;
  } else {
    effect = `keepalived ${version} reads '${word}' as one word, so the brace is not seen and the block structure after it shifts`;
  }
  const lost = lostBlocks(analysis, file, line, until);
  if (!lost.length) return effect;
  const named = lost.length > 4 ? `${lost.slice(0, 4).join(', ')} and ${lost.length - 4} more` : lost.join(', ');
  return `${effect}; as a result keepalived ${version} never builds ${named}`;
}
