// KA320: a vrrp_script block with no `script` line is removed by keepalived.

import { childrenNamed, type AstNode } from '../../core/analysis/ast.js';
import type { Analysis } from '../../core/index.js';
import type { FileRule } from '../types.js';
import { fileText } from '../fixes.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import { crashingScriptLine, QUOTED_SCRIPT_SPLIT_SINCE, SCRIPT_PARSER_CRASH_SINCE, scriptSplits, wordsAsText, type SplitFailure } from '../security/scripts.js';
import { closeRange } from './util.js';
import { SCRIPTLESS_SCRIPT_REMOVED_SINCE } from '../../core/analysis/walker.js';

/**
 * What keepalived makes of the command on a `script` line: it splits the words after the keyword
 * (quotes and escapes applied), then splits the first of them again into the program and its
 * arguments. `script ""`, `script " "` and `script '' x` leave no program ('empty'); a quote left
 * open in that second split (`script "'/bin/true" x'`) leaves none either, after keepalived's
 * "missing terminating" message (KA609) ('unsplittable').
 */
export function commandProblem(analysis: Analysis, line: AstNode): 'empty' | 'unsplittable' | undefined {
  return commandReading(analysis, line).problem;
}

/**
 * commandProblem, and for 'unsplittable' why the second split fails: a quote left open, or (before 2.3.2, which
 * applies the escapes at both splits) a lone backslash ending the command (`script "/bin/true\\"`).
 */
export function commandReading(analysis: Analysis, line: AstNode): { problem?: 'empty' | 'unsplittable'; why?: SplitFailure } {
  const args = line.args;
  if (!args.length) return { problem: 'empty' };
  const first = args[0]!;
  // Blank as keepalived's isspace is (ASCII only): an ideographic space (U+3000) is a program name to it.
  // Words not all read as written: the text keepalived's script parser reads is theirs, quotes and touching words kept.
  const written = args.some((w) => w.expanded || w.file !== first.file) ? wordsAsText(args) : fileText(analysis, first.file)?.slice(first.start, args[args.length - 1]!.end);
  if (written === undefined) return {};
  const r = scriptSplits(written, analysis.target);
  // The first split failing is another matter (keepalived crashes there: KA609).
  if ('failed' in r) return r.failed === 'command' ? { problem: 'unsplittable', why: r.why } : {};
  if (!r.words.length) return { problem: 'empty' };
  return r.command.length === 0 ? { problem: 'empty' } : {};
}

/** KA320's and KA517's words for a command keepalived cannot split. */
export function unsplittableReason(why: SplitFailure | undefined): string {
  return why === 'a trailing backslash' ? 'the escapes, applied when it reads the line and again when it splits the command, leave a lone backslash at its end' : 'a quote left open';
}

/** Whether keepalived finds no command on a script line: empty or blank quoted words, or none at all. */
export function commandEmpty(analysis: Analysis, line: AstNode): boolean {
  return commandProblem(analysis, line) === 'empty';
}

/**
 * Whether the line sets no program: empty, or a command keepalived cannot split (it reports that
 * line, KA609). The second only from 2.0.6, which first split script commands at quotes.
 */
export function commandMissing(analysis: Analysis, line: AstNode, target: Version): boolean {
  const problem = commandProblem(analysis, line);
  return problem === 'empty' || (problem === 'unsplittable' && compareVersions(target, QUOTED_SCRIPT_SPLIT_SINCE) >= 0);
}

/**
 * 37bef174 (1.3.6) removes a vrrp_script without a command. Before it the script stays with none, and
 * the VRRP process's script security check, which looks at every script an instance tracks, reads the
 * missing command and dies as it starts (a 1.3.5 build: "Keepalived_vrrp exited due to segmentation
 * fault (SIGSEGV)"); a script no instance tracks is left disabled. `script ""` is a command there.
 */
export const SCRIPTLESS_REMOVED_SINCE: Version = SCRIPTLESS_SCRIPT_REMOVED_SINCE;

export const vrrpScriptWithoutScript: FileRule = {
  kind: 'file',
  code: 'KA320',
  name: 'vrrp-script-without-script',
  family: 'vrrp',
  severity: 'error',
  description: 'A vrrp_script has no `script` line; keepalived removes it and every track_script naming it is ignored.',
  docs: {
    why: 'The `script` line is the check itself. keepalived removes a vrrp_script without one ("No script set for vrrp_script X - removing"), and instances that track it silently lose the health check. This often happens when the only `script` lines carry `@host` prefixes for other hosts. Releases before 1.3.6 keep the vrrp_script instead, and their VRRP process crashes as it starts when an instance tracks it.',
    bad: 'vrrp_script chk_nginx {\n    interval 2\n    weight -20\n}\n',
    good: 'vrrp_script chk_nginx {\n    script "/usr/bin/pgrep nginx"\n    interval 2\n    weight -20\n}\n',
  },
  check({ analysis, report, target }) {
    const old = compareVersions(target, SCRIPTLESS_REMOVED_SINCE) < 0;
    const top = analysis.model.root.children;
    for (const s of analysis.model.vrrpScripts) {
      // A `script` line without its command sets nothing.
      const lines = childrenNamed(s.node, 'script');
      if (lines.some((l) => l.argCount > 0 && !commandMissing(analysis, l, target))) continue;
      if (old) {
        if (lines.some((l) => l.argCount > 0)) continue;
        // Only an instance after the definition tracks it (an earlier one does not find the name).
        const at = top.indexOf(s.node);
        const tracker = analysis.model.vrrpInstances.find((i) => top.indexOf(i.node) > at && i.trackScripts.some((t) => t.name === s.name));
        if (!tracker) continue;
        report({
          message: `vrrp_script '${s.name}' has no command, and '${tracker.name}' tracks it: keepalived ${target.join('.')} keeps such a script and its VRRP process crashes on it as it starts (a segmentation fault; 1.3.6 and later remove the vrrp_script instead)`,
          ...closeRange(s.node),
          related: [{ file: s.node.file, range: s.node.args[0]?.range ?? s.node.range, message: 'the vrrp_script' }],
        });
        continue;
      }
      // keepalived crashes on such a line before it could remove anything (KA609).
      if (compareVersions(target, SCRIPT_PARSER_CRASH_SINCE) >= 0 && lines.some((l) => crashingScriptLine(analysis, l, target))) continue;
      // keepalived notices at the end of the block: the closing brace is where it reports.
      const at = closeRange(s.node);
      const unsplit = lines.map((l) => commandReading(analysis, l)).find((r) => r.problem === 'unsplittable');
      report({
        message: unsplit
          ? `vrrp_script '${s.name}' has no command keepalived can use: it cannot split its 'script' line (${unsplittableReason(unsplit.why)}) and drops it, then removes the vrrp_script (keepalived: "No script set for vrrp_script ${s.name} - removing")`
          : lines.length
          ? `vrrp_script '${s.name}' has a 'script' line without a command (an empty or blank quoted string is none); keepalived removes the vrrp_script`
          : `vrrp_script '${s.name}' has no 'script' line; keepalived removes it`,
        ...at,
        related: s.node.args[0] ? [{ file: s.node.file, range: s.node.args[0].range, message: 'the vrrp_script' }] : undefined,
      });
    }
  },
};
