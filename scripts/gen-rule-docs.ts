// `npm run docs`: writes docs/rules/ (one page per rule and an index) and the rule list of
// schemas/kalint.schema.json from the rule files, and docs/checks-coverage.md from the entries of
// test/checks-coverage.data.ts. Tests fail when the committed copies are stale.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generatedDocs } from '../server/src/cli/explain.js';
import { coveragePage } from '../test/checks-coverage.page.js';

const root = resolve(process.argv[2] ?? process.cwd());
const files = generatedDocs();
const pages = new Map([...files, ['docs/checks-coverage.md', coveragePage()]]);
let written = 0;
for (const [rel, content] of pages) {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  let old: string | undefined;
  try {
    old = readFileSync(path, 'utf8');
  } catch {
    old = undefined;
  }
  if (old !== content) {
    writeFileSync(path, content);
    written++;
  }
}
// Pages of rules that no longer exist.
let removed = 0;
for (const name of readdirSync(join(root, 'docs/rules'))) {
  if (name.endsWith('.md') && !files.has(`docs/rules/${name}`)) {
    rmSync(join(root, 'docs/rules', name));
    removed++;
  }
}
process.stdout.write(`docs: ${pages.size} files, ${written} updated, ${removed} removed\n`);
