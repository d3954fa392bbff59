// KA327: VRRPv3 advert_int must be below 40.96 s; keepalived lowers it to 40.95 (and before 2.0.7 a VRRPv2 one above 255 s to 255).

import type { FileRule } from '../types.js';
import { effectiveVersion } from './util.js';
import { compareVersions } from '../../core/schema/schema.js';
import { ADVERT_INT_RANGE_CHECKED_SINCE } from '../../core/model/model.js';

const V3_MAX_ADVERT_INT = 40.95;
const V2_MAX_ADVERT_INT = 255;

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
  check({ analysis, report, target }) {
    const unchecked = compareVersions(target, ADVERT_INT_RANGE_CHECKED_SINCE) < 0;
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const ai = inst.advertInt;
      if (!ai || ai.value <= V3_MAX_ADVERT_INT) continue;
      if (effectiveVersion(analysis.model, inst) !== 3) {
        // Before 2.0.7 the handler takes any interval above 0, and the instance's checks cap a VRRPv2 one (only logged);
        // from 2.0.7 the handler refuses it (KA205) and the default 1 s stays.
        if (unchecked && ai.value > V2_MAX_ADVERT_INT) {
          report({
            message: `advert_int ${ai.node.args[0]!.text} of '${inst.name}' is too long for VRRPv2 (< 256 s); keepalived ${target.join('.')} uses 255 and only logs it ("VRRPv2 advertisement interval … is out of range"; 2.0.7 and later refuse the line and use 1)`,
            file: ai.node.file,
            range: ai.node.args[0]!.range,
          });
        }
        continue;
      }
      report({
        message: `advert_int ${ai.node.args[0]!.text} of '${inst.name}' is too long for VRRPv3 (< 40.96 s); keepalived uses 40.95`,
        file: ai.node.file,
        range: ai.node.args[0]!.range,
      });
    }
  },
};
