// KA306: `state MASTER` with no priority silently makes the node the address owner (255).

import { addLineAfterFix } from '../fixes.js';
import type { FileRule } from '../types.js';
import { keywordRange, stateOf } from './util.js';

export const masterWithoutPriority: FileRule = {
  kind: 'file',
  code: 'KA306',
  name: 'master-without-priority',
  family: 'vrrp',
  severity: 'warning',
  description: '`state MASTER` without `priority` gives the instance priority 255 (address owner).',
  docs: {
    why: 'When priority is not set keepalived derives it from the state: MASTER becomes 255, the address owner. An owner ignores weighted tracking, preempts immediately, cannot use nopreempt, and two owners for one VRID fight ("both configured as address owner"). Almost always a priority such as 150 was meant.',
    bad: 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n}\n',
    good: 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 150\n}\n',
  },
  check({ analysis, report }) {
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const state = stateOf(inst);
      if (inst.priorityLine || state?.value !== 'MASTER') continue;
      report({
        message: `'${inst.name}' has state MASTER and no priority; keepalived gives it priority 255, making it the address owner`,
        file: state.node.file,
        range: keywordRange(state.node),
        fix: addLineAfterFix(state.node, analysis.files.get(state.node.file)?.text, 'priority 150', "Add 'priority 150' after 'state MASTER'"),
      });
    }
  },
};
