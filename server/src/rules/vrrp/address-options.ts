// KA346: options after a virtual/static address that keepalived rejects or ignores.

import type { Address } from '../../core/model/model.js';
import type { FileRule } from '../types.js';
import { ADDRESS_INTERFACE_TRACKED_SINCE, addressProblemsAsRead, noTrackWord, trackedImpossibleInterface } from './addresses.js';
import { instanceFamily } from './util.js';
import { compareVersions } from '../../core/schema/schema.js';


export const addressOptions: FileRule = {
  kind: 'file',
  code: 'KA346',
  name: 'address-options',
  family: 'vrrp',
  severity: 'error',
  description: 'An option after a virtual_ipaddress / virtual_ipaddress_excluded / static_ipaddress address that keepalived rejects (the address is skipped) or ignores.',
  docs: {
    why: 'Each address line is `ADDRESS[/LEN] [dev IF] [scope S] [brd ADDR|+|-] [label L] [peer ADDR] …`. keepalived skips the whole address for a label longer than 15 characters, a `dev` name no Linux interface can have (`eth0:1` is a label, not an interface: from 2.0.0, unless dynamic_interfaces is set, keepalived then also stops the VRRP process at start, "Non-existent interface specified in configuration"; with dynamic_interfaces it keeps the address and waits for an interface that never appears, and as a vrrp_instance tracks the interface of each of its virtual and excluded addresses, that instance then stays in FAULT unless the line has `no_track`), a broadcast on IPv6 or an invalid one, `dev` twice or an option missing its value — so the VIP is never added on failover. Unknown words, invalid scopes, scope/label on IPv6 and a second `peer` (the first one counts, and the second one\'s address is then read as an unknown word) are ignored with a configuration error. In static_ipaddress a second `track_group`, after one keepalived found, is a duplicate: it keeps the address as read so far and ignores the rest of the line.',
    bad: 'vrrp_instance VI_1 {\n    virtual_ipaddress {\n        192.168.1.10/24 dev eth0 label eth0:frontend-vip\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    virtual_ipaddress {\n        192.168.1.10/24 dev eth0 label eth0:vip\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    const model = analysis.model;
    const dynamic = model.globalDefs?.dynamicInterfaces === true;
    // Indexed loops: this runs for every address of a large config, and for-of here kept its iterators.
    // A vrrp_instance tracks the interface of its addresses (see ADDRESS_INTERFACE_TRACKED_SINCE).
    const tracks = compareVersions(target, ADDRESS_INTERFACE_TRACKED_SINCE) >= 0;
    const untracked = noTrackWord(target);
    // `family`: the instance's, for its VIPs; keepalived ignores a VIP of the other family after reading it (KA313), so
    // what its interface would do is moot ("address family must match VRRP instance … - ignoring"; 2.2.7's daemon goes
    // MASTER with `2001:db8::5/64` then `10.0.0.11/24 dev eth0:1` under dynamic_interfaces).
    const say = (addresses: Address[], instance?: string, family?: number) => {
      for (let i = 0; i < addresses.length; i++) {
        const a = addresses[i]!;
        const otherFamily = family !== undefined && a.addressFamily !== undefined && a.addressFamily !== family;
        const problems = addressProblemsAsRead(a, dynamic, target);
        for (let k = 0; k < problems.length; k++) {
          const p = problems[k]!;
          if (p.impossibleInterface !== undefined && dynamic && otherFamily) continue;
          if (p.impossibleInterface !== undefined && dynamic && instance !== undefined && tracks && !p.noTrackWords?.includes(untracked)) {
            const message = trackedImpossibleInterface(p.word.text, p.impossibleInterface, instance, 'the address', 'added', target);
            report({ message, severity: 'error', file: p.word.file, range: p.word.range });
            continue;
          }
          if (p.impossibleInterface !== undefined && dynamic) {
            const message = `interface name '${p.word.text}' ${p.impossibleInterface}: no Linux interface can have this name; with dynamic_interfaces keepalived keeps the address and waits for the interface, which never appears, so the address is never added`;
            report({ message, severity: 'warning', file: p.word.file, range: p.word.range });
            continue;
          }
          report({ message: p.message, severity: p.severity, file: p.word.file, range: p.through ? { start: p.word.range.start, end: p.through.range.end } : p.word.range, fix: p.fix });
        }
      }
    };
    for (let j = 0, insts = model.vrrpInstances; j < insts.length; j++) {
      const inst = insts[j]!;
      say(inst.virtualIpaddresses, inst.name, instanceFamily(inst));
      say(inst.virtualIpaddressesExcluded, inst.name);
    }
    say(model.staticIpaddresses);
  },
};
