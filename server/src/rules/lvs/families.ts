// keepalived's address-family checks while reading a virtual_server (real and sorry servers of the
// other family are skipped, except tunnelled ones), and the real servers that survive reading.
// The checks themselves run in the one pass of server-facts.ts.

import type { Family } from '../../core/analysis/values.js';
import { canonicalAddress } from '../../core/analysis/values.js';
import type { RealServerFacts, ServerFacts } from './server-facts.js';

export const familyName = (f: Family) => (f === 4 ? 'IPv4' : 'IPv6');

/** The ip:port identity keepalived compares real servers by (undefined: no address, never a duplicate). */
function rsKey(r: RealServerFacts): string | undefined {
  if (!r.rs.address) return undefined;
  return `${canonicalAddress(r.rs.address)}|${r.rs.port ?? 0}`;
}

/** Whether keepalived takes two real servers for the same one (same address and port). */
function sameServer(a: RealServerFacts, b: RealServerFacts): boolean {
  const x = a.rs;
  const y = b.rs;
  return !!x.address && !!y.address && (x.port ?? 0) === (y.port ?? 0) && canonicalAddress(x.address) === canonicalAddress(y.address);
}

// Up to this many real servers, comparing each with the kept ones beats building keys and a map.
const SMALL = 8;

/** Real servers keepalived keeps (a later duplicate of an earlier ip:port is removed). */
function distinct(list: RealServerFacts[]): NonNullable<ServerFacts['distinct']> {
  if (list.length < 2) return { kept: list, duplicates: [] };
  const kept: RealServerFacts[] = [];
  const duplicates: { rs: RealServerFacts; first: RealServerFacts }[] = [];
  if (list.length <= SMALL) {
    for (const r of list) {
      const first = kept.find((k) => sameServer(k, r));
      if (first) duplicates.push({ rs: r, first });
      else kept.push(r);
    }
    return { kept, duplicates };
  }
  const seen = new Map<string, RealServerFacts>();
  for (const r of list) {
    const key = rsKey(r);
    const first = key ? seen.get(key) : undefined;
    if (first) {
      duplicates.push({ rs: r, first });
      continue;
    }
    if (key) seen.set(key, r);
    kept.push(r);
  }
  return { kept, duplicates };
}

/** The real servers keepalived works with after reading: other-family and duplicate ones removed. */
export function keptRealServers(f: ServerFacts): RealServerFacts[] {
  return (f.distinct ??= distinct(f.familyKept)).kept;
}

/** Real servers of the virtual server's family that repeat an earlier one (keepalived removes them). */
export function duplicateRealServers(f: ServerFacts): { rs: RealServerFacts; first: RealServerFacts }[] {
  return (f.distinct ??= distinct(f.familyKept)).duplicates;
}

/** Virtual servers keepalived has already dropped when it runs the checks the lvs rules mirror. */
export function droppedBeforeChecks(f: ServerFacts): boolean {
  return f.drop !== undefined;
}

/**
 * Whether keepalived still has the virtual server when it runs its after-reading checks (most lvs
 * rules mirror those): some real server of its family left, and not dropped with its group.
 */
export function reachesChecks(f: ServerFacts): boolean {
  return f.familyKept.length > 0 && f.drop === undefined;
}
