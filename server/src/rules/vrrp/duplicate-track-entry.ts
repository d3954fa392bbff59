// KA337: the same object twice in one track_* block: keepalived keeps the first entry.

import type { FileRule } from '../types.js';
import { compareVersions } from '../../core/schema/schema.js';
import { TRACK_REPEAT_CHECKED_SINCE } from './track-entry-options.js';
import { syncGroupsAsRead, TRACK_BLOCKS, trackBlocks, trackLineDropped, wordsRange } from './util.js';

export const duplicateTrackEntry: FileRule = {
  kind: 'file',
  code: 'KA337',
  name: 'duplicate-track-entry',
  family: 'vrrp',
  severity: 'warning',
  description: 'An interface, script, file, process or BFD instance is tracked twice by the same instance or sync group.',
  docs: {
    why: 'keepalived ignores the second entry ("duplicate track_script X - ignoring") and reports a configuration error. If the two entries have different weights, only the first weight counts, which is rarely what the author of the second line expected.',
    bad: 'vrrp_instance VI_1 {\n    track_script {\n        chk_nginx\n        chk_nginx weight -50\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    track_script {\n        chk_nginx weight -50\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    const model = analysis.model;
    const repeatsChecked = compareVersions(target, TRACK_REPEAT_CHECKED_SINCE) >= 0;
    // With the sync groups keepalived lost at a repeated `group` list: it checked their lines as it read them.
    const blocksOfOwners = [...model.vrrpInstances.map(trackBlocks), ...syncGroupsAsRead(model).map((n) => n.children.filter((c) => TRACK_BLOCKS.has(c.keyword)))];
    for (let i = 0; i < blocksOfOwners.length; i++) {
      const blocks = blocksOfOwners[i]!;
      if (!blocks.length) continue;
      // One list per kind, even when the kind's block appears several times.
      const seen = new Map<string, Set<string>>();
      for (let j = 0; j < blocks.length; j++) {
        const block = blocks[j]!;
        let names = seen.get(block.keyword);
        if (!names) seen.set(block.keyword, (names = new Set()));
        for (let k = 0, lines = block.values ?? []; k < lines.length; k++) {
          const line = lines[k]!;
          const name = line.words[0];
          if (!name) continue;
          if (names.has(name.text)) {
            const said = repeatsChecked ? 'keepalived ignores this entry' : `keepalived ${target.join('.')} keeps both entries, so it is tracked twice and its weight counts twice (2.0.0 and later ignore the repeat)`;
            report({ message: `${block.keyword} '${name.text}' is already tracked here; ${said}`, file: line.file, range: wordsRange(line.words) });
          } else if (!repeatsChecked || !trackLineDropped(line.words, block.keyword, target)) names.add(name.text); // a dropped entry tracks nothing
        }
      }
    }
  },
};
