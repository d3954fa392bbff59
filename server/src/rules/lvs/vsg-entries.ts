// How keepalived reads one virtual_server_group entry (`ADDR [PORT]`, `ADDR/MASK`, `ADDR-END`,
// `fwmark N [inet|inet6]`), shared by KA525 (bad entries) and KA526 (groups left empty), and what
// that makes of a whole group (read once per group: every virtual_server using it asks).
//
// Releases read entries differently (check_data.c, alloc_vsg_entry): prefixes and ranges with a full
// end address came in 2.2.2 (commit dd48e5ee; before it the part from '/' is dropped without a word,
// and a range end is one number, so `10.0.0.1-10.0.0.9` has "extra characters at end"), a fwmark's
// family word in 2.1.0 (commit 68356007; before it the word is ignored), and groups of both families
// in 2.1.0 (commit fa1eaf7d; before it an address of another family than the group's first is skipped).

import type { Word } from '../../core/analysis/ast.js';
import { canonicalAddress, daemonLeadingNumber, ipFamily, ipv4ToNumber, readUnsigned, type Family } from '../../core/analysis/values.js';
import type { ArgSpec } from '../../core/schema/schema.js';
import type { VirtualServerGroup } from '../../core/model/model.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** How a release reads entries; decided once per group read. */
export interface VsgReading {
  /** `ADDR/MASK` and `ADDR-ENDADDR` (2.2.2+). */
  prefixes: boolean;
  /** `fwmark N inet|inet6` (2.1.0+). */
  fwmarkFamily: boolean;
  /** IPv4 and IPv6 addresses in one group (2.1.0+). */
  mixedFamilies: boolean;
  /** A range end with extra characters, or too large, is reported and skipped under -t (2.0.7+; before, strtoul's number is taken). */
  checkedRangeEnd: boolean;
  /** The port is read as 1..65535 by read_unsigned (2.0.7+; before, inet_stosockaddr takes atoi's number and never refuses one). */
  portChecked: boolean;
  /** An address entry may leave out its port (2.0.7+, eb08c93a; before, keepalived exits at one without it). */
  portOptional: boolean;
}

const PREFIXES_SINCE: Version = [2, 2, 2];
/** How keepalived reads an entry's port (inet_stosockaddr: 1..65535, errors ignored outside -t). */
const PORT_READ: ArgSpec = { name: 'port', type: 'port' };
const FAMILIES_SINCE: Version = [2, 1, 0];
const CHECKED_RANGE_END_SINCE: Version = [2, 0, 7];
/**
 * A port keepalived's read_unsigned takes: blanks, an optional '+', decimal digits (`+5` is port 5: the 2.2.7 -t
 * accepts `10.0.0.1 +5`, found by fuzzing 2.4.3, seed 478). A port of only zeros is no port and passes too.
 */
const READ_UNSIGNED = /^[ \t\n\v\f\r]*\+?\d+$/;
const ONLY_ZEROS = /^0*$/;

export function vsgReading(target: Version): VsgReading {
  const families = compareVersions(target, FAMILIES_SINCE) >= 0;
  return {
    prefixes: compareVersions(target, PREFIXES_SINCE) >= 0,
    fwmarkFamily: families,
    mixedFamilies: families,
    checkedRangeEnd: compareVersions(target, CHECKED_RANGE_END_SINCE) >= 0,
    portChecked: compareVersions(target, CHECKED_RANGE_END_SINCE) >= 0,
    portOptional: compareVersions(target, CHECKED_RANGE_END_SINCE) >= 0,
  };
}

/** What the latest releases read (the default for callers without a target). */
const CURRENT: VsgReading = { prefixes: true, fwmarkFamily: true, mixedFamilies: true, checkedRangeEnd: true, portChecked: true, portOptional: true };

export type VsgEntry =
  | { ok: true; kind: 'fwmark'; family?: Family }
  | { ok: true; kind: 'address'; family: Family }
  | { ok: false; message: string; at: Word; daemon?: string }
  /** A line whose handler reads a word it does not have: keepalived exits there (KA203 in the walker says so). */
  | { ok: false; stops: true; at: Word };

export function groupsOf6(addr: string): number[] {
  return canonicalAddress(addr).split(':').map((g) => parseInt(g, 16));
}

/** Whether the host bits below `mask` are all zero. */
function hostBitsClear(addr: string, family: Family, mask: number): boolean {
  if (family === 4) {
    if (mask >= 32) return true;
    const n = ipv4ToNumber(addr);
    const hostBits = 2 ** (32 - mask);
    return n % hostBits === 0;
  }
  const groups = groupsOf6(addr);
  for (let i = 0; i < 8; i++) {
    const bitsBefore = i * 16;
    if (bitsBefore + 16 <= mask) continue;
    const keep = Math.max(0, mask - bitsBefore);
    const hostMask = keep === 0 ? 0xffff : 0xffff >> keep;
    if ((groups[i]! & hostMask) !== 0) return false;
  }
  return true;
}

function compare6(a: string, b: string): number {
  const x = groupsOf6(a);
  const y = groupsOf6(b);
  for (let i = 0; i < 8; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

export function readVsgEntry(words: Word[], reading: VsgReading = CURRENT): VsgEntry {
  const w0 = words[0]!;
  if (words.length === 1 && (w0.text === 'fwmark' || !reading.portOptional)) return { ok: false, stops: true, at: w0 };
  if (w0.text === 'fwmark') {
    // read_unsigned: `""` and a blank-only word are fwmark 0, `+5` is 5, any '-' (even `-0`) is refused.
    const mark = readUnsigned(words[1]!.text);
    if (mark === undefined || mark < 0 || mark > 4294967295) return { ok: false, message: `fwmark '${words[1]!.text}' must be a number in [0, 4294967295]`, at: words[1]! };
    const fam = words[2]?.text;
    if (fam === undefined || !reading.fwmarkFamily) return { ok: true, kind: 'fwmark' };
    if (fam === 'inet') return { ok: true, kind: 'fwmark', family: 4 };
    if (fam === 'inet6') return { ok: true, kind: 'fwmark', family: 6 };
    return { ok: false, message: `fwmark family '${fam}' is unknown (inet or inet6)`, at: words[2]! };
  }
  const text = w0.text;
  const port = words[1]?.text;
  const slash = text.indexOf('/');
  const dash = text.indexOf('-');
  // The address ends at the first '-' or '/' (both cut it before 2.2.2 too).
  const cut = [dash, slash].filter((i) => i >= 0);
  const base = text.slice(0, cut.length ? Math.min(...cut) : undefined);
  const family = ipFamily(base);
  if (port !== undefined && reading.portChecked && !ONLY_ZEROS.test(port) && !(READ_UNSIGNED.test(port) && Number(port.trim()) >= 1 && Number(port.trim()) <= 65535)) {
    // A keyword line pasted into the group ('lbs_sched rr'): the first word is what is wrong.
    if (!family) return { ok: false, message: `'${text} ${port}' is not an address and a port`, at: w0 };
    // `81x`: keepalived -t skips the entry, the running daemon uses port 81 (read with errors ignored).
    const used = reading.checkedRangeEnd ? daemonLeadingNumber(PORT_READ, port) : undefined;
    return { ok: false, message: `'${port}' is not a port`, at: words[1]!, daemon: used === undefined ? undefined : `uses port ${used}` };
  }
  if (!family) return { ok: false, message: `'${base}' is not an IP address`, at: w0 };
  if (!reading.prefixes) return readOldRange(text, dash, family, reading, w0);
  if (slash >= 0) {
    const m = text.slice(slash + 1);
    const mask = /^\d+$/.test(m) ? Number(m) : NaN;
    if (!(mask >= 1 && mask <= (family === 4 ? 32 : 128))) return { ok: false, message: `invalid netmask in '${text}' (keepalived: "Invalid netmask")`, at: w0 };
    if (!hostBitsClear(base, family, mask)) return { ok: false, message: `'${text}' has host bits set below the /${mask} mask (keepalived: "Address mask bits not empty")`, at: w0 };
    return { ok: true, kind: 'address', family };
  }
  if (dash >= 0) {
    const end = text.slice(dash + 1);
    const fullEnd = family === 4 ? end.includes('.') : end.includes(':');
    if (fullEnd) {
      const endFamily = ipFamily(end);
      if (!endFamily) return { ok: false, message: `invalid range end in '${text}'`, at: w0 };
      if (endFamily !== family) return { ok: false, message: `the ends of range '${text}' are different address families`, at: w0 };
      const less = family === 4 ? ipv4ToNumber(end) < ipv4ToNumber(base) : compare6(end, base) < 0;
      if (less) return { ok: false, message: `range '${text}' ends before it starts (keepalived: "Address range end is less than address range start")`, at: w0 };
      return { ok: true, kind: 'address', family };
    }
    // inet_stor reads the end with strtoul (base 10 for IPv4, 16 for IPv6): white space, a sign and (IPv6) a 0x
    // before the digits are taken (`-+10`, `"- 30"`, `-0xff`: 2.2.7 and 2.4.3 -t silent), '-' wraps modulo 2^64.
    const read = strtoulEnd(end, family === 4 ? 10 : 16);
    const max = family === 4 ? 255 : 0xffff;
    const last = read.rest === '' && read.value <= max ? read.value : NaN;
    const start = family === 4 ? ipv4ToNumber(base) % 256 : groupsOf6(base)[7]!;
    if (!(last <= max)) {
      // `10.0.0.1-10x`: keepalived -t skips the entry ("has extra characters at end"), the running daemon
      // reads the range to the leading number (inet_stor, errors ignored outside -t).
      const daemon = read.rest !== '' && read.rest !== end && read.value <= max && read.value > start ? `reads the range to ${end.slice(0, end.length - read.rest.length).trim()}` : undefined;
      return { ok: false, message: `range end '${end}' in '${text}' is not a valid last ${family === 4 ? 'octet' : 'group'}`, at: w0, daemon };
    }
    if (start >= last) return { ok: false, message: `range '${text}' does not end after it starts (keepalived: "Address range end is not greater than address range start")`, at: w0 };
    return { ok: true, kind: 'address', family };
  }
  return { ok: true, kind: 'address', family };
}

const STRTOUL_DEC = /^[ \t\n\v\f\r]*([+-]?)(\d+)/;
const STRTOUL_HEX = /^[ \t\n\v\f\r]*([+-]?)(?:0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]+)/;

/**
 * strtoul(end, &rest, base) for base 10 or 16: the value (ULONG_MAX past 64 bits, a '-' negating modulo 2^64;
 * a Number, exact up to 2^53, which is all a range check needs) and the characters it did not read (all of
 * them when it read no digits).
 */
function strtoulEnd(end: string, base: 10 | 16): { value: number; rest: string } {
  const m = (base === 10 ? STRTOUL_DEC : STRTOUL_HEX).exec(end);
  if (!m) return { value: 0, rest: end };
  const wrap = 1n << 64n;
  let v = BigInt(base === 16 ? `0x${m[2]}` : m[2]!);
  if (v >= wrap) v = wrap - 1n;
  else if (m[1] === '-') v = (wrap - v) % wrap;
  return { value: Number(v), rest: end.slice(m[0].length) };
}

/**
 * An address entry as releases before 2.2.2 read it: a '/' and what follows are dropped, and after a
 * '-' the last octet (IPv4, decimal) or group (IPv6, hex) of the range's end is one number.
 */
function readOldRange(text: string, dash: number, family: Family, reading: VsgReading, at: Word): VsgEntry {
  if (dash < 0) return { ok: true, kind: 'address', family };
  const end = text.slice(dash + 1);
  // inet_stor's strtoul, as from 2.2.2: '-1' wraps ("end '-1' too large"), an empty end is 0 ("not greater than").
  const read = strtoulEnd(end, family === 4 ? 10 : 16);
  const extra = read.rest;
  const last = read.value;
  if (reading.checkedRangeEnd) {
    if (extra) return { ok: false, message: `range '${text}': this release reads one number after '-', the end's last ${family === 4 ? 'octet' : 'group'} (a whole end address needs 2.2.2) (keepalived: "has extra characters at end '${extra}'")`, at };
    if (!(last <= (family === 4 ? 255 : 0xffff))) return { ok: false, message: `range end '${end}' in '${text}' is not a valid last ${family === 4 ? 'octet' : 'group'} (keepalived: "end '${end}' too large")`, at };
  }
  const start = family === 4 ? ipv4ToNumber(text.slice(0, dash)) % 256 : groupsOf6(text.slice(0, dash))[7]!;
  if (!(start < last)) return { ok: false, message: `range '${text}' does not end after it starts (keepalived: "Address range end is not greater than address range start")`, at };
  return { ok: true, kind: 'address', family };
}

export interface GroupInfo {
  group: VirtualServerGroup;
  /** How keepalived reads each entry, in order (undefined for an empty line). */
  readings: (VsgEntry | undefined)[];
  /** The entries keepalived uses (empty and invalid ones are skipped, KA525), by kind. */
  addressEntries: Word[][];
  fwmarkEntries: Word[][];
  /** The families of the usable entries. */
  v4: boolean;
  v6: boolean;
  /** keepalived removes the group: no usable entry, or both families with a family-less fwmark (KA526). */
  removed: boolean;
}

/** What keepalived makes of a whole group (server-facts.ts reads each group once per analysis). */
export function readGroup(group: VirtualServerGroup, reading: VsgReading = CURRENT): GroupInfo {
  const readings: (VsgEntry | undefined)[] = [];
  /** Before 2.1.0 the family of the group's first address: an address of the other one is skipped. */
  let groupFamily: Family | undefined;
  const addressEntries: Word[][] = [];
  const fwmarkEntries: Word[][] = [];
  let v4 = false;
  let v6 = false;
  let bareMark = false;
  for (const words of group.entries) {
    let e = words.length ? readVsgEntry(words, reading) : undefined;
    if (e?.ok && e.kind === 'address' && !reading.mixedFamilies) {
      groupFamily ??= e.family;
      if (e.family !== groupFamily) e = { ok: false, message: `an IPv${e.family} address in a group of IPv${groupFamily} addresses (both families in one group need 2.1.0) (keepalived: "Cannot mix IPv4 and IPv6 in virtual server group")`, at: words[0]! };
    }
    readings.push(e);
    if (!e?.ok) continue;
    if (e.kind === 'fwmark') {
      fwmarkEntries.push(words);
      if (e.family === undefined) bareMark = true;
    } else addressEntries.push(words);
    if (e.family === 4) v4 = true;
    else if (e.family === 6) v6 = true;
  }
  const usable = addressEntries.length + fwmarkEntries.length;
  // keepalived exits at a line it lacks a word of (KA203): it never reaches the group's end.
  const stops = readings.some((e) => e && !e.ok && 'stops' in e);
  return { group, readings, addressEntries, fwmarkEntries, v4, v6, removed: !stops && (usable === 0 || (v4 && v6 && bareMark)) };
}

/**
 * The IPVS services one usable address entry of a group makes. keepalived 2.2.7 (ipvswrapper.c,
 * ipvs_group_range_cmd) adds one service per address from the entry's first address to its last, all on the
 * entry's port: an IPv4 range steps its last octet only (`+= htonl(1)`, no carry on little-endian hosts), so one whose
 * end is outside the start's /24 never ends (KA544; the span here is still the addresses as written); an IPv6 one only through the last 16-bit
 * group (the first seven stay the first address's, and the count wraps from ffff to 0), so `2001:db8::/64` is the
 * 65536 addresses 2001:db8::0 to 2001:db8::ffff. A `/MASK` entry runs to the address with every host bit set
 * (check_data.c, alloc_vsg_entry), `ADDR-N` to N in the last octet (decimal) or group (hex).
 */
export interface EntrySpan {
  family: Family;
  /** The entry's port; 0 when it has none (or only zeros). */
  port: number;
  /** IPv6: the first seven groups, canonical (`2001:db8:0:0:0:0:0`). */
  prefix6?: string;
  /** IPv4: the first and last address as numbers; IPv6: the last group of each (hi < lo when the count wraps). */
  lo: number;
  hi: number;
}

/** What `entrySpan` reads of an entry `readVsgEntry` took as a usable address entry (undefined: not one). */
export function entrySpan(words: Word[], reading: VsgReading = CURRENT): EntrySpan | undefined {
  const text = words[0]?.text;
  if (text === undefined || text === 'fwmark') return undefined;
  const slash = text.indexOf('/');
  const dash = text.indexOf('-');
  const cut = [dash, slash].filter((i) => i >= 0);
  const base = text.slice(0, cut.length ? Math.min(...cut) : undefined);
  const family = ipFamily(base);
  if (!family) return undefined;
  const portWord = words[1]?.text;
  let port = 0;
  if (portWord !== undefined && !ONLY_ZEROS.test(portWord)) {
    // Before 2.0.7 the port is atoi's number (never refused), stored in 16 bits.
    const n = parseInt(portWord.trim(), 10);
    port = Number.isNaN(n) ? 0 : ((n % 65536) + 65536) % 65536;
  }
  const groups = family === 6 ? groupsOf6(base) : undefined;
  const lo = groups ? groups[7]! : ipv4ToNumber(base);
  const span: EntrySpan = { family, port, lo, hi: lo };
  if (groups) span.prefix6 = groups.slice(0, 7).map((g) => g.toString(16)).join(':');
  if (reading.prefixes && slash >= 0 && (dash < 0 || slash < dash)) {
    const mask = Number(text.slice(slash + 1));
    if (family === 4) span.hi = mask >= 32 ? lo : lo + 2 ** (32 - mask) - 1;
    else span.hi = mask <= 112 ? 0xffff : lo | (0xffff >> (mask - 112));
    return span;
  }
  if (dash < 0) return span;
  const end = text.slice(dash + 1);
  if (reading.prefixes && (family === 4 ? end.includes('.') : end.includes(':'))) {
    span.hi = family === 4 ? ipv4ToNumber(end) : groupsOf6(end)[7]!;
    return span;
  }
  const last = strtoulEnd(end, family === 4 ? 10 : 16).value;
  span.hi = family === 4 ? lo - (lo % 256) + last : last;
  return span;
}
