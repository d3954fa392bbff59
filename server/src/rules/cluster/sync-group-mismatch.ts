// KA414: sync-group membership differs between nodes.

import type { VrrpInstance } from '../../core/model/model.js';
import type { ClusterRule } from '../types.js';
import { at, clusterModel, instanceAt, quoteList, rel, syncGroupOf, type Member, majorityFirst, masterRank } from '../../cluster/model.js';

export const syncGroupMismatch: ClusterRule = {
  kind: 'cluster',
  code: 'KA414',
  name: 'cluster-sync-group-mismatch',
  family: 'cluster',
  severity: 'warning',
  description: 'A VRRP instance is synchronised with different instances on different nodes.',
  docs: {
    why: 'A vrrp_sync_group makes its instances fail over together. When one node groups VI_1 with VI_2 and the other does not, a failure moves VI_1 and VI_2 together on one node and separately on the other, so the two halves of a service (e.g. outside and inside addresses of a router) can end up on different nodes.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\nvrrp_instance VI_2 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 52\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.1.10\n    }\n}\n',
    good: 'vrrp_sync_group G {\n    group {\n        VI_1\n        VI_2\n    }\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\nvrrp_instance VI_2 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 52\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.1.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_sync_group G {\n    group {\n        VI_1\n        VI_2\n    }\n}\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\nvrrp_instance VI_2 {\n    state MASTER\n    interface eth0\n    virtual_router_id 52\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.1.10\n    }\n}\n' },
  },
  check(ctx) {
    // Without sync groups every instance has no partners on every node.
    if (ctx.nodes.every((n) => !n.analysis.model.syncGroups.length)) return;
    const model = clusterModel(ctx.nodes);
    // Partners of an instance on its node, named by cluster group so renamed instances compare equal.
    const byNameOfNode: Map<string, VrrpInstance>[] = [];
    const partners = (m: Member): string[] => {
      const sg = syncGroupOf(m.node, m.instance);
      if (!sg) return [];
      const byName = (byNameOfNode[m.index] ??= new Map(m.node.analysis.model.vrrpInstances.map((i) => [i.name, i] as const)));
      const out: string[] = [];
      for (const w of sg.group.members) {
        const inst = byName.get(w.text);
        if (!inst || inst === m.instance) continue;
        out.push(model.groupOf.get(inst)?.name ?? w.text);
      }
      return out.sort();
    };
    const seen = new Set<string>();
    for (const g of model.groups) {
      const [ref, ...rest] = majorityFirst(g.members, (m) => partners(m).join(','), masterRank);
      const refPartners = partners(ref!);
      for (const m of rest) {
        const mine = partners(m);
        if (mine.join(',') === refPartners.join(',')) continue;
        const sg = syncGroupOf(m.node, m.instance);
        const refSg = syncGroupOf(ref!.node, ref!.instance);
        // One finding per sync group of a node (its members differ together), else per instance.
        const key = sg ? `${m.index}|group|${sg.name}` : `${m.index}|instance|${g.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // A group whose other members this node lacks leaves the instance alone in it.
        const describe = (p: string[], name: string | undefined) =>
          !name ? 'in no sync group' : p.length ? `in sync group ${name} with ${quoteList(p)}` : `alone in sync group ${name}`;
        ctx.report({
          ...(sg ? at(sg.node) : instanceAt(m)),
          message: `${g.name}: ${describe(mine, sg?.name)} on ${m.node.label} but ${describe(refPartners, refSg?.name)} on ${ref!.node.label}; the instances fail over together on one node and separately on the other`,
          related: [rel(refSg ? at(refSg.node) : instanceAt(ref!), `${g.name} on ${ref!.node.label}: ${describe(refPartners, refSg?.name)}`)],
        });
      }
    }
  },
};
