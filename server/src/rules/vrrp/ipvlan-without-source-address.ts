// KA358: an IPv4 vrrp_instance with use_ipvlan but no IPv4 address for the ipvlan interface
// (keepalived 2.2.7 vrrp.c, after reading: the instance is put in fault state; checked with the binary).

import type { AstNode } from '../../core/analysis/ast.js';
import type { FileRule } from '../types.js';
import { compareVersions } from '../../core/schema/schema.js';
import { parsePrefix } from '../../core/analysis/values.js';
import { anyInstanceHasRareLine, hasRareLine, instanceFamily, RareLine, uniqueInstances } from './util.js';

/** Whether a use_ipvlan line gives an address of `family` (the words that parse as ADDRESS[/prefix]). */
function givesAddress(line: AstNode, family: 4 | 6): boolean {
  for (let i = 0; i < line.argCount; i++) {
    const p = parsePrefix(line.argText(i)!);
    if (p && p.family === family) return true;
  }
  return false;
}

export const ipvlanWithoutSourceAddress: FileRule = {
  kind: 'file',
  code: 'KA358',
  name: 'ipvlan-without-source-address',
  family: 'vrrp',
  severity: 'error',
  description: 'An IPv4 vrrp_instance with use_ipvlan and no IPv4 address for the ipvlan interface; keepalived puts the instance in fault state.',
  docs: {
    why:
      'An ipvlan interface shares its parent\'s MAC address, so for IPv4 keepalived needs an address to put on it and send ' +
      'adverts from, written on the use_ipvlan line (`use_ipvlan ipvl0 10.0.0.5/24`). Without one (or with an IPv6 one ' +
      'in an IPv4 instance) keepalived reports "IPv4 ipvlan requires a source ip address" and keeps the instance in ' +
      'fault state: it never becomes MASTER and never takes the VIPs.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    use_ipvlan ipvl0\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    use_ipvlan ipvl0 10.0.0.5/24\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}',
  },
  check({ analysis, report, target }) {
    // Nothing to find when no instance has the line (the usual case).
    if (!anyInstanceHasRareLine(analysis.model, RareLine.useIpvlan)) return;
    for (let i = 0, insts = uniqueInstances(analysis.model); i < insts.length; i++) {
      const inst = insts[i]!;
      if (!hasRareLine(inst, RareLine.useIpvlan)) continue;
      // An instance without addresses is IPv4 for keepalived.
      if ((instanceFamily(inst) ?? 4) !== 4) continue;
      // Only the first use_ipvlan line is read: keepalived ignores the others ("use_ipvlan already specified").
      let first: AstNode | undefined;
      for (let j = 0, lines = inst.node.children; j < lines.length && !first; j++) {
        if (lines[j]!.keyword === 'use_ipvlan') first = lines[j];
      }
      if (!first || givesAddress(first, 4)) continue;
      // A `name` or `group` ending the line stops keepalived there from 2.3.0 (KA351): no instance is built.
      const last = first.argText(first.argCount - 1);
      if ((last === 'name' || last === 'group') && compareVersions(target, [2, 3, 0]) >= 0) continue;
      report({
        message: `use_ipvlan in the IPv4 instance '${inst.name}' gives no IPv4 address for the ipvlan interface; keepalived keeps the instance in fault state (keepalived: "IPv4 ipvlan requires a source ip address")`,
        file: first.file,
        range: first.range,
      });
    }
  },
};
