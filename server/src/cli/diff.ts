// Unified diffs of configs, for `kalint fmt --diff`, `kalint peer --diff` and `kalint lint --fix-dry-run`.
//
// The lines are aligned the way patience diff does: lines the two sides share and that occur once in each are
// anchors, and only the stretches between anchors are compared line by line. jsdiff's Myers diff takes time in
// proportion to the lines times the differences, and the texts kalint writes differ on every block of a large
// config (a reindented file, 8,000 instances turned BACKUP): 600 kB took more than five minutes.

import { diffArrays } from 'diff';
import { configBytes } from './host.js';

/** Lines of context around each change, as diff -u and git give. */
const CONTEXT = 3;
/** A stretch without anchors is compared line by line (Myers) up to this many line pairs; above it, replaced whole. */
const MYERS_MAX_CELLS = 4_000_000;

/**
 * A unified diff of a config, labelled as git labels it (`a/PATH`, `b/PATH`; an absolute path keeps its own '/'),
 * as the bytes to print: the labels as the names' bytes (UTF-8, or the bytes of a name that is not UTF-8, which patch
 * and git apply then find), quoted as git quotes them (`diffLabel`), the config's lines as the bytes the file has.
 * Empty when nothing differs.
 */
export function unifiedDiff(fromLabel: string, toLabel: string, before: string, after: string): Buffer {
  const patch = unifiedHunks(before, after);
  const prefixed = (prefix: string, p: string) => (p.startsWith('/') ? `${prefix}${p}` : `${prefix}/${p}`);
  return Buffer.concat([Buffer.from('--- '), diffLabel(prefixed('a', fromLabel)), Buffer.from('\n+++ '), diffLabel(prefixed('b', toLabel)), Buffer.from('\n'), configBytes(patch)]);
}

const C_ESCAPES: Record<number, string> = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 34: '"', 92: '\\' };

/**
 * A `---`/`+++` file name as git writes it, so that `git apply` and `patch -p1` both read it back: a name with a
 * control character, a quote or a backslash C-quoted (`"a/n\nl.conf"`, other bytes below 32, DEL and bytes above
 * 127 as octal escapes, as git's quotePath does), and a TAB after a name with a space (GNU patch ends an unquoted
 * name at the first blank otherwise, and git apply ends it at the TAB).
 */
export function diffLabel(name: string): Buffer {
  const bytes = configBytes(name);
  if (bytes.some((b) => b < 32 || b === 127 || b === 34 || b === 92)) {
    let out = '"';
    for (const b of bytes) {
      const esc = C_ESCAPES[b];
      if (esc !== undefined) out += '\\' + esc;
      else if (b < 32 || b >= 127) out += '\\' + b.toString(8).padStart(3, '0');
      else out += String.fromCharCode(b);
    }
    return Buffer.from(out + '"', 'latin1');
  }
  return bytes.includes(32) ? Buffer.concat([bytes, Buffer.from('\t')]) : bytes;
}

/** A text's lines, each with its line feed; the last one has none when the text does not end with one. */
function splitLines(text: string): string[] {
  const lines = text.split('\n');
  const last = lines.pop()!;
  const out = lines.map((l) => `${l}\n`);
  if (last !== '') out.push(last);
  return out;
}

/** The hunks (`@@ … @@` and their lines) that turn `before` into `after`. */
export function unifiedHunks(before: string, after: string): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const matched = alignLines(a, b);
  // Changes: runs between consecutive matched pairs (a sentinel pair after the ends closes the last one).
  const changes: { a0: number; a1: number; b0: number; b1: number }[] = [];
  let pi = 0;
  let pj = 0;
  for (const [i, j] of [...matched, [a.length, b.length] as const]) {
    if (i > pi || j > pj) changes.push({ a0: pi, a1: i, b0: pj, b1: j });
    pi = i + 1;
    pj = j + 1;
  }
  let out = '';
  for (let c = 0; c < changes.length; ) {
    // A hunk takes the changes whose gaps are short enough for their contexts to touch.
    let last = c;
    while (last + 1 < changes.length && changes[last + 1]!.a0 - changes[last]!.a1 <= 2 * CONTEXT) last++;
    const first = changes[c]!;
    const end = changes[last]!;
    const a0 = Math.max(0, first.a0 - CONTEXT);
    const b0 = first.b0 - (first.a0 - a0);
    const a1 = Math.min(a.length, end.a1 + CONTEXT);
    const b1 = end.b1 + (a1 - end.a1);
    out += `@@ -${a1 - a0 === 0 ? a0 : a0 + 1},${a1 - a0} +${b1 - b0 === 0 ? b0 : b0 + 1},${b1 - b0} @@\n`;
    let ai = a0;
    for (let k = c; k <= last; k++) {
      const ch = changes[k]!;
      while (ai < ch.a0) out += line(' ', a[ai++]!);
      for (let x = ch.a0; x < ch.a1; x++) out += line('-', a[x]!);
      for (let x = ch.b0; x < ch.b1; x++) out += line('+', b[x]!);
      ai = ch.a1;
    }
    while (ai < a1) out += line(' ', a[ai++]!);
    c = last + 1;
  }
  return out;
}

function line(prefix: string, text: string): string {
  return text.endsWith('\n') ? `${prefix}${text}` : `${prefix}${text}\n\\ No newline at end of file\n`;
}

/** Pairs (i, j) of equal lines a[i] === b[j], increasing in both, that the diff keeps as they are. */
export function alignLines(a: readonly string[], b: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  // A stack of stretches to align and pairs to emit, the next one on top: pairs come out in order, and no
  // recursion depth can overflow.
  type Item = { kind: 'range'; a0: number; a1: number; b0: number; b1: number } | { kind: 'pair'; i: number; j: number };
  const stack: Item[] = [{ kind: 'range', a0: 0, a1: a.length, b0: 0, b1: b.length }];
  while (stack.length) {
    const item = stack.pop()!;
    if (item.kind === 'pair') {
      out.push([item.i, item.j]);
      continue;
    }
    let { a0, a1, b0, b1 } = item;
    while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) out.push([a0++, b0++]);
    const tail: [number, number][] = [];
    while (a1 > a0 && b1 > b0 && a[a1 - 1] === b[b1 - 1]) tail.push([--a1, --b1]);
    // What comes after this stretch is pushed first: the tail pairs, then the parts between anchors, last to first.
    for (let k = 0; k < tail.length; k++) stack.push({ kind: 'pair', i: tail[k]![0], j: tail[k]![1] });
    if (a0 === a1 || b0 === b1) continue;
    const anchors = uniqueAnchors(a, a0, a1, b, b0, b1);
    if (anchors.length) {
      let [ea, eb] = [a1, b1];
      for (let k = anchors.length - 1; k >= 0; k--) {
        const [i, j] = anchors[k]!;
        stack.push({ kind: 'range', a0: i + 1, a1: ea, b0: j + 1, b1: eb });
        stack.push({ kind: 'pair', i, j });
        [ea, eb] = [i, j];
      }
      stack.push({ kind: 'range', a0, a1: ea, b0, b1: eb });
      continue;
    }
    if ((a1 - a0) * (b1 - b0) > MYERS_MAX_CELLS) continue;
    let i = a0;
    let j = b0;
    for (const part of diffArrays(a.slice(a0, a1), b.slice(b0, b1))) {
      const n = part.value.length;
      if (part.added) j += n;
      else if (part.removed) i += n;
      else for (let k = 0; k < n; k++) out.push([i++, j++]);
    }
  }
  return out;
}

/**
 * Lines that occur exactly once in a[a0..a1) and once in b[b0..b1), as pairs (i, j): the longest run of them
 * increasing in both (patience sorting), which the stretch is split at.
 */
function uniqueAnchors(a: readonly string[], a0: number, a1: number, b: readonly string[], b0: number, b1: number): [number, number][] {
  const counts = new Map<string, { na: number; nb: number; i: number; j: number }>();
  for (let i = a0; i < a1; i++) {
    const c = counts.get(a[i]!);
    if (c) c.na++;
    else counts.set(a[i]!, { na: 1, nb: 0, i, j: -1 });
  }
  for (let j = b0; j < b1; j++) {
    const c = counts.get(b[j]!);
    if (c) {
      c.nb++;
      c.j = j;
    }
  }
  const pairs: [number, number][] = [];
  for (const c of counts.values()) if (c.na === 1 && c.nb === 1) pairs.push([c.i, c.j]);
  if (!pairs.length) return pairs;
  pairs.sort((x, y) => x[0] - y[0]);
  // Longest increasing subsequence of j (patience piles with back links).
  const tops: number[] = [];
  const back = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    const j = pairs[k]![1];
    let lo = 0;
    let hi = tops.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tops[mid]!]![1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) back[k] = tops[lo - 1]!;
    tops[lo] = k;
  }
  const out: [number, number][] = [];
  for (let k = tops[tops.length - 1]!; k >= 0; k = back[k]!) out.push(pairs[k]!);
  return out.reverse();
}
