// KA330: a route or rule line keepalived cannot parse (bad address, no destination, no action).

import type { FileRule } from '../types.js';
import { readRoute, readRule, routeBlocks, ruleBlocks } from './routes.js';

export const invalidRoute: FileRule = {
  kind: 'file',
  code: 'KA330',
  name: 'invalid-route',
  family: 'vrrp',
  severity: 'error',
  description: 'A virtual_routes / static_routes / virtual_rules / static_rules line has an address keepalived cannot parse; the line is skipped.',
  docs: {
    why: 'keepalived parses route and rule lines like `ip route` / `ip rule` arguments. An address it cannot parse (a truncated `192.168.100./24`, a misspelt option read as the destination) makes it skip the whole line ("VRRP parsed invalid IP …") and report a configuration error, so the route or rule is never installed on failover.',
    bad: 'static_rules {\n    to 192.168.100./24 table 1\n}\n',
    good: 'static_rules {\n    to 192.168.100.0/24 table 1 priority 100\n}\n',
  },
  check({ analysis, report }) {
    const model = analysis.model;
    for (const block of routeBlocks(model)) {
      for (const line of block.values ?? []) {
        const r = readRoute(line);
        for (const p of r.invalid) report({ message: `${p.message}; keepalived skips this ${block.keyword === 'static_routes' ? 'static' : 'virtual'} route`, file: p.word.file, range: p.word.range });
      }
    }
    for (const block of ruleBlocks(model)) {
      for (const line of block.values ?? []) {
        const r = readRule(line);
        const kind = block.keyword === 'static_rules' ? 'static' : 'virtual';
        for (const p of r.invalid) report({ message: `${p.message}; keepalived skips this ${kind} rule`, file: p.word.file, range: p.word.range });
        if (!r.invalid.length && r.complete && !r.hasAction) {
          report({ message: `this ${kind} rule has no action (table, goto, nop, blackhole, unreachable or prohibit); keepalived skips it`, file: line.file, range: line.range });
        }
      }
    }
  },
};
