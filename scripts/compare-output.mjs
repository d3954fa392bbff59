// `npm run compare-output -- REV [--dump DIR]`: does this tree lint exactly like commit REV?
//
// For refactors that must not change a finding (performance work, internal rewrites). Checks out
// REV into a temporary git worktree, bundles the same small runner against both trees, lints the
// same cases with each, and prints the cases whose findings differ. Exit status 0 when none do.
//
// Cases: the .conf files under fixtures/, the configs in ../shared/corpus when present, every
// rule's docs examples (of this tree), each also for target 1.3.5, and seeded random line
// mutations of the small ones. Findings of rules that REV does not have are left out of this tree's
// side, so adding a rule is not a difference. `--dump DIR` writes each differing case there (the
// text as NNN.conf, both sides' findings as NNN.json), to judge the changes against keepalived.
// `--with DIR` (repeatable) adds every file under DIR as a case too (real configs collected
// outside the repository), with its mutations.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const rev = process.argv[2];
const dumpAt = process.argv.indexOf('--dump');
const dumpDir = dumpAt > 0 ? resolve(process.argv[dumpAt + 1] ?? '') : undefined;
const extraDirs = process.argv.flatMap((a, i) => (a === '--with' && process.argv[i + 1] ? [resolve(process.argv[i + 1])] : []));
if (!rev || rev.startsWith('--') || (dumpAt > 0 && !process.argv[dumpAt + 1])) {
  console.error('usage: npm run compare-output -- REV [--dump DIR] [--with DIR]...   (REV: a commit, branch or tag)');
  process.exit(2);
}
const here = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'kalint-compare-'));
const theirs = join(work, 'tree');

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

// The runner, written once and bundled against each tree. It prints one line per case.
const runner = (root) => `
import { readFileSync } from 'node:fs';
import { lintText } from '${root}/server/src/linter.js';
import { rules } from '${root}/server/src/rules/index.js';
const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
if (input.docs) {
  const out = [];
  for (const r of rules) {
    out.push({ name: r.code + ':bad', text: r.docs.bad });
    out.push({ name: r.code + ':good', text: r.docs.good });
  }
  process.stdout.write(JSON.stringify({ codes: rules.map((r) => r.code), examples: out }));
} else {
  const known = new Set(input.codes);
  const lines = [];
  for (const c of input.cases) {
    const r = lintText(c.text, { file: '/etc/keepalived/keepalived.conf', targetVersion: c.target });
    const ds = known.size ? r.diagnostics.filter((d) => known.has(d.code) || !/^KA\\d/.test(d.code)) : r.diagnostics;
    lines.push(c.name + '\\t' + JSON.stringify(ds));
  }
  process.stdout.write(lines.join('\\n'));
}
`;

try {
  execFileSync('git', ['worktree', 'add', '--detach', '-q', theirs, rev], { stdio: 'inherit' });
  symlinkSync(join(here, 'node_modules'), join(theirs, 'node_modules'));
  const bundle = async (root, out) => {
    const entry = join(work, `${out}.mjs`);
    writeFileSync(entry, runner(root));
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: join(work, `${out}.cjs`), logLevel: 'error' });
    return join(work, `${out}.cjs`);
  };
  const mine = await bundle(here, 'mine');
  const old = await bundle(theirs, 'theirs');
  const run = (script, input) => {
    const file = join(work, 'input.json');
    writeFileSync(file, JSON.stringify(input));
    return execFileSync(process.execPath, [script, file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  };

  const texts = [];
  for (const f of walk(join(here, 'fixtures'))) if (f.endsWith('.conf')) texts.push({ name: f.slice(here.length + 1), text: readFileSync(f, 'utf8') });
  const corpus = resolve(here, '../shared/corpus');
  if (existsSync(corpus)) for (const f of walk(corpus)) if (!/\.(json|tsv)$/.test(f)) texts.push({ name: f, text: readFileSync(f, 'utf8') });
  for (const dir of extraDirs) for (const f of walk(dir)) texts.push({ name: f, text: readFileSync(f, 'utf8') });
  const docs = JSON.parse(run(mine, { docs: true }));
  texts.push(...docs.examples);
  const theirCodes = JSON.parse(run(old, { docs: true })).codes;

  // Seeded mutations: delete, insert or duplicate a line, replace a word, swap two lines.
  let seed = 20261121;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const allLines = texts.flatMap((t) => t.text.split('\n')).filter((l) => l.trim());
  const mutate = (text) => {
    const lines = text.split('\n');
    for (let k = 1 + Math.floor(rnd() * 4); k > 0; k--) {
      const i = Math.floor(rnd() * Math.max(1, lines.length));
      const r = rnd();
      if (r < 0.25) lines.splice(i, 1);
      else if (r < 0.5) lines.splice(i, 0, pick(allLines));
      else if (r < 0.65) lines.splice(i, 0, lines[Math.floor(rnd() * lines.length)] ?? '');
      else if (r < 0.8) {
        const w = (lines[i] ?? '').split(/(\s+)/);
        w[Math.floor(rnd() * w.length)] = pick(pick(allLines).trim().split(/\s+/));
        lines[i] = w.join('');
      } else {
        const j = Math.floor(rnd() * lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
    }
    return lines.join('\n');
  };
  const cases = [];
  for (const t of texts) {
    cases.push(t, { ...t, name: `${t.name} (1.3.5)`, target: '1.3.5' });
    if (t.text.length < 50_000) for (let m = 0; m < 10; m++) cases.push({ name: `${t.name} #${m}`, text: mutate(t.text) });
  }

  const a = run(old, { cases, codes: [] }).split('\n');
  const b = run(mine, { cases, codes: theirCodes }).split('\n');
  const differ = a.filter((line, i) => line !== b[i]);
  console.log(`${cases.length} cases, ${differ.length} with different findings (against ${rev})`);
  for (const line of differ.slice(0, 10)) {
    // The first finding that differs, from each side.
    const i = a.indexOf(line);
    const before = JSON.parse(line.split('\t')[1] ?? '[]');
    const after = JSON.parse(b[i]?.split('\t')[1] ?? '[]');
    let k = 0;
    while (k < before.length && k < after.length && JSON.stringify(before[k]) === JSON.stringify(after[k])) k++;
    const show = (d) => (d ? `${d.code} ${d.range.start.line + 1}:${d.range.start.column + 1} ${d.message}` : '(none)');
    console.log(`\n${cases[i].name} (finding ${k + 1} of ${before.length} / ${after.length})\n  ${rev}: ${show(before[k])}\n  here: ${show(after[k])}`);
  }
  if (dumpDir) {
    mkdirSync(dumpDir, { recursive: true });
    let n = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue;
      const id = String(++n).padStart(4, '0');
      writeFileSync(join(dumpDir, `${id}.conf`), cases[i].text);
      const side = (line) => JSON.parse(line?.split('\t')[1] ?? '[]');
      writeFileSync(join(dumpDir, `${id}.json`), JSON.stringify({ name: cases[i].name, target: cases[i].target, [rev]: side(a[i]), here: side(b[i]) }, null, 1));
    }
    console.log(`\n${n} differing cases written to ${dumpDir}`);
  }
  process.exitCode = differ.length ? 1 : 0;
} finally {
  try {
    execFileSync('git', ['worktree', 'remove', '--force', theirs], { stdio: 'ignore' });
  } catch {
    // Left for `git worktree prune`.
  }
  rmSync(work, { recursive: true, force: true });
}
