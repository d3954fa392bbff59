// Property tests: whatever text comes in — random, binary, keepalived-flavoured noise, or a real
// config mangled — the parser stays lossless and the analyzer and linter finish without an
// internal error and with positions that point into the text.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, parseCst, type SourceHost } from '../server/src/core/index.js';
import { lintText } from '../server/src/linter.js';
import keywordTable from '../server/src/core/schema/keywords.json';
import { diagnosticsViolation, losslessViolation } from './helpers/lossless.js';

// KALINT_PROPERTY_SCALE=20 npx vitest run test/property.test.ts searches 20× harder (not for CI).
const SCALE = Math.max(1, Number(process.env.KALINT_PROPERTY_SCALE) || 1);
const runs = (n: number) => Math.round(n * SCALE);

const CORPUS_DIR = join(__dirname, '..', '..', 'shared', 'corpus');
const corpus = readdirSync(CORPUS_DIR)
  .filter((f) => f !== 'labels.json' && f !== 'SOURCES.tsv')
  .sort()
  .map((name) => ({ name, text: readFileSync(join(CORPUS_DIR, name), 'utf8') }));

/** Every keyword name of the table, to steer random text towards the interesting paths. */
function keywordNames(): string[] {
  const names = new Set<string>();
  const stack: unknown[] = [...(keywordTable as { tree: unknown[] }).tree];
  while (stack.length) {
    const k = stack.pop() as { name?: string; children?: unknown[] };
    if (k.name) names.add(k.name);
    if (k.children) stack.push(...k.children);
  }
  return [...names].sort();
}
const KEYWORDS = keywordNames();

/** One pass of every check on one text. */
function checkText(text: string, options: { configId?: string; targetVersion?: string } = {}): void {
  const tree = parseCst(text);
  const lossless = losslessViolation(text, tree);
  if (lossless) expect.fail(`parseCst not lossless: ${lossless}\ninput: ${JSON.stringify(text.slice(0, 400))}`);
  const analysis = analyze(text, { file: 'k.conf', ...options });
  const a = diagnosticsViolation(text, 'k.conf', analysis.diagnostics, tree.lineStarts);
  if (a) expect.fail(`analyze: ${a}\ninput: ${JSON.stringify(text.slice(0, 400))}`);
  const lint = lintText(text, { file: 'k.conf', ...options });
  const l = diagnosticsViolation(text, 'k.conf', lint.diagnostics, tree.lineStarts);
  if (l) expect.fail(`lintText: ${l}\ninput: ${JSON.stringify(text.slice(0, 400))}`);
}

// Characters and fragments that drive the lexer and preprocessor into their special cases.
const SPECIAL = ['{', '}', '"', '#', '!', '\\', '$', '@', '~', ' ', '\n', '\t', '\r', '\r\n', '\f', '\v', '=', '(', ')', ',', '^', '*', '?', '[', ']'];
const FRAGMENTS = [
  '$A=', '$B=', '$A', '${A}', '${B x}', '$_PWD', '$_RANDOM 1 5', '@kalint ', '@^kalint ', '@other ',
  '~SEQ(i,1,3) ', '~SEQ(i, 3)', '~SEQx(v,1,2,20) ', '~LST(c, a, b) ', '~LST({a,b},{1,2},{3,4}) ', '~SEQ(', '~LST(',
  'include ', 'includem ', 'include {a,b}.conf', 'include *.conf', '\\#', '\\!', '"a b"', '"', '#c', '!c',
  '10.0.0.1/24', '192.168.1.1', 'fe80::1', '255', '0', '-1', '99999999999', '1.5', 'dev eth0', 'eth0',
];
const unit = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 3, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 3 }) },
);
const biasedText = fc.string({ unit, maxLength: 200 });

/** Lines shaped like a config: optional indent, keyword, arguments, braces, comment. */
const configLine = fc
  .tuple(
    fc.constantFrom('', '  ', '\t', '    '),
    fc.constantFrom(...KEYWORDS),
    fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.constantFrom(...KEYWORDS), fc.stringMatching(/^[a-z0-9._/:-]{1,8}$/)), { maxLength: 4 }),
    fc.constantFrom('', ' {', '{', ' }', '}', ' { }', ' # note', ' ! x', ' {\n}'),
    fc.constantFrom('\n', '\r\n', '\r', ''),
  )
  .map(([indent, kw, args, tail, eol]) => indent + [kw, ...args].join(' ') + tail + eol);
const configSoup = fc.array(fc.oneof(configLine, fc.constantFrom('}\n', '{\n', '\n', '$A=x\n', '$A=\\\n', '$A=x \\\n', '$B=$A\n', '$A\n', '${B}\n', '~SEQ(i,1,3) $A\n')), { maxLength: 40 }).map((ls) => ls.join(''));

// ---------- mutations of real configs ----------

type Mutation =
  | { kind: 'delete-brace'; at: number }
  | { kind: 'duplicate-brace'; at: number }
  | { kind: 'truncate-line'; line: number; keep: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'shuffle-lines'; seed: number }
  | { kind: 'delete-lines'; line: number; count: number };

const randomBytes = fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => Buffer.from(b).toString('latin1'));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete-brace' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-brace' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate-line' as const), line: fc.nat(), keep: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(randomBytes, fc.constantFrom(...SPECIAL, ...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 4 })) }),
  fc.record({ kind: fc.constant('shuffle-lines' as const), seed: fc.nat() }),
  fc.record({ kind: fc.constant('delete-lines' as const), line: fc.nat(), count: fc.integer({ min: 1, max: 5 }) }),
);

function braceOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '{' || text[i] === '}') out.push(i);
  return out;
}

function applyMutation(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'delete-brace':
    case 'duplicate-brace': {
      const braces = braceOffsets(text);
      if (!braces.length) return text;
      const at = braces[m.at % braces.length]!;
      return m.kind === 'delete-brace' ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at + 1) + text[at] + text.slice(at + 1);
    }
    case 'truncate-line': {
      const lines = text.split('\n');
      const k = m.line % lines.length;
      lines[k] = lines[k]!.slice(0, m.keep);
      return lines.join('\n');
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'shuffle-lines': {
      const lines = text.split('\n');
      // Deterministic Fisher-Yates from the seed.
      let s = m.seed || 1;
      for (let i = lines.length - 1; i > 0; i--) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        const j = s % (i + 1);
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      }
      return lines.join('\n');
    }
    case 'delete-lines': {
      const lines = text.split('\n');
      const k = m.line % lines.length;
      lines.splice(k, m.count);
      return lines.join('\n');
    }
  }
}

const mutatedCorpus = fc
  .tuple(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([i, ms]) => ({ name: corpus[i]!.name, text: ms.reduce(applyMutation, corpus[i]!.text), mutations: ms }));

// ---------- properties ----------

describe('parser and analyzer on arbitrary input', () => {
  it('the corpus has files to mutate', () => {
    expect(corpus.length).toBeGreaterThan(20);
    expect(KEYWORDS.length).toBeGreaterThan(300);
  });

  it('arbitrary strings (graphemes)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (t) => checkText(t)), { numRuns: runs(1000) });
  });

  it('arbitrary full-unicode strings (astral code points)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (t) => checkText(t)), { numRuns: runs(1000) });
  });

  it('arbitrary UTF-16 code units, lone surrogates and NUL included', () => {
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    fc.assert(fc.property(fc.string({ unit: codeUnit, maxLength: 300 }), (t) => checkText(t)), { numRuns: runs(1000) });
  });

  it('strings biased towards braces, quotes, comments, definitions and keywords', () => {
    fc.assert(fc.property(biasedText, fc.constantFrom('kalint', 'other'), (t, id) => checkText(t, { configId: id })), { numRuns: runs(3000) });
  });

  it('config-shaped lines with random braces, line endings and preprocessor fragments', () => {
    fc.assert(fc.property(configSoup, fc.constantFrom('2.2.7', '1.3.5', '2.0.0'), (t, v) => checkText(t, { targetVersion: v })), { numRuns: runs(2000) });
  });

  it('corpus files mutated (braces deleted/duplicated, lines truncated/shuffled/deleted, bytes inserted)', () => {
    fc.assert(
      fc.property(mutatedCorpus, ({ text }) => checkText(text)),
      { numRuns: runs(1500) },
    );
  });

  it('every corpus file, unmutated, is lossless and analyses cleanly', () => {
    for (const { text } of corpus) checkText(text);
  });
});

describe('includes through an in-memory host', () => {
  // Four files that include each other (cycles, self-includes, globs, missing files) with noise.
  const includeLine = fc.constantFrom('include f0.conf', 'include f1.conf', 'include f2.conf', 'include f3.conf', 'include f*.conf', 'include {f1,f2}.conf', 'includem missing.conf', 'include /abs/f0.conf', 'include $INC');
  const fileBody = fc.array(fc.oneof({ weight: 2, arbitrary: includeLine }, { weight: 3, arbitrary: configLine.map((l) => l.replace(/[\r\n]+$/, '')) }, fc.constant('$INC=f2.conf')), { maxLength: 8 }).map((ls) => ls.join('\n') + '\n');
  const project = fc.tuple(fileBody, fileBody, fileBody, fileBody);

  function hostOf(files: string[]): SourceHost {
    const byPath = new Map(files.map((t, i) => [`/etc/keepalived/f${i}.conf`, t]));
    return {
      readFile: (p) => byPath.get(p),
      readDir: (d) => (d === '/etc/keepalived' ? [...byPath.keys()].map((p) => ({ name: p.slice(d.length + 1), isDirectory: false })) : undefined),
    };
  }

  it('terminates without internal errors and keeps every file lossless', () => {
    fc.assert(
      fc.property(project, (files) => {
        const host = hostOf(files);
        const main = '/etc/keepalived/f0.conf';
        const a = analyze(files[0]!, { file: main, host });
        const problem = diagnosticsViolation(files[0]!, main, a.diagnostics);
        if (problem) expect.fail(`${problem}\nfiles: ${JSON.stringify(files)}`);
        for (const [path, f] of a.files) {
          const lossless = losslessViolation(f.text, parseCst(f.text));
          if (lossless) expect.fail(`${path}: ${lossless}`);
          const p = diagnosticsViolation(f.text, path, a.diagnostics);
          if (p) expect.fail(`${path}: ${p}\nfiles: ${JSON.stringify(files)}`);
        }
        const l = lintText(files[0]!, { file: main, host, maxIncludeDepth: 6 });
        const lp = diagnosticsViolation(files[0]!, main, l.diagnostics);
        if (lp) expect.fail(`lintText: ${lp}\nfiles: ${JSON.stringify(files)}`);
      }),
      { numRuns: runs(1000) },
    );
  });
});
