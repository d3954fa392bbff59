// KA343: VRRPv3 counts advert_int in centiseconds; finer values are rounded.

import type { FileRule } from '../types.js';
import { effectiveVersion } from './util.js';
import { FIXED_POINT_TIMERS_SINCE } from '../../core/analysis/values.js';
import { compareVersions } from '../../core/schema/schema.js';

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
  check({ analysis, report, target }) {
    // Before 2.2.3 keepalived multiplies the strtod value by 10^6 and truncates: 2.01 s is 2009999 µs there.
    const truncates = compareVersions(target, FIXED_POINT_TIMERS_SINCE) < 0;
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const ai = inst.advertInt;
      if (!ai || effectiveVersion(analysis.model, inst) !== 3) continue;
      const text = ai.node.args[0]!.text;
      const exact = Math.round(ai.value * 1e6);
      const micros = truncates ? Math.trunc(Number(text) * 1e6) : exact;
      if (!Number.isFinite(micros) || micros % 10000 === 0) continue;
      const rounded = Math.max(1, Math.round(micros / 10000)) / 100;
      report({
        message: exact % 10000 === 0
          ? `advert_int ${text} of '${inst.name}': keepalived ${target.join('.')} reads it through floating point as ${(micros / 1e6).toFixed(6)} s, not a multiple of 0.01 s, and reports a configuration error while rounding it back to ${rounded} (keepalived: "VRRPv3 advertisement interval … must be in units of 10ms - rounding"; 2.2.3 and later read timers exactly)`
          : `advert_int ${text} of '${inst.name}' is not a multiple of 0.01 s; VRRPv3 keepalived rounds it to ${rounded}`,
        file: ai.node.file,
        range: ai.node.args[0]!.range,
      });
    }
  },
};
