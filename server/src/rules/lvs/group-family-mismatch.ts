import type { FileRule } from '../types.js';
import { familyName } from './families.js';
import { lvsFacts } from './server-facts.js';
import { related, vsLabel } from './util.js';
import { virtualServerDropCrash } from './checker-connection-address.js';

export const groupFamilyMismatch: FileRule = {
  kind: 'file',
  code: 'KA532',
  name: 'group-family-mismatch',
  family: 'lvs',
  // keepalived -t accepts the file silently (it drops the service at run time): a warning.
  severity: 'warning',
  description: "A 'virtual_server group' whose group addresses are of another family (IPv4/IPv6) than its real servers; keepalived silently drops the virtual server.",
  docs: {
    why:
      'A group virtual server gets its address family from its real servers (or sorry server, ip_family or persistence_granularity). When the ' +
      'virtual_server_group holds addresses of the other family — or both families while the servers fix one — keepalived ' +
      'drops the whole virtual server when it links it to the group, and only writes that to the system log: ' +
      '`keepalived -t` says nothing about it and none of the other checks of that virtual server run.',
    bad: 'virtual_server_group WEB {\n    10.0.0.1 80\n}\nvirtual_server group WEB {\n    protocol TCP\n    real_server 2001:db8::10 80 {\n    }\n}',
    good: 'virtual_server_group WEB {\n    2001:db8::1 80\n}\nvirtual_server group WEB {\n    protocol TCP\n    real_server 2001:db8::10 80 {\n    }\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      const vs = f.vs;
      const drop = f.drop;
      if (!drop || (drop.reason !== 'family' && drop.reason !== 'mixed-group')) continue;
      const { family, familySource: source } = f;
      const g = drop.groupFamilies!;
      const groupText = g.v4 && g.v6 ? 'both IPv4 and IPv6 entries' : `${g.v4 ? 'IPv4' : 'IPv6'} entries`;
      const nameWord = vs.node.args[1] ?? vs.node.word!;
      const crash = virtualServerDropCrash(vs, ctx.target);
      ctx.report({
        ...(crash ? { severity: 'error' as const } : {}),
        message: `'${vsLabel(vs)}' is ${familyName(family!)} (from line ${(source ?? vs.node).range.start.line + 1}) but group '${vs.group}' has ${groupText}; keepalived drops this virtual server and only logs it ("${drop.reason === 'mixed-group' ? "virtual server group with IPv4 & IPv6 doesn't match virtual server" : "address family doesn't match virtual server"}") — keepalived -t stays silent${crash}`,
        file: nameWord.file,
        range: nameWord.range,
        related: source ? [related(source, `${familyName(family!)} from here`)] : undefined,
      });
    }
  },
};
