// KA332: a route without `dev` cannot be tracked; keepalived reports it and stops tracking it.
// Route tracking came in 2.0.1 (114d5f86); before it no route was tracked.

import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';

const TRACKED_SINCE: Version = [2, 0, 1];
import { readRoute, routeBlocks, skippedAt } from './routes.js';

export const routeNotTracked: FileRule = {
  kind: 'file',
  code: 'KA332',
  name: 'route-not-tracked',
  family: 'vrrp',
  severity: 'warning',
  description: 'A route has no `dev`, so keepalived cannot track it; add `dev IFNAME` or `no_track`.',
  docs: {
    why: 'keepalived tracks the routes it installs by their output interface. For a route without `dev`/`oif` it reports "cannot track route … with no interface specified, not tracking" (a configuration error under -t): if the route is deleted, nothing notices. Give the interface, or say `no_track` if tracking is not wanted. Releases before 2.0.1 track no route.',
    bad: 'vrrp_instance VI_1 {\n    virtual_routes {\n        192.168.112.0/24 via 192.168.100.254\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    virtual_routes {\n        192.168.112.0/24 via 192.168.100.254 dev eth0\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    if (compareVersions(target, TRACKED_SINCE) < 0) return;
    for (const block of routeBlocks(analysis.model)) {
      for (const line of block.values ?? []) {
        const r = readRoute(line, block, analysis.model.globalDefs?.dynamicInterfaces === true);
        if (skippedAt(r, target) || !r.complete || !r.dest || r.hasInterface || r.noTrack) continue;
        report({
          message: `route ${r.dest.text} has no 'dev'; keepalived cannot track it (add 'dev IFNAME' or 'no_track')`,
          file: line.file,
          range: line.range,
        });
      }
    }
  },
};
