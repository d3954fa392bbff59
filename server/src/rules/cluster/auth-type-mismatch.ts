// KA403: auth_type differs between the nodes of one virtual router.

import { replaceArgFix } from '../fixes.js';
import type { ClusterRule } from '../types.js';
import { at, clusterModel, effectiveAuthOf, instanceAt, rel, majorityFirst, masterRank } from '../../cluster/model.js';


export const authTypeMismatch: ClusterRule = {
  kind: 'cluster',
  code: 'KA403',
  name: 'cluster-auth-type-mismatch',
  family: 'cluster',
  severity: 'error',
  description: 'The nodes of one VRRP instance use different auth_type values.',
  docs: {
    why: 'A node rejects adverts whose authentication type differs from its own ("received a N auth, expecting M"). The BACKUP then hears no valid MASTER, times out and takes the VIPs too.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    authentication {\n        auth_type AH\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const g of clusterModel(ctx.nodes).groups) {
      const withAuth = majorityFirst(g.members.map((m) => ({ m, a: effectiveAuthOf(m) })).filter((x) => x.a), (x) => x.a!.type, (x) => masterRank(x.m));
      const ref = withAuth[0];
      if (!ref) continue;
      for (const { m, a } of withAuth.slice(1)) {
        if (a!.type === ref.a!.type) continue;
        ctx.report({
          ...(a!.typeAt ? at(a!.typeAt.node) : instanceAt(m)),
          message: `${m.instance.name}: auth_type ${a!.type} on ${m.node.label} but ${ref.a!.type} on ${ref.m.node.label}; adverts are rejected and both nodes become MASTER`,
          related: [rel(ref.a!.typeAt ? at(ref.a!.typeAt.node) : instanceAt(ref.m), `auth_type ${ref.a!.type} on ${ref.m.node.label}`)],
          fix: replaceArgFix(a!.typeAt?.node, 0, ref.a!.type, `Set auth_type ${ref.a!.type} on ${m.node.label}, as on ${ref.m.node.label}`),
        });
      }
    }
  },
};
