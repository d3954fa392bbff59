// Whole configs composed from the keyword table (scripts/fuzz-generate.ts), each read by keepalived -t and by
// kalint: no keepalived message kalint misses, no kalint error on a config keepalived accepts, no crash kalint does
// not predict, no KA000, and `kalint fmt` keeps keepalived's verdict. The seed is fixed so a failure reproduces.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { generateConfig } from '../scripts/fuzz-generate.js';
import { checkMutant } from '../scripts/fuzz-differential.js';
import { lintText } from '../server/src/linter.js';
import { keepalivedAvailable } from './helpers/keepalived.js';

const BINARY = [process.env.KEEPALIVED, 'keepalived', '/usr/sbin/keepalived', '/usr/local/sbin/keepalived'].find(
  (c) => !!c && !spawnSync(c, ['-v'], { encoding: 'utf8', timeout: 10_000 }).error,
);
const CONFIGS = 150;

describe('generated configs', () => {
  it('are the same for the same seed, and hold the blocks users write', () => {
    expect(generateConfig(7, [2, 2, 7])).toBe(generateConfig(7, [2, 2, 7]));
    expect(generateConfig(7, [2, 2, 7])).not.toBe(generateConfig(8, [2, 2, 7]));
    const many = Array.from({ length: 50 }, (_, i) => generateConfig(i, [2, 2, 7])).join('');
    for (const block of ['vrrp_instance', 'virtual_server', 'real_server', 'vrrp_script', 'global_defs', 'track_script']) expect(many).toContain(block);
  });
  it('never make kalint fail inside (KA000)', () => {
    for (let i = 0; i < 300; i++) {
      const text = generateConfig(1000 + i, [2, 2, 7]);
      expect(lintText(text, { file: '/k/keepalived.conf' }).diagnostics.filter((d) => d.code === 'KA000'), text).toEqual([]);
    }
  });
  it.skipIf(!keepalivedAvailable() || !BINARY)(`${CONFIGS} of them agree with keepalived -t`, () => {
    const problems: string[] = [];
    for (let i = 0; i < CONFIGS; i++) {
      const text = generateConfig(2100 + i, [2, 2, 7]);
      for (const d of checkMutant(BINARY!, text).disagreements) problems.push(`config ${2100 + i}: ${d.kind}${d.line ? ` line ${d.line}` : ''}: ${d.detail}`);
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
