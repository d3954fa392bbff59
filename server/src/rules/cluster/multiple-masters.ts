// KA407: more than one node starts an instance in state MASTER.

import { replaceArgFix } from '../fixes.js';
import type { ClusterRule } from '../types.js';
import { at, clusterModel, instanceAt, lineOfOthers, rel, startState } from '../../cluster/model.js';

export const multipleMasters: ClusterRule = {
  kind: 'cluster',
  code: 'KA407',
  name: 'cluster-multiple-masters',
  family: 'cluster',
  severity: 'warning',
  description: 'Several nodes start the same VRRP instance in state MASTER.',
  docs: {
    why: 'Each node with state MASTER takes the VIPs at start-up and sends gratuitous ARPs before it hears the others; the election then settles on priorities (or IP addresses when they are equal). The result is a flap at every restart and a config that does not say who is meant to be MASTER. Start one node as MASTER and the others as BACKUP.',
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
        ctx.report({
          ...(m.instance.state ? at(m.instance.state.node) : instanceAt(m)),
          message: `${g.name}: both ${winner.node.label} and ${m.node.label} start as MASTER; ${tie ? 'with equal priorities the higher IP address wins' : 'the lower priority one steps back only after hearing the other'}, so the VIPs flap at every restart`,
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
