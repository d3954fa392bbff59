// `kalint lint`, `fmt` and `explain` guarding the user against silent mistakes: a report written over a config the
// run reads, folders and files left out without a word, settings files that cannot be read, one node counted twice,
// one finding reported once per includer. The built bin/kalint.js in a scratch project.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fsHost } from '../server/src/cli/host.js';
import { shortestUniqueSuffixes } from '../server/src/cluster/index.js';
import { writeFiles } from './helpers/scratch.js';

const repo = join(__dirname, '..');
const bin = join(repo, 'bin/kalint.js');
let dir: string;

function write(files: Record<string, string>): void {
  writeFiles(dir, files);
}

function kalint(args: string[], cwd = dir, input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: join(dir, cwd === dir ? '' : cwd), input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ERROR = 'global_defs {\n    routr_id lb1\n}\n'; // KA201 (error)

/** One node of a pair: VRID 51 on both unless `vrid` says otherwise. */
function node(name: string, state: 'MASTER' | 'BACKUP', priority: number, vrid = 51): string {
  return `global_defs {\n    router_id ${name}\n}\nvrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id ${vrid}\n    priority ${priority}\n    advert_int 1\n    virtual_ipaddress {\n        10.0.0.10/24\n    }\n}\n`;
}

beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  dir = mkdtempSync(join(tmpdir(), 'kalint-guards-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('-o never overwrites what the run reads', () => {
  it('refuses a declared cluster partner not named on the command line, a file it includes, and the .kalint.json read', () => {
    write({
      'o1/.kalint.json': JSON.stringify({ autoPair: false, clusters: [{ name: 'edge', files: ['lb1/keepalived.conf', 'lb2/keepalived.conf'] }] }),
      'o1/lb1/keepalived.conf': node('lb1', 'MASTER', 150),
      'o1/lb2/keepalived.conf': node('lb2', 'BACKUP', 100, 52) + 'include vips.inc\n',
      'o1/lb2/vips.inc': '# shared\n',
    });
    const before = readFileSync(join(dir, 'o1/lb2/keepalived.conf'), 'utf8');
    for (const target of ['lb2/keepalived.conf', 'lb2/vips.inc', '.kalint.json']) {
      for (const extra of [[], ['--fix-dry-run']]) {
        const r = kalint(['lint', '-f', 'gnu', ...extra, '-o', target, 'lb1/keepalived.conf'], 'o1');
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`kalint: -o ${target} is a config this run reads: the report never overwrites a config\n`);
      }
    }
    expect(readFileSync(join(dir, 'o1/lb2/keepalived.conf'), 'utf8')).toBe(before);
    expect(readFileSync(join(dir, 'o1/lb2/vips.inc'), 'utf8')).toBe('# shared\n');
    expect(JSON.parse(readFileSync(join(dir, 'o1/.kalint.json'), 'utf8')).autoPair).toBe(false);
    // A report file of its own is written as before.
    expect(kalint(['lint', '-f', 'gnu', '-o', 'report.txt', 'lb1/keepalived.conf'], 'o1').code).toBe(1);
    expect(readFileSync(join(dir, 'o1/report.txt'), 'utf8')).toMatch(/KA401/);
  });
});

describe('lint --fix-dry-run and a path that names nothing', () => {
  it('exits 2 as lint and --fix do, for a missing file, an empty folder and a missing declared cluster member', () => {
    const fixable = 'global_defs {\n    lvs_id lb1\n}\n'; // KA201 with a fix
    write({
      'dr/g.conf': 'global_defs {\n    router_id lb1\n}\n',
      'dr/fix.conf': fixable,
      'dr/cl/.kalint.json': JSON.stringify({ clusters: [{ name: 'e', files: ['lb1/keepalived.conf', 'lb3/keepalived.conf'] }] }),
      'dr/cl/lb1/keepalived.conf': node('lb1', 'MASTER', 150),
    });
    mkdirSync(join(dir, 'dr/emptydir'), { recursive: true });
    for (const [args, cwd] of [[['g.conf', 'nothere.conf'], 'dr'], [['fix.conf', 'nothere.conf'], 'dr'], [['fix.conf', 'emptydir/'], 'dr'], [['lb1/keepalived.conf'], 'dr/cl']] as [string[], string][]) {
      for (const mode of [[], ['--fix-dry-run'], ['--fix']]) {
        const r = kalint(['lint', '-f', 'gnu', ...mode, ...args], cwd);
        expect(r.code, `${mode} ${args}`).toBe(2);
        expect(r.stderr).toMatch(/no such file or directory|no keepalived configs found/);
      }
      write({ 'dr/fix.conf': fixable });
    }
    // The diff is still shown.
    expect(kalint(['lint', '--fix-dry-run', 'fix.conf', 'nothere.conf'], 'dr').stdout).toContain('+++ b/fix.conf');
  });
});

describe('peer: option values no config can take', () => {
  it('are usage errors (exit 2) that point at peer --help, not refusals of the file; an interface name Linux cannot have too', () => {
    write({ 'pv/good.conf': node('lb1', 'MASTER', 150) });
    const cases: [string[], string][] = [
      [['--interface', 'eth0=a:b'], "interface name 'a:b' has a ':'"],
      [['--interface', 'eth0=a/b'], "interface name 'a/b' has a '/'"],
      [['--interface', 'eth0=.'], "interface name '.' is a path component"],
      [['--interface', 'eth0=..'], "interface name '..' is a path component"],
      [['--interface', 'eth0=a b'], "interface name 'a b' has a blank"],
      [['--interface', 'eth0=a\tb'], "interface name 'a\tb' has a blank"],
      [['--interface', 'eth0=abcdefghijklmnop'], "interface name 'abcdefghijklmnop' is 16 bytes (Linux allows at most 15)"],
      [['--interface', ''], "interface name '' is empty"],
      [['--interface', 'eth0=a{b'], "interface name 'a{b' has a quote, a brace"],
      [['--interface', '=eth1'], 'the interface to rename is empty'],
      [['--priority', '0'], 'priority must be an integer from 1 to 254 (got 0)'],
      [['--priority', '256'], 'priority must be an integer from 1 to 254 (got 256)'],
      [['--priority-step', '0'], 'priority step must be an integer from 1 to 253 (got 0)'],
      [['--router-id', ''], "router_id '' must be a single word"],
      [['--priority', 'abc'], "--priority takes a whole number (got 'abc')"],
    ];
    for (const [args, why] of cases) {
      const r = kalint(['peer', '-q', ...args, 'good.conf'], 'pv');
      expect(r, args.join(' ')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^kalint: [^\n]+\nRun 'kalint peer --help' for its options\.\n$/) });
      expect(r.stderr).toContain(why);
      expect(r.stderr).not.toContain('good.conf');
    }
    // A value that only this file cannot take stays exit 1, with the file named.
    expect(kalint(['peer', '-q', '--interface', 'eth9=eth1', 'good.conf'], 'pv')).toMatchObject({ code: 1, stderr: "kalint: good.conf: no vrrp_instance uses interface 'eth9' (they use eth0)\n" });
    expect(kalint(['peer', '-q', '--interface', 'eth0=ens1', 'good.conf'], 'pv')).toMatchObject({ code: 0, stdout: expect.stringContaining('interface ens1') });
    // Every command's own usage mistake points at its help.
    expect(kalint(['peer', 'a.conf', 'b.conf'], 'pv').stderr).toBe("kalint: peer takes one MASTER file\nRun 'kalint peer --help' for its options.\n");
    expect(kalint(['lint', '-f', 'xml', 'good.conf'], 'pv').stderr).toContain("Run 'kalint lint --help' for its options.");
    expect(kalint(['fmt', '--indent', '99', 'good.conf'], 'pv')).toMatchObject({ code: 2, stderr: expect.stringContaining("Run 'kalint fmt --help' for its options.") });
  });
});

describe('no output over an input', () => {
  it('peer -o refuses the input, a file the MASTER includes (through a link too) and the .kalint.json read', () => {
    write({
      'po/master.conf': node('lb1', 'MASTER', 150) + 'include conf.d/*.conf\n',
      'po/conf.d/extra.conf': 'vrrp_script chk {\n    script "/bin/true"\n}\n',
      'po/.kalint.json': '{"targetVersion":"2.2.7"}\n',
    });
    symlinkSync('conf.d/extra.conf', join(dir, 'po/alias.conf'));
    const cases: [string, string][] = [
      ['master.conf', 'kalint: -o master.conf is the input file: the peer\'s config never overwrites the MASTER\'s\n'],
      ['conf.d/extra.conf', "kalint: -o conf.d/extra.conf is a file the MASTER includes: the peer's config never overwrites an input\n"],
      ['alias.conf', "kalint: -o alias.conf is conf.d/extra.conf, a file the MASTER includes: the peer's config never overwrites an input\n"],
      ['.kalint.json', "kalint: -o .kalint.json is the settings file this run reads: the peer's config never overwrites an input\n"],
    ];
    for (const [target, said] of cases) {
      expect(kalint(['peer', '-q', '-o', target, 'master.conf'], 'po'), target).toMatchObject({ code: 2, stderr: said, stdout: '' });
    }
    // Standard input: what it includes (from the working folder) and the .kalint.json there.
    expect(kalint(['peer', '-q', '-o', 'conf.d/extra.conf', '-'], 'po', readFileSync(join(dir, 'po/master.conf'), 'utf8')).code).toBe(2);
    expect(readFileSync(join(dir, 'po/conf.d/extra.conf'), 'utf8')).toBe('vrrp_script chk {\n    script "/bin/true"\n}\n');
    expect(readFileSync(join(dir, 'po/.kalint.json'), 'utf8')).toBe('{"targetVersion":"2.2.7"}\n');
    // A file of its own is written.
    expect(kalint(['peer', '-q', '-o', 'lb2.conf', 'master.conf'], 'po').code).toBe(0);
    expect(readFileSync(join(dir, 'po/lb2.conf'), 'utf8')).toContain('router_id lb2');
  });

  it('lint -o refuses the file --stdin-filename names when it exists (the text stands for it)', () => {
    write({ 'so/e3.conf': ERROR });
    const r = kalint(['lint', '--stdin-filename', 'e3.conf', '-o', 'e3.conf', '-'], 'so', ERROR);
    expect(r).toMatchObject({ code: 2, stderr: 'kalint: -o e3.conf is a config this run reads: the report never overwrites a config\n' });
    expect(readFileSync(join(dir, 'so/e3.conf'), 'utf8')).toBe(ERROR);
    // A name that is no file is only a name: the report goes there.
    expect(kalint(['lint', '-f', 'gnu', '--stdin-filename', 'new.conf', '-o', 'new.conf', '-'], 'so', ERROR).code).toBe(1);
    expect(readFileSync(join(dir, 'so/new.conf'), 'utf8')).toMatch(/^new\.conf:2:5: error: .*\[KA201\]\n$/);
  });
});

describe("'-o -' and 'kalint help CMD'", () => {
  it("-o - writes to standard output (no file named '-'); ./- is a file of that name", () => {
    write({ 'dash/err.conf': ERROR, 'dash/fix.conf': 'global_defs {\n    lvs_id lb1\n}\n', 'dash/m.conf': node('lb1', 'MASTER', 150) });
    const lint = kalint(['lint', '-f', 'gnu', '-o', '-', 'err.conf'], 'dash');
    expect(lint).toMatchObject({ code: 1, stdout: expect.stringMatching(/^err\.conf:2:5: error: .*\[KA201\]\n$/) });
    expect(kalint(['lint', '--fix-dry-run', '-o', '-', 'fix.conf'], 'dash')).toMatchObject({ code: 1, stdout: expect.stringContaining('+++ b/fix.conf') });
    const peer = kalint(['peer', '-q', '-o', '-', 'm.conf'], 'dash');
    expect(peer).toMatchObject({ code: 0, stdout: expect.stringContaining('router_id lb2') });
    expect(peer.stdout).toBe(kalint(['peer', '-q', 'm.conf'], 'dash').stdout);
    expect(() => readFileSync(join(dir, 'dash/-'))).toThrow();
    // --diff goes to standard output too: one of them must go elsewhere.
    expect(kalint(['peer', '-q', '-o', '-', '--diff', 'm.conf'], 'dash')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('-o - and --diff would both write to standard output') });
    expect(kalint(['lint', '-f', 'gnu', '-o', './-', 'err.conf'], 'dash')).toMatchObject({ code: 1, stdout: '' });
    expect(readFileSync(join(dir, 'dash/-'), 'utf8')).toBe(lint.stdout);
  });

  it("help CMD prints that command's help, as CMD --help does", () => {
    for (const command of ['lint', 'explain', 'fmt', 'peer']) {
      const r = kalint(['help', command]);
      expect(r, command).toMatchObject({ code: 0, stdout: kalint([command, '--help']).stdout });
      expect(r.stdout).toMatch(new RegExp(`^Usage: kalint ${command} `));
    }
    expect(kalint(['help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('kalint help <command>') });
    expect(kalint(['help', 'lnt'])).toMatchObject({ code: 2, stderr: "kalint: help: unknown command 'lnt'; did you mean 'kalint lint'?\nRun 'kalint --help' for usage.\n" });
  });
});

describe('what a search enters', () => {
  it("enters a folder named dist (rendered configs), and still not .git or node_modules", () => {
    write({
      'd2/templates/keepalived.conf.j2': 'vrrp_instance {{ name }} {\n}\n',
      'd2/dist/keepalived.conf': 'global_defs {\nroutr_id lb1\n}\n', // KA201, and not formatted
      'd2/node_modules/x/keepalived.conf': ERROR,
      'd2/.git/keepalived.conf': ERROR,
    });
    for (const args of [['.'], ['**/*.conf']]) {
      const r = kalint(['lint', '-f', 'gnu', ...args], 'd2');
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("dist/keepalived.conf:2:1: error: Unknown keyword 'routr_id' in 'global_defs'; did you mean 'router_id'? [KA201]\n");
    }
    expect(kalint(['fmt', '--check', '.'], 'd2').code).toBe(1);
  });
});

describe('ignorePatterns that leave out everything a path finds', () => {
  it('say so on stderr and exit 2, as an empty folder or a glob matching nothing does', () => {
    write({ 'ig3/.kalint.json': '{ "ignorePatterns": ["d/"] }', 'ig3/d/keepalived.conf': ERROR, 'ig3/e/keepalived.conf': 'global_defs {\n    router_id lb1\n}\n' });
    const why = 'the config found is left out by the ignorePatterns of .kalint.json (name a file on its own to check it)';
    expect(kalint(['lint', 'd'], 'ig3')).toMatchObject({ code: 2, stdout: '', stderr: `kalint: d: ${why}\n` });
    expect(kalint(['lint', 'd/*.conf'], 'ig3')).toMatchObject({ code: 2, stderr: `kalint: d/*.conf: ${why}\n` });
    expect(kalint(['fmt', '--check', 'd'], 'ig3')).toMatchObject({ code: 2, stderr: `kalint: d: ${why}\n` });
    const sarif = JSON.parse(kalint(['lint', '-f', 'sarif', 'd'], 'ig3').stdout);
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
    // A path that keeps one config is fine; a file named on its own is checked.
    expect(kalint(['lint', '.'], 'ig3')).toMatchObject({ code: 0, stderr: '' });
    expect(kalint(['lint', 'd/keepalived.conf'], 'ig3').code).toBe(1);
  });
});

describe('a .kalint.json that cannot be read', () => {
  it('stops the run (exit 2), where it was skipped and the parent folder settings used', () => {
    write({ 'unr/.kalint.json': '{ "rules": { "KA204": "error" } }', 'unr/a/.kalint.json': '{ "rules": { "KA204": "off" } }', 'unr/a/b/warn.conf': 'vrrp_instance VI_1 {\n    state MASTER extra\n}\n' });
    // Readable: a/.kalint.json turns KA204 off.
    expect(kalint(['lint', '-f', 'gnu', 'a/b/warn.conf'], 'unr').stdout).not.toContain('KA204');
    const settings = join(dir, 'unr/a/.kalint.json');
    chmodSync(settings, 0o000);
    // root reads any file: check as nobody.
    const asNobody = process.getuid?.() === 0;
    if (asNobody) chmodSync(dir, 0o755);
    const r = spawnSync(process.execPath, [bin, 'lint', '-f', 'gnu', 'a/b/warn.conf'], { cwd: join(dir, 'unr'), encoding: 'utf8', ...(asNobody ? { uid: 65534, gid: 65534 } : {}) });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 2, stdout: '', stderr: 'kalint: a/.kalint.json: permission denied\n' });
    rmSync(settings);
    mkdirSync(settings);
    expect(kalint(['lint', '-f', 'gnu', 'a/b/warn.conf'], 'unr')).toMatchObject({ code: 2, stdout: '', stderr: 'kalint: a/.kalint.json: it is a directory, not a settings file\n' });
    expect(kalint(['fmt', '--check', 'a/b/warn.conf'], 'unr')).toMatchObject({ code: 2, stderr: 'kalint: a/.kalint.json: it is a directory, not a settings file\n' });
    // A dangling symlink is no settings file: the parent's apply.
    rmSync(settings, { recursive: true });
    symlinkSync('nowhere.json', settings);
    expect(kalint(['lint', '-f', 'gnu', 'a/b/warn.conf'], 'unr')).toMatchObject({ code: 1, stderr: '' });
  });
});

describe('one node counted twice', () => {
  const IDS = 'vrrp_instance VI_1 {\n    @lb1 state BACKUP\n    @lb2 state MASTER\n    interface eth0\n    @lb1 virtual_router_id 51\n    @lb2 virtual_router_id 52\n    @lb1 priority 90\n    @lb2 priority 100\n    virtual_ipaddress {\n        10.0.0.10/24\n    }\n}\n';

  it('a repeated --config-id is one host (a note says so), never compared with itself', () => {
    write({ 'n5/ids.conf': IDS });
    const once = kalint(['lint', '-f', 'gnu', '--config-id', 'lb1,lb2', 'ids.conf'], 'n5');
    const r = kalint(['lint', '-f', 'gnu', '--config-id', 'lb1,lb2,lb1', 'ids.conf'], 'n5');
    expect(r.stdout).toBe(once.stdout);
    // The finding, then a gnu note line for its related place.
    expect(r.stdout).toMatch(/^ids\.conf:5:10: error: VI_1: virtual_router_id 51 on ids\.conf@lb1 but 52 on ids\.conf@lb2.*\[KA401\]\nids\.conf:\d+:\d+: note: [^\n]*\n$/);
    expect(r.stderr).toBe('kalint: note: --config-id names lb1 more than once: each id is checked once (one host)\n');
    expect(kalint(['lint', '-f', 'gnu', '--config-id', 'lb1,lb1', 'ids.conf'], 'n5').stdout).not.toMatch(/KA407|KA432/);
  });

  it('a .kalint.json naming one id or one file twice is refused (exit 2)', () => {
    write({ 'n5b/ids/.kalint.json': '{ "configIds": ["lb1", "lb2", "lb1"] }', 'n5b/ids/ids.conf': IDS });
    expect(kalint(['lint', 'ids/ids.conf'], 'n5b')).toMatchObject({ code: 2, stderr: expect.stringContaining('/configIds/2: "lb1" is given twice (each id is one node)') });
    write({ 'n5b/f/.kalint.json': JSON.stringify({ clusters: [{ name: 'x', files: ['keepalived.conf', './keepalived.conf'] }] }), 'n5b/f/keepalived.conf': node('lb1', 'MASTER', 100) });
    const r = kalint(['lint', '-f', 'gnu', 'f/keepalived.conf'], 'n5b');
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'kalint: ./keepalived.conf: names the same file as keepalived.conf (cluster x in f/.kalint.json): each node is listed once\n' });
    symlinkSync('keepalived.conf', join(dir, 'n5b/f/link.conf'));
    write({ 'n5b/f/.kalint.json': JSON.stringify({ clusters: [{ name: 'x', files: ['keepalived.conf', 'link.conf'] }] }) });
    expect(kalint(['lint', '-f', 'gnu', 'f/keepalived.conf'], 'n5b')).toMatchObject({ code: 2, stdout: '' });
  });

  it('explain KA4xx refuses one file given twice', () => {
    write({ 'n5c/lb1.conf': node('lb1', 'MASTER', 100) });
    symlinkSync('lb1.conf', join(dir, 'n5c/link.conf'));
    for (const again of ['lb1.conf', './lb1.conf', 'link.conf']) {
      expect(kalint(['explain', 'KA430', 'lb1.conf', again], 'n5c')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining(`kalint: ${again} is the node lb1.conf again: give each node once\n`) });
    }
  });
});

describe('a file several linted configs include', () => {
  it('has each finding reported once, and counted once towards --max-warnings', () => {
    const nodeWith = (name: string, vi: string, vrid: number) => `global_defs {\n    router_id ${name}\n}\ninclude ../common/scripts.conf\nvrrp_instance ${vi} {\n    state BACKUP\n    interface eth0\n    virtual_router_id ${vrid}\n    priority 100\n    track_script {\n        chk\n    }\n    virtual_ipaddress {\n        10.0.${vrid}.1\n    }\n}\n`;
    write({
      'inc6/lb1/keepalived.conf': nodeWith('lb1', 'VI_1', 51),
      'inc6/lb2/keepalived.conf': nodeWith('lb2', 'VI_2', 52),
      'inc6/common/scripts.conf': 'vrrp_script chk {\n    script "/bin/true"\n    interval 2 extra\n}\n',
    });
    const r = kalint(['lint', '-f', 'gnu', '--rule', 'KA601=off', '--max-warnings', '1', '.'], 'inc6');
    expect(r).toMatchObject({ code: 0, stdout: "common/scripts.conf:3:16: warning: 'interval' takes one argument; keepalived ignores 'extra' [KA204]\n", stderr: '' });
    expect(JSON.parse(kalint(['lint', '-f', 'json', '--rule', 'KA601=off', '.'], 'inc6').stdout)).toHaveLength(1);
  });
});

describe('--stdin-filename', () => {
  it('refuses an empty name and a folder name (exit 2), which lost the folder .kalint.json and gave a false KA110', () => {
    write({ 's7/.kalint.json': '{ "rules": { "KA204": "error" } }', 's7/sub/x': '' });
    chmodSync(join(dir, 's7'), 0o755);
    const text = 'vrrp_instance VI_1 {\n    state MASTER extra\n}\n';
    expect(kalint(['lint', '-f', 'gnu', '-'], 's7', text).code).toBe(1);
    expect(kalint(['lint', '-f', 'gnu', '--stdin-filename', '', '-'], 's7', text)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^kalint: --stdin-filename needs a file name\n/) });
    expect(kalint(['lint', '-f', 'gnu', '--stdin-filename', 'sub', '-'], 's7', text)).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^kalint: --stdin-filename sub: it is a directory/) });
    // A folder's x bits are no sign of a script (KA110 is about files).
    expect(fsHost.isExecutable!(join(dir, 's7/sub'))).toBe(false);
    expect(kalint(['lint', '-f', 'gnu', '--stdin-filename', 'sub/new.conf', '-'], 's7', text).stdout).toContain("sub/new.conf:2:18: error: 'state' takes one argument; keepalived ignores 'extra' [KA204]\n");
  });
});

describe('a declared cluster none of whose members is linted', () => {
  it('is still resolved: members missing or folders are reported (exit 2), not silently never compared', () => {
    write({ 'c8/deploy/lb1/keepalived.conf': node('lb1', 'MASTER', 150), 'c8/deploy/lb2/keepalived.conf': node('lb2', 'BACKUP', 100, 52) });
    const declare = (files: string[]) => write({ 'c8/.kalint.json': JSON.stringify({ autoPair: false, clusters: [{ name: 'edge', files }] }) });
    declare(['deploy/lb1/keepalived.conf', 'deploy/lb2/keepalived.conf']);
    expect(kalint(['lint', '-f', 'gnu', 'deploy'], 'c8')).toMatchObject({ code: 1, stdout: expect.stringContaining('[KA401]') });
    declare(['deploy/lb1/keepalived.cfg', 'deploy/lb2/keepalived.cfg']);
    expect(kalint(['lint', '-f', 'gnu', 'deploy'], 'c8')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'kalint: deploy/lb1/keepalived.cfg: no such file or directory (cluster edge in .kalint.json)\nkalint: deploy/lb2/keepalived.cfg: no such file or directory (cluster edge in .kalint.json)\n',
    });
    declare(['deploy/lb1', 'deploy/lb2']);
    expect(kalint(['lint', '-f', 'gnu', 'deploy'], 'c8')).toMatchObject({ code: 2, stderr: expect.stringContaining('kalint: deploy/lb2: not a regular file (cluster edge in .kalint.json)\n') });
  });
});

describe('absolute includes read from beside the node', () => {
  const vi = (state: string, priority: number, vrid: number) => `vrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id ${vrid}\n    priority ${priority}\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n`;
  const MAIN = 'include /etc/kalint-test-node/conf.d/*.conf\n';

  it('explain KA4xx reads them as lint does, and says so', () => {
    write({ 'm9/lb1/keepalived.conf': MAIN, 'm9/lb1/conf.d/vi.conf': vi('MASTER', 100, 51), 'm9/lb2/keepalived.conf': MAIN, 'm9/lb2/conf.d/vi.conf': vi('BACKUP', 90, 51) });
    const r = kalint(['explain', 'KA430', 'lb1/keepalived.conf', 'lb2/keepalived.conf'], 'm9');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/all healthy +100 +90 +lb1\/keepalived\.conf/);
    expect(r.stderr).toContain("kalint: note: lb1/keepalived.conf: its includes name files that do not exist on this machine but do beside it: read '/etc/kalint-test-node' as lb1");
    expect(r.stderr).toContain("kalint: note: lb2/keepalived.conf: its includes name files that do not exist on this machine but do beside it: read '/etc/kalint-test-node' as lb2");
  });

  it('a declared cluster member not linted is read so too', () => {
    write({
      'm9b/.kalint.json': JSON.stringify({ clusters: [{ name: 'edge', files: ['lb1/keepalived.conf', 'lb2/keepalived.conf'] }] }),
      'm9b/lb1/keepalived.conf': MAIN,
      'm9b/lb1/conf.d/vi.conf': vi('MASTER', 100, 51),
      'm9b/lb2/keepalived.conf': MAIN,
      'm9b/lb2/conf.d/vi.conf': vi('BACKUP', 90, 52),
    });
    const r = kalint(['lint', '-f', 'gnu', 'lb1/keepalived.conf'], 'm9b');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^lb2\/conf\.d\/vi\.conf:4:5: error: VI_1: virtual_router_id 52 .*\[KA401\]$/m);
    expect(r.stderr).toContain("kalint: note: lb2/keepalived.conf: its includes name files that do not exist on this machine but do beside it: read '/etc/kalint-test-node' as lb2");
  });
});

describe('a --config-id no @ line names', () => {
  it('is noted (a typo checks a host nobody runs), and an id with a blank is refused', () => {
    write({ 'id10/ids.conf': 'global_defs {\n    @lb1 router_id lb1\n    @lb2 router_id lb2\n    @lb2 bogus_kw 1\n}\n', 'id10/plain.conf': 'global_defs {\n    router_id x\n}\n' });
    expect(kalint(['lint', '-f', 'gnu', '--config-id', 'lb', 'ids.conf', 'plain.conf'], 'id10')).toEqual({ code: 0, stdout: '', stderr: "kalint: note: ids.conf names @lb1, @lb2; none is 'lb' (--config-id): checked as a host no @ line names\n" });
    expect(kalint(['lint', '-f', 'gnu', '--config-id', 'lb2', 'ids.conf'], 'id10')).toMatchObject({ code: 1, stderr: '' });
    // One id named and one not: a host that reads only the lines every host reads, no typo to tell.
    expect(kalint(['lint', '-f', 'gnu', '--config-id', 'lb2,lb3', 'ids.conf'], 'id10')).toMatchObject({ code: 1, stderr: '' });
    expect(kalint(['lint', '--config-id', 'lb 1', 'ids.conf'], 'id10')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^kalint: invalid --config-id 'lb 1': a config id has no blanks/) });
  });
});

describe('the command line takes settings as .kalint.json does', () => {
  it('a version or a rule spelled as the file refuses it is refused on the command line too', () => {
    write({ 'cl/a.conf': 'global_defs {\n    router_id lb1 lb2\n}\n' });
    for (const v of ['v2.2.7', ' 2.2.7', '2.2.7 ']) {
      expect(kalint(['lint', '--target-version', v, 'a.conf'], 'cl')).toMatchObject({ code: 2, stderr: expect.stringContaining(`invalid --target-version '${v}'`) });
      expect(kalint(['peer', '--target-version', v, 'a.conf'], 'cl')).toMatchObject({ code: 2, stderr: expect.stringContaining(`invalid --target-version '${v}'`) });
    }
    expect(kalint(['lint', '--target-version', '2.2', 'a.conf'], 'cl').code).toBe(0);
    for (const r of ['ka204', 'extra_arguments']) {
      expect(kalint(['lint', '--rule', `${r}=error`, 'a.conf'], 'cl')).toMatchObject({ code: 2, stderr: expect.stringMatching(new RegExp(`^kalint: unknown rule '${r}' in --rule; did you mean 'KA204' \\(extra-arguments\\)\\?\\n`)) });
    }
    expect(kalint(['lint', '--rule', 'KA204=error', 'a.conf'], 'cl').code).toBe(1);
    expect(kalint(['lint', '--rule', 'extra-arguments=error', 'a.conf'], 'cl').code).toBe(1);
  });
});

describe('writing into a folder that is not writable', () => {
  it('names the folder, where the file itself is writable (the new text goes beside it, then is renamed)', () => {
    if (process.getuid?.() !== 0) return; // needs another user to make the folder read-only to
    write({ 'ro/d/y.conf': 'global_defs {\nrouter_id lb1\n}\n', 'ro/d/z.conf': 'global_defs{\n    router_id lb1\n}\n' });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'ro'), 0o755);
    chmodSync(join(dir, 'ro/d/y.conf'), 0o666);
    chmodSync(join(dir, 'ro/d/z.conf'), 0o666);
    chmodSync(join(dir, 'ro/d'), 0o555);
    const asNobody = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: join(dir, 'ro'), encoding: 'utf8', uid: 65534, gid: 65534 });
    const folder = join(dir, 'ro/d');
    expect(asNobody(['fmt', '--write', 'd/y.conf'])).toMatchObject({ status: 2, stderr: `kalint: d/y.conf: cannot write: permission denied in its folder ${folder} (the new text is written to a file beside it, then renamed over it: the folder must be writable)\n` });
    expect(asNobody(['lint', '--fix', 'd/z.conf'])).toMatchObject({ status: 2, stderr: expect.stringContaining(`kalint: d/z.conf: cannot write the fixes: permission denied in its folder ${folder}`) });
    chmodSync(join(dir, 'ro/d'), 0o755);
  });
});

describe('messages that say what they mean', () => {
  it('explain with an unknown rule before files, or an empty one; --show-clusters with no cluster', () => {
    write({ 'w/a.conf': 'global_defs {\n    router_id a\n}\n', 'w/b.conf': 'global_defs {\n    router_id b\n}\n' });
    expect(kalint(['explain', 'KA999', 'a.conf', 'b.conf'], 'w')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^kalint: unknown rule 'KA999'; 'kalint explain --list' lists them all/) });
    expect(kalint(['explain', 'KA204', 'a.conf', 'b.conf'], 'w')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^kalint: explain takes one rule code or name; only cluster rules \(KA4xx\) take node files after it/) });
    expect(kalint(['explain', ''], 'w')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^kalint: give a rule code or name/) });
    expect(kalint(['lint', '--show-clusters', 'a.conf'], 'w')).toMatchObject({ code: 0, stderr: 'kalint: no cluster: no set of files (or config ids) was compared as the nodes of a cluster\n' });
  });
});

describe('pipes as cluster nodes', () => {
  it('are named by their whole path, not the fd number, and explain KA4xx reads them', () => {
    expect(shortestUniqueSuffixes(['/dev/fd/62', '/dev/fd/63', 'lb1/keepalived.conf'])).toEqual(new Map([['/dev/fd/62', '/dev/fd/62'], ['/dev/fd/63', '/dev/fd/63'], ['lb1/keepalived.conf', 'keepalived.conf']]));
    write({ 'p/lb1.conf': node('lb1', 'MASTER', 150), 'p/lb2.conf': node('lb2', 'BACKUP', 100, 52) });
    const sh = (cmd: string) => spawnSync('bash', ['-c', cmd], { cwd: join(dir, 'p'), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const lint = sh(`"${process.execPath}" "${bin}" lint -f gnu --cluster <(cat lb1.conf) <(cat lb2.conf)`);
    expect(lint.status).toBe(1);
    expect(lint.stdout).toMatch(/^\/dev\/fd\/\d+:7:5: error: VI_1: virtual_router_id 52 on \/dev\/fd\/\d+ but 51 on \/dev\/fd\/\d+;/);
    const explain = sh(`"${process.execPath}" "${bin}" explain KA430 <(cat lb1.conf) <(cat lb2.conf)`);
    expect(explain).toMatchObject({ status: 0, stderr: '' });
    expect(explain.stdout).toMatch(/^KA430 failover-never-happens: failover scenarios of \/dev\/fd\/\d+, \/dev\/fd\/\d+\n/);
  });
});
