// KA338: an instance with no `interface` keepalived can use: it rejects the VRRP configuration.

import { utf8Length } from '../../core/analysis/values.js';
import { compareVersions } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { isUnicast, nameRange, uniqueInstances } from './util.js';

/**
 * Before this release keepalived checked for an interface before it knew an instance was unicast
 * (2.2.5 to 2.2.7 tested a flag set only later; fixed by commit 75f30737, in 2.2.8). Seen with the
 * 2.2.7 package ("Unknown interface!") and builds of 2.2.8 and 2.3.1, which accept the instance.
 */
const UNICAST_WITHOUT_INTERFACE_SINCE: [number, number, number] = [2, 2, 8];

/**
 * keepalived 2.0.8 to 2.0.15 crash on an instance without an interface: their duplicate
 * virtual_router_id check reads the interface without looking whether there is one (fixed in 2.0.16).
 */
const CRASHES_FROM: [number, number, number] = [2, 0, 8];
const CRASHES_BEFORE: [number, number, number] = [2, 0, 16];

/** An IPv6 link-local address (fe80::/10): a unicast source without an interface cannot be one. */
const linkLocal = (address: string | undefined) => address !== undefined && /^fe[89ab][0-9a-f]?:/i.test(address) && address.includes(':');

/** Whether keepalived ignores this interface name (16 bytes or more; a UTF-16 unit is at most 3 bytes). */
const tooLong = (name: string | undefined) => name !== undefined && utf8Length(name) >= 16;

export const missingInterface: FileRule = {
  kind: 'file',
  code: 'KA338',
  name: 'missing-interface',
  family: 'vrrp',
  severity: 'error',
  description: 'A vrrp_instance has no `interface`; keepalived before 2.2.8 rejects that even for unicast instances, later releases allow it for unicast with unicast_src_ip that is not IPv6 link-local (each virtual address then needs its own `dev`).',
  docs: {
    why: 'Multicast adverts are sent and received on the instance\'s interface, so keepalived rejects an instance without one ("Unknown interface!") and no VRRP instance starts. keepalived 2.2.7 checks this before it knows an instance is unicast, so even unicast instances need `interface` there; from 2.2.8 a unicast instance may omit it if it has a unicast_src_ip that is not an IPv6 link-local address (which only means something on one interface), and then keepalived removes every virtual address that does not name its own `dev`. keepalived 2.0.8 to 2.0.15 crash on such an instance instead (also under keepalived -t).',
    bad: 'vrrp_instance VI_1 {\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
  },
  check({ analysis, target, report }) {
    const unicastMayOmit = compareVersions(target, UNICAST_WITHOUT_INTERFACE_SINCE) >= 0;
    const crashes = compareVersions(target, CRASHES_FROM) >= 0 && compareVersions(target, CRASHES_BEFORE) < 0;
    // Who acts, and what it does then (with its message where it prints one).
    const keepalived = crashes ? `keepalived ${target.join('.')}` : 'keepalived';
    const rejects = crashes ? 'crashes (a segmentation fault, also under keepalived -t)' : 'rejects the VRRP configuration';
    const rejectsSaying = crashes ? rejects : `${rejects} ("Unknown interface!")`;
    for (let i = 0, insts = uniqueInstances(analysis.model); i < insts.length; i++) {
      const inst = insts[i]!;
      if (inst.interface?.value === 'lo') {
        // keepalived ignores the loopback interface, which leaves the instance without one.
        report({ message: `'${inst.name}' cannot use the loopback interface lo; ${keepalived} ignores it and then ${rejects}`, file: inst.interface.node.file, range: inst.interface.node.args[0]?.range ?? inst.interface.node.range });
        continue;
      }
      if (inst.interface) {
        // keepalived ignores a name of 16 bytes or more ("Interface name … too long - ignoring"):
        // with no shorter interface line the instance has none. The usual short name needs no look.
        if (!tooLong(inst.interface.value)) continue;
        if (!inst.node.children.every((c) => c.keyword !== 'interface' || tooLong(c.argText(0)))) continue;
        if (unicastMayOmit && isUnicast(inst) && inst.unicastSrcIp && !linkLocal(inst.unicastSrcIp.value)) continue;
        report({ message: `'${inst.name}' has no interface keepalived can use: the name '${inst.interface.value}' is longer than 15 bytes, ${keepalived} ignores it and ${rejectsSaying}`, file: inst.interface.node.file, range: inst.interface.node.args[0]?.range ?? inst.interface.node.range });
        continue;
      }
      if (unicastMayOmit && isUnicast(inst)) {
        // A link-local source only means something on one interface (2.2.8 vrrp.c chk_min_cfg:
        // "(VI_1) Non link-local address required if interface omitted", then the configuration is rejected).
        if (inst.unicastSrcIp && linkLocal(inst.unicastSrcIp.value)) {
          report({ message: `unicast instance '${inst.name}' has no 'interface' and a link-local unicast_src_ip ${inst.unicastSrcIp.value}; keepalived ${target.join('.')} rejects the VRRP configuration ("Non link-local address required if interface omitted")`, file: inst.unicastSrcIp.node.file, range: inst.unicastSrcIp.node.args[0]?.range ?? inst.unicastSrcIp.node.range });
          continue;
        }
        if (inst.unicastSrcIp) {
          // An address has no interface to go on but its own 'dev': keepalived removes the others
          // (2.2.8 and 2.3.1: "(VI_1): no interface for vip 192.0.2.10 - removing", exit 5).
          for (const [list, e] of [[inst.virtualIpaddresses, ''], [inst.virtualIpaddressesExcluded, 'e']] as const) {
            for (const a of list) {
              if (a.options.includes('dev')) continue;
              report({ message: `unicast instance '${inst.name}' has no 'interface', so this address needs 'dev IFNAME'; keepalived ${target.join('.')} removes it ("no interface for ${e}vip ${a.text.split('/')[0]} - removing")`, file: a.line.file, range: a.words[0]?.range ?? a.line.range });
            }
          }
          // A VMAC or ipvlan is made on the instance's interface: without one keepalived drops the
          // option as a config error (2.2.8, 2.3.1 and 2.4.3: "Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac").
          for (const line of inst.node.children) {
            if (line.keyword !== 'use_vmac' && line.keyword !== 'use_ipvlan') continue;
            report({ message: `unicast instance '${inst.name}' has no 'interface' to make a ${line.keyword === 'use_vmac' ? 'VMAC' : 'ipvlan'} on; keepalived ${target.join('.')} drops '${line.keyword}' ("Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac")`, file: line.file, range: line.range });
          }
          continue;
        }
        report({ message: `unicast instance '${inst.name}' has neither 'interface' nor 'unicast_src_ip'; keepalived rejects the VRRP configuration`, file: inst.node.file, range: nameRange(inst.node) });
        continue;
      }
      report({ message: `vrrp_instance '${inst.name}' has no 'interface'; ${keepalived} ${rejectsSaying}`, file: inst.node.file, range: nameRange(inst.node) });
    }
  },
};
