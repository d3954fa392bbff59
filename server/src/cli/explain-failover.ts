// `kalint explain KA4xx FILE FILE…`: for a cluster rule, the failover scenario table of every
// virtual router the files share (who holds the VIPs when all is healthy, when each tracked check
// fails on each node, when a node is down), then that rule's findings on these files.
// A node may be written FILE@ID to read one file as keepalived -i ID would.

import type { Rule } from '../rules/types.js';
import { analyze } from '../core/index.js';
import { ADVERT_LOSS_CODES, checkCluster, failoverReports, formatScenarioTable, nodeLabels, type ClusterNode } from '../cluster/index.js';
import { displayPath, fsHost, isPipe, readPipe, unreadableReason } from './host.js';
import { ConfigError, findConfig, inferredMappings, inferredMappingsNote, resolvedPathMappings } from './config.js';
import { sameFile, tell, UsageError } from './common.js';

export function splitNodeArg(arg: string): { path: string; configId?: string } {
  // `file@id`, unless the whole argument names an existing file (paths may contain @).
  const at = arg.lastIndexOf('@');
  if (at <= 0 || fsHost.readFile(arg) !== undefined) return { path: arg };
  return { path: arg.slice(0, at), configId: arg.slice(at + 1) };
}

export function explainFailoverText(rule: Rule, args: string[]): string {
  if (rule.kind !== 'cluster') throw new UsageError(`${rule.code} is not a cluster rule; only cluster rules (KA4xx) take the node files`);
  // A pipe (`<(ssh lb1 cat /etc/keepalived/keepalived.conf)`) is read once, as lint reads one.
  for (const arg of args) {
    if (!isPipe(arg)) continue;
    const why = readPipe(arg);
    if (why !== undefined) throw new UsageError(`${arg}: ${why}`);
  }
  const specs = args.map(splitNodeArg);
  if (specs.length < 2) throw new UsageError('give at least two nodes (files, or FILE@ID for config ids of one file)');
  // One node given twice (`a.conf ./a.conf`, a symlink to it) would be compared with itself.
  specs.forEach((s, i) => {
    const j = specs.findIndex((o) => o.configId === s.configId && sameFile(o.path, s.path));
    if (j < i) throw new UsageError(`${args[i]} is the node ${args[j]} again: give each node once`);
  });
  const nodes: ClusterNode[] = [];
  const notes = new Set<string>();
  const labels = nodeLabels(specs.map((s) => ({ file: displayPath(s.path), configId: s.configId })));
  specs.forEach((s, i) => {
    const text = fsHost.readFile(s.path);
    if (text === undefined) throw new UsageError(`${s.path}: ${unreadableReason(s.path)}`);
    let loaded;
    try {
      loaded = findConfig(s.path);
    } catch (e) {
      if (e instanceof ConfigError) throw new UsageError(e.message);
      throw e;
    }
    const configured = loaded ? resolvedPathMappings(loaded) : undefined;
    const read = (pathMappings: Record<string, string> | undefined) =>
      analyze(text, { file: displayPath(s.path), configId: s.configId, targetVersion: loaded?.config.targetVersion, host: fsHost, pathMappings });
    let analysis = read(configured);
    // Absolute includes that name nothing here but do beside the file: read from there, as `kalint lint` reads them.
    const inferred = configured ? undefined : inferredMappings(analysis.inferredPathMappings);
    if (inferred) {
      analysis = read(inferred);
      const note = inferredMappingsNote(s.path, inferred);
      if (!notes.has(note)) {
        notes.add(note);
        tell(`kalint: note: ${note}\n`);
      }
    }
    nodes.push({ label: labels[i]!, analysis });
  });
  const reports = failoverReports(nodes);
  const all = checkCluster(nodes);
  let out = `${rule.code} ${rule.name}: failover scenarios of ${labels.join(', ')}\n`;
  out += 'Priorities are effective priorities (base + tracking weights, 1..254); FAULT: the instance is down on that node.\n\n';
  if (!reports.length) {
    out += 'The files share no VRRP instance (paired by VRID + VIPs, on the same interface unless the hosts name their interfaces differently, else by name).\n';
    // An empty node (a failed `ssh` in <(...)) is why, most often: say so whatever rule was asked for.
    if (rule.code !== 'KA425') for (const d of all.filter((x) => x.code === 'KA425' && x.severity === 'error')) out += `KA425: ${d.message}\n`;
  }
  for (const r of reports) {
    out += formatScenarioTable(r);
    out += `Paired: ${r.matched}\n`;
    // The table elects on priorities, as if every advert got through; live pairs with these findings had two MASTERs.
    const deaf = [...new Set(all.filter((d) => d.severity === 'error' && ADVERT_LOSS_CODES.has(d.code) && d.message.startsWith(`${r.instance}:`)).map((d) => d.code))].sort();
    if (deaf.length) out += `Note: ${deaf.join(', ')} on these files: the nodes do not accept each other's adverts for ${r.instance}, so where the table names one holder, more than one node may hold the VIPs. The table assumes the adverts get through.\n`;
    out += '\n';
  }
  const findings = all.filter((d) => d.code === rule.code);
  out += findings.length ? `${rule.code} findings:\n` : `No ${rule.code} finding on these nodes.\n`;
  for (const d of findings) {
    out += `  ${d.file}:${d.range.start.line + 1}:${d.range.start.column + 1}: ${d.severity}: ${d.message}\n`;
    for (const r of d.related ?? []) out += `    ↳ ${r.file}:${r.range.start.line + 1}:${r.range.start.column + 1}: ${r.message}\n`;
  }
  return out;
}
