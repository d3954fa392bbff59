// KA370: the `use_vmac` option of a VIP or eVIP that keepalived 2.2.7 reports when it completes the
// instance (vrrp.c; checked with the binary): redundant with the instance's own use_vmac, or in
// conflict with its use_vmac_addr.

import type { Address } from '../../core/model/model.js';
import type { FileRule } from '../types.js';
import { compareVersions } from '../../core/schema/schema.js';
import { OPTION_SINCE } from './addresses.js';
import { anyInstanceHasRareLine, hasRareLine, instanceFamily, keptVirtualAddresses, RareLine, uniqueInstances } from './util.js';

/** The word after `dev` on an address line, if any. */
function deviceOf(address: Address): string | undefined {
  const words = address.words;
  let dev: string | undefined;
  for (let i = 1; i + 1 < words.length; i++) if (words[i]!.text === 'dev') dev = words[i + 1]!.text;
  return dev;
}

export const vipUseVmacConflict: FileRule = {
  kind: 'file',
  code: 'KA370',
  name: 'vip-use-vmac-conflict',
  family: 'vrrp',
  severity: 'warning',
  description: "A VIP's use_vmac option that keepalived reports: redundant with the instance's use_vmac, or against its use_vmac_addr.",
  docs: {
    why:
      'The use_vmac option on a virtual address asks keepalived to put that one address on the VMAC interface. When the ' +
      'instance itself has use_vmac, an address of its family on its interface goes on the VMAC anyway: keepalived ' +
      'reports the option ("use_vmac specified for VIP/eVIP … and vrrp instance") and drops it. When the instance has ' +
      'use_vmac_addr, an address on another interface or of the other family cannot have use_vmac either, and keepalived ' +
      'drops the option with a report. Either report makes `keepalived -t` fail. Remove the option, or the instance setting ' +
      'it clashes with.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    use_vmac\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1/24 use_vmac\n    }\n}',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    use_vmac\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}',
  },
  check({ analysis, report, target }) {
    // Before 2.2.0 an address has no use_vmac option at all: KA346 says keepalived ignores the word.
    if (compareVersions(target, OPTION_SINCE.use_vmac!) < 0) return;
    // Nothing to find when no instance has the line (the usual case).
    if (!anyInstanceHasRareLine(analysis.model, RareLine.useVmac | RareLine.useVmacAddr)) return;
    for (let j = 0, insts = uniqueInstances(analysis.model); j < insts.length; j++) {
      const inst = insts[j]!;
      if (inst.virtualIpaddresses.length === 0 && inst.virtualIpaddressesExcluded.length === 0) continue;
      if (!hasRareLine(inst, RareLine.useVmac | RareLine.useVmacAddr)) continue;
      let vmac = false;
      let vmacAddr = false;
      for (let k = 0, lines = inst.node.children; k < lines.length; k++) {
        const line = lines[k]!;
        if (line.keyword === 'use_vmac') vmac = true;
        else if (line.keyword === 'use_vmac_addr') vmacAddr = true;
      }
      if (!vmac && !vmacAddr) continue;
      const family = instanceFamily(inst) ?? 4;
      const iface = inst.interface?.value;
      for (let m = 0, addressList = [...keptVirtualAddresses(inst), ...inst.virtualIpaddressesExcluded]; m < addressList.length; m++) {
        const address = addressList[m]!;
        const option = address.words.find((w, i) => i > 0 && w.text === 'use_vmac');
        if (!option) continue;
        const dev = deviceOf(address);
        // keepalived compares interfaces; an address without `dev` is on the instance's interface.
        const onInstanceInterface = dev === undefined || dev === iface;
        const sameFamily = (address.addressFamily ?? family) === family;
        let message: string | undefined;
        if (vmac && onInstanceInterface && sameFamily) {
          message = `use_vmac on ${address.text} is redundant: '${inst.name}' has use_vmac, so the address goes on its VMAC anyway; keepalived drops the option and reports it (keepalived: "use_vmac specified for VIP/eVIP … and vrrp instance")`;
        } else if (vmacAddr && (!onInstanceInterface || !sameFamily)) {
          const why = !onInstanceInterface ? `is on interface ${dev}, not ${iface ?? "the instance's"}` : 'is not of the instance\'s address family';
          message = `use_vmac on ${address.text}, which ${why}, clashes with use_vmac_addr of '${inst.name}'; keepalived drops the option and reports it (keepalived: "use_vmac_addr specified and use_vmac specified for VIP/eVIP …")`;
        }
        if (message) report({ message, file: option.file, range: option.range });
      }
    }
  },
};
