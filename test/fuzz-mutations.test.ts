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
import { makeRng, mutate } from '../scripts/fuzz-mutations.js';
import { keepalivedAvailable } from './helpers/keepalived.js';
import { conf } from './helpers/rule-cases.js';

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
