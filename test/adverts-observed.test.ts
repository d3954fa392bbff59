// Whether two nodes hear and accept each other's adverts, as live keepalived 2.2.7 pairs showed (session 57: 111
// cases, each node a daemon in its own network namespace on a shared bridge; who was MASTER read from each node's
// dump). Each case here is one where kalint's cluster rules said otherwise.

import { describe, expect, it } from 'vitest';
import { lintCluster } from '../server/src/cluster/index.js';
import { conf } from './helpers/rule-cases.js';

const node = (state: string, priority: number, body: string[] = [], globals: string[] = []) =>
  (globals.length ? conf('global_defs {', ...globals.map((l) => `  ${l}`), '}') : '') +
  conf('vrrp_instance VI_1 {', `  state ${state}`, '  interface eth0', '  virtual_router_id 60', `  priority ${priority}`, ...body.map((l) => `  ${l}`), '  virtual_ipaddress {', '    10.57.0.100/24', '  }', '}');

const findings = (a: string, b: string, code: string, targetVersion?: string) =>
  lintCluster(
    [
      { file: 'a.conf', text: a },
      { file: 'b.conf', text: b },
    ],
    { targetVersion },
  ).diagnostics.filter((d) => d.code === code);

describe('authentication', () => {
  it('with an empty auth_pass is off, so a node without any agrees with it (no KA405)', () => {
    // keepalived: "(VI_1) Authentication specified but no password given. Ignoring"; the pair elected one MASTER.
    const a = node('MASTER', 100, ['authentication {', '  auth_type PASS', '  auth_pass ""', '}']);
    expect(findings(a, node('BACKUP', 90), 'KA405')).toEqual([]);
    expect(findings(a.replace('auth_pass ""', 'auth_pass secret'), node('BACKUP', 90), 'KA405')).toHaveLength(1);
  });
});

describe('vrrp_strict on one node of a unicast pair', () => {
  const unicast = (src: string, peer: string) => ['unicast_src_ip ' + src, 'unicast_peer {', `  ${peer}`, '}'];
  const a = node('BACKUP', 100, unicast('10.57.0.1', '10.57.0.2'), ['vrrp_strict']);
  const b = node('BACKUP', 90, unicast('10.57.0.2', '10.57.0.1'));
  it('changes nothing in the adverts where the release accepts unicast in strict mode (2.2.5 to 2.3.x)', () => {
    // 2.2.7: no "Unicast peers are not supported in strict mode"; the strict node ran unicast and the pair worked.
    const [d] = findings(a, b, 'KA417');
    expect(d?.message).toContain('the adverts match today');
    expect(d?.message).not.toContain('refuses unicast peers');
    expect(findings(a, b, 'KA417', '2.4.3')[0]?.message).toContain("the nodes' adverts no longer match");
  });
});

describe('old_unicast_checksum on one node only', () => {
  it('splits the pair whenever the other node is MASTER: an error', () => {
    // a (old_unicast_checksum) logged "Invalid VRRPv3 checksum" every second while b was MASTER, with 2.2.7 and 2.4.3.
    const unicast = (src: string, peer: string) => ['version 3', 'unicast_src_ip ' + src, 'unicast_peer {', `  ${peer}`, '}'];
    const a = node('MASTER', 100, [...unicast('10.57.0.1', '10.57.0.2'), 'old_unicast_checksum']);
    const b = node('BACKUP', 90, unicast('10.57.0.2', '10.57.0.1'));
    const [d] = findings(a, b, 'KA422');
    expect(d?.severity).toBe('error');
    expect(d?.message).toContain('whenever b.conf is MASTER both hold the VIPs');
  });
});

describe('a unicast_src_ip copied to the other node (KA421)', () => {
  const unicast = (src: string, peer: string) => ['unicast_src_ip ' + src, 'unicast_peer {', `  ${peer}`, '}'];
  const a = node('MASTER', 100, unicast('10.57.0.1', '10.57.0.2'));
  const b = node('BACKUP', 90, unicast('10.57.0.1', '10.57.0.2'));
  it('leaves the node without the address in FAULT from 2.1.0 to 2.3.2: no split, and no failover', () => {
    // 2.2.7: "(VI_1): entering FAULT state (src address not configured)" on b; with a stopped nobody held the VIPs.
    expect(findings(a, b, 'KA421')[0]?.message).toContain('the instance stays in FAULT ("src address not configured") and never takes over');
  });
  it('splits the pair with 2.3.3 and later, which bind with IP_FREEBIND (and 2.0.x, which do not bind)', () => {
    // 2.4.3: both MASTER.
    for (const v of ['2.4.3', '2.0.19']) expect(findings(a, b, 'KA421', v)[0]?.message).toContain('both become MASTER');
  });
});

describe('a unicast config copied unchanged, without unicast_src_ip', () => {
  it('lists the same one peer on both nodes: one of them lists itself (KA418)', () => {
    // Live (2.2.7): both MASTER from the start; a logged "equal priority advert received from remote host with our IP
    // address". kalint had said nothing, as neither node names its own address.
    const peers = (peer: string) => ['unicast_peer {', `  ${peer}`, '}'];
    const ka418 = (pa: string, pb: string) => findings(node('MASTER', 100, peers(pa)), node('BACKUP', 90, peers(pb)), 'KA418');
    expect(ka418('10.57.0.1', '10.57.0.1').map((d) => d.message)).toEqual([expect.stringContaining('both list only 10.57.0.1 in unicast_peer')]);
    expect(ka418('10.57.0.2', '10.57.0.1')).toEqual([]);
  });
});

describe('min_ttl/max_ttl on a peer the peer does not meet (KA423)', () => {
  const withTtl = (peer: string, extra: string[] = []) => [...extra, 'unicast_src_ip ' + (peer.startsWith('10.57.0.2') ? '10.57.0.1' : '10.57.0.2'), 'unicast_peer {', `  ${peer}`, '}'];
  it('a minimum above what the peer sends: an error; a maximum below it: a warning (unless routers lie between)', () => {
    // Live (2.2.7): "TTL/HL 10 not in range 250 - 250" and "TTL/HL 255 not in range 254 - 254", both MASTER after failover.
    const b = (extra: string[] = []) => node('BACKUP', 90, withTtl('10.57.0.1', extra));
    // Session 60's live pairs: while the deaf node (a, 100) outranks the other, it takes the VIPs back when it returns
    // and the other yields to its adverts; the split needs the other node to hold them while a runs. So here a
    // warning that the split is latent, and an error once b can hold the VIPs with a up (b at 110).
    const below = findings(node('MASTER', 100, withTtl('10.57.0.2 min_ttl 250 max_ttl 250')), b(['unicast_ttl 10']), 'KA423');
    expect(below.map((d) => d.severity)).toEqual(['warning']);
    expect(below[0]!.message).toContain('"TTL/HL 10 not in range 250 - 250"). Today b.conf holds the VIPs only while a.conf is down');
    const outranks = findings(node('MASTER', 100, withTtl('10.57.0.2 min_ttl 250 max_ttl 250')), node('BACKUP', 110, withTtl('10.57.0.1', ['unicast_ttl 10'])), 'KA423');
    expect(outranks.map((d) => d.severity)).toEqual(['error']);
    const above = findings(node('MASTER', 100, withTtl('10.57.0.2 min_ttl 254 max_ttl 254')), b(), 'KA423');
    expect(above.map((d) => d.severity)).toEqual(['warning']);
    expect(findings(node('MASTER', 100, withTtl('10.57.0.2 min_ttl 250')), b(), 'KA423')).toEqual([]);
  });
  // As the session 61 audit found for KA418: when each node drops the other's adverts neither hears anyone, and both
  // hold the VIPs from the first election on; the higher node's finding said "nothing shows".
  it('both nodes dropping each other: both errors, no latent split', () => {
    const deaf = findings(node('MASTER', 100, withTtl('10.57.0.2 min_ttl 250 max_ttl 250', ['unicast_ttl 10'])), node('BACKUP', 90, withTtl('10.57.0.1 min_ttl 250 max_ttl 250', ['unicast_ttl 10'])), 'KA423');
    expect(deaf.map((d) => [d.file, d.severity])).toEqual([['a.conf', 'error'], ['b.conf', 'error']]);
    for (const d of deaf) expect(d.message).not.toContain('nothing shows');
  });
});

describe('a unicast peer list that lacks the other node, on a node that checks unicast sources (KA418)', () => {
  it('says the nodes never hear each other, not only while the lister is MASTER', () => {
    // Live (2.2.7): b with vrrp_check_unicast_src logged "unicast source address 10.57.1.1 not a unicast peer", and
    // both nodes were MASTER from the start.
    const a = node('MASTER', 100, ['unicast_src_ip 10.57.1.1', 'unicast_peer {', '  10.57.0.2', '}']);
    const b = (globals: string[]) => node('BACKUP', 90, ['unicast_src_ip 10.57.0.2', 'unicast_peer {', '  10.57.0.1', '}'], globals);
    const [d] = findings(a, b(['vrrp_check_unicast_src']), 'KA418');
    expect(d?.message).toContain('as b.conf checks unicast sources (vrrp_check_unicast_src), it drops a.conf\'s adverts too');
    expect(findings(a, b([]), 'KA418')[0]?.message).not.toContain('checks unicast sources');
  });
});

describe('unicast peer lists that each lack the other node (KA418)', () => {
  it('are a split from the first election on, on both nodes: no latent warning on the lower one', () => {
    // Live (2.2.7, session 61): a (100) and b (90) both listing a mistyped 10.1.0.9, or each listing only itself: both
    // held the VIP from the first election on; with a stopped only b, with a back both again. The lower node's warning
    // had said a took the VIPs back and nothing showed.
    const src = (self: string, peer: string) => [`unicast_src_ip ${self}`, 'unicast_peer {', `  ${peer}`, '}'];
    for (const [pa, pb] of [['10.57.0.9', '10.57.0.9'], ['10.57.0.1', '10.57.0.2']]) {
      const diags = findings(node('BACKUP', 100, src('10.57.0.1', pa!)), node('BACKUP', 90, src('10.57.0.2', pb!)), 'KA418');
      expect(diags.map((d) => `${d.file} ${d.severity}`)).toEqual(['a.conf error', 'b.conf error']);
      for (const d of diags) {
        expect(d.message).toContain('neither node hears the other, so both hold the VIPs from the first election on');
        expect(d.message).not.toContain('nothing shows');
      }
    }
    // b's list names a: a hears b, so the lower node's omission stays latent.
    const latent = findings(node('BACKUP', 100, src('10.57.0.1', '10.57.0.2')), node('BACKUP', 90, src('10.57.0.2', '10.57.0.9')), 'KA418');
    expect(latent.map((d) => `${d.file} ${d.severity}`)).toEqual(['b.conf warning']);
    expect(latent[0]!.message).toContain('nothing shows');
  });
});

describe('KA416 names an IPv6 group as written', () => {
  it('ff02::13, not its expanded form', () => {
    const v6 = (globals: string[]) => node('BACKUP', 90, [], globals).replace('10.57.0.100/24', 'fd57::100/64');
    const [d] = findings(v6(['vrrp_mcast_group6 ff02::13']), v6([]), 'KA416');
    expect(d?.message).toContain('ff02::13 (global vrrp_mcast_group6)');
  });
});
