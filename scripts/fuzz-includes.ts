// Include differential fuzzing: a config (generated, or a real one) cut into several files joined by
// `include` lines, read by the real `keepalived -t` and by kalint through a file host; every
// disagreement, in whichever file its line is, is classified as the other fuzzers do it.
//
// keepalived reads an included file as if its lines stood at the include line, so blocks may open in
// one file and close in another, a definition may end in the middle of a file, and what a glob or a
// brace pattern matches, in which order, and relative to which directory, decides what is read.
// The cuts fall anywhere between lines, which no hand-written test does.
//
// Usage (bundle, then run):
//   npx esbuild scripts/fuzz-includes.ts --bundle --platform=node --format=cjs --outfile=dist/fuzz-includes.cjs
//   nice -n 10 node dist/fuzz-includes.cjs --seed N --count M [--out DIR] [--keepalived PATH] [--target-version V] [--interface IF] [--preprocessor | --bytes] [DIR...]
// --preprocessor gives each config one edit with keepalived's preprocessor before it is cut (scripts/fuzz-mutations.ts),
// --bytes one with a NUL byte or a control character instead.
// Without DIRs the configs come from the generator (scripts/fuzz-generate.ts); with them, from the
// real configs found there (--interface IF then names an interface of this machine for theirs).
// With --out, each case that disagrees is kept there as a directory NNNN/ (its files and why.txt).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { lintText } from '../server/src/linter.js';
import type { Diagnostic } from '../server/src/core/diagnostics.js';
import { compareVersions, DEFAULT_TARGET_VERSION, parseVersion, type Version } from '../server/src/core/schema/schema.js';
import { classify, crashedOrHung, isHostMessage, makeRng, mutate, parseKeepalived, withInterface, type Disagreement, type KeepalivedVerdict, type Rng } from './fuzz-mutations.js';
import { causeLines, checkMutant, collectConfigs, disagreementLines, hostWithin, tallyCauses, type CauseTally } from './fuzz-differential.js';
import { generateConfig } from './fuzz-generate.js';
import { fuzzBinary, parseFuzzOptions } from './fuzz-options.js';

/** Stands for the run directory in an include pattern (absolute includes); replaced when the files are written. */
export const RUN_DIR = '@RUN_DIR@';

/** A config cut into files: the main file's text, the others by path relative to the run directory. */
export interface SplitConfig {
  main: string;
  files: { path: string; text: string }[];
  /** What was done, for the report. */
  edits: string[];
}

/** keepalived gained the include variants and patterns of more than one word in 2.1.4 (see syntax/lines.ts). */
const REST_OF_LINE_SINCE: Version = [2, 1, 4];

interface Piece {
  lines: string[];
  finalNewline: boolean;
}

/**
 * An include line for `file` (relative to the directory of the including file `from`), in one of the
 * forms users write: plain, quoted, absolute, a glob or brace pattern that matches it, a trailing comment.
 */
function includeLine(rng: Rng, indent: string, file: string, fromDir: string, target: Version, edits: string[]): string {
  const relative = fromDir ? file.slice(fromDir.length + 1) : file;
  const base = relative.slice(0, relative.lastIndexOf('.'));
  const forms = [
    () => relative,
    () => `${RUN_DIR}/${file}`,
    () => `${base}.c*nf`,
    () => `${base.slice(0, -1)}?.conf`,
    () => `${dirname(relative) === '.' ? '' : `${dirname(relative)}/`}{${base.slice(base.lastIndexOf('/') + 1)},nothing-here}.conf`,
    () => `"${relative}"`,
  ];
  const pattern = rng.pick(forms)();
  const newer = compareVersions(target, REST_OF_LINE_SINCE) >= 0;
  const comment = newer && rng.int(4) === 0 ? '  # more of the config' : '';
  edits.push(`include ${pattern} -> ${file}`);
  return `${indent}include ${pattern}${comment}`;
}

/** Cuts `piece` at up to `cuts` places into files under `dir` (relative to the run directory); returns the lines left. */
function cutInto(rng: Rng, piece: Piece, dir: string, fromDir: string, stem: string, depth: number, target: Version, out: SplitConfig): string[] {
  const n = piece.lines.length;
  if (n === 0) return piece.lines;
  const segments = 1 + rng.int(3);
  const points = new Set<number>();
  for (let i = 0; i < segments * 2; i++) points.add(rng.int(n + 1));
  const sorted = [...points].sort((a, b) => a - b);
  const lines: string[] = [];
  let at = 0;
  for (let s = 0; s + 1 < sorted.length; s += 2) {
    const from = sorted[s]!;
    const to = sorted[s + 1]!;
    lines.push(...piece.lines.slice(at, from));
    const moved = piece.lines.slice(from, to);
    const indent = /^[ \t]*/.exec(moved.find((l) => l.trim()) ?? '')![0];
    const file = `${dir}/${stem}${s / 2}.conf`;
    // Deeper files go in a directory below the including one, included relative to it.
    let body = moved;
    if (depth < 2 && moved.length > 2 && rng.int(3) === 0) body = cutInto(rng, { lines: moved, finalNewline: true }, `${dir}/nest`, dir, `${stem}${s / 2}n`, depth + 1, target, out);
    const finalNewline = rng.int(5) !== 0;
    out.files.push({ path: file, text: body.join('\n') + (finalNewline ? '\n' : '') });
    if (!finalNewline) out.edits.push(`${file} has no final newline`);
    lines.push(includeLine(rng, indent, file, fromDir, target, out.edits));
    at = to;
  }
  lines.push(...piece.lines.slice(at));
  return lines;
}

/** Cuts a config into a main file and included files, as a seed of `rng` decides. */
export function splitIntoIncludes(text: string, rng: Rng, target: Version): SplitConfig {
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  const out: SplitConfig = { main: '', files: [], edits: [] };
  const kept = cutInto(rng, { lines, finalNewline }, 'conf.d', '', 'part', 0, target, out);
  // Now and then an include that finds nothing: a missing file, a pattern matching none, a wildcard in a missing
  // folder or a name missing in every folder a wildcard finds (both "Config files missing" from 2.2.0).
  if (rng.int(4) === 0) {
    const at = rng.int(kept.length + 1);
    const missing = rng.pick(['conf.d/missing.conf', 'conf.d/none*.conf', 'conf.d/{a,b}.conf', 'missing.d/*.conf', 'conf*/missing.conf']);
    kept.splice(at, 0, `include ${missing}`);
    out.edits.push(`include ${missing} at line ${at + 1}`);
  }
  out.main = kept.join('\n') + (finalNewline ? '\n' : '');
  return out;
}

/** Writes a split config into `dir` (RUN_DIR made absolute); returns the texts of the included files by absolute path. */
export function writeSplit(split: SplitConfig, dir: string): Map<string, string> {
  const fill = (s: string) => s.split(RUN_DIR).join(dir);
  writeFileSync(join(dir, 'keepalived.conf'), fill(split.main));
  const texts = new Map<string, string>();
  for (const f of split.files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, fill(f.text));
    texts.set(path, fill(f.text));
  }
  return texts;
}

/** keepalived names an included file as the include line wrote it (or as a glob gave it): find which it is. */
function fileNamed(dir: string, texts: Map<string, string>, named: string): string | undefined {
  const direct = resolve(dir, named);
  if (texts.has(direct)) return direct;
  const matches = [...texts.keys()].filter((p) => p.endsWith(`/${named.replace(/^\.\//, '')}`));
  return matches.length === 1 ? matches[0] : undefined;
}

export interface IncludeCase {
  ka: KeepalivedVerdict;
  diagnostics: Diagnostic[];
  disagreements: Disagreement[];
}

/** Runs keepalived and kalint on a split config written into `dir`. */
export function checkSplit(binary: string, split: SplitConfig, dir: string, targetVersion?: string, timeoutMs = 10_000): IncludeCase {
  const texts = writeSplit(split, dir);
  const mainPath = join(dir, 'keepalived.conf');
  const release = parseVersion(targetVersion ?? DEFAULT_TARGET_VERSION);
  const oldNaming = !!release && compareVersions(release, [2, 1, 4]) < 0;
  const r = spawnSync(binary, ['-t', '-f', 'keepalived.conf', '-i', 'x'], { cwd: dir, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  const ka: KeepalivedVerdict = {
    status: r.status,
    signal: r.signal,
    timedOut: (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT',
    // Before 2.1.4 keepalived names the file only once a pattern has matched several: `(Line N)` may be any file's.
    messages: parseKeepalived(r.stderr ?? '', 'keepalived.conf', (named) => fileNamed(dir, texts, named), !(oldNaming && texts.size)),
  };
  let diagnostics: Diagnostic[] = [];
  let thrown: unknown;
  const main = split.main.split(RUN_DIR).join(dir);
  try {
    diagnostics = lintText(main, { file: mainPath, configId: 'x', host: hostWithin(dir), targetVersion }).diagnostics;
  } catch (e) {
    thrown = e;
  }
  return { ka, diagnostics, disagreements: classify(main, ka, diagnostics, mainPath, thrown, targetVersion, texts) };
}

function main(argv: string[]): void {
  const o = parseFuzzOptions(argv, { seed: 1, count: 200 }, { flags: ['--preprocessor', '--bytes'] });
  const { seed, count, outDir, targetVersion, ifname, dirs } = o;
  if (o.unknown) {
    console.error(`unknown argument ${o.unknown}\nusage: node dist/fuzz-includes.cjs --seed N --count M [--out DIR] [--keepalived PATH] [--target-version V] [--interface IF] [--preprocessor | --bytes] [DIR...]`);
    process.exit(2);
  }
  const target = parseVersion(targetVersion ?? DEFAULT_TARGET_VERSION);
  if (!target || !Number.isInteger(seed) || !(count > 0)) {
    console.error('--seed and --count take whole numbers, --target-version a release (2.2.7)');
    process.exit(2);
  }
  const { binary } = fuzzBinary(o);
  const sources = dirs.length ? collectConfigs(dirs) : [];
  if (outDir) mkdirSync(outDir, { recursive: true });
  const rng = makeRng(seed);
  // One preprocessor edit per config before it is cut (definitions then span files), from a generator of its own.
  const preprocessor = o.flags.has('--preprocessor') || o.flags.has('--bytes') ? makeRng(seed ^ 0x5eed) : undefined;
  const firstEdit = o.flags.has('--bytes') ? 'bytes' : true;
  const byCause: CauseTally = new Map();
  let disagreeing = 0;
  let crashes = 0;
  let includedMessages = 0;
  let inheritedCrashes = 0;
  const uncutCrash = new Map<string, boolean>();
  const crashesUncut = (text: string): boolean => {
    let crashed = uncutCrash.get(text);
    if (crashed === undefined) {
      crashed = crashedOrHung(checkMutant(binary, text, false, 10_000, targetVersion).ka);
      uncutCrash.set(text, crashed);
    }
    return crashed;
  };
  const started = Date.now();
  for (let i = 0; i < count; i++) {
    const source = sources.length ? rng.pick(sources) : undefined;
    const written = source ? (ifname ? withInterface(source.text, ifname) : source.text) : generateConfig(seed * 100_003 + i, target);
    const edited = preprocessor ? mutate(written, preprocessor, 1, firstEdit) : undefined;
    const split = splitIntoIncludes(edited?.text ?? written, rng, target);
    if (edited) split.edits.unshift(...edited.edits);
    const dir = mkdtempSync(join(tmpdir(), 'kalint-inc-'));
    try {
      const checked = checkSplit(binary, split, dir, targetVersion);
      const { ka } = checked;
      let { disagreements } = checked;
      if (crashedOrHung(ka)) crashes++;
      // A crash the uncut config causes too (this binary, this host: 2.1.5 crashes after removing a MISC_CHECK
      // whose default user is missing) is not the includes': as in fuzz-differential.ts.
      if (disagreements.some((d) => d.kind === 'crash-not-predicted') && crashesUncut(edited?.text ?? written)) {
        inheritedCrashes++;
        disagreements = disagreements.filter((d) => d.kind !== 'crash-not-predicted');
      }
      includedMessages += ka.messages.filter((m) => m.file !== undefined && !isHostMessage(m.message)).length;
      if (!disagreements.length) continue;
      disagreeing++;
      tallyCauses(byCause, disagreements, i);
      if (outDir) {
        const keep = join(outDir, String(i).padStart(4, '0'));
        // Written again, so that absolute include lines name the kept copy.
        mkdirSync(keep, { recursive: true });
        writeSplit(split, keep);
        const why = [`source: ${source?.path ?? `generated, seed ${seed * 100_003 + i}`}`, `run dir: ${dir}`, ...split.edits, ...disagreementLines(disagreements)];
        writeFileSync(join(keep, 'why.txt'), why.join('\n') + '\n');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`${count} configs cut into includes (seed ${seed}, target ${targetVersion ?? DEFAULT_TARGET_VERSION}) in ${((Date.now() - started) / 1000).toFixed(0)} s; ${disagreeing} disagree`);
  console.log(`keepalived: ${includedMessages} located host-independent messages in included files, ${crashes} crashes or hangs (${inheritedCrashes} not predicted but the uncut config crashes too)`);
  for (const line of causeLines(byCause)) console.log(line);
}

if (/fuzz-includes\.c?js$/.test(process.argv[1] ?? '')) main(process.argv.slice(2));
