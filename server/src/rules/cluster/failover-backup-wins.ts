// KA431: tracking weights make another node than the intended MASTER win while all is healthy.

import type { ClusterRule } from '../types.js';
import { breakdown, simulateCluster } from '../../cluster/failover.js';
import { describePriority, priorityAt, rel, startState } from '../../cluster/model.js';

export const failoverBackupWins: ClusterRule = {
  kind: 'cluster',
  code: 'KA431',
  name: 'failover-backup-wins-when-healthy',
  family: 'cluster',
  severity: 'warning',
  description: 'With every check healthy, positive tracking weights give another node a higher priority than the node meant to be MASTER.',
  docs: {
    why: 'Positive weights are added while a check succeeds. If the BACKUP\'s weights push it above the MASTER when everything is healthy (BACKUP 90 + 20 = 110 > MASTER 100), the BACKUP holds the VIPs in normal operation and the configured priorities mean nothing.',
    bad: 'vrrp_script chk_web {\n    script "/usr/local/bin/chk_web"\n    interval 2\n    weight 20\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    track_script {\n        chk_web\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_script chk_web {\n    script "/usr/local/bin/chk_web"\n    interval 2\n    weight 5\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    track_script {\n        chk_web\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const sim of simulateCluster(ctx.nodes)) {
      const healthy = sim.report.scenarios[0]!;
      const h = healthy.holderIndex;
      // A sync group that holds the VIPs elsewhere is KA424's finding.
      if (h === undefined || healthy.syncGroup) continue;
      const bases = sim.facts.map((f) => f.base);
      const top = Math.max(...bases);
      const intended = bases.filter((b) => b === top).length === 1 ? bases.indexOf(top) : -1;
      if (intended < 0 || intended === h) continue;
      // The one node written as MASTER winning is what the configs say they want (MASTER 99 with a
      // +4 check against BACKUP 100 keeps the VIPs while its check succeeds, by design).
      const masters = sim.group.members.filter((m) => startState(m) === 'MASTER');
      if (masters.length === 1 && sim.group.members.indexOf(masters[0]!) === h) continue;
      const winner = sim.group.members[h]!;
      const meant = sim.group.members[intended]!;
      // Point at what moved the priorities: a bonus on the winner, else a (reverse) malus on the loser.
      const boost = sim.facts[h]!.trackers.find((t) => t.weight > 0 && !t.reverse);
      const malus = sim.facts[intended]!.trackers.find((t) => t.weight > 0 && t.reverse);
      const where = boost?.where ?? malus?.where ?? priorityAt(winner);
      const other = boost || !malus ? priorityAt(meant) : priorityAt(winner);
      ctx.report({
        ...where,
        message: `${sim.group.name}: while everything is healthy ${winner.node.label} has priority ${breakdown(sim.facts[h]!)} and ${meant.node.label}, which has the higher configured priority, ${breakdown(sim.facts[intended]!)}: ${winner.node.label} holds the VIPs in normal operation`,
        related: [rel(other, boost || !malus ? `${meant.node.label}: ${describePriority(meant)}` : `${winner.node.label}: ${describePriority(winner)}`)],
      });
    }
  },
};
