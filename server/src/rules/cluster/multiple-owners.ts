// KA408: more than one address owner (priority 255) for one virtual router.

import type { ClusterRule } from '../types.js';
import { clusterModel, describePriority, priorityAt, rel } from '../../cluster/model.js';

export const multipleOwners: ClusterRule = {
  kind: 'cluster',
  code: 'KA408',
  name: 'cluster-multiple-address-owners',
  family: 'cluster',
  severity: 'error',
  description: 'Several nodes are address owner (priority 255, or state MASTER without priority) of the same VRRP instance.',
  docs: {
    why: 'Priority 255 means "this node owns the addresses" and is never pre-empted. Two owners of one VRID contradict each other: when one hears the other, keepalived logs "CONFIGURATION ERROR: local instance and a remote instance are both configured as address owner" and lowers its own priority to 254, so which node holds the VIPs depends on the order the nodes start (with 2.2.7, an owner in state MASTER that starts takes them from a running one: the VIPs move at each restart). `state MASTER` without a priority line makes the node an owner too.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 255\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const g of clusterModel(ctx.nodes).groups) {
      const owners = g.members.filter((m) => m.instance.effectivePriority === 255);
      if (owners.length < 2) continue;
      const [first, ...rest] = owners;
      for (const m of rest) {
        ctx.report({
          ...priorityAt(m),
          message: `${g.name}: ${m.node.label} (${describePriority(m)}) and ${first!.node.label} are both address owner of VRID ${m.instance.virtualRouterId?.value ?? '?'}: when they hear each other keepalived reports a configuration error ("both configured as address owner") and lowers one to 254, so the start order decides which node holds the VIPs; give one a lower priority`,
          related: [rel(priorityAt(first!), `${first!.node.label}: ${describePriority(first!)}`)],
        });
      }
    }
  },
};
