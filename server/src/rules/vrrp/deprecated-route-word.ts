// KA333: `gw` and `or` in routes are old spellings keepalived still accepts but reports.

import type { FileRule } from '../types.js';
import { readRoute, routeBlocks } from './routes.js';

export const deprecatedRouteWord: FileRule = {
  kind: 'file',
  code: 'KA333',
  name: 'deprecated-route-word',
  family: 'vrrp',
  severity: 'warning',
  description: 'A route uses the deprecated `gw` (use `via`) or `or` (use `nexthop`).',
  docs: {
    why: 'keepalived still understands `gw` and `or` but reports each as a configuration error ("\\"gw\\" for routes is deprecated. Please use \\"via\\""), so `keepalived -t` fails. `via` and `nexthop via A nexthop via B` are the iproute2 spellings.',
    bad: 'static_routes {\n    0.0.0.0/0 gw 192.168.0.1 dev eth0 table 100\n}\n',
    good: 'static_routes {\n    0.0.0.0/0 via 192.168.0.1 dev eth0 table 100\n}\n',
  },
  check({ analysis, report }) {
    for (const block of routeBlocks(analysis.model)) {
      for (const line of block.values ?? []) {
        for (const d of readRoute(line, block, analysis.model.globalDefs?.dynamicInterfaces === true).deprecated) {
          const w = d.word;
          const canFix = d.replacement === 'via' && !w.expanded && !w.quoted;
          report({
            message: `'${w.text}' in routes is deprecated; use '${d.replacement}'${d.replacement === 'nexthop' ? " ('nexthop via A nexthop via B')" : ''}`,
            file: w.file,
            range: w.range,
            fix: canFix ? { description: "Replace 'gw' with 'via'", edits: [{ file: w.file, range: w.range, newText: 'via' }], safe: true } : undefined,
          });
        }
      }
    }
  },
};
