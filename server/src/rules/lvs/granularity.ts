import type { AstNode } from '../../core/analysis/ast.js';
// How keepalived reads a persistence_granularity value (check_parser.c pgr_handler): shared by KA533, which
// reports the values it refuses, and the virtual server facts, where an accepted one fixes the family.
import type { Family } from '../../core/analysis/values.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** One part of an inet_aton address: decimal, octal (leading 0) or hex (0x, at least one digit). */
function atonPart(text: string): number | undefined {
  if (/^[1-9]\d*$/.test(text)) return Number(text);
  if (/^0[0-7]*$/.test(text)) return parseInt(text, 8);
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  return undefined;
}

/**
 * Whether glibc reads `text` as a numeric IPv4 address (getaddrinfo with AI_NUMERICHOST, which
 * takes the inet_aton forms: a, a.b, a.b.c and a.b.c.d; the last part fills the remaining bytes).
 */
export function isInetAton(text: string): boolean {
  const parts = text.split('.');
  if (parts.length > 4) return false;
  const values = parts.map(atonPart);
  if (values.some((v) => v === undefined)) return false;
  const last = values[values.length - 1]!;
  if (values.slice(0, -1).some((v) => v! > 0xff)) return false;
  return last < 2 ** (8 * (5 - parts.length));
}

/** The 32-bit value of an inet_aton address (isInetAton holds). */
export function inetAtonValue(text: string): number {
  const values = text.split('.').map((p) => atonPart(p)!);
  let value = 0;
  for (let i = 0; i < values.length - 1; i++) value = value * 256 + values[i]!;
  return value * 2 ** (8 * (4 - values.length + 1)) + values[values.length - 1]!;
}

/** Whether a netmask is ones then zeros (0.0.0.0 included), as keepalived 1.3.7 to 2.0.19 require. */
export function isSolidMask(value: number): boolean {
  const inverted = ~value >>> 0;
  return (inverted & (inverted + 1)) === 0;
}

/**
 * keepalived 1.3.7 (0df1efb5) to 2.0.19 refuse an IPv4 granularity that is not a solid netmask ("netmask is not
 * solid"; for a value inet_aton reads, only from 1.4.3: see IPV4_GRANULARITY_INVERTED_BEFORE); 2.0.20 (912e390e) dropped the check, since neither ipvsadm nor the kernel needs one (the 2.0.19 build
 * reports `persistence_granularity 1.2.3.4`, 2.2.7 reads it).
 */
export const SOLID_MASK_CHECKED: [Version, Version] = [[1, 3, 7], [2, 0, 20]];

/**
 * Before 1.4.3 (1479ce13) keepalived tests inet_aton's result the wrong way round: an IPv4 value it reads is
 * reported and ignored ("Invalid IPv4 persistence_granularity specified - 255.255.255.0" from 1.3.7, "Invalid
 * persistence_timeout specified - 255.255.255.0" before; the 1.3.9 and 1.3.5 builds), and one it cannot read
 * goes on with an address it never set (the 1.3.5 build dumps `<NETMASK>` as 61.86.0.0; 1.3.9 found it "not
 * solid"). Before 1.3.7 the IPv4 path is taken for any service address that is not IPv6 (a fwmark's `64` too);
 * from 1.3.7 a value with a '.' is IPv4 while the family is open.
 */
export const IPV4_GRANULARITY_INVERTED_BEFORE: Version = [1, 4, 3];
export const GRANULARITY_FAMILY_GUESSED_SINCE: Version = [1, 3, 7];

/** keepalived's read_unsigned in 1..128 (blanks, optional '+', decimal digits). */
export function isPrefixLength(text: string): boolean {
  if (!/^[ \t\n\v\f\r]*\+?\d+$/.test(text)) return false;
  const v = Number(text.trim());
  return v >= 1 && v <= 128;
}

/**
 * The family a persistence_granularity value gives a virtual server whose family is not set yet (`family`
 * undefined): keepalived takes a value with a '.' as IPv4, any other as IPv6, and sets the family only when
 * it accepts the value. undefined when it refuses it (KA533) or the family was set before.
 */
export function granularityFamily(text: string | undefined, family: Family | undefined, target: Version): Family | undefined {
  if (family !== undefined || text === undefined) return undefined;
  const f: Family = text.includes('.') ? 4 : 6;
  // Before 1.3.7 the value sets no family; before 1.4.3 no IPv4 value is accepted (see above).
  if (compareVersions(target, GRANULARITY_FAMILY_GUESSED_SINCE) < 0) return undefined;
  if (f === 6) return isPrefixLength(text) ? 6 : undefined;
  if (compareVersions(target, IPV4_GRANULARITY_INVERTED_BEFORE) < 0) return undefined;
  if (!isInetAton(text)) return undefined;
  const solidChecked = compareVersions(target, SOLID_MASK_CHECKED[0]) >= 0 && compareVersions(target, SOLID_MASK_CHECKED[1]) < 0;
  return solidChecked && !isSolidMask(inetAtonValue(text)) ? undefined : 4;
}

/**
 * Whether keepalived `target` accepts a persistence_granularity value on a service of family `family` (undefined: not
 * set yet), and with it turns persistence on for 360 s when no persistence_timeout came before (pgr_handler, every
 * release). Before 1.4.3 an IPv4 value is accepted only when inet_aton cannot read it (the inverted test above).
 */
export function granularityAccepted(text: string | undefined, family: Family | undefined, target: Version): boolean {
  if (text === undefined) return false;
  const f: Family = family ?? (compareVersions(target, GRANULARITY_FAMILY_GUESSED_SINCE) < 0 || text.includes('.') ? 4 : 6);
  if (f === 6) return isPrefixLength(text);
  if (compareVersions(target, IPV4_GRANULARITY_INVERTED_BEFORE) < 0) return !isInetAton(text);
  if (!isInetAton(text)) return false;
  const solidChecked = compareVersions(target, SOLID_MASK_CHECKED[0]) >= 0 && compareVersions(target, SOLID_MASK_CHECKED[1]) < 0;
  return !(solidChecked && !isSolidMask(inetAtonValue(text)));
}

/** Whether a virtual server is made persistent by a persistence_granularity line keepalived accepts. */
export function persistentByGranularity(f: { hasPersistenceGranularity: boolean; granularityFamilyAt: Map<AstNode, Family | undefined> | undefined; vs: { node: AstNode } }, target: Version): boolean {
  if (!f.hasPersistenceGranularity) return false;
  for (const c of f.vs.node.children) {
    if (c.keyword === 'persistence_granularity' && granularityAccepted(c.argText(0), f.granularityFamilyAt?.get(c), target)) return true;
  }
  return false;
}
