// KA320: a vrrp_script block with no `script` line is removed by keepalived.

import { childrenNamed } from '../../core/analysis/ast.js';
import type { FileRule } from '../types.js';
import { closeRange } from './util.js';

export const vrrpScriptWithoutScript: FileRule = {
  kind: 'file',
  code: 'KA320',
  name: 'vrrp-script-without-script',
  family: 'vrrp',
  severity: 'error',
  description: 'A vrrp_script has no `script` line; keepalived removes it and every track_script naming it is ignored.',
  docs: {
    why: 'The `script` line is the check itself. keepalived removes a vrrp_script without one ("No script set for vrrp_script X - removing"), and instances that track it silently lose the health check. This often happens when the only `script` lines carry `@host` prefixes for other hosts.',
    bad: 'vrrp_script chk_nginx {\n    interval 2\n    weight -20\n}\n',
    good: 'vrrp_script chk_nginx {\n    script "/usr/bin/pgrep nginx"\n    interval 2\n    weight -20\n}\n',
  },
  check({ analysis, report }) {
    for (const s of analysis.model.vrrpScripts) {
      // A `script` line without its command sets nothing.
      const lines = childrenNamed(s.node, 'script');
      if (lines.some((l) => l.argCount > 0)) continue;
      // keepalived notices at the end of the block: the closing brace is where it reports.
      const at = closeRange(s.node);
      report({
        message: lines.length
          ? `vrrp_script '${s.name}' has a 'script' line without a command; keepalived removes the vrrp_script`
          : `vrrp_script '${s.name}' has no 'script' line; keepalived removes it`,
        ...at,
        related: s.node.args[0] ? [{ file: s.node.file, range: s.node.args[0].range, message: 'the vrrp_script' }] : undefined,
      });
    }
  },
};
