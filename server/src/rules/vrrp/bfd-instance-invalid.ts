// KA356: what keepalived checks at the end of a bfd_instance with a neighbor (keepalived 2.2.7
// bfd_parser.c, bfd_end_handler): source and neighbor of one family, no second session to the same
// neighbor, max_hops not above the TTL. It reports them at the closing brace.

import { child, type AstNode } from '../../core/analysis/ast.js';
import { canonicalAddress, parseInteger, sockaddrAddress } from '../../core/analysis/values.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { closeRange } from './util.js';

/**
 * 2.0.0 to 2.0.18 look for a duplicate neighbor as they read each neighbor_ip line, among every instance kept so far,
 * this one included, whatever the source addresses: a second instance for a neighbor, or the same neighbor written
 * twice in one instance, drops that instance there ("has duplicate neighbor address …, ignoring instance", the 2.0.10
 * build). 18d841fe (2.0.19) moved the check to the end of the block and let source addresses tell sessions apart.
 */
const CHECKED_AT_LINE: [Version, Version] = [
  [2, 0, 0],
  [2, 0, 19],
];

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
      'IPv6 unless ttl says otherwise, is lowered to it; max_hops -1 counts as 255 there (keepalived keeps it in one byte), so it is ' +
      'lowered too unless the TTL is 255. Each is reported as a configuration error, and `keepalived -t` exits 5 on each (checked ' +
      'with 2.2.4, 2.2.7, 2.2.8, 2.3.3 and 2.4.3), so a deploy gated on it stops there: that is why a lowered max_hops is an error ' +
      'here too, although the session then runs. Releases 2.0.0 to ' +
      '2.0.18 (Debian 10 ships 2.0.10) look for the duplicate at the neighbor_ip line instead, ignore source addresses, ' +
      'and count the instance itself: the same neighbor_ip written twice in one instance drops it.',
    bad: 'bfd_instance upstream {\n    neighbor_ip 192.0.2.1\n}\nbfd_instance upstream_fast {\n    neighbor_ip 192.0.2.1\n    min_rx 50\n}\n',
    good: 'bfd_instance upstream {\n    neighbor_ip 192.0.2.1\n}\nbfd_instance upstream_fast {\n    neighbor_ip 192.0.2.2\n    min_rx 50\n}\n',
  },
  check({ analysis, report, target }) {
    const kept: { name: string; neighbor: string; source?: string; node: AstNode }[] = [];
    const atLine = compareVersions(target, CHECKED_AT_LINE[0]) >= 0 && compareVersions(target, CHECKED_AT_LINE[1]) < 0;
    for (const { node: n, name, readBy } of analysis.model.bfdInstances) {
      // keepalived's BFD process skips a block named like an instance it keeps (KA209 reports it); the name of
      // one it dropped is free again.
      if (!readBy.bfd || kept.some((k) => k.name === name)) continue;
      if (atLine && droppedAtNeighborLine(n, name, kept, report)) continue;
      // The last neighbor line of either spelling sets the neighbor.
      const nbrLine = lastOf(n, 'neighbor_ip', 'neighbour_ip');
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
      const earlier = atLine ? undefined : kept.find((k) => k.neighbor === neighbor && (!k.source || !source || k.source === source));
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
      // keepalived keeps max_hops in one byte: -1 ("any number of hops") is 255 there, above any TTL but 255.
      const hops = maxHops && maxHops.value < 0 ? 255 : maxHops?.value;
      if (maxHops && hops! > ttl) {
        report({
          message: `bfd_instance '${name}': max_hops ${maxHops.value}${maxHops.value < 0 ? ' (which keepalived keeps as 255)' : ''} is above the ${nbr.family === 6 ? 'hop limit' : 'TTL'} ${ttl}; keepalived uses ${ttl} (keepalived: "max_hops exceeds ttl/hoplimit")`,
          ...at,
          related: [{ file: maxHops.line.file, range: maxHops.line.range, message: 'max_hops' }],
        });
      }
    }
  },
};

function lastOf(n: AstNode, a: string, b: string): AstNode | undefined {
  for (let i = n.children.length - 1; i >= 0; i--) {
    const k = n.children[i]!.keyword;
    if (k === a || k === b) return n.children[i];
  }
  return undefined;
}

/**
 * The reading of 2.0.0 to 2.0.18 (CHECKED_AT_LINE): each neighbor line with an address is compared with the instances
 * kept and with this instance's neighbor so far; a match drops the instance at that line. Returns whether it did.
 */
function droppedAtNeighborLine(n: AstNode, name: string, kept: { name: string; neighbor: string; node: AstNode }[], report: Parameters<FileRule['check']>[0]['report']): boolean {
  let own: { neighbor: string; line: AstNode } | undefined;
  for (const line of n.children) {
    if (line.keyword !== 'neighbor_ip' && line.keyword !== 'neighbour_ip') continue;
    const nbr = sockaddrAddress(line.argText(0) ?? '');
    if (!nbr) continue;
    const neighbor = canonicalAddress(nbr.address);
    const earlier = own?.neighbor === neighbor ? { name, node: own.line, self: true } : kept.find((k) => k.neighbor === neighbor);
    if (earlier) {
      const word = line.keyword === 'neighbour_ip' ? 'neighbour' : 'neighbor';
      const which = 'self' in earlier ? `its own ${word}_ip line already names ${nbr.address}` : `bfd_instance '${earlier.name}' already has ${word} ${nbr.address}`;
      report({
        message: 'self' in earlier
          ? `bfd_instance '${name}': ${which}; keepalived 2.0.0 to 2.0.18 find the instance itself among those with that ${word} and ignore it here (keepalived: "has duplicate ${word} address ${line.argText(0)}, ignoring instance"; fixed in 2.0.19)`
          : `bfd_instance '${name}': ${which}; keepalived 2.0.0 to 2.0.18 ignore this instance here, whatever its source address (keepalived: "has duplicate ${word} address ${line.argText(0)}, ignoring instance"; from 2.0.19 only another instance with the same ${word} and source is one)`,
        file: line.file,
        range: line.range,
        related: ['self' in earlier ? { file: earlier.node.file, range: earlier.node.range, message: `the first ${word}_ip` } : { ...closeRange(earlier.node), message: `bfd_instance '${earlier.name}'` }],
      });
      return true;
    }
    own = { neighbor, line };
  }
  return false;
}
