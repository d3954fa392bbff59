// KA339: settings strict mode (vrrp_strict) does not allow; keepalived resets them.

import { argText, child, type AstNode } from '../../core/analysis/ast.js';
import { parseDecimal } from '../../core/analysis/values.js';
import { compareVersions, looseReadingIn, type Version } from '../../core/schema/schema.js';
import { argAsReadIn, flagSetting } from '../../core/model/model.js';
import type { FileRule } from '../types.js';
import { macProblem, VMAC_MAC_SINCE } from './use-vmac-invalid.js';
import { anyInstanceStrict, basePriority, effectiveVersion, hasRareLine, initialMaster, isStrict, keywordRange, nameRange, RareLine, topLevelBlocks } from './util.js';

export const strictModeResets: FileRule = {
  kind: 'file',
  code: 'KA339',
  name: 'strict-mode-resets',
  family: 'vrrp',
  severity: 'warning',
  description: 'A setting that vrrp_strict forbids (preempt_delay, down_timer_adverts, accept with VRRPv2, repeated lower-priority GARPs, …); keepalived resets it.',
  docs: {
    why: 'Strict mode enforces RFC behaviour: no preempt delay, the standard master-down timer (3 adverts), no accept mode for VRRPv2 below priority 255, no repeated GARPs or adverts to lower priority masters, no higher_prio_send_advert, no vmac_xmit_base, no MAC address of your own for the VMAC (the RFC one, 00:00:5e:00:01:VRID, is used). keepalived silently resets each such setting (and reports a configuration error), so the node behaves differently from what the file says.',
    bad: 'global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    priority 100\n    preempt_delay 30\n}\n',
    good: 'global_defs {\n    vrrp_strict\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    priority 100\n}\n',
  },
  check({ analysis, target, report }) {
    // Every finding is about an instance in strict mode: none without vrrp_strict or a strict_mode line.
    if (!anyInstanceStrict(analysis.model)) return;
    const model = analysis.model;
    const macs = compareVersions(target, VMAC_MAC_SINCE) >= 0;
    // An instance without its own down_timer_adverts takes global_defs' vrrp_down_timer_adverts (its last valid line).
    let globalTimer: { line: AstNode; value: number } | undefined;
    for (const g of topLevelBlocks(analysis.ast, 'global_defs')) {
      for (const line of g.children) {
        if (line.keyword !== 'vrrp_down_timer_adverts') continue;
        const v = parseDecimal(line.argText(0) ?? '')?.value;
        if (v !== undefined && Number.isInteger(v) && v >= 1 && v <= 100) globalTimer = { line, value: v };
      }
    }
    for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      if (!isStrict(model, inst)) continue;
      const flag = (kw: string, why: string, line?: AstNode) => {
        const n = line ?? child(inst.node, kw);
        if (n) report({ message: `'${kw}' of '${inst.name}' is reset in strict mode: ${why}`, file: n.file, range: keywordRange(n) });
      };
      const nonZero = (kw: string, why: string, normal = 0) => {
        const n = child(inst.node, kw);
        const v = n && valueUsed(n, target);
        if (n && v !== undefined && v !== normal) report({ message: `'${kw} ${argText(n)}' of '${inst.name}' is reset in strict mode: ${why}`, file: n.file, range: keywordRange(n) });
      };
      // An initial MASTER loses its preempt_delay for that reason first (KA309).
      if (!initialMaster(model, inst)) nonZero('preempt_delay', 'strict mode has no preempt delay');
      nonZero('down_timer_adverts', 'the master-down timer must be the RFC 3 adverts', 3);
      if (globalTimer && globalTimer.value !== 3 && !child(inst.node, 'down_timer_adverts')) {
        report({
          message: `'${inst.name}' takes 'vrrp_down_timer_adverts ${globalTimer.value}' from global_defs, which strict mode resets to 3 for it: the master-down timer must be the RFC 3 adverts (keepalived: "down_timer_adverts is incompatible with strict mode - resetting")`,
          file: inst.node.file,
          range: nameRange(inst.node),
          related: [{ file: globalTimer.line.file, range: globalTimer.line.range, message: 'set here for every instance' }],
        });
      }
      nonZero('garp_lower_prio_repeat', 'no repeated GARPs to a lower priority master');
      nonZero('garp_lower_prio_delay', 'no repeated GARP delay');
      // Words as keepalived's check_true_false reads them: a refused word (`True`, `ON`) leaves the setting unset.
      const lpna = flagSetting(inst.node, 'lower_prio_no_advert');
      if (lpna && !lpna.on) report({ message: `'lower_prio_no_advert ${argText(lpna.line)}' of '${inst.name}' is reset in strict mode: no adverts to lower priority masters`, file: lpna.line.file, range: keywordRange(lpna.line) });
      const hpsa = flagSetting(inst.node, 'higher_prio_send_advert');
      if (hpsa?.on) flag('higher_prio_send_advert', 'it must be clear', hpsa.line);
      if (child(inst.node, 'accept') && effectiveVersion(model, inst) === 2 && basePriority(inst) < 255) {
        flag('accept', 'accept mode with VRRPv2 is not RFC 3768 compliant below priority 255');
      }
      flag('vmac_xmit_base', 'it is not compatible with strict mode');
      // keepalived 2.2.7: "(VI_1): cannot specify MAC address with strict mode - clearing" (vrrp.c), for
      // the MAC use_vmac accepted (one of its first two words with a ':'; KA351 reports the others).
      if (macs && hasRareLine(inst, RareLine.useVmac)) {
        const mac = acceptedVmacMac(inst.node.children);
        if (mac) report({ message: `the VMAC MAC address '${mac.text}' of '${inst.name}' is cleared in strict mode: the VMAC uses the RFC address 00:00:5e:00:01:VRID`, file: mac.file, range: mac.range });
      }
    }
  },
};

/**
 * The number keepalived uses from a line's first argument, or undefined where it ignores the line: as it reads it
 * at `target` (from 2.2.3 `preempt_delay 60ms` is an invalid number it still uses as 60 µs; the daemon takes the
 * leading digits of `garp_lower_prio_delay 0.5`, i.e. 0, where -t ignores it), within the argument's range.
 */
function valueUsed(n: AstNode, target: Version): number | undefined {
  const v = parseDecimal(argAsReadIn(n, 0, target) ?? '')?.value;
  const arg = n.spec?.args[0];
  if (v === undefined || arg === undefined) return v;
  // `garp_lower_prio_delay 5ms`: keepalived -t ignores it ("invalid - ignoring"), and KA205 says what the daemon does.
  // (Releases that read it loosely, before 2.0.7, use the leading digits under -t too.)
  if (arg.daemon_reads_leading && looseReadingIn(arg, target) === undefined && !/^\d+$/.test(n.argText(0) ?? '')) return undefined;
  if (arg.type !== 'timer' && !Number.isInteger(v)) return undefined;
  if ((arg.min !== undefined && v < arg.min) || (arg.max !== undefined && v > arg.max)) return undefined;
  return v;
}

/** The first MAC address use_vmac accepts (a valid, unicast, non-VRRP one among its first two words). */
function acceptedVmacMac(lines: readonly AstNode[]) {
  for (const line of lines) {
    if (line.keyword !== 'use_vmac') continue;
    for (let i = 0; i < line.argCount && i < 2; i++) {
      const text = line.argText(i);
      if (text?.includes(':') && !macProblem(text)) return line.argWord(i);
    }
  }
  return undefined;
}
