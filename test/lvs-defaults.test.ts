// Values an LVS setting takes when it is not written (an audit of LVS defaults in session 57, checked with keepalived
// 2.2.7 -t and with what its checker process settled, dumped by a test build that stops before IPVS).

import { describe, expect, it } from 'vitest';
import { lintCluster } from '../server/src/cluster/index.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';
import { conf, findings } from './helpers/rule-cases.js';

const vs = (port: number, lines: string[]) =>
  conf(`virtual_server 10.0.0.1 ${port} {`, '  lb_algo rr', '  lb_kind DR', '  protocol TCP', ...lines.map((l) => `  ${l}`), `  real_server 10.0.1.1 ${port} {`, '    weight 1', '  }', '}');

describe('persistence_granularity', () => {
  it('turns persistence on (360 s): a port-0 service with it is persistent (no KA520)', () => {
    // pgr_handler sets persistence_timeout 360 when none came before; -t says nothing for this file.
    const text = vs(0, ['persistence_granularity 255.255.255.0']);
    expect(findings(text, 'KA520')).toEqual([]);
    expect(findings(vs(0, []), 'KA520')).toHaveLength(1);
    // A value keepalived refuses turns nothing on.
    expect(findings(vs(0, ['persistence_granularity 255.255.255.x']), 'KA520')).toHaveLength(1);
    if (keepalivedAvailable()) expect(runKeepalived(text).stderr).not.toContain('zero port only valid for persistent services');
  });

  it('and the directors are compared with the persistence keepalived runs (KA413)', () => {
    const pair = (a: string, b: string) =>
      lintCluster([
        { file: 'a.conf', text: a },
        { file: 'b.conf', text: b },
      ]).diagnostics.filter((d) => d.code === 'KA413');
    // The dump of the first: "persistence timeout = 360".
    expect(pair(vs(80, ['persistence_granularity 255.255.255.0']), vs(80, ['persistence_timeout 360']))).toEqual([]);
    // Port 0 without a timeout is 360 s too ("zero port only valid for persistent services - setting").
    expect(pair(vs(0, []), vs(0, ['persistence_timeout 360']))).toEqual([]);
    expect(pair(vs(80, []), vs(80, ['persistence_timeout 360']))).toHaveLength(1);
  });
});

describe('UDP_CHECK reply lengths (KA523)', () => {
  const udp = (extra: string[]) => conf('virtual_server 10.0.0.1 53 {', '  protocol UDP', '  real_server 10.0.1.1 53 {', '    UDP_CHECK {', '      payload 00010203', '      min_reply_length 300', ...extra.map((l) => `      ${l}`), '    }', '  }', '}');
  it('say "always fails" only where the running checker compares lengths: with require_reply data (2.2.0 on)', () => {
    expect(findings(udp(['require_reply 0001']), 'KA523')[0]?.message).toContain('the check always fails');
    expect(findings(udp([]), 'KA523')[0]?.message).toContain('the running checker never compares lengths without require_reply data');
  });
});

describe('KA413 compares what IPVS gets', () => {
  const pair = (a: string, b: string) =>
    lintCluster([
      { file: 'a.conf', text: a },
      { file: 'b.conf', text: b },
    ]).diagnostics.filter((d) => d.code === 'KA413');
  const svc = (head: string[], rs: string[]) => conf('virtual_server 10.0.0.1 80 {', '  protocol TCP', ...head.map((l) => `  ${l}`), ...rs.flatMap((r) => [`  ${r} {`, '  }']), '}');
  it("each real server's own method, not the virtual server's lb_kind", () => {
    // The checker's dumps: 'forwarding method = DR' on both nodes.
    const own = (method: string, head: string[] = []) => conf('virtual_server 10.0.0.1 80 {', '  protocol TCP', ...head.map((l) => `  ${l}`), '  real_server 10.0.1.1 80 {', `    lvs_method ${method}`, '  }', '}');
    expect(pair(own('DR'), svc(['lb_kind DR'], ['real_server 10.0.1.1 80']))).toEqual([]);
    // The same lb_kind, a real server's own other method: a difference.
    expect(pair(svc(['lb_kind DR'], ['real_server 10.0.1.1 80']), own('NAT', ['lb_kind DR']))).toHaveLength(1);
  });
  it('the port keepalived fills in: `real_server 10.0.1.1` is 10.0.1.1 80 on port 80', () => {
    expect(pair(svc(['lb_kind DR'], ['real_server 10.0.1.1 80']), svc(['lb_kind DR'], ['real_server 10.0.1.1']))).toEqual([]);
    expect(pair(svc(['lb_kind NAT'], ['real_server 10.0.1.1 80']), svc(['lb_kind NAT'], ['real_server 10.0.1.1']))).toEqual([]);
    expect(pair(svc(['lb_kind DR', 'sorry_server 10.0.1.9 80'], ['real_server 10.0.1.1 80']), svc(['lb_kind DR', 'sorry_server 10.0.1.9'], ['real_server 10.0.1.1 80']))).toEqual([]);
    expect(pair(svc(['lb_kind NAT'], ['real_server 10.0.1.1 80']), svc(['lb_kind NAT'], ['real_server 10.0.1.1 8080']))).toHaveLength(1);
  });
});

// mistakes64 bug 1: KA413 named a `virtual_server group` service by the group's name. keepalived 2.2.7 gives IPVS one
// service per address (every address of a range) and port of each group entry, with the virtual server's protocol,
// and one per fwmark entry (ipvswrapper.c, ipvs_group_cmd / ipvs_group_range_cmd): the name never reaches IPVS.
describe('KA413 compares the services a virtual_server_group gives IPVS', () => {
  const pair = (a: string, b: string) =>
    lintCluster([
      { file: 'a.conf', text: a },
      { file: 'b.conf', text: b },
    ]).diagnostics.filter((d) => d.code === 'KA413');
  const messages = (a: string, b: string) => pair(a, b).map((d) => `${d.file}:${d.range.start.line + 1} ${d.message}`);
  // The audit's ga.conf: a group of one entry, its virtual server TCP.
  const group = (entries: string[], { name = 'G', protocol = 'TCP', head = [] as string[], rs = '10.0.1.1 80' } = {}) =>
    conf(`virtual_server_group ${name} {`, ...entries.map((e) => `    ${e}`), '}', `virtual_server group ${name} {`, '    lb_algo rr', '    lb_kind DR', `    protocol ${protocol}`, ...head.map((l) => `    ${l}`), `    real_server ${rs} {`, '        weight 1', '    }', '}');
  const ga = group(['10.0.0.10 80']);

  it('a group entry or protocol that differs is a service lost at failover (the audit\'s gb.conf and gc.conf)', () => {
    expect(messages(ga, group(['10.0.0.11 80']))).toEqual([
      'a.conf:2 service 10.0.0.10 80 TCP of virtual_server group G is defined on a.conf but not on b.conf; the service is lost when b.conf takes over',
      'b.conf:2 service 10.0.0.11 80 TCP of virtual_server group G is defined on b.conf but not on a.conf; the service is lost when a.conf takes over',
    ]);
    expect(messages(ga, group(['10.0.0.10 80'], { protocol: 'UDP' }))).toEqual([
      'a.conf:2 service 10.0.0.10 80 TCP of virtual_server group G is defined on a.conf but not on b.conf; the service is lost when b.conf takes over',
      'b.conf:2 service 10.0.0.10 80 UDP of virtual_server group G is defined on b.conf but not on a.conf; the service is lost when a.conf takes over',
    ]);
    // Said at the entry, with the virtual_server block on the node and the other node's block of the group.
    const [d] = pair(ga, group(['10.0.0.11 80']));
    expect(d!.related!.map((r) => `${r.file}:${r.range.start.line + 1} ${r.message}`)).toEqual(['a.conf:4 virtual_server group G on a.conf', 'b.conf:4 virtual_server group G on b.conf, without this service']);
  });

  it('the same services under another group name, or as plain virtual_server blocks, are the same (ge.conf, gd.conf)', () => {
    expect(pair(ga, group(['10.0.0.10 80'], { name: 'WEB' }))).toEqual([]);
    const plain = conf('virtual_server 10.0.0.10 80 {', '    lb_algo rr', '    lb_kind DR', '    protocol TCP', '    real_server 10.0.1.1 80 {', '        weight 1', '    }', '}');
    expect(pair(ga, plain)).toEqual([]);
    // Each service is still compared: another scheduler on the plain block is a difference.
    expect(messages(ga, plain.replace('lb_algo rr', 'lb_algo wlc'))).toEqual(['b.conf:1 virtual_server 10.0.0.10 80 TCP: lb_algo rr on a.conf but wlc on b.conf; the service changes when the other director takes over']);
    // The real servers get the entry's port (DR), as a plain block's do.
    expect(pair(group(['10.0.0.10 80'], { rs: '10.0.1.1' }), plain)).toEqual([]);
  });

  it('ranges are compared as ranges: the same addresses written otherwise agree, the addresses one node lacks are named', () => {
    const short = group(['10.0.0.1-10 80']);
    expect(pair(short, group(['10.0.0.1-10.0.0.10 80']))).toEqual([]);
    // 10.0.0.0/28 is 10.0.0.0 to 10.0.0.15.
    expect(messages(short, group(['10.0.0.0/28 80']))).toEqual([
      'b.conf:2 service 10.0.0.0 80 TCP of virtual_server group G is defined on b.conf but not on a.conf; the service is lost when a.conf takes over',
      'b.conf:2 service 10.0.0.11-10.0.0.15 80 TCP of virtual_server group G is defined on b.conf but not on a.conf; the service is lost when a.conf takes over',
    ]);
    // Part of the range as a plain block with another scheduler: that address is the difference.
    const split = group(['10.0.0.1-4 80', '10.0.0.6-10 80']) + conf('virtual_server 10.0.0.5 80 {', '    lb_algo wlc', '    lb_kind DR', '    protocol TCP', '    real_server 10.0.1.1 80 {', '    }', '}');
    expect(messages(short, split)).toEqual(['b.conf:13 virtual_server 10.0.0.5 80 TCP: lb_algo rr on a.conf but wlc on b.conf; the service changes when the other director takes over']);
    // A range is one entry, whatever its size.
    expect(messages(group(['10.0.0.0/24 80']), group(['10.0.0.0/24 80'], { head: ['persistence_timeout 50'] }))).toEqual([
      'b.conf:4 service 10.0.0.0-10.0.0.255 80 TCP of virtual_server group G: persistence_timeout none on a.conf but 50 on b.conf; the service changes when the other director takes over',
    ]);
    // A /8 is not compared: keepalived steps an IPv4 range's last octet only and never gets to its end (KA544, recheck64 bug 5).
    expect(messages(group(['10.0.0.0/8 80']), group(['10.0.0.0/8 80'], { head: ['persistence_timeout 50'] }))).toEqual([]);
    // IPv6 ranges count through the last group only: 2001:db8::/120 is 2001:db8:: to 2001:db8::ff.
    const v6 = (entry: string) => group([entry], { rs: '2001:db8:1::1 80' });
    expect(pair(v6('2001:db8::1-a 80'), v6('2001:db8::1-2001:db8::a 80'))).toEqual([]);
    expect(messages(v6('2001:db8::1-a 80'), v6('2001:db8::/120 80')).map((m) => m.split(' of ')[0])).toEqual(['b.conf:2 service 2001:db8:: 80 TCP', 'b.conf:2 service 2001:db8::b-2001:db8::ff 80 TCP']);
  });

  it('fwmark entries are compared by mark and family; an entry without a port makes the service persistent', () => {
    const fwm = (entry: string, rs = '10.0.1.1') => conf('virtual_server_group G {', `    ${entry}`, '}', 'virtual_server group G {', '    lb_algo rr', '    lb_kind DR', `    real_server ${rs} {`, '    }', '}');
    const plainMark = conf('virtual_server fwmark 5 {', '    lb_algo rr', '    lb_kind DR', '    real_server 10.0.1.1 {', '    }', '}');
    expect(pair(fwm('fwmark 5'), plainMark)).toEqual([]);
    expect(messages(fwm('fwmark 5'), fwm('fwmark 6')).map((m) => m.split(' of ')[0])).toEqual(['a.conf:2 service fwmark 5', 'b.conf:2 service fwmark 6']);
    expect(messages(fwm('fwmark 5 inet6', '2001:db8:1::1'), fwm('fwmark 5', '2001:db8:1::1')).map((m) => m.split(' of ')[0])).toEqual([]);
    expect(messages(fwm('fwmark 5 inet6', '2001:db8:1::1'), fwm('fwmark 5 inet', '10.0.1.1')).map((m) => m.split(' of ')[0])).toEqual(['a.conf:2 service fwmark 5 IPv6', 'b.conf:2 service fwmark 5']);
    // "zero port only valid for persistent services - setting": 360 s, as persistence_timeout 360 says.
    const portless = (head: string[] = []) => group(['10.0.0.10'], { head, rs: '10.0.1.1' });
    expect(pair(portless(), portless(['persistence_timeout 360']))).toEqual([]);
    expect(pair(portless(), portless(['persistence_timeout 50']))).toHaveLength(1);
  });

  it('one finding for the services of a group that differ alike', () => {
    const entries = ['10.0.0.1 80', '10.0.0.2 80', '10.0.0.3-9 80', '10.0.0.20 80'];
    expect(messages(group(entries), group(entries, { head: ['lb_algo wlc'] }))).toEqual([
      'b.conf:7 services 10.0.0.1 80 TCP, 10.0.0.2 80 TCP, 10.0.0.3-10.0.0.9 80 TCP and 1 more of virtual_server group G: lb_algo rr on a.conf but wlc on b.conf; the service changes when the other director takes over',
    ]);
  });

  it.skipIf(!keepalivedAvailable())('keepalived -t accepts the files compared', () => {
    for (const text of [ga, group(['10.0.0.0/28 80']), group(['2001:db8::/120 80'], { rs: '2001:db8:1::1 80' }), group(['10.0.0.10'], { rs: '10.0.1.1' })]) expect(runKeepalived(text).messages.filter((m) => !/zero port only valid/.test(m.message))).toEqual([]);
  });
});

describe('a connect_ip keepalived cannot read', () => {
  // co_ip_handler: inet_stosockaddr leaves the destination's family unset; the checker's dump: 'Dest family = 0'.
  const linkLocal = conf('virtual_server 2001:db8::1 80 {', '    lb_algo rr', '    lb_kind DR', '    protocol TCP', '    real_server fe80::10 80 {', '        TCP_CHECK {', '            connect_ip fe80::10::1', '        }', '    }', '}');
  it('leaves no destination: no link-local test (KA530), and no checker dropped for it (KA504)', () => {
    expect(findings(linkLocal, 'KA530')).toEqual([]);
    const withUrlLess = linkLocal.replace(/\}\n$/, '    real_server 2001:db8::20 80 {\n        HTTP_GET {\n        }\n    }\n}\n');
    expect(findings(withUrlLess, 'KA504').map((d) => d.message)).toEqual([expect.not.stringContaining('crashes')]);
    // A valid link-local connect_ip without bind_if is still reported.
    expect(findings(linkLocal.replace('fe80::10::1', 'fe80::11'), 'KA530')).toHaveLength(1);
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t reads it (no link-local message, no crash)', () => {
    const r = runKeepalived(linkLocal);
    expect(r.stderr).toContain('Invalid connect_ip address fe80::10::1 - ignoring');
    expect(r.stderr).not.toContain('requires a bind_if');
  });
});

describe("a virtual server's weight the target refuses", () => {
  it('leaves the real servers at weight 1 (KA513 at 2.0.19, where the range is 1-65535)', () => {
    // 2.0.19 -t: "Virtual server weight 70000 is outside range 1-65535", then "quorum 3 … exceeds total weight of
    // real servers 2, reducing quorum to 2".
    const text = conf('virtual_server 10.0.0.1 80 {', '    lb_algo rr', '    lb_kind DR', '    protocol TCP', '    weight 70000', '    quorum 3', '    real_server 10.0.1.1 80 {', '    }', '    real_server 10.0.1.2 80 {', '    }', '}');
    expect(findings(text, 'KA513', '2.0.19').map((d) => d.message)).toEqual([expect.stringContaining('exceeds the total real server weight 2')]);
    expect(findings(text, 'KA513')).toEqual([]);
  });
});

describe('an address line repeated with a value keepalived cannot read (KA211)', () => {
  it('says the earlier address is lost too', () => {
    // check_api.c: inet_stosockaddr unsets the bindto before it reports "Invalid bindto address"; the checker's dump has
    // no 'Bind to' line then.
    const text = conf('virtual_server 10.0.0.1 80 {', '    protocol TCP', '    real_server 10.0.1.1 80 {', '        TCP_CHECK {', '            bindto 10.0.0.5', '            bindto 10.0.0.300', '        }', '    }', '}');
    expect(findings(text, 'KA211')[0]?.message).toContain('the earlier address is lost too');
  });
});
