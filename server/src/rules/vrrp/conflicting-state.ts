// KA345: `state` given twice with MASTER first: keepalived keeps MASTER.

import type { FileRule } from '../types.js';
import { keywordRange, stateLineCount, stateLines, stateOf } from './util.js';

export const conflictingState: FileRule = {
  kind: 'file',
  code: 'KA345',
  name: 'conflicting-state',
  family: 'vrrp',
  severity: 'warning',
  description: 'A later `state` line does not override `state MASTER`; keepalived keeps MASTER.',
  docs: {
    why: 'For most keywords the last line wins, but once keepalived has read `state MASTER` it ignores later `state` lines ("state previously set as MASTER - ignoring BACKUP"). A BACKUP override appended to a copied config, or coming from an include, therefore has no effect and the node starts as MASTER.',
    bad: 'vrrp_instance VI_1 {\n    state MASTER\n    priority 100\n    state BACKUP\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    priority 100\n}\n',
  },
  check({ analysis, report }) {
    for (let j = 0, insts = analysis.model.vrrpInstances; j < insts.length; j++) {
      const inst = insts[j]!;
      if (stateLineCount(inst) < 2) continue;
      const lines = stateLines(inst);
      const kept = stateOf(inst);
      if (kept?.value !== 'MASTER') continue;
      const keptAt = lines.indexOf(kept.node);
      for (let i = keptAt + 1; i < lines.length; i++) {
        const c = lines[i]!;
        // Only a non-MASTER state after MASTER is ignored; a repeated MASTER changes nothing.
        const text = c.argText(0);
        if (text === 'MASTER') continue;
        report({ message: `'state ${text ?? ''}' is ignored: keepalived keeps the earlier 'state MASTER' of '${inst.name}'`, file: c.file, range: keywordRange(c) });
      }
    }
  },
};
