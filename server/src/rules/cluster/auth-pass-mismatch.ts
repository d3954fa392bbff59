// KA404: auth_pass differs between the nodes of one virtual router.

import { replaceArgFix } from '../fixes.js';
import type { ClusterRule } from '../types.js';
import { at, clusterModel, effectiveAuthOf, rel, majorityFirst, masterRank } from '../../cluster/model.js';
import { describeHomoglyphs, latinForHomoglyphs } from '../../core/syntax/lookalikes.js';
import { encodeText } from '../../core/syntax/encoding.js';


/** keepalived keeps only this many bytes of auth_pass. */
const AUTH_PASS_LENGTH = 8;

/** The bytes keepalived keeps, as text to compare (a character cut in two stays distinct). */
function kept(pass: string): string {
  return [...encodeText(pass).slice(0, AUTH_PASS_LENGTH)].join(',');
}

/**
 * The password to copy: the whole characters within the 8 bytes keepalived keeps, when they are exactly those bytes
 * (suggestions audit: a copied 10-byte password made the fixed node's keepalived -t fail with "Truncating auth_pass");
 * else as written, which keepalived cuts the same way on both nodes.
 */
function keptText(pass: string): string {
  let out = '';
  for (const ch of pass) {
    if (encodeText(out + ch).length > AUTH_PASS_LENGTH) break;
    out += ch;
  }
  return encodeText(out).length === Math.min(AUTH_PASS_LENGTH, encodeText(pass).length) ? out : pass;
}

/** Passwords that differ only by Cyrillic or Greek letters drawn like Latin ones print alike: say so. */
function lookalikeNote(pass: string, refPass: string): string {
  const latin = latinForHomoglyphs(pass) ?? pass;
  if (latin !== (latinForHomoglyphs(refPass) ?? refPass)) return '';
  const odd = latinForHomoglyphs(pass) ? pass : refPass;
  return `; they look alike, but one is written with ${describeHomoglyphs(odd)}`;
}

export const authPassMismatch: ClusterRule = {
  kind: 'cluster',
  code: 'KA404',
  name: 'cluster-auth-pass-mismatch',
  family: 'cluster',
  severity: 'error',
  description: 'The nodes of one VRRP instance use different auth_pass values.',
  docs: {
    why: 'A node drops adverts whose password differs from its own ("received an invalid passwd"), so the BACKUP takes over while the MASTER is still alive: both hold the VIPs. keepalived only uses the first 8 bytes, so passwords that differ only after byte 8 are in fact identical (reported as info).',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass 0ther\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n' },
  },
  check(ctx) {
    for (const g of clusterModel(ctx.nodes).groups) {
      const withAuth = majorityFirst(g.members.map((m) => ({ m, a: effectiveAuthOf(m) })).filter((x) => x.a && x.a.passAt), (x) => x.a!.pass, (x) => masterRank(x.m));
      const ref = withAuth[0];
      if (!ref) continue;
      const refPass = ref.a!.pass;
      for (const { m, a } of withAuth.slice(1)) {
        const pass = a!.pass;
        if (pass === refPass) continue;
        const same8 = kept(pass) === kept(refPass);
        const byteLength = (t: string) => encodeText(t).length;
        ctx.report({
          ...at(a!.passAt!.node),
          severity: same8 ? 'info' : undefined,
          message: same8
            ? `${m.instance.name}: auth_pass differs from ${ref.m.node.label}'s only after byte ${AUTH_PASS_LENGTH}; keepalived truncates it to ${AUTH_PASS_LENGTH} bytes, so the passwords are effectively identical`
            : `${m.instance.name}: auth_pass on ${m.node.label} differs from ${ref.m.node.label}'s${byteLength(pass) > AUTH_PASS_LENGTH || byteLength(refPass) > AUTH_PASS_LENGTH ? ` (even in the ${AUTH_PASS_LENGTH} bytes keepalived keeps)` : ''}${lookalikeNote(pass, refPass)}; adverts are rejected ("invalid passwd") and both nodes become MASTER`,
          related: [rel(at(ref.a!.passAt!.node), `auth_pass on ${ref.m.node.label}`)],
          // The password itself is not repeated in the description (it ends up in CI logs).
          fix: same8 ? undefined : replaceArgFix(a!.passAt!.node, 0, keptText(refPass), `Use ${ref.m.node.label}'s auth_pass on ${m.node.label}${keptText(refPass) === refPass ? '' : ` (the ${AUTH_PASS_LENGTH} bytes keepalived keeps of it)`}`),
        });
      }
    }
  },
};
