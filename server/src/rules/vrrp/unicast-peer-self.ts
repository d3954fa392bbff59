// KA359: unicast_peer lists the instance's own unicast_src_ip.

import { canonicalAddress, sockaddrText } from '../../core/analysis/values.js';
import type { FileRule } from '../types.js';
import { unicastPeerWords } from './util.js';

export const unicastPeerSelf: FileRule = {
  kind: 'file',
  code: 'KA359',
  name: 'unicast-peer-self',
  family: 'vrrp',
  severity: 'warning',
  description: "unicast_peer lists the instance's own unicast_src_ip, so keepalived sends adverts to this node itself.",
  docs: {
    why:
      'keepalived sends each advert to every address in unicast_peer, one by one, and accepts any address there, its own ' +
      'unicast_src_ip included (keepalived -t says nothing). An advert sent to this node\'s own address reaches no other ' +
      'node. When a config lists every node of the cluster so it can be copied unchanged, the other nodes still hear this ' +
      'one; when the own address is the only peer, no other node hears it, and the other nodes take the VIPs as well ' +
      '(split brain). List the other nodes only.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    unicast_src_ip 10.0.0.11\n    unicast_peer {\n        10.0.0.11\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    unicast_src_ip 10.0.0.11\n    unicast_peer {\n        10.0.0.12\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
  },
  check({ analysis, report }) {
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const src = inst.unicastSrcIp;
      if (!src) continue;
      const own = canonicalAddress(sockaddrText(src.value));
      const peers = unicastPeerWords(inst);
      for (let j = 0; j < peers.length; j++) {
        const peer = peers[j]!;
        if (canonicalAddress(sockaddrText(peer.text)) !== own) continue;
        const alone = peers.length === 1;
        report({
          message: alone
            ? `the only unicast_peer of '${inst.name}' is its own unicast_src_ip ${src.value}: keepalived sends its adverts to this node alone, so no other node hears it and they take the VIPs too (split brain); list the other nodes`
            : `unicast_peer of '${inst.name}' lists its own unicast_src_ip ${src.value}: keepalived also sends each advert to this node itself; list only the other nodes`,
          // Among other peers it only costs a packet per advert (a config copied unchanged to every node): a note.
          severity: alone ? undefined : 'info',
          file: peer.file,
          range: peer.range,
          related: [{ file: src.node.file, range: src.node.range, message: 'unicast_src_ip is set here' }],
        });
      }
    }
  },
};
