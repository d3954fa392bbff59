import type { FileRule } from '../types.js';
import { vsLabel } from './util.js';
import { lvsFacts } from './server-facts.js';

export const virtualServerWithoutRealServer: FileRule = {
  kind: 'file',
  code: 'KA503',
  name: 'virtual-server-without-real-server',
  family: 'lvs',
  severity: 'error',
  description: 'A virtual_server has no real_server; keepalived drops the whole virtual server.',
  docs: {
    why:
      'A virtual server without any real_server block has nothing to balance to. keepalived removes it entirely ("has no real ' +
      'servers - ignoring") and `keepalived -t` fails, so the VIP:port is not configured in IPVS at all.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    lb_algo rr\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    lb_algo rr\n    real_server 10.0.1.1 80 {\n        TCP_CHECK {\n        }\n    }\n}',
  },
  check(ctx) {
    for (const { vs, familyKept, drop } of lvsFacts(ctx.analysis).servers) {
      // A group virtual server keepalived already dropped while linking it to its group (KA515, KA532) never
      // reaches the real-server check: keepalived -t stays silent, even without any real_server.
      if (familyKept.length || drop) continue;
      ctx.report({
        message: vs.realServers.length
          ? `'${vsLabel(vs)}' has no real_server of its own address family left (the others are skipped); keepalived drops this virtual server (keepalived: "has no real servers - ignoring")`
          : `'${vsLabel(vs)}' has no real_server; keepalived drops this virtual server (keepalived: "has no real servers - ignoring")`,
        file: vs.node.file,
        range: vs.node.range,
      });
    }
  },
};
