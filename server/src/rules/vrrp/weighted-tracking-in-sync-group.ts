// KA322: weights of tracked objects are ignored for instances in a sync group.

import type { FileRule } from '../types.js';
import { keepsTrackingWeights, liveSyncMembership } from './util.js';
import { weightedEntries } from './weighted-tracking-on-owner.js';

export const weightedTrackingInSyncGroup: FileRule = {
  kind: 'file',
  code: 'KA322',
  name: 'weighted-tracking-in-sync-group',
  family: 'vrrp',
  severity: 'warning',
  description: 'A member of a vrrp_sync_group uses weighted tracking; keepalived ignores the weights (and drops weighted scripts).',
  docs: {
    why: 'Priorities of sync group members must not float, so unless the group sets `sync_group_tracking_weight` (or the deprecated `global_tracking`) keepalived says it sets tracked interface weights to 0 (though the weight stays in effect: it registered the interface with it first) and removes weighted track_script, track_bfd and explicitly weighted track_file entries entirely — a failing health check then never triggers failover. Use unweighted tracking (`weight 0`) or track on the sync group.',
    bad: 'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\nvrrp_sync_group VG_1 {\n    group {\n        VI_EXT\n        VI_INT\n    }\n}\nvrrp_instance VI_EXT {\n    track_script {\n        chk_haproxy weight -30\n    }\n}\n',
    good: 'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\nvrrp_sync_group VG_1 {\n    group {\n        VI_EXT\n        VI_INT\n    }\n    track_script {\n        chk_haproxy\n    }\n}\nvrrp_instance VI_EXT {\n}\n',
  },
  check({ analysis, report, target }) {
    const model = analysis.model;
    const { groupOf } = liveSyncMembership(model, target);
    if (!groupOf.size) return;
    const seen = new Set<string>();
    for (let itemIndex = 0, itemList = model.vrrpInstances; itemIndex < itemList.length; itemIndex++) {
      const inst = itemList[itemIndex]!;
      if (seen.has(inst.name)) continue;
      seen.add(inst.name);
      const group = groupOf.get(inst.name);
      if (!group || keepsTrackingWeights(group)) continue;
      const groupName = group.args[0]?.text ?? '';
      for (const e of weightedEntries(analysis, inst)) {
        // The group tracking the same object adds its own entry to every member, with its weight: live 2.2.7, the
        // instance's line dropped, the member's priority still went 100 -> 80 on the group's weight -20.
        const groupTracks = group.children.some((c) => c.keyword === e.kind && (c.values ?? []).some((l) => l.words[0]?.text === e.name));
        report({
          message: e.dropped && groupTracks
            ? `${e.kind} '${e.name}' (weight ${e.weight}) of '${inst.name}' is removed by keepalived because the instance is in sync group '${groupName}', which tracks '${e.name}' itself: the group's entry, with the group's weight, applies to '${inst.name}' instead; remove this line`
            : e.dropped
            ? `${e.kind} '${e.name}' (weight ${e.weight}) of '${inst.name}' is removed by keepalived because the instance is in sync group '${groupName}'; the check no longer affects failover`
            : e.kind === 'track_interface'
              ? // Live (scripts/cluster-live, 2.1.5 and 2.2.7): after "(VI_1) ignoring eth1 tracked interface weight due to SYNC group", eth1 going down still logged "Changing effective priority from 100 to 80".
                `keepalived logs that it ignores the weight ${e.weight} of track_interface '${e.name}' in '${inst.name}' (sync group '${groupName}') but applies it anyway: it registered the interface with the weight before clearing it, so the priority still changes while '${e.name}' is down`
              : `the weight ${e.weight} of ${e.kind} '${e.name}' in '${inst.name}' is ignored because the instance is in sync group '${groupName}'`,
          ...e.line,
          severity: e.dropped && !groupTracks ? 'error' : 'warning',
        });
      }
    }
  },
};
