// KA307: an address owner (priority 255) cannot use weighted tracking; keepalived drops it, and
// clears the weights its sync group tracks with.

import { argText as argTextOf, child, type AstNode } from '../../core/analysis/ast.js';
import type { KeepalivedConfig, VrrpInstance } from '../../core/model/model.js';
import type { FileRule } from '../types.js';
import type { Analysis } from '../../core/index.js';
import { trackLineIgnored } from './track-reference-not-found.js';
import { firstByName } from '../lvs/util.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import { basePriority, instancesByName, keepsTrackingWeights, lineWeight, perModel, trackWeightReading, liveSyncMembership, trackBlocks, trackLineDropped, wordsRange } from './util.js';

/**
 * Tracked objects by name: the first definition of a name, as keepalived searches its lists from the head and
 * adds each new block at the tail (2.2.7 find_script_by_name; a repeated vrrp_script is never used, KA209).
 */
const trackedObjects = perModel((model) => ({
  scripts: firstByName(model.vrrpScripts),
  files: firstByName(model.trackFiles),
  processes: firstByName(model.trackProcesses),
  // The one block of a name the VRRP process keeps (it skips later ones while it holds it).
  bfds: new Map(model.bfdInstances.filter((b) => b.forVrrp).map((b) => [b.name, b])),
}));

/**
 * The weight a track_bfd entry without its own takes from the bfd_instance the VRRP process keeps: its last
 * `weight` line in -253..253 (keepalived 2.0.10 to 2.2.8: "(VI_1) ignoring tracked bfd bfd_2 with weight -236
 * due to SYNC group" for an entry with no weight of its own), else 0.
 */
function bfdOwnWeight(bfds: Map<string, { node: AstNode }>, name: string): number {
  const bfd = bfds.get(name);
  if (!bfd) return 0;
  let weight = 0;
  for (const line of bfd.node.children) {
    if (line.keyword !== 'weight') continue;
    const n = /^[-+]?\d+$/.test(line.argText(0) ?? '') ? Number(line.argText(0)) : Number.NaN;
    if (Number.isInteger(n) && Math.abs(n) <= 253) weight = n;
  }
  return weight;
}

/**
 * The first release that removes an address owner's weighted tracking entries at start-up (2.0.0 vrrp.c: "If address
 * owner, then we must totally ignore weights", "(VI_1) ignoring tracked script chk with weights due to address_owner";
 * absent from 1.4.5). Before, the entries stay (1.4.5 and 1.3.5 vrrp_scheduler.c vrrp_init_state: "The effective
 * priority is never changed for PRIO_OWNER"): the 1.3.5 build's dump of such an instance shows "Priority = 255",
 * "Tracked scripts = 1", "chk weight -20", and logs "VRRP_Script(chk) succeeded": the script runs and its weight is
 * never applied.
 */
const OWNER_WEIGHTS_REMOVED_SINCE: Version = [2, 0, 0];

const GROUP_TRACKING = new Set(['track_interface', 'track_script', 'track_file', 'track_process', 'track_bfd']);

/**
 * The tracking of a sync group with a non-zero weight: the line's `weight`, else the tracked
 * object's (vrrp_script, track_file (default 1), vrrp_track_process, bfd_instance). keepalived sets
 * each to 0 when a member is address owner (2.2.7 vrrp.c: "Cannot have weighted track script 'x'
 * with member having priority 255 - clearing weight").
 */
function groupWeightedEntries(analysis: Analysis, group: AstNode): { kind: string; name: string; weight: number; line: WeightedEntry['line'] }[] {
  const out: { kind: string; name: string; weight: number; line: WeightedEntry['line'] }[] = [];
  const { scripts, files, processes, bfds } = trackedObjects(analysis.model);
  for (const block of group.children) {
    const kind = block.keyword;
    if (!GROUP_TRACKING.has(kind)) continue;
    const reads = trackWeightReading(block, analysis.target);
    // A name tracked again is ignored ("duplicate track_script plain - ignoring": KA337).
    const seen = new Set<string>();
    for (const line of block.values ?? []) {
      const name = line.words[0]?.text;
      if (!name || seen.has(name)) continue;
      seen.add(name);
      if (trackLineDropped(line.words, kind, analysis.target) || (kind !== 'track_interface' && trackLineIgnored(analysis, line.words[0]!))) continue;
      const written = lineWeight(line.words, reads);
      let weight = written !== undefined && Math.abs(written) <= 254 ? written : undefined;
      if (weight === undefined) {
        if (kind === 'track_script') weight = scripts.get(name)?.weight?.value ?? 0;
        else if (kind === 'track_file') weight = files.get(name)?.weight?.value ?? 1;
        else if (kind === 'track_process') weight = processes.get(name)?.weight?.value ?? 0;
        else if (kind === 'track_bfd') weight = bfdOwnWeight(bfds, name);
        else weight = 0;
      }
      if (weight) out.push({ kind, name, weight, line: { file: line.file, range: wordsRange(line.words) } });
    }
  }
  return out;
}

export interface WeightedEntry {
  kind: 'track_interface' | 'track_script' | 'track_file' | 'track_bfd';
  name: string;
  weight: number;
  /** keepalived's treatment in a sync group: interfaces and default-weight files keep tracking unweighted. */
  dropped: boolean;
  block: AstNode;
  line: { file: string; range: import('../../core/syntax/cst.js').Range };
}

/**
 * The weighted tracking entries of an instance, with the weight keepalived would apply: the line's
 * `weight`, else the tracked object's own weight (vrrp_script weight, track_file weight, default 1).
 */
export function weightedEntries(analysis: Analysis, inst: VrrpInstance): WeightedEntry[] {
  const model = analysis.model;
  const out: WeightedEntry[] = [];
  const blocks = trackBlocks(inst);
  if (!blocks.length) return out;
  const { scripts, files } = trackedObjects(model);
  // The entries keepalived adds, by kind (several blocks of one kind make one list).
  const addedByKind = new Map<string, Set<string>>();
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const kind = block.keyword;
    if (kind !== 'track_interface' && kind !== 'track_script' && kind !== 'track_file' && kind !== 'track_bfd') continue;
    // Before 2.0.7 keepalived reads the weight with atoi ('-20x' is -20).
    const reads = trackWeightReading(block, analysis.target);
    let added = addedByKind.get(kind);
    if (!added) addedByKind.set(kind, (added = new Set()));
    for (let j = 0, lines = block.values ?? []; j < lines.length; j++) {
      const line = lines[j]!;
      const name = line.words[0]?.text;
      // A line keepalived already ignores (its object is defined later or not at all: KA315) has no weight to drop.
      if (!name || trackLineDropped(line.words, kind, analysis.target) || (kind !== 'track_interface' && trackLineIgnored(analysis, line.words[0]!))) continue;
      // A second entry for the same object is ignored as a duplicate (KA337): only the first is dropped.
      if (added.has(name)) continue;
      added.add(name);
      // An out-of-range weight is ignored by keepalived (KA336): the default applies.
      const written = lineWeight(line.words, reads);
      const own = written !== undefined && Math.abs(written) <= 254 ? written : undefined;
      let weight = own ?? 0;
      let dropped = true;
      if (kind === 'track_interface') dropped = false;
      if (kind === 'track_script' && own === undefined) {
        const s = scripts.get(name);
        if (!s) continue;
        weight = s.weight?.value ?? 0;
      }
      if (kind === 'track_bfd' && own === undefined) weight = bfdOwnWeight(trackedObjects(model).bfds, name);
      if (kind === 'track_file') {
        if (own === undefined) {
          const f = files.get(name);
          if (!f) continue;
          weight = f.weight?.value ?? 1;
        }
        // The default weight 1 is set to 0 (tracked unweighted); any other weight drops the entry.
        dropped = weight !== 1;
      }
      if (!weight) continue;
      out.push({ kind, name, weight, dropped, block, line: { file: line.file, range: wordsRange(line.words) } });
    }
  }
  return out;
}

export const weightedTrackingOnOwner: FileRule = {
  kind: 'file',
  code: 'KA307',
  name: 'weighted-tracking-on-owner',
  family: 'vrrp',
  severity: 'error',
  description: 'An instance with priority 255 (address owner) has weighted tracking; keepalived removes those tracking entries (before 2.0.0 it keeps them and never applies their weight).',
  docs: {
    why: 'The address owner\'s priority cannot change, so keepalived drops weighted track_script/track_interface/track_file/track_bfd entries of a priority-255 instance ("… due to address owner"); a track_file at the default weight 1 stays, unweighted, so any value but 0 in the file puts the instance in FAULT. The health check then has no effect and a failing service never moves the VIP. When a member of a vrrp_sync_group is address owner, keepalived sets the weights the group itself tracks with to 0 ("Cannot have weighted track script \'x\' with member having priority 255 - clearing weight"): a failure then puts the whole group in FAULT instead of lowering its priority. Priority 255 also arises from `state MASTER` without a priority. Releases before 2.0.0 keep the weighted entries without a word (the scripts still run) but never change an address owner\'s priority, so the tracking has no effect there either.',
    bad: 'vrrp_script chk_nginx {\n    script "/usr/bin/pgrep nginx"\n}\nvrrp_instance VI_1 {\n    state MASTER\n    priority 255\n    track_script {\n        chk_nginx weight -60\n    }\n}\n',
    good: 'vrrp_script chk_nginx {\n    script "/usr/bin/pgrep nginx"\n}\nvrrp_instance VI_1 {\n    state MASTER\n    priority 150\n    track_script {\n        chk_nginx weight -60\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    const model = analysis.model;
    const { groupOf } = liveSyncMembership(model, target);
    const removes = compareVersions(target, OWNER_WEIGHTS_REMOVED_SINCE) >= 0;
    for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      if (basePriority(inst) !== 255) continue;
      // In a sync group without sync_group_tracking_weight keepalived applies the sync group rule (KA322).
      const group = groupOf.get(inst.name);
      if (group && !keepsTrackingWeights(group)) continue;
      for (let j = 0, es = weightedEntries(analysis, inst); j < es.length; j++) {
        const e = es[j]!;
        // An owner's weighted interface is removed, not kept unweighted as in a sync group (2.2.7: "(B) ignoring eth1
        // tracked interface due to address owner"; live, the owner stayed MASTER with the link down).
        if (!removes) {
          // Kept, and its weight never applied: the entry has no effect on the owner (a weighted interface does not fault it either).
          const runs = e.kind === 'track_script' ? 'the script still runs' : e.kind === 'track_interface' ? 'the interface is still watched' : 'it is still read';
          report({
            message: `${e.kind} '${e.name}' (weight ${e.weight}) of '${inst.name}' never changes its priority: keepalived ${target.join('.')} keeps the entry (${runs}) without a word, but never applies tracking weights to an address owner (priority 255), so a failure does not move the VIP (2.0.0 and later remove the entry)`,
            ...e.line,
          });
          continue;
        }
        if (!e.dropped && e.kind !== 'track_interface') {
          // A track file at weight 1 stays, unweighted: live 2.2.7, writing 1 to it put the owner in FAULT.
          report({
            message: `${e.kind} '${e.name}' (weight ${e.weight}) of '${inst.name}' is tracked by keepalived without its weight: priority 255 (address owner) cannot be changed by tracking, so any value but 0 in the file puts '${inst.name}' in FAULT; write weight 0 to say so, or give a priority below 255 for weighted tracking`,
            severity: 'warning',
            ...e.line,
          });
          continue;
        }
        report({
          message: `${e.kind} '${e.name}' (weight ${e.weight}) of '${inst.name}' is removed by keepalived: priority 255 (address owner) cannot be changed by tracking`,
          ...e.line,
        });
      }
    }
    // Tracking written on the sync group itself, while one of its members is address owner.
    const { members } = liveSyncMembership(model, target);
    if (!members.size) return;
    const byName = instancesByName(model);
    for (const [group, words] of members) {
      const owner = words.find((w) => { const m = byName.get(w.text); return !!m && basePriority(m) === 255; });
      if (!owner) continue;
      for (const e of groupWeightedEntries(analysis, group)) {
        report({
          message: `${e.kind} '${e.name}' (weight ${e.weight}) of sync group '${argTextOf(group)}' gets weight 0 from keepalived: member '${owner.text}' has priority 255 (address owner), so a failure puts the group in FAULT instead of lowering its priority`,
          ...e.line,
        });
      }
    }
  },
};
