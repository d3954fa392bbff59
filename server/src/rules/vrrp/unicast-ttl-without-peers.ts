// KA324: unicast_ttl without peers is reset by keepalived.

import type { FileRule } from '../types.js';
import { closeRange, isUnicast, unicastTtlLine } from './util.js';

export const unicastTtlWithoutPeers: FileRule = {
  kind: 'file',
  code: 'KA324',
  name: 'unicast-ttl-without-peers',
  family: 'vrrp',
  severity: 'warning',
  description: 'unicast_ttl is set but the instance has no unicast_peer; keepalived resets it.',
  docs: {
    why: 'unicast_ttl only applies to unicast adverts. Without peers keepalived resets it when the instance block ends ("Cannot use unicast_ttl without unicast peers - resetting") and reports a configuration error.',
    bad: 'vrrp_instance VI_1 {\n    unicast_ttl 5\n}\n',
    good: 'vrrp_instance VI_1 {\n    unicast_ttl 5\n    unicast_src_ip 10.0.0.11\n    unicast_peer {\n        10.0.0.12\n    }\n}\n',
  },
  check({ analysis, report }) {
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const ttl = unicastTtlLine(inst);
      if (!ttl || isUnicast(inst)) continue;
      // keepalived checks this at the end of the instance block and reports the closing brace's line.
      report({
        message: `unicast_ttl of '${inst.name}' is reset by keepalived: the instance has no unicast_peer`,
        ...closeRange(inst.node),
        related: [{ file: ttl.file, range: ttl.range, message: 'unicast_ttl is set here' }],
      });
    }
  },
};
