// Regressions from argument-shape fuzzing of every 2.2.7 keyword against keepalived 2.2.7: each
// keyword in a minimal block, its arguments at range edges, in odd spellings, missing, doubled or
// too long, one small config per case. Each test quotes what the binary said.

import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/core/index.js';
import { checkArg } from '../server/src/core/analysis/values.js';
import type { ArgSpec } from '../server/src/core/schema/schema.js';
import { lintText } from '../server/src/linter.js';
import { keepalivedAvailable, keepalivedVersion, runKeepalived, runKeepalivedAsync } from './helpers/keepalived.js';
import { releaseBinary, runRelease } from './helpers/releases.js';

const is227 = keepalivedAvailable() && keepalivedVersion() === '2.2.7';

function at(text: string, targetVersion?: string): string[] {
  return lintText(text, { file: 'keepalived.conf', targetVersion }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`);
}
function messages(text: string, code: string, targetVersion?: string): string[] {
  return lintText(text, { file: 'keepalived.conf', targetVersion }).diagnostics.filter((d) => d.code === code).map((d) => d.message);
}

const VS = (header: string, body = '') => `virtual_server ${header} {\n  lb_algo rr\n  lb_kind NAT\n  protocol TCP\n${body}  real_server 192.0.2.21 80 {\n    weight 1\n  }\n}\n`;

describe('vrrp_rx_bufs_policy read as an unsigned size', () => {
  const spec: ArgSpec = { name: 'policy', type: 'enum_or_unsigned', values: ['MTU', 'ADVERT'], min: 0, max: 4294967295 };
  it('takes "" as 0 (keepalived -t says nothing)', () => {
    expect(checkArg(spec, '', 'vrrp_rx_bufs_policy')).toBeUndefined();
  });
  it("rejects '-0' (keepalived: \"negative number '-0'\", \"Invalid vrrp_rx_bufs_policy -0\")", () => {
    expect(checkArg(spec, '-0', 'vrrp_rx_bufs_policy')?.severity).toBe('error');
    expect(checkArg(spec, '0', 'vrrp_rx_bufs_policy')).toBeUndefined();
  });
});

// acassen/keepalived#1370 posted 'virtual_server 192.168.0.200 80 80 {': vs_handler passes only the
// second and third words to alloc_vs, and keepalived -t says nothing about the fourth.
describe('a virtual_server with a word after its service', () => {
  it('is a warning on the extra word, whatever the service form', () => {
    expect(messages(VS('192.0.2.1 80 80'), 'KA204')).toEqual(["'virtual_server' takes 2 words before '{'; keepalived silently ignores '80'"]);
    expect(at(VS('fwmark 5 6'))).toContain('1:KA204');
    expect(at(VS('group G1 extra'))).toContain('1:KA204');
    expect(at(VS('192.0.2.1 80')).filter((c) => c === '1:KA204')).toEqual([]);
    expect(at(VS('fwmark 5')).filter((c) => c === '1:KA204')).toEqual([]);
  });
  it.runIf(is227)('is accepted by keepalived 2.2.7 without a word', () => {
    const r = runKeepalived(VS('192.0.2.1 80 80'));
    expect(r.stderr).not.toMatch(/Line 1\)/);
  });
});

// acassen/keepalived#1082 posted 'alpha 1' and 'omega 1' in a virtual_server: vs_alpha_handler and
// omega_handler (check_parser.c) set the flag without reading a word, as vrrp_nopreempt_handler does,
// so 'alpha off' or 'nopreempt false' switches the option on; keepalived -t says nothing.
describe('an on/off flag that reads no value, followed by an off word', () => {
  it('is an error saying the line turns the option on', () => {
    expect(messages(VS('192.0.2.1 80', '  alpha off\n  omega 0\n'), 'KA204')).toEqual([
      "'alpha off' turns 'alpha' ON: keepalived reads no value after 'alpha' and ignores 'off' without a word (keepalived -t does not report it); remove the line to leave it off",
      "'omega 0' turns 'omega' ON: keepalived reads no value after 'omega' and ignores '0' without a word (keepalived -t does not report it); remove the line to leave it off",
    ]);
    const nopreempt = lintText('vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 1\n  nopreempt false\n  virtual_ipaddress {\n    192.0.2.10\n  }\n}\n', { file: 'keepalived.conf' }).diagnostics.find((d) => d.code === 'KA204');
    expect(nopreempt?.severity).toBe('error');
    // Found by fuzzing harvested configs ('nopreempt Disable'): keepalived -t accepts such a file silently,
    // so the finding says so (the differential checks count an error on a silent file as false unless it does).
    expect(nopreempt?.message).toContain('-t does not report it');
    // An "on" word is only ignored: a warning, as before.
    expect(lintText(VS('192.0.2.1 80', '  alpha 1\n'), { file: 'keepalived.conf' }).diagnostics.find((d) => d.code === 'KA204')?.severity).toBe('warning');
  });
});

describe.runIf(is227)('an off word after a flag, against keepalived 2.2.7', () => {
  it('is accepted silently: exit 0 and no message, for a flag and for vrrp_strict before 2.3.0', () => {
    const text = 'global_defs {\n  vrrp_strict off\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 1\n  nopreempt Disable\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n';
    const r = runKeepalived(text);
    expect(r.exitStatus).toBe(0);
    expect(r.messages).toEqual([]);
    const d = lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((x) => x.code === 'KA204');
    expect(d.map((x) => `${x.range.start.line + 1}: ${x.severity}`)).toEqual(['2: error', '7: error']);
    for (const x of d) expect(x.message).toContain('-t does not report it');
  });
});

describe('a virtual_server port or fwmark with a leading +', () => {
  it('is read by strtoul: no finding (keepalived -t accepts virtual_server 192.0.2.1 +80)', () => {
    expect(at(VS('192.0.2.1 +80')).filter((c) => c.startsWith('1:'))).toEqual([]);
    expect(at(VS('fwmark +5')).filter((c) => c === '1:KA205')).toEqual([]);
    expect(at(VS('192.0.2.1 80x')).filter((c) => c === '1:KA205')).toEqual(['1:KA205']);
  });
});

describe('virtual_server fwmark / group without its word', () => {
  const text = 'virtual_server fwmark {\n  lb_algo rr\n}\n';
  it('says keepalived crashes, from 2.0.7 (2.0.7 to 2.4.3 built from their tags exit 139 under -t)', () => {
    expect(messages(text, 'KA203')[0]).toMatch(/crashes/);
    expect(messages('virtual_server group {\n  lb_algo rr\n}\n', 'KA203')[0]).toMatch(/crashes/);
    expect(messages(text, 'KA203', '2.0.6')[0]).not.toMatch(/crashes/);
  });
  it.skipIf(!keepalivedAvailable())('crashes keepalived -t', async () => {
    expect((await runKeepalivedAsync(text)).signal).toBe('SIGSEGV');
  });
});

describe('the first virtual_server refused for its address, without its {', () => {
  const bad = 'virtual_server 256.1.1.1 80\n  lb_algo rr\n}\n';
  const before = 'virtual_server 192.0.2.5 80 {\n  lb_algo rr\n  real_server 192.0.2.6 80 {\n  }\n}\n';
  it('crashes keepalived 2.0.7 to 2.2.7; after another virtual_server it may not', () => {
    expect(messages(bad, 'KA104').join()).toMatch(/2\.2\.7 crashes at the '\}' that ends them/);
    expect(messages(bad, 'KA104', '2.2.8').join()).toMatch(/applies none of the others/);
    expect(messages(before + bad, 'KA104').join()).toMatch(/may crash/);
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7 (abort after "free(): invalid pointer"; exit 5 after a virtual_server)', async () => {
    expect((await runKeepalivedAsync(bad)).signal).toBe('SIGABRT');
    expect((await runKeepalivedAsync(before + bad)).signal).toBeUndefined();
  });
});

describe('a block skipped without its {, from 2.2.8: its lines configure nothing', () => {
  // From 2.2.8 (516032ec) keepalived runs a keyword's handler only while its object exists. The lines of a block
  // refused without a '{' to skip are still looked up, but none is applied or checked; a value list's handler, which
  // would read its lines, does not run either, so its '{' is unexpected, its lines are unknown keywords and its '}'
  // ends the block. Found on keepalived's own man page committed as a config (2.3.3, 2.4.3: 54 messages missed).
  const vrrp = 'vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 1\n  priority 100\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n' +
    'vrrp_instance VI_1\n  priority 300\n  virtual_ipaddress {\n    10.0.0.2\n  }\n  advert_int x\n  authentication {\n    auth_pass 123456789\n  }\n}\n';
  const vs = 'virtual_server 999.0.0.1 80\n  delay_loop abc\n  unknown_kw x\n  real_server 10.0.0.3 80 {\n    weight abc\n    TCP_CHECK {\n      connect_timeout x\n    }\n  }\n}\n';
  const found = (text: string, target: string) => lintText(text, { file: 'keepalived.conf', targetVersion: target }).diagnostics
    .filter((d) => !/processes that skip this/.test(d.message))
    .map((d) => `${d.range.start.line + 1}:${d.code}`);
  it('reports what the owning process reports: unknown keywords and braces, no argument checks', () => {
    expect(found(vrrp, '2.2.8')).toEqual(['9:KA209', '10:KA104', '11:KA103', '12:KA201', '14:KA202', '15:KA202', '15:KA103', '16:KA202', '17:KA103', '18:KA101']);
    expect(found(vs, '2.4.3')).toEqual(['1:KA205', '2:KA104', '3:KA201', '10:KA101']);
    // 2.2.7 applies them to the block read before, or to memory that is not one, checking each as it goes.
    expect(found(vrrp, '2.2.7')).toEqual(expect.arrayContaining(['10:KA205', '14:KA205']));
    expect(found(vs, '2.2.7')).toEqual(expect.arrayContaining(['2:KA205', '5:KA205', '7:KA205']));
  });
  for (const version of ['2.2.8', '2.4.3']) {
    const binary = releaseBinary(version);
    it.skipIf(!binary)(`agrees with keepalived ${version}`, () => {
      // The owning process's messages, and the lines the others read at the top level.
      const said = (text: string) => [...new Set(runRelease(binary!, text).messages.filter((m) => m.line !== undefined && !/doesn't exist|Non-existent/.test(m.message)).map((m) => `${m.line}: ${m.message}`))];
      expect(said(vrrp)).not.toContain('10: (VI_1) Priority not in range 1-255 (300)');
      expect(said(vrrp)).toEqual(expect.arrayContaining(["11: Unexpected '{' - ignoring", "12: Unknown keyword '10.0.0.2'", "13: Unknown keyword '}'", "14: Unknown keyword 'advert_int'", "18: Extra '}' found"]));
      expect(said(vs).filter((m) => /invalid|outside|ignoring/i.test(m) && !/Unexpected/.test(m))).toEqual(['1: Invalid virtual server IP address/port 999.0.0.1/80 - skipping']);
    });
  }
});

describe('a vrrp_instance skipped for its name that the file ends inside', () => {
  // Found by the include fuzzer (seed 208 against 2.2.7): the glob read the file holding the block twice.
  const part = 'vrrp_instance VI_1 extra {\n';
  const main = 'include inc/p1.conf\n  interface eth0\ninclude inc/p1.conf\n}\n';
  const ka102 = (text: string, target?: string) => lintText(text, { file: 'keepalived.conf', targetVersion: target }).diagnostics.filter((d) => d.code === 'KA102').map((d) => d.message).join();
  it('says releases before 2.2.8 may crash, unless an instance was read before it', () => {
    expect(ka102(part)).toMatch(/never created.*may crash/);
    expect(ka102('vrrp_instance {\n  interface eth0\n')).toMatch(/may crash/);
    expect(ka102(part, '2.2.8')).not.toMatch(/crash/);
    expect(ka102(part, '2.0.19')).not.toMatch(/crash/);
    expect(ka102('vrrp_instance VI_1 {\n  priority 100\n}\nvrrp_instance VI_1 {\n')).not.toMatch(/crash/);
    expect(ka102('vrrp_instance VI_1 {\n  priority 100\n')).not.toMatch(/crash/);
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7 (abort after "free(): invalid next size")', async () => {
    const r = await runKeepalivedAsync(main, { files: { 'inc/p1.conf': part } });
    expect(r.signal).toBe('SIGABRT');
    expect(r.stderr).toContain('free(): invalid next size');
  });
});

describe('a UDP_CHECK hex string ending in byte ff', () => {
  const text = (hex: string) => VS('192.0.2.1 80', `  real_server 192.0.2.22 80 {\n    UDP_CHECK {\n      payload ${hex}\n    }\n  }\n`);
  it('is reported for 2.2.0 to 2.3.2 (keepalived: "Invalid hex string for UDP_CHECK payload")', () => {
    expect(at(text('00ff'))).toContain('7:KA205');
    expect(at(text('00 FF'))).toContain('7:KA205');
    expect(at(text('ff0a'))).not.toContain('7:KA205');
    expect(at(text('fff'))).not.toContain('7:KA205'); // the last byte is 0f
    expect(at(text('00ff'), '2.3.3')).not.toContain('7:KA205');
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7', () => {
    expect(runKeepalived(text('00ff')).messages.filter((m) => m.line === 7).map((m) => m.message)).toEqual(['Invalid hex string for UDP_CHECK payload']);
    expect(runKeepalived(text('fff')).messages.filter((m) => m.line === 7)).toEqual([]);
  });
});

describe('a checker bindto with a /prefix', () => {
  const text = VS('192.0.2.1 80', '  real_server 192.0.2.22 80 {\n    TCP_CHECK {\n      bindto 2001:db8::1/128\n    }\n  }\n');
  it('is read as the address before the / (keepalived: "bindto address 2001:db8::1/128 does not match address family of connect_ip - skipping")', () => {
    expect(at(text)).toContain('7:KA530');
  });
});

describe('a track_file defined after the instance that tracks it, with another track file defined before', () => {
  const tf = (name: string) => `track_file ${name} {\n  file /tmp/${name}\n}\n`;
  const inst = 'vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 26\n  priority 100\n  virtual_ipaddress {\n    192.0.2.1\n  }\n  track_file {\n    TF_1\n  }\n}\n';
  it('is still ignored by the running daemon; the finding says why keepalived -t is silent, and that it can crash there', () => {
    const withEarlier = `${tf('TF_0')}${inst}${tf('TF_1')}`;
    // 2.2.7 reads past its list here: silent in the test's folder, SIGSEGV for /tmp/a/keepalived.conf.
    expect(messages(withEarlier, 'KA315')[0]).toMatch(/defined only after 'VI_1'.*keepalived -t usually says nothing here.*crashes instead.*"track file TF_1 not found, ignoring\.\.\."/);
    expect(messages(`${inst}${tf('TF_1')}`, 'KA315')[0]).not.toMatch(/says nothing|crash/);
    // 2.0.19 has no such bug: it reports the name.
    expect(messages(withEarlier, 'KA315', '2.0.19')[0]).not.toMatch(/says nothing|crash/);
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7 -t (silent with the earlier track file, "not found" without it)', () => {
    expect(runKeepalived(`${tf('TF_0')}${inst}${tf('TF_1')}`).messages.map((m) => m.message)).not.toContainEqual(expect.stringMatching(/not found/));
    expect(runKeepalived(`${inst}${tf('TF_1')}`).messages.map((m) => `${m.line}:${m.message}`)).toContain('9:(VI_1) track file TF_1 not found, ignoring...');
  });
});

describe('track_group on a static address, route or rule', () => {
  const group = 'track_group TG {\n  group {\n    VI_1\n  }\n}\n';
  it('must name a track_group defined before the line (keepalived: "track_group x not found")', () => {
    expect(at('static_ipaddress {\n  192.0.2.50 dev eth0 track_group x\n}\n')).toContain('2:KA315');
    expect(at('static_routes {\n  198.51.100.0/24 dev eth0 track_group x\n}\n')).toContain('2:KA315');
    expect(at('static_rules {\n  from 192.0.2.1 table 100 priority 5 track_group x\n}\n')).toContain('2:KA315');
    expect(at(`${group}static_ipaddress {\n  192.0.2.50 dev eth0 track_group TG\n}\n`)).not.toContain('7:KA315');
    const later = `static_ipaddress {\n  192.0.2.50 dev eth0 track_group TG\n}\n${group}`;
    expect(messages(later, 'KA315')[0]).toMatch(/defined only after/);
  });
  it("is no option of an instance's own routes and rules (keepalived: \"unknown route keyword track_group\", \"Unknown rule option track_group\")", () => {
    const inst = (block: string, line: string) => `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 5\n  priority 100\n  virtual_ipaddress {\n    192.0.2.1\n  }\n  ${block} {\n    ${line}\n  }\n}\n`;
    expect(at(inst('virtual_routes', '198.51.100.0/24 dev eth0 track_group x'))).toContain('9:KA330');
    expect(at(inst('virtual_rules', 'from 192.0.2.1 table 100 priority 5 track_group x'))).toContain('9:KA330');
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7', () => {
    expect(runKeepalived('static_ipaddress {\n  192.0.2.50 dev eth0 track_group x\n}\n').messages.map((m) => `${m.line}:${m.message}`)).toContain('2:track_group x not found');
  });
});

describe('a route pref', () => {
  it('is IPv6 only (keepalived: "pref is only valid for IPv6") and low, medium, high or 0..255 ("Invalid pref value bogus specified for route")', () => {
    expect(at('static_routes {\n  198.51.100.0/24 dev eth0 pref high\n}\n')).toContain('2:KA330');
    expect(at('static_routes {\n  2001:db8:1::/64 dev eth0 pref bogus\n}\n')).toContain('2:KA330');
    expect(at('static_routes {\n  2001:db8:1::/64 dev eth0 pref 256\n}\n')).toContain('2:KA330');
    expect(at('static_routes {\n  2001:db8:1::/64 dev eth0 pref high\n  2001:db8:2::/64 dev eth0 pref 5\n}\n')).toEqual([]);
  });
});

describe('vrf lo after an interface', () => {
  it('is compared with the interface before the loopback check (keepalived: "Cannot specify VRF interface and interface - ignoring")', () => {
    const text = 'vrrp_instance VI_1 {\n  interface eth0\n  vrf lo\n  virtual_router_id 5\n  priority 100\n  virtual_ipaddress {\n    192.0.2.1\n  }\n}\n';
    expect(at(text)).toContain('3:KA364');
  });
});

describe('a path component over 255 bytes', () => {
  const long = 'x'.repeat(256);
  it('is an error for config_save_dir, which keepalived checks while reading (keepalived: "config_save_dir xxx… error 36 - File name too long")', () => {
    const a = analyze(`global_defs {\n  config_save_dir /tmp/${long}\n}\n`);
    expect(a.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}:${d.severity}`)).toEqual(['2:KA205:error']);
    expect(analyze(`global_defs {\n  config_save_dir /tmp/${'x'.repeat(255)}\n}\n`).diagnostics).toEqual([]);
  });
  it('is a warning for the paths keepalived opens later', () => {
    const a = analyze(`track_file tf {\n  file /tmp/${long}\n}\n`);
    expect(a.diagnostics.filter((d) => d.code === 'KA205').map((d) => d.severity)).toEqual(['warning']);
  });
});

// Lines with two bad words, measured with keepalived 2.2.7 (a sweep of every keyword with two or more
// checked arguments, and of address, route and rule lines with two bad options): some handlers stop at
// the first bad value and never look at the rest (after_invalid "stops" in keywords.json), others go
// on and report each. `kalint` lists the words kalint flags on the line (KA205, KA204), `keepalived` what the binary
// says there (each message once).
describe('a line with two bad arguments', () => {
  const vs = (check: string) => `virtual_server 192.0.2.1 80 {\n  real_server 192.0.2.22 80 {\n${check}  }\n}\n`;
  const cases: { name: string; text: string; line: number; kalint: string[]; keepalived: string[] }[] = [
    // stops at the first bad value
    { name: 'vrrp_cpu_affinity x z', text: 'global_defs {\n  vrrp_cpu_affinity x z\n}\n', line: 2, kalint: ['x'], keepalived: ["invalid number 'x'", 'Invalid cpu_id:0 specified for vrrp process'] },
    { name: 'vrrp_cpu_affinity 0 z', text: 'global_defs {\n  vrrp_cpu_affinity 0 z\n}\n', line: 2, kalint: ['z'], keepalived: ["invalid number 'z'", 'Invalid cpu_id:0 specified for vrrp process'] },
    { name: 'vrrp_garp_extra_if x bogus', text: 'global_defs {\n  vrrp_garp_extra_if x bogus\n}\n', line: 2, kalint: ['x'], keepalived: ["invalid number 'x'", "vrrp_garp_extra_if 'x' invalid - ignoring"] },
    { name: 'vrrp_garp_extra_if 1 bogus', text: 'global_defs {\n  vrrp_garp_extra_if 1 bogus\n}\n', line: 2, kalint: ['bogus'], keepalived: ["invalid number 'bogus'", "vrrp_garp_extra_if 'bogus' invalid - ignoring"] },
    { name: 'vrrp_track_process weight x bogus', text: 'vrrp_track_process p {\n  process keepalived\n  weight x bogus\n}\n', line: 3, kalint: ['x'], keepalived: ["invalid number 'x'", 'Weight (x) for vrrp_track_process p must be between [-254..254] inclusive. Ignoring...'] },
    { name: 'vrrp_track_process weight 5 bogus', text: 'vrrp_track_process p {\n  process keepalived\n  weight 5 bogus\n}\n', line: 3, kalint: ['bogus'], keepalived: ['vrrp_track_process p unknown weight option bogus'] },
    { name: 'FILE_CHECK weight x bogus', text: vs('    FILE_CHECK {\n      file /tmp/f\n      weight x bogus\n    }\n'), line: 5, kalint: ['x'], keepalived: ["invalid number 'x'", 'weight for track file must be in [-2147483647..2147483647] inclusive. Ignoring...'] },
    { name: 'FILE_CHECK weight 5 bogus', text: vs('    FILE_CHECK {\n      file /tmp/f\n      weight 5 bogus\n    }\n'), line: 5, kalint: ['bogus'], keepalived: ['unknown track file weight option bogus - ignoring'] },
    { name: 'UDP_CHECK payload xyz 0g', text: vs('    UDP_CHECK {\n      payload xyz 0g\n    }\n'), line: 4, kalint: ['xyz'], keepalived: ['Invalid hex string for UDP_CHECK payload'] },
    { name: 'UDP_CHECK payload 0a 0g', text: vs('    UDP_CHECK {\n      payload 0a 0g\n    }\n'), line: 4, kalint: ['0g'], keepalived: ['Invalid hex string for UDP_CHECK payload'] },
    { name: 'interface_up_down_delays lo -1 300', text: 'interface_up_down_delays {\n  lo -1 300\n}\n', line: 2, kalint: ['-1'], keepalived: ["negative number '-1'"] },
    { name: 'interface_up_down_delays lo 1 300', text: 'interface_up_down_delays {\n  lo 1 300\n}\n', line: 2, kalint: ['300'], keepalived: ["number '300' outside range [0.000000, 255.000000]"] },
    { name: 'linkbeat_interfaces, a 16-byte name and a bad method', text: `linkbeat_interfaces {\n  ${'x'.repeat(16)} bogus\n}\n`, line: 2, kalint: ['x'.repeat(16)], keepalived: [`unknown interface ${'x'.repeat(16)} specified for linkbeat interface`] },
    { name: 'linkbeat_interfaces, a 16-byte name, a method and an extra word', text: `linkbeat_interfaces {\n  ${'x'.repeat(16)} MII extra\n}\n`, line: 2, kalint: ['x'.repeat(16)], keepalived: [`unknown interface ${'x'.repeat(16)} specified for linkbeat interface`] },
    // reports each bad value
    { name: 'vrrp_script weight x bogus', text: 'vrrp_script s {\n  script /bin/true\n  weight x bogus\n}\n', line: 3, kalint: ['x', 'bogus'], keepalived: ["invalid number 'x'", 'vrrp_script s unknown weight option bogus', 'vrrp_script s weight x must be in [-253, 253]'] },
    { name: 'bfd_instance weight x bogus', text: 'bfd_instance b {\n  neighbor_ip 192.0.2.40\n  weight x bogus\n}\n', line: 3, kalint: ['x', 'bogus'], keepalived: ['Configuration error: BFD instance b unknown weight option bogus', 'Configuration error: BFD instance b weight value x not valid (must be in range [-253-253]), ignoring', "invalid number 'x'"] },
    { name: 'track_file weight x bogus', text: 'track_file t {\n  file /tmp/tf\n  weight x bogus\n}\n', line: 3, kalint: ['x', 'bogus'], keepalived: ['Weight (x) for track_file t must be between [-254..254] inclusive. Ignoring...', "invalid number 'x'", 'track_file t unknown weight option bogus'] },
    { name: 'track_file init_file x bogus', text: 'track_file t {\n  file /tmp/tf\n  init_file x bogus\n}\n', line: 3, kalint: ['x', 'bogus'], keepalived: ['Unknown track file init option bogus', 'Unknown track file init option x'] },
    { name: 'vrrp_rx_bufs_policy bogus bogus2', text: 'global_defs {\n  vrrp_rx_bufs_policy bogus bogus2\n}\n', line: 2, kalint: ['bogus', 'bogus2'], keepalived: ['Invalid vrrp_rx_bufs_policy bogus', 'Invalid vrrp_rx_bufs_policy bogus2', "invalid number 'bogus'"] },
  ];
  const flagged = (text: string, line: number) => {
    const lines = text.split('\n');
    return lintText(text, { file: 'keepalived.conf' }).diagnostics
      .filter((d) => (d.code === 'KA205' || d.code === 'KA204') && d.range.start.line + 1 === line)
      .map((d) => lines[line - 1]!.slice(d.range.start.column, d.range.end.column));
  };
  it.each(cases)('$name: kalint flags what keepalived reads', ({ text, line, kalint }) => {
    expect(flagged(text, line)).toEqual(kalint);
  });
  it('says what a handler that stops does with the rest of the line', () => {
    expect(messages('vrrp_track_process p {\n  process keepalived\n  weight x bogus\n}\n', 'KA205')).toEqual([
      "'weight' expects a whole number, got 'x' (keepalived: invalid number): keepalived -t does not use it, but the running daemon only logs a warning and uses 0 (the word has no leading number); keepalived -t reads no further ('bogus' goes unread) and ignores the line",
    ]);
  });
  it('keeps a silently ignored regex_stack a warning, once (keepalived logs "regex_stack invalid start value" and returns)', () => {
    const text = vs('    HTTP_GET {\n      url {\n        path /\n        regex_stack x y\n      }\n    }\n');
    expect(lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.code === 'KA205').map((d) => `${d.severity}:${d.message}`)).toEqual([
      "warning:'regex_stack' expects a whole number for start, got 'x' (keepalived: invalid number); keepalived reads no further ('y' goes unread) and ignores the line without a word",
    ]);
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7', async () => {
    const runs = await Promise.all(cases.map((c) => runKeepalivedAsync(c.text)));
    runs.forEach((run, i) => {
      const c = cases[i]!;
      expect([...new Set(run.messages.filter((m) => m.line === c.line).map((m) => m.message))].sort(), c.name).toEqual([...c.keepalived].sort());
    });
  });
});

// acassen/keepalived#1757 set a real server's weight to 0. Built from their tags: 2.0.9 and 2.0.14 print
// "number '0' outside range [1, 65535]" and "Real server weight 0 is outside range 1-65535"; 2.0.16 and 2.0.19
// take 0 but print "number '70000' outside range [0, 65535]"; 2.1.0 and later take both; 1.3.5 reads it with atoi.
describe('a real server weight in older releases (earlier_min, earlier_max)', () => {
  const rs = (w: string) => VS('192.0.2.1 80', '').replace('weight 1', `weight ${w}`);
  const weightLine = (w: string, v?: string) => at(rs(w), v).filter((c) => c === '6:KA205');
  it('follows each release range', () => {
    expect(weightLine('0', '2.0.9')).toEqual(['6:KA205']);
    expect(weightLine('0', '2.0.14')).toEqual(['6:KA205']);
    expect(weightLine('0', '2.0.19')).toEqual([]);
    expect(weightLine('70000', '2.0.19')).toEqual(['6:KA205']);
    expect(weightLine('70000', '2.1.0')).toEqual([]);
    expect(weightLine('0', '1.3.5')).toEqual([]);
    expect(weightLine('0')).toEqual([]);
  });
});

// A checker's delay_before_retry and warmup were read as whole seconds up to UINT_MAX / TIMER_HZ before 2.0.13 (read_timer
// since, no limit): the 2.0.10 build says "number '2147483648' outside range [0, 4294]" and "Invalid delay_before_retry
// connection value"; the 2.0.19 build is silent. The virtual_server and real_server defaults had no limit then either.
describe('a checker delay_before_retry or warmup beyond 4294 s before 2.0.13', () => {
  const text = (line: string, where = 'checker') =>
    where === 'checker'
      ? `virtual_server 10.0.0.1 80 {\n protocol TCP\n real_server 10.0.0.2 80 {\n  TCP_CHECK {\n   ${line}\n  }\n }\n}\n`
      : `virtual_server 10.0.0.1 80 {\n protocol TCP\n real_server 10.0.0.2 80 {\n  ${line}\n  TCP_CHECK {\n  }\n }\n}\n`;
  it('is out of range for 2.0.7 to 2.0.12 only, in a checker only', () => {
    for (const kw of ['delay_before_retry', 'warmup']) {
      expect(at(text(`${kw} 2147483648`), '2.0.10'), kw).toContain('5:KA205');
      expect(at(text(`${kw} 4294`), '2.0.10'), kw).not.toContain('5:KA205');
      for (const v of ['2.0.13', '2.0.19', '2.2.7']) expect(at(text(`${kw} 2147483648`), v), `${kw} ${v}`).not.toContain('5:KA205');
      expect(at(text(`${kw} 2147483648`, 'rs'), '2.0.10'), kw).not.toContain('4:KA205');
    }
  });
});

// 2.0.7 to 2.0.12 read a timer's word without checking it is there (read_timer, 1c7596ca to 44c6ea3a): the 2.0.10 build
// crashes (exit 139) on a bare delay_loop anywhere, a bare connect_timeout in a checker, and a bare delay_before_retry or
// warmup at the real_server or virtual_server level; in a checker those two are read otherwise and stop (exit 3), as every
// bare one does in the 2.0.19 build ("missing a parameter").
describe('a bare timer keyword in 2.0.7 to 2.0.12', () => {
  const rs = (line: string, checker = '') =>
    `virtual_server 10.0.0.1 80 {\n protocol TCP\n real_server 10.0.0.2 80 {\n  ${checker ? `${checker} {\n   ${line}\n  }` : line}\n  TCP_CHECK {\n  }\n }\n}\n`;
  const said = (text: string, v: string) => messages(text, 'KA203', v)[0] ?? '';
  it('crashes where read_timer read it', () => {
    for (const [line, checker] of [['delay_loop', ''], ['warmup', ''], ['delay_before_retry', ''], ['connect_timeout', 'TCP_CHECK'], ['delay_loop', 'HTTP_GET']] as const) {
      expect(said(rs(line, checker), '2.0.10'), `${checker} ${line}`).toContain('keepalived 2.0.10 crashes on this line');
      for (const v of ['2.0.13', '2.0.19', '2.2.7']) expect(said(rs(line, checker), v), `${checker} ${line} ${v}`).toContain('exits here with a configuration error');
    }
    expect(said(rs('warmup', 'TCP_CHECK'), '2.0.10')).toContain('exits here with a configuration error');
    // A bare url digest: 2.0.6 to 2.0.16 parse the missing word as hex (the 2.0.10 build: exit 139; 2.0.19: exit 3).
    const digest = rs('url {\n    path /\n    digest\n   }', 'HTTP_GET');
    expect(said(digest, '2.0.10')).toContain('keepalived 2.0.10 crashes on this line');
    expect(said(digest, '2.0.19')).toContain('exits here with a configuration error');
    expect(said(rs('delay_loop'), '2.0.6')).toContain('exits here with a configuration error');
  });
});

// 'reverse' after a vrrp_script, track_file or track_process weight came in 2.0.18 (79f7dbab, dc653b2d, bf90dae2): the 2.0.10
// build reads the number only and is silent on `weight -50 -50` and `weight -50 reverse`; 2.0.19 says "vrrp_script s unknown
// weight option -50". Also bare keywords whose handlers got nothing from set_value before 2.0.17 (ed7ca7d5): 2.0.10 is silent.
describe('what 2.0.10 reads of a weight, and of a bare router_id', () => {
  const script = (w: string) => `vrrp_script s {\n script "/bin/true"\n weight ${w}\n}\nvrrp_instance V {\n interface eth0\n virtual_router_id 5\n track_script {\n  s\n }\n virtual_ipaddress {\n  10.0.0.1\n }\n}\n`;
  it("reads no 'reverse' before 2.0.18", () => {
    expect(at(script('-50 -50'), '2.0.10')).toContain('3:KA204');
    expect(at(script('-50 -50'), '2.0.10')).not.toContain('3:KA205');
    expect(at(script('-50 -50'), '2.0.19')).toContain('3:KA205');
    expect(messages(script('-50 reverse'), 'KA204', '2.0.10')[0]).toContain("keepalived 2.0.10 reads no 'reverse' after the weight (it came in 2.0.18)");
    expect(messages(script('-50 reverse'), 'KA204', '2.0.18')).toEqual([]);
    expect(analyze(script('-50 reverse'), { targetVersion: '2.0.10' }).model.vrrpScripts[0]!.weightReverse).toBe(false);
    expect(analyze(script('-50 reverse'), { targetVersion: '2.0.18' }).model.vrrpScripts[0]!.weightReverse).toBe(true);
  });
  it('ignores a bare router_id silently before 2.0.17', () => {
    const text = 'global_defs {\n router_id\n}\n';
    const old = lintText(text, { file: 'k.conf', targetVersion: '2.0.10' }).diagnostics.filter((d) => d.code === 'KA203');
    expect(old.map((d) => [d.severity, d.message])).toEqual([['warning', "'router_id' is missing its name; keepalived 2.0.10 ignores the line without a word (2.0.17 and later report it)"]]);
    expect(lintText(text, { file: 'k.conf', targetVersion: '2.0.17' }).diagnostics.filter((d) => d.code === 'KA203').map((d) => d.severity)).toEqual(['error']);
    // A bare DNS_CHECK name and a bare url path too (2.0.10: exit 0 and silent on the name; the path-less url is then dropped).
    const dns = 'virtual_server 10.0.0.1 53 {\n protocol UDP\n real_server 10.0.0.2 53 {\n  DNS_CHECK {\n   name\n  }\n }\n}\n';
    expect(messages(dns, 'KA203', '2.0.10')[0]).toContain('keepalived 2.0.10 ignores the line without a word');
    expect(messages(dns, 'KA203', '2.2.7')[0]).toContain('exits here with a configuration error');
  });
  it('takes a bare line it ignores before 2.0.17 as setting nothing: the next line of the keyword is no repeat (generator seed 552)', () => {
    // The 2.0.10 build: silent on `file` then `file /tmp/a` in a vrrp_track_file (the bare line leaves no path).
    const bareFirst = 'vrrp_track_file tf {\n  file\n  file /tmp/a\n}\n';
    expect(lintText(bareFirst, { file: 'k.conf', targetVersion: '2.0.10' }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    // After a line that set the path, the bare one still repeats it.
    const bareAfter = 'vrrp_track_file tf {\n  file /tmp/a\n  file\n}\n';
    expect(lintText(bareAfter, { file: 'k.conf', targetVersion: '2.0.10' }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`)).toContain('3:KA209');
  });
});

// A blog's annotated config (a Chinese tutorial) leaves `notify_master #…` and `notify_backup #…` without their commands.
// Before 2.0.0 notify_script_init took the command with set_value, which gives nothing for a bare line: the script is
// kept with no name, and the security check at start-up (strchr on its name) kills the process. Measured with the 1.3.5
// and 1.3.9 builds (scripts/keepalived-1.3.5/run.sh): the VRRP child dies of SIGSEGV for a bare notify, notify_master,
// notify_backup, notify_fault or notify_stop in an instance and in a sync group; the checker child for notify_up,
// notify_down, quorum_up and quorum_down. From 2.0.0 the command is read with strvec_slot: "missing a parameter", and
// keepalived stops.
describe('a notify or quorum script keyword without its command, before 2.0.0', () => {
  const instance = (line: string) => `vrrp_instance V {\n  state BACKUP\n  interface eth0\n  virtual_router_id 5\n  priority 100\n  virtual_ipaddress {\n    10.0.0.1\n  }\n  ${line}\n}\n`;
  const server = 'virtual_server 10.0.0.9 80 {\n  lb_algo rr\n  lb_kind NAT\n  protocol TCP\n  quorum_up\n  real_server 192.168.1.3 80 {\n    notify_down\n    TCP_CHECK {\n      connect_timeout 3\n    }\n  }\n}\n';
  it('crashes the process that checks the script as it starts', () => {
    for (const line of ['notify', 'notify_master # run as MASTER', 'notify_backup', 'notify_fault', 'notify_stop']) {
      expect(messages(instance(line), 'KA203', '1.3.5')).toEqual([`'${line.split(' ')[0]}' is missing its command; keepalived 1.3.5 accepts the line and keeps a script with no name, and its VRRP process dies of a segmentation fault as it starts, when it checks that script (2.0.0 and later exit here with a configuration error)`]);
    }
    expect(messages(server, 'KA203', '1.3.9').map((m) => m.includes('its checker process dies of a segmentation fault'))).toEqual([true, true]);
    const group = 'vrrp_sync_group G {\n  group {\n    V\n  }\n  notify_backup\n}\n' + instance('');
    expect(messages(group, 'KA203', '1.4.5')[0]).toContain('keepalived 1.4.5 accepts the line and keeps a script with no name, and its VRRP process dies');
    // Its block written on the next lines (`notify {`): the hint holds at every release.
    expect(messages(instance('notify {\n    /bin/true\n  }'), 'KA203', '1.3.5')[0]).toMatch(/dies of a segmentation fault .* \('notify' takes its value on this line, not inside a '\{ \}' block\)$/);
  });
  it('stops keepalived from 2.0.0, and the later lines are read before it', () => {
    expect(messages(instance('notify_backup'), 'KA203', '2.0.0')).toEqual(["'notify_backup' is missing its command; keepalived exits here with a configuration error: it does not run at all"]);
    expect(messages(server, 'KA203', '2.2.7')[1]).toContain('never reads this line');
    // At 1.3.5 nothing stops: the line after the bare one is read and checked as usual.
    expect(at(instance('notify_backup\n  priority 300'), '1.3.5')).toContain('10:KA205');
  });
});

// Found by fuzzing pasted configs (a mutant of keepalived#2723's `table 200` became `table 1.5`): keepalived
// 2.2.7 reads a table as a strtoul number, else as a name in /etc/iproute2/rt_tables, and drops the line
// ("Routing table 1.5 not found for rule"). Words that are not number-like are names only the host knows.
describe('a route or rule table', () => {
  const rules = 'static_rules {\n  from 192.0.2.1 table 1.5 priority 5\n  from 192.0.2.2 lookup 08 priority 6\n  from 192.0.2.3 table 0x10 priority 7\n  from 192.0.2.4 table 010 priority 8\n  from 192.0.2.5 table custom priority 9\n}\n';
  const routes = 'static_routes {\n  198.51.100.0/24 dev eth0 table 2.5\n  198.51.101.0/24 dev eth0 table 200abc\n  198.51.102.0/24 dev eth0 table main\n  198.51.103.0/24 dev eth0 table 300\n}\n';
  it('that starts like a number but is not one is no table (keepalived: "Routing table X not found")', () => {
    expect(at(rules).filter((c) => c.endsWith('KA330'))).toEqual(['2:KA330', '3:KA330']);
    expect(at(routes).filter((c) => c.endsWith('KA330'))).toEqual(['2:KA330', '3:KA330']);
    expect(messages(rules, 'KA330')[0]).toContain('Routing table 1.5 not found for rule');
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7', () => {
    const seen = (text: string) => runKeepalived(text).messages.filter((m) => /Routing table/.test(m.message)).map((m) => `${m.line}:${m.message}`);
    expect(seen(rules)).toEqual(expect.arrayContaining(['2:Routing table 1.5 not found for rule', '3:Routing table 08 not found for rule', '6:Routing table custom not found for rule']));
    expect(seen(rules)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^[45]:/)]));
    expect(seen(routes)).toEqual(expect.arrayContaining(['2:Routing table 2.5 not found for route', '3:Routing table 200abc not found for route']));
  });
});

// fuzz62 (session 62): `scope ""` on a route, `table " "`: no line of a host's /etc/iproute2 file (a number and a name
// split at blanks) can define an empty name or one with blanks, so keepalived drops the route or rule on every host.
describe('a route or rule value that is empty or has blanks', () => {
  const lines = 'static_routes {\n  198.51.100.0/24 dev eth0 scope ""\n  198.51.101.0/24 dev eth0 table " "\n  198.51.102.0/24 dev eth0 protocol "a b"\n  198.51.103.0/24 dev eth0 scope link\n}\nstatic_rules {\n  from 192.0.2.1 table "" priority 5\n  from 192.0.2.2 table 100 tos "" priority 6\n  from 192.0.2.3 table 100 realms " " priority 7\n}\n';
  it('is no name any host can have: keepalived skips the line', () => {
    expect(at(lines).filter((c) => c.endsWith('KA330'))).toEqual(['2:KA330', '3:KA330', '4:KA330', '8:KA330', '9:KA330', '10:KA330']);
    expect(messages(lines, 'KA330')[0]).toContain("scope '' is empty, which no host's /etc/iproute2 file can define");
    expect(messages(lines, 'KA330')[2]).toContain("protocol 'a b' is a name with blanks in it");
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7', () => {
    const seen = runKeepalived(lines).messages.filter((m) => /not found|invalid/i.test(m.message)).map((m) => m.line);
    expect(seen).toEqual([2, 3, 4, 8, 9, 10]);
  });
});

// fuzz63: keepalived's find_entry reads the value with strtoul first, which skips leading white space, so
// `table " 5"` is table 5 and the host's files are never asked; only a blank after the number (`"5 "`) makes a name.
describe('a route or rule number with blanks before it', () => {
  const lines = 'static_routes {\n  198.51.100.0/24 via 192.0.2.1 dev eth0 table " 5" realms "\t7" tos " 16" scope " 0"\n  198.51.100.0/25 via 192.0.2.1 dev eth0 table "5 "\n  198.51.100.0/26 via 192.0.2.1 dev eth0 scope " 300"\n}\nstatic_rules {\n  from 192.0.2.1 table " 5" priority 5\n  from 192.0.2.2 table 6 priority 6 tos " 16" realms " 5" suppress_ifgroup " 5"\n}\n';
  it('is the number; a blank after it is still no name, and the range still counts', () => {
    expect(at(lines).filter((c) => c.endsWith('KA330'))).toEqual(['3:KA330', '4:KA330']);
    expect(messages(lines, 'KA330')[1]).toContain('out of range 0..255');
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7', () => {
    expect(runKeepalived(lines).messages.map((m) => m.line)).toEqual([3, 4]);
  });
});

// Found fuzzing pasted configs (keepalived#2723's `scope link src 10.100.0.11` with 'link' lost): keepalived 2.2.7
// reads the next option as the value, "Scope src not found or invalid for route", and drops the route. A scope is
// a strtoul number up to 255 or a name (rt_scopes, or global, nowhere, host, link, site).
describe('a route scope, or a table, with an option word for its value', () => {
  const routes = 'static_routes {\n  198.51.100.0/24 dev eth0 scope src 192.0.2.1\n  198.51.101.0/24 dev eth0 scope 300\n  198.51.102.0/24 dev eth0 scope 1.5\n  198.51.103.0/24 dev eth0 scope link\n  198.51.104.0/24 dev eth0 scope 200\n  198.51.105.0/24 dev eth0 table dev\n}\n';
  const rules = 'static_rules {\n  from 192.0.2.1 table priority 5\n}\n';
  it('is a dropped route or rule', () => {
    expect(at(routes).filter((c) => c.endsWith('KA330'))).toEqual(['2:KA330', '3:KA330', '4:KA330', '7:KA330']);
    expect(messages(routes, 'KA330')[0]).toContain("'scope' has no value: keepalived takes the next option, 'src', as its value");
    expect(at(rules).filter((c) => c.endsWith('KA330'))).toEqual(['2:KA330']);
    expect(messages(rules, 'KA330')[0]).toContain("'table' has no value: keepalived takes the next option, 'priority', as the table");
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7', () => {
    const seen = (text: string) => runKeepalived(text).messages.filter((m) => /not found/.test(m.message)).map((m) => `${m.line}:${m.message}`);
    expect(seen(routes)).toEqual(expect.arrayContaining([
      '2:Scope src not found or invalid for route', '3:Scope 300 not found or invalid for route', '4:Scope 1.5 not found or invalid for route', '7:Routing table dev not found for route',
    ]));
    expect(seen(routes).filter((m) => /^[56]:/.test(m))).toEqual([]);
    expect(seen(rules)).toContain('2:Routing table priority not found for rule');
  });
});

// The same lookup (lib/rttables.c find_entry, max 255) reads a route's protocol, tos/dsfield and realms and a rule's
// tos/dsfield and realms: a value it cannot find drops the line. A rule's protocol is a decimal 0..255 and its
// ipproto a name or number; keepalived reports a bad one and keeps the rule without it. Seen on t6 below, 2.2.7.
describe('route and rule options keepalived looks up', () => {
  const routes = 'static_routes {\n  198.51.100.0/24 dev eth0 protocol src 192.0.2.1\n  198.51.101.0/24 dev eth0 protocol 300\n  198.51.102.0/24 dev eth0 protocol 1.5\n  198.51.103.0/24 dev eth0 tos src 192.0.2.1\n  198.51.104.0/24 dev eth0 tos 300\n  198.51.105.0/24 dev eth0 realms src 192.0.2.1\n  198.51.106.0/24 dev eth0 realms 1.5\n  198.51.107.0/24 dev eth0 protocol boot no_track\n  198.51.108.0/24 dev eth0 realms 5/6\n  198.51.109.0/24 dev eth0 tos 0x10\n}\n';
  const rules = 'static_rules {\n  from 192.0.2.1 table 100 priority 5 tos priority\n  from 192.0.2.2 table 100 priority 6 protocol priority\n  from 192.0.2.3 table 100 priority 7 realms 1.5\n  from 192.0.2.4 table 100 priority 8 ipproto priority\n  from 192.0.2.5 table 100 priority 9 protocol 300\n  from 192.0.2.6 table 100 priority 10 protocol 200 tos 16 ipproto tcp\n}\n';
  it('reports the values keepalived cannot read, and not the others', () => {
    expect(at(routes).filter((c) => c.endsWith('KA330'))).toEqual(['2:KA330', '3:KA330', '4:KA330', '5:KA330', '6:KA330', '7:KA330', '8:KA330']);
    // A protocol keepalived drops the route for is not one it would replace (KA344).
    expect(at(routes).filter((c) => c.endsWith('KA344'))).toEqual([]);
    expect(at(rules).filter((c) => c.endsWith('KA330'))).toEqual(['2:KA330', '3:KA330', '4:KA330', '5:KA330', '6:KA330']);
    expect(lintText(rules, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.code === 'KA330').map((d) => d.severity)).toEqual(['error', 'warning', 'error', 'warning', 'warning']);
    // A rule's own protocol is replaced by keepalived's when it tracks the rule, as a route's is.
    expect(at(rules).filter((c) => c.endsWith('KA344'))).toEqual(['7:KA344']);
    expect(at(rules.replace('ipproto tcp', 'ipproto tcp no_track')).filter((c) => c.endsWith('KA344'))).toEqual([]);
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7', () => {
    const lines = (text: string) => [...new Set(runKeepalived(text).messages.filter((m) => m.line !== undefined && !/doesn't exist/.test(m.message)).map((m) => m.line))].sort((a, b) => a! - b!);
    expect(lines(routes)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    // Line 7: "Rule cannot be tracked if protocol is not RTPROT_KEEPALIVED(18), resetting protocol" (KA344).
    expect(lines(rules)).toEqual([2, 3, 4, 5, 6, 7]);
  });
});

// Found fuzzing pasted configs: an address scope is read like a route's (find_rttables_scope: a strtoul number up
// to 255, or a name). kalint called `scope 0x10` invalid and let `scope 256` and `scope -1` pass.
describe('a virtual_ipaddress scope', () => {
  const text = 'vrrp_instance A {\n    interface eth0\n    virtual_router_id 5\n    virtual_ipaddress {\n        10.0.0.1/24 scope 0x10\n        10.0.0.2/24 scope 010\n        10.0.0.3/24 scope 255\n        10.0.0.4/24 scope 256\n        10.0.0.5/24 scope -1\n        10.0.0.6/24 scope +5\n        10.0.0.7/24 scope bogus\n    }\n}\n';
  it('is a number up to 255 in any base strtoul reads, or a scope name', () => {
    expect(at(text).filter((c) => c.endsWith('KA346'))).toEqual(['8:KA346', '9:KA346', '11:KA346']);
    expect(messages(text, 'KA346')[0]).toBe('scope 256 is out of range 0..255; keepalived ignores it (keepalived: "Invalid scope \'256\'")');
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7', () => {
    const lines = runKeepalived(text).messages.filter((m) => /Invalid scope/.test(m.message)).map((m) => m.line);
    expect([...new Set(lines)]).toEqual([8, 9, 11]);
  });
});

// Found probing route and rule option values: a route's metric, mtu, hoplimit… are read by get_u32/get_u8, a
// base-10 read_unsigned that takes a leading '+' (kalint called '+5' no whole number), and a rule's fwmark is
// strtoul base 0 for the mark and the mask (kalint took '08' and 4294967296 and refused '+5').
describe('route numbers and rule fwmarks with a sign or in another base', () => {
  const routes = 'static_routes {\n  198.51.100.0/24 dev eth0 metric +5\n  198.51.101.0/24 dev eth0 hoplimit +5\n  198.51.102.0/24 dev eth0 mtu +1400\n  198.51.103.0/24 dev eth0 metric 0x10\n  198.51.104.0/24 dev eth0 hoplimit +256\n}\n';
  const rules = 'static_rules {\n  from 192.0.2.1 table 100 priority 5 fwmark +5\n  from 192.0.2.2 table 100 priority 6 fwmark 0x10/+0xff\n  from 192.0.2.3 table 100 priority 7 fwmark 08\n  from 192.0.2.4 table 100 priority 8 fwmark 4294967296\n  from 192.0.2.5 table 100 priority 9 fwmark -1\n  from 192.0.2.6 table 100 priority 10 fwmark 5/-1\n  from 192.0.2.7 table 100 priority 11 fwmark 010/\n}\n';
  it('reports what keepalived cannot read, and not the rest', () => {
    expect(at(routes).filter((c) => c.endsWith('KA330'))).toEqual(['5:KA330', '6:KA330']);
    expect(at(rules).filter((c) => c.endsWith('KA330'))).toEqual(['4:KA330', '5:KA330', '6:KA330', '7:KA330']);
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7', () => {
    const lines = (text: string) => [...new Set(runKeepalived(text).messages.filter((m) => m.line !== undefined && !/doesn't exist/.test(m.message)).map((m) => m.line))].sort((a, b) => a! - b!);
    expect(lines(routes)).toEqual([5, 6]);
    expect(lines(rules)).toEqual([4, 5, 6, 7]);
  });
});

// Found probing route and rule option values against keepalived 2.2.7: values kalint took without a look. A table
// beyond 64 bits is strtoul's ULONG_MAX (table 4294967295), not 0 as one of 4294967296 is.
describe('route features, ttl-propagate, fastopen_no_cookie and expires; rule numbers and ids', () => {
  const routes = 'static_routes {\n  198.51.100.0/24 dev eth0 features foo\n  198.51.101.0/24 dev eth0 ttl-propagate on\n  198.51.102.0/24 dev eth0 fastopen_no_cookie 2\n  198.51.103.0/24 dev eth0 expires 60\n  2001:db8:1::/64 dev eth0 expires 60\n  198.51.105.0/24 dev eth0 features ecn ttl-propagate enabled fastopen_no_cookie +1\n}\n';
  const rules = 'static_rules {\n  from 192.0.2.1 table 100 priority 5 suppress_prefixlength 0x10\n  from 192.0.2.2 table 100 priority 6 sup_pl 24\n  from 192.0.2.3 table 100 priority 7 tunnel-id 1.5\n  from 192.0.2.4 table 100 priority 8 uidrange 1000\n  from 192.0.2.5 table 100 priority 9 uidrange 1000-2000\n  from 192.0.2.6 table 100 priority 10 sup_group -1\n  from 192.0.2.7 table 100 priority 11 ipproto 132\n  from 192.0.2.8 table 100 priority 12 ipproto sctp\n  from 192.0.2.9 priority 13 table 4294967296\n  from 192.0.2.10 table 100 priority 14 ipproto 0x11\n  from 192.0.2.11 priority 15 table 18446744073709551616\n}\n';
  const found = (text: string) => lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.code === 'KA330').map((d) => `${d.range.start.line + 1}:${d.severity}`);
  it('reports what keepalived cannot read or ignores, and not the rest', () => {
    expect(found(routes)).toEqual(['2:warning', '3:warning', '4:error', '5:error']);
    expect(messages(routes, 'KA330')[1]).toBe('\'ttl-propagate\' takes enabled or disabled; keepalived does not recognise \'on\' and sets it disabled (keepalived: "ttl-propagate value on not recognised")');
    expect(found(rules)).toEqual(['2:error', '4:error', '5:error', '7:error', '8:warning', '10:error', '11:warning']);
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7', () => {
    const lines = (text: string) => [...new Set(runKeepalived(text).messages.filter((m) => m.line !== undefined && !/doesn't exist/.test(m.message)).map((m) => m.line))].sort((a, b) => a! - b!);
    expect(lines(routes)).toEqual([2, 3, 4, 5]);
    expect(lines(rules)).toEqual([2, 4, 5, 7, 8, 10, 11]);
  });
});

// fuzz63: inet_proto_a2n skips white space before anything else, then refuses a '-' or an empty word, and a leading
// strtoul number over 127 even with letters after it; a name after blanks is looked up without them.
describe('a rule ipproto with blanks before it', () => {
  const rules = 'static_rules {\n from 192.0.2.1 ipproto " 300" table 100 priority 5\n from 192.0.2.2 ipproto " -1" table 100 priority 6\n from 192.0.2.3 ipproto "" table 100 priority 7\n from 192.0.2.4 ipproto " 6" table 100 priority 8\n from 192.0.2.5 ipproto 300abc table 100 priority 9\n from 192.0.2.6 ipproto " tcp" table 100 priority 10\n from 192.0.2.7 ipproto 17 table 100 priority 11\n}\n';
  it('is read as keepalived reads it', () => {
    expect(at(rules).filter((c) => c.endsWith('KA330'))).toEqual(['2:KA330', '3:KA330', '4:KA330', '6:KA330']);
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7', () => {
    expect(runKeepalived(rules).messages.filter((m) => /ipproto/.test(m.message)).map((m) => m.line)).toEqual([2, 3, 4, 6]);
  });
});

// Found probing route and rule option values against keepalived 2.2.7: nexthop weights and realms, encap ip tos,
// MPLS labels in strtoul's bases, route 'as to' and a rule ending in 'type' were taken without a look.
describe('nexthop values, encap ip tos, MPLS labels, as to and a last type', () => {
  const routes = 'static_routes {\n  198.51.100.0/24 dev lo as to 10.0.0.9\n  198.51.101.0/24 dev lo nexthop via 192.0.2.1 weight 0 nexthop via 192.0.2.2\n  198.51.102.0/24 dev lo nexthop via 192.0.2.1 weight 300\n  198.51.103.0/24 dev lo nexthop via 192.0.2.1 realms 256\n  198.51.105.0/24 dev lo encap ip id 5 tos 300\n  198.51.106.0/24 dev lo encap mpls 08\n  198.51.107.0/24 dev lo encap mpls +5/0x10\n  198.51.108.0/24 dev lo nexthop via 192.0.2.1 weight +256 realms 5/6 nexthop via 192.0.2.2 weight 1\n  198.51.109.0/24 dev lo encap ip id 5 tos 0x10\n  198.51.104.0/24 dev lo nexthop via 192.0.2.1 weight\n}\n';
  const rules = 'static_rules {\n  from 192.0.2.1 table 100 priority 5 type\n  from 192.0.2.2 priority 6 type unreachable\n}\n';
  const found = (text: string) => lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.code === 'KA330').map((d) => `${d.range.start.line + 1}:${d.severity}`);
  it('reports what keepalived cannot read or ignores, and not the rest', () => {
    expect(found(routes)).toEqual(['2:warning', '3:warning', '4:warning', '5:warning', '6:error', '7:warning', '11:error']);
    expect(messages(routes, 'KA330')[1]).toBe('a nexthop weight is a whole number 1..256, not \'0\'; keepalived drops this nexthop and those after it (keepalived: "Invalid weight 0 specified for route")');
    expect(found(rules)).toEqual(['2:error']);
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7', () => {
    const lines = (text: string) => [...new Set(runKeepalived(text).messages.filter((m) => m.line !== undefined && !/doesn't exist/.test(m.message)).map((m) => m.line))].sort((a, b) => a! - b!);
    expect(lines(routes)).toEqual([2, 3, 4, 5, 6, 7, 11]);
    expect(lines(rules)).toEqual([2]);
  });
});

// fuzz62 bug 2: keepalived's status_code handler (2.0.17 on) reads each end of a code or range with strtoul, which
// takes blanks and a sign before the digits and keeps the result in an unsigned int; only what follows is refused.
describe('status_code words read as strtoul reads them', () => {
  const words = ['200', '+200', '  200', '\t200', '200- 300', '+200-+204', '200 ', '200-', '-200', '', ' ', '200-299', '299-200', '4294967496', '200-4294967496', '600', '99', '+', '200--300', '\v200', '200-\t204', '0x200', '18446744073709551816', '-18446744073709551416'];
  const refused = [15, 16, 17, 18, 19, 21, 24, 25, 26, 27, 30, 31];
  const text = VS('192.0.2.1 80').replace('    weight 1\n', `    HTTP_GET {\n      url {\n        path /\n${words.map((w) => `        status_code "${w}"\n`).join('')}      }\n    }\n`);
  it('reports only the words keepalived refuses', () => {
    const lines = lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.code === 'KA205').map((d) => d.range.start.line + 1);
    expect(lines).toEqual(refused);
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7 ("Invalid HTTP_GET status code" on exactly those lines)', () => {
    const lines = runKeepalived(text).messages.filter((m) => /Invalid HTTP_GET status code/.test(m.message)).map((m) => m.line);
    expect(lines).toEqual(refused);
  });
});

// fuzz62 bug 4: an empty interface name is no interface on any host; keepalived looks it up like any other name.
describe('an empty interface name', () => {
  const instance = 'vrrp_instance VI_1 {\n interface ""\n virtual_router_id 1\n priority 100\n virtual_ipaddress {\n  192.0.2.9\n }\n}\n';
  const lists = 'linkbeat_interfaces {\n ""\n}\ninterface_up_down_delays {\n "" 1 1\n}\nvrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n priority 100\n track_interface {\n  ""\n }\n virtual_ipaddress {\n  192.0.2.9 dev ""\n }\n virtual_routes {\n  198.51.100.0/24 dev ""\n }\n}\n';
  const bindIf = 'virtual_server 2001:db8::1 80 {\n protocol TCP\n lb_algo rr\n lb_kind NAT\n real_server 2001:db8::2 80 {\n  TCP_CHECK {\n   connect_ip fe80::1\n   bind_if ""\n  }\n }\n}\n';
  it('is an error where keepalived looks the interface up', () => {
    expect(lintText(instance, { file: 'keepalived.conf' }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}:${d.severity}`)).toEqual(['2:KA205:error']);
    expect(messages(instance, 'KA205')).toEqual(["interface name '' is empty: no Linux interface can have this name, so keepalived finds no such interface"]);
    expect(at(lists).filter((c) => /KA205|KA346|KA330/.test(c))).toEqual(['2:KA205', '5:KA205', '12:KA205', '15:KA346', '18:KA330']);
  });
  it('is a warning for bind_if, which binds to no interface then (so a link-local destination still lacks one: KA530)', () => {
    const found = lintText(bindIf, { file: 'keepalived.conf' }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}:${d.severity}`);
    expect(found).toEqual(['8:KA205:warning', '9:KA530:error']);
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7', () => {
    const r = runKeepalived(instance);
    expect(r.exitStatus).toBe(5);
    expect(r.messages.map((m) => m.line)).toContain(2);
    expect([...new Set(runKeepalived(lists).messages.filter((m) => m.line !== undefined && !/eth0/.test(m.message)).map((m) => m.line))]).toEqual([2, 5, 12, 15, 18]);
    expect(runKeepalived(bindIf).messages.map((m) => `${m.line}: ${m.message}`)).toEqual(['9: Checker link local address fe80::1 requires a bind_if']);
  });
});

// fuzz62 bug 7: keepalived's unsigned reader (read_unsigned, 2.0.7 on) skips white space before strtoul, so a quoted
// blank-only word reads as 0 without "invalid number", then meets the range like any 0; the signed reader (strtol)
// and, before 2.2.3, the timer readers (strtoul, then strtod, on the word itself) read no digits there: invalid.
describe('a blank-only or empty quoted number', () => {
  const checker = (value: string) => VS('192.0.2.1 80').replace('    weight 1\n', `    weight 1\n    TCP_CHECK {\n      retry ${value}\n    }\n`);
  const groups = 'virtual_server_group VSG_1 {\n fwmark ""\n}\nvirtual_server_group VSG_2 {\n fwmark " "\n}\nvirtual_server group VSG_1 {\n lb_algo rr\n lb_kind NAT\n real_server 192.0.2.2 80 {\n }\n}\nvirtual_server group VSG_2 {\n lb_algo rr\n lb_kind NAT\n real_server 192.0.2.2 80 {\n }\n}\n';
  const ports = (value: string) => `virtual_server 192.0.2.1 80 {\n protocol TCP\n lb_algo rr\n lb_kind NAT\n sorry_server 192.0.2.5 ${value}\n real_server 192.0.2.2 ${value} {\n }\n real_server 192.0.2.3 80 {\n }\n}\n`;
  const script = (value: string) => `vrrp_script chk {\n script /bin/true\n interval ${value}\n weight ${value}\n}\n`;
  const warmup = (value: string) => VS('192.0.2.1 80', `  warmup ${value}\n`);
  const unsigned: ArgSpec = { name: 'count', type: 'unsigned', min: 0, max: 10 };
  it('is 0 to an unsigned argument, then checked against its range', () => {
    for (const w of [' ', '\t', '', ' \t ']) expect(checkArg(unsigned, w, 'retry')).toBeUndefined();
    expect(checkArg({ ...unsigned, min: 1 }, ' ', 'retry')?.message).toBe("'retry' ' ' (read as 0) is outside [1, 10]");
    expect(checkArg({ ...unsigned, type: 'integer', min: -5 }, ' ', 'weight')?.message).toContain('(keepalived: invalid number)');
    expect(at(checker('" "')).filter((c) => c.endsWith('KA205'))).toEqual([]);
    expect(at(checker(`"\t"`)).filter((c) => c.endsWith('KA205'))).toEqual([]);
    expect(at(groups).filter((c) => /KA5(15|25|26)/.test(c))).toEqual([]);
  });
  it('is refused where keepalived refuses it: a signed number, a port that is not 0s, a timer before 2.2.3', () => {
    expect(messages(script('" "'), 'KA205')).toEqual([
      "'interval' ' ' (read as 0) is outside [1, 4294] s; keepalived reports it and uses 1 instead",
      expect.stringMatching(/^'weight' expects a whole number.*got ' ' \(keepalived: invalid number\)/),
    ]);
    for (const p of ['" "', '" 0"', '+0']) expect(at(ports(p)).filter((c) => c.endsWith('KA205'))).toEqual(['5:KA205', '6:KA205']);
    for (const p of ['00', '""', '0']) expect(at(ports(p)).filter((c) => c.endsWith('KA205'))).toEqual([]);
    expect(messages(ports('" 0"'), 'KA205')[1]).toBe("'real_server' port ' 0' reads as 0, but keepalived takes 0 (no port) only written as 0: it reads any other word as a port 1..65535 and refuses this one (keepalived: \"number ' 0' outside range [1, 65535]\"); keepalived skips this real_server block and everything in it");
    expect(at(warmup('" "'), '2.2.7').filter((c) => c.endsWith('KA205'))).toEqual([]);
    expect(messages(warmup('" "'), 'KA205', '2.1.5')).toEqual(["'warmup' expects a number of seconds, got ' ' (keepalived 2.1.5: invalid number; 2.2.3 and later read it as 0)"]);
    expect(messages(warmup('" "'), 'KA205', '2.0.9')[0]).toContain("'warmup' expects a whole number of seconds, got ' ' (keepalived: invalid number)");
    expect(at(warmup('""'), '2.1.5').filter((c) => c.endsWith('KA205'))).toEqual([]);
  });
  it('is 0 to the atoi/strtoul of releases before 2.0.7 too: no different reading to report, and the weight counts as 0', () => {
    const weight = 'virtual_server 192.0.2.1 80 {\n protocol TCP\n lb_algo rr\n lb_kind NAT\n real_server 192.0.2.2 80 {\n  weight " "\n }\n}\n';
    expect(at(weight, '1.3.5')).toEqual(['1:KA513', '1:KA514']);
    expect(at(weight)).toEqual(['1:KA513', '1:KA514']);
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7', () => {
    expect(runKeepalived(checker('" "')).messages).toEqual([]);
    expect(runKeepalived(groups).messages).toEqual([]);
    expect(runKeepalived(script('" "')).messages.map((m) => m.line)).toEqual([3, 4, 4]);
    for (const p of ['" "', '" 0"', '+0']) expect([...new Set(runKeepalived(ports(p)).messages.map((m) => m.line))]).toEqual([5, 6]);
    for (const p of ['00', '""']) expect(runKeepalived(ports(p)).messages).toEqual([]);
    expect(runKeepalived(warmup('" "')).messages).toEqual([]);
  });
  const b215 = releaseBinary('2.1.5');
  it.skipIf(!b215)('agrees with keepalived 2.1.5 on a timer (strtod: invalid)', () => {
    expect(runRelease(b215!, warmup('" "')).messages.map((m) => m.message)).toEqual(["invalid number ' '", "virtual server warmup ' ' invalid - ignoring"]);
  });
});

// fuzz63 bug 2: white space and a sign before a number that keepalived reads with strtoul.
describe('a virtual_server_group range end as strtoul reads it (inet_stor, 2.2.2 to 2.4.3)', () => {
  const GROUP = (entries: string[]) => `virtual_server_group G {\n${entries.map((e) => ` ${e} 80\n`).join('')}}\nvirtual_server group G {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n real_server 192.0.2.3 80 {\n }\n}\n`;
  const TAKEN = ['192.0.2.1-+10', '"192.0.2.20- 30"', '2001:db8::1-0xff'];
  // The ends as numbers: 3 is not above 5 ("Address range end is not greater than address range start").
  const BELOW = ['192.0.2.5-+3', '"192.0.2.6- 3"', '2001:db8::5-0x3', '192.0.2.7--0'];
  it('takes a sign, white space and (IPv6) a 0x before the end: no KA525 and no KA526', () => {
    for (const e of TAKEN) {
      const codes = at(GROUP([e])).filter((c) => /KA52[56]|KA515/.test(c));
      expect(codes, e).toEqual([]);
    }
  });
  it('compares the number it reads with the start, and a "-N" end wraps past 255', () => {
    for (const e of BELOW) expect(messages(GROUP([e]), 'KA525')[0], e).toContain('does not end after it starts');
    expect(messages(GROUP(['192.0.2.8--1']), 'KA525')[0]).toContain("range end '-1' in '192.0.2.8--1' is not a valid last octet; keepalived skips this entry");
    expect(messages(GROUP(['"192.0.2.10- 20x"']), 'KA525')[0]).toContain('the running daemon only logs a warning and reads the range to 20');
  });
  it.runIf(is227)('keepalived 2.2.7 -t agrees', () => {
    expect(runKeepalived(GROUP(TAKEN.filter((e) => !e.includes(':')))).messages).toEqual([]);
    const r = runKeepalived(GROUP([...BELOW, '192.0.2.8--1']));
    // Line 7 is the group's closing brace: with every entry skipped, "has no entries - removing".
    expect([...new Set(r.messages.map((m) => m.line))]).toEqual([2, 3, 4, 5, 6, 7]);
    expect(r.messages.filter((m) => m.line === 6).map((m) => m.message).join()).toContain("end '-1' too large");
  });
});

// recheck63: releases before 2.2.2 read a range end with the same strtoul (inet_stor): '-1' wraps ("end '-1' too
// large"), an empty end is 0 ("Address range end is not greater than address range start"); kalint quoted them swapped.
describe('a virtual_server_group range end before 2.2.2, as strtoul reads it', () => {
  const GROUP = 'virtual_server_group G {\n 192.0.2.5--1 80\n 192.0.2.5- 80\n 192.0.2.5-+10 80\n}\nvirtual_server group G {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n real_server 192.0.2.50 80 {\n }\n}\n';
  const said = (v: string) => lintText(GROUP, { file: 'keepalived.conf', targetVersion: v }).diagnostics.filter((d) => d.code === 'KA525').map((d) => [d.range.start.line + 1, /keepalived: "([^"]*)"/.exec(d.message)?.[1]]);
  for (const v of ['2.0.19', '2.1.5']) {
    it(`quotes what ${v} prints`, () => {
      expect(said(v)).toEqual([[2, "end '-1' too large"], [3, 'Address range end is not greater than address range start']]);
      const binary = releaseBinary(v);
      if (binary) expect(runRelease(binary, GROUP).messages.filter((m) => /range/.test(m.message)).map((m) => m.line)).toEqual([2, 3]);
    });
  }
});

// fuzz63 bug 6: track_file_init_handler skips white space before it tests for a digit or a '-', then reads the number with strtol.
describe("track_file init_file with white space before its value (the handler skips it, 2.0.7 to 2.4.3)", () => {
  const TF = (line: string) => `track_file G {\n file /tmp/y\n ${line}\n}\n`;
  it('reads " 5" and "\\t-3" as numbers and " overwrite" as the option', () => {
    for (const line of ['init_file " 5" overwrite', 'init_file "\t-3"', 'init_file " overwrite" 5']) expect(at(TF(line)), line).toEqual([]);
    expect(messages(TF('init_file "\t+5"'), 'KA205')).toEqual(["'init_file' takes only 'overwrite' here; got '\t+5'"]);
  });
  it.runIf(is227)('keepalived 2.2.7 -t agrees', () => {
    expect(runKeepalived(TF('init_file " 5" overwrite') + TF('init_file "\t-3"').replace('G', 'H') + TF('init_file " overwrite" 5').replace('G', 'I')).messages).toEqual([]);
    // Printed once by each process that reads track_file blocks.
    expect(new Set(runKeepalived(TF('init_file "\t+5"')).messages.map((m) => m.message))).toEqual(new Set(['Unknown track file init option +5']));
  });
});
