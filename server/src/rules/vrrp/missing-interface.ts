// KA338: an instance with no `interface` keepalived can use: it rejects the VRRP configuration.

import type { FileRule } from '../types.js';
import { isUnicast, nameRange, uniqueInstances } from './util.js';

export const missingInterface: FileRule = {
  kind: 'file',
  code: 'KA338',
  name: 'missing-interface',
  family: 'vrrp',
  severity: 'error',
  description: 'A vrrp_instance has no `interface`; only a unicast instance with unicast_src_ip can do without one.',
  docs: {
    why: 'Multicast adverts are sent and received on the instance\'s interface, so keepalived rejects an instance without one ("Unknown interface!"). A unicast instance may omit it only if it has unicast_src_ip ("Unicast instances must have unicast_src_ip or interface"). Either way no VRRP instance starts.',
    bad: 'vrrp_instance VI_1 {\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
  },
  check({ analysis, report }) {
    for (const inst of uniqueInstances(analysis.model)) {
      if (inst.interface) continue;
      if (isUnicast(inst)) {
        if (inst.unicastSrcIp) continue;
        report({ message: `unicast instance '${inst.name}' has neither 'interface' nor 'unicast_src_ip'; keepalived rejects the VRRP configuration`, file: inst.node.file, range: nameRange(inst.node) });
        continue;
      }
      report({ message: `vrrp_instance '${inst.name}' has no 'interface'; keepalived rejects the VRRP configuration ("Unknown interface!")`, file: inst.node.file, range: nameRange(inst.node) });
    }
  },
};
