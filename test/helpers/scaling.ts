// Scaling checks: does a step in input size grow the time by a bounded factor (linear), not a power of it?
//
// These guard against quadratic walks found by scripts/scaling-sweep.mjs; they are not speed targets (the bench is).
// One measurement can land on a major collection or a busy moment of the machine, so a ratio over the bound is
// measured again, twice, each size keeping its best time: a quadratic walk stays over the bound in every run.

import { expect } from 'vitest';

/** CPU milliseconds `run` takes. */
export function cpuMs(run: () => unknown): number {
  const t0 = process.cpuUsage();
  run();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000;
}

/**
 * Expects `measure(large) / measure(small)` (milliseconds) under `bound`, re-measuring as said above. Below 20 ms
 * for the large size timer noise dominates, and such a run is fast enough either way.
 */
export function expectScalesWithin(measure: (size: number) => number, small: number, large: number, bound: number, label: (small: number, large: number) => string): void {
  let s = measure(small);
  let l = measure(large);
  for (let retry = 0; retry < 2 && l > 20 && l / s >= bound; retry++) {
    s = Math.min(s, measure(small));
    l = Math.min(l, measure(large));
  }
  if (l > 20) expect(l / s, label(s, l)).toBeLessThan(bound);
}
