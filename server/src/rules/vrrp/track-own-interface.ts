// KA328: track_interface listing the instance's own interface is dropped by keepalived (from 2.0.0,
// bec108a3; 1.3.5 tracks it like any other interface, weight included).

import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { lineWeight, trackBlocks, wordsRange } from './util.js';

const DROPPED_SINCE: Version = [2, 0, 0];

export const trackOwnInterface: FileRule = {
  kind: 'file',
  code: 'KA328',
  name: 'track-own-interface',
  family: 'vrrp',
  severity: 'warning',
  description: "track_interface lists the instance's own interface, which keepalived always tracks; the entry is dropped.",
  docs: {
    why: 'An instance goes to FAULT when its own interface goes down (unless dont_track_primary is set). keepalived drops the redundant entry ("Ignoring track_interface X since own interface") and reports a configuration error — and with it any weight you gave the entry, so a weighted entry never changes the priority. With dont_track_primary the entry is dropped all the same, and the instance then ignores its own interface going down. Releases before 2.0.0 keep the entry and track the interface twice.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    track_interface {\n        eth0 weight -20\n        eth1\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    track_interface {\n        eth1\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    if (compareVersions(target, DROPPED_SINCE) < 0) return;
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const own = inst.interface?.value;
      if (!own) continue;
      const untracked = inst.node.children.some((c) => c.keyword === 'dont_track_primary');
      for (let j = 0, blocks = trackBlocks(inst); j < blocks.length; j++) {
        const block = blocks[j]!;
        if (block.keyword !== 'track_interface') continue;
        for (let k = 0, lines = block.values ?? []; k < lines.length; k++) {
          const line = lines[k]!;
          if (line.words[0]?.text !== own) continue;
          const w = lineWeight(line.words);
          // With dont_track_primary keepalived still drops the entry, and then tracks the own
          // interface not at all (vrrp.c adds it as "not tracked"): live, eth1 down left it MASTER.
          report({
            message: untracked
              ? `'${inst.name}' sets dont_track_primary, and keepalived drops this entry for its own interface ${own}${w ? ` (weight ${w} included)` : ''}: the instance does not track ${own} at all and stays as it is when ${own} goes down; remove dont_track_primary to track it`
              : `'${inst.name}' already tracks its own interface ${own}; keepalived drops this entry${w ? ` and its weight ${w}` : ''}`,
            file: line.file,
            range: wordsRange(line.words),
          });
        }
      }
    }
  },
};
