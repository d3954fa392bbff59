// The VRRP rules (KA300-KA399) on the cases their docs examples do not cover: the conditions under
// which keepalived does or does not act, checked against what keepalived 2.2.7 was seen to do.

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText } from '../server/src/linter.js';
import { analyze } from '../server/src/core/index.js';
import { vrrpRules } from '../server/src/rules/vrrp/index.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';
import { applyFix, conf } from './helpers/rule-cases.js';
import { memoryHost } from './framework-host.js';
import { releaseBinary, runRelease } from './helpers/releases.js';
import { hostInterfaces, interfaceFlags } from './helpers/host-interfaces.js';
import { canMakeNamespaces, runDaemon } from './helpers/daemon-probe.js';

function findings(text: string, code: string, targetVersion?: string) {
  return lintText(text, { file: 'keepalived.conf', targetVersion }).diagnostics.filter((d) => d.code === code);
}

/** 1-based lines of the findings with `code`. */
function lines(text: string, code: string, targetVersion?: string): number[] {
  return findings(text, code, targetVersion).map((d) => d.range.start.line + 1);
}

function instance(name: string, body: string): string {
  return `vrrp_instance ${name} {\n${body.trim().split('\n').map((l) => `    ${l.trim()}`).join('\n')}\n}\n`;
}

const vip = (a: string) => `virtual_ipaddress {\n${a}\n}`;

describe('vrrp rule registry', () => {
  it('registers every VRRP rule in KA300-KA399, each a file rule', () => {
    expect(vrrpRules.length).toBeGreaterThanOrEqual(30);
    for (const r of vrrpRules) {
      expect(r.code).toMatch(/^KA3\d\d$/);
      expect(r.kind).toBe('file');
      expect(r.family).toBe('vrrp');
    }
  });
});

describe('KA300 missing-virtual-router-id', () => {
  it('reports a missing or invalid VRID, not a valid one', () => {
    expect(lines(instance('A', `interface eth0\n${vip('10.0.0.1')}`), 'KA300')).toEqual([1]);
    expect(lines(instance('A', `virtual_router_id 300\n${vip('10.0.0.1')}`), 'KA300')).toEqual([1]);
    expect(lines(instance('A', `virtual_router_id 255\n${vip('10.0.0.1')}`), 'KA300')).toEqual([]);
  });

  // Found on real configs (`virtual_router_id --VIRTUAL_ROUTER_ID--`, `51<U+3000>`): a VRID line that is
  // not a number was written, so the finding must not say there is none.
  const notANumber = instance('A', `interface eth0\nvirtual_router_id abc\n${vip('10.0.0.1')}`);
  it('says the VRID is not valid when the line is there but is not a number', () => {
    expect(findings(notANumber, 'KA300').map((d) => d.message)).toEqual([
      `vrrp_instance 'A': its virtual_router_id is not valid (keepalived ignores it); keepalived rejects the VRRP configuration ("the virtual router id must be set")`,
    ]);
    expect(findings(instance('A', `interface eth0\n${vip('10.0.0.1')}`), 'KA300')[0]!.message).toContain('it has no virtual_router_id');
  });
  it.skipIf(!keepalivedAvailable())('keepalived ignores the line that is not a number, then wants a VRID', () => {
    const r = runKeepalived(notANumber);
    expect(r.messages.some((m) => m.line === 3 && m.message.includes("VRID 'abc' not valid"))).toBe(true);
    expect(r.messages.some((m) => m.message.includes('virtual router id must be set'))).toBe(true);
  });

  // Found on a real config: keepalived ignores an invalid VRID line and keeps the valid one before it.
  const laterInvalid = instance('A', `virtual_router_id 5\nvirtual_router_id abc\ninterface eth0\n${vip('10.0.0.1')}`);
  it('keeps an earlier valid VRID when a later line is invalid', () => {
    expect(lines(laterInvalid, 'KA300')).toEqual([]);
    expect(lines(instance('A', `virtual_router_id abc\nvirtual_router_id 5\n${vip('10.0.0.1')}`), 'KA300')).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived keeps the earlier valid VRID', () => {
    const r = runKeepalived(laterInvalid);
    expect(r.messages.some((m) => m.message.includes('virtual router id must be set'))).toBe(false);
    expect(r.messages.some((m) => m.line === 3 && m.message.includes("VRID 'abc' not valid"))).toBe(true);
  });
});

describe('KA301 duplicate-vrid', () => {
  const mc = (name: string, vrid: number, extra = '', addr = '10.0.0.1', iface = 'eth0') =>
    instance(name, `interface ${iface}\nvirtual_router_id ${vrid}\n${extra}\n${vip(addr)}`);
  it('reports the same VRID, family, interface and multicast group', () => {
    expect(findings(mc('A', 5) + mc('B', 5, '', '10.0.0.2'), 'KA301')).toHaveLength(1);
  });
  it('lets IPv4 and IPv6 share a VRID', () => {
    expect(findings(mc('A', 5) + mc('B', 5, '', 'fe80::2'), 'KA301')).toHaveLength(0);
  });
  it('says 1.3.9 to 2.0.7 do not notice (Ubuntu 18.04 ships 1.3.9)', () => {
    // The release sweep with a 2.0.7 build: -t silent on such a pair (an address on the interface), and its daemon
    // ran both instances, each MASTER; the 2.0.8 build: "A and B both use VRID 5 with IPv4 on interface eth0".
    const message = (target: string) => findings(mc('A', 5) + mc('B', 5, '', '10.0.0.2'), 'KA301', target)[0]!.message;
    expect(message('2.0.7')).toMatch(/2\.0\.7 does not notice.*-t does not report it/);
    expect(message('1.3.9')).toMatch(/does not notice/);
    expect(message('1.3.5')).toMatch(/keepalived rejects/);
    expect(message('2.0.8')).toMatch(/keepalived rejects/);
  });
  it('lets different interfaces or multicast groups share a VRID', () => {
    expect(findings(mc('A', 5) + mc('B', 5, '', '10.0.0.2', 'eth1'), 'KA301')).toHaveLength(0);
    expect(findings(mc('A', 5) + mc('B', 5, 'mcast_dst_ip 224.0.0.30', '10.0.0.2'), 'KA301')).toHaveLength(0);
  });
  it('takes the global multicast group into account', () => {
    const text = 'global_defs {\n    vrrp_mcast_group4 224.0.0.30\n}\n' + mc('A', 5) + mc('B', 5, 'mcast_dst_ip 224.0.0.30', '10.0.0.2');
    expect(findings(text, 'KA301')).toHaveLength(1);
  });
  it('for unicast, needs the same source and an overlapping peer', () => {
    const uc = (name: string, peer: string) => mc(name, 7, `unicast_src_ip 10.0.0.1\nunicast_peer {\n${peer}\n}`, `10.0.1.${name.charCodeAt(0)}`);
    expect(findings(uc('A', '10.0.0.2') + uc('B', '10.0.0.2'), 'KA301')).toHaveLength(1);
    expect(findings(uc('A', '10.0.0.2') + uc('B', '10.0.0.3'), 'KA301')).toHaveLength(0);
    // A unicast and a multicast instance live in separate VRID spaces.
    expect(findings(uc('A', '10.0.0.2') + mc('B', 7, '', '10.0.0.9'), 'KA301')).toHaveLength(0);
  });
  it('from 2.1.0 to 2.2.4 keeps one VRID per unicast source, whatever the peers', () => {
    // keepalived 2.1.5 and 2.2.4 built from their tags, peers 192.0.2.3 and 192.0.2.4 from one
    // source: "(A) duplicate VRID conflict with B VRID 51"; 2.2.7 accepts the same file.
    const uc = (name: string, peer: string, src = '10.0.0.1') => mc(name, 7, `unicast_src_ip ${src}\nunicast_peer {\n${peer}\n}`, `10.0.1.${name.charCodeAt(0)}`);
    const peers = uc('A', '10.0.0.2') + uc('B', '10.0.0.3');
    for (const v of ['2.1.0', '2.1.5', '2.2.4']) expect(findings(peers, 'KA301', v)[0]!.message, v).toContain('before 2.2.5 allows one VRID per unicast source');
    expect(findings(peers, 'KA301', '2.2.5')).toHaveLength(0);
    expect(findings(uc('A', '10.0.0.2') + uc('B', '10.0.0.3', '10.0.0.9'), 'KA301', '2.2.4')).toHaveLength(0);
    expect(findings(uc('A', '10.0.0.2') + mc('B', 7, '', '10.0.0.9'), 'KA301', '2.2.4')).toHaveLength(0);
  });
  it('before 2.1 keeps one VRID per family and interface, unicast or not', () => {
    // keepalived 1.3.5 on two unicast instances with other peers: "VRID 51 is duplicated on interface eth0", exit CONFIG.
    const uc = (name: string, peer: string) => mc(name, 7, `unicast_src_ip 10.0.0.1\nunicast_peer {\n${peer}\n}`, `10.0.1.${name.charCodeAt(0)}`);
    const peers = uc('A', '10.0.0.2') + uc('B', '10.0.0.3');
    expect(findings(peers, 'KA301', '1.3.5')[0]!.message).toContain('keepalived before 2.1 keeps one VRID per interface and family, unicast or not');
    expect(findings(uc('A', '10.0.0.2') + mc('B', 7, '', '10.0.0.9'), 'KA301', '2.0.20')).toHaveLength(1);
    expect(findings(peers, 'KA301', '2.2.5')).toHaveLength(0);
    // Other interfaces and families stay apart in every release.
    expect(findings(mc('A', 5) + mc('B', 5, '', '10.0.0.2', 'eth1') + mc('C', 5, '', 'fe80::2'), 'KA301', '1.3.5')).toHaveLength(0);
  });
  it('from 2.0.8 to 2.2.4 sees an instance without addresses as of no family yet', () => {
    // Found by fuzzing 2.0.19 (seed 477). The 2.0.19, 2.1.5 and 2.2.4 builds in a namespace with eth0: an instance with
    // no VIP beside an IPv4 one passes; two without VIPs: "web and db both use VRID 60 with IPv6 on interface eth0".
    // 2.2.7 (the check moved after the default IPv4 in 2.2.5) and 1.3.5 reject all three.
    const bare = (name: string) => instance(name, 'interface eth0\nvirtual_router_id 5');
    for (const v of ['2.0.8', '2.0.19', '2.1.5', '2.2.4']) {
      expect(findings(mc('A', 5) + bare('B'), 'KA301', v), v).toHaveLength(0);
      expect(findings(bare('A') + mc('B', 5), 'KA301', v), v).toHaveLength(0);
      expect(findings(bare('A') + bare('B'), 'KA301', v)[0]?.message, v).toMatch(/no address family yet.*naming it IPv6/);
    }
    for (const v of ['1.3.5', '2.2.5', '2.2.7']) {
      expect(findings(mc('A', 5) + bare('B'), 'KA301', v), v).toHaveLength(1);
      expect(findings(bare('A') + bare('B'), 'KA301', v)[0]?.message, v).toMatch(/IPv4/);
    }
  });
});

describe('KA302 auth-pass-too-long', () => {
  it('offers a fix that keeps the first 8 characters, quoted as written', () => {
    const text = instance('A', 'authentication {\nauth_type PASS\nauth_pass "0123456789"\n}');
    const [d] = findings(text, 'KA302');
    expect(d?.fix?.edits[0]?.newText).toBe('"01234567"');
    expect(findings(instance('A', 'authentication {\nauth_type PASS\nauth_pass 01234567\n}'), 'KA302')).toHaveLength(0);
    expect(d?.fix?.safe).toBe(true);
  });
  // Found by applying the safe fixes to real configs: 'auth_pass $password' (no definition, an unrendered
  // template variable) became '$passwor'. Still reported (keepalived reads it so), but --fix leaves it.
  it('offers the cut of a $NAME template variable as a suggestion only', () => {
    const [d] = findings(instance('A', 'authentication {\nauth_type PASS\nauth_pass $password\n}'), 'KA302');
    expect(d?.fix).toMatchObject({ description: "Truncate to '$passwor'", safe: false });
    // Likewise an example's placeholder (found by fix-sweep on a mutant, session 52: '<--AUTHPASS-->' became '<--AUTHP').
    const cut = (pass: string) => findings(instance('A', `authentication {\nauth_type PASS\nauth_pass ${pass}\n}`), 'KA302')[0]?.fix?.safe;
    expect([cut('<--AUTHPASS-->'), cut('your_password_here'), cut('CHANGE_ME_PASS'), cut('averylongsecret')]).toEqual([false, false, false, true]);
  });
  // Found by the s58 precision audit (harvest55/K-0101): keepalived copies 8 bytes, so 'abc密码密码' keeps 'abc密' and
  // two bytes of '码'. The fix had cut to 'abc密', and live 2.2.7 the fixed node logged "invalid passwd", both MASTER.
  it('offers no fix when the 8th byte falls inside a character, and says which bytes are kept', () => {
    const [d] = findings(instance('A', 'authentication {\nauth_type PASS\nauth_pass abc密码密码\n}'), 'KA302');
    expect(d?.message).toContain("is 15 bytes; keepalived uses only the first 8 ('abc密' and the first 2 of the 3 bytes of '码')");
    expect(d?.fix).toBeUndefined();
    // Cut on a character boundary, the fix stays.
    expect(findings(instance('A', 'authentication {\nauth_type PASS\nauth_pass ab密码密码\n}'), 'KA302')[0]?.fix?.edits[0]?.newText).toBe('ab密码');
  });
  // Found by differential fuzzing: keepalived reports "Truncating auth_pass to 8 characters" on each line it reads.
  it('reports every long auth_pass line, also one a later line or block replaces', () => {
    const text = instance('A', 'authentication {\nauth_type PASS\nauth_pass 0123456789\nauth_pass abcdefghij\n}\nauthentication {\nauth_pass 0123456789\n}');
    expect(findings(text, 'KA302').map((d) => d.range.start.line)).toHaveLength(3);
  });
  // Configuration errors are counted from 2.0.7 (report_config_error); the 1.3.5 build logs "Truncating auth_pass
  // to 8 characters" and runs with the 8 bytes.
  it('says keepalived logs the truncation before 2.0.7 and reports a configuration error from 2.0.7', () => {
    const text = instance('A', 'authentication {\nauth_type PASS\nauth_pass 517la.com\n}');
    expect(findings(text, 'KA302', '1.3.5')[0]!.message).toMatch(/\('517la\.co'\) and logs it$/);
    expect(findings(text, 'KA302', '2.0.7')[0]!.message).toMatch(/and reports a configuration error \(keepalived -t exits non-zero\)$/);
  });
});

describe('KA303 authentication-ignored / KA304 auth-type-without-pass', () => {
  it('KA303: auth_hmac (2.4.0+) replaces the authentication block', () => {
    // keepalived 2.4.3: "(A) auth_hmac cannot be combined with authentication, dropping legacy auth" (exit 5).
    const text = instance('A', `version 2\nauthentication {\nauth_type PASS\nauth_pass secret\n}\nauth_hmac {\nkey 1 ${'k'.repeat(32)}\nactive_key 1\n}`);
    expect(findings(text, 'KA303', '2.4.3').map((d) => [d.range.start.line + 1, d.message.includes('auth_hmac replaces it')])).toEqual([[3, true]]);
    expect(findings(text, 'KA303', '2.3.1')).toEqual([]);
    // Without a password it is KA304's, as keepalived drops it for that first.
    expect(findings(text.replace('auth_pass secret\n', ''), 'KA303', '2.4.3')).toEqual([]);
  });
  const auth = 'authentication {\nauth_type PASS\nauth_pass secret\n}';
  it('knows VRRPv3 from the instance, global vrrp_version and IPv6', () => {
    expect(findings(instance('A', `version 3\n${auth}`), 'KA303')).toHaveLength(1);
    expect(findings(`global_defs {\n    vrrp_version 3\n}\n${instance('A', auth)}`, 'KA303')).toHaveLength(1);
    expect(findings(instance('A', `${vip('fe80::1')}\n${auth}`), 'KA303')).toHaveLength(1);
    expect(findings(instance('A', `${vip('10.0.0.1')}\n${auth}`), 'KA303')).toHaveLength(0);
  });
  it('reports a missing password only where authentication would apply', () => {
    const noPass = 'authentication {\nauth_type PASS\n}';
    expect(findings(instance('A', noPass), 'KA304')).toHaveLength(1);
    expect(findings(instance('A', `version 3\n${noPass}`), 'KA304')).toHaveLength(0);
  });
  it('leaves a bare auth_pass line to the core: keepalived stops reading there', () => {
    // A pasted config with its password blanked out (pastebin iPiJ24sT). keepalived 2.2.7:
    // "*** Configuration line starting `auth_pass` is missing a parameter after keyword `auth_pass`
    // at word position 2", exit 2, and nothing after that line is read.
    const bare = 'authentication {\nauth_type PASS\nauth_pass\n}';
    expect(findings(instance('A', bare), 'KA304')).toHaveLength(0);
    expect(findings(instance('A', bare), 'KA203')).toHaveLength(1);
    expect(findings(instance('A', 'authentication {\nauth_type PASS\nauth_pass ""\n}'), 'KA304')).toHaveLength(1);
  });
  it('leaves an auth_type keepalived does not know to KA205', () => {
    // keepalived 2.2.7: "(A) unknown authentication type 'PASS;'": no type is set, so there is
    // no authentication for a missing password to turn off (';' separates nothing here).
    const oneLine = 'authentication { auth_type PASS; auth_pass secret }';
    expect(findings(instance('A', oneLine), 'KA304')).toHaveLength(0);
    expect(findings(instance('A', oneLine), 'KA205')).toHaveLength(1);
    // keepalived 2.2.7 on 'auth_type PASS\' under vrrp_strict: "unknown authentication type 'PASS\'" and
    // no "Strict mode does not support authentication" (there is none to ignore).
    const strict = `global_defs {\nvrrp_strict\n}\n${instance('A', 'authentication {\nauth_type PASS\\\nauth_pass secret\n}')}`;
    expect(findings(strict, 'KA303')).toHaveLength(0);
    expect(findings(strict.replace('PASS\\', 'PASS'), 'KA303')).toHaveLength(1);
  });
});

describe('KA305-KA311: state, priority and preemption', () => {
  it('state MASTER without priority is the owner: KA306 and KA310, not KA308', () => {
    const text = instance('A', 'state MASTER\nnopreempt');
    expect(findings(text, 'KA306')).toHaveLength(1);
    expect(findings(text, 'KA310')).toHaveLength(1);
    expect(findings(text, 'KA308')).toHaveLength(0);
  });
  it("KA306 on 'state MASTER priority 200' moves the written priority to its own line", () => {
    const text = instance('A', 'state MASTER priority 200');
    const d = findings(text, 'KA306')[0]!;
    const fixed = applyFix(text, d.fix!);
    expect(fixed).toContain('state MASTER\n    priority 200\n');
    expect(findings(fixed, 'KA306')).toEqual([]);
    expect(findings(fixed, 'KA204')).toEqual([]);
    // Without a priority on the line, the usual suggestion.
    expect(findings(instance('A', 'state MASTER'), 'KA306')[0]!.fix!.description).toBe("Add 'priority 150' after 'state MASTER'");
  });
  it('a priority keepalived cannot read is 100, not derived from state MASTER', () => {
    // keepalived replaces an invalid priority with the default 100 ("Using default 100").
    const script = 'vrrp_script chk {\n    script "/bin/true"\n    weight -10\n}\n';
    for (const p of ['LEVEL', '0', '300']) {
      const text = script + instance('A', `state MASTER\npriority ${p}\nnopreempt\ntrack_script {\nchk\n}`);
      expect(findings(text, 'KA306'), p).toHaveLength(0);
      expect(findings(text, 'KA310'), p).toHaveLength(0);
      expect(findings(text, 'KA307'), p).toHaveLength(0);
      expect(findings(text, 'KA308'), p).toHaveLength(1);
    }
  });
  it('before 2.0 keepalived keeps nopreempt and preempt_delay on an initial MASTER (KA308, KA309 say so)', () => {
    // keepalived 1.3.5: "(VI_1): Warning - nopreempt will not work with initial state MASTER", and its dump says "Preempt disabled".
    const np = instance('A', 'state MASTER\npriority 150\nnopreempt');
    expect(findings(np, 'KA308', '1.3.5')[0]!.message).toContain('keepalived 1.3.5 keeps nopreempt but warns that it will not work with initial state MASTER');
    expect(findings(np, 'KA308', '2.0.0')[0]!.message).toContain('keepalived clears nopreempt, so this node preempts');
    const pd = instance('A', 'state MASTER\npriority 150\npreempt_delay 30');
    expect(findings(pd, 'KA309', '1.4.5')[0]!.message).toContain('keepalived 1.4.5 keeps the delay, which applies only after the node has become BACKUP');
    expect(findings(pd, 'KA309')[0]!.message).toContain('keepalived clears the delay');
  });

  it('a preempt_delay keepalived refuses is no delay: nothing for KA309 or KA311 to clear', () => {
    // 2.2.7: "(A) Preempt_delay not valid! must be between 0-1000", and the delay is 0; no "preempt_delay is
    // incompatible with nopreempt" or "preempt delay will not work with initial state MASTER" follows.
    const nopreempt = instance('A', 'state BACKUP\npriority 90\nnopreempt\npreempt_delay 2000');
    const master = instance('A', 'state MASTER\npriority 150\npreempt_delay 5000');
    expect(findings(nopreempt, 'KA311')).toEqual([]);
    expect(findings(master, 'KA309')).toEqual([]);
    expect(findings(nopreempt.replace('2000', '20'), 'KA311')).toHaveLength(1);
    if (keepalivedAvailable()) {
      for (const text of [nopreempt, master]) {
        const said = runKeepalived(text).messages.map((m) => m.message);
        expect(said).toContain('(A) Preempt_delay not valid! must be between 0-1000');
        expect(said.some((m) => /incompatible with nopreempt|preempt delay will not work/.test(m))).toBe(false);
      }
    }
  });

  it('a timer word strtod reads whole counts at the releases that read it so (KA309 on preempt_delay 0x10)', () => {
    // 2.0.19 and 2.1.5 builds: `preempt_delay 0x10` (or 1e1) with state MASTER is "preempt delay will not work with
    // initial state MASTER - clearing", silently read as 16 s; 2.2.3 and later report "invalid number '0x10'" and use 0.
    for (const word of ['0x10', '1e1']) {
      const pd = instance('A', `state MASTER\npriority 150\npreempt_delay ${word}`);
      for (const target of ['2.0.19', '2.1.5', '2.2.2']) {
        expect(findings(pd, 'KA309', target), `${word} ${target}`).toHaveLength(1);
        expect(findings(pd, 'KA205', target), `${word} ${target}`).toHaveLength(0);
      }
      expect(findings(pd, 'KA205', '2.2.7'), word).toHaveLength(1);
    }
    // 2.2.7 uses 0 for `0x10` and a millionth of a second for `1e1` (the digits before the 'e'): only the latter is cleared.
    expect(findings(instance('A', 'state MASTER\npriority 150\npreempt_delay 0x10'), 'KA309', '2.2.7')).toHaveLength(0);
    expect(findings(instance('A', 'state MASTER\npriority 150\npreempt_delay 1e1'), 'KA309', '2.2.7')).toHaveLength(1);
    // 2.0.0 to 2.0.6 read it with atof, which reads hexadecimal too; 1.3.5's strtoul in base 10 stops at the 'x'.
    const hex = instance('A', 'state MASTER\npriority 150\npreempt_delay 0x10');
    expect(findings(hex, 'KA309', '2.0.5')).toHaveLength(1);
    expect(findings(hex, 'KA205', '2.0.5')).toHaveLength(0);
    expect(findings(hex, 'KA309', '1.3.5')).toHaveLength(0);
    expect(findings(hex, 'KA205', '1.3.5')[0]!.message).toContain('releases from 2.0.7 to before 2.2.3 read it as 16, later ones reject it as an invalid number');
  });

  it('nopreempt with state MASTER below 255 is KA308', () => {
    expect(findings(instance('A', 'state MASTER\npriority 150\nnopreempt'), 'KA308')).toHaveLength(1);
    expect(findings(instance('A', 'state BACKUP\npriority 150\nnopreempt'), 'KA308')).toHaveLength(0);
    // A later `preempt` cancels nopreempt.
    expect(findings(instance('A', 'state MASTER\npriority 150\nnopreempt\npreempt'), 'KA308')).toHaveLength(0);
  });
  it('AH with state MASTER below 255 starts as BACKUP (KA305), so preempt_delay is kept', () => {
    const text = instance('A', 'state MASTER\npriority 150\npreempt_delay 10\nauthentication {\nauth_type AH\nauth_pass secret\n}');
    expect(findings(text, 'KA305')).toHaveLength(1);
    expect(findings(text, 'KA309')).toHaveLength(0);
    expect(findings(instance('A', 'state MASTER\npriority 255\nauthentication {\nauth_type AH\nauth_pass secret\n}'), 'KA305')).toHaveLength(0);
  });
  it('before 2.0.0 an AH instance starts as MASTER as written (KA305 from 2.0.0 only)', () => {
    // keepalived 1.3.5 (scripts/keepalived-1.3.5/run.sh): "Want State = MASTER", "Authentication type = IPSEC_AH",
    // then "VRRP_Instance(VI_1) Transition to MASTER STATE"; a42613f7 (2.0.0) added "Initial state master is
    // incompatible with AH authentication - clearing".
    const text = instance('A', 'state MASTER\npriority 150\nauthentication {\nauth_type AH\nauth_pass secret\n}');
    expect(findings(text, 'KA305', '1.3.5')).toEqual([]);
    expect(findings(text, 'KA305', '2.0.0')).toHaveLength(1);
  });
  it('preempt_delay with nopreempt on a BACKUP is KA311; a zero delay is not', () => {
    expect(findings(instance('A', 'state BACKUP\nnopreempt\npreempt_delay 30'), 'KA311')).toHaveLength(1);
    expect(findings(instance('A', 'state BACKUP\nnopreempt\npreempt_delay 0'), 'KA311')).toHaveLength(0);
  });
  it('weighted tracking on priority 255 is removed (KA307), unweighted is fine', () => {
    const scripts = 'vrrp_script chk {\n    script "/bin/true"\n    weight -10\n}\nvrrp_script plain {\n    script "/bin/true"\n}\n';
    expect(findings(scripts + instance('A', 'priority 255\ntrack_script {\nchk\nplain\n}'), 'KA307').map((d) => d.message)).toEqual([expect.stringContaining("'chk'")]);
    expect(findings(scripts + instance('A', 'priority 254\ntrack_script {\nchk\n}'), 'KA307')).toHaveLength(0);
    // keepalived 2.2.7 ignores the second entry first ("(VI_1) duplicate track_script chk - ignoring", KA337), then
    // prints "(VI_1) ignoring tracked script chk with weights due to address_owner" once.
    expect(findings(scripts + instance('A', 'priority 255\ntrack_script {\nchk\n}\ntrack_script {\nchk\n}'), 'KA307').map((d) => d.range.start.line + 1)).toEqual([11]);
    // A vrrp_script defined twice: keepalived finds the first one (generator seed 393; 2.1.5 and 2.2.7 both say
    // "(A) ignoring tracked script chk with weights due to address_owner" where only the first has a weight).
    const twice = `${scripts}vrrp_script chk {\n    script "/bin/true"\n}\n`;
    const owner = twice + instance('A', `interface eth0\nvirtual_router_id 51\nstate MASTER\ntrack_script {\nchk\n}\n${vip('10.0.0.1')}`);
    expect(findings(owner, 'KA307').map((d) => d.message)).toEqual([expect.stringContaining("'chk'")]);
    if (keepalivedAvailable()) expect(runKeepalived(owner).messages.map((m) => m.message)).toContain('(A) ignoring tracked script chk with weights due to address_owner');
  });
  it('before 2.0.0 an owner keeps its weighted tracking and never applies the weight (KA307)', () => {
    // The 1.3.5 build (scripts/keepalived-1.3.5/run.sh, VRRP process, -d dump) on this instance: "Priority = 255",
    // "Tracked scripts = 1", "chk weight -20", and "VRRP_Script(chk) succeeded"; nothing logged about the weight.
    // 1.3.5 and 1.4.5 vrrp_scheduler.c vrrp_init_state: "The effective priority is never changed for PRIO_OWNER";
    // the removal ("ignoring tracked script chk with weights due to address_owner") is in 2.0.0's vrrp.c, not 1.4.5's.
    const text = 'vrrp_script chk {\n    script "/bin/true"\n    interval 1\n}\n' + instance('VI_1', `state MASTER\ninterface eth0\nvirtual_router_id 51\npriority 255\ntrack_script {\nchk weight -20\n}\ntrack_interface {\neth1 weight 10\n}\n${vip('192.168.1.151')}`);
    const said = (v: string) => findings(text, 'KA307', v).map((d) => `${d.severity}: ${d.message}`);
    for (const v of ['1.3.5', '1.4.5']) {
      expect(said(v), v).toEqual([
        `error: track_script 'chk' (weight -20) of 'VI_1' never changes its priority: keepalived ${v} keeps the entry (the script still runs) without a word, but never applies tracking weights to an address owner (priority 255), so a failure does not move the VIP (2.0.0 and later remove the entry)`,
        expect.stringMatching(/^error: track_interface 'eth1' \(weight 10\) of 'VI_1' never changes its priority: .*\(the interface is still watched\)/),
      ]);
    }
    for (const v of ['2.0.0', '2.2.7']) expect(said(v), v).toEqual([expect.stringContaining("track_script 'chk' (weight -20) of 'VI_1' is removed by keepalived"), expect.stringContaining("track_interface 'eth1' (weight 10) of 'VI_1' is removed by keepalived")]);
  });
  it('a weighted track_interface on the owner is removed, not kept unweighted (KA307)', () => {
    // Session 60's audit: 2.2.7 -t says "(A) ignoring eth1 tracked interface due to address owner" (free_track_if);
    // live, the owner stayed MASTER with eth1 down. kalint had said "tracked without its weight" and advised weight 0.
    const text = instance('A', `priority 255\ntrack_interface {\neth1 weight 10\n}\ninterface eth0\nvirtual_router_id 5\n${vip('10.0.0.1')}`);
    const said = findings(text, 'KA307');
    expect(said.map((d) => [d.severity, d.message])).toEqual([['error', "track_interface 'eth1' (weight 10) of 'A' is removed by keepalived: priority 255 (address owner) cannot be changed by tracking"]]);
  });
  it('a track file at the default weight stays on the owner, unweighted (KA307)', () => {
    // keepalived 2.2.7: "(A) ignoring weight from tracked file tf due to address_owner. specify weight 0"; live (s58
    // audit), writing 1 to the file put the owner in FAULT and took its VIP away. A weight of 5 drops the entry.
    const files = 'track_file tf {\n    file /tmp/tf\n}\ntrack_file heavy {\n    file /tmp/heavy\n    weight 5\n}\n';
    const text = files + instance('A', `priority 255\ntrack_file {\ntf\nheavy\n}\ninterface eth0\nvirtual_router_id 5\n${vip('10.0.0.1')}`);
    const said = findings(text, 'KA307');
    expect(said.map((d) => [d.range.start.line + 1, d.severity])).toEqual([[11, 'warning'], [12, 'error']]);
    expect(said[0]!.message).toMatch(/tracked by keepalived without its weight.*puts 'A' in FAULT/);
    expect(said[0]!.message).not.toMatch(/removed/);
    expect(said[1]!.message).toMatch(/is removed by keepalived/);
    if (keepalivedAvailable()) expect(runKeepalived(text).messages.map((m) => m.message)).toEqual(expect.arrayContaining([expect.stringMatching(/ignoring weight from tracked file tf due to address_owner/)]));
  });
  it('weights a sync group tracks with are cleared when a member is address owner (KA307)', () => {
    // keepalived 2.2.7: "(G) Cannot have weighted track script 'chk' with member having priority 255 - clearing weight"
    // and "(G) Cannot have weighted track file 'f' with member having priority 255 - setting weight 0" (a
    // track_file's default weight 1 counts); the second 'plain' is a duplicate keepalived ignores.
    const scripts = 'vrrp_script chk {\n    script "/bin/true"\n    weight -10\n}\nvrrp_script plain {\n    script "/bin/true"\n}\ntrack_file f {\n    file /tmp/f\n}\n';
    const group = (tracking: string) => `vrrp_sync_group G {\n    group {\n        A\n        B\n    }\n${tracking}}\n`;
    const members = (pa: number) => instance('A', `priority ${pa}`) + instance('B', 'priority 100');
    const text = scripts + members(255) + group('    track_script {\n        chk\n        plain\n        plain weight 5\n    }\n    track_file {\n        f\n    }\n    track_interface {\n        eth1\n    }\n');
    expect(findings(text, 'KA307').map((d) => [d.range.start.line + 1, d.message.slice(0, 40)])).toEqual([
      [23, "track_script 'chk' (weight -10) of sync "],
      [28, "track_file 'f' (weight 1) of sync group "],
    ]);
    expect(findings(scripts + members(254) + group('    track_script {\n        chk\n    }\n'), 'KA307')).toEqual([]);
  });
});

describe('KA312 missing-virtual-ipaddress', () => {
  it('warns for VRRPv2 and errors for VRRPv3 or strict mode', () => {
    expect(findings(instance('A', 'virtual_router_id 1'), 'KA312').map((d) => d.severity)).toEqual(['warning']);
    expect(findings(instance('A', 'virtual_router_id 1\nversion 3'), 'KA312').map((d) => d.severity)).toEqual(['error']);
    expect(findings(`global_defs {\n    vrrp_strict\n}\n${instance('A', 'virtual_router_id 1')}`, 'KA312').map((d) => d.severity)).toEqual(['error']);
  });
  it('before 2.2.0 the VIPs of a unicast instance without an interface go on the default interface (2.1.5 mutation seed 431)', () => {
    // The 2.1.5 build is silent and exits 0 on this VRRPv3 instance. Its daemon (s58 docs audit) put the address on
    // global_defs' default_interface, eth0 by default: `Virtual IP : 10.0.0.100/24 dev eth0`, and ran the instance.
    // 2.2.0 and later remove it ("no interface for vip … - removing"), and a VRRPv3 instance with no VIP is refused.
    const text = instance('A', 'virtual_router_id 51\nversion 3\nunicast_src_ip 192.168.10.11\nunicast_peer {\n192.168.10.12\n}\nvirtual_ipaddress {\n192.168.10.100/24\n}');
    expect(findings(text, 'KA312', '2.1.5')).toEqual([]);
    expect(findings(text, 'KA312', '2.2.4').map((d) => d.message)).toEqual([expect.stringMatching(/rejects the VRRP configuration/)]);
    expect(findings(text, 'KA338', '2.1.5').map((d) => [d.severity, d.message])).toEqual([['warning', expect.stringContaining("keepalived 2.1.5 puts it on the default interface, eth0 (global_defs' default_interface, else eth0)")]]);
    expect(findings(`global_defs {\n    default_interface bond0\n}\n${text}`, 'KA338', '2.1.5')[0]!.message).toContain('on the default interface, bond0 (');
    const release = releaseBinary('2.1.5');
    if (release) expect(runRelease(release, text).messages).toEqual([]);
  });
  it('at 2.1.x names what each later release does with that address (claims64 bug 2)', () => {
    // The claims64 daemons: 2.1.5 put 192.168.1.100/24 on eth0; 2.2.4 and 2.2.8 "no interface for vip 192.168.1.100/24
    // - removing"; 2.2.7 "(VI_1) Unknown interface!" and "permanent error CONFIG. Terminating". kalint said "2.2.0 and
    // later remove it". 2.2.3 crashes on such an instance (its debounce check, fixed in 2.2.4).
    const text = instance('VI_1', 'virtual_router_id 51\npriority 100\nunicast_src_ip 192.168.1.10\nunicast_peer {\n192.168.1.20\n}\nvirtual_ipaddress {\n192.168.1.100/24\n192.168.1.101/24 dev eth0\n}');
    const [d] = findings(text, 'KA338', '2.1.5');
    expect(d!.message).not.toContain('2.2.0 and later remove it');
    expect(d!.message).toMatch(/; keepalived 2\.2\.0 to 2\.2\.2, 2\.2\.4 and 2\.2\.8 and later remove it; 2\.2\.3 crashes on the instance \(a segmentation fault\), and 2\.2\.5 to 2\.2\.7 reject the VRRP configuration \("Unknown interface!"\), unicast peers or not$/);
    // …which is what kalint says at each of those targets.
    const at = (v: string) => findings(text, 'KA338', v).map((f) => f.message);
    for (const v of ['2.2.0', '2.2.2', '2.2.4', '2.2.8', '2.4.3']) expect(at(v), v).toEqual([expect.stringContaining('removes it ("no interface for vip 192.168.1.100 - removing")')]);
    expect(at('2.2.3')).toEqual([expect.stringContaining('crashes on it')]);
    for (const v of ['2.2.5', '2.2.7']) expect(at(v), v).toEqual([expect.stringContaining('("Unknown interface!")')]);
  });
  it('no_virtual_ipaddress (2.2.8+) says no VIP is intended, except in strict mode, which clears it', () => {
    // keepalived 2.2.8 and 2.4.3: "(A) no_virtual_ipaddress and strict mode incompatible, clearing no_virtual_ipaddress",
    // then "(A) No VIP specified; at least one is required" (exit 5); without vrrp_strict: silent, exit 0.
    const strict = 'global_defs {\n    vrrp_strict\n}\n';
    expect(findings(instance('A', 'virtual_router_id 1\nno_virtual_ipaddress'), 'KA312', '2.2.8')).toEqual([]);
    const d = findings(strict + instance('A', 'virtual_router_id 1\nno_virtual_ipaddress'), 'KA312', '2.2.8');
    expect(d.map((x) => [x.severity, x.message.includes('strict mode clears no_virtual_ipaddress')])).toEqual([['error', true]]);
  });
  // Found on a pasted config (instances with only virtual_ipaddress_excluded): keepalived warns "No VIP
  // specified; at least one is sensible", but it still adds the excluded addresses when MASTER.
  it('does not say nothing moves when the instance has excluded addresses', () => {
    const d = findings(instance('A', 'interface eth0\nvirtual_router_id 1\nvirtual_ipaddress_excluded {\n    10.0.0.1/24 dev eth1\n}'), 'KA312');
    expect(d.map((x) => [x.severity, x.message])).toEqual([
      ['warning', "vrrp_instance 'A' has no virtual_ipaddress; its adverts carry no address, though it still moves its virtual_ipaddress_excluded address on failover; list one address in virtual_ipaddress"],
    ]);
  });
  it('does not count addresses of the other family', () => {
    expect(findings(instance('A', `unicast_src_ip 10.0.0.1\n${vip('fe80::1')}`), 'KA312')).toHaveLength(1);
  });
  // Found on a real config (`--KEEPALIVED_VIP--/--BITMASK--`, a placeholder never filled in): the
  // block is there, keepalived skips its only address, and the finding must not say there is none.
  const placeholder = instance('A', `interface eth0\nvirtual_router_id 1\n${vip('--VIP--/24')}`);
  it('says the addresses are skipped when the block has only unusable ones', () => {
    expect(findings(placeholder, 'KA312').map((d) => d.message)).toEqual([
      "vrrp_instance 'A' has no usable virtual_ipaddress (keepalived skips every address in its block); it moves no address on failover",
    ]);
    expect(findings(instance('A', 'virtual_router_id 1'), 'KA312')[0]!.message).toContain("'A' has no virtual_ipaddress;");
  });
  it.skipIf(!keepalivedAvailable())('keepalived skips the placeholder, then has no VIP', () => {
    const r = runKeepalived(placeholder);
    expect(r.messages.some((m) => m.line === 5 && m.message.includes('invalid IP --VIP--/24'))).toBe(true);
    expect(r.messages.some((m) => m.message.includes('No VIP specified'))).toBe(true);
  });
});

describe('KA313 address-family-mismatch / KA314 duplicate-vip / KA329 version-2-with-ipv6', () => {
  it('reports VIPs of the other family but accepts excluded ones', () => {
    expect(lines(instance('A', `${vip('10.0.0.1\nfe80::1')}`), 'KA313')).toEqual([4]);
    expect(findings(instance('A', `${vip('10.0.0.1')}\nvirtual_ipaddress_excluded {\nfe80::1\n}`), 'KA313')).toHaveLength(0);
  });
  it('reports an address used by two instances, whatever the prefix', () => {
    expect(findings(instance('A', vip('10.0.0.1/24')) + instance('B', vip('10.0.0.1/32')), 'KA314')).toHaveLength(1);
    expect(findings(instance('A', vip('10.0.0.1/24')) + instance('B', vip('10.0.0.2/24')), 'KA314')).toHaveLength(0);
  });
  // Found on OpenStack neutron's generated test configs: VR_1 has 192.168.3.0/24 dev eth2 and VR_2 192.168.3.0/24
  // dev eth6; keepalived adds and deletes an address on one interface (ifa_index), so they do not fight.
  it('reports an address used by two instances only on one interface', () => {
    const excl = (a: string) => `virtual_ipaddress_excluded {\n${a}\n}`;
    expect(findings(instance('A', `interface eth0\n${excl('10.0.0.1/24 dev eth2')}`) + instance('B', `interface eth1\n${excl('10.0.0.1/24 dev eth6')}`), 'KA314')).toHaveLength(0);
    expect(findings(instance('A', `interface eth0\n${excl('10.0.0.1/24 dev eth2')}`) + instance('B', `interface eth1\n${excl('10.0.0.1/24 dev eth2')}`), 'KA314')).toHaveLength(1);
    // No dev: the instance's interface.
    expect(findings(instance('A', `interface eth0\n${vip('10.0.0.1')}`) + instance('B', `interface eth1\n${vip('10.0.0.1')}`), 'KA314')).toHaveLength(0);
    expect(findings(instance('A', `interface eth0\n${vip('10.0.0.1')}`) + instance('B', `interface eth1\n${vip('10.0.0.1 dev eth0')}`), 'KA314')).toHaveLength(1);
  });
  it('reports each change of instance, not repeats inside one, and leaves out instances of a repeated name', () => {
    const text =
      instance('A', vip('10.0.0.1\n10.0.0.1')) + // lines 2-5
      instance('B', vip('10.0.0.1/32\n10.0.0.2')) + // lines 8-11: 10.0.0.1 on line 9
      instance('A', vip('10.0.0.2')) + // a second 'A': keepalived keeps the first
      instance('C', `virtual_ipaddress_excluded {\n10.0.0.2\n}\n${vip('10.0.0.1')}`);
    const found = findings(text, 'KA314');
    expect(found.map((d) => d.range.start.line + 1)).toEqual([9, 20, 23]);
    expect(found.map((d) => d.related?.[0]?.message)).toEqual(["first used in 'A'", "first used in 'B'", "first used in 'A'"]);
  });
  it('reports version 2 on IPv6 instances only', () => {
    expect(findings(instance('A', `version 2\n${vip('fe80::1')}`), 'KA329')).toHaveLength(1);
    expect(findings(instance('A', `version 2\n${vip('10.0.0.1')}`), 'KA329')).toHaveLength(0);
  });
  it('names native_ipv6 as the reason version 2 is not used, before or after it (rules62)', () => {
    // keepalived 2.2.7: native_ipv6 sets the family and version 3 (vrrp_native_ipv6_handler). 'version 2' after it:
    // "(VI_1) vrrp_version 2 conflicts with configured or deduced version 3; ignoring."; before it: silent, and the
    // daemon's dump says "VRRP Version = 3".
    const after = findings(instance('A', `native_ipv6\nversion 2\n${vip('fe80::1')}`), 'KA329');
    expect(after).toHaveLength(1);
    expect(after[0]!.message).toMatch(/^'native_ipv6' \(line \d+\) makes 'A' an IPv6 instance, which runs VRRPv3, so keepalived ignores this 'version 2'/);
    expect(after[0]!.message).not.toContain('after its first address');
    const before = findings(instance('A', `version 2\nnative_ipv6\n${vip('fe80::1')}`), 'KA329');
    expect(before).toHaveLength(1);
    expect(before[0]!.message).toMatch(/^'native_ipv6' \(line \d+\) sets VRRPv3 as well as IPv6 for 'A', so keepalived overwrites this 'version 2' without a word/);
    expect(before[0]!.message).not.toContain('non-standard');
    const afterVip = findings(instance('A', `version 2\n${vip('fe80::1')}\nnative_ipv6`), 'KA329');
    expect(afterVip[0]!.message).toContain('overwrites');
    // Without native_ipv6 the order of the address still decides.
    expect(findings(instance('A', `${vip('fe80::1')}\nversion 2`), 'KA329')[0]!.message).toContain("after its first address ('virtual_ipaddress'");
  });
});

describe('KA315 track-reference-not-found', () => {
  const script = 'vrrp_script chk {\n    script "/bin/true"\n}\n';
  const tracking = instance('A', 'track_script {\nchk\n}');
  it('needs the script defined earlier in the file, with a script line', () => {
    expect(lines(script + tracking, 'KA315')).toEqual([]);
    expect(lines(tracking + script, 'KA315')).toEqual([3]);
    expect(lines(tracking, 'KA315')).toEqual([3]);
    expect(lines('vrrp_script chk {\n    interval 2\n}\n' + tracking, 'KA315')).toEqual([6]);
  });
  // Found by fuzzing against 2.1.5: a bare `script` line next to one with a command sets nothing (2.2.7 and
  // 2.1.5 keep the command, silently); only a vrrp_script whose every `script` line is bare is removed.
  const globals = 'global_defs {\n    enable_script_security\n    script_user root\n}\n';
  const bareAfter = globals + 'vrrp_script chk {\n    script "/bin/true"\n    script\n}\n' + instance('A', `interface eth0\nvirtual_router_id 5\ntrack_script {\nchk\n}\n${vip('10.0.0.1')}`);
  const bareOnly = bareAfter.replace('    script "/bin/true"\n', '');
  it('keeps a script whose bare script line comes with one that has a command', () => {
    expect(lines(bareAfter, 'KA315')).toEqual([]);
    expect(lines(bareAfter, 'KA211')).toEqual([]);
    expect(lines(bareAfter.replace('    script "/bin/true"\n    script\n', '    script\n    script "/bin/true"\n'), 'KA315')).toEqual([]);
    expect(lines(bareOnly, 'KA315')).toEqual([12]);
  });
  it('an ideographic space as the command is a program name to keepalived, not a blank (no KA320)', () => {
    // Found by fuzzing against 2.4.3: `script <U+3000> "${_PWD}/x.sh"`; 2.2.7 and 2.4.3 only say the script is
    // not found ("Disabling track script … since not found/accessible"), the U+3000 being the program.
    const text = globals + 'vrrp_script chk {\n    script \u3000 "${_PWD}/x.sh"\n}\n' + instance('A', `interface eth0\nvirtual_router_id 5\ntrack_script {\nchk\n}\n${vip('10.0.0.1')}`);
    expect(lines(text, 'KA320')).toEqual([]);
    expect(lines(text, 'KA315')).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived keeps the command over a bare script line', () => {
    expect(runKeepalived(bareAfter).messages).toEqual([]);
    expect(runKeepalived(bareOnly).messages.map((m) => m.message)).toContain('No script set for vrrp_script chk - removing');
  });
  it('names the defined script a missing name is likely a typo of, with a suggested fix', () => {
    // gist welbymcroberts/6811242: 'vrrp_script chk_haproxy' defined, 'check_haproxy' tracked.
    // keepalived 2.2.7: "(A) track script check_haproxy not found, ignoring..."
    const text = 'vrrp_script chk_haproxy {\n    script "/bin/true"\n}\n' + instance('A', 'track_script {\ncheck_haproxy\n}');
    const [d] = findings(text, 'KA315');
    expect(d!.message).toBe("track_script 'check_haproxy' in 'A' is ignored: no vrrp_script 'check_haproxy' is defined (did you mean 'chk_haproxy'?)");
    expect(d!.related![0]!.range.start.line).toBe(0);
    expect(applyFix(text, d!.fix!)).toContain('    chk_haproxy\n');
    expect(applyFix(text, d!.fix!)).not.toContain('check_haproxy');
    expect(findings(script + instance('A', 'track_script {\nnginx_alive\n}'), 'KA315')[0]!.fix).toBeUndefined();
    // A script the block already tracks is not the one meant (the sample tracks chk_http_port and chk_https_port).
    const both = 'vrrp_script chk_http_port {\n    script "/bin/true"\n}\n' + instance('A', 'track_script {\nchk_http_port\nchk_https_port\n}');
    expect(findings(both, 'KA315')[0]!.message).toMatch(/no vrrp_script 'chk_https_port' is defined$/);
  });
  // Found by mutating real configs: a bare 'script' (or 'file') line leaves the object unset, so
  // keepalived removes it and the tracking line is "not found" too.
  const bare = 'vrrp_script s1 {\n    script\n}\ntrack_file f1 {\n    file\n}\n';
  const trackingBoth = instance('A', 'interface eth0\nvirtual_router_id 5\nvirtual_ipaddress {\n10.0.0.1\n}\ntrack_script {\ns1\n}\ntrack_file {\nf1\n}');
  it('a definition with a bare script or file line is removed too (KA315 at the reference, KA335 at the track_file)', () => {
    expect(lines(bare + trackingBoth, 'KA315')).toEqual([14, 17]);
    expect(lines(bare + trackingBoth, 'KA335')).toEqual([6]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t reports the same lines', () => {
    const said = runKeepalived(bare + trackingBoth).messages;
    expect(said.filter((m) => /not found, ignoring/.test(m.message)).map((m) => m.line)).toEqual([14, 17]);
    expect(said.some((m) => m.line === 6 && /No file set for track_file f1/.test(m.message))).toBe(true);
  });
  it('follows the include order: files are read in name order, in place of the include line', () => {
    const files = {
      '/etc/keepalived/keepalived.conf': 'include conf.d/*.conf\n',
      '/etc/keepalived/conf.d/10-web.conf': instance('WEB', 'track_script {\nchk\n}'),
      '/etc/keepalived/conf.d/20-checks.conf': 'vrrp_script chk {\n    script "/bin/true"\n}\n',
    };
    const lint = (f: Record<string, string>) =>
      lintText(f['/etc/keepalived/keepalived.conf']!, { file: '/etc/keepalived/keepalived.conf', host: memoryHost(f) }).diagnostics.filter((d) => d.code === 'KA315');
    expect(lint(files).map((d) => [d.file, d.range.start.line + 1])).toEqual([['/etc/keepalived/conf.d/10-web.conf', 3]]);
    const renamed = { ...files, '/etc/keepalived/conf.d/05-checks.conf': files['/etc/keepalived/conf.d/20-checks.conf'] };
    delete (renamed as Record<string, string>)['/etc/keepalived/conf.d/20-checks.conf'];
    expect(lint(renamed)).toEqual([]);
  });
  it('covers track_file and sync group tracking', () => {
    expect(findings(instance('A', 'track_file {\nflag\n}') + 'track_file flag {\n    file /run/flag\n}\n', 'KA315')).toHaveLength(1);
    expect(findings('track_file flag {\n    file /run/flag\n}\n' + instance('A', 'track_file {\nflag\n}'), 'KA315')).toHaveLength(0);
    expect(findings('vrrp_sync_group G {\n    group {\n        A\n    }\n    track_script {\n        chk\n    }\n}\n' + script, 'KA315')).toHaveLength(1);
  });
});

describe('KA316-KA319 sync groups', () => {
  const insts = instance('A', vip('10.0.0.1')) + instance('B', vip('10.0.0.2'));
  const group = (name: string, members: string[]) => `vrrp_sync_group ${name} {\n    group {\n${members.map((m) => `        ${m}\n`).join('')}    }\n}\n`;
  it('an unknown member is KA316 and leaves a single member (KA318)', () => {
    const text = instance('VI_WEB', vip('10.0.0.1')) + instance('VI_DB', vip('10.0.0.2')) + group('G', ['VI_WEB', 'VI_DBB']);
    expect(findings(text, 'KA316').map((d) => d.message)).toEqual([expect.stringContaining("did you mean 'VI_DB'")]);
    expect(findings(text, 'KA318')).toHaveLength(1);
    // Not an instance another group lists: keepalived refuses one in two groups (s58 suggestions audit).
    const other = instance('VI_WEB', vip('10.0.0.1')) + instance('VI_DB', vip('10.0.0.2')) + instance('VI_X', vip('10.0.0.3')) + group('G1', ['VI_DB', 'VI_X']) + group('G2', ['VI_WEB', 'VI_DBB']);
    expect(findings(other, 'KA316').map((d) => [d.message.includes('did you mean'), d.fix])).toEqual([[false, undefined]]);
  });
  // Found by mutation fuzzing (a doubled '{'): keepalived 2.2.7 on 'group {{': "Virtual router { specified in sync
  // group G doesn't exist - ignoring", then "Sync group G has only 1 virtual router(s)".
  it("a '{' inside the group list is a member keepalived looks for and drops", () => {
    const one = (name: string, vrid: number) => `vrrp_instance ${name} {\n    interface eth0\n    virtual_router_id ${vrid}\n    ${vip(`10.0.0.${vrid}`)}\n}\n`;
    const text = one('A', 1) + one('B', 2) + 'vrrp_sync_group G {\n    group {{\n        A\n    }\n}\n';
    expect(findings(text, 'KA316').map((d) => [d.message, d.range.start.line, d.range.start.column])).toEqual([["sync group 'G' lists '{', which is not a vrrp_instance; keepalived ignores it", 15, 11]]);
    expect(findings(text, 'KA318')[0]?.message).toContain('after keepalived drops 1 unusable name(s)');
    if (keepalivedAvailable()) {
      const said = runKeepalived(text).messages.map((m) => m.message);
      expect(said).toContain("Virtual router { specified in sync group G doesn't exist - ignoring");
    }
  });
  // Found by fuzzing seed 761 (2.1.5, a harvested config's one-member group): 2.1.0 to 2.2.2 remove such a group
  // ("Sync group G has only 1 virtual router(s) - this probably isn't what you want - removing"), so its member keeps
  // weighted tracking: the 2.1.5 build says "ignoring tracked script chk with weights due to address_owner" where
  // 2.0.19 and 2.2.7 say "due to SYNC group", and only they report the interface tracked on both.
  describe('a one-member group that 2.1.0 to 2.2.2 remove', () => {
    const text = conf('vrrp_sync_group G {', '  group {', '    VI_1', '  }', '  track_interface {', '    eth0', '  }', '}', 'vrrp_script chk {', '  script "/bin/true"', '  weight 10', '}',
      'vrrp_instance VI_1 {', '  interface eth0', '  state MASTER', '  priority 255', '  virtual_router_id 5', '  track_script {', '    chk', '  }', '  virtual_ipaddress {', '    10.0.0.9', '  }', '}');
    const plain = text.replace('priority 255', 'priority 100');
    it('leaves the member on its own there', () => {
      for (const v of ['2.1.0', '2.1.5', '2.2.2']) {
        expect(findings(text, 'KA318', v)[0]!.message, v).toContain(`keepalived ${v} removes it ("this probably isn't what you want - removing"; 2.1.0 to 2.2.2 do): 'VI_1' runs on its own`);
        expect(findings(text, 'KA322', v), v).toEqual([]);
        expect(findings(text, 'KA340', v), v).toEqual([]);
        expect(findings(text, 'KA307', v).map((d) => d.range.start.line + 1), v).toEqual([19]);
        expect(findings(plain, 'KA322', v), v).toEqual([]);
      }
      // The release audit (session 59): 1.x removes it too (1.3.5's daemon: "has only 1 virtual router(s) - removing",
      // then "Changing effective priority from 100 to 80"); 1.4.0 began keeping it.
      for (const v of ['1.3.5', '1.3.9']) {
        expect(findings(plain, 'KA318', v)[0]!.message, v).toContain(`keepalived ${v} removes it ("has only 1 virtual router(s) - removing"; releases before 1.4.0 do)`);
        expect(findings(plain, 'KA322', v), v).toEqual([]);
      }
      expect(findings(plain, 'KA322', '1.4.0')).toHaveLength(1);
      for (const v of ['2.0.19', '2.2.3', '2.2.7']) {
        expect(findings(text, 'KA318', v)[0]!.message, v).not.toContain('removes it');
        expect(findings(text, 'KA322', v).map((d) => d.range.start.line + 1), v).toEqual([19]);
        expect(findings(text, 'KA340', v), v).toHaveLength(1);
      }
    });
    it.runIf(!!releaseBinary('2.1.5'))('the 2.1.5 build removes the group and drops the weighted script as the owner', () => {
      const said = runRelease(releaseBinary('2.1.5')!, text).messages.map((m) => m.message);
      expect(said).toContain("Sync group G has only 1 virtual router(s) - this probably isn't what you want - removing");
      expect(said).toContain('(VI_1) ignoring tracked script chk with weights due to address_owner');
    });
  });
  it('does not suggest an instance the group already lists', () => {
    // A real config: group { RH_EXT RH_INT } with only RH_EXT defined got "did you mean 'RH_EXT'?".
    const text = instance('RH_EXT', vip('10.0.0.1')) + group('VG1', ['RH_EXT', 'RH_INT']);
    expect(findings(text, 'KA316').map((d) => [d.message, d.fix])).toEqual([["sync group 'VG1' lists 'RH_INT', which is not a vrrp_instance; keepalived ignores it", undefined]]);
  });
  // Found on a pasted config (acassen/keepalived#545): group { Alef_platform_OPR_IPS Alef_platform_Data_IPS } with
  // instances Alef_platform_IPS and Alef_platform_OPR_IPS; the name differs by a whole word in the middle.
  it('suggests the one instance that differs by a whole word', () => {
    const text = instance('App_IPS', vip('10.0.0.1')) + instance('App_OPR_IPS', vip('10.0.0.2')) + group('G', ['App_OPR_IPS', 'App_Data_IPS']);
    expect(findings(text, 'KA316').map((d) => [d.message, d.fix?.edits[0]?.newText])).toEqual([
      ["sync group 'G' lists 'App_Data_IPS', which is not a vrrp_instance; keepalived ignores it (did you mean 'App_IPS'?)", 'App_IPS'],
    ]);
    // Two candidates a word away: no guess.
    const two = instance('App_IPS', vip('10.0.0.1')) + instance('App_Data_Web_IPS', vip('10.0.0.2')) + group('G', ['App_Data_IPS']);
    expect(findings(two, 'KA316')[0]!.message).not.toContain('did you mean');
  });
  it('an instance in two groups is kept in the first only (KA317), emptying the second (KA319)', () => {
    const text = insts + group('G', ['A', 'B']) + group('H', ['A']);
    expect(lines(text, 'KA317')).toEqual([19]);
    expect(findings(text, 'KA319')).toHaveLength(1);
    expect(findings(text, 'KA318')).toHaveLength(0);
  });
  it('a name listed twice in one group is the same error', () => {
    expect(lines(insts + group('G', ['A', 'A B']), 'KA317')).toEqual([14]);
    expect(findings(insts + group('G', ['A', 'A B']), 'KA317')[0]!.message).toContain('reports it as a configuration error');
    // Before 2.0.7 keepalived only logs its configuration messages (report_config_error came in 2.0.7).
    expect(findings(insts + group('G', ['A', 'A B']), 'KA317', '1.3.5')[0]!.message).toContain('ignores the repeat and logs it');
  });
  it('an empty group block is reported where keepalived reports it: its closing brace', () => {
    expect(lines(insts + 'vrrp_sync_group G {\n    group {\n    }\n}\n', 'KA319')).toEqual([13]);
  });
  // Found by include fuzzing (a group list whose only line was a missing include): keepalived 2.2.7 leaves an empty
  // list unset ("Warning - sync group G has empty group block") and reads the next one, with no "already specified".
  it('a group list after an empty one is read, not a repeat (KA209), and the empty one is a warning', () => {
    const text = insts + 'vrrp_sync_group G {\n    group {\n    }\n    group {\n        A\n        B\n    }\n    group {\n        A\n    }\n}\n';
    const all = lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => ['KA319', 'KA209', 'KA103'].includes(d.code));
    // The third list is a repeat: skipped, and its '}' ends the group, so the last '}' closes nothing.
    expect(all.map((d) => `${d.range.start.line + 1}:${d.code}:${d.severity}`)).toEqual(['13:KA319:warning', '18:KA209:error', '21:KA103:error']);
    expect(all[1]!.related?.[0]?.range.start.line).toBe(13);
    const track = 'track_group T {\n    group {\n    }\n    group {\n        A\n    }\n}\n';
    expect(lintText(insts + track, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.code === 'KA209' || d.code === 'KA336' || d.code === 'KA349').length).toBe(0);
    if (keepalivedAvailable()) {
      const said = runKeepalived(text).messages;
      expect(said.filter((m) => m.message.startsWith('Group list already specified')).map((m) => m.line)).toEqual([18]);
      expect(said.filter((m) => m.message.includes('has empty group block')).map((m) => m.line)).toEqual([13]);
    }
  });
});

describe("KA315 on a '{' in a track list, which keepalived reads as a name", () => {
  // Found by mutation fuzzing ('track_file {{'). keepalived 2.2.7 -t: "(N1) track script { not found, ignoring..."
  // for track_script; for track_file, with a track file defined before, it never finishes (killed after 5 s).
  const inst = (block: string) =>
    `track_file tf {\n    file /tmp/x.txt\n}\nvrrp_script chk {\n    script "/bin/true"\n}\nvrrp_instance N1 {\n    interface eth0\n    virtual_router_id 150\n    ${block} {\n        {\n        ${block === 'track_file' ? 'tf' : 'chk'}\n    }\n}\n}\n`;
  it('reports the name at the brace, and the hang for track_file', () => {
    expect(lines(inst('track_script'), 'KA315')).toEqual([11]);
    const tf = findings(inst('track_file'), 'KA315');
    expect(tf.map((d) => d.range.start.line + 1)).toEqual([11]);
    expect(tf[0]!.message).toContain('keepalived -t never finishes');
  });
});

describe('KA320 vrrp-script-without-script / KA321 unused-vrrp-script', () => {
  it('reports a script without `script` at its closing brace', () => {
    expect(lines('vrrp_script chk {\n    interval 2\n}\n', 'KA320')).toEqual([3]);
    expect(lines('vrrp_script chk {\n    script "/bin/true"\n}\n', 'KA320')).toEqual([]);
    // keepalived -t: "No script set for vrrp_script chk - removing" for an empty or blank command
    for (const empty of ['""', '" "', "''", '"" /bin/true']) expect(lines(`vrrp_script chk {\n    script ${empty}\n}\n`, 'KA320')).toEqual([3]);
    expect(lines('vrrp_script chk {\n    script "/bin/true"\n    script ""\n}\n', 'KA320')).toEqual([]);
    // and the instance tracking it: "(A) track script chk not found, ignoring..."
    expect(lines(`vrrp_script chk {\n    script " "\n}\n${instance('A', 'track_script {\nchk\n}')}`, 'KA315')).toEqual([6]);
  });
  it('a `script` line without a command sets nothing (keepalived: "No script set" at the closing brace)', () => {
    expect(lines('vrrp_script chk {\n    script\n    interval 2\n}\n', 'KA320')).toEqual([4]);
    expect(findings('vrrp_script chk {\n    script\n}\n', 'KA320')[0]!.message).toContain('without a command');
  });
  it('before 1.3.6 a tracked script without a command crashes the VRRP process instead of being removed', () => {
    // A 1.3.5 build (scripts/keepalived-1.3.5/run.sh): "Keepalived_vrrp exited due to segmentation fault
    // (SIGSEGV)", "VRRP child process(10) died: Exiting", for no script line, a bare one, and with a weight
    // on the track line; an untracked one is left disabled and `script ""` is "Disabling track script chk
    // since not found".
    const tracked = (body: string) => `vrrp_script chk {\n${body}    interval 2\n}\n${instance('A', 'track_script {\nchk\n}')}`;
    for (const body of ['', '    script\n']) {
      const ds = findings(tracked(body), 'KA320', '1.3.5');
      expect(ds.map((d) => d.message)).toEqual([expect.stringContaining("'A' tracks it: keepalived 1.3.5 keeps such a script and its VRRP process crashes")]);
      expect(findings(tracked(body), 'KA315', '1.3.5')).toEqual([]);
      expect(findings(tracked(body), 'KA320', '1.3.6')[0]?.message).not.toContain('crash');
      expect(findings(tracked(body), 'KA315', '1.3.6')).toHaveLength(1);
    }
    expect(findings('vrrp_script chk {\n    interval 2\n}\n', 'KA320', '1.3.5')).toEqual([]);
    expect(findings(tracked('    script ""\n'), 'KA320', '1.3.5')[0]?.message ?? '').not.toContain('crash');
  });
  it('reports scripts nobody tracks', () => {
    const script = 'vrrp_script chk {\n    script "/bin/true"\n}\n';
    expect(lines(script + instance('A', vip('10.0.0.1')), 'KA321')).toEqual([1]);
    expect(lines(script + instance('A', 'track_script {\nchk\n}'), 'KA321')).toEqual([]);
  });
});

describe('KA322 weighted-tracking-in-sync-group', () => {
  const script = 'vrrp_script chk {\n    script "/bin/true"\n    weight -20\n}\n';
  const group = (extra = '') => `vrrp_sync_group G {\n    group {\n        A\n        B\n    }\n${extra}}\n`;
  const b = instance('B', vip('10.0.0.2'));
  it('drops scripts weighted by their vrrp_script (error); an interface weight is said to be ignored but is not (warning)', () => {
    const text = script + instance('A', 'track_script {\nchk\n}\ntrack_interface {\neth1 weight 10\n}') + b + group();
    expect(findings(text, 'KA322').map((d) => d.severity).sort()).toEqual(['error', 'warning']);
    // Live (scripts/cluster-live, 2.1.5 and 2.2.7): "ignoring eth1 tracked interface weight due to SYNC
    // group", then "Changing effective priority from 100 to 80" when eth1 went down.
    expect(findings(text, 'KA322').find((d) => d.severity === 'warning')!.message).toContain('but applies it anyway');
  });
  // s58 daemon audit: with the group tracking chk too, 2.2.7 logged "(VI_1) ignoring tracked script chk with weights
  // due to SYNC group", then "Changing effective priority from 100 to 80" through the group's entry (weight -20).
  it('says the group\'s own entry applies when the group tracks the same script', () => {
    const text = script + instance('A', 'track_script {\nchk weight -30\n}') + b + group('    track_script {\n        chk\n    }\n');
    const [d] = findings(text, 'KA322');
    expect(d!.severity).toBe('warning');
    expect(d!.message).toMatch(/which tracks 'chk' itself: the group's entry, with the group's weight, applies to 'A' instead; remove this line$/);
    expect(findings(script + instance('A', 'track_script {\nchk weight -30\n}') + b + group(), 'KA322')[0]!.message).toMatch(/no longer affects failover/);
  });
  it("takes a track_bfd entry's weight from its bfd_instance when the line has none (and KA307 too)", () => {
    // Found by the generator (seed 215 against 2.0.10); the 2.0.10, 2.0.19, 2.2.4 and 2.2.8 builds: "(A) ignoring
    // tracked bfd bfd_2 with weight -236 due to SYNC group"; 2.2.7 with priority 255: "… due to address_owner".
    const bfd = 'bfd_instance bfd_2 {\n    neighbor_ip 192.0.2.50\n    weight -236\n}\n';
    const text = bfd + instance('A', 'track_bfd {\nbfd_2\n}') + b + group();
    expect(findings(text, 'KA322').map((d) => d.message)).toEqual([expect.stringContaining("track_bfd 'bfd_2' (weight -236) of 'A' is removed")]);
    expect(findings(bfd.replace('    weight -236\n', '') + instance('A', 'track_bfd {\nbfd_2\n}') + b + group(), 'KA322')).toEqual([]);
    expect(findings(bfd + instance('A', 'priority 255\ntrack_bfd {\nbfd_2\n}'), 'KA307').map((d) => d.message)).toEqual([expect.stringContaining("track_bfd 'bfd_2' (weight -236)")]);
  });
  it('is silent with sync_group_tracking_weight or weight 0', () => {
    expect(findings(script + instance('A', 'track_script {\nchk\n}') + b + group('    sync_group_tracking_weight\n'), 'KA322')).toHaveLength(0);
    expect(findings(script + instance('A', 'track_script {\nchk weight 0\n}') + b + group(), 'KA322')).toHaveLength(0);
  });
  it('leaves a track line keepalived already ignores to KA315 (script defined after the instance)', () => {
    // keepalived 2.2.7: "(A) track script chk not found, ignoring..." and nothing about the sync group.
    const text = instance('A', 'track_script {\nchk weight 10\n}') + b + group() + script;
    expect(findings(text, 'KA322')).toEqual([]);
    expect(findings(text, 'KA315')).toHaveLength(1);
    expect(findings(instance('A', 'priority 255\ntrack_script {\nchk weight 10\n}') + script, 'KA307')).toEqual([]);
    expect(findings(script + instance('A', 'priority 255\ntrack_script {\nchk weight 10\n}'), 'KA307')).toHaveLength(1);
  });
  it('is silent with the deprecated global_tracking, which keepalived still honours', () => {
    // keepalived 2.2.7: "(G) global_tracking is deprecated. Use track_interface/script/file on the sync group",
    // and no "ignoring tracked script chk with weights due to SYNC group" after it.
    const text = script + instance('A', 'track_script {\nchk\n}') + b + group('    global_tracking\n');
    expect(findings(text, 'KA322')).toHaveLength(0);
  });
});

describe('KA323-KA328: unicast, advert_int, own interface', () => {
  it('unicast keywords without peers fall back to multicast, or with unicast_fault_no_peer leave the instance in FAULT', () => {
    expect(findings(instance('A', 'unicast_src_ip 10.0.0.1'), 'KA323')).toHaveLength(1);
    // With unicast_fault_no_peer (2.2.5+) the instance stays in FAULT instead: keepalived -t is silent,
    // the daemon logs "(A) Cannot use unicast without any peers - going to fault state" (2.2.7 vrrp.c).
    const fault = findings(instance('A', 'unicast_src_ip 10.0.0.1\nunicast_fault_no_peer'), 'KA323');
    expect(fault.map((d) => [d.range.start.line + 1, d.message.includes('keeps the instance in FAULT state')])).toEqual([[3, true]]);
    expect(findings(instance('A', 'unicast_fault_no_peer\nunicast_peer {\n10.0.0.2\n}'), 'KA323')).toHaveLength(0);
    // 2.2.4 does not know the keyword (KA207) and falls back to multicast.
    expect(findings(instance('A', 'unicast_src_ip 10.0.0.1\nunicast_fault_no_peer'), 'KA323', '2.2.4')[0]!.message).toContain('falls back to multicast');
    expect(findings(instance('A', 'unicast_src_ip 10.0.0.1\nunicast_peer {\n10.0.0.2\n}'), 'KA323')).toHaveLength(0);
    // An empty unicast_peer block says so, rather than "has 'unicast_peer' but no unicast_peer".
    expect(findings(instance('A', 'unicast_peer {\n}'), 'KA323').map((d) => d.message)).toEqual(["the unicast_peer block of 'A' lists no address; keepalived falls back to multicast adverts"]);
    // Found in aledbf/coreos-keepalived: `unicast_peer { <other nodes ip> }`, a placeholder. keepalived -t:
    // malformed unicast peer address[<other]. Skipping... / A unicast keyword has been specified without any unicast peers.
    expect(findings(instance('A', 'unicast_peer {\n<other nodes ip>\n}'), 'KA323').map((d) => d.message)).toEqual(["keepalived skips every line of the unicast_peer block of 'A' (none is an IP address it can read), so it falls back to multicast adverts"]);
    expect(findings(instance('A', 'unicast_src_ip 10.0.0.1\nunicast_peer {\nfe80::2\n}'), 'KA323')[0]!.message).toContain('no unicast_peer of its address family');
  });
  it('points at the unicast_peer block it speaks of, not at an earlier unicast_src_ip', () => {
    // acassen/keepalived#97: `unicast_src_ip 10.x.x.x` then `unicast_peer { 10.x.x.x }`. keepalived 2.2.7: malformed src
    // address / malformed unicast peer address[10.x.x.x] / A unicast keyword has been specified without any unicast peers.
    const d = findings(instance('A', 'unicast_src_ip 10.x.x.x\nunicast_peer {\n10.x.x.x\n}'), 'KA323');
    expect(d.map((x) => [x.range.start.line + 1, x.message.startsWith('keepalived skips every line of the unicast_peer block')])).toEqual([[3, true]]);
  });
  it('unicast_ttl without peers is reported at the instance closing brace', () => {
    expect(lines(instance('A', 'unicast_ttl 3'), 'KA324')).toEqual([3]);
  });
  it('mcast_dst_ip only matters without unicast peers', () => {
    expect(findings(instance('A', 'mcast_dst_ip 224.0.0.30\nunicast_peer {\n10.0.0.2\n}'), 'KA325')).toHaveLength(1);
    expect(findings(instance('A', 'mcast_dst_ip 224.0.0.30'), 'KA325')).toHaveLength(0);
  });
  it('advert_int: fractions are rounded in VRRPv2 only; 40.96 s and above is too long in VRRPv3 only', () => {
    expect(findings(instance('A', 'advert_int 0.5'), 'KA326')).toHaveLength(1);
    expect(findings(instance('A', 'version 3\nadvert_int 0.5'), 'KA326')).toHaveLength(0);
    expect(findings(instance('A', 'version 3\nadvert_int 41'), 'KA327')).toHaveLength(1);
    expect(findings(instance('A', 'advert_int 41'), 'KA327')).toHaveLength(0);
    // keepalived ignores an advert_int outside 0.01..255 (KA205), and uses 1 s: nothing is capped (session 52).
    expect(findings(instance('A', 'version 3\nadvert_int 256'), 'KA327')).toHaveLength(0);
    expect(findings(instance('A', 'version 3\nadvert_int 0.001'), 'KA343')).toHaveLength(0);
    // Before 2.0.7 the handler takes any interval above 0 (atof, then `(int)(v * 1000000) <= 0` refused), and the
    // instance's checks cap a VRRPv2 one at 255 s, only logged (v1.3.5 and v2.0.6 vrrp_parser.c / vrrp.c).
    expect(findings(instance('A', 'advert_int 300'), 'KA205', '1.3.5')).toHaveLength(0);
    expect(findings(instance('A', 'advert_int 300'), 'KA327', '1.3.5')[0]!.message).toMatch(/too long for VRRPv2 \(< 256 s\); keepalived 1\.3\.5 uses 255/);
    expect(findings(instance('A', 'advert_int 300'), 'KA327')).toHaveLength(0);
    expect(findings(instance('A', 'advert_int 300'), 'KA205')).toHaveLength(1);
    expect(findings(instance('A', 'advert_int 0'), 'KA205', '1.3.5')).toHaveLength(1);
    expect(findings(instance('A', 'advert_int 3000'), 'KA205', '2.0.6')).toHaveLength(1);
  });
  // Found by the differential fuzzer (a real config's 'vrrp_version 3' written '3sec'): keepalived -t refuses the
  // version ("Version must be either 2 or 3"), reads VRRPv2 and prints the rounding without a line; the running
  // daemon takes 3 (the model's version), where 0.1 s is fine.
  it('a version line -t refuses: the rounding -t prints is reported, and says what the daemon uses', () => {
    const text = 'global_defs {\n  vrrp_version 3sec\n}\n' + instance('A', 'interface eth0\nvirtual_router_id 5\nadvert_int 0.1\nvirtual_ipaddress {\n10.0.0.1\n}');
    const [d] = findings(text, 'KA326');
    expect(d?.message).toMatch(/keepalived -t, which refuses the version line, reads VRRPv2 and rounds it to 1 .*the running daemon reads VRRPv3 and uses 0\.1 s$/);
    expect(findings(text.replace('3sec', '3'), 'KA326')).toHaveLength(0);
    if (keepalivedAvailable()) expect(runKeepalived(text).messages.map((m) => m.message)).toContain('(A) VRRPv2 advertisement interval 0.100000s must be an integer. rounding');
  });
  // Found by the generator fuzzer (seed 123): keepalived ignores an advert_int it cannot read ("Advert interval (256)
  // not valid! … - ignoring"), so the fraction before it stays and is rounded.
  it('an advert_int keepalived ignores keeps the one before it', () => {
    const body = 'interface eth0\nvirtual_router_id 5\nvirtual_ipaddress {\n10.0.0.1\n}\nadvert_int 2.5\nadvert_int 256\nadvert_int 0';
    const [d] = findings(instance('A', body), 'KA326');
    expect(d?.range.start.line).toBe(6);
    expect(findings(instance('A', body.replace('256', '3')), 'KA326')).toHaveLength(0);
    if (keepalivedAvailable()) expect(runKeepalived(instance('A', body)).messages.map((m) => m.message)).toContain('(A) VRRPv2 advertisement interval 2.500000s must be an integer. rounding');
  });
  it("seconds are read as keepalived reads them: '.5' and '+0.5' too, to the microsecond", () => {
    // Found by mutating real configs: keepalived reads '.5' as 0.5 ("VRRPv2 advertisement interval
    // 0.500000s must be an integer"), and keeps 6 decimals (1.0000001 is 1, a whole number).
    expect(findings(instance('A', 'advert_int .5'), 'KA326')).toHaveLength(1);
    expect(findings(instance('A', 'advert_int +0.5'), 'KA326')).toHaveLength(1);
    expect(findings(instance('A', 'advert_int 1.0000001'), 'KA326')).toHaveLength(0);
    expect(findings(instance('A', 'state MASTER\npriority 100\npreempt_delay +.5'), 'KA309')).toHaveLength(1);
  });
  it.skipIf(!keepalivedAvailable())("keepalived -t reads '.5' and '+.5' seconds as fractions", () => {
    const base = 'interface eth0\nvirtual_router_id 5\nvirtual_ipaddress {\n10.0.0.1\n}';
    const said = (body: string) => runKeepalived(instance('A', `${base}\n${body}`)).messages.map((m) => m.message);
    expect(said('state BACKUP\npriority 100\nadvert_int .5')).toEqual([expect.stringContaining('must be an integer')]);
    expect(said('state BACKUP\npriority 100\nadvert_int 1.0000001')).toEqual([expect.stringContaining('too many decimal places')]);
    expect(said('state MASTER\npriority 100\npreempt_delay +.5')).toEqual([expect.stringContaining('preempt delay will not work')]);
  });
  it('tracking the own interface is dropped', () => {
    expect(findings(instance('A', 'interface eth0\ntrack_interface {\neth0\neth1\n}'), 'KA328')).toHaveLength(1);
  });
  it('with dont_track_primary the dropped entry leaves the own interface untracked', () => {
    // keepalived 2.2.7 live (s58 audit): interface eth1, dont_track_primary, track_interface { eth1 }: "Ignoring
    // track_interface eth1 since own interface"; eth1 down left the node MASTER with its VIP.
    const said = findings(instance('A', 'interface eth0\ndont_track_primary\ntrack_interface {\neth0 weight -7\n}'), 'KA328');
    expect(said).toHaveLength(1);
    expect(said[0]!.message).toMatch(/does not track eth0 at all/);
    expect(said[0]!.message).toMatch(/weight -7/);
    expect(said[0]!.message).not.toMatch(/already tracks/);
  });
  it('before 2.0.0 the own interface is tracked like any other', () => {
    // keepalived 1.3.5 (scripts/keepalived-1.3.5/run.sh, VRRP process dump) on `track_interface { eth0 weight -20
    // eth1 }` of an instance on eth0: "Tracked interfaces = 2", "eth0 weight -20", "eth1 weight 0", no word
    // about it; bec108a3 (2.0.0) added "Ignoring track_interface eth0 since own interface".
    const text = instance('A', 'interface eth0\ntrack_interface {\neth0 weight -20\neth1\n}');
    expect(findings(text, 'KA328', '1.3.5')).toEqual([]);
    expect(findings(text, 'KA328', '2.0.0')).toHaveLength(1);
  });
});

describe('KA330-KA333 routes and rules (lines from the keepalived samples)', () => {
  const routes = instance('VI_1', `virtual_routes {
    192.168.111.0/24 dev eth2
    192.168.112.0/24 via 192.168.100.254
    192.168.113.0/24 via 192.168.100.252 or 192.168.100.253
    blackhole 192.168.113.1/32
    0.0.0.0/0 gw 192.168.0.1 table 100
    192.168.114.0/24 via 192.168.100.254 no_track
    192.168.115.0/24 nexthop via 10.0.0.1 dev eth0 nexthop via 10.0.0.2 dev eth1
    }`);
  it('finds untracked routes, deprecated words and offers gw -> via', () => {
    expect(lines(routes, 'KA332')).toEqual([4, 5, 6, 7, 9]);
    expect(lines(routes, 'KA333')).toEqual([5, 7]);
    expect(findings(routes, 'KA333').find((d) => d.fix)?.fix?.edits[0]?.newText).toBe('via');
    expect(lines(routes, 'KA330')).toEqual([]);
  });
  it('keeps route tracking (2.0.1, 114d5f86) and assigned rule preferences (2.0.2, cdab014d) to the releases that have them', () => {
    // The 2.0.7 build: "Warning - cannot track route 10.0.2.0/24 with no interface specified, not tracking" and "Rule has
    // no preference specifed - setting to 16384"; neither message exists in 1.3.5, which tracks no route and leaves the
    // preference to the kernel.
    expect(findings(routes, 'KA332', '1.3.5')).toEqual([]);
    expect(findings(routes, 'KA332', '2.0.1')).toHaveLength(5);
    const rules = 'static_rules {\n    from 192.168.100.0/24 table 1\n}\n';
    expect(findings(rules, 'KA331', '2.0.1')).toEqual([]);
    expect(findings(rules, 'KA331', '2.0.2')).toHaveLength(1);
  });
  // As for an address (KA346): keepalived looks the interface up and drops the route or rule that names none.
  // s58 daemon audit: 'default6' is deprecated ("please replace with 'inet6 default'"), and that advice fails: keepalived
  // 2.0.8 to 2.4.3 step past the word after inet/inet6 in a route, as in a rule. 2.2.7 -t: `inet6 default via fe80::2 dev
  // eth0` "Route must have a destination"; `default inet6 via fe80::2 dev eth0` is silent and routes to fe80::2.
  it('inet/inet6 in a route skip the next word, and default6 is deprecated for ::/0', () => {
    const route = (l: string) => instance('A', `interface eth0\nvirtual_router_id 5\n${vip('10.0.0.1')}\nvirtual_routes {\n${l}\n}`);
    const said = (l: string) => findings(route(l), 'KA330').map((d) => [d.severity, d.message.slice(0, 70)]);
    expect(said('default6 via fe80::1 dev eth0')).toEqual([['warning', "'default6' is deprecated since keepalived 2.0.8: the running daemon lo"]]);
    expect(findings(route('default6 via fe80::1 dev eth0'), 'KA330')[0]!.fix!.edits[0]!.newText).toBe('::/0');
    expect(findings(route('default6 via fe80::1 dev eth0'), 'KA330', '2.0.7')).toEqual([]);
    expect(said('inet6 default via fe80::2 dev eth0').map(([s]) => s)).toEqual(['error', 'error']);
    expect(said('default inet6 via fe80::2 dev eth0')).toEqual([['error', "keepalived skips the word after 'inet6' in a route: 'via' is not read;"]]);
    for (const ok of ['::/0 via fe80::2 dev eth0', 'default via fe80::2 dev eth0 inet6']) expect(said(ok), ok).toEqual([]);
    if (keepalivedAvailable()) {
      expect(runKeepalived(route('inet6 default via fe80::2 dev eth0')).messages.map((m) => m.message)).toContain('Route must have a destination');
      expect(runKeepalived(route('::/0 via fe80::2 dev eth0')).messages).toEqual([]);
    }
  });
  it("skips a route or rule whose 'dev', 'oif' or 'iif' no interface can have", () => {
    const text = instance('A', 'interface eth0\nvirtual_router_id 5\nvirtual_ipaddress {\n10.0.0.1\n}\nvirtual_routes {\n10.1.0.0/16 via 10.0.0.254 dev eth0:1\n10.2.0.0/16 dev eth0\n10.4.0.0/16 oif averyverylongname0\n}\nvirtual_rules {\nfrom 10.0.0.0/8 table 100 iif eth0:2 priority 5\nfrom 10.3.0.0/16 table 100 priority 6\n}');
    expect(findings(text, 'KA330').map((d) => [d.range.start.line + 1, d.severity])).toEqual([[8, 'error'], [10, 'error'], [13, 'error']]);
    // From 2.0.0, without dynamic_interfaces, the VRRP process then stops at start (s58 docs audit: -t and the daemon).
    expect(findings(text, 'KA330')[0]!.message).toMatch(/^interface name 'eth0:1' has a ':' .*keepalived skips this virtual route, and then stops the VRRP process at start \("Non-existent interface specified in configuration"\), so no instance runs$/);
    expect(findings(text, 'KA330', '1.3.5')[0]!.message).toMatch(/keepalived skips this virtual route$/);
    // With dynamic_interfaces the line is kept, and the instance tracks its interface, which never appears: FAULT.
    expect(findings(`global_defs {\n  dynamic_interfaces\n}\n${text}`, 'KA330').map((d) => d.severity)).toEqual(['error', 'error', 'error']);
    if (keepalivedAvailable()) {
      expect(runKeepalived(text).messages.map((m) => [m.line, m.message])).toEqual(expect.arrayContaining([
        [8, "WARNING - interface eth0:1 for VROUTE nexthop doesn't exist"],
        [10, "WARNING - interface averyverylongname0 for VROUTE nexthop doesn't exist"],
        [13, "WARNING - interface eth0:2 for rule doesn't exist"],
      ]));
      expect(runKeepalived(text).messages.map((m) => m.message)).toContain('Non-existent interface specified in configuration');
      const vip = instance('A', 'interface eth0\nvirtual_router_id 5\nvirtual_ipaddress {\n10.0.0.1/24 dev eth0:1\n10.0.0.2/24\n}');
      expect(runKeepalived(vip).messages.map((m) => m.message)).toContain('Non-existent interface specified in configuration');
      expect(findings(vip, 'KA346')[0]!.message).toContain('and then stops the VRRP process at start ("Non-existent interface specified in configuration")');
    }
  });
  // A nexthop's `dev` ends the nexthops (the route stays); with dynamic_interfaces keepalived makes a
  // placeholder interface and reads the rest of the line, so a rule there still gets its preference assigned.
  it("drops the nexthops from one whose 'dev' no interface can have, and reads on with dynamic_interfaces", () => {
    const text = instance('A', 'interface eth0\nvirtual_router_id 5\nvirtual_ipaddress {\n10.0.0.1\n}\nvirtual_routes {\n10.1.0.0/16 nexthop via 10.0.0.254 dev eth0 nexthop via 10.0.0.253 dev eth0:1 nexthop via 10.0.0.252 dev eth0\n}\nvirtual_rules {\nfrom 10.0.0.0/8 table 100 iif eth0:2\n}');
    const nexthop = findings(text, 'KA330');
    expect(nexthop.map((d) => [d.range.start.line + 1, d.severity])).toEqual([[8, 'warning'], [11, 'error']]);
    expect(nexthop[0]!.message).toMatch(/keepalived drops this nexthop and those after it$/);
    expect(findings(text, 'KA331')).toEqual([]);
    const dynamic = `global_defs {\n  dynamic_interfaces\n}\n${text}`;
    // A nexthop's dev is not tracked (a warning: that route is never installed); the rule's iif is (the instance stays in FAULT).
    expect(findings(dynamic, 'KA330').map((d) => [d.range.start.line + 1, d.severity])).toEqual([[11, 'warning'], [14, 'error']]);
    expect(findings(dynamic, 'KA331').map((d) => d.range.start.line + 1)).toEqual([14]);
    if (keepalivedAvailable()) {
      expect(runKeepalived(text).messages.map((m) => [m.line, m.message])).toEqual(expect.arrayContaining([
        [8, "WARNING - interface eth0:1 for VROUTE nexthop doesn't exist"],
        [11, "WARNING - interface eth0:2 for rule doesn't exist"],
      ]));
      const dynamicRun = runKeepalived(dynamic).messages.map((m) => [m.line, m.message]);
      expect(dynamicRun).toContainEqual([14, 'Rule has no preference specified - setting to 16384. This is probably not what you want.']);
      expect(dynamicRun.filter(([, m]) => /doesn't exist/.test(String(m)))).toEqual([]);
    }
  });
  it('finds invalid addresses and rules without preference', () => {
    const rules = 'static_rules {\n    from 192.168.100.0/24 table 1\n    to 192.168.100./24 table 1\n    from 10.0.0.0/8 table 2 priority 100\n    from 10.1.0.0/16\n}\n';
    expect(lines(rules, 'KA331')).toEqual([2]);
    expect(lines(rules, 'KA330')).toEqual([3, 5]);
    expect(lines('static_routes {\n    10.0.0./24 via 10.1.1.1 dev eth0\n}\n', 'KA330')).toEqual([2]);
  });
  it('skips lines mixing families, with two actions or table 0; warns where keepalived adjusts', () => {
    const routes = 'static_routes {\n    2001:db8::/64 via 10.0.0.1 dev eth0\n    10.1.0.0/33 dev eth0\n    10.2.0.0/16 dev eth0 metric x\n    2001:db8:2::/64 dev eth0 realms 5\n}\n';
    expect(findings(routes, 'KA330').map((d) => [d.range.start.line + 1, d.severity])).toEqual([[2, 'error'], [3, 'warning'], [4, 'error'], [5, 'error']]);
    const rules = 'static_rules {\n    from 10.0.0.0/8 table 100 blackhole priority 5\n    from 10.0.0.0/8 table 0 priority 6\n    from 10.0.0.0/8 table 100 dport 443 priority 7\n    from 10.0.0.0/8 nop realms 3 priority 8\n    from 10.0.0.0/8 table 100 dport 443-443 priority 9\n}\n';
    expect(findings(rules, 'KA330').map((d) => [d.range.start.line + 1, d.severity])).toEqual([[2, 'error'], [3, 'error'], [4, 'warning'], [5, 'error']]);
  });
  it('reads route destinations as releases before 2.0.8 did', () => {
    // The 2.0.7 build on these lines: (8) "number '0' outside range [1, 32]", "Invalid address prefix
    // len 0 for address 0.0.0.0 - using 32"; (9) "Cannot mix IPv4 and IPv6 addresses for route";
    // (10) "VRRP parsed invalid IP any. skipping IP...", "unknown route keyword any"; (12) "Invalid
    // address prefix len 0 for address :: - using 128". 1.3.5 logs lines 9 and 10 alike; 2.0.8 is silent.
    const text = instance('A', 'interface eth0\nvirtual_router_id 1\nvirtual_ipaddress {\n1.1.1.1\n}\nvirtual_routes {\n0.0.0.0/0 via 1.1.1.254 dev eth0\ndefault via 2001:db8::ff dev eth0\nany via 1.1.1.254 dev eth0\ndefault6 via 2001:db8::ff dev eth0\n::/0 via 2001:db8::ff dev eth0\ndefault via 1.1.1.253 dev eth0\n}');
    const at = (v: string) => findings(text, 'KA330', v).map((d) => [d.range.start.line + 1, d.severity]);
    expect(at('2.0.7')).toEqual([[8, 'error'], [9, 'error'], [10, 'error'], [12, 'error']]);
    expect(at('1.3.5')).toEqual([[9, 'error'], [10, 'error']]);
    expect(findings(text, 'KA330', '1.3.5')[0]!.message).toContain("write 'default6'");
    // From 2.0.8 -t is silent; the daemon logs default6 as deprecated (a warning).
    expect(at('2.0.8')).toEqual([[11, 'warning']]);
    expect(at('2.2.7')).toEqual([[11, 'warning']]);
  });
  // Found by session 60's fuzzing (a CR-only file joined two route lines): from 2.0.8 a destination default/any/all
  // has no family, and after an address (or inet6, realms) keepalived reports "Cannot mix IPv4 and IPv6 addresses for
  // route (default)" and drops the route (2.0.19, 2.2.7 and 2.4.3 -t alike); first on the line, or before another
  // destination, it is taken.
  const specialAfterFamily = [
    ['192.0.2.0/24 default via 192.0.2.1 dev eth0', 'default', 'IPv4'],
    ['src 192.0.2.5 any via 192.0.2.1 dev eth0', 'any', 'IPv4'],
    ['via 192.0.2.1 default dev eth0', 'default', 'IPv4'],
    ['blackhole 203.0.113.0/24 no_track default', 'default', 'IPv4'],
    ['192.0.2.0/24 via 192.0.2.1 dev eth0 any', 'any', 'IPv4'],
    ['inet6 x default via 2001:db8::1 dev eth0', 'default', 'IPv6'],
    ['realms 1 all dev eth0', 'all', 'IPv4'],
  ] as const;
  const specialFirst = ['default via 192.0.2.1 dev eth0', 'default all via 192.0.2.1 dev eth0', 'default 2001:db8::/32 via 2001:db8::1 dev eth0', 'any via 2001:db8::1 dev eth0'];
  it('a destination default/any/all after the line has a family drops the route (2.0.8 and later)', () => {
    for (const [l, word, fam] of specialAfterFamily) {
      // (The word after inet6 is a finding of its own.)
      const ds = findings(`static_routes {\n    ${l}\n}\n`, 'KA330').filter((d) => !d.message.includes("after 'inet6'"));
      expect(ds.map((d) => [d.severity, d.message]), l).toEqual([['error', `'${word}' has no address family, but the line is already ${fam} (keepalived: "Cannot mix IPv4 and IPv6 addresses for route (${word})"); keepalived takes it only before any address; write '${fam === 'IPv4' ? '0.0.0.0/0' : '::/0'}'; keepalived skips this static route`]]);
      expect(ds[0]!.range.start.column, l).toBe(4 + ` ${l} `.indexOf(` ${word} `));
      // KA332 does not talk about the route keepalived drops.
      expect(findings(`static_routes {\n    ${l.replace(/ dev eth0/, '')}\n}\n`, 'KA332'), l).toEqual([]);
    }
    for (const l of specialFirst) expect(findings(`static_routes {\n    ${l}\n}\n`, 'KA330'), l).toEqual([]);
    // Before 2.0.8 'default' was IPv4 and 'any' no destination: those releases are told what they did.
    expect(findings('static_routes {\n    192.0.2.0/24 default via 192.0.2.1 dev eth0\n}\n', 'KA330', '2.0.7')).toEqual([]);
    expect(findings('static_routes {\n    src 192.0.2.5 any via 192.0.2.1 dev eth0\n}\n', 'KA330', '2.0.7').map((d) => d.message)).toEqual([expect.stringContaining("keepalived 2.0.7 has no route destination 'any'")]);
    expect(findings('static_routes {\n    192.0.2.0/24 default via 192.0.2.1\n}\n', 'KA332', '2.0.7')).toHaveLength(1);
  });
  // Up to 2.0.7 a rule's from/to is a plain address (vrrp_iprule.c parse_ipaddress without its specials): the 1.3.5
  // build prints "VRRP parsed invalid IP all. skipping IP...", "Invalid rule from address all" and dumps no "Virtual
  // Rules"; 2.0.8 reads them with parse_route (2.0.19 -t: only "Rule has no preference" for them).
  it('a rule from/to all, any, default or default6 is dropped before 2.0.8', () => {
    const rules = 'static_rules {\n    from all fwmark 0x10/0xff table 100\n    to any table 101 priority 5\n    from default table 102 priority 6\n    to default6 table 103 priority 7\n    from 10.3.0.0/16 table 104 priority 8\n}\n';
    for (const v of ['1.3.5', '1.3.9', '2.0.7']) {
      const ds = findings(rules, 'KA330', v);
      expect(ds.map((d) => `${d.range.start.line + 1}:${d.range.start.column}`), v).toEqual(['2:9', '3:7', '4:9', '5:7']);
      expect(ds[0]!.message, v).toContain(`keepalived ${v} reads a rule's 'from' as a plain address, and 'all' is none`);
      expect(ds[0]!.message, v).toContain('"Invalid rule from address all"');
      expect(ds[0]!.message, v).toContain("leave 'from all' out (a rule without 'from' matches every source)");
      expect(ds[0]!.message, v).toMatch(/keepalived skips this static rule$/);
      expect(ds[1]!.message, v).toContain('"Invalid rule to address any"');
      // 1.3.5 to 2.0.6 take a /0 prefix, 2.0.7 makes it /32.
      expect(ds[0]!.message.includes("or write '0.0.0.0/0'"), v).toBe(v !== '2.0.7');
      expect(ds[3]!.message.includes("or write '::/0'"), v).toBe(v !== '2.0.7');
    }
    // The dropped rule has no preference keepalived assigns (2.0.2 to 2.0.7).
    expect(findings(rules, 'KA331', '2.0.7').map((d) => d.range.start.line + 1)).toEqual([]);
    for (const v of ['2.0.8', '2.0.19', undefined]) {
      expect(findings(rules, 'KA330', v), v).toEqual([]);
      expect(findings(rules, 'KA331', v).map((d) => d.range.start.line + 1), v).toEqual([2]);
    }
    // The first word the release cannot read ends the line: an option it does not know yet, or the special address.
    expect(findings('static_rules {\n    protocol 5 from all table 1 priority 1\n}\n', 'KA330', '1.3.5').map((d) => d.message)).toEqual([expect.stringContaining("'protocol' is a rule option only from keepalived 2.0.1")]);
    expect(findings('static_rules {\n    from all l3mdev priority 1\n}\n', 'KA330', '1.3.5').map((d) => d.message)).toEqual([expect.stringContaining("'all' is none")]);
    // A 2.0.8 problem on the same word is not one before it.
    expect(findings('static_rules {\n    from 10.0.0.0/8 to all table 1 priority 1\n}\n', 'KA330', '1.3.5').map((d) => d.message)).toEqual([expect.stringContaining("'to' as a plain address, and 'all' is none")]);
    expect(findings('static_rules {\n    from 10.0.0.0/8 to all table 1 priority 1\n}\n', 'KA330').map((d) => d.message)).toEqual([expect.stringContaining('rule specification has mixed IPv4 and IPv6')]);
  });
  // 2.0.7's parse_ipaddress (vrrp_ipaddress.c) reads a prefix with read_unsigned from 1, for a rule's from/to as for a
  // route: "Invalid address prefix len 0 for address 0.0.0.0 - using 32" (2.0.6 took it with atoi, 2.0.8 allows 0 again).
  it("2.0.7 makes a rule's from/to /0 a single address", () => {
    const rules = 'static_rules {\n    from 0.0.0.0/0 fwmark 5 table 100 priority 3\n    to ::/0 table 101 priority 4\n    from 10.0.0.0/8 table 102 priority 5\n}\n';
    const ds = findings(rules, 'KA330', '2.0.7');
    expect(ds.map((d) => [d.range.start.line + 1, d.severity])).toEqual([[2, 'error'], [3, 'error']]);
    expect(ds[0]!.message).toBe("keepalived 2.0.7 refuses prefix length 0 and uses /32, so 'from 0.0.0.0/0' matches that single address only (keepalived: \"Invalid address prefix len 0 for address 0.0.0.0 - using 32\"); leave 'from 0.0.0.0/0' out (a rule without it matches every address), or use 2.0.8 or later");
    expect(ds[1]!.message).toContain("uses /128, so 'to ::/0' matches that single address only");
    for (const v of ['1.3.5', '2.0.6', '2.0.8', undefined]) expect(findings(rules, 'KA330', v), v).toEqual([]);
  });
  it.skipIf(!releaseBinary('2.0.19'))('2.0.19 takes a rule from/to all, any and default (2.0.8 and later)', () => {
    const text = 'static_rules {\n    from all fwmark 0x10/0xff table 100 priority 4\n    to any table 101 priority 5\n    from default table 102 priority 6\n}\n';
    expect(runRelease(releaseBinary('2.0.19')!, text).messages).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t on default/any/all after an address', () => {
    for (const [l, word] of specialAfterFamily) {
      const run = runKeepalived(`static_routes {\n    ${l.replace(/eth0/g, 'lo')}\n}\n`);
      expect(run.messages.map((m) => `${m.line} ${m.message}`), l).toContain(`2 Cannot mix IPv4 and IPv6 addresses for route (${word})`);
    }
    for (const l of specialFirst) expect(runKeepalived(`static_routes {\n    ${l.replace(/eth0/g, 'lo')}\n}\n`).messages, l).toEqual([]);
  });
  // keepalived 2.2.7: "missing a parameter after keyword `dev`" and the reading stops (exit 2).
  // `dev ! eth3` is the usual way to get there: the comment takes the interface.
  const lastWithoutValue = [
    ['static_routes', '10.0.0.0/24 dev ! eth3', 'dev'],
    ['static_routes', '10.0.0.0/24 via', 'via'],
    ['static_routes', '10.0.0.0/24 dev eth0 mtu lock', 'lock'],
    ['static_routes', '10.0.0.0/24 as', 'as'],
    ['static_rules', 'from 10.0.0.1 table', 'table'],
    ['static_rules', 'fwmark', 'fwmark'],
  ];
  it('an option without its value at the end of the line stops keepalived', () => {
    for (const [block, line, word] of lastWithoutValue) {
      const text = `${block} {\n    ${line}\n}\n`;
      const ds = findings(text, 'KA330');
      expect(ds.map((d) => [d.range.start.line + 1, d.severity]), line).toEqual([[2, 'error']]);
      expect(ds[0]!.message).toContain(`'${word}' needs a value`);
      expect(ds[0]!.message).toContain('exits');
    }
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t on those lines', () => {
    for (const [block, line, word] of lastWithoutValue) {
      const run = runKeepalived(`${block} {\n    ${line}\n}\n`);
      expect(run.exitStatus, line).toBe(2);
      expect(run.messages.some((m) => m.line === 2 && m.message.includes(`missing a parameter after keyword \`${word}\``)), line).toBe(true);
    }
  });
  it('KA344: a tracked route keeps no foreign protocol', () => {
    expect(findings('static_routes {\n    10.2.0.0/16 dev eth0 protocol static\n}\n', 'KA344')).toHaveLength(1);
    expect(findings('static_routes {\n    10.2.0.0/16 dev eth0 protocol static no_track\n}\n', 'KA344')).toHaveLength(0);
    expect(findings('static_routes {\n    10.2.0.0/16 dev eth0 protocol keepalived\n}\n', 'KA344')).toHaveLength(0);
    // Tracking, and the reset with it, came in 2.0.1; 1.3.5 keeps the protocol.
    expect(findings('static_routes {\n    10.2.0.0/16 dev eth0 protocol static\n}\n', 'KA344', '1.3.5')).toHaveLength(0);
  });

  // The 1.3.5 and 1.3.9 builds (CentOS 7, Ubuntu 18.04) on these lines: "unknown route keyword no_track" (after "VRRP
  // parsed invalid IP no_track"), the same for ttl-propagate and fastopen_no_cookie, "Unknown rule option no_track",
  // l3mdev, protocol and ipproto, and "Virtual Routes = 1", "Virtual Rules = 1" in the dump: each such line is dropped.
  // The 2.0.19 and 2.1.5 builds: "unknown route keyword prepend". Found comparing 1.3.5 with kalint on real configs.
  describe('route and rule options a release does not know yet', () => {
    const text = instance('A', [
      'interface eth0', 'virtual_router_id 1', 'priority 100', 'virtual_ipaddress {', '192.168.1.50/24', '}',
      'virtual_routes {',
      '10.1.0.0/16 dev eth0 protocol 112',
      '10.2.0.0/16 dev eth0 no_track',
      '10.4.0.0/16 dev eth0 ttl-propagate enabled',
      '10.5.0.0/16 dev eth0 fastopen_no_cookie 1',
      '10.6.0.0/16 dev eth0 prepend',
      '}',
      'virtual_rules {',
      'from 10.7.0.0/16 table 100 priority 7 no_track',
      'from 10.8.0.0/16 l3mdev priority 8',
      'from 10.9.0.0/16 table 100 priority 9 uidrange 1000-2000',
      'from 10.10.0.0/16 table 100 priority 10 protocol 5',
      'from 10.11.0.0/16 table 100 priority 11 ipproto tcp',
      '}',
    ].join('\n'));
    const at = (v: string) => findings(text, 'KA330', v).map((d) => `${d.range.start.line + 1} ${d.message.slice(1, d.message.indexOf("'", 1))}`);

    it('drops the line at such an option, naming the release that added it', () => {
      expect(at('1.3.5')).toEqual(['10 no_track', '11 ttl-propagate', '12 fastopen_no_cookie', '13 prepend', '16 no_track', '17 l3mdev', '19 protocol', '20 ipproto']);
      expect(at('1.4.3')).toEqual(['10 no_track', '11 ttl-propagate', '13 prepend', '16 no_track', '19 protocol', '20 ipproto']);
      expect(at('2.0.7')).toEqual(['11 ttl-propagate', '13 prepend']);
      expect(at('2.1.5')).toEqual(['13 prepend']);
      expect(at('2.2.7')).toEqual([]);
      const [route] = findings(text, 'KA330', '1.3.5');
      expect(route!.message).toBe("'no_track' is a route option only from keepalived 2.0.3: keepalived 1.3.5 reads it as the destination, which is no address (keepalived: \"unknown route keyword no_track\"); keepalived skips this virtual route");
      expect(findings(text, 'KA330', '1.3.5').find((d) => d.range.start.line === 18)!.message).toBe("'protocol' is a rule option only from keepalived 2.0.1 (keepalived 1.3.5: \"Unknown rule option protocol\"); keepalived skips this virtual rule");
    });

    it('leaves a dropped line to KA330 alone: no tracking or protocol findings on it', () => {
      const noDev = instance('A', 'interface eth0\nvirtual_router_id 1\nvirtual_ipaddress {\n192.168.1.50/24\n}\nvirtual_routes {\n10.4.0.0/16 via 192.168.1.1 ttl-propagate enabled protocol 5\n}');
      expect(findings(noDev, 'KA332', '2.0.7')).toEqual([]);
      expect(findings(noDev, 'KA344', '2.0.7')).toEqual([]);
      expect(findings(noDev, 'KA332', '2.0.8')).toHaveLength(1);
      expect(findings(noDev, 'KA344', '2.0.8')).toHaveLength(1);
    });

    it.runIf(!!releaseBinary('2.1.5'))('the 2.1.5 build drops the prepend route', () => {
      const messages = runRelease(releaseBinary('2.1.5')!, text).messages.filter((m) => /unknown route keyword|Unknown rule option/.test(m.message));
      expect(messages.map((m) => `${m.line} ${m.message}`)).toEqual(['13 unknown route keyword prepend']);
    });
  });
});

describe('KA335-KA341', () => {
  // A bare `file` line is reported and leaves the file an earlier line set: the track file is kept (fuzz-generate, 2.2.8).
  const fileThenBare = 'track_file tf_2 {\n  file /run/kalint-tf\n  file\n}\nvrrp_instance VI_2 {\n  interface eth0\n  virtual_router_id 51\n  track_file {\n    tf_2\n  }\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n';
  it('KA335/KA315: a bare file line after one with a path keeps the track file', () => {
    expect(lines(fileThenBare, 'KA335')).toEqual([]);
    expect(lines(fileThenBare, 'KA315')).toEqual([]);
    expect(lines(fileThenBare.replace('  file /run/kalint-tf\n', ''), 'KA335')).toEqual([3]);
  });
  it.skipIf(!keepalivedAvailable())('KA335/KA315: agrees with keepalived -t on a bare file line after a path', () => {
    const said = runKeepalived(fileThenBare).messages.map((m) => m.message);
    expect(said).toContainEqual(expect.stringContaining('track file file name missing'));
    expect(said.filter((m) => /No file set|not found/.test(m))).toEqual([]);
  });
  it('KA335: track_file without file and vrrp_track_process without process, at the closing brace', () => {
    expect(lines('track_file tf {\n    weight 5\n}\nvrrp_track_process p {\n    weight 1\n}\n', 'KA335')).toEqual([3, 6]);
    expect(lines('track_file tf {\n    file /run/x\n}\n', 'KA335')).toEqual([]);
  });
  it('KA335: a track_group listing no instance, by release', () => {
    // 2.2.7 and 2.4.3 -t on an empty group block: "(Line 3) Warning - track group chk_x has empty group
    // block"; 2.4.3 (2.2.8 on) then "(Line 4) Static track group chk_x has no members - removing", and the
    // same at the '}' of a track_group without a group block, which 2.2.7 accepts silently.
    const empty = 'track_group chk_x {\n    group {\n    }\n}\n';
    const none = 'track_group chk_x {\n}\n';
    const at = (text: string, v: string) => findings(text, 'KA335', v).map((d) => d.range.start.line + 1);
    expect(at(empty, '2.2.7')).toEqual([3]);
    expect(at(empty, '2.4.3')).toEqual([3, 4]);
    expect(at(none, '2.2.7')).toEqual([]);
    expect(at(none, '2.2.8')).toEqual([2]);
    expect(findings(none, 'KA335', '2.4.3')[0]?.message).toContain('Static track group chk_x has no members - removing');
    expect(at('track_group chk_x {\n    group {\n        VI_1\n    }\n}\n', '2.4.3')).toEqual([]);
    // From 2.2.8 a repeated group list loses the track_group, but its empty first group was reported at its '}'
    // (the 2.2.8 and 2.4.3 builds; found with the include fuzzer).
    const thenRepeated = 'track_group chk_x {\n    group {\n    }\n    group {\n        VI_1\n    }\n}\n';
    for (const v of ['2.2.7', '2.2.8', '2.4.3']) expect(at(thenRepeated, v), v).toEqual([3]);
    for (const v of ['2.2.7', '2.2.8', '2.4.3']) {
      const binary = releaseBinary(v);
      if (binary) expect(runRelease(binary, thenRepeated).messages.filter((m) => /empty group block/.test(m.message)).map((m) => m.line), v).toEqual([3]);
    }
  });
  it('KA335: keepalived 2.1.0 to 2.1.2 crash as they remove a vrrp_track_process without process', () => {
    // The 2.1.0 build: "(Line 3) track process 'p' process name not specified", then exit 139 under -t;
    // 2.1.3 prints the same line and exits 0 (commit 99070873).
    const text = 'vrrp_track_process p {\n    quorum 1\n}\n';
    expect(findings(text, 'KA335', '2.1.0')[0]?.message).toContain('keepalived 2.1.0 crashes as it does');
    for (const v of ['2.0.19', '2.1.3', '2.2.7']) expect(findings(text, 'KA335', v)[0]?.message, v).not.toContain('crash');
  });
  it('KA378: keepalived 2.1.0 to 2.1.2 crash on an instance that tracks a vrrp_track_process', () => {
    // The 2.1.0 build exits 139 under -t on this file after "(asdf) No VIP specified; at least one is
    // sensible"; 2.0.19 and 2.1.3 exit 0. A line naming no vrrp_track_process ("(asdf) track process q
    // not found, ignoring...") and a sync group's track_process do not crash it.
    const proc = 'vrrp_track_process haproxy_check {\n    process "haproxy"\n}\n';
    const tracking = (name: string) => proc + instance('asdf', `interface eth0\nvirtual_router_id 111\ntrack_process {\n${name}\n}`);
    expect(findings(tracking('haproxy_check'), 'KA378', '2.1.0').map((d) => [d.range.start.line + 1, d.message])).toEqual([
      [8, "'asdf' tracks vrrp_track_process 'haproxy_check': keepalived 2.1.0 crashes on it as it reads the config (a segmentation fault, also under keepalived -t; fixed in 2.1.3)"],
    ]);
    expect(findings(tracking('haproxy_check'), 'KA378', '2.1.2')).toHaveLength(1);
    for (const v of ['2.0.19', '2.1.3', '2.2.7']) expect(findings(tracking('haproxy_check'), 'KA378', v), v).toEqual([]);
    expect(findings(tracking('q'), 'KA378', '2.1.0')).toEqual([]);
    const group = proc + instance('a', 'interface eth0\nvirtual_router_id 1') + instance('b', 'interface eth0\nvirtual_router_id 2') +
      'vrrp_sync_group G {\n    group {\n        a\n        b\n    }\n    track_process {\n        haproxy_check\n    }\n}\n';
    expect(findings(group, 'KA378', '2.1.0')).toEqual([]);
  });
  it('KA336: only `weight N [reverse|noreverse]` with N in -253..253 (±254 adjusted)', () => {
    const text = instance('A', 'track_interface {\neth1 -20\neth2 weight\neth3 weight 300\neth4 weight 254\neth5 weight -10 reverse\neth6 weight 5 sideways\n}');
    expect(findings(text, 'KA336').map((d) => [d.range.start.line + 1, d.severity])).toEqual([
      [3, 'error'],
      [4, 'error'],
      [5, 'error'],
      [6, 'warning'],
      [8, 'warning'],
    ]);
    // 1.3.5's vrrp_track.c takes -254..254 as written; 2.0.0 began turning ±254 into ±253.
    const at135 = findings(text, 'KA336', '1.3.5');
    expect(at135.map((d) => d.range.start.line + 1)).not.toContain(6);
    expect(at135.find((d) => d.range.start.line + 1 === 5)!.message).toContain('in -254..254');
    expect(findings(text, 'KA336', '2.0.0').map((d) => d.range.start.line + 1)).toContain(6);
  });
  // Found by the substitution audit (session 59): keepalived looks for a repeat before it reads an entry's options
  // (2.2.7: only "duplicate track_script chk - ignoring" for 'chk weight abc' after 'chk'); an entry dropped for its
  // options tracks nothing, so the next one is no repeat ("weight without value", then "weight must be between").
  it('KA336/KA337: a repeated entry is dropped before its options are read; a dropped entry is no first entry', () => {
    const script = 'vrrp_script chk {\n    script "/usr/bin/true"\n}\n';
    const repeat = script + instance('A', 'track_script {\nchk\nchk weight abc\n}');
    expect(findings(repeat, 'KA336')).toEqual([]);
    expect(findings(repeat, 'KA337').map((d) => d.range.start.line + 1)).toEqual([7]);
    const dropped = script + instance('A', 'track_script {\nchk weight\nchk weight abc\nchk weight 5\n}');
    expect(findings(dropped, 'KA336').map((d) => d.range.start.line + 1)).toEqual([6, 7]);
    expect(findings(dropped, 'KA337').map((d) => d.range.start.line + 1)).toEqual([8]);
    // Before 2.0.0 there is no repeat check (the 1.3.5 daemon: both entries kept, "weight must be between [-254..254]"
    // for the repeat): KA336 reads the repeat's options, KA337 says both count.
    const old = script + instance('A', 'track_script {\nchk\nchk weight 300\n}');
    expect(findings(old, 'KA336', '1.3.5').map((d) => d.range.start.line + 1)).toEqual([7]);
    expect(findings(old, 'KA337', '1.3.5')[0]?.message).toContain('keepalived 1.3.5 keeps both entries');
    expect(findings(old, 'KA336', '2.0.0')).toEqual([]);
    if (keepalivedAvailable()) {
      const said = runKeepalived(dropped.replace('vrrp_instance A {\n', 'vrrp_instance A {\n    interface eth0\n    virtual_router_id 5\n')).messages.map((m) => m.message);
      expect(said).toEqual(expect.arrayContaining([expect.stringContaining('weight without value'), expect.stringContaining('weight must be between'), expect.stringContaining('duplicate track_script chk')]));
    }
  });
  // s58 docs audit: only track_interface and track_script turn ±254 into ±253. 2.2.7's daemon dump: `tf1, weight 254`,
  // `tp1, weight -254` as written and nothing said; a track_bfd `weight 254`: "must be in [-253..253] inclusive.
  // Ignoring...", `b1: weight 0`. kalint had said "keepalived uses 253" for all three, with a fix.
  it('KA336: ±254 is kept by track_file and track_process, and out of range for track_bfd', () => {
    const defs = 'track_file tf1 {\n    file /tmp/tf1\n}\nvrrp_track_process tp1 {\n    process haproxy\n}\nbfd_instance b1 {\n    neighbor_ip 10.0.0.2\n}\n';
    const text = defs + instance('A', 'track_file {\ntf1 weight 254\n}\ntrack_process {\ntp1 weight -254\n}\ntrack_bfd {\nb1 weight 254\n}\ntrack_interface {\neth1 weight 254\n}');
    const said = findings(text, 'KA336').map((d) => [d.range.start.line + 1, d.severity, d.message]);
    expect(said).toEqual([
      [18, 'error', "track_bfd 'b1': weight '254' must be a whole number in -253..253; keepalived ignores it and uses the default weight"],
      [21, 'warning', "track_interface 'eth1': weight 254 is out of range; keepalived uses 253"],
    ]);
    if (keepalivedAvailable()) {
      const messages = runKeepalived(text.replace('vrrp_instance A {\n', 'vrrp_instance A {\n    interface eth0\n    virtual_router_id 5\n')).messages.map((m) => m.message);
      expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('weight for track bfd b1 must be in [-253..253]')]));
      expect(messages.filter((m) => /tf1|tp1/.test(m))).toEqual([]);
    }
  });
  it('KA336: before 2.0.18 track_interface and track_script keep a line with unreadable options, silently', () => {
    // The 2.0.16 build accepts 'lo -20' and 'chk -20' without a word (1.3.5-2.0.17 alloc_track*: the weight is read only
    // after a 'weight' word); the 2.0.19 build: "(V) unknown track_interface lo option -20 - ignoring",
    // "(V) unknown track script option -20 - ignoring" (f5485747, 79f7dbab in 2.0.18).
    const text = 'vrrp_script chk {\n  script "/usr/bin/true"\n  weight 5\n}\n' + instance('A', 'track_interface {\nlo -20\neth1 weight\neth2 weight 5 reverse\n}\ntrack_script {\nchk -20\n}');
    const at = (v: string) => findings(text, 'KA336', v).map((d) => `${d.range.start.line + 1}:${d.severity}`);
    expect(at('2.0.19')).toEqual(['7:error', '8:error', '12:error']);
    expect(at('2.0.16')).toEqual(['7:warning', '8:warning', '9:warning', '12:warning']);
    expect(findings(text, 'KA336', '2.0.16')[0]!.message).toContain("tracks 'lo' with the default weight (2.0.18 and later drop the entry)");
    expect(findings(text, 'KA336', '2.0.16')[2]!.message).toContain("ignores 'reverse'");
  });
  it.runIf(keepalivedAvailable())('KA336: keepalived 2.2.7 drops the lines 2.0.16 kept', () => {
    const text = 'vrrp_script chk {\n  script "/usr/bin/true"\n  weight 5\n}\n' + instance('A', 'track_interface {\nlo -20\n}\ntrack_script {\nchk -20\n}');
    const messages = runKeepalived(text).messages.map((m) => m.message);
    expect(messages).toContain('(A) unknown track_interface lo option -20 - ignoring');
    expect(messages).toContain('(A) unknown track script option -20 - ignoring');
  });
  it('KA336: offers `weight` for a bare number', () => {
    const [d] = findings(instance('A', 'track_script {\nchk -20\n}'), 'KA336');
    expect(d?.fix?.edits[0]?.newText).toBe('weight -20');
    expect(findings(instance('A', 'track_script {\nchk fast\n}'), 'KA336')[0]?.fix).toBeUndefined();
  });
  it('KA337: the second entry for the same object, across blocks of one kind', () => {
    expect(lines(instance('A', 'track_interface {\neth1\n}\ntrack_interface {\neth1 weight 5\n}'), 'KA337')).toEqual([6]);
    expect(lines(instance('A', 'track_interface {\neth1\n}\ntrack_script {\neth1\n}'), 'KA337')).toEqual([]);
  });
  it('KA374: an auth_hmac key outside 32..64 bytes (2.4.0 on)', () => {
    // keepalived 2.4.3 -t on this instance: "(A) auth_hmac key 1 length 6 not in range [32, 64]" (line 4),
    // "key 4 length 2" (line 7) and "key 5 length 65" (line 8); keys 2 and 3 pass, key 6 is a file.
    const text = instance('A', `interface eth0\nauth_hmac {\nkey 1 secret\nkey 2 "${'a'.repeat(32)}"\nkey 3 hex:${'0f'.repeat(32)}\nkey 4 hex:0011\nkey 5 ${'b'.repeat(65)}\nkey 6 file:/etc/keepalived/key\nactive_key 1\n}\n${vip('10.0.0.1')}`);
    const at = (v?: string) => findings(text, 'KA374', v).map((d) => `${d.range.start.line + 1}: ${d.message}`);
    expect(at('2.4.3')).toEqual([
      expect.stringMatching(/^4: auth_hmac key 1 is 6 bytes; .*"length 6 not in range \[32, 64\]"/),
      expect.stringMatching(/^7: auth_hmac key 4 is 2 bytes/),
      expect.stringMatching(/^8: auth_hmac key 5 is 65 bytes/),
      // ... and "(A) auth_hmac active_key 1 is not defined, disabling extension": key 1 was dropped.
      expect.stringMatching(/^10: auth_hmac active_key 1 of 'A' names no key keepalived keeps/),
    ]);
    expect(at()).toEqual([]);
  });
  // The release audit (session 59), 2.4.3 -t: "key 1 length 0" (a '0x' makes the hex nothing), "key 2 length 31" (61
  // digits: the last one alone is a byte), "duplicate auth_hmac key id 3".
  it('KA374: hex decoded as keepalived does, and a repeated key id', () => {
    const h = (n: number) => '0f'.repeat(n);
    const text = instance('A', `interface eth0\nauth_hmac {\nkey 1 hex:0x${h(32)}\nkey 2 hex:${h(30)}0\nkey 3 hex:${h(32)}\nkey 3 hex:${h(33)}\nactive_key 3\n}\n${vip('10.0.0.1')}`);
    expect(findings(text, 'KA374', '2.4.3').map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([
      expect.stringMatching(/^4: auth_hmac key 1 is 0 bytes \(a character that is no hex digit/),
      expect.stringMatching(/^5: auth_hmac key 2 is 31 bytes/),
      expect.stringMatching(/^7: auth_hmac key id 3 is already defined in this block; .*"duplicate auth_hmac key id 3"/),
    ]);
    // A lone digit ends its byte at a blank only: before a tab it is 0 bytes in 2.4.3 ("length 0"), before a blank 1.
    const lone = (sep: string) => findings(instance('A', `interface eth0\nauth_hmac {\nkey 3 "hex:0${sep}${h(32)}"\nactive_key 3\n}\n${vip('10.0.0.1')}`), 'KA374', '2.4.3').map((d) => d.message);
    expect(lone('\t')[0]).toMatch(/^auth_hmac key 3 is 0 bytes/);
    expect(lone(' ')).toEqual([]);
  });
  it('KA374: an active_key that names no key kept, or none at all, disables auth_hmac (2.4.0 on)', () => {
    // keepalived 2.4.3: "(A) auth_hmac active_key 2 is not defined, disabling extension"; without an active_key
    // line "(A) auth_hmac active_key 0 is not defined, disabling extension" (both exit 5, no line).
    const key = `key 1 ${'k'.repeat(32)}`;
    const at = (body: string) => findings(instance('A', `interface eth0\nauth_hmac {\n${body}\n}\n${vip('10.0.0.1')}`), 'KA374', '2.4.3').map((d) => `${d.range.start.line + 1}: ${d.message.slice(0, 40)}`);
    expect(at(`${key}\nactive_key 1`)).toEqual([]);
    expect(at(`${key}\nactive_key 2`)).toEqual(["5: auth_hmac active_key 2 of 'A' names no k"]);
    expect(at(key)).toEqual(["3: auth_hmac of 'A' has no active_key; keep"]);
    // An id keepalived refuses ("key id '0' must be between 1 and 255") is no key either.
    expect(at(`key 0 ${'k'.repeat(32)}\nactive_key 1`)).toEqual(["5: auth_hmac active_key 1 of 'A' names no k"]);
  });
  it('KA373: a VIP or unicast peer repeated in one instance (before 2.3.3 a VIP only)', () => {
    // keepalived 2.4.3: "(A): VIP duplicates a VIP 10.0.0.1/32 - ignoring" and "(A) 10.0.0.2 - duplicate
    // unicast_peer" (exit 5); 2.2.7, 2.2.8 and 2.3.1 keep both entries silently (the checks came in 2.3.3).
    const text = instance('A', `interface eth0\nunicast_peer {\n10.0.0.2\n10.0.0.3\n10.0.0.2 min_ttl 1\n}\n${vip('10.0.0.1/24\n10.0.0.1/32\n10.0.0.4')}`);
    const at = (t: string, v?: string) => findings(t, 'KA373', v).map((d) => `${d.range.start.line + 1}: ${d.message}`);
    // Before 2.3.3 only the VIP is reported, a warning -t does not give: the adverts carry it twice, which a node that
    // lists it once discards (two 2.2.7 daemons: "received an unexpected ip number count 2, expected 1", both MASTER).
    for (const v of [undefined, '2.2.8', '2.3.1']) {
      expect(at(text, v)).toEqual([expect.stringMatching(/^10: virtual address 10.0.0.1\/32 repeats 10.0.0.1\/24 of this instance; keepalived .* keeps both, so its adverts carry the address twice/)]);
    }
    expect(at(instance('A', `interface eth0\nvirtual_ipaddress_excluded {\n10.0.0.1\n}\n${vip('10.0.0.1')}`))).toEqual([]);
    for (const v of ['2.3.3', '2.4.3']) {
      expect(at(text, v)).toEqual([
        expect.stringMatching(/^6: unicast peer 10.0.0.2 is already a peer of this instance; keepalived .* \("duplicate unicast_peer"\)/),
        expect.stringMatching(/^10: virtual address 10.0.0.1\/32 repeats 10.0.0.1\/24 of this instance; .*\("VIP duplicates a VIP"\)/),
      ]);
    }
    // An excluded VIP repeats a VIP only on the same interface; the later line is the one keepalived ignores.
    const excluded = (dev: string) => instance('A', `interface eth0\nvirtual_ipaddress_excluded {\n10.0.0.1${dev}\n}\n${vip('10.0.0.1')}`);
    expect(at(excluded(''), '2.4.3')).toEqual([expect.stringMatching(/^7: virtual address 10.0.0.1 repeats 10.0.0.1 of this instance; .*\("VIP duplicates an excluded VIP"\)/)]);
    expect(at(excluded(' dev eth1'), '2.4.3')).toEqual([]);
    // keepalived compares with every address it kept: one on another interface between them hides nothing (generator
    // seed 356; 2.4.3: "(A): Excluded VIP duplicates an excluded VIP 10.0.0.2 - ignoring" for the third line).
    const between = instance('A', `interface eth0
${vip('10.0.0.9')}
virtual_ipaddress_excluded {
10.0.0.2 brd 10.0.0.255
10.0.0.2/32 dev lo
10.0.0.2
}`);
    expect(at(between, '2.4.3')).toEqual([expect.stringMatching(/^9: excluded virtual address 10.0.0.2 repeats 10.0.0.2 of this instance; .*\("VIP duplicates an excluded VIP"\)/)]);
    // A first VIP keepalived skips for its options fixes no family: the IPv4 ones after it are the instance's, and
    // their repeats count (generator seed 500; 2.3.3: "VRRP is trying to assign a broadcast brd to the IPv6 address",
    // then "(A): VIP duplicates a VIP 10.0.0.2 - ignoring").
    const skippedFirst = instance('A', `interface eth0\n${vip('2001:db8::2 brd 10.0.0.255\n10.0.0.2/24\n10.0.0.2 dev eth0')}`);
    expect(at(skippedFirst, '2.3.3')).toEqual([expect.stringMatching(/^6: virtual address 10.0.0.2 repeats 10.0.0.2\/24 of this instance/)]);
  });
  it('KA312: from 2.3.3 VIPs ignored as repeats of excluded VIPs can leave an instance without VIPs', () => {
    // The 2.3.3 and 2.4.3 builds: "(Line 11) (VI_1): VIP duplicates an excluded VIP 192.168.1.151/24 - ignoring",
    // "(VI_1) No VIP specified; at least one is sensible"; with version 3 "… at least one is required". 2.2.8 keeps both.
    const body = (extra: string, vips: string, first = 'virtual_ipaddress_excluded {\n192.168.1.151/24\n}') => instance('VI_1', `interface eth0\n${extra}${first}\n${vip(vips)}`);
    const only = body('', '192.168.1.151/24');
    for (const v of ['2.3.3', '2.4.3']) {
      const ds = findings(only, 'KA312', v);
      expect(ds.map((d) => [d.severity, d.message]), v).toEqual([['warning', `vrrp_instance 'VI_1' has no usable virtual_ipaddress (keepalived ${v} ignores its address as a repeat of a virtual_ipaddress_excluded address, "VIP duplicates an excluded VIP"); its adverts carry no address, though it still moves its virtual_ipaddress_excluded address on failover; list one address in virtual_ipaddress`]]);
      expect(findings(body('version 3\n', '192.168.1.151/24'), 'KA312', v).map((d) => d.severity), v).toEqual(['error']);
      // An invalid address besides: the others are skipped.
      expect(findings(body('', '192.168.1.151/24\n192.168.1.300/24'), 'KA312', v)[0]!.message, v).toContain('ignores 1 of its addresses as a repeat of a virtual_ipaddress_excluded address, "VIP duplicates an excluded VIP", and skips the others');
      // Another VIP left, an excluded VIP on another interface, or the VIP block first (the excluded line is the repeat): VIPs remain.
      expect(findings(body('', '192.168.1.151/24\n192.168.1.152/24'), 'KA312', v), v).toEqual([]);
      expect(findings(body('', '192.168.1.151/24', 'virtual_ipaddress_excluded {\n192.168.1.151/24 dev eth1\n}'), 'KA312', v), v).toEqual([]);
      expect(findings(instance('VI_1', `interface eth0\n${vip('192.168.1.151/24')}\nvirtual_ipaddress_excluded {\n192.168.1.151/24\n}`), 'KA312', v), v).toEqual([]);
    }
    for (const v of ['2.2.8', undefined]) expect(findings(only, 'KA312', v), v).toEqual([]);
  });
  it.skipIf(!releaseBinary('2.3.3') || !hostInterfaces().length)('KA312: the 2.3.3 build on a VIP that repeats an excluded VIP', () => {
    const text = instance('VI_1', `interface ${hostInterfaces()[0]}\nvirtual_router_id 51\nvirtual_ipaddress_excluded {\n192.168.1.151/24\n}\n${vip('192.168.1.151/24')}`);
    expect(runRelease(releaseBinary('2.3.3')!, text).messages.map((m) => m.message)).toContain('(VI_1) No VIP specified; at least one is sensible');
  });
  it('KA338: no interface; from 2.2.8 unicast instances with a source address may omit it', () => {
    // keepalived 2.2.7 prints "(A) Unknown interface!" (exit 5) for the unicast instance; builds of
    // 2.2.8 and 2.3.1 accept it (commit 75f30737), and without unicast_src_ip they print
    // "(A): Unicast instances must have unicast_src_ip or interface".
    const unicast = instance('A', `unicast_src_ip 10.0.0.3\nunicast_peer {\n10.0.0.2\n}\n${vip('10.0.0.1 dev eth0')}`);
    const at = (text: string, targetVersion: string) => lintText(text, { file: 'keepalived.conf', targetVersion }).diagnostics.filter((d) => d.code === 'KA338');
    expect(findings(instance('A', vip('10.0.0.1')), 'KA338')).toHaveLength(1);
    expect(findings(unicast, 'KA338')).toHaveLength(1);
    expect(at(unicast, '2.2.8')).toHaveLength(0);
    expect(at(unicast, '2.3.1')).toHaveLength(0);
    expect(at(instance('A', `unicast_peer {\n10.0.0.2\n}\n${vip('10.0.0.1')}`), '2.2.8')).toHaveLength(1);
    // Without an interface each address needs its own dev; 2.2.8 and 2.3.1: "(A): no interface for vip 10.0.0.1 - removing".
    const noDev = instance('A', `unicast_src_ip 10.0.0.3\nunicast_peer {\n10.0.0.2\n}\nvirtual_ipaddress {\n10.0.0.1/24\n10.0.0.5 dev eth0\n}\nvirtual_ipaddress_excluded {\n10.0.0.6\n}`);
    expect(at(noDev, '2.3.1').map((d) => `${d.range.start.line + 1}:${/no interface for (e?vip \S+) /.exec(d.message)?.[1]}`)).toEqual(['7:vip 10.0.0.1', '11:evip 10.0.0.6']);
    // 2.2.8, 2.3.1 and 2.4.3: "(A): Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac" (exit 5).
    expect(at(instance('A', `unicast_src_ip 10.0.0.3\nunicast_peer {\n10.0.0.2\n}\nuse_vmac\n${vip('10.0.0.1 dev eth0')}`), '2.4.3').map((d) => d.range.start.line + 1)).toEqual([6]);
  });
  it('KA338: without an interface an IPv6 unicast source must not be link-local (2.2.8+)', () => {
    // keepalived 2.2.8: "(A) Non link-local address required if interface omitted" (exit 5); 2.2.7 says "Unknown interface!".
    const at = (text: string, targetVersion: string) => lintText(text, { file: 'keepalived.conf', targetVersion }).diagnostics.filter((d) => d.code === 'KA338');
    const body = (src: string) => instance('A', `unicast_src_ip ${src}\nunicast_peer {\nfe80::3\n2001:db8::3\n}\n${vip('2001:db8::1 dev eth0')}`);
    expect(at(body('fe80::2'), '2.2.8').map((d) => [d.range.start.line + 1, d.message.includes('Non link-local address required')])).toEqual([[2, true]]);
    expect(at(body('2001:db8::2'), '2.2.8')).toEqual([]);
    expect(at(body('fe80::2'), '2.2.7').map((d) => d.message)).toEqual([expect.stringContaining('Unknown interface!')]);
  });
  it('KA338: from 2.2.8 an IPv6 unicast source without an interface or an IPv6 peer crashes keepalived', () => {
    // Found by fuzzing against 2.4.3: builds of 2.2.8, 2.3.0, 2.3.4 and 2.4.3 exit 139 under -t; 2.2.7 says "Unknown interface!".
    const at = (text: string, targetVersion: string) => lintText(text, { file: 'keepalived.conf', targetVersion }).diagnostics.filter((d) => d.code === 'KA338');
    const body = (peers: string) => instance('A', `virtual_router_id 51\nunicast_src_ip 2001:db8::10\n${peers}${vip('10.0.0.1')}`);
    for (const peers of ['', 'unicast_peer {\n192.168.1.2\n}\n', 'unicast_fault_no_peer\n']) {
      for (const release of ['2.2.8', '2.4.3']) {
        expect(at(body(peers), release).map((d) => d.message), peers).toEqual([expect.stringContaining('falls back to multicast, which needs one, and crashes')]);
      }
      expect(at(body(peers), '2.2.7').map((d) => d.message), peers).toEqual([expect.stringContaining('Unknown interface!')]);
    }
    expect(at(body('unicast_peer {\n2001:db8::3\n}\n'), '2.4.3').map((d) => d.message)).not.toContainEqual(expect.stringContaining('crashes'));
  });
  describe('KA338: from 2.2.8 any unicast keyword lets an instance omit its interface, peers or not', () => {
    // keepalived 2.2.8 (vrrp.c chk_min_cfg) tests the flag every unicast keyword sets: an instance without an interface
    // (none, 'interface lo', a name too long) is not "Unknown interface!" then; it needs a source address of its family
    // (mcast_src_ip counts), falls back to multicast without peers, and crashes when that is IPv6 (found by fuzzing 2.4.3).
    // lines: where kalint reports KA338 at 2.2.7 and from 2.2.8 (' crash': a crash predicted); says: what 2.2.8 and 2.4.3 print.
    const cases: { body: string; lines: [string[], string[]]; says: RegExp[] }[] = [
      { body: 'unicast_src_ip 10.0.0.1\nvirtual_ipaddress {\n10.0.0.5\n10.0.0.6 dev eth0\n}\n', lines: [['1'], ['5']], says: [/no interface for vip 10\.0\.0\.5 - removing/] },
      { body: 'check_unicast_src\n', lines: [['1'], ['1']], says: [/Unicast instances must have unicast_src_ip or interface/] },
      { body: 'mcast_src_ip 10.0.0.1\ncheck_unicast_src\nvirtual_ipaddress {\n10.0.0.5 dev eth0\n}\n', lines: [['1'], []], says: [] },
      { body: 'mcast_src_ip 2001:db8::1\ncheck_unicast_src\n', lines: [['1'], ['1 crash']], says: [] },
      { body: 'interface lo\nunicast_src_ip 10.0.0.1\nvirtual_ipaddress {\n10.0.0.5 dev eth0\n}\n', lines: [['3'], ['3']], says: [/^cannot use a loopback interface|\) cannot use a loopback interface/] },
      { body: 'interface lo\nunicast_src_ip 2001:db8::1\n', lines: [['3'], ['3 crash']], says: [/cannot use a loopback interface/] },
      { body: 'unicast_src_ip 10.0.0.1\nunicast_src_ip 2001:db8::1\nvirtual_ipaddress {\n10.0.0.5 dev eth0\n}\n', lines: [['1'], ['1']], says: [/MUST be of the same family/, /Unicast instances must have unicast_src_ip or interface/] },
      { body: 'unicast_src_ip fe80::1\n', lines: [['1'], ['3']], says: [/Non link-local address required if interface omitted/] },
      { body: 'unicast_ttl 5\nvirtual_ipaddress {\n10.0.0.5\n}\n', lines: [['1'], ['1']], says: [/Unknown interface!/] },
    ];
    const text = (body: string) => `vrrp_instance A {\nvirtual_router_id 1\n${body}}\n`;
    const ours = (body: string, release: string) =>
      lintText(text(body), { file: 'keepalived.conf', targetVersion: release }).diagnostics.filter((d) => d.code === 'KA338').map((d) => `${d.range.start.line + 1}${d.message.includes('crashes') ? ' crash' : ''}`);
    it('KA312: an instance keepalived runs without an interface loses its addresses without dev', () => {
      // 2.2.8 and 2.4.3: "(A): no interface for vip 10.0.0.5 - removing", then "(A) No VIP specified; at least one is required" (VRRPv3).
      const body = 'version 3\nunicast_src_ip 10.0.0.1\nvirtual_ipaddress {\n10.0.0.5\n}\n';
      const ka312 = (release: string) => lintText(text(body), { file: 'keepalived.conf', targetVersion: release }).diagnostics.filter((d) => d.code === 'KA312').map((d) => d.message);
      expect(ka312('2.2.8')).toEqual([expect.stringContaining("it runs without an interface, and keepalived removes every address that names no 'dev'")]);
      expect(lintText(text(body.replace('10.0.0.5\n', '10.0.0.5 dev eth0\n')), { file: 'keepalived.conf', targetVersion: '2.2.8' }).diagnostics.filter((d) => d.code === 'KA312')).toEqual([]);
    });
    it.skipIf(!releaseBinary('2.2.8'))('KA312: agrees with keepalived 2.2.8 -t on addresses removed for want of an interface', () => {
      const body = 'version 3\nunicast_src_ip 10.0.0.1\nvirtual_ipaddress {\n10.0.0.5\n}\n';
      expect(runRelease(releaseBinary('2.2.8')!, text(body)).messages.map((m) => m.message)).toContainEqual(expect.stringContaining('No VIP specified; at least one is required'));
      expect(runRelease(releaseBinary('2.2.8')!, text(body.replace('10.0.0.5\n', '10.0.0.5 dev eth0\n'))).messages.map((m) => m.message)).not.toContainEqual(expect.stringContaining('No VIP specified'));
    });
    it('reports each case as the release does', () => {
      for (const c of cases) {
        expect(ours(c.body, '2.2.7'), c.body).toEqual(c.lines[0]);
        for (const release of ['2.2.8', '2.4.3']) expect(ours(c.body, release), `${release} ${c.body}`).toEqual(c.lines[1]);
      }
    });
    for (const release of ['2.2.8', '2.4.3']) {
      it.skipIf(!releaseBinary(release))(`agrees with keepalived ${release} -t`, () => {
        for (const c of cases) {
          const run = runRelease(releaseBinary(release)!, text(c.body));
          const messages = run.messages.map((m) => m.message);
          expect(run.signal === 'SIGSEGV', c.body).toBe(c.lines[1].some((l) => l.endsWith('crash')));
          for (const said of c.says) expect(messages, c.body).toContainEqual(expect.stringMatching(said));
          // "Unknown interface!" only where the case expects it.
          expect(messages.some((m) => /Unknown interface!/.test(m)), c.body).toBe(c.says.some((r) => r.source.includes('Unknown interface')));
        }
      });
    }
  });
  it('KA338: 2.0.8 to 2.0.15 crash on an instance without an interface', () => {
    // keepalived 2.0.8, 2.0.9 and 2.0.14 built from their tags: exit 139 (SIGSEGV) under -t, with no
    // message, for an instance with no interface, 'interface lo' or a name of 16 bytes; 2.0.16 prints
    // "(A) Unknown interface!" (its commit "Resolve segfault when a vrrp_instance has no interface specified").
    for (const body of ['', 'interface lo\n', 'interface abcdefghijklmnopq\n']) {
      const text = instance('A', `${body}${vip('10.0.0.1')}`);
      expect(findings(text, 'KA338', '2.0.9').map((d) => d.message), body).toEqual([expect.stringContaining('keepalived 2.0.9 ')]);
      expect(findings(text, 'KA338', '2.0.9')[0]!.message).toContain('crashes (a segmentation fault');
      expect(findings(text, 'KA338', '2.0.16')[0]!.message).not.toContain('crashes');
      expect(findings(text, 'KA338', '2.0.7')[0]!.message).not.toContain('crashes');
    }
  });
  it('KA338: before 2.0.8 an instance with use_vmac and no interface crashes', () => {
    // Found by the release sweep with a 2.0.7 build: exit 139 under -t on an instance with use_vmac and no
    // interface, "(VI_1) Unknown interface!" without use_vmac (the duplicate VRID check reads ifp->base_ifp).
    const text = (vmac: string) => instance('A', `virtual_router_id 5\n${vmac}${vip('10.0.0.1')}`);
    const message = (t: string, target: string) => findings(t, 'KA338', target)[0]!.message;
    expect(message(text('use_vmac\n'), '2.0.7')).toMatch(/2\.0\.7 crashes .*use_vmac/);
    expect(message(text('use_vmac\n'), '2.0.0')).toMatch(/crashes/);
    expect(message(text(''), '2.0.7')).not.toMatch(/crashes/);
    expect(message(text('use_vmac\n'), '1.3.9')).not.toMatch(/crashes/);
  });
  it('KA338: 2.1.0 to 2.2.4 accept a unicast instance without an interface too', () => {
    // Builds of 2.1.0, 2.1.5, 2.2.0 and 2.2.4 exit 0 silent on `unicast` (commit 557dfbe9, 2.1.0: an
    // instance with unicast peers may omit it); 2.0.19 and 2.2.7 print "(A) Unknown interface!".
    const unicast = instance('A', `unicast_src_ip 10.0.0.3\nunicast_peer {\n10.0.0.2\n}\n${vip('10.0.0.1 dev eth0')}`);
    for (const v of ['2.1.0', '2.1.5', '2.2.0', '2.2.4', '2.2.8']) expect(findings(unicast, 'KA338', v), v).toEqual([]);
    for (const v of ['2.0.19', '2.2.5', '2.2.7']) expect(findings(unicast, 'KA338', v).map((d) => d.message), v).toEqual([expect.stringContaining('Unknown interface!')]);
    // An address without its own dev is removed: 2.2.4 "(A): no interface for vip 10.0.0.1 - removing"
    // (exit 5); 2.1.5 only logs it and exits 0.
    const noDev = instance('A', `unicast_src_ip 10.0.0.3\nunicast_peer {\n10.0.0.2\n}\n${vip('10.0.0.1')}`);
    expect(findings(noDev, 'KA338', '2.2.4').map((d) => d.message)).toEqual([expect.stringMatching(/no interface for vip 10.0.0.1 - removing"\)$/)]);
    expect(findings(noDev, 'KA338', '2.1.5').map((d) => d.message)).toEqual([expect.stringContaining('keepalived 2.1.5 -t does not report it; keepalived 2.2.0 to 2.2.2, 2.2.4 and 2.2.8 and later remove it; 2.2.3 crashes')]);
  });
  it('KA338: 2.2.3 crashes on a unicast instance without an interface', () => {
    // Fuzz seed 569 (2.2.3): its new check of the interface's debounce timers reads the interface the instance
    // lacks (fixed in 2.2.4, e7f931be). The 2.2.3 build exits 139 under -t, with or without addresses of its own.
    const withDev = instance('A', `virtual_router_id 51\nunicast_src_ip 10.0.0.3\nunicast_peer {\n10.0.0.2\n}\n${vip('10.0.0.1 dev eth0')}`);
    const noVip = instance('A', 'virtual_router_id 51\nunicast_src_ip 10.0.0.3\nunicast_peer {\n10.0.0.2\n}\n');
    for (const text of [withDev, noVip]) expect(findings(text, 'KA338', '2.2.3').map((d) => d.message)).toEqual([expect.stringContaining('keepalived 2.2.3 crashes on it (a segmentation fault, also under keepalived -t)')]);
    for (const v of ['2.2.2', '2.2.4']) expect(findings(withDev, 'KA338', v), v).toEqual([]);
    const build = releaseBinary('2.2.3');
    if (build) {
      expect(runRelease(build, withDev).signal).toBe('SIGSEGV');
      expect(runRelease(build, noVip).signal).toBe('SIGSEGV');
    }
    const before = releaseBinary('2.2.2');
    if (before) expect(runRelease(before, withDev).signal).toBeUndefined();
    // Without its virtual_router_id the instance is rejected before that check ("the virtual router id must be set").
    const noVrid = instance('A', `unicast_src_ip 10.0.0.3\nunicast_peer {\n10.0.0.2\n}\n${vip('10.0.0.1 dev eth0')}`);
    expect(findings(noVrid, 'KA338', '2.2.3')).toEqual([]);
    if (build) expect(runRelease(build, noVrid).signal).toBeUndefined();
  });
  it('KA338: with down_timer_adverts 1, 2.2.4 and 2.2.8 on crash on an instance they run without an interface', () => {
    // Generator seed 861 (2.2.8): the branch of that check for down_timer_adverts 1 still reads the interface the
    // instance lacks. Builds of 2.2.4, 2.2.8, 2.3.3 and 2.4.3 exit 139 under -t; 2.2.7 rejects the instance first.
    const peers = 'virtual_router_id 51\nunicast_src_ip 10.0.0.3\nunicast_peer {\n10.0.0.2\n}\n';
    const perInstance = instance('A', `${peers}down_timer_adverts 1\n${vip('10.0.0.1 dev eth0')}`);
    const global = 'global_defs {\n    vrrp_down_timer_adverts 1\n}\n' + instance('A', `${peers}${vip('10.0.0.1 dev eth0')}`);
    // From 2.2.8 any unicast keyword lets the instance omit its interface (no peers: multicast), and `lo` is no interface.
    const sourceOnly = instance('A', 'virtual_router_id 51\ninterface lo\nunicast_src_ip 10.0.0.3\ndown_timer_adverts 1\n');
    const crash = /keepalived 2\.\d\.\d crashes on it \(a segmentation fault, also under keepalived -t\): with down_timer_adverts 1/;
    const cases: [string, string, string[]][] = [
      ['per instance', perInstance, ['2.2.4', '2.2.8', '2.3.3', '2.4.3']],
      ['global', global, ['2.2.4', '2.2.8', '2.3.3', '2.4.3']],
      ['source only', sourceOnly, ['2.2.8', '2.3.3', '2.4.3']],
    ];
    for (const [name, text, crashing] of cases) {
      for (const v of ['2.2.4', '2.2.7', '2.2.8', '2.3.3', '2.4.3']) {
        const said = findings(text, 'KA338', v).some((d) => crash.test(d.message));
        expect(said, `${name} at ${v}`).toBe(crashing.includes(v));
        const build = v === '2.2.7' ? (keepalivedAvailable() ? 'keepalived' : undefined) : releaseBinary(v);
        if (build) expect(runRelease(build, text).signal === 'SIGSEGV', `${name}: the ${v} build`).toBe(crashing.includes(v));
      }
    }
    // Above 1, or in strict mode (which puts the default back), nothing crashes.
    expect(findings(perInstance.replace('down_timer_adverts 1', 'down_timer_adverts 2'), 'KA338', '2.4.3').some((d) => crash.test(d.message))).toBe(false);
  });
  it('KA338: 2.0.16 to 2.0.19 crash on an instance without an interface after one with an interface', () => {
    // Builds of 2.0.16 and 2.0.19: exit 139 under -t (the duplicate virtual_router_id check looks at
    // the first instance's interface, not at the later one's); 2.0.7 and 2.1.0 print "(B) Unknown
    // interface!". With the instance without an interface first, 2.0.16 and 2.0.19 print it too.
    const a = instance('A', `interface eth0\nvirtual_router_id 51\n${vip('10.0.0.4')}`);
    const b = instance('B', `virtual_router_id 61\n${vip('10.0.0.5')}`);
    for (const v of ['2.0.16', '2.0.19']) {
      expect(findings(a + b, 'KA338', v).map((d) => d.message), v).toEqual([expect.stringContaining(`keepalived ${v} crashes (a segmentation fault, also under keepalived -t) in its duplicate virtual_router_id check`)]);
      expect(findings(b + a, 'KA338', v).map((d) => d.message), v).toEqual([expect.stringContaining('Unknown interface!')]);
    }
    for (const v of ['2.0.7', '2.1.0']) expect(findings(a + b, 'KA338', v)[0]!.message, v).not.toContain('crash');
  });
  it('KA339: only in strict mode, only values other than the strict ones', () => {
    const strict = 'global_defs {\n    vrrp_strict\n}\n';
    expect(findings(strict + instance('A', 'preempt_delay 5\ndown_timer_adverts 3\nlower_prio_no_advert true'), 'KA339')).toHaveLength(1);
    expect(findings(instance('A', 'preempt_delay 5'), 'KA339')).toHaveLength(0);
    expect(findings(strict + instance('A', 'priority 255\nstate MASTER\naccept'), 'KA339')).toHaveLength(0);
  });
  it('KA339: a value keepalived reads otherwise than written is reset as it reads it (fuzzing seed 736)', () => {
    // keepalived 2.2.7: `preempt_delay 60ms` is "invalid number '60ms'" and still 60 µs, so strict mode resets it;
    // 2.1.5 ignores the line ("Preempt_delay not valid!"). `garp_lower_prio_delay 0.5`, `5ms` and
    // `down_timer_adverts 200` are ignored ("invalid - ignoring"): nothing is left to reset.
    const strict = 'global_defs {\n    vrrp_strict\n}\n';
    const one = (line: string, v?: string) => findings(strict + instance('A', `state BACKUP\n${line}`), 'KA339', v).length;
    expect(one('preempt_delay 60ms')).toBe(1);
    expect(one('preempt_delay 60ms', '2.1.5')).toBe(0);
    expect(one('preempt_delay 2000')).toBe(0);
    expect(one('garp_lower_prio_delay 0.5')).toBe(0);
    expect(one('garp_lower_prio_delay 5ms')).toBe(0);
    expect(one('garp_lower_prio_delay 5')).toBe(1);
    expect(one('down_timer_adverts 200')).toBe(0);
    expect(one('down_timer_adverts 5')).toBe(1);
  });
  it('KA339: a MAC address of the VMAC is cleared in strict mode (2.2.5+)', () => {
    // keepalived 2.2.7: "(A): cannot specify MAC address with strict mode - clearing"
    const strict = 'global_defs {\n    vrrp_strict\n}\n';
    const text = strict + instance('A', 'state MASTER\npriority 255\nuse_vmac vrrp51 02:00:00:00:00:01');
    expect(lines(text, 'KA339')).toEqual([7]);
    expect(findings(text, 'KA339')[0]!.message).toContain("'02:00:00:00:00:01'");
    // A MAC keepalived already ignores (multicast: KA351) is not there to clear; nor is one before 2.2.5.
    expect(findings(strict + instance('A', 'state MASTER\npriority 255\nuse_vmac 01:00:5e:00:00:01'), 'KA339')).toEqual([]);
    expect(findings(text, 'KA339', '2.2.4')).toEqual([]);
    expect(findings(instance('A', 'use_vmac 02:00:00:00:00:01'), 'KA339')).toEqual([]);
  });
  it('KA313: a unicast peer with a range is read as its first address (keepalived: "MUST be of the same family")', () => {
    expect(lines(instance('A', `unicast_src_ip 10.0.0.2\nunicast_peer {\n2001:db8::5-9\n10.0.0.3\n}\n${vip('10.0.0.1')}`), 'KA313')).toEqual([4]);
  });
  it('KA313: a source address with a /prefix is read as its address (keepalived: "src address … MUST be of the same family")', () => {
    expect(lines(instance('A', `unicast_src_ip 2001:db8::5\nunicast_src_ip 192.0.2.10/24\n${vip('2001:db8::1')}`), 'KA313')).toEqual([3]);
  });
  it("KA313: a VIP ending in 'track_group' is kept, and fixes the family (keepalived: unknown entry, then \"address family must match\")", () => {
    const text = instance('A', `interface eth0\nvirtual_ipaddress {\n2001:db8::/64 track_group\n10.0.1.1\n}`);
    expect(lines(text, 'KA313')).toEqual([5]);
    expect(findings(text, 'KA346').map((d) => d.severity)).toEqual(['warning']);
  });
  it('KA313: native_ipv6 after an IPv4 address (keepalived: "Cannot specify native_ipv6 with IPv4 addresses")', () => {
    expect(lines(instance('A', `interface eth0\n${vip('10.0.0.1')}\nnative_ipv6`), 'KA313')).toEqual([6]);
    expect(lines(instance('A', `interface eth0\nnative_ipv6\n${vip('2001:db8::1')}`), 'KA313')).toEqual([]);
  });
  it('KA364: a vrf after the interface is ignored; one with an interface or without unicast is cleared', () => {
    expect(lines(instance('A', `interface eth0\nvrf blue\n${vip('10.0.0.1')}`), 'KA364')).toEqual([3]);
    // read, then cleared once the instance is complete: "vrf can only be specified without interface / with unicast"
    expect(lines(instance('A', `vrf blue\ninterface eth0\n${vip('10.0.0.1')}`), 'KA364')).toEqual([2]);
    expect(lines(instance('A', `vrf blue\n${vip('10.0.0.1')}`), 'KA364')).toEqual([2]);
    // a loopback is refused by keepalived before these checks ("cannot use a loopback interface"): that is the finding,
    // not a vrf cleared for the interface after it
    const lo = findings(instance('A', `vrf lo\ninterface eth0\n${vip('10.0.0.1')}`), 'KA364');
    expect(lo.map((d) => [d.range.start.line + 1, d.message])).toEqual([[2, `vrf lo: 'A' cannot use the loopback interface as its VRF; keepalived ignores the line ("cannot use a loopback interface (lo) for VRF - ignoring")`]]);
    expect(lines(instance('A', `unicast_src_ip 10.0.0.2\nvrf blue\nunicast_peer {\n10.0.0.3\n}\n${vip('10.0.0.1')}`), 'KA364')).toEqual([]);
  });
  // Found by msgs63: keepalived 2.2.5 to 2.4.3 refuse `vrf lo` on every host ("(V) cannot use a loopback interface (lo)
  // for VRF - ignoring") and leave the vrf unset; kalint said nothing, and called a vrf line after it a repeat (KA209).
  it("KA364: 'vrf lo' is refused, and leaves the vrf unset for the next vrf line", () => {
    const text = instance('W', `vrf lo\nvrf lo\nvrf blue\nunicast_peer {\n10.0.0.9\n}\n${vip('10.0.0.1')}`);
    expect(lines(text, 'KA364')).toEqual([2, 3]);
    expect(lines(text, 'KA209')).toEqual([]);
    // A loopback vrf after one keepalived took is a repeat, not a loopback keepalived looks up.
    expect(lines(instance('W', `vrf blue\nvrf lo\nunicast_peer {\n10.0.0.9\n}\n${vip('10.0.0.1')}`), 'KA364')).toEqual([]);
    expect(lines(instance('W', `vrf blue\nvrf lo\nunicast_peer {\n10.0.0.9\n}\n${vip('10.0.0.1')}`), 'KA209')).toEqual([3]);
    // After `interface lo` (refused too) the instance has no interface yet: the vrf is looked up, and refused.
    expect(lines(instance('X', `interface lo\nvrf lo\n${vip('10.0.0.1')}`), 'KA364')).toEqual([3]);
    // The keyword came in 2.2.5: before it the line is an unknown keyword (KA207), nothing more.
    expect(lines(text, 'KA364', '2.2.4')).toEqual([]);
    if (keepalivedAvailable()) {
      expect(runKeepalived(text).messages.filter((m) => /VRF/.test(m.message) && !/blue/.test(m.message)).map((m) => `${m.line}:${m.message}`)).toEqual([
        '2:(W) cannot use a loopback interface (lo) for VRF - ignoring',
        '3:(W) cannot use a loopback interface (lo) for VRF - ignoring',
      ]);
    }
  });
  it('KA366: lvs_sync_daemon options keepalived refuses', () => {
    const g = (args: string) => findings(`global_defs {\n    lvs_sync_daemon ${args}\n}\n`, 'KA366').map((d) => d.message);
    expect(g('eth0 VI_1 id 300 ttl')).toHaveLength(2);
    expect(g('eth0 VI_1 5')[0]).toContain("needs the keyword 'id'");
    expect(g('eth0 inst VI_1 group 10.0.0.1 port 0 bogus')).toHaveLength(3);
    expect(g('eth0 inst VI_1 inst VI_2')).toHaveLength(1);
    expect(g('eth0 inst')[0]).toContain('exits');
    expect(g('eth0 VI_1 id 5 maxlen 65507 port 8848 ttl 1 group 224.0.0.81')).toEqual([]);
    expect(g('eth0 inst VI_1 group ff02::123')).toEqual([]);
  });
  it("KA366, KA203: before 2.1.0 lvs_sync_daemon has no 'inst' option and needs the instance second", () => {
    // keepalived 2.0.19 built from its tag: `lvs_sync_daemon eth0 inst VI_1` prints "Unknown option
    // VI_1 specified for lvs_sync_daemon"; `lvs_sync_daemon enp0s8` prints "lvs_sync_daemon requires
    // interface, VRRP instance" and the line is dropped. 2.1.5 accepts both.
    const g = (args: string, v: string, code = 'KA366') => findings(`global_defs {\n    lvs_sync_daemon ${args}\n}\n`, code, v).map((d) => d.message);
    expect(g('eth0 inst VI_1', '2.0.19')).toEqual(["lvs_sync_daemon: keepalived 2.0.19 has no 'inst' option (it came in 2.1.0): it takes 'inst' as the vrrp_instance and reports \"Unknown option VI_1 specified for lvs_sync_daemon\"; write the instance name second: lvs_sync_daemon eth0 VI_1"]);
    expect(g('eth0 VI_1 inst VI_2', '1.3.5')[0]).toContain("unknown option 'inst' for keepalived 1.3.5");
    expect(g('eth0 inst VI_1', '2.1.0')).toEqual([]);
    expect(g('eth0 VI_1 id 5', '2.0.19')).toEqual([]);
    expect(g('eth0', '2.0.19', 'KA203')).toEqual(["'lvs_sync_daemon' is missing its vrrp_instance (keepalived 2.0.19; it may be left out from 2.1.0 on); keepalived reports the line and goes on without it"]);
    expect(g('eth0', '2.1.0', 'KA203')).toEqual([]);
  });
  it('KA366: before 2.1.0 a long instance name drops the line; before 2.1.3 maxlen, port and ttl take 0', () => {
    const g = (args: string, v: string) => findings(`global_defs {\n    lvs_sync_daemon ${args}\n}\n`, 'KA366', v).map((d) => d.message);
    // The 2.0.19 build: "(Line 2) lvs_sync_daemon vrrp interface name 'VI_frontend_public_1' too long - ignoring", and
    // nothing about the options after it; the 2.1.0 build reads the line (922d7ad0).
    expect(g('eth0 VI_frontend_public_1 id 5 ttl 0', '2.0.19')).toEqual([expect.stringContaining("before 2.1.0 ignores the whole line when the vrrp_instance name is longer than 15")]);
    expect(g('eth0 VI_frontend_pub id 5', '2.0.19')).toEqual([]);
    expect(g('eth0 VI_frontend_public_1 id 5', '2.1.0')).toEqual([]);
    // The 2.0.19 and 2.1.0 builds accept `ttl 0 port 0 maxlen 0`; 2.1.3 prints "number '0' outside range [1, 255]" and
    // "Invalid lvs_sync_daemon ttl (0) - ignoring" (c141b605, 29e3f1a2, ac4eadb7).
    expect(g('eth0 VI_1 ttl 0 port 0 maxlen 0', '2.1.0')).toEqual([]);
    expect(g('eth0 VI_1 ttl 0 port 0 maxlen 0', '2.1.3')).toEqual(['lvs_sync_daemon: ttl 0 is not a number in 1..255; keepalived ignores it', 'lvs_sync_daemon: port 0 is not a number in 1..65535; keepalived ignores it', 'lvs_sync_daemon: maxlen 0 is not a number in 1..65507; keepalived ignores it']);
    expect(g('eth0 VI_1 ttl 256', '2.0.19')).toEqual(['lvs_sync_daemon: ttl 256 is not a number in 0..255; keepalived ignores it']);
  });
  it('KA366: before 2.1.0 a fourth word not starting with a digit is an unknown option, not the sync id', () => {
    const g = (args: string, v?: string) => findings(`global_defs {\n    lvs_sync_daemon ${args}\n}\n`, 'KA366', v).map((d) => d.message);
    // The 2.0.19 build: "Unknown option x specified for lvs_sync_daemon"; `bogus 5`: two such lines; `+5` one.
    expect(g('eth0 VI_1 x', '2.0.19')).toEqual(["lvs_sync_daemon: unknown option 'x' (keepalived 2.0.19 takes the word after the instance for the old sync id only when it starts with a digit; 2.1.0 and later always do) (keepalived: \"Unknown option x specified for lvs_sync_daemon\")"]);
    expect(g('eth0 VI_1 bogus 5', '2.0.19')).toEqual([expect.stringContaining('"Unknown option bogus specified'), expect.stringContaining('"Unknown option 5 specified')]);
    expect(g('eth0 VI_1 +5', '1.3.5')).toEqual([expect.stringContaining('"Unknown option +5 specified')]);
    // A digit first: the sync id, read as a number ("Invalid syncid (5x)"; "syncid value" in the message before 2.2.1).
    expect(g('eth0 VI_1 5x', '2.0.19')).toEqual([expect.stringContaining("'5x' is not a sync id")]);
    expect(g('eth0 VI_1 5', '2.0.19')).toEqual([expect.stringContaining('before lvs_sync_daemon syncid value")')]);
    expect(g('eth0 VI_1 5', '2.1.5')).toEqual([expect.stringContaining('before lvs_sync_daemon syncid value")')]);
    expect(g('eth0 VI_1 5', '2.2.4')).toEqual([expect.stringContaining('before lvs_sync_daemon SYNCID")')]);
    // From 2.1.0 the fourth word is always the sync id (the 2.1.5 build: "Invalid syncid (x) - defaulting to vrid").
    for (const v of ['2.1.5', undefined]) {
      expect(g('eth0 VI_1 x', v), v).toEqual([expect.stringContaining("'x' is not a sync id")]);
      expect(g('eth0 VI_1 bogus 5', v), v).toEqual([expect.stringContaining("'bogus' is not a sync id"), expect.stringContaining('"Unknown option 5 specified')]);
    }
  });
  it.skipIf(!releaseBinary('2.0.19') || !releaseBinary('2.1.5'))('KA366: the 2.0.19 and 2.1.5 builds on a fourth lvs_sync_daemon word', () => {
    const said = (v: string, args: string) => runRelease(releaseBinary(v)!, `global_defs {\n    lvs_sync_daemon ${args}\n}\n`).messages.map((m) => m.message);
    expect(said('2.0.19', 'eth0 VI_1 x')).toEqual(['Unknown option x specified for lvs_sync_daemon']);
    expect(said('2.1.5', 'eth0 VI_1 x')).toContain('Invalid syncid (x) - defaulting to vrid');
    expect(said('2.0.19', 'eth0 VI_1 5')).toEqual(['Please use keyword "id" before lvs_sync_daemon syncid value']);
  });
  it('KA340: an interface tracked by a member and by its group', () => {
    const text = 'vrrp_sync_group G {\n    group {\n        A\n        B\n    }\n    track_interface {\n        eth1\n    }\n}\n' + instance('A', 'track_interface {\neth1\neth2\n}') + instance('B', '');
    expect(lines(text, 'KA340')).toEqual([12]);
    // keepalived reports it, then tracks the interface once: a warning, not an error (live 2.2.7, s58 audit).
    expect(findings(text, 'KA340').map((f) => f.severity)).toEqual(['warning']);
  });
  it("KA340: a sync group tracking a member's own interface (keepalived tracks it already)", () => {
    const group = (ifs: string) => `vrrp_sync_group G {\n    group {\n        A\n        B\n    }\n    track_interface {\n${ifs}\n    }\n}\n`;
    // keepalived -t: "(A) track_interface eth0 is configured on VRRP instance and sync group", the same for B
    expect(findings(group('eth0') + instance('A', 'interface eth0') + instance('B', 'interface eth0'), 'KA340')).toHaveLength(2);
    expect(findings(group('eth0') + instance('A', 'interface eth0\ndont_track_primary') + instance('B', 'interface eth1'), 'KA340')).toHaveLength(0);
    expect(findings(group('eth0 weight') + instance('A', 'interface eth0') + instance('B', 'interface eth0'), 'KA340')).toHaveLength(0);
  });
  it('KA341: an owner MASTER member followed by a BACKUP member', () => {
    const group = 'vrrp_sync_group G {\n    group {\n        A\n        B\n    }\n}\n';
    expect(findings(group + instance('A', 'state MASTER\npriority 255') + instance('B', 'state BACKUP'), 'KA341')).toHaveLength(1);
    expect(findings(group + instance('A', 'state BACKUP') + instance('B', 'state MASTER\npriority 255'), 'KA341')).toHaveLength(0);
  });
});

describe('KA313 for source addresses, KA342 multicast groups, KA343 VRRPv3 precision', () => {
  it('a source address of the other family is ignored; the first address fixes the family', () => {
    expect(lines(instance('A', `${vip('10.0.0.1')}\nunicast_src_ip fe80::5`), 'KA313')).toEqual([5]);
    expect(lines(instance('A', `unicast_src_ip 10.0.0.5\n${vip('fe80::1')}`), 'KA313')).toEqual([4]);
  });
  it('mcast_dst_ip must be multicast of the instance family, link-local for IPv6', () => {
    expect(findings(instance('A', `${vip('10.0.0.1')}\nmcast_dst_ip 10.1.1.1`), 'KA342')).toHaveLength(1);
    expect(findings(instance('A', `${vip('10.0.0.1')}\nmcast_dst_ip 224.0.0.30`), 'KA342')).toHaveLength(0);
    expect(findings(instance('A', `${vip('fe80::1')}\nmcast_dst_ip ff05::12`), 'KA342')).toHaveLength(1);
    expect(findings(instance('A', `${vip('fe80::1')}\nmcast_dst_ip ff02::13`), 'KA342')).toHaveLength(0);
    expect(findings(instance('A', `${vip('fe80::1')}\nmcast_dst_ip 224.0.0.30`), 'KA342')).toHaveLength(1);
    // Found by differential fuzzing: keepalived reads the address before a '/mask' or '-range'
    // ("(A) mcast_dst_ip 192.0.2.255/32 not multicast. Skipping...").
    expect(findings(instance('A', `${vip('10.0.0.1')}\nmcast_dst_ip 192.0.2.255/32`), 'KA342')).toHaveLength(1);
    expect(findings(instance('A', `${vip('10.0.0.1')}\nmcast_dst_ip 224.0.0.30/8`), 'KA342')).toHaveLength(0);
  });
  it('global groups: not multicast is an error, IPv6 beyond the link a warning', () => {
    const g = (body: string) => `global_defs {\n    ${body}\n}\n`;
    expect(findings(g('vrrp_mcast_group4 10.0.0.1'), 'KA342').map((d) => d.severity)).toEqual(['error']);
    expect(findings(g('vrrp_mcast_group6 ff05::12'), 'KA342').map((d) => d.severity)).toEqual(['warning']);
    expect(findings(g('vrrp_mcast_group4 224.0.0.19'), 'KA342')).toHaveLength(0);
    expect(findings(g('vrrp_mcast_group4 10.0.0.1-9'), 'KA342').map((d) => d.severity)).toEqual(['error']);
  });
  it('every line is checked as keepalived reads it, not only the last (found by fuzzing real configs)', () => {
    const g = (body: string) => `global_defs {\n${body}\n}\n`;
    // keepalived 2.2.7: "(Line 2) vrrp_mcast_group4 [10.0.0.7] is not multicast. Skipping", and it
    // keeps the group set before a refused line: no KA211 for either order.
    const overridden = g('  vrrp_mcast_group4 10.0.0.7\n  vrrp_mcast_group4 224.0.0.19');
    expect(lines(overridden, 'KA342')).toEqual([2]);
    expect(lines(overridden, 'KA211')).toEqual([]);
    const refusedLater = g('  vrrp_mcast_group4 224.0.0.19\n  vrrp_mcast_group4 10.0.0.7');
    expect(lines(refusedLater, 'KA342')).toEqual([3]);
    expect(lines(refusedLater, 'KA211')).toEqual([]);
    expect(lintText(refusedLater, { file: 'keepalived.conf' }).analysis?.model.globalDefs?.vrrpMcastGroup4?.value).toBe('224.0.0.19');
    // Before 2.2.5 nothing is checked and the last line is the group.
    expect(findings(overridden, 'KA342', '2.2.4')).toEqual([]);
    // An instance's earlier mcast_dst_ip: "(A) mcast_dst_ip 10.0.0.7 not multicast. Skipping..." on its line.
    expect(lines(instance('A', `${vip('10.0.0.1')}\nmcast_dst_ip 10.0.0.7\nmcast_dst_ip 224.0.0.19`), 'KA342')).toEqual([5]);
    if (keepalivedAvailable()) {
      expect(runKeepalived(overridden).stderr).toContain('vrrp_mcast_group4 [10.0.0.7] is not multicast');
      expect(runKeepalived(instance('A', `interface lo\nvirtual_router_id 5\n${vip('10.0.0.1')}\nmcast_dst_ip 10.0.0.7\nmcast_dst_ip 224.0.0.19`)).stderr).toContain('mcast_dst_ip 10.0.0.7 not multicast');
    }
  });
  it('global groups before 2.2.5: not checked, the address is used', () => {
    const g = (body: string) => `global_defs {\n    ${body}\n}\n`;
    const message = (body: string, target: string) => findings(g(body), 'KA342', target).map((d) => d.message);
    // 2.0.19, 2.1.5 and 2.2.4 builds: rc 0 and no message for `vrrp_mcast_group4 192.0.2.230` or `ff02::12`;
    // 2.2.7: "vrrp_mcast_group4 [192.0.2.230] is not multicast. Skipping", "vrrp_mcast_group4 [ff02::12] is not IPv4. Skipping".
    expect(message('vrrp_mcast_group4 192.0.2.230', '2.2.4')).toEqual([expect.stringContaining('before 2.2.5 accepts it without a word and sends its adverts there')]);
    expect(message('vrrp_mcast_group4 ff02::12', '2.1.5')).toEqual([expect.stringContaining('before 2.2.5 does not check the family')]);
    expect(message('vrrp_mcast_group4 192.0.2.230', '2.2.5')).toEqual([expect.stringContaining('keepalived ignores it')]);
    expect(message('vrrp_mcast_group4 224.0.0.19', '2.0.19')).toEqual([]);
    // An address of the other family is KA342's alone (the schema check leaves it), and -t says nothing before 2.2.5
    // (the 2.0.10 build: rc 0, silent; found by fuzz-generate).
    const other = g('vrrp_mcast_group4 fe80::1');
    expect(lintText(other, { file: 'k.conf', targetVersion: '2.0.10' }).diagnostics.map((d) => d.code)).toEqual(['KA342']);
    expect(message('vrrp_mcast_group4 fe80::1', '2.0.10')).toEqual([expect.stringContaining('(keepalived -t does not report it)')]);
    expect(lintText(other, { file: 'k.conf' }).diagnostics.map((d) => d.code)).toEqual(['KA342']);
  });
  it.skipIf(!keepalivedAvailable())('global groups of the other family: agrees with keepalived -t', () => {
    const said = runKeepalived('global_defs {\n    vrrp_mcast_group4 fe80::1\n    vrrp_mcast_group6 224.0.0.18\n}\n').messages.map((m) => `${m.line} ${m.message}`);
    expect(said).toEqual(expect.arrayContaining(['2 vrrp_mcast_group4 [fe80::1] is not IPv4. Skipping', '3 vrrp_mcast_group6 [224.0.0.18] is not IPv6. Skipping']));
    expect(lintText('global_defs {\n    vrrp_mcast_group4 fe80::1\n    vrrp_mcast_group6 224.0.0.18\n}\n', { file: 'k.conf' }).diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}`)).toEqual(['KA342 2', 'KA342 3']);
  });
  it('VRRPv3 advert_int in centiseconds', () => {
    expect(findings(instance('A', 'version 3\nadvert_int 0.125'), 'KA343')).toHaveLength(1);
    expect(findings(instance('A', 'version 3\nadvert_int 0.25'), 'KA343')).toHaveLength(0);
    expect(findings(instance('A', 'advert_int 0.125'), 'KA343')).toHaveLength(0);
    // Found by the generator fuzzer against 2.1.5 (seed 126): before 2.2.3 keepalived reads 2.01 through strtod and
    // truncates to 2009999 µs ("VRRPv3 advertisement interval 2.009999s must be in units of 10ms - rounding").
    const old = (t: string, v: string) => lintText(instance('A', `version 3\nadvert_int ${t}`), { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA343');
    expect(old('2.01', '2.1.5')[0]?.message).toMatch(/keepalived 2\.1\.5 reads it through floating point as 2\.009999 s/);
    expect(old('2.01', '2.2.3')).toHaveLength(0);
    expect(old('2.5', '2.1.5')).toHaveLength(0);
  });
});

describe('KA345-KA347, KA338 on lo', () => {
  it('KA345: a later non-MASTER state is ignored after MASTER; a repeated MASTER is fine', () => {
    expect(lines(instance('A', 'state MASTER\npriority 100\nstate BACKUP'), 'KA345')).toEqual([4]);
    expect(lines(instance('A', 'state BACKUP\nstate MASTER'), 'KA345')).toEqual([]);
    expect(lines(instance('A', 'state MASTER\nstate MASTER'), 'KA345')).toEqual([]);
    // The kept MASTER makes the instance the owner when no priority is set.
    expect(findings(instance('A', 'state MASTER\nstate BACKUP\nnopreempt'), 'KA310')).toHaveLength(1);
  });
  it('KA345 and the model read state lines as keepalived does: from 2.0.0 an unknown word after MASTER sets BACKUP again', () => {
    // Found by peer-sweep on a mutant with 'state MASTER' twice (session 52): the model took the last line, so
    // 'state MASTER' then 'state BACKUP' was a BACKUP to the cluster rules while keepalived starts it as MASTER.
    const model = (body: string, targetVersion?: string) => analyze(instance('A', body), { targetVersion }).model.vrrpInstances[0]!;
    expect(model('state MASTER\npriority 100\nstate BACKUP').effectiveState).toBe('MASTER');
    expect(model('state MASTER\npriority 100\nstate BACKUP').state?.node.range.start.line).toBe(1);
    expect(model('state MASTER\nstate SLAVE\npriority 100').effectiveState).toBe('BACKUP');
    expect(model('state MASTER\nstate SLAVE\npriority 100', '1.3.5').effectiveState).toBe('MASTER');
    const mixed = 'state MASTER\nstate BACKUP\nstate SLAVE\nstate BACKUP\nvirtual_router_id 5\ninterface lo\npriority 100';
    expect(lines(instance('A', mixed), 'KA345')).toEqual([3]);
    expect(model(mixed).effectiveState).toBe('BACKUP');
    // 1.3.5 sets nothing but MASTER: every later line is ignored.
    expect(lines(instance('A', mixed), 'KA345', '1.3.5')).toEqual([3, 4, 5]);
    if (keepalivedAvailable()) {
      const said = runKeepalived(instance('A', mixed)).messages.map((m) => `${m.line}:${m.message}`);
      expect(said.filter((m) => /state/.test(m))).toEqual(["3:(A) state previously set as MASTER - ignoring BACKUP", "4:(A) unknown state 'SLAVE', defaulting to BACKUP"]);
    }
  });
  it('KA346: skipped addresses are errors, ignored options warnings', () => {
    const text = instance('A', `interface eth0\n${vip('10.0.0.1/24 label eth0:averyverylonglabel\n10.0.0.2/24 dev\nfe80::1 brd +\n10.0.0.3/24 scope universe\n10.0.0.4 brd +\n10.0.0.5/24 sideways\nfe80::2 scope link')}`);
    expect(findings(text, 'KA346').map((d) => [d.range.start.line + 1, d.severity])).toEqual([
      [4, 'error'],
      [5, 'error'],
      [6, 'error'],
      [7, 'warning'],
      [8, 'warning'],
      [9, 'warning'],
      [10, 'warning'],
    ]);
    expect(findings(instance('A', vip('10.0.0.1/24 dev eth0 label eth0:vip brd + scope link no_track')), 'KA346')).toHaveLength(0);
  });
  // Found by the mutation fuzzer (seed 125, keepalived's own sample): `dev bond0.2:3` names an address label, which no
  // interface can be, so keepalived skips the address on every host ("WARNING - interface bond0.2:3 for ip address …
  // doesn't exist"); with dynamic_interfaces it keeps the address and waits for an interface that never appears.
  it("KA346: a 'dev' name no interface can have skips the address", () => {
    const body = (extra: string) => `interface eth0\nvirtual_router_id 5\n${vip(`10.0.0.1/24\n10.0.0.2/24 dev eth0:3${extra}\n10.0.0.3/24 dev averyverylongname0`)}`;
    const text = instance('A', body(''));
    expect(findings(text, 'KA346').map((d) => [d.range.start.line + 1, d.range.start.column + 1, d.severity])).toEqual([[6, 21, "error"], [7, 21, "error"]]);
    expect(findings(text, 'KA346')[0]!.message).toMatch(/^interface name 'eth0:3' has a ':' .*keepalived skips the address 10\.0\.0\.2\/24/);
    const dynamic = `global_defs {\n  dynamic_interfaces\n}\n${text}`;
    expect(findings(dynamic, 'KA346').map((d) => d.severity)).toEqual(['error', 'error']);
    expect(findings(instance('A', body('').replace('eth0:3', 'eth0.3')), 'KA346')).toHaveLength(1);
    if (keepalivedAvailable()) {
      expect(runKeepalived(text).messages.map((m) => [m.line, m.message])).toEqual(expect.arrayContaining([
        [6, "WARNING - interface eth0:3 for ip address 10.0.0.2/24 doesn't exist"],
        [7, "WARNING - interface averyverylongname0 for ip address 10.0.0.3/24 doesn't exist"],
      ]));
      expect(runKeepalived(dynamic).messages.filter((m) => /doesn't exist/.test(m.message))).toEqual([]);
    }
  });
  // claims64 bug 1: with dynamic_interfaces keepalived keeps such a line, and an instance tracks the interface of its
  // VIPs, eVIPs (2.0.0) and virtual routes and rules (2.0.1) unless the line has no_track: the interface never appears,
  // so the whole instance stays in FAULT (daemons 2.0.19, 2.2.4, 2.2.7, 2.4.3: "(VI_1): entering FAULT state (interface
  // eth0:1 down)", no VIP added; with no_track, MASTER). A nexthop's dev and the static blocks are not tracked.
  describe('with dynamic_interfaces, an impossible dev on a line its instance tracks', () => {
    const text = conf(
      'global_defs {',
      '    dynamic_interfaces',
      '}',
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 51',
      '    priority 150',
      '    virtual_ipaddress {',
      '        192.168.1.100/24',
      '        192.168.1.105/24 dev eth0:1',
      '        192.168.1.106/24 dev eth0:2 no_track',
      '    }',
      '    virtual_ipaddress_excluded {',
      '        192.168.1.107/24 dev eth0:1',
      '    }',
      '    virtual_routes {',
      '        10.9.0.0/16 dev eth0:1',
      '        10.8.0.0/16 dev eth0:1 no_track',
      '        10.7.0.0/16 via 10.0.0.1 nexthop via 10.0.0.2 dev eth0:1',
      '    }',
      '    virtual_rules {',
      '        from 10.1.0.0/16 iif eth0:1 table 100 priority 100',
      '        from 10.2.0.0/16 oif eth0:1 table 100 priority 101',
      '        from 10.3.0.0/16 dev eth0:1 table 100 priority 102 no_track',
      '    }',
      '}',
      'static_ipaddress {',
      '    192.168.2.1/24 dev eth0:1',
      '}',
      'static_routes {',
      '    10.6.0.0/16 dev eth0:1',
      '}',
    );
    const said = (target?: string) => [...findings(text, 'KA346', target), ...findings(text, 'KA330', target)].map((d): [number, string] => [d.range.start.line + 1, d.severity]).sort((a, b) => a[0] - b[0]);
    it('is an error naming the FAULT, except with no_track, on a nexthop and in the static blocks', () => {
      expect(said()).toEqual([[10, 'error'], [11, 'warning'], [14, 'error'], [17, 'error'], [18, 'warning'], [19, 'warning'], [22, 'error'], [23, 'error'], [24, 'warning'], [28, 'warning'], [31, 'warning']]);
      const [d] = findings(text, 'KA346');
      expect(d!.message).toMatch(/keeps the address and 'VI_1' tracks its interface, which never appears, so the instance stays in FAULT \(keepalived: "\(VI_1\): entering FAULT state \(interface eth0:1 down\)"\): it never becomes MASTER and holds none of its addresses; fix the name \('no_track' on the line keeps the instance out of FAULT, but the address is still never added\)$/);
      expect(findings(text, 'KA330')[0]!.message).toContain("keeps this virtual route and 'VI_1' tracks its interface");
      expect(findings(text, 'KA330').find((f) => f.range.start.line + 1 === 23)!.message).toContain('but this virtual rule is still never installed');
    });
    it('follows the releases: addresses tracked from 2.0.0, routes and rules from 2.0.1, no_track spelt no-track before 2.0.3', () => {
      // 2.0.0 tracks no route or rule interface; before 2.0.3 'no_track' is no option (the route and rule lines with it are dropped).
      expect(said('2.0.0').filter(([, s]) => s === 'error').map(([l]) => l)).toEqual(expect.arrayContaining([10, 11, 14]));
      expect(said('2.0.0').filter(([l, s]) => s === 'error' && [17, 22, 23].includes(l))).toEqual([]);
      expect(said('2.0.1').filter(([l, s]) => s === 'error' && [17, 22, 23].includes(l)).map(([l]) => l)).toEqual([17, 22, 23]);
      const noTrack = (target: string) => findings(text.replace('eth0:2 no_track', 'eth0:2 no-track'), 'KA346', target).find((f) => f.range.start.line + 1 === 11 && f.message.startsWith("interface name"))!;
      expect(noTrack('2.0.2').severity).toBe('warning');
      expect(findings(text, 'KA346', '2.0.2').find((f) => f.range.start.line + 1 === 10)!.message).toContain("('no-track' on the line keeps the instance out of FAULT");
      expect(findings(text, 'KA346', '2.0.2').find((f) => f.range.start.line + 1 === 10)!.message).not.toContain('entering FAULT state');
    });
    it.skipIf(!(keepalivedAvailable() && canMakeNamespaces()))('the daemon stays in FAULT, and runs with no_track', async () => {
      const one = (line: string) => conf('global_defs {', '    dynamic_interfaces', '}', 'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', '    priority 150', '    virtual_ipaddress {', '        192.168.1.100/24', `        ${line}`, '    }', '}');
      const bad = await runDaemon(one('192.168.1.105/24 dev eth0:1'));
      expect(bad.text).toContain('(VI_1): entering FAULT state (interface eth0:1 down)');
      const good = await runDaemon(one('192.168.1.105/24 dev eth0:1 no_track'));
      // (The probe's eth0 has no IPv4 address, which is a FAULT of its own: the point is that eth0:1 is not tracked.)
      expect(good.text).toContain('Startup complete');
      expect(good.text).not.toContain('interface eth0:1 down');
    }, 60_000);
    // recheck64 bug 3: keepalived reads on after the name with dynamic_interfaces, so the error holds only where the line
    // is kept with that interface tracked. 2.2.7 -t: "Cannot specify ipaddress device more than once", "No brd parameter
    // specified", "No scope parameter specified" (the address skipped; daemon: MASTER with the other VIP); a virtual route
    // keeps its last dev (daemon: MASTER, route on eth0); `label no_track` makes no_track the label (daemon: FAULT).
    it('holds only where keepalived keeps the line with that interface (recheck64 bug 3)', () => {
      const one = (vipLine: string, route = '10.8.0.0/16 dev eth0') => conf('global_defs {', '    dynamic_interfaces', '}', 'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', '    priority 90', '    virtual_ipaddress {', `        ${vipLine}`, '        10.0.0.11/24', '    }', '    virtual_routes {', `        ${route}`, '    }', '}');
      const got = (t: string) => [...findings(t, 'KA346'), ...findings(t, 'KA330')].map((d) => [d.range.start.line + 1, d.severity, d.message.replace(/^interface name 'eth0:1' .*?: no Linux/, 'name: no Linux')]);
      expect(got(one('10.0.0.10/24 dev eth0:1 dev eth0'))).toEqual([[9, 'error', "'dev' is given twice; keepalived skips the address 10.0.0.10/24"]]);
      expect(got(one('10.0.0.10/24 dev eth0:1 brd'))).toEqual([[9, 'error', "'brd' has no value; keepalived skips the address 10.0.0.10/24"]]);
      expect(got(one('10.0.0.10/24 dev eth0:1 scope'))).toEqual([[9, 'error', "'scope' has no value; keepalived skips the address 10.0.0.10/24"]]);
      const label = got(one('10.0.0.10/24 dev eth0:1 label no_track'));
      expect(label.map(([l, s]) => [l, s])).toEqual([[9, 'error']]);
      expect(label[0]![2]).toContain('stays in FAULT');
      const route = got(one('10.0.0.10/24', '10.9.0.0/16 dev eth0:1 dev eth0'));
      expect(route.map(([l, s]) => [l, s])).toEqual([[13, 'warning']]);
      expect(route[0]![2]).toContain("keepalived takes the later 'eth0' on this line instead");
      // The last one counts: an impossible name after a good one is still the tracked one.
      expect(got(one('10.0.0.10/24', '10.9.0.0/16 dev eth0 dev eth0:1')).map(([l, s]) => [l, s])).toEqual([[13, 'error']]);
      // Without dynamic_interfaces keepalived stops at the name: nothing after it is reported.
      expect(findings(one('10.0.0.10/24 dev eth0:1 dev eth0').replace('    dynamic_interfaces\n', ''), 'KA346').map((d) => d.range.start.column + 1)).toEqual([26]);
      // KA312: the address is kept (2.2.7 -t prints no "No VIP specified" for it alone).
      expect(findings(one('10.0.0.10/24 dev eth0:1').replace('        10.0.0.11/24\n', ''), 'KA312')).toEqual([]);
      // Every rule counts the kept address: first in the block, an IPv6 one makes the instance IPv6 (KA313 on the IPv4 one;
      // 2.2.7 -t: "(VI_1): address family must match VRRP instance [10.0.0.11/24] - ignoring").
      const v6 = one('2001:db8::10/64 dev eth0:1');
      expect(findings(v6, 'KA313').map((d) => d.range.start.line + 1)).toEqual([10]);
      if (keepalivedAvailable()) {
        expect(runKeepalived(v6).messages.map((m) => m.line)).toEqual([10]);
        expect(runKeepalived(one('10.0.0.10/24 dev eth0:1 dev eth0')).messages.map((m) => [m.line, m.message])).toEqual([[9, 'Cannot specify ipaddress device more than once for 10.0.0.10/24']]);
        expect(runKeepalived(one('10.0.0.10/24 dev eth0:1').replace('        10.0.0.11/24\n', '')).messages).toEqual([]);
      }
    });
    // recheck64b bug 2: a VIP of the other family is ignored after it is read (KA313), so its interface is never tracked
    // (2.2.7's daemon goes MASTER with `2001:db8::5/64` then `10.0.0.11/24 dev eth0:1`): no FAULT error, no waiting warning.
    it('says nothing of the interface of a VIP keepalived ignores for its family (recheck64b bug 2)', () => {
      const text = conf('global_defs {', '    dynamic_interfaces', '}', 'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', '    priority 150', '    virtual_ipaddress {', '        2001:db8::5/64', '        10.0.0.11/24 dev eth0:1', '    }', '    virtual_ipaddress_excluded {', '        10.0.0.12/24 dev eth0:1', '    }', '}');
      expect(findings(text, 'KA346').map((d) => [d.range.start.line + 1, d.severity])).toEqual([[13, 'error']]);
      expect(findings(text, 'KA313').map((d) => d.range.start.line + 1)).toEqual([10]);
    });
  });
  it('KA346: a C-style comment after an address is one finding, with the fix to #', () => {
    // keepalived 2.2.7 on '10.0.0.1 // VRRP H vip' (qa18, a Chinese tutorial): "(Line 3) Unknown configuration entry
    // '//' for ip address - ignoring", then the same for 'VRRP', 'H' and 'vip'.
    const text = instance('A', vip('10.0.0.1 // VRRP H vip'));
    const found = findings(text, 'KA346');
    expect(found.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1}-${d.range.end.column + 1}`)).toEqual(['3:14-27']);
    expect(found[0]!.message).toContain("keepalived reads each of the 4 words from '//' on as an address option and ignores them");
    expect(applyFix(text, found[0]!.fix!)).toContain('10.0.0.1 # VRRP H vip');
    expect(findings(instance('A', vip('10.0.0.1 /*vip*/')), 'KA346')[0]!.message).toContain("'/*' does not start a comment");
    // When an option keepalived applies follows, each word is its own finding, and the option is checked.
    expect(findings(instance('A', vip('10.0.0.1 // note dev')), 'KA346').map((d) => d.severity)).toEqual(['warning', 'warning', 'error']);
  });
  // Found by mistakes62: '172.18.65.2/16  // floating IP dev ens33' (keepalived 2.2.7: Unknown configuration entry for
  // '//', 'floating' and 'IP', and the address goes on ens33). kalint said "'//' is not an address option" only, with
  // no word that '//' is no comment, nor that 'dev ens33' after it still applies.
  it('KA346: a C-style comment followed by an option says it is no comment and that the option applies', () => {
    const found = findings(instance('A', vip('172.18.65.2/16  // floating IP dev ens33')), 'KA346');
    expect(found.map((d) => d.range.start.column + 1)).toEqual([21, 24, 33]);
    expect(found[0]!.message).toBe(
      "'//' does not start a comment in keepalived.conf: keepalived ignores '//' (keepalived: \"Unknown configuration entry '//' for ip address - ignoring\") " +
        "and reads every word after it as an address option, so 'dev' later on this line still applies to 172.18.65.2/16. Use '#' for a comment, after the options",
    );
    expect(found[0]!.fix).toBeUndefined();
    expect(found[1]!.message).toBe("'floating' is not an address option; keepalived ignores it");
  });
  it('KA346: options newer than the target release are unknown words to it', () => {
    // keepalived 2.0.19 (built from its tag): "(Line 3) Unknown configuration entry 'preferred_lft' for ip
    // address - ignoring" and the same for '0'; preferred_lft came in 2.0.20, use_vmac in 2.2.0.
    const text = instance('A', vip('10.0.0.1/24 dev eth0 preferred_lft 0 use_vmac'));
    const old = findings(text, 'KA346', '2.0.19');
    expect(old.map((d) => d.range.start.line + 1 + ':' + d.severity)).toEqual(['3:warning', '3:warning', '3:warning']);
    expect(old[0]!.message).toContain("'preferred_lft' is not an address option in keepalived 2.0.19 (it came in 2.0.20)");
    expect(old[1]!.message).toContain("'0' is not an address option");
    expect(findings(text, 'KA346', '2.1.5').map((d) => d.message)).toEqual([expect.stringContaining("'use_vmac' is not an address option in keepalived 2.1.5")]);
    expect(findings(text, 'KA346')).toEqual([]);
  });
  // The 1.3.9 build (Ubuntu 18.04) reads these silently; the 1.3.5 builds say "No noprefixroute parameter specified for
  // 192.168.1.51/24" and the like (their parser wants a value after every option, and knows none of these). 1.3.6 added them.
  it('KA346: home, -nodad, mngtmpaddr, noprefixroute and autojoin are address options from 1.3.6', () => {
    const text = instance('A', vip('192.168.1.51/24 dev eth0 noprefixroute\n192.168.1.52/24 dev eth0 home\n192.168.1.53/24 dev eth0 autojoin\n192.168.1.54/24 dev eth0 mngtmpaddr'));
    expect(findings(text, 'KA346', '1.3.5').map((d) => d.message.slice(0, d.message.indexOf(' is not')))).toEqual(["'noprefixroute'", "'home'", "'autojoin'", "'mngtmpaddr'"]);
    for (const v of ['1.3.6', '1.3.9', '1.4.0']) expect(findings(text, 'KA346', v), v).toEqual([]);
    // A word that is a property of every JavaScript object is still only a word.
    expect(findings(instance('A', vip('192.168.1.51/24 constructor')), 'KA346', '1.3.5')[0]!.message).toBe("'constructor' is not an address option; keepalived ignores it");
  });
  it('KA346: a label over 15 characters is kept before 2.2.3, and the kernel refuses it', () => {
    // The 2.0.19, 2.1.5 and 2.2.0 builds read `192.0.2.10 label eth0:abcdefghijklmnopqrst` silently; 2.2.4 and 2.2.7:
    // "Address label eth0:abcdefghijklmnopqrst is longer than maximum length 15 - removing address" (3e8a2b2d, 2.2.3).
    const text = instance('A', vip('10.0.0.1 label eth0:abcdefghijklmnopqrst'));
    expect(findings(text, 'KA346', '2.2.0').map((d) => d.message)).toEqual([expect.stringMatching(/keepalived before 2.2.3 keeps the address 10.0.0.1 but its label has no end.* \(keepalived -t does not report it\)$/)]);
    expect(findings(text, 'KA346', '2.2.3').map((d) => d.message)).toEqual([expect.stringContaining('keepalived skips the address 10.0.0.1')]);
    expect(findings(text, 'KA346').map((d) => d.message)).toEqual([expect.stringContaining('keepalived skips the address 10.0.0.1')]);
  });
  it('KA346: scope global (0) is no scope keepalived refuses on an IPv6 address', () => {
    const text = instance('A', `interface eth0\n${vip('2001:db8::1/64 scope global\n2001:db8::2/64 scope 0\n2001:db8::3/64 scope link\n2001:db8::4/64 scope 200')}`);
    expect(lines(text, 'KA346')).toEqual([6, 7]);
  });
  it.skipIf(!keepalivedAvailable())('KA346: keepalived -t refuses only the scopes other than global on IPv6', () => {
    const text = instance('A', `interface eth0\n${vip('2001:db8::1/64 scope global\n2001:db8::2/64 scope 0\n2001:db8::3/64 scope link\n2001:db8::4/64 scope 200')}`);
    expect(runKeepalived(text).messages.filter((m) => /Cannot specify scope/.test(m.message)).map((m) => m.line)).toEqual([6, 7]);
  });
  // Found by msgs63: keepalived (2.0.0 to 2.4.3) keeps the first of two peers, reports the second ("Peer 10.0.0.7 -
  // another peer has already been specified") and then reads its value as an unknown entry; kalint said nothing.
  it("KA346: a second 'peer' is ignored, and its value read as another option", () => {
    const text = instance('A', `interface eth0\n${vip('10.0.0.5 peer 10.0.0.6 peer 10.0.0.7\n10.0.0.8 peer 10.0.0.9 peer dev eth1\n10.0.0.10 peer 1.2.3.4/24 peer 10.0.0.11')}`);
    const found = findings(text, 'KA346');
    expect(found.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1}-${d.range.end.column + 1}:${d.severity}`)).toEqual(['4:28-41:warning', '5:28-32:warning', '6:20-30:warning']);
    expect(found[0]!.message).toBe(
      "'peer' is given twice: keepalived keeps the first peer (10.0.0.6), ignores this one and then reads '10.0.0.7' as another option, which it ignores too " +
        '(keepalived: "Peer 10.0.0.7 - another peer has already been specified", then "Unknown configuration entry \'10.0.0.7\' for ip address - ignoring")',
    );
    // `peer dev eth1`: 'dev' is read as the option it is.
    expect(found[1]!.message).toContain("then reads 'dev' as an option of its own");
    // The first peer was refused, so the second is the one keepalived takes.
    expect(found[2]!.message).toContain("peer '1.2.3.4/24' is not a plain IP address");
    const statics = 'static_ipaddress {\n    10.9.0.5 peer 10.9.0.6 peer 10.9.0.7\n}\n';
    expect(lines(statics, 'KA346')).toEqual([2]);
    expect(findings(text, 'KA346', '1.3.5').every((d) => !d.message.includes('given twice'))).toBe(true);
    if (keepalivedAvailable()) {
      expect(runKeepalived(text).messages.filter((m) => /peer|Unknown/i.test(m.message)).map((m) => `${m.line}:${m.message}`)).toEqual([
        '4:Peer 10.0.0.7 - another peer has already been specified',
        "4:Unknown configuration entry '10.0.0.7' for ip address - ignoring",
        '5:Peer dev - another peer has already been specified',
        '6:Invalid peer address 1.2.3.4/24',
      ]);
    }
  });
  it('a skipped address neither counts as a VIP nor fixes the family', () => {
    expect(findings(instance('A', `version 3\n${vip('10.0.0.1/24 dev eth0 dev eth0')}`), 'KA312')).toHaveLength(1);
    expect(findings(instance('A', `${vip('fe80::1 label averyveryverylonglabel')}\nunicast_src_ip 10.0.0.1`), 'KA313')).toHaveLength(0);
  });
  it('native_ipv6 makes the instance IPv6', () => {
    expect(lines(instance('A', `native_ipv6\n${vip('10.0.0.1')}`), 'KA313')).toEqual([4]);
  });
  it('KA347: a bfd_instance without neighbor_ip, at its closing brace', () => {
    expect(lines('bfd_instance b {\n    min_rx 100\n}\n', 'KA347')).toEqual([3]);
    expect(lines('bfd_instance b {\n    neighbor_ip 10.0.0.1\n}\n', 'KA347')).toEqual([]);
  });
  it('KA348: the first IPv6 VIP should be link-local (multicast instances only)', () => {
    expect(findings(instance('A', vip('2001:db8::1/64\nfe80::1')), 'KA348')).toHaveLength(1);
    expect(findings(instance('A', vip('fe80::1\n2001:db8::1/64')), 'KA348')).toHaveLength(0);
    // keepalived 2.2.7 logs "the first IPv6 VIP address should be link local" at LOG_INFO unless strict.
    expect(findings(instance('A', vip('2001:db8::1/64')), 'KA348')[0]!.severity).toBe('info');
    expect(findings(`global_defs {\nvrrp_strict\n}\n${instance('A', vip('2001:db8::1/64'))}`, 'KA348')[0]!.severity).toBe('warning');
    expect(findings(instance('A', `unicast_peer {\n2001:db8::2\n}\n${vip('2001:db8::1/64')}`), 'KA348')).toHaveLength(0);
  });
  it('KA348: 2.0.7 to 2.1.x report a global first IPv6 VIP as a configuration error outside strict mode too', () => {
    // On voxpupuli's IPv6 instance the 2.0.7, 2.0.19 and 2.1.5 builds print "(VI_2) the first IPv6 VIP address must be
    // link local" without strict mode; 2.0.6 and 2.2.4 print nothing (5e9fbfa9 in 2.2.0 made it a log outside strict mode).
    const text = instance('A', vip('2001:db8::1/64'));
    for (const v of ['2.0.7', '2.1.5']) {
      const [d] = findings(text, 'KA348', v);
      expect([d!.severity, d!.message.includes('reports a configuration error')], v).toEqual(['warning', true]);
    }
    for (const v of ['2.0.6', '2.2.0']) expect(findings(text, 'KA348', v)[0]!.severity, v).toBe('info');
  });
  it('KA338: the loopback interface cannot carry VRRP', () => {
    expect(findings(instance('A', `interface lo\n${vip('10.0.0.1')}`), 'KA338')).toHaveLength(1);
  });
});

// What the rules claim keepalived does, checked against the binary: for each case keepalived must
// print the message (or, for things it cannot see, accept the file silently) and kalint must report
// the rule. Needs a real network interface for the checks keepalived only makes on existing ones.
const IFACE = hostInterfaces().find((n) => !n.startsWith('bonding'));
const binaryReady = keepalivedAvailable() && IFACE !== undefined;

const SCRIPT_SECURITY = 'global_defs {\n    enable_script_security\n    script_user root\n}\n';
const CASES: { code: string; text: string; says: RegExp | 'silent' }[] = [
  { code: 'KA300', text: instance('A', `interface IF\n${vip('10.9.0.1')}`), says: /virtual router id must be set/ },
  { code: 'KA301', text: instance('A', `interface IF\nvirtual_router_id 9\n${vip('10.9.0.1')}`) + instance('B', `interface IF\nvirtual_router_id 9\n${vip('10.9.0.2')}`), says: /both use VRID 9/ },
  { code: 'KA303', text: instance('A', `interface IF\nvirtual_router_id 9\nversion 3\nauthentication {\nauth_type PASS\nauth_pass abc\n}\n${vip('10.9.0.1')}`), says: /version 3 does not support authentication/ },
  { code: 'KA304', text: instance('A', `interface IF\nvirtual_router_id 9\nauthentication {\nauth_type PASS\n}\n${vip('10.9.0.1')}`), says: /no password given/ },
  { code: 'KA306', text: instance('A', `interface IF\nstate MASTER\nvirtual_router_id 9\n${vip('10.9.0.1')}`), says: 'silent' },
  { code: 'KA307', text: SCRIPT_SECURITY + 'vrrp_script chk {\n    script "/bin/true"\n    weight -10\n}\n' + instance('A', `interface IF\nstate MASTER\nvirtual_router_id 9\ntrack_script {\nchk\n}\n${vip('10.9.0.1')}`), says: /due to address.owner/ },
  { code: 'KA308', text: instance('A', `interface IF\nstate MASTER\npriority LEVEL\nvirtual_router_id 9\nnopreempt\n${vip('10.9.0.1')}`), says: /nopreempt will not work with initial state MASTER/ },
  { code: 'KA309', text: instance('A', `interface IF\nstate MASTER\npriority 100\nvirtual_router_id 9\npreempt_delay 10\n${vip('10.9.0.1')}`), says: /preempt delay will not work/ },
  { code: 'KA311', text: instance('A', `interface IF\nstate BACKUP\nvirtual_router_id 9\nnopreempt\npreempt_delay 10\n${vip('10.9.0.1')}`), says: /preempt_delay is incompatible with nopreempt/ },
  { code: 'KA312', text: instance('A', 'interface IF\nvirtual_router_id 9'), says: /No VIP specified; at least one is sensible/ },
  { code: 'KA314', text: instance('A', `interface IF\nvirtual_router_id 9\n${vip('10.9.0.1')}`) + instance('B', `interface IF\nvirtual_router_id 10\n${vip('10.9.0.1')}`), says: 'silent' },
  { code: 'KA317', text: instance('A', `interface IF\nvirtual_router_id 9\n${vip('10.9.0.1')}`) + instance('B', `interface IF\nvirtual_router_id 10\n${vip('10.9.0.2')}`) + 'vrrp_sync_group G {\n    group {\n        A\n        B\n    }\n}\nvrrp_sync_group H {\n    group {\n        A\n    }\n}\n', says: /cannot exist in more than one sync group/ },
  { code: 'KA321', text: SCRIPT_SECURITY + 'vrrp_script chk {\n    script "/bin/true"\n}\n' + instance('A', `interface IF\nvirtual_router_id 9\n${vip('10.9.0.1')}`), says: 'silent' },
  { code: 'KA324', text: instance('A', `interface IF\nvirtual_router_id 9\nunicast_ttl 5\n${vip('10.9.0.1')}`), says: /unicast_ttl without unicast peers/ },
  { code: 'KA325', text: instance('A', `interface IF\nvirtual_router_id 9\nmcast_dst_ip 224.0.0.30\nunicast_peer {\n10.9.0.7\n}\n${vip('10.9.0.1')}`), says: /multicast destination specified with unicast/ },
  { code: 'KA327', text: instance('A', `interface IF\nvirtual_router_id 9\nversion 3\nadvert_int 41\n${vip('10.9.0.1')}`), says: /Must be less than 40\.96s/ },
  { code: 'KA329', text: instance('A', `interface IF\nvirtual_router_id 9\n${vip('fe80::9')}\nversion 2`), says: /vrrp_version 2 conflicts/ },
  { code: 'KA330', text: 'static_routes {\n    10.9.0./24 via 10.9.1.1 dev IF\n}\n', says: /VRRP parsed invalid IP/ },
  { code: 'KA334', text: 'global_defs {\n    vrrp_strict\n}\n' + instance('A', `interface IF\nstate MASTER\npriority 100\nvirtual_router_id 9\n${vip('10.9.0.1')}`), says: /State MASTER must match being address owner/ },
  { code: 'KA335', text: 'track_file flag {\n    weight 5\n}\n', says: /No file set for track_file flag/ },
  { code: 'KA337', text: instance('A', `interface IF\nvirtual_router_id 9\ntrack_interface {\nIF\nIF\n}\n${vip('10.9.0.1')}`), says: /duplicate track_interface/ },
  { code: 'KA338', text: instance('A', `unicast_src_ip 10.9.0.3\nunicast_peer {\n10.9.0.7\n}\nvirtual_router_id 9\n${vip('10.9.0.1')}`), says: /Unknown interface!/ },
  { code: 'KA340', text: 'vrrp_sync_group G {\n    group {\n        A\n        B\n    }\n    track_interface {\n        IF\n    }\n}\n' + instance('A', `interface IF\nvirtual_router_id 9\ntrack_interface {\nIF\n}\n${vip('10.9.0.1')}`) + instance('B', `interface IF\nvirtual_router_id 10\n${vip('10.9.0.2')}`), says: /configured on VRRP instance and sync group/ },
  { code: 'KA313', text: instance('A', `interface IF\nvirtual_router_id 9\n${vip('10.9.0.1')}\nmcast_src_ip fe80::5`), says: /MUST be of the same family/ },
  { code: 'KA313', text: instance('A', `interface IF\nvirtual_router_id 9\n${vip('10.9.0.1')}\nnative_ipv6`), says: /Cannot specify native_ipv6 with IPv4 addresses/ },
  { code: 'KA368', text: instance('A', `interface IF\nvirtual_router_id 9\nlvs_sync_daemon_interface IF\n${vip('10.9.0.1')}`) + instance('B', `interface IF\nvirtual_router_id 10\nlvs_sync_daemon_interface IF\n${vip('10.9.0.2')}`), says: /\(B\) lvs_sync_daemon_interface has already been specified as/ },
  { code: 'KA366', text: 'global_defs {\n    lvs_sync_daemon IF A id 300 ttl\n}\n' + instance('A', `interface IF\nvirtual_router_id 9\n${vip('10.9.0.1')}`), says: /Invalid syncid|No value specified for lvs_sync_daemon ttl/ },
  { code: 'KA366', text: 'global_defs {\n    lvs_sync_daemon IF A 5\n}\n' + instance('A', `interface IF\nvirtual_router_id 9\n${vip('10.9.0.1')}`), says: /Please use keyword "id"/ },
  { code: 'KA364', text: instance('A', `interface IF\nvrf blue\nvirtual_router_id 9\n${vip('10.9.0.1')}`), says: /Cannot specify VRF interface and interface/ },
  { code: 'KA364', text: instance('A', `vrf IF\ninterface IF\nvirtual_router_id 9\n${vip('10.9.0.1')}`), says: /vrf can only be specified without interface/ },
  { code: 'KA342', text: instance('A', `interface IF\nvirtual_router_id 9\n${vip('fe80::9')}\nmcast_dst_ip ff05::12`), says: /not link-local multicast/ },
  { code: 'KA342', text: 'global_defs {\n    vrrp_mcast_group4 10.0.0.1\n}\n' + instance('A', `interface IF\nvirtual_router_id 9\n${vip('10.9.0.1')}`), says: /is not multicast/ },
  { code: 'KA343', text: instance('A', `interface IF\nvirtual_router_id 9\nversion 3\nadvert_int 0.125\n${vip('10.9.0.1')}`), says: /must be in units of 10ms/ },
  { code: 'KA341', text: 'vrrp_sync_group G {\n    group {\n        A\n        B\n    }\n}\n' + instance('A', `interface IF\nstate MASTER\npriority 255\nvirtual_router_id 9\n${vip('10.9.0.1')}`) + instance('B', `interface IF\nstate BACKUP\nvirtual_router_id 10\n${vip('10.9.0.2')}`), says: /some not as address owner/ },
];

describe.skipIf(!binaryReady)('what keepalived 2.2.7 does, per rule', () => {
  it.each(CASES.map((c) => [c.code, c] as const))('%s', (code, c) => {
    const text = c.text.replace(/\bIF\b/g, IFACE!);
    const ka = runKeepalived(text);
    const printed = ka.messages.map((m) => m.message);
    if (c.says === 'silent') {
      expect(printed).toEqual([]);
      expect(ka.exitStatus).toBe(0);
    } else expect(printed.some((m) => (c.says as RegExp).test(m)), printed.join('\n')).toBe(true);
    expect(lintText(text, { file: 'keepalived.conf' }).diagnostics.map((d) => d.code)).toContain(code);
  });
});

describe('KA349 lvs-sync-daemon-unknown-instance', () => {
  const inst = instance('VI_LVS', `interface eth0\nvirtual_router_id 51\n${vip('10.0.0.1')}`);
  const gd = (line: string) => `global_defs {\n    ${line}\n}\n`;
  it('flags a positional or `inst` name that is no vrrp_instance, with a did-you-mean fix', () => {
    const f = findings(gd('lvs_sync_daemon eth1 VI_LSV id 10') + inst, 'KA349');
    expect(f).toHaveLength(1);
    expect(f[0]!.range.start).toMatchObject({ line: 1, column: 25 });
    expect(f[0]!.fix?.edits[0]?.newText).toBe('VI_LVS');
    expect(lines(gd('lvs_sync_daemon eth1 id 10 inst VI_2') + inst, 'KA349')).toEqual([2]);
  });
  it('accepts a defined instance, an instance defined later in the file, and a line naming none', () => {
    expect(lines(gd('lvs_sync_daemon eth1 VI_LVS id 10') + inst, 'KA349')).toEqual([]);
    expect(lines(gd('lvs_sync_daemon eth1 inst VI_LVS') + inst, 'KA349')).toEqual([]);
    expect(lines(gd('lvs_sync_daemon eth1') + inst, 'KA349')).toEqual([]);
    expect(lines(gd('lvs_sync_daemon eth1 id 10 maxlen 1500') + inst, 'KA349')).toEqual([]);
  });
});

describe('KA368 lvs-sync-daemon-set-twice', () => {
  const inst = (name: string, vrid: number, sync: string) => instance(name, `interface eth0\nvirtual_router_id ${vrid}\n${sync}\n${vip(`10.0.0.${vrid}`)}`);
  const gd = (...lines: string[]) => `global_defs {\n${lines.map((l) => `    ${l}\n`).join('')}}\n`;
  it('flags every lvs_sync_daemon_interface after the first, in another instance', () => {
    // keepalived 2.2.7: "(B) lvs_sync_daemon_interface has already been specified as eth1 - ignoring"
    const text = inst('A', 1, 'lvs_sync_daemon_interface eth1') + inst('B', 2, 'lvs_sync_daemon_interface eth2');
    const f = findings(text, 'KA368');
    expect(f.map((d) => d.range.start.line + 1)).toEqual([12]);
    expect(f[0]!.message).toContain("already set to eth1 by 'A' (line 4)");
  });
  it('from 2.0.0 a global lvs_sync_daemon wins wherever it is; 1.x reads the file in order', () => {
    // 2.2.7 and 2.0.19 on an instance line before global_defs: "(A) lvs_sync_daemon_interface has already been
    // specified as eth1 - ignoring"; the 1.3.5 build: "lvs_sync_daemon has already been specified as eth0 (null) - ignoring"
    const text = inst('A', 1, 'lvs_sync_daemon_interface eth0') + gd('lvs_sync_daemon eth1 inst A');
    expect(lines(text, 'KA368')).toEqual([4]);
    expect(findings(text, 'KA368', '1.3.5').map((d) => d.range.start.line + 1)).toEqual([10]);
  });
  it('leaves one sync daemon alone, and a repeat inside one global_defs to KA209', () => {
    expect(lines(inst('A', 1, 'lvs_sync_daemon_interface eth1') + inst('B', 2, 'priority 90'), 'KA368')).toEqual([]);
    const twice = gd('lvs_sync_daemon eth1 inst A', 'lvs_sync_daemon eth2 inst A') + inst('A', 1, 'priority 90');
    expect(lines(twice, 'KA368')).toEqual([]);
    expect(lines(twice, 'KA209')).toEqual([3]);
  });
});

describe('KA350 too-many-vips', () => {
  const many = (n: number, addr: (i: number) => string) => instance('A', `interface eth0\nvirtual_router_id 51\nvirtual_ipaddress {\n${Array.from({ length: n }, (_, i) => addr(i)).join('\n')}\n}`);
  const v4 = (i: number) => `10.${i >> 8}.${i & 255}.1`;
  const v6 = (i: number) => `fd00::${(i + 1).toString(16)}`;
  it('flags the 256th IPv4 and the 90th IPv6 address, where keepalived stops advertising', () => {
    expect(lines(many(256, v4), 'KA350')).toEqual([5 + 255]);
    expect(lines(many(90, v6), 'KA350')).toEqual([5 + 89]);
  });
  it('accepts 255 IPv4 and 89 IPv6 addresses', () => {
    expect(lines(many(255, v4), 'KA350')).toEqual([]);
    expect(lines(many(89, v6), 'KA350')).toEqual([]);
  });
  it.runIf(keepalivedAvailable())('agrees with keepalived 2.2.7 on the IPv4 limit', () => {
    // 255 is the cap whatever the interface's MTU (and whether eth0 exists on the machine).
    expect(runKeepalived(many(256, v4)).stderr).toMatch(/Number of VIPs \(256\) exceeds maximum\/space available in packet \(max 255 addresses\)/);
  });
});

describe('unicast_src_ip with a /prefix (keepalived ignores it)', () => {
  it('takes the family from the address before the slash', () => {
    const text = instance('A', 'interface eth0\nvirtual_router_id 1\nunicast_src_ip 192.168.0.92/24\nunicast_peer {\n192.168.0.91/24\n}\n' + vip('192.168.0.10/24'));
    expect(findings(text, 'KA323')).toHaveLength(0);
    expect(findings(text, 'KA313')).toHaveLength(0);
  });
});

describe('KA338 with an interface name keepalived ignores', () => {
  // keepalived 2.2.7 (vrrp_parser.c vrrp_int_handler): a name of 16 bytes or more is reported
  // ("too long - ignoring") and the instance is left without an interface ("Unknown interface!").
  const body = (ifs: string) => `${ifs}\nvirtual_router_id 1\n${vip('10.0.0.1/24')}`;
  it('reports an instance whose only interface name is too long', () => {
    expect(lines(instance('A', body('interface <your_interface_name>')), 'KA338')).toEqual([2]);
  });
  it('accepts a shorter interface line next to it, and names of 15 bytes', () => {
    expect(lines(instance('A', body('interface eth0\ninterface <your_interface_name>')), 'KA338')).toEqual([]);
    expect(lines(instance('A', body('interface abcdefghijklmno')), 'KA338')).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived agrees', () => {
    const msgs = runKeepalived(instance('A', body('interface <your_interface_name>'))).messages.map((m) => m.message);
    expect(msgs.some((m) => /Unknown interface!/.test(m))).toBe(true);
  });
});

describe('KA351 use-vmac-invalid', () => {
  // The release audit (session 59): 2.3.0 gave use_ipvlan use_vmac's `name NAME` and `group NAME` (2.3.3 and 2.4.3 read
  // both silently; 2.2.8 says "IPVLAN interface already specified - ignoring 'ipvl1'").
  // The recheck of session 59: a trailing `name` or `group` stops 2.3.3 and 2.4.3 ("missing a parameter after keyword").
  it('says keepalived stops at a use_vmac/use_ipvlan name or group without its value (2.3.0 on)', () => {
    for (const words of ['use_vmac name', 'use_vmac group', 'use_ipvlan name', 'use_ipvlan 10.0.0.5/24 group']) {
      const text = instance('A', `interface eth0\nvirtual_router_id 1\n${words}`);
      expect(findings(text, 'KA351', '2.3.3').map((d) => d.message), words).toEqual([expect.stringContaining('keepalived exits here with a configuration error ("missing a parameter after keyword')]);
      expect(findings(text, 'KA358', '2.3.3'), words).toEqual([]);
    }
  });
  it('reads use_ipvlan name and group from 2.3.0', () => {
    const text = (words: string) => instance('A', `interface eth0\nvirtual_router_id 1\nuse_ipvlan ${words}`);
    for (const words of ['name ipvl1 192.168.1.201/24', 'ipvl0 192.168.1.202/24 bridge group g2']) {
      expect(findings(text(words), 'KA351', '2.3.3'), words).toEqual([]);
      expect(findings(text(words), 'KA351', '2.2.8'), words).not.toEqual([]);
    }
  });
  it('from 2.3.0 reads every word, and netlink_notify_msg, group and name are options', () => {
    // keepalived 2.2.8: "VMAC interface name 'netlink_notify_msg' too long or invalid characters - ignoring";
    // 2.3.1 and 2.4.3 accept it, read `name IFNAME`, and report a third word: "VMAC interface name already specified".
    const vmac = (words: string) => instance('A', `interface eth0\nvirtual_router_id 51\nuse_vmac ${words}\n${vip('10.0.0.1/24')}`);
    const at = (words: string, v: string) => findings(vmac(words), 'KA351', v).map((d) => d.message);
    expect(at('netlink_notify_msg', '2.2.8')).toEqual([expect.stringContaining("VMAC interface name 'netlink_notify_msg' is 18 characters")]);
    for (const v of ['2.3.0', '2.4.3']) {
      expect(at('netlink_notify_msg', v)).toEqual([]);
      expect(at('name vrrp.fe netlink_notify_msg group 5', v)).toEqual([]);
      expect(at('vrrp.a vrrp.b', v)).toEqual([expect.stringContaining("second interface name 'vrrp.b'")]);
      expect(at('vrrp.a 02:11:22:33:44 vrrp.c', v)).toEqual([expect.stringContaining("second interface name 'vrrp.c'")]);
    }
    expect(at('vrrp.a 02:11:22:33:44 vrrp.c', '2.2.8')).toEqual([]);
  });
  // Each use_vmac line with whether keepalived 2.2.7 reports it (checked below against the binary).
  const cases: [string, boolean][] = [
    ['vrrp.fe', false],
    ['123456789012345', false],
    ['02:11:22:33:44', false],
    ['02:11:22:33:44:', false],
    ['02:11:22:33:44:55', false],
    ['vrrp.fe 02:11:22:33:44:55 a_third_word_is_never_read', false],
    ['vrrp_this_name_is_too_long', true],
    ['1234567890123456', true],
    ['..', true],
    ['vrrp.a vrrp.b', true],
    ['01:11:22:33:44:55', true],
    ['00:00:5e:00:01:05', true],
    ['0g:11:22:33:44:55', true],
    ['02:11:22:33', true],
    ['002:11:22:33:44:55', true],
    ['02:11:22:33:44:55 03:11:22:33:44:55', true],
    // found by mutating real configs: an empty quoted name
    ['""', true],
    // found by fuzzing (an en dash for a hyphen): the kernel's limit counts bytes, and '–' is three
    ['e101–001-0.v10', true],
    ['vrrp–fe', false],
  ];
  const config = (words: string) => instance('A', `use_vmac ${words}\n${vip('10.0.0.1')}`);
  const line = config('x').split('\n').findIndex((l) => l.trim().startsWith('use_vmac')) + 1;

  it('reports exactly the words keepalived ignores', () => {
    for (const [words, reported] of cases) expect(lines(config(words), 'KA351'), words).toEqual(reported ? [line] : []);
  });

  it('a name another instance already took', () => {
    const two = instance('A', `use_vmac vrrp.x\n${vip('10.0.0.1')}`) + instance('B', `use_vmac vrrp.x\n${vip('10.0.0.2')}`);
    expect(findings(two, 'KA351').map((d) => d.message)).toEqual([expect.stringContaining("'A' already uses the VMAC name 'vrrp.x'")]);
  });

  it('a shared name by target: unchecked before 2.2.0; use_ipvlan reports it but still takes it before 2.2.5', () => {
    const two = instance('A', `use_vmac vrrp.x\n${vip('10.0.0.1')}`) + instance('B', `use_vmac vrrp.x\n${vip('10.0.0.2')}`);
    const message = (text: string, target: string) => findings(text, 'KA351', target).map((d) => d.message);
    // 2.0.19 and 2.1.5 builds: rc 0 and no message for two instances with `use_vmac vrrp.51`; 2.2.4 and 2.2.7:
    // "(VI_2) VRRP instance VI_1 is already using vrrp.51 - ignoring name" (396b4360), and use_vmac returns there.
    expect(message(two, '2.1.5')).toEqual([expect.stringContaining('before 2.2.0 does not check this (keepalived -t does not report it) and gives both instances the same interface name')]);
    expect(message(two, '2.2.4')).toEqual([expect.stringContaining('keepalived ignores it here and names this VMAC vrrp.VRID')]);
    // use_ipvlan: the 2.2.0 and 2.2.4 builds print the same message, but the handler's `continue` leaves only the loop
    // over the instances and copies the name (fixed by d1c70747 in 2.2.5).
    const ipvlan = instance('A', `use_ipvlan ipv1\n${vip('10.0.0.1')}`) + instance('B', `use_ipvlan ipv1\n${vip('10.0.0.2')}`);
    expect(message(ipvlan, '2.2.4')).toEqual([expect.stringContaining("'A' already uses the interface name 'ipv1'; keepalived before 2.2.5 says it ignores the name")]);
    expect(message(ipvlan, '2.2.5')).toEqual([expect.stringContaining('keepalived ignores it here')]);
  });
  it('before 2.2.5 use_vmac reads one word, the name: a MAC address is a bad name or ignored', () => {
    const one = (words: string, target: string) => findings(instance('A', `use_vmac ${words}\n${vip('10.0.0.1')}`), 'KA351', target).map((d) => d.message);
    // The 2.2.4 build: "VMAC interface name '01:11:22:33:44:55' too long or invalid characters - ignoring"; 2.2.7:
    // "VMAC MAC address is multicast 01:11:22:33:44:55 - ignoring". 2.0.19: "VMAC interface name '…' too long - ignoring".
    expect(one('01:11:22:33:44:55', '2.2.4')).toEqual([expect.stringContaining("VMAC interface name '01:11:22:33:44:55' contains a ':'")]);
    expect(one('01:11:22:33:44:55', '2.2.7')).toEqual([expect.stringContaining('is a multicast address')]);
    expect(one('01:11:22:33:44:55', '2.0.19')).toEqual([expect.stringContaining('is 17 characters')]);
    expect(one('02:11:22:33', '2.0.19')).toEqual([]);
    // 1.3.5's handler copies at most 15 characters of the name (b688df38 in 1.4.2 refuses a longer one).
    expect(one('vrrp_frontend_public', '1.3.5')).toEqual(["VMAC interface name 'vrrp_frontend_public' is 20 characters; keepalived 1.3.5 cuts it to the first 15, 'vrrp_frontend_p', without a word"]);
    // The 2.2.4 build reads `use_vmac vrrp51 02:11:22:33:44:55` without a word: the address is dropped.
    expect(one('vrrp51 02:11:22:33:44:55', '2.2.4')).toEqual(["keepalived 2.2.4 reads only the first word of use_vmac, the interface name; '02:11:22:33:44:55' is ignored (a MAC address for the VMAC came in 2.2.5)"]);
    expect(one('vrrp51 02:11:22:33:44:55', '2.2.5')).toEqual([]);
    // What keepalived ignores without a word is a warning (found by fuzzing a config against a 2.1.5 build:
    // `use_vmac vrrp_250 vrrp_250` read silently); what it reports stays an error.
    const severities = (words: string, target: string) => findings(instance('A', `use_vmac ${words}\n${vip('10.0.0.1')}`), 'KA351', target).map((d) => d.severity);
    expect(severities('vrrp_250 vrrp_250', '2.1.5')).toEqual(['warning']);
    expect(severities('vrrp_frontend_public', '1.3.5')).toEqual(['warning']);
    expect(severities('01:11:22:33:44:55', '2.0.19')).toEqual(['error']);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [words, reported] of cases) {
      const said = runKeepalived(config(words)).messages.filter((m) => m.line === line && /VMAC/.test(m.message));
      expect(said.length > 0, `${words}: ${JSON.stringify(said)}`).toBe(reported);
    }
  });
});

describe('KA352 vmac-xmit-base-without-vmac / KA353 unicast-vmac-without-xmit-base', () => {
  const unicast = 'unicast_src_ip 10.0.0.2\nunicast_peer {\n10.0.0.3\n}';
  const base = (body: string) => instance('A', `interface eth0\nvirtual_router_id 51\n${body}\n${vip('10.0.0.1')}`);
  const cases: { body: string; ka352: boolean; ka353: boolean }[] = [
    { body: 'vmac_xmit_base', ka352: true, ka353: false },
    { body: 'use_vmac\nvmac_xmit_base', ka352: false, ka353: false },
    { body: `use_vmac\n${unicast}`, ka352: false, ka353: true },
    { body: `use_vmac\nvmac_xmit_base\n${unicast}`, ka352: false, ka353: false },
    { body: `unicast_fault_no_peer\nuse_vmac`, ka352: false, ka353: true },
    { body: unicast, ka352: false, ka353: false },
  ];
  it('reports vmac_xmit_base without a VMAC, and a unicast VMAC without it at the closing brace', () => {
    for (const c of cases) {
      const text = base(c.body);
      expect(findings(text, 'KA352').length > 0, c.body).toBe(c.ka352);
      expect(lines(text, 'KA353'), c.body).toEqual(c.ka353 ? [text.trimEnd().split('\n').length] : []);
    }
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const c of cases) {
      const said = runKeepalived(base(c.body)).messages.map((m) => m.message);
      expect(said.some((m) => /vmac_xmit_base is only valid with a vmac/.test(m)), c.body).toBe(c.ka352);
      expect(said.some((m) => /unicast with use_vmac requires vmac_xmit_base/.test(m)), c.body).toBe(c.ka353);
    }
  });
  // Found by the fuzz classifier's lineless check: with use_ipvlan, the vmac_xmit_base keepalived sets is then refused.
  it('says of a unicast ipvlan instance that the vmac_xmit_base keepalived sets is refused in turn', () => {
    const text = base(`use_ipvlan 10.0.0.5/24\n${unicast}`);
    const [found] = findings(text, 'KA353');
    expect(found?.message).toMatch(/sets it .*then finds vmac_xmit_base without use_vmac and ignores it \("vmac_xmit_base is only valid with a vmac"\)/);
    expect(findings(text, 'KA352')).toEqual([]);
    if (keepalivedAvailable()) {
      const said = runKeepalived(text).messages.map((m) => m.message);
      expect(said).toContainEqual(expect.stringContaining('unicast with use_vmac requires vmac_xmit_base - setting'));
      expect(said).toContainEqual(expect.stringContaining('vmac_xmit_base is only valid with a vmac'));
    }
  });
  it('says that strict mode then resets the vmac_xmit_base it set, where strict mode lets the instance through', () => {
    const text = base(`strict_mode\nuse_vmac\n${unicast}`);
    const said = (target?: string) => findings(text, 'KA353', target)[0]?.message ?? '';
    expect(said()).toMatch(/then resets it for strict mode \("xmit_base is incompatible with strict mode - resetting"\)/);
    // 2.2.4 and 2.4.3 reject unicast peers in strict mode first (KA362) and never get there.
    expect(said('2.4.3')).not.toMatch(/resets it for strict mode/);
    if (keepalivedAvailable()) expect(runKeepalived(text).messages.map((m) => m.message)).toContainEqual(expect.stringContaining('xmit_base is incompatible with strict mode - resetting'));
  });
  it('says that 2.1.x clears use_vmac with unicast peers, vmac_xmit_base or not, and 2.0.x says nothing', () => {
    // keepalived 2.1.0 and 2.1.5 built from their tags, at the instance's '}' (2.0.19 prints nothing):
    // "(A): Cannot use VMAC/ipvlan with unicast peers - clearing use_vmac"
    for (const body of [`use_vmac\n${unicast}`, `use_vmac\nvmac_xmit_base\n${unicast}`]) {
      const text = base(body);
      const found = findings(text, 'KA353', '2.1.5');
      expect(found.map((d) => [d.range.start.line + 1, d.severity]), body).toEqual([[text.trimEnd().split('\n').length, 'error']]);
      expect(found[0]!.message).toContain('Cannot use VMAC/ipvlan with unicast peers - clearing use_vmac');
      expect(findings(text, 'KA353', '2.0.19'), body).toEqual([]);
    }
    expect(findings(base('use_vmac\nunicast_fault_no_peer'), 'KA353', '2.1.5')).toEqual([]);
  });
  it('reports a unicast VMAC without an interface, which keepalived clears, at the closing brace', () => {
    // keepalived 2.2.7 at the instance's '}': "(A): Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac"
    // (then "(A) Unknown interface!", KA338). The 2.2.4 build says "with unicast peers and no interface", and only
    // with peers: before 2.2.5 a unicast_src_ip alone did not make the instance unicast there.
    const noInterface = (body: string) => instance('A', `virtual_router_id 51\n${body}\n${vip('10.0.0.1')}`);
    const text = noInterface(`use_vmac\n${unicast}`);
    const found = findings(text, 'KA353');
    expect(found.map((d) => [d.range.start.line + 1, d.severity])).toEqual([[text.trimEnd().split('\n').length, 'warning']]);
    expect(found[0]!.message).toContain('Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac');
    expect(findings(text, 'KA353', '2.2.4')[0]!.message).toContain('with unicast peers and no interface');
    expect(findings(noInterface('use_vmac\nunicast_src_ip 10.0.0.2'), 'KA353')).toHaveLength(1);
    expect(findings(noInterface('use_vmac\nunicast_src_ip 10.0.0.2'), 'KA353', '2.2.4')).toEqual([]);
    expect(findings(noInterface('use_vmac\nvmac_xmit_base\nunicast_src_ip 10.0.0.2'), 'KA353')).toHaveLength(1);
  });
  it('needs unicast peers, not just unicast_src_ip, before 2.2.5', () => {
    // The 2.2.4 build says nothing for use_vmac with only unicast_src_ip; 2.2.7 sets vmac_xmit_base and says so.
    const text = base('use_vmac\nunicast_src_ip 10.0.0.2');
    expect(findings(text, 'KA353', '2.2.4')).toEqual([]);
    expect(findings(text, 'KA353', '2.2.7')).toHaveLength(1);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t without an interface', () => {
    const said = runKeepalived(instance('A', `virtual_router_id 51\nuse_vmac\n${unicast}\n${vip('10.0.0.1')}`)).messages;
    expect(said.some((m) => /Cannot use VMAC\/ipvlan with unicast and no interface/.test(m.message))).toBe(true);
  });
});

// use_vmac and use_ipvlan name one interface (vrrp_parser.c's vmac_ifname): a name from one stops the other's
// (found with fuzz-generate against 2.1.5; 2.2.7 and 2.4.3 do the same).
describe('KA351: use_vmac and use_ipvlan share the interface name', () => {
  const text = (a: string, b: string) => `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  ${a}\n  ${b}\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
  const cases: [string, string, Record<string, boolean>][] = [
    ['use_vmac vm1', 'use_ipvlan ipv1 10.0.0.9/24', { '2.1.5': true, '2.2.7': true }],
    ['use_ipvlan ipv1 10.0.0.9/24', 'use_vmac vm1', { '2.1.5': false, '2.2.7': true }],
  ];
  it('reports the second name at its line', () => {
    for (const [a, b, want] of cases) {
      for (const [release, reported] of Object.entries(want)) expect(findings(text(a, b), 'KA351', release).map((d) => d.range.start.line + 1), `${release} ${a}; ${b}`).toEqual(reported ? [5] : []);
    }
  });
  for (const release of ['2.1.5', '2.2.7']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`agrees with keepalived ${release} -t`, () => {
      for (const [a, b, want] of cases) {
        const said = runRelease(binary!, text(a, b)).messages.filter((m) => /interface (?:name )?already specified/.test(m.message)).map((m) => m.line);
        expect(said, `${a}; ${b}`).toEqual(want[release] ? [5] : []);
      }
    });
  }
});

// From 5681838a (2.2.5) a second vrf line is refused once the first set the VRF interface (fuzz-generate, 2.2.8).
describe('KA209: a repeated vrf line from 2.2.5', () => {
  const text = 'vrrp_instance A {\n  virtual_router_id 51\n  vrf eth0\n  unicast_src_ip 10.0.0.1\n  unicast_peer {\n    10.0.0.2\n  }\n  vrf eth0\n  virtual_ipaddress {\n    10.0.0.5 dev eth0\n  }\n}\n';
  it('is refused from 2.2.5, a silent overwrite before', () => {
    expect(lintText(text, { file: 'k.conf' }).diagnostics.filter((d) => d.code === 'KA209' || d.code === 'KA211').map((d) => `${d.code} ${d.range.start.line + 1}`)).toEqual(['KA209 8']);
    expect(lintText(text, { file: 'k.conf', targetVersion: '2.2.4' }).diagnostics.filter((d) => d.code === 'KA209').map((d) => d.range.start.line + 1)).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable() || !existsSync('/sys/class/net/eth0'))('agrees with keepalived -t', () => {
    expect(runKeepalived(text).messages.map((m) => `${m.line} ${m.message}`)).toContainEqual("8 (A) VRF interface already specified as 'eth0' - ignoring");
  });
});

// keepalived reports an auth_type it does not know and keeps the one it had (found with fuzz-generate against 2.4.3).
describe('KA303: an unknown auth_type after a valid one keeps the valid one', () => {
  const text = 'vrrp_instance A {\n  interface eth0\n  virtual_router_id 51\n  version 3\n  authentication {\n    auth_type PASS\n    auth_pass secret\n    auth_type bogus\n  }\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n';
  it('still reports the authentication VRRPv3 ignores', () => {
    expect(findings(text, 'KA303').map((d) => d.message)).toEqual([expect.stringContaining('VRRPv3 has no authentication')]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    const said = runKeepalived(text).messages.map((m) => m.message);
    expect(said).toContainEqual(expect.stringContaining("unknown authentication type 'bogus'"));
    expect(said).toContainEqual(expect.stringContaining('does not support authentication'));
  });
});

// Before 2.1.0 keepalived compares VRIDs before it wants one set: two instances without a VRID on one interface share
// VRID 0 (found with the mutation fuzzer against 2.0.19).
describe('KA300 before 2.1.0: two instances without a VRID both use VRID 0', () => {
  const text = 'vrrp_instance A {\n  interface eth0\n  virtual_router_id x\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\nvrrp_instance B {\n  interface eth0\n  virtual_ipaddress {\n    10.0.0.2\n  }\n}\n';
  it('names the conflict keepalived reports instead of the missing VRID', () => {
    expect(findings(text, 'KA300', '2.0.19').map((d) => d.message)).toEqual(Array(2).fill(expect.stringContaining('("A and B both use VRID 0 with IPv4 on interface eth0")')));
    expect(findings(text, 'KA300', '2.1.5').map((d) => d.message)).toEqual(Array(2).fill(expect.stringContaining('"the virtual router id must be set"')));
    expect(findings(text.replace(/vrrp_instance B[^]*$/, ''), 'KA300', '2.0.19').map((d) => d.message)).toEqual([expect.stringContaining('"the virtual router id must be set"')]);
  });
  for (const release of ['2.0.19', '2.1.5']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary || !existsSync('/sys/class/net/eth0'))(`agrees with keepalived ${release} -t`, () => {
      const said = runRelease(binary!, text).messages.map((m) => m.message);
      expect(said).toContainEqual(release === '2.0.19' ? 'A and B both use VRID 0 with IPv4 on interface eth0' : expect.stringContaining('the virtual router id must be set'));
    });
  }
});

// keepalived keeps an instance's first valid version: a later different one "conflicts with configured or deduced
// version" and is ignored (found with fuzz-generate against 2.0.19; 2.2.7 does the same). kalint had taken the last.
describe("KA209: a vrrp_instance's second, different version", () => {
  const text = (versions: string[]) => `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 2\n${versions.map((v) => `  version ${v}\n`).join('')}  advert_int 1.5\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
  // versions -> [line of the conflict or none, whether VRRPv2's advert_int rounding (KA326) applies]
  const cases: [string[], number[], boolean][] = [
    [['2', '3'], [5], true],
    [['3', '2'], [5], false],
    [['3', '3'], [], false],
    [['x', '3'], [], false],
    [['2', '2', '3'], [6], true],
  ];
  it('reports the conflict and keeps the first version', () => {
    for (const [versions, at, v2] of cases) {
      const ds = lintText(text(versions), { file: 'k.conf' }).diagnostics;
      expect(ds.filter((d) => d.code === 'KA209').map((d) => d.range.start.line + 1), versions.join()).toEqual(at);
      expect(ds.some((d) => d.code === 'KA326'), versions.join()).toBe(v2);
    }
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [versions, at, v2] of cases) {
      const said = runKeepalived(text(versions)).messages;
      expect(said.filter((m) => /conflicts with configured or deduced version/.test(m.message)).map((m) => m.line), versions.join()).toEqual(at);
      expect(said.some((m) => /advertisement interval .* must be an integer/.test(m.message)), versions.join()).toBe(v2);
    }
  });
});

// Before 2.2.5 keepalived's end-of-instance check tests the whole VMAC flag word, so vmac_xmit_base and use_vmac_addr
// count as a VMAC there (found with scripts/fuzz-generate.ts against 2.1.5).
describe('KA352 when keepalived drops use_vmac for want of an interface (2.2.8 and later)', () => {
  // Generator fuzzer against 2.4.3 (seed 160): a unicast instance whose only interface is lo loses its use_vmac
  // ("Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac"), then its vmac_xmit_base.
  const text = (iface: string) => instance('A', `${iface}virtual_router_id 51\nunicast_src_ip 10.0.0.2\nuse_vmac\nvmac_xmit_base\n${vip('10.0.0.1 dev eth0')}`);
  it('reports the vmac_xmit_base left without its VMAC, for an instance without an interface or with lo', () => {
    for (const iface of ['', 'interface lo\n']) {
      expect(findings(text(iface), 'KA352', '2.4.3').map((d) => d.message), iface).toEqual([expect.stringContaining('whose use_vmac keepalived drops for want of an interface')]);
      expect(findings(text(iface), 'KA338', '2.4.3').some((d) => d.message.includes("drops 'use_vmac'")), iface).toBe(true);
      // 2.2.7 rejects an instance without an interface instead (KA338), and keeps use_vmac.
      expect(findings(text(iface), 'KA352', '2.2.7'), iface).toEqual([]);
    }
    expect(findings(text('interface eth0\n'), 'KA352', '2.4.3')).toEqual([]);
  });
  for (const release of ['2.2.8', '2.4.3']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`agrees with keepalived ${release}`, () => {
      for (const iface of ['', 'interface lo\n', 'interface eth0\n']) {
        const said = runRelease(binary!, text(iface)).messages.map((m) => m.message);
        expect(said.some((m) => /vmac_xmit_base is only valid with a vmac/.test(m)), iface).toBe(findings(text(iface), 'KA352', release).length > 0);
      }
    });
  }
});

describe('KA352/KA353 before 2.2.5: every VMAC flag counts', () => {
  const text = (body: string) => `vrrp_instance A {\nvirtual_router_id 1\n${body}unicast_src_ip 10.0.0.1\nunicast_peer {\n10.0.0.2\n}\nvirtual_ipaddress {\n10.0.0.5 dev eth0\n}\n}\n`;
  // body -> the lines of KA352 and KA353 per release, and what the release says (its messages, line or none).
  const cases: [string, Record<string, string[]>][] = [
    ['interface eth0\nvmac_xmit_base\n', { '2.1.5': ['KA353 12'], '2.2.4': ['KA352 4'], '2.2.7': ['KA352 4'] }],
    ['vmac_xmit_base\n', { '2.1.5': ['KA353 11'], '2.2.4': ['KA353 11'], '2.2.7': ['KA352 3'] }],
    ['interface eth0\nuse_vmac_addr\n', { '2.2.4': ['KA353 12'], '2.2.7': [] }],
  ];
  const ours = (body: string, release: string) =>
    lintText(text(body), { file: 'keepalived.conf', targetVersion: release }).diagnostics.filter((d) => d.code === 'KA352' || d.code === 'KA353').map((d) => `${d.code} ${d.range.start.line + 1}`);
  it('reports what each release does', () => {
    for (const [body, want] of cases) for (const [release, codes] of Object.entries(want)) expect(ours(body, release), `${release} ${body}`).toEqual(codes);
    expect(lintText(text('interface eth0\nuse_vmac_addr\n'), { file: 'k.conf', targetVersion: '2.2.4' }).diagnostics.find((d) => d.code === 'KA353')!.message).toContain('vmac_xmit_base is only valid with a vmac');
  });
  // What the releases print: the VMAC messages, with their line (0: none).
  const said: Record<string, Record<string, string[]>> = {
    '2.1.5': { 'interface eth0\nvmac_xmit_base\n': ['12 Cannot use VMAC/ipvlan with unicast peers'], 'vmac_xmit_base\n': ['11 Cannot use VMAC/ipvlan with unicast peers'] },
    '2.2.4': {
      'interface eth0\nvmac_xmit_base\n': ['0 vmac_xmit_base is only valid with a vmac'],
      'vmac_xmit_base\n': ['11 Cannot use VMAC/ipvlan with unicast peers and no interface'],
      'interface eth0\nuse_vmac_addr\n': ['12 unicast with use_vmac requires vmac_xmit_base', '0 vmac_xmit_base is only valid with a vmac'],
    },
  };
  for (const release of ['2.1.5', '2.2.4']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`agrees with keepalived ${release} -t`, () => {
      for (const [body, want] of Object.entries(said[release]!)) {
        const messages = runRelease(binary!, text(body)).messages.filter((m) => /vmac|VMAC/.test(m.message)).map((m) => `${m.line ?? 0} ${m.message.replace(/^\(A\):? /, '')}`);
        expect(messages.length, body).toBe(want.length);
        want.forEach((w, k) => expect(messages[k], body).toContain(w));
      }
    });
  }
});

describe('KA354 garp-group-without-delay', () => {
  // Each garp_group body with whether keepalived 2.2.7 removes the group (checked below against the binary).
  const cases: [string, boolean][] = [
    ['interface eth0', true],
    ['interface eth0\ngarp_interval 1', false],
    ['interface eth0\ngna_interval 0.5', false],
    ['garp_interval 0\ninterface eth0', false],
    ['garp_interval x\ninterface eth0', false],
    ['garp_interval 3000\ninterface eth0', true],
    ['garp_interval -1', true],
    ['gna_interval 2147.483647', false],
    ['gna_interval 2147.483648', true],
  ];
  const group = (body: string) => `garp_group {\n${body}\n}\n`;
  it('reports a group keepalived removes, at its closing brace', () => {
    for (const [body, removed] of cases) expect(lines(group(body), 'KA354'), body).toEqual(removed ? [body.split('\n').length + 2] : []);
  });
  it('from 2.3.2 the intervals go up to 4294.967295 s (commit 360ec2a8)', () => {
    // keepalived 2.2.7 and the 2.3.1 build: "number '3000' outside range [0.000000, 2147.483647]"; the 2.4.3 build reads it.
    const at = (body: string, v: string) => lintText(group(body), { file: 'keepalived.conf', targetVersion: v }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`);
    expect(at('garp_interval 3000\ninterface eth0', '2.3.1')).toEqual(['2:KA205', '4:KA354']);
    // Valid there, and very large (KA383: keepalived only logs it).
    expect(at('garp_interval 3000\ninterface eth0', '2.3.2')).toEqual(['2:KA383']);
    expect(at('gna_interval 4294.967296\ninterface eth0', '2.4.3')).toEqual(['2:KA205', '4:KA354']);
  });
  // Found by the generator fuzzer against 2.1.5 (seed 522): before fixed-point timers (2.2.3) a word that is no
  // number is refused ("garp_group gna_interval 'extra' invalid"), so the group has no delay and is removed.
  it('before 2.2.3 a word that is no number sets no delay', () => {
    for (const v of ['2.0.19', '2.1.5']) expect(lines(group('gna_interval extra\ninterface eth0'), 'KA354', v), v).toEqual([4]);
    for (const v of ['2.2.4', '2.2.7']) expect(lines(group('gna_interval extra\ninterface eth0'), 'KA354', v), v).toEqual([]);
  });
  const release215 = releaseBinary('2.1.5');
  it.skipIf(!release215)('the 2.1.5 build removes that group', () => {
    expect(runRelease(release215!, group('gna_interval extra\ninterface eth0')).stderr).toContain('does not have any delay set - removing');
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [body, removed] of cases) {
      const said = runKeepalived(group(body)).messages.some((m) => /does not have any delay set/.test(m.message));
      expect(said, body).toBe(removed);
    }
  });
});

describe('KA355 unicast-peer-options-invalid', () => {
  // Each unicast_peer line after the address with whether keepalived 2.2.7 reports it (checked below against the binary).
  const cases: [string, boolean][] = [
    ['', false],
    ['min_ttl 64', false],
    ['max_ttl 5 min_ttl 5', false],
    ['min_ttl 0 max_ttl 255', false],
    ['min_ttl 255 max_ttl 255', false],
    ['min_ttl', true],
    ['min_ttl 5 x', true],
    ['foo 5', true],
    ['MIN_TTL 5', true],
    ['min_ttl 300', true],
    ['min_ttl -1', true],
    ['min_ttl x', true],
    ['min_ttl 0x5', true],
    ['foo x', true],
    ['min_ttl 5 max_ttl 1', true],
    ['min_ttl 200', false],
  ];
  const config = (opts: string) => instance('A', `interface eth0\nvirtual_router_id 51\nunicast_peer {\n192.0.2.2 ${opts}\n}\n${vip('192.0.2.100')}`);
  const line = config('').split('\n').findIndex((l) => l.trim().startsWith('192.0.2.2')) + 1;

  it('reports exactly the options keepalived rejects', () => {
    for (const [opts, reported] of cases) expect(lines(config(opts), 'KA355'), opts).toEqual(reported ? [line] : []);
  });

  it('before 2.1.0 says the words after the address are ignored', () => {
    // keepalived 2.0.19 -t is silent on 'min_ttl' and 'max_ttl 300' after a peer (2.1.0: "(A) min_ttl is
    // missing a value", "number '300' outside range [0, 255]"): the options came with commit 3c41f6d9.
    for (const opts of ['min_ttl', 'max_ttl 300', 'min_ttl 64']) {
      expect(findings(config(opts), 'KA355', '2.0.19').map((d) => [d.range.start.line + 1, d.severity, d.message.includes('reads only the address')]), opts).toEqual([[line, 'warning', true]]);
    }
    expect(findings(config(''), 'KA355', '2.0.19')).toEqual([]);
    expect(findings(config('min_ttl'), 'KA355', '2.1.0').map((d) => d.severity)).toEqual(['error']);
  });

  it('leaves peers keepalived drops (another family, no address) to other rules', () => {
    expect(lines(config('').replace('192.0.2.2 ', '2001:db8::2 min_ttl'), 'KA355')).toEqual([]);
    expect(lines(config('').replace('192.0.2.2 ', 'peer min_ttl'), 'KA355')).toEqual([]);
  });

  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [opts, reported] of cases) {
      const said = runKeepalived(config(opts)).messages.filter((m) => m.line === line);
      expect(said.length > 0, `${opts}: ${JSON.stringify(said)}`).toBe(reported);
    }
  });
});

describe('KA356 bfd-instance-invalid', () => {
  // bfd_instance blocks with whether keepalived 2.2.7 drops or adjusts one of them (checked below against the binary).
  const bfd = (name: string, body: string) => `bfd_instance ${name} {\n${body.trim().split('\n').map((l) => `    ${l.trim()}`).join('\n')}\n}\n`;
  const cases: [string, boolean][] = [
    [bfd('A', 'neighbor_ip 192.0.2.1'), false],
    [bfd('A', 'neighbor_ip 192.0.2.1\nsource_ip 192.0.2.9'), false],
    [bfd('A', 'neighbor_ip 192.0.2.1\nsource_ip 2001:db8::9'), true],
    [bfd('A', 'neighbor_ip 2001:db8::1\nsource_ip 192.0.2.9'), true],
    [bfd('A', 'neighbor_ip 192.0.2.1') + bfd('B', 'neighbor_ip 192.0.2.2'), false],
    [bfd('A', 'neighbor_ip 192.0.2.1') + bfd('B', 'neighbor_ip 192.0.2.1'), true],
    [bfd('A', 'neighbor_ip 2001:db8::1') + bfd('B', 'neighbour_ip 2001:db8:0::1'), true],
    [bfd('A', 'neighbor_ip 192.0.2.1\nsource_ip 192.0.2.8') + bfd('B', 'neighbor_ip 192.0.2.1\nsource_ip 192.0.2.9'), false],
    [bfd('A', 'neighbor_ip 192.0.2.1\nsource_ip 192.0.2.8') + bfd('B', 'neighbor_ip 192.0.2.1\nsource_ip 192.0.2.8'), true],
    [bfd('A', 'neighbor_ip 192.0.2.1\nsource_ip 192.0.2.8') + bfd('B', 'neighbor_ip 192.0.2.1'), true],
    [bfd('A', 'neighbor_ip 192.0.2.1') + bfd('B', 'neighbor_ip 192.0.2.1\nsource_ip 192.0.2.8'), true],
    [bfd('A', 'neighbor_ip 192.0.2.1\nmax_hops 255'), false],
    [bfd('A', 'neighbor_ip 192.0.2.1\nttl 10\nmax_hops 10'), false],
    [bfd('A', 'neighbor_ip 192.0.2.1\nttl 10\nmax_hops 11'), true],
    [bfd('A', 'neighbor_ip 2001:db8::1\nmax_hops 64'), false],
    [bfd('A', 'neighbor_ip 2001:db8::1\nmax_hops 65'), true],
    [bfd('A', 'neighbor_ip 2001:db8::1\nhoplimit 100\nmax_hops 65'), false],
    [bfd('A', 'neighbor_ip 192.0.2.1\nttl 10\nmax_hops 300'), false],
    // max_hops -1 is kept in one byte as 255: above any TTL but 255 (found by scripts/fuzz-generate.ts).
    [bfd('A', 'neighbor_ip 192.0.2.1\nmax_hops -1'), false],
    [bfd('A', 'neighbor_ip 192.0.2.1\nttl 125\nmax_hops -1'), true],
    [bfd('A', 'neighbor_ip 2001:db8::1\nmax_hops -1'), true],
    // The last neighbor line sets the neighbor, whichever spelling.
    [bfd('A', 'source_ip 192.0.2.2\nneighbor_ip 192.0.2.3\nneighbour_ip 2001:db8::1'), true],
    [bfd('A', 'source_ip 192.0.2.2\nneighbour_ip 2001:db8::1\nneighbor_ip 192.0.2.3'), false],
  ];
  it('reports an instance keepalived drops or adjusts, at its closing brace', () => {
    for (const [text, reported] of cases) {
      const last = text.trimEnd().split('\n').length;
      expect(lines(text, 'KA356'), text).toEqual(reported ? [last] : []);
    }
  });
  it('leaves an instance without a neighbor to KA347', () => {
    expect(lines(bfd('A', 'source_ip 2001:db8::9'), 'KA356')).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [text, reported] of cases) {
      const said = runKeepalived(text).messages.some((m) => /not of the same family|has duplicate .*address|max_hops exceeds ttl/.test(m.message));
      expect(said, text).toBe(reported);
    }
  });
});

// A bfd_instance with a `vrrp` or `checker` line is known to that process only (found by scripts/fuzz-generate.ts).
describe('KA315 / KA519: a bfd_instance limited to one process', () => {
  const text = (lines: string) =>
    conf('bfd_instance b1 {', ...lines.split('|').map((l) => `    ${l}`), '    neighbor_ip 192.0.2.5', '}', 'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 1', '    track_bfd {', '        b1', '    }', '    virtual_ipaddress {', '        192.0.2.1', '    }', '}',
      'virtual_server 192.0.2.1 80 {', '    protocol TCP', '    lb_algo rr', '    lb_kind NAT', '    real_server 192.0.2.8 80 {', '        BFD_CHECK {', '            name b1', '        }', '    }', '}');
  const cases: [string, number[], number[]][] = [
    ['checker', [9], []],
    ['vrrp', [], [21]],
    ['vrrp|checker', [], []],
    ['min_rx 10', [], []],
  ];
  it('track_bfd cannot find a checker-only instance, BFD_CHECK a VRRP-only one', () => {
    for (const [body, track, check] of cases) {
      expect(lines(text(body), 'KA315'), body).toEqual(track);
      expect(lines(text(body), 'KA519'), body).toEqual(check);
    }
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [body, track, check] of cases) {
      const said = runKeepalived(text(body)).messages;
      expect(said.filter((m) => /track bfd b1 not found/.test(m.message)).map((m) => m.line), body).toEqual(track);
      expect(said.filter((m) => /BFD b1 not configured/.test(m.message)).map((m) => m.line), body).toEqual(check);
    }
  });
});

describe('KA356 before 2.0.19: duplicate neighbors found at the neighbor line', () => {
  const bfd = (name: string, body: string) => `bfd_instance ${name} {\n${body.trim().split('\n').map((l) => `    ${l.trim()}`).join('\n')}\n}\n`;
  // 1-based lines of keepalived 2.0.10's "has duplicate neighbor address" for each config (checked below against the build).
  const cases: [string, number[]][] = [
    [bfd('A', 'neighbor_ip 192.0.2.1\nsource_ip 192.0.2.8') + bfd('B', 'neighbor_ip 192.0.2.1\nsource_ip 192.0.2.9'), [6]],
    [bfd('A', 'neighbor_ip 192.0.2.1') + bfd('B', 'neighbor_ip 192.0.2.1'), [5]],
    [bfd('A', 'neighbor_ip 192.0.2.9\nneighbor_ip 192.0.2.9'), [3]],
    [bfd('A', 'neighbor_ip 192.0.2.9\nneighbor_ip 192.0.2.10'), []],
    [bfd('A', 'neighbor_ip 192.0.2.1') + bfd('B', 'neighbor_ip 192.0.2.2'), []],
    [bfd('A', 'neighbor_ip 192.0.2.1\nneighbor_ip 192.0.2.1') + bfd('A', 'neighbor_ip 192.0.2.1'), [3]],
  ];
  it('reports the line that drops the instance at 2.0.0 to 2.0.18, and only real duplicates from 2.0.19', () => {
    for (const [text, want] of cases) {
      expect(lines(text, 'KA356', '2.0.10'), text).toEqual(want);
      expect(lines(text, 'KA356', '2.0.0'), text).toEqual(want);
    }
    // Different sources tell the sessions apart from 2.0.19 on; one instance's repeated neighbor is no duplicate there.
    expect(lines(cases[0]![0], 'KA356', '2.0.19')).toEqual([]);
    expect(lines(cases[2]![0], 'KA356', '2.0.19')).toEqual([]);
    expect(findings(cases[2]![0], 'KA356', '2.0.10')[0]!.message).toMatch(/find the instance itself .* fixed in 2\.0\.19/);
  });
  const binary = releaseBinary('2.0.10');
  it.skipIf(!binary)('agrees with keepalived 2.0.10 -t', () => {
    for (const [text, want] of cases) {
      const run = runRelease(binary!, text);
      expect(run.messages.filter((m) => /has duplicate neighbou?r address/.test(m.message)).map((m) => m.line), text + run.stderr).toEqual(want);
    }
  });
});

describe('KA357 track-process-quorum-conflict', () => {
  // vrrp_track_process bodies with the line keepalived 2.2.7 ignores, if any (checked below against the binary).
  const cases: [string, number | undefined][] = [
    ['quorum 2\nquorum_max 4', undefined],
    ['quorum_max 4\nquorum 2', undefined],
    ['quorum 4\nquorum_max 2', 4],
    ['quorum_max 2\nquorum 4', 4],
    ['quorum_max 0', undefined],
    ['quorum_max 0\nquorum 1', 4],
    ['quorum 2\nquorum_max 0', 4],
    ['quorum 1\nquorum_max 0', undefined],
    ['quorum 3\nquorum_max 3', undefined],
    ['quorum 4\nquorum_max 2\nquorum_max 5', 4],
    ['quorum 99999\nquorum_max 2', undefined],
  ];
  const config = (body: string) => `vrrp_track_process P {\n    process nginx\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n}\n`;
  it('reports the line keepalived ignores', () => {
    for (const [body, line] of cases) expect(lines(config(body), 'KA357'), body).toEqual(line ? [line] : []);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [body, line] of cases) {
      const said = runKeepalived(config(body)).messages.filter((m) => /Quorum is greater than quorum_max|quorum_max is less than quorum/.test(m.message)).map((m) => m.line);
      expect(said, body).toEqual(line ? [line] : []);
    }
  });
});

describe('KA330 rule preference and route encap values, KA346 preferred_lft range', () => {
  // Lines of static_rules / static_routes / static_ipaddress with whether keepalived 2.2.7 reports them (checked below against the binary).
  const cases: [block: string, line: string, code: string, reported: boolean][] = [
    ['static_rules', 'from 192.0.2.1 table 100 priority 10', 'KA330', false],
    ['static_rules', 'from 192.0.2.1 table 100 preference 0x10', 'KA330', false],
    ['static_rules', 'from 192.0.2.1 table 100 order 010', 'KA330', false],
    ['static_rules', 'from 192.0.2.1 table 100 priority 4294967295', 'KA330', false],
    ['static_rules', 'from 192.0.2.1 table 100 priority 4294967296', 'KA330', true],
    ['static_rules', 'from 192.0.2.1 table 100 priority x', 'KA330', true],
    ['static_rules', 'from 192.0.2.1 table 100 preference -1', 'KA330', true],
    ['static_rules', 'from 192.0.2.1 table 100 order 1.5', 'KA330', true],
    ['static_routes', '198.51.100.0/24 dev eth0 encap ip id 1 dst 192.0.2.1', 'KA330', false],
    ['static_routes', '198.51.100.0/24 dev eth0 encap mpls 100', 'KA330', false],
    ['static_routes', '198.51.100.0/24 dev eth0 encap', 'KA330', true],
    ['static_routes', '198.51.100.0/24 dev eth0 encap gre', 'KA330', true],
    // the options of each encapsulation type
    ['static_routes', '198.51.100.0/24 dev eth0 encap ip id 5 dst 192.0.2.1 ttl 4 tos 0x10 flags 1 metric 5', 'KA330', false],
    ['static_routes', '198.51.100.0/24 dev eth0 encap ip6 id 7 dst 2001:db8::1 hoplimit 3 tc 1', 'KA330', false],
    ['static_routes', '198.51.100.0/24 dev eth0 encap mpls 0x10/5 metric 5', 'KA330', false],
    ['static_routes', '198.51.100.0/24 dev eth0 encap ila 1:2:3:4', 'KA330', false],
    ['static_routes', '198.51.100.0/24 dev eth0 encap ip ttl 5', 'KA330', true],
    ['static_routes', '198.51.100.0/24 dev eth0 encap ip id 0x10', 'KA330', true],
    ['static_routes', '198.51.100.0/24 dev eth0 encap ip dst 2001:db8::1', 'KA330', true],
    ['static_routes', '198.51.100.0/24 dev eth0 encap ip dst 192.0.2.1 ttl 300', 'KA330', true],
    ['static_routes', '198.51.100.0/24 dev eth0 encap ip dst 192.0.2.1 csum', 'KA330', true],
    ['static_routes', '198.51.100.0/24 dev eth0 encap ip6 dst 2001:db8::1 ttl 5', 'KA330', true],
    ['static_routes', '198.51.100.0/24 dev eth0 encap mpls 1/2/3', 'KA330', true],
    ['static_routes', '198.51.100.0/24 dev eth0 encap mpls 1048576', 'KA330', true],
    ['static_routes', '198.51.100.0/24 dev eth0 encap mpls 100/200 ttl 5', 'KA330', true],
    ['static_routes', '198.51.100.0/24 dev eth0 encap ila 1:2:3', 'KA330', true],
    // Found on real configs: route times (get_time_rtt), option ranges, and rules after inet/inet6.
    ['static_routes', '198.51.100.0/24 via 192.0.2.1 dev eth0 rtt 100ms', 'KA330', false],
    ['static_routes', '198.51.100.0/24 via 192.0.2.1 dev eth0 rtt 960s', 'KA330', false],
    ['static_routes', '198.51.100.0/24 via 192.0.2.1 dev eth0 rtt 961s', 'KA330', true],
    ['static_routes', '198.51.100.0/24 via 192.0.2.1 dev eth0 rtt 4294967295', 'KA330', true],
    ['static_routes', '198.51.100.0/24 via 192.0.2.1 dev eth0 rtt 1.000125s', 'KA330', true],
    ['static_routes', '198.51.100.0/24 via 192.0.2.1 dev eth0 rtt 1.5', 'KA330', true],
    ['static_routes', '198.51.100.0/24 via 192.0.2.1 dev eth0 rtt 1e3', 'KA330', true],
    ['static_routes', '198.51.100.0/24 via 192.0.2.1 dev eth0 rttvar 480000', 'KA330', false],
    ['static_routes', '198.51.100.0/24 via 192.0.2.1 dev eth0 rttvar lock 480001', 'KA330', true],
    ['static_routes', '198.51.100.0/24 via 192.0.2.1 dev eth0 rto_min 120001ms', 'KA330', true],
    ['static_routes', '198.51.100.0/24 via 192.0.2.1 dev eth0 hoplimit 255', 'KA330', false],
    ['static_routes', '198.51.100.0/24 via 192.0.2.1 dev eth0 hoplimit 256', 'KA330', true],
    ['static_routes', '198.51.100.0/24 via 192.0.2.1 dev eth0 mtu 4294967296', 'KA330', true],
    ['static_rules', 'inet6 fwmark 5 table 28 preference 7997', 'KA330', true],
    ['static_rules', 'inet from 192.0.2.1 table 28 preference 7998', 'KA330', true],
    ['static_rules', 'to 2001:db8::1 from all table 28 preference 7999', 'KA330', true],
    ['static_rules', 'from all to 2001:db8::1 table 28 preference 8000', 'KA330', false],
    ['static_ipaddress', '192.0.2.10/24 dev eth0 preferred_lft 0', 'KA346', false],
    ['static_ipaddress', '192.0.2.10/24 dev eth0 preferred_lft forever', 'KA346', false],
    ['static_ipaddress', '192.0.2.10/24 dev eth0 preferred_lft 4294967295', 'KA346', false],
    ['static_ipaddress', '192.0.2.10/24 dev eth0 preferred_lft -1', 'KA346', true],
    ['static_ipaddress', '192.0.2.10/24 dev eth0 preferred_lft 4294967296', 'KA346', true],
  ];
  const config = (block: string, line: string) => `${block} {\n    ${line}\n}\n`;
  it('warns about a route time keepalived clamps to 200ms .. 120s', () => {
    // Found by fuzzing against 2.4.3, which reports these under -t (from 2.2.8; 2.2.7 only logs them):
    // "rtt value 100ms below minimum 200ms, resetting", "rtt value 150s exceeds maximum 120s, resetting",
    // "rtt value 1000 below minimum 200ms" (a plain number is in 1/8 ms), "rto value 100ms below minimum 200ms".
    const said = (option: string) => findings(config('static_routes', `198.51.100.0/24 via 192.0.2.1 dev eth0 ${option}`), 'KA330').map((d) => `${d.severity}: ${d.message}`);
    expect(said('rtt 100ms')).toEqual([expect.stringMatching(/^warning: 'rtt' '100ms' is below keepalived's minimum of 200ms; keepalived uses 200ms instead \(keepalived logs "rtt value 100ms below minimum 200ms, resetting"/)]);
    expect(said('rtt 150s')).toEqual([expect.stringContaining('"rtt value 150s exceeds maximum 120s, resetting"')]);
    expect(said('rtt 1000')).toEqual([expect.stringContaining('below minimum 200ms')]);
    expect(said('rttvar 50ms')).toEqual([expect.stringContaining('"rtt value 50ms below minimum 200ms, resetting"')]);
    expect(said('rto_min 100ms')).toEqual([expect.stringContaining('"rto value 100ms below minimum 200ms, resetting"')]);
    for (const fine of ['rtt 2000', 'rtt 200ms', 'rtt 120s', 'rttvar 1s', 'rto_min 200ms']) expect(said(fine), fine).toEqual([]);
    // Route times were read as floating point, unclamped, before 2.2.3.
    expect(findings(config('static_routes', '198.51.100.0/24 via 192.0.2.1 dev eth0 rtt 100ms'), 'KA330', '2.2.2')).toEqual([]);
  });
  it('reports the values keepalived rejects', () => {
    // Where keepalived is silent there may be a warning (a skipped word), never an error.
    for (const [block, line, code, reported] of cases) {
      const ds = findings(config(block, line), code);
      expect([...new Set((reported ? ds : ds.filter((d) => d.severity === 'error')).map((d) => d.range.start.line + 1))], line).toEqual(reported ? [2] : []);
    }
  });
  // The release audit (session 59): the same at every release from 2.0.19 to 2.4.3, so no message names 2.2.7; and a
  // single port is reported ("invalid sport range 80") and the selector dropped, so the rule matches every port.
  it('KA330: a single sport/dport is dropped, and the message says so for any target', () => {
    const text = instance('A', 'interface eth0\nvirtual_router_id 1\nvirtual_rules {\nfrom 10.2.0.0/16 table 100 ipproto tcp sport 80 priority 100\n}');
    for (const v of ['2.0.19', '2.2.7', '2.4.3']) {
      const [d] = findings(text, 'KA330', v);
      expect(d?.message, v).toBe(`keepalived accepts only a port range here ("invalid sport range 80"): it drops the selector, so the rule matches every port; write '80-80'`);
    }
  });
  it('warns that keepalived skips the word after inet/inet6 in a rule', () => {
    const d = findings(config('static_rules', 'inet6 inet6 from 2001:db8::1 table 28 preference 9'), 'KA330');
    expect(d).toEqual([]);
    const w = findings(config('static_rules', 'inet6 not from 2001:db8::1 table 28 preference 9'), 'KA330');
    expect(w.map((x) => [x.severity, x.message.slice(0, 50)])).toEqual([['warning', "keepalived skips the word after 'inet6' in a rule:"]]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [block, line, , reported] of cases) {
      const said = runKeepalived(config(block, line)).messages.filter((m) => m.line === 2 && !/cannot track route|interface/i.test(m.message));
      expect(said.length > 0, `${line}: ${JSON.stringify(said)}`).toBe(reported);
    }
  });
});

describe('KA358 ipvlan-without-source-address', () => {
  // Each instance body with whether keepalived 2.2.7 puts the instance in fault state (checked below against the binary).
  const cases: [string, boolean][] = [
    [`use_ipvlan\n${vip('10.0.0.1/24')}`, true],
    [`use_ipvlan ipvl0\n${vip('10.0.0.1/24')}`, true],
    [`use_ipvlan ipvl0 bridge\n${vip('10.0.0.1/24')}`, true],
    // An IPv6 address after the IPv4 VIPs is skipped; before them it makes the instance IPv6 (KA313 then).
    [`${vip('10.0.0.1/24')}\nuse_ipvlan fe80::5/64`, true],
    [`use_ipvlan fe80::5/64\n${vip('10.0.0.1/24')}`, false],
    [`use_ipvlan 10.0.0.5/24\n${vip('10.0.0.1/24')}`, false],
    [`use_ipvlan ipvl0 10.0.0.5\n${vip('10.0.0.1/24')}`, false],
    [`use_ipvlan\n${vip('2001:db8::1/64')}`, false],
    [vip('10.0.0.1/24'), false],
    // Only the first line is read ("use_ipvlan already specified"): an address on a second one is never seen (fuzz
    // round 903 on a harvested config).
    [`use_ipvlan ipvl0 300.1.1.1\nuse_ipvlan ipvl0 10.0.0.5/24\n${vip('10.0.0.1/24')}`, true],
    [`use_ipvlan ipvl0 10.0.0.5/24\nuse_ipvlan ipvl0\n${vip('10.0.0.1/24')}`, false],
    // Nor does the second line's address decide the instance's family.
    [`use_ipvlan ipvl0\nuse_ipvlan ipvl0 fe80::5/64\n${vip('10.0.0.1/24')}`, true],
  ];
  const config = (body: string) => instance('A', `interface eth0\nvirtual_router_id 51\n${body}`);
  it('reports an IPv4 instance whose use_ipvlan gives no IPv4 address', () => {
    for (const [body, fault] of cases) expect(findings(config(body), 'KA358').length > 0, body).toBe(fault);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [body, fault] of cases) {
      const said = runKeepalived(config(body)).messages.some((m) => /ipvlan requires a source ip address/.test(m.message));
      expect(said, body).toBe(fault);
    }
  });
});

describe('KA369 promote-secondaries-with-vmac', () => {
  // Each instance body with whether keepalived 2.2.7 reports promote_secondaries (checked below against the binary).
  const cases: [string, boolean][] = [
    ['use_vmac\npromote_secondaries', true],
    ['promote_secondaries\nuse_vmac vrrp.51', true],
    ['use_ipvlan ipvl0 10.0.0.5/24\npromote_secondaries', true],
    ['promote_secondaries', false],
    ['use_vmac', false],
  ];
  const config = (body: string) => instance('A', `interface IF\nvirtual_router_id 51\n${body}\n${vip('10.0.0.1/24')}`);
  it('reports the promote_secondaries line, with a fix that removes it', () => {
    for (const [body, reported] of cases) expect(findings(config(body), 'KA369').length > 0, body).toBe(reported);
    const text = config('use_vmac\npromote_secondaries').replace(/\bIF\b/g, 'eth0');
    const [f] = findings(text, 'KA369');
    expect(f!.range.start.line).toBe(4);
    expect(f!.related?.[0]?.range.start.line).toBe(3);
    expect(f!.fix?.edits[0]).toMatchObject({ newText: '', range: { start: { line: 4, column: 0 }, end: { line: 5, column: 0 } } });
  });
  it.skipIf(!binaryReady)('agrees with keepalived -t', () => {
    for (const [body, reported] of cases) {
      const said = runKeepalived(config(body).replace(/\bIF\b/g, IFACE!)).messages.some((m) => /promote_secondaries is automatically set/.test(m.message));
      expect(said, body).toBe(reported);
    }
  });
});

describe('KA370 vip-use-vmac-conflict', () => {
  // Instance settings, VIP and eVIP lines, with whether keepalived 2.2.7 reports the address's use_vmac.
  const cases: { settings: string; vips: string; evips?: string; reported: boolean }[] = [
    { settings: 'use_vmac', vips: '10.0.0.1/24 use_vmac', reported: true },
    { settings: 'use_vmac', vips: '10.0.0.1/24 dev IF use_vmac', reported: true },
    { settings: 'use_vmac', vips: '10.0.0.1/24', evips: '2001:db8::1/64 use_vmac', reported: false },
    { settings: 'use_vmac\nuse_vmac_addr', vips: '10.0.0.1/24', evips: '2001:db8::1/64 use_vmac', reported: true },
    { settings: 'use_vmac_addr', vips: '10.0.0.1/24 use_vmac', reported: false },
    { settings: '', vips: '10.0.0.1/24 use_vmac', reported: false },
    { settings: 'use_vmac', vips: '10.0.0.1/24', reported: false },
  ];
  const config = (c: (typeof cases)[number]) =>
    instance('A', `interface IF\nvirtual_router_id 51\n${c.settings}\n${vip(c.vips)}${c.evips ? `\nvirtual_ipaddress_excluded {\n${c.evips}\n}` : ''}`);
  it("reports the option where keepalived drops it", () => {
    for (const c of cases) expect(findings(config(c), 'KA370').length > 0, JSON.stringify(c)).toBe(c.reported);
    const [f] = findings(config(cases[0]!), 'KA370');
    expect(f!.range.start).toMatchObject({ line: 5, column: 16 });
    expect(f!.message).toContain("'A' has use_vmac");
    // Before 2.2.0 the word is no address option (KA346 says keepalived ignores it): no 2.2 message to quote (variants audit).
    expect(findings(config(cases[0]!), 'KA370', '2.1.5')).toEqual([]);
    expect(findings(config(cases[0]!), 'KA346', '2.1.5')).toHaveLength(1);
  });
  it.skipIf(!binaryReady)('agrees with keepalived -t', () => {
    for (const c of cases) {
      const said = runKeepalived(config(c).replace(/\bIF\b/g, IFACE!)).messages.some((m) => /use_vmac specified for VIP|use_vmac_addr specified and use_vmac/.test(m.message));
      expect(said, JSON.stringify(c)).toBe(c.reported);
    }
  });
});

describe('KA330 goto rules', () => {
  // Each static_rules line with whether keepalived 2.2.7 drops it (checked below against the binary).
  const cases: [string, boolean][] = [
    ['from 10.0.0.0/24 goto 100', true],
    ['from 10.0.0.0/24 goto 100 preference 100', true],
    ['from 10.0.0.0/24 goto 100 preference 200', true],
    ['from 10.0.0.0/24 goto abc preference 10', true],
    ['from 10.0.0.0/24 goto 0x20 preference 10', true],
    ['preference 0x11 goto 17', true],
    ['from 10.0.0.0/24 preference 50 goto 100', false],
    ['preference +10 goto +20', false],
    ['preference 0x10 goto 17', false],
  ];
  const config = (line: string) => `static_rules {\n    ${line}\n}\n`;
  it('drops a goto rule without a preference below its target, or with a target that is not a decimal number', () => {
    for (const [line, dropped] of cases) {
      expect(findings(config(line), 'KA330').length > 0, line).toBe(dropped);
      // The missing preference is the goto's problem, not KA331's "keepalived assigns one".
      expect(findings(config(line), 'KA331'), line).toEqual([]);
    }
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [line, dropped] of cases) {
      const said = runKeepalived(config(line)).messages.some((m) => m.line === 2 && /Invalid rule|Invalid target/.test(m.message));
      expect(said, line).toBe(dropped);
    }
  });
});

describe('KA371 garp-group-interface-taken', () => {
  const group = (body: string) => `garp_group {\n${body.trim().split('\n').map((l) => `    ${l.trim()}`).join('\n')}\n}\n`;
  // Texts with the lines where keepalived 2.2.7 reports (checked below against the binary; IF is a real interface).
  const cases: { text: string; lines: number[]; stops?: boolean }[] = [
    { text: group('garp_interval 1\ninterface IF\ninterface IF'), lines: [4] },
    { text: group('garp_interval 1\ninterface IF') + group('garp_interval 2\ninterface IF'), lines: [7] },
    // The repeated interface alone in an interfaces block: the report reads past the list, at the block's '}'.
    { text: group('garp_interval 1\ninterface IF') + group('garp_interval 2\ninterfaces {\nIF\n}'), lines: [9], stops: true },
    { text: group('garp_interval 1\ninterfaces {\n}'), lines: [4] },
    // A group without a delay is removed at its '}' and frees its interfaces.
    { text: group('interface IF') + group('garp_interval 2\ninterface IF'), lines: [] },
    { text: group('garp_interval 1\ninterface IF') + group('garp_interval 2\ninterface IF2'), lines: [] },
  ];
  const ka371 = (text: string) => findings(text.replace(/\bIF2\b/g, 'eth9').replace(/\bIF\b/g, 'eth0'), 'KA371');
  it('reports a repeated interface and an empty interfaces block where keepalived does', () => {
    for (const c of cases) {
      const found = ka371(c.text);
      expect(found.map((d) => d.range.start.line + 1), c.text).toEqual(c.lines);
      expect(found.map((d) => d.severity), c.text).toEqual(c.lines.map(() => (c.stops ? 'error' : 'warning')));
    }
  });
  it('names the entry (and the wrong name keepalived prints) for a block with several entries', () => {
    const text = group('garp_interval 1\ninterface eth0') + group('garp_interval 2\ninterfaces {\neth1 eth0\n}') + group('garp_interval 3\ninterfaces {\neth1 eth2\n}');
    const found = findings(text, 'KA371');
    expect(found.map((d) => d.range.start.line + 1)).toEqual([9, 15]);
    expect(found[0]!.message).toMatch(/^eth0 in this interfaces block .*names 'eth0'/);
    expect(found[1]!.message).toMatch(/^eth1 in this interfaces block .*names 'eth2'/);
    expect(found[1]!.related?.map((r) => r.range.start.line + 1)).toEqual([14, 8]);
  });
  it.skipIf(!binaryReady)('agrees with keepalived -t', () => {
    for (const c of cases) {
      const run = runKeepalived(c.text.replace(/\bIF2\b/g, 'lo').replace(/\bIF\b/g, IFACE!));
      const said = run.messages.filter((m) => /garp_group already specified|empty garp_group interfaces|missing a parameter/.test(m.message));
      expect(said.map((m) => m.line), c.text).toEqual(c.lines);
      if (c.stops) expect(run.exitStatus, c.text).toBe(2);
    }
  });
});

// From 2.1.0 a garp_group's interfaces are looked up when its interfaces block ends: a name no interface can have is
// reported at the block's '}' (found with the include fuzzer, 2.2.7: an address moved into the block by a cut).
describe('KA205: a garp_group interface name no interface can have, where keepalived reports it', () => {
  const text = 'garp_group {\n  garp_interval 1\n  interfaces {\n    eth0\n    2001:db8::1\n  }\n}\n';
  const at = (target?: string) => findings(text, 'KA205', target).map((d) => `${d.range.start.line + 1}:${d.related?.[0]?.range.start.line !== undefined ? d.related[0].range.start.line + 1 : '-'}`);
  it("at the interfaces block's '}' from 2.1.0, pointing at the entry; at the entry before", () => {
    expect(at()).toEqual(['6:5']);
    expect(at('2.1.5')).toEqual(['6:5']);
    expect(at('2.0.19')).toEqual(['5:-']);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived 2.2.7 -t', () => {
    expect(runKeepalived(text).messages.filter((m) => /2001:db8::1 specified for garp_group doesn't exist/.test(m.message)).map((m) => m.line)).toEqual([6]);
  });
  // A name over 15 bytes is looked up too, and not found (generator seed 452 against 2.4.3: `${_PWD}` in the block, a
  // 23-byte directory name; the 2.2.7 and 2.4.3 builds: "WARNING - interface abcdefghijklmnopq specified for
  // garp_group doesn't exist" at the '}').
  const long = text.replace('2001:db8::1', 'abcdefghijklmnopq');
  it("an overlong name likewise, as a name no interface can have", () => {
    const [d] = findings(long, 'KA205');
    expect(d!.range.start.line + 1).toBe(6);
    expect(d!.message).toBe("interface name 'abcdefghijklmnopq' is 17 bytes; Linux allows at most 15: no Linux interface can have this name, so keepalived finds no such interface (keepalived reports it where the 'interfaces' block ends)");
  });
  it.skipIf(!keepalivedAvailable())('the overlong name agrees with keepalived 2.2.7 -t', () => {
    expect(runKeepalived(long).messages.filter((m) => /abcdefghijklmnopq specified for garp_group doesn't exist/.test(m.message)).map((m) => m.line)).toEqual([6]);
  });
});

// Before 2.1.0 the report of a repeated interface in an interfaces block reads the 'interfaces' line's second word
// (a58403e5 named the entry instead): keepalived stops there however many entries the block has.
describe('KA371 before 2.1.0: a repeated interface in an interfaces block stops keepalived', () => {
  const text = 'garp_group {\n    garp_interval 1\n    interfaces {\n        lo\n        lo lo2\n    }\n}\nvrrp_instance X {\n    bogus_keyword\n}\n';
  const ka371 = (target: string) => findings(text, 'KA371', target).map((d) => `${d.range.start.line + 1} ${d.severity} ${/exits here/.test(d.message)}`);
  it('says so before 2.1.0, and names the wrong entry from it', () => {
    expect(ka371('2.0.19')).toEqual(['6 error true']);
    expect(ka371('2.1.5')).toEqual(['6 warning false']);
  });
  for (const release of ['2.0.10', '2.0.19', '2.1.5']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`agrees with keepalived ${release} -t`, () => {
      const said = runRelease(binary!, text).messages.map((m) => `${m.line} ${m.message.replace(/^\*\*\* /, '')}`);
      // lo2 does not exist: only its own report is about the host (2.0.x garble that one too, at the same line).
      const stops = release !== '2.1.5';
      expect(said.some((m) => m.startsWith('6 ') && (stops ? /missing a parameter after keyword `interfaces` at word position 2/ : /garp_group already specified for/).test(m)), said.join('\n')).toBe(true);
      expect(said.some((m) => /bogus_keyword/.test(m)), said.join('\n')).toBe(!stops);
    });
  }
});

describe('KA372 rx-bufs-policy-conflict', () => {
  // global_defs bodies with the lines where keepalived 2.2.7 reports (checked below against the binary).
  const cases: [string, number[]][] = [
    ['vrrp_rx_bufs_policy MTU ADVERT', [2]],
    ['vrrp_rx_bufs_policy 1000 MTU', [2]],
    ['vrrp_rx_bufs_policy MTU 1000', [2]],
    ['vrrp_rx_bufs_policy mtu\nvrrp_rx_bufs_policy advert', [3]],
    ['vrrp_rx_bufs_policy 1000\nvrrp_rx_bufs_policy MTU', [3]],
    ['vrrp_rx_bufs_policy MTU\nvrrp_rx_bufs_policy MTU\nvrrp_rx_bufs_policy ADVERT\nvrrp_rx_bufs_policy 5', [4, 5]],
    ['vrrp_rx_bufs_policy MTU MTU', []],
    ['vrrp_rx_bufs_policy 65536', []],
    ['vrrp_rx_bufs_policy ADVERT', []],
  ];
  const config = (body: string) => `global_defs {\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n}\n`;
  it('follows the policy over all the lines', () => {
    for (const [body, at] of cases) expect(lines(config(body), 'KA372'), body).toEqual(at);
    expect(findings(config('vrrp_rx_bufs_policy MTU 1000'), 'KA372')[0]).toMatchObject({ severity: 'error', range: { start: { line: 1, column: 28 } } });
  });
  it('after a first size, keepalived reads the size again for any other word: a warning, no value error', () => {
    for (const body of ['vrrp_rx_bufs_policy 1000 abc', 'vrrp_rx_bufs_policy 1000 5000', 'vrrp_rx_bufs_policy 1000 -5']) {
      expect(findings(config(body), 'KA372').map((d) => [d.severity, d.range.start.column]), body).toEqual([['warning', 29]]);
      expect(lintText(config(body)).diagnostics.filter((d) => d.severity === 'error'), body).toEqual([]);
    }
    // Without a size first, the word is judged on its own (keepalived: "Invalid vrrp_rx_bufs_policy abc").
    for (const body of ['vrrp_rx_bufs_policy abc', 'vrrp_rx_bufs_policy MTU abc']) expect(lines(config(body), 'KA205'), body).toEqual([2]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived accepts any word after a first size silently', () => {
    for (const body of ['vrrp_rx_bufs_policy 1000 abc', 'vrrp_rx_bufs_policy 1000 5000', 'vrrp_rx_bufs_policy 1000 -5']) {
      expect(runKeepalived(config(body)).messages, body).toEqual([]);
    }
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [body, at] of cases) {
      const said = runKeepalived(config(body)).messages.filter((m) => /vrrp_rx_bufs_policy/.test(m.message));
      expect([...new Set(said.map((m) => m.line))], body).toEqual(at);
    }
  });
});

describe('KA351 use_ipvlan words', () => {
  const text = [
    instance('VI_1', `interface IF\nuse_ipvlan abcdefghijklmnopq 10.0.0.5/24 bridge vepa 10.0.0.6 ipv1 ipv2\nvirtual_router_id 51\n${vip('10.0.0.1/24')}`),
    instance('VI_2', `interface IF\nuse_vmac ipv1\nvirtual_router_id 52\n${vip('10.0.0.2/24')}`),
    instance('VI_3', `interface IF\nuse_ipvlan ipv3 10.0.0.7/24 private\nvirtual_router_id 53\n${vip('10.0.0.3/24')}`),
  ].join('');
  it('reports the words keepalived ignores, and names shared with use_vmac', () => {
    const found = findings(text.replace(/\bIF\b/g, 'eth0'), 'KA351');
    expect(found.map((d) => `${d.range.start.line + 1}:${d.range.start.column}`)).toEqual(['3:15', '3:52', '3:57', '3:71', '11:13']);
    expect(found.map((d) => d.message.split(';')[0])).toEqual([
      "IPVLAN interface name 'abcdefghijklmnopq' is 17 characters",
      "use_ipvlan gives a second ipvlan type 'vepa'",
      "use_ipvlan gives a second address '10.0.0.6'",
      "use_ipvlan gives a second interface name 'ipv2'",
      "vrrp_instance 'VI_1' already uses the VMAC name 'ipv1'",
    ]);
  });
  it.skipIf(!binaryReady)('agrees with keepalived -t', () => {
    const said = runKeepalived(text.replace(/\bIF\b/g, IFACE!)).messages.filter((m) => /IPVLAN|ipvlan|already using/.test(m.message));
    expect([...new Set(said.map((m) => m.line))].sort((a, b) => a! - b!)).toEqual([3, 11]);
    expect(said).toHaveLength(5);
  });
});

describe('quick fixes of KA306, KA308 and KA309', () => {
  const apply = (text: string, fix: { edits: { range: { start: { offset: number }; end: { offset: number } }; newText: string }[] }) => {
    let out = text;
    for (const e of [...fix.edits].sort((a, b) => b.range.start.offset - a.range.start.offset)) out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
    return out;
  };
  it('KA306 adds a priority line under state MASTER, with its indentation and line ending', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = ['vrrp_instance VI_1 {', '\tinterface eth0', '\tstate MASTER   # primary', '\tvirtual_router_id 51', '}', ''].join(eol);
      const d = findings(text, 'KA306')[0]!;
      expect(d.fix!.description).toBe("Add 'priority 150' after 'state MASTER'");
      const out = apply(text, d.fix!);
      expect(out).toBe(['vrrp_instance VI_1 {', '\tinterface eth0', '\tstate MASTER   # primary', '\tpriority 150', '\tvirtual_router_id 51', '}', ''].join(eol));
      expect(findings(out, 'KA306')).toEqual([]);
    }
  });
  it('KA306 offers no fix when the state line does not start with it', () => {
    const text = 'vrrp_instance VI_1 { state MASTER\n  interface eth0\n  virtual_router_id 51\n}\n';
    expect(findings(text, 'KA306')[0]!.fix).toBeUndefined();
  });
  it('KA308 and KA309 write state BACKUP, and the finding goes', () => {
    for (const [code, line] of [['KA308', 'nopreempt'], ['KA309', 'preempt_delay 10']] as const) {
      const text = instance('VI_1', `state MASTER\npriority 150\n${line}`);
      const d = findings(text, code)[0]!;
      expect(d.fix!.description, code).toMatch(/^Write 'state BACKUP': /);
      const out = apply(text, d.fix!);
      expect(out, code).toContain('state BACKUP');
      expect(findings(out, code), code).toEqual([]);
    }
  });
});

describe('KA361 track-file-init-overwrites', () => {
  // Each daemon started on a file holding 7 with `init_file 0` (unshare -n, killed after 4 s): the 2.2.7
  // package and the 2.4.3 build leave 7, the 2.2.8 and 2.3.1 builds write 0. keepalived -t writes nothing.
  const tf = (init: string) => `track_file maint {\n    file /run/maint\n    weight -50\n    ${init}\n}\nvrrp_track_file old {\n    file /run/old\n    init_file 5\n}\n`;
  const at = (text: string, v: string) => lintText(text, { file: 'keepalived.conf', targetVersion: v }).diagnostics.filter((d) => d.code === 'KA361');
  it('reports init_file without overwrite for 2.2.8 to 2.3.2', () => {
    for (const v of ['2.2.8', '2.3.1', '2.3.2']) {
      expect(at(tf('init_file 0'), v).map((d) => d.range.start.line + 1)).toEqual([4, 8]);
      expect(at(tf('init_file 3 overwrite'), v).map((d) => d.range.start.line + 1)).toEqual([8]);
    }
    expect(at(tf('init_file -3 4'), '2.2.8')[0]!.message).toMatch(/writes 4 into '\/run\/maint'/);
    for (const v of ['2.2.7', '2.3.3', '2.4.3']) expect(at(tf('init_file 0'), v)).toEqual([]);
  });
});

describe('KA363 strict-drops-vip-traffic', () => {
  // keepalived 2.2.7 run in a network namespace with vrrp_strict: "use_vmac or no_accept/strict specified, but no
  // firewall configured - using nftables", then "(VI_1) setting firewall drop rule" on entering MASTER; with
  // vrrp_version 3 and accept, no drop rule.
  const inst = (body = '', prio = '100') =>
    `vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority ${prio}\n${body}    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n`;
  const strict = (extra = '') => `global_defs {\n    vrrp_strict\n${extra}}\n`;
  it('reports the vrrp_strict line once, naming the instances left without accept mode', () => {
    const text = strict() + inst() + inst().replace('VI_1', 'VI_2').replace('51', '52');
    const d = findings(text, 'KA363');
    expect(d).toHaveLength(1);
    expect(d[0]!.range.start.line).toBe(1);
    expect(d[0]!.message).toMatch(/^vrrp_strict leaves 'VI_1' and 'VI_2' without accept mode: while MASTER, keepalived adds a firewall rule that drops every packet addressed to the VIPs/);
  });
  it('accept only counts with VRRPv3; the address owner and strict_mode off are not affected', () => {
    expect(lines(strict() + inst('    accept\n'), 'KA363')).toEqual([2]);
    expect(lines(strict('    vrrp_version 3\n') + inst('    accept\n'), 'KA363')).toEqual([]);
    expect(lines(strict('    vrrp_version 3\n') + inst('    accept\n    no_accept\n'), 'KA363')).toEqual([2]);
    expect(lines(strict() + inst('', '255').replace('BACKUP', 'MASTER'), 'KA363')).toEqual([]);
    expect(lines(strict() + inst('    strict_mode off\n'), 'KA363')).toEqual([]);
    expect(lines(inst('    strict_mode\n'), 'KA363')).toEqual([6]);
    expect(lines(inst(), 'KA363')).toEqual([]);
  });
  // s58 daemon audit, 2.2.7 without vrrp_strict: "use_vmac or no_accept/strict specified, but no firewall configured -
  // using nftables", then "(VI_1) setting firewall drop rule" on entering MASTER.
  it('an explicit no_accept drops the VIPs\' traffic without strict mode too', () => {
    const d = findings(inst('    no_accept\n'), 'KA363');
    expect(d.map((x) => [x.range.start.line + 1, x.message.slice(0, 60)])).toEqual([[6, "no_accept turns accept mode off for 'VI_1': while MASTER, ke"]]);
    expect(lines(inst('    no_accept\n    accept\n'), 'KA363')).toEqual([]);
    expect(lines(inst('    no_accept\n', '255').replace('BACKUP', 'MASTER'), 'KA363')).toEqual([]);
    // Under strict mode the vrrp_strict finding says it already.
    expect(lines(strict() + inst('    no_accept\n'), 'KA363')).toEqual([2]);
  });
});

describe('KA362 strict-mode-unicast', () => {
  // 2.0.19, 2.1.5, 2.2.4 and 2.4.3 builds: "(VI_1) Unicast peers are not supported in strict mode" (2.4.3 exit 5);
  // the 2.2.7 package and the 2.2.8 and 2.3.1 builds accept the instance silently (exit 0).
  const unicast = (strict: string, own = '') =>
    `${strict}vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n${own}    unicast_src_ip 192.0.2.1\n    unicast_peer {\n        192.0.2.2\n    }\n    virtual_ipaddress {\n        192.0.2.10\n    }\n}\n`;
  const global = 'global_defs {\n    vrrp_strict\n}\n';
  const at = (text: string, v: string) => lintText(text, { file: 'keepalived.conf', targetVersion: v }).diagnostics.filter((d) => d.code === 'KA362').map((d) => d.range.start.line + 1);
  it('reports unicast peers in strict mode where keepalived checks them', () => {
    for (const v of ['2.0.19', '2.2.4', '2.4.0', '2.4.3']) {
      expect(at(unicast(global), v)).toEqual([8]);
      expect(at(unicast('', '    strict_mode\n'), v)).toEqual([6]);
    }
    for (const v of ['2.2.5', '2.2.7', '2.2.8', '2.3.3']) expect(at(unicast(global), v)).toEqual([]);
    expect(at(unicast(global, '    strict_mode off\n'), '2.4.3')).toEqual([]);
    expect(at(unicast(''), '2.4.3')).toEqual([]);
  });
  // keepalived checks only on an interface that can multicast (IFF_MULTICAST, 0x1000).
  const multicastIface = hostInterfaces().find((n) => (interfaceFlags(n) & 0x1000) !== 0);
  it.skipIf(!keepalivedAvailable() || !multicastIface)('keepalived 2.2.7 accepts it', () => {
    const r = runKeepalived(unicast(global).replace('eth0', multicastIface!));
    expect(r.messages.map((m) => m.message)).not.toContain('(VI_1) Unicast peers are not supported in strict mode');
  });
});

describe('vrrp_strict off: no value before 2.3.0 (commit 548743ec)', () => {
  const text = (word: string) =>
    `global_defs {\n    vrrp_strict ${word}\n    vrrp_skip_check_adv_addr ${word}\n}\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        192.0.2.10\n    }\n}\n`;
  const at = (t: string, v: string) => lintText(t, { file: 'keepalived.conf', targetVersion: v }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}:${d.severity}`);
  it('2.2.7 turns the option on; 2.3.0 reads the value', () => {
    // keepalived 2.2.7 and the 2.2.8 build: "(VI_1) State MASTER must match being address owner" (strict mode is on);
    // the 2.3.1 and 2.4.3 builds accept the file.
    expect(at(text('off'), '2.2.7')).toEqual(['2:KA363:warning', '2:KA204:error', '3:KA204:error', '6:KA334:warning']);
    expect(at(text('off'), '2.3.0')).toEqual([]);
    expect(at(text('on'), '2.4.3')).toEqual(['2:KA363:warning', '6:KA334:warning']);
    // 2.3.1 and 2.4.3: "Invalid value 'maybe' for global vrrp_strict specified" (exit 5), and the option stays off.
    expect(at(text('maybe'), '2.4.3')).toEqual(['2:KA205:error', '3:KA205:error']);
    expect(at(text('maybe'), '2.2.7')).toEqual(['2:KA363:warning', '2:KA204:warning', '3:KA204:warning', '6:KA334:warning']);
  });
  it.skipIf(!binaryReady)('keepalived 2.2.7 runs in strict mode after vrrp_strict off', () => {
    const said = runKeepalived(text('off').replace('eth0', IFACE!)).messages.map((m) => m.message);
    expect(said).toContain('(VI_1) State MASTER must match being address owner');
  });
});

// acassen/keepalived#834 (1.3.9) posted an instance whose only unicast_peer was its own unicast_src_ip.
// keepalived sends an advert to each peer in turn (vrrp_send_adv, vrrp.c) and keepalived -t accepts any peer.
describe('KA359 unicast-peer-self', () => {
  // A harvested config (h57 K-0096) lists its VIP as its only peer; a live check (2.2.7): both nodes became MASTER.
  it('reports a unicast_peer that is one of the instance\'s own VIPs', () => {
    const inst = (peers: string) => instance('VI_1', `interface eth0\nvirtual_router_id 51\nunicast_src_ip 62.84.113.123\nunicast_peer {\n${peers}\n}\n${vip('84.252.130.37/24 brd 84.252.130.255')}`);
    const only = findings(inst('84.252.130.37'), 'KA359');
    expect(only.map((d) => [d.severity, d.message.slice(0, 90)])).toEqual([['warning', "the only unicast_peer of 'VI_1' is 84.252.130.37, one of its own VIPs: the node that holds"]]);
    expect(findings(inst('62.84.113.124\n84.252.130.37'), 'KA359').map((d) => d.severity)).toEqual(['info']);
    expect(findings(inst('62.84.113.124'), 'KA359')).toEqual([]);
  });
  const body = (peers: string) => `interface eth0\nvirtual_router_id 7\nunicast_src_ip 172.16.20.182\nunicast_peer {\n${peers}\n}\n${vip('172.16.20.134')}`;
  it('says no other node hears the instance when its own address is the only peer', () => {
    const [d] = findings(instance('vips7', body('172.16.20.182')), 'KA359');
    expect(d!.range.start.line + 1).toBe(6);
    expect(d!.message).toContain('split brain');
    expect(d!.severity).toBe('warning');
  });
  it('is a milder note when the other nodes are listed too', () => {
    const [d, ...rest] = findings(instance('A', body('172.16.20.181\n172.16.20.182')), 'KA359');
    expect(rest).toEqual([]);
    expect(d!.range.start.line + 1).toBe(7);
    expect(d!.message).toContain('also sends each advert to this node itself');
    expect(d!.severity).toBe('info');
  });
  it('compares addresses as keepalived reads them, and is quiet without unicast_src_ip or the own address', () => {
    expect(lines(instance('A', `interface eth0\nvirtual_router_id 7\nunicast_src_ip 2001:db8::1\nunicast_peer {\n2001:db8:0::1/64\n}\n${vip('2001:db8::10')}`), 'KA359')).toEqual([6]);
    expect(lines(instance('A', body('172.16.20.181')), 'KA359')).toEqual([]);
    expect(lines(instance('A', `interface eth0\nvirtual_router_id 7\nunicast_peer {\n172.16.20.182\n}\n${vip('172.16.20.134')}`), 'KA359')).toEqual([]);
  });
  // A real docker demo pair: each node's second instance sends from the other node's address, so
  // one file both sends from 172.20.128.3 and lists it as its peer.
  it('reports a peer that another instance of the config sends from', () => {
    const two = (name: string, vrid: number, src: string, peers: string) =>
      instance(name, `interface eth0\nvirtual_router_id ${vrid}\nunicast_src_ip ${src}\nunicast_peer {\n${peers}\n}\n${vip(`172.20.128.${vrid}`)}`);
    const crossed = `${two('VI_1', 51, '172.20.128.2', '172.20.128.3')}${two('VI_2', 61, '172.20.128.3', '172.20.128.2')}`;
    const found = findings(crossed, 'KA359');
    expect(found.map((d) => d.range.start.line + 1)).toEqual([6, 17]);
    expect(found[0]!.message).toContain("the unicast_src_ip of 'VI_2'");
    expect(found[0]!.severity).toBe('warning');
    // Peers that no instance sends from: nothing.
    const listed = `${two('VI_1', 51, '172.20.128.2', '172.20.128.4')}${two('VI_2', 61, '172.20.128.2', '172.20.128.3\n172.20.128.4')}`;
    expect(findings(listed, 'KA359')).toEqual([]);
    // Among other peers: still a warning (keepalived issue #2651: a foreign source address puts the instance in FAULT).
    const [note] = findings(`${two('VI_1', 51, '172.20.128.2', '172.20.128.4\n172.20.128.9')}${two('VI_2', 61, '172.20.128.9', '172.20.128.4')}`, 'KA359');
    expect(note!.severity).toBe('warning');
    expect(note!.message).toContain('src address not configured');
    // Every instance sending from one address and listing the others is what a node should write.
    expect(findings(`${two('VI_1', 51, '172.20.128.2', '172.20.128.3')}${two('VI_2', 61, '172.20.128.2', '172.20.128.3')}`, 'KA359')).toEqual([]);
  });
  it.runIf(keepalivedAvailable())('keepalived -t accepts the own address as a peer without a word', () => {
    const r = runKeepalived(instance('A', body('172.16.20.182')));
    expect(r.messages.filter((m) => m.line === 6)).toEqual([]);
  });
});

// A real pair (MichaelZhdanov/Auth-service, haproxy/): VIP and unicast_src_ip both 192.168.99.100 at
// priority 102, on both nodes. keepalived -t accepts it.
describe('KA381 vip-is-source-address', () => {
  const body = (src: string, vip: string, prio = 102) =>
    `state MASTER\ninterface eth0\nvirtual_router_id 51\npriority ${prio}\n${src}\nunicast_peer {\n192.168.100.100\n}\nvirtual_ipaddress {\n10.0.0.1\n${vip}\n}`;
  it('reports a VIP that is the instance\'s own source address below priority 255', () => {
    const [d, ...rest] = findings(instance('VI_1', body('unicast_src_ip 192.168.99.100', '192.168.99.100/32 dev eth0')), 'KA381');
    expect(rest).toEqual([]);
    expect(d!.range.start.line + 1).toBe(12);
    expect(d!.message).toContain("VIP 192.168.99.100/32 of 'VI_1' is its own unicast_src_ip");
    expect(d!.related![0]!.range.start.line + 1).toBe(6);
    // keepalived keeps the last source line, mcast_src_ip included.
    expect(lines(instance('VI_1', body('unicast_src_ip 192.168.99.1\nmcast_src_ip 192.168.99.100', '192.168.99.100')), 'KA381')).toEqual([13]);
    expect(lines(instance('VI_1', body('mcast_src_ip 192.168.99.100\nunicast_src_ip 192.168.99.1', '192.168.99.100')), 'KA381')).toEqual([]);
  });
  // s58 precision audit, live 2.2.7 pairs: a VIP 10.57.0.1/24 on a node whose eth0 has 10.57.0.1/24 was deleted at start
  // ("removing VIPs"), and the unicast instance stayed in FAULT ("src address not configured"); written as 10.57.0.1
  // (/32), the node kept its /24 address as BACKUP while the other node, MASTER, brought up 10.57.0.1/32 too.
  it('says what each prefix leads to: kept and doubled, or deleted (and FAULT with unicast_src_ip)', () => {
    const say = (src: string, vip: string) => findings(instance('VI_1', body(src, vip)), 'KA381')[0]!.message;
    expect(say('unicast_src_ip 192.168.99.100', '192.168.99.100')).toMatch(/if the interface has it with another prefix, this node keeps it in every state .* both answer for it; if with the same one, keepalived deletes it .* the instance stays in FAULT; give the VIPs an address no node has$/);
    expect(say('unicast_src_ip 192.168.99.100', '192.168.99.100/24')).toMatch(/if the interface has it as \/24 too, keepalived deletes it when it starts and whenever it leaves MASTER, so this node has its own address only while MASTER, and without it cannot send adverts from it: the instance stays in FAULT; if with another prefix/);
    expect(say('mcast_src_ip 192.168.99.100', '192.168.99.100/24')).not.toMatch(/FAULT/);
    expect(say('unicast_src_ip 192.168.99.100', '192.168.99.100/24')).not.toMatch(/priority 255, if/);
  });
  it('is quiet for the address owner (priority 255), other VIPs, and without a source address', () => {
    expect(lines(instance('VI_1', body('unicast_src_ip 192.168.99.100', '192.168.99.100', 255)), 'KA381')).toEqual([]);
    expect(lines(instance('VI_1', body('unicast_src_ip 192.168.99.100', '192.168.99.10')), 'KA381')).toEqual([]);
    expect(lines(instance('VI_1', body('', '192.168.99.100')), 'KA381')).toEqual([]);
  });
  it.runIf(keepalivedAvailable())('keepalived -t says nothing about it', () => {
    const r = runKeepalived(instance('VI_1', body('unicast_src_ip 192.168.99.100', '192.168.99.100').replace('interface eth0\n', '')));
    expect(r.messages.filter((m) => /192\.168\.99\.100/.test(m.message))).toEqual([]);
  });
});

// keepalived 2.2.8 (vrrp_sync_group_end_handler) reports a sync group without a group block at its '}':
// "(keepalived.conf: Line 4) Sync group VG1 has no members - removing" (2.2.8, 2.3.1 and 2.4.3 builds);
// 2.2.7 removes it without a word. Found on keepalived's own 1.0.1 sample (lvs_syncd) with the 2.4.3 build.
describe('KA319 without a group block, from 2.2.8', () => {
  const text = 'vrrp_sync_group VG1 {\n  VI_2\n  VI_3\n}\n';
  it('is reported at the closing brace, with keepalived\'s message', () => {
    expect(findings(text, 'KA319').map((d) => d.range.start.line + 1)).toEqual([1]);
    const [d] = findings(text, 'KA319', '2.2.8');
    expect(d!.range.start.line + 1).toBe(4);
    expect(d!.message).toContain('Sync group VG1 has no members - removing');
  });
  it('an empty group block is reported at its brace, and from 2.2.8 the removal at the group\'s own', () => {
    // keepalived 2.2.8 and 2.4.3: "(Line 3) Warning - sync group VG1 has empty group block" and
    // "(Line 5) Sync group VG1 has no members - removing"; 2.2.7 prints the second without a line
    // ("Sync group VG1 has no virtual router(s). removing").
    const empty = 'vrrp_sync_group VG1 {\n  group {\n  }\n  notify /usr/bin/true\n}\n';
    expect(findings(empty, 'KA319').map((d) => d.range.start.line + 1)).toEqual([3]);
    for (const v of ['2.2.8', '2.4.3']) {
      expect(findings(empty, 'KA319', v).map((d) => `${d.range.start.line + 1}: ${/\("([^"]*)"\)/.exec(d.message)?.[1]}`), v).toEqual(['3: undefined', '5: Sync group VG1 has no members - removing']);
    }
  });
});

describe('KA365 script-path-through-symlink', () => {
  // On a merged-/usr host (/bin -> usr/bin) the 2.3.1 and 2.4.3 builds print "Disabling track script chk due to
  // insecure" for `script "/bin/true"` run as root (no script_user, or script_user root with enable_script_security);
  // the 2.2.8 build, `/usr/bin/true`, and `script_user nobody` give no such line. lib/notify.c (2.4.3) walks the written
  // path with AT_SYMLINK_NOFOLLOW and logs "Wrong file type found in script path"; notify scripts are dropped silently.
  const track = (script: string, globals = '') =>
    conf(globals, 'vrrp_script chk {', `  script "${script}"`, '}', 'vrrp_instance VI_1 {', '  interface eth0', '  state BACKUP', '  virtual_router_id 51', '  priority 100', '  virtual_ipaddress {', '    10.0.0.1/24', '  }', '  track_script {', '    chk', '  }', '  notify_master "/sbin/ip link set eth1 up"', '}');
  it('reports scripts under /bin, /sbin or /lib run as root, from 2.3.0', () => {
    const text = track('/bin/true');
    expect(findings(text, 'KA365', '2.3.0').map((d) => d.range.start.line + 1)).toEqual([3, 16]);
    expect(findings(text, 'KA365', '2.4.3')[0]!.message).toContain('(keepalived: "Disabling track script chk due to insecure"); write \'/usr/bin/true\'');
    expect(findings(text, 'KA365', '2.2.8')).toEqual([]);
    expect(findings(text, 'KA365')).toEqual([]);
  });
  it('leaves /usr paths and scripts run as another user alone', () => {
    expect(findings(track('/usr/bin/true'), 'KA365', '2.4.3').map((d) => d.range.start.line + 1)).toEqual([16]);
    const other = track('/bin/true', 'global_defs {\n  enable_script_security\n  script_user nobody\n}');
    expect(findings(other, 'KA365', '2.4.3')).toEqual([]);
    const root = track('/bin/true', 'global_defs {\n  enable_script_security\n  script_user root\n}');
    expect(findings(root, 'KA365', '2.4.3')).toHaveLength(2);
    // No user named, with script security: keepalived_script runs it, or (no such user on the host, as here) the 2.4.3
    // build prints "Unable to set default user for vrrp script chk - removing" — KA602's finding, not a path check.
    expect(findings(track('/bin/true', 'global_defs {\n  enable_script_security\n}'), 'KA365', '2.4.3')).toEqual([]);
    expect(findings(track('/bin/true'), 'KA365', '2.4.3')[0]!.message).toContain('no user is named, and the host has no keepalived_script user');
  });
  it('offers the /usr path, inside the quotes', () => {
    const text = track('/bin/true');
    const fixed = applyFix(text, findings(text, 'KA365', '2.4.3')[0]!.fix!);
    expect(fixed).toContain('  script "/usr/bin/true"\n');
  });
});

describe('KA360 net-namespace-config-test', () => {
  // The 2.0.5, 2.0.19, 2.1.5, 2.2.7, 2.2.8 and 2.4.3 binaries print nothing and exit 0 on this config while
  // namespace 'blue' does not exist; after 'ip netns add blue', 2.2.7 prints "(V) unknown state 'MASTR'…" and exits 5.
  const text = (ns: string) => `${ns}vrrp_instance V {\n    state MASTR\n    interface eth0\n    virtual_router_id 300\n    priority 100\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n`;
  it('notes that keepalived -t stops at a top-level net_namespace', () => {
    const [d, ...rest] = findings(text('net_namespace blue\nnet_namespace red\n'), 'KA360');
    expect(rest).toEqual([]);
    expect(d!.range.start.line + 1).toBe(1);
    expect(d!.severity).toBe('info');
    expect(d!.message).toContain("checks the VRRP and LVS parts of this config only where network namespace 'blue' exists");
    // It does check the global settings there (a harvested config with net_namespace got global errors reported).
    expect(d!.message).toContain('checks only the global settings');
    expect(d!.message).not.toContain('prints nothing');
    expect(findings(text(''), 'KA360')).toEqual([]);
    // Inside global_defs it is an unknown keyword (KA202), not a namespace.
    expect(findings(text('global_defs {\n    net_namespace blue\n}\n'), 'KA360')).toEqual([]);
    // No -t before 2.0.4.
    expect(findings(text('net_namespace blue\n'), 'KA360', '2.0.3')).toEqual([]);
  });
  it('says 2.0.8 to 2.0.10 abort there with an smtp_server and no smtp_helo_name (the 2.0.10 build: "double free or corruption")', () => {
    // Found by the release sweep with a 2.0.10 build (Debian 10): two real configs with net_namespace and an smtp_server.
    const mail = (lines: string) => `net_namespace low\nglobal_defs {\n    router_id lb1\n${lines}}\n`;
    const aborts = (t: string, target = '2.0.10') => findings(t, 'KA360', target)[0]!.message.includes('double free or corruption');
    expect(aborts(mail('    smtp_server 10.1.1.1\n'))).toBe(true);
    expect(aborts(mail('    smtp_server 10.1.1.1\n'), '2.0.8')).toBe(true);
    // The 2.0.7 and 2.0.19 builds exit 0; a HELO name of its own, or a server named by host (not read before 2.1.4), does not abort.
    expect(aborts(mail('    smtp_server 10.1.1.1\n'), '2.0.7')).toBe(false);
    expect(aborts(mail('    smtp_server 10.1.1.1\n'), '2.0.11')).toBe(false);
    expect(aborts(mail('    smtp_server 10.1.1.1\n    smtp_helo_name h\n'))).toBe(false);
    expect(aborts(mail('    smtp_server mail.example.com\n'))).toBe(false);
    // The order of the lines does not matter.
    expect(aborts('global_defs {\n    smtp_server 10.1.1.1\n}\nnet_namespace low\n')).toBe(true);
  });
  it.runIf(keepalivedAvailable())('keepalived -t exits 0 without a word when the namespace is missing', () => {
    const r = runKeepalived(text('net_namespace kalint_no_such_ns\n'));
    expect(r.messages).toEqual([]);
    expect(r.exitStatus).toBe(0);
    expect(runKeepalived(text('')).messages.length).toBeGreaterThan(0);
  });
  it.runIf(keepalivedAvailable())('keepalived -t still reports the global settings, and exits 0 all the same', () => {
    const r = runKeepalived(text('net_namespace kalint_no_such_ns\nglobal_defs {\n    router_id\n}\nfoo_top 1\n'));
    expect(r.messages.map((m) => `${m.line}: ${m.message}`)).toEqual(['3: routerid name missing - ignoring', "5: Unknown keyword 'foo_top'"]);
    expect(r.exitStatus).toBe(0);
  });
});

// s58 daemon audit (2.2.7 daemon log; -t silent): "The vrrp_garp_interval is very large - 1 seconds", the ARPs then
// one a second; "The garp_interval is very large - 2 seconds", "The vrrp_startup_delay is very large - 90 seconds".
describe('KA383 garp-interval-large', () => {
  it('reports an interval of a second or more and a start delayed a minute or more', () => {
    const text = 'global_defs {\n    vrrp_garp_interval 1\n    vrrp_gna_interval 0.5\n    vrrp_startup_delay 90\n}\ngarp_group {\n    garp_interval 2\n    gna_interval 1.5\n    interface eth0\n}\n';
    expect(findings(text, 'KA383').map((d) => [d.range.start.line + 1, d.severity, d.message.slice(0, 40)])).toEqual([
      [2, 'info', 'vrrp_garp_interval 1 s: keepalived space'],
      [4, 'info', 'vrrp_startup_delay 90 s: keepalived star'],
      [7, 'info', 'garp_interval 2 s: keepalived spaces the'],
      [8, 'info', 'gna_interval 1.5 s: keepalived spaces th'],
    ]);
    expect(findings('global_defs {\n    vrrp_garp_interval 0.999\n    vrrp_startup_delay 59\n}\n', 'KA383')).toEqual([]);
    // A live check (3 VIPs at 1 s: 4 ARPs over 3 s): queued repeats of an address are merged, about one ARP per VIP a round.
    expect(findings(text, 'KA383')[0]!.message).toContain('the last of N VIPs is announced about (N - 1) x 1 s after the first');
  });
});

describe('KA380 interface-delays-reset', () => {
  const delays = (line: string) => `interface_up_down_delays {\n    ${line}\n}\n`;
  const on = (body: string) => instance('VI_1', `state BACKUP\ninterface eth0\nvirtual_router_id 51\npriority 100\n${body}\n${vip('10.0.0.1')}`);
  const at = (text: string, target?: string) => findings(text, 'KA380', target).map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1} ${d.message}`);

  // s58 daemon audit (2.2.7 daemon log; -t silent): "No timeouts specified for eth0 up/down delays" and "Too many
  // parameters for eth1 up/down delays", the first two delays of that line still set.
  it('reports a line with no delay and the words after two delays, with or without an instance', () => {
    expect(at(delays('eth0'))).toEqual([expect.stringMatching(/^2:5 eth0 has no delays: keepalived only logs it \("No timeouts specified for eth0 up\/down delays"/)]);
    expect(at(delays('eth1 1 1 2'))).toEqual([expect.stringMatching(/^2:14 eth1 takes two delays, down and up: .* ignores '2'$/)]);
    expect(at(delays('eth1 1 1'))).toEqual([]);
    expect(at(delays('eth0'), '2.2.2')).toEqual([]);
  });
  it('reports a delay not below (down_timer_adverts - 1) x advert_int, with the value keepalived keeps', () => {
    // keepalived 2.2.7 in a network namespace with eth0: "VI_1: interface eth0 debounce timer(s) not less
    // that 2 * advert_int - resetting", and its config dump then shows "Down debounce timer = 1996094us"
    // and "Up debounce timer = 500000us".
    expect(at(delays('eth0 5 0.5') + on('advert_int 1'))).toEqual([
      "2:10 the down delay 5 s of eth0 is not below (down_timer_adverts 3 - 1) x advert_int 1 s = 2 s of vrrp_instance 'VI_1' on eth0; keepalived shortens it to 1.996094 s (it only logs this)",
    ]);
    // Both delays, and the limit follows advert_int and down_timer_adverts.
    expect(at(delays('eth0 2 4') + on('advert_int 1')).length).toBe(2);
    expect(at(delays('eth0 5 4') + on('advert_int 3'))).toEqual([]);
    expect(at(delays('eth0 5 4') + on('down_timer_adverts 10'))).toEqual([]);
    expect(at(delays('eth0 1.9') + on('advert_int 1'))).toEqual([]);
  });

  it('takes down_timer_adverts from global_defs, and strict mode makes it 3', () => {
    const global = (lines: string) => `global_defs {\n${lines}\n}\n`;
    expect(at(global('vrrp_down_timer_adverts 10') + delays('eth0 5') + on('advert_int 1'))).toEqual([]);
    expect(at(global('vrrp_down_timer_adverts 10\nvrrp_strict') + delays('eth0 5') + on('advert_int 1')).length).toBe(1);
  });

  it('with down_timer_adverts 1 every delay is cleared', () => {
    expect(at(delays('eth0 0.5 0.2') + on('down_timer_adverts 1'))).toEqual([
      "2:10 eth0's down delay 0.5 s and up delay 0.2 s cannot be used: vrrp_instance 'VI_1' on eth0 has down_timer_adverts 1, so keepalived clears both delays (it only logs this)",
    ]);
    expect(at(delays('eth0 0 0') + on('down_timer_adverts 1'))).toEqual([]);
  });

  it('needs an instance on that interface, and a release with the delays (2.2.3)', () => {
    expect(at(delays('eth1 5') + on('advert_int 1'))).toEqual([]);
    expect(at(delays('eth0 5') + on('advert_int 1'), '2.2.0')).toEqual([]);
  });
});

// Found by scripts/fuzz-generate.ts: keepalived's BFD process frees a bfd_instance it disables, so a later block of
// that name is its instance (read and checked), while the VRRP and checker processes skip it ("already specified").
describe('KA209 / KA347: a bfd_instance named like one the BFD process disabled', () => {
  const text = conf('bfd_instance b1 {', '    min_rx 10', '}', 'bfd_instance b1 {', '    min_rx 20', '}', 'bfd_instance b2 {', '    neighbor_ip 192.0.2.7', '}', 'bfd_instance b2 {', '    neighbor_ip 192.0.2.8', '}');
  it('reads the second block for the BFD process, and still skips a repeat of a kept instance', () => {
    const found = lintText(text, { file: 'k.conf' }).diagnostics.filter((d) => d.code === 'KA209' || d.code === 'KA347');
    expect(found.map((d) => `${d.code} ${d.range.start.line + 1}`)).toEqual(['KA347 3', 'KA209 4', 'KA347 6', 'KA209 10']);
    expect(found[1]!.message).toMatch(/the BFD process, which disabled the one on line 1 \(it has no neighbor_ip\), reads this one/);
    expect(found[3]!.message).toMatch(/keepalived ignores this whole block/);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    const said = runKeepalived(text).messages.filter((m) => /BFD/.test(m.message)).map((m) => `${m.line}: ${m.message}`);
    expect([...new Set(said)].sort()).toEqual([
      '10: BFD b2 already specified',
      '10: Configuration error: BFD instance b2 already configured - ignoring',
      '3: Configuration error: BFD instance b1 has no neighbor address set, disabling instance',
      '4: BFD b1 already specified',
      '6: Configuration error: BFD instance b1 has no neighbor address set, disabling instance',
    ]);
  });
});

// Found by scripts/fuzz-generate.ts and fuzz-includes.ts: each of the three processes reading bfd_instance keeps its
// own names. The VRRP process drops a block naming the checker only (and the checker one naming the VRRP process
// only) when it ends, so it alone reads a later block of that name: its weight and unknown keywords, nothing else.
describe('KA209 / KA205 / KA201: a bfd_instance repeated after a block that one process dropped', () => {
  const block = (name: string, ...lines: string[]) => [`bfd_instance ${name} {`, ...lines.map((l) => `    ${l}`), '}'];
  const found = (text: string, target?: string) =>
    lintText(text, { file: 'k.conf', targetVersion: target }).diagnostics.filter((d) => ['KA201', 'KA205', 'KA209', 'KA315', 'KA347', 'KA519'].includes(d.code)).map((d) => `${d.code} ${d.range.start.line + 1}`);
  const afterChecker = conf(...block('b1', 'neighbor_ip 192.0.2.9', 'checker'), ...block('b1', 'neighbor_ip 192.0.2.8', 'weight -254 reverse', 'min_rx 0', 'bogus 1'));
  const afterVrrp = conf(...block('b1', 'neighbor_ip 192.0.2.9', 'vrrp'), ...block('b1', 'neighbor_ip 192.0.2.8', 'weight -254 reverse', 'min_rx 0', 'bogus 1'));
  const afterDisabled = conf(...block('b1', 'weight 10'), ...block('b1', 'neighbor_ip 192.0.2.8', 'weight -254 reverse', 'min_rx 0', 'bogus 1'));
  // Before 2.2.3 a 'checker' line counts for every later block the VRRP process reads.
  const checkerEarlier = conf(
    ...block('b1', 'neighbor_ip 192.0.2.9', 'checker'), ...block('b2', 'neighbor_ip 192.0.2.8'), ...block('b2', 'neighbor_ip 192.0.2.7', 'weight 300', 'bogus3'),
    'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 5', '    virtual_ipaddress {', '        192.0.2.1', '    }', '    track_bfd {', '        b2', '    }', '}',
  );

  it('the VRRP process reads the block after one naming the checker only: weight and unknown keywords, not min_rx', () => {
    expect(found(afterChecker)).toEqual(['KA209 5', 'KA205 7', 'KA201 9']);
    const d = lintText(afterChecker, { file: 'k.conf' }).diagnostics.find((x) => x.code === 'KA209')!;
    expect(d.message).toContain("the BFD and checker processes ignore this whole block");
    expect(d.message).toContain("the VRRP process, which dropped the one on line 1 (it has a 'checker' line and no 'vrrp' line), reads this one as 'b1'");
    expect(d.related!.map((r) => `${r.range.start.line + 1} ${r.message}`)).toEqual(['1 defined here, and kept by the BFD and checker processes', '1 dropped here by the VRRP process']);
  });

  it('the checker reads the block after one naming the VRRP process only: unknown keywords alone', () => {
    expect(found(afterVrrp)).toEqual(['KA209 5', 'KA201 9']);
  });

  it('the BFD process reads the block after one it disabled: its settings, not weight', () => {
    expect(found(afterDisabled)).toEqual(['KA347 3', 'KA209 4', 'KA205 7', 'KA201 8']);
  });

  it('before 2.2.3 the VRRP process still counts an earlier block\'s checker line', () => {
    expect(found(checkerEarlier, '2.1.5')).toEqual(['KA209 8', 'KA205 10', 'KA201 11', 'KA315 20']);
    const track = lintText(checkerEarlier, { file: 'k.conf', targetVersion: '2.1.5' }).diagnostics.find((x) => x.code === 'KA315')!;
    expect(track.message).toContain("the 'checker' line of bfd_instance 'b1' (line 1) still counts");
    expect(found(checkerEarlier)).toEqual(['KA209 8']);
  });
  it.skipIf(!releaseBinary('2.1.5'))('agrees with keepalived 2.1.5 -t on the checker line that still counts', () => {
    const said = runRelease(releaseBinary('2.1.5')!, checkerEarlier).messages.filter((m) => m.line !== undefined).map((m) => `${m.line}: ${m.message}`);
    expect(said).toContain("10: number '300' outside range [-253, 253]");
    expect(said).toContain("11: Unknown keyword 'bogus3'");
    expect(said).toContain('20: (VI_1) track bfd b2 not found, ignoring...');
  });

  // Generator seed 543 (2.2.2): keepalived -t reads the checker's part first, in the same process, and before 2.2.3 its
  // VRRP reading starts with the lines counted there (1a005a04 cleared them); the daemon reads so after a reload.
  const track = (...names: string[]) => ['vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 5', '    virtual_ipaddress {', '        192.0.2.1', '    }', '    track_bfd {', ...names.map((n) => `        ${n}`), '    }', '}'];
  const checkerLater = conf(...block('b1', 'neighbor_ip 192.0.2.9'), ...block('b2', 'neighbor_ip 192.0.2.8', 'checker'), ...track('b1'));
  const vrrpLater = conf(...block('b1', 'neighbor_ip 192.0.2.9', 'checker'), ...block('b2', 'neighbor_ip 192.0.2.8', 'vrrp'), ...track('b1', 'b2'));
  it('before 2.2.3 keepalived -t drops a block the daemon keeps at start, when a later block says checker only', () => {
    const at = (text: string, target?: string) => lintText(text, { file: 'k.conf', targetVersion: target }).diagnostics.filter((d) => d.code === 'KA315').map((d) => `${d.range.start.line + 1} ${d.severity}`);
    expect(at(checkerLater, '2.2.2')).toEqual(['15 warning']);
    const d = lintText(checkerLater, { file: 'k.conf', targetVersion: '2.0.19' }).diagnostics.find((x) => x.code === 'KA315')!;
    expect(d.message).toContain(`works when keepalived starts, but keepalived -t before 2.2.3 reports "track bfd b1 not found" here, and the daemon ignores it after a reload`);
    expect(d.message).toContain("the 'checker' line of bfd_instance 'b2' (line 4) still counts");
    expect(at(checkerLater)).toEqual([]);
    // The other way: the daemon drops b1 at start (checker only), -t keeps it (a 'vrrp' line was counted first).
    expect(at(vrrpLater, '2.1.5')).toEqual(['16 error']);
    expect(lintText(vrrpLater, { file: 'k.conf', targetVersion: '2.1.5' }).diagnostics.find((x) => x.code === 'KA315')!.message).toContain('keepalived -t does not report it before 2.2.3');
    expect(lintText(vrrpLater, { file: 'k.conf' }).diagnostics.find((x) => x.code === 'KA315')!.message).not.toContain('keepalived -t');
  });
  for (const release of ['2.0.19', '2.1.5', '2.2.2']) {
    it.skipIf(!releaseBinary(release))(`agrees with keepalived ${release} -t on the lines an earlier reading counted`, () => {
      const said = (text: string) => runRelease(releaseBinary(release)!, text).messages.filter((m) => /track bfd/.test(m.message)).map((m) => `${m.line}: ${m.message}`);
      expect(said(checkerLater)).toEqual(['15: (VI_1) track bfd b1 not found, ignoring...']);
      expect(said(vrrpLater)).toEqual([]);
    });
  }
  it.skipIf(!releaseBinary('2.2.3'))('agrees with keepalived 2.2.3 -t, which clears the lines for each block', () => {
    const said = (text: string) => runRelease(releaseBinary('2.2.3')!, text).messages.filter((m) => /track bfd/.test(m.message)).map((m) => `${m.line}: ${m.message}`);
    expect(said(checkerLater)).toEqual([]);
    expect(said(vrrpLater)).toEqual(['16: (VI_1) track bfd b1 not found, ignoring...']);
    expect(lintText(checkerLater, { file: 'k.conf', targetVersion: '2.2.3' }).diagnostics.filter((d) => d.code === 'KA315')).toEqual([]);
  });

  const afterDuplicateNeighbor = conf(...block('a', 'neighbor_ip 192.0.2.9'), ...block('b', 'neighbor_ip 192.0.2.9'), ...block('b', 'neighbor_ip 192.0.2.8', 'min_rx 0', 'weight 300'));
  it('the BFD process reads the block after one it dropped as a second session to a neighbor', () => {
    expect(found(afterDuplicateNeighbor)).toEqual(['KA209 7', 'KA205 9']);
    expect(lintText(afterDuplicateNeighbor, { file: 'k.conf' }).diagnostics.find((x) => x.code === 'KA209')!.message).toContain("which disabled the one on line 4 (bfd_instance 'a' (line 1) already has its neighbor)");
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t after a second session to a neighbor', () => {
    const lines = runKeepalived(afterDuplicateNeighbor).messages.map((m) => `${m.line}: ${m.message}`);
    expect(lines).toContain("9: Configuration error: BFD instance b min_rx value 0 is not valid (must be in range [1-4294967]), ignoring");
    expect(lines.some((l) => l.startsWith('10:'))).toBe(false);
  });

  it('a name too long for the BFD and VRRP processes is read by the checker alone', () => {
    const long = conf(...block('abcdefghijabcdefghijabcdefghijabcdefghij', 'neighbour_ip 192.0.2.9', 'weight 300', 'bogus 1'));
    expect(found(long)).toEqual(['KA205 1', 'KA201 4']);
  });

  it('a BFD_CHECK finds the block the checker keeps', () => {
    const vs = ['virtual_server 192.0.2.1 80 {', '    protocol TCP', '    real_server 192.0.2.9 80 {', '        BFD_CHECK {', '            name b1', '        }', '    }', '}'];
    expect(found(conf(...block('b1', 'neighbor_ip 192.0.2.9', 'vrrp'), ...vs))).toEqual(['KA519 9']);
    expect(found(conf(...block('b1', 'neighbor_ip 192.0.2.9', 'vrrp'), ...block('b1', 'neighbor_ip 192.0.2.8'), ...vs))).toEqual(['KA209 5']);
  });

  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    const said = (text: string) => [...new Set(runKeepalived(text).messages.filter((m) => m.line !== undefined).map((m) => `${m.line}: ${m.message}`))].sort();
    expect(said(afterChecker)).toEqual([
      '5: BFD b1 already specified',
      '5: Configuration error: BFD instance b1 already configured - ignoring',
      "7: Configuration error: BFD instance b1 weight value -254 not valid (must be in range [-253-253]), ignoring",
      "7: number '-254' outside range [-253, 253]",
      "9: Unknown keyword 'bogus'",
    ]);
    expect(said(afterVrrp)).toEqual(['5: BFD b1 already specified', '5: Configuration error: BFD instance b1 already configured - ignoring', "9: Unknown keyword 'bogus'"]);
  });
});

// Found by scripts/fuzz-generate.ts against the 2.2.8 and 2.4.3 builds: from 2.2.8 a sync group or track_group
// without members is removed when its block ends, and the name is free again: a later block of that name is read.
describe('KA209: a sync group or track_group named like one removed for having no members (2.2.8 on)', () => {
  const text = conf(
    'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 1', '    virtual_ipaddress {', '        192.0.2.1', '    }', '}',
    'vrrp_sync_group SG_1 {', '    track_script {', '        chk_x', '    }', '}',
    'vrrp_sync_group SG_1 {', '    track_script {', '        chk_y', '    }', '}',
    'track_group tg_1 {', '}', 'track_group tg_1 {', '    group {', '        VI_1', '    }', '}',
  );
  it('reads the second block from 2.2.8, and skips it before', () => {
    const at = (target?: string) => lintText(text, { file: 'k.conf', targetVersion: target }).diagnostics.filter((d) => ['KA209', 'KA315', 'KA319', 'KA335'].includes(d.code)).map((d) => `${d.code} ${d.range.start.line + 1}`);
    expect(at('2.2.8')).toEqual(['KA315 10', 'KA319 12', 'KA209 13', 'KA315 15', 'KA319 17', 'KA335 19', 'KA209 20']);
    expect(lintText(text, { file: 'k.conf', targetVersion: '2.2.8' }).diagnostics.find((d) => d.code === 'KA209')!.message).toMatch(/removed the first one \(line 8\) when its block ended/);
    expect(at()).toEqual(['KA319 8', 'KA315 10', 'KA209 13', 'KA209 20']);
  });
  for (const release of ['2.2.8', '2.4.3']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`agrees with keepalived ${release} -t`, () => {
      const said = runRelease(binary!, text).messages.filter((m) => /not found|no members|already defined/.test(m.message)).map((m) => `${m.line}: ${m.message}`);
      expect([...new Set(said)]).toEqual([
        '10: (SG_1) track script chk_x not found, ignoring...',
        '12: Sync group SG_1 has no members - removing',
        '15: (SG_1) track script chk_y not found, ignoring...',
        '17: Sync group SG_1 has no members - removing',
        '19: Static track group tg_1 has no members - removing',
      ]);
    });
  }
});

// From 2.2.8 keepalived keeps a track_group or sync group at its end handler, which a block ended by a repeated
// group list's '}' never reaches: the group is lost (found with scripts/fuzz-generate.ts against 2.4.3).
describe('KA209: a group ended by a repeated group list is lost from 2.2.8', () => {
  const text = conf(
    'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 1', '    virtual_ipaddress {', '        192.0.2.1', '    }', '}',
    'track_group tg_1 {', '    group {', '        VI_1', '    }', '    group {', '        VI_1', '    }', '}',
    'static_ipaddress {', '    192.0.2.9 dev eth0 track_group tg_1', '}',
    'vrrp_sync_group SG_1 {', '    group {', '        VI_1', '    }', '    group {', '        VI_1', '    }', '}',
    'vrrp_sync_group SG_1 {', '    group {', '        VI_1', '    }', '}',
  );
  const at = (target?: string) => lintText(text, { file: 'k.conf', targetVersion: target }).diagnostics.filter((d) => ['KA209', 'KA315'].includes(d.code)).map((d) => `${d.code} ${d.range.start.line + 1}`);
  it('loses the group from 2.2.8 (references not found, a later block read), keeps it before', () => {
    expect(at('2.2.8')).toEqual(['KA209 12', 'KA315 17', 'KA209 23']);
    expect(at()).toEqual(['KA209 12', 'KA209 23', 'KA209 27']);
    expect(lintText(text, { file: 'k.conf', targetVersion: '2.4.3' }).diagnostics.find((d) => d.code === 'KA209')!.message).toMatch(/'tg_1' is lost altogether: references to it are not found/);
  });
  for (const release of ['2.2.7', '2.2.8', '2.4.3']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`agrees with keepalived ${release} -t`, () => {
      const said = runRelease(binary!, text).messages.filter((m) => /not found|already/.test(m.message)).map((m) => `${m.line}: ${m.message}`);
      expect([...new Set(said)]).toEqual(
        release === '2.2.7'
          ? ['12: Group list already specified for sync group tg_1', '23: Group list already specified for sync group SG_1', '27: vrrp sync group SG_1 already defined']
          : ['12: Group list already specified for sync group tg_1', '17: track_group tg_1 not found', '23: Group list already specified for sync group SG_1'],
      );
    });
  }
});

// From 2.2.8 an instance without an interface falls back to multicast when it has a unicast keyword but no peer, and
// keepalived's duplicate VRID check then reads its missing interface (found with scripts/fuzz-generate.ts against 2.2.8).
describe('KA338: two multicast instances of one VRID, one without an interface, crash 2.2.8+', () => {
  const inst = (name: string, vrid: number, body: string) => `vrrp_instance ${name} {\nvirtual_router_id ${vrid}\n${body}}\n`;
  const fallback = (name: string, vrid = 51, src = '192.0.2.2') => inst(name, vrid, `unicast_src_ip ${src}\nvirtual_ipaddress {\n10.0.0.2 dev eth0\n}\n`);
  const withIface = (body: string) => inst('A', 51, `interface eth0\n${body}`);
  const cases: [string, string, string[]][] = [
    ['an instance with an interface', withIface('virtual_ipaddress {\n10.0.0.1\n}\n') + fallback('B'), ['B']],
    ['another instance falling back', fallback('B') + fallback('C'), ['B', 'C']],
    ['another multicast group', withIface('mcast_dst_ip 224.0.0.19\nvirtual_ipaddress {\n10.0.0.1\n}\n') + fallback('B'), ['B']],
    ['another family', withIface('virtual_ipaddress {\nfe80::1\n}\n') + fallback('B'), []],
    ['a unicast instance', withIface('unicast_peer {\n192.0.2.9\n}\nvirtual_ipaddress {\n10.0.0.1\n}\n') + fallback('B'), []],
    ['another VRID', fallback('B') + fallback('C', 52), []],
    ['an instance keepalived rejects', inst('A', 51, 'virtual_ipaddress {\n10.0.0.1\n}\n') + fallback('B') + fallback('C'), []],
  ];
  const crashing = (text: string, release: string) =>
    lintText(text, { file: 'k.conf', targetVersion: release }).diagnostics.filter((d) => d.code === 'KA338' && d.message.includes('duplicate virtual_router_id check')).map((d) => /'(\w+)'/.exec(d.message)![1]);
  it('predicts the crash from 2.2.8 only', () => {
    for (const [what, text, want] of cases) {
      expect(crashing(text, '2.2.8'), what).toEqual(want);
      expect(crashing(text, '2.4.3'), what).toEqual(want);
      expect(crashing(text, '2.2.7'), what).toEqual([]);
    }
  });
  for (const release of ['2.2.8', '2.4.3']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`agrees with keepalived ${release} -t (the cases that need no interface on the host)`, () => {
      for (const [what, text, want] of cases) {
        if (text.includes('interface eth0') && want.length) continue;
        expect(runRelease(binary!, text).signal === 'SIGSEGV', what).toBe(want.length > 0);
      }
    });
  }
});

// keepalived looks a sync group's tracked names up as it reads each line, so a group it then loses at a repeated
// `group` list (from 2.2.8) has had them reported already (found with scripts/fuzz-generate.ts against 2.2.8 and 2.4.3).
describe('KA315/KA337: the track lines of a sync group lost at a repeated group list', () => {
  const text = conf(
    'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 1', '    virtual_ipaddress {', '        192.0.2.1', '    }', '}',
    'vrrp_sync_group SG_1 {', '    track_process {', '        tp_1', '    }', '    track_interface {', '        eth0', '        eth0', '        lo weight 255', '    }',
    '    group {', '        VI_1', '    }', '    group {', '        VI_1', '    }', '}',
    'vrrp_script chk_1 {', '    script /usr/bin/true', '}',
  );
  const at = (target?: string) => lintText(text, { file: 'k.conf', targetVersion: target }).diagnostics.filter((d) => ['KA315', 'KA336', 'KA337'].includes(d.code)).map((d) => `${d.code} ${d.range.start.line + 1}`);
  it('reports them from 2.2.8 as before', () => {
    expect(at('2.2.8')).toEqual(['KA315 10', 'KA337 14', 'KA336 15']);
    expect(at('2.4.3')).toEqual(['KA315 10', 'KA337 14', 'KA336 15']);
    expect(at()).toEqual(['KA315 10', 'KA337 14', 'KA336 15']);
  });
  for (const release of ['2.2.7', '2.2.8', '2.4.3']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`agrees with keepalived ${release} -t`, () => {
      const said = runRelease(binary!, text).messages.filter((m) => /not found|duplicate|must be between/.test(m.message)).map((m) => `${m.line}: ${m.message}`);
      expect([...new Set(said)]).toEqual(['10: (SG_1) track process tp_1 not found, ignoring...', '14: (SG_1) duplicate track_interface eth0 - ignoring', '15: (SG_1) weight 255 for lo must be between [-253..253] inclusive. Ignoring...']);
    });
  }
});

// Found by scripts/fuzz-generate.ts: an instance in strict mode takes global_defs' vrrp_down_timer_adverts when it
// sets none, and keepalived resets that too.
describe("KA339: global_defs' vrrp_down_timer_adverts for a strict instance", () => {
  const text = (global: string, own = '') =>
    conf('global_defs {', `    vrrp_down_timer_adverts ${global}`, '}', 'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 1', '    strict_mode', ...(own ? [`    ${own}`] : []), '    virtual_ipaddress {', '        192.0.2.1', '    }', '}');
  const cases: [string, string, number[]][] = [
    ['5', '', [4]],
    ['3', '', []],
    ['5', 'down_timer_adverts 3', []],
    ['5', 'down_timer_adverts 4', [8]],
  ];
  it('reports the global timer at the instance, unless the instance sets its own', () => {
    for (const [global, own, want] of cases) expect(lines(text(global, own), 'KA339'), `${global} ${own}`).toEqual(want);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [global, own, want] of cases) {
      const said = runKeepalived(text(global, own)).messages.some((m) => /down_timer_adverts is incompatible with strict mode/.test(m.message));
      expect(said, `${global} ${own}`).toBe(want.length > 0);
    }
  });
});

describe('KA382 ipv6-unicast-without-source', () => {
  // Two live 2.2.7 nodes (and two 2.4.3 ones) with IPv6 VIPs, each listing the other's global address and neither
  // a unicast_src_ip: "VRRP sockpool: … unicast, address(fe80::…)", both MASTER all the time (session 57).
  const text = (extra: string, peer = '2001:db8::2') => instance('VI_1', `interface eth0\n${extra}unicast_peer {\n${peer}\n}\n${vip('2001:db8::100/64')}`);
  it('reports a global peer without unicast_src_ip, from 2.1.0', () => {
    expect(findings(text(''), 'KA382')).toHaveLength(1);
    expect(findings(text('unicast_src_ip 2001:db8::1\n'), 'KA382')).toEqual([]);
    expect(findings(text('', 'fe80::2'), 'KA382')).toEqual([]);
    expect(findings(text('', '2001:db8::2'), 'KA382', '2.0.19')).toEqual([]);
    // IPv4: the source is the interface's primary address, which the peers list.
    expect(findings(instance('VI_1', `interface eth0\nunicast_peer {\n10.0.0.2\n}\n${vip('10.0.0.100')}`), 'KA382')).toEqual([]);
  });
});

// Found by the release audit (session 59): checks of 2.2.8 and 2.3.3 that kalint did not know. The 2.2.8, 2.3.3 and
// 2.4.3 builds print each message quoted here, and nothing for the good variants.
describe('KA384 instance-setting-reset', () => {
  const inst = (name: string, ...lines: string[]) => instance(name, ['interface eth0', 'virtual_router_id 51', ...lines].join('\n'));
  it('timer_expired_backup without nopreempt in effect (2.2.8 on)', () => {
    const bare = inst('A', 'state BACKUP', 'priority 100', 'timer_expired_backup');
    expect(findings(bare, 'KA384', '2.2.8').map((d) => d.message)).toEqual([
      `timer_expired_backup of 'A' needs nopreempt, and the instance has no nopreempt: keepalived resets it ("expired_timer_backup requires nopreempt - resetting")`,
    ]);
    expect(findings(inst('A', 'state MASTER', 'priority 150', 'nopreempt', 'timer_expired_backup 200'), 'KA384', '2.4.3')[0]?.message).toContain('keepalived clears nopreempt on an instance that starts as MASTER');
    expect(findings(inst('A', 'state BACKUP', 'priority 100', 'nopreempt', 'timer_expired_backup'), 'KA384', '2.4.3')).toEqual([]);
    expect(findings(bare, 'KA384', '2.2.7')).toEqual([]);
    // A value keepalived refuses sets nothing (2.2.8, 2.4.3: only "highest_other_priority not valid!").
    expect(findings(inst('A', 'state BACKUP', 'priority 100', 'timer_expired_backup 300'), 'KA384', '2.4.3')).toEqual([]);
  });
  it('owner_ignore_adverts off the owner, or turned off on it (2.3.3 on)', () => {
    const notOwner = inst('A', 'priority 100', 'owner_ignore_adverts');
    expect(findings(notOwner, 'KA384', '2.3.3').map((d) => d.message)).toEqual([
      `owner_ignore_adverts of 'A' is for the address owner only, and its priority is 100: keepalived ignores it ("ignoring owner_ignore_adverts since priority is not 255")`,
    ]);
    expect(findings(inst('A', 'priority 255', 'owner_ignore_adverts false'), 'KA384', '2.4.3')[0]?.message).toContain('keepalived turns owner_ignore_adverts back on, strict mode or not');
    expect(findings(inst('A', 'priority 255', 'owner_ignore_adverts'), 'KA384', '2.4.3')).toEqual([]);
    expect(findings(inst('A', 'priority 100', 'owner_ignore_adverts off'), 'KA384', '2.4.3')).toEqual([]);
    // A later line with a value keepalived refuses leaves the earlier one in force (2.4.3 still says "ignoring").
    expect(findings(inst('A', 'priority 100', 'owner_ignore_adverts', 'owner_ignore_adverts bogus'), 'KA384', '2.4.3')).toHaveLength(1);
  });
});

// Found by session 60's mistakes audit: `10.61.0.1/16 via …` in virtual_routes passes -t, and on MASTER the daemon
// logs "Netlink: error: Invalid argument(22), type=RTM_NEWROUTE(24)" and no route is there (1.3.5, 2.0.19, 2.2.7,
// 2.4.3 daemons in a namespace; `ip route add 10.61.0.1/16 …`: "Invalid prefix for given prefix length").
describe('KA385 route-host-bits', () => {
  const routes = (block: string, ...l: string[]) =>
    block === 'static_routes' ? conf('static_routes {', ...l.map((x) => `    ${x}`), '}') : instance('A', `interface eth0\nvirtual_router_id 1\npriority 100\n${vip('10.250.1.50/24')}\n${block} {\n${l.join('\n')}\n}`);
  it('reports an IPv4 destination with bits beyond its prefix, with the network address as the fix', () => {
    const text = routes('virtual_routes', '10.61.0.1/16 via 10.250.1.254 dev eth0', '10.60.0.0/16 via 10.250.1.254 dev eth0', 'blackhole 10.62.3.4/8', '10.63.0.1 via 10.250.1.254 dev eth0', '192.168.1.129/25 dev eth0', '192.168.1.128/25 dev eth0');
    const ds = findings(text, 'KA385');
    expect(ds.map((d) => [d.range.start.line + 1, d.range.start.column, d.severity])).toEqual([[9, 4, 'warning'], [11, 14, 'warning'], [13, 4, 'warning']]);
    expect(ds[0]!.message).toBe('route destination 10.61.0.1/16 has bits set beyond its /16 prefix: keepalived -t accepts it, but the kernel refuses the route each time keepalived adds it on becoming MASTER (the daemon logs "Netlink: error: Invalid argument"), so this virtual route is never installed; write the network address 10.61.0.0/16 (or /32 for one host)');
    expect(ds.map((d) => d.fix!.edits[0]!.newText)).toEqual(['10.61.0.0/16', '10.0.0.0/8', '192.168.1.128/25']);
    expect(applyFix(text, ds[0]!.fix!)).toContain('    10.61.0.0/16 via 10.250.1.254 dev eth0\n');
    expect(findings(routes('static_routes', '10.99.0.1/16 via 10.250.1.254 dev eth0'), 'KA385')[0]!.message).toContain('the kernel refuses the route when keepalived adds it at start');
    // keepalived reads /+24 as /24 (the recheck: the kernel refused 10.67.0.1/+24 live).
    expect(findings(routes('static_routes', '10.67.0.1/+24 via 10.250.1.254 dev eth0'), 'KA385').map((d) => d.fix!.edits[0]!.newText)).toEqual(['10.67.0.0/24']);
  });
  it('leaves IPv6 routes (the kernel masks them), rules, and lines keepalived drops alone', () => {
    expect(findings(routes('static_routes', '2001:db8:7::1/48 via 2001:db8::fe dev eth0', '10.61.0.1/33 dev eth0', '0.0.0.0/0 dev eth0'), 'KA385')).toEqual([]);
    expect(findings(conf('static_rules {', '    from 10.61.0.1/16 table 100 priority 100', '}'), 'KA385')).toEqual([]);
    // Dropped (KA330): a second destination with another family.
    expect(findings(routes('static_routes', '10.61.0.1/16 via 2001:db8::1 dev eth0'), 'KA385')).toEqual([]);
    // 2.0.7 reads /0 as /32 (KA330 says so): nothing lies beyond it.
    expect(findings(routes('static_routes', '10.0.0.1/0 dev eth0'), 'KA385', '2.0.7')).toEqual([]);
    expect(findings(routes('static_routes', '10.0.0.1/0 dev eth0'), 'KA385')[0]!.fix!.edits[0]!.newText).toBe('0.0.0.0/0');
    // From a $NAME: reported, no edit of the definition's text.
    expect(findings(conf('$NET=10.61.0.1/16', 'static_routes {', '    $NET dev eth0', '}'), 'KA385').map((d) => d.fix)).toEqual([undefined]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t says nothing of it', () => {
    expect(runKeepalived(routes('static_routes', '10.99.0.1/16 dev lo')).messages).toEqual([]);
  });
  it.skipIf(!(keepalivedAvailable() && canMakeNamespaces()))('the daemon cannot install it; the network address, an IPv6 route and a rule go on', async () => {
    const bad = await runDaemon(routes('static_routes', '10.99.0.1/16 dev eth0'));
    expect(bad.text.match(/Netlink: error: Invalid argument\(22\), type=RTM_NEWROUTE/g)).toHaveLength(1);
    const good = await runDaemon(conf('static_routes {', '    10.99.0.0/16 dev eth0', '    2001:db8:7::1/48 dev eth0', '}', 'static_rules {', '    from 10.61.0.1/16 table 100 priority 100', '}'));
    expect(good.text).toContain('Startup complete');
    expect(good.text).not.toContain('Netlink: error');
  }, 60_000);
});

describe('KA306 with the priority there, misspelt', () => {
  it('names the line and offers no priority to add', () => {
    const [d] = findings(instance('A', 'state MASTER\nPRIORITY 150\ninterface eth0\nvirtual_router_id 5\n' + vip('10.0.0.1')), 'KA306');
    expect(d!.message).toContain("(probably the misspelt 'PRIORITY' on line");
    expect(d!.fix).toBeUndefined();
  });
});

// Session 60's missed-mistakes audit: a netmask after a VIP (ifconfig's habit), misspelt address options, and an
// instance keyword written inside virtual_ipaddress got findings that did not say what was meant.
describe('address lines: a netmask, a misspelt option, a keyword of the instance', () => {
  const text = instance('VI_1', 'interface eth0\nvirtual_router_id 5\npriority 100\nvirtual_ipaddress {\n192.168.10.100 255.255.255.0\n192.168.10.101/24 lable eth0:web\nadvert_int 1\n}');
  it('says the mask leaves the address /32 and offers the prefix', () => {
    const [mask, lable] = findings(text, 'KA346');
    expect(mask!.message).toContain("'255.255.255.0' is a netmask, which keepalived does not read after an address: it ignores the word and adds 192.168.10.100 as /32");
    expect(applyFix(text, mask!.fix!)).toContain('192.168.10.100/24\n');
    expect(lable!.message).toBe("'lable' is not an address option; did you mean 'label'? keepalived ignores it and 'eth0:web' after it (keepalived: \"Unknown configuration entry\" for each)");
    expect(lable!.fix?.edits[0]?.newText).toBe('label');
  });
  it('names the instance keyword written inside the address block', () => {
    const d = findings(text, 'KA205').find((x) => x.message.includes('advert_int'));
    expect(d!.message).toContain("'advert_int' is a vrrp_instance keyword: move it out of the 'virtual_ipaddress' block");
  });
  it.skipIf(!keepalivedAvailable())('as keepalived 2.2.7 -t reads them', () => {
    const said = runKeepalived(text).messages.map((m) => m.message);
    expect(said).toEqual(expect.arrayContaining(["Unknown configuration entry '255.255.255.0' for ip address - ignoring", "Unknown configuration entry 'lable' for ip address - ignoring", "Unknown configuration entry 'eth0:web' for ip address - ignoring"]));
  });
});

// Session 60's fuzzing: keepalived reads a unicast peer up to a '-' (2.2.7 -t: "address family must match VRRP
// instance [192.0.2.50] - ignoring", "No VIP specified; at least one is required").
describe('a unicast peer written as a range gives the instance its family', () => {
  it('reports the VIP of the other family, not the peer', () => {
    const text = instance('VI_1', 'interface eth0\nvirtual_router_id 1\npriority 100\nunicast_peer {\n2001:db8::1-ff\n}\nvirtual_ipaddress {\n192.0.2.50\n}');
    const lines = (code: string) => findings(text, code).map((d) => d.range.start.line + 1);
    expect(lines('KA313')).toEqual([9]);
    expect(findings(text, 'KA323')).toEqual([]);
    expect(findings(text, 'KA312')).toHaveLength(1);
  });
});

// Session 60's fuzzing: a ':' in the prefix makes keepalived read the word as IPv6 and skip it, -t and the daemon alike
// ("VRRP parsed invalid IP 192.0.2.1/24:5. skipping IP..."); kalint had said /32 (-t) and /24 (the daemon).
describe("a ':' in a VIP's prefix", () => {
  it('is an address keepalived skips', () => {
    const text = instance('VI_1', 'interface eth0\nvirtual_router_id 1\npriority 100\nvirtual_ipaddress {\n192.0.2.1/24:5\n}');
    expect(findings(text, 'KA312')).toHaveLength(1);
    expect(findings(text, 'KA205')[0]!.message).not.toContain('running daemon');
  });
});

// Session 60's variants audit: the guess was defined after the instance, so the rename alone left the entry ignored.
describe('KA315 guessing a vrrp_script defined after the instance', () => {
  it('says the guess must move up too', () => {
    const text = conf('vrrp_instance A {', '  interface eth0', '  virtual_router_id 5', '  priority 100', '  track_script {', '    chk_haproy', '  }', '  virtual_ipaddress {', '    10.0.0.5', '  }', '}', 'vrrp_script chk_haproxy {', '  script "/usr/bin/true"', '}');
    expect(findings(text, 'KA315')[0]!.message).toContain("(did you mean 'chk_haproxy'? It is defined only after 'A', and keepalived needs it defined first)");
  });
});

// Session 60's missed-mistakes audit: 2.2.7 -t "(VI_WEB): address family must match VRRP instance [192.168.10.100/24]
// - ignoring" — the IPv6 mcast_src_ip read first made the instance IPv6; the finding blamed the VIP alone.
describe('KA313 names the source address that gave the instance its family', () => {
  it('points at it from the VIP it costs', () => {
    const text = instance('VI_WEB', 'interface eth0\nvirtual_router_id 51\npriority 150\nmcast_src_ip 2001:db8::1\nvirtual_ipaddress {\n192.168.10.100/24 dev eth0\n}');
    const [d] = findings(text, 'KA313');
    expect(d!.message).toContain("(its family comes from 'mcast_src_ip 2001:db8::1' on line 5, read before the addresses: is that address the one to change?)");
    expect(d!.related?.[0]?.range.start.line).toBe(4);
  });
});

// Session 63's audit of keepalived 2.2.7's own messages (msgs63). parse_nexthops (the same from 1.3.5 to 2.4.3) takes
// `via inet|inet6 ADDR`, and a nexthop it cannot use ends the nexthops there, not the route: the 2.2.7 daemon installed
// `10.1.0.0/16 dev eth0 nexthop via 1.2.3 dev eth0` and `… nexthop via inet6 fe80::1 dev eth0` on-link, and
// `10.5.0.0/16 dev eth0 nexthop via 192.168.1.1 dev eth0 as to 5 nexthop …` on-link too (both nexthops lost); a word
// that is no nexthop option is "trailing nonsense after nexthops" and the nexthops before it stay (`… bogus` was
// installed via 192.168.1.1). `nexthop gw X` leaves an empty nexthop, and the kernel (6.18) refused the route.
describe('KA330 nexthops as parse_nexthops reads them (msgs63 bugs 1 and 5)', () => {
  const routes = (...ls: string[]) => `static_routes {\n${ls.map((l) => `    ${l}\n`).join('')}}\n`;
  const said = (text: string) => findings(text, 'KA330').map((d) => [d.range.start.line + 1, d.severity, d.message]);
  it("takes 'via inet|inet6 ADDR' in a nexthop", () => {
    const text = routes('10.2.0.0/16 dev eth0 nexthop via inet 192.168.1.1 dev eth0', 'fd00::/64 dev eth0 nexthop via inet6 fe80::1 dev eth0', 'default dev eth0 table 7 nexthop via inet6 fd00::1 dev eth0');
    expect(said(text)).toEqual([]);
    if (keepalivedAvailable()) expect(runKeepalived(text).messages).toEqual([]);
  });
  it('drops the nexthop, not the route, for a bad or mismatched gateway and for as [to]', () => {
    const text = routes(
      '10.1.0.0/16 dev eth0 nexthop via 1.2.3 dev eth0',
      '10.3.0.0/16 dev eth0 nexthop via inet6 fe80::1 dev eth0',
      '10.20.0.0/16 dev eth0 nexthop via 192.168.1.1 dev eth0 nexthop via fd00::1 dev eth0',
      '10.5.0.0/16 dev eth0 nexthop via 192.168.1.1 dev eth0 as to 5 nexthop via 192.168.1.2 dev eth0',
    );
    expect(said(text)).toEqual([
      [2, 'warning', `nexthop gateway '1.2.3' is not a valid IP address; keepalived drops this nexthop and those after it (keepalived: "invalid nexthop address 1.2.3")`],
      [3, 'warning', `'via inet6' says IPv6, but the route is IPv4; keepalived drops this nexthop and those after it (keepalived: "IPv4/6 mismatch for nexthop")`],
      [4, 'warning', `nexthop gateway 'fd00::1' is IPv6, but the route is IPv4; keepalived drops this nexthop and those after it (keepalived: "Address family mismatch for next hop")`],
      [5, 'warning', `'as [to]' (NAT) is not supported in a nexthop; keepalived drops this nexthop and those after it (keepalived: "'as [to]' (nat) not supported")`],
    ]);
    if (keepalivedAvailable()) {
      expect(runKeepalived(text).messages.map((m) => [m.line, m.message])).toEqual(expect.arrayContaining([
        [2, 'invalid nexthop address 1.2.3'], [3, 'IPv4/6 mismatch for nexthop'], [4, 'Address family mismatch for next hop'], [5, "'as [to]' (nat) not supported"],
      ]));
    }
  });
  it('errs when the dropped nexthop is the first and the route names no interface of its own (recheck63)', () => {
    // 2.2.7 daemon on Linux 6.18: `10.9.0.0/16 nexthop via 1.2.3` (and `… weight 0`, `as to`, `via inet6` on IPv4)
    // failed with "No such device" and was not installed; a whole nexthop before the dropped one, or the route's own
    // `dev`, keeps it (installed via the first nexthop, or on-link).
    const text = routes(
      '10.9.0.0/16 nexthop via 1.2.3',
      '10.10.0.0/16 dev eth0 nexthop via 1.2.3 dev eth0',
      '10.11.0.0/16 nexthop via 192.168.1.1 dev eth0 nexthop via 1.2.3 dev eth1',
      '10.12.0.0/16 nexthop via 192.168.1.1 weight 0',
      '10.13.0.0/16 nexthop via 192.168.1.1 dev eth0 as to 10.1.1.1',
    );
    const ds = said(text);
    expect(ds.map(([l, s]) => [l, s])).toEqual([[2, 'error'], [3, 'warning'], [4, 'warning'], [5, 'error'], [6, 'error']]);
    expect(ds[0]![2]).toContain('which leaves the route with no nexthop and no interface of its own, and the kernel refuses the route when keepalived adds it');
    expect(ds[1]![2]).not.toContain('kernel');
  });
  it('warns at the word that ends the nexthops, and errs when it leaves an empty nexthop', () => {
    const text = routes(
      '10.7.0.0/16 dev eth0 nexthop via 192.168.1.1 dev eth0 bogus',
      '10.17.0.0/16 dev eth0 nexthop via 192.168.1.1 dev eth0 table 5',
      '10.16.0.0/16 dev eth0 nexthop gw 192.168.1.1 dev eth0',
      '10.23.0.0/16 dev eth0 nexthop via 192.168.1.1 dev eth0 nexthop',
      '10.19.0.0/16 dev eth0 nexthop via 192.168.1.1 dev eth0 encap foo bar nexthop via 192.168.1.2 dev eth0',
    );
    const ds = said(text);
    expect(ds.map(([l, s]) => [l, s])).toEqual([[2, 'warning'], [3, 'warning'], [4, 'error'], [5, 'error'], [6, 'warning']]);
    expect(ds[0]![2]).toBe(`'bogus' is not a nexthop option: keepalived keeps the nexthops before it and ignores the rest of the line (keepalived: "Route has trailing nonsense after nexthops - bogus")`);
    expect(ds[1]![2]).toContain("(route options go before the first 'nexthop')");
    expect(ds[2]![2]).toMatch(/^'gw' is not a nexthop option \(a nexthop's gateway follows 'via'\): .* the kernel refuses the route when keepalived adds it$/);
    expect(ds[3]![2]).toMatch(/^keepalived reads nothing for this nexthop/);
    if (keepalivedAvailable()) {
      expect(runKeepalived(text).messages.map((m) => [m.line, m.message])).toEqual([
        [2, 'Route has trailing nonsense after nexthops - bogus'], [3, 'Route has trailing nonsense after nexthops - table'], [4, 'Route has trailing nonsense after nexthops - gw'], [6, 'Unknown encap type - foo'],
      ]);
    }
  });
});

// msgs63 bug 2: `encap ip6 … tc N` is read like `encap ip … tos N` (find_rttables_dsfield, at most 255). 2.2.7 -t for
// `tc 300`: "tc value tc is invalid for ip6 encapsulation", then "unknown route keyword tc"; the daemon did not install
// fd01::/64, and installed the same line with `tc 5`.
describe('KA330 encap ip6 tc (msgs63 bug 2)', () => {
  it('drops the route for a tc above 255 or that no rt_dsfield can name, as for encap ip tos', () => {
    const text = 'static_routes {\n    fd01::/64 dev eth0 encap ip6 id 5 dst fd00::1 tc 300\n    fd02::/64 dev eth0 encap ip6 id 5 dst fd00::1 tc 5\n    fd03::/64 dev eth0 encap ip6 id 5 dst fd00::1 tc 0x1g\n    10.1.0.0/16 dev eth0 encap ip id 5 dst 10.0.0.1 tos 300\n}\n';
    const ds = findings(text, 'KA330');
    expect(ds.map((d) => [d.range.start.line + 1, d.severity])).toEqual([[2, 'error'], [4, 'error'], [5, 'error']]);
    expect(ds[0]!.message).toBe("'encap ip6 tc' needs a number 0..255 or a name from rt_dsfield, not '300'; keepalived skips this static route");
    if (keepalivedAvailable()) {
      const said = runKeepalived(text).messages.filter((m) => /invalid for ip6|dsfield/.test(m.message)).map((m) => m.line);
      expect(said).toEqual([2, 4, 5]);
    }
  });
});

// msgs63 bug 3: keepalived (1.3.5 to 2.4.3) turns `via A or B` into two nexthops; a `nexthop` after it is "Cannot specify
// nexthops with "or" route" and the route is dropped (2.2.7 daemon: 10.4.0.0/16 not installed), a second `or` is passed
// over unread ("or" route already specified - ignoring subsequent).
describe("KA330 'or' with nexthops or a second 'or' (msgs63 bug 3)", () => {
  it("drops the route for 'or' then 'nexthop', and warns that a second 'or' is ignored", () => {
    const text = 'static_routes {\n    10.4.0.0/16 dev eth0 via 192.168.1.1 or 192.168.1.2 nexthop via 192.168.1.3 dev eth0\n    10.8.0.0/16 dev eth0 via 192.168.1.1 or 192.168.1.2 or 192.168.1.3\n    10.9.0.0/16 dev eth0 via 192.168.1.1 or 192.168.1.2 or 1.2.3\n}\n';
    const ds = findings(text, 'KA330');
    expect(ds.map((d) => [d.range.start.line + 1, d.range.start.column, d.severity])).toEqual([[2, 56, 'error'], [3, 56, 'warning'], [4, 56, 'warning']]);
    expect(ds[0]!.message).toBe(`an 'or' route cannot have nexthops (keepalived: "Cannot specify nexthops with "or" route", then "Route has trailing nonsense - nexthop"); keepalived skips this static route`);
    expect(ds[1]!.message).toMatch(/^a route takes one 'or' gateway: keepalived ignores 'or 192\.168\.1\.3'/);
    // The second 'or' is still deprecated (keepalived says so for each).
    expect(lines(text, 'KA333')).toEqual([2, 3, 3, 4, 4]);
    if (keepalivedAvailable()) {
      expect(runKeepalived(text).messages.filter((m) => !/deprecated/.test(m.message)).map((m) => [m.line, m.message])).toEqual([
        [2, 'Cannot specify nexthops with "or" route'], [2, 'Route has trailing nonsense - nexthop'],
        [3, '"or" route already specified - ignoring subsequent'], [4, '"or" route already specified - ignoring subsequent'],
      ]);
    }
  });
});

// msgs63 bugs 4 and 6. After a track_group keepalived found (one defined earlier), a second is "a duplicate": a route stops
// there and is dropped ("Route has trailing nonsense - TG"; the 2.2.7 daemon did not install it), a rule and a static
// address keep what was read before it and ignore the rest. A static rule whose track_group keepalived found but that
// has no `iif`/`dev` loses the track_group ("Static rule cannot have track_group if dev/iif not specified"; the daemon
// installed the rule). The same from 2.0.19 to 2.4.3.
describe('KA330/KA346 track_group twice, and a static rule with track_group but no iif (msgs63 bugs 4 and 6)', () => {
  const group = 'track_group TG {\n    group {\n        V\n    }\n}\n';
  it('drops the route, warns for the rule and the address, and errs for a rule without iif', () => {
    const text = `${group}static_routes {\n    10.6.0.0/16 dev eth0 track_group TG track_group TG\n}\nstatic_rules {\n    from 10.1.0.0/16 table 5 priority 6 iif eth0 track_group TG track_group TG\n    from 10.2.0.0/16 iif eth0 track_group TG track_group TG table 5 priority 7\n    from 10.0.0.0/8 table 5 priority 5 track_group TG\n    from 10.3.0.0/16 table 5 priority 8 track_group TG track_group TG iif eth0\n}\nstatic_ipaddress {\n    10.9.0.5/24 dev eth0 track_group TG track_group TG\n}\n`;
    const ka330 = findings(text, 'KA330').map((d) => [d.range.start.line + 1, d.severity, d.message.slice(0, 40)]);
    const twice = "'track_group' is given twice, and keepal";
    const noIif = "a static rule with 'track_group' needs '";
    expect(ka330).toEqual([
      [7, 'error', `'track_group' is given twice (keepalived`],
      [10, 'warning', twice],
      [11, 'error', 'this static rule has no action (table, g'],
      [11, 'warning', twice],
      [12, 'error', noIif],
      [13, 'error', noIif],
      [13, 'warning', twice],
    ]);
    expect(findings(text, 'KA346').map((d) => [d.range.start.line + 1, d.severity, d.message.slice(0, 40)])).toEqual([[16, 'warning', twice]]);
    if (keepalivedAvailable()) {
      expect(runKeepalived(text).messages.map((m) => [m.line, m.message])).toEqual([
        [7, 'track_group TG is a duplicate'], [7, 'Route has trailing nonsense - TG'],
        [10, 'track_group TG is a duplicate'],
        [11, 'track_group TG is a duplicate'], [11, 'No action specified for rule - ignoring'],
        [12, 'Static rule cannot have track_group if dev/iif not specified'],
        [13, 'track_group TG is a duplicate'], [13, 'Static rule cannot have track_group if dev/iif not specified'],
        [16, 'track_group TG is a duplicate'],
      ]);
    }
  });
  it('says nothing of a duplicate when the first track_group is defined only later (keepalived looks the second up too)', () => {
    const text = `static_routes {\n    10.6.0.0/16 dev eth0 track_group TG track_group TG\n}\nstatic_rules {\n    from 10.0.0.0/8 table 5 priority 5 track_group TG\n}\nstatic_ipaddress {\n    10.9.0.5/24 dev eth0 track_group TG track_group TG\n}\n${group}`;
    expect(findings(text, 'KA330')).toEqual([]);
    expect(findings(text, 'KA346')).toEqual([]);
    // Each name it does not find is reported, the second of a line too (recheck63).
    expect(lines(text, 'KA315')).toEqual([2, 2, 5, 8, 8]);
    if (keepalivedAvailable()) {
      expect(runKeepalived(text).messages.map((m) => m.message).filter((m) => !/not found/.test(m))).toEqual([]);
      expect(runKeepalived(text).messages.filter((m) => /not found/.test(m.message)).map((m) => m.line)).toEqual([2, 2, 5, 8, 8]);
    }
  });
  it('says a route or rule follows the next track_group of its line when the first is not found (recheck63)', () => {
    const text = `${group}static_routes {\n    10.9.0.0/16 via 10.0.0.2 dev eth0 track_group NOPE track_group TG\n    10.8.0.0/16 via 10.0.0.2 dev eth0 track_group NOPE track_group NOPE2\n}\nstatic_rules {\n    from 10.1.0.0/16 table 5 priority 6 iif eth0 track_group NOPE track_group TG\n}\n`;
    const ds = findings(text, 'KA315').map((d) => [d.range.start.line + 1, d.severity, d.message.replace(/^.*not found"\) and /, '')]);
    expect(ds).toEqual([
      [7, 'warning', "looks up the next track_group on the line: this route follows 'TG'"],
      [8, 'error', 'tracks this route with no instance'],
      [8, 'error', 'tracks this route with no instance'],
      [11, 'warning', "looks up the next track_group on the line: this rule follows 'TG'"],
    ]);
    expect(findings(text, 'KA330')).toEqual([]);
    if (keepalivedAvailable()) expect(runKeepalived(text).messages.map((m) => [m.line, m.message])).toEqual([[7, 'track_group NOPE not found'], [8, 'track_group NOPE not found'], [8, 'track_group NOPE2 not found'], [11, 'track_group NOPE not found']]);
  });
});

// recheck63: keepalived checks no address family for an 'or' gateway, so `-t` is silent on an IPv6 one on an IPv4 route;
// the 2.2.7 daemon adds the route and the kernel refuses it ("Invalid argument"), so nothing is installed.
describe("KA330 an 'or' gateway of the other family (recheck63)", () => {
  it('is an error that says the kernel refuses the route, not that keepalived skips it', () => {
    const text = 'static_routes {\n    10.9.0.0/16 via 10.0.0.2 or 2001:db8::1\n    10.8.0.0/16 via 10.0.0.2 or 10.0.0.3\n}\n';
    const ds = findings(text, 'KA330');
    expect(ds.map((d) => [d.range.start.line + 1, d.severity])).toEqual([[2, 'error']]);
    expect(ds[0]!.message).toBe("'or' gateway '2001:db8::1' is IPv6 but the route is IPv4: keepalived does not check it (keepalived -t says nothing), and the kernel refuses the route when keepalived adds it");
    if (keepalivedAvailable()) expect(runKeepalived(text).messages.filter((m) => !/deprecated|cannot track/.test(m.message))).toEqual([]);
  });
});

// msgs63 bug 10: keepalived reads sport/dport with sscanf("%hu-%hu") and drops the selector when it gets fewer than two
// numbers; "write 'N-N'" fits only a single port the kernel takes (1..65534: the 2.2.7 daemon on Linux 6.18 could not
// install `dport 0-0` nor `dport 65535-65535`). What gives it two numbers it takes: `-5--5` (2.2.7 -t silent, the daemon
// installed "dport 65531"), `80-90abc` and `+80-+90` (installed as 80-90).
describe('KA330 sport/dport as sscanf reads them (msgs63 bug 10)', () => {
  const rules = (...vs: string[]) => `static_rules {\n${vs.map((v, n) => `    from 10.${n}.0.0/16 ipproto tcp dport ${v} table 5 priority ${n + 5}\n`).join('')}}\n`;
  it("suggests 'N-N' only for a single port, and says nothing of a range keepalived reads", () => {
    const text = rules('80', '80-a', 'a', '80-', '0x50-0x60', '0', '-5--5', '80-90abc', '+80-+90');
    const ds = findings(text, 'KA330');
    expect(ds.map((d) => d.range.start.line + 1)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(ds[0]!.message).toBe(`keepalived accepts only a port range here ("invalid dport range 80"): it drops the selector, so the rule matches every port; write '80-80'`);
    expect(ds[1]!.message).toBe(`'80-a' is not a port range keepalived reads (FIRST-LAST, in decimal) ("invalid dport range 80-a"): it drops the selector, so the rule matches every port`);
    for (const d of ds.slice(1)) expect(d.message).not.toMatch(/write/);
    if (keepalivedAvailable()) expect(runKeepalived(text).messages.map((m) => m.line)).toEqual([2, 3, 4, 5, 6, 7]);
  });
});
