// A setting keepalived keeps from its first line ignores every repeat ("notify_master script already specified",
// "Weight already set for track process", "lvs_sync_daemon has already been specified"): KA209 reports the repeat,
// and nothing else may read it as if it counted. An audit of the 48 first-wins keywords (session 56) found script
// rules, the failover simulation, `kalint peer`, KA420, KA349/KA366, KA361 and KA529 reading ignored lines; each case
// here was checked with keepalived 2.2.7, and the binary-backed ones run it.

import { describe, expect, it } from 'vitest';
import { lintText } from '../server/src/linter.js';
import { lintCluster } from '../server/src/cluster/index.js';
import { generatePeer } from '../server/src/core/peer/index.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';

const codes = (text: string, targetVersion?: string) => lintText(text, { file: 'keepalived.conf', targetVersion }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`);

const instance = (body: string) => `vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        10.0.0.10\n    }\n${body}}\n`;

describe('script lines keepalived ignores as repeats', () => {
  // The second notify_fault would run as 'nobody', which makes 2.2.7's -t kill itself (KA608): it never runs.
  const secondUser = `global_defs {\n    enable_script_security\n    script_user root\n}\n${instance('    notify_fault /bin/true\n    notify_fault /bin/false nobody\n')}`;
  // The second notify_master names no user, so it would need keepalived_script (KA602): it never runs either.
  const secondNoUser = `global_defs {\n    enable_script_security\n}\n${instance('    notify_master /bin/true root\n    notify_master /bin/false\n')}`;

  it('are not checked as scripts keepalived runs', () => {
    expect(codes(secondUser)).toEqual(['14:KA209']);
    expect(codes(secondNoUser)).toEqual(['13:KA209']);
    // The same lines first are checked.
    expect(codes(secondUser.replace('    notify_fault /bin/true\n', ''))).toContain('13:KA608');
  });

  it.skipIf(!keepalivedAvailable())('as keepalived -t reads them', () => {
    const run = runKeepalived(secondUser);
    expect(run.exitStatus).not.toBe(143);
    expect(run.messages.map((m) => m.message)).toEqual(['(VI_1) notify_fault script already specified - ignoring /bin/false']);
    expect(runKeepalived(secondNoUser).messages.map((m) => m.message)).toEqual(['(VI_1) notify_master script already specified - ignoring /bin/false']);
  });
});

describe("a weight line keepalived ignores as a repeat says nothing of 'reverse'", () => {
  const process = (weights: string) =>
    `vrrp_track_process chk_haproxy {\n    process haproxy\n${weights}}\nvrrp_instance VI_1 {\n@lb1 state MASTER\n@lb1 priority 100\n@lb2 state BACKUP\n@lb2 priority 90\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.10\n    }\n    track_process {\n        chk_haproxy\n    }\n}\n`;
  it('in the failover simulation (KA430)', () => {
    const cluster = (text: string) => lintCluster([{ file: 'k.conf', text, configId: 'lb1' }, { file: 'k.conf', text, configId: 'lb2' }]).diagnostics.map((d) => d.code);
    // weight -50 is read: the MASTER's failing process moves the VIPs (100 - 50 < 90).
    expect(cluster(process('    weight -50\n    weight 5 reverse\n'))).not.toContain('KA430');
    // Nor does a weight keepalived refuses (out of range): the next line sets the weight.
    expect(cluster(process('    weight 999 reverse\n    weight -50\n'))).not.toContain('KA430');
  });
  it('in the peer `kalint peer` writes', () => {
    const text = `track_file maint {\n    file /var/run/keepalived/maint\n    weight -5\n    weight 5 reverse\n}\n${instance('    track_file {\n        maint\n    }\n').replace('state BACKUP', 'state MASTER')}`;
    const peer = generatePeer(text);
    // weight -5: the peer sits closer than 5 below the MASTER, so a failing file (95) moves the VIPs.
    expect('text' in peer && /priority 96/.test(peer.text)).toBe(true);
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t reads it', () => {
    const messages = runKeepalived(process('    weight -50\n    weight 5 reverse\n'), { configId: 'lb1' }).messages.map((m) => m.message);
    expect(messages).toContain('Weight already set for track process chk_haproxy - ignoring 5');
  });
});

describe('a repeated lvs_sync_daemon line', () => {
  const twice = `global_defs {\n    lvs_sync_daemon eth0 inst VI_1 id 10\n    lvs_sync_daemon eth0 inst VI_9 id 300 ttl\n}\n${instance('')}`;
  it('is not checked for its instance and options (KA349, KA366)', () => {
    expect(codes(twice)).toEqual(['3:KA209']);
  });
  it('is not the one a node uses (KA420)', () => {
    const text = `global_defs {\n    lvs_sync_daemon eth0 inst VI_1 id 10\n@lb2 lvs_sync_daemon eth0 inst VI_1 id 20\n}\n${instance('').replace('    state BACKUP\n    interface', '@lb1 state MASTER\n@lb2 state BACKUP\n    interface')}`;
    const cluster = lintCluster([{ file: 'k.conf', text, configId: 'lb1' }, { file: 'k.conf', text, configId: 'lb2' }]).diagnostics.map((d) => d.code);
    expect(cluster).not.toContain('KA420');
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t reads it', () => {
    expect(runKeepalived(twice).messages.map((m) => m.message)).toEqual(['lvs_sync_daemon has already been specified as eth0 VI_1 - ignoring']);
  });
});

describe('a repeated track_file file line', () => {
  it('is not the file keepalived writes (KA361, 2.2.8)', () => {
    const text = `track_file maint {\n    file /var/run/keepalived/first\n    file /var/run/keepalived/second\n    init_file\n}\n`;
    const ka361 = lintText(text, { file: 'k.conf', targetVersion: '2.2.8' }).diagnostics.filter((d) => d.code === 'KA361');
    expect(ka361.map((d) => d.message)).toEqual([expect.stringContaining("'/var/run/keepalived/first'")]);
  });
});

describe('url digest lines', () => {
  const url = (digests: string) =>
    `virtual_server 10.0.0.1 80 {\n    protocol TCP\n    lb_algo rr\n    lb_kind NAT\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path /\n${digests}            }\n        }\n    }\n}\n`;
  const refusedThenRead = url('                digest 1234\n                digest 9b3a0c85a887a256d6939da88aabd8cd\n');
  const readThenRepeat = url('                digest 9b3a0c85a887a256d6939da88aabd8cd\n                digest 1234\n');
  it('after a refused digest are read, not repeats; a repeat after a read one is not checked', () => {
    expect(codes(refusedThenRead)).toEqual(['9:KA529']);
    expect(codes(readThenRepeat)).toEqual(['10:KA209']);
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t reads them', () => {
    expect(runKeepalived(refusedThenRead).messages.map((m) => m.message)).toEqual(["digest '1234' character length should be 32 rather than 4"]);
    expect(runKeepalived(readThenRepeat).messages.map((m) => m.message)).toEqual(["Digest '1234' is a duplicate"]);
  });
});

describe('a global lvs_sync_daemon repeated in a second global_defs block', () => {
  it('is one finding (KA209), as keepalived prints one message', () => {
    // keepalived 2.2.7: "lvs_sync_daemon has already been specified as eth0 VI_1 - ignoring" (an audit of repeated
    // blocks, session 57: KA368 said it a second time).
    const text = 'global_defs {\n  lvs_sync_daemon eth0 VI_1\n}\nglobal_defs {\n  lvs_sync_daemon eth1 VI_1\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 1\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n';
    const at5 = lintText(text).diagnostics.filter((d) => d.range.start.line === 4).map((d) => d.code);
    expect(at5).toEqual(['KA209']);
  });
});
