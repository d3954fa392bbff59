import type { FileRule } from '../types.js';
import type { AstNode } from '../../core/analysis/ast.js';
import { ipFamily, type Family } from '../../core/analysis/values.js';
import { blockEnd, related, vsLabel } from './util.js';

const FAMILY_WORDS: Record<string, Family> = { inet: 4, inet6: 6 };
const name = (f: Family) => (f === 4 ? 'IPv4' : 'IPv6');

/** The forwarding method a real server has when its block ends: its own, else the VS's written before it. */
function methodAtEnd(vsNode: AstNode, server: AstNode): string | undefined {
  const own = server.children.filter((c) => c.keyword === 'lvs_method').pop()?.args[0]?.text;
  if (own) return own;
  const kids = vsNode.children;
  const before = kids.slice(0, kids.indexOf(server)).filter((c) => c.keyword === 'lb_kind' || c.keyword === 'lvs_method').pop();
  return before?.args[0]?.text;
}

export const addressFamilyMismatch: FileRule = {
  kind: 'file',
  code: 'KA527',
  name: 'server-address-family-mismatch',
  family: 'lvs',
  severity: 'error',
  description: 'A real server, sorry server or ip_family has a different address family (IPv4/IPv6) than its virtual server; keepalived skips it.',
  docs: {
    why:
      'Except with tunnelling (TUN), IPVS forwards to real servers of the same address family as the virtual server. ' +
      'keepalived skips a real or sorry server of the other family, and an `ip_family` that contradicts the address; ' +
      '`keepalived -t` reports each. The virtual server then has fewer real servers than written — possibly none.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 2001:db8::1 80 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}',
  },
  check(ctx) {
    for (const vs of ctx.analysis.model.virtualServers) {
      // The family keepalived has settled on so far, and what settled it.
      let family: Family | undefined = vs.kind === 'address' && vs.address ? ipFamily(vs.address) : undefined;
      let source: AstNode | undefined = family ? vs.node : undefined;
      for (const c of vs.node.children) {
        if (c.keyword === 'ip_family') {
          const f = FAMILY_WORDS[c.args[0]?.text ?? ''];
          if (!f) continue;
          if (family && family !== f) {
            ctx.report({ message: `'ip_family ${c.args[0]!.text}' contradicts the ${name(family)} address of '${vsLabel(vs)}'; keepalived ignores it (keepalived: "Virtual server specified family … conflicts with server family")`, file: c.file, range: c.range });
          } else if (!family) {
            family = f;
            source = c;
          }
          continue;
        }
        if (c.keyword !== 'real_server') continue;
        const f = ipFamily(c.args[0]?.text ?? '');
        if (!f || methodAtEnd(vs.node, c) === 'TUN') continue;
        if (!family) {
          family = f;
          source = c;
          continue;
        }
        if (f === family) continue;
        ctx.report({
          message: `real_server ${c.args[0]!.text} is ${name(f)}, but '${vsLabel(vs)}' is ${name(family)}; keepalived skips this real server (keepalived: "Address family of virtual server and real server … don't match")`,
          file: c.file,
          range: blockEnd(c),
          related: source ? [related(source, `${name(family)} from here`)] : undefined,
        });
      }
      // The sorry server is checked when the virtual_server block ends.
      const sorry = vs.sorryServer;
      const sf = sorry ? ipFamily(sorry.address) : undefined;
      if (sorry && sf && family && sf !== family) {
        const method = [...vs.node.children].reverse().find((c) => c.keyword === 'sorry_server_lvs_method')?.args[0]?.text ?? vs.lbKind?.value;
        if (method === 'TUN') continue;
        ctx.report({
          message: `sorry_server ${sorry.address} is ${name(sf)}, but '${vsLabel(vs)}' is ${name(family)}; keepalived drops the sorry server (keepalived: "Address family of virtual server and sorry server … don't match")`,
          file: vs.node.file,
          range: blockEnd(vs.node),
          related: [related(sorry.node, 'sorry server')],
        });
      }
    }
  },
};
