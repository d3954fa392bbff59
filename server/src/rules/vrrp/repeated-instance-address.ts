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
  const out: AddressRepeat[] = [];
  // Virtual addresses: a VIP repeats any earlier VIP; an excluded VIP repeats a VIP on its interface;
  // either repeats an excluded VIP on its interface. Only the addresses keepalived keeps count.
  // Every earlier address kept, by address: one on another interface does not hide an earlier one on this
  // interface (2.4.3 compares with each address it kept).
  const vips = new Map<string, Address[]>();
  const evips = new Map<string, Address[]>();
  // The family keepalived settles: an address it skips for its options (KA346) fixes nothing, and is no repeat.
  const family = instanceFamily(inst);
  const visit = (a: Address, excluded: boolean) => {
    if (!a.prefix || addressDropped(a) || (!excluded && family !== undefined && a.family !== family)) return;
    if (keptBoth && excluded) return;
    const key = canonicalAddress(a.prefix.address);
    const vip = vips.get(key)?.find((v) => !excluded || devOf(v) === devOf(a));
    const evip = vip ? undefined : evips.get(key)?.find((e) => e.family === a.family && devOf(e) === devOf(a));
    const prev = vip ?? evip;
    if (prev) {
      out.push({ address: a, prev, excluded, ofExcluded: prev === evip });
      return;
    }
    const kept = excluded ? evips : vips;
    const list = kept.get(key);
    if (list) list.push(a);
    else kept.set(key, [a]);
  };
  // In the order keepalived reads them: block by block, whichever kind comes first.
  const byBlock = new Map<object, [Address[], boolean]>();
  for (const a of inst.virtualIpaddresses) (byBlock.get(a.block) ?? byBlock.set(a.block, [[], false]).get(a.block)!)[0].push(a);
  for (const a of inst.virtualIpaddressesExcluded) (byBlock.get(a.block) ?? byBlock.set(a.block, [[], true]).get(a.block)!)[0].push(a);
  for (const block of inst.node.children) {
    const entry = byBlock.get(block);
    if (entry) for (const a of entry[0]) visit(a, entry[1]);
  }
  return out;
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
      for (const { address: a, prev, excluded, ofExcluded } of addressRepeats(inst, keptBoth)) {
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
      const peers = new Map<string, string>();
      for (const word of unicastPeerWords(inst)) {
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
