// Mutants of real configs written to a folder, for the sweeps that take folders (peer-sweep.ts, fix-sweep.ts).
//
// The differential fuzzer reads each mutant with keepalived and kalint and keeps none; the sweeps check what
// kalint *writes* (a peer, the safe fixes), and the configs users run them on are broken ones as often as not.
// Over mutants the sweeps found what real configs had not shown: a second 'state MASTER' line the peer left
// as it was, a rename fix that left 'retry' without its count, a host name swapped into unicast_peer.
//
// Usage (bundle, then run):
//   npx esbuild scripts/dump-mutants.ts --bundle --platform=node --format=cjs --outfile=dist/dump-mutants.cjs
//   node dist/dump-mutants.cjs --seed N --count M --out DIR [--edits E] [--bytes] DIR...
// Each mutant is DIR/mNNNN.conf, with DIR/mNNNN.conf.edits naming its source and the edits made (up to E, default
// 3; one mutant in four starts with a preprocessor edit, or with --bytes every one with a NUL byte or a control
// character, see fuzz-mutations.ts). A seed and the same folders give the same mutants.

import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRng, mutate } from './fuzz-mutations.js';

function main(): void {
  const argv = process.argv.slice(2);
  const opts: Record<string, string> = {};
  const dirs: string[] = [];
  let bytes = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--bytes') bytes = true;
    else if (a === '--seed' || a === '--count' || a === '--out' || a === '--edits') {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      opts[a.slice(2)] = v;
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else dirs.push(a);
  }
  const seed = Number(opts.seed);
  const count = Number(opts.count);
  const edits = Number(opts.edits ?? 3);
  if (!dirs.length || !opts.out || !Number.isInteger(seed) || !(count > 0) || !(edits > 0)) {
    throw new Error('usage: dump-mutants --seed N --count M --out DIR [--edits E] [--bytes] DIR...');
  }
  const files: string[] = [];
  for (const d of dirs) {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (n.endsWith('.conf') && statSync(p).isFile()) files.push(p);
    }
  }
  if (!files.length) throw new Error(`no .conf files in ${dirs.join(', ')}`);
  const rng = makeRng(seed);
  mkdirSync(opts.out, { recursive: true });
  let made = 0;
  // A config some mutation leaves unchanged is drawn again; five draws a mutant bound the loop.
  for (let tries = 0; made < count && tries < count * 5; tries++) {
    const source = files[rng.int(files.length)]!;
    const m = mutate(readFileSync(source, 'utf8'), rng, edits, bytes ? 'bytes' : rng.int(4) === 0);
    if (!m) continue;
    const name = `m${String(made).padStart(4, '0')}.conf`;
    writeFileSync(join(opts.out, name), m.text);
    writeFileSync(join(opts.out, `${name}.edits`), `${source}\n${m.edits.join('\n')}\n`);
    made++;
  }
  console.log(`${made} mutants of ${files.length} configs (seed ${seed}) in ${opts.out}`);
}

try {
  main();
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
