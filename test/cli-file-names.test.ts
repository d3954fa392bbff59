// File names are bytes. A name that is not UTF-8 (a Latin-1 `sécurité.conf`, or an include written in a Latin-1
// config) must be found, read, reported and written back under its own bytes, as keepalived reads it.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepalivedAvailable } from './helpers/keepalived.js';

const repo = join(__dirname, '..');
const bin = join(repo, 'bin/kalint.js');
let dir: string;

/** `dir`/`name`, where `name` is given as bytes (latin1: one char per byte). */
function bytePath(name: string): Buffer {
  return Buffer.concat([Buffer.from(dir + '/'), Buffer.from(name, 'latin1')]);
}

function kalint(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

const INCLUDED = 'global_defs {\n    router_id lb1 lb2\n}\n'; // KA204 on line 2
const NODE = 'vrrp_instance VI_1 {\n     state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 300\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n';

beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  dir = mkdtempSync(join(tmpdir(), 'kalint-names-'));
  mkdirSync(join(dir, 'inc'));
  mkdirSync(join(dir, 'nodes'));
  writeFileSync(bytePath('inc/s\xe9c.conf'), INCLUDED);
  // A Latin-1 config naming the file by its bytes, and by a glob.
  writeFileSync(join(dir, 'main.conf'), Buffer.from(`# caf\xe9\ninclude ${dir}/inc/s\xe9c.conf\ninclude ${dir}/inc/s*c.conf\n`, 'latin1'));
  writeFileSync(bytePath('nodes/n\xf6de.conf'), NODE);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('file names that are not UTF-8', () => {
  it('reads an include named in Latin-1 bytes, directly and through a glob, as keepalived does', () => {
    const r = kalint(['lint', '--format', 'gnu', 'main.conf']);
    expect(r.stderr).toBe('');
    const lines = r.stdout.toString('utf8').trim().split('\n');
    // No KA110 ("file not found"): the file is read twice (named, then matched), each time with its finding.
    expect(lines.filter((l) => l.includes('KA110'))).toEqual([]);
    expect(lines.filter((l) => l.includes('[KA204]'))).toEqual([`inc/s\\xe9c.conf:2:19: warning: ${lines.find((l) => l.includes('[KA204]'))!.split(': warning: ')[1]}`]);
    expect(lines.some((l) => l.includes('[KA211]'))).toBe(true);
    if (keepalivedAvailable()) {
      const ka = spawnSync('keepalived', ['-t', '-f', join(dir, 'main.conf'), '-l', '-D', '-i', 'kalint'], { encoding: 'utf8' });
      expect(ka.stderr + ka.stdout).not.toMatch(/Config files missing/);
    }
  });

  it('finds such a file in a directory search and reports it under its name in every format', () => {
    const gnu = kalint(['lint', '--format', 'gnu', 'nodes']);
    expect(gnu.stdout.toString('utf8')).toContain('nodes/n\\xf6de.conf:5:');
    const json = JSON.parse(kalint(['lint', '--format', 'json', 'nodes']).stdout.toString('utf8')) as { file: string }[];
    // The name's bytes as escapes (Python's surrogateescape reads them back to the bytes).
    expect(new Set(json.map((d) => d.file))).toEqual(new Set(['nodes/n\udcf6de.conf']));
    const sarif = JSON.parse(kalint(['lint', '--format', 'sarif', 'nodes']).stdout.toString('utf8'));
    const uris = new Set(sarif.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri));
    expect(uris).toEqual(new Set(['nodes/n%F6de.conf']));
    const stylish = kalint(['lint', 'nodes']).stdout.toString('utf8');
    expect(stylish).toContain('nodes/n\\xf6de.conf\n');
    expect(stylish).not.toContain('\ufffd');
    // Checkstyle too: XML cannot carry the escapes, so the name is shown before it is escaped for XML.
    const checkstyle = kalint(['lint', '--format', 'checkstyle', 'nodes']).stdout.toString('utf8');
    expect(checkstyle).toContain('<file name="nodes/n\\xf6de.conf">');
  });

  it('labels a fix diff with the name\'s bytes, and --fix writes that file', () => {
    mkdirSync(join(dir, 'fix'));
    const glued = 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.0.2 80 {\n        TCP_CHECK{\n        }\n    }\n}\n';
    writeFileSync(bytePath('fix/gl\xfc.conf'), glued);
    const dry = kalint(['lint', '--fix-dry-run', 'fix']);
    const header = Buffer.from('--- a/fix/gl\xfc.conf\n+++ b/fix/gl\xfc.conf\n', 'latin1');
    expect(dry.stdout.subarray(0, header.length)).toEqual(header);
    expect(dry.stderr).toContain('would fix fix/gl\\xfc.conf:4:18');
    kalint(['lint', '--fix', 'fix']);
    expect(readdirSync(join(dir, 'fix'), { encoding: 'buffer' })).toEqual([Buffer.from('gl\xfc.conf', 'latin1')]);
    expect(readFileSync(bytePath('fix/gl\xfc.conf'), 'utf8')).toBe(glued.replace('TCP_CHECK{', 'TCP_CHECK {'));
  });

  it('says why such a name given as an argument names nothing, and how to reach the file', () => {
    // node decodes its arguments as UTF-8: the byte 0xf6 arrives as U+FFFD.
    const r = spawnSync(process.execPath, [bin, 'lint', Buffer.from('nodes/n\xf6de.conf', 'latin1').toString('utf8')], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`kalint: nodes/n\ufffdde.conf: no such file or directory (the name holds bytes that are not UTF-8, which reach kalint as '\ufffd': name its folder, or a pattern such as 'nodes/n*de.conf', instead)\n`);
    const peer = spawnSync(process.execPath, [bin, 'peer', 'nodes/n\ufffdde.conf'], { cwd: dir, encoding: 'utf8' });
    expect(peer.stderr).toContain('let the shell open it: kalint peer /dev/stdin < nodes/n*de.conf');
  });

  it('formats such a file in place, under the same name', () => {
    const check = kalint(['fmt', '--check', 'nodes']);
    expect(check.code).toBe(1);
    // The list gives the name as its bytes, for xargs.
    expect(check.stdout).toEqual(Buffer.from('nodes/n\xf6de.conf\n', 'latin1'));
    const write = kalint(['fmt', '--write', 'nodes']);
    expect(write.code).toBe(0);
    expect(write.stdout.toString('utf8')).toBe('formatted nodes/n\\xf6de.conf\n');
    expect(readdirSync(join(dir, 'nodes'), { encoding: 'buffer' })).toEqual([Buffer.from('n\xf6de.conf', 'latin1')]);
    expect(readFileSync(bytePath('nodes/n\xf6de.conf'), 'utf8')).toBe(NODE.replace('     state', '    state'));
  });
});
