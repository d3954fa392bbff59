// KA369: promote_secondaries in an instance with a VMAC or ipvlan interface (keepalived 2.2.7
// vrrp.c, when it completes an instance; checked with the binary).

import type { AstNode } from '../../core/analysis/ast.js';
import { deleteLine, fix } from '../fixes.js';
import type { FileRule } from '../types.js';
import { anyInstanceHasRareLine, hasRareLine, RareLine, uniqueInstances } from './util.js';

export const promoteSecondariesWithVmac: FileRule = {
  kind: 'file',
  code: 'KA369',
  name: 'promote-secondaries-with-vmac',
  family: 'vrrp',
  severity: 'warning',
  description: 'promote_secondaries in a vrrp_instance that uses use_vmac or use_ipvlan: keepalived sets it there itself and reports the line.',
  docs: {
    why:
      'keepalived turns promote_secondaries on by itself for the macvlan (use_vmac) or ipvlan (use_ipvlan) interface it ' +
      'creates, so writing it is redundant. keepalived still reports it as a configuration error ("promote_secondaries ' +
      'is automatically set for vmacs"), which makes `keepalived -t` fail in CI. Remove the line.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    use_vmac\n    promote_secondaries\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    use_vmac\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}',
  },
  check({ analysis, report }) {
    // Nothing to find unless some instance has promote_secondaries and some a VMAC or ipvlan (the usual case: none).
    if (!anyInstanceHasRareLine(analysis.model, RareLine.promoteSecondaries) || !anyInstanceHasRareLine(analysis.model, RareLine.useVmac | RareLine.useIpvlan)) return;
    for (let i = 0, insts = uniqueInstances(analysis.model); i < insts.length; i++) {
      const inst = insts[i]!;
      if (!hasRareLine(inst, RareLine.promoteSecondaries) || !hasRareLine(inst, RareLine.useVmac | RareLine.useIpvlan)) continue;
      let promote: AstNode | undefined;
      let virtualInterface: AstNode | undefined;
      for (let j = 0, lines = inst.node.children; j < lines.length; j++) {
        const line = lines[j]!;
        const keyword = line.keyword;
        if (keyword === 'promote_secondaries') promote ??= line;
        else if (keyword === 'use_vmac' || keyword === 'use_ipvlan') virtualInterface ??= line;
      }
      if (!promote || !virtualInterface) continue;
      report({
        message: `promote_secondaries in '${inst.name}', which has ${virtualInterface.keyword}: keepalived sets it for that interface itself and reports the line (keepalived: "promote_secondaries is automatically set for vmacs - ignoring")`,
        file: promote.file,
        range: promote.range,
        related: [{ file: virtualInterface.file, range: virtualInterface.range, message: `${virtualInterface.keyword} of '${inst.name}'` }],
        fix: fix("Remove 'promote_secondaries'", [deleteLine(analysis, promote)]),
      });
    }
  },
};
