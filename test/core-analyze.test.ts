// keepalived's view: includes, conditionals, definitions, ~SEQ, error recovery and the core's
// schema diagnostics, through the public API with an in-memory file system.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, configIdsIn, parse, targetCaveat, type SourceHost } from '../server/src/core/index.js';
import { walkAst, type AstNode } from '../server/src/core/analysis/ast.js';
import { lintText } from '../server/src/linter.js';
import { keepalivedAvailable, runKeepalived, runKeepalivedAsync } from './helpers/keepalived.js';
import { applyFix } from './helpers/rule-cases.js';
import { releaseBinary, runRelease } from './helpers/releases.js';

function memoryHost(files: Record<string, string>): SourceHost {
  return {
    readFile: (p) => files[p],
    readDir: (dir) => {
      const prefix = dir.endsWith('/') ? dir : dir + '/';
      const names = new Map<string, boolean>();
      for (const f of Object.keys(files)) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length);
        const i = rest.indexOf('/');
        names.set(i < 0 ? rest : rest.slice(0, i), i >= 0);
      }
      return names.size ? [...names].map(([name, isDirectory]) => ({ name, isDirectory })) : undefined;
    },
  };
}

function codes(text: string, opts: Parameters<typeof analyze>[1] = {}): string[] {
  return analyze(text, opts).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`);
}

function keywords(root: AstNode): string[] {
  const out: string[] = [];
  walkAst(root, (n) => {
    if (n.keyword) out.push(n.keyword);
  });
  return out;
}

describe('schema diagnostics', () => {
  it('suggests the keyword meant (did you mean)', () => {
    const a = analyze('vrrp_instance VI_1 {\n  prompte_secondaries\n}\n');
    const d = a.diagnostics.find((x) => x.code === 'KA201')!;
    expect(d.message).toContain("did you mean 'promote_secondaries'");
    expect(d.range.start).toMatchObject({ line: 1, column: 2 });
    expect(d.fix!.edits[0]!.newText).toBe('promote_secondaries');
  });

  // Other software's role words (a harvested CloudStack template has `notify_primary`): keepalived knows only
  // MASTER and BACKUP ("Unknown keyword 'notify_primary'", "unknown state 'PRIMARY', defaulting to BACKUP").
  it("names keepalived's role word for primary, secondary, slave and standby", () => {
    const a = analyze('vrrp_instance VI_1 {\n  state SLAVE\n  notify_primary /bin/true\n  notify_secondary /bin/true\n  notify_Standby /bin/true\n}\n');
    const unknown = a.diagnostics.filter((d) => d.code === 'KA201');
    expect(unknown.map((d) => d.fix?.edits[0]?.newText)).toEqual(['notify_master', 'notify_backup', 'notify_backup']);
    expect(unknown[0]!.message).toBe("Unknown keyword 'notify_primary' in 'vrrp_instance': keepalived calls the roles MASTER and BACKUP only; write 'notify_master'");
    expect(a.diagnostics.find((d) => d.code === 'KA205')!.message).toContain("got 'SLAVE' (keepalived calls this role BACKUP: write 'BACKUP')");
    expect(analyze('vrrp_instance VI_1 {\n  state primary\n}\n').diagnostics.find((d) => d.code === 'KA205')!.message).toContain("write 'MASTER'");
    // A word with no keyword behind it keeps the ordinary guess.
    expect(analyze('vrrp_instance VI_1 {\n  primary_thing 1\n}\n').diagnostics.find((d) => d.code === 'KA201')!.message).not.toContain('calls the roles');
  });

  it('suggests nothing for a word that differs from a keyword in a whole part, or for a variable', () => {
    // Real configs: 'track_vips' and 'track_all' were offered 'track_file', '$NETWORK_INTERFACE'
    // 'interface', and a sync group's missing 'VI_INSIDE' the instance 'VI_OUTSIDE'.
    const hints = (text: string) => analyze(text).diagnostics.filter((d) => d.code === 'KA201' || d.code === 'KA316').map((d) => /did you mean '([^']*)'/.exec(d.message)?.[1]);
    expect(hints('vrrp_instance VI_1 {\n  track_vips\n  track_all\n  $NETWORK_INTERFACE\n}\n')).toEqual([undefined, undefined, undefined]);
    // Still three edits away, but plainly meant: the end of the keyword left out, letters swapped.
    expect(hints('global_defs {\n  smtp_connect_time 30\n  smpt_connect_timeout 30\n}\n')).toEqual(['smtp_connect_timeout', 'smtp_connect_timeout']);
    expect(hints('vrrp_instance VI_1 {\n  garp_master_refres 60\n}\n')).toEqual(['garp_master_refresh']);
  });

  it('reads a keyword split by a blank as that keyword, not as a misplaced or misspelt one', () => {
    // keepalived 2.2.7: "Unknown keyword 'vrrp'", "Unknown keyword 'smtp_'", "Unknown keyword 'auth'" (twice)
    const text = 'global_defs {\n   vrrp _mcast_group4 234.10.10.10\n\tsmtp_ server 192.168.17.129\n}\nvrrp_instance VI_1 {\n  authentication {\n    auth type PASS\n    auth pass 1111\n  }\n}\n';
    const unknown = analyze(text).diagnostics.filter((d) => d.code === 'KA201' || d.code === 'KA202');
    expect(unknown.map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(['2:KA201', '3:KA201', '7:KA201', '8:KA201']);
    expect(unknown[0]!.message).toBe("Unknown keyword 'vrrp' in 'global_defs': 'vrrp _mcast_group4' is 'vrrp_mcast_group4' with a blank in it; keepalived reads 'vrrp' as the keyword and skips the line. Write 'vrrp_mcast_group4'");
    expect(unknown[2]!.message).toContain("'auth type' is 'auth_type' with a blank in it");
    let fixed = text;
    for (const d of [...unknown].reverse()) fixed = applyFix(fixed, d.fix!);
    expect(fixed).toContain('   vrrp_mcast_group4 234.10.10.10\n\tsmtp_server 192.168.17.129\n');
    expect(fixed).toContain('    auth_type PASS\n    auth_pass 1111\n');
    expect(analyze(fixed).diagnostics.filter((d) => d.code === 'KA201' || d.code === 'KA202')).toEqual([]);
    // Two words that make no keyword of the block keep the ordinary guess.
    expect(analyze('vrrp_instance VI_1 {\n  prompte_secondaries now\n}\n').diagnostics[0]!.message).toContain("did you mean 'promote_secondaries'");
  });

  it('guesses a keyword with one word written long or short, and a plural', () => {
    const guesses = (block: string, word: string) =>
      analyze(`${block} {\n  ${word} 1\n}\n`).diagnostics.find((d) => d.code === 'KA201')?.message.match(/did you mean '([a-z_]+)'/)?.[1];
    expect(guesses('vrrp_instance VI_1', 'advert_interval')).toBe('advert_int');
    expect(guesses('vrrp_instance VI_1', 'unicast_source_ip')).toBe('unicast_src_ip');
    expect(guesses('vrrp_instance VI_1', 'mcast_source_ip')).toBe('mcast_src_ip');
    expect(guesses('virtual_server 10.0.0.1 80', 'lb_algorythm')).toBe('lb_algo');
    // One letter more is no value glued to the keyword ('notify_master s' was the fix).
    expect(guesses('vrrp_instance VI_1', 'notify_masters')).toBe('notify_master');
    // A whole word, not an abbreviation: no guess.
    expect(guesses('vrrp_instance VI_1', 'advert_time')).toBeUndefined();
  });

  it("names a definition written without its '$' when the file uses the name", () => {
    // keepalived 2.2.7 on this: "Unknown keyword 'IF=eth0'" and 'KEEPALIVED_OPTIONS=', and router_id '$IF' as written.
    const text = 'IF=eth0\nKEEPALIVED_OPTIONS="-D"\nglobal_defs {\n    router_id $IF\n}\n';
    const d = analyze(text).diagnostics;
    const unknown = d.filter((x) => x.code === 'KA201');
    expect(unknown.map((x) => x.message)).toEqual([
      "Unknown keyword 'IF=eth0' in the top level: it looks like the definition of '$IF', which this file uses, written without its '$'; keepalived reads the line as a keyword and defines nothing. Write '$IF='",
      "Unknown keyword 'KEEPALIVED_OPTIONS=' in the top level",
    ]);
    expect(unknown[0]!.fix?.edits).toEqual([{ file: 'keepalived.conf', range: { start: unknown[0]!.range.start, end: unknown[0]!.range.start }, newText: '$' }]);
    expect(unknown[0]!.fix?.safe).toBeUndefined();
    expect(d.find((x) => x.code === 'KA109')!.message).toMatch(/^'\$IF' names no definition: line 1 writes 'IF=' without its '\$', which keepalived reads as a keyword/);
    // Not used as $NAME (only `$IFACE`, or the definition itself): the plain message.
    expect(analyze('IF=eth0\nglobal_defs {\n    router_id $IFACE\n}\n').diagnostics.find((x) => x.code === 'KA201')!.message).toBe("Unknown keyword 'IF=eth0' in the top level");
    // A shell script pasted into the config uses it in shell lines only: the plain message.
    const shell = analyze('A=`ps -C haproxy --no-header | wc -l`\nif [ $A -eq 0 ];then\n    systemctl start haproxy\nfi\n').diagnostics;
    expect(shell.find((x) => x.code === 'KA201')!.message).toBe("Unknown keyword 'A=`ps' in the top level");
    expect(shell.find((x) => x.code === 'KA109')!.message).not.toContain("writes 'A='");
    // After an @id prefix (a keepalived maintainer's test config: '@low VIP=1' above '10.32.12.$VIP').
    expect(analyze('@low VIP=1\nvrrp_instance A {\n    virtual_ipaddress {\n        10.32.12.$VIP\n    }\n}\n', { configId: 'low' }).diagnostics.find((x) => x.code === 'KA201')!.message).toContain("Write '$VIP='");
    // 1.3.5 has no definitions at all.
    expect(analyze(text, { targetVersion: '1.3.5' }).diagnostics.find((x) => x.code === 'KA201')!.message).toBe("Unknown keyword 'IF=eth0' in the top level");
  });

  it('reads an unindented line after a trailing comment as the comment wrapped onto its own line', () => {
    // keepalived 2.2.7: "Unknown keyword 'rp'", "Unknown keyword 'master'" (a Chinese LVS note copied from a PDF)
    const text = 'vrrp_instance VI_1 {\n    virtual_router_id 51 #设置虚拟路由标示，同一个 vr\nrp 实例使用唯一标示\n    priority 50 #数字越大优先级越高，\nmaster 的优先级必须大于 backup\n    advert_int 1\n}\n';
    const unknown = analyze(text).diagnostics.filter((d) => d.code === 'KA201');
    expect(unknown.map((d) => d.range.start.line + 1)).toEqual([3, 5]);
    expect(unknown[1]!.message).toBe("Unknown keyword 'master' in 'vrrp_instance': this line looks like the end of the comment on line 4, wrapped onto a line of its own; keepalived reads it as a keyword. Join it to line 4 or start it with '#'");
    let fixed = text;
    for (const d of [...unknown].reverse()) fixed = applyFix(fixed, d.fix!);
    expect(fixed).toContain('\n# rp 实例使用唯一标示\n');
    expect(analyze(fixed).diagnostics.filter((d) => d.code === 'KA201')).toEqual([]);
    // An indented line, or one after a line without a comment, keeps the ordinary guess.
    expect(analyze('vrrp_instance VI_1 {\n    priority 50 # note\n    mastr\n}\n').diagnostics.find((d) => d.code === 'KA201')!.message).not.toContain('wrapped');
    expect(analyze('vrrp_instance VI_1 {\n    priority 50\nmaster\n}\n').diagnostics.find((d) => d.code === 'KA201')!.message).not.toContain('wrapped');
    expect(analyze('vrrp_instance VI_1 {\n    notify_master "/bin/echo #x"\nmaster\n}\n').diagnostics.find((d) => d.code === 'KA201')!.message).not.toContain('wrapped');
  });

  it('says where a misplaced keyword belongs', () => {
    const a = analyze('vrrp_instance VI_1 {\n  auth_pass secret\n}\n');
    expect(a.diagnostics[0]!.code).toBe('KA202');
    expect(a.diagnostics[0]!.message).toContain('vrrp_instance > authentication');
  });

  // Session 60's missed-mistakes audit: `router_id = lb1` made router_id '=' with only "keepalived ignores 'lb1'".
  it("says an '=' between a keyword and its value is read as the value, with a fix", () => {
    const d = analyze('global_defs {\n  router_id = lb1\n}\n').diagnostics.find((x) => x.code === 'KA204')!;
    expect(d.message).toBe("keepalived takes no '=' between a keyword and its value: it reads '=' as the value of 'router_id' and ignores 'lb1'. Write 'router_id lb1'");
    expect(applyFix('global_defs {\n  router_id = lb1\n}\n', d.fix!)).toBe('global_defs {\n  router_id lb1\n}\n');
  });

  // Session 60's missed-mistakes audit: `interfaces eth0` in an instance is a misspelt interface, not a garp_group
  // line, and a checker's `timeout` its connect_timeout.
  it("puts this block's near keyword, or the one meant here, before where the word belongs", () => {
    const said = (text: string) => analyze(text).diagnostics.find((d) => d.code === 'KA202')!;
    const near = said('vrrp_instance VI_1 {\n  interfaces eth0\n}\n');
    expect(near.message).toBe("'interfaces' is not valid in 'vrrp_instance'; did you mean 'interface'? ('interfaces' belongs in garp_group) (keepalived: Unknown keyword 'interfaces')");
    expect(near.fix?.edits[0]?.newText).toBe('interface');
    expect(said('vrrp_instance VI_1 {\n  router_id 51\n}\n').message).toContain("did you mean 'virtual_router_id'?");
    // Not beside a virtual_router_id the block already has: a global_defs line out of place (the recheck).
    expect(said('vrrp_instance VI_1 {\n  virtual_router_id 5\n  router_id LVS_DEVEL\n}\n').message).not.toContain('did you mean');
    expect(said('virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 80 {\n    TCP_CHECK {\n      timeout 3\n    }\n  }\n}\n').message).toContain("did you mean 'connect_timeout'?");
  });

  // An issue thread's config (session 36): the '}' meant for the instance closed its virtual_ipaddress,
  // so the next vrrp_instance is read inside the first. The finding names the block still open.
  it('a top-level keyword inside a block names the top-level block still open', () => {
    const text = 'vrrp_instance vip1 {\n    state MASTER\n    virtual_ipaddress {\n        1.1.1.1\n}\n\nvrrp_instance vip2 {\n    state BACKUP\n}\n';
    const d = analyze(text).diagnostics.find((x) => x.code === 'KA202')!;
    expect(d.range.start.line + 1).toBe(7);
    expect(d.message).toBe("'vrrp_instance' is not valid in 'vrrp_instance'; it belongs in the top level; the 'vrrp_instance vip1' block opened on line 1 is still open here: is a '}' missing before this line? (keepalived: Unknown keyword 'vrrp_instance')");
    const vs = 'virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 80 {\n    TCP_CHECK {\n    }\n\nvirtual_server 10.0.0.1 81 {\n}\n}\n';
    expect(analyze(vs).diagnostics.find((x) => x.code === 'KA202')!.message).toContain("in 'real_server'; it belongs in the top level; the 'virtual_server 10.0.0.1 80' block opened on line 1 is still open here");
    // A keyword of another block gets no such hint, nor a plain top-level line, which is more likely just
    // misplaced (`net_namespace` inside an instance, from an issue thread's config).
    expect(analyze('vrrp_instance VI_1 {\n  auth_pass secret\n}\n').diagnostics[0]!.message).not.toContain('still open');
    const ns = analyze('vrrp_instance VI_1 {\n  net_namespace ns1\n}\n').diagnostics.find((x) => x.code === 'KA202')!;
    expect(ns.message).toBe("'net_namespace' is not valid in 'vrrp_instance'; it belongs in the top level (keepalived: Unknown keyword 'net_namespace')");
  });

  it('checks enums, ranges and addresses', () => {
    expect(codes('vrrp_instance A {\n state SLAVE\n priority 300\n virtual_router_id 51\n virtual_ipaddress {\n  192.168.1.300/24\n }\n}\n')).toEqual(['2:KA205', '3:KA205', '6:KA205']);
    expect(codes('virtual_server 10.0.0.1 80 {\n lb_kind DRR\n lb_algo rr\n protocol TCP\n}\n')).toContain('2:KA205');
    const caseHint = analyze('vrrp_instance A {\n state master\n}\n').diagnostics[0]!;
    expect(caseHint.message).toContain("write 'MASTER'");
  });

  it("says that a trailing '//' note is no comment when KA204 reports it", () => {
    // keepalived 2.2.7 reads 'nopreempt // no preemption' silently: the words after it are ignored.
    const d = analyze('vrrp_instance A {\n  nopreempt // no preemption\n}\n').diagnostics.find((x) => x.code === 'KA204');
    expect(d?.message).toBe("'nopreempt' takes no arguments; keepalived ignores '// no preemption'; '//' does not start a comment in keepalived.conf, use '#' or '!'");
    expect(analyze('vrrp_instance A {\n  nopreempt yes\n}\n').diagnostics.find((x) => x.code === 'KA204')?.message).toBe("'nopreempt' takes no arguments; keepalived ignores 'yes'");
  });

  it('gives a deprecation with a note in one pair of parentheses', () => {
    // keepalived 2.2.7: "nb_get_retry is deprecated - please use 'retry'"
    const d = analyze('virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 80 {\n    HTTP_GET {\n      nb_get_retry 3\n    }\n  }\n}\n').diagnostics.find((x) => x.code === 'KA206');
    expect(d?.message).toBe("'nb_get_retry' is deprecated (since 2.0.15; retry accepted in HTTP_GET/SSL_GET since 1.3.7); use retry — keepalived reports it as a configuration error");
  });

  it('says where the members of a sync group go when they are written straight in its block', () => {
    // keepalived 2.2.7: "Unknown keyword 'VI_1'" (and the group, without a group block, is removed).
    const d = analyze('vrrp_sync_group G {\n  VI_1\n}\n').diagnostics.find((x) => x.code === 'KA201');
    expect(d?.message).toBe("Unknown keyword 'VI_1' in 'vrrp_sync_group'; the instances of a sync group are listed inside its 'group { }' block");
  });

  it('says what keepalived does with a state, auth_type or lb_algo it does not know', () => {
    const message = (text: string) => analyze(text).diagnostics.find((d) => d.code === 'KA205')?.message;
    // keepalived 2.2.7: "(A) unknown state 'SLAVE', defaulting to BACKUP"
    expect(message('vrrp_instance A {\n state SLAVE\n}\n')).toBe("'state' must be one of MASTER, BACKUP; got 'SLAVE' (keepalived calls this role BACKUP: write 'BACKUP'); keepalived reports it and starts the instance as BACKUP");
    // "(A) unknown authentication type 'no_auth'": the type stays unset, so no authentication.
    expect(message('vrrp_instance A {\n authentication {\n  auth_type no_auth\n }\n}\n')).toMatch(/got 'no_auth'; keepalived reports it and sets no authentication$/);
    // "Invalid lvs_scheduler 'loadbalance' - ignoring"
    expect(message('virtual_server 10.0.0.1 80 {\n lb_algo loadbalance\n}\n')).toMatch(/^'lb_algo' scheduler must be one of .*got 'loadbalance'; keepalived reports it and ignores the line/);
  });

  it('reports deprecated and renamed keywords with their replacement', () => {
    const a = analyze('virtual_server 10.0.0.1 80 {\n real_server 10.0.0.2 80 {\n  HTTP_GET {\n   nb_get_retry 3\n  }\n  TCP_CHECK {\n   nb_get_retry 3\n  }\n }\n}\nvrrp_instance X {\n lvs_sync_daemon_interface eth1\n}\nglobal_defs {\n lvs_id LVS1\n}\n');
    const byLine = Object.fromEntries(a.diagnostics.map((d) => [d.range.start.line + 1, d]));
    expect(byLine[4]!.code).toBe('KA206');
    expect(byLine[4]!.fix!.edits[0]!.newText).toBe('retry');
    expect(byLine[7]!.code).toBe('KA202');
    expect(byLine[7]!.message).toContain("use 'retry'");
    expect(byLine[12]!.code).toBe('KA206');
    expect(byLine[12]!.message).toContain('lvs_sync_daemon');
    expect(byLine[15]!.message).toContain("write 'router_id'");
  });

  // Found by fix-sweep on a mutant (session 52): `nb_get_retry # 3` in TCP_CHECK became `retry # 3` under --fix, and
  // keepalived 2.2.7, which had skipped the unknown line, then stopped reading at it ("missing a parameter").
  it('makes a rename that leaves the new keyword without its argument a suggestion, not a safe fix', () => {
    const tcp = (line: string) => analyze(`virtual_server 10.0.0.1 80 {\n real_server 10.0.0.2 80 {\n  TCP_CHECK {\n   ${line}\n  }\n }\n}\n`).diagnostics.find((d) => d.code === 'KA202')!.fix!;
    expect(tcp('nb_get_retry 3')).toMatchObject({ safe: true, description: "Replace with 'retry'" });
    expect(tcp('nb_get_retry # 3')).toMatchObject({ safe: false, description: "Replace with 'retry' (and give it its value)" });
  });

  // Found on a pasted config (acassen/keepalived#972): `> global_defs {`, a Markdown quote marker kept from the
  // issue text. keepalived 2.2.7: "Unknown keyword '>'", "Unexpected '{' - ignoring", then router_id at the top
  // level; a bullet or a number before a keyword (`- state MASTER`, `1. priority 100`) loses the line the same way.
  it('says a marker left from copied text hides the keyword after it', () => {
    const a = analyze('> global_defs {\n router_id a\n}\nvrrp_instance VI_1 {\n - state MASTER\n 1. priority 100\n interface eth0\n}\n');
    const markers = a.diagnostics.filter((d) => d.code === 'KA201');
    expect(markers.map((d) => [d.range.start.line + 1, d.message])).toEqual([
      [1, "Unknown keyword '>' in the top level: it looks like a list, quote or numbering marker left from copied text before 'global_defs'; keepalived reads '>' as the keyword, so the 'global_defs' line is lost. Delete '>'"],
      [5, "Unknown keyword '-' in 'vrrp_instance': it looks like a list, quote or numbering marker left from copied text before 'state'; keepalived reads '-' as the keyword, so the 'state' line is lost. Delete '-'"],
      [6, "Unknown keyword '1.' in 'vrrp_instance': it looks like a list, quote or numbering marker left from copied text before 'priority'; keepalived reads '1.' as the keyword, so the 'priority' line is lost. Delete '1.'"],
    ]);
    expect(markers[1]!.fix!.edits[0]!).toMatchObject({ newText: '', range: { start: { line: 4, column: 1 }, end: { line: 4, column: 3 } } });
    // Found on pasted configs (keepalived#2684, #1707, #545): a '`' or '_' left after the last '}', a '```' fence line.
    const md = analyze('```conf\nvrrp_instance VI_1 {\n interface eth0\n}`\n```\n').diagnostics.filter((d) => d.code === 'KA201');
    expect(md.map((d) => [d.range.start.line + 1, d.message])).toEqual([
      [1, "Unknown keyword '```conf' in the top level: it looks like Markdown formatting copied with the config; keepalived reads it as a keyword. Delete it"],
      [4, "Unknown keyword '`' in the top level: it looks like Markdown formatting copied with the config; keepalived reads it as a keyword. Delete it"],
      [5, "Unknown keyword '```' in the top level: it looks like Markdown formatting copied with the config; keepalived reads it as a keyword. Delete it"],
    ]);
    // A marker before a word that is not a keyword here stays a plain unknown keyword.
    expect(analyze('vrrp_instance VI_1 {\n - note\n}\n').diagnostics.find((d) => d.code === 'KA201')!.message).toBe("Unknown keyword '-' in 'vrrp_instance'");
  });

  // Found on a pasted config (acassen/keepalived#850): `lvs_sync_daemon_interface enp0s8 RH_1` in global_defs.
  // kalint said it belongs in vrrp_instance, where keepalived 2.2.7 calls it deprecated; global_defs' own
  // keyword is lvs_sync_daemon, which reads the same interface and instance (2.2.7 accepts both forms, exit 0).
  it('points lvs_sync_daemon_interface in global_defs at lvs_sync_daemon', () => {
    const d = analyze('global_defs {\n lvs_sync_daemon_interface enp0s8 RH_1\n}\n').diagnostics.filter((x) => x.code === 'KA202');
    expect(d.map((x) => x.message)).toEqual([
      "'lvs_sync_daemon_interface' is not valid in 'global_defs'; it belongs in vrrp_instance; here, use 'lvs_sync_daemon' (keepalived: Unknown keyword 'lvs_sync_daemon_interface')",
    ]);
    expect(d[0]!.fix!.edits[0]!.newText).toBe('lvs_sync_daemon');
  });

  // Found on 1.x-era LVS configs linted for CentOS 7 (--target-version 1.3.5): kalint called
  // nb_get_retry deprecated and its safe fix wrote 'retry', which HTTP_GET learnt only in 1.3.7
  // (keepalived v1.3.5 check_http.c installs nb_get_retry alone), so --fix broke a working config.
  it('reports a deprecation only from the release that deprecated it', () => {
    const text = 'virtual_server 10.0.0.1 80 {\n real_server 10.0.0.2 80 {\n  HTTP_GET {\n   nb_get_retry 3\n  }\n }\n}\nvrrp_instance X {\n lvs_sync_daemon_interface eth1\n}\n';
    expect(codes(text, { targetVersion: '1.3.5' }).filter((c) => c.endsWith('KA206'))).toEqual(['9:KA206']);
    expect(codes(text, { targetVersion: '2.0.14' }).filter((c) => c.endsWith('KA206'))).toEqual(['9:KA206']);
    expect(codes(text, { targetVersion: '2.0.15' }).filter((c) => c.endsWith('KA206'))).toEqual(['4:KA206', '9:KA206']);
    expect(codes(text).filter((c) => c.endsWith('KA206'))).toEqual(['4:KA206', '9:KA206']);
  });

  // A real LVS pair written for CentOS 7 (keepalived 1.3.5) had lvs_sync_daemon_interface in each instance: the
  // 1.3.5 build only logs "(VI_1): Specifying lvs_sync_daemon_interface against a vrrp is deprecated." and uses the
  // line; configuration errors are counted from 2.0.7 (report_config_error).
  it('calls a deprecation a configuration error only for targets that count them (2.0.7 on)', () => {
    const text = 'vrrp_instance X {\n lvs_sync_daemon_interface eth1\n}\n';
    const ka206 = (targetVersion?: string) => analyze(text, { targetVersion }).diagnostics.find((d) => d.code === 'KA206')!;
    expect(ka206('1.3.5')).toMatchObject({ severity: 'warning' });
    expect(ka206('1.3.5').message).not.toContain('configuration error');
    expect(ka206('2.0.6')).toMatchObject({ severity: 'warning' });
    expect(ka206('2.0.7')).toMatchObject({ severity: 'error' });
    expect(ka206().message).toContain('keepalived reports it as a configuration error');
  });

  it("flags '//' used as a comment", () => {
    const a = analyze('global_defs {\n  // the id\n  router_id a\n}\n');
    expect(a.diagnostics.map((d) => d.code)).toEqual(['KA107']);
  });

  it("flags the comment markers of INI files, SQL and CJK input methods the same way: ';', '--', dashes, '＃'", () => {
    // Real configs from blog posts: '; 节点名' in global_defs, '-- master', a line of dashes between two
    // files' contents, '＃ 备注'. keepalived 2.2.7 -t: "Unknown keyword ';'" (and '--', '------', '＃').
    const text = 'global_defs {\n  ; the id\n  ;;note\n  -- master\n  ------------\n  ＃ 备注\n  router_id a\n}\n';
    const found = analyze(text).diagnostics;
    expect(found.map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(['2:KA107', '3:KA107', '4:KA107', '5:KA107', '6:KA107']);
    expect(found[0]!.message).toBe("';' does not start a comment in keepalived.conf; keepalived reads ';' as a keyword. Use '#' or '!'");
    expect(found[4]!.message).toContain("'＃' (a full-width number sign, U+FF03) does not start a comment");
    expect(applyFix(text, found[1]!.fix!).split('\n')[2]).toBe('  #note');
    expect(applyFix(text, found[3]!.fix!).split('\n')[4]).toBe('  #----------');
    expect(applyFix(text, found[4]!.fix!).split('\n')[5]).toBe('  # 备注');
    // A quoted word, one with the marker inside (`-1`, `a;b`), or a placeholder between dashes (`--OTHER_IPS--`, a
    // real template's) is an unknown keyword like any other.
    expect(analyze('global_defs {\n  "; x"\n  -1\n  --OTHER_IPS--\n}\n').diagnostics.map((d) => d.code)).toEqual(['KA201', 'KA201', 'KA201']);
  });

  it("offers no fix for a '//' a $NAME wrote (the fix would rewrite the reference)", () => {
    const a = analyze('$NOTE=// the id\nglobal_defs {\n  $NOTE\n  router_id a\n}\n');
    const d = a.diagnostics.find((x) => x.code === 'KA107')!;
    expect(d.range.start.line + 1).toBe(3);
    expect(d.fix).toBeUndefined();
    expect(analyze('global_defs {\n  // the id\n}\n').diagnostics[0]!.fix).toBeDefined();
  });

  it("flags a C comment '/* ... */' the same way, on its own line and after a value", () => {
    // keepalived 2.2.7: "Unknown keyword '/*'" (a Taobao LVS document converted from Word writes them)
    const a = analyze('/* healthcheck for L4 */\nglobal_defs {\n  router_id a /* the id */\n}\n');
    expect(a.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(['1:KA107', '3:KA204']);
    expect(a.diagnostics[0]!.message).toBe("'/*' does not start a comment in keepalived.conf; keepalived reads '/*' as a keyword. Use '#' or '!'");
    expect(applyFix('/* healthcheck for L4 */\n', a.diagnostics[0]!.fix!)).toBe('# healthcheck for L4 */\n');
    expect(a.diagnostics[1]!.message).toContain("'/*' does not start a comment in keepalived.conf");
  });

  it('names the keyword glued to its first argument', () => {
    // keepalived 2.2.7: "Unknown keyword 'vrrp_instanceVI_1'", then every line of the block at the top level
    const text = 'vrrp_instanceVI_1 {\n  state MASTER\n  interface eth0\n  priority100\n}\n';
    const unknown = analyze(text).diagnostics.filter((d) => d.code === 'KA201');
    expect(unknown[0]!.message).toBe("Unknown keyword 'vrrp_instanceVI_1' in the top level: it is 'vrrp_instance' glued to 'VI_1'; keepalived splits words only at blanks. Write 'vrrp_instance VI_1'");
    const fixed = applyFix(text, unknown[0]!.fix!);
    expect(fixed.startsWith('vrrp_instance VI_1 {\n')).toBe(true);
    const inside = analyze(fixed).diagnostics.filter((d) => d.code === 'KA201');
    expect(inside.map((d) => d.message)).toEqual(["Unknown keyword 'priority100' in 'vrrp_instance': it is 'priority' glued to '100'; keepalived splits words only at blanks. Write 'priority 100'"]);
    // Found on a pasted config (acassen/keepalived#1148): `connect_timeout=10` in TCP_CHECK. keepalived 2.2.7:
    // "Unknown keyword 'connect_timeout=10'"; the '=' belongs to neither, so the fix must not keep it ('connect_timeout =10'
    // would be an invalid number).
    const eq = analyze('virtual_server 10.0.0.1 80 {\n real_server 10.0.0.2 80 {\n  TCP_CHECK {\n   connect_timeout=10\n  }\n }\n}\n').diagnostics.filter((d) => d.code === 'KA201');
    expect(eq.map((d) => d.message)).toEqual(["Unknown keyword 'connect_timeout=10' in 'TCP_CHECK': it is 'connect_timeout' with its value written after '='; keepalived takes no '=' between a keyword and its value and splits words only at blanks. Write 'connect_timeout 10'"]);
    expect(eq[0]!.fix!.edits[0]!.newText).toBe('connect_timeout 10');
    // Found on a pasted config (gist diablowu/a29e3d2a): `notification_email_fromroot@localhost`. keepalived 2.2.7:
    // "Unknown keyword 'notification_email_fromroot@localhost'". The guess was 'notification_email', the keyword the
    // glued one extends, whose fix would have opened a list block's keyword with a word after it.
    const from = analyze('global_defs {\n  notification_email_fromroot@localhost\n}\n').diagnostics.filter((d) => d.code === 'KA201');
    expect(from.map((d) => d.message)).toEqual(["Unknown keyword 'notification_email_fromroot@localhost' in 'global_defs': it is 'notification_email_from' glued to 'root@localhost'; keepalived splits words only at blanks. Write 'notification_email_from root@localhost'"]);
    expect(from[0]!.fix!.edits[0]!.newText).toBe('notification_email_from root@localhost');
    // A misspelling keeps the ordinary guess: one close to a longer keyword, or one whose line already has the value.
    expect(analyze('global_defs {\n    router_idd lb1\n}\n').diagnostics[0]!.message).toBe("Unknown keyword 'router_idd' in 'global_defs'; did you mean 'router_id'?");
    expect(analyze('vrrp_instance A {\n  notify_mastr /bin/true\n}\n').diagnostics.find((d) => d.code === 'KA201')!.message).toContain("did you mean 'notify_master'");
    // Found in a harvested config (LeroyK111/nginx_learning): `vrrp_script_chk_nginx {`. keepalived 2.2.7: "Unknown keyword
    // 'vrrp_script_chk_nginx'". The guess 'vrrp_script' alone dropped the name, and 'vrrp_script {' stops keepalived ("missing a parameter").
    const named = analyze('vrrp_script_chk_nginx {\n  script "/bin/true"\n}\n').diagnostics.filter((d) => d.code === 'KA201');
    expect(named[0]!.message).toBe("Unknown keyword 'vrrp_script_chk_nginx' in the top level: it is 'vrrp_script' with its name joined to it by '_'; keepalived splits words only at blanks. Write 'vrrp_script chk_nginx'");
    expect(named[0]!.fix!.edits[0]!.newText).toBe('vrrp_script chk_nginx');
    // Only a block's name: a value keyword keeps the ordinary guess, and a name already on the line is a misspelling.
    expect(analyze('vrrp_instance A {\n  priority_100\n}\n').diagnostics.find((d) => d.code === 'KA201')!.message).toContain("did you mean 'priority'");
    expect(analyze('vrrp_script_chk chk {\n  script "/bin/true"\n}\n').diagnostics.find((d) => d.code === 'KA201')!.message).not.toContain("joined to it by '_'");
  });

  // s58 daemon audit (2.2.7, A-0061's `checker_rt_priority -3.5`): -t refuses the word, the daemon reads the leading
  // number and raises or lowers it into 1..99 ("less than minimum 1 - setting to minimum"; the dump: priority 1, 99).
  it('a real-time priority the daemon reads out of range is raised or lowered into 1..99', () => {
    const said = (line: string) => analyze(`global_defs {\n    ${line}\n}\n`).diagnostics.find((d) => d.code === 'KA205')!;
    expect(said('checker_rt_priority -3.5').message).toMatch(/the running daemon only logs a warning, reads -3 and raises it to 1; write 1$/);
    expect(said('bfd_rt_priority 150x').message).toMatch(/reads 150 and lowers it to 99; write 99$/);
    expect(said('bfd_rt_priority 150x').fix?.edits[0]?.newText).toBe('99');
    expect(said('vrrp_rt_priority 27asdf').message).toMatch(/uses 27 \(the number before 'asdf'\); write 27$/);
  });

  // s58 daemon audit (2.2.7 checker dump, daemon mode): a regex_max_offset line keepalived cannot read ('50x', two values,
  // none) logs "Invalid regex_max_offset …" or "Missing or too may options …" and leaves max_offset = 0, so only a match
  // at the start of the page counts. -t says nothing. kalint had said the line or word was ignored.
  it('a regex_max_offset keepalived cannot read sets the maximum offset to 0', () => {
    const url = (line: string) => `virtual_server 10.0.0.1 80 {\n  protocol TCP\n  real_server 10.0.0.2 80 {\n    HTTP_GET {\n      url {\n        path /\n        regex ok\n        ${line}\n      }\n    }\n  }\n}\n`;
    const said = (line: string) => analyze(url(line)).diagnostics.filter((d) => /^KA20[345]$/.test(d.code)).map((d) => [d.code, d.severity, d.message.replace(/^.*?; /, '')]);
    const zero = 'keepalived -t says nothing, and the running daemon only logs it and sets the maximum offset to 0: the regex then matches only at the very start of the page, so the check fails on most pages';
    expect(said('regex_max_offset 50x')).toEqual([['KA205', 'error', zero]]);
    expect(said('regex_max_offset 10 20')).toEqual([['KA204', 'error', `with '20' after it, ${zero}`]]);
    expect(said('regex_max_offset')).toEqual([['KA203', 'error', zero]]);
    expect(said('regex_min_offset 5x')).toEqual([['KA205', 'warning', 'keepalived -t says nothing, and the running daemon only logs it and ignores it']]);
  });

  // s58 suggestions audit: a stray bare `fail` in a vrrp_script with `fall 2` was offered 'fall', which keepalived, reading
  // a second fall without its value, stops the configuration at.
  it('offers no did-you-mean fix for a keyword the block already set', () => {
    const ka201 = (body: string) => analyze(`vrrp_script chk {\n    script "/bin/true"\n${body}}\n`).diagnostics.filter((d) => d.code === 'KA201');
    const [fail] = ka201('    fall 2\n    fail\n');
    expect(fail!.message).toContain("did you mean 'fall'?");
    expect(fail!.fix).toBeUndefined();
    expect(ka201('    fail 2\n')[0]!.fix?.description).toBe("Replace with 'fall'");
  });

  // s58 template audit (H-0079: connect_timeout inside a url): the list was cut to 4 places without a word, leaving out
  // HTTP_GET, the block one level up.
  it('KA202 names the enclosing blocks first and says when its list of places is cut', () => {
    const text = 'virtual_server 10.0.0.1 80 {\n  protocol TCP\n  real_server 10.0.0.2 80 {\n    HTTP_GET {\n      url {\n        path /\n        connect_timeout 3\n      }\n    }\n  }\n}\n';
    const msg = analyze(text).diagnostics.find((d) => d.code === 'KA202')!.message;
    expect(msg).toMatch(/belongs in virtual_server, virtual_server > real_server, virtual_server > real_server > HTTP_GET, .* and \d+ other blocks \(keepalived/);
  });

  // s58 template audit (41-mirrors-t0272): `max_auto_priority=[-1]`, the man page's notation; keepalived refuses '[-1]'.
  it('writes a keyword=value without the brackets a man page puts round the value', () => {
    const ka201 = (line: string) => analyze(`global_defs {\n    ${line}\n}\n`).diagnostics.find((d) => d.code === 'KA201')!;
    expect(ka201('max_auto_priority=[-1]').fix!.edits[0]!.newText).toBe('max_auto_priority -1');
    expect(ka201('router_id=<lb1>').fix!.edits[0]!.newText).toBe('router_id <lb1>');
    const still = ka201('vrrp_garp_interval=[x]');
    expect(still.message).toMatch(/Write 'vrrp_garp_interval \[x\]', with a value keepalived takes$/);
    expect(still.fix!.description).toBe("Replace with 'vrrp_garp_interval [x]' (and give it a valid value)");
  });

  // s58 template audit (harvest55 K-0007): `script "/bin/true -p x` loses its quoted fragment, and KA203 said keepalived
  // does not report the line; 2.2.7 -t reports the quote three times, then crashes (KA609 says so).
  it('no KA203 "does not report this line" for an argument lost to a quote left open', () => {
    const ka203 = (line: string) => analyze(`vrrp_script chk {\n  ${line}\n}\n`).diagnostics.filter((d) => d.code === 'KA203').map((d) => d.message);
    expect(ka203('script "/bin/true -p x')).toEqual([]);
    expect(ka203('script')).toEqual(["'script' is missing its command; keepalived 2.2.7 does not report this line"]);
    expect(ka203('script # "x')).toHaveLength(1);
  });

  // Found by the substitution audit (session 59): a notify script's handler reads the line again for its quotes (from
  // 2.0.6). With a quote left open that fails and keepalived 2.2.7 goes on (rc 5, 'priority 300' on the next line still
  // reported); a bare keyword stops it (rc 2). KA203 had said it stops for both.
  it('KA203: a notify script lost to a quote left open does not stop keepalived', () => {
    const ka203 = (line: string, target?: string) => analyze(`vrrp_instance A {\n  ${line}\n  priority 300\n}\n`, { targetVersion: target }).diagnostics.filter((d) => d.code === 'KA203' || d.code === 'KA205').map((d) => `${d.code} ${d.message}`);
    expect(ka203('notify_master "/usr/bin/logger a')).toEqual([
      "KA203 'notify_master' is missing its command; keepalived reads the line again for its quotes, reports that the quote is never closed and goes on without this script",
      "KA205 'priority' 300 is outside [1, 255]; keepalived reports it and uses 100 instead",
    ]);
    expect(ka203('notify_master')[0]).toContain('keepalived exits here with a configuration error');
    expect(ka203('notify_master "/usr/bin/logger a', '2.0.5')[0]).toContain('keepalived exits here with a configuration error');
    const rs = analyze('virtual_server 10.0.0.1 80 {\n  real_server 10.0.1.1 80 {\n    notify_up "/bin/x\n  }\n}\n').diagnostics.find((d) => d.code === 'KA203');
    expect(rs?.message).toContain('goes on without this script');
  });

  // Found by the fuzz audit (session 59): keepalived 2.2.7 does not ignore a tracked interface's long name, it looks it up
  // ("tracked interface garp_master_refresh doesn't exist", "Non-existent interface specified in configuration", rc 5).
  it('KA205: a track_interface name over 15 bytes refuses the configuration; an instance interface is ignored', () => {
    const text = 'vrrp_instance VI_1 {\n  interface garp_master_refresh\n  virtual_router_id 1\n  track_interface {\n    garp_master_refresh\n  }\n}\n';
    const said = analyze(text).diagnostics.filter((d) => d.code === 'KA205').map((d) => [d.range.start.line + 1, d.message]);
    expect(said).toEqual([
      [2, "interface name 'garp_master_refresh' is 19 bytes; Linux allows at most 15, keepalived ignores it"],
      [5, "interface name 'garp_master_refresh' is 19 bytes; Linux allows at most 15, so no host has it: keepalived reports the tracked interface missing and refuses the configuration (with dynamic_interfaces it waits for an interface named 'garp_master_ref', in FAULT); 'garp_master_refresh' is a vrrp_instance keyword: move it out of the 'track_interface' block (or is that block's '}' missing above this line?)"],
    ]);
    // 1.3.5 logs "no match, ignoring..." and runs.
    expect(analyze(text, { targetVersion: '1.3.5' }).diagnostics.find((d) => d.code === 'KA205' && d.range.start.line === 4)?.message).toMatch(/^interface name 'garp_master_refresh' is 19 bytes; Linux allows at most 15, keepalived ignores it;/);
  });

  // Found by the s58 precision audit on harvested configs: guesses that keepalived reads, but not as meant.
  it("does not offer a guess that means the opposite, another checker, or a keyword without its value", () => {
    const ka201 = (text: string) => analyze(text).diagnostics.find((d) => d.code === 'KA201')!;
    // `no_email_faults` turns fault mails off; they are on without it.
    const faults = ka201('global_defs {\n    email_faults\n}\n');
    expect(faults.message).toBe("Unknown keyword 'email_faults' in 'global_defs': keepalived has 'no_email_faults', which does the opposite; without it keepalived already does what this line says, so the line can go");
    expect(faults.fix).toBeUndefined();
    // keepalived 2.2.7 on the guess as written: "(Line 1) net_namespace name missing - ignoring".
    expect(ka201('net_namespace_blue\n').fix?.description).toBe("Replace with 'net_namespace' (and give it its value)");
    expect(ka201('global_defs {\n    routr_id lb1\n}\n').fix?.description).toBe("Replace with 'router_id'");
    // An SMTP check against an FTP server marks it down: keepalived has no FTP checker, so list the ones it has.
    const rs = (checker: string) => `virtual_server 10.0.0.1 21 {\n  real_server 10.0.0.2 21 {\n    ${checker} {\n      connect_timeout 3\n    }\n  }\n}\n`;
    const ftp = ka201(rs('FTP_CHECK'));
    expect(ftp.message).toMatch(/^Unknown keyword 'FTP_CHECK' in 'real_server': keepalived has no such checker; its checkers here are .*TCP_CHECK.*HTTP_GET/);
    expect(ftp.fix).toBeUndefined();
    // A protocol keepalived has a checker for names that checker, not the nearest spelling (TCP_CHECK, HTTP_GET).
    const meant = (checker: string) => /did you mean '([A-Z_]+)'/.exec(ka201(rs(checker)).message)?.[1];
    expect(['HTTP_CHECK', 'HTTPS_GET', 'SSL_CHECK', 'ICMP_CHECK', 'TCP_CHEK', 'UPD_CHECK'].map(meant)).toEqual(['HTTP_GET', 'SSL_GET', 'SSL_GET', 'PING_CHECK', 'TCP_CHECK', 'UDP_CHECK']);
    expect(ka201(rs('constructor_CHECK')).message).not.toMatch(/function/);
  });

  it('reports missing arguments, extra arguments and values put on a block line', () => {
    expect(codes('vrrp_instance A {\n virtual_router_id\n priority 100 200\n virtual_ipaddress 10.0.0.1\n}\n')).toEqual(expect.arrayContaining(['2:KA203', '3:KA204', '4:KA208']));
  });

  it("says what keepalived does with a keyword line that has no argument (keywords.json without_args)", () => {
    const missing = (text: string) => analyze(text).diagnostics.filter((d) => d.code === 'KA203').map((d) => `${d.severity}: ${d.message}`);
    // keepalived 2.2.7: "missing a parameter", then reads no further.
    expect(missing('global_defs {\n smtp_connect_timeout\n}\n')).toEqual([expect.stringMatching(/^error: .*exits here with a configuration error/)]);
    // "routerid name missing - ignoring", and it goes on.
    expect(missing('global_defs {\n router_id\n}\n')).toEqual([expect.stringMatching(/^error: .*reports the line and goes on without it/)]);
    // Not a word about the line.
    expect(missing('virtual_server 10.0.0.1 80 {\n real_server 10.0.0.2 80 {\n  MISC_CHECK {\n   misc_path\n  }\n }\n}\n')).toEqual([expect.stringMatching(/^warning: .*does not report this line/)]);
    // A segmentation fault, in keepalived -t too.
    expect(missing('bfd_instance b {\n neighbor_ip\n}\n')).toEqual([expect.stringMatching(/^error: .*crashes on this line/)]);
  });

  it('knows which keywords a target version has', () => {
    expect(codes('vrrp_instance A {\n  auth_hmac {\n  }\n}\n')).toContain('2:KA207');
    const older = codes('global_defs {\n  vrrp_startup_delay 5\n}\n', { targetVersion: '1.3.5' });
    expect(older).toContain('2:KA207');
    // Users on a newer release learn how to say so; a keyword in no release yet gets no such hint.
    const message = (text: string) => analyze(text).diagnostics.find((d) => d.code === 'KA207')?.message;
    expect(message('global_defs {\n  use_symlink_paths\n}\n')).toBe(
      "'use_symlink_paths' is not available in keepalived 2.2.7 (added in 2.3.0); keepalived reports it as an unknown keyword. If your nodes run 2.3.0 or later, say so with --target-version (or targetVersion in .kalint.json)",
    );
    expect(message('global_defs {\n  set_supplementary_groups\n}\n')).toBe(
      "'set_supplementary_groups' is not available in keepalived 2.2.7 (added after 2.4.3, in no release yet); keepalived reports it as an unknown keyword",
    );
  });

  it('suggests a keyword the word is part of, and says what became of a misspelt old keyword', () => {
    // Seen in real configs: `script_security` for enable_script_security, `net_mask` for nat_mask.
    const messages = analyze('global_defs {\n  script_security\n}\nvirtual_server 10.0.0.1 80 {\n  net_mask 255.255.255.0\n}\n').diagnostics.filter((d) => d.code === 'KA201').map((d) => d.message);
    expect(messages[0]).toContain("did you mean 'enable_script_security'?");
    expect(messages[1]).toContain("did you mean 'nat_mask'? That keyword is gone too: removed before 1.2.20");
    // Two keywords end in `_timeout` in a virtual_server: no guess between them.
    const bare = analyze('virtual_server 10.0.0.1 80 {\n  xyz_timeout 3\n}\n').diagnostics.find((d) => d.code === 'KA201')!.message;
    expect(bare).not.toContain('did you mean');
  });

  it('finds keywords by every character, not by the buckets the lookup uses', () => {
    // The lookup buckets keywords by length and the low byte of their end characters: U+0173
    // shares its low byte with 's', and 'ųtate' is still not 'state'.
    const codes = analyze('vrrp_instance A {\n  \u0173tate MASTER\n  statE MASTER\n  state MASTER\n}\n').diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`);
    expect(codes).toEqual(expect.arrayContaining(['2:KA201', '3:KA201']));
    expect(codes).not.toContain('4:KA201');
  });

  it('predicts the crash of a checker keyword without its value before 1.4.3', () => {
    // The 1.3.5 build on a bare `connect_port` (acassen/keepalived#1707) or `connect_timeout` in a checker:
    // "Keepalived_healthcheckers exited due to segmentation fault (SIGSEGV)." Its handlers read word 2 through a
    // macro that 1.4.3 (aa644248) made check for it; `delay_loop` (a virtual_server's) says "missing a parameter".
    const conf = (line: string) => `virtual_server 10.0.0.1 80 {\n  delay_loop 6\n  real_server 10.0.0.2 80 {\n    weight 1\n    TCP_CHECK {\n      ${line}\n    }\n  }\n}\n`;
    const ka203 = (line: string, targetVersion: string) => analyze(conf(line), { targetVersion }).diagnostics.filter((d) => d.code === 'KA203').map((d) => d.message);
    expect(ka203('connect_port', '1.3.5')).toEqual([expect.stringMatching(/^'connect_port' is missing its port; keepalived 1\.3\.5 crashes on this line: .*fixed in 1\.4\.3/)]);
    expect(ka203('connect_timeout', '1.4.2')).toEqual([expect.stringMatching(/crashes on this line/)]);
    expect(ka203('connect_port', '1.4.3')).toEqual([expect.stringMatching(/keepalived exits here with a configuration error: it does not run at all$/)]);
  });

  it('predicts the crash after a nameless vrrp_instance block before 1.4.5', () => {
    // The 1.3.5 build: "vrrp_instance must have a name", then "Keepalived_vrrp exited due to segmentation fault
    // (SIGSEGV)." for the first config; it skips the block but reads the lines after its '}' as the instance's
    // keywords. With an instance read before (the second config) those lines change that instance: no crash.
    const first = 'vrrp_instance VI_1 x {\n    state MASTER\n}\ntrack_script {\n    chk\n}\n';
    const later = 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 5\n}\n' + first.replace('VI_1 x', 'VI_2 x');
    const crash = (text: string, targetVersion: string) => analyze(text, { targetVersion }).diagnostics.filter((d) => /crash/.test(d.message)).map((d) => `${d.range.start.line + 1}:${d.code}: ${d.message}`);
    expect(crash(first, '1.3.5')).toEqual([expect.stringMatching(/^4:KA208: keepalived 1\.3\.5 crashes here: it skipped the nameless vrrp_instance of line 1 .*'track_script' has none to set/)]);
    expect(crash(first, '1.4.5')).toEqual([]);
    expect(crash(later, '1.3.5')).toEqual([]);
    // A '}' ends that reading (here the virtual_server's): the instance after it is read as usual, no crash.
    expect(crash('vrrp_instance VI_1 x {\n}\nvirtual_server 10.0.0.1 80 {\n  delay_loop 6\n}\nvrrp_instance VI_2 {\n    state MASTER\n}\n', '1.3.5')).toEqual([]);
    // The same for a nameless vrrp_sync_group ("vrrp_sync_group must have a name - skipping", then SIGSEGV).
    const group = 'vrrp_sync_group {\n    group {\n        VI_1\n    }\n}\nvrrp_sync_group G2 {\n    group {\n        VI_1\n    }\n}\n';
    expect(crash(group, '1.3.5')).toEqual([expect.stringMatching(/^7:KA208: .*nameless vrrp_sync_group of line 1/)]);
  });

  it("before 1.4.2 skips a dropped block's lines whose '{' is not the last word, and reads the lines after it at its level", () => {
    // The 1.3.5 build (scripts/keepalived-1.3.5/run.sh, VRRP process) on the sync group config: "vrrp_sync_group must have a
    // name - skipping", "Missing '{' at beginning of configuration block", then "Unknown keyword" for 'vrrp_instance',
    // 'state', 'interface', 'virtual_router_id', 'priority', 'virtual_ipaddress', '192.168.1.151/24' and '}', and its dump
    // has no VI_1. On the instance config: "vrrp_instance must have a name", "Missing '{' at beginning of configuration
    // block", "Unknown keyword 'vrrp_instance'", then SIGSEGV. 1.3.5's process_stream takes a '{' for the block's only as
    // the last word, so the handler sees more than a name and calls skip_block(), and the skip counts braces from the
    // next line: it ends at the block's own '}', and the lines after it are read at the dropped block's level.
    const vi = (head: string, vrid: number) => `${head}\n    state BACKUP\n    interface eth0\n    virtual_router_id ${vrid}\n    priority 100\n    virtual_ipaddress {\n        192.168.1.${vrid}/24\n    }\n}\n`;
    const sg = 'vrrp_sync_group G1 { x\n    group {\n        VI_1\n    }\n}\n' + vi('vrrp_instance VI_1 {', 51);
    const inst = vi('vrrp_instance VI_1 { x', 51).replace('state BACKUP', 'state MASTER\n    authentication {\n        auth_type pass\n    }') + vi('vrrp_instance VI_2 {', 52);
    const found = (text: string, v = '1.3.5') => analyze(text, { configId: 'x', targetVersion: v }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}: ${d.message}`);
    const group = found(sg);
    const skipping = /^2:KA104: 'vrrp_sync_group' \(line 1\) is skipped, and keepalived 1\.3\.5 takes no '\{' but the last word of that line for its brace: the process that owns 'vrrp_sync_group' skips from this line on by counting braces, so it skips the block's lines up to its '\}' without a word, and then reads the lines after that '\}' as keywords of the dropped 'vrrp_sync_group'/;
    expect(group).toContainEqual(expect.stringMatching(skipping));
    expect(group.join('\n')).not.toContain("as keywords of a 'vrrp_sync_group' it never made");
    const unknown = group.filter((f) => /KA201: Unknown keyword '[^']*' for keepalived 1\.3\.5's VRRP process/.test(f)).map((f) => `${f.split(':')[0]}:${/Unknown keyword '([^']*)'/.exec(f)![1]}`);
    expect(unknown).toEqual(['6:vrrp_instance', '7:state', '8:interface', '9:virtual_router_id', '10:priority', '11:virtual_ipaddress', '12:192.168.1.51/24', '14:}']);
    expect(group.find((f) => f.startsWith('6:'))).toMatch(/the vrrp_instance this line begins is never created .*keepalived first logs "Missing '\{' at beginning of configuration block" for this line/);
    // The parent and checker read the block at the top level ('{' ending an unknown keyword's line is no "Unexpected '{'" there).
    expect(group.find((f) => f.startsWith('2:'))).toMatch(/read this line at the top level \(keepalived: "Unknown keyword 'group'"\)$/);
    const instance = found(inst);
    expect(instance.filter((f) => /^\d+:KA(201|208):/.test(f) && !f.startsWith('1:')).map((f) => f.split(': ')[0])).toEqual(['13:KA201', '14:KA208']);
    expect(instance.find((f) => f.startsWith('14:'))).toMatch(/keepalived 1\.3\.5 crashes here: .*'state' has none to set/);
    // Its 'auth_type pass' is read by no process as an auth_type (the parent and checker read it at the top level).
    expect(instance.filter((f) => f.includes('KA205'))).toEqual([]);
    // A line of the skipped block with a '{' before more words (harvest62 I46's 'authentication { 认证机制'): the parent
    // (the 1.3.5 build) says "Unknown keyword 'authentication'" for it, and nothing of the '{'.
    const noted = found(inst.replace('authentication {', 'authentication { note'));
    expect(noted.filter((f) => f.startsWith('3:KA104'))).toEqual([expect.stringMatching(/read this line at the top level \(keepalived: "Unknown keyword 'authentication'"\)$/)]);
    // 1.4.2 splits the line at the brace: the block is read.
    expect(found(sg, '1.4.2').join('\n')).not.toContain('is skipped');
    // The instance after the dropped block is never created (no VI_1 in the 1.3.5 dump): out of the model.
    const instances = (text: string, v: string) => analyze(text, { configId: 'x', targetVersion: v }).model.vrrpInstances.map((i) => i.name);
    expect(instances(sg, '1.3.5')).toEqual([]);
    expect(instances(inst, '1.3.5')).toEqual([]);
    expect(instances(sg, '1.4.2')).toEqual(['VI_1']);
  });

  it('1.3.7 to 1.4.4 read the lines after a virtual_server or real_server skipped for its address at its level', () => {
    // The 1.3.9 build (scripts/keepalived-1.3.5/run.sh, KA_RELEASE=1.3.9, checker process), first config: "Invalid virtual
    // server IP address A.B.C.166 - skipping", "Unknown keyword 'virtual_server'", then "Keepalived_healthcheckers exited due
    // to segmentation fault (SIGSEGV)." (a real config, ka2351); with a virtual_server before it, no crash. For a real_server:
    // "Invalid real server ip address $rs - skipping", "Unknown keyword 'real_server'", then SIGSEGV on the next block's
    // MISC_CHECK when no real_server came before (pqarmitage's params.conf), else "Unknown keyword 'zz_after'" only.
    const rs = '    real_server 10.0.0.2 80 {\n        weight 1\n    }\n';
    const bad = 'virtual_server A.B.C.166 80 {\n    protocol TCP\n' + rs + '}\n';
    const good = 'virtual_server 10.0.0.5 80 {\n    protocol TCP\n    delay_loop 5\n' + rs + '}\n';
    const found = (text: string, targetVersion: string) =>
      analyze(text, { targetVersion }).diagnostics.filter((d) => /KA20[189]/.test(d.code) && /skipped the/.test(d.message)).map((d) => `${d.range.start.line + 1}:${d.code}: ${d.message}`);
    expect(found(bad + good, '1.3.9')).toEqual([
      expect.stringMatching(/^7:KA201: Unknown keyword 'virtual_server' for keepalived 1\.3\.9's checker process: it skipped the virtual_server 'A\.B\.C\.166' of line 1/),
      expect.stringMatching(/^8:KA208: keepalived 1\.3\.9 crashes here: .*"Invalid virtual server IP address A\.B\.C\.166 - skipping".*'protocol' has none to set \(a segmentation fault of its checker process/),
    ]);
    expect(found(good + bad + good, '1.3.9').map((f) => f.slice(0, 8))).toEqual(['14:KA201', '15:KA209']);
    for (const v of ['1.3.5', '1.4.5', '2.2.7']) expect(found(bad + good, v), v).toEqual([]);
    // A second virtual_server skipped too (ka2351's other file): its header is the unknown keyword, its lines the crash.
    expect(found(bad + bad, '1.3.9').map((f) => f.split(': ')[0])).toEqual(['7:KA201', '8:KA208']);
    const servers = (...lines: string[]) => 'virtual_server 10.0.0.4 80 {\n    protocol TCP\n' + lines.join('') + '    zz_after\n}\n';
    const skippedRs = '    real_server $rs 80 {\n        weight 1\n    }\n';
    const misc = '    real_server 10.0.0.3 80 {\n        MISC_CHECK {\n            misc_path /bin/true\n        }\n    }\n';
    expect(found(servers(skippedRs, misc), '1.3.9')).toEqual([
      expect.stringMatching(/^6:KA201: Unknown keyword 'real_server' for keepalived 1\.3\.9's checker process: .*\(1\.4\.5 returns to its virtual_server after a skipped block\)/),
      expect.stringMatching(/^7:KA208: keepalived 1\.3\.9 crashes here: .*"Invalid real server ip address \$rs - skipping".*no real_server before it, so 'MISC_CHECK' has none to set/),
    ]);
    expect(found(servers(rs, skippedRs, rs), '1.3.9').map((f) => f.split(': ')[0])).toEqual(['9:KA201', '10:KA209']);
    expect(found(servers(skippedRs, misc), '1.4.5')).toEqual([]);
  });

  it('before 1.4.5 the VRRP process reads the lines after a repeated vrrp_instance at its level, then at the top level', () => {
    // The 1.3.5 build on a real config with the MASTER and BACKUP halves in one file: "vrrp instance VI_1 already
    // defined", then "Unknown keyword 'virtual_server'", 'delay_loop', 'real_server', 'HTTP_GET', 'url', 'path' up to
    // the url's '}', which ends that level; then 'connect_timeout' and "Unknown keyword '}'" (twice) at the top level.
    const inst = 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n}\n';
    const vs = 'virtual_server 10.0.0.6 80 {\n    delay_loop 6\n    real_server 10.0.0.7 80 {\n        HTTP_GET {\n            url {\n              path /\n            }\n            connect_timeout 3\n        }\n    }\n}\n';
    const at = (text: string, targetVersion: string) =>
      analyze(text, { targetVersion }).diagnostics.filter((d) => d.code === 'KA201').map((d) => `${d.range.start.line + 1}:${/Unknown keyword '([^']*)'/.exec(d.message)?.[1]}`);
    const lines = ['9:virtual_server', '10:delay_loop', '11:real_server', '12:HTTP_GET', '13:url', '14:path', '16:connect_timeout', '17:}', '18:}', '19:}'];
    expect(at(inst + inst + vs, '1.3.5')).toEqual(lines);
    expect(at(inst + inst + vs, '1.4.5')).toEqual([]);
    // A third and a fourth repeat (pqarmitage's check_align.conf through the 1.3.9 build: "vrrp instance VIt_${NUM} already
    // defined", "Unknown keyword 'vrrp_instance'", "already defined", "Unknown keyword 'vrrp_instance'"…): the third's header
    // is an unknown keyword at the second's level, so keepalived never skipped it and is back at the top level after it,
    // where the fourth is a repeat again.
    const four = inst + inst + inst + inst;
    expect(at(four, '1.3.9').filter((f) => f.endsWith(':vrrp_instance'))).toEqual(['9:vrrp_instance']);
    expect(at(inst + vs, '1.3.5')).toEqual([]);
    // A keyword of the instance there sets the instance read before (the 1.3.5 dump: A with VRID 6 and priority 50, no B).
    const ab = 'vrrp_instance A {\n    virtual_router_id 5\n}\nvrrp_instance A {\n    priority 10\n}\nvrrp_instance B {\n    virtual_router_id 6\n    priority 50\n}\n';
    const ka209 = analyze(ab, { targetVersion: '1.3.5' }).diagnostics.filter((d) => d.code === 'KA209' || d.code === 'KA201').map((d) => `${d.range.start.line + 1}:${d.code}`);
    expect(ka209).toEqual(['4:KA209', '7:KA201', '8:KA209']);
    // B is never created, but its lines set A, which kalint does not follow: B stays in the model as their account.
    expect(analyze(ab, { targetVersion: '1.3.5' }).model.vrrpInstances.map((i) => i.name)).toEqual(['A', 'B']);
    expect(analyze(ab, { targetVersion: '1.3.5' }).diagnostics.find((d) => d.range.start.line === 7)?.message).toContain("as a keyword of the vrrp_instance 'A' (line 1)");
  });

  it('reads a virtual_server whose address it cannot read before 1.3.7 instead of skipping it', () => {
    // 1.3.5's alloc_vs ignores what inet_stosockaddr returns (d98f07ce, 1.3.7, checks it); the 1.3.5 build
    // without IPv6 IPVS says "IPVS with IPv6 is not supported by this build" for `virtual_server A.B.C.166 443`
    // (a real config's placeholder) because the family is not IPv4; a build with it reads the block.
    const text = 'virtual_server A.B.C.166 443 {\n    protocol TCP\n    real_server 10.0.0.7 80 {\n        weight 1\n    }\n}\n';
    const a = (targetVersion: string) => analyze(text, { targetVersion });
    expect(a('1.3.5').diagnostics.filter((d) => d.code === 'KA205').map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([
      "1: Invalid virtual server address 'A.B.C.166'; keepalived 1.3.5 does not check it: it reads this virtual_server with no usable address (1.3.7 and later skip the block)",
    ]);
    expect(a('1.3.5').model.virtualServers[0]?.realServers).toHaveLength(1);
    expect(a('1.3.7').model.virtualServers).toHaveLength(0);
    expect(a('1.3.7').diagnostics.find((d) => d.code === 'KA205')?.message).toContain('keepalived skips this virtual_server block');
  });

  it('before 1.3.7 a real_server address keepalived cannot read is kept, or dropped without its block', () => {
    // A 1.3.5 build with libnl (IPv6 IPVS, as Red Hat builds it), checker process: the second config dumps
    // "RIP = 10.0.0.2, RPORT = 80, WEIGHT = 7" after "Address family of virtual server and real server 10.0.0.x
    // don't match - skipping."; the first crashes ("Keepalived_healthcheckers exited due to segmentation fault");
    // under a `virtual_server group` the server is kept (dumped with an address of no family).
    const vs = (head: string, servers: string) => `virtual_server ${head} {\n  protocol TCP\n  lb_algo rr\n${servers}}\n`;
    const bad = '  real_server 10.0.0.x 80 {\n    weight 7\n  }\n';
    const good = '  real_server 10.0.0.2 80 {\n    weight 3\n  }\n';
    const ka205 = (text: string, targetVersion = '1.3.5') => analyze(text, { targetVersion }).diagnostics.filter((d) => d.code === 'KA205').map((d) => d.message);
    expect(ka205(vs('10.0.0.1 80', bad))).toEqual([expect.stringMatching(/don't match - skipping\."\) but not its block, and its checker process crashes/)]);
    expect(ka205(vs('10.0.0.1 80', good + bad))).toEqual([expect.stringMatching(/but not its block, whose lines set the real_server before it/)]);
    expect(ka205(vs('group G', bad))).toEqual([expect.stringMatching(/the virtual server has no address family yet, so it reads this real_server/)]);
    expect(analyze(vs('group G', bad), { targetVersion: '1.3.5' }).model.virtualServers[0]?.realServers).toHaveLength(1);
    // A real config (`virtual_server fakevip 80`, `real_server fakeIP1 80`, `real_server fakeIP2 80`): the end of the
    // first server's block sets the family to IPv4, and the second is "Address family … fakeIP2 don't match - skipping."
    const two = ka205(vs('fakevip 80', bad + bad.replace('weight 7', 'weight 2')));
    expect(two).toEqual([expect.stringContaining('Invalid virtual server address'), expect.stringContaining('no address family yet'), expect.stringContaining('whose lines set the real_server before it')]);
    expect(ka205(vs('10.0.0.1 80', good + bad), '1.3.7')).toEqual([expect.stringMatching(/keepalived skips this real_server block and everything in it$/)]);
  });

  it('reads a url status_code as one plain number before 2.0.17', () => {
    // keepalived 1.3.5 dumps both urls below as "HTTP Status Code = 200", and crashes on a bare status_code.
    const url = (codes: string) => `virtual_server 192.168.1.10 80 {\n  real_server 10.0.0.11 80 {\n    HTTP_GET {\n      url {\n        path /\n        status_code${codes}\n      }\n    }\n  }\n}\n`;
    const found = (codes: string, targetVersion?: string) => analyze(url(codes), { targetVersion }).diagnostics.filter((d) => ['KA203', 'KA204', 'KA205'].includes(d.code)).map((d) => `${d.code}: ${d.message}`);
    expect(found(' 200-299', '1.3.5')).toEqual([expect.stringMatching(/^KA205: .*'200-299' is 200 only, and every other code of the range counts as a failed check/)]);
    expect(found(' 200 301 302', '1.3.5')).toEqual([expect.stringMatching(/^KA204: .*'301' and the codes after it are ignored/)]);
    // A bare one: 1.3.5 crashes (atoi of vector_slot, until aa644248 in 1.4.3); from 1.4.3 the word is
    // read with strvec_slot, which stops keepalived (the 2.0.10 build: "missing a parameter", exit 3).
    expect(found('', '1.3.5')).toEqual([expect.stringMatching(/^KA203: 'status_code' is missing its codes .*keepalived 1\.3\.5 crashes on this line.*fixed in 1\.4\.3/)]);
    expect(found('', '2.0.16')).toEqual([expect.stringMatching(/^KA203: 'status_code' is missing its codes \(keepalived 2\.0\.16; it may be left out from 2\.0\.17 on\); keepalived exits here with a configuration error/)]);
    expect(found('', '2.0.17')).toEqual([]);
    // keepalived 2.0.8 and 2.0.16 (built from their tags) check the one code: "invalid number
    // '200-299'", "Invalid HTTP_GET status code '200-299'", exit 4; `200 301` passes silently.
    for (const v of ['2.0.7', '2.0.16']) {
      const range = found(' 200-299', v);
      expect(range).toEqual([expect.stringMatching(/^KA205: .*'200-299' is a config error \("Invalid HTTP_GET status code"\) and is ignored, leaving the default, any 2xx code/)]);
      expect(analyze(url(' 200-299'), { targetVersion: v }).diagnostics.find((d) => d.code === 'KA205')!.severity).toBe('error');
      expect(found(' 200 301 302', v)).toEqual([expect.stringMatching(/^KA204: .*'301' and the codes after it are ignored/)]);
    }
    expect(analyze(url(' 200-299'), { targetVersion: '2.0.6' }).diagnostics.find((d) => d.code === 'KA205')!.severity).toBe('warning');
    for (const codes of [' 200-299', ' 200 301 302', '']) expect(found(codes, '2.0.17')).toEqual([]);
  });

  it('reads a vrrp_script interval and timeout in milliseconds from 2.3.2 (decimals_since)', () => {
    // keepalived 2.2.7, 2.2.8 and 2.3.1: "invalid number '.2'" and "(chk): vrrp script interval '.2' must
    // be between 1 and 4294 - ignoring" (exit 6); 2.4.3 reads it (read_decimal_unsigned_strvec since 2.3.2).
    const script = (interval: string, timeout: string) => `vrrp_script chk {\n  script "/bin/true"\n  interval ${interval}\n  timeout ${timeout}\n}\n`;
    const ka205 = (text: string, targetVersion?: string) => analyze(text, { targetVersion }).diagnostics.filter((d) => d.code === 'KA205').map((d) => `${d.range.start.line + 1}: ${d.message}`);
    for (const v of [undefined, '2.2.8', '2.3.1']) expect(ka205(script('.2', '1.5'), v)).toEqual([expect.stringMatching(/^3: 'interval' expects a whole number/), expect.stringMatching(/^4: 'timeout' expects a whole number/)]);
    for (const v of ['2.3.2', '2.4.3']) {
      expect(ka205(script('.2', '1.5'), v)).toEqual([]);
      expect(ka205(script('0.0005', '4295'), v)).toEqual([expect.stringMatching(/^3: 'interval' 0.0005 (is outside|has more than 3 decimal places)/), expect.stringMatching(/^4: 'timeout' 4295 is outside/)]);
    }
  });

  it('reports a repeated path or virtualhost from 2.2.8 (overwrite_error_since)', () => {
    // keepalived 2.2.8 and 2.4.3: "(Line 4) Duplicate vs virtualhost - overwriting a.example with b.example" and
    // "(Line 9) Duplicate path - overwriting /a with /b" (set_string, new in 2.2.8); 2.2.7 keeps the last silently.
    const text = 'virtual_server 192.0.2.1 80 {\n  protocol TCP\n  virtualhost a.example\n  virtualhost b.example\n  real_server 192.0.2.2 80 {\n    HTTP_GET {\n      url {\n        path /a\n        path /b\n      }\n    }\n  }\n}\n';
    const ka209 = (v?: string) => analyze(text, { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA209').map((d) => `${d.range.start.line + 1}: ${d.severity}`);
    expect(ka209()).toEqual([]);
    for (const v of ['2.2.8', '2.4.3']) expect(ka209(v)).toEqual(['4: error', '9: error']);
  });

  it('requires the real_server and sorry_server port before 2.0.15 (optional_since)', () => {
    // keepalived 1.3.5 (built from its tag): "Configuration line starting `sorry_server` is missing a
    // parameter after keyword `192.168.1.10` at word position 3", and the checker process exits.
    const text = 'virtual_server 192.168.1.10 80 {\n  protocol TCP\n  sorry_server 192.168.1.10\n  real_server 192.168.1.11 {\n  }\n}\n';
    const ka203 = (targetVersion?: string) => analyze(text, { targetVersion }).diagnostics.filter((d) => d.code === 'KA203').map((d) => `${d.range.start.line + 1}: ${d.message}`);
    expect(ka203('1.3.5')).toEqual([
      "3: 'sorry_server' is missing its port (keepalived 1.3.5; it may be left out from 2.0.15 on); keepalived exits here with a configuration error: it does not run at all",
      "4: 'real_server' is missing its port (keepalived 1.3.5; it may be left out from 2.0.15 on); keepalived never reads this line: it exits at line 3 first (a configuration error), and would exit here too",
    ]);
    expect(ka203('2.0.14')).toHaveLength(2);
    expect(ka203('2.0.15')).toEqual([]);
    expect(ka203()).toEqual([]);
  });

  it('reads a quoted keyword as the keyword (keepalived drops the quotes first)', () => {
    const a = analyze('"global_defs" {\n  "router_id" lb1\n}\nvrrp_instance VI_1 {\n  "virtual_ipaddress" {\n    10.0.0.1\n  }\n}\n');
    expect(a.diagnostics.filter((d) => d.code.startsWith('KA1') || d.code.startsWith('KA2'))).toEqual([]);
    expect(a.model.vrrpInstances[0]!.virtualIpaddresses.map((v) => v.text)).toEqual(['10.0.0.1']);
  });

  it("explains an unknown keyword's block, which keepalived does not skip", () => {
    const a = analyze('vrrp_instanse VI_1 {\n  state MASTER\n}\n');
    const msgs = a.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`);
    expect(msgs).toEqual(['1:KA201', '1:KA103', '2:KA202', '3:KA103']);
    expect(a.diagnostics[1]!.message).toContain('does not skip');
  });

  it('reports unbalanced braces and keeps analysing the rest', () => {
    const a = analyze('vrrp_instance A {\n  state MASTER\n\nvirtual_server 10.0.0.1 80 {\n  protocol TCP\n}\n');
    expect(a.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(['1:KA102', '4:KA202', '4:KA103', '5:KA202']);
    expect(keywords(a.ast)).toContain('state');
    const extra = analyze('global_defs {\n  router_id a\n}\n}\n');
    expect(extra.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(['4:KA101']);
  });

  // Found by differential fuzzing against keepalived 2.2.7 -t: it reads the file once per process
  // (parent, VRRP, checker, BFD), and each skips the top-level blocks it does not use by counting braces.
  it("reports a missing '{' where keepalived does, and the lines the other processes then read at the top level", () => {
    // keepalived: (Line 2) Missing '{' ...; lines 2-3 "Unknown keyword" in the VRRP/checker/BFD processes; (Line 4) Extra '}' found.
    const a = analyze('global_defs\n    router_id lb1\n    notify_fifo /tmp/f\n}\n');
    expect(a.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(['2:KA104', '3:KA104', '4:KA101']);
    expect(a.diagnostics[0]!.message).toContain('Missing');
    expect(a.diagnostics[0]!.related?.[0]?.range.start.line).toBe(0);
    expect(a.diagnostics[1]!.message).toContain("Unknown keyword 'notify_fifo'");
    // The block is still read as global_defs' body by the process that uses it.
    expect(keywords(a.ast)).toEqual(['global_defs', 'router_id', 'notify_fifo']);
  });

  // An instance whose nested block lost its '{': the processes skipping the instance read on at the top level.
  const lostBrace = [
    'vrrp_instance VI_1 {', //  1
    '    authentication', //    2  no '{'
    '        auth_type PASS', // 3  keepalived: Missing '{'
    '    }', //                 4  the other processes stop skipping here
    '    priority 100', //      5  Unknown keyword 'priority' for them
  ];
  it("reports the lines after a nested block's lost '{' that the processes skipping the instance read at the top level", () => {
    const text = [
      ...lostBrace,
      '}', //                     6  Extra '}' found
      'vrrp_instance VI_2 {', //  7  in step again
      '    priority 100', //      8
      '}', //                     9
    ].join('\n');
    expect(codes(text)).toEqual(['3:KA104', '5:KA104', '6:KA101']);
  });

  it('names every word the skipping processes report on a line a brace splits', () => {
    // Mutation fuzzer against 2.2.7 (seed 605, q0018.conf with authentication's '{' deleted): keepalived 2.2.7 reports
    // "Unknown keyword 'virtual_ipaddress'", "Unexpected '{' - ignoring" and "Unknown keyword '192.168.100.100/24'" on line 10.
    const text = ['vrrp_instance VI_1 {', ' state BACKUP', ' interface eth0', ' virtual_router_id 51', ' priority 254', ' advert_int 1', ' authentication', '  auth_type PASS', '  auth_pass 12345', ' } virtual_ipaddress { 192.168.100.100/24 }', '}', ''].join('\n');
    const line10 = analyze(text).diagnostics.filter((d) => d.code === 'KA104' && d.range.start.line === 9);
    expect(line10.map((d) => d.message)).toEqual([
      expect.stringMatching(/\(keepalived: "Unknown keyword 'virtual_ipaddress'", "Unexpected '\{' - ignoring", "Unknown keyword '192\.168\.100\.100\/24'"\)$/),
    ]);
    if (keepalivedAvailable()) {
      const said = runKeepalived(text).messages.filter((m) => m.line === 10).map((m) => m.message);
      for (const m of ["Unknown keyword 'virtual_ipaddress'", "Unexpected '{' - ignoring", "Unknown keyword '192.168.100.100/24'"]) expect(said).toContain(m);
    }
  });

  it('says nothing of the lines inside a top-level block the processes skipping the instance open there', () => {
    // Found by the include fuzzer (seed 119, 2.0.19): the other processes read 'vrrp_script chk {' at the top level and
    // skip its block (or, for a block of their own, read it): in keepalived 2.2.7 -t only the instance's own process
    // reports 'interval' (once), and the '}' of line 8 ends the instance for it.
    const text = [
      ...lostBrace,
      'vrrp_script chk {', //     6  a block they know: skipped
      '    interval 2', //        7
      '}', //                     8
      '    nopreempt', //         9  Unknown keyword 'nopreempt' for them again
      '}', //                    10  Extra '}' found
    ].join('\n');
    expect(codes(text).filter((c) => c.endsWith('KA104') || c.endsWith('KA101'))).toEqual(['3:KA104', '5:KA104', '10:KA101']);
    expect(codes(text).filter((c) => c.startsWith('7:') || c.startsWith('9:'))).toEqual(['7:KA202', '9:KA202']);
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t does, on the lines inside a top-level block the other processes open', () => {
    const text = [...lostBrace, 'vrrp_script chk {', '    interval 2', '}', '    nopreempt', '}', ''].join('\n');
    const messages = runKeepalived(text).messages;
    expect(messages.filter((m) => m.line === 7).map((m) => m.message)).toEqual(["Unknown keyword 'interval'"]);
    expect(messages.some((m) => m.line === 8)).toBe(false);
  });

  it('reports a line right inside a block of their own that one of them reads there, when it is no keyword of it', () => {
    // A real config's mutant (0415.conf): the checker, skipping the instance, reads 'virtual_server … {' at the top
    // level as its own block, where 'virtual_ipaddress' is no keyword (keepalived 2.2.7 -t: "Unknown keyword
    // 'virtual_ipaddress'"); the lines it knows there, and those of a nested block lacking its '{', are not reported.
    const text = [...lostBrace, 'virtual_server 192.0.2.40 443 {', '    delay_loop 6', '    virtual_ipaddress {', '        192.0.2.41', '    }', '}', '}', ''].join('\n');
    expect(codes(text).filter((c) => c.endsWith('KA104'))).toEqual(['3:KA104', '5:KA104', '8:KA104']);
    expect(analyze(text).diagnostics.find((d) => d.code === 'KA104' && d.range.start.line === 7)!.message).toContain("where they opened a 'virtual_server' block");
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t does, on a block of their own read at the top level', () => {
    const text = [...lostBrace, 'virtual_server 192.0.2.40 443 {', '    delay_loop 6', '    virtual_ipaddress {', '        192.0.2.41', '    }', '}', '}', ''].join('\n');
    const messages = runKeepalived(text).messages;
    expect(messages.some((m) => m.line === 8 && m.message === "Unknown keyword 'virtual_ipaddress'")).toBe(true);
    // 'delay_loop' is unknown to the instance's own process only (kalint: KA202), not to the checker reading it.
    expect(messages.filter((m) => m.line === 7).map((m) => m.message)).toEqual(["Unknown keyword 'delay_loop'"]);
  });

  // Includes fuzzer seed 883 (2.3.3): the checker and BFD processes, reading on at the top level, open global_defs and
  // an empty notification_email block in it; keepalived warns where its '}' ends it, as in a global_defs it reads.
  const emptyEmailThere = [...lostBrace, 'global_defs {', '    notification_email {', '    }', '    router_id lb1', '}', '}', ''].join('\n');
  it('warns of an empty notification_email block the other processes read in a global_defs they open at the top level', () => {
    const found = analyze(emptyEmailThere).diagnostics.filter((d) => d.message.includes('empty notification_email block'));
    expect(found.map((d) => `${d.range.start.line + 1}:${d.code}:${d.severity}`)).toEqual(['8:KA205:warning']);
    expect(found[0]!.message).toContain("where they opened a 'global_defs' block");
    const withAddress = emptyEmailThere.replace('notification_email {', 'notification_email { ops@example.com');
    expect(analyze(withAddress).diagnostics.filter((d) => d.message.includes('empty notification_email block'))).toEqual([]);
    // 1.4.4 was the first release to warn of it.
    expect(analyze(emptyEmailThere, { targetVersion: '1.3.5' }).diagnostics.filter((d) => d.message.includes('empty notification_email'))).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t does, on an empty notification_email block read there', () => {
    const messages = runKeepalived(emptyEmailThere).messages;
    expect(messages.filter((m) => m.message.includes('empty notification_email')).map((m) => m.line)).toContain(8);
    const withAddress = emptyEmailThere.replace('notification_email {', 'notification_email { ops@example.com');
    expect(runKeepalived(withAddress).messages.some((m) => m.message.includes('empty notification_email'))).toBe(false);
  });

  // Mutation fuzzer seed 684 (2.2.7): a `notification_email` without '{' leaves global_defs open for the parent, while
  // the processes that skip global_defs read the vrrp_instance after it at the top level, as their own. A line in a
  // keyword block nested in it that is no keyword of that block is theirs to report too, not only one right inside.
  const openGlobalDefs = [
    'global_defs {', //                          1
    '    notification_email admin@example.com', // 2  no '{'
    '    router_id lb1', //                        3
    '}', //                                        4  closes notification_email for the parent
    'vrrp_instance VI_1 {', //                     5
    '    interface eth0', //                       6
    '    virtual_router_id 51', //                 7
    '    authentication {', //                     8
    '        smtp_connect_timeout 30', //          9  valid in global_defs, not in authentication
    '        auth_type PASS', //                  10
    '    }', //                                   11
    '    virtual_ipaddress {', //                 12
    '        10.0.0.1', //                        13  a value to the VRRP process (the parent: "Unknown keyword")
    '    }', //                                   14
    '}', //                                       15
    '',
  ].join('\n');
  it('reports a line in a keyword block nested in a block of their own, when it is no keyword of the nested block', () => {
    const d = analyze(openGlobalDefs).diagnostics.filter((x) => x.code === 'KA104' && x.range.start.line >= 5);
    expect(d.map((x) => x.range.start.line + 1)).toEqual([9]);
    expect(d[0]!.message).toContain(`takes this line as a keyword of the 'authentication' block in it, and 'smtp_connect_timeout' is none (keepalived: "Unknown keyword 'smtp_connect_timeout'")`);
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t does, in a keyword block nested in a block of their own', () => {
    const unknown = runKeepalived(openGlobalDefs).messages.filter((m) => (m.line ?? 0) >= 9 && m.message.startsWith('Unknown keyword'));
    // The VRRP process's (the parent has global_defs open there, where the keyword is known).
    expect(unknown.map((m) => `${m.line}: ${m.message}`)).toContain("9: Unknown keyword 'smtp_connect_timeout'");
  });

  it("names what the processes that skip a braceless top-level block report for its first line", () => {
    // keepalived 2.2.7 -t on this file: "(Line 2) Missing '{' at beginning of configuration block", and from the
    // processes that skip global_defs: "(keepalived.conf: Line 2) Unknown keyword 'router_id'".
    const d = analyze('global_defs\n    router_id lb1\n}\n').diagnostics.filter((x) => x.code === 'KA104');
    expect(d.map((x) => x.range.start.line + 1)).toEqual([2]);
    expect(d[0]!.message).toContain("read this line at the top level (keepalived: \"Unknown keyword 'router_id'\")");
    // A quoted word too: keepalived takes its quotes off and compares ("Unknown keyword 'group'" for `"group" {`;
    // mutation fuzzing, seed 628), and a quoted top-level keyword is that keyword to them.
    const quoted = analyze('vrrp_sync_group VG1\n  "group" {\n    VI_1\n  }\n').diagnostics.filter((x) => x.code === 'KA104');
    expect(quoted[0]!.message).toContain(`read this line at the top level (keepalived: "Unknown keyword 'group'", "Unexpected '{' - ignoring")`);
  });
  it("names all they report for the rest of that first line: a '{' and the keyword after it", () => {
    // Mutation fuzzing, seed 669: `authentication { auth_type PASS` right after a braceless vrrp_instance; keepalived
    // 2.2.7 -t says "Unknown keyword 'authentication'", "Unexpected '{' - ignoring" and "Unknown keyword 'auth_type'"
    // on that line, and kalint named only the first.
    const text = 'vrrp_instance VI_1\nauthentication { auth_type PASS\nauth_pass secret }\n';
    const d = analyze(text).diagnostics.filter((x) => x.code === 'KA104' && x.range.start.line === 1);
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain(`(keepalived: "Unknown keyword 'authentication'", "Unexpected '{' - ignoring", "Unknown keyword 'auth_type'")`);
  });
  it.skipIf(!keepalivedAvailable())("as keepalived -t does, on the rest of that first line", () => {
    const text = 'vrrp_instance VI_1\nauthentication { auth_type PASS\nauth_pass secret }\n';
    expect(runKeepalived(text).messages.filter((m) => m.line === 2).map((m) => m.message)).toEqual(
      expect.arrayContaining(["Unknown keyword 'authentication'", "Unexpected '{' - ignoring", "Unknown keyword 'auth_type'"]),
    );
  });
  it('a line whose comment ends in a backslash keeps its unquoted words unquoted', () => {
    // Before 2.4.0 the backslash stays on the line keepalived reads; the reader took every word of such a line for a
    // quoted string, so 'priorty' got no "did you mean" fix.
    const a = analyze('vrrp_instance VI_1 {\n    priorty 100 # note \\\n}\n');
    const unknown = a.diagnostics.find((d) => d.code === 'KA201')!;
    expect(unknown.fix?.edits[0]?.newText).toBe('priority');
  });
  it('a block keyword on the last line without its brace is an empty block to keepalived: a warning', () => {
    // Found by mutation fuzzing: keepalived 2.2.7 -t on 'global_defs' followed only by comments exits 0, silent.
    const d = analyze('global_defs\n  # notification_email\n').diagnostics.filter((x) => x.code === 'KA104');
    expect(d.map((x) => [x.range.start.line + 1, x.severity])).toEqual([[1, 'warning']]);
    expect(d[0]!.message).toContain('keepalived reads an empty block without a word');
  });
  it("reports a '}' that takes the brace count below zero even where it ends a block", () => {
    // keepalived: (Line 5) Extra '}' found — the value block without '{' took the instance's '}'.
    expect(codes('vrrp_instance VI_1 {\n    virtual_ipaddress\n        10.0.0.1\n    }\n}\n')).toEqual(['2:KA104', '5:KA101']);
  });

  // Found by mutating real configs: the processes that skip a top-level value block without '{'
  // read its first line at the top level too.
  const staticNoBrace = 'static_ipaddress\n  10.0.0.1/24 dev eth0\n  10.0.0.2/24 dev eth0\n}\n';
  it("reports every line of a top-level value block without '{', the first one too", () => {
    expect(codes(staticNoBrace)).toEqual(['1:KA104', '2:KA104', '3:KA104', '4:KA101']);
  });
  it.skipIf(!keepalivedAvailable())("keepalived -t: the top-level value block's lines are unknown keywords", () => {
    const lines = new Set(runKeepalived(staticNoBrace).messages.filter((m) => m.message.startsWith('Unknown keyword')).map((m) => m.line));
    expect([...lines].sort()).toEqual([2, 3, 4]);
  });

  // Found in a generated config (charnet1019/keepalived-api examples/output/keepalived.conf):
  // keepalived -t: (Line 2) Block notification_email has extra parameters admin@company.com ...
  // then lines 3-6 are read as addresses, line 7's '}' closes notification_email, and every
  // vrrp_instance line after it is an "Unknown keyword" inside global_defs.
  const emailOnOneLine = 'global_defs {\n    notification_email admin@example.com\n    router_id lb1\n}\n';
  it("says which block the '}' closes, and puts a one-line value block's entry in braces", () => {
    const d = analyze(emailOnOneLine).diagnostics.find((x) => x.code === 'KA104')!;
    expect(d.message).toContain("that '}' then closes 'notification_email' instead of 'global_defs'");
    expect(d.fix?.safe).toBe(true);
    expect(d.fix?.edits[0]!.newText).toBe(' {\n        admin@example.com\n    }');
  });
  it("offers the fix when the one-line value block is the last line of its block", () => {
    // keepalived -t: (Line 2) Block notification_email has extra parameters …, (Line 3) Warning - empty
    // notification_email block, then every line of the next block is unknown inside global_defs.
    const last = 'global_defs {\n    notification_email ops@example.com\n}\nvrrp_instance VI_1 {\n}\n';
    const d = analyze(last).diagnostics.find((x) => x.code === 'KA104' && x.range.start.line === 1)!;
    expect(d.fix?.edits[0]!.newText).toBe(' {\n        ops@example.com\n    }');
  });
  it('says 2.0.17 to 2.0.19 do not report a vrrp_mcast_group address they cannot parse', () => {
    // The 2.0.16 build: "(Line 2) Configuration error: Cant parse vrrp_mcast_group4 [224.0.0.300]. Skipping";
    // the 2.0.19 build prints nothing (its handler tests the bool result of inet_stosockaddr for < 0).
    const text = 'global_defs {\n    vrrp_mcast_group4 224.0.0.300\n    vrrp_mcast_group6 ff02::12x\n}\n';
    const ka205 = (v: string) => analyze(text, { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA205').map((d) => d.message.includes('-t does not report it'));
    expect(ka205('2.0.19')).toEqual([true, true]);
    for (const v of ['2.0.16', '2.1.0', '2.2.7']) expect(ka205(v), v).toEqual([false, false]);
  });
  it('quotes "has extra parameters" only from 2.1.0, which brought it', () => {
    // The 2.1.0 build under -t: "(Line 4) Block virtual_ipaddress has extra parameters 10.0.0.9 ..."; 2.0.19 -t says nothing.
    const text = 'vrrp_instance V {\n    interface eth0\n    virtual_router_id 5\n    virtual_ipaddress 10.0.0.9 {\n        10.0.0.10\n    }\n}\n';
    const ka208 = (v: string) => analyze(text, { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA208').map((d) => d.message);
    expect(ka208('2.1.0')).toEqual([expect.stringContaining('(keepalived: "Block virtual_ipaddress has extra parameters")')]);
    expect(ka208('2.0.19')).toEqual([expect.stringMatching(/the words after it on this line are ignored; keepalived 2\.0\.19 -t does not report it$/)]);
    // Dropped without a word there: a warning (keepalived 2.0.19 -t on 'track_interface eth0' before its block: silent).
    expect(analyze(text, { targetVersion: '2.0.19' }).diagnostics.filter((d) => d.code === 'KA208').map((d) => d.severity)).toEqual(['warning']);
    expect(analyze(text, { targetVersion: '2.1.0' }).diagnostics.filter((d) => d.code === 'KA208').map((d) => d.severity)).toEqual(['error']);
  });
  // fix-sweep on a mutant (session 53): `virtual_ipaddress ｛` (U+FF5B) before the instance's '}'. The wrap put the
  // full-width brace inside braces as an entry, KA704's fix then made it a second '{', and keepalived read one block
  // more than the file closes.
  it('offers no wrap when the word after the keyword is a look-alike (KA704 writes the brace)', () => {
    const text = 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress \uff5b\n    }\n}\n';
    const found = lintText(text, { file: 'keepalived.conf' }).diagnostics;
    expect(found.find((x) => x.code === 'KA104' && x.range.start.line === 3)).toBeDefined();
    expect(found.find((x) => x.code === 'KA104' && x.range.start.line === 3)?.fix).toBeUndefined();
    expect(found.find((x) => x.code === 'KA704')?.fix?.safe).toBe(true);
  });
  it("offers no fix when the next line reads like one of the block's values", () => {
    const d = analyze('global_defs {\n    notification_email admin@example.com\n        ops@example.com\n    }\n}\n').diagnostics.find((x) => x.code === 'KA104')!;
    expect(d.fix).toBeUndefined();
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t accepts the fixed block', () => {
    const d = analyze(emailOnOneLine).diagnostics.find((x) => x.code === 'KA104')!;
    const e = d.fix!.edits[0]!;
    const lines = emailOnOneLine.split('\n');
    lines[1] = lines[1]!.slice(0, e.range.start.column) + e.newText + lines[1]!.slice(e.range.end.column);
    expect(runKeepalived(lines.join('\n')).messages).toEqual([]);
  });

  // lsp62 (session 62): `virtual_ipaddress 10.0.0.1/24 10.0.0.2/24` was wrapped as ONE line of the block, which
  // keepalived reads as an address and an unknown option: "Unknown configuration entry '10.0.0.2/24' for ip address -
  // ignoring" (and `track_script chk1 chk2` as one script with an unknown option: neither tracked).
  const oneLineEntries = (line: string) =>
    `vrrp_script chk1 {\n    script "/bin/true"\n}\nvrrp_script chk2 {\n    script "/bin/true"\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    ${line}\n}\n`;
  const wrapOf = (text: string) => analyze(text).diagnostics.find((x) => x.code === 'KA104')?.fix?.edits[0]?.newText;
  it('puts each entry of a one-line value block on a line of its own where keepalived reads a line as one entry', () => {
    expect(wrapOf(oneLineEntries('virtual_ipaddress 10.0.0.1/24 dev eth0 label eth0:1 10.0.0.2/24 brd + 10.0.0.3'))).toBe(
      ' {\n        10.0.0.1/24 dev eth0 label eth0:1\n        10.0.0.2/24 brd +\n        10.0.0.3\n    }',
    );
    expect(wrapOf(oneLineEntries('track_interface eth0 weight -10 reverse eth1'))).toBe(' {\n        eth0 weight -10 reverse\n        eth1\n    }');
    expect(wrapOf(oneLineEntries('track_script chk1 chk2'))).toBe(' {\n        chk1\n        chk2\n    }');
    expect(wrapOf(oneLineEntries('unicast_peer 10.0.0.2 min_ttl 2 10.0.0.3'))).toBe(' {\n        10.0.0.2 min_ttl 2\n        10.0.0.3\n    }');
    // A netmask after an address means a prefix, not a second VIP; a route is one entry, as written.
    expect(wrapOf(oneLineEntries('virtual_ipaddress 10.0.0.1 255.255.255.0'))).toBe(' {\n        10.0.0.1 255.255.255.0\n    }');
    expect(wrapOf(oneLineEntries('virtual_routes 10.9.0.0/16 via 10.0.0.254'))).toBe(' {\n        10.9.0.0/16 via 10.0.0.254\n    }');
    // notification_email reads every word of a line as an address.
    expect(wrapOf('global_defs {\n    notification_email a@example.com b@example.com\n    router_id lb1\n}\n')).toBe(' {\n        a@example.com b@example.com\n    }');
    expect(analyze(oneLineEntries('track_script chk1 chk2')).diagnostics.find((x) => x.code === 'KA104')?.fix?.description).toBe(
      "Put 'chk1' and 'chk2' inside '{ }', one entry per line",
    );
  });
  it("keeps a virtual_server_group's name on its line and offers no wrap of the name alone", () => {
    const group = (first: string) => `${first}\nvirtual_server group G1 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.0.5 80 {\n        weight 1\n    }\n}\n`;
    const d = analyze(group('virtual_server_group G1 10.0.0.1 80')).diagnostics.find((x) => x.code === 'KA104')!;
    expect(d.fix?.edits[0]).toMatchObject({ range: { start: { line: 0, column: 23 } }, newText: ' {\n    10.0.0.1 80\n}' });
    expect(analyze(group('virtual_server_group G1')).diagnostics.find((x) => x.code === 'KA104' && x.range.start.line === 0)?.fix).toBeUndefined();
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t reads every entry of the fixed blocks', () => {
    for (const line of ['virtual_ipaddress 10.0.0.1/24 10.0.0.2/24 dev eth0', 'track_script chk1 chk2', 'unicast_peer 10.0.0.2 10.0.0.3', 'virtual_ipaddress_excluded 10.0.0.5 10.0.0.6']) {
      const text = oneLineEntries(line);
      const e = analyze(text).diagnostics.find((x) => x.code === 'KA104')!.fix!.edits[0]!;
      const fixed = text.slice(0, e.range.start.offset) + e.newText + text.slice(e.range.end.offset);
      const messages = runKeepalived(fixed).messages.map((m) => m.message).filter((m) => !/script|security|VIP specified|interface/i.test(m));
      expect(messages, line).toEqual([]);
    }
  });

  // Found in Adel-Ahmetzyanov/Up: `preеmpt yes` with a Cyrillic 'е'. keepalived -t: Unknown keyword 'preеmpt',
  // and kalint answered "did you mean 'preempt'?", which prints exactly like the word written.
  it('names a Cyrillic or Greek letter that makes a keyword unknown, with a safe fix', () => {
    const d = analyze('vrrp_instance VI_1 {\n    preеmpt\n}\n').diagnostics.filter((x) => x.code === 'KA201');
    expect(d.map((x) => x.range.start.line + 1)).toEqual([2]);
    expect(d[0]!.message).toContain("the Cyrillic 'е' (U+0435) in place of the Latin 'e', so keepalived does not read it as 'preempt'");
    expect(d[0]!.fix?.edits[0]!.newText).toBe('preempt');
    expect(d[0]!.fix?.safe).toBe(true);
    expect(analyze('global_defs {\n    rοuter_id lb1\n}\n').diagnostics.find((x) => x.code === 'KA201')!.message).toContain("Greek 'ο' (U+03BF)");
  });
  // Found in qa18's configs: full-width digits and letters typed with a CJK input method left on. keepalived -t:
  // (Line 2) invalid number '５１', (Line 3) Unknown keyword 'ｎｏｐｒｅｅｍｐｔ'.
  it('names full-width characters in a number or a keyword', () => {
    const d = analyze('vrrp_instance VI_1 {\n    virtual_router_id ５１\n    ｎｏｐｒｅｅｍｐｔ\n    advert_int １\n}\n').diagnostics;
    expect(d.find((x) => x.code === 'KA205' && x.range.start.line === 1)!.message).toContain(
      "got '５１' (it is written with the full-width '５' (U+FF15) in place of '5' and the full-width '１' (U+FF11) in place of '1': write '51')",
    );
    expect(d.find((x) => x.code === 'KA205' && x.range.start.line === 3)!.message).toContain("write '1')");
    const unknown = d.find((x) => x.code === 'KA201')!;
    expect(unknown.message).toContain('written with full-width characters (U+FF01-U+FF5E) in place of ASCII ones, so keepalived does not read it as \'nopreempt\'');
    expect(unknown.fix?.edits[0]!.newText).toBe('nopreempt');
    // A word that is no number even in ASCII gets no note.
    expect(analyze('vrrp_instance VI_1 {\n    priority ａｂ\n}\n').diagnostics.find((x) => x.code === 'KA205')!.message).not.toContain('write');
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t: the Cyrillic keyword is unknown', () => {
    expect(runKeepalived('vrrp_instance VI_1 {\n    preеmpt\n}\n').messages.map((m) => m.message)).toContain("Unknown keyword 'preеmpt'");
  });

  // Found in danos/vyatta-vrrp's test configs (`track_pathmon { … }`, a Vyatta-only block). keepalived -t:
  // (Line 2) Unexpected '{' - ignoring … (Line 5) Unknown keyword 'priority' (Line 6) Unknown keyword '}'.
  // kalint said line 6's '}' matched "the '{' (line 1) was ignored", but line 1's '{' opened the instance.
  const pathmon = 'vrrp_instance VI_1 {\n    track_pathmon {\n        x\n    }\n    priority 100\n}\n';
  it("says a stray top-level '}' balances a block that an ignored inner '{' ended early", () => {
    const d = analyze(pathmon).diagnostics.filter((x) => x.code === 'KA103' && x.range.start.line === 5);
    expect(d.map((x) => x.message)).toEqual([
      "'}' at the top level closes no block: the block opened on line 1 already ended at an earlier '}' (the '{' on line 2 was ignored, so its '}' ended the block), so keepalived reads this '}' as an unknown keyword",
    ]);
    // A '}' whose own '{' was ignored keeps the plain wording.
    const top = analyze('virtual_ipaddress {\n    10.0.0.1\n}\n').diagnostics.find((x) => x.code === 'KA103' && x.range.start.line === 2)!;
    expect(top.message).toContain("the '{' it matches (line 1) was ignored");
  });
  it.skipIf(!keepalivedAvailable())("keepalived -t: the instance's own '}' is an unknown keyword", () => {
    expect(runKeepalived(pathmon).messages.filter((m) => m.line === 6).map((m) => m.message)).toEqual(["Unknown keyword '}'"]);
  });

  // Found in redhat-cop/keepalived-operator's README: `vrrp_iptables my-keepalived`.
  // keepalived -t (Debian 12, built with nftables only), exit 5: (Line 2) iptables not supported,
  // using nftables instead. Please replace 'vrrp_iptables and 'vrrp_ipsets' with 'nftables' config option
  const iptables = 'global_defs {\n    vrrp_iptables my-keepalived\n}\n';
  it('warns that vrrp_iptables falls back to nftables on nftables-only builds, and offers nftables', () => {
    const d = analyze(iptables).diagnostics.filter((x) => x.code === 'KA210');
    expect(d.map((x) => x.range.start.line + 1)).toEqual([2]);
    expect(d[0]!.message).toContain("uses the nftables table 'keepalived', ignoring the chain names");
    expect(d[0]!.fix?.edits[0]!.newText).toBe('nftables');
    expect(d[0]!.fix?.safe).toBe(false);
    expect(analyze(iptables, { targetVersion: '2.2.1' }).diagnostics.find((x) => x.code === 'KA210')!.message).toContain('unknown keyword');
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t: vrrp_iptables is an error on this build, nftables is not', () => {
    expect(runKeepalived(iptables).messages.map((m) => m.line)).toEqual([2]);
    expect(runKeepalived('global_defs {\n    nftables\n}\n').messages).toEqual([]);
  });

  // Found in pqarmitage/keepalived-devel-tools configs/nftables.conf (vrrp_iptables, then nftables).
  // keepalived -t 2.2.7 (Debian): (Line 2) iptables not supported…, (Line 3) nftables already specified - ignoring
  const iptablesThenNft = 'global_defs {\n    vrrp_iptables IN OUT\n    nftables\n    nftables_priority 10\n}\n';
  it('says an nftables line after vrrp_iptables is ignored on nftables-only builds', () => {
    const d = analyze(iptablesThenNft).diagnostics.filter((x) => x.code === 'KA209');
    expect(d.map((x) => x.range.start.line + 1)).toEqual([3]);
    expect(d[0]!.message).toContain("'vrrp_iptables' on line 2");
    expect(d[0]!.message).toContain('nftables already specified - ignoring');
    // Before 2.2.2 vrrp_iptables is unknown there and sets nothing.
    expect(analyze(iptablesThenNft, { targetVersion: '2.2.1' }).diagnostics.filter((x) => x.code === 'KA209')).toEqual([]);
    // nftables first, then vrrp_iptables: no KA209 (the fallback takes no 'already specified' check).
    expect(analyze('global_defs {\n    nftables\n    vrrp_iptables\n}\n').diagnostics.filter((x) => x.code === 'KA209')).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t: nftables after vrrp_iptables is already specified', () => {
    expect(runKeepalived(iptablesThenNft).messages.map((m) => `${m.line}: ${m.message}`)).toEqual([
      "2: iptables not supported, using nftables instead. Please replace 'vrrp_iptables and 'vrrp_ipsets' with 'nftables' config option",
      '3: nftables already specified - ignoring',
    ]);
  });

  it("reports a block keyword followed by '}' on the '}' line, as keepalived does", () => {
    const d = analyze('vrrp_instance VI_1 {\n    authentication\n    }\n}\n').diagnostics;
    expect(d.map((x) => `${x.range.start.line + 1}:${x.code}`)).toEqual(['3:KA104', '4:KA101']);
  });
});

describe('conditionals, definitions and sequences', () => {
  const text = '$PRIO=150\n@node1 $ROLE=MASTER\n@^node1 $ROLE=BACKUP\nvrrp_instance VI_1 {\n  state $ROLE\n  priority ${PRIO}\n  interface eth0\n  virtual_router_id 51\n  virtual_ipaddress {\n    10.0.0.100\n  }\n}\n';

  it('keeps @id lines for the matching config id only', () => {
    expect(configIdsIn(text)).toEqual(['node1']);
    // keepalived drops a line with nothing after its id, for every id (pqarmitage's check_align_old.conf writes
    // '@PID_DIR=${_HASH}' lines): such an id names no node.
    expect(configIdsIn('@PID_DIR=${_HASH}\n@low\n@high \n@^mid\tstate BACKUP\n' + text)).toEqual(['mid', 'node1']);
    const n1 = analyze(text, { configId: 'node1' }).model.vrrpInstances[0]!;
    const n2 = analyze(text, { configId: 'node2' }).model.vrrpInstances[0]!;
    expect(n1.state!.value).toBe('MASTER');
    expect(n2.state!.value).toBe('BACKUP');
    expect(n1.priority!.value).toBe(150);
  });

  // Found by differential fuzzing: keepalived 2.2.7 -t accepts both files without a word.
  it("drops a line behind a lone '@' (an empty id) for every config id, and keeps one behind a lone '@^'", () => {
    const t = 'vrrp_instance VI_1 {\n    @ state MASTER\n    @^ priority 150\n}\n';
    for (const configId of ['node1', 'kalint']) {
      const a = analyze(t, { configId });
      expect(a.diagnostics.filter((d) => d.code === 'KA201')).toEqual([]);
      expect(a.model.vrrpInstances[0]!.state).toBeUndefined();
      expect(a.model.vrrpInstances[0]!.priority!.value).toBe(150);
      // Session 60's audit: keepalived says nothing, and kalint did not either (KA118 now warns; none for '@^').
      expect(a.diagnostics.filter((d) => d.code === 'KA118').map((d) => [d.range.start.line + 1, d.range.start.column, d.severity])).toEqual([[2, 4, 'warning']]);
    }
    expect(configIdsIn(t)).toEqual([]);
  });

  it('points substituted words at the reference the user wrote', () => {
    const a = analyze(text, { configId: 'node1' });
    const state = a.model.vrrpInstances[0]!.state!.node;
    expect(state.args[0]!.expanded).toBe(true);
    expect(state.args[0]!.range.start).toMatchObject({ line: 4, column: 8 });
    expect(a.usedDefinitions.has('ROLE')).toBe(true);
  });

  it('expands multi-line definitions and ~SEQ lines', () => {
    const a = analyze('$VIPS= \\\n 10.0.0.1 \\\n 10.0.0.2\nvrrp_instance A {\n  virtual_router_id 9\n  virtual_ipaddress {\n    $VIPS\n    ~SEQ(n, 20, 22) 192.168.1.${n}/24\n  }\n}\n');
    expect(a.model.vrrpInstances[0]!.virtualIpaddresses.map((v) => v.text)).toEqual(['10.0.0.1', '10.0.0.2', '192.168.1.20/24', '192.168.1.21/24', '192.168.1.22/24']);
    expect(a.diagnostics).toEqual([]);
  });

  it('reads ~SEQ headers as keepalived does: any variable name, strtol numbers', () => {
    const unknowns = (line: string) =>
      analyze(`global_defs {\n${line}\n}\n`).diagnostics.map((d) => (d.code === 'KA201' ? /'([^']*)'/.exec(d.message)![1] : d.code));
    // the variable is whatever precedes the first blank, comma or ')' (keepalived -t: two lines 'x$1')
    expect(unknowns('~SEQ(1,2) x$1')).toEqual(['x$1', 'x$1']);
    expect(unknowns('~SEQ (n,1,2) x$n')).toEqual(['x1', 'x2']);
    expect(unknowns('~SEQ(n,010) x$n')).toHaveLength(8); // octal
    expect(unknowns('~SEQ(n,) x$n')).toEqual(['x1', 'x0']);
    expect(unknowns('~SEQ(n x,2) x$n')).toEqual(['x0', 'x1', 'x2']);
    expect(unknowns('~SEQ(n,08) x$n')).toEqual(['KA113']);
    expect(unknowns('~SEQx(n,-1,2) x$n')).toEqual(['KA113']);
  });

  // Found by the substitution audit (session 59): keepalived 2.2.7 substitutes from left to right and stops at the
  // first reference that would take the line past its limit. It reads 'router_id aaa… ${B}': "Unexpected '{'",
  // "Unknown keyword 'B'", "Unknown keyword '}'". kalint had left ${A} and substituted ${B}.
  it('at the line limit, keeps the references before the one that does not fit substituted', () => {
    const text = `$A=${'a'.repeat(600)}\n$B=${'b'.repeat(600)}\nglobal_defs {\n    router_id \${A} \${B}\n}\n`;
    const a = analyze(text);
    expect(a.diagnostics.filter((d) => d.code === 'KA201').map((d) => d.message)).toEqual(["Unknown keyword 'B' in 'global_defs'"]);
    expect(a.diagnostics.filter((d) => d.code === 'KA113').map((d) => d.range.start.line)).toEqual([3]);
    expect(a.model.globalDefs?.routerId?.value).toBe('a'.repeat(600));
  });

  // The recheck of session 59: a reference inside a value is substituted in place against what is left (2.2.7:
  // `$C=${A} ${B}` reads ${A} and stops at ${B}); and the limit is 1023 characters without the leading blanks (the
  // 2.0.19, 2.1.5, 2.2.7 and 2.4.3 builds: `router_id ${A} x` expands to 1023 and stops at 1024, indented by four to 1027).
  it('at the line limit, substitutes a value\'s own references up to the one that does not fit; the limit is 1023 characters', () => {
    const nested = `$A=${'a'.repeat(600)}\n$B=${'b'.repeat(600)}\n$C=\${A} \${B}\nglobal_defs {\n    router_id x $C\n}\n`;
    expect(analyze(nested).diagnostics.filter((d) => d.code === 'KA201').map((d) => d.message)).toEqual(["Unknown keyword 'B' in 'global_defs'"]);
    const line = (indent: number, total: number) => `$A=${'a'.repeat(total - 'router_id '.length - 2)}\nglobal_defs {\n${' '.repeat(indent)}router_id \${A} x\n}\n`;
    const stops = (indent: number, total: number) => analyze(line(indent, total)).diagnostics.some((d) => d.code === 'KA113');
    expect([stops(0, 1023), stops(0, 1024), stops(4, 1023), stops(4, 1024)]).toEqual([false, true, false, true]);
  });

  // fuzz60 bug 5: keepalived keeps the other lines of a multi-line value only once the substitution that put its first
  // line in is done (2.2.7 replace_param stores where they are at its end): a reference on that first line that does
  // not fit makes it return first, and the rest of the value is lost. A reference that does not fit on a later line
  // of the value loses nothing more. The 2.0.19, 2.1.5, 2.2.7 and 2.4.3 builds agree.
  const vip = (n: number) => `$VIP=${'v'.repeat(n)}\n`;
  const restLost = `${vip(1015)}$M=router_id a $VIP \\\n   bogus_two\nglobal_defs {\n$M\n}\n`;
  const braceLost = `${vip(1010)}$M=global_defs { $VIP \\\n   bogus_two \\\n   }\n$M\nbogus_three\n`;
  const laterLine = `${vip(1015)}$M=router_id a \\\n  bogus_one $VIP \\\n   bogus_two\nglobal_defs {\n$M\n}\n`;
  const unknown = (text: string) => analyze(text).diagnostics.filter((d) => d.code === 'KA201').map((d) => `${d.range.start.line + 1} ${/'([^']*)'/.exec(d.message)![1]!.slice(0, 12)}`);
  it('drops the rest of a multi-line value when a reference on its first line does not fit', () => {
    // keepalived 2.2.7 -t: nothing at all for the first (bogus_two is never read).
    expect(unknown(restLost)).toEqual([]);
    const said = analyze(restLost).diagnostics.find((d) => d.code === 'KA113')!.message;
    expect(said).toContain("as this is the first line of the multi-line value of $M, keepalived also loses the value's other line, which it never reads");
    // "(Line 5) Unknown keyword 'vvvv…'", "(Line 6) Unknown keyword 'bogus_three'" (inside global_defs), "There are 1
    // missing '}'s or extra '{'s".
    expect(unknown(braceLost)).toEqual(['5 vvvvvvvvvvvv', '6 bogus_three']);
    expect(analyze(braceLost).diagnostics.filter((d) => d.code === 'KA201')[1]!.message).toContain("in 'global_defs'");
    expect(codes(braceLost)).toContain('5:KA102');
    // On a later line of the value: keepalived reports bogus_one and bogus_two.
    expect(unknown(laterLine)).toEqual(['6 bogus_one', '6 bogus_two']);
    expect(analyze(laterLine).diagnostics.find((d) => d.code === 'KA113')!.message).not.toContain('loses');
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t reads a multi-line value whose first line does not fit', () => {
    const words = (text: string) => [...new Set(runKeepalived(text).messages.filter((m) => m.message.startsWith('Unknown keyword')).map((m) => `${m.line} ${/'([^']*)'/.exec(m.message)![1]!.slice(0, 12)}`))];
    expect(words(restLost)).toEqual([]);
    expect(words(braceLost)).toEqual(['5 vvvvvvvvvvvv', '6 bogus_three']);
    expect(words(laterLine)).toEqual(['6 bogus_one', '6 bogus_two']);
  });

  // The fmt/peer audit of session 59: keepalived 2.2.7 takes only blanks and tabs off a line's start, so `\finclude
  // b.conf` is "Unknown keyword 'include'" (b.conf not read) and `\v~SEQ(…)` an unknown keyword too.
  it('reads a line with a vertical tab or form feed before its first word as a keyword line', () => {
    expect(codes('\finclude b.conf\n')).toEqual(['1:KA201']);
    expect(codes('vrrp_instance X {\n\v~SEQ(i,1,2) track_interface { eth$i }\n}\n').filter((c) => c.startsWith('2:'))).toEqual(expect.arrayContaining(['2:KA201']));
    expect(codes('  \tinclude b.conf\n')).not.toContain('1:KA201');
    // Session 60's fuzzing: a carriage return too (a stray CR, or a CR-only file), and a `$NAME=` after any of the
    // three is no definition (2.2.7: "Unknown keyword '@x'", "Unknown keyword '$X=router_id'", "Unknown keyword '$X'").
    expect(codes('global_defs {\n \r@x router_id a\n}\n', { configId: 'x' })).toEqual(['2:KA201']);
    expect(codes('global_defs {\n \rinclude none.conf\n}\n')).toEqual(['2:KA201']);
    for (const blank of ['\v', '\f', '\r']) expect(codes(`${blank}$X=router_id a\nglobal_defs {\n $X\n}\n`).filter((c) => c.endsWith('KA201'))).toEqual(['1:KA201', '3:KA201']);
  });

  it('reports definitions that never stop expanding', () => {
    expect(codes('$A=$B\n$B=$A\nglobal_defs {\n  router_id $A\n}\n')).toContain('4:KA113');
  });
  // keepalived's own test configs (pqarmitage/keepalived-devel-tools, realc 1038.conf) expand one line into
  // ~25,000: a block of instances for each of 250 ids, twice. kalint stopped at 10,000 lines and then reported
  // the unread rest (a block never closed, track files not defined) on a file keepalived 2.2.7 reads silently.
  it('reads a line that definitions expand into tens of thousands of lines; stops definitions that double without end', () => {
    const block = '$BLOCK= \\\nvrrp_instance V_${ID} { \\\n  interface eth0 \\\n  virtual_router_id 1 \\\n  priority 100 \\\n  virtual_ipaddress { \\\n    10.0.0.1 \\\n  } \\\n}\n';
    const ids = Array.from({ length: 1500 }, (_, i) => `$ID=${i + 1} \\\n$BLOCK \\\n`).join('');
    const big = analyze(`${block}$ALL= \\\n${ids}\n$ALL\n`);
    expect(big.diagnostics.filter((d) => d.code === 'KA113')).toEqual([]);
    expect(big.model.vrrpInstances.length).toBe(1500);
    let doubling = '$L0= \\\n  track_interface {\\\n    eth0\\\n  }\n';
    for (let i = 1; i <= 22; i++) doubling += `$L${i}= \\\n$L${i - 1} \\\n$L${i - 1}\n`;
    const stopped = analyze(`${doubling}vrrp_instance A {\n$L22\n}\n`).diagnostics.filter((d) => d.code === 'KA113' && /more than/.test(d.message));
    expect(stopped.map((d) => d.message)).toEqual(['Definitions expand this line into more than 50000 lines; kalint stops expanding']);
  });
  // Found in pqarmitage/keepalived-devel-tools configs/1996.conf (`$IF=${IF}`, then `interface ${IF}`):
  // keepalived 2.2.7 substitutes again from the text it wrote, so a cycle that does not lengthen the
  // line never ends (keepalived -t hangs); one that lengthens it stops at the line limit (exit 0).
  const hangs = ['$A=$B\n$B=$A\nglobal_defs {\n  router_id $A\n}\n', '$IF=${IF}\nglobal_defs {\n  router_id ${IF}\n}\n'];
  const grows = '$A=x$A\nglobal_defs {\n  router_id $A\n}\n';
  it('says keepalived loops forever on definitions that expand into themselves without lengthening the line', () => {
    for (const t of hangs) expect(analyze(t).diagnostics.find((d) => d.code === 'KA113')!.message).toContain('loops forever');
    expect(analyze(grows).diagnostics.find((d) => d.code === 'KA113')?.message ?? '').not.toContain('loops forever');
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t: a non-lengthening definition cycle hangs, a lengthening one ends', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kalint-ka113-'));
    writeFileSync(join(dir, 'keepalived.conf'), hangs[1]!);
    const r = spawnSync('keepalived', ['-t', '-f', join(dir, 'keepalived.conf'), '-i', 'x'], { timeout: 5000 });
    rmSync(dir, { recursive: true, force: true });
    expect(r.signal).toBe('SIGTERM');
    expect(runKeepalived(grows).exitStatus).toBe(0);
  });
  // Fuzz seed 539 (2.2.2): a multi-line definition holding a ~SEQ line that uses the definition itself. Each row
  // makes the same ~SEQ line again; the 2.0.19, 2.2.2, 2.2.7 and 2.4.3 builds expand it silently until memory runs out.
  const seqSelf = '$RS= \\\nreal_server 10.0.0.${N} 80 { \\\n} \\\n~SEQ(N,1,3) $RS\nvirtual_server 10.0.0.1 80 {\n  ~SEQ(N,1,3) $RS\n}\n';
  const seqDeep = Array.from({ length: 18 }, (_, i) => `$S${i}=~SEQ(I${i},1,1) $S${i + 1}`).join('\n') + '\n$S18=router_id x\nglobal_defs {\n  $S0\n}\n';
  it('says keepalived loops forever on a ~SEQ line whose rows make it again; a merely deep nesting stays a warning', () => {
    for (const target of ['2.0.19', '2.2.7', '2.4.3']) {
      const d = analyze(seqSelf, { targetVersion: target }).diagnostics.filter((x) => x.code === 'KA113');
      expect(d.map((x) => `${x.range.start.line + 1}:${x.severity}`), target).toEqual(['6:error']);
      expect(d[0]!.message).toContain('loops forever');
    }
    const deep = analyze(seqDeep).diagnostics.filter((x) => x.code === 'KA113');
    expect(deep.map((x) => `${x.severity}:${/more than 16 deep/.test(x.message)}`)).toEqual(['warning:true']);
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t: a ~SEQ line that makes itself again does not finish', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kalint-ka113-'));
    writeFileSync(join(dir, 'keepalived.conf'), seqSelf);
    const r = spawnSync('keepalived', ['-t', '-f', join(dir, 'keepalived.conf'), '-i', 'x'], { timeout: 2000 });
    rmSync(dir, { recursive: true, force: true });
    expect(r.signal).toBe('SIGTERM');
  });
  // Mutation fuzzer seed 673 (2.4.3), reduced: a '\\#note' line ends $NUM_BLOCK for the parent, which then defines $NUM
  // over three lines, the second of which leads back to ${NUM}: the parent expands it forever (every release from
  // 2.0.19 to 2.4.3 hangs). The VRRP and checker processes skip the marker line and define no $NUM, so the main
  // reading saw no loop.
  const parentLoop = ['$VI6=\\', '    interface bond${IF}.${NUM} \\', '', '$VIs= \\', '$VI6', '$ID_BLOCK= \\', '$VIs', '$NUM_BLOCK= \\', '$ID_BLOCK \\', '\\#note', '$NUM=180 \\', '$ID_BLOCK \\', '$IF=1', '$NUM_BLOCK', ''].join('\n');
  it("says keepalived loops forever where only its parent's reading of a '\\#' line in a definition loops", () => {
    const d = analyze(parentLoop).diagnostics.filter((x) => x.code === 'KA113' && x.message.includes('loops forever'));
    expect(d.map((x) => `${x.range.start.line + 1}:${x.severity}`)).toEqual(['14:error']);
    expect(d[0]!.message).toContain("as keepalived's parent process reads the file");
    // A plain line there ends the definition for every process alike: the loop is found without the parent's reading.
    const plain = analyze(parentLoop.replace('\\#note', 'note')).diagnostics.filter((x) => x.code === 'KA113');
    expect(plain.map((x) => `${x.range.start.line + 1}:${x.message.includes('loops forever')}:${x.message.includes('parent')}`)).toEqual(['14:true:false']);
  });
  it.skipIf(!keepalivedAvailable())("keepalived -t: the parent's loop on a '\\#' line in a definition does not finish", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kalint-ka113-'));
    writeFileSync(join(dir, 'keepalived.conf'), parentLoop);
    const r = spawnSync('keepalived', ['-t', '-f', join(dir, 'keepalived.conf'), '-i', 'x'], { timeout: 2000, stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
    expect(r.signal).toBe('SIGTERM');
  });
});

// Mutation fuzzer seeds 684 (2.2.7) and 711 (2.4.3), reduced: keepalived reads each later line of a multi-line value
// as a line of its own, looking for `$NAME=` before it substitutes, and a definition begun there that goes on
// (`\ \` keeps one backslash in the value) takes the value's next lines first.
// Found on keepalived's maintainer's test configs (`script $SCRIPT_DIR/keepalived-addr.sh`): find_definition takes a
// bare name for a reference only before a blank, a tab, ',' or ')' or at the end of the line.
describe('a bare $NAME with a character glued after it', () => {
  const text = ['$N=5', '$BASE=/usr/local/bin', 'vrrp_instance V {', '  interface eth0', '  virtual_router_id 5', '  virtual_ipaddress {', '    10.0.$N.1', '    10.0.${N}.2', '    10.0.0.$N', '  }', '  notify_master $BASE/notify.sh', '  notify_backup "${BASE}/notify.sh"', '}', ''].join('\n');
  it('says keepalived reads it as written, and how to write it', () => {
    const d = lintText(text).diagnostics.filter((x) => x.code === 'KA109');
    expect(d.map((x) => `${x.range.start.line + 1}:${x.range.start.column + 1}:${x.severity}`)).toEqual(['7:10:warning', '11:17:warning']);
    expect(d[0]!.message).toBe("'$N' is not substituted here: keepalived takes a bare $NAME for a reference only before a blank, a tab, ',' or ')' or at the end of the line, and '.' follows it, so it reads '$N.1' as written; write '${N}.1'");
    expect(d[1]!.message).toContain("write '${BASE}/notify.sh'");
    // The words keepalived reads: the glued one as written, the others substituted.
    expect(analyze(text).model.vrrpInstances[0]!.virtualIpaddresses.map((v) => v.text)).toEqual(['10.0.$N.1', '10.0.5.2', '10.0.0.5']);
  });
  it('leaves names that are no definition, and other characters after them, to the other checks', () => {
    const other = ['$N=5', 'global_defs {', '  router_id a$M.b', '  smtp_server 10.0.0.$N', '}', ''].join('\n');
    expect(lintText(other).diagnostics.filter((x) => x.code === 'KA109')).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t reads the glued reference as written', () => {
    const said = runKeepalived(text).messages.map((m) => `${m.line}: ${m.message}`);
    expect(said).toContain('7: VRRP parsed invalid IP 10.0.$N.1. skipping IP...');
    expect(said.some((m) => m.startsWith('8:') || m.startsWith('9:'))).toBe(false);
  });
});

describe('a definition on a later line of a multi-line value', () => {
  const stored = ['$N=300', '$A= \\', 'vrrp_script s1 { \\', '$B=priority $N \\', 'script /usr/bin/true \\', '}', '$A', '$N=50',
    'vrrp_instance V1 {', '  interface eth0', '  state BACKUP', '  virtual_router_id 5', '  ${B}', '  virtual_ipaddress {', '    10.0.0.1', '  }', '}', ''].join('\n');
  const goesOn = ['$A= \\', 'vrrp_script s1 { \\', '$B=vrrp_instance V1 { \\ \\', 'interface eth0 \\', 'script /usr/bin/true \\', '}', '$A', '${B}',
    '  state BACKUP', '  virtual_router_id 5', '  virtual_ipaddress {', '    10.0.0.1', '  }', '}', ''].join('\n');
  // The same through a ~SEQ row that uses the value.
  const inSeqRow = stored.replace('vrrp_script s1 {', 'vrrp_script s$I {').replace('$N=300\n$A= \\', '$A= \\').replace('}\n$A\n', '}\n$N=300\n~SEQ(I,1,2) $A\n');
  const errors = (text: string, targetVersion: string) => lintText(text, { targetVersion }).diagnostics.filter((d) => d.severity === 'error' || d.code === 'KA113');
  // As the 2.0.19, 2.1.5 and 2.4.3 builds read them too.
  for (const targetVersion of ['2.0.19', '2.1.5', '2.2.7', '2.4.3']) {
    it(`stores the line as written, substituted where it is used (${targetVersion})`, () => {
      const a = analyze(stored, { targetVersion });
      expect(a.model.vrrpInstances[0]!.priority!.value).toBe(50);
      expect(errors(stored, targetVersion)).toEqual([]);
      expect(inSeqRow).toContain('~SEQ(I,1,2) $A\n$N=50');
      expect(analyze(inSeqRow, { targetVersion }).model.vrrpInstances[0]!.priority!.value).toBe(50);
      expect(errors(inSeqRow, targetVersion)).toEqual([]);
    });
    it(`takes the value's next lines into a definition that goes on there (${targetVersion})`, () => {
      const a = analyze(goesOn, { targetVersion });
      expect(a.model.vrrpInstances.map((v) => `${v.name}:${v.interface?.value}:${v.virtualRouterId?.value}`)).toEqual(['V1:eth0:5']);
      expect(errors(goesOn, targetVersion)).toEqual([]);
    });
  }
  it.skipIf(!keepalivedAvailable())('keepalived -t accepts both without a word', () => {
    for (const text of [stored, goesOn, inSeqRow]) expect(runKeepalived(text).messages.filter((m) => !/security|insecure|default user/i.test(m.message))).toEqual([]);
  });
});

describe('a repeated script setting whose first line names the user to run it as', () => {
  // Mutation fuzzer seed 686 (2.2.7): keepalived drops a script it cannot run as the user named (no "already
  // specified" for the second line then), so which line counts depends on the host's users; root is on every host.
  const fifo = (user: string) => `global_defs {\n  notify_fifo_script "/usr/bin/check --fast" ${user}\n  notify_fifo_script /bin/b\n}\n`;
  const master = (user: string) => `vrrp_instance VI_1 {\n  notify_master "/bin/true a" ${user}\n  notify_master /bin/false\n}\n`;
  const ka209 = (text: string) => analyze(text).diagnostics.filter((d) => d.code === 'KA209').map((d) => `${d.range.start.line + 1}:${d.severity}`);
  it('is a warning that says so, unless the user is root', () => {
    expect(ka209(fifo('kalint_nosuch x'))).toEqual(['3:warning']);
    expect(ka209(master('kalint_nosuch'))).toEqual(['3:warning']);
    expect(analyze(fifo('kalint_nosuch')).diagnostics.find((d) => d.code === 'KA209')!.message).toContain("runs its script as 'kalint_nosuch': where that user exists, keepalived ignores this one and keeps the first; where it does not, keepalived drops the first and keeps this one");
    expect(ka209(fifo('root'))).toEqual(['3:error']);
    expect(ka209(master('root'))).toEqual(['3:error']);
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t does: "already specified" only where the first line\'s user exists', () => {
    const said = (text: string) => runKeepalived(text).messages.some((m) => /already specified/.test(m.message));
    expect(said(fifo('kalint_nosuch'))).toBe(false);
    expect(said(fifo('root'))).toBe(true);
    expect(said(master('kalint_nosuch'))).toBe(false);
    expect(said(master('root'))).toBe(true);
  });
});

describe('includes', () => {
  const files = {
    '/etc/keepalived/keepalived.conf': 'global_defs {\n  router_id lb1\n}\ninclude conf.d/*.conf\nvrrp_instance VI_1 {\n  include vi1/{state,prio}.inc\n  virtual_router_id 51\n}\n',
    '/etc/keepalived/conf.d/a.conf': 'vrrp_script chk {\n  script "/bin/true"\n}\n',
    '/etc/keepalived/conf.d/b.conf': 'vrrp_sync_group G {\n  group {\n    VI_1\n  }\n}\n',
    '/etc/keepalived/vi1/state.inc': 'state MASTER\n',
    '/etc/keepalived/vi1/prio.inc': 'priority 101\nprioritty 5\n',
  };
  const host = memoryHost(files);
  const main = '/etc/keepalived/keepalived.conf';

  it('follows globs and brace patterns relative to the including file, inside blocks too', () => {
    const a = analyze(files[main], { file: main, host });
    expect([...a.files.keys()]).toEqual([main, '/etc/keepalived/conf.d/a.conf', '/etc/keepalived/conf.d/b.conf', '/etc/keepalived/vi1/state.inc', '/etc/keepalived/vi1/prio.inc']);
    const vi = a.model.vrrpInstances[0]!;
    expect(vi.state!.value).toBe('MASTER');
    expect(vi.priority!.value).toBe(101);
    expect(a.model.vrrpScripts[0]!.name).toBe('chk');
    // A finding inside an included file names that file.
    const d = a.diagnostics.find((x) => x.code === 'KA201')!;
    expect(d.file).toBe('/etc/keepalived/vi1/prio.inc');
    expect(d.range.start.line).toBe(1);
  });

  it('reports missing files and empty globs', () => {
    // A glob in a folder that does not exist is a missing file for keepalived (2.2.0 and later), one that matches nothing in a folder that does is not.
    const a = analyze('include missing.conf\nincludem also-missing.conf\ninclude nothing/*.conf\ninclude vi1/*.nothing\n', { file: '/etc/keepalived/keepalived.conf', host });
    expect(a.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}:${d.severity}`)).toEqual(['1:KA110:warning', '2:KA110:error', '3:KA110:warning', '4:KA110:info']);
  });

  it('detects include cycles and bounds the depth', () => {
    const cyc = memoryHost({ '/k/a.conf': 'include b.conf\n', '/k/b.conf': 'include a.conf\n' });
    const a = analyze('include b.conf\n', { file: '/k/a.conf', host: cyc });
    expect(a.diagnostics.map((d) => d.code)).toEqual(['KA111']);
    expect(a.diagnostics[0]!.file).toBe('/k/b.conf');

    const deep: Record<string, string> = {};
    for (let i = 0; i < 50; i++) deep[`/d/${i}.conf`] = `include ${i + 1}.conf\n`;
    const b = analyze(deep['/d/0.conf']!, { file: '/d/0.conf', host: memoryHost(deep), maxIncludeDepth: 10 });
    expect(b.diagnostics.map((d) => d.code)).toContain('KA112');
    // api64 bug 6: NaN bounded nothing (depth >= NaN is never true). A value that is no number from 0 up is ignored
    // for the default bound (10,000, said as kalint's own); a fractional one is rounded down.
    const stopsAt = (maxIncludeDepth: unknown) => analyze(deep['/d/0.conf']!, { file: '/d/0.conf', host: memoryHost(deep), maxIncludeDepth: maxIncludeDepth as number }).diagnostics.filter((d) => d.code === 'KA112').map((d) => `${d.file} ${d.message.split(';')[0]}`);
    for (const v of [NaN, -1, '5', null]) expect(stopsAt(v)).toEqual([]);
    expect(stopsAt(10.9)).toEqual(stopsAt(10));
    expect(stopsAt(10)).toEqual(['/d/9.conf include nesting deeper than 10 levels: kalint stops following includes here (its own bound, set by maxIncludeDepth']);
    expect(stopsAt(0)).toEqual(['/d/0.conf include nesting deeper than 0 levels: kalint stops following includes here (its own bound, set by maxIncludeDepth']);
  });

  it('KA112 where keepalived runs out of file descriptors under the usual limit of 1,024, not at 32 levels (rules62)', () => {
    // keepalived 2.2.7 -t with ulimit -n 1024: the main file named with a folder, then files named without one (one
    // descriptor each): 1,017 files read, d1016.conf's include of d1017.conf "open problem (Too many open files) -
    // skipping", exit 0; files named with a folder hold two each: 509 read, d508's include of d509 skipped. 2.0.19 and
    // 2.1.5 hold one descriptor fewer besides, so they read one more file. A 33-level chain is read to its end.
    const chain = (n: number, folder: boolean, first = '') => {
      const files: Record<string, string> = {};
      for (let i = 0; i < n; i++) files[`/c/d${i}.conf`] = (i === 0 ? first : '') + `include ${folder ? '/c/' : ''}d${i + 1}.conf\n`;
      files[`/c/d${n}.conf`] = 'global_defs {\n    bogus_deep_kw\n}\n';
      return files;
    };
    const at = (files: Record<string, string>, targetVersion?: string) => {
      const a = analyze(files['/c/d0.conf']!, { file: '/c/d0.conf', host: memoryHost(files), targetVersion });
      return { ka112: a.diagnostics.filter((d) => d.code === 'KA112'), unknown: a.diagnostics.filter((d) => d.code === 'KA201').map((d) => d.file) };
    };
    const d33 = at(chain(33, false));
    expect(d33.ka112).toEqual([]);
    expect(d33.unknown).toEqual(['/c/d33.conf']);
    expect(at(chain(1016, false)).ka112).toEqual([]);
    const over = at(chain(1017, false));
    expect(over.ka112.map((d) => [d.file, d.range.start.line, d.severity])).toEqual([['/c/d1016.conf', 0, 'error']]);
    expect(over.ka112[0]!.message).toContain("with the usual limit of 1,024 open files (systemd's default for a service) it has none left for 'd1017.conf' here");
    expect(over.ka112[0]!.message).toContain('keepalived -t exits 0');
    expect(over.ka112[0]!.message).not.toContain('kalint stops');
    // kalint reads on, as keepalived does under a higher limit.
    expect(over.unknown).toEqual(['/c/d1017.conf']);
    expect(at(chain(508, true)).ka112).toEqual([]);
    expect(at(chain(509, true)).ka112.map((d) => d.file)).toEqual(['/c/d508.conf']);
    expect(at(chain(1017, false), '2.1.5').ka112).toEqual([]);
    expect(at(chain(1018, false), '2.0.19').ka112.map((d) => d.file)).toEqual(['/c/d1017.conf']);
    // include_check's read check makes the skipped file a configuration error (2.2.7 -t: exit 6).
    const checked = at(chain(1017, false, 'global_defs {\n    include_check read\n}\n'));
    expect(checked.ka112[0]!.message).toContain('keepalived refuses the whole configuration');
  });

  it('counts as include depth the files being read, not the later matches of a glob that wait beside them', () => {
    // Session 60: the first of 40 files a glob matched, including one more file, was "nested deeper than 32 levels".
    const files: Record<string, string> = { '/g/leaf.conf': '' };
    for (let i = 0; i < 40; i++) files[`/g/d/f${String(i).padStart(2, '0')}.conf`] = 'include ../leaf.conf\n';
    const a = analyze('include d/*.conf\n', { file: '/g/keepalived.conf', host: memoryHost(files) });
    expect(a.diagnostics.filter((d) => d.code === 'KA112')).toEqual([]);
    expect(a.files.has('/g/leaf.conf')).toBe(true);
  });

  it('an include cycle entered more than once per pass never ends, and says so', async () => {
    // Include fuzzer, seed 640: a file that includes itself twice makes keepalived read it 2, 4, 8… times at each
    // level until it runs out of file descriptors; `keepalived -t` never finishes. Once per pass is a plain cycle.
    // analyze() reports a line once per read of its file (the linter then keeps one).
    const said = (files: Record<string, string>, main: string) => {
      const host = memoryHost(Object.fromEntries(Object.entries(files).map(([k, v]) => [`/k/${k}`, v])));
      const cycles = analyze(files[main]!, { file: `/k/${main}`, host }).diagnostics.filter((d) => d.code === 'KA111' && d.message.startsWith('include cycle'));
      return [...new Set(cycles.map((d) => `${d.file.replace('/k/', '')}:${d.range.start.line + 1}:${/never finishes/.test(d.message) ? 'hangs' : 'ends'}`))];
    };
    const cases: { files: Record<string, string>; main: string; expected: string[] }[] = [
      { files: { 'a.conf': 'include a.conf\ninclude a.conf\n' }, main: 'a.conf', expected: ['a.conf:1:hangs', 'a.conf:2:hangs'] },
      { files: { 'a.conf': 'include b.conf\ninclude b.conf\n', 'b.conf': 'include a.conf\n' }, main: 'a.conf', expected: ['b.conf:1:hangs'] },
      { files: { 'a.conf': '~SEQ(i, 1, 2) include a.conf\n' }, main: 'a.conf', expected: ['a.conf:1:hangs'] },
      { files: { 'a.conf': 'include b.conf\n', 'b.conf': 'include a.conf\nvrrp_instance Y {\n}\n' }, main: 'a.conf', expected: ['b.conf:1:ends'] },
      { files: { 'a.conf': 'include a.conf\n' }, main: 'a.conf', expected: ['a.conf:1:ends'] },
      // Two reads of one plain cycle from outside it: each read ends.
      { files: { 'main.conf': 'include a.conf\ninclude a.conf\n', 'a.conf': 'include a.conf\n' }, main: 'main.conf', expected: ['a.conf:1:ends'] },
    ];
    for (const c of cases) expect(said(c.files, c.main), JSON.stringify(c.files)).toEqual(c.expected);
    if (keepalivedAvailable()) {
      const runs = await Promise.all(cases.map((c) => runKeepalivedAsync(c.files[c.main]!, { mainFile: c.main, files: c.files, timeoutMs: 15_000 })));
      expect(runs.map((r) => (r.signal ? 'hangs' : 'ends'))).toEqual(cases.map((c) => (c.expected[0]!.endsWith('hangs') ? 'hangs' : 'ends')));
    }
    // 15 s, not 4: a cycle that ends still reads ~1,000 levels, which took over 4 s on a loaded machine.
  }, 60_000);

  it('a file included by each row of a ~SEQ is read once per row, no cycle', () => {
    // Include fuzzer, seed 354: the rows come before any file they include, so the second row's include finds the
    // first one's file pushed but not read from yet; keepalived 2.2.7 reads it once per row ("Unknown keyword '}'"
    // for the one '}' that closes nothing), where kalint had reported an include cycle.
    const main = ['$VIP=virtual_ipaddress { \\', '192.168.1.10/24 \\', 'include part0.conf', 'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', '    ~SEQ(I, 10, 5, 20) ${VIP}', '}', ''].join('\n');
    const files = { 'part0.conf': '}\n' };
    const a = analyze(main, { file: '/k/keepalived.conf', host: memoryHost({ '/k/keepalived.conf': main, '/k/part0.conf': files['part0.conf'] }) });
    expect(a.diagnostics.filter((d) => d.code === 'KA111')).toEqual([]);
    const braces = lintText(main, { file: '/k/keepalived.conf', host: memoryHost({ '/k/keepalived.conf': main, '/k/part0.conf': files['part0.conf'] }) }).diagnostics.filter((d) => d.code === 'KA103' && d.message.startsWith("'}'"));
    expect(braces.map((d) => `${d.file.replace('/k/', '')}:${d.range.start.line + 1}`).sort()).toEqual(['keepalived.conf:8', 'part0.conf:1']);
    if (keepalivedAvailable()) {
      const said = runKeepalived(main, { files }).messages.filter((m) => /Unknown keyword '\}'/.test(m.message)).map((m) => `${m.file}:${m.line}`);
      expect([...new Set(said)].sort()).toEqual(['keepalived.conf:8', 'part0.conf:1']);
    }
  });

  it('reports the instances of an include cycle where keepalived reads them again', () => {
    const vi = (n: string, id: number) => `vrrp_instance ${n} {\n interface eth0\n virtual_router_id ${id}\n virtual_ipaddress {\n  10.0.0.${id}\n }\n}\n`;
    const main = `include b.conf\n${vi('X', 1)}`;
    const files = { 'b.conf': `${vi('Y', 2)}include keepalived.conf\n` };
    const cyc = memoryHost({ '/k/keepalived.conf': main, '/k/b.conf': files['b.conf'] });
    const a = analyze(main, { file: '/k/keepalived.conf', host: cyc });
    expect(a.diagnostics.map((d) => `${d.file.replace('/k/', '')}:${d.range.start.line + 1}:${d.code}`).sort()).toEqual(['b.conf:1:KA111', 'b.conf:8:KA111', 'keepalived.conf:2:KA111']);
    if (keepalivedAvailable()) {
      const said = new Set(runKeepalived(main, { files }).messages.filter((m) => /already defined/.test(m.message)).map((m) => `${m.file}:${m.line}`));
      expect([...said].sort()).toEqual(['b.conf:1', 'keepalived.conf:2']);
    }
  });

  it('maps absolute include prefixes to repository folders', () => {
    const repo = memoryHost({ '/repo/deploy/conf.d/x.conf': 'vrrp_script chk {\n  script "/bin/true"\n}\n' });
    const a = analyze('include /etc/keepalived/conf.d/x.conf\n', { file: '/repo/deploy/keepalived.conf', host: repo, pathMappings: { '/etc/keepalived': '/repo/deploy' } });
    expect(a.diagnostics).toEqual([]);
    expect(a.model.vrrpScripts.map((s) => s.name)).toEqual(['chk']);
  });

  it('names the path mapping that would find an absolute include in the repository', () => {
    const repo = memoryHost({ '/repo/deploy/conf.d/x.conf': 'vrrp_script chk {\n  script "/bin/true"\n}\n', '/repo/deploy/keepalived.conf': '' });
    const opts = { file: '/repo/deploy/keepalived.conf', host: repo };
    const [glob] = analyze('include /etc/keepalived/conf.d/*.conf\n', opts).diagnostics;
    expect(glob!.message).toBe(`include pattern '/etc/keepalived/conf.d/*.conf' matches no file: the folder '/etc/keepalived/conf.d' does not exist (keepalived: "Config files missing"); 'conf.d/*.conf' beside this file matches 1 file: to check what the node reads, map '/etc/keepalived' to this folder in .kalint.json ("pathMappings": { "/etc/keepalived": "." } in a .kalint.json here)`);
    expect(analyze('include /etc/keepalived/conf.d/x.conf\n', opts).diagnostics[0]!.message).toContain("'conf.d/x.conf' beside this file matches 1 file");
    // No hint from nothing, nor from the including file itself.
    expect(analyze('include /etc/keepalived/other/*.conf\n', opts).diagnostics[0]!.message).toBe(`include pattern '/etc/keepalived/other/*.conf' matches no file: the folder '/etc/keepalived/other' does not exist (keepalived: "Config files missing")`);
    expect(analyze('include /etc/keepalived/keepalived.conf\n', opts).diagnostics[0]!.message).not.toContain('beside');
  });

  it('says keepalived skips an included directory or executable file, and an executable main file', () => {
    // keepalived 2.2.7 -t: "Configuration file 'conf.d/' is a directory - skipping" (exit 0; includem: 6), and
    // "Configuration file 'x.conf' is not a regular non-executable file - skipping" (for the main file too).
    const tree = memoryHost({ '/k/conf.d/a.conf': 'global_defs {\n}\n', '/k/x.conf': 'global_defs {\n}\n', '/k/keepalived.conf': '' });
    const exec = { ...tree, isExecutable: (p: string) => p === '/k/x.conf' };
    const a = analyze('include conf.d\nincludem conf.d/\ninclude x.conf\n', { file: '/k/keepalived.conf', host: exec });
    expect(a.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}:${d.severity}`)).toEqual(['1:KA110:warning', '2:KA110:error', '3:KA110:warning']);
    expect(a.diagnostics[0]!.message).toBe(`include '/k/conf.d' is a directory, which keepalived skips (keepalived: "is a directory - skipping"); include its files with a pattern such as 'conf.d/*.conf'`);
    expect(a.diagnostics[2]!.message).toContain('keepalived skips executable configuration files');
    expect([...a.files.keys()]).toEqual(['/k/keepalived.conf']);
    const main = analyze('global_defs {\n}\n', { file: '/k/x.conf', host: exec });
    expect(main.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(['1:KA110']);
    expect(main.diagnostics[0]!.message).toContain('starts with nothing configured');
  });

  it('says keepalived skips an included device, pipe or socket', () => {
    // keepalived 2.2.7 -t: "Configuration file '/dev/null' is not a regular non-executable file - skipping" (exit 0;
    // includem: 6), as for a pipe a pattern matches. Without the host's word it is a file that cannot be read.
    const tree = memoryHost({ '/k/keepalived.conf': '' });
    const special = { ...tree, isSpecialFile: (p: string) => p === '/dev/null' };
    const a = analyze('include /dev/null\nincludem /dev/null\n', { file: '/k/keepalived.conf', host: special });
    expect(a.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}:${d.severity}`)).toEqual(['1:KA110:warning', '2:KA110:error']);
    expect(a.diagnostics[0]!.message).toBe(`include '/dev/null' is not a regular file (a device, a pipe or a socket), which keepalived skips (keepalived: "is not a regular non-executable file - skipping")`);
    expect(analyze('include /dev/null\n', { file: '/k/keepalived.conf', host: tree }).diagnostics[0]!.message).toContain('file not found');
  });

  it('says includes are not followed without file access', () => {
    const a = analyze('include x.conf\n');
    expect(a.diagnostics.map((d) => `${d.code}:${d.severity}`)).toEqual(['KA110:info']);
  });
});

describe('parse API', () => {
  it('returns the lossless tree, the typed model and diagnostics together', () => {
    const r = parse('vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  advert_int 1\n  virtual_ipaddress {\n    192.168.1.100/24 dev eth0\n  }\n}\n');
    expect(r.tree.children[0]!.type).toBe('statement');
    const vi = r.model.vrrpInstances[0]!;
    expect(vi).toMatchObject({ name: 'VI_1', effectiveState: 'MASTER', effectivePriority: 100, effectiveVersion: 2, family: 4 });
    expect(vi.virtualRouterId!.value).toBe(51);
    expect(vi.advertInt!.value).toBe(1);
    expect(vi.virtualIpaddresses[0]).toMatchObject({ text: '192.168.1.100/24', options: ['dev', 'eth0'], prefix: { address: '192.168.1.100', length: 24, family: 4 } });
    expect(r.diagnostics).toEqual([]);
  });

  // Session 60's API audit: a host answering a number made lintText throw ("text.indexOf is not a function").
  it('takes a host that throws or answers the wrong type for one that finds nothing', () => {
    const odd = { readFile: () => 42 as unknown as string, readDir: () => 'x' as unknown as [] };
    const throwing = { readFile: (): string => { throw new Error('boom'); }, readDir: (): [] => { throw new Error('boom'); } };
    for (const host of [odd, throwing]) {
      const said = lintText('include x.conf\ninclude y*.conf\n', { file: '/k/a.conf', host }).diagnostics.map((d) => d.code);
      expect(said).toEqual(['KA110', 'KA110']);
    }
  });

  // api64 bug 2: readDir answering [null] made the reader read `.name` of null, and the whole analysis came back as
  // one KA000; a host whose property getter throws (a Proxy) made lintText and parse throw.
  it('takes a folder entry that is no object with a string name, and a host whose getters throw, for nothing there', () => {
    const text = 'include conf.d/*.conf\nvrrp_instance VI_1 {\n bogus_keyword 1\n}\n';
    const expected = ['KA110', 'KA201', 'KA300', 'KA312', 'KA338'];
    for (const entry of [null, undefined, 5, {}, { name: 5 }, 'a.conf']) {
      const host = { readFile: (p: string) => (p.endsWith('a.conf') ? 'bogus_in_a 1\n' : undefined), readDir: () => [entry] as unknown as [] };
      expect(lintText(text, { host, file: '/k/keepalived.conf' }).diagnostics.map((d) => d.code).sort()).toEqual(expected);
    }
    const proxy = new Proxy({}, { get() { throw new Error('no such property'); } }) as SourceHost;
    const getter = { readFile: () => undefined, readDir: () => undefined, get isExecutable(): () => boolean { throw new Error('getter'); } };
    for (const host of [proxy, getter]) {
      expect(lintText(text, { host, file: '/k/keepalived.conf' }).diagnostics.map((d) => d.code).sort()).toEqual(expected);
      expect(parse('include a.conf\n', { host }).diagnostics.map((d) => d.code)).toEqual(['KA110']);
      expect(lintText('\u007fELF\u0002\u0001\u0001' + '\u0000'.repeat(40) + '\u0003\u0000>\u0000\n', { host }).diagnostics.map((d) => d.code)).toEqual(['KA119']);
    }
  });

  it('never throws, whatever the input', () => {
    for (const s of ['\u0000\u0001{{{', '}'.repeat(1000), '"'.repeat(999), '$'.repeat(500), '@'.repeat(100), '~SEQ(', 'include {a,{b,c}}']) {
      expect(() => parse(s)).not.toThrow();
    }
  });
});

describe('AST nodes past the packed limits', () => {
  it('keep the arguments of a line as long as keepalived reads, and keyword tokens past index 2^21', () => {
    // keepalived reads 1023 bytes of a line at once (KA106): the longest keyword line it can see.
    const prefix = '    notification_email_from';
    const many = Array.from({ length: 1100 }, (_, i) => `w${i}`).join(' ');
    const fits = many.slice(0, 1023 - prefix.length - 1);
    const words = fits.split(' ').filter((w) => w !== '');
    const a = analyze(`vrrp_script chk {\n    script "/bin/true"\n}\nvrrp_instance VI_1 {\n    track_script {\n        chk\n    }\n}\nglobal_defs {\n${prefix} ${many}\n}\n`);
    const gd = a.ast.children.find((n) => n.keyword === 'global_defs')!;
    const line = gd.children[0]!;
    expect(line.argCount).toBe(words.length);
    expect(line.argText(words.length - 1)).toBe(words[words.length - 1]);
    expect(line.args.length).toBe(words.length);
    expect(line.range.end.column).toBe(prefix.length + 1 + fits.trimEnd().length);

    const padding = 'x '.repeat((1 << 21) + 10);
    const b = analyze(`# ${'-'.repeat(10)}\n${padding}\nglobal_defs {\n    router_id far\n}\n`);
    const router = b.ast.children.find((n) => n.keyword === 'global_defs')!.children[0]!;
    expect(router.argText(0)).toBe('far');
    expect(router.word!.text).toBe('router_id');
    expect(router.range.start.line).toBe(3);
  });
});

describe('blocks keepalived skips', () => {
  // keepalived 2.2.7, checked with the binary: a vrrp_instance or vrrp_sync_group without exactly
  // one name is reported ("must have a name") and skipped unread; reading goes on after its '}'.
  const text = [
    'vrrp_instance {', //                1
    '    bogus_inside 1', //             2
    '    track_script {', //             3
    '        x', //                      4
    '    }', //                          5
    '}', //                              6
    'vrrp_sync_group {', //              7
    '    group {', //                    8
    '        VI_2', //                   9
    '    }', //                          10
    '}', //                              11
    'vrrp_instance VI_2 extra {', //     12
    '    bogus2 1', //                   13
    '}', //                              14
    'bogus_after 1', //                  15
    'vrrp_instance VI_2 {', //           16
    '    virtual_router_id 5', //        17
    '}', //                              18
  ].join('\n');

  it('reports the header, reads nothing inside, and goes on after the block', () => {
    const a = analyze(text);
    expect(a.diagnostics.map((d) => `${d.code}:${d.range.start.line + 1}`)).toEqual(['KA203:1', 'KA203:7', 'KA208:12', 'KA201:15']);
    expect(a.diagnostics[0]!.message).toContain('skips this whole block');
    // Only the named instance is in the tree, and its name is not a duplicate of the skipped one.
    expect(a.ast.children.map((n) => `${n.keyword} ${n.argText(0) ?? ''}`)).toEqual(['vrrp_instance VI_2']);
  });

  it('reports the missing brace of a skipped block whose owner reads its body anyway', () => {
    // keepalived 2.2.7 (vrrp process): "(Line 2) vrrp_instance must have a name", then
    // "(Line 3) Missing '{' at beginning of configuration block": with no '{' on the line or the
    // next one, nothing is skipped. The other processes read line 3 at the top level.
    const skippedNoBrace = 'vrrp_instance A {\n  priority 100\n}\nvrrp_instance # B {\n  priority 60\n}\n';
    const a = analyze(skippedNoBrace);
    // Line 5 is a vrrp_instance keyword to the VRRP process; the others' "Unknown keyword 'priority'"
    // there is the KA104 on that line, as after any block without its '{'.
    expect(a.diagnostics.map((d) => `${d.code}:${d.range.start.line + 1}`)).toEqual(['KA203:4', 'KA104:5', 'KA101:6']);
    expect(a.diagnostics[1]!.message).toContain("Missing '{' at beginning of configuration block");
    expect(a.diagnostics[1]!.related![0]!.range.start.line).toBe(3);
    // With the '{' alone on the next line the skip works: no missing brace.
    expect(codes('vrrp_instance A {\n  priority 100\n}\nvrrp_instance A\n{\n  priority 50\n}\n')).toEqual(['4:KA209']);
    // keepalived 2.2.7 printed "Group list already specified for sync group <garbage>" for this one.
    expect(codes('track_group #x {\n  group {\n    VI_1\n  }\n}\n')).toContain('2:KA104');
  });

  it('says what a value block without its brace does (keepalived only logs it)', () => {
    const a = analyze('vrrp_instance VI_1 {\n    virtual_ipaddress\n    10.0.0.1\n    }\n}\n');
    const ka104 = a.diagnostics.find((d) => d.code === 'KA104')!;
    expect(ka104.message).toContain('reads the lines that follow as its values');
    // keepalived -t prints nothing for it (found by differential fuzzing): a warning.
    expect(ka104.severity).toBe('warning');
    expect(ka104.message).not.toContain('Missing');
  });
});

describe('socket addresses keepalived reads with inet_stosockaddr', () => {
  // keepalived 2.2.7 (lib/utils.c) cuts such an address at its first '-' (else its first '/')
  // before inet_pton, so `192.168.0.92/24` is 192.168.0.92. Checked with the binary: `keepalived
  // -t` says nothing about any of these lines (the joetanx/load-balancing-cyberark configs have them).
  it('accepts an address followed by /… or -… where keepalived ignores the suffix, and warns that it does', () => {
    const text = [
      'vrrp_instance VI_1 {', //                       1
      '    interface eth0', //                         2
      '    virtual_router_id 10', //                   3
      '    unicast_src_ip 192.168.0.92/24', //         4
      '    unicast_peer {', //                         5
      '        192.168.0.91/24', //                    6
      '        192.168.0.93-5', //                     7
      '    }', //                                      8
      '    virtual_ipaddress {', //                    9
      '        192.168.0.10/24', //                    10
      '    }', //                                      11
      '}', //                                          12
      'virtual_server 10.0.0.2/24 80 {', //            13
      '    protocol TCP', //                           14
      '    sorry_server 10.0.0.9/8 80', //             15
      '    real_server 10.0.0.4/24 80 {', //           16
      '        TCP_CHECK {', //                        17
      '            connect_ip 10.0.0.4/32', //         18
      '            bindto 10.0.0.1-x', //              19
      '        }', //                                  20
      '    }', //                                      21
      '}', //                                          22
    ].join('\n');
    // No error (keepalived accepts every line), but the dropped part is named: a warning (pasted configs:
    // `real_server 10.0.0.2-5 80` is the one server 10.0.0.2).
    const ka205 = analyze(text).diagnostics.filter((d) => d.code === 'KA205');
    expect(ka205.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ka205.map((d) => d.range.start.line + 1)).toEqual([4, 6, 7, 13, 15, 16, 18, 19]);
    expect(ka205.find((d) => d.range.start.line + 1 === 19)!.message).toContain("drops '-x' and reads the address 10.0.0.1");
  });

  it('still rejects what inet_pton rejects once the suffix is cut', () => {
    expect(codes('virtual_server 10.0.0.300/24 80 {\n}\n')).toContain('1:KA205');
    expect(codes('vrrp_instance A {\n unicast_src_ip /24\n}\n')).toContain('2:KA205');
    expect(codes('vrrp_instance A {\n unicast_src_ip 10.0.0.1/24-1\n}\n')).toContain('2:KA205');
  });
});

describe('virtual and real servers keepalived skips', () => {
  // keepalived 2.2.7 (check_data.c alloc_vs/alloc_rs) reports a virtual_server or real_server
  // whose address, port or fwmark it cannot read and skips the block unread; reading goes on
  // after its '}'. Checked with the binary: only the header lines are reported.
  const text = [
    'virtual_server @SERVER@ {', //               1
    '    delay_loop abc', //                     2
    '    real_server @PEER@ 0 {', //             3
    '        weight x', //                       4
    '    }', //                                  5
    '}', //                                      6
    'virtual_server 10.0.0.1 80 {', //           7
    '    protocol TCP', //                       8
    '    lb_algo rr', //                         9
    '    lb_kind NAT', //                        10
    '    real_server 10.0.0.2 abc {', //         11
    '        weight x', //                       12
    '        bogus_kw 1', //                     13
    '    }', //                                  14
    '    real_server 10.0.0.3 80 {', //          15
    '        weight 1', //                       16
    '    }', //                                  17
    '}', //                                      18
    'virtual_server fwmark 4294967296 {', //     19
    '    bogus_kw 1', //                         20
    '}', //                                      21
    'bogus_after 1', //                          22
  ].join('\n');

  it('reports the header, reads nothing inside, and goes on after the block', () => {
    expect(codes(text)).toEqual(['1:KA205', '11:KA205', '19:KA205', '22:KA201']);
  });

  it('says in each header finding that the whole block is skipped', () => {
    const messages = analyze(text).diagnostics.filter((d) => d.code === 'KA205').map((d) => d.message);
    expect(messages).toHaveLength(3);
    for (const m of messages) expect(m).toMatch(/keepalived skips this (virtual|real)_server/);
  });

  it('keeps the skipped servers out of the tree', () => {
    const a = analyze(text);
    expect(a.model.virtualServers.map((vs) => vs.realServers.map((rs) => rs.address))).toEqual([['10.0.0.3']]);
  });
});

describe('duplicate blocks keepalived skips', () => {
  // keepalived 2.2.7 (vrrp_parser.c): "vrrp instance VI_1 already defined" / "vrrp sync group G
  // already defined", and the block is skipped unread (checked with the binary: nothing inside
  // the second block is reported).
  it('reads nothing inside a second vrrp_instance or vrrp_sync_group of one name', () => {
    const text = [
      'vrrp_instance VI_1 {', //                 1
      '    virtual_router_id 51', //             2
      '}', //                                    3
      'vrrp_instance VI_1 {', //                 4
      '    mcast_src_ip=192.168.10.156', //      5
      '    priority 999', //                     6
      '}', //                                    7
      'vrrp_sync_group G {', //                  8
      '    group {', //                          9
      '        VI_1', //                         10
      '    }', //                                11
      '}', //                                    12
      'vrrp_sync_group G {', //                  13
      '    bogus 1', //                          14
      '}', //                                    15
      'bogus_after 1', //                        16
    ].join('\n');
    const a = analyze(text);
    expect(a.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(['4:KA209', '13:KA209', '16:KA201']);
    expect(a.model.vrrpInstances.map((i) => i.virtualRouterId?.value)).toEqual([51]);
  });
});

describe("a block keyword without its '{'", () => {
  // keepalived 2.2.7 (lib/parser.c process_stream): "Missing '{' at beginning of configuration
  // block" is reported at the line read where the '{' was expected, and that line is the block's
  // first line; a '}' there closes the block itself. read_line counts the braces on their own, so
  // the '}' that ends such a block is one too many ("Extra '}' found"). Checked with the binary.
  // The lines after the first are what keepalived's other processes, which skip virtual_server,
  // read at the top level (lines 5-6 here; the fuzzing tests below cover that).
  it("reports the missing '{' at the next line and the block's '}' as extra", () => {
    const text = [
      'virtual_server 10.0.0.1 80', //      1
      '# a comment', //                     2
      '', //                                3
      '  protocol TCP', //                  4
      '  real_server 10.0.0.2 80 {', //     5
      '  }', //                             6
      '}', //                               7
    ].join('\n');
    const a = analyze(text);
    expect(a.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(['4:KA104', '5:KA104', '6:KA104', '7:KA101']);
    expect(a.diagnostics[0]!.related?.[0]?.range.start.line).toBe(0);
  });

  it('lets the processes reading a line at the top level find only the top-level keywords of the target', () => {
    // keepalived 2.0.19 -t: "(Line 7) Unknown keyword 'track_file'" (a top-level keyword from 2.1.0);
    // 2.1.0 and 2.2.7 read it there, without its name: "(Line 7) *** Configuration line starting
    // `track_file` is missing a parameter after keyword `track_file` at word position 2", and stop (exit 3, 2).
    const text = [
      'vrrp_instance VI_1 {', //      1
      '    interface eth0', //        2
      '    virtual_router_id 51', //  3
      '    unicast_peer', //          4
      '        10.0.0.2', //          5
      '    }', //                     6
      '    track_file', //            7
      '    {', //                     8
      '        tf', //                9
      '    }', //                     10
      '}', //                         11
    ].join('\n');
    const line7 = (v: string) => analyze(text, { targetVersion: v }).diagnostics.filter((d) => d.range.start.line === 6).map((d) => `${d.code}: ${/keepalived: "([^"]*)"/.exec(d.message)?.[1]}`);
    expect(line7('2.0.19')).toEqual(["KA104: Unknown keyword 'track_file'"]);
    for (const v of ['2.1.0', '2.2.7']) expect(line7(v), v).toEqual(['KA104: missing a parameter after keyword `track_file`']);
    // With its name there is no missing parameter (KA208 says what the owning process makes of the line).
    expect(analyze(text.replace('    track_file\n', '    track_file tf2\n'), { targetVersion: '2.2.7' }).diagnostics.filter((d) => d.range.start.line === 6).map((d) => d.code)).toEqual(['KA208']);
  });

  it("lets a '}' on the next line close that block, not the enclosing one", () => {
    const text = [
      'vrrp_instance X {', //          1
      '  authentication', //           2
      '}', //                          3
      '  virtual_router_id 5', //      4
      '}', //                          5
    ].join('\n');
    const a = analyze(text);
    expect(a.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(['3:KA104', '4:KA104', '5:KA101']);
    expect(a.model.vrrpInstances[0]!.virtualRouterId?.value).toBe(5);
  });

  it("reads a '}' on the keyword's own line as usual (the block never opens)", () => {
    // keepalived 2.2.7 on this text: the '}' of line 3 closes vrrp_instance, then line 3
    // "Unexpected '{' - ignoring", line 4 "Unknown keyword", line 5 "Unknown keyword '}'" (it
    // balances the ignored '{'), line 6 "Extra '}' found".
    const text = [
      'vrrp_instance X {', //              1
      '  virtual_router_id 5', //          2
      '  virtual_ipaddress}{', //          3
      '    10.0.0.1/24', //                4
      '  }', //                            5
      '}', //                              6
    ].join('\n');
    const a = analyze(text);
    expect(a.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(['3:KA104', '3:KA103', '4:KA201', '5:KA103', '6:KA101']);
  });
});

// Found by differential fuzzing: keepalived 2.2.7 reads these timers in microseconds into an
// unsigned long, so 18446744073710 s is "outside unsigned decimal range" (18446744073709 is accepted).
describe('timer maximum of delay_loop, delay_before_retry and warmup', () => {
  it('reports a value past the microsecond counter', () => {
    const vs = (v: string) => `virtual_server 10.0.0.1 80 {\n  delay_before_retry ${v}\n  real_server 10.0.0.2 80 {\n    TCP_CHECK {\n      warmup ${v}\n    }\n  }\n}\n`;
    expect(codes(vs('18446744073710')).filter((c) => c.endsWith('KA205'))).toEqual(['2:KA205', '5:KA205']);
    expect(codes(vs('18446744073709')).filter((c) => c.endsWith('KA205'))).toEqual([]);
  });
});

// Found by differential fuzzing: keepalived 2.2.7 -t accepts each of these without a word.
describe('keyword table facts from keepalived 2.2.7', () => {
  const url = (body: string) => `virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 80 {\n    HTTP_GET {\n      url {\n${body}\n      }\n    }\n  }\n}\n`;
  const sev = (text: string) => analyze(text).diagnostics.filter((d) => /^KA2/.test(d.code)).map((d) => `${d.range.start.line + 1}:${d.code}:${d.severity}`);

  it("vrrp_strict takes no value: keepalived ignores 'off' and enables strict mode", () => {
    const d = analyze('global_defs {\n  vrrp_strict off\n}\n').diagnostics;
    // An off word inverts what was meant: an error that says strict mode is on (2.3.0 reads the value).
    expect(d.map((x) => `${x.code}:${x.severity}`)).toEqual(['KA204:error']);
    expect(d[0]!.message).toContain("'vrrp_strict off' turns it ON");
  });

  it("skip_check_adv_addr 'false' in an instance turns it ON from 2.2.5 (a flag bit set for any value); 2.2.4 reads it", () => {
    const text = 'vrrp_instance V {\n  interface eth0\n  virtual_router_id 5\n  priority 90\n  skip_check_adv_addr false\n  virtual_ipaddress {\n    10.0.0.50\n  }\n}\n';
    const at = (targetVersion?: string) => analyze(text, { targetVersion }).diagnostics.filter((d) => d.code === 'KA204');
    for (const v of [undefined, '2.2.5', '2.4.3']) {
      const d = at(v);
      expect(d.map((x) => `${x.range.start.line + 1}:${x.severity}`)).toEqual(['5:error']);
      expect(d[0]!.message).toContain("reads 'false' after 'skip_check_adv_addr' and still turns it ON");
    }
    expect(at('2.2.4')).toEqual([]);
    expect(analyze(text.replace('false', 'true')).diagnostics.filter((d) => d.code === 'KA204')).toEqual([]);
  });

  it("vrrp_skip_check_adv_addr takes no value in 2.2.7: keepalived ignores any word after it", () => {
    expect(sev('global_defs {\n  vrrp_skip_check_adv_addr enabled\n}\n')).toEqual(['2:KA204:warning']);
  });

  it('smtp_helo_name and status_code without a value are ignored, not the end of reading', () => {
    expect(sev('global_defs {\n  smtp_helo_name\n}\n')).toEqual([]);
    expect(sev(url('path /\nstatus_code'))).toEqual([]);
  });

  it('a second url path replaces the first silently: a warning, not an error (KA211)', () => {
    const found = sev(url('path /\npath /x'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/:KA211:warning$/);
  });

  it('a first_wins global repeated in a second global_defs block is reported too', () => {
    // keepalived -t: "lvs_sync_daemon has already been specified as eth0 - ignoring" (7), "startup script already specified" (8)
    const d = analyze('global_defs {\n  lvs_sync_daemon eth0\n  startup_script "/bin/true"\n  router_id a\n}\nglobal_defs {\n  lvs_sync_daemon eth1\n  startup_script "/bin/true"\n  router_id b\n}\n').diagnostics.filter((x) => x.code === 'KA209');
    expect(d.map((x) => x.range.start.line + 1)).toEqual([7, 8]);
    expect(d[0]!.message).toContain("in an earlier 'global_defs' block");
  });

  it('interface_up_down_delays: a line without delays is only logged by keepalived', () => {
    // keepalived -t: nothing for 'eth0' alone, "invalid number 'x'" for line 3
    expect(sev('interface_up_down_delays {\n  eth0\n  eth1 x\n  eth2 1 2\n}\n')).toEqual(['3:KA205:error']);
  });

  it('linkbeat_interfaces: words after the method are reported by keepalived', () => {
    // keepalived -t: "extra characters MII in linkbeat interface" for line 3
    expect(sev('linkbeat_interfaces {\n  eth0 MII\n  eth1 MII x\n}\n')).toEqual(['3:KA204:error']);
  });

  it('default_interface stores any name silently: a long one is a warning', () => {
    expect(sev('global_defs {\n  default_interface a-very-long-interface-name\n}\n')).toEqual(['2:KA205:warning']);
  });

  it('cpu_affinity ids past the int range are refused on any machine', () => {
    expect(sev('global_defs {\n  vrrp_cpu_affinity 0 2147483648\n  checker_cpu_affinity 0\n}\n')).toEqual(['2:KA205:error']);
  });

  it("garp_extra_if reads 'all' and a number in any order, and needs the number", () => {
    const g = (args: string) => sev(`global_defs {\n  vrrp_garp_extra_if ${args}\n}\n`);
    // keepalived -t accepts '886 1' and 'all 5'; 'all' alone: "specified without time - ignoring"; 0 is out of range
    expect(g('886 1')).toEqual([]);
    expect(g('all 5')).toEqual([]);
    expect(g('all')).toEqual(['2:KA203:error']);
    expect(g('5 all 0')).toEqual(['2:KA205:error']);
  });

  it('names keepalived truncates or drops when too long (lvs_process_name, nftables tables)', () => {
    // keepalived -t: "Process name … more than 15 characters, truncating", "nftables table name too long - ignoring"
    // a truncated name is a warning, a dropped table name an error
    expect(sev(`global_defs {\n  process_name ${'p'.repeat(15)}\n  lvs_process_name ${'p'.repeat(16)}\n  nftables ${'t'.repeat(255)}\n  nftables_ipvs ${'t'.repeat(256)}\n}\n`)).toEqual(['3:KA206:warning', '3:KA205:warning', '5:KA205:error']);
  });

  it('init_file takes a number and overwrite in any order (keepalived -t accepts both orders)', () => {
    const tf = (args: string) => sev(`track_file tf {\n  file /tmp/x\n  init_file ${args}\n}\n`);
    expect(tf('overwrite')).toEqual([]);
    expect(tf('overwrite 5')).toEqual([]);
    expect(tf('-228 1')).toEqual([]);
    // "init value 255 is outside sensible range", "Unknown track file init option bogus"
    expect(tf('overwrite 255')).toEqual(['3:KA205:error']);
    expect(tf('5 bogus')).toEqual(['3:KA205:error']);
  });

  it('invalid regex_* values are only logged by keepalived: warnings', () => {
    expect(sev(url('path /\nregex x\nregex_min_offset .5\nregex_stack abc 10\nregex_options bogus'))).toEqual(['7:KA205:warning', '8:KA205:warning', '9:KA205:warning']);
    // 'regex_stack 10' lacks its max: keepalived logs and goes on (it did not stop reading)
    expect(sev(url('path /\nregex_stack 10'))).toEqual(['6:KA203:warning']);
  });
});

it('a second vrrp_script of the same name is a warning: keepalived -t accepts it without a word', () => {
  const d = analyze('vrrp_script chk {\n  script "/bin/true"\n}\nvrrp_script chk {\n  script "/bin/false"\n}\n').diagnostics.filter((x) => x.code === 'KA209');
  expect(d.map((x) => `${x.range.start.line + 1}:${x.severity}`)).toEqual(['4:warning']);
  expect(analyze('vrrp_instance A {\n}\nvrrp_instance A {\n}\n').diagnostics.filter((x) => x.code === 'KA209').map((x) => x.severity)).toEqual(['error']);
});

// Found by differential fuzzing: keepalived's decomment keeps a '\' that ends the line after a
// comment, so a multi-line definition goes on (keepalived 2.2.7 -t accepts this file cleanly).
it('a multi-line definition continues after a comment ending with a backslash', () => {
  const text = '$B=vrrp_instance VI_1 { # open \\\n    interface eth0 \\\n    virtual_router_id 5 # the id \\\n    virtual_ipaddress { \\\n      10.0.0.1 \\\n    } \\\n}\n$B\n';
  const a = analyze(text);
  expect(a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual([]);
  expect(a.model.vrrpInstances[0]!.virtualRouterId!.value).toBe(5);
  expect(a.model.vrrpInstances[0]!.virtualIpaddresses.map((v) => v.text)).toEqual(['10.0.0.1']);
});

// keepalived 2.4.3 cuts the comment before it looks for the backslash (from 2.4.0): the definition ends
// on its first line and the next line is read on its own ("(Line 2) Unknown keyword 'foo'").
it('from 2.4.0 a definition line whose comment ends with a backslash does not go on', () => {
  const text = '$V=advert_int 1 # c \\\n  foo\nvrrp_instance A {\n  interface eth0\n  virtual_router_id 5 # id \\\n}\n';
  const at = (v?: string) => analyze(text, { targetVersion: v }).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}:${d.code}`);
  expect(at('2.3.1')).toEqual(['5:KA205']);
  expect(at('2.4.0')).toEqual(['2:KA201']);
});

// Found by the release sweep with 2.0.7 and 2.0.8 builds: a comment's trailing backslash survives the comment only
// from 2.0.9 (fd4fe0d7) on keyword lines; a definition's comment continues it in every release with definitions.
it('before 2.0.9 a comment ending with a backslash is only a comment on a keyword line', () => {
  const text = '! a note \\\nfoo2 # c \\\nfoo3\n$D=bar1 # c \\\n  bar2\n$D\n';
  const at = (v: string) => analyze(text, { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA201').map((d) => `${d.range.start.line + 1}:${d.message.split("'")[1]}`);
  // The 2.0.8 build: "Unknown keyword 'foo2'", 'foo3', 'bar1', 'bar2'; the 2.0.10 build adds '\' (line 1) and reads 'foo2\'.
  expect(at('2.0.8')).toEqual(['2:foo2', '3:foo3', '6:bar1', '6:bar2']);
  expect(at('2.0.10')).toEqual(['1:\\', '2:foo2\\', '3:foo3', '6:bar1', '6:bar2']);
});

// Found by the release sweep with a 2.0.8 build (426 "Extra '}' found" on 138 real configs): 2.0.8 counts a
// brace only when, its line cut at the brace, the brace is alone; it cuts comments later (2.0.9 first).
it('2.0.8 does not count a brace that a comment follows on its line', () => {
  const text = 'global_defs {\n  notification_email {  # who\n    a@example.com\n  }\n}\nvrrp_instance VI_1 { # x\n  priority 100\n} # end\n';
  const at = (v: string) => analyze(text, { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA101' || d.code === 'KA102').map((d) => `${d.range.start.line + 1}:${d.code}`);
  // The 2.0.8 build: "(Line 5) Extra '}' found", nothing else about braces; 2.0.10 nothing.
  expect(at('2.0.8')).toEqual(['5:KA101']);
  expect(analyze(text, { targetVersion: '2.0.8' }).diagnostics.find((d) => d.code === 'KA101')!.message).toContain("does not count the '{' of line 2");
  expect(at('2.0.10')).toEqual([]);
  expect(at('2.0.7')).toEqual([]);
  // A comment on the next line is not on the brace's line.
  expect(analyze('global_defs {\n# note\n  router_id a\n}\n', { targetVersion: '2.0.8' }).diagnostics).toEqual([]);
});

describe('smtp_server names no machine can resolve', () => {
  // Placeholders copied from blog posts: keepalived 2.2.7 says "Invalid smtp server" for them on
  // every machine (a real name's resolution depends on the machine and is not checked).
  const placeholders = ['<smtp.domain.com>', '**', 'a..b'];
  const config = (name: string) => `global_defs {\n    smtp_server ${name}\n}\n`;
  it('reports them as KA205 on their line, and leaves names and addresses alone', () => {
    for (const name of placeholders) expect(analyze(config(name)).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`), name).toEqual(['2:KA205']);
    for (const name of ['192.0.2.25', 'smtp.example.com', 'localhost', 'relay_1']) expect(analyze(config(name)).diagnostics, name).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t rejects the placeholders and accepts addresses', () => {
    for (const name of placeholders) expect(runKeepalived(config(name)).messages.some((m) => m.line === 2 && /Invalid smtp server/.test(m.message)), name).toBe(true);
    expect(runKeepalived(config('192.0.2.25')).messages).toEqual([]);
  });
});

describe('values keepalived truncates (max_length in the keyword table)', () => {
  const names = (n: number) => 'a'.repeat(n);
  const config = (name15: string, pe: string) =>
    `global_defs {\n    process_name ${name15}\n    vrrp_process_name ${name15}\n    checker_process_name ${name15}\n}\n` +
    `virtual_server 10.0.0.1 80 {\n    persistence_engine ${pe}\n    lb_algo rr\n    lb_kind NAT\n    protocol TCP\n    real_server 10.0.0.2 80 {\n    }\n}\n`;
  const ka205 = (text: string) => analyze(text).diagnostics.filter((d) => d.code === 'KA205');
  it('warns at the value when keepalived would cut it (process names: 15 bytes, persistence_engine: 16)', () => {
    expect(ka205(config(names(15), names(16)))).toEqual([]);
    const found = ka205(config(names(16), names(17)));
    expect(found.map((d) => [d.range.start.line + 1, d.severity])).toEqual([[2, 'warning'], [3, 'warning'], [4, 'warning'], [7, 'warning']]);
    expect(found[3]!.message).toContain('keepalived keeps only the first 16');
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    expect(runKeepalived(config(names(15), names(16))).messages).toEqual([]);
    const said = runKeepalived(config(names(16), names(17))).messages;
    expect(said.map((m) => m.line)).toEqual([2, 3, 4, 7]);
    expect(said.every((m) => /truncating/.test(m.message))).toBe(true);
  });
});

describe('~SEQ numbers as keepalived reads them (strtol base 0)', () => {
  const names = (head: string) =>
    analyze(`${head} vrrp_instance V_$i { }\n`).model.vrrpInstances.map((i) => i.name);
  const ka113 = (head: string) => analyze(`${head} vrrp_instance V_$i { }\n`).diagnostics.filter((d) => d.code === 'KA113').map((d) => d.message);
  it('reads a leading 0 as octal and 0x as hex, and rejects digits that are neither', () => {
    expect(names('~SEQ(i,010)')).toHaveLength(8);
    expect(names('~SEQ(i,0x3)')).toEqual(['V_1', 'V_2', 'V_3']);
    expect(names('~SEQ(i,+2)')).toEqual(['V_1', 'V_2']);
    expect(ka113('~SEQ(i,08)')).toHaveLength(1);
  });
  it('rejects negative numbers in ~SEQx, and drops the line', () => {
    for (const head of ['~SEQx(i,-3,1)', '~SEQx(i,3,-1,-7)', '~SEQx(i,-1)']) {
      expect(ka113(head), head).toEqual(['Invalid ~SEQ definition: ~SEQx is only valid for positive numbers']);
      expect(names(head), head).toEqual([]);
    }
    expect(names('~SEQx(i,9,11)')).toEqual(['V_9', 'V_a', 'V_b']);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [head, lines] of [['~SEQ(i,010)', 8], ['~SEQ(i,0x3)', 3], ['~SEQx(i,-3,1)', 0], ['~SEQ(i,08)', 0]] as const) {
      const text = `${head} no_such_keyword_$i\n`;
      const said = new Set(runKeepalived(text).messages.filter((m) => /Unknown keyword 'no_such/.test(m.message)).map((m) => m.message));
      expect(said.size, head).toBe(lines);
      expect(analyze(text).diagnostics.filter((d) => d.code === 'KA201').length, head).toBe(lines);
    }
  });
});

describe('~SEQ numbers beyond 2^53, counted as keepalived counts them (64-bit longs)', () => {
  // Each of these used to hang kalint (doubles: i + 1 === i above 2^53) until it ran out of memory; the child-process
  // checks are in robustness.test.ts. Rows as keepalived 2.2.7 and 2.4.3 -t print them (`no_such_$I`, "Unknown keyword").
  const rows = (head: string) =>
    analyze(`${head} no_such_$I\n`).diagnostics.filter((d) => d.code === 'KA201').map((d) => /'no_such_([^']*)'/.exec(d.message)![1]);
  const ka113 = (head: string) => analyze(`${head} no_such_$I\n`).diagnostics.filter((d) => d.code === 'KA113').map((d) => d.message);
  const cases: [string, string[]][] = [
    ['~SEQ(I, 9007199254740993, 1, 9007199254740993)', ['9007199254740993']],
    ['~SEQ(I, 9007199254740990, 1, 9007199254740999)', Array.from({ length: 10 }, (_, k) => String(9007199254740990n + BigInt(k)))],
    ['~SEQx(I, 0x20000000000001, 1, 0x20000000000001)', ['20000000000001']],
    // strtol saturates both at LONG_MAX: start = end, one row
    ['~SEQ(I, 99999999999999999999, -1, 99999999999999999998)', ['9223372036854775807']],
    ['~SEQ(I, -9223372036854775808, 1, -9223372036854775807)', ['-9223372036854775808', '-9223372036854775807']],
    // the counter wraps round at 2^63 and lands past the end on its third step
    ['~SEQ(I, 4611686018427387904, 6917529027641081856, 4611686018427387904)', ['4611686018427387904', '-6917529027641081856', '0']],
    ['~SEQ(I, 9007199254740991, 1, 9007199254740992)', ['9007199254740991', '9007199254740992']],
  ];
  it('reads the numbers exactly and keeps the row text exact', () => {
    for (const [head, want] of cases) {
      expect(ka113(head), head).toEqual([]);
      expect(rows(head), head).toEqual(want);
    }
  });
  it('reports an end keepalived can never pass (it hangs) instead of hanging', () => {
    for (const head of ['~SEQ(I, 9223372036854775807, 1, 9223372036854775807)', '~SEQ(I, 9223372036854775806, 9223372036854775807)', '~SEQ(I, -99999999999999999999, -1, -99999999999999999999)', '~SEQx(I, 0x7fffffffffffffff, 2, 0x7fffffffffffffff)']) {
      expect(ka113(head), head).toEqual([expect.stringMatching(/^keepalived never finishes this ~SEQ: its end is the (largest|smallest) 64-bit number.*hangs$/)]);
      expect(rows(head), head).toEqual([]);
    }
    // a wrap that does not come back past the end within kalint's cap
    expect(ka113('~SEQx(I, 0x7ffffffffffffffe, 0x4000000000000001, 0x7ffffffffffffffe)')).toEqual([expect.stringContaining('wraps round, then counts on: more than 100000 values')]);
    expect(ka113('~SEQ(I, 1, 9223372036854775806)')).toEqual(['Invalid ~SEQ definition: 9223372036854775806 values is more than kalint expands']);
    expect(ka113('~SEQ(I, 9223372036854775807)')).toEqual([expect.stringContaining('never finishes')]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [head, want] of cases) {
      const said = runKeepalived(`${head} no_such_$I\n`).messages.filter((m) => m.line === 1).map((m) => /'no_such_([^']*)'/.exec(m.message)?.[1]);
      expect([...new Set(said)], head).toEqual(want);
    }
  });
});

describe("~SEQ numbers longer than keepalived's 64-byte buffer", () => {
  // From 2.1.0 add_seq copies the text from the first number to the ')' into 64 bytes (NUL included): leading zeros
  // count, blanks before the first number do not. 2.1.5, 2.2.7 and 2.4.3: "~SEQ parameter strings too long" at 64.
  const head = (zeros: number, blanks = ' ') => `~SEQ(I,${blanks}${'0'.repeat(zeros)}1, 2)`;
  const ka113 = (text: string, target?: string) => lintText(text, { file: 'keepalived.conf', targetVersion: target }).diagnostics.filter((d) => d.code === 'KA113').map((d) => d.message);
  const rows = (text: string, target?: string) => lintText(text, { file: 'keepalived.conf', targetVersion: target }).diagnostics.filter((d) => d.code === 'KA201').length;
  it('drops the line at 64 characters, reads it at 63 (and before 2.1.0)', () => {
    expect(ka113(`${head(58)} no_such_$I\n`)).toEqual([]);
    expect(ka113(`${head(58, '   ')} no_such_$I\n`)).toEqual([]);
    expect(ka113(`${head(59)} no_such_$I\n`)).toEqual([expect.stringContaining('this has 64: it reports "~SEQ parameter strings too long" and drops the line')]);
    expect(ka113(`global_defs {\n ${head(59)} router_id r$I\n}\n`)).toHaveLength(1);
    expect(ka113(`${head(59)} no_such_$I\n`, '2.0.19')).toEqual([]);
    expect(rows(`${head(59)} no_such_$I\n`, '2.0.19')).toBe(1);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    const tooLong = (text: string) => runKeepalived(text).messages.some((m) => /parameter strings too long/.test(m.message));
    expect(tooLong(`${head(58)} no_such_$I\n`)).toBe(false);
    expect(tooLong(`${head(58, '   ')} no_such_$I\n`)).toBe(false);
    expect(tooLong(`${head(59)} no_such_$I\n`)).toBe(true);
  });
  // recheck64 bug 1: keepalived substitutes definitions in that same buffer; one that would make it longer than 63
  // characters is left as written, and strtol stops at its '$': 2.1.5, 2.2.7 and 2.4.3 -t "Invalid ~SEQ definition".
  it('drops the line when a definition makes the numbers longer than 63 characters', () => {
    const def = (zeros: number, blanks = ' ') => `$N=${'0'.repeat(zeros)}1\n~SEQ(I,${blanks}$N, 2) no_such_$I\n`;
    for (const v of [undefined, '2.1.5', '2.4.3']) {
      expect(ka113(def(59), v), v).toEqual([expect.stringContaining('Invalid ~SEQ definition: with its definitions substituted, this ~SEQ has 64 characters')]);
      expect(rows(def(59), v), v).toBe(0);
      expect(ka113(def(58), v), v).toEqual([]);
      expect(ka113(def(58, '    '), v), v).toEqual([]);
    }
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t on a substituted number', () => {
    const invalid = (text: string) => runKeepalived(text).messages.some((m) => /^Invalid ~SEQ definition/.test(m.message));
    const def = (zeros: number) => `$N=${'0'.repeat(zeros)}1\n~SEQ(I, $N, 2) no_such_$I\n`;
    expect(invalid(def(58))).toBe(false);
    expect(invalid(def(59))).toBe(true);
  });
});

describe("an include line whose pattern a definition empties (fuzz64 bug 3)", () => {
  // From 2.2.0 the VRRP and checker processes read the parent's copy of the file, written before substitution, where
  // `include ${F}` is an include line and so a blank one: they never see it. Only the parent, which substitutes and
  // is left with 'include' alone, reports "Unknown keyword 'include'", where its reading counts (the top level,
  // global_defs). 2.1.5 has no copy: every process reports it.
  const text = [
    '$F=',
    '$G= ',
    'global_defs {',
    '    include ${F}',
    '}',
    'include ${F}',
    'vrrp_instance VI_1 {',
    '    state BACKUP',
    '    interface eth0',
    '    virtual_router_id 51',
    '    priority 100',
    '    include ${F}',
    '    includer ${F}',
    '    include ${F} # c',
    '    include ${G}',
    '    virtual_ipaddress {',
    '        192.168.10.100',
    '    }',
    '}',
    'virtual_server 10.0.0.1 80 {',
    '    include ${F}',
    '    protocol TCP',
    '    real_server 10.0.0.2 80 {',
    '        include ${F}',
    '        TCP_CHECK {',
    '            include ${F}',
    '        }',
    '    }',
    '}',
    '',
  ].join('\n');
  const unknown = (target?: string) =>
    lintText(text, { file: 'keepalived.conf', targetVersion: target }).diagnostics.filter((d) => d.code === 'KA201' || d.code === 'KA207').map((d) => d.range.start.line + 1);
  it('is an unknown keyword only where the parent reads, from 2.2.0; everywhere before', () => {
    for (const v of [undefined, '2.2.0', '2.2.7', '2.4.3']) expect(unknown(v), v).toEqual([4, 6]);
    expect(unknown('2.1.5')).toEqual([4, 6, 12, 13, 14, 15, 21, 24, 26]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t (2.2.7, and the 2.1.5 and 2.4.3 builds where present)', () => {
    const lines = (messages: { line?: number; message: string }[]) => [...new Set(messages.filter((m) => /^Unknown keyword 'include/.test(m.message)).map((m) => m.line!))].sort((a, b) => a - b);
    expect(lines(runKeepalived(text).messages)).toEqual([4, 6]);
    for (const [v, want] of [['2.4.3', [4, 6]], ['2.1.5', [4, 6, 12, 13, 14, 15, 21, 24, 26]]] as const) {
      const bin = releaseBinary(v);
      if (bin) expect(lines(runRelease(bin, text).messages), v).toEqual(want);
    }
  });
});

describe("an emptied include line with an @id prefix inside a block (recheck64 bug 2)", () => {
  // The parent's copy keeps `@a include ${F}` as written (it is no include line there), so the VRRP and checker
  // processes substitute it too and report it: 2.2.4, 2.2.7 and 2.4.3 -t -i a, "(Line 10) Unknown keyword 'include'".
  const text = (prefix: string) => ['$F=', 'vrrp_instance VI_1 {', '    state BACKUP', '    interface eth0', '    virtual_router_id 51', '    priority 90', '    virtual_ipaddress {', '        10.0.0.10', '    }', `    ${prefix}include \${F}`, '}', ''].join('\n');
  const unknown = (t: string, target?: string) => analyze(t, { configId: 'a', targetVersion: target }).diagnostics.filter((d) => d.code === 'KA201').map((d) => d.range.start.line + 1);
  it('is still an unknown keyword there', () => {
    for (const v of [undefined, '2.2.4', '2.2.7', '2.4.3']) {
      expect(unknown(text('@a '), v), v).toEqual([10]);
      expect(unknown(text('@^b '), v), v).toEqual([10]);
      expect(unknown(text(''), v), v).toEqual([]);
    }
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t -i a', () => {
    const lines = (t: string) => runKeepalived(t, { configId: 'a' }).messages.filter((m) => /^Unknown keyword 'include/.test(m.message)).map((m) => m.line);
    expect(lines(text('@a '))).toEqual([10]);
    expect(lines(text('@^b '))).toEqual([10]);
    expect(lines(text(''))).toEqual([]);
  });
});

describe("the text after a ~SEQ's ')'", () => {
  // keepalived skips only blanks and tabs there: a no-break space starts the row (2.2.7: "Unknown keyword '\u00a0router_id'" twice).
  const text = 'global_defs {\n ~SEQ(i,1,2)\u00a0router_id r$i\n}\n';
  it('starts after blanks and tabs only', () => {
    const unknown = analyze(text).diagnostics.filter((d) => d.code === 'KA201').map((d) => d.message);
    expect(unknown).toEqual([expect.stringMatching(/^Unknown keyword '<U\+00A0>router_id'/), expect.stringMatching(/^Unknown keyword '<U\+00A0>router_id'/)]);
    expect(analyze('global_defs {\n ~SEQ(i,1,2) \t router_id r$i\n}\n').model.globalDefs?.routerId?.value).toBe('r2');
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    const said = runKeepalived(text).messages.filter((m) => m.message.startsWith("Unknown keyword '\u00a0router_id'"));
    expect(said).toHaveLength(2);
  });
});

describe('a ~SEQ/~LST row that is itself a ~SEQ/~LST line', () => {
  const names = (text: string) => analyze(text).model.vrrpInstances.map((i) => i.name);
  it('expands the inner sequence in full for each value of the outer one', () => {
    expect(names('~SEQ(i,1,2) ~SEQ(j,5,6) vrrp_instance V_${i}_${j} { }\n')).toEqual(['V_1_5', 'V_1_6', 'V_2_5', 'V_2_6']);
    expect(names('~LST(i,a,b) ~SEQ(j,1,$i) vrrp_instance V_${i}_${j} { }\n')).toEqual([]);
    expect(names('~SEQ(i,1,2) ~SEQ(j,1,$i) vrrp_instance V_${i}_${j} { }\n')).toEqual(['V_1_1', 'V_2_1', 'V_2_2']);
  });
  it('stops a ~SEQ whose rows make itself again, with one error (found by the property test)', () => {
    // A='~SEQ(i,1,3) $A' (a one-line definition: its first line is empty): each row is the line again, and
    // keepalived 2.2.7 -t expands it until memory runs out.
    const d = analyze('$A=\\\n~SEQ(i,1,3) $A\n~SEQ(i,1,3) $A\n').diagnostics;
    expect(d.map((x) => `${x.range.start.line + 1}:${x.code}:${x.severity}`)).toEqual(['3:KA113:error']);
  });
  it('substitutes definitions in a header before reading its numbers', () => {
    expect(names('$N=3\n~SEQ(i,$N) vrrp_instance V_$i { }\n')).toEqual(['V_1', 'V_2', 'V_3']);
    expect(codes('~SEQ(i,1,$UNDEFINED) vrrp_instance V_$i { }\n')).toEqual(['1:KA113']);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [text, count] of [
      ['~SEQ(i,1,2) ~SEQ(j,5,6) no_such_keyword_${i}_${j}\n', 4],
      ['~SEQ(i,1,2) ~SEQ(j,1,$i) no_such_keyword_${i}_${j}\n', 3],
      ['$N=3\n~SEQ(i,$N) no_such_keyword_$i\n', 3],
    ] as const) {
      const said = new Set(runKeepalived(text).messages.filter((m) => /Unknown keyword 'no_such/.test(m.message)).map((m) => m.message));
      expect(said.size, text).toBe(count);
      expect(analyze(text).diagnostics.filter((d) => d.code === 'KA201').length, text).toBe(count);
    }
  });
});

describe('definitions made by ~SEQ and ~LST lines', () => {
  const vrrp = (vrid: string, prio: string) => `vrrp_instance A {\n interface eth0\n virtual_router_id ${vrid}\n priority ${prio}\n virtual_ipaddress {\n  10.0.0.1\n }\n}\n`;
  const cases = [
    // a row that is a definition defines it, with its value as written ($P is substituted when used)
    `~LST(P,7) $PP=$P\n${vrrp('5', '$PP')}`,
    `~LST(IP,10.0.9.1,10.0.9.2) $DUMMY=1\n${vrrp('5', '100')}`,
    // the variable keeps its last value after the line
    `~SEQ(N,1,3) $X=1\n${vrrp('5$N', '100')}`,
  ];
  it('reads them as keepalived does: no finding', () => {
    for (const text of cases) {
      expect(codes(text).filter((c) => !c.endsWith('KA312')), text).toEqual([]);
    }
    const a = analyze(`~SEQ(N,1,3) $X=1\n${vrrp('5$N', '10$N')}`);
    expect(a.model.vrrpInstances[0]!.priority?.value).toBe(103);
  });
  it('still reports a row whose name is no identifier', () => {
    expect(codes('~SEQ(N,1,2) $V$N=1$N\n')).toEqual(['1:KA201', '1:KA201']);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const text of cases) expect(runKeepalived(text).messages, text).toEqual([]);
  });
});

// Found on a real config (virtualhost doubled): these string settings are replaced without a word,
// while the SSL files and password are replaced with a message.
describe('a repeated string setting keepalived replaces, with or without a message', () => {
  const text = [
    'SSL {', '  password a', '  password b', '  ca /tmp/a', '  ca /tmp/b', '}',
    'virtual_server 10.0.0.1 80 {', '  lb_algo rr', '  lb_kind NAT', '  protocol TCP',
    '  virtualhost a.example.com', '  virtualhost b.example.com', '  snmp_name a', '  snmp_name b',
    '  real_server 10.0.1.1 80 {', '    virtualhost c.example.com', '    virtualhost d.example.com', '    snmp_name c', '    snmp_name d',
    '    HTTP_GET {', '      virtualhost e.example.com', '      virtualhost f.example.com',
    '      url {', '        path /', '        virtualhost g.example.com', '        virtualhost h.example.com', '      }', '    }', '  }', '}', '',
  ].join('\n');
  it('reports only the SSL lines', () => {
    expect(analyze(text).diagnostics.filter((d) => d.code === 'KA209').map((d) => d.range.start.line + 1)).toEqual([3, 5]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t speaks only of the SSL lines', () => {
    expect([...new Set(runKeepalived(text).messages.map((m) => m.line))]).toEqual([3, 5]);
  });
});

// A setting line keepalived reports as invalid ("… - ignoring") leaves what an earlier line set.
describe('a repeated setting whose later value keepalived ignores', () => {
  const vsText = [
    'virtual_server 10.0.0.1 80 {', '  lb_algo rr', '  lvs_sched rrr', '  lb_kind DR', '  lvs_method NATT', '  protocol udp', '  protocol UDPP',
    '  persistence_timeout 600', '  persistence_timeout 0', '  delay_loop 5', '  delay_loop 0', '  real_server 10.0.1.1 80 {', '  }', '}', '',
  ].join('\n');
  it('the model keeps the earlier scheduler, method, protocol, persistence and delay loop', () => {
    const vs = analyze(vsText).model.virtualServers[0]!;
    expect([vs.lbAlgo?.value, vs.lbKind?.value, vs.protocol?.value, vs.persistenceTimeout, vs.delayLoop]).toEqual(['rr', 'DR', 'UDP', 600, 5]);
    const later = analyze(vsText.replace('rrr', 'wlc').replace('NATT', 'NAT')).model.virtualServers[0]!;
    expect([later.lbAlgo?.value, later.lbKind?.value]).toEqual(['wlc', 'NAT']);
  });
  it('a bare persistence_timeout is keepalived\'s default, 360 s', () => {
    expect(analyze(vsText.replace('persistence_timeout 0', 'persistence_timeout')).model.virtualServers[0]!.persistenceTimeout).toBe(360);
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t reports each ignored line', () => {
    expect(runKeepalived(vsText).messages.map((m) => m.line)).toEqual(expect.arrayContaining([3, 5, 7, 9, 11]));
  });
});

// keepalived tests a track_file's weight against its default 1 (a track process's against 0) to find
// a repeat: after 'weight 1' (or an invalid weight) the next weight line is taken without a word.
describe('a repeated track_file / vrrp_track_process weight', () => {
  const text = [
    'track_file tf1 {', '  file /tmp/a', '  weight 1', '  weight 2', '}',
    'track_file tf2 {', '  file /tmp/a', '  weight 5', '  weight 6', '}',
    'track_file tf3 {', '  file /tmp/a', '  weight 300', '  weight 7', '}',
    'vrrp_track_process p1 {', '  process foo', '  weight 0', '  weight 6', '}',
    'vrrp_track_process p2 {', '  process foo', '  weight 4', '  weight 6', '}', '',
  ].join('\n');
  it('reports a repeat only after a weight other than the default', () => {
    const a = analyze(text);
    expect(a.diagnostics.filter((d) => d.code === 'KA209').map((d) => d.range.start.line + 1)).toEqual([9, 24]);
    expect(a.model.trackFiles.map((t) => t.weight?.value)).toEqual([2, 5, 7]);
    expect(a.model.trackProcesses.map((t) => t.weight?.value)).toEqual([6, 4]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    const said = runKeepalived(text).messages.filter((m) => /already set/.test(m.message));
    expect([...new Set(said.map((m) => m.line))]).toEqual([9, 24]);
  });
});

// Found on real configs (keepalived's own test configs generate real servers and instances this way).
describe('~SEQ lines that substitution produces', () => {
  const cases: [string, string[]][] = [
    // a substituted line is checked again while a `$` is left after one pass
    ['$A=~SEQ(I,1,3) bogus$I\n$A\n', ['2:KA201', '2:KA201', '2:KA201']],
    ['$B=X\n$A=~SEQ(I,1,2) bog$B\n$A\n', ['3:KA201', '3:KA201']],
    // none left: keepalived reads the ~SEQ word as a keyword
    ['$A=~SEQ(I,1,3) bogus\n$A\n', ['2:KA201']],
    // the later lines of a multi-line value are read afresh, before substitution
    ['$M= \\\nfoo \\\n~SEQ(I,1,2) bogus\n$M\n', ['4:KA201', '4:KA201', '4:KA201']],
    // the numbers of a ~SEQ take definitions
    ['$S=2\n~SEQ(I, $S ,3) bogus$I\n', ['2:KA201', '2:KA201']],
    // blanks inside the parentheses, around the variable too
    ['~SEQ ( N , 1 , 2 ) bogus${N}\n', ['1:KA201', '1:KA201']],
    // a row that starts with ~SEQ/~LST is one more sequence
    ['~LST(C,1,2) ~LST(D,5,6) bogus${C}${D}\n', ['1:KA201', '1:KA201', '1:KA201', '1:KA201']],
    // checked again after one pass, a ~SEQ keeps a multi-line reference for its rows
    ['$V= \\\nbogus$I\n$W=~SEQ(I,1,2) $V\n$W\n', ['4:KA201', '4:KA201']],
  ];
  const messages = (text: string) => analyze(text).diagnostics.map((d) => d.message);
  it('expands them as keepalived does', () => {
    for (const [text, want] of cases) expect(codes(text), text).toEqual(want);
    expect(messages(cases[1]![0])).toEqual(["Unknown keyword 'bogX' in the top level", "Unknown keyword 'bogX' in the top level"]);
    expect(messages(cases[3]![0])).toEqual(["Unknown keyword 'foo' in the top level", "Unknown keyword 'bogus' in the top level", "Unknown keyword 'bogus' in the top level"]);
    expect(messages(cases[4]![0])).toEqual(["Unknown keyword 'bogus2' in the top level", "Unknown keyword 'bogus3' in the top level"]);
  });
  it('generates real servers from a ~SEQ inside a multi-line definition', () => {
    const text = ['$RS= \\', 'real_server 10.0.0.$N 80 { \\', '  TCP_CHECK { \\', '  } \\', '}', '$VS= \\', 'virtual_server 10.1.1.1 80 { \\', '  lb_kind NAT \\', '  ~SEQ(N,$FROM,$TO) $RS \\', '}', '$FROM=2', '$TO=3', '$VS', ''].join('\n');
    const a = analyze(text);
    expect(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    expect(a.model.virtualServers[0]!.realServers.map((r) => r.address)).toEqual(['10.0.0.2', '10.0.0.3']);
  });
  it('reads a definition in a multi-line value before substituting the lines after it', () => {
    const text = ['$RS= \\', 'real_server 192.168.${SN}.$NUM 80 { \\', '  TCP_CHECK { \\', '  } \\', '}', '$RSs= \\', '# a comment \\', '$SN=0 \\', '$RS \\', '$SN=1 \\', '$RS', 'virtual_server 10.0.0.1 80 {', '  lvs_sched rr', '  lvs_method NAT', '  protocol TCP', '  $NUM=7', '  $RSs', '}', ''].join('\n');
    const a = analyze(text);
    expect(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    expect(a.model.virtualServers[0]!.realServers.map((r) => r.address)).toEqual(['192.168.0.7', '192.168.1.7']);
    if (keepalivedAvailable()) expect(runKeepalived(text).messages).toEqual([]);
  });
  it('ends a definition at a comment ending with an even run of backslashes', () => {
    expect(codes('$A=x # c \\\\\nbogus1\n$A\n')).toEqual(['2:KA201', '3:KA201']);
    expect(codes('$A=x # c \\\nbogus1\n$A\n')).toEqual(['3:KA201', '3:KA201']);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const [text] of cases) {
      // keepalived's processes each print the message: compare the distinct line/message pairs.
      const got = new Set(runKeepalived(text).messages.filter((m) => m.message.startsWith('Unknown keyword')).map((m) => `${m.line}:${m.message}`));
      const mine = new Set(analyze(text).diagnostics.map((d) => `${d.range.start.line + 1}:${d.message.replace(/ in the top level$/, '')}`));
      expect([...mine].sort(), text).toEqual([...got].sort());
    }
  });
});

describe('predefined definitions as keepalived 2.2.7 expands them', () => {
  const vi = (name: string, vrid: number) => `vrrp_instance ${name} {\n interface eth0\n virtual_router_id ${vrid}\n virtual_ipaddress {\n  10.0.0.${vrid}\n }\n}\n`;
  const instanceText = vi('$_INSTANCE', 1) + vi('lb1', 2);
  const garbled = 'global_defs {\n    router_id r_${_RANDOM 5 9}x\n    router_id r\n}\n';
  const params = '$X=eth0\nglobal_defs {\n    router_id ${X 1}\n}\n';
  it('$_INSTANCE is the config id', () => {
    const a = analyze(instanceText, { configId: 'lb1' });
    expect(a.model.vrrpInstances.map((i) => i.name)).toEqual(['lb1']);
    expect(codes(instanceText, { configId: 'lb1' })).toEqual(['8:KA209']);
  });
  it('${_RANDOM MIN MAX} followed by text garbles the rest of the line', () => {
    expect(codes(garbled)).toEqual(['2:KA204', '2:KA201', '3:KA202', '4:KA101']);
  });
  it('${_RANDOM MIN MAX} after 2.4.0 moves the rest of the line correctly', () => {
    // The 2.4.3 build reads garbled without a word (commit ecba713f): router_id r_5x, then r (kalint's KA211
    // notes the repeat); 2.2.7 to 2.3.1 report line 2.
    expect(codes(garbled, { targetVersion: '2.4.3' })).toEqual(['3:KA211']);
  });
  it('${_RANDOM MIN MAX} with MIN above MAX: 2.2.7 divides by zero, 2.4.0 reports it', () => {
    const random = (ref: string) => `global_defs {\n    router_id ${ref}\n}\n`;
    const ka113 = (text: string, targetVersion?: string) => analyze(text, { targetVersion }).diagnostics.filter((d) => d.code === 'KA113').map((d) => `${d.range.start.line + 1}:${d.range.start.column}:${d.severity}:${/crashes/.test(d.message)}`);
    // `${_RANDOM 32768}`: MAX is 32767 by default. keepalived 2.2.7, 2.2.8 and 2.3.1 die of SIGFPE (exit 136).
    expect(ka113(random('${_RANDOM 32768}'))).toEqual(['2:14:error:true']);
    expect(ka113(random('${_RANDOM 1 0}'), '2.3.1')).toEqual(['2:14:error:true']);
    // A larger MIN only makes a number cut to MAX's digits.
    expect(ka113(random('${_RANDOM 10 5}'))).toEqual(['2:14:warning:false']);
    // 2.4.3: "${_RANDOM}: min 1 exceeds max 0, using 1" (exit 5).
    expect(ka113(random('${_RANDOM 1 0}'), '2.4.3')).toEqual(['2:14:error:false']);
    expect(ka113(random('${_RANDOM 5 9}'))).toEqual([]);
    expect(ka113(random('${_RANDOM 32767}'))).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived 2.2.7 dies of SIGFPE on ${_RANDOM 32768}', async () => {
    expect((await runKeepalivedAsync('global_defs {\n    router_id ${_RANDOM 32768}\n}\n')).signal).toBe('SIGFPE');
    expect((await runKeepalivedAsync('global_defs {\n    router_id ${_RANDOM 10 5}\n}\n')).signal).toBeUndefined();
  });
  it('${NAME params} is no reference for other definitions', () => {
    expect(codes(params)).toEqual(['3:KA103', '3:KA201', '4:KA103']);
  });
  // Mutation fuzzer seed 667 (2.2.8): keepalived scans on from the character after the '$' of a `${…}` it leaves, so
  // the `$I` in `${_RANDOM $I 10}` is put in, and the line's next pass draws `${_RANDOM 1 10}`. kalint had skipped the
  // whole `${…}` and read its braces as blocks (false errors on a line keepalived reads silently).
  const inner = '$I=2\nvirtual_server 10.0.0.1 80 {\n    lb_algo rr\n    lb_kind NAT\n    protocol TCP\n    delay_loop ${_RANDOM $I 10}\n    real_server 10.0.0.2 80 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\n';
  const rows = inner.replace('$I=2\n', '').replace('    delay_loop', '    ~SEQ(I, 1, 2) delay_loop');
  it('a reference inside the words of ${_RANDOM …} is put in first, then ${_RANDOM MIN MAX} is drawn', () => {
    expect(codes(inner)).toEqual([]);
    const delay = analyze(inner).model.virtualServers[0]!.node.children.find((c) => c.keyword === 'delay_loop')!;
    expect(Number(delay.argText(0))).toBeGreaterThanOrEqual(2);
    expect(Number(delay.argText(0))).toBeLessThanOrEqual(10);
    // A ~SEQ row's variable too: two delay_loop lines, the second one kept (KA211).
    expect(codes(rows)).toEqual(['5:KA211']);
  });
  it.skipIf(!keepalivedAvailable())('reads ${_RANDOM $I 10} as keepalived 2.2.7 -t does: without a word', () => {
    expect(runKeepalived(inner).messages).toEqual([]);
    expect(runKeepalived(rows).messages).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    expect(runKeepalived(instanceText, { configId: 'lb1' }).messages.map((m) => `${m.line}:${m.message}`)).toEqual(['8:vrrp instance lb1 already defined']);
    const lines = (t: string) => [...new Set(runKeepalived(t).messages.map((m) => m.line))].sort();
    expect(lines(garbled)).toEqual([2, 3, 4]);
    expect(lines(params)).toEqual([3, 4]);
  });
});

describe('port 0 on a real or sorry server, refused by keepalived 2.0.7 to 2.0.14', () => {
  const text = 'virtual_server 10.0.0.1 80 {\n  protocol TCP\n  sorry_server 10.0.0.9 0\n  real_server 10.0.0.2 0 {\n    weight 1\n  }\n  real_server 10.0.0.3 80 {\n  }\n}\n';
  const ka205 = (targetVersion: string) => analyze(text, { targetVersion }).diagnostics.filter((d) => d.code === 'KA205').map((d) => `${d.range.start.line + 1}:${d.range.start.column}`);

  it('is an error from 2.0.7 to 2.0.14, and the real_server is skipped', () => {
    // The 2.0.9 and 2.0.14 builds: "(Line 3) number '0' outside range [1, 65535]", "Invalid sorry server IP address
    // 10.0.0.9 - skipping", "(Line 4) … Invalid real server ip address/port 10.0.0.2/0 - skipping".
    expect(ka205('2.0.9')).toEqual(['3:24', '4:23']);
    expect(ka205('2.0.14')).toEqual(['3:24', '4:23']);
    const a = analyze(text, { targetVersion: '2.0.9' });
    expect(a.model.virtualServers[0]!.realServers.map((r) => r.address)).toEqual(['10.0.0.3']);
    expect(analyze(text, { targetVersion: '2.0.9' }).diagnostics.find((d) => d.code === 'KA205')!.message).toContain('port 0 means no port from 2.0.15');
  });

  it('means no port before 2.0.7 (atoi) and from 2.0.15 (alloc_rs passes zeros on as no port)', () => {
    // The 2.0.6 and 2.0.16 builds read the config without a word.
    for (const v of ['2.0.6', '2.0.15', '2.2.7']) expect(ka205(v), v).toEqual([]);
    expect(analyze(text).model.virtualServers[0]!.realServers).toHaveLength(2);
  });
});

describe('persistence_timeout over 31 days, accepted before keepalived 2.1.3', () => {
  const text = (seconds: string) =>
    `virtual_server 10.0.0.1 0 {\n  protocol TCP\n  persistence_timeout ${seconds}\n  real_server 10.0.0.2 0 {\n  }\n}\n`;
  const found = (seconds: string, targetVersion: string) =>
    lintText(text(seconds), { targetVersion }).diagnostics.filter((d) => ['KA205', 'KA520'].includes(d.code)).map((d) => `${d.range.start.line + 1}:${d.code}`);

  it('takes any 32-bit value before 2.1.3 and caps it at 2678400 s from then on', () => {
    // The 2.0.19 and 2.1.0 builds read 'persistence_timeout 3000000' without a word; 2.2.7: "number '3000000' outside
    // range [1, 2678400]", "persistence_timeout invalid" (keepalived commit 0b8180c5, in 2.1.3).
    expect(found('3000000', '2.0.19')).toEqual([]);
    expect(found('3000000', '2.1.2')).toEqual([]);
    expect(found('4294967296', '2.0.19')).toEqual(['1:KA520', '3:KA205']);
    // Invalid, so ignored: the port-0 service is not persistent and keepalived makes it so (KA520).
    expect(found('3000000', '2.1.3')).toEqual(['1:KA520', '3:KA205']);
    expect(found('3000000', '2.2.7')).toEqual(['1:KA520', '3:KA205']);
  });
});

describe('${_ENV NAME}: an environment variable, from keepalived 2.4.0', () => {
  const envHost = (vars: Record<string, string>): SourceHost => ({ readFile: () => undefined, readDir: () => undefined, environment: (name) => vars[name] });
  const text = '$X=1\nvrrp_instance V {\n interface ${_ENV IFACE}\n virtual_router_id 9\n priority ${_ENV PRIO}\n virtual_ipaddress {\n  10.0.0.9\n }\n}\n';
  const found = (t: string, opts: Parameters<typeof analyze>[1]) => analyze(t, opts).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}:${d.severity}`);

  it('reads the variable from the host, and names the ones it does not have', () => {
    const a = analyze(text, { targetVersion: '2.4.3', host: envHost({ IFACE: 'eth1', PRIO: '120' }) });
    expect(a.model.vrrpInstances[0]!.interface?.value).toBe('eth1');
    expect(a.model.vrrpInstances[0]!.priority?.value).toBe(120);
    expect(a.diagnostics).toEqual([]);
    // Unset: keepalived reads nothing (the 2.4.3 build: "(V) Priority not valid" without PRIO).
    const unset = analyze(text, { targetVersion: '2.4.3', host: envHost({ IFACE: 'eth1' }) }).diagnostics;
    expect(unset.filter((d) => d.code === 'KA113').map((d) => `${d.range.start.line + 1}:${d.severity}`)).toEqual(['5:info']);
    expect(unset.find((d) => d.code === 'KA113')!.message).toContain('environment variable PRIO is not set where kalint runs');
  });

  it('is no definition before 2.4.0: the text stays and is split at its braces', () => {
    const old = found(text, { host: envHost({ IFACE: 'eth1', PRIO: '120' }) });
    expect(old.filter((d) => d.includes('KA109'))).toEqual(['3:KA109:error', '5:KA109:error']);
    expect(old).toContain('3:KA103:error');
  });

  it('takes exactly one name; without one keepalived 2.4 crashes', () => {
    const rid = (ref: string) => `global_defs {\n    router_id ${ref}\n}\n`;
    // 2.4.3 build: "Definition _ENV requires between 1 and 1 parameters, 2 specified.", then the braces.
    expect(found(rid('${_ENV A B}'), { targetVersion: '2.4.3' })).toEqual(['2:KA113:error', '2:KA103:error', '2:KA201:error', '3:KA103:error']);
    // 2.4.3 build: exit 139 on both (a name read from a null pointer).
    for (const ref of ['${_ENV}', '$_ENV']) {
      const d = analyze(rid(ref), { targetVersion: '2.4.3' }).diagnostics.find((x) => x.code === 'KA113');
      expect(d?.message, ref).toContain('crashes');
    }
    // keepalived's own definitions of that name win, and a bare $NAME hints at _ENV from 2.4.0.
    expect(found('$_ENV=x\n' + rid('$_ENV'), { targetVersion: '2.4.3' })).toEqual([]);
    const hint = analyze(rid('$NOPE'), { targetVersion: '2.4.3' }).diagnostics.find((x) => x.code === 'KA109');
    expect(hint?.message).toContain('write ${_ENV NOPE} to read one');
  });
});

describe('a definition that writes an @id prefix (keepalived 2.1.4 to 2.2.7 strip it with a stale length)', () => {
  const vi = (line: string) => `$M=@lb1\n$MMM=@lb1 priority 150\n$P=@lb1 priority 150\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    ${line}\n    virtual_ipaddress {\n        192.0.2.10\n    }\n}\n`;
  const longer = vi('$M priority 150'); // the prefix makes the line 2 bytes longer
  const unmoved = vi('$MMM'); // 4 bytes, one less than '@lb1 '
  const shorter = vi('$P'); // shorter still
  const at = (text: string, targetVersion: string) =>
    analyze(text, { configId: 'lb1', targetVersion }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}${d.code === 'KA113' ? `:${d.severity}` : ''}`);
  const priority = (text: string, targetVersion: string) => analyze(text, { configId: 'lb1', targetVersion }).model.vrrpInstances[0]?.priority?.value;
  it('2.2.7 reads stale bytes, a bare keyword or crashes, as the line is longer or shorter', () => {
    // keepalived 2.2.7: "(Line 8) invalid number '15ty'", then "Priority not valid!"
    expect(at(longer, '2.2.7')).toEqual(['8:KA113:error', '8:KA204', '8:KA205']);
    expect(analyze(longer, { configId: 'lb1' }).diagnostics.find((d) => d.code === 'KA113')?.message).toMatch(/reads this line as 'priority 15ty 150'/);
    // "(Line 8) Unknown keyword '@lb1'"
    expect(at(unmoved, '2.2.7')).toEqual(['8:KA113:error', '8:KA201']);
    // "double free or corruption (out)", exit 134
    expect(at(shorter, '2.2.7')).toEqual(['8:KA113:error']);
    expect(analyze(shorter, { configId: 'lb1' }).diagnostics[0]?.message).toMatch(/crashes/);
    // Not this node: keepalived drops the line before anything goes wrong.
    expect(analyze(longer, { configId: 'lb2' }).diagnostics).toEqual([]);
  });
  it('says that -t does not report the rewrite where the line it reads is valid', () => {
    // Mutation fuzzer against 2.1.5 (seed 391): with an empty first line the value starts at '@x priority 100', and
    // keepalived 2.1.5 and 2.2.7 read 'priority 10 100' silently (-i x): priority 10, the rest ignored. With
    // '@x virtual_router_id 300' they say "Unknown keyword 'virtual_rourouter_id'", as kalint predicts.
    const text = (v: string) => ['$LONG_NAME_= \\', `@x ${v}`, 'vrrp_instance VI_1 {', '    state BACKUP', '    interface eth0', '    virtual_router_id 51', '    ${LONG_NAME_}', '    virtual_ipaddress {', '        192.0.2.10', '    }', '}', ''].join('\n');
    const a = analyze(text('priority 100'), { configId: 'x' });
    expect(a.diagnostics.filter((d) => d.code === 'KA113').map((d) => d.message)).toEqual([expect.stringMatching(/reads this line as 'priority 10 100'.*-t does not report the change itself/)]);
    expect(a.model.vrrpInstances[0]?.priority?.value).toBe(10);
    if (keepalivedAvailable()) {
      expect(runKeepalived(text('priority 100'), { configId: 'x' }).messages).toEqual([]);
      expect(runKeepalived(text('virtual_router_id 300'), { configId: 'x' }).messages.map((m) => m.message)).toEqual(["Unknown keyword 'virtual_rourouter_id'"]);
    }
  });
  it('a stale line that starts `$NAME=` defines NAME, as keepalived goes on checking it', () => {
    // Mutation fuzzer against 2.2.7 (seed 606, unicast_vmac.conf): '@^medium<TAB>$IF=eth6' written by a definition reads
    // '$IF=eium<TAB>$IF=eth6', and keepalived then looks for interface 'eium' ("WARNING - interface eium for vrrp_instance
    // VI_1 doesn't exist"), with no unknown keyword.
    const text = ['$LONG_NAME_=@^medium\t$IF=eth6 \\', '@medium\t$IF=br6', '', '${LONG_NAME_}', 'vrrp_instance VI_1 {', '    interface $IF', '    virtual_router_id 51', '    priority 100', '    virtual_ipaddress {', '        192.0.2.10', '    }', '}', ''].join('\n');
    const a = analyze(text, { configId: 'kalint', targetVersion: '2.2.7' });
    expect(a.diagnostics.filter((d) => d.code === 'KA201')).toEqual([]);
    expect(a.model.vrrpInstances[0]?.interface?.value).toBe('eium');
    if (keepalivedAvailable()) expect(runKeepalived(text, { configId: 'kalint' }).stderr).toContain('interface eium for vrrp_instance VI_1');
  });
  it('2.2.8 to 2.3.x read the prefix; 2.4.0 reads it as a keyword; before 2.1.4 keepalived hangs', () => {
    for (const v of ['2.2.8', '2.3.1']) {
      expect(at(longer, v)).toEqual([]);
      expect(priority(longer, v)).toBe(150);
      expect(at(shorter, v)).toEqual([]);
    }
    // The 2.4.3 build: "(Line 8) Unknown keyword '@lb1'", whatever -i names.
    expect(at(longer, '2.4.3')).toEqual(['8:KA113:warning', '8:KA201']);
    expect(analyze(longer, { configId: 'lb2', targetVersion: '2.4.3' }).diagnostics.map((d) => d.code)).toEqual(['KA113', 'KA201']);
    // Builds of 2.0.7 to 2.1.3 hang under -t on such a line.
    expect(at(longer, '2.1.3')).toEqual(['8:KA113:error']);
    expect(at(longer, '2.1.4')).toEqual(['8:KA113:error', '8:KA204', '8:KA205']);
  });
  it('2.4.0 does not read a definition or a ~SEQ line that a substitution writes', () => {
    // The 2.4.3 build: "(Line 5) Unknown keyword '$A='"; 2.2.7 defines A.
    const def = '$D=$A=5\nglobal_defs {\n    router_id r\n}\n$D\n';
    expect(codes(def, { targetVersion: '2.2.7' })).toEqual([]);
    expect(codes(def, { targetVersion: '2.4.3' })).toEqual(['5:KA113', '5:KA201']);
    // "(Line 2) Unknown keyword '~SEQ(i,1,2)'" and the braces after it.
    const seq = '$C=~SEQ(i,1,2) vrrp_script s$i { script /bin/true }\n$C\n';
    expect(analyze(seq, { targetVersion: '2.2.7' }).model.vrrpScripts.map((x) => x.name)).toEqual(['s1', 's2']);
    expect(analyze(seq, { targetVersion: '2.4.3' }).model.vrrpScripts).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived 2.2.7', async () => {
    expect(runKeepalived(longer, { configId: 'lb1' }).messages.map((m) => `${m.line}:${m.message}`)).toContain("8:invalid number '15ty'");
    expect(runKeepalived(unmoved, { configId: 'lb1' }).messages.map((m) => `${m.line}:${m.message}`)).toContain("8:Unknown keyword '@lb1'");
    expect((await runKeepalivedAsync(shorter, { configId: 'lb1' })).signal).toBe('SIGABRT');
    expect(runKeepalived(longer, { configId: 'lb2' }).exitStatus).toBe(0);
  });
});

describe('include lines keepalived reads twice (KA114)', () => {
  const LATER_LINE_INCLUDE = '$D=global_defs {\\\n}\\\ninclude inc/v1.conf\n$D\n';
  const vi = (n: number) => `vrrp_instance V${n} {\n interface eth0\n virtual_router_id ${n}\n virtual_ipaddress {\n  10.0.0.${n}\n }\n}\n`;
  const files = { 'inc/v1.conf': vi(1), 'inc/v2.conf': vi(2), 'inc/g.conf': 'global_defs {\n router_id x\n}\n' };
  const host = memoryHost(Object.fromEntries(Object.entries(files).map(([k, v]) => [`/k/${k}`, v])));
  const ka114 = (text: string) =>
    analyze(text, { file: '/k/keepalived.conf', host, configId: 'lb1' }).diagnostics.filter((d) => d.code === 'KA114').map((d) => `${d.file.replace('/k/', '')}:${d.range.start.line + 1}:${d.severity}`).sort();
  it('an @id prefix, a ~SEQ/~LST row or a definition', () => {
    // at the include line, and where keepalived says the instance is already defined
    expect(ka114('@lb1 include inc/v1.conf\n')).toEqual(['inc/v1.conf:1:error', 'keepalived.conf:1:error']);
    expect(ka114('~LST(F,v1,v2) include /k/inc/${F}.conf\n')).toEqual(['inc/v1.conf:1:error', 'inc/v2.conf:1:error', 'keepalived.conf:1:error', 'keepalived.conf:1:error']);
    expect(ka114('$I=include inc/v1.conf\n$I\n')).toEqual(['inc/v1.conf:1:error', 'keepalived.conf:2:error']);
    // the first line of a multi-line definition too
    expect(ka114('$I=include inc/v1.conf \\\nglobal_defs {\\\n}\n$I\n')).toEqual(['inc/v1.conf:1:error', 'keepalived.conf:4:error']);
    expect(ka114('@lb1 include inc/g.conf\n')).toEqual(['keepalived.conf:1:warning']);
  });
  it('reads the rows after the first of a ~SEQ include from the directory of the file the row before included', () => {
    const a = analyze('~SEQ(N,1,2) include inc/v${N}.conf\n', { file: '/k/keepalived.conf', host });
    expect(a.diagnostics.filter((d) => d.code === 'KA110').map((d) => d.message)).toEqual([expect.stringContaining("'/k/inc/inc/v2.conf'")]);
    expect(a.model.vrrpInstances.map((i) => i.name)).toEqual(['V1']);
  });
  it('not a plain include line, nor one whose condition fails', () => {
    expect(ka114('include inc/v1.conf\n  include inc/v2.conf # x\n$D=inc\ninclude ${D}/g.conf\n@lb2 include inc/v1.conf\n')).toEqual([]);
  });
  it('2.1.4 reads the first line of an included file again when it opens a block', () => {
    const at = (text: string, targetVersion: string) =>
      analyze(text, { file: '/k/keepalived.conf', host, targetVersion }).diagnostics.filter((d) => d.code === 'KA114').map((d) => `${d.range.start.line + 1}: ${d.message}`);
    const text = 'include inc/v1.conf\n' + vi(2);
    // The 2.1.4 build, the include first and a vrrp_instance after it: "(main.conf: Line 4) vrrp instance VI_1 already
    // defined", "(main.conf: Line 5) Missing '{' at beginning of configuration block", "Unknown keyword 'vrrp_instance'",
    // exit 4; a file starting with `virtual_ipaddress {` included inside a vrrp_instance: exit 139. 2.1.3 and 2.1.5: exit 0.
    expect(at(text, '2.1.4')).toEqual([expect.stringMatching(/^1: keepalived 2\.1\.4 reads the first line of '\/k\/inc\/v1\.conf' \('vrrp_instance V1 \{'\) again/)]);
    expect(at('# note\n' + text, '2.1.4')).toHaveLength(1);
    expect(at(text, '2.1.3')).toEqual([]);
    expect(at(text, '2.1.5')).toEqual([]);
    // Nothing is read again when the file ends with a blank or comment line: the 2.1.4 build exits 0 on `include f.conf`
    // for 'vrrp_instance B {…}\n\n' and '…}\n# end', and prints "Extra '}' found" for '…}\n' and '…}' (a k0s config
    // from the sweep ends its generated include with blank lines).
    const ending = (tail: string) =>
      analyze('include b.conf\n' + vi(2), { file: '/k/keepalived.conf', host: memoryHost({ '/k/b.conf': 'vrrp_instance B {\n  interface eth0\n  virtual_router_id 2\n}' + tail }), targetVersion: '2.1.4' })
        .diagnostics.filter((d) => d.code === 'KA114');
    expect(ending('\n\n')).toEqual([]);
    expect(ending('\n# end\n')).toEqual([]);
    expect(ending('\n')).toHaveLength(1);
    expect(ending('')).toHaveLength(1);
    // A first line that opens no block is read once (the 2.1.4 build: global_defs including ` router_id lb1`, exit 0).
    const host2 = memoryHost({ '/k/r.conf': '# id\n router_id lb1\n' });
    expect(analyze('global_defs {\n include r.conf\n}\n', { file: '/k/keepalived.conf', host: host2, targetVersion: '2.1.4' }).diagnostics.filter((d) => d.code === 'KA114')).toEqual([]);
  });
  it('2.1.4 does not take include followed by a tab', () => {
    const run = (targetVersion: string) => analyze('include\tinc/g.conf\n', { file: '/k/keepalived.conf', host, targetVersion });
    // The 2.1.4 build on `include<TAB>FILE`: "(tab.conf: Line 4) Unknown keyword 'include'", the file unread; 2.1.3 and
    // 2.1.5 (b8f37cb3) read it.
    const old = run('2.1.4');
    expect(old.diagnostics.filter((d) => d.code === 'KA110').map((d) => d.message)).toEqual([expect.stringContaining("with a tab it reports \"Unknown keyword 'include'\" and reads nothing from 'inc/g.conf'")]);
    expect(old.model.globalDefs?.routerId).toBeUndefined();
    for (const v of ['2.1.3', '2.1.5']) {
      expect(run(v).diagnostics.filter((d) => d.code === 'KA110')).toEqual([]);
      expect(run(v).model.globalDefs?.routerId?.value).toBe('x');
    }
  });
  it('not an include on a later line of a multi-line definition: keepalived reads it once', () => {
    expect(ka114(LATER_LINE_INCLUDE)).toEqual([]);
    expect(analyze(LATER_LINE_INCLUDE, { file: '/k/keepalived.conf', host }).model.vrrpInstances.map((i) => i.name)).toEqual(['V1']);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    const said = (text: string) => runKeepalived(text, { files, configId: 'lb1' }).messages.map((m) => `${m.file}:${m.line}:${m.message}`);
    expect(said('@lb1 include inc/v1.conf\n')).toEqual(['inc/v1.conf:1:vrrp instance V1 already defined']);
    expect(said('$I=include inc/v1.conf\n$I\n')).toEqual(['inc/v1.conf:1:vrrp instance V1 already defined']);
    expect(said('$I=include inc/v1.conf \\\nglobal_defs {\\\n}\n$I\n')).toEqual(['inc/v1.conf:1:vrrp instance V1 already defined']);
    expect(said(LATER_LINE_INCLUDE)).toEqual([]);
    expect(new Set(said('~SEQ(N,1,2) include inc/v${N}.conf\n'))).toEqual(new Set(["inc/v1.conf:0:Config files missing 'inc/v2.conf'.", 'inc/v1.conf:1:vrrp instance V1 already defined']));
    expect(said('include inc/v1.conf\n  include inc/v2.conf # x\n$D=inc\ninclude ${D}/g.conf\n@lb2 include inc/v1.conf\n')).toEqual([]);
  });
});

describe('a second group list in a vrrp_sync_group or track_group', () => {
  const texts = [
    'vrrp_sync_group G {\n  group {\n    VI_1\n    VI_2\n  }\n  group {\n    VI_X\n  }\n  notify_master "/bin/true"\n}\n',
    'track_group TG {\n  group {\n    VI_1\n  }\n  group\n  {\n    VI_2\n  }\n  weight 10\n}\n',
  ];
  const lineCodes = (text: string) => analyze(text).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`);
  it('skips the list, and its closing brace ends the enclosing block', () => {
    expect(lineCodes(texts[0]!)).toEqual(['6:KA209', '9:KA202', '10:KA103']);
    expect(lineCodes(texts[1]!)).toEqual(['5:KA209', '9:KA202', '10:KA103']);
    const group = analyze(texts[0]!).model.syncGroups[0]!;
    expect(group.members.map((w) => w.text)).toEqual(['VI_1', 'VI_2']);
    expect(group.node.closeBrace?.range.start.line).toBe(7);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const text of texts) {
      const said = runKeepalived(text).messages.filter((m) => m.line !== undefined);
      expect([...new Set(said.map((m) => m.line))].sort((a, b) => a! - b!), text).toEqual(lineCodes(text).map((c) => Number(c.split(':')[0])));
    }
  });
});

describe('a bfd_instance name longer than keepalived keeps', () => {
  const text = (n: number) => `bfd_instance ${'b'.repeat(n)} {\n    neighbor_ip 10.0.0.1\n}\n`;
  it('is reported, and the block is read by the checker process alone', () => {
    expect(analyze(text(31)).diagnostics).toEqual([]);
    const a = analyze(text(32));
    expect(a.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}:${d.severity}`)).toEqual(['1:KA205:error']);
    expect(a.model.bfdInstances.map((b) => [b.readBy, b.forVrrp, b.forChecker])).toEqual([[{ bfd: false, vrrp: false, checker: true }, false, true]]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    expect(runKeepalived(text(31)).messages).toEqual([]);
    expect(runKeepalived(text(32)).messages.some((m) => m.line === 1 && /name too long/.test(m.message))).toBe(true);
  });
});

describe('an ignored { left unmatched in a top-level block', () => {
  // keepalived's processes skip the top-level blocks they do not use by counting braces. A '{' the
  // reading process ignored ("Unexpected '{'") is still counted by them, so when the block ends
  // they skip on, over the next blocks, until a '}' balances it (here the stray one on line 16).
  const config = [
    'vrrp_instance VI_1 {', //             1
    '    state BACKUP',
    '    interface eth0',
    '    virtual_router_id 5',
    '    priority 100',
    '    authentication {', //             6
    '        auth_type PASS',
    '        auth_pass 1234',
    '    virtual_ipaddress {', //          9: ignored '{'
    '        10.0.0.1',
    '    }',
    '}', //                               12: ends authentication; vrrp_instance stays open
    'virtual_server 10.1.0.100 80 {', //  13: the checker is still skipping vrrp_instance
    '    bogus2',
    '}',
    '}', //                               16: ends vrrp_instance; '}' at the top level
    'virtual_server 10.1.0.101 80 {', //  17: read again
    '    bogus3',
    '}',
    '',
  ].join('\n');
  it('reports the blocks the skipping processes never read and leaves them out of the model', () => {
    const a = analyze(config);
    const at = (line: number) => a.diagnostics.filter((d) => d.range.start.line + 1 === line).map((d) => d.code);
    expect(at(13)).toEqual(['KA103']);
    expect(a.diagnostics.find((d) => d.range.start.line === 12)!.message).toContain("never reads this 'virtual_server'");
    expect(at(14)).toEqual([]);
    expect(at(18)).toEqual(['KA201']);
    expect(a.model.virtualServers.map((v) => v.node.args.map((w) => w.text).join(' '))).toEqual(['10.1.0.101 80']);
  });
  it('leaves blocks read by a process that reads the first block too', () => {
    const a = analyze(config.replace('virtual_server 10.1.0.100 80 {', 'vrrp_script chk {'));
    expect(a.diagnostics.filter((d) => d.range.start.line === 12)).toEqual([]);
    expect(a.diagnostics.filter((d) => d.range.start.line === 13).map((d) => d.code)).toEqual(['KA201']);
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t reads nothing of the skipped block and the next one again', () => {
    const lines = runKeepalived(config).messages.map((m) => m.line);
    expect(lines).not.toContain(13);
    expect(lines).not.toContain(14);
    expect(lines).toContain(18);
  });
});

describe('a block two processes read, one of them still skipping an earlier block', () => {
  // Found by fuzzing against 2.1.5 (seed 733): `track_interface {{` leaves a '{' the checker counts while it
  // skips the vrrp_instance, so it skips on over the track files after it, which only the VRRP process reads;
  // every FILE_CHECK naming them is "track_file TF_1 not found" (2.1.5, 2.2.7, 2.4.3). The other way round,
  // a '{' left in a virtual_server keeps its track files and bfd_instances from the VRRP process.
  const instance = ['vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 1', '    track_interface {{', '        eth0', '    }', '    virtual_ipaddress {', '        10.0.0.1', '    }', '}'];
  const server = (check: string[]) => ['virtual_server 10.0.0.1 80 {', '    protocol TCP', '    real_server 10.0.1.1 80 {', ...check.map((l) => `        ${l}`), '    }', '}'];
  const leftOpen = ['virtual_server 10.0.0.1 80 {', '    protocol TCP', '    real_server 10.0.1.1 80 {', '        TCP_CHECK {', '            connect_port 80 {', '        }', '    }', '}'];
  const tracking = (block: string, name: string) => ['vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 1', `    ${block} {`, `        ${name}`, '    }', '    virtual_ipaddress {', '        10.0.0.1', '    }', '}'];
  const lines = (...parts: string[][]) => parts.flat().join('\n') + '\n';
  const messagesAt = (text: string, line: number) => lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.range.start.line + 1 === line);

  it('keeps the track file in the model and notes that the checker never reads it (KA518)', () => {
    const text = lines(instance, ['track_file TF_1 {', '    file /tmp/tf1', '}', '}'], server(['FILE_CHECK {', '    track_file TF_1', '}']));
    const a = analyze(text);
    expect(a.model.trackFiles.map((t) => [t.name, t.unreadBy?.checker, t.unreadBy?.vrrp, t.unreadBy?.skipped.keyword, t.unreadBy?.brace.range.start.line])).toEqual([['TF_1', true, false, 'vrrp_instance', 3]]);
    const at19 = messagesAt(text, 19);
    expect(at19.map((d) => d.code)).toEqual(['KA518']);
    expect(at19[0]!.message).toContain("keepalived's checker process never reads track_file 'TF_1' (line 11): it skips 'vrrp_instance' (line 1)");
    expect(at19[0]!.related!.map((r) => r.range.start.line + 1)).toEqual([11, 4]);
    expect(messagesAt(text, 20).map((d) => d.code)).toEqual(['KA518']);
  });

  it('says nothing where the track file comes before the block left open', () => {
    const text = lines(['track_file TF_1 {', '    file /tmp/tf1', '}'], instance, ['}'], server(['FILE_CHECK {', '    track_file TF_1', '}']));
    expect(analyze(text).model.trackFiles[0]!.unreadBy).toBeUndefined();
    expect(lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.code === 'KA518')).toEqual([]);
  });

  it('notes the track files and bfd_instances the VRRP process never reads after a virtual_server left open (KA315)', () => {
    const file = lines(leftOpen, ['track_file TF_1 {', '    file /tmp/tf1', '}', '}'], tracking('track_file', 'TF_1'));
    const tf = messagesAt(file, 17).filter((d) => d.code === 'KA315');
    expect(tf).toHaveLength(1);
    expect(tf[0]!.message).toContain("the VRRP process never reads track_file 'TF_1' (line 9): it skips 'virtual_server' (line 1)");
    expect(tf[0]!.message).not.toContain('a bug links');
    const bfd = lines(leftOpen, ['bfd_instance B1 {', '    neighbor_ip 10.0.1.1', '}', '}'], tracking('track_bfd', 'B1'));
    expect(analyze(bfd).model.bfdInstances[0]!.unreadBy).toMatchObject({ vrrp: true, checker: false });
    expect(messagesAt(bfd, 17).filter((d) => d.code === 'KA315')[0]!.message).toContain("the VRRP process never reads bfd_instance 'B1'");
  });

  it('says -t finds such a track file through its linked lists when another track file comes first', () => {
    const text = lines(['track_file TF_0 {', '    file /tmp/tf0', '}'], leftOpen, ['track_file TF_1 {', '    file /tmp/tf1', '}', '}'], tracking('track_file', 'TF_1'));
    const tf = messagesAt(text, 20).filter((d) => d.code === 'KA315');
    expect(tf[0]!.message).toContain("the VRRP process never reads track_file 'TF_1'");
    expect(tf[0]!.message).toContain('a bug links its list of track files to the checker');
  });

  it('notes the bfd_instance the checker never reads (KA519)', () => {
    const text = lines(instance, ['bfd_instance B1 {', '    neighbor_ip 10.0.1.1', '}', '}'], server(['BFD_CHECK {', '    name B1', '}']));
    const at19 = messagesAt(text, 19).filter((d) => d.code === 'KA519');
    expect(at19).toHaveLength(1);
    expect(at19[0]!.message).toContain("keepalived's checker process never reads bfd_instance 'B1' (line 11)");
  });

  it.skipIf(!keepalivedAvailable())('keepalived -t reports each of them at the same line', () => {
    const cases: [string, number, RegExp][] = [
      [lines(instance, ['track_file TF_1 {', '    file /tmp/tf1', '}', '}'], server(['FILE_CHECK {', '    track_file TF_1', '}'])), 19, /track_file TF_1 not found/],
      [lines(leftOpen, ['track_file TF_1 {', '    file /tmp/tf1', '}', '}'], tracking('track_file', 'TF_1')), 17, /track file TF_1 not found/],
      [lines(leftOpen, ['bfd_instance B1 {', '    neighbor_ip 10.0.1.1', '}', '}'], tracking('track_bfd', 'B1')), 17, /track bfd B1 not found/],
      [lines(instance, ['bfd_instance B1 {', '    neighbor_ip 10.0.1.1', '}', '}'], server(['BFD_CHECK {', '    name B1', '}'])), 19, /BFD B1 not configured/],
    ];
    for (const [text, line, message] of cases) {
      expect(runKeepalived(text).messages.filter((m) => m.line === line).map((m) => m.message)).toEqual([expect.stringMatching(message)]);
    }
  });
});

describe('timers read through strtod before 2.2.3', () => {
  // keepalived 2.0.19, 2.1.5 and 2.2.0 built from their tags accept `delay_before_retry 0x10`, `1e3`,
  // `advert_int 1.2345678` and `preempt_delay 0x1` silently; 2.2.4 prints "invalid number '0x10'",
  // "invalid number '1e3'" and "number '1.2345678' has too many decimal places". '5abc' and '-1' are
  // reported by every release ("invalid number '5abc'", "number '-1' outside range").
  const tcp = (v: string) => `virtual_server 192.0.2.1 80 {\n  protocol TCP\n  real_server 192.0.2.2 80 {\n    TCP_CHECK {\n      delay_before_retry ${v}\n    }\n  }\n}\n`;
  const at5 = (text: string, v: string) => analyze(text, { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA205' && d.range.start.line === 4).length;
  it('accepts hex, exponents and long decimals before 2.2.3', () => {
    for (const v of ['2.0.19', '2.1.5', '2.2.0', '2.2.2']) for (const x of ['0x10', '1e3', '1.2345678']) expect(at5(tcp(x), v), `${v} ${x}`).toBe(0);
    for (const v of ['2.0.19', '2.1.5']) for (const x of ['5abc', '-1']) expect(at5(tcp(x), v), `${v} ${x}`).toBe(1);
  });
  it('reports them from 2.2.3 on', () => {
    for (const v of ['2.2.3', '2.2.4', '2.2.7']) for (const x of ['0x10', '1e3', '1.2345678']) expect(at5(tcp(x), v), `${v} ${x}`).toBe(1);
  });
});

describe('bfd_instance timers in whole milliseconds before 2.2.0', () => {
  // keepalived 2.0.19 and 2.1.5 built from their tags: `idle_tx 1285.2` prints "invalid number '1285.2'"
  // and "Configuration error: BFD instance b idle_tx value 1285.2 is not valid (must be in range
  // [1000-4294967]), ignoring" (min_tx likewise); 2.2.0 and later read decimals of a millisecond.
  const bfd = (line: string) => `bfd_instance b {\n  neighbor_ip 192.0.2.40\n  ${line}\n}\n`;
  const ka205 = (text: string, v: string) => analyze(text, { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA205' && d.range.start.line === 2).map((d) => d.message);
  it('reports a decimal value', () => {
    for (const v of ['2.0.19', '2.1.5']) {
      expect(ka205(bfd('idle_tx 1285.2'), v), v).toEqual([expect.stringContaining("expects a whole number for milliseconds, got '1285.2' (keepalived: invalid number)")]);
      expect(ka205(bfd('min_tx 160.955'), v), v).toHaveLength(1);
      expect(ka205(bfd('min_rx 10'), v), v).toEqual([]);
    }
  });
  it('reads decimals from 2.2.0 on', () => {
    for (const v of ['2.2.0', '2.2.4', '2.2.7']) expect(ka205(bfd('idle_tx 1285.2'), v), v).toEqual([]);
  });
});

describe('a reference followed by one to an empty definition, before 2.1.4', () => {
  // keepalived 2.0.9, 2.0.19, 2.1.0 and 2.1.3 built from their tags never finish `-t` on these files
  // (killed by timeout; `$W$V`, `$V${V}` and `$W$V$V` with W=x hang too); 2.1.4 and later read them.
  // `$V$W` with only W=x, `${V}$V`, `$X$V` with X undefined and `$V $V` do not hang.
  const cfg = (defs: string, value: string) => `${defs}\nglobal_defs {\n  router_id ${value}\n}\n`;
  const hangs = (text: string, v: string) => analyze(text, { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA113').map((d) => `${d.range.start.line + 1}:${d.message}`);
  it('says keepalived loops forever', () => {
    expect(hangs(cfg('$V=', '$V$V'), '2.0.19')).toEqual(["3:keepalived 2.0.19 loops forever on this line: '$V$V' is a reference followed at once by one to an empty definition (fixed in 2.1.4)"]);
    expect(hangs(cfg('$V=\n$W=x', '$W$V'), '2.1.3')).toHaveLength(1);
    expect(hangs(cfg('$V=', '$V${V}'), '2.0.9')).toHaveLength(1);
    for (const [defs, value] of [['$V=\n$W=x', '$V$W'], ['$V=', '${V}$V'], ['$V=', '$X$V'], ['$V=', '$V $V'], ['$V=x', '$V$V']]) expect(hangs(cfg(defs!, value!), '2.0.19'), value).toEqual([]);
  });
  it('reads the line from 2.1.4 on', () => {
    for (const v of ['2.1.4', '2.2.7']) expect(hangs(cfg('$V=', '$V$V'), v), v).toEqual([]);
  });
});

describe('~SEQ features a target before 2.1.0 lacks', () => {
  // keepalived 2.0.9 and 2.0.19 built from their tags; 2.1.0 reads all four lines silently:
  //   ~LST(n,1,2) …                 "(Line 2) Unknown keyword '~LST(n,1,2)'"
  //   ~SEQx(n,1,2) …                "(Line 2) Invalid ~SEQ specification '~SEQx(n,1,2) vrrp_garp_master_repeat 2$n'"
  //   ~SEQ(n,1,2) … 2${n}           "(Line 2) Unexpected '{' - ignoring", "(Line 2) Unknown keyword 'n'", then
  //                                 "(Line 3) Unknown keyword 'router_id'" (the '}' closed global_defs)
  //   ~SEQ in virtual_ipaddress     "(Line 6) VRRP parsed invalid IP ~SEQ(n,1,2). skipping IP..."
  const g = (line: string) => `global_defs {\n  ${line}\n  router_id x\n}\n`;
  const vb = 'vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 5\n  priority 100\n  virtual_ipaddress {\n    ~SEQ(n,1,2) 192.0.2.$n\n  }\n}\n';
  const ka113 = (text: string, v: string) => analyze(text, { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA113').map((d) => `${d.range.start.line + 1}:${d.message}`);
  it('reports each on its line', () => {
    expect(ka113(g('~LST(n,1,2) vrrp_garp_master_repeat 2$n'), '2.0.19')).toEqual([expect.stringContaining("2:keepalived 2.0.19 has no ~LST (it came in 2.1.0)")]);
    expect(ka113(g('~SEQx(n,1,2) vrrp_garp_master_repeat 2$n'), '2.0.19')).toEqual([expect.stringContaining('2:keepalived 2.0.19 has no ~SEQx')]);
    expect(ka113(g('~SEQ(n,1,2) vrrp_garp_master_repeat 2${n}'), '2.0.9')).toEqual([expect.stringContaining("2:keepalived 2.0.9 does not substitute '${n}' in a ~SEQ line")]);
    expect(ka113(vb, '2.0.19')).toEqual([expect.stringContaining("6:keepalived 2.0.19 reads a ~SEQ line inside 'virtual_ipaddress { }' as values")]);
    // "(Line 5) VRRP parsed invalid IP ~SEQ(n,. skipping IP...", "… invalid IP {. …", "Unknown keyword '.0.1/32'":
    // in a value block the braces of '${n}' split the line too, and its '}' closes the block.
    expect(ka113(vb.replace('192.0.2.$n', '10.${n}.0.1/32'), '2.0.19')).toEqual([expect.stringContaining("the '}' of '${n}' closes 'virtual_ipaddress'")]);
    // ~SEQx too is read as values there (the 2.0.19 build, found by the mutation fuzzer, seed 115: "VRRP parsed invalid
    // IP ~SEQx(AD,. skipping IP...", "Unknown keyword ':1'", then "Unknown keyword '}'" two lines on).
    const vbx = vb.replace('~SEQ(n,1,2) 192.0.2.$n', '~SEQx(AD, 0x90, 0x10, 0xc0) fe80::10:${AD}:1');
    expect(ka113(vbx, '2.0.19')).toEqual([expect.stringContaining("6:keepalived 2.0.19 reads a ~SEQ line inside 'virtual_ipaddress { }' as values, '~SEQx(AD, 0x90, 0x10, 0xc0)' included")]);
    expect(analyze(vbx, { targetVersion: '2.0.19' }).diagnostics.filter((d) => d.code === 'KA103' || d.code === 'KA201').map((d) => `${d.range.start.line + 1} ${d.code}`)).toEqual(['6 KA103', '6 KA201', '8 KA103']);
    // $n without braces has always worked.
    expect(ka113(g('~SEQ(n,1,2) vrrp_garp_master_repeat 2$n'), '2.0.19')).toEqual([]);
  });
  it('substitutes nothing in a line it reads as words (mutation fuzzer, 2.0.19 seed 376)', () => {
    // keepalived substitutes no line that starts with '~': with X='}', the 2.0.19 build says only "Unknown keyword
    // '~LST(I,'" for `~LST(I, 1) $X` in global_defs, and router_id on the next line is global_defs' own; kalint had
    // substituted the '}', closed global_defs there and reported the next two lines. In a value block the same: the 2.0.19
    // build says only "VRRP parsed invalid IP ~SEQ(n,1,2)", the '}' of X closing nothing.
    const x = (line: string) => `$X=}
${g(line)}`;
    const errors = (text: string) => analyze(text, { targetVersion: '2.0.19' }).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1} ${d.code}`);
    expect(errors(x('~LST(I, 1) $X'))).toEqual(['3 KA201']);
    expect(ka113(x('~LST(I, 1) $X'), '2.0.19')).toEqual([expect.stringContaining("substitutes nothing before the first brace, '~LST(I,' an unknown keyword")]);
    const values = `$X=}
${vb.replace('192.0.2.$n', '192.0.2.1 $X')}`;
    expect(errors(values)).toEqual(['7 KA205']);
  });
  it('substitutes the rest of such a line from its first brace on, which keepalived reads as a line of its own (fuzz seed 540, 2.0.20)', () => {
    // `${D}` after the first brace is substituted: ')' is the unknown keyword and D's '{' is never closed (the 2.0.20
    // build: "Unknown keyword ')'", "Unexpected '{'", "There are 1 missing '}'s"); before that brace nothing is.
    const text = '$D=virtual_ipaddress {\nvrrp_instance V {\n  ~LST({I,J}, {1,a}) ${D}\n}\n';
    const found = analyze(text, { targetVersion: '2.0.20' }).diagnostics.filter((d) => ['KA102', 'KA103', 'KA201'].includes(d.code));
    expect(found.filter((d) => d.code === 'KA201').map((d) => /'([^']*)'/.exec(d.message)![1])).toEqual(['~LST(', 'I,J', ',', '1,a', ')']);
    expect(found.filter((d) => d.code === 'KA102').map((d) => d.range.start.line + 1)).toEqual([4]);
    // A '${D}' the first brace splits is not substituted: 'D' is read as a keyword.
    const split = analyze('$D=virtual_ipaddress {\nvrrp_instance V {\n  ~LST(I, 1, 2) ${D}\n}\n', { targetVersion: '2.0.20' }).diagnostics;
    expect(split.filter((d) => d.code === 'KA201').map((d) => /'([^']*)'/.exec(d.message)![1])).toEqual(['~LST(I,', 'D']);
  });
  it('reads them from 2.1.0 on', () => {
    for (const v of ['2.1.0', '2.2.7']) {
      for (const line of ['~LST(n,1,2) vrrp_garp_master_repeat 2$n', '~SEQx(n,1,2) vrrp_garp_master_repeat 2$n', '~SEQ(n,1,2) vrrp_garp_master_repeat 2${n}']) expect(ka113(g(line), v), `${v} ${line}`).toEqual([]);
      expect(ka113(vb, v), v).toEqual([]);
    }
  });
});

describe('an include inside a value block, for targets before 2.1.4', () => {
  // keepalived 2.0.9, 2.0.16, 2.0.19, 2.1.0 and 2.1.3 built from their tags print
  // "(Line 1) Unknown keyword '192.0.2.1'", "(Line 2) Unknown keyword '192.0.2.2'" for vip.conf and
  // "(Line 1) Unknown keyword 'chk'" for ts.conf: before 2.1.4 (commit "Allow 'include' statement to be
  // on any line", issue #1670) an included file is read as keywords of the block around the include.
  // 2.1.4, 2.1.5, 2.2.4 and 2.2.7 read the lines as values.
  const main = 'vrrp_script chk {\n  script /bin/true\n}\nvrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 5\n  priority 100\n  virtual_ipaddress {\n    include vip.conf\n    192.0.2.3\n  }\n  track_script {\n    include ts.conf\n  }\n}\n';
  const host = memoryHost({ '/k/keepalived.conf': main, '/k/vip.conf': '192.0.2.1\n192.0.2.2\npriority 50\n', '/k/ts.conf': 'chk\n' });
  const found = (v: string) => analyze(main, { file: '/k/keepalived.conf', host, targetVersion: v }).diagnostics
    .filter((d) => d.code === 'KA201').map((d) => `${d.file.replace('/k/', '')}:${d.range.start.line + 1}`);
  it('reads the included lines as keywords of the enclosing block', () => {
    for (const v of ['2.0.19', '2.1.3']) expect(found(v), v).toEqual(['ts.conf:1', 'vip.conf:1', 'vip.conf:2']);
    const a = analyze(main, { file: '/k/keepalived.conf', host, targetVersion: '2.0.19' });
    expect(a.diagnostics.find((d) => d.code === 'KA201' && d.file === '/k/vip.conf')!.message).toContain("reads a file included inside 'virtual_ipaddress { }' as keywords of the block around it");
    // 'priority 50' in vip.conf is a vrrp_instance keyword there: a repeat of priority, not an address.
    expect(a.diagnostics.some((d) => d.file === '/k/vip.conf' && d.range.start.line === 2 && d.code === 'KA201')).toBe(false);
  });
  it('reads them as values from 2.1.4 on', () => {
    for (const v of ['2.1.4', '2.1.5', '2.2.7']) expect(found(v), v).toEqual([]);
  });
});

describe('a file ending inside a virtual_server keepalived skips for its address', () => {
  // keepalived 2.2.7 skips the block, then still closes it at the end of the file: it aborts.
  const aborting = 'virtual_server fakevip 80 {\n    delay_loop 3\n';
  const closedFirst = 'virtual_server fakevip 80 {\n    delay_loop 3\n}\nvirtual_server 192.0.2.1 80 {\n';
  const ka102 = (text: string) => analyze(text).diagnostics.filter((d) => d.code === 'KA102').map((d) => d.message);
  it('says keepalived aborts there, and only there', () => {
    expect(ka102(aborting)).toEqual([expect.stringContaining('keepalived 2.2.7 then aborts')]);
    expect(ka102(closedFirst)).toEqual([expect.not.stringContaining('aborts')]);
  });
  it('says keepalived 2.1.4 and 2.1.5 crash at the end of a file with a block never closed', () => {
    // Built from their tags: 2.1.4 and 2.1.5 exit 139 under -t on this file; 2.1.3 (exit 4) and
    // 2.2.0 (exit 5) report it and stop.
    const open = 'global_defs {\n    router_id a\n';
    const at = (v: string) => analyze(open, { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA102').map((d) => d.message);
    for (const v of ['2.1.4', '2.1.5']) expect(at(v), v).toEqual([expect.stringContaining(`keepalived ${v} then crashes at the end of the file`)]);
    for (const v of ['2.1.3', '2.2.0', '2.2.7']) expect(at(v), v).toEqual([expect.not.stringContaining('crashes')]);
  });
  it('says 2.1.4 and 2.1.5 crash at the end of a file inside a block opened without its brace too', () => {
    // Built from their tags, exit 139 under -t: a last line 'virtual_server 192.0.2.1 80' (2.1.3 and
    // 2.2.0 say "has no real servers - ignoring"), and 'global_defs' then 'router_id a' as the last
    // lines (after "(Line 2) Missing '{' at beginning of configuration block").
    const crash = (text: string, v: string) =>
      analyze(text, { targetVersion: v }).diagnostics.filter((d) => d.message.includes(`keepalived ${v} then crashes at the end of the file`)).map((d) => `${d.range.start.line + 1}:${d.code}`);
    for (const v of ['2.1.4', '2.1.5']) {
      expect(crash('virtual_server 192.0.2.1 80\n', v), v).toEqual(['1:KA104']);
      expect(crash('global_defs\n    router_id a\n', v), v).toEqual(['1:KA102']);
    }
    // The braces balance, but the '}' meant for the instance closed its virtual_ipaddress: the VRRP
    // process is still inside VI_1 at the end (2.1.5: exit 139 after "(Line 3) Missing '{' at beginning
    // of configuration block"; 2.1.3 and 2.2.0 exit 4 and 5).
    const balanced = 'vrrp_instance VI_1 {\n    authentication\n        auth_type PASS\n    }\n    virtual_ipaddress {\n        192.0.2.1/24\n}\n';
    for (const v of ['2.1.4', '2.1.5']) expect(crash(balanced, v), v).toEqual(['1:KA102']);
    for (const v of ['2.1.3', '2.2.0']) expect([...crash('virtual_server 192.0.2.1 80\n', v), ...crash('global_defs\n    router_id a\n', v), ...crash(balanced, v)], v).toEqual([]);
  });
  it('says 2.0.8 to 2.0.19 leave the skip of a block the file ends in to the next reading', () => {
    // keepalived 2.0.8 and 2.0.19 -t on this file print only "(Line 12) There are 1 missing '}'s or
    // extra '{'s": the checker's reading ends skipping VI_2 and the VRRP reading starts skipping from
    // line 1, so VI_1 is never read. The 2.0.7 and 2.1.0 builds print "(Line 5) (VI_1) track script
    // chk_x not found, ignoring..." (init_data resets the skip count from 2.0.20, commit d58dc785).
    const text = 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    track_script {\n        chk_x\n    }\n    virtual_ipaddress {\n        10.0.0.1\n    }\n}\nvrrp_instance VI_2 {\n    interface eth0\n';
    const ka102 = (v: string) => analyze(text, { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA102').map((d) => d.message);
    for (const v of ['2.0.8', '2.0.19']) expect(ka102(v), v).toEqual([expect.stringContaining(`keepalived ${v} leaves the other processes' skip of this 'vrrp_instance' block set for the next reading of the file`)]);
    for (const v of ['2.0.7', '2.1.0', '2.2.7']) expect(ka102(v), v).toEqual([expect.not.stringContaining('next reading')]);
  });
  it('does not say 2.1.5 crashes on a never closed brace that opened no block', () => {
    // 2.1.5 -t exits 4 on both: "Unexpected '{' - ignoring", then "There are 1 missing '}'s or extra '{'s"
    // (the process that reads global_defs is back at the top level; those skipping it do not crash).
    for (const text of ['global_defs {\n}\n{\n', 'global_defs {\n    router_id a {\n}\n']) {
      expect(analyze(text, { targetVersion: '2.1.5' }).diagnostics.filter((d) => d.code === 'KA102').map((d) => d.message), text).toEqual([expect.not.stringContaining('crash')]);
    }
  });
  it('is a warning from 1.4.3 to 2.0.7, which log a warning for it and go on', () => {
    // keepalived 2.0.7 -t prints nothing and exits 4 (the instance has no virtual_router_id) on this
    // file; 2.0.8 prints "(Line 2) There are 1 missing '}'s or extra '{'s" (commit 915bda47 added the count).
    // 1.4.3 to 2.0.7 (bd0c3566; source only, no build) end read_conf_file with "WARNING - %d missing '}'(s) in
    // the config file(s)" from each process still skipping, and reset the skip; log_message, which 2.0.7's -t drops.
    const open = 'vrrp_instance A {\n interface eth0\n';
    const at = (v: string) => analyze(open, { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA102');
    for (const v of ['1.4.3', '2.0.7']) {
      const [d] = at(v);
      expect(d?.severity, v).toBe('warning');
      expect(d?.message, v).toContain(`keepalived ${v} ends it at the end of the file for the process that reads it`);
      expect(d?.message, v).toContain(`"WARNING - 1 missing '}'(s) in the config file(s)"`);
    }
    expect(at('2.0.7')[0]?.message).toContain('keepalived -t writes no log message');
    expect(at('1.4.3')[0]?.message).not.toContain('keepalived -t');
    expect(at('2.0.8')[0]?.severity).toBe('error');
  });
  it("before 1.4.3 has the VRRP and checker processes start with the parent's leftover skip and read nothing", () => {
    // The 1.3.5 build (scripts/keepalived-1.3.5/run.sh, VRRP process, -d dump): on each of these files it prints
    // nothing after "Opening file" and its dump has no "VRRP Topology"; with the block closed (or the 'bogus {'
    // line deleted) it dumps VI_1. lib/parser.c keeps skip_sublevel in a static no one resets before 1.4.3: the
    // parent (read_config_file) skips every block, global_defs too, and the children it forks read with its count.
    const vi = 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        10.11.79.20\n';
    const open1 = vi + '    }\n';
    const open2 = vi + '    }\n}\nvirtual_server 192.168.1.151 80 {\n    delay_loop 6\n    real_server 192.168.1.10 80 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n';
    const vb2 = vi + '        bogus {\n    }\n}\n';
    const globals = 'global_defs {\n  router_id a\n}\n' + vi + '    }\n}\nglobal_defs {\n  router_id b\n';
    const ka102 = (text: string, v: string) =>
      analyze(text, { configId: 'x', targetVersion: v }).diagnostics.filter((d) => d.code === 'KA102').map((d) => `${d.range.start.line + 1}:${d.severity}: ${d.message}`);
    const lost = /^\d+:error: .*the VRRP and checker processes it starts next begin their own reading with that skip, .*read nothing: every vrrp_instance and virtual_server of the file is lost/;
    expect(ka102(open1, '1.3.5')).toEqual([expect.stringMatching(lost)]);
    expect(ka102(open1, '1.3.5')[0]).toMatch(/^1:error: 'vrrp_instance' block is never closed: keepalived 1\.3\.5 does not check it, and its parent process/);
    expect(ka102(open2, '1.3.5')).toEqual([expect.stringMatching(/^10:error: 'virtual_server' block/)]);
    expect(ka102(open2, '1.3.5')[0]).toMatch(lost);
    expect(ka102(globals, '1.3.5')).toEqual([expect.stringMatching(/^13:error: 'global_defs' block .*read nothing/)]);
    // A '{' the VRRP process takes as an address, which the processes skipping the block count.
    expect(ka102(vb2, '1.3.5')).toEqual([expect.stringMatching(/^8:error: '\{' is never closed for the processes that skip the 'vrrp_instance' block \(line 1\).*read nothing/)]);
    expect(ka102(vb2, '1.4.1')).toEqual([expect.stringMatching(lost)]);
    expect(ka102(vb2, '1.4.3')).toEqual([expect.stringMatching(/^8:warning: .*"WARNING - 1 missing '\}'\(s\) in the config file\(s\)"/)]);
    // Balanced files: nothing.
    expect(ka102(open1 + '}\n', '1.3.5')).toEqual([]);
  });
  it('is reported at the last line of the file for 2.0.8 to 2.1.3, which name that line', () => {
    // The 2.0.8, 2.0.14, 2.0.19 and 2.1.3 builds print "(Line 15) There are 1 missing '}'s or extra '{'s" for the
    // 15-line acassen/keepalived#2198 config whose '{' on line 5 is never closed; 2.1.4 and later print no line.
    const open = 'global_defs {\n    router_id a\n}\nvrrp_instance VI_1 {\n    interface eth0\n';
    const found = (v: string) => analyze(open, { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA102');
    for (const v of ['2.0.8', '2.0.19', '2.1.3']) {
      const [d] = found(v);
      expect(d!.range.start.line + 1, v).toBe(5);
      expect(d!.related?.[0]?.range.start.line, v).toBe(3);
    }
    for (const v of ['2.0.7', '2.1.4', '2.2.7']) expect(found(v)[0]!.range.start.line + 1, v).toBe(4);
    // keepalived counts newlines: without a final one, the 2.0.19 build names the line before the last
    // ("(Line 80)" for an 81-line real config whose last line has no newline).
    const unterminated = analyze(open.trimEnd(), { targetVersion: '2.0.19' }).diagnostics.filter((d) => d.code === 'KA102');
    expect(unterminated[0]!.range.start.line + 1).toBe(4);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', async () => {
    expect((await runKeepalivedAsync(aborting)).signal).toBe('SIGABRT');
    expect((await runKeepalivedAsync(closedFirst)).signal).toBeUndefined();
  });
});

describe("a virtual_server keepalived skips for its address, without its '{'", () => {
  // Found in a user's config (acassen/keepalived#2067: an invalid address and no '{'): keepalived's
  // checker reads the lines after it as virtual_server keywords and, with no virtual_server before
  // it, 2.0.7 to 2.2.7 crash where those lines end ("free(): invalid pointer" in 2.2.7), also when
  // the file ends right after the header. Mutating that config showed a stop inside those lines
  // (a bare 'protocol', exit 2) comes first: no crash then.
  const crashing = 'virtual_server 192.168.1.300 22\n    delay_loop 3\n}\n';
  const stopsFirst = 'virtual_server 192.168.1.300 22\n    delay_loop 3\n    protocol\n}\n';
  const stopsAfter = crashing + 'virtual_server 10.0.0.1 80 {\n  protocol\n  real_server 10.0.0.2 80 {\n  }\n}\n';
  const repeated = 'vrrp_instance A {\n  virtual_router_id 5\n}\nvrrp_instance A\n  priority 300\n}\n';
  const sameLine = 'virtual_server 10.0.0.300 80}\n';
  const ka104 = (text: string, v = '2.2.7') => analyze(text, { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA104').map((d) => `${d.range.start.line + 1}:${d.message}`);
  it('says where keepalived crashes, and that it does not when it stops reading first', () => {
    expect(ka104(crashing)).toEqual([expect.stringMatching(/^2:.*2\.2\.7 crashes at the '\}' that ends them/)]);
    expect(ka104('virtual_server 192.168.1.300 22\n')).toEqual([expect.stringMatching(/^1:.*file ends.*then crashes/)]);
    expect(ka104('virtual_server 192.168.1.300 22\n', '2.2.8')).toEqual([expect.not.stringContaining('crashes')]);
    expect(ka104(stopsFirst)[0]).toMatch(/^2:.*would crash at the '\}' that ends them, but exits at line 3 first \(a configuration error\)/);
    expect(ka104(stopsAfter)).toEqual([expect.stringContaining('2.2.7 crashes at')]);
    // Found by fuzzing: with the '}' on its own line the block never opens, and 2.2.7 aborts all the same.
    expect(ka104(sameLine)).toEqual([expect.stringMatching(/^1:.*this '\}' leaves it without a block: keepalived 2\.2\.7 then crashes/)]);
    expect(ka104(sameLine, '2.2.8')).toEqual([]);
    // Only the first virtual_server read (2.2.7 exits 5 when a good one comes before it).
    expect(ka104('virtual_server 10.0.0.9 80 {\n  protocol TCP\n  real_server 10.0.0.2 80 {\n  }\n}\n' + sameLine)).toEqual([]);
  });
  it("reads the lines after it as the block's keywords, as keepalived's owning process does", () => {
    expect(analyze(stopsFirst).diagnostics.map((d) => `${d.code}:${d.range.start.line + 1}`)).toEqual(['KA205:1', 'KA104:2', 'KA104:3', 'KA203:3', 'KA101:4']);
    // keepalived 2.2.7: "(Line 5) Missing '{' at beginning of configuration block", "(Line 5) number '300' outside range [1, 255]".
    expect(codes(repeated)).toEqual(['4:KA209', '5:KA104', '5:KA205', '6:KA101']);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', async () => {
    expect((await runKeepalivedAsync('virtual_server 192.168.1.300 22\n')).signal).toBe('SIGABRT');
    const first = await runKeepalivedAsync(stopsFirst);
    expect([first.signal, first.exitStatus]).toEqual([undefined, 2]);
    expect((await runKeepalivedAsync(stopsAfter)).signal).toBe('SIGABRT');
    expect((await runKeepalivedAsync(sameLine)).signal).toBe('SIGABRT');
    expect((await runKeepalivedAsync(repeated)).stderr).toContain("keepalived.conf: Line 5) number '300' outside range [1, 255]");
  });
});

describe("a '{' inside a value block", () => {
  // keepalived 2.2.7 reads it as a value ("VRRP parsed invalid IP {."), not as an unexpected '{'.
  const config = 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 5\n    priority 100\n    virtual_ipaddress {\n        10.0.0.1\n        {\n    }\n}\n}\n';
  it('is reported as a value keepalived reads, and the extra } as closing nothing', () => {
    const d = analyze(config).diagnostics.map((x) => `${x.range.start.line + 1}:${x.code}:${x.message}`);
    expect(d).toEqual([expect.stringMatching(/^8:KA103:.*reads it as one of the values/), expect.stringMatching(/^11:KA103:/)]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    expect(runKeepalived(config).messages.map((m) => `${m.line}:${m.message}`)).toEqual(['8:VRRP parsed invalid IP {. skipping IP...', "11:Unknown keyword '}'"]);
  });
});

describe('quoted braces', () => {
  // keepalived drops the quotes before parsing a line, so "{" and "}" open and close blocks; its
  // count of missing and extra braces only sees unquoted ones. Found by mutating real configs.
  const inst = (open: string, body: string, close = '}') =>
    `vrrp_instance VI_1 ${open}\n    state BACKUP\n    interface eth0\n    virtual_router_id 5\n    priority 100\n    bogus\n${body}${close}\n`;
  const cases: Record<string, string> = {
    'a block keyword line ending with "{"': inst('"{"', '    virtual_ipaddress {\n        10.0.0.1\n    }\n'),
    'a "{" line after the block keyword': inst('\n"{"', '    virtual_ipaddress {\n        10.0.0.1\n    }\n'),
    'a "}" line ending a value block': inst('{', '    virtual_ipaddress {\n        10.0.0.1\n    "}"\n'),
  };
  const kalint = (text: string) => analyze(text).diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`).sort();
  it('open and close blocks, and are left out of the brace count', () => {
    expect(kalint(cases['a block keyword line ending with "{"']!)).toEqual(['10:KA101', '6:KA201']);
    expect(kalint(cases['a "{" line after the block keyword']!)).toEqual(['11:KA101', '7:KA201']);
    expect(kalint(cases['a "}" line ending a value block']!)).toEqual(['1:KA102', '6:KA201']);
  });
  it.skipIf(!keepalivedAvailable())('agree with keepalived -t: the same lines', () => {
    for (const [name, text] of Object.entries(cases)) {
      const lines = [...new Set(runKeepalived(text).messages.filter((m) => m.line).map((m) => m.line))].sort((a, b) => a! - b!);
      const ours = [...new Set(analyze(text).diagnostics.filter((d) => d.code !== 'KA102').map((d) => d.range.start.line + 1))].sort((a, b) => a - b);
      expect(ours, name).toEqual(lines);
    }
  });
  // A skipped block (a nameless vrrp_instance) is skipped by comparing every word of each line with the
  // braces, quotes dropped: a '"}"' anywhere on a line ends it, and the rest of that line is not read.
  // Found by fuzzing the GitHub harvest (a C++ parser's `if (key == "}") {` inside such a block).
  const skipped: Record<string, string> = {
    'a "}" word ends the skipping': 'vrrp_instance a b {\n  x "}" y\n  foo\n}\n',
    'a "{" word nests it': 'vrrp_instance a b {\n  x "{" y\n  "}" z\n  w\n}\nfoo\n',
    'a "}" and an unquoted "{" on one line': 'vrrp_instance a b {\n  if (key == "}") {\n  }\n',
  };
  it('nest and end a skipped block, wherever they are on the line', () => {
    expect(kalint(skipped['a "}" word ends the skipping']!)).toEqual(['1:KA208', '3:KA201', '4:KA103']);
    expect(kalint(skipped['a "{" word nests it']!)).toEqual(['1:KA208', '6:KA201']);
    expect(kalint(skipped['a "}" and an unquoted "{" on one line']!)).toEqual(['1:KA102', '1:KA208', '2:KA103', '3:KA103']);
  });
  // The processes that skip a top-level block (the parent and checker for a vrrp_script) count the
  // quoted braces its owner reads as words: a '"}"' ends the block early for them.
  const others: Record<string, string> = {
    'a "}" argument of a vrrp_script': 'vrrp_script s {\n  script "}"\n}\nfoo\n',
    'a "}" argument deep in a virtual_server': 'virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 80 {\n    MISC_CHECK {\n      misc_path "}"\n    }\n  }\n}\nfoo\n',
    'a "}" then more words, in an instance': 'vrrp_instance VI_1 {\n  notify_master "}" x\n  priority 1\n}\nbar\n',
    'balanced quoted braces': 'vrrp_script s {\n  script "{"\n  user "}"\n}\nfoo\n',
    'global_defs, which only the parent reads': 'global_defs {\n  router_id "}"\n}\nfoo\n',
    'a value line ending with "}"': 'vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 5\n  virtual_ipaddress {\n    10.0.0.1 "}"\n  }\n  priority 100\n}\nfoo\n',
  };
  it('end a top-level block early for the processes that skip it', () => {
    const ka104 = (text: string) => analyze(text).diagnostics.filter((d) => d.code === 'KA104').map((d) => d.range.start.line + 1);
    expect(ka104(others['a "}" argument of a vrrp_script']!)).toEqual([3]);
    expect(ka104(others['a "}" argument deep in a virtual_server']!)).toEqual([7]);
    expect(ka104(others['a "}" then more words, in an instance']!)).toEqual([3, 4]);
    expect(ka104(others['balanced quoted braces']!)).toEqual([]);
    expect(ka104(others['global_defs, which only the parent reads']!)).toEqual([3]);
    expect(analyze(others['a "}" argument of a vrrp_script']!).diagnostics.find((d) => d.code === 'KA104')!.message).toContain("the '}' on line 2 that the owning process reads as a quoted word");
    // The owner ends a value block at a line's last word '"}"', after taking the words before it.
    const valueLine = analyze(others['a value line ending with "}"']!);
    expect(valueLine.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(['7:KA202', '8:KA103', '9:KA201']);
    expect(valueLine.model.vrrpInstances[0]!.virtualIpaddresses.map((a) => a.text)).toEqual(['10.0.0.1']);
  });
  // fuzz62 bug 9: a '"{"' one too many has the processes that skip the block skip on past its end, over every top-level
  // block only they read, until the brace words they count (quoted or not) balance it, in every release (process_stream
  // compares each word, quotes dropped, with the braces; 1.3.5 to 2.4.3). kalint said nothing and read on as if they did.
  const vs = 'virtual_server 192.0.2.1 80 {\n  protocol TCP\n  lb_algo rr\n  lb_kind NAT\n  delay_loop 0\n  real_server 192.0.2.2 80 {\n  }\n}\n';
  const vi = (n: number, priority: number) => `vrrp_instance VI_${n} {\n  interface eth0\n  virtual_router_id ${n}\n  priority ${priority}\n  virtual_ipaddress {\n    192.0.2.${n}\n  }\n}\n`;
  const lost: Record<string, { text: string; brace: number; lost: number[]; kept: number[] }> = {
    'global_defs, then a virtual_server': { text: `global_defs {\n  router_id "{"\n}\n${vs}`, brace: 2, lost: [4], kept: [8] },
    'global_defs, then a vrrp_instance': { text: `global_defs {\n  router_id "{"\n}\n${vi(1, 300)}`, brace: 2, lost: [4], kept: [7] },
    'a virtual_server, then a vrrp_instance': { text: `virtual_server 192.0.2.1 80 {\n  protocol TCP\n  lb_algo rr\n  lb_kind NAT\n  real_server 192.0.2.2 80 {\n    MISC_CHECK {\n      misc_path "{"\n    }\n  }\n}\n${vi(1, 300)}`, brace: 7, lost: [11], kept: [14] },
    'a vrrp_script, then a virtual_server': { text: `vrrp_script chk {\n  script "{"\n}\n${vs}`, brace: 2, lost: [4], kept: [8] },
    // The second global_defs's '{' nests their skipping, its '"}"' and '}' end it: VI_2 is read.
    'up to a later quoted "}"': { text: `global_defs {\n  router_id "{"\n}\n${vi(1, 300)}global_defs {\n  notification_email_from "}"\n}\n${vi(2, 301)}`, brace: 2, lost: [4], kept: [] },
  };
  it('a "{" one too many: the processes that skip the block skip on past its end and lose what follows', () => {
    for (const [name, c] of Object.entries(lost)) {
      const a = analyze(c.text);
      const errors = a.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.filter((d) => d.code === 'KA103').map((d) => d.range.start.line + 1), name).toEqual([c.brace, ...c.lost]);
      // What they never read is not checked as read.
      for (const line of c.kept) expect(a.diagnostics.filter((d) => d.range.start.line + 1 === line), name).toEqual([]);
      const finding = errors.find((d) => d.range.start.line + 1 === c.brace)!;
      expect(finding.message, name).toContain(`so they take this '"{"' for a '{'`);
      expect(finding.message, name).toContain('so they never read');
    }
    expect(analyze(lost['global_defs, then a vrrp_instance']!.text).model.vrrpInstances).toEqual([]);
    const later = analyze(lost['up to a later quoted "}"']!.text);
    expect(later.diagnostics.find((d) => d.range.start.line === 1)!.message).toContain("they skip on up to the '}' on line 14, so they never read vrrp_instance 'VI_1' (line 4)");
    expect(later.diagnostics.filter((d) => d.code === 'KA205').map((d) => d.range.start.line + 1)).toEqual([18]);
    expect(later.model.vrrpInstances.map((v) => v.name)).toEqual(['VI_2']);
    expect(later.diagnostics.filter((d) => d.code === 'KA104')).toEqual([]);
  });
  it('a "{" one too many with nothing of theirs after it is a warning, and an error where 2.0.x leaves the skip set under -t', () => {
    const text = `${vi(1, 100)}global_defs {\n  router_id "{"\n}\n`;
    const at = (v?: string) => analyze(text, { targetVersion: v }).diagnostics.filter((d) => d.code === 'KA103').map((d) => `${d.range.start.line + 1}:${d.severity}`);
    expect(at()).toEqual(['10:warning']);
    expect(at('2.0.19')).toEqual(['10:error']);
    expect(analyze(text, { targetVersion: '2.0.19' }).diagnostics.find((d) => d.code === 'KA103')!.message).toContain('leaves this skip set for the next process');
  });
  it('a quoted "{" that opens a block is balanced for the skipping processes by its "}", also after an extra "}"', () => {
    const text = `vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 1\n  virtual_ipaddress "{"\n    192.0.2.9\n  }\n}\n${vs}`;
    expect(analyze(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(['7:KA101', '12:KA205']);
  });
  it("a quoted '}' that balances an ignored '{' for the skipping processes: they read what follows (fuzz62 s999-0039)", () => {
    const text = `global_defs {\n  router_id a\n  static_routes {\n    192.0.2.0/24 dev eth0 scope "}"\n}\n${vi(1, 300)}`;
    const a = analyze(text);
    expect(a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}:${d.code}`)).toEqual(['1:KA102', '3:KA202', '3:KA103', '4:KA201', '9:KA205']);
    expect(a.model.vrrpInstances.map((v) => v.name)).toEqual(['VI_1']);
  });
  it.skipIf(!keepalivedAvailable())('a "{" one too many agrees with keepalived -t: silent about what the skipping processes lose, not with "x" for it', async () => {
    for (const [name, c] of Object.entries(lost)) {
      const located = async (text: string) => [...new Set((await runKeepalivedAsync(text)).messages.filter((m) => m.line && !/interface|uid\/gid|Unknown interface/.test(m.message)).map((m) => m.line))];
      expect(await located(c.text), name).toEqual(name === 'up to a later quoted "}"' ? [18] : []);
      expect((await located(c.text.replace('"{"', '"x"'))).length, name).toBeGreaterThan(0);
    }
    const ignored = await runKeepalivedAsync(`global_defs {\n  router_id a\n  static_routes {\n    192.0.2.0/24 dev eth0 scope "}"\n}\n${vi(1, 300)}`);
    expect(ignored.messages.filter((m) => m.line === 9).map((m) => m.message)).toEqual(["number '300' outside range [1, 255]", '(VI_1) Priority not valid! must be between 1 & 255. Using default 100']);
    for (const v of ['2.0.19', '2.4.3']) {
      const binary = releaseBinary(v);
      if (!binary) continue;
      expect(runRelease(binary, lost['global_defs, then a vrrp_instance']!.text).messages.filter((m) => m.line), v).toEqual([]);
      expect(runRelease(binary, lost['global_defs, then a vrrp_instance']!.text.replace('"{"', '"x"')).messages.filter((m) => m.line === 7).length, v).toBeGreaterThan(0);
    }
  });
  it.skipIf(!keepalivedAvailable())('in a top-level block agree with keepalived -t: the same lines', () => {
    for (const [name, text] of Object.entries(others)) {
      // "Unable to set uid/gid for script" names a user this machine lacks: not the config's business.
      const lines = [...new Set(runKeepalived(text).messages.filter((m) => m.line && !/uid\/gid/.test(m.message)).map((m) => m.line))].sort((a, b) => a! - b!);
      const ours = [...new Set(analyze(text).diagnostics.filter((d) => d.severity === 'error' && !['KA300', 'KA338', 'KA507'].includes(d.code)).map((d) => d.range.start.line + 1))].sort((a, b) => a - b);
      expect(ours, name).toEqual(lines);
    }
  });
  it.skipIf(!keepalivedAvailable())('in a skipped block agree with keepalived -t: the same lines', () => {
    for (const [name, text] of Object.entries(skipped)) {
      const lines = [...new Set(runKeepalived(text).messages.filter((m) => m.line).map((m) => m.line))].sort((a, b) => a! - b!);
      const ours = [...new Set(analyze(text).diagnostics.filter((d) => d.code !== 'KA102').map((d) => d.range.start.line + 1))].sort((a, b) => a - b);
      expect(ours, name).toEqual(lines);
    }
  });
});

describe('references to no definition (KA109)', () => {
  const text = [
    'global_defs {', //                        1
    '    router_id ${HOSTNAME}', //            2
    '    notification_email {', //             3
    '        "${QUOTED}"', //                  4
    '        pa$$word', //                     5
    '    }', //                                6
    '    smtp_server ${LATER}', //             7
    '}', //                                    8
    '$LATER=10.0.0.1', //                      9
    '$SET=lb1', //                             10
    'vrrp_instance ${SET} {', //               11
    '}', //                                    12
  ].join('\n');

  it('reports an unquoted ${NAME} with no definition above it, where it is written', () => {
    const found = analyze(text).diagnostics.filter((d) => d.code === 'KA109');
    expect(found.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1}-${d.range.end.column + 1}`)).toEqual(['2:15-26', '7:17-25']);
    expect(found[0]!.message).toContain("'${HOSTNAME}' names no definition");
    expect(found[1]!.message).toContain("'${LATER}' is used before its definition (line 9)");
  });

  // Found on a pasted config (keepalived#1351, `priority $PRIORITY`): "reads it literally, without a word" beside
  // KA205's "keepalived: invalid number" read as a contradiction; only the missing definition goes unreported.
  it('says a bare $NAME with no definition is read as literal text, with no word about the definition', () => {
    const d = analyze('vrrp_instance A {\n    priority $PRIORITY\n}\n').diagnostics;
    expect(d.find((x) => x.code === 'KA109')!.message).toMatch(/so it reads '\$PRIORITY' as literal text and does not report the reference$/);
    expect(d.find((x) => x.code === 'KA205')!.message).toContain('invalid number');
  });

  it("names shell syntax (${NAME:-default}), which keepalived does not know", () => {
    // A real config written for a shell heredoc (docker-keepalived): keepalived 2.2.7 reads the text as it
    // is, "Unexpected '{' - ignoring" and "Unknown keyword 'INTERFACE:-eth0'".
    const shell = 'vrrp_instance VI_1 {\n    interface ${INTERFACE:-eth0}\n    notify "/bin/x ${A:-b}"\n}\n';
    const found = analyze(shell).diagnostics.filter((d) => d.code === 'KA109');
    expect(found.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1}-${d.range.end.column + 1}:${d.severity}`)).toEqual(['2:15-33:error']);
    expect(found[0]!.message).toContain("'${INTERFACE:-eth0}' is shell syntax keepalived does not know");
    if (keepalivedAvailable()) expect(runKeepalived(shell).messages.map((m) => `${m.line}:${m.message}`)).toContain("2:Unknown keyword 'INTERFACE:-eth0'");
  });

  it('names the reference for the words keepalived makes of it, with no "did you mean" and no fix', () => {
    // The kubeadm HA guide's keepalived.conf, copied with its placeholders: keepalived 2.2.7 says
    // "Unknown keyword 'STATE'" (line 2) and "Unknown keyword 'INTERFACE'" (line 3, after '}' closed the instance).
    // 'state' for STATE, with its fix, would have turned the reference into '${state}'.
    const placeholders = 'vrrp_instance VI_1 {\n    state ${STATE}\n    interface ${INTERFACE}\n}\n';
    const unknown = analyze(placeholders).diagnostics.filter((d) => d.code === 'KA201');
    expect(unknown.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1}`)).toEqual(['2:13', '3:17']);
    expect(unknown[0]!.message).toBe("Unknown keyword 'STATE' in 'vrrp_instance': it is part of '${STATE}', which keepalived does not substitute (KA109): it splits the text at its braces and reads 'STATE' as a keyword");
    expect(unknown.every((d) => !d.fix && !d.message.includes('did you mean'))).toBe(true);
    if (keepalivedAvailable()) expect(runKeepalived(placeholders).messages.map((m) => `${m.line}:${m.message}`)).toEqual(expect.arrayContaining(["2:Unknown keyword 'STATE'", "3:Unknown keyword 'INTERFACE'"]));
  });

  it("names a template's ${…} keepalived cannot read as a reference, and calls its pieces no misspelt keywords", () => {
    // A Terraform cloud-init template (exoscale NAT gateway) deployed as written; keepalived 2.2.7 on line 3:
    // "Unexpected '{' - ignoring" and "Unknown keyword 'var.vrrp_auth_pass'" (names are letters, digits and '_').
    const tf = 'vrrp_instance VI_1 {\n    authentication {\n        auth_pass ${var.vrrp_auth_pass}\n    }\n    state ${indent(4, x)}\n}\n';
    const a = analyze(tf);
    const ka109 = a.diagnostics.filter((d) => d.code === 'KA109');
    expect(ka109.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1}-${d.range.end.column + 1}:${d.severity}`)).toEqual(['3:19-40:error', '5:11-26:error']);
    expect(ka109[0]!.message).toContain("'${var.vrrp_auth_pass}' is no reference keepalived knows");
    const unknown = a.diagnostics.find((d) => d.code === 'KA201' && d.range.start.line === 2)!;
    expect(unknown.message).toContain("Unknown keyword 'var.vrrp_auth_pass' in 'authentication': it is part of '${var.vrrp_auth_pass}', which keepalived does not substitute (KA109)");
    expect(unknown.message).not.toContain('did you mean');
    expect(unknown.fix).toBeUndefined();
    // The same word written plainly is still a misspelling to suggest for.
    expect(analyze('vrrp_instance VI_1 {\n    authentication {\n        var.vrrp_auth_pass x\n    }\n}\n').diagnostics.find((d) => d.code === 'KA201')!.message).toContain("did you mean 'auth_pass'");
    if (keepalivedAvailable()) expect(runKeepalived(tf).messages.map((m) => `${m.line}:${m.message}`)).toContain("3:Unknown keyword 'var.vrrp_auth_pass'");
  });

  it('warns on a whole word that is an undefined $NAME, which keepalived reads literally', () => {
    // keepalived 2.2.7: "(VI_1) unknown state '$STATE', defaulting to BACKUP"; `pa$word` and `a$b` are left alone.
    const bare = 'vrrp_instance VI_1 {\n    state $STATE\n    authentication {\n        auth_pass pa$word\n    }\n    notify "/bin/x $HOME"\n}\n';
    const found = analyze(bare).diagnostics.filter((d) => d.code === 'KA109');
    expect(found.map((d) => `${d.range.start.line + 1}:${d.severity}`)).toEqual(['2:warning']);
    expect(found[0]!.message).toContain("reads '$STATE' as literal text");
  });


  it('warns on an undefined $NAME glued to a brace, a word of its own once keepalived splits the brace off', () => {
    // Found by fix-sweep on a mutant (session 52): `interface $interface}` went unreported, and only after
    // --fix put a blank before the '}' did the warning appear. keepalived 2.2.7 reads '$interface' either way
    // ("interface $interface for vrrp_instance VI_1 doesn't exist"); `{$VIP}` is the same word between braces.
    const glued = 'vrrp_instance VI_1 {\n    interface $interface}\nvirtual_ipaddress {$VIP}\n';
    const found = analyze(glued).diagnostics.filter((d) => d.code === 'KA109');
    expect(found.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1}-${d.range.end.column + 1}:${d.severity}`)).toEqual(['2:15-25:warning', '3:20-24:warning']);
    expect(found[0]!.message).toContain("reads '$interface' as literal text");
    // Defined, the glued name is still no reference for keepalived: the other KA109 says so.
    const defined = analyze('$interface=eth0\n' + glued).diagnostics.filter((d) => d.code === 'KA109');
    expect(defined[0]!.message).toContain("'$interface' is not substituted here");
    expect(analyze('vrrp_instance VI_1 {\n    notify "/bin/x $HOME}"\n    notify_master /bin/x$Y}\n}\n').diagnostics.filter((d) => d.code === 'KA109')).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('matches keepalived, which splits the reference at its braces', () => {
    const said = runKeepalived(text).messages.filter((m) => /Unexpected '\{'/.test(m.message)).map((m) => m.line);
    // Line 3 follows from line 2 (its '}' closed global_defs); the quoted and the defined references read fine.
    expect(said).toEqual(expect.arrayContaining([2, 7]));
    expect(said).not.toContain(4);
    expect(said).not.toContain(11);
  });
});

describe('lines longer than keepalived reads at once (KA106)', () => {
  const line = (n: number) => `global_defs {\n  router_id ${'a'.repeat(n - 14)} b\n}\n`; // line 2 is n bytes

  it('reads a line of more than 1023 bytes in pieces, each a line of its own (bytes, not characters)', () => {
    // keepalived 2.2.7: nothing for 1022 or 1023 bytes; for 1024, "(Line 2) Unknown keyword 'b'". A line of 1023 bytes
    // is read whole and its newline as an empty piece: only a note, for the line numbers (see below).
    expect(codes(line(1023))).toEqual(['2:KA106', '2:KA204']);
    expect(analyze(line(1023)).diagnostics[0]!.severity).toBe('info');
    const a = analyze(line(1024));
    expect(a.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.column + 1}`)).toEqual(['KA106@2:1', 'KA201@2:1024']);
    expect(a.diagnostics[1]!.message).toContain("Unknown keyword 'b'");
    // 600 two-byte characters: 1212 bytes, though 612 characters.
    expect(codes(`global_defs {\n  router_id ${'é'.repeat(600)}\n}\n`)).toEqual(['2:KA106', '2:KA201']);
  });

  // A GBK comment's bytes are mostly not UTF-8: each is one byte to keepalived, kept as one escape by decodeBytes, and
  // kalint had counted such an escape as no byte at all, missing a long line and the word its second piece starts with.
  const gbkComment = `global_defs {\n  router_id lb1  # ${'\udcb0\udca1'.repeat(520)} bogus\n  bogus1\n}\n`;
  it('counts a byte that is not UTF-8 as one byte of the line', () => {
    const a = analyze(gbkComment);
    expect(a.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.column + 1}`)).toEqual(['KA106@2:1', 'KA201@2:1024', 'KA201@3:3']);
    expect(a.diagnostics[0]!.message).toContain('Line is 1065 bytes long');
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t does, on a long line of bytes that are not UTF-8', () => {
    const lines = runKeepalived(gbkComment).messages.filter((m) => m.message.startsWith('Unknown keyword')).map((m) => m.line);
    expect(lines).toEqual([2, 3]);
  });

  // keepalived cuts bytes, not characters: here byte 1,023 falls inside the 3-byte '的', whose first byte ends the
  // first piece and whose last two bytes start the second (kalint had given the whole character to the second piece).
  const cutCharacter = `global_defs {\n  router_id lb1\n}\nab${'的'.repeat(400)}\nvrrp_instance VI_1 {\n}\n`;
  const unknownWords = (messages: string[]) => [...new Set(messages.filter((m) => m.startsWith('Unknown keyword')).map((m) => /'(.*)'/s.exec(m)![1]!))];
  it('cuts a character that a piece boundary falls inside, as keepalived does', () => {
    const a = analyze(cutCharacter);
    expect(a.diagnostics.filter((d) => d.code === 'KA201').map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1}-${d.range.end.column + 1}`)).toEqual(['4:1-344', '4:343-403']);
    const [first, second] = unknownWords(a.diagnostics.map((d) => d.message));
    expect(first).toBe(`ab${'的'.repeat(340)}\\xe7`);
    expect(second).toBe(`\\x9a\\x84${'的'.repeat(59)}`);
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t quotes the words of a long line cut inside a character', () => {
    // keepalived prints the cut bytes raw, which its output read as UTF-8 shows as U+FFFD (one or more for each part).
    const words = unknownWords(runKeepalived(cutCharacter).messages.map((m) => m.message)).map((w) => w.replace(/\ufffd+/g, '\ufffd'));
    const kalint = unknownWords(analyze(cutCharacter).diagnostics.map((d) => d.message)).map((w) => w.replace(/(?:\\x[0-9a-f]{2})+/g, '\ufffd'));
    expect(words).toEqual(kalint);
  });

  // A harvested config (a Chinese article saved as .conf): keepalived's messages after its 1,144-byte line named lines
  // one too high, in the VRRP and checker processes of 2.2.7 and in every process of 2.4.3.
  const thenInstance = `${line(1100)}vrrp_instance VI_1 {\n  bogus2\n}\n`;
  it('says that the processes counting each piece as a line name later lines too high', () => {
    const note = (targetVersion: string, text = thenInstance) => analyze(text, { targetVersion }).diagnostics.find((d) => d.code === 'KA106')!.message;
    expect(note('2.1.5')).not.toContain('too high');
    expect(note('2.2.7')).toContain("keepalived's VRRP and checker processes count each piece as a line, so their messages about later lines of this file give numbers one too high");
    expect(note('2.4.3')).toContain('keepalived counts each piece as a line, so its messages about later lines of this file give numbers one too high');
    expect(note('2.2.7', `${line(1100)}vrrp_instance VI_1 {\n  bogus2\n}\n`.replace('router_id ', `router_id ${'a'.repeat(1000)}`))).toContain('give numbers 2 too high');
    // Nothing after the line: no later numbers to shift.
    expect(note('2.2.7', `global_defs {\n}\nrouter_id ${'a'.repeat(1100)}`)).not.toContain('too high');
    expect(codes(thenInstance).filter((c) => c.endsWith('KA201'))).toEqual(['2:KA201', '5:KA201']);
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t numbers the lines after a long one', () => {
    const messages = runKeepalived(thenInstance).messages.filter((m) => m.message === "Unknown keyword 'bogus2'");
    // 2.2.7: the VRRP process reads its copy, where the line's two pieces are two lines.
    expect(messages.map((m) => m.line)).toEqual([6]);
  });

  // fuzz60 bug 3: keepalived reads a continuation line of a multi-line definition with the same fgets. A first piece
  // that does not end in a backslash ends the definition, and the pieces after it are lines of their own.
  const continuedLong = `$D=router_id \\\n${' '.repeat(1022)}a zz\nglobal_defs {\n $D\n}\n`;
  const continuedLongBackslash = `$D=router_id \\\n     a${' '.repeat(1020)}\\\n b\nglobal_defs {\n $D\n}\n`;
  const at = (text: string, opts: Parameters<typeof analyze>[1] = {}) =>
    analyze(text, opts).diagnostics.map((d) => `${d.range.start.line + 1} ${d.code} ${/Unknown keyword '([^']*)'/.exec(d.message)?.[1] ?? ''}`.trim());
  it('cuts a continuation line of a multi-line definition into pieces too', () => {
    // keepalived 2.2.7: "(Line 2) Unknown keyword 'zz'", then on line 4 "routerid name missing" and "Unknown keyword 'a'".
    expect(at(continuedLong)).toEqual(['2 KA106', '2 KA201 zz', '4 KA201 a', '4 KA203']);
    expect(analyze(continuedLong).diagnostics[0]!.message).toContain('the first piece does not end in a backslash, so it ends the multi-line definition $D');
    // The line ends in a backslash, its first piece does not: ' b' on line 3 is a line of its own, at the top level.
    expect(at(continuedLongBackslash)).toEqual(['2 KA106', '2 KA201 \\', '3 KA201 b', '5 KA201 a', '5 KA203']);
    // keepalived 2.4.3: "line too long - ignoring" (the dropped piece ends the definition as an empty line does),
    // "Unknown keyword 'zz'", "routerid name missing - ignoring"; 'a' is never read.
    expect(at(continuedLong, { targetVersion: '2.4.3' })).toEqual(['2 KA106', '2 KA201 zz', '4 KA203']);
    expect(analyze(continuedLong, { targetVersion: '2.4.3' }).diagnostics[0]!.message).toContain('which ends the multi-line definition $D as an empty line does');
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t reads a long continuation line', () => {
    const unknown = (text: string) => runKeepalived(text).messages.filter((m) => m.message.startsWith('Unknown keyword') && m.file === 'keepalived.conf').map((m) => `${m.line} ${m.message}`);
    expect(unknown(continuedLong)).toEqual(expect.arrayContaining(["2 Unknown keyword 'zz'", "4 Unknown keyword 'a'"]));
    expect(unknown(continuedLongBackslash)).toEqual(expect.arrayContaining(["2 Unknown keyword '\\'", "3 Unknown keyword 'b'", "5 Unknown keyword 'a'"]));
  });

  // fuzz60 bug 3, addendum: a line of exactly 1023 bytes fills the buffer, and its newline comes as an empty piece.
  const fullPieceInDefinition = (n: number) => {
    const head = ' bogus_one #';
    return `$D=router_id a \\\n${head}${'c'.repeat(n - head.length - 2)} \\\n  bogus_two\nglobal_defs {\n $D\n}\n`;
  };
  it('reads the newline of a 1023-byte line as an empty piece, which ends a multi-line definition', () => {
    // keepalived 2.2.7: "(Line 3) Unknown keyword 'bogus_two'", "(Line 5) Unknown keyword 'bogus_one'"; one byte
    // shorter, both on line 5.
    expect(at(fullPieceInDefinition(1023))).toEqual(['2 KA106', '3 KA201 bogus_two', '5 KA201 bogus_one']);
    expect(analyze(fullPieceInDefinition(1023)).diagnostics[0]!.message).toContain('an empty line, which ends the multi-line definition $D here');
    expect(at(fullPieceInDefinition(1022))).toEqual(['5 KA201 bogus_one', '5 KA201 bogus_two']);
    // 2.4.3 drops the full piece: "line too long - ignoring", then "Unknown keyword 'bogus_two'".
    expect(at(fullPieceInDefinition(1023), { targetVersion: '2.4.3' })).toEqual(['2 KA106', '3 KA201 bogus_two']);
    // Elsewhere only the numbering of the processes reading keepalived's copy changes (2.2.7: a 'bogus' on line 5 of
    // the vrrp_instance below is "(Line 6)" for the VRRP process): a note; none where nothing follows, or before 2.2.
    const comment = `global_defs {\n}\n#${'c'.repeat(1022)}\nvrrp_instance VI_1 {\n  bogus\n}\n`;
    const note = analyze(comment).diagnostics.find((d) => d.code === 'KA106')!;
    expect(note.severity).toBe('info');
    expect(note.message).toContain('give numbers one too high');
    expect(analyze(comment, { targetVersion: '2.1.5' }).diagnostics.some((d) => d.code === 'KA106')).toBe(false);
    expect(analyze(`global_defs {\n}\n#${'c'.repeat(1022)}`).diagnostics.some((d) => d.code === 'KA106')).toBe(false);
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t reads a 1023-byte line in a definition', () => {
    const unknown = runKeepalived(fullPieceInDefinition(1023)).messages.filter((m) => m.message.startsWith('Unknown keyword') && m.file === 'keepalived.conf').map((m) => `${m.line} ${m.message}`);
    expect(unknown).toEqual(expect.arrayContaining(["3 Unknown keyword 'bogus_two'", "5 Unknown keyword 'bogus_one'"]));
  });

  // fuzz60 bug 4: a piece is read as a line as it comes: a definition there is one, whose references are substituted
  // where it is used (keepalived 2.2.7: no message).
  it('reads a definition that starts in a later piece as a definition line', () => {
    const text = `${' '.repeat(1030)}$A=bfd_rt_priority \${B}\n$B=67\nglobal_defs {\n  $A\n}\n`;
    expect(codes(text)).toEqual(['1:KA106']);
  });

  // fuzz60 bug 12: a piece starting with an invalid ~SEQ is dropped as a ~SEQ line is, '}' and all (keepalived 2.2.7:
  // "Invalid ~SEQ specification", then "(Line 2) Unknown keyword 'aaaaaaaaaaaaaaa'" inside global_defs); a valid
  // one without a reference expands.
  it('reads a ~SEQ at the start of a piece as a ~SEQ line', () => {
    const seq = (spec: string) => {
      const head = `  ${spec} } `;
      return `global_defs {\n${head}${'a'.repeat(1038 - head.length)}\n  router_id x\n}\n`;
    };
    expect(at(seq('~SEQ(i,1,2,0)'))).toEqual(['2 KA106', '2 KA113', '2 KA201 aaaaaaaaaaaaaaa']);
    expect(at(seq('~SEQ(i,1,2,0)'))[1]).toBe('2 KA113');
    const valid = at(seq('~SEQ(i,1,2)'));
    expect(valid).toContain('2 KA101');
    expect(valid).not.toContain('2 KA201 ~SEQ(i,1,2)');
  });

  // fuzz60 bug 6: keepalived takes comments and quotes off each piece on its own. Cut inside a quoted string, the
  // first piece leaves its quote open and the second opens one with the closing quote; on a vrrp_script's script line
  // keepalived 2.2.7 then crashes ("Unterminated quote 'script \"/bin/tru'", ..., a segmentation fault, exit 139).
  const cutScript = `vrrp_script chk_1 {\n${' '.repeat(1007)}script "/bin/true x"\n  user root\n}\n`;
  it('checks the quotes of each piece as keepalived reads it', () => {
    const found = lintText(cutScript).diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1} ${d.code}`);
    expect(found).toEqual(expect.arrayContaining(['2:1 KA106', '2:1008 KA609', '2:1015 KA105', '2:1027 KA105']));
    // keepalived reports the line (and crashes): no KA203 saying it does not, and no KA320 for a vrrp_script it removes.
    expect(found.filter((f) => /KA203|KA320/.test(f))).toEqual([]);
    const messages = lintText(cutScript).diagnostics.filter((d) => d.code === 'KA105').map((d) => d.message);
    expect(messages[0]).toContain('this piece ends inside the quoted string');
    expect(messages[1]).toContain('this piece starts inside a quoted string');
    // The same cut on another keyword: the quotes, and the name keepalived then misses ("routerid name missing").
    const routerId = `global_defs {\n${' '.repeat(1007)}router_id "ab cd ef"\n}\n`;
    expect(lintText(routerId).diagnostics.map((d) => `${d.range.start.column + 1} ${d.code}`)).toEqual(['1 KA106', '1008 KA203', '1018 KA105', '1025 KA201', '1027 KA105']);
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t reads a long line cut inside a quoted string', async () => {
    const run = await runKeepalivedAsync(cutScript);
    expect(run.signal).toBe('SIGSEGV');
    expect(run.stderr).toContain(`Unterminated quote 'script "/bin/tru'`);
  });

  it('keepalived 2.4 drops the full pieces and reads the rest', () => {
    // keepalived 2.4.3 (built from its tag): "line too long - ignoring", then "Unknown keyword 'b'"; a line
    // of exactly 1023 bytes is a full piece too.
    expect(codes(line(1024), { targetVersion: '2.4.3' })).toEqual(['2:KA106', '2:KA201']);
    expect(analyze(line(1023), { targetVersion: '2.4.3' }).diagnostics.map((d) => d.code)).toEqual(['KA106']);
    expect(analyze(line(1023), { targetVersion: '2.4.3' }).diagnostics[0]!.message).toContain('line too long - ignoring');
  });
});

describe('NUL bytes (KA117)', () => {
  const nul = (opts: Parameters<typeof analyze>[1] = {}, text = 'global_defs {\n  router_id a\0 b\n}\n') =>
    analyze(text, opts).diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1} ${d.code} ${d.severity}`);

  it('before 2.4 a NUL ends the line: a warning naming what is lost', () => {
    expect(nul()).toEqual(['2:14 KA117 warning']);
    expect(analyze('global_defs {\n  router_id a\0 b\n}\n').diagnostics[0]!.message).toContain("ignores 'b' after it");
    // The fix cuts the line at the NUL: what keepalived reads, so safe; where 2.4 drops the line, a suggestion.
    const fixOf = (targetVersion: string) => analyze('global_defs {\n  router_id a\0 b\r\n}\n', { targetVersion }).diagnostics[0]!.fix!;
    expect(fixOf('2.2.7')).toMatchObject({ safe: true, edits: [{ newText: '', range: { start: { line: 1, column: 13 }, end: { line: 1, column: 16 } } }] });
    expect(fixOf('2.4.3').safe).toBe(false);
    // Nothing but blanks after it: nothing lost now, the line dropped from 2.4 on.
    expect(analyze('global_defs {\n  router_id a\0  \n}\n').diagnostics[0]!.message).toContain('nothing after it is lost; keepalived also loses count');
    expect(analyze('global_defs {\n  router_id a\0  \n}\n').diagnostics[0]!.message).toContain('(one per such line); keepalived 2.4.0 and later drop');
  });

  // A binary file in a harvest (a pickle holding configs): keepalived 2.2.7's messages named lines two above kalint's
  // after two lines holding a NUL. The line feed is lost with the rest of the line, so keepalived does not count it.
  it('before 2.4 says that keepalived counts the lines after it one short, where its messages carry line numbers', () => {
    const message = (targetVersion: string, text = 'global_defs {\n  router_id a\0 b\n  foo1\n}\n') => analyze(text, { targetVersion }).diagnostics.find((d) => d.code === 'KA117')!.message;
    expect(message('2.2.7')).toContain('loses count of this line, so its messages about later lines may give numbers one too low');
    expect(message('2.0.7')).toContain('loses count');
    // 2.0.6 and earlier print no line numbers; 2.4 counts the line it drops; the last line has no line after it.
    expect(message('2.0.6')).not.toContain('loses count');
    expect(message('2.4.3')).not.toContain('loses count');
    expect(message('2.2.7', 'global_defs {\n  router_id a\n}\nrouter_idd\0 b')).not.toContain('loses count');
  });

  it('from 2.4 the line is dropped, a NUL in a comment included; a last line without a newline is read up to it', () => {
    expect(nul({ targetVersion: '2.4.3' })).toEqual(['2:14 KA117 error']);
    // The dropped router_id leaves a later unknown word unread: only the NUL is said.
    expect(nul({ targetVersion: '2.4.3' }, 'global_defs {\n  router_idd a # b\0\n}\n')).toEqual(['2:19 KA117 error']);
    expect(nul({ targetVersion: '2.2.7' }, 'global_defs {\n  router_idd a # b\0\n}\n')).toEqual(['2:3 KA201 error', '2:19 KA117 warning']);
    const last = analyze('global_defs {\n  router_id a\n}\nrouter_idd\0 b', { targetVersion: '2.4.3' }).diagnostics;
    expect(last.map((d) => `${d.range.start.line + 1} ${d.code} ${d.severity}`)).toEqual(['4 KA201 error', '4 KA117 warning']);
    expect(last[1]!.message).toContain('reads a last line without a newline up to it');
  });

  it('from 2.4 a dropped line ends a multi-line definition, as an empty line does', () => {
    const text = '$D=router_id a \\\n  x\0\nglobal_defs {\n  $D\n}\n';
    const a = analyze(text, { targetVersion: '2.4.3' });
    // Went the definition on, 'global_defs {' would be part of it, and '$D' an unknown keyword at the top level.
    expect(a.diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`)).toEqual(['2 KA117']);
  });

  it('a file saved as UTF-16 gets one finding, not one per line', () => {
    const body = 'vrrp_instance VI_1 {\n  interface eth0\n  virtual_router_id 51\n}\n';
    const le = '\udcff\udcfe' + [...body].map((c) => c + '\0').join('');
    const be = [...body].map((c) => '\0' + c).join('');
    for (const [text, why] of [[le, 'byte order mark FF FE'], [be, 'a NUL byte beside each character']] as const) {
      for (const targetVersion of ['2.2.7', '2.4.3']) {
        const found = analyze(text, { targetVersion }).diagnostics.filter((d) => d.code === 'KA117');
        expect(found.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1} ${d.severity}`)).toEqual(['1:1 error']);
        expect(found[0]!.message).toContain(why);
      }
    }
  });
});

describe('settings keepalived overwrites without a word (KA211)', () => {
  const ka211 = (text: string, opts: Parameters<typeof analyze>[1] = {}) =>
    analyze(text, opts).diagnostics.filter((d) => d.code === 'KA211').map((d) => `${d.file}:${d.range.start.line + 1}:${d.severity}`);
  const inst = (name: string, body: string) => `vrrp_instance ${name} {\n${body}\n}\n`;

  it('warns when a later line changes the value, informs when it repeats it', () => {
    // keepalived 2.2.7 -t accepts both silently and uses virtual_router_id 2 and priority 50.
    expect(ka211(inst('A', '  virtual_router_id 1\n  priority 100\n  virtual_router_id 2\n  priority 100'))).toEqual(['keepalived.conf:4:warning', 'keepalived.conf:5:info']);
    const [d] = analyze(inst('A', '  priority 150\n  priority 100')).diagnostics.filter((x) => x.code === 'KA211');
    expect(d!.message).toBe("'priority' is set again in 'vrrp_instance A': keepalived silently uses this later value (100) instead of the one on line 2 (150); keep one");
  });

  it('leaves alone: other blocks, one authentication per instance, @id lines for other hosts, and state (KA345)', () => {
    const auth = (n: string) => inst(n, '  authentication {\n    auth_type PASS\n    auth_pass secret\n  }');
    expect(ka211(auth('A') + auth('B'))).toEqual([]);
    expect(ka211(inst('A', '  @lb1 priority 150\n  @lb2 priority 100'), { configId: 'lb1' })).toEqual([]);
    expect(ka211(inst('A', '  state MASTER\n  state BACKUP'))).toEqual([]);
  });

  // Session 60's audit: a later MASTER overwrites BACKUP silently (2.2.7's dump: Wantstate = MASTER), and an
  // unknown state after MASTER sets BACKUP ("unknown state 'FOO', defaulting to BACKUP").
  it('a later state MASTER overwrites BACKUP; an unknown one sets BACKUP', () => {
    expect(ka211(inst('A', '  state BACKUP\n  state MASTER'))).toEqual(['keepalived.conf:3:warning']);
    const [d] = analyze(inst('A', '  state MASTER\n  state FOO')).diagnostics.filter((x) => x.code === 'KA211');
    expect(d!.message).toContain('keepalived reports this later value (FOO) as invalid and uses BACKUP instead, so the earlier value is lost too');
  });

  // keepalived installs lb_kind and lvs_method (lb_algo and lvs_sched, bfd ttl and hoplimit) with one handler:
  // the later line decides (session 60's audit: DR then NAT was silent).
  it('synonyms set one setting', () => {
    const vs = (body: string) => `virtual_server 10.0.0.1 80 {\n  protocol TCP\n${body}\n}\n`;
    expect(ka211(vs('  lb_kind DR\n  lvs_method NAT\n  lb_algo wlc\n  lvs_sched rr'))).toEqual(['keepalived.conf:4:warning', 'keepalived.conf:6:warning']);
    const [d] = analyze(vs('  lb_kind DR\n  lvs_method NAT')).diagnostics.filter((x) => x.code === 'KA211');
    expect(d!.message).toContain("'lvs_method' (the same setting as 'lb_kind') is set again");
  });

  // keepalived's priority, rise and fall handlers set a default when they report a value; a vrrp_script's weight
  // handler keeps the number it read (the audit's daemon dump: Priority = 100, Fall = 1, Weight = 300).
  it('says what keepalived sets for an invalid later value', () => {
    const said = (text: string, code: string) => analyze(text).diagnostics.filter((x) => x.code === code).map((x) => x.message);
    expect(said(inst('A', '  priority 150\n  priority 1x'), 'KA211')[0]).toContain('uses 100 instead, so the earlier value is lost too');
    expect(said(inst('A', '  priority 0'), 'KA205')[0]).toContain('keepalived reports it and uses 100 instead');
    const script = (body: string) => `vrrp_script S {\n  script /bin/true\n${body}\n}\n`;
    expect(said(script('  fall 3\n  fall -1'), 'KA211')[0]).toContain('uses 1 instead');
    expect(said(script('  weight 10\n  weight 300'), 'KA211')[0]).toContain('keepalived uses this later value (300)');
    expect(said(script('  weight 300'), 'KA205')[0]).toContain('keepalived reports it and still uses 300');
  });

  // harvest62: when the earlier line is the one keepalived refused (2.2.7 -t: "Priority not valid! … Using default
  // 100", "Advert interval (abc) not valid! … ignoring", "Invalid smtp server 192.168.200.1 x"), the later line
  // replaces no value of the user's, and nothing was silent: said so, not "silently uses … instead of (300)".
  // rules62 (session 62): a repeated quorum above quorum_max is refused ("Quorum is greater than quorum_max - ignoring";
  // 2.2.7's dump keeps Min processes = 3), and KA357 said so on the same line KA211 called a silent override.
  it('does not call a vrrp_track_process quorum repeat keepalived refuses against quorum_max a silent override', () => {
    const text = 'vrrp_track_process h6 {\n    process haproxy\n    quorum 3\n    quorum_max 5\n    quorum 6\n}\nvrrp_track_process h7 {\n    process haproxy\n    quorum 4\n    quorum_max 10\n    quorum_max 2\n    quorum 5\n}\n';
    const ka211 = analyze(text).diagnostics.filter((d) => d.code === 'KA211').map((d) => [d.range.start.line + 1, d.message]);
    expect(ka211).toEqual([
      [5, expect.stringContaining('keepalived reports this later value (6) as invalid and does not use it')],
      [11, expect.stringContaining('keepalived reports this later value (2) as invalid and does not use it')],
      [12, expect.stringContaining('silently uses this later value (5)')],
    ]);
  });
  it('says so when the earlier value was the refused one', () => {
    const said = (text: string, targetVersion?: string) => analyze(text, { targetVersion }).diagnostics.filter((x) => x.code === 'KA211').map((x) => `${x.range.start.line + 1}:${x.severity} ${x.message}`);
    const body = '  priority 300\n  priority 150\n  advert_int abc\n  advert_int 2';
    for (const target of ['2.2.7', '2.0.19', '2.4.3']) {
      expect(said(inst('A', body), target)).toEqual([
        "3:warning 'priority' is set again in 'vrrp_instance A': keepalived reports the value on line 2 (300) as invalid and does not take it (it uses 100 until this line), so this later value (150) is the one it uses; keep one valid line",
        "5:warning 'advert_int' is set again in 'vrrp_instance A': keepalived reports the value on line 4 (abc) as invalid and does not take it, so this later value (2) is the one it uses; keep one valid line",
      ]);
    }
    expect(said('global_defs {\n  smtp_server 192.168.200.1 x\n  smtp_server 192.168.200.1\n}\n')[0]).toContain('keepalived reports the value on line 2 (192.168.200.1 x) as invalid and does not take it, so this later value (192.168.200.1) is the one it uses');
    // Both refused: neither is taken (priority: the default).
    expect(said(inst('A', '  priority 300\n  priority 0\n  advert_int abc\n  advert_int xyz'))).toEqual([
      "3:warning 'priority' is set again in 'vrrp_instance A', and keepalived reports both this value (0) and the one on line 2 (300) as invalid: it uses 100; keep one valid line",
      "5:warning 'advert_int' is set again in 'vrrp_instance A', and keepalived reports both this value (xyz) and the one on line 4 (abc) as invalid: it takes neither; keep one valid line",
    ]);
    // A third, valid line after two refused ones: the one it uses.
    expect(said(inst('A', '  advert_int abc\n  advert_int xyz\n  advert_int 3'))[1]).toContain('the value on line 3 (xyz) as invalid and does not take it, so this later value (3) is the one it uses');
    // A value reported and still used is a setting: the later line replaces it (a vrrp_script's weight 300 is 300).
    expect(said('vrrp_script S {\n  script /bin/true\n  weight 300\n  weight 10\n}\n')[0]).toContain('keepalived silently uses this later value (10) instead of the one on line 3 (300)');
    if (keepalivedAvailable()) {
      const out = runKeepalived(inst('A', '  interface eth0\n  virtual_router_id 1\n' + body + '\n  virtual_ipaddress {\n    10.0.0.1\n  }')).messages.map((m) => m.message);
      expect(out).toEqual(["number '300' outside range [1, 255]", '(A) Priority not valid! must be between 1 & 255. Using default 100', "invalid number 'abc'", '(A) Advert interval (abc) not valid! Must be > 0 - ignoring']);
    }
  });

  // Session 60's audit: from 2.2.5 keepalived keeps the first VMAC name and reports a second ("VMAC interface name
  // already specified", KA351), and every release keeps the first lvs_sync_daemon_interface ("has already been
  // specified as eth0 - ignoring"); a different ip_family is refused ("… conflicts with server family", KA527).
  it('leaves to other findings the repeats keepalived reports and ignores: use_vmac from 2.2.5, lvs_sync_daemon_interface, ip_family', () => {
    const codes = (text: string, targetVersion?: string) => lintText(text, { file: 'keepalived.conf', targetVersion }).diagnostics.filter((d) => /KA2(09|11)|KA351|KA368|KA527/.test(d.code)).map((d) => `${d.range.start.line + 1}:${d.code}`);
    const vmac = inst('A', '  interface eth0\n  use_vmac vrrp1\n  use_vmac vrrp2');
    expect(codes(vmac)).toEqual(['4:KA351']);
    expect(codes(vmac, '2.2.4')).toEqual(['4:KA211']);
    // A MAC address after a name adds to it (2.2.5 on).
    expect(codes(inst('A', '  interface eth0\n  use_vmac vrrp1\n  use_vmac 02:11:22:33:44:55'))).toEqual([]);
    expect(codes(inst('A', '  interface eth0\n  lvs_sync_daemon_interface eth0\n  lvs_sync_daemon_interface eth1'))).toEqual(['4:KA209']);
    const vs = (body: string) => `virtual_server fwmark 1 {\n  lb_algo rr\n${body}\n}\n`;
    expect(codes(vs('  ip_family inet\n  ip_family inet\n  ip_family inet6'))).toEqual(['4:KA211', '5:KA527']);
    if (keepalivedAvailable()) {
      expect(runKeepalived(vmac).stderr).toContain('VMAC interface name already specified');
      expect(runKeepalived(vs('  ip_family inet\n  ip_family inet\n  ip_family inet6')).stderr.match(/conflicts with server family/g)).toHaveLength(1);
    }
  });

  // Session 60's audit: lvs_timeouts sets only the options it names (2.2.7 dump: LVS TCP timeout = 200 and the UDP
  // one 50 after `tcp 100 udp 50`, `tcp 200`); from 2.0.17 status_code adds codes (check_http.c sets bits, never
  // clears), regex_options ORs its options, and allow_if_changes and a garp interval's `all` are only ever turned on.
  it('keywords whose repeats add up: each part compared, or nothing said', () => {
    const said = (text: string, targetVersion?: string) => analyze(text, { targetVersion }).diagnostics.filter((d) => d.code === 'KA211').map((d) => `${d.range.start.line + 1}:${d.severity} ${d.message}`);
    const global = (body: string) => `global_defs {\n${body}\n}\n`;
    expect(said(global('  lvs_timeouts tcp 100 udp 50\n  lvs_timeouts tcp 200'))).toEqual([
      "3:warning 'lvs_timeouts' is set again in 'global_defs': keepalived silently uses this later value (tcp 200) instead of the one on line 2 (tcp 100), and keeps 'udp 50' from that line (a line without it does not unset it); keep one",
    ]);
    expect(said(global('  lvs_timeouts tcp 100\n  lvs_timeouts udp 50'))).toEqual([]);
    expect(said(global('  lvs_timeouts tcp 100 udp 50\n  lvs_timeouts udp 50'))).toEqual([
      "3:info 'lvs_timeouts' is given again in 'global_defs' without 'tcp 100': keepalived keeps it from line 2 (a line without it does not unset it), so the repetition does nothing",
    ]);
    expect(said(global('  dynamic_interfaces allow_if_changes\n  dynamic_interfaces'))[0]).toContain("without 'allow_if_changes': keepalived keeps it from line 2");
    expect(said(global('  dynamic_interfaces\n  dynamic_interfaces allow_if_changes'))).toEqual([]);
    expect(said(global('  dynamic_interfaces allow_if_changes\n  dynamic_interfaces allow_if_changes'))[0]).toContain('with the same value (allow_if_changes) as on line 2; the repetition does nothing');
    expect(said(global('  lvs_timeouts tcp 100 udp 50\n  lvs_timeouts udp 50 tcp 100'))[0]).toContain('with the same value (udp 50 tcp 100) as on line 2; the repetition does nothing');
    expect(said(global('  vrrp_garp_extra_if 5 all\n  vrrp_garp_extra_if 6'))[0]).toContain("uses this later value (6) instead of the one on line 2 (5), and keeps 'all' from that line");
    expect(said(inst('A', '  garp_extra_if all 5\n  garp_extra_if 5'))[0]).toContain("without 'all'");
    // Before 2.2.5 a bare use_vmac leaves the name (the handler reads a name only when one is given).
    expect(said(inst('A', '  use_vmac vrrp1\n  use_vmac'), '2.2.4')[0]).toContain("without 'vrrp1': keepalived keeps it");
    const url = (body: string) => `virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 80 {\n    HTTP_GET {\n      url {\n        path /\n${body}\n      }\n    }\n  }\n}\n`;
    expect(said(url('        status_code 404\n        status_code 200\n        regex_options caseless\n        regex_options multiline'))).toEqual([]);
    expect(said(url('        status_code 404\n        status_code 200'), '2.0.16')).toHaveLength(1);
  });

  // Session 60's audit: a later mcast_dst_ip that is no multicast group, or an mcast_src_ip of the other family, is
  // written over the earlier address and then unset (2.2.7 dump: "Multicast address 224.0.0.18" after 224.0.0.19 then
  // 10.0.0.2; "Using src_ip = 10.0.0.1", the interface's, after 10.0.0.9 then fe80::1).
  it('a refused later address loses the earlier one too', () => {
    const said = (body: string) => analyze(inst('A', `  interface eth0\n${body}\n  virtual_ipaddress {\n    10.0.0.5\n  }`)).diagnostics.filter((d) => d.code === 'KA211').map((d) => d.message);
    expect(said('  mcast_dst_ip 224.0.0.19\n  mcast_dst_ip 10.0.0.2')[0]).toContain('the earlier address is lost too (keepalived unsets it as it rejects this one), so it uses the default group');
    expect(said('  mcast_dst_ip 224.0.0.19\n  mcast_dst_ip ff02::12')[0]).toContain('the earlier address is lost too');
    expect(said('  mcast_dst_ip 224.0.0.19\n  mcast_dst_ip 224.0.0.20')[0]).toContain('silently uses this later value (224.0.0.20)');
    expect(said('  mcast_src_ip 10.0.0.9\n  mcast_src_ip fe80::1')[0]).toContain("the earlier address is lost too (keepalived unsets it as it rejects this one), so it uses the interface's own address");
    // The VIP block after them does not count: the first mcast_src_ip gave the instance its family.
    expect(said('  mcast_src_ip 10.0.0.9\n  mcast_src_ip 10.0.0.8')[0]).toContain('silently uses this later value (10.0.0.8)');
  });

  // vrrp_garp_refresh_handler sets 0 (no refresh) on a value it reports, quorum_handler 1 ("Setting to 1."), from the
  // strict readers of 2.0.7 (session 60's audit: the 2.2.7 dump's "Gratuitous ARP refresh = 0" after 20 then -5).
  // 1.3.5 to 2.0.6 read garp_master_refresh with atoi and clamp quorum: nothing of the kind is said there.
  it('garp_master_refresh and a virtual server quorum fall back to 0 and 1', () => {
    const said = (text: string, code: string, targetVersion?: string) => analyze(text, { targetVersion }).diagnostics.filter((x) => x.code === code).map((x) => x.message);
    expect(said(inst('A', '  garp_master_refresh 20\n  garp_master_refresh -5'), 'KA211')[0]).toContain('uses 0 (no refresh) instead, so the earlier value is lost too');
    expect(said(inst('A', '  garp_master_refresh -5'), 'KA205')[0]).toContain('keepalived reports it and uses 0 (no refresh) instead');
    expect(said(inst('A', '  garp_master_refresh -5'), 'KA205', '2.0.0')[0]).not.toContain('uses 0');
    const vs = (body: string) => `virtual_server 10.0.0.1 80 {\n  protocol TCP\n${body}\n}\n`;
    expect(said(vs('  quorum 3\n  quorum 0'), 'KA211')[0]).toContain('uses 1 instead, so the earlier value is lost too');
    expect(said(vs('  quorum 0'), 'KA205')[0]).toContain('keepalived reports it and uses 1 instead');
    if (keepalivedAvailable()) expect(runKeepalived(vs('  quorum 3\n  quorum 0')).stderr).toContain('Setting to 1.');
  });

  it('leaves alone a repeat that is missing its argument: keepalived ignores that line or stops there (KA203 says so)', () => {
    // From an unrendered template (`router_id ${router_id}` splits at its braces): keepalived 2.2.7
    // prints "routerid name missing - ignoring" and keeps 'a'; a bare 'priority' stops it.
    expect(ka211('global_defs {\n  router_id a\n  router_id\n}\n')).toEqual([]);
    expect(ka211(inst('A', '  priority 150\n  priority'))).toEqual([]);
    // Nor does the ignored line count as the first setting.
    expect(ka211('global_defs {\n  router_id\n  router_id a\n}\n')).toEqual([]);
    if (keepalivedAvailable()) expect(runKeepalived('global_defs {\n  router_id a\n  router_id\n}\n').stderr).toContain('routerid name missing - ignoring');
  });

  // Found by applying kalint's safe fixes to real configs: `retry 12` then `nb_get_retry 123` in an HTTP_GET
  // was silent, and renaming nb_get_retry (KA206's fix) then showed the repeat. keepalived 2.2.7 reads the old
  // names with the new names' handlers (check_http.c http_get_retry_handler sets checker->retry).
  it('an old name and its new one set one setting: either overwrites the other', () => {
    const http = (body: string) => `virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 80 {\n    HTTP_GET {\n      url {\n        path /\n      }\n${body}\n    }\n  }\n}\n`;
    expect(ka211(http('      retry 12\n      nb_get_retry 123'))).toEqual(['keepalived.conf:8:warning']);
    const [d] = analyze(http('      retry 12\n      nb_get_retry 123')).diagnostics.filter((x) => x.code === 'KA211');
    expect(d!.message).toBe("'nb_get_retry' (the same setting as 'retry') is set again in 'HTTP_GET': keepalived silently uses this later value (123) instead of the one on line 7 (12); keep one");
    expect(ka211('global_defs {\n  vrrp_rlimit_rtime 5\n  vrrp_rlimit_rttime 6\n  lvs_process_name a\n  checker_process_name a\n}\n')).toEqual(['keepalived.conf:3:warning', 'keepalived.conf:5:info']);
    // Names whose replacement is another block or keyword elsewhere are other settings.
    expect(ka211(inst('A', '  lvs_sync_daemon_interface eth0\n  interface eth0'))).toEqual([]);
  });

  it('a later value from an included file is information (a deliberate override, more often than not)', () => {
    const host = memoryHost({ '/k/common.inc': '  priority 100\n', '/k/keepalived.conf': '' });
    expect(ka211(inst('A', '  include common.inc\n  priority 150'), { file: '/k/keepalived.conf', host })).toEqual(['/k/keepalived.conf:3:info']);
  });
});

describe('a keyword written as a block where keepalived wants its value on the line', () => {
  it('says so on the KA203 that stops keepalived (acassen/keepalived#157: notify { script })', () => {
    // keepalived 2.2.7: "Configuration line starting `notify` is missing a parameter after keyword `notify` at word position 2", then it stops.
    const text = 'vrrp_instance VI_1 {\n  notify {\n     /tmp/katest.sh\n  }\n}\n';
    const d = analyze(text).diagnostics.find((x) => x.code === 'KA203')!;
    expect(d.message).toBe("'notify' is missing its command; keepalived exits here with a configuration error: it does not run at all ('notify' takes its value on this line, not inside a '{ }' block)");
    // Without a '{' after it, nothing is added.
    expect(analyze('vrrp_instance VI_1 {\n  notify\n}\n').diagnostics.find((x) => x.code === 'KA203')!.message).not.toContain('block');
    if (keepalivedAvailable()) expect(runKeepalived(text).stderr).toContain('missing a parameter after keyword `notify`');
  });
});

describe("a '{' among the values of a block opened without its '{'", () => {
  // keepalived 2.2.7: "(Line 5) VRRP parsed invalid IP priority", "(Line 6) VRRP parsed invalid IP {", and no brace
  // message: the late '{' balances the '}' that ends the values. Among notification_email's addresses it is taken silently.
  const vip = 'vrrp_instance V {\n interface eth0\n virtual_router_id 5\n virtual_ipaddress\n priority 50\n {\n  10.0.0.1\n }\n}\n';
  const mail = 'global_defs {\n notification_email\n smtp_connect_timeout 10\n {\n  ops@example.com\n }\n}\n';
  it('balances the block instead of leaving a brace open', () => {
    const d = analyze(vip).diagnostics.map((x) => `${x.range.start.line + 1}:${x.code}:${x.severity}:${x.message}`);
    expect(d).toContainEqual(expect.stringMatching(/^6:KA103:error:.*as the block had no '\{' of its own, this one balances the '\}' that ends it$/));
    expect(d).toContainEqual(expect.stringMatching(/^4:KA104:.*\(here the '\{' on line 6, read as a value, makes up for it\)$/));
    expect(d.filter((x) => /KA10[12]/.test(x))).toEqual([]);
    expect(analyze(mail).diagnostics.filter((x) => x.code === 'KA103').map((x) => x.severity)).toEqual(['warning']);
  });
  // Found by fix-sweep on a mutant (session 52): with `{{` both braces said they balanced the block, and KA104's
  // note was appended twice. keepalived 2.2.7 counts the second as open: "There are 1 missing '}'s or extra '{'s".
  it('lets only the first such brace stand in for the missing one', () => {
    const twice = 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 5\n    track_interface eth0\n    authentication {{\n        auth_type PASS\n    }\n}\n';
    const d = analyze(twice).diagnostics;
    expect(d.filter((x) => x.code === 'KA103').map((x) => x.message.replace(/.*values/, ''))).toEqual([
      "; as the block had no '{' of its own, this one balances the '}' that ends it",
      ", and still counts it as an open brace, so one '}' further on closes nothing",
    ]);
    expect(d.find((x) => x.code === 'KA104')!.message.match(/makes up for it/g)).toHaveLength(1);
    expect(d.filter((x) => x.code === 'KA102').map((x) => x.range.start.line)).toEqual([0]);
    if (keepalivedAvailable()) expect(runKeepalived(twice).stderr).toContain("There are 1 missing '}'s or extra '{'s");
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    const said = runKeepalived(vip).messages.map((m) => `${m.line}: ${m.message}`);
    expect(said).toContainEqual(expect.stringMatching(/^6: VRRP parsed invalid IP \{/));
    expect(said.filter((m) => /missing|Extra/.test(m))).toEqual([]);
  });
});

// Found by scripts/fuzz-generate.ts. keepalived's include_check reader takes a plain check only as the first word;
// a later plain word is ignored with "Duplicate include_check 'X' specified - ignoring" (another check too), so
// `include_check read match` checks reading only; '+X' / '-X' add or remove one.
describe('include_check words after the first', () => {
  const text = ['global_defs {', '  include_check read match', '  include_check +read -brace_match', '  include_check -read foo', '  include_check +bogus', '}'].join('\n') + '\n';
  const ka205 = () => lintText(text, { file: 'k.conf' }).diagnostics.filter((d) => d.code === 'KA205');
  it('reports a later plain word as ignored (with a fix to add it), and unknown checks', () => {
    const found = ka205().map((d) => `${d.range.start.line + 1}: ${d.message}`);
    expect(found).toEqual([
      expect.stringMatching(/^2: .*keepalived ignores 'match' here .*write '\+match' to add it/),
      expect.stringMatching(/^4: .*keepalived ignores 'foo' here \(keepalived: "Duplicate include_check 'foo'/),
      expect.stringMatching(/^5: .*got '\+bogus' \(keepalived: "Unknown include_check type 'bogus' - ignoring"\)/),
    ]);
    expect(applyFix(text, ka205()[0]!.fix!).split('\n')[1]).toBe('  include_check read +match');
  });
  it('a line that adds or removes checks does not replace the ones before it (no KA211)', () => {
    const repeats = lintText(text, { file: 'k.conf' }).diagnostics.filter((d) => d.code === 'KA211');
    expect(repeats).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    const said = runKeepalived(text).messages.filter((m) => /include_check/.test(m.message)).map((m) => `${m.line}: ${m.message}`);
    expect(said).toEqual(["2: Duplicate include_check 'match' specified - ignoring", "4: Duplicate include_check 'foo' specified - ignoring", "5: Unknown include_check type 'bogus' - ignoring"]);
  });
});

describe('a configuration for a FULLNAT fork of keepalived (DPVS)', () => {
  // Real configs written for DPVS (iqiyi/dpvs) use its keywords and methods; upstream keepalived rejects them, and the
  // finding says where they come from instead of guessing a misspelling.
  const text = [
    'local_address_group laddr_g1 {',
    '    192.0.2.21 dpdk0',
    '}',
    'virtual_server 192.0.2.10 80 {',
    '    lb_algo conhash',
    '    lb_kind FNAT',
    '    protocol TCP',
    '    laddr_group_name laddr_g1',
    '    syn_proxy',
    '    real_server 192.0.2.31 80 {',
    '        weight 1',
    '    }',
    '}',
    '',
  ].join('\n');
  it('names the fork on its keywords and values', () => {
    const forked = analyze(text).diagnostics.filter((d) => d.message.includes('the FULLNAT forks of keepalived')).map((d) => `${d.range.start.line + 1} ${d.code}`);
    expect(forked).toEqual(['1 KA201', '5 KA205', '6 KA205', '8 KA201', '9 KA201']);
    expect(analyze(text).diagnostics.find((d) => d.range.start.line === 7)!.message).not.toContain('did you mean');
  });
  it.skipIf(!keepalivedAvailable())('where keepalived -t reports them', () => {
    const lines = new Set(runKeepalived(text).messages.map((m) => m.line));
    for (const line of [1, 5, 6, 8, 9]) expect(lines.has(line), `line ${line}`).toBe(true);
  });
});

describe('targets outside the releases kalint knows', () => {
  it('names what it cannot promise below 1.3.0 and above 2.4.3, nothing in between', () => {
    expect(targetCaveat('1.2.13')).toMatch(/^keepalived 1\.2\.13 is older than 1\.3\.0.*not reported as unknown/);
    expect(targetCaveat('2.4.4')).toMatch(/^keepalived 2\.4\.4 is newer than 2\.4\.3/);
    for (const v of [undefined, '1.3.0', '1.3.5', '2.0.10', '2.2.7', '2.4.3']) expect(targetCaveat(v)).toBeUndefined();
    expect(targetCaveat('not-a-version')).toBeUndefined();
  });
});

describe('findings that follow from a brace keepalived did not read as opening a block', () => {
  // Session 61's audit: one `url { … }` in a TCP_CHECK gave 13 errors, each true to keepalived (-t prints one per
  // line), with nothing saying that line 10 is the one to fix.
  const text = [
    'virtual_server 10.0.0.1 80 {', //              1
    '    protocol TCP',
    '    real_server 10.0.0.2 80 {',
    '        TCP_CHECK {',
    '            url {', //                          5: 'url' is no TCP_CHECK keyword: its '{' is ignored
    '                path /health',
    '            }', //                              7: closes the TCP_CHECK
    '        }',
    '    }', //                                      9: closes the virtual_server
    '    real_server 10.0.0.3 80 {', //             10: read at the top level
    '        weight 1',
    '    }',
    '}',
    'vrrp_instance VI_1 {', //                      14: a block of its own, read as written
    '    interface eth0',
    '    virtual_router_id 5',
    '    bogus_word',
    '}',
    '',
  ].join('\n');
  const followers = (t: string, opts = {}) =>
    analyze(t, opts).diagnostics.filter((d) => d.message.includes("this follows from the '{' on line")).map((d) => `${d.range.start.line + 1} ${d.code}`);

  it('say so and link it, up to the end of the top-level block as written', () => {
    expect(followers(text)).toEqual(['6 KA202', '10 KA202', '10 KA103', '11 KA202']);
    const d = analyze(text).diagnostics.find((x) => x.range.start.line === 9 && x.code === 'KA202')!;
    expect(d.message).toMatch(/in the top level.*\(this follows from the '\{' on line 5, which keepalived did not read as opening a block: fix that line first\)$/);
    expect(d.related?.map((r) => [r.range.start.line + 1, r.range.start.column + 1, r.message])).toEqual([[5, 17, "the '{' keepalived did not read as opening a block"]]);
    // The cause itself and the unknown keyword after it stand on their own; so does a later block's mistake.
    const own = analyze(text).diagnostics.filter((x) => !x.message.includes('this follows from')).map((x) => `${x.range.start.line + 1} ${x.code}`);
    expect(own).toEqual(expect.arrayContaining(['5 KA202', '5 KA103', '17 KA201']));
  });

  it('not for a brace keepalived reads, nor before 1.4.2 (a glued brace is part of its word there)', () => {
    expect(followers(text.replace('            url {\n                path /health\n            }\n', ''))).toEqual([]);
    expect(followers(text, { targetVersion: '1.3.5' })).toEqual([]);
  });

  it.skipIf(!keepalivedAvailable())('keepalived -t reports each of those lines', () => {
    const lines = new Set(runKeepalived(text).messages.map((m) => m.line));
    for (const line of [5, 6, 10, 11, 17]) expect(lines.has(line), `line ${line}`).toBe(true);
  });
});

describe('a line of blanks over 1023 bytes (session 61 audit)', () => {
  // 2.4.0 and later report every full piece they drop, whatever it holds: "line too long - ignoring", and -t fails.
  // Earlier releases read the pieces as blank lines.
  const text = 'global_defs {\n  router_id r1\n}\n' + ' '.repeat(1030) + '\n';
  const tabs = 'global_defs {\n' + '\t'.repeat(1100) + '\n  router_id r1\n}\n';
  const ka106 = (t: string, targetVersion?: string) => analyze(t, { targetVersion }).diagnostics.filter((d) => d.code === 'KA106').map((d) => `${d.range.start.line + 1} ${d.severity}`);
  it('is an error from 2.4.0, nothing before', () => {
    expect(ka106(text, '2.4.3')).toEqual(['4 error']);
    expect(ka106(tabs, '2.4.3')).toEqual(['2 error']);
    expect(ka106(text)).toEqual([]);
    expect(ka106(tabs, '2.3.3')).toEqual([]);
  });
  const release = releaseBinary('2.4.3');
  it.skipIf(!release)('keepalived 2.4.3 -t fails on it; 2.2.7 does not', () => {
    for (const t of [text, tabs]) {
      const r = runRelease(release!, t);
      expect(r.stderr).toContain('line too long - ignoring');
      expect(r.exitStatus).not.toBe(0);
    }
    if (keepalivedAvailable()) expect(runKeepalived(text).messages).toEqual([]);
  });
});
