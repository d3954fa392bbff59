// KA353: a unicast VMAC/ipvlan instance without vmac_xmit_base (keepalived 2.2.7 vrrp_parser.c, at
// the end of the vrrp_instance block: it reports the closing brace's line and sets it itself).

import type { AstNode } from '../../core/analysis/ast.js';
import type { FileRule } from '../types.js';
import { closeRange, firstUnicastKeyword, uniqueInstances } from './util.js';

export const unicastVmacWithoutXmitBase: FileRule = {
  kind: 'file',
  code: 'KA353',
  name: 'unicast-vmac-without-xmit-base',
  family: 'vrrp',
  severity: 'warning',
  description: 'A unicast vrrp_instance with use_vmac or use_ipvlan but no vmac_xmit_base; keepalived reports it and turns vmac_xmit_base on.',
  docs: {
    why:
      'Unicast adverts cannot go out of a VMAC: the peers would answer to the virtual MAC. keepalived therefore sends ' +
      'them from the base interface (vmac_xmit_base), and when a unicast instance with use_vmac or use_ipvlan does not ' +
      'say so, it reports "unicast with use_vmac requires vmac_xmit_base - setting" and sets it. Write it, so that the ' +
      'configuration says what runs and keepalived -t stays clean.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    use_vmac\n    unicast_src_ip 10.0.0.2\n    unicast_peer {\n        10.0.0.3\n    }\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    use_vmac\n    vmac_xmit_base\n    unicast_src_ip 10.0.0.2\n    unicast_peer {\n        10.0.0.3\n    }\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}',
  },
  check({ analysis, report }) {
    for (const inst of uniqueInstances(analysis.model)) {
      const unicast = firstUnicastKeyword(inst);
      if (!unicast) continue;
      let vmacLine: AstNode | undefined;
      let xmitBase = false;
      let iface = false;
      for (const line of inst.node.children) {
        if (line.keyword === 'use_vmac' || line.keyword === 'use_ipvlan') vmacLine ??= line;
        else if (line.keyword === 'vmac_xmit_base') xmitBase = true;
        else if (line.keyword === 'interface') iface = true;
      }
      // Without an interface keepalived clears use_vmac instead (KA338 reports the missing interface).
      if (!vmacLine || xmitBase || !iface) continue;
      report({
        message: `'${inst.name}' uses unicast with ${vmacLine.keyword} but has no vmac_xmit_base; keepalived reports it and sets vmac_xmit_base (keepalived: "unicast with use_vmac requires vmac_xmit_base - setting")`,
        ...closeRange(inst.node),
        related: [
          { file: vmacLine.file, range: vmacLine.range, message: `${vmacLine.keyword} here` },
          { file: unicast.file, range: unicast.range, message: 'unicast from here' },
        ],
      });
    }
  },
};
