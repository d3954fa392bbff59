// KA305: AH authentication with state MASTER below priority 255: keepalived starts as BACKUP (from
// 2.0.0, a42613f7; 1.3.5 starts such an instance as MASTER).

import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { basePriority, effectiveVersion, instanceFamily, isStrict, keywordRange, stateOf, wantsMaster } from './util.js';

/** a42613f7 (2.0.0) made an AH instance below priority 255 start as BACKUP. */
const BACKUP_SINCE: Version = [2, 0, 0];

export const ahWithInitialMaster: FileRule = {
  kind: 'file',
  code: 'KA305',
  name: 'ah-with-initial-master',
  family: 'vrrp',
  severity: 'warning',
  description: 'With AH authentication an instance that is not the address owner cannot start as MASTER; keepalived changes the state to BACKUP.',
  docs: {
    why: 'AH needs the sequence number from a received advert before taking over, so keepalived changes `state MASTER` to BACKUP for AH instances below priority 255 ("Initial state master is incompatible with AH authentication") and reports a configuration error. The node then waits a full master-down interval before taking the VIPs. Releases before 2.0.0 start it as MASTER.',
    bad: 'vrrp_instance VI_1 {\n    state MASTER\n    priority 150\n    authentication {\n        auth_type AH\n        auth_pass k33pal1v\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    priority 150\n    authentication {\n        auth_type AH\n        auth_pass k33pal1v\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    if (compareVersions(target, BACKUP_SINCE) < 0) return;
    const model = analysis.model;
    for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const auth = inst.authentication;
      if (auth?.type?.value !== 'AH' || !auth.pass?.value) continue;
      if (isStrict(model, inst) || effectiveVersion(model, inst) === 3 || instanceFamily(inst) === 6) continue;
      if (!wantsMaster(inst) || basePriority(inst) === 255) continue;
      const at = stateOf(inst)?.node ?? auth.type.node;
      report({
        message: `'${inst.name}' uses AH authentication with state MASTER and priority ${basePriority(inst)}; keepalived starts it as BACKUP`,
        file: at.file,
        range: keywordRange(at),
      });
    }
  },
};
