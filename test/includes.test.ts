// Configs cut into included files, as keepalived reads them: where a finding about a block's end lands when the block
// spans files, how releases before 2.1.4 read an included file (a stream of its own), and the include fuzzer's pieces.
// Each case is a directory of files; the release builds that gave the facts are run on the same files when present.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inDir } from './helpers/scratch.js';
import { lintText } from '../server/src/linter.js';
import { analyze } from '../server/src/core/index.js';
import type { Diagnostic } from '../server/src/core/diagnostics.js';
import { hostWithin } from '../scripts/fuzz-differential.js';
import { parseKeepalivedStderr } from '../scripts/keepalived-output.js';
import { makeRng } from '../scripts/fuzz-mutations.js';
import { RUN_DIR, splitIntoIncludes } from '../scripts/fuzz-includes.js';
import { releaseBinary } from './helpers/releases.js';

type Files = Record<string, string>;

/** kalint's findings as `FILE:LINE CODE`, FILE relative to the directory. */
function lint(files: Files, target?: string, codes?: string[]): string[] {
  return inDir(files, (dir) => {
    const main = join(dir, 'keepalived.conf');
    const diagnostics = lintText(files['keepalived.conf']!, { file: main, configId: 'x', host: hostWithin(dir), targetVersion: target }).diagnostics;
    return diagnostics.filter((d: Diagnostic) => !codes || codes.includes(d.code)).map((d) => `${d.file.slice(dir.length + 1)}:${d.range.start.line + 1} ${d.code}`);
  });
}

/** What a keepalived build printed, as `FILE:LINE message` (FILE as it named it, '' when it named none). */
function keepalivedSays(binary: string, files: Files): string[] {
  return inDir(files, (dir) => {
    const r = spawnSync(binary, ['-t', '-f', 'keepalived.conf', '-i', 'x'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    return parseKeepalivedStderr(r.stderr ?? '').filter((m) => m.line !== undefined).map((m) => `${m.file ?? ''}:${m.line} ${m.message}`);
  });
}

/** What a keepalived build wrote on stderr for `files`, unparsed (a message may hold a CR, which a line parser cuts). */
function rawStderr(binary: string, files: Files): string {
  return inDir(files, (dir) => spawnSync(binary, ['-t', '-f', 'keepalived.conf', '-i', 'x'], { cwd: dir, encoding: 'utf8', timeout: 20_000 }).stderr ?? '');
}

describe('a block that ends in another file than it starts in', () => {
  // A real_server opened in an included file and closed in the main one: keepalived checks it at its '}' (found with
  // the include fuzzer, 2.2.7: kalint had reported at the included file's real_server line).
  const files: Files = {
    'keepalived.conf': 'virtual_server 2001:db8::1 80 {\n  protocol TCP\n  include conf.d/rs.conf\n  }\n}\n',
    'conf.d/rs.conf': '  real_server 192.0.2.1 80 {\n    weight 1\n',
  };
  it("reports keepalived's end-of-block checks at the '}' line, in its file", () => {
    expect(lint(files, undefined, ['KA527'])).toEqual(['keepalived.conf:4 KA527']);
  });
  const binary = releaseBinary('2.2.7');
  it.skipIf(!binary)('as keepalived 2.2.7 -t does', () => {
    expect(keepalivedSays(binary!, files).filter((m) => m.includes("don't match"))).toEqual([
      "keepalived.conf:4 Address family of virtual server and real server 192.0.2.1 don't match - skipping real server.",
    ]);
  });
});

describe('a multi-line definition open at the end of an included file', () => {
  // keepalived reads the definition's next line from whichever file comes next: the next file of the pattern, or the
  // line after the include line (found with the include fuzzer and the preprocessor edits, seed 320: kalint ended
  // the definition with the file and read the next line as a keyword line, "Unknown keyword '10.0.0.2\\'").
  const files: Files = {
    'keepalived.conf': 'vrrp_instance V {\n  interface eth0\n  virtual_router_id 1\n  include conf.d/def.conf\n    10.0.0.2 \\\n  }\n  $VIP\n}\n',
    'conf.d/def.conf': '$VIP=virtual_ipaddress { \\\n    10.0.0.1 \\\n',
  };
  it('goes on with the line after the include line, which a scan for backslashes above it does not find', () => {
    expect(lint(files)).toEqual([]);
  });
  const binary = releaseBinary('2.2.7');
  it.skipIf(!binary)('as keepalived 2.2.7 -t reads it: both addresses, no unknown keyword', () => {
    expect(keepalivedSays(binary!, files).filter((m) => !/doesn't exist/.test(m))).toEqual([]);
    // An empty line after the include line ends the definition: then '10.0.0.2 \\' is an unknown keyword, and so
    // is the definition's own first line where the top level reads it.
    const broken = { ...files, 'keepalived.conf': files['keepalived.conf']!.replace('  include conf.d/def.conf\n', '  include conf.d/def.conf\n\n') };
    expect(keepalivedSays(binary!, broken)).toContain("keepalived.conf:6 Unknown keyword '10.0.0.2\\'");
    expect(lint(broken, undefined, ['KA201'])).toEqual(['keepalived.conf:6 KA201', 'keepalived.conf:8 KA201']);
  });
});

describe('an include line inside a multi-line definition', () => {
  // Mutation fuzzing, seed 557 (2.2.7): keepalived's parent writes an empty line for every include line into the copy
  // its VRRP and checker processes read, and an empty line ends a multi-line definition. For them $VS ends at line 3:
  // lines 4 to 6 are read where they stand (line 5, an include line, is empty for them), and where $VS is used the
  // included file follows its lines, inside the virtual_server. The parent reads $VS to its end and the included
  // file after it, at the top level. kalint had read it the parent's way only, and missed every message of the others.
  const files: Files = {
    'keepalived.conf': '$VS=virtual_server 10.0.0.1 80 { \\\n    lb_algo rr \\\n    include rs.conf \\\n    protocol TCP \\\n    include missing.conf \\\n}\n$VS\n',
    'rs.conf': 'real_server 10.0.0.5 80 {\n  weight 1\n}\n',
  };
  it('ends the definition there for the VRRP and checker processes, and adds what the parent reads otherwise', () => {
    expect(lint(files)).toEqual([
      'keepalived.conf:3 KA115',
      'keepalived.conf:4 KA202',
      'keepalived.conf:6 KA101',
      'keepalived.conf:7 KA102',
      'keepalived.conf:7 KA110',
      'keepalived.conf:7 KA507',
      'keepalived.conf:7 KA509',
      'rs.conf:1 KA202',
      'rs.conf:1 KA103',
      'rs.conf:2 KA202',
      'rs.conf:3 KA103',
    ]);
    // The parent's findings say whose they are.
    expect(inDir(files, (dir) => lintText(files['keepalived.conf']!, { file: join(dir, 'keepalived.conf'), host: hostWithin(dir) }).diagnostics.filter((d) => d.file.endsWith('rs.conf')).every((d) => /parent process reads the file/.test(d.message)))).toBe(true);
    // An include line that is the definition's last line splits nothing: the files follow the value either way.
    const last = { ...files, 'keepalived.conf': '$VS=virtual_server 10.0.0.1 80 { \\\n    protocol TCP \\\n    lb_algo rr \\\n    include rs.conf\n}\n$VS\n' };
    expect(lint(last, undefined, ['KA115', 'KA202'])).toEqual([]);
    // Before 2.2.0 every process reads the file itself: the definition goes on, and the included file comes after it.
    expect(lint(files, '2.1.5')).toEqual(['keepalived.conf:7 KA110', 'keepalived.conf:7 KA503', 'rs.conf:1 KA202', 'rs.conf:1 KA103', 'rs.conf:2 KA202', 'rs.conf:3 KA103']);
  });
  const binary = releaseBinary('2.2.7');
  it.skipIf(!binary)('as keepalived 2.2.7 -t reads it', () => {
    expect([...new Set(keepalivedSays(binary!, files))].sort()).toEqual([
      // The parent names the file it is about to read when a later include line of the value fails.
      "keepalived.conf:4 Unknown keyword 'protocol'",
      "keepalived.conf:6 Extra '}' found",
      "keepalived.conf:6 Unknown keyword '}'",
      "rs.conf:0 Config files missing 'missing.conf'.",
      "rs.conf:1 Unexpected '{' - ignoring",
      "rs.conf:1 Unknown keyword 'real_server'",
      "rs.conf:2 Unknown keyword 'weight'",
      "rs.conf:3 Unknown keyword '}'",
    ]);
  });
});

describe('include_check brace_match: a `{a,b}` pattern with a missing file reads none of its files', () => {
  // Found by the include fuzzer (generated configs, 2.2.7): with include_check brace_match, keepalived read nothing
  // of 'include conf.d/{part1,nothing-here}.conf' and reported the next lines at the top level.
  const a = 'bogus_in_a\n';
  const withCheck = (check: string, include = 'include {a,b}.conf'): Files => ({ 'keepalived.conf': `global_defs {\n  ${check}\n}\n${include}\n`, 'a.conf': a });
  it('reads nothing of the pattern with the check on, from include_check or includeb/includea', () => {
    for (const files of [withCheck('include_check brace_match'), withCheck('include_check'), withCheck('include_check read +brace_match'), withCheck('router_id x', 'includeb {a,b}.conf'), withCheck('router_id x', 'includea {a,b}.conf')]) {
      expect(lint(files, undefined, ['KA110', 'KA201'])).toEqual(['keepalived.conf:4 KA110']);
    }
    expect(lint(withCheck('include_check brace_match'))[0]).toBeDefined();
  });
  it('reads the files that exist without it, or with the check taken off', () => {
    for (const files of [withCheck('router_id x'), withCheck('include_check match'), withCheck('include_check -brace_match')]) {
      expect(lint(files, undefined, ['KA201'])).toEqual(['a.conf:1 KA201']);
    }
  });
  const binary = releaseBinary('2.2.7');
  it.skipIf(!binary)('as keepalived 2.2.7 -t does', () => {
    expect(keepalivedSays(binary!, withCheck('include_check brace_match')).filter((m) => m.includes('bogus'))).toEqual([]);
    expect(keepalivedSays(binary!, withCheck('include_check -brace_match')).filter((m) => m.includes('bogus')).length).toBeGreaterThan(0);
    expect(keepalivedSays(binary!, withCheck('router_id x', 'includeb {a,b}.conf')).filter((m) => m.includes('bogus'))).toEqual([]);
  });
});

describe('an included file before 2.1.4, whose outer-level "}" ends the instance for the processes skipping it', () => {
  // Found by the include fuzzer against 2.0.19 (seed 119, case 155): the '}' ends the file for the instance's own
  // process and the instance for the others, which then read 'vrrp_script chk_1 {' at the top level and skip its
  // block: 2.0.19 prints nothing about its lines.
  const files: Files = {
    'keepalived.conf': 'vrrp_instance VI_1 {\n  interface eth0\n  include conf.d/part0.conf\n',
    'conf.d/part0.conf': '  virtual_router_id 51\n  garp_master_refresh 55\n}\nvrrp_script chk_1 {\n  fall 95\n  init_fail\n}\n',
  };
  it('reports nothing on the lines of the block they skip', () => {
    expect(lint(files, '2.0.19', ['KA104', 'KA201', 'KA202', 'KA103'])).toEqual([]);
  });
  const binary = releaseBinary('2.0.19');
  it.skipIf(!binary)('as keepalived 2.0.19 -t does', () => {
    expect(keepalivedSays(binary!, files).filter((m) => /conf\.d|part0/.test(m) || /Unknown keyword|Unexpected/.test(m))).toEqual([]);
  });
});

describe('include_check set in an included file ends with that file', () => {
  // Found by the include fuzzer (seed 100): keepalived saves include_check when it opens an include's files and puts
  // it back at the end of each (lib/parser.c, end_file), so a global_defs in an included file checks nothing after it.
  const inIncluded: Files = { 'keepalived.conf': 'include g.conf\ninclude {a,b}.conf\n', 'g.conf': 'global_defs {\n  include_check\n}\n', 'a.conf': 'bogus_in_a\n' };
  const inMain: Files = { 'keepalived.conf': 'global_defs {\n  include_check\n}\ninclude {a,b}.conf\n', 'a.conf': 'bogus_in_a\n' };
  it('reads the pattern\'s files after the included file ends, not after a global_defs of the main file', () => {
    expect(lint(inIncluded, undefined, ['KA201'])).toEqual(['a.conf:1 KA201']);
    expect(lint(inMain, undefined, ['KA201'])).toEqual([]);
  });
  const binary = releaseBinary('2.2.7');
  it.skipIf(!binary)('as keepalived 2.2.7 -t does', () => {
    expect(keepalivedSays(binary!, inIncluded).filter((m) => m.includes('bogus')).length).toBeGreaterThan(0);
    expect(keepalivedSays(binary!, inMain).filter((m) => m.includes('bogus'))).toEqual([]);
  });
});

describe('an included file before 2.1.4: a stream of its own', () => {
  // A block opened in an included file ends with it: 2.0.19 reads the next file's vrrp_instance at the top level, and
  // the '}' meant for the first block is a top-level '}'. 2.1.5 reads on inside the block.
  const leftOpen: Files = {
    'keepalived.conf': 'include conf.d/*.conf\n',
    'conf.d/a.conf': 'vrrp_instance A {\n  interface eth0\n  virtual_router_id 6\n  virtual_ipaddress {\n    10.1.1.1\n  }\n',
    'conf.d/b.conf': 'vrrp_instance B {\n  interface eth0\n  virtual_router_id 7\n  virtual_ipaddress {\n    10.1.1.2\n  }\n  bogusB\n}\n}\n',
  };
  // A '}' at the outer level of a file included inside a block ends the file, not the block.
  const closedInside: Files = {
    'keepalived.conf': 'global_defs {\n  include b.inc\n  bogusMain3\n}\nbogusMain5\n',
    'b.inc': '  bogusInc1\n}\n  bogusInc3\n',
  };
  // A file included inside a value block is read as keywords of the block around it; what it defines at the top
  // level stays there (keepalived then reads the value block on).
  const inValueBlock: Files = {
    'keepalived.conf': 'static_routes {\n  192.0.2.0/24 dev eth0\n  include part.conf\n  192.0.2.64/26 dev eth0\n}\n',
    'part.conf': '192.0.2.128/25 dev eth0\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_ipaddress {\n    192.0.2.100/24\n  }\n}\n',
  };
  const quoted: Files = {
    'keepalived.conf': 'include "a.conf"\n',
    'a.conf': 'vrrp_instance A {\n  interface eth0\n  virtual_router_id 6\n  bogusA\n  virtual_ipaddress {\n    10.1.1.1\n  }\n}\n',
  };

  it('ends the blocks opened in the file at its end (2.0.19), reads on into the next file (2.1.5)', () => {
    const codes = ['KA201', 'KA202', 'KA103', 'KA101'];
    expect(lint(leftOpen, '2.0.19', codes)).toEqual(['conf.d/b.conf:7 KA201', 'conf.d/b.conf:9 KA103']);
    expect(lint(leftOpen, '2.1.5', codes)).toEqual(['conf.d/b.conf:1 KA202', 'conf.d/b.conf:1 KA103', 'conf.d/b.conf:7 KA201', 'conf.d/b.conf:9 KA103']);
  });
  it("stops reading a file at a '}' that would end the block around it, and says so", () => {
    const found = lint(closedInside, '2.0.19');
    expect(found).toContain('b.inc:2 KA114');
    expect(found).toContain('keepalived.conf:4 KA101');
    // The process reading global_defs stops there; the processes skipping the block by its braces read on at the top level.
    expect(found.filter((f) => f.startsWith('b.inc:3'))).toEqual(['b.inc:3 KA104']);
    expect(lint(closedInside, '2.1.5')).toContain('b.inc:3 KA201');
  });
  it('keeps what a file included in a value block defines at the top level (2.0.19)', () => {
    expect(lint(inValueBlock, '2.0.19', ['KA201'])).toEqual(['part.conf:1 KA201']);
    expect(lint(inValueBlock, '2.0.19', ['KA300'])).toEqual(['part.conf:2 KA300']);
  });
  it('reads a quoted pattern without its quotes before 2.1.4, as part of the name after', () => {
    expect(lint(quoted, '2.0.19', ['KA201', 'KA110'])).toEqual(['a.conf:4 KA201']);
    expect(lint(quoted, '2.2.7', ['KA201', 'KA110'])).toEqual(['keepalived.conf:1 KA110']);
    const said = inDir(quoted, (dir) => lintText(quoted['keepalived.conf']!, { file: join(dir, 'keepalived.conf'), host: hostWithin(dir) }).diagnostics.find((d) => d.code === 'KA110')!.message);
    expect(said).toContain('the double quotes are part of the file name: write the path without them');
  });

  const old = releaseBinary('2.0.19');
  it.skipIf(!old)('as the 2.0.19 build reads them', () => {
    // Its first reading names no included file; the others name one as FILE:N once a pattern matched several.
    expect(keepalivedSays(old!, leftOpen)).toEqual(expect.arrayContaining(['conf.d/b.conf:7 Unknown keyword \'bogusB\'', "conf.d/b.conf:9 Unknown keyword '}'"]));
    expect(keepalivedSays(old!, leftOpen).some((m) => m.includes("Unknown keyword 'vrrp_instance'"))).toBe(false);
    const closed = keepalivedSays(old!, closedInside);
    expect(closed).toContain(":4 Extra '}' found");
    // The first reading (of global_defs) stops at b.inc's '}'; the others read its line 3 at the top level.
    expect(closed.slice(0, 4)).toEqual([":1 Unknown keyword 'bogusInc1'", ":3 Unknown keyword 'bogusMain3'", ":4 Extra '}' found", ":5 Unknown keyword 'bogusMain5'"]);
    expect(closed).toContain(":3 Unknown keyword 'bogusInc3'");
    expect(keepalivedSays(old!, inValueBlock)).toEqual(expect.arrayContaining([":1 Unknown keyword '192.0.2.128/25'"]));
    expect(keepalivedSays(old!, quoted)).toEqual(expect.arrayContaining([":4 Unknown keyword 'bogusA'"]));
  });
  const newer = releaseBinary('2.1.5');
  it.skipIf(!newer)('and as the 2.1.5 build reads them', () => {
    expect(keepalivedSays(newer!, leftOpen)).toContain("conf.d/b.conf:1 Unknown keyword 'vrrp_instance'");
    expect(keepalivedSays(newer!, closedInside)).toContain("b.inc:3 Unknown keyword 'bogusInc3'");
  });
});

describe('the include fuzzer', () => {
  const text = 'global_defs {\n  router_id a\n}\nvrrp_instance V {\n  interface eth0\n  virtual_router_id 5\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n';
  it('cuts a config the same way for a seed, and moves every line into exactly one file', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const a = splitIntoIncludes(text, makeRng(seed), [2, 2, 7]);
      expect(splitIntoIncludes(text, makeRng(seed), [2, 2, 7])).toEqual(a);
      const kept = [a.main, ...a.files.map((f) => f.text)].join('\n').split('\n').filter((l) => l.trim() && !/^\s*include\s/.test(l));
      expect(kept.sort(), `seed ${seed}`).toEqual(text.split('\n').filter((l) => l.trim()).sort());
      for (const line of a.main.split('\n')) if (line.includes(RUN_DIR)) expect(line).toMatch(/^\s*include @RUN_DIR@\//);
    }
  });
  it('writes one-word include patterns for releases before 2.1.4 (no trailing comment)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const a = splitIntoIncludes(text, makeRng(seed), [2, 0, 19]);
      for (const f of [a.main, ...a.files.map((x) => x.text)]) expect(f).not.toMatch(/include \S+ +#/);
    }
  });
});

describe('an include error that a check makes an error refuses the whole configuration (2.2.0 and later)', () => {
  // Found by the include fuzzer (seed 143, case 990): with include_check, keepalived 2.2.7 -t printed only "Config
  // files missing" and exited 6; its main process reads the file and stops before the VRRP and checker processes read
  // it (the daemon too: "Stopped Keepalived", exit 6). Without the check the file is only skipped.
  const config = (global: string, include = 'include missing.conf') => ({
    'keepalived.conf': `global_defs {\n  ${global}\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  bogus_in_instance\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n${include}\n`,
  });
  const ka110 = (files: Files, target?: string) =>
    inDir(files, (dir) => lintText(files['keepalived.conf']!, { file: join(dir, 'keepalived.conf'), configId: 'x', host: hostWithin(dir), targetVersion: target }).diagnostics.filter((d) => d.code === 'KA110'));
  it('says so where include_check or a strict include keyword makes the missing file an error', () => {
    for (const [files, by] of [[config('include_check'), "'include_check' in global_defs"], [config('router_id x', 'includem missing.conf'), "'includem'"]] as const) {
      const [d] = ka110(files);
      expect(d?.severity).toBe('error');
      expect(d?.message).toContain(`with ${by} that is a configuration file error: keepalived refuses the whole configuration, starts nothing and exits with status 6`);
    }
    expect(ka110(config('router_id x'))[0]?.message).not.toContain('refuses');
    expect(ka110(config('router_id x'))[0]?.severity).toBe('warning');
  });
  const binary = releaseBinary('2.2.7');
  it.skipIf(!binary)('as keepalived 2.2.7 -t does: exit 6, and the VRRP process never reads the file', () => {
    const run = (files: Files) =>
      inDir(files, (dir) => spawnSync(binary!, ['-t', '-f', 'keepalived.conf', '-i', 'x'], { cwd: dir, encoding: 'utf8', timeout: 20_000 }));
    const refused = run(config('include_check'));
    expect(refused.status).toBe(6);
    expect(refused.stderr).toContain("Config files missing 'missing.conf'");
    expect(refused.stderr).not.toContain('bogus_in_instance');
    expect(run(config('router_id x')).stderr).toContain('bogus_in_instance');
  });
});

describe("what follows an include keyword, as keepalived's include check reads it (from 2.1.4)", () => {
  // Found with the differential fuzzer (seed 633: `include\r# comment` in a CRLF file). keepalived takes the rest of the
  // line after the keyword's one separating character, without its comment and without the blanks and tabs at its end
  // only: a CR before the comment stays, and the pattern is then empty or a CR.
  const head = 'global_defs {\n  router_id a\n}\n';
  const vrrp = 'vrrp_instance V {\n  interface eth0\n  virtual_router_id 1\n  prio 1\n}\n';
  const cases: [string, string, string[]][] = [
    ['a CR before the comment: an include of nothing', 'include\r# conf.d\n', ['keepalived.conf:4 KA110']],
    ['a blank and a CR before the comment: an include of a file named CR', 'include \r# conf.d\n', ['keepalived.conf:4 KA110']],
    ['a CR at the end of the line is the line end: the keyword alone', 'include \r\n', ['keepalived.conf:4 KA201']],
    ['a double quote right after the keyword: the keyword and a string', 'include"inc.conf"\n', ['keepalived.conf:4 KA201']],
    ['a form feed after the keyword separates it from 2.2.0', 'include\finc.conf\n', ['inc.conf:4 KA201']],
  ];
  for (const [what, line, expected] of cases) {
    it(what, () => {
      expect(lint({ 'keepalived.conf': head + line, 'inc.conf': vrrp }, undefined, ['KA110', 'KA201'])).toEqual(expected);
    });
  }
  it('needs a blank or a tab after the keyword in 2.1.x: a CR or form feed makes the line an unknown keyword, and says why', () => {
    expect(lint({ 'keepalived.conf': head + 'include\finc.conf\n', 'inc.conf': vrrp }, '2.1.5', ['KA110', 'KA201', 'KA207'])).toEqual(['keepalived.conf:4 KA207']);
    expect(lint({ 'keepalived.conf': head + 'include\rinc.conf\n', 'inc.conf': vrrp }, '2.1.5', ['KA110', 'KA201', 'KA207'])).toEqual(['keepalived.conf:4 KA207']);
    const text = head + 'include\rinc.conf\n';
    const message = inDir({ 'keepalived.conf': text, 'inc.conf': vrrp }, (dir) => lintText(text, { file: join(dir, 'keepalived.conf'), host: hostWithin(dir), targetVersion: '2.1.5' }).diagnostics.find((d) => d.code === 'KA207')?.message);
    expect(message).toMatch(/only with a blank or a tab after 'include', and a carriage return follows it/);
  });
  it('says why an include names no file', () => {
    const text = head + 'include\r# conf.d\n';
    const message = inDir({ 'keepalived.conf': text }, (dir) => lintText(text, { file: join(dir, 'keepalived.conf'), host: hostWithin(dir) }).diagnostics.find((d) => d.code === 'KA110')?.message);
    expect(message).toMatch(/names no file.*includes nothing/);
  });
  for (const [version, cases2] of [
    ['2.2.7', cases],
    ['2.1.5', [['', 'include\finc.conf\n', ['keepalived.conf:4 KA201']] as [string, string, string[]]]],
  ] as const) {
    const binary = releaseBinary(version);
    it.skipIf(!binary)(`as keepalived ${version} -t reads them`, () => {
      for (const [, line, expected] of cases2) {
        // Raw stderr: a message naming a file called CR is cut in two by a line parser.
        const stderr = rawStderr(binary!, { 'keepalived.conf': head + line, 'inc.conf': vrrp });
        expect({
          line,
          unknownHere: /Line 4\) Unknown keyword 'include'/.test(stderr),
          readInc: stderr.includes("Unknown keyword 'prio'"),
          missing: stderr.includes("Config files missing '\r'"),
        }).toEqual({
          line,
          unknownHere: expected.includes('keepalived.conf:4 KA201'),
          readInc: expected.includes('inc.conf:4 KA201'),
          missing: line.startsWith('include \r#'),
        });
      }
    });
  }
});

describe('backslashes in an include line', () => {
  // keepalived's comment pass glues a line-ending backslash to what is before it, and glob(3) reads a backslash in a
  // pattern as an escape, matching the pattern against the directory (so keepalived counts it a wildcard pattern).
  const head = 'global_defs {\n  router_id a\n}\n';
  const vrrp = 'vrrp_instance V {\n  interface eth0\n  virtual_router_id 1\n  prio 1\n}\n';
  const files = (line: string): Files => ({ 'keepalived.conf': head + line, 'inc.conf': vrrp });
  it('finds the file an escaped pattern names (inc\\.conf is inc.conf)', () => {
    expect(lint(files('include inc\\.conf\n'), undefined, ['KA110', 'KA201'])).toEqual(['inc.conf:4 KA201']);
    expect(lint(files('include \\inc.conf\n'), undefined, ['KA110', 'KA201'])).toEqual(['inc.conf:4 KA201']);
  });
  it('takes an escaped pattern that matches nothing as a wildcard one: a note, an error only with the wildcard check', () => {
    const missing = (line: string) => inDir(files(line), (dir) => lintText(head + line, { file: join(dir, 'keepalived.conf'), host: hostWithin(dir) }).diagnostics.filter((d) => d.code === 'KA110').map((d) => d.severity));
    expect(missing('include nothere\\.conf\n')).toEqual(['info']);
    expect(missing('includem nothere\\.conf\n')).toEqual(['info']);
    expect(missing('includew nothere\\.conf\n')).toEqual(['error']);
  });
  it('reads a backslash that ends the line as the end of the pattern, which then matches nothing', () => {
    expect(lint(files('include inc.conf \\\n'), undefined, ['KA110', 'KA201'])).toEqual(['keepalived.conf:4 KA110']);
    expect(lint(files('include inc.conf # note \\\n'), '2.2.7', ['KA110', 'KA201'])).toEqual(['keepalived.conf:4 KA110']);
    // From 2.4.0 the comment pass stops at the comment.
    expect(lint(files('include inc.conf # note \\\n'), '2.4.3', ['KA110', 'KA201'])).toEqual(['inc.conf:4 KA201']);
  });
  it("reads 'include \\' as the word 'include\\'", () => {
    expect(lint(files('include \\\n'), undefined, ['KA110', 'KA201'])).toEqual(['keepalived.conf:4 KA201']);
    expect(lint(files('include \\\n'), '2.0.19', ['KA110', 'KA201'])).toEqual(['keepalived.conf:4 KA201']);
  });
  it('counts the glued backslash in the one word after include before 2.1.4 (2.0.9 and later glue it)', () => {
    // `include inc.conf \` is 'include' and 'inc.conf\': an include of a pattern that matches nothing, not a keyword line.
    expect(lint(files('include inc.conf \\\n'), '2.0.19', ['KA110', 'KA201', 'KA207'])).toEqual(['keepalived.conf:4 KA110']);
    // A quoted word ends at its quote, so the backslash stays a third word.
    expect(lint(files('include "inc.conf" \\\n'), '2.0.19', ['KA110', 'KA201', 'KA207'])).toEqual(['keepalived.conf:4 KA207']);
  });
  const binary2019 = releaseBinary('2.0.19');
  it.skipIf(!binary2019)('as keepalived 2.0.19 -t reads them', () => {
    const run = (line: string) => rawStderr(binary2019!, files(line));
    expect(run('include inc.conf \\\n')).not.toMatch(/Unknown keyword/);
    expect(run('include "inc.conf" \\\n')).toContain("Unknown keyword 'include'");
    expect(run('include \\\n')).toContain("Unknown keyword 'include\\'");
  });
  const binary = releaseBinary('2.2.7');
  it.skipIf(!binary)('as keepalived 2.2.7 -t reads them', () => {
    const run = (line: string) => rawStderr(binary!, files(line));
    expect(run('include inc\\.conf\n')).toContain("Unknown keyword 'prio'");
    expect(run('include nothere\\.conf\n')).not.toContain('missing');
    expect(run('includew nothere\\.conf\n')).toContain("No config files matched 'nothere\\.conf'.");
    expect(run('include inc.conf \\\n')).not.toContain("Unknown keyword 'prio'");
    expect(run('include inc.conf # note \\\n')).not.toContain("Unknown keyword 'prio'");
    expect(run('include \\\n')).toContain("Unknown keyword 'include\\'");
  });
  const binary243 = releaseBinary('2.4.3');
  it.skipIf(!binary243)('as keepalived 2.4.3 -t reads a backslash after a comment', () => {
    const stderr = rawStderr(binary243!, files('include inc.conf # note \\\n'));
    expect(stderr).toContain("Unknown keyword 'prio'");
  });
});

describe('glob bracket expressions in include patterns', () => {
  const head = 'global_defs {\n  router_id a\n}\n';
  const vrrp = 'vrrp_instance V {\n  interface eth0\n  virtual_router_id 1\n  prio 1\n}\n';
  const files = (line: string): Files => ({ 'keepalived.conf': head + line, 'inc.conf': vrrp });
  it("takes a ']' first in the set as a member (glob(3): [] i] matches ']' or 'i')", () => {
    expect(lint(files('include []i]nc.conf\n'), undefined, ['KA110', 'KA201'])).toEqual(['inc.conf:4 KA201']);
    expect(lint(files('include [^]x]nc.conf\n'), undefined, ['KA110', 'KA201'])).toEqual(['inc.conf:4 KA201']);
    expect(lint(files('include [^i]nc.conf\n'), undefined, ['KA201'])).toEqual([]);
  });
  it('knows the POSIX classes in a set ([[:alpha:]])', () => {
    expect(lint(files('include [[:alpha:]]nc.conf\n'), undefined, ['KA110', 'KA201'])).toEqual(['inc.conf:4 KA201']);
    expect(lint(files('include [^[:digit:]]nc.conf\n'), undefined, ['KA110', 'KA201'])).toEqual(['inc.conf:4 KA201']);
    expect(lint(files('include [[:digit:]]nc.conf\n'), undefined, ['KA110', 'KA201'])).toEqual(['keepalived.conf:4 KA110']);
  });
  it("cuts the pattern at a '!' that would negate a set: keepalived's comment pass sees it first", () => {
    expect(lint(files('include [!x]nc.conf\n'), undefined, ['KA110', 'KA201'])).toEqual(['keepalived.conf:4 KA110']);
  });
  const binary = releaseBinary('2.2.7');
  it.skipIf(!binary)('as keepalived 2.2.7 -t reads them', () => {
    const run = (line: string) => rawStderr(binary!, files(line));
    expect(run('include []i]nc.conf\n')).toContain("Unknown keyword 'prio'");
    expect(run('include [^]x]nc.conf\n')).toContain("Unknown keyword 'prio'");
    expect(run('include [^i]nc.conf\n')).not.toContain("Unknown keyword 'prio'");
    expect(run('include [!x]nc.conf\n')).not.toContain("Unknown keyword 'prio'");
    expect(run('include [[:alpha:]]nc.conf\n')).toContain("Unknown keyword 'prio'");
    expect(run('include [[:digit:]]nc.conf\n')).not.toContain("Unknown keyword 'prio'");
  });
});

describe('what glob could not find on the way (2.2.0 and later count it)', () => {
  // keepalived 2.2.0 (73120d9e) passes glob(3) hooks that count the folders it cannot open and the names it cannot
  // find. A pattern whose folder is missing (`include /etc/keepalived/conf.d/*.conf` on a machine without conf.d) is
  // then "Config files missing", an error with the match check, and not a wildcard that matched nothing; a folder
  // pattern where some folders lack the name is "Some config files missing", which the brace_match check refuses.
  const vrrp = 'vrrp_instance V {\n  interface eth0\n  virtual_router_id 1\n  prio 1\n}\n';
  const files = (line: string, global = ''): Files => ({ 'keepalived.conf': `global_defs {\n  router_id a\n${global}}\n${line}`, 'sub1/x.conf': vrrp, 'sub2/y.conf': '\n' });
  /** KA110's severities and what it quotes of keepalived, and whether sub1/x.conf was read. */
  const said = (line: string, global = '', target?: string) =>
    inDir(files(line, global), (dir) => {
      const all = lintText(files(line, global)['keepalived.conf']!, { file: join(dir, 'keepalived.conf'), configId: 'x', host: hostWithin(dir), targetVersion: target }).diagnostics;
      const ka110 = all.filter((d) => d.code === 'KA110').map((d) => `${d.severity} ${/keepalived: "([^"]+)"/.exec(d.message)?.[1] ?? '-'}`);
      return [...ka110, all.some((d) => d.code === 'KA201' && d.file.endsWith('x.conf')) ? 'read' : 'not read'];
    });
  const cases: [line: string, global: string, expected: string[], keepalived: string | undefined][] = [
    ['include nothere/*.conf\n', '', ['warning Config files missing', 'not read'], 'Config files missing'],
    ['includem nothere/*.conf\n', '', ['error Config files missing', 'not read'], 'Config files missing'],
    ['include nothere\\.d/*.conf\n', '', ['warning Config files missing', 'not read'], 'Config files missing'],
    ['include sub1/nothere/*.conf\n', '', ['warning Config files missing', 'not read'], 'Config files missing'],
    ['include sub*/z.conf\n', '', ['warning Config files missing', 'not read'], 'Config files missing'],
    ['include */x.conf\n', '', ['warning Some config files missing', 'read'], 'Some config files missing'],
    ['include sub[12]/x.conf\n', '', ['warning Some config files missing', 'read'], 'Some config files missing'],
    ['include {sub1,nothere}/*.conf\n', '', ['warning Some config files missing', 'read'], 'Some config files missing'],
    ['include */x.conf\n', '  include_check brace_match\n', ['error Some config files missing', 'not read'], 'Some config files missing'],
    // A wildcard that matches nothing in folders that exist is no missing file.
    ['include no*/x.conf\n', '', ['info -', 'not read'], undefined],
    ['include sub1/*.none\n', '', ['info -', 'not read'], undefined],
  ];
  it('tells a missing folder or name from a wildcard that matched nothing', () => {
    for (const [line, global, expected] of cases) expect(said(line, global), line).toEqual(expected);
  });
  it('before 2.2.0 every miss is silent: no quote of a message keepalived does not print', () => {
    expect(said('include nothere/*.conf\n', '', '2.1.5')).toEqual(['info -', 'not read']);
    expect(said('include */x.conf\n', '', '2.1.5')).toEqual(['read']);
    const [plain] = said('include nothere.conf\n', '', '2.1.5');
    expect(plain).toBe('warning -');
  });
  const binary = releaseBinary('2.2.7');
  it.skipIf(!binary)('as keepalived 2.2.7 -t says', () => {
    for (const [line, global, , message] of cases) {
      const stderr = rawStderr(binary!, files(line, global));
      if (message === 'Config files missing') expect(stderr, line).toMatch(/Config files missing '/);
      else if (message) expect(stderr, line).toContain(message);
      else expect(stderr, line).not.toMatch(/config files missing/i);
    }
  });
  const old = releaseBinary('2.1.5');
  it.skipIf(!old)('as keepalived 2.1.5 -t says: nothing', () => {
    for (const line of ['include nothere/*.conf\n', 'include */x.conf\n', 'include nothere.conf\n']) expect(rawStderr(old!, files(line)), line).not.toMatch(/missing|matched/i);
  });
});

describe('includes made by the rows of nested ~SEQ lines', () => {
  // Include fuzzer, seed 651: keepalived reads the file a row includes only after the whole line, but changes into its
  // folder at once, so every later row of the line, in the inner and the outer ~SEQ alike, resolves its relative
  // include there (2.2.7: "Config files missing" for the three other rows, the file read once, with the last values).
  // kalint had gone back to the including file's folder when the inner ~SEQ ended, read the file twice and reported
  // its vrrp_instance "already defined" (KA209), which keepalived never said.
  const files: Files = {
    'keepalived.conf': '~SEQ(A,1,2) ~SEQ(B,1,2) include conf.d/p.conf\n',
    'conf.d/p.conf': 'vrrp_instance V_${A}_${B} {\n  bogus_${A}_${B}\n}\n',
  };
  it('resolves every later row in the folder of the first included file', () => {
    const found = lint(files, undefined, ['KA110', 'KA201', 'KA209']);
    expect(found).toEqual(['conf.d/p.conf:2 KA201', 'keepalived.conf:1 KA110']);
    const messages = inDir(files, (dir) => lintText(files['keepalived.conf']!, { file: join(dir, 'keepalived.conf'), configId: 'x', host: hostWithin(dir) }).diagnostics.map((d) => d.message));
    expect(messages.some((m) => m.includes("'bogus_2_2'"))).toBe(true);
    expect(messages.some((m) => m.includes("conf.d/conf.d/p.conf'"))).toBe(true);
  });
  const binary = releaseBinary('2.2.7');
  it.skipIf(!binary)('as keepalived 2.2.7 -t reads them', () => {
    const said = keepalivedSays(binary!, files);
    const bogus = said.filter((m) => m.includes('bogus'));
    expect(bogus.length).toBe(1);
    expect(bogus[0]).toContain("Unknown keyword 'bogus_2_2'");
    expect(said.filter((m) => m.includes("Config files missing 'conf.d/p.conf'")).length).toBeGreaterThanOrEqual(3);
  });
});

describe("an empty notification_email block that a file's end ends", () => {
  // Found by the include fuzzer (seed 662, 2.0.20): keepalived's handler warns of an empty block wherever its reading of
  // the block ends, at the file's end too. Before 2.1.4 an included file is a stream of its own, so its end ends the
  // block, and keepalived names the file's last line; at the main file's end 2.1.4 and later give no line.
  const inIncluded: Files = {
    'keepalived.conf': 'global_defs {\n  router_id lb1\n  include conf.d/mail.conf\n}\n',
    'conf.d/mail.conf': '  notification_email {\n  # no address yet\n',
  };
  const atMainEnd: Files = { 'keepalived.conf': 'global_defs {\n  router_id lb1\n  notification_email {\n' };
  it("reports it at the included file's last line before 2.1.4, and at the main file's '}' later", () => {
    expect(lint(inIncluded, '2.0.20', ['KA205'])).toEqual(['conf.d/mail.conf:2 KA205']);
    expect(lint(inIncluded, undefined, ['KA205'])).toEqual(['keepalived.conf:4 KA205']);
  });
  it('reports it at the block at the main file\'s end, where 2.2.7 gives no line; 1.3.5 says nothing of it', () => {
    const found = lintText(atMainEnd['keepalived.conf']!, { file: 'keepalived.conf', configId: 'x' }).diagnostics.filter((d) => d.code === 'KA205');
    expect(found.map((d) => [d.range.start.line + 1, d.message])).toEqual([[3, expect.stringContaining('"Warning - empty notification_email block", given without a line number where the file ends')]]);
    const old = lintText(atMainEnd['keepalived.conf']!, { file: 'keepalived.conf', configId: 'x', targetVersion: '1.3.5' }).diagnostics.filter((d) => d.code === 'KA205');
    expect(old.map((d) => d.message)).toEqual([expect.stringContaining('keepalived 1.3.5 says nothing of it')]);
  });
  const binary = releaseBinary('2.2.7');
  it.skipIf(!binary)('as keepalived 2.2.7 -t does', () => {
    expect(keepalivedSays(binary!, inIncluded)).toContain(':4 Warning - empty notification_email block');
    expect(rawStderr(binary!, atMainEnd)).toMatch(/^Warning - empty notification_email block$/m);
  });
  const old = releaseBinary('2.0.20');
  it.skipIf(!old)('as keepalived 2.0.20 -t does', () => {
    expect(keepalivedSays(old!, inIncluded)).toContain(':2 Warning - empty notification_email block');
    expect(keepalivedSays(old!, atMainEnd)).toContain(':3 Warning - empty notification_email block');
  });
});

describe("what keepalived checks at a block's end, when a file's end ends the block", () => {
  // Include fuzzer seed 662 (2.0.20): a bfd_instance without neighbor_ip is disabled at its block's end, and where the end
  // of a file (an included one before 2.1.4, read as a stream of its own, or the main one) ends it, keepalived before
  // 2.1.4 names that file's last line; 2.1.4 and later give the message without a line, and kalint stays at the name.
  const inIncluded: Files = { 'keepalived.conf': 'include bfd.conf\n', 'bfd.conf': 'bfd_instance b1 {\n  min_tx 100\n# end\n' };
  const atMainEnd: Files = { 'keepalived.conf': 'bfd_instance b1 {\n  min_tx 100\n\n' };
  it("names the file's last line before 2.1.4, the block's name later", () => {
    expect(lint(inIncluded, '2.0.20', ['KA347'])).toEqual(['bfd.conf:3 KA347']);
    expect(lint(atMainEnd, '2.0.20', ['KA347'])).toEqual(['keepalived.conf:3 KA347']);
    expect(lint(inIncluded, undefined, ['KA347'])).toEqual(['bfd.conf:1 KA347']);
    expect(lint(atMainEnd, undefined, ['KA347'])).toEqual(['keepalived.conf:1 KA347']);
  });
  const old = releaseBinary('2.0.20');
  it.skipIf(!old)('as keepalived 2.0.20 -t does', () => {
    expect(keepalivedSays(old!, inIncluded)).toContain(':3 Configuration error: BFD instance b1 has no neighbor address set, disabling instance');
    expect(keepalivedSays(old!, atMainEnd)).toContain(':3 Configuration error: BFD instance b1 has no neighbor address set, disabling instance');
  });
  const binary = releaseBinary('2.2.7');
  it.skipIf(!binary)('as keepalived 2.2.7 -t does: no line', () => {
    expect(rawStderr(binary!, atMainEnd)).toMatch(/^Configuration error: BFD instance b1 has no neighbor address set, disabling instance$/m);
  });
});

describe('a file included twice (a glob, then the file by name)', () => {
  // Common in real setups: `include conf.d/*.conf` and then one of its files again. keepalived reads it twice (found
  // by an audit of repeated blocks, session 57); kalint said "already defined" at the file against itself.
  const files: Files = {
    'keepalived.conf': 'include conf.d/*.conf\ninclude conf.d/vi.conf\n',
    'conf.d/vi.conf': 'vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n',
  };
  it('is said at the second include line, naming the first', () => {
    expect(lint(files, undefined, ['KA114', 'KA209']).sort()).toEqual(['conf.d/vi.conf:1 KA209', 'keepalived.conf:2 KA114']);
    // A template with $ references may be meant to be read more than once: left alone.
    expect(lint({ ...files, 'conf.d/vi.conf': files['conf.d/vi.conf']!.replace('51', '$VRID'), 'keepalived.conf': '$VRID=51\n' + files['keepalived.conf'] }, undefined, ['KA114'])).toEqual([]);
  });
  // One settings snippet included into each of two instances is reuse: each block reads it once (session 60's
  // audit: kalint said everything in it was defined twice; 2.2.7 -t exit 0, the daemon's dump one password each).
  const shared: Files = {
    'keepalived.conf': ['A', 'B'].map((n, i) => `vrrp_instance ${n} {\n  interface eth0\n  virtual_router_id ${5 + i}\n  priority 100\n  include common.inc\n  virtual_ipaddress {\n    10.0.0.${5 + i}\n  }\n}\n`).join(''),
    'common.inc': 'advert_int 1\nauthentication {\n  auth_type PASS\n  auth_pass s3cret\n}\n',
  };
  it('is not said of a snippet included once into each of several blocks, but is into the same block', () => {
    expect(lint(shared, undefined, ['KA114'])).toEqual([]);
    const twiceInA = { ...shared, 'keepalived.conf': shared['keepalived.conf']!.replace('  include common.inc\n', '  include common.inc\n  include common.inc\n') };
    expect(lint(twiceInA, undefined, ['KA114'])).toEqual(['keepalived.conf:6 KA114']);
  });
  const binary = releaseBinary('2.2.7');
  it.skipIf(!binary)('as keepalived 2.2.7 -t reads it', () => {
    expect(keepalivedSays(binary!, files)).toContain('conf.d/vi.conf:1 vrrp instance VI_1 already defined');
    expect(keepalivedSays(binary!, shared)).toEqual([]);
  });
});

// Session 60's missed-mistakes audit: the hint named "line 1" of the including file, where the block was opened in
// the included one ("There are 1 missing '}'s or extra '{'s" from keepalived, which names no line).
describe("a block left open at the end of an included file", () => {
  const files: Files = {
    'keepalived.conf': 'global_defs {\n    router_id lb1\n}\ninclude conf.d/*.conf\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\n',
    'conf.d/a.conf': 'vrrp_script chk {\n    script "/usr/bin/true"\n    interval 2\n',
  };
  it('names the file and line of its opening, and where the } belongs', () => {
    const said = inDir(files, (dir) => lintText(files['keepalived.conf']!, { file: join(dir, 'keepalived.conf'), host: hostWithin(dir) }).diagnostics.find((d) => d.code === 'KA202')!.message.replaceAll(dir + '/', ''));
    expect(said).toContain("the 'vrrp_script chk' block opened at conf.d/a.conf:1 is still open here: is a '}' missing at the end of conf.d/a.conf?");
  });
});

describe('files that each include every file of their folder (`include *.conf` in each)', () => {
  // Session 60's audit: kalint read each file again along every chain of includes, n! reads: 7 files took 5.6 s and
  // gave 95,943 findings, 20 ran out of memory after 136 s. keepalived 2.2.7 never finishes reading such a folder: each
  // read of a file reads every file again, until it runs out of file descriptors, and on ("Config files missing" at
  // each include line, the other messages again and again; -t hangs). kalint reads each file once and says so there.
  const folder = (n: number): Files => {
    const files: Files = { 'keepalived.conf': 'include *.conf\nglobal_defs {\n  router_id a\n}\n' };
    for (let i = 1; i <= n; i++) files[`f${i}.conf`] = 'include *.conf\n';
    files['f3.conf'] = 'include *.conf\nbogus_keyword 1\n';
    return files;
  };
  /** `FILE:LINE CODE` of the findings, with ' hangs' for an include cycle keepalived never finishes reading. */
  const said = (dir: string, diagnostics: Diagnostic[]) =>
    diagnostics.map((d) => `${d.file.slice(dir.length + 1)}:${d.range.start.line + 1} ${d.code}${/never finishes/.test(d.message) ? ' hangs' : ''}`);
  const includeLines = (files: Files) => Object.keys(files).map((f) => `${f}:1 KA111 hangs`).sort();
  for (const n of [8, 20]) {
    it(`reads ${n} of them at once, with one finding for each include line that keepalived never gets past`, () => {
      const files = folder(n);
      inDir(files, (dir) => {
        const options = { file: join(dir, 'keepalived.conf'), configId: 'x', host: hostWithin(dir) };
        const t0 = performance.now();
        const a = analyze(files['keepalived.conf']!, options);
        const linted = lintText(files['keepalived.conf']!, options).diagnostics;
        expect(performance.now() - t0).toBeLessThan(3000);
        // Each file read once: the include lines' findings and one file's unknown keyword, a few for each file.
        expect(a.diagnostics.length).toBeLessThan(3 * (n + 1));
        const found = said(dir, linted);
        expect(found.filter((f) => f.includes('KA111')).sort()).toEqual(includeLines(files));
        expect(found).toContain('f3.conf:2 KA201');
      });
    });
  }
  const binary = releaseBinary('2.2.7');
  it.skipIf(!binary)('as keepalived 2.2.7 -t reads 3 of them: it never finishes, and names each include line', () => {
    const files = folder(3);
    const r = inDir(files, (dir) => spawnSync(binary!, ['-t', '-f', 'keepalived.conf', '-i', 'x'], { cwd: dir, encoding: 'utf8', timeout: 3000, maxBuffer: 256 * 1024 * 1024 }));
    expect(r.signal).toBe('SIGTERM');
    const messages = new Set(parseKeepalivedStderr(r.stderr ?? '').map((m) => `${m.file ?? 'keepalived.conf'}:${m.line} ${m.message}`));
    expect([...messages].filter((m) => m.includes('Config files missing')).map((m) => `${m.split(' ')[0]} KA111 hangs`).sort()).toEqual(includeLines(files));
    expect(messages).toContain("f3.conf:2 Unknown keyword 'bogus_keyword'");
    expect(inDir(files, (dir) => said(dir, lintText(files['keepalived.conf']!, { file: join(dir, 'keepalived.conf'), configId: 'x', host: hostWithin(dir) }).diagnostics)).filter((f) => f.includes('KA111')).sort()).toEqual(includeLines(files));
  });
});

// fuzz62 bug 1: keepalived's parent writes each line to the copy it hands the VRRP and checker processes and leaves out
// only a line that starts with 'include'; `} include f` starts with a brace, so the copy keeps it, and those processes,
// splitting the line at the brace, open f themselves and then read its lines in the copy again (2.2.0 and later; before
// 2.2.0 every process reads the files themselves, once). kalint said nothing.
describe('an include line after a brace on the same line is read twice by the VRRP and checker processes (2.2.0 and later)', () => {
  const vi = 'vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n priority 100\n virtual_ipaddress {\n  192.0.2.9\n }\n}\n';
  const afterClose: Files = { 'keepalived.conf': 'global_defs {\n router_id a\n} include inc/v2.conf\n', 'inc/v2.conf': vi };
  const atLineStart: Files = { 'keepalived.conf': 'global_defs {\n router_id a\n}\n{ include inc/v2.conf\n}\n', 'inc/v2.conf': vi };
  const trackScript: Files = {
    'keepalived.conf': vi.replace(' virtual_ipaddress', ' track_script { include inc/t.conf\n }\n virtual_ipaddress').replace('vrrp_instance', 'vrrp_script chk {\n script /bin/true\n}\nvrrp_instance'),
    'inc/t.conf': 'chk\n',
  };
  const realServer: Files = {
    'keepalived.conf': 'virtual_server 192.0.2.1 80 {\n protocol TCP\n lb_algo rr\n lb_kind NAT\n real_server 192.0.2.3 80 {\n  weight 1\n } include inc/r.conf\n}\n',
    'inc/r.conf': 'real_server 192.0.2.2 80 {\n weight 1\n}\n',
  };
  const ka114 = (files: Files, target?: string) =>
    inDir(files, (dir) =>
      lintText(files['keepalived.conf']!, { file: join(dir, 'keepalived.conf'), configId: 'x', host: hostWithin(dir), targetVersion: target })
        .diagnostics.filter((d) => d.code === 'KA114')
        .map((d) => `${d.file.slice(dir.length + 1)}:${d.range.start.line + 1}:${d.range.start.column + 1} ${d.severity}${/follows a brace/.test(d.message) ? ' brace' : ''}`),
    );
  it('says so at the include, an error where the second read fails -t', () => {
    expect(ka114(afterClose)).toEqual(['inc/v2.conf:1:15 error', 'keepalived.conf:3:3 error brace']);
    expect(ka114(atLineStart)).toEqual(['inc/v2.conf:1:15 error', 'keepalived.conf:4:3 error brace']);
    expect(ka114(trackScript)).toEqual(['keepalived.conf:8:17 warning brace']);
    expect(ka114(realServer)).toEqual(['keepalived.conf:7:4 error brace']);
    // A plain include line, and the same lines before 2.2.0, are read once.
    expect(ka114({ ...afterClose, 'keepalived.conf': 'global_defs {\n router_id a\n}\ninclude inc/v2.conf\n' })).toEqual([]);
    for (const v of ['2.0.19', '2.1.5']) {
      expect(ka114(afterClose, v)).toEqual([]);
      expect(ka114({ ...afterClose, 'keepalived.conf': '@x include inc/v2.conf\n' }, v)).toEqual([]);
    }
    expect(ka114({ ...afterClose, 'keepalived.conf': '@x include inc/v2.conf\n' }, '2.2.0')).toEqual(['inc/v2.conf:1:15 error', 'keepalived.conf:1:4 error']);
  });
  for (const version of ['2.2.4', '2.2.7', '2.4.3']) {
    const binary = releaseBinary(version);
    it.skipIf(!binary)(`as keepalived ${version} -t reads them`, () => {
      expect(keepalivedSays(binary!, afterClose)).toContain('inc/v2.conf:1 vrrp instance VI_1 already defined');
      expect(keepalivedSays(binary!, atLineStart)).toContain('inc/v2.conf:1 vrrp instance VI_1 already defined');
      expect(keepalivedSays(binary!, trackScript)).toContain('inc/t.conf:1 (VI_1) duplicate track_script chk - ignoring');
      expect(rawStderr(binary!, realServer)).toContain('real server [192.0.2.2]:tcp:80 is duplicated - removing second rs');
    });
  }
  for (const version of ['2.0.19', '2.1.5']) {
    const binary = releaseBinary(version);
    it.skipIf(!binary)(`as keepalived ${version} -t reads them: once`, () => {
      expect(keepalivedSays(binary!, afterClose).filter((m) => m.includes('already defined'))).toEqual([]);
      expect(keepalivedSays(binary!, { ...afterClose, 'keepalived.conf': '@x include inc/v2.conf\n' }).filter((m) => m.includes('already defined'))).toEqual([]);
      expect(rawStderr(binary!, realServer)).not.toContain('is duplicated');
    });
  }
});

// fuzz62 bug 8: the VRRP and checker processes read the parent's copy with its marker lines on ('#' starts an included
// file, '!' ends one), and keep them on in a file they open themselves (a KA114 include that is not plain). A comment
// line starting with '#' there pushes an entry for a file that is not opened; at the file's end they close the file and
// go on reading it through the entry below: freed memory. KA114 said it only configures things twice.
describe("a file read twice (KA114) with a comment line starting with '#': the VRRP and checker processes read freed memory", () => {
  const crashing: Files = { 'keepalived.conf': 'global_defs {\n@x include inc/g.conf\n}\n', 'inc/g.conf': '# global settings\nrouter_id a\n' };
  const vi = 'vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n priority 100\n virtual_ipaddress {\n  192.0.2.9\n }\n}\n';
  const with_ = (g: string, main = crashing['keepalived.conf']!): Files => ({ 'keepalived.conf': main, 'inc/g.conf': g });
  const found = (files: Files, target?: string) =>
    inDir(files, (dir) =>
      lintText(files['keepalived.conf']!, { file: join(dir, 'keepalived.conf'), configId: 'x', host: hostWithin(dir), targetVersion: target })
        .diagnostics.filter((d) => d.code === 'KA114')
        .map((d) => `${d.file.slice(dir.length + 1)}:${d.range.start.line + 1} ${d.severity}${/freed memory/.test(d.message) ? ' crash' : ''}${(d.related ?? []).map((r) => ` <${r.file.slice(dir.length + 1)}:${r.range.start.line + 1}>`).join('')}`),
    );
  it('is an error at the include line, pointing at the comment line', () => {
    expect(found(crashing)).toEqual(['keepalived.conf:2 error crash <inc/g.conf:1>']);
    // Every way of reading a file twice: a $definition, a ~SEQ row, a brace before the include.
    expect(found(with_(crashing['inc/g.conf']!, '$I=include inc/g.conf\nglobal_defs {\n$I\n}\n'))).toEqual(['keepalived.conf:3 error crash <inc/g.conf:1>']);
    expect(found(with_(crashing['inc/g.conf']!, 'global_defs {\n~SEQ(i,1,1) include inc/g.conf\n}\n'))).toEqual(['keepalived.conf:2 error crash <inc/g.conf:1>']);
    expect(found(with_(crashing['inc/g.conf']!, 'global_defs { include inc/g.conf\n}\n'))).toEqual(['keepalived.conf:1 error crash <inc/g.conf:1>']);
    // A file the twice-read file includes with a plain line is opened by them too.
    expect(found({ 'keepalived.conf': 'global_defs {\n@x include inc/a.conf\n}\n', 'inc/a.conf': 'include b.conf\n', 'inc/b.conf': crashing['inc/g.conf']! })).toEqual([
      'keepalived.conf:2 warning',
      'keepalived.conf:2 error crash <inc/b.conf:1>',
    ]);
    // The top-level case of the audit: the instance is "already defined" too, if keepalived gets that far.
    expect(found(with_('# VRRP for this node\n' + vi, '@x include inc/g.conf\n'))).toEqual(['inc/g.conf:2 error', 'keepalived.conf:1 error crash <inc/g.conf:1>']);
  });
  it("not for an indented comment, a '#!' line, a '#' line a '!' line closes, nor before 2.2.0", () => {
    expect(found(with_(' # global settings\nrouter_id a\n'))).toEqual(['keepalived.conf:2 warning']);
    expect(found(with_('#!x\nrouter_id a\n'))).toEqual(['keepalived.conf:2 warning']);
    expect(found(with_('#a\nrouter_id a\n!\n'))).toEqual(['keepalived.conf:2 warning']);
    expect(found(crashing, '2.1.5')).toEqual([]);
  });
  it("a line starting with '!' that closes no '#' line ends their second read of the file there", () => {
    // The instance after it is read once (2.2.7: no "already defined").
    expect(found(with_('!\n' + vi, '@x include inc/g.conf\n'))).toEqual(['keepalived.conf:1 warning']);
    expect(found(with_(vi + '!\n', '@x include inc/g.conf\n'))).toEqual(['inc/g.conf:1 error', 'keepalived.conf:1 error']);
  });
  const run = (binary: string, files: Files) => inDir(files, (dir) => spawnSync(binary, ['-t', '-f', 'keepalived.conf', '-i', 'x'], { cwd: dir, encoding: 'utf8', timeout: 20_000 }));
  for (const version of ['2.2.4', '2.2.7', '2.2.8', '2.3.3', '2.4.3']) {
    const binary = releaseBinary(version);
    it.skipIf(!binary)(`as keepalived ${version} -t reads them: a crash, and none for the others`, () => {
      // What freed memory holds varies with the layout (the file's lines, the length of the folder's name): some runs
      // read on. Over a few layouts, most crash.
      const layouts = ['# global settings\nrouter_id a\n', '#a\nrouter_id a\n', '# x\n#y\nrouter_id a\n!\n', '# VRRP\n' + vi];
      const signals = layouts.flatMap((g) => [1, 2].map(() => run(binary!, with_(g, g.includes('vrrp') ? '@x include inc/g.conf\n' : undefined)).signal));
      expect(signals.filter((s) => s === 'SIGSEGV' || s === 'SIGABRT').length).toBeGreaterThan(0);
      expect(signals.filter((s) => s !== null && s !== 'SIGSEGV' && s !== 'SIGABRT')).toEqual([]);
      for (const g of [' # global settings\nrouter_id a\n', '#!x\nrouter_id a\n', '#a\nrouter_id a\n!\n']) expect(run(binary!, with_(g))).toMatchObject({ signal: null, status: 0 });
      expect(keepalivedSays(binary!, with_('!\n' + vi, '@x include inc/g.conf\n')).filter((m) => m.includes('already defined'))).toEqual([]);
      expect(keepalivedSays(binary!, with_(vi + '!\n', '@x include inc/g.conf\n'))).toContain('inc/g.conf:1 vrrp instance VI_1 already defined');
    });
  }
  const old = releaseBinary('2.1.5');
  it.skipIf(!old)('as keepalived 2.1.5 -t reads them: once, no crash', () => {
    expect(run(old!, crashing)).toMatchObject({ signal: null, status: 0 });
  });
});

// fuzz62 bug 6: glibc's glob with GLOB_BRACE (what keepalived's include uses) expands a brace group of one alternative,
// or none: `{a}` is 'a', `{}` the empty string; a backslash keeps a '{', ',' or '}' out of the braces. kalint read
// `{a}` and `{}` as written (a false "file not found", and the file keepalived reads unread).
describe('include patterns with a one-word or empty brace group, as glibc expands them', () => {
  const base: Files = {
    'inc/a.conf': 'bogus_a 1\n',
    'inc/.conf': 'bogus_dot 1\n',
    'inc/{a}.conf': 'bogus_literal 1\n',
    'inc/a,b.conf': 'bogus_ab 1\n',
    'inc/c.conf': 'bogus_c 1\n',
  };
  const lines = ['include inc/{a}.conf', 'include inc/{}.conf', 'include inc/{a}*', 'include inc/{a\\,b,c}.conf', 'include inc/\\{a\\}.conf', 'include {,inc/a.conf}', 'include inc/{a}{}.conf', 'include {}'];
  const files = (line: string): Files => ({ ...base, 'keepalived.conf': line + '\n' });
  /** The files whose unknown keyword each tool reports, and kalint's KA110 findings. */
  const kalintReads = (line: string) => lint(files(line), undefined, ['KA201', 'KA110']).map((f) => (f.endsWith('KA201') ? f.split(':')[0]! : f)).sort();
  it('reads the files the expanded names find', () => {
    expect(kalintReads('include inc/{a}.conf')).toEqual(['inc/a.conf']);
    expect(kalintReads('include inc/{}.conf')).toEqual(['inc/.conf']);
    expect(kalintReads('include inc/{a}*')).toEqual(['inc/a,b.conf', 'inc/a.conf']);
    expect(kalintReads('include inc/{a\\,b,c}.conf')).toEqual(['inc/a,b.conf', 'inc/c.conf']);
    expect(kalintReads('include inc/\\{a\\}.conf')).toEqual(['inc/{a}.conf']);
    expect(kalintReads('include {,inc/a.conf}')).toEqual(['inc/a.conf']);
    expect(kalintReads('include inc/{a}{}.conf')).toEqual(['inc/a.conf']);
    // Nothing but an empty name: nothing read, and keepalived says nothing.
    expect(lint(files('include {}'), undefined).map((f) => f)).toEqual(['keepalived.conf:1 KA110']);
  });
  const binary = releaseBinary('2.2.7');
  it.skipIf(!binary)('as keepalived 2.2.7 -t reads them', () => {
    for (const line of lines) {
      const read = [...new Set(keepalivedSays(binary!, files(line)).filter((m) => m.includes('Unknown keyword')).map((m) => m.split(':')[0]!))].sort();
      expect(read, line).toEqual(kalintReads(line).filter((f) => !f.includes(' ')));
    }
    expect(rawStderr(binary!, files('include {}'))).toBe('');
  });
});
