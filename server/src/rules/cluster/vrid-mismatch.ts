// KA401: the same vrrp_instance has different virtual_router_ids on the nodes.

import { replaceArgFix } from '../fixes.js';
import type { ClusterRule } from '../types.js';
import { at, clusterModel, rel, majorityFirst, masterRank } from '../../cluster/model.js';

export const vridMismatch: ClusterRule = {
  kind: 'cluster',
  code: 'KA401',
  name: 'cluster-vrid-mismatch',
  family: 'cluster',
  severity: 'error',
  description: 'The same VRRP instance uses a different virtual_router_id on another node.',
  docs: {
    why: 'Nodes only listen to adverts for their own VRID. When the VRID differs, each node hears nobody, so every node becomes MASTER and holds the VIPs at the same time (split brain). All nodes of one virtual router must share the VRID.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 52\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const g of clusterModel(ctx.nodes).groups) {
      const withVrid = majorityFirst(g.members.filter((m) => m.instance.virtualRouterId), (m) => m.instance.virtualRouterId!.value, masterRank);
      const ref = withVrid[0];
      if (!ref) continue;
      const refVrid = ref.instance.virtualRouterId!;
      for (const m of withVrid.slice(1)) {
        const v = m.instance.virtualRouterId!;
        if (v.value === refVrid.value) continue;
        const loc = at(v.node);
        // Another instance of this node already on that VRID and interface: the edit would make keepalived reject the
        // configuration ("both use VRID 51 … on interface eth0"), so no fix then.
        const taken = m.node.analysis.model.vrrpInstances.some(
          (o) => o !== m.instance && o.virtualRouterId?.value === refVrid.value && o.interface?.value === m.instance.interface?.value,
        );
        ctx.report({
          ...loc,
          message: `${m.instance.name}: virtual_router_id ${v.value} on ${m.node.label} but ${refVrid.value} on ${ref.node.label}; the nodes never hear each other and both become MASTER (split brain)`,
          related: [rel(at(refVrid.node), `virtual_router_id ${refVrid.value} on ${ref.node.label}`)],
          fix: taken ? undefined : replaceArgFix(v.node, 0, String(refVrid.value), `Set virtual_router_id ${refVrid.value} on ${m.node.label}, as on ${ref.node.label}`),
        });
      }
    }
  },
};
