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
 * 2.3.0 and later take the text from the last '<' of an address that ends in '>' (rcpt_cmd), so a display
 * name kept in one word by quotes ("Ops <ops@example.com>") works there.
 *
 * Unquoted, a display name is recipients of its own, on every release: email_handler reads the block
 * with read_value_block and makes an address of every word (1.3.5 to 2.4.3), so `Ops <ops@example.com>`
 * is the two recipients 'Ops' and '<ops@example.com>'. keepalived sends "RCPT TO:<Ops>" and, at the
 * first recipient the server refuses (any reply but 250), stops and sends QUIT (rcpt_code in 1.3.5 and
 * 2.0.19, smtp_read_thread's expected_code in 2.2.x and later): no one on the list gets the alert.
 * Measured (rules62, a listener refusing an address without '@'): 2.2.7 and 2.4.3 both sent
 * "RCPT TO:<Ops>" then QUIT, and never the next recipient.
 */
const DISPLAY_NAMES_SINCE: Version = [2, 3, 0];

/** A word that reads as a mail address (it has an '@'), as opposed to a display name's word. */
function isAddress(text: string): boolean {
  return text.includes('@');
}

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
  description: "An email address written with angle brackets or a display name ('<ops@example.com>', '\"Ops <ops@example.com>\"'): keepalived before 2.3.0 sends it as written, and mail servers refuse it; an unquoted display name in notification_email ('Ops <ops@example.com>') is a recipient of its own on every release, and a refused one stops the whole alert.",
  docs: {
    why:
      'keepalived puts each notification address inside angle brackets of its own when it talks to the mail server. ' +
      'Before 2.3.0 it does that with the text as written, so `notification_email_from <lb1@example.com>` becomes ' +
      '`MAIL FROM:<<lb1@example.com>>` and a display name (`"LB1 <lb1@example.com>"`) ends up inside the brackets too: ' +
      'the mail server refuses the command and no alert is delivered, without a word from `keepalived -t`. 2.3.0 and ' +
      'later send what is inside the last angle brackets of an address, so a display name kept in one word by quotes works there.\n\n' +
      'Without quotes a display name is worse, on every release: keepalived takes every word of a `notification_email` ' +
      'line as an address of its own, so `Ops <ops@example.com>` is the two recipients `Ops` and `<ops@example.com>`. ' +
      'keepalived sends `RCPT TO:<Ops>`, and when the mail server refuses a recipient (as it does a name without a domain) ' +
      'keepalived ends the session there: no one on the list gets the alert, not even the addresses on the other lines. ' +
      'Write only the address on the line.',
    bad: 'global_defs {\n    notification_email {\n        <ops@example.com>\n        Ops Team ops-team@example.com\n    }\n    notification_email_from <lb1@example.com>\n    smtp_server 192.0.2.25\n}',
    good: 'global_defs {\n    notification_email {\n        ops@example.com\n        ops-team@example.com\n    }\n    notification_email_from lb1@example.com\n    smtp_server 192.0.2.25\n}',
  },
  check(ctx) {
    const { analysis, target } = ctx;
    const bracketsSent = compareVersions(target, DISPLAY_NAMES_SINCE) < 0;
    const version = target.join('.');
    const report = (w: Word, command: string) => {
      const bare = bareAddress(w.text);
      ctx.report({
        message:
          `keepalived ${version} sends this address as written inside its own angle brackets ("${command}:<${w.text}>"), which mail servers refuse, ` +
          `so no alert mail is delivered (2.3.0 reads '<address>' and display names in quotes). Write the bare address${bare ? ` (${bare})` : ''}`,
        file: w.file,
        range: w.range,
        fix: bare ? replaceWordFix(w, bare, `Write ${bare}`) : undefined,
      });
    };
    /** A line of the block with a display name's words next to an address: each word is a recipient. */
    const reportNameWords = (words: Word[]): boolean => {
      const addresses = words.filter((w) => isAddress(w.text));
      const others = words.filter((w) => !isAddress(w.text));
      if (!addresses.length || !others.length) return false;
      // A display name: words before an address ('Ops Team ops@example.com', 'Ops <ops@example.com>') or in parentheses
      // ('ops@example.com (Ops)'). A plain word after the addresses ('dev@example.com root') may be a local recipient.
      const lastAddress = words.lastIndexOf(addresses[addresses.length - 1]!);
      const names = others.filter((w) => words.indexOf(w) < lastAddress || /^\(|\)$/.test(w.text));
      if (!names.length) return false;
      const first = words[0]!;
      const last = words[words.length - 1]!;
      const sameFile = words.every((w) => w.file === first.file && !w.expanded);
      const only = addresses.length === 1 ? (bareAddress(addresses[0]!.text) ?? addresses[0]!.text) : undefined;
      const quotedList = names.map((w) => `'${w.text}'`);
      const who = quotedList.length === 1 ? `${quotedList[0]} is a recipient` : `${quotedList.slice(0, -1).join(', ')} and ${quotedList[quotedList.length - 1]} are recipients`;
      const advice = only ? `Write only the address on this line (${only})` : 'Write only addresses, one on each line';
      ctx.report({
        message:
          `${who} of ${names.length === 1 ? 'its' : 'their'} own: keepalived takes every word of a notification_email line as an address, ` +
          `so it sends "RCPT TO:<${names[0]!.text}>"; when the mail server refuses it (as it does a name without a domain), keepalived ends ` +
          `the session there and no one on the list gets the alert. ${advice}`,
        file: first.file,
        range: sameFile ? { start: first.range.start, end: last.range.end } : first.range,
        fix:
          only && sameFile && names.length === others.length && !/["\s#!{}]/.test(only)
            ? { description: `Write only ${only}`, edits: [{ file: first.file, range: { start: first.range.start, end: last.range.end }, newText: only }] }
            : undefined,
      });
      return true;
    };
    for (const gd of topLevelBlocks(analysis.ast, 'global_defs')) {
      for (const line of gd.children) {
        if (bracketsSent && line.keyword === 'notification_email_from' && line.argCount > 0 && /[<>]/.test(line.argText(0)!)) report(line.argWord(0), 'MAIL FROM');
        if (line.keyword !== 'notification_email' || !line.values) continue;
        for (const v of line.values) {
          const words = v.words;
          if (reportNameWords(words) || !bracketsSent) continue;
          for (const w of words) if (/[<>]/.test(w.text)) report(w, 'RCPT TO');
        }
      }
    }
  },
};
