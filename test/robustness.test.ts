// Robustness: degenerate and hostile inputs. Nothing may throw, overflow the stack, loop forever,
// or take more than linear time; every result stays lossless. Inputs that could hang the process
// (self-feeding definitions) run in a child process with a hard timeout, so a regression fails one
// test instead of freezing the whole suite.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, parseCst, type SourceHost } from '../server/src/core/index.js';
import { lintText } from '../server/src/linter.js';
import { duplicateVrid } from '../server/src/rules/vrrp/duplicate-vrid.js';
import { generateConfig } from '../scripts/gen-config.js';
import { diagnosticsViolation, losslessViolation } from './helpers/lossless.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';
import { cpuMs, expectScalesWithin } from './helpers/scaling.js';

/** parseCst + analyze + lintText, with every invariant checked; returns the lint diagnostics' codes. */
function checkAll(text: string, options: { host?: SourceHost; file?: string; maxIncludeDepth?: number } = {}): { codes: string[]; problems: string[] } {
  const file = options.file ?? 'k.conf';
  const tree = parseCst(text);
  expect(losslessViolation(text, tree)).toBeUndefined();
  const a = analyze(text, { ...options, file });
  expect(diagnosticsViolation(text, file, a.diagnostics, tree.lineStarts)).toBeUndefined();
  const l = lintText(text, { ...options, file });
  expect(diagnosticsViolation(text, file, l.diagnostics, tree.lineStarts)).toBeUndefined();
  return { codes: l.diagnostics.map((d) => d.code), problems: tree.problems.map((p) => p.code) };
}

let collectGarbage: () => void = () => {};
try {
  setFlagsFromString('--expose-gc');
  collectGarbage = runInNewContext('gc') as () => void;
} catch {
  // Timing comparisons are only a little noisier without it.
}

function count<T>(xs: T[], x: T): number {
  return xs.filter((y) => y === x).length;
}

/** Deterministic bytes (mulberry32), so a failure reproduces. */
function randomBytes(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let a = seed >>> 0;
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (t ^ (t >>> 14)) & 255;
  }
  return out;
}

describe('linear time on one huge line', () => {
  // Compares 0.25 MB and 1 MB of the same shape: linear is 4×, a quadratic step 16×. The bound is
  // 12×: CPU time includes V8's parallel GC threads, which on a loaded 2-core CI machine put a
  // linear run at up to ~8× (seen: 8.2×), and 12× still fails anything quadratic. These run first in the file: a heap already filled by the big
  // tests below makes a 1 MB run pay for collecting their leftovers, which is not its own cost.
  const shapes: Record<string, (n: number) => string> = {
    'words on one line': (n) => 'router_id ' + 'abc '.repeat(n / 4),
    'one quoted string': (n) => 'router_id "' + 'a'.repeat(n) + '"',
    'one comment': (n) => '# ' + 'a'.repeat(n),
    'one unterminated quoted string': (n) => 'router_id "' + 'a b '.repeat(n / 4),
    // A finding for each word (each repeats a VIP): folding the findings of a line that expands looked each
    // finding's line up from its offset, slicing the whole line each time (300,000 addresses: 227 s).
    'addresses on one line, each a finding': (n) => 'vrrp_instance A {\n    virtual_ipaddress {\n' + '10.0.0.1 '.repeat(n / 9) + '\n    }\n}\n',
  };

  /** Best of three runs, in CPU milliseconds: unlike wall time, not inflated when other processes hold the CPU. */
  function bestTime(text: string): number {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      // Start each run from a collected heap, so the ratio measures the code, not the GC's mood.
      collectGarbage();
      const c0 = process.cpuUsage();
      parseCst(text);
      lintText(text, { file: 'k.conf' });
      const c = process.cpuUsage(c0);
      best = Math.min(best, (c.user + c.system) / 1000);
    }
    return best;
  }

  for (const [name, make] of Object.entries(shapes)) {
    it(name, () => {
      const small = make(250_000);
      const large = make(1_000_000);
      expect(large.length).toBeGreaterThan(900_000);
      checkAll(large);
      bestTime(make(10_000)); // warm up the JIT
      const ts = bestTime(small);
      const tl = bestTime(large);
      // Below a few milliseconds timer noise dominates; such a run is fast enough either way.
      if (tl > 20) expect(tl / ts, `0.25 MB: ${ts.toFixed(1)} ms, 1 MB: ${tl.toFixed(1)} ms`).toBeLessThan(12);
    });
  }
});

/** CPU milliseconds of one lint of `text`, from a collected heap. */
function lintCpu(text: string): number {
  collectGarbage();
  return cpuMs(() => lintText(text, { file: 'k.conf' }));
}

// A scaling sweep (session 53): the style rules asked, for each line ending in a backslash, whether it continues a
// `$NAME=` definition by walking up to the definition, so a definition of 8,000 lines took 3.6 s.
describe('linear time on long runs of backslash-ended lines', () => {
  const definition = (lines: number) => '$BIG= \\\n' + Array.from({ length: lines }, (_, i) => `  router_id r${i} \\\n`).join('') + '  router_id end\nglobal_defs {\n$BIG\n}\n';
  // Likewise KA702 walked up a run of backslash-ended keyword lines to its first line, for each line of the run.
  const backslashLines = (lines: number) => 'global_defs {\n' + Array.from({ length: lines }, (_, i) => `  router_id r${i} \\\n`).join('') + '}\n';
  for (const [name, make] of [['a definition', definition], ['keyword lines ending in a backslash', backslashLines]] as const) {
    // An 8x step: linear is 8x (up to ~16x on a loaded machine), the quadratic walks were 64x on the walk.
    it(`${name}: 2,000 and 16,000 lines`, () => {
      lintCpu(make(500));
      expectScalesWithin((n) => lintCpu(make(n)), 2000, 16000, 24, (small, large) => `2,000 lines: ${small.toFixed(0)} ms, 16,000: ${large.toFixed(0)} ms`);
    });
  }
});

// Session 54: the check that a comment's trailing backslash comes before no NUL byte searched on to the end of the
// text for each line ending in a comment: 80,000 commented lines took 5 s (10,000: 0.2 s), now 0.9 s.
describe('linear time on many lines ending in a comment', () => {
  const make = (n: number) => 'global_defs {\n' + Array.from({ length: n }, (_, i) => `    router_id a # ${'c'.repeat(100)} ${i}\n`).join('') + '}\n';
  // An 8x step: linear measured 4.3x, the search made it 22x to 26x.
  it('10,000 and 80,000 lines', () => {
    lintCpu(make(2000));
    expectScalesWithin((n) => lintCpu(make(n)), 10_000, 80_000, 12, (small, large) => `10,000: ${small.toFixed(0)} ms, 80,000: ${large.toFixed(0)} ms`);
  });
});

// A scaling sweep (session 53): KA701 looked for a '//' word from the start of the line for each glued brace, so
// 50,000 glued braces on one line took seconds.
describe('linear time on many glued braces on one line', () => {
  const shapes: Record<string, (n: number) => string> = {
    'a{ repeated': (n) => 'vrrp_instance V {\n' + 'a{'.repeat(n) + '\n}\n',
    '} repeated': (n) => '}'.repeat(n) + '\n',
  };
  for (const [name, make] of Object.entries(shapes)) {
    it(`${name}: 10,000 and 40,000`, () => {
      lintCpu(make(2000));
      expectScalesWithin((n) => lintCpu(make(n)), 10_000, 40_000, 12, (small, large) => `10,000: ${small.toFixed(0)} ms, 40,000: ${large.toFixed(0)} ms`);
    });
  }
});

// A scaling sweep (session 53): KA301 compared the unicast instances of one VRID pair by pair (16,000: 4 s). The
// rule alone is timed, on an analysis made before: linear is 32x from 500 to 16,000, pair by pair ~1,000x.
describe('linear time on many unicast instances sharing a VRID', () => {
  const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  const make = (n: number) => Array.from({ length: n }, (_, i) => `vrrp_instance I${i} {\n interface eth0\n virtual_router_id 1\n unicast_src_ip ${ip(i)}\n unicast_peer {\n  ${ip(i + 1)}\n }\n virtual_ipaddress {\n  10.200.0.1\n }\n}\n`).join('');
  const ruleCpu = (n: number) => {
    const analysis = analyze(make(n), { file: 'k.conf' });
    collectGarbage();
    return cpuMs(() => duplicateVrid.check({ analysis, target: analysis.target, report: () => {} } as Parameters<typeof duplicateVrid.check>[0]));
  };
  it('500 and 16,000 instances', () => {
    ruleCpu(250);
    expectScalesWithin(ruleCpu, 500, 16000, 128, (small, large) => `500: ${small.toFixed(1)} ms, 16,000: ${large.toFixed(1)} ms`);
  });
});

describe('degenerate files', () => {
  it('empty file', () => {
    const { codes, problems } = checkAll('');
    expect(problems).toEqual([]);
    expect(codes.filter((c) => c.startsWith('KA1'))).toEqual([]);
    expect(parseCst('').tokens).toEqual([]);
  });

  it('only whitespace, in every flavour of line break', () => {
    for (const t of [' ', '\n', '\r\n', '\r', '\t\f\v', ' \n\t\r\n\r\r\n\f\v  ', '\n'.repeat(1000)]) {
      const { problems } = checkAll(t);
      expect(problems).toEqual([]);
      expect(parseCst(t).tokens).toEqual([]);
    }
  });

  it('binary files (random bytes with NULs), read as UTF-8 and as Latin-1', () => {
    for (const seed of [1, 2, 3]) {
      const bytes = randomBytes(64 * 1024, seed);
      bytes[100] = 0;
      bytes[5000] = 0;
      for (const text of [bytes.toString('utf8'), bytes.toString('latin1')]) {
        expect(text.includes('\0')).toBe(true);
        checkAll(text);
      }
    }
  });

  it('10 000 nested `{` (no stack overflow; every brace reported unclosed)', () => {
    const text = '{\n'.repeat(10_000);
    const { problems } = checkAll(text);
    expect(count(problems, 'KA102')).toBe(10_000);
  });

  it('10 000 nested `vrrp_instance x {` blocks, unclosed and closed', () => {
    const open = 'vrrp_instance x {\n'.repeat(10_000);
    expect(count(checkAll(open).problems, 'KA102')).toBe(10_000);
    const closed = open + '}\n'.repeat(10_000);
    const { problems } = checkAll(closed);
    expect(problems).toEqual([]);
    // The tree really is 10 000 deep.
    let depth = 0;
    let node = parseCst(closed).children[0];
    while (node && node.type === 'statement' && node.block) {
      depth++;
      node = node.block.children[0];
    }
    expect(depth).toBe(10_000);
  });

  it('200 000 findings in one file: no stack overflow (a spread of them into push() was one), and the CLI lists them all', () => {
    const lines = ['global_defs {'];
    for (let i = 0; i < 200_000; i++) lines.push(`  bogus_kw${i % 7} 1`);
    lines.push('}', '');
    const text = lines.join('\n');
    const r = lintText(text, { file: 'many.conf' });
    expect(r.diagnostics.filter((d) => d.code === 'KA000')).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === 'KA201')).toHaveLength(200_000);
    const dir = mkdtempSync(join(tmpdir(), 'kalint-many-'));
    try {
      writeFileSync(join(dir, 'many.conf'), text);
      const cli = spawnSync(process.execPath, [resolve(__dirname, '../bin/kalint.js'), 'lint', '-f', 'gnu', 'many.conf'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 27 });
      expect(cli.stderr).toBe('');
      expect(cli.status).toBe(1);
      expect(cli.stdout.split('\n').filter(Boolean)).toHaveLength(200_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('10 000 `}` that close nothing', () => {
    const text = '}\n'.repeat(10_000);
    const { problems } = checkAll(text);
    expect(count(problems, 'KA101')).toBe(10_000);
  });

  it('a file of 100 000 lines', () => {
    // One instance with 100 000 virtual addresses: value lines, the common shape of long configs.
    const lines = ['vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 1', '    virtual_ipaddress {'];
    for (let i = 0; i < 100_000; i++) lines.push(`        10.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}/32`);
    lines.push('    }', '}', '');
    const text = lines.join('\n');
    expect(parseCst(text).lineStarts.length).toBe(100_007);
    const { codes } = checkAll(text);
    expect(codes.filter((c) => c !== 'KA000' && c.startsWith('KA1'))).toEqual([]);
    expect(codes).not.toContain('KA000');
  });
});

describe('line endings', () => {
  it('a CRLF config gives the same findings, at the same lines and columns, as its LF twin', () => {
    const lf = generateConfig({ targetBytes: 30_000 }).text;
    const crlf = generateConfig({ targetBytes: 30_000, eol: '\r\n' }).text;
    expect(crlf).toBe(lf.replace(/\n/g, '\r\n'));
    expect(checkAll(crlf).codes).toEqual([]);
    // Break the config in a few places so there are findings to compare.
    const broken = (t: string, eol: string) =>
      t.replace(`virtual_router_id 7${eol}`, `virtual_router_id 700${eol}`).replace(`lb_algo rr${eol}`, `lb_algo rrr${eol}`).replace(`auth_type PASS${eol}`, `auth_typo PASS${eol}`);
    const a = lintText(broken(lf, '\n'), { file: 'k.conf' }).diagnostics;
    const b = lintText(broken(crlf, '\r\n'), { file: 'k.conf' }).diagnostics;
    expect(a.length).toBeGreaterThanOrEqual(3);
    const where = (ds: typeof a) => ds.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column}`);
    expect(where(b)).toEqual(where(a));
    checkAll(broken(crlf, '\r\n'));
  });

  it('a bare CR is whitespace (keepalived reads lines up to LF), CRLF and LF end lines', () => {
    // keepalived 2.2.7: `state MASTER\r interface eth0` is one line ("(A) Unknown interface!").
    const text = 'global_defs {\r  router_id a\n  router_id b\r\n}\r';
    const tree = parseCst(text);
    expect(tree.lineStarts.length).toBe(3);
    const words = tree.tokens.filter((t) => t.kind === 'word').map((t) => t.text);
    expect(words).toEqual(['global_defs', 'router_id', 'a', 'router_id', 'b']);
    checkAll(text);
  });
});

describe('includes through an in-memory host', () => {
  function memoryHost(files: Record<string, string>): SourceHost {
    return {
      readFile: (p) => files[p],
      readDir: (d) => {
        const prefix = d.endsWith('/') ? d : d + '/';
        const names = Object.keys(files).filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'));
        return names.length ? names.map((p) => ({ name: p.slice(prefix.length), isDirectory: false })) : undefined;
      },
    };
  }

  it('a file that includes itself is reported as a cycle, once, and reading stops', () => {
    const main = '/etc/keepalived/keepalived.conf';
    const text = 'global_defs {\n  router_id a\n}\ninclude keepalived.conf\n';
    const host = memoryHost({ [main]: text });
    const { codes } = checkAll(text, { host, file: main });
    expect(count(codes, 'KA111')).toBe(1);
  });

  it('two files that include each other, and a glob that matches its own file', () => {
    const a = '/etc/k/a.conf';
    const b = '/etc/k/b.conf';
    const files = { [a]: 'include b.conf\n', [b]: 'include a.conf\ninclude *.conf\n' };
    const { codes } = checkAll(files[a], { host: memoryHost(files), file: a });
    expect(codes).toContain('KA111');
  });

  it('include depth is limited by kalint\'s own bound (default 10,000 levels, or maxIncludeDepth), said once as kalint\'s', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`/etc/k/f${i}.conf`] = `include f${i + 1}.conf\n`;
    files['/etc/k/f60.conf'] = 'global_defs {\n  bogus_deep_kw\n}\n';
    const host = memoryHost(files);
    // keepalived reads a chain of 60 (and of 1,000, rules62): so does kalint, down to the unknown keyword at the end.
    const deflt = analyze(files['/etc/k/f0.conf']!, { host, file: '/etc/k/f0.conf' });
    expect(deflt.diagnostics.map((d) => d.code)).not.toContain('KA112');
    expect(deflt.diagnostics.filter((d) => d.code === 'KA201').map((d) => d.file)).toEqual(['/etc/k/f60.conf']);
    const five = analyze(files['/etc/k/f0.conf']!, { host, file: '/etc/k/f0.conf', maxIncludeDepth: 5 });
    const stops = five.diagnostics.filter((d) => d.code === 'KA112');
    expect(stops.map((d) => [d.file, d.severity])).toEqual([['/etc/k/f4.conf', 'warning']]);
    expect(stops[0]!.message).toMatch(/^include nesting deeper than 5 levels: kalint stops following includes here \(its own bound, set by maxIncludeDepth; keepalived has no bound/);
    expect(five.files.size).toBe(5);
    checkAll(files['/etc/k/f0.conf']!, { host, file: '/etc/k/f0.conf', maxIncludeDepth: 5 });
  });

  it('a chain of 12,000 includes: kalint stops at its own 10,000 levels, quickly and without a stack overflow', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12_000; i++) files[`/etc/k/f${i}.conf`] = `include f${i + 1}.conf\n`;
    files['/etc/k/f12000.conf'] = '';
    const t0 = performance.now();
    const a = analyze(files['/etc/k/f0.conf']!, { host: memoryHost(files), file: '/etc/k/f0.conf' });
    expect(performance.now() - t0).toBeLessThan(20_000);
    // Where keepalived runs out of descriptors under the usual limit (an error), and where kalint stops (a warning).
    expect(a.diagnostics.filter((d) => d.code === 'KA112').map((d) => [d.file, d.severity])).toEqual([
      ['/etc/k/f1016.conf', 'error'],
      ['/etc/k/f9999.conf', 'warning'],
    ]);
    expect(a.files.size).toBe(10_000);
  });

  it('a tree whose every level includes itself and the next folder: each include cycle names its own files, not the chain above (api64 bug 1)', () => {
    // Each KA111 named the whole include chain down to it, full paths: output grew with the cube of the depth (800
    // levels: 352 MB of findings; the default 10,000: out of memory). Now the cycle alone, a very long path shortened.
    const host: SourceHost = { readFile: (p) => (p.endsWith('/a.conf') ? 'include a.conf\ninclude sub/a.conf\n' : undefined), readDir: () => undefined };
    const t0 = performance.now();
    const r = lintText('include sub/a.conf\n', { host, file: '/etc/keepalived/keepalived.conf', maxIncludeDepth: 600 });
    expect(performance.now() - t0).toBeLessThan(20_000);
    const cycles = r.diagnostics.filter((d) => d.code === 'KA111');
    expect(cycles).toHaveLength(598);
    expect(cycles[0]!.message).toBe("include cycle: '/etc/keepalived/sub/a.conf' is already being read (/etc/keepalived/sub/a.conf -> /etc/keepalived/sub/a.conf); keepalived recurses until it runs out of file descriptors");
    for (const d of cycles) expect(d.message.length).toBeLessThan(900);
    const deepest = cycles.find((d) => d.file.length > 2000)!;
    expect(deepest.message).toMatch(/^include cycle: '\/etc\/keepalived\/sub\/sub\/[a-z/]*…[a-z/]*\/sub\/a\.conf' is already being read \(\/etc\/keepalived\/sub\/[a-z/]*…[a-z/]*\/a\.conf -> /);
    expect(r.diagnostics.reduce((n, d) => n + d.message.length, 0)).toBeLessThan(600 * 900);
  });

  it('a deep chain whose every file includes the main file: each vrrp_instance said to be read again once, not once per cycle', () => {
    // Each of the 400 cycles (level k back to keepalived.conf) reported the instances of all k files on it: 80,000
    // findings and 97 MB of messages at 400 levels. Now each file's once, for the first cycle through it.
    const host: SourceHost = { readFile: (p) => (p.endsWith('/a.conf') ? 'include /etc/keepalived/keepalived.conf\ninclude sub/a.conf\nvrrp_instance X {\n}\n' : undefined), readDir: () => undefined };
    const r = lintText('include sub/a.conf\nvrrp_instance M {\n}\n', { host, file: '/etc/keepalived/keepalived.conf', maxIncludeDepth: 400 });
    const again = r.diagnostics.filter((d) => d.code === 'KA111' && d.message.startsWith('keepalived reads vrrp_instance'));
    // The deepest file is not read (maxIncludeDepth), the main file and the 398 others once each.
    expect(again.length).toBe(399);
    expect(new Set(again.map((d) => d.file)).size).toBe(399);
    expect(again.find((d) => d.file === '/etc/keepalived/keepalived.conf')!.message).toBe(`keepalived reads vrrp_instance 'M' again on each pass of the include cycle at /etc/keepalived/sub/a.conf:1, and rejects it ("vrrp instance M already defined")`);
    expect(r.diagnostics.length).toBeLessThan(1300);
  });

  it('a long include cycle is named by its first and last files and how many lie between', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`/k/f${i}.conf`] = `include f${(i + 1) % 20}.conf\n`;
    const a = analyze(files['/k/f0.conf']!, { host: memoryHost(files), file: '/k/f0.conf' });
    expect(a.diagnostics.filter((d) => d.code === 'KA111').map((d) => d.message)).toEqual([
      "include cycle: '/k/f0.conf' is already being read (/k/f0.conf -> /k/f1.conf -> /k/f2.conf -> … 15 more files … -> /k/f18.conf -> /k/f19.conf -> /k/f0.conf); keepalived recurses until it runs out of file descriptors",
    ]);
  });

  it('include lines that branch and meet again, level after level, are followed up to a bound, which is said', () => {
    // Two files on each of 20 levels, each including both files of the next: keepalived reads 2^20 files, kalint stops
    // at its bound on files read (tiny files) or on their lines (longer ones), with one finding (KA112) where it stops.
    const bounded = (body: string, bound: RegExp) => {
      const files: Record<string, string> = {};
      for (let l = 0; l < 20; l++) for (const s of ['a', 'b']) files[`/etc/k/l${l}${s}.conf`] = (l < 19 ? `include l${l + 1}a.conf\ninclude l${l + 1}b.conf\n` : '') + body;
      const main = 'include l0a.conf\ninclude l0b.conf\n';
      const t0 = performance.now();
      const a = analyze(main, { host: memoryHost(files), file: '/etc/k/keepalived.conf' });
      expect(performance.now() - t0).toBeLessThan(20_000);
      expect(a.diagnostics.filter((d) => d.code === 'KA112').map((d) => d.message)).toEqual([expect.stringMatching(bound)]);
    };
    bounded('', /have read more than 20,000 files/);
    bounded(Array.from({ length: 30 }, (_, i) => `# note ${i}`).join('\n') + '\n', /have read more than 500,000 lines/);
  });

  it('a folder of files that each include `*.conf` is read once each (n! chains of includes)', () => {
    const files: Record<string, string> = { '/etc/k/keepalived.conf': 'include *.conf\nglobal_defs {\n  router_id a\n}\n' };
    for (let i = 1; i <= 20; i++) files[`/etc/k/f${i}.conf`] = 'include *.conf\n';
    const t0 = performance.now();
    const { codes } = checkAll(files['/etc/k/keepalived.conf']!, { host: memoryHost(files), file: '/etc/k/keepalived.conf' });
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(count(codes, 'KA111')).toBe(21);
  });

  it('a wide include fan-out of one shared file is read every time without blowing up', () => {
    const files: Record<string, string> = { '/etc/k/shared.conf': 'global_defs {\n}\n' };
    const main = Array.from({ length: 500 }, () => 'include shared.conf').join('\n') + '\n';
    files['/etc/k/main.conf'] = main;
    checkAll(main, { host: memoryHost(files), file: '/etc/k/main.conf' });
  });
});

describe('definitions and ~SEQ', () => {
  it('$A=$B / $B=$A is reported as endless, quickly', () => {
    const text = '$A=$B\n$B=$A\nglobal_defs {\n  router_id $A\n}\n';
    const t0 = performance.now();
    const { codes } = checkAll(text);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(codes).toContain('KA113');
  });

  it('a ~SEQ line whose body is a stray `}` terminates (it used to loop forever)', () => {
    const text = '~LST(c, a, b) }\nrouter_id x\n';
    const { problems } = checkAll(text);
    expect(problems).toContain('KA101');
  });

  it('lines after a ~SEQ line stay in the tree', () => {
    const tree = parseCst('~SEQ(i,1,3) router_id x$i\nglobal_defs {\n}\nvrrp_instance v {\n}\n');
    expect(tree.children.map((c) => c.type)).toEqual(['seq', 'statement', 'statement']);
  });
});

// ---------- inputs that may hang: run in a child process with a hard timeout ----------

describe('self-feeding definitions terminate (child process, hard timeout)', () => {
  let dir = '';
  let runner = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kalint-robust-'));
    const entry = join(dir, 'entry.ts');
    const root = resolve(__dirname, '..');
    writeFileSync(
      entry,
      [
        `import { readFileSync } from 'node:fs';`,
        `import { lintText } from ${JSON.stringify(join(root, 'server/src/linter.ts'))};`,
        `const text = readFileSync(process.argv[2], 'utf8');`,
        `const t0 = performance.now();`,
        `const r = lintText(text, { file: 'k.conf' });`,
        `const ms = performance.now() - t0;`,
        `process.stdout.write(JSON.stringify({ ms, codes: [...new Set(r.diagnostics.map((d) => d.code))], internal: r.diagnostics.filter((d) => d.code === 'KA000').map((d) => d.message), maxRssMB: process.resourceUsage().maxRSS / 1024 }));`,
      ].join('\n'),
    );
    runner = join(dir, 'runner.cjs');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: runner, logLevel: 'error' });
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Lints `text` in a fresh process; fails if it takes over `timeoutMs` or ends abnormally. */
  function lintInChild(text: string, timeoutMs = 5_000): { ms: number; codes: string[]; internal: string[]; maxRssMB: number } {
    const input = join(dir, `input-${Math.random().toString(36).slice(2)}.conf`);
    writeFileSync(input, text);
    const r = spawnSync(process.execPath, ['--max-old-space-size=1024', runner, input], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 24 });
    expect(r.signal, `killed after ${timeoutMs} ms (hang or runaway expansion)`).toBeNull();
    expect(r.status, r.stderr.slice(-500)).toBe(0);
    return JSON.parse(r.stdout);
  }

  it('$A=$A $A used on a line: keepalived stops at its line buffer, kalint must stop too', () => {
    const r = lintInChild('$A=$A $A\nglobal_defs {\n  router_id $A\n}\n');
    expect(r.internal).toEqual([]);
    expect(r.ms).toBeLessThan(5000);
  });

  it('a chain of 40 definitions that each double the previous one', () => {
    const defs = Array.from({ length: 40 }, (_, i) => `$V${i}=$V${i + 1} $V${i + 1}`).join('\n');
    const r = lintInChild(`${defs}\n$V40=x\nglobal_defs {\n  router_id $V0\n}\n`);
    expect(r.internal).toEqual([]);
    expect(r.ms).toBeLessThan(5000);
  });

  it('a multi-line definition whose second line uses itself (keepalived loops forever): reported as endless', () => {
    const r = lintInChild('$A=x \\\n$A\nglobal_defs {\n$A\n}\n');
    expect(r.internal).toEqual([]);
    expect(r.codes).toContain('KA113');
  });

  it('a multi-line definition that swallows a ~SEQ line using itself', () => {
    const r = lintInChild('$A=x \\\n~SEQ(i,1,3) $A\n~SEQ(i,1,3) $A\n');
    expect(r.internal).toEqual([]);
  });

  it('~SEQ numbers of 2^53 and more (doubles stop counting there) and an end keepalived never passes terminate', () => {
    for (const head of ['~SEQ(I, 9007199254740993, 1, 9007199254740993)', '~SEQ(I, 9223372036854775807, 1, 9223372036854775807)', '~SEQx(I, 0x20000000000001, 1, 0x20000000000001)', '~SEQ(I, 99999999999999999999, -1, 99999999999999999998)']) {
      const r = lintInChild(`global_defs {\n ${head} router_id r\${I}\n}\n`);
      expect(r.internal, head).toEqual([]);
      expect(r.maxRssMB, head).toBeLessThan(1024);
    }
  });

  it('a ~SEQ at kalint’s 100 000-value cap expands in bounded time and memory', () => {
    const r = lintInChild('global_defs {\n~SEQ(i,1,100000) router_id x$i\n}\n', 20_000);
    expect(r.internal).toEqual([]);
    expect(r.maxRssMB).toBeLessThan(1024);
  });
});

describe('generated benchmark configs', () => {
  it('are valid for kalint: lossless, no findings, peer pair identical but for roles', () => {
    const a = generateConfig({ targetBytes: 250_000 });
    const b = generateConfig({ targetBytes: 250_000, peer: true });
    expect(a.vrrpInstances).toBeGreaterThan(255); // more than one multicast group of VRIDs
    expect(b.vrrpInstances).toBe(a.vrrpInstances);
    expect(b.virtualServers).toBe(a.virtualServers);
    expect(checkAll(a.text).codes).toEqual([]);
    expect(checkAll(b.text).codes).toEqual([]);
    expect(a.text.split('\n').length).toBe(b.text.split('\n').length);
  });

  it.skipIf(!keepalivedAvailable())('are accepted by keepalived -t with exit 0 and no message (needs eth0)', () => {
    for (const peer of [false, true]) {
      const { text } = generateConfig({ targetBytes: 250_000, peer });
      const run = runKeepalived(text);
      expect(run.stderr.trim()).toBe('');
      expect(run.exitStatus).toBe(0);
    }
  });
});
