import type { FileRule } from '../types.js';
import { blockEnd, related, allCheckers } from './util.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/**
 * keepalived 2.0.7 to 2.2.7 check the connection options of the checker they have just dropped,
 * reading the last checker queued before it: with none (the file's first checker) they crash
 * under -t (exit 139, built from their tags); after another checker they read on. 2.2.8 fixed it.
 */
const FIRST_CHECKER_CRASH: [Version, Version] = [[2, 0, 7], [2, 2, 8]];

/** A url keepalived keeps (one function, not a closure per checker). */
const hasPath = (u: { path?: string }): boolean => u.path !== undefined && u.path !== '';

export const httpCheckWithoutUrl: FileRule = {
  kind: 'file',
  code: 'KA504',
  name: 'http-check-without-url',
  family: 'lvs',
  severity: 'error',
  description: 'An HTTP_GET or SSL_GET checker has no url block with a path; keepalived drops the checker (and 2.0.7 to 2.2.7 crash under -t when it is the first checker).',
  docs: {
    why:
      'HTTP_GET and SSL_GET need at least one `url { path … }` to know what to request. Without one keepalived discards the ' +
      'checker, so the real server is never health-checked. keepalived 2.0.7 to 2.2.7 go further when it is the first ' +
      'checker in the file: `keepalived -t` crashes with a segmentation fault (exit 139) right after reporting it, which ' +
      'breaks config validation in deployment pipelines.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            connect_timeout 3\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path /health\n                status_code 200\n            }\n            connect_timeout 3\n        }\n    }\n}',
  },
  check(ctx) {
    const crashes = compareVersions(ctx.target, FIRST_CHECKER_CRASH[0]) >= 0 && compareVersions(ctx.target, FIRST_CHECKER_CRASH[1]) < 0;
    // keepalived queues checkers in file order, across virtual servers.
    let first = true;
    const checkers = allCheckers(ctx.analysis);
    for (let i = 0; i < checkers.length; i++) {
      const { checker: ck } = checkers[i]!;
      const isFirst = first;
      first = false;
      if (ck.kind !== 'HTTP_GET' && ck.kind !== 'SSL_GET') continue;
      if (ck.urls.some(hasPath)) continue;
      const why = ck.urls.length ? 'none of its url blocks has a path' : 'it has no url block';
      const crash = crashes && isFirst ? `; no checker comes before it, and keepalived ${ctx.target.join('.')} then crashes, also under -t` : '';
      // keepalived reports this when the checker block closes.
      ctx.report({
        message: `${ck.kind} checker is dropped: ${why} (keepalived: "HTTP/SSL_GET checker has no urls specified - ignoring")${crash}`,
        file: ck.node.file,
        range: blockEnd(ck.node),
        related: [related(ck.node, `${ck.kind} starts here`)],
      });
    }
  },
};
