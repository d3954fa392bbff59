// The quorum and hysteresis keepalived ends up with, shared by KA513 and KA514.
import type { AstNode } from '../../core/analysis/ast.js';
import { effectiveWeight, testedWeight, unsignedSetting } from './util.js';
import { keptRealServers } from './families.js';
import type { ServerFacts } from './server-facts.js';

const UINT_MAX = 4294967295;

export interface QuorumFacts {
  weightSum: number;
  /** The total `keepalived -t` counts (it ignores a weight only the daemon reads, `weight 200%`). */
  testedWeightSum: number;
  quorum?: { value: number; node: AstNode };
  hysteresis?: { value: number; node: AstNode };
  written: number;
  effectiveQuorum: number;
  effectiveHysteresis: number;
}

export function quorumFacts(f: ServerFacts): QuorumFacts {
  return (f.settled ??= settle(f));
}

function settle(f: ServerFacts): QuorumFacts {
  let weightSum = 0;
  let testedWeightSum = 0;
  for (let i = 0, kept = keptRealServers(f); i < kept.length; i++) {
    const r = kept[i]!;
    weightSum += effectiveWeight(f, r);
    testedWeightSum += testedWeight(f, r);
  }
  const quorum = unsignedSetting(f.quorum, 1, UINT_MAX);
  const hysteresis = unsignedSetting(f.hysteresis, 0, UINT_MAX);
  const written = quorum?.value ?? 1;
  const effectiveQuorum = Math.min(written, weightSum);
  return { weightSum, testedWeightSum, quorum, hysteresis, written, effectiveQuorum, effectiveHysteresis: hysteresis?.value ?? 0 };
}
