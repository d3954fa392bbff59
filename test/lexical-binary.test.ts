// Lexical corners of keepalived's line reader, each checked against keepalived 2.2.7 itself (found
// by structural and lexical fuzzing of real configs): the `@id` word runs to the first blank, a
// backslash ending a comment is kept, backslashes pair from the left, an unclosed quote drops the
// rest of its line. kalint must report each located keepalived message on its line, and no error
// where keepalived is silent; the formatter must keep keepalived's verdict.

import { describe, expect, it } from 'vitest';
import { lintText } from '../server/src/linter.js';
import { analyze } from '../server/src/core/index.js';
import { format, isFormatError } from '../server/src/core/format/index.js';
import type { Diagnostic } from '../server/src/core/diagnostics.js';
import { keepalivedAvailable, runKeepalived, runKeepalivedAsync } from './helpers/keepalived.js';
import { conf } from './helpers/rule-cases.js';
import { releaseBinary, runRelease } from './helpers/releases.js';

/** keepalived messages about the machine the test runs on, not the config. */
const HOST = /interface .* doesn't exist|Non-existent interface|SECURITY VIOLATION|not (?:executable|accessible)|No such file/;

interface Agreement {
  /** keepalived's located messages, as `LINE: message`. */
  ka: string[];
  /** Lines keepalived reports that kalint does not. */
  missing: number[];
  diagnostics: Diagnostic[];
}

function agree(text: string, configId = 'kalint'): Agreement {
  const run = runKeepalived(text, { configId });
  const located = run.messages.filter((m) => m.line !== undefined && !HOST.test(m.message));
  const diagnostics = lintText(text, { file: 'keepalived.conf', configId }).diagnostics;
  const lines = [...new Set(located.map((m) => m.line!))];
  return {
    ka: [...new Set(located.map((m) => `${m.line}: ${m.message}`))],
    missing: lines.filter((l) => !diagnostics.some((d) => d.range.start.line + 1 === l)),
    diagnostics,
  };
}

const errors = (a: Agreement) => a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}: ${d.code}`);
const at = (a: Agreement, line: number) => a.diagnostics.filter((d) => d.range.start.line + 1 === line).map((d) => d.code);

describe.skipIf(!keepalivedAvailable())('lexical corners, against keepalived 2.2.7', () => {
  it('an @id prefix runs to the first blank: a glued brace is part of the id, so the line is dropped', () => {
    const text = conf('@a{ global_defs {', '    router_id lb1', '}', '@} x', 'global_defs {', '    router_id lb2', '}');
    const a = agree(text, 'a');
    expect(a.ka).toEqual(["2: Unknown keyword 'router_id'", "3: Extra '}' found", "3: Unknown keyword '}'"]);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['2: KA202', '3: KA101']);
    const ka701 = a.diagnostics.filter((d) => d.code === 'KA701');
    expect(ka701.map((d) => d.range.start.line + 1)).toEqual([1, 4]);
    expect(ka701[0]!.message).toContain("the id here is 'a{' and the line is dropped for config id 'a'");
  });

  it('a line a definition comments out glues no backslash: 2.2.7 reads the kept backslash alone, 2.4.3 nothing', () => {
    // Found by fuzzing against 2.4.3 (pqarmitage's 1757.conf, lines switched off with ${TESTM}='${_HASH}').
    const text = conf('$OFF=${_HASH}', 'global_defs {', '    router_id a', '${OFF}    vrrp_strict \\', '}');
    const a = agree(text);
    expect(a.ka).toEqual(["4: Unknown keyword '\\'"]);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['4: KA201']);
    expect(lintText(text, { file: 'keepalived.conf', targetVersion: '2.4.3' }).diagnostics.filter((d) => d.range.start.line === 3)).toEqual([]);
  });

  it('an @id prefix on a later line of a multi-line value, before a ~SEQ, is read first and the ~SEQ expands', () => {
    // Found by fuzzing against 2.2.7 (pqarmitage's 1502a.conf with '@x' before its '~SEQ(RSHOST,…) $RS' line).
    const text = conf('$RS= \\', 'real_server 10.10.10.$RSHOST 443 { \\', '  weight 10 \\', '}', '$VS= \\', 'virtual_server 1.1.1.1 443 { \\', '  lb_algo wlc \\', '  lb_kind NAT \\', '  protocol TCP \\', '  @x ~SEQ(RSHOST,1,2) $RS \\', '}', '$VS');
    for (const id of ['x', 'y']) {
      const a = agree(text, id);
      expect(a.missing, id).toEqual([]);
      expect(errors(a), id).toEqual(id === 'x' ? [] : ['12: KA503']);
    }
    expect(runKeepalived(text, { configId: 'y' }).messages.map((m) => m.message)).toContain('Virtual server [1.1.1.1]:tcp:443 has no real servers - ignoring');
  });

  it('a ~LST first line of a multi-line value that still holds a $ once put in place expands, even when its $ are defined', () => {
    // Found by fuzzing against 2.2.2 with the word check (play.conf with '~LST' before its $RS's real_server): keepalived
    // checks the line again as it is, before it substitutes ${X}; kalint substituted first and read '~LST(' as a word.
    const text = conf('$X=1', '$RS= \\', '~LST({I,J}, {1,a}, {2,b}) real_server 192.168.0.${X} 80 { \\', 'weight 1 \\', '}', '', 'virtual_server 10.0.0.4 80 {', 'protocol TCP', '$RS', '}');
    const a = agree(text);
    expect(a.ka).toEqual(["9: Unknown keyword 'real_server'", "9: Unexpected '{' - ignoring"]);
    expect(a.missing).toEqual([]);
    expect(a.diagnostics.filter((d) => d.range.start.line === 8).map((d) => d.message).join('\n')).not.toContain("'~LST('");
    // 2.4.0 and later check no substituted line again: the line is words there ("Unknown keyword '~LST('").
    expect(lintText(text, { file: 'keepalived.conf', targetVersion: '2.4.3' }).diagnostics.map((d) => d.message).join('\n')).toContain("Unknown keyword '~LST('");
  });

  it('a bare $NAME ends only at a blank, a comma, a bracket or the line end: a CR after it leaves it as written', () => {
    // Found by fuzzing (a carriage return between words): lib/parser.c find_definition; kalint's \s took in CR.
    const text = conf('$V1=10.0.0.9', 'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 1', '    virtual_ipaddress {', '$V1\r10.0.0.2', '        $V1', '    }', '}');
    const a = agree(text);
    expect(a.ka).toEqual(['6: VRRP parsed invalid IP $V1. skipping IP...']);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['6: KA205']);
  });

  it('after an @id prefix, a second @word is a keyword, with or without a $ on the line', () => {
    // Found by fuzzing the harvested configs: keepalived 2.2.7 reads one prefix per line; kalint
    // read the second one as a condition when the line held a '$' (and dropped the line).
    const a = agree(conf('@^y @b $IF1=br1', '@^y @b router_id x'), 'zz');
    expect(a.ka).toEqual(["1: Unknown keyword '@b'", "2: Unknown keyword '@b'"]);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['1: KA201', '2: KA201']);
  });

  it('a lone backslash joins the word before it only at the end of a line, not before a brace', () => {
    // Found by fuzzing the harvested configs. `VI_2 \\ {`: the backslash is a third word, so
    // keepalived 2.2.7 skips the instance ("must have a name"); kalint glued it to the name.
    const body = ['    state BACKUP', '    interface eth0', '    virtual_router_id 5', '    priority 50', '    foo', '}'];
    const brace = agree(conf('vrrp_instance VI_2 \\ {', ...body));
    expect(brace.ka).toEqual(['1: vrrp_instance must have a name']);
    expect(brace.missing).toEqual([]);
    // The skipped block's lines are not read: no unknown keyword inside it.
    expect(errors(brace)).toEqual(['1: KA208']);
    // At the end of the line (blanks or a comment after it) it still joins the name.
    const end = agree(conf('vrrp_instance VI_2 \\  # note', '{', ...body));
    expect(end.ka).toEqual(["7: Unknown keyword 'foo'"]);
    expect(errors(end)).toEqual(['7: KA201']);
  });

  it('a CR between words of a definition stays in the line: keepalived splits a value only at line feeds', () => {
    // Found by fuzzing the harvested configs. '$X' with X='status_code<CR>200' is `status_code 200`
    // to keepalived 2.2.7, alone or as a line of a multi-line definition; kalint read a line end there.
    const server = (line: string) => ['virtual_server 1.1.1.1 443 {', '    protocol TCP', '    real_server 10.0.0.1 443 {', '        HTTP_GET {', '            url {', '                path /x', line, '            }', '        }', '    }', '}'];
    const single = agree(conf('$X=status_code\r200', ...server('                $X')));
    expect(single.ka).toEqual([]);
    expect(errors(single)).toEqual([]);
    const multi = agree(conf('$RS= \\', '    path /x \\', '    status_code\r200', 'virtual_server 1.1.1.1 443 {', '    protocol TCP', '    real_server 10.0.0.1 443 {', '        HTTP_GET {', '            url {', '                $RS', '            }', '        }', '    }', '}'));
    expect(multi.ka).toEqual([]);
    expect(errors(multi)).toEqual([]);
    // The word after the CR is the keyword's argument, checked as one.
    const bad = agree(conf('$X=status_code\rbogus', ...server('                $X')));
    expect(bad.ka).toEqual(["8: Invalid HTTP_GET status code 'bogus'"]);
    expect(bad.missing).toEqual([]);
    expect(errors(bad)).toEqual(['8: KA205']);
  });

  it('an @id prefix runs to the first blank or tab, not to a CR: `@a<CR>}` has nothing after its id and is dropped', () => {
    // Found by fuzzing the GitHub harvest. keepalived 2.2.7 (lib/parser.c read_line) ends the id at
    // strpbrk(" \t"): the '}' never closes the instance, for any config id.
    const text = conf('vrrp_instance VI_1 {', '    priority 100', '@a\r}', 'foo');
    const a = agree(text, 'a');
    expect(a.ka).toEqual(["4: Unknown keyword 'foo'"]);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(expect.arrayContaining(['1: KA102', '4: KA201']));
    expect(a.diagnostics.find((d) => d.code === 'KA201')!.message).toContain("in 'vrrp_instance'");
  });

  it('a CR, vertical tab or form feed between an @id and its blank is part of the id: `@^x<CR> protocol UDP` is kept on host x', () => {
    // fuzz62 bug 3 (s983-0225): keepalived ends the id at strpbrk(" \t") in every release, so the id is 'x\r', which
    // matches no config id. kalint ended it at the control byte and dropped the line for x (a false KA507).
    for (const c of ['\r', '\v', '\f']) {
      const vs = (prefix: string) => conf('virtual_server 192.0.2.1 80 {', '    lb_algo rr', '    lb_kind NAT', `${prefix}${c} protocol UDP`, '    real_server 192.0.2.2 80 {', '    }', '}');
      const kept = agree(vs('@^x'), 'x');
      expect(kept.ka, JSON.stringify(c)).toEqual([]);
      expect(errors(kept), JSON.stringify(c)).toEqual([]);
      // `@x<CR>` is dropped on host x too: the service has no protocol.
      const dropped = runKeepalived(vs('@x'), { configId: 'x' });
      expect(dropped.messages.map((m) => m.message), JSON.stringify(c)).toContain('Virtual server [192.0.2.1]:none:80: no protocol set - defaulting to UDP');
      expect(lintText(vs('@x'), { file: 'keepalived.conf', configId: 'x' }).diagnostics.map((d) => d.code), JSON.stringify(c)).toContain('KA507');
    }
    const release243 = releaseBinary('2.4.3');
    if (release243) expect(runRelease(release243, conf('virtual_server 192.0.2.1 80 {', '    lb_algo rr', '    lb_kind NAT', '@^x\r protocol UDP', '    real_server 192.0.2.2 80 {', '    }', '}')).messages).toEqual([]);
  });

  it('what follows a brace is read as a line of its own: an @id prefix there covers the rest of the line', () => {
    const text = conf('global_defs { @lb1 router_id lb1', '    @lb2 router_id lb2 \\', '}', 'global_defs {@^lb1 router_id x }');
    for (const id of ['lb1', 'lb2']) {
      const a = agree(text, id);
      expect(a.missing).toEqual([]);
      // On lb1 the '}' in the dropped rest of line 4 is never read: the block stays open.
      expect(errors(a)).toEqual(id === 'lb1' ? ['4: KA102'] : []);
    }
    expect(agree(text, 'lb1').ka).toEqual([]);
  });

  it('an include after a brace takes the rest of the line as its pattern', () => {
    const text = conf('global_defs { include inc.conf }', '}');
    const run = runKeepalived(text, { files: { 'inc.conf': 'router_id lb1\n' } });
    expect(run.messages.map((m) => m.message)).toContain("Config files missing 'inc.conf }'.");
    const d = lintText(text, { file: 'keepalived.conf' }).diagnostics;
    expect(d.filter((x) => x.code === 'KA110').map((x) => x.message)).toEqual([expect.stringContaining("'inc.conf }'")]);
    expect(d.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('an unclosed quote is reported on a line for another config id too', () => {
    const a = agree(conf('global_defs {', '@b router_id "x', '}'), 'a');
    expect(a.ka).toEqual([`2: Unterminated quote '@b router_id "x'`]);
    expect(a.missing).toEqual([]);
  });

  // fuzz62 bug 5 (s982-0033, s1000-0123): from 2.1.4 keepalived takes comments off a substituted line again, and that
  // pass reports a quote left open before it looks at the line's `$NAME=` or `@id` again.
  it('an unclosed quote a substitution leaves in a line that becomes a definition, or one dropped for its @id, is reported', () => {
    const definition = conf('$C=$Q="x', '$C', 'global_defs {', '    router_id $Q', '}');
    const dropped = conf('$Q=@y router_id "', 'global_defs {', '${Q}x', '}');
    for (const [text, line] of [[definition, 2], [dropped, 3]] as const) {
      const a = agree(text, 'x');
      expect(a.ka).toContain(`${line}: Unterminated quote '${line === 2 ? '$Q="x' : '@y router_id "x'}'`);
      expect(a.missing).toEqual([]);
      expect(at(a, line)).toEqual(['KA105']);
      const ours = (v: string) => lintText(text, { file: 'keepalived.conf', configId: 'x', targetVersion: v }).diagnostics.filter((d) => d.range.start.line + 1 === line).map((d) => d.code);
      expect(ours('2.1.5')).toEqual(['KA105']);
      // 2.0.19 does not check the substituted line's quotes: nothing there.
      expect(ours('2.0.19')).toEqual([]);
      for (const [v, said] of [['2.1.5', true], ['2.0.19', false]] as const) {
        const binary = releaseBinary(v);
        if (binary) expect(runRelease(binary, text).messages.some((m) => m.line === line && m.message.startsWith('Unterminated quote')), v).toBe(said);
      }
    }
    expect(lintText(definition, { file: 'keepalived.conf' }).diagnostics.find((d) => d.range.start.line === 1)!.message).toContain("this line becomes the definition of 'Q'");
    expect(lintText(dropped, { file: 'keepalived.conf', configId: 'x' }).diagnostics.find((d) => d.range.start.line === 2)!.message).toContain("before it drops the line for its '@y' prefix");
  });

  // Found by mutation fuzzing (scripts/fuzz-differential.ts): the comment scan reads `\"` as an
  // escaped quote though the word splitter does not, so `"\"` is a whole word yet leaves the line
  // in a quote: "(Line 3) Unterminated quote 'notification_email { "\"'", and a `#` after such a
  // quote starts no comment.
  it('a backslash before a quote escapes it for the comment scan: the quote stays open', () => {
    const text = conf('global_defs {', '    router_id lb1', '    notification_email { "\\"', '    }', '    notification_email_from "a\\"b # note', '}');
    const a = agree(text);
    expect(a.ka).toEqual([`3: Unterminated quote 'notification_email { "\\"'`, `5: Unterminated quote 'notification_email_from "a\\"b # note'`]);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['3: KA105', '5: KA105']);
    // Balanced escapes inside a quoted script are fine for both readers.
    const fine = agree(conf('vrrp_script chk {', '    script "/bin/sh -c \\"pidof haproxy\\"" # note', '}'));
    expect(fine.ka).toEqual([]);
    expect(fine.diagnostics.filter((d) => d.code === 'KA105')).toEqual([]);
  });

  it('a comment that ends with a backslash leaves the backslash on the line', () => {
    const text = conf(
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 51 # first \\',
      '    # a note \\',
      '    priority 100 # an escaped backslash \\\\',
      '    virtual_ipaddress {',
      '        10.0.0.1',
      '        # another \\',
      '    }',
      '}',
    );
    const a = agree(text);
    expect(a.ka).toEqual([
      "3: invalid number '51\\'",
      "3: (VI_1): VRID '51\\' not valid - must be between 1 & 255",
      "4: Unknown keyword '\\'",
      '8: VRRP parsed invalid IP \\. skipping IP...',
    ]);
    expect(a.missing).toEqual([]);
    // `\\` is an escaped backslash: no continuation, nothing to report on line 5.
    expect(at(a, 5)).toEqual([]);
  });

  it('a string value keeps a glued backslash silently (notification_email): a warning, not an error', () => {
    const text = conf('global_defs {', '    notification_email {', '        ops@example.com \\', '    }', '}');
    const a = agree(text);
    expect(a.ka).toEqual([]);
    expect(errors(a)).toEqual([]);
    expect(at(a, 3)).toEqual(['KA702']);
  });

  it('a trailing backslash after a quoted word stays a word of its own: a quote ends a word', () => {
    // Found by fuzzing the embedded-config harvest: kalint read `priority "99" \` as the invalid number '99\'.
    const text = conf('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 1', '    priority "99" \\', '    advert_int 1', '    virtual_ipaddress {', '        "10.0.0.1" \\', '    }', '}');
    const a = agree(text);
    expect(a.ka).toEqual(["7: Unknown configuration entry '\\' for ip address - ignoring"]);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual([]);
    expect(at(a, 4)).toEqual(['KA204', 'KA702']);
    expect(a.diagnostics.find((d) => d.code === 'KA702')!.message).toContain(`it reads the '\\' after '"99"' as a word of its own`);
    // The address itself is read: no "no usable virtual_ipaddress".
    expect(a.diagnostics.filter((d) => d.code === 'KA312')).toEqual([]);
  });

  // keepalived measures a line with strlen: a NUL byte ends it, inside quotes too. (Its first reading then counts
  // that line one short, having lost the line feed with the rest: only the line itself is compared here.)
  it('a NUL byte ends the line: what follows it is never read', () => {
    const text = conf('global_defs {', '    router_id "lb\0 1" extra', '}', 'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51\0 52 junk', '    priority 100', '    virtual_ipaddress {', '        10.0.0.1', '    }', '}');
    const run = runKeepalived(text);
    const said = run.messages.filter((m) => !HOST.test(m.message)).map((m) => m.message);
    expect(said).toContain(`Unterminated quote 'router_id "lb'`);
    expect(said.filter((m) => /virtual router id|invalid number|52|junk|extra/.test(m))).toEqual([]);
    const found = lintText(text, { file: 'keepalived.conf' }).diagnostics;
    expect(found.filter((d) => d.range.start.line + 1 === 2).map((d) => d.code).sort()).toEqual(['KA105', 'KA117', 'KA203']);
    // The NUL itself is said (KA117), a warning: 2.2.7 reads the line up to it, silently.
    expect(found.filter((d) => d.range.start.line + 1 === 6).map((d) => `${d.code} ${d.severity} ${d.range.start.column + 1}`)).toEqual(['KA117 warning 25']);
    expect(found.find((d) => d.range.start.line + 1 === 6)!.message).toContain("ignores '52 junk' after it without a word");
    expect(found.filter((d) => d.code === 'KA300')).toEqual([]);
  });

  // The parent's reading counts the lines after a NUL line one short (the line feed is lost with the rest), which the
  // KA117 message says; kalint's findings stay on the lines as written.
  it("keepalived's messages after a NUL line name the line above: KA117 says so", () => {
    const text = conf('global_defs {', '    router_id a\0 b', '    foo1', '}');
    const said = runKeepalived(text).messages.filter((m) => m.message.includes('foo1')).map((m) => `${m.line}: ${m.message}`);
    expect(said[0]).toBe("2: Unknown keyword 'foo1'");
    const found = lintText(text, { file: 'keepalived.conf' }).diagnostics;
    expect(found.filter((d) => d.code === 'KA201').map((d) => d.range.start.line + 1)).toEqual([3]);
    expect(found.find((d) => d.code === 'KA117')!.message).toContain('its messages about later lines may give numbers one too low');
  });

  // Mutation round 838 (a binary file with a definition line cut by a NUL before its '\\'): nothing after the NUL exists
  // for keepalived, a backslash ending the line neither, so the definition ends there and the next lines are read as
  // lines of the block (before 2.4.0; a comment's trailing backslash, unlike this, is kept).
  it('a backslash after a NUL byte continues no definition and joins no word', () => {
    const text = conf('virtual_server 10.0.0.1 80 {', '$D=x\0junk \\', '    lb_algo x\0junk \\', 'state MASTER', '}', '    delay_loop 6', '}');
    const run = runKeepalived(text);
    const said = run.messages.filter((m) => !HOST.test(m.message)).map((m) => m.message);
    expect(said).toContain("Invalid lvs_scheduler 'x' - ignoring");
    expect(said).toContain("Unknown keyword 'state'");
    expect(said).toContain("Unknown keyword 'delay_loop'");
    const found = lintText(text, { file: 'keepalived.conf' }).diagnostics;
    expect(found.map((d) => `${d.range.start.line + 1}: ${d.code}`)).toEqual(['1: KA503', '2: KA117', '3: KA205', '3: KA117', '4: KA202', '6: KA202', '7: KA101']);
    expect(found.find((d) => d.code === 'KA205')!.message).toContain("got 'x'");
  });

  // Fuzzing with --bytes (seed 840): keepalived strips only spaces and tabs before it looks for a trailing backslash,
  // so one a vertical tab or a form feed follows (blanks between words to it) is no last character.
  it('a backslash followed by a vertical tab or form feed continues no definition and joins no word', () => {
    for (const c of ['\v', '\f']) {
      const text = conf('$RS= \\', `  lb_algo rr \\${c}`, '  delay_loop 5 \\', '', 'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', `    priority 100 \\${c}`, `    advert_int 1${c} \\`, '    virtual_ipaddress {', '        10.0.0.1', '    }', '}');
      const said = runKeepalived(text).messages.filter((m) => m.line !== undefined && !HOST.test(m.message)).map((m) => `${m.line}: ${m.message}`);
      // (Once per process reading the top level: the parent, the VRRP and the checker process.)
      expect([...new Set(said)], JSON.stringify(c)).toEqual(["3: Unknown keyword 'delay_loop'"]);
      const found = lintText(text, { file: 'keepalived.conf' }).diagnostics;
      // (Nor across one: `advert_int 1<VT> \\` reads 1 and '\\', where `advert_int 1 \\` reads '1\\'.)
      expect(found.map((d) => `${d.range.start.line + 1}: ${d.code}`), JSON.stringify(c)).toEqual(['3: KA202', '8: KA204', '9: KA204']);
      expect(found[1]!.message).toBe("'priority' takes one argument; keepalived ignores '\\'");
    }
  });

  // keepalived 2.4.0 (f220eaa8) drops a line holding a NUL, reporting it with the number of the line before.
  const release243 = releaseBinary('2.4.3');
  it.skipIf(!release243)('keepalived 2.4 drops a line holding a NUL byte: the instance loses its virtual_router_id', () => {
    const text = conf('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51\0 52', '    priority 100', '    virtual_ipaddress {', '        10.0.0.1', '    }', '}');
    const run = runRelease(release243!, text);
    const said = run.messages.filter((m) => !HOST.test(m.message)).map((m) => `${m.line ?? '-'}: ${m.message}`);
    expect(said).toContain('3: configuration appears to have embedded NULs - ignoring line');
    expect(said.some((m) => m.includes('virtual router id must be set'))).toBe(true);
    const found = lintText(text, { file: 'keepalived.conf', targetVersion: '2.4.3' }).diagnostics;
    expect(found.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.severity}`)).toEqual(['1: KA300 error', '3: KA117 error']);
  });

  // Preprocessor mutations against 2.4.3 (seed 303): a ~SEQ/~LST row is copied into keepalived's line buffer and read
  // like a written line, its `@id` prefix included, in every release. kalint took a row's prefix for one a
  // substitution wrote, which 2.4 reads as a keyword ("Unknown keyword '@low'") and 2.0.x loops on.
  it("a ~SEQ/~LST row's own @id prefix is read as written, in every release", () => {
    const text = conf('vrrp_instance V {', '    interface eth0', '    virtual_router_id 1', '~SEQ(I, 1, 2) @low     priority 30$I', '~LST(I, 7, 8) @^low     advert_int 30$I', '    virtual_ipaddress {', '        10.0.0.1', '    }', '}');
    const lines = (version: string, id: string) =>
      lintText(text, { file: 'keepalived.conf', targetVersion: version, configId: id })
        .diagnostics.filter((d) => d.code === 'KA205' || d.code === 'KA201' || d.code === 'KA113')
        .map((d) => `${d.range.start.line + 1}: ${d.code}`);
    for (const v of ['2.2.7', '2.3.3', '2.4.3']) {
      expect(lines(v, 'low')).toEqual(['4: KA205']);
      expect(lines(v, 'x')).toEqual(['5: KA205']);
    }
    // 2.0.x has ~SEQ but no ~LST; its row prefix is read as written too (no "loops forever").
    expect(lines('2.0.19', 'low')).toContain('4: KA205');
    expect(lines('2.0.19', 'low').filter((l) => l.startsWith('4:'))).toEqual(['4: KA205']);
    const said = (run: { messages: { line?: number; message: string }[] }) => [...new Set(run.messages.filter((m) => m.line !== undefined).map((m) => m.line))];
    expect(said(runKeepalived(text, { configId: 'x' }))).toEqual([5]);
    if (release243) expect(said(runRelease(release243, text))).toEqual([5]);
  });

  // Preprocessor mutations (seed 308): what follows a brace that starts a line is a line of its own, read before any
  // substitution, so `{ $C=DNS_CHECK \` begins a multi-line definition. kalint had substituted the whole line first
  // and read '$C=DNS_CHECK\' as an unknown keyword.
  it('a definition after a brace that starts the line', () => {
    const text = conf('global_defs {', '    router_id a', '}', '{ $C=router_id \\', 'b', '}', 'global_defs {', '    $C', '}');
    const a = agree(text);
    expect(a.ka).toEqual(["4: Unexpected '{' - ignoring", "6: Unknown keyword '}'", '8: routerid name missing - ignoring', "8: Unknown keyword 'b'"]);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['4: KA103', '6: KA103', '8: KA201', '8: KA203']);
  });

  // Preprocessor mutations (2.4.3, seed 351): keepalived substitutes the whole line before it splits it at its braces,
  // and reads the substituted rest after a brace as a line of its own, so a prefix a definition writes there is one:
  // `} ${IF_X}` with IF_X='@y' is dropped for other ids. kalint had read the rest first, unsubstituted, then taken the
  // prefix its substitution made for a keyword ("Unknown keyword '@y'" from 2.4.0, where a substituted line is not
  // checked again).
  it('the substituted rest of a line after a brace is a line of its own, read with its @id prefix', () => {
    const text = conf(
      '$IF_X=@y garp_master_delay 3',
      '$W=5',
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 51',
      '    authentication {',
      '        auth_type PASS',
      '    } ${IF_X}',
      '    virtual_ipaddress {',
      '        10.0.0.1/24',
      '    }',
      '}',
      'vrrp_instance VI_2 {',
      '    interface eth0',
      '    virtual_router_id 52',
      '    virtual_ipaddress { $W',
      '    }',
      '} ${IF_X}',
    );
    for (const id of ['y', 'kalint']) {
      const a = agree(text, id);
      expect(a.missing).toEqual([]);
      expect(errors(a)).toEqual(id === 'y' ? ['16: KA205', '18: KA202'] : ['16: KA205']);
      expect(a.ka.filter((m) => /garp_master_delay|@y/.test(m))).toEqual(id === 'y' ? ["18: Unknown keyword 'garp_master_delay'"] : []);
    }
    // The same in 2.4.3, which does not check again a line that a substitution made start with '@'.
    const at243 = lintText(text, { file: 'keepalived.conf', configId: 'kalint', targetVersion: '2.4.3' }).diagnostics;
    expect(at243.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}: ${d.code}`)).toEqual(['16: KA205']);
    const release243 = releaseBinary('2.4.3');
    if (release243) expect(runRelease(release243, text).messages.filter((m) => /@y|garp/.test(m.message))).toEqual([]);
  });

  // keepalived reads the rest after a brace afresh once the whole line is substituted, so a definition a value writes
  // there is one in every release, 2.4 included (which does not check a substituted line again): `} $P` with
  // P='$Q=5' defines Q.
  it('a definition that a substitution writes after a brace is one', () => {
    const text = conf('$P=$Q=5', 'global_defs {', '    router_id a', '} $P', 'global_defs {', '    router_id $Q', '}');
    const a = agree(text);
    expect(a.ka).toEqual([]);
    expect(errors(a)).toEqual([]);
    for (const target of ['2.2.7', '2.4.3']) {
      const r = lintText(text, { file: 'keepalived.conf', targetVersion: target });
      expect(r.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.code}`)).toEqual(['6: KA211']);
      expect(r.diagnostics[0]!.message).toContain('(5)');
    }
    const release243 = releaseBinary('2.4.3');
    if (release243) expect(runRelease(release243, text).messages).toEqual([]);
  });

  // keepalived substitutes no line that starts with '~' unless it expands it as a ~SEQ/~LST (read_line stops at the
  // '~' before replace_param), a later line of a multi-line value included: with X='}', `~FOO $X` is only the unknown
  // keyword '~FOO', and the block goes on. kalint had substituted the '}' (mutation fuzzer, 2.0.19 seed 376).
  it('a line starting with ~ that is no ~SEQ/~LST is not substituted', () => {
    const text = conf('$X=}', '$M=router_id a \\', '~FOO $X \\', 'router_id b', 'global_defs {', '  ~FOO $X', '  router_id a', '}', 'global_defs {', '  $M', '  router_id c', '}');
    const a = agree(text);
    expect(a.ka).toEqual(["6: Unknown keyword '~FOO'", "10: Unknown keyword '~FOO'"]);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['6: KA201', '10: KA201']);
  });

  // Mutation fuzzer against 2.1.5 (seed 152): a no-break space as the first line of a multi-line definition is a
  // word to keepalived (isspace is ASCII only), where JavaScript's trim() took the line for blank and dropped it.
  it('a no-break space alone on a line of a multi-line definition is a word: an unknown keyword where it expands', () => {
    const text = '$VS=\u00a0 \\\nvirtual_server 10.0.0.4 80 { \\\n  delay_loop 3 \\\n  protocol TCP \\\n}\n\n$VS\n';
    const a = agree(text);
    expect(a.ka).toContain("7: Unknown keyword '\u00a0'");
    expect(a.missing).toEqual([]);
    const unknown = a.diagnostics.find((d) => d.code === 'KA201' && d.range.start.line === 6);
    expect(unknown?.message).toMatch(/^Unknown keyword '<U\+00A0>' in the top level: .*keepalived reads them as an unknown keyword \(see KA704\)$/);
  });

  // A no-break space left before a number (`priority <NBSP>100`, where two blanks were typed) is part of the word:
  // keepalived's number readers skip ASCII blanks only ("invalid number ' 100'"), where \s in a pattern took it for one.
  it('a no-break space before a number makes it no number', () => {
    const text = conf('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id \u00a051', '    priority \u00a0100', '    virtual_ipaddress {', '        10.0.0.1', '    }', '}');
    const a = agree(text);
    expect(a.ka).toEqual(expect.arrayContaining(["3: invalid number '\u00a051'", "4: invalid number '\u00a0100'"]));
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(expect.arrayContaining(['1: KA300', '3: KA205', '4: KA205']));
  });

  it('an unclosed quote drops the rest of its line, braces included', () => {
    const text = conf(
      'virtual_server 10.0.0.1 80 {',
      '    lb_algo rr',
      '    lb_kind DR',
      '    protocol TCP',
      '    real_server 10.0.0.2 "80 {',
      '        TCP_CHECK {',
      '            connect_timeout 3',
      '        }',
      '    }',
      '}',
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 51',
      '    virtual_ipaddress {',
      '        "10.0.0.9/24',
      '    }',
      '}',
    );
    const a = agree(text);
    expect(a.ka).toContain("6: Missing '{' at beginning of configuration block");
    expect(a.missing).toEqual([]);
    // The instance's only address is dropped: keepalived says "No VIP specified".
    const run = runKeepalived(text);
    expect(run.messages.some((m) => /No VIP specified/.test(m.message))).toBe(true);
    expect(a.diagnostics.some((d) => d.code === 'KA312')).toBe(true);
  });

  it('a comment line or a line of blanks in a multi-line definition: the parent reads on, the other processes stop (KA115)', () => {
    // keepalived's parent skips such a line and goes on with the definition; the VRRP and checker
    // processes read its copy, where the line is empty, and end the definition there (their unknown
    // keywords at lines 3, 6 and 10). kalint reads as those processes do and warns on the line; what the
    // parent, whose messages -t prints too, reads otherwise comes from a second reading as it reads.
    const text = conf(
      '$A=a \\',
      '   ',
      '    bogus1 y',
      '$B=b \\',
      '    # a note',
      '    bogus2 y',
      '$C= \\',
      '    bogus3 z \\',
      '    ! another',
      '    bogus4 w',
      '$D=d \\',
      '',
      'global_defs {',
      '    $A',
      '    $B',
      '    foo $C',
      '    $D',
      '}',
    );
    const a = agree(text);
    for (const m of ["3: Unknown keyword 'bogus1'", "6: Unknown keyword 'bogus2'", "10: Unknown keyword 'bogus4'", "14: Unknown keyword 'bogus1'", "16: Unknown keyword 'foo'", "17: Unknown keyword 'd'"]) expect(a.ka).toContain(m);
    // The parent's values take in the lines after the split: 'a bogus1' is two lines for it, read in global_defs.
    for (const m of ["14: Unknown keyword 'a'", "15: Unknown keyword 'b'", "15: Unknown keyword 'bogus2'", "16: Unknown keyword 'bogus4'"]) expect(a.ka).toContain(m);
    expect(a.diagnostics.filter((d) => /parent process reads the file/.test(d.message)).map((d) => `${d.range.start.line + 1}: ${d.message.replace(/ \[.*/, '')} (${/it reads (\$\w+)/.exec(d.message)?.[1]})`)).toEqual([
      "14: Unknown keyword 'bogus1' in 'global_defs' ($A)",
      "15: Unknown keyword 'bogus2' in 'global_defs' ($B)",
      "16: Unknown keyword 'bogus4' in 'global_defs' ($C)",
    ]);
    expect(a.missing).toEqual([]);
    expect(at(a, 2)).toEqual(['KA115']);
    expect(at(a, 5)).toEqual(['KA115']);
    expect(at(a, 9)).toEqual(['KA115']);
    // An empty line ends the definition for every process: no warning there.
    expect(at(a, 12)).toEqual([]);
    expect(errors(a)).toEqual(['3: KA201', '6: KA201', '10: KA201', '14: KA201', '14: KA201', '15: KA201', '15: KA201', '16: KA201', '16: KA201', '17: KA201']);
    // `$C= \`: the stored value starts with its first line that is not blank, glued to the text before
    // the reference ('foo bogus3 z' is one line).
    expect(a.diagnostics.filter((d) => d.range.start.line === 15).map((d) => d.message.replace(/ \[.*/, ''))).toEqual(["Unknown keyword 'foo' in 'global_defs'", "Unknown keyword 'bogus4' in 'global_defs'"]);
  });

  it("a split definition that takes in a block's '}' for the parent: the parent's unknown keywords and missing brace", () => {
    // Found by the preprocessor mutations (seed 301): `$N=… \` then a line of blanks, then global_defs's '}'.
    // The VRRP and checker processes end $N at the blank line; the parent reads the '}' into $N, so for it
    // global_defs never closes and the blocks after it are unknown keywords there (keepalived -t exits 5).
    const text = conf('global_defs {', '    router_id a', '    $N', '$N=enable_script_security \\', '   ', '}', '', 'vrrp_script chk {', '    script "/bin/true"', '}');
    const a = agree(text);
    expect(a.ka).toEqual(["3: Unknown keyword '$N'", "8: Unknown keyword 'vrrp_script'", "8: Unexpected '{' - ignoring", "9: Unknown keyword 'script'"]);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['1: KA102', '3: KA201', '8: KA202', '8: KA103', '9: KA202']);
    expect(a.diagnostics.find((d) => d.code === 'KA102')!.message).toContain("\"There are 1 missing '}'s or extra '{'s\") [as keepalived's parent process reads the file, whose messages keepalived -t prints: it reads $N on past line 5 (KA115)");
  });

  it("a split definition the parent reads at the top level, where a lost '{' ends a block early for it", () => {
    // Mutation fuzzing, seed 619: `$D= \`, a comment line, then two more lines of $D for the parent only; in a
    // vrrp_instance whose authentication '{' a '!' hides, the processes that skip the instance leave it at the
    // authentication's '}', and the parent then reads `${D}` at the top level with its own value of $D.
    const text = conf('$D= \\', '# note', 'track_script { \\', 'chk', 'vrrp_instance VI_1 {', '    interface eth1', '    virtual_router_id 100', '    authentication ! {', '        auth_type PASS', '    }', '    ${D}', '}');
    const a = agree(text);
    for (const m of ["11: Unknown keyword 'track_script'", "11: Unexpected '{' - ignoring", "11: Unknown keyword 'chk'", "12: Unknown keyword '}'"]) expect(a.ka).toContain(m);
    expect(a.missing).toEqual([]);
    const line11 = a.diagnostics.filter((d) => d.range.start.line === 10);
    expect(line11.map((d) => d.code)).toEqual(['KA104']);
    expect(line11[0]!.message).toMatch(/\(keepalived: "Unknown keyword 'track_script'", "Unexpected '\{' - ignoring", "Unknown keyword 'chk'"\) \[as keepalived's parent process reads the file, whose messages keepalived -t prints: it reads \$D on past line 2 \(KA115\)/);
  });

  it("a split definition whose '}' ends, for the parent, the block it is used in: the words after it on that line are the parent's", () => {
    // Mutation fuzzing, seed 714 at 2.4.3, reduced: the parent skips the virtual_server up to the '}' that $RSs brings,
    // then reads 'bogus_word' at the top level. Every word of the expanded line has the reference's place in the
    // text, the '}' too: only the order they were read in tells the words after it from those before.
    const text = conf('$RSs= \\', '# note', '} \\', 'bogus_word', 'virtual_server 10.0.0.1 80 {', '  delay_loop 3', '  $RSs', '}');
    const a = agree(text);
    for (const m of ["7: Unknown keyword 'bogus_word'", "8: Extra '}' found"]) expect(a.ka).toContain(m);
    expect(a.missing).toEqual([]);
    expect(a.diagnostics.filter((d) => d.range.start.line === 6).map((d) => `${d.code}: ${d.message.replace(/ \[.*/, '')}`)).toEqual(["KA201: Unknown keyword 'bogus_word' in the top level"]);
  });

  it('a split definition after a top-level line without a block: the parent still reports what follows', () => {
    // Mutation fuzzing, seed 720 at 2.4.3 (`@^samson net_namespace $NAME` on line 5 of a test config): the parent's
    // findings after such a line were taken for lines of a block never closed, and dropped.
    const text = conf('use_pid_dir', '$D= \\', '# note', 'bogus_parent', 'global_defs {', '  router_id a', '  $D', '}');
    const a = agree(text);
    expect(a.ka).toContain("7: Unknown keyword 'bogus_parent'");
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['4: KA201', '7: KA201']);
  });

  it("a split definition that brings a block with a '{' the owner ignores: the parent counts it and skips to the '}' that balances it", () => {
    // Fuzzing (fixF a957/0003), reduced: for the parent $L reads on past the comment and takes in `$X`, which
    // brings 'global_defs {' and '}' into the vrrp_instance. The processes that read a vrrp_instance would ignore
    // that '{' and end the instance at its '}', but the parent skips the instance by counting braces: the '{'
    // counts, and the last '}' only ends its skipping. 2.2.7 is silent; kalint said KA103 there.
    const text = conf('$X=global_defs { \\', '}', '$L= \\', '# note', '$X', 'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', '    $L', '}');
    const a = agree(text);
    expect(a.ka).toEqual([]);
    expect(errors(a)).toEqual([]);
    expect(at(a, 4)).toEqual(['KA115']);
    // The same, where the parent reads on at the top level after that '}': what it says there is still reported.
    const after = agree(`${text}bogus_parent\n`);
    expect(after.ka).toEqual(["11: Unknown keyword 'bogus_parent'"]);
    expect(errors(after)).toEqual(['11: KA201']);
  });

  const release215c = releaseBinary('2.1.5');
  it("before 2.2.0 every process reads the definition on past the comment: the vrrp_instance ends at the brought '}'", () => {
    // No copy of the configuration yet: the VRRP process reads $L as the parent does, so it reads 'global_defs' in the
    // instance and the last '}' at the top level (2.1.5 says so). 2.2.7 and 2.4.3 are silent (the test above).
    const text = conf('$X=global_defs { \\', '}', '$L= \\', '# note', '$X', 'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', '    $L', '}');
    const lint = (v: string) => lintText(text, { file: 'keepalived.conf', targetVersion: v }).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}: ${d.code}`);
    expect(lint('2.1.5')).toEqual(['9: KA103', '9: KA202', '10: KA103']);
    for (const v of ['2.2.0', '2.2.7', '2.4.3']) expect(lint(v), v).toEqual([]);
    if (release215c) {
      expect([...new Set(runRelease(release215c, text).messages.filter((m) => m.line !== undefined).map((m) => `${m.line}: ${m.message}`))]).toEqual([
        "9: Unknown keyword 'global_defs'",
        "9: Unexpected '{' - ignoring",
        "10: Unknown keyword '}'",
      ]);
    }
    for (const v of ['2.2.4', '2.2.8', '2.4.3']) {
      const binary = releaseBinary(v);
      if (binary) expect(runRelease(binary, text).messages.filter((m) => m.line !== undefined), v).toEqual([]);
    }
  });

  it("a ~LST header with its ')' in quotes: the rows leave the quote open", () => {
    // Mutation fuzzing, seed 721: keepalived ends the header at the first ')', so `"7)"` is no string for it and each
    // row's text starts with the quote the line closed.
    const text = conf('vrrp_instance V {', '  interface eth0', '  virtual_router_id 5', '  virtual_ipaddress {', '    ~LST(I, 1, "7)" $I.1.0.254/32', '    10.0.0.1', '  }', '}');
    const a = agree(text);
    expect(a.ka).toEqual(["5: Unmatched quote: '\" $I.1.0.254/32'"]);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['5: KA105']);
  });

  it("an undefined '${NAME}' in an include line's pattern stays in the pattern: no brace is split", () => {
    // Preprocessor mutations, seed 727 at 2.4.3: `include 1364-filedb*.conf${_UNKNOWN}`; 2.2.7 is as silent.
    const text = conf('include nothing*.conf${FOO}', 'global_defs {', '  router_id a', '}');
    const a = agree(text);
    expect(a.ka).toEqual([]);
    expect(errors(a)).toEqual([]);
    expect(a.diagnostics.filter((d) => d.code === 'KA109').map((d) => `${d.severity}: ${d.message.split(', so ')[1]}`)).toEqual(['warning: it leaves it in the include pattern as written, silently']);
  });

  it("a '#' or '!' a definition puts in an include line's pattern is a comment: keepalived decomments the substituted line", () => {
    // Mutation fuzzing, seed 629: `include ${_HASH}conf.d/*.conf` is "Unknown keyword 'include'" (the line is
    // 'include' alone once decommented), and `include x${_HASH}y` includes 'x'.
    const said = (line: string) => runKeepalived(conf('global_defs {', '  router_id a', '}', line)).messages.filter((m) => m.line === 4).map((m) => m.message);
    const found = (line: string) => lintText(conf('global_defs {', '  router_id a', '}', line), { file: 'keepalived.conf' }).diagnostics.filter((d) => d.range.start.line === 3).map((d) => `${d.code}: ${d.message.split(';')[0]}`);
    for (const line of ['include ${_HASH}conf.d/*.conf', 'include ${_BANG}x']) {
      expect(said(line), line).toEqual(["Unknown keyword 'include'"]);
      expect(found(line), line).toEqual(["KA201: Unknown keyword 'include' in the top level"]);
    }
    expect(said('include x${_HASH}y')).toEqual(["Config files missing 'x'."]);
    expect(found('include x${_HASH}y')).toEqual(["KA110: include 'x' not followed: no file access in this context"]);
    // In quotes it is a character, as on any line.
    expect(said('include "a${_HASH}b"')).toEqual([`Config files missing '"a#b"'.`]);
  });

  it("a split definition's lines in global_defs: unknown keywords there only the parent reports", () => {
    // Preprocessor mutations, seed 309: `$X= \` then a line of blanks inside global_defs. The VRRP and checker
    // processes end $X there and read 'bogus1 y' as a keyword, but they report no unknown keyword in global_defs;
    // the parent takes the line into $X. keepalived -t is silent and exits 0: a warning, no error.
    const text = conf('global_defs {', '  router_id a', '$x2= \\', '\t', 'bogus1 y', '  router_id b', '}');
    const a = agree(text);
    expect(a.ka).toEqual([]);
    expect(runKeepalived(text).exitStatus).toBe(0);
    expect(errors(a)).toEqual([]);
    expect(at(a, 5)).toEqual(['KA201']);
  });

  it("a split definition in global_defs taking a '{' the VRRP and checker processes count: they skip on, silently", () => {
    // Preprocessor mutations, seeds 395 and 411: after the split the other processes read 'virtual_ipaddress {' in
    // global_defs, which they skip by counting braces, so they skip on to the '}' that balances it, over the
    // vrrp_instance too; the parent takes that line into $P, and global_defs ends at line 6. keepalived 2.2.7 is
    // silent and exits 0 (the instance's invalid state and VRID are never read). kalint had reported the last '}' as
    // one that closes no block.
    const text = conf('global_defs {', '$P= \\', '        # a note', 'virtual_ipaddress {', '        max_auto_priority 10', '}', 'vrrp_instance VI_1 {', '        state BOGUS', '        interface eth0', '        virtual_router_id 999', '        virtual_ipaddress {', '              10.0.0.1', '        }', '}', 'bogus_top x');
    const a = agree(text);
    expect(a.ka).toEqual(["15: Unknown keyword 'bogus_top'"]);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['7: KA103', '15: KA201']);
    expect(a.diagnostics.find((d) => d.range.start.line === 6)!.message).toContain('keepalived -t does not report the vrrp_instance missing');
  });

  it("the lines the parent reads on into a split definition are no trailing-backslash mistake (KA702)", () => {
    // Preprocessor mutations, seed 395 (four edits): the parent takes 'track_script { \' … 'notify …' into $x2, and the
    // other processes, past the split, skip global_defs on to its last '}'. keepalived 2.2.7 is silent here; kalint had
    // said KA702 of 'check_vip_health \' and reported the lines after the '}' at the top level.
    const text = conf('global_defs {', '$x2= \\', '    ! note', 'track_script { \\', 'check_vip_health \\', '} \\', 'notify "/bin/true"', '    router_id a', '}');
    const a = agree(text);
    expect(a.ka).toEqual([]);
    expect(errors(a)).toEqual([]);
    expect(a.diagnostics.filter((d) => d.code === 'KA702')).toEqual([]);
  });

  it("the parent's '}' read as an unknown keyword after a split definition is reported too", () => {
    // Preprocessor mutations, 2.4.3 seed 430: the parent reads $x2 on past the comment, so for it global_defs never
    // closes and 'vvrp_script {' leaves a '}' that closes nothing ("(Line 11) Unknown keyword '}'"); kalint had taken the
    // parent's findings by their words, and this one's were not those of an unknown keyword.
    const text = conf('$x2=notification_email { \\', '# note', 'admin@example.com \\', '}', 'global_defs {', '   ~SEQ(I, 10, 5, 20) ${x2}', '   router_id LVS_DEVEL', '}', 'vvrp_script chk {', '\tscript "/bin/true"', '}');
    const a = agree(text);
    expect(a.ka).toContain("11: Unknown keyword '}'");
    expect(a.missing).toEqual([]);
  });

  it('a multi-line definition with nothing before its last line is a one-line definition', () => {
    // keepalived clears `multiline` when the value is still empty as the definition ends: '$X bar'
    // expands X mid-line, and an empty one expands to nothing.
    const a = agree(conf('$X= \\', '    bogusx a', '$E= \\', '', 'global_defs {', '    $X bar', '    pre$E post', '}'));
    expect(a.ka).toEqual(["6: Unknown keyword 'bogusx'", "7: Unknown keyword 'pre'"]);
    expect(a.missing).toEqual([]);
    expect(a.diagnostics.filter((d) => d.code === 'KA201').map((d) => d.message)).toEqual(["Unknown keyword 'bogusx' in 'global_defs'", "Unknown keyword 'pre' in 'global_defs'"]);
  });

  it('any backslash ending a definition line continues it, also one of a pair, and the stored line keeps the other', () => {
    // Found by fuzzing: `auth_type PASS \\` inside a multi-line definition. keepalived tests the last
    // character only, takes one backslash off and reads on; the line it stores, 'auth_type PASS \',
    // skips the comment pass when it is expanded (nothing substituted there), so the '\' stays a word
    // of its own. kalint ended the definition there and read the lines after it at the top level.
    const text = conf(
      '$AUTH= \\',
      '    authentication { \\',
      '        auth_type PASS \\\\',
      '        auth_pass secret \\',
      '    }',
      'vrrp_instance VI_1 {',
      '    state MASTER',
      '    interface eth0',
      '    virtual_router_id 51',
      '    priority 100',
      '    $AUTH',
      '    virtual_ipaddress {',
      '        10.0.0.1',
      '    }',
      '}',
    );
    const a = agree(text);
    expect(a.ka).toEqual([]);
    expect(errors(a)).toEqual([]);
    expect(a.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.code}`)).toEqual(['11: KA204']);
  });

  it('reads a ~LST header as keepalived does: words end at blanks, commas and braces, short rows get empty values', () => {
    // Found by fuzzing against 2.4.3: `~LST({{IP, IP1}, …)` names the variables '{IP' and 'IP1' (2.2.7
    // and 2.4.3 read it silently); kalint called it invalid.
    const vips = (...lines: string[]) => conf('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 5', '    virtual_ipaddress {', ...lines, '    }', '}');
    const a = agree(vips('        ~LST({{A, B}, {1,2},{3}) 10.0.${B}.1', '        ~LST({A}, {1,2}) 10.1.${A}.1', '        ~LST(A, 1 2) 10.2.${A}.1'));
    for (const m of ["6: ~LST specification has too many values '~LST({A}, {1,2}) 10.1.${A}.1'", "7: Invalid ~LST specification '~LST(A, 1 2) 10.2.${A}.1'"]) expect(a.ka).toContain(m);
    // The short row {3} leaves B empty: that address is invalid, the header is not.
    expect(a.ka.filter((m) => m.startsWith('5:'))).toEqual(['5: VRRP parsed invalid IP 10.0..1. skipping IP...']);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['5: KA205', '6: KA113', '7: KA113']);
  });

  it('a ~LST set with fewer values than variables crashes 2.1.x (fixed in 2.2.0)', () => {
    // Found by fuzzing 2.1.5 (seed 491): the 2.1.5 build dies of SIGSEGV under -t before printing anything;
    // 2.2.4 and 2.2.7 read the missing values as empty (db28d6d4 adds them to the set).
    const text = conf('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 5', '~LST({A,B},{1,2},{3}) advert_int ${A}', '    virtual_ipaddress {', '        10.0.0.1', '    }', '}');
    const crash = (t: string, v: string) => lintText(t, { file: 'k.conf', targetVersion: v }).diagnostics.filter((d) => d.code === 'KA113').map((d) => `${d.range.start.line + 1}: ${d.message}`);
    for (const v of ['2.1.0', '2.1.5']) expect(crash(text, v), v).toEqual([expect.stringMatching(/^4: keepalived 2\.1\.\d crashes on this ~LST \(segmentation fault.*fewer values than the 2 variables/)]);
    for (const v of ['2.2.0', '2.2.7']) expect(crash(text, v), v).toEqual([]);
    expect(crash(text.replace('{3}', '{3,4}'), '2.1.5')).toEqual([]);
  });
  const release215 = releaseBinary('2.1.5');
  it.skipIf(!release215)('keepalived 2.1.5 crashes on a short ~LST set and reads a full one', () => {
    const text = conf('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 5', '~LST({A,B},{1}) advert_int 1', '    virtual_ipaddress {', '        10.0.0.1', '    }', '}');
    expect(runRelease(release215!, text).signal).toBe('SIGSEGV');
    expect(runRelease(release215!, text.replace('{1}', '{1,2}')).signal).toBeUndefined();
  });

  it('a multi-line value that defines its own name again is an error (keepalived reads freed memory)', () => {
    // Found by fuzzing (a doubled `$HEALTHCHECK_DEFINITION=\` line): 2.2.7 printed garbage keywords
    // ("Unknown keyword 'M-^YU'") or crashed with a segmentation fault.
    const text = conf('$H=\\', '    bogus1 \\', '$H=x \\', '    bogus2', 'global_defs {', '$H', '}');
    const a = agree(text);
    expect(a.ka).toContain("6: Unknown keyword 'bogus1'");
    expect(a.missing).toEqual([]);
    expect(a.diagnostics.filter((d) => d.code === 'KA113').map((d) => `${d.range.start.line + 1}: ${d.message.split(':')[0]}`)).toEqual(['6: Line 2 of the value of $H defines $H again']);
    // Every release frees the value it is reading (builds of 2.0.19, 2.1.5 and 2.4.3 too: "Unknown keyword '^E'"), and
    // where the memory is not reused yet reads the lines as written without a word (2.0.19, mutation seed 357). From
    // 2.4.0 a first line of the value that does it is an unknown keyword instead, the substituted line not being
    // checked again ("Unknown keyword '$H='", then the rest as written): no error of freed memory there.
    const ka113 = (t: string, v: string) => lintText(t, { file: 'keepalived.conf', targetVersion: v }).diagnostics.filter((d) => d.code === 'KA113' && d.severity === 'error');
    for (const v of ['2.0.19', '2.2.7', '2.4.3']) expect(ka113(text, v).map((d) => d.message)).toEqual([expect.stringMatching(/keepalived frees the value while it still reads it.*-t does not report it/)]);
    const first = conf('$H=\\', '$H=\\', '    bogus1 \\', '    bogus2', 'global_defs {', '$H', '}');
    expect(ka113(first, '2.2.7')).toHaveLength(1);
    expect(ka113(first, '2.4.3')).toEqual([]);
    const at243 = lintText(first, { file: 'keepalived.conf', targetVersion: '2.4.3' }).diagnostics.filter((d) => d.code === 'KA201').map((d) => d.message.split(' in ')[0]);
    expect(at243).toEqual(["Unknown keyword '$H='", "Unknown keyword 'bogus1'"]);
    const release243 = releaseBinary('2.4.3');
    if (release243) expect(runRelease(release243, first).messages.map((m) => m.message)).toEqual(["Unknown keyword '$H='", "Unknown keyword 'bogus1'", "Unknown keyword 'bogus2'"]);
  });

  it('a value is substituted again at once, a value starting with ~ ends the substitution, and a # it produced ends the line', () => {
    // pqarmitage's check_align.conf: '$OFF\t$RS3' with OFF='${_HASH}' and RS3='~SEQ(N,1,3) $RS' is
    // '#\t~SEQ(N,1,3) $RS' to keepalived, a comment; kalint expanded $RS behind the '#', and the '}'
    // of its second line closed the virtual_server.
    const text = conf(
      '$RS= \\',
      'real_server 1.1.1.${N} 80 { \\',
      '}',
      '$OFF=${_HASH}',
      '$RS3= \\',
      '  ~SEQ(N,1,3) $RS',
      '',
      'virtual_server 10.0.0.1 80 {',
      '    lb_algo rr',
      '    lb_kind NAT',
      '    protocol TCP',
      '    real_server 10.0.0.2 80 {',
      '    }',
      '$OFF\t$RS3',
      '    ip_family inet',
      '}',
    );
    const a = agree(text);
    expect(a.ka).toEqual([]);
    expect(errors(a)).toEqual([]);
  });

  it('a backslash that ends the line joins the reference before it, which then is no reference', () => {
    // keepalived's comment pass moves it onto the word before substituting: `$K \\` reads '$K\\'. With
    // a comment after it, the comment pass keeps it apart, so the reference is substituted first.
    const a = agree(conf('$K=bogusk', 'global_defs {', '    $K \\', '    $K \\ # note', '}'));
    expect(a.ka).toEqual(["3: Unknown keyword '$K\\'", "4: Unknown keyword 'bogusk\\'"]);
    expect(a.diagnostics.filter((d) => d.code === 'KA201').map((d) => d.message)).toEqual(["Unknown keyword '$K\\' in 'global_defs'", "Unknown keyword 'bogusk\\' in 'global_defs'"]);
  });

  it('an unclosed quote that a substitution produced is dropped too', () => {
    // Found by fuzzing the harvested configs: kalint kept the quoted fragment of a substituted line
    // as a word ('"unknownB foo' became a keyword), and missed keepalived's "routerid name missing".
    const a = agree(conf('$Q="unknownB foo', 'global_defs {', '    $Q', '    router_id "${_PWD} x', '}'));
    expect(a.ka).toContain('4: routerid name missing - ignoring');
    expect(a.ka.some((m) => /Unknown keyword/.test(m))).toBe(false);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['1: KA105', '3: KA105', '4: KA203', '4: KA105']);
  });

  it('a definition that holds its own reference and lengthens the line fills the line buffer, which keepalived then reads', () => {
    // Found by fuzzing: `$IF=${IF}}` makes `label ${IF}` grow by a '}' per replacement until keepalived's
    // 1024-byte buffer is full; the line then splits at the '{' of `${IF` and at every '}'. kalint gave up
    // after 64 passes and read nothing of the line.
    const a = agree(conf('$IF=${IF}}', 'vrrp_instance V {', '    interface eth0', '    virtual_router_id 1', '    virtual_ipaddress {', '        10.0.0.1/24 label ${IF}:1', '    }', '}'));
    expect(a.ka).toEqual(expect.arrayContaining(["6: Extra '}' found", "6: Unknown keyword ':1'", "7: Extra '}' found", "8: Extra '}' found"]));
    expect(a.missing).toEqual([]);
    const ka113 = a.diagnostics.find((d) => d.code === 'KA113')!;
    expect(ka113.severity).toBe('warning');
    expect(ka113.message).toContain('reads the 1023 characters it has');
    expect(errors(a)).toEqual(expect.arrayContaining(['6: KA101', '6: KA201', '7: KA101', '8: KA101']));
    // Lengthening a word instead leaves a line keepalived accepts: a warning, no error.
    const b = agree(conf('$A=x$A', 'global_defs {', '    router_id $A', '}'));
    expect(b.ka).toEqual([]);
    expect(errors(b)).toEqual([]);
    expect(b.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.severity}`)).toEqual(['3: KA113 warning']);
  });

  it('a backslash ending a comment: kept after the line\'s own backslash in a definition, and after a comment a substitution made', () => {
    // Found by fuzzing pqarmitage's use_vmac.conf. keepalived 2.2.7's comment pass keeps a `\` that ends a
    // comment and appends it to the line: in a multi-line definition `10.0.0.1 \ # c\` stores '10.0.0.1 \'
    // (the appended one continues the definition); a substituted line that became a comment
    // (`$H 10.0.0.2 \` with H='${_HASH}') reads as the line '\'.
    const vip = (line: string) => conf('$H=${_HASH}', '$VIP= \\', '    virtual_ipaddress { \\', line, '        10.0.0.9 \\', '    }', 'vrrp_instance V {', '    interface eth0', '    virtual_router_id 1', '    $VIP', '}');
    const own = agree(vip('        10.0.0.1 \\\t# c\\'));
    expect(own.ka).toEqual(["10: Unknown configuration entry '\\' for ip address - ignoring"]);
    expect(own.missing).toEqual([]);
    const hashed = agree(vip('        $H 10.0.0.2 \\\t# c\\'));
    expect(hashed.ka).toEqual(['10: VRRP parsed invalid IP \\. skipping IP...']);
    expect(hashed.missing).toEqual([]);
    // A keyword line: the same pass leaves the line '\' (an unknown keyword).
    const line = agree(conf('$H=${_HASH}', 'global_defs {', '    $H router_id x \\', '    router_id y', '}'));
    expect(line.ka).toEqual(["3: Unknown keyword '\\'"]);
    expect(errors(line)).toContain('3: KA201');
  });

  it('a comment a substitution made, with a reference after it, still leaves its ending backslash', () => {
    // Found by the preprocessor mutations (seed 301, `${_BANG}` before `$BLOCK4=\`): keepalived cuts the comment
    // before it looks for the `$B` behind it again, and keeps the backslash that ended it, alone or glued to the
    // word before. kalint cut the backslash with the comment and saw an empty line.
    const a = agree(conf('global_defs {', '    router_id a', '}', '${_BANG}$B=\\', '${_HASH}$B x \\', 'global_defs {', '    router_id${_BANG}$B\\', '}'));
    expect(a.ka).toEqual(["4: Unknown keyword '\\'", "5: Unknown keyword '\\'", "7: Unknown keyword 'router_id\\'"]);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['4: KA201', '5: KA201', '7: KA201', '7: KA702']);
  });

  it('${NAME   } with spaces before the brace is a reference whose replacement leaves the spaces and the brace', () => {
    // Found by fuzzing pqarmitage's 1756.conf (`${TESTM    }` after a deleted brace; TESTM='#' made it a
    // comment): keepalived reads the spaces as an empty parameter list and replaces as many characters as
    // `${R}` has, so `${R  }` reads 'abc }'. kalint left the reference as written and split it at its braces.
    const a = agree(conf('$R=abc', 'global_defs {', '    router_id ${R  }', '    vrrp_garp_master_delay 5', '}', 'global_defs {', '    router_id ${R }x', '}'));
    expect(a.ka).toEqual(["4: Unknown keyword 'vrrp_garp_master_delay'", "5: Extra '}' found", "5: Unknown keyword '}'", "7: Unknown keyword 'x'", "8: Extra '}' found", "8: Unknown keyword '}'"]);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['4: KA202', '5: KA101', '7: KA201', '8: KA101']);
    expect(a.diagnostics.filter((d) => d.code === 'KA113').map((d) => `${d.range.start.line + 1}:${d.range.start.column}: ${d.message}`)).toEqual([
      "3:14: '${R  }': keepalived replaces only '${R ' (as many characters as '${R}' has) and leaves ' }' on the line, where its '}' closes a block; write '${R}'",
      "7:14: '${R }': keepalived replaces only '${R ' (as many characters as '${R}' has) and leaves '}' on the line, where its '}' closes a block; write '${R}'",
    ]);
    // A comment value swallows the rest, brace and all (the fuzzed config): keepalived is silent.
    const b = agree(conf('$C=${_HASH}', 'global_defs {', '    ${C    }', '    router_id x', '}'));
    expect(b.ka).toEqual([]);
    expect(errors(b)).toEqual([]);
  });
});

describe.skipIf(!keepalivedAvailable())('the formatter keeps these lines as keepalived reads them', () => {
  const same = (text: string, configId = 'kalint') => {
    const r = format(text);
    if (isFormatError(r)) throw new Error(r.error);
    const view = (t: string) => {
      const run = runKeepalived(t, { configId });
      return [run.exitStatus, run.messages.map((m) => m.message).sort()];
    };
    expect(view(r.text)).toEqual(view(text));
    return r.text;
  };

  it('keeps a brace glued to an @id prefix (a lone @ too) on its line', () => {
    const out = same(conf('global_defs {', '    router_id lb1', '    @}', '@ a }', '@a{ x'), 'a');
    expect(out).toBe(conf('global_defs {', '    router_id lb1', '    @}', '    @ a }', '@a{ x'));
  });

  it('keeps the rest of a line whole after a brace followed by an @id prefix', () => {
    const text = conf('global_defs {@^lb1 router_id x }');
    for (const id of ['lb1', 'lb2']) expect(same(text, id)).toBe(text);
    const inc = conf('global_defs { include inc.conf }');
    expect(same(inc)).toBe(inc);
  });

  it('keeps a backslash before a brace on its line, and does not join a `{` to a line ending in one', () => {
    const text = conf('global_defs {', '    router_id lb1 \\ }', 'vrrp_sync_group G \\', '{', '}');
    expect(same(text)).toBe(conf('global_defs {', '    router_id lb1 \\ }', 'vrrp_sync_group G \\', '{', '}'));
  });

  it('refuses a line that keepalived reads as ending inside a quote (a backslash escaped its closing quote)', () => {
    // Split at its brace, the line would give keepalived another word list: the comment scan keeps
    // `}` and `# c` after the open quote as words.
    const r = format(conf('global_defs { router_id "a\\" } # c', '}'));
    expect(isFormatError(r) && r.error).toBe('1:25: unterminated double quote for keepalived (a backslash before a quote escapes it)');
  });

  it('keeps the blanks after a trailing backslash (keepalived reads `\\ ` as an escaped blank there)', () => {
    const out = same(conf('global_defs {', '  # note \\ ', '  vrrp_gna_interval 0 \\ ', '}'));
    expect(out).toBe(conf('global_defs {', '  # note \\ ', '  vrrp_gna_interval 0 \\ ', '}'));
  });
});

describe.skipIf(!keepalivedAvailable())('a line starting with an escaped comment character (KA116), against keepalived 2.2.7', () => {
  // Found in a harvested config (yuyezi572511/nginx-keepalived, a README): a Markdown-escaped
  // comment `\# VIP1` pasted at the top level. The backslash keeps '#' from starting a comment.
  const instance = (...body: string[]) => ['vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 1', ...body, '    virtual_ipaddress {', '        10.0.0.1', '    }', '}'];
  const ka116 = (text: string, targetVersion?: string) =>
    lintText(text, { file: 'keepalived.conf', targetVersion }).diagnostics.filter((d) => d.code === 'KA116').map((d) => `${d.range.start.line + 1}: ${d.severity}`);

  it('at the top level and in global_defs the parent reads the word: "Unknown keyword \'#\'" and -t fails', () => {
    const text = conf('global_defs {', '    \\# the router', '    router_id lb1', '}', '\\# VIP1', ...instance('    priority 100'));
    const run = runKeepalived(text);
    expect(run.exitStatus).not.toBe(0);
    const a = agree(text);
    expect(a.ka).toEqual(["2: Unknown keyword '#'", "5: Unknown keyword '#'"]);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['2: KA116', '5: KA116']);
    expect(a.diagnostics.find((d) => d.code === 'KA116')!.message).toContain(`"Unknown keyword '#'"`);
  });

  it("in a block whose '{' a comment hides, the parent reads it at the top level: \"Unknown keyword '#note'\"", () => {
    // Mutation fuzzing, seeds 619 and 628: the processes that skip vrrp_script, the parent among them, read its
    // lines at the top level once its '{' is lost, and the parent reads the words of a '\#' line.
    const text = conf('vrrp_script chk #{', '    script "/bin/true"', '    \\#note', '    weight -50', '}');
    const a = agree(text);
    expect(a.ka).toContain("3: Unknown keyword '#note'");
    expect(a.missing).toEqual([]);
    const d = a.diagnostics.find((x) => x.code === 'KA116')!;
    expect(d.message).toContain(`keepalived's parent process reads the word '#note' ("Unknown keyword '#note'")`);
  });

  it('in a vrrp_instance the VRRP process takes it for the start of an included file: later messages name that file', () => {
    const text = conf(...instance('    \\# note', '    priority 300'));
    const run = runKeepalived(text);
    // The priority error on line 5 is reported as line 1 of a file named 'note'.
    expect(run.messages.map((m) => `${m.file}:${m.line}: ${m.message}`)).toContain("note:1: number '300' outside range [1, 255]");
    expect(ka116(text)).toEqual(['4: warning']);
  });

  it('a \\# line of one word names a file with no name: keepalived prints "(: Line N)", read as another file', () => {
    const text = conf(...instance('    \\#x', '    priority 300'));
    const run = runKeepalived(text);
    expect(run.messages.map((m) => `${m.file}:${m.line}: ${m.message}`)).toContain(":1: number '300' outside range [1, 255]");
    const d = lintText(text, { file: 'keepalived.conf' }).diagnostics.find((x) => x.code === 'KA116')!;
    expect(d.message).toContain('the start of an included file: their messages');
  });

  it('a line starting with \\! crashes keepalived unless a \\# line before it seemed to open a file', async () => {
    expect((await runKeepalivedAsync(conf('\\! top', ...instance('    priority 100')))).signal).toBe('SIGSEGV');
    expect(ka116(conf('\\! top', ...instance('    priority 100')))).toEqual(['1: error']);
    const inBlock = conf(...instance('    \\! note', '    priority 100'));
    expect((await runKeepalivedAsync(inBlock)).signal).toBe('SIGSEGV');
    const d = lintText(inBlock, { file: 'keepalived.conf' }).diagnostics.filter((x) => x.code === 'KA116');
    expect(d.map((x) => `${x.range.start.line + 1}: ${x.severity}`)).toEqual(['4: error']);
    expect(d[0]!.message).toContain('crashes');
    // Closed by a '\#' line before it: no crash, and no error.
    const paired = conf(...instance('    \\# a', '    priority 100', '    \\! b'));
    const run = await runKeepalivedAsync(paired);
    expect(run.signal).toBeUndefined();
    expect(run.exitStatus).toBe(0);
    expect(ka116(paired)).toEqual(['4: warning', '6: warning']);
  });

  it('an unmatched \\! line crashes keepalived, unless a \\# line after it reuses the freed memory', async () => {
    // Found by fuzzing against 2.2.8: '\\!' in a real_server and '\\#' later in its checker, exit 0 (2.2.7 too).
    const server = (...rs: string[]) => conf('virtual_server 192.168.200.15 443 {', '    lb_algo rr', '    lb_kind NAT', '    protocol TCP', '    real_server 192.168.100.2 443 {', ...rs, '    }', '}');
    const crashes = server('        \\! note', '        weight 1', '        TCP_CHECK {', '            connect_timeout 3', '        }');
    expect((await runKeepalivedAsync(crashes)).signal).toBe('SIGSEGV');
    const message = (text: string) => lintText(text, { file: 'keepalived.conf' }).diagnostics.find((x) => x.code === 'KA116')!.message;
    expect(message(crashes)).toContain('crashes (segmentation fault) once it reads on to the end of the file');
    const survives = server('        \\! note', '        weight 1', '        TCP_CHECK {', '            \\# note', '            connect_timeout 3', '        }');
    const run = await runKeepalivedAsync(survives);
    expect(run.signal).toBeUndefined();
    expect(run.exitStatus).toBe(0);
    expect(message(survives)).toContain("unless, as may happen here, the '\\#' line after it reuses that memory (then keepalived -t does not report it)");
  });

  it('a brace on a \\# line in a vrrp_instance counts for the parent, which skips the block by its braces', () => {
    // Found by fuzzing: `\#}` ends the instance for the parent, which reads the lines after it at the top level.
    const text = conf('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 1', '    \\#}', '    priority 100', '    virtual_ipaddress {', '        10.0.0.1', '    }', '}');
    const a = agree(text);
    expect(a.ka).toEqual([
      "5: Unknown keyword 'priority'",
      "6: Unknown keyword 'virtual_ipaddress'",
      "6: Unexpected '{' - ignoring",
      "7: Unknown keyword '10.0.0.1'",
      "8: Unknown keyword '}'",
      "9: Extra '}' found",
      "9: Unknown keyword '}'",
    ]);
    expect(a.missing).toEqual([]);
    const ka104 = a.diagnostics.find((d) => d.code === 'KA104')!;
    expect(ka104.message).toContain("the '}' on line 4 that the owning process never sees (it is on a line starting '\\#'");
  });

  it('ending in a lone backslash: the line is still no comment, and the backslash joins its last word', async () => {
    // Found by fuzzing against 2.2.4: '\\!$VIs \\' among comment lines that end in a backslash crashed keepalived
    // (2.2.4 and 2.2.7), while kalint read it as one more such comment, the line '\\'.
    const top = conf('global_defs {', '}', '\\#b \\', '\\#b x \\');
    const a = agree(top);
    expect(a.ka).toEqual(["3: Unknown keyword '#b\\'", "4: Unknown keyword '#b'"]);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['3: KA116', '4: KA116']);
    expect(a.diagnostics.find((d) => d.code === 'KA116')!.message).toContain(`"Unknown keyword '#b\\'"`);
    const bang = conf('global_defs {', '}', '! a comment \\', '\\!b \\', '! another');
    expect((await runKeepalivedAsync(bang)).signal).toBe('SIGSEGV');
    const d = lintText(bang, { file: 'keepalived.conf' }).diagnostics.filter((x) => x.code === 'KA116');
    expect(d.map((x) => `${x.range.start.line + 1}: ${x.severity}`)).toEqual(['4: error']);
    expect(d[0]!.message).toContain('crashes');
  });

  it('inside a multi-line definition the VRRP and checker processes skip the marker line and take the next line into the value', async () => {
    // Found by fuzzing against 2.4.3 (a '\\! note' line in pqarmitage's seq2.conf definitions): 2.4.3 and 2.2.7 crash.
    const hash = conf('$D=a \\', '\\# note', 'global_defs {', '  router_id x', '}', ...instance('    priority 100'));
    const run = runKeepalived(hash);
    // Their line numbers count from the marker line, in a file named 'note'.
    expect(run.messages.map((m) => `${m.file}:${m.line}: ${m.message}`)).toEqual(expect.arrayContaining(["note:2: Unknown keyword 'router_id'", "note:3: Extra '}' found"]));
    expect(errors(agree(hash))).toEqual(['2: KA116', '4: KA202', '5: KA101']);
    const bang = conf('$D=a \\', '\\! note', 'global_defs {', '  router_id x', '}');
    expect((await runKeepalivedAsync(bang)).signal).toBe('SIGSEGV');
    const d = lintText(bang, { file: 'keepalived.conf' }).diagnostics.find((x) => x.code === 'KA116')!;
    expect(d.message).toContain('crashes');
    expect(d.message).toContain('multi-line definition $D');
    // Ending in a backslash itself, the line leaves the definition going on for every reader: only the marker is
    // left (found by fuzzing against 2.3.4: a commented-out quorum_down inside a definition, exit 6 for script security only).
    const going = conf('$D=a \\', '    \\# note \\', '    b', 'global_defs {', '  router_id x', '}');
    const k = lintText(going, { file: 'keepalived.conf' }).diagnostics.filter((x) => x.code === 'KA116');
    expect(k.map((x) => x.severity)).toEqual(['warning']);
    expect(k[0]!.message).not.toContain('takes in the next line');
    expect(agree(going).missing).toEqual([]);
  });

  it("a definition '$OFF=\\#' comments out the lines the parent reads, and is cut at the '#' in a vrrp_instance", () => {
    // Found in pqarmitage's reload.conf: kalint stored '' and reported 'foo' in global_defs, which 2.2.7 never reads.
    const text = conf('$OFF=\\#', 'global_defs {', '$OFF router_id x y z', '  $OFF foo', '}', ...instance('$OFF priority 300'));
    const a = agree(text);
    expect(a.ka).toEqual(["9: number '300' outside range [1, 255]", '9: (VI_1) Priority not valid! must be between 1 & 255. Using default 100']);
    expect(a.missing).toEqual([]);
    expect(errors(a)).toEqual(['9: KA205']);
    // At the top level the VRRP and checker processes read the line too, with the value cut: found by fuzzing
    // against 2.3.4 (a deleted vrrp_instance header left '$V1 10.8.0.101/32' lines at the top level).
    const top = agree(conf('$OFF=\\#', '$OFF 10.8.0.101/32', '$OFF foo bar', 'global_defs {', '    router_id a', '}'));
    expect(top.ka).toEqual(["2: Unknown keyword '10.8.0.101/32'", "3: Unknown keyword 'foo'"]);
    expect(top.missing).toEqual([]);
    expect(errors(top)).toEqual(['2: KA201', '3: KA201']);
  });

  it('an escaped comment after a word, and a plain comment, stay comments', () => {
    const text = conf(...instance('    priority 100 \\# note', '    # plain'));
    expect(runKeepalived(text).exitStatus).toBe(0);
    expect(ka116(text)).toEqual([]);
  });

  it('depends on the target: a word everywhere from 2.0.9 to 2.1.5, nothing special before 2.0.9', () => {
    const text = conf(...instance('    \\# note', '    priority 100'));
    expect(ka116(text, '2.1.5')).toEqual(['4: error']);
    expect(ka116(text, '2.0.8')).toEqual([]);
  });

  // Found by fuzzing 2.1.5 (seed 501): keepalived ends the de-commented line '# }' at its brace and reads the '}' as
  // a line of its own, so the block closes there; 2.0.19 and 2.1.5 builds: "Unknown keyword '#'" on line 4, then
  // "Unknown keyword 'virtual_ipaddress'" at the top level and "(VI_1) No VIP specified".
  const escapedThenBrace = conf('vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', '    \\# }', '    virtual_ipaddress {', '        10.0.0.1', '    }', '}');
  it('from 2.0.9 to 2.1.x a brace after the escaped word still counts', () => {
    const at = (v: string) => lintText(escapedThenBrace, { file: 'keepalived.conf', targetVersion: v }).diagnostics.filter((d) => d.severity === 'error' || d.code === 'KA312').map((d) => `${d.range.start.line + 1}: ${d.code}`);
    for (const v of ['2.0.19', '2.1.5']) expect(at(v), v).toEqual(['1: KA312', '4: KA116', '5: KA202', '5: KA103', '6: KA201', '7: KA103', '8: KA101']);
  });
  const release215b = releaseBinary('2.1.5');
  it.skipIf(!release215b)('keepalived 2.1.5 closes the block at the brace after an escaped comment', () => {
    const out = runRelease(release215b!, escapedThenBrace).stderr;
    expect(out).toContain("Line 4) Unknown keyword '#'");
    expect(out).toContain("Line 5) Unknown keyword 'virtual_ipaddress'");
    expect(out).toContain('(VI_1) No VIP specified');
  });
});

describe("'\\#' inside a line and a trailing '\\ ' where keepalived's parent reads (global_defs, the top level), against the releases", () => {
  // From 2.2.0 the VRRP and checker processes read a de-commented copy of the file that the parent writes, where a
  // '\#' the parent kept as '#' starts a comment and a '\' followed by a blank ends the line. The parent reads
  // global_defs and the top level itself, the pre-2.2.0 way, and its values and messages are the ones that count
  // there (versions63 audit, bug 1).
  const instance = (...body: string[]) => ['vrrp_instance VI_1 {', '    state BACKUP', '    interface eth0', '    virtual_router_id 51', '    priority 100', '    advert_int 1', ...body, '    virtual_ipaddress {', '        192.168.1.151/24', '    }', '}'];
  const lint = (text: string, targetVersion: string) => lintText(text, { file: 'keepalived.conf', targetVersion }).diagnostics;
  const located = (binary: string, text: string) => runRelease(binary, text).messages.filter((m) => m.line !== undefined && !HOST.test(m.message));
  const releases = ['2.1.5', '2.2.4', '2.2.7', '2.4.3'];

  it("a glued '\\#' in a global_defs or top-level value is a character for the parent: 'invalid number' at every release", () => {
    const text = conf('child_wait_time 5\\#x', 'global_defs {', '    vrrp_garp_master_delay 7\\#x', '    vrrp_version 2\\#x', '    router_id r1\\#x', '}', ...instance());
    for (const v of releases) {
      const d = lint(text, v);
      const errs = d.filter((x) => x.severity === 'error').map((x) => `${x.range.start.line + 1}: ${x.code}`);
      expect(errs, v).toEqual(['1: KA205', '3: KA205', '4: KA205']);
      expect(d.find((x) => x.code === 'KA205' && x.range.start.line === 2)!.message, v).toContain("got '7#x'");
      const notes = d.filter((x) => x.code === 'KA116');
      expect(notes.map((x) => `${x.range.start.line + 1}: ${x.severity}`), v).toEqual(['1: warning', '3: warning', '4: warning', '5: warning']);
      expect(notes[1]!.message, v).toContain("as a character of the word '7#x'");
      expect(notes[1]!.message, v).not.toContain('2.2.0 and later take it for a comment');
      expect(analyze(text, { targetVersion: v, configId: 'x' }).model.globalDefs?.routerId?.value, v).toBe('r1#x');
      const binary = releaseBinary(v);
      if (!binary) continue;
      const ka = located(binary, text);
      expect(ka.map((m) => `${m.line}: ${m.message}`), v).toContainEqual("3: invalid number '7#x'");
      for (const line of new Set(ka.map((m) => m.line!))) expect(errs.some((e) => e.startsWith(`${line}: `)), `${v} line ${line}`).toBe(true);
    }
    expect(lint(text, '2.2.7').find((x) => x.code === 'KA116' && x.range.start.line === 2)!.message).toMatch(/keepalived 2\.2\.7's parent process, which reads global_defs, reads the '#' as a character of the word '7#x'/);
  });

  it("a '\\' followed by a blank ending a global_defs line stays a word for the parent: no error where keepalived accepts it", () => {
    const text = conf('global_defs {', '    vrrp_garp_master_delay 5 \\ ', '    vrrp_garp_master_repeat 3', '}', ...instance());
    for (const v of releases) {
      const d = lint(text, v);
      expect(d.filter((x) => x.severity === 'error').map((x) => `${x.range.start.line + 1}: ${x.code}`), v).toEqual([]);
      expect(d.filter((x) => x.range.start.line === 1).map((x) => `${x.code} ${x.severity}`), v).toEqual(['KA204 warning', 'KA702 warning']);
      const binary = releaseBinary(v);
      if (!binary) continue;
      const run = runRelease(binary, text);
      expect(run.messages.filter((m) => m.line !== undefined && !HOST.test(m.message)), v).toEqual([]);
      expect(run.exitStatus, v).toBe(0);
    }
    expect(lint(text, '2.2.7').find((x) => x.code === 'KA702')!.message).toContain("keepalived 2.2.7's parent process, which reads global_defs, reads '\\' as one more word here");
  });

  it("KA702 names where the parent reads the line: the top level, or global_defs for an unknown keyword in it", () => {
    const text = conf('child_wait_time 5 \\ ', 'global_defs {', '    bogus_kw 5 \\ ', '}', ...instance());
    const d = lint(text, '2.2.7').filter((x) => x.code === 'KA702');
    expect(d.map((x) => `${x.range.start.line + 1}: ${/which reads ([\w ]+),/.exec(x.message)?.[1]}`)).toEqual(['1: the top level', '3: global_defs']);
    const binary = releaseBinary('2.2.7');
    if (binary) expect(located(binary, text).map((m) => `${m.line}: ${m.message}`)).toEqual(["3: Unknown keyword 'bogus_kw'"]);
  });

  it("in a vrrp_instance the VRRP process's reading counts: '5 \\ ' is '5\\', and '\\#' cuts auth_pass from 2.2.0", () => {
    const text = conf(...instance('    garp_master_delay 5 \\ ', '    authentication {', '        auth_type PASS', '        auth_pass ab\\#cd', '    }'));
    for (const v of ['2.2.4', '2.2.7', '2.4.3']) {
      const d = lint(text, v);
      expect(d.filter((x) => x.severity === 'error').map((x) => `${x.range.start.line + 1}: ${x.code}`), v).toEqual(['7: KA205', '7: KA702']);
      const note = d.find((x) => x.code === 'KA116');
      expect(note?.severity, v).toBe('warning');
      expect(note?.range.start.line, v).toBe(9);
      expect(note!.message, v).toContain("read the word 'ab', where 2.0.9 to 2.1.x read 'ab#cd'");
      expect(analyze(text, { targetVersion: v, configId: 'x' }).model.vrrpInstances[0]!.authentication?.pass?.value, v).toBe('ab');
      const binary = releaseBinary(v);
      if (binary) expect(located(binary, text).map((m) => m.line), v).toContain(7);
    }
    // 2.1.5 keeps the '#' (its dump: "Password = ab#cd"), and the '\' after '5 ' is a word of its own.
    const old = lint(text, '2.1.5');
    expect(old.filter((x) => x.severity === 'error')).toEqual([]);
    expect(old.find((x) => x.code === 'KA116')!.message).toMatch(/keepalived 2\.1\.5 reads the '#' as a character of the word 'ab#cd' \(from 2\.2\.0 the VRRP and checker processes, which read this block/);
    expect(analyze(text, { targetVersion: '2.1.5', configId: 'x' }).model.vrrpInstances[0]!.authentication?.pass?.value).toBe('ab#cd');
  });
});
