// KA306: `state MASTER` with no priority silently makes the node the address owner (255).

import { addLineAfterFix, fileText, misspeltLine, misspeltNote } from '../fixes.js';
import type { Fix } from '../../core/diagnostics.js';
import type { AstNode } from '../../core/analysis/ast.js';
import type { FileRule } from '../types.js';
import { isStrict, keywordRange, stateOf } from './util.js';

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
      const misspelt = misspeltLine(analysis, inst.node, 'priority');
      report({
        message: `'${inst.name}' has state MASTER and no priority${misspeltNote(analysis, inst.node, 'priority')}; keepalived gives it priority 255, making it the address owner`,
        file: state.node.file,
        range: keywordRange(state.node),
        // In strict mode only an address owner may start as MASTER ("State MASTER must match being address owner"):
        // a priority below 255 would start the node as BACKUP and turn accept mode off, so no fix there.
        fix: isStrict(analysis.model, inst) || misspelt
          ? undefined
          : (priorityOnStateLine(state.node, fileText(analysis, state.node.file)) ??
            addLineAfterFix(state.node, fileText(analysis, state.node.file), 'priority 150', "Add 'priority 150' after 'state MASTER'")),
      });
    }
  },
};

/**
 * `state MASTER priority 200` on one line: keepalived ignores the words after MASTER, so the
 * priority written there is the one meant. Moves it to a line of its own (same indentation).
 */
function priorityOnStateLine(node: AstNode, text: string | undefined): Fix | undefined {
  if (text === undefined || node.argCount !== 3 || node.argText(1) !== 'priority') return undefined;
  const value = node.argText(2) ?? '';
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 254) return undefined;
  const [master, kw, num] = [node.argWord(0), node.argWord(1), node.argWord(2)];
  if (master.expanded || kw.expanded || num.expanded || node.word?.expanded) return undefined;
  const start = node.range.start;
  const indent = text.slice(start.offset - start.column, start.offset);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  return {
    description: `Move 'priority ${value}' to a line of its own (keepalived ignores it after 'state MASTER')`,
    edits: [{ file: node.file, range: { start: master.range.end, end: num.range.end }, newText: `${newline}${indent}priority ${value}` }],
  };
}
