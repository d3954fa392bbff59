// `kalint lint` cluster glue: decides which files (or `@id`s of one file) are the nodes of one
// cluster, reads and analyses them, and runs the cluster rules. Sources of clusters, in order:
//   --cluster              every file given (times every --config-id) is a node of one cluster;
//   several config ids     one file seen with each id is a cluster of those ids;
//   .kalint.json clusters  [{name, files}], files relative to the .kalint.json's folder;
//   auto pairing           files of one folder whose instances match (same VRID + VIPs, or the
//                          same distinctive instance name + VRID, or the same instance name in
//                          files named for the MASTER and the BACKUP), then the files left over
//                          across sibling folders (lb1/, lb2/); the message says why;
//                          `autoPair: false` in .kalint.json turns it off below that file.

import { dirname, resolve } from 'node:path';
import { analyze, configIdsIn, type Analysis } from '../core/index.js';
import { rangeAt } from '../core/syntax/parser.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { applySeverities, type SeveritySetting, type SuppressedDiagnostic } from '../linter.js';
import { applySuppressions, readInlineConfig } from '../rules/meta/suppressions.js';
import { checkCluster, clusterMatches, isCopyName, nodeLabels, pairAnalyses, type ClusterNode } from '../cluster/index.js';
import { displayPath, fsHost, unreadableReason } from './host.js';
import { ConfigError, findConfig, inferredMappings, inferredMappingsNote, resolvedPathMappings } from './config.js';
import { sameFile } from './common.js';
import { ALL_CONFIG_IDS, expandConfigIds, tooManyImplicitIds } from './config-ids.js';
import { findTemplateMarker } from '../core/syntax/template.js';
import { findBinaryEvidence } from '../core/syntax/binary.js';
import { appendAll } from '../core/arrays.js';

export interface ClusterLintOptions {
  /** The files being linted, as discovered (unreadable ones are skipped: lint reports them). */
  files: string[];
  /** Analyses lint already made, by `analysisKey` (so no file is analysed twice); null: a template (KA108), no node. */
  analyses?: Map<string, Analysis | null>;
  /** Texts lint already read, by resolved path (so no file is read, and held, twice). */
  texts?: Map<string, string>;
  /** --cluster: the files given are the nodes of one cluster. */
  cluster: boolean;
  /** --config-id ids (else each file's .kalint.json configIds). */
  configIds?: string[];
  targetVersion?: string;
  ruleOverrides?: Record<string, SeveritySetting>;
  inlineConfig?: boolean;
}

export interface ClusterLintResult {
  diagnostics: Diagnostic[];
  /** Each set of nodes compared as one cluster (node labels), and why they were. */
  /** `routers`: how each virtual router the nodes share was paired across them (clusterMatches). */
  clusters: { nodes: string[]; reason: string; routers: string[] }[];
  /** Problems to print on stderr (a cluster member that cannot be read). */
  errors: string[];
  /** Cluster findings a `# kalint-disable…` comment in a node covers, with its reason (SARIF lists them as suppressed). */
  suppressed: SuppressedDiagnostic[];
  /** Every file the cluster checks read (declared members not linted, and what they include), for `-o` to stay off them. */
  read: string[];
  /** Notes for stderr: a member not linted whose absolute includes were read from beside it. */
  notes: string[];
}

/** Whether KA108 (or `code`) is turned off (by code or name), so that a template (binary data) is read as a config. */
function templateRuleOff(severities: Record<string, SeveritySetting>, code = 'KA108'): boolean {
  const probe: Diagnostic = { code, severity: 'error', message: '', file: '', range: rangeAt([0], 0, 0) };
  return applySeverities([probe], severities).length === 0;
}

/** The key of one file seen with one config id. */
export function analysisKey(path: string, configId: string | undefined): string {
  return `${resolve(path)}\0${configId ?? ''}`;
}

interface NodeSpec {
  path: string;
  configId?: string;
}

export function lintClusters(options: ClusterLintOptions): ClusterLintResult {
  const errors: string[] = [];
  const notes: string[] = [];
  const analyses = new Map<string, ClusterNode['analysis'] | null>(options.analyses ?? []);
  const out: Diagnostic[] = [];
  const clusters: ClusterLintResult['clusters'] = [];
  const seen = new Set<string>();
  const suppressedOut: SuppressedDiagnostic[] = [];
  const seenSuppressed = new Set<string>();
  const suppressedWithSeverities = (): SuppressedDiagnostic[] =>
    suppressedOut.flatMap((s) => withSeverities([s.diagnostic], options.ruleOverrides, errors).map((diagnostic) => ({ diagnostic, reason: s.reason })));

  const texts = new Map<string, string | undefined>(options.texts ?? []);
  const readText = (path: string) => {
    const key = resolve(path);
    if (!texts.has(key)) texts.set(key, fsHost.readFile(path));
    return texts.get(key);
  };

  const readPaths = (): string[] => {
    const paths = new Set<string>();
    for (const [path, text] of texts) if (text !== undefined) paths.add(path);
    for (const a of analyses.values()) if (a) for (const p of a.files.keys()) paths.add(p);
    return [...paths];
  };

  /** `named`: with no id asked for, the ids the file names (the nodes a file with `@id` lines is for). */
  const idsFor = (path: string, named = false): (string | undefined)[] => {
    const loaded = safeConfig(path, errors);
    const asked = options.configIds ?? loaded?.config.configIds;
    const ids = asked ?? (named ? [ALL_CONFIG_IDS] : undefined);
    if (!ids || !ids.length) return [undefined];
    const text = readText(path);
    if (text === undefined) return ids;
    const expanded = expandConfigIds(ids, displayPath(path), text, { host: fsHost, pathMappings: loaded ? resolvedPathMappings(loaded) : undefined, targetVersion: options.targetVersion ?? loaded?.config.targetVersion });
    // Ids nobody asked for, too many to analyse one by one (lintFile says so): the file is one node.
    return !asked && tooManyImplicitIds(expanded.length, text.length) ? [undefined] : expanded;
  };

  const analysisOf = (spec: NodeSpec) => {
    const key = analysisKey(spec.path, spec.configId);
    if (analyses.has(key)) return analyses.get(key) ?? undefined;
    const text = readText(spec.path);
    if (text === undefined) {
      analyses.set(key, null);
      return undefined;
    }
    const loaded = safeConfig(spec.path, errors);
    // A template (KA108) is no node: what keepalived reads is the file it renders to.
    if (findTemplateMarker(text, spec.path) && !templateRuleOff({ ...loaded?.config.rules, ...options.ruleOverrides })) {
      analyses.set(key, null);
      return undefined;
    }
    // Nor is binary data (KA119).
    if (findBinaryEvidence(text) && !templateRuleOff({ ...loaded?.config.rules, ...options.ruleOverrides }, 'KA119')) {
      analyses.set(key, null);
      return undefined;
    }
    const configured = loaded ? resolvedPathMappings(loaded) : undefined;
    const read = (pathMappings: Record<string, string> | undefined) =>
      analyze(text, { file: displayPath(spec.path), configId: spec.configId, targetVersion: options.targetVersion ?? loaded?.config.targetVersion, host: fsHost, pathMappings });
    let a = read(configured);
    // A member not linted (a declared cluster's) reads its absolute includes from beside it as lint reads a file's.
    const inferred = configured ? undefined : inferredMappings(a.inferredPathMappings);
    if (inferred) {
      a = read(inferred);
      const note = inferredMappingsNote(spec.path, inferred);
      if (!notes.includes(note)) notes.push(note);
    }
    analyses.set(key, a);
    return a;
  };

  const run = (specs: NodeSpec[], reason: string, annotate: boolean) => {
    const readable = specs.map((s) => ({ s, a: analysisOf(s) })).filter((x) => x.a);
    if (readable.length < 2) return;
    const labels = nodeLabels(readable.map((x) => ({ file: x.a!.file, configId: x.s.configId })));
    const nodes: ClusterNode[] = readable.map((x, i) => ({ label: labels[i]!, analysis: x.a! }));
    let diags = checkCluster(nodes, reason, annotate);
    clusters.push({ nodes: readable.map((x) => `${displayPath(x.s.path)}${x.s.configId !== undefined ? ` (@${x.s.configId})` : ''}`), reason, routers: clusterMatches(nodes) });
    const show = (d: Diagnostic): Diagnostic => ({ ...d, file: displayPath(d.file), related: d.related?.map((r) => ({ ...r, file: displayPath(r.file) })) });
    const keyOf = (d: Diagnostic) => `${d.file}\0${d.range.start.offset}\0${d.code}\0${d.message}`;
    if (options.inlineConfig !== false) {
      // `# kalint-disable…` comments in any node apply to the cluster findings located there.
      const applied = applySuppressions(diags, nodes.flatMap((n) => readInlineConfig(n.analysis).suppressions));
      diags = applied.kept;
      for (const s of applied.suppressed) {
        const shown = show(s.diagnostic);
        if (seenSuppressed.has(keyOf(shown))) continue;
        seenSuppressed.add(keyOf(shown));
        suppressedOut.push({ diagnostic: shown, reason: s.reason });
      }
    }
    for (const d of diags) {
      const shown = show(d);
      const key = keyOf(shown);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(shown);
    }
  };

  const readableFiles = options.files.filter((f) => readText(f) !== undefined);

  if (options.cluster) {
    const alike: string[] = [];
    const specs = readableFiles.flatMap((path) => {
      const ids = idsFor(path);
      if (ids.length < 2) return ids.map((configId) => ({ path, configId }));
      // A file (and what it includes) without `@id` lines reads the same for every id: one node, not several.
      const first = analysisOf({ path, configId: ids[0] });
      const target = options.targetVersion ?? safeConfig(path, errors)?.config.targetVersion;
      if (first && ![...first.files.values()].some((f) => configIdsIn(f.text, target).length)) {
        alike.push(displayPath(path));
        return [{ path, configId: ids[0] }];
      }
      return ids.map((configId) => ({ path, configId }));
    });
    if (specs.length < 2) {
      const why = alike.length ? `; ${alike.join(', ')} ${alike.length === 1 ? 'has' : 'have'} no @id lines, so every config id reads ${alike.length === 1 ? 'it' : 'them'} alike` : '';
      errors.push(`--cluster needs at least two nodes (two files, or one file with several --config-id ids)${why}`);
    }
    run(specs, 'given with --cluster', false);
    return { diagnostics: withSeverities(out, options.ruleOverrides, errors), clusters, errors, suppressed: suppressedWithSeverities(), read: readPaths(), notes };
  }

  // One file seen with several config ids: the ids are the nodes (when the file, or what it
  // includes, has `@id` lines at all; otherwise every node would be the same config).
  for (const path of readableFiles) {
    const ids = idsFor(path, true);
    if (ids.length < 2) continue;
    const first = analysisOf({ path, configId: ids[0] });
    const target = options.targetVersion ?? safeConfig(path, errors)?.config.targetVersion;
    if (!first || ![...first.files.values()].some((f) => configIdsIn(f.text, target).length)) continue;
    run(ids.map((configId) => ({ path, configId })), `config ids ${ids.join(', ')} of one file`, false);
  }

  // Clusters declared in .kalint.json. Every member of every cluster of a .kalint.json this run reads is checked, so
  // that a declaration whose every member is mistyped (or a folder) is reported, not silently never compared.
  const inDeclared = new Set<string>();
  const declaredChecked = new Map<string, string[]>();
  const declaredDone = new Set<string>();
  for (const path of readableFiles) {
    const loaded = safeConfig(path, errors);
    const clusters = loaded?.config.clusters ?? [];
    clusters.forEach((c, i) => {
      const members = c.files.map((f) => resolve(loaded!.dir, f));
      const key = `${loaded!.path}#${i}`;
      let distinct = declaredChecked.get(key);
      if (!distinct) {
        const where = `cluster ${c.name ?? i + 1} in ${displayPath(loaded!.path)}`;
        for (const m of members) if (readText(m) === undefined) errors.push(`${displayPath(m)}: ${unreadableReason(m)} (${where})`);
        // One file named twice (`a.conf` and `./a.conf`, a symlink to it) is one node, not two compared with each other.
        const list: string[] = [];
        members.forEach((m, j) => {
          const first = list.find((d) => sameFile(d, m));
          if (first === undefined) list.push(m);
          else errors.push(`${c.files[j]}: names the same file as ${c.files[members.indexOf(first)]} (${where}): each node is listed once`);
        });
        distinct = list;
        declaredChecked.set(key, list);
      }
      if (!members.includes(resolve(path))) return;
      for (const m of members) inDeclared.add(m);
      if (declaredDone.has(key)) return;
      declaredDone.add(key);
      const specs = distinct.flatMap((m) => idsFor(m).slice(0, 1).map((configId) => ({ path: m, configId })));
      run(specs, `cluster ${c.name ?? i + 1} of ${displayPath(loaded!.path)}`, false);
    });
  }

  // Auto pairing of the remaining files, folder by folder.
  const byDir = new Map<string, string[]>();
  // Only files that can hold an instance are analysed again for pairing (the rest cannot pair).
  const mayPair = (path: string) => /vrrp_instance|include/.test(readText(path) ?? '');
  for (const path of readableFiles) {
    // A file that names several ids is a cluster of its own (above), not a node of a folder's.
    if (inDeclared.has(resolve(path)) || idsFor(path, true).length > 1 || !mayPair(path)) continue;
    // A folder of examples is no cluster: .kalint.json can say so.
    if (safeConfig(path, errors)?.config.autoPair === false) continue;
    const dir = dirname(resolve(path));
    const list = byDir.get(dir);
    if (list) list.push(path);
    else byDir.set(dir, [path]);
  }
  const paired = new Set<string>();
  const pairIn = (paths: string[], apartOnly: boolean) => {
    paths.sort();
    // A template (KA108) or an unreadable file has no analysis, and is no node.
    const specs = paths.map((path) => ({ path, configId: idsFor(path)[0] })).filter((s) => analysisOf(s));
    const analysed = specs.map((s) => analysisOf(s)!);
    for (const pair of pairAnalyses(analysed, { apartOnly })) {
      for (const m of pair.members) paired.add(specs[m]!.path);
      run(pair.members.map((m) => specs[m]!), pair.reason, true);
    }
  };
  for (const paths of byDir.values()) if (paths.length >= 2) pairIn(paths, false);
  // The nodes of a cluster often sit in sibling folders, one file each (lb1/keepalived.conf and
  // lb2/keepalived.conf, master/ and slave/: 20 of 94 real clusters): the files left unpaired in their
  // folder are paired across the folders of one parent, unless they are copies of one config.
  // Only a folder that holds one config (kept copies aside) is a node's folder: the files left over in a
  // folder of several (a scenario folder among examples) are not paired with other folders' files.
  const byParent = new Map<string, string[]>();
  for (const [dir, paths] of byDir) {
    if (paths.filter((p) => !isCopyName(p)).length !== 1) continue;
    for (const path of paths) {
      if (paired.has(path) || isCopyName(path)) continue;
      const parent = dirname(dir);
      const list = byParent.get(parent);
      if (list) list.push(path);
      else byParent.set(parent, [path]);
    }
  }
  for (const paths of byParent.values()) {
    if (paths.length >= 2 && new Set(paths.map((p) => dirname(resolve(p)))).size >= 2) pairIn(paths, true);
  }
  return { diagnostics: withSeverities(out, options.ruleOverrides, errors), clusters, errors, suppressed: suppressedWithSeverities(), read: readPaths(), notes };
}

function safeConfig(path: string, errors: string[]) {
  try {
    return findConfig(path);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    if (!errors.includes(e.message)) errors.push(e.message);
    return undefined;
  }
}

/** Each finding gets the severities of the .kalint.json nearest its file, then the command line's. */
function withSeverities(diags: Diagnostic[], overrides: Record<string, SeveritySetting> | undefined, errors: string[]): Diagnostic[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diags) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const out: Diagnostic[] = [];
  for (const [file, list] of byFile) {
    const rules = safeConfig(resolve(file), errors)?.config.rules;
    appendAll(out, applySeverities(list, { ...rules, ...overrides }));
  }
  return out;
}
