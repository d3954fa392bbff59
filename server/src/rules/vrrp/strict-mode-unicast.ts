import type { FileRule } from '../types.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import { anyInstanceStrict, isStrict, isUnicast, keywordRange } from './util.js';

/*
 * keepalived refuses unicast peers in strict mode when the instance's interface can multicast
 * ("(VI_1) Unicast peers are not supported in strict mode", a config error that rejects the
 * instance). From 2.2.5 (commit a534e94) the check looked at a flag set only later, so 2.2.5 to
 * 2.3.x accept such an instance without a word; 2.4.0 moved the flag first (commit 29a89e4f).
 * Seen with builds of 2.0.19, 2.1.5, 2.2.4 and 2.4.3 (rejected) and with the 2.2.7 package and
 * builds of 2.2.8 and 2.3.1 (accepted), on an Ethernet interface.
 */
const CHECK_LOST_SINCE: Version = [2, 2, 5];
const CHECK_BACK_SINCE: Version = [2, 4, 0];

/** Whether keepalived `target` lets an instance with unicast peers run in strict mode (2.2.5 to 2.3.x, see above). */
export function strictUnicastPeersAccepted(target: Version): boolean {
  return compareVersions(target, CHECK_LOST_SINCE) >= 0 && compareVersions(target, CHECK_BACK_SINCE) < 0;
}

export const strictModeUnicast: FileRule = {
  kind: 'file',
  code: 'KA362',
  name: 'strict-mode-unicast',
  family: 'vrrp',
  severity: 'error',
  description: 'Unicast peers in strict mode: keepalived before 2.2.5 and from 2.4.0 rejects the instance (2.2.5 to 2.3.x accept it).',
  docs: {
    why:
      'RFC-strict mode (`vrrp_strict`, or `strict_mode` on the instance) sends adverts by multicast only, and keepalived ' +
      'rejects an instance that has unicast peers on an interface that can multicast ("Unicast peers are not supported ' +
      'in strict mode"). keepalived 2.2.5 to 2.3.x skip that check by mistake and run the instance by unicast, so a ' +
      'config that works there stops working on upgrading to 2.4.0 or later (and on 2.2.4 and older). Drop ' +
      '`vrrp_strict` (set the strict options you need one by one), or use multicast.',
    bad:
      'global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    unicast_src_ip 10.0.0.2\n    unicast_peer {\n        10.0.0.3\n    }\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}',
    good:
      'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    unicast_src_ip 10.0.0.2\n    unicast_peer {\n        10.0.0.3\n    }\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}',
    target: '2.4.3',
  },
  check({ analysis, target, report }) {
    // Every finding is about an instance in strict mode: none without vrrp_strict or a strict_mode line.
    if (!anyInstanceStrict(analysis.model)) return;
    if (compareVersions(target, CHECK_LOST_SINCE) >= 0 && compareVersions(target, CHECK_BACK_SINCE) < 0) return;
    const model = analysis.model;
    for (let itemIndex = 0, itemList = model.vrrpInstances; itemIndex < itemList.length; itemIndex++) {
      const inst = itemList[itemIndex]!;
      // Without an interface (unicast only) there is no multicast to prefer.
      if (!inst.interface || !isUnicast(inst) || !isStrict(model, inst)) continue;
      const peers = inst.node.children.find((c) => c.keyword === 'unicast_peer');
      report({
        message:
          `'${inst.name}' has unicast peers in strict mode; keepalived ${target.join('.')} rejects the instance when its interface can multicast ` +
          `("Unicast peers are not supported in strict mode")` +
          (compareVersions(target, CHECK_BACK_SINCE) >= 0 ? '; 2.2.5 to 2.3.x accept it by mistake, so a config that works there breaks on upgrading' : ''),
        file: (peers ?? inst.node).file,
        range: keywordRange(peers ?? inst.node),
      });
    }
  },
};
