import type { FileRule } from '../types.js';
import type { Word } from '../../core/analysis/ast.js';
import { canonicalAddress } from '../../core/analysis/values.js';
import type { VirtualServer } from '../../core/model/model.js';
import { effectiveProtocol, groupAddressEntries, groupFwmarkEntries, related, vsLabel } from './util.js';
import { lvsFacts, type ServerFacts } from './server-facts.js';

interface ServiceKey {
  key: string;
  /** How the service reads in a message. */
  text: string;
  /** Where it is written. */
  at: { file: string; range: Word['range'] };
}

/** The IPVS services a virtual_server creates, as comparable keys (group entries one by one). */
function serviceKeys(f: ServerFacts): ServiceKey[] {
  const vs = f.vs;
  const proto = effectiveProtocol(f);
  const family = f.firstIpFamily;
  if (vs.kind === 'address') {
    if (!vs.address || vs.port === undefined) return [];
    return [{ key: `addr|${canonicalAddress(vs.address)}|${vs.port}|${proto}`, text: `${vs.address} port ${vs.port} ${proto}`, at: vs.node }];
  }
  if (vs.kind === 'fwmark') {
    if (vs.fwmark === undefined) return [];
    return [{ key: `fwmark|${vs.fwmark}|${family}`, text: `fwmark ${vs.fwmark}`, at: vs.node }];
  }
  if (!vs.group) return [];
  const keys: ServiceKey[] = [{ key: `group|${vs.group}`, text: `group ${vs.group}`, at: vs.node }];
  for (const e of groupAddressEntries(f)) {
    // Single addresses only: ranges and prefixes would need overlap arithmetic.
    const a = e[0]!.text;
    if (a.includes('/') || a.includes('-')) continue;
    const port = e[1] && /^\d+$/.test(e[1].text) ? Number(e[1].text) : 0;
    keys.push({ key: `addr|${canonicalAddress(a)}|${port}|${proto}`, text: `${a} port ${port} ${proto} (group ${vs.group})`, at: e[0]! });
  }
  for (const e of groupFwmarkEntries(f)) {
    if (e[1]) keys.push({ key: `fwmark|${e[1].text}|${e[2]?.text ?? family}`, text: `fwmark ${e[1].text} (group ${vs.group})`, at: e[1] });
  }
  return keys;
}

export const duplicateVirtualServer: FileRule = {
  kind: 'file',
  code: 'KA501',
  name: 'duplicate-virtual-server',
  family: 'lvs',
  // keepalived -t accepts the file silently: a warning, though both blocks then fight over one service.
  severity: 'warning',
  description: 'Two virtual_server blocks define the same service (same address, port and protocol, same fwmark, or same group).',
  docs: {
    why:
      'keepalived does not notice when two virtual_server blocks describe the same IPVS service — directly, or through a ' +
      'virtual_server_group entry. Both are loaded, and since keepalived treats "already exists" from the kernel as ' +
      'success they silently share one IPVS service: each adds and removes real servers by its own health checks, and ' +
      'when either block takes the service down (quorum lost, reload) it is gone for both. Merge the real servers into ' +
      'one block.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}\nvirtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.2 80 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n    real_server 10.0.1.2 80 {\n    }\n}',
  },
  check(ctx) {
    const seen = new Map<string, { vs: VirtualServer; key: ServiceKey }>();
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      const vs = f.vs;
      let reported: Set<VirtualServer> | undefined;
      for (const key of serviceKeys(f)) {
        const first = seen.get(key.key);
        if (!first) {
          seen.set(key.key, { vs, key });
          continue;
        }
        // One finding per pair of blocks is enough; a group entry repeated inside its own group is not this rule's business.
        if (first.vs === vs || reported?.has(first.vs)) continue;
        (reported ??= new Set()).add(first.vs);
        ctx.report({
          message: `'${vsLabel(vs)}' defines the service ${key.text} again (first at line ${first.key.at.range.start.line + 1}, '${vsLabel(first.vs)}'); keepalived does not detect this and both blocks manage one IPVS service`,
          file: vs.node.file,
          range: vs.node.range,
          related: [related(first.key.at, 'first defined here'), ...(key.at !== vs.node ? [related(key.at, 'the repeated entry')] : [])],
        });
      }
    }
  },
};
