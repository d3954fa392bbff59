// KA303: authentication that keepalived drops: VRRPv3, strict mode, or AH with IPv6.

import { child } from '../../core/analysis/ast.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { effectiveVersion, instanceFamily, isStrict, keywordRange } from './util.js';

/** The release auth_hmac came in; with it the legacy authentication is dropped (2.4.3 vrrp.c). */
const AUTH_HMAC_SINCE: Version = [2, 4, 0];

export const authenticationIgnored: FileRule = {
  kind: 'file',
  code: 'KA303',
  name: 'authentication-ignored',
  family: 'vrrp',
  severity: 'warning',
  description: 'The authentication block has no effect: VRRPv3 and vrrp_strict do not support it, AH does not work with IPv6, and auth_hmac (2.4.0+) replaces it.',
  docs: {
    why: 'Authentication exists only in VRRPv2. With VRRPv3 (version 3, global vrrp_version 3 for IPv4, or an IPv6 instance unless `version 2` comes before its first address) or in strict mode keepalived discards the authentication block and reports a configuration error. The config reads as if adverts were authenticated while they are not, and a peer that still uses VRRPv2 with a password rejects this node\'s adverts. From 2.4.0 an instance with `auth_hmac` drops its authentication block too ("auth_hmac cannot be combined with authentication, dropping legacy auth").',
    bad: 'vrrp_instance VI_1 {\n    version 3\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    version 3\n}\n',
  },
  check({ analysis, target, report }) {
    const model = analysis.model;
    const hmac = compareVersions(target, AUTH_HMAC_SINCE) >= 0;
    for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const auth = inst.authentication;
      if (!auth?.type) continue;
      // An auth_type keepalived does not know sets no type (KA205): there is no authentication to ignore.
      if (auth.type.value !== 'PASS' && auth.type.value !== 'AH') continue;
      let why: string | undefined;
      if (isStrict(model, inst)) why = 'strict mode (vrrp_strict) does not support authentication';
      else if (effectiveVersion(model, inst) === 3) why = instanceFamily(inst) === 6 ? 'IPv6 instances run VRRPv3, which has no authentication' : 'VRRPv3 has no authentication';
      else if (instanceFamily(inst) === 6 && auth.type.value === 'AH') why = 'AH authentication does not work with IPv6';
      // Without a password keepalived has already dropped it (KA304).
      else if (hmac && auth.pass?.value && child(inst.node, 'auth_hmac')) why = 'auth_hmac replaces it (keepalived: "auth_hmac cannot be combined with authentication, dropping legacy auth")';
      if (!why) continue;
      report({ message: `authentication of '${inst.name}' is ignored: ${why}`, file: auth.node.file, range: keywordRange(auth.node) });
    }
  },
};
