// How keepalived compares the words of a line, and what kalint made of them (an audit of word values in session
// 57, each case checked with keepalived 2.2.7 -t and, where the meaning was in doubt, with the daemon's dump):
// check_true_false is exact (`On`, `True` are refused and change nothing); a track line's direction is its fourth
// word only; a track_file or track_bfd entry with another fourth word is dropped whole; route names are looked up
// exactly; route types come before the destination and may be numbers; words never find Object.prototype's keys.

import { describe, expect, it } from 'vitest';
import { lintText } from '../server/src/linter.js';
import { failoverReports, buildNodes } from '../server/src/cluster/index.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';
import { conf, findings } from './helpers/rule-cases.js';

const instance = (body: string[], state = 'BACKUP', priority = 100) =>
  conf('vrrp_instance I0 {', `  state ${state}`, '  interface eth0', '  virtual_router_id 51', `  priority ${priority}`, ...body.map((l) => `  ${l}`), '  virtual_ipaddress {', '    10.0.0.10', '  }', '}');

/** The failover table's scenarios of a two-node cluster: label → holder. */
function scenarios(a: string, b: string): Map<string, string | undefined> {
  const nodes = buildNodes([
    { file: 'A.conf', text: a },
    { file: 'B.conf', text: b },
  ]);
  return new Map(failoverReports(nodes)[0]!.scenarios.map((s) => [s.label, s.holder]));
}

const messages = (text: string) => runKeepalived(text).messages.map((m) => `${m.line ?? ''} ${m.message}`);

describe("a track line's direction", () => {
  const script = conf('vrrp_script chk {', '  script "/bin/false"', '  interval 1', '}');
  // keepalived reads only the fourth word: `chk weight -10 x reverse` is -10, not reversed ("Tracked scripts : chk weight -10").
  const a = script + instance(['track_script {', '  chk weight -10 x reverse', '}'], 'MASTER', 100);
  const b = instance([], 'BACKUP', 95);

  it('is its fourth word: a later reverse changes nothing', () => {
    const table = scenarios(a, b);
    expect(table.get('script chk fails on A.conf')).toBe('B.conf');
    expect(findings(a, 'KA336').map((d) => d.message)).toEqual([expect.stringContaining("'x' is not a weight option")]);
  });

  it.skipIf(!keepalivedAvailable())('as keepalived -t reports it', () => {
    expect(messages(a)).toContain('11 (I0) unknown track_script chk weight option x - ignoring');
  });
});

describe('a track_file or track_bfd entry with an unknown word after its weight', () => {
  const file = conf('track_file tf {', '  file /tmp/kalint-tf.state', '}');
  const a = file + instance(['track_file {', '  tf weight -30 Reverse', '}'], 'MASTER', 100);
  const b = instance([], 'BACKUP', 90);

  it('is dropped whole: the file is not tracked, so its failure moves nothing', () => {
    expect([...scenarios(a, b).keys()]).toEqual(['all healthy', 'A.conf down', 'B.conf down']);
    const [d] = findings(a, 'KA336');
    expect(d?.severity).toBe('error');
    expect(d?.message).toContain('keepalived ignores the whole entry');
    // With `reverse` it is tracked.
    expect([...scenarios(a.replace('Reverse', 'reverse'), b).keys()]).toContain('file tf fails on A.conf');
  });

  it('while a track_script entry only loses the word', () => {
    const script = conf('vrrp_script chk {', '  script "/bin/false"', '}');
    const s = script + instance(['track_script {', '  chk weight -30 Reverse', '}'], 'MASTER', 100);
    expect([...scenarios(s, b).keys()]).toContain('script chk fails on A.conf');
  });

  it.skipIf(!keepalivedAvailable())('as keepalived -t reports it', () => {
    expect(messages(a)).toContain('10 (I0) unknown track file tf weight option Reverse - ignoring');
  });
});

describe('track_interface … noreverse', () => {
  // `lo`: keepalived reads a track_interface line's options only for an interface the host has.
  const text = instance(['track_interface {', '  lo weight 10 noreverse', '}']);
  it('is reported: an interface takes only reverse', () => {
    expect(findings(text, 'KA336').map((d) => d.message)).toEqual([expect.stringContaining("'noreverse' is not a weight option of track_interface")]);
    expect(findings(text.replace('noreverse', 'reverse'), 'KA336')).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t reports it', () => {
    expect(messages(text)).toContain('7 (I0) unknown track_interace lo weight option noreverse - ignoring');
  });
});

describe('on/off words, as check_true_false reads them (exactly)', () => {
  it("a virtual server's inhibit_on_failure reads no word: 'off' still turns it on (KA531)", () => {
    const text = conf(
      'virtual_server 10.0.1.1 80 {',
      '  protocol TCP',
      '  sorry_server 10.0.2.1 80',
      '  inhibit_on_failure off',
      '  real_server 10.0.2.1 80 {',
      '    TCP_CHECK {',
      '    }',
      '  }',
      '}',
    );
    expect(findings(text, 'KA531')).toHaveLength(1);
    if (keepalivedAvailable()) expect(runKeepalived(text).stderr).toContain('matches sorry server, but inhibit setting differs');
  });

  it("strict mode does not reset a higher_prio_send_advert whose word was refused ('True')", () => {
    const strict = (word: string) => conf('global_defs {', '  vrrp_strict', '}') + instance([`higher_prio_send_advert ${word}`, 'accept']);
    const resets = (word: string) => findings(strict(word), 'KA339').filter((d) => d.message.includes('higher_prio_send_advert'));
    expect(resets('True')).toEqual([]);
    expect(resets('on')).toHaveLength(1);
    expect(resets('')).toHaveLength(1);
    if (keepalivedAvailable()) {
      expect(runKeepalived(strict('True')).stderr).not.toContain('higher_prio_send_advert to be clear');
      expect(runKeepalived(strict('on')).stderr).toContain('higher_prio_send_advert to be clear');
    }
  });

  it("an smtp_alert whose word keepalived refuses asks for no mail (KA708); a later 'off' cancels an earlier 'on'", () => {
    expect(findings(instance(['smtp_alert On']), 'KA708')).toEqual([]);
    expect(findings(instance(['smtp_alert on', 'smtp_alert off']), 'KA708')).toEqual([]);
    expect(findings(instance(['smtp_alert on', 'smtp_alert On']), 'KA708')).toHaveLength(1);
    expect(findings(instance(['smtp_alert']), 'KA708')).toHaveLength(1);
    // 1.3.5 read no word: any line turns alerts on.
    expect(findings(instance(['smtp_alert off']), 'KA708', '1.3.5')).toHaveLength(1);
  });
});

describe('virtual routes and rules', () => {
  const routes = (...lines: string[]) => instance(['virtual_routes {', ...lines.map((l) => `  ${l}`), '}']);
  const rules = (...lines: string[]) => instance(['virtual_rules {', ...lines.map((l) => `  ${l}`), '}']);

  it("take no route type after 'to': `to blackhole X` reads blackhole as the destination", () => {
    const [d] = findings(routes('to blackhole 10.9.0.0/16 dev eth0'), 'KA330');
    expect(d?.message).toContain("keepalived reads no route type after 'to'");
    expect(findings(routes('blackhole 10.9.0.0/16 dev eth0'), 'KA330')).toEqual([]);
  });

  it('accept every route type keepalived knows, and route types as numbers 0..255', () => {
    expect(findings(routes('brd 10.8.0.255/32 dev eth0', 'xresolve 10.7.0.0/16 dev eth0', '6 10.6.0.0/16 dev eth0', '0x10 10.5.0.0/16 dev eth0'), 'KA330')).toEqual([]);
    expect(findings(routes('256 10.6.0.0/16 dev eth0'), 'KA330')).toHaveLength(1);
  });

  it('read a rule type number as the action it stands for (6 blackhole, 7 unreachable, 8 prohibit)', () => {
    expect(findings(rules('from 10.3.0.0/16 priority 100 type 7'), 'KA330')).toEqual([]);
    expect(findings(rules('from 10.3.0.0/16 priority 100 type 9'), 'KA330').map((d) => d.message)).toEqual([expect.stringContaining('Invalid rule action 9')]);
    expect(findings(rules('from 10.3.0.0/16 priority 100 type local'), 'KA330')).toHaveLength(1);
  });

  it('look names up exactly: `scope Link`, `table MAIN`, `protocol Static` drop the line', () => {
    const text = routes('10.1.0.0/16 dev eth0 scope Link', '10.2.0.0/16 dev eth0 table MAIN', '10.3.0.0/16 dev eth0 protocol Static', '10.4.0.0/16 dev eth0 scope link table main protocol static');
    expect(findings(text, 'KA330').map((d) => d.range.start.line + 1)).toEqual([7, 8, 9]);
    // KA344 ("replaces protocol Static") speaks of no line keepalived drops.
    expect(findings(text, 'KA344').map((d) => d.range.start.line + 1)).toEqual([10]);
    expect(findings(rules('from 10.3.0.0/16 table MAIN'), 'KA330')).toHaveLength(1);
  });

  it.skipIf(!keepalivedAvailable())('as keepalived -t reads them', () => {
    const out = messages(routes('to blackhole 10.9.0.0/16 dev eth0', 'brd 10.8.0.255/32 dev eth0', '6 10.6.0.0/16 dev eth0', '10.1.0.0/16 dev eth0 scope Link'));
    expect(out).toContain('7 unknown route keyword blackhole');
    expect(out).toContain('10 Scope Link not found or invalid for route');
    expect(out.filter((m) => /^[89] /.test(m))).toEqual([]);
    expect(runKeepalived(rules('from 10.3.0.0/16 priority 100 type 7')).messages).toEqual([]);
  });
});

describe('words that are names of Object.prototype', () => {
  it("find nothing in kalint's tables (`ip_family toString`, `lb_algo constructor`)", () => {
    const text = conf('virtual_server 10.0.1.1 80 {', '  lb_algo constructor', '  protocol TCP', '  ip_family toString', '  real_server 10.0.2.1 80 {', '  }', '}');
    const ds = lintText(text).diagnostics;
    expect(ds.map((d) => d.code)).not.toContain('KA527');
    expect(ds.map((d) => d.message).join('\n')).not.toMatch(/native code|function |\[object/);
  });
});

describe("`state Backup` after `state MASTER`", () => {
  it("gets no fix to 'BACKUP', which keepalived would ignore after MASTER", () => {
    const text = instance(['state Backup'], 'MASTER');
    const [d] = findings(text, 'KA205');
    expect(d?.fix).toBeUndefined();
    expect(d?.message).toContain('would be ignored after the earlier');
    // Alone, the word keeps its fix.
    expect(findings(instance([], 'Backup'), 'KA205')[0]?.fix?.edits[0]?.newText).toBe('BACKUP');
  });
});
