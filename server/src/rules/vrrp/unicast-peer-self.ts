// KA359: unicast_peer lists the instance's own unicast_src_ip, or another instance's of the same config.

import { canonicalAddress, sockaddrText } from '../../core/analysis/values.js';
import type { VrrpInstance } from '../../core/model/model.js';
import type { FileRule } from '../types.js';
import { anyInstanceHasRareLine, hasRareLine, keptVirtualAddresses, RareLine, unicastPeerWords } from './util.js';

export const unicastPeerSelf: FileRule = {
  kind: 'file',
  code: 'KA359',
  name: 'unicast-peer-self',
  family: 'vrrp',
  severity: 'warning',
  description: "unicast_peer lists this node's own address (the instance's unicast_src_ip, another instance's, or one of its VIPs), so keepalived sends adverts to this node itself.",
  docs: {
    why:
      'keepalived sends each advert to every address in unicast_peer, one by one, and accepts any address there, its own ' +
      'unicast_src_ip included (keepalived -t says nothing). An advert sent to this node\'s own address reaches no other ' +
      'node. When a config lists every node of the cluster so it can be copied unchanged, the other nodes still hear this ' +
      'one; when the own address is the only peer, no other node hears it, and the other nodes take the VIPs as well ' +
      '(split brain). List the other nodes only. The same holds for an address another instance of the config gives as its ' +
      'unicast_src_ip: either it is this node\'s own, or that instance took another node\'s address, a line copied from the ' +
      'other node\'s config, and keepalived puts it in FAULT ("src address not configured"; a real pair had both nodes send ' +
      'their second instance from the other node\'s address, and keepalived issue #2651 one config for three hosts). A VIP ' +
      'listed as a peer goes to whichever node holds it: the MASTER sends its adverts to itself.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    unicast_src_ip 10.0.0.11\n    unicast_peer {\n        10.0.0.11\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    unicast_src_ip 10.0.0.11\n    unicast_peer {\n        10.0.0.12\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
  },
  check({ analysis, report }) {
    // Nothing to find when no instance has the line (the usual case).
    if (!anyInstanceHasRareLine(analysis.model, RareLine.unicastPeer)) return;
    const insts = analysis.model.vrrpInstances;
    // This node's own addresses: every instance's unicast_src_ip (the first instance to give one names it).
    const sources = new Map<string, VrrpInstance>();
    for (let i = 0; i < insts.length; i++) {
      const src = insts[i]!.unicastSrcIp;
      if (!src) continue;
      const key = canonicalAddress(sockaddrText(src.value));
      if (!sources.has(key)) sources.set(key, insts[i]!);
    }
    for (let i = 0; i < insts.length; i++) {
      const inst = insts[i]!;
      if (!hasRareLine(inst, RareLine.unicastPeer)) continue;
      // A peer that is one of the instance's own VIPs: the node holding the VIPs sends its adverts to itself (a live
      // check, 2.2.7: with that the only peer, both nodes became MASTER).
      const peersOfInst = unicastPeerWords(inst);
      const vips = new Set(keptVirtualAddresses(inst).map((a) => canonicalAddress(sockaddrText(a.text))));
      for (let j = 0; j < peersOfInst.length && vips.size; j++) {
        const peer = peersOfInst[j]!;
        if (!vips.has(canonicalAddress(sockaddrText(peer.text)))) continue;
        const alone = peersOfInst.length === 1;
        report({
          message: alone
            ? `the only unicast_peer of '${inst.name}' is ${peer.text}, one of its own VIPs: the node that holds the VIPs sends its adverts to itself, so the other nodes never hear the MASTER and take the VIPs too (split brain); list the other nodes' own addresses`
            : `unicast_peer of '${inst.name}' lists ${peer.text}, one of its own VIPs: the MASTER, which holds it, also sends each advert to itself; list only the other nodes' own addresses`,
          severity: alone ? undefined : 'info',
          file: peer.file,
          range: peer.range,
        });
      }
    }
    if (!sources.size) return;
    for (let i = 0; i < insts.length; i++) {
      const inst = insts[i]!;
      if (!hasRareLine(inst, RareLine.unicastPeer)) continue;
      const src = inst.unicastSrcIp;
      const own = src ? canonicalAddress(sockaddrText(src.value)) : undefined;
      const peers = unicastPeerWords(inst);
      for (let j = 0; j < peers.length; j++) {
        const peer = peers[j]!;
        const address = canonicalAddress(sockaddrText(peer.text));
        const alone = peers.length === 1;
        if (address === own) {
          report({
            message: alone
              ? `the only unicast_peer of '${inst.name}' is its own ${src!.node.keyword} ${src!.value}: keepalived sends its adverts to this node alone, so no other node hears it and they take the VIPs too (split brain); list the other nodes`
              : `unicast_peer of '${inst.name}' lists its own ${src!.node.keyword} ${src!.value}: keepalived also sends each advert to this node itself; list only the other nodes`,
            // Among other peers it only costs a packet per advert (a config copied unchanged to every node): a note.
            severity: alone ? undefined : 'info',
            file: peer.file,
            range: peer.range,
            related: [{ file: src!.node.file, range: src!.node.range, message: `${src!.node.keyword} is set here` }],
          });
          continue;
        }
        // Another instance of this node sends from the address: it is this node's own too, or that
        // instance took another node's address (a line copied from the other node's config).
        const other = sources.get(address);
        if (!other || other === inst) continue;
        const otherSrc = other.unicastSrcIp!;
        // Foreign source addresses are what real configs got wrong (keepalived issue #2651: one config for
        // three hosts, each instance sending from another host's address): a warning either way.
        const fault = `if it is another node's, keepalived cannot bind '${other.name}' to it and puts '${other.name}' in FAULT ("src address not configured")`;
        report({
          message: alone
            ? `the only unicast_peer of '${inst.name}' is ${peer.text}, the ${otherSrc.node.keyword} of '${other.name}' in this same config: one of the two is wrong — if ${otherSrc.value} is this node's address, '${inst.name}' sends its adverts to this node alone and the other nodes take its VIPs too (split brain); ${fault}`
            : `unicast_peer of '${inst.name}' lists ${peer.text}, the ${otherSrc.node.keyword} of '${other.name}' in this same config: ${fault}; if it is this node's, '${inst.name}' also sends its adverts to this node itself`,
          file: peer.file,
          range: peer.range,
          related: [{ file: otherSrc.node.file, range: otherSrc.node.range, message: `${otherSrc.node.keyword} of '${other.name}'` }],
        });
      }
    }
  },
};
