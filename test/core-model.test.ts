// The typed model's assumptions about the AST, checked on every fixture and corpus config.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/core/index.js';
import { walkAst } from '../server/src/core/analysis/ast.js';

function configFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) configFiles(path, out);
    else if (!name.endsWith('.json') && !name.endsWith('.tsv') && !name.endsWith('.md')) out.push(path);
  }
  return out;
}

const root = join(__dirname, '..');
const files = [...configFiles(join(root, 'fixtures')), ...configFiles(join(root, '..', 'shared', 'corpus'))];

describe('typed model', () => {
  it('reads each keyword from its schema entry: a node keyword is always its spec name', () => {
    // buildModel switches over `spec.name` (an internalized string) instead of `keyword`.
    let nodes = 0;
    for (const file of files) {
      const a = analyze(readFileSync(file, 'utf8'), { file });
      walkAst(a.ast, (n) => {
        if (n === a.ast) return;
        nodes++;
        if (n.spec) expect(n.spec.name, `${file}: ${n.keyword}`).toBe(n.keyword);
      });
    }
    expect(nodes).toBeGreaterThan(1000);
  });
});
