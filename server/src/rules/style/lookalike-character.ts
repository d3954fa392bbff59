// KA704: a no-break space, an invisible character, a typographic quote or a full-width brace outside
// a comment (one finding per line).
// keepalived splits words at ASCII blanks only and quotes with '"' only (checked with the binary:
// `priority<U+00A0>100` is "Unknown keyword", `notify_master “/bin/x.sh”` is accepted silently).

import type { TextEdit } from '../../core/diagnostics.js';
import type { FileRule } from '../types.js';
import { Kind, type TokenStore } from '../../core/syntax/lexer.js';
import { codePoint, describeLookalikes, hasLookalike, LOOKALIKE_RE, lookalikeInfo, showLookalikes, type LookalikeKind } from '../../core/syntax/lookalikes.js';
import { walkAst } from '../../core/analysis/ast.js';
import type { Analysis } from '../../core/index.js';
import { rangeOf } from '../fixes.js';

/**
 * Typographic single quotes: lookalikes only in script lines, whose command keepalived splits again quoting with
 * straight ' as well as '"' (alloc_strvec_quoted_escaped): `script "/usr/bin/pgrep ‘haproxy’"` hands pgrep the pattern
 * with the curly quotes (2.2.7 dump: Command = '/usr/bin/pgrep' '‘haproxy’'). Elsewhere ' quotes nothing either.
 */
const SINGLE_QUOTES = new Map<number, string>([
  [0x2018, 'left single quotation mark'],
  [0x2019, 'right single quotation mark'],
  [0x201a, 'single low-9 quotation mark'],
  [0x201b, 'single high-reversed-9 quotation mark'],
]);
const SINGLE_QUOTE_RE = /[\u2018-\u201b]/;
/** Every character KA704 looks at (matchAll only). */
const ANY_RE = new RegExp(`${LOOKALIKE_RE.source}|[\\u2018-\\u201b]`, 'g');

/** `text` with lookalikes and typographic single quotes shown as <U+XXXX>. */
function showAll(text: string): string {
  return showLookalikes(text).replace(/[\u2018-\u201b]/g, (c) => `<${codePoint(c)}>`);
}

/** describeLookalikes, with the typographic single quotes of a script line named too. */
function describeAll(text: string): string {
  const singles = [...new Set(text.match(/[\u2018-\u201b]/g) ?? [])].map((c) => `a ${SINGLE_QUOTES.get(c.codePointAt(0)!)!} (${codePoint(c)})`);
  const others = hasLookalike(text) ? [describeLookalikes(text)] : [];
  return [...others, ...singles].join(' and ');
}

const scriptLinesMemo = new WeakMap<Analysis, Set<string>>();

/** `file\nline` of each script line (a keyword whose command keepalived splits again: notify, script, misc_path…). */
function scriptLines(analysis: Analysis): Set<string> {
  let out = scriptLinesMemo.get(analysis);
  if (!out) {
    const lines = new Set<string>();
    walkAst(analysis.ast, (n) => {
      if (n.spec?.script_string && n.word) lines.add(`${n.file}\n${n.word.range.start.line}`);
    });
    scriptLinesMemo.set(analysis, (out = lines));
  }
  return out;
}

type Kind704 = LookalikeKind | 'single';

const ACTION: Record<Kind704, (one: boolean) => string> = {
  space: (one) => (one ? 'replace it with a plain space' : 'replace them with plain spaces'),
  invisible: (one) => (one ? 'delete it' : 'delete them'),
  quote: () => 'use straight double quotes (")',
  // Not a kind of lookalikes.ts: the script lines' single quotes (SINGLE_QUOTES).
  single: () => "use straight single quotes (')",
  brace: (one) => (one ? "write the ASCII brace" : 'write ASCII braces'),
};

const SPLITS = `keepalived splits words only at ASCII blanks and quotes only with '"'`;
const BRACES = "keepalived opens and closes blocks only with ASCII '{' and '}'";
const SCRIPT_SPLITS = "keepalived splits a script's command quoting only with straight ' and '\"'";

/** Index of the token that holds `offset` (the last one starting at or before it), or -1. */
function tokenAt(starts: Int32Array | number[], count: number, offset: number): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function quotedLookalike(store: TokenStore): boolean {
  // Strings are rare: the kinds array's own search finds them without a step per token.
  const { kinds, count } = store;
  for (let i = kinds.indexOf(Kind.String); i >= 0 && i < count; i = kinds.indexOf(Kind.String, i + 1)) {
    const t = store.source(i);
    if (hasLookalike(t) || SINGLE_QUOTE_RE.test(t)) return true;
  }
  return false;
}

/** Why keepalived reads these characters as part of a word. */
function reasons(kinds: Set<Kind704>): string {
  if (kinds.has('single')) return kinds.size === 1 ? SCRIPT_SPLITS : `${SPLITS}, and ${SCRIPT_SPLITS.replace('keepalived ', '')}`;
  if (!kinds.has('brace')) return SPLITS;
  return kinds.size === 1 ? BRACES : `${SPLITS}, and ${BRACES.replace('keepalived ', '')}`;
}

export const lookalikeCharacter: FileRule = {
  kind: 'file',
  code: 'KA704',
  name: 'lookalike-character',
  family: 'style',
  severity: 'warning',
  description: 'A no-break space, an invisible character (zero-width space, byte order mark), a typographic quote or a full-width brace outside a comment; keepalived reads it as part of a word.',
  docs: {
    why:
      'Configs copied from web pages, chat messages or word processors carry characters that look like blanks or quotes: ' +
      'no-break spaces, zero-width spaces, a byte order mark at the start of the file, “curly” quotes. keepalived splits ' +
      'words at ASCII blanks only and quotes with the straight `"` only, so `priority` followed by a no-break space and ' +
      '`100` is one unknown keyword (the priority is never set), no-break spaces at the start of a line become a keyword ' +
      'that swallows the real one, and `“/etc/keepalived/notify.sh”` names a command whose first character is a quote ' +
      'mark: `keepalived -t` says nothing, and the daemon finds no such file at start and disables the script, so it never runs. A CJK input method left on types ' +
      'full-width braces (`｛`, `｝`), which keepalived reads as words: the block never opens, or never closes. In a ' +
      "script's command, which keepalived splits again quoting with `'` as well, curly single quotes (‘ ’) are the same " +
      'trap. The fix writes the plain character; inside a quoted value (`auth_pass "…"`) the character is part of the value, ' +
      'so there it is only a suggestion: writing a plain space changes the value.',
    bad: 'vrrp_instance VI_1 {\n    # the blank after priority is a no-break space (U+00A0)\n    priority\u00a0100\n    notify_master \u201c/etc/keepalived/notify.sh master\u201d\n}',
    good: 'vrrp_instance VI_1 {\n    priority 100\n    notify_master "/etc/keepalived/notify.sh master"\n}',
  },
  check(ctx) {
    for (const file of ctx.analysis.files.values()) {
      const text = file.text;
      const store = file.lex;
      const { kinds, starts, count } = store;
      // Most files are plain ASCII: the lexer noted whether a word has anything else, and strings are few.
      if (!store.nonAsciiWords && !quotedLookalike(store)) continue;
      if (!hasLookalike(text) && !SINGLE_QUOTE_RE.test(text)) continue;
      // One finding per line, with one edit per character; the message shows the words that hold them.
      let line = -1;
      let edits: TextEdit[] = [];
      let kindsSeen = new Set<Kind704>();
      // Characters inside a quoted string of a line keepalived does not split again: part of the value there.
      let inValue = 0;
      let first = 0;
      let wordsFrom = 0;
      let wordsTo = 0;
      const flush = () => {
        if (line < 0 || !edits.length) return;
        const shown = text.slice(wordsFrom, wordsTo);
        const range = rangeOf(ctx.analysis, file.path, first, edits.length ? edits[edits.length - 1]!.range.end.offset : first + 1);
        if (!range) return;
        const bom = first === 0 && text.charCodeAt(0) === 0xfeff && edits.length === 1;
        const one = edits.length === 1;
        const action = kindsSeen.size === 1 ? ACTION[[...kindsSeen][0]!](one) : 'replace them with plain characters';
        // Inside quotes a plain blank is part of the value too: the character is the value's own, and writing the
        // plain one changes the value (`auth_pass "p<U+00A0>ss"`: the 2.2.7 dump's password is p\xC2\xA0ss, then "p ss").
        const quoted = inValue === edits.length
          ? `'${showAll(shown)}' contains ${describeAll(shown)} inside quotes, where keepalived keeps ${one ? 'it' : 'them'} as part of the value: the value holds ${one ? 'that character' : 'those characters'}, not the plain ${one ? 'one it looks' : 'ones they look'} like; if ${one ? 'a plain character was' : 'plain characters were'} meant, ${action} (that changes the value, so change it wherever it must match, as on a peer)`
          : undefined;
        const inQuotesToo = inValue > 0 && !quoted ? `; the one${inValue > 1 ? 's' : ''} inside quotes ${inValue > 1 ? 'are' : 'is'} part of the value, which the fix changes` : '';
        ctx.report({
          message: bom
            ? 'The file starts with a byte order mark (U+FEFF), which keepalived reads as part of the first word; save the file without it'
            : quoted ?? `'${showAll(shown)}' contains ${describeAll(shown)}: ${reasons(kindsSeen)}, so it reads ${one ? 'it' : 'them'} ${kindsSeen.has('brace') && kindsSeen.size === 1 ? 'as a word, not as a brace' : kindsSeen.has('single') && kindsSeen.size === 1 ? 'as part of the word, not as a quote' : 'as part of the word'}; ${action}${inQuotesToo}`,
          file: file.path,
          range,
          // A value's own character is no slip keepalived misreads: a suggestion, not a fix --fix applies.
          fix: { description: 'Write the plain characters', edits, safe: inValue === 0 },
        });
      };
      for (const m of text.matchAll(ANY_RE)) {
        const at = m.index!;
        const t = tokenAt(starts, count, at);
        // Comments are free text; outside any token nothing is read.
        if (t < 0 || at >= store.end(t) || kinds[t] === Kind.Comment) continue;
        const l = store.src.lineOf(at);
        const single = SINGLE_QUOTES.has(m[0].codePointAt(0)!);
        const script = (single || kinds[t] === Kind.String) && scriptLines(ctx.analysis).has(`${file.path}\n${l}`);
        // A typographic single quote is a lookalike only where keepalived quotes with ' (a script's command).
        if (single && !script) continue;
        if (l !== line) {
          flush();
          line = l;
          edits = [];
          kindsSeen = new Set();
          inValue = 0;
          first = at;
          wordsFrom = starts[t]!;
        }
        wordsTo = store.end(t);
        const info = single ? { kind: 'single' as const, replacement: "'" } : lookalikeInfo(m[0])!;
        kindsSeen.add(info.kind);
        if (kinds[t] === Kind.String && !script) inValue++;
        edits.push({ file: file.path, range: rangeOf(ctx.analysis, file.path, at, at + 1)!, newText: info.replacement });
      }
      flush();
    }
  },
};
