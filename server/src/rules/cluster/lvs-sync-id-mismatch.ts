// KA420: the LVS sync daemon id differs between directors.

import { child, type AstNode } from '../../core/analysis/ast.js';
import { parseInteger } from '../../core/analysis/values.js';
import type { ClusterNode, ClusterRule } from '../types.js';
import { at, globalChild, rel, majorityFirst, nodeMasterRank } from '../../cluster/model.js';

const OPTION_WORDS = new Set(['inst', 'id', 'maxlen', 'port', 'ttl', 'group']);

/** The sync id a director uses: `id N`, else the VRID of the named instance. */
export function lvsSyncId(node: ClusterNode): { id?: number; where: AstNode; how: string } | undefined {
  const model = node.analysis.model;
  const daemon = globalChild(node, 'lvs_sync_daemon');
  if (daemon) {
    const words = daemon.args.map((w) => w.text);
    let inst: string | undefined;
    let id: number | undefined;
    let i = 1;
    if (words[1] !== undefined && !OPTION_WORDS.has(words[1])) {
      inst = words[1];
      i = 2;
    }
    for (; i < words.length; i += 2) {
      if (words[i] === 'inst') inst = words[i + 1];
      else if (words[i] === 'id') id = parseInteger(words[i + 1] ?? '');
    }
    if (id !== undefined) return { id, where: daemon, how: `id ${id}` };
    const vrid = model.vrrpInstances.find((x) => x.name === inst)?.virtualRouterId?.value;
    return { id: vrid, where: daemon, how: `VRID of ${inst ?? '?'}` };
  }
  // Legacy form: lvs_sync_daemon_interface inside an instance syncs with that instance's VRID.
  for (const inst of model.vrrpInstances) {
    const legacy = child(inst.node, 'lvs_sync_daemon_interface');
    if (legacy) return { id: inst.virtualRouterId?.value, where: legacy, how: `VRID of ${inst.name}` };
  }
  return undefined;
}

export const lvsSyncIdMismatch: ClusterRule = {
  kind: 'cluster',
  code: 'KA420',
  name: 'cluster-lvs-sync-id-mismatch',
  family: 'cluster',
  severity: 'warning',
  description: 'The directors of a cluster run the LVS sync daemon with different sync ids.',
  docs: {
    why: 'The IPVS connection-sync daemon only accepts updates carrying its own sync id. keepalived uses `id N` from lvs_sync_daemon, else the VRID of the named instance; when the ids differ the backup director never learns the connections, and established sessions break at failover.',
    bad: 'global_defs {\n    lvs_sync_daemon eth0 VI_1 id 11\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'global_defs {\n    lvs_sync_daemon eth0 VI_1 id 10\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'global_defs {\n    lvs_sync_daemon eth0 VI_1 id 10\n}\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    const ids = ctx.nodes.map(lvsSyncId);
    const withId = ids.flatMap((x, i) => (x?.id !== undefined ? [i] : []));
    if (!withId.length) return;
    const refIndex = majorityFirst(withId, (i) => ids[i]!.id, (i) => nodeMasterRank(ctx.nodes[i]!))[0]!;
    const ref = ids[refIndex]!;
    ids.forEach((x, i) => {
      if (i === refIndex || !x || x.id === undefined || x.id === ref.id) return;
      ctx.report({
        ...at(x.where),
        message: `LVS sync id ${x.id} (${x.how}) on ${ctx.nodes[i]!.label} but ${ref.id} (${ref.how}) on ${ctx.nodes[refIndex]!.label}; the backup director ignores the connection updates and sessions break at failover`,
        related: [rel(at(ref.where), `LVS sync id ${ref.id} on ${ctx.nodes[refIndex]!.label}`)],
      });
    });
  },
};
