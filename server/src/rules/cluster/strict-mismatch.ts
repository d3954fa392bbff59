// KA417: vrrp_strict on some nodes only.

import type { ClusterRule } from '../types.js';
import type { ClusterNode } from '../types.js';
import { at, fallback, globalChild, isUnicast, rel } from '../../cluster/model.js';
import { strictUnicastPeersAccepted } from '../vrrp/strict-mode-unicast.js';

/**
 * Whether a node has a line strict mode changes in its adverts: authentication, and unicast peers where the
 * release refuses them in strict mode (2.2.5 to 2.3.x accept them: two 2.2.7 nodes, one strict, both unicast,
 * elected one MASTER as usual). Accept mode changes what the MASTER accepts, not the adverts.
 */
function strictChangesAdverts(node: ClusterNode): boolean {
  const refusesUnicast = !strictUnicastPeersAccepted(node.analysis.target);
  return node.analysis.model.vrrpInstances.some((i) => !!i.authentication || (refusesUnicast && isUnicast(i)));
}

export const strictMismatch: ClusterRule = {
  kind: 'cluster',
  code: 'KA417',
  name: 'cluster-vrrp-strict-mismatch',
  family: 'cluster',
  severity: 'warning',
  description: 'vrrp_strict is set on some nodes of a cluster only.',
  docs: {
    why: 'Strict mode changes what a node sends and accepts: it ignores authentication and accept mode, refuses unicast peers on multicast-capable interfaces (except in 2.2.5 to 2.3.x, which accept them by mistake), and turns a MASTER that is not address owner into a BACKUP. A cluster where only some nodes are strict ends up with mismatched adverts (authentication on one side only, for instance), and the nodes reject each other.',
    bad: 'global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    const strict = ctx.nodes.map((n) => globalChild(n, 'vrrp_strict'));
    const without = ctx.nodes.filter((_, i) => !strict[i]);
    if (!without.length || without.length === ctx.nodes.length) return;
    ctx.nodes.forEach((node, i) => {
      const s = strict[i];
      if (!s) return;
      ctx.report({
        ...at(s),
        // Live (scripts/cluster-live): with no such line anywhere the pair elected one MASTER as usual.
        message: `vrrp_strict on ${node.label} but not on ${without.map((n) => n.label).join(', ')}; strict mode ignores authentication and accept mode${strictUnicastPeersAccepted(node.analysis.target) ? '' : ' (and refuses unicast peers)'} on ${node.label} only, so ${
          ctx.nodes.some(strictChangesAdverts) ? "the nodes' adverts no longer match" : 'such a line, once added, applies on one side only (the adverts match today)'
        }`,
        related: without.map((n) => {
          const gd = n.analysis.model.globalDefs;
          return rel(gd ? at(gd.node) : fallback(n), `no vrrp_strict on ${n.label}`);
        }),
      });
    });
  },
};
