// The ports keepalived gives real servers once it has read a virtual server, and the real servers that then share an
// address and port although keepalived took them for different ones.

import { canonicalAddress } from '../../core/analysis/values.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { RealServerFacts, ServerFacts } from './server-facts.js';
import { keptRealServers } from './families.js';
import { marksTraffic, realServerForwarding } from './util.js';

/**
 * From this release keepalived finds a repeated real server and drops it (ff864fbb). Before it both blocks are kept:
 * two real servers with their own checkers stand for one IPVS destination, which either's failing check removes.
 */
export const DUPLICATE_REMOVED_SINCE: Version = [2, 0, 20];

/** fcd3efa5 (2.0.15): keepalived sets real server ports after reading (before it, each keeps the port written). */
export const PORTS_SET_SINCE: Version = [2, 0, 15];

/**
 * The port a real server has once keepalived has checked its virtual server (2.0.15 to 2.4.3 check_data.c, the
 * virtual server loop): on a firewall-mark service a DR or TUN server's port is cleared to 0 (a NAT one keeps its
 * own); on an address service a DR or TUN server gets the service's port, and a NAT server without one (no port, or
 * 0) gets it too. A group's servers keep theirs (it only reports ports that differ). Undefined when the service's
 * port is unknown.
 */
export function portAfterReading(f: ServerFacts, r: RealServerFacts): number | undefined {
  const vs = f.vs;
  const written = r.rs.port ?? 0;
  if (vs.kind === 'group') return written;
  const nat = realServerForwarding(f, r) === 'NAT';
  if (marksTraffic(vs)) return nat ? written : 0;
  // `fwmark 0` marks nothing: keepalived reads an address service on port 0 (see marksTraffic).
  const vsPort = vs.kind === 'address' ? (vs.port ?? (vs.node.argCount === 1 ? 0 : undefined)) : 0;
  if (vsPort === undefined) return undefined;
  return nat && written ? written : vsPort;
}

/** Whether keepalived changes a port written on the server line (a port left out or 0 it only fills in). */
export function portChanged(f: ServerFacts, r: RealServerFacts): boolean {
  const written = r.rs.port ?? 0;
  const after = portAfterReading(f, r);
  return written !== 0 && after !== undefined && after !== written;
}

export interface PortCollision {
  /** The later server. */
  rs: RealServerFacts;
  /** The earlier one it then shares an address and port with. */
  first: RealServerFacts;
  port: number;
}

/**
 * Real servers of one virtual server that keepalived keeps apart, and that then have the same address and port: it
 * looks for repeated real servers (by address and port as written) before it sets the ports, so it keeps both blocks,
 * each with its own weight and checks, for one address and port (the 2.0.19 to 2.4.3 checker processes start both:
 * two "Shutting down service [10.0.3.94]:tcp:80" at their end, where a repeat written as such is "duplicated -
 * removing second rs"). Each later server is paired with the first one it collides with.
 */
export function portCollisions(f: ServerFacts, target: Version): PortCollision[] {
  if (compareVersions(target, PORTS_SET_SINCE) < 0 || f.vs.kind === 'group') return NONE;
  const kept = keptRealServers(f);
  if (kept.length < 2) return NONE;
  let out: PortCollision[] = NONE;
  if (kept.length > SMALL) {
    // Many servers: by key, as families.ts's distinct does.
    const seen = new Map<string, number>();
    for (let i = 0; i < kept.length; i++) {
      const r = kept[i]!;
      const port = r.rs.address ? portAfterReading(f, r) : undefined;
      if (port === undefined) continue;
      const key = `${canonicalAddress(r.rs.address)}|${port}`;
      const k = seen.get(key);
      if (k === undefined) seen.set(key, i);
      else {
        if (out === NONE) out = [];
        out.push({ rs: r, first: kept[k]!, port });
      }
    }
    return out;
  }
  // A few servers: each with every earlier one, the ports and canonical addresses in scratch lists (nothing made per
  // virtual server; KA502 and KA510 ask of ~4k in a 6 MB config).
  for (let i = 0; i < kept.length; i++) {
    const r = kept[i]!;
    ports[i] = r.rs.address ? portAfterReading(f, r) : undefined;
    addresses[i] = undefined;
  }
  for (let i = 1; i < kept.length; i++) {
    const port = ports[i];
    if (port === undefined) continue;
    for (let k = 0; k < i; k++) {
      // Raw addresses first: most servers of a service differ there, and then canonically too only for other spellings.
      if (ports[k] !== port || (kept[k]!.rs.address !== kept[i]!.rs.address && canonicalOf(kept, k) !== canonicalOf(kept, i))) continue;
      if (out === NONE) out = [];
      out.push({ rs: kept[i]!, first: kept[k]!, port });
      break;
    }
  }
  for (let i = 0; i < kept.length; i++) addresses[i] = undefined;
  return out;
}

/** Up to this many servers portCollisions compares pairwise (in its scratch lists); more are keyed in a map. */
const SMALL = 8;
const ports: (number | undefined)[] = new Array<number | undefined>(SMALL).fill(undefined);
const addresses: (string | undefined)[] = new Array<string | undefined>(SMALL).fill(undefined);

/** The canonical address of `kept[i]`, made once per call of portCollisions. */
function canonicalOf(kept: RealServerFacts[], i: number): string {
  return (addresses[i] ??= canonicalAddress(kept[i]!.rs.address));
}

const NONE: PortCollision[] = [];
