// KA319: a sync group with no usable member is removed by keepalived.

import { child } from '../../core/analysis/ast.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { closeRange, earlierEmptyGroups, nameRange, syncMembership } from './util.js';

/**
 * From 2.2.8 (commit 516032ec) a group without a `group` block, or with an empty one, is removed
 * when its block ends ("Sync group X has no members - removing", at the '}').
 */
const NO_GROUP_BLOCK_AT_CLOSE_SINCE: Version = [2, 2, 8];

export const syncGroupWithoutMembers: FileRule = {
  kind: 'file',
  code: 'KA319',
  name: 'sync-group-without-members',
  family: 'vrrp',
  severity: 'error',
  description: 'A vrrp_sync_group has no member that is a vrrp_instance; keepalived removes the group.',
  docs: {
    why: 'A sync group needs a `group { … }` block listing existing vrrp_instances that are not in another group. keepalived removes a group with an empty list or no usable name, together with its notify scripts and tracking, so nothing it was meant to do happens.',
    bad: 'vrrp_sync_group VG_1 {\n    group {\n    }\n    notify_master /etc/keepalived/master.sh\n}\n',
    good: 'vrrp_instance VI_EXT {\n    interface eth0\n    virtual_router_id 11\n    virtual_ipaddress {\n        192.168.1.11/24\n    }\n}\nvrrp_instance VI_INT {\n    interface eth0\n    virtual_router_id 12\n    virtual_ipaddress {\n        192.168.1.12/24\n    }\n}\nvrrp_sync_group VG_1 {\n    group {\n        VI_EXT\n        VI_INT\n    }\n    notify_master /etc/keepalived/master.sh\n}\n',
  },
  check({ analysis, report, target }) {
    const { members } = syncMembership(analysis.model);
    for (const g of analysis.model.syncGroups) {
      // An empty list before another sets nothing: keepalived reports it and reads the later one.
      for (const early of earlierEmptyGroups(g.node)) {
        report({ message: `sync group '${g.name}' has an empty group block; keepalived reports it ("Warning - sync group ${g.name} has empty group block") and reads the group list after it`, severity: 'warning', ...closeRange(early) });
      }
      const valid = members.get(g.node);
      if (!valid || valid.length) continue;
      const groupBlock = child(g.node, 'group');
      if (groupBlock && !(groupBlock.values ?? []).length) {
        // keepalived notices the empty list when the group block ends, and reports its closing brace;
        // from 2.2.8 it removes the group at the group's own '}' and says so there too.
        report({ message: `sync group '${g.name}' has an empty group block; keepalived removes the group`, ...closeRange(groupBlock) });
        if (compareVersions(target, NO_GROUP_BLOCK_AT_CLOSE_SINCE) >= 0) {
          report({ message: `sync group '${g.name}' is removed here: its group block is empty ("Sync group ${g.name} has no members - removing")`, ...closeRange(g.node) });
        }
      } else if (!groupBlock && compareVersions(target, NO_GROUP_BLOCK_AT_CLOSE_SINCE) >= 0) {
        report({ message: `sync group '${g.name}' has no group block; keepalived removes it ("Sync group ${g.name} has no members - removing")`, ...closeRange(g.node) });
      } else {
        report({
          message: groupBlock
            ? `none of the names in sync group '${g.name}' is a usable vrrp_instance; keepalived removes the group`
            : `sync group '${g.name}' has no group block; keepalived removes it`,
          file: g.node.file,
          range: nameRange(g.node),
        });
      }
    }
  },
};

