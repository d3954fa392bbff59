import type { FileRule } from '../types.js';
import { blockEnd, related, vsLabel } from './util.js';
import { familyName as name } from './families.js';
import { lvsFacts, TUNNEL_FAMILY_FREE_SINCE } from './server-facts.js';
import { compareVersions } from '../../core/schema/schema.js';

export const addressFamilyMismatch: FileRule = {
  kind: 'file',
  code: 'KA527',
  name: 'server-address-family-mismatch',
  family: 'lvs',
  severity: 'error',
  description: 'A real server, sorry server or ip_family has a different address family (IPv4/IPv6) than its virtual server; keepalived skips it.',
  docs: {
    why:
      'Except with tunnelling (TUN, from keepalived 1.4.0), IPVS forwards to real servers of the same address family as the virtual server. ' +
      'keepalived skips a real or sorry server of the other family, and an `ip_family` that contradicts the address; ' +
      '`keepalived -t` reports each. The virtual server then has fewer real servers than written — possibly none. ' +
      'A `fwmark` or group virtual server takes its family from the first of `ip_family`, an accepted `persistence_granularity` ' +
      '(a netmask is IPv4, a prefix length IPv6) or a real server, in the order they are written.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 2001:db8::1 80 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const { vs, familyFindings } = factList[factIndex]!;
      for (const f of familyFindings) {
        if (f.kind === 'ip_family') {
          ctx.report({ message: `'ip_family ${f.node.args[0]!.text}' contradicts the ${name(f.expected)} address of '${vsLabel(vs)}'; keepalived ignores it (keepalived: "Virtual server specified family … conflicts with server family")`, file: f.node.file, range: f.node.range });
        } else if (f.kind === 'real_server') {
          ctx.report({
            message: `real_server ${f.node.args[0]!.text} is ${name(f.family)}, but '${vsLabel(vs)}' is ${name(f.expected)}; ${
              compareVersions(ctx.target, TUNNEL_FAMILY_FREE_SINCE) < 0
                ? `keepalived ${ctx.target.join('.')} skips this real server at its first line but reads the lines of its block into the real server before it, or, when there is none, its checker process crashes (segmentation fault)`
                : 'keepalived skips this real server'
            } (keepalived: "Address family of virtual server and real server … don't match")`,
            ...blockEnd(f.node),
            related: f.source ? [related(f.source, `${name(f.expected)} from here`)] : undefined,
          });
        } else {
          ctx.report({
            message: `sorry_server ${f.node.args[0]?.text ?? ''} is ${name(f.family)}, but '${vsLabel(vs)}' is ${name(f.expected)}; keepalived drops the sorry server (keepalived: "Address family of virtual server and sorry server … don't match")`,
            ...blockEnd(vs.node),
            related: [related(f.node, 'sorry server')],
          });
        }
      }
    }
  },
};
