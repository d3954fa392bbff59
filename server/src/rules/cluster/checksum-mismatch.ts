// KA422: the nodes of a VRRPv3 IPv4 instance compute the advert checksum differently, so one node
// rejects the other's adverts ("Invalid VRRPv3 checksum" at run time; keepalived -t sees one node only).

import { argText, child, type AstNode } from '../../core/analysis/ast.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { ClusterRule } from '../types.js';
import { at, clusterModel, familyOf, globalChild, instanceAt, isUnicast, rel, versionOf, type Member } from '../../cluster/model.js';

/** v3_checksum_as_v2 (global_defs and instance) came in this release (keyword table `since`). */
const AS_V2_SINCE: Version = [2, 2, 8];

const FALSE = new Set(['false', 'no', 'off', '0']);

/**
 * Whether the node sends and checks VRRPv3 IPv4 checksums without the pseudo-header, as VRRPv2 does, and the
 * line that says so: the instance's v3_checksum_as_v2 (bare or true/false), else global_defs' (2.4.3
 * vrrp_data.c copies the global flag into each instance; vrrp_parser.c reads the instance's).
 */
function asV2(m: Member): { on: boolean; line?: AstNode } {
  if (compareVersions(m.node.analysis.target, AS_V2_SINCE) < 0) return { on: false };
  let line: AstNode | undefined;
  for (const c of m.instance.node.children) if (c.keyword === 'v3_checksum_as_v2') line = c;
  if (line) return { on: !FALSE.has((argText(line) ?? 'true').toLowerCase()), line };
  const g = globalChild(m.node, 'v3_checksum_as_v2');
  return g ? { on: true, line: g } : { on: false };
}

/**
 * The unicast checksum mode (2.2.7 vrrp_parser.c, vrrp.c): `old_unicast_checksum` sends and accepts only the
 * checksum of keepalived 1.3.6 and older; `old_unicast_checksum never` only the current one; without the line
 * a node accepts both and switches to the old one when it receives it.
 */
function unicastMode(m: Member): { mode: 'old' | 'never' | 'auto'; line?: AstNode } {
  const line = child(m.instance.node, 'old_unicast_checksum');
  if (!line) return { mode: 'auto' };
  return { mode: argText(line) === 'never' ? 'never' : 'old', line };
}

export const checksumMismatch: ClusterRule = {
  kind: 'cluster',
  code: 'KA422',
  name: 'cluster-checksum-mismatch',
  family: 'cluster',
  severity: 'error',
  description: 'The nodes of a VRRPv3 IPv4 instance compute advert checksums differently (v3_checksum_as_v2, or old_unicast_checksum against old_unicast_checksum never); one node rejects the other\'s adverts.',
  docs: {
    why:
      'A VRRPv3 IPv4 advert\'s checksum covers a pseudo-header with the addresses. `v3_checksum_as_v2` (2.2.8 and later, in global_defs or ' +
      'the instance) leaves it out, as VRRPv2 does, for peers that compute it that way; a node without it rejects such adverts ' +
      '("Invalid VRRPv3 checksum"), does not hear the MASTER and takes the VIPs too. For unicast, `old_unicast_checksum` uses the ' +
      'checksum of keepalived 1.3.6 and older and accepts only that; a node with `old_unicast_checksum never` never adopts it, so the ' +
      'two reject each other for good. A node without the line accepts the old checksum once it has received one, but the node with ' +
      'the line keeps rejecting the other\'s adverts, so whenever the other node is MASTER both hold the VIPs (two 2.2.7 daemons and ' +
      'two 2.4.3 ones: "Invalid VRRPv3 checksum" every second until the first node was MASTER again).',
    bad: 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    version 3\n    unicast_src_ip 10.0.0.2\n    unicast_peer {\n        10.0.0.3\n    }\n    old_unicast_checksum\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    version 3\n    unicast_src_ip 10.0.0.2\n    unicast_peer {\n        10.0.0.3\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    version 3\n    unicast_src_ip 10.0.0.3\n    unicast_peer {\n        10.0.0.2\n    }\n    old_unicast_checksum never\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const g of clusterModel(ctx.nodes).groups) {
      const [ref, ...rest] = g.members;
      if (!ref || !rest.length) continue;
      // Only VRRPv3 over IPv4 has the pseudo-header (IPv6 checksums are the kernel's); a version
      // mismatch is KA411's.
      if (familyOf(ref.instance) !== 4 || g.members.some((m) => versionOf(m) !== 3)) continue;
      const withV2 = g.members.filter((m) => asV2(m).on);
      if (withV2.length && withV2.length < g.members.length) {
        const other = g.members.find((m) => !asV2(m).on)!;
        for (const m of withV2) {
          ctx.report({
            ...at(asV2(m).line!),
            message: `${g.name}: ${m.node.label} computes VRRPv3 checksums as VRRPv2 (v3_checksum_as_v2) but ${other.node.label} does not; ${other.node.label} rejects its adverts ("Invalid VRRPv3 checksum") and takes the VIPs too`,
            related: [rel(instanceAt(other), `no v3_checksum_as_v2 on ${other.node.label}`)],
          });
        }
        continue;
      }
      if (withV2.length || !g.members.every((m) => isUnicast(m.instance))) continue;
      const old = g.members.filter((m) => unicastMode(m).mode === 'old');
      if (!old.length || old.length === g.members.length) continue;
      for (const m of g.members) {
        const mode = unicastMode(m).mode;
        if (mode === 'old') continue;
        const o = old[0]!;
        ctx.report({
          ...(unicastMode(m).line ? at(unicastMode(m).line!) : instanceAt(m)),
          ...(mode === 'never'
            ? { message: `${g.name}: old_unicast_checksum on ${o.node.label} but 'old_unicast_checksum never' on ${m.node.label}; each rejects the other's adverts ("Invalid VRRPv3 checksum") and both become MASTER` }
            : { message: `${g.name}: old_unicast_checksum on ${o.node.label} but not on ${m.node.label}; ${m.node.label} accepts the old checksum once it has received one, but ${o.node.label} keeps rejecting ${m.node.label}'s adverts ("Invalid VRRPv3 checksum"), so whenever ${m.node.label} is MASTER both hold the VIPs; set old_unicast_checksum on every node or on none` }),
          related: [rel(at(unicastMode(o).line!), `old_unicast_checksum on ${o.node.label}`)],
        });
      }
    }
  },
};
