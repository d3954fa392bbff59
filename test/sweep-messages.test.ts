// The sweeps' split of keepalived -t's messages into the host's and the config's (scripts/keepalived-versions/
// messages.mjs, used by configs.mjs, sweep.mjs and sweep-includes.mjs). A message counted as the host's is not
// compared with kalint's findings: when it is the config's, kalint's correct finding shows up as a false error.

import { describe, expect, it } from 'vitest';
import { hostCascade, locatedMessage } from '../scripts/keepalived-versions/messages.mjs';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';

const instance = 'vrrp_instance V {\n  interface eth0\n  virtual_router_id 1\n  priority 100\n  track_script {\n    chk\n  }\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n';
const script = (body: string) => `vrrp_script chk {\n${body}}\n`;

/** Each located "track script" message of a run, with how the split counts it. */
function trackScriptMessages(stderr: string): string[] {
  const isHost = hostCascade(stderr);
  return stderr
    .split('\n')
    .map((raw) => locatedMessage(raw))
    .filter((m) => m !== undefined && /track script/.test(m.message))
    .map((m) => `${isHost(m!.message) ? 'host' : 'config'}: ${m!.message}`);
}

// harvest62: "(V) track script X not found, ignoring..." was always the host's, though keepalived looks X up as it
// reads the track_script line (2.2.7 vrrp_track.c alloc_track_script): X never defined, or defined after the
// instance (6 of its configs), is the config's. Only a script the host makes keepalived remove (a `user` it lacks,
// no default script user) is the host's; a script file missing on this host only disables the script.
describe("keepalived's 'track script … not found'", () => {
  // The lines keepalived 2.2.7 -t printed for each case (session 62).
  const runs: Record<string, { stderr: string; expected: string[] }> = {
    'never defined': {
      stderr: '(/tmp/c.conf: Line 6) (V) track script chk not found, ignoring...\n',
      expected: ['config: (V) track script chk not found, ignoring...'],
    },
    'defined after the instance': {
      stderr: '(/tmp/d.conf: Line 6) (V) track script chk not found, ignoring...\nSECURITY VIOLATION - scripts are being executed but script_security not enabled.\n',
      expected: ['config: (V) track script chk not found, ignoring...'],
    },
    'defined without a script line': {
      stderr: '(/tmp/f.conf: Line 3) No script set for vrrp_script chk - removing\n(/tmp/f.conf: Line 9) (V) track script chk not found, ignoring...\n',
      expected: ['config: (V) track script chk not found, ignoring...'],
    },
    'removed: its user is not on this host': {
      stderr: "(/tmp/a.conf: Line 3) Unable to set uid/gid for script '/bin/true'\n(/tmp/a.conf: Line 10) (V) track script chk not found, ignoring...\n",
      expected: ['host: (V) track script chk not found, ignoring...'],
    },
    'removed: no default script user on this host': {
      stderr: '(Line 2) Error setting global script uid/gid\n(/tmp/b.conf: Line 6) Unable to set default user for vrrp script chk - removing\n(/tmp/b.conf: Line 12) (V) track script chk not found, ignoring...\n',
      expected: ['host: (V) track script chk not found, ignoring...'],
    },
  };
  for (const [name, { stderr, expected }] of Object.entries(runs)) {
    it(`${name}`, () => expect(trackScriptMessages(stderr)).toEqual(expected));
  }

  it('a script file missing on this host: "Disabling track script" is the host\'s', () => {
    expect(hostCascade('')('Disabling track script chk since not found/accessible')).toBe(true);
  });

  it.skipIf(!keepalivedAvailable())('as keepalived -t prints them', () => {
    const said = (text: string) => trackScriptMessages(runKeepalived(text).stderr);
    expect(said(instance)).toEqual(['config: (V) track script chk not found, ignoring...']);
    expect(said(instance + script('  script "/bin/true"\n'))).toEqual(['config: (V) track script chk not found, ignoring...']);
    expect(said(script('  interval 2\n') + instance)).toEqual(['config: (V) track script chk not found, ignoring...']);
    expect(said(script('  script "/bin/true"\n  user nosuchuser-kalint\n') + instance)).toEqual(['host: (V) track script chk not found, ignoring...']);
    expect(said(script('  script "/no/such/kalint-script.sh"\n') + instance)).toEqual([]);
  });
});
