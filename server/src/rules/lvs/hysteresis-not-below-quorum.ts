import type { FileRule } from '../types.js';
import { quorumFacts } from './quorum.js';
import { related, vsLabel } from './util.js';
import { reachesChecks } from './families.js';
import { lvsFacts } from './server-facts.js';

export const hysteresisNotBelowQuorum: FileRule = {
  kind: 'file',
  code: 'KA514',
  name: 'hysteresis-not-below-quorum',
  family: 'lvs',
  severity: 'warning',
  description: 'The hysteresis of a virtual_server is not below its (effective) quorum; keepalived changes it.',
  docs: {
    why:
      'Hysteresis is the margin around the quorum that stops quorum_up/quorum_down from flapping; it must be smaller than the ' +
      'quorum. keepalived sets it to quorum − 1 and `keepalived -t` reports it. When every real server has weight 0 the ' +
      'quorum drops to 0 and keepalived 2.2.7 computes 0 − 1, storing a hysteresis of 4294967295.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    quorum 2\n    hysteresis 2\n    real_server 10.0.1.1 80 {\n        weight 2\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    quorum 2\n    hysteresis 1\n    real_server 10.0.1.1 80 {\n        weight 2\n    }\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      const vs = f.vs;
      if (!reachesChecks(f)) continue;
      const q = quorumFacts(f);
      if (q.effectiveHysteresis < q.effectiveQuorum) continue;
      const reduced = q.effectiveQuorum < q.written ? ` (reduced from ${q.written} to the total real server weight)` : '';
      const becomes = q.effectiveQuorum === 0 ? '4294967295 (0 − 1 wraps around)' : String(q.effectiveQuorum - 1);
      ctx.report({
        message: `In '${vsLabel(vs)}' ${q.hysteresis ? 'hysteresis' : 'the default hysteresis'} ${q.effectiveHysteresis} is not below the quorum ${q.effectiveQuorum}${reduced}; keepalived sets it to ${becomes} (keepalived: "hysteresis … >= quorum …")`,
        file: vs.node.file,
        range: vs.node.range,
        related: q.hysteresis ? [related(q.hysteresis.node, 'hysteresis set here')] : undefined,
      });
    }
  },
};
