import type { FileRule } from '../types.js';
import { lvsFacts } from './server-facts.js';

export const virtualServerGroupInvalidEntry: FileRule = {
  kind: 'file',
  code: 'KA525',
  name: 'virtual-server-group-invalid-entry',
  family: 'lvs',
  severity: 'error',
  description: 'A virtual_server_group entry is not a valid address, prefix, range or fwmark; keepalived skips it.',
  docs: {
    why:
      'Each line of a virtual_server_group is one address (with port), a prefix such as 10.0.0.0/29, a range such as ' +
      '10.0.0.1-10 or 10.0.0.1-10.0.0.20, or `fwmark N [inet|inet6]`. keepalived skips a line it cannot use — a mask of 0 or ' +
      'beyond the address length, an address with bits set below its mask, a range that ends before it starts — and ' +
      '`keepalived -t` fails; the addresses you meant are not balanced. A line missing a word keepalived reads (a bare `fwmark`, ' +
      'or before 2.0.7 an address without its port) is worse: keepalived exits there and does not run (KA203).',
    bad: 'virtual_server_group WEB {\n    10.0.0.3/24 80\n    10.0.0.9-5 80\n}',
    good: 'virtual_server_group WEB {\n    10.0.0.0/24 80\n    10.0.0.5-9 80\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).groups; factIndex < factList.length; factIndex++) {
      const { group: g, readings } = factList[factIndex]!;
      for (const e of readings) {
        if (!e || e.ok || 'stops' in e) continue;
        const effect = e.daemon ? `keepalived -t skips this entry, but the running daemon only logs a warning and ${e.daemon}` : 'keepalived skips this entry';
        ctx.report({ message: `virtual_server_group '${g.name}': ${e.message}; ${effect}`, file: e.at.file, range: e.at.range });
      }
    }
  },
};
