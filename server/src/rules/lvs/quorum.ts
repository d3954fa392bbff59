// The quorum and hysteresis keepalived ends up with, shared by KA513 and KA514.
import type { AstNode } from '../../core/analysis/ast.js';
import { effectiveWeight, unsignedSetting } from './util.js';
import { keptRealServers } from './families.js';
import type { ServerFacts } from './server-facts.js';

const UINT_MAX = 4294967295;

export interface QuorumFacts {
  weightSum: number;
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
  for (const r of keptRealServers(f)) weightSum += effectiveWeight(f, r);
  const quorum = unsignedSetting(f.quorum, 1, UINT_MAX);
  const hysteresis = unsignedSetting(f.hysteresis, 0, UINT_MAX);
  const written = quorum?.value ?? 1;
  const effectiveQuorum = Math.min(written, weightSum);
  return { weightSum, quorum, hysteresis, written, effectiveQuorum, effectiveHysteresis: hysteresis?.value ?? 0 };
}
