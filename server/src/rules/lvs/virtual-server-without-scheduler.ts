import type { FileRule } from '../types.js';
import { defaultSettingFix, quoteDefaultMessage, vsLabel } from './util.js';
import { misspeltNote } from '../fixes.js';
import { reachesChecks } from './families.js';
import { lvsFacts } from './server-facts.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** fdd729b3 (1.3.6) gave a virtual_server without a scheduler 'wlc'; 1.3.5 passes an empty name to IPVS. */
const WLC_DEFAULT_SINCE: Version = [1, 3, 6];

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
      'so a config check in CI fails. Say which scheduler you want; the quick fix writes the one keepalived uses today. ' +
      'Releases before 1.3.6 (1.3.5 on CentOS 7) pass an empty scheduler name, and the kernel refuses the service.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    lb_algo wlc\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      const vs = f.vs;
      // An invalid value is reported at its line by the schema check; the fallback is reported here.
      const state = f.schedulerState;
      if (state === 'set' || !reachesChecks(f)) continue;
      // A bare `lb_algo` makes keepalived exit at that line (KA203): it never gets to choose a scheduler (mistakes61).
      if (vs.node.children.some((c) => (c.keyword === 'lb_algo' || c.keyword === 'lvs_sched') && c.argCount === 0)) continue;
      const what = state === 'missing' ? `has no 'lb_algo'${misspeltNote(ctx.analysis, vs.node, 'lb_algo')}` : "has no valid 'lb_algo' (keepalived ignored it)";
      // keepalived 1.3.5's dump shows "lb_algo = " (empty); the kernel finds no scheduler module 'ip_vs_' for it.
      const before = compareVersions(ctx.target, WLC_DEFAULT_SINCE) < 0;
      ctx.report({
        message: before
          ? `'${vsLabel(vs)}' ${what}; keepalived ${ctx.target.join('.')} hands IPVS an empty scheduler name, and the kernel refuses to add such a service (the 'wlc' default came in 1.3.6)`
          : `'${vsLabel(vs)}' ${what}; keepalived uses 'wlc' ${quoteDefaultMessage(ctx.target, "no scheduler set, setting default 'wlc'")}`,
        file: vs.node.file,
        range: vs.node.range,
        ...(before ? { severity: 'error' as const } : {}),
        fix: defaultSettingFix(ctx.analysis, vs, state, 'lb_algo', 'wlc'),
      });
    }
  },
};
