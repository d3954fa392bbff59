// KA316: a vrrp_sync_group member that is not a vrrp_instance.

import type { FileRule } from '../types.js';
import { suggest, suggestByWords } from '../../core/analysis/suggest.js';
import { instancesByName } from './util.js';

export const syncGroupUnknownMember: FileRule = {
  kind: 'file',
  code: 'KA316',
  name: 'sync-group-unknown-member',
  family: 'vrrp',
  severity: 'error',
  description: 'A vrrp_sync_group lists a name that is not a vrrp_instance; keepalived ignores it.',
  docs: {
    why: 'Sync group members must be vrrp_instance names (in any order in the file). keepalived drops unknown names ("Virtual router X specified in sync group Y doesn\'t exist - ignoring"), so that instance does not fail over together with the others — typically a typo or a renamed instance.',
    bad: 'vrrp_sync_group VG_1 {\n    group {\n        VI_WEB\n        VI_DB\n    }\n}\nvrrp_instance VI_WEB {\n}\nvrrp_instance VI_DATABASE {\n}\n',
    good: 'vrrp_sync_group VG_1 {\n    group {\n        VI_WEB\n        VI_DATABASE\n    }\n}\nvrrp_instance VI_WEB {\n}\nvrrp_instance VI_DATABASE {\n}\n',
  },
  check({ analysis, report }) {
    if (!analysis.model.syncGroups.length) return;
    const known = instancesByName(analysis.model);
    let names: string[] | undefined;
    for (const g of analysis.model.syncGroups) {
      for (const m of g.members) {
        if (known.has(m.text)) continue;
        names ??= analysis.model.vrrpInstances.map((i) => i.name);
        // An instance the group already lists is not the one meant ('RH_INT' beside 'RH_EXT').
        const listed = new Set(g.members.map((x) => x.text));
        // Nor one another group lists: keepalived refuses an instance in two groups ("cannot exist in more than one
        // sync group"; suggestions audit).
        for (const other of analysis.model.syncGroups) if (other !== g) for (const x of other.members) listed.add(x.text);
        const unlisted = names.filter((n) => !listed.has(n));
        // A '{' read as a name (a doubled brace, see the walker's open) was not meant as any instance.
        const guess = m.text === '{' ? undefined : (suggest(m.text, unlisted) ?? suggestByWords(m.text, unlisted));
        report({
          message: `sync group '${g.name}' lists '${m.text}', which is not a vrrp_instance; keepalived ignores it${guess ? ` (did you mean '${guess}'?)` : ''}`,
          file: m.file,
          range: m.range,
          fix: guess && !m.expanded ? { description: `Replace with '${guess}'`, edits: [{ file: m.file, range: m.range, newText: guess }] } : undefined,
        });
      }
    }
  },
};
