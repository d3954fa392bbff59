// Hand-written readers in core/analysis/values.ts against the patterns that specify them.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ArgSpec } from '../server/src/core/schema/schema.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';
import { conf, findings } from './helpers/rule-cases.js';
import { analyze } from '../server/src/core/index.js';
import { canonicalAddress, checkArg, shownAddress, cutDecimal, digitsIn, fixedPointLeading, isHostName, isIPv4, isIPv4Pattern, isPrefix, parseDecimal, parseInteger, parsePrefix, sockaddrAddress, sockaddrFamily, strtodValue } from '../server/src/core/analysis/values.js';

describe('isIPv4', () => {
  it('accepts dotted quads without leading zeros, as inet_pton does', () => {
    for (const ok of ['0.0.0.0', '10.0.0.1', '255.255.255.255', '192.168.100.200', '1.2.3.4']) expect(isIPv4(ok)).toBe(true);
    for (const bad of ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.04', '1..2.3', '1.2.3.', '.1.2.3', '1.2.3.4 ', '1.2.3.4/24', 'a.b.c.d', '1.2.3.1000', '١.2.3.4']) {
      expect(isIPv4(bad)).toBe(false);
    }
  });

  it('agrees with the regular expression on random strings', () => {
    const chars = fc.constantFrom('0', '1', '2', '5', '9', '.', '.', '.', ':', '/', 'a', ' ');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 18 }).map((a) => a.join('')), (s) => {
        expect(isIPv4(s)).toBe(isIPv4Pattern(s));
      }),
      { numRuns: 20000 },
    );
    fc.assert(
      fc.property(fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((t) => t.join('.')), (s) => {
        expect(isIPv4(s)).toBe(isIPv4Pattern(s));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('plain numbers', () => {
  it('digitsIn reads 1 to 15 digits in place and refuses anything else', () => {
    expect(digitsIn('x 0042 y', 2, 6)).toBe(42);
    expect(digitsIn('+1', 0, 2)).toBe(-1);
    expect(digitsIn('', 0, 0)).toBe(-1);
    expect(digitsIn('1234567890123456', 0, 16)).toBe(-1);
  });

  it('parseInteger keeps keepalived\'s reading (blanks and sign allowed, nothing after)', () => {
    expect(parseInteger('100')).toBe(100);
    expect(parseInteger(' -5')).toBe(-5);
    expect(parseInteger('+7')).toBe(7);
    expect(parseInteger('1e3')).toBeUndefined();
    expect(parseInteger('12a')).toBeUndefined();
    expect(parseInteger('')).toBeUndefined();
  });
});

// Found by differential fuzzing against keepalived 2.2.7: real_server 192.0.2.10-20 80 and
// virtual_server 192.0.2.255/32 443 are accepted silently (inet_stosockaddr drops a range or mask).
describe('strtodValue', () => {
  it('strtod reads a whole word of decimal, exponent or hexadecimal digits, nothing else', () => {
    expect(strtodValue('0x10')).toBe(16);
    expect(strtodValue('+1e3')).toBe(1000);
    expect(strtodValue('.5')).toBe(0.5);
    expect(strtodValue('10s')).toBeUndefined();
    expect(strtodValue('0x')).toBeUndefined();
  });
});

describe('host arguments (smtp_server)', () => {
  it('accepts addresses and anything a resolver could look up; rejects words no machine resolves', () => {
    for (const ok of ['mail.example.com', 'mail.example.com.', 'localhost', 'smtp_relay', 'relay-1', '25']) expect(isHostName(ok), ok).toBe(true);
    for (const bad of ['<smtp.domain.com>', '**', 'a..b', '.example', '', 'x'.repeat(64) + '.com', 'mail example']) expect(isHostName(bad), bad).toBe(false);
    const host = { name: 'server', type: 'host' as const };
    expect(checkArg(host, '192.0.2.1', 'smtp_server')).toBeUndefined();
    expect(checkArg(host, '2001:db8::1', 'smtp_server')).toBeUndefined();
    expect(checkArg(host, '<smtp.domain.com>', 'smtp_server')?.message).toContain('no machine can resolve it');
  });
});

describe('host arguments of digits and dots', () => {
  it('accepts what inet_aton reads and rejects the rest (smtp_server 256.168.200.1)', () => {
    // keepalived 2.2.7: "(Line 9) Invalid smtp server 256.168.200.1 25" on a mutated user config;
    // glibc reads 1.2.3 as 1.2.0.3 and 25 as 0.0.0.25, so keepalived takes those.
    const host = { name: 'server', type: 'host' as const };
    for (const ok of ['192.168.200.1', '25', '1.2.3', '10.65535', '4294967295']) expect(checkArg(host, ok, 'smtp_server'), ok).toBeUndefined();
    for (const bad of ['256.168.200.1', '192.168.1.256', '1.2.3.4.5', '1.2.65536', '4294967296']) {
      expect(checkArg(host, bad, 'smtp_server')?.message, bad).toContain('it is no IPv4 address');
    }
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    const said = (w: string) => runKeepalived(`global_defs {\n  smtp_server ${w}\n}\n`).messages.some((m) => m.message.includes('Invalid smtp server'));
    expect(said('256.168.200.1')).toBe(true);
    expect(said('1.2.3')).toBe(false);
  });
});

describe('an enum with one value', () => {
  it("says which word it takes: 'weight - 2' from a blog is not 'one of reverse'", () => {
    const reverse = { name: 'reverse', type: 'enum' as const, optional: true, values: ['reverse'] };
    expect(checkArg(reverse, 'reverse', 'weight')).toBeUndefined();
    expect(checkArg(reverse, '2', 'weight')?.message).toBe("'weight' takes only 'reverse' here; got '2'");
  });
});

describe('a number outside its range', () => {
  it("names the argument only where it adds something ('priority' priority 300 read wrong on a user's config)", () => {
    expect(checkArg({ name: 'priority', type: 'unsigned', min: 1, max: 255 }, '300', 'priority')?.message).toBe("'priority' 300 is outside [1, 255]");
    expect(checkArg({ name: 'vrid', type: 'unsigned', min: 1, max: 255 }, '300', 'virtual_router_id')?.message).toBe("'virtual_router_id' 300 is outside [1, 255]");
    expect(checkArg({ name: 'seconds', type: 'timer', min: 0.01, max: 255, unit: 's' }, '0', 'advert_int')?.message).toBe("'advert_int' 0 is outside [0.01, 255] s");
    expect(checkArg({ name: 'port', type: 'unsigned', min: 1, max: 65535 }, '70000', 'sorry_server')?.message).toBe("'sorry_server' port 70000 is outside [1, 65535]");
  });
});

describe('0 for a keyword whose default is already "none"', () => {
  // keepalived 2.2.7 -t: "number '0' outside range [0.000001, 4294.967295]", "vrrp_garp_interval '0' is invalid",
  // and for persistence_timeout 0 "number '0' outside range [1, 2678400]", "persistence_timeout invalid"
  // (exit 5); the line is ignored and the interval (no persistence) stays at its default.
  it('says the line changes nothing and can go (52 and 29 real configs wrote these)', () => {
    const text = conf('global_defs {', '  vrrp_garp_interval 0', '  vrrp_gna_interval 0', '}', 'virtual_server 10.0.0.1 80 {', '  protocol TCP', '  persistence_timeout 0', '  real_server 10.0.0.2 80 {', '  }', '}');
    expect(findings(text, 'KA205').map((d) => [d.range.start.line + 1, d.message])).toEqual([
      [2, "'vrrp_garp_interval' 0 is outside [0.000001, 4294.967295] s; keepalived reports it and ignores the line, and no delay between gratuitous ARP messages is already its default: remove the line"],
      [3, "'vrrp_gna_interval' 0 is outside [0.000001, 4294.967295] s; keepalived reports it and ignores the line, and no delay between unsolicited neighbour advertisements is already its default: remove the line"],
      [7, "'persistence_timeout' 0 is outside [1, 2678400] s; keepalived reports it and ignores the line, and no persistence is already its default: remove the line"],
    ]);
  });
  it('keeps the plain message for other values and other keywords', () => {
    expect(checkArg({ name: 'seconds', type: 'unsigned', min: 1, max: 2678400, unit: 's' }, '3000000', 'persistence_timeout')?.message).toBe("'persistence_timeout' 3000000 is outside [1, 2678400] s");
    expect(checkArg({ name: 'seconds', type: 'timer', min: 0.01, max: 255, unit: 's' }, '0', 'advert_int')?.message).toBe("'advert_int' 0 is outside [0.01, 255] s");
  });
});

describe('a word that is not a number', () => {
  it("names the argument only where the keyword does not ('priority' expects a whole number for priority)", () => {
    const priority = { name: 'priority', type: 'unsigned' as const, min: 1, max: 255 };
    expect(checkArg(priority, 'high', 'priority')?.message).toBe("'priority' expects a whole number, got 'high' (keepalived: invalid number)");
    expect(checkArg({ name: 'milliseconds', type: 'unsigned', min: 1000 }, '12.5', 'idle_tx')?.message).toContain('expects a whole number for milliseconds');
    expect(checkArg({ name: 'port', type: 'unsigned', min: 1, max: 65535 }, 'http', 'sorry_server')?.message).toContain('expects a whole number for port');
  });
});

describe('host arguments with an IPv6 zone', () => {
  it('accept fe80::1%eth0 (keepalived -t accepts smtp_server fe80::1%eth0 where eth0 exists)', () => {
    const host = { name: 'server', type: 'host' } as const;
    expect(checkArg(host, 'fe80::1%eth0', 'smtp_server')).toBeUndefined();
    expect(checkArg(host, '10.0.0.1%eth0', 'smtp_server')).toBeDefined();
  });
});

describe('in-place readers against the ones that build values', () => {
  // sockaddrFamily, isPrefix and isIPv4 on a range skip allocation on the common IPv4 words; on
  // every word they must answer as sockaddrAddress, parsePrefix and isIPv4 on a slice do.
  const word = fc.array(fc.constantFrom('0', '1', '2', '5', '9', '3', '.', '.', '.', ':', ':', '/', '-', 'a', 'f', '%', ' '), { maxLength: 22 }).map((a) => a.join(''));
  const quad = fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300), fc.constantFrom('', '/', '/0', '/24', '/32', '/33', '/024', '/1234', '-5', '/x')).map(([a, b, c, d, tail]) => `${a}.${b}.${c}.${d}${tail}`);
  it('agree on random words and addresses', () => {
    fc.assert(
      fc.property(fc.oneof(word, quad), (s) => {
        expect(sockaddrFamily(s)).toBe(sockaddrAddress(s)?.family);
        expect(isPrefix(s)).toBe(parsePrefix(s) !== undefined);
        const slash = s.indexOf('/');
        if (slash >= 0) expect(isIPv4(s, 0, slash)).toBe(isIPv4(s.slice(0, slash)));
      }),
      { numRuns: 30000 },
    );
  });
});

describe('sockaddrAddress', () => {
  it("drops everything from the first '-', else the first '/', and takes the family from any ':'", () => {
    expect(sockaddrAddress('192.0.2.10')).toEqual({ address: '192.0.2.10', family: 4 });
    expect(sockaddrAddress('192.0.2.10-20')).toEqual({ address: '192.0.2.10', family: 4 });
    expect(sockaddrAddress('192.0.2.10-')).toEqual({ address: '192.0.2.10', family: 4 });
    expect(sockaddrAddress('192.0.2.10/x')).toEqual({ address: '192.0.2.10', family: 4 });
    expect(sockaddrAddress('2001:db8::1/129')).toEqual({ address: '2001:db8::1', family: 6 });
    expect(sockaddrAddress('::1-5')).toEqual({ address: '::1', family: 6 });
    for (const bad of ['1.2.3.4.5-1', '256.1.1.1', '1.2.3.4/8-9', '1.2.3.4/::', 'host', '']) expect(sockaddrAddress(bad)).toBeUndefined();
  });

  it('is what the ipaddr, ipv4 and ipv6 argument checks accept', () => {
    expect(checkArg({ name: 'address', type: 'ipaddr' }, '192.0.2.10-20', 'real_server')).toBeUndefined();
    expect(checkArg({ name: 'address', type: 'ipaddr' }, '1.2.3.4.5-1', 'real_server')?.severity).toBe('error');
    expect(checkArg({ name: 'address', type: 'ipv4' }, '224.0.0.18/8', 'vrrp_mcast_group4')).toBeUndefined();
    expect(checkArg({ name: 'address', type: 'ipv4' }, 'ff02::12/64', 'vrrp_mcast_group4')?.severity).toBe('error');
    expect(checkArg({ name: 'address', type: 'ipv6' }, 'ff02::1-3', 'vrrp_mcast_group6')).toBeUndefined();
  });
});

// Found by differential fuzzing against keepalived 2.2.7.
describe('number edges keepalived rejects', () => {
  it("rejects '-0' for an unsigned argument (keepalived: negative number '-0')", () => {
    expect(checkArg({ name: 'weight', type: 'unsigned', min: 0, max: 65535 }, '-0', 'weight')?.severity).toBe('error');
    expect(checkArg({ name: 'weight', type: 'unsigned', min: 0, max: 65535 }, '0', 'weight')).toBeUndefined();
    expect(checkArg({ name: 'offset', type: 'integer', min: -5, max: 5 }, '-0', 'offset')).toBeUndefined();
  });
});

describe('an empty quoted word', () => {
  it('is 0 for the number readers, as keepalived reads it (nftables_priority "" is accepted, priority "" is out of range)', () => {
    expect(checkArg({ name: 'priority', type: 'integer', min: -2147483648, max: 2147483647 }, '', 'nftables_priority')).toBeUndefined();
    expect(checkArg({ name: 'priority', type: 'unsigned', min: 1, max: 255 }, '', 'priority')?.message).toContain('outside');
    expect(checkArg({ name: 'seconds', type: 'timer', min: 0.01, max: 255 }, '', 'advert_int')?.message).toContain('outside');
  });
});

describe('hex arguments', () => {
  it("take X wildcards in require_reply only (keepalived: \"Invalid hex string for UDP_CHECK payload\" for 'payload 0x12')", () => {
    const hex = { name: 'hex', type: 'hex' } as const;
    expect(checkArg(hex, '0x12', 'payload')).toBeDefined();
    expect(checkArg(hex, 'dead', 'payload')).toBeUndefined();
    expect(checkArg(hex, '0x12', 'require_reply')).toBeUndefined();
    // a quoted word with blanks between the bytes (keepalived -t accepts payload "de ad")
    expect(checkArg(hex, 'de ad', 'payload')).toBeUndefined();
    expect(checkArg(hex, ' ', 'payload')).toBeDefined();
  });
});

describe('max_length', () => {
  it('reports a word longer than max_length bytes, whatever its type', () => {
    const spec = { name: 'name', type: 'string', max_length: 15, too_long: 'truncated' } as const;
    expect(checkArg(spec, 'a'.repeat(15), 'process_name')).toBeUndefined();
    expect(checkArg(spec, 'a'.repeat(16), 'process_name')?.message).toContain('keeps only the first 15');
    expect(checkArg({ ...spec, too_long: 'ignored', max_length: 255 }, 'é'.repeat(128), 'nftables')?.message).toContain('256 bytes');
  });
});

describe('parseDecimal', () => {
  // Found by differential fuzzing: keepalived 2.2.7 accepts 'delay_before_retry +5' and 'connect_timeout .5'.
  it("reads what keepalived's decimal reader accepts: a leading '+', no digits on one side of the '.'", () => {
    expect(parseDecimal('+5')).toEqual({ value: 5, decimals: 0 });
    expect(parseDecimal('.5')).toEqual({ value: 0.5, decimals: 1 });
    expect(parseDecimal('1.')).toEqual({ value: 1, decimals: 0 });
    expect(parseDecimal('2.25')).toEqual({ value: 2.25, decimals: 2 });
    for (const bad of ['-1', '1.2.3', '1e3', '0x10', 'abc', '1 ', ' -1', ' 1 ']) expect(parseDecimal(bad)).toBeUndefined();
  });
  // s58 template audit (A-0037: `warmup "  64"`): strtoull skips leading white space. keepalived 2.2.7 -t is silent on
  // `delay_loop " 6"`, and the checker dump shows 6 s; KA205 had called it an invalid number.
  it('skips leading white space, as strtoull does', () => {
    expect(parseDecimal('  64')).toEqual({ value: 64, decimals: 0 });
    expect(parseDecimal('\t0.5')).toEqual({ value: 0.5, decimals: 1 });
    const text = conf('global_defs {', '    vrrp_garp_interval " 0.5"', '}', 'virtual_server 10.0.0.1 80 {', '    delay_loop " 6"', '    protocol TCP', '    lb_algo rr', '    lb_kind DR', '    real_server 10.0.0.2 80 {', '        TCP_CHECK {', '            connect_timeout " 3"', '        }', '    }', '}');
    expect(findings(text, 'KA205')).toEqual([]);
    if (keepalivedAvailable()) expect(runKeepalived(text).messages).toEqual([]);
  });
});

describe('a decimal with more places than keepalived reads, and something after them', () => {
  // Found by mutation fuzzing (a trailing backslash): keepalived 2.2.7 on 'advert_int 1.000000\\' in a VRRPv3
  // instance: "number '1.000000\\' has too many decimal places", then "(V) VRRPv3 advertisement interval
  // 1.000001s must be in units of 10ms - rounding": the number is still read, rounded up by the '\\'.
  it('is cut after its places and rounded up by the next character, whatever it is', () => {
    expect(cutDecimal('1.000000\\', 6)).toBe(1.000001);
    expect(cutDecimal('1.0000004x', 6)).toBe(1);
    expect(cutDecimal('2.5000000s', 6)).toBe(2.5);
    expect(cutDecimal('+.1235x', 3)).toBe(0.124);
    expect(cutDecimal('+.1234x', 3)).toBe(0.123);
    // All digits read the same way (parseDecimal's case, where the model rounds them to the same value).
    expect(cutDecimal('1.0000004', 6)).toBe(1);
    // Fewer places before the rest: an invalid number. No '.', or nothing after the places: not this case.
    for (const w of ['1.5x', '1.12345x6789', '1x', '1.000000']) expect(cutDecimal(w, 6)).toBeUndefined();
  });

  const instance = (advert: string) => conf('vrrp_instance V {', '  interface eth0', '  state BACKUP', '  virtual_router_id 9', '  priority 100', '  version 3', `  advert_int ${advert}`, '  virtual_ipaddress {', '    10.0.0.9', '  }', '}');

  it("says what keepalived reads, and the instance's rules see it", () => {
    const [f] = findings(instance('1.000000\\'), 'KA205');
    expect(f?.message).toContain('keepalived reports it and still reads 1.000001');
    expect(findings(instance('1.000000\\'), 'KA343')).toHaveLength(1);
    // Rounded down by a character below '5': a whole second, which VRRPv3 sends as it is.
    expect(findings(instance('1.0000004x'), 'KA343')).toHaveLength(0);
    // Before 2.2.3 timers are read by strtod: no such reading is claimed.
    expect(findings(instance('1.000000\\'), 'KA205', '2.1.5')[0]?.message ?? '').not.toContain('still reads');
  });

  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    const said = runKeepalived(instance('1.000000\\')).messages.map((m) => m.message);
    expect(said).toContain("number '1.000000\\' has too many decimal places");
    expect(said.some((m) => m.includes('advertisement interval 1.000001s must be in units of 10ms'))).toBe(true);
  });
});

describe('a timer written with a unit (delay_loop 6s)', () => {
  // keepalived 2.2.7's fixed-point reader pads the decimals with zeros after the whole word, reads its
  // leading digits and, for every timer handler, still uses them when they are in range: a daemon run with
  // `preempt_delay 5s` dumps "Preempt delay = 5e-06 secs" after "WARNING - invalid number '5s'".
  it('reads the digits before the unit as millionths of a second', () => {
    expect(fixedPointLeading('6s', 6)).toBe(0.000006);
    expect(fixedPointLeading('2.5s', 6)).toBe(0.000025);
    expect(fixedPointLeading('500ms', 6)).toBe(0.0005);
    expect(fixedPointLeading('.5x', 6)).toBe(0.000005);
    expect(fixedPointLeading('x', 6)).toBe(0);
    // More places than it reads: cut, and rounded up by the digit after them ('6').
    expect(fixedPointLeading('1.12345x6789', 6)).toBe(0.112346);
    expect(fixedPointLeading('-5s', 6)).toBeUndefined();
  });

  const lines = (...body: string[]) => conf('vrrp_instance V {', '  interface eth0', '  state BACKUP', '  virtual_router_id 9', '  priority 100', ...body, '  virtual_ipaddress {', '    10.0.0.9', '  }', '}');

  it('says what keepalived uses and what to write, and the model holds that value', () => {
    const text = lines('  preempt_delay 5s');
    const [f] = findings(text, 'KA205');
    expect(f?.message).toContain('keepalived reports an invalid number and still uses 0.000005 s');
    expect(f?.message).toContain('releases before 2.2.3 read 5 s); write 5');
    expect(analyze(text, {}).model.vrrpInstances[0]!.preemptDelay?.value).toBe(0.000005);
    expect(findings(lines('  preempt_delay 500ms'), 'KA205')[0]?.message).toContain('still uses 0.0005 s: the digits before \'ms\' count as millionths of a second (releases before 2.2.3 read 500 s); write 0.5');
    // Out of range once read so (advert_int needs 0.01 s or more): ignored, nothing is claimed.
    const advert = findings(lines('  advert_int 1s'), 'KA205')[0]?.message ?? '';
    expect(advert).toContain("got '1s': keepalived reads no unit; write 1");
    expect(advert).not.toContain('still uses');
    // Each names the word to write, as a quick fix.
    expect(findings(lines('  advert_int 1s'), 'KA205')[0]?.fix?.edits[0]?.newText).toBe('1');
    expect(findings(lines('  preempt_delay 500ms'), 'KA205')[0]?.fix?.edits[0]).toMatchObject({ newText: '0.5', range: { start: { line: 5, column: 16 } } });
    // Before 2.2.3 timers are read through strtod (no such reading).
    expect(findings(text, 'KA205', '2.2.2')[0]?.message ?? '').not.toContain('still uses');
    expect(analyze(text, { targetVersion: '2.2.2' }).model.vrrpInstances[0]!.preemptDelay).toBeUndefined();
  });

  it('counts as a setting when the line is repeated (KA211)', () => {
    const [f] = findings(lines('  preempt_delay 5', '  preempt_delay 5s'), 'KA211');
    expect(f?.message).toContain('keepalived uses this later value (5s) instead of the one on line 6 (5)');
  });

  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t (an invalid number, no later complaint)', () => {
    const vs = conf('virtual_server 10.0.0.9 80 {', '  delay_loop 6s', '  real_server 10.0.0.2 80 {', '    TCP_CHECK {', '      connect_timeout 3s', '    }', '  }', '}');
    const said = runKeepalived(vs).messages.map((m) => m.message);
    expect(said).toEqual(expect.arrayContaining(["invalid number '6s'", "invalid number '3s'"]));
    expect(findings(vs, 'KA205').map((d) => d.message.includes('still uses 0.00000'))).toEqual([true, true]);
  });
});

describe('enum values written with look-alike letters', () => {
  // keepalived -t: (Line 2) (VI_1) unknown state 'MАSTER', defaulting to BACKUP — the Cyrillic 'А' is invisible in the message.
  it('names the Cyrillic letter and the value meant', () => {
    const state: ArgSpec = { name: 'state', type: 'enum', values: ['MASTER', 'BACKUP'] };
    expect(checkArg(state, 'MАSTER', 'state')?.message).toContain("the Cyrillic 'А' (U+0410) in place of the Latin 'A': write 'MASTER'");
    expect(checkArg(state, 'Master', 'state')?.message).toContain('case-sensitive');
    expect(checkArg(state, 'MASTER', 'state')).toBeUndefined();
  });
});

describe('misspelt enum values', () => {
  const state: ArgSpec = { name: 'state', type: 'enum', values: ['MASTER', 'BACKUP'] };
  const method: ArgSpec = { name: 'method', type: 'enum', values: ['NAT', 'DR', 'TUN'] };
  it('name the nearest value and suggest it (a suggestion only: it changes what keepalived reads)', () => {
    // `state BACUP` and `auth_type PASS;` are in real configs of session 36's harvest; `lb_kind DRR` is the issue's example.
    expect(checkArg(state, 'BACUP', 'state')).toMatchObject({ replacement: 'BACKUP' });
    expect(checkArg(state, 'BACUP', 'state')?.message).toContain("got 'BACUP' (did you mean 'BACKUP'?)");
    expect(checkArg(method, 'DRR', 'lb_kind')?.replacement).toBe('DR');
    expect(checkArg({ name: 'type', type: 'enum', values: ['PASS', 'AH'] }, 'PASS;', 'auth_type')?.replacement).toBe('PASS');
    expect(findings(conf('vrrp_instance VI_1 {', '  state BACUP', '}'), 'KA205')[0]!.fix).toMatchObject({ description: "Replace with 'BACKUP'", edits: [{ newText: 'BACKUP' }] });
  });
  it('name the IPVS word for another load balancer\'s scheduler or forwarding method, and a role\'s word', () => {
    const scheduler: ArgSpec = { name: 'scheduler', type: 'enum', values: ['rr', 'wrr', 'lc', 'wlc', 'sh', 'dh', 'mh'] };
    for (const [w, meant] of [['roundrobin', 'rr'], ['leastconn', 'lc'], ['least_conn', 'lc'], ['ip_hash', 'sh'], ['Round-Robin', 'rr'], ['maglev', 'mh']] as const) {
      expect(checkArg(scheduler, w, 'lb_algo'), w).toMatchObject({ replacement: meant });
      expect(checkArg(scheduler, w, 'lb_algo')?.message, w).toContain(`(keepalived names it by its IPVS name: write '${meant}')`);
    }
    for (const [w, meant] of [['DIRECT', 'DR'], ['direct-routing', 'DR'], ['tunnel', 'TUN'], ['MASQ', 'NAT']] as const) expect(checkArg(method, w, 'lb_kind')?.replacement, w).toBe(meant);
    // The same words mean nothing to another keyword.
    expect(checkArg({ name: 'x', type: 'enum', values: ['rr', 'lc'] }, 'roundrobin', 'lvs_method')?.replacement).toBeUndefined();
    expect(checkArg(state, 'SLAVE', 'state')?.replacement).toBe('BACKUP');
  });
  it('suggest nothing for a placeholder, another fork\'s word or a word near no value', () => {
    for (const w of ['%MASTER%', '<STATE>', 'SLAVE_NODE']) expect(checkArg(state, w, 'state')?.replacement, w).toBeUndefined();
    // DPVS's FNAT is no misspelt NAT (forks.ts says whose it is).
    expect(checkArg(method, 'FNAT', 'lb_kind')?.message).not.toContain('did you mean');
    expect(checkArg(method, 'FNAT', 'lb_kind')?.replacement).toBeUndefined();
  });
});

describe('checkArg path', () => {
  const path: ArgSpec = { name: 'path', type: 'path' };
  it('finds a component over 255 bytes, however short the word is in characters', () => {
    expect(checkArg(path, `/etc/${'a'.repeat(255)}/x`, 'notify')).toBeUndefined();
    expect(checkArg(path, `/etc/${'a'.repeat(256)}/x`, 'notify')?.message).toContain('256 bytes');
    // 85 characters of 3 bytes: 255 bytes, the longest a name may be; 86 of them: 258 bytes in 86 characters.
    expect(checkArg(path, 'ह'.repeat(85), 'notify')).toBeUndefined();
    expect(checkArg(path, `/${'ह'.repeat(86)}`, 'notify')?.message).toContain('258 bytes');
    // Four bytes in two units: 64 pairs are 256 bytes in 128 units.
    expect(checkArg(path, '😀'.repeat(64), 'notify')?.message).toContain('256 bytes');
  });
});

describe('interface names no Linux interface can have', () => {
  const ifname: ArgSpec = { name: 'interface', type: 'ifname' };
  it("refuses '/', ':', blanks, '.' and '..' as the kernel's dev_valid_name does, and names of 16 bytes or more", () => {
    for (const bad of ['eth0:0', 'eth0/1', 'fe80::1', '10.0.0.1/24', 'my nic', '.', '..', 'abcdefghijklmnop']) expect(checkArg(ifname, bad, 'interface'), bad).toBeDefined();
    for (const good of ['eth0', 'ens192', 'bond0.100', 'br-lan', 'a@b', 'abcdefghijklmno', 'vrrp.51']) expect(checkArg(ifname, good, 'interface'), good).toBeUndefined();
    expect(checkArg(ifname, 'eth0:0', 'interface')!.message).toContain("an address label such as eth0:0 is not an interface");
    expect(checkArg(ifname, 'fe80::1', 'interface')!.message).toContain('is an IP address');
    // Linux takes '10.0.0.9' as a name, but nobody names an interface so: keepalived -t says "unknown interface".
    expect(checkArg(ifname, '192.168.64.128', 'interface')).toMatchObject({ severity: 'warning', message: expect.stringContaining('is an IPv4 address') });
  });
  const text = conf('vrrp_instance A {', '    interface eth0:0', '    virtual_router_id 1', '    priority 100', '    virtual_ipaddress {', '        10.0.0.5/24', '    }', '}');
  it('reports an alias label given as the instance interface', () => {
    expect(findings(text, 'KA205').map((d) => d.range.start.line + 1)).toEqual([2]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t finds no such interface on this host either (exit 5)', () => {
    const r = runKeepalived(text);
    expect(r.exitStatus, r.stderr).toBe(5);
    expect(r.messages.some((m) => m.line === 2 && /interface eth0:0 for vrrp_instance A doesn't exist/.test(m.message)), r.stderr).toBe(true);
  });
});

describe('shownAddress', () => {
  it('writes a canonical IPv6 address back in its short form, the longest run of zero groups as ::', () => {
    const cases: [string, string][] = [
      ['fd00:1234:5678::9abc', 'fd00:1234:5678::9abc'],
      ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group stays
      ['::1', '::1'],
      ['fe80::', 'fe80::'],
      ['::', '::'],
      ['::ffff:10.0.0.1', '::ffff:a00:1'],
      ['10.0.0.1', '10.0.0.1'],
    ];
    for (const [written, shown] of cases) expect(shownAddress(canonicalAddress(written)), written).toBe(shown);
  });

  it('names the same address as canonicalAddress does', () => {
    fc.assert(
      fc.property(fc.ipV6(), (a) => {
        expect(canonicalAddress(shownAddress(canonicalAddress(a)))).toBe(canonicalAddress(a));
      }),
    );
  });
});

// mistakes62 ('10.0.0.256/24' in a VIP list of harvest62 configs): keepalived 2.2.7 (and 2.0.19, and 1.3.5's
// inet_pton path) print "VRRP parsed invalid IP 10.0.0.256/24. skipping IP..." and add nothing for the line; the
// finding said only what was expected, not that the address is dropped, nor which part is wrong.
describe('an unreadable address in an address list', () => {
  const text = conf('static_ipaddress {', '  10.0.0.256/24 dev eth0', '}', 'vrrp_instance A {', '  interface eth0', '  virtual_router_id 5', '  virtual_ipaddress {', '    10.0.0.256/24', '    10.0.0.7', '  }', '  virtual_ipaddress_excluded {', '    foo', '  }', '}');
  it('says that keepalived skips it, and when a part of an IPv4 address is above 255', () => {
    expect(findings(text, 'KA205').map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([
      "2: 'static_ipaddress' expects an address with an optional /prefix, got '10.0.0.256/24' (a part of the IPv4 address is above 255); keepalived reports the line and skips it",
      "8: 'virtual_ipaddress' expects an address with an optional /prefix, got '10.0.0.256/24' (a part of the IPv4 address is above 255); keepalived reports the line and skips it",
      "12: 'virtual_ipaddress_excluded' expects an address with an optional /prefix, got 'foo'; keepalived reports the line and skips it",
    ]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived 2.2.7 skips each of them', () => {
    expect(runKeepalived(text).messages.map((m) => `${m.line}: ${m.message}`)).toEqual([
      '2: VRRP parsed invalid IP 10.0.0.256/24. skipping IP...',
      '8: VRRP parsed invalid IP 10.0.0.256/24. skipping IP...',
      '12: VRRP parsed invalid IP foo. skipping IP...',
    ]);
  });
});
