// KA384: settings of later releases that keepalived resets when the instance lacks what they need:
// timer_expired_backup without nopreempt (2.2.8 on), owner_ignore_adverts on an instance that is not the address
// owner, and `owner_ignore_adverts false` on the owner (2.3.3 on; vrrp.c, vrrp_complete_instance).

import type { AstNode } from '../../core/analysis/ast.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { basePriority, initialMaster, keywordRange, nopreemptNode } from './util.js';

/** The release that checks timer_expired_backup against nopreempt (the 2.2.8, 2.3.3 and 2.4.3 builds report it). */
const TIMER_EXPIRED_CHECKED_SINCE: Version = [2, 2, 8];
/** The release owner_ignore_adverts came in, with its checks. */
const OWNER_IGNORE_ADVERTS_SINCE: Version = [2, 3, 3];

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'on', 'yes']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', 'off', 'no']);

/** The last line of these names whose value keepalived takes (a handler refusing the value sets nothing). */
function lastValid(inst: AstNode, names: ReadonlySet<string>, valid: (line: AstNode) => boolean): AstNode | undefined {
  let last: AstNode | undefined;
  for (const c of inst.children) if (names.has(c.keyword) && valid(c)) last = c;
  return last;
}

/** timer_expired_backup's optional highest other priority: 1..254. */
function timerValueValid(line: AstNode): boolean {
  const text = line.argText(0);
  return text === undefined || (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 254);
}

function boolValueValid(line: AstNode): boolean {
  const text = line.argText(0);
  return text === undefined || TRUE_WORDS.has(text) || FALSE_WORDS.has(text);
}

const TIMER_EXPIRED: ReadonlySet<string> = new Set(['timer_expired_backup', 'thread_timer_expired']);
const OWNER_IGNORE: ReadonlySet<string> = new Set(['owner_ignore_adverts']);

export const instanceSettingReset: FileRule = {
  kind: 'file',
  code: 'KA384',
  name: 'instance-setting-reset',
  family: 'vrrp',
  severity: 'warning',
  description:
    'A setting keepalived resets for what the instance lacks: timer_expired_backup without nopreempt (2.2.8 on), owner_ignore_adverts on an instance that is not the address owner, or turned off on one that is (2.3.3 on).',
  docs: {
    why:
      '`timer_expired_backup` lets a BACKUP with `nopreempt` take over when the master stops sending adverts; without ' +
      'nopreempt in effect (none, or one keepalived clears because the instance starts as MASTER or owns the ' +
      'addresses) keepalived resets it ("expired_timer_backup requires nopreempt - resetting"). `owner_ignore_adverts` ' +
      'is for the address owner (priority 255) only: elsewhere keepalived ignores it ("ignoring owner_ignore_adverts since ' +
      'priority is not 255"), and on the owner it refuses to turn it off, with or without strict mode ("strict_mode with ' +
      'priority 255 requires owner_ignore_adverts"). Each is a configuration error that leaves the setting other than written.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    timer_expired_backup\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    nopreempt\n    timer_expired_backup\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
    target: '2.4.3',
  },
  check({ analysis, target, report }) {
    const timerChecked = compareVersions(target, TIMER_EXPIRED_CHECKED_SINCE) >= 0;
    const ownerChecked = compareVersions(target, OWNER_IGNORE_ADVERTS_SINCE) >= 0;
    if (!timerChecked) return;
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      const timer = lastValid(inst.node, TIMER_EXPIRED, timerValueValid);
      if (timer) {
        const owner = basePriority(inst) === 255;
        const np = nopreemptNode(inst);
        const cleared = np && (initialMaster(analysis.model, inst) || owner);
        if (!np || cleared) {
          const why = !np ? 'the instance has no nopreempt' : owner ? 'keepalived clears nopreempt on the address owner' : 'keepalived clears nopreempt on an instance that starts as MASTER';
          report({
            message: `${timer.keyword} of '${inst.name}' needs nopreempt, and ${why}: keepalived resets it ("expired_timer_backup requires nopreempt - resetting")`,
            file: timer.file,
            range: keywordRange(timer),
          });
        }
      }
      if (!ownerChecked) continue;
      const ignore = lastValid(inst.node, OWNER_IGNORE, boolValueValid);
      if (!ignore) continue;
      const word = ignore.argText(0);
      const on = word === undefined || TRUE_WORDS.has(word);
      const priority = basePriority(inst);
      if (on && priority !== 255) {
        report({ message: `owner_ignore_adverts of '${inst.name}' is for the address owner only, and its priority is ${priority}: keepalived ignores it ("ignoring owner_ignore_adverts since priority is not 255")`, file: ignore.file, range: keywordRange(ignore) });
      } else if (!on && priority === 255) {
        report({ message: `'${inst.name}' is the address owner (priority 255): keepalived turns owner_ignore_adverts back on, strict mode or not ("strict_mode with priority 255 requires owner_ignore_adverts")`, file: ignore.file, range: ignore.range });
      }
    }
  },
};
