// KA344: a tracked route's or rule's `protocol` is replaced by keepalived's own.

import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { readRoute, readRule, routeBlocks, ruleBlocks, skippedAt } from './routes.js';

/** Route and rule tracking, and with it the protocol reset, came in 2.0.1 (114d5f86); before it the protocol is kept. */
const TRACKED_SINCE: Version = [2, 0, 1];

export const routeProtocolReplaced: FileRule = {
  kind: 'file',
  code: 'KA344',
  name: 'route-protocol-replaced',
  family: 'vrrp',
  severity: 'warning',
  description: 'A tracked route or rule sets `protocol`; keepalived replaces it with its own protocol (keepalived, 18).',
  docs: {
    why: 'keepalived recognises the routes and rules it tracks by their protocol, so it resets the protocol of every tracked route to its own ("Route cannot be tracked if protocol is not RTPROT_KEEPALIVED, resetting protocol"), and of every tracked rule ("Rule cannot be tracked…"), and reports a configuration error. Routing daemons or scripts filtering on the configured protocol then miss the route or rule. Add `no_track` to keep the protocol. Releases before 2.0.1 track no route or rule and keep the protocol.',
    bad: 'static_routes {\n    10.20.0.0/16 via 192.168.1.254 dev eth0 protocol static\n}\n',
    good: 'static_routes {\n    10.20.0.0/16 via 192.168.1.254 dev eth0 protocol static no_track\n}\n',
  },
  check({ analysis, report, target }) {
    if (compareVersions(target, TRACKED_SINCE) < 0) return;
    // Routes, and rules likewise (keepalived 2.2.7: "Rule cannot be tracked if protocol is not RTPROT_KEEPALIVED(18), resetting protocol").
    const kinds = [
      { what: 'route', blocks: routeBlocks(analysis.model), read: readRoute },
      { what: 'rule', blocks: ruleBlocks(analysis.model), read: readRule },
    ] as const;
    for (const { what, blocks, read } of kinds) {
      for (const block of blocks) {
        for (const line of block.values ?? []) {
          const r = read(line, block, analysis.model.globalDefs?.dynamicInterfaces === true);
          if (!r.foreignProtocol || r.noTrack || skippedAt(r, target)) continue;
          report({
            message: `keepalived replaces protocol '${r.foreignProtocol.text}' with its own because it tracks this ${what}; add 'no_track' to keep it`,
            file: r.foreignProtocol.file,
            range: r.foreignProtocol.range,
          });
        }
      }
    }
  },
};
