import type { FileRule } from '../types.js';
import { quorumFacts } from './quorum.js';
import { related, vsLabel } from './util.js';
import { reachesChecks } from './families.js';
import { lvsFacts } from './server-facts.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** 6ff73247 (2.0.14) compares the quorum with the total weight of the real servers. */
const WEIGHT_CHECK_SINCE: Version = [2, 0, 14];
/** e00217b0 (1.4.1) compared it with their number; before it nothing lowers the quorum. */
const COUNT_CHECK_SINCE: Version = [1, 4, 1];

export const quorumExceedsWeight: FileRule = {
  kind: 'file',
  code: 'KA513',
  name: 'quorum-exceeds-weight',
  family: 'lvs',
  severity: 'warning',
  description: 'The quorum of a virtual_server is larger than the total weight of its real servers; keepalived lowers it.',
  docs: {
    why:
      'The quorum is the total weight of healthy real servers needed for the service to count as up (quorum_up/quorum_down). ' +
      'If it is larger than the weight of all real servers together it could never be reached, so keepalived lowers it to ' +
      'that total and `keepalived -t` reports it. A real server without `weight` counts with the virtual server weight (1 by default); ' +
      'one whose weight only the running daemon reads (`weight 200%`, KA205) counts 200 there and 1 under `keepalived -t`, which then lowers the quorum on its own. ' +
      'Before 2.0.14 keepalived compared the quorum with the number of real servers instead, and before 1.4.1 it kept it as ' +
      'written: a quorum above the total weight is then never reached.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    quorum 3\n    real_server 10.0.1.1 80 {\n    }\n    real_server 10.0.1.2 80 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    quorum 2\n    real_server 10.0.1.1 80 {\n    }\n    real_server 10.0.1.2 80 {\n    }\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      const vs = f.vs;
      if (!reachesChecks(f)) continue;
      const q = quorumFacts(f);
      const what = q.quorum ? `quorum ${q.written} (line ${q.quorum.node.range.start.line + 1})` : `the default quorum 1`;
      if (q.written <= q.weightSum) {
        // Only -t's total is short: it ignores a weight line whose number only the daemon reads (fuzzing 2.2.7, seed 486).
        if (q.written > q.testedWeightSum && compareVersions(ctx.target, WEIGHT_CHECK_SINCE) >= 0) {
          ctx.report({
            message: `In '${vsLabel(vs)}' ${what} exceeds the total real server weight keepalived -t counts, ${q.testedWeightSum}: -t ignores a weight line whose number only the running daemon reads (KA205), so it reports the quorum ("quorum … exceeds total weight of real servers") and lowers it to ${q.testedWeightSum}, while the daemon counts ${q.weightSum} and keeps it; fix the weight`,
            file: vs.node.file,
            range: vs.node.range,
            related: q.quorum ? [related(q.quorum.node, 'quorum set here')] : undefined,
          });
        }
        continue;
      }
      const v = ctx.target.join('.');
      const never = 'so the quorum is never reached and keepalived treats the service as down (quorum_down, sorry server)';
      let effect: string;
      if (compareVersions(ctx.target, WEIGHT_CHECK_SINCE) >= 0) {
        effect = `keepalived reduces the quorum to ${q.weightSum} (keepalived: "quorum … exceeds total weight of real servers")`;
      } else if (compareVersions(ctx.target, COUNT_CHECK_SINCE) >= 0) {
        // Before 2.0.14 the check counts the real servers, whatever their weights.
        const count = f.familyKept.length;
        effect = q.written > count
          ? `keepalived ${v} lowers it to ${count}, the number of real servers (keepalived: "exceeds number of real servers")${count > q.weightSum ? `, still above the weight: ${never}` : ''}`
          : `keepalived ${v} keeps it (it compares the quorum with the number of real servers, ${count}), ${never}`;
      } else {
        effect = `keepalived ${v} keeps it, ${never}`;
      }
      ctx.report({
        message: `In '${vsLabel(vs)}' ${what} exceeds the total real server weight ${q.weightSum}; ${effect}`,
        file: vs.node.file,
        range: vs.node.range,
        related: q.quorum ? [related(q.quorum.node, 'quorum set here')] : undefined,
      });
    }
  },
};
