// KA308: nopreempt with state MASTER: keepalived clears nopreempt.

import { startAsBackupFix } from '../fixes.js';
import type { FileRule } from '../types.js';
import { basePriority, initialMaster, keywordRange, nopreemptNode } from './util.js';

export const nopreemptWithInitialMaster: FileRule = {
  kind: 'file',
  code: 'KA308',
  name: 'nopreempt-with-initial-master',
  family: 'vrrp',
  severity: 'error',
  description: '`nopreempt` needs `state BACKUP`; with `state MASTER` keepalived clears it.',
  docs: {
    why: 'An instance that starts as MASTER takes over as soon as it starts, which is exactly what nopreempt should prevent. keepalived clears nopreempt ("nopreempt will not work with initial state MASTER") and reports a configuration error, so the node preempts after every restart. For a non-preemptive pair every node must use `state BACKUP` with `nopreempt`.',
    bad: 'vrrp_instance VI_1 {\n    state MASTER\n    priority 150\n    nopreempt\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    priority 150\n    nopreempt\n}\n',
  },
  check({ analysis, report }) {
    for (const inst of analysis.model.vrrpInstances) {
      const np = nopreemptNode(inst);
      if (!np || !initialMaster(analysis.model, inst)) continue;
      // At priority 255 keepalived clears nopreempt for that reason first (KA310).
      if (basePriority(inst) === 255) continue;
      report({ message: `'${inst.name}' has nopreempt with state MASTER; keepalived clears nopreempt, so this node preempts`, file: np.file, range: keywordRange(np), fix: startAsBackupFix(inst, 'nopreempt') });
    }
  },
};
