// KA327: VRRPv3 advert_int must be below 40.96 s; keepalived lowers it to 40.95.

import type { FileRule } from '../types.js';
import { effectiveVersion } from './util.js';

const V3_MAX_ADVERT_INT = 40.95;

export const advertIntTooLargeV3: FileRule = {
  kind: 'file',
  code: 'KA327',
  name: 'advert-int-too-large-v3',
  family: 'vrrp',
  severity: 'warning',
  description: 'advert_int of 40.96 s or more with VRRPv3; keepalived lowers it to 40.95 s.',
  docs: {
    why: 'VRRPv3 carries the interval in centiseconds in 12 bits, so the longest interval is 40.95 s. keepalived replaces a larger advert_int with 40.95 and reports a configuration error; a VRRPv2 peer expecting the configured interval then sees a mismatch.',
    bad: 'vrrp_instance VI_1 {\n    version 3\n    advert_int 60\n}\n',
    good: 'vrrp_instance VI_1 {\n    version 3\n    advert_int 30\n}\n',
  },
  check({ analysis, report }) {
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const ai = inst.advertInt;
      if (!ai || ai.value <= V3_MAX_ADVERT_INT) continue;
      if (effectiveVersion(analysis.model, inst) !== 3) continue;
      report({
        message: `advert_int ${ai.node.args[0]!.text} of '${inst.name}' is too long for VRRPv3 (< 40.96 s); keepalived uses 40.95`,
        file: ai.node.file,
        range: ai.node.args[0]!.range,
      });
    }
  },
};
