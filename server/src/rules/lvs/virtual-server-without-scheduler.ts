import type { FileRule } from '../types.js';
import { child } from '../../core/analysis/ast.js';
import { fix, insertFirstInBlock, vsGroupMissing, vsLabel } from './util.js';

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
    const groups = ctx.analysis.model.virtualServerGroups;
    for (const vs of ctx.analysis.model.virtualServers) {
      // An invalid value is reported by the schema check; only a missing scheduler is ours.
      if (child(vs.node, 'lb_algo') || child(vs.node, 'lvs_sched') || !vs.realServers.length || vsGroupMissing(vs, groups)) continue;
      ctx.report({
        message: `'${vsLabel(vs)}' has no 'lb_algo'; keepalived uses 'wlc' (keepalived: "no scheduler set, setting default 'wlc'")`,
        file: vs.node.file,
        range: vs.node.range,
        fix: fix("Add 'lb_algo wlc'", [insertFirstInBlock(ctx.analysis, vs.node, 'lb_algo wlc')]),
      });
    }
  },
};
