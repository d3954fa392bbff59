// KA313: VIPs and unicast peers must be of the instance's address family; others are ignored.

import type { FileRule } from '../types.js';
import { addressDropped } from './addresses.js';
import { hasRareLine, instanceFamily, RareLine, wordsRange } from './util.js';
import { sockaddrAddress, type Family } from '../../core/analysis/values.js';
import type { Address } from '../../core/model/model.js';

/** Whether no address of `addresses` has a family other than `family`. */
function sameFamily(addresses: Address[], family: Family): boolean {
  for (let i = 0; i < addresses.length; i++) {
    const f = addresses[i]!.addressFamily;
    if (f && f !== family) return false;
  }
  return true;
}

export const addressFamilyMismatch: FileRule = {
  kind: 'file',
  code: 'KA313',
  name: 'address-family-mismatch',
  family: 'vrrp',
  severity: 'error',
  description: 'A virtual_ipaddress, unicast_peer or source address is IPv4 in an IPv6 instance, or IPv6 in an IPv4 instance (or native_ipv6 comes after an IPv4 address); keepalived ignores it.',
  docs: {
    why: 'A VRRP instance is either IPv4 or IPv6, decided by its first address. keepalived drops every VIP, unicast peer, unicast_src_ip and mcast_src_ip of the other family ("address family must match VRRP instance", "MUST be of the same family"), so that address is never brought up. Use a separate instance for the other family (it may reuse the VRID), or virtual_ipaddress_excluded, which accepts both families.',
    bad: 'vrrp_instance VI_1 {\n    virtual_ipaddress {\n        192.168.1.10/24\n        2001:db8::10/64\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n    virtual_ipaddress_excluded {\n        2001:db8::10/64\n    }\n}\n',
  },
  check({ analysis, report }) {
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const family = instanceFamily(inst);
      if (!family) continue;
      // Most instances have only addresses of their own family: nothing to find in their lines.
      if (!hasRareLine(inst, RareLine.unicastSrcIp | RareLine.mcastSrcIp | RareLine.nativeIpv6 | RareLine.unicastPeer) && sameFamily(inst.virtualIpaddresses, family)) continue;
      // A source address before the VIPs gives the instance its family (session 60's audit: an IPv6 mcast_src_ip made
      // an IPv4 instance IPv6, and the findings blamed the VIPs alone): name it beside each VIP it costs.
      let setter: { keyword: string; word: import('../../core/analysis/ast.js').Word } | undefined;
      for (let j = 0, blocks = inst.node.children; j < blocks.length; j++) {
        const k = blocks[j]!.keyword;
        if (k === 'virtual_ipaddress' || k === 'unicast_peer' || k === 'native_ipv6') break;
        if (k !== 'unicast_src_ip' && k !== 'mcast_src_ip' && k !== 'mcast_dst_ip') continue;
        const t = blocks[j]!.argText(0);
        if (t !== undefined && sockaddrAddress(t)?.family === family) {
          setter = { keyword: k, word: blocks[j]!.argWord(0) };
          break;
        }
      }
      // unicast_src_ip, mcast_src_ip (mcast_dst_ip: see KA342), virtual_ipaddress, unicast_peer, in order
      for (let j = 0, blocks = inst.node.children; j < blocks.length; j++) {
        const block = blocks[j]!;
        const keyword = block.keyword;
        if (keyword === 'unicast_src_ip' || keyword === 'mcast_src_ip') {
          const text = block.argText(0);
          // A socket address: '192.0.2.10/24' is 192.0.2.10.
          const f = text !== undefined ? sockaddrAddress(text)?.family : undefined;
          if (f && f !== family) {
            const w = block.argWord(0);
            report({ message: `${block.keyword} ${w.text} is IPv${f} but '${inst.name}' is an IPv${family} instance; keepalived ignores it`, file: block.file, range: w.range });
          }
          continue;
        }
        if (keyword === 'native_ipv6') {
          // Read after the family is fixed to IPv4: "Cannot specify native_ipv6 with IPv4 addresses".
          if (family === 4) report({ message: `native_ipv6 in '${inst.name}', an IPv4 instance (an earlier address fixed its family); keepalived ignores it`, file: block.file, range: block.word!.range });
          continue;
        }
        const vips = keyword === 'virtual_ipaddress';
        if (!vips && keyword !== 'unicast_peer') continue;
        // The model's addresses of this block (its lists follow the blocks in order).
        for (let k = 0, as = vips ? inst.virtualIpaddresses : inst.unicastPeers; k < as.length; k++) {
          const a = as[k]!;
          // keepalived reads a peer as a socket address: '2001:db8::5-9' is 2001:db8::5.
          const f = a.addressFamily ?? (vips || a.block !== block ? undefined : sockaddrAddress(a.line.argText(0)!)?.family);
          if (!f || f === family || a.block !== block) continue;
          // An address skipped for its options (KA346) never reaches the family check.
          if (vips && addressDropped(a)) continue;
          const first = a.line.argWord(0);
          const what = vips ? 'virtual address' : 'unicast peer';
          const cause = setter ? ` (its family comes from '${setter.keyword} ${setter.word.text}' on line ${setter.word.range.start.line + 1}, read before the addresses: is that address the one to change?)` : '';
          report({
            message: `${what} ${first.text} is IPv${f} but '${inst.name}' is an IPv${family} instance${cause}; keepalived ignores it`,
            file: a.line.file,
            range: wordsRange([first]),
            ...(setter ? { related: [{ file: setter.word.file, range: setter.word.range, message: `${setter.keyword} makes '${inst.name}' IPv${family}` }] } : {}),
          });
        }
      }
    }
  },
};
