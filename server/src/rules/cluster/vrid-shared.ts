// KA402: two different virtual routers on different nodes share a VRID on the same segment.

import type { ClusterRule } from '../types.js';
import { at, clusterModel, familyOf, isUnicast, mcastGroup, rel, versionOf, type InstanceGroup, type Member } from '../../cluster/model.js';

export const vridShared: ClusterRule = {
  kind: 'cluster',
  code: 'KA402',
  name: 'cluster-vrid-shared',
  family: 'cluster',
  severity: 'warning',
  description: 'Two different VRRP instances on different nodes use the same VRID with the same family, VRRP version, interface and multicast group.',
  docs: {
    why: 'keepalived only checks VRID clashes inside one file. When two different virtual routers of the cluster share a VRID, family, interface and multicast group, each receives the other one\'s adverts: they carry the wrong VIPs or password and are rejected, which keepalived logs at every advert interval (2.x: "received an invalid passwd", "ip address associated with VRID … not present in MASTER advert"; 1.3.x "bogus VRRP packet"). A rejected advert is otherwise ignored (it does not restart a BACKUP\'s master-down timer), so each virtual router still elects and fails over among its own nodes (live 2.2.7: two MASTERs on VRID 51 each kept their VIPs, and when one stopped its BACKUP took over). What remains is the log noise, a segment that breaks VRRP\'s rule of one virtual router per VRID, and, with use_vmac, two MASTERs using the one virtual MAC the VRID maps to (00:00:5e:00:01:VRID, :02: for IPv6). Use a distinct VRID (or mcast_dst_ip, or unicast) per virtual router.',
    bad: 'vrrp_instance db {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.20\n    }\n}\n',
    good: 'vrrp_instance db {\n    state BACKUP\n    interface eth0\n    virtual_router_id 52\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.20\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance web {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    const model = clusterModel(ctx.nodes);
    // key -> the members with that key, per instance group (in group order: the groups are
    // visited one after the other, so one group's members with a key are consecutive)
    const byKey = new Map<string, { group: InstanceGroup; members: Member[] }[]>();
    for (const g of model.allGroups) {
      for (const m of g.members) {
        const inst = m.instance;
        const vrid = inst.virtualRouterId?.value;
        // Unicast routers may share a VRID when their peers differ; keepalived allows it.
        if (vrid === undefined || isUnicast(inst)) continue;
        const key = `${vrid}|${familyOf(inst)}|v${versionOf(m)}|${inst.interface?.value ?? ''}|${mcastGroup(m.node, inst).value}`;
        const runs = byKey.get(key);
        const last = runs?.[runs.length - 1];
        if (last?.group === g) last.members.push(m);
        else if (runs) runs.push({ group: g, members: [m] });
        else byKey.set(key, [{ group: g, members: [m] }]);
      }
    }
    for (const runs of byKey.values()) {
      if (runs.length < 2) continue;
      const first = runs[0]!.members;
      for (let r = 1; r < runs.length; r++) {
        const members = runs[r]!.members;
        // The clash is keepalived's own check when both instances are on one node.
        let pair: [Member, Member] | undefined;
        for (const b of members) {
          const a = first!.find((x) => x.index !== b.index);
          if (a) {
            pair = [a, b];
            break;
          }
        }
        if (!pair) continue;
        const [a, b] = pair;
        const vrid = b.instance.virtualRouterId!;
        ctx.report({
          ...at(vrid.node),
          message: `VRID ${vrid.value} is used by ${b.instance.name} on ${b.node.label} and by a different instance, ${a.instance.name} on ${a.node.label}, on interface ${b.instance.interface?.value ?? '(none)'}: each receives the other's adverts and rejects them, logging it at every advert interval (failover still works: a rejected advert is ignored)`,
          related: [rel(at(a.instance.virtualRouterId!.node), `${a.instance.name} uses VRID ${vrid.value} on ${a.node.label}`)],
        });
      }
    }
  },
};
