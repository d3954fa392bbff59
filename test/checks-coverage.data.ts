// One entry per check of ../shared/reference/checks.md (§1–§6: what keepalived checks while and
// after reading a config; §7: what it cannot see across nodes), in the order the file lists them.
// Each entry either gives configs that must produce a kalint code (and, for what keepalived 2.2.7
// reports under `keepalived -t`, the gist of its message), or says why the check is not kalint's
// business. test/checks-coverage.test.ts proves it; scripts/gen-checks-coverage.ts turns it into
// docs/checks-coverage.md. Configs name the interface `eth0`; the test puts this host's in its place.

export type Reason =
  /** Depends on the machine: interfaces, users, files, DNS, the kernel or the build. */
  | 'host'
  /** keepalived only logs it, or says nothing, and nothing changes that a user would want to be told. */
  | 'log-only-no-effect'
  /** keepalived 2.2.7 does not have this check; `since` names the release that does. */
  | 'not-in-2.2.7'
  /** A gap kalint does not cover yet; `note` says what is missing. */
  | 'open';

export interface CoverageCase {
  /** Codes kalint must report (each at least once). */
  codes: string[];
  /** One node's configuration. */
  config?: string;
  /** A cluster's nodes (§7), linted together. */
  nodes?: string[];
  /** --target-version for this case (default 2.2.7). */
  targetVersion?: string;
  /** Why kalint's finding is on another line than keepalived's message (the line check is skipped). */
  otherLine?: string;
  /**
   * What keepalived 2.2.7 prints for `config` under -t (a pattern); when its message carries a line,
   * one of kalint's findings of `codes` must be on that line.
   */
  keepalived?: RegExp;
}

export interface CoverageRow {
  /** The section of checks.md: 1–6, or 7 for the cross-node mistakes. */
  section: number;
  /** The check, in our words. */
  check: string;
  cases?: CoverageCase[];
  reason?: Reason;
  /** For `not-in-2.2.7`: the first release with the check. */
  since?: string;
  note?: string;
}

const indent = (lines: string[], by: string) => lines.map((l) => (l === '' ? l : by + l)).join('\n');

/** A vrrp_instance VI_1 on eth0, VRID 51, priority 100, VIP 10.0.0.1, with `lines` before the VIPs. */
export function inst(...lines: string[]): string {
  return ['vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', '    priority 100', indent(lines, '    '), '    virtual_ipaddress {', '        10.0.0.1', '    }', '}', ''].filter((l, i) => i !== 4 || lines.length > 0).join('\n');
}

/** A vrrp_instance VI_1 holding only `lines`. */
export function bare(...lines: string[]): string {
  return ['vrrp_instance VI_1 {', indent(lines, '    '), '}', ''].join('\n');
}

/** A named block holding `lines`. */
export function block(head: string, ...lines: string[]): string {
  return [`${head} {`, indent(lines, '    '), '}', ''].join('\n');
}

/** global_defs with `lines`. */
export const globals = (...lines: string[]) => block('global_defs', ...lines);

/** virtual_server 10.0.0.1 80 (rr, NAT, TCP) with `lines`, then one real server 10.0.1.1 80 unless `lines` has one. */
export function vs(...lines: string[]): string {
  const hasReal = lines.some((l) => /^\s*real_server\b/.test(l));
  return block('virtual_server 10.0.0.1 80', ...(lines.some((l) => /^\s*(lb_algo|lvs_sched)\b/.test(l)) ? [] : ['lb_algo rr']), ...(lines.some((l) => /^\s*(lb_kind|lvs_method)\b/.test(l)) ? [] : ['lb_kind NAT']), ...(lines.some((l) => /^\s*protocol\b/.test(l)) ? [] : ['protocol TCP']), ...lines, ...(hasReal ? [] : ['real_server 10.0.1.1 80 {', '    TCP_CHECK {', '        connect_timeout 3', '    }', '}']));
}

/** A real_server 10.0.1.1 80 block (lines of a virtual server) holding `lines`. */
export function rs(...lines: string[]): string[] {
  return ['real_server 10.0.1.1 80 {', ...lines.map((l) => '    ' + l), '}'];
}

const c = (codes: string | string[], config: string, keepalived?: RegExp, targetVersion?: string): CoverageCase => ({ codes: typeof codes === 'string' ? [codes] : codes, config, ...(keepalived ? { keepalived } : {}), ...(targetVersion ? { targetVersion } : {}) });
const pair = (codes: string | string[], a: string, b: string): CoverageCase => ({ codes: typeof codes === 'string' ? [codes] : codes, nodes: [a, b] });

/** A cluster node: instance VI_1 with state and priority and `lines`. */
function node(state: string, priority: number, ...lines: string[]): string {
  return ['vrrp_instance VI_1 {', `    state ${state}`, '    interface eth0', '    virtual_router_id 51', `    priority ${priority}`, indent(lines, '    '), '    virtual_ipaddress {', '        10.0.0.1', '    }', '}', ''].filter((l, i) => i !== 5 || lines.length > 0).join('\n');
}

const script = (name = 'chk', ...lines: string[]) => block(`vrrp_script ${name}`, 'script "/usr/bin/true"', ...lines);

export const ROWS: CoverageRow[] = [
  // §1 vrrp_instance, while reading
  { section: 1, check: 'vrrp_instance without exactly one name', cases: [c('KA203', 'vrrp_instance {\n    interface eth0\n}\n', /vrrp_instance must have a name/)] },
  { section: 1, check: 'vrrp_instance name used twice', cases: [c('KA209', inst() + inst(), /already defined/)] },
  { section: 1, check: 'state neither MASTER nor BACKUP', cases: [c('KA205', inst('state master'), /unknown state/)] },
  { section: 1, check: 'state BACKUP after state MASTER', cases: [c('KA345', inst('state MASTER', 'state BACKUP'), /state previously set as MASTER/)] },
  { section: 1, check: 'interface name of 16 characters or more', cases: [c('KA205', bare('interface abcdefghijklmnopq', 'virtual_router_id 51', 'virtual_ipaddress {', '    10.0.0.1', '}'), /too long/)] },
  { section: 1, check: 'interface does not exist', reason: 'host', note: 'which interfaces exist is known only on the node' },
  { section: 1, check: 'interface is the loopback', cases: [c('KA338', bare('interface lo', 'virtual_router_id 51', 'virtual_ipaddress {', '    10.0.0.1', '}'), /loopback interface/)] },
  { section: 1, check: 'virtual_router_id outside 1..255', cases: [c('KA205', inst().replace('virtual_router_id 51', 'virtual_router_id 256'), /VRID .* not valid/)] },
  { section: 1, check: 'priority outside 1..255 or not a number', cases: [c('KA205', inst().replace('priority 100', 'priority 0'), /Priority not valid/), c('KA205', inst().replace('priority 100', 'priority high'), /Priority not valid|invalid number/)] },
  { section: 1, check: 'advert_int not above 0, above 255 s, or with more than 6 decimals', cases: [c('KA205', inst('advert_int 0'), /Advert interval .* not valid/), c('KA205', inst('advert_int 256'), /Advert interval|outside range/), c('KA205', inst('advert_int 1.0000001'), /too many decimal places/)] },
  { section: 1, check: 'version neither 2 nor 3', cases: [c('KA205', inst('version 4'), /Version must be either 2 or 3/)] },
  { section: 1, check: 'version conflicting with the version deduced earlier', cases: [c('KA329', bare('interface eth0', 'virtual_router_id 51', 'virtual_ipaddress {', '    fe80::1', '}', 'version 2'), /vrrp_version 2 conflicts/)], note: 'after an IPv6 address 2.2.7 says "conflicts with configured or deduced version 0" (the version is deduced later), not 3 as checks.md has it' },
  { section: 1, check: 'native_ipv6 after IPv4 addresses', cases: [c('KA313', bare('interface eth0', 'virtual_router_id 51', 'virtual_ipaddress {', '    10.0.0.1', '}', 'native_ipv6'), /Cannot specify native_ipv6 with IPv4 addresses/)] },
  { section: 1, check: 'mcast_src_ip / unicast_src_ip not an address, or of the other family', cases: [c('KA205', inst('mcast_src_ip 10.0.0.300'), /malformed/), c('KA313', bare('interface eth0', 'virtual_router_id 51', 'virtual_ipaddress {', '    10.0.0.1', '}', 'unicast_src_ip fe80::1', 'unicast_peer {', '    10.0.0.3', '}'), /same family/)] },
  { section: 1, check: 'mcast_dst_ip not multicast, or of the other family', cases: [c('KA342', inst('mcast_dst_ip 10.0.0.9'), /not multicast/)] },
  { section: 1, check: 'unicast_ttl outside 0..255', cases: [c('KA205', inst('unicast_ttl 256', 'unicast_peer {', '    10.0.0.3', '}'), /TTL/)] },
  { section: 1, check: 'unicast_peer not an address, or of the other family', cases: [c('KA205', inst('unicast_peer {', '    10.0.0.300', '}'), /malformed unicast peer address/), c('KA313', bare('interface eth0', 'virtual_router_id 51', 'virtual_ipaddress {', '    10.0.0.1', '}', 'unicast_peer {', '    fe80::3', '}'), /same family/)] },
  { section: 1, check: 'unicast_peer option other than min_ttl / max_ttl, or without its value', cases: [c('KA355', inst('unicast_peer {', '    10.0.0.3 ttl 5', '}'), /unknown unicast_peer option/), c('KA355', inst('unicast_peer {', '    10.0.0.3 min_ttl', '}'), /missing a value|missing/)] },
  { section: 1, check: 'unicast_peer min_ttl above max_ttl', cases: [c('KA355', inst('unicast_peer {', '    10.0.0.3 min_ttl 10 max_ttl 5', '}'), /all packets will be discarded/)] },
  { section: 1, check: 'the same unicast peer twice', reason: 'not-in-2.2.7', since: '2.3.3', cases: [c('KA373', inst('unicast_peer {', '    10.0.0.3', '    10.0.0.3', '}'), undefined, '2.3.3')] },
  { section: 1, check: 'virtual address of the other family than the instance', cases: [c('KA313', inst().replace('        10.0.0.1\n', '        10.0.0.1\n        fe80::1\n'), /address family must match/)] },
  { section: 1, check: 'virtual address option unknown or without its value', cases: [c('KA346', inst().replace('        10.0.0.1\n', '        10.0.0.1 foo\n'), /Unknown configuration entry/), c('KA346', inst().replace('        10.0.0.1\n', '        10.0.0.1 dev\n'), /No dev parameter/)] },
  { section: 1, check: 'virtual address dev names a missing interface', reason: 'host' },
  { section: 1, check: 'virtual address scope unknown, bad broadcast, long label, peer with prefix, scope/label on IPv6', cases: [c('KA346', inst().replace('        10.0.0.1\n', '        10.0.0.1 scope planet\n'), /scope/), c('KA346', inst().replace('        10.0.0.1\n', '        10.0.0.1 label eth0:abcdefghijklmnop\n'), /label|long/), c('KA346', inst().replace('        10.0.0.1\n', '        10.0.0.1/24 brd 10.0.0.300\n'), /invalid broadcast/), c('KA346', inst().replace('        10.0.0.1\n', '        10.0.0.1/24 peer 10.0.0.9/24\n'), /Invalid peer address/), c('KA346', bare('interface eth0', 'virtual_router_id 51', 'virtual_ipaddress {', '    fe80::1 scope link', '}'), /Cannot specify scope for IPv6/)] },
  { section: 1, check: 'virtual address repeated in the same instance', reason: 'not-in-2.2.7', since: '2.3.3', cases: [c('KA373', inst().replace('        10.0.0.1\n', '        10.0.0.1\n        10.0.0.1\n'), undefined, '2.3.3')] },
  { section: 1, check: 'track_interface names a missing interface', reason: 'host' },
  { section: 1, check: 'track entry option other than weight, or weight without a value', cases: [c('KA336', inst('track_interface {', '    eth0 foo 10', '}'), /unknown track_interface|weight/), c('KA336', script() + inst('track_script {', '    chk weight', '}'), /weight without value|weight/)] },
  { section: 1, check: 'track weight outside -254..254', cases: [c('KA336', script() + inst('track_script {', '    chk weight 300', '}'), /weight must be between/)] },
  { section: 1, check: 'track weight of +/-254', cases: [c('KA336', script() + inst('track_script {', '    chk weight 254', '}'), /cannot be \+\/-254/)] },
  { section: 1, check: 'tracked script, file, process or bfd not defined before', cases: [c('KA315', inst('track_script {', '    chk', '}') + script(), /track script .* not found/)] },
  { section: 1, check: 'the same object tracked twice', cases: [c('KA337', script() + inst('track_script {', '    chk', '    chk', '}'), /duplicate track_script/)] },
  { section: 1, check: 'auth_type neither PASS nor AH', cases: [c('KA205', inst('authentication {', '    auth_type TEXT', '    auth_pass secret', '}'), /unknown authentication type/)] },
  { section: 1, check: 'auth_pass longer than 8 characters', cases: [c('KA302', inst('authentication {', '    auth_type PASS', '    auth_pass secret123', '}'), /Truncating auth_pass/)] },
  { section: 1, check: 'garp_master_repeat / garp_master_refresh_repeat 0', cases: [c('KA205', inst('garp_master_repeat 0'), /must be greater than 0/)] },
  { section: 1, check: 'preempt_delay outside 0..1000 s', cases: [c('KA205', inst('preempt_delay 1001'), /Preempt_delay not valid/)] },
  { section: 1, check: 'down_timer_adverts outside 1..100', cases: [c('KA205', inst('down_timer_adverts 101'), /down_timer_adverts/)] },
  { section: 1, check: 'debug outside 0..4', cases: [c('KA205', inst('debug 5'), /Debug value/)] },
  { section: 1, check: 'timer_expired_backup value outside 1..254', reason: 'not-in-2.2.7', since: '2.2.8', cases: [c('KA205', inst('nopreempt', 'timer_expired_backup 255'), undefined, '2.2.8')] },
  { section: 1, check: 'garp_extra_if without a time', cases: [c('KA203', inst('garp_extra_if'), /without time|missing/)] },
  { section: 1, check: 'use_vmac name invalid or taken by another instance', cases: [c('KA351', inst('use_vmac vrrp.51/x'), /vmac|VMAC/), c('KA351', inst('use_vmac vrrp51') + inst('use_vmac vrrp51').replace('VI_1', 'VI_2').replace('virtual_router_id 51', 'virtual_router_id 52'), /is already using vrrp51/)], note: 'an existing interface of that name that is not a private macvlan is host-dependent' },
  { section: 1, check: 'use_vmac MAC address invalid, multicast or a VRRP MAC', cases: [c('KA351', inst('use_vmac vrrp51 01:00:5e:00:00:01'), /MAC address is multicast/), c('KA351', inst('use_vmac 00:00:5e:00:01:33'), /RFC5798/), c('KA351', inst('use_vmac 02:00:5x:00:01:33'), /invalid MAC address/)] },
  { section: 1, check: 'use_ipvlan repeated, type repeated, or address of the other family', cases: [c('KA209', inst('use_ipvlan 10.0.0.2/24', 'use_ipvlan 10.0.0.3/24'), /use_ipvlan already specified/), c('KA351', inst('use_ipvlan 10.0.0.2/24 bridge private'), /ipvlan/), c('KA313', bare('interface eth0', 'virtual_router_id 51', 'use_ipvlan fe80::2/64', 'virtual_ipaddress {', '    10.0.0.1', '}'), /address family must match/)] },
  { section: 1, check: 'vrf with interface, given twice, or the loopback', cases: [c('KA364', inst('vrf red', 'unicast_src_ip 10.0.0.2', 'unicast_peer {', '    10.0.0.3', '}'), /Cannot specify VRF interface and interface/), c('KA209', bare('virtual_router_id 51', 'vrf red', 'vrf blue', 'virtual_ipaddress {', '    10.0.0.1', '}')), c('KA364', bare('vrf lo', 'interface eth0', 'virtual_router_id 51', 'priority 100', 'virtual_ipaddress {', '    10.0.0.1', '}'), /cannot use a loopback interface \(lo\) for VRF/)], note: 'whether the vrf exists is host-dependent' },
  { section: 1, check: 'deprecated keywords in the instance', cases: [c('KA206', inst('vmac_garp_intvl 10'), /deprecated/), c('KA206', inst('lvs_sync_daemon_interface eth0'), /deprecated/)] },
  { section: 1, check: 'second notify script of a kind', cases: [c('KA209', inst('notify_master "/usr/bin/true"', 'notify_master "/usr/bin/false"'), /already specified/)] },
  { section: 1, check: 'notify script user or group unknown', cases: [c('KA603', globals('enable_script_security', 'script_user root') + inst('notify_master /usr/bin/logger master'))], note: 'whether a user exists is host-dependent (and keepalived -t is silent: log only); what kalint can see is the unquoted command whose second word keepalived takes as the user' },
  { section: 1, check: 'unicast instance with VMAC or ipvlan and no interface', reason: 'not-in-2.2.7', since: '2.2.8', note: '2.2.5 to 2.2.7 reject an instance without interface outright; 2.1.0 to 2.2.4 accept a unicast one and clear its VMAC (KA353)', cases: [c('KA338', bare('virtual_router_id 51', 'use_vmac', 'unicast_src_ip 10.0.0.2', 'unicast_peer {', '    10.0.0.3', '}', 'virtual_ipaddress {', '    10.0.0.1 dev eth0', '}'), /Unknown interface!/)] },
  { section: 1, check: 'unicast instance with VMAC and no vmac_xmit_base', cases: [c('KA353', inst('use_vmac', 'unicast_src_ip 10.0.0.2', 'unicast_peer {', '    10.0.0.3', '}'), /unicast with use_vmac requires vmac_xmit_base/)] },
  { section: 1, check: 'unicast_ttl without unicast peers', cases: [c('KA324', inst('unicast_ttl 5'), /unicast_ttl without unicast peers/)] },
  { section: 1, check: 'auth_hmac key id, length, file, mode, window or anti_replay invalid', reason: 'not-in-2.2.7', since: '2.4.0', cases: [c('KA374', inst('auth_hmac {', '    key 1 secret', '    active_key 1', '}'), undefined, '2.4.3'), c('KA205', inst('auth_hmac {', `    key 0 ${'k'.repeat(32)}`, '    active_key 1', '}'), undefined, '2.4.3')], note: 'a key file that cannot be read is host-dependent' },

  // §2 vrrp_instance, after reading
  { section: 2, check: 'no virtual_router_id', cases: [c('KA300', bare('interface eth0', 'virtual_ipaddress {', '    10.0.0.1', '}'), /virtual router id must be set/)] },
  { section: 2, check: 'no usable interface and no unicast', cases: [c('KA338', bare('virtual_router_id 51', 'virtual_ipaddress {', '    10.0.0.1', '}'), /Unknown interface!/)] },
  { section: 2, check: 'no interface with use_vmac', reason: 'not-in-2.2.7', since: '2.2.8', cases: [c('KA338', bare('virtual_router_id 51', 'use_vmac', 'virtual_ipaddress {', '    10.0.0.1 dev eth0', '}'), /Unknown interface!/), c('KA338', bare('virtual_router_id 51', 'use_vmac', 'virtual_ipaddress {', '    10.0.0.1 dev eth0', '}'), undefined, '2.4.3')], note: 'checks.md quotes a later message; 2.2.7 to 2.4.3 reject such an instance as "Unknown interface!"' },
  { section: 2, check: 'no interface, unicast, no unicast_src_ip', cases: [c('KA338', bare('virtual_router_id 51', 'unicast_peer {', '    10.0.0.3', '}', 'virtual_ipaddress {', '    10.0.0.1', '}'), /Unknown interface!/), c('KA338', bare('virtual_router_id 51', 'unicast_peer {', '    10.0.0.3', '}', 'virtual_ipaddress {', '    10.0.0.1 dev eth0', '}'), undefined, '2.2.8')] },
  { section: 2, check: 'no interface, IPv6 unicast with a link-local source', cases: [c('KA338', bare('virtual_router_id 51', 'unicast_src_ip fe80::2', 'unicast_peer {', '    fe80::3', '}', 'virtual_ipaddress {', '    2001:db8::1 dev eth0', '}'), /Unknown interface!/), c('KA338', bare('virtual_router_id 51', 'unicast_src_ip fe80::2', 'unicast_peer {', '    fe80::3', '}', 'virtual_ipaddress {', '    2001:db8::1 dev eth0', '}'), undefined, '2.2.8')] },
  { section: 2, check: 'strict mode with unicast peers', cases: [c('KA362', globals('vrrp_strict') + inst('unicast_peer {', '    10.0.0.3', '}'), undefined, '2.4.3')], note: '2.2.5 to 2.3.x accept it' },
  { section: 2, check: 'no priority: 255 with state MASTER, else 100', cases: [c('KA306', inst('state MASTER').replace('    priority 100\n', ''))] },
  { section: 2, check: 'no state: MASTER with priority 255, else BACKUP', reason: 'log-only-no-effect', note: 'not even logged: a silent default that follows the priority, as the man page says; the model uses it for the cluster rules (KA407, KA408)' },
  { section: 2, check: 'strict mode: state MASTER without priority 255 (or the reverse)', cases: [c('KA334', globals('vrrp_strict') + inst('state MASTER'), /State MASTER must match being address owner/)] },
  { section: 2, check: 'IPv6 with version 2 in strict mode', cases: [c('KA329', globals('vrrp_strict') + bare('interface eth0', 'virtual_router_id 51', 'version 2', 'virtual_ipaddress {', '    fe80::1', '}'), /IPv6 with VRRP version 2|conflicts/)] },
  { section: 2, check: 'authentication in strict mode', cases: [c('KA303', globals('vrrp_strict') + inst('version 2', 'authentication {', '    auth_type PASS', '    auth_pass secret', '}'), /Strict mode does not support authentication/)] },
  { section: 2, check: 'authentication with VRRPv3', cases: [c('KA303', inst('version 3', 'authentication {', '    auth_type PASS', '    auth_pass secret', '}'), /version 3 does not support authentication/)] },
  { section: 2, check: 'auth_type without auth_pass', cases: [c('KA304', inst('authentication {', '    auth_type PASS', '}'), /no password given/)] },
  { section: 2, check: 'AH with IPv6', cases: [c('KA303', bare('interface eth0', 'virtual_router_id 51', 'version 2', 'authentication {', '    auth_type AH', '    auth_pass secret', '}', 'virtual_ipaddress {', '    fe80::1', '}'), /AH authentication with IPv6|authentication/)] },
  { section: 2, check: 'AH with initial state MASTER below priority 255', cases: [c('KA305', inst('state MASTER', 'authentication {', '    auth_type AH', '    auth_pass secret', '}'), /incompatible with AH/)] },
  { section: 2, check: 'auth_hmac with authentication', reason: 'not-in-2.2.7', since: '2.4.0', cases: [c('KA303', inst('version 2', 'authentication {', '    auth_type PASS', '    auth_pass secret', '}', 'auth_hmac {', `    key 1 ${'k'.repeat(32)}`, '    active_key 1', '}'), undefined, '2.4.3')] },
  { section: 2, check: 'auth_hmac active_key not defined', reason: 'not-in-2.2.7', since: '2.4.0', cases: [c('KA374', inst('auth_hmac {', `    key 1 ${'k'.repeat(32)}`, '    active_key 2', '}'), undefined, '2.4.3')] },
  { section: 2, check: 'unicast keyword without unicast peers', cases: [c('KA323', inst('unicast_src_ip 10.0.0.2'), /unicast keyword has been specified without any unicast peers/)] },
  { section: 2, check: 'unicast keyword without peers, with unicast_fault_no_peer', cases: [c('KA323', inst('unicast_src_ip 10.0.0.2', 'unicast_fault_no_peer'))], note: 'keepalived only logs that the instance goes to FAULT' },
  { section: 2, check: 'strict mode with a VMAC MAC address', cases: [c('KA339', globals('vrrp_strict') + inst('state MASTER', 'priority 255', 'use_vmac 02:00:00:00:00:01').replace('    priority 100\n', ''), /MAC address with strict mode/)] },
  { section: 2, check: 'VMAC or ipvlan on an interface that is not Ethernet', reason: 'host' },
  { section: 2, check: 'interface without MULTICAST and no unicast peers', reason: 'host' },
  { section: 2, check: 'IPv6 multicast instance whose first VIP is not link-local', cases: [c('KA348', bare('interface eth0', 'virtual_router_id 51', 'virtual_ipaddress {', '    2001:db8::1', '}')), c('KA348', globals('vrrp_strict') + bare('interface eth0', 'state MASTER', 'virtual_router_id 51', 'virtual_ipaddress {', '    2001:db8::1', '}'), /must be link local/)] },
  { section: 2, check: 'vrf with interface or without unicast', cases: [c('KA364', inst('vrf red'), /Cannot specify VRF interface and interface/), c('KA364', bare('virtual_router_id 51', 'vrf red', 'virtual_ipaddress {', '    10.0.0.1', '}'), undefined, '2.2.8')], note: 'whether the vrf exists is host-dependent' },
  { section: 2, check: 'more VIPs than fit in one advert', cases: [c('KA350', inst().replace('        10.0.0.1\n', Array.from({ length: 256 }, (_, i) => `        10.1.${Math.floor(i / 200)}.${(i % 200) + 1}\n`).join('')), /exceeds maximum|space available/)] },
  { section: 2, check: 'nopreempt with priority 255', cases: [c('KA310', inst('nopreempt').replace('priority 100', 'priority 255'), /nopreempt is incompatible with priority 255/)] },
  { section: 2, check: 'nopreempt with initial state MASTER', cases: [c('KA308', inst('state MASTER', 'nopreempt'), /nopreempt will not work with initial state MASTER/)] },
  { section: 2, check: 'preempt_delay with initial state MASTER', cases: [c('KA309', inst('state MASTER', 'preempt_delay 10'), /preempt delay will not work with initial state MASTER/)] },
  { section: 2, check: 'preempt_delay in strict mode', cases: [c('KA339', globals('vrrp_strict') + inst('preempt_delay 10'), /preempt_delay is incompatible with strict mode/)] },
  { section: 2, check: 'preempt_delay with nopreempt', cases: [c('KA311', inst('nopreempt', 'preempt_delay 10'), /preempt_delay is incompatible with nopreempt/)] },
  { section: 2, check: 'down_timer_adverts other than 3 in strict mode', cases: [c('KA339', globals('vrrp_strict') + inst('down_timer_adverts 5'), /down_timer_adverts is incompatible with strict mode/)] },
  { section: 2, check: 'timer_expired_backup without nopreempt', reason: 'not-in-2.2.7', since: '2.2.8' },
  { section: 2, check: 'accept mode, strict, VRRPv2, priority below 255', cases: [c('KA339', globals('vrrp_strict') + inst('version 2', 'accept'), /accept mode for VRRP version 2/)] },
  { section: 2, check: 'no_accept, strict or VMAC without firewall settings', reason: 'host', note: 'keepalived picks nftables or iptables as built and installed; only logged' },
  { section: 2, check: 'mcast_dst_ip with unicast', cases: [c('KA325', inst('mcast_dst_ip 224.0.0.19', 'unicast_peer {', '    10.0.0.3', '}'), /multicast destination specified with unicast/)] },
  { section: 2, check: 'strict mode with garp_lower_prio_repeat / _delay', cases: [c('KA339', globals('vrrp_strict') + inst('garp_lower_prio_repeat 2'), /no repeat garps/)] },
  { section: 2, check: 'strict mode with lower_prio_no_advert false', cases: [c('KA339', globals('vrrp_strict') + inst('lower_prio_no_advert false'), /no lower priority advert/)] },
  { section: 2, check: 'strict mode with higher_prio_send_advert', cases: [c('KA339', globals('vrrp_strict') + inst('higher_prio_send_advert'), /higher_prio_send_advert/)] },
  { section: 2, check: 'owner_ignore_adverts below priority 255; strict owner without it', reason: 'not-in-2.2.7', since: '2.3.3' },
  { section: 2, check: 'VRRPv2 advert_int not a whole number', cases: [c('KA326', inst('advert_int 0.5'), /must be an integer/)] },
  { section: 2, check: 'VRRPv2 advert_int of 256 s or more', cases: [c('KA205', inst('advert_int 300'), /Advert interval|outside range/)], note: 'unreachable after reading: the reader already refuses values above 255' },
  { section: 2, check: 'VRRPv3 advert_int not a multiple of 0.01 s', cases: [c('KA343', inst('version 3', 'advert_int 0.015'), /units of 10ms/)] },
  { section: 2, check: 'VRRPv3 advert_int of 40.96 s or more', cases: [c('KA327', inst('version 3', 'advert_int 41'), /Must be less than 40\.96s/)] },
  { section: 2, check: 'down_timer_adverts 1 with interface debounce timers', cases: [c('KA380', 'interface_up_down_delays {\n    eth0 0.5 0.2\n}\n' + inst('down_timer_adverts 1'))], note: 'log only: keepalived clears the delays of the instance\'s interface when the instance starts' },
  { section: 2, check: 'debounce timers not below (down_timer_adverts - 1) x advert_int', cases: [c('KA380', 'interface_up_down_delays {\n    eth0 5 0.5\n}\n' + inst('advert_int 1'))], note: 'log only: keepalived shortens the delay to just under the limit when the instance starts (2.2.7\'s config dump: 5 s became 1996094us)' },
  { section: 2, check: 'an existing interface has the VMAC/ipvlan name and is not one', reason: 'host' },
  { section: 2, check: 'strict mode with vmac_xmit_base', cases: [c('KA339', globals('vrrp_strict') + inst('use_vmac', 'vmac_xmit_base'), /xmit_base is incompatible with strict mode/)] },
  { section: 2, check: 'promote_secondaries with VMAC or ipvlan', cases: [c('KA369', inst('use_vmac', 'promote_secondaries'), /promote_secondaries is automatically set/)] },
  { section: 2, check: 'IPv4 ipvlan without an address, or of the other family', cases: [c('KA358', inst('use_ipvlan'))] },
  { section: 2, check: 'track_interface lists the own interface', cases: [c('KA328', inst('track_interface {', '    eth0', '}'), /since own interface/)] },
  { section: 2, check: 'vmac_xmit_base without use_vmac', cases: [c('KA352', inst('vmac_xmit_base'), /only valid with a vmac/)] },
  { section: 2, check: 'use_vmac on a VIP and on the instance', cases: [c('KA370', inst('use_vmac').replace('        10.0.0.1\n', '        10.0.0.1 use_vmac\n'), /use_vmac specified for VIP/)] },
  { section: 2, check: 'VIP with no interface it can use', cases: [c('KA338', bare('virtual_router_id 51', 'unicast_src_ip 10.0.0.2', 'unicast_peer {', '    10.0.0.3', '}', 'virtual_ipaddress {', '    10.0.0.1', '}'), /Unknown interface!/), c('KA338', bare('virtual_router_id 51', 'unicast_src_ip 10.0.0.2', 'unicast_peer {', '    10.0.0.3', '}', 'virtual_ipaddress {', '    10.0.0.1', '}'), undefined, '2.2.8')], note: 'only instances without interface (2.2.8+) can have such a VIP' },
  { section: 2, check: 'no_virtual_ipaddress in strict mode', reason: 'not-in-2.2.7', since: '2.2.8', cases: [c('KA312', globals('vrrp_strict') + bare('interface eth0', 'virtual_router_id 51', 'no_virtual_ipaddress'), undefined, '2.2.8')] },
  { section: 2, check: 'no VIPs, VRRPv2, not strict', cases: [c('KA312', bare('interface eth0', 'virtual_router_id 51'), /No VIP specified; at least one is sensible/)] },
  { section: 2, check: 'no VIPs with VRRPv3 or in strict mode', cases: [c('KA312', bare('interface eth0', 'virtual_router_id 51', 'version 3'), /at least one is required/)] },
  { section: 2, check: 'sync group member with a weighted track_interface', cases: [c('KA322', inst('track_interface {', '    ifb0 weight 10', '}') + block('vrrp_sync_group G', 'group {', '    VI_1', '    VI_2', '}') + inst().replace('VI_1', 'VI_2').replace('virtual_router_id 51', 'virtual_router_id 52'), /tracked interface weight due to SYNC group/)] },
  { section: 2, check: 'sync group member with a weighted track_script, track_bfd or track_file', cases: [c('KA322', script() + inst('track_script {', '    chk weight 10', '}') + block('vrrp_sync_group G', 'group {', '    VI_1', '    VI_2', '}') + inst().replace('VI_1', 'VI_2').replace('virtual_router_id 51', 'virtual_router_id 52'), /due to SYNC group/)] },
  { section: 2, check: 'priority 255 instance with weighted tracking', cases: [c('KA307', script() + inst('track_script {', '    chk weight 10', '}').replace('priority 100', 'priority 255'), /due to address_owner/)] },
  { section: 2, check: 'the same track_interface on an instance and its sync group', cases: [c('KA340', inst('track_interface {', '    ifb0', '}') + block('vrrp_sync_group G', 'group {', '    VI_1', '    VI_2', '}', 'track_interface {', '    ifb0', '}') + inst().replace('VI_1', 'VI_2').replace('virtual_router_id 51', 'virtual_router_id 52'), /configured on VRRP instance and sync group/)] },
  { section: 2, check: 'two instances with the same VRID, family, interface and multicast group', cases: [c('KA301', inst() + inst().replace('VI_1', 'VI_2').replace('10.0.0.1', '10.0.0.2'), /both use VRID 51/)] },
  { section: 2, check: 'two unicast instances with the same VRID, source and an overlapping peer', cases: [c('KA301', inst('unicast_src_ip 10.0.0.2', 'unicast_peer {', '    10.0.0.3', '}') + inst('unicast_src_ip 10.0.0.2', 'unicast_peer {', '    10.0.0.3', '}').replace('VI_1', 'VI_2').replace('10.0.0.1\n', '10.0.0.5\n'), /duplicate VRID conflict|both use VRID/)] },
  { section: 2, check: 'duplicate VRID on an interface that may change type (allow_if_changes)', cases: [c('KA301', globals('dynamic_interfaces allow_if_changes') + inst() + inst().replace('VI_1', 'VI_2').replace('10.0.0.1', '10.0.0.2'), /both use VRID 51/)], note: 'whether the interface may change type is host-dependent (keepalived then only logs it and faults one instance; on an ordinary interface it rejects the configuration, as here); kalint reports the duplicate either way' },
  { section: 2, check: 'a VIP\'s VMAC is the VMAC of an independent instance with the same VRID', reason: 'host', note: 'decided on the VMAC interfaces keepalived creates when it starts (keepalived -t does not create them and reports nothing); a VIP use_vmac that repeats the instance\'s own is KA370' },
  { section: 2, check: 'no address on the interface to send from', reason: 'host' },
  { section: 2, check: 'vrrp_script never tracked', cases: [c('KA321', script() + inst())] },
  { section: 2, check: 'lvs_sync_daemon names an unknown instance', cases: [c('KA349', globals('lvs_sync_daemon eth0 VI_9') + inst())] },
  { section: 2, check: 'scripts run as root without enable_script_security', cases: [c('KA601', script() + inst('track_script {', '    chk', '}'), /SECURITY VIOLATION/)] },
  { section: 2, check: 'enable_script_security without a script user', cases: [{ ...c('KA602', globals('enable_script_security') + script() + inst('track_script {', '    chk', '}'), /Unable to set default user for vrrp script chk - removing/), otherLine: 'keepalived names the end of the vrrp_script block, kalint its script line' }], note: 'keepalived falls back to the keepalived_script user when it exists (host); without it the script is removed' },

  // §3 vrrp_sync_group
  { section: 3, check: 'sync group without exactly one name, or a name used twice', cases: [c('KA203', inst() + block('vrrp_sync_group', 'group {', '    VI_1', '}'), /must have a name/), c('KA209', inst() + block('vrrp_sync_group G', 'group {', '    VI_1', '}') + block('vrrp_sync_group G', 'group {', '    VI_1', '}'), /already defined/)] },
  { section: 3, check: 'second group block', cases: [c('KA209', inst() + inst().replace('VI_1', 'VI_2').replace('virtual_router_id 51', 'virtual_router_id 52') + block('vrrp_sync_group G', 'group {', '    VI_1', '}', 'group {', '    VI_2', '}'), /Group list already specified/)] },
  { section: 3, check: 'empty group block', cases: [c('KA319', inst() + block('vrrp_sync_group G', 'group {', '}'), /empty group block/)] },
  { section: 3, check: 'no group block at all', cases: [c('KA319', inst() + block('vrrp_sync_group G', 'notify_master "/usr/bin/true"'), /Sync group G has no virtual router\(s\)\. removing/)], note: 'checks.md gives the message of later releases; 2.2.7 drops the group too, saying "Sync group G has no virtual router(s). removing"' },
  { section: 3, check: 'member that is not a vrrp_instance', cases: [c('KA316', inst() + block('vrrp_sync_group G', 'group {', '    VI_1', '    VI_9', '}'), /specified in sync group .* doesn't exist/)] },
  { section: 3, check: 'instance already in another sync group', cases: [c('KA317', inst() + inst().replace('VI_1', 'VI_2').replace('virtual_router_id 51', 'virtual_router_id 52') + block('vrrp_sync_group G', 'group {', '    VI_1', '    VI_2', '}') + block('vrrp_sync_group H', 'group {', '    VI_1', '}'), /more than one sync group/)] },
  { section: 3, check: 'no member left', cases: [c('KA319', inst() + block('vrrp_sync_group G', 'group {', '    VI_9', '}'), /no matching virtual router found/)] },
  { section: 3, check: 'exactly one member', cases: [c('KA318', inst() + block('vrrp_sync_group G', 'group {', '    VI_1', '}'), /has only 1 virtual router/)] },
  { section: 3, check: 'members starting as address owner mixed with others', cases: [c('KA341', inst('state MASTER').replace('priority 100', 'priority 255') + inst('state BACKUP').replace('VI_1', 'VI_2').replace('virtual_router_id 51', 'virtual_router_id 52') + block('vrrp_sync_group G', 'group {', '    VI_1', '    VI_2', '}'), /some not as address owner/)] },
  { section: 3, check: 'group-level weighted tracking while a member has priority 255', cases: [c('KA307', script() + inst('state MASTER').replace('priority 100', 'priority 255') + inst().replace('VI_1', 'VI_2').replace('virtual_router_id 51', 'virtual_router_id 52').replace('priority 100', 'priority 255') + block('vrrp_sync_group G', 'group {', '    VI_1', '    VI_2', '}', 'track_script {', '    chk weight 10', '}'), /priority 255/)] },
  { section: 3, check: 'global_tracking', cases: [c('KA206', inst() + inst().replace('VI_1', 'VI_2').replace('virtual_router_id 51', 'virtual_router_id 52') + block('vrrp_sync_group G', 'group {', '    VI_1', '    VI_2', '}', 'global_tracking'), /global_tracking is deprecated/)] },
  { section: 3, check: 'members starting MASTER mixed with members starting BACKUP', reason: 'log-only-no-effect', note: 'silent, and no different from an instance outside a group: a non-owner with state MASTER starts as BACKUP anyway, with a down timer of one advert (2.2.7 vrrp_scheduler.c); the group then waits for its slowest member, a couple of adverts. Owners mixed with others are KA341' },

  // §4 vrrp_script, vrrp_track_process, track_file, track_group, garp_group, bfd_instance
  {
    section: 4,
    check: 'vrrp_script: no script, interval/timeout 0, rise/fall below 1, weight outside -253..253, unknown user',
    cases: [
      c('KA320', block('vrrp_script chk', 'interval 2') + inst('track_script {', '    chk', '}'), /No script set/),
      c('KA205', script('chk', 'interval 0') + inst('track_script {', '    chk', '}'), /must be greater than 0|outside range/),
      c('KA205', script('chk', 'timeout 0') + inst('track_script {', '    chk', '}'), /greater than 0|outside range/),
      c('KA205', script('chk', 'rise 0') + inst('track_script {', '    chk', '}'), /rise|outside range/),
      c('KA205', script('chk', 'weight 300') + inst('track_script {', '    chk', '}'), /weight .* must be in/),
    ],
    note: 'whether a script user exists is host-dependent',
  },
  {
    section: 4,
    check: 'vrrp_track_process: no process, weight twice or out of range, quorum above quorum_max, delays, param_match',
    cases: [
      c('KA335', block('vrrp_track_process p', 'quorum 1') + inst('track_process {', '    p', '}'), /process/),
      c('KA357', block('vrrp_track_process p', 'process nginx', 'quorum_max 2', 'quorum 3') + inst('track_process {', '    p', '}'), /quorum/),
      c('KA205', block('vrrp_track_process p', 'process nginx', 'weight 300') + inst('track_process {', '    p', '}'), /Weight \(300\) for vrrp_track_process p must be between/),
      c('KA205', block('vrrp_track_process p', 'process nginx', 'delay 3601') + inst('track_process {', '    p', '}'), /delay|outside range/),
      c('KA205', block('vrrp_track_process p', 'process nginx', 'param_match full') + inst('track_process {', '    p', '}'), /param_match/),
      c('KA209', block('vrrp_track_process p', 'process nginx', 'weight 10', 'weight 20') + inst('track_process {', '    p', '}'), /Weight already set/),
      c('KA357', block('vrrp_track_process p', 'process nginx', 'quorum 3', 'quorum_max 2') + inst('track_process {', '    p', '}'), /quorum_max is less than quorum/),
    ],
    note: 'a kernel without process events is host-dependent',
  },
  {
    section: 4,
    check: 'track_file: no file, init_file value or weight out of range',
    cases: [
      c('KA335', block('track_file f', 'weight 10') + inst('track_file {', '    f', '}'), /file/),
      c('KA205', block('track_file f', 'file /tmp/x', 'init_file 300') + inst('track_file {', '    f', '}'), /init value 300 is outside/),
      c('KA205', block('track_file f', 'file /tmp/x', 'weight 300') + inst('track_file {', '    f', '}'), /weight|outside range/),
    ],
    note: 'where the file lives (read-only or non-inotify filesystems, a missing directory) and init_file overwrite on a non-regular file are host-dependent',
  },
  {
    section: 4,
    check: 'static track_group: name required and unique, group required, references to unknown groups',
    cases: [
      c('KA209', inst() + block('track_group G', 'group {', '    VI_1', '}') + block('track_group G', 'group {', '    VI_1', '}'), /already defined|duplicate/i),
      c('KA315', inst() + block('static_ipaddress', '192.168.9.1/24 dev eth0 track_group G'), /track_group G not found/),
    ],
    note: 'a static address without dev gets the default interface when it exists (host); only without one is its track_group cleared',
  },
  { section: 4, check: 'static_ipaddress without dev and no default_interface', reason: 'host', note: 'the default interface (eth0 unless set) must exist on the node' },
  { section: 4, check: 'linkbeat_interfaces / interface_up_down_delays name an unknown interface', reason: 'host' },
  {
    section: 4,
    check: 'garp_group: no garp_interval or gna_interval, an interface in two groups',
    cases: [
      c('KA354', block('garp_group', 'interface eth0') + inst(), /does not have any delay set/),
      c('KA371', block('garp_group', 'garp_interval 0.001', 'interface eth0') + block('garp_group', 'garp_interval 0.002', 'interface eth0') + inst(), /garp_group|already/),
    ],
    note: 'whether an interface is a VMAC, and the "very large" intervals, are only known on the node or only logged',
  },
  {
    section: 4,
    check: 'bfd_instance: long or repeated name, no neighbor, family mismatch, repeated neighbor, ranges, max_hops above ttl',
    cases: [
      c('KA347', block('bfd_instance b', 'min_rx 100'), /neighbor/),
      c('KA209', block('bfd_instance b', 'neighbor_ip 10.0.0.3') + block('bfd_instance b', 'neighbor_ip 10.0.0.4'), /already|duplicate/i),
      c('KA356', block('bfd_instance b', 'neighbor_ip 10.0.0.3', 'source_ip fe80::1'), /family|address/),
      c('KA356', block('bfd_instance b', 'neighbor_ip 10.0.0.3') + block('bfd_instance c', 'neighbor_ip 10.0.0.3'), /duplicate|already/i),
      c('KA205', block('bfd_instance b', 'neighbor_ip 10.0.0.3', 'multiplier 0'), /multiplier|outside range/),
      c('KA205', block('bfd_instance abcdefghijklmnopqrstuvwxyz0123456', 'neighbor_ip 10.0.0.3'), /too long|name/),
      c('KA205', block('bfd_instance b', 'neighbor_ip 10.0.0.3', 'min_rx 0'), /min_rx value 0 is not valid/),
      c('KA205', block('bfd_instance b', 'neighbor_ip 10.0.0.3', 'idle_tx 10'), /idle_tx value 10 is not valid/),
      c('KA356', block('bfd_instance b', 'neighbor_ip 10.0.0.3', 'ttl 5', 'max_hops 10'), /max_hops exceeds ttl/),
      c('KA205', block('bfd_instance b', 'neighbor_ip 10.0.0.3', 'weight 300'), /weight value 300 not valid/),
    ],
  },

  // §5 global_defs
  {
    section: 5,
    check: 'global_defs values: names, timeouts, multicast groups, GARP settings, lvs_timeouts, lvs_sync_daemon, priorities, umask, script timeouts',
    cases: [
      c('KA205', globals('vrrp_process_name abcdefghijklmnopq'), /too long|truncat/i),
      c('KA205', globals('smtp_connect_timeout 0'), /smtp_conect_timeout must be greater than 0/),
      c('KA205', globals('dynamic_interfaces foo'), /dynamic_interfaces|unknown/i),
      c('KA342', globals('vrrp_mcast_group4 10.0.0.9'), /multicast/),
      c('KA205', globals('vrrp_garp_master_repeat 0'), /greater than 0|outside range/),
      c('KA205', globals('vrrp_version 4'), /version/i),
      c('KA205', globals('vrrp_down_timer_adverts 101'), /down_timer_adverts|outside range/),
      c('KA205', globals('vrrp_garp_interval 0'), /invalid|outside range/),
      c('KA534', globals('lvs_timeouts tcp'), /lvs_timeouts|timeout/i),
      c('KA366', globals('lvs_sync_daemon eth0 VI_1 id 256') + inst(), /id|outside range/),
      c('KA205', globals('vrrp_priority 20'), /priority|outside range/),
      c('KA205', globals('vrrp_rt_priority 100'), /priority|outside range/),
      c('KA606', globals('umask 0999'), /umask|invalid/i),
      c('KA205', globals('startup_script_timeout 1001'), /timeout|outside range/),
      c('KA342', globals('vrrp_mcast_group6 ff05::12'), /should be link-local multicast/),
      c('KA205', globals('vrrp_gna_interval 0'), /vrrp_gna_interval '0' is invalid/),
      c('KA209', globals('lvs_sync_daemon eth0 VI_1', 'lvs_sync_daemon eth0 VI_1') + inst(), /lvs_sync_daemon has already been specified/),
      c('KA366', globals('lvs_sync_daemon eth0 VI_1 maxlen 70000') + inst(), /Invalid lvs_sync_daemon maxlen/),
      c('KA366', globals('lvs_sync_daemon eth0 VI_1 group 10.0.0.1') + inst(), /group address 10\.0\.0\.1 is not multicast/),
      c('KA205', globals('lvs_sync_daemon abcdefghijklmnopq VI_1') + inst(), /interface name 'abcdefghijklmnopq' too long/),
      c('KA209', globals('snmp_socket udp:1.2.3.4:705', 'snmp_socket udp:1.2.3.4:706'), /SNMP socket already set/),
      c('KA205', globals('max_auto_priority 100'), /max_auto_priority '100' must be in/),
      c('KA205', globals('min_auto_priority_delay 0'), /min_auto_priority_delay '0' must be in/),
    ],
    note: 'CPU affinity (online CPUs), disable_local_igmp (kernel support), iptables/ipsets (the 2.2.7 package is built for nftables: KA210) and net_namespace (KA210 here) depend on the host or the build; *_rlimit_rttime 1 silently becomes 2 (no effect worth a finding)',
  },
  {
    section: 5,
    check: 'deprecated global_defs keywords, logged or reported',
    cases: [
      c('KA206', globals('vrrp_vmac_garp_intvl 10'), /deprecated/),
      c('KA206', globals('lvs_process_name lvs')),
      c('KA206', block('vrrp_track_file f', 'file /tmp/x') + inst('track_file {', '    f', '}')),
    ],
  },
  { section: 5, check: 'the man page\'s state_file_location, stats_file_location, json_file_location are unknown keywords', cases: [c('KA201', globals('state_file_location /tmp/x'), /Unknown keyword/)] },

  // §6 LVS, while reading
  { section: 6, check: 'virtual_server address or port not readable', cases: [c('KA205', vs().replace('10.0.0.1 80', '10.0.0.300 80'), /Invalid virtual server/)] },
  { section: 6, check: 'virtual_server fwmark above 4294967295', cases: [c('KA205', vs().replace('10.0.0.1 80', 'fwmark 4294967296'), /fwmark/)] },
  { section: 6, check: 'IPv6 virtual or real server in a build without IPv6 IPVS', reason: 'host', note: 'a property of the build' },
  { section: 6, check: 'lb_algo / lvs_sched not a scheduler', cases: [c('KA205', vs('lb_algo roundrobin'), /Invalid lvs_scheduler/)] },
  { section: 6, check: 'lb_kind / lvs_method not NAT, DR or TUN', cases: [c('KA205', vs('lb_kind nat'), /routing method/)] },
  { section: 6, check: 'TUN options: unknown type, gue without port or port without gue, ipip with csum, gre with remcsum', cases: [c('KA528', vs('lb_kind TUN type gue'), /gue tunnels require port/), c('KA528', vs('lb_kind TUN type ipip csum'), /csum|ipip/), c('KA528', vs('lb_kind TUN type foo'), /Unknown tunnel type foo/), c('KA528', vs('lb_kind TUN type gre remcsum'), /do not support remote checksum/)] },
  { section: 6, check: 'sh-port, sh-fallback, mh-*, hashed with another scheduler or before lb_algo', cases: [c('KA511', vs('lb_algo rr', 'sh-port'), /only applies to sh scheduler/)] },
  { section: 6, check: 'persistence_timeout outside 1..2678400', cases: [c('KA205', vs('persistence_timeout 0'), /persistence_timeout invalid/)] },
  { section: 6, check: 'persistence_granularity not a mask (IPv4) or 1..128 (IPv6)', cases: [c('KA533', vs('persistence_timeout 300', 'persistence_granularity 255.255.255.300'), /Invalid IPv4 persistence_granularity/)], note: 'any IPv4 address is taken as the mask: 2.2.7 accepts 255.0.255.0 silently (its check for a solid mask is compiled out)' },
  { section: 6, check: 'protocol not TCP, UDP or SCTP', cases: [c('KA205', vs('protocol ICMP'), /Unknown protocol/)] },
  { section: 6, check: 'ip_family unknown or conflicting', cases: [c('KA205', vs('ip_family inet9'), /address family/), c('KA527', vs('ip_family inet6'), /family/)] },
  { section: 6, check: 'delay_loop 0 / connect_timeout 0', cases: [c('KA205', vs('delay_loop 0'), /delay loop '0' invalid/), c('KA205', vs(...rs('TCP_CHECK {', '    connect_timeout 0', '}')), /connect_timeout|invalid/)] },
  { section: 6, check: 'retry 0 on a virtual or real server', cases: [c('KA205', vs('retry 0'), /retry/)] },
  { section: 6, check: 'quorum invalid', cases: [c('KA205', vs('quorum 0'), /Quorum/)] },
  { section: 6, check: 'virtual server weight outside 1..2147483647, real server weight outside 0..2147483647', cases: [c('KA205', vs(...rs('weight -1')), /weight -1 is outside range/), c('KA205', vs('weight 0'), /weight|outside range/)] },
  { section: 6, check: 'sorry_server_inhibit / sorry_server_lvs_method before sorry_server', cases: [c('KA512', vs('sorry_server_inhibit', 'sorry_server 10.0.1.9 80'), /before or without sorry_server/)] },
  { section: 6, check: 'real_server address or port not readable', cases: [c('KA205', vs(...rs('weight 1')).replace('real_server 10.0.1.1 80', 'real_server 10.0.1.300 80'), /Invalid real server/)] },
  { section: 6, check: 'second notify_up / quorum_up / … script', cases: [c('KA209', vs('quorum_up "/usr/bin/true"', 'quorum_up "/usr/bin/false"'), /already specified/)] },
  { section: 6, check: 'virtualhost, path, snmp_name or SSL files given twice', reason: 'not-in-2.2.7', since: '2.3.0', note: 'before, the later value silently wins (KA211)', cases: [c('KA209', vs(...rs('HTTP_GET {', '    url {', '        path /', '        path /x', '    }', '}')), undefined, '2.3.0'), c('KA211', vs(...rs('HTTP_GET {', '    url {', '        path /', '        path /x', '    }', '}')), undefined, '2.2.7')] },
  { section: 6, check: 'virtual_server_group entry invalid', cases: [c('KA525', block('virtual_server_group G', '10.0.0.1/33 80') + vs().replace('virtual_server 10.0.0.1 80', 'virtual_server group G'), /Invalid netmask/), c('KA525', block('virtual_server_group G', '10.0.0.2-1 80', '10.0.0.5 80') + vs().replace('virtual_server 10.0.0.1 80', 'virtual_server group G'), /range end is less|Address range/), c('KA525', block('virtual_server_group G', '10.0.0.1/24 80', '10.0.0.5 80') + vs().replace('virtual_server 10.0.0.1 80', 'virtual_server group G'), /Address mask bits not empty/), c('KA525', block('virtual_server_group G', 'fwmark 1 inet9', '10.0.0.5 80') + vs().replace('virtual_server 10.0.0.1 80', 'virtual_server group G'), /family inet9 unknown/)] },
  { section: 6, check: 'virtual_server_group with no valid entry', cases: [c('KA526', block('virtual_server_group G', '10.0.0.1/33 80') + vs().replace('virtual_server 10.0.0.1 80', 'virtual_server group G'))] },
  { section: 6, check: 'virtual_server_group mixing IPv4, IPv6 and fwmarks without family', cases: [c('KA526', block('virtual_server_group G', '10.0.0.1 80', 'fe80::1 80', 'fwmark 1') + vs().replace('virtual_server 10.0.0.1 80', 'virtual_server group G'))] },
  { section: 6, check: 'checker connect_port / bind_port outside 1..65535', cases: [c('KA205', vs(...rs('TCP_CHECK {', '    connect_port 0', '}')), /Invalid checker connect_port/)] },
  { section: 6, check: 'connect_ip / bindto not readable or of different families', cases: [c('KA530', vs(...rs('TCP_CHECK {', '    connect_ip 10.0.1.1', '    bindto fe80::1', '}')), /address family/), c('KA205', vs(...rs('TCP_CHECK {', '    connect_ip 10.0.1.300', '}')), /connect_ip|invalid/i), c('KA205', vs(...rs('TCP_CHECK {', '    bindto 10.0.1.300', '}')), /Invalid bindto address/)] },
  { section: 6, check: 'bind_if of 16 characters or more', cases: [c('KA205', vs(...rs('TCP_CHECK {', '    bind_if abcdefghijklmnopq', '}')), /bind_if|long/)] },
  { section: 6, check: 'link-local connect_ip without bind_if', cases: [c('KA530', vs(...rs('TCP_CHECK {', '    connect_ip fe80::9', '}')).replace(/10\.0\.\d\.1 80/g, (m) => (m.startsWith('10.0.0') ? 'fe80::1 80' : 'fe80::2 80')), /requires a bind_if/)] },
  { section: 6, check: 'url without path', cases: [c('KA505', vs(...rs('HTTP_GET {', '    url {', '        status_code 200', '    }', '    url {', '        path /', '    }', '}')), /url has no path/)] },
  { section: 6, check: 'HTTP_GET / SSL_GET without a valid url', cases: [c('KA504', vs(...rs('TCP_CHECK {', '}', 'HTTP_GET {', '    url {', '        status_code 200', '    }', '}')), /has no urls specified/)], note: '2.2.7 then crashes under -t when this is the first checker (exit 139)' },
  { section: 6, check: 'digest not 32 hex digits', cases: [c('KA529', vs(...rs('HTTP_GET {', '    url {', '        path /', '        digest 1234', '    }', '}')), /character length should be 32/), c('KA209', vs(...rs('HTTP_GET {', '    url {', '        path /', '        digest 9b3a0c85a887a256d6939da88aabd8cd', '        digest 9b3a0c85a887a256d6939da88aabd8cd', '    }', '}')), /is a duplicate/)] },
  { section: 6, check: 'status_code outside 100..599 or a bad range', cases: [c('KA205', vs(...rs('HTTP_GET {', '    url {', '        path /', '        status_code 700', '    }', '}')), /Invalid HTTP_GET status code/), c('KA205', vs(...rs('HTTP_GET {', '    url {', '        path /', '        status_code 300-200', '    }', '}')), /Invalid HTTP_GET status code '300-200'/)] },
  { section: 6, check: 'http_protocol not 1.0, 1.1 or 1.0C', cases: [c('KA205', vs(...rs('HTTP_GET {', '    http_protocol 2.0', '    url {', '        path /', '    }', '}')), /http_protocol|protocol/)] },
  { section: 6, check: 'regex options without regex, min offset not below max', cases: [c('KA539', vs(...rs('HTTP_GET {', '    url {', '        path /', '        regex_no_match', '    }', '}'))), c('KA539', vs(...rs('HTTP_GET {', '    url {', '        path /', '        regex ok', '        regex_min_offset 20', '        regex_max_offset 10', '    }', '}')))], note: 'only logged; the condition is min above max (equal offsets are kept)' },
  { section: 6, check: 'nb_get_retry', cases: [c('KA206', vs(...rs('HTTP_GET {', '    nb_get_retry 3', '    url {', '        path /', '    }', '}')), /nb_get_retry is deprecated/)] },
  { section: 6, check: 'MISC_CHECK without misc_path', cases: [c('KA517', vs(...rs('MISC_CHECK {', '    misc_timeout 5', '}')), /No script path/)] },
  { section: 6, check: 'MISC_CHECK user unknown', reason: 'host' },
  { section: 6, check: 'DNS_CHECK type unknown, name with an empty label or twice', cases: [c('KA205', vs(...rs('DNS_CHECK {', '    type XYZ', '}')), /type|DNS/), c('KA524', vs(...rs('DNS_CHECK {', '    name a..b', '}')), /name|label/), c('KA524', vs(...rs('DNS_CHECK {', '    name a.example.com', '}')), /name 'a\.example\.com' has empty label/)], note: 'not in checks.md: from 2.1.4 keepalived also refuses a one-character first label (a.example.com), which its empty-label test misreads' },
  { section: 6, check: 'UDP_CHECK payload / require_reply not hex; min reply length above max', cases: [c('KA205', vs(...rs('UDP_CHECK {', '    payload xyz', '}')), /hex/), c('KA205', vs(...rs('UDP_CHECK {', '    require_reply xyz', '}')), /Invalid hex string for UDP_CHECK reply/), c('KA523', vs(...rs('UDP_CHECK {', '    min_reply_length 10', '    max_reply_length 5', '}')), /always fail/)] },
  { section: 6, check: 'FILE_CHECK track_file not defined earlier', cases: [c('KA518', vs(...rs('FILE_CHECK {', '    track_file f', '}')) + block('track_file f', 'file /tmp/x'), /track_file f not found|FILE_CHECK/)] },
  { section: 6, check: 'BFD_CHECK name not defined earlier, repeated or missing', cases: [c('KA519', vs(...rs('BFD_CHECK {', '    name b', '}')) + block('bfd_instance b', 'neighbor_ip 10.0.1.1'), /BFD b not configured/), c('KA519', block('bfd_instance b', 'neighbor_ip 10.0.1.1') + vs(...rs('BFD_CHECK {', '    name b', '    name b', '}')), /already specified as b/), c('KA519', block('bfd_instance b', 'neighbor_ip 10.0.1.1') + vs(...rs('BFD_CHECK {', '}')), /No name has been specified for BFD_CHECKER/), c('KA519', block('bfd_instance b', 'neighbor_ip 10.0.1.1') + vs(...rs('BFD_CHECK {', '    name b c', '}')), /No or too many names specified - skipping checker/)] },
  { section: 6, check: 'connection keywords inside MISC_CHECK, tls_compliant inside HTTP_GET', cases: [c('KA202', vs(...rs('MISC_CHECK {', '    misc_path "/usr/bin/true"', '    connect_ip 10.0.1.1', '}')), /Unknown keyword/)] },

  // §6 LVS, after reading
  { section: 6, check: 'virtual_server without real_server', cases: [c('KA503', block('virtual_server 10.0.0.1 80', 'lb_algo rr', 'lb_kind NAT', 'protocol TCP'), /has no real servers/)] },
  { section: 6, check: 'virtual_server group naming no group', cases: [c('KA515', vs().replace('virtual_server 10.0.0.1 80', 'virtual_server group G'))], note: 'keepalived -t says nothing: it only logs that it drops the virtual server' },
  { section: 6, check: 'virtual server and group of different address families', cases: [c('KA532', block('virtual_server_group G', 'fe80::1 80') + vs().replace('virtual_server 10.0.0.1 80', 'virtual_server group G'))], note: 'only logged' },
  { section: 6, check: 'ha_suspend with fwmark', cases: [c('KA522', vs('ha_suspend').replace('10.0.0.1 80', 'fwmark 1').replace('protocol TCP\n', '').replace('    protocol TCP\n', ''), /ha_suspend with fwmarks/)] },
  { section: 6, check: 'address virtual server without protocol', cases: [c('KA507', block('virtual_server 10.0.0.1 80', 'lb_algo rr', 'lb_kind NAT', ...rs('TCP_CHECK {', '}')), /no protocol set/)] },
  { section: 6, check: 'ops without UDP', cases: [c('KA521', vs('ops'), /one packet scheduling requires UDP/)] },
  { section: 6, check: 'port 0 without persistence', cases: [c('KA520', vs().replace('10.0.0.1 80', '10.0.0.1 0').replace('10.0.1.1 80', '10.0.1.1 0'), /zero port only valid for persistent/)] },
  { section: 6, check: 'protocol on a fwmark virtual server', cases: [c('KA506', vs().replace('10.0.0.1 80', 'fwmark 1').replace('10.0.1.1 80', '10.0.1.1'), /protocol specified for fwmark/)] },
  { section: 6, check: 'no scheduler', cases: [c('KA508', block('virtual_server 10.0.0.1 80', 'lb_kind NAT', 'protocol TCP', ...rs('TCP_CHECK {', '}')), /no scheduler set/)] },
  { section: 6, check: 'the same real server twice in one virtual server', cases: [c('KA502', vs(...rs('weight 1'), ...rs('weight 2')), /is duplicated/)] },
  { section: 6, check: 'no forwarding method anywhere', cases: [c('KA509', block('virtual_server 10.0.0.1 80', 'lb_algo rr', 'protocol TCP', ...rs('TCP_CHECK {', '}')), /no forwarding method set/)] },
  { section: 6, check: 'sorry server equal to a real server with another inhibit_on_failure', cases: [c('KA531', vs('sorry_server 10.0.1.1 80', ...rs('inhibit_on_failure', 'TCP_CHECK {', '}')), /inhibit setting differs|matches sorry server/)] },
  { section: 6, check: 'quorum above the sum of real server weights', cases: [c('KA513', vs('quorum 5', ...rs('weight 1')), /exceeds total weight/)] },
  { section: 6, check: 'hysteresis not below quorum', cases: [c('KA514', vs('quorum 2', 'hysteresis 2', ...rs('weight 3')), /hysteresis .* >= quorum/)] },
  { section: 6, check: 'DR/TUN real server port other than the virtual server port', cases: [c('KA510', vs('lb_kind DR', ...rs('weight 1')).replace('real_server 10.0.1.1 80', 'real_server 10.0.1.1 8080'), /ports don't match/)] },
  { section: 6, check: 'fwmark virtual server with a DR/TUN real or sorry server port', cases: [c('KA510', block('virtual_server fwmark 1', 'lb_algo rr', 'lb_kind DR', ...rs('weight 1')), /has port specified/)] },
  { section: 6, check: 'group virtual server, DR/TUN ports do not match', cases: [c('KA510', block('virtual_server_group G', '10.0.0.1 80') + block('virtual_server group G', 'lb_algo rr', 'lb_kind DR', 'protocol TCP', ...rs('weight 1')).replace('real_server 10.0.1.1 80', 'real_server 10.0.1.1 8080'), /ports don't match/)] },
  { section: 6, check: 'checker scripts run as root without enable_script_security', cases: [c('KA601', vs(...rs('MISC_CHECK {', '    misc_path "/usr/bin/true"', '}')), /SECURITY VIOLATION/)] },
  { section: 6, check: 'two virtual_server blocks with the same address and port', cases: [c('KA501', vs() + vs())], note: 'keepalived does not detect it' },

  // §7 mistakes keepalived cannot see (two nodes)
  { section: 7, check: 'different virtual_router_id for the same VIPs', cases: [pair('KA401', node('MASTER', 100), node('BACKUP', 90).replace('virtual_router_id 51', 'virtual_router_id 52'))] },
  { section: 7, check: 'the same VRID used by two different clusters on one segment', cases: [pair('KA402', node('MASTER', 100), node('MASTER', 100).replace('VI_1', 'VI_OTHER').replace('10.0.0.1', '10.0.0.77'))], note: 'across clusters kalint sees only the files it is given together' },
  { section: 7, check: 'auth_type / auth_pass differing between nodes', cases: [pair('KA404', node('MASTER', 100, 'authentication {', '    auth_type PASS', '    auth_pass secret1', '}'), node('BACKUP', 90, 'authentication {', '    auth_type PASS', '    auth_pass secret2', '}')), pair('KA403', node('MASTER', 100, 'authentication {', '    auth_type PASS', '    auth_pass secret1', '}'), node('BACKUP', 90, 'authentication {', '    auth_type AH', '    auth_pass secret1', '}')), pair('KA405', node('MASTER', 100, 'authentication {', '    auth_type PASS', '    auth_pass secret1', '}'), node('BACKUP', 90)), c('KA302', inst('authentication {', '    auth_type PASS', '    auth_pass secret123', '}'), /Truncating auth_pass/), pair('KA417', globals('vrrp_strict') + node('MASTER', 100, 'authentication {', '    auth_type PASS', '    auth_pass secret1', '}'), node('BACKUP', 90, 'authentication {', '    auth_type PASS', '    auth_pass secret1', '}'))] },
  { section: 7, check: 'different VIP lists', cases: [pair('KA412', node('MASTER', 100), node('BACKUP', 90).replace('10.0.0.1', '10.0.0.2'))] },
  { section: 7, check: 'different advert_int', cases: [pair('KA410', node('MASTER', 100, 'advert_int 1'), node('BACKUP', 90, 'advert_int 2'))] },
  {
    section: 7,
    check: 'different VRRP version, or VRRPv3 checksum variants that differ',
    cases: [
      pair('KA411', node('MASTER', 100, 'version 2'), node('BACKUP', 90, 'version 3')),
      pair('KA422', node('MASTER', 100, 'version 3', 'unicast_src_ip 10.0.0.2', 'unicast_peer {', '    10.0.0.3', '}', 'old_unicast_checksum'), node('BACKUP', 90, 'version 3', 'unicast_src_ip 10.0.0.3', 'unicast_peer {', '    10.0.0.2', '}', 'old_unicast_checksum never')),
      { ...pair('KA422', globals('v3_checksum_as_v2') + node('MASTER', 100, 'version 3'), node('BACKUP', 90, 'version 3')), targetVersion: '2.2.8' },
    ],
  },
  { section: 7, check: 'priorities: backup not below master, equal priorities, tracking arithmetic', cases: [pair('KA406', node('MASTER', 100), node('BACKUP', 100)), pair('KA430', script() + node('MASTER', 100, 'track_script {', '    chk weight -5', '}'), node('BACKUP', 90)), pair('KA431', node('MASTER', 100), script() + node('BACKUP', 90, 'track_script {', '    chk weight 20', '}'))] },
  { section: 7, check: 'more than one address owner', cases: [pair('KA408', node('MASTER', 255), node('BACKUP', 255))] },
  { section: 7, check: 'nopreempt on some nodes only, or with state MASTER', cases: [pair('KA409', node('BACKUP', 100), node('BACKUP', 90, 'nopreempt'))] },
  { section: 7, check: 'unicast peers missing the other node, unicast mixed with multicast', cases: [pair('KA418', node('MASTER', 100, 'unicast_src_ip 10.0.0.2', 'unicast_peer {', '    10.0.0.4', '}'), node('BACKUP', 90, 'unicast_src_ip 10.0.0.3', 'unicast_peer {', '    10.0.0.2', '}')), c('KA359', inst('unicast_src_ip 10.0.0.2', 'unicast_peer {', '    10.0.0.2', '    10.0.0.3', '}')), pair('KA419', node('MASTER', 100, 'unicast_src_ip 10.0.0.2', 'unicast_peer {', '    10.0.0.3', '}'), node('BACKUP', 90))] },
  { section: 7, check: 'different multicast groups', cases: [pair('KA416', node('MASTER', 100, 'mcast_dst_ip 224.0.0.18'), node('BACKUP', 90, 'mcast_dst_ip 224.0.0.19'))] },
  { section: 7, check: 'vrrp_strict on one node only', cases: [pair('KA417', globals('vrrp_strict') + node('MASTER', 100), node('BACKUP', 90))] },
  { section: 7, check: 'sync groups holding different instances on the nodes', cases: [pair('KA414', node('MASTER', 100) + node('MASTER', 100).replace('VI_1', 'VI_2').replace('virtual_router_id 51', 'virtual_router_id 52').replace('10.0.0.1', '10.0.0.2') + block('vrrp_sync_group G', 'group {', '    VI_1', '    VI_2', '}'), node('BACKUP', 90) + node('BACKUP', 90).replace('VI_1', 'VI_2').replace('virtual_router_id 51', 'virtual_router_id 52').replace('10.0.0.1', '10.0.0.2'))] },
  { section: 7, check: 'lvs_sync_daemon id differing between directors', cases: [pair('KA420', globals('lvs_sync_daemon eth0 VI_1 id 1') + node('MASTER', 100), globals('lvs_sync_daemon eth0 VI_1 id 2') + node('BACKUP', 90))] },
  { section: 7, check: 'the same router_id on several nodes', cases: [pair('KA415', globals('router_id lb') + node('MASTER', 100), globals('router_id lb') + node('BACKUP', 90))] },
  { section: 7, check: 'the same VIP in two different vrrp_instances', cases: [c('KA314', inst() + inst().replace('VI_1', 'VI_2').replace('virtual_router_id 51', 'virtual_router_id 52'))] },
  { section: 7, check: 'interfaces of the nodes on one L2 segment', reason: 'host', note: 'names may differ between nodes; the segment is not in the files' },
];
