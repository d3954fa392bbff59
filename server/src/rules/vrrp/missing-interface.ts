// KA338: an instance with no `interface` keepalived can use: it rejects the VRRP configuration.

import { sockaddrFamily, utf8Length } from '../../core/analysis/values.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import type { Range } from '../../core/syntax/cst.js';
import type { KeepalivedConfig, Located, VrrpInstance } from '../../core/model/model.js';
import type { Severity } from '../../core/diagnostics.js';
import { downTimerAdverts, effectiveVersion, firstUnicastKeyword, globalDownTimerAdverts, hasRareLine, instanceFamily, isUnicast, nameRange, RareLine, uniqueInstances } from './util.js';

/**
 * From 2.1.0 (commit 557dfbe9) a unicast instance, one with unicast peers, may omit its interface.
 * 2.2.5 to 2.2.7 test a flag set only later, so they reject it again ("Unknown interface!", seen
 * with the 2.2.7 package); 2.2.8 tests the flag any unicast keyword sets (commit 75f30737), so from
 * then an instance with unicast_src_ip, check_unicast_src… and no peers may omit it too (it falls back
 * to multicast: builds of 2.2.8 and 2.4.3 remove its addresses without `dev`, and crash when it is IPv6).
 * Builds of 2.1.0, 2.1.5, 2.2.0, 2.2.4, 2.2.8 and 2.3.1 accept such an instance.
 */
const UNICAST_WITHOUT_INTERFACE_SINCE: Version = [2, 1, 0];
const UNICAST_WITHOUT_INTERFACE_LAPSED: Version = [2, 2, 5];
const UNICAST_WITHOUT_INTERFACE_AGAIN: Version = [2, 2, 8];

/**
 * 2.2.3 alone crashes on an instance it runs without an interface: its new check of the interface's debounce
 * timers reads the interface without looking whether there is one (fixed in 2.2.4, e7f931be). The 2.2.3 build
 * exits 139 under -t on IPv4 and IPv6 unicast instances without an interface, with or without addresses.
 */
const DEBOUNCE_CHECK_CRASH: [Version, Version] = [[2, 2, 3], [2, 2, 4]];
/** down_timer_adverts (and global_defs vrrp_down_timer_adverts) exist from this release. */
const DOWN_TIMER_ADVERTS_SINCE: Version = [2, 2, 3];

/**
 * What the releases after 2.1.x do with an address without `dev` of such an instance (claims64: the 2.1.5 daemon put it
 * on eth0; 2.2.4 and 2.2.8 "no interface for vip … - removing"; 2.2.7 "(VI_1) Unknown interface!" and terminates). From
 * 2.2.0 it is removed, except where the instance itself is not run: 2.2.3 crashes on it (DEBOUNCE_CHECK_CRASH) and 2.2.5
 * to 2.2.7 reject it, testing a flag not set yet (a534e940; 75f30737 in 2.2.8 tests the one any unicast keyword sets).
 */
const LATER_RELEASES = 'keepalived 2.2.0 to 2.2.2, 2.2.4 and 2.2.8 and later remove it; 2.2.3 crashes on the instance (a segmentation fault), and 2.2.5 to 2.2.7 reject the VRRP configuration ("Unknown interface!"), unicast peers or not';

/** Before 2.2.0 an address removed for want of an interface is only logged (-t prints nothing). */
export const VIP_REMOVAL_REPORTED_SINCE: Version = [2, 2, 0];

/**
 * keepalived 2.0.8 to 2.0.15 crash on an instance without an interface: their duplicate
 * virtual_router_id check reads the interface without looking whether there is one. 2.0.16 (commit
 * d34da8be) looks at the instance it compares from, but not at the later ones it compares with,
 * so up to 2.0.19 an instance without one still crashes it when it follows an instance whose
 * interface exists; 2.1.0 compares VRIDs first.
 */
const CRASHES_FROM: Version = [2, 0, 8];
/**
 * Before CRASHES_FROM the same check takes the base interface of an instance with use_vmac from the
 * interface it lacks (2.0.0 to 2.0.7 source; the 2.0.7 build crashes, and says "Unknown interface!"
 * without use_vmac).
 */
const VMAC_CRASHES_FROM: Version = [2, 0, 0];
const CRASHES_ANY_BEFORE: Version = [2, 0, 16];
const CRASHES_AFTER_ANOTHER_BEFORE: Version = [2, 1, 0];


/** An IPv6 link-local address (fe80::/10): a unicast source without an interface cannot be one. */
const linkLocal = (address: string | undefined) => address !== undefined && /^fe[89ab][0-9a-f]?:/i.test(address) && address.includes(':');

/** Whether keepalived ignores this interface name (16 bytes or more; a UTF-16 unit is at most 3 bytes). */
const tooLong = (name: string | undefined) => name !== undefined && utf8Length(name) >= 16;

/**
 * The source address keepalived has from the config at the end of the instance: the last mcast_src_ip or
 * unicast_src_ip that parses, unless a later one of the other family cleared it ("… MUST be of the same family !!!
 * Skipping..."; a malformed one changes nothing).
 */
function configuredSource(inst: VrrpInstance, family: 4 | 6): Located<string> | undefined {
  let source: Located<string> | undefined;
  for (let i = 0, lines = inst.node.children; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.keyword !== 'unicast_src_ip' && line.keyword !== 'mcast_src_ip') continue;
    const text = line.argText(0);
    const f = text === undefined ? undefined : sockaddrFamily(text);
    if (f === undefined) continue;
    source = f === family ? { value: text!, node: line } : undefined;
  }
  return source;
}

type Report = (finding: { message: string; file: string; range: Range; severity?: Severity }) => void;

/**
 * Whether keepalived `target` runs the instance without an interface (none, or one it ignores), and so removes every
 * virtual address that names no `dev` of its own (see unicastWithoutInterface).
 */
export function runsWithoutInterface(inst: VrrpInstance, target: Version): boolean {
  const v = inst.interface?.value;
  const ignored = v === 'lo' || (v !== undefined && tooLong(v) && inst.node.children.every((c) => c.keyword !== 'interface' || tooLong(c.argText(0))));
  if (inst.interface && !ignored) return false;
  // No closure over `target` here: its context would be allocated on every call, ~8k per lint (KA312 asks of every instance).
  const letThrough =
    compareVersions(target, UNICAST_WITHOUT_INTERFACE_AGAIN) >= 0
      ? firstUnicastKeyword(inst) !== undefined
      : compareVersions(target, UNICAST_WITHOUT_INTERFACE_SINCE) >= 0 && compareVersions(target, UNICAST_WITHOUT_INTERFACE_LAPSED) < 0 && isUnicast(inst);
  if (!letThrough) return false;
  const family = instanceFamily(inst) ?? 4;
  const source = configuredSource(inst, family);
  // Refused without a source or with a link-local one; an IPv6 instance without peers crashes it.
  return source !== undefined && !(family === 6 && (linkLocal(source.value) || !isUnicast(inst)));
}

/**
 * Whether keepalived `target` drops the instance's use_vmac or use_ipvlan for want of an interface (2.2.8 and later:
 * "Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac"; reported by this rule).
 */
export function vmacClearedForNoInterface(inst: VrrpInstance, target: Version): boolean {
  return compareVersions(target, UNICAST_WITHOUT_INTERFACE_AGAIN) >= 0 && runsWithoutInterface(inst, target);
}

/**
 * An instance without an interface that keepalived lets through as unicast (2.1.0 to 2.2.4: one with unicast peers;
 * from 2.2.8: one with any unicast keyword, peers or not), and what keepalived then requires of it or does to it.
 * `noInterface` words a finding for an instance whose interface line keepalived ignored (else undefined).
 */
function unicastWithoutInterface(
  inst: VrrpInstance,
  target: Version,
  noInterface: (what: string, said: string) => string | undefined,
  where: { file: string; range: Range },
  report: Report,
  timers: { downTimerAdverts: number; vipRequiredMissing: boolean; defaultInterface: string },
): 'rejected' | 'multicast' | 'unicast' {
  const release = target.join('.');
  const family = instanceFamily(inst) ?? 4;
  const source = configuredSource(inst, family);
  if (!source) {
    const said = 'Unicast instances must have unicast_src_ip or interface';
    report({ message: noInterface(`with no unicast_src_ip keepalived rejects the VRRP configuration`, said) ?? `unicast instance '${inst.name}' has neither 'interface' nor 'unicast_src_ip'; keepalived rejects the VRRP configuration ("${said}")`, ...where });
    return 'rejected';
  }
  if (family === 6 && linkLocal(source.value)) {
    // A link-local source only means something on one interface.
    const said = 'Non link-local address required if interface omitted';
    report({
      message: noInterface(`with the link-local unicast_src_ip ${source.value} keepalived ${release} rejects the VRRP configuration`, said) ?? `unicast instance '${inst.name}' has no 'interface' and a link-local unicast_src_ip ${source.value}; keepalived ${release} rejects the VRRP configuration ("${said}")`,
      file: source.node.file,
      range: source.node.args[0]?.range ?? source.node.range,
    });
    return 'rejected';
  }
  if (family === 6 && !isUnicast(inst)) {
    // Without peers keepalived falls back to multicast (2.2.8 and 2.4.3 also with unicast_fault_no_peer), which needs an interface.
    const how = `with an IPv6 source but no IPv6 unicast peer keepalived ${release} falls back to multicast, which needs one, and crashes (a segmentation fault, also under keepalived -t)`;
    report({ message: ignoredInterfaceLead(noInterface, how) ?? `vrrp_instance '${inst.name}' has no 'interface', and ${how}`, ...where });
    return 'rejected';
  }
  // Reached only past the checks before it: an instance without its virtual_router_id is rejected first (KA300).
  const vrid = inst.virtualRouterId?.value;
  if (compareVersions(target, DEBOUNCE_CHECK_CRASH[0]) >= 0 && compareVersions(target, DEBOUNCE_CHECK_CRASH[1]) < 0 && vrid !== undefined && vrid >= 1 && vrid <= 255) {
    const how = `keepalived ${release} crashes on it (a segmentation fault, also under keepalived -t): its check of the interface's debounce timers reads the interface the instance lacks (fixed in 2.2.4)`;
    report({ message: ignoredInterfaceLead(noInterface, how) ?? `unicast instance '${inst.name}' has no 'interface', and ${how}`, ...where });
    return 'rejected';
  }
  // With down_timer_adverts 1 the same check, in a branch 2.2.4 did not fix, clears the interface's debounce timers
  // without looking whether there is one: 2.2.4, 2.2.8, 2.3.3 and 2.4.3 exit 139 under -t (generator seed 861). A
  // VRRPv3 instance without addresses is rejected before it up to 2.2.7 ("No VIP specified; at least one is required").
  if (timers.downTimerAdverts === 1 && compareVersions(target, DOWN_TIMER_ADVERTS_SINCE) >= 0 && vrid !== undefined && vrid >= 1 && vrid <= 255 && !timers.vipRequiredMissing) {
    const how = `keepalived ${release} crashes on it (a segmentation fault, also under keepalived -t): with down_timer_adverts 1 it clears the debounce timers of the interface the instance lacks; set down_timer_adverts above 1 or give the instance its interface`;
    report({ message: ignoredInterfaceLead(noInterface, how) ?? `${isUnicast(inst) ? 'unicast instance' : 'vrrp_instance'} '${inst.name}' has no 'interface', and ${how}`, ...where });
    return 'rejected';
  }
  // The ignored interface line is a configuration error of its own, whatever keepalived then makes of the instance.
  const v = inst.interface?.value;
  if (v !== undefined) {
    const ignoredHow = v === 'lo' ? `'${inst.name}' cannot use the loopback interface lo: keepalived ignores the line ("cannot use a loopback interface (lo) for vrrp - ignoring")` : `'${inst.name}' has no interface keepalived can use: the name '${v}' is longer than 15 bytes and keepalived ignores it ("Interface name '${v}' too long - ignoring")`;
    report({ message: `${ignoredHow}; keepalived ${release} goes on without an interface, as it may for an instance with ${compareVersions(target, UNICAST_WITHOUT_INTERFACE_AGAIN) >= 0 ? 'a unicast keyword' : 'unicast peers'}`, ...where });
  }
  // An address has no interface to go on but its own 'dev': keepalived removes the others
  // (2.2.4, 2.2.8 and 2.3.1: "(VI_1): no interface for vip 192.0.2.10 - removing", exit 5; 2.1.x only logs it).
  const said = compareVersions(target, VIP_REMOVAL_REPORTED_SINCE) >= 0 ? '' : `; keepalived ${release} -t does not report it`;
  const who = isUnicast(inst) ? 'unicast instance' : 'vrrp_instance';
  const why = ignored(inst) ?? "has no 'interface'";
  // 2.1.x first falls back on global_defs' default_interface (eth0 unless set): live 2.1.5, `10.0.0.100/24 dev eth0`.
  const fallsBack = compareVersions(target, VIP_REMOVAL_REPORTED_SINCE) < 0;
  const defaultIf = timers.defaultInterface;
  for (const [list, e] of [[inst.virtualIpaddresses, ''], [inst.virtualIpaddressesExcluded, 'e']] as const) {
    for (const a of list) {
      if (a.options.includes('dev')) continue;
      if (fallsBack) {
        report({ message: `${who} '${inst.name}' ${why}, so this address needs 'dev IFNAME': keepalived ${release} puts it on the default interface, ${defaultIf} (global_defs' default_interface, else eth0), and removes it where that interface does not exist ("no interface for ${e}vip ${a.text.split('/')[0]} - removing")${said}; ${LATER_RELEASES}`, file: a.line.file, range: a.words[0]?.range ?? a.line.range, severity: 'warning' });
        continue;
      }
      report({ message: `${who} '${inst.name}' ${why}, so this address needs 'dev IFNAME'; keepalived ${release} removes it ("no interface for ${e}vip ${a.text.split('/')[0]} - removing")${said}`, file: a.line.file, range: a.words[0]?.range ?? a.line.range });
    }
  }
  // A VMAC or ipvlan is made on the instance's interface: from 2.2.8 keepalived drops the option as a config error
  // (2.2.8, 2.3.1 and 2.4.3: "Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac"; KA353
  // reports what releases before 2.2.5 do).
  const outcome = isUnicast(inst) ? 'unicast' : 'multicast';
  if (compareVersions(target, UNICAST_WITHOUT_INTERFACE_AGAIN) < 0) return outcome;
  for (const line of inst.node.children) {
    if (line.keyword !== 'use_vmac' && line.keyword !== 'use_ipvlan') continue;
    report({ message: `${who} '${inst.name}' ${why}, so there is none to make a ${line.keyword === 'use_vmac' ? 'VMAC' : 'ipvlan'} on; keepalived ${release} drops '${line.keyword}' ("Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac")`, file: line.file, range: line.range });
  }
  return outcome;
}

/** A finding's words for an instance whose interface line keepalived ignored, from `noInterface` without a quote. */
/** global_defs' default_interface (the last line), else keepalived's default, eth0. */
function defaultInterfaceOf(model: KeepalivedConfig): string {
  const lines = model.globalDefs?.node.children ?? [];
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.keyword === 'default_interface' && lines[i]!.argCount) return lines[i]!.argText(0)!;
  return 'eth0';
}

function ignoredInterfaceLead(noInterface: (what: string, said: string) => string | undefined, how: string): string | undefined {
  const m = noInterface(how, '');
  return m?.replace(/ \(""\)$/, '');
}

/** Why an instance with an interface line has none (the loopback, or a name too long), else undefined. */
function ignored(inst: VrrpInstance): string | undefined {
  const v = inst.interface?.value;
  if (v === undefined) return undefined;
  return v === 'lo' ? "has only the loopback interface lo, which keepalived ignores" : `has only the interface name '${v}', which keepalived ignores (longer than 15 bytes)`;
}

export const missingInterface: FileRule = {
  kind: 'file',
  code: 'KA338',
  name: 'missing-interface',
  family: 'vrrp',
  severity: 'error',
  description: 'A vrrp_instance has no `interface`; keepalived rejects that, except for unicast instances with a unicast_src_ip that is not IPv6 link-local in 2.1.0 to 2.2.4 (with unicast peers) and from 2.2.8 (with any unicast keyword; each virtual address then needs its own `dev`).',
  docs: {
    why: 'Multicast adverts are sent and received on the instance\'s interface, so keepalived rejects an instance without one ("Unknown interface!") and no VRRP instance starts. A unicast instance (one with unicast peers; from 2.2.8 one with any unicast keyword) may omit it in 2.1.0 to 2.2.4 and from 2.2.8 if it has a unicast_src_ip that is not an IPv6 link-local address (which only means something on one interface), and then keepalived removes every virtual address that does not name its own `dev` (2.1.x first puts it on global_defs\' `default_interface`, eth0 unless set, and removes it only where that interface does not exist); 2.2.5 to 2.2.7 check this before they know an instance is unicast, so even unicast instances need `interface` there. keepalived 2.0.8 to 2.0.15 crash on an instance without an interface instead (also under keepalived -t; 2.0.0 to 2.0.7 when it has use_vmac), and 2.0.16 to 2.0.19 when it follows an instance that has one; from 2.2.8 an instance without one that has a unicast keyword but no unicast peer falls back to multicast without an interface, and when it is IPv6 that crashes keepalived too, as does an IPv4 one that shares its VRID with another multicast instance (the duplicate VRID check reads the interface it lacks). With `down_timer_adverts 1` (or global_defs `vrrp_down_timer_adverts 1`) 2.2.4 and 2.2.8 on crash on any instance they run without an interface: the check of the interface\'s debounce timers reads the interface it lacks.',
    bad: 'vrrp_instance VI_1 {\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
  },
  check({ analysis, target, report }) {
    const at = (v: Version) => compareVersions(target, v) >= 0;
    const unicastMayOmit = (at(UNICAST_WITHOUT_INTERFACE_SINCE) && !at(UNICAST_WITHOUT_INTERFACE_LAPSED)) || at(UNICAST_WITHOUT_INTERFACE_AGAIN);
    const crashesAlways = at(CRASHES_FROM) && !at(CRASHES_ANY_BEFORE);
    const crashesAfterAnother = at(CRASHES_ANY_BEFORE) && !at(CRASHES_AFTER_ANOTHER_BEFORE);
    const release = target.join('.');
    /** The first instance so far with an interface keepalived uses (the crash of 2.0.16 to 2.0.19 needs one before). */
    let withInterface: string | undefined;
    /** Whether keepalived rejects (or crashes on) an instance for its interface: it then never compares VRIDs. */
    let anyRejected = false;
    /** The global vrrp_down_timer_adverts, read when an instance without an interface needs it. */
    let globalDta: number | undefined;
    let defaultIf: string | undefined;
    /** Instances keepalived 2.2.8+ lets fall back to multicast without an interface. */
    const multicastWithoutInterface: VrrpInstance[] = [];
    const instances = uniqueInstances(analysis.model);
    for (let i = 0, insts = instances; i < insts.length; i++) {
      const inst = insts[i]!;
      const before = withInterface;
      const vmacCrash = at(VMAC_CRASHES_FROM) && !at(CRASHES_FROM) && hasRareLine(inst, RareLine.useVmac);
      const crashes = crashesAlways || (crashesAfterAnother && before !== undefined) || vmacCrash;
      // Who acts, and what it does then (with its message where it prints one).
      const keepalived = crashes ? `keepalived ${release}` : 'keepalived';
      const rejects = !crashes
        ? 'rejects the VRRP configuration'
        : crashesAlways
          ? 'crashes (a segmentation fault, also under keepalived -t)'
          : vmacCrash
          ? 'crashes (a segmentation fault, also under keepalived -t) in its duplicate virtual_router_id check, which reads the base interface of the VMAC (use_vmac) from the interface the instance lacks'
          : `crashes (a segmentation fault, also under keepalived -t) in its duplicate virtual_router_id check, which reads the interface of every instance after '${before}' without looking whether there is one (where the interface of '${before}' exists)`;
      // An interface line keepalived ignores leaves the instance without one: the loopback, or a name of 16 bytes or more
      // ("Interface name … too long - ignoring") with no shorter interface line. The usual short name needs no look.
      const ignored = inst.interface?.value === 'lo' ? 'lo' : inst.interface && tooLong(inst.interface.value) && inst.node.children.every((c) => c.keyword !== 'interface' || tooLong(c.argText(0))) ? 'long' : undefined;
      if (inst.interface && !ignored) {
        withInterface ??= inst.name;
        continue;
      }
      const ifaceNode = inst.interface?.node;
      const ifaceRange = ifaceNode ? { file: ifaceNode.file, range: ifaceNode.args[0]?.range ?? ifaceNode.range } : { file: inst.node.file, range: nameRange(inst.node) };
      /** What keepalived does with the instance having no interface, and which message it prints for it. */
      const noInterface = (what: string, said: string) =>
        ignored === 'lo'
          ? `'${inst.name}' cannot use the loopback interface lo; keepalived ignores it, so the instance has no interface, and ${what} ("${said}")`
          : ignored === 'long'
            ? `'${inst.name}' has no interface keepalived can use: the name '${inst.interface!.value}' is longer than 15 bytes, keepalived ignores it, and ${what} ("${said}")`
            : undefined;
      // From 2.2.8 any unicast keyword lets an instance omit its interface, with or without peers; from 2.1.0 to 2.2.4
      // unicast peers do.
      const letThrough = at(UNICAST_WITHOUT_INTERFACE_AGAIN) ? firstUnicastKeyword(inst) !== undefined : unicastMayOmit && isUnicast(inst);
      if (letThrough && !crashes) {
        const timers = { downTimerAdverts: downTimerAdverts(analysis.model, inst, (globalDta ??= globalDownTimerAdverts(analysis.ast))), vipRequiredMissing: inst.virtualIpaddresses.length === 0 && effectiveVersion(analysis.model, inst) === 3, defaultInterface: (defaultIf ??= defaultInterfaceOf(analysis.model)) };
        const outcome = unicastWithoutInterface(inst, target, noInterface, ifaceRange, report, timers);
        if (outcome === 'rejected') anyRejected = true;
        else if (outcome === 'multicast') multicastWithoutInterface.push(inst);
        continue;
      }
      anyRejected = true;
      if (ignored === 'lo') {
        report({ message: `'${inst.name}' cannot use the loopback interface lo; ${keepalived} ignores it and then ${rejects}`, ...ifaceRange });
        continue;
      }
      if (ignored === 'long') {
        report({ message: `'${inst.name}' has no interface keepalived can use: the name '${inst.interface!.value}' is longer than 15 bytes, ${keepalived} ignores it and ${crashes ? rejects : `${rejects} ("Unknown interface!")`}`, ...ifaceRange });
        continue;
      }
      report({ message: `vrrp_instance '${inst.name}' has no 'interface'; ${keepalived} ${crashes ? rejects : `${rejects} ("Unknown interface!")`}`, file: inst.node.file, range: nameRange(inst.node) });
    }
    // Every instance read (all with a VRID; an instance without one is rejected first), keepalived compares their VRIDs,
    // and for two multicast instances of one family and VRID it reads both interfaces without looking whether there is one.
    if (anyRejected || !multicastWithoutInterface.length || instances.some((inst) => inst.virtualRouterId === undefined)) return;
    for (const inst of multicastWithoutInterface) {
      const family = instanceFamily(inst) ?? 4;
      const other = instances.find((o) => o !== inst && o.virtualRouterId!.value === inst.virtualRouterId!.value && (instanceFamily(o) ?? 4) === family && !isUnicast(o));
      if (!other) continue;
      const where = other.interface && !multicastWithoutInterface.includes(other) ? ` (where the interface of '${other.name}' exists)` : '';
      report({
        message: `vrrp_instance '${inst.name}' has no interface and, with no unicast peer, falls back to multicast; like '${other.name}' it uses VRID ${inst.virtualRouterId!.value} for IPv${family} multicast, and keepalived ${release} crashes (a segmentation fault, also under keepalived -t) in its duplicate virtual_router_id check, which reads the interface of both${where}`,
        file: inst.node.file,
        range: nameRange(inst.node),
      });
    }
  },
};
