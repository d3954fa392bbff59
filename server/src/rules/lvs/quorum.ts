// The quorum and hysteresis keepalived ends up with, shared by KA513 and KA514.
import type { VirtualServer } from '../../core/model/model.js';
import { effectiveWeight, vsUnsigned } from './util.js';
import { keptRealServers } from './families.js';

const UINT_MAX = 4294967295;

export function quorumFacts(vs: VirtualServer) {
  const weightSum = keptRealServers(vs).reduce((s, rs) => s + effectiveWeight(vs, rs), 0);
  const quorum = vsUnsigned(vs, 'quorum', 1, UINT_MAX);
  const hysteresis = vsUnsigned(vs, 'hysteresis', 0, UINT_MAX);
  const written = quorum?.value ?? 1;
  const effectiveQuorum = Math.min(written, weightSum);
  return { weightSum, quorum, hysteresis, written, effectiveQuorum, effectiveHysteresis: hysteresis?.value ?? 0 };
}
