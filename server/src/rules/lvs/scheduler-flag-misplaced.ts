import type { FileRule } from '../types.js';
import type { AstNode } from '../../core/analysis/ast.js';
import { fix, moveLineAfter, related } from './util.js';
import { lvsFacts, schedulerKnown } from './server-facts.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';


// 'hashed' is read by the same handler: keepalived names the sh scheduler for it too (and does nothing with it under sh or mh).
/** The first release whose handler no longer reads 'hashed' as a flag of its own. */
const HASHED_FLAG_UNTIL: Version = [2, 1, 4];
const FLAG_SCHEDULER: Record<string, 'sh' | 'mh'> = { hashed: 'sh', 'sh-port': 'sh', 'sh-fallback': 'sh', 'mh-port': 'mh', 'mh-fallback': 'mh' };

export const schedulerFlagMisplaced: FileRule = {
  kind: 'file',
  code: 'KA511',
  name: 'scheduler-flag-misplaced',
  family: 'lvs',
  severity: 'error',
  description: "sh-port / sh-fallback / mh-port / mh-fallback (or hashed) is written before 'lb_algo sh|mh' or with another scheduler; keepalived ignores it.",
  docs: {
    why:
      'keepalived applies these flags while reading the line, using the scheduler set so far. Written before `lb_algo sh` ' +
      '(or `mh`), or with another scheduler, the flag is ignored: `keepalived -t` reports "only applies to sh scheduler", and ' +
      'an mh flag under `lb_algo sh` (or the reverse) is dropped without any message. Put the flag after the matching lb_algo.',
    bad: 'virtual_server 10.0.0.1 80 {\n    sh-port\n    lb_algo sh\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    lb_algo sh\n    sh-port\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const { vs, hasSchedulerFlag } = factList[factIndex]!;
      if (!hasSchedulerFlag) continue;
      let sched: string | undefined;
      let schedNode: AstNode | undefined;
      const kids = vs.node.children;
      for (let i = 0; i < kids.length; i++) {
        const c = kids[i]!;
        if (c.keyword === 'lb_algo' || c.keyword === 'lvs_sched') {
          const v = c.args[0]?.text;
          if (schedulerKnown(v, ctx.target)) {
            sched = v;
            schedNode = c;
          }
          continue;
        }
        const wanted = FLAG_SCHEDULER[c.keyword];
        if (!wanted || sched === wanted) continue;
        // Before 2.1.4 (22b81182) 'hashed' set IPVS's hashed flag whatever the scheduler, without a word.
        if (c.keyword === 'hashed' && compareVersions(ctx.target, HASHED_FLAG_UNTIL) < 0) continue;
        // A later lb_algo with the right scheduler: the fix moves the flag after it.
        const later = kids.slice(i + 1).find((k) => (k.keyword === 'lb_algo' || k.keyword === 'lvs_sched') && k.args[0]?.text === wanted);
        const moveFix = later ? fix(`Move '${c.keyword}' after 'lb_algo ${wanted}'`, moveLineAfter(ctx.analysis, c, later)) : undefined;
        if (sched === 'sh' || sched === 'mh') {
          ctx.report({
            message: `'${c.keyword}' only applies to the ${wanted} scheduler; with 'lb_algo ${sched}' keepalived ignores it without any message`,
            file: c.file,
            range: c.range,
            severity: 'warning',
            related: schedNode ? [related(schedNode, 'scheduler set here')] : undefined,
            fix: moveFix,
          });
          continue;
        }
        const where = later ? `it comes before 'lb_algo ${wanted}' (line ${later.range.start.line + 1}), and keepalived applies it using the scheduler set so far` : sched ? `the scheduler is '${sched}'` : `no 'lb_algo ${wanted}' is set`;
        ctx.report({
          message: `'${c.keyword}' is ignored: ${where} (keepalived: "${c.keyword} only applies to sh scheduler - ignoring")`,
          file: c.file,
          range: c.range,
          related: later ? [related(later, 'scheduler set here')] : undefined,
          fix: moveFix,
        });
      }
    }
  },
};
