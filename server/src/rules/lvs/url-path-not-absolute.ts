// KA542: an HTTP_GET/SSL_GET url path that does not start with '/'. keepalived puts the path into its request line
// exactly as written (check_http.c: "GET <path> HTTP/1.x"), so `path healthz` sends `GET healthz HTTP/1.0`, which is
// not a valid request target (RFC 9112: an origin-form target starts with '/'): nginx and Apache answer 400, the
// status check fails on every healthy server, and keepalived -t says nothing.

import type { AstNode } from '../../core/analysis/ast.js';
import { replaceWordFix } from '../fixes.js';
import type { FileRule } from '../types.js';
import { allCheckers } from './util.js';

/** A target a server takes: origin-form ('/…') or absolute-form ('http://host/…'), or '*'. */
const VALID_TARGET = /^(?:\/|\*$|[A-Za-z][A-Za-z0-9+.-]*:\/\/)/;
/** Characters of template placeholders (`{{ path }}`, `%PATH%`, `$P`): an unrendered template is KA108's business. */
const PLACEHOLDER = /[%<>{}$@]/;

function pathLine(url: AstNode): AstNode | undefined {
  let last: AstNode | undefined;
  // keepalived keeps the last path line of a url (a later one replaces the earlier: KA211).
  for (let i = 0, cs = url.children; i < cs.length; i++) if (cs[i]!.keyword === 'path' && cs[i]!.argCount > 0) last = cs[i];
  return last;
}

export const urlPathNotAbsolute: FileRule = {
  kind: 'file',
  code: 'KA542',
  name: 'url-path-not-absolute',
  family: 'lvs',
  severity: 'warning',
  description: "An HTTP_GET/SSL_GET url path that does not start with '/' (or is empty): keepalived sends it as written, and web servers refuse the request.",
  docs: {
    why:
      "keepalived builds its health-check request line from the url's `path` as written: `path healthz` becomes `GET healthz HTTP/1.0`. " +
      "A request target has to start with '/' (or be a full `http://host/…` URL), so nginx, Apache and most other servers answer " +
      '400 Bad Request: with `status_code 200` every real server fails its check and leaves the pool, although all of them are healthy. ' +
      "keepalived -t accepts the path without a word. An empty path (`path \"\"`) is kept too: the request line then has no target at all. " +
      "Write the path with its leading '/'.",
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path healthz\n                status_code 200\n            }\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path /healthz\n                status_code 200\n            }\n        }\n    }\n}',
  },
  check({ analysis, report }) {
    const checkers = allCheckers(analysis);
    for (let i = 0; i < checkers.length; i++) {
      for (let m = 0, urls = checkers[i]!.checker.urls; m < urls.length; m++) {
        const path = urls[m]!.path;
        if (path === undefined || VALID_TARGET.test(path) || PLACEHOLDER.test(path)) continue;
        const line = pathLine(urls[m]!.node);
        const word = line?.argWord(0);
        if (!line || !word) continue;
        if (path === '') {
          // `path ""`: keepalived keeps the url with the empty path (STRDUP of the empty word; its check is for a missing one).
          report({
            message: `url path is empty: keepalived keeps this url and sends "GET  HTTP/1.x", a request line without a target, which is no valid HTTP request, so the check fails on healthy servers; write the path to request, '/' for the root`,
            file: line.file,
            range: word.range,
            fix: replaceWordFix(word, '/', "Write the path as '/'"),
          });
          continue;
        }
        report({
          message: `url path '${path}' does not start with '/': keepalived sends "GET ${path} HTTP/1.x" as written, which web servers refuse (400 Bad Request), so the check fails on healthy servers; write '/${path}'`,
          file: line.file,
          range: word.range,
          fix: replaceWordFix(word, `/${path}`, `Write the path as '/${path}'`),
        });
      }
    }
  },
};
