// KA312: an instance with no virtual_ipaddress: a warning for VRRPv2, rejected for VRRPv3/strict.

import type { FileRule } from '../types.js';
import { effectiveVersion, firstUsableVip, hasNoVirtualIpaddress, instanceFamily, isStrict, keptVirtualAddresses, nameRange, uniqueInstances } from './util.js';
import { runsWithoutInterface, VIP_REMOVAL_REPORTED_SINCE } from './missing-interface.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import { addressDropped } from './addresses.js';
import { addressRepeats, REPEATS_CHECKED_SINCE } from './repeated-instance-address.js';
import type { Address, VrrpInstance } from '../../core/model/model.js';
import type { ValueLine } from '../../core/analysis/ast.js';

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

/**
 * The first VIP line keepalived 2.3.3 and later keep, and whether repeats it ignores took the others. From 2.3.3
 * (REPEATS_CHECKED_SINCE) a VIP that repeats an earlier VIP or excluded VIP is ignored ("VIP duplicates an excluded
 * VIP … - ignoring"), so an instance whose VIPs all repeat its excluded ones has none: the 2.3.3 and 2.4.3 builds
 * then print "(VI_1) No VIP specified; at least one is sensible" (versions63). Earlier releases keep firstUsableVip.
 */
function usableVipChecked(inst: VrrpInstance): { line?: ValueLine; kept: Address[]; repeats: number } {
  const line = firstUsableVip(inst);
  const kept = keptVirtualAddresses(inst);
  if (!line) return { line, kept, repeats: 0 };
  const ignored = new Set(addressRepeats(inst, false).filter((r) => !r.excluded).map((r) => r.address));
  if (!ignored.size) return { line, kept, repeats: 0 };
  const family = instanceFamily(inst) ?? 4;
  const first = inst.virtualIpaddresses.find((a) => a.addressFamily === family && !addressDropped(a) && !ignored.has(a));
  return { line: first?.line, kept: kept.filter((a) => !ignored.has(a)), repeats: first ? 0 : ignored.size };
}

function namesDev(a: Address): boolean {
  return a.options.includes('dev');
}

export const missingVirtualIpaddress: FileRule = {
  kind: 'file',
  code: 'KA312',
  name: 'missing-virtual-ipaddress',
  family: 'vrrp',
  severity: 'warning',
  description: 'The vrrp_instance has no virtual_ipaddress; VRRPv3 and strict mode reject it.',
  docs: {
    why: 'A VRRP advert carries the virtual addresses. With VRRPv3 (or any IPv6 instance) and in strict mode keepalived refuses the configuration when an instance has none ("No VIP specified; at least one is required"), and strict mode clears `no_virtual_ipaddress` (2.2.8 and later), which otherwise says an instance without addresses is intended; with VRRPv2 it accepts it but reports it, since such an instance moves no address. Addresses keepalived skips do not count: an invalid one, one of the other family, and from 2.3.3 one that repeats an address of virtual_ipaddress_excluded listed before it ("VIP duplicates an excluded VIP"), which can leave the instance with none.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    version 3\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    version 3\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    const model = analysis.model;
    const repeatsChecked = compareVersions(target, REPEATS_CHECKED_SINCE) >= 0;
    const removalReported = compareVersions(target, VIP_REMOVAL_REPORTED_SINCE) >= 0;
    for (let i = 0, insts = uniqueInstances(model); i < insts.length; i++) {
      const inst = insts[i]!;
      // Addresses of the other family (KA313) or skipped for their options (KA346) do not count, nor, on an
      // instance keepalived runs without an interface, those without their own `dev` (KA338).
      // From 2.3.3 neither do those it ignores as repeats.
      // Before 2.3.3 the first usable VIP line alone (no object, no list made per instance: ~8k instances in a 6 MB config).
      let usable: ValueLine | undefined;
      let kept: Address[] | undefined;
      let repeats = 0;
      if (repeatsChecked) ({ line: usable, kept, repeats } = usableVipChecked(inst));
      else usable = firstUsableVip(inst);
      // Before 2.2.0 such an address goes on the default interface instead (eth0 unless default_interface says otherwise:
      // live 2.1.5, `dev eth0`), which the host is taken to have.
      if (usable && !(runsWithoutInterface(inst, target) && removalReported && !(kept ?? keptVirtualAddresses(inst)).some(namesDev))) continue;
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
        : repeats
          ? `has no usable virtual_ipaddress (keepalived ${target.join('.')} ignores ${repeats === inst.virtualIpaddresses.length ? (repeats === 1 ? 'its address' : 'each of its addresses') : `${repeats} of its addresses`} as a repeat of a virtual_ipaddress_excluded address, "VIP duplicates an excluded VIP"${repeats < inst.virtualIpaddresses.length ? ', and skips the others' : ''})`
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
