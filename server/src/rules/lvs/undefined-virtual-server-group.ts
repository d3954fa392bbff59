import type { FileRule } from '../types.js';
import { suggest } from '../../core/analysis/suggest.js';
import { related, vsLabel } from './util.js';
import { lvsFacts } from './server-facts.js';
import { REMOVED_SINCE } from './virtual-server-group-empty.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import { virtualServerDropCrash as dropCrash } from './checker-connection-address.js';

/** 1.3.6 drops a virtual server whose group is missing; 1.3.5 keeps it with no group, and IPVS gets no service from it. */
const DROPPED_SINCE: Version = [1, 3, 6];

export const undefinedVirtualServerGroup: FileRule = {
  kind: 'file',
  code: 'KA515',
  name: 'undefined-virtual-server-group',
  family: 'lvs',
  // keepalived -t accepts the file silently (it drops the service at run time): a warning.
  severity: 'warning',
  description: "'virtual_server group NAME' names no virtual_server_group (or one keepalived removes); keepalived silently drops the virtual server.",
  docs: {
    why:
      'A group virtual server takes its addresses from the virtual_server_group of that name. When there is none, keepalived ' +
      'drops the virtual server and only writes a line to the system log: `keepalived -t` says nothing and exits 0, and the ' +
      'service simply does not exist.',
    bad: 'virtual_server_group WEB {\n    10.0.0.1 80\n}\nvirtual_server group WBE {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}',
    good: 'virtual_server_group WEB {\n    10.0.0.1 80\n}\nvirtual_server group WEB {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}',
  },
  check(ctx) {
    const groups = ctx.analysis.model.virtualServerGroups;
    let names: string[] | undefined;
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      const vs = f.vs;
      if (vs.kind !== 'group' || !vs.group) continue;
      const group = f.group?.group;
      if (group) {
        // The group exists but keepalived removes it (KA526): the virtual server goes with it, silently.
        // Before 1.3.7 the group stays and KA526 says its virtual servers add no service.
        if (!f.group!.removed || compareVersions(ctx.target, REMOVED_SINCE) < 0) continue;
        const w = vs.node.args[1]!;
        const crash = dropCrash(vs, ctx.target);
        ctx.report({
          message: `'${vsLabel(vs)}': keepalived removes virtual_server_group '${vs.group}' (no usable entries), so it drops this virtual server too and only logs it — keepalived -t stays silent about the virtual server${crash}`,
          ...(crash ? { severity: 'error' as const } : {}),
          file: w.file,
          range: w.range,
          related: [related(group.node, 'the group keepalived removes')],
        });
        continue;
      }
      const nameWord = vs.node.args[1]!;
      const guess = suggest(vs.group, (names ??= groups.map((g) => g.name)));
      const crash = dropCrash(vs, ctx.target);
      const effect =
        compareVersions(ctx.target, DROPPED_SINCE) < 0
          ? `keepalived ${ctx.target.join('.')} keeps this virtual server without addresses, so IPVS gets no service from it, and only logs "specified but not configured - ignoring virtual server"`
          : `keepalived drops this virtual server and only logs it — keepalived -t stays silent${crash}`;
      ctx.report({
        message: `'${vsLabel(vs)}': no virtual_server_group '${vs.group}' is defined${guess ? ` (did you mean '${guess}'?)` : ''}; ${effect}`,
        ...(crash ? { severity: 'error' as const } : {}),
        file: nameWord.file,
        range: nameWord.range,
        fix: guess && !nameWord.quoted && !nameWord.expanded ? { description: `Replace with '${guess}'`, edits: [{ file: nameWord.file, range: nameWord.range, newText: guess }] } : undefined,
      });
    }
  },
};
