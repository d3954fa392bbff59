// The examples of the core's own rules, checked with the real keepalived 2.2.7: the good example is
// accepted silently, the bad one draws a complaint, except where keepalived is known to stay
// silent (which is why kalint reports those).

import { describe, expect, it } from 'vitest';
import { rules } from '../server/src/rules/index.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';

/** Bad examples keepalived 2.2.7 accepts without a word, and why kalint reports them anyway. */
const KEEPALIVED_SILENT: Record<string, string> = {
  KA106: 'the line is cut at 1022 characters and the rest read as another line: an address is split in two silently',
  KA204: 'extra words after a keyword are ignored without a message',
  KA206: 'keepalived logs the deprecation of vrrp_rlimit_rtime at info level, which -t does not print',
};

const examples = rules.filter((r) => r.kind === 'core' && (r.family === 'syntax' || r.family === 'schema') && !r.docs.files);

describe.skipIf(!keepalivedAvailable())('core rule examples under keepalived -t', () => {
  it.each(examples.map((r) => [r.code, r] as const))('%s', (code, rule) => {
    const good = runKeepalived(rule.docs.good);
    expect(good.exitStatus, good.stderr).toBe(0);
    expect(good.messages.filter((m) => m.line !== undefined), good.stderr).toEqual([]);
    const bad = runKeepalived(rule.docs.bad);
    const complained = bad.exitStatus !== 0 || bad.messages.some((m) => m.line !== undefined);
    expect(complained, `${code}: ${bad.stderr}`).toBe(!KEEPALIVED_SILENT[code]);
  });
});
