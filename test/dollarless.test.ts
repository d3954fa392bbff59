// dollarless.ts answers from an index of the text's names (one pass each) instead of searching the text again for
// every undefined reference (12,000 of them in a 600 kB config took minutes): the same answers as those searches.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configLineUses, dollarlessDefinitionAt } from '../server/src/core/analysis/dollarless.js';
import { lintText } from '../server/src/linter.js';

/** The searches the index replaced, as they were. */
function definitionBySearch(text: string, name: string): number {
  const head = `${name}=`;
  for (let at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + 1)) {
    let s = at - 1;
    while (s >= 0 && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s--;
    if (s < 0 || text.charCodeAt(s) === 10) return at;
  }
  return -1;
}
const nameChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
function usesBySearch(text: string, name: string, configLine: (at: number) => boolean): boolean {
  const bare = `$${name}`;
  for (let at = text.indexOf(bare); at >= 0; at = text.indexOf(bare, at + 1)) {
    const next = text.charCodeAt(at + bare.length);
    if (nameChar(next) || next === 61) continue;
    if (configLine(at)) return true;
  }
  for (let at = text.indexOf(`\${${name}}`); at >= 0; at = text.indexOf(`\${${name}}`, at + 1)) if (configLine(at)) return true;
  return false;
}

describe('dollarless definitions and the uses of a name', () => {
  it('give the answers of searching the text, on random texts', () => {
    const piece = fc.constantFrom('$A', '$AB', '${A}', '${AB}', '$A=', 'A=', 'AB=', ' ', '\t', '\n', 'x', '{', '}', '$', '#', 'router_id ', 'interface ', '10.0.0.1 ', '@id ');
    const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom('A', 'AB', 'B'), (t, name) => {
        expect(dollarlessDefinitionAt(t, name)).toBe(definitionBySearch(t, name));
        // configLine as the index calls it: a use on a line that is configuration. The reference search with the same
        // test (a use it finds counts when the line holds configuration) must agree on whether any counts.
        const lineIsConfig = (at: number) => {
          const start = t.lastIndexOf('\n', at - 1) + 1;
          const head = /^[ \t]*(?:@\^?\S+[ \t]+)?([^ \t\r]*)/.exec(t.slice(start))![1]!;
          return head.startsWith('$') || /^\d/.test(head) || head === 'router_id' || head === 'interface';
        };
        expect(configLineUses(t, name)).toBe(usesBySearch(t, name, lineIsConfig));
      }),
      { numRuns: 3000 },
    );
  });

  it('still name the dollarless definition in KA109', () => {
    const d = lintText('IF=eth0\nvrrp_instance V {\n    interface $IF\n    virtual_router_id 1\n}\n', { file: 'k.conf' }).diagnostics.find((x) => x.code === 'KA109');
    expect(d?.message).toContain("line 1 writes 'IF=' without its '$'");
  });
});
