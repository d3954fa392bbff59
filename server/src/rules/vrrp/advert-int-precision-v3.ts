// KA343: VRRPv3 counts advert_int in centiseconds; finer values are rounded.

import type { FileRule } from '../types.js';
import { effectiveVersion } from './util.js';

export const advertIntPrecisionV3: FileRule = {
  kind: 'file',
  code: 'KA343',
  name: 'advert-int-precision-v3',
  family: 'vrrp',
  severity: 'warning',
  description: 'A VRRPv3 advert_int that is not a multiple of 0.01 s; keepalived rounds it.',
  docs: {
    why: 'VRRPv3 adverts carry the interval in centiseconds. keepalived rounds a finer advert_int to the nearest 10 ms ("must be in units of 10ms - rounding", a configuration error under -t), so the timing differs from what the file says.',
    bad: 'vrrp_instance VI_1 {\n    version 3\n    advert_int 0.125\n}\n',
    good: 'vrrp_instance VI_1 {\n    version 3\n    advert_int 0.12\n}\n',
  },
  check({ analysis, report }) {
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const ai = inst.advertInt;
      if (!ai || effectiveVersion(analysis.model, inst) !== 3) continue;
      const centis = ai.value * 100;
      if (Math.abs(centis - Math.round(centis)) < 1e-6) continue;
      const rounded = Math.max(1, Math.round(centis)) / 100;
      report({
        message: `advert_int ${ai.node.args[0]!.text} of '${inst.name}' is not a multiple of 0.01 s; VRRPv3 keepalived rounds it to ${rounded}`,
        file: ai.node.file,
        range: ai.node.args[0]!.range,
      });
    }
  },
};
