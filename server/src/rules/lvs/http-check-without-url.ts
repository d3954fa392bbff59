import type { FileRule } from '../types.js';
import { blockEnd, related, checkersClosedByKeepalived, CHECKERS_CHECKED_SINCE, type CheckerAt } from './util.js';
import type { Checker, RealServer } from '../../core/model/model.js';
import { sockaddrFamily, sockaddrText } from '../../core/analysis/values.js';
import { isLinkLocal6 } from './checker-connection-address.js';
import { CONFIG_TEST_SINCE, compareVersions, type Version } from '../../core/schema/schema.js';

/**
 * keepalived 1.3.7 (which brought the check, 88693500) to 2.2.7 check the connection options of the
 * checker they have just dropped, reading the last checker queued before it: with none (the file's
 * first checker), or one without connection options (MISC_CHECK, BFD_CHECK), they crash: 2.0.7 to
 * 2.2.7 under -t (exit 139, built from their tags), 1.3.9 (Ubuntu 18.04) in its checker process as it
 * reads the config ("Keepalived_healthcheckers exited due to segmentation fault", its run.sh build);
 * the code is the same from 1.3.7. After a checker that connects (TCP_CHECK, HTTP_GET…) they read
 * on. 2.2.8 fixed it.
 */
const FIRST_CHECKER_CRASH: [Version, Version] = [[1, 3, 7], [2, 2, 8]];

/** A url keepalived keeps (one function, not a closure per checker): any path line with a word, `path ""` too. */
const hasPath = (u: { path?: string }): boolean => u.path !== undefined;

/** Checkers keepalived queues without connection options: reading those of one is a NULL dereference (FILE_CHECK: the 2.1.5, 2.2.4 and 2.2.7 builds). */
const WITHOUT_CONNECTION = new Set(['MISC_CHECK', 'BFD_CHECK', 'FILE_CHECK']);

/** Checkers whose connection keepalived checks when their block closes (check_conn_opts; SMTP_CHECK's hosts aside). */
const CONNECTION_CHECKED = new Set(['TCP_CHECK', 'HTTP_GET', 'SSL_GET', 'DNS_CHECK', 'UDP_CHECK', 'PING_CHECK']);

/**
 * Whether the checker connects to an IPv6 link-local address with no bind_if: keepalived drops it at its '}'
 * ("Checker link local address … requires a bind_if"; KA530 says more). The destination is the last connect_ip
 * keepalived can read, else the real server. (Found by the include fuzzer, 2.2.7: an SSL_GET dropped so, then an
 * HTTP_GET without url left none queued, and keepalived -t crashed.)
 */
function linkLocalWithoutBindIf(ck: Checker, rs: RealServer): boolean {
  if (!CONNECTION_CHECKED.has(ck.kind)) return false;
  let dst = rs.address;
  for (let i = 0, kids = ck.node.children; i < kids.length; i++) {
    const c = kids[i]!;
    if (c.keyword === 'bind_if' && c.argCount > 0) return false;
    if (c.keyword !== 'connect_ip') continue;
    if (sockaddrFamily(c.argText(0) ?? '') !== undefined) dst = sockaddrText(c.argText(0)!);
    // An address keepalived cannot read leaves no destination (the family unset), so no link-local test (an
    // SMTP_CHECK takes the real server's then).
    else if (ck.kind !== 'SMTP_CHECK') dst = '';
  }
  return isLinkLocal6(dst);
}

/**
 * Whether keepalived drops the checker when its block closes, taking it off the queue: an HTTP_GET or
 * SSL_GET without a url path, a MISC_CHECK without misc_path, a FILE_CHECK without track_file, a connection to a
 * link-local address without bind_if. (An unknown BFD name is left out: rarer, and it needs more than the block.)
 */
function droppedAtClose(ck: Checker, rs: RealServer): boolean {
  if (linkLocalWithoutBindIf(ck, rs)) return true;
  if (ck.kind === 'HTTP_GET' || ck.kind === 'SSL_GET') return !ck.urls.some(hasPath);
  // A FILE_CHECK without a track_file line ("FILE_CHECK has no track_file specified - ignoring"; found with the include
  // fuzzer, 2.2.7: a dropped FILE_CHECK before an SSL_GET without url left none queued, and keepalived -t crashed).
  if (ck.kind === 'FILE_CHECK') return !ck.node.children.some((c) => c.keyword === 'track_file' && c.argCount > 0);
  return ck.kind === 'MISC_CHECK' && ck.script === undefined;
}

/** The last checker still queued when checkers[i] closes, or undefined. */
function queuedBefore(checkers: readonly CheckerAt[], i: number): Checker | undefined {
  for (let j = i - 1; j >= 0; j--) {
    const { checker: ck, rs } = checkers[j]!;
    if (!droppedAtClose(ck, rs)) return ck;
  }
  return undefined;
}

export const httpCheckWithoutUrl: FileRule = {
  kind: 'file',
  code: 'KA504',
  name: 'http-check-without-url',
  family: 'lvs',
  severity: 'error',
  description: 'An HTTP_GET or SSL_GET checker has no url block with a path; keepalived drops the checker (and 1.3.7 to 2.2.7 crash when no checker that connects comes before it).',
  docs: {
    why:
      'HTTP_GET and SSL_GET need at least one `url { path … }` to know what to request. Without one keepalived discards the ' +
      'checker, so the real server is never health-checked. keepalived 1.3.7 to 2.2.7 go further when it is the first ' +
      'checker in the file, or the checker before it is a MISC_CHECK, BFD_CHECK or FILE_CHECK (which have no connection): the checker process ' +
      'crashes with a segmentation fault right after reporting it, so no real server is checked at all, and `keepalived -t` ' +
      '(2.0.4 and later) crashes too (exit 139), which breaks config validation in deployment pipelines. Releases before 1.3.7 ' +
      'keep a checker without url blocks and count each round as a success without connecting: the real server is never ' +
      'checked either.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            connect_timeout 3\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path /health\n                status_code 200\n            }\n            connect_timeout 3\n        }\n    }\n}',
  },
  check(ctx) {
    const crashes = compareVersions(ctx.target, FIRST_CHECKER_CRASH[0]) >= 0 && compareVersions(ctx.target, FIRST_CHECKER_CRASH[1]) < 0;
    // keepalived queues checkers in file order, across virtual servers.
    const checkers = checkersClosedByKeepalived(ctx.analysis);
    for (let i = 0; i < checkers.length; i++) {
      const { checker: ck } = checkers[i]!;
      if (ck.kind !== 'HTTP_GET' && ck.kind !== 'SSL_GET') continue;
      if (ck.urls.some(hasPath)) continue;
      if (compareVersions(ctx.target, CHECKERS_CHECKED_SINCE) < 0) {
        // 1.3.5 keeps the checker and its urls as written: one without a path is requested as it is (KA505 says so).
        if (ck.urls.length) continue;
        // With no url to request, each round is a success at once (check_http.c: "enable server w/o checking"; the 1.3.5
        // build marks an alpha server that does not answer up: "Remote Web server … succeed on service").
        ctx.report({
          message: `${ck.kind} checker has no url block; keepalived ${ctx.target.join('.')} keeps it, but with nothing to request it counts every round as a success without connecting, so the real server is never health-checked (1.3.7 and later drop the checker: "HTTP/SSL_GET checker has no urls specified - ignoring")`,
          ...blockEnd(ck.node),
          related: [related(ck.node, `${ck.kind} starts here`)],
        });
        continue;
      }
      const why = ck.urls.length ? 'none of its url blocks has a path' : 'it has no url block';
      let crash = '';
      if (crashes) {
        const before = queuedBefore(checkers, i);
        const release = `keepalived ${ctx.target.join('.')}`;
        // Releases without -t crash in the checker process, which then does no health checks.
        const how = compareVersions(ctx.target, CONFIG_TEST_SINCE) >= 0 ? 'also under -t' : 'its checker process dies as it reads the config';
        if (!before) crash = i === 0 ? `; no checker comes before it, and ${release} then crashes, ${how}` : `; the checkers before it are dropped too, so none is queued, and ${release} then crashes, ${how}`;
        else if (WITHOUT_CONNECTION.has(before.kind)) {
          crash = `; ${release} then checks the connection of the checker queued before it, the ${before.kind} of line ${before.node.range.start.line + 1}, which has none, and crashes, ${how}`;
        }
      }
      // keepalived reports this when the checker block closes.
      ctx.report({
        message: `${ck.kind} checker is dropped: ${why} (keepalived: "HTTP/SSL_GET checker has no urls specified - ignoring")${crash}`,
        ...blockEnd(ck.node),
        related: [related(ck.node, `${ck.kind} starts here`)],
      });
    }
  },
};
