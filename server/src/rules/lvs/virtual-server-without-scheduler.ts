import type { FileRule } from '../types.js';
import { defaultSettingFix, vsLabel } from './util.js';
import { reachesChecks } from './families.js';
import { lvsFacts } from './server-facts.js';

export const virtualServerWithoutScheduler: FileRule = {
  kind: 'file',
  code: 'KA508',
  name: 'virtual-server-without-scheduler',
  family: 'lvs',
  severity: 'warning',
  description: "A virtual_server has no lb_algo (lvs_sched); keepalived uses 'wlc' and reports it.",
  docs: {
    why:
      "Without `lb_algo` keepalived picks weighted least-connection ('wlc') and `keepalived -t` reports the missing scheduler, " +
      'so a config check in CI fails. Say which scheduler you want; the quick fix writes the one keepalived uses today.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    lb_algo wlc\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}',
  },
  check(ctx) {
    for (const f of lvsFacts(ctx.analysis).servers) {
      const vs = f.vs;
      // An invalid value is reported at its line by the schema check; the fallback is reported here.
      const state = f.schedulerState;
      if (state === 'set' || !reachesChecks(f)) continue;
      const what = state === 'missing' ? "has no 'lb_algo'" : "has no valid 'lb_algo' (keepalived ignored it)";
      ctx.report({
        message: `'${vsLabel(vs)}' ${what}; keepalived uses 'wlc' (keepalived: "no scheduler set, setting default 'wlc'")`,
        file: vs.node.file,
        range: vs.node.range,
        fix: defaultSettingFix(ctx.analysis, vs, state, 'lb_algo', 'wlc'),
      });
    }
  },
};
