// KA544: an IPv4 virtual_server_group range or prefix whose end differs from its start outside the last octet
// (`10.0.0.0/23`, `10.0.0.10-10.0.1.11`): keepalived's checker never gets to its end.

import type { AstNode } from '../../core/analysis/ast.js';
import { utf8Length } from '../../core/analysis/values.js';
import type { FileRule } from '../types.js';
import { topLevelBlocks } from '../vrrp/util.js';
import { lvsFacts } from './server-facts.js';
import { entrySpan, vsgReading } from './vsg-entries.js';

/**
 * Whether keepalived's checker loops for ever on this IPv4 span (lo..hi as 32-bit numbers): ipvs_group_range_cmd
 * (check/ipvswrapper.c, v2.0.19 to v2.4.3) adds a service for each address, stepping it with `+= htonl(1)` on the
 * network-order value and stopping only when it equals the end. On a little-endian host (x86, arm64) that adds 1 to the
 * last octet with no carry, so an end outside the start's /24 is never reached.
 */
export function rangeNeverEnds(lo: number, hi: number): boolean {
  return lo >>> 8 !== hi >>> 8;
}

/**
 * Whether global_defs sets `nftables_ipvs` (keepalived ignores a table name of 256 bytes or more). A group without
 * fwmark entries then becomes one nftables set element per entry, start to end, and one fwmark service
 * (ipvswrapper.c, set_vs_fwmark, 2.2.2 to 2.4.3); with nftables range support in the build (NFT_RANGE_CONCATS, as in
 * Debian's 2.2.7) nothing steps through the addresses, so whether it loops depends on the build: not reported.
 */
function nftablesIpvs(ast: AstNode): boolean {
  for (const gd of topLevelBlocks(ast, 'global_defs')) {
    for (const c of gd.children) if (c.keyword === 'nftables_ipvs' && (c.argCount === 0 || utf8Length(c.argText(0) ?? '') < 256)) return true;
  }
  return false;
}

export const virtualServerGroupRangeNeverEnds: FileRule = {
  kind: 'file',
  code: 'KA544',
  name: 'virtual-server-group-range-never-ends',
  family: 'lvs',
  severity: 'error',
  description: "An IPv4 virtual_server_group prefix or range that spans more than the last octet: keepalived's checker steps only the last octet and never reaches the end, so it loops at start.",
  docs: {
    why:
      'keepalived gives IPVS one service per address of a group range, stepping the address by one from the start until it ' +
      'equals the end (ipvswrapper.c, 2.0.19 to 2.4.3). It adds that one to the address as stored in network byte order, ' +
      'which on a little-endian host such as x86 or arm64 is the last octet, with no carry: after 10.0.0.255 comes 10.0.0.0 ' +
      'again. A prefix shorter than /24 (`10.0.0.0/23`, from 2.2.2) or a range whose end differs from its start before the ' +
      'last octet (`10.0.0.10-10.0.1.11`, from 2.2.2) therefore never ends: the checker process keeps adding the same ' +
      "services of the start's /24 and never sets up the virtual servers after it or runs a health check. Split the range " +
      'into one entry per /24 (or use a fwmark). With `nftables_ipvs` set in global_defs and no fwmark entry in the group, ' +
      'keepalived puts each entry into an nftables set as one range instead, and a build with nftables range support ' +
      "(Debian's, for one) never steps through it: kalint does not report the group then.",
    bad: 'virtual_server_group WEB {\n    10.0.0.0/23 80\n}\nvirtual_server group WEB {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}\n',
    good: 'virtual_server_group WEB {\n    10.0.0.0/24 80\n    10.0.1.0/24 80\n}\nvirtual_server group WEB {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}\n',
  },
  check(ctx) {
    const reading = vsgReading(ctx.target);
    // Only where a virtual_server uses the group does keepalived add its services.
    const seen = new Set<unknown>();
    const nft = nftablesIpvs(ctx.analysis.ast);
    for (const f of lvsFacts(ctx.analysis).servers) {
      const g = f.group;
      if (!g || f.drop || seen.has(g)) continue;
      seen.add(g);
      if (nft && g.fwmarkEntries.length === 0) continue;
      for (const words of g.addressEntries) {
        const sp = entrySpan(words, reading);
        if (!sp || sp.family !== 4 || !rangeNeverEnds(sp.lo, sp.hi)) continue;
        const w = words[0]!;
        ctx.report({
          message: `virtual_server_group '${g.group.name}': '${w.text}' spans more than the last octet, and keepalived's checker steps only the last octet (with no carry, on little-endian hosts such as x86 and arm64), so it never reaches the end: it loops at start adding the services of the start's /24 again and again, and sets up no later virtual server and runs no health check; write one entry per /24`,
          file: w.file,
          range: w.range,
        });
      }
    }
  },
};
