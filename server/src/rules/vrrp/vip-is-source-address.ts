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
      'The source address is this node\'s own address, the one it sends adverts from. A VIP moves: the node that takes over ' +
      'brings it up, and keepalived takes it down everywhere else. When a VIP is also a node\'s own address, what happens ' +
      'depends on the prefix the interface has it with, which the file does not say. With a different prefix (a VIP ' +
      'written without one is /32, an interface address is usually /24), this node keeps its address whatever the VRRP ' +
      'state, and a node that takes over brings up an address this node still has: both answer for it. With the same ' +
      'prefix, keepalived deletes the address when it starts and whenever it leaves MASTER (live 2.2.7: "removing VIPs"), ' +
      'so this node has its own address only while MASTER; with unicast_src_ip it then cannot bind its advert socket, and ' +
      'the instance stays in FAULT ("src address not configured"). Give the VIPs an address no node has.',
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
        // Whether keepalived deletes the node's own address depends on the interface's prefix, which the file does
        // not have: a host-size VIP most likely differs from it (live: kept, both nodes had it), a written one most
        // likely matches (live: deleted at start, and a unicast instance then stayed in FAULT).
        const slash = vip.text.indexOf('/');
        const prefix = slash < 0 ? undefined : vip.text.slice(slash + 1);
        const hostSize = prefix === undefined || prefix === (own.includes(':') ? '128' : '32');
        const sameLoss = `keepalived deletes it when it starts and whenever it leaves MASTER, so this node has its own address only while MASTER` +
          (source.keyword === 'unicast_src_ip' ? `, and without it cannot send adverts from it: the instance stays in FAULT` : '');
        const consequence = hostSize
          ? `if the interface has it with another prefix, this node keeps it in every state and a node that takes over brings up an address this node still has, so both answer for it; if with the same one, ${sameLoss}`
          : `if the interface has it as /${prefix} too, ${sameLoss}; if with another prefix, a node that takes over brings up an address this node still has, and both answer for it`;
        report({
          message:
            `VIP ${vip.text} of '${inst.name}' is its own ${source.keyword} (this node's address) at priority ${inst.effectivePriority}: ` +
            `${consequence}; give the VIPs an address no node has`,
          file: vip.words[0]!.file,
          range: vip.words[0]!.range,
          related: [{ file: source.file, range: source.range, message: `${source.keyword} is set here` }],
        });
      }
    }
  },
};
