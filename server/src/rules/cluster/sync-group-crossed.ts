// KA424: the members of a sync group have their best nodes on different nodes, so the group cannot hold them where the
// priorities say while everything is healthy, or among the nodes a failure leaves.

import type { ClusterRule } from '../types.js';
import { simulateCluster, type FailoverScenario, type GroupSimulation } from '../../cluster/failover.js';
import { at, instanceAt, rel, syncGroupOf } from '../../cluster/model.js';
import type { Location } from '../../core/diagnostics.js';

/** The node with the highest priority in a row, ignoring sync groups (undefined on a tie). */
function bestNode(row: FailoverScenario): { node: string; priority: number; next?: number } | undefined {
  const up = row.states.filter((s) => s.state === 'up').sort((x, y) => y.priority! - x.priority!);
  if (!up.length || (up[1] && up[1].priority === up[0]!.priority)) return undefined;
  return { node: up[0]!.node, priority: up[0]!.priority!, next: up[1]?.priority };
}

function groupAt(sim: GroupSimulation, label: string): Location | undefined {
  const m = sim.group.members.find((x) => x.node.label === label);
  const sync = m && syncGroupOf(m.node, m.instance);
  return sync ? at(sync.node) : m ? instanceAt(m) : undefined;
}

const and = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** `95 against 80 on a.conf`: the priorities of two nodes in a row. */
function against(row: FailoverScenario, winner: string, loser: string): string {
  const p = (label: string) => {
    const st = row.states.find((s) => s.node === label);
    return st?.state === 'up' ? String(st.priority) : st?.state === 'fault' ? 'FAULT' : 'down';
  };
  return `${p(winner)} against ${p(loser)} on ${loser}`;
}

function placed(sim: GroupSimulation, row: FailoverScenario): string {
  const b = bestNode(row);
  return b ? `${sim.group.name} on ${b.node} (${b.priority}${b.next !== undefined ? ` against ${b.next}` : ''})` : sim.group.name;
}

export const syncGroupCrossed: ClusterRule = {
  kind: 'cluster',
  code: 'KA424',
  name: 'sync-group-crossed-priorities',
  family: 'cluster',
  severity: 'warning',
  description: 'The members of a sync group have their highest priorities on different nodes, so the group never holds them where the priorities say.',
  docs: {
    why: 'keepalived keeps the members of a vrrp_sync_group in one state on a node: a member that hears a higher priority wants BACKUP, the group then goes to BACKUP as a whole ("VRRP_Group(G) Syncing instances to BACKUP state"), and no member becomes MASTER while another wants BACKUP. So when a node\'s group has the highest priority for one member (VI_1 100 against 90) but not for another (VI_2 80 against 95), it holds neither: the other node takes both. When the other node groups them too, each group waits for the other, and the node whose group becomes MASTER first keeps the VIPs of every member, so the start order decides (live 2.2.7: a\'s G {VI_1 100, VI_2 80} against b\'s VI_1 90, VI_2 95: b held both in every start order without a group on b, and with one, whichever node was up first). The same goes for the nodes a failure leaves: when a node stops or a check lowers its priorities, the groups left may each have the highest priority for a different member, and one of them takes every member\'s VIPs (live 2.2.7: a G {100, 100}, b G {90, 90}, c G {VI_1 80, VI_2 95}: a stopped and b took both, never VI_1 on b and VI_2 on c). Give the members the same order of priorities on every node, or take the instance out of the group. `kalint explain KA424 a.conf b.conf` prints the table.',
    bad: 'vrrp_sync_group G {\n    group {\n        VI_1\n        VI_2\n    }\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\nvrrp_instance VI_2 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 52\n    priority 80\n    advert_int 1\n    virtual_ipaddress {\n        10.0.1.10\n    }\n}\n',
    good: 'vrrp_sync_group G {\n    group {\n        VI_1\n        VI_2\n    }\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\nvrrp_instance VI_2 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 52\n    priority 100\n    advert_int 1\n    virtual_ipaddress {\n        10.0.1.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_sync_group G {\n    group {\n        VI_1\n        VI_2\n    }\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\nvrrp_instance VI_2 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 52\n    priority 95\n    advert_int 1\n    virtual_ipaddress {\n        10.0.1.10\n    }\n}\n' },
  },
  check(ctx) {
    const sims = simulateCluster(ctx.nodes);
    const pulled = new Map<string, { sims: GroupSimulation[]; lost: string; to: string; node: string; group: string }>();
    const races = new Map<string, GroupSimulation[]>();
    for (const sim of sims) {
      const g = sim.report.scenarios[0]!.syncGroup;
      if (!g) continue;
      if (g.race) {
        const key = [...sim.report.scenarios[0]!.tie!].sort().join('\0');
        const list = races.get(key);
        if (list) list.push(sim);
        else races.set(key, [sim]);
        continue;
      }
      const key = `${g.node}\0${g.group}`;
      const entry = pulled.get(key);
      if (entry) entry.sims.push(sim);
      else pulled.set(key, { sims: [sim], lost: g.lost, to: g.to!, node: g.node, group: g.group });
    }
    const rowOf = (sim: GroupSimulation) => sim.report.scenarios[0]!;
    for (const p of pulled.values()) {
      const where = groupAt(p.sims[0]!, p.node);
      if (!where) continue;
      const lostSim = sims.find((s) => s.group.members.some((m) => m.node.label === p.node && m.instance.name === p.lost));
      const holders = p.sims.map((s) => rowOf(s).holder ?? (rowOf(s).tie ? rowOf(s).tie!.join(' or ') : 'no node'));
      const sameHolder = holders.every((h) => h === holders[0]);
      ctx.report({
        ...where,
        message: `sync group ${p.group} on ${p.node}: ${p.lost} goes to ${p.to}${lostSim ? ` (${against(rowOf(lostSim), p.to, p.node)})` : ''}, and keepalived keeps a sync group's members in one state, so ${p.group} on ${p.node} stays BACKUP while everything is healthy and ${sameHolder ? `${holders[0]} holds ${and(p.sims.map((s) => s.group.name))}${holders[0] === p.to ? ' too' : ''}` : and(p.sims.map((s, i) => `${s.group.name} goes to ${holders[i]}`))}, though ${p.node} has the highest priority there (${and(p.sims.map((s) => `${s.group.name}: ${rowOf(s).holder ? against(rowOf(s), p.node, rowOf(s).holder!) : `${bestNode(rowOf(s))?.priority ?? '?'} on ${p.node}`}`))}); give the members the same order of priorities on every node, or take them out of the group`,
        related: lostSim ? lostSim.group.members.filter((m) => m.node.label === p.to).map((m) => rel(instanceAt(m), `${m.instance.name} on ${m.node.label}`)) : [],
      });
    }
    // Groups that cross only once a failure has changed the priorities or taken a node away: the table's rows for that
    // event are a race among the nodes left (live 2.2.7, cluster64: a G {100, 100}, b G {90, 90}, c G {VI_1 80, VI_2
    // 95}; a stopped and b's group took both VIPs, never the split b / c).
    const later = new Map<string, { events: string[]; nodes: string[]; rows: [GroupSimulation, FailoverScenario][]; likely?: string }>();
    for (const sim of sims) {
      if (sim.report.scenarios[0]!.syncGroup?.race) continue;
      for (const s of sim.report.scenarios) {
        if (!s.syncGroup?.rerace || !s.tie) continue;
        const key = [...s.tie].sort().join('\0');
        let entry = later.get(key);
        if (!entry) later.set(key, (entry = { events: [], nodes: [...s.tie], rows: [] }));
        const event = s.kind === 'node-down' ? `${s.states[s.nodeIndex!]!.node} is down` : s.label;
        if (!entry.events.includes(event)) entry.events.push(event);
        // The priorities of the first event named.
        if (event === entry.events[0]) entry.rows.push([sim, s]);
        if (s.note?.startsWith('likely ')) entry.likely ??= s.note;
      }
    }
    for (const { events, nodes, rows, likely } of later.values()) {
      const where = groupAt(rows[0]![0], nodes[0]!);
      if (!where) continue;
      ctx.report({
        ...where,
        message: `when ${events.join(' or when ')}, the sync groups of ${and(nodes)} each have the highest priority left for some of their members (${and(rows.map(([s, r]) => placed(s, r)))}${events.length > 1 ? `, when ${events[0]}` : ''}), but keepalived keeps a sync group's members in one state on a node, so one node takes the VIPs of ${and(rows.map(([s]) => s.group.name))} together: the one whose group becomes MASTER first${likely ? ` (${likely})` : ''}, and the split the priorities say never happens; give the members the same order of priorities on every node`,
        related: nodes.slice(1).flatMap((n) => {
          const loc = groupAt(rows[0]![0], n);
          return loc ? [rel(loc, `the sync group on ${n}`)] : [];
        }),
      });
    }
    for (const [key, list] of races) {
      const nodes = key.split('\0');
      const where = groupAt(list[0]!, nodes[0]!);
      if (!where) continue;
      ctx.report({
        ...where,
        message: `the sync groups of ${and(nodes)} each have the highest priority for some of their members (${and(list.map((s) => placed(s, rowOf(s))))}), but keepalived keeps a sync group's members in one state on a node, so one node holds the VIPs of ${and(list.map((s) => s.group.name))} together: the one whose group becomes MASTER first, so the start order decides, and the split the priorities say never happens; give the members the same order of priorities on every node`,
        related: nodes.slice(1).flatMap((n) => {
          const loc = groupAt(list[0]!, n);
          return loc ? [rel(loc, `the sync group on ${n}`)] : [];
        }),
      });
    }
  },
};
