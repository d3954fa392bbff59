// KA353: a unicast VMAC/ipvlan instance without vmac_xmit_base (keepalived 2.2.7 vrrp_parser.c, at
// the end of the vrrp_instance block: it reports the closing brace's line and sets it itself), or
// without an interface, where keepalived clears use_vmac at the same place instead.
// keepalived 2.1.0 to 2.1.5 refused VMAC/ipvlan with unicast peers outright, vmac_xmit_base or not,
// and cleared use_vmac there; 2.0.x says nothing either way.

import type { AstNode } from '../../core/analysis/ast.js';
import type { VrrpInstance } from '../../core/model/model.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { anyInstanceHasRareLine, closeRange, firstUnicastKeyword, hasAnyUnicastPeerLine, hasRareLine, isStrict, RareLine, uniqueInstances } from './util.js';
import { strictUnicastPeersAccepted } from './strict-mode-unicast.js';

/** Releases that clear use_vmac/use_ipvlan on an instance with unicast peers. */
const REFUSED_FROM: Version = [2, 1, 0];
/** The first release that sends unicast adverts of a VMAC instance from the base interface. */
const XMIT_BASE_SET_FROM: Version = [2, 2, 0];
/** From 2.2.5 any unicast keyword makes the instance unicast here; before, only unicast peers did. */
const ANY_UNICAST_KEYWORD_FROM: Version = [2, 2, 5];

/**
 * Whether keepalived clears every VMAC flag of the instance at the end of its block, vmac_xmit_base's too: 2.1.0 to
 * 2.1.5 with unicast peers, 2.2.0 to 2.2.4 with unicast peers and no interface (their end handler tests the whole
 * flag word and zeroes it). Later releases clear use_vmac and use_ipvlan only.
 */
export function vmacFlagsClearedAtEnd(inst: VrrpInstance, target: Version): boolean {
  if (compareVersions(target, REFUSED_FROM) < 0 || compareVersions(target, ANY_UNICAST_KEYWORD_FROM) >= 0) return false;
  if (!hasAnyUnicastPeerLine(inst)) return false;
  return compareVersions(target, XMIT_BASE_SET_FROM) < 0 || !inst.node.children.some((c) => c.keyword === 'interface');
}

export const unicastVmacWithoutXmitBase: FileRule = {
  kind: 'file',
  code: 'KA353',
  name: 'unicast-vmac-without-xmit-base',
  family: 'vrrp',
  severity: 'warning',
  description: 'A unicast vrrp_instance with use_vmac or use_ipvlan but no vmac_xmit_base; keepalived reports it and turns vmac_xmit_base on.',
  docs: {
    why:
      'Unicast adverts cannot go out of a VMAC: the peers would answer to the virtual MAC. keepalived therefore sends ' +
      'them from the base interface (vmac_xmit_base), and when a unicast instance with use_vmac or use_ipvlan does not ' +
      'say so, it reports "unicast with use_vmac requires vmac_xmit_base - setting" and sets it. Write it, so that the ' +
      'configuration says what runs and keepalived -t stays clean. With no interface there is no base interface: ' +
      'keepalived clears use_vmac instead ("Cannot use VMAC/ipvlan with unicast and no interface"), before refusing the ' +
      'instance for want of an interface. Before 2.2.5 only unicast peers, not unicast_src_ip alone, make the instance ' +
      'unicast here. keepalived 2.1.0 to 2.1.5 (Debian 11, RHEL 8) do not ' +
      'allow a VMAC with unicast peers at all: they clear use_vmac, vmac_xmit_base or not ("Cannot use VMAC/ipvlan with ' +
      'unicast peers"); with --target-version in that range the finding says so.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    use_vmac\n    unicast_src_ip 10.0.0.2\n    unicast_peer {\n        10.0.0.3\n    }\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    use_vmac\n    vmac_xmit_base\n    unicast_src_ip 10.0.0.2\n    unicast_peer {\n        10.0.0.3\n    }\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}',
  },
  check({ analysis, report, target }) {
    if (compareVersions(target, REFUSED_FROM) < 0) return;
    // Before 2.2.5 any VMAC flag counts (keepalived tests its whole flag word), vmac_xmit_base and use_vmac_addr too.
    const anyFlag = compareVersions(target, ANY_UNICAST_KEYWORD_FROM) < 0;
    const lines = RareLine.useVmac | RareLine.useIpvlan | (anyFlag ? RareLine.vmacXmitBase | RareLine.useVmacAddr : 0);
    // Nothing to find when no instance has the line (the usual case).
    if (!anyInstanceHasRareLine(analysis.model, lines)) return;
    const refused = compareVersions(target, XMIT_BASE_SET_FROM) < 0;
    for (let i = 0, insts = uniqueInstances(analysis.model); i < insts.length; i++) {
      const inst = insts[i]!;
      const unicast = firstUnicastKeyword(inst);
      if (!unicast) continue;
      if (!hasRareLine(inst, lines)) continue;
      let vmacLine: AstNode | undefined;
      /** The first other line setting a VMAC flag (before 2.2.5 these count too). */
      let flagLine: AstNode | undefined;
      let xmitBase = false;
      let iface = false;
      for (let j = 0, children = inst.node.children; j < children.length; j++) {
        const line = children[j]!;
        if (line.keyword === 'use_vmac' || line.keyword === 'use_ipvlan') vmacLine ??= line;
        else if (line.keyword === 'vmac_xmit_base') (xmitBase = true), (flagLine ??= line);
        else if (line.keyword === 'use_vmac_addr') flagLine ??= line;
        else if (line.keyword === 'interface') iface = true;
      }
      if (anyFlag) vmacLine ??= flagLine;
      if (refused && vmacLine && hasAnyUnicastPeerLine(inst)) {
        report({
          message: `keepalived ${target.join('.')} does not allow ${vmacLine.keyword} with unicast peers: it clears it and runs '${inst.name}' without it (keepalived: "Cannot use VMAC/ipvlan with unicast peers - clearing use_vmac"); 2.2.0 and later send the unicast adverts from the base interface instead`,
          ...closeRange(inst.node),
          severity: 'error',
          related: [{ file: vmacLine.file, range: vmacLine.range, message: `${vmacLine.keyword} here` }],
        });
        continue;
      }
      if (refused || !vmacLine) continue;
      if (compareVersions(target, ANY_UNICAST_KEYWORD_FROM) < 0 && !hasAnyUnicastPeerLine(inst)) continue;
      if (!iface) {
        // The instance itself is refused for want of an interface (KA338); keepalived first reports this.
        const said = compareVersions(target, ANY_UNICAST_KEYWORD_FROM) < 0 ? 'unicast peers and no interface' : 'unicast and no interface';
        report({
          message: `'${inst.name}' has no interface to send its unicast adverts from, so keepalived clears ${vmacLine.keyword} (keepalived: "Cannot use VMAC/ipvlan with ${said} - clearing use_vmac")`,
          ...closeRange(inst.node),
          related: [{ file: vmacLine.file, range: vmacLine.range, message: `${vmacLine.keyword} here` }],
        });
        continue;
      }
      if (xmitBase) continue;
      report({
        // With use_ipvlan the flag it sets is then refused too: it only goes with a VMAC (KA352's message, without a line).
        message:
          vmacLine.keyword !== 'use_vmac'
            ? `'${inst.name}' uses unicast with ${vmacLine.keyword}; keepalived reports that it needs vmac_xmit_base and sets it ("unicast with use_vmac requires vmac_xmit_base - setting"), then finds vmac_xmit_base without use_vmac and ignores it ("vmac_xmit_base is only valid with a vmac"): two configuration errors for one ${vmacLine.keyword === 'use_ipvlan' ? 'ipvlan' : 'VMAC address'} instance`
            : `'${inst.name}' uses unicast with ${vmacLine.keyword} but has no vmac_xmit_base; keepalived reports it and sets vmac_xmit_base (keepalived: "unicast with use_vmac requires vmac_xmit_base - setting")${
                // In strict mode it then takes it back (when strict mode lets the unicast instance through at all, KA362).
                isStrict(analysis.model, inst) && (!hasAnyUnicastPeerLine(inst) || strictUnicastPeersAccepted(target))
                  ? `, then resets it for strict mode ("xmit_base is incompatible with strict mode - resetting"): a strict unicast VMAC instance sends its adverts from the VMAC`
                  : ''
              }`,
        ...closeRange(inst.node),
        related: [
          { file: vmacLine.file, range: vmacLine.range, message: `${vmacLine.keyword} here` },
          { file: unicast.file, range: unicast.range, message: 'unicast from here' },
        ],
      });
    }
  },
};
