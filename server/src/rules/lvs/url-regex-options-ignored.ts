// KA539: regex settings of an HTTP_GET/SSL_GET url that keepalived clears after reading the url
// (2.0.7 to 2.4.3 check_http.c url_check, log only, so keepalived -t is silent): options without a
// readable `regex`, and a regex_min_offset above regex_max_offset.

import type { AstNode } from '../../core/analysis/ast.js';
import type { FileRule } from '../types.js';
import { allCheckers, urlHoldsOnlyPathAndStatus } from './util.js';

/** The url lines that only mean something with a regex (regex_stack only in JIT builds, which the packages are). */
const REGEX_SETTINGS = new Set(['regex_no_match', 'regex_options', 'regex_min_offset', 'regex_max_offset', 'regex_stack']);

/** A regex_*_offset as keepalived reads it: strtoul of its only word, 0 when it is not one whole number. */
function offset(line: AstNode | undefined): number | undefined {
  if (!line) return undefined;
  const w = line.argCount === 1 ? line.argText(0) : undefined;
  return w !== undefined && /^\d+$/.test(w) ? Number(w) : 0;
}

export const urlRegexOptionsIgnored: FileRule = {
  kind: 'file',
  code: 'KA539',
  name: 'url-regex-options-ignored',
  family: 'lvs',
  severity: 'warning',
  description: 'A url has regex_no_match, regex_options, regex_min/max_offset or regex_stack without a regex, or a regex_min_offset above its regex_max_offset; keepalived clears them.',
  docs: {
    why:
      'The regex settings of an HTTP_GET/SSL_GET url only shape how its `regex` is matched. Without a `regex` line keepalived can read ' +
      '(one pattern, quoted when it has spaces) it clears all of them, and with a minimum offset beyond the maximum it clears both ' +
      'offsets. It only logs this, so `keepalived -t` says nothing: a `regex_no_match` meant to fail the check when an error page ' +
      'appears then checks nothing, and offsets meant to limit the search are gone.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path /health\n                regex_no_match\n            }\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path /health\n                regex "Internal Server Error"\n                regex_no_match\n            }\n        }\n    }\n}',
  },
  check(ctx) {
    const checkers = allCheckers(ctx.analysis);
    for (let i = 0; i < checkers.length; i++) {
      const urls = checkers[i]!.checker.urls;
      for (let m = 0; m < urls.length; m++) {
        const url = urls[m]!;
        // keepalived drops a url without a path before it looks at the regex (KA505).
        if (url.path === undefined || urlHoldsOnlyPathAndStatus(url)) continue;
        const lines = url.node.children;
        let regex = false;
        let minLine: AstNode | undefined;
        let maxLine: AstNode | undefined;
        const settings: AstNode[] = [];
        for (let n = 0; n < lines.length; n++) {
          const line = lines[n]!;
          // "regex missing or too many fields": a regex line is read only with exactly one pattern.
          if (line.keyword === 'regex') regex = line.argCount === 1 || regex;
          else if (REGEX_SETTINGS.has(line.keyword)) {
            settings.push(line);
            if (line.keyword === 'regex_min_offset') minLine = line;
            if (line.keyword === 'regex_max_offset') maxLine = line;
          }
        }
        if (!settings.length) continue;
        if (!regex) {
          for (const line of settings) {
            ctx.report({ message: `'${line.keyword}' has no effect: this url has no regex, so keepalived clears its regex settings (it only logs "regex parameters specified without regex")`, file: line.file, range: line.range });
          }
          continue;
        }
        const min = offset(minLine);
        const max = offset(maxLine);
        if (minLine && maxLine && min! > max!) {
          ctx.report({
            message: `regex_min_offset ${min} is beyond regex_max_offset ${max}; keepalived clears both offsets (it only logs "regex min offset > regex_max_offset - ignoring")`,
            file: minLine.file,
            range: minLine.range,
            related: [{ file: maxLine.file, range: maxLine.range, message: 'regex_max_offset' }],
          });
        }
      }
    }
  },
};
