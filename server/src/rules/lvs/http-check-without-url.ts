import type { FileRule } from '../types.js';
import { blockEnd, related } from './util.js';

export const httpCheckWithoutUrl: FileRule = {
  kind: 'file',
  code: 'KA504',
  name: 'http-check-without-url',
  family: 'lvs',
  severity: 'error',
  description: 'An HTTP_GET or SSL_GET checker has no url block with a path; keepalived drops the checker (and 2.2.7 crashes under -t).',
  docs: {
    why:
      'HTTP_GET and SSL_GET need at least one `url { path … }` to know what to request. Without one keepalived discards the ' +
      'checker, so the real server is never health-checked. keepalived 2.2.7 goes further: `keepalived -t` crashes with a ' +
      'segmentation fault (exit 139) right after reporting it, which breaks config validation in deployment pipelines.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            connect_timeout 3\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path /health\n                status_code 200\n            }\n            connect_timeout 3\n        }\n    }\n}',
  },
  check(ctx) {
    for (const vs of ctx.analysis.model.virtualServers) {
      for (const rs of vs.realServers) {
        for (const ck of rs.checkers) {
          if (ck.kind !== 'HTTP_GET' && ck.kind !== 'SSL_GET') continue;
          if (ck.urls.some((u) => u.path !== undefined && u.path !== '')) continue;
          const why = ck.urls.length ? 'none of its url blocks has a path' : 'it has no url block';
          // keepalived reports this when the checker block closes.
          ctx.report({
            message: `${ck.kind} checker is dropped: ${why} (keepalived: "HTTP/SSL_GET checker has no urls specified - ignoring"; 2.2.7 then crashes under -t)`,
            file: ck.node.file,
            range: blockEnd(ck.node),
            related: [related(ck.node, `${ck.kind} starts here`)],
          });
        }
      }
    }
  },
};
