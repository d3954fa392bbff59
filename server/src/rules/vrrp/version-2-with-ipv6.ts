// KA329: `version 2` on an IPv6 instance: keepalived runs VRRPv3 anyway.

import type { FileRule } from '../types.js';
import { instanceFamily } from './util.js';

export const version2WithIpv6: FileRule = {
  kind: 'file',
  code: 'KA329',
  name: 'version-2-with-ipv6',
  family: 'vrrp',
  severity: 'warning',
  description: 'VRRPv2 is IPv4 only; an IPv6 instance always runs VRRPv3 and `version 2` is ignored.',
  docs: {
    why: 'RFC 3768 (VRRPv2) has no IPv6. keepalived ignores `version 2` on an instance with IPv6 addresses ("vrrp_version 2 conflicts with configured or deduced version 3") and runs VRRPv3, which also drops any authentication. Peers configured for VRRPv2 then reject the adverts.',
    bad: 'vrrp_instance VI_6 {\n    version 2\n    virtual_ipaddress {\n        2001:db8::10/64\n    }\n}\n',
    good: 'vrrp_instance VI_6 {\n    version 3\n    virtual_ipaddress {\n        2001:db8::10/64\n    }\n}\n',
  },
  check({ analysis, report }) {
    for (const inst of analysis.model.vrrpInstances) {
      if (inst.version?.value !== 2 || instanceFamily(inst) !== 6) continue;
      const v = inst.version.node;
      report({
        message: `'${inst.name}' is an IPv6 instance, which always runs VRRPv3; keepalived ignores 'version 2'`,
        file: v.file,
        range: v.args[0]?.range ?? v.range,
      });
    }
  },
};
