// Cluster analysis: several keepalived configs (files, or one file seen with several `@id`s) taken
// as the nodes of one VRRP cluster, checked against each other by the cluster rules (KA4xx), plus
// the failover simulation. Pure: texts in, diagnostics and scenario tables out.

import { analyze, type Analysis, type SourceHost } from '../core/index.js';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { runClusterRules } from '../linter.js';
import type { ClusterNode } from '../rules/types.js';
import { describeState, simulateCluster, tieUnchanged, type FailoverReport } from './failover.js';
import { clusterModel, describeMatch, vipSet } from './model.js';
import { shownAddress } from '../core/analysis/values.js';
import type { VrrpInstance } from '../core/model/model.js';

export type { FailoverReport, FailoverScenario, NodeState, Tracker } from './failover.js';
export type { ClusterNode } from '../rules/types.js';

export interface ClusterInput {
  file: string;
  text: string;
  configId?: string;
}

export interface ClusterOptions {
  targetVersion?: string;
  host?: SourceHost;
  /** As for analyze: absolute include prefixes mapped to folders, and the include depth bound. */
  pathMappings?: Record<string, string>;
  maxIncludeDepth?: number;
  /** Why these inputs are one cluster; auto-pairing reasons are added to every message. */
  reason?: string;
}

/**
 * Cluster findings whose errors say adverts between the nodes are lost or rejected (VRID, authentication, interval,
 * version, VIP list, multicast group, unicast peers and sources, checksums): the failover table, which elects on
 * priorities, then names one holder where live pairs had two MASTERs (scripts/cluster-live, session 57's pairs).
 */
export const ADVERT_LOSS_CODES: ReadonlySet<string> = new Set(['KA401', 'KA403', 'KA404', 'KA405', 'KA410', 'KA411', 'KA412', 'KA416', 'KA418', 'KA419', 'KA422', 'KA423']);

/** Display names: the file, plus `@id` when one file is several nodes. */
export function nodeLabels(inputs: { file: string; configId?: string }[]): string[] {
  const count = new Map<string, number>();
  for (const i of inputs) count.set(i.file, (count.get(i.file) ?? 0) + 1);
  const short = shortestUniqueSuffixes([...count.keys()]);
  return inputs.map((i) => {
    const name = short.get(i.file)!;
    return count.get(i.file)! > 1 && i.configId ? `${name}@${i.configId}` : name;
  });
}

/**
 * Each path cut to its last segments, as few as keep the paths apart: messages say
 * `lb1.conf` and `lb2.conf` (or `a/keepalived.conf` and `b/keepalived.conf`), while the
 * locations of a finding still carry the full paths. A shell's pipe (/dev/fd/63) keeps its whole path.
 */
export function shortestUniqueSuffixes(paths: string[]): Map<string, string> {
  const segments = paths.map((p) => p.split(/[\\/]/));
  const out = new Map<string, string>();
  paths.forEach((path, i) => {
    const own = segments[i]!;
    // A pipe the shell made (`<(ssh lb1 cat …)` is /dev/fd/63): its number alone says nothing of the node.
    if (/^\/(?:dev|proc\/self)\/fd\/\d+$/.test(path)) {
      out.set(path, path);
      return;
    }
    for (let n = 1; n <= own.length; n++) {
      const suffix = own.slice(-n).join('/');
      const clash = segments.some((other, j) => j !== i && other.slice(-n).join('/') === suffix);
      if (!clash || n === own.length) {
        out.set(path, n === own.length ? path : suffix);
        break;
      }
    }
  });
  return out;
}

export function buildNodes(inputs: ClusterInput[], options: Omit<ClusterOptions, 'reason'> = {}): ClusterNode[] {
  const labels = nodeLabels(inputs);
  return inputs.map((input, i) => ({
    label: labels[i]!,
    analysis: analyze(input.text, { file: input.file, configId: input.configId, targetVersion: options.targetVersion, host: options.host, pathMappings: options.pathMappings, maxIncludeDepth: options.maxIncludeDepth }),
  }));
}

/**
 * Runs every cluster rule on nodes already analysed, sorted. With `annotate`, the reason the
 * nodes were taken as one cluster (auto pairing) ends every message. Never throws.
 */
export function checkCluster(nodes: ClusterNode[], reason = 'given as one cluster', annotate = false): Diagnostic[] {
  if (nodes.length < 2) return [];
  const found = pairedByNameOnly(nodes, assumingAdverts(runClusterRules(nodes, reason)));
  const out = annotate ? found.map((d) => ({ ...d, message: `${d.message} [${reason}]` })) : found;
  return out.sort(compareDiagnostics);
}

/**
 * A finding that the nodes drop each other's adverts, on instances paired by their name alone across interfaces named
 * differently, says so: nothing else says they share a link, and a wrong pairing shows as such a finding (session 61:
 * VI_1 and VI_2 swapped on a host naming its interfaces ens3/ens4 gave false KA412 errors before VRID + VIPs paired them).
 */
function pairedByNameOnly(nodes: ClusterNode[], found: Diagnostic[]): Diagnostic[] {
  const loose = new Map<string, string>();
  for (const g of clusterModel(nodes).groups) {
    if (g.via !== 'name') continue;
    const iface = (i: VrrpInstance) => i.interface?.value ?? '';
    const first = iface(g.members[0]!.instance);
    if (g.members.every((m) => iface(m.instance) === first)) continue;
    loose.set(g.name, `paired by the name ${g.name} alone: the interfaces differ (${g.members.map((m) => `${iface(m.instance)} on ${m.node.label}`).join(', ')}), and kalint cannot tell whether they are one link`);
  }
  if (!loose.size) return found;
  return found.map((d) => {
    if (d.severity !== 'error' || !ADVERT_LOSS_CODES.has(d.code)) return d;
    const note = loose.get(d.message.slice(0, Math.max(0, d.message.indexOf(': '))));
    return note ? { ...d, message: `${d.message} (${note})` } : d;
  });
}

/** Findings that say who keeps the VIPs, which holds only while the nodes hear each other's adverts. */
const WHO_HOLDS_CODES: ReadonlySet<string> = new Set(['KA406', 'KA407', 'KA409', 'KA430', 'KA431', 'KA432', 'KA433']);

/**
 * Where a finding says the nodes drop each other's adverts (ADVERT_LOSS_CODES), each becomes MASTER: a finding about
 * who keeps the VIPs for the same instance says what it assumes (live 2.2.7, three real pairs with KA404, KA405 or
 * KA412 next to KA406: both nodes MASTER).
 */
function assumingAdverts(found: Diagnostic[]): Diagnostic[] {
  const instanceOf = (d: Diagnostic) => d.message.slice(0, Math.max(0, d.message.indexOf(': ')));
  const loss = new Map<string, Set<string>>();
  for (const d of found) {
    if (d.severity !== 'error' || !ADVERT_LOSS_CODES.has(d.code)) continue;
    const name = instanceOf(d);
    if (!name) continue;
    let codes = loss.get(name);
    if (!codes) loss.set(name, (codes = new Set()));
    codes.add(d.code);
  }
  if (!loss.size) return found;
  return found.map((d) => {
    const codes = WHO_HOLDS_CODES.has(d.code) ? loss.get(instanceOf(d)) : undefined;
    if (!codes) return d;
    const list = [...codes].sort();
    return { ...d, message: `${d.message} (this holds once the nodes hear each other: as written they drop each other's adverts, see ${list.join(', ')}, and each becomes MASTER)` };
  });
}

/** The failover scenarios of every virtual router present on two nodes or more. */
export function failoverReports(nodes: ClusterNode[]): FailoverReport[] {
  return nodes.length < 2 ? [] : simulateCluster(nodes).map((s) => s.report);
}

/** How each virtual router shared by two nodes or more was paired across them (describeMatch), in group order. */
export function clusterMatches(nodes: ClusterNode[]): string[] {
  return nodes.length < 2 ? [] : clusterModel(nodes).groups.map(describeMatch);
}

/** Checks the nodes of one cluster against each other. Never throws. */
export function lintCluster(
  nodes: ClusterInput[],
  options: ClusterOptions = {},
): { diagnostics: Diagnostic[]; scenarios: FailoverReport[] } {
  try {
    const built = buildNodes(nodes, options);
    const auto = !!options.reason && options.reason.startsWith('auto');
    return { diagnostics: checkCluster(built, options.reason, auto), scenarios: failoverReports(built) };
  } catch (e) {
    const file = nodes[0]?.file ?? 'keepalived.conf';
    return {
      diagnostics: [{ code: 'KA000', severity: 'error', message: `kalint internal error in cluster analysis: ${(e as Error)?.message ?? e}`, file, range: { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } } }],
      scenarios: [],
    };
  }
}

// ---------- auto pairing ----------

/** Instance names so common in examples that sharing one says nothing about two files. */
const GENERIC_NAME = /^(vi|vrrp|vrrp_instance|instance|vip|vr|vrid)[_-]?\d*$/i;
/**
 * A file and its variant (`keepalived.conf.master` and `keepalived.conf.master.hc`, `x.conf` and
 * `x.conf.bak`) are one node written twice, not two nodes, when their matching instances have the
 * same name, send from the same unicast_src_ip and start in the same state (without a source
 * address on either: with the same priority and router_id). Files named apart
 * (`lb1.conf`, `lb2.conf`) stay nodes, so a source address copied unchanged is still reported
 * (KA421); `--cluster` checks any set.
 */
function variantNames(a: string, b: string): boolean {
  const base = (f: string) => f.slice(f.lastIndexOf('/') + 1);
  const [x, y] = [base(a), base(b)];
  return x !== y && (x.startsWith(y) || y.startsWith(x));
}

function sameNode(x: Analysis, a: VrrpInstance, y: Analysis, b: VrrpInstance): boolean {
  if (a.name !== b.name || a.effectiveState !== b.effectiveState) return false;
  if (variantNames(x.file, y.file)) {
    const src = a.unicastSrcIp?.value;
    if (src !== undefined) return src === b.unicastSrcIp?.value;
    // Neither names its source address (multicast from the interface's own): one node's two
    // versions (`keepalived.conf` and `keepalived.conf.appmy`) when the priority and router_id are
    // the same too; a BACKUP copied from the MASTER differs in state or priority.
    return b.unicastSrcIp === undefined && sourceAddress(a) === undefined && sourceAddress(b) === undefined
      && a.effectivePriority === b.effectivePriority && x.model.globalDefs?.routerId?.value === y.model.globalDefs?.routerId?.value;
  }
  // Files named apart are one node written twice (`host1.conf` and `keepalived1.conf`, two
  // versions of one node kept side by side) only when nothing tells them apart: the same
  // router_id (or none on either), source address and priority. Two real nodes differ in one of these at least; a
  // BACKUP copied from the MASTER with only its state and priority changed is still a node (KA421).
  // No router_id on either (each host's name then) counts as the same: the source address, state
  // and priority already say which node it is (a real homework folder kept keepalived_master.conf
  // and keepalived_exerc3_master.conf, one node's two versions, beside the two BACKUPs).
  const src = sourceAddress(a);
  return x.model.globalDefs?.routerId?.value === y.model.globalDefs?.routerId?.value && src !== undefined && src === sourceAddress(b) && a.effectivePriority === b.effectivePriority;
}

/** Two instances that would start the same way on two nodes: a tie at every start, or one node twice. */
function startsAlike(x: Analysis, a: VrrpInstance, y: Analysis, b: VrrpInstance): boolean {
  return a.name === b.name && a.effectiveState === b.effectiveState && a.effectivePriority === b.effectivePriority
    && sourceAddress(a) === undefined && sourceAddress(b) === undefined && x.model.globalDefs?.routerId?.value === y.model.globalDefs?.routerId?.value;
}

/** The address adverts are sent from: the last unicast_src_ip or mcast_src_ip line. */
function sourceAddress(inst: VrrpInstance): string | undefined {
  const lines = inst.node.children;
  for (let i = lines.length - 1; i >= 0; i--) {
    const k = lines[i]!.keyword;
    if (k === 'unicast_src_ip' || k === 'mcast_src_ip') return lines[i]!.argText(0);
  }
  return undefined;
}

/** A key shared by more files than this is a template, not a cluster. */
const MAX_CLUSTER_SIZE = 4;

/**
 * Names of kept copies and examples, not of a node (`keepalived.conf.bak`, `.orig`, `.org`,
 * `.dpkg-old`, `keepalived-example.conf`): auto pairing leaves them out, as they repeat a node of the
 * folder (real folders held `keepalived.conf` with `keepalived-example.conf`, the same MASTER, and a
 * `.orig` of the same node with another priority). `.backup` names the BACKUP node and is kept.
 */
const COPY_NAME = /(?:\.(?:bak|orig|org|old|save|sample|example|dist|default|rpmnew|rpmsave|dpkg-old|dpkg-dist|dpkg-new|ucf-old|ucf-dist)|~)$|(?:^|[._-])(?:example|sample)s?(?:[._-]|$)/i;
export function isCopyName(file: string): boolean {
  return COPY_NAME.test(file.slice(file.lastIndexOf('/') + 1));
}

/** A word of a file name that says which node of a pair the file is for. */
const ROLE_WORD = /(^|[._-])(master|main|primary|active|backup|slave|secondary|standby|passive)(?=[._-]|$)/i;

/**
 * The role a file's name gives it (`keepalived-master.conf`, `keepalived.conf.backup`), and the
 * name without that word: two files with the same rest and different roles are meant as one pair.
 */
function roleOf(file: string): { role: 'MASTER' | 'BACKUP'; base: string } | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const m = ROLE_WORD.exec(name);
  if (!m) return undefined;
  const role = /^(master|main|primary|active)$/i.test(m[2]!) ? 'MASTER' : 'BACKUP';
  return { role, base: name.slice(0, m.index) + m[1] + '*' + name.slice(m.index + m[0].length) };
}

/**
 * Which files of one folder are the nodes of one cluster, judged from analyses: two files are
 * paired when at least half of the instances of each match an instance of the other (same VRID
 * and VIPs, or the same distinctive name and VRID). One shared instance between two otherwise
 * different files (copies of a sample) is not enough. With `apartOnly` (files of sibling folders),
 * files whose matched instances all start alike (same name, state and priority, no source address,
 * same router_id) are copies of one config, not nodes.
 */
export function pairAnalyses(analyses: Analysis[], options: { apartOnly?: boolean } = {}): { members: number[]; reason: string }[] {
  const byKey = new Map<string, { hits: { file: number; inst: number }[]; why: string }>();
  const add = (key: string, file: number, inst: number, why: string) => {
    const e = byKey.get(key);
    if (!e) byKey.set(key, { hits: [{ file, inst }], why });
    else if (e.hits[e.hits.length - 1]!.file !== file) e.hits.push({ file, inst });
  };
  const roles = analyses.map((a) => roleOf(a.file));
  const counted = analyses.map((a, f) => {
    let n = 0;
    if (isCopyName(a.file)) return n;
    const role = roles[f];
    a.model.vrrpInstances.forEach((inst, k) => {
      const vrid = inst.virtualRouterId?.value;
      if (vrid === undefined) return;
      n++;
      const vips = vipSet(inst);
      if (vips.length) add(`vip|${vrid}|${vips.join(',')}`, f, k, `VRID ${vrid} with VIPs ${vips.map(shownAddress).join(', ')}`);
      if (inst.name && !GENERIC_NAME.test(inst.name)) add(`name|${inst.name}|${vrid}`, f, k, `instance ${inst.name} with VRID ${vrid}`);
      // Files named for the two roles of one pair match by instance name alone (any VRID and VIPs), so
      // that what differs between them, a VRID or the VIPs, is reported rather than keeping them apart.
      // An instance without VIPs is left out: a real folder's keepalived_master.conf was a stub an
      // installer completes (no state, priority, authentication or VIPs).
      if (role && inst.name && vips.length) add(`role|${role.base}|${inst.name}`, f, k, `instance ${inst.name}, in files named for the MASTER and the BACKUP`);
    });
    return n;
  });
  // Per pair of files: which instances of each side matched, and the first reason.
  const matches = new Map<string, { a: Set<number>; b: Set<number>; why: string; sameNode?: boolean; alike: Set<string>; differ?: boolean }>();
  for (const [k, { hits, why }] of byKey) {
    if (hits.length < 2 || hits.length > MAX_CLUSTER_SIZE) continue;
    const byRole = k.startsWith('role|');
    for (let x = 0; x < hits.length; x++) {
      for (let y = x + 1; y < hits.length; y++) {
        const [p, q] = hits[x]!.file < hits[y]!.file ? [hits[x]!, hits[y]!] : [hits[y]!, hits[x]!];
        // Two files named for the same role (`master.conf`, `main.conf`) are no pair by their names.
        if (byRole && roles[p.file]!.role === roles[q.file]!.role) continue;
        const key = `${p.file},${q.file}`;
        let m = matches.get(key);
        if (!m) matches.set(key, (m = { a: new Set(), b: new Set(), why, alike: new Set() }));
        m.a.add(p.inst);
        m.b.add(q.inst);
        const [fp, fq] = [analyses[p.file]!, analyses[q.file]!];
        const [ip, iq] = [fp.model.vrrpInstances[p.inst]!, fq.model.vrrpInstances[q.inst]!];
        if (sameNode(fp, ip, fq, iq)) m.sameNode = true;
        if (startsAlike(fp, ip, fq, iq)) m.alike.add(`${p.inst},${q.inst}`);
        else m.differ = true;
      }
    }
  }
  const parent = analyses.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const reasons: { files: [number, number]; why: string }[] = [];
  // Two versions of one node's file (`keepalived.conf.master` and `keepalived.conf.master.hc`) are
  // not two nodes: such files are never put in one cluster, also not through a third file.
  const variants: [number, number][] = [];
  for (const [key, m] of matches) {
    // Several instances, every one the same on both files (name, state, priority, no source
    // address, router_id): no two real nodes are set so; two copies of one sample are
    // (keepalived's doc/samples: keepalived.conf.vrrp.localcheck and .vrrp.sync, nine instances).
    if (!m.differ && (m.alike.size >= 2 || (options.apartOnly && m.alike.size))) m.sameNode = true;
    if (m.sameNode) variants.push(key.split(',').map(Number) as [number, number]);
  }
  const apart = (rp: number, rq: number) => variants.some(([x, y]) => (find(x) === rp && find(y) === rq) || (find(x) === rq && find(y) === rp));
  for (const [key, m] of matches) {
    const [p, q] = key.split(',').map(Number) as [number, number];
    if (m.sameNode || m.a.size * 2 < counted[p]! || m.b.size * 2 < counted[q]!) continue;
    const rp = find(p);
    const rq = find(q);
    if (rp !== rq) {
      if (apart(rp, rq)) continue;
      parent[rq] = rp;
    }
    reasons.push({ files: [p, q], why: m.why });
  }
  const components = new Map<number, number[]>();
  analyses.forEach((_, i) => {
    const r = find(i);
    const list = components.get(r);
    if (list) list.push(i);
    else components.set(r, [i]);
  });
  const why = new Map<number, string>();
  for (const r of reasons) if (!why.has(find(r.files[0]))) why.set(find(r.files[0]), r.why);
  const out: { members: number[]; reason: string }[] = [];
  for (const [root, members] of components) {
    if (members.length < 2 || members.length > MAX_CLUSTER_SIZE) continue;
    const names = members.map((m) => analyses[m]!.file);
    const listed = names.length === 2 ? `${names[0]} and ${names[1]}` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    out.push({ members, reason: `auto-paired: ${listed} ${names.length === 2 ? 'both' : 'all'} define ${why.get(root) ?? 'matching instances'}` });
  }
  return out;
}

/** Auto pairing of the files of one folder when their instances match. Never throws. */
export function pairFiles(inputs: ClusterInput[], options: Omit<ClusterOptions, 'reason'> = {}): { nodes: ClusterInput[]; reason: string }[] {
  try {
    const analyses = inputs.map((i) => analyze(i.text, { file: i.file, configId: i.configId, targetVersion: options.targetVersion, host: options.host, pathMappings: options.pathMappings, maxIncludeDepth: options.maxIncludeDepth }));
    return pairAnalyses(analyses).map((p) => ({ nodes: p.members.map((m) => inputs[m]!), reason: p.reason }));
  } catch {
    return [];
  }
}

// ---------- the scenario table ----------

/** The table `kalint explain KA43x FILE FILE…` prints for one virtual router. */
export function formatScenarioTable(report: FailoverReport): string {
  const header = ['scenario', ...report.nodes, 'VIPs held by'];
  const rows = report.scenarios.map((s) => {
    // Two address owners hear each other: one lowers itself to 254 ("both configured as address owner"), and which one
    // depends on the start order (live 2.2.7: an owner in state MASTER that starts takes the VIPs from a running one).
    const owners = !!s.tie && s.states.some((st) => st.priority === 255 && s.tie!.includes(st.node));
    let holder = s.holder ?? (s.tie
      ? `tie ${s.tie.join(' / ')} (${owners ? 'address owners: keepalived lowers one to 254 when they hear each other, and the start order decides which' : s.syncGroup?.race ? (s.kind === 'healthy' ? `crossed sync groups: each node's group wants another member's VIPs elsewhere, and a group is MASTER or BACKUP as a whole, so the first node up takes the VIPs of all its group's members` : s.syncGroup.rerace ? `crossed sync groups ${s.kind === 'check-fails' && s.states[s.nodeIndex!]?.state === 'up' ? 'after the failure' : 'among the nodes left'}: the first of them whose group becomes MASTER takes every member's VIPs` : 'crossed sync groups still: no change, the node holding the VIPs keeps them') : s.kind === 'healthy' ? 'the first up keeps the VIPs' : tieUnchanged(s, report.scenarios[0]) ? 'no change: the node holding the VIPs keeps them' : 'either may win: a race, the higher IP only at the same moment'})`
      : 'nobody');
    const healthyHolder = report.scenarios[0]?.holder;
    if (s.kind === 'check-fails' && s.nodeIndex !== undefined && s.holder && s.holder === healthyHolder && s.states[s.nodeIndex]!.node === s.holder && s.states[s.nodeIndex]!.state === 'up') {
      holder += ' (no failover)';
    }
    if (s.note) holder += ` — ${s.note}`;
    return [s.label, ...s.states.map(describeState), holder];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const title = `${report.instance}${report.vrid !== undefined ? ` (VRID ${report.vrid})` : ''}: priorities per node`;
  return [title, line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
