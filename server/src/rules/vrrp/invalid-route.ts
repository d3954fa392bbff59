// KA330: a route or rule line keepalived cannot parse (bad address, no destination, no action).

import { MISSING_INTERFACE_STOPS_VRRP, MISSING_INTERFACE_STOPS_VRRP_SINCE, noTrackWord, ROUTE_INTERFACE_TRACKED_SINCE, trackedImpossibleInterface } from './addresses.js';
import type { AstNode, ValueLine } from '../../core/analysis/ast.js';
import { ipFamily } from '../../core/analysis/values.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { optionTooNew, readRoute, readRule, routeBlocks, ruleBlocks, skipped, skippedAt, type LineProblem, type RouteReading, type RuleReading } from './routes.js';

/**
 * 2.0.8 changed how a route's destination is read (commits 843ffc80, 912be9f0, b7ddc5f2): before it,
 * `default` was IPv4 (a line with an IPv6 gateway is "Cannot mix IPv4 and IPv6 addresses for
 * route"; 1.3.5 and 2.0.7 read it so) and `any`/`all` were no destination ("unknown route keyword").
 */
const ROUTE_DEFAULT_ANY_FAMILY_SINCE: Version = [2, 0, 8];
/**
 * 2.0.7 read a prefix length as a number from 1 (the range checks of 2.0.7): `0.0.0.0/0` is "number '0'
 * outside range [1, 32]", "Invalid address prefix len 0 for address 0.0.0.0 - using 32" (the 2.0.7
 * build); 2.0.6 took it with atoi and 2.0.8 allows 0 for routes again (843ffc80).
 */
export const ZERO_PREFIX_REFUSED: [Version, Version] = [[2, 0, 7], [2, 0, 8]];

/** What a release before 2.0.8 does differently with this route line's addresses. */
function olderRouteProblems(line: ValueLine, r: RouteReading, target: Version): LineProblem[] {
  const out: LineProblem[] = [];
  const dest = r.dest;
  if (dest && compareVersions(target, ROUTE_DEFAULT_ANY_FAMILY_SINCE) < 0) {
    const v = target.join('.');
    if (dest.text === 'any' || dest.text === 'all') {
      out.push({ word: dest, message: `keepalived ${v} has no route destination '${dest.text}' (2.0.8 added it; keepalived: "unknown route keyword ${dest.text}"): write 'default'`, effect: 'skip' });
    } else if (dest.text === 'default') {
      const v6 = line.words.find((w) => w !== dest && ipFamily(w.text.split('/')[0]!) === 6);
      if (v6) out.push({ word: dest, message: `keepalived ${v} reads 'default' as IPv4, and '${v6.text}' is IPv6 (keepalived: "Cannot mix IPv4 and IPv6 addresses for route"): write 'default6'`, effect: 'skip' });
    }
  }
  if (compareVersions(target, ZERO_PREFIX_REFUSED[0]) >= 0 && compareVersions(target, ZERO_PREFIX_REFUSED[1]) < 0) {
    for (const w of line.words) {
      const [addr, len] = w.text.split('/');
      const family = len === '0' ? ipFamily(addr!) : undefined;
      if (family) {
        const full = family === 4 ? 32 : 128;
        out.push({ word: w, message: `keepalived ${target.join('.')} refuses prefix length 0 and uses /${full}, so '${w.text}' becomes a single-address route (keepalived: "Invalid address prefix len 0 for address ${addr} - using ${full}"); write '${family === 6 ? 'default6' : 'default'}' instead, or use 2.0.8 or later`, effect: 'adjust', serious: true });
      }
    }
  }
  return out;
}

export const invalidRoute: FileRule = {
  kind: 'file',
  code: 'KA330',
  name: 'invalid-route',
  family: 'vrrp',
  severity: 'error',
  description: 'A virtual_routes / static_routes / virtual_rules / static_rules line keepalived cannot use: a bad address, mixed IPv4/IPv6, no or several actions; the line is skipped.',
  docs: {
    why: 'keepalived parses route and rule lines like `ip route` / `ip rule` arguments. An address it cannot parse (a truncated `192.168.100./24`, a misspelt option read as the destination), IPv4 and IPv6 addresses on one line, a rule with no action or two, or table 0 make it skip the whole line ("VRRP parsed invalid IP …") and report a configuration error, so the route or rule is never installed on failover. From 2.0.8 the destinations `default`, `any` and `all` have no family, so keepalived takes them only before any address: after one (or after `inet`, `inet6`, `src`, `via`) they count as mixed families and the route is dropped. Before 2.0.8 `default` was an IPv4 destination (an IPv6 route needs `default6`) and `any`/`all` were no destination, and the `from`/`to` of a rule had to be an address: `from all`, `any`, `default` or `default6` drop the rule there ("Invalid rule from address all"; leave `from all` out); 2.0.7 also turned a /0 prefix into a single address, in a route and in the `from`/`to` of a rule. Options a release does not know yet drop the line there too (`no_track` and `track_group` came in 2.0.3, `ttl-propagate` in 2.0.8, `vrf` in 2.2.5; for rules `protocol`, `ipproto`, `sport` and `dport` in 2.0.1, `l3mdev` in 1.4.3). A prefix length that is too long is reported and replaced; a single port after sport/dport (2.2.7 wants a range such as `80-80`) is reported and dropped, so the rule matches every port. A nexthop keepalived cannot use (a gateway that is no address or of the other family, a bad weight or realms, `as [to]`) is dropped with those after it, the route keeping the ones before (with none before and no `dev` of its own, the kernel refuses the route), and a word that is no nexthop option ends the nexthops: keepalived ignores the rest of the line. A second `track_group`, after one keepalived found, drops a static route, and a static rule keeps only what came before it; a static rule with a track_group but no `iif`/`dev` loses the track_group, so it follows no instance. A `dev`, `oif` or `iif` no interface can have drops the line, and from 2.0.0, unless dynamic_interfaces is set, stops the VRRP process at start; with dynamic_interfaces keepalived keeps the line and waits for an interface that never appears, and in virtual_routes / virtual_rules, whose own interface the vrrp_instance tracks (from 2.0.1; not a nexthop\'s), the instance then stays in FAULT unless the line has `no_track`.',
    bad: 'static_rules {\n    to 192.168.100./24 table 1\n}\n',
    good: 'static_rules {\n    to 192.168.100.0/24 table 1 priority 100\n}\n',
  },
  check({ analysis, target, report }) {
    const model = analysis.model;
    const older = compareVersions(target, ROUTE_DEFAULT_ANY_FAMILY_SINCE) < 0;
    const dynamic = model.globalDefs?.dynamicInterfaces === true;
    const zeroRefused = compareVersions(target, ZERO_PREFIX_REFUSED[0]) >= 0 && compareVersions(target, ZERO_PREFIX_REFUSED[1]) < 0;
    // A vrrp_instance tracks the line's own interface of its virtual routes and rules (see ROUTE_INTERFACE_TRACKED_SINCE).
    // Only with dynamic_interfaces does keepalived keep such a line (else it drops it: see MISSING_INTERFACE_STOPS_VRRP).
    const tracks = dynamic && compareVersions(target, ROUTE_INTERFACE_TRACKED_SINCE) >= 0;
    const untracked = noTrackWord(target);
    let instanceOf: Map<AstNode, string> | undefined;
    /** The instance that tracks this line's own interface, or undefined (a static block, `no_track`, a line keepalived drops). */
    const tracker = (block: AstNode, line: ValueLine, r: RouteReading | RuleReading): string | undefined => {
      if (!tracks || !r.problems.some((p) => p.ownInterface && !p.replacedBy)) return undefined;
      if (!instanceOf) {
        instanceOf = new Map();
        for (const inst of model.vrrpInstances) for (const b of [...inst.virtualRoutes, ...inst.virtualRules]) instanceOf.set(b, inst.name);
      }
      const name = instanceOf.get(block);
      if (name === undefined || line.words.some((w) => w.text === untracked) || skipped(r.problems, target) || optionTooNew(r, target)) return undefined;
      return name;
    };
    const say = (kind: string, what: string, p: LineProblem, instance?: string, dropped = false) => {
      // An adjustment a release before the target's does not make is not this target's problem.
      if (p.since && compareVersions(target, p.since) < 0) return;
      // …and one only earlier releases make is not this target's either.
      if (p.until && compareVersions(target, p.until) >= 0) return;
      if (p.messageAt) p = { ...p, message: p.messageAt(target) };
      if (p.impossibleInterface !== undefined && dynamic && p.replacedBy && !dropped) {
        const message = `interface name '${p.word.text}' ${p.impossibleInterface}: no Linux interface can have this name; keepalived takes the later '${p.replacedBy.text}' on this line instead (the last one counts), so this one is neither used nor tracked; remove it`;
        report({ message, file: p.word.file, range: p.word.range, severity: 'warning' });
        return;
      }
      // A line keepalived drops later on for another reason: that reason is reported, this name does not matter.
      if (p.impossibleInterface !== undefined && dynamic && dropped) return;
      if (p.impossibleInterface !== undefined && dynamic && p.ownInterface && instance !== undefined) {
        const message = trackedImpossibleInterface(p.word.text, p.impossibleInterface, instance, `this ${kind} ${what}`, 'installed', target);
        report({ message, file: p.word.file, range: p.word.range, severity: 'error' });
        return;
      }
      if (p.impossibleInterface !== undefined && dynamic) {
        const message = `interface name '${p.word.text}' ${p.impossibleInterface}: no Linux interface can have this name; with dynamic_interfaces keepalived keeps this ${kind} ${what} and waits for the interface, which never appears, so it is never installed`;
        report({ message, file: p.word.file, range: p.word.range, severity: 'warning' });
        return;
      }
      report({
        message:
          p.effect === 'skip' ? `${p.message}; keepalived skips this ${kind} ${what}${p.impossibleInterface !== undefined && compareVersions(target, MISSING_INTERFACE_STOPS_VRRP_SINCE) >= 0 ? `, and ${MISSING_INTERFACE_STOPS_VRRP}` : ''}` : p.effect === 'stops' ? `${p.message}; keepalived exits at this ${kind} ${what} with a configuration error (it does not run at all)` : p.message,
        file: p.word.file,
        range: p.word.range,
        severity: p.effect === 'adjust' && !p.serious ? 'warning' : 'error',
      });
    };
    // An option the target does not know yet drops the line at that word: what the walk found before it still happens.
    const tooNewFirst = (kind: string, what: string, r: RouteReading | RuleReading): boolean => {
      const tooNew = optionTooNew(r, target);
      if (!tooNew) return false;
      for (const p of r.problems) if (p.word.file === tooNew.word.file && p.word.start < tooNew.word.start) say(kind, what, p);
      say(kind, what, tooNew);
      return true;
    };
    for (const block of routeBlocks(model)) {
      const kind = block.keyword === 'static_routes' ? 'static' : 'virtual';
      for (const line of block.values ?? []) {
        const r = readRoute(line, block, dynamic);
        if (tooNewFirst(kind, 'route', r)) continue;
        const instance = tracker(block, line, r);
        const dropped = dynamic && skippedAt(r, target);
        for (const p of r.problems) say(kind, 'route', p, instance, dropped);
        if (older && !skipped(r.problems, target)) for (const p of olderRouteProblems(line, r, target)) say(kind, 'route', p);
        // From 2.0.8 'default' serves both families; 'default6' still works, and the daemon logs it as deprecated
        // (daemon audit, 2.2.7: "'default6' is deprecated - please replace with 'inet6 default'"; -t says nothing).
        if (!older && r.dest?.text === 'default6' && !skipped(r.problems)) {
          // Not its advice: keepalived skips the word after 'inet6' in a route, so 'inet6 default' has no destination.
          report({ message: `'default6' is deprecated since keepalived 2.0.8: the running daemon logs "'default6' is deprecated - please replace with 'inet6 default'" (keepalived -t says nothing); write '::/0' (what the log advises drops the route: keepalived skips the word after 'inet6', and the route has no destination)`, file: r.dest.file, range: r.dest.range, severity: 'warning', fix: r.dest.expanded ? undefined : { description: "Replace with '::/0'", edits: [{ file: r.dest.file, range: r.dest.range, newText: '::/0' }] } });
        }
      }
    }
    for (const block of ruleBlocks(model)) {
      const kind = block.keyword === 'static_rules' ? 'static' : 'virtual';
      for (const line of block.values ?? []) {
        const r = readRule(line, block, dynamic);
        if (tooNewFirst(kind, 'rule', r)) continue;
        const instance = tracker(block, line, r);
        const dropped = dynamic && skippedAt(r, target);
        for (const p of r.problems) say(kind, 'rule', p, instance, dropped);
        // 2.0.7's parse_ipaddress refuses a /0 prefix for a rule's from/to as for a route (the same function).
        if (zeroRefused && !skipped(r.problems, target)) {
          const words = line.words;
          for (let k = 0; k + 1 < words.length; k++) {
            if (words[k]!.text !== 'from' && words[k]!.text !== 'to') continue;
            const w = words[k + 1]!;
            const [addr, len] = w.text.split('/');
            const family = len === '0' ? ipFamily(addr!) : undefined;
            if (!family) continue;
            const full = family === 4 ? 32 : 128;
            say(kind, 'rule', { word: w, message: `keepalived ${target.join('.')} refuses prefix length 0 and uses /${full}, so '${words[k]!.text} ${w.text}' matches that single address only (keepalived: "Invalid address prefix len 0 for address ${addr} - using ${full}"); leave '${words[k]!.text} ${w.text}' out (a rule without it matches every address), or use 2.0.8 or later`, effect: 'adjust', serious: true });
          }
        }
        if (!skipped(r.problems) && r.complete && !r.actions.length) {
          report({ message: `this ${kind} rule has no action (table, goto, nop, blackhole, unreachable or prohibit); keepalived skips it`, file: line.file, range: line.range });
        }
      }
    }
  },
};
