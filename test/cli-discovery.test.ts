// Which files `kalint lint` and `kalint fmt` take from the paths, directories and globs they are given:
// the built bin/kalint.js in a scratch folder.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
