import type { FileRule } from '../types.js';
import type { Word } from '../../core/analysis/ast.js';
import { canonicalAddress } from '../../core/analysis/values.js';
import type { VirtualServer } from '../../core/model/model.js';
import { effectiveProtocol, groupAddressEntries, groupFwmarkEntries, related, vsLabel } from './util.js';
import { lvsFacts, type ServerFacts } from './server-facts.js';

/** A service a group entry creates: where it is written and how it reads in a message. */
interface EntryService {
  vs: VirtualServer;
  /** Where it is written. */
  at: { file: string; range: Word['range'] };
  /** How the service reads in a message. */
  text: string;
}

/**
 * The first block seen with a service: the virtual server itself for the service its own line
 * creates (most of them: no object per server), else the group entry.
 */
type FirstService = VirtualServer | EntryService;

const serverOf = (s: FirstService): VirtualServer => ('at' in s ? s.vs : s);
const whereOf = (s: FirstService): { file: string; range: Word['range'] } => ('at' in s ? s.at : s.node);

/** The key of the service a virtual_server line itself creates (its group for `group NAME`), or undefined. */
function ownKey(f: ServerFacts): string | undefined {
  const vs = f.vs;
  if (vs.kind === 'address') return vs.address && vs.port !== undefined ? `addr|${canonicalAddress(vs.address)}|${vs.port}|${effectiveProtocol(f)}` : undefined;
  if (vs.kind === 'fwmark') return vs.fwmark !== undefined ? `fwmark|${vs.fwmark}|${f.firstIpFamily}` : undefined;
  return vs.group ? `group|${vs.group}` : undefined;
}

/** How that service reads in a message (made only for a report). */
function ownText(f: ServerFacts): string {
  const vs = f.vs;
  if (vs.kind === 'address') return `${vs.address} port ${vs.port} ${effectiveProtocol(f)}`;
  if (vs.kind === 'fwmark') return `fwmark ${vs.fwmark}`;
  return `group ${vs.group}`;
}

/** The IPVS services the entries of a `virtual_server group NAME`'s group create, as comparable keys. */
function entryKeys(f: ServerFacts): { key: string; service: EntryService }[] {
  const vs = f.vs;
  const proto = effectiveProtocol(f);
  const family = f.firstIpFamily;
  const keys: { key: string; service: EntryService }[] = [];
  for (const e of groupAddressEntries(f)) {
    // Single addresses only: ranges and prefixes would need overlap arithmetic.
    const a = e[0]!.text;
    if (a.includes('/') || a.includes('-')) continue;
    const port = e[1] && /^\d+$/.test(e[1].text) ? Number(e[1].text) : 0;
    keys.push({ key: `addr|${canonicalAddress(a)}|${port}|${proto}`, service: { vs, text: `${a} port ${port} ${proto} (group ${vs.group})`, at: e[0]! } });
  }
  for (const e of groupFwmarkEntries(f)) {
    if (e[1]) keys.push({ key: `fwmark|${e[1].text}|${e[2]?.text ?? family}`, service: { vs, text: `fwmark ${e[1].text} (group ${vs.group})`, at: e[1] } });
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
    const seen = new Map<string, FirstService>();
    // A service seen before: one finding per pair of blocks is enough; a group entry repeated
    // inside its own group is not this rule's business. Returns the blocks `vs` was reported against.
    const repeated = (vs: VirtualServer, reported: Set<VirtualServer> | undefined, first: FirstService, text: () => string, at: { file: string; range: Word['range'] }) => {
      const firstVs = serverOf(first);
      if (firstVs === vs || reported?.has(firstVs)) return reported;
      (reported ??= new Set()).add(firstVs);
      const firstAt = whereOf(first);
      ctx.report({
        message: `'${vsLabel(vs)}' defines the service ${text()} again (first at line ${firstAt.range.start.line + 1}, '${vsLabel(firstVs)}'); keepalived does not detect this and both blocks manage one IPVS service`,
        file: vs.node.file,
        range: vs.node.range,
        related: [related(firstAt, 'first defined here'), ...(at !== vs.node ? [related(at, 'the repeated entry')] : [])],
      });
      return reported;
    };
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      const vs = f.vs;
      let reported: Set<VirtualServer> | undefined;
      const own = ownKey(f);
      if (own !== undefined) {
        const first = seen.get(own);
        if (first === undefined) seen.set(own, vs);
        else reported = repeated(vs, reported, first, () => ownText(f), vs.node);
      }
      if (vs.kind !== 'group' || !vs.group) continue;
      for (const { key, service } of entryKeys(f)) {
        const first = seen.get(key);
        if (first === undefined) seen.set(key, service);
        else reported = repeated(vs, reported, first, () => service.text, service.at);
      }
    }
  },
};
