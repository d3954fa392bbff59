// The typed model holds the value keepalived keeps (ARCHITECTURE.md), not the last line as written: a line
// without its value, an invalid value, a setting keepalived keeps the first of. Each case was checked with
// keepalived 2.2.7 (-t, or the running daemon's SIGUSR1 dump in a network namespace) by session 60's audit.

import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/core/index.js';
import { lintText } from '../server/src/linter.js';
import { lintCluster } from '../server/src/cluster/index.js';

const model = (text: string, targetVersion?: string) => analyze(text, { targetVersion }).model;
const codes = (text: string) => lintText(text).diagnostics.map((d) => d.code);

const instance = (extra = '') => `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n${extra}  virtual_ipaddress {\n    192.168.1.50/24\n  }\n}\n`;

describe('a line without its value keeps the earlier value', () => {
  it('router_id, script_user, a vrrp_script script (2.2.7 dump: Router ID = A, script uid 65534, Command = /usr/bin/true)', () => {
    const m = model(`global_defs {\n  router_id A\n  router_id\n  script_user nobody\n  script_user\n}\nvrrp_script chk {\n  script /bin/true\n  script\n  interval 2\n  interval\n}\n`);
    expect(m.globalDefs?.routerId?.value).toBe('A');
    expect(m.globalDefs?.scriptUser?.value).toBe('nobody');
    expect(m.vrrpScripts[0]!.script?.value).toBe('/bin/true');
    expect(m.vrrpScripts[0]!.interval).toBe(2);
  });

  it('a MISC_CHECK misc_path and a url path', () => {
    const m = model(`virtual_server 192.168.1.10 80 {\n  real_server 192.168.1.20 80 {\n    MISC_CHECK {\n      misc_path /bin/true\n      misc_path\n    }\n    HTTP_GET {\n      url {\n        path /health\n        path\n      }\n    }\n  }\n}\n`);
    const [misc, http] = m.virtualServers[0]!.realServers[0]!.checkers;
    expect(misc!.script).toBe('/bin/true');
    expect(http!.urls[0]!.path).toBe('/health');
  });

  it('KA415 sees the router_id both nodes still share', () => {
    const node = `global_defs {\n  router_id LB\n  router_id\n}\n${instance()}`;
    const { diagnostics } = lintCluster([{ file: 'a.conf', text: node }, { file: 'b.conf', text: node }]);
    expect(diagnostics.map((d) => d.code)).toContain('KA415');
  });

  it('script_user stays nobody for KA601 and KA608 (no advice to run the scripts as root)', () => {
    const text = `global_defs {\n  script_user nobody\n  script_user\n}\nvrrp_script chk {\n  script /bin/true\n}\n${instance('  track_script {\n    chk\n  }\n')}`;
    const without = text.replace('  script_user\n', '');
    const found = lintText(text).diagnostics;
    const ka601 = found.filter((d) => d.code === 'KA601');
    expect(ka601.map((d) => d.message).join('\n')).toBe(lintText(without).diagnostics.filter((d) => d.code === 'KA601').map((d) => d.message).join('\n'));
    expect(JSON.stringify(found)).not.toContain("script_user root");
    expect(codes(text).includes('KA608')).toBe(codes(without).includes('KA608'));
  });

  it('a url keeps its path: no KA505, and KA504 is the same as without the bare line', () => {
    const vs = (url: string) => `virtual_server 192.168.1.10 80 {\n  lb_algo rr\n  lb_kind DR\n  protocol TCP\n  real_server 192.168.1.20 80 {\n    HTTP_GET {\n      url {\n        path /health\n${url}      }\n      connect_timeout 3\n    }\n  }\n}\n`;
    expect(codes(vs('        path\n'))).not.toContain('KA505');
    expect(codes(vs('        path\n'))).not.toContain('KA504');
  });

  it('a MISC_CHECK keeps its script: KA504 says the same as without the bare misc_path', () => {
    const vs = (bare: string) => `global_defs {\n  enable_script_security\n  script_user root\n}\nvirtual_server 192.168.1.10 80 {\n  lb_algo rr\n  lb_kind DR\n  protocol TCP\n  real_server 192.168.1.20 80 {\n    TCP_CHECK {\n      connect_timeout 3\n    }\n    MISC_CHECK {\n      misc_path /bin/true\n${bare}    }\n    HTTP_GET {\n      connect_timeout 3\n    }\n  }\n}\n`;
    const ka504 = (text: string) => lintText(text).diagnostics.filter((d) => d.code === 'KA504').map((d) => d.message);
    expect(ka504(vs('      misc_path\n'))).toEqual(ka504(vs('')));
    expect(ka504(vs('')).join('')).toContain('MISC_CHECK');
  });

  it('a bare vrrp_instance priority keeps the earlier value, and kalint peer still refuses the line', () => {
    expect(model(instance('  priority 150\n  priority\n')).vrrpInstances[0]!.priority?.value).toBe(150);
  });
});
