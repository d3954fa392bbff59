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

/** Shared by every server list without duplicates (callers only read the lists). */
const NO_DUPLICATES: NonNullable<ServerFacts['distinct']>['duplicates'] = [];

/**
 * Real servers keepalived keeps (a later duplicate of an earlier ip:port is removed). Without
 * duplicates, the usual case, the list itself is the answer: nothing is copied.
 */
function distinct(list: RealServerFacts[]): NonNullable<ServerFacts['distinct']> {
  if (list.length < 2) return { kept: list, duplicates: NO_DUPLICATES };
  // Made at the first duplicate; until then the kept servers are list[0, i).
  let kept: RealServerFacts[] | undefined;
  let duplicates = NO_DUPLICATES;
  const seen = list.length > SMALL ? new Map<string, RealServerFacts>() : undefined;
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    let first: RealServerFacts | undefined;
    if (seen) {
      const key = rsKey(r);
      first = key ? seen.get(key) : undefined;
      if (!first && key) seen.set(key, r);
    } else {
      const earlier = kept ?? list;
      const n = kept ? kept.length : i;
      for (let k = 0; k < n && !first; k++) if (sameServer(earlier[k]!, r)) first = earlier[k];
    }
    if (first) {
      kept ??= list.slice(0, i);
      if (duplicates === NO_DUPLICATES) duplicates = [];
      duplicates.push({ rs: r, first });
    } else kept?.push(r);
  }
  return { kept: kept ?? list, duplicates };
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
