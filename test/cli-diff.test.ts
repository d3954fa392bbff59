// The unified diffs of `kalint fmt --diff`, `kalint peer --diff` and `kalint lint --fix-dry-run` (cli/diff.ts):
// applied to the old text they give the new one, byte for byte, and they take time in proportion to the text.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPatch } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignLines, unifiedDiff, unifiedHunks } from '../server/src/cli/diff.js';
import { cpuMs, expectScalesWithin } from './helpers/scaling.js';

const repo = join(__dirname, '..');
const bin = join(repo, 'bin/kalint.js');

const patchOf = (before: string, after: string) => `--- a/x\n+++ b/x\n${unifiedHunks(before, after)}`;

describe('unified diffs', () => {
  it('apply to the old text and give the new one (random texts of repeated lines, with and without a last line feed)', () => {
    const lineText = fc.constantFrom('}', '    }', 'vrrp_instance VI_1 {', '    state MASTER', '    priority 100', '', '# note', '\ttabbed\r');
    const text = fc.tuple(fc.array(lineText, { maxLength: 40 }), fc.boolean()).map(([lines, feed]) => lines.join('\n') + (feed && lines.length ? '\n' : ''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(applyPatch(before, patchOf(before, after))).toBe(after);
      }),
      { numRuns: 2000 },
    );
  });

  it('are empty for equal texts, and give three lines of context as diff -u does', () => {
    expect(unifiedHunks('a\nb\n', 'a\nb\n')).toBe('');
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', ''].join('\n');
    const after = before.replace('5\n', 'five\n');
    expect(unifiedHunks(before, after)).toBe('@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n');
    // A last line without its line feed is marked as diff marks it.
    expect(unifiedHunks('a\nb', 'a\nb\n')).toBe('@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
    expect(unifiedHunks('', 'x\n')).toBe('@@ -0,0 +1,1 @@\n+x\n');
  });

  it('keep lines that occur once on each side as anchors, in order', () => {
    expect(alignLines(['a\n', 'x\n', 'b\n', 'c\n'], ['a\n', 'b\n', 'y\n', 'c\n'])).toEqual([
      [0, 0],
      [2, 1],
      [3, 3],
    ]);
  });

  // A scaling sweep (session 53): 8,000 glued `TCP_CHECK{` blocks, each line changed by the fix, took more than five
  // minutes for `--fix-dry-run` and `fmt --diff` with jsdiff's Myers diff; 8,000 instances turned BACKUP by
  // `peer --diff` 20 s. Each block here has a line of its own (the address), as configs have.
  it('take time in proportion to the text when every block changes', () => {
    const config = (n: number, glued: boolean) =>
      Array.from({ length: n }, (_, i) => `virtual_server 10.0.${i >> 8}.${i & 255} 80${glued ? '{' : ' {'}\n    real_server 10.1.0.1 80${glued ? '{' : ' {'}\n        TCP_CHECK${glued ? '{' : ' {'}\n        }\n    }\n}\n`).join('');
    const time = (n: number) => {
      const [before, after] = [config(n, true), config(n, false)];
      let hunks = '';
      const ms = cpuMs(() => (hunks = unifiedHunks(before, after)));
      expect(applyPatch(before, `--- a/x\n+++ b/x\n${hunks}`)).toBe(after);
      return ms;
    };
    time(500); // warm up
    expectScalesWithin(time, 4000, 16000, 12, (small, large) => `4,000 blocks: ${small.toFixed(0)} ms, 16,000: ${large.toFixed(0)} ms`);
  });

  it('are accepted by git apply', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kalint-diff-'));
    try {
      const before = 'global_defs {\n  router_id a\n}\nvrrp_instance V {\n  state MASTER\n}\n';
      const after = 'global_defs {\n    router_id b\n}\nvrrp_instance V {\n    state BACKUP\n}\n';
      writeFileSync(join(dir, 'k.conf'), before);
      writeFileSync(join(dir, 'p.diff'), unifiedDiff('k.conf', 'k.conf', before, after));
      const r = spawnSync('git', ['apply', 'p.diff'], { cwd: dir, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(readFileSync(join(dir, 'k.conf'), 'utf8')).toBe(after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // cli63 #7: `--- a/sp ace.conf` is read by GNU patch as the name 'sp'; a name with a line feed split the header.
  it('name files as git does (a TAB after a name with a space, C quotes for control characters, quotes and backslashes): patch -p1 and git apply both apply them', () => {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, encoding: 'utf8' });
    expect(built.status).toBe(0);
    const hasPatch = spawnSync('patch', ['--version']).status === 0;
    const names = ['sp ace.conf', 'n\nl.conf', 'q"u\\o\x01te.conf', 'tab\there.conf', 'e\x1b[31mred.conf', '\u00fc sp.conf', 'plain.conf'];
    const src = mkdtempSync(join(tmpdir(), 'kalint-names-'));
    try {
      const lb1 = readFileSync(join(repo, 'fixtures/examples/web-vip/lb1.conf'), 'utf8');
      names.forEach((n, i) => writeFileSync(join(src, n), `global_defs {\n  lvs_id n${i}\n}\n`));
      writeFileSync(join(src, 'peer me.conf'), lb1);
      writeFileSync(join(src, 'peer\nme.conf'), lb1);
      const run = (args: string[], cwd = src) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'buffer' });
      // What each tool writes, done in a copy: --fix, fmt --write, peer's output.
      const fixed = mkdtempSync(join(tmpdir(), 'kalint-names-'));
      cpSync(src, fixed, { recursive: true });
      const formatted = mkdtempSync(join(tmpdir(), 'kalint-names-'));
      cpSync(src, formatted, { recursive: true });
      run(['lint', '--fix', '--', ...names], fixed);
      run(['fmt', '--write', '--', ...names], formatted);
      const peered = run(['peer', '-q', '--', 'peer me.conf']).stdout;
      const peered2 = run(['peer', '-q', '--', 'peer\nme.conf']).stdout;
      expect(peered.length).toBeGreaterThan(100);
      const cases: [string, Buffer, Record<string, Buffer>][] = [
        ['lint --fix-dry-run', run(['lint', '--fix-dry-run', '--', ...names]).stdout, Object.fromEntries(names.map((n) => [n, readFileSync(join(fixed, n))]))],
        ['fmt --diff', run(['fmt', '--diff', '--', ...names]).stdout, Object.fromEntries(names.map((n) => [n, readFileSync(join(formatted, n))]))],
        ['peer --diff', Buffer.concat([run(['peer', '-q', '--diff', '--', 'peer me.conf']).stdout, run(['peer', '-q', '--diff', '--', 'peer\nme.conf']).stdout]), { 'peer me.conf': peered, 'peer\nme.conf': peered2 }],
      ];
      rmSync(fixed, { recursive: true, force: true });
      rmSync(formatted, { recursive: true, force: true });
      for (const [what, patch, expected] of cases) {
        expect(patch.length, what).toBeGreaterThan(0);
        // The header lines stay one line each: a name's line feed is escaped.
        const changed = Object.keys(expected).filter((n) => !readFileSync(join(src, n)).equals(expected[n]!));
        expect(changed.length, what).toBe(Object.keys(expected).length);
        expect(patch.toString('latin1').split('\n').filter((l) => l.startsWith('--- ')).length, what).toBe(changed.length);
        for (const tool of hasPatch ? ['git', 'patch'] : ['git']) {
          const work = mkdtempSync(join(tmpdir(), 'kalint-apply-'));
          try {
            cpSync(src, work, { recursive: true });
            writeFileSync(join(work, 'x.patch'), patch);
            const r = tool === 'git' ? spawnSync('git', ['apply', 'x.patch'], { cwd: work, encoding: 'utf8' }) : spawnSync('patch', ['-p1', '-s', '-i', 'x.patch'], { cwd: work, encoding: 'utf8' });
            expect({ what, tool, status: r.status, stderr: r.stderr }).toEqual({ what, tool, status: 0, stderr: '' });
            for (const [n, content] of Object.entries(expected)) expect(readFileSync(join(work, n)).equals(content), `${what} ${tool} ${JSON.stringify(n)}`).toBe(true);
          } finally {
            rmSync(work, { recursive: true, force: true });
          }
        }
      }
    } finally {
      rmSync(src, { recursive: true, force: true });
    }
  });
});
