// KA412: the VIP lists of one virtual router differ between nodes.

import { child } from '../../core/analysis/ast.js';
import type { ClusterRule } from '../types.js';
import { shownAddress } from '../../core/analysis/values.js';
import { at, clusterModel, instanceAt, quoteList, rel, vipSet, type Member, majorityFirst, masterRank } from '../../cluster/model.js';

function vipAt(m: Member) {
  const block = child(m.instance.node, 'virtual_ipaddress');
  return block ? at(block) : instanceAt(m);
}

export const vipMismatch: ClusterRule = {
  kind: 'cluster',
  code: 'KA412',
  name: 'cluster-vip-mismatch',
  family: 'cluster',
  severity: 'error',
  description: 'The nodes of one VRRP instance list different virtual IP addresses.',
  docs: {
    why: 'Adverts carry the VIP list, and keepalived discards adverts whose list differs from its own ("ip address associated with VRID not present in MASTER advert", or an unexpected address count). The BACKUP then takes over while the MASTER is alive (split brain). skip_check_adv_addr does not prevent it: keepalived skips the check only for adverts from the MASTER it already accepted one from, and checks the first advert of every new MASTER, which it then discards.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n        10.0.0.11\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n        10.0.0.11\n    }\n}\n' },
  },
  check(ctx) {
    for (const g of clusterModel(ctx.nodes).groups) {
      const [ref, ...rest] = majorityFirst(g.members, (m) => vipSet(m.instance).join(','), masterRank);
      const refSet = vipSet(ref!.instance);
      let refKeys: Set<string> | undefined;
      for (const m of rest) {
        const set = vipSet(m.instance);
        // Both lists are sorted and without repeats: equal lists, nothing to say (the usual case).
        if (set.length === refSet.length && set.every((a, i) => a === refSet[i])) continue;
        const inRef = (refKeys ??= new Set(refSet));
        const keys = new Set(set);
        const missing = refSet.filter((a) => !keys.has(a));
        const extra = set.filter((a) => !inRef.has(a));
        if (!missing.length && !extra.length) continue;
        const parts: string[] = [];
        if (missing.length) parts.push(`missing ${quoteList(missing.map(shownAddress))}`);
        if (extra.length) parts.push(`has ${quoteList(extra.map(shownAddress))} in addition`);
        ctx.report({
          ...vipAt(m),
          message: `${g.name}: the VIPs on ${m.node.label} differ from ${ref!.node.label}'s (${set.length !== refSet.length ? `${set.length} address${set.length === 1 ? '' : 'es'} vs ${refSet.length}; ` : ''}${parts.join('; ')}); keepalived discards adverts whose address list differs, so both nodes become MASTER (skip_check_adv_addr does not help: it only skips the check for a MASTER whose advert was already accepted)`,
          related: [rel(vipAt(ref!), `VIPs on ${ref!.node.label}: ${quoteList(refSet.map(shownAddress))}`)],
        });
      }
    }
  },
};
