import type { FileRule } from '../types.js';
import type { Family } from '../../core/analysis/values.js';
import { vsLabel } from './util.js';
import { compareVersions } from '../../core/schema/schema.js';
import { lvsFacts } from './server-facts.js';
import { GRANULARITY_FAMILY_GUESSED_SINCE, inetAtonValue, IPV4_GRANULARITY_INVERTED_BEFORE, isInetAton, isPrefixLength, isSolidMask, SOLID_MASK_CHECKED } from './granularity.js';

/** The dotted IPv4 netmask of a prefix length 1..32. */
function prefixMask(prefix: number): string {
  const mask = prefix === 32 ? 0xffffffff : (~(0xffffffff >>> prefix)) >>> 0;
  return [mask >>> 24, (mask >>> 16) & 255, (mask >>> 8) & 255, mask & 255].join('.');
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
      'is persistent on its own. Placeholders left from documentation (`<NETMASK>`) are the usual cause. On an IPv4 service a ' +
      'bare number is no prefix length: inet_aton reads `24` as the address 0.0.0.24, a netmask that groups nothing useful (a warning).',
    bad: 'virtual_server 10.0.0.1 443 {\n    protocol TCP\n    persistence_timeout 50\n    persistence_granularity <NETMASK>\n    real_server 10.0.1.1 443 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 443 {\n    protocol TCP\n    persistence_timeout 50\n    persistence_granularity 255.255.255.0\n    real_server 10.0.1.1 443 {\n    }\n}',
  },
  check(ctx) {
    const solidChecked = compareVersions(ctx.target, SOLID_MASK_CHECKED[0]) >= 0 && compareVersions(ctx.target, SOLID_MASK_CHECKED[1]) < 0;
    const inverted = compareVersions(ctx.target, IPV4_GRANULARITY_INVERTED_BEFORE) < 0;
    const guessed = compareVersions(ctx.target, GRANULARITY_FAMILY_GUESSED_SINCE) >= 0;
    const release = `keepalived ${ctx.target.join('.')}`;
    for (let i = 0, servers = lvsFacts(ctx.analysis).servers; i < servers.length; i++) {
      // Only a persistence_granularity line is reported (the shared pass notes whether there is one).
      if (!servers[i]!.hasPersistenceGranularity) continue;
      const vs = servers[i]!.vs;
      // keepalived's vs->af when it reads the line: the service address's family, else set by ip_family, an
      // accepted persistence_granularity or a real server read before (the shared pass follows them).
      const familyAt = servers[i]!.granularityFamilyAt!;
      for (let j = 0, cs = vs.node.children; j < cs.length; j++) {
        const c = cs[j]!;
        if (c.keyword !== 'persistence_granularity') continue;
        const family = familyAt.get(c);
        const text = c.argText(0);
        if (text === undefined) continue; // a missing value stops keepalived (KA203)
        // Before 1.3.7 a service whose address is not IPv6 (a fwmark, a group) reads the value as IPv4.
        const f: Family = family ?? (!guessed || text.includes('.') ? 4 : 6);
        const ok = f === 4 ? isInetAton(text) : isPrefixLength(text);
        if (f === 4 && inverted) {
          // Before 1.4.3 keepalived refuses every IPv4 value it can read, and goes on with one it cannot.
          const said = guessed ? 'Invalid IPv4 persistence_granularity specified' : 'Invalid persistence_timeout specified';
          ctx.report({
            message: ok
              ? `persistence_granularity '${text}' of '${vsLabel(vs)}' is refused by ${release}: before 1.4.3 keepalived tests the address it reads the wrong way round, so it reports every IPv4 netmask and ignores it (keepalived: "${said} - ${text}"); remove the line, or target 1.4.3 or later`
              : `persistence_granularity '${text}' of '${vsLabel(vs)}' is not an IPv4 netmask, and ${release} does not refuse it: before 1.4.3 keepalived tests the address it reads the wrong way round, and goes on with a netmask it never set, so what it uses is unpredictable`,
            file: c.file,
            range: c.argWord(0).range,
          });
          continue;
        }
        if (ok && f === 4 && solidChecked && !isSolidMask(inetAtonValue(text))) {
          ctx.report({
            message: `persistence_granularity '${text}' of '${vsLabel(vs)}' is not a netmask of contiguous ones (like 255.255.255.0); keepalived ${ctx.target.join('.')} ignores it (keepalived: "IPv4 persistence_granularity netmask is not solid"; 2.0.20 and later accept it)`,
            file: c.file,
            range: c.argWord(0).range,
          });
          continue;
        }
        if (ok && f === 4 && !text.includes('.')) {
          // inet_aton reads a bare number as a whole address: '24' is the netmask 0.0.0.24, not a prefix length.
          const mask = inetAtonValue(text);
          const asAddress = [mask >>> 24, (mask >>> 16) & 255, (mask >>> 8) & 255, mask & 255].join('.');
          const prefix = Number(text);
          const meant = Number.isInteger(prefix) && prefix >= 1 && prefix <= 32 ? `; for a /${prefix} write ${prefixMask(prefix)}` : '';
          ctx.report({
            message: `persistence_granularity '${text}' of the IPv4 service '${vsLabel(vs)}' is read as the netmask ${asAddress} (a bare number is a whole IPv4 address), not as a prefix length${meant}`,
            severity: 'warning',
            file: c.file,
            range: c.argWord(0).range,
          });
          continue;
        }
        if (ok) continue;
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
