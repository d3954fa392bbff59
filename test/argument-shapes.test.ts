// Regressions from argument-shape fuzzing of every 2.2.7 keyword against keepalived 2.2.7: each
// keyword in a minimal block, its arguments at range edges, in odd spellings, missing, doubled or
// too long, one small config per case. Each test quotes what the binary said.

import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/core/index.js';
import { checkArg } from '../server/src/core/analysis/values.js';
import type { ArgSpec } from '../server/src/core/schema/schema.js';
import { lintText } from '../server/src/linter.js';
import { keepalivedAvailable, keepalivedVersion, runKeepalived, runKeepalivedAsync } from './helpers/keepalived.js';

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
    expect(messages(bad, 'KA104', '2.2.8').join()).toMatch(/may crash/);
    expect(messages(before + bad, 'KA104').join()).toMatch(/may crash/);
  });
  it.skipIf(!is227)('agrees with keepalived 2.2.7 (abort after "free(): invalid pointer"; exit 5 after a virtual_server)', async () => {
    expect((await runKeepalivedAsync(bad)).signal).toBe('SIGABRT');
    expect((await runKeepalivedAsync(before + bad)).signal).toBeUndefined();
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
