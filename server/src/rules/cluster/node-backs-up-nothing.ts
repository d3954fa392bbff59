// KA425: a node of a cluster given by the user (--cluster, a declared cluster, explain's files) that backs up none of
// the other nodes' instances: an empty node (a failed `ssh` in `<(ssh lb2 cat …)`), or instances that pair with none.

import type { ClusterRule } from '../types.js';
import { at, clusterModel, fallback, rel } from '../../cluster/model.js';

const MASTER = 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n';

/** Whether the nodes were named as one cluster by the user, not found by kalint (auto-paired, or the ids of one file). */
export function givenAsCluster(reason: string): boolean {
  return !reason.startsWith('auto') && !reason.startsWith('config ids ');
}

export const nodeBacksUpNothing: ClusterRule = {
  kind: 'cluster',
  code: 'KA425',
  name: 'cluster-node-backs-up-nothing',
  family: 'cluster',
  severity: 'error',
  description: 'A node of a cluster you named has no vrrp_instance (an empty file or pipe), or no instance that pairs with another node\'s: it backs up nothing.',
  docs: {
    why:
      'With --cluster (or a cluster declared in .kalint.json, or the files given to `kalint explain KA4xx`) you say that the files are the ' +
      "nodes of one cluster. A node without any vrrp_instance compares with nothing, so every other check is silent and the run looks clean. " +
      'That is what a failed fetch gives: in `kalint lint --cluster <(ssh lb1 cat /etc/keepalived/keepalived.conf) <(ssh lb2 cat ' +
      "/etc/keepalived/keepalived.conf)` the shell does not see an ssh that failed inside <(...), and kalint reads the empty pipe as an empty " +
      'config. So a node with no instance while another node has some is an error. A node whose instances pair with none of the other ' +
      "nodes' (no instance there has the same name, or the same VRID and VIPs: the file of another cluster, or a backup for another VIP) is " +
      'a warning: nothing takes over its VIPs, and it takes over none. ' +
      'Auto-paired files and the config ids of one file are not checked for this: kalint found those clusters itself.',
    bad: 'global_defs {\n    router_id lb2\n}\n',
    good: MASTER.replace('state MASTER', 'state BACKUP').replace('priority 100', 'priority 90'),
    files: { '/etc/keepalived/peer.conf': MASTER },
  },
  check(ctx) {
    if (!givenAsCluster(ctx.reason)) return;
    const model = clusterModel(ctx.nodes);
    const counts = ctx.nodes.map((n) => n.analysis.model.vrrpInstances.length);
    const withInstances = ctx.nodes.filter((_, i) => counts[i]! > 0);
    if (!withInstances.length) return;
    ctx.nodes.forEach((node, i) => {
      if (counts[i]) return;
      const main = node.analysis.files.get(node.analysis.file)?.text ?? '';
      const what = main.trim() === '' ? 'is empty' : 'has no vrrp_instance';
      const names = (n: typeof node) => n.analysis.model.vrrpInstances.map((x) => x.name);
      const others = withInstances.map((o) => `${o.label} (${names(o).slice(0, 3).join(', ')}${names(o).length > 3 ? ', …' : ''})`);
      ctx.report({
        ...fallback(node),
        message: `${node.label} ${what}: it backs up none of the instances of ${others.join(', ')}, and nothing is compared with it. A node read from <(ssh HOST cat …) is empty when ssh failed; check that the file holds the node's config`,
        related: withInstances.map((o) => rel(at(o.analysis.model.vrrpInstances[0]!.node), `${o.analysis.model.vrrpInstances[0]!.name} on ${o.label}`)),
      });
    });
    // A node whose instances pair with none of the other nodes' (the "backup" is for another VIP, another VRID).
    // Not when a node has no instance (reported above), nor when a node's instances were left out of the pairing
    // (a node whose VRRP configuration keepalived refuses, reported there).
    if (withInstances.length < ctx.nodes.length) return;
    const inModel = new Set(model.allGroups.flatMap((g) => g.members.map((m) => m.index)));
    if (ctx.nodes.some((_, i) => !inModel.has(i))) return;
    const pairs = new Set(model.groups.flatMap((g) => g.members.map((m) => m.index)));
    // When nothing pairs at all, the first node is the one the others fail to back up.
    const alone = ctx.nodes.map((_, i) => i).filter((i) => !pairs.has(i) && (pairs.size > 0 || i > 0));
    for (const i of alone) {
      const node = ctx.nodes[i]!;
      const list = (n: typeof node) => n.analysis.model.vrrpInstances.map((x) => x.name).join(', ');
      const others = ctx.nodes.filter((_, j) => j !== i);
      const first = node.analysis.model.vrrpInstances[0]!;
      ctx.report({
        ...at(first.node),
        severity: 'warning',
        message: `none of the instances of ${node.label} (${list(node)}) pairs with an instance of ${others.map((o) => `${o.label} (${list(o)})`).join(', ')}: no instance has the same name, or the same VRID and VIPs, so ${node.label} backs up nothing and nothing backs it up`,
        related: others.map((o) => rel(at(o.analysis.model.vrrpInstances[0]!.node), `${o.analysis.model.vrrpInstances[0]!.name} on ${o.label}`)),
      });
    }
  },
};
