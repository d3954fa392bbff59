// KA364: a vrf line read after the instance's interface is ignored by keepalived.

import { utf8Length } from '../../core/analysis/values.js';
import type { AstNode } from '../../core/analysis/ast.js';
import type { FileRule } from '../types.js';
import { anyInstanceHasRareLine, firstUnicastKeyword, hasRareLine, isUnicast, RareLine } from './util.js';

/** Linux interface names are at most 15 bytes; keepalived ignores longer ones before this check. */
const IFNAMSIZ = 16;

export const vrfWithInterface: FileRule = {
  kind: 'file',
  code: 'KA364',
  name: 'vrf-with-interface',
  family: 'vrrp',
  severity: 'error',
  description: "A vrrp_instance's `vrf` comes with an `interface`, names the loopback, or comes without unicast; keepalived ignores or clears the vrf.",
  docs: {
    why: 'A VRF instance is a unicast instance without an interface, in a VRF device (the loopback `lo` is refused: "cannot use a loopback interface (lo) for VRF - ignoring"). keepalived 2.2.5 to 2.2.7 refuse every instance without an interface ("Unknown interface!", KA338), so a VRF instance cannot run there; from 2.2.8 it runs, and each of its addresses needs `dev` with an interface of the VRF (an address without one is removed). After an `interface` line `vrf` is ignored ("Cannot specify VRF interface and interface - ignoring"); an `interface` after it, or no unicast peers, make keepalived clear the vrf once the instance is read ("vrf can only be specified without interface / with unicast - clearing"). Both are configuration errors under -t, and the instance runs outside the VRF.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    vrf vrf-blue\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    vrf vrf-blue\n    unicast_src_ip 192.168.1.2\n    unicast_peer {\n        192.168.1.3\n    }\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24 dev eth1\n    }\n}\n',
    target: '2.2.8',
  },
  check({ analysis, report }) {
    // Nothing to find when no instance has the line (the usual case).
    if (!anyInstanceHasRareLine(analysis.model, RareLine.vrf)) return;
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      // Every finding is about a vrf line.
      if (!hasRareLine(inst, RareLine.vrf)) continue;
      let iface: string | undefined;
      let vrf: AstNode | undefined;
      for (let j = 0, cs = inst.node.children; j < cs.length; j++) {
        const c = cs[j]!;
        if (c.keyword !== 'interface' && c.keyword !== 'vrf') continue;
        const name = c.argText(0);
        // keepalived ignores a loopback interface with its own message; a vrf is compared with the
        // interface before it is looked up, so `vrf lo` after an interface is still this finding.
        if (name === undefined || utf8Length(name) >= IFNAMSIZ || (name === 'lo' && c.keyword === 'interface')) continue;
        if (c.keyword === 'interface') iface = name;
        else if (iface !== undefined) {
          report({
            message: `vrf ${name} of '${inst.name}' comes after its interface ${iface}; keepalived ignores the vrf ("Cannot specify VRF interface and interface")`,
            file: c.file,
            range: c.range,
          });
        } else if (name !== 'lo') vrf ??= c;
        else if (!vrf) {
          // Once no interface and no vrf came before it, keepalived looks the name up and refuses the loopback (2.2.5
          // to 2.4.3, on every host: lo always exists). The instance is then as if the line were not there: a later
          // vrf line is read as the first one.
          report({
            message: `vrf lo: '${inst.name}' cannot use the loopback interface as its VRF; keepalived ignores the line ("cannot use a loopback interface (lo) for VRF - ignoring")`,
            file: c.file,
            range: c.range,
          });
        }
      }
      if (!vrf) continue;
      // Read, but checked once the instance is complete: a VRF instance is unicast and has no interface.
      const problem = iface !== undefined
        ? `'${inst.name}' also has an interface (${iface}); keepalived clears the vrf ("vrf can only be specified without interface - clearing")`
        : !isUnicast(inst) && !firstUnicastKeyword(inst)
          ? `'${inst.name}' is not unicast; keepalived clears the vrf ("vrf can only be specified with unicast - clearing")`
          : undefined;
      if (problem) report({ message: `vrf ${vrf.argText(0)}: ${problem}`, file: vrf.file, range: vrf.range });
    }
  },
};
