// KA609: a script command keepalived cannot split: a quote left open (keepalived's notify.c).

import type { FileRule } from '../types.js';
import { fileText } from '../fixes.js';
import { compareVersions } from '../../core/schema/schema.js';
import type { AstNode } from '../../core/analysis/ast.js';
import type { Version } from '../../core/schema/schema.js';

/** 2.0.0 runs scripts with execve (its words split at blanks); 1.x runs them with system(), through /bin/sh. */
const EXEC_WITHOUT_SHELL_SINCE: Version = [2, 0, 0];
import { urlHoldsOnlyPathAndStatus } from '../lvs/util.js';
import { configuredScripts, crashingScriptLine, LONE_TRAILING_BACKSLASH, QUOTED_SCRIPT_SPLIT_SINCE, SCRIPT_ESCAPES_ONCE_SINCE, SCRIPT_PARSER_CRASH_SINCE, SCRIPT_SPLIT_REPORTED_SINCE, scriptSplits, wordsAsText, type ConfiguredScript, type SplitFailure } from './scripts.js';

/**
 * keepalived's split of a script's words (from 2.0.6, quotes and backslashes group them): undefined when it
 * succeeds or the line has neither a quote nor a backslash, else whether the words split and only the command
 * fails, why, and the command then. A line ending in a lone backslash is KA702's (keepalived reads no continuation).
 */
function openQuote(analysis: Parameters<FileRule['check']>[0]['analysis'], s: ConfiguredScript, target: Version): { insideCommand: boolean; why: SplitFailure; command?: string } | undefined {
  const args = s.words;
  const first = args[0]!;
  // Words made by a definition or spread over files: the text their words make (quotes and touching words kept).
  const written = args.some((w) => w.expanded || w.file !== first.file) ? wordsAsText(args) : fileText(analysis, first.file)?.slice(first.start, args[args.length - 1]!.end);
  if (written === undefined || !/['"\\]/.test(written) || LONE_TRAILING_BACKSLASH.test(written)) return undefined;
  const r = scriptSplits(written, target);
  return 'failed' in r ? { insideCommand: r.failed === 'command', why: r.why, command: r.words?.[0] } : undefined;
}

/** Whether /bin/sh finds a quote left open in `text` (a backslash escapes the next character outside single quotes). */
function shellQuoteLeftOpen(text: string): boolean {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = '';
    } else if (c === '\\') i++;
    else if (quote === '"') {
      if (c === '"') quote = '';
    } else if (c === "'" || c === '"') quote = c;
  }
  return quote !== '';
}

/**
 * Whether KA609 reports this script because keepalived cannot split it (or crashes on it): then what another rule
 * would say about its words (KA603: a user name, dropped arguments) does not happen.
 */
export function scriptLeavesQuoteOpen(analysis: Parameters<FileRule['check']>[0]['analysis'], s: ConfiguredScript, target: Version): boolean {
  if (compareVersions(target, QUOTED_SCRIPT_SPLIT_SINCE) < 0) return false;
  if (compareVersions(target, SCRIPT_PARSER_CRASH_SINCE) >= 0 && (s.node.keyword === 'script' || s.node.keyword === 'misc_path') && crashingScriptLine(analysis, s.node, target)) return true;
  return openQuote(analysis, s, target) !== undefined;
}

/** Appends the children of `node` with `keyword` to `out` (no list per call: a large config has thousands of checkers). */
function pushChildrenNamed(node: AstNode, keyword: string, out: AstNode[]): void {
  for (let i = 0, cs = node.children; i < cs.length; i++) if (cs[i]!.keyword === keyword) out.push(cs[i]!);
}

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
      '"String … missing terminating \'" and drop the script: the notification or check never runs. On a vrrp_script ' +
      '`script`, a MISC_CHECK `misc_path` or a url `regex` line, a quote the line itself leaves open (outside a double-quoted ' +
      'command) or a trailing backslash is worse: keepalived crashes (also under `keepalived -t`), from 2.0.7 on; a quote ' +
      'left open inside a double-quoted command is reported and the script dropped, as above. Before 2.3.2 keepalived ' +
      'applies the backslash escapes at both splits, so a command ending in an escaped backslash (`"/bin/true\\\\"`, ' +
      'quoted or not) ends in a lone one at the second: keepalived logs "Missing escape char at end" (keepalived -t says ' +
      'nothing) and drops the script. From 2.3.2 the first split keeps the escapes as written and the command is `/bin/true\\`.',
    bad: 'vrrp_instance VI_1 {\n    notify_master "/etc/keepalived/notify.sh \'MASTER"\n}\n',
    good: 'vrrp_instance VI_1 {\n    notify_master "/etc/keepalived/notify.sh MASTER"\n}\n',
  },
  check({ analysis, report, target }) {
    // Found on real configs (`script '${CHECK_SCRIPT_PATH:-/etc/keepalived/health.sh}'`, whose
    // brace ends the line for keepalived): on these two keywords keepalived does not drop the line.
    const crashing = new Set<AstNode>();
    const lines: AstNode[] = [];
    for (let i = 0, vList = analysis.model.vrrpScripts; i < vList.length; i++) {
      const v = vList[i]!;
      pushChildrenNamed(v.node, 'script', lines);
    }
    for (let j = 0, vsList = analysis.model.virtualServers; j < vsList.length; j++) {
      const vs = vsList[j]!;
      for (let k = 0, rsList = vs.realServers; k < rsList.length; k++) {
        const rs = rsList[k]!;
        for (let m = 0, cks = rs.checkers; m < cks.length; m++) {
          const ck = cks[m]!;
          if (ck.kind === 'MISC_CHECK') pushChildrenNamed(ck.node, 'misc_path', lines);
          // The url regex handler splits its line the same way, unchecked (found by fuzzing 2.2.8 to 2.4.3; 2.2.7 too).
          // The model lists the checker's url blocks in order: their lines are the only ones read here.
          else if (ck.kind === 'HTTP_GET' || ck.kind === 'SSL_GET') {
            for (let n = 0, urls = ck.urls; n < urls.length; n++) if (!urlHoldsOnlyPathAndStatus(urls[n]!)) pushChildrenNamed(urls[n]!.node, 'regex', lines);
          }
        }
      }
    }
    // The unchecked split came in 2.0.7; 2.0.6 reads such a line.
    for (let p = 0, lineList = compareVersions(target, SCRIPT_PARSER_CRASH_SINCE) >= 0 ? lines : []; p < lineList.length; p++) {
      const line = lineList[p]!;
      const why = crashingScriptLine(analysis, line, target);
      if (!why) continue;
      crashing.add(line);
      const last = line.args[line.args.length - 1];
      report({
        message: `keepalived ${target.join('.')} crashes on this ${line.keyword} line: its script parser cannot split it (${why}) and keepalived does not check (a segmentation fault, also under keepalived -t)`,
        file: line.file,
        range: { start: line.range.start, end: (last ?? line.word!).range.end },
      });
    }
    // Before 2.0.6 keepalived does not split commands at quotes: 2.0.0 to 2.0.5 split them at blanks and
    // keep quote characters as they are (whether that runs depends on the command), and 1.x hands
    // the command to /bin/sh -c (system()), which refuses an open quote.
    const splits = compareVersions(target, QUOTED_SCRIPT_SPLIT_SINCE) >= 0;
    const shell = compareVersions(target, EXEC_WITHOUT_SHELL_SINCE) < 0;
    const said = compareVersions(target, SCRIPT_SPLIT_REPORTED_SINCE) >= 0 ? 'keepalived: "missing terminating"' : `keepalived ${target.join('.')} only logs "missing terminating"; keepalived -t is silent`;
    for (let q = 0, sList = splits || shell ? configuredScripts(analysis) : []; q < sList.length; q++) {
      const s = sList[q]!;
      if (crashing.has(s.node)) continue;
      const args = s.words;
      const first = args[0]!;
      // 1.x hands /bin/sh only the command, the line's first word (`notify_master /bin/x 'a` runs `/bin/x`, as user 'a).
      const open = shell ? (shellQuoteLeftOpen(first.text) ? { insideCommand: false, why: 'an unclosed quote' as const, command: undefined } : undefined) : openQuote(analysis, s, target);
      if (!open) continue;
      report({
        message: shell
          ? `a quote is not closed in this ${s.node.keyword} command; keepalived ${target.join('.')} runs it with /bin/sh -c, which refuses it, so the script fails every time it runs`
          : open.why === 'a trailing backslash'
            ? `keepalived ${target.join('.')} cannot split this ${s.node.keyword} command: it applies the escapes when it reads the line and again when it splits the command, and '${open.command}' ends in a lone backslash (keepalived logs "Missing escape char at end"; keepalived -t is silent); it drops the script (${SCRIPT_ESCAPES_ONCE_SINCE.join('.')} and later apply the escapes once)`
            : `keepalived cannot split this ${s.node.keyword} command: a quote is not closed${open.insideCommand ? ' inside the quoted command' : ''} (${said}); it drops the script`,
        file: first.file,
        range: { start: first.range.start, end: args[args.length - 1]!.range.end },
      });
    }
  },
};
