// KA543: an HTTP_GET checking a TLS port (443, 8443), or an SSL_GET checking a plain HTTP port (80, 8080). keepalived
// -t cannot know what listens there; the running checker fails on every healthy server (a plain request to a TLS
// port gets no HTTP answer, a TLS handshake to an HTTP port fails), so every real server leaves the pool.

import type { FileRule } from '../types.js';
import { allCheckers } from './util.js';

const TLS_PORTS: ReadonlySet<number> = new Set([443, 8443]);
const PLAIN_PORTS: ReadonlySet<number> = new Set([80, 8080]);

export const checkerTlsPort: FileRule = {
  kind: 'file',
  code: 'KA543',
  name: 'checker-tls-port',
  family: 'lvs',
  severity: 'warning',
  description: 'An HTTP_GET checks port 443 or 8443 (TLS), or an SSL_GET port 80 or 8080 (plain HTTP): the check fails on healthy servers.',
  docs: {
    why:
      'HTTP_GET sends a plain HTTP request and SSL_GET opens a TLS connection first. Pointed at the other kind of port, every check fails ' +
      '(a TLS server answers a plain request with an alert or nothing; a plain server does not complete a handshake), so keepalived ' +
      'takes every real server out of the pool although all of them are healthy. keepalived -t cannot see it. The port checked is the ' +
      "checker's connect_port, else the real server's. Use SSL_GET for a TLS port and HTTP_GET for a plain one (or set connect_port to the port that speaks that protocol).",
    bad: 'virtual_server 10.0.0.1 443 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.1.1 443 {\n        HTTP_GET {\n            url {\n                path /healthz\n                status_code 200\n            }\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 443 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.1.1 443 {\n        SSL_GET {\n            url {\n                path /healthz\n                status_code 200\n            }\n        }\n    }\n}',
  },
  check({ analysis, report }) {
    const checkers = allCheckers(analysis);
    for (let i = 0; i < checkers.length; i++) {
      const { vs, rs, checker } = checkers[i]!;
      if (checker.kind !== 'HTTP_GET' && checker.kind !== 'SSL_GET') continue;
      const port = checker.connectPort ?? rs.port ?? vs.port;
      if (port === undefined) continue;
      const where = checker.connectPort !== undefined ? 'its connect_port' : `real server ${rs.address}`;
      if (checker.kind === 'HTTP_GET' && TLS_PORTS.has(port)) {
        report({
          message: `HTTP_GET checks port ${port} (${where}), a TLS port: it sends a plain HTTP request, which a TLS server does not answer, so the check fails on a healthy server and keepalived takes it out of the pool; use SSL_GET`,
          file: checker.node.file,
          range: checker.node.word!.range,
          fix: checker.node.word!.expanded ? undefined : { description: 'Use SSL_GET', edits: [{ file: checker.node.file, range: checker.node.word!.range, newText: 'SSL_GET' }] },
        });
      } else if (checker.kind === 'SSL_GET' && PLAIN_PORTS.has(port)) {
        report({
          message: `SSL_GET checks port ${port} (${where}), a plain HTTP port: it starts a TLS handshake, which a plain HTTP server does not complete, so the check fails on a healthy server and keepalived takes it out of the pool; use HTTP_GET`,
          file: checker.node.file,
          range: checker.node.word!.range,
          fix: checker.node.word!.expanded ? undefined : { description: 'Use HTTP_GET', edits: [{ file: checker.node.file, range: checker.node.word!.range, newText: 'HTTP_GET' }] },
        });
      }
    }
  },
};
