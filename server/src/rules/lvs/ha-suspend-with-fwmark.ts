import type { FileRule } from '../types.js';
import { deleteLine, fix, groupFwmarkEntries, marksTraffic, related, vsLabel } from './util.js';
import { reachesChecks } from './families.js';
import { lvsFacts } from './server-facts.js';

export const haSuspendWithFwmark: FileRule = {
  kind: 'file',
  code: 'KA522',
  name: 'ha-suspend-with-fwmark',
  family: 'lvs',
  severity: 'warning',
  description: "'ha_suspend' on a firewall-mark virtual server; keepalived clears it.",
  docs: {
    why:
      'ha_suspend pauses the health checks while the virtual address is not on this node, which keepalived can only tell for ' +
      'address services. With a firewall mark there is no address to watch, so keepalived clears the setting and ' +
      '`keepalived -t` reports it.',
    bad: 'virtual_server fwmark 1 {\n    ha_suspend\n    real_server 10.0.1.1 80 {\n    }\n}',
    good: 'virtual_server fwmark 1 {\n    real_server 10.0.1.1 80 {\n    }\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      const vs = f.vs;
      const hs = f.haSuspend;
      if (!hs || !reachesChecks(f)) continue;
      const fwmark = marksTraffic(vs) || (vs.kind === 'group' && groupFwmarkEntries(f).length > 0);
      if (!fwmark) continue;
      ctx.report({
        message: `'ha_suspend' (line ${hs.range.start.line + 1}) cannot work with the firewall marks of '${vsLabel(vs)}'; keepalived clears it (keepalived: "cannot use ha_suspend with fwmarks - clearing ha_suspend")`,
        file: vs.node.file,
        range: vs.node.range,
        related: [related(hs, 'ha_suspend set here')],
        fix: fix("Remove 'ha_suspend'", [deleteLine(ctx.analysis, hs)]),
      });
    }
  },
};
