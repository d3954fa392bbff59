// KA330: a route or rule line keepalived cannot parse (bad address, no destination, no action).

import type { FileRule } from '../types.js';
import { readRoute, readRule, routeBlocks, ruleBlocks, skipped, type LineProblem } from './routes.js';

export const invalidRoute: FileRule = {
  kind: 'file',
  code: 'KA330',
  name: 'invalid-route',
  family: 'vrrp',
  severity: 'error',
  description: 'A virtual_routes / static_routes / virtual_rules / static_rules line keepalived cannot use: a bad address, mixed IPv4/IPv6, no or several actions; the line is skipped.',
  docs: {
    why: 'keepalived parses route and rule lines like `ip route` / `ip rule` arguments. An address it cannot parse (a truncated `192.168.100./24`, a misspelt option read as the destination), IPv4 and IPv6 addresses on one line, a rule with no action or two, or table 0 make it skip the whole line ("VRRP parsed invalid IP …") and report a configuration error, so the route or rule is never installed on failover. A prefix length that is too long, or a single port after sport/dport (2.2.7 wants a range), is reported and replaced.',
    bad: 'static_rules {\n    to 192.168.100./24 table 1\n}\n',
    good: 'static_rules {\n    to 192.168.100.0/24 table 1 priority 100\n}\n',
  },
  check({ analysis, report }) {
    const model = analysis.model;
    const say = (kind: string, what: string, p: LineProblem) =>
      report({
        message:
          p.effect === 'skip' ? `${p.message}; keepalived skips this ${kind} ${what}` : p.effect === 'stops' ? `${p.message}; keepalived stops reading the configuration at this ${kind} ${what}` : p.message,
        file: p.word.file,
        range: p.word.range,
        severity: p.effect === 'adjust' ? 'warning' : 'error',
      });
    for (const block of routeBlocks(model)) {
      const kind = block.keyword === 'static_routes' ? 'static' : 'virtual';
      for (const line of block.values ?? []) for (const p of readRoute(line, block).problems) say(kind, 'route', p);
    }
    for (const block of ruleBlocks(model)) {
      const kind = block.keyword === 'static_rules' ? 'static' : 'virtual';
      for (const line of block.values ?? []) {
        const r = readRule(line, block);
        for (const p of r.problems) say(kind, 'rule', p);
        if (!skipped(r.problems) && r.complete && !r.actions.length) {
          report({ message: `this ${kind} rule has no action (table, goto, nop, blackhole, unreachable or prohibit); keepalived skips it`, file: line.file, range: line.range });
        }
      }
    }
  },
};
