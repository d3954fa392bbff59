// KA433: a tracked script with weight 0 on the MASTER puts the instance into FAULT.

import type { ClusterRule } from '../types.js';
import { simulateCluster } from '../../cluster/failover.js';
import { describePriority, priorityAt, rel, syncGroupOf } from '../../cluster/model.js';

export const failoverZeroWeight: ClusterRule = {
  kind: 'cluster',
  code: 'KA433',
  name: 'failover-zero-weight-fault',
  family: 'cluster',
  severity: 'info',
  description: 'A tracked script without a weight puts the MASTER\'s instance into FAULT when it fails, rather than lowering its priority.',
  docs: {
    why: 'A vrrp_script without `weight` (or with weight 0) does not change the priority: when it fails keepalived puts the instance into FAULT, drops the VIPs and stops advertising, and the best other node takes over whatever the priorities are. That is usually what is wanted, but it also means the node cannot hold the VIPs at all while the check fails, even if every node fails the same check (a shared back end): then nobody holds them.',
    bad: 'vrrp_script chk_web {\n    script "/usr/local/bin/chk_web"\n    interval 2\n}\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    track_script {\n        chk_web\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_script chk_web {\n    script "/usr/local/bin/chk_web"\n    interval 2\n    weight -50\n}\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    track_script {\n        chk_web\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const sim of simulateCluster(ctx.nodes)) {
      const h = sim.report.scenarios[0]!.holderIndex;
      if (h === undefined) continue;
      for (const scn of sim.report.scenarios) {
        if (scn.kind !== 'check-fails' || scn.nodeIndex !== h || !scn.tracker) continue;
        const t = scn.tracker;
        // Inherited through a sync group: reported with the instance that tracks it.
        if (t.kind !== 'script' || t.weight !== 0 || t.viaInstance || scn.states[h]!.state !== 'fault') continue;
        const holder = sim.group.members[h]!;
        // Where keepalived ignores weights (an address owner; a sync group without sync_group_tracking_weight: KA307,
        // KA322), a weight is no way out: live (harvest 58), an owner given `weight -50` kept the VIPs while failing.
        const sync = syncGroupOf(holder.node, holder.instance);
        const ignoresWeights = sim.facts[h]!.owner ? 'owner' : sync && !sync.trackingWeight ? sync.group.name : undefined;
        const why = ignoresWeights === undefined
          ? ' instead of lowering its priority'
          : ignoresWeights === 'owner'
            ? ` (a weight would not lower it: keepalived ignores weighted tracking on the address owner)`
            : ` (a weight would not lower its priority: keepalived ignores track weights in sync group ${ignoresWeights} without sync_group_tracking_weight)`;
        const instead = ignoresWeights === undefined
          ? 'a weight (e.g. -50) would lower the priority instead'
          : ignoresWeights === 'owner'
            ? 'a priority below 255 with a weight (e.g. -50) would lower the priority instead'
            : `sync_group_tracking_weight in ${ignoresWeights} and a weight (e.g. -50) would lower the priority instead`;
        const next = scn.holderIndex !== undefined ? sim.group.members[scn.holderIndex]! : undefined;
        // The risk the FAULT design carries: a check every node runs the same way fails on all of them
        // together when what it watches is shared, and then no node may hold the VIPs.
        const everyNode = sim.facts.every((f, i) => i === h || f.trackers.some((o) => o.kind === 'script' && o.name === t.name && o.weight === 0 && !o.viaInstance));
        ctx.report({
          ...t.where,
          message: `${sim.group.name}: ${t.kind} ${t.name}${t.fromSyncGroup ? ` (from sync group ${t.fromSyncGroup})` : ''} has no weight, so when it fails keepalived puts the instance on ${holder.node.label} into FAULT${why}; ${
            next ? `the VIPs move to ${next.node.label}` : scn.tie ? `the VIPs move to ${scn.tie.join(' or ')} (whichever's timer expires first: a race)` : 'no other node can take the VIPs'
          }${
            next || scn.tie
              ? everyNode
                ? `. Every node tracks ${t.name} this way: if what it checks is shared (a database, a gateway), it fails on all of them at once and no node holds the VIPs; ${instead}`
                : ''
              : ''
          }`,
          related: sim.group.members
            .filter((m) => m !== holder)
            .map((m) => rel(priorityAt(m), `${m.node.label}: ${describePriority(m)}`)),
        });
      }
    }
  },
};
