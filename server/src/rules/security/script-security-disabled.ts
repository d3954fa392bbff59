import type { FileRule } from '../types.js';
import { compareVersions, CONFIG_TEST_SINCE, type Version } from '../../core/schema/schema.js';
import { related } from '../lvs/util.js';
import { fix, insertFirstInBlock, rangeOf } from '../fixes.js';
import { configuredScripts, programOf, scriptIsChecked } from './scripts.js';
import { CONFIG_TEST_FIXED_IN, describeRunAs, PARENT_CHECK_SINCE, runAs, switchesToCheck, switchesUser } from './script-user-terminates-keepalived.js';

/** Script security (enable_script_security, script_user) came in 1.3.0 (b266fd95); before it there is nothing to enable. */
const SCRIPT_SECURITY_SINCE: Version = [1, 3, 0];

/**
 * keepalived -t's exit status after the violation (measured with the builds, 601-style config): 2.0.19 exits 5, 2.1.5
 * exits 0 (2.1.x's -t exits 0 after any configuration error, see KA540), 2.2.4 to 2.4.3 exit 6.
 */
const CONFIG_TEST_EXIT_ZERO: [Version, Version] = [[2, 1, 0], [2, 2, 0]];

/** What keepalived `target`'s -t does once a script file exists. */
function configTestOutcome(target: Version, several: boolean): string {
  const once = `once ${several ? 'a' : 'the'} script exists keepalived -t`;
  if (compareVersions(target, CONFIG_TEST_EXIT_ZERO[0]) < 0) return `${once} fails on it (the 2.0.19 build: exit status 5)`;
  if (compareVersions(target, CONFIG_TEST_EXIT_ZERO[1]) < 0) return `${once} prints it, but exits 0 (2.1.x's -t does after any configuration error; 2.2.0 and later exit 6)`;
  return `${once} fails with exit 6`;
}

export const scriptSecurityDisabled: FileRule = {
  kind: 'file',
  code: 'KA601',
  name: 'script-security-disabled',
  family: 'security',
  // A warning, not an error: keepalived only objects when the script file exists on the host.
  severity: 'warning',
  description: 'The configuration runs scripts but global_defs has no enable_script_security.',
  docs: {
    why:
      'Without `enable_script_security` keepalived runs notify, track and check scripts as the user the script or `script_user` ' +
      'names, else as `keepalived_script` where that account exists, else as root; and where a script it runs as root (or with group root), or a directory above ' +
      'it, is writable by others it only logs "Unsafe permissions found" and runs it anyway, so anyone who can edit such a file ' +
      'gets the account it runs as, root by default. ' +
      'keepalived 2.2.7 treats this as a security error: `keepalived -t` prints "SECURITY VIOLATION - scripts are being ' +
      'executed but script_security not enabled" and exits 6 (2.0.19\'s exits 5; 2.1.x\'s prints it and exits 0).',
    bad: 'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n    track_script {\n        chk_haproxy\n    }\n}',
    good: 'global_defs {\n    enable_script_security\n    script_user root\n}\nvrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n    track_script {\n        chk_haproxy\n    }\n}',
  },
  check(ctx) {
    if (compareVersions(ctx.target, SCRIPT_SECURITY_SINCE) < 0) return;
    const gd = ctx.analysis.model.globalDefs;
    if (gd?.enableScriptSecurity) return;
    const scripts = configuredScripts(ctx.analysis).filter((sc) => scriptIsChecked(ctx.analysis, sc));
    if (!scripts.length) return;
    const first = scripts[0]!;
    const several = scripts.length > 1;
    const more = several ? ` (and ${scripts.length - 1} other script${scripts.length > 2 ? 's' : ''})` : '';
    // Without a script_user, keepalived then runs a script that names no user as keepalived_script, and removes it
    // where that user does not exist (Debian's and Ubuntu's packages create none): root keeps what runs today.
    const lines = gd?.scriptUser ? ['enable_script_security'] : ['enable_script_security', 'script_user root'];
    let edit;
    if (gd) edit = insertFirstInBlock(ctx.analysis, gd.node, lines);
    else {
      // A new global_defs goes after the file's opening comment lines (a header usually describes the file).
      const text = ctx.analysis.files.get(ctx.analysis.file)?.text ?? '';
      const header = /^(?:[ \t]*(?:[#!][^\r\n]*)?(?:\r?\n|$))*/.exec(text)?.[0] ?? '';
      const at = header.length;
      const r = rangeOf(ctx.analysis, ctx.analysis.file, at, at);
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      const lead = at > 0 && !/(\r?\n){2}$/.test(header) && header.endsWith('\n') ? eol : '';
      if (r) edit = { file: ctx.analysis.file, range: r, newText: `${lead}global_defs {${eol}${lines.map((l) => `    ${l}${eol}`).join('')}}${eol}${eol}` };
    }
    // Without script security a script runs as the user it names, else global_defs' script_user, else root (or
    // keepalived_script where that account exists): live 2.2.7, `script_user nobody` ran the check as nobody.
    const scriptUser = gd?.scriptUser?.node.args;
    const users = new Set<string>();
    let named;
    let switching = false;
    // A script run with group root (`script_user nobody root`) is checked like one run by root (gid 0).
    let rootGroup = false;
    for (const s of scripts) {
      const r = runAs(s, scriptUser);
      if (r && switchesUser(r)) {
        users.add(r.user.text);
        if (r.group?.text === 'root') rootGroup = true;
        named ??= r;
        if (switchesToCheck(s)) switching = true;
      } else users.add(r ? 'root' : '');
    }
    // '' is no user named: keepalived then tries its keepalived_script account before root.
    const who = users.size > 1 ? 'root or as the users they name' : named ? describeRunAs(named) : users.has('root') ? 'root' : 'root (or keepalived_script, where that account exists)';
    // Every release with script security (1.3.0 on, lib/notify.c check_script_secure) checks the path of a script it runs as
    // root (user or group 0, or a set-uid/set-gid root file) and, without enable_script_security, only logs "Unsafe
    // permissions found for script …" and runs it: the 2.2.7 daemon (claims64) ran one in a mode-777 directory as root.
    // A script it runs as another user is not checked at all.
    const them = several ? 'them' : 'it';
    // (The 2.2.7 daemon with `script_user nobody root`: "Unsafe permissions found for script …", then ran it as nobody:root.)
    const unchecked = users.has('root') || users.has('')
      ? `even where a non-root user can modify ${them} (for a script it runs as root keepalived only logs "Unsafe permissions found for script …" and runs it anyway)`
      : rootGroup
        ? `even where a non-root user can modify ${them} (for a script it runs with group root keepalived only logs "Unsafe permissions found for script …" and runs it anyway)`
        : `without checking who can modify ${them} (keepalived checks that only for scripts run by root or with group root)`;
    // keepalived -t came in 2.0.4; 1.3.5 logs the violation and runs the script anyway. 2.2.5 to 2.2.7's -t kills itself
    // at the first script run as another user (KA608), before it reports the violation.
    const check = compareVersions(ctx.target, CONFIG_TEST_SINCE) < 0
      ? `keepalived ${ctx.target.join('.')} only logs it`
      : switching && compareVersions(ctx.target, PARENT_CHECK_SINCE) >= 0 && compareVersions(ctx.target, CONFIG_TEST_FIXED_IN) < 0
        ? `keepalived logs it at start (keepalived -t stops earlier, see KA608)`
        : configTestOutcome(ctx.target, several);
    // The checker process words it its own way; with VRRP scripts too, the VRRP process's line comes first.
    const checkerOnly = scripts.every((s) => s.node.spec?.path[0] === 'virtual_server');
    ctx.report({
      message: `'${programOf(first)?.path ?? first.node.keyword}' (${first.node.keyword === 'script' ? 'vrrp_script' : first.node.keyword})${more} ${several ? 'run' : 'runs'} without 'enable_script_security' in global_defs: keepalived runs ${them} as ${who} ${unchecked}, and ${check} (keepalived: "SECURITY VIOLATION - ${checkerOnly ? 'check ' : ''}scripts are being executed but script_security not enabled")`,
      file: first.node.file,
      range: first.node.range,
      related: scripts.slice(1, 20).map((s) => related(s.node, `'${s.node.keyword}' also runs a script`)),
      fix: fix(lines.length > 1 ? "Add 'enable_script_security' and 'script_user root' to global_defs" : "Add 'enable_script_security' to global_defs", [edit]),
    });
  },
};
