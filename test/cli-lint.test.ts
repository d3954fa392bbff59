// `kalint lint` and `kalint explain` as users run them: the built bin/kalint.js in a scratch
// project, with .kalint.json files, suppressions, formats, thresholds and exit codes.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colourByEnvironment } from '../server/src/cli/lint.js';
import { writeFiles } from './helpers/scratch.js';

const repo = join(__dirname, '..');
const bin = join(repo, 'bin/kalint.js');
let dir: string;

function write(files: Record<string, string>): void {
  writeFiles(dir, files);
}

function kalint(args: string[], cwd = dir, input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Codes reported, in the gnu format's order. */
function codes(stdout: string): string[] {
  return stdout.trim().split('\n').filter(Boolean).map((l) => /\[(KA\d{3})\]$/.exec(l)?.[1] ?? l);
}

const CLEAN = 'global_defs {\n    router_id lb1\n}\n';
const WARNING = 'global_defs {\n    router_id lb1 lb2\n}\n'; // KA204 (warning)
const ERROR = 'global_defs {\n    routr_id lb1\n}\n'; // KA201 (error)

beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kalint-cli-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exit codes', () => {
  it('0 clean, 0 with warnings only, 1 with errors, 2 for usage and missing files', () => {
    write({ 'exit/clean.conf': CLEAN, 'exit/warn.conf': WARNING, 'exit/err.conf': ERROR });
    expect(kalint(['lint', 'exit/clean.conf']).code).toBe(0);
    expect(kalint(['lint', 'exit/warn.conf']).code).toBe(0);
    expect(kalint(['lint', 'exit/err.conf']).code).toBe(1);
    expect(kalint(['lint', 'exit/nope.conf']).code).toBe(2);
    expect(kalint(['lint', '--format', 'xml', 'exit/clean.conf']).code).toBe(2);
    expect(kalint(['lint', '--rule', 'KA999=off', 'exit/clean.conf']).stderr).toContain("unknown rule 'KA999'");
    expect(kalint(['lint', '--max-warnings', 'many', 'exit/clean.conf']).code).toBe(2);
  });

  it('an option mistake names the command, guesses the option meant, and points at its --help (exit 2)', () => {
    write({ 'opts/clean.conf': CLEAN });
    expect(kalint(['lint', '--formt', 'json', 'opts/clean.conf'])).toMatchObject({ code: 2, stderr: "kalint: lint: unknown option '--formt'; did you mean '--format'?\nRun 'kalint lint --help' for its options.\n" });
    expect(kalint(['lint', 'opts/clean.conf', '--format']).stderr).toBe("kalint: lint: -f, --format needs a value\nRun 'kalint lint --help' for its options.\n");
    expect(kalint(['lint', '--quiet=yes', 'opts/clean.conf']).stderr).toMatch(/^kalint: lint: -q, --quiet takes no value\n/);
    expect(kalint(['fmt', '--chek', 'opts/clean.conf']).stderr).toMatch(/^kalint: fmt: unknown option '--chek'; did you mean '--check'\?\n/);
    expect(kalint(['peer', '--priorty', '5', 'opts/clean.conf']).stderr).toMatch(/did you mean '--priority'\?/);
    // `lint --cluster` is where users learn the option; explain takes the files directly.
    expect(kalint(['explain', 'KA430', '--cluster', 'opts/clean.conf']).stderr).toMatch(/^kalint: explain: unknown option '--cluster': give the cluster's files after the rule, without --cluster/);
    expect(kalint(['lint', '--bogus', 'opts/clean.conf'])).toMatchObject({ code: 2, stderr: "kalint: lint: unknown option '--bogus'\nRun 'kalint lint --help' for its options.\n" });
  });

  it('an unknown command gets the command meant, or how to lint the file it names (exit 2)', () => {
    expect(kalint(['lnt', 'x.conf'])).toMatchObject({ code: 2, stderr: "kalint: unknown command 'lnt'; did you mean 'kalint lint'?\nRun 'kalint --help' for usage.\n" });
    expect(kalint(['validate', 'x.conf']).stderr).toMatch(/did you mean 'kalint lint'\?/);
    expect(kalint(['format', 'x.conf']).stderr).toMatch(/did you mean 'kalint fmt'\?/);
    expect(kalint(['keepalived.conf']).stderr).toMatch(/^kalint: unknown command 'keepalived.conf'; to check that file, run 'kalint lint keepalived.conf'\n/);
    expect(kalint(['frobnicate']).stderr).toMatch(/^kalint: unknown command 'frobnicate'\n/);
  });

  it('a path that cannot be linted is named with why, exit 2', () => {
    write({ 'why/clean.conf': CLEAN, 'why/empty/README.md': '# nothing here\n' });
    expect(kalint(['lint', 'why/nope.conf'])).toMatchObject({ code: 2, stderr: 'kalint: why/nope.conf: no such file or directory\n' });
    expect(kalint(['lint', 'why/empty'])).toMatchObject({ code: 2, stderr: 'kalint: why/empty: no keepalived configs found in this directory\n' });
    expect(kalint(['lint', 'why/*.cfg'])).toMatchObject({ code: 2, stderr: 'kalint: why/*.cfg: no file matches\n' });
    // The files that can be read are still linted.
    expect(kalint(['lint', 'why/nope.conf', 'why/clean.conf']).stdout).toBe('');
    // In words, not node's codes (ELOOP, ENAMETOOLONG, ENOTDIR).
    symlinkSync('self1.conf', join(dir, 'why/self1.conf'));
    expect(kalint(['lint', 'why/self1.conf'])).toMatchObject({ code: 2, stderr: 'kalint: why/self1.conf: too many levels of symbolic links (a symlink loop?)\n' });
    const long = `why/${'a'.repeat(300)}.conf`;
    expect(kalint(['lint', long])).toMatchObject({ code: 2, stderr: `kalint: ${long}: file name too long\n` });
    expect(kalint(['lint', 'why/clean.conf/x.conf'])).toMatchObject({ code: 2, stderr: 'kalint: why/clean.conf/x.conf: a part of the path is not a directory\n' });
    // Standard input opened on a folder: not a file named <stdin> that does not exist.
    const fd = openSync(join(dir, 'why'), 'r');
    try {
      const r = spawnSync(process.execPath, [bin, 'lint', '-'], { cwd: dir, stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
      expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 2, stderr: 'kalint: <stdin>: standard input is a directory\n' });
    } finally {
      closeSync(fd);
    }
    // -o under a file: mkdir fails with EEXIST, which is no temporary file in the way.
    expect(kalint(['lint', '-o', 'why/clean.conf/r/x.json', 'why/clean.conf'])).toMatchObject({ code: 2, stderr: 'kalint: why/clean.conf/r/x.json: cannot write: a part of the path is not a directory\n' });
    expect(kalint(['lint', '-o', 'why/clean.conf/x.json', 'why/clean.conf'])).toMatchObject({ code: 2, stderr: 'kalint: why/clean.conf/x.json: cannot write: a part of the path is not a directory\n' });
  });

  it('a path that exists is linted as named, glob characters and all', () => {
    write({ 'lit/a[1].conf': ERROR, 'lit/a1.conf': CLEAN });
    expect(codes(kalint(['lint', '-f', 'gnu', 'lit/a[1].conf']).stdout)).toEqual(['KA201']);
    // Where no such file exists, the same characters are a pattern.
    expect(kalint(['lint', '-f', 'gnu', 'lit/a[0-9].conf'])).toMatchObject({ code: 0, stdout: '' });
  });

  it('are documented in --help', () => {
    const help = kalint(['lint', '--help']).stdout;
    expect(help).toMatch(/Exit codes:\n\s+0 .*\n\s+1 .*\n\s+2 /);
    for (const opt of ['--max-warnings', '--no-inline-config', '--quiet', '--rule', 'sarif', 'github', 'checkstyle', 'gnu']) expect(help).toContain(opt);
  });
});

describe('thresholds and filters', () => {
  it('--max-warnings N fails when warnings exceed N', () => {
    write({ 'thr/w.conf': WARNING });
    expect(kalint(['lint', '--max-warnings', '1', 'thr/w.conf']).code).toBe(0);
    const r = kalint(['lint', '--max-warnings', '0', 'thr/w.conf']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('more than --max-warnings 0');
  });

  it('--quiet reports errors only', () => {
    write({ 'thr/both.conf': 'global_defs {\n    router_id lb1 lb2\n    routr_id x\n}\n' });
    expect(codes(kalint(['lint', '-f', 'gnu', 'thr/both.conf']).stdout)).toEqual(['KA204', 'KA201']);
    expect(codes(kalint(['lint', '-f', 'gnu', '--quiet', 'thr/both.conf']).stdout)).toEqual(['KA201']);
  });

  it('--rule CODE=severity and NAME=severity override', () => {
    write({ 'thr/w2.conf': WARNING });
    const asError = kalint(['lint', '-f', 'gnu', '--rule', 'KA204=error', 'thr/w2.conf']);
    expect(asError.code).toBe(1);
    expect(asError.stdout).toContain('error:');
    expect(kalint(['lint', '-f', 'gnu', '--rule', 'extra-arguments=off', 'thr/w2.conf']).stdout).toBe('');
  });
});

describe('suppressions', () => {
  const SUPPRESSED = 'global_defs {\n    # kalint-disable-next-line KA201 -- vendor keyword, patched build\n    routr_id lb1\n}\n';

  it('a suppression with a reason hides the finding; --no-inline-config ignores it', () => {
    write({ 'sup/a.conf': SUPPRESSED });
    expect(kalint(['lint', '-f', 'gnu', 'sup/a.conf'])).toMatchObject({ code: 0, stdout: '' });
    const sarif = JSON.parse(kalint(['lint', '-f', 'sarif', 'sup/a.conf']).stdout);
    expect(sarif.runs[0].results.map((r: { ruleId: string; suppressions?: unknown }) => [r.ruleId, r.suppressions])).toEqual([['KA201', [{ kind: 'inSource', justification: 'vendor keyword, patched build' }]]]);
    const off = kalint(['lint', '-f', 'gnu', '--no-inline-config', 'sup/a.conf']);
    expect(off.code).toBe(1);
    expect(codes(off.stdout)).toEqual(['KA201']);
  });

  it('an unused suppression is reported once, even when linted for several config ids', () => {
    write({ 'sup/b.conf': '# kalint-disable-next-line KA204 -- legacy\nglobal_defs {\n@lb1 router_id lb1\n@lb2 router_id lb2\n}\n' });
    expect(codes(kalint(['lint', '-f', 'gnu', 'sup/b.conf']).stdout)).toEqual(['KA002']);
    expect(codes(kalint(['lint', '-f', 'gnu', '--config-id', 'lb1,lb2', 'sup/b.conf']).stdout)).toEqual(['KA002']);
  });

  it("a suppression over another host's @ID line is not unused for a per-host run; one unused where its line is read still is (cli63 #6)", () => {
    const text = [
      'global_defs {',
      '    @lb1 router_id lb1',
      '    @lb2 router_id lb2',
      '}',
      'vrrp_instance VI_1 {',
      '    @lb1 state MASTER',
      '    @lb2 state BACKUP',
      '    interface eth0',
      '    virtual_router_id 51',
      '    @lb1 priority 100',
      '    @lb2 priority 90',
      '    virtual_ipaddress {',
      '        10.0.0.10/24',
      '    }',
      '    # kalint-disable-next-line KA201 -- read by our lb2 tooling',
      '    @lb2 bogus 1',
      '    # kalint-disable-next-line KA204 -- lb1 extra word',
      '    @lb1 advert_int 1 x',
      '}',
      '',
    ].join('\n');
    write({ 'sup/ids.conf': text, 'sup/ids-stale.conf': text.replace('@lb2 bogus 1', '@lb2 advert_int 1') });
    // A CI matrix `--config-id $HOST --max-warnings 0`: each host's job passes.
    for (const id of ['lb1', 'lb2', 'all', 'lb1,lb2']) expect(kalint(['lint', '-f', 'gnu', '--max-warnings', '0', '--config-id', id, 'sup/ids.conf'])).toMatchObject({ code: 0, stdout: '' });
    expect(kalint(['lint', '-f', 'gnu', '--max-warnings', '0', 'sup/ids.conf'])).toMatchObject({ code: 0, stdout: '' });
    // lb2 reads its line and has no KA201 there: unused, for lb2's job and for every run that reads lb2.
    for (const args of [['--config-id', 'lb2'], ['--config-id', 'lb1,lb2'], []]) {
      const r = kalint(['lint', '-f', 'gnu', ...args, 'sup/ids-stale.conf']);
      expect(r.stdout).toBe('sup/ids-stale.conf:15:5: warning: Unused suppression: no KA201 finding on line 16; remove the directive [KA002]\n');
    }
    expect(kalint(['lint', '-f', 'gnu', '--config-id', 'lb1', 'sup/ids-stale.conf']).stdout).toBe('');
  });

  it('a suppression in a file several linted configs include is unused only when no includer uses it (cli63 #6)', () => {
    const node = (track: boolean, vrid: number) =>
      `include ../common/scripts.conf\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id ${vrid}\n    priority 100\n    virtual_ipaddress {\n        10.0.${vrid}.1/24\n    }\n${track ? '    track_script {\n        chk\n    }\n' : ''}}\n`;
    write({
      'shared/common/scripts.conf': '# kalint-disable-next-line KA321 -- tracked on node a only\nvrrp_script chk {\n    script "/bin/true"\n    interval 2\n}\n',
      'shared/a/keepalived.conf': node(true, 60),
      'shared/b/keepalived.conf': node(false, 61),
    });
    const all = kalint(['lint', '-f', 'gnu', '--rule', 'KA601=off', '--max-warnings', '0', 'shared/a/keepalived.conf', 'shared/b/keepalived.conf']);
    expect(all.stdout).not.toContain('KA002');
    expect(kalint(['lint', '-f', 'gnu', '--rule', 'KA601=off', 'shared/b/keepalived.conf']).stdout).not.toContain('KA002');
    // Linted alone, a's node does not use it: unused in that run.
    expect(codes(kalint(['lint', '-f', 'gnu', '--rule', 'KA601=off', 'shared/a/keepalived.conf']).stdout)).toContain('KA002');
    // Both tracking it: unused for every includer, reported once.
    write({ 'shared/b/keepalived.conf': node(true, 61) });
    const both = kalint(['lint', '-f', 'gnu', '--rule', 'KA601=off', 'shared/a/keepalived.conf', 'shared/b/keepalived.conf']);
    expect(codes(both.stdout).filter((c) => c === 'KA002')).toEqual(['KA002']);
  });

  it('a suppression used for one config id only is not reported as unused', () => {
    write({ 'sup/c.conf': 'global_defs {\n    # kalint-disable-next-line KA204 -- lb2 reads the second word\n@lb2 router_id lb2 extra\n@lb1 router_id lb1\n}\n' });
    expect(kalint(['lint', '-f', 'gnu', '--config-id', 'lb1,lb2', 'sup/c.conf']).stdout).toBe('');
  });
});

describe('.kalint.json', () => {
  it('is found upward from each file, the nearest wins, and the command line wins over it', () => {
    write({
      'proj/.kalint.json': JSON.stringify({ rules: { KA204: 'error' } }),
      'proj/a/keepalived.conf': WARNING,
      'proj/b/.kalint.json': JSON.stringify({ rules: { 'extra-arguments': 'off' } }),
      'proj/b/keepalived.conf': WARNING,
    });
    const r = kalint(['lint', '-f', 'gnu', 'proj']);
    expect(r.stdout).toBe("proj/a/keepalived.conf:2:19: error: 'router_id' takes one argument; keepalived ignores 'lb2' [KA204]\n");
    expect(r.code).toBe(1);
    expect(kalint(['lint', '-f', 'gnu', '--rule', 'KA204=off', 'proj']).stdout).toBe('');
  });

  it('applies targetVersion, configIds and pathMappings (relative to the config file)', () => {
    write({
      'tv/.kalint.json': JSON.stringify({ targetVersion: '2.3.0', configIds: ['lb1'], pathMappings: { '/etc/keepalived': 'deploy' } }),
      'tv/keepalived.conf': 'global_defs {\n    router_id lb1\n    use_symlink_paths\n@lb2 routr_id x\n}\ninclude /etc/keepalived/conf.d/extra.conf\n',
      'tv/deploy/conf.d/extra.conf': 'global_defs {\n    router_id lb1 lb2\n}\n',
    });
    const r = kalint(['lint', '-f', 'gnu', 'tv/keepalived.conf']);
    // use_symlink_paths exists in 2.3.0; the @lb2 line is inactive for lb1; the include is read from deploy/.
    // (The included global_defs repeats router_id: information only, as it comes from another file.)
    expect(r.stdout).toBe(
      "tv/deploy/conf.d/extra.conf:2:5: note: 'router_id' is given again in 'global_defs' with the same value (lb1) as on tv/keepalived.conf:2; the repetition does nothing [KA211]\n" +
        'tv/keepalived.conf:2:5: note: first set here\n' +
        "tv/deploy/conf.d/extra.conf:2:19: warning: 'router_id' takes one argument; keepalived ignores 'lb2' [KA204]\n",
    );
    expect(codes(kalint(['lint', '-f', 'gnu', '--target-version', '2.2.7', 'tv/keepalived.conf']).stdout)).toContain('KA207');
  });

  it('a target older or newer than the releases kalint knows is named once on stderr, and only then', () => {
    write({ 'old/a.conf': CLEAN, 'old/b.conf': CLEAN, 'old2/.kalint.json': JSON.stringify({ targetVersion: '1.2.24' }), 'old2/c.conf': CLEAN });
    const older = kalint(['lint', '--target-version', '1.2.24', 'old/a.conf', 'old/b.conf']);
    expect(older.code).toBe(0);
    expect(older.stderr.match(/kalint: note: keepalived 1\.2\.24 is older than 1\.3\.0/g)).toHaveLength(1);
    // From .kalint.json as from the command line.
    expect(kalint(['lint', 'old2/c.conf']).stderr).toContain('keepalived 1.2.24 is older than 1.3.0');
    expect(kalint(['lint', '--target-version', '2.5.0', 'old/a.conf']).stderr).toContain('keepalived 2.5.0 is newer than 2.4.3');
    for (const known of ['1.3.0', '1.3.5', '2.2.7', '2.4.3']) expect(kalint(['lint', '--target-version', known, 'old/a.conf']).stderr).toBe('');
    // An empty value (`--target-version "$UNSET"` in CI) is refused, as --config-id '' is.
    expect(kalint(['lint', '--target-version', '', 'old/a.conf'])).toMatchObject({ code: 2, stderr: expect.stringContaining("invalid --target-version ''") });
    expect(kalint(['peer', '--target-version', '', 'old/a.conf'])).toMatchObject({ code: 2, stderr: expect.stringContaining("invalid --target-version ''") });
  });

  it('an invalid config stops the run with exit 2 and names the file', () => {
    write({ 'bad/.kalint.json': '{ "rules": { "KA204": "warn" }, "colour": true }', 'bad/keepalived.conf': CLEAN });
    const r = kalint(['lint', 'bad/keepalived.conf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(join(dir, 'bad/.kalint.json'));
    expect(r.stderr).toContain('/rules/KA204: severity must be one of off, info, warning, error');
    expect(r.stderr).toContain('/colour: unknown setting');
    expect(r.stdout).toBe('');
    // Other commands that read .kalint.json report it the same way, without a stack trace.
    const fmt = kalint(['fmt', 'bad/keepalived.conf']);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain('/rules/KA204: severity must be one of');
    expect(fmt.stderr).not.toContain('internal error');
  });
});

describe('one file included under two names', () => {
  // Found with the include fuzzer: `include /abs/dir/x.conf` and `include x*.conf` read one file twice, under an
  // absolute and a relative name; kalint showed each of its findings twice, on the same line.
  it('shows each finding of it once', () => {
    const twice = join(dir, 'twice');
    write({ 'twice/keepalived.conf': `include ${twice}/part.conf\ninclude par*.conf\n`, 'twice/part.conf': 'global_defs {\n    routr_id lb1\n}\n' });
    const out = kalint(['lint', '--format', 'gnu', 'keepalived.conf'], twice).stdout.trim().split('\n');
    expect(out.filter((l) => l.includes('KA201'))).toEqual(["part.conf:2:5: error: Unknown keyword 'routr_id' in 'global_defs'; did you mean 'router_id'? [KA201]"]);
  });
});

describe('formats', () => {
  it('sarif, json, github, checkstyle and gnu report the same findings', () => {
    write({ 'fmt/k.conf': 'global_defs {\n    router_id lb1 lb2\n    routr_id x\n}\n' });
    const sarif = JSON.parse(kalint(['lint', '-f', 'sarif', 'fmt/k.conf']).stdout);
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['KA204', 'KA201']);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('fmt/k.conf');
    const json = JSON.parse(kalint(['lint', '-f', 'json', 'fmt/k.conf']).stdout);
    expect(json.map((d: { code: string }) => d.code)).toEqual(['KA204', 'KA201']);
    expect(kalint(['lint', '-f', 'github', 'fmt/k.conf']).stdout.split('\n')[1]).toMatch(/^::error file=fmt\/k\.conf,line=3,col=5,endLine=3,endColumn=13,title=KA201::Unknown keyword/);
    expect(kalint(['lint', '-f', 'checkstyle', 'fmt/k.conf']).stdout).toContain('<error line="3" column="5" severity="error"');
    expect(codes(kalint(['lint', '-f', 'gnu', 'fmt/k.conf']).stdout)).toEqual(['KA204', 'KA201']);
  });

  it('-o writes the report to a file', () => {
    write({ 'fmt/o.conf': ERROR });
    const r = kalint(['lint', '-f', 'sarif', '-o', 'fmt/out.sarif', 'fmt/o.conf']);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(JSON.parse(readFileSync(join(dir, 'fmt/out.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('-o never overwrites a config the run reads, and says why a write failed', () => {
    write({ 'out/k.conf': 'include inc.conf\n' + ERROR, 'out/inc.conf': CLEAN });
    expect(kalint(['lint', '-o', '', 'out/k.conf'])).toMatchObject({ code: 2, stdout: '', stderr: "kalint: -o needs a file name\nRun 'kalint lint --help' for its options.\n" });
    symlinkSync('k.conf', join(dir, 'out/alias.conf'));
    // The linted file, a link to it, and a file it includes: exit 2, every config as it was.
    for (const target of ['out/k.conf', 'out/alias.conf', './out/../out/inc.conf']) {
      const r = kalint(['lint', '-f', 'json', '-o', target, 'out/k.conf']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/a config this run reads: the report never overwrites a config\n$/);
    }
    expect(readFileSync(join(dir, 'out/k.conf'), 'utf8')).toBe('include inc.conf\n' + ERROR);
    expect(readFileSync(join(dir, 'out/inc.conf'), 'utf8')).toBe(CLEAN);
    // A directory is a message, not a stack trace; a missing folder is made (reports/ in CI).
    mkdirSync(join(dir, 'out/adir'), { recursive: true });
    expect(kalint(['lint', '-o', 'out/adir', 'out/k.conf'])).toMatchObject({ code: 2, stdout: '', stderr: 'kalint: out/adir: cannot write: it is a directory\n' });
    expect(kalint(['lint', '-f', 'gnu', '-o', 'out/reports/kalint.txt', 'out/k.conf'])).toMatchObject({ code: 1, stdout: '', stderr: '' });
    expect(codes(readFileSync(join(dir, 'out/reports/kalint.txt'), 'utf8'))).toEqual(['KA201']);
    // /dev/stdout is written to as a redirection would be (here a pipe: node's own stdio is a socket, which /dev/stdout cannot open).
    const piped = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" lint -f gnu -o /dev/stdout out/k.conf | cat`], { cwd: dir, encoding: 'utf8' });
    expect(codes(piped.stdout)).toEqual(['KA201']);
  });

  it('stylish is coloured only when asked', () => {
    write({ 'fmt/c.conf': ERROR });
    expect(kalint(['lint', 'fmt/c.conf']).stdout).not.toContain('\x1b[');
    expect(kalint(['lint', '--color', 'fmt/c.conf']).stdout).toContain('\x1b[31m');
    // FORCE_COLOR as node and chalk read it: colour in a pipe (a CI log), winning over NO_COLOR; 0 turns it off.
    const withEnv = (env: Record<string, string>, args: string[] = []) => {
      const base = { ...process.env };
      delete base.NO_COLOR;
      delete base.FORCE_COLOR;
      return spawnSync(process.execPath, [bin, 'lint', ...args, 'fmt/c.conf'], { cwd: dir, encoding: 'utf8', env: { ...base, ...env } }).stdout;
    };
    expect(withEnv({ FORCE_COLOR: '1' })).toContain('\x1b[31m');
    expect(withEnv({ FORCE_COLOR: '1', NO_COLOR: '1' })).toContain('\x1b[31m');
    expect(withEnv({ FORCE_COLOR: '0' })).not.toContain('\x1b[');
    expect(withEnv({ FORCE_COLOR: '1' }, ['--no-color'])).not.toContain('\x1b[');
    expect(colourByEnvironment({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colourByEnvironment({ FORCE_COLOR: 'false' }, true)).toBe(false);
    expect(colourByEnvironment({ FORCE_COLOR: '' }, false)).toBe(true);
    expect(colourByEnvironment({}, true)).toBe(true);
    expect(colourByEnvironment({ NO_COLOR: '1' }, true)).toBe(false);
    // A dumb terminal shows escape codes as text; FORCE_COLOR still wins.
    expect(colourByEnvironment({ TERM: 'dumb' }, true)).toBe(false);
    expect(colourByEnvironment({ TERM: 'dumb', FORCE_COLOR: '1' }, true)).toBe(true);
    expect(colourByEnvironment({ TERM: 'xterm-256color' }, true)).toBe(true);
  });

  it("'-' lints standard input, named by --stdin-filename, with includes and .kalint.json from its folder", () => {
    expect(kalint(['lint', '-f', 'gnu', '-'], dir, ERROR)).toMatchObject({ code: 1, stdout: '<stdin>:2:5: error: ' + "Unknown keyword 'routr_id' in 'global_defs'; did you mean 'router_id'? [KA201]\n" });
    write({ 'stdin/.kalint.json': '{ "rules": { "KA201": "warning" } }', 'stdin/inc/part.conf': WARNING });
    const r = kalint(['lint', '-f', 'gnu', '--stdin-filename', 'stdin/main.conf', '-'], dir, `${ERROR}include inc/part.conf\n`);
    expect(r.code).toBe(0);
    expect(codes(r.stdout)).toEqual(['KA204', 'KA201']);
    expect(r.stdout).toContain('stdin/main.conf:2:5: warning');
    expect(r.stdout).toContain('stdin/inc/part.conf:2:');
  });

  it('--fix applies the safe fixes in place (until none applies), keeps permissions, and reports what is left', () => {
    const text = [
      'global_defs {',
      '    lvs_id lb1',
      '}',
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 51',
      '    priority\u00a0100',
      '    prompte_secondaries',
      '    authentication {',
      '        auth_type PASS',
      '        auth_pass 0123456789',
      '    }',
      '    virtual_ipaddress {',
      '        10.0.0.1/24',
      '    }',
      '}',
      'virtual_server 10.0.0.1 80 {',
      '    protocol TCP',
      '    real_server 10.0.1.1 80 {',
      '        TCP_CHECK{',
      '            connect_timeout 3',
      '        }',
      '    }',
      '}',
      '',
    ].join('\n');
    write({ 'fix/k.conf': text });
    chmodSync(join(dir, 'fix/k.conf'), 0o640);
    const r = kalint(['lint', '--fix', '-f', 'gnu', 'fix/k.conf']);
    const after = readFileSync(join(dir, 'fix/k.conf'), 'utf8');
    // Safe: the rename, the no-break space, the truncated password, the glued brace.
    expect(after).toBe(text.replace('lvs_id', 'router_id').replace('\u00a0', ' ').replace('0123456789', '01234567').replace('TCP_CHECK{', 'TCP_CHECK {'));
    expect(statSync(join(dir, 'fix/k.conf')).mode & 0o777).toBe(0o640);
    // A suggestion (did you mean) is left to the user, and reported.
    expect(codes(r.stdout)).toContain('KA201');
    expect(r.stdout).toContain("prompte_secondaries");
    expect(r.stderr).toMatch(/applied \d+ fix/);
    // Each fix is named with the place and the finding it came from, so the user can review it.
    expect(r.stderr).toContain("kalint: fixed fix/k.conf:2:5: Replace with 'router_id' (KA201)\n");
    expect(r.stderr).toContain("kalint: fixed fix/k.conf:11:19: Truncate to '01234567' (KA302)\n");
    expect(kalint(['lint', '--fix', '-'], dir, 'x\n')).toMatchObject({ code: 2 });
  });

  it('--fix says once what the first pass said on stderr, not again in its reruns', () => {
    write({ 'fixonce/keepalived.conf': 'global_defs {\n    lvs_id lb1\n}\n', 'fixonce/keepalived.conf.j2': 'global_defs {\n    router_id {{ id }}\n}\n' });
    const r = kalint(['lint', '--fix', '--target-version', '2.5.0', 'fixonce', 'fixonce/missing.conf']);
    expect(r.code).toBe(2);
    for (const said of ['kalint: fixonce/missing.conf: no such file or directory\n', 'kalint: left out 1 template', 'is newer than 2.4.3']) {
      expect(r.stderr.split(said).length - 1, said).toBe(1);
    }
    expect(r.stderr).toContain("kalint: fixed fixonce/keepalived.conf:2:5: Replace with 'router_id' (KA201)\n");
  });

  it('--fix-dry-run prints what --fix would write as a diff, writes nothing, and exits 1 (0 when nothing is fixable)', () => {
    const text = 'global_defs {\n    lvs_id lb1\n}\nvrrp_instance VI_1 {\n    authentication {\n        auth_pass 0123456789\n    }\n}\nvirtual_server 10.0.0.1 80 {\n    real_server 10.0.1.1 80 {\n        TCP_CHECK{\n            nb_get_retry 3\n        }\n    }\n}\n';
    write({ 'dry/k.conf': text, 'dry/fixed.conf': text });
    const r = kalint(['lint', '--fix-dry-run', 'dry/k.conf']);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'dry/k.conf'), 'utf8')).toBe(text);
    expect(r.stderr).toContain("kalint: would fix dry/k.conf:2:5: Replace with 'router_id' (KA201)\n");
    // The diff, applied, gives what --fix writes.
    kalint(['lint', '--fix', 'dry/fixed.conf']);
    const fixed = readFileSync(join(dir, 'dry/fixed.conf'), 'utf8');
    expect(fixed).not.toBe(text);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual(['--- a/dry/k.conf', '+++ b/dry/k.conf']);
    let patched = text;
    for (const hunk of r.stdout.split(/^@@.*@@$/m).slice(1)) {
      const body = hunk.split('\n').slice(1).filter((l) => /^[-+ ]/.test(l));
      const from = body.filter((l) => !l.startsWith('+')).map((l) => l.slice(1)).join('\n');
      const to = body.filter((l) => !l.startsWith('-')).map((l) => l.slice(1)).join('\n');
      expect(patched).toContain(from);
      patched = patched.replace(from, to);
    }
    expect(patched).toBe(fixed);
    // -o puts the same diff in a file.
    expect(kalint(['lint', '--fix-dry-run', '-o', 'dry/fixes.patch', 'dry/k.conf'])).toMatchObject({ code: 1, stdout: '' });
    expect(readFileSync(join(dir, 'dry/fixes.patch'), 'utf8')).toBe(r.stdout);
    expect(kalint(['lint', '--fix-dry-run', 'dry/fixed.conf'])).toMatchObject({ code: 0, stdout: '' });
    expect(kalint(['lint', '--fix-dry-run', '--fix', 'dry/k.conf']).code).toBe(2);
    expect(kalint(['lint', '--fix-dry-run', '-'], dir, 'x\n').code).toBe(2);
  });

  it('stylish prints the quick fix under a finding that has one', () => {
    write({ 'fmt/fix.conf': 'vrrp_instance VI_1 {\n    prompte_secondaries\n}\n' });
    expect(kalint(['lint', 'fmt/fix.conf']).stdout).toMatch(/KA201\n {20}suggestion: Replace with 'promote_secondaries'\n/);
    write({ 'fmt/fix2.conf': 'global_defs {\n    lvs_id lb1\n}\n' });
    expect(kalint(['lint', 'fmt/fix2.conf']).stdout).toMatch(/KA201\n {20}fix: Replace with 'router_id'\n/);
  });
});

describe('ignorePatterns', () => {
  it('leave files out of directory searches and globs, not files named one by one', () => {
    write({ 'ign/.kalint.json': '{ "ignorePatterns": ["examples/", "*.old.conf"] }', 'ign/examples/keepalived.conf': ERROR, 'ign/deploy/keepalived.conf': CLEAN, 'ign/deploy/keepalived.old.conf': ERROR, 'ign/examples/unformatted.conf': 'global_defs {\nrouter_id lb1\n}\n' });
    expect(kalint(['lint', '--format', 'gnu', 'ign']).stdout).toBe('');
    expect(kalint(['lint', '--format', 'gnu', 'ign/*/*.conf']).stdout).toBe('');
    expect(codes(kalint(['lint', '--format', 'gnu', 'ign/examples/keepalived.conf']).stdout)).toEqual(['KA201']);
    expect(kalint(['fmt', '--check', 'ign']).code).toBe(0);
    expect(kalint(['fmt', '--check', 'ign/examples/unformatted.conf']).code).toBe(1);
  });

  it('a ! pattern re-includes a file, a trailing / matches folders only, [...] is a class, as in .gitignore', () => {
    write({
      'ign2/.kalint.json': '{ "ignorePatterns": ["nodes/*", "!nodes/keepalived.conf", "keepalived.conf/", "[o]ld/"] }',
      'ign2/nodes/keepalived.conf': ERROR,
      'ign2/nodes/keepalived-old.conf': ERROR,
      'ign2/old/keepalived.conf': ERROR,
      'ign2/keepalived.conf': WARNING,
    });
    const r = kalint(['lint', '--format', 'gnu', 'ign2']);
    expect(r.stdout.trim().split('\n').map((l) => l.replace(/:.*\[/, ' ['))).toEqual(['ign2/keepalived.conf [KA204]', 'ign2/nodes/keepalived.conf [KA201]']);
    expect(r.code).toBe(1);
    write({ 'ign3/.kalint.json': '{ "ignorePatterns": ["#old"] }', 'ign3/keepalived.conf': CLEAN });
    expect(kalint(['lint', 'ign3'])).toMatchObject({ code: 2, stderr: expect.stringContaining(`/ignorePatterns/0: "#old": a pattern starting with '#' is a comment`) });
  });
});

describe('file modes', () => {
  it('an executable config is reported (keepalived skips it), except at mode 0777, which file systems without modes show', () => {
    write({ 'modes/keepalived.conf': CLEAN });
    const file = join(dir, 'modes/keepalived.conf');
    chmodSync(file, 0o755);
    expect(codes(kalint(['lint', '--format', 'gnu', 'modes/keepalived.conf']).stdout)).toEqual(['KA110']);
    chmodSync(file, 0o777);
    expect(kalint(['lint', '--format', 'gnu', 'modes/keepalived.conf']).stdout).toBe('');
    chmodSync(file, 0o644);
    expect(kalint(['lint', '--format', 'gnu', 'modes/keepalived.conf']).stdout).toBe('');
  });

  it('an included pipe or device is one keepalived skips, not a missing file', () => {
    write({ 'modes/special.conf': 'include pipes/*.conf\ninclude /dev/null\n' });
    mkdirSync(join(dir, 'modes/pipes'), { recursive: true });
    spawnSync('mkfifo', [join(dir, 'modes/pipes/p.conf')]);
    const out = kalint(['lint', '--format', 'gnu', 'modes/special.conf']).stdout.trim().split('\n');
    expect(out).toEqual([
      `modes/special.conf:1:9: warning: include 'modes/pipes/p.conf' is not a regular file (a device, a pipe or a socket), which keepalived skips (keepalived: "is not a regular non-executable file - skipping") [KA110]`,
      `modes/special.conf:2:9: warning: include '/dev/null' is not a regular file (a device, a pipe or a socket), which keepalived skips (keepalived: "is not a regular non-executable file - skipping") [KA110]`,
    ]);
  });
});

describe('pipes', () => {
  // `kalint lint <(ssh lb1 cat /etc/keepalived/keepalived.conf)`: the shell hands over a pipe, readable once.
  const viaShell = (command: string) => {
    const r = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', KALINT: bin, NODE: process.execPath } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('a pipe named on the command line is linted (twice read: as a node of a cluster too), and never written', () => {
    write({ 'pipes/err.conf': ERROR, 'pipes/warn.conf': WARNING });
    const lint = viaShell('"$NODE" "$KALINT" lint --format gnu <(cat pipes/err.conf)');
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/^\/dev\/fd\/\d+:2:5: error: Unknown keyword 'routr_id'/);
    expect(viaShell('"$NODE" "$KALINT" lint --format gnu --cluster <(cat pipes/warn.conf) <(cat pipes/warn.conf)').stdout).toMatch(/KA204[\s\S]*KA204/);
    const fix = viaShell('"$NODE" "$KALINT" lint --fix <(cat pipes/err.conf)');
    expect(fix.code).toBe(2);
    expect(fix.stderr).toMatch(/^kalint: --fix rewrites files: \/dev\/fd\/\d+ is a pipe\n/);
    const check = viaShell('"$NODE" "$KALINT" fmt --check <(printf "global_defs {\\nrouter_id a\\n}\\n")');
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^\/dev\/fd\/\d+\n$/);
    const fmtWrite = viaShell('"$NODE" "$KALINT" fmt --write <(printf "global_defs {\\nrouter_id a\\n}\\n")');
    expect(fmtWrite.code).toBe(2);
    expect(fmtWrite.stderr).toMatch(/a pipe: the formatted text cannot be written back/);
  });
});

describe('directory search', () => {
  // Real repositories hold scripts, units, notes and archives named for keepalived; two markdown notes
  // with config excerpts were even auto-paired as a cluster. Node files named a, b, c still count.
  it('takes files named for keepalived as configs, unless their names end as another format', () => {
    write({
      'named/keepalived.conf': 'global_defs {\n    lvs_id lb1\n}\n',
      'named/keepalived.conf.a': 'global_defs {\n    lvs_id lb1\n}\n',
      'named/check_keepalived.sh': '#!/bin/sh\nvrrp_instance=1\n',
      'named/Nginx + Keepalived.md': '# notes\n\nvrrp_instance VI_1 {\n    state MASTER\n}\n',
      'named/keepalived.service': '[Unit]\nDescription=keepalived\n',
      'named/keepalived.conf.in': 'global_defs {\n    router_id @ID@\n}\n',
    });
    const r = kalint(['lint', '--format', 'json', 'named']);
    const files = [...new Set((JSON.parse(r.stdout) as { file: string }[]).map((d) => d.file))];
    expect(files.map((f) => f.replace(/^.*named\//, '')).sort()).toEqual(['keepalived.conf', 'keepalived.conf.a']);
    // Named on the command line, a file is linted whatever its name.
    expect(kalint(['lint', '--format', 'gnu', 'named/keepalived.service']).stdout).not.toBe('');
  });

  // Repositories keep copies of keepalived's manual: rendered (keepalived.conf.man), as roff source
  // (man5/keepalived.conf.5), even saved as keepalived.conf. keepalived would read one as a config of
  // unknown words, and the rendered page's ~SEQ example expands to a million lines (32 s to lint).
  it('leaves manual pages out, rendered or as roff source, whatever their names', () => {
    const rendered = "keepalived.conf(5)        Keepalived Configuration's Manual        keepalived.conf(5)\n\nNAME\n       keepalived.conf - configuration file\n\n       global_defs {\n";
    const roff = '.TH KEEPALIVED.CONF 5 "Jan 2004" V1.0\n.SH NAME\nkeepalived.conf - configuration file\nvrrp_instance VI_1 {\n';
    write({
      'manuals/keepalived.conf.man': rendered,
      'manuals/doc/keepalived.conf': rendered,
      'manuals/man5/keepalived.conf.5': roff,
      'manuals/notes.conf': roff,
      'manuals/lb1.conf': 'global_defs {\n    lvs_id lb1\n}\n',
    });
    const files = (JSON.parse(kalint(['lint', '--format', 'json', 'manuals']).stdout) as { file: string }[]).map((d) => d.file.replace(/^.*manuals\//, ''));
    expect([...new Set(files)]).toEqual(['lb1.conf']);
    expect(kalint(['lint', '--format', 'gnu', 'manuals/doc/keepalived.conf']).stdout).toContain('KA201');
  });

  it('finds a config saved as UTF-16 by its words, and --fix writes it as UTF-8', () => {
    const text = 'vrrp_instance VI_1 {\n    interface eth0\n}\n';
    mkdirSync(join(dir, 'utf16'), { recursive: true });
    writeFileSync(join(dir, 'utf16/lb.conf'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(codes(kalint(['lint', '--format', 'gnu', '--rule', 'KA201=off', 'utf16']).stdout)).toEqual(['KA117']);
    expect(kalint(['fmt', '--write', 'utf16/lb.conf']).code).toBe(2);
    kalint(['lint', '--fix', 'utf16']);
    expect(readFileSync(join(dir, 'utf16/lb.conf'), 'utf8')).toBe(text);
  });
});

describe('templates (KA108)', () => {
  const TEMPLATE = 'vrrp_instance {{ name }} {\n  state {{ state }}\n  priority {% if master %}150{% else %}100{% endif %}\n}\n';

  it('a directory search leaves templates out and says so; a template named on the command line is one finding', () => {
    write({ 'tpl/roles/templates/keepalived.conf.j2': TEMPLATE, 'tpl/roles/files/other.conf.tmpl': 'global_defs {\n  router_id {{ id }}\n}\n', 'tpl/lb1.conf': CLEAN });
    const searched = kalint(['lint', '--format', 'gnu', 'tpl']);
    expect(searched.code).toBe(0);
    expect(searched.stdout).toBe('');
    expect(searched.stderr).toContain('left out 2 templates (tpl/roles/files/other.conf.tmpl, tpl/roles/templates/keepalived.conf.j2)');
    const named = kalint(['lint', '--format', 'gnu', 'tpl/roles/templates/keepalived.conf.j2']);
    expect(named.code).toBe(1);
    expect(codes(named.stdout)).toEqual(['KA108']);
    expect(named.stdout).toContain('keepalived.conf.j2:1:15: error: this is a Jinja or Go template ({{ name }} on line 1)');
  });

  it('a template with a keepalived name is no cluster node', () => {
    write({ 'tpl2/keepalived.conf': TEMPLATE.replace('{{ name }}', 'VI_1'), 'tpl2/lb.conf': 'vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 5\n  priority 100\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n' });
    const r = kalint(['lint', '--format', 'gnu', 'tpl2']);
    expect(codes(r.stdout).filter((c) => c.startsWith('KA4'))).toEqual([]);
    expect(codes(r.stdout)).toContain('KA108');
  });

  // A shell template with '@id' lines (found in a harvested repository): its ids are no cluster of
  // their own, since what each host reads is the rendered file; their analyses are templates too.
  it('a template with @id lines is no cluster of its ids, with or without --cluster', () => {
    // (An `interface ${INTERFACE:-eth0}` line would end the instance at its braces, before its VRID: keepalived then
    // refuses the VRRP configuration, and no id is a node to pair.)
    const tpl = 'vrrp_instance VI_2 {\n  interface eth0\n  virtual_router_id 51\n@main priority ${PRIORITY:-200}\n@backup priority ${PRIORITY_BACKUP:-180}\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n';
    write({ 'tpl3/keepalived.conf': tpl, 'tpl3/lb.conf': 'vrrp_instance VI_2 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n' });
    for (const args of [['tpl3/keepalived.conf'], ['tpl3'], ['--cluster', 'tpl3/keepalived.conf', 'tpl3/lb.conf']]) {
      const r = kalint(['lint', '--format', 'gnu', '--rule', 'KA601=off', ...args]);
      expect(codes(r.stdout)).toEqual(['KA108']);
    }
    // With KA108 off the template is read as a config, and its ids are nodes again.
    expect(codes(kalint(['lint', '--format', 'gnu', '--rule', 'KA108=off', 'tpl3/keepalived.conf']).stdout)).toContain('KA406');
  });
});

describe('kalint explain', () => {
  it('prints a rule by code or name', () => {
    const byCode = kalint(['explain', 'KA204']);
    expect(byCode.code).toBe(0);
    for (const part of ['KA204 extra-arguments', 'Severity: warning', 'Schema (KA2xx)', 'Why:', 'Bad:', 'Good:', 'router_id lb1 lb2']) expect(byCode.stdout).toContain(part);
    expect(kalint(['explain', 'extra-arguments']).stdout).toBe(byCode.stdout);
    expect(kalint(['explain', 'ka204']).stdout).toBe(byCode.stdout);
  });

  it('--list lists every rule; an unknown rule is a usage error', () => {
    const list = kalint(['explain', '--list']);
    expect(list.stdout).toMatch(/^KA000 +error +internal-error/);
    expect(list.stdout).toMatch(/\nKA201 +error +unknown-keyword +A keyword keepalived does not know\n/);
    const unknown = kalint(['explain', 'KA999']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown rule 'KA999'");
    // A name written with '_' or in capitals is the rule; a misspelt one is guessed.
    expect(kalint(['explain', 'unknown_keyword']).stdout).toMatch(/^KA201 unknown-keyword\n/);
    expect(kalint(['explain', 'unknwn-keyword']).stderr).toContain('did you mean KA201 unknown-keyword');
  });
});

describe('code cache (dist/kalint.cache, see bin/kalint.js)', () => {
  it('is written by the build and names the bundle it was made from', () => {
    const bundle = readFileSync(join(repo, 'dist/kalint.js'));
    const cache = readFileSync(join(repo, 'dist/kalint.cache'));
    expect(cache.subarray(0, 20).equals(createHash('sha1').update(bundle).digest())).toBe(true);
    expect(cache.length).toBeGreaterThan(100_000);
  });

  it('is ignored when it names another bundle or holds no code, and the lint is the same', () => {
    // A copy of the install: bin/ and dist/ side by side, with a cache of each bad kind.
    const copy = join(dir, 'install');
    mkdirSync(join(copy, 'bin'), { recursive: true });
    mkdirSync(join(copy, 'dist'), { recursive: true });
    writeFileSync(join(copy, 'bin/kalint.js'), readFileSync(bin));
    const bundle = readFileSync(join(repo, 'dist/kalint.js'));
    writeFileSync(join(copy, 'dist/kalint.js'), bundle);
    write({ 'cache/err.conf': ERROR + WARNING });
    const expected = kalint(['lint', '--format', 'gnu', 'cache/err.conf']);
    expect(codes(expected.stdout)).toEqual(['KA201', 'KA204']);
    const real = readFileSync(join(repo, 'dist/kalint.cache'));
    const otherBundle = Buffer.concat([Buffer.alloc(20, 7), real.subarray(20)]);
    const noCode = Buffer.concat([createHash('sha1').update(bundle).digest(), Buffer.from('not a code cache')]);
    for (const cache of [otherBundle, noCode, undefined]) {
      if (cache) writeFileSync(join(copy, 'dist/kalint.cache'), cache);
      else rmSync(join(copy, 'dist/kalint.cache'), { force: true });
      const r = spawnSync(process.execPath, [join(copy, 'bin/kalint.js'), 'lint', '--format', 'gnu', 'cache/err.conf'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual(expected);
    }
  });
});

describe('the process heap (bin/kalint.js)', () => {
  // V8 doubles the young generation up to two 16 MB semi-spaces while a large config's tree is built: a fifth of
  // the process's peak for no speed. kalint keeps it at its first size (this V8 knows the flag).
  it('keeps the young generation at its first size through the lint of a 1 MB config', async () => {
    const { generateConfig } = await import('../scripts/gen-config.js');
    write({ 'heap/keepalived.conf': generateConfig({ targetBytes: 1_000_000, seed: 7 }).text });
    const preload = join(dir, 'heap/young.cjs');
    writeFileSync(preload, "process.on('exit', () => process.stderr.write('young ' + require('v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size + '\\n'));\n");
    const r = spawnSync(process.execPath, ['-r', preload, bin, 'lint', 'heap/keepalived.conf'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    const young = Number(/young (\d+)/.exec(r.stderr)?.[1]);
    // Two 1 MB semi-spaces; left to grow, this lint ends with 32 MB.
    expect(young).toBeGreaterThan(0);
    expect(young).toBeLessThanOrEqual(2 * 1024 * 1024);
  });
});

describe('standard output that cannot be written', () => {
  // `kalint lint -f sarif . > report.sarif` on a full disk: node's error with a stack trace and exit 1 read as findings.
  it.skipIf(!existsSync('/dev/full'))('says so, exit 2, no stack trace, for every command', () => {
    write({ 'full/keepalived.conf': 'global_defs {\n  routr_id lb1\n}\n' }); // an error, not formatted
    const fd = openSync('/dev/full', 'w');
    try {
      for (const args of [['--version'], ['--help'], ['explain', 'KA201'], ['explain', '--list'], ['lint', 'full'], ['lint', '-q', '-f', 'sarif', 'full'], ['fmt', '--check', 'full'], ['fmt', 'full/keepalived.conf'], ['peer', 'full/keepalived.conf']]) {
        const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        if (args[0] === 'peer') {
          // peer refuses this file before it writes anything (no vrrp_instance).
          expect(r.status).toBe(1);
          continue;
        }
        expect({ args, code: r.status, stderr: r.stderr }).toEqual({ args, code: 2, stderr: 'kalint: cannot write the report: no space left on device\n' });
      }
    } finally {
      closeSync(fd);
    }
  });
});
