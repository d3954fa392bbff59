// KA329: `version 2` on an IPv6 instance: keepalived runs VRRPv3 anyway.

import type { FileRule } from '../types.js';
import { ipv6Version2 } from './util.js';

export const version2WithIpv6: FileRule = {
  kind: 'file',
  code: 'KA329',
  name: 'version-2-with-ipv6',
  family: 'vrrp',
  severity: 'warning',
  description: '`version 2` on an IPv6 instance: keepalived ignores it or runs non-standard VRRPv2 over IPv6, depending on line order.',
  docs: {
    why: 'RFC 3768 (VRRPv2) has no IPv6. What keepalived 2.2.7 does depends on where the line is: `version 2` after the first IPv6 address is ignored ("vrrp_version 2 conflicts with configured or deduced version …; ignoring") and the instance runs VRRPv3 (dropping any authentication); before it, the instance silently runs non-standard VRRPv2 over IPv6; in strict mode it is always VRRPv3. `native_ipv6` sets VRRPv3 with the family, wherever it stands: `version 2` after it is ignored with the same message, before it overwritten without one. Two nodes that order the lines differently speak different versions and both become MASTER.',
    bad: 'vrrp_instance VI_6 {\n    version 2\n    virtual_ipaddress {\n        2001:db8::10/64\n    }\n}\n',
    good: 'vrrp_instance VI_6 {\n    version 3\n    virtual_ipaddress {\n        2001:db8::10/64\n    }\n}\n',
  },
  check({ analysis, report }) {
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const found = ipv6Version2(analysis.model, inst);
      if (!found) continue;
      const { how, by } = found;
      const v = inst.version!.node;
      const where = by.file === v.file ? `line ${by.range.start.line + 1}` : `${by.file}:${by.range.start.line + 1}`;
      const native = by.keyword === 'native_ipv6';
      const message =
        how === 'native'
          ? `'native_ipv6' (${where}) sets VRRPv3 as well as IPv6 for '${inst.name}', so keepalived overwrites this 'version 2' without a word and the instance runs VRRPv3`
          : how === 'ignored'
            ? native
              ? `'native_ipv6' (${where}) makes '${inst.name}' an IPv6 instance, which runs VRRPv3, so keepalived ignores this 'version 2' ("vrrp_version 2 conflicts with configured or deduced version 3")`
              : `'${inst.name}' is an IPv6 instance, which runs VRRPv3; keepalived ignores 'version 2' written after its first address ('${by.keyword}', ${where})`
            : how === 'strict'
              ? `'${inst.name}' is an IPv6 instance; in strict mode keepalived replaces 'version 2' with VRRPv3`
              : `'version 2' comes before the first IPv6 address of '${inst.name}', so keepalived runs non-standard VRRPv2 over IPv6; a peer with the line after its addresses (or any other VRRP implementation) uses VRRPv3`;
      report({ message, file: v.file, range: v.args[0]?.range ?? v.range });
    }
  },
};
