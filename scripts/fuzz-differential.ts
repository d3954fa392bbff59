// Mutation differential fuzzing: real configs, each mutated once or twice the way users get them
// wrong, read by the real `keepalived -t` and by kalint in-process; every disagreement is
// classified (scripts/fuzz-mutations.ts) and grouped by cause.
//
// Usage (bundle, then run; reads only the directories named on the command line):
//   npx esbuild scripts/fuzz-differential.ts --bundle --platform=node --format=cjs --outfile=dist/fuzz-differential.js
//   nice -n 10 node dist/fuzz-differential.js --seed 16 --count 1000 [--out /tmp/fuzz-out] [--keepalived PATH] [--target-version V] [--interface eth0] [--edits N] DIR...
// --target-version V runs another release (its build /tmp/kaV/keepalived/keepalived, see
// scripts/keepalived-versions/README.md, unless --keepalived names one; the binary's -v must say V)
// and lints at that target; the classifier then reads the verdict as that release gives it (2.1.x
// exit 0 after errors of their VRRP and checker readings).
// --interface names an interface of this machine for every `interface X`/`dev X` of the sources
// (keepalived skips its checks after reading when an instance's interface is missing). --edits N
// applies up to N mutations to each config instead of two (for exploring, not for counts). --preprocessor
// makes each mutant's first edit one with keepalived's preprocessor: a word or lines moved into a `$NAME=`
// definition (multi-line ones too), a line or a block repeated by `~SEQ`/`~LST`, a predefined name, a
// definition that holds a config id. --bytes makes it one with bytes an editor does not show: a NUL byte (with
// what may follow it) or a control character (vertical tab, form feed, ^A, DEL…); --latin1 one with a byte that is not
// UTF-8 (a Latin-1 no-break space, an é), written as the byte.
// A seed and the same directories give the same mutants. With --out, each mutant that disagrees
// is kept there (NNNN.conf, with its edits and the disagreement in NNNN.txt) to reduce by hand.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lintText } from '../server/src/linter.js';
import { format, isFormatError } from '../server/src/core/format/index.js';
import type { SourceHost } from '../server/src/core/index.js';
import type { Diagnostic } from '../server/src/core/diagnostics.js';
import { compareVersions, parseVersion } from '../server/src/core/schema/schema.js';
import { fuzzBinary, parseFuzzOptions } from './fuzz-options.js';
import { decodeBytes, encodeText } from '../server/src/core/syntax/encoding.js';
import { causeKey, classify, crashedOrHung, isHostMessage, makeRng, mutate, parseKeepalived, withInterface, type Disagreement, type KeepalivedVerdict } from './fuzz-mutations.js';

const NOT_CONFIGS = /\.(json|tsv|md|txt|sh|py|yml|yaml|j2|tmpl|erb)$/i;
const LOOKS_LIKE_KEEPALIVED = /^\s*(?:global_defs|vrrp_instance|vrrp_script|virtual_server|vrrp_sync_group)\b/m;

/** The config files under the given directories, sorted, one per distinct content. */
export function collectConfigs(dirs: string[]): { path: string; text: string }[] {
  const seen = new Set<string>();
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (!NOT_CONFIGS.test(name) && st.size < 200_000) {
        const text = readFileSync(p, 'utf8');
        if (!LOOKS_LIKE_KEEPALIVED.test(text) || seen.has(text)) continue;
        seen.add(text);
        out.push({ path: p, text });
      }
    }
  };
  for (const d of dirs) walk(resolve(d));
  return out;
}

/** Reads only inside `root`: the mutant's directory (its relative includes are not there, for keepalived either). */
export function hostWithin(root: string): SourceHost {
  return {
    readFile(path) {
      if (!resolve(path).startsWith(root + '/')) return undefined;
      try {
        return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    readDir(path) {
      if (resolve(path) !== root && !resolve(path).startsWith(root + '/')) return undefined;
      try {
        return readdirSync(path, { withFileTypes: true }).map((d) => ({ name: d.name, isDirectory: d.isDirectory() }));
      } catch {
        return undefined;
      }
    },
  };
}

export function runKeepalivedOn(binary: string, dir: string, name: string, timeoutMs = 10_000): KeepalivedVerdict {
  const r = spawnSync(binary, ['-t', '-f', name, '-i', 'x'], { cwd: dir, timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  // Read as kalint reads the config: a byte that is not UTF-8 kept as its escape, so the words compare.
  return { status: r.status, signal: r.signal, timedOut, messages: parseKeepalived(r.stderr ? decodeBytes(r.stderr) : '', name) };
}

/** keepalived's verdict without line numbers (formatting may join a `{` line to the one before). */
function verdictGist(v: KeepalivedVerdict): string {
  // A crash and a hang are one verdict: which of them reading freed memory gives depends on the layout of
  // the text (2.2.4 crashed on a mutant of pqarmitage's 1850.conf and hung on it reindented; 2.2.7 hung on both).
  if (crashedOrHung(v)) return 'crashed or hung';
  return JSON.stringify([v.status, v.signal, v.timedOut, v.messages.map((m) => m.message).sort()]);
}

export interface MutantResult {
  index: number;
  source: string;
  edits: string[];
  text: string;
  disagreements: Disagreement[];
}

/**
 * Lints and runs keepalived on one mutant in a directory of its own; also checks `kalint fmt` on it.
 * `targetVersion` is the release `binary` is (kalint lints at that target); default kalint's own.
 */
export function checkMutant(
  binary: string,
  text: string,
  checkFormat = true,
  timeoutMs = 10_000,
  targetVersion?: string,
): { ka: KeepalivedVerdict; diagnostics: Diagnostic[]; disagreements: Disagreement[] } {
  const dir = mkdtempSync(join(tmpdir(), 'kalint-fuzz-'));
  try {
    const name = 'keepalived.conf';
    const path = join(dir, name);
    writeFileSync(path, encodeText(text));
    const ka = runKeepalivedOn(binary, dir, name, timeoutMs);
    let diagnostics: Diagnostic[] = [];
    let thrown: unknown;
    try {
      diagnostics = lintText(text, { file: path, configId: 'x', host: hostWithin(dir), targetVersion }).diagnostics;
    } catch (e) {
      thrown = e;
    }
    const disagreements = classify(text, ka, diagnostics, path, thrown, targetVersion);
    if (checkFormat) {
      try {
        const f = format(text);
        if (!isFormatError(f) && f.changed) {
          const again = format(f.text);
          if (isFormatError(again) || again.changed) disagreements.push({ kind: 'fmt', detail: 'kalint fmt is not idempotent' });
          writeFileSync(path, encodeText(f.text));
          if (verdictGist(runKeepalivedOn(binary, dir, name, timeoutMs)) !== verdictGist(ka)) {
            // keepalived is not always deterministic (`${_RANDOM}` values, timeouts under load): a verdict
            // that changes when the unformatted text is read again says nothing about the formatter.
            writeFileSync(path, encodeText(text));
            if (verdictGist(runKeepalivedOn(binary, dir, name, timeoutMs)) === verdictGist(ka)) disagreements.push({ kind: 'fmt', detail: "kalint fmt changes keepalived's verdict" });
          }
        }
      } catch (e) {
        disagreements.push({ kind: 'internal-error', detail: `fmt threw: ${(e as Error)?.message ?? e}` });
      }
    }
    return { ka, diagnostics, disagreements };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Disagreements grouped by cause (causeKey): how many, and the first few configs showing each. */
export type CauseTally = Map<string, { count: number; examples: number[] }>;

/** Counts `disagreements` of config `example` into `byCause`. */
export function tallyCauses(byCause: CauseTally, disagreements: Disagreement[], example: number): void {
  for (const d of disagreements) {
    const key = causeKey(d);
    const c = byCause.get(key) ?? { count: 0, examples: [] };
    c.count++;
    if (c.examples.length < 5) c.examples.push(example);
    byCause.set(key, c);
  }
}

/** The tally, most frequent cause first, one line each. */
export function causeLines(byCause: CauseTally): string[] {
  return [...byCause].sort((a, b) => b[1].count - a[1].count).map(([key, c]) => `${String(c.count).padStart(5)}  ${key}  [${c.examples.join(' ')}]`);
}

/** One line per disagreement, as the NNNN.txt files beside kept configs have them. */
export function disagreementLines(disagreements: Disagreement[]): string[] {
  return disagreements.map((d) => `${d.kind}${d.file ? ` ${d.file}` : ''}${d.line ? ` line ${d.line}` : ''}: ${d.detail}`);
}

function main(argv: string[]): void {
  const o = parseFuzzOptions(argv, { seed: 16, count: 500 }, { values: ['--edits'], flags: ['--preprocessor', '--bytes', '--latin1'] });
  const { seed, count, outDir, targetVersion, ifname } = o;
  const maxEdits = o.values.has('--edits') ? Number(o.values.get('--edits')) : 2;
  const preprocessor = o.flags.has('--preprocessor');
  const bytes = o.flags.has('--bytes');
  const latin1 = o.flags.has('--latin1');
  const dirs = o.unknown ? [] : o.dirs;
  if (o.unknown) console.error(`unknown option ${o.unknown}`);
  const missing = dirs.filter((d) => !existsSync(d) || !statSync(d).isDirectory());
  if (missing.length) {
    console.error(`not a directory: ${missing.join(', ')}`);
    process.exit(2);
  }
  if (!dirs.length || !Number.isInteger(seed) || !(count > 0)) {
    console.error('usage: node dist/fuzz-differential.js --seed N --count M [--out DIR] [--keepalived PATH] [--target-version V] [--interface IF] [--edits N] [--preprocessor] [--bytes] [--latin1] DIR...');
    process.exit(2);
  }
  const { binary, release: printed } = fuzzBinary(o);
  const configs = collectConfigs(dirs).map((c) => (ifname ? { ...c, text: withInterface(c.text, ifname) } : c));
  console.log(`${configs.length} configs; seed ${seed}; ${count} mutants; keepalived ${printed} (${binary}), kalint at target ${targetVersion ?? 'default'}${preprocessor ? '; first edit with the preprocessor' : ''}${bytes ? '; first edit a NUL or control byte' : ''}${latin1 ? '; first edit a byte that is not UTF-8' : ''}`);
  if (outDir) mkdirSync(outDir, { recursive: true });
  const rng = makeRng(seed);
  const byCause: CauseTally = new Map();
  const byKind = new Map<string, number>();
  let mutants = 0;
  let disagreeing = 0;
  const stats = { located: 0, clean: 0, errorsOnClean: 0, crashes: 0, inheritedCrashes: 0 };
  const unmutatedCrash = new Map<string, boolean>();
  const crashesUnmutated = (source: { path: string; text: string }): boolean => {
    let crashes = unmutatedCrash.get(source.path);
    if (crashes === undefined) {
      const { ka } = checkMutant(binary, source.text, false, 10_000, targetVersion);
      crashes = crashedOrHung(ka);
      unmutatedCrash.set(source.path, crashes);
    }
    return crashes;
  };
  const errorCodes = new Map<string, number>();
  const started = Date.now();
  for (let index = 0; mutants < count; index++) {
    const source = configs[rng.int(configs.length)]!;
    const m = mutate(source.text, rng, maxEdits, bytes ? 'bytes' : latin1 ? 'latin1' : preprocessor);
    if (!m) continue;
    mutants++;
    const checked = checkMutant(binary, m.text, true, 10_000, targetVersion);
    const { ka, diagnostics } = checked;
    let { disagreements } = checked;
    const located = ka.messages.filter((x) => x.line !== undefined && !isHostMessage(x.message));
    stats.located += new Set(located.map((x) => `${x.line}\0${x.message}`)).size;
    if (ka.timedOut || ka.signal) stats.crashes++;
    else if (ka.status === 0 && !located.length) {
      stats.clean++;
      for (const d of diagnostics) if (d.severity === 'error') errorCodes.set(d.code, (errorCodes.get(d.code) ?? 0) + 1);
      stats.errorsOnClean += diagnostics.filter((d) => d.severity === 'error').length;
    }
    // A crash the unmutated config causes too (with this binary, on this host) is not the mutation's: check.md's
    // host-dependent crashes (2.2.8 frees a track_file whose folder does not exist, then crashes) come from there.
    if (disagreements.some((d) => d.kind === 'crash-not-predicted') && crashesUnmutated(source)) {
      stats.inheritedCrashes++;
      disagreements = disagreements.filter((d) => d.kind !== 'crash-not-predicted');
    }
    if (!disagreements.length) continue;
    disagreeing++;
    for (const d of disagreements) byKind.set(d.kind, (byKind.get(d.kind) ?? 0) + 1);
    tallyCauses(byCause, disagreements, index);
    if (outDir) {
      const id = String(index).padStart(4, '0');
      writeFileSync(join(outDir, `${id}.conf`), encodeText(m.text));
      const lines = [`source: ${source.path}`, ...m.edits.map((e) => `edit: ${e}`), ...disagreementLines(disagreements)];
      writeFileSync(join(outDir, `${id}.txt`), lines.join('\n') + '\n');
    }
  }
  console.log(`${mutants} mutants in ${((Date.now() - started) / 1000).toFixed(0)} s; ${disagreeing} disagree`);
  console.log(
    `keepalived: ${stats.located} distinct located host-independent messages compared; ${stats.clean} mutants accepted cleanly (kalint errors on them, those classify() explains included: ${stats.errorsOnClean} [${[...errorCodes].map(([c, n]) => `${c} ${n}`).join(', ')}]); ${stats.crashes} crashes or hangs (${stats.inheritedCrashes} not predicted but the unmutated config crashes too)`,
  );
  console.log([...byKind].map(([k, n]) => `${k}: ${n}`).join(', ') || 'no disagreements');
  for (const line of causeLines(byCause)) console.log(line);
}

// Run as a program (the bundle), not when a test imports the module.
if (/fuzz-differential\.c?js$/.test(process.argv[1] ?? '')) main(process.argv.slice(2));
