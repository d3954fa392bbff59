// KA348: RFC 5798 wants the first IPv6 virtual address to be link-local.

import type { FileRule } from '../types.js';
import { firstUsableVip, instanceFamily, isStrict, isUnicast } from './util.js';

/** fe80::/10 */
function isLinkLocal(addr: string): boolean {
  const g = parseInt(addr.split(':')[0] || '0', 16);
  return (g & 0xffc0) === 0xfe80;
}

export const ipv6FirstVipNotLinkLocal: FileRule = {
  kind: 'file',
  code: 'KA348',
  name: 'ipv6-first-vip-not-link-local',
  family: 'vrrp',
  severity: 'warning',
  description: 'The first virtual address of an IPv6 multicast instance is not link-local (fe80::/10), as RFC 5798 requires (info outside strict mode, where keepalived only logs it).',
  docs: {
    why: 'In VRRPv3 for IPv6 the first address of the virtual router is its link-local address, which hosts use as their default router. keepalived reports a global first address as a configuration error in strict mode ("the first IPv6 VIP address must be link local") and logs it otherwise; other VRRP implementations may reject the adverts. Put a link-local address first.',
    bad: 'vrrp_instance VI_6 {\n    interface eth0\n    virtual_router_id 60\n    virtual_ipaddress {\n        2001:db8::10/64\n    }\n}\n',
    good: 'vrrp_instance VI_6 {\n    interface eth0\n    virtual_router_id 60\n    virtual_ipaddress {\n        fe80::60\n        2001:db8::10/64\n    }\n}\n',
  },
  check({ analysis, report }) {
    const model = analysis.model;
    for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      if (instanceFamily(inst) !== 6 || isUnicast(inst)) continue;
      const first = firstUsableVip(inst)?.words[0];
      if (!first || isLinkLocal(first.text.split('/')[0]!)) continue;
      // Outside strict mode keepalived runs the instance as written and only logs a note: style, not a mistake.
      const strict = isStrict(model, inst);
      report({
        message: `the first virtual address of IPv6 instance '${inst.name}' is ${first.text}, not a link-local (fe80::) address${strict ? '; in strict mode keepalived reports a configuration error' : '; keepalived only logs that RFC 5798 wants a link-local address first'}`,
        file: first.file,
        range: first.range,
        severity: strict ? 'warning' : 'info',
      });
    }
  },
};
