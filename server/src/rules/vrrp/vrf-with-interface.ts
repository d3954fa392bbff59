// KA364: a vrf line read after the instance's interface is ignored by keepalived.

import type { FileRule } from '../types.js';

/** Linux interface names are at most 15 bytes; keepalived ignores longer ones before this check. */
const IFNAMSIZ = 16;
const utf8 = new TextEncoder();

export const vrfWithInterface: FileRule = {
  kind: 'file',
  code: 'KA364',
  name: 'vrf-with-interface',
  family: 'vrrp',
  severity: 'error',
  description: "A vrrp_instance's `vrf` comes after its `interface`; keepalived ignores the vrf.",
  docs: {
    why: 'keepalived 2.2.7 reads `vrf` only while the instance has no interface yet: after an `interface` line it reports "Cannot specify VRF interface and interface - ignoring" (a configuration error under -t) and the instance runs outside the VRF. A second `vrf` is ignored as well ("VRF interface already specified").',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    vrf vrf-blue\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
  },
  check({ analysis, report }) {
    for (const inst of analysis.model.vrrpInstances) {
      if (!inst.interface) continue;
      let iface: string | undefined;
      for (const c of inst.node.children) {
        const name = c.argText(0);
        if (name === undefined || utf8.encode(name).length >= IFNAMSIZ) continue;
        if (c.keyword === 'interface') iface = name;
        else if (c.keyword === 'vrf' && iface !== undefined) {
          report({
            message: `vrf ${name} of '${inst.name}' comes after its interface ${iface}; keepalived ignores the vrf ("Cannot specify VRF interface and interface")`,
            file: c.file,
            range: c.range,
          });
        }
      }
    }
  },
};
