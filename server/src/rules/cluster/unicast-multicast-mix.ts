// KA419: one node uses unicast and another multicast for the same virtual router.

import { child } from '../../core/analysis/ast.js';
import type { ClusterRule } from '../types.js';
import { at, clusterModel, instanceAt, isUnicast, rel } from '../../cluster/model.js';

export const unicastMulticastMix: ClusterRule = {
  kind: 'cluster',
  code: 'KA419',
  name: 'cluster-unicast-multicast-mix',
  family: 'cluster',
  severity: 'error',
  description: 'Some nodes of a VRRP instance use unicast peers and others multicast.',
  docs: {
    why: 'A node with unicast_peer sends adverts only to its peers and expects unicast; a node without peers multicasts and listens on the multicast group. keepalived drops the mismatched packets ("Expected unicast packet but received multicast packet"), so the nodes never agree and both become MASTER.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    unicast_src_ip 10.0.0.2\n    unicast_peer {\n        10.0.0.1\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    unicast_src_ip 10.0.0.1\n    unicast_peer {\n        10.0.0.2\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const g of clusterModel(ctx.nodes).groups) {
      const unicast = g.members.filter((m) => isUnicast(m.instance));
      if (!unicast.length || unicast.length === g.members.length) continue;
      const u = unicast[0]!;
      const peerAt = child(u.instance.node, 'unicast_peer');
      for (const m of g.members) {
        if (isUnicast(m.instance)) continue;
        ctx.report({
          ...instanceAt(m),
          message: `${g.name}: multicast on ${m.node.label} but unicast on ${u.node.label}; the nodes drop each other's adverts and both become MASTER`,
          related: [rel(peerAt ? at(peerAt) : instanceAt(u), `unicast_peer on ${u.node.label}`)],
        });
      }
    }
  },
};
