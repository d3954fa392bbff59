// KA342: multicast group addresses keepalived refuses: not multicast, wrong family, IPv6 not link-local.

import { argText, type AstNode } from '../../core/analysis/ast.js';
import { sockaddrAddress } from '../../core/analysis/values.js';
import type { Severity } from '../../core/diagnostics.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { isIPv4Multicast, isIPv6LinkLocalMulticast, isIPv6Multicast, mcastDstProblem } from './util.js';

/**
 * From this release vrrp_mcast_group4/6 are checked for family and multicast (9b4ea45e, with the byte order fixed by
 * aef0259a). Before it keepalived stores whatever address it parses and sends its adverts there.
 */
const GLOBAL_GROUP_CHECKED_SINCE: Version = [2, 2, 5];

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
    const checked = compareVersions(target, GLOBAL_GROUP_CHECKED_SINCE) >= 0;
    // What the target does with a global group address it should refuse.
    const outcome = (family: boolean) =>
      checked
        ? 'keepalived ignores it'
        : family
          ? 'keepalived before 2.2.5 does not check the family and writes the parsed address over its group, so adverts go to a wrong address'
          : 'keepalived before 2.2.5 accepts it without a word and sends its adverts there, where the peers do not listen';
    const say = (node: AstNode, message: string, severity?: Severity) =>
      report({ message, file: node.file, range: node.args[0]?.range ?? node.range, severity });
    for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const node = inst.mcastDstIp?.node;
      const problem = mcastDstProblem(inst);
      // Not an address at all is the schema check's finding.
      if (!node || !problem || !sockaddrAddress(inst.mcastDstIp!.value)) continue;
      say(node, `mcast_dst_ip ${inst.mcastDstIp!.value} is ignored by keepalived: ${problem}`);
    }
    // global_defs blocks merge; the last setting wins (the model's, when it has a value).
    const g4 = model.globalDefs?.vrrpMcastGroup4?.node;
    // Socket addresses: a '-range' or '/mask' after the address is ignored.
    const a4 = g4 && sockaddrAddress(argText(g4) ?? '')?.address;
    if (g4 && a4) {
      if (sockaddrAddress(a4)?.family !== 4) say(g4, `vrrp_mcast_group4 ${a4} is not IPv4; ${outcome(true)}`);
      else if (!isIPv4Multicast(a4)) say(g4, `vrrp_mcast_group4 ${a4} is not a multicast address (224.0.0.0/4); ${outcome(false)}`);
    }
    const g6 = model.globalDefs?.vrrpMcastGroup6?.node;
    const a6 = g6 && sockaddrAddress(argText(g6) ?? '')?.address;
    if (g6 && a6) {
      if (sockaddrAddress(a6)?.family !== 6) say(g6, `vrrp_mcast_group6 ${a6} is not IPv6; ${outcome(true)}`);
      else if (!isIPv6Multicast(a6)) say(g6, `vrrp_mcast_group6 ${a6} is not a multicast address (ff00::/8); ${outcome(false)}`);
      else if (!isIPv6LinkLocalMulticast(a6)) say(g6, `vrrp_mcast_group6 ${a6} is not link-local (ff02::/16); VRRP adverts should stay on the link`, 'warning');
    }
  },
};
