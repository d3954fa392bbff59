// KA311: preempt_delay together with nopreempt: keepalived resets the delay.

import type { FileRule } from '../types.js';
import { basePriority, initialMaster, keywordRange, nopreemptNode } from './util.js';

export const preemptDelayWithNopreempt: FileRule = {
  kind: 'file',
  code: 'KA311',
  name: 'preempt-delay-with-nopreempt',
  family: 'vrrp',
  severity: 'warning',
  description: '`preempt_delay` is meaningless with `nopreempt`; keepalived resets it to 0.',
  docs: {
    why: 'nopreempt means the node never takes over from a working master, so there is nothing to delay. keepalived resets preempt_delay ("preempt_delay is incompatible with nopreempt mode") and reports a configuration error. Choose one: nopreempt (never take over) or preempt_delay (take over after a delay).',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    nopreempt\n    preempt_delay 30\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    preempt_delay 30\n}\n',
  },
  check({ analysis, report }) {
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const np = nopreemptNode(inst);
      const pd = inst.preemptDelay;
      if (!np || !pd || !pd.value) continue;
      // When keepalived clears nopreempt first (initial MASTER or owner), KA308-KA310 apply instead.
      if (initialMaster(analysis.model, inst) || basePriority(inst) === 255) continue;
      report({ message: `preempt_delay of '${inst.name}' is reset by keepalived because nopreempt is set`, file: pd.node.file, range: keywordRange(pd.node) });
    }
  },
};
