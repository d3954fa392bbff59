// KA405: authentication on some nodes of a virtual router only.

import type { ClusterRule } from '../types.js';
import { child } from '../../core/analysis/ast.js';
import { at, clusterModel, effectiveAuthOf, instanceAt, rel, strictFor, strictMode, versionOf } from '../../cluster/model.js';
import type { Authentication } from '../../core/model/model.js';

/** Why an authentication block sets no authentication in keepalived, when neither strict mode nor VRRPv3 is the cause. */
function unsetReason(a: Authentication): string {
  const type = a.type?.value;
  const noPass = !a.pass || a.pass.value === '';
  if (type === undefined) return noPass ? ' (its authentication block sets nothing)' : ' (it has auth_pass but no auth_type)';
  if (type !== 'PASS' && type !== 'AH') return ` (keepalived rejects its auth_type '${type}')`;
  if (noPass) return ' (auth_type without auth_pass is turned off)';
  return '';
}

export const authMissing: ClusterRule = {
  kind: 'cluster',
  code: 'KA405',
  name: 'cluster-auth-missing',
  family: 'cluster',
  severity: 'error',
  description: 'Authentication is configured for a VRRP instance on some nodes and not on others.',
  docs: {
    why: 'A node with authentication rejects adverts without it, and the other way round: the nodes do not accept each other and both become MASTER. vrrp_strict on one node drops that node\'s authentication (keepalived reports it: "Strict mode does not support authentication. Ignoring."), which causes the same mismatch.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const g of clusterModel(ctx.nodes).groups) {
      const auths = g.members.map((m) => ({ m, a: effectiveAuthOf(m) }));
      const ref = auths.find((x) => x.a);
      if (!ref) continue;
      for (const { m, a } of auths) {
        if (a) continue;
        const own = m.instance.authentication;
        const why = !own ? '' : strictFor(m) ? ` (${strictMode(m.node) && !child(m.instance.node, 'strict_mode') ? 'vrrp_strict' : 'strict_mode'} there clears it)` : versionOf(m) === 3 ? ' (VRRPv3 there ignores it)' : unsetReason(own);
        ctx.report({
          ...(m.instance.authentication ? at(m.instance.authentication.node) : instanceAt(m)),
          message: `${m.instance.name}: no authentication on ${m.node.label}${why} but ${ref.a!.type} authentication on ${ref.m.node.label}; the nodes reject each other's adverts and both become MASTER`,
          related: [rel(at(ref.m.instance.authentication!.node), `authentication on ${ref.m.node.label}`)],
        });
      }
    }
  },
};
