// Builds the lossless tree (cst.ts) from the token stream, one physical line at a time.
// Nesting is tracked with an explicit stack, never recursion: the depth of a config is the user's
// to choose (10k nested braces must not overflow the JavaScript stack).

import { lex, type Token } from './lexer.js';
import { classifyLine, endsWithLoneBackslash, includePattern, seqHeaderEnd, type Condition } from './lines.js';
import type {
  CstBlock,
  CstDefinition,
  CstFile,
  CstNode,
  CstStatement,
  Position,
  Range,
  SyntaxProblem,
} from './cst.js';

export function parseCst(text: string): CstFile {
  const { tokens, lineStarts, lineFirstToken } = lex(text);
  const problems: SyntaxProblem[] = [];
  const root: CstNode[] = [];
  // Open blocks, innermost last; `container` is where new nodes go.
  const stack: CstBlock[] = [];
  let container = root;
  const state: LineState = { root, stack, problems };

  const lineCount = lineStarts.length;
  let pendingDefinition: CstDefinition | undefined;

  for (let ln = 0; ln < lineCount; ln++) {
    const from = lineFirstToken[ln]!;
    const to = lineFirstToken[ln + 1]!;

    if (pendingDefinition) {
      // Continuation of a multi-line `$NAME=` value: the whole line belongs to it.
      for (let i = from; i < to; i++) pendingDefinition.tokens.push(tokens[i]!);
      if (to > from) pendingDefinition.end = tokens[to - 1]!.end;
      if (!definitionLineContinues(tokens, from, to)) pendingDefinition = undefined;
      continue;
    }
    if (from === to) continue;

    const cl = classifyLine(tokens, from, to);
    switch (cl.kind) {
      case 'empty':
        if (cl.condition || cl.comment) {
          // `@id` alone (keepalived discards it) or a plain comment line.
          const t = cl.comment ?? cl.condition!.token;
          if (cl.comment && !cl.condition) {
            container.push({ type: 'comment', token: t, start: t.start, end: t.end });
          } else {
            const first = tokens[from]!;
            container.push({
              type: 'comment',
              token: cl.comment ?? first,
              condition: cl.condition,
              start: first.start,
              end: tokens[to - 1]!.end,
            });
          }
        }
        continue;
      case 'comment': {
        const t = cl.comment!;
        container.push({ type: 'comment', token: t, start: t.start, end: t.end });
        continue;
      }
      case 'definition': {
        const def: CstDefinition = {
          type: 'definition',
          name: cl.name!,
          tokens: tokens.slice(cl.first, to),
          condition: cl.condition,
          start: tokens[from]!.start,
          end: tokens[to - 1]!.end,
        };
        container.push(def);
        if (definitionLineContinues(tokens, from, to)) pendingDefinition = def;
        continue;
      }
      case 'include': {
        const kw = tokens[cl.first]!;
        const patternTokens = tokens.slice(cl.first + 1, cl.end);
        // What keepalived reads as the pattern: it may be empty (`include\r# note`) or hold a CR.
        const span = includePattern(kw, cl.comment, false);
        container.push({
          type: 'include',
          keyword: kw,
          patternTokens,
          pattern: text.slice(span.start, span.end),
          comment: cl.comment,
          condition: cl.condition,
          start: tokens[from]!.start,
          end: tokens[to - 1]!.end,
        });
        continue;
      }
      case 'seq': {
        const head = tokens[cl.first]!;
        const lineEnd = tokens[cl.end - 1]!.end;
        const headerEnd = seqHeaderEnd(text, head.start, lineEnd);
        let k = cl.first;
        const header: Token[] = [];
        while (k < cl.end && (headerEnd < 0 ? k === cl.first : tokens[k]!.start < headerEnd)) header.push(tokens[k++]!);
        const seqNode = {
          type: 'seq' as const,
          header,
          headerText: text.slice(head.start, headerEnd < 0 ? header[header.length - 1]!.end : headerEnd),
          body: undefined as CstStatement | undefined,
          comment: cl.comment,
          condition: cl.condition,
          start: tokens[from]!.start,
          end: tokens[to - 1]!.end,
        };
        container.push(seqNode);
        if (k < cl.end) {
          // The body is ordinary keyword text; its braces are structural.
          const bodyNodes: CstNode[] = [];
          const res = buildKeywordLine(tokens, k, cl.end, undefined, undefined, bodyNodes, state);
          if (res !== bodyNodes) container = res; // bodyNodes is detached: lines after the ~SEQ stay where they were
          const firstStmt = bodyNodes.find((n): n is CstStatement => n.type === 'statement');
          seqNode.body = firstStmt;
          for (const n of bodyNodes) if (n !== firstStmt) container.push(n);
        }
        continue;
      }
      case 'keyword':
        container = buildKeywordLine(tokens, cl.first, cl.end, cl.condition, cl.comment, container, state);
        continue;
    }
  }

  for (const b of stack) {
    problems.push({
      code: 'KA102',
      message: "'{' is never closed: keepalived reports a missing '}' at the end of the file",
      start: b.open.start,
      end: b.open.end,
    });
  }
  for (const t of tokens) {
    if (t.kind === 'string' && (t.text.length < 2 || !t.text.endsWith('"'))) {
      problems.push({ code: 'KA105', message: 'Unterminated double quote: keepalived drops the quoted fragment', start: t.start, end: t.end });
    }
  }
  return { text, children: root, tokens, lineStarts, lineFirstToken, problems };
}

/**
 * A definition continues onto the next line when the line ends with a `\`: any after its last word,
 * a lone one at the end of its comment (keepalived keeps a comment's unpaired trailing backslash).
 */
function definitionLineContinues(tokens: Token[], from: number, to: number): boolean {
  let end = to;
  if (end > from && tokens[end - 1]!.kind === 'comment') {
    if (endsWithLoneBackslash(tokens[end - 1]!.text)) return true;
    end--;
  }
  if (end === from) return false;
  // After a word, any backslash (`PASS \\` too): keepalived tests the last character only.
  const last = tokens[end - 1]!;
  return last.kind === 'word' && last.text.endsWith('\\');
}

interface LineState {
  root: CstNode[];
  stack: CstBlock[];
  problems: SyntaxProblem[];
}

/**
 * Adds the statements and braces of tokens[from, to) to the tree. `target` receives nodes created
 * before the first brace; returns the container that is current after the line.
 */
function buildKeywordLine(
  tokens: Token[],
  from: number,
  to: number,
  condition: Condition | undefined,
  comment: Token | undefined,
  target: CstNode[],
  { root, stack, problems }: LineState,
): CstNode[] {
  let container = target;
  let stmt: CstStatement | undefined;
  let lastThing: { kind: 'stmt'; node: CstStatement } | { kind: 'open' | 'close'; block: CstBlock } | { kind: 'stray'; node: CstNode } | undefined;
  let firstOnLine = true;

  const finish = () => {
    stmt = undefined;
  };

  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word' || t.kind === 'string') {
      if (stmt) {
        stmt.args.push(t);
        stmt.end = t.end;
      } else {
        stmt = { type: 'statement', keyword: t, args: [], start: t.start, end: t.end };
        if (firstOnLine && condition) {
          stmt.condition = condition;
          stmt.start = condition.token.start;
        }
        container.push(stmt);
        lastThing = { kind: 'stmt', node: stmt };
      }
    } else if (t.kind === 'lbrace') {
      const block: CstBlock = { open: t, children: [] };
      let owner: CstStatement | undefined = stmt;
      if (!owner && firstOnLine) {
        // `{` at the start of a line belongs to the statement just above, if it has no block yet.
        for (let k = container.length - 1; k >= 0; k--) {
          const prev = container[k]!;
          if (prev.type === 'comment') continue;
          if (prev.type === 'statement' && !prev.block) owner = prev;
          else if (prev.type === 'seq' && prev.body && !prev.body.block) owner = prev.body;
          break;
        }
      }
      if (owner && !owner.block) {
        owner.block = block;
        owner.end = t.end;
      } else {
        const orphan: CstNode = { type: 'orphan-block', block, start: t.start, end: t.end };
        if (firstOnLine && condition) orphan.condition = condition;
        container.push(orphan);
      }
      stack.push(block);
      container = block.children;
      lastThing = { kind: 'open', block };
      finish();
    } else if (t.kind === 'rbrace') {
      finish();
      const block = stack.pop();
      if (block) {
        block.close = t;
        if (firstOnLine && condition) block.closeCondition = condition;
        container = stack.length ? stack[stack.length - 1]!.children : root;
        lastThing = { kind: 'close', block };
      } else {
        const stray: CstNode = { type: 'stray-close', token: t, start: t.start, end: t.end };
        if (firstOnLine && condition) stray.condition = condition;
        container.push(stray);
        problems.push({
          code: 'KA101',
          message: "Extra '}': it closes no block (keepalived: \"Extra '}' found\")",
          start: t.start,
          end: t.end,
        });
        lastThing = { kind: 'stray', node: stray };
      }
    }
    firstOnLine = false;
  }

  if (comment && lastThing) {
    switch (lastThing.kind) {
      case 'stmt':
        lastThing.node.comment = comment;
        lastThing.node.end = Math.max(lastThing.node.end, comment.end);
        break;
      case 'open':
        lastThing.block.openComment = comment;
        break;
      case 'close':
        lastThing.block.closeComment = comment;
        break;
      case 'stray':
        (lastThing.node as { comment?: Token }).comment = comment;
        break;
    }
  }
  return container;
}

/** Converts an offset into a position, by binary search over line starts. */
export function positionAt(lineStarts: ArrayLike<number>, offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, column: offset - lineStarts[lo]!, offset };
}

export function rangeAt(lineStarts: ArrayLike<number>, start: number, end: number): Range {
  return { start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) };
}

/**
 * The line keepalived names at the end of a file: it counts newlines, so a last line without one is not
 * counted ("(Line 80)" for 80 newlines and a last, unterminated 81st line).
 */
export function lastLineRange(text: string): Range {
  // Offsets of the last two newlines: the named line runs from after the one before the last to the last.
  let last = -1;
  let before = -1;
  let line = -1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    before = last;
    last = i;
    line++;
  }
  if (line < 0) return { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: text.length, offset: text.length } };
  const from = before + 1;
  const to = last > from && text.charCodeAt(last - 1) === 13 ? last - 1 : last;
  return { start: { line, column: 0, offset: from }, end: { line, column: to - from, offset: to } };
}

/** The whitespace between consecutive tokens, for lossless reconstruction. */
export function* withTrivia(file: CstFile): Generator<{ trivia: string; token?: Token }> {
  let at = 0;
  for (const t of file.tokens) {
    yield { trivia: file.text.slice(at, t.start), token: t };
    at = t.end;
  }
  yield { trivia: file.text.slice(at) };
}
