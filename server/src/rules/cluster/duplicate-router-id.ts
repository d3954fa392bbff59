// KA415: two nodes use the same router_id.

import type { ClusterRule } from '../types.js';
import { at, nodeMasterRank, rel } from '../../cluster/model.js';

export const duplicateRouterId: ClusterRule = {
  kind: 'cluster',
  code: 'KA415',
  name: 'cluster-duplicate-router-id',
  family: 'cluster',
  severity: 'info',
  description: 'Several nodes of a cluster use the same router_id.',
  docs: {
    why: 'router_id is not part of VRRP, so a duplicate does not break failover; but it names the machine in e-mail alerts and SNMP, and with the same name on every node an alert does not tell which node it came from. Use each node\'s own name (or leave it out: keepalived uses the host name).',
    bad: 'global_defs {\n    router_id LVS_DEVEL\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'global_defs {\n    router_id lb-b\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'global_defs {\n    router_id LVS_DEVEL\n}\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    const first = new Map<string, number>();
    // The node that starts as MASTER of more instances is taken first: the others are the copies reported.
    const ranks = ctx.nodes.map(nodeMasterRank);
    const order = ctx.nodes.map((_, i) => i).sort((a, b) => ranks[b]! - ranks[a]! || a - b);
    order.forEach((i) => {
      const node = ctx.nodes[i]!;
      const rid = node.analysis.model.globalDefs?.routerId;
      if (!rid) return;
      const prev = first.get(rid.value);
      if (prev === undefined) {
        first.set(rid.value, i);
        return;
      }
      const other = ctx.nodes[prev]!;
      ctx.report({
        ...at(rid.node),
        message: `router_id ${rid.value} is used by both ${node.label} and ${other.label}; alerts will not say which node sent them`,
        related: [rel(at(other.analysis.model.globalDefs!.routerId!.node), `router_id ${rid.value} on ${other.label}`)],
      });
    });
  },
};
