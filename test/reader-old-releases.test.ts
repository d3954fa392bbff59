// What keepalived reads at the start of a line, by release (lines.ts LINE_FEATURES_SINCE): a target
// without a feature reads such a line as a keyword. The messages quoted are the 1.3.5 build's
// (scripts/keepalived-1.3.5/run.sh) and, for 2.0.8, 2.1.3 and 2.1.5, their builds under -t.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, configIdsIn, type SourceHost } from '../server/src/core/index.js';
import { lintText } from '../server/src/linter.js';
import { releaseBinary, runRelease } from './helpers/releases.js';

/** `BINARY -t -f keepalived.conf -i ID` on `text`, stopped after 5 s (a loop is killed with SIGTERM). */
function inDirRun(binary: string, text: string, id: string): { status: number | null; signal: string | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kalint-old-'));
  try {
    writeFileSync(join(dir, 'keepalived.conf'), text);
    const r = spawnSync(binary, ['-t', '-f', 'keepalived.conf', '-i', id], { cwd: dir, encoding: 'utf8', timeout: 5_000 });
    return { status: r.status, signal: r.signal, stderr: r.stderr ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function memoryHost(files: Record<string, string>): SourceHost {
  return {
    readFile: (p) => files[p],
    readDir: (dir) => {
      const prefix = dir.endsWith('/') ? dir : dir + '/';
      const names = new Set<string>();
      for (const f of Object.keys(files)) if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split('/')[0]!);
      return names.size ? [...names].map((name) => ({ name, isDirectory: false })) : undefined;
    },
  };
}

function findings(text: string, targetVersion?: string, extra: Parameters<typeof analyze>[1] = {}): string[] {
  return analyze(text, { configId: 'x', targetVersion, ...extra }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}: ${d.message}`);
}

const routerId = (text: string, targetVersion?: string) => analyze(text, { configId: 'x', targetVersion }).model.globalDefs?.routerId?.value;

describe('line features by release', () => {
  const definitions = '$X=lb1\nglobal_defs {\n    router_id $X\n}\n';

  it('1.3.5 has no $NAME= definitions: the line is an unknown keyword and $X stays as written', () => {
    // keepalived 1.3.5: "Unknown keyword '$X=lb1'", and its dump shows "Router ID = $X".
    const found = findings(definitions, '1.3.5');
    expect(found).toContainEqual(expect.stringMatching(/^1:KA207: Unknown keyword '\$X=lb1' in the top level: keepalived 1\.3\.5 .*came in keepalived 1\.4\.0/));
    expect(found).toContainEqual(expect.stringMatching(/^3:KA109: '\$X' is read as written: keepalived 1\.3\.5 substitutes nothing/));
    expect(routerId(definitions, '1.3.5')).toBe('$X');
    expect(routerId(definitions, '1.4.0')).toBe('lb1');
    expect(findings(definitions, '1.4.0')).toEqual([]);
  });

  it('before 1.3.8 an @id prefix counts only in the first column', () => {
    // keepalived 1.3.5 (no -i: every '@' line is for another id): "Unknown keyword '@x'" for the indented line only.
    const text = 'global_defs {\n    @x router_id a\n@x router_id b\n}\n';
    const found = findings(text, '1.3.5');
    expect(found).toEqual([expect.stringMatching(/^2:KA207: Unknown keyword '@x' in 'global_defs': .*first column before keepalived 1\.3\.8/)]);
    expect(routerId(text, '1.3.5')).toBe('b');
    // 1.3.8 reads both lines for config id x: the second router_id overrides the first.
    expect(findings(text, '1.3.8').map((f) => f.slice(0, 7))).toEqual(['3:KA211']);
  });

  it('before 1.3.7 @^id is the id "^id": the line is dropped whatever the config id', () => {
    // keepalived 1.3.5 on '@^y global_defs {' then '}': "Unknown keyword '}'" (the block's line was dropped).
    const text = '@^y global_defs {\n    router_id a\n}\n';
    expect(findings(text, '1.3.5').map((f) => f.slice(0, 7))).toEqual(['2:KA202', '3:KA101']);
    expect(routerId(text, '1.3.7')).toBe('a');
    expect(configIdsIn('@^y router_id a\n  @z router_id b\n@w router_id c\n', '1.3.5')).toEqual(['w']);
    expect(configIdsIn('@^y router_id a\n  @z router_id b\n@w router_id c\n')).toEqual(['w', 'y', 'z']);
  });

  it('~SEQ came in 2.0.9', () => {
    // keepalived 2.0.8 -t: "(Line 1) Unknown keyword '~SEQ(i,1,2)'".
    const found = findings('~SEQ(i,1,2) global_defs {\n}\n', '2.0.8');
    expect(found[0]).toMatch(/^1:KA207: Unknown keyword '~SEQ\(i,1,2\)' in the top level: .*came in keepalived 2\.0\.9/);
    expect(findings('global_defs {\n~SEQ(i,1,1) vrrp_garp_interval $i\n}\n', '2.0.9')).toEqual([]);
  });

  // Found by fuzzing pqarmitage's 1757.conf and 1502a.conf against a 2.0.19 build (Ubuntu 20.04): it printed
  // "Unknown keyword '$'", "Unexpected '{' - ignoring", "Unknown keyword '_HASH'" for ${_HASH}, and
  // "Invalid ~SEQ definition '~SEQ(RSHOST,$RSTART,$RSEND) $RS'" where 2.1.0 substitutes the numbers.
  it('predefined definitions by release: ${_HASH} and ${_BANG} came in 2.1.4, ${_RANDOM} in 2.0.15, ${_INSTANCE} in 2.0.1', () => {
    const hash = 'global_defs {\n    ${_HASH} note\n    router_id ${_INSTANCE}\n}\n';
    expect(findings(hash, '2.1.4')).toEqual([]);
    const old = findings(hash, '2.0.19');
    expect(old[0]).toMatch(/^2:KA109: '\$\{_HASH\}' is predefined from keepalived 2\.1\.4 on; keepalived 2\.0\.19 has no such definition, so it reads the text as it is and splits/);
    expect(old).toContainEqual(expect.stringMatching(/^2:KA201: Unknown keyword '_HASH'/));
    const id = 'global_defs {\n    router_id ${_INSTANCE}\n}\n';
    expect(routerId(id, '2.0.19')).toBe('x');
    // 2.0.0 leaves the reference as written and splits it at its braces: router_id reads '$'.
    expect(routerId(id, '2.0.0')).toBe('$');
    expect(findings('global_defs {\n    router_id lb${_RANDOM 1 9}\n}\n', '2.0.14')[0]).toMatch(/^2:KA109: '\$\{_RANDOM 1 9\}' is predefined from keepalived 2\.0\.15 on/);
    // Bare $_BANG is read as literal text, without a word from keepalived: a warning.
    expect(analyze('global_defs {\n    router_id $_BANG\n}\n', { targetVersion: '2.1.3' }).diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['KA109 warning']);
  });

  it('definitions in the numbers of ~SEQ came in 2.1.0', () => {
    const seq = '$N=2\nglobal_defs {\n~SEQ(i,1,$N) vrrp_garp_interval $i\n}\n';
    expect(findings(seq, '2.1.0').filter((f) => f.includes('KA113'))).toEqual([]);
    expect(findings(seq, '2.0.19').filter((f) => f.includes('KA113'))).toEqual([
      expect.stringMatching(/^3:KA113: Invalid ~SEQ definition: .*\(keepalived 2\.0\.19 substitutes no definitions in ~SEQ's numbers; 2\.1\.0 does\)$/),
    ]);
  });

  // A Markdown-escaped comment after a word. The 2.1.5 build on '10.0.0.1/24 \\# the VIP': "Unknown configuration
  // entry '#' for ip address - ignoring" (and 'the', 'VIP'); 2.2.7 reads a comment. The 2.0.19 build reads
  // 'vrrp_instance VI_\\#1 {' as the instance VI_#1 with its block, silently (found by fuzzing against it).
  it("'\\#' after a word is the character '#' for 2.0.9 to 2.1.x, a comment from 2.2.0", () => {
    const escaped = 'vrrp_instance VI_\\#1 {\n    interface eth0\n    virtual_router_id 51\n    priority 100 \\# the master\n    virtual_ipaddress {\n        10.0.0.1/24 \\# the VIP\n    }\n}\n';
    const old = findings(escaped, '2.1.5');
    expect(old.filter((f) => /KA116/.test(f)).map((f) => f.split(':')[0])).toEqual(['1', '4', '6']);
    expect(old).toContainEqual(expect.stringMatching(/^4:KA116: A backslash keeps '#' from starting a comment: keepalived 2\.1\.5 reads the text after it as more words/));
    expect(analyze(escaped, { configId: 'x', targetVersion: '2.1.5' }).model.vrrpInstances.map((v) => [v.name, v.priority?.value, v.virtualIpaddresses.length])).toEqual([['VI_#1', 100, 1]]);
    expect(findings(escaped, '2.0.19').filter((f) => /KA10[134]/.test(f))).toEqual([]);
    // 2.2.7's VRRP process, which reads this block, reads comments, a note says so where one cuts a word; 2.0.8 (no
    // escapes yet) too, the backslash staying on the word before.
    expect(findings(escaped, '2.2.7').filter((f) => /KA116/.test(f))).toEqual([
      expect.stringMatching(/^1:KA116: A backslash does not keep '#' from starting a comment here: the VRRP and checker processes of keepalived 2\.2\.7, .* read the word 'VI_', where 2\.0\.9 to 2\.1\.x read 'VI_#1'/),
    ]);
    expect(findings(escaped, '2.0.8').filter((f) => /KA116/.test(f))).toEqual([]);
  });

  // The 1.3.5 build on 'abc\\#x': "Unknown keyword 'abc\\'", and on '10.0.0.2\\#vip' among a block's addresses "VRRP parsed
  // invalid IP 10.0.0.2\\."; kalint had dropped the backslash with the comment (a pqarmitage test config: '$V1=\\#').
  it("before 2.0.9 a backslash glued to a word before '#' stays on the word", () => {
    const glued = 'abc\\#x\nvrrp_instance A {\n    interface eth0\n    virtual_router_id 5\n    virtual_ipaddress {\n        10.0.0.1\n        10.0.0.2\\#vip\n    }\n}\n';
    for (const target of ['1.3.5', '2.0.8']) {
      const f = findings(glued, target);
      expect(f, target).toContainEqual(expect.stringMatching(/^1:KA201: Unknown keyword 'abc\\' /));
      expect(f, target).toContainEqual(expect.stringMatching(/^7:KA205: .*got '10\.0\.0\.2\\'/));
    }
    // 2.2.7 and 2.4.3 -t: the parent, which reads the top level, says "Unknown keyword 'abc#x'" (its children 'abc').
    expect(findings(glued, '2.2.7').filter((f) => /^[17]:KA2/.test(f))).toEqual([expect.stringMatching(/^1:KA201: Unknown keyword 'abc#x' /)]);
    // And on a line starting with '$' before definitions came (1.4.0): the 1.3.5 build says "Unknown keyword '$V1=\\'".
    expect(findings('$V1=\\#\n', '1.3.9')).toEqual([expect.stringMatching(/^1:KA207: Unknown keyword '\$V1=\\' /)]);
  });

  it("a definition '$OFF=\\#' holds '#', which comments out the lines it is substituted into, by release", () => {
    // Found in pqarmitage's reload.conf against a 2.0.19 build ("VRRP parsed invalid IP #"); kalint stored ''.
    // 2.2.7 and 2.4.3: the parent reads '#' (global_defs: no message), the VRRP process reads its copy, where
    // the value is cut at the '#' ("number '300' outside range [1, 255]" for line 8). The 2.1.5 build: every
    // line a comment ("No VIP specified"). The 2.0.19 build: the word '#' ("Unknown keyword '#'" on lines 3, 4
    // and 8, "VRRP parsed invalid IP #" on line 6).
    const text = [
      '$OFF=\\#',
      'global_defs {',
      '$OFF router_id x y z',
      '  $OFF foo',
      '}',
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 1',
      '    virtual_ipaddress {',
      '$OFF   10.2.0.101/32',
      '    }',
      '$OFF priority 300',
      '}',
      '',
    ].join('\n');
    const codes = (v?: string) => findings(text, v).map((f) => f.split(': ')[0]);
    expect(codes()).toEqual(['12:KA205']);
    expect(codes('2.4.3')).toEqual(['12:KA205']);
    expect(codes('2.1.5')).toEqual([]);
    expect(codes('2.0.19').sort()).toEqual(['10:KA205', '12:KA201', '3:KA201', '4:KA201'].sort());
    expect(findings(text, '2.0.19')).toContainEqual(expect.stringMatching(/^3:KA201: Unknown keyword '#'/));
  });

  it("for 2.0.9 to 2.1.x a '\\#' line among notification_email's addresses is one more address, taken silently", () => {
    // Found by fuzzing against the 2.1.5 build, which exits 0 on it; elsewhere it is "Unknown keyword '#'".
    const text = 'global_defs {\n  notification_email {\n    ops@example.com\n\\# note\n  }\n}\n';
    const d = analyze(text, { configId: 'x', targetVersion: '2.1.5' }).diagnostics.filter((x) => x.code === 'KA116');
    expect(d.map((x) => `${x.range.start.line + 1}:${x.severity}`)).toEqual(['4:warning']);
    expect(d[0]!.message).toContain("one more notification_email address, '#'");
  });

  // Mutation fuzzer seed 676 (2.0.19): a '\\#' line in a multi-line definition. The value keeps '#', and 2.0.9 to
  // 2.1.x do not de-comment a later line of the value again where it is used: every use is "Unknown keyword '#'"
  // (the 2.0.19 and 2.1.5 builds, line 7). From 2.2.0 the processes reading the parent's copy skip the line (KA116).
  const escapedInValue = '$RS= \\\nreal_server 192.168.0.1 80 { \\\n  weight 1 \\\n\\#  inhibit_on_failure \\\n}\nvirtual_server 10.0.0.1 80 {\n  protocol TCP\n  $RS\n}\n';
  it("for 2.0.9 to 2.1.x a '\\#' line in a multi-line definition is the word '#' where the value is used", () => {
    for (const v of ['2.0.10', '2.0.19', '2.1.5']) expect(findings(escapedInValue, v).filter((f) => /KA201|KA116/.test(f)), v).toEqual([expect.stringMatching(/^8:KA201: Unknown keyword '#'/)]);
    expect(findings(escapedInValue, '2.2.7').filter((f) => /KA201/.test(f))).toEqual([]);
  });
  for (const release of ['2.0.19', '2.1.5']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`a '\\#' line in a multi-line definition: as keepalived ${release} -t reads it`, () => {
      const run = runRelease(binary!, escapedInValue);
      expect(run.messages.filter((m) => m.message.startsWith('Unknown keyword')).map((m) => `${m.line}: ${m.message}`), run.stderr).toEqual(["8: Unknown keyword '#'"]);
    });
  }

  // Before 2.1.0 ',' and ')' end no bare reference (they came with ~SEQ/~LST's parameters): `$N,` is read as written.
  const commaAfter = '$N=10.0.0.9\nvrrp_instance V {\n  interface eth0\n  virtual_router_id 5\n  virtual_ipaddress {\n    $N,\n    $N)\n    $N\n  }\n}\n';
  it("before 2.1.0 a bare $NAME followed by ',' or ')' is read as written", () => {
    const got = (v: string) => findings(commaAfter, v).filter((f) => /KA109|KA205/.test(f)).map((f) => f.replace(/: '\$N' is not substituted.*/, ': glued').replace(/^(\d+:KA205).*got /, '$1 ').replace(/; keepalived reports the line and skips it$/, ''));
    expect(got('2.0.19')).toEqual(['6:KA109: glued', "6:KA205 '$N,'", '7:KA109: glued', "7:KA205 '$N)'"]);
    expect(got('2.1.5')).toEqual(["6:KA205 '10.0.0.9,'", "7:KA205 '10.0.0.9)'"]);
  });
  for (const [release, word] of [['2.0.19', '$N'], ['2.1.5', '10.0.0.9']] as const) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`a bare $NAME followed by ',': as keepalived ${release} -t reads it`, () => {
      const run = runRelease(binary!, commaAfter);
      expect(run.messages.filter((m) => m.line === 6).map((m) => m.message), run.stderr).toContain(`VRRP parsed invalid IP ${word},. skipping IP...`);
    });
  }

  it("before 2.0.9 a '\\#' is the word '\\' and a comment", () => {
    // The 1.3.5 build (run.sh, VRRP process): "Unknown keyword '\\'" for lines 1 and 6; kalint saw only a comment.
    const text = '\\# VIP1\nglobal_defs {\n  router_id x\n}\nvrrp_instance VI_1 {\n  \\# note\n  interface eth0\n  virtual_router_id 1\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n';
    for (const v of ['1.3.5', '2.0.8']) expect(findings(text, v).map((f) => f.split(': ')[0])).toEqual(['1:KA201', '6:KA201']);
    expect(findings(text, '1.3.5')[0]).toMatch(/Unknown keyword '\\'/);
    expect(findings(text, '2.0.9').map((f) => f.split(': ')[0])).toEqual(['1:KA116', '6:KA116']);
  });

  it('include variants came in 2.2.0; before 2.1.4 only "include PATTERN" includes', () => {
    // keepalived 2.1.3 -t: "(Line 1) Unknown keyword 'include'", "(Line 2) Unknown keyword 'includer'";
    // 2.1.5: only the second; 2.2.0 reads both ("Config files missing 'inc/a.conf inc/b.conf'.").
    const host = memoryHost({ '/c/inc/a.conf': 'global_defs {\n}\n' });
    const text = 'include inc/a.conf inc/b.conf\nincluder inc/a.conf\n';
    const codes = (v: string) => findings(text, v, { host, file: '/c/k.conf' }).map((f) => f.slice(0, 7));
    expect(codes('2.1.3')).toEqual(['1:KA207', '2:KA207']);
    expect(codes('2.1.5')).toEqual(['1:KA110', '2:KA207']);
    expect(codes('2.2.0')).toEqual(['1:KA110']);
    expect(findings(text, '1.3.5', { host, file: '/c/k.conf' })[1]).toMatch(/'includer' came in keepalived 2\.2\.0/);
  });

  it('before 2.1.4 a quoted "include" includes: keepalived compares the first word with its quotes taken off', () => {
    // keepalived 2.0.19 and 2.0.20 -t read inc.conf ("Unknown keyword 'bogus_kw'"); 2.1.5 and 2.2.7 say
    // "Unknown keyword 'include'" (2.1.4 looks for the text "include " at the start of the line).
    const host = memoryHost({ '/c/inc.conf': 'bogus_kw 1\n' });
    const text = 'global_defs {\n  router_id x\n}\n"include" inc.conf\n';
    const at = (v: string) => lintText(text, { host, file: '/c/k.conf', targetVersion: v }).diagnostics.map((d) => `${d.file}:${d.range.start.line + 1}:${d.code}`);
    expect(at('2.0.19')).toEqual(['/c/inc.conf:1:KA201']);
    expect(at('2.1.3')).toEqual(['/c/inc.conf:1:KA201']);
    expect(at('2.1.4')).toEqual(['/c/k.conf:4:KA201']);
    expect(at('2.2.7')).toEqual(['/c/k.conf:4:KA201']);
    // Still exactly one word after it, as for the unquoted keyword (2.0.19: "Unknown keyword 'include'").
    const twoWords = lintText(text.replace('inc.conf', 'inc.conf x'), { host, file: '/c/k.conf', targetVersion: '2.0.19' }).diagnostics;
    expect(twoWords.map((d) => `${d.file}:${d.range.start.line + 1}:${d.code}`)).toEqual(['/c/k.conf:4:KA201']);
    // A quote ends a word there: `"include"inc.conf` and `include"inc.conf"` are two words, and include (2.0.19 reads inc.conf).
    for (const glued of ['"include"inc.conf', 'include"inc.conf"']) {
      expect(lintText(text.replace('"include" inc.conf', glued), { host, file: '/c/k.conf', targetVersion: '2.0.19' }).diagnostics.map((d) => d.file), glued).toEqual(['/c/inc.conf']);
    }
  });

  it('before 1.3.8 include patterns do not expand {a,b}, and one that matches nothing stops keepalived', () => {
    // keepalived 1.3.5: "Unable to find config file(s) 'inc/{a,b}.conf'." and it exits, starting nothing.
    const host = memoryHost({ '/c/inc/a.conf': 'global_defs {\n}\n', '/c/inc/b.conf': 'global_defs {\n}\n' });
    const text = 'include inc/{a,b}.conf\n';
    const old = findings(text, '1.3.5', { host, file: '/c/k.conf' });
    expect(old).toEqual([expect.stringMatching(/^1:KA110: .*keepalived 1\.3\.5 then stops \("Unable to find config file\(s\) 'inc\/\{a,b\}\.conf'\."\) and starts nothing/)]);
    expect(findings(text, '1.3.8', { host, file: '/c/k.conf' })).toEqual([]);
  });
});

describe('a lone trailing backslash by release', () => {
  it('joins the word before it from 2.0.9, and is a word of its own before', () => {
    // keepalived 2.0.9 -t: "invalid number '51\'"; 2.0.8 -t says nothing about the line.
    const text = 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51 \\\n    priority 100\n}\n';
    const vrid = (v: string) => analyze(text, { configId: 'x', targetVersion: v }).diagnostics.filter((d) => d.message.includes("'51\\'")).length;
    expect(vrid('2.0.9')).toBeGreaterThan(0);
    expect(vrid('2.0.8')).toBe(0);
  });

  // A harvested config's shell snippet (`--create-namespace \ `): keepalived's comment pass takes a backslash and the
  // blank after it for an escaped character and strips trailing blanks only then, so the backslash is no last
  // character for it. The VRRP and checker processes of 2.2.0 and later read the parent's copy, where it is.
  const blankAfter = 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51 \\ \n    priority 100 \\\t\n}\n';
  it('is a word of its own before 2.2.0 when a blank follows it; glued from 2.2.0', () => {
    const read = (v: string) => lintText(blankAfter, { configId: 'x', targetVersion: v }).diagnostics.filter((d) => /KA205|KA204|KA702/.test(d.code)).map((d) => `${d.range.start.line + 1}:${d.code}:${d.severity}`);
    for (const v of ['2.0.19', '2.1.5']) expect(read(v), v).toEqual(['3:KA204:warning', '3:KA702:warning', '4:KA204:warning', '4:KA702:warning']);
    expect(read('2.2.7')).toEqual(['3:KA205:error', '3:KA702:error', '4:KA205:error', '4:KA702:error']);
    const model = (v: string) => analyze(blankAfter, { configId: 'x', targetVersion: v }).model.vrrpInstances.map((i) => [i.virtualRouterId?.value, i.priority?.value]);
    expect(model('2.1.5')).toEqual([[51, 100]]);
    expect(lintText(blankAfter, { configId: 'x', targetVersion: '2.1.5' }).diagnostics.find((d) => d.code === 'KA702')!.message).toContain("reads '\\' as one more word here (the blank after it keeps it from ending the line");
  });
  for (const [version, said] of [['2.0.19', false], ['2.1.5', false], ['2.2.4', true], ['2.2.7', true]] as const) {
    it.skipIf(!releaseBinary(version))(`as keepalived ${version} -t reads it`, () => {
      const messages = runRelease(releaseBinary(version)!, blankAfter).messages.map((m) => m.message);
      expect(messages.includes("invalid number '51\\'"), messages.join('\n')).toBe(said);
      expect(messages.includes("invalid number '100\\'")).toBe(said);
    });
  }
});

describe('braces before 2.0.8, which count none', () => {
  it("a '{' among values is one more value, and a '}' at the top level is the keyword '}'", () => {
    // The 1.3.5 build: "VRRP parsed invalid IP {. skipping IP...", then "Unknown keyword '}'" for the last line;
    // its dump has the instance with "Virtual IP = 1".
    const text = 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1/24\n        {\n    }\n}\n}\n';
    const found = findings(text, '1.3.5');
    expect(found).toEqual([expect.stringMatching(/^6:KA103: '\{' inside the value block of 'virtual_ipaddress': keepalived reads it as one of the values$/), expect.stringMatching(/^9:KA103: /)]);
    const extra = findings('global_defs {\n}\n}\n', '1.3.5');
    expect(extra).toEqual(["3:KA101: Extra '}': it closes no block; keepalived 1.3.5 reads it as a keyword (keepalived: \"Unknown keyword '}'\")"]);
    expect(findings('global_defs {\n}\n}\n', '2.2.7')).toEqual(["3:KA101: Extra '}': it closes no block (keepalived: \"Extra '}' found\")"]);
  });
});

// Before 1.4.2 (5332be8c; 1.4.0 and 1.4.1 read alike) keepalived splits a line at blanks and quotes only
// (lib/parser.c, alloc_strvec): a brace touching a word is part of it. The tree is the one that release
// builds; messages quoted from the 1.3.5 build (scripts/keepalived-1.3.5/run.sh).
describe('glued braces before 1.4.2', () => {
  const lostServer = [
    'virtual_server 192.168.1.10 80 {',
    '    lb_algo rr',
    '    protocol TCP',
    '    real_server 10.0.0.11 80 {',
    '        TCP_CHECK{',
    '            connect_timeout 3',
    '        }',
    '    }',
    '    real_server 10.0.0.12 80 {',
    '        TCP_CHECK {',
    '            connect_timeout 3',
    '        }',
    '    }',
    '}',
    '',
  ].join('\n');
  const servers = (text: string, targetVersion?: string) => analyze(text, { configId: 'x', targetVersion }).model.virtualServers.map((vs) => vs.realServers.map((rs) => rs.address));

  it("'TCP_CHECK{' is an unknown keyword: its '}' ends the real_server, and the next real_server is read at the top level", () => {
    // 1.3.5's checker: "Unknown keyword 'TCP_CHECK{'", "Unknown keyword 'connect_timeout'", "Unknown keyword
    // 'real_server'", "Unknown keyword 'TCP_CHECK'", "Unknown keyword 'connect_timeout'", three "Unknown keyword
    // '}'"; its dump has only "RIP = 10.0.0.11".
    expect(servers(lostServer, '1.3.5')).toEqual([['10.0.0.11']]);
    const found = findings(lostServer, '1.3.5');
    const naming = (word: string) => found.filter((f) => f.includes(`'${word}'`)).map((f) => +f.split(':')[0]!);
    expect(naming('TCP_CHECK{')).toContain(5);
    expect(naming('connect_timeout')).toEqual(expect.arrayContaining([6, 11]));
    expect(naming('real_server')).toContain(9);
    expect(naming('TCP_CHECK')).toContain(10);
    expect(found.filter((f) => /^1[234]:/.test(f) && f.includes("'}'")).map((f) => +f.split(':')[0]!)).toEqual([12, 13, 14]);
    expect(found[found.findIndex((f) => f.startsWith('5:KA201'))]).toMatch(/does not split a '\{' from the word it touches \(1\.4\.2 does\)/);
  });

  it('1.4.1 reads it as 1.3.5 does, 1.4.2 and the default target split the brace', () => {
    expect(servers(lostServer, '1.4.1')).toEqual([['10.0.0.11']]);
    expect(servers(lostServer, '1.4.2')).toEqual([['10.0.0.11', '10.0.0.12']]);
    expect(servers(lostServer)).toEqual([['10.0.0.11', '10.0.0.12']]);
    expect(findings(lostServer).filter((f) => !f.includes('KA509'))).toEqual([]);
  });

  it("a brace glued to a block's last word is part of that word: the block has no '{'", () => {
    // 1.3.5: "Missing '{' at beginning of configuration block", and the instance is named 'VI_1{'.
    const text = 'vrrp_instance VI_1{\n    interface eth0\n    virtual_router_id 51\n}\n';
    expect(analyze(text, { configId: 'x', targetVersion: '1.3.5' }).model.vrrpInstances.map((i) => i.name)).toEqual(['VI_1{']);
    expect(findings(text, '1.3.5')).toContainEqual(expect.stringMatching(/^2:KA104: .*"Missing '\{' at beginning of configuration block"/));
  });

  it("a port with a glued '{' is read with atoi before 2.0.7: the server is kept", () => {
    // The 1.3.5 checker on 'virtual_server 10.13.68.79 50051{' and 'real_server 10.13.68.78 50051{' (a real
    // config): "Missing '{' at beginning of configuration block" twice, and its dump has "VIP = 10.13.68.79,
    // VPORT = 50051" and "RIP = 10.13.68.78, RPORT = 50051".
    const text = 'virtual_server 10.13.68.79 50051{\n    lb_algo wlc\n    real_server 10.13.68.78 50051{\n        weight 1\n    }\n}\n';
    const model = analyze(text, { configId: 'x', targetVersion: '1.3.5' }).model;
    expect(model.virtualServers.map((vs) => [vs.port, vs.realServers.map((rs) => rs.port)])).toEqual([[50051, [50051]]]);
    expect(findings(text, '1.3.5').filter((f) => f.includes('KA205'))).toEqual([
      expect.stringMatching(/^1:KA205: keepalived 1\.3\.5 reads the virtual server port '50051\{' as 50051/),
      expect.stringMatching(/^3:KA205: keepalived 1\.3\.5 reads 'real_server 50051\{' as 50051/),
    ]);
  });

  it("'${NAME}' is one word, and a quote ends a word: '\"chk\"{' opens the block", () => {
    // 1.3.5 dumps "Router ID = ${HOSTNAME}" and "VRRP Script = chk", with no "Missing '{'".
    const text = 'global_defs {\n    router_id ${HOSTNAME}\n}\nvrrp_script "chk"{\n    script "/bin/true"\n    interval 2\n}\n';
    const a = analyze(text, { configId: 'x', targetVersion: '1.3.5' });
    expect(a.model.globalDefs?.routerId?.value).toBe('${HOSTNAME}');
    expect(a.model.vrrpScripts.map((s) => s.name)).toEqual(['chk']);
    expect(a.diagnostics.filter((d) => d.code !== 'KA109').map((d) => d.code)).toEqual([]);
  });
});

describe('an unknown ${NAME} at 1.4.0 and 1.4.1', () => {
  it('keeps its braces in the word: those releases substitute definitions but split no brace from a word', () => {
    // From the v1.4.1 source (lib/parser.c: alloc_strvec splits at blanks and quotes; an unknown ${NAME} is left as written).
    const text = '$A=1\nglobal_defs {\n    router_id ${HOSTNAME}\n}\n';
    const a = analyze(text, { configId: 'x', targetVersion: '1.4.1' });
    expect(a.model.globalDefs?.routerId?.value).toBe('${HOSTNAME}');
    expect(a.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(['3:KA109']);
    expect(a.diagnostics[0]!.message).toContain('keeps its braces in the word');
  });
});

// The same reading covers braces those releases do not look for where they stand: a '{' with words after it,
// a '}' after words, more after a leading '}' (KA706 reports them; the tree is the one 1.3.5 builds).
describe('braces where releases before 1.4.2 do not take them', () => {
  it('a one-line block has no braces: a value list reads the lines below, a keyword block runs on', () => {
    // The 1.3.5 build: "VRRP parsed invalid IP track_script. skipping IP...", "VRRP parsed invalid IP chk. ...",
    // "Missing '{' at beginning of configuration block", "Unknown keyword 'virtual_ipaddress'", "Unknown keyword '10.0.0.11'".
    const text = [
      'vrrp_script chk {', '    script "/bin/true"', '}',
      'vrrp_instance V {', '    interface eth0', '    virtual_router_id 5', '    virtual_ipaddress { 10.0.0.9 }', '    track_script {', '        chk', '    }', '}',
      'vrrp_instance W {', '    interface eth0', '    virtual_router_id 6', '    authentication { auth_type PASS }', '    virtual_ipaddress {', '        10.0.0.11', '    }', '}', '',
    ].join('\n');
    const model = analyze(text, { configId: 'x', targetVersion: '1.3.5' }).model;
    expect(model.vrrpInstances.map((i) => [i.name, i.virtualIpaddresses.map((a) => a.text), i.trackScripts.map((t) => t.name)])).toEqual([
      ['V', ['track_script', 'chk'], []],
      ['W', [], []],
    ]);
    const found = findings(text, '1.3.5');
    for (const [line, word] of [[8, 'track_script'], [9, 'chk'], [16, 'virtual_ipaddress'], [17, '10.0.0.11']] as const) {
      expect(found.some((f) => f.startsWith(`${line}:`) && f.includes(`'${word}'`))).toBe(true);
    }
    expect(found).toContainEqual(expect.stringMatching(/^16:KA104: .*"Missing '\{' at beginning of configuration block"/));
    expect(analyze(text, { configId: 'x', targetVersion: '1.4.2' }).model.vrrpInstances.map((i) => i.virtualIpaddresses.map((a) => a.text))).toEqual([['10.0.0.9'], ['10.0.0.11']]);
  });

  it("a second '}' on a line ends nothing for the owner, but ends the skipping for the other processes", () => {
    // A real config (an Ansible role): '}   }' after a real_server. The 1.3.5 checker keeps the third real_server
    // in the virtual_server; its VRRP process, which skips the virtual_server by counting '}' words, reports
    // "Unknown keyword 'real_server'", 'weight', 'TCP_CHECK', 'connect_timeout' and three '}'.
    const rs = (n: number) => [`real_server 10.55.0.${n} 33 {`, '    weight 1', '    TCP_CHECK {', '        connect_timeout 2', '    }'];
    const text = ['virtual_server 10.55.0.140 33 {', '    lb_algo wrr', '    protocol TCP', ...rs(141), '}', ...rs(142), '}        }', ...rs(143), '}', '}', ''].join('\n');
    const a = analyze(text, { configId: 'x', targetVersion: '1.3.5' });
    expect(a.model.virtualServers.map((vs) => vs.realServers.map((r) => r.address))).toEqual([['10.55.0.141', '10.55.0.142', '10.55.0.143']]);
    const others = a.diagnostics.filter((d) => d.code === 'KA104' && d.message.includes("ends the block for them")).map((d) => d.range.start.line + 1);
    expect(others).toEqual([16, 17, 18, 19, 20, 21, 22]);
  });
});

describe('a multi-line definition and the lines that end it, by release', () => {
  // Checked with builds of 2.0.10, 2.0.19, 2.1.5 and 2.2.7 under -t (the 'foo_bar' line number is the line keepalived reads it from).
  const empty = 'global_defs {\n$X= \\\n\nrouter_id a \\\nfoo_bar 1\n$X\n}\n';
  const comment = 'vrrp_instance VI {\n interface eth0\n virtual_router_id 5\n$X= \\\npriority 50 \\\n# note\nfoo_bar 1\n$X\n virtual_ipaddress {\n  10.0.0.1\n }\n}\n';
  const unknownAt = (text: string, v: string) => findings(text, v).filter((f) => f.includes('KA201')).map((f) => f.split(':')[0]);
  const linted = (text: string, v: string) => lintText(text, { file: 'k.conf', targetVersion: v }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}: ${d.message}`);

  it('2.0.9 to 2.0.14 skip an empty line and read the definition on; 2.0.15 and later end it there', () => {
    // 2.0.10: "(Line 6) Unknown keyword 'foo_bar'" (from $X); 2.0.19 and 2.2.7: line 5.
    expect(unknownAt(empty, '2.0.10')).toEqual(['6']);
    // The backslash on line 4 continues the definition there, so it is no keyword line's backslash (KA702).
    expect(linted(empty, '2.0.10').filter((f) => f.includes('KA702'))).toEqual([]);
    expect(unknownAt(empty, '2.0.19')).toEqual(['5']);
    expect(unknownAt(empty, '2.0.8')).toEqual(['5']);
    expect(linted(empty, '2.0.19')).toContainEqual(expect.stringMatching(/^4:KA702/));
  });

  it('2.1.4 to 2.1.x skip a comment line for every process; 2.2 splits (KA115); 2.0.x ends the definition', () => {
    // 2.1.5: "(cmv.conf: Line 8) Unknown keyword 'foo_bar'"; 2.0.10, 2.0.19 and 2.2.7's VRRP process: line 7.
    expect(unknownAt(comment, '2.1.5')).toEqual(['8']);
    expect(unknownAt(comment, '2.0.10')).toEqual(['7']);
    expect(unknownAt(comment, '2.0.19')).toEqual(['7']);
    expect(unknownAt(comment, '2.2.7')).toEqual(['7']);
    expect(findings(comment, '2.2.7')).toContainEqual(expect.stringMatching(/^6:KA115/));
    for (const v of ['2.0.10', '2.1.3', '2.1.5']) expect(findings(comment, v).filter((f) => f.includes('KA115'))).toEqual([]);
    // A line of blanks is the same as a comment line to 2.1.5 (its comment pass strips trailing blanks).
    expect(unknownAt(comment.replace('# note', '   '), '2.1.5')).toEqual(['8']);
  });

  it('before 2.0.15 the rows of a ~SEQ line in a multi-line definition come after the definition ends', () => {
    // 2.0.10 on pqarmitage's config 1386 (reduced): "Unknown keyword 'real_server'" at the top level, for each row, after
    // the virtual_server's '}'; both rows use the address set last. 2.0.19 adds the real servers to the virtual server.
    const text =
      '$RS= \\\nreal_server ${IP} ${PORT} { \\\n    weight 1 \\\n}\n\n' +
      '$VS= \\\nvirtual_server 10.0.0.50 514 { \\\n    protocol UDP \\\n    $IP=10.0.0.1 \\\n    ~SEQ(PORT,515,516) $RS \\\n    $IP=10.0.0.2 \\\n}\n\n$VS\n';
    const old = linted(text, '2.0.10');
    expect(old).toContainEqual(expect.stringMatching(/^14:KA202: 'real_server' is not valid in the top level/));
    expect(old).toContainEqual(expect.stringMatching(/^14:KA113: keepalived 2\.0\.10 expands the rows of a ~SEQ line read from a multi-line definition only once/));
    expect(old).toContainEqual(expect.stringMatching(/^14:KA503: 'virtual_server 10\.0\.0\.50 514' has no real_server/));
    const now = analyze(text, { targetVersion: '2.0.19' });
    expect(now.diagnostics).toEqual([]);
    expect(now.model.virtualServers[0]!.realServers.map((r) => `${r.address}:${r.port}`)).toEqual(['10.0.0.1:515', '10.0.0.1:516']);
  });
});

describe("a '\\#' line behind an @id prefix", () => {
  // 2.0.10, 2.1.5: "Unknown keyword '#note'" and "Unknown keyword '#vs'" (VRRP and checker processes read the word);
  // 2.2.7: only the parent reports it, in the blocks it reads, and the copy it hands on has no marker line (later lines keep their file and number).
  const text = 'global_defs {\n@^y \\#top\n router_id a\n}\nvrrp_instance V {\n  interface eth0\n@^y \\#note\n  virtual_router_id 5\n  virtual_ipaddress {\n   10.0.0.1\n  }\n}\n';
  const ka116 = (v: string) => findings(text, v).filter((f) => f.includes('KA116'));

  it('is the word after the prefix for every process before 2.2.0', () => {
    for (const v of ['2.0.10', '2.1.5']) {
      expect(ka116(v)).toEqual([expect.stringMatching(/^2:KA116: .*the word '#top'/), expect.stringMatching(/^7:KA116: .*the word '#note'/)]);
    }
  });

  it("from 2.2.0 only the parent's word, and no marker line for the other processes", () => {
    expect(ka116('2.2.7')).toEqual([expect.stringMatching(/^2:KA116: .*parent process reads the word '#top' here .*skip the line/)]);
    // For another config id the line is not read at all.
    expect(analyze(text, { configId: 'y' }).diagnostics.filter((d) => d.code === 'KA116')).toEqual([]);
  });
});

describe('a ~SEQ line with a brace, before 2.1.0', () => {
  // The 2.0.10 build: on `~SEQ(i,1,2) priority 10${i}` "Unexpected '{'", "Unknown keyword 'i'", "Unknown keyword 'priority'"
  // twice (the rows, at the top level once the '}' ended the vrrp_instance), "(Line 11) Unknown keyword 'advert_int'",
  // "(Line 12) Unknown keyword '}'"; on `~SEQ(i,1,${N})` "Invalid ~SEQ definition '~SEQ(i,1,$'" and the same cascade.
  const instance = (seq: string) => `global_defs {\n router_id a\n}\nvrrp_instance V {\n interface eth0\n virtual_router_id 5\n virtual_ipaddress {\n  10.0.0.1\n }\n ${seq}\n advert_int 1\n}\n`;
  const lines = (text: string, v: string, code: string) => findings(text, v).filter((f) => f.includes(`:${code}:`)).map((f) => f.split(':')[0]);
  it('reads the rest from the brace as a line of its own, before the rows', () => {
    const text = instance('~SEQ(i,1,2) priority 10${i}');
    expect(findings(text, '2.0.10')).toContainEqual(expect.stringMatching(/^10:KA113: keepalived 2\.0\.10 does not substitute '\$\{i\}' in a ~SEQ line .*write '\$i'/));
    expect(lines(text, '2.0.10', 'KA202')).toEqual(['10', '10', '11']);
    expect(lines(text, '2.0.10', 'KA103')).toEqual(['10', '12']);
    const header = '$N=2\n' + instance('~SEQ(i,1,${N}) priority 10$i');
    expect(lines(header, '2.0.10', 'KA202')).toEqual(['12']);
    expect(lines(header, '2.0.10', 'KA103')).toEqual(['11', '13']);
    for (const v of ['2.1.0', '2.2.7']) expect(findings(text, v).filter((f) => !f.includes(':KA211:')), v).toEqual([]);
  });
  it("is a warning: the errors are what the split makes keepalived report; a lone '}' just closes the block", () => {
    // The 2.0.19 build is silent on `~SEQ(I, 3, -1, 1) }` closing global_defs (preprocessor mutations, seed 305).
    const text = 'global_defs {\n router_id a\n~SEQ(I, 3, -1, 1) }\n';
    const found = analyze(text, { targetVersion: '2.0.19' }).diagnostics;
    expect(found.map((d) => `${d.range.start.line + 1}:${d.code}:${d.severity}`)).toEqual(['3:KA113:warning']);
  });
});

describe('an @id prefix written on a later line of a multi-line definition, on a line with a reference', () => {
  // The 2.0.19 build and 2.2.7: -i x reads `retry $P` and drops the '@y' line (silent, exit 0); -i y reports "(Line 11)
  // Unknown keyword 'bogus_kw'". The prefix is read before the substitution, not taken for one a definition writes
  // (which 2.0.19 loops forever on).
  const text = '$P=3\n$RS= \\\nreal_server 10.0.0.2 80 { \\\n  TCP_CHECK { \\\n    @^y retry $P \\\n    @y bogus_kw $P \\\n  } \\\n}\nvirtual_server 10.0.0.1 80 {\n  protocol TCP\n  $RS\n}\n';
  it('is read as a prefix', () => {
    for (const v of ['2.0.19', '2.2.7']) {
      expect(analyze(text, { configId: 'x', targetVersion: v }).diagnostics.map((d) => d.code), v).toEqual([]);
      expect(analyze(text, { configId: 'y', targetVersion: v }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`), v).toEqual(['11:KA201']);
    }
  });
});

describe('an @id prefix a definition writes, before 2.1.4', () => {
  // The 2.0.19 build with `$P=@low` and `$P router_id a`: -i low never ends (killed after 10 s), -i x is silent, exit 0.
  // Found by the preprocessor mutations against 2.0.19 (seed 305): kalint said it loops for every id. An empty value
  // before the prefix leaves a blank in front of it, which these releases do not strip: '@low' is then a keyword
  // ("Unknown keyword '@low'", -i x; a real config, 1175.conf, switches lines off so).
  const text = '$P=@low\nglobal_defs {\n  $P router_id a\n}\n';
  const loops = (id: string) => analyze(text, { configId: id, targetVersion: '2.0.19' }).diagnostics.filter((d) => d.message.includes('loops forever')).map((d) => d.range.start.line + 1);
  it('loops forever where the id is this host\'s, and drops the line where it is another\'s', () => {
    expect(loops('low')).toEqual([3]);
    expect(loops('x')).toEqual([]);
  });
  it('reads the keyword @low where an empty value leaves a blank before it', () => {
    const blank = '$E=\nglobal_defs {\n$E @low router_id b\n}\n';
    for (const id of ['low', 'x']) expect(analyze(blank, { configId: id, targetVersion: '2.0.19' }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`), id).toEqual(['3:KA201']);
    // 2.1.4 and later strip the line again: the prefix holds.
    expect(analyze(blank, { configId: 'x', targetVersion: '2.2.7' }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
  const binary = releaseBinary('2.0.19');
  it.skipIf(!binary)('as the 2.0.19 build does', () => {
    const run = (id: string) => inDirRun(binary!, text, id);
    expect(run('x').status).toBe(0);
    expect(run('low').signal).toBe('SIGTERM');
    expect(inDirRun(binary!, '$E=\nglobal_defs {\n$E @low router_id b\n}\n', 'x').stderr).toContain("(Line 3) Unknown keyword '@low'");
  });
});

describe('an @id prefix before a comment that ends in a backslash', () => {
  // The comment pass before 2.4.0 leaves `@^high\` (the backslash kept, trailing blanks gone): an id with nothing after it,
  // so keepalived drops the line for every id. The 2.0.19 and 2.1.5 builds and 2.2.7 are silent on this config; without
  // the prefix they say "malformed unicast peer address[\]".
  const text = 'vrrp_instance V {\n interface eth0\n virtual_router_id 5\n unicast_peer {\n@^high # 10.1.0.1\\\n 10.1.0.2\n }\n virtual_ipaddress {\n  10.0.0.1\n }\n}\n';
  it('drops the line', () => {
    for (const v of ['2.0.19', '2.1.5', '2.2.7', '2.4.3']) for (const id of ['x', 'high']) expect(analyze(text, { configId: id, targetVersion: v }).diagnostics, `${v} ${id}`).toEqual([]);
    expect(analyze(text.replace('@^high ', ''), { configId: 'x' }).diagnostics.map((d) => d.code)).toEqual(['KA205']);
  });
});

// Found by fuzzing against 2.1.5: before 2.2.0 every process reads a line starting '\#' as words, and in a value
// block they are one more entry (2.2 and later hand the VRRP and checker processes a copy where it is a marker line).
describe("a line starting '\\#' in a value block, before 2.2.0", () => {
  const vips = 'vrrp_instance VI_0 {\n\tinterface eth0\n\tvirtual_router_id 5\n\tvirtual_ipaddress {\n\t\t10.0.0.1\n\t\t\\# note\n\t}\n\tunicast_peer {\n\t\t\\# peers\n\t\t10.0.0.9\n\t}\n}\n';
  const codesAt = (text: string, target: string) => lintText(text, { file: 'keepalived.conf', targetVersion: target }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`);
  it('is an entry keepalived checks (2.0.19 and 2.1.5: "VRRP parsed invalid IP #", "malformed unicast peer address[#]")', () => {
    for (const target of ['2.0.19', '2.1.5']) expect(codesAt(vips, target), target).toEqual(expect.arrayContaining(['6:KA116', '6:KA205', '9:KA116', '9:KA205']));
    // 2.2.7's VRRP process reads the copy, where the line marks an included file: no entry.
    expect(codesAt(vips, '2.2.7').filter((c) => c.endsWith('KA205'))).toEqual([]);
  });
  it('names a track file keepalived then cannot find (the 2.1.5 build loops on it, or crashes)', () => {
    const text = 'vrrp_track_file fg0 {\n\tfile /tmp/fg0\n}\nvrrp_instance VI_0 {\n\tinterface eth0\n\tvirtual_router_id 5\n\tvirtual_ipaddress {\n\t\t10.0.0.1\n\t}\n}\nvrrp_sync_group SG0 {\n\tgroup {\n\t\tVI_0\n\t}\n\ttrack_file {\n\t\tfg0\n\t\t\\# note\n\t}\n}\n';
    const ka315 = lintText(text, { file: 'keepalived.conf', targetVersion: '2.1.5' }).diagnostics.filter((d) => d.code === 'KA315');
    expect(ka315.map((d) => d.range.start.line + 1)).toEqual([17]);
    expect(ka315[0]!.message).toMatch(/track_file '#' .* never finishes/);
  });
  for (const release of ['2.0.19', '2.1.5']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`agrees with keepalived ${release} -t`, () => {
      const run = runRelease(binary!, vips);
      expect(run.messages.filter((m) => /invalid IP #|unicast peer address\[#\]/.test(m.message)).map((m) => m.line), run.stderr).toEqual([6, 9]);
    });
  }
});
