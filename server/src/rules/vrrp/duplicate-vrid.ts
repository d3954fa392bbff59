// KA301: two instances that keepalived would put on the same virtual router (same VRID, family,
// interface and multicast group; or unicast with the same source and, from 2.2.5, an overlapping peer).

import { argText } from '../../core/analysis/ast.js';
import { canonicalAddress } from '../../core/analysis/values.js';
import type { KeepalivedConfig, VrrpInstance } from '../../core/model/model.js';
import type { FileRule } from '../types.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import { instanceFamily, isUnicast, mcastDstProblem, nameRange, uniqueInstances, unicastPeerWords } from './util.js';

const DEFAULT_GROUP4 = '224.0.0.18';
const DEFAULT_GROUP6 = 'ff02::12';

function multicastGroup(model: KeepalivedConfig, inst: VrrpInstance, family: 4 | 6): string {
  // An unusable mcast_dst_ip is skipped, leaving the global or default group (KA342).
  const own = inst.mcastDstIp?.value;
  if (own && !mcastDstProblem(inst)) return canonicalAddress(own);
  const global = family === 4 ? model.globalDefs?.vrrpMcastGroup4?.value : model.globalDefs?.vrrpMcastGroup6?.value;
  return canonicalAddress(global ?? (family === 4 ? DEFAULT_GROUP4 : DEFAULT_GROUP6));
}

/**
 * From 2.0.8 to 2.2.4 keepalived compares VRIDs before it completes the instances, so an instance whose family no
 * line has set yet (no VIP, unicast or source address) is still of no family there: it conflicts only with another
 * such instance, and keepalived names that family IPv6 ("web and db both use VRID 60 with IPv6 on interface eth0",
 * the 2.0.19, 2.1.5 and 2.2.4 builds). 2.2.5 moved the check after the default IPv4 is set. 1.3.5 checks an index
 * by interface alone, and 1.3.9 to 2.0.7 do not notice (UNNOTICED).
 */
const FAMILY_UNSET_AT_CHECK: [Version, Version] = [
  [2, 0, 8],
  [2, 2, 5],
];

/** The family the VRID check sees: 0 for an instance no line has given one, where the target checks before defaulting it. */
function checkedFamily(inst: VrrpInstance, unsetKept: boolean): 0 | 4 | 6 {
  const family = instanceFamily(inst);
  return family === undefined ? (unsetKept ? 0 : 4) : (family as 4 | 6);
}

/** What decides whether two instances share a virtual router, computed once per instance. */
interface RouterFacts {
  family: 0 | 4 | 6;
  unicast: boolean;
  iface?: string;
  /** Multicast group (multicast instances). */
  group?: string;
  /** Canonical unicast source (unicast instances). */
  src?: string;
  peers?: Map<string, string>;
}

function routerFacts(model: KeepalivedConfig, inst: VrrpInstance, unsetKept: boolean): RouterFacts {
  const family = checkedFamily(inst, unsetKept);
  const unicast = isUnicast(inst);
  const iface = inst.interface?.value;
  if (!unicast) return { family, unicast, iface, group: multicastGroup(model, inst, family || 4) };
  const sa = inst.unicastSrcIp?.value;
  const peers = new Map<string, string>();
  for (let i = 0, ws = unicastPeerWords(inst); i < ws.length; i++) {
    const w = ws[i]!;
    peers.set(canonicalAddress(w.text), w.text);
  }
  return { family, unicast, iface, src: sa === undefined ? undefined : canonicalAddress(sa), peers };
}

/**
 * Before 2.1.0 keepalived keeps one VRID per family and interface whatever the instances send to
 * (keepalived 1.3.5: "VRID 51 is duplicated on interface eth0" for two unicast instances with other
 * peers); 2.1.0 gave unicast instances with another source their own routers. (Multicast
 * groups per instance came with mcast_dst_ip in 2.2.5, already told apart.)
 */
const UNICAST_SEPARATE_SINCE: Version = [2, 1, 0];
/**
 * From 2.1.0 to 2.2.4 two unicast instances from the same source conflict whatever their peers
 * (keepalived 2.1.5 and 2.2.4 built from their tags: "(A) duplicate VRID conflict with B VRID 51"
 * for peers 192.0.2.3 and 192.0.2.4); 2.2.5 lets unicast instances with no common peer share it.
 */
const UNICAST_PEERS_APART_SINCE: Version = [2, 2, 5];
/**
 * From 1.3.9 (18a9d31c: the VRID index is filled only when the instances get their sockets) to 2.0.7 the
 * duplicate check reads that index before it is filled and finds nothing; 2.0.8 (18cd187a) checks the
 * instances themselves. The 2.0.4 and 2.0.7 builds: -t silent; the 2.0.7 daemon ran both instances,
 * each MASTER. Ubuntu 18.04 ships 1.3.9.
 */
const UNNOTICED: [Version, Version] = [
  [1, 3, 9],
  [2, 0, 8],
];

/** How the reason names the instances' family ('IPv4'), or says that neither has one yet. */
const familyWords = (family: 0 | 4 | 6, target: Version) =>
  family ? `IPv${family}` : `no address family yet (no VIP or unicast address sets one, and keepalived ${target.join('.')} compares VRIDs before it defaults the family to IPv4, naming it IPv6)`;

/** Why two instances conflict, or undefined. */
function conflict(a: RouterFacts, b: RouterFacts, unicastApart: boolean, peersApart: boolean, target: Version): string | undefined {
  if (a.family !== b.family) return undefined;
  if (!unicastApart) {
    // One VRID per family and interface, whatever the instances send to.
    if (!a.iface || a.iface !== b.iface) return undefined;
    return `both use ${familyWords(a.family, target)} on interface ${a.iface} (keepalived before 2.1 keeps one VRID per interface and family, unicast or not)`;
  }
  if (a.unicast !== b.unicast) return undefined; // unicast and multicast are separate VRID spaces
  const ifa = a.iface;
  const ifb = b.iface;
  if (a.unicast) {
    if (ifa && ifb && ifa !== ifb) return undefined;
    // With no unicast_src_ip the source is the interface's address, known only on the host.
    if (a.src === undefined || b.src === undefined) {
      if (a.src !== b.src || !ifa || ifa !== ifb) return undefined;
    } else if (a.src !== b.src) return undefined;
    if (!peersApart) return 'both are unicast from the same source address (keepalived before 2.2.5 allows one VRID per unicast source, whatever the peers)';
    let shared: string | undefined;
    for (const [canon, text] of b.peers!) {
      if (a.peers!.has(canon)) {
        shared = text;
        break;
      }
    }
    if (!shared) return undefined;
    return `both are unicast from the same source address and share peer ${shared}`;
  }
  if (!ifa || ifa !== ifb) return undefined;
  if (a.group !== b.group) return undefined;
  return a.family ? `both use IPv${a.family} multicast on interface ${ifa}` : `both use multicast on interface ${ifa} with ${familyWords(0, target)}`;
}

/**
 * The keys under which an instance meets the earlier ones it conflicts with (exactly as conflict() decides): `lookup`
 * finds them, `register` files the instance for later ones. Family must match; before 2.1.0 the interface (set on both)
 * is all; after it a unicast source must match (or both be unset, on one interface), the interfaces must not differ
 * where both are set, and from 2.2.5 a peer must be shared.
 */
function conflictKeys(f: RouterFacts, unicastApart: boolean, peersApart: boolean): { lookup: string[]; register: string[] } {
  if (!unicastApart) {
    const key = f.iface ? [`O\0${f.family}\0${f.iface}`] : [];
    return { lookup: key, register: key };
  }
  const peers = peersApart ? [...f.peers!.keys()] : ['*'];
  const lookup: string[] = [];
  const register: string[] = [];
  for (const p of peers) {
    if (f.src !== undefined) {
      const base = `S\0${f.family}\0${f.src}\0${p}\0`;
      if (f.iface) lookup.push(`${base}if\0${f.iface}`, `${base}noif`);
      else lookup.push(`${base}any`);
      register.push(`${base}any`, f.iface ? `${base}if\0${f.iface}` : `${base}noif`);
    } else if (f.iface) {
      const key = `N\0${f.family}\0${f.iface}\0${p}`;
      lookup.push(key);
      register.push(key);
    }
  }
  return { lookup, register };
}

export const duplicateVrid: FileRule = {
  kind: 'file',
  code: 'KA301',
  name: 'duplicate-vrid',
  family: 'vrrp',
  severity: 'error',
  description: 'Two vrrp_instances use the same virtual_router_id on the same interface, address family and multicast group (or unicast peers).',
  docs: {
    why: 'A virtual router is identified by its VRID on an interface, per address family and multicast group. keepalived rejects a configuration where two instances would share one ("A and B both use VRID N …"). IPv4 and IPv6 instances may share a VRID, as may instances on different interfaces, with different mcast_dst_ip, or unicast instances with no common peer. keepalived 1.3.9 to 2.0.7 (Ubuntu 18.04 ships 1.3.9) miss the conflict and run both instances; 2.0.8 to 2.2.4 compare VRIDs before giving an instance with no address its default IPv4, so such an instance conflicts only with another one like it.',
    bad: 'vrrp_instance WEB {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\nvrrp_instance DB {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.20/24\n    }\n}\n',
    good: 'vrrp_instance WEB {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\nvrrp_instance DB {\n    interface eth0\n    virtual_router_id 52\n    virtual_ipaddress {\n        192.168.1.20/24\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    const model = analysis.model;
    const unicastApart = compareVersions(target, UNICAST_SEPARATE_SINCE) >= 0;
    const peersApart = compareVersions(target, UNICAST_PEERS_APART_SINCE) >= 0;
    const unnoticed = compareVersions(target, UNNOTICED[0]) >= 0 && compareVersions(target, UNNOTICED[1]) < 0;
    const unsetKept = compareVersions(target, FAMILY_UNSET_AT_CHECK[0]) >= 0 && compareVersions(target, FAMILY_UNSET_AT_CHECK[1]) < 0;
    // Only instances with the same VRID can conflict: compare within each VRID (an array by VRID,
    // 1 to 255, rather than a map), in the order the VRIDs first appear.
    const byVrid: (VrrpInstance[] | undefined)[] = [];
    const vrids: number[] = [];
    for (let m = 0, instList = uniqueInstances(model); m < instList.length; m++) {
      const inst = instList[m]!;
      const vrid = inst.virtualRouterId?.value;
      if (vrid === undefined || vrid < 1 || vrid > 255) continue;
      const list = byVrid[vrid];
      if (list) list.push(inst);
      else {
        byVrid[vrid] = [inst];
        vrids.push(vrid);
      }
    }
    for (let v = 0; v < vrids.length; v++) {
      const insts = byVrid[vrids[v]!];
      if (!insts || insts.length < 2) continue;
      // Made when a pair must be compared as a whole (unicast ones, older targets, a report): the
      // multicast ones are told apart by family, interface and group without an object each.
      const facts: (RouterFacts | undefined)[] = [];
      const factsOf = (k: number) => (facts[k] ??= routerFacts(model, insts[k]!, unsetKept));
      // Each instance is reported against the first earlier one it conflicts with. Multicast
      // routers conflict exactly when family, interface and group are equal: the first with the
      // same key. Unicast ones (rare) are compared pair by pair.
      // By family (4, 6), interface, then group: no key string to build and hash per instance.
      const firstMulticast: (Map<string, Map<string, number>> | undefined)[] = []; // by family: 0 (unset), 4, 6
      const firstByKey = new Map<string, number>();
      for (let j = 0; j < insts.length; j++) {
        const inst = insts[j]!;
        let i: number | undefined;
        if (unicastApart && !isUnicast(inst)) {
          const iface = inst.interface?.value;
          if (!iface) continue;
          const family = checkedFamily(inst, unsetKept);
          const group = multicastGroup(model, inst, family || 4);
          const byIface = (firstMulticast[family] ??= new Map());
          let byGroup = byIface.get(iface);
          if (!byGroup) byIface.set(iface, (byGroup = new Map()));
          i = byGroup.get(group);
          if (i === undefined) byGroup.set(group, j);
        } else {
          // Unicast ones, and every instance on an older target: the earliest earlier one under a key that
          // conflict() would accept (12,000 unicast instances on one VRID compared pair by pair took seconds).
          const keys = conflictKeys(factsOf(j), unicastApart, peersApart);
          for (let k = 0; k < keys.lookup.length; k++) {
            const at = firstByKey.get(keys.lookup[k]!);
            if (at !== undefined && (i === undefined || at < i)) i = at;
          }
          for (let k = 0; k < keys.register.length; k++) if (!firstByKey.has(keys.register[k]!)) firstByKey.set(keys.register[k]!, j);
        }
        if (i === undefined) continue;
        const a = insts[i]!;
        const b = inst;
        const why = conflict(factsOf(i), factsOf(j), unicastApart, peersApart, target)!;
        const vridNode = b.virtualRouterId!.node;
        report({
          message: `vrrp_instance '${b.name}' uses VRID ${b.virtualRouterId!.value} like '${a.name}' and ${why}; ${unnoticed ? `keepalived ${target.join('.')} does not notice: its check reads an index it fills only later (from 1.3.9; 2.0.8 fixed it), so -t does not report it and the daemon runs both on one virtual router (the 2.0.7 build made both MASTER)` : 'keepalived rejects the VRRP configuration'}`,
          file: vridNode.file,
          range: vridNode.args[0]?.range ?? nameRange(b.node),
          related: [{ file: a.virtualRouterId!.node.file, range: a.virtualRouterId!.node.args[0]?.range ?? nameRange(a.node), message: `VRID ${argText(a.virtualRouterId!.node)} of '${a.name}'` }],
        });
      }
    }
  },
};
