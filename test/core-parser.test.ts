// The lossless syntax tree: tokens, trivia, ownership of braces, comments, line kinds.

import { describe, expect, it } from 'vitest';
import { parseCst, withTrivia } from '../server/src/core/syntax/parser.js';
import { lex, lexerDefinitionErrors, tokenValue } from '../server/src/core/syntax/lexer.js';
import { findTemplateMarker } from '../server/src/core/syntax/template.js';
import { lintText } from '../server/src/linter.js';
import type { CstNode, CstStatement } from '../server/src/core/syntax/cst.js';

function rebuild(text: string): string {
  let out = '';
  for (const { trivia, token } of withTrivia(parseCst(text))) out += trivia + (token?.text ?? '');
  return out;
}

function statements(nodes: CstNode[]): CstStatement[] {
  return nodes.filter((n): n is CstStatement => n.type === 'statement');
}

describe('lexer', () => {
  it('has a token set chevrotain finds no fault with (kalint builds its lexer without the check)', () => {
    expect(lexerDefinitionErrors()).toEqual([]);
  });

  it('splits words, strings, braces and comments the way keepalived does', () => {
    const { tokens } = lex('vrrp_instance V"I "3 {#c\n  priority 1!00\n  advert_int "2#x" }');
    expect(tokens.map((t) => `${t.kind}:${t.text}`)).toEqual([
      'word:vrrp_instance',
      'word:V',
      'string:"I "',
      'word:3',
      'lbrace:{',
      'comment:#c',
      'word:priority',
      'word:1',
      'comment:!00',
      'word:advert_int',
      'string:"2#x"',
      'rbrace:}',
    ]);
  });

  it('treats glued braces as separate tokens (TCP_CHECK{, }})', () => {
    const { tokens } = lex('TCP_CHECK{\n}}');
    expect(tokens.map((t) => t.text)).toEqual(['TCP_CHECK', '{', '}', '}']);
  });

  it('keeps single quotes as ordinary characters and escapes comments with a backslash', () => {
    const { tokens } = lex("vrrp_instance 'VI 1'\npriority 300\\#1");
    expect(tokens.map((t) => t.text)).toEqual(['vrrp_instance', "'VI", "1'", 'priority', '300', '\\#1']);
    expect(tokens[5]!.kind).toBe('comment');
  });

  it('keeps the ends of long tokens exactly (lengths of 255 and more are stored apart)', () => {
    const words = [254, 255, 256, 1000, 70000].map((n, k) => String.fromCharCode(97 + k).repeat(n));
    const glued = 'x'.repeat(300) + '\\' + 'y'.repeat(300);
    const text = `${words.join(' ')}\n"${'q'.repeat(400)}" ${glued}\n# ${'c'.repeat(500)}`;
    const r = lex(text);
    expect(r.count).toBe(8);
    expect(Array.from({ length: r.count }, (_, i) => r.source(i))).toEqual([...words, `"${'q'.repeat(400)}"`, glued, `# ${'c'.repeat(500)}`]);
    expect(r.value(5)).toBe('q'.repeat(400));
    expect(r.tokens.map((t) => t.end - t.start)).toEqual([254, 255, 256, 1000, 70000, 402, 601, 502]);
  });

  it('records line starts and tokens per line, for CRLF too', () => {
    const r = lex('a b\r\nc\r\n\r\nd');
    expect(Array.from(r.lineStarts)).toEqual([0, 5, 8, 10]);
    expect(Array.from(r.lineFirstToken)).toEqual([0, 2, 3, 3, 4]);
    expect(r.tokens[3]!.range.start).toEqual({ line: 3, column: 0, offset: 10 });
  });

  it('keeps exact line tables for many short lines', () => {
    // 3000 lines of 0 or 1 byte: one entry per line, and the token index at each line start.
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? '' : i % 3 === 1 ? 'a' : '{'));
    const r = lex(lines.join('\n'));
    expect(r.lineStarts.length).toBe(3000);
    expect(r.lineFirstToken.length).toBe(3001);
    let offset = 0;
    let tokens = 0;
    for (let i = 0; i < 3000; i++) {
      expect(r.lineStarts[i]).toBe(offset);
      expect(r.lineFirstToken[i]).toBe(tokens);
      offset += lines[i]!.length + 1;
      tokens += lines[i]!.length;
    }
    expect(r.lineFirstToken[3000]).toBe(r.count);
  });

  it('gives the value of a quoted string without its quotes', () => {
    const [t] = lex('"a b#c"').tokens;
    expect(tokenValue(t!)).toBe('a b#c');
  });
});

describe('lossless tree', () => {
  const samples = [
    '',
    '\n\n',
    'global_defs{ router_id x}',
    'vrrp_instance VI_1 {\n\tstate MASTER # main\n  virtual_ipaddress{192.168.1.10/24\n192.168.1.11/24}\n}\n',
    '} extra\n{ orphan }\n',
    '@main priority 100\n@^main priority 50\n$IF=eth0\n$MULTI=a \\\n b \\\n c\ninclude conf.d/{a,b}.conf\n~SEQ(i, 1, 3) track_interface eth$i\n',
    'unterminated "quote\n\u0000\u00ff binary \uffff',
  ];
  for (const s of samples) {
    it(`rebuilds ${JSON.stringify(s).slice(0, 40)} byte for byte`, () => {
      expect(rebuild(s)).toBe(s);
    });
  }

  it('attaches a next-line { to the statement above and keeps comments in place', () => {
    const f = parseCst('real_server 10.0.0.1 80\n# the check\n{\n  TCP_CHECK{ connect_port 80 }\n}\n');
    const [rs] = statements(f.children);
    expect(rs!.keyword.text).toBe('real_server');
    expect(rs!.args.map((a) => a.text)).toEqual(['10.0.0.1', '80']);
    expect(rs!.block).toBeDefined();
    expect(f.children.some((n) => n.type === 'comment')).toBe(true);
    const [check] = statements(rs!.block!.children);
    expect(check!.keyword.text).toBe('TCP_CHECK');
    expect(statements(check!.block!.children)[0]!.keyword.text).toBe('connect_port');
    expect(f.problems).toEqual([]);
  });

  it('attaches trailing comments to statements and braces', () => {
    const f = parseCst('vrrp_instance A { # open\n  state MASTER # state\n} # close\n');
    const [inst] = statements(f.children);
    expect(inst!.block!.openComment!.text).toBe('# open');
    expect(inst!.block!.closeComment!.text).toBe('# close');
    expect(statements(inst!.block!.children)[0]!.comment!.text).toBe('# state');
  });

  it('keeps conditional prefixes, definitions, includes and sequences as their own nodes', () => {
    const f = parseCst('@node1 priority 100\n$X=a \\\n b\ninclude /etc/keepalived/{a,b}.conf # inc\n~SEQ(n, 1, 2) x$n\n');
    const kinds = f.children.map((n) => n.type);
    expect(kinds).toEqual(['statement', 'definition', 'include', 'seq']);
    const stmt = f.children[0] as CstStatement;
    expect(stmt.condition!.id).toBe('node1');
    const inc = f.children[2] as Extract<CstNode, { type: 'include' }>;
    expect(inc.pattern).toBe('/etc/keepalived/{a,b}.conf');
    expect(inc.comment!.text).toBe('# inc');
    const def = f.children[1] as Extract<CstNode, { type: 'definition' }>;
    expect(def.tokens.map((t) => t.text)).toEqual(['$X=a', '\\', 'b']);
  });

  it('reports extra and missing braces with positions, and still builds the rest', () => {
    const f = parseCst('}\nvrrp_instance A {\n  state MASTER\n');
    expect(f.problems.map((p) => p.code).sort()).toEqual(['KA101', 'KA102']);
    expect(statements(f.children)[0]!.keyword.text).toBe('vrrp_instance');
  });

  it('builds 10 000 nested blocks without recursion', () => {
    const text = 'a {\n'.repeat(10000) + '}\n'.repeat(10000);
    const f = parseCst(text);
    expect(f.problems).toEqual([]);
    let depth = 0;
    let node: CstStatement | undefined = statements(f.children)[0];
    while (node) {
      depth++;
      node = node.block ? statements(node.block.children)[0] : undefined;
    }
    expect(depth).toBe(10000);
  });
});

describe('template markup (KA108)', () => {
  it('finds Jinja, Go template and ERB/EPP markup, not glued braces', () => {
    const at = (t: string) => {
      const m = findTemplateMarker(t);
      return m && t.slice(m.start, m.end);
    };
    expect(at('vrrp_instance {{ name }} {\n')).toBe('{{ name }}');
    expect(at('  interface {{.Intf}}\n')).toBe('{{.Intf}}');
    expect(at('{{- range $i, $v := .VrrpInstances }}\n')).toBe('{{- range $i, $v := .VrrpInstances }}');
    expect(at('priority {% if master %}150{% endif %}\n')).toBe('{% if master %}');
    expect(at('  auth_pass <%= @auth_pass %>\n')).toBe('<%= @auth_pass %>');
    // keepalived's own syntax: glued and doubled braces, ${NAME}, '%' in words.
    for (const plain of ['real_server 10.0.0.1 80 {{\n}}\n', 'vrrp_instance VI_1 {\n  auth_pass ${PASS}\n}}\n', 'url { path /a%20b }\n', 'x {{\n  }}\n'])
      expect(at(plain)).toBeUndefined();
  });

  it('leaves a value put in a comment, which changes nothing keepalived reads, but not a statement there', () => {
    const at = (t: string) => {
      const m = findTemplateMarker(t);
      return m && t.slice(m.start, m.end);
    };
    // A real config kept from a templated setup (keepalived 2.2.7 reads it cleanly).
    expect(at('global_defs {\n    #vrrp_mcast_group4 224.0.0.{{VRID}}\n    ! <%= @note %>\n}\n')).toBeUndefined();
    expect(at('# {{ ansible_managed }}\nvrrp_instance VI_1 {\n  priority {{ prio }}\n')).toBe('{{ prio }}');
    // In quotes a '#' starts no comment; statements decide which lines there are, wherever they are.
    expect(at('  script "/bin/check #{{ port }}"\n')).toBe('{{ port }}');
    for (const statement of ['# {% if master %}\n', '# {{ range .Peers }}\n', '! <% if @master %>\n', '# {{- if .X }}\n'])
      expect(at(statement)).toBe(statement.slice(2, -1));
  });

  it("finds a shell template's ${NAME:-default}, which keepalived never reads, where keepalived would split it", () => {
    const at = (t: string) => {
      const m = findTemplateMarker(t);
      return m && `${m.language}: ${t.slice(m.start, m.end)}`;
    };
    // Three real configs from one Docker image's heredoc: about 90 brace and keyword findings each.
    expect(at('vrrp_instance VI_2 {\n    interface ${INTERFACE:-eth0}\n')).toBe('shell template: ${INTERFACE:-eth0}');
    expect(at("  script   '${CHECK_SCRIPT_PATH:-/etc/keepalived/health.sh}'\n")).toBe('shell template: ${CHECK_SCRIPT_PATH:-/etc/keepalived/health.sh}');
    expect(at('  auth_pass ${PASS:=x}\n  priority ${P:?unset}\n')).toBe('shell template: ${PASS:=x}');
    // keepalived's own ${NAME}, a shell's expansion inside a quoted command, or one in a comment: not a template.
    for (const plain of ['  interface ${IF}\n', `  script "/bin/sh -c 'test -n \${X:-}'"\n`, '  # interface ${IF:-eth0}\n', '  state MASTER ! ${S:-x}\n'])
      expect(at(plain)).toBeUndefined();
    const r = lintText('vrrp_instance VI_2 {\n    interface ${INTERFACE:-eth0}\n    state ${STATE:-MASTER}\n}\n', { file: 'keepalived.conf' });
    expect(r.diagnostics.map((d) => [d.code, d.range.start.line + 1])).toEqual([['KA108', 2]]);
    expect(r.diagnostics[0]!.message).toMatch(/^this is a shell template \(\$\{INTERFACE:-eth0\} on line 2\), not a config keepalived can read as it is/);
    const erb = lintText('vrrp_instance VI_1 {\n    priority <%= @priority %>\n}\n', { file: 'keepalived.conf' });
    expect(erb.diagnostics[0]!.message).toMatch(/^this is an ERB or EPP template \(<%= @priority %> on line 2\)/);
  });

  it('takes unrendered ${NAME}s for markup in a file named as a template, and only there', () => {
    // envsubst and heredoc templates (47 of the 139 configs harvested from shell scripts and YAML in session 37):
    // keepalived splits each ${NAME} at its braces, about 40 findings a file.
    const text = 'vrrp_instance VI_1 {\n    state ${role}\n    interface ${netdev}\n    priority ${priority}\n}\n';
    const at = (t: string, name?: string) => {
      const m = findTemplateMarker(t, name);
      return m && `${m.language}: ${t.slice(m.start, m.end)}`;
    };
    for (const name of ['keepalived.conf.template', '/etc/k/keepalived.conf.tmpl', 'k.tpl']) expect(at(text, name), name).toBe('shell template: ${role}');
    // Any other name: a conf.d fragment linted on its own uses its includer's definitions (KA109 names them).
    expect(at(text, 'conf.d/vrrp.conf')).toBeUndefined();
    expect(at(text)).toBeUndefined();
    // What gives the names values in keepalived, or too little to tell: not markup.
    for (const plain of ['$role=MASTER\n' + text, 'include defs.conf\n' + text, '~SEQ(I, 1, 2) x ${I} ${J}\n', '  state ${role}\n',
      '  script "/bin/x ${A} ${B}"\n', '  # ${A} ${B}\n', '  notify ${_PWD}/n.sh ${_INSTANCE}\n'])
      expect(at(plain, 'keepalived.conf.template'), plain).toBeUndefined();
    const r = lintText(text, { file: 'keepalived.conf.template' });
    expect(r.diagnostics.map((d) => `${d.code}:${d.range.start.line + 1}`)).toEqual(['KA108:2']);
    expect(lintText(text, { file: 'keepalived.conf' }).diagnostics.length).toBeGreaterThan(10);
  });

  it('is one finding in place of the brace errors; turned off, the template is read as a config', () => {
    const text = '# kalint-disable-next-line KA201 -- no such line\nvrrp_instance {{ name }} {\n  state {{ state }}\n}\n';
    const r = lintText(text, { file: 'k.conf.j2' });
    expect(r.diagnostics.map((d) => `${d.code}:${d.range.start.line + 1}:${d.range.start.column + 1}`)).toEqual(['KA108:2:15']);
    expect(r.template).toBeDefined();
    const off = lintText(text, { file: 'k.conf.j2', severities: { 'template-file': 'off' } });
    expect(off.template).toBeUndefined();
    expect(off.diagnostics.length).toBeGreaterThan(3);
    // A suppression comment in the template is honoured.
    expect(lintText(`# kalint-disable KA108 -- rendered by the role\n${text}`, { file: 'k.conf.j2' }).diagnostics).toEqual([]);
  });
});
