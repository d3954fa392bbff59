// `npm run docs`: writes docs/rules/ (one page per rule and an index) and the rule list of
// schemas/kalint.schema.json from the rule files. A test fails when the committed copies are stale.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generatedDocs } from '../server/src/cli/explain.js';

const root = resolve(process.argv[2] ?? process.cwd());
const files = generatedDocs();
let written = 0;
for (const [rel, content] of files) {
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
process.stdout.write(`docs: ${files.size} files, ${written} updated, ${removed} removed\n`);
