// The style rules (KA7xx): layout that changes what some keepalived releases read, or misleads.

import { describe, expect, it } from 'vitest';
import { applyFix, conf, findings, linesOf } from './helpers/rule-cases.js';
import { lintText } from '../server/src/linter.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';

describe('KA701 glued-brace', () => {
  // Found by fix-sweep on a mutant (session 52): with '$VIP=auth_type' defined, '$VIP} PASS' reads '$VIP' as written
  // (a bare reference ends only at a blank), and --fix's blank made keepalived substitute it: 'auth_type } PASS',
  // "missing a parameter", and keepalived stopped reading the file.
  it('offers the blank only as a suggestion after a bare $NAME that names a definition', () => {
    const text = conf('$VIP=auth_type', 'vrrp_instance V {', '  authentication {', '    $VIP} PASS', '  }', '  interface $IF}', '}');
    const d = findings(text, 'KA701');
    expect(d.map((x) => [x.range.start.line + 1, x.fix!.safe])).toEqual([[4, false], [6, true]]);
    expect(d[0]!.message).toContain("(a line break also makes keepalived read '$VIP' as a reference to a definition: see KA109)");
  });
  const glued = conf(
    'vrrp_instance VI_1{',
    '  interface eth0',
    '  virtual_router_id 51',
    '  virtual_ipaddress {',
    '    10.0.0.1/24}',
    '}vrrp_instance VI_2 {',
    '  interface eth0',
    '  virtual_router_id 52',
    '  virtual_ipaddress {',
    '    10.0.0.2/24',
    '  }',
    '}',
  );

  it('finds every brace touching a word, on either side', () => {
    expect(linesOf(glued, 'KA701')).toEqual([1, 5, 6]);
  });

  it("leaves braces in text written after '//' to KA204 and KA103 (a comment to its author; a blank changes nothing)", () => {
    // Seen in a real config: `virtual_router_id 80 //VRID ... MAC 00-00-5E-00-01-{VRID}`; keepalived 2.2.7 says
    // "Unexpected '{' - ignoring" and "Unknown keyword 'VRID'", and its '}' closes the vrrp_instance.
    const slashed = conf('vrrp_instance VI_1 {', '  interface eth0', '  virtual_router_id 80 //MAC 00-00-5E-00-01-{VRID}', '}');
    expect(linesOf(slashed, 'KA701')).toEqual([]);
    expect(linesOf(slashed, 'KA204')).toEqual([3]);
    expect(linesOf(slashed, 'KA103')).toEqual([3, 4]); // its '}' closed the instance: the last one is extra
    // 1.3.5 reads '00-00-5E-00-01-{VRID}' as one extra word, which is what the author meant: no blank to add.
    expect(linesOf(slashed, 'KA701', '1.3.5')).toEqual([]);
  });

  it('is a warning for 2.2.7 and an error for releases before 1.4.2', () => {
    expect(new Set(findings(glued, 'KA701').map((d) => d.severity))).toEqual(new Set(['warning']));
    expect(new Set(findings(glued, 'KA701', '1.3.5').map((d) => d.severity))).toEqual(new Set(['error']));
    expect(findings(glued, 'KA701', '1.3.5')[0]!.message).toContain("reads its last word as 'VI_1{'");
  });

  // What keepalived 1.3.5 (built from its tag, run on these files) does, and what the messages say.
  describe('for releases before 1.4.2, says what the old reading does', () => {
    const lostServer = conf(
      'virtual_server 192.168.1.10 80 {',
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
    );

    it("a brace glued to a keyword: the block's '}' ends the enclosing one and the next real_server is lost", () => {
      // 1.3.5's checker: "Unknown keyword 'TCP_CHECK{'", 'connect_timeout', then 'real_server', 'TCP_CHECK',
      // 'connect_timeout' and three '}' at the top level; the dump has only RIP 10.0.0.11.
      const [d] = findings(lostServer, 'KA701', '1.3.5');
      expect(d!.message).toContain("reads 'TCP_CHECK{' as an unknown keyword: the 'TCP_CHECK' block is never opened, its lines are read in 'real_server 10.0.0.11 80', and the '}' on line 6 ends 'real_server 10.0.0.11 80'");
      expect(d!.message).toContain("never builds 'real_server 10.0.0.12 80' (line 8)");
      expect(findings(lostServer, 'KA701')[0]!.message).toContain('keepalived 1.4.2+ reads it correctly');
    });

    it('a value block glued to its keyword: its values are unknown keywords and its brace ends the instance', () => {
      // 1.3.5: "Unknown keyword 'virtual_ipaddress{'", "Unknown keyword '192.168.1.11/24'", "Unknown keyword '}'".
      const vips = conf('vrrp_instance VI_2 {', '    interface eth0', '    virtual_ipaddress{', '        192.168.1.11/24', '    }', '}');
      const [d] = findings(vips, 'KA701', '1.3.5');
      expect(d!.message).toContain("its lines are read in 'vrrp_instance VI_2', and the '}' on line 5 ends 'vrrp_instance VI_2'");
    });

    it("a block inside the glued one: its '}' ends the enclosing block", () => {
      // 1.3.5's checker: 'HTTP_GET{', 'url', 'path' unknown, then two '}' at the top level.
      const nested = conf('virtual_server 192.168.1.10 80 {', '    real_server 10.0.0.11 80 {', '        HTTP_GET{', '            url {', '                path /', '            }', '        }', '    }', '}');
      expect(findings(nested, 'KA701', '1.3.5')[0]!.message).toContain("the '}' on line 6 ends 'real_server 10.0.0.11 80'");
    });

    it('a brace glued to an argument keeps the block, with the brace in the word', () => {
      // 1.3.5 names the instance 'VI_1{' and logs "Missing '{' at beginning of configuration block".
      expect(findings(glued, 'KA701', '1.3.5')[0]!.message).toContain('"Missing \'{\' at beginning of configuration block"');
    });

    it("a '}' glued to a word is not a '}' there", () => {
      const close = conf('vrrp_instance VI_1 {', '    virtual_ipaddress {', '        10.0.0.1/24}', '}');
      expect(findings(close, 'KA701', '1.3.5')[0]!.message).toContain("reads '10.0.0.1/24}' as one word, not as a '}': the block stays open");
    });

    it("'}}' is one word: in a value block, one more (invalid) value, and the block stays open", () => {
      // 1.3.5: "VRRP parsed invalid IP }}. skipping IP..."; the next '}' ends the addresses and the one
      // after it the instance, whose dump has "Virtual IP = 1".
      const twice = conf('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', '    virtual_ipaddress {', '        10.0.0.1/24', '    }}', '    }', '}');
      expect(findings(twice, 'KA701', '1.3.5')[0]!.message).toContain("reads '}}' as one word, not as a '}'");
      const vi1 = lintText(twice, { file: 'keepalived.conf', targetVersion: '1.3.5' }).analysis.model.vrrpInstances[0]!;
      expect(vi1.virtualIpaddresses.map((a) => a.text)).toEqual(['10.0.0.1/24', '}}']);
      expect(findings(twice, 'KA102', '1.3.5')).toEqual([]);
    });
  });

  // Session 61's variants audit: at the default target the note promises older releases, so where a blank is not
  // enough for them (a '}' after a value, a '{' before one) the fix breaks the line as it does for a 1.3.5 target.
  it('the fixes insert the missing blanks, or a line break where releases before 1.4.2 need one', () => {
    let text = glued;
    for (let guard = 0; guard < 10; guard++) {
      const d = findings(text, 'KA701')[0];
      if (!d) break;
      text = applyFix(text, d.fix!);
    }
    expect(linesOf(text, 'KA701')).toEqual([]);
    expect(linesOf(text, 'KA706', '1.3.5')).toEqual([]);
    expect(text.split('\n').slice(0, 8)).toEqual(['vrrp_instance VI_1 {', '  interface eth0', '  virtual_router_id 51', '  virtual_ipaddress {', '    10.0.0.1/24', '  }', '}', 'vrrp_instance VI_2 {']);
    const [open] = findings(conf('vrrp_instance A {', '  track_interface {eth0', '  }', '}'), 'KA701');
    expect(open!.message).toMatch(/take a '\{' as a brace only as the last word of its line; put a line break between them$/);
    expect(open!.fix).toMatchObject({ description: 'Insert a line break', safe: true });
    // A brace after a block's name needs only the blank, in every release.
    expect(findings(conf('vrrp_script chk{', '  script "/bin/true"', '}'), 'KA701')[0]!.fix!.description).toBe('Insert a space');
  });

  // Found by fix-sweep --target-version 1.3.5 over mutants (session 52): the blank fixed `TCP_CHECK{` for 1.3.5, but
  // `10.0.0.1/24 }` and `} vrrp_instance` were still lost there (KA706: a '}' is a brace only as a line's first word).
  it('before 1.4.2 the fixes put a line break where a blank is not enough', () => {
    let text = glued;
    for (let guard = 0; guard < 10; guard++) {
      const d = findings(text, 'KA701', '1.3.5')[0];
      if (!d) break;
      text = applyFix(text, d.fix!);
    }
    expect(linesOf(text, 'KA701', '1.3.5')).toEqual([]);
    expect(linesOf(text, 'KA706', '1.3.5')).toEqual([]);
    expect(text.split('\n').slice(0, 7)).toEqual(['vrrp_instance VI_1 {', '  interface eth0', '  virtual_router_id 51', '  virtual_ipaddress {', '    10.0.0.1/24', '  }', '}']);
    expect(text.split('\n')[7]).toBe('vrrp_instance VI_2 {');
    const [d] = findings(conf('vrrp_instance A {', '  virtual_ipaddress {10.0.0.9', '  }', '}'), 'KA701', '1.3.5');
    expect(d!.message).toMatch(/put a line break between them$/);
    expect(d!.fix).toMatchObject({ description: 'Insert a line break', safe: true });
  });

  it('leaves spaced braces, ${NAME} references, definitions and comments alone', () => {
    const text = conf('$IF=eth0', '$BLOCK={ x }', 'vrrp_instance VI_1 { # note{', '  interface ${IF}', '  virtual_router_id 51', '  virtual_ipaddress {', '    10.0.0.1/24', '  }', '}');
    expect(linesOf(text, 'KA701')).toEqual([]);
  });

  it('treats adjacent braces as glued, but not a brace touching a quoted word', () => {
    expect(linesOf(conf('global_defs {}'), 'KA701')).toEqual([1]);
    // A quote ends a word in every release (1.3.5's alloc_strvec too): the 1.3.5 build reads this vrrp_script.
    expect(linesOf(conf('vrrp_script "chk"{', '  script /bin/true', '}'), 'KA701')).toEqual([]);
  });

  // Found on a real config (a Chinese how-to, ideographic spaces before the comments): the brace
  // touches a space look-alike, which KA704 reports and replaces with a plain space.
  it('leaves a brace touching a space look-alike to KA704', () => {
    const text = conf('vrrp_script chk {\u3000\u3000# check nginx', '  script /bin/true', '\u00a0\u00a0}', 'vrrp_instance VI_1 {', '  track_script {', '    chk', '  }\u00a0', '}');
    expect(linesOf(text, 'KA701')).toEqual([]);
    expect(linesOf(text, 'KA704')).toEqual([1, 3, 7]);
    // A zero-width character is deleted, not replaced: the brace it hides stays glued.
    expect(linesOf(conf('global_defs\u200b{', '}'), 'KA701')).toEqual([1]);
  });

  it.skipIf(!keepalivedAvailable())('keepalived 2.2.7 itself reads glued braces correctly', () => {
    const r = runKeepalived(conf('global_defs{', '  router_id lb1}', 'vrrp_instance VI_1{', '  interface eth0', '  virtual_router_id 51', '  virtual_ipaddress{', '    10.0.0.1/24}', '}'));
    expect(r.messages.filter((m) => /Unknown keyword|Extra '}'|missing '}'/.test(m.message))).toEqual([]);
  });
});

describe('KA702 trailing-backslash', () => {
  // Found by the substitution audit (session 59): the body of a definition a ~SEQ line makes was taken for keyword
  // lines, and --fix took its backslashes off (keepalived then: "Unknown keyword 'virtual_router_id'").
  it('leaves the body of a definition a ~SEQ/~LST line makes alone', () => {
    const body = ['    interface eth0 \\', '    virtual_router_id 5${N} \\', '    priority 100', 'vrrp_instance VI_1 {', '    $VI1', '    virtual_ipaddress {', '        10.0.0.1/24', '    }', '}'];
    expect(findings(conf('~SEQ(N,1,1) $VI${N}=\\', ...body), 'KA702')).toEqual([]);
    expect(findings(conf('~LST(N,1) ~SEQ(M,1,1) $VI${N}=\\', ...body), 'KA702')).toEqual([]);
    expect(findings(conf('~SEQ(N,1,1) virtual_router_id 5${N} \\', ...body.slice(1)), 'KA702')).not.toEqual([]);
  });
  const bad = conf('vrrp_instance VI_1 {', '  interface eth0', '  virtual_router_id 51 \\', '  advert_int 1\\', '  priority 100 # primary \\', '}');

  it('is a warning on a unicast_peer entry with a prefix, which keepalived still reads up to the /', () => {
    // Found by mutation fuzzing: keepalived 2.2.7 -t is silent on '192.168.0.66/24 \\' in unicast_peer; without the prefix
    // it says "malformed unicast peer address[10.0.0.2\\]. Skipping...".
    const peer = (entry: string) => conf('vrrp_instance VI_1 {', '  interface eth0', '  virtual_router_id 51', '  unicast_peer {', `    ${entry} \\`, '  }', '}');
    expect(findings(peer('10.0.0.2/24'), 'KA702').map((d) => d.severity)).toEqual(['warning']);
    expect(findings(peer('10.0.0.2'), 'KA702').map((d) => d.severity)).toEqual(['error']);
  });

  it('on a vrrp_script script line says keepalived 2.2.7 crashes there (as KA609 does), still with its fix', () => {
    // keepalived -t on this file: segmentation fault (exit 139).
    const script = conf('vrrp_script chk {', '  script "/bin/true" \\', '  interval 2', '}');
    const [d] = findings(script, 'KA702');
    expect(d!.message).toContain('on this script line the trailing backslash crashes keepalived 2.2.7 (see KA609)');
    expect(d!.severity).toBe('error');
    expect(d!.fix?.safe).toBe(true);
    // keepalived 2.0.7, 2.0.19 and 2.1.5 built from their tags crash the same way; 2.0.6 reads the line.
    expect(findings(script, 'KA702', '2.1.5')[0]!.message).toContain('crashes keepalived 2.1.5');
    expect(findings(script, 'KA702', '2.0.7')[0]!.message).toContain('crashes keepalived 2.0.7');
    expect(findings(script, 'KA702', '2.0.6')[0]!.message).not.toContain('crashes');
  });

  // Found by fix-sweep (sessions 51-52): a keepalived maintainer's test config writes `VI4= \` over backslash-ended
  // instance lines, a multi-line definition that lost its '$'. --fix took the backslashes away, which the '$' needs.
  it('offers its fix only as a suggestion on the lines a definition written without its $ would continue', () => {
    const run = conf('VI4= \\', '    state BACKUP \\', '    priority 100', 'vrrp_instance A {', '    $VI4', '    interface eth0 \\', '}');
    const d = findings(run, 'KA702');
    expect(d.map((x) => [x.range.start.line + 1, x.fix!.safe])).toEqual([[1, false], [2, false], [6, true]]);
    expect(d[1]!.message).toMatch(/; or, if line 1 starts the multi-line definition of '\$VI4' written without its '\$' \(KA201\), write the '\$' and keep the backslashes$/);
  });

  it('reports a trailing backslash on keyword lines, also one ending a comment', () => {
    const d = findings(bad, 'KA702');
    expect(d.map((x) => x.range.start.line + 1)).toEqual([3, 4, 5]);
    expect(d[0]!.message).toContain("'51\\'");
    expect(d[2]!.message).toContain("'100\\'");
  });

  it('from 2.4.0 a backslash ending a comment goes with the comment', () => {
    // keepalived 2.2.7 and 2.3.1: "invalid number '100\\'" for `priority 100 # primary \\`; 2.4.3 cuts the
    // comment first (its commit "improve handling of comment stripping and continuation lines", 2.4.0).
    expect(findings(bad, 'KA702', '2.3.1').map((x) => x.range.start.line + 1)).toEqual([3, 4, 5]);
    expect(findings(bad, 'KA702', '2.4.0').map((x) => x.range.start.line + 1)).toEqual([3, 4]);
    expect(findings(bad, 'KA205', '2.4.3').map((x) => x.range.start.line + 1)).toEqual([3, 4]);
  });

  it('before 2.0.9 a separate backslash is an extra word and a comment keeps its own', () => {
    const d = findings(bad, 'KA702', '1.3.5');
    expect(d.map((x) => [x.range.start.line + 1, x.severity])).toEqual([[3, 'warning'], [4, 'error']]);
    expect(d[0]!.message).toContain("reads '\\' as one more word");
  });

  // Found by differential fuzzing: keepalived -t accepts this file without a word (the address keeps the backslash).
  it('is a warning where the glued word is a string keepalived accepts', () => {
    const text = conf('global_defs {', '  notification_email_from ops@example.com \\', '  router_id lb1', '}');
    expect(findings(text, 'KA702').map((x) => [x.range.start.line + 1, x.severity])).toEqual([[2, 'warning']]);
    expect(findings(bad, 'KA702').map((x) => x.severity)).toEqual(['error', 'error', 'error']);
  });

  it.skipIf(!keepalivedAvailable())('keepalived accepts a string with the backslash glued on', () => {
    const r = runKeepalived(conf('global_defs {', '  notification_email_from ops@example.com \\', '  router_id lb1', '}'));
    expect(r.messages).toEqual([]);
  });

  // Found on real configs: keepalived pairs a backslash with the character after it, so `\\\\` at the
  // end of a comment continues nothing; a comment line ending with a lone backslash reads as `\`.
  const commented = conf('vrrp_instance VI_1 {', '  virtual_router_id 51 # two \\\\', '  # notify_master "/bin/x.sh \\', '  interface eth0', '}');
  it('ignores an even run of backslashes ending a comment', () => {
    expect(linesOf(commented, 'KA702')).toEqual([]);
    expect(linesOf(commented, 'KA205')).toEqual([]);
  });
  it('reads a comment line ending with a backslash as the keyword \\', () => {
    const d = findings(commented, 'KA201');
    expect(d.map((x) => [x.range.start.line + 1, x.message])).toEqual([[3, "Unknown keyword '\\' in 'vrrp_instance'"]]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived: the even run is silent, the comment line is the keyword \\', () => {
    const r = runKeepalived(commented);
    expect(r.messages.filter((m) => m.line === 2)).toEqual([]);
    expect(r.messages.filter((m) => m.line === 3).map((m) => m.message)).toEqual(["Unknown keyword '\\'"]);
  });

  // Found on a real config: a line for another node is not read on this one.
  it('ignores lines whose @id is another node', () => {
    const text = conf('vrrp_instance VI_1 {', '  interface eth0', '@lb2  priority 240 \\', '  virtual_router_id 51', '}');
    expect(linesOf(text, 'KA702')).toEqual([]);
    expect(lintText(text, { file: 'keepalived.conf', configId: 'lb2' }).diagnostics.filter((d) => d.code === 'KA702').map((d) => d.range.start.line + 1)).toEqual([3]);
  });

  it('leaves multi-line definitions alone', () => {
    expect(linesOf(conf('$ADDRS=10.0.0.1/24 \\', '  10.0.0.2/24', 'vrrp_instance VI_1 {', '  virtual_router_id 51', '}'), 'KA702')).toEqual([]);
    // A comment ending with a backslash continues the definition too.
    expect(linesOf(conf('$ADDRS=10.0.0.1/24 # first \\', '  10.0.0.2/24 \\', '  10.0.0.3/24', 'vrrp_instance VI_1 {', '  virtual_router_id 51', '}'), 'KA702')).toEqual([]);
  });

  it('the fix removes the backslash (and the blanks before it)', () => {
    let text = bad;
    for (let guard = 0; guard < 5; guard++) {
      const d = findings(text, 'KA702')[0];
      if (!d) break;
      text = applyFix(text, d.fix!);
    }
    expect(text).toBe(conf('vrrp_instance VI_1 {', '  interface eth0', '  virtual_router_id 51', '  advert_int 1', '  priority 100 # primary ', '}'));
  });

  it.skipIf(!keepalivedAvailable())('keepalived reads the backslash as part of the number', () => {
    const r = runKeepalived(bad);
    const at3 = r.messages.filter((m) => m.line === 3).map((m) => m.message);
    expect(at3.some((m) => m.includes("invalid number '51\\'"))).toBe(true);
  });
});

describe('KA703 mixed-indentation', () => {
  it('reports the first line mixing tabs and spaces, with a count', () => {
    const text = conf('vrrp_instance VI_1 {', '\t  interface eth0', '  \tvirtual_router_id 51', '\tpriority 100', '}');
    const d = findings(text, 'KA703');
    expect(d.map((x) => x.range.start.line + 1)).toEqual([2]);
    expect(d[0]!.message).toContain('and 1 more');
  });

  it('reports a file that indents some lines with tabs and others with spaces, at the first line of the rarer kind', () => {
    const text = conf('vrrp_instance VI_1 {', '    interface eth0', '    priority 100', '\tvirtual_router_id 51', '}');
    const d = findings(text, 'KA703');
    expect(d.map((x) => x.range.start.line + 1)).toEqual([4]);
    expect(d[0]!.message).toContain('1 line is indented with tabs while 2 use spaces');
  });

  it('accepts consistent indentation of either kind', () => {
    expect(linesOf(conf('vrrp_instance VI_1 {', '\tinterface eth0', '\t\t', '}'), 'KA703')).toEqual([]);
    expect(linesOf(conf('vrrp_instance VI_1 {', '    interface eth0', '}'), 'KA703')).toEqual([]);
  });
});

describe('KA704 lookalike-character', () => {
  const NBSP = '\u00a0';
  const copied = conf(
    '\ufeffglobal_defs {',
    '  router_id lb1',
    '}',
    'vrrp_instance VI_1 {',
    '  interface eth0',
    '  virtual_router_id 51',
    `  priority${NBSP}100`,
    `${NBSP}${NBSP}${NBSP} nopreempt`,
    '  notify_master \u201c/etc/keepalived/notify.sh master\u201d',
    `  # a comment may hold${NBSP}anything \u201cquoted\u201d`,
    '  virtual_ipaddress {',
    '    10.0.0.1/24\u200b',
    '  }',
    '}',
  );

  it('finds each word holding a lookalike, outside comments, one finding per word', () => {
    expect(linesOf(copied, 'KA704')).toEqual([1, 7, 8, 9, 12]);
    const [bom, nbsp, leading, quotes, zw] = findings(copied, 'KA704');
    expect(bom!.message).toContain('byte order mark (U+FEFF)');
    expect(nbsp!.message).toContain("'priority<U+00A0>100' contains a no-break space (U+00A0)");
    expect(leading!.message).toContain('3 × no-break space');
    expect(quotes!.message).toContain('use straight double quotes');
    expect(zw!.message).toContain('zero-width space (U+200B)');
    expect(findings(copied, 'KA704').every((d) => d.severity === 'warning')).toBe(true);
  });

  it('the unknown keyword keepalived reports shows the hidden character', () => {
    const ka201 = findings(copied, 'KA201').map((d) => d.message);
    expect(ka201).toContain("Unknown keyword 'priority<U+00A0>100' in 'vrrp_instance': it contains a no-break space (U+00A0), which is neither a blank nor a quote for keepalived; written with plain characters it would be 'priority 100' (see KA704)");
    expect(ka201.some((m) => m.startsWith("Unknown keyword '<U+FEFF>global_defs'"))).toBe(true);
  });

  it("names an ideographic space (U+3000, from a Japanese or Chinese input method) with 'an'", () => {
    const ideographic = conf('vrrp_instance VI_1 {', '  interface eth0', '  priority\u3000100', '}');
    expect(findings(ideographic, 'KA704')[0]!.message).toContain("'priority<U+3000>100' contains an ideographic space (U+3000)");
    expect(findings(ideographic, 'KA201')[0]!.message).toContain('it contains an ideographic space (U+3000)');
  });

  it('the fixes write the plain characters, and the config then reads as meant', () => {
    let text = copied;
    for (const d of findings(copied, 'KA704').reverse()) text = applyFix(text, d.fix!);
    const meant = copied.split('\n');
    meant[0] = 'global_defs {';
    meant[6] = '  priority 100';
    meant[7] = '    nopreempt';
    meant[8] = '  notify_master "/etc/keepalived/notify.sh master"';
    meant[11] = '    10.0.0.1/24';
    expect(text).toBe(meant.join('\n'));
    expect(linesOf(text, 'KA704')).toEqual([]);
    expect(findings(text, 'KA201')).toEqual([]);
  });

  // Session 61's variants audit: inside quotes the character is the value's own (2.2.7 dump: Password = p\xC2\xA0ss).
  it('inside a quoted value the fix is a suggestion, not applied by --fix: it changes the value', () => {
    const auth = conf('vrrp_instance V {', '  authentication {', '    auth_type PASS', `    auth_pass "p${NBSP}ss"`, '  }', '}');
    const [d] = findings(auth, 'KA704');
    expect(d!.message).toContain('inside quotes, where keepalived keeps it as part of the value');
    expect(d!.fix!.safe).toBe(false);
    // A script's command is split again at blanks: there the no-break space joins two words, and the fix is safe.
    const notify = conf('vrrp_instance V {', `  notify_master "/x.sh${NBSP}MASTER"`, '}');
    expect(findings(notify, 'KA704')[0]!.fix!.safe).toBe(true);
    expect(findings(notify, 'KA704')[0]!.message).toContain('so it reads it as part of the word');
  });

  it("typographic single quotes are lookalikes in a script's command only, where keepalived quotes with '", () => {
    const chk = conf('vrrp_script chk {', '  script "/usr/bin/pgrep \u2018haproxy\u2019"', '}');
    const [d] = findings(chk, 'KA704');
    expect(d!.message).toContain("'\"/usr/bin/pgrep <U+2018>haproxy<U+2019>\"' contains a left single quotation mark (U+2018) and a right single quotation mark (U+2019)");
    expect(d!.message).toContain("use straight single quotes (')");
    expect(applyFix(chk, d!.fix!)).toBe(conf('vrrp_script chk {', `  script "/usr/bin/pgrep 'haproxy'"`, '}'));
    // Elsewhere an apostrophe is a character like any other, straight or curly.
    expect(findings(conf('global_defs {', '  router_id it\u2019s', '}'), 'KA704')).toEqual([]);
  });

  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t: lookalikes are word characters', () => {
    const said = runKeepalived(copied).messages.map((m) => `${m.line}:${m.message}`);
    expect(said).toContain(`1:Unknown keyword '\ufeffglobal_defs'`);
    expect(said).toContain(`7:Unknown keyword 'priority${NBSP}100'`);
    expect(said).toContain(`8:Unknown keyword '${NBSP}${NBSP}${NBSP}'`);
    expect(said).toContain("12:invalid number '24\u200b'");
    // Typographic quotes alone: keepalived accepts the line without a word (hence a warning).
    const quotesOnly = conf('vrrp_instance VI_1 {', '  interface eth0', '  virtual_router_id 51', '  notify_master \u201c/etc/keepalived/notify.sh master\u201d', '  virtual_ipaddress {', '    10.0.0.1/24', '  }', '}');
    expect(runKeepalived(quotesOnly).messages.filter((m) => m.line === 4)).toEqual([]);
    expect(linesOf(quotesOnly, 'KA704')).toEqual([4]);
  });
});

describe('control characters in messages', () => {
  it('a message quoting a word shows its control characters, which a terminal prints as nothing', () => {
    const text = conf('global_defs {', '    rou\u0001ter_id lb1', '    bad\u007fword', '    \u001b[31mrouter_id x', '}');
    expect(lintText(text, { file: 'k.conf' }).diagnostics.filter((d) => d.code === 'KA201').map((d) => d.message)).toEqual([
      "Unknown keyword 'rou<U+0001>ter_id' in 'global_defs'; did you mean 'router_id'?",
      "Unknown keyword 'bad<U+007F>word' in 'global_defs'",
      "Unknown keyword '<U+001B>[31mrouter_id' in 'global_defs'",
    ]);
  });
});

describe('KA704 full-width braces', () => {
  // A CJK input method left on types '｛' and '｝' (U+FF5B, U+FF5D): keepalived reads them as words, so
  // the block never opens ("vrrp_instance must have a name" for the extra word) or never closes.
  const typed = conf('vrrp_instance VI_1 \uff5b', '  interface eth0', '  virtual_router_id 51', '  virtual_ipaddress {', '    10.0.0.1/24', '  }', '\uff5d');
  it('finds them and says they are no braces for keepalived; the fix writes ASCII braces', () => {
    const d = findings(typed, 'KA704');
    expect(d.map((x) => x.range.start.line + 1)).toEqual([1, 7]);
    expect(d[0]!.message).toBe("'<U+FF5B>' contains a full-width left curly bracket (U+FF5B): keepalived opens and closes blocks only with ASCII '{' and '}', so it reads it as a word, not as a brace; write the ASCII brace");
    expect(findings(typed, 'KA201').map((x) => x.message)).toContain("Unknown keyword '<U+FF5D>' in 'vrrp_instance': it contains a full-width right curly bracket (U+FF5D), which is no brace for keepalived; written as '}' it would close a block (see KA704)");
    let text = typed;
    for (const x of [...d].reverse()) text = applyFix(text, x.fix!);
    expect(text).toBe(conf('vrrp_instance VI_1 {', '  interface eth0', '  virtual_router_id 51', '  virtual_ipaddress {', '    10.0.0.1/24', '  }', '}'));
    expect(findings(text, 'KA704')).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t: a full-width brace is a word', () => {
    // (With the '｛' too, keepalived reads the instance's lines into an instance it never made and may
    // crash: KA104 says so. A closing one alone is safe to run.)
    const closing = conf('vrrp_instance VI_1 {', '  interface eth0', '  virtual_router_id 51', '  virtual_ipaddress {', '    10.0.0.1/24', '  }', '\uff5d');
    const said = runKeepalived(closing).messages.map((m) => `${m.line}:${m.message}`);
    expect(said).toContain('7:Unknown keyword \'\uff5d\'');
    expect(said).toContain("undefined:There are 1 missing '}'s or extra '{'s");
    expect(linesOf(closing, 'KA704')).toEqual([7]);
  });
});

describe('KA705 placeholder-left', () => {
  // Real configs copied from guides: `script "/scripts/check-http.sh <public-ip>"`, `auth_pass <CHANGE_TO_8-CHARACTER_PASSWORD>`, `<VIP>`.
  const text = [
    'vrrp_script chk {', //                                         1
    '    script "/scripts/check-http.sh <public-ip>"', //           2
    '}', //                                                         3
    'vrrp_instance VI_1 {', //                                      4
    '    authentication {', //                                      5
    '        auth_type PASS', //                                    6
    '        auth_pass <password>', //                              7
    '    }', //                                                     8
    '    virtual_ipaddress {', //                                   9
    '        <VIP> dev eth0', //                                    10
    '    }', //                                                     11
    '}', //                                                         12
    'virtual_server 10.0.0.1 80 {', //                              13
    '    real_server 10.0.0.2 80 {', //                             14
    '        HTTP_GET {', //                                        15
    '            url {', //                                         16
    '                path /', //                                    17
    '                regex "<title>OK</title>"', //                 18
    '            }', //                                             19
    '        }', //                                                 20
    '    }', //                                                     21
    '}', //                                                         22
    'global_defs {', //                                             23
    '    notification_email_from "Keepalived <noreply@example.com>"', // 24
    '}', //                                                         25
  ].join('\n');

  it('reports placeholders keepalived accepts silently, not HTML in a url regex or an e-mail in angle brackets', () => {
    expect(linesOf(text, 'KA705')).toEqual([2, 7]);
    // Where an address is expected the placeholder is an invalid value: that finding alone.
    expect(lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.range.start.line === 9).map((d) => d.code)).toEqual(['KA205']);
    expect(findings(text, 'KA705')[1]!.message).toContain("'<password>' looks like a placeholder");
  });

  // Harvested configs: 'interface __NETWORK_NIC__' (a deploy script's sed marker), 'auth_pass CHANGE_ME_VRRP_SECRET',
  // 'auth_pass your_password_here', 'vrrp_notify_fifo_script /usr/local/bin/your_fifo_script_path' (voxpupuli's README),
  // 'x.x.x.x/24 brd x.x.x.255' (the address is an invalid value, KA205; the brd after it a placeholder). keepalived -t
  // says nothing about any but the address (a missing interface at most).
  it('reports placeholders written as plain words', () => {
    const plain = conf(
      'global_defs {', //                                                   1
      '    vrrp_notify_fifo_script /usr/local/bin/your_fifo_script_path', // 2
      '}', //                                                               3
      'vrrp_instance VI_1 {', //                                            4
      '    interface __NETWORK_NIC__', //                                   5
      '    virtual_router_id 51', //                                        6
      '    authentication {', //                                            7
      '        auth_type PASS', //                                          8
      '        auth_pass CHANGE_ME', //                                     9
      '    }', //                                                           10
      '    virtual_ipaddress {', //                                         11
      '        x.x.x.x/24 brd x.x.x.255', //                                12
      '        10.0.0.2 dev __NETWORK_NIC__', //                            13
      '    }', //                                                           14
      '    notify_master "/etc/keepalived/notify.sh 192.168.1.x"', //       15
      '}',
    );
    expect(findings(plain, 'KA705').map((d) => `${d.range.start.line + 1}: ${d.message.split(' looks')[0]}`)).toEqual([
      "2: 'your_fifo_script_path'",
      "5: '__NETWORK_NIC__'",
      "9: 'CHANGE_ME'",
      "12: 'x.x.x.255'",
      "13: '__NETWORK_NIC__'",
      "15: '192.168.1.x'",
    ]);
    // Real names that only look alike: a Python cache directory, words that merely contain the letters, a file name.
    const alike = conf('global_defs {', '    router_id changemessage', '    notification_email_from yourself@example.com', '}', 'vrrp_script chk {', '    script "/usr/bin/test -d /opt/app/__pycache__ -a -f /etc/nginx.x.conf"', '}');
    expect(findings(alike, 'KA705')).toEqual([]);
  });

  // Harvested configs (session 53): 'auth_pass YourSecretPassword' (21 mutants of one), 'YourPassword', 'yourpassword',
  // 'ChangeThisSecretKey123'. Only KA302 spoke, cutting them to 8 bytes as if they were passwords.
  it('reports your…password and change-this words, not words that only start alike', () => {
    const pass = (word: string) => conf('vrrp_instance V {', '    interface eth0', '    virtual_router_id 1', '    authentication {', '        auth_type PASS', `        auth_pass ${word}`, '    }', '}');
    for (const w of ['YourSecretPassword', 'YourPassword', 'yourpassword', 'your_pass', 'ChangeThisSecretKey123', 'CHANGE_THIS_PASSWORD', 'replace-this']) expect(findings(pass(w), 'KA705').length, w).toBe(1);
    for (const w of ['yourself', 'youridentity', 'yourpassXYZ', 'mypassword', 'changeling', 'thischange']) expect(findings(pass(w), 'KA705'), w).toEqual([]);
    // The cut password is no placeholder any more: truncating it is a suggestion, as for the other shapes.
    expect(findings(pass('YourSecretPassword'), 'KA302')[0]!.fix?.safe).toBe(false);
    // Nor a cut that leaves one (harvest 58: 'ChangeMe53' cut to 'ChangeMe', which --fix then had KA705 report).
    expect(findings(pass('ChangeMe53'), 'KA302')[0]!.fix?.safe).toBe(false);
    expect(findings(pass('Sup3rS3cret'), 'KA302')[0]!.fix?.safe).toBe(true);
  });

  // CloudStack's keepalived.conf.templ: markers in capitals in square brackets that its scripts replace with sed.
  it('reports [CAPITALS] markers, not a regex class, an IPv6 address in brackets or lower-case words', () => {
    const marked = conf(
      'global_defs {', //                                                   1
      '    router_id [ROUTER_ID]', //                                       2
      '}', //                                                               3
      'vrrp_script heartbeat {', //                                         4
      '    script "[RROUTER_BIN_PATH]/heartbeat.sh"', //                    5
      '}', //                                                               6
      'vrrp_script other {', //                                             7
      '    script "/usr/bin/pgrep -f [H]APROXY[AB]x"', //                   8
      '}', //                                                               9
      'global_defs {', //                                                   10
      '    notification_email_from "[fe80::1]"', //                         11
      '    smtp_helo_name "[a-z]"', //                                      12
      '}',
    );
    expect(findings(marked, 'KA705').map((d) => `${d.range.start.line + 1}: ${d.message.split(' looks')[0]}`)).toEqual([
      "2: '[ROUTER_ID]'",
      "5: '[RROUTER_BIN_PATH]'",
    ]);
  });

  // A harvested template (h35-267): markers a deploy script fills in, written `<--NAME-->`. Where a value is typed they
  // are invalid values (KA205); the interface, the extra word of advert_int and the password were reported by nothing
  // but KA204 and KA302 ('<--AUTHP').
  it('reports dashed <--NAME--> markers', () => {
    const dashed = conf('vrrp_instance VI_1 {', '    interface <--INTERFACE-->', '    virtual_router_id <--VROUTERID-->', '    advert_int 1  <--ADVERT-->', '    authentication {', '        auth_type PASS', '        auth_pass <--AUTHPASS-->', '    }', '    virtual_ipaddress {', '        10.0.0.1', '    }', '}');
    expect(findings(dashed, 'KA705').map((d) => `${d.range.start.line + 1}: ${d.message.split(' looks')[0]}`)).toEqual([
      "2: '<--INTERFACE-->'",
      "4: '<--ADVERT-->'",
      "7: '<--AUTHPASS-->'",
    ]);
    // An arrow in a value is not a marker.
    expect(findings(conf('vrrp_script chk {', '    script "/bin/check <-- a"', '}'), 'KA705')).toEqual([]);
  });

  it('costs nothing on a file without a <', () => {
    expect(findings('global_defs {\n    router_id lb1\n}\n', 'KA705')).toEqual([]);
  });

  // Harvested configs: 'auth_pass <generate a password>' (aledbf/coreos-keepalived), 'interface [Instance local network
  // interface]' (100PercentIT/OpenStack-HA-Keepalived), 'interface [eth0 | wlan0]'. Only KA204 spoke ("ignores 'a password>'").
  it('reports a placeholder written over several words, in angle or square brackets', () => {
    const spread = conf('vrrp_instance VI_1 {', '    interface [eth0 | wlan0]', '    virtual_router_id 51', '    authentication {', '        auth_type PASS', '        auth_pass <generate a password>', '    }', '    virtual_ipaddress {', '        10.0.0.1', '    }', '}');
    expect(linesOf(spread, 'KA705')).toEqual([2, 6]);
    const [iface, pass] = findings(spread, 'KA705');
    expect(iface!.message).toContain("'[eth0 | wlan0]' looks like a placeholder");
    expect(pass!.message).toContain("'<generate a password>' looks like a placeholder from an example, never filled in: keepalived reads its words as they are (in 'auth_pass')");
    expect([pass!.range.start.column, pass!.range.end.column]).toEqual([18, 39]);
    // Not an IPv6 address in brackets, a quoted string, or brackets that do not close on the line.
    const others = conf('virtual_server 10.0.0.1 80 {', '    real_server 10.0.0.2 80 {', '        HTTP_GET {', '            url {', '                path /[a b]', '            }', '        }', '    }', '}', 'vrrp_script chk {', '    script "/bin/check [a b]"', '}', 'global_defs {', '    router_id [lb one', '}');
    expect(linesOf(others, 'KA705')).toEqual([]);
  });

  // Found in a harvested config (a template rendered with str.format, or not at all): 'auth_pass {password}',
  // '{VIRTUAL_IP}'. KA701 called the braces glued ("keepalived 1.4.2+ reads it correctly") and offered a blank.
  describe('a {name} placeholder', () => {
    const braced = conf('global_defs {', '    router_id {ROUTER_ID}', '}', 'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', '    virtual_ipaddress {', '        10.0.0.1', '    }', '}');

    it('is one KA705 finding, not two glued braces', () => {
      expect(linesOf(braced, 'KA705')).toEqual([2]);
      expect(findings(braced, 'KA705')[0]!.message).toContain("'{ROUTER_ID}' looks like a template placeholder");
      expect(findings(braced, 'KA705')[0]!.message).toContain('block braces');
      expect(linesOf(braced, 'KA701')).toEqual([]);
      // Releases before 1.4.2 read '{ROUTER_ID}' as one word: KA701 still says so (an error there), KA705 says it is read as it is.
      expect(linesOf(braced, 'KA701', '1.3.5')).toEqual([2, 2]);
      expect(findings(braced, 'KA705', '1.3.5')[0]!.message).toContain('reads it as it is');
    });

    // Found in a harvested README (killakazzak/k8s-kubeadm): 'unicast_src_ip {IP MASTER NODE}', '{IP SLAVE NODE}'
    // as a unicast_peer entry. KA701 called both braces glued, "keepalived 1.4.2+ reads it correctly".
    it('may hold several words: one KA705 finding, no glued braces', () => {
      const spread = conf('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', '    unicast_src_ip {IP MASTER NODE}', '    virtual_ipaddress {', '        10.0.0.1', '    }', '}');
      expect(linesOf(spread, 'KA705')).toEqual([4]);
      expect(findings(spread, 'KA705')[0]!.message).toContain("'{IP MASTER NODE}' looks like a template placeholder");
      expect(linesOf(spread, 'KA701')).toEqual([]);
      expect(linesOf(spread, 'KA701', '1.3.5')).toEqual([4, 4]);
      // A one-line block of several words is no placeholder.
      const block = conf('vrrp_instance VI_1 {', '    interface eth0', '    track_script {chk_a chk_b}', '}');
      expect(linesOf(block, 'KA705')).toEqual([]);
      expect(linesOf(block, 'KA701')).toEqual([3, 3]);
    });

    it('is not a definition reference, a brace glued to one side, or a block', () => {
      const others = conf('$R=lb1', 'global_defs {', '    router_id ${R}', '    notification_email {admin}', '}', 'vrrp_instance VI_1{', '    interface eth0', '    track_script {chk}', '}');
      expect(linesOf(others, 'KA705')).toEqual([]);
      // The one-line blocks' braces are glued: KA701 as before.
      expect(linesOf(others, 'KA701')).toEqual([4, 4, 6, 8, 8]);
    });

    it.skipIf(!keepalivedAvailable())('keepalived 2.2.7 reads its braces as braces', () => {
      const r = runKeepalived(braced);
      expect(r.messages.filter((m) => m.line === 2).map((m) => m.message)).toEqual([
        'routerid name missing - ignoring',
        "Unexpected '{' - ignoring",
        "Unknown keyword 'ROUTER_ID'",
      ]);
    });
  });
});

// keepalived 1.3.5 (built from its tag, run on these files in a network namespace) takes '{' as a
// brace only as the last word of its line and '}' only as the first word of a line.
describe('KA706 one-line-block', () => {
  const oneLiners = conf(
    'vrrp_script chk {',
    '    script "/bin/true"',
    '}',
    'vrrp_instance V {',
    '    interface eth0',
    '    virtual_router_id 5',
    '    virtual_ipaddress { 10.0.0.9 }',
    '    track_script {',
    '        chk',
    '    }',
    '}',
    'vrrp_instance W {',
    '    interface eth0',
    '    virtual_router_id 6',
    '    authentication { auth_type PASS }',
    '    virtual_ipaddress {',
    '        10.0.0.11',
    '    }',
    '}',
  );

  it('says nothing of the lines of a block keepalived skips by its braces', () => {
    // harvest62 I46 ('vrrp_instance VI_1 { 虚拟路由配置' with 'authentication { 认证机制' inside): the 1.3.5 build's VRRP process
    // logs only "vrrp_instance must have a name" for the block (its lines skipped silently), the parent only "Unknown
    // keyword 'authentication'" for that line; no process reads it as an authentication block, so no "Missing '{'".
    const skipped = conf('vrrp_instance VI_1 { note', '    interface eth0', '    authentication { note', '        auth_type PASS', '    }', '}');
    expect(linesOf(skipped, 'KA706', '1.3.5')).toEqual([1]);
    // The same inside a nameless instance with its '{' (skipped by every process).
    expect(linesOf(conf('vrrp_instance {', '    authentication { auth_type PASS', '    }', '}'), 'KA706', '1.3.5')).toEqual([]);
  });

  it('reports one-line blocks only for releases before 1.4.2', () => {
    // 1.3.5: "VRRP parsed invalid IP track_script. skipping IP..." (10.0.0.9 lost, track_script read as
    // an address), then "Missing '{' at beginning of configuration block" and
    // "Unknown keyword 'virtual_ipaddress'" (W's addresses read inside authentication).
    expect(linesOf(oneLiners, 'KA706', '1.3.5')).toEqual([7, 15]);
    expect(findings(oneLiners, 'KA706', '1.3.5')[0]!.message).toContain("reads the lines below it as its values");
    expect(findings(oneLiners, 'KA706', '1.3.5')[1]!.message).toContain('the block runs on to the next line');
    expect(linesOf(oneLiners, 'KA706', '1.4.2')).toEqual([]);
    expect(linesOf(oneLiners, 'KA706')).toEqual([]);
  });

  it("reports a '}' after words and words after a leading '}'", () => {
    const text = conf(
      'virtual_server 10.0.0.1 80 {',
      '    protocol TCP',
      '    real_server 10.0.0.3 80 {',
      '        TCP_CHECK {',
      '            connect_timeout 3 }',
      '    } }',
    );
    expect(linesOf(text, 'KA706', '1.3.5')).toEqual([5, 6]);
    expect(findings(text, 'KA706', '1.3.5')[1]!.message).toContain('that second');
  });

  it('says a vrrp_instance with words after its brace is dropped', () => {
    // 1.3.5: "vrrp_instance must have a name".
    const text = conf('vrrp_instance V { // note', '    interface eth0', '    virtual_router_id 5', '}');
    expect(findings(text, 'KA706', '1.3.5')[0]!.message).toContain('must have a name');
  });

  // versions63 bug 2. 1.3.5 to 1.4.1 pass the line below a value list's keyword to the list's handler with no check for a
  // '{' (alloc_value_block; 5332be8c added it in 1.4.2). The 1.3.5 build: "VRRP parsed invalid IP {. skipping IP...",
  // "malformed unicast peer address[{]", "unknown route keyword {", "Unknown rule option {", "{ no match, ignoring...",
  // the values below still read ("Virtual IP = 1", "Unicast Peer = 1"); `{ 10.0.0.9` loses 10.0.0.9 too.
  it("reports a '{' first on the line below a value list's keyword before 1.4.2", () => {
    const text = conf(
      'static_routes',
      '{',
      '    10.9.0.0/16 via 10.0.0.1',
      '}',
      'vrrp_instance V {',
      '    interface eth0',
      '    virtual_router_id 5',
      '    unicast_peer',
      '    {',
      '        10.0.0.3',
      '    }',
      '    track_script',
      '    { chk',
      '    }',
      '    virtual_ipaddress',
      '    { 10.0.0.9',
      '        10.0.0.10',
      '    }',
      '    authentication',
      '    {',
      '        auth_type PASS',
      '    }',
      '}',
      'vrrp_sync_group G {',
      '    group',
      '    {',
      '        V',
      '    }',
      '}',
    );
    const ds = findings(text, 'KA706', '1.3.5');
    expect(ds.map((d) => [d.range.start.line + 1, d.severity])).toEqual([[2, 'warning'], [9, 'warning'], [13, 'error'], [16, 'error']]);
    expect(ds[0]!.message).toBe("keepalived 1.3.5 reads the line below 'static_routes' as its first value, with no check for a '{' (1.4.2 added it): it takes '{' for a value and reports it (\"unknown route keyword {\"); the values below are still read; put '{' at the end of the 'static_routes' line");
    expect(ds[1]!.message).toContain('"malformed unicast peer address[{]. Skipping..."');
    expect(ds[2]!.message).toContain("drops the line (\"{ no match, ignoring...\"), so 'chk' is lost");
    expect(ds[3]!.message).toContain("drops the line (\"VRRP parsed invalid IP {. skipping IP...\"), so '10.0.0.9' is lost");
    for (const v of ['1.4.2', '2.2.7', undefined]) expect(linesOf(text, 'KA706', v), v).toEqual([]);
    // A virtual_server_group: the checker process exits on '{' alone (1.3.5: "Configuration line starting `{` is missing a
    // parameter after keyword `{` at word position 2", then "exited with permanent error CONFIG").
    const vsg = findings(conf('virtual_server_group G', '{', '    10.0.0.1 80', '}'), 'KA706', '1.3.5');
    expect(vsg.map((d) => [d.range.start.line + 1, d.severity])).toEqual([[2, 'error']]);
    expect(vsg[0]!.message).toContain('the checker process exits with a configuration error');
  });

  it('leaves the value lists that read their keyword line, and a lone // note after a block brace, alone', () => {
    const text = conf(
      'global_defs {',
      '    notification_email { admin@example.com }',
      '}',
      'vrrp_sync_group G {',
      '    group { V W }',
      '}',
      'virtual_server 10.0.0.1 80 { // KA107 reports this',
      '    protocol TCP',
      '}',
    );
    expect(linesOf(text, 'KA706', '1.3.5')).toEqual([]);
  });
});

describe('KA707 email-angle-brackets', () => {
  // Daemons started in a network namespace with a listener on smtp_server: the 2.2.7 package and the 2.2.8
  // build send "MAIL FROM:<<lb1@example.com>>" and "RCPT TO:<<ops@example.com>>"; 2.3.1 and 2.4.3 "MAIL FROM:<lb1@example.com>".
  const text = 'global_defs {\n    notification_email {\n        <ops@example.com>\n        "Ops Team <team@example.com>"\n        plain@example.com\n    }\n    notification_email_from <lb1@example.com>\n}\n';
  const at = (v: string) => lintText(text, { file: 'keepalived.conf', targetVersion: v }).diagnostics.filter((d) => d.code === 'KA707');
  it('reports addresses with angle brackets before 2.3.0, with the bare address as the fix', () => {
    for (const v of ['2.2.7', '2.2.8', '2.1.5']) expect(at(v).map((d) => d.range.start.line + 1)).toEqual([3, 4, 7]);
    for (const v of ['2.3.0', '2.4.3']) expect(at(v)).toEqual([]);
    const fixed = at('2.2.7').map((d) => d.fix?.edits[0]?.newText);
    expect(fixed).toEqual(['ops@example.com', '"team@example.com"', 'lb1@example.com']);
    expect(at('2.2.7')[2]!.message).toMatch(/"MAIL FROM:<<lb1@example.com>>"/);
  });
  it('reports an unquoted display name in notification_email on every release: each word is a recipient, and a refused one stops the alert', () => {
    // keepalived makes an address of every word of the block (email_handler, 1.3.5 to 2.4.3); with a listener
    // refusing a recipient without '@', 2.2.7 and 2.4.3 sent "RCPT TO:<Ops>", then QUIT, and never dev@example.com.
    const names = 'global_defs {\n    notification_email {\n        Ops <ops2@example.com>\n        Ops Team ops3@example.com\n        dev@example.com\n        root\n        a@example.com b@example.com\n        c@example.com local\n        d@example.com (Dee)\n    }\n}\n';
    for (const v of ['1.3.5', '2.2.7', '2.3.0', '2.4.3']) {
      const d = lintText(names, { file: 'keepalived.conf', targetVersion: v }).diagnostics.filter((x) => x.code === 'KA707');
      // A plain word after the addresses may be a local recipient ('c@example.com local'): not a display name.
      expect(d.map((x) => x.range.start.line + 1)).toEqual([3, 4, 9]);
      expect(d[2]!.message).toMatch(/^'\(Dee\)' is a recipient of its own/);
      expect(d[0]!.message).toContain('"RCPT TO:<Ops>"');
      expect(d[0]!.message).toContain('no one on the list gets the alert');
      expect(d[1]!.message).toMatch(/^'Ops' and 'Team' are recipients of their own/);
      // The advice and the fix leave only the address on the line (not 'Ops ops2@example.com').
      expect(d[0]!.message).toContain('Write only the address on this line (ops2@example.com)');
      expect(d.map((x) => x.fix?.edits.map((e) => [e.range.start.column, e.range.end.column, e.newText]))).toEqual([
        [[8, 30, 'ops2@example.com']],
        [[8, 33, 'ops3@example.com']],
        [[8, 27, 'd@example.com']],
      ]);
    }
  });
});

describe('KA708 smtp-alert-without-mail-setup', () => {
  // keepalived 2.2.7 core/smtp.c: smtp_alert() returns before building a message when the
  // notification_email list is empty or no smtp_server is set; neither -t nor the log says so.
  const instance = (alert: string) => conf('vrrp_instance VI_1 {', '  state MASTER', '  interface eth0', '  virtual_router_id 101', '  priority 101', `  ${alert}`, '  virtual_ipaddress {', '    10.0.0.1', '  }', '}');
  const globals = (...lines: string[]) => conf('global_defs {', ...lines, '}');
  it('reports an smtp_alert that no global smtp_server and recipient make deliverable', () => {
    // gist liejuntao001/2d65ce6e: 'smtp_alert' in the instance and no global_defs at all.
    expect(linesOf(instance('smtp_alert'), 'KA708')).toEqual([6]);
    expect(findings(instance('smtp_alert'), 'KA708')[0]!.message).toContain('global_defs has no smtp_server and no notification_email address');
    const serverOnly = globals('  smtp_server 127.0.0.1') + instance('smtp_alert');
    expect(findings(serverOnly, 'KA708')[0]!.message).toContain('global_defs has no notification_email address');
    const recipientOnly = globals('  notification_email {', '    ops@example.com', '  }') + instance('smtp_alert yes');
    expect(findings(recipientOnly, 'KA708')[0]!.message).toContain('global_defs has no smtp_server:');
  });
  it('is silent when mail can go out, or when no smtp_alert asks for it', () => {
    const mail = globals('  notification_email {', '    ops@example.com', '  }', '  smtp_server 127.0.0.1');
    expect(findings(mail + instance('smtp_alert'), 'KA708')).toEqual([]);
    expect(findings(instance('smtp_alert off'), 'KA708')).toEqual([]);
    expect(findings(instance('nopreempt'), 'KA708')).toEqual([]);
  });
  it('reports once per file, counting the other smtp_alert lines (global, real_server)', () => {
    const text =
      globals('  smtp_alert_checker') +
      conf('virtual_server 10.0.0.1 80 {', '  protocol TCP', '  real_server 10.0.0.2 80 {', '    smtp_alert', '    TCP_CHECK {', '    }', '  }', '}');
    const d = findings(text, 'KA708');
    expect(d).toHaveLength(1);
    expect(d[0]!.range.start.line).toBe(1);
    expect(d[0]!.message).toContain('(here and on 1 other line)');
  });
});

describe('KA709 comment-glued-to-word', () => {
  const instance = (priority: string, pass = 'secret') =>
    conf('vrrp_instance A {', '  interface eth0', '  state BACKUP', '  virtual_router_id 50', `  priority ${priority}`, '  authentication {', '    auth_type PASS', `    auth_pass ${pass}`, '  }', '  virtual_ipaddress {', '    10.0.0.1', '  }', '}');
  it("reports a '#' or '!' that touches the word before it, where keepalived cuts the value", () => {
    // sous-chefs/keepalived's ChefSpec contexts render `auth_pass password123!`; real configs carry `auth_pass P@##D321!`.
    expect(linesOf(instance('100', 'password123!'), 'KA709')).toEqual([8]);
    expect(linesOf(instance('100', 'P@##D321!'), 'KA709')).toEqual([8]);
    expect(linesOf(instance('25#6'), 'KA709')).toEqual([5]);
    const d = findings(instance('100', 'P@##D321!'), 'KA709')[0]!;
    expect(d.message).toContain("keepalived reads 'P@' and ignores '##D321!'");
    expect(d.range.start.column).toBe(16);
  });
  it('does not name the value of a word that holds a substitution', () => {
    const text = conf('$PASS=secret', 'vrrp_instance A {', '  authentication {', '    auth_pass $PASS#y', '  }', '}');
    expect(findings(text, 'KA709').map((d) => d.message)).toEqual([
      "'#' right after '$PASS' starts a comment: keepalived reads the line only up to it and ignores '#y'; if the '#' belongs to the value, write the value in double quotes, else put a blank before the comment",
    ]);
  });
  it('leaves comments after a blank, quoted values and escaped characters alone', () => {
    expect(linesOf(instance('100 # primary', '"pa#ss!"'), 'KA709')).toEqual([]);
    expect(linesOf(instance('100', 'secret # shared by both nodes'), 'KA709')).toEqual([]);
    expect(linesOf(conf('# a comment', '! another', 'global_defs {', '  router_id lb1', '}'), 'KA709')).toEqual([]);
  });
  it('offers a blank before the comment, which keepalived reads the same', () => {
    const text = instance('25#6');
    const fixed = applyFix(text, findings(text, 'KA709')[0]!.fix!);
    expect(fixed).toContain('  priority 25 #6\n');
    expect(linesOf(fixed, 'KA709')).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t reads the number only up to the comment', () => {
    // keepalived 2.2.7: `priority 25#6` passes (priority 25), while the quoted "25#6" gives
    // "(Line 5) invalid number '25#6'" and "(A) Priority not valid! must be between 1 & 255. Using default 100".
    expect(runKeepalived(instance('25#6')).messages.filter((m) => m.line === 5)).toEqual([]);
    expect(runKeepalived(instance('"25#6"')).messages.some((m) => m.line === 5 && /invalid number '25#6'/.test(m.message))).toBe(true);
  });
});

describe('KA711 notify-fifo-name-overrun', () => {
  // Found by configs.mjs against the 1.3.9 build (scripts/keepalived-1.3.5/run.sh, KA_RELEASE=1.3.9): a real config's
  // 'vrrp_notify_fifo /tmp/fifo_keepalived_vrrp' (25 bytes) made its VRRP process log "corrupted size vs. prev_size",
  // "Keepalived_vrrp exited due to signal 6", "VRRP child process(10) died: Exiting". The same build with notify_fifo and
  // vrrp_notify_fifo names of 25, 40 and 41 bytes aborts ("malloc(): assertion failure in sysmalloc" or the above), with 22
  // to 24, 26, 39 and 42 bytes reads on. 1.3.6 to 1.4.0 allocate strlen(name + 1) bytes (21c06344 fixed it in 1.4.1).
  const fifo = (kw: string, path: string) => conf('global_defs {', `${kw} ${path}`, '}');
  const ofLength = (n: number) => '/tmp/' + 'f'.repeat(n - 5);
  it('reports the lengths that run into the next heap block, for 1.3.6 to 1.4.0', () => {
    expect(findings(fifo('vrrp_notify_fifo', '/tmp/fifo_keepalived_vrrp'), 'KA711', '1.3.9')[0]!.message).toContain(
      'keepalived 1.3.9 gives this vrrp_notify_fifo name (25 bytes) one byte less than it needs and copies two bytes more (fixed in 1.4.1)',
    );
    const reported = (v: string) => [22, 23, 24, 25, 26, 39, 40, 41, 42, 56, 57, 58].filter((n) => linesOf(fifo('notify_fifo', ofLength(n)), 'KA711', v).length);
    expect(reported('1.3.9')).toEqual([24, 25, 40, 41, 56, 57]);
    for (const v of ['1.3.5', '1.4.1', '2.2.7']) expect(reported(v), v).toEqual([]);
    expect(linesOf(fifo('lvs_notify_fifo', ofLength(40)), 'KA711', '1.3.6')).toEqual([2]);
  });
});

describe('KA710 mail-settings-crash', () => {
  // The 2.0.10 build under -t: exit 139 and no message with all four set (also over two global_defs blocks); no crash with any
  // one left out or an smtp_server that is not an address (reported); the 2.0.19 and 2.2.7 builds: exit 0 (fccdeba3, 2.0.11).
  const globals = (...lines: string[]) => conf('global_defs {', ...lines, '}');
  const all = ['router_id lb1', 'notification_email_from lb1@example.com', 'smtp_server 192.0.2.25 25', 'smtp_helo_name lb1.example.com'];
  it('reports the four settings together for 2.0.8 to 2.0.10, at smtp_helo_name', () => {
    for (const v of ['2.0.8', '2.0.10']) expect(linesOf(globals(...all), 'KA710', v), v).toEqual([5]);
    expect(findings(globals(...all), 'KA710', '2.0.10')[0]!.message).toContain('keepalived 2.0.10 crashes (segmentation fault) as it starts');
    for (const v of ['2.0.7', '2.0.11', '2.2.7']) expect(linesOf(globals(...all), 'KA710', v), v).toEqual([]);
  });
  it('needs all four, and an address for smtp_server', () => {
    for (let i = 0; i < all.length; i++) expect(linesOf(globals(...all.filter((_, j) => j !== i)), 'KA710', '2.0.10')).toEqual([]);
    expect(linesOf(globals(...all.slice(0, 2), 'smtp_server mail.example.com', all[3]!), 'KA710', '2.0.10')).toEqual([]);
    // Settings spread over two global_defs blocks count together.
    expect(linesOf(conf('global_defs {', all[0]!, all[1]!, '}', 'global_defs {', all[2]!, all[3]!, '}'), 'KA710', '2.0.10')).toEqual([7]);
  });
});
