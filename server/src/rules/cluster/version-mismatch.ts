// KA411: the nodes of one virtual router speak different VRRP versions.

import type { ClusterRule } from '../types.js';
import type { Location } from '../../core/diagnostics.js';
import { at, clusterModel, familyOf, instanceAt, rel, versionOf, type Member, majorityFirst, masterRank } from '../../cluster/model.js';

/** Where the version comes from: the instance, global_defs, or an IPv6 VIP (v3). */
function versionOrigin(m: Member): { where: Location; why: string } {
  const inst = m.instance;
  if (familyOf(inst) === 6) {
    return { where: inst.version ? at(inst.version.node) : instanceAt(m), why: versionOf(m) === 3 ? 'IPv6 implies VRRPv3' : '`version 2` before the first IPv6 address sticks' };
  }
  // A version line keepalived refuses (not 2 or 3) sets nothing.
  if (inst.version && (inst.version.value === 2 || inst.version.value === 3)) return { where: at(inst.version.node), why: `version ${inst.version.value}` };
  const g = m.node.analysis.model.globalDefs?.vrrpVersion;
  if (g) return { where: at(g.node), why: `global vrrp_version ${g.value}` };
  return { where: instanceAt(m), why: 'default VRRPv2' };
}

export const versionMismatch: ClusterRule = {
  kind: 'cluster',
  code: 'KA411',
  name: 'cluster-vrrp-version-mismatch',
  family: 'cluster',
  severity: 'error',
  description: 'The nodes of one VRRP instance use different VRRP versions.',
  docs: {
    why: 'A node rejects adverts of the other VRRP version (2.2.7 logs "wrong version. Received N and expect M", 2.3 and later "wrong VRRP version"), so each node thinks it is alone and takes the VIPs. The version comes from the instance\'s `version`; without one an IPv6 instance is VRRPv3 and an IPv4 one takes global_defs `vrrp_version` (default 2), so a global setting on one node is enough to break an IPv4 pair.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'global_defs {\n    vrrp_version 3\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'global_defs {\n    vrrp_version 3\n}\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const g of clusterModel(ctx.nodes).groups) {
      const [ref, ...rest] = majorityFirst(g.members, versionOf, masterRank);
      for (const m of rest) {
        const v = versionOf(m);
        const rv = versionOf(ref!);
        if (v === rv) continue;
        const mine = versionOrigin(m);
        const theirs = versionOrigin(ref!);
        ctx.report({
          ...mine.where,
          message: `${g.name}: VRRPv${v} on ${m.node.label} (${mine.why}) but VRRPv${rv} on ${ref!.node.label} (${theirs.why}); the nodes reject each other's adverts and both become MASTER`,
          related: [rel(theirs.where, `VRRPv${rv} on ${ref!.node.label} (${theirs.why})`)],
        });
      }
    }
  },
};
