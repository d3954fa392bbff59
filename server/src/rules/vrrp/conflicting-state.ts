// KA345: `state BACKUP` after `state MASTER`: keepalived keeps MASTER.

import type { FileRule } from '../types.js';
import { compareVersions } from '../../core/schema/schema.js';
import { UNKNOWN_STATE_RESETS_SINCE } from '../../core/model/model.js';
import { keywordRange, stateLineCount, stateLines } from './util.js';

export const conflictingState: FileRule = {
  kind: 'file',
  code: 'KA345',
  name: 'conflicting-state',
  family: 'vrrp',
  severity: 'warning',
  description: 'A later `state BACKUP` does not override `state MASTER`; keepalived keeps MASTER.',
  docs: {
    why: 'For most keywords the last line wins, but once keepalived has read `state MASTER` it ignores a later `state BACKUP` ("state previously set as MASTER - ignoring BACKUP"; before 2.0.0 any later state word). A BACKUP override appended to a copied config, or coming from an include, therefore has no effect and the node starts as MASTER. (From 2.0.0 a word keepalived does not know, such as `SLAVE`, does set BACKUP again, with a warning of its own.)',
    bad: 'vrrp_instance VI_1 {\n    state MASTER\n    priority 100\n    state BACKUP\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    priority 100\n}\n',
  },
  check({ analysis, report, target }) {
    // Before 2.0.0 only MASTER sets the state, so every other word after it is ignored too; from 2.0.0
    // an unknown word sets BACKUP (with KA205's warning), and only BACKUP is ignored.
    const unknownResets = compareVersions(target, UNKNOWN_STATE_RESETS_SINCE) >= 0;
    for (let j = 0, insts = analysis.model.vrrpInstances; j < insts.length; j++) {
      const inst = insts[j]!;
      if (stateLineCount(inst) < 2) continue;
      // keepalived's reading, line by line: which lines arrive while MASTER is set.
      let master = false;
      for (const c of stateLines(inst)) {
        const text = c.argText(0);
        if (text === undefined) continue;
        if (text === 'MASTER') master = true;
        else if (!master) continue;
        else if (text === 'BACKUP' || !unknownResets) report({ message: `'state ${text}' is ignored: keepalived keeps the earlier 'state MASTER' of '${inst.name}'`, file: c.file, range: keywordRange(c) });
        else master = false;
      }
    }
  },
};
