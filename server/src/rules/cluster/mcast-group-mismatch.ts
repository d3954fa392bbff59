// KA416: the multicast group of one virtual router differs between nodes.

import type { ClusterRule } from '../types.js';
import { shownAddress } from '../../core/analysis/values.js';
import { at, clusterModel, instanceAt, isUnicast, mcastGroup, rel, type Member, majorityFirst, masterRank } from '../../cluster/model.js';

function describe(m: Member): { text: string; where: ReturnType<typeof instanceAt> } {
  const g = mcastGroup(m.node, m.instance);
  const how = m.instance.mcastDstIp ? 'mcast_dst_ip' : g.where ? `global ${g.where.keyword}` : 'default';
  return { text: `${shownAddress(g.value)} (${how})`, where: g.where ? at(g.where) : instanceAt(m) };
}

export const mcastGroupMismatch: ClusterRule = {
  kind: 'cluster',
  code: 'KA416',
  name: 'cluster-mcast-group-mismatch',
  family: 'cluster',
  severity: 'error',
  description: 'The nodes of one VRRP instance send adverts to different multicast groups.',
  docs: {
    why: 'A node only listens on its own multicast group (mcast_dst_ip, else global_defs vrrp_mcast_group4/6, else 224.0.0.18 / ff02::12). With different groups the nodes never hear each other and all become MASTER.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    mcast_dst_ip 224.0.0.100\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    mcast_dst_ip 224.0.0.100\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const g of clusterModel(ctx.nodes).groups) {
      const multicast = majorityFirst(g.members.filter((m) => !isUnicast(m.instance)), (m) => mcastGroup(m.node, m.instance).value, masterRank);
      const [ref, ...rest] = multicast;
      if (!ref) continue;
      const refGroup = mcastGroup(ref.node, ref.instance).value;
      for (const m of rest) {
        if (mcastGroup(m.node, m.instance).value === refGroup) continue;
        const mine = describe(m);
        const theirs = describe(ref);
        ctx.report({
          ...mine.where,
          message: `${g.name}: adverts go to ${mine.text} on ${m.node.label} but to ${theirs.text} on ${ref.node.label}; the nodes never hear each other and both become MASTER`,
          related: [rel(theirs.where, `multicast group on ${ref.node.label}: ${theirs.text}`)],
        });
      }
    }
  },
};
