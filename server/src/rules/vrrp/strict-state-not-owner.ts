// KA334: in strict mode the initial state must match being the address owner.

import type { FileRule } from '../types.js';
import { anyInstanceStrict, basePriority, isStrict, keywordRange, stateOf } from './util.js';

export const strictStateNotOwner: FileRule = {
  kind: 'file',
  code: 'KA334',
  name: 'strict-state-not-owner',
  family: 'vrrp',
  severity: 'warning',
  description: 'With vrrp_strict, `state MASTER` requires priority 255 (and 255 requires MASTER); keepalived changes the state.',
  docs: {
    why: 'RFC-strict mode only lets the address owner start as MASTER. keepalived overrides the configured state to match the priority ("State MASTER must match being address owner") and reports a configuration error, so a `state MASTER` node with priority 150 starts as BACKUP.',
    bad: 'global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    state MASTER\n    priority 150\n}\n',
    good: 'global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    priority 150\n}\n',
  },
  check({ analysis, report }) {
    // Every finding is about an instance in strict mode: none without vrrp_strict or a strict_mode line.
    if (!anyInstanceStrict(analysis.model)) return;
    const model = analysis.model;
    for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const state = stateOf(inst);
      if (!state || !isStrict(model, inst)) continue;
      const master = state.value === 'MASTER';
      const owner = basePriority(inst) === 255;
      if (master === owner) continue;
      report({
        message: master
          ? `'${inst.name}' has state MASTER with priority ${basePriority(inst)}; in strict mode keepalived starts it as BACKUP`
          : `'${inst.name}' has priority 255 with state BACKUP; in strict mode keepalived starts it as MASTER`,
        file: state.node.file,
        range: keywordRange(state.node),
      });
    }
  },
};
