import type { AstNode } from '../../core/analysis/ast.js';
import { sockaddrAddress } from '../../core/analysis/values.js';
import type { FileRule } from '../types.js';
import { compareVersions, CONFIG_TEST_SINCE, type Version } from '../../core/schema/schema.js';
import { lastSetting, topLevelBlocks } from './util.js';

/*
 * With `net_namespace NAME`, keepalived reads the global settings, then enters the namespace before it
 * reads the VRRP, LVS and BFD parts of the config. `keepalived -t` does the same, and when NAME does not
 * exist on the machine it reports what the global pass finds (global_defs, unknown top-level keywords,
 * anywhere in the file) and nothing else, and exits 0 even then: every later error goes unseen. Shown
 * with the 2.0.5, 2.0.19, 2.1.5, 2.2.7, 2.2.8 and 2.4.3 binaries on a config with a bad state and VRID:
 * exit 0 and no word without the namespace, five messages and exit 5 after `ip netns add`; 2.2.7 with a
 * `router_id` missing its name in global_defs too: that one message, and exit 0. `-t` came in 2.0.4.
 */

/*
 * 2.0.8 (54136b2f, the host name looked up only when needed) to 2.0.10 give an smtp_server without
 * smtp_helo_name the host name string itself as its HELO name, and free both as they exit: where the
 * namespace is missing, -t goes straight to that exit and aborts ("double free or corruption", the 2.0.8
 * to 2.0.10 code, shown with the 2.0.10 build; 2.0.7 and 2.0.19 exit 0). 2.0.11 copies the name.
 */
const HELO_DOUBLE_FREE: [Version, Version] = [
  [2, 0, 8],
  [2, 0, 11],
];


/** Whether the target aborts as -t exits early for the missing namespace (see HELO_DOUBLE_FREE). */
function heloFreedTwice(blocks: AstNode[], target: Version): boolean {
  if (compareVersions(target, HELO_DOUBLE_FREE[0]) < 0 || compareVersions(target, HELO_DOUBLE_FREE[1]) >= 0) return false;
  const server = lastSetting(blocks, 'smtp_server');
  // Only an address sets the server before 2.1.4.
  return server !== undefined && sockaddrAddress(server.argText(0)!) !== undefined && lastSetting(blocks, 'smtp_helo_name') === undefined;
}

export const netNamespaceConfigTest: FileRule = {
  kind: 'file',
  code: 'KA360',
  name: 'net-namespace-config-test',
  family: 'vrrp',
  severity: 'info',
  description: "With 'net_namespace', keepalived -t checks only the global settings on a machine where that namespace does not exist, and exits 0.",
  docs: {
    why:
      '`net_namespace NAME` makes keepalived move into network namespace NAME before it reads the VRRP and LVS parts of ' +
      'the config. `keepalived -t` moves there too, and where NAME does not exist (a CI runner, a build machine, a node ' +
      'set up before the namespace) it reports only what it finds in the global settings (global_defs and the top-level ' +
      'keywords), skips the vrrp_script, vrrp_instance, virtual_server and other blocks without a word and exits 0, even ' +
      'after reporting errors, so a pipeline that relies on it passes configs it never read (2.0.8 to 2.0.10 abort instead when ' +
      'global_defs names an smtp_server without smtp_helo_name). The daemon fails the same way at start on such a machine. Run `keepalived -t` ' +
      'where the namespace exists (create it first with `ip netns add NAME`), or name the namespace when starting the ' +
      'daemon (`keepalived -s NAME`, e.g. in KEEPALIVED_OPTIONS) instead of in the config, so the file checks anywhere.',
    bad: 'net_namespace blue\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}',
    good: '# started as: keepalived -s blue\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}',
  },
  check(ctx) {
    if (compareVersions(ctx.target, CONFIG_TEST_SINCE) < 0) return;
    const tops = topLevelBlocks(ctx.analysis.ast, 'net_namespace');
    for (let i = 0; i < tops.length; i++) {
      const top = tops[i]!;
      // The first line with a name counts (keepalived reports and ignores a second one).
      if (top.keyword !== 'net_namespace' || top.argCount === 0) continue;
      const name = top.argText(0);
      const aborts = heloFreedTwice(topLevelBlocks(ctx.analysis.ast, 'global_defs'), ctx.target)
        ? `; keepalived ${ctx.target.join('.')} -t there does not even exit 0: it aborts ("double free or corruption"), since with an smtp_server and no smtp_helo_name it uses the host name string as the HELO name and frees it twice on the way out (fixed in 2.0.11; an smtp_helo_name line avoids it)`
        : '';
      ctx.report({
        message:
          `keepalived -t checks the VRRP and LVS parts of this config only where network namespace '${name}' exists: elsewhere (e.g. in CI) ` +
          `it checks only the global settings, skips the vrrp_instance, virtual_server and other blocks without a word, and exits 0 ` +
          `even after reporting errors; run it after 'ip netns add ${name}', or rely on kalint${aborts}`,
        file: top.file,
        range: top.range,
      });
      return;
    }
  },
};
