// KA336: the options after a tracked name: `weight N [reverse|noreverse]` with N in -253..253.

import { looseNumber, parseInteger } from '../../core/analysis/values.js';
import { compareVersions, looseReadingIn, type ArgSpec, type Version } from '../../core/schema/schema.js';
import { daemonTrackWeight } from '../../core/model/model.js';
import type { FileRule } from '../types.js';
import { fourthWordDropsEntry, syncGroupsAsRead, TRACK_BLOCKS, trackBlocks, trackLineDropped, trackLineKeptDespiteOptions, wordsRange } from './util.js';
const MAX_TRACK_WEIGHT = 253;
/** 2.0.0 began refusing a repeated track entry ("duplicate track_script chk - ignoring"); 1.x keeps both, options read. */
export const TRACK_REPEAT_CHECKED_SINCE: Version = [2, 0, 0];
/** Before 2.0.0 a weight of ±254 is used as written (1.3.5's vrrp_track.c checks -254..254); 2.0.0 made it ±253. */
const WEIGHT_254_TO_253_SINCE: Version = [2, 0, 0];

/**
 * The weights a track line of `block` may give, as keepalived reads them (2.2.7 vrrp_track.c, track_file.c; the
 * daemon dump: `tf1, weight 254`, `b1: weight 0`): track_interface and track_script read -254..254 and turn ±254
 * into ±253 (from 2.0.0); track_file and track_process keep -254..254 as written; track_bfd reads -253..253, and
 * ±254 is out of range there, so the default weight applies.
 */
function weightLimits(block: string, target: Version): { max: number; clamps: boolean } {
  if (compareVersions(target, WEIGHT_254_TO_253_SINCE) < 0) return { max: MAX_TRACK_WEIGHT + 1, clamps: false };
  if (block === 'track_bfd') return { max: MAX_TRACK_WEIGHT, clamps: false };
  if (block === 'track_file' || block === 'track_process') return { max: MAX_TRACK_WEIGHT + 1, clamps: false };
  return { max: MAX_TRACK_WEIGHT + 1, clamps: true };
}

export const trackEntryOptions: FileRule = {
  kind: 'file',
  code: 'KA336',
  name: 'track-entry-options',
  family: 'vrrp',
  severity: 'error',
  description: 'A track_* entry has options keepalived rejects: anything but `weight N [reverse|noreverse]`, a missing or out-of-range weight.',
  docs: {
    why: 'Each line of a track_* block is `NAME [weight N [reverse|noreverse]]` with N between -253 and 253 (track_file and track_process take ±254 too). keepalived drops an entry whose second word is not `weight` or whose weight has no value, ignores an out-of-range weight (using the default instead; for track_bfd ±254 is out of range), and turns ±254 into ±253 on track_interface and track_script — each reported as a configuration error. After the weight it reads one word, `reverse` or `noreverse` (a track_interface only `reverse`): in a track_file or track_bfd block any other word drops the entry, elsewhere it is ignored. A dropped entry means the object is not tracked at all.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    track_interface {\n        eth1 -20\n        eth2 weight\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    track_interface {\n        eth1 weight -20\n        eth2 weight 0\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    const model = analysis.model;
    // With the sync groups keepalived lost at a repeated `group` list: it checked their lines as it read them.
    const blocksOfOwners = [...model.vrrpInstances.map(trackBlocks), ...syncGroupsAsRead(model).map((n) => n.children.filter((c) => TRACK_BLOCKS.has(c.keyword)))];
    for (let i = 0; i < blocksOfOwners.length; i++) {
      const blocks = blocksOfOwners[i]!;
      const repeatsChecked = compareVersions(target, TRACK_REPEAT_CHECKED_SINCE) >= 0;
      // keepalived looks for a repeat before it reads the options: an entry tracked already is dropped as that (KA337),
      // its options unread. One list per kind, as in KA337.
      const tracked = new Map<string, Set<string>>();
      for (let j = 0; j < blocks.length; j++) {
        const block = blocks[j]!;
        let names = tracked.get(block.keyword);
        if (!names) tracked.set(block.keyword, (names = new Set()));
        for (let k = 0, lines = block.values ?? []; k < lines.length; k++) {
          const line = lines[k]!;
          const [name, opt, value, dir] = line.words;
          if (!name) continue;
          if (repeatsChecked && names.has(name.text)) continue;
          if (!trackLineDropped(line.words, block.keyword, target)) names.add(name.text);
          if (!opt) continue;
          const what = `${block.keyword} '${name.text}'`;
          // Before 2.0.18 track_interface and track_script keep such a line, with the default weight, silently.
          const kept = trackLineKeptDespiteOptions(block.keyword, target);
          const outcome = kept
            ? `keepalived ${target.join('.')} ignores it without a word and tracks '${name.text}' with the default weight (2.0.18 and later drop the entry)`
            : 'keepalived ignores the whole entry';
          if (opt.text !== 'weight') {
            // `chk -20` almost always means `chk weight -20`.
            const n = parseInteger(opt.text);
            const fixable = n !== undefined && Math.abs(n) <= MAX_TRACK_WEIGHT && !opt.expanded && line.words.length === 2;
            report({
              message: `${what}: '${opt.text}' is not an option (only 'weight N'); ${outcome}`,
              file: line.file,
              range: wordsRange(line.words.slice(1)),
              severity: kept ? 'warning' : undefined,
              fix: fixable ? { description: `Write 'weight ${opt.text}'`, edits: [{ file: line.file, range: opt.range, newText: `weight ${opt.text}` }] } : undefined,
            });
            continue;
          }
          if (!value) {
            report({ message: `${what}: 'weight' has no value; ${outcome}`, file: line.file, range: opt.range, severity: kept ? 'warning' : undefined });
            continue;
          }
          let n = parseInteger(value.text);
          // `weight -20x`: keepalived -t ignores it, the running daemon tracks with -20.
          const daemon = n === undefined ? daemonTrackWeight(value.text, block.keyword, target) : undefined;
          if (daemon !== undefined) {
            n = daemon;
            report({
              message: `${what}: weight '${value.text}' is an invalid number: keepalived -t reports it and uses the default weight, but the running daemon only logs a warning and tracks with weight ${n}; write ${n}`,
              file: line.file,
              range: value.range,
              fix: value.expanded ? undefined : { description: `Replace with ${n}`, edits: [{ file: line.file, range: value.range, newText: String(n) }] },
            });
          } else if (n === undefined) {
            const read = looseWeight(block.spec?.value_line?.find((a) => a.name === 'weight'), value.text, target);
            if (read !== undefined) {
              n = read.value;
              const why = read.found ? `takes the leading number and ignores '${read.rest}'` : 'reads a word without a leading number as 0';
              report({ message: `${what}: keepalived ${target.join('.')} reads weight '${value.text}' as ${n} (atoi ${why}; 2.0.7 and later reject it)`, file: line.file, range: value.range, severity: 'warning' });
            }
          }
          const limits = weightLimits(block.keyword, target);
          // The range to write: a weight keepalived turns from ±254 into ±253 is best written as 253.
          const max = limits.clamps ? MAX_TRACK_WEIGHT : limits.max;
          if (n === undefined || Math.abs(n) > limits.max) {
            report({ message: `${what}: weight '${value.text}' must be a whole number in -${max}..${max}; keepalived ignores it and uses the default weight`, file: line.file, range: value.range });
          } else if (limits.clamps && Math.abs(n) > max) {
            report({
              message: `${what}: weight ${n} is out of range; keepalived uses ${n < 0 ? -MAX_TRACK_WEIGHT : MAX_TRACK_WEIGHT}`,
              file: line.file,
              range: value.range,
              severity: 'warning',
              fix: value.expanded ? undefined : { description: `Replace with ${n < 0 ? -MAX_TRACK_WEIGHT : MAX_TRACK_WEIGHT}`, edits: [{ file: line.file, range: value.range, newText: String(n < 0 ? -MAX_TRACK_WEIGHT : MAX_TRACK_WEIGHT) }] },
            });
          }
          if (dir && kept) {
            report({ message: `${what}: keepalived ${target.join('.')} reads nothing after the weight ('reverse' came in 2.0.18): it ignores '${dir.text}' without a word`, file: line.file, range: dir.range, severity: 'warning' });
          } else if (dir && fourthWordDropsEntry(dir.text, block.keyword, target)) {
            report({ message: `${what}: '${dir.text}' is not a weight option (reverse or noreverse); keepalived ignores the whole entry, so '${name.text}' is not tracked`, file: line.file, range: dir.range });
          } else if (dir && block.keyword === 'track_interface' && dir.text !== 'reverse' && !kept) {
            // An interface takes only 'reverse': 'noreverse' (its default anyway) is reported and ignored.
            report({ message: `${what}: '${dir.text}' is not a weight option of track_interface (only reverse); keepalived ignores it`, file: line.file, range: dir.range, severity: 'warning' });
          } else if (dir && dir.text !== 'reverse' && dir.text !== 'noreverse') {
            report({ message: `${what}: '${dir.text}' is not a weight option (reverse or noreverse); keepalived ignores it`, file: line.file, range: dir.range, severity: 'warning' });
          }
        }
      }
    }
  },
};

/** The weight word as a release that reads it loosely (atoi before 2.0.7, per the table) takes it; else undefined. */
function looseWeight(spec: ArgSpec | undefined, text: string, target: Version): { value: number; rest: string; found: boolean } | undefined {
  const reads = spec === undefined ? undefined : looseReadingIn(spec, target);
  return reads === undefined ? undefined : looseNumber(text, reads);
}
