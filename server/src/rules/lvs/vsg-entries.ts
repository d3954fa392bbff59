// How keepalived reads one virtual_server_group entry (`ADDR [PORT]`, `ADDR/MASK`, `ADDR-END`,
// `fwmark N [inet|inet6]`), shared by KA525 (bad entries) and KA526 (groups left empty), and what
// that makes of a whole group (read once per group: every virtual_server using it asks).

import type { Word } from '../../core/analysis/ast.js';
import { canonicalAddress, ipFamily, ipv4ToNumber, parseInteger, type Family } from '../../core/analysis/values.js';
import type { VirtualServerGroup } from '../../core/model/model.js';

export type VsgEntry =
  | { ok: true; kind: 'fwmark'; family?: Family }
  | { ok: true; kind: 'address'; family: Family }
  | { ok: false; message: string; at: Word };

function groupsOf6(addr: string): number[] {
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

export function readVsgEntry(words: Word[]): VsgEntry {
  const w0 = words[0]!;
  if (w0.text === 'fwmark') {
    const mark = words[1] ? parseInteger(words[1].text) : undefined;
    if (mark === undefined || mark < 0 || mark > 4294967295) return { ok: false, message: `fwmark '${words[1]?.text ?? ''}' must be a number in [0, 4294967295]`, at: words[1] ?? w0 };
    const fam = words[2]?.text;
    if (fam === undefined) return { ok: true, kind: 'fwmark' };
    if (fam === 'inet') return { ok: true, kind: 'fwmark', family: 4 };
    if (fam === 'inet6') return { ok: true, kind: 'fwmark', family: 6 };
    return { ok: false, message: `fwmark family '${fam}' is unknown (inet or inet6)`, at: words[2]! };
  }
  const text = w0.text;
  const port = words[1]?.text;
  const slash = text.indexOf('/');
  const dash = text.indexOf('-');
  const base = text.slice(0, slash >= 0 ? slash : dash >= 0 ? dash : undefined);
  const family = ipFamily(base);
  if (port !== undefined && (!/^\d+$/.test(port) || Number(port) > 65535)) {
    // A keyword line pasted into the group ('lbs_sched rr'): the first word is what is wrong.
    if (!family) return { ok: false, message: `'${text} ${port}' is not an address and a port`, at: w0 };
    return { ok: false, message: `'${port}' is not a port`, at: words[1]! };
  }
  if (!family) return { ok: false, message: `'${base}' is not an IP address`, at: w0 };
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
    const re = family === 4 ? /^\d+$/ : /^[0-9a-fA-F]+$/;
    const last = re.test(end) ? parseInt(end, family === 4 ? 10 : 16) : NaN;
    if (!(last <= (family === 4 ? 255 : 0xffff))) return { ok: false, message: `range end '${end}' in '${text}' is not a valid last ${family === 4 ? 'octet' : 'group'}`, at: w0 };
    const start = family === 4 ? ipv4ToNumber(base) % 256 : groupsOf6(base)[7]!;
    if (start >= last) return { ok: false, message: `range '${text}' does not end after it starts (keepalived: "Address range end is not greater than address range start")`, at: w0 };
    return { ok: true, kind: 'address', family };
  }
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
export function readGroup(group: VirtualServerGroup): GroupInfo {
  const readings: (VsgEntry | undefined)[] = [];
  const addressEntries: Word[][] = [];
  const fwmarkEntries: Word[][] = [];
  let v4 = false;
  let v6 = false;
  let bareMark = false;
  for (const words of group.entries) {
    const e = words.length ? readVsgEntry(words) : undefined;
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
  return { group, readings, addressEntries, fwmarkEntries, v4, v6, removed: usable === 0 || (v4 && v6 && bareMark) };
}
