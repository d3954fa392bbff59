// applyFixes: a fix is applied whole or not at all, overlapping ones are left for a later pass.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../server/src/core/apply-fixes.js';
import type { Fix } from '../server/src/core/diagnostics.js';
import { lintText } from '../server/src/linter.js';

const at = (offset: number) => ({ line: 0, column: offset, offset });
const edit = (file: string, from: number, to: number, newText: string) => ({ file, range: { start: at(from), end: at(to) }, newText });
const fix = (...edits: ReturnType<typeof edit>[]): Fix => ({ description: 'x', edits, safe: true });

describe('applyFixes', () => {
  const text = 'abcdefghij';
  it('applies edits from the end, so earlier offsets stay valid', () => {
    const fixes = [fix(edit('f', 0, 1, 'A')), fix(edit('f', 5, 7, '-'))];
    expect(applyFixes(text, 'f', fixes)).toEqual({ text: 'Abcde-hij', applied: 2, taken: fixes, skipped: 0 });
  });
  it('skips a whole fix when one of its edits overlaps an edit already taken', () => {
    const first = fix(edit('f', 2, 5, 'X'));
    const r = applyFixes(text, 'f', [first, fix(edit('f', 0, 1, 'A'), edit('f', 4, 6, 'Y'))]);
    expect(r).toEqual({ text: 'abXfghij', applied: 1, taken: [first], skipped: 1 });
  });
  it('takes only the edits of the file asked for, and two insertions at one place are not both taken', () => {
    const one = fix(edit('f', 3, 3, '1'));
    const r = applyFixes(text, 'f', [fix(edit('g', 0, 0, 'G')), one, fix(edit('f', 3, 3, '2'))]);
    expect(r).toEqual({ text: 'abc1defghij', applied: 1, taken: [one], skipped: 1 });
  });
  it('skips a fix whose own edits overlap (their order would decide the result)', () => {
    expect(applyFixes(text, 'f', [fix(edit('f', 2, 5, 'X'), edit('f', 4, 6, 'Y'))])).toEqual({ text, applied: 0, taken: [], skipped: 1 });
  });
  // The checks against the taken edits became a binary search (session 53: a check against every one took seconds on
  // 24,000 glued braces): the same result as that check, on random fixes.
  it('takes the same fixes as checking each edit against every edit taken', () => {
    const reference = (t: string, fixes: Fix[]) => {
      const taken: ReturnType<typeof edit>[] = [];
      const overlaps = (a: ReturnType<typeof edit>, b: ReturnType<typeof edit>) =>
        (a.range.start.offset < b.range.end.offset && b.range.start.offset < a.range.end.offset) || a.range.start.offset === b.range.start.offset;
      const out: Fix[] = [];
      for (const f of fixes) {
        const mine = f.edits.filter((e) => e.file === 'f');
        if (!mine.length) continue;
        const self = mine.some((e, i) => mine.some((o, k) => k !== i && overlaps(e, o)));
        if (self || mine.some((e) => e.range.end.offset > t.length || taken.some((o) => overlaps(e, o)))) continue;
        taken.push(...mine);
        out.push(f);
      }
      let result = t;
      for (const e of [...taken].sort((a, b) => b.range.start.offset - a.range.start.offset)) result = result.slice(0, e.range.start.offset) + e.newText + result.slice(e.range.end.offset);
      return { text: result, taken: out };
    };
    const anEdit = fc.tuple(fc.nat(12), fc.nat(3), fc.constantFrom('', 'X', 'yz'), fc.constantFrom('f', 'f', 'g')).map(([from, len, t, file]) => edit(file, from, from + len, t));
    const fixes = fc.array(fc.array(anEdit, { minLength: 1, maxLength: 3 }).map((edits) => fix(...edits)), { maxLength: 12 });
    fc.assert(
      fc.property(fixes, (fs) => {
        const r = applyFixes(text, 'f', fs);
        const want = reference(text, fs);
        expect(r.text).toBe(want.text);
        expect(r.taken).toEqual(want.taken);
      }),
      { numRuns: 3000 },
    );
  });
  it('refuses edits beyond the text (a file changed since it was linted)', () => {
    expect(applyFixes('abc', 'f', [fix(edit('f', 2, 9, 'x'))])).toEqual({ text: 'abc', applied: 0, taken: [], skipped: 1 });
  });

  // api64 bug 5: a negative start was taken, slice counting it from the end ('abc', -1..1 made 'X': 'abXbc').
  it('refuses edits with a negative, fractional or missing offset, or no text, and applies the valid fixes beside them', () => {
    const good = fix(edit('f', 2, 3, 'Z'));
    const bad = [edit('f', -1, 1, 'X'), edit('f', 0.5, 1.5, 'X'), edit('f', 2, 1, 'X'), edit('f', NaN, 1, 'X'), { ...edit('f', 0, 1, 'X'), newText: undefined as unknown as string }, { file: 'f', range: { start: { line: 0, column: 0 }, end: at(1) }, newText: 'X' } as ReturnType<typeof edit>];
    for (const e of bad) expect(applyFixes('abc', 'f', [fix(e), good])).toEqual({ text: 'abZ', applied: 1, taken: [good], skipped: 1 });
  });
});

describe('safe fixes on words a substitution wrote', () => {
  it('KA206 offers no fix on a deprecated keyword written by $NAME or ~SEQ (it would replace the reference)', () => {
    for (const text of [
      '$A=vrrp_track_file tf { file "/tmp/x" }\n$A\n',
      '$A=vrrp_track_file tf${ID} { file "/tmp/x" }\n~SEQ(ID,1,2) $A\n',
    ]) {
      const d = lintText(text, { file: 'k.conf' }).diagnostics.filter((x) => x.code === 'KA206');
      expect(d.length, text).toBeGreaterThan(0);
      expect(d.map((x) => x.fix), text).toEqual(d.map(() => undefined));
    }
    // Written by hand, the fix stays.
    const plain = lintText('vrrp_track_file tf {\n    file "/tmp/x"\n}\n', { file: 'k.conf' }).diagnostics.find((x) => x.code === 'KA206')!;
    expect(applyFixes('vrrp_track_file tf {\n    file "/tmp/x"\n}\n', 'k.conf', [plain.fix!]).text.startsWith('track_file tf {')).toBe(true);
  });
});
