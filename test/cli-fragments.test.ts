// Linting a folder such as /etc/keepalived: files that another linted file includes are reported
// through their includer (where the scripts they track are defined), not again on their own.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';

const repo = join(__dirname, '..');
const bin = join(repo, 'bin/kalint.js');
let dir: string;

beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  dir = mkdtempSync(join(tmpdir(), 'kalint-frag-'));
  mkdirSync(join(dir, 'conf.d'));
  writeFileSync(join(dir, 'keepalived.conf'), 'global_defs {\n    router_id lb1\n    enable_script_security\n    script_user root\n}\nvrrp_script chk_web {\n    script "/usr/bin/true"\n}\ninclude conf.d/*.conf\n');
  writeFileSync(
    join(dir, 'conf.d', 'vi.conf'),
    'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 150\n    virtual_ipaddress {\n        10.0.0.10/24\n    }\n    track_script {\n        chk_web\n    }\n    prioritty 5\n}\n',
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lint(args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8' });
  return (JSON.parse(r.stdout || '[]') as { file: string; line: number; code: string }[]).map((d) => `${d.file}:${d.line}:${d.code}`);
}

it('reports an included file once, in its includer’s context', () => {
  expect(lint(['.'])).toEqual(['conf.d/vi.conf:12:KA201']);
});

it('still lints a fragment on its own when it is named alone', () => {
  expect(lint(['conf.d/vi.conf'])).toEqual(['conf.d/vi.conf:10:KA315', 'conf.d/vi.conf:12:KA201']);
});

it('reads an absolute include that matches nothing here from beside the file, and says so', () => {
  // The Debian and RHEL habit: `include /etc/keepalived/conf.d/*.conf`, with conf.d beside the file in the repository.
  const abs = join(dir, 'absolute');
  mkdirSync(join(abs, 'conf.d'), { recursive: true });
  writeFileSync(join(abs, 'keepalived.conf'), readFileSync(join(dir, 'keepalived.conf'), 'utf8').replace('include conf.d/*.conf', 'include /etc/keepalived-kalint-test/conf.d/*.conf'));
  writeFileSync(join(abs, 'conf.d', 'vi.conf'), readFileSync(join(dir, 'conf.d', 'vi.conf'), 'utf8'));
  const r = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', '.'], { cwd: abs, encoding: 'utf8' });
  // As with a relative include: the fragment in its includer's context (no KA315, no KA321, no KA110).
  expect((JSON.parse(r.stdout) as { file: string; line: number; code: string }[]).map((d) => `${d.file}:${d.line}:${d.code}`)).toEqual(['conf.d/vi.conf:12:KA201']);
  expect(r.stderr).toBe(
    `kalint: note: keepalived.conf: its includes name files that do not exist on this machine but do beside it: read '/etc/keepalived-kalint-test' as . (a .kalint.json beside it with "pathMappings": { "/etc/keepalived-kalint-test": "." } says so, or maps them elsewhere)\n`,
  );
  // A .kalint.json that maps paths is followed as written, even where it maps them to nothing.
  writeFileSync(join(abs, '.kalint.json'), '{ "pathMappings": { "/etc/keepalived-kalint-test": "elsewhere" } }\n');
  const mapped = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', 'keepalived.conf'], { cwd: abs, encoding: 'utf8' });
  expect(mapped.stderr).toBe('');
  expect((JSON.parse(mapped.stdout) as { code: string }[]).map((d) => d.code)).toEqual(['KA321', 'KA110']);
});

it('a bare pattern beside the file (`*.conf` of `/etc/rules/*.conf`) is no sign of the node\'s folder: nothing is read in its place', () => {
  // A folder of unrelated configs (a harvest, a set of examples) matches `*.conf` too.
  const bare = join(dir, 'bare');
  mkdirSync(bare, { recursive: true });
  writeFileSync(join(bare, 'keepalived.conf'), 'global_defs {\n    router_id lb1\n}\ninclude /etc/rules-kalint-test/*.conf\n');
  writeFileSync(join(bare, 'other.conf'), 'global_defs {\n    router_id lb2\n}\n');
  const r = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', 'keepalived.conf'], { cwd: bare, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect((JSON.parse(r.stdout) as { code: string; message: string }[]).map((d) => `${d.code} ${d.message}`)).toEqual([
    `KA110 include pattern '/etc/rules-kalint-test/*.conf' matches no file: the folder '/etc/rules-kalint-test' does not exist (keepalived: "Config files missing")`,
  ]);
});

it('reports the files that include one another once, through the first of them, at once', () => {
  // Session 60's audit: a folder of files that each include `*.conf` (each includes every other, itself too) was linted
  // from every file, each finding once per file (20 files: 860 findings); the first file reads them all.
  const fan = mkdtempSync(join(tmpdir(), 'kalint-fan-'));
  try {
    writeFileSync(join(fan, 'keepalived.conf'), 'include *.conf\nglobal_defs {\n    router_id lb1\n}\n');
    for (let i = 1; i <= 20; i++) writeFileSync(join(fan, `f${String(i).padStart(2, '0')}.conf`), i === 3 ? 'include *.conf\nbogus_keyword 1\n' : 'include *.conf\n');
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', '.'], { cwd: fan, encoding: 'utf8' });
    expect(performance.now() - t0).toBeLessThan(20_000);
    const found = (JSON.parse(r.stdout) as { file: string; line: number; code: string }[]).map((d) => `${d.file}:${d.line}:${d.code}`);
    // One include cycle at each file's include line, the unknown keyword once.
    expect(found.filter((f) => f.endsWith(':KA111')).sort()).toEqual(['keepalived.conf:1:KA111', ...Array.from({ length: 20 }, (_, i) => `f${String(i + 1).padStart(2, '0')}.conf:1:KA111`)].sort());
    expect(found.filter((f) => f.endsWith(':KA201'))).toEqual(['f03.conf:2:KA201']);
  } finally {
    rmSync(fan, { recursive: true, force: true });
  }
});
