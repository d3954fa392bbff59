// KA318: a sync group with exactly one (usable) member synchronises nothing.

import { compareVersions } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { singleMemberSyncGroupRemoved } from '../../core/analysis/skips.js';
import { nameRange, syncMembership } from './util.js';

export const syncGroupSingleMember: FileRule = {
  kind: 'file',
  code: 'KA318',
  name: 'sync-group-single-member',
  family: 'vrrp',
  severity: 'warning',
  description: 'A vrrp_sync_group has only one member instance.',
  docs: {
    why: 'A sync group makes its instances change state together; with a single member it does nothing but still disables weighted tracking for that instance. keepalived reports it ("has only 1 virtual router(s) - this probably isn\'t what you want"); releases before 1.4.0 and 2.1.0 to 2.2.2 also remove the group, so there the instance keeps its weighted tracking, and a later upgrade takes it away. Add the instances that must fail over together, or remove the group.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.51/24\n    }\n}\nvrrp_sync_group VG_1 {\n    group {\n        VI_1\n    }\n}\n',
    good: 'vrrp_instance VI_EXT {\n    interface eth0\n    virtual_router_id 11\n    virtual_ipaddress {\n        192.168.1.11/24\n    }\n}\nvrrp_instance VI_INT {\n    interface eth0\n    virtual_router_id 12\n    virtual_ipaddress {\n        192.168.1.12/24\n    }\n}\nvrrp_sync_group VG_1 {\n    group {\n        VI_EXT\n        VI_INT\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    const { members } = syncMembership(analysis.model);
    const removed = singleMemberSyncGroupRemoved(target);
    for (const g of analysis.model.syncGroups) {
      const valid = members.get(g.node);
      if (!valid || valid.length !== 1) continue;
      const lost = g.members.length - 1;
      report({
        message: `sync group '${g.name}' has only one member ('${valid[0]!.text}')${lost > 0 ? ` after keepalived drops ${lost} unusable name(s)` : ''}; it synchronises nothing` +
          (removed
            ? `, and keepalived ${target.join('.')} removes it (${compareVersions(target, [1, 4, 0]) < 0 ? '"has only 1 virtual router(s) - removing"; releases before 1.4.0 do' : `"this probably isn't what you want - removing"; 2.1.0 to 2.2.2 do`}): '${valid[0]!.text}' runs on its own, with its weighted tracking`
            : ''),
        file: g.node.file,
        range: nameRange(g.node),
      });
    }
  },
};
