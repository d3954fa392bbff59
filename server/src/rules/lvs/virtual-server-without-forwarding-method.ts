import type { FileRule } from '../types.js';
import { defaultSettingFix, quoteDefaultMessage, vsLabel } from './util.js';
import { misspeltNote } from '../fixes.js';
import { keptRealServers, reachesChecks } from './families.js';
import { lvsFacts } from './server-facts.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** keepalived reports the NAT default from 1.3.6 (fdd729b3); 1.3.5 uses it without a word. */
const DEFAULT_REPORTED_SINCE: Version = [1, 3, 6];

export const virtualServerWithoutForwardingMethod: FileRule = {
  kind: 'file',
  code: 'KA509',
  name: 'virtual-server-without-forwarding-method',
  family: 'lvs',
  severity: 'warning',
  description: "A virtual_server has no lb_kind (lvs_method) and some real server sets none either; keepalived uses NAT and reports it.",
  docs: {
    why:
      'The forwarding method (NAT, DR or TUN) decides how packets reach the real servers and what the real servers must be ' +
      'configured for (a default route through the director for NAT, the VIP on a loopback for DR). keepalived falls back to ' +
      'NAT and `keepalived -t` reports it. Write it down, so nobody has to guess.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    lb_algo rr\n    real_server 10.0.1.1 80 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    lb_kind NAT\n    protocol TCP\n    lb_algo rr\n    real_server 10.0.1.1 80 {\n    }\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      const vs = f.vs;
      const state = f.forwardingState;
      if (state === 'set' || !reachesChecks(f)) continue;
      // keepalived only needs a default for servers that do not set their own method.
      const needs =
        keptRealServers(f).some((r) => !r.forwarding) ||
        (vs.sorryServer !== undefined && !f.sorryOwnForwarding);
      if (!needs) continue;
      ctx.report({
        message: `'${vsLabel(vs)}' ${state === 'missing' ? `has no 'lb_kind'${misspeltNote(ctx.analysis, vs.node, 'lb_kind')}` : "has no valid 'lb_kind' (keepalived ignored it)"}; keepalived forwards with NAT ${compareVersions(ctx.target, DEFAULT_REPORTED_SINCE) >= 0 ? quoteDefaultMessage(ctx.target, 'no forwarding method set, setting default NAT') : `(keepalived ${ctx.target.join('.')} says nothing)`}`,
        file: vs.node.file,
        range: vs.node.range,
        fix: defaultSettingFix(ctx.analysis, vs, state, 'lb_kind', 'NAT'),
      });
    }
  },
};
