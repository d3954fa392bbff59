// KA323: unicast settings without any unicast_peer: keepalived falls back to multicast, or with
// unicast_fault_no_peer keeps the instance in FAULT.

import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { VrrpInstance } from '../../core/model/model.js';
import type { FileRule } from '../types.js';
import { firstFilledUnicastPeerBlock, firstUnicastKeyword, hasAnyReadablePeer, hasAnyUnicastPeerLine, hasUnicastFaultNoPeer, isUnicast, keywordRange } from './util.js';

const FAULT_NO_PEER_SINCE: [number, number, number] = [2, 2, 5];

/**
 * Whether keepalived keeps the instance in FAULT for good: unicast_fault_no_peer (2.2.5 on) with no unicast_peer it
 * can read ("Cannot use unicast without any peers - going to fault state"). The failover simulation counts it down.
 */
export function faultsForWantOfPeers(inst: VrrpInstance, target: Version): boolean {
  return compareVersions(target, FAULT_NO_PEER_SINCE) >= 0 && !!firstUnicastKeyword(inst) && !isUnicast(inst) && hasUnicastFaultNoPeer(inst);
}

export const unicastKeywordWithoutPeers: FileRule = {
  kind: 'file',
  code: 'KA323',
  name: 'unicast-keyword-without-peers',
  family: 'vrrp',
  severity: 'warning',
  description: 'unicast_src_ip (or another unicast keyword) is set but there is no unicast_peer; keepalived uses multicast (or, with unicast_fault_no_peer, keeps the instance in FAULT).',
  docs: {
    why: 'Unicast VRRP needs the peers\' addresses. Without any unicast_peer keepalived silently sends multicast adverts instead (a deprecated fallback it reports as a configuration error), which fails on networks that block multicast — the usual reason for choosing unicast — and then both nodes become MASTER. With `unicast_fault_no_peer` (2.2.5 and later) it does not fall back: the instance stays in FAULT and never holds the VIPs, which keepalived only logs (`keepalived -t` is silent).',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    unicast_src_ip 10.0.0.11\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    unicast_src_ip 10.0.0.11\n    unicast_peer {\n        10.0.0.12\n    }\n}\n',
  },
  check({ analysis, target, report }) {
    const faultNoPeerKnown = compareVersions(target, FAULT_NO_PEER_SINCE) >= 0;
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const first = firstUnicastKeyword(inst);
      if (!first || isUnicast(inst)) continue;
      const hasPeerLines = hasAnyUnicastPeerLine(inst);
      const hasOtherFamilyPeers = hasPeerLines && hasAnyReadablePeer(inst);
      const unreadablePeers = hasPeerLines && !hasOtherFamilyPeers;
      // The message is about the unicast_peer block then: point at it, not at an earlier unicast_src_ip.
      const at = (unreadablePeers && firstFilledUnicastPeerBlock(inst)) || first;
      // With unicast_fault_no_peer keepalived does not fall back: it logs "Cannot use unicast without
      // any peers - going to fault state" (2.2.7 source, vrrp.c; silent under -t) and the instance
      // stays in FAULT. Before 2.2.5 the keyword is unknown (KA207) and the fallback applies.
      if (hasUnicastFaultNoPeer(inst) && faultNoPeerKnown) {
        const line = inst.node.children.find((c) => c.keyword === 'unicast_fault_no_peer') ?? at;
        report({
          message: `'${inst.name}' has unicast_fault_no_peer but no ${hasOtherFamilyPeers ? 'unicast_peer of its address family' : 'unicast_peer it can read'}; keepalived keeps the instance in FAULT state, so it never holds its VIPs (keepalived only logs "Cannot use unicast without any peers - going to fault state")`,
          file: line.file,
          range: keywordRange(line),
        });
        continue;
      }
      report({
        message:
          unreadablePeers
            ? `keepalived skips every line of the unicast_peer block of '${inst.name}' (none is an IP address it can read), so it falls back to multicast adverts`
            : first.keyword === 'unicast_peer' && !hasOtherFamilyPeers
              ? `the unicast_peer block of '${inst.name}' lists no address; keepalived falls back to multicast adverts`
              : `'${inst.name}' has '${first.keyword}' but no ${hasOtherFamilyPeers ? 'unicast_peer of its address family' : 'unicast_peer'}; keepalived falls back to multicast adverts`,
        file: at.file,
        range: keywordRange(at),
      });
    }
  },
};
