// KA609: a script command keepalived cannot split: a quote left open (keepalived 2.2.7 notify.c).

import type { FileRule } from '../types.js';
import { fileText } from '../fixes.js';
import { configuredScripts, splitQuotedEscaped } from './scripts.js';

export const scriptQuoteUnterminated: FileRule = {
  kind: 'file',
  code: 'KA609',
  name: 'script-quote-unterminated',
  family: 'security',
  severity: 'error',
  description: "A script's command leaves a quote open, so keepalived cannot split it into a program and its arguments.",
  docs: {
    why:
      'keepalived splits a script line twice: the words after the keyword (quotes group them), then the command, the ' +
      'first of those words, into the program and its arguments, where single and double quotes group again. A quote ' +
      'opened and not closed at either step, such as `"/etc/keepalived/notify.sh \'MASTER"`, makes keepalived report ' +
      '"String … missing terminating \'" and drop the script: the notification or check never runs.',
    bad: 'vrrp_instance VI_1 {\n    notify_master "/etc/keepalived/notify.sh \'MASTER"\n}\n',
    good: 'vrrp_instance VI_1 {\n    notify_master "/etc/keepalived/notify.sh MASTER"\n}\n',
  },
  check({ analysis, report }) {
    for (const s of configuredScripts(analysis)) {
      const args = s.words;
      const first = args[0]!;
      // Words made by a definition or spread over files are not read here.
      if (args.some((w) => w.expanded || w.file !== first.file)) continue;
      const written = fileText(analysis, first.file)?.slice(first.start, args[args.length - 1]!.end);
      if (written === undefined || !/['"]/.test(written) || written.endsWith('\\')) continue;
      const words = splitQuotedEscaped(written);
      const command = words?.[0] !== undefined ? splitQuotedEscaped(words[0]) : [];
      if (words && command) continue;
      report({
        message: `keepalived cannot split this ${s.node.keyword} command: a quote is not closed${words ? ' inside the quoted command' : ''} (keepalived: "missing terminating"); it drops the script`,
        file: first.file,
        range: { start: first.range.start, end: args[args.length - 1]!.range.end },
      });
    }
  },
};
