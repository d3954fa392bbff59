import type { FileRule } from '../types.js';
import { defaultSettingFix, isAddressService, vsLabel } from './util.js';
import { reachesChecks } from './families.js';
import { lvsFacts } from './server-facts.js';

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
      'datagrams and no TCP connection reaches the real servers.',
    bad: 'virtual_server 10.0.0.1 80 {\n    lb_algo rr\n    real_server 10.0.1.1 80 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    lb_algo rr\n    real_server 10.0.1.1 80 {\n    }\n}',
  },
  check(ctx) {
    for (const f of lvsFacts(ctx.analysis).servers) {
      const vs = f.vs;
      const state = f.protocolState;
      if (state === 'set' || !reachesChecks(f)) continue;
      if (!isAddressService(f)) continue;
      const what = state === 'missing' ? "has no 'protocol'" : "has no valid 'protocol' (keepalived ignored it)";
      ctx.report({
        message: `'${vsLabel(vs)}' ${what}; keepalived makes it a UDP service (keepalived: "no protocol set - defaulting to UDP")`,
        file: vs.node.file,
        range: vs.node.range,
        // TCP rather than keepalived's UDP: a service without a protocol is nearly always a TCP one.
        fix: defaultSettingFix(ctx.analysis, vs, state, 'protocol', 'TCP'),
      });
    }
  },
};
