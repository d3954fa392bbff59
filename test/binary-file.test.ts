// A file that is binary data, not text (KA119): an executable, an archive, an image named on the command line. It
// gets one finding, with what was found and where, instead of one for nearly every line; a text config with a stray
// NUL byte, Latin-1 or GBK bytes, escape sequences or a UTF-16 encoding is still linted as usual. Checked against
// keepalived 2.2.7, which reads such a file as lines.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintText } from '../server/src/linter.js';
import { decodeBytes } from '../server/src/core/syntax/encoding.js';
import { findBinaryEvidence } from '../server/src/core/syntax/binary.js';
import { parseCst } from '../server/src/core/index.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';
import { losslessViolation } from './helpers/lossless.js';

const repo = join(__dirname, '..');
const bin = join(repo, 'bin/kalint.js');

/** x86-64 keepalived's first 256 bytes (an ELF header and program headers), then a line of text and more headers. */
const ELF_HEAD = Buffer.from(
  '7f454c4602010100000000000000000003003e0001000000b0790100000000004000000000000000484a0d000000000000000000400038000d0040001d001c000600000004000000400000000000000040000000000000004000000000000000d802000000000000d802000000000000080000000000000003000000040000001803000000000000180300000000000018030000000000001c000000000000001c0000000000000001000000000000000100000004000000000000000000000000000000000000000000000000000000005601000000000000560100000000000010000000000000010000000500000000600100000000000060010000000000',
  'hex',
);
const ELF = Buffer.concat([ELF_HEAD, Buffer.from('\n{ vrrp_instance } }\n"unterminated\n', 'latin1'), ELF_HEAD, ELF_HEAD]);

/** Bytes that look like nothing in particular: every byte value, over and over, with line feeds among them. */
const NOISE = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37 + (i >> 3)) & 0xff));

const CONFIG = 'global_defs {\n    router_id lb1\n}\nvrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n';

const lint = (bytes: Buffer, options: Parameters<typeof lintText>[1] = {}) => lintText(decodeBytes(bytes), { file: 'keepalived.conf', ...options });

describe('binary data is one finding (KA119)', () => {
  it('an executable: one error, at its first NUL byte, naming what it is and where', () => {
    const r = lint(ELF);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d).toMatchObject({ code: 'KA119', severity: 'error', file: 'keepalived.conf', range: { start: { line: 0, column: 7, offset: 7 }, end: { offset: 8 } } });
    expect(d.message).toMatch(/^this file is an ELF executable or library \(its first bytes are 7F 45 4C 46\), not a text config: its \d+ bytes hold \d+ NUL bytes \(the first at byte offset 7, line 1\), \d+ other control characters and \d+ bytes? that (?:is|are) not UTF-8; keepalived does not refuse such a file: it reads the bytes as configuration lines/);
    expect(d.message).toContain('kalint reports the file once and checks nothing else in it');
    expect(r.binary).toBeDefined();
    // Read as a config, the same bytes give findings all over.
    const read = lint(ELF, { severities: { KA119: 'off' } });
    expect(read.binary).toBeUndefined();
    expect(read.diagnostics.length).toBeGreaterThan(5);
    expect(read.diagnostics.map((d) => d.code)).not.toContain('KA119');
    // By name too.
    expect(lint(ELF, { severities: { 'binary-file': 'warning' } }).diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['KA119 warning']);
  });

  it('an archive, an image and bytes of no known kind', () => {
    const gz = lint(gzipSync(Buffer.from(CONFIG.repeat(40))));
    expect(gz.diagnostics.map((d) => d.code)).toEqual(['KA119']);
    expect(gz.diagnostics[0]!.message).toMatch(/^this file is a gzip archive \(its first bytes are 1F 8B\)/);
    const png = lint(Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex'), NOISE]));
    expect(png.diagnostics[0]!.message).toMatch(/^this file is a PNG image/);
    const noise = lint(NOISE);
    expect(noise.diagnostics.map((d) => d.code)).toEqual(['KA119']);
    expect(noise.diagnostics[0]!.message).toMatch(/^this file is binary data, not a text config: its 3000 bytes hold \d+ NUL bytes \(the first at byte offset 0, line 1\)/);
    // Control characters without a NUL: the first of them is named.
    const controls = lint(Buffer.from('abc\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\n', 'latin1'));
    expect(controls.diagnostics.map((d) => d.message.split(';')[0])).toEqual(['this file is binary data, not a text config: its 14 bytes hold 10 control characters (the first, U+0001, at byte offset 3, line 1)']);
    // Only the first 4096 bytes are looked at.
    expect(lint(Buffer.concat(Array<Buffer>(8).fill(ELF))).diagnostics[0]!.message).toContain('its first 4096 bytes hold');
  });

  it('the byte offset counts bytes, the line lines: a NUL after text in several lines and characters of two bytes', () => {
    const text = Buffer.concat([Buffer.from('# café\n# ok\nab', 'utf8'), NOISE]);
    const d = lint(text).diagnostics[0]!;
    expect(d.range.start).toMatchObject({ line: 2, column: 2 });
    // '# café\n' is 8 bytes, '# ok\n' 5, 'ab' 2: the noise starts at byte 15 with a NUL.
    expect(d.message).toContain('(the first at byte offset 15, line 3)');
  });

  it('says keepalived skips it when it is executable (the host says so)', () => {
    const host = { readFile: () => undefined, readDir: () => undefined, isExecutable: () => true };
    const d = lint(ELF, { host }).diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain('keepalived skips it, as it skips every executable configuration file ("is not a regular non-executable file - skipping")');
    // A host that throws costs only that sentence.
    const faulty = { readFile: () => undefined, readDir: () => undefined, isExecutable: () => { throw new Error('boom'); } };
    expect(lint(ELF, { host: faulty }).diagnostics[0]!.message).toContain('keepalived does not refuse such a file');
  });

  it('the parser stays lossless and nothing throws on binary data', () => {
    for (const bytes of [ELF, NOISE, gzipSync(Buffer.from(CONFIG))]) {
      const text = decodeBytes(bytes);
      expect(losslessViolation(text, parseCst(text))).toBeUndefined();
      expect(() => lintText(text, { file: 'x.conf', configId: 'lb1', targetVersion: '2.4.3' })).not.toThrow();
    }
  });
});

describe('text is linted as usual, whatever bytes it holds', () => {
  it('one stray NUL byte: KA117, and the rest of the file read', () => {
    const text = CONFIG.replace('priority 100', 'priority 100\0 50').replace('router_id lb1', 'routr_id lb1');
    const codes = lintText(text, { file: 'keepalived.conf' }).diagnostics.map((d) => d.code);
    expect(codes).toContain('KA117');
    expect(codes).toContain('KA201');
    expect(codes).not.toContain('KA119');
    // Seven NUL bytes on seven lines are still a config with NULs in it.
    const seven = CONFIG.split('\n').map((l, i) => (i < 7 ? `${l}\0` : l)).join('\n');
    expect(findBinaryEvidence(seven)).toBeUndefined();
    expect(lintText(seven, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.code === 'KA117')).toHaveLength(7);
    // A run of NUL bytes after the text (a file cut short by a crash) is one run.
    expect(findBinaryEvidence(CONFIG + '\0'.repeat(3000))).toBeUndefined();
  });

  it('Latin-1 and GBK comments, escape sequences pasted from a terminal, UTF-16', () => {
    const latin1 = Buffer.concat([Buffer.from('# r\xe9seau du caf\xe9\n'.repeat(100), 'latin1'), Buffer.from(CONFIG)]);
    // GBK: '# 配置 说明' is 23 23 20 C5 E4 D6 C3 20 CB B5 C3 F7: bytes that are not UTF-8, no control character.
    const gbk = Buffer.concat([Buffer.from('2320c5e4d6c320cbb5c3f70a'.repeat(200), 'hex'), Buffer.from(CONFIG)]);
    const escapes = Buffer.from(`\x1b[32m${CONFIG}\x1b[0m\n`.repeat(20), 'latin1');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CONFIG, 'utf16le')]);
    for (const [name, bytes] of Object.entries({ latin1, gbk, escapes, utf16 })) {
      expect(findBinaryEvidence(decodeBytes(bytes)), name).toBeUndefined();
      expect(lint(bytes).diagnostics.map((d) => d.code), name).not.toContain('KA119');
    }
    expect(lint(utf16).diagnostics.map((d) => d.code)).toContain('KA117');
  });
});

describe.skipIf(!keepalivedAvailable())('what keepalived 2.2.7 does with them', () => {
  it('reads binary data as lines, with a message for nearly every one; a stray NUL ends its line only', () => {
    const run = runKeepalived(decodeBytes(ELF));
    expect(run.messages.filter((m) => /Unknown keyword|Unexpected '\{'|Unmatched quote|Unterminated quote|missing '\}'/.test(m.message)).length).toBeGreaterThan(3);
    const nul = runKeepalived('global_defs {\n    router_id a\0 bogus1\n    bogus2\n}\n');
    expect(nul.messages.map((m) => m.message)).toEqual(["Unknown keyword 'bogus2'"]);
  });
});

describe('the command line', () => {
  let dir: string;
  const kalint = (args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  beforeAll(() => {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
    dir = mkdtempSync(join(tmpdir(), 'kalint-binary-'));
    writeFileSync(join(dir, 'backup.tar.gz'), gzipSync(Buffer.from(CONFIG.repeat(40))));
    writeFileSync(join(dir, 'program'), ELF);
    chmodSync(join(dir, 'program'), 0o755);
    mkdirSync(join(dir, 'etc'));
    writeFileSync(join(dir, 'etc/keepalived.conf'), CONFIG);
    writeFileSync(join(dir, 'etc/keepalived'), ELF);
    writeFileSync(join(dir, 'etc/lb.conf'), Buffer.concat([Buffer.from('vrrp_instance VI_1 {\n'), NOISE]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a binary named on the command line: one finding, in every format, exit 1', () => {
    const stylish = kalint(['lint', 'backup.tar.gz']);
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toContain('1 problem (1 error, 0 warnings, 0 info)');
    expect(stylish.stdout).toContain('this file is a gzip archive');
    const json = JSON.parse(kalint(['lint', '-f', 'json', 'backup.tar.gz']).stdout) as { code: string; file: string; line: number }[];
    expect(json.map((d) => `${d.file}:${d.line} ${d.code}`)).toHaveLength(1);
    expect(json[0]).toMatchObject({ file: 'backup.tar.gz', code: 'KA119' });
    const sarif = JSON.parse(kalint(['lint', '-f', 'sarif', 'backup.tar.gz']).stdout) as { runs: { results: { ruleId: string }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toEqual(['KA119']);
    expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.id)).toContain('KA119');
    // An executable one: keepalived skips it, and the finding says so.
    const program = kalint(['lint', '-f', 'json', 'program']);
    expect((JSON.parse(program.stdout) as { message: string }[]).map((d) => d.message)).toEqual([expect.stringContaining('keepalived skips it, as it skips every executable configuration file')]);
    // Turned off: read as a config.
    expect((JSON.parse(kalint(['lint', '-f', 'json', '--rule', 'KA119=off', 'backup.tar.gz']).stdout) as unknown[]).length).toBeGreaterThan(1);
    // Beside a config, as cluster nodes: the binary is no node.
    const cluster = kalint(['lint', '-f', 'json', '--cluster', 'etc/keepalived.conf', 'backup.tar.gz']);
    expect((JSON.parse(cluster.stdout) as { code: string; file: string }[]).filter((d) => d.file === 'backup.tar.gz').map((d) => d.code)).toEqual(['KA119']);
  });

  it('a directory search still leaves binaries out (an ELF file named for keepalived, NULs in a .conf not named for it)', () => {
    const r = kalint(['lint', '-f', 'gnu', 'etc']);
    expect(r.stdout).not.toContain('etc/keepalived:');
    expect(r.stdout).not.toContain('etc/lb.conf');
    expect(r.code).toBe(0);
  });
});

// A binary file an include reads (`include conf.d/*` over a folder where a backup archive landed): keepalived reads
// its bytes as lines, as it does a binary named on the command line (2.2.7 -t: 20 messages for a 1 KB .tgz). One
// finding on the include line instead of one per line of bytes; the text files it reads are linted as usual.
describe('an included binary file is one finding on its include line (KA119)', () => {
  const archive = decodeBytes(gzipSync(Buffer.from(CONFIG.repeat(20))));
  const files: Record<string, string> = {
    'conf.d/backup.tgz': archive,
    'conf.d/vi.conf': 'vrrp_instance VI_2 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 52\n    priority 90\n    virtual_ipaddress {\n        192.168.1.11/24\n    }\n}\n',
  };
  const host = { readFile: (p: string) => files[p], readDir: () => undefined };
  const main = 'global_defs {\n    router_id lb1\n}\ninclude conf.d/backup.tgz\ninclude conf.d/vi.conf\n';
  it('names the file and what it is, and reports nothing inside it', () => {
    const d = lintText(main, { file: 'keepalived.conf', host }).diagnostics;
    expect(d.map((x) => `${x.file}:${x.range.start.line + 1}:${x.code}`)).toEqual(['keepalived.conf:4:KA119']);
    expect(d[0]!.message).toContain('this include reads conf.d/backup.tgz, which is a gzip archive');
    expect(d[0]!.related?.[0]?.file).toBe('conf.d/backup.tgz');
  });
  it('with KA119 off, reports what keepalived reads in it', () => {
    const d = lintText(main, { file: 'keepalived.conf', host, severities: { KA119: 'off' } }).diagnostics;
    expect(d.filter((x) => x.file === 'conf.d/backup.tgz').length).toBeGreaterThan(5);
  });
});

