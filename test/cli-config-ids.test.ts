// `--config-id all`: one file with `@id` lines is analysed once per id it (or an included file)
// mentions, and those ids form a cluster.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IMPLICIT_CONFIG_ID_BUDGET } from '../server/src/cli/config-ids.js';

const repo = join(__dirname, '..');
const bin = join(repo, 'bin/kalint.js');
let dir: string;

beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  dir = mkdtempSync(join(tmpdir(), 'kalint-ids-'));
  mkdirSync(join(dir, 'conf.d'));
  // lb2's priority lives in an included file; lb1 and lb2 disagree on the VRID (split brain).
  writeFileSync(
    join(dir, 'keepalived.conf'),
    [
      'vrrp_instance VI_1 {',
      '    @lb1 state MASTER',
      '    @lb2 state BACKUP',
      '    interface eth0',
      '    @lb1 virtual_router_id 51',
      '    @lb2 virtual_router_id 52',
      '    @lb1 priority 150',
      '    include conf.d/*.conf',
      '    virtual_ipaddress {',
      '        10.0.0.100/24',
      '    }',
      '}',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'conf.d', 'prio.conf'), '@lb2 priority 100\n@lb3 priority 50\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lint(args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, findings: JSON.parse(r.stdout || '[]') as { code: string; message: string }[] };
}

it('analyses every id the file and its includes mention, and compares them as a cluster', () => {
  const r = lint(['--config-id', 'all', 'keepalived.conf']);
  const vrid = r.findings.filter((f) => f.code === 'KA401');
  expect(vrid.length).toBeGreaterThan(0);
  const ids = new Set(vrid.flatMap((f) => f.message.match(/@lb\d/g) ?? []));
  expect([...ids].sort()).toEqual(['@lb1', '@lb2']);
  expect(r.code).toBe(1);
});

it('without all, only the ids given are nodes', () => {
  const r = lint(['--config-id', 'lb1', 'keepalived.conf']);
  expect(r.findings.filter((f) => f.code === 'KA401')).toEqual([]);
});

// Found on a real config (an NFS pair: `state MASTER` for both, `@nfs1 priority 101`, `@nfs2
// priority 100`): read as one host named by neither id, kalint reported priority 255 from a bare
// state MASTER, which neither node has, and missed that both nodes start as MASTER.
function writeNfs() {
  mkdirSync(join(dir, 'nfs'), { recursive: true });
  writeFileSync(
    join(dir, 'nfs', 'keepalived.conf'),
    ['vrrp_instance VI_1 {', '  state MASTER', '  interface eth1', '  virtual_router_id 101', '@nfs1 priority 101', '@nfs2 priority 100', '  virtual_ipaddress {', '    192.168.50.10', '  }', '}', ''].join('\n'),
  );
}

it('without --config-id, checks each id the file names and the hosts it does not name', () => {
  writeNfs();
  const r = lint(['nfs/keepalived.conf']);
  const owner = r.findings.filter((f) => f.code === 'KA306');
  expect(owner.map((f) => f.message)).toEqual([expect.stringMatching(/^\[other hosts\] 'VI_1' has state MASTER and no priority/)]);
  // The ids are compared as the nodes of one cluster.
  expect(r.findings.filter((f) => f.code === 'KA407').map((f) => f.message)).toEqual([expect.stringContaining('both keepalived.conf@nfs1 and keepalived.conf@nfs2 start as MASTER')]);
  // Also with the lb1/lb2 file: its split brain shows without --config-id.
  expect(lint(['keepalived.conf']).findings.some((f) => f.code === 'KA401')).toBe(true);
});

it('an id given on the command line (or in .kalint.json) is the only view', () => {
  writeNfs();
  const r = lint(['--config-id', 'nfs1', 'nfs/keepalived.conf']);
  expect(r.findings.filter((f) => ['KA306', 'KA407'].includes(f.code))).toEqual([]);
});

it('an empty --config-id is a usage error, not a lint of no id that reports nothing', () => {
  for (const empty of ['', ' , ']) {
    const r = spawnSync(process.execPath, [bin, 'lint', '--config-id', empty, 'keepalived.conf'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--config-id needs an id');
  }
  const peer = spawnSync(process.execPath, [bin, 'peer', '--config-id', '', 'keepalived.conf'], { cwd: dir, encoding: 'utf8' });
  expect(peer.status).toBe(2);
  expect(peer.stderr).toContain('--config-id takes one id');
});

// Found by a scaling sweep (session 53): checking each implicit id is one analysis of the whole file per id, so
// 8,000 ids in a 740 kB file took 165 s. Past IMPLICIT_CONFIG_ID_BUDGET (ids × bytes) only the hosts the file does
// not name are checked, and stderr says why; an explicit --config-id all still checks every id.
it('too many implicit ids for the file size: checked for the hosts not named, with a note; ids given are checked', () => {
  const n = 900;
  const block = (i: number) => `@h${i} vrrp_instance V${i} {\n@h${i}     interface eth0\n@h${i}     virtual_router_id 300\n@h${i} }\n`;
  const text = Array.from({ length: n }, (_, i) => block(i)).join('') + '#'.repeat(80_000) + '\n';
  writeFileSync(join(dir, 'many-ids.conf'), text);
  expect(n * text.length).toBeGreaterThan(IMPLICIT_CONFIG_ID_BUDGET);
  const r = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', 'many-ids.conf'], { cwd: dir, encoding: 'utf8' });
  expect(r.stderr).toContain(`many-ids.conf names ${n} config ids (@ID lines): too many to check one by one by default`);
  expect((JSON.parse(r.stdout) as { code: string }[]).filter((f) => f.code === 'KA205')).toEqual([]);
  const some = lint(['--config-id', 'h1,h2', 'many-ids.conf']);
  expect(some.findings.filter((f) => f.code === 'KA205').map((f) => f.message.slice(0, 5))).toEqual(['[@h1]', '[@h2]']);
});

// s58 suggestions audit: KA306's "Add 'priority 150'" for the hosts no @id names inserted a line every host reads, and
// the named hosts (`@nfs1 priority 101`) then had their priority set twice (KA211). A fix for some hosts is kept only
// when it edits their own @id lines.
it('a fix for some hosts only is withheld when it edits lines every host reads', () => {
  writeFileSync(join(dir, 'per-host.conf'), 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 101\n@nfs1 priority 101\n@nfs2 priority 100\n    virtual_ipaddress {\n        192.168.50.10\n    }\n}\n');
  const r = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', 'per-host.conf'], { cwd: dir, encoding: 'utf8' });
  const ka306 = (JSON.parse(r.stdout) as { code: string; message: string; fix?: unknown }[]).filter((f) => f.code === 'KA306');
  expect(ka306.map((f) => [f.message.slice(0, 13), f.fix])).toEqual([['[other hosts]', undefined]]);
  // On an @id line of its own the fix stays: `@nfs2 priority 300` is out of range for nfs2 only.
  writeFileSync(join(dir, 'per-host2.conf'), 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 101\n@nfs1 priority 101\n@nfs2 nopreempt_x\n    virtual_ipaddress {\n        192.168.50.10\n    }\n}\n');
  const r2 = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', 'per-host2.conf'], { cwd: dir, encoding: 'utf8' });
  const ka201 = (JSON.parse(r2.stdout) as { code: string; message: string; fix?: unknown }[]).filter((f) => f.code === 'KA201');
  expect(ka201.map((f) => [f.message.slice(0, 7), !!f.fix])).toEqual([['[@nfs2]', true]]);
});
