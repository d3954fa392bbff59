// `kalint lint --cluster`, config-id clusters, .kalint.json clusters, auto pairing and
// `kalint explain KA4xx FILE…`, as users run them: the built bin/kalint.js on fixtures/clusters.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = join(__dirname, '..');
const bin = join(repo, 'bin/kalint.js');
const fixtures = join(repo, 'fixtures', 'clusters');
let scratch: string;

interface JsonFinding {
  file: string;
  line: number;
  code: string;
  severity: string;
  message: string;
  related?: { file: string; line: number; message: string }[];
}

function kalint(args: string[], cwd = fixtures) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[], cwd = fixtures): { code: number | null; findings: JsonFinding[] } {
  const r = kalint([...args, '--format', 'json'], cwd);
  return { code: r.code, findings: JSON.parse(r.stdout) as JsonFinding[] };
}

const clusterFindings = (f: JsonFinding[]) => f.filter((d) => d.code.startsWith('KA4'));

beforeAll(() => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  scratch = mkdtempSync(join(tmpdir(), 'kalint-cluster-'));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('kalint lint --cluster', () => {
  // cli63 #8: `--cluster <(ssh lb1 cat …) <(ssh lb2 cat …)` with a failed ssh gave an empty pipe, read as an empty config, compared with nothing.
  it('an empty node, or one without vrrp_instance, is an error (KA425) naming both files; a node whose instances pair with none is a warning', () => {
    const dir = join(scratch, 'empty-node');
    mkdirSync(dir, { recursive: true });
    cpSync(join(fixtures, 'healthy-pair'), dir, { recursive: true });
    writeFileSync(join(dir, 'empty.conf'), '');
    writeFileSync(join(dir, 'bare.conf'), 'global_defs {\n    router_id lb2\n}\n');
    writeFileSync(join(dir, 'other.conf'), readFileSync(join(fixtures, 'node-unmatched', 'b.conf')));
    const empty = kalint(['lint', '-f', 'gnu', '--cluster', 'a.conf', 'empty.conf'], dir);
    expect(empty.code).toBe(1);
    expect(empty.stdout).toMatch(/^empty\.conf:1:1: error: empty\.conf is empty: it backs up none of the instances of a\.conf \(VI_1\).*ssh.*\[KA425\]\na\.conf:\d+:1: note: VI_1 on a\.conf\n$/);
    const piped = spawnSync(process.execPath, [bin, 'lint', '-f', 'gnu', '--cluster', '-', 'empty.conf'], { cwd: dir, input: readFileSync(join(dir, 'a.conf')), encoding: 'utf8' });
    expect(piped.status).toBe(1);
    expect(piped.stdout).toContain('empty.conf is empty: it backs up none of the instances of <stdin> (VI_1)');
    const bare = kalint(['lint', '-f', 'gnu', '--cluster', 'a.conf', 'bare.conf'], dir);
    expect(bare.code).toBe(1);
    expect(bare.stdout).toContain('bare.conf:1:1: error: bare.conf has no vrrp_instance: it backs up none of the instances of a.conf (VI_1)');
    const other = kalint(['lint', '-f', 'gnu', '--cluster', 'a.conf', 'other.conf'], dir);
    expect(other.code).toBe(0);
    expect(other.stdout).toMatch(/^other\.conf:\d+:1: warning: none of the instances of other\.conf \(VI_2\) pairs with an instance of a\.conf \(VI_1\).*\[KA425\]\na\.conf:\d+:1: note: VI_1 on a\.conf\n$/);
    expect(kalint(['lint', '-f', 'gnu', '--max-warnings', '0', '--cluster', 'a.conf', 'other.conf'], dir).code).toBe(1);
    // A real pair says nothing; auto pairing (no --cluster) does not take an empty file for a node.
    expect(kalint(['lint', '-f', 'gnu', '--cluster', 'a.conf', 'b.conf'], dir).stdout).not.toContain('KA425');
    expect(kalint(['lint', '-f', 'gnu', '.'], dir).stdout).not.toContain('KA425');
    // explain tells the story, and a failover table of no shared instance says why.
    expect(kalint(['explain', 'KA425']).stdout).toContain('<(ssh lb1 cat');
    const table = kalint(['explain', 'KA430', 'a.conf', 'empty.conf'], dir).stdout;
    expect(table).toContain('The files share no VRRP instance');
    expect(table).toContain('KA425: empty.conf is empty');
  });

  it('reports the VRID mismatch with exit 1 and the other node as related location', () => {
    const { code, findings } = json(['lint', '--cluster', 'vrid-mismatch/a.conf', 'vrid-mismatch/b.conf']);
    expect(code).toBe(1);
    const [d] = clusterFindings(findings);
    expect(d!.code).toBe('KA401');
    expect(d!.file).toBe('vrid-mismatch/b.conf');
    expect(d!.line).toBe(9);
    expect(d!.related).toEqual([expect.objectContaining({ file: 'vrid-mismatch/a.conf', line: 9 })]);
  });

  it('the corpus pair seed000 reports VRID, auth_pass and VIP mismatches, naming both files', () => {
    const corpus = join(repo, '..', 'shared', 'corpus');
    const { code, findings } = json(['lint', '--cluster', 'seed000-master.conf', 'seed000-backup.conf'], corpus);
    expect(code).toBe(1);
    const codes = clusterFindings(findings).map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['KA401', 'KA404', 'KA412']));
    for (const d of clusterFindings(findings)) expect(new Set([d.file, ...d.related!.map((r) => r.file)])).toEqual(new Set(['seed000-master.conf', 'seed000-backup.conf']));
  });

  it('warnings only: exit 0; a healthy pair: no cluster finding', () => {
    expect(json(['lint', '--cluster', 'failover-weight-too-small/a.conf', 'failover-weight-too-small/b.conf']).code).toBe(0);
    expect(clusterFindings(json(['lint', '--cluster', 'healthy-pair/a.conf', 'healthy-pair/b.conf']).findings)).toEqual([]);
  });

  it('takes three nodes', () => {
    const { findings } = json(['lint', '--cluster', 'failover-tie/a.conf', 'failover-tie/b.conf', 'failover-tie/c.conf']);
    const tie = clusterFindings(findings).find((d) => d.code === 'KA432')!;
    // Messages name the nodes by the shortest path ends that tell them apart.
    expect(tie.message).toContain('when a.conf is down, b.conf and c.conf both end at priority 90');
  });

  it('--cluster with one node is a usage error (exit 2)', () => {
    const r = kalint(['lint', '--cluster', 'healthy-pair/a.conf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('at least two nodes');
  });

  it('one file named twice (a.conf, ./a.conf) is one node, and ids of a file without @id lines are one node too', () => {
    const twice = kalint(['lint', '--cluster', 'healthy-pair/a.conf', './healthy-pair/a.conf']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('at least two nodes');
    const ids = kalint(['lint', '--cluster', '--config-id', 'x,y', 'healthy-pair/a.conf']);
    expect(ids.code).toBe(2);
    expect(ids.stderr).toContain('healthy-pair/a.conf has no @id lines, so every config id reads it alike');
  });

  it('--rule turns a cluster rule off', () => {
    const { code, findings } = json(['lint', '--cluster', '--rule', 'KA401=off', 'vrid-mismatch/a.conf', 'vrid-mismatch/b.conf']);
    expect(code).toBe(0);
    expect(clusterFindings(findings)).toEqual([]);
  });
});

describe('other sources of clusters', () => {
  it('--config-id lb1,lb2 on one file checks the two ids as one cluster', () => {
    const { code, findings } = json(['lint', '--config-id', 'lb1,lb2', 'config-ids/keepalived.conf']);
    // A warning: @lb2 (100) never outranks @lb1 (150), so the split it risks is latent.
    expect(code).toBe(0);
    const [d] = clusterFindings(findings);
    expect(d!.code).toBe('KA418');
    expect(d!.message).toContain('@lb2');
    expect(d!.related![0]!.file).toBe('config-ids/keepalived.conf');
  });

  it('several config ids on a file without @id lines make no cluster (the nodes would be identical)', () => {
    expect(clusterFindings(json(['lint', '--config-id', 'lb1,lb2', 'two-masters/a.conf']).findings)).toEqual([]);
  });

  it('.kalint.json clusters: the declared files are compared', () => {
    const dir = join(scratch, 'declared');
    cpSync(join(fixtures, 'kalint-json'), dir, { recursive: true });
    // Only one of the two files is named: the declaration brings in the other.
    const { findings } = json(['lint', 'lb-east.conf'], dir);
    const [d] = clusterFindings(findings);
    expect(d!.code).toBe('KA410');
    expect(d!.message).not.toContain('auto-paired');
    expect([d!.file, d!.related![0]!.file].sort()).toEqual(['lb-east.conf', 'lb-west.conf']);
  });

  it('auto pairing: files of one folder whose instances match, and the message says why', () => {
    const { findings } = json(['lint', 'auth-pass-mismatch/']);
    const [d] = clusterFindings(findings);
    expect(d!.code).toBe('KA404');
    expect(d!.message).toMatch(/auto-paired: .*a\.conf and .*b\.conf both define VRID 51 with VIPs 192\.168\.10\.100/);
  });

  it('auto pairing is off below a .kalint.json with autoPair false (a folder of examples)', () => {
    const dir = join(scratch, 'examples-folder');
    cpSync(join(fixtures, 'auth-pass-mismatch'), dir, { recursive: true });
    writeFileSync(join(dir, '.kalint.json'), '{ "autoPair": false }\n');
    expect(clusterFindings(json(['lint', '.'], dir).findings)).toEqual([]);
    // Declared or --cluster nodes are still compared.
    expect(clusterFindings(json(['lint', '--cluster', 'a.conf', 'b.conf'], dir).findings).map((d) => d.code)).toContain('KA404');
  });

  // 20 of 94 real clusters keep one file per node in sibling folders (lb1/keepalived.conf,
  // lb2/keepalived.conf; master/ and slave/): 'kalint lint REPO' compared none of them.
  it('auto pairing: the files left alone in their folders pair across sibling folders', () => {
    const dir = join(scratch, 'siblings');
    for (const [sub, file] of [['lb1', 'a.conf'], ['lb2', 'b.conf']] as const) {
      cpSync(join(fixtures, 'auth-pass-mismatch', file), join(dir, sub, 'keepalived.conf'), { recursive: true });
    }
    const [d] = clusterFindings(json(['lint', '.'], dir).findings);
    expect(d!.code).toBe('KA404');
    expect(d!.message).toMatch(/auto-paired: lb1\/keepalived\.conf and lb2\/keepalived\.conf both define VRID 51/);
    // Two copies of one config (same state and priority, no source address) in sibling folders are no cluster.
    cpSync(join(fixtures, 'auth-pass-mismatch', 'a.conf'), join(dir, 'lb2', 'keepalived.conf'));
    expect(clusterFindings(json(['lint', '.'], dir).findings)).toEqual([]);
  });

  // kalint's own fixtures/clusters: a scenario folder whose two files do not pair (another VRID on each) left
  // one of them to pair with a file of another scenario folder. A folder of several configs is no node's folder.
  it('auto pairing across folders takes only folders that hold one config', () => {
    const dir = join(scratch, 'scenarios');
    cpSync(join(fixtures, 'vrid-mismatch'), join(dir, 'one'), { recursive: true });
    cpSync(join(fixtures, 'auth-pass-mismatch', 'a.conf'), join(dir, 'two', 'keepalived.conf'));
    expect(kalint(['lint', '--show-clusters', '.'], dir).stderr).toContain('kalint: no cluster');
    // With one config in each folder, they pair.
    cpSync(join(fixtures, 'auth-pass-mismatch', 'b.conf'), join(dir, 'three', 'keepalived.conf'));
    expect(kalint(['lint', '--show-clusters', '.'], dir).stderr).toMatch(/auto-paired: three\/keepalived\.conf and two\/keepalived\.conf both define VRID 51/);
  });

  // Session 61: instances swapped between hosts that name their interfaces differently had been paired by name; now
  // by VRID + VIPs, and --show-clusters and explain say how each was paired.
  it('--show-clusters and explain say how the instances were paired across the nodes', () => {
    const dir = join(scratch, 'ifnames');
    const inst = (name: string, iface: string, prio: number, vip: string) =>
      `vrrp_instance ${name} {\n    state BACKUP\n    interface ${iface}\n    virtual_router_id 51\n    priority ${prio}\n    virtual_ipaddress {\n        ${vip}/24\n    }\n}\n`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.conf'), inst('VI_1', 'eth0', 100, '10.1.0.100') + inst('VI_2', 'eth1', 90, '10.2.0.100'));
    writeFileSync(join(dir, 'b.conf'), inst('VI_2', 'ens3', 90, '10.1.0.100') + inst('VI_1', 'ens4', 100, '10.2.0.100'));
    const r = kalint(['lint', '--show-clusters', '--cluster', 'a.conf', 'b.conf'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('kalint:   VI_1 / VI_2 (VRID 51): VI_1 on a.conf (eth0), VI_2 on b.conf (ens3): paired by the same VRID and VIPs, as the hosts name their interfaces differently');
    expect(r.stderr).toContain('kalint:   VI_2 / VI_1 (VRID 51): VI_2 on a.conf (eth1), VI_1 on b.conf (ens4): paired by the same VRID and VIPs');
    expect(kalint(['explain', 'KA412', 'a.conf', 'b.conf'], dir).stdout).toContain('Paired: VI_1 / VI_2 (VRID 51): VI_1 on a.conf (eth0), VI_2 on b.conf (ens3)');
  });

  // A healthy pair has no finding to carry the pairing reason: --show-clusters says what was compared.
  it('--show-clusters names each cluster and why, healthy ones too', () => {
    const auto = kalint(['lint', '--show-clusters', 'healthy-pair/']);
    expect(auto.code).toBe(0);
    expect(auto.stderr).toMatch(/^kalint: auto-paired: .*healthy-pair\/a\.conf and .*healthy-pair\/b\.conf both define VRID 51 with VIPs 192\.168\.10\.100$/m);
    expect(kalint(['lint', '--show-clusters', '--cluster', 'healthy-pair/a.conf', 'healthy-pair/b.conf']).stderr).toMatch(/^kalint: cluster of healthy-pair\/a\.conf, healthy-pair\/b\.conf \(given with --cluster\)$/m);
    expect(kalint(['lint', '--show-clusters', 'config-ids/keepalived.conf']).stderr).toContain('kalint: cluster of config-ids/keepalived.conf (@lb1), config-ids/keepalived.conf (@lb2) (config ids lb1, lb2 of one file)');
    expect(kalint(['lint', '--show-clusters', 'healthy-pair/a.conf']).stderr).toContain('kalint: no cluster');
    // Without the option, nothing on stderr.
    expect(kalint(['lint', 'healthy-pair/']).stderr).toBe('');
  });

  it('auto pairing leaves files alone when their instances do not match', () => {
    const dir = join(scratch, 'unrelated');
    cpSync(join(fixtures, 'vrid-mismatch'), dir, { recursive: true });
    expect(clusterFindings(json(['lint', '.'], dir).findings)).toEqual([]);
    // One shared instance among many does not make a cluster either.
    const many = (first: string) =>
      [first, 'VI_2 60 10.9.0.2', 'VI_3 61 10.9.0.3'].map((spec) => {
        const [name, vrid, vip] = spec.split(' ');
        return `vrrp_instance ${name} {\n    interface eth0\n    virtual_router_id ${vrid}\n    virtual_ipaddress {\n        ${vip}\n    }\n}\n`;
      });
    writeFileSync(join(dir, 'a.conf'), many('VI_1 51 10.9.0.1').join(''));
    writeFileSync(join(dir, 'b.conf'), many('VI_1 51 10.9.0.1').slice(0, 1).join('') + 'vrrp_instance X {\n    interface eth0\n    virtual_router_id 90\n    virtual_ipaddress {\n        10.9.9.9\n    }\n}\nvrrp_instance Y {\n    interface eth0\n    virtual_router_id 91\n    virtual_ipaddress {\n        10.9.9.8\n    }\n}\n');
    expect(clusterFindings(json(['lint', '.'], dir).findings)).toEqual([]);
  });
});

describe('kalint explain KA4xx FILE…', () => {
  it('prints the scenario table and the rule findings', () => {
    const r = kalint(['explain', 'KA430', 'failover-weight-too-small/a.conf', 'failover-weight-too-small/b.conf']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/all healthy\s+100\s+90\s+a\.conf\n/);
    expect(r.stdout).toMatch(/script chk_nginx fails on a\.conf\s+95\s+90\s+a\.conf \(no failover\)/);
    expect(r.stdout).toMatch(/a\.conf down\s+down\s+90\s+b\.conf/);
    expect(r.stdout).toContain('KA430 findings:');
  });

  it('says under the table when the nodes do not accept each other\'s adverts', () => {
    // Live pairs with such findings had two MASTERs in every row the table gives one holder (session 57).
    const r = kalint(['explain', 'KA409', 'auth-pass-mismatch/a.conf', 'auth-pass-mismatch/b.conf']);
    expect(r.stdout).toMatch(/Note: KA404 on these files: the nodes do not accept each other's adverts for \S+, so where the table names one holder, more than one node may hold the VIPs/);
    expect(kalint(['explain', 'KA409', 'healthy-pair/a.conf', 'healthy-pair/b.conf']).stdout).not.toContain('Note:');
  });

  it('accepts FILE@ID nodes', () => {
    const r = kalint(['explain', 'KA418', 'config-ids/keepalived.conf@lb1', 'config-ids/keepalived.conf@lb2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/all healthy\s+150\s+100/);
  });

  it('refuses node files after a rule that is not a cluster rule', () => {
    expect(kalint(['explain', 'KA201', 'healthy-pair/a.conf', 'healthy-pair/b.conf']).code).toBe(2);
  });
});

describe('a suppressed cluster finding', () => {
  it('is listed in SARIF as suppressed in source, with its reason, as file findings are', () => {
    const lb1 = readFileSync(join(__dirname, '..', 'fixtures/examples/web-vip/lb1.conf'), 'utf8');
    const lb2 = readFileSync(join(__dirname, '..', 'fixtures/examples/web-vip/lb2.conf'), 'utf8').replace('    virtual_router_id 51', '    # kalint-disable-next-line KA401 -- renumbered in the next change\n    virtual_router_id 52');
    const folder = mkdtempSync(join(tmpdir(), 'kalint-cluster-sup-'));
    try {
      writeFileSync(join(folder, 'lb1.conf'), lb1);
      writeFileSync(join(folder, 'lb2.conf'), lb2);
      const r = spawnSync(process.execPath, [join(__dirname, '..', 'bin/kalint.js'), 'lint', '-f', 'sarif', '--cluster', 'lb1.conf', 'lb2.conf'], { cwd: folder, encoding: 'utf8' });
      expect(r.status).toBe(0);
      const results = JSON.parse(r.stdout).runs[0].results as { ruleId: string; suppressions?: { kind: string; justification: string }[] }[];
      expect(results.filter((x) => x.ruleId === 'KA401')).toEqual([expect.objectContaining({ suppressions: [{ kind: 'inSource', justification: 'renumbered in the next change' }] })]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
