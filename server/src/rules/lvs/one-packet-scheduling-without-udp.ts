import type { FileRule } from '../types.js';
import { deleteLine, effectiveProtocol, fix, isAddressService, related, vsLabel } from './util.js';
import { reachesChecks } from './families.js';
import { lvsFacts } from './server-facts.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** The check that clears ops on a service that is not UDP, and reports it, came with 1.3.6; before it the flag is only left out of the IPVS service. */
const OPS_REPORTED_SINCE: Version = [1, 3, 6];

export const onePacketSchedulingWithoutUdp: FileRule = {
  kind: 'file',
  code: 'KA521',
  name: 'one-packet-scheduling-without-udp',
  family: 'lvs',
  severity: 'warning',
  description: "'ops' (one-packet scheduling) on a TCP or SCTP virtual server; keepalived turns it off.",
  docs: {
    why:
      'One-packet scheduling balances every datagram on its own, which only makes sense for UDP (or firewall-mark services). ' +
      'On a TCP or SCTP service keepalived clears the flag and `keepalived -t` reports it.',
    bad: 'virtual_server 10.0.0.1 53 {\n    protocol TCP\n    ops\n    real_server 10.0.1.1 53 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 53 {\n    protocol UDP\n    ops\n    real_server 10.0.1.1 53 {\n    }\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      const vs = f.vs;
      const ops = f.ops;
      if (!ops || !reachesChecks(f) || !isAddressService(f)) continue;
      // No (valid) protocol means UDP by keepalived's default, which is fine for ops.
      const proto = effectiveProtocol(f);
      if (proto === 'UDP') continue;
      const reported = compareVersions(ctx.target, OPS_REPORTED_SINCE) >= 0;
      ctx.report({
        message: `'ops' (line ${ops.range.start.line + 1}) needs a UDP service, but '${vsLabel(vs)}' is ${proto}; ${reported ? 'keepalived clears it (keepalived: "one packet scheduling requires UDP - resetting")' : `keepalived ${ctx.target.join('.')} leaves it out of the IPVS service without a word (its dump: "inactive due to not UDP"; 1.3.6 and later report it)`}`,
        file: vs.node.file,
        range: vs.node.range,
        related: [related(ops, 'ops set here')],
        fix: fix("Remove 'ops'", [deleteLine(ctx.analysis, ops)]),
      });
    }
  },
};
