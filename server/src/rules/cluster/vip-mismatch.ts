// KA412: the VIP lists of one virtual router differ between nodes.

import { child } from '../../core/analysis/ast.js';
import type { ClusterRule } from '../types.js';
import { shownAddress } from '../../core/analysis/values.js';
import { at, clusterModel, instanceAt, quoteList, rel, vipKey, vipSet, type Member, majorityFirst, masterRank } from '../../cluster/model.js';
import { compareVersions } from '../../core/schema/schema.js';
import { keptVirtualAddresses, wordsRange } from '../vrrp/util.js';
import type { Address } from '../../core/model/model.js';
import { REPEATS_CHECKED_SINCE } from '../vrrp/repeated-instance-address.js';

/**
 * How many addresses the member's adverts carry (the receiver compares it with its own count): every VIP line
 * keepalived keeps, a repeat too, before 2.3.3; from 2.3.3 a repeated address is ignored.
 */
function advertCount(m: Member): number {
  return compareVersions(m.node.analysis.target, REPEATS_CHECKED_SINCE) >= 0 ? vipSet(m.instance).length : keptVirtualAddresses(m.instance).length;
}

/** The VIP lines of the member that repeat an earlier one, as its adverts carry them. */
function repeatedVips(m: Member): Address[] {
  const seen = new Set<string>();
  const repeats: Address[] = [];
  for (const a of keptVirtualAddresses(m.instance)) {
    const key = vipKey(a.text);
    if (seen.has(key)) repeats.push(a);
    seen.add(key);
  }
  return repeats;
}

function vipAt(m: Member) {
  const block = child(m.instance.node, 'virtual_ipaddress');
  return block ? at(block) : instanceAt(m);
}

export const vipMismatch: ClusterRule = {
  kind: 'cluster',
  code: 'KA412',
  name: 'cluster-vip-mismatch',
  family: 'cluster',
  severity: 'error',
  description: 'The nodes of one VRRP instance list different virtual IP addresses.',
  docs: {
    why: 'Adverts carry the VIP list, and keepalived discards adverts whose list differs from its own ("ip address associated with VRID not present in MASTER advert", or an unexpected address count). The BACKUP then takes over while the MASTER is alive (split brain). skip_check_adv_addr does not prevent it: keepalived skips the check only for adverts from the MASTER it already accepted one from, and checks the first advert of every new MASTER, which it then discards.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n        10.0.0.11\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n        10.0.0.11\n    }\n}\n' },
  },
  check(ctx) {
    const reportedRepeats = new Set<Address>();
    for (const g of clusterModel(ctx.nodes).groups) {
      const [ref, ...rest] = majorityFirst(g.members, (m) => vipSet(m.instance).join(','), masterRank);
      const refSet = vipSet(ref!.instance);
      let refKeys: Set<string> | undefined;
      for (const m of rest) {
        const set = vipSet(m.instance);
        // Both lists are sorted and without repeats: equal lists, nothing to say (the usual case), unless the adverts
        // carry another count: a VIP listed twice is sent twice before 2.3.3 ("unexpected ip number count 2, expected 1").
        if (set.length === refSet.length && set.every((a, i) => a === refSet[i])) {
          const count = advertCount(m);
          const refCount = advertCount(ref!);
          if (count === refCount) continue;
          const [more, fewer] = count > refCount ? [m, ref!] : [ref!, m];
          const repeats = repeatedVips(more);
          const names = quoteList([...new Set(repeats.map((a) => shownAddress(vipKey(a.text))))]);
          const first = repeats[0];
          const repeatAt = first ? { file: first.words[0]!.file, range: wordsRange(first.words) } : vipAt(more);
          const message = `${g.name}: ${names} ${repeats.length === 1 ? 'is' : 'are'} listed more than once on ${more.node.label}, and keepalived ${more.node.analysis.target.join('.')} keeps every line: its adverts carry ${Math.max(count, refCount)} addresses where ${fewer.node.label} expects ${Math.min(count, refCount)}, so each node discards the other's adverts and both become MASTER (keepalived: "received an unexpected ip number count"); list each address once (2.3.3 and later ignore the repeat)`;
          // Said at the repeated line, where the fix is: once, however many nodes list the address once.
          if (first && reportedRepeats.has(first)) continue;
          if (first) reportedRepeats.add(first);
          ctx.report({ ...repeatAt, message, related: [rel(vipAt(fewer), `VIPs on ${fewer.node.label}`)] });
          continue;
        }
        const inRef = (refKeys ??= new Set(refSet));
        const keys = new Set(set);
        const missing = refSet.filter((a) => !keys.has(a));
        const extra = set.filter((a) => !inRef.has(a));
        if (!missing.length && !extra.length) continue;
        const parts: string[] = [];
        if (missing.length) parts.push(`missing ${quoteList(missing.map(shownAddress))}`);
        if (extra.length) parts.push(`has ${quoteList(extra.map(shownAddress))} in addition`);
        ctx.report({
          ...vipAt(m),
          message: `${g.name}: the VIPs on ${m.node.label} differ from ${ref!.node.label}'s (${set.length !== refSet.length ? `${set.length} address${set.length === 1 ? '' : 'es'} vs ${refSet.length}; ` : ''}${parts.join('; ')}); keepalived discards adverts whose address list differs, so both nodes become MASTER (skip_check_adv_addr does not help: it only skips the check for a MASTER whose advert was already accepted)`,
          related: [rel(vipAt(ref!), `VIPs on ${ref!.node.label}: ${quoteList(refSet.map(shownAddress))}`)],
        });
      }
    }
  },
};
