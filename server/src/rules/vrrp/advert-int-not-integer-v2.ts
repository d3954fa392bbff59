// KA326: VRRPv2 advert_int must be whole seconds; keepalived rounds it.

import type { FileRule } from '../types.js';
import { effectiveVersion, versionAsTestReads } from './util.js';
import { FIXED_POINT_TIMERS_SINCE } from '../../core/analysis/values.js';
import { compareVersions } from '../../core/schema/schema.js';

export const advertIntNotIntegerV2: FileRule = {
  kind: 'file',
  code: 'KA326',
  name: 'advert-int-not-integer-v2',
  family: 'vrrp',
  severity: 'warning',
  description: 'A fractional advert_int with VRRPv2; keepalived rounds it to whole seconds.',
  docs: {
    why: 'VRRPv2 adverts carry the interval in whole seconds. keepalived rounds a fractional advert_int to the nearest second (at least 1) and reports a configuration error, so failover is slower (or faster) than configured. Sub-second intervals need `version 3`.',
    bad: 'vrrp_instance VI_1 {\n    advert_int 0.5\n}\n',
    good: 'vrrp_instance VI_1 {\n    version 3\n    advert_int 0.5\n}\n',
  },
  check({ analysis, report, target }) {
    // Before 2.2.3 keepalived multiplies the strtod value by 10^6 and truncates (see KA343).
    const truncates = compareVersions(target, FIXED_POINT_TIMERS_SINCE) < 0;
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const ai = inst.advertInt;
      if (!ai || ai.value <= 0) continue;
      const micros = truncates ? Math.trunc(Number(ai.node.args[0]!.text) * 1e6) : Math.round(ai.value * 1e6);
      if (!Number.isFinite(micros) || micros % 1e6 === 0) continue;
      const daemon = effectiveVersion(analysis.model, inst);
      // -t may read another version than the daemon (it refuses `vrrp_version 3sec`, the daemon takes 3).
      const test = daemon === 2 ? 2 : versionAsTestReads(analysis.model, inst);
      if (test !== 2) continue;
      const rounded = Math.max(1, Math.round(ai.value));
      report({
        message:
          daemon === 2
            ? `advert_int ${ai.node.args[0]!.text} of '${inst.name}' is not a whole number of seconds; VRRPv2 keepalived rounds it to ${rounded}`
            : `advert_int ${ai.node.args[0]!.text} of '${inst.name}' is not a whole number of seconds: keepalived -t, which refuses the version line, reads VRRPv2 and rounds it to ${rounded} (keepalived: "VRRPv2 advertisement interval … must be an integer. rounding"); the running daemon reads VRRPv3 and uses ${ai.value} s`,
        file: ai.node.file,
        range: ai.node.args[0]!.range,
      });
    }
  },
};
