// KA368: a second LVS sync daemon interface (`lvs_sync_daemon_interface` in another vrrp_instance, or
// `lvs_sync_daemon` in global_defs after one was given): keepalived runs one sync daemon and ignores
// every later line (keepalived 2.2.7 vrrp_parser.c vrrp_lvs_syncd_handler, global_parser.c
// lvs_syncd_handler; 1.3.5 and 2.0.19 the same), whichever line it reads first.

import type { FileRule } from '../types.js';
import type { AstNode } from '../../core/analysis/ast.js';
import { hasRareLine, keywordRange, RareLine } from './util.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/**
 * From 2.0.0 the VRRP process starts with the global_defs its parent read and does not read them again
 * (init_global_keywords(reload)), so a global lvs_sync_daemon wins wherever it is; 1.x read the file in order
 * (the 1.3.5 build, instance first: "lvs_sync_daemon has already been specified as eth0 (null) - ignoring").
 */
const GLOBAL_READ_FIRST_SINCE: Version = [2, 0, 0];

/** keepalived's IP_VS_IFNAME_MAXLEN: the global form ignores a longer name without setting anything. */
const IFNAME_MAX = 16;

/** The interface a line sets, or undefined when keepalived sets nothing from it. */
function setsInterface(line: AstNode): string | undefined {
  const ifname = line.argText(0);
  if (ifname === undefined) return undefined;
  if (line.keyword === 'lvs_sync_daemon' && ifname.length >= IFNAME_MAX) return undefined;
  return ifname;
}

/** The instance a global `lvs_sync_daemon` line names (`inst NAME`, or the legacy second word). */
function globalInstance(line: AstNode): string | undefined {
  for (let i = 1; i < line.argCount; i++) {
    const w = line.argText(i)!;
    if (w === 'inst') return line.argText(i + 1);
    if (i === 1 && !['id', 'maxlen', 'port', 'ttl', 'group'].includes(w)) return w;
    i++;
  }
  return undefined;
}

export const lvsSyncDaemonSetTwice: FileRule = {
  kind: 'file',
  code: 'KA368',
  name: 'lvs-sync-daemon-set-twice',
  family: 'vrrp',
  severity: 'warning',
  description: 'A second LVS sync daemon interface: keepalived runs one sync daemon and ignores every other `lvs_sync_daemon_interface` or `lvs_sync_daemon`.',
  docs: {
    why:
      'keepalived runs a single LVS connection-sync daemon: on the interface a global_defs `lvs_sync_daemon` names (from ' +
      '2.0 keepalived reads global_defs before the instances, wherever the block is; 1.x read the file in order), else on ' +
      'the first `lvs_sync_daemon_interface` it reads in a vrrp_instance, following that instance. Every other one is ' +
      'ignored ("lvs_sync_daemon_interface has already been specified as eth1 - ignoring"): a director pair that writes one ' +
      'per instance, one per network, syncs its connections on one interface only. Give the sync daemon once, in global_defs.',
    bad: 'vrrp_instance VI_1 {\n    interface eth1\n    lvs_sync_daemon_interface eth1\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.100/24\n    }\n}\nvrrp_instance VI_2 {\n    interface eth2\n    lvs_sync_daemon_interface eth2\n    virtual_router_id 52\n    virtual_ipaddress {\n        10.0.0.100/24\n    }\n}\n',
    good: 'global_defs {\n    lvs_sync_daemon eth1 inst VI_1\n}\nvrrp_instance VI_1 {\n    interface eth1\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.100/24\n    }\n}\nvrrp_instance VI_2 {\n    interface eth2\n    virtual_router_id 52\n    virtual_ipaddress {\n        10.0.0.100/24\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    // The lines that could set the sync daemon, in reading order; `block` tells repeats in one global_defs (KA209's).
    const candidates: { line: AstNode; instance?: string; block: number }[] = [];
    // The model lists the instances in file order; the shared pass over their lines noted which
    // have an lvs_sync_daemon_interface line, so the others are not walked again.
    const insts = analysis.model.vrrpInstances;
    let nextInst = 0;
    for (let t = 0, tops = analysis.ast.children; t < tops.length; t++) {
      const top = tops[t]!;
      const wanted = top.keyword === 'global_defs' ? 'lvs_sync_daemon' : top.keyword === 'vrrp_instance' ? 'lvs_sync_daemon_interface' : undefined;
      if (!wanted) continue;
      if (wanted === 'lvs_sync_daemon_interface') {
        const inst = insts[nextInst];
        if (inst !== undefined && inst.node === top) {
          nextInst++;
          if (!hasRareLine(inst, RareLine.lvsSyncDaemonInterface)) continue;
        }
      }
      for (let i = 0, lines = top.children; i < lines.length; i++) {
        const line = lines[i]!;
        if (line.keyword !== wanted) continue;
        candidates.push({ line, instance: wanted === 'lvs_sync_daemon' ? globalInstance(line) : top.argText(0), block: t });
      }
    }
    // From 2.0.0 the VRRP process keeps the global_defs its parent read before it reads the instances.
    const globalFirst = compareVersions(target, GLOBAL_READ_FIRST_SINCE) >= 0;
    const order = globalFirst
      ? [...candidates.filter((c) => c.line.keyword === 'lvs_sync_daemon'), ...candidates.filter((c) => c.line.keyword !== 'lvs_sync_daemon')]
      : candidates;
    let first: (typeof candidates)[number] | undefined;
    let ifname = '';
    for (const c of order) {
      if (!first) {
        const set = setsInterface(c.line);
        if (set !== undefined) {
          first = c;
          ifname = set;
        }
        continue;
      }
      // A repeat in global_defs (the blocks are merged) is KA209's: one finding for keepalived's one message.
      if ((c.block === first.block && c.line.keyword === 'lvs_sync_daemon') || analysis.model.ignoredRepeats.has(c.line)) continue;
      const by = first.line.keyword === 'lvs_sync_daemon' ? 'global_defs lvs_sync_daemon' : `'${first.instance}'`;
      const said = c.line.keyword === 'lvs_sync_daemon' ? `lvs_sync_daemon has already been specified as ${ifname} …` : `lvs_sync_daemon_interface has already been specified as ${ifname}`;
      report({
        message: `keepalived ignores this line: the LVS sync daemon is already set to ${ifname} by ${by} (line ${first.line.range.start.line + 1}), and keepalived runs only one, on that interface (keepalived: "${said} - ignoring")`,
        file: c.line.file,
        range: keywordRange(c.line),
        related: [{ message: 'the sync daemon set here', file: first.line.file, range: keywordRange(first.line) }],
      });
    }
  },
};
