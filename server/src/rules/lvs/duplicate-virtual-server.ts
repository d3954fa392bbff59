import type { FileRule } from '../types.js';
import { canonicalAddress } from '../../core/analysis/values.js';
import { effectiveProtocol, related, vsLabel } from './util.js';

export const duplicateVirtualServer: FileRule = {
  kind: 'file',
  code: 'KA501',
  name: 'duplicate-virtual-server',
  family: 'lvs',
  severity: 'error',
  description: 'Two virtual_server blocks define the same service (same address, port and protocol, same fwmark, or same group).',
  docs: {
    why:
      'keepalived does not notice when two virtual_server blocks describe the same IPVS service. Both are loaded; the second one ' +
      'fails to be added to the kernel (the service exists already) or silently fights the first over the real server list, ' +
      'so the service ends up with whichever real servers were written last. Merge the real servers into one block.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}\nvirtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.2 80 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n    real_server 10.0.1.2 80 {\n    }\n}',
  },
  check(ctx) {
    const seen = new Map<string, (typeof ctx.analysis.model.virtualServers)[number]>();
    for (const vs of ctx.analysis.model.virtualServers) {
      let key: string | undefined;
      if (vs.kind === 'address') {
        if (!vs.address || vs.port === undefined) continue;
        // keepalived defaults a missing (or invalid) protocol to UDP.
        const proto = effectiveProtocol(vs);
        key = `addr|${canonicalAddress(vs.address)}|${vs.port}|${proto}`;
      } else if (vs.kind === 'fwmark') {
        if (vs.fwmark === undefined) continue;
        const family = vs.node.children.find((c) => c.keyword === 'ip_family')?.args[0]?.text ?? '';
        key = `fwmark|${vs.fwmark}|${family}`;
      } else {
        if (!vs.group) continue;
        key = `group|${vs.group}`;
      }
      const first = seen.get(key);
      if (!first) {
        seen.set(key, vs);
        continue;
      }
      ctx.report({
        message: `'${vsLabel(vs)}' defines the same service as the block at line ${first.node.range.start.line + 1}; keepalived does not detect this and the two blocks compete for one IPVS service`,
        file: vs.node.file,
        range: vs.node.range,
        related: [related(first.node, 'first defined here')],
      });
    }
  },
};
