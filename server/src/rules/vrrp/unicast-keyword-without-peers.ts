// KA323: unicast settings without any unicast_peer: keepalived falls back to multicast.

import type { FileRule } from '../types.js';
import { firstFilledUnicastPeerBlock, firstUnicastKeyword, hasAnyReadablePeer, hasAnyUnicastPeerLine, hasUnicastFaultNoPeer, isUnicast, keywordRange } from './util.js';

export const unicastKeywordWithoutPeers: FileRule = {
  kind: 'file',
  code: 'KA323',
  name: 'unicast-keyword-without-peers',
  family: 'vrrp',
  severity: 'warning',
  description: 'unicast_src_ip (or another unicast keyword) is set but there is no unicast_peer; keepalived uses multicast.',
  docs: {
    why: 'Unicast VRRP needs the peers\' addresses. Without any unicast_peer keepalived silently sends multicast adverts instead (a deprecated fallback it reports as a configuration error), which fails on networks that block multicast — the usual reason for choosing unicast — and then both nodes become MASTER.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    unicast_src_ip 10.0.0.11\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    unicast_src_ip 10.0.0.11\n    unicast_peer {\n        10.0.0.12\n    }\n}\n',
  },
  check({ analysis, report }) {
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const first = firstUnicastKeyword(inst);
      if (!first || isUnicast(inst)) continue;
      // With unicast_fault_no_peer keepalived deliberately goes to FAULT instead of falling back.
      if (hasUnicastFaultNoPeer(inst)) continue;
      const hasPeerLines = hasAnyUnicastPeerLine(inst);
      const hasOtherFamilyPeers = hasPeerLines && hasAnyReadablePeer(inst);
      const unreadablePeers = hasPeerLines && !hasOtherFamilyPeers;
      // The message is about the unicast_peer block then: point at it, not at an earlier unicast_src_ip.
      const at = (unreadablePeers && firstFilledUnicastPeerBlock(inst)) || first;
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
