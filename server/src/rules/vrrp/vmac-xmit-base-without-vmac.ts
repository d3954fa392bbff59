// KA352: vmac_xmit_base in an instance without use_vmac (keepalived 2.2.7 vrrp.c, after reading).

import type { AstNode } from '../../core/analysis/ast.js';
import { vmacFlagsClearedAtEnd } from './unicast-vmac-without-xmit-base.js';
import type { FileRule } from '../types.js';
import { vmacClearedForNoInterface } from './missing-interface.js';
import { anyInstanceHasRareLine, hasRareLine, RareLine, uniqueInstances } from './util.js';

export const vmacXmitBaseWithoutVmac: FileRule = {
  kind: 'file',
  code: 'KA352',
  name: 'vmac-xmit-base-without-vmac',
  family: 'vrrp',
  severity: 'error',
  description: 'vmac_xmit_base in a vrrp_instance without use_vmac; keepalived reports it and ignores it.',
  docs: {
    why:
      'vmac_xmit_base makes a VMAC instance send its adverts from the base interface instead of the macvlan. Without ' +
      'use_vmac there is no VMAC: keepalived reports "vmac_xmit_base is only valid with a vmac" and drops the setting. ' +
      'Usually use_vmac was removed (or never copied to this node) and vmac_xmit_base left behind; check which one the ' +
      'cluster is meant to use, since the nodes must agree on how adverts are sent. It is an error although the instance runs as ' +
      'it would without the line: keepalived counts it a configuration error, and `keepalived -t` exits 5 on it (checked with ' +
      '2.2.4, 2.2.7, 2.2.8, 2.3.3 and 2.4.3), which stops a deploy gated on it.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    vmac_xmit_base\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    use_vmac\n    vmac_xmit_base\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}',
  },
  check({ analysis, report, target }) {
    // Nothing to find when no instance has the line (the usual case).
    if (!anyInstanceHasRareLine(analysis.model, RareLine.vmacXmitBase)) return;
    for (let i = 0, insts = uniqueInstances(analysis.model); i < insts.length; i++) {
      const inst = insts[i]!;
      if (!hasRareLine(inst, RareLine.vmacXmitBase)) continue;
      let xmitBase: AstNode | undefined;
      let vmac = false;
      for (let j = 0, lines = inst.node.children; j < lines.length; j++) {
        const line = lines[j]!;
        if (line.keyword === 'use_vmac') vmac = true;
        else if (line.keyword === 'vmac_xmit_base') xmitBase ??= line;
      }
      // Before 2.2.5 a unicast instance may have lost every VMAC flag already (KA353 reports that instead).
      if (!xmitBase || vmacFlagsClearedAtEnd(inst, target)) continue;
      // From 2.2.8 a unicast instance without a usable interface loses its use_vmac first (KA338 says so).
      const cleared = vmac && vmacClearedForNoInterface(inst, target);
      if (vmac && !cleared) continue;
      report({
        message: cleared
          ? `vmac_xmit_base in '${inst.name}', whose use_vmac keepalived drops for want of an interface (KA338): keepalived ignores vmac_xmit_base too (keepalived: "vmac_xmit_base is only valid with a vmac")`
          : `vmac_xmit_base in '${inst.name}', which has no use_vmac: keepalived ignores it (keepalived: "vmac_xmit_base is only valid with a vmac")`,
        file: xmitBase.file,
        range: xmitBase.range,
      });
    }
  },
};
