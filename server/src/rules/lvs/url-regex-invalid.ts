// KA541: an HTTP_GET/SSL_GET url's `regex` that does not reach PCRE2 as written. keepalived reads the line with its
// quoted-and-escaped splitter (check_http.c regex_handler, 2.0.7 to 2.4.3), which takes the backslash off `\d`, `\.`,
// `\(`; and a pattern PCRE2 cannot compile is only logged ("Invalid regex", prepare_regex), so keepalived -t is silent.

import type { AstNode } from '../../core/analysis/ast.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule, FileRuleContext } from '../types.js';
import { misreadEscape, pcreSyntaxError, quotedEscapedWords } from './pcre-syntax.js';
import { allCheckers, urlHoldsOnlyPathAndStatus } from './util.js';

/**
 * From 2.1.0 prepare_regex sets the url's regex before it compiles it and frees it on failure without clearing it:
 * the url keeps a pointer to freed memory, which the check reads when it matches a page. Before, the url was left
 * without a regex.
 */
const FAILED_REGEX_DANGLES_SINCE: Version = [2, 1, 0];

/** What an escape becomes, said once per written form (`\d` → 'd'). */
function escapeList(escapes: { written: string; meaning: string }[]): string {
  const seen = new Map<string, string>();
  for (const e of escapes) if (!seen.has(e.written)) seen.set(e.written, e.meaning);
  const parts = [...seen].slice(0, 4).map(([written, meaning]) => `'${written}' as ${meaning}`);
  return parts.join(', ') + (seen.size > 4 ? ` and ${seen.size - 4} more` : '');
}

function checkRegexLine(ctx: FileRuleContext, line: AstNode, extended: boolean, emptyClassAllowed: boolean): void {
  const args = line.args;
  if (!args.length || args.some((a) => a.expanded || a.file !== line.file)) return;
  const text = ctx.analysis.files.get(line.file)?.text;
  if (text === undefined) return;
  const raw = text.slice(args[0]!.start, args[args.length - 1]!.end);
  const read = quotedEscapedWords(raw);
  // One pattern or none: keepalived ignores the line otherwise ("regex missing or too many fields", KA539).
  if (!read || read.words.length !== 1) return;
  const pattern = read.words[0]!;
  const misread: { written: string; meaning: string }[] = [];
  for (const e of read.escapes) {
    const meaning = misreadEscape(e);
    if (meaning) misread.push({ written: e.written, meaning });
  }
  const doubled = misread.length ? raw.replace(/\\(.)/g, (m, c: string) => (misread.some((e) => e.written === m) ? `\\\\${c}` : m)) : raw;
  const fix = misread.length && !raw.includes('\n') ? { description: `Double the backslashes: regex ${doubled}`, edits: [{ file: line.file, range: { start: args[0]!.range.start, end: args[args.length - 1]!.range.end }, newText: doubled }] } : undefined;
  // With allow_empty_class, `[]` is a class of its own, which pcreSyntaxError does not model.
  const error = emptyClassAllowed ? undefined : pcreSyntaxError(pattern, extended);
  if (error) {
    const dangles = compareVersions(ctx.target, FAILED_REGEX_DANGLES_SINCE) >= 0;
    const after = dangles
      ? 'the url then keeps a pointer to the freed pattern, which the check reads whenever it matches a page (a crash or a random verdict)'
      : 'the url then has no regex, and the check passes on the status code alone';
    const why = misread.length ? ` keepalived takes the backslashes off ${escapeList(misread)}, so PCRE2 gets '${pattern}'.` : '';
    ctx.report({
      severity: 'error',
      message: `PCRE2 cannot compile this regex ('${pattern}': ${error}).${why} keepalived only logs "Invalid regex", so keepalived -t says nothing, and ${after}`,
      file: line.file,
      range: line.range,
      fix,
    });
    return;
  }
  if (!misread.length) return;
  ctx.report({
    message: `keepalived reads the backslashes of this regex itself, before PCRE2 sees it: it reads ${escapeList(misread)}, so the page is matched against '${pattern}'; write each backslash meant for PCRE2 twice (regex ${doubled})`,
    file: line.file,
    range: line.range,
    fix,
  });
}

export const urlRegexInvalid: FileRule = {
  kind: 'file',
  code: 'KA541',
  name: 'url-regex-invalid',
  family: 'lvs',
  severity: 'warning',
  description: "A url's regex whose backslashes keepalived takes off before PCRE2 sees it (`\\d` reaches it as 'd'), or that PCRE2 cannot compile (an error: keepalived only logs it).",
  docs: {
    why:
      "keepalived reads a url's `regex` line with its own quoting rules, the ones of script lines: double or single quotes group words, and a " +
      'backslash escapes the next character, C-style for `\\n`, `\\t`, `\\b`, `\\x41` and octal numbers, and as the character itself otherwise. ' +
      'So `regex "\\d+ OK"` hands PCRE2 the pattern `d+ OK`, `\\.` becomes `.` (any character), `\\b` a backspace and `\\1` the character 1: ' +
      'the check then passes or fails on the wrong text, and nothing says so. A backslash meant for PCRE2 must be written twice (`\\\\d`). ' +
      'A pattern PCRE2 cannot compile (an unclosed parenthesis or class, a quantifier with nothing before it) is only logged ("Invalid ' +
      'regex"), so `keepalived -t` is silent; from 2.1.0 the url is then left pointing at the freed pattern, which the check reads when it ' +
      'matches a page, and before 2.1.0 the check runs without the regex. The compile check only reports errors PCRE2 surely makes.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path /status\n                regex "uptime: \\d+"\n            }\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path /status\n                regex "uptime: \\\\d+"\n            }\n        }\n    }\n}',
  },
  check(ctx) {
    const checkers = allCheckers(ctx.analysis);
    for (let i = 0; i < checkers.length; i++) {
      const urls = checkers[i]!.checker.urls;
      for (let m = 0; m < urls.length; m++) {
        const url = urls[m]!;
        if (urlHoldsOnlyPathAndStatus(url)) continue;
        const lines = url.node.children;
        // The last regex line is the one keepalived keeps; the options of the whole url apply to it.
        let regex: AstNode | undefined;
        let extended = false;
        let emptyClassAllowed = false;
        for (let n = 0; n < lines.length; n++) {
          const line = lines[n]!;
          if (line.keyword === 'regex' && line.argCount > 0) regex = line;
          else if (line.keyword === 'regex_options') {
            for (let k = 0; k < line.argCount; k++) {
              extended ||= line.argText(k) === 'extended';
              emptyClassAllowed ||= line.argText(k) === 'allow_empty_class';
            }
          }
        }
        if (regex) checkRegexLine(ctx, regex, extended, emptyClassAllowed);
      }
    }
  },
};
