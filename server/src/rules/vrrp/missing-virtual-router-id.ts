// KA300: an instance without a usable virtual_router_id makes keepalived reject the VRRP config.

import type { FileRule } from '../types.js';
import { child } from '../../core/analysis/ast.js';
import { instanceFamily, isUnicast, nameRange, uniqueInstances } from './util.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { VrrpInstance } from '../../core/model/model.js';

/**
 * Before 2.1.0 keepalived compares VRIDs before it wants one set: two multicast instances without a VRID on one
 * interface and family both have VRID 0, and the 2.0.10 and 2.0.19 builds say "A and B both use VRID 0 with IPv4 on
 * interface eth0" (and stop) instead of "the virtual router id must be set".
 */
const VRID_SET_CHECKED_FIRST_SINCE: Version = [2, 1, 0];

function validVrid(inst: VrrpInstance): boolean {
  const vrid = inst.virtualRouterId?.value;
  return vrid !== undefined && vrid >= 1 && vrid <= 255;
}

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
  check({ analysis, report, target }) {
    const conflictsFirst = compareVersions(target, VRID_SET_CHECKED_FIRST_SINCE) < 0;
    const insts = uniqueInstances(analysis.model);
    // Before 2.1.0: the first other multicast instance without a VRID on the same interface and family.
    const zeroTwin = (inst: VrrpInstance) =>
      conflictsFirst && inst.interface && !isUnicast(inst)
        ? insts.find((o) => o !== inst && !validVrid(o) && !isUnicast(o) && o.interface?.value === inst.interface!.value && (instanceFamily(o) ?? 4) === (instanceFamily(inst) ?? 4))
        : undefined;
    for (let i = 0; i < insts.length; i++) {
      const inst = insts[i]!;
      if (validVrid(inst)) continue;
      // The model keeps only a VRID it could read as a number: 'abc' or '51<U+3000>' is a line that was written but ignored.
      const written = inst.virtualRouterId !== undefined || child(inst.node, 'virtual_router_id') !== undefined;
      const why = written ? 'its virtual_router_id is not valid (keepalived ignores it)' : 'it has no virtual_router_id';
      const twin = zeroTwin(inst);
      const [a, b] = twin && insts.indexOf(twin) < i ? [twin, inst] : [inst, twin];
      report({
        message: twin
          ? `vrrp_instance '${inst.name}': ${why}; keepalived ${target.join('.')} compares VRIDs first, finds it on VRID 0 with '${twin.name}' (on ${inst.interface!.value}, where that interface exists) and rejects the VRRP configuration ("${a.name} and ${b!.name} both use VRID 0 with IPv${instanceFamily(inst) ?? 4} on interface ${inst.interface!.value}")`
          : `vrrp_instance '${inst.name}': ${why}; keepalived rejects the VRRP configuration ("the virtual router id must be set")`,
        file: inst.node.file,
        range: nameRange(inst.node),
      });
    }
  },
};
