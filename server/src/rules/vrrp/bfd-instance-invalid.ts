// KA356: what keepalived checks at the end of a bfd_instance with a neighbor (keepalived 2.2.7
// bfd_parser.c, bfd_end_handler): source and neighbor of one family, no second session to the same
// neighbor, max_hops not above the TTL. It reports them at the closing brace.

import { child, type AstNode } from '../../core/analysis/ast.js';
import { canonicalAddress, parseInteger, sockaddrAddress } from '../../core/analysis/values.js';
import type { FileRule } from '../types.js';
import { closeRange } from './util.js';

/** keepalived's default TTL (IPv4) and hop limit (IPv6) for BFD control packets. */
const DEFAULT_TTL = { 4: 255, 6: 64 } as const;

/** The value of the last line among `keywords` that keepalived accepts, with its line. */
function lastValid<T>(n: AstNode, keywords: string[], read: (text: string) => T | undefined): { value: T; line: AstNode } | undefined {
  for (let i = n.children.length - 1; i >= 0; i--) {
    const c = n.children[i]!;
    if (!keywords.includes(c.keyword)) continue;
    const text = c.argText(0);
    const value = text === undefined ? undefined : read(text);
    if (value !== undefined) return { value, line: c };
  }
  return undefined;
}

function inRange(lo: number, hi: number): (text: string) => number | undefined {
  return (text) => {
    const v = parseInteger(text);
    return v !== undefined && v >= lo && v <= hi ? v : undefined;
  };
}

export const bfdInstanceInvalid: FileRule = {
  kind: 'file',
  code: 'KA356',
  name: 'bfd-instance-invalid',
  family: 'vrrp',
  severity: 'error',
  description: 'A bfd_instance keepalived drops (source and neighbor of different families, a neighbor another instance already has) or whose max_hops it lowers to the TTL.',
  docs: {
    why:
      'keepalived runs one BFD session per neighbor address (per source address, when every instance for that neighbor names one). ' +
      'At the end of a bfd_instance it disables the instance when source_ip and neighbor_ip are of different address families, ' +
      'and ignores it when an earlier instance already has the same neighbor (and source): track_bfd and BFD_CHECK entries ' +
      'naming it then track nothing. A max_hops above the TTL (hop limit) the session sends with, 255 for IPv4 and 64 for ' +
      'IPv6 unless ttl says otherwise, is lowered to it. Each is reported as a configuration error.',
    bad: 'bfd_instance upstream {\n    neighbor_ip 192.0.2.1\n}\nbfd_instance upstream_fast {\n    neighbor_ip 192.0.2.1\n    min_rx 50\n}\n',
    good: 'bfd_instance upstream {\n    neighbor_ip 192.0.2.1\n}\nbfd_instance upstream_fast {\n    neighbor_ip 192.0.2.2\n    min_rx 50\n}\n',
  },
  check({ analysis, report }) {
    const kept: { name: string; neighbor: string; source?: string; node: AstNode }[] = [];
    for (const { node: n, name } of analysis.model.bfdInstances) {
      // keepalived skips a block named like an instance it keeps (KA209 reports it); the name of
      // one it dropped is free again.
      if (kept.some((k) => k.name === name)) continue;
      const nbrLine = child(n, 'neighbor_ip') ?? child(n, 'neighbour_ip');
      const nbr = sockaddrAddress(nbrLine?.argText(0) ?? '');
      // Without a usable neighbor the instance is gone already (KA347, KA205).
      if (!nbrLine || !nbr) continue;
      const src = lastValid(n, ['source_ip'], sockaddrAddress);
      const at = closeRange(n);
      if (src && src.value.family !== nbr.family) {
        report({
          message: `bfd_instance '${name}': source_ip ${src.line.argText(0)} and neighbor_ip ${nbrLine.argText(0)} are not of the same family; keepalived disables the instance (keepalived: "are not of the same family")`,
          ...at,
          related: [{ file: src.line.file, range: src.line.range, message: 'the source address' }],
        });
        continue;
      }
      const neighbor = canonicalAddress(nbr.address);
      const source = src ? canonicalAddress(src.value.address) : undefined;
      const earlier = kept.find((k) => k.neighbor === neighbor && (!k.source || !source || k.source === source));
      if (earlier) {
        report({
          message: `bfd_instance '${name}': bfd_instance '${earlier.name}' already has neighbor ${nbr.address}${earlier.source && source ? ` from ${src!.value.address}` : ''}; keepalived ignores this instance (keepalived: "duplicate … address")`,
          ...at,
          related: [{ ...closeRange(earlier.node), message: `bfd_instance '${earlier.name}'` }],
        });
        continue;
      }
      kept.push({ name, neighbor, source, node: n });
      const maxHops = lastValid(n, ['max_hops'], inRange(-1, 255));
      const ttl = lastValid(n, ['ttl', 'hoplimit'], inRange(1, 255))?.value ?? DEFAULT_TTL[nbr.family];
      if (maxHops && maxHops.value > ttl) {
        report({
          message: `bfd_instance '${name}': max_hops ${maxHops.value} is above the ${nbr.family === 6 ? 'hop limit' : 'TTL'} ${ttl}; keepalived uses ${ttl} (keepalived: "max_hops exceeds ttl/hoplimit")`,
          ...at,
          related: [{ file: maxHops.line.file, range: maxHops.line.range, message: 'max_hops' }],
        });
      }
    }
  },
};
