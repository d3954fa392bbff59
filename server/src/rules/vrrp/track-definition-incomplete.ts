// KA335: a track_file without `file` or a vrrp_track_process without `process` is removed; a
// track_group with no instance listed tracks nothing (removed from 2.2.8).

import { child } from '../../core/analysis/ast.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { TRACKED_PROCESS_CRASH } from './tracked-process-crash.js';
import { closeRange, earlierEmptyGroups } from './util.js';

const REQUIRED = new Map([
  ['track_file', 'file'],
  ['vrrp_track_file', 'file'],
  ['vrrp_track_process', 'process'],
]);

/**
 * From 2.2.8 (commit 516032ec, the same rework as KA319's) a track_group whose `group` block is
 * missing or empty is removed when its own block ends ("Static track group X has no members -
 * removing", at its '}'); before, the group stays and tracks nothing, silently without a group block.
 * An empty group block is reported where it ends by every release that has track_group ("Warning -
 * track group X has empty group block").
 */
const TRACK_GROUP_REMOVED_SINCE: Version = [2, 2, 8];

export const trackDefinitionIncomplete: FileRule = {
  kind: 'file',
  code: 'KA335',
  name: 'track-definition-incomplete',
  family: 'vrrp',
  severity: 'error',
  description: 'A track_file has no `file`, a vrrp_track_process has no `process`, or a track_group lists no instance; keepalived removes it.',
  docs: {
    why: 'The `file` (or `process`) line names what is tracked. Without it keepalived drops the definition when its block ends ("No file set for track_file X - ignoring", "process name not specified"), and every instance tracking it loses that check. keepalived 2.1.0 to 2.1.2 crash as they remove a vrrp_track_process (see KA378). A track_group with an empty `group` block is reported, and from 2.2.8 a track_group without instances (no `group` block, or an empty one) is removed, so the static addresses, routes and rules naming it follow no instance.',
    bad: 'track_file maintenance {\n    weight -50\n}\n',
    good: 'track_file maintenance {\n    file /run/keepalived/maintenance\n    weight -50\n}\n',
  },
  check({ analysis, target, report }) {
    // Removing a vrrp_track_process frees it from a list 2.1.0 to 2.1.2 never set up (see KA378):
    // the 2.1.0 build exits 139 after "track process 'p' process name not specified", 2.1.3 exits 0.
    const removalCrashes = compareVersions(target, TRACKED_PROCESS_CRASH[0]) >= 0 && compareVersions(target, TRACKED_PROCESS_CRASH[1]) < 0;
    const removesTrackGroup = compareVersions(target, TRACK_GROUP_REMOVED_SINCE) >= 0;
    // A track_group that a repeated `group` list ended (2.2.8 on) is lost, but its first group block was read and checked.
    for (const lost of analysis.model.lostBlocks) {
      const n = lost.node;
      const group = n.keyword === 'track_group' ? child(n, 'group') : undefined;
      if (group && !(group.values ?? []).length) report({ message: `track_group '${n.args[0]?.text ?? ''}' has an empty group block; keepalived reports it and the group tracks no instance`, ...closeRange(group) });
    }
    for (let itemIndex = 0, itemList = analysis.model.root.children; itemIndex < itemList.length; itemIndex++) {
      const n = itemList[itemIndex]!;
      if (n.keyword === 'track_group') {
        const group = child(n, 'group');
        const empty = group && !(group.values ?? []).length;
        const name = n.args[0]?.text ?? '';
        for (const early of earlierEmptyGroups(n)) {
          report({ message: `track_group '${name}' has an empty group block; keepalived reports it ("Warning - track group ${name} has empty group block") and reads the group list after it`, severity: 'warning', ...closeRange(early) });
        }
        if (empty) report({ message: `track_group '${name}' has an empty group block; keepalived reports it and the group tracks no instance`, ...closeRange(group) });
        if (removesTrackGroup && (!group || empty)) {
          report({
            message: `track_group '${name}' ${group ? 'lists no instance' : 'has no group block'}; keepalived removes it here ("Static track group ${name} has no members - removing")`,
            ...closeRange(n),
          });
        }
        continue;
      }
      const needed = REQUIRED.get(n.keyword);
      if (!needed) continue;
      // A bare `file` line is reported and leaves the file as it was: unset, or an earlier line's (a bare `process`
      // stops keepalived, KA203).
      const line = child(n, needed);
      if (line && (needed === 'process' || n.children.some((c) => c.keyword === needed && c.argCount > 0))) continue;
      // keepalived checks when the block ends and reports the closing brace's line.
      report({
        message: `${n.keyword} '${n.args[0]?.text ?? ''}' has ${line ? `a '${needed}' line without a value` : `no '${needed}' line`}; keepalived removes it${
          removalCrashes && needed === 'process' ? ` and keepalived ${target.join('.')} crashes as it does (a segmentation fault, also under keepalived -t; fixed in 2.1.3)` : ''
        }`,
        ...closeRange(n),
        related: n.args[0] ? [{ file: n.file, range: n.args[0].range, message: `the ${n.keyword}` }] : undefined,
      });
    }
  },
};
