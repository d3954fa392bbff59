// KA314: the same virtual address in two instances of one file: the two virtual routers fight over it.

import { canonicalAddress } from '../../core/analysis/values.js';
import type { Address, VrrpInstance } from '../../core/model/model.js';
import type { FileRule } from '../types.js';
import { uniqueInstances } from './util.js';

export const duplicateVip: FileRule = {
  kind: 'file',
  code: 'KA314',
  name: 'duplicate-vip',
  family: 'vrrp',
  severity: 'warning',
  description: 'The same virtual IP address is configured in two vrrp_instances.',
  docs: {
    why: 'keepalived does not check this. Each instance adds and removes the address on its own state changes, so when one instance becomes BACKUP it deletes the address the other one, still MASTER, needs. Put each address in exactly one instance (group instances with vrrp_sync_group if they must move together).',
    bad: 'vrrp_instance WEB {\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\nvrrp_instance API {\n    virtual_router_id 52\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
    good: 'vrrp_instance WEB {\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\nvrrp_instance API {\n    virtual_router_id 52\n    virtual_ipaddress {\n        192.168.1.11/24\n    }\n}\n',
  },
  check({ analysis, report }) {
    // address -> where it is first used, and the last instance that used it
    // (The first address, not its word: a word is an object made on each read, wanted only for a report.)
    const first = new Map<string, { inst: string; address: Address; lastUser: VrrpInstance }>();
    const visit = (inst: VrrpInstance, addresses: Address[]) => {
      for (let i = 0; i < addresses.length; i++) {
        const a = addresses[i]!;
        if (!a.prefix) continue;
        const key = canonicalAddress(a.prefix.address);
        const prev = first.get(key);
        if (!prev) {
          first.set(key, { inst: inst.name, address: a, lastUser: inst });
          continue;
        }
        // Repeats inside one instance are a different (harmless) matter.
        if (prev.lastUser === inst) continue;
        prev.lastUser = inst;
        const word = a.line.argWord(0);
        const firstWord = prev.address.line.argWord(0);
        report({
          message: `${a.prefix.address} is also a virtual address of '${prev.inst}'; two virtual routers would add and remove the same address`,
          file: word.file,
          range: word.range,
          related: [{ file: firstWord.file, range: firstWord.range, message: `first used in '${prev.inst}'` }],
        });
      }
    };
    for (let j = 0, insts = uniqueInstances(analysis.model); j < insts.length; j++) {
      const inst = insts[j]!;
      visit(inst, inst.virtualIpaddresses);
      visit(inst, inst.virtualIpaddressesExcluded);
    }
  },
};
