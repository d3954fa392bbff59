// Findings on configs users paste in blog posts, gists and pastebins (harvest pg18), each checked
// against keepalived 2.2.7 itself: what a finding says about lines keepalived never reaches.

import { describe, expect, it } from 'vitest';
import { lintText } from '../server/src/linter.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';
import { conf } from './helpers/rule-cases.js';

const lint = (text: string) => lintText(text, { file: 'keepalived.conf' }).diagnostics;

// A CSDN post's annotated vrrp_instance (blog.csdn.net/hangyu628/article/details/39130151): three keyword
// lines written without their values, as a list of what the instance may hold.
const missingValues = conf(
  'vrrp_instance inside_network {',
  '    state BACKUP',
  '    interface eth0',
  '    mcast_src_ip',
  '    garp_master_delay',
  '    virtual_router_id 50',
  '    priority 99',
  '    preempt_delay',
  '    bogus_keyword 1',
  '    virtual_ipaddress {',
  '        192.168.1.11',
  '    }',
  '}',
);

describe('pasted pages', () => {
  it('a keyword line without its value stops keepalived once: later ones say it never reads them', () => {
    const ka203 = lint(missingValues).filter((d) => d.code === 'KA203').map((d) => `${d.range.start.line + 1}: ${d.severity}: ${d.message}`);
    expect(ka203).toEqual([
      "4: error: 'mcast_src_ip' is missing its address; keepalived exits here with a configuration error: it does not run at all",
      "5: error: 'garp_master_delay' is missing its seconds; keepalived never reads this line: it exits at line 4 first (a configuration error), and would exit here too",
      "8: error: 'preempt_delay' is missing its seconds; keepalived never reads this line: it exits at line 4 first (a configuration error), and would exit here too",
    ]);
  });
});

describe.skipIf(!keepalivedAvailable())('pasted pages, against keepalived 2.2.7', () => {
  it('keepalived exits at the first keyword line missing its value and reads nothing after it', () => {
    const run = runKeepalived(missingValues);
    const located = run.messages.filter((m) => m.line !== undefined).map((m) => `${m.line}: ${m.message}`);
    // Only line 4: not the bare lines 5 and 8, nor the unknown keyword on line 9.
    expect(located).toEqual(['4: *** Configuration line starting `mcast_src_ip` is missing a parameter after keyword `mcast_src_ip` at word position 2']);
    // Each bare line alone is a stop of its own.
    for (const kw of ['garp_master_delay', 'preempt_delay']) {
      const alone = runKeepalived(conf('vrrp_instance A {', '    interface eth0', `    ${kw}`, '    virtual_router_id 50', '}'));
      expect(alone.messages.map((m) => m.message)).toContain(`*** Configuration line starting \`${kw}\` is missing a parameter after keyword \`${kw}\` at word position 2`);
    }
  });
});

describe('pasted pages, stops per process', () => {
  it("a stop in one process's block does not hide a stop in another's", () => {
    // keepalived 2.2.7 -t reports line 7 (the checker's) though line 3 (the VRRP process's) comes first.
    const text = conf('vrrp_instance A {', '    interface eth0', '    mcast_src_ip', '    virtual_router_id 50', '}', 'virtual_server 10.0.0.1 80 {', '    delay_loop', '    real_server 10.0.0.2 80 {', '    }', '}');
    const ka203 = lint(text).filter((d) => d.code === 'KA203').map((d) => `${d.range.start.line + 1}: ${d.message}`);
    expect(ka203).toEqual([
      "3: 'mcast_src_ip' is missing its address; keepalived exits here with a configuration error: it does not run at all",
      "7: 'delay_loop' is missing its seconds; keepalived exits here with a configuration error: it does not run at all",
    ]);
    // A stop in global_defs ends the parent before it starts the others.
    const parent = conf('global_defs {', '    smtp_connect_timeout', '}', 'vrrp_instance A {', '    interface eth0', '    mcast_src_ip', '}');
    expect(lint(parent).filter((d) => d.code === 'KA203').map((d) => d.message)[1]).toContain('it exits at line 2 first');
  });
});

describe.skipIf(!keepalivedAvailable())('pasted pages, stops per process, against keepalived 2.2.7', () => {
  it('keepalived -t reports the checker line without its value after a VRRP one', () => {
    const run = runKeepalived(conf('vrrp_instance A {', '    interface eth0', '    mcast_src_ip', '    virtual_router_id 50', '}', 'virtual_server 10.0.0.1 80 {', '    delay_loop', '    real_server 10.0.0.2 80 {', '    }', '}'));
    expect(run.messages.filter((m) => m.line !== undefined).map((m) => m.line)).toEqual([7]);
    const parent = runKeepalived(conf('global_defs {', '    smtp_connect_timeout', '}', 'vrrp_instance A {', '    interface eth0', '    mcast_src_ip', '}'));
    expect(parent.messages.filter((m) => m.line !== undefined).map((m) => m.line)).toEqual([2]);
  });
});

// A gist's fwmark service (gist.github.com/caquino/5678420): real servers written as placeholders.
const placeholders = conf(
  'virtual_server fwmark 80 {',
  '    delay_loop 5',
  '    lb_kind NAT',
  '    lb_algo lc',
  '    protocol TCP',
  '    real_server SERVER.01.IP 0 {',
  '        weight 1',
  '    }',
  '    real_server SERVER.02.IP 0 {',
  '        weight 1',
  '    }',
  '}',
);

describe('pasted pages, skipped real servers', () => {
  it('KA503 says the real servers written are all skipped, not that there are none', () => {
    const ka503 = lint(placeholders).filter((d) => d.code === 'KA503').map((d) => d.message);
    expect(ka503).toEqual([`'virtual_server fwmark 80' has no real_server keepalived reads: it skips all 2 written here (see their lines), then drops this virtual server (keepalived: "has no real servers - ignoring")`]);
    const one = conf('virtual_server 10.0.0.1 80 {', '    protocol TCP', '    real_server SERVER.01.IP 80 {', '    }', '}');
    expect(lint(one).find((d) => d.code === 'KA503')!.message).toContain('it skips the one written here (see its line)');
    // Without any real_server line the message stays as it was.
    expect(lint(conf('virtual_server 10.0.0.1 80 {', '    protocol TCP', '}')).find((d) => d.code === 'KA503')!.message).toMatch(/^'virtual_server 10\.0\.0\.1 80' has no real_server; /);
  });
});

describe.skipIf(!keepalivedAvailable())('pasted pages, skipped real servers, against keepalived 2.2.7', () => {
  it('keepalived skips each real_server it cannot read, then drops the virtual server', () => {
    const run = runKeepalived(placeholders);
    expect(run.messages.map((m) => `${m.line ?? '-'}: ${m.message}`)).toEqual([
      '6: Invalid real server ip address/port SERVER.01.IP/0 - skipping',
      '9: Invalid real server ip address/port SERVER.02.IP/0 - skipping',
      '-: Virtual server FWM 80 has no real servers - ignoring',
    ]);
  });
});
