// KA409: nopreempt on some nodes only, or made pointless by a node where keepalived clears it.

import type { ClusterRule } from '../types.js';
import { at, instanceAt, nopreemptOf, rel, startState, type Member } from '../../cluster/model.js';
import { simulateCluster } from '../../cluster/failover.js';

/** nopreempt as keepalived applies it: cleared with state MASTER or priority 255. */
function clearedBecause(m: Member): string | undefined {
  if (!nopreemptOf(m)) return undefined;
  if (m.instance.effectivePriority === 255) return 'priority 255';
  if (startState(m) === 'MASTER') return 'state MASTER';
  return undefined;
}

/**
 * A node that writes `preempt` (the last of preempt/nopreempt) or `preempt_delay` means to take
 * the VIPs back: nopreempt elsewhere is then no half-done non-preemptive pair.
 */
function asksToPreempt(m: Member): boolean {
  if (m.instance.preemptDelay !== undefined) return true;
  const lines = m.instance.node.children;
  for (let i = lines.length - 1; i >= 0; i--) {
    const k = lines[i]!.keyword;
    if (k === 'preempt') return true;
    if (k === 'nopreempt') return false;
  }
  return false;
}

export const nopreemptMismatch: ClusterRule = {
  kind: 'cluster',
  code: 'KA409',
  name: 'cluster-nopreempt-mismatch',
  family: 'cluster',
  severity: 'warning',
  description: 'nopreempt is set on some nodes of a VRRP instance only, or is cleared on a node by state MASTER.',
  docs: {
    why: 'A non-preemptive pair needs nopreempt and state BACKUP on every node that can outrank another. A node without nopreempt (or with state MASTER, which makes keepalived drop nopreempt there) takes the VIPs back whenever it has the higher priority, which is exactly what nopreempt was meant to avoid. A node whose priority (all checks healthy) is never above another node\'s has nothing to take back, so it is not reported; it takes over only when the other node\'s checks fail, and nopreempt there would stop that failover. Nor is a node that writes `preempt` or `preempt_delay`: it asks to take the VIPs back.',
    bad: 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    nopreempt\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    nopreempt\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    nopreempt\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const { group: g, report: sim } of simulateCluster(ctx.nodes)) {
      // Priorities with every check healthy: a node takes the VIPs back when it returns (or its
      // checks recover) with a priority above the node that holds them then. A node that never
      // outranks another healthy node takes nothing back, with or without nopreempt.
      const healthy = sim.scenarios[0]!.states;
      // Only a higher priority takes the VIPs back: a node that starts as MASTER below 255 starts in BACKUP like the
      // others, and a BACKUP keeps to an advert of equal priority (seen live with 2.2.7, with both start orders).
      const canTakeBack = (m: Member) => {
        const p = healthy[g.members.indexOf(m)]?.priority;
        return p !== undefined && healthy.some((o, i) => g.members[i] !== m && o.priority !== undefined && p > o.priority);
      };
      const effective = g.members.filter((m) => nopreemptOf(m) && !clearedBecause(m));
      const written = g.members.filter((m) => nopreemptOf(m));
      if (!written.length || written.length === effective.length && effective.length === g.members.length) continue;
      // A node whose nopreempt keepalived clears is already reported by the file rules (KA308,
      // KA3xx on priority 255) on that line; what the cluster adds is that the other nodes'
      // nopreempt then protects nothing, so that is said where they wrote it.
      const ref = effective[0];
      if (!ref) continue;
      for (const m of g.members) {
        if (m === ref) continue;
        const cleared = clearedBecause(m);
        if (!canTakeBack(m)) continue;
        if (cleared) {
          ctx.report({
            ...at(nopreemptOf(ref)!),
            message: `${g.name}: nopreempt on ${ref.node.label} does not make the pair non-preemptive: keepalived clears nopreempt on ${m.node.label} because of ${cleared}, so ${m.node.label} takes the VIPs back whenever its priority is higher`,
            related: [rel(at(nopreemptOf(m)!), `nopreempt on ${m.node.label}, cleared by ${cleared}`)],
          });
        } else if (!nopreemptOf(m) && !asksToPreempt(m)) {
          ctx.report({
            ...instanceAt(m),
            message: `${g.name}: nopreempt on ${ref.node.label} but not on ${m.node.label}; ${m.node.label} takes the VIPs back whenever its priority is higher`,
            related: [rel(at(nopreemptOf(ref)!), `nopreempt on ${ref.node.label}`)],
          });
        }
      }
    }
  },
};
