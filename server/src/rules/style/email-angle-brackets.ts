import type { FileRule } from '../types.js';
import type { Word } from '../../core/analysis/ast.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import { replaceWordFix } from '../fixes.js';
import { topLevelBlocks } from '../vrrp/util.js';

/*
 * keepalived writes each address into its SMTP commands inside angle brackets of its own
 * ("MAIL FROM:<%s>", "RCPT TO:<%s>"). Before 2.3.0 it does so with the text as written, so
 * `<lb1@example.com>` or `Name <lb1@example.com>` make "MAIL FROM:<<lb1@example.com>>", which mail
 * servers refuse as a syntax error. 2.3.0 reads a display name and angle brackets (commit 47fd596f).
 * Seen by starting the daemons in a network namespace with a listener on the smtp_server port: the
 * 2.2.7 package and the 2.2.8 build send "MAIL FROM:<<lb1@example.com>>" and
 * "RCPT TO:<<ops@example.com>>", the 2.3.1 and 2.4.3 builds "MAIL FROM:<lb1@example.com>".
 */
const DISPLAY_NAMES_SINCE: Version = [2, 3, 0];

/** The address inside the last `<…>` of a word, if it has one. */
function bareAddress(text: string): string | undefined {
  const m = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text);
  return m?.[1];
}

export const emailAngleBrackets: FileRule = {
  kind: 'file',
  code: 'KA707',
  name: 'email-angle-brackets',
  family: 'style',
  severity: 'warning',
  description: "An email address written with angle brackets or a display name ('<ops@example.com>', 'Ops <ops@example.com>'): keepalived before 2.3.0 sends it as written, and mail servers refuse it.",
  docs: {
    why:
      'keepalived puts each notification address inside angle brackets of its own when it talks to the mail server. ' +
      'Before 2.3.0 it does that with the text as written, so `notification_email_from <lb1@example.com>` becomes ' +
      '`MAIL FROM:<<lb1@example.com>>` and a display name (`"LB1 <lb1@example.com>"`) ends up inside the brackets too: ' +
      'the mail server refuses the command and no alert is delivered, without a word from `keepalived -t`. 2.3.0 reads ' +
      'a display name and angle brackets. Write the bare address.',
    bad: 'global_defs {\n    notification_email {\n        <ops@example.com>\n    }\n    notification_email_from <lb1@example.com>\n    smtp_server 192.0.2.25\n}',
    good: 'global_defs {\n    notification_email {\n        ops@example.com\n    }\n    notification_email_from lb1@example.com\n    smtp_server 192.0.2.25\n}',
  },
  check(ctx) {
    const { analysis, target } = ctx;
    if (compareVersions(target, DISPLAY_NAMES_SINCE) >= 0) return;
    const version = target.join('.');
    const report = (w: Word, command: string) => {
      const bare = bareAddress(w.text);
      ctx.report({
        message:
          `keepalived ${version} sends this address as written inside its own angle brackets ("${command}:<${w.text}>"), which mail servers refuse, ` +
          `so no alert mail is delivered (2.3.0 reads '<address>' and display names). Write the bare address${bare ? ` (${bare})` : ''}`,
        file: w.file,
        range: w.range,
        fix: bare ? replaceWordFix(w, bare, `Write ${bare}`) : undefined,
      });
    };
    for (const gd of topLevelBlocks(analysis.ast, 'global_defs')) {
      for (const line of gd.children) {
        if (line.keyword === 'notification_email_from' && line.argCount > 0 && /[<>]/.test(line.argText(0)!)) report(line.argWord(0), 'MAIL FROM');
        if (line.keyword !== 'notification_email' || !line.values) continue;
        for (const v of line.values) for (const w of v.words) if (/[<>]/.test(w.text)) report(w, 'RCPT TO');
      }
    }
  },
};
