import { COMMENT_CUTS_BACKSLASH_SINCE, CONF_COPY_SINCE } from '../../core/analysis/reader.js';
import type { FileRule } from '../types.js';
import { compareVersions } from '../../core/schema/schema.js';
import { rangeOf } from '../fixes.js';

/** keepalived 2.0.9 started moving a line's trailing backslash onto the word before it. */
const GLUED_SINCE: [number, number, number] = [2, 0, 9];
import { keywordLine } from './lines.js';
import { blanksOnly, endsWithLoneBackslash, lastOnLine } from '../../core/syntax/lines.js';
import { walkAst, type AstNode } from '../../core/analysis/ast.js';
import { checkArg, isCheckedArgType, sockaddrFamily } from '../../core/analysis/values.js';
import type { Analysis } from '../../core/index.js';
import { parentReadsBlock } from '../../core/analysis/walker.js';
import { crashingScriptLine, SCRIPT_PARSER_CRASH_SINCE } from '../security/scripts.js';
import { configLineUses, DOLLARLESS_DEFINITION } from '../../core/analysis/dollarless.js';


/** The keyword nodes of one file by the 0-based line of their keyword (made only for files with a candidate line). */
function nodesByLine(analysis: Analysis, path: string): Map<number, AstNode> {
  const out = new Map<number, AstNode>();
  walkAst(analysis.ast, (n) => {
    if (n.spec && n.file === path && n.word) out.set(n.word.range.start.line, n);
  });
  return out;
}

/** The value blocks of one file by the 0-based line of each of their value lines. */
function valueBlocksByLine(analysis: Analysis, path: string): Map<number, AstNode> {
  const out = new Map<number, AstNode>();
  walkAst(analysis.ast, (n) => {
    if (!n.spec || !n.values) return;
    for (const v of n.values) if (v.file === path && v.argCount) out.set(v.range.start.line, n);
  });
  return out;
}

/** The text of line `ln` without its line break. */
function lineText(text: string, lineStarts: ArrayLike<number>, ln: number): string {
  const end = ln + 1 < lineStarts.length ? lineStarts[ln + 1]! : text.length;
  return text.slice(lineStarts[ln]!, end).replace(/\r?\n$/, '');
}

/**
 * The definition a run of backslash-ended lines continues, when its first line is a `NAME=` definition written
 * without its '$' (`VI4= \` above `state BACKUP \`, in a keepalived maintainer's test config): with the '$'
 * written, the backslashes are what makes it one definition, so removing them fixes the wrong thing. `used`:
 * a line of configuration uses the name (KA201 then says the line lost its '$').
 */
function dollarlessDefinitionRun(text: string, lineStarts: ArrayLike<number>, ln: number, runStarts: Map<number, number>): { name: string; line: number; used: boolean } | undefined {
  // The run's first line, remembered for every line walked: a run of thousands of backslash lines is walked once,
  // not once per line (12,000 took 4.3 s).
  const walked: number[] = [];
  let first = ln;
  while (first > 0 && !runStarts.has(first) && endsWithLoneBackslash(lineText(text, lineStarts, first - 1))) walked.push(first--);
  first = runStarts.get(first) ?? first;
  for (const l of walked) runStarts.set(l, first);
  const m = DOLLARLESS_DEFINITION.exec(lineText(text, lineStarts, first).trimStart());
  return m ? { name: m[1]!, line: first, used: configLineUses(text, m[1]!) } : undefined;
}

/**
 * Where keepalived's parent process is the one whose reading of a line counts (see parentReadsBlock): 'global_defs'
 * (or another top-level block it reads), 'the top level', or undefined where its other processes read the line.
 * `node` is the line's keyword node or value block, if any, `first` its first word.
 */
function parentReadsAt(analysis: Analysis, node: AstNode | undefined, path: string, offset: number, first: string): string | undefined {
  let top = node;
  while (top?.parent?.parent) top = top.parent;
  // An unknown keyword: the top-level block the line is in, if any, in its own file.
  top ??= analysis.ast.children.findLast((n) => n.file === path && n.range.start.offset < offset && (n.closeBrace ? n.closeBrace.file !== path || offset < n.closeBrace.range.end.offset : !!n.openBrace));
  if (!top) return path === analysis.file && parentReadsBlock(first) ? 'the top level' : undefined;
  if (!parentReadsBlock(top.keyword)) return undefined;
  return top === node ? 'the top level' : top.keyword;
}

/** Value types keepalived keeps as written, whatever their text (a notification_email address). */
const FREE_VALUE_TYPES = new Set(['email']);

/**
 * Options of an address or route line whose value keepalived keeps as written ('label eth0:0\\' is
 * accepted silently; 'dev eth0\\' names an interface, whose existence is the host's business: 2.2.7 -t
 * warns that it does not exist, or says nothing with dynamic_interfaces).
 */
const FREE_OPTION_VALUES = new Set(['label', 'dev']);
/** The options of a route or rule line that name an interface. */
const ROUTE_INTERFACE_OPTIONS = new Set(['dev', 'oif', 'iif']);

/**
 * Whether keepalived takes any text in the last word of a value line of `block` (with `count`
 * words; `before` is the word before the last, the option an options slot's last word belongs to).
 */
function freeValue(block: AstNode | undefined, count: number, before: string | undefined): boolean {
  const slots = block?.spec?.value_line;
  if (!slots?.length) return false;
  // A route or rule line is one iproute2-like phrase: an interface name after dev/oif/iif is kept as written.
  if (slots[0]!.type === 'iproute2_route' || slots[0]!.type === 'iproute2_rule') return before !== undefined && ROUTE_INTERFACE_OPTIONS.has(before);
  const last = slots[slots.length - 1];
  const slot = count - 1 < slots.length ? slots[count - 1] : last?.repeat || last?.type === 'keyword_value_pairs' ? last : undefined;
  if (slot?.type === 'keyword_value_pairs') return before !== undefined && FREE_OPTION_VALUES.has(before);
  return !!slot && FREE_VALUE_TYPES.has(slot.type);
}

/**
 * A unicast_peer entry is read as a socket address, up to its first '-' or '/': after a prefix
 * (`10.0.0.2/24 \\`) the backslash changes nothing keepalived reads (2.2.7 -t is silent).
 */
function readsAsPeer(block: AstNode | undefined, count: number, seen: string): boolean {
  return block?.keyword === 'unicast_peer' && count === 1 && /[-/]/.test(seen) && sockaddrFamily(seen) !== undefined;
}

/**
 * Whether keepalived rejects the line once the backslash is glued to its last word (`seen`): an
 * argument it checks (a number, an address…) or the keyword itself. A string argument keeps the
 * backslash silently. Undefined node (value lines, unknown keywords): assume it does.
 */
function rejected(node: AstNode | undefined, seen: string): boolean {
  const spec = node?.spec;
  if (!spec || !node.argCount) return true;
  const args = spec.args;
  const i = node.argCount - 1;
  const a = i < args.length ? args[i] : args[args.length - 1]?.repeat ? args[args.length - 1] : undefined;
  if (!a) return false; // an extra word keepalived ignores
  if (!isCheckedArgType(a.type)) return false;
  return checkArg(a, seen, spec.name) !== undefined;
}

export const trailingBackslash: FileRule = {
  kind: 'file',
  code: 'KA702',
  name: 'trailing-backslash',
  family: 'style',
  severity: 'warning',
  description: "A keyword line ends with '\\'; keepalived has no line continuation there and glues the backslash to the last word.",
  docs: {
    why:
      'A trailing backslash continues a line only inside a `$NAME=` definition. On a keyword line keepalived removes the ' +
      'blanks before it and keeps it as part of the last word: `virtual_router_id 51 \\` is read as `virtual_router_id 51\\`, ' +
      'an invalid number, and the next line is read on its own anyway. (This happens even when the backslash ends a comment; ' +
      'before 2.2.0 a space or tab after the backslash keeps it a word of its own, and so it does in later releases in ' +
      "global_defs and at the top level, which keepalived's parent process reads itself; its VRRP and checker processes " +
      'read a de-commented copy of the file, where the backslash then ends the line.) ' +
      'An error when keepalived then rejects the word (a number, an address, the keyword itself); a warning when the word is ' +
      'a string, which keepalived keeps with the backslash without a word. Backslashes pair from the left: `\\\\` at the end ' +
      'is an escaped backslash, not a continuation.',
    bad: 'vrrp_instance VI_1 {\n    virtual_router_id 51 \\\n    priority 100\n}',
    good: 'vrrp_instance VI_1 {\n    virtual_router_id 51\n    priority 100\n}',
  },
  check(ctx) {
    for (const file of ctx.analysis.files.values()) {
      // Without a backslash there is nothing to find (most files: one native search instead of a step per line).
      if (file.text.indexOf('\\') < 0) continue;
      let nodes: Map<number, AstNode> | undefined;
      // A line for another config id (`@id`) is not read on this node.
      const inactive = file.inactiveLines.length ? new Set(file.inactiveLines) : undefined;
      let valueBlocks: Map<number, AstNode> | undefined;
      let runStarts: Map<number, number> | undefined;
      const store = file.lex;
      const { lineFirstToken, lineStarts } = store;
      for (let ln = 0; ln < lineStarts.length; ln++) {
        const from = lineFirstToken[ln]!;
        const to = lineFirstToken[ln + 1]!;
        // Only an odd run of backslashes continues: keepalived reads `\\` as an escaped backslash.
        if (from === to || file.text.charCodeAt(store.end(to - 1) - 1) !== 92 || !endsWithLoneBackslash(file.text, store.end(to - 1)) || inactive?.has(ln)) continue;
        const classified = keywordLine(file, ln);
        if (!classified || classified.end <= classified.first) continue;
        const lastTok = store.token(classified.end - 1);
        const comment = classified.comment;
        // (Not after a NUL byte: the line ends there for keepalived, and nothing after it is read.)
        const commentEndsInBackslash = comment !== undefined && endsWithLoneBackslash(comment.text) && !comment.text.includes('\0');
        const inComment = !lastTok.text.endsWith('\\') && commentEndsInBackslash;
        // `x \ # note\`: the line's own backslash is followed by a blank, so it stays a word, and the
        // comment's is appended to it: keepalived reads one more word '\\'.
        const pair = lastTok.text === '\\' && commentEndsInBackslash && compareVersions(ctx.target, COMMENT_CUTS_BACKSLASH_SINCE) < 0;
        if (lastTok.kind !== 'word' || (!lastTok.text.endsWith('\\') && !inComment)) continue;
        // The word keepalived ends up with: the backslash joins the word before it across blanks.
        let wordTok = lastTok;
        if (lastTok.text === '\\' && classified.end - 2 >= classified.first) wordTok = store.token(classified.end - 2);
        const base = wordTok.start === lastTok.start && !inComment ? lastTok.text.slice(0, -1) : wordTok.text.replace(/"/g, '');
        const seen = `${base}\\`;
        // Before 2.0.9 keepalived did not move a trailing backslash onto the word before it.
        const glues = compareVersions(ctx.target, GLUED_SINCE) >= 0;
        if (!glues && inComment) continue;
        // From 2.4.0 keepalived cuts the comment, backslash and all, before it looks for one.
        if (inComment && compareVersions(ctx.target, COMMENT_CUTS_BACKSLASH_SINCE) >= 0) continue;
        const separate = wordTok.start !== lastTok.start;
        // A space or tab after a lone backslash: keepalived's comment pass takes the two for an escaped character, so
        // before 2.2.0 (and in the parent process after) the backslash stays a word of its own; the VRRP and checker
        // processes of 2.2.0 and later read the parent's copy, where it ends the line and is glued (2.1.5 and 2.2.7).
        // The parent reads global_defs and the top level (2.2.4 to 2.4.3 accept `vrrp_garp_master_delay 5 \ ` there).
        const blankAfter = separate && !inComment && (file.text.charCodeAt(lastTok.end) === 32 || file.text.charCodeAt(lastTok.end) === 9);
        const node = (nodes ??= nodesByLine(ctx.analysis, file.path)).get(ln);
        const copyReads = blankAfter && compareVersions(ctx.target, CONF_COPY_SINCE) >= 0;
        const parentHere = !copyReads ? undefined : parentReadsAt(ctx.analysis, node ?? (valueBlocks ??= valueBlocksByLine(ctx.analysis, file.path)).get(ln), file.path, lastTok.start, store.token(classified.first).text);
        const gluesHere = glues && !(blankAfter && (!copyReads || parentHere));
        // A lone backslash that a vertical tab or a form feed follows is no last character to keepalived: it stays a
        // word of its own (KA204 says it is ignored), joined to nothing.
        if (separate && !inComment && (!lastOnLine(file.text, lastTok.end) || !blanksOnly(file.text, wordTok.end, lastTok.start))) continue;
        const slashStart = inComment ? comment!.end - 1 : lastTok.end - 1;
        const range = rangeOf(ctx.analysis, file.path, slashStart, slashStart + 1);
        if (!range) continue;
        // The fix removes the backslash and the blanks before it (a comment's backslash: just the backslash).
        const delFrom = inComment ? slashStart : !separate ? slashStart : wordTok.end;
        const del = rangeOf(ctx.analysis, file.path, delFrom, slashStart + 1)!;
        // An error where keepalived rejects the word it ends up with; a string keeps the backslash silently.
        // A line a definition turned into a comment (`${OFF} misc_dynamic \` with OFF='${_HASH}') reads as
        // nothing, so nothing is glued (2.4.3 is silent; before 2.4.0 the reader reports the '\' it keeps).
        if (!node && store.token(classified.first).text.startsWith('$') && !(valueBlocks ??= valueBlocksByLine(ctx.analysis, file.path)).has(ln)) continue;
        const valueWords = classified.end - classified.first - (separate ? 1 : 0);
        const before = valueWords >= 2 ? store.token(classified.first + valueWords - 2).text : undefined;
        const valueBlock = node ? undefined : (valueBlocks ??= valueBlocksByLine(ctx.analysis, file.path)).get(ln);
        const free = !node && (freeValue(valueBlock, valueWords, before) || readsAsPeer(valueBlock, valueWords, seen));
        // On a script line keepalived (2.0.7 on) does not get as far as reading the word: it crashes (KA609).
        const crashes = node !== undefined && compareVersions(ctx.target, SCRIPT_PARSER_CRASH_SINCE) >= 0 && crashingScriptLine(ctx.analysis, node, ctx.target) === 'a trailing backslash';
        // keepalived splits a line at its braces first: a backslash after a '{' or '}' is a word of
        // its own on the line after the brace (the walker reports it where keepalived rejects it:
        // "Unknown keyword '\\'", "invalid IP \\"; an email list keeps it silently).
        // A quote ends a word too: after a quoted word the backslash stays a word of its own (2.2.7 reads
        // `priority "99" \` as 99 and an ignored '\'; in virtual_ipaddress: "Unknown configuration entry '\'").
        const afterBrace = lastTok.text === '\\' && (wordTok.kind === 'lbrace' || wordTok.kind === 'rbrace' || (wordTok.kind === 'string' && !crashes));
        const error = !pair && !afterBrace && (crashes || ((gluesHere || !separate) && !free && rejected(node, seen)));
        const definition = dollarlessDefinitionRun(file.text, lineStarts, ln, (runStarts ??= new Map()));
        const orDefinition = definition
          ? `; or, if line ${definition.line + 1} starts the multi-line definition of '$${definition.name}' written without its '$'${definition.used ? ' (KA201)' : ''}, write the '$' and keep the backslashes`
          : '';
        ctx.report({
          message: (pair
            ? `keepalived has no line continuation on keyword lines: the backslash that ends the comment is joined to the one before it, so keepalived reads one more word, '\\\\', here, and the next line on its own; remove both backslashes`
            : afterBrace
            ? `keepalived has no line continuation on keyword lines: it reads the '\\' after '${wordTok.text}' as a word of its own, and the next line on its own; remove the backslash`
            : crashes
            ? `keepalived has no line continuation on keyword lines, and on this ${node!.keyword} line the trailing backslash crashes keepalived ${ctx.target.join('.')} (see KA609); remove the backslash`
            : gluesHere || !separate
            ? `keepalived has no line continuation on keyword lines: it reads '${seen}' here (the backslash joins the last word) and the next line on its own; remove the backslash`
            : parentHere
            ? `keepalived has no line continuation on keyword lines: keepalived ${ctx.target.join('.')}'s parent process, which reads ${parentHere}, reads '\\' as one more word here (the blank after it keeps it from ending the line, so it is not joined to '${base}'; the VRRP and checker processes, which read a copy of the file the parent de-comments, would read '${seen}'), and the next line on its own; remove the backslash`
            : glues
            ? `keepalived has no line continuation on keyword lines: keepalived ${ctx.target.join('.')} reads '\\' as one more word here (the blank after it keeps it from ending the line, so it is not joined to '${base}'), and the next line on its own; remove the backslash`
            : `keepalived has no line continuation on keyword lines: keepalived ${ctx.target.join('.')} reads '\\' as one more word (2.0.9 and later glue it to '${base}') and the next line on its own; remove the backslash`) + orDefinition,
          severity: error ? 'error' : 'warning',
          file: file.path,
          range,
          fix: {
            description: pair ? 'Remove both backslashes' : 'Remove the trailing backslash',
            edits: [{ file: file.path, range: del, newText: '' }, ...(pair ? [{ file: file.path, range: rangeOf(ctx.analysis, file.path, comment!.end - 1, comment!.end)!, newText: '' }] : [])],
            safe: !definition,
          },
        });
      }
    }
  },
};
