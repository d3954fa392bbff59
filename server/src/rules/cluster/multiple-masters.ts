// KA407: more than one node starts an instance in state MASTER.

import { replaceArgFix } from '../fixes.js';
import type { ClusterRule } from '../types.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** From 2.0 vrrp_init_state makes only an address owner (or a reload's MASTER) MASTER at once. */
const NO_HEAD_START_SINCE: Version = [2, 0, 0];
import { at, clusterModel, instanceAt, lineOfOthers, rel, startState } from '../../cluster/model.js';

export const multipleMasters: ClusterRule = {
  kind: 'cluster',
  code: 'KA407',
  name: 'cluster-multiple-masters',
  family: 'cluster',
  severity: 'warning',
  description: 'Several nodes start the same VRRP instance in state MASTER.',
  docs: {
    why: 'A config copied to the second node unchanged says MASTER on both, and no longer says which node is meant to hold the VIPs. Before 2.0 each node with state MASTER took the VIPs at start-up and sent gratuitous ARPs before it heard the others, and the election then settled on priorities (or IP addresses when equal): a flap at every restart. From 2.0 state MASTER below priority 255 gives no head start (the instance starts in BACKUP with the usual master-down timer), so the priorities decide and, when equal, the first node up keeps the VIPs; the line still clears nopreempt and preempt_delay on each node. Start one node as MASTER and the others as BACKUP.',
    bad: 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const g of clusterModel(ctx.nodes).groups) {
      const masters = g.members.filter((m) => m.instance.state?.value === 'MASTER' && startState(m) === 'MASTER');
      if (masters.length < 2) continue;
      // Two address owners are reported by KA408.
      if (masters.filter((m) => m.instance.effectivePriority === 255).length >= 2) continue;
      // The one that wins the election (the highest priority; the first node among equals) is the reference, so
      // the findings and their fixes do not depend on the order the nodes were given in.
      const winner = masters.reduce((best, m) => (m.instance.effectivePriority > best.instance.effectivePriority ? m : best));
      for (const m of masters) {
        if (m === winner) continue;
        const tie = m.instance.effectivePriority === winner.instance.effectivePriority;
        // From 2.0 a MASTER below 255 starts in BACKUP with the usual master-down timer (vrrp_init_state): the line gives
        // no head start, and live pairs elected as if both were BACKUP (session 57). 1.x made it MASTER at once.
        const headStart = compareVersions(m.node.analysis.target, NO_HEAD_START_SINCE) < 0;
        const effect = headStart
          ? `${tie ? 'with equal priorities the higher IP address wins' : 'the lower priority one steps back only after hearing the other'}, so the VIPs flap at every restart`
          : `keepalived ${m.node.analysis.target.join('.')} starts each in BACKUP below priority 255 (state MASTER gives no head start), so ${
              tie ? 'with equal priorities the first node up keeps the VIPs' : 'the higher priority wins as it would anyway'
            }, and the config does not say which node is meant to hold them`;
        ctx.report({
          ...(m.instance.state ? at(m.instance.state.node) : instanceAt(m)),
          message: `${g.name}: both ${winner.node.label} and ${m.node.label} start as MASTER; ${effect}`,
          related: [rel(winner.instance.state ? at(winner.instance.state.node) : instanceAt(winner), `state MASTER on ${winner.node.label}`)],
          // The node that does not win the election anyway becomes a BACKUP;
          // not when its state line is the other nodes' too (one file, no `@id`): that would make every node BACKUP.
          fix:
            !lineOfOthers(m.instance.state?.node, g.members.filter((o) => o !== m).map((o) => o.instance.state?.node))
              ? replaceArgFix(m.instance.state?.node, 0, 'BACKUP', `Write 'state BACKUP' on ${m.node.label}, so that one node starts as MASTER`)
              : undefined,
        });
      }
    }
  },
};
