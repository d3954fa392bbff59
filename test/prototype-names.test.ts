// Words that are also Object.prototype's property names (`constructor`, `toString`, `__proto__`), written where
// a keyword or a value goes, in every block the keyword table knows. A lookup in a plain object keyed by what the
// user wrote finds Object.prototype's functions there: 'constructor' was reported as "Unknown keyword
// 'constructor' in 'global_defs': undefined", and `constructor_CHECK {` made the linter fail (KA000).

import { describe, expect, it } from 'vitest';
import { schema } from '../server/src/core/schema/schema.js';
import { lintText } from '../server/src/linter.js';

const WORDS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'constructor_CHECK', 'no_constructor'];

/** `line` inside the blocks of `path`, each opened with a name or an address and port. */
function inside(path: readonly string[], line: string): string {
  const open = path.map((p) => `${p} ${p === 'virtual_server' || p === 'real_server' ? '10.0.0.1 80' : 'x'} {\n`).join('');
  return `${open}${line}\n${'}\n'.repeat(path.length)}`;
}

/** What a finding must never show: JavaScript leaking into a message or a fix. */
const LEAK = /undefined|\[object|function |=>|NaN/;

describe('Object.prototype names in a config', () => {
  it('are read as plain words in every block, as keywords, arguments and values', () => {
    const s = schema();
    const paths = new Map<string, readonly string[]>();
    for (const k of s.all) paths.set(k.path.join('>'), k.path);
    const texts: string[] = [];
    for (const path of paths.values()) for (const w of WORDS) texts.push(inside(path, w), inside(path, `${w} 1`));
    for (const k of s.all) {
      for (const w of WORDS) {
        texts.push(inside(k.path, `${k.name} ${w}`), inside(k.path, `${k.name} ${w} ${w}`));
        if (k.block) texts.push(inside(k.path, `${k.name} ${k.args.length ? 'x ' : ''}{\n${w}\n${w} ${w}\n}`));
      }
    }
    const leaks: string[] = [];
    for (const text of texts) {
      for (const d of lintText(text, { file: 'keepalived.conf' }).diagnostics) {
        if (d.code === 'KA000' || LEAK.test(d.message) || (d.fix && LEAK.test(d.fix.description))) leaks.push(`${JSON.stringify(text)}: ${d.code} ${d.message}`);
      }
    }
    expect(texts.length).toBeGreaterThan(5000);
    expect(leaks.slice(0, 10)).toEqual([]);
  });
});
