// KA705: a documentation placeholder such as `<public-ip>` left in the config.

import type { FileRule } from '../types.js';
import { walkAst, type AstNode, type Word } from '../../core/analysis/ast.js';
import { Kind } from '../../core/syntax/lexer.js';
import type { Analysis } from '../../core/index.js';
import type { SourceFile } from '../../core/analysis/reader.js';
import { compareVersions } from '../../core/schema/schema.js';
import { BRACES_SPLIT_SINCE } from '../../core/analysis/reader.js';
import { rangeOf } from '../fixes.js';
import { keywordLine } from './lines.js';

/**
 * `<public-ip>`, `<VIP>`, `<name_of_your_container>`: what examples write where the reader fills in a value (also
 * dashed, `<--AUTHPASS-->`, the markers of a template a deploy script fills in); and
 * `[ROUTER_ID]`, `[PRIORITY]`: the markers a deploy script replaces (CloudStack's keepalived.conf.templ): capitals
 * only, three or more, standing alone (a shell's `grep [M]ASTER` trick and `[ABC]x` classes are not markers).
 */
const PLACEHOLDER = /<-*[A-Za-z][\w.:/-]*>|(?<![A-Za-z0-9])\[[A-Z][A-Z0-9_]{2,}\](?![A-Za-z0-9])/;

/**
 * Placeholders written as plain words: `__VIP__` (a marker a deploy script replaces with sed), `CHANGE_ME_VIP`,
 * `REPLACE_ME`, `changeme`, `CHANGE_THIS_PASSWORD`, `your_password_here`, `YourSecretPassword`, and addresses with x
 * for digits (`x.x.x.x`, `192.168.1.x`).
 * Each is matched as a whole name: `changemessage`, `yourself` and `nginx.conf` are not placeholders.
 */
const WORD_PLACEHOLDER =
  /(?<![A-Za-z0-9])(?:change|replace)[_-]?me(?:[_-][A-Za-z0-9_-]*)?(?![A-Za-z0-9])|(?<![A-Za-z0-9])(?:change|replace)[_-]?this[\w-]*|(?<![A-Za-z0-9])your[_-][A-Za-z][\w-]*|(?<![A-Za-z0-9])your(?:[A-Za-z]+[_-]?)??(?:password|passwd|pass|secret)(?:[_-]?here)?(?![A-Za-z0-9])|(?<![\w.])(?=[\d.]*x)(?:(?:\d{1,3}|x{1,3})\.){3}(?:\d{1,3}|x{1,3})(?![\w.])/i;
/** `__VIP__`: capitals only (`__pycache__` is a real name). */
const SED_MARKER = /(?<![A-Za-z0-9_])__[A-Z][A-Z0-9_]*__(?![A-Za-z0-9])/;
function wordPlaceholder(text: string): string | undefined {
  return (SED_MARKER.exec(text) ?? WORD_PLACEHOLDER.exec(text))?.[0];
}

/**
 * Whether a whole word is an example's placeholder rather than a value: one of the shapes above, or a word wrapped
 * in angle brackets (`<--AUTHPASS-->`, `<password>`). Fixes that rewrite a value leave such a word to its author.
 */
export function isPlaceholderWord(text: string): boolean {
  return (text.length > 2 && text.startsWith('<') && text.endsWith('>')) || PLACEHOLDER.test(text) || wordPlaceholder(text) !== undefined;
}
/** A quick test of a whole file for WORD_PLACEHOLDER's shapes, before the rule walks its lines. */
const WORD_PLACEHOLDER_HINT = /__[A-Za-z]|change[_-]?(?:me|this)|replace[_-]?(?:me|this)|your|\bx{1,3}\.|\.x{1,3}\b/i;

/**
 * Lines left alone: `<…>` matched as text (HTML in a url regex), and a value another rule already
 * reports as invalid (KA533 for persistence_granularity).
 */
const SKIPPED = new Set(['regex', 'persistence_granularity']);

/** The words of a placeholder written over several words, joined with one blank each. */
const SPREAD = /^(?:<[A-Za-z][\w .:/|-]*>|\[[A-Za-z][\w .:/|-]*\])$/;

/**
 * `<generate a password>` or `[eth0 | wlan0]` starting at words[i] and ending at a later word of the
 * same line, unquoted: the text and the last word.
 */
function spreadPlaceholder(words: readonly Word[], i: number): { text: string; last: Word } | undefined {
  const first = words[i]!;
  const open = first.text[0];
  if ((open !== '<' && open !== '[') || first.quoted || first.expanded) return undefined;
  const close = open === '<' ? '>' : ']';
  const parts = [first.text];
  for (let j = i + 1; j < words.length && j < i + 8; j++) {
    const w = words[j]!;
    if (w.quoted || w.expanded || w.file !== first.file) return undefined;
    parts.push(w.text);
    if (w.text.includes(close)) {
      const text = parts.join(' ');
      return w.text.endsWith(close) && SPREAD.test(text) ? { text, last: w } : undefined;
    }
  }
  return undefined;
}

/** The name inside a `{name}` placeholder (a str.format-style template that was never rendered). */
const BRACED_NAME = /^[A-Za-z_][\w.-]*$/;

/** Offsets of the `{` that open a block in the tree, by file (made once per analysis, only when a candidate is seen). */
const openers = new WeakMap<Analysis, Set<string>>();
function opensBlock(analysis: Analysis, file: string, offset: number): boolean {
  let set = openers.get(analysis);
  if (!set) {
    const made = new Set<string>();
    walkAst(analysis.ast, (n) => {
      const open = n.openBrace;
      if (open) made.add(`${open.file}\0${open.start}`);
    });
    openers.set(analysis, (set = made));
  }
  return set.has(`${file}\0${offset}`);
}

/** A later word of a `{…}` placeholder of several words (`{IP MASTER NODE}`). */
const BRACED_WORD = /^[\w.:/-]+$/;
/** The most words a `{…}` placeholder is taken to have. */
const BRACED_MAX_WORDS = 6;

/**
 * Where the `{…}` placeholder opened by token i of `file` ends (the index of its `}`), or -1: a `{`
 * glued to a name, words on the same line, the last glued to a `}`, the whole standing alone
 * (`auth_pass {password}`, `{VIRTUAL_IP}`, `unicast_src_ip {IP MASTER NODE}`): a template placeholder,
 * not block syntax. `${NAME}` is a definition reference, not this (the `$` touches the brace), and
 * `track_script {chk}` is a one-line block (its `{` opens the block).
 */
export function bracedPlaceholderEnd(analysis: Analysis, file: SourceFile, i: number): number {
  const store = file.lex;
  const { kinds, starts, count } = store;
  if (i < 0 || i + 2 >= count) return -1;
  if (kinds[i] !== Kind.LBrace || kinds[i + 1] !== Kind.Word || store.end(i) !== starts[i + 1]) return -1;
  if (i > 0 && store.end(i - 1) === starts[i]) return -1;
  if (!BRACED_NAME.test(store.source(i + 1))) return -1;
  const line = store.src.lineOf(starts[i]!);
  let j = i + 2;
  for (; j < count && j <= i + BRACED_MAX_WORDS && kinds[j] === Kind.Word; j++) {
    if (store.src.lineOf(starts[j]!) !== line || !BRACED_WORD.test(store.source(j))) return -1;
  }
  if (j >= count || kinds[j] !== Kind.RBrace || store.end(j - 1) !== starts[j]) return -1;
  if (j + 1 < count && store.end(j) === starts[j + 1]) return -1;
  return opensBlock(analysis, file.path, starts[i]!) ? -1 : j;
}

/** Whether tokens i, i + 1 … of `file` are a `{…}` placeholder (see bracedPlaceholderEnd). */
export function isBracedPlaceholder(analysis: Analysis, file: SourceFile, i: number): boolean {
  return bracedPlaceholderEnd(analysis, file, i) >= 0;
}

/** Whether the glued tokens i and i + 1 of `file` are a brace and a word of a `{…}` placeholder. */
export function inBracedPlaceholder(analysis: Analysis, file: SourceFile, i: number): boolean {
  const kinds = file.lex.kinds;
  if (kinds[i] === Kind.LBrace) return isBracedPlaceholder(analysis, file, i);
  if (kinds[i + 1] !== Kind.RBrace) return false;
  for (let s = i - 1; s >= 0 && s >= i - BRACED_MAX_WORDS; s--) {
    if (kinds[s] === Kind.LBrace) return bracedPlaceholderEnd(analysis, file, s) === i + 1;
    if (kinds[s] !== Kind.Word) return false;
  }
  return false;
}

export const placeholderLeft: FileRule = {
  kind: 'file',
  code: 'KA705',
  name: 'placeholder-left',
  family: 'style',
  severity: 'warning',
  description: 'A placeholder from an example or a template (`<public-ip>`, `<password>`, `{VIRTUAL_IP}`, `[ROUTER_ID]`, `__VIP__`, `CHANGE_ME`, `your_password`, `x.x.x.x`) is left in the configuration.',
  docs: {
    why:
      'Guides write `<vip>`, `<interface>` or `<password>` (or `CHANGE_ME_VIP`, `your_password_here`, `x.x.x.x`, and deploy scripts `__VIP__` or `[ROUTER_ID]` for sed to replace) where you are meant to put your own value, and configs ' +
      'copied from them keep the placeholder more often than one would think. keepalived reads it as it is: an ' +
      '`auth_pass <password>` becomes the password `<passwor`, a `script "check.sh <public-ip>"` hands the text ' +
      '`<public-ip>` to the script, and `keepalived -t` says nothing for either. (Where an address or a number is expected the ' +
      'placeholder is an invalid value, reported as such instead.) A placeholder of several words (`<generate a password>`, ' +
      '`[eth0 | wlan0]`) is read word by word: the first word is the value and the others are ignored (KA204). Text matched by a url `regex` is not a placeholder. ' +
      'A `{name}` placeholder (a template rendered with str.format, or never rendered) is worse: keepalived 1.4.2 and later ' +
      'split the braces off the name and read them as block braces, so the keyword gets no value: for one that needs a value ' +
      '(`auth_pass {password}`, `priority {prio}`) keepalived reports the missing parameter and exits ' +
      'at that line (KA203), and keepalived does not start; elsewhere the errors that follow are about braces, not about the placeholder.',
    bad: 'vrrp_instance VI_1 {\n    authentication {\n        auth_type PASS\n        auth_pass <password>\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    authentication {\n        auth_type PASS\n        auth_pass Kp4ss01\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    reportBracedPlaceholders(analysis, report, compareVersions(target, BRACES_SPLIT_SINCE) < 0);
    // Most files hold no '<' or '[' at all: nothing to walk.
    let any = false;
    let plainWords = false;
    for (const f of analysis.files.values()) {
      if (f.text.includes('<') || f.text.includes('[')) any = true;
      if (WORD_PLACEHOLDER_HINT.test(f.text)) any = plainWords = true;
    }
    if (!any) return;
    // A placeholder where a typed value is expected is already an invalid value (KA2xx): one finding is enough.
    const invalid = new Set<string>();
    for (const d of analysis.diagnostics) if (d.severity === 'error' && d.code.startsWith('KA2')) invalid.add(`${d.file}\0${d.range.start.offset}`);
    const say = (words: readonly Word[], i: number, node: AstNode) => {
      const word = words[i]!;
      if (invalid.has(`${word.file}\0${word.range.start.offset}`)) return false;
      let text: string | undefined = PLACEHOLDER.exec(word.text)?.[0] ?? (plainWords ? wordPlaceholder(word.text) : undefined);
      let last = word;
      if (text === undefined) {
        // `<generate a password>`, `[Instance local network interface]`: a placeholder of several words, which
        // keepalived reads as a value and more words (KA204 says the extra ones are ignored).
        const spread = spreadPlaceholder(words, i);
        if (!spread) return false;
        ({ text, last } = spread);
      }
      report({
        message: `'${text}' looks like a placeholder from an example, never filled in: keepalived reads ${last === word ? 'it as it is' : 'its words as they are'}${node.keyword ? ` (in '${node.keyword}')` : ''}; put the real value there`,
        file: word.file,
        range: last === word || last.file !== word.file ? word.range : { start: word.range.start, end: last.range.end },
      });
      return true;
    };
    const candidate = (t: string) => t.includes('<') || t.includes('[') || (plainWords && wordPlaceholder(t) !== undefined);
    walkAst(analysis.ast, (node) => {
      if (SKIPPED.has(node.keyword)) return;
      // One finding per line is enough.
      let found = false;
      let args: Word[] | undefined;
      for (let i = 0; i < node.argCount && !found; i++) {
        if (!candidate(node.argText(i)!)) continue;
        args ??= Array.from({ length: node.argCount }, (_, k) => node.argWord(k));
        found = say(args, i, node);
      }
      for (const line of node.values ?? []) {
        const words = line.words;
        for (let i = 0; i < words.length; i++) if (candidate(words[i]!.text) && say(words, i, node)) break;
      }
    });
  },
};

/** `{name}` placeholders on keyword lines, one finding each (a scan of the token kinds: cheap on large files). */
function reportBracedPlaceholders(analysis: Analysis, report: Parameters<FileRule['check']>[0]['report'], old: boolean): void {
  for (const file of analysis.files.values()) {
    const store = file.lex;
    const { kinds, starts, count } = store;
    for (let i = 0; i + 2 < count; i++) {
      if (kinds[i] !== Kind.LBrace) continue;
      const end = bracedPlaceholderEnd(analysis, file, i);
      if (end < 0) continue;
      const line = store.src.lineOf(starts[i]!);
      if (!keywordLine(file, line)) continue;
      const range = rangeOf(analysis, file.path, starts[i]!, store.end(end));
      if (!range) continue;
      const text = file.text.slice(starts[i]!, store.end(end));
      report({
        message: old
          ? `'${text}' looks like a template placeholder, never filled in: keepalived reads it as it is; put the real value there`
          : `'${text}' looks like a template placeholder, never filled in: keepalived reads its braces as block braces, not as part of a value, so this line does not hold the value it seems to; put the real value there`,
        file: file.path,
        range,
      });
      i = end;
    }
  }
}
