// KA314: the same virtual address in two instances of one file: the two virtual routers fight over it.

import type { AstNode } from '../../core/analysis/ast.js';
import type { Address, VrrpInstance } from '../../core/model/model.js';
import type { FileRule } from '../types.js';
import { uniqueInstances, vipsByAddress } from './util.js';

/** The interface an address line names with `dev`, if any. */
function devOf(a: Address): string | undefined {
  const i = a.options.indexOf('dev');
  return i >= 0 ? a.options[i + 1] : undefined;
}

export const duplicateVip: FileRule = {
  kind: 'file',
  code: 'KA314',
  name: 'duplicate-vip',
  family: 'vrrp',
  severity: 'warning',
  description: 'The same virtual IP address is configured in two vrrp_instances.',
  docs: {
    why: 'keepalived does not check this. Each instance adds and removes the address on its own state changes, so when one instance becomes BACKUP it deletes the address the other one, still MASTER, needs. Put each address in exactly one instance (group instances with vrrp_sync_group if they must move together). keepalived adds and deletes an address on one interface (the `dev` of its line, else the instance\'s interface), so the same address on two different interfaces is not reported.',
    bad: 'vrrp_instance WEB {\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\nvrrp_instance API {\n    virtual_router_id 52\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
    good: 'vrrp_instance WEB {\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\nvrrp_instance API {\n    virtual_router_id 52\n    virtual_ipaddress {\n        192.168.1.11/24\n    }\n}\n',
  },
  check({ analysis, report }) {
    const { repeated } = vipsByAddress(analysis.model);
    if (!repeated.length) return;
    // Which kept instance each address block is in (instances of a repeated name do not count).
    const instanceOf = new Map<AstNode, VrrpInstance>();
    const note = (inst: VrrpInstance, addresses: Address[]) => {
      for (let i = 0; i < addresses.length; i++) if (i === 0 || addresses[i]!.block !== addresses[i - 1]!.block) instanceOf.set(addresses[i]!.block, inst);
    };
    for (let j = 0, insts = uniqueInstances(analysis.model); j < insts.length; j++) {
      note(insts[j]!, insts[j]!.virtualIpaddresses);
      note(insts[j]!, insts[j]!.virtualIpaddressesExcluded);
    }
    for (let k = 0; k < repeated.length; k++) {
      // Each address after its first use on its interface, in file order, unless the instance that used it
      // last there is its own. keepalived adds and deletes an address on one interface (its `dev`, else the
      // instance's), so the same address on two interfaces is two addresses that do not disturb each other.
      const firstOn = new Map<string, { inst: VrrpInstance; address: Address }>();
      const lastUserOn = new Map<string, VrrpInstance>();
      for (let i = 0, uses = repeated[k]!; i < uses.length; i++) {
        const a = uses[i]!;
        const inst = instanceOf.get(a.block);
        if (!inst) continue;
        const dev = devOf(a) ?? inst.interface?.value ?? '';
        const first = firstOn.get(dev);
        if (!first) {
          firstOn.set(dev, { inst, address: a });
          lastUserOn.set(dev, inst);
          continue;
        }
        // Repeats inside one instance are a different (harmless) matter.
        if (lastUserOn.get(dev) === inst) continue;
        lastUserOn.set(dev, inst);
        // (The first address, not its word: a word is an object made on each read, wanted only for a report.)
        const word = a.line.argWord(0);
        const firstWord = first.address.line.argWord(0);
        report({
          message: `${a.prefix!.address} is also a virtual address of '${first.inst.name}'; two virtual routers would add and remove the same address`,
          file: word.file,
          range: word.range,
          related: [{ file: firstWord.file, range: firstWord.range, message: `first used in '${first.inst.name}'` }],
        });
      }
    }
  },
};
