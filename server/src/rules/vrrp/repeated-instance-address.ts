// KA373: the same virtual address, or the same unicast peer, twice in one vrrp_instance: from 2.3.3 on
// keepalived reports the repeat as a configuration error and ignores it (vrrp_data.c, vip_is_duplicate and
// alloc_vrrp_unicast_peer); earlier releases keep both entries without a word, and a repeated VIP then goes
// into every advert twice, which a node listing it once discards (a split brain, seen with two 2.2.7 daemons).

import { canonicalAddress, sockaddrAddress } from '../../core/analysis/values.js';
import type { Address, VrrpInstance } from '../../core/model/model.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { addressDropped } from './addresses.js';
import { instanceFamily, uniqueInstances, unicastPeerWords, wordsRange } from './util.js';

/** First release that checks an instance's VIPs and unicast peers for repeats. */
export const REPEATS_CHECKED_SINCE: Version = [2, 3, 3];

/** The `dev` an address line names (keepalived compares the interfaces of a VIP and an excluded VIP). */
function devOf(a: Address): string | undefined {
  const i = a.options.indexOf('dev');
  return i >= 0 ? a.options[i + 1] : undefined;
}

/** An address line that repeats an earlier one of its instance (`prev`), as keepalived reads them. */
// Shared and never modified (test/shared-empty.test.ts), plain rather than frozen (see util.ts's NONE).
const NO_REPEATS: AddressRepeat[] = [];
const NO_ADDRESSES: Address[] = [];
/** How many addresses an instance may have for addressRepeats to compare each with every earlier one. */
const SCAN_LIMIT = 32;
/**
 * addressRepeats' scratch lists: the addresses kept so far and their canonical texts, counted by `vipCount` and
 * `evipCount` (not emptied by `length = 0`, which would give up their storage and make each call grow them again).
 */
const keptVips: Address[] = new Array<Address>(SCAN_LIMIT);
const keptVipKeys: string[] = new Array<string>(SCAN_LIMIT);
const keptEvips: Address[] = new Array<Address>(SCAN_LIMIT);
const keptEvipKeys: string[] = new Array<string>(SCAN_LIMIT);

/**
 * The excluded address kept so far that `a` repeats: the same address, family and interface. Without a map
 * (`evips` undefined: few addresses) the first `evipCount` entries of the scratch lists are compared.
 */
function excludedRepeatOf(a: Address, key: string, evips: Map<string, Address[]> | undefined, evipCount: number): Address | undefined {
  if (evips) return evips.get(key)?.find((e) => e.family === a.family && devOf(e) === devOf(a));
  for (let k = 0; k < evipCount; k++) {
    const e = keptEvips[k]!;
    if (keptEvipKeys[k] === key && e.family === a.family && devOf(e) === devOf(a)) return e;
  }
  return undefined;
}

export interface AddressRepeat {
  address: Address;
  prev: Address;
  /** The repeat is a virtual_ipaddress_excluded line. */
  excluded: boolean;
  /** What it repeats is an excluded address. */
  ofExcluded: boolean;
}

/**
 * The instance's address lines that repeat an earlier one. With `keptBoth` (before 2.3.3, which keeps every
 * line) only repeated VIPs, as their adverts carry them twice; otherwise each line 2.3.3 and later ignore.
 */
export function addressRepeats(inst: VrrpInstance, keptBoth: boolean): AddressRepeat[] {
  const vipList = inst.virtualIpaddresses;
  // Before 2.3.3 an excluded line is never a repeat, and not compared with.
  const evipList = keptBoth ? NO_ADDRESSES : inst.virtualIpaddressesExcluded;
  // One address cannot repeat another: most instances (no list made, no map; KA373 and KA312 ask of ~8k instances).
  if (vipList.length + evipList.length < 2) return NO_REPEATS;
  let out: AddressRepeat[] = NO_REPEATS;
  // Virtual addresses: a VIP repeats any earlier VIP; an excluded VIP repeats a VIP on its interface;
  // either repeats an excluded VIP on its interface. Only the addresses keepalived keeps count.
  // Every earlier address kept, by address: one on another interface does not hide an earlier one on this
  // interface (2.4.3 compares with each address it kept). A few addresses are compared with each earlier one
  // kept (scratch lists, no map); past SCAN_LIMIT they are looked up in maps by address.
  const scan = vipList.length + evipList.length <= SCAN_LIMIT;
  const vips = scan ? undefined : new Map<string, Address[]>();
  const evips = scan ? undefined : new Map<string, Address[]>();
  let vipCount = 0;
  let evipCount = 0;
  // The family keepalived settles: an address it skips for its options (KA346) fixes nothing, and is no repeat.
  const family = instanceFamily(inst);
  // In the order keepalived reads them: block by block, whichever kind comes first. The model lists each kind in
  // the order of the instance's children, so one walk over them with a cursor in each list merges the two.
  const children = inst.node.children;
  let i = 0;
  let j = 0;
  for (let c = 0; c < children.length && (i < vipList.length || j < evipList.length); c++) {
    const block = children[c];
    for (; i < vipList.length && vipList[i]!.block === block; i++) {
      const a = vipList[i]!;
      if (!a.prefix || addressDropped(a) || (family !== undefined && a.family !== family)) continue;
      const key = canonicalAddress(a.prefix.address);
      let prev: Address | undefined;
      let ofExcluded = false;
      if (scan) {
        for (let k = 0; k < vipCount && !prev; k++) if (keptVipKeys[k] === key) prev = keptVips[k];
      } else prev = vips!.get(key)?.[0];
      if (!prev) ofExcluded = (prev = excludedRepeatOf(a, key, evips, evipCount)) !== undefined;
      if (prev) (out === NO_REPEATS ? (out = []) : out).push({ address: a, prev, excluded: false, ofExcluded });
      else if (scan) (keptVips[vipCount] = a), (keptVipKeys[vipCount++] = key);
      else keep(vips!, key, a);
    }
    for (; j < evipList.length && evipList[j]!.block === block; j++) {
      const a = evipList[j]!;
      if (!a.prefix || addressDropped(a)) continue;
      const key = canonicalAddress(a.prefix.address);
      let prev: Address | undefined;
      let ofExcluded = false;
      if (scan) {
        for (let k = 0; k < vipCount && !prev; k++) if (keptVipKeys[k] === key && devOf(keptVips[k]!) === devOf(a)) prev = keptVips[k];
      } else prev = vips!.get(key)?.find((v) => devOf(v) === devOf(a));
      if (!prev) ofExcluded = (prev = excludedRepeatOf(a, key, evips, evipCount)) !== undefined;
      if (prev) (out === NO_REPEATS ? (out = []) : out).push({ address: a, prev, excluded: true, ofExcluded });
      else if (scan) (keptEvips[evipCount] = a), (keptEvipKeys[evipCount++] = key);
      else keep(evips!, key, a);
    }
  }
  // Hold no address past the call (it would keep the whole analysis alive).
  for (let k = 0; k < vipCount; k++) keptVips[k] = undefined!;
  for (let k = 0; k < evipCount; k++) keptEvips[k] = undefined!;
  return out;
}

function keep(kept: Map<string, Address[]>, key: string, a: Address): void {
  const list = kept.get(key);
  if (list) list.push(a);
  else kept.set(key, [a]);
}

export const repeatedInstanceAddress: FileRule = {
  kind: 'file',
  code: 'KA373',
  name: 'repeated-instance-address',
  family: 'vrrp',
  severity: 'warning',
  description: 'A vrrp_instance lists the same virtual address, or the same unicast peer, twice; keepalived 2.3.3 and later report the repeat and ignore it, earlier releases put a repeated VIP in the adverts twice.',
  docs: {
    why:
      'Often a copy was meant to be a different address. Before 2.3.3 keepalived keeps every line: a VIP listed twice is sent twice in each advert, ' +
      'and a node that lists it once discards adverts whose address count differs from its own ("received an unexpected ip number count 2, expected 1"), ' +
      'so both nodes become MASTER and hold the VIPs (a repeated unicast peer only gets two adverts per interval). From 2.3.3 keepalived says so ("VIP duplicates a VIP 192.168.1.10/32 - ignoring", naming the repeated line, ' +
      '"192.0.2.2 - duplicate unicast_peer"), a configuration error `keepalived -t` fails on. A repeated VIP counts whatever its prefix length ' +
      '(192.168.1.10/24 and 192.168.1.10/32 are one address; the second line, with its options, is ignored); a virtual address and an excluded one ' +
      'are a repeat when they are on the same interface. Before 2.3.3 the rule reports only a repeated VIP, as a warning that keepalived -t does not give.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    unicast_peer {\n        192.0.2.2\n        192.0.2.2\n    }\n    virtual_ipaddress {\n        192.168.1.10/24\n        192.168.1.10/32\n    }\n}\n',
    target: '2.4.3',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    unicast_peer {\n        192.0.2.2\n    }\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
  },
  check({ analysis, target, report }) {
    // Before 2.3.3 both entries are kept: only a repeated VIP matters, as the adverts then carry it twice.
    const keptBoth = compareVersions(target, REPEATS_CHECKED_SINCE) < 0;
    for (let itemIndex = 0, itemList = uniqueInstances(analysis.model); itemIndex < itemList.length; itemIndex++) {
      const inst = itemList[itemIndex]!;
      for (let r = 0, repeats = addressRepeats(inst, keptBoth); r < repeats.length; r++) {
        const { address: a, prev, excluded, ofExcluded } = repeats[r]!;
        const word = a.words[0]!;
        const related = [{ file: prev.words[0]!.file, range: prev.words[0]!.range, message: 'first listed here' }];
        if (keptBoth) {
          report({
            message: `virtual address ${a.text} repeats ${prev.text} of this instance; keepalived ${target.join('.')} keeps both, so its adverts carry the address twice, and a node that lists it once discards them as "an unexpected ip number count": both nodes become MASTER. List it once (2.3.3 and later ignore the repeat)`,
            file: word.file,
            range: wordsRange(a.words),
            related,
          });
          continue;
        }
        report({
          message: `${excluded ? 'excluded ' : ''}virtual address ${a.text} repeats ${prev.text} of this instance; keepalived ${target.join('.')} ignores this line ("VIP duplicates ${ofExcluded ? 'an excluded ' : 'a '}VIP")`,
          file: word.file,
          range: wordsRange(a.words),
          related,
        });
      }
      // Unicast peers: the same address twice (the words after it are not compared).
      if (keptBoth) continue;
      const words = unicastPeerWords(inst);
      if (words.length < 2) continue;
      const peers = new Map<string, string>();
      for (let w = 0; w < words.length; w++) {
        const word = words[w]!;
        const address = sockaddrAddress(word.text);
        if (!address) continue;
        const key = canonicalAddress(address.address);
        if (peers.has(key)) {
          report({ message: `unicast peer ${word.text} is already a peer of this instance${peers.get(key) !== word.text ? ` (as ${peers.get(key)})` : ''}; keepalived ${target.join('.')} ignores this line ("duplicate unicast_peer")`, file: word.file, range: word.range });
        } else peers.set(key, word.text);
      }
    }
  },
};
