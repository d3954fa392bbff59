// KA351: the words of `use_vmac` and `use_ipvlan` keepalived 2.2.7 ignores (vrrp_parser.c
// vrrp_vmac_handler and vrrp_ipvlan_handler, checked with the binary). use_vmac reads at most two
// words: one with a ':' is the VMAC's MAC address, any other is its interface name. use_ipvlan reads
// a type (bridge, private, vepa), an address and an interface name, one of each. The interface is
// still created; only the ignored word has no effect. Both names share one space across instances.

import type { AstNode, Word } from '../../core/analysis/ast.js';
import { ipFamily, parsePrefix, utf8Length } from '../../core/analysis/values.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { anyInstanceHasRareLine, hasRareLine, RareLine, uniqueInstances } from './util.js';

/**
 * From this release use_vmac reads every word, and three of them are options rather than names:
 * `netlink_notify_msg`, `group GROUP` and `name IFNAME` (keepalived's commits "work around missing promiscuous
 * netlink notifications" and "Add name option for use_vmac and use_ipvlan"). 2.2.7 and 2.2.8 read two words.
 */
const VMAC_OPTIONS_SINCE: Version = [2, 3, 0];

/** From this release keepalived reports a use_vmac/use_ipvlan name another instance already uses (396b4360). */
const SHARED_NAME_CHECKED_SINCE: Version = [2, 2, 0];
/**
 * use_ipvlan's report of a shared name is not acted on before this release: the `continue` leaves only the loop
 * over the other instances and the name is copied anyway (d1c70747; the 2.2.0 and 2.2.4 builds print "VRRP instance
 * VI_1 is already using ipv1 - ignoring name"). use_vmac's handler returned there, so it did ignore the name.
 */
const SHARED_IPVLAN_NAME_IGNORED_SINCE: Version = [2, 2, 5];
/**
 * use_vmac reads a MAC address (a word with ':') from this release (bfae7013). Before it only the first word is
 * read, as the interface name: the 2.2.4 build on `use_vmac 01:11:22:33:44:55` prints "VMAC interface name
 * '01:11:22:33:44:55' too long or invalid characters - ignoring", and reads `use_vmac vrrp51 02:11:22:33:44:55` silently.
 */
export const VMAC_MAC_SINCE: Version = [2, 2, 5];
/** From this release the VMAC name is checked for characters (c35e0e7c); before it only for length ("too long - ignoring"). */
const VMAC_NAME_CHARACTERS_SINCE: Version = [2, 1, 0];
/** Before this release a long VMAC name is cut to 15 characters without a word (b688df38); from it, it is refused. */
const VMAC_NAME_LENGTH_CHECKED_SINCE: Version = [1, 4, 2];

/** The kernel's limit on interface names (IFNAMSIZ 16, with the final NUL). */
const MAX_NAME = 15;

/** Why keepalived ignores a VMAC interface name, or undefined. */
function nameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (utf8Length(name) > MAX_NAME) return `${sizeOf(name)}; interface names have at most ${MAX_NAME}`;
  if (name === '.' || name === '..') return 'is not a usable interface name';
  if (/[/:\t\n\v\f\r ]/.test(name)) return "contains a '/', ':' or a blank, which interface names cannot";
  return undefined;
}

/** How long a name is for the kernel, which counts bytes: 'is 14 characters', or 'is 16 bytes (14 characters)'. */
function sizeOf(name: string): string {
  const bytes = utf8Length(name);
  return bytes === name.length ? `is ${bytes} characters` : `is ${bytes} bytes in UTF-8 (${[...name].length} characters)`;
}

/** The first `max` bytes of a name in UTF-8, whole characters only (what a cut to 15 bytes leaves readable). */
function firstBytes(name: string, max: number): string {
  let out = '';
  let used = 0;
  for (const ch of name) {
    used += utf8Length(ch);
    if (used > max) break;
    out += ch;
  }
  return out;
}

/** Why keepalived ignores a VMAC MAC address, or undefined (its reading: 5 octets mean "add the VRID"). */
export function macProblem(text: string): string | undefined {
  if (/[^0-9A-Fa-f:]/.test(text)) return 'has characters other than hex digits and colons';
  const octets = text.split(':');
  if (octets[octets.length - 1] === '' && octets.length === 6) octets.pop(); // `aa:bb:cc:dd:ee:` also means "add the VRID"
  if ((octets.length !== 5 && octets.length !== 6) || octets.some((o) => o.length < 1 || o.length > 2)) return 'is not 5 or 6 octets of one or two hex digits';
  const bytes = octets.map((o) => parseInt(o, 16));
  if (bytes[0]! & 1) return 'is a multicast address (the first octet is odd)';
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0x5e && bytes[3] === 0 && (bytes[4] === 1 || bytes[4] === 2)) return 'is the RFC 5798 VRRP MAC range (00:00:5e:00:01/02:xx), which a VMAC may not take';
  return undefined;
}

export const useVmacInvalid: FileRule = {
  kind: 'file',
  code: 'KA351',
  name: 'use-vmac-invalid',
  family: 'vrrp',
  severity: 'error',
  description: "A use_vmac or use_ipvlan word keepalived ignores: a name too long or invalid, a repeated name, address, MAC or type, or a name another instance already uses.",
  docs: {
    why:
      'use_vmac takes up to two words: the name of the macvlan interface keepalived creates (at most 15 characters, no ' +
      "'/' or blank) and, with colons, its MAC address (5 octets to have the VRID appended, or 6; not multicast, not the " +
      'VRRP MAC range 00:00:5e:00:01/02). keepalived reports a word it cannot use and ignores it: the VMAC then gets the ' +
      'default name vrrp.VRID (or the default MAC), which scripts, firewall rules and monitoring written for the chosen ' +
      'name do not find. Two instances cannot share one name; the second keeps the default. use_ipvlan has the same ' +
      'rules for its interface name, and takes one address and one type (bridge, private or vepa): a second one is ignored. ' +
      'Before 2.2.5 use_vmac reads only its first word, as the name (a MAC address there is an invalid name), and before ' +
      '2.2.0 nothing stops two instances from sharing a name.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    use_vmac vrrp_frontend_public\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    use_vmac vrrp.fe\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}',
  },
  check({ analysis, target, report }) {
    // Nothing to find when no instance has the line (the usual case).
    if (!anyInstanceHasRareLine(analysis.model, RareLine.useVmac | RareLine.useIpvlan)) return;
    const options = compareVersions(target, VMAC_OPTIONS_SINCE) >= 0;
    const macs = compareVersions(target, VMAC_MAC_SINCE) >= 0;
    const nameCharacters = compareVersions(target, VMAC_NAME_CHARACTERS_SINCE) >= 0;
    const nameCut = compareVersions(target, VMAC_NAME_LENGTH_CHECKED_SINCE) < 0;
    const sharing = sharedNameHandling(target, false);
    const ipvlanSharing = sharedNameHandling(target, true);
    // VMAC names taken so far, in reading order (keepalived compares with the instances read before).
    const taken = new Map<string, string>();
    for (let j = 0, insts = uniqueInstances(analysis.model); j < insts.length; j++) {
      const inst = insts[j]!;
      // Only use_vmac and use_ipvlan lines are read (and only they add to `taken`).
      if (!hasRareLine(inst, RareLine.useVmac | RareLine.useIpvlan)) continue;
      // What keepalived has accepted for this instance so far (later words cannot replace it).
      // use_vmac and use_ipvlan name one interface (vmac_ifname): a name from either stops the other's.
      const state = { named: false, macSet: false, addressSet: false, typeSet: false, namedBy: '' };
      const ipvlan = state;
      let ipvlanRead = false;
      for (let k = 0, lines = inst.node.children; k < lines.length; k++) {
        const line = lines[k]!;
        if (line.keyword === 'use_ipvlan') {
          // keepalived reads the first use_ipvlan line only (a second one is KA209).
          if (ipvlanRead) continue;
          ipvlanRead = true;
          // From 2.3.0 use_ipvlan takes use_vmac's `name NAME` and `group NAME` too.
          for (const i of wordsRead(line, options, line.argCount, report)) {
            const w = line.argWord(i);
            const message = ipvlanWordProblem(w.text, inst.name, ipvlan, taken, ipvlanSharing);
            if (message) report({ message, file: w.file, range: w.range });
          }
          continue;
        }
        if (line.keyword !== 'use_vmac') continue;
        if (!macs) {
          for (let i = 0; i < line.argCount; i++) {
            const w = line.argWord(i);
            const message =
              i === 0
                ? nameCut && utf8Length(w.text) > MAX_NAME
                  ? `VMAC interface name '${w.text}' ${sizeOf(w.text)}; keepalived ${target.join('.')} cuts it to the first ${MAX_NAME}${utf8Length(w.text) === w.text.length ? '' : ' bytes'}, '${firstBytes(w.text, MAX_NAME)}', without a word`
                  : oldNameProblem(w.text, inst.name, nameCharacters, state, taken, sharing)
                : `keepalived ${target.join('.')} reads only the first word of use_vmac, the interface name; '${w.text}' is ignored${w.text.includes(':') ? ' (a MAC address for the VMAC came in 2.2.5)' : ''}`;
            // keepalived says nothing of an extra word or of the name it cuts: a warning, the VMAC still comes up.
            const silent = i > 0 || (nameCut && utf8Length(w.text) > MAX_NAME);
            if (message) report({ message, file: w.file, range: w.range, ...(silent ? { severity: 'warning' as const } : {}) });
          }
          continue;
        }
        for (const i of wordsRead(line, options, 2, report)) {
          const w = line.argWord(i);
          const message = wordProblem(w.text, inst.name, state, taken, sharing);
          if (message) report({ message, file: w.file, range: w.range });
        }
      }
    }
  },
};

const IPVLAN_TYPES = new Set(['bridge', 'private', 'vepa']);

/**
 * The indices of the words of a use_vmac/use_ipvlan line to check. Without options (before 2.3.0) the first
 * `withoutOptions`; with them, every word but `netlink_notify_msg`, a `group NAME` (looked up in the host's rt_tables:
 * not checked here) and the `name` before a name; up to a `name` or `group` that ends the line (reported: a stop).
 */
function wordsRead(line: AstNode, options: boolean, withoutOptions: number, report: (r: ReturnType<typeof optionWithoutValue>) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < line.argCount && (options || i < withoutOptions); i++) {
    const text = options ? line.argText(i) : undefined;
    if (text === 'netlink_notify_msg' && line.keyword === 'use_vmac') continue;
    if (text === 'group' || text === 'name') {
      if (i + 1 >= line.argCount) {
        report(optionWithoutValue(line, i));
        break;
      }
      i++;
      if (text === 'group') continue;
    }
    out.push(i);
  }
  return out;
}

/**
 * `name` or `group` as the line's last word: from 2.3.0 keepalived reads the word after it all the same, finds none and
 * stops (the 2.3.3 and 2.4.3 builds: "missing a parameter after keyword `name`", nothing after the line read).
 */
function optionWithoutValue(line: AstNode, i: number) {
  const w = line.argWord(i);
  return {
    message: `${line.keyword} '${w.text}' has no value after it; keepalived exits here with a configuration error ("missing a parameter after keyword \`${w.text}\`"): it does not run at all`,
    file: w.file,
    range: w.range,
  };
}

/** What the target release does with an interface name another instance already uses. */
type SharedNameHandling = 'unchecked' | 'reported-but-kept' | 'ignored';

function sharedNameHandling(target: Version, ipvlan: boolean): SharedNameHandling {
  if (compareVersions(target, SHARED_NAME_CHECKED_SINCE) < 0) return 'unchecked';
  if (ipvlan && compareVersions(target, SHARED_IPVLAN_NAME_IGNORED_SINCE) < 0) return 'reported-but-kept';
  return 'ignored';
}

/** What keepalived before 2.2.5 says of use_vmac's first word, which it always reads as the interface name. */
function oldNameProblem(text: string, instance: string, nameCharacters: boolean, state: { named: boolean; namedBy?: string }, taken: Map<string, string>, sharing: SharedNameHandling): string | undefined {
  if (nameCharacters) {
    const why = text.includes(':') ? "contains a ':', which interface names cannot (a MAC address for the VMAC came in 2.2.5)" : nameProblem(text);
    if (why) return `VMAC interface name '${text}' ${why}; keepalived ignores it and names the VMAC vrrp.VRID (keepalived: "too long or invalid characters")`;
  } else if (utf8Length(text) > MAX_NAME) {
    return `VMAC interface name '${text}' ${sizeOf(text)}; interface names have at most ${MAX_NAME}, and keepalived ignores it and names the VMAC vrrp.VRID (keepalived: "too long - ignoring")`;
  }
  const other = taken.get(text);
  if (other !== undefined) return sharedNameMessage(other, 'VMAC name', text, sharing, ' and names this VMAC vrrp.VRID');
  taken.set(text, instance);
  state.named = true;
  state.namedBy = 'use_vmac';
  return undefined;
}

/** The finding for an interface name (`kind`: VMAC name or interface name) that instance `other` already uses. */
function sharedNameMessage(other: string, kind: string, text: string, sharing: SharedNameHandling, fallback: string): string {
  const uses = `vrrp_instance '${other}' already uses the ${kind} '${text}'`;
  if (sharing === 'unchecked') return `${uses}; keepalived before 2.2.0 does not check this (keepalived -t does not report it) and gives both instances the same interface name`;
  if (sharing === 'reported-but-kept')
    return `${uses}; keepalived before 2.2.5 says it ignores the name ("VRRP instance ${other} is already using ${text} - ignoring name") but gives it to this instance too, and can crash on it (fixed in 2.2.5)`;
  return `${uses}; keepalived ignores it here${fallback} (keepalived: "VRRP instance ${other} is already using ${text}")`;
}

/** What keepalived says of one use_ipvlan word (vrrp_parser.c, vrrp_ipvlan_handler), updating what the instance has accepted. */
function ipvlanWordProblem(
  text: string,
  instance: string,
  state: { named: boolean; addressSet: boolean; typeSet: boolean; namedBy?: string },
  taken: Map<string, string>,
  sharing: SharedNameHandling,
): string | undefined {
  if (IPVLAN_TYPES.has(text)) {
    if (state.typeSet) return `use_ipvlan gives a second ipvlan type '${text}'; keepalived keeps the first (keepalived: "ipvlan type already specified")`;
    state.typeSet = true;
    return undefined;
  }
  if (parsePrefix(text) || ipFamily(text)) {
    if (state.addressSet) return `use_ipvlan gives a second address '${text}'; keepalived keeps the first (keepalived: "ipvlan address already specified")`;
    state.addressSet = true;
    return undefined;
  }
  if (state.named) return state.namedBy === 'use_vmac'
    ? `use_ipvlan gives the interface name '${text}', but use_vmac already named this instance's interface; keepalived keeps that name (keepalived: "IPVLAN interface already specified")`
    : `use_ipvlan gives a second interface name '${text}'; keepalived keeps the first (keepalived: "IPVLAN interface already specified")`;
  const bytes = utf8Length(text);
  if (bytes > MAX_NAME) return `IPVLAN interface name '${text}' is ${bytes} characters; interface names have at most ${MAX_NAME}, and keepalived ignores it (keepalived: "IPVLAN interface name … too long")`;
  const other = taken.get(text);
  if (other !== undefined) return sharedNameMessage(other, 'interface name', text, sharing, '');
  taken.set(text, instance);
  state.named = true;
  state.namedBy = 'use_ipvlan';
  return undefined;
}

/** What keepalived says of one use_vmac word, updating what the instance has accepted. */
function wordProblem(text: string, instance: string, state: { named: boolean; macSet: boolean; namedBy?: string }, taken: Map<string, string>, sharing: SharedNameHandling): string | undefined {
  if (text.includes(':')) {
    if (state.macSet) return `use_vmac gives a second MAC address '${text}'; keepalived keeps the first (keepalived: "VMAC interface address already specified")`;
    const why = macProblem(text);
    if (why) return `VMAC MAC address '${text}' ${why}; keepalived ignores it and uses the default VMAC address`;
    state.macSet = true;
    return undefined;
  }
  if (state.named) return state.namedBy === 'use_ipvlan'
    ? `use_vmac gives the interface name '${text}', but use_ipvlan already named this instance's interface; keepalived keeps that name (keepalived: "VMAC interface name already specified")`
    : `use_vmac gives a second interface name '${text}'; keepalived keeps the first (keepalived: "VMAC interface name already specified")`;
  const why = nameProblem(text);
  if (why) return `VMAC interface name '${text}' ${why}; keepalived ignores it and names the VMAC vrrp.VRID (keepalived: "too long or invalid characters")`;
  const other = taken.get(text);
  if (other !== undefined) return sharedNameMessage(other, 'VMAC name', text, sharing, ' and names this VMAC vrrp.VRID');
  taken.set(text, instance);
  state.named = true;
  state.namedBy = 'use_vmac';
  return undefined;
}
