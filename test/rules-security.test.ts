// The security rules (KA6xx): how keepalived runs the scripts a configuration names.

import { describe, expect, it } from 'vitest';
import { applyFix, conf, findings, linesOf } from './helpers/rule-cases.js';
import { keepalivedAvailable, keepalivedVersion, runKeepalived, runKeepalivedAsync } from './helpers/keepalived.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseBinary, runRelease } from './helpers/releases.js';
import { lintText } from '../server/src/linter.js';
import { scriptSecurityDisabled } from '../server/src/rules/security/script-security-disabled.js';

/**
 * Runs the keepalived daemon for a few seconds in a private network namespace (a bridge named
 * br0 stands in for the interface), so scripts really run. Needs root and unshare; undefined otherwise.
 */
function runDaemonBriefly(configFor: (dir: string) => string): { dir: string; log: string } | undefined {
  if (!keepalivedAvailable() || process.getuid?.() !== 0) return undefined;
  const probe = spawnSync('unshare', ['-n', 'ip', 'link', 'add', 'br0', 'type', 'bridge'], { encoding: 'utf8' });
  if (probe.status !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'kalint-daemon-'));
  writeFileSync(join(dir, 'keepalived.conf'), configFor(dir));
  const inner = `ip link add br0 type bridge && ip link set br0 up && ip addr add 10.99.0.1/24 dev br0 && exec keepalived -n -l -D -f ${dir}/keepalived.conf -p ${dir}/k.pid -r ${dir}/v.pid -c ${dir}/c.pid -i kalint`;
  const r = spawnSync('timeout', ['3', 'unshare', '-n', 'sh', '-c', inner], { encoding: 'utf8' });
  return { dir, log: `${r.stdout}${r.stderr}` };
}

const SECURE = conf('global_defs {', '  enable_script_security', '  script_user keepalived_script', '}');

function instance(...lines: string[]): string {
  return conf('vrrp_instance VI_1 {', '  interface eth0', '  virtual_router_id 51', '  virtual_ipaddress {', '    10.0.0.1/24', '  }', ...lines.map((l) => '  ' + l), '}');
}

describe('KA601 script-security-disabled', () => {
  const bad = conf('vrrp_script chk {', '  script "/usr/bin/pgrep haproxy"', '}') + instance('track_script {', '  chk', '}');


  it('before keepalived -t (2.0.4) the violation is only logged: 1.3.5 logs it and runs the script', () => {
    // keepalived 1.3.5: "SECURITY VIOLATION - scripts are being executed but script_security not enabled", then "VRRP_Script(chk) succeeded".
    expect(findings(bad, 'KA601', '1.3.5')[0]!.message).toContain('keepalived 1.3.5 only logs it');
    expect(findings(bad, 'KA601')[0]!.message).toContain('keepalived -t fails with exit 6');
  });
  // Session 61's variants audit: keepalived -t's exit status after the violation differs by release (the builds).
  it("says what the target's keepalived -t exits with: 2.0.19 5, 2.1.5 0, 2.2.x 6", () => {
    expect(findings(bad, 'KA601', '2.0.19')[0]!.message).toContain('keepalived -t fails on it (the 2.0.19 build: exit status 5)');
    expect(findings(bad, 'KA601', '2.1.5')[0]!.message).toContain('keepalived -t prints it, but exits 0');
    for (const v of ['2.0.19', '2.1.5']) expect(findings(bad, 'KA601', v)[0]!.message, v).not.toContain('fails with exit 6');
    expect(findings(bad, 'KA601', '2.2.4')[0]!.message).toContain('keepalived -t fails with exit 6');
    for (const [v, rc] of [['2.0.19', 5], ['2.1.5', 0], ['2.4.3', 6]] as const) {
      const bin = releaseBinary(v);
      if (bin) expect(runRelease(bin, bad.replace('/usr/bin/pgrep haproxy', '/usr/bin/true')).exitStatus, v).toBe(rc);
    }
  });
  // Session 60's audit: with only checker scripts, 2.2.7 -t prints the checker process's wording (exit 6).
  it("quotes the checker process's words when only checker scripts run", () => {
    const misc = conf('virtual_server 10.0.0.1 80 {', '  lb_algo rr', '  lb_kind NAT', '  protocol TCP', '  real_server 10.0.0.10 80 {', '    MISC_CHECK {', '      misc_path "/bin/true"', '    }', '  }', '}');
    expect(findings(misc, 'KA601')[0]!.message).toContain('"SECURITY VIOLATION - check scripts are being executed but script_security not enabled"');
    expect(findings(misc + bad, 'KA601')[0]!.message).toContain('"SECURITY VIOLATION - scripts are being executed');
    if (keepalivedAvailable()) expect(runKeepalived(misc).stderr).toContain('SECURITY VIOLATION - check scripts are being executed but script_security not enabled');
  });
  it('is quiet before 1.3.0, which has no script security to enable (acassen/keepalived#328, 1.2.20)', () => {
    // Script security came with commit b266fd95 (v1.3.0); 1.2.24 runs every script as root and would
    // report enable_script_security itself as an unknown keyword (KA207).
    expect(findings(bad, 'KA601', '1.2.24')).toEqual([]);
    expect(findings(bad, 'KA601', '1.3.0')).toHaveLength(1);
    expect(findings(SECURE + bad, 'KA207', '1.2.24').map((d) => d.message)).toEqual([
      "'enable_script_security' is not available in keepalived 1.2.24 (added in 1.3.0); keepalived reports it as an unknown keyword. If your nodes run 1.3.0 or later, say so with --target-version (or targetVersion in .kalint.json)",
      "'script_user' is not available in keepalived 1.2.24 (added in 1.3.0); keepalived reports it as an unknown keyword. If your nodes run 1.3.0 or later, say so with --target-version (or targetVersion in .kalint.json)",
    ]);
    expect(findings(SECURE + bad, 'KA602', '1.2.24')).toEqual([]);
  });
  it('reports the first script when global_defs lacks enable_script_security', () => {
    expect(linesOf(bad, 'KA601')).toEqual([2]);
    expect(linesOf(SECURE + bad, 'KA601')).toEqual([]);
  });

  it('reports once for many scripts and lists the others', () => {
    // One instance: keepalived skips a second vrrp_instance VI_1 unread, scripts included.
    const many = conf('vrrp_script chk {', '  script "/usr/bin/pgrep haproxy"', '}') + instance('track_script {', '  chk', '}', 'notify_master "/etc/keepalived/master.sh"');
    const d = findings(many, 'KA601');
    expect(d).toHaveLength(1);
    expect(d[0]!.related?.map((r) => r.range.start.line + 1)).toEqual([13]);
    expect(findings(bad + instance('notify_master "/etc/keepalived/master.sh"'), 'KA601')[0]!.related ?? []).toEqual([]);
      // Seen on real configs (acassen/keepalived#535): "'sleep' (vrrp_script) (and 2 other scripts) runs … runs it".
    expect(d[0]!.message).toMatch(/\(and 1 other script\) run without .* runs them as root \(or keepalived_script, where that account exists\) even where a non-root user can modify them \(for a script it runs as root keepalived only logs "Unsafe permissions found for script …" and runs it anyway\), and once a script exists/);
    expect(findings(bad, 'KA601')[0]!.message).toMatch(/runs without .* runs it as root .* once the script exists/);
  });

  // s58 precision audit: with `script_user nobody` (or the vrrp_script's own `user nobody`) and no
  // enable_script_security, the 2.2.7 daemon ran the check as nobody, 4 times of 4; keepalived -t exited 143
  // ("Terminated", KA608) before it could report the violation.
  it('names the user the scripts run as, and says when -t stops before the violation', async () => {
    const withUser = conf('global_defs {', '  script_user nobody', '}') + bad;
    const [d] = findings(withUser, 'KA601');
    expect(d!.message).toMatch(/runs it as 'nobody', global_defs' script_user \(line 2\) without checking who can modify it \(keepalived checks that only for scripts run by root or with group root\), and keepalived logs it at start \(keepalived -t stops earlier, see KA608\)/);
    expect(d!.message).not.toMatch(/as root|exit 6/);
    // 2.2.8 fixed the test, which then reports the violation.
    expect(findings(withUser, 'KA601', '2.2.8')[0]!.message).toMatch(/as 'nobody'.* once the script exists keepalived -t fails with exit 6/);
    const own = conf('vrrp_script chk {', '  script "/usr/bin/pgrep haproxy"', '  user nobody', '}') + instance('track_script {', '  chk', '}', 'notify_master "/etc/keepalived/master.sh"');
    expect(findings(own, 'KA601')[0]!.message).toMatch(/runs them as root or as the users they name even where a non-root user can modify them/);
    expect(findings(conf('global_defs {', '  script_user root', '}') + bad, 'KA601')[0]!.message).toMatch(/runs it as root even where a non-root user can modify it .* exit 6/);
    expect(findings(bad, 'KA601')[0]!.message).toMatch(/runs it as root \(or keepalived_script, where that account exists\) even where a non-root user can modify it/);
    if (keepalivedVersion() === '2.2.7' && spawnSync('id', ['nobody']).status === 0) {
      expect((await runKeepalivedAsync(withUser)).signal).toBe('SIGTERM');
    }
  });

  // claims64 bug 3: KA601 said keepalived runs the script "without checking who can modify it". Every release with
  // script security checks the path of a script it runs as root; without enable_script_security the 2.2.7 daemon logged
  // "Unsafe permissions found for script '/var/tmp/claims64/ww/mark.sh'." (a mode-777 directory) and "SECURITY VIOLATION
  // - … There are insecure scripts.", then ran it as root. It checks no script it runs as another user.
  it('says that keepalived checks a script it runs as root, logs "Unsafe permissions found" and runs it anyway', () => {
    for (const target of [undefined, '1.3.5', '2.0.19', '2.4.3']) {
      const d = findings(bad, 'KA601', target)[0]!;
      expect(d.message, target).not.toContain('without checking');
      expect(d.message, target).toContain('runs it as root (or keepalived_script, where that account exists) even where a non-root user can modify it (for a script it runs as root keepalived only logs "Unsafe permissions found for script …" and runs it anyway)');
    }
    const nobody = findings(conf('global_defs {', '  script_user nobody', '}') + bad, 'KA601')[0]!;
    expect(nobody.message).toContain("as 'nobody', global_defs' script_user (line 2) without checking who can modify it (keepalived checks that only for scripts run by root or with group root)");
    expect(scriptSecurityDisabled.docs.why).toContain('where a script it runs as root (or with group root), or a directory above it, is writable by others it only logs "Unsafe permissions found" and runs it anyway');
  });
  // recheck64 bug 4: check_script_secure (lib/notify.c) also checks a script run with gid 0: the 2.2.7 daemon with
  // `script_user nobody root` and a script in a mode-777 directory logged "Unsafe permissions found for script …" and
  // ran it as nobody:root.
  it('counts a script run with group root as checked', () => {
    const d = findings(conf('global_defs {', '  script_user nobody root', '}') + bad, 'KA601')[0]!;
    expect(d.message).not.toContain('without checking');
    expect(d.message).toContain("as 'nobody' (group 'root'), global_defs' script_user (line 2) even where a non-root user can modify it (for a script it runs with group root keepalived only logs \"Unsafe permissions found for script …\" and runs it anyway)");
  });

  it('points once to a line that definitions and ~SEQ expand into many scripts', () => {
    // keepalived's own test configs (0560 of the sweep) expand one quorum_up line into 300 scripts.
    const vs = (n: number) => ['$VS= \\', 'virtual_server 10.0.${N}.1 80 { \\', '    quorum_up "/usr/sbin/ip addr add 10.0.${N}.1 dev lo" \\', '}', `~SEQ(N,1,${n}) $VS`];
    const [d] = findings(conf(...vs(5)), 'KA601');
    expect(d!.message).toContain('(and 4 other scripts)');
    expect(d!.related).toBeUndefined();
    const withOther = findings(conf(...vs(5), 'vrrp_script chk {', '  script "/usr/bin/pgrep haproxy"', '}') + instance('track_script {', '  chk', '}'), 'KA601');
    expect(withOther[0]!.related?.map((r) => `${r.range.start.line + 1}: ${r.message}`)).toEqual(['7: \'script\' also runs a script']);
  });

  it('ignores VRRP scripts when there is no vrrp_instance (keepalived never runs them)', () => {
    expect(linesOf(conf('vrrp_script chk {', '  script "/bin/true"', '}'), 'KA601')).toEqual([]);
  });

  it.skipIf(!keepalivedAvailable())('keepalived agrees: an unused vrrp_script counts once an instance exists, not before', () => {
    const script = conf('vrrp_script chk {', '  script "/bin/true"', '}');
    expect(runKeepalived(script).exitStatus).toBe(0);
    expect(runKeepalived(script + instance()).exitStatus).toBe(6);
    expect(linesOf(script + instance(), 'KA601')).toEqual([2]);
  });

  it('covers checker scripts too', () => {
    const text = conf('virtual_server 10.0.0.1 80 {', '  protocol TCP', '  real_server 10.0.1.1 80 {', '    MISC_CHECK {', '      misc_path "/bin/true"', '    }', '    notify_up "/bin/true"', '  }', '}');
    expect(linesOf(text, 'KA601')).toEqual([5]);
  });

  it('fixes by creating global_defs, or by adding to the existing one', () => {
    const fixed = applyFix(bad, findings(bad, 'KA601')[0]!.fix!);
    // With script_user root: without one, keepalived would run the scripts as keepalived_script and remove them where
    // that user does not exist (an audit of quick fixes, session 57: the tracked script gone from the daemon's dump).
    expect(fixed.startsWith('global_defs {\n    enable_script_security\n    script_user root\n}\n')).toBe(true);
    expect(linesOf(fixed, 'KA601')).toEqual([]);
    const headed = conf('! Configuration File for keepalived', '') + bad;
    expect(applyFix(headed, findings(headed, 'KA601')[0]!.fix!).startsWith('! Configuration File for keepalived\n\nglobal_defs {\n')).toBe(true);
    const withGd = conf('global_defs {', '  router_id lb1', '}') + bad;
    const fixed2 = applyFix(withGd, findings(withGd, 'KA601')[0]!.fix!);
    expect(fixed2.split('\n').slice(0, 4)).toEqual(['global_defs {', '  enable_script_security', '  script_user root', '  router_id lb1']);
    // A global script_user already set: only the switch is added.
    const withUser = conf('global_defs {', '  script_user nobody', '}') + bad;
    expect(applyFix(withUser, findings(withUser, 'KA601')[0]!.fix!).split('\n').slice(0, 3)).toEqual(['global_defs {', '  enable_script_security', '  script_user nobody']);
    // A keyword after the '{' keeps its own line (it had become the new line's tail: router_id lost).
    const sameLine = 'global_defs { router_id LB1\n}\n' + bad;
    expect(applyFix(sameLine, findings(sameLine, 'KA601')[0]!.fix!).split('\n').slice(0, 4)).toEqual(['global_defs {', '    enable_script_security', '    script_user root', '    router_id LB1']);
    // A comment after the '{' stays on its line.
    const commented = 'global_defs {   # node settings\n  router_id lb1\n}\n' + bad;
    expect(applyFix(commented, findings(commented, 'KA601')[0]!.fix!).split('\n').slice(0, 2)).toEqual(['global_defs {   # node settings', '  enable_script_security']);
  });

  it.skipIf(!keepalivedAvailable())('keepalived -t exits 6 with the security violation when the script exists', () => {
    const r = runKeepalived(conf('vrrp_script chk {', '  script "/bin/true"', '}') + instance('track_script {', '  chk', '}'));
    expect(r.exitStatus).toBe(6);
    expect(r.messages.some((m) => /SECURITY VIOLATION - scripts are being executed but script_security not enabled/.test(m.message))).toBe(true);
  });
});

describe('KA602 script-user-missing', () => {
  const noUser = conf('global_defs {', '  enable_script_security', '}', 'vrrp_script chk {', '  script "/usr/bin/pgrep haproxy"', '}') + instance();

  it('warns when no script_user and no per-script user are given', () => {
    expect(linesOf(noUser, 'KA602')).toEqual([5]);
  });

  // mistakes61: 2.0.19 (and 2.1.5, 2.2.4) -t print only "Unable to set default user for vrrp script chk - removing";
  // "Unable to set default user keepalived_script for script" came with eadf94e3 (2.2.5), 2.2.7 prints both.
  it('quotes the line the target release prints', () => {
    for (const v of ['2.0.19', '2.2.4']) {
      const m = findings(noUser, 'KA602', v)[0]!.message;
      expect(m, v).toContain('(keepalived: "Unable to set default user for vrrp script chk - removing")');
      expect(m, v).not.toContain('keepalived_script for script');
    }
    expect(findings(noUser, 'KA602', '2.2.7')[0]!.message).toContain('(keepalived: "Unable to set default user keepalived_script for script")');
  });

  // mistakes62: 'script_user' with no name (keepalived 2.2.7: "(Line 5) No script username specified", and the
  // scripts go to keepalived_script) got "global_defs has no 'script_user'", which the file plainly contradicts.
  it('says that an empty script_user line names no user, instead of that there is none', () => {
    const empty = conf('global_defs {', '  enable_script_security', '  script_user', '}', 'vrrp_script chk {', '  script "/usr/bin/pgrep haproxy"', '}') + instance();
    const m = findings(empty, 'KA602')[0]!.message;
    expect(m).toContain("names no user and global_defs' 'script_user' (line 3) names no user, so keepalived sets none: keepalived runs it as 'keepalived_script'");
    expect(m).not.toContain("global_defs has no 'script_user'");
    expect(findings(noUser, 'KA602')[0]!.message).toContain("global_defs has no 'script_user'");
  });

  // A Terraform LVS director's MISC_CHECK linted for Ubuntu 20.04 (2.0.19) crashed that build's keepalived -t. Reduced:
  // with no keepalived_script account, 1.3.6 to 2.2.2 free the removed MISC_CHECK but keep it queued (fixed by
  // 48387eaf in 2.2.3): the 2.0.19 and 2.2.0 builds' -t "Segmentation fault", the 2.0.0 and 2.0.19 daemons
  // "Keepalived_healthcheckers exited due to segmentation fault (SIGSEGV)" and respawn it; 2.2.4 and 1.3.5 do not.
  it('says 1.3.6 to 2.2.2 crash when they remove a MISC_CHECK script for want of its user', () => {
    const misc = conf('global_defs {', '  enable_script_security', '}', 'virtual_server 10.0.0.100 443 {', '  protocol TCP', '  lb_algo rr', '  lb_kind NAT',
      '  real_server 10.0.1.21 443 {', '    MISC_CHECK {', '      misc_path "/bin/true"', '    }', '  }', '}');
    for (const v of ['2.0.19', '2.1.5', '2.2.2']) expect(findings(misc, 'KA602', v)[0]!.message, v).toContain(`crashes keepalived ${v}: the health checker dies with a segmentation fault`);
    for (const v of ['1.3.5', '2.2.3', '2.2.7']) expect(findings(misc, 'KA602', v)[0]!.message, v).not.toContain('segmentation fault');
    expect(findings(noUser, 'KA602', '2.0.19')[0]!.message).not.toContain('segmentation fault');
  });

  it.runIf(existsSync('/tmp/ka2.0.19/keepalived/keepalived') && !/^keepalived_script:/m.test(readFileSync('/etc/passwd', 'utf8')))(
    'the 2.0.19 build crashes on it (when built by scripts/keepalived-versions)',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'kalint-ka602-'));
      try {
        writeFileSync(join(dir, 'k.conf'), conf('global_defs {', '  enable_script_security', '}', 'virtual_server 10.0.0.100 443 {', '  protocol TCP', '  lb_algo rr', '  lb_kind NAT',
          '  real_server 10.0.1.21 443 {', '    MISC_CHECK {', '      misc_path "/bin/true"', '    }', '  }', '}'));
        const r = spawnSync('/tmp/ka2.0.19/keepalived/keepalived', ['-t', '-f', join(dir, 'k.conf'), '-i', 'x'], { encoding: 'utf8', timeout: 20000 });
        expect(r.signal).toBe('SIGSEGV');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('agrees in number when several scripts have no user', () => {
    const two = noUser + instance('notify_master "/etc/keepalived/master.sh"').replace('vrrp_instance VI_1', 'vrrp_instance VI_2').replace('virtual_router_id 51', 'virtual_router_id 52');
    const [d] = findings(two, 'KA602');
    expect(d!.message).toMatch(/\(and 1 more\) name no user .* runs them as 'keepalived_script' and removes them/);
    expect(findings(noUser, 'KA602')[0]!.message).toMatch(/names no user .* runs it as .* removes it/);
  });

  // From fuzz-generate seed 754 (2.4.3): a FIFO line without a user takes the default script user as it is read.
  describe('FIFO lines without a user (2.2.5 and later)', () => {
    const fifoOnly = conf('global_defs {', '  enable_script_security', '  lvs_notify_fifo /run/lvs.fifo', '}');
    const beforeScriptUser = conf('global_defs {', '  enable_script_security', '  vrrp_notify_fifo /run/vrrp.fifo', '  script_user root', '}', 'vrrp_script chk {', '  script "/bin/true"', '}') +
      instance('track_script {', '  chk', '}', 'notify_master /bin/true');
    const beforeSecurity = conf('global_defs {', '  vrrp_notify_fifo /run/vrrp.fifo', '  enable_script_security', '}', 'vrrp_script chk {', '  script "/bin/true"', '}') + instance('track_script {', '  chk', '}');

    it('counts a FIFO line without a user among the lines that need keepalived_script', () => {
      expect(linesOf(fifoOnly, 'KA602')).toEqual([3]);
      expect(findings(fifoOnly, 'KA602')[0]!.message).toMatch(/names no user .* where that user does not exist it ignores the FIFO line \(keepalived: "Unable to set default user keepalived_script for script"\)/);
      // With a user on the line, or before 2.2.5 (2.1.5 and 2.0.19 accept the file), there is nothing to say.
      expect(linesOf(fifoOnly.replace('/run/lvs.fifo', '/run/lvs.fifo root'), 'KA602')).toEqual([]);
      expect(linesOf(fifoOnly, 'KA602', '2.2.4')).toEqual([]);
    });

    it('says that a FIFO line before script_user has keepalived refuse script_user and remove the scripts', () => {
      const [d] = findings(beforeScriptUser, 'KA602');
      expect(d!.range.start.line + 1).toBe(3);
      expect(d!.message).toContain("comes before 'script_user' (line 4)");
      expect(d!.message).toContain('refuses the later script_user ("Error setting global script uid/gid") and removes every script that names no user of its own (2 here)');
      expect(d!.related!.map((r) => r.range.start.line + 1)).toEqual([4, 7, 18]);
      // script_user first: the FIFO gets that user.
      const reordered = beforeScriptUser.replace('  vrrp_notify_fifo /run/vrrp.fifo\n  script_user root\n', '  script_user root\n  vrrp_notify_fifo /run/vrrp.fifo\n');
      expect(linesOf(reordered, 'KA602')).toEqual([]);
    });

    it('is quiet when the FIFO line settled the default user before script security was on', () => {
      // keepalived_script where it exists, root otherwise: nothing is removed.
      expect(linesOf(beforeSecurity, 'KA602')).toEqual([]);
      expect(linesOf(beforeSecurity, 'KA602', '2.1.5')).toEqual([6]);
    });

    // The same holds for a FIFO script, startup_script and shutdown_script without a user (2.2.7 and 2.4.3 builds:
    // "Invalid startup script" on the line, then "Error setting global script uid/gid" on script_user's).
    const scriptFirst = (line: string) => conf('global_defs {', '  enable_script_security', `  ${line}`, '  script_user root', '}', 'vrrp_script chk {', '  script "/bin/true"', '}') + instance('track_script {', '  chk', '}');
    it('treats a FIFO script, startup_script or shutdown_script without a user as that line too', () => {
      for (const [line, drops] of [['vrrp_notify_fifo_script /bin/true', 'drops this script,'], ['startup_script /bin/true', 'drops this script ("Invalid startup script"),'], ['shutdown_script /bin/true', 'drops this script ("Invalid shutdown script"),']] as const) {
        const [d] = findings(scriptFirst(line), 'KA602');
        expect(d!.range.start.line + 1, line).toBe(3);
        expect(d!.message, line).toContain(`it ${drops} refuses the later script_user`);
        expect(d!.message, line).toContain('(1 here)');
        expect(linesOf(scriptFirst(`${line} root`), 'KA602'), line).toEqual([]);
      }
      // Looked up before script security was on: settled, nothing removed (keepalived -t says nothing).
      const settled = conf('global_defs {', '  vrrp_notify_fifo_script /bin/true', '  enable_script_security', '  vrrp_notify_fifo /run/x.fifo', '}') + instance('notify_master /bin/true');
      expect(linesOf(settled, 'KA602')).toEqual([]);
    });

    it.skipIf(!keepalivedAvailable() || /^keepalived_script:/m.test(readFileSync('/etc/passwd', 'utf8')))('keepalived 2.2.7 refuses script_user after such a line and removes the script', () => {
      const startup = runKeepalived(scriptFirst('startup_script /bin/true')).messages.map((m) => `${m.line} ${m.message}`);
      expect(startup).toEqual(expect.arrayContaining(['3 Unable to set default user keepalived_script for script', '3 Invalid startup script', '4 Error setting global script uid/gid']));
      const r = runKeepalived(beforeScriptUser);
      const at = (re: RegExp) => r.messages.filter((m) => re.test(m.message)).map((m) => m.line);
      expect(at(/^Unable to set default user keepalived_script for script$/)).toEqual([3]);
      expect(at(/^Error setting global script uid\/gid$/)).toEqual([4]);
      expect(at(/^Unable to set default user for vrrp script chk - removing$/).length).toBeGreaterThan(0);
      expect(r.exitStatus).not.toBe(0);
      const quiet = runKeepalived(beforeSecurity);
      expect(quiet.messages.filter((m) => /user|uid/.test(m.message))).toEqual([]);
      expect(runKeepalived(fifoOnly).messages.map((m) => `${m.line} ${m.message}`)).toContain('3 Unable to set default user keepalived_script for script');
    });
  });

  it('is satisfied by script_user, or by a user on every script', () => {
    expect(linesOf(SECURE + conf('vrrp_script chk {', '  script "/usr/bin/pgrep haproxy"', '}') + instance(), 'KA602')).toEqual([]);
    const perScript = conf('global_defs {', '  enable_script_security', '}', 'vrrp_script chk {', '  script "/usr/bin/pgrep haproxy"', '  user nobody', '}') +
      instance('notify_master "/etc/keepalived/master.sh" nobody');
    expect(linesOf(perScript, 'KA602')).toEqual([]);
  });

  it('says that keepalived before 1.3.6 runs the script as root when keepalived_script does not exist', () => {
    // keepalived 1.3.5 (scripts/keepalived-1.3.5/run.sh, VRRP process) with enable_script_security, no script_user,
    // on a host without that account: "Unable to resolve default script username 'keepalived_script' - ignoring",
    // "Default script uid:gid 0:0", then "VRRP_Script(chk) succeeded". 1c5bfa29 (1.3.6) removes the script instead.
    const [d] = findings(noUser, 'KA602', '1.3.5');
    expect(d!.message).toMatch(/keepalived 1\.3\.5 runs it as 'keepalived_script', or as root if that user does not exist/);
    expect(findings(noUser, 'KA602', '1.3.6')[0]!.message).toMatch(/removes it/);
  });

  it.skipIf(!keepalivedAvailable())('keepalived removes the script when keepalived_script does not exist', () => {
    const r = runKeepalived(noUser.replace('/usr/bin/pgrep haproxy', '/bin/true'));
    const missingUser = /Unable to set default user keepalived_script/.test(r.stderr);
    // Only meaningful on a host without that account (like the test machine).
    if (missingUser) expect(r.exitStatus).not.toBe(0);
  });
});

describe('KA603 unquoted-script-command', () => {
  // Session 60's audit: `script "/usr/bin/touch /tmp/flag" root` ran the command and ignored 'root' (2.2.7's handler
  // splits only the quoted word); the daemon ran the script, -t said nothing.
  it('a word after a quoted script or misc_path command is ignored: says so, and where the user goes', () => {
    const text = SECURE + 'vrrp_script chk {\n  script "/usr/bin/touch /tmp/flag" root\n}\nvirtual_server 10.0.0.1 80 {\n  protocol TCP\n  real_server 10.0.0.2 80 {\n    MISC_CHECK {\n      misc_path "/bin/check web" --fast\n    }\n  }\n}\n';
    const said = findings(text, 'KA603').map((d) => d.message);
    expect(said).toEqual([
      "keepalived runs the quoted command '/usr/bin/touch /tmp/flag' and ignores 'root' after it: 'script' takes the command as one word; to run it as user 'root', write 'user root' in this vrrp_script block",
      "keepalived runs the quoted command '/bin/check web' and ignores '--fast' after it: 'misc_path' takes the command as one word; put arguments inside the quotes",
    ]);
    // A notify line's words after the command are its user and group: not this finding.
    expect(findings(SECURE + instance('notify_master "/bin/echo hello" root'), 'KA603')).toEqual([]);
  });

  it('takes the word after an unquoted notify command as a user name: a warning with a quoting fix (keepalived -t accepts it)', () => {
    const bad = SECURE + instance('notify_master /bin/echo hello');
    const d = findings(bad, 'KA603');
    expect(d.map((x) => [x.range.start.line + 1, x.severity])).toEqual([[11, 'warning']]);
    expect(d[0]!.message).toContain("as user 'hello'");
    const fixed = applyFix(bad, d[0]!.fix!);
    expect(fixed).toContain('notify_master "/bin/echo hello"');
    // The 1.3.5 build (session 60's audit): "Invalid user/group for notify script", and the script ran anyway, as root.
    expect(findings(bad, 'KA603', '1.3.5')[0]!.message).toContain('keepalived 1.3.5 logs it and runs the script anyway, as its default script user');
    expect(findings(bad, 'KA603', '1.4.5')[0]!.message).toContain('it drops the script and only logs it (keepalived 1.4.5 has no -t to report it)');
    // Session 60's audit: with more words the sentence read "as user '-t' and 'keepalived' as the group; '…' is ignored, not with these words as arguments".
    const long = findings(SECURE + instance('notify_master /usr/bin/logger -t keepalived gw1 is now active'), 'KA603')[0]!.message;
    expect(long).toContain("keepalived runs '/usr/bin/logger' with no arguments, as user '-t' and group 'keepalived', and ignores 'gw1 is now active';");
    expect(linesOf(fixed, 'KA603')).toEqual([]);
  });

  // Session 60's audit on the 1.3.5 build: `notify_master '/usr/local/n.sh is master'` logged "Unable to access script
  // `'/usr/local/n.sh`" and disabled the script; so did `notify_fault /usr/local/n.sh\\ escaped`. Quotes other than '"'
  // and backslashes only group a script's words from 2.0.6 (where both forms run as written).
  it('before 2.0.6, a notify command quoted with single quotes or a backslash names no script', () => {
    const single = SECURE + instance("notify_master '/usr/local/n.sh is master'");
    const [d] = findings(single, 'KA603', '1.3.5');
    expect(d!.message).toBe(
      "keepalived 1.3.5 groups the words of a notify line only with double quotes (single quotes and backslashes quote from 2.0.6): a single quote is part of the script's name, ''/usr/local/n.sh', so keepalived finds no such script and disables it (it only logs this); the next word, 'is', is taken as the user. Write the command in double quotes",
    );
    expect(applyFix(single, d!.fix!)).toContain('notify_master "/usr/local/n.sh is master"\n');
    expect(findings(single, 'KA603', '2.0.5')).toHaveLength(1);
    expect(findings(single, 'KA603', '2.0.6')).toEqual([]);
    expect(findings(single, 'KA603')).toEqual([]);
    // One quoted word is still a name with quotes in it; a backslash has no quoting fix (it means another split).
    expect(findings(SECURE + instance("notify_master '/usr/local/n.sh'"), 'KA603', '1.3.5')[0]!.message).toContain("''/usr/local/n.sh''");
    const escaped = findings(SECURE + instance('notify_fault /usr/local/n.sh\\ escaped'), 'KA603', '1.3.5');
    expect(escaped.map((x) => [x.message.includes("a backslash is part of the script's name, '/usr/local/n.sh\\'"), !!x.fix])).toEqual([[true, false]]);
    expect(findings(SECURE + instance('notify_master "/usr/local/n.sh is master"'), 'KA603', '1.3.5')).toEqual([]);
  });

  // Session 61's audit: `notify_master /usr/bin/test 'a` got KA603 "as user ''a'" next to KA609's "it drops the script"
  // (2.2.7: "missing terminating '", no script); on a vrrp_script `script` line keepalived crashes.
  it('says nothing where keepalived cannot split the line at all (KA609)', () => {
    const text = SECURE + "vrrp_script chk {\n  script /usr/bin/test 'a\n}\n" + instance("notify_master /usr/bin/test 'a");
    expect(findings(text, 'KA609').length).toBe(2);
    expect(findings(text, 'KA603')).toEqual([]);
    // 1.3.5 splits only at blanks and double quotes: the command is '/usr/bin/test', and ''a' is a user or dropped.
    expect(findings(text, 'KA603', '1.3.5').length).toBe(2);
  });

  // mistakes61 on the 1.3.5 build: `notify_master "/bin/echo "MASTER""` logged "Script user 'MASTER' does not exist" and
  // "Invalid user/group for notify script /bin/echo ", and its dump showed the script '/bin/echo ' as uid:gid 0:0. From 2.0.6
  // the raw line is read again: the 2.2.7 dump shows '/usr/bin/echo' 'MASTER'.
  it('before 2.0.6, double quotes inside a double-quoted notify command end it, and the next word is the user', () => {
    const nested = SECURE + instance('notify_master "/bin/echo "MASTER""');
    expect(findings(nested, 'KA603', '1.3.5').map((d) => d.message)).toEqual([
      "keepalived 1.3.5 does not nest double quotes: the command ends at the second '\"', so it is '/bin/echo ' and 'MASTER' is read as the user; if no such user exists keepalived 1.3.5 logs it and runs '/bin/echo ' anyway, with no arguments, as its default script user (from 2.0.6 keepalived reads the quotes inside). Drop the inner quotes",
    ]);
    expect(findings(nested, 'KA603', '2.0.5').map((d) => d.message)).toEqual([expect.stringContaining('keepalived drops the script and only logs it')]);
    expect(findings(nested, 'KA603', '2.0.6')).toEqual([]);
    expect(findings(nested, 'KA603')).toEqual([]);
    // A quoted command and then a user, with a blank between: as written.
    expect(findings(SECURE + instance('notify_master "/usr/local/n.sh master" root'), 'KA603', '1.3.5')).toEqual([]);
  });

  // A real LB guide's `notify_backup /etc/keepalived/notify.sh backup`: 'backup' is an account on every Debian and
  // Ubuntu system, and the Debian 2.2.7 package's `keepalived -t` then stops with "Terminated", exit 143 (2.2.4 and
  // 2.2.8 builds: exit 0).
  it("says 2.2.5-2.2.7's config test kills itself when the argument names a Debian system account", () => {
    const text = SECURE + instance('notify_backup /etc/keepalived/notify.sh backup', 'notify_fault /etc/keepalived/notify.sh fault');
    const [backup, fault] = findings(text, 'KA603');
    expect(backup!.message).toContain("'backup' is a system account on Debian and Ubuntu, where keepalived 2.2.7's config test (keepalived -t) kills itself");
    expect(fault!.message).not.toContain('system account');
    expect(findings(text, 'KA603', '2.2.8')[0]!.message).not.toContain('system account');
    expect(findings(text, 'KA603', '2.2.4')[0]!.message).not.toContain('system account');
  });

  it.runIf(keepalivedAvailable() && existsSync('/etc/passwd') && /^backup:/m.test(readFileSync('/etc/passwd', 'utf8')) && keepalivedVersion() === '2.2.7')(
    "keepalived 2.2.7 -t stops at such a line with SIGTERM (exit 143 in a shell)",
    async () => {
      const text = conf('global_defs {', '  enable_script_security', '}') + instance('notify_backup /bin/true backup');
      expect((await runKeepalivedAsync(text)).signal).toBe('SIGTERM');
      expect((await runKeepalivedAsync(text.replace('true backup', 'true fault'))).signal).toBeUndefined();
    },
  );

  it('accepts a deliberate user and group after a quoted or single-word command', () => {
    expect(linesOf(SECURE + instance('notify_master "/etc/keepalived/notify.sh master" root root'), 'KA603')).toEqual([]);
    expect(linesOf(SECURE + instance('notify_master /etc/keepalived/notify.sh nobody'), 'KA603')).toEqual([]);
    expect(linesOf(SECURE + instance('notify_master /etc/keepalived/notify.sh'), 'KA603')).toEqual([]);
    // keepalived's script parser takes single quotes too.
    expect(linesOf(SECURE + instance("notify_master '/etc/keepalived/notify.sh master'"), 'KA603')).toEqual([]);
    expect(linesOf(SECURE + instance("notify_master '/etc/keepalived/notify.sh master'"), 'KA604')).toEqual([]);
  });

  it('leaves a command in curly quotes to KA704, whose fix quotes it', () => {
    // notify_master “/etc/keepalived/notify.sh MASTER”: the curly quotes are the mistake; wrapping
    // them in '"' (KA603's fix) or calling '“/etc…' relative (KA604) would point elsewhere.
    const curly = SECURE + instance('notify_master \u201c/etc/keepalived/notify.sh MASTER\u201d');
    expect(linesOf(curly, 'KA603')).toEqual([]);
    expect(linesOf(curly, 'KA604')).toEqual([]);
    const d = findings(curly, 'KA704');
    expect(d).toHaveLength(1);
    const fixed = applyFix(curly, d[0]!.fix!);
    expect(fixed).toContain('notify_master "/etc/keepalived/notify.sh MASTER"');
    expect(linesOf(fixed, 'KA603')).toEqual([]);
    expect(linesOf(fixed, 'KA604')).toEqual([]);
  });

  it('calls state words and option-like words arguments, unknown names only likely', () => {
    // keepalived -t accepts these silently: warnings, like every finding on a file it accepts.
    expect(findings(SECURE + instance('notify_backup /etc/keepalived/notify.sh BACKUP'), 'KA603')[0]?.severity).toBe('warning');
    expect(findings(SECURE + instance('notify_backup /etc/keepalived/notify.sh -v'), 'KA603')[0]?.severity).toBe('warning');
    expect(findings(SECURE + instance('notify_backup /etc/keepalived/notify.sh alice'), 'KA603')[0]?.severity).toBe('warning');
    expect(findings(SECURE + instance('notify /etc/keepalived/notify.sh a b c'), 'KA603')[0]?.message).toContain("and ignores 'c'");
  });

  // Found in charnet1019/keepalived-api samples/keepalived.conf: `startup_script SCRIPT_NAME username`.
  // keepalived -t: (Line 2) Invalid startup script — a configuration error, not a silent log line.
  const startup = 'global_defs {\n    startup_script /etc/keepalived/start.sh alice\n    enable_script_security\n}\n';
  it("says keepalived -t reports a startup or shutdown script it drops for an unknown user", () => {
    const d = findings(startup, 'KA603');
    expect(d[0]?.message).toContain('keepalived drops the script (keepalived: "Invalid startup script")');
    expect(d[0]?.message).not.toContain('stays silent');
    expect(findings(startup.replace('startup_script', 'shutdown_script'), 'KA603')[0]?.message).toContain('"Invalid shutdown script"');
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t: an unknown user on startup_script is a configuration error', () => {
    const r = runKeepalived(startup);
    expect(r.messages.map((m) => [m.line, m.message])).toEqual([[2, 'Invalid startup script']]);
  });

  it('drops unquoted arguments of script and misc_path', () => {
    const bad = SECURE + conf('vrrp_script chk {', '  script /usr/bin/pgrep haproxy', '}');
    const d = findings(bad, 'KA603');
    expect(d.map((x) => x.range.start.line + 1)).toEqual([6]);
    expect(d[0]!.message).toContain("runs only '/usr/bin/pgrep'");
    expect(linesOf(applyFix(bad, d[0]!.fix!), 'KA603')).toEqual([]);
  });

  it('the running daemon really misreads them (unquoted script loses its argument, notify takes a user)', () => {
    const run = runDaemonBriefly((dir) => SECURE.replace('keepalived_script', 'root') + conf(
      'vrrp_script unquoted {', `  script /usr/bin/touch ${dir}/unquoted`, '  interval 1', '}',
      'vrrp_script quoted {', `  script "/usr/bin/touch ${dir}/quoted"`, '  interval 1', '}',
    ) + instance('interface br0', 'track_script {', '  unquoted', '  quoted', '}', `notify_backup /usr/bin/touch ${dir}/notified`).replace('  interface eth0\n', ''));
    if (!run) return; // needs root, unshare and the binary
    try {
      expect(existsSync(join(run.dir, 'quoted')), run.log).toBe(true);
      expect(existsSync(join(run.dir, 'unquoted'))).toBe(false);
      expect(existsSync(join(run.dir, 'notified'))).toBe(false);
      expect(run.log).toMatch(/Script user '.*notified' does not exist/);
    } finally {
      rmSync(run.dir, { recursive: true, force: true });
    }
  }, 15_000);

  it('reads a script line the way keepalived does: escaped quotes are removed by its second split', () => {
    // keepalived splits a script line with quotes and escapes, then splits the command word again:
    // `\"/path\"` is one word `"/path"`, whose quotes the second split removes.
    const one = SECURE + conf('vrrp_script chk {', '  script \\"/usr/bin/pgrep\\"', '}');
    expect(linesOf(one, 'KA603')).toEqual([]);
    expect(linesOf(one, 'KA604')).toEqual([]);
    // A following word is still a dropped argument.
    const two = SECURE + conf('vrrp_script chk {', '  script \\"/usr/bin/pgrep\\" haproxy', '}');
    expect(findings(two, 'KA603')[0]?.message).toContain("'haproxy' are dropped");
  });

  it('the running daemon runs the command of an escaped script word with its arguments', () => {
    const run = runDaemonBriefly((dir) => SECURE.replace('keepalived_script', 'root') + conf(
      'vrrp_script escaped {', `  script \\"/usr/bin/touch\\"\\ ${dir}/escaped`, '  interval 1', '}',
    ) + instance('interface br0', 'track_script {', '  escaped', '}').replace('  interface eth0\n', ''));
    if (!run) return; // needs root, unshare and the binary
    try {
      expect(existsSync(join(run.dir, 'escaped')), run.log).toBe(true);
      const text = SECURE + conf('vrrp_script escaped {', `  script \\"/usr/bin/touch\\"\\ ${run.dir}/escaped`, '}');
      expect(linesOf(text, 'KA603')).toEqual([]);
    } finally {
      rmSync(run.dir, { recursive: true, force: true });
    }
  }, 15_000);

  it.skipIf(!keepalivedAvailable())('keepalived -t finds the script named by escaped quotes', () => {
    const r = runKeepalived(conf('global_defs {', '  enable_script_security', '  script_user root', '}', 'vrrp_script chk {', '  script \\"/bin/true\\"', '}')
      + instance('track_script {', '  chk', '}'));
    expect(r.messages.filter((m) => /chk|true|script/i.test(m.message))).toEqual([]);
  });

  it.skipIf(!keepalivedAvailable())('keepalived -t is silent about the misread user', () => {
    const r = runKeepalived(instance('notify_master /bin/echo hello'));
    expect(r.messages.filter((m) => /hello|notify/i.test(m.message))).toEqual([]);
  });
});

describe('KA607 script-shell-syntax: escaped operators and definitions', () => {
  // pqarmitage's test configs write a checker's name as `10.0.${NUM}.4:80-\>192.168.${NUM}.1:80` inside a multi-line
  // definition (and `80->192…` unescaped in others): the '>' is the character the writer meant, a label's arrow. Once
  // definitions were split like written lines, KA607 called it "not a redirection" in 267 compare-output cases.
  const misc = (path: string) => conf('virtual_server 10.0.0.4 80 {', '  real_server 192.168.1.1 80 {', '    MISC_CHECK {', `      misc_path ${path}`, '    }', '  }', '}');
  it('leaves an escaped operator alone, written or substituted', () => {
    expect(linesOf(SECURE + misc('"/etc/keepalived/vs.sh RS 10.0.0.4:80-\\>192.168.1.1:80"'), 'KA607')).toEqual([]);
    expect(linesOf(SECURE + '$M=misc_path "/etc/keepalived/vs.sh RS 10.0.0.4:80-\\>192.168.1.1:80"\n' + misc('$M').replace('misc_path $M', '$M'), 'KA607')).toEqual([]);
  });
  it('leaves an arrow inside a word alone: a label, not a redirection', () => {
    expect(linesOf(SECURE + misc('"/etc/keepalived/vs.sh RS 10.0.0.4:80->192.168.1.1:80"'), 'KA607')).toEqual([]);
    expect(linesOf(SECURE + misc('"/etc/keepalived/vs.sh RS >/tmp/rs.log"'), 'KA607')).toEqual([8]);
  });
  it('reports an operator a definition substitutes, as on a written line', () => {
    const text = SECURE + '$C=script "/usr/bin/pgrep haproxy | wc -l"\n' + conf('vrrp_script chk {', '  $C', '}') + instance('track_script {', '  chk', '}');
    expect(findings(text, 'KA607').map((d) => d.message)).toEqual([expect.stringContaining("'|' is not a pipe")]);
  });
});

describe('KA607 script-shell-syntax', () => {
  // Session 60's audit with the 1.3.5 build: `script "/bin/echo hi > FILE"` wrote FILE (system(), a shell); 2.0.0 execve.
  it('before 2.0.0 the command goes through a shell: an info that it stops working on upgrade', () => {
    const text = SECURE + conf('vrrp_script chk {', '  script "/bin/echo hi > /tmp/flag"', '}') + instance('track_script {', '  chk', '}');
    const old = findings(text, 'KA607', '1.3.5');
    expect(old.map((d) => d.severity)).toEqual(['info']);
    expect(old[0]!.message).toContain("keepalived 1.3.5 runs this command through /bin/sh -c, so '>' works here; from 2.0.0");
    expect(findings(text, 'KA607', '2.0.0').map((d) => d.severity)).toEqual(['warning']);
  });

  // Found in real threads: acassen/keepalived#600 (`notify_master "/etc/keepalived/master.sh master">  /etc/keepalived/abc.txt`),
  // #938 (`script "ps aux | grep -v "grep" | grep haproxy"`) and redhat-cop/keepalived-operator#32 (`curl … && curl …`).
  it('flags a pipe, && or a redirection keepalived passes on as plain words', () => {
    const text = SECURE + conf(
      'vrrp_script a {', '  script "ps aux | grep -v "grep" | grep haproxy"', '}',
      'vrrp_script b {', '  script "/usr/bin/curl -kLfs https://localhost:6443/readyz && /usr/bin/curl -kLfs http://localhost:1936/healthz"', '}',
    ) + instance('track_script {', '  a', '  b', '}',
      'notify_master "/etc/keepalived/master.sh master">  /etc/keepalived/abc.txt',
      'notify_backup "/etc/keepalived/backup.sh" > /tmp/b.txt',
      'notify_fault /etc/keepalived/fault.sh >> /tmp/f.txt');
    const d = findings(text, 'KA607');
    expect(d.map((x) => [x.range.start.line + 1, x.severity])).toEqual([[6, 'warning'], [9, 'warning'], [21, 'warning'], [22, 'warning'], [23, 'warning']]);
    expect(d[0]!.message).toContain("'|' is not a pipe: it reaches 'ps' as an argument");
    expect(d[1]!.message).toContain("'&&' is not an \"and\" between commands");
    expect(d[2]!.message).toContain("'/etc/keepalived/abc.txt' is read as the user to run the script as, which cannot exist");
    expect(d[3]!.message).toContain("'>' is read as the user and '/tmp/b.txt' as the group");
    // The unquoted line is KA607's alone: KA603's fix (quote it all) would not make the redirection happen.
    expect(linesOf(text, 'KA603')).toEqual([]);
  });

  it('says that a shell reserved word is no program: keepalived disables the script', () => {
    // keepalived 2.2.7 -t on both: "Disabling track script a since not found/accessible" (and b), exit 5.
    const text = SECURE.replace('keepalived_script', 'root') + conf(
      'vrrp_script a {', '  script "[[ -f /etc/keepalived/down ]] && exit 1 || exit 0"', '}',
      'vrrp_script b {', '  script "if true"', '}',
    ) + instance('track_script {', '  a', '  b', '}');
    const d = findings(text, 'KA607');
    expect(d.map((x) => x.range.start.line + 1)).toEqual([6, 9]);
    expect(d[0]!.message).toContain("'[[' is shell syntax, not a program: keepalived runs the command itself, without a shell, and '&&' is not an \"and\" between commands either");
    expect(d[0]!.message).toContain('(keepalived: "Disabling track script a since not found/accessible")');
    expect(d[1]!.message).toMatch(/^'if' is shell syntax, not a program: keepalived runs the command itself, without a shell\. It finds no program 'if'/);
  });

  it('leaves shell syntax alone where a shell reads it, or where it is quoted for the program', () => {
    const ok = SECURE + conf(
      'vrrp_script a {', `  script "/bin/sh -c 'pidof haproxy | wc -l'"`, '}',
      'vrrp_script b {', '  script "</dev/tcp/127.0.0.1/80"', '}',
      'vrrp_script c {', `  script "/usr/bin/grep -q 'a|b' /etc/hosts"`, '}',
      'vrrp_script d {', '  script "/usr/bin/curl -s http://localhost/check?a=1&b=2"', '}',
      // A placeholder from a copied example (real configs: `<public-ip>`, `<name_of_your_container>`) is no redirection.
      'vrrp_script e {', '  script "/scripts/check-http.sh <public-ip>"', '}',
    ) + instance('track_script {', '  a', '  b', '  c', '  d', '  e', '}', 'notify_master "/etc/keepalived/master.sh master" root root');
    expect(linesOf(ok, 'KA607')).toEqual([]);
    // Past a placeholder the real redirection is still found.
    const both = SECURE + conf('vrrp_script p {', '  script "ping -c 1 -W 5 <isp_ip> > /dev/null 2>&1"', '}') + instance('track_script {', '  p', '}');
    expect(findings(both, 'KA607').map((x) => x.message)).toEqual([expect.stringContaining("'>' is not a redirection")]);
  });

  it('the running daemon passes the redirection to the program and drops a notify script whose user is a file', () => {
    const run = runDaemonBriefly((dir) => SECURE.replace('keepalived_script', 'root') + conf(
      'vrrp_script plain {', `  script "/bin/echo hi > ${dir}/redirected"`, '  interval 1', '}',
      'vrrp_script shell {', `  script "/bin/sh -c '/bin/echo hi > ${dir}/shell'"`, '  interval 1', '}',
    ) + instance('interface br0', 'track_script {', '  plain', '  shell', '}', `notify_backup "/usr/bin/touch ${dir}/notified" > ${dir}/log`).replace('  interface eth0\n', ''));
    if (!run) return; // needs root, unshare and the binary
    try {
      expect(existsSync(join(run.dir, 'shell')), run.log).toBe(true);
      expect(existsSync(join(run.dir, 'redirected'))).toBe(false);
      expect(existsSync(join(run.dir, 'notified'))).toBe(false);
      expect(existsSync(join(run.dir, 'log'))).toBe(false);
    } finally {
      rmSync(run.dir, { recursive: true, force: true });
    }
  }, 15_000);

  it.skipIf(!keepalivedAvailable())('keepalived -t says nothing about either', () => {
    const r = runKeepalived(SECURE.replace('keepalived_script', 'root') + conf('vrrp_script a {', '  script "/bin/echo hi | /bin/cat"', '}')
      + instance('track_script {', '  a', '}', 'notify_master "/bin/true" > /tmp/kalint-never'));
    expect(r.messages.filter((m) => /echo|true|script|user/i.test(m.message))).toEqual([]);
  });
});

describe('KA604 relative-script-path', () => {
  it('warns about a relative path and informs about a PATH lookup', () => {
    const text = SECURE + conf('vrrp_script a {', '  script "scripts/check.sh"', '}', 'vrrp_script b {', '  script "pgrep haproxy"', '}');
    expect(findings(text, 'KA604').map((d) => [d.range.start.line + 1, d.severity])).toEqual([[6, 'warning'], [9, 'info']]);
  });

  it('points at the program, not the whole quoted command', () => {
    const text = SECURE + conf('vrrp_script b {', '  script "pgrep -f haproxy"', '}');
    const [d] = findings(text, 'KA604');
    expect(text.split('\n')[d!.range.start.line]!.slice(d!.range.start.column, d!.range.end.column)).toBe('pgrep');
  });

  it('says nothing of PATH for a shell reserved word, which no PATH holds (KA607 reports it)', () => {
    // A real config: script "[[ -f /etc/keepalived/down ]] && exit 1 || exit 0" gave "'[[' has no path".
    const text = SECURE + conf('vrrp_script a {', '  script "[[ -f /etc/keepalived/down ]] && exit 1 || exit 0"', '}') + instance('track_script {', '  a', '}');
    expect(linesOf(text, 'KA604')).toEqual([]);
    expect(linesOf(text, 'KA607')).toEqual([6]);
  });

  it('accepts absolute paths and keepalived\'s "</file" open test', () => {
    const text = SECURE + conf('vrrp_script a {', '  script "/usr/bin/pgrep haproxy"', '}', 'vrrp_script b {', '  script "</dev/tcp/127.0.0.1/80"', '}');
    expect(linesOf(text, 'KA604')).toEqual([]);
  });
});

describe('${_PWD} is absolute, as keepalived makes it', () => {
  // keepalived changes into the configuration file's folder and reads its working directory (getcwd): 2.2.7 run as
  // `keepalived -t -f realc/0499.conf` names '/tmp/s24/realc/scripts/vs.sh' for 'script ${_PWD}/scripts/vs.sh'.
  // kalint took the folder as given on its command line, and called such scripts relative (KA604) on 206 lines of
  // 293 real configs keepalived accepts.
  const text = SECURE + conf('vrrp_script a {', '  script "${_PWD}/scripts/check.sh"', '}');
  const host = { readFile: () => undefined, readDir: () => undefined, absolutePath: (p: string) => `/home/me/repo/${p}` };
  const scriptWord = (options: Parameters<typeof lintText>[1]) => {
    const a = lintText(text, options).analysis;
    return a.ast.children.find((n) => n.keyword === 'vrrp_script')!.children[0]!.argText(0);
  };

  it('made absolute through the host, where the CLI gives the working directory', () => {
    expect(scriptWord({ file: 'deploy/keepalived.conf', host })).toBe('/home/me/repo/deploy/scripts/check.sh');
    expect(lintText(text, { file: 'deploy/keepalived.conf', host }).diagnostics.filter((d) => d.code === 'KA604')).toEqual([]);
  });

  it('the deployed folder where a path mapping names it', () => {
    expect(scriptWord({ file: 'deploy/keepalived.conf', host, pathMappings: { '/etc/keepalived': '/home/me/repo/deploy' } })).toBe('/etc/keepalived/scripts/check.sh');
    expect(scriptWord({ file: '/srv/k/keepalived.conf', pathMappings: { '/etc/keepalived/': '/srv/k' } })).toBe('/etc/keepalived/scripts/check.sh');
  });

  it('without a host, a relative folder stays as given', () => {
    expect(scriptWord({ file: 'deploy/keepalived.conf' })).toBe('deploy/scripts/check.sh');
  });
});

describe('KA605 script-in-world-writable-directory', () => {
  it('points at scripts under /tmp, /var/tmp and /dev/shm', () => {
    const text = SECURE + instance('notify "/tmp/notify.sh"', 'notify_stop "/var/tmp/stop.sh"', 'notify_fault "/etc/keepalived/fault.sh"');
    expect(linesOf(text, 'KA605')).toEqual([11, 12]);
  });

  it('leaves a path made from ${_PWD} where the linted copy lives (a checkout under /tmp), unless a path mapping says where it is deployed', () => {
    const text = conf(
      '$D=${_PWD}/scripts',
      instance('notify "${_PWD}/notify.sh"', 'notify_stop "${D}/stop.sh"', 'notify_fault "/tmp/fault.sh"', 'notify_backup /tmp/repo/backup.sh'),
    );
    const ka605 = (pathMappings?: Record<string, string>) =>
      lintText(text, { file: '/tmp/repo/keepalived.conf', pathMappings })
        .diagnostics.filter((d) => d.code === 'KA605')
        .map((d) => d.range.start.line + 1);
    // The literal /tmp paths are where keepalived runs them; ${_PWD} is /tmp/repo only on this machine.
    expect(ka605()).toEqual([10, 11]);
    // Deployed as /etc/keepalived, ${_PWD} is that folder; deployed under /var/tmp, the scripts are there too.
    expect(ka605({ '/etc/keepalived': '/tmp/repo' })).toEqual([10, 11]);
    expect(ka605({ '/var/tmp/ka': '/tmp/repo' })).toEqual([8, 9, 10, 11]);
  });
});

describe('KA606 umask-invalid', () => {
  // Each value with whether keepalived 2.2.7 rejects it (checked below against the binary).
  const values: [string, boolean][] = [
    ['0022', false],
    ['18', false],
    ['0x1ff', false],
    ['IRUSR | IWUSR', false],
    ['IRGRP|IWGRP|IXGRP|IROTH|IWOTH|IXOTH', false],
    ['0x200', true],
    ['0888', true],
    ['077777', true],
    ['0022 x', true],
    ['IRUSR|', true],
    ['IRUSR||IWUSR', true],
    ['IRWXG', true],
    ['IRUSR IWUSR', true],
    ['IRUSRx', true],
  ];
  const config = (v: string) => conf('global_defs {', `  umask ${v}`, '}');

  it('reports exactly the values keepalived rejects, on the umask line', () => {
    for (const [v, rejected] of values) expect(linesOf(config(v), 'KA606'), v).toEqual(rejected ? [2] : []);
  });

  it('names the permission bits for the IRWX names keepalived 2.2.7 lacks', () => {
    expect(findings(config('IRWXG'), 'KA606')[0]!.message).toContain('IRGRP|IWGRP|IXGRP');
  });

  // The 2.4.3 build: `umask IRWXG|IRWXO` with no message; 2.2.7 "Unknown umask bit IRWXG|IRWXO".
  it('accepts IRWXU, IRWXG and IRWXO from 2.2.8', () => {
    for (const v of ['2.2.8', '2.4.3']) expect(linesOf(config('IRWXG|IRWXO'), 'KA606', v), v).toEqual([]);
    expect(linesOf(config('IRWXG|IRWXO'), 'KA606', '2.2.7')).toEqual([2]);
    expect(linesOf(config('IRWXG|IRWXQ'), 'KA606', '2.4.3')).toEqual([2]);
  });

  it.runIf(!!releaseBinary('2.4.3'))('the 2.4.3 build reads IRWXG|IRWXO', () => {
    expect(runRelease(releaseBinary('2.4.3')!, config('IRWXG|IRWXO')).messages.filter((m) => /umask/.test(m.message))).toEqual([]);
  });

  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [v, rejected] of values) {
      const said = runKeepalived(config(v)).messages.filter((m) => m.line === 2 && /umask/.test(m.message));
      expect(said.length > 0, `${v}: ${JSON.stringify(said)}`).toBe(rejected);
    }
  });
});

describe('KA609 script-quote-unterminated', () => {
  it('reports a quote left open on the line or inside the quoted command, as keepalived does', () => {
    // keepalived -t: "String '/bin/echo it's': missing terminating '" (and the same for each line here)
    for (const cmd of [`"/bin/echo it's"`, `"/bin/true 'x"'`, `/bin/true 'x`, `'/bin/true x`]) {
      expect(linesOf(SECURE + instance(`notify_master ${cmd}`), 'KA609'), cmd).toEqual([11]);
    }
  });

  it('accepts closed quotes of either kind', () => {
    for (const cmd of [`"/bin/true" 'x y'`, `"/bin/echo 'it is'"`, `"/bin/true \\"x\\""`]) {
      expect(linesOf(SECURE + instance(`notify_master ${cmd}`), 'KA609'), cmd).toEqual([]);
    }
  });

  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    const bad = runKeepalived(SECURE + instance(`notify_master "/bin/echo it's"`));
    expect(bad.messages.some((m) => m.line === 11 && /missing terminating/.test(m.message)), bad.stderr).toBe(true);
  });

  // Found on real configs: `script '${CHECK_SCRIPT_PATH:-/etc/keepalived/health.sh}'` (a Docker
  // image's template, where keepalived's reader ends the line at the brace) made keepalived -t
  // die with a segmentation fault, and kalint said the script was dropped. (That file is now a
  // shell template, KA108; keepalived's own `${CHECK}` crashes the same way: "String 'script '$':
  // missing terminating '", exit 139.) vrrp_script `script`
  // and MISC_CHECK `misc_path` do not check that their line could be split; the other script
  // keywords do.
  const vscript = (line: string) => SECURE + conf('vrrp_script chk {', `  ${line}`, '}');
  const misc = (line: string) => SECURE + conf('virtual_server 10.0.0.1 80 {', '  protocol TCP', '  real_server 10.0.0.2 80 {', '    MISC_CHECK {', `      ${line}`, '    }', '  }', '}');
  const regex = (line: string) => SECURE + conf('virtual_server 10.0.0.1 80 {', '  protocol TCP', '  real_server 10.0.0.2 80 {', '    HTTP_GET {', '      url {', '        path /', `        ${line}`, '      }', '    }', '  }', '}');
  const crashing = [
    vscript("script '${CHECK}/health.sh'"),
    vscript("script '/bin/echo done!'"),
    vscript('script "/bin/pgrep nginx'),
    vscript('script /bin/true \\'),
    // A substitution made the line, and the quote it leaves open is written after it (mutation fuzzer, 2.3.3 seed 422:
    // `${VIP} haproxy"  # note` with VIP='script -0'; 2.2.7 to 2.4.3 exit 139).
    `$C=script /bin/true\n${vscript('${C} x" # c')}`,
    misc("misc_path '/bin/true"),
    // Found by fuzzing 2.2.8, 2.3.1 and 2.4.3 (2.2.7 too): the url regex handler splits its line the same
    // way, unchecked ("String 'regex a\"b': missing terminating \"", then a segmentation fault).
    regex('regex a"b'),
    regex("regex 'a"),
    regex('regex abc \\'),
    vscript('script "a" "b'),
    // A script line made by a definition (the fuzzers' ~SEQ case reduced): keepalived splits what it substituted.
    "$S=script '/bin/true\n" + vscript('$S'),
    // Found by fuzzing: a substituted line whose quoted command a trailing backslash follows (`"…"\`).
    misc('misc_path "${_PWD}/vs.sh vs3" \\'),
    // Found by fuzzing against 2.1.5: escaped quotes (a heredoc's \" kept) and a trailing backslash (2.1.5, 2.2.4, 2.2.7: exit 139).
    vscript('script \\"/bin/true\\"\\'),
    // The quote a definition itself leaves open (a harvested revision's `script "/usr/bin/killall -0 haproxy"`, cut by
    // fuzzing 2.1.5, seed 491): the reader drops the fragment, the script parser still crashes (2.0.19 to 2.4.3, exit 139).
    '$V=script "/usr/bin/killall -0\n' + vscript('$V'),
    '$V= \\\nmisc_path "/usr/bin/killall -0\n' + misc('$V'),
    // A NUL byte ends the line for keepalived (strlen), inside the quotes too: the quote is left open (fuzzing with
    // --bytes, seed 840: exit 139).
    vscript('script "/bin/check\0.sh"'),
    // A backslash ending a comment stays on the line before 2.4.0 (2.2.7, 2.2.8 and 2.3.1 exit 139; 2.4.3 reads it).
    vscript('script "/bin/true" # x \\'),
  ];
  const reported = [
    SECURE + instance(`notify_master '/bin/true`),
    vscript('script "/bin/true 1\\""'),
    vscript('script /bin/true \\\\'),
    regex('regex "a b"'),
    // Found by the qa11 round: keepalived's script parser only notices an open quote with text after
    // it, so a quote ending the line opens nothing (2.2.7 reads these, and "a" "b crashes).
    vscript('script ""/bin/true"'),
    vscript('script "/bin/true "x"'),
    misc('misc_path "${_PWD}/vs.sh vs3"'),
    vscript('script \\"/bin/true\\"'),
    // The same with nothing after the quote: 2.2.7 reads it (exit 5, "missing terminating").
    `$C=script /bin/true\n${vscript('${C} x"')}`,
    // Escaped quotes a definition substitutes (a heredoc's `script \"/usr/bin/systemctl is-active haproxy\"` in a
    // multi-line $VIP, fuzzed against 2.1.5): read as written, "missing terminating", no crash.
    '$S=script \\"/usr/bin/systemctl is-active haproxy\\"\n' + vscript('$S'),
    // A definition leaving only a quote open at its end opens nothing for the script parser (2.2.7: exit 6, no crash).
    '$V=script /bin/true "\n' + vscript('$V'),
    // An open quote after a NUL byte is never read.
    vscript('script "/bin/true" \0 "x'),
  ];
  it('says keepalived crashes on a script or misc_path line it cannot split', () => {
    for (const text of crashing) {
      const d = findings(text, 'KA609');
      expect(d.map((x) => x.message), text).toEqual([expect.stringMatching(/^keepalived 2\.2\.7 crashes on this (script|misc_path|regex) line/)]);
      // Not "removes the vrrp_script": keepalived never gets that far.
      expect(linesOf(text, 'KA320'), text).toEqual([]);
    }
    for (const text of reported) expect(findings(text, 'KA609').filter((x) => x.message.includes('crashes')), text).toEqual([]);
    // keepalived 2.0.7, 2.0.8, 2.0.19, 2.1.5 and 2.2.4 built from their tags crash too (exit 139);
    // 2.0.6 reads the line, and so does 1.3.5.
    expect(findings(crashing[2]!, 'KA609', '2.0.7').map((x) => x.message)).toEqual([expect.stringMatching(/^keepalived 2\.0\.7 crashes on this script line/)]);
    for (const v of ['2.0.6', '1.3.5']) expect(findings(crashing[0]!, 'KA609', v).filter((x) => x.message.includes('crashes')), v).toEqual([]);
    const commented = crashing[crashing.length - 1]!;
    expect(findings(commented, 'KA609', '2.3.1').map((x) => x.message)).toEqual([expect.stringMatching(/^keepalived 2\.3\.1 crashes on this script line/)]);
    expect(findings(commented, 'KA609', '2.4.0')).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t crashes on those lines, not on the others', async () => {
    for (const text of crashing) expect((await runKeepalivedAsync(text)).signal, text).toBe('SIGSEGV');
    for (const text of reported) expect((await runKeepalivedAsync(text)).signal, text).toBeUndefined();
  });
});

describe('a script command ending in an escaped backslash (fuzz64 bug 2)', () => {
  // Before 2.3.2 keepalived applies the escapes at both splits of a script line: `"/bin/true\\\\"` and `/bin/true\\\\`
  // leave the command `/bin/true\\`, whose lone trailing backslash the second split refuses ("Missing escape char at
  // end", only logged: the daemon's log, not -t), and the script is dropped. From 2.3.2 (af7aa8bf) the first split keeps
  // the escapes as written: the command is `/bin/true\\` and it runs (2.3.3, 2.4.3 -t: no message about it).
  // script_user root: a user this host has (2.3.3 and 2.4.3 remove a script whose user is missing).
  const text =
    conf('global_defs {', '  enable_script_security', '  script_user root', '}') +
    conf('vrrp_script chk {', '  script "/bin/true\\\\"', '}', 'vrrp_script chk2 {', '  script /bin/true\\\\', '}') +
    instance('notify_master "/bin/true\\\\"', 'notify_backup /bin/true\\\\', 'track_script {', '  chk', '  chk2', '}') +
    conf('virtual_server 10.0.0.1 80 {', '  protocol TCP', '  real_server 10.0.0.2 80 {', '    MISC_CHECK {', '      misc_path "/bin/true\\\\"', '    }', '  }', '}');
  const codes = ['KA609', 'KA320', 'KA315', 'KA517'];
  it('before 2.3.2: the script is dropped for a trailing backslash, quoted or not, and no quote is blamed', () => {
    for (const v of ['2.2.7', '2.3.1']) {
      expect(codes.map((c) => linesOf(text, c, v)), v).toEqual([[6, 9, 17, 18, 28], [7, 10], [20, 21], [29]]);
      const said = codes.flatMap((c) => findings(text, c, v).map((d) => d.message));
      expect(said.filter((m) => /quote|missing terminating/.test(m)), v).toEqual([]);
      for (const m of findings(text, 'KA609', v).map((d) => d.message)) expect(m).toContain("'/bin/true\\' ends in a lone backslash (keepalived logs \"Missing escape char at end\"; keepalived -t is silent)");
      expect(findings(text, 'KA320', v)[0]!.message).toContain('leave a lone backslash at its end');
    }
  });
  it('from 2.3.2 the escapes are applied once: the command is /bin/true\\ and nothing is dropped', () => {
    for (const v of ['2.3.2', '2.4.3']) expect(codes.map((c) => linesOf(text, c, v)), v).toEqual([[], [], [], []]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t (2.2.7, and the 2.3.3 and 2.4.3 builds where present)', () => {
    const dropped = /No script set|track script \S+ not found, ignoring|No script path|missing terminating/;
    expect(runKeepalived(text).messages.filter((m) => dropped.test(m.message)).map((m) => `${m.line} ${m.message}`).sort()).toEqual([
      '7 No script set for vrrp_script chk - removing',
      '10 No script set for vrrp_script chk2 - removing',
      '20 (VI_1) track script chk not found, ignoring...',
      '21 (VI_1) track script chk2 not found, ignoring...',
      '29 No script path has been specified for MISC_CHECKER - skipping',
    ].sort());
    for (const v of ['2.3.3', '2.4.3']) {
      const bin = releaseBinary(v);
      if (!bin) continue;
      const said = runRelease(bin, text).messages;
      expect(said.filter((m) => dropped.test(m.message)), v).toEqual([]);
      // The scripts are kept, and their program is '/bin/true\\', which this host does not have.
      expect(said.filter((m) => /^Disabling track script chk2? since not found/.test(m.message)), v).toHaveLength(2);
    }
  });
});

describe('KA609 for 1.x, which hands /bin/sh only the line\'s first word', () => {
  // Session 61's audit: 1.3.5's handlers keep the first word as the command (set_value), the others are a user and a
  // group (notify) or dropped (script): a quote opened in a later word never reaches the shell.
  it('reports a quote left open in the command, not in the words after it', () => {
    const later = SECURE + "vrrp_script chk {\n  script /usr/bin/test 'a\n}\n" + instance("notify_master /usr/bin/test 'a");
    expect(findings(later, 'KA609', '1.3.5')).toEqual([]);
    const inCommand = SECURE + instance(`notify_master "/usr/bin/test 'a"`);
    expect(findings(inCommand, 'KA609', '1.3.5').map((d) => d.message)).toEqual([expect.stringContaining('keepalived 1.3.5 runs it with /bin/sh -c, which refuses it')]);
  });
});

describe('KA609 with the consequences keepalived draws from a dropped command', () => {
  // Found by mutation fuzzing (a quote moved into a vrrp_script's command). keepalived 2.2.7 -t on this file:
  //   (Line 6) String ''/usr/bin/killall': missing terminating '
  //   (Line 7) No script set for vrrp_script chk - removing
  //   (Line 15) (VI_1) track script chk not found, ignoring...
  //   (Line 22) String ''/bin/true x': missing terminating '
  //   (Line 23) No script path has been specified for MISC_CHECKER - skipping
  const text =
    SECURE +
    conf('vrrp_script chk {', `    script "'/usr/bin/killall" -0 haproxy'`, '}') +
    instance('track_script {', '  chk', '}') +
    conf('virtual_server 10.0.0.1 80 {', '  protocol TCP', '  real_server 10.0.0.2 80 {', '    MISC_CHECK {', `      misc_path "'/bin/true x"`, '    }', '  }', '}');
  it('removes the vrrp_script and skips the MISC_CHECK, from 2.0.6 (which split commands at quotes first)', () => {
    const at = (code: string, v?: string) => linesOf(text, code, v);
    expect([at('KA609'), at('KA320'), at('KA315'), at('KA517')]).toEqual([[6, 22], [7], [15], [23]]);
    expect(findings(text, 'KA320')[0]!.message).toContain('cannot split its \'script\' line');
    // 2.0.6 only logs it (its -t is silent); 2.0.0-2.0.5 split the command at blanks and keep the quote characters.
    expect(findings(text, 'KA609', '2.0.6')[0]!.message).toContain('keepalived 2.0.6 only logs "missing terminating"');
    expect([at('KA609', '2.0.5'), at('KA320', '2.0.5'), at('KA315', '2.0.5'), at('KA517', '2.0.5')]).toEqual([[], [], [], []]);
    // 1.x runs commands with system(): /bin/sh refuses the open quote, so the check fails every time.
    expect(findings(text, 'KA609', '1.3.5').map((d) => d.message)).toEqual([expect.stringContaining('keepalived 1.3.5 runs it with /bin/sh -c, which refuses it'), expect.stringContaining('/bin/sh -c')]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    const r = runKeepalived(text);
    const lines = r.messages.filter((m) => /missing terminating|No script set|not found, ignoring|No script path/.test(m.message)).map((m) => m.line!);
    expect(lines.sort((a, b) => a - b), r.stderr).toEqual([6, 7, 15, 22, 23]);
  });
});

describe('a script line a definition makes is split as keepalived splits its text', () => {
  // Found by fuzzing 2.2.4 (seed 516): `script ""pidof" haproxy"` substituted from a multi-line definition. The words
  // touch, so keepalived's script parser reads the one word 'pidof haproxy' (no message); KA320 said "no command"
  // from the empty first word alone.
  const glued = conf('$D=vrrp_script chk { \\', 'script ""pidof" haproxy" \\', '}', '$D') + instance('track_script {', '  chk', '}');
  // A definition holding `script \"/usr/bin/systemctl is-active haproxy\"` (a heredoc's escaped quotes): keepalived
  // 2.2.7 says "String '"/usr/bin/systemctl': missing terminating" (line 2) and "No script set for vrrp_script chk -
  // removing" (line 3), as for the written line; kalint said neither, and KA603/KA604 called '\' the program.
  const escaped = conf('$S=script \\"/usr/bin/systemctl is-active haproxy\\"', 'vrrp_script chk {', '$S', '}') + instance('track_script {', '  chk', '}');
  it('reads touching words as one and finds no fault in them', () => {
    expect(linesOf(glued, 'KA320')).toEqual([]);
  });
  it('says what keepalived says about a line it cannot split, and nothing about its program', () => {
    expect([linesOf(escaped, 'KA609'), linesOf(escaped, 'KA320'), linesOf(escaped, 'KA603'), linesOf(escaped, 'KA604')]).toEqual([[3], [4], [], []]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    expect(runKeepalived(glued).messages.filter((m) => /No script set|missing terminating/.test(m.message))).toEqual([]);
    const lines = runKeepalived(escaped).messages.filter((m) => /No script set|missing terminating/.test(m.message)).map((m) => m.line);
    expect(lines).toEqual([3, 4]);
  });
});

describe('KA610 script-command-empty', () => {
  const startup = conf('global_defs {', '  startup_script ""', '  shutdown_script " "', '  startup_script_timeout 5', '}');
  const notify = instance('notify_master ""', "notify_backup ''", 'notify "/etc/keepalived/notify.sh"') +
    conf('virtual_server 10.0.0.1 80 {', '  protocol TCP', '  quorum_up " "', '  real_server 10.0.0.2 80 {', '    notify_up ""', '  }', '}');

  it('reports an empty startup or shutdown script as the configuration error keepalived reports', () => {
    expect(linesOf(startup, 'KA610')).toEqual([2, 3]);
    expect(findings(startup, 'KA610').map((d) => d.severity)).toEqual(['error', 'error']);
    expect(findings(startup, 'KA610')[0]!.message).toContain('Invalid startup script');
  });

  it('warns on an empty notify script, which keepalived drops without a word', () => {
    expect(linesOf(notify, 'KA610')).toEqual([7, 8, 13, 15]);
    expect(findings(notify, 'KA610').every((d) => d.severity === 'warning')).toBe(true);
    // vrrp_script `script ""` and MISC_CHECK `misc_path ""` have their own rules.
    const others = conf('vrrp_script chk {', '  script ""', '}', 'virtual_server 10.0.0.1 80 {', '  real_server 10.0.0.2 80 {', '    MISC_CHECK {', '      misc_path ""', '    }', '  }', '}');
    expect(linesOf(others, 'KA610')).toEqual([]);
  });

  // A real config's `notify_master ""` (and notify_backup, notify_fault): KA601 counted them as scripts that run
  // without script security, though keepalived drops them (2.0.19, 2.2.7 and 2.4.3 -t say nothing of them).
  it('leaves an empty command out of the scripts the other security rules count', () => {
    expect(findings(notify, 'KA601').map((d) => d.range.start.line + 1)).toEqual([9]);
    expect(findings(notify, 'KA601')[0]!.message).not.toContain('other');
    const onlyEmpty = conf('global_defs {', '  enable_script_security', '}') + instance('notify_master ""');
    expect(findings(onlyEmpty, 'KA602')).toEqual([]);
    expect(findings(instance('notify_master ""'), 'KA601')).toEqual([]);
  });

  it.skipIf(!keepalivedAvailable())('matches keepalived: an error for startup scripts, silence for notify scripts', () => {
    const s = runKeepalived(startup);
    expect(s.stderr).toContain('(Line 2) Invalid startup script');
    expect(s.stderr).toContain('(Line 3) Invalid shutdown script');
    const n = runKeepalived(notify);
    for (const line of [7, 8, 13, 15]) expect(n.stderr).not.toContain(`Line ${line})`);
  });

  // Found by fuzzing 2.1.5 (seed 509: a `notify_fault ""` of a sync group repeated by ~SEQ): an empty command sets no
  // script, so the line after it is no repeat (KA209 said "already set"); an empty line after a set one still is one.
  const repeated = conf('vrrp_sync_group G {', '  group {', '    VI_1', '  }', '  notify_fault ""', '  notify_fault ""', '  notify_master "  "', '  notify_master "/bin/true"', '  notify_backup "/bin/true"', '  notify_backup ""', '}') +
    instance('notify_master ""', 'notify_master "/bin/true"', 'notify_stop "/bin/true"', 'notify_stop " "');
  it('an empty command leaves the script unset: the next line sets it, no repeat', () => {
    expect(linesOf(repeated, 'KA209')).toEqual([10, 21]);
  });
  it.skipIf(!keepalivedAvailable())('matches keepalived on the repeats after an empty command', () => {
    const out = runKeepalived(repeated).stderr;
    expect([...out.matchAll(/Line (\d+)\) .*script already specified/g)].map((m) => Number(m[1]))).toEqual([10, 21]);
  });
});

describe('KA608 script-user-terminates-keepalived', () => {
  const asNobody = conf('global_defs {', '  enable_script_security', '  script_user nobody', '}');
  const tracked = conf('vrrp_script chk {', '  script "/usr/bin/pgrep haproxy"', '}') + instance('track_script {', '  chk', '}', 'notify_master "/etc/keepalived/master.sh"');
  const startup = conf('global_defs {', '  enable_script_security', '  script_user nobody', '  startup_script "/etc/keepalived/prepare.sh"', '}');
  const userExists = spawnSync('id', ['nobody']).status === 0;

  it('warns once, at the first script the config test checks as another user, and lists the others', () => {
    const d = findings(asNobody + tracked, 'KA608');
    expect(d.map((x) => [x.range.start.line + 1, x.severity])).toEqual([[6, 'warning']]);
    expect(d[0]!.message).toContain("runs as 'nobody', global_defs' script_user (line 3)");
    expect(d[0]!.message).toContain('exit status 143 ("Terminated")');
    // Only where the user exists: keepalived 2.2.7 -t with a user the host lacks prints "Error setting global
    // script uid/gid" (script_user) or "Unable to set uid/gid for script '/usr/bin/curl' 'http://127.0.0.1'"
    // (a script's own user; a real config, user nginx) and goes on.
    expect(d[0]!.message).toContain(`runs as 'nobody', global_defs' script_user (line 3), on a host where that user exists: exit status 143`);
    expect(d[0]!.message).toContain('(where it does not exist, keepalived reports that it cannot set that user instead). The daemon runs the script normally; keepalived 2.2.8 fixed the test');
    expect(d[0]!.related?.map((r) => r.range.start.line + 1)).toEqual([17]);
  });

  it('takes the user from the script itself first, and root with its own group switches nothing', () => {
    const perScript = conf('vrrp_script chk {', '  script "/usr/bin/pgrep haproxy"', '  user root', '}') + instance('track_script {', '  chk', '}', 'notify_master "/etc/keepalived/master.sh" root root');
    expect(linesOf(asNobody + perScript, 'KA608')).toEqual([]);
    const ownUser = conf('vrrp_script chk {', '  script "/usr/bin/pgrep haproxy"', '  user keepalived_script', '}') + instance('track_script {', '  chk', '}');
    expect(linesOf(ownUser, 'KA608')).toEqual([2]);
    // keepalived 2.2.7 with `script_user root nogroup`: exit 143 too (the group is switched).
    expect(linesOf(conf('global_defs {', '  script_user root nogroup', '}') + tracked, 'KA608')).toEqual([5]);
    expect(linesOf(conf('global_defs {', '  script_user root', '}') + tracked, 'KA608')).toEqual([]);
  });

  it('leaves alone what keepalived does not check as that user', () => {
    // No script user named: keepalived runs scripts as root (or keepalived_script if the host has it).
    expect(linesOf(tracked, 'KA608')).toEqual([]);
    // `</path` is only opened; a bare name is looked up in PATH first (host-dependent); `>` is no user.
    const odd = instance('notify_master "</etc/passwd"', 'notify_backup "pgrep haproxy"', 'notify_fault "/x.sh" >');
    expect(linesOf(asNobody + odd, 'KA608')).toEqual([]);
    // Unquoted arguments are not a user on purpose: KA603 says so.
    expect(linesOf(instance('notify_master /bin/echo hello'), 'KA608')).toEqual([]);
    expect(linesOf(instance('notify_master /etc/keepalived/master.sh nobody'), 'KA608')).toEqual([7]);
    // VRRP scripts without a vrrp_instance are never checked.
    expect(linesOf(asNobody + conf('vrrp_script chk {', '  script "/bin/true"', '}'), 'KA608')).toEqual([]);
    // The checker's scripts are, with a virtual_server.
    const misc = conf('virtual_server 10.0.0.1 80 {', '  protocol TCP', '  real_server 10.0.0.2 80 {', '    MISC_CHECK {', '      misc_path "/bin/true"', '    }', '  }', '}');
    expect(linesOf(asNobody + misc, 'KA608')).toEqual([9]);
  });

  it('reports a startup or shutdown script as another user as an error: the daemon kills itself at start', () => {
    const d = findings(startup + tracked, 'KA608');
    expect(d.map((x) => [x.range.start.line + 1, x.severity])).toEqual([[4, 'error']]);
    expect(d[0]!.message).toContain('keepalived never comes up (keepalived -t too: exit 143');
    expect(linesOf(conf('global_defs {', '  script_user nobody', '  shutdown_script "/x.sh" root', '}'), 'KA608')).toEqual([]);
  });

  it('applies from 2.2.5 to 2.2.7 for the config test, and to 2.2.8 for start and stop scripts', () => {
    for (const [target, lines] of [['2.2.4', []], ['2.2.5', [6]], ['2.2.7', [6]], ['2.2.8', []], ['2.4.3', []]] as const) {
      expect(linesOf(asNobody + tracked, 'KA608', target), target).toEqual(lines);
    }
    expect(linesOf(startup, 'KA608', '2.2.8')).toEqual([4]);
    expect(findings(startup, 'KA608', '2.2.8')[0]!.message).not.toContain('keepalived -t too');
    expect(linesOf(startup, 'KA608', '2.3.0')).toEqual([]);
  });

  it.skipIf(!keepalivedAvailable() || keepalivedVersion() !== '2.2.7' || !userExists)('matches keepalived 2.2.7: keepalived -t sends itself SIGTERM', async () => {
    for (const text of [asNobody + tracked, startup]) {
      const r = await runKeepalivedAsync(text);
      expect(r.signal ?? r.exitStatus).toBe('SIGTERM');
    }
    const fine = await runKeepalivedAsync(conf('global_defs {', '  enable_script_security', '  script_user root', '}') + tracked);
    expect(fine.signal).toBeUndefined();
  });

  it.skipIf(!keepalivedAvailable() || keepalivedVersion() !== '2.2.7' || !userExists || process.getuid?.() !== 0)('matches keepalived 2.2.7: the daemon with such a startup_script never comes up', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kalint-ka608-'));
    try {
      const run = (text: string) => {
        writeFileSync(join(dir, 'keepalived.conf'), text);
        // No vrrp_instance or virtual_server: the daemon touches no interface.
        return spawnSync('timeout', ['2', 'keepalived', '-n', '-l', '-f', join(dir, 'keepalived.conf'), '-p', join(dir, 'k.pid'), '-r', join(dir, 'v.pid'), '-c', join(dir, 'c.pid'), '-i', 'kalint'], { encoding: 'utf8' });
      };
      // `timeout` passes the signal on: it kills itself with it.
      expect(run(startup).signal).toBe('SIGTERM');
      // Still running when `timeout` stops it.
      expect(run(startup.replace('prepare.sh"', 'prepare.sh" root')).status).toBe(124);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('KA611 misc-check-user-crash', () => {
  // Found with fuzz-generate against 2.1.5 (`user root extra`: no group 'extra' on the host, then "double free or
  // corruption"). A user or group the node lacks makes keepalived remove the MISC_CHECK, and 1.3.6-1.3.8 and
  // 2.0.0-2.2.2 free it wrongly while doing so.
  const misc = (user: string) => conf('virtual_server 10.0.0.100 443 {', '  protocol TCP', '  real_server 10.0.1.21 443 {', '    MISC_CHECK {', '      misc_path /bin/true', `      ${user}`, '    }', '  }', '}');
  it('warns on each MISC_CHECK user line for the releases that crash, and only those', () => {
    for (const v of ['1.3.6', '1.3.8', '2.0.0', '2.0.10', '2.0.19', '2.1.5', '2.2.2']) expect(linesOf(misc('user nosuchuser'), 'KA611', v), v).toEqual([6]);
    for (const v of ['1.3.5', '1.3.9', '1.4.5', '2.2.3', '2.2.7', '2.4.3']) expect(linesOf(misc('user nosuchuser'), 'KA611', v), v).toEqual([]);
    expect(findings(misc('user root extra'), 'KA611', '2.1.5')[0]!.message).toContain("if user 'root' and group 'extra' does not exist on the node, keepalived 2.1.5 crashes");
  });
  for (const [release, crash] of [['2.0.10', 'SIGSEGV'], ['2.0.19', 'SIGABRT'], ['2.1.5', 'SIGABRT'], ['2.2.4', undefined], ['2.2.7', undefined]] as const) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`agrees with the ${release} build on a user the host does not have`, () => {
      const run = runRelease(binary!, misc('user nosuchuser_kalint'));
      expect(run.messages.some((m) => m.line === 6 && /Failed to set uid\/gid for misc checker script/.test(m.message))).toBe(true);
      // A shell reports a crash as 128 + the signal; spawnSync as the signal.
      const died = run.signal ?? (run.exitStatus === 139 ? 'SIGSEGV' : run.exitStatus === 134 ? 'SIGABRT' : undefined);
      expect(died).toBe(crash);
    });
  }
});

// The fmt/peer audit of session 59: with a backslash, the program is keepalived's first word, not the token with its
// backslash (2.2.7's dump: `script /bin/echo\\ hello x` runs '/usr/bin/echo' 'hello'; `/bin/echo\\  hello x` runs '/usr/bin/echo').
describe('KA603 with an escaped blank', () => {
  it("names the command keepalived runs, without the backslash", () => {
    const text = (line: string) => `global_defs {\n    enable_script_security\n    script_user root\n}\nvrrp_script chk {\n    script ${line}\n}\n`;
    expect(findings(text('/bin/echo\\ hello x'), 'KA603')[0]?.message).toBe("keepalived runs only '/bin/echo hello' here: the unquoted arguments 'x' are dropped; quote the whole command");
    expect(findings(text('/bin/echo\\  hello x'), 'KA603')[0]?.message).toBe("keepalived runs only '/bin/echo' here: the unquoted arguments 'hello x' are dropped; quote the whole command");
  });
});
