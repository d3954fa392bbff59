// KA354: a garp_group without garp_interval or gna_interval (keepalived 2.2.7 vrrp_parser.c, at the
// end of the block: it reports the closing brace's line and removes the group).

import type { AstNode } from '../../core/analysis/ast.js';
import type { FileRule } from '../types.js';
import { closeRange } from './util.js';
import { FIXED_POINT_TIMERS_SINCE, parseDecimal } from '../../core/analysis/values.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** keepalived's limit for both intervals, in seconds (checked with the binary: CORRECTIONS.md). */
const MAX_INTERVAL = 2147.483647;
/** From 2.3.2 (commit 360ec2a8) the intervals take the full unsigned range of microseconds (the 2.4.3 build reads 3000). */
const WIDER_MAX_SINCE: Version = [2, 3, 2];
const WIDER_MAX_INTERVAL = 4294.967295;
/** The intervals' table entries read words loosely (as decimals) until 2.0.7. */
const STRICT_TIMERS_SINCE: Version = [2, 0, 7];

/** Whether keepalived `target` keeps the garp_group: it has a garp_interval or gna_interval it accepts. */
export function garpGroupHasDelay(group: AstNode, target: Version): boolean {
  const max = compareVersions(target, WIDER_MAX_SINCE) >= 0 ? WIDER_MAX_INTERVAL : MAX_INTERVAL;
  return group.children.some((line) => {
    if (line.keyword !== 'garp_interval' && line.keyword !== 'gna_interval') return false;
    const text = line.argText(0);
    if (text === undefined) return false;
    // keepalived reads a word that is no number at all as 0 (after "invalid number"); a
    // negative or too large number it rejects, and the delay stays unset. Before fixed-point timers
    // (2.2.3) it rejects the word too ("garp_group gna_interval 'extra' invalid": the 2.0.19 and 2.1.5
    // builds then remove the group); before 2.0.7 it read the word loosely, as a decimal.
    const value = parseDecimal(text);
    if (!value && compareVersions(target, FIXED_POINT_TIMERS_SINCE) < 0 && compareVersions(target, STRICT_TIMERS_SINCE) >= 0) return false;
    return !text.startsWith('-') && !(value && value.value > max);
  });
}

export const garpGroupWithoutDelay: FileRule = {
  kind: 'file',
  code: 'KA354',
  name: 'garp-group-without-delay',
  family: 'vrrp',
  severity: 'error',
  description: 'A garp_group without a usable garp_interval or gna_interval; keepalived removes the group.',
  docs: {
    why:
      'A garp_group spaces out the gratuitous ARP (garp_interval) and unsolicited neighbour advertisement (gna_interval) ' +
      'messages sent on its interfaces after a failover, so that switches are not flooded. A group with neither delay ' +
      'does nothing: keepalived reports "does not have any delay set - removing" at its closing brace and drops it, and ' +
      'the interfaces send their ARPs back to back. A negative or too large delay counts as missing.',
    bad: 'garp_group {\n    interface eth0\n}',
    good: 'garp_group {\n    garp_interval 0.001\n    interface eth0\n}',
  },
  check({ analysis, target, report }) {
    for (const group of analysis.model.garpGroups) {
      if (garpGroupHasDelay(group, target)) continue;
      report({ message: 'This garp_group has no garp_interval or gna_interval keepalived accepts; keepalived removes the group (keepalived: "does not have any delay set - removing")', ...closeRange(group) });
    }
  },
};
