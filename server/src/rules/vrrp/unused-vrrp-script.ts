// KA321: a vrrp_script no instance or sync group tracks; keepalived drops it without a word under -t.

import type { FileRule } from '../types.js';
import { nameRange } from './util.js';

export const unusedVrrpScript: FileRule = {
  kind: 'file',
  code: 'KA321',
  name: 'unused-vrrp-script',
  family: 'vrrp',
  severity: 'warning',
  description: 'A vrrp_script is defined but never named in a track_script block; keepalived never runs it.',
  docs: {
    why: 'keepalived only runs scripts that some vrrp_instance or vrrp_sync_group tracks; others are dropped with a log line that `keepalived -t` does not show. Usually the track_script block was forgotten, so the service is not health-checked at all.',
    bad: 'vrrp_script chk_nginx {\n    script "/usr/bin/pgrep nginx"\n}\nvrrp_instance VI_1 {\n    virtual_router_id 51\n}\n',
    good: 'vrrp_script chk_nginx {\n    script "/usr/bin/pgrep nginx"\n}\nvrrp_instance VI_1 {\n    virtual_router_id 51\n    track_script {\n        chk_nginx\n    }\n}\n',
  },
  check({ analysis, report }) {
    const model = analysis.model;
    if (!model.vrrpScripts.length) return;
    const used = new Set<string>();
    for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) for (const t of insts[i]!.trackScripts) used.add(t.name);
    for (const g of model.syncGroups) for (const t of g.trackScripts) used.add(t.name);
    for (const s of model.vrrpScripts) {
      if (!s.name || used.has(s.name)) continue;
      report({ message: `vrrp_script '${s.name}' is not tracked by any vrrp_instance or vrrp_sync_group; keepalived never runs it`, file: s.node.file, range: nameRange(s.node) });
    }
  },
};
