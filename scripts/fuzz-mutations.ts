// Mutations of real configs and the classification of keepalived's and kalint's verdicts on them:
// the pure half of scripts/fuzz-differential.ts, shared with test/fuzz-mutations.test.ts.
//
// A mutation is one edit a user makes by mistake (a brace lost or glued, a line moved into
// another block, a number out of range, an address in an odd form, CRLF line endings...).
// Everything is driven by a seeded generator, so a seed names the same mutants on every run.

import keywordTable from '../server/src/core/schema/keywords.json';
import type { Diagnostic } from '../server/src/core/diagnostics.js';
import { compareVersions, parseVersion } from '../server/src/core/schema/schema.js';
import { parseKeepalivedStderr } from './keepalived-output.js';
import { showUnseen } from '../server/src/core/syntax/lookalikes.js';
import { utf8Length } from '../server/src/core/analysis/values.js';
import { hasLongLine, linesCountingPieces } from './keepalived-versions/line-count.mjs';

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

export interface Rng {
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: small, fast, and the same sequence on every platform. */
export function makeRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { int, pick: (items) => items[int(items.length)]! };
}

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

/** Lines of a text; `eol` remembers whether it used CRLF and whether it ended with a newline. */
interface Doc {
  lines: string[];
  crlf: boolean;
  finalNewline: boolean;
}

function toDoc(text: string): Doc {
  const crlf = text.includes('\r\n');
  const finalNewline = text.endsWith('\n');
  const body = finalNewline ? text.slice(0, -1) : text;
  return { lines: body.split('\n').map((l) => (crlf ? l.replace(/\r$/, '') : l)), crlf, finalNewline };
}

function fromDoc(d: Doc): string {
  const eol = d.crlf ? '\r\n' : '\n';
  return d.lines.join(eol) + (d.finalNewline ? eol : '');
}

/** A line that holds words of the config (not blank, not a comment). */
function isCodeLine(line: string): boolean {
  const t = line.trim();
  return t !== '' && !t.startsWith('#') && !t.startsWith('!');
}

interface Word {
  text: string;
  start: number;
}

function wordsOf(line: string): Word[] {
  const out: Word[] = [];
  for (const m of line.matchAll(/\S+/g)) out.push({ text: m[0], start: m.index! });
  return out;
}

function replaceWord(line: string, w: Word, text: string): string {
  return line.slice(0, w.start) + text + line.slice(w.start + w.text.length);
}

/** Indices of lines matching `test`; undefined when none does. */
function pickLine(d: Doc, rng: Rng, test: (line: string) => boolean): number | undefined {
  const idx: number[] = [];
  d.lines.forEach((l, i) => {
    if (test(l)) idx.push(i);
  });
  return idx.length ? rng.pick(idx) : undefined;
}

const ODD_NUMBERS = ['0', '-1', '1', '255', '256', '65535', '65536', '2147483648', '1.5', '1e3', '0x10', '010', '+5', ''];
const ODD_ADDRESSES = ['2001:db8::10', '10.1.2.3/24', '10.1.2.3/33', '300.1.1.1', '10.1', 'lb.example.com', 'fe80::1', '10.1.2.3/32', '2001:db8::10/64', '0.0.0.0'];
const PREFIXES = ['$VAR', '${X}', '$X_', '@x ', '@y ', '@^x ', '@^y '];

interface Mutation {
  name: string;
  weight: number;
  /** Edits `d` in place and returns a short description, or undefined when it does not apply. */
  apply(d: Doc, rng: Rng): string | undefined;
}

const MUTATIONS: Mutation[] = [
  {
    name: 'brace-delete',
    weight: 6,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && /[{}]/.test(l));
      if (i === undefined) return undefined;
      const line = d.lines[i]!;
      const at = [...line].flatMap((c, k) => (c === '{' || c === '}' ? [k] : []));
      const k = rng.pick(at);
      d.lines[i] = line.slice(0, k) + line.slice(k + 1);
      return `line ${i + 1}: deleted '${line[k]}'`;
    },
  },
  {
    name: 'brace-duplicate',
    weight: 4,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && /[{}]/.test(l));
      if (i === undefined) return undefined;
      const line = d.lines[i]!;
      const k = line.search(rng.int(2) ? /\}/ : /\{/);
      if (k < 0) return undefined;
      d.lines[i] = line.slice(0, k + 1) + line[k] + line.slice(k + 1);
      return `line ${i + 1}: doubled '${line[k]}'`;
    },
  },
  {
    name: 'brace-glue',
    weight: 5,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && /\S\s+\{/.test(l));
      if (i === undefined) return undefined;
      d.lines[i] = d.lines[i]!.replace(/(\S)\s+\{/, '$1{');
      return `line ${i + 1}: glued '{' to the word before`;
    },
  },
  {
    name: 'brace-split',
    weight: 5,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && /\S\s*\{\s*$/.test(l));
      if (i === undefined) return undefined;
      const line = d.lines[i]!;
      const indent = /^\s*/.exec(line)![0];
      d.lines.splice(i, 1, line.replace(/\s*\{\s*$/, ''), `${indent}{`);
      return `line ${i + 1}: '{' moved to a line of its own`;
    },
  },
  {
    name: 'close-glue',
    weight: 3,
    apply(d, rng) {
      // `}` written at the end of the line before it (`10.0.0.1/24 }`, `weight 1}`).
      const i = pickLine(d, rng, (l) => /^\s*\}\s*$/.test(l));
      if (i === undefined || i === 0 || !isCodeLine(d.lines[i - 1]!)) return undefined;
      const sep = rng.int(2) ? ' ' : '';
      d.lines[i - 1] = d.lines[i - 1]!.replace(/\s*$/, `${sep}}`);
      d.lines.splice(i, 1);
      return `line ${i + 1}: '}' joined to the line before`;
    },
  },
  {
    name: 'line-delete',
    weight: 6,
    apply(d, rng) {
      const i = pickLine(d, rng, isCodeLine);
      if (i === undefined) return undefined;
      d.lines.splice(i, 1);
      return `line ${i + 1}: deleted`;
    },
  },
  {
    name: 'line-duplicate',
    weight: 5,
    apply(d, rng) {
      const i = pickLine(d, rng, isCodeLine);
      if (i === undefined) return undefined;
      d.lines.splice(i, 0, d.lines[i]!);
      return `line ${i + 1}: duplicated`;
    },
  },
  {
    name: 'line-move',
    weight: 6,
    apply(d, rng) {
      // A keyword line (no brace) moved into another block: a sibling, the parent, another top-level block.
      const i = pickLine(d, rng, (l) => isCodeLine(l) && !/[{}]/.test(l));
      if (i === undefined) return undefined;
      const [line] = d.lines.splice(i, 1);
      const j = pickLine(d, rng, (l) => isCodeLine(l) && /\{\s*$/.test(l));
      if (j === undefined) return undefined;
      d.lines.splice(j + 1, 0, line!);
      return `line ${i + 1}: moved after line ${j + 1}`;
    },
  },
  {
    name: 'swap-words',
    weight: 4,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && wordsOf(l).length >= 2);
      if (i === undefined) return undefined;
      const ws = wordsOf(d.lines[i]!);
      const k = rng.int(ws.length - 1);
      const [a, b] = [ws[k]!, ws[k + 1]!];
      const line = d.lines[i]!;
      d.lines[i] = line.slice(0, a.start) + b.text + line.slice(a.start + a.text.length, b.start) + a.text + line.slice(b.start + b.text.length);
      return `line ${i + 1}: swapped '${a.text}' and '${b.text}'`;
    },
  },
  {
    name: 'drop-argument',
    weight: 5,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && wordsOf(l).filter((w) => !/[{}]/.test(w.text)).length >= 2);
      if (i === undefined) return undefined;
      const ws = wordsOf(d.lines[i]!).slice(1).filter((w) => !/[{}]/.test(w.text));
      if (!ws.length) return undefined;
      const w = rng.pick(ws);
      d.lines[i] = replaceWord(d.lines[i]!, w, '').replace(/\s+$/, '');
      return `line ${i + 1}: dropped '${w.text}'`;
    },
  },
  {
    name: 'duplicate-argument',
    weight: 3,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && wordsOf(l).length >= 2);
      if (i === undefined) return undefined;
      const ws = wordsOf(d.lines[i]!).slice(1).filter((w) => !/[{}]/.test(w.text));
      if (!ws.length) return undefined;
      const w = rng.pick(ws);
      d.lines[i] = replaceWord(d.lines[i]!, w, `${w.text} ${w.text}`);
      return `line ${i + 1}: doubled '${w.text}'`;
    },
  },
  {
    name: 'odd-number',
    weight: 8,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && wordsOf(l).some((w) => /^-?\d+$/.test(w.text)));
      if (i === undefined) return undefined;
      const w = rng.pick(wordsOf(d.lines[i]!).filter((x) => /^-?\d+$/.test(x.text)));
      const to = rng.pick(ODD_NUMBERS);
      d.lines[i] = replaceWord(d.lines[i]!, w, to);
      return `line ${i + 1}: '${w.text}' -> '${to}'`;
    },
  },
  {
    name: 'odd-address',
    weight: 6,
    apply(d, rng) {
      const isAddr = (t: string) => /^\d+\.\d+\.\d+\.\d+(?:\/\d+)?$/.test(t);
      const i = pickLine(d, rng, (l) => isCodeLine(l) && wordsOf(l).some((w) => isAddr(w.text)));
      if (i === undefined) return undefined;
      const w = rng.pick(wordsOf(d.lines[i]!).filter((x) => isAddr(x.text)));
      const to = rng.pick(ODD_ADDRESSES);
      d.lines[i] = replaceWord(d.lines[i]!, w, to);
      return `line ${i + 1}: '${w.text}' -> '${to}'`;
    },
  },
  {
    name: 'quote',
    weight: 4,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && wordsOf(l).some((w) => !/[{}]/.test(w.text)));
      if (i === undefined) return undefined;
      const w = rng.pick(wordsOf(d.lines[i]!).filter((x) => !/[{}]/.test(x.text)));
      const quoted = /^".*"$/.test(w.text) && w.text.length >= 2;
      const to = quoted ? w.text.slice(1, -1) : `"${w.text}"`;
      d.lines[i] = replaceWord(d.lines[i]!, w, to);
      return `line ${i + 1}: ${quoted ? 'unquoted' : 'quoted'} '${w.text}'`;
    },
  },
  {
    name: 'comment-mid-line',
    weight: 4,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && wordsOf(l).length >= 2);
      if (i === undefined) return undefined;
      const ws = wordsOf(d.lines[i]!);
      const w = ws[1 + rng.int(ws.length - 1)]!;
      const mark = rng.pick(['#', '!', '# ', '! ']);
      const line = d.lines[i]!;
      d.lines[i] = line.slice(0, w.start) + mark + line.slice(w.start);
      return `line ${i + 1}: '${mark.trim()}' before '${w.text}'`;
    },
  },
  {
    name: 'trailing-backslash',
    weight: 3,
    apply(d, rng) {
      const i = pickLine(d, rng, isCodeLine);
      if (i === undefined) return undefined;
      d.lines[i] = d.lines[i]! + rng.pick([' \\', '\\']);
      return `line ${i + 1}: trailing backslash`;
    },
  },
  {
    name: 'prefix',
    weight: 4,
    apply(d, rng) {
      const i = pickLine(d, rng, isCodeLine);
      if (i === undefined) return undefined;
      const p = rng.pick(PREFIXES);
      const line = d.lines[i]!;
      const ws = wordsOf(line);
      // `@id ` prefixes a line; `$VAR`-like ones go before any word.
      const w = p.startsWith('@') ? ws[0]! : rng.pick(ws);
      d.lines[i] = line.slice(0, w.start) + p + line.slice(w.start);
      return `line ${i + 1}: '${p.trim()}' before '${w.text}'`;
    },
  },
  {
    name: 'insert-keyword',
    weight: 8,
    apply(d, rng) {
      const e = rng.pick(KEYWORDS);
      const args = e.args.filter((a) => !a.optional || rng.int(2)).map((a) => plausibleArgument(a, rng));
      const head = [e.name, ...args].join(' ');
      const at = rng.int(d.lines.length + 1);
      const lines = e.block === 'keywords' ? [`${head} {`, '}'] : e.block === 'values' ? [`${head} {`, `    ${rng.pick(['10.0.0.9/24', 'eth0', 'chk_x', 'a@b.c', '10.0.0.9'])}`, '}'] : [head];
      d.lines.splice(at, 0, ...lines);
      return `line ${at + 1}: inserted '${head}'${e.block ? ' { }' : ''} (${e.path.join('/') || 'top'})`;
    },
  },
  {
    name: 'keyword-case',
    weight: 3,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && /[a-z]/.test(wordsOf(l)[0]!.text));
      if (i === undefined) return undefined;
      const w = wordsOf(d.lines[i]!)[0]!;
      const to = rng.int(2) ? w.text.toUpperCase() : w.text[0]!.toUpperCase() + w.text.slice(1);
      d.lines[i] = replaceWord(d.lines[i]!, w, to);
      return `line ${i + 1}: '${w.text}' -> '${to}'`;
    },
  },
  {
    name: 'tabs',
    weight: 3,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && wordsOf(l).length >= 2);
      if (i === undefined) return undefined;
      d.lines[i] = d.lines[i]!.replace(/^\s*/, '\t\t').replace(/(\S) +(\S)/, '$1\t$2');
      return `line ${i + 1}: tabs`;
    },
  },
  {
    name: 'carriage-return',
    weight: 2,
    apply(d, rng) {
      // One line ending in CR LF among LF lines (a line pasted from Windows), or a lone CR between words.
      const i = pickLine(d, rng, (l) => isCodeLine(l) && wordsOf(l).length >= 2);
      if (i === undefined) return undefined;
      if (rng.int(2)) {
        d.lines[i] = d.lines[i]! + '\r';
        return `line ${i + 1}: CR before its newline`;
      }
      d.lines[i] = d.lines[i]!.replace(/(\S) +(\S)/, '$1\r$2');
      return `line ${i + 1}: a CR between words`;
    },
  },
  {
    name: 'crlf',
    weight: 3,
    apply(d) {
      if (d.crlf) return undefined;
      d.crlf = true;
      return 'CRLF line endings';
    },
  },
  {
    name: 'keyword-typo',
    weight: 4,
    apply(d, rng) {
      // The slips behind `prompte_secondaries`: a letter dropped, doubled or swapped with the next.
      const i = pickLine(d, rng, (l) => isCodeLine(l) && /^[a-z_]{4,}$/.test(wordsOf(l)[0]!.text));
      if (i === undefined) return undefined;
      const w = wordsOf(d.lines[i]!)[0]!;
      const k = 1 + rng.int(w.text.length - 2);
      const kind = rng.int(3);
      const to = kind === 0 ? w.text.slice(0, k) + w.text.slice(k + 1) : kind === 1 ? w.text.slice(0, k) + w.text[k] + w.text.slice(k) : w.text.slice(0, k) + w.text[k + 1] + w.text[k] + w.text.slice(k + 2);
      if (to === w.text) return undefined;
      d.lines[i] = replaceWord(d.lines[i]!, w, to);
      return `line ${i + 1}: '${w.text}' -> '${to}'`;
    },
  },
  {
    name: 'semicolon',
    weight: 3,
    apply(d, rng) {
      // nginx and bind habits: `priority 100;`, `virtual_router_id 51 ;`, `};`.
      const i = pickLine(d, rng, isCodeLine);
      if (i === undefined) return undefined;
      const mark = rng.pick([';', ' ;']);
      d.lines[i] = d.lines[i]!.replace(/\s*$/, '') + mark;
      return `line ${i + 1}: '${mark.trim()}' at the end`;
    },
  },
  {
    name: 'lookalike',
    weight: 3,
    apply(d, rng) {
      // What blog editors and chat tools do to pasted configs: a no-break space, curly quotes, a
      // fullwidth brace or an en dash instead of a hyphen.
      const i = pickLine(d, rng, (l) => isCodeLine(l) && /[ "{}-]/.test(l.trim()));
      if (i === undefined) return undefined;
      const line = d.lines[i]!;
      const lead = line.length - line.trimStart().length;
      const spots = [...line].flatMap((c, k) => (k >= lead && ' "{}-'.includes(c) ? [k] : []));
      if (!spots.length) return undefined;
      const k = rng.pick(spots);
      const c = line[k]!;
      const to = c === ' ' ? rng.pick(['\u00a0', '\u3000']) : c === '"' ? rng.pick(['\u201c', '\u201d']) : c === '{' ? '\uff5b' : c === '}' ? '\uff5d' : '\u2013';
      d.lines[i] = line.slice(0, k) + to + line.slice(k + 1);
      return `line ${i + 1}: '${c}' -> U+${to.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    },
  },
  {
    name: 'slash-comment',
    weight: 2,
    apply(d, rng) {
      // A C-style comment, on a line of its own or after a value.
      const i = pickLine(d, rng, isCodeLine);
      if (i === undefined) return undefined;
      if (rng.int(2)) {
        d.lines.splice(i, 0, d.lines[i]!.match(/^\s*/)![0] + '// note');
        return `line ${i + 1}: '// note' line inserted`;
      }
      d.lines[i] = d.lines[i]! + rng.pick([' // note', ' /* note */']);
      return `line ${i + 1}: C comment after the line`;
    },
  },
  {
    name: 'escaped-comment',
    weight: 2,
    apply(d, rng) {
      // A Markdown-escaped comment pasted from a web page: `\# note` or `\! note`, a comment line
      // escaped or one inserted before a code line.
      const c = pickLine(d, rng, (l) => /^\s*[#!]/.test(l));
      if (c !== undefined && rng.int(2)) {
        d.lines[c] = d.lines[c]!.replace(/^(\s*)([#!])/, '$1\\$2');
        return `line ${c + 1}: comment escaped with a backslash`;
      }
      const i = pickLine(d, rng, isCodeLine);
      if (i === undefined) return undefined;
      const mark = rng.pick(['\\# note', '\\#note', '\\! note', '\\#']);
      d.lines.splice(i, 0, d.lines[i]!.match(/^\s*/)![0] + mark);
      return `line ${i + 1}: '${mark}' line inserted`;
    },
  },
  {
    name: 'gap-line',
    weight: 2,
    apply(d, rng) {
      // An empty line, a line of blanks or a comment line, after a line ending in a backslash where there is one (inside
      // a multi-line definition releases differ: 2.0.9-2.0.14 skip an empty line, 2.1.x a comment line, 2.2 splits).
      const cont = pickLine(d, rng, (l) => /\\\s*$/.test(l));
      const i = cont !== undefined && rng.int(4) ? cont + 1 : pickLine(d, rng, isCodeLine);
      if (i === undefined) return undefined;
      const gap = rng.pick(['', '   ', '# note', '    ! note', '\t']);
      d.lines.splice(i, 0, gap);
      return `line ${i + 1}: ${JSON.stringify(gap)} line inserted`;
    },
  },
  {
    name: 'unit-suffix',
    weight: 3,
    apply(d, rng) {
      // `advert_int 1s`, `delay_loop 5sec`, `connect_timeout 3000ms`.
      const i = pickLine(d, rng, (l) => isCodeLine(l) && wordsOf(l).length >= 2 && /^\d+$/.test(wordsOf(l)[1]!.text));
      if (i === undefined) return undefined;
      const w = wordsOf(d.lines[i]!)[1]!;
      const to = w.text + rng.pick(['s', 'ms', 'sec', '%']);
      d.lines[i] = replaceWord(d.lines[i]!, w, to);
      return `line ${i + 1}: '${w.text}' -> '${to}'`;
    },
  },
  {
    name: 'no-final-newline',
    weight: 2,
    apply(d) {
      if (!d.finalNewline) return undefined;
      d.finalNewline = false;
      while (d.lines.length && d.lines[d.lines.length - 1] === '') d.lines.pop();
      return 'no newline at the end';
    },
  },
];

/** The indentation of a line. */
function indentOf(line: string): string {
  return /^\s*/.exec(line)![0];
}

/** The index of the line holding the '}' that closes the block opened on line i (a line ending in '{'), or undefined. */
function blockEnd(d: Doc, i: number): number | undefined {
  let depth = 0;
  for (let j = i; j < d.lines.length && j < i + 40; j++) {
    const line = d.lines[j]!;
    if (!isCodeLine(line)) continue;
    for (const c of line.replace(/#.*$/, '')) {
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return j;
    }
  }
  return undefined;
}

const DEFINITION_NAMES = ['D', 'VIP', 'PORT_1', 'x2', 'LONG_NAME_'];
const SEQ_HEADS = ['~SEQ(I, 2)', '~SEQ(I, 1, 3)', '~SEQ(I, 10, 5, 20)', '~SEQ(I, 3, -1, 1)', '~SEQx(I, 9, 11)', '~LST(I, 1, 7)', '~LST({I,J}, {1,a}, {2,b})', '~SEQ(I, 1, 0, 3)', '~SEQ(I)', '~SEQ (I, 2)', '~SEQ(I, 1, 2) ~LST(J, a, b)'];
/** How a use of NAME is written: `$NAME` must be followed by a blank, ',', ')' or the end of the line to be one. */
const useOf = (name: string, rng: Rng) => (rng.int(3) ? `\${${name}}` : `$${name}`);

/**
 * Edits with keepalived's preprocessor (`$NAME=` definitions, multi-line ones, `~SEQ`/`~LST`,
 * predefined names, conditional definitions), the way configs that generate lines write them.
 * Chosen with --preprocessor (scripts/fuzz-differential.ts); kept apart so that a seed without it
 * still names the mutants it always did.
 */
const PREPROCESSOR_MUTATIONS: Mutation[] = [
  {
    name: 'define-word',
    weight: 5,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && wordsOf(l).some((w) => !/[{}#!"$]/.test(w.text)));
      if (i === undefined) return undefined;
      const ws = wordsOf(d.lines[i]!).filter((w) => !/[{}#!"$]/.test(w.text));
      const k = rng.int(ws.length);
      const name = rng.pick(DEFINITION_NAMES);
      // The value: the word, or it and the words after it on the line (a definition may hold several).
      const upTo = rng.int(3) ? k : Math.min(ws.length - 1, k + 1 + rng.int(2));
      const value = ws.slice(k, upTo + 1).map((w) => w.text).join(' ');
      const line = d.lines[i]!;
      const end = ws[upTo]!.start + ws[upTo]!.text.length;
      d.lines[i] = line.slice(0, ws[k]!.start) + useOf(name, rng) + line.slice(end);
      // Mostly before its use; sometimes after it (the use is then left as written) or spaced (`$D = x` is no definition).
      const at = rng.int(5) ? rng.int(i + 1) : i + 1 + rng.int(d.lines.length - i);
      const def = rng.int(12) ? `$${name}=${value}` : `$${name} = ${value}`;
      d.lines.splice(at, 0, def);
      return `line ${i + 1}: '${value}' as ${name}, defined on line ${at + 1} ('${def}')`;
    },
  },
  {
    name: 'define-lines',
    weight: 4,
    apply(d, rng) {
      // Lines i..j (code lines, braces balanced or not) moved into a multi-line definition used in their place.
      const i = pickLine(d, rng, isCodeLine);
      if (i === undefined) return undefined;
      let j = i;
      for (let n = rng.int(4); n > 0 && j + 1 < d.lines.length && isCodeLine(d.lines[j + 1]!); n--) j++;
      const name = rng.pick(DEFINITION_NAMES);
      const body = d.lines.slice(i, j + 1).map((l) => l.trim());
      const indent = indentOf(d.lines[i]!);
      const head = rng.int(2) ? [`$${name}=${body[0]}`, ...body.slice(1)] : [`$${name}=`, ...body];
      const def = head.map((l, k) => (k < head.length - 1 ? `${l} \\` : l));
      d.lines.splice(i, j - i + 1, `${indent}${useOf(name, rng)}`);
      const at = rng.int(6) ? rng.int(i + 1) : i + 1;
      d.lines.splice(at, 0, ...def);
      return `lines ${i + 1}-${j + 1}: as the multi-line definition ${name} on line ${at + 1}`;
    },
  },
  {
    name: 'seq-line',
    weight: 4,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && !l.trim().startsWith('$') && !l.trim().startsWith('~'));
      if (i === undefined) return undefined;
      const head = rng.pick(SEQ_HEADS);
      let line = d.lines[i]!;
      // The loop variable in place of a number or an address's last part, mostly.
      const ws = wordsOf(line).filter((w) => /\d/.test(w.text) && !/[{}"]/.test(w.text));
      if (ws.length && rng.int(4)) {
        const w = rng.pick(ws);
        const v = useOf('I', rng);
        line = replaceWord(line, w, /\.\d+$/.test(w.text) ? w.text.replace(/\d+$/, v) : /^\d+$/.test(w.text) ? v : w.text.replace(/\d+/, v));
      }
      d.lines[i] = `${indentOf(line)}${head} ${line.trimStart()}`;
      return `line ${i + 1}: repeated by '${head}'`;
    },
  },
  {
    name: 'seq-block',
    weight: 3,
    apply(d, rng) {
      // A block written once as a multi-line definition and repeated: `~SEQ(I, 1, 2) $B`.
      const i = pickLine(d, rng, (l) => isCodeLine(l) && /\{\s*$/.test(l) && !/^\s*[$~@]/.test(l));
      if (i === undefined) return undefined;
      const j = blockEnd(d, i);
      if (j === undefined || j === i) return undefined;
      const name = rng.pick(DEFINITION_NAMES);
      const body = d.lines.slice(i, j + 1).filter(isCodeLine).map((l) => l.trim());
      const ws = wordsOf(body[0]!).filter((w) => /\d/.test(w.text));
      if (ws.length) body[0] = replaceWord(body[0]!, rng.pick(ws), rng.pick(['10.0.0.${I}', '${I}', '${I}0']));
      const def = [`$${name}=${body[0]}`, ...body.slice(1)].map((l, k, all) => (k < all.length - 1 ? `${l} \\` : l));
      const head = rng.pick(SEQ_HEADS.slice(0, 7));
      d.lines.splice(i, j - i + 1, `${indentOf(d.lines[i]!)}${head} ${useOf(name, rng)}`);
      d.lines.splice(rng.int(i + 1), 0, ...def);
      return `lines ${i + 1}-${j + 1}: a block defined as ${name} and repeated by '${head}'`;
    },
  },
  {
    name: 'predefined',
    weight: 2,
    apply(d, rng) {
      const i = pickLine(d, rng, isCodeLine);
      if (i === undefined) return undefined;
      const ws = wordsOf(d.lines[i]!);
      const w = rng.pick(ws);
      const p = rng.pick(['${_PWD}', '${_INSTANCE}', '${_HASH}', '${_BANG}', '$_INSTANCE', '${_UNKNOWN}', '${_PWD}/x.sh']);
      const glue = rng.int(3);
      d.lines[i] = glue === 0 ? replaceWord(d.lines[i]!, w, p) : glue === 1 ? replaceWord(d.lines[i]!, w, w.text + p) : replaceWord(d.lines[i]!, w, p + w.text);
      return `line ${i + 1}: '${p}' at '${w.text}'`;
    },
  },
  {
    name: 'conditional-define',
    weight: 2,
    apply(d, rng) {
      // `$IF_X=@x` then `$IF_X priority 100`: a definition that holds a line's config id.
      const i = pickLine(d, rng, (l) => isCodeLine(l) && !/^\s*[$~@]/.test(l));
      if (i === undefined) return undefined;
      const id = rng.pick(['@x', '@^x', '@y', '@^y']);
      const line = d.lines[i]!;
      d.lines[i] = `${indentOf(line)}${rng.int(3) ? '$IF_X' : '${IF_X}'} ${line.trimStart()}`;
      const at = rng.int(i + 1);
      d.lines.splice(at, 0, `$IF_X=${id}`);
      return `line ${i + 1}: under '$IF_X=${id}' (line ${at + 1})`;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Keywords of kalint's table with plausible arguments
// ---------------------------------------------------------------------------------------------

interface TableArg {
  name: string;
  type: string;
  optional?: boolean;
  min?: number;
  max?: number;
  values?: string[];
}

interface TableEntry {
  name: string;
  path: string[];
  block: 'keywords' | 'values' | null;
  args: TableArg[];
  children?: TableEntry[];
}

const KEYWORDS: TableEntry[] = [];
(function flatten(entries: TableEntry[]) {
  for (const e of entries) {
    KEYWORDS.push(e);
    flatten(e.children ?? []);
  }
})((keywordTable as unknown as { tree: TableEntry[] }).tree);

function plausibleArgument(a: TableArg, rng: Rng): string {
  const num = () => {
    const lo = a.min ?? 0;
    const hi = a.max ?? 100;
    return String(rng.pick([lo, hi, Math.min(hi, lo + 1 + rng.int(10)), hi + 1, lo - 1]));
  };
  switch (a.type) {
    case 'unsigned':
    case 'integer':
    case 'timer':
    case 'decimal':
    case 'port':
      return num();
    case 'bool':
      return rng.pick(['true', 'false', 'yes', 'on', '1']);
    case 'enum':
    case 'keyword_value_pairs':
    case 'enum_or_unsigned':
      return a.values?.length ? rng.pick(a.values) : num();
    case 'ipaddr':
    case 'ipv4':
    case 'host':
      return rng.pick(['10.0.0.7', '192.168.1.7/24', '2001:db8::7']);
    case 'ipv6':
      return '2001:db8::7';
    case 'ifname':
      return rng.pick(['eth0', 'eth1']);
    case 'email':
      return 'ops@example.com';
    case 'script':
      return rng.pick(['/bin/true', '"/usr/bin/check --fast"']);
    case 'path':
      return rng.pick(['/tmp/x', '/var/run/x.pid']);
    case 'hex':
      return rng.pick(['0x10', 'ff']);
    case 'status_codes':
      return '200-299';
    case 'vs_service':
      return '10.0.0.7 80';
    default:
      return rng.pick(['VI_1', 'chk_x', 'name1', 'x']);
  }
}

/**
 * Edits with bytes a text editor does not show: a NUL (a binary file taken for a config, a line cut from UTF-16) and
 * the other control characters C's isspace() counts as blanks or not (vertical tab, form feed, ^A, DEL). Chosen with
 * --bytes (scripts/fuzz-differential.ts), apart from MUTATIONS for the same reason as PREPROCESSOR_MUTATIONS.
 */
const BYTE_MUTATIONS: Mutation[] = [
  {
    name: 'nul-byte',
    weight: 4,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => l.trim() !== '');
      if (i === undefined) return undefined;
      const line = d.lines[i]!;
      const words = wordsOf(line);
      const junk = rng.pick(['', ' junk', 'x \\', ' \\', ' {', ' }', ' # note', '"']);
      const where = rng.int(5);
      let at: number;
      if (where === 0 || !words.length) at = line.length; // at the end
      else if (where === 1) at = 0; // first byte
      else if (where === 2 && line.trimEnd().endsWith('\\')) at = line.trimEnd().length - 1; // before a trailing backslash
      else {
        const w = rng.pick(words);
        at = w.start + rng.int(w.text.length + 1); // inside or at the edge of a word
      }
      d.lines[i] = line.slice(0, at) + '\0' + junk + line.slice(at);
      return `line ${i + 1}: NUL${junk ? ` + '${junk}'` : ''} at column ${at + 1}`;
    },
  },
  {
    name: 'control-char',
    weight: 3,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && wordsOf(l).length >= 2);
      if (i === undefined) return undefined;
      const c = rng.pick(['\v', '\f', '\x01', '\x7f', '\x1b', '\b']);
      const line = d.lines[i]!;
      // Between two words (in place of a blank), glued to a word, or at the end of the line.
      const mode = rng.int(3);
      d.lines[i] = mode === 0 ? line.replace(/(\S) +(\S)/, `$1${c}$2`) : mode === 1 ? line.replace(/(\S)( |$)/, `$1${c}$2`) : line + c;
      return `line ${i + 1}: U+${c.charCodeAt(0).toString(16).padStart(4, '0')} ${['between words', 'glued to a word', 'at the end'][mode]}`;
    },
  },
];

/**
 * Edits with a byte that is not UTF-8 (a config saved as Latin-1 or Windows-1252): kept in the text as the escape
 * decodeBytes makes of it (U+DC80 + byte - 0x80), written back as the byte. keepalived counts bytes and takes none of
 * them for a blank (a Latin-1 no-break space 0xA0 glues two words). Chosen with --latin1.
 */
const LATIN1_MUTATIONS: Mutation[] = [
  {
    name: 'latin1-byte',
    weight: 1,
    apply(d, rng) {
      const i = pickLine(d, rng, (l) => isCodeLine(l) && wordsOf(l).length >= 1);
      if (i === undefined) return undefined;
      const byte = rng.pick([0xa0, 0xe9, 0x92, 0xb4, 0xff, 0x80, 0xc3]);
      const c = String.fromCharCode(0xdc00 + byte);
      const line = d.lines[i]!;
      const words = wordsOf(line);
      const mode = words.length >= 2 ? rng.int(3) : 1 + rng.int(2);
      let out: string;
      if (mode === 0) out = line.replace(/(\S) (\S)/, `$1${c}$2`); // in place of a blank
      else if (mode === 1) {
        const w = rng.pick(words);
        const at = w.start + rng.int(w.text.length + 1);
        out = line.slice(0, at) + c + line.slice(at); // inside or at the edge of a word
      } else out = line + c; // at the end of the line
      d.lines[i] = out;
      return `line ${i + 1}: byte 0x${byte.toString(16)} ${['between words', 'in a word', 'at the end'][mode]}`;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// One mutant
// ---------------------------------------------------------------------------------------------

function pickMutation(rng: Rng, set: readonly Mutation[] = MUTATIONS): Mutation {
  let r = rng.int(set.reduce((s, m) => s + m.weight, 0));
  for (const m of set) {
    r -= m.weight;
    if (r < 0) return m;
  }
  return set[set.length - 1]!;
}

/**
 * The config with every `interface X` and `dev X` naming `ifname` (an interface of the machine
 * keepalived runs on): keepalived then gets past the checks it skips after a missing interface.
 */
export function withInterface(text: string, ifname: string): string {
  // A `${NAME}` reference is one word: replacing only its `$` would leave `{NAME}` glued to the name.
  return text.replace(/(^|[ \t])(interface|dev)([ \t]+)(?![{}#!])(?:\$\{[^\s{}]*\}|[^\s{}#!"])+/gm, `$1$2$3${ifname}`);
}

export interface Mutant {
  text: string;
  /** What was done, one entry per mutation (`name: detail`). */
  edits: string[];
}

/**
 * One to `maxEdits` (default two) mutations of `text`; undefined when none applied or the text came out the same.
 * `first`: true (or 'preprocessor') makes the first edit one of PREPROCESSOR_MUTATIONS (definitions, ~SEQ…), 'bytes'
 * one of BYTE_MUTATIONS (a NUL, a control character), 'latin1' one of LATIN1_MUTATIONS; the others are as usual.
 */
export function mutate(text: string, rng: Rng, maxEdits = 2, first: boolean | 'preprocessor' | 'bytes' | 'latin1' = false): Mutant | undefined {
  const d = toDoc(text);
  const edits: string[] = [];
  const count = 1 + rng.int(maxEdits);
  const firstSet = first === 'bytes' ? BYTE_MUTATIONS : first === 'latin1' ? LATIN1_MUTATIONS : first ? PREPROCESSOR_MUTATIONS : MUTATIONS;
  for (let tries = 0; edits.length < count && tries < 10; tries++) {
    const m = pickMutation(rng, edits.length === 0 ? firstSet : MUTATIONS);
    const done = m.apply(d, rng);
    if (done) edits.push(`${m.name}: ${done}`);
  }
  const out = fromDoc(d);
  return edits.length && out !== text ? { text: out, edits } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------------------------

/** keepalived messages about the machine (interfaces, files, users, kernel), not the config (differential.test.ts uses them too). */
export const HOST_MESSAGES: RegExp[] = [
  // A name no Linux interface can have (a ':', '/' or blank) is missing on every host: kalint reports it (KA205).
  /interface [^\s:/]+ (?:.* )?doesn't exist/,
  /unknown interface [^\s:/]+ specified for /,
  /Non-existent interface specified in configuration/,
  /cannot use a loopback interface/,
  /Cannot find an IP address to use for interface/,
  /does not support multicast/,
  /Disabling track script .* since not found\/accessible/,
  /not (?:executable|accessible)|cannot be accessed|No such file or directory|Permission denied/i,
  /SECURITY VIOLATION/,
  /Unable to set default user|Invalid user|uid\/gid|user .* (?:not found|does not exist)/i,
  /not supported by (?:the )?kernel/,
  /track file .* (?:directory|filesystem)/i,
  // A cpu_affinity id 0 or more is refused only for this machine's count of CPUs (0..online CPUs - 1).
  /Invalid cpu_id:\d+ specified for /,
  // An interface named for up/down delays or linkbeat that this machine lacks (2.2.4: "unknown interface eth1 specified for up/down delay").
  /unknown interface \S+ specified for /,
  // A routing table named, not numbered, is looked up in this machine's /etc/iproute2/rt_tables (one that starts like
  // a number and is not one is missing everywhere: kalint reports it, routes.ts tableMisread).
  /Routing table (?![+-]?\d)\S+ not found for (?:rule|route)/,
];

/** HOST_MESSAGES, and what else differs when a mutant is checked alone on this machine. */
export const HOST_DEPENDENT: RegExp[] = [
  ...HOST_MESSAGES,
  // A host name keepalived resolves (DNS of the machine).
  /Invalid smtp server/,
  // The mutant is checked alone in a directory of its own: what it includes is not there, for either reader.
  /Config files missing/,
  // The instance's interface did not exist on this machine, so keepalived has none for its VMAC.
  // (2.2.4 and earlier: "with unicast peers and no interface").
  /Cannot use VMAC\/ipvlan with unicast (?:peers )?and no interface/,
];

/**
 * Before 2.1.0 the report of a garp_group interface this machine lacks reads the 'interfaces' line's missing word and
 * stops keepalived; KA371 reports the same garbled message for a repeated interface, which needs no host. Without a
 * finding at its line the message is the host's doing (not a miss), but keepalived still stopped there.
 */
const GARBLED_INTERFACES_REPORT = /Configuration line starting `interfaces` is missing a parameter/;

/** keepalived's lineless messages and the rule reporting each: a finding of that rule is not a false error when keepalived printed it. */
/** keepalived's lineless messages and the kalint code (or codes, space-separated) that says each. */
export const LINELESS_GIST_TO_CODE: [RegExp, string][] = [
  [/the virtual router id must be set/, 'KA300'],
  // (Before 2.1.0 two instances without a VRID "both use VRID 0": KA300 says so.)
  [/both use VRID \d+|duplicate VRID conflict/, 'KA301 KA300'],
  [/does not support authentication|Cannot use AH authentication with IPv6/, 'KA303'],
  [/Authentication specified but no password given/, 'KA304'],
  [/Initial state master is incompatible with AH authentication/, 'KA305'],
  [/due to address.owner|with priority 255 - clearing weight/, 'KA307'],
  [/nopreempt will not work with initial state MASTER/, 'KA308'],
  [/preempt delay will not work with initial state MASTER/, 'KA309'],
  [/nopreempt is incompatible with priority 255/, 'KA310'],
  [/preempt_delay is incompatible with nopreempt/, 'KA311'],
  [/No VIP specified/, 'KA312'],
  [/address family must match|MUST be of the same family|Cannot specify native_ipv6 with IPv4 addresses/, 'KA313'],
  [/Virtual router .* specified in sync group .* doesn't exist/, 'KA316'],
  [/cannot exist in more than one sync group/, 'KA317'],
  [/Sync group .* has only 1 virtual router/, 'KA318'],
  [/Sync group .* (?:has no virtual router|no matching virtual router found|has no members)/, 'KA319'],
  [/due to SYNC group/, 'KA322'],
  [/A unicast keyword has been specified without any unicast peers/, 'KA323'],
  [/multicast destination specified with unicast/, 'KA325'],
  [/VRRPv2 advertisement interval .* must be an integer/, 'KA326'],
  [/Must be less than 40\.96s/, 'KA327'],
  [/Ignoring track_interface .* since own interface/, 'KA328'],
  [/State MASTER must match being address owner/, 'KA334'],
  [/Unknown interface!|Unicast instances must have unicast_src_ip or interface/, 'KA338'],
  [/xmit_base is incompatible with strict mode/, 'KA339 KA353'],
  [/incompatible with strict mode|Strict mode requires no|strict mode requires higher_prio_send_advert|accept mode for VRRP version 2 does not comply/i, 'KA339'],
  [/is configured on VRRP instance and sync group/, 'KA340'],
  [/must be in units of 10ms/, 'KA343'],
  [/some member\(s\) as address owner and some not/, 'KA341'],
  // (2.4's check after reading; skipped, like the others, for an instance whose interface is missing.)
  [/auth_hmac active_key \d+ is not defined/, 'KA374'],
  [/real server .* is duplicated/, 'KA502'],
  [/has no real servers/, 'KA503'],
  [/has no urls specified/, 'KA504'],
  [/protocol specified for fwmark/, 'KA506'],
  [/no protocol set/, 'KA507'],
  [/no scheduler set/, 'KA508'],
  [/no forwarding method set/, 'KA509'],
  [/ports don't match|has port specified - clearing/, 'KA510'],
  [/quorum .* exceeds total weight/, 'KA513'],
  [/hysteresis .* >= quorum/, 'KA514'],
  [/zero port only valid for persistent/, 'KA520'],
  [/one packet scheduling requires UDP/, 'KA521'],
  [/cannot use ha_suspend with fwmarks/, 'KA522'],
  [/vmac_xmit_base is only valid with a vmac/, 'KA352 KA353'],
  [/ipvlan requires a source ip address/, 'KA358'],
  [/the first IPv6 VIP address must be link local/, 'KA348'],
];

export interface KeepalivedMessage {
  line?: number;
  message: string;
  /** A located message in a file other than the main one: that file, as kalint names it. */
  file?: string;
}

export interface KeepalivedVerdict {
  /** Exit status; undefined when killed. */
  status: number | null;
  signal: string | null;
  timedOut: boolean;
  messages: KeepalivedMessage[];
}

/** keepalived crashed (a signal, or a shell's 128+signal status) or did not finish in time. */
export function crashedOrHung(ka: KeepalivedVerdict): boolean {
  return ka.timedOut || ka.signal === 'SIGSEGV' || ka.signal === 'SIGABRT' || ka.status === 139 || ka.status === 134;
}

/**
 * keepalived's stderr as messages (indented lines continue the one before). The main file's lines count as
 * located; another file's only where `otherFile` knows it (it maps keepalived's name for the file, relative to
 * its run directory, to kalint's), and such a message carries that file.
 */
export function parseKeepalived(stderr: string, mainFile: string, otherFile?: (named: string) => string | undefined, unnamedIsMain = true): KeepalivedMessage[] {
  // The main file by the name it was given, or by an absolute path ending in it. Not a relative name that
  // ends so: 2.2.x name a file after a '\# cat /etc/keepalived/keepalived.conf' line "cat /etc/keepalived/keepalived.conf"
  // and count its lines from there (KA116).
  return parseKeepalivedStderr(stderr, { joinIndented: true }).map((m) => {
    if (m.line === undefined) return { message: m.message };
    if (m.file === undefined && !unnamedIsMain) return { message: m.message };
    if (m.file === undefined || m.file === mainFile || (m.file.startsWith('/') && m.file.endsWith(`/${mainFile}`))) return { line: m.line, message: m.message };
    const file = m.file ? otherFile?.(m.file) : undefined;
    return file ? { line: m.line, message: m.message, file } : { message: m.message };
  });
}

export type DisagreementKind = 'miss' | 'miss-word' | 'miss-lineless' | 'miss-info-only' | 'false-error' | 'crash-not-predicted' | 'internal-error' | 'fmt';

export interface Disagreement {
  kind: DisagreementKind;
  line?: number;
  /** The included file the line is in (undefined: the main file). */
  file?: string;
  /** keepalived's message or kalint's finding, to group by cause. */
  detail: string;
}

export function isHostMessage(message: string): boolean {
  return HOST_DEPENDENT.some((re) => re.test(message));
}

/** Words in a finding that say keepalived would crash or hang on the file. */
const PREDICTS_CRASH = /crash|segmentation|segfault|hang|never (?:finishes|returns)|loops? forever|abort/i;

/** Findings that say `keepalived -t` does not report their problem (as sweep.mjs's CANNOT_SEE): not false errors on a file it accepts. */
const CANNOT_SEE = /not reported by keepalived -t|-t does not report|accepts it without a word/;

/** keepalived refusing or dropping something (where a finding of kalint's at info level says too little). */
const REJECTS = /invalid|unknown|ignor|not valid|out of range|must|missing|error|cannot|too long|not supported|unsupported|failed|expected|bad /i;

/**
 * Whether a release's `-t` exit status counts the errors its VRRP and checker readings found. 2.0.20
 * to 2.1.5 exit with what the parent's own reading found only: 0 after "(VI_1) Unknown interface!",
 * "Non-existent interface specified" or "track script chk_x not found" (builds of 2.0.20, 2.1.0, 2.1.3,
 * 2.1.4, 2.1.5; 2.0.10 and 2.0.19 exit 4, 2.2.0 5).
 */
export function exitStatusCountsAllReadings(release: string | undefined): boolean {
  if (!release) return true;
  const [major, minor, patch] = release.split('.').map(Number);
  return !(major === 2 && (minor === 1 || (minor === 0 && patch! >= 20)));
}

/**
 * How keepalived's verdict and kalint's findings on one text disagree; `release` is the keepalived that gave the
 * verdict (default kalint's own target); `included` holds the texts of the other files read, by kalint's name.
 */
/** The lines of `vrrp_instance NAME` as written (up to the next line starting with '}' or another top-level block). */
function instanceBlock(text: string, name: string): string | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim().split(/\s+/)[0] === 'vrrp_instance' && l.trim().split(/\s+/)[1]?.replace(/\{$/, '') === name);
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && !/^(?:\}|[A-Za-z])/.test(lines[end]!)) end++;
  return lines.slice(start, end).join('\n');
}

/**
 * The lines keepalived's count names `line` when it does not count the lines holding a NUL (before 2.4), nor a last
 * line without a newline: a line is counted once its line feed is read.
 */
function linesCountedAs(text: string, line: number): number[] {
  const out: number[] = [];
  let counted = 0;
  const all = text.split('\n');
  for (let i = 0; i < all.length && counted <= line; i++) {
    if (!all[i]!.includes('\0') && i < all.length - 1) counted++;
    if (counted === line) out.push(i + 1);
  }
  return out;
}

/** The lines a message numbered `line` may mean when the file has a line keepalived reads in pieces (line-count.mjs). */
function longLineCandidates(text: string, line: number): number[] {
  if (text.length < 1023) return [];
  const bytes = text.split('\n').map((l) => utf8Length(l));
  return hasLongLine(bytes) ? linesCountingPieces(bytes, line) : [];
}

/**
 * A crash that follows removing a MISC_CHECK script for want of its user on this host ("Unable to set default user for
 * misc script … - removing", after global_defs' script_user named a user the host lacks): the health checker of
 * 1.3.6 to 2.2.2 then crashes (the 2.0.19 and 2.1.5 builds, keepalived -t: a segmentation fault; 2.2.4 and later
 * do not). kalint predicts it where the missing user is keepalived_script (KA602); a script_user this
 * host lacks is the host's business.
 */
function miscScriptRemovalCrash(ka: KeepalivedVerdict, release: string | undefined): boolean {
  if (!release || compareVersions(parseVersion(release)!, [2, 2, 3]) >= 0) return false;
  return ka.messages.some((m) => /^Unable to set default user for misc script .* - removing$/.test(m.message));
}

export function classify(text: string, ka: KeepalivedVerdict, diagnostics: Diagnostic[], mainFile: string, thrown?: unknown, release?: string, included?: ReadonlyMap<string, string>): Disagreement[] {
  const out: Disagreement[] = [];
  // A template (KA108): kalint refuses to read it, on purpose, and keepalived's verdict on it means nothing.
  if (diagnostics.some((d) => d.code === 'KA108')) return out;
  if (thrown !== undefined) out.push({ kind: 'internal-error', detail: `threw: ${(thrown as Error)?.message ?? thrown}` });
  for (const d of diagnostics) if (d.code === 'KA000') out.push({ kind: 'internal-error', line: d.range.start.line + 1, detail: d.message });
  const inMain = diagnostics.filter((d) => d.file === mainFile);
  if (crashedOrHung(ka)) {
    if (!diagnostics.some((d) => PREDICTS_CRASH.test(d.message)) && !miscScriptRemovalCrash(ka, release)) out.push({ kind: 'crash-not-predicted', detail: ka.timedOut ? 'timeout' : `${ka.signal ?? ka.status}` });
    return out;
  }
  // A vrrp_script keepalived removed for a host reason (no such user, script not there) is then
  // "not found" where an instance tracks it: a consequence of the host message, not of the file.
  // ("Unable to set uid/gid for script" does not name the vrrp_script, so any such message counts.)
  const scriptsRemoved = ka.messages.some((m) => isHostMessage(m.message) && /Unable to set (?:uid\/gid|default user)|Error setting global script uid\/gid|Disabling track script|not (?:executable|accessible)/.test(m.message));
  // Likewise a track_file 2.2.8 and later remove because its file's directory is not on this host
  // ("realpath() error 2 (No such file or directory) for NAME", at the block's '}').
  const filesRemoved = new Set(ka.messages.flatMap((m) => /^realpath\(\) error .* for (\S+)$/.exec(m.message)?.[1] ?? []));
  // read_int_strvec's own "number 'N' outside range [0, CPUS-1]" goes with it, on the same line.
  const cpuLines = new Set(ka.messages.filter((m) => /Invalid cpu_id:\d+ specified for /.test(m.message)).map((m) => m.line));
  const textOf = (file: string | undefined) => (file === undefined ? text : included?.get(file) ?? '');
  // A startup/shutdown script line naming a user (and group): "Invalid startup script" when this host lacks them
  // (the 2.1.5, 2.2.7 and 2.4.3 builds on `startup_script /usr/bin/false root extra`).
  const namesUser = (m: KeepalivedMessage) => m.line !== undefined && /^\s*(?:startup|shutdown)_script\s+\S+\s+\S+/.test(textOf(m.file).split('\n')[m.line - 1] ?? '');
  // Or one without a user, where keepalived's default script user is not on this host ("Unable to set default user
  // keepalived_script for script"; generator seed 165 against 2.2.8), or where the global script_user is not ("Error
  // setting global script uid/gid", then 2.4.3's "Invalid startup script"; mutation fuzzer seed 172). keepalived looks
  // the default user up once and says so once, at the first line that needs it: every later script without a user
  // fails without a message of its own (an earlier `lvs_notify_fifo FILE` line takes the message; generator seed 754).
  const defaultUserFailed = ka.messages.some((m) => /^Unable to set default user /.test(m.message));
  const globalUserMissing = ka.messages.some((m) => /^Error setting global script uid\/gid/.test(m.message));
  // A VIP whose `dev` interface is not on this host is dropped as it is read ("WARNING - interface eth1 for ip address
  // … doesn't exist"), so the instance's address family comes from the next address or unicast peer, and the
  // family messages that follow are the host's (mutation seeds 161 against 2.4.3 and 181 against 2.2.7).
  const vipDropped = ka.messages.some((m) => /^WARNING - interface \S+ for ip address \S+ doesn't exist$/.test(m.message));
  // Before 2.2.5 two unicast instances on one interface conflict when their source addresses match, and one without
  // unicast_src_ip sends from its interface's address on this host (generator seed 189 against 2.1.5: eth0 here holds
  // 192.0.2.2, another instance's unicast_src_ip). 2.2.5 and later also need a common peer, which kalint checks.
  const sourceFromHost = (m: KeepalivedMessage) => {
    const names = /^\((\S+)\) duplicate VRID conflict with (\S+) VRID \d+$/.exec(m.message);
    return names !== null && [names[1]!, names[2]!].some((name) => {
      const block = instanceBlock(text, name);
      return block !== undefined && /^\s*unicast_peer\b/m.test(block) && !/^\s*unicast_src_ip\b/m.test(block);
    });
  };
  const hostCascade = (m: KeepalivedMessage) =>
    sourceFromHost(m) ||
    (/^Invalid (?:startup|shutdown) script$/.test(m.message) && (namesUser(m) || globalUserMissing || defaultUserFailed)) ||
    (vipDropped && /address family must match VRRP instance|MUST be of the same family/.test(m.message)) ||
    (cpuLines.has(m.line) && /^number '[^']*' outside range \[0, \d+\]$/.test(m.message)) ||
    (scriptsRemoved && /track script \S+ not found, ignoring/.test(m.message)) || filesRemoved.has(/track file (\S+) not found, ignoring/.exec(m.message)?.[1] ?? '\0');
  // keepalived's processes each read the file and repeat its messages: one of each is enough.
  const seen = new Set<string>();
  const hostIndependent = ka.messages.filter((m) => {
    const key = `${m.file}\0${m.line}\0${m.message}`;
    if (isHostMessage(m.message) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // keepalived's first reading counts a last line without a newline one short (`(Line 3) Extra '}'`
  // for line 4; its other processes, when they read that far, say Line 4): kalint names the line
  // itself, so such a message is matched on the last line.
  // After a line starting '\\#' or '\\!' (KA116) keepalived's VRRP and checker processes count lines from a
  // marker of their copy, and after a '\\!' they read freed memory: their line numbers say nothing from there.
  const markers = inMain.filter((d) => d.code === 'KA116');
  // (A '\\!' line pops their file stack, and then even numbers before it come out counted from it.)
  const markerLine = markers.some((d) => d.message.includes("starting with '!'")) ? 0 : Math.min(...markers.map((d) => d.range.start.line + 1));
  for (const m of hostIndependent) {
    if (m.line === undefined || hostCascade(m) || (m.file === undefined ? m.line > markerLine : markers.length > 0)) continue;
    const fileText = textOf(m.file);
    const lastLine = fileText.split('\n').length;
    const lines = !fileText.endsWith('\n') && m.line === lastLine - 1 ? [m.line, lastLine] : [m.line];
    // Before 2.4 a line holding a NUL loses its line feed with the rest of the line, and the reading that meets it
    // does not count it (KA117 says so): the lines its count of m.line may mean.
    if (fileText.includes('\0')) lines.push(...linesCountedAs(fileText, m.line));
    // After a line keepalived reads in pieces (KA106), the processes that count each piece name later lines too high.
    lines.push(...longLineCandidates(fileText, m.line));
    const here = (m.file === undefined ? inMain : diagnostics.filter((d) => d.file === m.file)).filter((d) => lines.includes(d.range.start.line + 1));
    if (!here.length && GARBLED_INTERFACES_REPORT.test(m.message)) continue;
    const where = m.file === undefined ? {} : { file: m.file };
    // "Unknown keyword 'W'": a finding at that line about another word ('~LST(' where keepalived read 'real_server')
    // reads the line differently; kalint quotes the word (its hidden characters shown as <U+XXXX>).
    // Not at a line that expands ($NAME, ~SEQ): its many lines' words are said once per kind there.
    const expands = /[$~]/.test(fileText.split('\n')[m.line - 1] ?? '');
    // ('}' read as a keyword is a brace finding: the line's brace findings say what happens to it.)
    const said = expands ? undefined : /^Unknown keyword '(.*)'$/.exec(m.message)?.[1];
    const unknown = said === '}' ? undefined : said;
    // keepalived's parent leaves a lone backslash that a blank follows a word of its own, where its VRRP and checker
    // processes (2.2.0 on), which kalint follows, glue it to the word before (KA702): the parent names the word without it.
    const unglued = unknown !== undefined && /\\[ \t]+\r?$/.test(fileText.split('\n')[m.line - 1] ?? '') ? `'${unknown}\\'` : undefined;
    if (!here.length) out.push({ kind: 'miss', line: m.line, ...where, detail: m.message });
    // (A line that expands to many says each word once, with a count of the others: no word to compare.)
    else if (unknown !== undefined && !here.some((d) => d.message.includes(`'${unknown}'`) || d.message.includes(`'${showUnseen(unknown)}'`) || (unglued !== undefined && d.message.includes(unglued)) || d.message.includes('more like it from the lines'))) {
      out.push({ kind: 'miss-word', line: m.line, ...where, detail: `${m.message} / ${here.map((d) => d.code).join(',')}` });
    }
    else if (here.every((d) => d.severity === 'info') && REJECTS.test(m.message)) out.push({ kind: 'miss-info-only', line: m.line, ...where, detail: `${m.message} / ${here.map((d) => d.code).join(',')}` });
  }
  // A track file defined after the instance that tracks it: keepalived -t often finds it anyway, through the bug
  // KA315 describes (its list of track files linked to the checker's), and then says its weight is ignored in the
  // sync group; the daemon does not track it, so kalint's KA315 says this and no KA322 (mutation seed 710).
  const foundByLinkedList = (m: KeepalivedMessage) => {
    const names = /^\((\S+)\) ignoring weight from tracked file (\S+) due to SYNC group/.exec(m.message);
    if (names === null) return false;
    if (diagnostics.some((d) => d.code === 'KA315' && d.message.includes(`track_file '${names[2]}' in '${names[1]}'`) && d.message.includes('a bug links its list'))) return true;
    // Or its weight line holds a number only the daemon reads (`weight 0sec`): -t ignores it and keeps the default
    // weight 1, the daemon uses 0, which the sync group takes silently (KA205 says so; mutation seed 714 at 2.4.3).
    return diagnostics.some((d) => d.code === 'KA205' && d.message.startsWith("'weight' expects") && d.message.includes('keepalived -t does not use it'));
  };
  // keepalived's checks after reading name no line: each such message must have a finding of its code somewhere.
  for (const m of hostIndependent) {
    if (m.line !== undefined || hostCascade(m) || foundByLinkedList(m)) continue;
    const mapped = LINELESS_GIST_TO_CODE.find(([re]) => re.test(m.message));
    if (mapped && !diagnostics.some((d) => mapped[1].split(' ').includes(d.code))) out.push({ kind: 'miss-lineless', detail: `${m.message} (no ${mapped[1]})` });
  }
  const onlyHost = hostIndependent.every((m) => m.line === undefined);
  // Whether keepalived failed the configuration: its exit status, or, where that status leaves the
  // VRRP and checker readings out, any message (a missing interface fails the VRRP part, and so does
  // "(VI_1) the virtual router id must be set", which 2.1.5 exits 0 after).
  const failed = ka.status !== 0 || (!exitStatusCountsAllReadings(release) && ka.messages.length > 0);
  // With net_namespace, keepalived -t stops reading where the namespace does not exist (KA360 says so): its silence proves nothing.
  const namespaceStops = diagnostics.some((d) => d.code === 'KA360');
  // Nor where an include error failed the whole configuration (include_check, includem…): only keepalived's
  // main process read the file, and it exits before the VRRP and checker processes read it.
  const refusedAll = diagnostics.some((d) => d.code === 'KA110' && d.severity === 'error' && d.message.includes('refuses the whole configuration'));
  const securityStop = ka.status === 6 && ka.messages.some((m) => /SECURITY VIOLATION/.test(m.message));
  // keepalived 2.2.5 to 2.2.7's -t sends itself SIGTERM when it checks a script that runs as another user (KA608, KA603): it
  // checks nothing after that point, so its silence proves nothing; a SIGTERM kalint did not foresee is a disagreement.
  const selfTerminated = ka.signal === 'SIGTERM' || ka.status === 143;
  if (selfTerminated && !diagnostics.some((d) => d.code === 'KA608' || d.code === 'KA603')) out.push({ kind: 'crash-not-predicted', detail: 'SIGTERM' });
  // A line keepalived gave up on for a host reason (an interface not there) was not checked further.
  const hostLines = new Set<string>();
  for (const m of ka.messages) {
    if (m.line === undefined || !isHostMessage(m.message)) continue;
    hostLines.add(`${m.file ?? mainFile}\0${m.line}`);
    // Before 2.4 a line holding a NUL is not counted: the message's number may name a later line (mutation seed 852).
    const fileText = textOf(m.file);
    if (fileText.includes('\0')) for (const l of linesCountedAs(fileText, m.line)) hostLines.add(`${m.file ?? mainFile}\0${l}`);
    for (const l of longLineCandidates(fileText, m.line)) hostLines.add(`${m.file ?? mainFile}\0${l}`);
  }
  if (onlyHost && !namespaceStops && !refusedAll && !selfTerminated && (!failed || hostIndependent.length === 0)) {
    for (const d of diagnostics) {
      if (d.severity !== 'error' || d.code === 'KA000' || CANNOT_SEE.test(d.message)) continue;
      if (hostLines.has(`${d.file}\0${d.range.start.line + 1}`)) continue;
      // A script security violation (a host message: the script exists here) ends the run with exit 6 before the
      // point where keepalived would loop (KA537's SMTP_CHECK host block, generator seed 163 against 2.3.3).
      if (securityStop && HANGS.test(d.message)) continue;
      // A script keepalived dropped for a host reason (its default user missing) leaves the slot empty, so a
      // repeated notify line is taken instead of "notify script already specified" (a host cascade).
      if (scriptsRemoved && d.code === 'KA209' && /^'(?:notify\w*|script|misc_path|quorum_up|quorum_down)' is already set/.test(d.message)) continue;
      // keepalived's checks after reading (the lineless ones) do not run once a host problem failed
      // the configuration (an instance's interface missing here): only a clean exit proves them wrong.
      if (failed && LINELESS_GIST_TO_CODE.some(([, c]) => c.split(' ').includes(d.code))) continue;
      // Nor what only those checks would show of a glued backslash (`group { VI_01 \ }` names 'VI_01\', which the
      // sync group check reports with the interface present: KA702 beside KA316 on the line, mutation seed 844).
      if (failed && d.code === 'KA702' && diagnostics.some((o) => o.file === d.file && o.range.start.line === d.range.start.line && LINELESS_GIST_TO_CODE.some(([, c]) => c.split(' ').includes(o.code)))) continue;
      const lineless = LINELESS_GIST_TO_CODE.filter(([, c]) => c.split(' ').includes(d.code));
      if (lineless.some(([re]) => hostIndependent.some((m) => re.test(m.message)))) continue;
      out.push({ kind: 'false-error', line: d.range.start.line + 1, ...(d.file === mainFile ? {} : { file: d.file }), detail: `${d.code} ${d.message}` });
    }
  }
  return out;
}

/** A finding that says keepalived never gets through the configuration. */
const HANGS = /loops forever|never returns|never finishes/;

/** A stable key for grouping disagreements by cause: the message with names, numbers and quoted words blurred. */
export function causeKey(d: Disagreement): string {
  const gist = d.detail
    .replace(/'[^']*'|"[^"]*"|`[^`]*`/g, 'Q')
    .replace(/\b\d+(?:\.\d+)*\b/g, 'N')
    .replace(/\s+/g, ' ')
    .slice(0, 90);
  return `${d.kind}: ${gist}`;
}
