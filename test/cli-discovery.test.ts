// Which files `kalint lint` and `kalint fmt` take from the paths, directories and globs they are given:
// the built bin/kalint.js in a scratch folder.

import { spawnSync } from 'node:child_process';
import { chmodSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = join(__dirname, '..');
const bin = join(repo, 'bin/kalint.js');
let dir: string;

function write(files: Record<string, string | Buffer>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}

function kalint(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * kalint run by a user the folder's permissions apply to: root reads any folder, so as root the run is made as
 * nobody (uid 65534), with the scratch folder opened to it.
 */
function kalintUnprivileged(args: string[]) {
  const root = process.getuid?.() === 0;
  if (root) chmodSync(dir, 0o755);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, ...(root ? { uid: 65534, gid: 65534 } : {}) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The files a gnu report names, each once, sorted. */
function filesIn(stdout: string): string[] {
  return [...new Set(stdout.trim().split('\n').filter(Boolean).map((l) => l.split(':')[0]!))].sort();
}

const CLEAN = 'global_defs {\n    router_id lb1\n}\n';
const ERROR = 'global_defs {\n  routr_id lb1\n}\n'; // KA201 (error), and not formatted

beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  dir = mkdtempSync(join(tmpdir(), 'kalint-discovery-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('globs on the command line', () => {
  it("'**' matches zero or more folders, as bash globstar and ESLint read it, for lint and fmt", () => {
    write({
      'gs/roles/lb/files/keepalived.conf': ERROR,
      'gs/roles/lb2/keepalived.conf': ERROR,
      'gs/roles/keepalived.conf': ERROR,
      'gs/roles/.hidden/keepalived.conf': ERROR,
    });
    const cwd = join(dir, 'gs');
    expect(filesIn(kalint(['lint', '-f', 'gnu', 'roles/**/keepalived.conf'], cwd).stdout)).toEqual(['roles/keepalived.conf', 'roles/lb/files/keepalived.conf', 'roles/lb2/keepalived.conf']);
    const all = kalint(['lint', '-f', 'gnu', '**/keepalived.conf'], cwd);
    expect(all.code).toBe(1);
    expect(filesIn(all.stdout)).toEqual(['roles/keepalived.conf', 'roles/lb/files/keepalived.conf', 'roles/lb2/keepalived.conf']);
    expect(filesIn(kalint(['lint', '-f', 'gnu', 'roles/**/*.conf'], cwd).stdout)).toHaveLength(3);
    // fmt takes the same files.
    const check = kalint(['fmt', '--check', 'roles/**/keepalived.conf'], cwd);
    expect(check.stdout.trim().split('\n').sort()).toEqual(['roles/keepalived.conf', 'roles/lb/files/keepalived.conf', 'roles/lb2/keepalived.conf']);
    // `dir/**` is everything below the folder.
    expect(filesIn(kalint(['lint', '-f', 'gnu', 'roles/**'], cwd).stdout)).toHaveLength(4);
    expect(kalint(['lint', 'nothing/**/keepalived.conf'], cwd)).toMatchObject({ code: 2, stderr: 'kalint: nothing/**/keepalived.conf: no file matches\n' });
  });
});

describe('directory search', () => {
  it('leaves out sources, scripts, binaries, XML and package files named for keepalived; keeps the configs', () => {
    const elf = Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\0\0\0', 'latin1'), Buffer.from('vrrp_instance VI_1 {\n')]);
    write({
      'ops/keepalived.conf': ERROR,
      'ops/keepalived-backup.conf': ERROR,
      'ops/sample-keepalived.conf.vrrp.rules': ERROR,
      'ops/keepalived.vips': '# VIPs of lb1\nvirtual_ipaddress {\n    10.0.0.1\n}\n',
      'ops/keepalived': elf,
      'ops/keepalived.bin': Buffer.from('abc\0def\nglobal_defs {\n', 'latin1'),
      'ops/keepalived_netlink.c': '#include "keepalived_netlink.h"\nstatic int x;\n',
      'ops/keepalived_magic.h': '#ifndef _KEEPALIVED_MAGIC_H\n#define _KEEPALIVED_MAGIC_H\n#endif\n',
      'ops/org.keepalived.Vrrp1.Vrrp.xml_template': '<node>\n  <interface name="org.keepalived.Vrrp1.Vrrp">\n  </interface>\n</node>\n',
      'ops/org.keepalived.Vrrp1.conf': '<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN">\n<busconfig>\n</busconfig>\n',
      'ops/keepalived.pp': 'class keepalived {\n  package { "keepalived": ensure => installed }\n}\n',
      'ops/keepalived.sls': 'keepalived:\n  pkg.installed: []\n',
      'ops/keepalived.te': 'policy_module(keepalived, 1.0)\n',
      'ops/keepalived.init': '# chkconfig: - 21 79\ncase "$1" in\n  start)\n    /usr/sbin/keepalived -D\n    ;;\nesac\n',
      'ops/keepalived.logrotate': '/var/log/keepalived.log {\n  weekly\n}\n',
      'ops/keepalived.sysconfig': 'KEEPALIVED_OPTIONS="-D"\n',
      'ops/keepalived.default': 'KEEPALIVED_OPTIONS="-D"\n',
      'ops/check_keepalived': '#!/bin/bash\npgrep keepalived\n',
      'ops/keepalived-wrapper': '#!/bin/sh\nexec keepalived "$@"\n',
      'ops/Dockerfile.keepalived': 'FROM debian\nRUN apt-get install keepalived\n',
    });
    const r = kalint(['lint', '-f', 'gnu', 'ops']);
    expect(r.stderr).toBe('');
    expect(filesIn(r.stdout)).toEqual(['ops/keepalived-backup.conf', 'ops/keepalived.conf', 'ops/keepalived.vips', 'ops/sample-keepalived.conf.vrrp.rules']);
    // fmt --write leaves them as they are.
    const w = kalint(['fmt', '--write', 'ops']);
    expect(w.stdout.trim().split('\n').sort()).toEqual(['formatted ops/keepalived-backup.conf', 'formatted ops/keepalived.conf', 'formatted ops/sample-keepalived.conf.vrrp.rules']);
    // Named one by one, a file is still checked.
    expect(kalint(['lint', '-f', 'gnu', 'ops/keepalived.sysconfig']).code).toBe(1);
  });
});

describe('globs filter as a directory search does', () => {
  it('a glob takes only the configs it matches; files named one by one are taken as they are', () => {
    write({
      'g/keepalived/keepalived.conf': ERROR,
      'g/nginx/nginx.conf': 'server {\n  listen 80;\n  location / { proxy_pass http://x; }\n}\n',
      'g/supervisor/web.conf': '[program:web]\ncommand=/usr/bin/web\n    --port 8080\n',
      'g/keepalived/keepalived.conf.j2': 'global_defs {\n    router_id {{ id }}\n}\n',
    });
    const w = kalint(['fmt', '--write', 'g/*/*.conf']);
    expect(w).toMatchObject({ code: 0, stdout: 'formatted g/keepalived/keepalived.conf\n' });
    expect(kalint(['fmt', '--check', 'g/supervisor/web.conf']).code).toBe(1);
    const r = kalint(['lint', '-f', 'gnu', 'g/**/*']);
    expect(filesIn(r.stdout)).toEqual(['g/keepalived/keepalived.conf']);
    expect(r.stderr).toMatch(/^kalint: left out 1 template \(g\/keepalived\/keepalived\.conf\.j2\)/);
    // Named one by one, a template is linted (KA108) and not said to be left out.
    const named = kalint(['lint', '-f', 'gnu', 'g', 'g/keepalived/keepalived.conf.j2']);
    expect(named.stdout).toContain('g/keepalived/keepalived.conf.j2:');
    expect(named.stderr).not.toContain('left out');
    // A glob that matches files but no config says so.
    expect(kalint(['lint', 'g/nginx/*'])).toMatchObject({ code: 2, stderr: 'kalint: g/nginx/*: no keepalived configs among the files it matches\n' });
    // A dangling symlink named for keepalived: reported (exit 2) by a glob as by a directory search (cli63 #9).
    mkdirSync(join(dir, 'g/dangling'), { recursive: true });
    symlinkSync('/etc/keepalived/nonexistent-kalint-test.conf', join(dir, 'g/dangling/keepalived.conf'));
    for (const arg of ['g/dangling', 'g/dangling/*.conf']) expect(kalint(['lint', arg]), arg).toMatchObject({ code: 2, stderr: 'kalint: g/dangling/keepalived.conf: no such file or directory\n' });
    // A folder of templates only (roles/keepalived/templates): nothing checked, exit 2 as for an empty folder (cli63 #9).
    write({ 'g/templates/keepalived.conf.j2': 'global_defs {\n    router_id {{ id }}\n}\n' });
    const only = kalint(['lint', 'g/templates']);
    expect(only.code).toBe(2);
    expect(only.stderr).toContain('kalint: nothing to lint: the only config found is a template');
  });
});

describe('a file reached by two names', () => {
  it('is linted once and is one cluster node: a symlink, a hard link, two spellings, stdin named as the file', () => {
    const lb1 = readFileSync(join(repo, 'fixtures/examples/web-vip/lb1.conf'), 'utf8');
    const lb2 = readFileSync(join(repo, 'fixtures/examples/web-vip/lb2.conf'), 'utf8');
    write({ 'two/keepalived-master.conf': lb1, 'two/keepalived-backup.conf': lb2, 'hard/lb1.conf': lb1, 'hard/lb2.conf': lb2 });
    symlinkSync('keepalived-master.conf', join(dir, 'two/keepalived.conf'));
    linkSync(join(dir, 'hard/lb1.conf'), join(dir, 'hard/keepalived.conf'));
    for (const folder of ['two', 'hard']) {
      const r = kalint(['lint', '-f', 'gnu', '--show-clusters', folder]);
      expect(r.stdout).not.toMatch(/KA407|KA415/);
      expect(r.stderr).toMatch(/auto-paired: \S+ and \S+ /);
    }
    write({ 'two/err.conf': ERROR });
    const twice = spawnSync(process.execPath, [bin, 'lint', '-f', 'gnu', '--stdin-filename', './two/err.conf', '-', 'two/err.conf', 'two/./err.conf'], { cwd: dir, input: ERROR, encoding: 'utf8' });
    expect(twice.stdout).toBe("two/err.conf:2:3: error: Unknown keyword 'routr_id' in 'global_defs'; did you mean 'router_id'? [KA201]\n");
  });
});

describe('a folder that cannot be read', () => {
  it('is named with why, exit 2, in a search and when named; a SARIF report lists it', () => {
    write({ 'd2/keepalived.conf': CLEAN, 'd2/inner/keepalived.conf': ERROR });
    chmodSync(join(dir, 'd2/inner'), 0o000);
    try {
      expect(kalintUnprivileged(['lint', '-f', 'gnu', 'd2'])).toMatchObject({ code: 2, stdout: '', stderr: 'kalint: d2/inner: permission denied\n' });
      expect(kalintUnprivileged(['fmt', '--check', 'd2'])).toMatchObject({ code: 2, stderr: 'kalint: d2/inner: permission denied\n' });
      expect(kalintUnprivileged(['lint', 'd2/inner'])).toMatchObject({ code: 2, stderr: 'kalint: d2/inner: permission denied\n' });
      const sarif = JSON.parse(kalintUnprivileged(['lint', '-f', 'sarif', 'd2']).stdout);
      expect(sarif.runs[0].invocations[0]).toMatchObject({ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'd2/inner: permission denied' } }] });
    } finally {
      chmodSync(join(dir, 'd2/inner'), 0o755);
    }
  });
});

describe('a symlink to a folder in a directory search', () => {
  it('is followed, each folder once (no loop), files keeping their own names where both reach them', () => {
    write({ 'sl/real/keepalived/keepalived.conf': ERROR, 'sl/real/other/lb.conf': ERROR, 'sl/repo/roles/keepalived.conf': ERROR });
    symlinkSync('../real/keepalived', join(dir, 'sl/repo/keepalived'));
    symlinkSync('../real/other', join(dir, 'sl/repo/etc'));
    symlinkSync('roles', join(dir, 'sl/repo/a-roles'));
    symlinkSync('..', join(dir, 'sl/repo/roles/up'));
    const r = kalint(['lint', '-f', 'gnu', 'sl/repo']);
    expect(r).toMatchObject({ code: 1, stderr: '' });
    expect(filesIn(r.stdout)).toEqual(['sl/repo/etc/lb.conf', 'sl/repo/keepalived/keepalived.conf', 'sl/repo/roles/keepalived.conf']);
    expect(kalint(['fmt', '--check', 'sl/repo'])).toMatchObject({ code: 1, stderr: '' });
  });
});

// Found by the recheck of session 59's own changes.
describe('what the first versions of these changes lost', () => {
  it('one shared file linked from two folders is two configs when it includes files beside each name', () => {
    // keepalived resolves `include vrrp.conf` from the folder of the name it was given.
    write({
      'sh/common/keepalived.conf': 'global_defs {\n    router_id x\n}\ninclude vrrp.conf\n',
      'sh/hosts/lb1/vrrp.conf': 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\n',
      'sh/hosts/lb2/vrrp.conf': 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority 300\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\n',
    });
    symlinkSync('../../common/keepalived.conf', join(dir, 'sh/hosts/lb1/keepalived.conf'));
    symlinkSync('../../common/keepalived.conf', join(dir, 'sh/hosts/lb2/keepalived.conf'));
    const r = kalint(['lint', '-f', 'gnu', 'sh/hosts/lb1/keepalived.conf', 'sh/hosts/lb2/keepalived.conf']);
    expect(r.stdout).toContain("sh/hosts/lb2/vrrp.conf:4:14: error: 'priority' 300 is outside [1, 255]");
    expect(r.code).toBe(1);
  });

  it('a glob keeps conf.d files that start with any keepalived block, a definition or an @id line', () => {
    write({
      'cd/conf.d/a.conf': 'vrrp_track_process nginx {\n    process nginx\n}\n',
      'cd/conf.d/b.conf': 'bfd_instance b1 {\n    neighbor_ip 10.0.0.2\n}\n',
      'cd/conf.d/d.conf': '$VIP=10.0.0.1/24\n',
      'cd/conf.d/i.conf': '@lb1 global_defs {\n@lb1     router_id lb1\n@lb1 }\n',
      'cd/conf.d/nginx.conf': 'server {\n  listen 80;\n}\n',
    });
    const r = kalint(['lint', '-f', 'checkstyle', 'cd/conf.d/*.conf']);
    const files = [...r.stdout.matchAll(/<file name="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(files).toEqual(['cd/conf.d/a.conf', 'cd/conf.d/b.conf', 'cd/conf.d/d.conf', 'cd/conf.d/i.conf']);
  });

  it('a keepalived.conf holding a NUL byte is searched and linted (KA117 explains it)', () => {
    write({ 'nul/keepalived.conf': 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n}\n\0' });
    expect(kalint(['lint', '-f', 'gnu', 'nul']).stdout).toContain('KA117');
  });
});
