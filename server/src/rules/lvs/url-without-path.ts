import type { AstNode } from '../../core/analysis/ast.js';
import { DUPLICATE_REGEX_REPORTED_SINCE } from '../../core/analysis/walker.js';
import { compareVersions } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { blockEnd, related, allCheckers, CHECKERS_CHECKED_SINCE } from './util.js';

/** The `regex` lines of a url keepalived reads (exactly one pattern: "regex missing or too many fields" otherwise). */
function regexLines(url: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (let i = 0, cs = url.children; i < cs.length; i++) if (cs[i]!.keyword === 'regex' && cs[i]!.argCount === 1) out.push(cs[i]!);
  return out;
}

export const urlWithoutPath: FileRule = {
  kind: 'file',
  code: 'KA505',
  name: 'url-without-path',
  family: 'lvs',
  severity: 'error',
  description: 'A url block of an HTTP_GET/SSL_GET checker has no path; keepalived ignores the url (and hands its regex on to the next url).',
  docs: {
    why:
      'Each `url` block describes one request, and the request needs a `path`. keepalived drops a url without one ' +
      '("url has no path - ignoring"), so its status_code or digest is never checked; if it was the only url, the whole ' +
      'checker is dropped too. Its `regex` is not dropped with it: keepalived keeps the pattern pending and gives it to the ' +
      'next url it reads, so a url with no regex of its own (even one of another real server) then only passes when the ' +
      'page matches a pattern written for another url. Releases before 1.3.7 keep the url and request it without a path ' +
      '(the request line reads `GET (null) HTTP/1.0`), which no server answers as the url expects.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                status_code 200\n            }\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path /\n                status_code 200\n            }\n        }\n    }\n}',
  },
  check(ctx) {
    const checkers = allCheckers(ctx.analysis);
    const label = ctx.target.join('.');
    const reportsDuplicate = compareVersions(ctx.target, DUPLICATE_REGEX_REPORTED_SINCE) >= 0;
    // keepalived's pattern of the last regex read, which only a url with a path takes (check_http.c: a file-wide static).
    let pending: { line: AstNode; url: AstNode } | undefined;
    for (let i = 0; i < checkers.length; i++) {
      const { checker: ck } = checkers[i]!;
      for (let m = 0, urlList = ck.urls; m < urlList.length; m++) {
        const url = urlList[m]!;
        const own = regexLines(url.node);
        if (own.length && pending && pending.url !== url.node && reportsDuplicate) {
          ctx.report({
            message:
              `keepalived ${label} reports "Duplicate regex specified - replacing ${pending.line.argText(0)} with ${own[0]!.argText(0)}" here: ` +
              `the regex of the url ignored at line ${pending.url.range.start.line + 1} (it has no path) is still pending, and this one replaces it; give that url a path or remove its regex`,
            severity: 'warning',
            file: own[0]!.file,
            range: own[0]!.word?.range ?? own[0]!.range,
            related: [related(pending.line, 'the pending regex')],
          });
        }
        if (own.length) pending = { line: own[own.length - 1]!, url: url.node };
        if (url.path === undefined && compareVersions(ctx.target, CHECKERS_CHECKED_SINCE) < 0) {
          // The 1.3.5 build keeps the url (dump: "Checked url = (null)") and sends "GET (null) HTTP/1.0" for it.
          ctx.report({
            message: `This url block has no 'path'; keepalived ${label} keeps it and requests it without a path (its request line reads 'GET (null) HTTP/1.0'), so the check normally fails on a healthy server (a 404 for the path '(null)'); 1.3.7 and later ignore the url ("HTTP/SSL_GET checker url has no path - ignoring")`,
            ...blockEnd(url.node),
            related: [related(url.node, 'url starts here')],
          });
          continue;
        }
        // `path ""` is a path: keepalived keeps the empty word (STRDUP, not NULL) and the url with it (KA542 says what it requests).
        if (url.path === undefined) {
          ctx.report({
            message: `This url block has no 'path'; keepalived ignores it (keepalived: "HTTP/SSL_GET checker url has no path - ignoring")${own.length ? ', but not its regex, which it gives to the next url it reads' : ''}`,
            ...blockEnd(url.node),
            related: [related(url.node, 'url starts here')],
          });
          continue;
        }
        if (pending && !own.length) {
          ctx.report({
            message:
              `This url has no regex of its own, but keepalived gives it the regex '${pending.line.argText(0)}' of the url ignored at line ${pending.url.range.start.line + 1} (it has no path), ` +
              'so the check only passes when the page matches that pattern; give that url a path or remove its regex',
            severity: 'warning',
            file: url.node.file,
            range: url.node.word?.range ?? url.node.range,
            related: [related(pending.line, 'the regex it takes')],
          });
        }
        pending = undefined;
      }
    }
  },
};
