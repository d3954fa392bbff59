// KA363: vrrp_strict leaves an instance without accept mode, so its VIPs take no traffic.
//
// keepalived defaults accept mode to "not strict" for an instance below priority 255, and resets an
// explicit 'accept' under strict mode with VRRPv2 (vrrp.c, 1.3.5 to 2.4). Without accept mode it adds
// a firewall rule as the instance becomes MASTER that drops every packet addressed to its VIPs and
// eVIPs ("(VI_1) setting firewall drop rule", seen with 2.2.7 in a network namespace): a service
// listening on the VIP (haproxy, nginx, a database) cannot be reached, nor the VIP pinged. The
// adverts (sent to the VRRP group or the peers) and traffic routed through the node are not affected.

import type { AstNode } from '../../core/analysis/ast.js';
import type { VrrpInstance } from '../../core/model/model.js';
import type { FileRule } from '../types.js';
import { anyInstanceHasRareLine, anyInstanceStrict, basePriority, effectiveVersion, hasRareLine, isStrict, keywordRange, RareLine, topLevelBlocks } from './util.js';

/** Whether the instance ends up in accept mode under strict mode: 'accept' written last, and VRRPv3. */
function acceptsUnderStrict(inst: VrrpInstance, version: 2 | 3): boolean {
  let accept = false;
  for (const c of inst.node.children) {
    if (c.keyword === 'accept') accept = true;
    else if (c.keyword === 'no_accept') accept = false;
  }
  return accept && version === 3;
}

export const strictDropsVipTraffic: FileRule = {
  kind: 'file',
  code: 'KA363',
  name: 'strict-drops-vip-traffic',
  family: 'vrrp',
  severity: 'warning',
  description: 'vrrp_strict (or an explicit no_accept) leaves an instance below priority 255 without accept mode: keepalived drops every packet addressed to its VIPs, so no service on them can be reached.',
  docs: {
    why:
      'Strict mode follows the RFC rule that a backup router that took over a VIP must not accept packets for it. keepalived turns accept mode off for every instance below priority 255 (an explicit `accept` too, with VRRPv2) and, ' +
      'as the instance becomes MASTER, adds a firewall rule that drops everything addressed to its VIPs. That suits a VIP used only as a gateway; a service listening on the VIP (haproxy, nginx, a database) becomes unreachable ' +
      'and the VIP does not answer ping, although `keepalived -t` accepts the file. vrrp_strict is in the sample keepalived.conf many packages ship, which is how it ends up in load-balancer configs. ' +
      'Remove `vrrp_strict` when the VIPs carry services (or use `vrrp_version 3` with `accept`). An explicit `no_accept` turns accept mode off without strict mode, with the same drop rule.',
    bad: 'global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'global_defs {\n    vrrp_skip_check_adv_addr\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
  },
  check({ analysis, report }) {
    const model = analysis.model;
    // An explicit no_accept does the same outside strict mode (daemon audit, 2.2.7 without vrrp_strict: "use_vmac or
    // no_accept/strict specified, but no firewall configured - using nftables", then "(VI_1) setting firewall drop rule").
    if (anyInstanceHasRareLine(model, RareLine.noAccept)) {
      for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) {
        const inst = insts[i]!;
        if (!hasRareLine(inst, RareLine.noAccept) || isStrict(model, inst) || basePriority(inst) === 255) continue;
        if (!inst.virtualIpaddresses.length && !inst.virtualIpaddressesExcluded.length) continue;
        let last: AstNode | undefined;
        for (const c of inst.node.children) if (c.keyword === 'accept' || c.keyword === 'no_accept') last = c;
        if (last?.keyword !== 'no_accept') continue;
        report({
          message: `no_accept turns accept mode off for '${inst.name}': while MASTER, keepalived adds a firewall rule that drops every packet addressed to the VIPs, so no service listening on them can be reached and they do not answer ping. If the VIPs carry services, remove no_accept`,
          file: last.file,
          range: keywordRange(last),
        });
      }
    }
    // Every other finding is about an instance in strict mode: none without vrrp_strict or a strict_mode line.
    if (!anyInstanceStrict(model)) return;
    const dropped: VrrpInstance[] = [];
    const byOwnLine: { inst: VrrpInstance; line: AstNode }[] = [];
    for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      if (!isStrict(model, inst) || basePriority(inst) === 255) continue;
      if (!inst.virtualIpaddresses.length && !inst.virtualIpaddressesExcluded.length) continue;
      if (acceptsUnderStrict(inst, effectiveVersion(model, inst))) continue;
      const own = inst.node.children.find((c) => c.keyword === 'strict_mode');
      if (own) byOwnLine.push({ inst, line: own });
      else dropped.push(inst);
    }
    const say = (names: string[], keyword: string) =>
      `${keyword} leaves ${names.length === 1 ? `'${names[0]}'` : `${names.slice(0, -1).map((n) => `'${n}'`).join(', ')} and '${names[names.length - 1]}'`} without accept mode: ` +
      'while MASTER, keepalived adds a firewall rule that drops every packet addressed to the VIPs, so no service listening on them can be reached and they do not answer ping. ' +
      `If the VIPs carry services, remove ${keyword} (or use VRRPv3 with accept)`;
    for (const { inst, line } of byOwnLine) report({ message: say([inst.name], 'strict_mode'), file: line.file, range: keywordRange(line) });
    if (!dropped.length) return;
    let strictLine: AstNode | undefined;
    for (const gd of topLevelBlocks(analysis.ast, 'global_defs')) {
      for (const c of gd.children) if (c.keyword === 'vrrp_strict') strictLine = c;
    }
    const at = strictLine ?? dropped[0]!.node;
    report({ message: say(dropped.map((i) => i.name), 'vrrp_strict'), file: at.file, range: keywordRange(at) });
  },
};
