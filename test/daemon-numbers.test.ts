// Numbers keepalived -t and the running daemon read differently. keepalived's integer readers, asked by
// a handler to ignore errors, report `rise 2x` as an invalid number; under -t the handler then ignores
// it, but the daemon only logs "WARNING - invalid number '2x'" and uses 2 (keywords.json
// `daemon_reads_leading`). Timers, read as fixed point from 2.2.3, are used by both: `delay_loop 6s` is
// 6 microseconds. kalint reports what -t reports, at the same line, and says and models what the daemon
// does: the model is what fails over.
//
// The probes run the real daemon in a network namespace: they need root (CAP_NET_ADMIN), and are
// skipped where it cannot make one.

import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/core/index.js';
import { lintText } from '../server/src/linter.js';
import { schema } from '../server/src/core/schema/schema.js';
import { canMakeNamespaces, runDaemon, runDaemonProbe } from './helpers/daemon-probe.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';
import { conf, findings } from './helpers/rule-cases.js';
import { TARGET } from './helpers/placement.js';

const INTEGRAL = new Set(['unsigned', 'integer', 'port', 'enum_or_unsigned']);
const daemonProbes = keepalivedAvailable() && canMakeNamespaces();

const SCRIPT_AND_INSTANCE = conf(
  'global_defs {',
  '  router_id a',
  '  enable_script_security',
  '  script_user root',
  '}',
  'vrrp_script chk {',
  '  script "/bin/true"',
  '  interval 2s',
  '  rise 2x',
  '  fall 3',
  '}',
  'vrrp_instance V {',
  '  interface eth0',
  '  state BACKUP',
  '  virtual_router_id 9',
  '  priority 100',
  '  preempt_delay 5s',
  '  garp_master_refresh 60s',
  '  virtual_ipaddress {',
  '    10.0.0.9',
  '  }',
  '  track_script {',
  '    chk weight -20x',
  '  }',
  '}',
);

describe('the table: daemon_reads_leading', () => {
  it('marks integer arguments only, and many of them (87 in 2.2.7)', () => {
    const marked = schema().all.flatMap((s) => s.args.filter((a) => a.daemon_reads_leading).map((a) => ({ id: s.id, type: a.type })));
    expect(marked.length).toBeGreaterThanOrEqual(87);
    for (const m of marked) expect(INTEGRAL.has(m.type), m.id).toBe(true);
  });

  // Found in session 52 (a generated config's `vrrp_vmac_garp_intvl 0 all`, renamed by --fix, read with a unit after):
  // the probe skips deprecated names, but keepalived installs each with its replacement's handler (2.2.7:
  // install_keyword("nb_get_retry", &http_get_retry_handler), "vrrp_rlimit_rtime" with vrrp_rt_rlimit_handler…),
  // so `nb_get_retry 3x` is 3 to the daemon exactly as `retry 3x` is.
  it('marks a deprecated name as its replacement, whose handler it shares', () => {
    for (const s of schema().all) {
      const replacement = s.deprecated?.replacement;
      if (!replacement || !/^[a-z_0-9]+$/.test(replacement)) continue;
      const r = (s.parent?.childMap ?? schema().root.childMap).get(replacement);
      if (!r) continue;
      expect(s.args.map((a) => a.daemon_reads_leading === true), s.id).toEqual(r.args.map((a) => a.daemon_reads_leading === true));
    }
  });
});

describe('a number with something after it, in -t and in the daemon', () => {
  it('KA205 says what -t and the daemon each do, and what to write', () => {
    const byLine = new Map(findings(SCRIPT_AND_INSTANCE, 'KA205').map((d) => [d.range.start.line + 1, d.message]));
    expect(byLine.get(8)).toContain("got '2s' (keepalived: invalid number): keepalived -t does not use it, but the running daemon only logs a warning and uses 2 (the number before 's'); write 2");
    expect(byLine.get(9)).toContain('uses 2 (the number before \'x\'); write 2');
    expect(findings(SCRIPT_AND_INSTANCE, 'KA205').find((d) => d.range.start.line === 8)?.fix?.edits[0]?.newText).toBe('2');
    expect(byLine.get(18)).toContain('uses 60');
    expect(byLine.get(17)).toContain('keepalived reports an invalid number and still uses 0.000005 s');
    // Nothing to read: 0, and no advice to write it.
    const none = findings(conf('vrrp_script c {', '  script "/bin/true"', '  weight x', '}'), 'KA205')[0]?.message ?? '';
    expect(none).toContain('uses 0 (the word has no leading number)');
    expect(none).not.toContain('write');
    // A plain number out of range is read alike by both: nothing more is said.
    expect(findings(conf('vrrp_script c {', '  script "/bin/true"', '  rise 0', '}'), 'KA205')[0]?.message ?? '').not.toContain('daemon');
    // From 2.3.2 vrrp_script reads its interval as a decimal with millisecond places: no integer reading is claimed.
    expect(findings(SCRIPT_AND_INSTANCE, 'KA205', '2.4.3').find((d) => d.range.start.line === 7)?.message ?? '').not.toContain('running daemon');
    // Before 2.0.7 the readers were atoi (the `loose` readings say what they read).
    expect(findings(SCRIPT_AND_INSTANCE, 'KA205', '2.0.6').map((d) => d.message).join('\n')).not.toContain('running daemon');
  });

  it('the model holds what the daemon uses, and the track weight KA336 names it with a fix', () => {
    const a = analyze(SCRIPT_AND_INSTANCE, {});
    const script = a.model.vrrpScripts[0]!;
    expect([script.interval, script.rise, script.fall]).toEqual([2, 2, 3]);
    const instance = a.model.vrrpInstances[0]!;
    expect(instance.preemptDelay?.value).toBe(0.000005);
    expect(instance.trackScripts[0]!.weight).toBe(-20);
    const [weight] = lintText(SCRIPT_AND_INSTANCE, { file: 'k.conf' }).diagnostics.filter((d) => d.code === 'KA336');
    expect(weight?.message).toContain("weight '-20x' is an invalid number: keepalived -t reports it and uses the default weight, but the running daemon only logs a warning and tracks with weight -20; write -20");
    expect(weight?.fix?.edits[0]?.newText).toBe('-20');
  });

  it('a repeated line with such a value is a setting the daemon takes (KA211)', () => {
    const text = conf('vrrp_script c {', '  script "/bin/true"', '  rise 3', '  rise 2x', '}');
    expect(findings(text, 'KA211')[0]?.message).toContain('keepalived uses this later value (2x) instead of the one on line 3 (3)');
  });

  const SERVERS = conf('virtual_server 10.0.0.9 80 {', '  lb_algo rr', '  lb_kind NAT', '  protocol TCP', '  real_server 10.0.0.2 81x {', '    weight 1', '  }', '  sorry_server 10.0.0.3 82x', '}');

  it('a server port: -t skips the server, the daemon uses the number and reads the block', () => {
    const byLine = new Map(findings(SERVERS, 'KA205').map((d) => [d.range.start.line + 1, d.message]));
    expect(byLine.get(5)).toContain('keepalived skips this real_server block and everything in it under keepalived -t, but the running daemon only logs a warning, uses port 81 and reads the block');
    expect(byLine.get(8)).toContain('uses 82');
    expect(byLine.get(8)).toContain('keepalived -t ignores this sorry_server');
    const [noServer] = lintText(SERVERS, { file: 'k.conf' }).diagnostics.filter((d) => d.code === 'KA503');
    expect(noServer?.message).toContain('that is keepalived -t: the running daemon reads it (a port with something after its number, see its KA205) and keeps the virtual server');
    // A server -t and the daemon both refuse (no number at all) gets no such note.
    expect(lintText(SERVERS.replace('81x', 'x'), { file: 'k.conf' }).diagnostics.find((d) => d.code === 'KA503')?.message).not.toContain('running daemon');
    const vs = findings(SERVERS.replace('10.0.0.9 80 {', '10.0.0.9 80x {'), 'KA205')[0]?.message;
    expect(vs).toContain("Invalid virtual server port '80x'; keepalived skips this virtual_server block and everything in it under keepalived -t, but the running daemon only logs a warning, uses port 80");
  });

  const VIPS = conf('vrrp_instance V {', '  interface eth0', '  state BACKUP', '  virtual_router_id 9', '  priority 100', '  virtual_ipaddress {', '    10.0.0.9/24x', '    10.0.0.10/24 preferred_lft 5x', '  }', '}');

  it('an address prefix: /32 to -t, the leading number to the daemon (and the model)', () => {
    const [prefix] = findings(VIPS, 'KA205');
    expect(prefix?.message).toContain("got '10.0.0.9/24x': keepalived -t reports an invalid number and uses /32, but the running daemon only logs a warning and uses /24; write 10.0.0.9/24");
    expect(prefix?.fix?.edits[0]?.newText).toBe('10.0.0.9/24');
    expect(analyze(VIPS, {}).model.vrrpInstances[0]!.virtualIpaddresses[0]!.prefix?.length).toBe(24);
    // A template placeholder: the daemon reads /0, and there is nothing to advise writing.
    const placeholder = findings(VIPS.replace('10.0.0.9/24x', '10.0.0.9/<MASK>'), 'KA205')[0];
    expect(placeholder?.message).toContain('uses /0 (the prefix has no leading number)');
    expect(placeholder?.fix).toBeUndefined();
    const lft = lintText(VIPS, { file: 'k.conf' }).diagnostics.find((d) => d.code === 'KA346');
    expect(lft?.message).toContain("preferred_lft '5x' is not a number of seconds or 'forever'; keepalived -t ignores it, but the running daemon only logs a warning and uses 5");
  });

  // `10.0.0.9/` (fuzzing with --bytes found it, a NUL cutting `/24`): an empty prefix is the number 0 to keepalived,
  // without a word from -t or the daemon (strtoul of nothing). The address goes on as /0.
  const EMPTY_PREFIX = VIPS.replace('10.0.0.9/24x', '10.0.0.9/');

  it('an empty prefix: /0 to -t and to the daemon alike, silently (a warning, not an invalid number)', () => {
    const [prefix] = findings(EMPTY_PREFIX, 'KA205');
    expect(prefix?.severity).toBe('warning');
    expect(prefix?.message).toBe("'virtual_ipaddress' got '10.0.0.9/': nothing follows the '/', which keepalived reads as the prefix length 0 without a word (keepalived -t does not report it), so it adds the address as 10.0.0.9/0; write the length (/32 for one address) or drop the '/'");
    expect(findings(EMPTY_PREFIX.replace('10.0.0.9/', '2001:db8::9/'), 'KA205')[0]?.message).toContain('adds the address as 2001:db8::9/0; write the length (/128 for one address)');
    expect(analyze(EMPTY_PREFIX, {}).model.vrrpInstances[0]!.virtualIpaddresses[0]!.prefix?.length).toBe(0);
  });

  it.skipIf(!keepalivedAvailable())('keepalived -t says nothing of an empty prefix', () => {
    expect(runKeepalived(EMPTY_PREFIX).messages.filter((m) => m.line === 7)).toEqual([]);
  });

  it.skipIf(!daemonProbes)('the daemon puts an address with an empty prefix on as /0', async () => {
    const { dump, text } = await runDaemon(EMPTY_PREFIX, 'keepalived', { dump: true });
    expect(dump).toContain('10.0.0.9/0 dev eth0');
    expect(text).not.toMatch(/Line 7\)/);
  }, 30_000);

  const GROUP = conf('virtual_server_group g {', '  10.0.0.1-10x 80', '  10.0.0.20 81x', '}', 'virtual_server group g {', '  lb_algo rr', '  lb_kind NAT', '  protocol TCP', '  real_server 10.0.1.2 80 {', '    weight 1', '  }', '}');

  it('a virtual_server_group entry: -t skips it and then the group, the daemon reads it', () => {
    const messages = lintText(GROUP, { file: 'k.conf' }).diagnostics.filter((d) => d.code === 'KA525' || d.code === 'KA526').map((d) => d.message);
    expect(messages[0]).toContain("range end '10x' in '10.0.0.1-10x' is not a valid last octet; keepalived -t skips this entry, but the running daemon only logs a warning and reads the range to 10");
    expect(messages[1]).toContain("'81x' is not a port; keepalived -t skips this entry, but the running daemon only logs a warning and uses port 81");
    expect(messages[2]).toContain('the running daemon reads 2 entries -t skips (see KA525) and keeps the group');
  });

  it.skipIf(!keepalivedAvailable())('keepalived -t reports each of them at its line', () => {
    const run = runKeepalived(SCRIPT_AND_INSTANCE);
    const at = (line: number) => run.messages.filter((m) => m.line === line).map((m) => m.message);
    for (const [line, word] of [[8, '2s'], [9, '2x'], [17, '5s'], [18, '60s'], [23, '-20x']] as const) expect(at(line)).toContain(`invalid number '${word}'`);
    const kalint = new Set(lintText(SCRIPT_AND_INSTANCE, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.range.start.line + 1));
    for (const line of [8, 9, 17, 18, 23]) expect(kalint.has(line)).toBe(true);
  });

  it.skipIf(!daemonProbes)('the daemon dumps the values the model holds', async () => {
    const { dump } = await runDaemon(SCRIPT_AND_INSTANCE, 'keepalived', { dump: true });
    expect(dump).toContain('Interval = 2 sec');
    expect(dump).toContain('Rise = 2');
    expect(dump).toContain('Preempt delay = 5e-06 secs');
    expect(dump).toContain('Gratuitous ARP refresh = 60');
    expect(dump).toContain('chk weight -20');
  }, 30_000);

  it.skipIf(!daemonProbes)('the daemon dumps the address prefix it read', async () => {
    const { dump, text } = await runDaemon(VIPS, 'keepalived', { dump: true });
    expect(dump).toContain('10.0.0.9/24 dev eth0');
    expect(text).toContain("WARNING - invalid number '5x'");
  }, 30_000);

  it.skipIf(!daemonProbes)('the daemon reads virtual_server_group entries -t skips', async () => {
    const { text } = await runDaemon(GROUP);
    expect(text).toContain("Line 2) WARNING - Virtual server group range '10.0.0.1-10x' has extra characters at end 'x'");
    expect(text).toContain("Line 3) WARNING - invalid number '81x'");
    expect(text).not.toContain('has no entries - removing');
    const t = runKeepalived(GROUP).messages.map((m) => m.message);
    expect(t.some((m) => m.includes('has no entries - removing'))).toBe(true);
  }, 30_000);

  it.skipIf(!daemonProbes)('the daemon reads server ports with something after them', async () => {
    const { text } = await runDaemon(SERVERS.replace('10.0.0.9 80 {', '10.0.0.9 80x {'));
    for (const [line, word] of [[1, '80x'], [5, '81x'], [8, '82x']] as const) expect(text).toContain(`Line ${line}) WARNING - invalid number '${word}'`);
    // Under -t the virtual server is skipped: its real server's line is never read.
    const t = runKeepalived(SERVERS.replace('10.0.0.9 80 {', '10.0.0.9 80x {'));
    expect(t.messages.some((m) => m.line === 1 && m.message.includes('skipping'))).toBe(true);
    expect(t.messages.some((m) => m.line === 5)).toBe(false);
  }, 30_000);

  it.skipIf(!daemonProbes)('the daemon uses the leading number of exactly the arguments the table marks', async () => {
    const { probes } = await runDaemonProbe();
    const used = probes.filter((p) => p.verdict === 'daemon-uses').map((p) => `${p.id}#${p.arg}`).sort();
    const probed = new Set(probes.map((p) => `${p.id}#${p.arg}`));
    const marked = TARGET.flatMap((s) => s.args.flatMap((a, i) => (a.daemon_reads_leading ? [`${s.id}#${i}`] : []))).filter((k) => probed.has(k)).sort();
    expect(used).toEqual(marked);
    expect(used.length).toBeGreaterThanOrEqual(87);
  }, 60_000);
});

// Session 60's mistakes audit: `192.168.10.100/33` is a VIP keepalived (2.0.7 on) reports and adds as /32 ("Invalid
// address prefix len 33 for address 192.168.10.100/33 - using 32"; the 2.2.7 daemon in a namespace: 192.168.10.100/32
// on the interface); KA516 called it no VIP. A '+' or leading zeros (`/+24`, `/0024`) are strtoul's: 2.2.7 -t is silent.
describe('a prefix length keepalived replaces by the full length: still the VIP it becomes', () => {
  const LONG = conf(
    'vrrp_instance V {', '  interface eth0', '  state MASTER', '  virtual_router_id 9', '  priority 150', '  virtual_ipaddress {',
    '    192.168.10.100/33', '    192.168.10.101/-1', '    192.168.10.102/33x', '    192.168.10.103/+24', '    192.168.10.104/0024', '  }', '}',
    'virtual_server 192.168.10.100 80 {', '  lb_algo wlc', '  lb_kind DR', '  protocol TCP', '  real_server 10.20.0.11 80 {', '    weight 1', '  }', '}',
  );
  const SIX = conf('vrrp_instance W {', '  interface eth0', '  virtual_router_id 10', '  virtual_ipaddress {', '    2001:db8::5/129', '  }', '}');

  it('KA205 says what keepalived adds, with it as the fix; the model holds that address', () => {
    const ds = findings(LONG, 'KA205');
    expect(ds.map((d) => [d.range.start.line + 1, d.severity, d.message])).toEqual([
      [7, 'error', `'virtual_ipaddress' prefix length /33 of '192.168.10.100/33' is longer than IPv4's 32 bits: keepalived reports it ("Invalid address prefix len 33 for address 192.168.10.100/33 - using 32") and adds the address as 192.168.10.100/32; write 192.168.10.100/32, or the length you meant`],
      [8, 'error', `'virtual_ipaddress' prefix length /-1 of '192.168.10.101/-1' is negative: keepalived reports it ("Invalid address prefix len -1 for address 192.168.10.101/-1 - using 32") and adds the address as 192.168.10.101/32; write 192.168.10.101/32, or the length you meant`],
      [9, 'error', `'virtual_ipaddress' prefix length /33x of '192.168.10.102/33x' reads as 33, longer than IPv4's 32 bits: keepalived reports it ("Invalid address prefix len 33x for address 192.168.10.102/33x - using 32") and adds the address as 192.168.10.102/32; write 192.168.10.102/32, or the length you meant`],
    ]);
    expect(ds.map((d) => d.fix?.edits[0]?.newText)).toEqual(['192.168.10.100/32', '192.168.10.101/32', '192.168.10.102/32']);
    expect(findings(SIX, 'KA205')[0]?.message).toContain("prefix length /129 of '2001:db8::5/129' is longer than IPv6's 128 bits: keepalived reports it (\"Invalid address prefix len 129 for address 2001:db8::5/129 - using 128\") and adds the address as 2001:db8::5/128");
    const vips = analyze(LONG, {}).model.vrrpInstances[0]!.virtualIpaddresses.map((a) => `${a.prefix?.address}/${a.prefix?.length}`);
    expect(vips).toEqual(['192.168.10.100/32', '192.168.10.101/32', '192.168.10.102/32', '192.168.10.103/24', '192.168.10.104/24']);
  });

  it('KA516 counts it as the VIP it becomes (before 2.0.7 the kernel refuses such an address: still none)', () => {
    expect(findings(LONG, 'KA516')).toEqual([]);
    // 1.3.5's daemon: "Netlink: error: Invalid argument" for /33 and /-1 (atoi into a byte), the address never comes up.
    expect(findings(LONG, 'KA516', '2.0.6')).toHaveLength(1);
    expect(findings(LONG, 'KA205', '2.0.6').map((d) => d.message)).toContain("'virtual_ipaddress' expects an address with an optional /prefix, got '192.168.10.100/33'");
  });

  it('a prefix with a + or leading zeros is a length like any other', () => {
    expect(findings(LONG, 'KA205').filter((d) => d.range.start.line >= 9)).toEqual([]);
    expect(findings(conf('static_routes {', '  10.0.0.0/+8 dev eth0', '  10.1.0.0/0016 dev eth0', '}', 'static_rules {', '  from 10.2.0.0/+16 table 5 priority 5', '}'), 'KA330')).toEqual([]);
  });

  it.skipIf(!keepalivedAvailable())('keepalived -t reports each refused length at its line, and is silent on /+24 and /0024', () => {
    const run = runKeepalived(LONG);
    const at = (line: number) => run.messages.filter((m) => m.line === line).map((m) => m.message);
    expect(at(7)).toContain('Invalid address prefix len 33 for address 192.168.10.100/33 - using 32');
    expect(at(8)).toContain('Invalid address prefix len -1 for address 192.168.10.101/-1 - using 32');
    expect(at(9)).toContain('Invalid address prefix len 33x for address 192.168.10.102/33x - using 32');
    expect([...at(10), ...at(11)]).toEqual([]);
    expect(runKeepalived(SIX).messages.filter((m) => m.line === 5).map((m) => m.message)).toContain('Invalid address prefix len 129 for address 2001:db8::5/129 - using 128');
    expect(runKeepalived(conf('static_routes {', '  10.0.0.0/+8 dev lo', '  10.1.0.0/0016 dev lo', '}')).messages).toEqual([]);
  });

  it.skipIf(!daemonProbes)('the daemon adds them as /32 and /24', async () => {
    // The VRRP part only (the dump lists a full-length address without its /32).
    const { dump } = await runDaemon(LONG.slice(0, LONG.indexOf('virtual_server')), 'keepalived', { dump: true });
    for (const a of ['192.168.10.100', '192.168.10.101', '192.168.10.102', '192.168.10.103/24', '192.168.10.104/24']) expect(dump).toContain(`     ${a} dev eth0 scope global`);
  }, 30_000);
});

// mistakes61: range errors that gave only the range. keepalived 2.2.7 and 2.0.19 -t: `interval 0`, `timeout 0`,
// `smtp_connect_timeout 0` and the garp_master_(refresh_)repeat lines "must be greater than 0, setting to 1" (any other
// bad value "- ignoring"); `delay_loop 0`, `connect_timeout 0` (virtual_server, real_server, checkers) "invalid - ignoring";
// a real_server's `weight -1` "is outside range 0-2147483647" and its handler returns (keywords.json zero_sets, invalid_ignored).
describe('what keepalived does instead with a value out of range', () => {
  const text = conf(
    'global_defs {', '  vrrp_garp_master_repeat 0', '  vrrp_garp_master_refresh_repeat 5000000000', '}',
    'vrrp_script chk {', '  script "/bin/true"', '  interval 0', '  timeout 5000', '}',
    'virtual_server 10.0.0.1 80 {', '  delay_loop 0', '  connect_timeout 0', '  lb_algo rr', '  lb_kind NAT', '  protocol TCP',
    '  real_server 10.0.0.5 80 {', '    weight -1', '    TCP_CHECK {', '      connect_timeout 0', '    }', '  }', '}',
  );
  const said = (v?: string) => findings(text, 'KA205', v).map((d) => `${d.range.start.line + 1} ${/; keepalived reports it and (uses 1 instead|ignores the line)/.exec(d.message)?.[1] ?? d.message}`);
  it('says it for 2.0.7 and later', () => {
    const want = ['2 uses 1 instead', '3 ignores the line', '7 uses 1 instead', '8 ignores the line', '11 ignores the line', '12 ignores the line', '17 ignores the line', '19 ignores the line'];
    expect(said()).toEqual(want);
    expect(said('2.0.19')).toEqual(want);
  });
  it('leaves the loose readings before 2.0.7 to their own message', () => {
    expect(said('1.3.5').filter((s) => / (uses 1 instead|ignores the line)$/.test(s))).toEqual([]);
  });
});

// fuzz63 bugs 4, 5, 7 and 8: keepalived's readers skip white space before a number and read a sign (strtoul,
// strtoull), while kalint looked at the word's first character. read_unsigned (lib/parser.c, 2.0.7 to 2.4.3)
// calls any '-' after the white space "negative number" ('-0' and a quoted " -0" alike), which -t refuses; the
// running daemon keeps what strtoul read when it is in range, so `-0` is 0 there. The fixed-point reader of
// timers (2.2.3 on) refuses a '-' only as the first character: `"  -0"` is 0, `"\t-5"` wraps around, silently.
describe('white space and a sign before a number', () => {
  const NUMBERS = conf(
    'vrrp_instance VI_1 {',
    '  interface eth0',
    '  virtual_router_id 1',
    '  priority 100',
    '  garp_master_delay " -0"',
    '  garp_extra_if -0',
    '  preempt_delay "  -0"',
    '  virtual_ipaddress {',
    '    192.0.2.9',
    '    "192.0.2.10/ 24"',
    '    "192.0.2.11/\t24"',
    '    "192.0.2.12/ -0"',
    '  }',
    '}',
    'virtual_server 192.0.2.1 80 {',
    '  lb_algo rr',
    '  lb_kind NAT',
    '  protocol TCP',
    '  hysteresis " -0"',
    '  delay_loop "\t-5"',
    '  delay_before_retry "\t-5"',
    '  warmup "  -0"',
    '  connect_timeout " -0"',
    '  real_server 192.0.2.2 80 {',
    '    weight "  -0"',
    '    TCP_CHECK {',
    '      retry "\t-0"',
    '      connect_timeout "\t-5"',
    '    }',
    '  }',
    '}',
  );
  const VS_PORTS = conf('virtual_server 192.0.2.1 80 {', '  lb_algo rr', '  lb_kind NAT', '  protocol TCP', '  real_server 192.0.2.2 " -0" {', '  }', '  real_server 192.0.2.3 -0 {', '  }', '}');
  const byLine = () => {
    const m = new Map<number, string>();
    for (const d of lintText(NUMBERS, { file: 'keepalived.conf' }).diagnostics) if (d.code === 'KA205') m.set(d.range.start.line + 1, d.message);
    return m;
  };
  // What keepalived 2.2.7 and 2.4.3 -t print (the lines without a message are accepted).
  const REFUSED = [5, 6, 12, 19, 23, 25, 27, 28];

  it('KA205 reports the lines -t refuses, with what the daemon uses, and no other', () => {
    const m = byLine();
    expect([...m.keys()].filter((l) => l !== 20 && l !== 21).sort((a, b) => a - b)).toEqual(REFUSED);
    for (const line of [5, 19, 25, 27]) expect(m.get(line)).toContain("cannot be negative (");
    expect(m.get(25)).toBe("'weight' cannot be negative ('  -0'): keepalived -t does not use it, but the running daemon only logs a warning and uses 0 ('-0' is the number 0); write 0");
    expect(m.get(6)).toBe("'garp_extra_if' cannot be negative ('-0'): keepalived -t does not use it, but the running daemon only logs a warning and uses 0 ('-0' is the number 0); write 0; keepalived -t reads no further and ignores the line");
    expect(m.get(12)).toContain('keepalived -t reports a negative number and uses /32, but the running daemon only logs a warning and uses /0');
    expect(m.get(23)).toContain('is outside [0.000001, 4294.967295] s');
    expect(m.get(28)).toContain('wraps the negative number around to 18446744073704.551616 s (about 585 thousand years), outside [0.000001, 4294.967295] s');
  });

  it('a timer with blanks before its "-": 0 is fine, another number wraps around silently (an error all the same)', () => {
    const m = byLine();
    for (const line of [7, 22]) expect(m.has(line)).toBe(false);
    expect(m.get(20)).toBe("'delay_loop' '\t-5' has blanks before its '-': keepalived's reader refuses a '-' only as the first character, and strtoull skips the blanks and wraps the negative number around to 18446744073704.551616 s (about 585 thousand years), and keepalived -t says nothing; write the number without the '-'");
    expect(m.get(21)).toContain('keepalived -t says nothing');
    // 2.0.19 read timers with strtod: "  -0" is -0.0 (taken), "\t-5" is -5 (out of range).
    const old = findings(NUMBERS, 'KA205', '2.0.19').map((d) => d.range.start.line + 1);
    expect(old).not.toContain(7);
    expect(old).not.toContain(22);
    expect(old).toContain(20);
  });

  it('the model holds what the daemon uses: weight 0, the wrapped delay, /24 and /0', () => {
    const { model } = analyze(NUMBERS, { file: 'keepalived.conf' });
    const vs = model.virtualServers[0]!;
    expect(vs.realServers[0]!.weight).toBe(0);
    expect(vs.delayLoop).toBe(18446744073704.551616);
    const vips = model.vrrpInstances[0]!.virtualIpaddresses.map((v) => `${v.prefix?.address}/${v.prefix?.length}`);
    expect(vips).toEqual(['192.0.2.9/undefined', '192.0.2.10/24', '192.0.2.11/24', '192.0.2.12/0']);
  });

  it("a server's port ' -0' is a negative number, as keepalived says, not a 0 written otherwise", () => {
    const servers = VS_PORTS;
    expect(findings(servers, 'KA205').map((d) => d.message)).toEqual([
      "'real_server' port cannot be negative (' -0'); keepalived skips this real_server block and everything in it",
      "'real_server' port cannot be negative ('-0'); keepalived skips this real_server block and everything in it",
    ]);
  });

  it.skipIf(!keepalivedAvailable())('keepalived -t reports the ports as negative numbers', () => {
    const messages = runKeepalived(VS_PORTS).messages.map((m) => `${m.line}: ${m.message}`);
    expect(messages).toContain("5: negative number ' -0'");
    expect(messages).toContain("7: negative number '-0'");
  });

  it.skipIf(!keepalivedAvailable())('keepalived -t reports exactly those lines', () => {
    const run = runKeepalived(NUMBERS);
    expect([...new Set(run.messages.map((m) => m.line))].sort((a, b) => a! - b!)).toEqual(REFUSED);
    expect(run.messages.filter((m) => m.line === 25).map((m) => m.message)).toContain("negative number '  -0'");
  });

  // Without IPVS on the host the checker process ends the daemon after reading its part: its log is all there is of it.
  it.skipIf(!daemonProbes)('the daemon uses weight 0 for "  -0" (its quorum check counts 0)', async () => {
    const { text } = await runDaemon(NUMBERS);
    expect(text).toContain("Line 25) WARNING - negative number '  -0'");
    expect(text).toContain('exceeds total weight of real servers 0, reducing quorum to 0');
  }, 30_000);

  it.skipIf(!daemonProbes)('the daemon adds "/ 24" as /24 and "/ -0" as /0', async () => {
    const { dump } = await runDaemon(NUMBERS.split('virtual_server')[0]!, 'keepalived', { dump: true });
    expect(dump).toContain('192.0.2.10/24 dev eth0');
    expect(dump).toContain('192.0.2.11/24 dev eth0');
    expect(dump).toContain('192.0.2.12/0 dev eth0');
  }, 30_000);
});
