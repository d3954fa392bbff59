// KA325: mcast_dst_ip on a unicast instance is ignored.

import type { FileRule } from '../types.js';
import { isUnicast, keywordRange, mcastDstProblem } from './util.js';

export const mcastDstWithUnicast: FileRule = {
  kind: 'file',
  code: 'KA325',
  name: 'mcast-dst-with-unicast',
  family: 'vrrp',
  severity: 'warning',
  description: 'mcast_dst_ip has no effect on an instance with unicast peers.',
  docs: {
    why: 'With unicast_peer the adverts go to the peers directly; keepalived ignores mcast_dst_ip ("multicast destination specified with unicast - ignoring") and reports a configuration error. Remove one of the two to say which transport is meant.',
    bad: 'vrrp_instance VI_1 {\n    mcast_dst_ip 224.0.0.30\n    unicast_peer {\n        10.0.0.12\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    unicast_peer {\n        10.0.0.12\n    }\n}\n',
  },
  check({ analysis, report }) {
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const m = inst.mcastDstIp;
      if (!m || !isUnicast(inst) || mcastDstProblem(inst)) continue;
      report({ message: `mcast_dst_ip of '${inst.name}' is ignored: the instance uses unicast peers`, file: m.node.file, range: keywordRange(m.node) });
    }
  },
};
