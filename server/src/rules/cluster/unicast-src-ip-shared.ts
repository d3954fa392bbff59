// KA421: two nodes of one VRRP instance give the same unicast_src_ip or mcast_src_ip (a config
// copied without changing it).

import { canonicalAddress, sockaddrFamily, sockaddrText } from '../../core/analysis/values.js';
import type { AstNode } from '../../core/analysis/ast.js';
import type { ClusterRule } from '../types.js';
import { at, clusterModel, isUnicast, rel, type Member } from '../../cluster/model.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** 2.1.0 (557dfbe9) binds the unicast receive socket to unicast_src_ip; a node without the address goes to FAULT. */
const SOURCE_BOUND_SINCE: Version = [2, 1, 0];
/** 2.3.3 binds it with IP_FREEBIND, which succeeds without the address: the two nodes then split (seen live, 2.4.3). */
const FREEBIND_SINCE: Version = [2, 3, 3];

const PEER = 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    unicast_src_ip 10.0.0.1\n    unicast_peer {\n        10.0.0.2\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n';

export const unicastSrcIpShared: ClusterRule = {
  kind: 'cluster',
  code: 'KA421',
  name: 'cluster-unicast-src-ip-shared',
  family: 'cluster',
  severity: 'error',
  description: 'Two nodes of one VRRP instance give the same unicast_src_ip (or mcast_src_ip).',
  docs: {
    why: 'keepalived writes the unicast_src_ip into every advert it sends, and sends the adverts to the addresses of its unicast_peer list. When a config is copied to the second node without changing these lines, both nodes claim one address and their peer lists name the same node: one of them sends its adverts to itself, the other never hears it, and both become MASTER (split brain; 2.0.x, and 2.3.3 and later). keepalived 2.1.0 to 2.3.2 also bind the receive socket to that address, which fails on the node that does not have it: its instance stays in FAULT ("src address not configured"), so there is no split but no failover either, and when the other node fails nobody holds the VIPs (two live 2.2.7 nodes). Each node needs its own address in unicast_src_ip and the other nodes\' addresses in unicast_peer. mcast_src_ip sets the same source address for multicast adverts: a copied one makes the BACKUP send as the MASTER, whose kernel drops packets that claim to come from its own address.',
    bad: PEER.replace('state MASTER', 'state BACKUP').replace('priority 100', 'priority 90'),
    good: PEER.replace('state MASTER', 'state BACKUP').replace('priority 100', 'priority 90').replace('unicast_src_ip 10.0.0.1', 'unicast_src_ip 10.0.0.2').replace('        10.0.0.2\n', '        10.0.0.1\n'),
    files: { '/etc/keepalived/peer.conf': PEER },
  },
  check(ctx) {
    for (const g of clusterModel(ctx.nodes).groups) {
      const bySrc = new Map<string, { m: Member; line: AstNode }>();
      for (const m of g.members) {
        const line = sourceLine(m);
        if (!line) continue;
        const value = line.argText(0)!;
        const key = canonicalAddress(sockaddrText(value));
        const first = bySrc.get(key);
        if (!first) {
          bySrc.set(key, { m, line });
          continue;
        }
        const unicast = isUnicast(m.instance);
        const target = m.node.analysis.target;
        // 2.1.0 to 2.3.2 bind the unicast socket to the address, which fails on a node without it (IP_FREEBIND from 2.3.3).
        const bindsSource = unicast && compareVersions(target, SOURCE_BOUND_SINCE) >= 0 && compareVersions(target, FREEBIND_SINCE) < 0;
        const effect = bindsSource
          ? `keepalived ${target.join('.')} binds its unicast socket to that address, so on the node that does not have ${value} the instance stays in FAULT ("src address not configured") and never takes over: when the other node fails, nobody holds the VIPs`
          : unicast
            ? 'keepalived sends every advert from the address written there, so the two nodes claim one address and one of them never hears the other (both become MASTER)'
            // Live (template audit): only the node that has the address drops the other's adverts; a pair whose higher
            // node has it failed over and back normally, and one whose lower node has it ran with both MASTER.
            : `keepalived sends every advert from the address written there, and the node that has ${value} drops the other's adverts (they claim to come from its own address): whenever that node is not the one with the highest priority (a lower priority, or a tracked failure), both become MASTER`;
        ctx.report({
          ...at(line),
          message: `${g.name}: ${m.node.label} gives the same ${line.keyword} ${value} as ${first.m.node.label}; ${effect}: ${
            unicast ? "give each node its own address, and the other's in unicast_peer" : 'a node drops packets that come from one of its own addresses; give each node its own address, or remove the line (keepalived then uses the interface\'s)'
          }`,
          related: [rel(at(first.line), `${first.line.keyword} ${first.line.argText(0)} on ${first.m.node.label}`)],
        });
      }
    }
  },
};

/**
 * The line that sets the address keepalived sends adverts from: unicast_src_ip and mcast_src_ip
 * set the same one (the last valid line wins; keepalived skips a malformed address).
 */
function sourceLine(m: Member): AstNode | undefined {
  const lines = m.instance.node.children;
  for (let i = lines.length - 1; i >= 0; i--) {
    const c = lines[i]!;
    if (c.keyword !== 'unicast_src_ip' && c.keyword !== 'mcast_src_ip') continue;
    const text = c.argText(0);
    if (text !== undefined && sockaddrFamily(text)) return c;
  }
  return undefined;
}
