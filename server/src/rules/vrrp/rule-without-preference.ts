// KA331: an ip rule without preference gets an arbitrary one from keepalived (from 2.0.2,
// cdab014d; before it the kernel chose, and keepalived said nothing).

import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';

const ASSIGNED_SINCE: Version = [2, 0, 2];
import { readRule, ruleBlocks, skippedAt } from './routes.js';

export const ruleWithoutPreference: FileRule = {
  kind: 'file',
  code: 'KA331',
  name: 'rule-without-preference',
  family: 'vrrp',
  severity: 'warning',
  description: 'A virtual_rules / static_rules line has no preference (priority); keepalived picks one counting down from 16384.',
  docs: {
    why: 'The preference orders policy rules. Without one keepalived assigns 16384, 16383, … in the order it reads the rules ("Rule has no preference specified - setting to N. This is probably not what you want.") and reports a configuration error. The resulting order depends on file layout and may put the rule after the main table lookup. Releases before 2.0.2 leave the choice to the kernel.',
    bad: 'vrrp_instance VI_1 {\n    virtual_rules {\n        from 192.168.200.0/24 table 2\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    virtual_rules {\n        from 192.168.200.0/24 table 2 priority 100\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    if (compareVersions(target, ASSIGNED_SINCE) < 0) return;
    for (const block of ruleBlocks(analysis.model)) {
      for (const line of block.values ?? []) {
        const r = readRule(line, block, analysis.model.globalDefs?.dynamicInterfaces === true);
        if (skippedAt(r, target) || !r.complete || !r.actions.length || r.hasPreference) continue;
        report({ message: 'this rule has no preference; keepalived assigns one counting down from 16384 — add `priority N`', file: line.file, range: line.range });
      }
    }
  },
};
