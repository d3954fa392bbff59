// KA432: a failure scenario where the next MASTER is decided by a race between tied nodes, not by the config.

import type { ClusterRule } from '../types.js';
import { simulateCluster, tieUnchanged } from '../../cluster/failover.js';
import { describePriority, priorityAt, rel } from '../../cluster/model.js';

export const failoverTie: ClusterRule = {
  kind: 'cluster',
  code: 'KA432',
  name: 'failover-tie',
  family: 'cluster',
  severity: 'warning',
  description: 'In some failure scenario two nodes end with the same top priority, so timing, not the config, decides who takes the VIPs.',
  docs: {
    why: 'When priorities are equal after a failure, the tied BACKUPs race: the first whose master-down timer expires becomes MASTER, and its adverts, at an equal priority, keep the other in BACKUP; only when both become MASTER at the same moment does VRRP compare primary IP addresses (two keepalived 2.2.7 nodes tied this way split 10 to 8 between the higher and the lower address over 18 failovers). So which node takes over is left to chance, not to the config. At equal priorities with everything healthy, the node that comes up first keeps the VIPs, as an equal priority does not take over. Keep the effective priorities distinct in every scenario: `kalint explain KA432 a.conf b.conf` prints them.',
    bad: 'vrrp_script chk_web {\n    script "/usr/local/bin/chk_web"\n    interval 2\n    weight 10\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    track_script {\n        chk_web\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_script chk_web {\n    script "/usr/local/bin/chk_web"\n    interval 2\n    weight 5\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    track_script {\n        chk_web\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const sim of simulateCluster(ctx.nodes)) {
      const healthy = sim.report.scenarios[0];
      const ties = sim.report.scenarios.filter((s) => {
        // Crossed sync groups at the start are KA424's finding.
        if (!s.tie || s.syncGroup?.race) return false;
        // Address owners tied at 255 do not race: one lowers itself to 254 when it hears the other (KA408).
        if (s.states.some((st) => st.priority === 255 && s.tie!.includes(st.node))) return false;
        // A failure elsewhere leaves a tie that was there when healthy as it was: nothing changes hands (template
        // audit, live: c.conf down left a.conf MASTER and b.conf BACKUP at 100 each).
        if (s.kind !== 'healthy') return !tieUnchanged(s, healthy);
        // Equal configured priorities in the healthy state are KA406's finding.
        const tied = s.states.map((st, i) => ({ st, i })).filter((x) => s.tie!.includes(x.st.node));
        return new Set(tied.map((x) => sim.facts[x.i]!.base)).size > 1;
      });
      if (!ties.length) continue;
      // The scenario and the node it is reported on do not depend on the order the files were given in:
      // the healthy state first, then by the scenario's words; the tied node whose label sorts first.
      const byWords = (x: { kind: string; label: string }) => `${x.kind === 'healthy' ? 0 : 1}|${x.label}`;
      const first = ties.reduce((best, s) => (byWords(s) < byWords(best) ? s : best));
      const tiedIdx = first.states.map((s, i) => ({ s, i })).filter((x) => first.tie!.includes(x.s.node)).map((x) => x.i);
      const [a, ...rest] = tiedIdx.map((i) => sim.group.members[i]!).sort((x, y) => (x.node.label < y.node.label ? -1 : x.node.label > y.node.label ? 1 : 0));
      const where = first.tracker ? first.tracker.where : priorityAt(a!);
      const prio = first.states[tiedIdx[0]!]!.priority;
      const tie = [...first.tie!].sort();
      ctx.report({
        ...where,
        message: `${sim.group.name}: ${first.label === 'all healthy' ? 'while everything is healthy' : first.kind === 'node-down' ? `when ${first.states[first.nodeIndex!]!.node} is down` : `when ${first.label}`}, ${tie.length === 2 ? `${tie.join(' and ')} both end` : `${tie.slice(0, -1).join(', ')} and ${tie[tie.length - 1]} all end`} at priority ${prio}: ${first.kind === 'healthy' ? 'whichever node comes up first keeps the VIPs (an equal priority does not take over), so the boot order decides' : `which of them takes the VIPs is a race between their timers (the ${tie.length === 2 ? 'higher' : 'highest'} IP address wins only when they claim MASTER at the same moment)`}${ties.length > 1 ? ` (${ties.length} scenarios tie; see kalint explain KA432)` : ''}`,
        related: [a!, ...rest].map((m) => rel(priorityAt(m), `${m.node.label}: ${describePriority(m)}`)),
      });
    }
  },
};
