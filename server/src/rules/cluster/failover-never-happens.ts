// KA430: a tracked check on the MASTER whose failure never moves the VIPs.

import type { ClusterRule } from '../types.js';
import { breakdown, describeState, failVerb, simulateCluster, trackerLine } from '../../cluster/failover.js';
import { at, describePriority, nopreemptOf, priorityAt, rel } from '../../cluster/model.js';

export const failoverNeverHappens: ClusterRule = {
  kind: 'cluster',
  code: 'KA430',
  name: 'failover-never-happens',
  family: 'cluster',
  severity: 'warning',
  description: 'A tracked script, interface, process or BFD session on the MASTER can fail without moving the VIPs to another node.',
  docs: {
    why: 'A tracked check with a weight only changes the priority. If the MASTER\'s priority after the failure is still at least the BACKUP\'s (MASTER 100, BACKUP 90, weight -5: 95 > 90), or the BACKUP has nopreempt, the VIPs stay on the broken node. The weight must bring the MASTER below the BACKUP (the usual advice is a clear gap, e.g. -50), or use weight 0 so the instance goes to FAULT. `kalint explain KA430 a.conf b.conf` prints every scenario.',
    bad: 'vrrp_script chk_web {\n    script "/usr/local/bin/chk_web"\n    interval 2\n    weight -5\n}\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    track_script {\n        chk_web\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_script chk_web {\n    script "/usr/local/bin/chk_web"\n    interval 2\n    weight -20\n}\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    track_script {\n        chk_web\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const sim of simulateCluster(ctx.nodes)) {
      const healthy = sim.report.scenarios[0]!;
      const h = healthy.holderIndex;
      if (h === undefined) continue;
      for (const scn of sim.report.scenarios) {
        if (scn.kind !== 'check-fails' || scn.nodeIndex !== h || !scn.tracker) continue;
        const t = scn.tracker;
        // A track_file's effect depends on the number written into the file. A reversed weight raises the priority
        // on a failure: keeping the VIPs then is what `reverse` is for (template audit: the advice moved them to the
        // failing node, live).
        if (t.kind === 'file' || t.reverse || scn.states[h]!.state !== 'up' || scn.holderIndex !== h) continue;
        const holder = sim.group.members[h]!;
        const mine = scn.states[h]!.priority!;
        const others = scn.states.map((s, i) => ({ s, i })).filter((x) => x.i !== h && x.s.state === 'up');
        if (!others.length) continue;
        const best = Math.max(...others.map((x) => x.s.priority!));
        const before = healthy.states[h]!.priority!;
        // A BACKUP with nopreempt never takes over from a running MASTER, whatever the priorities:
        // no weight can help there, so the weight to suggest is the one that beats the others.
        const preempting = others.filter((x) => !sim.facts[x.i]!.nopreempt);
        let why: string;
        if (scn.heldBySyncGroup) why = `${scn.note}; track the check in the sync group (every member's priority then drops) or give it weight 0 (FAULT moves the whole group)`;
        else if (scn.note && best > mine) why = `${scn.note}; with nopreempt use weight 0 (FAULT) for checks that must move the VIPs`;
        else if (!preempting.length) {
          const names = others.map((x) => sim.group.members[x.i]!.node.label);
          const they = names.length > 1;
          why = `${mine} is still ${mine === best ? 'equal to' : 'above'} the best other priority ${best}, and since ${names.join(', ')} ${they ? 'have' : 'has'} nopreempt, ${they ? 'they' : 'it'} would not take over from the running MASTER even with a higher priority: no weight on this check moves the VIPs, only weight 0 (FAULT) or removing nopreempt there`;
        } else {
          const gap = mine - best;
          const needed = mine - Math.max(...preempting.map((x) => x.s.priority!));
          // A failing check with a positive weight only takes its bonus away: a larger bonus moves nothing unless each
          // taker gains it too (tracks the same check with that weight). Live (template audit): weight 2 -> 13 -> 24,
          // the VIPs stayed. A negative weight lowers the failing node itself.
          const takersGainIt = preempting.every((x) => sim.facts[x.i]!.trackers.some((o) => o.kind === t.kind && o.name === t.name && o.weight === t.weight && !o.reverse));
          const fix = t.weight < 0
            ? `a weight of ${t.weight - needed - 1} or lower`
            : takersGainIt
              ? `a weight of ${t.weight + needed + 1} or higher on every node`
              : `a larger positive weight would not help, since a failure only takes the bonus away; a weight of ${-needed - 1} or lower`;
          why = `${mine} is still ${gap === 0 ? 'equal to' : 'above'} the best other priority ${best}${gap === 0 ? ' (a BACKUP only takes over with a strictly higher priority)' : ''}: the VIPs never move (${fix}, or weight 0 for FAULT, would move them)`;
        }
        ctx.report({
          ...t.where,
          message: `${sim.group.name}: when ${trackerLine(t)} ${failVerb(t.kind)} on ${holder.node.label}, which holds the VIPs, its priority becomes ${breakdown(sim.facts[h]!, t)} (${before} when healthy); ${why}`,
          related: others.flatMap((x) => {
            const m = sim.group.members[x.i]!;
            const lines = [rel(priorityAt(m), `${m.node.label}: ${describePriority(m)}, ${describeState(x.s)} in this scenario`)];
            const np = sim.facts[x.i]!.nopreempt ? nopreemptOf(m) : undefined;
            if (np) lines.push(rel(at(np), `nopreempt on ${m.node.label}`));
            return lines;
          }),
        });
      }
    }
  },
};
