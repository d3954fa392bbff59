// KA341: a sync group whose members disagree about starting as address owner.

import { parseInteger } from '../../core/analysis/values.js';
import type { FileRule } from '../types.js';
import { nameRange, stateOf, syncMembership } from './util.js';

export const syncGroupMixedOwner: FileRule = {
  kind: 'file',
  code: 'KA341',
  name: 'sync-group-mixed-owner',
  family: 'vrrp',
  severity: 'error',
  description: 'A vrrp_sync_group mixes members that start as MASTER address owner (priority 255) with members set to BACKUP.',
  docs: {
    why: 'A sync group starts as MASTER only if its members are address owners starting as MASTER. When an owner (state MASTER, priority 255) is followed by a member with state BACKUP, the group cannot satisfy both; keepalived reports "some member(s) as address owner and some not as address owner. This won\'t work."',
    bad: 'vrrp_sync_group VG_1 {\n    group {\n        VI_1\n        VI_2\n    }\n}\nvrrp_instance VI_1 {\n    state MASTER\n    priority 255\n}\nvrrp_instance VI_2 {\n    state BACKUP\n    priority 100\n}\n',
    good: 'vrrp_sync_group VG_1 {\n    group {\n        VI_1\n        VI_2\n    }\n}\nvrrp_instance VI_1 {\n    state MASTER\n    priority 150\n}\nvrrp_instance VI_2 {\n    state MASTER\n    priority 150\n}\n',
  },
  check({ analysis, report }) {
    const model = analysis.model;
    if (!model.syncGroups.length) return;
    const byName = new Map(model.vrrpInstances.map((i) => [i.name, i]));
    const { members } = syncMembership(model);
    for (const g of model.syncGroups) {
      // keepalived looks at the raw settings, before it derives missing states and priorities.
      let groupState: 'init' | 'master' | 'backup' = 'init';
      for (const m of members.get(g.node) ?? []) {
        const inst = byName.get(m.text)!;
        const state = stateOf(inst)?.value;
        const priority = inst.priority ? parseInteger(inst.priority.node.args[0]?.text ?? '') : undefined;
        if (groupState === 'master' && state === 'BACKUP') {
          report({ message: `sync group '${g.name}' has address-owner MASTER members and '${m.text}' with state BACKUP; keepalived says this won't work`, file: g.node.file, range: nameRange(g.node) });
          break;
        }
        if (groupState !== 'backup') groupState = state === 'MASTER' && priority === 255 ? 'master' : 'backup';
      }
    }
  },
};
