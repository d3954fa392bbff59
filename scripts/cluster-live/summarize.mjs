#!/usr/bin/env node
// Totals over the JSON results run.mjs wrote: node scripts/cluster-live/summarize.mjs DIR…
// Verdicts are judged again with compare.mjs, so a change there applies to earlier runs; with
// --repredict BUNDLE (predict.ts bundled) kalint's predictions are made again too, so that a fix
// in the simulation is judged against what the daemons did before it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verdict } from './compare.mjs';

const totals = { clusters: 0, skipped: 0, errors: 0, scenarios: 0 };
const counts = {};
const disagreements = [];
const skips = {};
const argv = process.argv.slice(2);
const at = argv.indexOf('--repredict');
const bundle = at >= 0 ? argv.splice(at, 2)[1] : undefined;

/** Replaces the stored predictions by the current simulation's. */
function repredict(r) {
  const out = spawnSync('node', [bundle, ...r.files], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (out.status !== 0) return;
  const pred = JSON.parse(out.stdout);
  r.codes = [...new Set(pred.diagnostics.map((d) => d.code))];
  for (const row of r.rows ?? []) {
    const g = pred.groups.find((x) => x.name === row.group);
    const s = g?.scenarios.find((x) => x.label === row.label);
    if (!s) continue;
    row.predicted = { holder: s.holder, tie: s.tie, states: s.states, note: s.note };
    row.healthyBaseline = { holder: g.scenarios[0].holder, tie: g.scenarios[0].tie };
  }
}

for (const dir of argv) {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    if (bundle && !r.skipped) repredict(r);
    totals.clusters++;
    if (r.skipped) {
      totals.skipped++;
      for (const s of r.skipped) skips[s.replace(/ .*/, '')] = (skips[s.replace(/ .*/, '')] ?? 0) + 1;
      continue;
    }
    const name = (i) => r.labels[i] ?? 'none';
    // Who held the VIPs after the start, per group, over every run: more than one answer is a
    // start race (nopreempt, equal priorities), which the simulation's healthy row does not model.
    const starts = new Map();
    for (const row of r.rows) if (!row.error) starts.set(row.group, new Set([...(starts.get(row.group) ?? []), row.healthyObserved.join('+')]));
    for (const row of r.rows) {
      if (row.error) {
        totals.errors++;
        disagreements.push(`ERROR ${r.files.join(' ')}: ${row.error.split('\n')[0]}`);
        continue;
      }
      totals.scenarios++;
      const raced = starts.get(row.group).size > 1;
      const healthyRow = row.label === 'all healthy';
      let v = verdict(row.predicted, row.observed, r.codes, row.died);
      if (raced && healthyRow && v === 'disagree') v = 'start-race';
      // A failure injected after a start that went the other way begins from another holder.
      else if (!healthyRow && v === 'disagree' && row.healthyBaseline && verdict(row.healthyBaseline, row.healthyObserved, r.codes) === 'disagree') v = 'start-race';
      counts[v] = (counts[v] ?? 0) + 1;
      if (v === 'disagree') {
        const p = row.predicted.tie ? `tie ${row.predicted.tie.map(name).join('/')}` : name(row.predicted.holder);
        disagreements.push(`${r.files.join(' ')} [${r.codes.join(',')}] ${row.group} | ${row.label} | predicted ${p} (${row.predicted.states.join(' ')}) | observed ${row.observed.map(name).join('+') || 'none'} | healthy observed ${row.healthyObserved.map(name).join('+') || 'none'}`);
      }
    }
  }
}
console.log(JSON.stringify({ ...totals, verdicts: counts, skips }));
for (const d of disagreements) console.log(d);
