// KA304: auth_type without auth_pass: keepalived turns authentication off.

import { child } from '../../core/analysis/ast.js';
import type { FileRule } from '../types.js';
import { effectiveVersion, isStrict } from './util.js';

export const authTypeWithoutPass: FileRule = {
  kind: 'file',
  code: 'KA304',
  name: 'auth-type-without-pass',
  family: 'vrrp',
  severity: 'warning',
  description: 'auth_type is set but auth_pass is missing; keepalived disables authentication.',
  docs: {
    why: 'Without a password keepalived ignores the authentication block ("Authentication specified but no password given"). This node then sends unauthenticated adverts, which a peer configured with a password rejects, so both nodes may become MASTER.',
    bad: 'vrrp_instance VI_1 {\n    authentication {\n        auth_type PASS\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    authentication {\n        auth_type PASS\n        auth_pass k33pal1v\n    }\n}\n',
  },
  check({ analysis, report }) {
    const model = analysis.model;
    for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const auth = inst.authentication;
      if (!auth?.type || (auth.pass && auth.pass.value !== '')) continue;
      // An auth_pass line with no word at all is the core's finding (KA203: keepalived 2.2.7 stops
      // reading there), not an authentication keepalived turns off.
      if (!auth.pass && child(auth.node, 'auth_pass')?.argCount === 0) continue;
      // An auth_type keepalived does not know sets no type at all (KA205 says so): nothing to turn off.
      if (auth.type.value !== 'PASS' && auth.type.value !== 'AH') continue;
      // Strict mode and VRRPv3 drop authentication first (KA303).
      if (isStrict(model, inst) || effectiveVersion(model, inst) === 3) continue;
      report({
        message: `authentication of '${inst.name}' has auth_type but no auth_pass; keepalived turns authentication off`,
        file: auth.type.node.file,
        range: auth.type.node.word?.range ?? auth.type.node.range,
      });
    }
  },
};
