// KA704: a no-break space, an invisible character, a typographic quote or a full-width brace outside
// a comment (one finding per line).
// keepalived splits words at ASCII blanks only and quotes with '"' only (checked with the binary:
// `priority<U+00A0>100` is "Unknown keyword", `notify_master “/bin/x.sh”` is accepted silently).

import type { TextEdit } from '../../core/diagnostics.js';
import type { FileRule } from '../types.js';
import { Kind, type TokenStore } from '../../core/syntax/lexer.js';
import { describeLookalikes, hasLookalike, LOOKALIKE_RE, lookalikeInfo, showLookalikes, type LookalikeKind } from '../../core/syntax/lookalikes.js';
import { rangeOf } from '../fixes.js';

const ACTION: Record<LookalikeKind, (one: boolean) => string> = {
  space: (one) => (one ? 'replace it with a plain space' : 'replace them with plain spaces'),
  invisible: (one) => (one ? 'delete it' : 'delete them'),
  quote: () => 'use straight double quotes (")',
  brace: (one) => (one ? "write the ASCII brace" : 'write ASCII braces'),
};

const SPLITS = `keepalived splits words only at ASCII blanks and quotes only with '"'`;
const BRACES = "keepalived opens and closes blocks only with ASCII '{' and '}'";

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
  for (let i = kinds.indexOf(Kind.String); i >= 0 && i < count; i = kinds.indexOf(Kind.String, i + 1)) if (hasLookalike(store.source(i))) return true;
  return false;
}

/** Why keepalived reads these characters as part of a word. */
function reasons(kinds: Set<LookalikeKind>): string {
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
      'full-width braces (`｛`, `｝`), which keepalived reads as words: the block never opens, or never closes. The fix ' +
      'writes the plain character.',
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
      if (!hasLookalike(text)) continue;
      // One finding per line, with one edit per character; the message shows the words that hold them.
      let line = -1;
      let edits: TextEdit[] = [];
      let kindsSeen = new Set<LookalikeKind>();
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
        ctx.report({
          message: bom
            ? 'The file starts with a byte order mark (U+FEFF), which keepalived reads as part of the first word; save the file without it'
            : `'${showLookalikes(shown)}' contains ${describeLookalikes(shown)}: ${reasons(kindsSeen)}, so it reads ${one ? 'it' : 'them'} ${kindsSeen.has('brace') && kindsSeen.size === 1 ? 'as a word, not as a brace' : 'as part of the word'}; ${action}`,
          file: file.path,
          range,
          fix: { description: 'Write the plain characters', edits, safe: true },
        });
      };
      for (const m of text.matchAll(LOOKALIKE_RE)) {
        const at = m.index!;
        const t = tokenAt(starts, count, at);
        // Comments are free text; outside any token nothing is read.
        if (t < 0 || at >= store.end(t) || kinds[t] === Kind.Comment) continue;
        const l = store.src.lineOf(at);
        if (l !== line) {
          flush();
          line = l;
          edits = [];
          kindsSeen = new Set();
          first = at;
          wordsFrom = starts[t]!;
        }
        wordsTo = store.end(t);
        const info = lookalikeInfo(m[0])!;
        kindsSeen.add(info.kind);
        edits.push({ file: file.path, range: rangeOf(ctx.analysis, file.path, at, at + 1)!, newText: info.replacement });
      }
      flush();
    }
  },
};
