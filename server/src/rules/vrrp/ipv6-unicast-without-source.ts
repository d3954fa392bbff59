// KA382: an IPv6 unicast instance without unicast_src_ip, whose peers are global addresses: keepalived sends from and
// listens on the interface's link-local address, so the adverts the peers send to this node's global address never
// arrive (two live 2.2.7 nodes, and 2.4.3: both MASTER all the time).

import { parsePrefix } from '../../core/analysis/values.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { instanceFamily, isUnicast, nameRange, unicastPeerWords } from './util.js';

/** 2.1.0 (557dfbe9) binds the unicast receive socket to the instance's source address. */
const SOURCE_BOUND_SINCE: Version = [2, 1, 0];

/** fe80::/10. */
function linkLocal(address: string): boolean {
  return /^fe[89ab]/i.test(address);
}

export const ipv6UnicastWithoutSource: FileRule = {
  kind: 'file',
  code: 'KA382',
  name: 'ipv6-unicast-without-source',
  family: 'vrrp',
  severity: 'warning',
  description: 'An IPv6 unicast instance has no unicast_src_ip while its peers are global addresses; keepalived listens on the link-local address only.',
  docs: {
    why:
      'Without unicast_src_ip an IPv6 instance sends its adverts from the interface\'s link-local address, and from 2.1.0 keepalived binds ' +
      'its unicast socket to that address. The other nodes send their adverts to the address they list for this node; when that is its global ' +
      'address the packets never reach the socket, and this node never hears them: both become MASTER (seen with two 2.2.7 nodes and two 2.4.3 ' +
      'ones, each listing the other\'s global address). An IPv4 instance is not affected: its source is the interface\'s primary address. Set ' +
      'unicast_src_ip to the node\'s global address on every node, or list each node\'s link-local address as its peers\' unicast_peer.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    unicast_peer {\n        2001:db8::1\n    }\n    virtual_ipaddress {\n        2001:db8::100/64\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    unicast_src_ip 2001:db8::2\n    unicast_peer {\n        2001:db8::1\n    }\n    virtual_ipaddress {\n        2001:db8::100/64\n    }\n}\n',
  },
  check({ analysis, target, report }) {
    if (compareVersions(target, SOURCE_BOUND_SINCE) < 0) return;
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      if (inst.unicastSrcIp || !isUnicast(inst) || instanceFamily(inst) !== 6) continue;
      const global = unicastPeerWords(inst).filter((w) => {
        const p = parsePrefix(w.text);
        return p?.family === 6 && !linkLocal(p.address);
      });
      if (!global.length) continue;
      report({
        message: `'${inst.name}' is an IPv6 unicast instance without unicast_src_ip: keepalived sends from the interface's link-local address and listens only there, so a peer that sends its adverts to this node's global address is never heard and both nodes become MASTER; set unicast_src_ip to this node's global address (as the peers list it), on every node`,
        file: inst.node.file,
        range: nameRange(inst.node),
        related: [{ file: global[0]!.file, range: global[0]!.range, message: 'a global peer address' }],
      });
    }
  },
};
