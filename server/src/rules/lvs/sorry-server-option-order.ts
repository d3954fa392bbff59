import type { FileRule } from '../types.js';
import { sorryServerKept } from '../../core/analysis/skips.js';
import { fix, moveLineAfter, related } from './util.js';
import { lvsFacts } from './server-facts.js';

const OPTIONS: Record<string, string> = {
  sorry_server_inhibit: 'Ignoring sorry_server inhibit used before or without sorry_server',
  sorry_server_lvs_method: 'sorry_server forwarding used without sorry_server',
};

export const sorryServerOptionOrder: FileRule = {
  kind: 'file',
  code: 'KA512',
  name: 'sorry-server-option-order',
  family: 'lvs',
  severity: 'error',
  description: 'sorry_server_inhibit or sorry_server_lvs_method comes before sorry_server (or there is none); keepalived ignores it.',
  docs: {
    why:
      'These options modify the sorry server, which keepalived only creates when it reads the `sorry_server` line. Written ' +
      'earlier (or without any sorry_server) the option has nothing to apply to, keepalived ignores it and `keepalived -t` ' +
      'reports it.',
    bad: 'virtual_server 10.0.0.1 80 {\n    sorry_server_inhibit\n    sorry_server 10.0.2.1 80\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    sorry_server 10.0.2.1 80\n    sorry_server_inhibit\n    protocol TCP\n    real_server 10.0.1.1 80 {\n    }\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const { vs, hasSorryOptionBeforeSorry } = factList[factIndex]!;
      if (!hasSorryOptionBeforeSorry) continue;
      let seenSorry = false;
      const kids = vs.node.children;
      for (let i = 0; i < kids.length; i++) {
        const c = kids[i]!;
        if (c.keyword === 'sorry_server') {
          // A line keepalived cannot read ("Invalid sorry server IP address") sets no sorry server.
          if (sorryServerKept(c, ctx.target)) seenSorry = true;
          continue;
        }
        const gist = OPTIONS[c.keyword];
        if (!gist || seenSorry) continue;
        const later = kids.slice(i + 1).find((k) => k.keyword === 'sorry_server' && sorryServerKept(k, ctx.target));
        const ignored = later ? undefined : kids.slice(0, i).findLast((k) => k.keyword === 'sorry_server');
        ctx.report({
          message: later
            ? `'${c.keyword}' comes before 'sorry_server' (line ${later.range.start.line + 1}); keepalived ignores it (keepalived: "${gist}")`
            : ignored
              ? `'${c.keyword}' without a 'sorry_server': keepalived ignores the one on line ${ignored.range.start.line + 1} (an address or port it cannot read), and then this line (keepalived: "${gist}")`
              : `'${c.keyword}' without a 'sorry_server'; keepalived ignores it (keepalived: "${gist}")`,
          file: c.file,
          range: c.range,
          related: later ? [related(later, 'sorry_server set here')] : undefined,
          fix: later ? fix(`Move '${c.keyword}' after 'sorry_server'`, moveLineAfter(ctx.analysis, c, later)) : undefined,
        });
      }
    }
  },
};
