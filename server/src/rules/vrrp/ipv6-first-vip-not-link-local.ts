// KA348: RFC 5798 wants the first IPv6 virtual address to be link-local.

import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { firstUsableVip, instanceFamily, isStrict, isUnicast } from './util.js';

/** fe80::/10 */
function isLinkLocal(addr: string): boolean {
  const g = parseInt(addr.split(':')[0] || '0', 16);
  return (g & 0xffc0) === 0xfe80;
}

/** From 2.0.7 keepalived reports it as a configuration error (before, it logs it); 5e9fbfa9 (2.2.0) keeps that to strict mode. */
const CONFIG_ERROR_SINCE: Version = [2, 0, 7];
const STRICT_ONLY_SINCE: Version = [2, 2, 0];

export const ipv6FirstVipNotLinkLocal: FileRule = {
  kind: 'file',
  code: 'KA348',
  name: 'ipv6-first-vip-not-link-local',
  family: 'vrrp',
  severity: 'warning',
  description: 'The first virtual address of an IPv6 multicast instance is not link-local (fe80::/10), as RFC 5798 requires (info outside strict mode, where keepalived only logs it).',
  docs: {
    why: 'In VRRPv3 for IPv6 the first address of the virtual router is its link-local address, which hosts use as their default router. keepalived reports a global first address as a configuration error in strict mode ("the first IPv6 VIP address must be link local") and logs it otherwise (2.0.7 to 2.1.x report it as an error in any mode); other VRRP implementations may reject the adverts. Put a link-local address first.',
    bad: 'vrrp_instance VI_6 {\n    interface eth0\n    virtual_router_id 60\n    virtual_ipaddress {\n        2001:db8::10/64\n    }\n}\n',
    good: 'vrrp_instance VI_6 {\n    interface eth0\n    virtual_router_id 60\n    virtual_ipaddress {\n        fe80::60\n        2001:db8::10/64\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    const model = analysis.model;
    const alwaysError = compareVersions(target, CONFIG_ERROR_SINCE) >= 0 && compareVersions(target, STRICT_ONLY_SINCE) < 0;
    for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      if (instanceFamily(inst) !== 6 || isUnicast(inst)) continue;
      const first = firstUsableVip(inst)?.words[0];
      if (!first || isLinkLocal(first.text.split('/')[0]!)) continue;
      // Outside strict mode keepalived runs the instance as written and only logs a note: style, not a mistake.
      const strict = isStrict(model, inst);
      const error = strict || alwaysError;
      const said = alwaysError
        ? `; keepalived ${target.join('.')} reports a configuration error (keepalived: "the first IPv6 VIP address must be link local"), strict mode or not (2.2.0 and later only log it outside strict mode)`
        : strict ? '; in strict mode keepalived reports a configuration error' : '; keepalived only logs that RFC 5798 wants a link-local address first';
      report({
        message: `the first virtual address of IPv6 instance '${inst.name}' is ${first.text}, not a link-local (fe80::) address${said}`,
        file: first.file,
        range: first.range,
        severity: error ? 'warning' : 'info',
      });
    }
  },
};
