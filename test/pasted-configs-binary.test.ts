// Findings on configs users paste in issue threads (harvest pg16), each checked against keepalived
// 2.2.7 itself: what keepalived silently drops from an address, and did-you-means that would point
// the user at a keyword the block already has.

import { describe, expect, it } from 'vitest';
import { lintText } from '../server/src/linter.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';
import { conf } from './helpers/rule-cases.js';

const lint = (text: string) => lintText(text, { file: 'keepalived.conf' }).diagnostics;
const at = (text: string, line: number, code: string) => lint(text).filter((d) => d.range.start.line + 1 === line && d.code === code);

describe('pasted configs', () => {
  it("a '-range' or '/prefix' after a socket address is dropped: a KA205 warning names what keepalived reads", () => {
    const text = conf(
      'virtual_server fdd6:5a50:af9e:1::5/64 5555 {', // acassen/keepalived#713
      '    lb_algo rr',
      '    lb_kind NAT',
      '    protocol TCP',
      '    real_server fdd6:5a50:af9e:1::9 3511 {',
      '        weight 1',
      '    }',
      '}',
      'vrrp_instance A {',
      '    interface eth0',
      '    virtual_router_id 5',
      '    unicast_src_ip 192.168.0.92/24',
      '    unicast_peer {',
      '        192.168.0.91/24',
      '    }',
      '    virtual_ipaddress {',
      '        192.168.0.100/24',
      '    }',
      '}',
    );
    expect(at(text, 1, 'KA205').map((d) => [d.severity, d.message])).toEqual([
      ['warning', "'virtual_server' takes no prefix length: keepalived silently drops '/64' and reads the address fdd6:5a50:af9e:1::5"],
    ]);
    expect(at(text, 12, 'KA205')[0]?.message).toContain("drops '/24' and reads the address 192.168.0.92");
    expect(at(text, 14, 'KA205')[0]?.message).toContain("'unicast_peer' takes no prefix length");
    // A virtual address takes a prefix: nothing to say.
    expect(at(text, 17, 'KA205')).toEqual([]);
  });

  it('a real_server range is one server, which a second real_server then repeats (KA502 names both)', () => {
    const text = conf(
      'virtual_server 10.0.0.1 80 {',
      '    lb_algo rr',
      '    lb_kind NAT',
      '    protocol TCP',
      '    real_server 10.0.0.2-5 80 {',
      '        weight 1',
      '    }',
      '    real_server 10.0.0.2 80 {',
      '        weight 1',
      '    }',
      '}',
    );
    expect(at(text, 5, 'KA205').map((d) => d.message)).toEqual([
      "'real_server' takes no address range (it is one address): keepalived silently drops '-5' and reads the address 10.0.0.2",
    ]);
    expect(lint(text).filter((d) => d.code === 'KA502')).toHaveLength(1);
  });

  it('a virtual_server_group entry keeps its range and prefix: no warning there', () => {
    const text = conf('virtual_server_group G {', '    10.0.0.1-10 80', '}', 'virtual_server group G {', '    protocol TCP', '    lb_algo rr', '    lb_kind DR', '    real_server 10.0.0.5 80 {', '    }', '}');
    expect(lint(text).filter((d) => d.code === 'KA205')).toEqual([]);
  });

  it("no did-you-mean for a keyword the block already set: 'dpdk_interface' after 'interface' (iqiyi/dpvs#661)", () => {
    const text = conf('vrrp_instance VI_1 {', '    interface dpdk1.kni', '    dpdk_interface dpdk1', '    interfac eth1', '    virtual_router_id 123', '    virtual_ipaddress {', '        10.10.10.50', '    }', '}');
    const d3 = at(text, 3, 'KA201');
    expect(d3.map((d) => d.message)).toEqual(["Unknown keyword 'dpdk_interface' in 'vrrp_instance'"]);
    expect(d3[0]!.fix).toBeUndefined();
    // A near typo still gets its guess, set or not.
    expect(at(text, 4, 'KA201')[0]?.message).toContain("did you mean 'interface'?");
    // Nor when the block sets it on a later line; a block that never sets it keeps the guess.
    const before = conf('vrrp_instance VI_1 {', '    dpdk_interface dpdk1', '    interface dpdk1.kni', '    virtual_router_id 123', '}', 'vrrp_instance VI_2 {', '    dpdk_interface dpdk1', '    virtual_router_id 124', '}');
    expect(at(before, 2, 'KA201').map((d) => [d.message, d.fix])).toEqual([["Unknown keyword 'dpdk_interface' in 'vrrp_instance'", undefined]]);
    expect(at(before, 7, 'KA201')[0]?.message).toContain("did you mean 'interface'?");
  });

  it("'ip_family' in a vrrp_instance points at native_ipv6 (acassen/keepalived#341)", () => {
    const text = conf('vrrp_instance IPV6 {', '    interface eth0', '    virtual_router_id 2', '    ip_family inet6', '    virtual_ipaddress {', '        2001:db8::1/64', '    }', '}');
    expect(at(text, 4, 'KA202')[0]?.message).toContain("'native_ipv6' makes it IPv6");
  });
});

describe.skipIf(!keepalivedAvailable())('pasted configs, against keepalived 2.2.7', () => {
  it('keepalived reads 10.0.0.2-5 as the real server 10.0.0.2 and /24 as nothing, without a word', () => {
    const quiet = runKeepalived(conf('virtual_server 10.0.0.1/24 80 {', '    lb_algo rr', '    lb_kind NAT', '    protocol TCP', '    real_server 10.0.0.2-5 80 {', '        weight 1', '    }', '}'));
    expect(quiet.exitStatus).toBe(0);
    expect(quiet.messages).toEqual([]);
    // The range is gone: a second real_server 10.0.0.2 is the same server.
    const dup = runKeepalived(conf('virtual_server 10.0.0.1 80 {', '    lb_algo rr', '    lb_kind NAT', '    protocol TCP', '    real_server 10.0.0.2-5 80 {', '        weight 1', '    }', '    real_server 10.0.0.2 80 {', '        weight 1', '    }', '}'));
    expect(dup.messages.map((m) => m.message)).toContain('VS [10.0.0.1]:tcp:80: real server [10.0.0.2]:tcp:80 is duplicated - removing second rs');
  });

  it("keepalived does not know 'dpdk_interface' or 'ip_family' in a vrrp_instance", () => {
    const run = runKeepalived(conf('vrrp_instance VI_1 {', '    interface eth0', '    dpdk_interface dpdk1', '    ip_family inet6', '    virtual_router_id 123', '    virtual_ipaddress {', '        10.10.10.50', '    }', '}'));
    const located = run.messages.filter((m) => m.line !== undefined).map((m) => `${m.line}: ${m.message}`);
    expect(located).toEqual(expect.arrayContaining(["3: Unknown keyword 'dpdk_interface'", "4: Unknown keyword 'ip_family'"]));
  });
});
