// KA312: an instance with no virtual_ipaddress: a warning for VRRPv2, rejected for VRRPv3/strict.

import type { FileRule } from '../types.js';
import { effectiveVersion, firstUsableVip, hasNoVirtualIpaddress, isStrict, keptVirtualAddresses, nameRange, uniqueInstances } from './util.js';
import { runsWithoutInterface, VIP_REMOVAL_REPORTED_SINCE } from './missing-interface.js';
import { compareVersions } from '../../core/schema/schema.js';

/**
 * What an instance without usable VIPs still does on failover: virtual_ipaddress_excluded addresses
 * are added and removed with the state like the VIPs, only left out of the adverts (seen on a pasted
 * config whose instances had only excluded addresses: "it moves no address" was false there).
 */
function movesNothing(excluded: number): string {
  if (!excluded) return 'it moves no address on failover';
  const them = excluded === 1 ? 'its virtual_ipaddress_excluded address' : `its ${excluded} virtual_ipaddress_excluded addresses`;
  return `its adverts carry no address, though it still moves ${them} on failover; list one address in virtual_ipaddress`;
}

export const missingVirtualIpaddress: FileRule = {
  kind: 'file',
  code: 'KA312',
  name: 'missing-virtual-ipaddress',
  family: 'vrrp',
  severity: 'warning',
  description: 'The vrrp_instance has no virtual_ipaddress; VRRPv3 and strict mode reject it.',
  docs: {
    why: 'A VRRP advert carries the virtual addresses. With VRRPv3 (or any IPv6 instance) and in strict mode keepalived refuses the configuration when an instance has none ("No VIP specified; at least one is required"), and strict mode clears `no_virtual_ipaddress` (2.2.8 and later), which otherwise says an instance without addresses is intended; with VRRPv2 it accepts it but reports it, since such an instance moves no address.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    version 3\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    version 3\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    const model = analysis.model;
    for (let i = 0, insts = uniqueInstances(model); i < insts.length; i++) {
      const inst = insts[i]!;
      // Addresses of the other family (KA313) or skipped for their options (KA346) do not count, nor, on an
      // instance keepalived runs without an interface, those without their own `dev` (KA338).
      const usable = firstUsableVip(inst);
      // Before 2.2.0 such an address goes on the default interface instead (eth0 unless default_interface says otherwise:
      // live 2.1.5, `dev eth0`), which the host is taken to have.
      if (usable && !(runsWithoutInterface(inst, target) && compareVersions(target, VIP_REMOVAL_REPORTED_SINCE) >= 0 && !keptVirtualAddresses(inst).some((a) => a.options.includes('dev')))) continue;
      // keepalived 2.2.8+ has `no_virtual_ipaddress` to say this is intended, except in strict mode, where it
      // clears it (2.2.8 and 2.4.3: "no_virtual_ipaddress and strict mode incompatible, clearing
      // no_virtual_ipaddress", then "No VIP specified; at least one is required").
      const strict = isStrict(model, inst);
      const cleared = hasNoVirtualIpaddress(inst);
      if (cleared && !strict) continue;
      const required = effectiveVersion(model, inst) === 3 || strict;
      // Addresses were written but keepalived skips each one (invalid, other family): say so, not "none".
      const none = usable
        ? `has no usable virtual_ipaddress (it runs without an interface, and keepalived removes every address that names no 'dev')`
        : inst.virtualIpaddresses.length > 0
          ? `has no usable virtual_ipaddress (keepalived skips every address in its block)`
          : 'has no virtual_ipaddress';
      // Before 2.2.0 the addresses without 'dev' are removed after the checks -t makes, which then sees them (KA338).
      const unseen = usable && compareVersions(target, VIP_REMOVAL_REPORTED_SINCE) < 0 ? `; keepalived ${target.join('.')} -t does not report it (it only logs the addresses' removal)` : '';
      report({
        message: required
          ? `vrrp_instance '${inst.name}' ${none}; with ${strict ? 'strict mode' : 'VRRPv3'} keepalived rejects the VRRP configuration${cleared ? ' (strict mode clears no_virtual_ipaddress)' : ''}${unseen}`
          : `vrrp_instance '${inst.name}' ${none}; ${movesNothing(inst.virtualIpaddressesExcluded.length)}`,
        file: inst.node.file,
        range: nameRange(inst.node),
        severity: required ? 'error' : 'warning',
      });
    }
  },
};
