// Proves that kalint covers every check listed in ../shared/reference/checks.md: each row of its
// tables (§1–§3, §6), each bullet of §4–§5 and each numbered mistake of §7 has an entry in
// checks-coverage.data.ts, either configs that must produce a kalint code (and, where keepalived
// 2.2.7 reports the problem under -t, its message, on the line kalint points at), or the reason the
// check is not kalint's business. A row added to checks.md without an entry fails here.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../server/src/linter.js';
import { lintCluster } from '../server/src/cluster/index.js';
import type { Diagnostic } from '../server/src/core/diagnostics.js';
import { rules as ALL_RULES } from '../server/src/rules/index.js';
import { keepalivedAvailable, keepalivedVersion, runKeepalivedAsync } from './helpers/keepalived.js';
import { ROWS, type CoverageCase, type CoverageRow } from './checks-coverage.data.js';
import { coveragePage } from './checks-coverage.page.js';
import { hostInterfaces } from './helpers/host-interfaces.js';

const CHECKS = join(__dirname, '..', '..', 'shared', 'reference', 'checks.md');

/** Rows of checks.md per section: table rows (§1–§3, §6), bullets (§4, §5), numbered items (§7). */
export function countChecks(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  let section = 0;
  for (const line of text.split('\n')) {
    const heading = /^## (\d+)\./.exec(line);
    if (heading) {
      section = Number(heading[1]);
      continue;
    }
    if (section < 1) continue;
    const isRow = line.startsWith('| ') && !/^\|\s*-/.test(line) && !/^\| Condition \|/.test(line);
    const isBullet = (section === 4 || section === 5) && line.startsWith('- ');
    const isItem = section === 7 && /^\d+\. \*\*/.test(line);
    if (isRow || isBullet || isItem) counts.set(section, (counts.get(section) ?? 0) + 1);
  }
  return counts;
}

/** This host's first interface stands in for the `eth0` the configs name. */
const IFACE = hostInterfaces()[0] ?? 'eth0';
const onHost = (text: string) => (IFACE === 'eth0' ? text : text.replace(/\beth0\b/g, IFACE));

function lintCase(cs: CoverageCase): Diagnostic[] {
  if (cs.nodes) return lintCluster(cs.nodes.map((text, i) => ({ file: `node${i + 1}.conf`, text })), { targetVersion: cs.targetVersion }).diagnostics;
  return lintText(cs.config!, { file: 'keepalived.conf', targetVersion: cs.targetVersion }).diagnostics;
}

/** Checks kalint does not cover yet, by their entry: a new one must be added here on purpose. */
const OPEN: string[] = [];

const label = (row: CoverageRow, n: number) => `§${row.section}.${n} ${row.check}`;
const numbered = (() => {
  const seen = new Map<number, number>();
  return ROWS.map((row) => {
    const n = (seen.get(row.section) ?? 0) + 1;
    seen.set(row.section, n);
    return { row, id: label(row, n) };
  });
})();

describe('checks.md coverage', () => {
  it('has one entry per check of checks.md, in every section', () => {
    if (!existsSync(CHECKS)) return; // the reference lives beside the repository, not in it
    const counts = countChecks(readFileSync(CHECKS, 'utf8'));
    const ours = new Map<number, number>();
    for (const row of ROWS) ours.set(row.section, (ours.get(row.section) ?? 0) + 1);
    expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(counts));
  });

  it('gives every entry configs with codes, or a reason', () => {
    const codes = new Set(ALL_RULES.map((r) => r.code));
    const bad: string[] = [];
    for (const { row, id } of numbered) {
      const cases = row.cases ?? [];
      if (!cases.length && !row.reason) bad.push(`${id}: neither configs nor a reason`);
      if (row.reason === 'not-in-2.2.7' && !row.since) bad.push(`${id}: not-in-2.2.7 without the release`);
      if (row.reason && row.reason !== 'not-in-2.2.7' && !row.note && row.reason !== 'host') bad.push(`${id}: ${row.reason} without a note`);
      if ((row.reason === 'open') !== OPEN.includes(id.split(' ')[0]!)) bad.push(`${id}: ${row.reason === 'open' ? 'open but not in OPEN' : 'in OPEN but not open'}`);
      for (const cs of cases) {
        if (!cs.codes.length || !!cs.config === !!cs.nodes) bad.push(`${id}: a case needs codes and one config or nodes`);
        for (const code of cs.codes) if (!codes.has(code)) bad.push(`${id}: unknown code ${code}`);
        // A check keepalived 2.2.7 lacks is shown with the release that has it.
        if (row.reason === 'not-in-2.2.7' && !cs.targetVersion && !cs.keepalived) bad.push(`${id}: a case of a check 2.2.7 lacks needs --target-version`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('produces each entry\'s codes', () => {
    const missing: string[] = [];
    for (const { row, id } of numbered) {
      for (const cs of row.cases ?? []) {
        const found = new Set(lintCase(cs).map((d) => d.code));
        const lacking = cs.codes.filter((c) => !found.has(c));
        if (lacking.length) missing.push(`${id}${cs.targetVersion ? ` (${cs.targetVersion})` : ''}: ${lacking.join(', ')} not reported (got ${[...found].join(', ') || 'nothing'})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('docs/checks-coverage.md is up to date (npm run docs)', () => {
    expect(readFileSync(join(__dirname, '..', 'docs', 'checks-coverage.md'), 'utf8'), "stale: run 'npm run docs' and commit docs/checks-coverage.md").toBe(coveragePage());
  });

  it.skipIf(!keepalivedAvailable() || keepalivedVersion() !== '2.2.7')('matches what keepalived 2.2.7 prints, on the same line', async () => {
    const jobs = numbered.flatMap(({ row, id }) => (row.cases ?? []).filter((cs) => cs.keepalived && cs.config && !cs.targetVersion).map((cs) => ({ id, cs })));
    const problems: string[] = [];
    // Two at a time: the machine is shared.
    for (let i = 0; i < jobs.length; i += 2) {
      const runs = await Promise.all(jobs.slice(i, i + 2).map(({ cs }) => runKeepalivedAsync(onHost(cs.config!))));
      runs.forEach((run, k) => {
        const { id, cs } = jobs[i + k]!;
        const message = run.messages.find((m) => cs.keepalived!.test(m.message));
        if (!message) {
          problems.push(`${id}: keepalived printed no ${cs.keepalived} (${run.stderr.trim().split('\n').join(' | ') || `exit ${run.exitStatus}`})`);
          return;
        }
        if (message.line === undefined || cs.otherLine) return;
        const lines = lintCase(cs).filter((d) => cs.codes.includes(d.code)).map((d) => d.range.start.line + 1);
        if (!lines.includes(message.line)) problems.push(`${id}: keepalived reports line ${message.line}, kalint ${cs.codes.join('/')} lines ${lines.join(', ')}`);
      });
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
