import type { FileRule } from '../types.js';
import { blockEnd, related, allCheckers } from './util.js';

export const urlWithoutPath: FileRule = {
  kind: 'file',
  code: 'KA505',
  name: 'url-without-path',
  family: 'lvs',
  severity: 'error',
  description: 'A url block of an HTTP_GET/SSL_GET checker has no path; keepalived ignores the url.',
  docs: {
    why:
      'Each `url` block describes one request, and the request needs a `path`. keepalived drops a url without one ' +
      '("url has no path - ignoring"), so its status_code or digest is never checked; if it was the only url, the whole ' +
      'checker is dropped too.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                status_code 200\n            }\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path /\n                status_code 200\n            }\n        }\n    }\n}',
  },
  check(ctx) {
    const checkers = allCheckers(ctx.analysis);
    for (let i = 0; i < checkers.length; i++) {
      const { checker: ck } = checkers[i]!;
      for (let m = 0, urlList = ck.urls; m < urlList.length; m++) {
        const url = urlList[m]!;
        if (url.path !== undefined && url.path !== '') continue;
        ctx.report({
          message: `This url block has no 'path'; keepalived ignores it (keepalived: "HTTP/SSL_GET checker url has no path - ignoring")`,
          file: url.node.file,
          range: blockEnd(url.node),
          related: [related(url.node, 'url starts here')],
        });
      }
    }
  },
};
