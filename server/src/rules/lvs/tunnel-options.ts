import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import type { AstNode, Word } from '../../core/analysis/ast.js';
import { lvsFacts } from './server-facts.js';

const CSUM = new Set(['nocsum', 'csum', 'remcsum']);

/** keepalived's reading of the words after NAT|DR|TUN; the first problem, as keepalived reports it. */
export function tunnelProblem(args: Word[]): { message: string; gist: string } | undefined {
  const w = args.map((a) => a.text);
  let type = 'ipip';
  let port = 0;
  let csum = 'nocsum';
  for (let i = 1; i < w.length; i++) {
    const o = w[i]!;
    if (o === 'type') {
      const t = w[i + 1];
      if (t === undefined) return { message: "'type' needs a tunnel type (ipip, gue or gre)", gist: 'Missing tunnel type' };
      if (t !== 'ipip' && t !== 'gue' && t !== 'gre') return { message: `unknown tunnel type '${t}' (ipip, gue or gre)`, gist: `Unknown tunnel type ${t}` };
      type = t;
      i++;
    } else if (o === 'port') {
      const p = w[i + 1];
      if (p === undefined) return { message: "'port' needs the gue tunnel port", gist: 'Missing port for … gue tunnel' };
      if (!/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 65535) return { message: `invalid gue tunnel port '${p}'`, gist: `Invalid gue tunnel port ${p}` };
      port = Number(p);
      i++;
    } else if (CSUM.has(o)) csum = o;
    else return { message: `'${o}' is not a tunnel option (type, port, nocsum, csum, remcsum)`, gist: `Invalid tunnel option ${o}` };
  }
  if ((type === 'gue') !== (port !== 0))
    return { message: type === 'gue' ? "a gue tunnel needs 'port N'" : `only gue tunnels take a port (this one is ${type})`, gist: 'gue tunnels require port, otherwise cannot have port.' };
  if (type === 'ipip' && csum !== 'nocsum') return { message: `ipip tunnels do not support '${csum}'`, gist: 'ipip tunnels do not support checksum option.' };
  if (type === 'gre' && csum === 'remcsum') return { message: "gre tunnels do not support 'remcsum'", gist: 'gre tunnels do not support remote checksum option.' };
  return undefined;
}

/**
 * Tunnel options came with the GUE tunnel type (commit 19cc2570, 2.0.18): before it the method
 * handlers read NAT|DR|TUN and nothing after it, so 2.0.7 to 2.0.16 -t say nothing about
 * 'lvs_method NAT →Masp' (2.0.19 reports "Invalid tunnel option →Masp").
 */
const TUNNEL_OPTIONS_SINCE: Version = [2, 0, 18];

export const tunnelOptions: FileRule = {
  kind: 'file',
  code: 'KA528',
  name: 'tunnel-options',
  family: 'lvs',
  severity: 'error',
  description: 'The tunnel options after lb_kind / lvs_method (type, port, csum…) are inconsistent; keepalived ignores them.',
  docs: {
    why:
      'With TUN forwarding, `type ipip|gue|gre`, `port N` and `nocsum|csum|remcsum` choose the encapsulation. keepalived ' +
      'checks them together: gue needs a port and only gue takes one, ipip has no checksum option, gre no remote checksum. ' +
      'On any mistake keepalived keeps TUN but drops all the tunnel options (plain ipip), and `keepalived -t` fails. ' +
      'Releases before 2.0.18 read no tunnel options and ignore any word after the method.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    lb_kind TUN type gue\n    real_server 10.0.1.1 80 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    lb_kind TUN type gue port 6080\n    real_server 10.0.1.1 80 {\n    }\n}',
  },
  check(ctx) {
    if (compareVersions(ctx.target, TUNNEL_OPTIONS_SINCE) < 0) return;
    // The method lines (lb_kind, lvs_method, sorry_server_lvs_method) with words after NAT|DR|TUN,
    // collected in reading order by the one pass over the virtual servers.
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      if (!f.methodLinesWithOptions) continue;
      for (const n of f.methodLinesWithOptions) {
        const args = n.args;
        const p = tunnelProblem(args);
        if (!p) continue;
        ctx.report({ message: `'${n.keyword} ${args.map((a) => a.text).join(' ')}': ${p.message}; keepalived ignores the tunnel options (keepalived: "${p.gist}")`, file: n.file, range: n.range });
      }
    }
  },
};
