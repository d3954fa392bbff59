// KA385: an IPv4 route destination with bits set beyond its prefix (`10.61.0.1/16`).
//
// keepalived reads the destination as written (parse_ipaddress keeps the address and the prefix length) and passes
// both to the kernel unchanged; -t says nothing. The Linux IPv4 FIB refuses such a key (fib_table_insert: "Invalid
// prefix for given prefix length", EINVAL), so the daemon only logs "Netlink: error: Invalid argument(22),
// type=RTM_NEWROUTE(24)" and the route is never installed: at start for a static route, on every MASTER transition
// for a virtual one. Checked in a network namespace with the 1.3.5, 2.0.19, 2.2.7 and 2.4.3 daemons (kernel 6.18).
// IPv6 routes are masked by the kernel and installed; rules (`from 10.61.0.1/16`) are accepted as written.

import { isIPv4 } from '../../core/analysis/values.js';
import { compareVersions } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { replaceWordFix } from '../fixes.js';
import { ZERO_PREFIX_REFUSED } from './invalid-route.js';
import { readRoute, routeBlocks, skippedAt } from './routes.js';

/** The network address of an IPv4 `address/len` with host bits set, or undefined (no prefix, or none set). */
export function ipv4NetworkWithHostBits(text: string): string | undefined {
  const m = /^([^/]+)\/\+?(\d+)$/.exec(text); // keepalived reads /+24 as /24 (recheck, session 60)
  if (!m || !isIPv4(m[1]!)) return undefined;
  const len = Number(m[2]);
  if (len >= 32) return undefined;
  const octets = m[1]!.split('.').map(Number);
  const value = octets.reduce((n, o) => n * 256 + o, 0);
  const block = 2 ** (32 - len);
  const network = value - (value % block);
  if (network === value) return undefined;
  return `${[24, 16, 8, 0].map((s) => Math.floor(network / 2 ** s) % 256).join('.')}/${len}`;
}

export const routeHostBits: FileRule = {
  kind: 'file',
  code: 'KA385',
  name: 'route-host-bits',
  family: 'vrrp',
  // keepalived -t accepts the line: at most a warning, though the route never comes up (as for the other kernel refusals -t cannot see).
  severity: 'warning',
  description: 'An IPv4 route destination with bits set beyond its prefix (10.61.0.1/16): keepalived -t accepts it, but the kernel refuses the route, so it is never installed.',
  docs: {
    why:
      'keepalived hands a route\'s destination to the kernel as written. For IPv4 the kernel refuses a destination with ' +
      'bits set beyond the prefix length (`ip route` says "Invalid prefix for given prefix length"): keepalived -t says ' +
      'nothing, and the running daemon only logs "Netlink: error: Invalid argument" when it installs the route (a static ' +
      'route at start, a virtual route each time the instance becomes MASTER), so the route is never there. Write the ' +
      'network address (10.61.0.0/16), or /32 if one host was meant. IPv6 routes are masked by the kernel, and rules ' +
      '(`from 10.61.0.1/16`) are accepted as written, so neither is reported.',
    bad: 'vrrp_instance VI_1 {\n    virtual_routes {\n        10.61.0.1/16 via 10.250.1.254 dev eth0\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    virtual_routes {\n        10.61.0.0/16 via 10.250.1.254 dev eth0\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    const model = analysis.model;
    const dynamic = model.globalDefs?.dynamicInterfaces === true;
    const zeroRefused = compareVersions(target, ZERO_PREFIX_REFUSED[0]) >= 0 && compareVersions(target, ZERO_PREFIX_REFUSED[1]) < 0;
    for (const block of routeBlocks(model)) {
      const isStatic = block.keyword === 'static_routes';
      for (const line of block.values ?? []) {
        const r = readRoute(line, block, dynamic);
        // A line keepalived drops is KA330's.
        if (!r.dest || skippedAt(r, target)) continue;
        const network = ipv4NetworkWithHostBits(r.dest.text);
        // 2.0.7 turns a /0 into a single address (KA330 says so): nothing is beyond that prefix.
        if (!network || (zeroRefused && network.endsWith('/0'))) continue;
        const when = isStatic ? 'when keepalived adds it at start' : 'each time keepalived adds it on becoming MASTER';
        report({
          message: `route destination ${r.dest.text} has bits set beyond its /${network.split('/')[1]} prefix: keepalived -t accepts it, but the kernel refuses the route ${when} (the daemon logs "Netlink: error: Invalid argument"), so this ${isStatic ? 'static' : 'virtual'} route is never installed; write the network address ${network} (or /32 for one host)`,
          file: r.dest.file,
          range: r.dest.range,
          fix: replaceWordFix(r.dest, network, `Replace with the network address ${network}`),
        });
      }
    }
  },
};
