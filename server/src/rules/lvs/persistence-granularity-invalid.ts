import type { FileRule } from '../types.js';
import { ipFamily, type Family } from '../../core/analysis/values.js';
import { vsLabel } from './util.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import { lvsFacts } from './server-facts.js';

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
function inetAtonValue(text: string): number {
  const values = text.split('.').map((p) => atonPart(p)!);
  let value = 0;
  for (let i = 0; i < values.length - 1; i++) value = value * 256 + values[i]!;
  return value * 2 ** (8 * (4 - values.length + 1)) + values[values.length - 1]!;
}

/** Whether a netmask is ones then zeros (0.0.0.0 included), as keepalived 1.3.7 to 2.0.19 require. */
function isSolidMask(value: number): boolean {
  const inverted = ~value >>> 0;
  return (inverted & (inverted + 1)) === 0;
}

/**
 * keepalived 1.3.7 (0df1efb5) to 2.0.19 refuse an IPv4 granularity that is not a solid netmask ("netmask is not
 * solid"); 2.0.20 (912e390e) dropped the check, since neither ipvsadm nor the kernel needs one (the 2.0.19 build
 * reports `persistence_granularity 1.2.3.4`, 2.2.7 reads it).
 */
const SOLID_MASK_CHECKED: [Version, Version] = [[1, 3, 7], [2, 0, 20]];

/** keepalived's read_unsigned in 1..128 (blanks, optional '+', decimal digits). */
function isPrefixLength(text: string): boolean {
  if (!/^\s*\+?\d+$/.test(text)) return false;
  const v = Number(text.trim());
  return v >= 1 && v <= 128;
}

export const persistenceGranularityInvalid: FileRule = {
  kind: 'file',
  code: 'KA533',
  name: 'persistence-granularity-invalid',
  family: 'lvs',
  severity: 'error',
  description: 'persistence_granularity is not a netmask (IPv4 service) or a prefix length 1..128 (IPv6 service); keepalived ignores it.',
  docs: {
    why:
      'persistence_granularity groups clients for persistence: an IPv4 service takes a netmask such as 255.255.255.0, an ' +
      'IPv6 service a prefix length. keepalived reads the value by the service\'s address family (for a fwmark or group ' +
      'service without ip_family: a value with a dot is IPv4, and the first value read fixes the family); a value it ' +
      'cannot read is reported ("Invalid IPv4 persistence_granularity specified") and ignored, so each client address ' +
      'is persistent on its own. Placeholders left from documentation (`<NETMASK>`) are the usual cause.',
    bad: 'virtual_server 10.0.0.1 443 {\n    protocol TCP\n    persistence_timeout 50\n    persistence_granularity <NETMASK>\n    real_server 10.0.1.1 443 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 443 {\n    protocol TCP\n    persistence_timeout 50\n    persistence_granularity 255.255.255.0\n    real_server 10.0.1.1 443 {\n    }\n}',
  },
  check(ctx) {
    const solidChecked = compareVersions(ctx.target, SOLID_MASK_CHECKED[0]) >= 0 && compareVersions(ctx.target, SOLID_MASK_CHECKED[1]) < 0;
    for (let i = 0, servers = lvsFacts(ctx.analysis).servers; i < servers.length; i++) {
      // Only a persistence_granularity line is reported (the shared pass notes whether there is one).
      if (!servers[i]!.hasPersistenceGranularity) continue;
      const vs = servers[i]!.vs;
      // keepalived's vs->af while it reads the block: the service address's family, else set by
      // ip_family or by the first persistence_granularity it reads.
      let family: Family | undefined = vs.kind === 'address' && vs.address !== undefined ? ipFamily(vs.address) : undefined;
      for (let j = 0, cs = vs.node.children; j < cs.length; j++) {
        const c = cs[j]!;
        if (c.keyword === 'ip_family' && family === undefined) {
          const f = c.argText(0);
          if (f === 'inet') family = 4;
          else if (f === 'inet6') family = 6;
          continue;
        }
        if (c.keyword !== 'persistence_granularity') continue;
        const text = c.argText(0);
        if (text === undefined) continue; // a missing value stops keepalived (KA203)
        const f: Family = family ?? (text.includes('.') ? 4 : 6);
        const ok = f === 4 ? isInetAton(text) : isPrefixLength(text);
        if (ok && f === 4 && solidChecked && !isSolidMask(inetAtonValue(text))) {
          ctx.report({
            message: `persistence_granularity '${text}' of '${vsLabel(vs)}' is not a netmask of contiguous ones (like 255.255.255.0); keepalived ${ctx.target.join('.')} ignores it (keepalived: "IPv4 persistence_granularity netmask is not solid"; 2.0.20 and later accept it)`,
            file: c.file,
            range: c.argWord(0).range,
          });
          continue;
        }
        if (ok) {
          family ??= f;
          continue;
        }
        const word = c.argWord(0);
        ctx.report({
          message:
            f === 4
              ? `persistence_granularity '${text}' of '${vsLabel(vs)}' is not an IPv4 netmask; keepalived ignores it (keepalived: "Invalid IPv4 persistence_granularity specified")`
              : `persistence_granularity '${text}' of '${vsLabel(vs)}' is not an IPv6 prefix length 1..128; keepalived ignores it (keepalived: "Invalid IPv6 persistence_granularity specified")`,
          file: c.file,
          range: word.range,
        });
      }
    }
  },
};
