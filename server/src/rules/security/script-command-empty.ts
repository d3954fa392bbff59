// KA610: a notify, startup or shutdown script line whose command is an empty or blank string.

import type { FileRule } from '../types.js';
import { configuredScripts } from './scripts.js';
import { commandEmpty } from '../vrrp/vrrp-script-without-script.js';

/** Script lines other rules already report without a command: vrrp_script `script` (KA320), MISC_CHECK `misc_path` (KA517). */
const REPORTED_ELSEWHERE = new Set(['script', 'misc_path']);

/** The parent process checks these and says so under `keepalived -t` (global_parser.c). */
const CHECKED_BY_KEEPALIVED = new Set(['startup_script', 'shutdown_script']);

export const scriptCommandEmpty: FileRule = {
  kind: 'file',
  code: 'KA610',
  name: 'script-command-empty',
  family: 'security',
  severity: 'warning',
  description: 'A notify, startup or shutdown script line names an empty or blank command; keepalived drops it.',
  docs: {
    why:
      'keepalived splits a script line into a program and its arguments; `""` or `" "` leaves no program, so ' +
      'keepalived drops the script. For `startup_script` and `shutdown_script` it says so ("Invalid startup script", a ' +
      'configuration error). For notify scripts (`notify`, `notify_master`, `notify_up`, `quorum_up`, the notify FIFO ' +
      'scripts, …) it only writes "Unable to parse script" to the log when it starts: the configuration passes ' +
      '`keepalived -t`, and the notification you rely on never runs. An empty string usually comes from a template ' +
      'variable that was not set.',
    bad: 'vrrp_instance VI_1 {\n    notify_master ""\n}\n',
    good: 'vrrp_instance VI_1 {\n    notify_master "/etc/keepalived/notify.sh MASTER"\n}\n',
  },
  check({ analysis, report }) {
    for (const s of configuredScripts(analysis)) {
      const line = s.node;
      if (REPORTED_ELSEWHERE.has(line.keyword) || !commandEmpty(analysis, line)) continue;
      const first = s.words[0]!;
      const checked = CHECKED_BY_KEEPALIVED.has(line.keyword);
      const kind = line.keyword.slice(0, line.keyword.indexOf('_'));
      report({
        severity: checked ? 'error' : undefined,
        message: checked
          ? `'${line.keyword}' has no command (an empty or blank string is none); keepalived reports a configuration error and runs no ${kind} script (keepalived: "Invalid ${kind} script")`
          : `'${line.keyword}' has no command (an empty or blank string is none); keepalived drops it without a word under keepalived -t, and this notification never runs`,
        file: first.file,
        range: { start: first.range.start, end: s.words[s.words.length - 1]!.range.end },
      });
    }
  },
};
