// A reading of `virtual_routes` / `static_routes` and `virtual_rules` / `static_rules` lines that
// follows keepalived 2.2.7's iproute2-like option walk closely enough to find what it rejects or
// warns about: unparsable addresses, mixed families, deprecated `gw` / `or`, untrackable routes,
// rules without preference or with several actions.

import type { AstNode, ValueLine, Word } from '../../core/analysis/ast.js';
import { impossibleIfname, ipFamily, parseDecimal, rtNumber, type Family } from '../../core/analysis/values.js';
import { perModel } from './util.js';
import { trackGroupsBefore } from './track-groups.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

export interface LineProblem {
  word: Word;
  message: string;
  /**
   * 'skip': keepalived drops the line; 'adjust': it keeps the line with a changed value; 'stops':
   * an option's value is missing and keepalived reads no further ("missing a parameter").
   */
  effect: 'skip' | 'adjust' | 'stops';
  /** An adjustment that changes what the line does (reported as an error, not a warning). */
  serious?: boolean;
  /** A `dev` name no interface can have (why): with dynamic_interfaces keepalived keeps the line, waiting for it. */
  impossibleInterface?: string;
  /**
   * That name is the line's own interface (a route's `dev`/`oif`, a rule's `dev`/`iif`/`oif`; not a nexthop's), which
   * a vrrp_instance tracks for its virtual_routes and virtual_rules (from 2.0.1) unless the line has `no_track`.
   */
  ownInterface?: boolean;
  /**
   * A later `dev`/`oif` (a rule's `dev`/`iif`, or `oif`) on the line that replaces this one's interface: keepalived keeps
   * the last (vrrp_iproute.c / vrrp_iprule.c set the interface again for each), so this one is neither used nor tracked.
   */
  replacedBy?: Word;
  /** The first release that makes this adjustment or drops the line for it (earlier targets are not told). */
  since?: Version;
  /**
   * The first release that no longer drops the line for it (later targets are not told). Such a problem does not end
   * the walk: from this release on the line is read on, and before it the line ends here (as with optionTooNew).
   */
  until?: Version;
  /** The message as a given target's reading words it (when it names the release). */
  messageAt?: (target: Version) => string;
}

export interface RouteReading {
  line: ValueLine;
  problems: LineProblem[];
  /** `gw` / `or` words (deprecated but still accepted). */
  deprecated: { word: Word; replacement: string }[];
  /** The destination word, when one was found. */
  dest?: Word;
  /** `dev` / `oif` given for the route itself (not only inside nexthops). */
  hasInterface: boolean;
  noTrack: boolean;
  /** A `protocol` other than keepalived's own (tracking replaces it). */
  foreignProtocol?: Word;
  /** False when the walk met something it does not model (then only earlier findings count). */
  complete: boolean;
  /** Option words that older releases do not know (ROUTE_OPTION_SINCE), in reading order. */
  dated?: Word[];
}

export interface RuleReading {
  line: ValueLine;
  problems: LineProblem[];
  /** A `protocol` keepalived reads, other than its own (tracking replaces it). */
  foreignProtocol?: Word;
  noTrack: boolean;
  hasPreference: boolean;
  actions: Word[];
  complete: boolean;
  /** Option words that older releases do not know (RULE_OPTION_SINCE), in reading order. */
  dated?: Word[];
}

/**
 * Route options keepalived added after 1.3.0, by the first release that reads them (each release's
 * vrrp_iproute.c, from its tag): an earlier one takes the word for the destination, which is no address,
 * and drops the route ("unknown route keyword X"; 1.3.5 and 1.3.9 builds: `no_track`, `ttl-propagate`,
 * `fastopen_no_cookie`). 2.0.1 and 2.0.2 spelt `no_track` as `no-track`.
 */
const ROUTE_OPTION_SINCE: ReadonlyMap<string, Version> = new Map(Object.entries({
  fastopen_no_cookie: [1, 4, 3],
  no_track: [2, 0, 3],
  track_group: [2, 0, 3],
  'ttl-propagate': [2, 0, 8],
  add: [2, 2, 5],
  append: [2, 2, 5],
  prepend: [2, 2, 5],
  vrf: [2, 2, 5],
} satisfies Record<string, Version>));
/** Rule options keepalived added after 1.3.0 (vrrp_iprule.c): an earlier release drops the rule ("Unknown rule option X"). */
const RULE_OPTION_SINCE: ReadonlyMap<string, Version> = new Map(Object.entries({
  uidrange: [1, 3, 5],
  l3mdev: [1, 4, 3],
  inet: [2, 0, 1],
  inet6: [2, 0, 1],
  protocol: [2, 0, 1],
  ipproto: [2, 0, 1],
  sport: [2, 0, 1],
  dport: [2, 0, 1],
  no_track: [2, 0, 3],
  track_group: [2, 0, 3],
} satisfies Record<string, Version>));

/**
 * The first option of the line that `target` does not know yet, as the problem that drops the line there, or
 * undefined. keepalived stops at that word: what the walk found after it does not happen at that release.
 */
export function optionTooNew(r: RouteReading | RuleReading, target: Version): LineProblem | undefined {
  // A word that only releases before `until` refuse (a rule's `from all` before 2.0.8) ends the line there too.
  const older = r.problems.find((p) => p.until && compareVersions(target, p.until) < 0);
  const dated = r.dated;
  if (!dated) return older;
  const route = 'deprecated' in r;
  for (let i = 0; i < dated.length; i++) {
    const w = dated[i]!;
    const since = (route ? ROUTE_OPTION_SINCE : RULE_OPTION_SINCE).get(w.text)!;
    if (compareVersions(target, since) >= 0) continue;
    if (older && older.word.file === w.file && older.word.start < w.start) return older;
    const v = target.join('.');
    const message = route
      ? `'${w.text}' is a route option only from keepalived ${since.join('.')}: keepalived ${v} reads it as the destination, which is no address (keepalived: "unknown route keyword ${w.text}")`
      : `'${w.text}' is a rule option only from keepalived ${since.join('.')} (keepalived ${v}: "Unknown rule option ${w.text}")`;
    return { word: w, message, effect: 'skip' };
  }
  return older;
}

/** True when keepalived `target` drops the line: a problem of the walk, or an option it does not know yet. */
export function skippedAt(r: RouteReading | RuleReading, target: Version): boolean {
  return skipped(r.problems, target) || optionTooNew(r, target) !== undefined;
}

/** Route types keepalived accepts before the destination (lib/rttables.c's names, exact). */
const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'brd', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat', 'anycast', 'xresolve']);
/** A route type written as a number: strtoul(…, 0) read whole (decimal, 0x hex, 0-led octal), 0..255, no '-'. */
const RTNTYPE_NUMBER = /^[ \t\n\v\f\r]*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/;

/** The route type keepalived's find_rttables_rtntype reads from a word: its number, or undefined. */
function routeTypeNumber(text: string): number | undefined {
  const digits = RTNTYPE_NUMBER.exec(text)?.[1];
  if (digits === undefined) return undefined;
  const v = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits[0] === '0' ? parseInt(digits.slice(1), 8) : Number(digits);
  return v <= 255 ? v : undefined;
}

function isRouteType(text: string): boolean {
  return ROUTE_TYPES.has(text) || routeTypeNumber(text) !== undefined;
}
/** The rule actions a route type number stands for (RTN_BLACKHOLE, RTN_UNREACHABLE, RTN_PROHIBIT). */
const RULE_ACTION_NUMBERS: Record<number, string> = { 6: 'blackhole', 7: 'unreachable', 8: 'prohibit' };
/** Route options with one value; those in ROUTE_LOCKABLE may be preceded by `lock`. */
const ROUTE_PREF_NAMES: ReadonlySet<string> = new Set(['low', 'medium', 'high']);
const ROUTE_ONE_ARG = new Set(['tos', 'dsfield', 'table', 'scope', 'metric', 'priority', 'preference', 'dev', 'oif', 'expires', 'hoplimit', 'window', 'realms', 'initcwnd', 'initrwnd', 'features', 'quickack', 'pref', 'ttl-propagate', 'fastopen_no_cookie', 'vrf', 'track_group']);
/** Encapsulation types keepalived 2.2.7 reads (mpls and ila when built with them, as Debian's package is). */
const ENCAP_TYPES = new Set(['ip', 'ip6', 'mpls', 'ila']);
const ROUTE_LOCKABLE = new Set(['mtu', 'advmss', 'rtt', 'rttvar', 'reordering', 'cwnd', 'ssthresh', 'rto_min', 'congctl']);
/** Route options whose value keepalived reads as an unsigned number. */
const ROUTE_NUMERIC = new Set(['metric', 'priority', 'preference', 'mtu', 'advmss', 'window', 'hoplimit', 'initcwnd', 'initrwnd', 'expires', 'reordering', 'cwnd', 'ssthresh', 'quickack', 'fastopen_no_cookie']);
/** The largest value keepalived 2.2.7 reads for a numeric route option (get_u8/get_u32); others 4294967295. */
const ROUTE_NUMERIC_MAX: Record<string, number> = { hoplimit: 255, quickack: 1, fastopen_no_cookie: 1 };
/** Route times read by get_time_rtt, with the kernel units per millisecond they are kept in. */
const ROUTE_RTT_UNITS: Record<string, number> = { rtt: 8, rttvar: 4, rto_min: 1 };

/**
 * Why keepalived's get_time_rtt rejects a route time (it then drops the route), or undefined: a
 * plain number (kernel units) or `Nms` is whole, `Ns` has at most 3 decimals; at most 120 s.
 */
function rttProblem(text: string, unitsPerMs: number): string | undefined {
  const max = 120000 * unitsPerMs;
  let num = text;
  let decimals = 0;
  let perUnit = 1;
  const at = text.search(/[sS]/);
  if (at >= 0) {
    const unit = text.slice(at).toLowerCase();
    if (unit !== 's' && unit !== 'sec' && unit !== 'secs') return `'${text}' has a unit keepalived does not know (use s or ms)`;
    let end = at;
    decimals = 3;
    perUnit = 1000;
    if (end > 0 && (text[end - 1] === 'm' || text[end - 1] === 'M')) {
      end--;
      decimals = 0;
      perUnit = 1;
    }
    num = text.slice(0, end);
  }
  const d = /[eE]/.test(num) ? undefined : parseDecimal(num);
  if (!d || num === '') return `'${text}' is not a time keepalived reads (a number, Nms or Ns)`;
  if (d.decimals > decimals) return `'${text}' has more than ${decimals} decimal places`;
  if (Math.round(d.value * perUnit) > max) return `'${text}' is above the maximum ${max / perUnit}${perUnit === 1000 ? 's' : at >= 0 ? 'ms' : ''}`;
  return undefined;
}
/** 2570f417 (2.2.3) read route times as integers and clamped them to 200 ms .. 120 s. */
const RTT_CLAMPED_SINCE: Version = [2, 2, 3];
/**
 * A route time keepalived reads but then clamps to 200 ms .. 120 s (get_time_rtt, "resetting"), with
 * what it says and uses; undefined when it is in range (or not read at all, see rttProblem).
 */
function rttReset(text: string, unitsPerMs: number): { why: string; said: string; uses: string } | undefined {
  const m = /^(\d+(?:\.\d*)?)(ms|s|sec|secs)?$/i.exec(text);
  if (!m) return undefined;
  const unit = m[2]?.toLowerCase();
  // In the kernel's units: a plain number is already one, a time in ms or s is converted.
  const units = Number(m[1]) * (unit === undefined ? 1 : unit === 'ms' ? unitsPerMs : 1000 * unitsPerMs);
  if (units < 200 * unitsPerMs) return { why: `'${text}' is below keepalived's minimum of 200ms`, said: 'below minimum 200ms', uses: '200ms' };
  if (units > 120000 * unitsPerMs) return { why: `'${text}' is above keepalived's maximum of 120s`, said: 'exceeds maximum 120s', uses: '120s' };
  return undefined;
}
const ROUTE_NO_ARG = new Set(['onlink', 'add', 'prepend', 'append', 'no_track']);
/** Route options keepalived reads a value after (a last word among these stops its reading). */
const ROUTE_NEEDS_VALUE = new Set([...ROUTE_ONE_ARG, ...ROUTE_LOCKABLE, 'via', 'gw', 'src', 'from', 'or', 'protocol', 'as']);
/** The first release whose route destination `default`/`any`/`all` has no family (vrrp_ipaddress.c parse_route). */
export const SPECIAL_DEST_UNSPEC_SINCE: Version = [2, 0, 8];
/** Destinations that are not addresses (family left open). */
const SPECIAL_DESTS = new Set(['default', 'any', 'all']);
/** keepalived's own route protocol, by name and number. */
const KEEPALIVED_PROTOCOL = new Set(['keepalived', '18']);

interface Parsed {
  ok: boolean;
  family?: Family;
  /** A prefix length beyond the family's maximum (keepalived then uses the maximum). */
  badPrefix?: string;
}

/** keepalived's parse_ipaddress: family from ':', optional /len where allowed, then inet_pton. */
function parseAddress(text: string, allowPrefix: boolean): Parsed {
  const family: Family = text.includes(':') ? 6 : 4;
  const slash = allowPrefix ? text.indexOf('/') : -1;
  const addr = slash < 0 ? text : text.slice(0, slash);
  if (ipFamily(addr) !== family) return { ok: false };
  if (slash >= 0) {
    const len = text.slice(slash + 1);
    // strtoul takes a '+' and leading zeros (`/+8`, `/0016`: 2.2.7 -t says nothing).
    if (!/^\+?\d+$/.test(len) || Number(len.replace(/^\+/, '')) > (family === 4 ? 32 : 128)) return { ok: true, family, badPrefix: len };
  }
  return { ok: true, family };
}

/** keepalived's parse_route: the special names, `default6`, or an address with prefix. */
function parseRouteAddress(text: string): Parsed {
  if (SPECIAL_DESTS.has(text)) return { ok: true };
  if (text === 'default6') return { ok: true, family: 6 };
  return parseAddress(text, true);
}

const skip = (word: Word, message: string): LineProblem => ({ word, message, effect: 'skip' });
/**
 * keepalived looks up a route's or rule's interface and drops the line when it finds none; some
 * names none can have. With dynamic_interfaces it makes a placeholder interface and keeps the line
 * (then an 'adjust': the line is read on, and the rule reports it as never installed).
 */
function interfaceProblem(name: Word, what: string, dynamicInterfaces: boolean, own = false): LineProblem | undefined {
  const why = impossibleIfname(name.text);
  if (why === undefined) return undefined;
  const message = `interface name '${name.text}' ${why}: no Linux interface can have this name (keepalived: "WARNING - interface ${name.text} for ${what} doesn't exist")`;
  return { word: name, message, effect: dynamicInterfaces ? 'adjust' : 'skip', impossibleInterface: why, ...(own ? { ownInterface: true } : {}) };
}
/** An option that needs a value ends the line: keepalived 2.2.7 exits there (null_strvec). */
const noValue = (word: Word): LineProblem => ({ word, message: `'${word.text}' needs a value after it (keepalived: "missing a parameter after keyword")`, effect: 'stops' });

/** Tracks the line's address family like keepalived: the first address fixes it. */
class FamilyCheck {
  family?: Family;
  constructor(private readonly problems: LineProblem[]) {}

  /** False (and a problem recorded) when the address is unusable or of the other family. */
  accept(word: Word, parsed: Parsed, what: string, specialHasNoFamily?: 'rule' | 'route'): boolean {
    if (!parsed.ok) {
      this.problems.push(skip(word, `${what} '${word.text}' is not a valid IP address`));
      return false;
    }
    if (parsed.badPrefix !== undefined) {
      this.problems.push({ word, message: `prefix length /${parsed.badPrefix} of '${word.text}' is not valid for IPv${parsed.family}; keepalived uses /${parsed.family === 4 ? 32 : 128}`, effect: 'adjust' });
    }
    if (parsed.family === undefined) {
      // A rule's from/to or a route's destination `all`, `any` or `default` has no family (AF_UNSPEC), which
      // keepalived compares with the family the line already has as a mismatch; only first on the line it is
      // taken. For routes from 2.0.8 (843ffc80): before it `default` was IPv4 and `any`/`all` no destination.
      if (specialHasNoFamily && this.family !== undefined) {
        const said = specialHasNoFamily === 'rule' ? 'rule specification has mixed IPv4 and IPv6' : `Cannot mix IPv4 and IPv6 addresses for route (${word.text})`;
        const fix = specialHasNoFamily === 'rule' ? 'put it first or leave it out' : `keepalived takes it only before any address; write '${this.family === 4 ? '0.0.0.0/0' : '::/0'}'`;
        this.problems.push({ ...skip(word, `'${word.text}' has no address family, but the line is already IPv${this.family} (keepalived: "${said}"); ${fix}`), ...(specialHasNoFamily === 'route' ? { since: SPECIAL_DEST_UNSPEC_SINCE } : {}) });
        return false;
      }
      return true;
    }
    if (this.family !== undefined && this.family !== parsed.family) {
      this.problems.push(skip(word, `'${word.text}' is IPv${parsed.family} but the line already has IPv${this.family} addresses`));
      return false;
    }
    this.family = parsed.family;
    return true;
  }

  set(word: Word, family: Family): boolean {
    if (this.family !== undefined && this.family !== family) {
      this.problems.push(skip(word, `'${word.text}' contradicts the line's IPv${this.family} addresses`));
      return false;
    }
    this.family = family;
    return true;
  }
}

// Four rules read each route line and two each rule line; the analysis does not change meanwhile.
const routeReadings = new WeakMap<ValueLine, RouteReading>();
const ruleReadings = new WeakMap<ValueLine, RuleReading>();

/** A line of `block` (static_routes, or an instance's virtual_routes). */
export function readRoute(line: ValueLine, block: AstNode, dynamicInterfaces: boolean): RouteReading {
  let r = routeReadings.get(line);
  if (!r) routeReadings.set(line, (r = walkRoute(line, block.keyword === 'static_routes', dynamicInterfaces, trackGroupsBefore(block))));
  return r;
}

/** A line of `block` (static_rules, or an instance's virtual_rules). */
export function readRule(line: ValueLine, block: AstNode, dynamicInterfaces: boolean): RuleReading {
  let r = ruleReadings.get(line);
  if (!r) ruleReadings.set(line, (r = walkRule(line, block.keyword === 'static_rules', dynamicInterfaces, trackGroupsBefore(block))));
  return r;
}

// keepalived takes `track_group NAME` on static routes and rules only; in an instance's
// virtual_routes or virtual_rules it is an unknown word and the line is dropped.
/** What keepalived says of a second `track_group` after `first`, which it found. */
const duplicateTrackGroup = (first: Word, second: Word) => `'track_group' is given twice, and keepalived keeps the first ('${first.text}') (keepalived: "track_group ${second.text} is a duplicate")`;
const instanceTrackGroup = (w: Word) => skip(w, `'track_group' applies to static routes and rules only; an instance's own routes and rules follow the instance`);

/**
 * The nexthops from words[i] (a `nexthop`) on, as keepalived's parse_nexthops reads them (the same from 1.3.5 to
 * 2.4.3). A nexthop it cannot use (a gateway that is no address or of the other family, a weight or realms it cannot
 * read, an interface no host can have, `as [to]`) ends the nexthops there: keepalived drops that nexthop and those after
 * it and keeps the route with the ones before (2.2.7 daemon: `10.1.0.0/16 dev eth0 nexthop via 1.2.3 dev eth0` was
 * installed on-link). A word that is no nexthop option ends them too: keepalived keeps what it read and ignores the rest
 * of the line ("Route has trailing nonsense after nexthops").
 */
function walkNexthops(words: Word[], i: number, fam: FamilyCheck, problems: LineProblem[], dynamicInterfaces: boolean): void {
  // Nexthops keepalived read whole before the one it drops, and whether the route names its own interface: with
  // neither, the route it adds has no gateway and no device, which the kernel refuses (2.2.7 daemon on Linux 6.18:
  // `10.9.0.0/16 nexthop via 1.2.3` "No such device", not installed; with `dev eth0` before the nexthops it was
  // installed on-link; recheck63).
  let kept = 0;
  const routeDevice = words.slice(0, i).some((w) => w.text === 'dev' || w.text === 'oif');
  const drop = (word: Word, why: string, said?: string) => {
    const none = kept === 0 && !routeDevice;
    const what = none ? 'keepalived drops this nexthop and those after it, which leaves the route with no nexthop and no interface of its own, and the kernel refuses the route when keepalived adds it' : 'keepalived drops this nexthop and those after it';
    problems.push({ word, message: `${why}; ${what}${said ? ` (keepalived: "${said}")` : ''}`, effect: 'adjust', ...(none ? { serious: true } : {}) });
  };
  // parse_nexthops' own family, set by `via inet`/`via inet6` and kept for the nexthops after.
  let family: Family | undefined;
  let k = i;
  let empty = true;
  // A nexthop keepalived read nothing for (`nexthop nexthop …`, a bare `nexthop` at the end): it adds it empty.
  let emptyNexthop: Word | undefined;
  let start = words[i]!;
  while (k < words.length && words[k]!.text === 'nexthop') {
    start = words[k]!;
    k++;
    empty = true;
    for (;;) {
      const o = words[k];
      if (!o) break;
      const s = o.text;
      if (s === 'onlink') {
        k++;
        continue;
      }
      if (!NEXTHOP_WORDS.has(s) || s === 'nexthop') break;
      let v = words[k + 1];
      if (!v) {
        // keepalived looks for an encap type itself ("Missing encap type"); the others' value is read regardless.
        problems.push(s === 'encap' ? { word: o, message: "'encap' needs a type (ip, ip6, mpls, ila); keepalived ignores it", effect: 'adjust' } : noValue(o));
        return;
      }
      if (s === 'via') {
        if (v.text === 'inet' || v.text === 'inet6') {
          const given = v;
          family = v.text === 'inet' ? 4 : 6;
          k++;
          v = words[k + 1];
          if (!v) {
            problems.push(noValue(given));
            return;
          }
          if (fam.family !== undefined && fam.family !== family) {
            drop(given, `'via ${given.text}' says IPv${family}, but the route is IPv${fam.family}`, 'IPv4/6 mismatch for nexthop');
            return;
          }
        }
        if (family !== undefined) fam.family ??= family;
        const p = parseAddress(v.text, false);
        if (!p.ok) {
          drop(v, `nexthop gateway '${v.text}' is not a valid IP address`, `invalid nexthop address ${v.text}`);
          return;
        }
        if (fam.family !== undefined && p.family !== fam.family) {
          drop(v, `nexthop gateway '${v.text}' is IPv${p.family}, but the route is IPv${fam.family}`, 'Address family mismatch for next hop');
          return;
        }
        fam.family ??= p.family;
        k += 2;
      } else if (s === 'dev') {
        // A nexthop's interface no host can have ends the nexthops there (as an unreadable weight does).
        const badDev = interfaceProblem(v, 'VROUTE nexthop', dynamicInterfaces);
        if (badDev) {
          if (!dynamicInterfaces) {
            drop(badDev.word, badDev.message);
            return;
          }
          problems.push(badDev);
        }
        k += 2;
      } else if (s === 'weight' || s === 'realms') {
        // A weight or realms keepalived cannot read ends its nexthops there: it keeps the ones before.
        const unread = nexthopValueProblem(s, v.text);
        if (unread) {
          drop(v, unread[0], unread[1]);
          return;
        }
        if (s === 'realms') {
          if (fam.family === 6) {
            drop(o, 'realms exist for IPv4 routes only', 'realms are only supported for IPv4');
            return;
          }
          fam.family = 4;
        }
        k += 2;
      } else if (s === 'as') {
        // keepalived reads `as [to] ADDRESS` no further than the optional 'to' and gives up on the nexthop.
        drop(o, "'as [to]' (NAT) is not supported in a nexthop", "'as [to]' (nat) not supported");
        return;
      } else {
        // encap TYPE …: an unknown type also passes over the word after it; a bad value stops at its option's name.
        if (!ENCAP_TYPES.has(v.text)) {
          problems.push({ word: v, message: `'${v.text}' is not an encap type (ip, ip6, mpls, ila); keepalived ignores the encapsulation`, effect: 'adjust' });
          k += 3;
          continue;
        }
        const found: LineProblem[] = [];
        const resume = walkEncap(words, k + 2, v.text, found);
        if (resume < 0) {
          const bad = found.pop()!;
          const opt = words[words.indexOf(bad.word) - 1]!;
          problems.push(...found, { word: bad.word, message: `${bad.message}; keepalived stops reading the nexthops at '${opt.text}' and ignores the rest of the line (keepalived: "Route has trailing nonsense after nexthops - ${opt.text}")`, effect: 'adjust' });
          return;
        }
        problems.push(...found);
        k = resume;
      }
      empty = false;
    }
    if (empty) emptyNexthop ??= start;
    kept++;
  }
  const rest = words[k];
  // The kernel refuses a route with a nexthop that has no gateway and no interface (2.2.7 daemon, Linux 6.18).
  const refused = 'the kernel refuses the route when keepalived adds it';
  // `nexthop gw X`: the word keepalived stops at is reported below, with the empty nexthop it leaves.
  const endsEmpty = rest !== undefined && empty;
  if (emptyNexthop && !(endsEmpty && emptyNexthop === start)) {
    problems.push({ word: emptyNexthop, message: `keepalived reads nothing for this nexthop (no 'via' or 'dev' follows it): it adds the nexthop empty, and ${refused}`, effect: 'adjust', serious: true });
  }
  if (!rest) return;
  const hint = rest.text === 'gw' ? " (a nexthop's gateway follows 'via')" : ROUTE_WORDS.has(rest.text) ? " (route options go before the first 'nexthop')" : '';
  const said = `Route has trailing nonsense after nexthops - ${rest.text}`;
  if (endsEmpty) {
    problems.push({ word: rest, message: `'${rest.text}' is not a nexthop option${hint}: keepalived ignores the rest of the line (keepalived: "${said}"), which leaves the nexthop before it with no gateway or interface, and ${refused}`, effect: 'adjust', serious: true });
    return;
  }
  problems.push({ word: rest, message: `'${rest.text}' is not a nexthop option${hint}: keepalived keeps the nexthops before it and ignores the rest of the line (keepalived: "${said}")`, effect: 'adjust' });
}

function walkRoute(line: ValueLine, staticBlock: boolean, dynamicInterfaces: boolean, groups: ReadonlySet<string>): RouteReading {
  const words = line.words;
  const r: RouteReading = { line, problems: [], deprecated: [], hasInterface: false, noTrack: false, complete: true };
  const fam = new FamilyCheck(r.problems);
  // The first `or`: it turns the gateway into nexthops, so no `nexthop` or second `or` may follow.
  let orWord: Word | undefined;
  // The name of a track_group keepalived found on this line.
  let trackGroup: Word | undefined;
  // The problem of the last `dev`/`oif` when its name is one no interface can have (a later one replaces it).
  let ownBad: LineProblem | undefined;
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    const s = w.text;
    const next = words[i + 1];
    if (ROUTE_OPTION_SINCE.has(s)) (r.dated ??= []).push(w);
    if (s === 'inet' || s === 'inet6') {
      if (!fam.set(w, s === 'inet' ? 4 : 6)) return r;
      // As in a rule, keepalived (2.0.8 to 2.4.3) steps past the word after inet/inet6 without reading it:
      // `inet6 default via …` has no destination ("Route must have a destination"), and in `default inet6 via X`
      // X becomes the destination. Found with keepalived's own advice for 'default6' ('inet6 default').
      if (next && next.text !== 'inet' && next.text !== 'inet6') {
        r.problems.push({ word: next, message: `keepalived skips the word after '${s}' in a route: '${next.text}' is not read; put '${s}' last or leave it out`, effect: 'adjust', serious: true });
      }
      i += 2;
    } else if (s === 'or' && orWord) {
      // keepalived takes one 'or' gateway and passes over any later 'or ADDRESS' unread (the same from 1.3.5 to 2.4.3).
      r.deprecated.push({ word: w, replacement: 'nexthop' });
      const dropped = next ? `'or ${next.text}'` : "this 'or'";
      r.problems.push({ word: w, message: `a route takes one 'or' gateway: keepalived ignores ${dropped} (keepalived: "\"or\" route already specified - ignoring subsequent"); for more gateways write each as 'nexthop via ADDRESS'`, effect: 'adjust' });
      i += 2;
    } else if (!next && ROUTE_NEEDS_VALUE.has(s)) {
      r.problems.push(noValue(w));
      return r;
    } else if (ROUTE_NO_ARG.has(s)) {
      if (s === 'no_track') r.noTrack = true;
      i += 1;
    } else if (s === 'via' || s === 'gw') {
      if (s === 'gw') r.deprecated.push({ word: w, replacement: 'via' });
      let k = i + 1;
      if (words[k]?.text === 'inet' || words[k]?.text === 'inet6') {
        if (!fam.set(words[k]!, words[k]!.text === 'inet' ? 4 : 6)) return r;
        k++;
      }
      const a = words[k];
      if (!a) {
        r.problems.push(noValue(words[k - 1]!));
        return r;
      }
      if (!fam.accept(a, parseAddress(a.text, false), 'gateway')) return r;
      i = k + 1;
    } else if (s === 'src') {
      if (next && !fam.accept(next, parseAddress(next.text, false), 'source address')) return r;
      i += 2;
    } else if (s === 'from') {
      if (next) {
        const p = parseRouteAddress(next.text);
        if (p.ok && p.family !== 6) {
          r.problems.push(skip(next, `'from ${next.text}': keepalived supports route 'from' only for IPv6`));
          return r;
        }
        if (!fam.accept(next, p, 'from address')) return r;
      }
      i += 2;
    } else if (s === 'or') {
      orWord = w;
      r.deprecated.push({ word: w, replacement: 'nexthop' });
      const p = next ? parseAddress(next.text, false) : undefined;
      // keepalived checks no family for an 'or' gateway: -t is silent, the daemon adds the route and the kernel refuses
      // it (2.2.7 daemon on Linux 6.18: "Invalid argument", not installed; recheck63).
      if (next && p?.ok && p.family !== undefined && fam.family !== undefined && p.family !== fam.family) {
        r.problems.push({ word: next, message: `'or' gateway '${next.text}' is IPv${p.family} but the route is IPv${fam.family}: keepalived does not check it (keepalived -t says nothing), and the kernel refuses the route when keepalived adds it`, effect: 'adjust', serious: true });
        return r;
      }
      if (next && !fam.accept(next, p!, "'or' address")) return r;
      i += 2;
    } else if (s === 'nexthop') {
      // After an 'or' keepalived reads no nexthop: the route ends there, and the rest is "trailing nonsense".
      if (orWord) {
        r.problems.push(skip(w, `an 'or' route cannot have nexthops (keepalived: "Cannot specify nexthops with \"or\" route", then "Route has trailing nonsense - nexthop")`));
        return r;
      }
      // What follows describes the nexthops; their `dev` does not give the route an interface.
      walkNexthops(words, i, fam, r.problems, dynamicInterfaces);
      break;
    } else if (s === 'protocol') {
      const bad = next && rtValueProblem(next.text, 255, ROUTE_WORDS);
      if (bad) {
        r.problems.push(skip(next, rtValueMessage('protocol', next.text, bad, `Protocol ${next.text} not found or invalid for route`)));
        return r;
      }
      const protocolCase = next && nameCaseMessage('protocol', next.text, `Protocol ${next.text} not found or invalid for route`);
      if (protocolCase) {
        r.problems.push(skip(next, protocolCase));
        return r;
      }
      if (next && !KEEPALIVED_PROTOCOL.has(next.text)) r.foreignProtocol = next;
      i += 2;
    } else if (s === 'as') {
      // NAT addresses are MPLS-only, which keepalived does not set up: it reports them and goes on.
      r.problems.push({ word: w, message: `'as [to] ADDRESS' is for MPLS routes; keepalived ignores it (keepalived: "\"as to\" for MPLS only - ignoring")`, effect: 'adjust' });
      i += next.text === 'to' ? 3 : 2;
    } else if (s === 'encap') {
      // keepalived reports a missing or unknown encapsulation type and keeps the route without it;
      // after an unknown type it also passes over the word that follows.
      if (!next || !ENCAP_TYPES.has(next.text)) {
        r.problems.push({ word: next ?? w, message: next ? `'${next.text}' is not an encap type (ip, ip6, mpls, ila); keepalived ignores the encapsulation` : `'encap' needs a type (ip, ip6, mpls, ila); keepalived ignores it`, effect: 'adjust' });
        i += 3;
        continue;
      }
      const k = walkEncap(words, i + 2, next.text, r.problems);
      if (k < 0) return r;
      i = k;
    } else if (s === 'track_group' && !staticBlock) {
      r.problems.push(instanceTrackGroup(w));
      return r;
    } else if (s === 'track_group' && trackGroup) {
      // After a track_group keepalived found, another is "a duplicate": it stops there, and the rest is "trailing nonsense".
      r.problems.push(skip(w, `'track_group' is given twice (keepalived: "track_group ${next!.text} is a duplicate", then "Route has trailing nonsense - ${next!.text}")`));
      return r;
    } else if (ROUTE_ONE_ARG.has(s) || ROUTE_LOCKABLE.has(s)) {
      if (s === 'track_group' && groups.has(next!.text)) trackGroup = next;
      if (s === 'dev' || s === 'oif') r.hasInterface = true;
      const k = ROUTE_LOCKABLE.has(s) && next?.text === 'lock' ? i + 2 : i + 1;
      const v = words[k];
      if (!v) {
        r.problems.push(noValue(words[k - 1]!));
        return r;
      }
      if (s === 'dev' || s === 'oif') {
        const bad = interfaceProblem(v, 'VROUTE nexthop', dynamicInterfaces, true);
        if (ownBad) ownBad.replacedBy = v;
        ownBad = bad;
        if (bad) {
          r.problems.push(bad);
          if (bad.effect === 'skip') return r;
        }
      }
      if (ROUTE_NUMERIC.has(s)) {
        const max = ROUTE_NUMERIC_MAX[s] ?? 4294967295;
        // get_u32/get_u8: a base-10 read_unsigned, which takes a leading '+' as strtoul does.
        const n = unsigned32Value(v.text, true);
        if (n === undefined || n > max) {
          r.problems.push(skip(v, `'${s}' needs a whole number 0..${max}, not '${v.text}'`));
          return r;
        }
      }
      if (s === 'table' && (tableMisread(v.text) || ROUTE_WORDS.has(v.text))) {
        r.problems.push(skip(v, tableMessage(v.text, 'route')));
        return r;
      }
      const nameCase =
        s === 'table' ? nameCaseMessage('table', v.text, `Routing table ${v.text} not found for route`) : s === 'scope' ? nameCaseMessage('scope', v.text, `Scope ${v.text} not found or invalid for route`) : undefined;
      if (nameCase) {
        r.problems.push(skip(v, nameCase));
        return r;
      }
      const looked = ROUTE_LOOKUPS[s];
      if (looked) {
        const parts = s === 'realms' ? v.text.split(/\/(.*)/s, 2) : [v.text];
        const bad = parts.map((x) => rtValueProblem(x, 255, ROUTE_WORDS)).find((x) => x);
        if (bad) {
          r.problems.push(skip(v, rtValueMessage(s, v.text, bad, looked(v.text))));
          return r;
        }
      }
      const rtt = ROUTE_RTT_UNITS[s];
      const bad = rtt === undefined ? undefined : rttProblem(v.text, rtt);
      if (bad) {
        r.problems.push(skip(v, `'${s}' ${bad}`));
        return r;
      }
      const reset = rtt === undefined ? undefined : rttReset(v.text, rtt);
      if (reset) r.problems.push({ word: v, message: `'${s}' ${reset.why}; keepalived uses ${reset.uses} instead (keepalived logs "${s === 'rto_min' ? 'rto' : 'rtt'} value ${v.text} ${reset.said}, resetting"; 2.2.8 and later report it under keepalived -t)`, effect: 'adjust', since: RTT_CLAMPED_SINCE });
      // Realms exist for IPv4 only, an expiry time for IPv6 only ("expires is only valid for IPv6").
      if (s === 'realms' && !fam.set(w, 4)) return r;
      if (s === 'expires' && !fam.set(w, 6)) return r;
      // keepalived knows one feature and two ttl-propagate values; it reports another and keeps the route.
      if (s === 'features' && v.text !== 'ecn') {
        r.problems.push({ word: v, message: `'features' takes only 'ecn'; keepalived ignores '${v.text}' (keepalived: "feature ${v.text} not supported")`, effect: 'adjust' });
      }
      if (s === 'ttl-propagate' && v.text !== 'enabled' && v.text !== 'disabled') {
        r.problems.push({ word: v, message: `'ttl-propagate' takes enabled or disabled; keepalived does not recognise '${v.text}' and sets it disabled (keepalived: "ttl-propagate value ${v.text} not recognised")`, effect: 'adjust' });
      }
      // A router preference is IPv6 only ("pref is only valid for IPv6"): low, medium, high or 0..255.
      if (s === 'pref') {
        if (!fam.set(w, 6)) return r;
        if (!ROUTE_PREF_NAMES.has(v.text) && !(/^\+?\d+$/.test(v.text) && Number(v.text) <= 255)) {
          r.problems.push(skip(v, `'pref' needs low, medium, high or a number 0..255, not '${v.text}' (keepalived: "Invalid pref value")`));
          return r;
        }
      }
      i = k + 1;
    } else {
      // The destination, after `to` or after a route type. keepalived looks the type up in the word it is at, so
      // after `to` it takes no type: `to blackhole 10.9.0.0/16` reads 'blackhole' as the destination.
      let k = i;
      const afterTo = words[k]?.text === 'to';
      if (afterTo) k++;
      else if (words[k] && isRouteType(words[k]!.text)) k++;
      const d = words[k];
      if (!d) break;
      const p = parseRouteAddress(d.text);
      if (!p.ok) {
        const hint = afterTo && ROUTE_TYPES.has(d.text) ? ` (keepalived reads no route type after 'to': write '${d.text}' before 'to' or drop 'to')` : '';
        r.problems.push(skip(d, `'${d.text}' is neither a route option nor a valid destination address${hint}`));
        return r;
      }
      if (!fam.accept(d, p, 'destination', 'route')) {
        // A release before 2.0.8 reads the special name otherwise (invalid-route's olderRouteProblems looks at it).
        if (p.family === undefined) r.dest = d;
        return r;
      }
      r.dest = d;
      i = k + 1;
    }
  }
  if (!r.dest && r.complete) r.problems.push(skip(words[0]!, 'the route has no destination'));
  return r;
}

/**
 * A `table` value that starts like a number but is not one strtoul(…, 0) reads whole (`1.5`, `200x`, `08`:
 * 8 is no octal digit): keepalived then looks the word up as a table name in /etc/iproute2/rt_tables
 * (lib/rttables.c find_entry, the same since 1.3.5), finds none and drops the line ("Routing table 1.5
 * not found for rule"). Words that do not look like numbers are names, which only the host knows.
 */
function tableMisread(text: string): boolean {
  // strtoul skips leading white space: `table " 5"` is table 5 (2.2.7 -t silent; fuzz63).
  if (rtNumber(text) !== undefined) return false;
  return (/^[+-]?\d/.test(text) && !/^[+-]?(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.test(text)) || noName(text);
}

/** An empty word or one with blanks: no line of a host's /etc/iproute2 file (a number and a name) can define it. */
function noName(text: string): boolean {
  return text === '' || BLANK.test(text);
}

function tableMessage(text: string, what: 'route' | 'rule'): string {
  const why = (what === 'route' ? ROUTE_WORDS : RULE_WORDS).has(text)
    ? `'table' has no value: keepalived takes the next option, '${text}', as the table`
    : noName(text)
      ? `table '${text}' is ${text === '' ? 'empty' : 'a name with blanks in it'}, which no host's /etc/iproute2 file can define`
      : `table '${text}' is not a number keepalived reads (decimal, 0x hex or 0-led octal)`;
  return `${why}, so it looks it up as a table name in /etc/iproute2/rt_tables and finds none (keepalived: "Routing table ${text} not found for ${what}")`;
}

/**
 * What keepalived's find_entry (lib/rttables.c, the same since 1.3.5) makes of a route or rule value it
 * looks up: a whole strtoul(…, 0) number (decimal, 0x hex, 0-led octal; '-' wraps) kept as an unsigned int
 * that must not exceed `max`, else a name in a file of the host's (rt_scopes, rt_protos, rt_dsfield,
 * rt_realms), which only the host knows. Found fuzzing pasted configs: `scope link src 10.0.0.1` with 'link'
 * lost reads 'src' as the scope ("Scope src not found or invalid for route") and drops the route.
 */
/**
 * What keepalived cannot read in a route or rule option's value: another option word, a word that is neither a number
 * nor a possible name, or a number out of range. An empty word or one with blanks (`scope ""`, `scope "a b"`) is no name
 * any host's /etc/iproute2 file can hold (its lines are a number and a name, split at blanks): keepalived reports the
 * line and drops it whatever the host (2.2.7: "Scope  not found or invalid for route"; fuzz62).
 */
function rtValueProblem(text: string, max: number, words: ReadonlySet<string>): 'option' | 'number' | 'range' | 'blank' | undefined {
  if (words.has(text)) return 'option';
  // A number first: strtoul skips leading white space, so `realms "\t7"` is realm 7, never looked up by name.
  const v = rtNumber(text);
  if (v !== undefined) return v > max ? 'range' : undefined;
  if (noName(text)) return 'blank';
  if (tableMisread(text)) return 'number';
  return undefined;
}

const BLANK = /[ \t]/;

function rtValueMessage(option: string, text: string, kind: 'option' | 'number' | 'range' | 'blank', said: string, max = 255): string {
  const why = kind === 'option'
    ? `'${option}' has no value: keepalived takes the next option, '${text}', as its value`
    : kind === 'blank'
      ? `${option} '${text}' is ${text === '' ? 'empty' : 'a name with blanks in it'}, which no host's /etc/iproute2 file can define`
    : kind === 'number'
      ? `${option} '${text}' is not a number keepalived reads (decimal, 0x hex or 0-led octal) nor a name it can find`
      : `${option} ${text} is out of range 0..${max}`;
  return `${why} (keepalived: "${said}")`;
}

/** The names keepalived knows without the host's /etc/iproute2 files (lib/rttables.c), by option. */
const BUILT_IN_NAMES: Record<'scope' | 'table' | 'protocol', readonly string[]> = {
  scope: ['global', 'nowhere', 'host', 'link', 'site'],
  table: ['default', 'main', 'local'],
  protocol: ['none', 'redirect', 'kernel', 'boot', 'static', 'gated', 'ra', 'mrt', 'zebra', 'bird', 'babel', 'dnrouted', 'xorp', 'ntk', 'dhcp'],
};
const HOST_FILES = { scope: 'rt_scopes', table: 'rt_tables', protocol: 'rt_protos' };

/**
 * A name that is one keepalived knows in another case (`scope Link`, `table MAIN`, `protocol Static`): it looks
 * names up exactly, so unless the host's file defines this spelling it drops the line. Undefined for other words.
 */
function nameCaseMessage(option: 'scope' | 'table' | 'protocol', text: string, said: string): string | undefined {
  const lower = text.toLowerCase();
  if (lower === text || !BUILT_IN_NAMES[option].includes(lower)) return undefined;
  return `${option} '${text}' is not a name keepalived knows: it compares names exactly, and the built-in one is '${lower}'; unless /etc/iproute2/${HOST_FILES[option]} on the host defines '${text}', keepalived drops the line (keepalived: "${said}")`;
}

/** Route options whose value keepalived looks up with find_entry (max 255), with what it says when it cannot. */
const ROUTE_LOOKUPS: Record<string, (v: string) => string> = {
  scope: (v) => `Scope ${v} not found or invalid for route`,
  tos: (v) => `TOS value ${v} is invalid`,
  dsfield: (v) => `TOS value ${v} is invalid`,
  realms: (v) => `Invalid realms ${v} for route`,
};

/** keepalived's decimal unsigned reader (read_unsigned: base 10, leading blanks and '+' allowed). */
function decimalAtMost(text: string, max: bigint): boolean {
  const m = /^[ \t]*\+?(\d+)$/.exec(text);
  return !!m && BigInt(m[1]!) <= max;
}

/** An MPLS label stack as keepalived reads it: one or two labels (strtoul base 0, below 2^20) joined by '/'. */
function mplsLabels(text: string): boolean {
  const labels = text.replace(/^[ \t]+/, '').split('/');
  return labels.length <= 2 && labels.every((l) => (unsigned32Value(l) ?? Infinity) <= 0xfffff);
}

/** An ILA locator: four groups of 1-4 hex digits separated by ':'. */
const ILA_LOCATOR = /^[ \t]*[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){3}$/i;

/**
 * The options of `encap TYPE …` from words[k] on, as keepalived 2.2.7 reads them; returns where the
 * route's own options resume, or -1 when keepalived drops the line. A bad option value leaves
 * keepalived on the option's name, which it then reads as a destination and rejects.
 */
function walkEncap(words: Word[], k: number, type: string, problems: LineProblem[]): number {
  const adjust = (word: Word, message: string) => problems.push({ word, message, effect: 'adjust' });
  if (type === 'mpls' || type === 'ila') {
    const v = words[k];
    const what = type === 'mpls' ? 'an MPLS label stack (LABEL or LABEL/LABEL, each below 1048576)' : 'an ILA locator (four hex groups, like 2001:db8:1:2)';
    if (!v) adjust(words[k - 1]!, `'encap ${type}' needs ${what}; keepalived ignores the encapsulation`);
    else if (!(type === 'mpls' ? mplsLabels(v.text) : ILA_LOCATOR.test(v.text))) adjust(v, `'${v.text}' is not ${what}; keepalived ignores the encapsulation`);
    return v ? k + 1 : k;
  }
  const v6 = type === 'ip6';
  let hasDst = false;
  let hasId = false;
  for (; k + 1 < words.length; k += 2) {
    const opt = words[k]!;
    const val = words[k + 1]!;
    let bad: string | undefined;
    switch (opt.text) {
      case 'id':
        if (decimalAtMost(val.text, 0xffffffffffffffffn)) hasId = true;
        else bad = 'a whole number';
        break;
      case 'dst':
      case 'src': {
        const family = ipFamily(val.text);
        if (family !== (v6 ? 6 : 4)) bad = `an IPv${v6 ? 6 : 4} address`;
        else if (opt.text === 'dst') hasDst = true;
        break;
      }
      case 'ttl':
      case 'hoplimit':
        if (!decimalAtMost(val.text, 255n)) bad = 'a whole number 0..255';
        break;
      case 'flags':
        if (!decimalAtMost(val.text, 65535n)) bad = 'a whole number 0..65535';
        break;
      case 'tos':
      case 'tc':
        // ip's tos and ip6's tc: a number up to 255 or a name from the host's rt_dsfield table (find_rttables_dsfield,
        // the same for both: 2.2.7 -t "tc value tc is invalid for ip6 encapsulation" for `tc 300`, and the route is dropped).
        if (opt.text === (v6 ? 'tc' : 'tos') && rtValueProblem(val.text, 255, ENCAP_WORDS)) bad = 'a number 0..255 or a name from rt_dsfield';
        break;
    }
    const known = opt.text === 'id' || opt.text === 'dst' || opt.text === 'src' || opt.text === 'flags' || opt.text === (v6 ? 'hoplimit' : 'ttl') || opt.text === (v6 ? 'tc' : 'tos');
    if (!known) break;
    if (bad) {
      problems.push(skip(val, `'encap ${type} ${opt.text}' needs ${bad}, not '${val.text}'`));
      return -1;
    }
  }
  if (!hasDst && !hasId) adjust(words[k - 1]!, `'encap ${type}' needs 'dst ADDRESS' or 'id N'; keepalived ignores the encapsulation`);
  return k;
}

/** What follows `encap ip`/`ip6`, or the route: one of these where a value goes means it is missing. */
const ENCAP_WORDS: ReadonlySet<string> = new Set(['id', 'dst', 'src', 'tos', 'ttl', 'tc', 'hoplimit', 'flags', ...ROUTE_ONE_ARG, ...ROUTE_LOCKABLE, 'nexthop', 'encap', 'via', 'gw', 'table']);
/** The words of a nexthop (parse_nexthops). */
const NEXTHOP_WORDS: ReadonlySet<string> = new Set(['nexthop', 'via', 'dev', 'weight', 'onlink', 'encap', 'realms', 'as']);

/** Why keepalived cannot read a nexthop's weight (get_u32, 1..256) or realms (find_entry, 255 each), with what it says. */
function nexthopValueProblem(option: string, text: string): [string, string] | undefined {
  if (option === 'weight') {
    const n = unsigned32Value(text, true);
    if (n !== undefined && n >= 1 && n <= 256) return undefined;
    return [NEXTHOP_WORDS.has(text) ? `'weight' has no value: keepalived takes the next word, '${text}', as the weight` : `a nexthop weight is a whole number 1..256, not '${text}'`, `Invalid weight ${text} specified for route`];
  }
  if (option === 'realms') {
    const bad = text.split(/\/(.*)/s, 2).map((x) => rtValueProblem(x, 255, NEXTHOP_WORDS)).find((x) => x);
    if (!bad) return undefined;
    const said = `Invalid realms ${text} for route`;
    return [rtValueMessage('realms', text, bad, said).replace(/ \(keepalived: .*\)$/s, ''), said];
  }
  return undefined;
}

const RULE_ONE_ARG = new Set(['preference', 'order', 'priority', 'tos', 'dsfield', 'fwmark', 'realms', 'suppress_prefixlength', 'sup_pl', 'suppress_ifgroup', 'sup_group', 'dev', 'iif', 'oif', 'tunnel-id', 'uidrange', 'protocol', 'ipproto', 'track_group']);
/**
 * `N` or `N/MASK` as keepalived's rule parser reads it: each a strtoul base-0 number (decimal, 0x-hex,
 * 0-octal, a '+' allowed, no '-') up to 0xffffffff; either may be empty (strtoul's 0 without digits).
 */
function fwmarkValid(text: string): boolean {
  const slash = text.indexOf('/');
  const mark = slash < 0 ? text : text.slice(0, slash);
  const mask = slash < 0 ? undefined : text.slice(slash + 1);
  const part = (p: string): boolean => p === '' || (!p.startsWith('-') && unsigned32Value(p) !== undefined);
  return (mark !== '' || mask !== undefined) && part(mark) && (mask === undefined || part(mask));
}
/** A number keepalived's unsigned 32-bit reader (strtoul base 0: decimal, 0x-hex, 0-octal) accepts. */
function unsigned32(text: string): boolean {
  return unsigned32Value(text) !== undefined;
}
/** The value keepalived's unsigned 32-bit reader gives `text` (strtoul base 0 without '-', or base 10), or undefined. */
function unsigned32Value(text: string, decimalOnly = false): number | undefined {
  const t = text.replace(/^[ \t]*\+?/, ''); // strtoul skips leading blanks and takes a '+'
  const pattern = decimalOnly ? /^\d+$/ : /^(?:0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i;
  if (!pattern.test(t)) return undefined;
  const value = decimalOnly ? Number(t) : Number(t.toLowerCase().startsWith('0x') ? t : /^0\d/.test(t) ? parseInt(t, 8) : t);
  return value <= 0xffffffff ? value : undefined;
}
/** What sscanf("%hu-%hu") reads two numbers from: blanks and a sign allowed before each, anything after the second. */
const PORT_RANGE_READ = /^[ \t\n\v\f\r]*[+-]?\d+-[ \t\n\v\f\r]*[+-]?\d/;
/** Rule options that need the `table` action. */
const TABLE_OPTIONS = new Set(['realms', 'suppress_prefixlength', 'sup_pl', 'suppress_ifgroup', 'sup_group']);
/** Rule actions besides `table N` and `goto N`. */
const RULE_ACTIONS = new Set(['nop', 'blackhole', 'unreachable', 'prohibit', 'l3mdev']);
/** Rule options keepalived reads a value after (a last word among these stops its reading). */
const RULE_NEEDS_VALUE = new Set([...RULE_ONE_ARG, 'from', 'to', 'table', 'lookup', 'goto', 'sport', 'dport']);
/** The option words of a route and of a rule: one of them after an option that takes a value means the value is missing. */
const ROUTE_WORDS: ReadonlySet<string> = new Set([...ROUTE_NEEDS_VALUE, ...ROUTE_NO_ARG, 'nexthop', 'encap']);
const RULE_WORDS: ReadonlySet<string> = new Set([...RULE_NEEDS_VALUE, ...RULE_ACTIONS, 'not', 'no_track', 'type', 'inet', 'inet6']);

/**
 * An ipproto keepalived's inet_proto_a2n cannot read whatever the host's /etc/protocols: a '-', a decimal
 * over 127 (INT8_MAX in 2.2.7), or a number-like word (0x10, 1.5, 1/2) that is no protocol name.
 */
function ipprotoMisread(text: string): boolean {
  // It skips white space first (`" 300"` is 300, refused; `""` and `" -1"` are refused before any lookup).
  const word = text.replace(/^[ \t\n\v\f\r]+/, '');
  if (word === '' || word.startsWith('-')) return true;
  // strtoul's leading number counts even when letters follow it: '300abc' is refused as 300.
  const m = /^\+?(\d+)/.exec(word);
  if (m && BigInt(m[1]!) > 127n) return true;
  if (m && m[0].length === word.length) return false;
  return /^\+?(?:0x[0-9a-f]*|[\d./]+)$/i.test(word);
}

/** Why keepalived cannot read a rule option's value and drops the rule, for the options read by number. */
function ruleValueProblem(option: string, text: string): string | undefined {
  const missing = RULE_WORDS.has(text) ? `'${option}' has no value: keepalived takes the next option, '${text}', as its value` : undefined;
  switch (option) {
    case 'suppress_prefixlength':
    case 'sup_pl':
      return decimalAtMost(text, 2147483647n) ? undefined : `${missing ?? `'${option}' needs a whole number 0..2147483647, not '${text}'`} (keepalived: "Invalid suppress_prefixlength ${option} specified")`;
    case 'tunnel-id':
      return decimalAtMost(text, 0xffffffffffffffffn) ? undefined : `${missing ?? `'tunnel-id' needs a whole number 0..18446744073709551615, not '${text}'`} (keepalived: "Invalid tunnel-id tunnel-id specified")`;
    case 'uidrange':
      // sscanf("%u-%u") must read both numbers.
      return /^[+-]?\d+-[+-]?\d/.test(text) ? undefined : `${missing ?? `'uidrange' needs FIRST-LAST user ids, not '${text}'`} (keepalived: "Invalid uidrange uidrange specified")`;
    case 'suppress_ifgroup':
    case 'sup_group': {
      const bad = rtValueProblem(text, 2147483647, RULE_WORDS);
      return bad ? rtValueMessage(option, text, bad, `suppress_group ${text} is invalid`, 2147483647) : undefined;
    }
  }
  return undefined;
}

/**
 * Up to 2.0.7 a rule's from/to is read as a plain address (vrrp_iprule.c: parse_ipaddress without its
 * specials), so `all`, `any`, `default` and `default6` are "VRRP parsed invalid IP all", "Invalid rule from
 * address all", and the rule is dropped (1.3.5 build: no "Virtual Rules" in its dump). 2.0.8 reads them with
 * parse_route, as a route's destination. 2.0.7 also refuses a /0 prefix (ZERO_PREFIX_REFUSED, the same
 * parse_ipaddress), so there `0.0.0.0/0` is no way out; leaving the selector out is (no from: every source).
 */
function olderRuleSpecial(option: Word, word: Word): LineProblem {
  const message = (target: Version): string => {
    const zero = word.text === 'default6' ? '::/0' : '0.0.0.0/0';
    const every = option.text === 'from' ? 'source' : 'destination';
    // 1.3.5 to 2.0.6 take a /0 prefix; 2.0.7 makes it /32 (ZERO_PREFIX_REFUSED).
    const or = compareVersions(target, [2, 0, 7]) < 0 ? `, or write '${zero}'` : '';
    return `keepalived ${target.join('.')} reads a rule's '${option.text}' as a plain address, and '${word.text}' is none (from ${SPECIAL_DEST_UNSPEC_SINCE.join('.')} it takes all, any, default and default6 as in a route; keepalived: "Invalid rule ${option.text} address ${word.text}"): leave '${option.text} ${word.text}' out (a rule without '${option.text}' matches every ${every})${or}`;
  };
  return { word, message: message([2, 0, 7]), messageAt: message, effect: 'skip', until: SPECIAL_DEST_UNSPEC_SINCE };
}

function walkRule(line: ValueLine, staticBlock: boolean, dynamicInterfaces: boolean, groups: ReadonlySet<string>): RuleReading {
  const words = line.words;
  const r: RuleReading = { line, problems: [], noTrack: false, hasPreference: false, actions: [], complete: true };
  // The problems of the last `dev`/`iif` and of the last `oif`, when the name is one no interface can have.
  const ownBad: [LineProblem | undefined, LineProblem | undefined] = [undefined, undefined];
  const fam = new FamilyCheck(r.problems);
  const action = (w: Word): boolean => {
    r.actions.push(w);
    if (r.actions.length === 2) {
      r.problems.push(skip(w, `'${w.text}' is a second action (a rule takes one of table, goto, nop, blackhole, unreachable, prohibit, l3mdev)`));
      return false;
    }
    return true;
  };
  let tableOption: Word | undefined;
  // The track_group keepalived found on the line, and the rule's input interface (`dev` or `iif`).
  let trackGroup: Word | undefined;
  let iif: Word | undefined;
  let gotoTarget: { word: Word; target: number } | undefined;
  let preference: { word: Word; value: number } | undefined;
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    const s = w.text;
    const next = words[i + 1];
    if (RULE_OPTION_SINCE.has(s)) (r.dated ??= []).push(w);
    if (!next && RULE_NEEDS_VALUE.has(s)) {
      r.problems.push(noValue(w));
      return r;
    }
    if (s === 'from' || s === 'to') {
      if (next && (SPECIAL_DESTS.has(next.text) || next.text === 'default6')) r.problems.push(olderRuleSpecial(w, next));
      if (next && !fam.accept(next, parseRouteAddress(next.text), `rule ${s} address`, 'rule')) return r;
      i += 2;
    } else if (s === 'inet' || s === 'inet6') {
      if (!fam.set(w, s === 'inet' ? 4 : 6)) return r;
      // keepalived 2.2.7 steps past the word after inet/inet6 in a rule without reading it.
      if (next && next.text !== 'inet' && next.text !== 'inet6') {
        r.problems.push({ word: next, message: `keepalived skips the word after '${s}' in a rule: '${next.text}' is not read; put '${s}' last or leave it out`, effect: 'adjust' });
      }
      i += 2;
    } else if (s === 'type' && !next) {
      r.problems.push(noValue(w));
      return r;
    } else if (s === 'not' || s === 'no_track' || s === 'type') {
      if (s === 'no_track') r.noTrack = true;
      i += 1;
    } else if (s === 'table' || s === 'lookup') {
      if (next && (tableMisread(next.text) || RULE_WORDS.has(next.text))) {
        r.problems.push(skip(next, tableMessage(next.text, 'rule')));
        return r;
      }
      const tableCase = next && nameCaseMessage('table', next.text, `Routing table ${next.text} not found for rule`);
      if (tableCase) {
        r.problems.push(skip(next, tableCase));
        return r;
      }
      // find_entry keeps the low 32 bits of what strtoul read: 4294967296, like 0 or 0x0, is table 0.
      if (next && rtNumber(next.text) === 0) {
        r.problems.push(skip(next, next.text === '0' ? 'table 0 is not a valid routing table' : `table '${next.text}' reads as 0, which is not a valid routing table (keepalived: "Table 0 is not valid")`));
        return r;
      }
      if (!action(w)) return r;
      i += 2;
    } else if (s === 'goto') {
      // The target is read as an unsigned decimal (a hex or other word drops the line).
      const target = next ? unsigned32Value(next.text, true) : undefined;
      if (target === undefined) {
        r.problems.push(skip(next!, `goto target '${next!.text}' is not a whole number 0..4294967295`));
        return r;
      }
      if (!action(w)) return r;
      gotoTarget ??= { word: w, target };
      i += 2;
    } else if (RULE_ACTIONS.has(s)) {
      if (!action(w)) return r;
      i += 1;
    } else if (s === 'sport' || s === 'dport') {
      // keepalived (2.0.1 to 2.4.3) reads `A-B` with sscanf("%hu-%hu") and rejects what gives it fewer than two numbers, a
      // single port too (the option is dropped). What gives it two it takes, as the daemon installs it: `-5--5` is
      // 65531-65531 (2.2.7 daemon: "dport 65531"), and text after the second number is not read.
      if (next && !PORT_RANGE_READ.test(next.text)) {
        const said = `"invalid ${s} range ${next.text}"`;
        const port = /^\d+$/.test(next.text) ? Number(next.text) : undefined;
        // The kernel refuses a range with port 0 or 65535 (2.2.7 daemon on Linux 6.18: `dport 0-0`, `65535-65535` not installed).
        const message = RULE_WORDS.has(next.text)
          ? `'${s}' has no value: keepalived takes the next option, '${next.text}', as the port range and ignores it (${said})`
          : port !== undefined && port >= 1 && port <= 65534
            ? `keepalived accepts only a port range here (${said}): it drops the selector, so the rule matches every port; write '${port}-${port}'`
            : `'${next.text}' is not a port range keepalived reads (FIRST-LAST, in decimal) (${said}): it drops the selector, so the rule matches every port`;
        r.problems.push({ word: next, message, effect: 'adjust' });
      }
      i += 2;
    } else if (s === 'track_group' && !staticBlock) {
      r.problems.push(instanceTrackGroup(w));
      return r;
    } else if (s === 'track_group' && trackGroup) {
      // After a track_group keepalived found, another is "a duplicate": it reads no further and keeps the rule as read so far.
      r.problems.push({ word: w, message: `${duplicateTrackGroup(trackGroup, next!)}: it reads no further, so the rest of the line from here is ignored`, effect: 'adjust' });
      break;
    } else if (RULE_ONE_ARG.has(s)) {
      if (s === 'track_group' && groups.has(next!.text)) trackGroup = next;
      if ((s === 'dev' || s === 'iif') && next) iif = next;
      if ((s === 'dev' || s === 'iif' || s === 'oif') && next) {
        const bad = interfaceProblem(next, 'rule', dynamicInterfaces, true);
        // `dev` and `iif` set the same interface, `oif` another one.
        const slot = s === 'oif' ? 1 : 0;
        const earlier = ownBad[slot];
        if (earlier) earlier.replacedBy = next;
        ownBad[slot] = bad;
        if (bad) {
          r.problems.push(bad);
          if (bad.effect === 'skip') return r;
        }
      }
      if (s === 'fwmark' && next && !fwmarkValid(next.text)) {
        r.problems.push(skip(next, `fwmark '${next.text}' is not a number or number/mask`));
        return r;
      }
      if (s === 'preference' || s === 'order' || s === 'priority') {
        // keepalived reads the preference as an unsigned 32-bit number (strtoul base 0) and drops a line without one.
        if (next && !unsigned32(next.text)) {
          r.problems.push(skip(next, `'${s}' needs a whole number 0..4294967295, not '${next.text}'`));
          return r;
        }
        r.hasPreference = true;
        preference = { word: next!, value: unsigned32Value(next!.text)! };
      }
      if (next && (s === 'tos' || s === 'dsfield' || s === 'realms')) {
        const parts = s === 'realms' ? next.text.split(/\/(.*)/s, 2) : [next.text];
        const bad = parts.map((x) => rtValueProblem(x, 255, RULE_WORDS)).find((x) => x);
        if (bad) {
          r.problems.push(skip(next, rtValueMessage(s, next.text, bad, s === 'realms' ? `invalid realms ${next.text} for rule` : `TOS value ${next.text} is invalid`)));
          return r;
        }
      }
      // A rule's protocol is a decimal 0..255 (read_unsigned); keepalived reports another and keeps the rule without it.
      if (next && s === 'protocol' && !(/^[ \t\n\v\f\r]*\+?\d+$/.test(next.text) && Number(next.text) <= 255)) {
        const why = RULE_WORDS.has(next.text) ? `'protocol' has no value: keepalived takes the next option, '${next.text}', as the protocol` : `a rule's protocol is a whole number 0..255, not '${next.text}'`;
        r.problems.push({ word: next, message: `${why}; keepalived ignores it (keepalived: "Invalid protocol ${next.text}")`, effect: 'adjust' });
      } else if (next && s === 'protocol' && Number(next.text) !== 18) r.foreignProtocol = next;
      // An option word where the IP protocol goes: the value is missing ("Invalid ipproto priority"). Names are /etc/protocols'.
      if (next && s === 'ipproto' && RULE_WORDS.has(next.text)) {
        r.problems.push({ word: next, message: `'ipproto' has no value: keepalived takes the next option, '${next.text}', as the IP protocol and ignores it (keepalived: "Invalid ipproto ${next.text}")`, effect: 'adjust' });
      }
      if (next && s === 'ipproto' && !RULE_WORDS.has(next.text) && ipprotoMisread(next.text)) {
        r.problems.push({ word: next, message: `'ipproto' takes a name from /etc/protocols or a number 0..127 (keepalived reads no higher one), not '${next.text}'; keepalived ignores it (keepalived: "Invalid ipproto ${next.text}")`, effect: 'adjust' });
      }
      const unread = next && ruleValueProblem(s, next.text);
      if (unread) {
        r.problems.push(skip(next!, unread));
        return r;
      }
      if (TABLE_OPTIONS.has(s)) tableOption ??= w;
      if (s === 'realms' && !fam.set(w, 4)) return r;
      i += 2;
    } else if (routeTypeNumber(s) !== undefined && RULE_ACTION_NUMBERS[routeTypeNumber(s)!] !== undefined) {
      // `type 7`: the number of a route type, read as the action it stands for (unreachable).
      if (!action(w)) return r;
      i += 1;
    } else if (isRouteType(s)) {
      r.problems.push(skip(w, `'${s}' is not a rule action (blackhole, unreachable or prohibit${routeTypeNumber(s) !== undefined ? ', or their numbers 6, 7, 8' : ''}) (keepalived: "Invalid rule action ${s}")`));
      return r;
    } else {
      r.problems.push(skip(w, `'${s}' is not a rule option`));
      return r;
    }
  }
  // keepalived ties a static rule to a track_group through its input interface: without one it drops the track_group.
  if (trackGroup && !iif) {
    r.problems.push({ word: trackGroup, message: `a static rule with 'track_group' needs 'iif' or 'dev': keepalived drops the track_group (keepalived: "Static rule cannot have track_group if dev/iif not specified"), so the rule follows no instance`, effect: 'adjust', serious: true });
  }
  const first = r.actions[0];
  // A goto rule must come before its target (keepalived 2.2.7 vrrp_iprule.c, checked with the binary).
  if (gotoTarget && first === gotoTarget.word) {
    if (!preference) {
      r.problems.push(skip(gotoTarget.word, `a goto rule needs a preference below its target ${gotoTarget.target} (keepalived: "goto target specified without preference")`));
      return r;
    }
    if (preference.value >= gotoTarget.target) {
      r.problems.push(skip(preference.word, `preference ${preference.value} is not below the goto target ${gotoTarget.target}: a rule can only jump forward`));
      return r;
    }
  }
  if (tableOption && first && first.text !== 'table' && first.text !== 'lookup' && first.text !== 'l3mdev') {
    r.problems.push(skip(tableOption, `'${tableOption.text}' only applies to rules that look up a table, not to '${first.text}'`));
  }
  return r;
}

/** True when keepalived drops the line. */
/** True when keepalived drops the line (at `target`, when given: a problem a later release brings does not count). */
export function skipped(problems: LineProblem[], target?: Version): boolean {
  return problems.some((p) => p.effect !== 'adjust' && !(target && p.since && compareVersions(target, p.since) < 0) && !(p.until && (!target || compareVersions(target, p.until) >= 0)));
}

/** Every route block with the lines keepalived reads in it. */
export const routeBlocks = perModel((model): AstNode[] => [...model.staticRoutes, ...model.vrrpInstances.flatMap((i) => i.virtualRoutes)]);

export const ruleBlocks = perModel((model): AstNode[] => [...model.staticRules, ...model.vrrpInstances.flatMap((i) => i.virtualRules)]);
