// `kalint fmt` and `kalint peer` as users run them: the CLI bundled from source (into a scratch
// folder, so parallel test files never race on dist/), real files, stdin, exit codes.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, CORPUS } from './helpers/format-props.js';
import { writeFiles } from './helpers/scratch.js';

let dir: string;
let bundle: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kalint-fmt-cli-'));
  bundle = join(dir, '.kalint.cjs');
  buildSync({ entryPoints: [join(REPO, 'server/src/cli/bin.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'error' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  writeFiles(dir, files);
}

function kalint(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bundle, ...args], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const MESSY = 'global_defs{ router_id x}\nvrrp_instance VI_1\n{\n  state   MASTER\n\tinterface eth0\n}\n';
const NEAT = 'global_defs {\n    router_id x\n}\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n}\n';
const BROKEN = 'global_defs {\n    router_id x\n}\n}\n';

describe('kalint fmt', () => {
  it('prints the formatted file, and reads stdin with -', () => {
    write({ 'p/a.conf': MESSY });
    expect(kalint(['fmt', 'p/a.conf'])).toMatchObject({ code: 0, stdout: NEAT });
    expect(kalint(['fmt', '-'], MESSY)).toMatchObject({ code: 0, stdout: NEAT });
    expect(readFileSync(join(dir, 'p/a.conf'), 'utf8')).toBe(MESSY);
  });

  it('--check lists the files that would change and exits 1; 0 when all are formatted', () => {
    write({ 'c/messy.conf': MESSY, 'c/neat.conf': NEAT });
    const r = kalint(['fmt', '--check', 'c/messy.conf', 'c/neat.conf']);
    expect(r).toMatchObject({ code: 1, stdout: 'c/messy.conf\n' });
    expect(kalint(['fmt', '--check', 'c/neat.conf'])).toMatchObject({ code: 0, stdout: '' });
    expect(readFileSync(join(dir, 'c/messy.conf'), 'utf8')).toBe(MESSY);
  });

  it('--diff prints a unified diff of each file that would change and exits 1; 0 and nothing when all are formatted', () => {
    write({ 'd/messy.conf': MESSY, 'd/neat.conf': NEAT });
    const r = kalint(['fmt', '--diff', 'd']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['--- a/d/messy.conf', '+++ b/d/messy.conf', '@@ -1,6 +1,7 @@']);
    // Applying the diff gives the formatted file: its '+' and ' ' lines are the new text.
    expect(lines.slice(3).filter((l) => l.startsWith('+') || l.startsWith(' ')).map((l) => l.slice(1)).join('\n') + '\n').toBe(NEAT);
    expect(r.stdout).not.toContain('neat.conf');
    expect(kalint(['fmt', '--diff', 'd/neat.conf'])).toMatchObject({ code: 0, stdout: '' });
    // With --check, each name comes before its diff; nothing is written.
    expect(kalint(['fmt', '--check', '--diff', 'd/messy.conf']).stdout.split('\n').slice(0, 2)).toEqual(['d/messy.conf', '--- a/d/messy.conf']);
    expect(readFileSync(join(dir, 'd/messy.conf'), 'utf8')).toBe(MESSY);
    expect(kalint(['fmt', '--diff', '--write', 'd'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--diff and --write exclude each other') });
  });

  it('--check lists a folder\'s files in name order, then its subfolders\'', () => {
    // The listing came out z → a within a folder (entries were sorted backwards for the walk's stack).
    write({ 'o/z.conf': MESSY, 'o/a.conf': MESSY, 'o/m.conf': MESSY, 'o/b/y.conf': MESSY, 'o/b/c.conf': MESSY, 'o/a/q.conf': MESSY });
    expect(kalint(['fmt', '--check', 'o']).stdout).toBe('o/a.conf\no/m.conf\no/z.conf\no/a/q.conf\no/b/c.conf\no/b/y.conf\n');
  });

  it('--write rewrites only the files that change, atomically, keeping permissions and links', () => {
    write({ 'w/messy.conf': MESSY, 'w/neat.conf': NEAT });
    chmodSync(join(dir, 'w/messy.conf'), 0o640);
    symlinkSync('messy.conf', join(dir, 'w/link.conf'));
    const neatBefore = statSync(join(dir, 'w/neat.conf'));
    const r = kalint(['fmt', '--write', 'w/link.conf', 'w/neat.conf']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('formatted w/link.conf\n');
    expect(readFileSync(join(dir, 'w/messy.conf'), 'utf8')).toBe(NEAT);
    expect(statSync(join(dir, 'w/messy.conf')).mode & 0o777).toBe(0o640);
    expect(lstatSync(join(dir, 'w/link.conf')).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(dir, 'w')).sort()).toEqual(['link.conf', 'messy.conf', 'neat.conf']);
    const neatAfter = statSync(join(dir, 'w/neat.conf'));
    expect([neatAfter.ino, neatAfter.mtimeMs]).toEqual([neatBefore.ino, neatBefore.mtimeMs]);
  });

  it('--write keeps a hard-linked file one file: every link sees the new text', () => {
    write({ 'h/messy.conf': MESSY });
    linkSync(join(dir, 'h/messy.conf'), join(dir, 'h/other-name.conf'));
    expect(kalint(['fmt', '--write', 'h/messy.conf']).code).toBe(0);
    expect(readFileSync(join(dir, 'h/other-name.conf'), 'utf8')).toBe(NEAT);
    expect(statSync(join(dir, 'h/other-name.conf')).ino).toBe(statSync(join(dir, 'h/messy.conf')).ino);
  });

  it('a file with a syntax error: FILE:LINE:COL, exit 2, nothing written, the others still done', () => {
    write({ 'e/broken.conf': BROKEN, 'e/messy.conf': MESSY });
    const r = kalint(['fmt', '--write', 'e/broken.conf', 'e/messy.conf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("e/broken.conf:4:1: extra '}': it closes no block — not formatted");
    expect(readFileSync(join(dir, 'e/broken.conf'), 'utf8')).toBe(BROKEN);
    expect(readFileSync(join(dir, 'e/messy.conf'), 'utf8')).toBe(NEAT);
    expect(kalint(['fmt', 'e/broken.conf']).code).toBe(2);
  });

  it('--indent, --tabs and .kalint.json "format" (the command line wins)', () => {
    write({ 'o/a.conf': 'a {\nb\n}\n', 'o/.kalint.json': '{ "format": { "indentWidth": 2 } }' });
    expect(kalint(['fmt', 'o/a.conf']).stdout).toBe('a {\n  b\n}\n');
    expect(kalint(['fmt', '--indent', '3', 'o/a.conf']).stdout).toBe('a {\n   b\n}\n');
    expect(kalint(['fmt', '--tabs', 'o/a.conf']).stdout).toBe('a {\n\tb\n}\n');
    write({ 'bad/a.conf': 'a\n', 'bad/.kalint.json': '{ "format": { "indentWidth": "wide" } }' });
    const bad = kalint(['fmt', 'bad/a.conf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('.kalint.json');
  });

  it('--range formats only the given lines', () => {
    write({ 'r/a.conf': MESSY });
    expect(kalint(['fmt', '--range', '4', 'r/a.conf']).stdout).toBe(MESSY.replace('  state   MASTER', '    state MASTER'));
  });

  it('usage errors exit 2', () => {
    expect(kalint(['fmt']).code).toBe(2);
    expect(kalint(['fmt', '--check', '--write', 'x']).code).toBe(2);
    expect(kalint(['fmt', 'a', 'b']).code).toBe(2);
    expect(kalint(['fmt', '--indent', 'x', 'a']).code).toBe(2);
    expect(kalint(['fmt', 'missing.conf']).code).toBe(2);
  });
});

describe('kalint peer', () => {
  const master = () => readFileSync(join(CORPUS, 'seed003-master.conf'), 'utf8');

  // keepalived 2.2.7 -t: "VRRP instance[VI_1] malformed src address[999.1.1.1]. Skipping..."; an IPv6 source address
  // made the peer's instance IPv6 and its IPv4 VIP was dropped (KA313, KA312).
  it('refuses a --unicast-src-ip or --unicast-peer keepalived cannot read, or of the other family (exit 2)', () => {
    const own = 'vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 5\n  priority 100\n  unicast_src_ip 10.0.0.5\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n';
    const peers = 'vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 5\n  priority 100\n  unicast_peer {\n    10.0.0.6\n  }\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n';
    write({ 'peer/us.conf': own, 'peer/up.conf': peers });
    for (const [option, value, file] of [['--unicast-src-ip', '999.1.1.1', 'peer/us.conf'], ['--unicast-src-ip', 'hostname.example', 'peer/us.conf'], ['--unicast-peer', '300.0.0.1', 'peer/up.conf']]) {
      const r = kalint(['peer', '-q', option!, value!, file!]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`kalint: ${option} takes an IP address keepalived can read, such as 10.0.0.2 or fd00::2 (got '${value}'`);
    }
    const v6 = kalint(['peer', '-q', '--unicast-src-ip', 'fe80::1', 'peer/us.conf']);
    expect(v6).toMatchObject({ code: 2, stdout: '' });
    expect(v6.stderr).toMatch(/^kalint: peer\/us\.conf:1:1: --unicast-src-ip fe80::1 is IPv6 but vrrp_instance VI_1 is IPv4/);
    expect(kalint(['peer', '-q', '--unicast-peer', 'fd00::5', 'peer/up.conf'])).toMatchObject({ code: 2, stdout: '' });
    // The right family is taken.
    expect(kalint(['peer', '-q', '--unicast-src-ip', '10.0.0.6', 'peer/us.conf']).stdout).toContain('unicast_src_ip 10.0.0.6');
    expect(kalint(['peer', '-q', '--unicast-peer', '10.0.0.5', 'peer/up.conf']).stdout).toContain('unicast_peer {\n    10.0.0.5\n  }');
  });

  it('prints the BACKUP to stdout, what changed to stderr', () => {
    write({ 'peer/master.conf': master() });
    const r = kalint(['peer', 'peer/master.conf']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('state BACKUP');
    expect(r.stderr).toContain('router_id LVS_MASTER → LVS_BACKUP');
    expect(kalint(['peer', '-q', 'peer/master.conf']).stderr).toBe('');
  });

  it("reads stdin with '-', as lint and fmt do (session 61: '-: cannot read')", () => {
    const r = kalint(['peer', '-', '--diff'], master());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^--- a\/<stdin>\n\+\+\+ b\/<stdin>\n/);
    expect(r.stdout).toContain('+        state BACKUP');
    expect(kalint(['peer', '-q', '-'], master()).stdout).toBe(kalint(['peer', '-q', 'peer/master.conf']).stdout);
  });

  // A node on 1.3.5 (CentOS 7): 'state BACKUP # note\\' is read as 'BACKUP\\' by 2.2.7 only, so the peer is refused at
  // the default target, and generated for the release the nodes run (--target-version, or .kalint.json as lint reads it).
  it('reads both files as the target release does: --target-version, else .kalint.json', () => {
    const conf = 'vrrp_instance VI_1 {\n    state BACKUP # note\\\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        10.0.0.10/24\n    }\n}\n';
    write({ 'peer/old.conf': conf, 'peer-old/.kalint.json': '{ "targetVersion": "1.3.5" }', 'peer-old/old.conf': conf });
    expect(kalint(['peer', 'peer/old.conf'])).toMatchObject({ code: 1, stderr: expect.stringContaining("would read the peer's state on line 2 as 'MASTER\\'") });
    for (const r of [kalint(['peer', '-q', '--target-version', '1.3.5', 'peer/old.conf']), kalint(['peer', '-q', 'peer-old/old.conf'])]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('    state MASTER # note\\\n');
    }
    expect(kalint(['peer', '--target-version', 'x', 'peer/old.conf'])).toMatchObject({ code: 2, stderr: expect.stringContaining("invalid --target-version 'x'") });
  });

  // fmtpeer63 bug 1: the MASTER's includes were not read (a weight-5 script in an include left the nodes 10 apart, and
  // a failing check never moved the VIPs; an included instance stayed MASTER on the peer). Read as kalint lint reads them.
  it("reads the MASTER's included files, from the file's folder and through inferred path mappings", () => {
    const inst = 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    track_script {\n        chk\n    }\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\n';
    const script = 'vrrp_script chk {\n    script "/usr/bin/true"\n    weight -5\n}\n';
    write({ 'peer-inc/lb1.conf': `include scripts.conf\n${inst}`, 'peer-inc/scripts.conf': script, 'peer-inc/abs.conf': `include /etc/keepalived/scripts.conf\n${inst}`, 'peer-inc/two.conf': `${inst}include other.conf\n`, 'peer-inc/other.conf': inst.replace('VI_1', 'VI_2') });
    const r = kalint(['peer', 'peer-inc/lb1.conf']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('    priority 96\n');
    expect(r.stderr).toContain('priorities 4 apart (not 10), so that a tracked failure (weight -5) moves the VIPs');
    const abs = kalint(['peer', 'peer-inc/abs.conf']);
    expect(abs).toMatchObject({ code: 0, stdout: expect.stringContaining('    priority 96\n') });
    expect(abs.stderr).toMatch(/its includes name files that do not exist on this machine but do beside it/);
    expect(kalint(['peer', 'peer-inc/two.conf'])).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^kalint: peer-inc\/two\.conf:13:1: vrrp_instance VI_2 is in peer-inc\/other\.conf line 1, which the include on this line reads/) });
  });

  // fmtpeer63 bug 2: '@lb1 vrrp_instance VI_1 {' was kept, and keepalived -i lb2 read no instance from the peer.
  it('--config-id ID gives the peer the reading of ID without @ lines', () => {
    write({ 'peer-id/lb1.conf': 'global_defs {\n    router_id lb1\n}\n@lb1 vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\n@lb2 vrrp_instance VI_9 { }\n' });
    const r = kalint(['peer', '--config-id', 'lb1', 'peer-id/lb1.conf']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^global_defs \{\n    router_id lb2\n\}\nvrrp_instance VI_1 \{\n    state BACKUP\n/);
    expect(r.stdout).not.toMatch(/@|VI_9/);
    expect(r.stderr).toContain('read as config id lb1: the @ID prefix removed from 1 line, 1 line for other ids dropped');
  });

  it('--diff prints a unified diff with a/ and b/ labels', () => {
    write({ 'peer/master.conf': master() });
    const r = kalint(['peer', '--diff', '--priority', '80', 'peer/master.conf']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['--- a/peer/master.conf', '+++ b/peer/master.conf']);
    expect(r.stdout.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toEqual([
      '-        router_id LVS_MASTER     #定义标识主机的字符，可以不必是主机名',
      '+        router_id LVS_BACKUP     #定义标识主机的字符，可以不必是主机名',
      '-        state MASTER      #定义初始化状态，MASTER或BACKUP',
      '+        state BACKUP      #定义初始化状态，MASTER或BACKUP',
      '-        priority 100       #定义组成员的优先级，数值愈大，优先级越高。',
      '+        priority 80       #定义组成员的优先级，数值愈大，优先级越高。',
    ]);
  });

  it('--diff labels an absolute path outside the working folder as git does (a/tmp/…, not a//tmp/…)', () => {
    write({ 'peer/master.conf': master() });
    const abs = join(dir, 'peer/master.conf');
    const elsewhere = mkdtempSync(join(tmpdir(), 'kalint-elsewhere-'));
    const r = spawnSync(process.execPath, [bundle, 'peer', '-q', '--diff', abs], { cwd: elsewhere, encoding: 'utf8' });
    rmSync(elsewhere, { recursive: true, force: true });
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([`--- a${abs}`, `+++ b${abs}`]);
  });

  it('-o writes the file (with the input\'s permissions) and never overwrites the input', () => {
    write({ 'peer/master.conf': master() });
    chmodSync(join(dir, 'peer/master.conf'), 0o600);
    const r = kalint(['peer', '-o', 'peer/backup.conf', '--priority', '80', '--router-id', 'LVS_SLAVE', 'peer/master.conf']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'peer/backup.conf'), 'utf8')).toBe(readFileSync(join(CORPUS, 'seed003-backup.conf'), 'utf8'));
    expect(statSync(join(dir, 'peer/backup.conf')).mode & 0o777).toBe(0o600);
    const same = kalint(['peer', '-o', './peer/../peer/master.conf', 'peer/master.conf']);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('is the input file');
    // An I/O error says why in words, about the file given (node's message named the temporary file).
    expect(kalint(['peer', '-o', '', 'peer/master.conf'])).toMatchObject({ code: 2, stderr: "kalint: -o needs a file name\nRun 'kalint peer --help' for its options.\n" });
    mkdirSync(join(dir, 'peer/adir'), { recursive: true });
    expect(kalint(['peer', '-q', '-o', 'peer/adir', 'peer/master.conf'])).toMatchObject({ code: 2, stderr: 'kalint: peer/adir: cannot write: it is a directory\n' });
    expect(kalint(['peer', 'peer/none-such.conf'])).toMatchObject({ code: 2, stderr: 'kalint: peer/none-such.conf: cannot read: no such file or directory\n' });
    symlinkSync('master.conf', join(dir, 'peer/alias.conf'));
    expect(kalint(['peer', '-o', 'peer/alias.conf', 'peer/master.conf']).code).toBe(2);
    expect(readFileSync(join(dir, 'peer/master.conf'), 'utf8')).toBe(master());
    // A named pipe (or /dev/null, /dev/stdout) is written to, never replaced by a regular file.
    execFileSync('mkfifo', [join(dir, 'peer/pipe')]);
    const reader = spawn('cat', [join(dir, 'peer/pipe')]);
    let piped = '';
    reader.stdout.on('data', (b: Buffer) => (piped += b.toString()));
    const done = new Promise((ok) => reader.on('close', ok));
    return (async () => {
      expect(kalint(['peer', '-q', '-o', 'peer/pipe', 'peer/master.conf']).code).toBe(0);
      await done;
      expect(piped).toBe(kalint(['peer', '-q', 'peer/master.conf']).stdout);
      expect(lstatSync(join(dir, 'peer/pipe')).isFIFO()).toBe(true);
    })();
  });

  it('errors: no vrrp_instance, an unknown state, ambiguous interface → exit 1 with the reason; usage → 2', () => {
    write({
      'peer/none.conf': 'global_defs {\n    router_id x\n}\n',
      'peer/stateless.conf': 'vrrp_instance V {\n    state master\n    interface eth0\n}\n',
      'peer/two.conf': 'vrrp_instance A {\n    state MASTER\n    interface eth0\n}\nvrrp_instance B {\n    state MASTER\n    interface eth1\n}\n',
    });
    expect(kalint(['peer', '--interface', 'ens1', 'peer/two.conf'])).toMatchObject({ code: 1 });
    expect(kalint(['peer', '--interface', 'ens1', 'peer/two.conf']).stderr).toContain('ambiguous --interface');
    expect(kalint(['peer', 'peer/none.conf'])).toMatchObject({ code: 1 });
    expect(kalint(['peer', 'peer/none.conf']).stderr).toContain('no vrrp_instance');
    expect(kalint(['peer', 'peer/stateless.conf']).stderr).toContain("peer/stateless.conf:2:11: vrrp_instance V: unknown state 'master' (line 2)");
    expect(kalint(['peer']).code).toBe(2);
    expect(kalint(['peer', '--priority', '80', '--priority-step', '5', 'peer/none.conf']).code).toBe(2);
    expect(kalint(['peer', '--priority', 'high', 'peer/none.conf']).code).toBe(2);
    expect(existsSync(join(dir, 'peer/none.conf'))).toBe(true);
  });
});

describe('a config that is not UTF-8 keeps its bytes', () => {
  // A GBK comment (“主” = D6 F7) and a Latin-1 one (é = E9), as configs edited on a server with a
  // non-UTF-8 locale have them. Read as UTF-8, each such byte became U+FFFD (EF BF BD) when the
  // file was written back.
  const latin = (s: string) => Buffer.from(s, 'latin1');
  const MASTER = latin('global_defs {\n  router_id lb1   # caf\xe9\n}\nvrrp_instance VI_1 {\n state MASTER  # \xd6\xf7\n interface eth0\n virtual_router_id 51\n priority 100\n virtual_ipaddress {\n  10.0.0.1/24\n }\n}\n');
  const FORMATTED = latin('global_defs {\n    router_id lb1 # caf\xe9\n}\nvrrp_instance VI_1 {\n    state MASTER # \xd6\xf7\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\n');
  const bytesOf = (args: string[]) => spawnSync(process.execPath, [bundle, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });

  it('fmt prints and writes the bytes that are not UTF-8 as they were', () => {
    write({ 'enc/a.conf': '' });
    writeFileSync(join(dir, 'enc/a.conf'), MASTER);
    expect(bytesOf(['fmt', 'enc/a.conf']).stdout).toEqual(FORMATTED);
    expect(kalint(['fmt', '--write', 'enc/a.conf']).code).toBe(0);
    expect(readFileSync(join(dir, 'enc/a.conf'))).toEqual(FORMATTED);
    expect(kalint(['fmt', '--check', 'enc/a.conf'])).toMatchObject({ code: 0, stdout: '' });
  });

  it('peer writes the other node with the same bytes, and --diff shows them', () => {
    writeFileSync(join(dir, 'enc/m.conf'), MASTER);
    expect(kalint(['peer', '-q', '-o', 'enc/b.conf', 'enc/m.conf']).code).toBe(0);
    const expected = latin(MASTER.toString('latin1').replace('lb1', 'lb2').replace('state MASTER', 'state BACKUP').replace('priority 100', 'priority 90'));
    expect(readFileSync(join(dir, 'enc/b.conf'))).toEqual(expected);
    expect(bytesOf(['peer', '-q', 'enc/m.conf']).stdout).toEqual(expected);
    const diff = bytesOf(['peer', '-q', '--diff', 'enc/m.conf']).stdout;
    expect(diff.includes(latin('+  router_id lb2   # caf\xe9\n'))).toBe(true);
  });

  it('lint --fix writes the fixed file with the same bytes', () => {
    writeFileSync(join(dir, 'enc/f.conf'), latin('global_defs {\n  lvs_id lb1 # caf\xe9\n}\n'));
    const r = kalint(['lint', '--fix', 'enc/f.conf']);
    expect(r.stderr).not.toContain('not applied');
    expect(readFileSync(join(dir, 'enc/f.conf'))).toEqual(latin('global_defs {\n  router_id lb1 # caf\xe9\n}\n'));
  });

  // keepalived counts bytes: a GBK password of three characters is 6 bytes, which it keeps whole.
  it('lint counts the bytes the file has and shows those that are not UTF-8 as \\xNN', () => {
    const gbk = (pass: string) => Buffer.concat([Buffer.from('vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  authentication {\n    auth_type PASS\n    auth_pass '), latin(pass), Buffer.from('\n  }\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n')]);
    writeFileSync(join(dir, 'enc/g6.conf'), gbk('\xc3\xdc\xc2\xeb12'));
    writeFileSync(join(dir, 'enc/g10.conf'), gbk('\xc3\xdc\xc2\xeb123456'));
    const json = (f: string) => JSON.parse(kalint(['lint', '--format', 'json', f]).stdout) as { code: string; message: string }[];
    expect(json('enc/g6.conf').filter((d) => d.code === 'KA302')).toEqual([]);
    const long = json('enc/g10.conf').filter((d) => d.code === 'KA302');
    expect(long.map((d) => d.message)).toEqual([expect.stringContaining("is 10 bytes; keepalived uses only the first 8 ('\\xc3\\xdc\\xc2\\xeb1234')")]);
    // A Latin-1 no-break space (byte A0) as indentation: keepalived reads it as a word ("Unknown keyword '\xa0\xa0'").
    writeFileSync(join(dir, 'enc/nbsp.conf'), latin('vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  authentication {\n\xa0\xa0 auth_type PASS\n  }\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n'));
    const nbsp = json('enc/nbsp.conf');
    expect(nbsp.find((d) => d.code === 'KA201')?.message).toMatch(/^Unknown keyword '\\xa0\\xa0' in 'authentication': it contains 2 × no-break space saved as Latin-1 \(byte 0xA0\)/);
    expect(kalint(['lint', '--fix', 'enc/nbsp.conf']).code).toBe(0);
    expect(readFileSync(join(dir, 'enc/nbsp.conf')).includes(latin('\n   auth_type PASS\n'))).toBe(true);
  });
});

describe('a read-only file', () => {
  // The atomic rename replaced a file marked read-only (chmod a-w) without a word, as the folder was writable.
  it('fmt --write and lint --fix refuse to replace it: say so, exit 2, leave it unchanged', () => {
    const text = 'global_defs {\n  lvs_id lb1\n}\n';
    write({ 'ro/keepalived.conf': text });
    const file = join(dir, 'ro/keepalived.conf');
    chmodSync(file, 0o444);
    try {
      expect(kalint(['fmt', '--write', 'ro/keepalived.conf'])).toMatchObject({ code: 2, stdout: '', stderr: 'kalint: ro/keepalived.conf: cannot write: the file is read-only (no write permission for its owner): left as it is\n' });
      const fix = kalint(['lint', '--fix', 'ro/keepalived.conf']);
      expect(fix.code).toBe(2);
      expect(fix.stderr).toContain('kalint: ro/keepalived.conf: cannot write the fixes: the file is read-only (no write permission for its owner): left as it is\n');
      expect(readFileSync(file, 'utf8')).toBe(text);
      expect(statSync(file).mode & 0o777).toBe(0o444);
    } finally {
      chmodSync(file, 0o644);
    }
  });
});
