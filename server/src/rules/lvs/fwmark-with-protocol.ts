import type { FileRule } from '../types.js';
import { deleteLine, fix, isFwmarkService, related, vsLabel } from './util.js';
import { reachesChecks } from './families.js';
import { lvsFacts } from './server-facts.js';

export const fwmarkWithProtocol: FileRule = {
  kind: 'file',
  code: 'KA506',
  name: 'fwmark-with-protocol',
  family: 'lvs',
  severity: 'warning',
  description: 'A fwmark virtual_server sets a protocol; keepalived ignores it.',
  docs: {
    why:
      'A firewall-mark service matches packets by their mark, whatever the protocol: the mark set by iptables/nftables decides ' +
      'which traffic is balanced. keepalived ignores `protocol` there and `keepalived -t` reports it. Filter the protocol in ' +
      'the rule that sets the mark instead.',
    bad: 'virtual_server fwmark 1 {\n    protocol TCP\n    lb_algo rr\n    real_server 10.0.1.1 80 {\n    }\n}',
    good: 'virtual_server fwmark 1 {\n    lb_algo rr\n    real_server 10.0.1.1 80 {\n    }\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      const vs = f.vs;
      // An invalid protocol is ignored while reading, so keepalived has nothing to warn about.
      if (!vs.protocol || f.protocolState !== 'set' || !reachesChecks(f)) continue;
      if (!isFwmarkService(f)) continue;
      ctx.report({
        message: `'${vsLabel(vs)}' is a firewall-mark service; its 'protocol ${vs.protocol.node.argText(0)}' (line ${vs.protocol.node.range.start.line + 1}) is ignored (keepalived: "protocol specified for fwmark - protocol will be ignored")`,
        file: vs.node.file,
        range: vs.node.range,
        related: [related(vs.protocol.node, 'ignored protocol')],
        fix: fix("Remove the 'protocol' line", [deleteLine(ctx.analysis, vs.protocol.node)]),
      });
    }
  },
};
