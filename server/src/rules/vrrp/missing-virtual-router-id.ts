// KA300: an instance without a usable virtual_router_id makes keepalived reject the VRRP config.

import type { FileRule } from '../types.js';
import { child } from '../../core/analysis/ast.js';
import { nameRange, uniqueInstances } from './util.js';

export const missingVirtualRouterId: FileRule = {
  kind: 'file',
  code: 'KA300',
  name: 'missing-virtual-router-id',
  family: 'vrrp',
  severity: 'error',
  description: 'Every vrrp_instance needs a virtual_router_id between 1 and 255.',
  docs: {
    why: 'The VRID identifies the virtual router on the wire. keepalived has no default for it: an instance without one (or with an invalid one, which is ignored) makes keepalived refuse the whole VRRP configuration, so no instance starts.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    priority 100\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
  },
  check({ analysis, report }) {
    for (let i = 0, insts = uniqueInstances(analysis.model); i < insts.length; i++) {
      const inst = insts[i]!;
      const vrid = inst.virtualRouterId?.value;
      if (vrid !== undefined && vrid >= 1 && vrid <= 255) continue;
      // The model keeps only a VRID it could read as a number: 'abc' or '51<U+3000>' is a line that was written but ignored.
      const written = inst.virtualRouterId !== undefined || child(inst.node, 'virtual_router_id') !== undefined;
      const why = written ? 'its virtual_router_id is not valid (keepalived ignores it)' : 'it has no virtual_router_id';
      report({
        message: `vrrp_instance '${inst.name}': ${why}; keepalived rejects the VRRP configuration ("the virtual router id must be set")`,
        file: inst.node.file,
        range: nameRange(inst.node),
      });
    }
  },
};
