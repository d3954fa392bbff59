// Cluster analysis: several keepalived configs (files, or one file seen with several `@id`s) taken
// as the nodes of one VRRP cluster, checked against each other by the cluster rules (KA4xx), plus
// the failover simulation. Pure: texts in, diagnostics and scenario tables out.

import { analyze, type Analysis, type SourceHost } from '../core/index.js';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { runClusterRules } from '../linter.js';
import type { ClusterNode } from '../rules/types.js';
import { describeState, simulateCluster, type FailoverReport } from './failover.js';
import { vipSet } from './model.js';

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
  /** Why these inputs are one cluster; auto-pairing reasons are added to every message. */
  reason?: string;
}

/** Display names: the file, plus `@id` when one file is several nodes. */
export function nodeLabels(inputs: { file: string; configId?: string }[]): string[] {
  const count = new Map<string, number>();
  for (const i of inputs) count.set(i.file, (count.get(i.file) ?? 0) + 1);
  return inputs.map((i) => (count.get(i.file)! > 1 && i.configId ? `${i.file}@${i.configId}` : i.file));
}

export function buildNodes(inputs: ClusterInput[], options: { targetVersion?: string; host?: SourceHost } = {}): ClusterNode[] {
  const labels = nodeLabels(inputs);
  return inputs.map((input, i) => ({
    label: labels[i]!,
    analysis: analyze(input.text, { file: input.file, configId: input.configId, targetVersion: options.targetVersion, host: options.host }),
  }));
}

/**
 * Runs every cluster rule on nodes already analysed, sorted. With `annotate`, the reason the
 * nodes were taken as one cluster (auto pairing) ends every message. Never throws.
 */
export function checkCluster(nodes: ClusterNode[], reason = 'given as one cluster', annotate = false): Diagnostic[] {
  if (nodes.length < 2) return [];
  const found = runClusterRules(nodes, reason);
  const out = annotate ? found.map((d) => ({ ...d, message: `${d.message} [${reason}]` })) : found;
  return out.sort(compareDiagnostics);
}

/** The failover scenarios of every virtual router present on two nodes or more. */
export function failoverReports(nodes: ClusterNode[]): FailoverReport[] {
  return nodes.length < 2 ? [] : simulateCluster(nodes).map((s) => s.report);
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
/** A key shared by more files than this is a template, not a cluster. */
const MAX_CLUSTER_SIZE = 4;

/** Which files of one folder are the nodes of one cluster, judged from analyses. */
export function pairAnalyses(analyses: Analysis[]): { members: number[]; reason: string }[] {
  const byKey = new Map<string, { files: number[]; why: string }>();
  const add = (key: string, file: number, why: string) => {
    const e = byKey.get(key);
    if (!e) byKey.set(key, { files: [file], why });
    else if (e.files[e.files.length - 1] !== file) e.files.push(file);
  };
  analyses.forEach((a, f) => {
    for (const inst of a.model.vrrpInstances) {
      const vrid = inst.virtualRouterId?.value;
      if (vrid === undefined) continue;
      const vips = vipSet(inst);
      if (vips.length) add(`vip|${vrid}|${vips.join(',')}`, f, `VRID ${vrid} with VIPs ${vips.join(', ')}`);
      if (inst.name && !GENERIC_NAME.test(inst.name)) add(`name|${inst.name}|${vrid}`, f, `instance ${inst.name} with VRID ${vrid}`);
    }
  });
  const parent = analyses.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const links = [...byKey.values()].filter((k) => k.files.length >= 2 && k.files.length <= MAX_CLUSTER_SIZE);
  for (const { files } of links) {
    const root = find(files[0]!);
    for (const f of files.slice(1)) {
      const r = find(f);
      if (r !== root) parent[r] = root;
    }
  }
  const why = new Map<number, string>();
  for (const { files, why: w } of links) {
    const root = find(files[0]!);
    if (!why.has(root)) why.set(root, w);
  }
  const components = new Map<number, number[]>();
  analyses.forEach((_, i) => {
    const r = find(i);
    const list = components.get(r);
    if (list) list.push(i);
    else components.set(r, [i]);
  });
  const out: { members: number[]; reason: string }[] = [];
  for (const [root, members] of components) {
    if (members.length < 2 || members.length > MAX_CLUSTER_SIZE) continue;
    const w = why.get(root) ?? 'matching instances';
    out.push({ members, reason: `auto-paired: ${members.map((m) => analyses[m]!.file).join(' and ')} both define ${w}` });
  }
  return out;
}

/** Auto pairing of the files of one folder when their instances match. Never throws. */
export function pairFiles(inputs: ClusterInput[], options: { targetVersion?: string; host?: SourceHost } = {}): { nodes: ClusterInput[]; reason: string }[] {
  try {
    const analyses = inputs.map((i) => analyze(i.text, { file: i.file, configId: i.configId, targetVersion: options.targetVersion, host: options.host }));
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
    let holder = s.holder ?? (s.tie ? `tie ${s.tie.join(' / ')} (higher IP wins)` : 'nobody');
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
