// `kalint lint --fix` checked on real configs: the safe fixes are applied to every config under the given
// folders, round after round as the CLI does, and the result is read again by kalint and by the real
// `keepalived -t` beside the original.
//
// A safe fix only writes what keepalived already reads or what the finding shows was meant, so after it
// kalint should find nothing new, and keepalived should print nothing it did not print before, except what
// the fixed text lets it read (a block a glued brace hid, interfaces it now checks). The sweep lists every
// such new finding and message for review; it fails only on fixes that do not settle within 10 rounds.
//
// Usage (bundle, then run):
//   npx esbuild scripts/fix-sweep.ts --bundle --platform=node --format=cjs --outfile=dist/fix-sweep.cjs
//   node dist/fix-sweep.cjs [--keepalived PATH] [--target-version V] [--out DIR] DIR...
// --target-version V lints and fixes for release V: give --keepalived a build of that release to read the results.
// With --out, each fixed config is written there under its own name.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { applyFixes } from '../server/src/core/apply-fixes.js';
import type { Diagnostic, Fix } from '../server/src/core/diagnostics.js';
import { lintText } from '../server/src/linter.js';
import { collectConfigs } from './fuzz-differential.js';
import { parseKeepalivedStderr } from './keepalived-output.js';
import { parseSweepArgs } from './sweep-args.js';

const MAX_ROUNDS = 10;

/** The safe fixes of a lint, one per distinct edit list, as `kalint lint --fix` takes them. */
function safeFixes(diagnostics: Diagnostic[]): { fixes: Fix[]; codes: string[] } {
  const seen = new Set<string>();
  const fixes: Fix[] = [];
  const codes: string[] = [];
  for (const d of diagnostics) {
    if (!d.fix?.safe) continue;
    const key = JSON.stringify(d.fix.edits);
    if (seen.has(key)) continue;
    seen.add(key);
    fixes.push(d.fix);
    codes.push(d.code);
  }
  return { fixes, codes };
}

/** A finding or message without what a fix changes anyway: line numbers, quoted words, numbers. */
const gist = (s: string) => s.replace(/\blines? \d+/gi, 'line N').replace(/'[^']*'/g, "'…'").replace(/\d+/g, 'N');

/** What `after` holds more often than `before`. */
function added(before: string[], after: string[]): string[] {
  const rest = new Map<string, number>();
  for (const x of before) rest.set(x, (rest.get(x) ?? 0) + 1);
  return after.filter((x) => {
    const n = rest.get(x) ?? 0;
    if (n > 0) rest.set(x, n - 1);
    return n === 0;
  });
}

function keepalivedMessages(binary: string, dir: string, name: string): string[] {
  const r = spawnSync(binary, ['-t', '-f', name, '-i', 'fix-sweep'], { cwd: dir, encoding: 'utf8', timeout: 20_000, maxBuffer: 256 * 1024 * 1024 });
  return parseKeepalivedStderr(r.stderr ?? '', { joinIndented: true }).map((m) => gist(m.message));
}

function main(): void {
  const args = parseSweepArgs(process.argv.slice(2), 'fix-sweep');
  const configs = collectConfigs(args.dirs);
  const byCode = new Map<string, number>();
  const review: string[] = [];
  let fixed = 0;
  let unsettled = 0;
  const work = mkdtempSync(join(tmpdir(), 'fix-sweep-'));
  if (args.out) mkdirSync(args.out, { recursive: true });
  try {
    for (const { path, text: original } of configs) {
      const name = basename(path);
      let text = original;
      let rounds = 0;
      for (;;) {
        const { fixes, codes } = safeFixes(lintText(text, { file: name, targetVersion: args.targetVersion }).diagnostics);
        if (!fixes.length) break;
        if (++rounds > MAX_ROUNDS) {
          unsettled++;
          review.push(`${path}: the fixes do not settle within ${MAX_ROUNDS} rounds (${codes.join(', ')})`);
          break;
        }
        const r = applyFixes(text, name, fixes);
        if (!r.applied) break;
        for (const c of codes) byCode.set(c, (byCode.get(c) ?? 0) + 1);
        text = r.text;
      }
      if (text === original) continue;
      fixed++;
      if (args.out) writeFileSync(join(args.out, name), text);

      const findings = (t: string) => lintText(t, { file: name, targetVersion: args.targetVersion }).diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${gist(d.message)}`);
      for (const f of added(findings(original), findings(text))) review.push(`${path}: kalint, new after the fixes: ${f}`);

      const dir = mkdtempSync(join(work, 'c-'));
      writeFileSync(join(dir, name), original);
      const before = keepalivedMessages(args.keepalived, dir, name);
      writeFileSync(join(dir, name), text);
      const after = keepalivedMessages(args.keepalived, dir, name);
      rmSync(dir, { recursive: true, force: true });
      for (const m of added(before, after)) review.push(`${path}: keepalived -t, new after the fixes: ${m}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`${configs.length} configs; safe fixes changed ${fixed}`);
  console.log(`fixes applied, by rule: ${[...byCode].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ×${n}`).join(', ') || 'none'}`);
  console.log(`to review (${review.length}):`);
  for (const r of review) console.log(`  ${r}`);
  process.exitCode = unsettled ? 1 : 0;
}

main();
