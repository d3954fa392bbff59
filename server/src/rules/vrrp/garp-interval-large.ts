// KA383: a gratuitous ARP/NA interval of a second or more, or a VRRP start delayed a minute or more.
//
// keepalived spaces the gratuitous ARPs (NAs for IPv6) it sends on an interface by this interval; the repeats of an
// address still queued are merged into one, so each VIP goes out about once per round (a live check of 2.2.7, 3 VIPs
// at 1 s: 4 ARPs over 3 s; queue_garp / vrrp_arp_thread). The last of N VIPs is announced about N - 1 intervals after
// the first. The daemon only logs "The vrrp_garp_interval is very large - 1 seconds"; -t says nothing.

import { checkArg, parseDecimal } from '../../core/analysis/values.js';
import { argIn } from '../../core/schema/schema.js';
import type { AstNode } from '../../core/analysis/ast.js';
import type { FileRule } from '../types.js';
import { topLevelBlocks } from './util.js';

/** The keywords whose value keepalived calls very large, with the limit (seconds) and what the value does. */
const LARGE: ReadonlyMap<string, { from: number; what: string }> = new Map([
  ['vrrp_garp_interval', { from: 1, what: 'gratuitous ARPs' }],
  ['vrrp_gna_interval', { from: 1, what: 'unsolicited neighbour advertisements' }],
  ['garp_interval', { from: 1, what: 'gratuitous ARPs' }],
  ['gna_interval', { from: 1, what: 'unsolicited neighbour advertisements' }],
  ['vrrp_startup_delay', { from: 60, what: '' }],
]);

export const garpIntervalLarge: FileRule = {
  kind: 'file',
  code: 'KA383',
  name: 'garp-interval-large',
  family: 'vrrp',
  severity: 'info',
  description: 'A gratuitous ARP/NA interval of a second or more, or a vrrp_startup_delay of a minute or more: keepalived only logs that it is very large.',
  docs: {
    why:
      'After a takeover keepalived announces each VIP with gratuitous ARPs (unsolicited neighbour advertisements for IPv6), ' +
      'and spaces all those it sends on one interface by `vrrp_garp_interval` (or a garp_group\'s `garp_interval`). The ' +
      'interval is meant to be milliseconds: at one second the last of ten VIPs is announced nine seconds after the first, ' +
      'and switches and neighbours keep sending its traffic to the old node meanwhile. keepalived only logs ' +
      '"The vrrp_garp_interval is very large" and `keepalived -t` says nothing. Likewise a `vrrp_startup_delay` of a minute ' +
      'or more keeps a restarted node out of the election that long.',
    bad: 'global_defs {\n    vrrp_garp_interval 1\n}\n',
    good: 'global_defs {\n    vrrp_garp_interval 0.001\n}\n',
  },
  check({ analysis, report, target }) {
    const lines: AstNode[] = [];
    for (const gd of topLevelBlocks(analysis.ast, 'global_defs')) for (const c of gd.children) if (LARGE.has(c.keyword)) lines.push(c);
    for (const g of topLevelBlocks(analysis.ast, 'garp_group')) for (const c of g.children) if (c.keyword === 'garp_interval' || c.keyword === 'gna_interval') lines.push(c);
    for (const line of lines) {
      const text = line.argText(0);
      const value = text === undefined ? undefined : parseDecimal(text)?.value;
      const large = LARGE.get(line.keyword)!;
      if (value === undefined || value < large.from) continue;
      // A value the target refuses (out of its range) is KA205's, not a large one keepalived uses.
      const arg = line.spec?.args[0];
      if (arg && checkArg(argIn(arg, target), text!, line.keyword)?.severity === 'error') continue;
      const said = line.keyword;
      report({
        message: line.keyword === 'vrrp_startup_delay'
          ? `vrrp_startup_delay ${text} s: keepalived starts VRRP only after that ("Delaying startup for ${text} seconds"), so a restarted node takes no part in the election for that long; keepalived only logs that it is very large`
          : `${said} ${text} s: keepalived spaces the ${large.what} it sends on an interface by this, so after a takeover the last of N VIPs is announced about (N - 1) x ${text} s after the first, and its traffic goes to the old node meanwhile; keepalived only logs "The ${said} is very large" (keepalived -t says nothing). A few milliseconds is usual`,
        file: line.file,
        range: line.args[0]?.range ?? line.range,
      });
    }
  },
};
