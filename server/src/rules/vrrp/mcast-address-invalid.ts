// KA342: multicast group addresses keepalived refuses: not multicast, wrong family, IPv6 not link-local.

import { argText, childrenNamed, type AstNode } from '../../core/analysis/ast.js';
import { GLOBAL_MCAST_GROUP_CHECKED_SINCE, sockaddrAddress } from '../../core/analysis/values.js';
import type { Severity } from '../../core/diagnostics.js';
import { compareVersions } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { hasRareLine, isIPv4Multicast, isIPv6LinkLocalMulticast, isIPv6Multicast, mcastDstLineCount, mcastDstProblem, RareLine, topLevelBlocks } from './util.js';

// From 2.2.5 vrrp_mcast_group4/6 are checked for family and multicast (GLOBAL_MCAST_GROUP_CHECKED_SINCE:
// 9b4ea45e, with the byte order fixed by aef0259a). Before it keepalived stores whatever address it parses.

export const mcastAddressInvalid: FileRule = {
  kind: 'file',
  code: 'KA342',
  name: 'mcast-address-invalid',
  family: 'vrrp',
  severity: 'error',
  description: 'mcast_dst_ip or vrrp_mcast_group4/6 is not a usable multicast group; keepalived ignores it and uses the default group.',
  docs: {
    why: 'Adverts go to a multicast group: 224.0.0.18 / ff02::12 unless mcast_dst_ip or global vrrp_mcast_group4/6 say otherwise. keepalived skips a group address that is not multicast, of the wrong family, or (for an instance) an IPv6 group that is not link-local ("mcast_dst_ip X not multicast. Skipping..."). The node then talks on the default group while its peers listen on the configured one. Before 2.2.5 the global vrrp_mcast_group4/6 are not checked at all: keepalived sends its adverts to whatever address is written there.',
    bad: 'vrrp_instance VI_1 {\n    mcast_dst_ip 10.0.0.18\n    virtual_ipaddress {\n        10.0.0.10/24\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    mcast_dst_ip 224.0.0.19\n    virtual_ipaddress {\n        10.0.0.10/24\n    }\n}\n',
  },
  check({ analysis, target, report }) {
    const model = analysis.model;
    const checked = compareVersions(target, GLOBAL_MCAST_GROUP_CHECKED_SINCE) >= 0;
    // What the target does with a global group address it should refuse.
    const outcome = (family: boolean) =>
      checked
        ? 'keepalived ignores it'
        : family
          ? 'keepalived before 2.2.5 does not check the family and writes the parsed address over its group, so adverts go to a wrong address (keepalived -t does not report it)'
          : 'keepalived before 2.2.5 accepts it without a word and sends its adverts there, where the peers do not listen';
    const say = (node: AstNode, message: string, severity?: Severity) =>
      report({ message, file: node.file, range: node.args[0]?.range ?? node.range, severity });
    for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      // Most instances have no mcast_dst_ip line (the shared pass over their lines noted it).
      if (!hasRareLine(inst, RareLine.mcastDstIp)) continue;
      const node = inst.mcastDstIp?.node;
      // keepalived checks every mcast_dst_ip line as it reads it; an earlier one it refuses is
      // reported too, although the last line decides the group (the earlier ones need no family).
      // With one line, that line is the model's (when it could read it): no line comes before it.
      if (node === undefined || mcastDstLineCount(inst) > 1) {
        for (const line of childrenNamed(inst.node, 'mcast_dst_ip')) {
          if (line === node) break;
          const sa = sockaddrAddress(argText(line) ?? '');
          if (!sa) continue;
          const bad = sa.family === 4 ? !isIPv4Multicast(sa.address) : !isIPv6LinkLocalMulticast(sa.address);
          if (bad) say(line, `mcast_dst_ip ${argText(line)} is ignored by keepalived: it is not ${sa.family === 4 ? 'a multicast address (224.0.0.0/4)' : 'an IPv6 link-local multicast address (ff02::/16)'} (and a later mcast_dst_ip replaces it)`);
        }
      }
      const problem = mcastDstProblem(inst);
      // Not an address at all is the schema check's finding.
      if (!node || !problem || !sockaddrAddress(inst.mcastDstIp!.value)) continue;
      say(node, `mcast_dst_ip ${inst.mcastDstIp!.value} is ignored by keepalived: ${problem}`);
    }
    // global_defs blocks merge. From 2.2.5 keepalived checks each line as it reads it, and a refused
    // one keeps the group set before it (the model's group is the last one it accepts).
    for (const block of topLevelBlocks(analysis.ast, 'global_defs')) {
      for (const line of block.children) {
        if (line.keyword !== 'vrrp_mcast_group4' && line.keyword !== 'vrrp_mcast_group6') continue;
        // Before 2.2.5 nothing is checked: only the last line, the group in effect, matters.
        if (!checked && line !== (line.keyword === 'vrrp_mcast_group4' ? model.globalDefs?.vrrpMcastGroup4 : model.globalDefs?.vrrpMcastGroup6)?.node) continue;
        // Socket addresses: a '-range' or '/mask' after the address is ignored.
        const a = sockaddrAddress(argText(line) ?? '')?.address;
        if (!a) continue;
        if (line.keyword === 'vrrp_mcast_group4') {
          if (sockaddrAddress(a)?.family !== 4) say(line, `vrrp_mcast_group4 ${a} is not IPv4; ${outcome(true)}`);
          else if (!isIPv4Multicast(a)) say(line, `vrrp_mcast_group4 ${a} is not a multicast address (224.0.0.0/4); ${outcome(false)}`);
        } else if (sockaddrAddress(a)?.family !== 6) say(line, `vrrp_mcast_group6 ${a} is not IPv6; ${outcome(true)}`);
        else if (!isIPv6Multicast(a)) say(line, `vrrp_mcast_group6 ${a} is not a multicast address (ff00::/8); ${outcome(false)}`);
        else if (!isIPv6LinkLocalMulticast(a)) say(line, `vrrp_mcast_group6 ${a} is not link-local (ff02::/16); VRRP adverts should stay on the link`, 'warning');
      }
    }
  },
};
