// How keepalived reads one address line (virtual_ipaddress, virtual_ipaddress_excluded,
// static_ipaddress): which options it rejects (the address is skipped) or ignores.

import type { ValueLine, Word } from '../../core/analysis/ast.js';
import type { Address } from '../../core/model/model.js';
import { DAEMON_READS_LEADING_SINCE, daemonLeadingNumber, impossibleIfname, ipFamily, parseInteger, rtNumber, utf8Length } from '../../core/analysis/values.js';
import type { ArgSpec } from '../../core/schema/schema.js';
import { editDistance } from '../../core/analysis/suggest.js';
import type { Fix, Severity } from '../../core/diagnostics.js';
import { compareVersions, CONFIG_TEST_SINCE, type Version } from '../../core/schema/schema.js';
import { trackGroupsBefore } from './track-groups.js';

/**
 * From 2.0.0 (d6f874f9, dynamic_interfaces) an interface named in the configuration that does not exist stops the VRRP
 * process at start, unless dynamic_interfaces is set: 2.2.7 -t and the daemon, for a VIP, a route and a rule `dev eth0:1`.
 */
export const MISSING_INTERFACE_STOPS_VRRP_SINCE: Version = [2, 0, 0];
export const MISSING_INTERFACE_STOPS_VRRP = 'then stops the VRRP process at start ("Non-existent interface specified in configuration"), so no instance runs';

/**
 * A vrrp_instance tracks the interface of each of its virtual and excluded addresses from 2.0.0, and the interface of
 * each of its virtual routes (`dev`/`oif`) and rules (`dev`/`iif`/`oif`) from 2.0.1 (vrrp.c: add_vrrp_to_interface with
 * TRACK_ADDR, TRACK_ROUTE, TRACK_RULE), unless the line has `no_track` (spelt `no-track` in 2.0.0 to 2.0.2): while that
 * interface is down or absent the instance is in FAULT. No global_defs setting changes this (dont_track_primary only
 * spares the instance's own interface). With dynamic_interfaces a name no interface can have is kept as an interface
 * that never appears, so the instance never leaves FAULT: the 2.2.7 daemon (and 2.0.19, 2.2.4, 2.4.3) with
 * `192.168.1.105/24 dev eth0:1`, the same in virtual_ipaddress_excluded, `10.9.0.0/16 dev eth0:1` in virtual_routes and
 * `from 10.1.0.0/16 iif eth0:1 …` or `oif eth0:1` in virtual_rules: FAULT, no VIP added; with `no_track` on the line,
 * MASTER. A nexthop's `dev` is not tracked, nor is any interface of static_ipaddress / static_routes / static_rules.
 */
export const ADDRESS_INTERFACE_TRACKED_SINCE: Version = [2, 0, 0];
export const ROUTE_INTERFACE_TRACKED_SINCE: Version = [2, 0, 1];
const NO_TRACK_SPELT_SINCE: Version = [2, 0, 3];
/** From this release keepalived logs which interface put the instance in FAULT (1c6d7a34). */
const FAULT_REASON_LOGGED_SINCE: Version = [2, 0, 19];

/** The word that leaves this line's interface untracked at `target` (`no_track`, or `no-track` before 2.0.3). */
export function noTrackWord(target: Version): string {
  return compareVersions(target, NO_TRACK_SPELT_SINCE) >= 0 ? 'no_track' : 'no-track';
}

/**
 * The finding for a name no interface can have on a tracked line of instance `instance` with dynamic_interfaces:
 * `what` is the line ('the address', 'this virtual route'), `never` what never happens to it ('added', 'installed').
 */
export function trackedImpossibleInterface(name: string, why: string, instance: string, what: string, never: string, target: Version): string {
  const logged = compareVersions(target, FAULT_REASON_LOGGED_SINCE) >= 0 ? ` (keepalived: "(${instance}): entering FAULT state (interface ${name} down)")` : '';
  return `interface name '${name}' ${why}: no Linux interface can have this name; with dynamic_interfaces keepalived keeps ${what} and '${instance}' tracks its interface, which never appears, so the instance stays in FAULT${logged}: it never becomes MASTER and holds none of its addresses; fix the name ('${noTrackWord(target)}' on the line keeps the instance out of FAULT, but ${what} is still never ${never})`;
}

export interface AddressProblem {
  word: Word;
  /** The last word of the problem, when it spans several. */
  through?: Word;
  message: string;
  /** 'error': keepalived skips the address; 'warning': it ignores the option. */
  severity: Severity;
  fix?: Fix;
  /** The problem is a `dev` name no interface can have: with dynamic_interfaces keepalived keeps the address, waiting for it. */
  impossibleInterface?: string;
  /**
   * On the impossible `dev` problem: the words `no_track` / `no-track` found where keepalived reads an option (not as
   * another option's value, as in `label no_track`), which keep the interface untracked.
   */
  noTrackWords?: string[];
  /**
   * Found after an impossible `dev`: without dynamic_interfaces keepalived has dropped the address there and never reads
   * it; with dynamic_interfaces it reads on (vrrp_ipaddress.c parse_ipaddress), so an error here drops the address.
   */
  afterImpossible?: boolean;
}

type Say = (p: AddressProblem) => void;

/** Scope names of iproute2's default rt_scopes table (keepalived reads the same file). */
const SCOPES = new Set(['global', 'site', 'link', 'host', 'nowhere']);
const LABEL_MAX_BYTES = 15;

/** Options that take a value (the next word). */
const NEEDS_VALUE = new Set(['dev', 'scope', 'broadcast', 'brd', 'label', 'peer', 'preferred_lft', 'track_group']);

/**
 * Options later releases added to the address parser (vrrp_ipaddress.c, bisected over the tags);
 * an older keepalived reports each as an unknown entry and ignores it, then its value the same way.
 */
export const OPTION_SINCE: Record<string, Version> = {
  // 1.3.6's vrrp_ipaddress.c has them (the 1.3.9 build reads them without a word; 1.3.5's has none).
  home: [1, 3, 6],
  '-nodad': [1, 3, 6],
  mngtmpaddr: [1, 3, 6],
  noprefixroute: [1, 3, 6],
  autojoin: [1, 3, 6],
  peer: [2, 0, 0],
  no_track: [2, 0, 3],
  track_group: [2, 0, 3],
  preferred_lft: [2, 0, 20],
  use_vmac: [2, 2, 0],
};
const NEWEST_OPTION: Version = [2, 2, 0];
/**
 * From this release a label longer than 15 bytes drops the address (3e8a2b2d, "Address label … is longer than maximum
 * length 15 - removing address"; the 2.2.0 build reads it silently). Before it keepalived keeps the address and copies
 * 16 bytes of the label with no end into its buffer, and the kernel refuses a label that long when the address is added.
 */
const LABEL_LENGTH_CHECKED_SINCE: Version = [2, 2, 3];
/** Targets before this are walked for each call (their messages differ); later ones share the model's answer. */
const MESSAGES_SETTLED_SINCE: Version = LABEL_LENGTH_CHECKED_SINCE;

/** The words keepalived reads as options (with or without a value) in an address line. */
const OPTION_WORDS = new Set(['dev', 'scope', 'broadcast', 'brd', 'label', 'peer', 'preferred_lft', 'home', '-nodad', 'mngtmpaddr', 'noprefixroute', 'autojoin', 'no_track', 'track_group', 'use_vmac']);

/** The prefix length of a dotted IPv4 netmask (`255.255.255.0`: 24), else undefined. */
function netmaskLength(word: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(word);
  if (!m) return undefined;
  const bytes = m.slice(1).map(Number);
  if (bytes.some((b) => b > 255) || bytes[0] === 0) return undefined;
  const bits = bytes.map((b) => b.toString(2).padStart(8, '0')).join('');
  return /^1+0*$/.test(bits) ? bits.indexOf('0') < 0 ? 32 : bits.indexOf('0') : undefined;
}

/** The address option one edit away from `word` (`lable`: label, `scop`: scope), when exactly one is. */
function nearOption(word: string): string | undefined {
  if (word.length < 3) return undefined;
  let found: string | undefined;
  for (const o of OPTION_WORDS) {
    if (Math.abs(o.length - word.length) > 1 || editDistance(word, o, 1) > 1) continue;
    if (found !== undefined) return undefined;
    found = o;
  }
  return found;
}

/** Whether a word from `from` on is an option keepalived would still apply. */
function restHasOption(line: ValueLine, from: number): boolean {
  for (let i = from; i < line.argCount; i++) if (OPTION_WORDS.has(line.argText(i)!)) return true;
  return false;
}

/** How keepalived reads preferred_lft's seconds (an unsigned 32-bit number). */
const PREFERRED_LFT_READ: ArgSpec = { name: 'seconds', type: 'unsigned', min: 0, max: 0xffffffff };

/** Walks one address line the way keepalived's address parser does (`target` undefined: 2.2.0 and later). */
/** Says that keepalived skips the address `addr` (a function of its own: a closure per line cost an allocation per address). */
function dropAddress(say: Say, addr: string, word: Word, why: string): void {
  say({ word, message: `${why}; keepalived skips the address ${addr}`, severity: 'error' });
}

function walkLine(address: Address, where: 'vip' | 'static', say: Say, target?: Version): void {
  // Words are read as text in place, and made into word objects only for a report: most lines are
  // `ADDRESS dev IFNAME`, and a 6 MB config has ~16k of them.
  const line = address.line;
  const n = line.argCount;
  const addr = address.text;
  const slash = addr.indexOf('/');
  const family = address.addressFamily;
  if (!family) return; // the schema check reports unparsable addresses
  let sawDev = false;
  let scope: Word | undefined;
  let label: Word | undefined;
  let broadcast: Word | undefined;
  let peer: Word | undefined;
  // The name of a track_group keepalived found on this (static) line.
  let trackGroup: string | undefined;
  // A `dev` name no interface can have: keepalived stops there without dynamic_interfaces, and reads on with it.
  let impossible: AddressProblem | undefined;
  let noTrack: string[] | undefined;
  options: for (let i = 1; i < n; i++) {
    const option = line.argText(i)!;
    if (option === 'no_track' || option === 'no-track') (noTrack ??= []).push(option);
    // The next word's text, when there is one (`value` below is that word).
    const valueText = i + 1 < n ? line.argText(i + 1)! : undefined;
    // Own keys only: a word such as 'constructor' must not find Object.prototype's.
    const since = Object.hasOwn(OPTION_SINCE, option) ? OPTION_SINCE[option] : undefined;
    if (target && since && compareVersions(target, since) < 0) {
      say({ word: line.argWord(i), message: `'${option}' is not an address option in keepalived ${target.join('.')} (it came in ${since.join('.')}); keepalived ignores it`, severity: 'warning' });
      continue;
    }
    // In a VIP, track_group is no option at all: keepalived reports it as an unknown entry and keeps the address.
    if (valueText === undefined && NEEDS_VALUE.has(option) && !(option === 'track_group' && where === 'vip')) {
      dropAddress(say, addr, line.argWord(i), `'${option}' has no value`);
      return;
    }
    switch (option) {
      case 'dev':
        if (sawDev) {
          dropAddress(say, addr, line.argWord(i), "'dev' is given twice");
          return;
        }
        sawDev = true;
        {
          // keepalived looks the interface up and skips the address when it finds none ("WARNING - interface … for
          // ip address … doesn't exist"): with a name no interface can have, that is on every host.
          const name = valueText!;
          const why = impossibleIfname(name);
          if (why !== undefined) {
            const stops = (!target || compareVersions(target, MISSING_INTERFACE_STOPS_VRRP_SINCE) >= 0) ? `, and ${MISSING_INTERFACE_STOPS_VRRP}` : '';
            impossible = { word: line.argWord(i + 1), message: `interface name '${name}' ${why}: no Linux interface can have this name; keepalived skips the address ${addr} (keepalived: "WARNING - interface ${name} for ip address ${addr} doesn't exist")${stops}`, severity: 'error', impossibleInterface: why };
            say(impossible);
            // With dynamic_interfaces keepalived keeps the address and reads on: what follows is marked as such.
            const before = say;
            say = (p) => before(p === impossible ? p : { ...p, afterImpossible: true });
          }
        }
        i++;
        break;
      case 'scope': {
        const v = valueText!;
        // find_rttables_scope: a strtoul number (0x10 and 010 too) up to 255, or a name (found on a pasted
        // config's mutant: `scope 300` went unreported and `scope 0x10` was called invalid).
        const number = SCOPES.has(v) ? (v === 'global' ? 0 : 1) : rtNumber(v);
        if (number === undefined) {
          say({ word: line.argWord(i + 1), message: `scope '${v}' is not global, site, link, host, nowhere or a number; keepalived ignores it`, severity: 'warning' });
        } else if (number > 255) {
          say({ word: line.argWord(i + 1), message: `scope ${v} is out of range 0..255; keepalived ignores it (keepalived: "Invalid scope '${v}'")`, severity: 'warning' });
        } else if (number !== 0) {
          // Only a scope other than global (0) is set, and so only that one is refused for IPv6.
          scope = line.argWord(i);
        }
        i++;
        break;
      }
      case 'broadcast':
      case 'brd':
        if (family === 6) {
          dropAddress(say, addr, line.argWord(i), 'IPv6 addresses have no broadcast address');
          return;
        }
        if (valueText !== '+' && valueText !== '-' && ipFamily(valueText!) !== 4) {
          dropAddress(say, addr, line.argWord(i + 1), `broadcast '${valueText}' is not an IPv4 address, '+' or '-'`);
          return;
        }
        broadcast = line.argWord(i + 1);
        i++;
        break;
      case 'label':
        label = line.argWord(i);
        if (utf8Length(valueText!) > LABEL_MAX_BYTES) {
          if (target && compareVersions(target, LABEL_LENGTH_CHECKED_SINCE) < 0) {
            // Still an 'error': the address never comes up, only later than keepalived -t can tell.
            say({ word: line.argWord(i + 1), message: `label '${valueText}' is longer than ${LABEL_MAX_BYTES} characters; keepalived before 2.2.3 keeps the address ${addr} but its label has no end, and the kernel refuses a label that long when the address is added, so ${addr} is not brought up${compareVersions(target, CONFIG_TEST_SINCE) >= 0 ? ' (keepalived -t does not report it)' : ''}`, severity: 'error' });
            return;
          }
          dropAddress(say, addr, line.argWord(i + 1), `label '${valueText}' is longer than ${LABEL_MAX_BYTES} characters`);
          return;
        }
        i++;
        break;
      case 'peer': {
        const p = valueText!;
        if (peer) {
          // A second peer after one keepalived took: it reports the second and keeps the first, and, having stepped onto
          // the value but not past it, reads the value as the next option (2.0.0 to 2.4.3: "Peer P - another peer has
          // already been specified", then "Unknown configuration entry 'P' for ip address" for an address).
          const valueIsOption = OPTION_WORDS.has(p);
          say({
            word: line.argWord(i),
            through: valueIsOption ? undefined : line.argWord(i + 1),
            message: valueIsOption
              ? `'peer' is given twice: keepalived keeps the first peer (${peer.text}) and ignores this one, then reads '${p}' as an option of its own (keepalived: "Peer ${p} - another peer has already been specified")`
              : `'peer' is given twice: keepalived keeps the first peer (${peer.text}), ignores this one and then reads '${p}' as another option, which it ignores too (keepalived: "Peer ${p} - another peer has already been specified", then "Unknown configuration entry '${p}' for ip address - ignoring")`,
            severity: 'warning',
          });
          if (!valueIsOption) i++;
          break;
        }
        if (p.includes('/') || ipFamily(p) === undefined) say({ word: line.argWord(i + 1), message: `peer '${p}' is not a plain IP address; keepalived ignores it`, severity: 'warning' });
        else if (ipFamily(p) !== family) say({ word: line.argWord(i + 1), message: `peer ${p} is not of the address's family; keepalived ignores it`, severity: 'warning' });
        else {
          peer = line.argWord(i + 1);
          if (slash >= 0 && addr.slice(slash + 1) !== (family === 4 ? '32' : '128')) {
            say({ word: line.argWord(0), message: `with 'peer', the prefix length of ${addr} is ignored (keepalived uses the peer's)`, severity: 'warning' });
          }
        }
        i++;
        break;
      }
      case 'preferred_lft':
        if (valueText !== 'forever' && !(parseInteger(valueText!)! >= 0 && parseInteger(valueText!)! <= 0xffffffff)) {
          // `5x`: -t ignores it, the running daemon (2.0.7+) uses 5 (read with errors ignored).
          const used = !target || compareVersions(target, DAEMON_READS_LEADING_SINCE) >= 0 ? daemonLeadingNumber(PREFERRED_LFT_READ, valueText!) : undefined;
          const effect = used === undefined ? 'keepalived ignores it' : `keepalived -t ignores it, but the running daemon only logs a warning and uses ${used}`;
          say({ word: line.argWord(i + 1), message: `preferred_lft '${valueText}' is not a number of seconds or 'forever'; ${effect}`, severity: 'warning' });
        }
        i++;
        break;
      case 'home':
      case '-nodad':
      case 'mngtmpaddr':
      case 'noprefixroute':
      case 'autojoin':
      case 'no_track':
        break;
      case 'track_group':
        if (where === 'static' && trackGroup !== undefined) {
          // After a track_group keepalived found, another is "a duplicate": it keeps the address as read so far.
          say({ word: line.argWord(i), message: `'track_group' is given twice, and keepalived keeps the first ('${trackGroup}') (keepalived: "track_group ${valueText} is a duplicate"): it reads no further, so the rest of the line from here is ignored`, severity: 'warning' });
          break options;
        }
        if (where === 'static') {
          if (trackGroupsBefore(address.block).has(valueText!)) trackGroup = valueText;
          i++;
          break;
        }
        say({ word: line.argWord(i), message: "'track_group' applies to static_ipaddress only; keepalived ignores it here (and reads its value as another option)", severity: 'warning' });
        break;
      case 'use_vmac':
        if (where === 'vip') break;
        say({ word: line.argWord(i), message: "'use_vmac' applies to virtual addresses only; keepalived ignores it in static_ipaddress", severity: 'warning' });
        break;
      default:
        if ((option.startsWith('//') || option.startsWith('/*')) && !restHasOption(line, i + 1)) {
          // A C-style comment after the address: one finding for the words keepalived ignores one by one.
          const first = line.argWord(i);
          const last = line.argWord(n - 1);
          const marker = option.slice(0, 2);
          const count = n - i;
          say({
            word: first,
            through: last,
            message:
              `'${marker}' does not start a comment in keepalived.conf: keepalived reads ${count === 1 ? `'${option}'` : `each of the ${count} words from '${option}' on`} as an address option and ignores ${count === 1 ? 'it' : 'them'} ` +
              `(keepalived: "Unknown configuration entry '${option}' for ip address - ignoring"${count > 1 ? `, once a word` : ''}). Use '#'`,
            severity: 'warning',
            fix: first.expanded ? undefined : { description: `Replace '${marker}' with '#'`, edits: [{ file: first.file, range: { start: first.range.start, end: { ...first.range.start, column: first.range.start.column + 2, offset: first.range.start.offset + 2 } }, newText: '#' }] },
          });
          return;
        }
        if (option.startsWith('//') || option.startsWith('/*')) {
          // `10.0.0.1/24 // floating IP dev eth1`: the "comment" is no comment, and an option word after it still
          // counts (2.2.7 reports '//', 'floating' and 'IP' and adds the address on eth1). Each word keeps its own
          // finding, but the marker's says why, and that the rest of the line is read.
          let next = i + 1;
          while (next < n && !OPTION_WORDS.has(line.argText(next)!)) next++;
          say({
            word: line.argWord(i),
            message:
              `'${option.slice(0, 2)}' does not start a comment in keepalived.conf: keepalived ignores '${option}' (keepalived: "Unknown configuration entry '${option}' for ip address - ignoring") ` +
              `and reads every word after it as an address option, so '${line.argText(next)}' later on this line still applies to ${addr}. Use '#' for a comment, after the options`,
            severity: 'warning',
          });
          continue;
        }
        // `192.168.10.100 255.255.255.0` (ifconfig's habit): the mask is no option, and the address stays /32.
        if (i === 1 && slash < 0 && family === 4 && netmaskLength(option) !== undefined) {
          const len = netmaskLength(option)!;
          const first = line.argWord(0);
          const mask = line.argWord(1);
          say({
            word: mask,
            message: `'${option}' is a netmask, which keepalived does not read after an address: it ignores the word and adds ${addr} as /32 (keepalived: "Unknown configuration entry '${option}' for ip address - ignoring"); write ${addr}/${len}`,
            severity: 'warning',
            fix: first.expanded || mask.expanded || first.file !== mask.file ? undefined : { description: `Write ${addr}/${len}`, edits: [{ file: first.file, range: { start: first.range.start, end: mask.range.end }, newText: `${addr}/${len}` }] },
          });
          break;
        }
        // A misspelt option (`lable eth0:web`): keepalived ignores it and, one by one, the words after it.
        const near = nearOption(option);
        if (near !== undefined) {
          const takesValue = NEEDS_VALUE.has(near) && valueText !== undefined && !OPTION_WORDS.has(valueText);
          say({
            word: line.argWord(i),
            through: takesValue ? line.argWord(i + 1) : undefined,
            message: `'${option}' is not an address option; did you mean '${near}'? keepalived ignores it${takesValue ? ` and '${valueText}' after it (keepalived: "Unknown configuration entry" for each)` : ''}`,
            severity: 'warning',
            fix: line.argWord(i).expanded ? undefined : { description: `Replace with '${near}'`, edits: [{ file: line.argWord(i).file, range: line.argWord(i).range, newText: near }] },
          });
          if (takesValue) i++;
          continue;
        }
        say({ word: line.argWord(i), message: `'${option}' is not an address option; keepalived ignores it`, severity: 'warning' });
    }
  }
  if (impossible && noTrack) impossible.noTrackWords = noTrack;
  if (broadcast && peer) {
    say({ word: broadcast, message: `a broadcast address cannot go with 'peer'; keepalived ignores the broadcast of ${addr}`, severity: 'warning' });
  } else if (broadcast && (broadcast.text === '+' || broadcast.text === '-')) {
    // '+'/'-' derive the broadcast from the prefix, which needs room for host bits.
    const len = slash < 0 ? 32 : Number(addr.slice(slash + 1));
    if (len > 30) say({ word: broadcast, message: `'brd ${broadcast.text}' needs a prefix of /30 or shorter; keepalived sets no broadcast for ${addr}`, severity: 'warning' });
  }
  if (family === 6 && scope) say({ word: scope, message: `IPv6 addresses take no scope; keepalived ignores it for ${addr}`, severity: 'warning' });
  if (family === 6 && label) say({ word: label, message: `IPv6 addresses take no label; keepalived ignores it for ${addr}`, severity: 'warning' });
}


// Shared and never modified, but not frozen: a frozen array has an elements kind of its own, and V8
// then stops inlining for-of over every list that may be it (each step goes through the iterator
// builtin and allocates a result: 2-3x slower, and much garbage). test/shared-empty.test.ts checks it stays empty.
/** Shared by the many lines without a problem (nobody modifies the lists). */
const NO_PROBLEMS: AddressProblem[] = [];

/**
 * What keepalived makes of the options of an address line (static_ipaddress lines are read as
 * static addresses, the others as virtual ones). Several rules ask about the same lines; the
 * answer is kept on the model's address.
 */
// What walkLine finds for addressProblems, gathered by one shared function rather than a new
// closure per address (a 6 MB config has ~16k addresses; most have no problem).
let collected: AddressProblem[] | undefined;
const collect: Say = (p) => {
  (collected ??= []).push(p);
};

export function addressProblems(address: Address, target?: Version): AddressProblem[] {
  // Releases before the newest option read some options as unknown words, and before 2.2.3 a long label is
  // kept: worked out each time (only KA346 asks for them); whether an address is usable does not depend on it.
  if (target && compareVersions(target, MESSAGES_SETTLED_SINCE) < 0) {
    const found: AddressProblem[] = [];
    walkLine(address, address.block.keyword === 'static_ipaddress' ? 'static' : 'vip', (p) => found.push(p), target);
    return found;
  }
  let out = address.derived as AddressProblem[] | undefined;
  if (!out) {
    const where = address.block.keyword === 'static_ipaddress' ? 'static' : 'vip';
    collected = undefined;
    walkLine(address, where, collect);
    address.derived = out = collected ?? NO_PROBLEMS;
    collected = undefined;
  }
  return out;
}

/**
 * True when keepalived skips the whole address because of its options. With `dynamicInterfaces` (global_defs'
 * dynamic_interfaces) a `dev` name no interface can have does not drop the address (keepalived keeps it, waiting for
 * that interface), but an error later on the line still does.
 */
export function addressDropped(address: Address, dynamicInterfaces = address.dynamicInterfaces === true): boolean {
  const problems = addressProblems(address);
  for (let i = 0; i < problems.length; i++) {
    const p = problems[i]!;
    if (p.severity !== 'error') continue;
    if (!dynamicInterfaces || p.impossibleInterface === undefined) return true;
  }
  return false;
}

/**
 * The problems of an address line as keepalived meets them: without dynamic_interfaces it stops reading at a `dev` name
 * no interface can have (so nothing after it is reported); with it, it reads on, and then that `dev` is a problem only
 * when the address survives the rest of the line.
 */
export function addressProblemsAsRead(address: Address, dynamicInterfaces: boolean, target?: Version): AddressProblem[] {
  const all = addressProblems(address, target);
  let impossible = -1;
  for (let i = 0; i < all.length; i++) if (all[i]!.impossibleInterface !== undefined) impossible = i;
  if (impossible < 0) return all;
  if (!dynamicInterfaces) return all.filter((p) => !p.afterImpossible);
  // Dropped later on the line ('dev' twice, an option without its value…): that error says so, the name does not matter.
  if (all.some((p) => p.afterImpossible && p.severity === 'error')) return all.filter((_, i) => i !== impossible);
  return all;
}
