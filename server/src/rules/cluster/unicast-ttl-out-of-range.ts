// KA423: a node lists a peer with min_ttl/max_ttl that the peer's own unicast_ttl does not meet.

import { canonicalAddress, ipFamily, parseInteger, sockaddrText } from '../../core/analysis/values.js';
import type { ClusterRule } from '../types.js';
import { at, clusterModel, isUnicast, rel, type Member } from '../../cluster/model.js';
import { holdsWhileUp } from '../../cluster/failover.js';
import { unicastTtlLine, wordsRange } from '../vrrp/util.js';
import { peerTtlRange } from '../vrrp/unicast-peer-options-invalid.js';

/** The TTL (hop limit) a node sends its unicast adverts with: its last valid unicast_ttl, else 255. */
function sentTtl(m: Member): { ttl: number; written: boolean } {
  const line = unicastTtlLine(m.instance);
  const n = line ? parseInteger(line.argText(0) ?? '') : undefined;
  return n !== undefined && n >= 1 && n <= 255 ? { ttl: n, written: true } : { ttl: 255, written: false };
}

const PEER = (src: string, peer: string, extra: string) =>
  `vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    unicast_src_ip ${src}\n${extra}    unicast_peer {\n        ${peer}\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n`;

export const unicastTtlOutOfRange: ClusterRule = {
  kind: 'cluster',
  code: 'KA423',
  name: 'cluster-unicast-ttl-out-of-range',
  family: 'cluster',
  severity: 'error',
  description: "A node lists a unicast peer with min_ttl/max_ttl that the peer's adverts do not meet (its unicast_ttl, 255 by default).",
  docs: {
    why:
      'A `min_ttl`/`max_ttl` after a unicast peer\'s address makes keepalived (2.1.0 and later) drop adverts from that peer that arrive with another TTL ' +
      '("TTL/HL 255 not in range 254 - 254"), and turns check_unicast_src on for the instance. The peer sends with its unicast_ttl, 255 by default, ' +
      'and every router on the way takes one off. With a minimum above what the peer sends, its adverts are always dropped; with a maximum below ' +
      'it, they are dropped on a shared link. Whenever that peer holds the VIPs while the node is up, the node does not hear it and takes them too (two live 2.2.7 nodes: ' +
      'both MASTER after the first failover); if the peer only ever holds them while the node is down, the node takes them back when it returns, and kalint warns of the latent split (unless the peer drops this node\'s adverts too: then both hold the VIPs from the start). Make the range include what the peer sends, less the routers between the nodes.',
    bad: PEER('10.0.0.1', '10.0.0.2 min_ttl 254 max_ttl 254', ''),
    good: PEER('10.0.0.1', '10.0.0.2 min_ttl 250 max_ttl 255', ''),
    files: { '/etc/keepalived/peer.conf': PEER('10.0.0.2', '10.0.0.1', '').replace('priority 100', 'priority 90') },
  },
  check(ctx) {
    for (const g of clusterModel(ctx.nodes).groups) {
      const unicast = g.members.filter((m) => isUnicast(m.instance));
      if (unicast.length < 2) continue;
      // Each node by the address it sends from.
      const bySource = new Map<string, Member>();
      for (const m of unicast) {
        const src = m.instance.unicastSrcIp?.value;
        if (src !== undefined && ipFamily(src) !== undefined) bySource.set(canonicalAddress(src), m);
      }
      /** Whether `x` drops `y`'s adverts for their TTL (the range on x's unicast_peer line for y's source). */
      const dropsForTtl = (x: Member, y: Member): boolean => {
        const src = y.instance.unicastSrcIp?.value;
        if (src === undefined || ipFamily(src) === undefined) return false;
        const { ttl } = sentTtl(y);
        for (const block of x.instance.node.children) {
          if (block.keyword !== 'unicast_peer') continue;
          for (const line of block.values ?? []) {
            if (canonicalAddress(sockaddrText(line.words[0]!.text)) !== canonicalAddress(src)) continue;
            const range = peerTtlRange(line.words, x.node.analysis.target);
            if (range && (ttl < range.min || ttl > range.max)) return true;
          }
        }
        return false;
      };
      for (const a of unicast) {
        for (const block of a.instance.node.children) {
          if (block.keyword !== 'unicast_peer') continue;
          for (const line of block.values ?? []) {
            const range = peerTtlRange(line.words, a.node.analysis.target);
            if (!range) continue;
            const b = bySource.get(canonicalAddress(sockaddrText(line.words[0]!.text)));
            if (!b || b === a) continue;
            const { ttl, written } = sentTtl(b);
            if (ttl >= range.min && ttl <= range.max) continue;
            const sends = `${b.node.label} sends with TTL ${ttl}${written ? '' : ' (no unicast_ttl)'}`;
            const below = ttl < range.min;
            // As for KA418: the split needs b to hold the VIPs while a is up, unless b cannot hear a either: then
            // neither hears the other and both hold the VIPs from the first election on.
            const latent = !dropsForTtl(b, a) && !holdsWhileUp(ctx.nodes, g, b, a);
            const consequence = latent
              ? `. Today ${b.node.label} holds the VIPs only while ${a.node.label} is down or in FAULT, and ${a.node.label} takes them back when it returns, so nothing shows; but if ${b.node.label} ever outranks ${a.node.label} while both are up, both hold the VIPs (split brain)`
              : `, so whenever ${b.node.label} holds the VIPs ${a.node.label} takes them too (split brain)`;
            ctx.report({
              file: line.file,
              range: wordsRange(line.words.slice(1)),
              severity: below && !latent ? undefined : 'warning',
              message: `${g.name}: ${a.node.label} accepts adverts from ${line.words[0]!.text} only with a TTL in ${range.min}..${range.max}, but ${sends}, ${
                below ? 'and routers only lower it' : `which arrives in that range only after crossing ${ttl - range.max} router${ttl - range.max === 1 ? '' : 's'} or more`
              }: ${a.node.label} drops ${b.node.label}'s adverts (keepalived: "TTL/HL ${ttl} not in range ${range.min} - ${range.max}")${consequence}`,
              related: [rel(b.instance.unicastSrcIp ? at(b.instance.unicastSrcIp.node) : at(b.instance.node), `${b.instance.unicastSrcIp?.node.keyword ?? 'unicast_src_ip'} of ${b.node.label}`)],
            });
          }
        }
      }
    }
  },
};
