// KA317: an instance may belong to one sync group only; keepalived drops it from the later ones.

import type { Word } from '../../core/analysis/ast.js';
import type { FileRule } from '../types.js';
import { instancesByName } from './util.js';
import { configErrorsCounted } from '../../core/schema/schema.js';

export const instanceInTwoSyncGroups: FileRule = {
  kind: 'file',
  code: 'KA317',
  name: 'instance-in-two-sync-groups',
  family: 'vrrp',
  severity: 'error',
  description: 'A vrrp_instance is listed in more than one vrrp_sync_group (or twice in one); keepalived keeps only the first listing.',
  docs: {
    why: 'An instance can follow only one sync group. keepalived removes it from every later group ("cannot exist in more than one sync group"), so the later group no longer moves that instance with its other members — and may be left with one member or none.',
    bad: 'vrrp_instance VI_EXT {\n    interface eth0\n    virtual_router_id 11\n    virtual_ipaddress {\n        192.168.1.11/24\n    }\n}\nvrrp_instance VI_INT {\n    interface eth0\n    virtual_router_id 12\n    virtual_ipaddress {\n        192.168.1.12/24\n    }\n}\nvrrp_instance VI_DB {\n    interface eth0\n    virtual_router_id 13\n    virtual_ipaddress {\n        192.168.1.13/24\n    }\n}\nvrrp_sync_group VG_WEB {\n    group {\n        VI_EXT\n        VI_INT\n    }\n}\nvrrp_sync_group VG_DB {\n    group {\n        VI_INT\n        VI_DB\n    }\n}\n',
    good: 'vrrp_instance VI_EXT {\n    interface eth0\n    virtual_router_id 11\n    virtual_ipaddress {\n        192.168.1.11/24\n    }\n}\nvrrp_instance VI_INT {\n    interface eth0\n    virtual_router_id 12\n    virtual_ipaddress {\n        192.168.1.12/24\n    }\n}\nvrrp_instance VI_DB {\n    interface eth0\n    virtual_router_id 13\n    virtual_ipaddress {\n        192.168.1.13/24\n    }\n}\nvrrp_sync_group VG_ALL {\n    group {\n        VI_EXT\n        VI_INT\n        VI_DB\n    }\n}\n',
  },
  check({ analysis, target, report }) {
    if (!analysis.model.syncGroups.length) return;
    const known = instancesByName(analysis.model);
    const owner = new Map<string, { group: string; word: Word }>();
    const seenGroups = new Set<string>();
    for (const g of analysis.model.syncGroups) {
      if (seenGroups.has(g.name)) continue;
      // A group without members is removed (from 2.2.8 at its end, freeing the name: the walker then keeps a later one).
      if (g.members.length) seenGroups.add(g.name);
      for (const m of g.members) {
        if (!known.has(m.text)) continue;
        const prev = owner.get(m.text);
        if (!prev) {
          owner.set(m.text, { group: g.name, word: m });
          continue;
        }
        report({
          message:
            prev.group === g.name
              ? `vrrp_instance '${m.text}' is listed twice in sync group '${g.name}'; keepalived ignores the repeat and ${configErrorsCounted(target) ? 'reports it as a configuration error' : 'logs it'}`
              : `vrrp_instance '${m.text}' is already in sync group '${prev.group}'; keepalived ignores it in '${g.name}'`,
          file: m.file,
          range: m.range,
          related: [{ file: prev.word.file, range: prev.word.range, message: prev.group === g.name ? 'first listed here' : `member of '${prev.group}'` }],
        });
      }
    }
  },
};
