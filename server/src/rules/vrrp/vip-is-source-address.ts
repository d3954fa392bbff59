// KA381: a VIP is the instance's own source address (unicast_src_ip / mcast_src_ip) below priority 255.

import { canonicalAddress, sockaddrText } from '../../core/analysis/values.js';
import type { FileRule } from '../types.js';
import { anyInstanceHasRareLine, hasRareLine, keptVirtualAddresses, RareLine } from './util.js';

/*
 * Found on a real pair (MichaelZhdanov/Auth-service, haproxy/keepalived.conf): the VIP and the
 * unicast_src_ip were both 192.168.99.100, priority 102, and the BACKUP's file the same copy.
 * keepalived -t says nothing: it does not compare the VIPs with the source address.
 */
export const vipIsSourceAddress: FileRule = {
  kind: 'file',
  code: 'KA381',
  name: 'vip-is-source-address',
  family: 'vrrp',
  severity: 'warning',
  description: "A VIP is the instance's own source address (unicast_src_ip or mcast_src_ip) while its priority is below 255.",
  docs: {
    why:
      'The source address is this node\'s own address: the one it sends adverts from, which stays on it whatever the VRRP ' +
      'state. A VIP moves: when another node takes over, it brings the VIP up there. If the VIP is this node\'s own address, ' +
      'the other node then claims an address this node still has (it is still up when a tracked check fails or the instance ' +
      'goes to FAULT), and both answer for it; while this node is MASTER, failing over moves nothing it does not already own. ' +
      'VRRP has one case where a virtual address is a node\'s own: the address owner, priority 255. Give the VIPs an address ' +
      'no node has, or, if this node is meant to own the address, priority 255.',
    bad: 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 102\n    unicast_src_ip 192.168.99.100\n    unicast_peer {\n        192.168.99.101\n    }\n    virtual_ipaddress {\n        192.168.99.100\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 102\n    unicast_src_ip 192.168.99.100\n    unicast_peer {\n        192.168.99.101\n    }\n    virtual_ipaddress {\n        192.168.99.10\n    }\n}\n',
  },
  check({ analysis, report }) {
    // Nothing to find when no instance has the line (the usual case).
    if (!anyInstanceHasRareLine(analysis.model, RareLine.unicastSrcIp | RareLine.mcastSrcIp)) return;
    const insts = analysis.model.vrrpInstances;
    for (let i = 0; i < insts.length; i++) {
      const inst = insts[i]!;
      if (!hasRareLine(inst, RareLine.unicastSrcIp | RareLine.mcastSrcIp) || inst.effectivePriority >= 255) continue;
      // keepalived keeps one source address: the last unicast_src_ip or mcast_src_ip line.
      const lines = inst.node.children;
      let source;
      for (let j = lines.length - 1; j >= 0 && !source; j--) {
        const k = lines[j]!.keyword;
        if ((k === 'unicast_src_ip' || k === 'mcast_src_ip') && lines[j]!.argCount > 0) source = lines[j]!;
      }
      if (!source) continue;
      const own = canonicalAddress(sockaddrText(source.argText(0)!));
      const vips = keptVirtualAddresses(inst);
      for (let j = 0; j < vips.length; j++) {
        const vip = vips[j]!;
        if (canonicalAddress(sockaddrText(vip.text)) !== own) continue;
        report({
          message:
            `VIP ${vip.text} of '${inst.name}' is its own ${source.keyword} (this node's address) at priority ${inst.effectivePriority}: ` +
            `a node that takes over brings up an address this node still has, and both answer for it; give the VIPs an address no node has ` +
            `(or priority 255, if this node is meant to own it)`,
          file: vip.words[0]!.file,
          range: vip.words[0]!.range,
          related: [{ file: source.file, range: source.range, message: `${source.keyword} is set here` }],
        });
      }
    }
  },
};
