// KA418: a node's unicast_src_ip is missing from a peer's unicast_peer list.

import { child } from '../../core/analysis/ast.js';
import { canonicalAddress, ipFamily } from '../../core/analysis/values.js';
import type { ClusterRule } from '../types.js';
import { at, clusterModel, globalChild, instanceAt, isUnicast, rel, unicastPeers, type Member } from '../../cluster/model.js';
import { holdsWhileUp } from '../../cluster/failover.js';

/** Why a node checks the source of unicast adverts against its peers, or undefined. */
function checksUnicastSource(m: Member): string | undefined {
  if (child(m.instance.node, 'check_unicast_src')) return 'check_unicast_src';
  if (globalChild(m.node, 'vrrp_check_unicast_src')) return 'vrrp_check_unicast_src';
  for (const block of m.instance.node.children) {
    if (block.keyword !== 'unicast_peer') continue;
    for (const line of block.values ?? []) if (line.words.some((w) => w.text === 'min_ttl' || w.text === 'max_ttl')) return 'a TTL range on a peer turns it on';
  }
  return undefined;
}

export const unicastPeerMissing: ClusterRule = {
  kind: 'cluster',
  code: 'KA418',
  name: 'cluster-unicast-peer-missing',
  family: 'cluster',
  severity: 'error',
  description: 'A node\'s unicast_src_ip is not in the unicast_peer list of another node of the same VRRP instance.',
  docs: {
    why: 'With unicast, a node sends its adverts only to the addresses in its unicast_peer list. If a peer\'s unicast_src_ip is not listed, that peer never receives the adverts: whenever the node that left it out holds the VIPs, the peer takes them too (split brain). With the unlisted peer as the higher-priority node nothing shows: the other node holds the VIPs only while it is down, and it takes them back when it returns (live 2.2.7 pairs); kalint then says so in a warning (only when the other node\'s list names this one: when neither list names the other, neither node hears the other and both hold the VIPs from the first election on, live 2.2.7), as the split comes once the node that left it out outranks it while both are up (a tracked check, a changed priority); with check_unicast_src the packets are also rejected ("not a unicast peer"). Without unicast_src_ip a node sends from its interface\'s address, which kalint cannot know; but two nodes that list the same one peer have a config copied unchanged: one of them is that address and lists itself, and both become MASTER.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    unicast_src_ip 10.0.0.2\n    unicast_peer {\n        10.0.0.3\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    unicast_src_ip 10.0.0.2\n    unicast_peer {\n        10.0.0.1\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    unicast_src_ip 10.0.0.1\n    unicast_peer {\n        10.0.0.2\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const g of clusterModel(ctx.nodes).groups) {
      const unicast = g.members.filter((m) => isUnicast(m.instance));
      if (unicast.length < 2) continue;
      // Two nodes without unicast_src_ip that list the same one peer: a config copied unchanged. One of them is that
      // address and lists itself, so the other never receives its adverts (two live 2.2.7 nodes: both MASTER, "equal
      // priority advert received from remote host with our IP address").
      if (g.members.length === 2 && unicast.length === 2 && unicast.every((m) => !m.instance.unicastSrcIp)) {
        const [a, b] = unicast as [(typeof unicast)[0], (typeof unicast)[0]];
        const pa = unicastPeers(a.instance);
        const pb = unicastPeers(b.instance);
        if (pa.length === 1 && pb.length === 1 && pa[0] === pb[0]) {
          const bAt = child(b.instance.node, 'unicast_peer');
          ctx.report({
            ...(bAt ? at(bAt) : instanceAt(b)),
            message: `${g.name}: ${a.node.label} and ${b.node.label} both list only ${pa[0]} in unicast_peer (a config copied unchanged?): one of them is ${pa[0]} and sends its adverts to itself, so the other never hears it and both become MASTER (split brain); list the other node's address on each`,
            related: [rel(at(child(a.instance.node, 'unicast_peer') ?? a.instance.node), `unicast_peer on ${a.node.label}`)],
          });
          continue;
        }
      }
      for (const a of unicast) {
        const peers = new Set(unicastPeers(a.instance));
        const peerAt = child(a.instance.node, 'unicast_peer');
        for (const b of unicast) {
          // A source keepalived cannot read clears the source address, an earlier line's included (2.2.7's daemon:
          // "Using src_ip = (none)"): the node then sends from its interface's address, which no config names.
          if (b === a || !b.instance.unicastSrcIp || ipFamily(b.instance.unicastSrcIp.value) === undefined) continue;
          const src = canonicalAddress(b.instance.unicastSrcIp.value);
          // The same address on both nodes is KA421's finding (a copied config), not a missing peer.
          if (peers.has(src) || (a.instance.unicastSrcIp && canonicalAddress(a.instance.unicastSrcIp.value) === src)) continue;
          // A node that checks unicast sources (check_unicast_src, or a TTL range on a peer) also drops adverts from an
          // address it does not list ("unicast source address … not a unicast peer"): then neither hears the other.
          const checks = checksUnicastSource(a);
          // b's own list lacks a's source too: neither node hears the other, and each is MASTER from the first election
          // on (live 2.2.7, session 61: both nodes listing a mistyped 10.1.0.9, or each only itself: both held the VIP).
          const aSrc = a.instance.unicastSrcIp && ipFamily(a.instance.unicastSrcIp.value) !== undefined ? canonicalAddress(a.instance.unicastSrcIp.value) : undefined;
          const deafBoth = aSrc !== undefined && !unicastPeers(b.instance).includes(aSrc);
          // The split needs a to hold the VIPs while b is up; if a only ever holds them while b is down or in FAULT,
          // b returning at a higher priority takes them back as it would anyway (live 2.2.7 pairs, session 60). That
          // needs b's adverts to reach a, so b's own list must name a.
          const latent = !checks && !deafBoth && !holdsWhileUp(ctx.nodes, g, a, b);
          const head = `${g.name}: the unicast_peer list on ${a.node.label} lacks ${b.node.label}'s ${b.instance.unicastSrcIp.node.keyword} ${b.instance.unicastSrcIp.value}; ${b.node.label} never receives ${a.node.label}'s adverts`;
          ctx.report({
            ...(peerAt ? at(peerAt) : instanceAt(a)),
            severity: latent ? 'warning' : undefined,
            message: latent
              ? `${head}. Today ${a.node.label} holds the VIPs only while ${b.node.label} is down or in FAULT, and ${b.node.label} takes them back when it returns, so nothing shows; but if ${a.node.label} ever outranks ${b.node.label} while both are up (a tracked check failing on ${b.node.label}, a changed priority), both hold the VIPs (split brain)`
              : deafBoth
                ? `${head}, and ${b.node.label}'s list lacks ${a.node.label}'s ${a.instance.unicastSrcIp!.node.keyword} ${a.instance.unicastSrcIp!.value} too: neither node hears the other, so both hold the VIPs from the first election on, whatever their priorities (split brain)`
                : `${head}, so whenever ${a.node.label} holds the VIPs ${b.node.label} takes them too (split brain)${
                    checks ? `; and as ${a.node.label} checks unicast sources (${checks}), it drops ${b.node.label}'s adverts too ("not a unicast peer"): both nodes are MASTER all the time` : ''
                  }`,
            related: [rel(at(b.instance.unicastSrcIp.node), `${b.instance.unicastSrcIp.node.keyword} ${b.instance.unicastSrcIp.value} on ${b.node.label}`)],
          });
        }
      }
    }
  },
};
