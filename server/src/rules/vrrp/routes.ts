// A reading of `virtual_routes` / `static_routes` and `virtual_rules` / `static_rules` lines that
// follows keepalived's iproute2-like option walk closely enough to find what it rejects or warns
// about: unparsable addresses, deprecated `gw` / `or`, untrackable routes, rules without preference.

import type { AstNode, ValueLine, Word } from '../../core/analysis/ast.js';
import { ipFamily } from '../../core/analysis/values.js';
import type { KeepalivedConfig } from '../../core/model/model.js';

export interface LineProblem {
  word: Word;
  message: string;
}

export interface RouteReading {
  line: ValueLine;
  /** Addresses keepalived cannot parse; the line is then skipped. */
  invalid: LineProblem[];
  /** `gw` / `or` words (deprecated but still accepted). */
  deprecated: { word: Word; replacement: string }[];
  /** The destination word, when one was found. */
  dest?: Word;
  /** `dev` / `oif` given for the route itself (not only inside nexthops). */
  hasInterface: boolean;
  noTrack: boolean;
  /** False when the walk met something it does not model (then only earlier findings count). */
  complete: boolean;
}

export interface RuleReading {
  line: ValueLine;
  invalid: LineProblem[];
  hasPreference: boolean;
  hasAction: boolean;
  complete: boolean;
}

/** Route types keepalived accepts before the destination (iproute2 `rtntype`). */
const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat', 'anycast']);
/** Route options with one value; those marked `lock` may be preceded by `lock`. */
const ROUTE_ONE_ARG = new Set(['src', 'from', 'tos', 'dsfield', 'table', 'protocol', 'scope', 'metric', 'priority', 'preference', 'dev', 'oif', 'expires', 'hoplimit', 'window', 'realms', 'initcwnd', 'initrwnd', 'features', 'quickack', 'pref', 'ttl-propagate', 'fastopen_no_cookie', 'vrf', 'track_group']);
const ROUTE_LOCKABLE = new Set(['mtu', 'advmss', 'rtt', 'rttvar', 'reordering', 'cwnd', 'ssthresh', 'rto_min', 'congctl']);
const ROUTE_NO_ARG = new Set(['inet', 'inet6', 'onlink', 'add', 'prepend', 'append', 'no_track']);
/** Destinations that are not addresses. */
const SPECIAL_DESTS = new Set(['default', 'any', 'all', 'default6']);

/** keepalived's parse_ipaddress: family from ':'; optional /len where allowed; inet_pton. */
export function addressOk(text: string, allowPrefix: boolean): boolean {
  if (allowPrefix) {
    const slash = text.indexOf('/');
    // A bad prefix length only draws a warning (the default length is used); the address must parse.
    const addr = slash < 0 ? text : text.slice(0, slash);
    return text.includes(':') ? ipFamily(addr) === 6 : ipFamily(addr) === 4;
  }
  return text.includes(':') ? ipFamily(text) === 6 : ipFamily(text) === 4;
}

function routeDestOk(text: string): boolean {
  return SPECIAL_DESTS.has(text) || addressOk(text, true);
}

const invalidIp = (w: Word, what: string): LineProblem => ({ word: w, message: `${what} '${w.text}' is not a valid IP address` });

export function readRoute(line: ValueLine): RouteReading {
  const words = line.words;
  const r: RouteReading = { line, invalid: [], deprecated: [], hasInterface: false, noTrack: false, complete: true };
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    const s = w.text;
    const next = words[i + 1];
    if (ROUTE_NO_ARG.has(s)) {
      if (s === 'no_track') r.noTrack = true;
      i += 1;
    } else if (s === 'via' || s === 'gw') {
      if (s === 'gw') r.deprecated.push({ word: w, replacement: 'via' });
      let k = i + 1;
      if (words[k]?.text === 'inet' || words[k]?.text === 'inet6') k++;
      const a = words[k];
      if (a && !addressOk(a.text, false)) {
        r.invalid.push(invalidIp(a, 'gateway'));
        return r;
      }
      i = k + 1;
    } else if (s === 'src') {
      if (next && !addressOk(next.text, false)) {
        r.invalid.push(invalidIp(next, 'source address'));
        return r;
      }
      if (next) i += 2;
      else i += 1;
    } else if (s === 'from') {
      if (next && !routeDestOk(next.text)) {
        r.invalid.push(invalidIp(next, 'from address'));
        return r;
      }
      i += 2;
    } else if (s === 'or') {
      r.deprecated.push({ word: w, replacement: 'nexthop' });
      if (next && !addressOk(next.text, false)) {
        r.invalid.push(invalidIp(next, "'or' address"));
        return r;
      }
      i += 2;
    } else if (s === 'nexthop') {
      // What follows describes the nexthops; their `dev` does not give the route an interface.
      for (let k = i + 1; k < words.length; k++) {
        if ((words[k]!.text === 'via' || words[k]!.text === 'gw') && words[k + 1] && !addressOk(words[k + 1]!.text, false)) {
          r.invalid.push(invalidIp(words[k + 1]!, 'nexthop gateway'));
          return r;
        }
      }
      break;
    } else if (s === 'as') {
      i += words[i + 1]?.text === 'to' ? 3 : 2;
    } else if (s === 'encap') {
      // Encapsulation options have their own grammar; stop here rather than guess.
      r.complete = false;
      break;
    } else if (ROUTE_ONE_ARG.has(s)) {
      if (s === 'dev' || s === 'oif') r.hasInterface = true;
      i += 2;
    } else if (ROUTE_LOCKABLE.has(s)) {
      i += words[i + 1]?.text === 'lock' ? 3 : 2;
    } else {
      // The destination, optionally after `to` and a route type.
      let k = i;
      if (words[k]?.text === 'to') k++;
      if (words[k] && ROUTE_TYPES.has(words[k]!.text)) k++;
      const d = words[k];
      if (!d) break;
      if (!routeDestOk(d.text)) {
        r.invalid.push({ word: d, message: `'${d.text}' is neither a route option nor a valid destination address` });
        return r;
      }
      r.dest = d;
      i = k + 1;
    }
  }
  if (!r.dest && r.complete) r.invalid.push({ word: words[0]!, message: 'the route has no destination' });
  return r;
}

const RULE_ONE_ARG = new Set(['table', 'lookup', 'preference', 'order', 'priority', 'tos', 'dsfield', 'fwmark', 'realms', 'suppress_prefixlength', 'sup_pl', 'suppress_ifgroup', 'sup_group', 'dev', 'iif', 'oif', 'tunnel-id', 'uidrange', 'protocol', 'ipproto', 'sport', 'dport', 'track_group']);
const RULE_ACTIONS = new Set(['nop', 'blackhole', 'unreachable', 'prohibit', 'l3mdev']);

export function readRule(line: ValueLine): RuleReading {
  const words = line.words;
  const r: RuleReading = { line, invalid: [], hasPreference: false, hasAction: false, complete: true };
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    const s = w.text;
    const next = words[i + 1];
    if (s === 'from' || s === 'to') {
      if (next && !routeDestOk(next.text)) {
        r.invalid.push(invalidIp(next, `rule ${s} address`));
        return r;
      }
      i += 2;
    } else if (s === 'inet' || s === 'inet6' || s === 'not' || s === 'no_track') {
      i += 1;
    } else if (s === 'goto') {
      r.hasAction = true;
      i += 2;
    } else if (s === 'type') {
      i += 1;
    } else if (RULE_ACTIONS.has(s)) {
      r.hasAction = true;
      i += 1;
    } else if (RULE_ONE_ARG.has(s)) {
      if (s === 'table' || s === 'lookup') r.hasAction = true;
      if (s === 'preference' || s === 'order' || s === 'priority') r.hasPreference = true;
      i += 2;
    } else {
      // An option kalint does not know (newer keepalived, or a typo keepalived rejects).
      r.complete = false;
      return r;
    }
  }
  return r;
}

/** Every route block with the lines keepalived reads in it. */
export function routeBlocks(model: KeepalivedConfig): AstNode[] {
  return [...model.staticRoutes, ...model.vrrpInstances.flatMap((i) => i.virtualRoutes)];
}

export function ruleBlocks(model: KeepalivedConfig): AstNode[] {
  return [...model.staticRules, ...model.vrrpInstances.flatMap((i) => i.virtualRules)];
}
