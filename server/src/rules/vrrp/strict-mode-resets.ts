// KA339: settings strict mode (vrrp_strict) does not allow; keepalived resets them.

import { argText, child } from '../../core/analysis/ast.js';
import { parseDecimal } from '../../core/analysis/values.js';
import type { FileRule } from '../types.js';
import { basePriority, effectiveVersion, initialMaster, isStrict, keywordRange } from './util.js';

const OFF = new Set(['off', 'false', 'no']);

export const strictModeResets: FileRule = {
  kind: 'file',
  code: 'KA339',
  name: 'strict-mode-resets',
  family: 'vrrp',
  severity: 'warning',
  description: 'A setting that vrrp_strict forbids (preempt_delay, down_timer_adverts, accept with VRRPv2, repeated lower-priority GARPs, …); keepalived resets it.',
  docs: {
    why: 'Strict mode enforces RFC behaviour: no preempt delay, the standard master-down timer (3 adverts), no accept mode for VRRPv2 below priority 255, no repeated GARPs or adverts to lower priority masters, no higher_prio_send_advert. keepalived silently resets each such setting (and reports a configuration error), so the node behaves differently from what the file says.',
    bad: 'global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    priority 100\n    preempt_delay 30\n}\n',
    good: 'global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    priority 100\n}\n',
  },
  check({ analysis, report }) {
    const model = analysis.model;
    for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      if (!isStrict(model, inst)) continue;
      const flag = (kw: string, why: string) => {
        const n = child(inst.node, kw);
        if (n) report({ message: `'${kw}' of '${inst.name}' is reset in strict mode: ${why}`, file: n.file, range: keywordRange(n) });
      };
      const nonZero = (kw: string, why: string, normal = 0) => {
        const n = child(inst.node, kw);
        const v = parseDecimal(argText(n) ?? '')?.value;
        if (n && v !== undefined && v !== normal) report({ message: `'${kw} ${argText(n)}' of '${inst.name}' is reset in strict mode: ${why}`, file: n.file, range: keywordRange(n) });
      };
      // An initial MASTER loses its preempt_delay for that reason first (KA309).
      if (!initialMaster(model, inst)) nonZero('preempt_delay', 'strict mode has no preempt delay');
      nonZero('down_timer_adverts', 'the master-down timer must be the RFC 3 adverts', 3);
      nonZero('garp_lower_prio_repeat', 'no repeated GARPs to a lower priority master');
      nonZero('garp_lower_prio_delay', 'no repeated GARP delay');
      const lpna = child(inst.node, 'lower_prio_no_advert');
      if (lpna && OFF.has(argText(lpna) ?? '')) report({ message: `'lower_prio_no_advert ${argText(lpna)}' of '${inst.name}' is reset in strict mode: no adverts to lower priority masters`, file: lpna.file, range: keywordRange(lpna) });
      const hpsa = child(inst.node, 'higher_prio_send_advert');
      if (hpsa && !OFF.has(argText(hpsa) ?? '')) flag('higher_prio_send_advert', 'it must be clear');
      if (child(inst.node, 'accept') && effectiveVersion(model, inst) === 2 && basePriority(inst) < 255) {
        flag('accept', 'accept mode with VRRPv2 is not RFC 3768 compliant below priority 255');
      }
      flag('vmac_xmit_base', 'it is not compatible with strict mode');
    }
  },
};
