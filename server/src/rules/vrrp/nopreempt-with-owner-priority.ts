// KA310: nopreempt with priority 255: keepalived clears nopreempt.

import type { FileRule } from '../types.js';
import { basePriority, keywordRange, nopreemptNode } from './util.js';

export const nopreemptWithOwnerPriority: FileRule = {
  kind: 'file',
  code: 'KA310',
  name: 'nopreempt-with-owner-priority',
  family: 'vrrp',
  severity: 'error',
  description: '`nopreempt` cannot work at priority 255 (address owner); keepalived clears it.',
  docs: {
    why: 'The address owner always takes over (RFC 3768/5798). keepalived resets nopreempt for a priority-255 instance ("nopreempt is incompatible with priority 255"), so the node preempts anyway. Priority 255 also arises from `state MASTER` with no priority.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    priority 255\n    nopreempt\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    priority 200\n    nopreempt\n}\n',
  },
  check({ analysis, report }) {
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const np = nopreemptNode(inst);
      if (!np || basePriority(inst) !== 255) continue;
      const how = inst.priority ? 'priority 255' : 'priority 255 (from state MASTER without a priority)';
      report({ message: `'${inst.name}' has nopreempt with ${how}; keepalived clears nopreempt for the address owner`, file: np.file, range: keywordRange(np) });
    }
  },
};
