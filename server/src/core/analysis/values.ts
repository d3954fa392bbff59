// Argument checking and typed value parsing, following how keepalived reads each argument type
// (strtol/strtoul semantics for numbers, fixed-point timers, exact enums, inet_pton addresses).

import { forkNote, forkOfValue } from '../schema/forks.js';
import { compareVersions, type ArgSpec, type Version } from '../schema/schema.js';
import { describeHomoglyphs, latinForHomoglyphs } from '../syntax/lookalikes.js';
import { suggest } from './suggest.js';
import { isEscapedByte } from '../syntax/encoding.js';

export interface ValueProblem {
  message: string;
  severity: 'error' | 'warning';
  /**
   * keepalived reports the value and still uses what it read of it: 'always' (a timer's `6s` is 6
   * microseconds, for -t too), 'daemon' (`rise 2x`: -t does not use it, the running daemon uses 2).
   */
  used?: 'always' | 'daemon';
  /** The word to write instead, when the message names one (`6s` → `6`). */
  replacement?: string;
}

// ---------- numbers ----------

/** keepalived's integer reading: optional blanks and sign, decimal digits, nothing after. */
/**
 * The number keepalived's lookups in /etc/iproute2 files (lib/rttables.c find_entry) read from a word that is
 * a whole strtoul(…, 0) number (decimal, 0x hex, 0-led octal, a sign; '-' wraps), kept as an unsigned int;
 * undefined for any other word, which they look up as a name.
 */
export function rtNumber(text: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(text);
  if (!m) return undefined;
  const digits = m[2]!;
  let v = BigInt(/^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits);
  // strtoul gives ULONG_MAX for what overflows 64 bits, a sign or none; '-' wraps what fits.
  if (v >= 1n << 64n) v = (1n << 64n) - 1n;
  else if (m[1] === '-') v = ((1n << 64n) - v) % (1n << 64n);
  return Number(v % (1n << 32n));
}

const SIGNED_INTEGER = /^[ \t\n\v\f\r]*[+-]?\d+$/;
const BLANK_ONLY = /^[ \t\n\v\f\r]*$/;

/**
 * Whether the word is empty or holds only white space (a quoted `" "`, `"\t"`): keepalived's unsigned reader
 * (read_unsigned, 2.0.7 on) skips white space and then reads nothing, which is 0 without "invalid number"
 * (`retry " "` is 0, checked with 2.0.19 to 2.4.3 -t); its signed one (read_int: strtol) reports such a word
 * invalid, and strtoul/strtod called on the word itself (timers before 2.2.3) too, for they read no digits.
 */
export function blankOnly(text: string): boolean {
  return BLANK_ONLY.test(text);
}

const READ_UNSIGNED = /^[ \t\n\v\f\r]*(?:\+?(\d+))?$/;

/**
 * The number keepalived's read_unsigned (2.0.7 on) takes from a word, before its range check: white space, then
 * an optional '+' and digits, or nothing (0). Undefined for a word it reports ("negative number", "invalid number").
 */
export function readUnsigned(text: string): number | undefined {
  const plain = plainDigits(text);
  if (plain !== undefined) return plain;
  const m = READ_UNSIGNED.exec(text);
  return m ? (m[1] === undefined ? 0 : Number(m[1])) : undefined;
}

const LEADING_MINUS = /^[ \t\n\v\f\r]*-/;

/**
 * Whether keepalived's unsigned reader (read_unsigned, 2.0.7 on) calls the word negative: it skips white space
 * and then looks for a '-', so `-0` and a quoted `" -0"` are "negative number" too (2.2.7 and 2.4.3 -t).
 */
export function unsignedNegative(text: string): boolean {
  return LEADING_MINUS.test(text);
}

export function parseInteger(text: string): number | undefined {
  const plain = plainDigits(text);
  if (plain !== undefined) return plain;
  if (!SIGNED_INTEGER.test(text)) return undefined;
  return Number(text.trim());
}

/** The value of text[start, end) when it is 1 to 15 plain digits, else -1 (read without slicing). */
export function digitsIn(text: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Argument types checkArg looks at; the others (names, paths, scripts…) take any word. */
const CHECKED_TYPES = new Set(['path', 'unsigned', 'integer', 'decimal', 'timer', 'bool', 'enum', 'enum_or_unsigned', 'ipaddr', 'ipv4', 'ipv6', 'ip_prefix', 'port', 'ifname', 'hex', 'status_codes', 'host']);

export function isCheckedArgType(type: string): boolean {
  return CHECKED_TYPES.has(type);
}

/**
 * Whether a plain number `value` is certainly accepted for `spec` (then checkArg need not see the
 * text); false means "ask checkArg", not "invalid".
 */
export function numberSurelyValid(spec: ArgSpec, value: number): boolean {
  switch (spec.type) {
    case 'unsigned':
    case 'integer':
    case 'decimal':
    case 'timer':
      return (spec.min === undefined || value >= spec.min) && (spec.max === undefined || value <= spec.max);
    case 'port':
      return value >= 1 && value <= 65535;
    case 'status_codes':
      return value >= 100 && value <= 599;
    default:
      return false;
  }
}

/** The value of a short all-digit word (the common case, read without regex or allocation), else undefined. */
function plainDigits(text: string): number | undefined {
  const n = text.length;
  if (n === 0 || n > 15) return undefined;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  return v;
}

/**
 * A number as keepalived's loose readers take it (atoi/strtoul for 'whole', atof for 'decimal',
 * before 2.0.7): the leading number, and what follows it, which they ignore. A word without a
 * leading number reads as 0 (`rest` is then the whole word, `found` false).
 */
export function looseNumber(text: string, reads: 'whole' | 'decimal'): { value: number; rest: string; found: boolean } {
  if (reads === 'decimal') {
    // atof reads a C99 hexadecimal number too: `0x10` is 16, `0x1p3` 8 (atoi and strtoul in base 10 stop at the 'x').
    const h = LEADING_HEX_FLOAT.exec(text);
    if (h) return { value: hexFloat(h[1] === '-', h[2]!, h[3]), rest: text.slice(h[0].length), found: true };
  }
  const m = (reads === 'whole' ? LEADING_WHOLE : LEADING_DECIMAL).exec(text);
  if (!m) return { value: 0, rest: text, found: false };
  return { value: Number(m[1]!.replace(/^\+/, '')), rest: text.slice(m[0].length), found: true };
}

/**
 * What a loose reader makes of `word` for an argument of `type`, when that differs from the usual
 * reading: undefined for a plain number (both read it alike) and for a negative unsigned one (left
 * to checkArg, which reports it).
 */
export function looselyRead(type: string, word: string, reads: 'whole' | 'decimal'): { value: number; rest: string; found: boolean } | undefined {
  // A blank-only word is 0 to atoi/strtoul and to the later read_unsigned alike (blankOnly): nothing is read differently.
  if (type === 'unsigned' && reads === 'whole' && blankOnly(word)) return undefined;
  const read = looseNumber(word, reads);
  if (read.found && read.rest === '') return undefined;
  if (type === 'unsigned' && read.value < 0) return undefined;
  return read;
}
/**
 * A number keepalived clamps to `spec`'s range (ArgSpec.clamped): the value read (a plain number,
 * or with `reads` the leading number of a loose word, 0 without one) and the bound used instead of
 * it. Undefined when the value is in range, or is a negative word that an unsigned (strtoul)
 * handler wraps rather than clamps (`signed` false), or is no number this reading sees.
 */
export function clampedNumber(spec: ArgSpec, text: string, reads: 'whole' | 'decimal' | undefined, signed: boolean): { read: number; used: number; rest: string; found: boolean } | undefined {
  const plain = parseInteger(text);
  const read = plain !== undefined ? { value: plain, rest: '', found: true } : reads !== undefined ? looseNumber(text, reads) : undefined;
  if (read === undefined || (read.value < 0 && !signed)) return undefined;
  const used = spec.min !== undefined && read.value < spec.min ? spec.min : spec.max !== undefined && read.value > spec.max ? spec.max : undefined;
  return used === undefined ? undefined : { read: read.value, used, rest: read.rest, found: read.found };
}
const LEADING_WHOLE = /^[ \t]*([+-]?\d+)/;
const LEADING_DECIMAL = /^[ \t]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/;
const LEADING_HEX_FLOAT = /^[ \t]*([+-]?)0[xX]((?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+))(?:[pP]([+-]?\d+))?/;

/** The value of a hexadecimal float's digits (`1a.8`) and binary exponent, as strtod reads them. */
function hexFloat(negative: boolean, digits: string, exponent: string | undefined): number {
  const dot = digits.indexOf('.');
  const whole = dot < 0 ? digits : digits.slice(0, dot);
  const fraction = dot < 0 ? '' : digits.slice(dot + 1);
  let value = whole === '' ? 0 : parseInt(whole, 16);
  for (let i = 0; i < fraction.length; i++) value += parseInt(fraction[i]!, 16) / 16 ** (i + 1);
  value *= 2 ** (exponent === undefined ? 0 : Number(exponent));
  return negative ? -value : value;
}

// strtoull skips leading white space: a quoted `" 6"` reads as 6 (2.2.7 -t silent, the checker dump 6 s).
const FIXED_POINT = /^[ \t\n\v\f\r]*\+?(\d*)(?:\.(\d*))?$/;

/** A fixed-point value `digits[.digits]` (no sign, no exponent), as timers and decimals are read. */
export function parseDecimal(text: string): { value: number; decimals: number } | undefined {
  const plain = plainDigits(text);
  if (plain !== undefined) return { value: plain, decimals: 0 };
  // keepalived drops the '.', pads to its precision and reads the digits with strtoull: a leading
  // '+', and no digits before or after the '.', are fine ('+5', '.5', '1.', even '.' is 0).
  const m = FIXED_POINT.exec(text);
  if (!m) return undefined;
  return { value: Number(`0${m[1]}.${m[2] ?? ''}0`), decimals: m[2]?.length ?? 0 };
}

const CUT_DECIMAL = /^(\+?\d*)\.(\d+)/;

/**
 * What keepalived's fixed-point reader makes of a word with more than `places` decimal places that
 * parseDecimal refuses because something else follows them (`1.000000\`, `0.5000000s`): it reports
 * "has too many decimal places" and still reads the number, cut after `places` places, one unit of
 * the last place more when the character after them is '5' or above, whatever that character is
 * ('\\' and letters are). Undefined when the reader rejects the word (fewer places before the rest).
 */
export function cutDecimal(text: string, places: number): number | undefined {
  const m = CUT_DECIMAL.exec(text);
  if (!m || m[2]!.length < places || text.length <= m[0].length - m[2]!.length + places) return undefined;
  const fraction = m[2]!.slice(0, places);
  const roundUp = text.charCodeAt(m[1]!.length + 1 + places) >= 53;
  const units = Number(`${m[1]!.replace('+', '')}${fraction}` || '0') + (roundUp ? 1 : 0);
  return units / 10 ** places;
}

/** From this release the number readers take an `ignore_error` flag (before, `loose` readers used atoi). */
export const DAEMON_READS_LEADING_SINCE: Version = [2, 0, 7];

const STRTOL_LEAD = /^[ \t\n\v\f\r]*([+-]?)(\d*)(.*)$/s;

/**
 * The number the running daemon uses for an integer argument marked `daemon_reads_leading` when the
 * word has other characters after its number (`2x`, `2s`): strtoul/strtol's leading number, no digits
 * being 0, when it is in the argument's range; undefined when the word is a plain number (valid or out
 * of range: nothing is read differently), negative for an unsigned reader, or out of range.
 */
export function daemonLeadingNumber(spec: ArgSpec, word: string): number | undefined {
  // A release that reads the argument as a fixed-point decimal (vrrp_script interval from 2.3.2) reads `2s` otherwise.
  if (spec.type !== 'unsigned' && spec.type !== 'integer' && spec.type !== 'port' && spec.type !== 'enum_or_unsigned') return undefined;
  const m = STRTOL_LEAD.exec(word)!;
  const min = spec.type === 'port' ? 1 : spec.min;
  const max = spec.type === 'port' ? 65535 : spec.max;
  const signed = spec.type === 'integer';
  if (m[1] === '-' && !signed) {
    // read_unsigned reports any '-' ("negative number") but, with errors ignored (the daemon), keeps what strtoul
    // read when it is in range: '-0', '-00', '-0x', '-' are 0 (2.2.7 daemon: `weight -0` is weight 0); other
    // digits wrap past 2^32 and are refused.
    if (!/^0*$/.test(m[2]!)) return undefined;
    return (min === undefined || min <= 0) && (max === undefined || max >= 0) ? 0 : undefined;
  }
  if (m[3] === '' && m[2] !== '') return undefined;
  const value = (m[1] === '-' ? -1 : 1) * (m[2] ? Number(m[2]) : 0);
  if (!Number.isSafeInteger(value) || (min !== undefined && value < min) || (max !== undefined && value > max)) return undefined;
  return Object.is(value, -0) ? 0 : value;
}

/** strtol's leading number of a word (no digits: 0), as a handler that assigns before it checks keeps it. */
export function strtolLeading(word: string): number {
  const m = STRTOL_LEAD.exec(word)!;
  const value = (m[1] === '-' ? -1 : 1) * (m[2] ? Number(m[2]) : 0);
  return Object.is(value, -0) ? 0 : value;
}

/** What KA205 adds for such a word: keepalived -t and the daemon disagree, and what to write. */
export function daemonLeadingNote(word: string, used: number): string {
  const m = STRTOL_LEAD.exec(word)!;
  const after = m[3]!.length > 12 ? `${m[3]!.slice(0, 12)}…` : m[3]!;
  const head = ': keepalived -t does not use it, but the running daemon only logs a warning and uses';
  // `-0`: strtoul reads 0 and the daemon keeps it, though the reader calls the word negative.
  if (m[1] === '-' && used === 0 && /^0+$/.test(m[2]!)) return `${head} 0 ('-${m[2]}' is the number 0${m[3] ? `, and it ignores the '${after}' after it` : ''}); write 0`;
  return m[2] ? `${head} ${used} (the number before '${after}'); write ${used}` : `${head} 0 (the word has no leading number)`;
}

/**
 * Timers (`advert_int`, `delay_loop`, `preempt_delay`, `connect_timeout`…) are read as a fixed-point
 * number from 2.2.3 on; before, through strtod: 2.0.19, 2.1.5 and 2.2.0 built from their tags accept
 * `0x10`, `1e3` and `1.2345678` silently, 2.2.4 prints "invalid number '0x10'" and "number '1.2345678'
 * has too many decimal places" (keepalived commit "Stop using floating point for timer config parameters").
 */
export const FIXED_POINT_TIMERS_SINCE: Version = [2, 2, 3];

const LEADING_WHITE_SPACE = /^[ \t\n\v\f\r]+/;
const STRTOD_DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const STRTOD_HEX = /^([+-]?)0[xX]([0-9a-fA-F]+)$/;

/** The value strtod reads from a whole word (decimal with exponent, or hex), else undefined: how timers were read before 2.2.3. */
export function strtodValue(text: string): number | undefined {
  // A sign is read too: '-0' is -0.0, not below a least value of 0 (the 2.0.19 build takes `warmup -0`), and
  // white space before it is skipped (2.0.19 takes `warmup "  -0"` and reports `" -0.5"` outside the range).
  text = text.replace(LEADING_WHITE_SPACE, '');
  if (STRTOD_DECIMAL.test(text)) return Number(text.charCodeAt(0) === 43 ? text.slice(1) : text);
  const hex = STRTOD_HEX.exec(text);
  return hex ? (hex[1] === '-' ? -1 : 1) * parseInt(hex[2]!, 16) : undefined;
}

/**
 * What keepalived's fixed-point reader (2.2.3+) makes of a word it reports as an invalid number
 * (`6s`, `2.5s`, `1.12345x6789`): it drops the '.', keeps up to `places` digits after it (one more
 * in the last place when the digit after them is '5' or above), pads with zeros to `places`, and
 * reads the leading digits of that with strtoull. Every timer handler then uses what it read when
 * it is in range, so `delay_loop 6s` is 6 microseconds. The value in the word's unit; undefined
 * when nothing is read (a leading '-' is refused first, "negative number").
 */
export function fixedPointLeading(text: string, places: number): number | undefined {
  if (text.charCodeAt(0) === 45) return undefined;
  const dp = text.indexOf('.');
  let kept = dp < 0 ? 0 : text.length - dp - 1;
  let roundUp = false;
  if (kept > places) {
    // A signed char: bytes above 127 are negative, never '5' or above.
    const c = text.charCodeAt(dp + places + 1);
    roundUp = c >= 53 && c < 128;
    kept = places;
  }
  const padded = (dp < 0 ? text : text.slice(0, dp) + text.slice(dp + 1, dp + 1 + kept)) + '0'.repeat(places - kept);
  // strtoull: white space, an optional sign, then the digits up to the first other character.
  const m = STRTOULL_LEAD.exec(padded)!;
  if (m[1] === '-') return undefined;
  const units = (m[2] ? Number(m[2]) : 0) + (roundUp ? 1 : 0);
  return units / 10 ** places;
}

const STRTOULL_LEAD = /^[ \t\n\v\f\r]*([+-]?)(\d*)/;

const BLANK_MINUS_FIXED = /^[ \t\n\v\f\r]+-(\d*)(?:\.(\d*))?$/;

/**
 * A fixed-point word with white space before a '-' (`"  -0"`, `"\t-5"`): keepalived's fixed-point reader (2.2.3 to
 * 2.4.3) refuses a '-' only as the word's first character; strtoull then skips the white space and negates modulo
 * 2^64, so `"  -0"` is 0 and `"\t-5"` 2^64 - 5000000 microseconds, both without a message (2.2.7 and 2.4.3 -t say
 * nothing where that is in range). That value in the word's unit; undefined for any other word (too many decimal
 * places, or a number past 64 bits, which the reader reports).
 */
export function blankMinusFixed(text: string, places: number): { value: number; shown: string } | undefined {
  const m = BLANK_MINUS_FIXED.exec(text);
  if (!m || (m[2]?.length ?? 0) > places) return undefined;
  const units = BigInt(`0${m[1]}${(m[2] ?? '').padEnd(places, '0')}`);
  const wrap = 1n << 64n;
  if (units >= wrap) return undefined;
  const read = units === 0n ? 0n : wrap - units;
  const digits = read.toString().padStart(places + 1, '0');
  const shown = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return { value: Number(read) / 10 ** places, shown };
}

/** A fixed-point value with `places` decimals, without trailing zeros or an exponent (6e-6 is '0.000006'). */
function fixedText(value: number, places: number): string {
  const t = value.toFixed(places);
  return t.includes('.') ? t.replace(/\.?0+$/, '') : t;
}

/** A number followed by a unit keepalived does not read (`6s`, `2.5sec`, `500ms`): its value in seconds. */
const SUFFIXED_SECONDS = /^(\d+(?:\.\d+)?|\.\d+)(s|sec|secs|second|seconds|ms|msec)$/i;

/** Why a timer word keepalived reports invalid reads as `used`, and what to write, for a message. */
function timerUseNote(word: string, used: number, spec: ArgSpec): string {
  const places = spec.decimals!;
  const unit = spec.unit ? ` ${spec.unit}` : '';
  const head = `keepalived reports an invalid number and still uses ${fixedText(used, places)}${unit}`;
  const m = SUFFIXED_SECONDS.exec(word);
  const meant = meantSeconds(word, spec);
  if (!m || meant === undefined) return head;
  // strtod read the leading number before 2.2.3 (`6s` was 6 seconds there).
  return `${head}: the digits before '${m[2]}' count as millionths of a second (releases before 2.2.3 read ${Number(m[1])} s); write ${meant}`;
}

/** The seconds a timer word with a unit means (`6s` '6', `500ms` '0.5'), else undefined. */
function meantSeconds(word: string, spec: ArgSpec): string | undefined {
  const m = SUFFIXED_SECONDS.exec(word);
  if (!m || spec.unit !== 's') return undefined;
  return fixedText(Number(m[1]) / (m[2]!.toLowerCase().startsWith('ms') ? 1000 : 1), spec.decimals ?? 6);
}

// ---------- addresses ----------

// Four decimal octets 0..255 without leading zeros (inet_pton rejects them).
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_RE = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/** Whether text[start, end) is an IPv4 address (the whole text by default). */
export function isIPv4(text: string, start = 0, end = text.length): boolean {
  // Read by hand, in place: rules and the walker ask this for every address of a large config.
  // Same language as IPV4_RE (test/values.test.ts compares them).
  const n = end;
  if (n - start < 7 || n - start > 15) return false;
  let octets = 0;
  let i = start;
  while (i < n) {
    const from = i;
    let v = 0;
    while (i < n) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
      i++;
    }
    const len = i - from;
    // 1-3 digits, no leading zero, at most 255.
    if (len === 0 || len > 3 || (len > 1 && text.charCodeAt(from) === 48) || v > 255) return false;
    octets++;
    if (i === n) break;
    if (text.charCodeAt(i) !== 46 || octets === 4) return false;
    i++;
    if (i === n) return false;
  }
  return octets === 4;
}

/** The regular-expression form of isIPv4, kept as its specification. */
export function isIPv4Pattern(text: string): boolean {
  return IPV4_RE.test(text);
}

export function isIPv6(text: string): boolean {
  if (text.length < 2 || text.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(text)) return false;
  let s = text;
  let groupsNeeded = 8;
  // An embedded IPv4 tail counts as two groups.
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    const v4 = s.slice(lastColon + 1);
    if (!isIPv4(v4)) return false;
    s = s.slice(0, lastColon + 1) + '0';
    groupsNeeded = 7;
  }
  const dbl = s.indexOf('::');
  if (dbl !== s.lastIndexOf('::')) return false;
  const groupOk = (g: string) => /^[0-9A-Fa-f]{1,4}$/.test(g);
  if (dbl >= 0) {
    const left = s.slice(0, dbl);
    const right = s.slice(dbl + 2);
    const l = left === '' ? [] : left.split(':');
    const r = right === '' ? [] : right.split(':');
    if (![...l, ...r].every(groupOk)) return false;
    return l.length + r.length < groupsNeeded;
  }
  const groups = s.split(':');
  return groups.length === groupsNeeded && groups.every(groupOk);
}

export type Family = 4 | 6;

export function ipFamily(text: string): Family | undefined {
  if (isIPv4(text)) return 4;
  if (isIPv6(text)) return 6;
  return undefined;
}

/**
 * The address keepalived reads from a word it parses as a socket address (real_server,
 * virtual_server, connect_ip, unicast_src_ip, unicast_peer, bfd neighbor_ip…): it ignores
 * everything from the first '-' (else the first '/') on, and takes the family from whether the
 * whole word has a ':'. Undefined when what is left is not an address of that family.
 */
export function sockaddrAddress(text: string): { address: string; family: Family } | undefined {
  const family: Family = text.includes(':') ? 6 : 4;
  const address = sockaddrText(text);
  return (family === 4 ? isIPv4(address) : isIPv6(address)) ? { address, family } : undefined;
}

/**
 * The family of sockaddrAddress(text) without building it: asked for every server, peer and
 * connect address of a large config, where the word is almost always a plain IPv4 address.
 */
export function sockaddrFamily(text: string): Family | undefined {
  if (isIPv4(text)) return 4;
  return sockaddrAddress(text)?.family;
}

/**
 * What keepalived drops from a socket-address word (`/24` of `10.0.0.1/24`, `-5` of `10.0.0.2-5`),
 * or undefined when it reads the whole word.
 */
export function sockaddrIgnoredPart(text: string): string | undefined {
  const kept = sockaddrText(text);
  return kept.length < text.length ? text.slice(kept.length) : undefined;
}

/** The text keepalived reads as the address of a socket-address word: up to its first '-', else its first '/'. */
export function sockaddrText(text: string): string {
  let cut = text.indexOf('-');
  if (cut < 0) cut = text.indexOf('/');
  return cut < 0 ? text : text.slice(0, cut);
}

/**
 * Whether the C library reads a word of digits and dots as an IPv4 address the way inet_aton does
 * (getaddrinfo, which keepalived calls for a host name, tries it first): 1 to 4 parts, the last
 * filling the bytes the others leave (a, a.b, a.b.c, a.b.c.d). Decimal parts only.
 */
function inetAtonDecimal(text: string): boolean {
  const parts = text.split('.');
  if (parts.length > 4) return false;
  const last = Number(parts[parts.length - 1]);
  if (parts.slice(0, -1).some((p) => Number(p) > 255)) return false;
  return last < 2 ** (8 * (5 - parts.length));
}

/**
 * A name a resolver could look up: labels of letters, digits, '-' and '_' (the hosts file allows
 * them), 1 to 63 characters, joined by dots, at most 253 characters, an optional final dot.
 */
export function isHostName(text: string): boolean {
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  return name.length > 0 && name.length <= 253 && /^[A-Za-z0-9_-]{1,63}(?:\.[A-Za-z0-9_-]{1,63})*$/.test(name);
}

export interface Prefix {
  address: string;
  family: Family;
  /** Prefix length; undefined when not written. */
  length?: number;
}

/** Whether parsePrefix(text) reads the word, without building the prefix (the walker asks for every VIP). */
export function isPrefix(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return ipFamily(text) !== undefined;
  // The common IPv4 `a.b.c.d/len`, checked in place.
  if (isIPv4(text, 0, slash)) {
    const len = digitsIn(text, slash + 1, text.length);
    if (text.length - slash - 1 <= 3 && len >= 0 && len <= 32) return true;
  }
  return parsePrefix(text) !== undefined;
}

const PREFIX_LENGTH = /^[ \t\n\v\f\r]*\+?\d+$/;

export function parsePrefix(text: string): Prefix | undefined {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const family = ipFamily(addr);
  if (!family) return undefined;
  if (slash < 0) return { address: addr, family };
  // 1 to 3 digits after the slash, read in place (the model parses every VIP).
  let length = text.length - slash - 1 <= 3 ? digitsIn(text, slash + 1, text.length) : -1;
  // keepalived reads the length with strtoul (atoi before 2.0.7), which also takes a '+', leading zeros and white
  // space before them (`/+24`, `/0024`, a quoted `"10.0.0.1/ 24"`: 2.2.7 and 2.4.3 -t say nothing and use /24).
  if (length < 0 && PREFIX_LENGTH.test(text.slice(slash + 1))) length = Number(text.slice(slash + 1).replace(LEADING_WHITE_SPACE, '').replace(/^\+/, ''));
  if (length < 0) return undefined;
  if (length > (family === 4 ? 32 : 128)) return undefined;
  return { address: addr, family, length };
}

/**
 * An address whose prefix length keepalived from 2.0.7 refuses under -t and in the daemon alike, and
 * replaces by the family's full length (parse_ipaddress: "Invalid address prefix len 33 for address
 * 192.168.10.100/33 - using 32"): a number beyond 32 (IPv4) or 128 (IPv6), with or without something after
 * it, or a negative one (strtoul wraps it). The address is still added, as /32 or /128 (2.2.7 daemon in a
 * namespace: 192.168.10.100/33 is on the interface as /32). Undefined for any other word; before 2.0.7
 * keepalived read the length with atoi into a byte, and the kernel refused an address such as /33.
 */
export function fullLengthPrefix(text: string): (Prefix & { length: number; why: 'long' | 'negative' }) | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = text.slice(0, slash);
  const family = ipFamily(address);
  // A ':' anywhere makes keepalived read the word as IPv6 (parse_ipaddress): `192.0.2.1/24:5` is then no address at all.
  if (!family || (family === 4 && text.includes(':', slash))) return undefined;
  const m = STRTOL_LEAD.exec(text.slice(slash + 1))!;
  // No digits: strtoul reads 0, which the daemon uses (daemonPrefix); '-0' is 0 as well.
  if (!m[2] || /^0+$/.test(m[2])) return undefined;
  const full = family === 4 ? 32 : 128;
  if (m[1] === '-') return { address, family, length: full, why: 'negative' };
  return Number(m[2]) > full ? { address, family, length: full, why: 'long' } : undefined;
}

/**
 * An address whose prefix length has something after its number (`10.0.0.9/24x`): keepalived -t reports
 * an invalid number and uses the full length (/32), the running daemon (2.0.7+) reads the leading number
 * when it is in range (read_unsigned with errors ignored). That reading, else undefined.
 */
export function daemonPrefix(text: string): Prefix | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = text.slice(0, slash);
  const family = ipFamily(address);
  // A ':' anywhere makes keepalived read the word as IPv6 (parse_ipaddress): `192.0.2.1/24:5` is then no address at all.
  if (!family || (family === 4 && text.includes(':', slash))) return undefined;
  const length = daemonLeadingNumber({ name: 'prefix', type: 'unsigned', min: 0, max: family === 4 ? 32 : 128 }, text.slice(slash + 1));
  return length === undefined ? undefined : { address, family, length };
}

/** A canonical form for comparing addresses (lower-case, IPv6 expanded). */
export function canonicalAddress(addr: string): string {
  if (!addr.includes(':')) return addr;
  let s = addr.toLowerCase();
  if (s.includes('.')) {
    const i = s.lastIndexOf(':');
    const v4 = s.slice(i + 1).split('.').map(Number);
    s = s.slice(0, i + 1) + ((v4[0]! << 8) | v4[1]!).toString(16) + ':' + ((v4[2]! << 8) | v4[3]!).toString(16);
  }
  const [l, r] = s.split('::') as [string, string | undefined];
  const left = l ? l.split(':') : [];
  const right = r !== undefined && r !== '' ? r.split(':') : [];
  const fill = r === undefined ? [] : new Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => g.replace(/^0+(?=.)/, '')).join(':');
}

/**
 * A canonical address (canonicalAddress) as people write it: IPv6 with its longest run of zero groups
 * (two or more) shortened to '::' (RFC 5952), so messages say `fd00:1234:5678::9abc` rather than
 * `fd00:1234:5678:0:0:0:0:9abc`. IPv4 and anything else is returned as it is.
 */
export function shownAddress(canonical: string): string {
  const groups = canonical.split(':');
  if (groups.length !== 8) return canonical;
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (best < 0) return canonical;
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLength).join(':')}`;
}

/** Numeric value of an IPv4 address, for ordering and ranges. */
export function ipv4ToNumber(addr: string): number {
  return addr.split('.').reduce((n, p) => n * 256 + Number(p), 0);
}

// ---------- argument checks ----------

/** Other software's names for the VRRP roles, as keepalived's `state` values. */
/** `record[key]` when the record has that key of its own (never a property of Object.prototype). */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

const ROLE_VALUES: Record<string, string | undefined> = { primary: 'MASTER', active: 'MASTER', slave: 'BACKUP', secondary: 'BACKUP', standby: 'BACKUP', passive: 'BACKUP' };

/**
 * Other software's names for IPVS schedulers and forwarding methods (HAProxy's `roundrobin` and
 * `leastconn`, nginx's `least_conn` and `ip_hash`, ipvsadm's long option names): keepalived takes
 * only the IPVS short names. Keyed by the word in lower case without '-' and '_'.
 */
const OTHER_NAMES: Record<string, Record<string, string | undefined> | undefined> = {
  lb_algo: {
    roundrobin: 'rr', weightedroundrobin: 'wrr', staticrr: 'wrr',
    leastconn: 'lc', leastconns: 'lc', leastconnection: 'lc', leastconnections: 'lc',
    weightedleastconn: 'wlc', weightedleastconnection: 'wlc', weightedleastconnections: 'wlc',
    source: 'sh', sourcehash: 'sh', srchash: 'sh', iphash: 'sh',
    destinationhash: 'dh', dsthash: 'dh', maglev: 'mh', maglevhash: 'mh',
    neverqueue: 'nq', shortestexpecteddelay: 'sed', weightedfailover: 'fo', overflow: 'ovf',
  },
  lb_kind: {
    direct: 'DR', directrouting: 'DR', directreturn: 'DR', directserverreturn: 'DR', dsr: 'DR', gatewaying: 'DR', gateway: 'DR', route: 'DR', routing: 'DR',
    tunnel: 'TUN', tunneling: 'TUN', tunnelling: 'TUN', ipip: 'TUN',
    masq: 'NAT', masquerade: 'NAT', masquerading: 'NAT',
  },
};

/** The length of `text` in UTF-8 bytes, without encoding it (keepalived's limits are in bytes). */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Each UTF-16 unit is one byte already counted; add the rest (a surrogate pair is 4 bytes in all,
    // and a byte that was not UTF-8, escaped as a lone surrogate by decodeBytes, is one).
    if (c >= 0x80) n += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdbff ? 1 : c >= 0xdc00 && c <= 0xdfff ? (isEscapedByte(c, i ? text.charCodeAt(i - 1) : 0) ? 0 : 1) : 2;
  }
  return n;
}

/** ' (it is written with the full-width '５' (U+FF15) in place of '5': write '51')' when that is all that keeps a word from being a number. */
function homoglyphNumberNote(word: string): string {
  const latin = latinForHomoglyphs(word);
  if (latin === undefined || !/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(latin)) return '';
  return ` (it is written with ${describeHomoglyphs(word)}: write '${latin}')`;
}

/** Characters of template placeholders (`%VIP%`, `<STATE>`, `{{ state }}`, `@STATE@`): such a word is no typo. */
const PLACEHOLDER_MARKS = /[%<>{}$@]/;
const BOOL_WORDS = new Set(['on', 'off', 'true', 'false', 'yes', 'no']);
/** Enums keepalived compares case-insensitively; everything else is exact. */
// keepalived compares these case-insensitively (syntax.md §3); keyed by keyword, because argument
// names repeat (auth_type's argument is also called `type`, and it is case-sensitive).
const CASE_INSENSITIVE_ENUM_KEYWORDS = new Set(['protocol', 'type', 'vrrp_rx_bufs_policy']);

/** What keepalived does with a word outside the enum, for the keywords where it is not just "ignores the line". */
/**
 * Keywords whose range starts above 0 although 0 is what keepalived does without them: written 0
 * (meaning "none"), keepalived reports the value and ignores the line, which changes nothing
 * (2.2.7: "number '0' outside range [1, 2678400]", "persistence_timeout invalid"; "vrrp_garp_interval '0'
 * is invalid"), so the line can go. About 5% of real configs carry the two GARP ones from one sample.
 */
const ZERO_IS_DEFAULT: Record<string, string> = {
  vrrp_garp_interval: 'no delay between gratuitous ARP messages',
  vrrp_gna_interval: 'no delay between unsolicited neighbour advertisements',
  persistence_timeout: 'no persistence',
};

export function outsideRange(spec: ArgSpec, word: string, keyword: string, value: number): ValueProblem {
  const zero = value === 0 ? ZERO_IS_DEFAULT[keyword] : undefined;
  let note = zero ? `; keepalived reports it and ignores the line, and ${zero} is already its default: remove the line` : '';
  // A bound shown as a decimal but held in a C float a hair above it refuses that decimal itself.
  if (spec.min_shown !== undefined && spec.min !== undefined && value >= Number(spec.min_shown) && value < spec.min) note += ` (keepalived holds the lower bound in a C float, ${spec.min}, a hair above ${spec.min_shown})`;
  // An empty or blank-only word (`retry " "`) is 0 to keepalived's reader: say so, quoted, rather than print the blanks bare.
  const shown = blankOnly(word) ? `'${word}' (read as 0)` : word;
  return { message: `'${keyword}' ${argLabel(spec, keyword)}${shown} is outside ${describeRange(spec)}${note}`, severity: 'error' };
}

const ENUM_FALLBACK: Record<string, string> = {
  state: 'keepalived reports it and starts the instance as BACKUP',
  auth_type: 'keepalived reports it and sets no authentication',
  lb_algo: "keepalived reports it and ignores the line (without another lb_algo, the scheduler is 'wlc')",
  lvs_sched: "keepalived reports it and ignores the line (without another lvs_sched, the scheduler is 'wlc')",
};

const UNIT_NAMES: Record<string, string> = { s: 'seconds', ms: 'milliseconds', us: 'microseconds' };

export function describeRange(spec: ArgSpec): string {
  const unit = spec.unit ? ` ${spec.unit}` : '';
  const min = spec.min_shown ?? spec.min;
  if (spec.min !== undefined && spec.max !== undefined) return `[${min}, ${spec.max}]${unit}`;
  if (spec.min !== undefined) return `>= ${min}${unit}`;
  if (spec.max !== undefined) return `<= ${spec.max}${unit}`;
  return '';
}

/**
 * The argument's name where it tells the reader something: not a unit or a bare 'count' (the range
 * says it) and not the keyword again ('priority' priority 300).
 */
const PLAIN_ARG_NAMES = new Set(['seconds', 'microseconds', 'milliseconds', 'bytes', 'count', 'value', 'vrid']);
function argLabel(spec: ArgSpec, keyword: string): string {
  return PLAIN_ARG_NAMES.has(spec.name) || keyword.endsWith(spec.name) ? '' : `${spec.name} `;
}

/** ' for port', ' for milliseconds': the argument's name unless the keyword or the unit already said it. */
const UNIT_ARG_NAMES = new Set(['seconds', 'microseconds', 'milliseconds']);
function forArg(spec: ArgSpec, keyword: string, unitSaid: boolean): string {
  if (keyword.endsWith(spec.name) || spec.name === 'value' || spec.name === 'count' || spec.name === 'vrid') return '';
  if (unitSaid && UNIT_ARG_NAMES.has(spec.name)) return '';
  return ` for ${spec.name}`;
}

/** Checks one word against its argument spec. Returns undefined when the value is acceptable. */
/**
 * Characters no interface name has (the kernel's dev_valid_name: '/', ':', blanks). Regular
 * expressions live in constants: a literal in a function body makes a new RegExp object each time
 * it is evaluated, and checkArg runs for most lines of a file.
 */
const NOT_IN_IFNAME = /[/:\s]/;
const ONLY_ZEROS = /^0*$/;

/** Whether no Linux interface can have this name (a test without a match object; see invalidIfnameReason). */
export function mayBeInvalidIfname(word: string): boolean {
  return NOT_IN_IFNAME.test(word) || word === '' || word === '.' || word === '..';
}

/**
 * Why no Linux interface can have this name, its length included (at most 15 bytes), or undefined when one
 * can: for the names keepalived looks up and, finding no such interface, refuses (`dev` of an address, route or rule).
 */
export function impossibleIfname(name: string): string | undefined {
  // Read in place for the common name: a UTF-16 unit is at most 3 bytes, so 5 units are at most 15.
  const bytes = name.length <= 5 ? 0 : utf8Length(name);
  if (bytes >= 16) return `is ${bytes} bytes (Linux allows at most 15)`;
  return mayBeInvalidIfname(name) ? invalidIfnameReason(name) : undefined;
}

/**
 * Why no Linux interface can have this name (the kernel's dev_valid_name: not empty, no '/', ':' or blank,
 * and not '.' or '..'), or undefined when one can. Length is checked by the callers.
 */
export function invalidIfnameReason(word: string): string | undefined {
  // `interface ""`: keepalived looks the empty name up like any other and finds nothing (2.2.7 -t: "interface  for
  // vrrp_instance VI_1 doesn't exist", exit 5).
  if (word === '') return 'is empty';
  const bad = NOT_IN_IFNAME.exec(word)?.[0];
  if (bad === undefined && word !== '.' && word !== '..') return undefined;
  if (sockaddrFamily(word) !== undefined) return 'is an IP address';
  if (bad === ':') return "has a ':' (an address label such as eth0:0 is not an interface; give the interface, and the label with 'label')";
  return bad === '/' ? "has a '/'" : bad !== undefined ? 'has a blank' : 'is a path component';
}

/**
 * A status code word: `/^(\d+)(?:-(\d+))?$/` with both numbers 100..599 and the second not below
 * the first, read in place (a 6 MB config has thousands of `status_code 200-299` lines); any other
 * word as keepalived reads it (statusCodesRead).
 */
function statusCodesValid(word: string): boolean {
  const n = word.length;
  let i = 0;
  let first = 0;
  while (i < n && isDigitAt(word, i)) first = Math.min(first * 10 + word.charCodeAt(i++) - 48, 1e6);
  // No leading digit (`+200`, ` 200`), or so many that the unsigned int keepalived keeps wraps: read as keepalived does.
  if (i === 0 || first >= 1e6) return statusCodesRead(word);
  if (first < 100 || first > 599) return false;
  if (i === n) return true;
  if (word.charCodeAt(i) !== 45) return false;
  const from = ++i;
  let second = 0;
  while (i < n && isDigitAt(word, i)) second = Math.min(second * 10 + word.charCodeAt(i++) - 48, 1e6);
  if (i === from || second >= 1e6) return statusCodesRead(word);
  return i === n && second >= 100 && second <= 599 && second >= first;
}

const STRTOUL_AT = /[ \t\n\v\f\r]*([+-]?)(\d+)/y;

/**
 * strtoul(text + at, &end, 10) kept in an unsigned int, as keepalived's status_code handler (2.0.17 on) reads each
 * end of a range: blanks and a sign before the digits are read ('-' negates modulo 2^64, a value past 64 bits is
 * ULONG_MAX), and without digits nothing is (the value is 0 and `end` is `at`).
 */
function strtoulAt(text: string, at: number): { value: number; end: number } {
  STRTOUL_AT.lastIndex = at;
  const m = STRTOUL_AT.exec(text);
  if (!m) return { value: 0, end: at };
  const wrap = 1n << 64n;
  let v = BigInt(m[2]!);
  if (v >= wrap) v = wrap - 1n;
  else if (m[1] === '-') v = (wrap - v) % wrap;
  return { value: Number(v % (1n << 32n)), end: at + m[0].length };
}

/** Whether keepalived's status_code handler takes the word: a code, or two joined by '-', each 100..599, the second not below the first. */
function statusCodesRead(word: string): boolean {
  const first = strtoulAt(word, 0);
  let end = first.end;
  let second = first.value;
  if (word.charCodeAt(end) === 45) ({ value: second, end } = strtoulAt(word, end + 1));
  return end === word.length && first.value >= 100 && first.value <= 599 && second >= 100 && second <= 599 && second >= first.value;
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** The release (2.0.6) from which keepalived reads a url digest pair by pair with strtoul, not as text. */
export const DIGEST_READ_BY_PAIRS_SINCE: Version = [2, 0, 6];

/**
 * The 32 lower-case hex digits of the MD5 sum keepalived 2.0.6 and later read from a 32-character `digest`, or
 * undefined when it refuses one of the pairs. Each pair goes through strtoul(…, 16), which must use both characters:
 * besides two hex digits it takes a blank, '+' or '-' before one digit (' 9' is 09, '-1' is ff: strtoul negates, the
 * byte keeps the low 8 bits), and refuses the rest ("Unable to interpret hex digit").
 */
export function digestBytes(word: string): string | undefined {
  if (word.length !== 32) return undefined;
  let out = '';
  for (let i = 0; i < 32; i += 2) {
    const a = word[i]!;
    const b = word[i + 1]!;
    if (!/[0-9a-fA-F]/.test(b)) return undefined;
    let v: number;
    if (/[0-9a-fA-F]/.test(a)) v = parseInt(a + b, 16);
    else if (/[ \t\n\v\f\r+]/.test(a)) v = parseInt(b, 16);
    else if (a === '-') v = (256 - parseInt(b, 16)) & 0xff;
    else return undefined;
    out += v.toString(16).padStart(2, '0');
  }
  return out;
}

export function checkArg(spec: ArgSpec, word: string, keyword: string, target?: Version): ValueProblem | undefined {
  if (spec.max_length !== undefined) {
    const bytes = utf8Length(word);
    if (bytes > spec.max_length) {
      if (spec.too_long === 'ignored') return { message: `'${keyword}' ${spec.name} '${word}' is ${bytes} bytes, more than the ${spec.max_length} keepalived takes; keepalived reports it and ignores the line`, severity: 'error' };
      return { message: `'${keyword}' ${spec.name} '${word}' is ${bytes} characters; keepalived keeps only the first ${spec.max_length} and reports it`, severity: 'warning' };
    }
  }
  switch (spec.type) {
    case 'unsigned':
    case 'integer': {
      // keepalived's number readers take an empty word ("") as 0, without "invalid number"; the unsigned one a
      // blank-only word too (blankOnly: `retry " "` is 0, then checked against the range like any 0).
      const n = word === '' || (spec.type === 'unsigned' && blankOnly(word)) ? 0 : parseInteger(word);
      if (n === undefined) return { message: `'${keyword}' expects a whole number${forArg(spec, keyword, false)}, got '${word}'${homoglyphNumberNote(word)} (keepalived: invalid number)`, severity: 'error' };
      // keepalived's unsigned reader rejects any '-' after leading white space, '-0' and " -0" included.
      if (spec.type === 'unsigned' && (n < 0 || unsignedNegative(word))) return { message: `'${keyword}' ${argLabel(spec, keyword)}cannot be negative ('${word}')`, severity: 'error' };
      // A server's port 0 is no port only when written as 0s (or not at all); keepalived reads any other word as a port.
      if (n === 0 && spec.zero_needs_zeros && !ONLY_ZEROS.test(word)) return { message: `'${keyword}' ${argLabel(spec, keyword)}'${word}' reads as 0, but keepalived takes 0 (no port) only written as 0: it reads any other word as a port 1..65535 and refuses this one (keepalived: "number '${word}' outside range [1, 65535]")`, severity: 'error' };
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) return outsideRange(spec, word, keyword, n);
      return undefined;
    }
    case 'decimal':
    case 'timer': {
      const wrapped = spec.decimals !== undefined ? blankMinusFixed(word, spec.decimals) : undefined;
      if (wrapped !== undefined) {
        const w = wrapped.value;
        const inRange = (spec.min === undefined || w >= spec.min) && (spec.max === undefined || w <= spec.max);
        if (w === 0) return inRange ? undefined : outsideRange(spec, word, keyword, 0);
        const unit = spec.unit ? ` ${spec.unit}` : '';
        const years = spec.unit === 's' ? ` (about ${Math.round(w / 31_557_600 / 1000)} thousand years)` : '';
        const read = `'${keyword}' ${argLabel(spec, keyword)}'${word}' has blanks before its '-': keepalived's reader refuses a '-' only as the first character, and strtoull skips the blanks and wraps the negative number around to ${wrapped.shown}${unit}${years}`;
        if (!inRange) return { message: `${read}, outside ${describeRange(spec)} (keepalived: "outside range")`, severity: 'error' };
        return { message: `${read}, and keepalived -t says nothing; write the number without the '-'`, severity: 'error', used: 'always' };
      }
      const d = word === '' ? { value: 0, decimals: 0 } : parseDecimal(word);
      const cut = !d && spec.decimals !== undefined ? cutDecimal(word, spec.decimals) : undefined;
      if (cut !== undefined && (spec.min === undefined || cut >= spec.min) && (spec.max === undefined || cut <= spec.max)) {
        return { message: `'${keyword}' ${argLabel(spec, keyword)}${word} has more than ${spec.decimals} decimal places: keepalived reports it and still reads ${cut} (its first ${spec.decimals} places, one more in the last when the character after them is '5' or above, whatever it is; keepalived: "has too many decimal places")`, severity: 'error', used: 'always' };
      }
      if (!d) {
        const what = spec.decimals === 0 ? 'a whole number' : 'a number like 1 or 0.5';
        const unit = UNIT_NAMES[spec.unit ?? ''] ?? spec.unit;
        const problem = `'${keyword}' expects ${what}${unit ? ` of ${unit}` : ''}${forArg(spec, keyword, !!unit)}, got '${word}'${homoglyphNumberNote(word)}`;
        // A timer read as fixed point (the walker leaves `decimals` out for older targets) still uses what it read.
        const used = spec.type === 'timer' && spec.decimals !== undefined ? fixedPointLeading(word, spec.decimals) : undefined;
        if (used !== undefined && (spec.min === undefined || used >= spec.min) && (spec.max === undefined || used <= spec.max)) {
          return { message: `${problem}: ${timerUseNote(word, used, spec)}`, severity: 'error', used: 'always', replacement: meantSeconds(word, spec) };
        }
        // `advert_int 1s`: read as 1 microsecond, out of range; the unit says what was meant.
        const meant = spec.type === 'timer' ? meantSeconds(word, spec) : undefined;
        if (meant !== undefined && (spec.min === undefined || Number(meant) >= spec.min) && (spec.max === undefined || Number(meant) <= spec.max)) {
          return { message: `${problem}: keepalived reads no unit; write ${meant}`, severity: 'error', replacement: meant };
        }
        return { message: problem, severity: 'error' };
      }
      if ((spec.min !== undefined && d.value < spec.min) || (spec.max !== undefined && d.value > spec.max)) return outsideRange(spec, word, keyword, d.value);
      if (spec.decimals !== undefined && d.decimals > spec.decimals) {
        return { message: `'${keyword}' ${argLabel(spec, keyword)}${word} has more than ${spec.decimals} decimal places; keepalived rounds it`, severity: 'error' };
      }
      return undefined;
    }
    case 'bool':
      if (!BOOL_WORDS.has(word)) return { message: `'${keyword}' takes on|off|true|false|yes|no (lower case), got '${word}'`, severity: 'error' };
      return undefined;
    case 'enum':
    case 'enum_or_unsigned': {
      const values = spec.values ?? [];
      if (values.length === 0 || values.includes(word)) return undefined; // the common, exact case first
      const ci = (CASE_INSENSITIVE_ENUM_KEYWORDS.has(keyword) && !spec.case_sensitive) || spec.type === 'enum_or_unsigned';
      const bare = word.replace(/^[+-]/, '');
      const candidates = spec.name === 'checks' ? [word, bare] : [word];
      const ok = candidates.some((w) => values.some((v) => (ci ? v.toLowerCase() === w.toLowerCase() : v === w)));
      if (ok) return undefined;
      if (spec.type === 'enum_or_unsigned') {
        // Read like an unsigned: "" and a blank-only word are 0, and a '-' after leading white space is "negative number" ('-0', " -0" too).
        const n = blankOnly(word) ? 0 : parseInteger(word);
        if (n !== undefined && unsignedNegative(word)) return { message: `'${keyword}' ${argLabel(spec, keyword)}cannot be negative ('${word}')`, severity: 'error' };
        if (n !== undefined && (spec.min === undefined || n >= spec.min) && (spec.max === undefined || n <= spec.max)) return undefined;
        if (n !== undefined) return { message: `'${keyword}' ${argLabel(spec, keyword)}${word} is outside ${describeRange(spec)}`, severity: 'error' };
      }
      const hint = values.find((v) => v.toLowerCase() === word.toLowerCase());
      // Other software's words for the roles (`state SLAVE`, `state PRIMARY`): keepalived's are MASTER and BACKUP.
      // Looked up as own keys: a word such as 'constructor' must not find Object.prototype's.
      const role = ownValue(ROLE_VALUES, word.toLowerCase());
      const other = ownValue(OTHER_NAMES[keyword], word.toLowerCase().replace(/[-_]/g, ''));
      const roleNote = role && values.includes(role) ? ` (keepalived calls this role ${role}: write '${role}')`
        : other && values.includes(other) ? ` (keepalived names it by its IPVS name: write '${other}')` : '';
      // `MАSTER` with a Cyrillic 'А' prints like the value it misses: name the letter.
      const latin = latinForHomoglyphs(word);
      const lookalike = latin !== undefined && values.some((v) => (ci ? v.toLowerCase() === latin.toLowerCase() : v === latin));
      // A misspelt word (`state BACUP`, `lb_kind DRR`): the nearest value, when one is near enough.
      // Not for another fork's word (DPVS's FNAT is no misspelt NAT) nor a placeholder (`%MASTER%`, `<STATE>`).
      const near = lookalike || hint || roleNote || word.length < 3 || PLACEHOLDER_MARKS.test(word) || forkOfValue(keyword, word) ? undefined : suggest(word, values);
      const caseNote = lookalike
        ? ` (it is written with ${describeHomoglyphs(word)}: write '${latin}')`
        : hint && spec.case_sensitive ? ` (keepalived before ${spec.case_insensitive_since} reads only the word in this case: write '${hint}')`
        : hint ? ` (values are case-sensitive: write '${hint}')`
        : near ? ` (did you mean '${near}'?)` : roleNote;
      // A lone allowed word ('weight N reverse'): "must be one of reverse" reads oddly.
      if (values.length === 1 && spec.type === 'enum') return { message: `'${keyword}' takes only '${values[0]}' here; got '${word}'${caseNote}`, severity: 'error' };
      // "'state' state must be" says the name twice.
      const what = spec.name === keyword ? '' : ` ${spec.name}`;
      const fallback = spec.unchecked_in
        ? `; keepalived ${spec.unchecked_in} does not check it: it hands '${word}' to IPVS, which refuses a scheduler it does not know, so this virtual server is never set up`
        : ENUM_FALLBACK[keyword] ? `; ${ENUM_FALLBACK[keyword]}` : '';
      const since = ownValue(spec.values_since, word);
      const later = since !== undefined ? ` ('${word}' came in keepalived ${since})` : '';
      const fork = forkOfValue(keyword, word);
      const forkWords = fork ? forkNote(fork, `'${word}'`) : '';
      // The word in the table's case, or in Latin letters, is a suggestion: it changes what keepalived reads.
      const meant = lookalike ? values.find((v) => (ci ? v.toLowerCase() === latin!.toLowerCase() : v === latin)) : hint ?? near ?? (roleNote ? (role ?? other) : undefined);
      return { message: `'${keyword}'${what} must be one of ${values.join(', ')}; got '${word}'${later}${caseNote}${forkWords}${fallback}`, severity: 'error', replacement: meant };
    }
    // keepalived reads these as socket addresses: a '-range' or '/mask' after the address is ignored.
    case 'ipaddr':
      if (!sockaddrFamily(word)) return { message: `'${keyword}' expects an IP address, got '${word}'`, severity: 'error' };
      return undefined;
    case 'ipv4':
      if (sockaddrFamily(word) !== 4) return { message: `'${keyword}' expects an IPv4 address, got '${word}'`, severity: 'error' };
      return undefined;
    case 'ipv6':
      if (sockaddrFamily(word) !== 6) return { message: `'${keyword}' expects an IPv6 address, got '${word}'`, severity: 'error' };
      return undefined;
    case 'host':
      // Whether a name resolves depends on the machine; a word that cannot be a host name never does.
      // A scoped IPv6 address (fe80::1%eth0) resolves when the interface exists.
      // Digits and dots that do not make an IPv4 address (a part above 255) name nothing either: the
      // resolver reads such a word as a number or not at all, and no DNS name ends in a label of digits.
      if (/^\d+(?:\.\d+)*\.?$/.test(word) && !inetAtonDecimal(word.replace(/\.$/, ''))) {
        return { message: `'${keyword}' expects an IP address or a host name, got '${word}': it is no IPv4 address (a part is too large) and no resolver reads a name of digits (keepalived: "Invalid smtp server")`, severity: 'error' };
      }
      if (ipFamily(word) || isHostName(word)) return undefined;
      const zone = word.indexOf('%');
      if (zone > 0 && zone < word.length - 1 && isIPv6(word.slice(0, zone))) return undefined;
      return { message: `'${keyword}' expects an IP address or a host name, got '${word}': no machine can resolve it (keepalived: "Invalid smtp server")`, severity: 'error' };
    case 'ip_prefix':
      if (!isPrefix(word)) {
        // `10.1.1.1/`: keepalived reads an empty prefix as 0 (strtoul of nothing, no error), silently, in -t and in the
        // daemon alike: the address goes on the interface as 10.1.1.1/0 (2.2.7, seen in a network namespace).
        const family = word.endsWith('/') ? ipFamily(word.slice(0, -1)) : undefined;
        if (family) return { message: `'${keyword}' got '${word}': nothing follows the '/', which keepalived reads as the prefix length 0 without a word (keepalived -t does not report it), so it adds the address as ${word}0; write the length (/${family === 4 ? 32 : 128} for one address) or drop the '/'`, severity: 'warning' };
        // keepalived reports the line ("VRRP parsed invalid IP … skipping IP", 2.2.7) and adds nothing for it.
        const quad = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:\/\d+)?$/.exec(word);
        const big = quad ? ' (a part of the IPv4 address is above 255)' : '';
        // Only when the address itself is unreadable: a bad prefix length is read differently by release (KA205 above).
        const slashAt = word.indexOf('/');
        const skipped = ipFamily(slashAt < 0 ? word : word.slice(0, slashAt)) ? '' : '; keepalived reports the line and skips it';
        return { message: `'${keyword}' expects an address with an optional /prefix, got '${word}'${big && quad!.slice(1, 5).some((x) => Number(x) > 255) ? big : ''}${skipped}`, severity: 'error' };
      }
      return undefined;
    case 'port': {
      const n = parseInteger(word);
      if (n === undefined || n < 1 || n > 65535) return { message: `'${keyword}' expects a port 1..65535, got '${word}'`, severity: 'error' };
      return undefined;
    }
    case 'ifname': {
      const bytes = utf8Length(word);
      // A tracked interface is looked up by the name as written: none has it, and keepalived refuses the configuration
      // (2.2.7: "tracked interface … doesn't exist", "Non-existent interface specified in configuration"; the daemon
      // terminates). With dynamic_interfaces it tracks the name cut to 15 bytes, and the instance stays in FAULT.
      if (bytes >= 16 && keyword === 'track_interface' && (!target || compareVersions(target, TRACKED_IFNAME_LOOKED_UP_SINCE) >= 0)) return { message: `interface name '${word}' is ${bytes} bytes; Linux allows at most 15, so no host has it: keepalived reports the tracked interface missing and refuses the configuration (with dynamic_interfaces it waits for an interface named '${cutToBytes(word, 15)}', in FAULT)`, severity: 'error' };
      if (bytes >= 16) return { message: `interface name '${word}' is ${bytes} bytes; Linux allows at most 15, keepalived ignores it`, severity: 'error' };
      // A checker binds its socket to bind_if only when the name is not empty (layer4.c, 2.0.19 to 2.4.3).
      if (word === '' && keyword === 'bind_if') return { message: `'bind_if' is empty: keepalived binds the checker to an interface only when the name is not empty, so this line is the same as no bind_if (and undoes an earlier one); write the interface's name or remove the line`, severity: 'warning' };
      // keepalived finds no such interface on any host (2.2.7 -t: "interface eth0:0 for vrrp_instance A doesn't exist", exit 5).
      const why = mayBeInvalidIfname(word) ? invalidIfnameReason(word) : undefined;
      if (why !== undefined) return { message: `interface name '${word}' ${why}: no Linux interface can have this name, so keepalived finds no such interface`, severity: 'error' };
      // A legal name, but keepalived looks the interface up by name, not by an address it holds.
      if (isIPv4(word)) return { message: `interface name '${word}' is an IPv4 address: keepalived looks for an interface of that name, not for the one holding the address; write the interface's name (eth0, ens192…)`, severity: 'warning' };
      return undefined;
    }
    case 'hex':
      // A digest keepalived reads pair by pair (KA529 says how it reads one not written as plain hex).
      if (keyword === 'digest' && target && compareVersions(target, DIGEST_READ_BY_PAIRS_SINCE) >= 0 && digestBytes(word) !== undefined) return undefined;
      // X/x (a wildcard nibble) only in require_reply: keepalived reads payload without a mask.
      // keepalived joins the words and reads the hex with blanks between bytes: "de ad" is fine.
      if (!(keyword === 'require_reply' ? /^[0-9A-Fa-fXx \t]*[0-9A-Fa-fXx][0-9A-Fa-fXx \t]*$/ : /^[0-9A-Fa-f \t]*[0-9A-Fa-f][0-9A-Fa-f \t]*$/).test(word)) return { message: `'${keyword}' expects hex digits, got '${word}'`, severity: 'error' };
      return undefined;
    case 'path': {
      // NAME_MAX: no Linux file system takes a file name over 255 bytes (ENAMETOOLONG). A UTF-16
      // unit is at most 3 bytes, so a word of 85 units or fewer cannot hold such a name: most paths
      // are answered without splitting them.
      if (word.length <= 85) return undefined;
      const long = word.split('/').find((part) => utf8Length(part) > 255);
      if (long === undefined) return undefined;
      // keepalived checks config_save_dir while reading it; the other paths fail when used.
      const when = keyword === 'config_save_dir' ? 'keepalived reports it ("File name too long") and ignores the line' : 'keepalived cannot create or open it';
      return { message: `'${keyword}' ${spec.name} has a name of ${utf8Length(long)} bytes; Linux allows at most 255 in one path component, so ${when}`, severity: keyword === 'config_save_dir' ? 'error' : 'warning' };
    }
    case 'status_codes':
      if (!statusCodesValid(word)) return { message: `'${keyword}' expects HTTP status codes 100..599 or ranges like 200-299, got '${word}'`, severity: 'error' };
      return undefined;
    default:
      return undefined;
  }
}

// ---------- DNS_CHECK names ----------

/** From this release keepalived refuses a DNS_CHECK name with an empty label (0b115c7d); the next `name` line is then read. */
export const DNS_NAME_REFUSED_SINCE: Version = [2, 1, 4];

/** keepalived rejects a leading dot (except the root name ".") and any "..". */
export function hasEmptyLabel(name: string): boolean {
  if (name.startsWith('.') && name !== '.') return true;
  return name.includes('..');
}

/**
 * keepalived's test for an empty label (2.1.4 to 2.4.3 and master, check_dns.c) starts at the first character as
 * if it were a dot, so a one-character first label ('a.example.com') is refused too: "DNS_CHECK name
 * 'a.example.com' has empty label - ignoring" from the 2.1.4, 2.2.7 and 2.4.3 builds; 2.0.19 takes the name.
 */
export function misreadFirstLabel(name: string): boolean {
  return name.length > 1 && name[0] !== '.' && name[1] === '.';
}

/**
 * From this release keepalived checks the global vrrp_mcast_group4/6 (9b4ea45e): an address it
 * cannot read, of the other family or not multicast is reported and skipped, leaving the group set
 * before it. Earlier releases store whatever address they parse.
 */
export const GLOBAL_MCAST_GROUP_CHECKED_SINCE: Version = [2, 2, 5];

/** Whether `target` refuses a global vrrp_mcast_group4/6 address (`keyword`), keeping the group an earlier line set. */
export function globalMcastGroupRefused(keyword: string, text: string | undefined, target: Version | undefined): boolean {
  if (text === undefined || (target && compareVersions(target, GLOBAL_MCAST_GROUP_CHECKED_SINCE) < 0)) return false;
  const sa = sockaddrAddress(text);
  if (!sa || sa.family !== (keyword === 'vrrp_mcast_group6' ? 6 : 4)) return true;
  if (sa.family === 4) {
    const first = parseInt(sa.address, 10);
    return first < 224 || first > 239;
  }
  return !/^ff/i.test(canonicalAddress(sa.address));
}

/** Whether `target` refuses this DNS_CHECK name, leaving the name unset for a later `name` line. */
export function dnsNameRefused(name: string, target: Version): boolean {
  return compareVersions(target, DNS_NAME_REFUSED_SINCE) >= 0 && (hasEmptyLabel(name) || misreadFirstLabel(name));
}

/** Before 2.0.0 a tracked interface no host has is logged ("no match, ignoring...") and left out (1.3.5 runs). */
const TRACKED_IFNAME_LOOKED_UP_SINCE: Version = [2, 0, 0];

/** The first `max` bytes of `text` in UTF-8, as a C string cut there reads (a split character's bytes left out). */
function cutToBytes(text: string, max: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = utf8Length(ch);
    if (used + n > max) break;
    out += ch;
    used += n;
  }
  return out;
}
