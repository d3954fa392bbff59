// Mutants of the shared corpus's real configs (scripts/fuzz-mutations.ts: a brace lost or glued, a
// line moved into another block, an odd number or address, CRLF endings...), each read by
// keepalived -t and by kalint: no keepalived message kalint misses, no kalint error on a file
// keepalived accepts, no crash or hang kalint does not predict, no KA000, and `kalint fmt` keeps
// keepalived's verdict. The seed is fixed so a failure reproduces; the whole fuzzer is
// scripts/fuzz-differential.ts. Also the regressions the fuzzer found, with keepalived's words.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintText } from '../server/src/linter.js';
import { checkMutant, collectConfigs } from '../scripts/fuzz-differential.js';
import { classify, exitStatusCountsAllReadings, makeRng, mutate, parseKeepalived, withInterface, type KeepalivedVerdict } from '../scripts/fuzz-mutations.js';
import type { Diagnostic } from '../server/src/core/diagnostics.js';
import { keepalivedAvailable } from './helpers/keepalived.js';
import { applyFix, conf } from './helpers/rule-cases.js';

const CORPUS = resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/corpus');
const SEED = 16;
const MUTANTS = 200;

// As in differential.test.ts: $KEEPALIVED, PATH, then the sbin directories a non-root PATH lacks.
const BINARY = [process.env.KEEPALIVED, 'keepalived', '/usr/sbin/keepalived', '/usr/local/sbin/keepalived'].find(
  (c) => !!c && !spawnSync(c, ['-v'], { encoding: 'utf8', timeout: 10_000 }).error,
);
const available = keepalivedAvailable() && BINARY !== undefined && existsSync(CORPUS);

describe.skipIf(!available)('mutants of corpus configs, against keepalived -t', () => {
  it(`${MUTANTS} mutants (seed ${SEED}) agree`, () => {
    const configs = collectConfigs([CORPUS]);
    expect(configs.length).toBeGreaterThan(20);
    const rng = makeRng(SEED);
    const problems: string[] = [];
    let done = 0;
    for (let i = 0; done < MUTANTS; i++) {
      const source = configs[rng.int(configs.length)]!;
      const m = mutate(source.text, rng);
      if (!m) continue;
      done++;
      for (const d of checkMutant(BINARY!, m.text).disagreements) {
        problems.push(`mutant ${i} of ${source.path.replace(CORPUS + '/', '')} (${m.edits.join('; ')}): ${d.kind}${d.line ? ` line ${d.line}` : ''}: ${d.detail}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it(`${MUTANTS / 2} mutants whose first edit uses the preprocessor ($NAME= definitions, ~SEQ, …; seed ${SEED + 1}) agree`, () => {
    const configs = collectConfigs([CORPUS]);
    const rng = makeRng(SEED + 1);
    const problems: string[] = [];
    const kinds = new Set<string>();
    let done = 0;
    for (let i = 0; done < MUTANTS / 2; i++) {
      const source = configs[rng.int(configs.length)]!;
      const m = mutate(source.text, rng, 2, true);
      if (!m) continue;
      done++;
      kinds.add(m.edits[0]!.split(':')[0]!);
      for (const d of checkMutant(BINARY!, m.text).disagreements) {
        problems.push(`mutant ${i} of ${source.path.replace(CORPUS + '/', '')} (${m.edits.join('; ')}): ${d.kind}${d.line ? ` line ${d.line}` : ''}: ${d.detail}`);
      }
    }
    // Every kind of preprocessor edit was made.
    expect([...kinds].sort()).toEqual(['conditional-define', 'define-lines', 'define-word', 'predefined', 'seq-block', 'seq-line']);
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('track_file names keepalived -t cannot find', () => {
  const trackFile = (name: string, tail: string[] = []) =>
    conf(
      'track_file tf1 {',
      '    file /tmp/tf1',
      '}',
      'vrrp_instance VI_1 {',
      '    interface eth0',
      '    virtual_router_id 15',
      '    virtual_ipaddress {',
      '        10.0.0.1/24',
      '    }',
      '    track_file {',
      `        ${name}`,
      '    }',
      '}',
      ...tail,
    );
  const ka315 = (text: string, targetVersion?: string) => lintText(text, { file: 'keepalived.conf', targetVersion }).diagnostics.filter((d) => d.code === 'KA315').map((d) => d.message);

  it('says that the config test never finishes when another track file is defined before (2.1.0+)', () => {
    expect(ka315(trackFile('nosuch'))).toEqual([expect.stringContaining('keepalived -t never finishes on it')]);
    expect(ka315(trackFile('nosuch'), '2.0.19')).toEqual([expect.not.stringContaining('never finishes')]);
    // Defined later in the file: 2.2.7's -t finds it (silently), no hang.
    expect(ka315(trackFile('tf2', ['track_file tf2 {', '    file /tmp/tf2', '}']))).toEqual([expect.not.stringContaining('never finishes')]);
    // No track file defined before the instance: keepalived reports the name and goes on.
    expect(ka315(trackFile('nosuch').replace('track_file tf1 {\n    file /tmp/tf1\n}\n', ''))).toEqual([expect.not.stringContaining('never finishes')]);
  });

  it.skipIf(!available)('keepalived 2.2.7 -t loops forever there (killed after 3 s), and reports the name otherwise', () => {
    const hung = checkMutant(BINARY!, trackFile('nosuch'), false, 3_000);
    expect(hung.ka.timedOut || hung.ka.signal === 'SIGSEGV').toBe(true);
    expect(hung.disagreements).toEqual([]);
    const reported = checkMutant(BINARY!, trackFile('nosuch').replace('track_file tf1 {\n    file /tmp/tf1\n}\n', ''), false);
    // "(keepalived.conf: Line 8) (VI_1) track file nosuch not found, ignoring..."
    expect(reported.ka.messages.map((m) => `${m.line}: ${m.message}`)).toContain('8: (VI_1) track file nosuch not found, ignoring...');
    expect(reported.disagreements).toEqual([]);
  }, 30_000);
});

describe('a trailing backslash on an address label', () => {
  // keepalived 2.2.7 -t accepts `label eth0:0\` silently (exit 0): the label keeps the backslash.
  const text = conf(
    'vrrp_instance VI_1 {',
    '    interface eth0',
    '    virtual_router_id 15',
    '    virtual_ipaddress {',
    '        10.3.10.254/24 dev eth0 label eth0:0\\',
    '        10.3.10.253/24\\',
    '    }',
    '}',
  );
  const ka702 = () => lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.code === 'KA702').map((d) => `${d.range.start.line + 1}: ${d.severity}`);

  it('is a warning, not an error; an address with the backslash glued is still an error', () => {
    expect(ka702()).toEqual(['5: warning', '6: error']);
  });

  it.skipIf(!available)('keepalived rejects only the address', () => {
    const { ka } = checkMutant(BINARY!, text, false);
    // "(keepalived.conf: Line 6) VRRP parsed invalid IP 10.3.10.253/24\. skipping IP..."
    expect([...new Set(ka.messages.filter((m) => !/doesn't exist/.test(m.message)).map((m) => m.line))]).toEqual([6]);
  });
});

describe('a backslash before a comment that ends in one', () => {
  // keepalived 2.2.7's comment pass keeps the line's own backslash (a blank follows it) and appends the
  // comment's: `router_id x \ # c\` reads one more word, '\\\\' (silently: router_id ignores it).
  const text = conf('global_defs {', '    router_id x \\ # c\\', '}');
  const found = () => lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => ['KA204', 'KA702'].includes(d.code));
  it('KA702 says so, and its fix removes both backslashes', () => {
    const d = found();
    expect(d.map((x) => `${x.code} ${x.severity}`)).toEqual(['KA204 warning', 'KA702 warning']);
    expect(d[1]!.message).toContain("so keepalived reads one more word, '\\\\', here");
    expect(applyFix(text, d[1]!.fix!)).toBe(conf('global_defs {', '    router_id x # c', '}'));
  });
  it.skipIf(!available)('keepalived accepts it silently', () => {
    const { ka, disagreements } = checkMutant(BINARY!, text, false);
    expect(ka.messages).toEqual([]);
    expect(disagreements).toEqual([]);
  });
});

describe('a trailing backslash on an interface name', () => {
  // Found by fuzzing pqarmitage's 1389.conf: keepalived keeps `dev eth0\` as the interface name; whether
  // it exists is the host's business (2.2.7 -t: "WARNING - interface eth0\ for VROUTE nexthop doesn't
  // exist", or nothing with dynamic_interfaces), so it is a warning, not an error.
  const text = conf(
    'global_defs {',
    '    dynamic_interfaces',
    '}',
    'vrrp_instance VI_1 {',
    '    interface eth0',
    '    virtual_router_id 15',
    '    virtual_ipaddress {',
    '        10.3.10.254/24 dev eth0\\',
    '    }',
    '    virtual_routes {',
    '        src 10.3.10.254 to 1.2.3.4 via 10.3.10.3 dev eth0\\',
    '    }',
    '}',
  );
  it('is a warning', () => {
    expect(lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}: ${d.code}`)).toEqual([]);
    expect(lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.code === 'KA702').map((d) => `${d.range.start.line + 1}: ${d.severity}`)).toEqual(['8: warning', '11: warning']);
  });
  it.skipIf(!available)('keepalived accepts it', () => {
    const { ka, disagreements } = checkMutant(BINARY!, text, false);
    expect(ka.messages).toEqual([]);
    expect(disagreements).toEqual([]);
  });
});

describe('a trailing backslash after a brace', () => {
  // keepalived splits the line at the brace and reads the backslash as a word of its own:
  // "(Line 1) Unknown keyword '\'" in global_defs, silence in a notification_email list.
  const text = conf('global_defs {\\', '    router_id a', '    notification_email {\\', '        ops@example.com', '    }', '}');
  const found = () => lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => ['KA201', 'KA702'].includes(d.code)).map((d) => `${d.range.start.line + 1}: ${d.code} ${d.severity}`);

  it('is a KA702 warning; the walker reports the word where keepalived rejects it', () => {
    expect(found()).toEqual(['1: KA201 error', '1: KA702 warning', '3: KA702 warning']);
  });

  it.skipIf(!available)('keepalived reports only the word in global_defs', () => {
    const { ka, disagreements } = checkMutant(BINARY!, text, false);
    expect([...new Set(ka.messages.map((m) => `${m.line}: ${m.message}`))]).toEqual(["1: Unknown keyword '\\'"]);
    expect(disagreements).toEqual([]);
  });
});

describe("the classifier, for releases other than the one CI runs", () => {
  const diag = (code: string, line: number, message: string): Diagnostic => ({
    code,
    severity: 'error',
    message,
    file: 'keepalived.conf',
    range: { start: { line: line - 1, column: 0, offset: 0 }, end: { line: line - 1, column: 1, offset: 1 } },
  });
  const verdict = (status: number, messages: { line?: number; message: string }[]) => ({ status, signal: null, timedOut: false, messages });
  const nopreempt = diag('KA308', 12, "'VE' has nopreempt with state MASTER; keepalived clears nopreempt, so this node preempts");

  it('takes a host message as a failed configuration where the exit status leaves the VRRP reading out (2.1.x)', () => {
    // keepalived 2.1.5 -t exits 0 after "Non-existent interface specified in configuration" (a
    // track_interface this host lacks), and then does not run the checks after reading (KA308's).
    const ka = verdict(0, [{ line: 7, message: '(VE) tracked interface eth1 doesn\'t exist' }, { message: 'Non-existent interface specified in configuration' }]);
    expect(classify('x\n', ka, [nopreempt], 'keepalived.conf', undefined, '2.1.5')).toEqual([]);
    // 2.2.x exits 5 on it; with status 0 and no host message the finding is a false error.
    expect(classify('x\n', verdict(0, []), [nopreempt], 'keepalived.conf', undefined, '2.1.5').map((d) => d.kind)).toEqual(['false-error']);
    // keepalived stops checking an instance at its first problem: after "(VI_1) the virtual router id must
    // be set" (2.1.5, exit 0) it never says "Unknown interface!", which KA338 reports as well.
    const noInterface = diag('KA338', 1, "vrrp_instance 'VI_1' has no 'interface'; keepalived rejects the VRRP configuration (\"Unknown interface!\")");
    const vrid = verdict(0, [{ message: '(VI_1) the virtual router id must be set' }]);
    const noVrid = diag('KA300', 1, "vrrp_instance 'VI_1' has no 'virtual_router_id'");
    expect(classify('x\n', vrid, [noInterface, noVrid], 'keepalived.conf', undefined, '2.1.5')).toEqual([]);
    expect(classify('x\n', vrid, [noInterface, noVrid], 'keepalived.conf', undefined, '2.2.7').map((d) => d.kind)).toEqual(['false-error']);
    // keepalived's lineless message needs a finding of its code (KA300) somewhere.
    expect(classify('x\n', vrid, [noInterface], 'keepalived.conf', undefined, '2.2.7').map((d) => d.kind)).toEqual(['miss-lineless', 'false-error']);
    expect(['2.0.20', '2.1.0', '2.1.5'].map(exitStatusCountsAllReadings)).toEqual([false, false, false]);
    expect(['2.0.10', '2.0.19', '2.2.0', '2.2.7', undefined].map(exitStatusCountsAllReadings)).toEqual([true, true, true, true, true]);
  });

  it('takes a track file not found after its directory was missing as a host cascade (2.2.8+)', () => {
    // keepalived 2.2.8: "(Line 14) realpath() error 2 (No such file or directory) for load_average", then
    // "(Line 34) (N1) track file load_average not found, ignoring..." where the instance tracks it.
    const ka = verdict(5, [{ line: 14, message: 'realpath() error 2 (No such file or directory) for load_average' }, { line: 34, message: '(N1) track file load_average not found, ignoring...' }]);
    expect(classify('x\n', ka, [], 'keepalived.conf', undefined, '2.2.8')).toEqual([]);
    const other = verdict(5, [...ka.messages, { line: 35, message: '(N1) track file other not found, ignoring...' }]);
    expect(classify('x\n', other, [], 'keepalived.conf', undefined, '2.2.8').map((d) => `${d.kind} ${d.line}`)).toEqual(['miss 35']);
  });

  it('takes a crash after a MISC_CHECK script was removed for a user this host lacks as the host\'s (before 2.2.3)', () => {
    // Harvest 56 (keepalived's devel-tools configs, `script_user quentin`): the 2.0.19 and 2.1.5 builds print this, then
    // -t dies of a segmentation fault; 2.2.4 and later print the same and do not crash.
    const crashed: KeepalivedVerdict = { status: 139, signal: null, timedOut: false, messages: [{ line: 13, message: "Unable to set default user for misc script '/bin/true' - removing" }] };
    expect(classify('x\n', crashed, [], 'keepalived.conf', undefined, '2.1.5')).toEqual([]);
    expect(classify('x\n', crashed, [], 'keepalived.conf', undefined, '2.2.4').map((d) => d.kind)).toEqual(['crash-not-predicted']);
    expect(classify('x\n', { ...crashed, messages: [] }, [], 'keepalived.conf', undefined, '2.1.5').map((d) => d.kind)).toEqual(['crash-not-predicted']);
  });

  it('takes a config test that sent itself SIGTERM as no verdict on what follows, and as a disagreement unless KA608 foresaw it', () => {
    // A harvested config with `script_user nobody` and a tracked vrrp_script: 2.2.7's -t exits 143 with nothing
    // printed, before its check that clears nopreempt on a MASTER (KA308 is no false error there).
    const terminated: KeepalivedVerdict = { status: null, signal: 'SIGTERM', timedOut: false, messages: [] };
    const nopreempt = diag('KA308', 29, "'VI_1' has nopreempt with state MASTER; keepalived clears nopreempt, so this node preempts");
    const foreseen = diag('KA608', 15, "keepalived 2.2.7's config test (keepalived -t) kills itself when it checks this script");
    expect(classify('x\n', terminated, [nopreempt, foreseen], 'keepalived.conf', undefined, '2.2.7')).toEqual([]);
    expect(classify('x\n', terminated, [nopreempt], 'keepalived.conf', undefined, '2.2.7').map((d) => `${d.kind} ${d.detail}`)).toEqual(['crash-not-predicted SIGTERM']);
    expect(classify('x\n', verdict(0, []), [nopreempt], 'keepalived.conf', undefined, '2.2.7').map((d) => d.kind)).toEqual(['false-error']);
  });

  it("takes a unicast VRID conflict through an instance's interface address as the host's (before 2.2.5)", () => {
    const instance = (name: string, src: string) => `vrrp_instance ${name} {\n  interface eth0\n  virtual_router_id 51\n${src}  unicast_peer {\n    198.51.100.7\n  }\n}\n`;
    const conflict = verdict(1, [{ message: '(VI_3) duplicate VRID conflict with VI_2 VRID 51' }]);
    // VI_3 sends from eth0's address, which on the fuzzing host is VI_2's unicast_src_ip.
    const viaHost = instance('VI_3', '') + instance('VI_2', '  unicast_src_ip 192.0.2.2\n');
    expect(classify(viaHost, conflict, [], 'keepalived.conf', undefined, '2.1.5')).toEqual([]);
    // Both sources written in the file: the conflict is the file's, and kalint must say so.
    const written = instance('VI_3', '  unicast_src_ip 192.0.2.2\n') + instance('VI_2', '  unicast_src_ip 192.0.2.2\n');
    expect(classify(written, conflict, [], 'keepalived.conf', undefined, '2.1.5').map((d) => d.kind)).toEqual(['miss-lineless']);
  });

  it('takes family messages after a VIP dropped for its missing dev interface as a host cascade', () => {
    // Mutation seed 181 against 2.2.7: `1000::1 dev eth1` is the instance's first VIP; without eth1 keepalived drops
    // it, the next VIP (IPv4) sets the family, and the IPv6 VIPs after it "must match". On a host with eth1 the
    // instance is IPv6, as kalint reads it. 2.4.3 does the same with unicast peers (seed 161).
    const dropped = { line: 51, message: "WARNING - interface eth1 for ip address 1000::1 doesn't exist" };
    const family = { line: 97, message: '(VI_1): address family must match VRRP instance [fe80::4000/64] - ignoring' };
    const peer = { line: 40, message: 'Configuration error: VRRP instance[MGMT] and unicast peer address[10.1.0.2] MUST be of the same family !!! Skipping...' };
    expect(classify('x\n', verdict(1, [dropped, family, peer]), [], 'keepalived.conf')).toEqual([]);
    expect(classify('x\n', verdict(1, [family, peer]), [], 'keepalived.conf').map((d) => `${d.kind} ${d.line}`)).toEqual(['miss 97', 'miss 40']);
  });

  it('takes a repeated notify line after its script was dropped for a missing user as a host cascade', () => {
    // Found fuzzing pasted configs: a duplicated `notify` line. Where keepalived_script does not exist the first
    // script is dropped ("Unable to set default user keepalived_script for script"), so keepalived takes the
    // second silently; where it exists it says "(VI_1) notify script already specified - ignoring ...".
    const repeated = diag('KA209', 23, "'notify' is already set in this block; keepalived ignores this one and keeps the first");
    const host = verdict(5, [{ line: 18, message: 'Unable to set default user keepalived_script for script' }]);
    expect(classify('x\n', host, [repeated], 'keepalived.conf')).toEqual([]);
    expect(classify('x\n', verdict(0, []), [repeated], 'keepalived.conf').map((d) => d.kind)).toEqual(['false-error']);
    // Likewise after a global script_user this host lacks ("Error setting global script uid/gid").
    const global = verdict(5, [{ line: 3, message: 'Error setting global script uid/gid' }]);
    expect(classify('x\n', global, [repeated], 'keepalived.conf')).toEqual([]);
  });

  it('takes a cpu_affinity id beyond the CPUs of this machine as a host message', () => {
    // Found fuzzing pasted configs on a 2-CPU machine: `checker_cpu_affinity 2147483647` gives "number '2147483647'
    // outside range [0, 1]" and "Invalid cpu_id:2147483647 specified for checker process"; the range is the host's.
    const ka = verdict(1, [{ line: 7, message: "number '2147483647' outside range [0, 1]" }, { line: 7, message: 'Invalid cpu_id:2147483647 specified for checker process' }]);
    expect(classify('x\n', ka, [], 'keepalived.conf')).toEqual([]);
    // Elsewhere that range message is the file's.
    const other = verdict(1, [{ line: 8, message: "number '300' outside range [0, 255]" }, ...ka.messages]);
    expect(classify('x\n', other, [], 'keepalived.conf').map((d) => `${d.kind} ${d.line}`)).toEqual(['miss 8']);
  });

  it('does not count a finding that says keepalived -t does not report it as a false error', () => {
    const logged = diag('KA338', 9, "unicast instance 'A' has no 'interface', so this address needs 'dev IFNAME'; keepalived 2.1.5 removes it; keepalived 2.1.5 -t does not report it");
    expect(classify('x\n', verdict(0, []), [logged], 'keepalived.conf', undefined, '2.1.5')).toEqual([]);
  });

  // Found by fuzzing with escaped comments: keepalived's line numbers after such a line are those of a
  // marker of its processes' copy (a '\\!' one: of freed memory), not of the file.
  it("compares lines only before a '\\#' line, and none after a '\\!' line", () => {
    const hash = diag('KA116', 5, "A backslash keeps '#' from starting a comment: the copy … has a line starting with '#' here");
    const bang = diag('KA116', 5, "A backslash keeps '!' from starting a comment: the copy … has a line starting with '!' here");
    const ka = verdict(5, [{ line: 3, message: "Unknown keyword 'x'" }, { line: 8, message: "Unknown keyword 'y'" }]);
    expect(classify('x\n', ka, [hash], 'keepalived.conf').map((d) => `${d.kind} ${d.line}`)).toEqual(['miss 3']);
    expect(classify('x\n', ka, [bang], 'keepalived.conf')).toEqual([]);
  });
});

describe('parseKeepalived', () => {
  // Found by fuzzing with escaped comments: after a '\\# cat /etc/keepalived/keepalived.conf' line 2.2.7 names
  // the lines after it as a file "cat /etc/keepalived/keepalived.conf" (KA116); its line numbers are not the main file's.
  it('takes the main file by its name or an absolute path ending in it, not a relative name ending so', () => {
    const stderr = [
      '(Line 1) a',
      '(keepalived.conf: Line 2) b',
      '(/tmp/x/keepalived.conf: Line 3) c',
      '(cat /etc/keepalived/keepalived.conf: Line 33) d',
      '(: Line 4) e',
    ].join('\n');
    expect(parseKeepalived(stderr, 'keepalived.conf')).toEqual([
      { line: 1, message: 'a' },
      { line: 2, message: 'b' },
      { line: 3, message: 'c' },
      { message: 'd' },
      { message: 'e' },
    ]);
  });
});

describe('parseKeepalived and classify with included files (the include fuzzer)', () => {
  const stderr = ['(conf.d/a.conf: Line 2) Unknown keyword \'x\'', '(conf.d/b.conf:7) Unknown keyword \'y\'', '(Line 3) Unknown keyword \'z\'', '(other.conf: Line 1) w'].join('\n');
  const known = (named: string) => (named.startsWith('conf.d/') ? `/run/${named}` : undefined);
  it('locates messages in the included files it knows, in both ways releases name them', () => {
    expect(parseKeepalived(stderr, 'keepalived.conf', known)).toEqual([
      { line: 2, message: "Unknown keyword 'x'", file: '/run/conf.d/a.conf' },
      { line: 7, message: "Unknown keyword 'y'", file: '/run/conf.d/b.conf' },
      { line: 3, message: "Unknown keyword 'z'" },
      { message: 'w' },
    ]);
    // Before 2.1.4 an unnamed line may be any file's.
    expect(parseKeepalived(stderr, 'keepalived.conf', known, false)[2]).toEqual({ message: "Unknown keyword 'z'" });
  });
  it('matches them with the findings in that file, and counts a last line without a newline there', () => {
    const ka = { status: 1, signal: null, timedOut: false, messages: parseKeepalived(stderr, 'keepalived.conf', known) };
    const at = (file: string, line: number, word = '?'): Diagnostic => ({ code: 'KA201', severity: 'error', message: `Unknown keyword '${word}'`, file, range: { start: { line: line - 1, column: 0, offset: 0 }, end: { line: line - 1, column: 1, offset: 1 } } });
    const included = new Map([['/run/conf.d/a.conf', 'a\nx'], ['/run/conf.d/b.conf', '\n'.repeat(8)]]);
    const main = '/run/keepalived.conf';
    expect(classify('a\nb\nz\n', ka, [at(main, 3, 'z'), at('/run/conf.d/a.conf', 2, 'x'), at('/run/conf.d/b.conf', 7, 'y')], main, undefined, undefined, included)).toEqual([]);
    // A finding at the line about another word reads the line differently.
    expect(classify('a\nb\nz\n', ka, [at(main, 3, 'zz'), at('/run/conf.d/a.conf', 2, 'x'), at('/run/conf.d/b.conf', 7, 'y')], main, undefined, undefined, included).map((d) => `${d.kind} ${d.line}`)).toEqual(['miss-word 3']);
    expect(classify('a\nb\nz\n', ka, [at(main, 3, 'z'), at(main, 2), at(main, 7)], main, undefined, undefined, included).map((d) => `${d.kind} ${d.file} ${d.line}`)).toEqual([
      'miss /run/conf.d/a.conf 2',
      'miss /run/conf.d/b.conf 7',
    ]);
  });
});

describe('classify: host-dependent script users', () => {
  // fuzz-generate at 2.1.5: `startup_script /usr/bin/false root extra` on a host without a group 'extra'.
  it("takes 'Invalid startup script' on a line naming a user for the host's doing, not on one without", () => {
    const ka = (line: number) => ({ status: 1, signal: null, timedOut: false, messages: [{ line, message: 'Invalid startup script' }] });
    const text = 'global_defs {\n  startup_script /usr/bin/false root extra\n  shutdown_script "/bin/true\n}\n';
    expect(classify(text, ka(2), [], 'keepalived.conf')).toEqual([]);
    expect(classify(text, ka(3), [], 'keepalived.conf').map((d) => `${d.kind} ${d.line}`)).toEqual(['miss 3']);
  });

  // fuzz-generate seed 754 at 2.4.3: keepalived looks its default script user up once, at the first line that needs
  // it (here `lvs_notify_fifo`), and a later script without a user fails with no message of its own.
  it("takes 'Invalid shutdown script' for the host's doing once the default user failed on an earlier line", () => {
    const text = 'global_defs {\n  enable_script_security\n  lvs_notify_fifo gen.pid\n  shutdown_script /usr/bin/false\n}\n';
    const messages = [
      { line: 3, message: 'Unable to set default user keepalived_script for script' },
      { line: 4, message: 'Invalid shutdown script' },
    ];
    expect(classify(text, { status: 1, signal: null, timedOut: false, messages }, [], 'keepalived.conf')).toEqual([]);
    expect(classify(text, { status: 1, signal: null, timedOut: false, messages: messages.slice(1) }, [], 'keepalived.conf').map((d) => `${d.kind} ${d.line}`)).toEqual(['miss 4']);
  });
});

describe('withInterface', () => {
  it('replaces a ${NAME} interface reference whole (found on configs/1996.conf of pqarmitage/keepalived-devel-tools)', () => {
    expect(withInterface('    interface ${IF}\n    10.0.0.1/24 dev ${IF} label ${IF}:1\n', 'eth0')).toBe('    interface eth0\n    10.0.0.1/24 dev eth0 label ${IF}:1\n');
    expect(withInterface('interface $IF\ninterface ens3 {\n', 'eth0')).toBe('interface eth0\ninterface eth0 {\n');
  });
});
