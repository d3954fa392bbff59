// The examples of the core's own rules, checked with the real keepalived 2.2.7: the good example is
// accepted silently, the bad one draws a complaint, except where keepalived is known to stay
// silent (which is why kalint reports those).

import { describe, expect, it } from 'vitest';
import { rules } from '../server/src/rules/index.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';
import { lintText } from '../server/src/linter.js';

/** Bad examples keepalived 2.2.7 accepts without a word, and why kalint reports them anyway. */
const KEEPALIVED_SILENT: Record<string, string> = {
  KA106: 'the line is read in pieces of 1023 bytes, each as a line of its own: an address is split in two silently',
  KA204: 'extra words after a keyword are ignored without a message',
  KA206: 'keepalived logs the deprecation of vrrp_rlimit_rtime at info level, which -t does not print',
  KA211: 'keepalived overwrites the earlier setting without a word: that is the problem',
  KA117: 'before 2.4 a NUL byte silently ends the line (the rest is lost); 2.4 drops the line with an error',
  KA118: "a line behind an '@' with no id is dropped on every host without a word: that is the problem",
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

// Messages that depend on the machine (interfaces, users, script files), not on the text.
const HOST_DEPENDENT = /interface .* doesn't exist|Non-existent interface|No such file|not accessible|SECURITY VIOLATION|Unable to set|Invalid user|not executable|does not exist|uid|track script .* not found|Disabling track script|cannot be accessed|Permission denied|kernel/i;

const fileRuleExamples = rules.filter((r) => r.kind === 'file' && !r.docs.files);

// kalint reports no error on a file keepalived accepts cleanly: what keepalived -t lets through
// silently is at most a warning, however bad it is at run time.
describe.skipIf(!keepalivedAvailable())('file rule examples keepalived -t accepts draw no error', () => {
  it.each(fileRuleExamples.map((r) => [r.code, r] as const))('%s', (code, rule) => {
    let run: ReturnType<typeof runKeepalived>;
    try {
      run = runKeepalived(rule.docs.bad);
    } catch {
      return; // keepalived 2.2.7 crashes on some examples (KA504): it accepts nothing there
    }
    const clean = run.exitStatus === 0 && run.messages.every((m) => HOST_DEPENDENT.test(m.message));
    if (!clean) return;
    const errors = lintText(rule.docs.bad, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code} ${d.message}`), code).toEqual([]);
  });
});
