// KA309: preempt_delay with an initial MASTER state: keepalived clears the delay.

import { startAsBackupFix } from '../fixes.js';
import type { FileRule } from '../types.js';
import { initialMaster, keywordRange } from './util.js';
import { compareVersions } from '../../core/schema/schema.js';
import { CLEARS_PREEMPT_SETTINGS_SINCE } from './nopreempt-with-initial-master.js';

export const preemptDelayWithInitialMaster: FileRule = {
  kind: 'file',
  code: 'KA309',
  name: 'preempt-delay-with-initial-master',
  family: 'vrrp',
  severity: 'warning',
  description: '`preempt_delay` has no effect on an instance that starts as MASTER; keepalived clears it.',
  docs: {
    why: 'The delay applies to a BACKUP that sees a lower-priority master. An instance that starts as MASTER (state MASTER, or priority 255 with no state line) never waits, so keepalived clears preempt_delay ("preempt delay will not work with initial state MASTER").',
    bad: 'vrrp_instance VI_1 {\n    state MASTER\n    priority 150\n    preempt_delay 60\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    priority 150\n    preempt_delay 60\n}\n',
  },
  check({ analysis, report, target }) {
    // keepalived before 2.0 keeps the delay (1.3.5 says nothing): it applies only once the node is BACKUP.
    const old = compareVersions(target, CLEARS_PREEMPT_SETTINGS_SINCE) < 0;
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const pd = inst.preemptDelay;
      if (!pd || !pd.value || !initialMaster(analysis.model, inst)) continue;
      const message = old
        ? `preempt_delay of '${inst.name}' does not delay its takeover at start: the instance starts as MASTER; keepalived ${target.join('.')} keeps the delay, which applies only after the node has become BACKUP`
        : `preempt_delay of '${inst.name}' has no effect: the instance starts as MASTER, keepalived clears the delay`;
      // With nopreempt too, a BACKUP start would only swap one cleared setting for another ("preempt_delay is
      // incompatible with nopreempt") and stop preemption: no fix then.
      report({ message, file: pd.node.file, range: keywordRange(pd.node), fix: inst.nopreempt ? undefined : startAsBackupFix(inst, 'preempt_delay') });
    }
  },
};
