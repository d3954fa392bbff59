// `npm run bench`: throughput, memory and whole-process speed of kalint on large valid configs.
//
// Bundled by scripts/build.mjs into dist/bench.js. The same file is also the child process used
// for memory figures (`--child TASK FILE`): each peak-RSS measurement runs in a fresh process so
// one task's garbage does not inflate the next one's number.
//
// Not a test: numbers depend on the machine, so nothing here fails on a missed target; the
// targets are printed next to the figures.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyze, parseCst, type Analysis } from '../server/src/core/index.js';
import { lintText, runFileRules } from '../server/src/linter.js';
import { generateConfig } from './gen-config.js';

// ---------- optional modules (written by other engineers; absent modules are reported) ----------

type Loaded<T> = { ok: true; fn: T } | { ok: false; why: string };

/**
 * Loads an export of a module that may not exist yet. The template literal makes esbuild bundle
 * whatever `index*.ts` exists in that folder at build time (and warn, harmlessly, while none does).
 */
async function loadOptional<T>(what: 'format' | 'peer' | 'cluster', exportName: string): Promise<Loaded<T>> {
  const suffix = '';
  let mod: Record<string, unknown>;
  try {
    if (what === 'format') mod = await import(`../server/src/core/format/index${suffix}.ts`);
    else if (what === 'peer') mod = await import(`../server/src/core/peer/index${suffix}.ts`);
    else mod = await import(`../server/src/cluster/index${suffix}.ts`);
  } catch {
    return { ok: false, why: 'not available (module absent)' };
  }
  const fn = mod[exportName];
  if (typeof fn !== 'function') return { ok: false, why: `not available (no export '${exportName}')` };
  return { ok: true, fn: fn as T };
}

/** format() and generatePeer() answer `{ error }` instead of throwing on input they refuse. */
function refusal(result: unknown): string | undefined {
  const e = (result as { error?: unknown } | undefined)?.error;
  return typeof e === 'string' ? e : undefined;
}

type FormatFn = (text: string, options?: Record<string, unknown>) => unknown;
type PeerFn = (text: string, options?: Record<string, unknown>) => unknown;
type ClusterFn = (files: { file: string; text: string }[], options?: Record<string, unknown>) => unknown;

// ---------- measurement helpers ----------

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

let collectGarbage: () => void = () => {};
try {
  setFlagsFromString('--expose-gc');
  collectGarbage = runInNewContext('gc') as () => void;
} catch {
  // Without gc the medians are only a little noisier.
}

/**
 * Median wall time of `fn` in seconds, the runs back to back after a warm-up: the steady state of
 * a process that lints again and again (the language server, `lintText` callers). The warm-up
 * runs `fn` at least `warmup` times and for at least two seconds: V8 keeps optimizing for the
 * first dozen runs of a 1 MB lint. No forced collection between runs: V8's forced full GC also
 * discards optimized code and type feedback, so a run right after one is partly cold (profiled:
 * rule code 4-5x slower, the whole lint 2-3x). `coldTimeIt` measures that case separately.
 */
function timeIt(fn: () => unknown, warmup: number, runs: number): number {
  const warmUntil = performance.now() + 2000;
  for (let i = 0; i < warmup || (performance.now() < warmUntil && i < 100); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) / 1000);
  }
  return median(times);
}

/** Like timeIt, with a forced full GC before each run (a heap and JIT state close to a fresh process's). */
function coldTimeIt(fn: () => unknown, warmup: number, runs: number): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) / 1000);
  }
  return median(times);
}

/**
 * Medians (seconds) of the two halves of a lint, each run timed on a fresh analysis: the rules'
 * shared facts are cached per analysis, so rules run again on one analysis time only the cheap
 * part (about a third of their first run on the 6 MB file).
 */
function splitTimes(analyzeFn: () => Analysis, rulesFn: (a: Analysis) => unknown, warmup: number, runs: number): { analyzeS: number; rulesS: number } {
  for (let i = 0; i < warmup; i++) rulesFn(analyzeFn());
  const a: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const analysis = analyzeFn();
    const t1 = performance.now();
    rulesFn(analysis);
    a.push((t1 - t0) / 1000);
    r.push((performance.now() - t1) / 1000);
  }
  return { analyzeS: median(a), rulesS: median(r) };
}

function mbPerSecond(bytes: number, seconds: number): number {
  return bytes / 1e6 / seconds;
}

// ---------- child mode: run one task once, report the RSS high-water mark ----------

type Task = 'baseline' | 'parse' | 'analyze' | 'lint' | 'format' | 'peer' | 'cluster';

async function runTask(task: Task, files: string[]): Promise<string | undefined> {
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const text = texts[0]!;
  let keep: unknown;
  switch (task) {
    case 'baseline':
      keep = text.length;
      break;
    case 'parse':
      keep = parseCst(text);
      break;
    case 'analyze':
      keep = analyze(text, { file: files[0] });
      break;
    case 'lint':
      keep = lintText(text, { file: files[0] });
      break;
    case 'format': {
      const f = await loadOptional<FormatFn>('format', 'format');
      if (!f.ok) return f.why;
      keep = f.fn(text, {});
      break;
    }
    case 'peer': {
      const f = await loadOptional<PeerFn>('peer', 'generatePeer');
      if (!f.ok) return f.why;
      keep = f.fn(text, {});
      break;
    }
    case 'cluster': {
      const f = await loadOptional<ClusterFn>('cluster', 'lintCluster');
      if (!f.ok) return f.why;
      keep = f.fn(files.map((file, i) => ({ file, text: texts[i]! })), {});
      break;
    }
  }
  // The result stays reachable until the measurement, as it would in the CLI.
  void keep;
  return undefined;
}

async function childMain(task: Task, files: string[]): Promise<void> {
  let error: string | undefined;
  try {
    error = await runTask(task, files);
  } catch (e) {
    error = `threw: ${(e as Error)?.message ?? e}`;
  }
  // resourceUsage().maxRSS is in kilobytes.
  process.stdout.write(JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024, error }) + '\n');
}

/** Peak RSS (MB) of a fresh node process running `task` once on `files`. */
/** Peak RSS of one fresh child process running `task` once. */
function peakMemoryOnce(task: Task, files: string[]): { mb?: number; error?: string } {
  const r = spawnSync(process.execPath, [__filename, '--child', task, ...files], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    const out = JSON.parse(line) as { maxRssMB: number; error?: string };
    return out.error ? { error: out.error } : { mb: out.maxRssMB };
  } catch {
    return { error: `child failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-1)[0] ?? ''}` };
  }
}

/**
 * Median peak RSS of three fresh child processes: one process's figure moves by a few MB from run
 * to run (the same task measured 147.5 and 150.1 MB in two bench runs), more than the margins we
 * compare against.
 */
function peakMemory(task: Task, files: string[]): { mb?: number; error?: string; range?: [number, number] } {
  const runs = [peakMemoryOnce(task, files), peakMemoryOnce(task, files), peakMemoryOnce(task, files)];
  const failed = runs.find((r) => r.mb === undefined);
  if (failed) return failed;
  const mbs = runs.map((r) => r.mb!);
  return { mb: median(mbs), range: [Math.min(...mbs), Math.max(...mbs)] };
}

/**
 * Median peak RSS of three runs of the CLI itself: a preload script writes the process's
 * maxRSS to a file when it exits (the CLI's own output stays untouched).
 */
function peakMemoryOfCli(kalintBin: string, file: string, dir: string): { mb?: number; error?: string; range?: [number, number] } {
  const preload = join(dir, 'rss-preload.cjs');
  const out = join(dir, 'rss.txt');
  writeFileSync(preload, "process.on('exit', () => require('fs').writeFileSync(process.env.KALINT_BENCH_RSS_OUT, String(process.resourceUsage().maxRSS)));\n");
  const mbs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(process.execPath, ['-r', preload, kalintBin, 'lint', file], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, KALINT_BENCH_RSS_OUT: out } });
    let kb: number;
    try {
      kb = Number(readFileSync(out, 'utf8'));
    } catch {
      return { error: `kalint lint failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-1)[0] ?? ''}` };
    }
    mbs.push(kb / 1024);
  }
  return { mb: median(mbs), range: [Math.min(...mbs), Math.max(...mbs)] };
}

// ---------- whole-process comparison ----------

interface ProcessRun {
  seconds: number;
  status: number | null;
  stderr: string;
  stdout: string;
}

function runProcess(cmd: string, args: string[]): ProcessRun {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.error) throw r.error;
  return { seconds, status: r.status, stderr: r.stderr, stdout: r.stdout };
}

function hasKeepalived(): boolean {
  const r = spawnSync('keepalived', ['--version'], { encoding: 'utf8' });
  return !r.error;
}

// ---------- report ----------

interface Row {
  metric: string;
  value: string;
  target?: string;
  verdict?: string;
}

const rows: Row[] = [];
const json: Record<string, unknown> = {};

function row(metric: string, value: string, target?: string, met?: boolean): void {
  // Progress on stderr, so a long run shows signs of life and stdout stays the report.
  process.stderr.write(value ? `  ${metric}: ${value}\n` : `${metric}\n`);
  rows.push({ metric, value, target, verdict: met === undefined ? undefined : met ? 'ok' : 'MISSED' });
}

function printTable(): void {
  // Section headings (no value) do not count towards the column widths.
  const body = rows.filter((r) => r.value || r.target);
  const w0 = Math.max(...body.map((r) => r.metric.length));
  const w1 = Math.max(...body.map((r) => r.value.length));
  const w2 = Math.max(...body.map((r) => (r.target ?? '').length));
  for (const r of rows) {
    if (!r.value && !r.target) {
      console.log(`\n${r.metric}`);
      continue;
    }
    console.log(`  ${r.metric.padEnd(w0)}  ${r.value.padStart(w1)}  ${(r.target ?? '').padEnd(w2)}  ${r.verdict ?? ''}`.trimEnd());
  }
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

// ---------- main ----------

const TARGETS = {
  lintMBps: 40,
  processRatio6MB: 0.7,
  peakMemory6MB: 150,
  formatMBps: 20,
};

async function benchMain(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kalint-bench-'));
  const kalintBin = resolve(__dirname, '..', 'bin', 'kalint.js');
  try {
    const sizes = [
      { label: '1MB', bytes: 1_000_000, warmup: 3, runs: 9, processRuns: 7 },
      { label: '6MB', bytes: 6_000_000, warmup: 3, runs: 7, processRuns: 5 },
    ];
    const format = await loadOptional<FormatFn>('format', 'format');
    const peer = await loadOptional<PeerFn>('peer', 'generatePeer');
    const cluster = await loadOptional<ClusterFn>('cluster', 'lintCluster');
    const keepalived = hasKeepalived();
    // The fixed cost every `kalint` run pays (node start + loading the bundle), for reading the ratios.
    runProcess(process.execPath, [kalintBin, '--version']);
    const startup = median(Array.from({ length: 5 }, () => runProcess(process.execPath, [kalintBin, '--version']).seconds));
    json.kalintStartupSeconds = +startup.toFixed(3);

    const cores = availableParallelism();
    const load = loadavg()[0]!;
    console.log(`kalint bench — node ${process.version}, ${process.platform}/${process.arch}, ${cores} cores, load average ${load.toFixed(1)}`);
    // Other processes competing for the CPU slow every figure down; say so next to the numbers.
    if (load > cores * 0.75) console.log(`warning: the machine is busy (load ${load.toFixed(1)} on ${cores} cores); timings are pessimistic`);
    json.machine = { cores, loadAverageAtStart: +load.toFixed(2) };
    for (const size of sizes) {
      const gen = generateConfig({ targetBytes: size.bytes });
      const file = join(dir, `bench-${size.label}.conf`);
      writeFileSync(file, gen.text);
      const text = gen.text;
      const bytes = Buffer.byteLength(text);
      const mb = bytes / 1e6;
      const result: Record<string, unknown> = {
        bytes,
        lines: text.split('\n').length,
        vrrpInstances: gen.vrrpInstances,
        virtualServers: gen.virtualServers,
        realServers: gen.realServers,
      };
      json[size.label] = result;
      if (size === sizes[0]) row('kalint --version (startup cost, median of 5)', `${startup.toFixed(3)} s`);
      row(`${size.label} config: ${fmt(mb, 2)} MB, ${gen.vrrpInstances} vrrp_instance, ${gen.virtualServers} virtual_server, ${gen.realServers} real_server`, '');
      const is6 = size.label === '6MB';

      // In-process throughput.
      const parseS = timeIt(() => parseCst(text), size.warmup, size.runs);
      const analyzeS = timeIt(() => analyze(text, { file }), size.warmup, size.runs);
      const lintS = timeIt(() => lintText(text, { file }), size.warmup, size.runs);
      const lintColdS = coldTimeIt(() => lintText(text, { file }), 0, size.runs);
      const findings = lintText(text, { file }).diagnostics;
      result.parseMBps = +fmt(mbPerSecond(bytes, parseS));
      result.analyzeMBps = +fmt(mbPerSecond(bytes, analyzeS));
      result.lintMBps = +fmt(mbPerSecond(bytes, lintS));
      result.lintAfterForcedGcMBps = +fmt(mbPerSecond(bytes, lintColdS));
      result.lintFindings = findings.length;
      row('parse (parseCst)', `${fmt(result.parseMBps as number)} MB/s`);
      row('analyze', `${fmt(result.analyzeMBps as number)} MB/s`);
      row('parse+lint (lintText, runs back to back)', `${fmt(result.lintMBps as number)} MB/s`, `≥ ${TARGETS.lintMBps} MB/s`, (result.lintMBps as number) >= TARGETS.lintMBps);
      row('  each run after a forced full GC', `${fmt(result.lintAfterForcedGcMBps as number)} MB/s`);
      // Where lint time goes: the core (analyze) and the file rules run on its result, timed in the same runs.
      const split = splitTimes(() => analyze(text, { file }), runFileRules, size.warmup, size.runs);
      result.analyzeMs = Math.round(split.analyzeS * 1000);
      result.rulesMs = Math.round(split.rulesS * 1000);
      row('  of which analyze / file rules (each on a fresh analysis)', `${result.analyzeMs} / ${result.rulesMs} ms`);
      row('lint findings on the valid config', `${findings.length}`, 'expected 0', findings.length === 0);

      if (format.ok) {
        try {
          const refused = refusal(format.fn(text, {}));
          if (refused) throw new Error(`refused the file: ${refused}`);
          const s = timeIt(() => format.fn(text, {}), size.warmup, size.runs);
          result.formatMBps = +fmt(mbPerSecond(bytes, s));
          row('format', `${fmt(result.formatMBps as number)} MB/s`, `≥ ${TARGETS.formatMBps} MB/s`, (result.formatMBps as number) >= TARGETS.formatMBps);
        } catch (e) {
          result.formatMBps = null;
          row('format', `threw: ${(e as Error).message}`);
        }
      } else {
        result.formatMBps = null;
        row('format', format.why, `≥ ${TARGETS.formatMBps} MB/s`);
      }
      if (peer.ok) {
        try {
          const refused = refusal(peer.fn(text, {}));
          if (refused) throw new Error(`refused the file: ${refused}`);
          const s = timeIt(() => peer.fn(text, {}), size.warmup, size.runs);
          result.peerMBps = +fmt(mbPerSecond(bytes, s));
          row('peer (generatePeer)', `${fmt(result.peerMBps as number)} MB/s`);
        } catch (e) {
          result.peerMBps = null;
          row('peer (generatePeer)', `threw: ${(e as Error).message}`);
        }
      } else {
        result.peerMBps = null;
        row('peer (generatePeer)', peer.why);
      }

      // Peak memory, one fresh process per task.
      const memory: Record<string, number | null> = {};
      const baseline = peakMemory('baseline', [file]);
      memory.baseline = baseline.mb ?? null;
      row('peak RSS: node + file read (baseline), median of 3', baseline.mb !== undefined ? `${fmt(baseline.mb)} MB` : baseline.error!);
      for (const task of ['parse', 'analyze', 'lint', 'format', 'peer'] as const) {
        const m = peakMemory(task, [file]);
        memory[task] = m.mb ?? null;
        const target = task === 'lint' && is6 ? `≤ ${TARGETS.peakMemory6MB} MB` : undefined;
        const spread = m.range ? ` (${fmt(m.range[0])}–${fmt(m.range[1])})` : '';
        row(`peak RSS: ${task}, median of 3${spread}`, m.mb !== undefined ? `${fmt(m.mb)} MB` : m.error!, target, target && m.mb !== undefined ? m.mb <= TARGETS.peakMemory6MB : undefined);
      }
      // The same for the CLI as users run it (`kalint lint FILE`: reading, config ids, output).
      const cli = peakMemoryOfCli(kalintBin, file, dir);
      memory.cli = cli.mb ?? null;
      {
        const target = is6 ? `≤ ${TARGETS.peakMemory6MB} MB` : undefined;
        const spread = cli.range ? ` (${fmt(cli.range[0])}–${fmt(cli.range[1])})` : '';
        row(`peak RSS: kalint lint FILE (process), median of 3${spread}`, cli.mb !== undefined ? `${fmt(cli.mb)} MB` : cli.error!, target, target && cli.mb !== undefined ? cli.mb <= TARGETS.peakMemory6MB : undefined);
      }
      result.peakRssMB = memory;

      // Whole process: kalint CLI vs keepalived's own config test, interleaved so both see the
      // same machine load.
      const kalintTimes: number[] = [];
      const keepalivedTimes: number[] = [];
      const kalintFirst = runProcess(process.execPath, [kalintBin, 'lint', file]);
      const keepalivedFirst = keepalived ? runProcess('keepalived', ['-t', '-f', file, '-i', 'bench']) : undefined;
      for (let i = 0; i < size.processRuns; i++) {
        kalintTimes.push(runProcess(process.execPath, [kalintBin, 'lint', file]).seconds);
        if (keepalived) keepalivedTimes.push(runProcess('keepalived', ['-t', '-f', file, '-i', 'bench']).seconds);
      }
      const kalintS = median(kalintTimes);
      result.kalintProcessSeconds = +kalintS.toFixed(3);
      row(`kalint lint FILE (process, median of ${size.processRuns})`, `${kalintS.toFixed(3)} s`, `exit ${kalintFirst.status}`);
      if (keepalivedFirst) {
        const kaS = median(keepalivedTimes);
        const ratio = kalintS / kaS;
        const clean = keepalivedFirst.status === 0 && keepalivedFirst.stderr.trim() === '' && keepalivedFirst.stdout.trim() === '';
        result.keepalivedProcessSeconds = +kaS.toFixed(3);
        result.processRatio = +ratio.toFixed(3);
        result.keepalivedAccepts = clean;
        row(`keepalived -t -f FILE (median of ${size.processRuns})`, `${kaS.toFixed(3)} s`, clean ? 'exit 0, silent' : `exit ${keepalivedFirst.status}: ${keepalivedFirst.stderr.trim().split('\n')[0]}`, clean);
        row('ratio kalint / keepalived', `${ratio.toFixed(2)}×`, is6 ? `≤ ${TARGETS.processRatio6MB}×` : undefined, is6 ? ratio <= TARGETS.processRatio6MB : undefined);
      } else {
        result.keepalivedProcessSeconds = null;
        result.processRatio = null;
        row('keepalived -t -f FILE', 'not available (keepalived not installed)');
      }
    }

    // Cluster: the two nodes of a pair, each a 6 MB config.
    row('cluster of two 6MB files (lintCluster)', '');
    const a = generateConfig({ targetBytes: 6_000_000 });
    const b = generateConfig({ targetBytes: 6_000_000, peer: true });
    const fileA = join(dir, 'node-a.conf');
    const fileB = join(dir, 'node-b.conf');
    writeFileSync(fileA, a.text);
    writeFileSync(fileB, b.text);
    if (cluster.ok) {
      const inputs = [
        { file: fileA, text: a.text },
        { file: fileB, text: b.text },
      ];
      const bytes = Buffer.byteLength(a.text) + Buffer.byteLength(b.text);
      try {
        const found = (cluster.fn(inputs, {}) as { diagnostics?: unknown[] }).diagnostics?.length ?? 0;
        row('cluster findings on the valid pair', `${found}`, 'expected 0', found === 0);
        const s = timeIt(() => cluster.fn(inputs, {}), 1, 3);
        const m = peakMemory('cluster', [fileA, fileB]);
        json.cluster = { bytes, findings: found, seconds: +s.toFixed(3), MBps: +fmt(mbPerSecond(bytes, s)), peakRssMB: m.mb ?? null };
        row('lintCluster (both files)', `${s.toFixed(3)} s = ${fmt(mbPerSecond(bytes, s))} MB/s`);
        row('peak RSS: cluster', m.mb !== undefined ? `${fmt(m.mb)} MB` : m.error!);
      } catch (e) {
        json.cluster = null;
        row('lintCluster', `threw: ${(e as Error).message}`);
      }
    } else {
      json.cluster = null;
      row('lintCluster', cluster.why);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log('');
  printTable();
  console.log('');
  const m6 = json['6MB'] as Record<string, unknown>;
  json.targets = {
    lintMBps: { target: TARGETS.lintMBps, met: (m6.lintMBps as number) >= TARGETS.lintMBps },
    processRatio6MB: { target: TARGETS.processRatio6MB, met: m6.processRatio === null ? null : (m6.processRatio as number) <= TARGETS.processRatio6MB },
    peakMemory6MB: { target: TARGETS.peakMemory6MB, met: peakMet(m6.peakRssMB as Record<string, number | null>) },
    formatMBps: { target: TARGETS.formatMBps, met: m6.formatMBps === null ? null : (m6.formatMBps as number) >= TARGETS.formatMBps },
  };
  json.node = process.version;
  (json.machine as Record<string, number>).loadAverageAtEnd = +loadavg()[0]!.toFixed(2);
  console.log(JSON.stringify({ bench: json }));
}

if (process.argv[2] === '--child') {
  void childMain(process.argv[3] as Task, process.argv.slice(4));
} else {
  benchMain().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}

/** The memory target holds for the in-process lint and for the CLI process alike. */
function peakMet(peaks: Record<string, number | null>): boolean | null {
  if (peaks.lint === null || peaks.cli === null || peaks.lint === undefined || peaks.cli === undefined) return null;
  return peaks.lint <= TARGETS.peakMemory6MB && peaks.cli <= TARGETS.peakMemory6MB;
}
