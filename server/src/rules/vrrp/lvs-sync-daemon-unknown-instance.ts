// KA349: `lvs_sync_daemon` names a vrrp_instance that does not exist.

import type { FileRule } from '../types.js';
import type { AstNode } from '../../core/analysis/ast.js';
import { suggest } from '../../core/analysis/suggest.js';
import { instancesByName, topLevelBlocks } from './util.js';

/** Words of `lvs_sync_daemon` that start an option; any other second word is the instance (legacy form). */
const OPTIONS = new Set(['inst', 'id', 'maxlen', 'port', 'ttl', 'group']);

/** Index (in args) of the word naming the instance, or -1 when the line names none. */
function instanceArg(node: AstNode): number {
  const n = node.argCount;
  for (let i = 1; i < n; i++) {
    const w = node.argText(i)!;
    if (w === 'inst') return i + 1 < n ? i + 1 : -1;
    if (OPTIONS.has(w)) i++; // skip the option's value
    else if (i === 1) return 1;
  }
  return -1;
}

export const lvsSyncDaemonUnknownInstance: FileRule = {
  kind: 'file',
  code: 'KA349',
  name: 'lvs-sync-daemon-unknown-instance',
  family: 'vrrp',
  severity: 'warning',
  description: "`lvs_sync_daemon` follows a vrrp_instance that is not defined; keepalived turns connection sync off at startup.",
  docs: {
    why:
      'The LVS sync daemon runs as master or backup following the state of the vrrp_instance named on the `lvs_sync_daemon` ' +
      'line, so that open connections survive a failover. When no instance has that name (a typo, or an instance renamed on ' +
      'one node), keepalived logs "Unable to find vrrp instance … for lvs_syncd" when it starts and drops the whole sync ' +
      'setting. `keepalived -t` does not report it; the loss shows up as every connection being reset at the next failover.',
    bad: 'global_defs {\n    lvs_sync_daemon eth1 VI_LVS id 10\n}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'global_defs {\n    lvs_sync_daemon eth1 VI_1 id 10\n}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
  },
  check({ analysis, report }) {
    for (const top of topLevelBlocks(analysis.ast, 'global_defs')) {
      for (const line of top.children) {
        // A repeat keepalived ignores (the first wins, KA209) is not read.
        if (line.keyword !== 'lvs_sync_daemon' || analysis.model.ignoredRepeats.has(line)) continue;
        const at = instanceArg(line);
        if (at < 0) continue;
        const name = line.argText(at)!;
        const known = instancesByName(analysis.model);
        if (known.has(name)) continue;
        const word = line.argWord(at);
        const guess = suggest(name, [...known.keys()]);
        report({
          message: `lvs_sync_daemon follows vrrp_instance '${name}', which is not defined; keepalived turns LVS connection sync off at startup (not reported by keepalived -t)${guess ? `. Did you mean '${guess}'?` : ''}`,
          file: word.file,
          range: word.range,
          fix: guess && !word.expanded && !word.quoted ? { description: `Replace with '${guess}'`, edits: [{ file: word.file, range: word.range, newText: guess }] } : undefined,
        });
      }
    }
  },
};
