// The lvs rules against keepalived on many configs: the corpus's load-balancer configs, each
// mutated with typical LVS mistakes (seeded, so every run sees the same files). For each file,
// every keepalived message with a line must have a kalint finding on that line, every
// after-reading message of the lvs family must have its rule's finding, and every line-reported
// lvs finding must sit on a line keepalived complains about.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lintText } from '../server/src/linter.js';
import { keepalivedAvailable } from './helpers/keepalived.js';

const CORPUS = resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/corpus');

/** keepalived messages about the machine, not the file. */
const HOST_DEPENDENT = [
  /interface .* doesn't exist/, /Non-existent interface/, /Unknown interface!/, /loopback interface/, /Cannot find an IP address/,
  /multicast/, /not found\/accessible/, /not (?:executable|accessible)|No such file|Permission denied/i, /SECURITY VIOLATION/,
  /Unable to set default user|Invalid user|uid\/gid|does not exist/i, /kernel/, /track file/i,
];

/** Host-independent messages another layer reports elsewhere (see differential.test.ts). */
const OTHER_LAYERS = [/empty notification_email block/];

/** keepalived's after-reading LVS messages (no line) and the rule that reports each. */
const LINELESS: [RegExp, string][] = [
  [/is duplicated - removing second rs/, 'KA502'], [/has no real servers/, 'KA503'], [/protocol specified for fwmark/, 'KA506'],
  [/no protocol set/, 'KA507'], [/no scheduler set/, 'KA508'], [/no forwarding method set/, 'KA509'],
  [/ports don't match|has port specified/, 'KA510'], [/exceeds total weight/, 'KA513'], [/>= quorum/, 'KA514'],
  [/zero port only valid/, 'KA520'], [/one packet scheduling/, 'KA521'], [/ha_suspend with fwmarks/, 'KA522'], [/matches sorry server/, 'KA531'],
];

/** lvs/security/style findings keepalived -t cannot show (or shows without a line, checked above). */
const NOT_LINE_CHECKED = new Set(['KA501', 'KA515', 'KA516', 'KA532', 'KA542', 'KA543', 'KA601', 'KA602', 'KA603', 'KA604', 'KA605', 'KA701', 'KA703', ...LINELESS.map(([, c]) => c)]);

const MUTATIONS: ((t: string) => string)[] = [
  (t) => t.replace(/\n\s*protocol TCP/, ''),
  (t) => t.replace(/lb_kind NAT/, 'lb_kind DR'),
  (t) => t.replace(/lb_kind \w+/, 'lb_kind TUN type gue'),
  (t) => t.replace(/(lb_algo \w+)/, 'sh-port\n    $1'),
  (t) => t.replace(/(sorry_server [^\n]+)/, 'sorry_server_inhibit\n    $1'),
  (t) => t.replace(/(real_server [^\n]+\{)/g, '$1\n        weight 0'),
  (t) => t.replace(/(virtual_server [^\n]+\{)/, '$1\n    quorum 50\n    hysteresis 60'),
  (t) => t.replace(/path [^\n]+\n/, '\n'),
  (t) => t.replace(/(real_server \S+ )(\d+)/, (_m, a: string, p: string) => a + (Number(p) + 1)),
  (t) => t.replace(/virtual_server \S+ (\d+)/, 'virtual_server 10.9.9.9 0'),
  (t) => t.replace(/(virtual_server [^\n]+\{)/, '$1\n    ops'),
  (t) => t.replace(/(real_server )(\S+)/, '$12001:db8::5'),
  (t) => t.replace(/(TCP_CHECK \{)/, '$1\n            connect_ip fe80::1'),
  (t) => t.replace(/(digest )\S+/, '$1abc'),
  (t) => t + '\nvirtual_server_group VG {\n  10.0.0.8/29 80\n  10.0.0.1/24 80\n}\n',
  (t) => t.replace(/(real_server [^\n]+\{)/, '$1\n        MISC_CHECK {\n            misc_timeout 3\n        }'),
  (t) => t.replace(/(real_server [^\n]+\{)/, '$1\n        FILE_CHECK {\n            track_file nope\n        }'),
  (t) => t.replace(/(virtual_server [^\n]+\{)/, '$1\n    ip_family inet6'),
  (t) => t.replace(/(virtual_server [^\n]+\{)/, '$1\n    ha_suspend'),
  (t) => t.replace(/\n\s*lb_algo \w+/, ''),
  (t) => t.replace(/\n\s*lb_kind \w+/, ''),
];

function mutatedFiles(perSource: number): { name: string; text: string }[] {
  let seed = 20261121;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const out: { name: string; text: string }[] = [];
  for (const name of readdirSync(CORPUS).sort()) {
    if (/\.(json|tsv|md)$/.test(name)) continue;
    const base = readFileSync(join(CORPUS, name), 'utf8');
    if (!base.includes('virtual_server')) continue;
    for (let k = 0; k < perSource; k++) {
      let t = base;
      for (let m = 1 + rnd(3); m > 0; m--) t = MUTATIONS[rnd(MUTATIONS.length)]!(t);
      if (t !== base) out.push({ name: `${name}.m${k}.conf`, text: t });
    }
  }
  return out;
}

const available = keepalivedAvailable();
const totals = { files: 0, messages: 0, crashes: 0 };

describe.skipIf(!available)('lvs rules on mutated corpus configs, against keepalived -t', () => {
  const dir = available ? mkdtempSync(join(tmpdir(), 'kalint-lvs-mut-')) : '';
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    console.log(`lvs mutations: ${totals.files} files, ${totals.messages} keepalived messages matched, ${totals.crashes} keepalived crashes (all flagged KA504)`);
  });

  it.each(mutatedFiles(4).map((f) => [f.name, f.text]))('%s', (name, text) => {
    writeFileSync(join(dir, name), text);
    const r = spawnSync('keepalived', ['-t', '-f', name, '-i', 'label-corpus'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    const diagnostics = lintText(text, { file: name }).diagnostics;
    totals.files++;
    if (r.signal === 'SIGSEGV') {
      // keepalived 2.2.7 crashes on an HTTP/SSL checker left without urls: exactly what KA504 is for.
      totals.crashes++;
      expect(diagnostics.map((d) => d.code)).toContain('KA504');
      return;
    }
    const unmatched: string[] = [];
    const complainedLines = new Set<number>();
    const lineless: string[] = [];
    for (const raw of (r.stderr ?? '').split('\n')) {
      if (!raw.trim() || /^\s/.test(raw)) continue;
      const m = /^\((?:.+?: )?Line (\d+)\) (.*)$/.exec(raw);
      const message = m ? m[2]! : raw;
      if (m) complainedLines.add(Number(m[1]));
      else lineless.push(message);
      if (HOST_DEPENDENT.some((re) => re.test(message)) || OTHER_LAYERS.some((re) => re.test(message))) continue;
      if (m) {
        totals.messages++;
        if (!diagnostics.some((d) => d.range.start.line + 1 === Number(m[1]))) unmatched.push(raw);
        continue;
      }
      const code = LINELESS.find(([re]) => re.test(message))?.[1];
      if (!code) continue; // another family's after-reading message
      totals.messages++;
      if (!diagnostics.some((d) => d.code === code)) unmatched.push(`(${code}) ${raw}`);
    }
    expect(unmatched, 'keepalived messages kalint misses').toEqual([]);
    const extra = diagnostics.filter((d) => /^KA5/.test(d.code) && !NOT_LINE_CHECKED.has(d.code) && !(d.code === 'KA511' && d.severity === 'warning') && !complainedLines.has(d.range.start.line + 1));
    expect(extra.map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`), 'lvs findings on lines keepalived accepts').toEqual([]);
    for (const [re, code] of LINELESS) {
      if (diagnostics.some((d) => d.code === code)) expect(lineless.some((l) => re.test(l)), `${code} without keepalived's "${re.source}"`).toBe(true);
    }
  });
});
