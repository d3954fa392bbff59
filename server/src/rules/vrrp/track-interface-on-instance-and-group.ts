// KA340: the same interface tracked by an instance and by its sync group.

import type { FileRule } from '../types.js';
import { liveSyncMembership, trackLineDropped, wordsRange } from './util.js';

export const trackInterfaceOnInstanceAndGroup: FileRule = {
  kind: 'file',
  code: 'KA340',
  name: 'track-interface-on-instance-and-group',
  family: 'vrrp',
  // A warning: keepalived -t reports it, then merges the two entries and tracks the interface once,
  // which is what the user wrote (live 2.2.7: down and up behaved as configured).
  severity: 'warning',
  description: 'An interface is tracked both by a vrrp_instance and by the vrrp_sync_group it belongs to.',
  docs: {
    why: 'Tracking on the sync group already applies to every member. keepalived reports the double tracking as a configuration error ("configured on VRRP instance and sync group. Remove vrrp instance or sync group config"), then merges the two entries and tracks the interface once Track it in one place, so that the configuration test passes and one line says how the interface counts.',
    bad: 'vrrp_sync_group VG_1 {\n    group {\n        VI_1\n        VI_2\n    }\n    track_interface {\n        eth1\n    }\n}\nvrrp_instance VI_1 {\n    interface eth0\n    track_interface {\n        eth1\n    }\n}\nvrrp_instance VI_2 {\n    interface eth0\n}\n',
    good: 'vrrp_sync_group VG_1 {\n    group {\n        VI_1\n        VI_2\n    }\n    track_interface {\n        eth1\n    }\n}\nvrrp_instance VI_1 {\n    interface eth0\n}\nvrrp_instance VI_2 {\n    interface eth0\n}\n',
  },
  check({ analysis, report, target }) {
    const { groupOf } = liveSyncMembership(analysis.model, target);
    if (!groupOf.size) return;
    for (let itemIndex = 0, itemList = analysis.model.vrrpInstances; itemIndex < itemList.length; itemIndex++) {
      const inst = itemList[itemIndex]!;
      const group = groupOf.get(inst.name);
      if (!group) continue;
      const groupLines = group.children.filter((c) => c.keyword === 'track_interface').flatMap((b) => b.values ?? []);
      const groupTracked = new Set(groupLines.map((l) => l.words[0]?.text));
      const reported = new Set<string>();
      // keepalived also tracks each instance's own interface (unless dont_track_primary): a sync
      // group tracking that interface is the same double tracking, reported for each member.
      const own = inst.interface?.value;
      const ownLine = own === undefined || inst.node.children.some((c) => c.keyword === 'dont_track_primary')
        ? undefined
        : groupLines.find((l) => l.words[0]?.text === own && !trackLineDropped(l.words, 'track_interface', target));
      if (ownLine) {
        reported.add(own!);
        report({ message: `interface ${own} is the own interface of '${inst.name}', which keepalived tracks already, and its sync group '${group.args[0]?.text ?? ''}' tracks it too; remove it from the sync group (or set dont_track_primary)`, file: ownLine.file, range: wordsRange([ownLine.words[0]!]) });
      }
      for (const block of inst.node.children) {
        if (block.keyword !== 'track_interface') continue;
        for (const line of block.values ?? []) {
          const name = line.words[0];
          // A repeated entry is ignored by keepalived before this check (KA337).
          if (!name || !groupTracked.has(name.text) || reported.has(name.text) || trackLineDropped(line.words, 'track_interface', target)) continue;
          reported.add(name.text);
          report({ message: `interface ${name.text} is tracked by '${inst.name}' and by its sync group '${group.args[0]?.text ?? ''}'; track it in one place`, file: line.file, range: wordsRange([name]) });
        }
      }
    }
  },
};
