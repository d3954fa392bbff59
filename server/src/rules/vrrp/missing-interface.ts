// KA338: an instance with no `interface` keepalived can use: it rejects the VRRP configuration.

import { sockaddrFamily, utf8Length } from '../../core/analysis/values.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { isUnicast, nameRange, uniqueInstances } from './util.js';

/**
 * From 2.1.0 (commit 557dfbe9) a unicast instance, one with unicast peers, may omit its interface.
 * 2.2.5 to 2.2.7 test a flag set only later, so they reject it again ("Unknown interface!", seen
 * with the 2.2.7 package); 2.2.8 tests the right one (commit 75f30737). Builds of 2.1.0, 2.1.5,
 * 2.2.0, 2.2.4, 2.2.8 and 2.3.1 accept such an instance.
 */
const UNICAST_WITHOUT_INTERFACE_SINCE: Version = [2, 1, 0];
const UNICAST_WITHOUT_INTERFACE_LAPSED: Version = [2, 2, 5];
const UNICAST_WITHOUT_INTERFACE_AGAIN: Version = [2, 2, 8];

/** Before 2.2.0 an address removed for want of an interface is only logged (-t prints nothing). */
const VIP_REMOVAL_REPORTED_SINCE: Version = [2, 2, 0];

/**
 * keepalived 2.0.8 to 2.0.15 crash on an instance without an interface: their duplicate
 * virtual_router_id check reads the interface without looking whether there is one. 2.0.16 (commit
 * d34da8be) looks at the instance it compares from, but not at the later ones it compares with,
 * so up to 2.0.19 an instance without one still crashes it when it follows an instance whose
 * interface exists; 2.1.0 compares VRIDs first.
 */
const CRASHES_FROM: Version = [2, 0, 8];
const CRASHES_ANY_BEFORE: Version = [2, 0, 16];
const CRASHES_AFTER_ANOTHER_BEFORE: Version = [2, 1, 0];

/**
 * From this release an instance without an interface whose unicast_src_ip is IPv6 (not link-local) and which has
 * no IPv6 unicast peer crashes keepalived (also under -t): it falls back to multicast, which needs an interface.
 * Builds of 2.3.0, 2.3.4 and 2.4.3 crash; 2.2.8 reports the instance instead.
 */
const IPV6_FALLBACK_CRASH_SINCE: Version = [2, 3, 0];

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
  description: 'A vrrp_instance has no `interface`; keepalived rejects that, except for unicast instances with a unicast_src_ip that is not IPv6 link-local in 2.1.0 to 2.2.4 and from 2.2.8 (each virtual address then needs its own `dev`).',
  docs: {
    why: 'Multicast adverts are sent and received on the instance\'s interface, so keepalived rejects an instance without one ("Unknown interface!") and no VRRP instance starts. A unicast instance (one with unicast peers) may omit it in 2.1.0 to 2.2.4 and from 2.2.8 if it has a unicast_src_ip that is not an IPv6 link-local address (which only means something on one interface), and then keepalived removes every virtual address that does not name its own `dev`; 2.2.5 to 2.2.7 check this before they know an instance is unicast, so even unicast instances need `interface` there. keepalived 2.0.8 to 2.0.15 crash on an instance without an interface instead (also under keepalived -t), and 2.0.16 to 2.0.19 when it follows an instance that has one; from 2.3.0 an instance without one whose unicast_src_ip is IPv6 but which has no IPv6 unicast peer crashes keepalived too.',
    bad: 'vrrp_instance VI_1 {\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
  },
  check({ analysis, target, report }) {
    const at = (v: Version) => compareVersions(target, v) >= 0;
    const unicastMayOmit = (at(UNICAST_WITHOUT_INTERFACE_SINCE) && !at(UNICAST_WITHOUT_INTERFACE_LAPSED)) || at(UNICAST_WITHOUT_INTERFACE_AGAIN);
    const crashesAlways = at(CRASHES_FROM) && !at(CRASHES_ANY_BEFORE);
    const crashesAfterAnother = at(CRASHES_ANY_BEFORE) && !at(CRASHES_AFTER_ANOTHER_BEFORE);
    const release = target.join('.');
    /** The first instance so far with an interface keepalived uses (the crash of 2.0.16 to 2.0.19 needs one before). */
    let withInterface: string | undefined;
    for (let i = 0, insts = uniqueInstances(analysis.model); i < insts.length; i++) {
      const inst = insts[i]!;
      const before = withInterface;
      const crashes = crashesAlways || (crashesAfterAnother && before !== undefined);
      // Who acts, and what it does then (with its message where it prints one).
      const keepalived = crashes ? `keepalived ${release}` : 'keepalived';
      const rejects = !crashes
        ? 'rejects the VRRP configuration'
        : crashesAlways
          ? 'crashes (a segmentation fault, also under keepalived -t)'
          : `crashes (a segmentation fault, also under keepalived -t) in its duplicate virtual_router_id check, which reads the interface of every instance after '${before}' without looking whether there is one (where the interface of '${before}' exists)`;
      if (inst.interface?.value === 'lo') {
        // keepalived ignores the loopback interface, which leaves the instance without one.
        report({ message: `'${inst.name}' cannot use the loopback interface lo; ${keepalived} ignores it and then ${rejects}`, file: inst.interface.node.file, range: inst.interface.node.args[0]?.range ?? inst.interface.node.range });
        continue;
      }
      if (inst.interface) {
        // keepalived ignores a name of 16 bytes or more ("Interface name … too long - ignoring"):
        // with no shorter interface line the instance has none. The usual short name needs no look.
        if (!tooLong(inst.interface.value) || !inst.node.children.every((c) => c.keyword !== 'interface' || tooLong(c.argText(0)))) {
          withInterface ??= inst.name;
          continue;
        }
        if (unicastMayOmit && isUnicast(inst) && inst.unicastSrcIp && !linkLocal(inst.unicastSrcIp.value)) continue;
        report({ message: `'${inst.name}' has no interface keepalived can use: the name '${inst.interface.value}' is longer than 15 bytes, ${keepalived} ignores it and ${crashes ? rejects : `${rejects} ("Unknown interface!")`}`, file: inst.interface.node.file, range: inst.interface.node.args[0]?.range ?? inst.interface.node.range });
        continue;
      }
      const src = inst.unicastSrcIp?.value;
      if (at(IPV6_FALLBACK_CRASH_SINCE) && src !== undefined && sockaddrFamily(src) === 6 && !linkLocal(src) && !isUnicast(inst)) {
        report({
          message: `vrrp_instance '${inst.name}' has no 'interface', and with an IPv6 unicast_src_ip but no IPv6 unicast peer keepalived ${release} falls back to multicast, which needs one, and crashes (a segmentation fault, also under keepalived -t)`,
          file: inst.node.file,
          range: nameRange(inst.node),
        });
        continue;
      }
      if (unicastMayOmit && isUnicast(inst)) {
        // A link-local source only means something on one interface (2.2.8 vrrp.c chk_min_cfg:
        // "(VI_1) Non link-local address required if interface omitted", then the configuration is rejected).
        if (inst.unicastSrcIp && linkLocal(inst.unicastSrcIp.value)) {
          report({ message: `unicast instance '${inst.name}' has no 'interface' and a link-local unicast_src_ip ${inst.unicastSrcIp.value}; keepalived ${release} rejects the VRRP configuration ("Non link-local address required if interface omitted")`, file: inst.unicastSrcIp.node.file, range: inst.unicastSrcIp.node.args[0]?.range ?? inst.unicastSrcIp.node.range });
          continue;
        }
        if (inst.unicastSrcIp) {
          // An address has no interface to go on but its own 'dev': keepalived removes the others
          // (2.2.4, 2.2.8 and 2.3.1: "(VI_1): no interface for vip 192.0.2.10 - removing", exit 5;
          // 2.1.x only logs it).
          const said = at(VIP_REMOVAL_REPORTED_SINCE) ? '' : `; keepalived ${release} -t does not report it`;
          for (const [list, e] of [[inst.virtualIpaddresses, ''], [inst.virtualIpaddressesExcluded, 'e']] as const) {
            for (const a of list) {
              if (a.options.includes('dev')) continue;
              report({ message: `unicast instance '${inst.name}' has no 'interface', so this address needs 'dev IFNAME'; keepalived ${release} removes it ("no interface for ${e}vip ${a.text.split('/')[0]} - removing")${said}`, file: a.line.file, range: a.words[0]?.range ?? a.line.range });
            }
          }
          // A VMAC or ipvlan is made on the instance's interface: without one keepalived drops the
          // option as a config error (2.2.8, 2.3.1 and 2.4.3: "Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac";
          // KA353 reports what releases before 2.2.5 do).
          if (!at(UNICAST_WITHOUT_INTERFACE_AGAIN)) continue;
          for (const line of inst.node.children) {
            if (line.keyword !== 'use_vmac' && line.keyword !== 'use_ipvlan') continue;
            report({ message: `unicast instance '${inst.name}' has no 'interface' to make a ${line.keyword === 'use_vmac' ? 'VMAC' : 'ipvlan'} on; keepalived ${release} drops '${line.keyword}' ("Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac")`, file: line.file, range: line.range });
          }
          continue;
        }
        report({ message: `unicast instance '${inst.name}' has neither 'interface' nor 'unicast_src_ip'; keepalived rejects the VRRP configuration ("Unicast instances must have unicast_src_ip or interface")`, file: inst.node.file, range: nameRange(inst.node) });
        continue;
      }
      report({ message: `vrrp_instance '${inst.name}' has no 'interface'; ${keepalived} ${crashes ? rejects : `${rejects} ("Unknown interface!")`}`, file: inst.node.file, range: nameRange(inst.node) });
    }
  },
};
