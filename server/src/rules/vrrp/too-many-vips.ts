// KA350: more virtual addresses than one VRRP advertisement can carry.

import type { FileRule } from '../types.js';
import { uniqueInstances } from './util.js';

/** The advert's address count is one byte. */
const MAX_COUNT = 255;
/** IPv6 addresses that fit in a 1500-byte frame after the Ethernet, IPv6 and VRRP headers (14 + 40 + 8). */
const MAX_IPV6_AT_MTU_1500 = Math.floor((1500 - 62) / 16);

export const tooManyVips: FileRule = {
  kind: 'file',
  code: 'KA350',
  name: 'too-many-vips',
  family: 'vrrp',
  severity: 'warning',
  description: 'An instance has more virtual addresses than one VRRP advertisement carries; keepalived stops advertising the rest.',
  docs: {
    why:
      'A VRRP advertisement lists the instance\'s addresses, with a one-byte count and within one frame: at most 255 IPv4 ' +
      'addresses, and at most 89 IPv6 addresses on a 1500-byte MTU. keepalived moves the addresses beyond that to ' +
      'virtual_ipaddress_excluded: they still move on failover, but they are no longer advertised, so a peer cannot see ' +
      'them and nodes that list them differently are not noticed. Split the addresses over several instances (in a ' +
      'vrrp_sync_group) or list the extra ones under virtual_ipaddress_excluded yourself.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        ~SEQ(n, 0, 199) 10.0.${n}.1/32\n        ~SEQ(n, 0, 99) 10.1.${n}.1/32\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1/32\n    }\n    virtual_ipaddress_excluded {\n        ~SEQ(n, 1, 199) 10.0.${n}.1/32\n        ~SEQ(n, 0, 99) 10.1.${n}.1/32\n    }\n}\n',
  },
  check({ analysis, report }) {
    for (let i = 0, insts = uniqueInstances(analysis.model); i < insts.length; i++) {
      const inst = insts[i]!;
      const vips = inst.virtualIpaddresses;
      if (vips.length <= MAX_IPV6_AT_MTU_1500) continue;
      // Addresses of the other family are set aside by keepalived before it counts.
      const family = inst.family ?? vips.find((a) => a.family)?.family;
      const counted = vips.filter((a) => a.family === family);
      const max = family === 6 ? MAX_IPV6_AT_MTU_1500 : MAX_COUNT;
      if (counted.length <= max) continue;
      const firstExcess = counted[max]!.words[0]!;
      const limit = family === 6 ? `${max} IPv6 addresses fit in one advertisement on a 1500-byte MTU (more with jumbo frames, never more than ${MAX_COUNT})` : `an advertisement carries at most ${MAX_COUNT} addresses`;
      report({
        message: `vrrp_instance '${inst.name}' has ${counted.length} virtual addresses but ${limit}; keepalived moves ${counted.length - max === 1 ? 'this one' : `these ${counted.length - max} (from here on)`} to virtual_ipaddress_excluded, where ${counted.length - max === 1 ? 'it is' : 'they are'} not advertised`,
        file: firstExcess.file,
        range: firstExcess.range,
      });
    }
  },
};
