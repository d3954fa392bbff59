import type { FileRule } from '../types.js';
import type { Word } from '../../core/analysis/ast.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import { related } from '../lvs/util.js';
import { configuredScripts, programOf, scriptIsChecked, type ConfiguredScript } from './scripts.js';
import { argumentReason } from './unquoted-script-command.js';

/*
 * keepalived checks each script as the user that will run it: it switches its effective uid/gid,
 * resolves the path, switches back, and then makes sure its parent process did not die meanwhile
 * by comparing its parent's pid with the pid it recorded for its parent. 2.2.5 added that last
 * check; it holds in the VRRP and checker children, but not where no such parent exists:
 * - `keepalived -t` checks the scripts in the process it started as, so the first script run as
 *   another user makes it send itself SIGTERM (exit 143, the shell prints "Terminated", nothing
 *   after it is checked). 2.2.8 skips the check under -t.
 * - the main process checks startup_script/shutdown_script before it records its parent, so the
 *   daemon kills itself at start, forked or not. 2.3.0 records the parent first.
 * Seen with the Debian 2.2.7 package and builds of the 2.2.4, 2.2.8, 2.3.1 and 2.4.3 tags.
 */
export const PARENT_CHECK_SINCE: Version = [2, 2, 5];
export const CONFIG_TEST_FIXED_IN: Version = [2, 2, 8];
const START_STOP_FIXED_IN: Version = [2, 3, 0];

const START_STOP = new Set(['startup_script', 'shutdown_script']);

export interface RunAs {
  user: Word;
  group?: Word;
  /** Where the user is named: the script's own line or `user` keyword, or global_defs' script_user. */
  from: 'script' | 'script_user';
}

/** The user and group a script runs as when the configuration names them, as keepalived reads the line. */
export function runAs(s: ConfiguredScript, scriptUser: readonly Word[] | undefined): RunAs | undefined {
  const byDefault: RunAs | undefined = scriptUser?.length ? { user: scriptUser[0]!, group: scriptUser[1], from: 'script_user' } : undefined;
  if (s.userOnLine) {
    // A backslash changes keepalived's split of the line: a user it names is left alone.
    if (s.escaped) return s.escaped.words.length < 2 ? byDefault : undefined;
    const [command, user, group] = s.words;
    if (user) {
      // `notify_master /bin/echo hello` names no user on purpose: KA603 reports the misreading.
      const meant = s.words.length <= 3 && (command!.quoted || !argumentReason(command!.text, user));
      return meant ? { user, group, from: 'script' } : undefined;
    }
  } else {
    const userLine = s.node.parent?.children.find((c) => c.keyword === 'user');
    const args = userLine?.args;
    if (args?.length) return { user: args[0]!, group: args[1], from: 'script' };
  }
  return byDefault;
}

/**
 * Whether keepalived switches users to check the script: not for `</path` (a file it only opens),
 * and a bare command name is first looked up in PATH as that user, which depends on the host.
 */
export function switchesToCheck(s: ConfiguredScript): boolean {
  const path = programOf(s)?.path;
  return !!path && path.includes('/') && !/^<\s*\//.test(path);
}

/** What can name an account: anything else (`>`, a path) makes keepalived report that it cannot set the uid. */
const ACCOUNT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*\$?$/;

/** keepalived runs as root; a script run as root with root's group needs no switch. */
export function switchesUser(r: RunAs): boolean {
  if (!ACCOUNT_NAME.test(r.user.text) || (r.group && !ACCOUNT_NAME.test(r.group.text))) return false;
  return r.user.text !== 'root' || (r.group !== undefined && r.group.text !== 'root');
}

export function describeRunAs(r: RunAs): string {
  const who = `'${r.user.text}'${r.group ? ` (group '${r.group.text}')` : ''}`;
  return r.from === 'script_user' ? `${who}, global_defs' script_user (line ${r.user.range.start.line + 1})` : who;
}

export const scriptUserTerminatesKeepalived: FileRule = {
  kind: 'file',
  code: 'KA608',
  name: 'script-user-terminates-keepalived',
  family: 'security',
  severity: 'warning',
  description:
    'keepalived 2.2.5 to 2.2.7 kill their own config test (keepalived -t) at the first script run as a user other than root, and 2.2.5 to 2.2.8 kill the daemon at start for such a startup_script or shutdown_script.',
  docs: {
    why:
      'Before running a script as another user, keepalived checks that the user can reach it, and since 2.2.5 it then ' +
      'verifies that its parent process is still alive. That verification assumes a parent that is not there in two ' +
      'places. Under `keepalived -t` (2.2.5 to 2.2.7) the first script that runs as another user makes the test send ' +
      'itself SIGTERM: the shell prints "Terminated", the exit status is 143, and nothing after that point is checked, ' +
      'so a CI job or an Ansible `validate: keepalived -t -f %s` fails on a good config. The daemon itself runs such ' +
      'scripts normally. For `startup_script` and `shutdown_script`, which the main process checks, the daemon also ' +
      'kills itself at start (2.2.5 to 2.2.8): keepalived never comes up. This happens only when the user exists; ' +
      'otherwise keepalived reports that it cannot set the uid. Run start and stop scripts as root (give `root` after ' +
      'the command), or move to keepalived 2.3.0 or later; for the config test, use 2.2.8 or later.',
    bad:
      'global_defs {\n    enable_script_security\n    script_user keepalived_script\n    startup_script "/etc/keepalived/prepare.sh"\n}',
    good:
      'global_defs {\n    enable_script_security\n    script_user keepalived_script\n    startup_script "/etc/keepalived/prepare.sh" root\n}',
  },
  check(ctx) {
    const { analysis, target } = ctx;
    if (compareVersions(target, PARENT_CHECK_SINCE) < 0 || compareVersions(target, START_STOP_FIXED_IN) >= 0) return;
    const version = target.join('.');
    const scriptUser = analysis.model.globalDefs?.scriptUser?.node.args;
    const startStop: { s: ConfiguredScript; r: RunAs }[] = [];
    const others: { s: ConfiguredScript; r: RunAs }[] = [];
    for (const s of configuredScripts(analysis)) {
      if (!scriptIsChecked(analysis, s) || !switchesToCheck(s)) continue;
      const r = runAs(s, scriptUser);
      if (!r || !switchesUser(r)) continue;
      (START_STOP.has(s.node.keyword) ? startStop : others).push({ s, r });
    }
    for (const { s, r } of startStop) {
      ctx.report({
        severity: 'error',
        message:
          `keepalived ${version} kills itself at start when it checks this ${s.node.keyword}, which runs as ${describeRunAs(r)}: ` +
          `the main process sends itself SIGTERM and keepalived never comes up${compareVersions(target, CONFIG_TEST_FIXED_IN) < 0 ? ' (keepalived -t too: exit 143, "Terminated")' : ''}. ` +
          `This happens on a host where user '${r.user.text}' exists (where it does not, keepalived reports that instead). ` +
          `Run it as root ('${s.words[0]!.text} root'), or use keepalived 2.3.0 or later`,
        file: s.node.file,
        range: s.node.range,
      });
    }
    // The config test stops at the first such script; with a start or stop script above, that finding says it.
    if (startStop.length || !others.length || compareVersions(target, CONFIG_TEST_FIXED_IN) >= 0) return;
    const [first, ...rest] = others;
    ctx.report({
      message:
        `keepalived ${version}'s config test (keepalived -t) kills itself when it checks this script, which runs as ${describeRunAs(first!.r)}, ` +
        `on a host where that user exists: exit status 143 ("Terminated") and nothing after it is checked (where it does not exist, ` +
        `keepalived reports that it cannot set that user instead). The daemon runs the script normally; keepalived 2.2.8 fixed the test`,
      file: first!.s.node.file,
      range: first!.s.node.range,
      related: rest.slice(0, 20).map(({ s }) => related(s.node, 'also runs as another user')),
    });
  },
};
