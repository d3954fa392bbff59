import type { FileRule } from '../types.js';
import { defaultSettingFix, quoteDefaultMessage, isAddressService, vsLabel } from './util.js';
import { misspeltNote } from '../fixes.js';
import { reachesChecks } from './families.js';
import { lvsFacts, type ServerFacts } from './server-facts.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** First release that gives a virtual_server without a protocol UDP. */
const UDP_DEFAULT_SINCE: Version = [1, 3, 6];

/** Checkers that talk UDP to the real server. */
const UDP_CHECKERS: ReadonlySet<string> = new Set(['UDP_CHECK', 'DNS_CHECK']);

/** Whether a service shows it is meant as UDP: one-packet scheduling, or a real server checked over UDP. */
function saysUdp(f: ServerFacts): boolean {
  if (f.ops) return true;
  for (const rs of f.vs.realServers) for (const ck of rs.checkers) if (UDP_CHECKERS.has(ck.kind)) return true;
  return false;
}

export const virtualServerWithoutProtocol: FileRule = {
  kind: 'file',
  code: 'KA507',
  name: 'virtual-server-without-protocol',
  family: 'lvs',
  severity: 'error',
  description: 'An address virtual_server has no protocol; keepalived 2.2.7 defaults it to UDP.',
  docs: {
    why:
      'An IPVS service addressed by ip and port is bound to one protocol. Without `protocol`, keepalived 2.2.7 sets UDP (the ' +
      "kernel's default) and `keepalived -t` reports it — a web service written without `protocol TCP` then balances UDP " +
      'datagrams and no TCP connection reaches the real servers (before 2.1.0 keepalived only logs it when it starts, `-t` is silent). Releases before 1.3.6 (1.3.5 on CentOS 7) leave the protocol ' +
      'unset (0), and the kernel refuses to add such a service at all.',
    bad: 'virtual_server 10.0.0.1 80 {\n    lb_algo rr\n    real_server 10.0.1.1 80 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    lb_algo rr\n    real_server 10.0.1.1 80 {\n    }\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      const vs = f.vs;
      const state = f.protocolState;
      if (state === 'set' || !reachesChecks(f)) continue;
      if (!isAddressService(f)) continue;
      const what = state === 'missing' ? `has no 'protocol'${misspeltNote(ctx.analysis, vs.node, 'protocol')}` : "has no valid 'protocol' (keepalived ignored it)";
      // keepalived 1.3.5 leaves the protocol 0 (its dump: "protocol = 0"), which the kernel's IPVS
      // refuses for any service; the UDP default came in 1.3.6.
      const effect = compareVersions(ctx.target, UDP_DEFAULT_SINCE) < 0
        ? `keepalived ${ctx.target.join('.')} leaves its protocol unset (0), and the kernel refuses to add such a service (the UDP default came in 1.3.6)`
        : `keepalived makes it a UDP service ${quoteDefaultMessage(ctx.target, 'no protocol set - defaulting to UDP')}`;
      ctx.report({
        message: `'${vsLabel(vs)}' ${what}; ${effect}`,
        file: vs.node.file,
        range: vs.node.range,
        // TCP rather than keepalived's UDP: a service without a protocol is nearly always a TCP one, unless the block
        // says UDP itself (ops, a UDP_CHECK or DNS_CHECK): 'protocol TCP' would then clear ops (KA521) and change the service.
        // `fwmark 0` (KA205): a protocol would not make a service of it.
        fix: vs.kind === 'fwmark' ? undefined : defaultSettingFix(ctx.analysis, vs, state, 'protocol', saysUdp(f) ? 'UDP' : 'TCP'),
      });
    }
  },
};
