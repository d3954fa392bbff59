// KA406: a BACKUP whose priority is not lower than its MASTER's, or equal priorities.

import { replaceArgFix } from '../fixes.js';
import type { Fix } from '../../core/diagnostics.js';
import type { AstNode } from '../../core/analysis/ast.js';
import type { ClusterRule } from '../types.js';
import { clusterModel, describePriority, lineOfOthers, nopreemptOf, priorityAt, rel, startState } from '../../cluster/model.js';
import { simulateCluster } from '../../cluster/failover.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import { ahClearsMaster } from '../vrrp/util.js';

/** From 2.0.0 an instance written as MASTER starts in BACKUP for one advert interval, and stays there on an equal advert. */
const MASTER_WAITS_SINCE: Version = [2, 0, 0];

/**
 * Lowers a BACKUP's written priority below the MASTER's: by 10, as kalint peer does, then by 10 more
 * while another node has (or was just offered) that priority, so two fixed BACKUPs do not tie; never under 1.
 */
function lowerFix(b: { instance: { priority?: { value: number; node: AstNode } }; node: { label: string } }, masterPriority: number, taken: Set<number>, plan: { target: number; gap: number; healthy: { b: number; m: number } } | undefined): Fix | undefined {
  if (!plan) return undefined;
  // A second BACKUP steps one gap further down: below the first, not tied with it.
  let target = plan.target;
  while (taken.has(target) && target - plan.gap >= 1) target -= plan.gap;
  const healthy = { b: plan.healthy.b - (plan.target - target), m: plan.healthy.m };
  if (!b.instance.priority || target >= b.instance.priority.value || taken.has(target)) return undefined;
  taken.add(target);
  const said = healthy && (healthy.b !== target || healthy.m !== masterPriority)
    ? `Set priority ${target} on ${b.node.label}: ${healthy.b} with its tracked weights, below the MASTER's ${healthy.m}`
    : `Set priority ${target} on ${b.node.label}, below the MASTER's ${masterPriority}`;
  return replaceArgFix(b.instance.priority.node, 0, String(target), said);
}

export const priorityOrder: ClusterRule = {
  kind: 'cluster',
  code: 'KA406',
  name: 'cluster-priority-order',
  family: 'cluster',
  severity: 'warning',
  description: 'A node in state BACKUP has a priority higher than or equal to the MASTER\'s, or two nodes share a priority.',
  docs: {
    why: 'VRRP elects the highest priority, not the node written as MASTER: a BACKUP with a higher priority takes the VIPs as soon as it runs. With equal priorities a BACKUP does not take the VIPs from a running MASTER, and when two nodes claim MASTER at once the higher primary IP address wins, so who is MASTER depends on start order and addressing rather than on the config. Give every node a distinct priority, the MASTER the highest; use nopreempt to keep a node from taking the VIPs back. (BACKUPs that share a priority below a single MASTER only meet when it fails: KA432 reports that scenario.)',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 150\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    // The priorities with every check healthy: positive track weights may make the MASTER win on
    // purpose (MASTER 99 + 4 against BACKUP 100), which is a design, not an inversion.
    const sims = simulateCluster(ctx.nodes);
    const healthyOf = new Map(sims.map((s) => [s.group, s.report.scenarios[0]!.states]));
    const scenariosOf = new Map(sims.map((s) => [s.group, s.report.scenarios]));
    const factsOf = new Map(sims.map((s) => [s.group, s.facts]));
    for (const g of clusterModel(ctx.nodes).groups) {
      const healthy = healthyOf.get(g);
      /**
       * The priority gap a fix may open between BACKUP b and MASTER m (suggestions audit, live: a fix 10 below left a
       * check of weight 2 unable to move the VIPs): closer than the smallest weight either tracks, so one failure still
       * hands the VIPs over; none with nopreempt on either, whose pair the user made non-preemptive on purpose, nor
       * when a weight below 2 leaves no gap that works.
       */
      // Counted on the healthy priorities, each node's own bonus included (live check: with +5 on the BACKUP, or +2 on
      // the MASTER against a BACKUP as high, a written gap left the pair as it was): b ends below the MASTER's healthy
      // priority by less than one failure of the MASTER's takes away.
      const fixTarget = (b: (typeof g.members)[number], m: (typeof g.members)[number]): { target: number; gap: number; healthy: { b: number; m: number } } | undefined => {
        if (nopreemptOf(b) || nopreemptOf(m)) return undefined;
        const facts = factsOf.get(g)?.[g.members.indexOf(m)];
        const weights = (facts?.trackers ?? []).filter((t) => !t.reverse).map((t) => Math.abs(t.weight)).filter((w) => w > 0);
        const smallest = weights.length ? Math.min(...weights) : Infinity;
        const gap = smallest > 10 ? 10 : smallest >= 2 ? smallest - 1 : undefined;
        if (gap === undefined) return undefined;
        const hm = healthyPriority(m) ?? m.instance.effectivePriority;
        const bonus = (healthyPriority(b) ?? b.instance.effectivePriority) - b.instance.effectivePriority;
        const target = hm - gap - bonus;
        return target >= 1 && target <= 254 ? { target, gap, healthy: { b: hm - gap, m: hm } } : undefined;
      };
      const healthyPriority = (m: (typeof g.members)[number]) => {
        const s = healthy?.[g.members.indexOf(m)];
        return s?.state === 'up' ? s.priority : undefined;
      };
      // Address owners (255) are another rule's business.
      const members = g.members.filter((m) => m.instance.effectivePriority !== 255);
      // Several MASTERs are KA407's finding; a BACKUP is compared with the one that holds the VIPs
      // (the highest), not with a lower MASTER that yields to it anyway.
      let allMasters = members.filter((m) => startState(m) === 'MASTER');
      // With AH authentication keepalived (2.0.0 on, KA305) starts a 'state MASTER' below 255 as BACKUP: when that leaves
      // no MASTER, the MASTER the files name is still the one to compare with (mistakes61: MASTER 110 / BACKUP 120, both AH,
      // went unreported). keepalived then elects by priority alone, which the message says.
      // (Before 2.0.0 keepalived starts it as MASTER, as written: the plain message holds.)
      const ahCleared = !allMasters.length
        ? members.filter((m) => ahClearsMaster(m.node.analysis.model, m.instance))
        : [];
      if (ahCleared.length) allMasters = ahCleared;
      const top = Math.max(...allMasters.map((m) => m.instance.effectivePriority));
      const masters = allMasters.filter((m) => m.instance.effectivePriority === top);
      const reported = new Set<number>();
      // Priorities the fixes must not land on: the nodes that keep theirs, and the fixes already offered.
      const taken = new Set(members.filter((m) => startState(m) === 'MASTER' || m.instance.effectivePriority < top).map((m) => m.instance.effectivePriority));
      for (const b of members) {
        if (startState(b) === 'MASTER' || ahCleared.includes(b)) continue;
        for (const m of masters) {
          const bp = b.instance.effectivePriority;
          const mp = m.instance.effectivePriority;
          if (bp < mp) continue;
          reported.add(b.index).add(m.index);
          const hb = healthyPriority(b);
          const hm = healthyPriority(m);
          if (hb !== undefined && hm !== undefined && hm > hb) continue;
          // Equal once the bonuses count (102 and 102): not "b takes the VIPs", the boot order decides (KA432 says so).
          if (hb !== undefined && hm !== undefined && hm === hb && bp !== mp) continue;
          const ah = ahCleared.includes(m) && compareVersions(ctx.target, MASTER_WAITS_SINCE) >= 0
            ? `; with AH authentication keepalived starts ${m.node.label} as BACKUP too (it clears 'state MASTER' below priority 255: "Initial state master is incompatible with AH authentication", KA305), so neither written state counts and the higher priority wins the election`
            : '';
          ctx.report({
            ...priorityAt(b),
            message:
              bp > mp
                ? nopreemptOf(b)
                  ? `${g.name}: BACKUP ${b.node.label} has ${describePriority(b)}, higher than MASTER ${m.node.label}'s ${mp}; nopreempt keeps ${b.node.label} from taking the VIPs from a running ${m.node.label}, but once ${b.node.label} holds them (${m.node.label} restarted or failed, or ${b.node.label} started first) ${m.node.label} never gets them back${ah}`
                  : `${g.name}: BACKUP ${b.node.label} has ${describePriority(b)}, higher than MASTER ${m.node.label}'s ${mp}: ${b.node.label} takes the VIPs as soon as it runs${ah}`
                : ah
                  ? `${g.name}: BACKUP ${b.node.label} and MASTER ${m.node.label} both have priority ${bp}${ah.replace('the higher priority wins the election', 'the first to become MASTER keeps the VIPs (an equal advert keeps the other in BACKUP)')}`
                : // keepalived's BACKUP yields to an advert of equal priority (vrrp_state_backup); only two
                  // MASTERs compare addresses (vrrp_state_master_rx). Before 2.0.0 'state MASTER' starts as MASTER.
                  compareVersions(ctx.target, MASTER_WAITS_SINCE) >= 0
                  ? `${g.name}: BACKUP ${b.node.label} and MASTER ${m.node.label} both have priority ${bp}, so 'state MASTER' does not make ${m.node.label} win: whichever node holds the VIPs keeps them (an equal advert keeps the other in BACKUP), and only when both are MASTER at once (after adverts were lost between them) the higher primary IP address wins`
                  : `${g.name}: BACKUP ${b.node.label} and MASTER ${m.node.label} both have priority ${bp}: keepalived ${ctx.target.join('.')} starts ${m.node.label} as MASTER, and between two MASTERs of equal priority the higher primary IP address wins, so which node holds the VIPs depends on addressing`,
            related: [rel(priorityAt(m), `MASTER ${m.node.label}: ${describePriority(m)}`)],
            // Not when b's priority line is the other nodes' too (one file, no `@id`): all would move together.
            fix: lineOfOthers(b.instance.priority?.node, g.members.filter((o) => o !== b).map((o) => o.instance.priority?.node)) ? undefined : lowerFix(b, mp, taken, fixTarget(b, m)),
          });
        }
      }
      // Equal priorities among nodes not compared above (e.g. all BACKUP).
      const byPriority = new Map<number, typeof members>();
      for (const m of members) {
        const list = byPriority.get(m.instance.effectivePriority);
        if (list) list.push(m);
        else byPriority.set(m.instance.effectivePriority, [m]);
      }
      for (const [p, list] of byPriority) {
        // Two MASTERs with equal priorities are KA407's finding.
        if (list.length < 2 || list.every((m) => reported.has(m.index)) || list.every((m) => startState(m) === 'MASTER')) continue;
        // BACKUPs that tie below one node only meet when that node is down: KA432 reports that
        // scenario ("when a.conf is down, b.conf and c.conf both end at priority 90"), once is enough.
        const above = members.filter((m) => m.instance.effectivePriority > p);
        if (above.length === 1) {
          const downIndex = g.members.indexOf(above[0]!);
          const down = scenariosOf.get(g)?.find((sc) => sc.kind === 'node-down' && sc.nodeIndex === downIndex);
          if (down?.tie && list.every((m) => down.tie!.includes(m.node.label))) continue;
        }
        // One finding per priority shared, however many nodes share it.
        const [first, ...rest] = list;
        const names = list.map((m) => m.node.label);
        ctx.report({
          ...priorityAt(rest[0]!),
          message:
            list.length === 2
              ? `${g.name}: ${rest[0]!.node.label} and ${first!.node.label} both have priority ${p}: the first to become MASTER keeps the VIPs (a BACKUP of equal priority does not take them), and when both claim MASTER at once the higher primary IP address wins`
              : `${g.name}: ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} all have priority ${p}: the first to become MASTER keeps the VIPs (a BACKUP of equal priority does not take them), and when several claim MASTER at once the highest primary IP address wins`,
          related: list.filter((m) => m !== rest[0]).map((m) => rel(priorityAt(m), `${m.node.label}: ${describePriority(m)}`)),
        });
      }
    }
  },
};
