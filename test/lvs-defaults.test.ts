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
