// KA308: nopreempt with state MASTER: keepalived clears nopreempt.

import { startAsBackupFix } from '../fixes.js';
import type { FileRule } from '../types.js';
import { basePriority, initialMaster, keywordRange, nopreemptNode } from './util.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** First release that clears nopreempt and preempt_delay on an instance starting as MASTER (1.x only warned about nopreempt). */
export const CLEARS_PREEMPT_SETTINGS_SINCE: Version = [2, 0, 0];

export const nopreemptWithInitialMaster: FileRule = {
  kind: 'file',
  code: 'KA308',
  name: 'nopreempt-with-initial-master',
  family: 'vrrp',
  severity: 'error',
  description: '`nopreempt` needs `state BACKUP`; with `state MASTER` keepalived clears it.',
  docs: {
    why: 'An instance that starts as MASTER takes over as soon as it starts, which is exactly what nopreempt should prevent. keepalived clears nopreempt ("nopreempt will not work with initial state MASTER") and reports a configuration error, so the node preempts after every restart (releases before 2.0, such as 1.3.5, keep nopreempt with a warning: the node still takes over whenever it starts). For a non-preemptive pair every node must use `state BACKUP` with `nopreempt`.',
    bad: 'vrrp_instance VI_1 {\n    state MASTER\n    priority 150\n    nopreempt\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    priority 150\n    nopreempt\n}\n',
  },
  check({ analysis, report, target }) {
    // keepalived 1.3.5 keeps the setting and only warns ("nopreempt will not work with initial state MASTER").
    const effect = compareVersions(target, CLEARS_PREEMPT_SETTINGS_SINCE) < 0
      ? `keepalived ${target.join('.')} keeps nopreempt but warns that it will not work with initial state MASTER: this node takes the VIPs whenever it starts, and nopreempt holds only once it has lost them`
      : 'keepalived clears nopreempt, so this node preempts';
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const np = nopreemptNode(inst);
      if (!np || !initialMaster(analysis.model, inst)) continue;
      // At priority 255 keepalived clears nopreempt for that reason first (KA310).
      if (basePriority(inst) === 255) continue;
      report({ message: `'${inst.name}' has nopreempt with state MASTER; ${effect}`, file: np.file, range: keywordRange(np), fix: startAsBackupFix(inst, 'nopreempt') });
    }
  },
};
