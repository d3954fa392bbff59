// Every place a configuration makes keepalived run a program, with the words that name the
// command and the user, as the security rules need them.

import type { Analysis } from '../../core/index.js';
import { child, type AstNode, type Word } from '../../core/analysis/ast.js';
import { compareVersions, schema, type Version } from '../../core/schema/schema.js';
import { COMMENT_CUTS_BACKSLASH_SINCE, pieceEndAfter } from '../../core/analysis/reader.js';
import { endsWithLoneBackslash } from '../../core/syntax/lines.js';
import { lvsFacts } from '../lvs/server-facts.js';
import { collectScriptLines, mayHoldScripts } from '../lvs/util.js';
import { fileText } from '../fixes.js';
import { commandEmpty } from '../vrrp/vrrp-script-without-script.js';

export interface ConfiguredScript {
  /** The keyword line (`notify_master …`, `script …`, `misc_path …`). */
  node: AstNode;
  /** The words after the keyword, as the ordinary tokenizer splits them. */
  words: Word[];
  /**
   * Whether the line itself may name the user (`notify* CMD [USER [GROUP]]`); for `script` and
   * `misc_path` the user comes from a separate `user` keyword of the enclosing block.
   */
  userOnLine: boolean;
  /** The user the script runs as, when the configuration names one. */
  user?: Word;
  /**
   * When the written line holds a backslash: keepalived's own split of the words after the keyword
   * (quotes and escapes applied, as its script parser does), and `command`, its second split of the
   * first of them into the program and its arguments. Undefined when keepalived cannot split it.
   */
  escaped?: { words: string[]; command: string[] };
  /** The line holds a backslash and keepalived (2.0.6 and later) cannot split it at all (KA609): it runs no program. */
  unsplittable?: boolean;
}

const SPACE = ' \t\n\r\f\v';
const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * Splits a script line the way keepalived's script parser does: blanks separate words, single or
 * double quotes group, and a backslash escapes the next character (C-like escapes, \xHH, \cX,
 * octal). Undefined for what keepalived refuses (a quote left open with text after it, a trailing
 * backslash). With `escapes` false (alloc_strvec_quoted, 2.3.2 and later) a backslash still protects the
 * next character from ending a word or a quote, but both stay in the word as written; `hexDigits` is how
 * many digits a \x escape takes (all there are before 2.3.2, at most 2 from it: ecdb3393).
 */
export function splitQuotedEscaped(text: string, escapes = true, hexDigits = Infinity): string[] | undefined {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && SPACE.includes(text[i]!)) i++;
    if (i >= text.length) break;
    let word = '';
    let quote = '';
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (c === '\\') {
        const e = text[++i];
        if (e === undefined) return undefined;
        if (!escapes) word += '\\' + e;
        else if (e === 'x' && /[0-9a-fA-F]/.test(text[i + 1] ?? '')) {
          let v = 0;
          for (let k = 0; k < hexDigits && /[0-9a-fA-F]/.test(text[i + 1] ?? ''); k++) v = ((v << 4) | parseInt(text[++i]!, 16)) & 0xff;
          word += String.fromCharCode(v);
        } else if (e === 'c' && i + 1 < text.length) {
          word += String.fromCharCode(text.charCodeAt(++i) & 0x1f);
        } else if (e >= '0' && e <= '7') {
          let v = Number(e);
          for (let k = 0; k < 2 && /[0-7]/.test(text[i + 1] ?? ''); k++) v = (v * 8 + Number(text[++i])) & 0xff;
          word += String.fromCharCode(v);
        } else word += SIMPLE_ESCAPES[e] ?? e;
      } else if (quote) {
        if (c === quote) quote = '';
        else word += c;
      } else if (c === '"' || c === "'") {
        // keepalived only notices an open quote when text follows it: a quote ending the line opens
        // nothing (2.2.7: `script ""/bin/true"` runs /bin/true; `script "a" "b` crashes).
        if (i + 1 < text.length) quote = c;
      }
      else if (SPACE.includes(c)) break;
      else word += c;
    }
    if (quote) return undefined;
    words.push(word);
  }
  return words;
}

/**
 * The text keepalived's script parser reads for words not all read as written (substituted, or from
 * another file): each double-quoted word gets its quotes back, and words that touched in the substituted
 * text stay together (`""pidof" haproxy"` is the one word `pidof haproxy`).
 */
export function wordsAsText(words: readonly Word[]): string {
  let text = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (i > 0 && !w.gluedToPrevious) text += ' ';
    text += w.quoted ? `"${w.text}"` : w.text;
  }
  return text;
}

/**
 * af7aa8bf (2.3.2): keepalived's first split of a script line (the words after the keyword) keeps the escapes as
 * written and only the second (the command into the program and its arguments) applies them; before, both did, so
 * `"/bin/true\\"` left the command `/bin/true\` and its lone trailing backslash made the second split fail
 * (2.2.7: "Missing escape char at end", logged only, and the script is dropped). ecdb3393 (2.3.2 too): a \x escape
 * takes at most two hex digits.
 */
export const SCRIPT_ESCAPES_ONCE_SINCE: Version = [2, 3, 2];

/** Why keepalived's script parser refuses a text it cannot split: a backslash ending it wins (it meets it first). */
export type SplitFailure = 'an unclosed quote' | 'a trailing backslash';

function splitFailure(text: string): SplitFailure {
  return LONE_TRAILING_BACKSLASH.test(text) ? 'a trailing backslash' : 'an unclosed quote';
}

/**
 * keepalived's two splits of a script line at `target`: the words after the keyword, then the first of them (the
 * command) into the program and its arguments; or which split fails, and why.
 */
export function scriptSplits(
  text: string,
  target: Version,
): { words: string[]; command: string[] } | { words?: string[]; failed: 'words' | 'command'; why: SplitFailure } {
  const once = compareVersions(target, SCRIPT_ESCAPES_ONCE_SINCE) >= 0;
  const hex = once ? 2 : Infinity;
  const words = splitQuotedEscaped(text, !once, hex);
  if (!words) return { failed: 'words', why: splitFailure(text) };
  const command = words[0] === undefined ? [] : splitQuotedEscaped(words[0], true, hex);
  return command ? { words, command } : { words, failed: 'command', why: splitFailure(words[0]!) };
}

/** keepalived's reading of a script line whose written words hold a backslash (see ConfiguredScript.escaped). */
function escapedReading(analysis: Analysis, args: readonly Word[]): ConfiguredScript['escaped'] | 'unsplittable' {
  const first = args[0]!;
  const last = args[args.length - 1]!;
  const written = args.some((w) => w.expanded || w.file !== first.file) ? wordsAsText(args) : fileText(analysis, first.file)?.slice(first.start, last.end);
  if (written === undefined || !written.includes('\\')) return undefined;
  const r = scriptSplits(written, analysis.target);
  return 'failed' in r ? 'unsplittable' : r;
}

/** Keywords whose command is followed by the separate `user` keyword of their block. */
const BLOCK_USER_KEYWORDS = new Set(['script', 'misc_path']);

const memo = new WeakMap<Analysis, ConfiguredScript[]>();

/** Every script of the configuration, in reading order (computed once per analysis). */
export function configuredScripts(analysis: Analysis): ConfiguredScript[] {
  let out = memo.get(analysis);
  if (!out) memo.set(analysis, (out = collect(analysis)));
  return out;
}

/**
 * Whether a vrrp_instance's script lines are exactly the model's `notify` lines that are script
 * keywords (all its script keywords are notify* lines directly in it): then the model's list is
 * used instead of reading every line of every instance.
 */
let instanceScriptsAreNotify: boolean | undefined;

function notifyListHoldsInstanceScripts(): boolean {
  const instance = schema().root.childMap.get('vrrp_instance');
  return !!instance && instance.children.every((c) => !mayHoldScripts(c) && (!c.script_string || c.name.startsWith('notify')));
}

/**
 * The script lines in reading order. Only blocks that may hold one are entered; virtual servers'
 * lines come from the lvs rules' one pass over them, vrrp_instances' from the model's notify list.
 */
function scriptLines(analysis: Analysis): AstNode[] {
  const lines: AstNode[] = [];
  const servers = lvsFacts(analysis).servers;
  const instances = analysis.model.vrrpInstances;
  instanceScriptsAreNotify ??= notifyListHoldsInstanceScripts();
  // The model lists top-level blocks in order: walk its lists alongside the top level.
  let nextServer = 0;
  let nextInstance = 0;
  for (let i = 0, tops = analysis.ast.children; i < tops.length; i++) {
    const top = tops[i]!;
    const server = servers[nextServer];
    if (server && server.vs.node === top) {
      nextServer++;
      if (server.scriptLines) for (let j = 0, ns = server.scriptLines; j < ns.length; j++) {
        const n = ns[j]!;
        lines.push(n);
      }
      continue;
    }
    const instance = instances[nextInstance];
    if (instance && instance.node === top) {
      nextInstance++;
      if (instanceScriptsAreNotify) {
        for (let k = 0, nList = instance.notify; k < nList.length; k++) {
          const n = nList[k]!;
          if (n.node.spec?.script_string) lines.push(n.node);
        }
        continue;
      }
    }
    if (top.spec?.script_string) lines.push(top);
    else if (top.children.length && mayHoldScripts(top.spec)) collectScriptLines(top, lines);
  }
  // A repeated script line keepalived ignores (the first wins, KA209) never runs: nothing to say of its script.
  const ignored = analysis.model.ignoredRepeats;
  return ignored.size ? lines.filter((n) => !ignored.has(n)) : lines;
}

function collect(analysis: Analysis): ConfiguredScript[] {
  const out: ConfiguredScript[] = [];
  for (let i = 0, ns = scriptLines(analysis); i < ns.length; i++) {
    const n = ns[i]!;
    const args = n.args;
    if (!args.length) continue;
    const reading = escapedReading(analysis, args);
    const escaped = reading === 'unsplittable' ? undefined : reading;
    // Before 2.0.6 keepalived did not split commands at quotes (1.x hands them to /bin/sh -c): the script is there.
    const unsplittable = (reading === 'unsplittable' && compareVersions(analysis.target, QUOTED_SCRIPT_SPLIT_SINCE) >= 0) || undefined;
    if (BLOCK_USER_KEYWORDS.has(n.keyword)) {
      const userNode = n.parent ? child(n.parent, 'user') : undefined;
      out.push({ node: n, words: args, userOnLine: false, user: userNode?.args[0], escaped, unsplittable });
      continue;
    }
    out.push({ node: n, words: args, userOnLine: true, user: args[1], escaped, unsplittable });
  }
  return out;
}

/**
 * The first release whose script parser crashes on such a line (keepalived 2.0.7, 2.0.8, 2.0.19,
 * 2.1.5, 2.2.4, 2.2.7, 2.2.8, 2.3.1 and 2.4.3 exit 139 under -t; 2.0.6 reads the line), built from
 * their tags.
 */
export const SCRIPT_PARSER_CRASH_SINCE: Version = [2, 0, 7];

/**
 * cb3e9660 (2.0.6) splits script commands with quotes and escapes; a quote left open drops the
 * command. 2.0.6 only logs "missing terminating" (keepalived -t is silent); 2.0.7 makes it a config error.
 */
export const QUOTED_SCRIPT_SPLIT_SINCE: Version = [2, 0, 6];
export const SCRIPT_SPLIT_REPORTED_SINCE: Version = [2, 0, 7];

/**
 * keepalived's (2.0.7 and later) `script` (vrrp_script) and `misc_path` (MISC_CHECK) handlers hand the line to
 * the script parser without checking that it could be split, and so does the url `regex` handler (2.0.7, 2.2.7
 * and 2.4.3: `regex a"b`, `regex 'a` and `regex abc\\` exit 139): a quote left open or a trailing
 * backslash crashes keepalived (a segmentation fault, also under keepalived -t). The other script keywords report
 * such a line and drop it. The line is read as keepalived's reader leaves it: after the keyword, up
 * to a comment or a brace outside double quotes (an open single quote protects neither).
 */
export function crashingScriptLine(analysis: Analysis, line: AstNode, target: Version): 'an unclosed quote' | 'a trailing backslash' | undefined {
  const parent = line.parent?.keyword;
  if (!((line.keyword === 'script' && parent === 'vrrp_script') || (line.keyword === 'misc_path' && parent === 'MISC_CHECK') || (line.keyword === 'regex' && parent === 'url'))) return undefined;
  const word = line.word;
  const text = word ? fileText(analysis, word.file) : undefined;
  if (!word || text === undefined || line.args.some((w) => w.file !== word.file)) return undefined;
  if (word.expanded || line.args.some((w) => w.expanded)) {
    // A line made by substitution: its words are what keepalived read (braces and comments already
    // handled); a double-quoted word gets back the quotes the script parser sees, and a backslash
    // that ended the written line (glued to the last word) goes after its closing quote.
    let lineEnd = lineEndFor(text, word.end);
    if (text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const glued = text.charCodeAt(lineEnd - 1) === 92 && endsWithLoneBackslash(text, lineEnd);
    const last = line.args.length - 1;
    const lastWord = line.args[last];
    // A backslash that ended the written line, glued to a quoted last word, goes after its closing quote.
    const movedBackslash = lastWord !== undefined && lastWord.quoted && glued && lastWord.text.endsWith('\\');
    // A quote left open after the words, which the reader drops (KA105), is still on the line the script parser
    // splits: `${CMD} x"  # note` with CMD='script -0' crashes 2.2.7 as the written line would.
    // So is one the substitution itself left open (`$V` with V='script "/bin/x -0'): the reader drops the fragment and
    // reports it where the reference is (KA105), and keepalived's script parser crashes on it (2.0.19 to 2.4.3, exit 139).
    const after =
      last >= 0 && line.args[last]!.file === word.file && openQuoteAfter(text, line.args[last]!.end, lineEnd)
        ? openQuoteAfter(text, line.args[last]!.end, lineEnd)
        : substitutionLeftQuoteOpen(analysis, word.file, word.start, lineEnd)
          ? ' "x'
          : '';
    const read = (movedBackslash ? `${wordsAsText(line.args.slice(0, last))}${last > 0 && !lastWord.gluedToPrevious ? ' ' : ''}"${lastWord.text.slice(0, -1)}"\\` : wordsAsText(line.args)) + after;
    // As on a written line (below): with a `\"` the reader and the script parser disagree on the quotes, and
    // keepalived was seen to report such a line without a crash (a `$VIP` definition holding
    // `script \"/usr/bin/systemctl is-active haproxy\"`: 2.1.5 to 2.2.7 "missing terminating", exit 0).
    if (read.includes('\\"')) return LONE_TRAILING_BACKSLASH.test(read) ? 'a trailing backslash' : undefined;
    return unsplittable(read);
  }
  // A line keepalived reads in pieces (KA106) ends, for it, where the piece holding the keyword does.
  let end = pieceEndAfter(analysis.files.get(word.file)?.pieceCuts, word.end, lineEndFor(text, word.end));
  let inDouble = false;
  // Before 2.4.0 a `\\` ending a comment stays on the line keepalived reads (COMMENT_CUTS_BACKSLASH_SINCE).
  let commentBackslash = false;
  // `\"` leaves keepalived's reader and its script parser disagreeing on the quotes; such a line was seen
  // reported without a crash, so the only claim made for it is a trailing backslash (2.1.5, 2.2.4, 2.2.7:
  // `script \"/bin/true\"\` exits 139).
  let escapedQuote = false;
  for (let i = word.end; i < end; i++) {
    const c = text[i]!;
    if (c === '\\') {
      if (text[i + 1] === '"') escapedQuote = true;
      i++;
    } else if (c === '"') inDouble = !inDouble;
    else if (!inDouble && (c === '#' || c === '!' || c === '{' || c === '}')) {
      const lineEnd = text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      commentBackslash = (c === '#' || c === '!') && text.charCodeAt(lineEnd - 1) === 92 && endsWithLoneBackslash(text, lineEnd) && compareVersions(target, COMMENT_CUTS_BACKSLASH_SINCE) < 0;
      end = i;
      break;
    }
  }
  const read = text.slice(word.end, end).replace(/\r$/, '').trimEnd() + (commentBackslash ? '\\' : '');
  if (escapedQuote) return LONE_TRAILING_BACKSLASH.test(read) ? 'a trailing backslash' : undefined;
  return unsplittable(read);
}

/** Where keepalived's line holding `from` ends: at its line feed, or at a NUL byte before it (keepalived measures a line with strlen). */
function lineEndFor(text: string, from: number): number {
  let end = text.indexOf('\n', from);
  if (end < 0) end = text.length;
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === 0) return i;
  return end;
}

/** Whether the reader dropped a double-quoted fragment a substitution left open on text[from, to) of `file` (its KA105). */
function substitutionLeftQuoteOpen(analysis: Analysis, file: string, from: number, to: number): boolean {
  const ds = analysis.diagnostics;
  for (let i = 0; i < ds.length; i++) {
    const d = ds[i]!;
    // A quote with nothing after it opens nothing for the script parser (see splitQuotedEscaped).
    if (d.code === 'KA105' && d.file === file && d.range.start.offset >= from && d.range.start.offset <= to && d.message.startsWith(SUBSTITUTED_OPEN_QUOTE) && !d.message.startsWith(`${SUBSTITUTED_OPEN_QUOTE}'"'`)) return true;
  }
  return false;
}
const SUBSTITUTED_OPEN_QUOTE = 'Unterminated double quote from a substitution: the value leaves ';

/** What follows text[from, to) up to a comment, when it opens a double quote there (else ''). */
function openQuoteAfter(text: string, from: number, to: number): string {
  let inDouble = false;
  let i = from;
  for (; i < to; i++) {
    const c = text[i]!;
    if (c === '"') inDouble = !inDouble;
    else if (!inDouble && (c === '#' || c === '!' || c === '{' || c === '}')) break;
  }
  const tail = text.slice(from, i).trimEnd();
  return tail.includes('"') ? tail : '';
}

/** Text ending in an odd number of backslashes. */
export const LONE_TRAILING_BACKSLASH = /(^|[^\\])(\\\\)*\\$/;

/** Why keepalived's script parser cannot split the words after the keyword, if it cannot. */
function unsplittable(read: string): 'an unclosed quote' | 'a trailing backslash' | undefined {
  if (splitQuotedEscaped(read) !== undefined) return undefined;
  return LONE_TRAILING_BACKSLASH.test(read) && splitQuotedEscaped(read.slice(0, -1)) !== undefined ? 'a trailing backslash' : 'an unclosed quote';
}

/** The program a script runs: the first word of its command (quotes group the command and its arguments). */
export function programOf(s: ConfiguredScript): { path: string; word: Word } | undefined {
  const w = s.words[0];
  if (!w || s.unsplittable) return undefined;
  if (s.escaped) return s.escaped.command[0] ? { path: s.escaped.command[0], word: w } : undefined;
  // A single-quoted command ('/path arg') is split by the ordinary tokenizer; the quote is not part of the path.
  // Blanks as keepalived's isspace: ASCII only (an ideographic space is part of the program's name).
  const path = (w.text.replace(/^[ \t\n\v\f\r]+/, '').split(/[ \t\n\v\f\r]+/)[0] ?? '').replace(/^'/, '').replace(/'$/, '');
  return path ? { path, word: w } : undefined;
}

export function lineOf(n: AstNode): number {
  return n.range.start.line + 1;
}

/** Which keepalived process runs a script: the VRRP one, the checker one, either, or the parent. */
export function scriptSide(node: AstNode): 'vrrp' | 'checker' | 'both' | 'main' {
  let top = node;
  while (top.parent && top.parent.keyword !== '') top = top.parent;
  if (top.keyword === 'virtual_server') return 'checker';
  if (top.keyword !== 'global_defs') return 'vrrp';
  if (node.keyword === 'notify_fifo_script') return 'both';
  if (node.keyword === 'lvs_notify_fifo_script') return 'checker';
  if (node.keyword === 'vrrp_notify_fifo_script') return 'vrrp';
  return 'main';
}

/**
 * Whether keepalived sets the script up (and checks its security) at all: VRRP-side scripts only
 * when there is a vrrp_instance, checker-side ones only when there is a virtual_server.
 */
export function scriptIsChecked(analysis: Analysis, s: ConfiguredScript): boolean {
  // A line keepalived cannot split sets no script (it says "missing terminating" and drops it), and
  // neither does an empty or blank command (`notify_master ""`: KA610, KA320, KA517 report it).
  if (s.unsplittable || commandEmpty(analysis, s.node)) return false;
  const vrrp = analysis.model.vrrpInstances.length > 0;
  const checker = analysis.model.virtualServers.length > 0;
  switch (scriptSide(s.node)) {
    case 'vrrp':
      return vrrp;
    case 'checker':
      return checker;
    case 'both':
      return vrrp || checker;
    default:
      return true;
  }
}
