// Which track_group blocks keepalived knows when it reads a static address, route or rule line.

import type { AstNode } from '../../core/analysis/ast.js';

const before = new WeakMap<AstNode, ReadonlySet<string>>();

/**
 * The names of the track_group blocks before `block` (a top-level static_ipaddress, static_routes or static_rules
 * block): keepalived looks `track_group NAME` up as it reads the line (static_track_group_find), so only these are
 * found (KA315 reports the others). A second `track_group` on a line is "a duplicate" only after a first one was
 * found; after one that was not, keepalived looks the second up too (2.2.7 -t: "track_group TG not found" twice).
 */
export function trackGroupsBefore(block: AstNode): ReadonlySet<string> {
  let names = before.get(block);
  if (names) return names;
  const found = new Set<string>();
  for (const n of block.parent?.children ?? []) {
    if (n === block) break;
    const name = n.keyword === 'track_group' ? n.args[0]?.text : undefined;
    if (name !== undefined) found.add(name);
  }
  before.set(block, (names = found));
  return names;
}
