import type { FileRule } from '../types.js';
import type { Word } from '../../core/analysis/ast.js';
import { fileText } from '../fixes.js';
import { lookalikeInfo } from '../../core/syntax/lookalikes.js';
import { configuredScripts, QUOTED_SCRIPT_SPLIT_SINCE, scriptIsChecked, type ConfiguredScript } from './scripts.js';
import { CONFIG_TEST_FIXED_IN, PARENT_CHECK_SINCE, switchesToCheck } from './script-user-terminates-keepalived.js';
import { compareVersions, CONFIG_TEST_SINCE, type Version } from '../../core/schema/schema.js';
import { shellSyntaxOf } from './script-shell-syntax.js';
import { scriptLeavesQuoteOpen } from './script-quote-unterminated.js';

/** From 1.3.6 a notify script whose user does not exist is dropped; before, only logged and run as the default user. */
const NOTIFY_BAD_USER_DROPPED_SINCE: Version = [1, 3, 6];

/** Programs that are pointless without arguments: a word after them is an argument, not a user. */
const NEEDS_ARGUMENTS = new Set([
  'echo', 'printf', 'logger', 'sh', 'bash', 'dash', 'zsh', 'env', 'sudo', 'systemctl', 'service', 'kill', 'killall', 'pkill',
  'pgrep', 'pidof', 'curl', 'wget', 'ip', 'touch', 'rm', 'cp', 'mv', 'python', 'python3', 'perl', 'ruby', 'nc', 'test', '[',
]);
/** Words people pass to notify scripts; never user names in practice. */
const STATE_WORDS = new Set(['master', 'backup', 'fault', 'stop', 'deleted', 'start', 'restart', 'reload', 'up', 'down']);
/** Accounts commonly named on notify lines on purpose. */
const COMMON_USERS = new Set(['root', 'nobody', 'keepalived', 'keepalived_script', 'daemon', 'www-data', 'nginx', 'haproxy', 'apache', 'prometheus']);

const USER_NAME = /^[a-z_][a-z0-9_-]*\$?$/;
/**
 * Accounts every Debian and Ubuntu system has (base-passwd): a notify argument such as 'backup' names one, so
 * keepalived switches to it to check the script, which 2.2.5 to 2.2.7 do not survive under -t (KA608).
 */
const DEBIAN_SYSTEM_ACCOUNTS = new Set(['daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp', 'mail', 'news', 'uucp', 'proxy', 'www-data', 'backup', 'list', 'irc', 'gnats', 'nobody']);

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Why the word after an unquoted command is really an argument, or undefined when it may be a user name. */
export function argumentReason(cmd: string, second: Word): 'certain' | 'likely' | undefined {
  const t = second.text;
  if (!USER_NAME.test(t) || STATE_WORDS.has(t.toLowerCase()) || NEEDS_ARGUMENTS.has(basename(cmd))) return 'certain';
  if (COMMON_USERS.has(t)) return undefined;
  return 'likely';
}

function quoteFix(ctx: Parameters<FileRule['check']>[0], s: ConfiguredScript, upTo: number) {
  const first = s.words[0]!;
  const last = s.words[upTo - 1]!;
  if (s.words.slice(0, upTo).some((w) => w.quoted || w.expanded || w.file !== first.file)) return undefined;
  const text = fileText(ctx.analysis, first.file)?.slice(first.start, last.end);
  if (text === undefined || text.includes('"') || /[\r\n]/.test(text)) return undefined;
  return {
    description: 'Quote the command with its arguments',
    edits: [{ file: first.file, range: { start: first.range.start, end: last.range.end }, newText: `"${text}"` }],
  };
}

/**
 * A notify line quoted with single quotes or backslashes, for a release before 2.0.6: only double quotes group its
 * words there, so the quote or backslash is part of the script's name; keepalived cannot find that file and disables
 * the script (1.3.5: "Unable to access script `'/usr/local/n.sh`", "Disabling notify script … since not found").
 */
function reportOldQuoting(ctx: Parameters<FileRule['check']>[0], s: ConfiguredScript): void {
  const cmd = s.words[0]!;
  const how = cmd.text.startsWith("'") ? 'a single quote' : 'a backslash';
  // The single-quoted span, when one word closes it and nothing in it needs other quoting: double quotes instead.
  const close = cmd.text.startsWith("'") ? s.words.findIndex((w, i) => (i > 0 || w.text.length > 1) && w.text.endsWith("'")) : -1;
  const span = close >= 0 ? s.words.slice(0, close + 1) : [];
  const last = span[span.length - 1];
  const text = last && span.every((w) => !w.quoted && !w.expanded && w.file === cmd.file) ? fileText(ctx.analysis, cmd.file)?.slice(cmd.start, last.end) : undefined;
  const fix =
    last && text !== undefined && !/["\\\r\n]/.test(text)
      ? { description: 'Quote the command with double quotes', edits: [{ file: cmd.file, range: { start: cmd.range.start, end: last.range.end }, newText: `"${text.slice(1, -1)}"` }] }
      : undefined;
  ctx.report({
    message:
      `keepalived ${ctx.target.join('.')} groups the words of a notify line only with double quotes (single quotes and backslashes quote from 2.0.6): ` +
      `${how} is part of the script's name, '${cmd.text}', so keepalived finds no such script and disables it (it only logs this)` +
      (s.words.length > 1 && close !== 0 ? `; the next word, '${s.words[1]!.text}', is taken as the user` : '') +
      '. Write the command in double quotes',
    file: cmd.file,
    range: { start: cmd.range.start, end: (last ?? cmd).range.end },
    fix,
  });
}

/**
 * A notify command with double quotes inside double quotes, for a release before 2.0.6 (`"/bin/echo "MASTER""`): the
 * first inner quote ends the command, and the word after it is read as the user, so the argument is lost. From 2.0.6
 * keepalived reads the raw line again and runs '/bin/echo' 'MASTER' (2.2.7's dump).
 */
function reportNestedQuotes(ctx: Parameters<FileRule['check']>[0], s: ConfiguredScript): void {
  const cmd = s.words[0]!;
  const user = s.words[1]!;
  const group = s.words[2]?.text ? ` and '${s.words[2].text}' as the group` : '';
  const after = compareVersions(ctx.target, NOTIFY_BAD_USER_DROPPED_SINCE) < 0
    ? `keepalived ${ctx.target.join('.')} logs it and runs '${cmd.text}' anyway, with no arguments, as its default script user`
    : `keepalived drops the script and only logs it`;
  ctx.report({
    message:
      `keepalived ${ctx.target.join('.')} does not nest double quotes: the command ends at the second '"', so it is '${cmd.text}' and '${user.text}' is read as the user${group}; ` +
      `if no such user exists ${after} (from ${QUOTED_SCRIPT_SPLIT_SINCE.join('.')} keepalived reads the quotes inside). Drop the inner quotes`,
    file: cmd.file,
    range: { start: cmd.range.start, end: s.words[s.words.length - 1]!.range.end },
  });
}

export const unquotedScriptCommand: FileRule = {
  kind: 'file',
  code: 'KA603',
  name: 'unquoted-script-command',
  family: 'security',
  // keepalived -t accepts these lines silently: a warning, though the script will not run as meant.
  severity: 'warning',
  description: 'A script command with arguments is not quoted; keepalived takes the first argument as the user name (notify scripts) or drops the arguments (script, misc_path).',
  docs: {
    why:
      'keepalived reads only one word as the command. On notify lines (`notify_master`, `notify_up`, `quorum_up`, …) the next ' +
      'two words are the user and group to run as: `notify_master /bin/echo hello` runs `/bin/echo` as user `hello`, and ' +
      'when no such user exists keepalived just logs it and drops the script — `keepalived -t` says nothing. When the word ' +
      'names an account that exists (`backup` does on every Debian and Ubuntu system), the script runs as that user without ' +
      'its argument, and the config test of keepalived 2.2.5 to 2.2.7 kills itself on the line (exit 143, see KA608). For `script` ' +
      'and `misc_path` the words after the first are silently dropped, also after a quoted command (`script "/usr/bin/pgrep haproxy" root` ' +
      'does not run as root: those blocks take a `user` line). Put the whole command in double quotes: before 2.0.6 they are the ' +
      'only quotes on a notify line, and a single quote or a backslash becomes part of the script\'s name, which keepalived then cannot find; ' +
      'they do not nest either: `"/bin/echo "MASTER""` is the command `/bin/echo ` and the user `MASTER` there.',
    bad: 'vrrp_instance VI_1 {\n    notify_master /etc/keepalived/notify.sh MASTER\n}',
    good: 'vrrp_instance VI_1 {\n    notify_master "/etc/keepalived/notify.sh MASTER"\n}',
  },
  check(ctx) {
    for (const s of configuredScripts(ctx.analysis)) {
      const cmd = s.words[0]!;
      if (s.userOnLine && !cmd.quoted && compareVersions(ctx.target, QUOTED_SCRIPT_SPLIT_SINCE) < 0 && (cmd.text.startsWith("'") || cmd.text.includes('\\'))) {
        reportOldQuoting(ctx, s);
        continue;
      }
      if (s.words.length < 2) continue;
      // A quote left open: keepalived drops the script or crashes before any word is a user or an argument (KA609).
      if (scriptLeavesQuoteOpen(ctx.analysis, s, ctx.target)) continue;
      // `notify_master "/bin/echo "MASTER""`: before 2.0.6 keepalived reads the line's words as they are split, so the
      // quoted command ends at the second '"' and the word glued to it is the user (1.3.5: "Script user 'MASTER' does not
      // exist", "Invalid user/group for notify script /bin/echo ", and its dump shows the script '/bin/echo ' as 0:0).
      if (s.userOnLine && cmd.quoted && !cmd.expanded && s.words[1]!.file === cmd.file && s.words[1]!.start === cmd.end && compareVersions(ctx.target, QUOTED_SCRIPT_SPLIT_SINCE) < 0) {
        reportNestedQuotes(ctx, s);
        continue;
      }
      // `script "/usr/bin/pgrep -x haproxy" root`: keepalived splits only the quoted command and drops the words after
      // it (vrrp_script and MISC_CHECK take their user from a `user` line, not from the command line).
      if (cmd.quoted && !s.userOnLine && !s.escaped && !s.unsplittable && !shellSyntaxOf(ctx.analysis, s)) {
        const rest = s.words.slice(1).map((w) => w.text).join(' ');
        const userLike = s.words.length === 2 && USER_NAME.test(s.words[1]!.text) && !STATE_WORDS.has(s.words[1]!.text.toLowerCase());
        ctx.report({
          message: `keepalived runs the quoted command '${cmd.text}' and ignores '${rest}' after it: '${s.node.keyword}' takes the command as one word${
            userLike ? `; to run it as user '${rest}', write 'user ${rest}' in this ${s.node.keyword === 'script' ? 'vrrp_script' : 'MISC_CHECK'} block` : '; put arguments inside the quotes'
          }`,
          file: s.words[1]!.file,
          range: { start: s.words[1]!.range.start, end: s.words[s.words.length - 1]!.range.end },
        });
        continue;
      }
      // Script lines also accept single quotes (the ordinary tokenizer does not, hence the check on the text).
      if (cmd.quoted || cmd.text.startsWith("'")) continue;
      // `/x.sh > /tmp/log`: quoting would not make the redirection happen; KA607 says why.
      if (shellSyntaxOf(ctx.analysis, s)) continue;
      // Quoted with curly quotes: KA704 turns them into '"', which quotes the whole command already.
      if (lookalikeInfo(cmd.text)?.kind === 'quote') continue;
      // A backslash changes keepalived's split: judge by its own words (one word is one command).
      if (s.escaped && s.escaped.words.length < 2) continue;
      // A line keepalived cannot split at all runs nothing (KA609 and KA320 say so): `script \"/bin/x arg\"`.
      if (s.unsplittable) continue;
      if (!s.userOnLine) {
        const dropped = s.escaped ? s.escaped.words.slice(1).join(' ') : s.words.slice(1).map((w) => w.text).join(' ');
        ctx.report({
          // With a backslash, the program is keepalived's first word (`/bin/echo\ hello` is '/bin/echo hello').
          message: `keepalived runs only '${s.escaped ? s.escaped.words[0]!.trim() : cmd.text}' here: the unquoted arguments '${dropped}' are dropped; quote the whole command`,
          file: cmd.file,
          range: { start: cmd.range.start, end: s.words[s.words.length - 1]!.range.end },
          fix: quoteFix(ctx, s, s.words.length),
        });
        continue;
      }
      const second = s.words[1]!;
      const reason = s.words.length > 3 ? 'certain' : argumentReason(cmd.text, second);
      if (!reason) continue;
      const group = s.words[2] ? ` and group '${s.words[2].text}'` : '';
      const ignored = s.words.length > 3 ? `, and ignores '${s.words.slice(3).map((w) => w.text).join(' ')}'` : '';
      // startup_script/shutdown_script report the dropped script as a configuration error ("Invalid startup
      // script"); the other notify lines only log it.
      const startupOrShutdown = s.node.keyword === 'startup_script' || s.node.keyword === 'shutdown_script';
      // Before 1.3.6 an unknown user was only logged: the script stayed, run as the default script user (the 1.3.5
      // build: "Invalid user/group for notify script", then the script ran with no arguments).
      const dropped = startupOrShutdown
        ? `keepalived drops the script (keepalived: "Invalid ${s.node.keyword.replace('_script', '')} script")`
        : compareVersions(ctx.target, NOTIFY_BAD_USER_DROPPED_SINCE) < 0
          ? `keepalived ${ctx.target.join('.')} logs it and runs the script anyway, as its default script user`
          : `it drops the script and only logs it (${compareVersions(ctx.target, CONFIG_TEST_SINCE) < 0 ? `keepalived ${ctx.target.join('.')} has no -t to report it` : 'keepalived -t stays silent'})`;
      // The Debian 2.2.7 package on `notify_backup /etc/keepalived/notify.sh backup`: "Terminated", exit 143.
      const killsTest = DEBIAN_SYSTEM_ACCOUNTS.has(second.text) && !s.words[2] && switchesToCheck(s) && scriptIsChecked(ctx.analysis, s) &&
        compareVersions(ctx.target, PARENT_CHECK_SINCE) >= 0 && compareVersions(ctx.target, CONFIG_TEST_FIXED_IN) < 0;
      const exists = killsTest
        ? `; '${second.text}' is a system account on Debian and Ubuntu, where keepalived ${ctx.target.join('.')}'s config test (keepalived -t) kills itself when it checks this line (exit 143, "Terminated"; see KA608)`
        : '';
      ctx.report({
        message: `keepalived runs '${cmd.text}' with no arguments, as user '${second.text}'${group}${ignored}; if no such user exists ${dropped}${exists}. Quote the whole command`,
        file: cmd.file,
        range: { start: cmd.range.start, end: s.words[s.words.length - 1]!.range.end },
        fix: quoteFix(ctx, s, s.words.length),
      });
    }
  },
};
