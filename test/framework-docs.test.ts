// docs/rules/ and schemas/kalint.schema.json are generated from the rule files by `npm run docs`;
// this test fails when the committed copies are stale.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainText, generatedDocs, listText, shownExample } from '../server/src/cli/explain.js';
import { rules } from '../server/src/rules/index.js';

const root = join(__dirname, '..');
const STALE = "stale: run 'npm run docs' and commit docs/rules and schemas/kalint.schema.json";

describe('generated docs', () => {
  const generated = generatedDocs();

  it('has a page per rule plus the index and the config schema', () => {
    expect(generated.size).toBe(rules.length + 2);
  });

  it.each([...generated.keys()])('%s is up to date', (rel) => {
    const path = join(root, rel);
    expect(existsSync(path), `${rel} is missing; ${STALE}`).toBe(true);
    expect(readFileSync(path, 'utf8'), `${rel} is ${STALE}`).toBe(generated.get(rel));
  });

  it('docs/rules holds no page of a rule that does not exist', () => {
    const extra = readdirSync(join(root, 'docs/rules')).filter((n) => !generated.has(`docs/rules/${n}`));
    expect(extra, STALE).toEqual([]);
  });

  it('pages and explain show the same examples', () => {
    for (const r of rules) {
      const page = generated.get(`docs/rules/${r.code}.md`)!;
      const text = explainText(r);
      for (const line of shownExample(r.docs.bad).split('\n').filter((l) => l.trim())) {
        expect(page).toContain(line);
        expect(text).toContain(line);
      }
    }
    expect(listText().trim().split('\n')).toHaveLength(rules.length);
  });
});
