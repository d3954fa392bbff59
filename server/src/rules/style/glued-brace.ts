import type { FileRule } from '../types.js';
import { Kind, type TokenStore } from '../../core/syntax/lexer.js';
import { compareVersions } from '../../core/schema/schema.js';
import { BRACES_SPLIT_SINCE } from '../../core/analysis/reader.js';
import { rangeOf } from '../fixes.js';
import { keywordLine } from './lines.js';
import { oldReadingOfGluedBrace } from './old-brace-reading.js';
import { lookalikeInfo } from '../../core/syntax/lookalikes.js';
import { inBracedPlaceholder } from './placeholder-left.js';

const isBrace = (k: number) => k === Kind.LBrace || k === Kind.RBrace;

/**
 * The first i >= from with a brace at i or i + 1 (count - 1 when none): the pairs of touching
 * tokens worth a look. A loop of its own, which V8 compiles tight, rather than a step of the
 * rule's large loop for each of the half million tokens of a 6 MB config.
 */
function nextBracePair(kinds: Uint8Array, from: number, count: number): number {
  for (let i = from; i + 1 < count; i++) if (isBrace(kinds[i]!) || isBrace(kinds[i + 1]!)) return i;
  return Math.max(count - 1, from);
}

/**
 * The store index of the first word of line `line` (as the store counts) that starts with `//`, or Infinity: a brace
 * after it is in text meant as a comment.
 */
function firstSlashComment(store: TokenStore, text: string, line: number): number {
  for (let k = store.lineFirstToken[line]!, end = store.lineFirstToken[line + 1]!; k < end; k++) {
    if (store.kinds[k] === Kind.Word && text.startsWith('//', store.starts[k]!)) return k;
  }
  return Infinity;
}

/** A bare `$NAME` ending a word (not `${NAME}`, whose braces the walker reads as a reference). */
const BARE_REFERENCE_AT_END = /\$[A-Za-z_][A-Za-z0-9_]*$/;

/** The file's indentation step: a tab, or the fewest spaces any line is indented by (4 when none is). */
let lastUnit: { text: string; unit: string } | undefined;
function indentUnit(text: string): string {
  if (lastUnit?.text === text) return lastUnit.unit;
  let least = 0;
  for (const m of text.matchAll(/^( +)\S/gm)) if (least === 0 || m[1]!.length < least) least = m[1]!.length;
  const unit = /^\t/m.test(text) && least === 0 ? '\t' : ' '.repeat(least || 4);
  lastUnit = { text, unit };
  return unit;
}

/**
 * A line break to insert at `at`, with the indentation of the line there: one level less for a '}' that ends the
 * line's content (`10.0.0.1}`), one more for what follows a '{' (`{10.0.0.1`), the same after a '}' (`}vrrp_instance`).
 */
function breakBefore(text: string, at: number, levels: -1 | 0 | 1): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let end = lineStart;
  while (text[end] === ' ' || text[end] === '\t') end++;
  const indent = text.slice(lineStart, end);
  const unit = indent.includes('\t') ? '\t' : indentUnit(text);
  const eol = text[lineStart - 2] === '\r' || text.indexOf('\r\n') >= 0 ? '\r\n' : '\n';
  if (levels < 0) return eol + (indent.endsWith(unit) ? indent.slice(0, -unit.length) : '');
  return eol + indent + (levels > 0 ? unit : '');
}

export const gluedBrace: FileRule = {
  kind: 'file',
  code: 'KA701',
  name: 'glued-brace',
  family: 'style',
  severity: 'warning',
  description: "A '{' or '}' touches a word or another brace (`TCP_CHECK{`, `eth0}`, `}vrrp_instance`); keepalived before 1.4.2 does not see the brace.",
  docs: {
    why:
      'keepalived 1.4.2 and later split braces from the words around them, so `TCP_CHECK{` works there. Older releases, still ' +
      'shipped by long-term distributions (CentOS 7 has 1.3.5), split words on blanks only: `TCP_CHECK{` is one unknown ' +
      'word, the block is not opened, its lines are read one level up and its `}` closes the enclosing block, so the rest of ' +
      'the enclosing blocks falls to the top level, where it is ignored: a `TCP_CHECK{` in the first real_server loses the ' +
      'real_servers after it. Glued to the last word of a block line (`vrrp_instance VI_1{`), the brace becomes part of that ' +
      'word (the instance is named `VI_1{`); glued to a word, a `}` closes nothing (checked with keepalived 1.3.5). On old ' +
      'targets the message says what that release does with the file. A blank on both sides of every brace reads the same from 1.4.2 on; before it a `}` must also be the first word of its line and a `{` the last (KA706), so the fix puts a line break where a blank is not enough for them, whatever the target. ' +
      'One exception in every release: an `@id` prefix runs to the first blank, so `@lb1{` is the config id `lb1{` and the ' +
      'line (brace included) is dropped on lb1.',
    bad: 'real_server 10.0.1.1 80 {\n    TCP_CHECK{\n        connect_timeout 3}\n}',
    good: 'real_server 10.0.1.1 80 {\n    TCP_CHECK {\n        connect_timeout 3\n    }\n}',
  },
  check(ctx) {
    const old = compareVersions(ctx.target, BRACES_SPLIT_SINCE) < 0;
    for (const file of ctx.analysis.files.values()) {
      const store = file.lex;
      const { kinds, starts, count } = store;
      let checkedLine = -1;
      let lineOk = false;
      /** Store index of the line's first word starting '//' (Infinity when none). */
      let slashAt = Infinity;
      /** Store index of the first token after the line's `@id` prefix (tokens glued to it are part of the id), or -1. */
      let contentFirst = -1;
      let skipUntil = -1;
      /** On an old target, the glued braces of this file: each message names what the old reading loses up to the next one. */
      const oldGlued: { brace: number; other: number; line: number; report: (effect: string) => void }[] = [];
      for (let i = nextBracePair(kinds, 0, count); i + 1 < count; i = nextBracePair(kinds, i + 1, count)) {
        const ka = kinds[i]!;
        const kb = kinds[i + 1]!;
        // Touching tokens are on one line (a line break would separate them); comments never count.
        if (i < skipUntil || ka === Kind.Comment || kb === Kind.Comment || store.end(i) !== starts[i + 1]) continue;
        const line = store.src.lineOf(starts[i]!);
        if (line !== checkedLine) {
          checkedLine = line;
          // Once per line, not once per brace: 50,000 glued braces on one line took seconds.
          slashAt = firstSlashComment(store, file.text, line);
          const cl = keywordLine(file, line);
          lineOk = cl !== undefined;
          contentFirst = cl?.condition ? cl.first : -1;
        }
        if (!lineOk) continue;
        if (i + 1 < contentFirst) {
          // `@a{`: keepalived's config id runs to the first blank, so a brace glued to it is part of
          // the id. Reported once, at the first glued brace of the prefix.
          const prefixStart = store.lineFirstToken[line]!;
          let firstBrace = prefixStart;
          while (firstBrace < contentFirst && !isBrace(kinds[firstBrace]!)) firstBrace++;
          if (i + 1 !== firstBrace) continue;
          const idText = file.text.slice(starts[prefixStart]!, store.end(contentFirst - 1));
          const negated = idText.startsWith('@^');
          const id = idText.slice(negated ? 2 : 1);
          const meant = file.text.slice(starts[prefixStart]! + (negated ? 2 : 1), starts[firstBrace]!);
          const range = rangeOf(ctx.analysis, file.path, starts[prefixStart]!, store.end(contentFirst - 1));
          const at = rangeOf(ctx.analysis, file.path, starts[firstBrace]!, starts[firstBrace]!);
          if (!range || !at) continue;
          const effect = negated
            ? `and the line is kept for every config id${meant ? `, '${meant}' too` : ''}`
            : meant ? `and the line is dropped for config id '${meant}'` : 'and the line is dropped for every config id';
          ctx.report({
            message: `'${store.source(firstBrace)}' is glued to the '@' prefix: keepalived reads the config id up to the first blank, so the id here is '${id}' ${effect}; put a blank between them`,
            file: file.path,
            range,
            severity: 'warning',
            fix: { description: 'Insert a space', edits: [{ file: file.path, range: at, newText: ' ' }] },
          });
          continue;
        }
        // `${NAME}` is a definition reference, not a block.
        if (ka === Kind.Word && file.text.charCodeAt(store.end(i) - 1) === 36 && kb === Kind.LBrace) {
          let k = i + 2;
          while (k < count && store.src.lineOf(starts[k]!) === line && kinds[k] !== Kind.RBrace) k++;
          skipUntil = k + 1;
          continue;
        }
        // A quote ends a word for the old releases too (alloc_strvec): `"chk"{` is 'chk' and a brace there
        // (the 1.3.5 build reads such a vrrp_script without a word), so no release loses that brace.
        if (ka === Kind.String || kb === Kind.String) continue;
        // `{password}`: a template placeholder, which KA705 reports; 1.4.2+ read its braces as braces, but
        // not "correctly" in any sense the author meant, and a blank would not help.
        if (!old && inBracedPlaceholder(ctx.analysis, file, i)) continue;
        // `virtual_router_id 80 //MAC 00-00-5E-00-01-{VRID}`: the brace is in text meant as a comment, which
        // KA204 and KA103 report ('//' starts none). A blank beside it changes nothing on 1.4.2+, and makes
        // older releases, which read the glued words as one extra argument (as the author meant), see braces.
        if (i >= slashAt) continue;
        const braceIndex = isBrace(kb) ? i + 1 : i;
        const otherIndex = braceIndex === i + 1 ? i : i + 1;
        const braceText = store.source(braceIndex);
        const otherText = store.source(otherIndex);
        // `{<U+3000>` or `<U+00A0>}`: the brace touches a space look-alike, which KA704 reports and
        // replaces with a plain space; the brace is then no longer glued.
        const touching = otherIndex === i ? otherText.slice(-1) : String.fromCodePoint(otherText.codePointAt(0)!);
        if (lookalikeInfo(touching)?.kind === 'space') continue;
        const glued = braceIndex === i + 1 ? `${otherText}${braceText}` : `${braceText}${otherText}`;
        const range = rangeOf(ctx.analysis, file.path, starts[braceIndex]!, store.end(braceIndex));
        const at = rangeOf(ctx.analysis, file.path, starts[i + 1]!, starts[i + 1]!);
        if (!range || !at) continue;
        // `$VIP}` with a `$VIP=` definition: keepalived takes a bare $NAME for a reference only before a blank (KA109),
        // so a blank here would also substitute it, which the line does not read now: not a change to make unasked.
        const bare = otherIndex === i ? BARE_REFERENCE_AT_END.exec(otherText)?.[0] : undefined;
        const reference = bare !== undefined && ctx.analysis.definitions.has(bare.slice(1)) ? bare : undefined;
        // Before 1.4.2 a blank is enough only for `TCP_CHECK{`: those releases take a '{' as a brace only as the last
        // word of its line and a '}' only as the first (KA706), so `10.0.0.1}`, `}}`, `}vrrp_instance` and `{10.0.0.1`
        // need a line break there.
        // On a newer target the note about older releases holds only with that line break too: a blank would leave
        // '10.0.0.50 }' and '{ eth0', which they still misread (KA706 at --target-version 1.3.5), so the fix breaks the line there as well.
        const lineBreak = kinds[braceIndex] === Kind.RBrace || braceIndex === i ? breakBefore(file.text, starts[i + 1]!, braceIndex === i + 1 && kinds[braceIndex] === Kind.RBrace ? -1 : kinds[braceIndex] === Kind.LBrace ? 1 : 0) : undefined;
        const report = (effect: string) =>
          ctx.report({
            message: `'${braceText}' is glued to '${otherText}': ${effect}; put ${lineBreak ? 'a line break' : 'a blank'} between them${reference ? ` (${lineBreak ? 'a line break' : 'a blank'} also makes keepalived read '${reference}' as a reference to a definition: see KA109)` : ''}`,
            file: file.path,
            range,
            severity: old ? 'error' : 'warning',
            fix: lineBreak
              ? { description: 'Insert a line break', edits: [{ file: file.path, range: at, newText: lineBreak }], safe: reference === undefined }
              : { description: 'Insert a space', edits: [{ file: file.path, range: at, newText: ' ' }], safe: reference === undefined },
          });
        if (old) oldGlued.push({ brace: braceIndex, other: otherIndex, line, report });
        else report(`keepalived 1.4.2+ reads it correctly, but older releases (1.3.5 on CentOS 7) read '${glued}' as one word and lose the brace${lineBreak ? `, and take ${kinds[braceIndex] === Kind.RBrace ? "a '}' as a brace only as the first word of its line" : "a '{' as a brace only as the last word of its line"}` : ''}`);
      }
      const version = ctx.target.join('.');
      for (let k = 0; k < oldGlued.length; k++) {
        const g = oldGlued[k]!;
        const until = k + 1 < oldGlued.length ? oldGlued[k + 1]!.line : store.src.lineStarts.length;
        g.report(oldReadingOfGluedBrace(ctx.analysis, file, g.brace, g.other, until, version));
      }
    }
  },
};
