import type { FileRule } from '../types.js';
import { deleteLine, fix, isFwmarkService, related, vsLabel } from './util.js';
import { reachesChecks } from './families.js';
import { lvsFacts } from './server-facts.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** The warning for a protocol on a fwmark service came with 1.3.7; before it keepalived passes the protocol on silently. */
const FWMARK_PROTOCOL_REPORTED_SINCE: Version = [1, 3, 7];

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
        message: `'${vsLabel(vs)}' is a firewall-mark service; its 'protocol ${vs.protocol.node.argText(0)}' (line ${vs.protocol.node.range.start.line + 1}) is ignored ${compareVersions(ctx.target, FWMARK_PROTOCOL_REPORTED_SINCE) >= 0 ? '(keepalived: "protocol specified for fwmark - protocol will be ignored")' : `(keepalived ${ctx.target.join('.')} passes it to IPVS without a word, and IPVS matches the service by its mark alone; 1.3.7 and later warn about it)`}`,
        file: vs.node.file,
        range: vs.node.range,
        related: [related(vs.protocol.node, 'ignored protocol')],
        fix: fix("Remove the 'protocol' line", [deleteLine(ctx.analysis, vs.protocol.node)]),
      });
    }
  },
};
