import type { FileRule } from '../types.js';
import { blockEnd } from './util.js';
import { lvsFacts } from './server-facts.js';
import type { VsgEntry } from './vsg-entries.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** 5ef57352 (1.3.7) removes a group without entries; 1.3.5 keeps it, and it gives IPVS no service. */
export const REMOVED_SINCE: Version = [1, 3, 7];

export const virtualServerGroupEmpty: FileRule = {
  kind: 'file',
  code: 'KA526',
  name: 'virtual-server-group-empty',
  family: 'lvs',
  severity: 'error',
  description: 'A virtual_server_group has no usable entry, or mixes IPv4, IPv6 and family-less fwmarks; keepalived removes it.',
  docs: {
    why:
      'keepalived removes a virtual_server_group that ends up without any valid entry, and one that holds IPv4 and IPv6 ' +
      'entries together with a fwmark that has no family (the fwmark could then belong to either). `keepalived -t` fails, and ' +
      'every `virtual_server group NAME` using it is dropped.',
    bad: 'virtual_server_group WEB {\n    10.0.0.1 80\n    2001:db8::1 80\n    fwmark 5\n}',
    good: 'virtual_server_group WEB {\n    10.0.0.1 80\n    2001:db8::1 80\n    fwmark 5 inet\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).groups; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      const g = f.group;
      if (!f.removed) continue;
      const valid = f.addressEntries.length + f.fwmarkEntries.length > 0;
      const message = !valid
        ? compareVersions(ctx.target, REMOVED_SINCE) < 0
          ? `virtual_server_group '${g.name}' has no ${g.entries.length ? 'valid ' : ''}entries; keepalived ${ctx.target.join('.')} keeps it, and the virtual servers using it add no service to IPVS (1.3.7 and later remove it)`
          : `virtual_server_group '${g.name}' has no ${g.entries.length ? 'valid ' : ''}entries; keepalived removes it (keepalived: "has no entries - removing")${daemonKeeps(f.readings)}`
        : `virtual_server_group '${g.name}' mixes IPv4 and IPv6 entries with a fwmark that has no family; keepalived removes it — add 'inet' or 'inet6' to the fwmark`;
      ctx.report({ message, ...blockEnd(g.node) });
    }
  },
};

/** When the running daemon reads some entries -t skips (KA525: `10.0.0.1-10x`, `10.0.0.2 81x`), it keeps the group. */
function daemonKeeps(readings: readonly (VsgEntry | undefined)[]): string {
  const n = readings.filter((e) => e && !e.ok && 'daemon' in e && e.daemon).length;
  return n ? `; that is keepalived -t: the running daemon reads ${n === 1 ? 'one entry' : `${n} entries`} -t skips (see KA525) and keeps the group` : '';
}
