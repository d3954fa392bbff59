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
    why: 'An instance always goes to FAULT when its own interface goes down. keepalived drops the redundant entry ("Ignoring track_interface X since own interface") and reports a configuration error — and with it any weight you gave the entry, so a weighted entry never changes the priority. Releases before 2.0.0 keep the entry and track the interface twice.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    track_interface {\n        eth0 weight -20\n        eth1\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    track_interface {\n        eth1\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    if (compareVersions(target, DROPPED_SINCE) < 0) return;
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const own = inst.interface?.value;
      if (!own) continue;
      for (let j = 0, blocks = trackBlocks(inst); j < blocks.length; j++) {
        const block = blocks[j]!;
        if (block.keyword !== 'track_interface') continue;
        for (let k = 0, lines = block.values ?? []; k < lines.length; k++) {
          const line = lines[k]!;
          if (line.words[0]?.text !== own) continue;
          const w = lineWeight(line.words);
          report({
            message: `'${inst.name}' already tracks its own interface ${own}; keepalived drops this entry${w ? ` and its weight ${w}` : ''}`,
            file: line.file,
            range: wordsRange(line.words),
          });
        }
      }
    }
  },
};
