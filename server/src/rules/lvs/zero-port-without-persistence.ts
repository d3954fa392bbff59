import type { FileRule } from '../types.js';
import { fix, groupShape, insertFirstInBlock, isAddressService, vsLabel, vsUnsigned } from './util.js';
import { droppedBeforeChecks, familyKeptRealServers } from './families.js';

export const zeroPortWithoutPersistence: FileRule = {
  kind: 'file',
  code: 'KA520',
  name: 'zero-port-without-persistence',
  family: 'lvs',
  severity: 'warning',
  description: 'A virtual server on port 0 (all ports) is not persistent; keepalived makes it persistent for 360 s.',
  docs: {
    why:
      'Port 0 makes IPVS balance every port of the address. Without persistence a client\'s connections to different ports ' +
      'could land on different real servers, so keepalived turns persistence on (360 seconds) and `keepalived -t` reports ' +
      'it. Set persistence_timeout yourself so the behaviour is visible in the config.',
    bad: 'virtual_server 10.0.0.1 0 {\n    protocol TCP\n    real_server 10.0.1.1 0 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 0 {\n    persistence_timeout 360\n    protocol TCP\n    real_server 10.0.1.1 0 {\n    }\n}',
  },
  check(ctx) {
    const groups = ctx.analysis.model.virtualServerGroups;
    for (const vs of ctx.analysis.model.virtualServers) {
      if (!familyKeptRealServers(vs).length || droppedBeforeChecks(vs, groups) || !isAddressService(vs, groups)) continue;
      // A bare 'persistence_timeout' means 360 s; an invalid value is ignored.
      const pt = vs.node.children.filter((c) => c.keyword === 'persistence_timeout');
      if (pt.some((c) => !c.args.length) || vsUnsigned(vs, 'persistence_timeout', 1, 2678400)) continue;
      const zero =
        vs.kind === 'address'
          ? vs.port === 0
          : groupShape(vs, groups).addressEntries.some((e) => !e[1] || e[1].text === '0');
      if (!zero) continue;
      ctx.report({
        message: `'${vsLabel(vs)}' serves port 0 (all ports) without persistence_timeout; keepalived sets persistence to 360 s (keepalived: "zero port only valid for persistent services - setting")`,
        file: vs.node.file,
        range: vs.node.range,
        fix: fix("Add 'persistence_timeout 360'", [insertFirstInBlock(ctx.analysis, vs.node, 'persistence_timeout 360')]),
      });
    }
  },
};
