// KA410: advert_int differs between the nodes of one virtual router.

import { replaceArgFix } from '../fixes.js';
import type { ClusterRule } from '../types.js';
import { advertIntOf as advertInt, at, clusterModel, instanceAt, rel, versionOf, type Member, majorityFirst, masterRank } from '../../cluster/model.js';

/** How a node's interval reads in a message: as written, with what keepalived makes of it when that differs. */
function advertLabel(m: Member): string {
  const written = m.instance.advertInt?.value ?? 1;
  const used = advertInt(m);
  return used === written ? `${used}` : `${written} (${used} as keepalived rounds it)`;
}
const advertAt = (m: Member) => (m.instance.advertInt ? at(m.instance.advertInt.node) : instanceAt(m));

export const advertIntMismatch: ClusterRule = {
  kind: 'cluster',
  code: 'KA410',
  name: 'cluster-advert-int-mismatch',
  family: 'cluster',
  severity: 'error',
  description: 'The nodes of one VRRP instance use different advert_int values.',
  docs: {
    why: 'With VRRPv2 a node drops adverts whose interval differs from its own ("advertisement interval mismatch"), so the BACKUP hears no MASTER and takes the VIPs too (split brain). VRRPv3 adopts the MASTER\'s interval but logs the mismatch, and the failover time then depends on which node is MASTER (reported as a warning).',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 3\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const g of clusterModel(ctx.nodes).groups) {
      const [ref, ...rest] = majorityFirst(g.members, advertInt, masterRank);
      for (const m of rest) {
        if (advertInt(m) === advertInt(ref!)) continue;
        const v3 = versionOf(m) === 3 && versionOf(ref!) === 3;
        ctx.report({
          ...advertAt(m),
          severity: v3 ? 'warning' : undefined,
          message: v3
            ? `${g.name}: advert_int ${advertLabel(m)} on ${m.node.label} but ${advertLabel(ref!)} on ${ref!.node.label}; VRRPv3 adopts the MASTER's interval, so failover timing depends on who is MASTER`
            : `${g.name}: advert_int ${advertLabel(m)} on ${m.node.label} but ${advertLabel(ref!)} on ${ref!.node.label}; VRRPv2 drops adverts with another interval, so both nodes become MASTER`,
          related: [rel(advertAt(ref!), `advert_int ${advertInt(ref!)} on ${ref!.node.label}`)],
          // As the reference node writes it (1 when it has no advert_int line).
          fix: replaceArgFix(m.instance.advertInt?.node, 0, ref!.instance.advertInt?.node.argText(0) ?? '1', `Set advert_int ${advertInt(ref!)} on ${m.node.label}, as on ${ref!.node.label}`),
        });
      }
    }
  },
};
