import type { FileRule } from '../types.js';
import type { AstNode } from '../../core/analysis/ast.js';
import { canonicalAddress, ipFamily, sockaddrFamily, type Family } from '../../core/analysis/values.js';
import { blockEnd, related, allCheckers, CHECKERS_CHECKED_SINCE } from './util.js';
import { ConnectionLine, type Checker, type RealServer, type VirtualServer } from '../../core/model/model.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

export function isLinkLocal6(addr: string): boolean {
  // Most targets are IPv4: no colon, no IPv6 (a cheap test before the full parse).
  if (!addr.includes(':') || ipFamily(addr) !== 6) return false;
  const first = parseInt(canonicalAddress(addr).split(':')[0]!, 16);
  return (first & 0xffc0) === 0xfe80;
}

interface Endpoint { node: AstNode; text: string; family: Family }

/** The real server as a connection's first destination (undefined when its address is unreadable). */
function serverEndpoint(rs: RealServer): Endpoint | undefined {
  const family = ipFamily(rs.address);
  return family ? { node: rs.node, text: rs.address, family } : undefined;
}

/**
 * The connect_ip and bindto lines of one connection (a checker, or an SMTP_CHECK host) in
 * keepalived's order, starting from the real server as destination when `fromServer` (else from
 * none: SMTP_CHECK's own connection); reports a line of the other
 * family. Returns the last connect_ip word and whether there is a bind_if.
 */
function checkFamilies(ctx: Parameters<FileRule['check']>[0], rs: RealServer, lines: readonly AstNode[], fromServer: boolean, smtpOwn = false): { connectIp?: string; bindIf: boolean; destCleared: boolean } {
  const rsNode = rs.node;
  // The real server's endpoint is worked out at the first connect_ip or bindto line: most
  // checkers have none (null: not yet worked out).
  let dst: Endpoint | undefined | null = fromServer ? null : undefined;
  let bind: Endpoint | undefined;
  let connectIp: string | undefined;
  let bindIf = false;
  // The last connect_ip left no destination (unreadable, or of bindto's other family): keepalived's family is then
  // unset, so its link-local test does not apply, and the checker cannot open a connection at all.
  let destCleared = false;
  // The report of the last connect_ip when it was skipped: SMTP_CHECK's own connection left without a
  // destination crashes some releases at its end (below).
  let skippedConnect: Parameters<typeof ctx.report>[0] | undefined;
  for (let i = 0, cs = lines; i < cs.length; i++) {
    const c = cs[i]!;
    const k = c.keyword;
    // `bind_if ""` binds to no interface (keepalived binds only to a non-empty name): as if there were none.
    if (k === 'bind_if') bindIf = c.argText(0) !== '';
    if (k !== 'connect_ip' && k !== 'bindto') continue;
    if (dst === null) dst = serverEndpoint(rs);
    const text = c.args[0]?.text;
    // Read as a socket address: a '/len' or '-range' after the address is ignored, not an error.
    const f = sockaddrFamily(text ?? '');
    if (k === 'connect_ip') connectIp = text;
    if (!f) {
      // An address keepalived cannot read clears what the line sets (inet_stosockaddr leaves the family unset), an
      // earlier valid line's value too: no destination (or bind address) is left to compare with (check_api.c).
      if (k === 'connect_ip') {
        dst = undefined;
        connectIp = undefined;
        destCleared = true;
      } else bind = undefined;
      continue;
    }
    const other: Endpoint | undefined = k === 'connect_ip' ? bind : dst;
    const mine: Endpoint | undefined = other && other.family !== f ? undefined : { node: c, text: text!, family: f };
    if (!mine) {
      const what = other!.node === rsNode ? `the real server address ${other!.text}` : `${other!.node.keyword} ${other!.text}`;
      const finding = {
        message: `${k} ${text} is not the same address family as ${what}; keepalived skips it (keepalived: "does not match address family")`,
        file: c.file,
        range: c.range,
        related: [related(other!.node, other!.node === rsNode ? 'real server here' : `${other!.node.keyword} here`)],
      };
      if (k === 'connect_ip') {
        if (skippedConnect) ctx.report(skippedConnect);
        skippedConnect = finding;
      }
      else ctx.report(finding);
    } else if (k === 'connect_ip') {
      if (skippedConnect) ctx.report(skippedConnect);
      skippedConnect = undefined;
    }
    // A skipped line leaves its address unset (keepalived clears its family): a skipped connect_ip
    // makes the checker connect to the real server address again.
    if (k === 'connect_ip') {
      dst = mine;
      if (!mine) connectIp = undefined;
      destCleared = !mine;
    } else bind = mine;
  }
  if (skippedConnect) {
    // 2.0.14 (36318cb4) to 2.1.3: an SMTP_CHECK whose connect_ip left no destination copies one from a
    // default never allocated, at the SMTP_CHECK's '}' (the 2.0.19 build: SIGSEGV after "connect_ip address
    // … does not match address family of bindto - skipping"); ca49b6cd (2.1.4) takes the real server's.
    if (smtpOwn && compareVersions(ctx.target, SMTP_UNSET_DESTINATION_CRASH[0]) >= 0 && compareVersions(ctx.target, SMTP_UNSET_DESTINATION_CRASH[1]) < 0) {
      skippedConnect.message += `, and keepalived ${ctx.target.join('.')} then crashes at the end of this SMTP_CHECK (a segmentation fault, also in keepalived -t; fixed in 2.1.4)`;
    }
    ctx.report(skippedConnect);
  }
  return { connectIp, bindIf, destCleared };
}

/**
 * Before 2.1.0 keepalived frees a dropped DNS_CHECK's name even when it is the built-in default (no `name` line): the
 * 2.0.10 and 2.0.19 builds abort ("free(): invalid pointer") after "Checker link local address … requires a bind_if";
 * 2.1.5 does not.
 */
const DNS_DEFAULT_NAME_FREED_BEFORE: Version = [2, 1, 0];

/**
 * What dropping a whole virtual server does to keepalived `target` besides (KA515, KA532): freeing a DNS_CHECK
 * without a name crashes 2.0.x. '' when nothing.
 */
export function virtualServerDropCrash(vs: VirtualServer, target: Version): string {
  for (const rs of vs.realServers) {
    for (const ck of rs.checkers) {
      if (ck.kind === 'DNS_CHECK' && dnsCheckFreeCrashes(ck.node, target)) {
        return `; and as keepalived ${target.join('.')} frees it, the DNS_CHECK without a 'name' line (line ${ck.node.range.start.line + 1}) crashes it ("free(): invalid pointer", an abort, also under keepalived -t; fixed in 2.1.0)`;
      }
    }
  }
  return '';
}

/** Whether freeing this DNS_CHECK crashes keepalived `target` (a DNS_CHECK without a `name` line, before 2.1.0). */
export function dnsCheckFreeCrashes(checker: AstNode, target: Version): boolean {
  return compareVersions(target, DNS_DEFAULT_NAME_FREED_BEFORE) < 0 && !checker.children.some((c) => c.keyword === 'name' && c.argCount > 0);
}

/**
 * From 2.2.8 (the parser rework that gave each block level its own pointer) the connection lines of an SMTP_CHECK host
 * block set the checker's own connection, and each host connects to the real server without a bind_if (the 2.2.8 and
 * 2.4.3 builds: a host's `connect_ip fe80::5` is reported at the SMTP_CHECK's '}', not the host's; one of the other
 * family leaves the host on the real server's address).
 */
const HOST_LINES_SET_CHECKER_SINCE: Version = [2, 2, 8];

/** An SMTP_CHECK's own connection lines as 2.2.8 and later read them: its hosts' lines among its own, in order. */
function withHostLines(checker: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const c of checker.children) {
    if (c.keyword === 'host') out.push(...c.children);
    else out.push(c);
  }
  return out;
}

/** The SMTP_CHECK options that make a release before 2.0.14 check (and use) the checker's own connection. */
const SMTP_CONNECTION_OPTIONS: ReadonlySet<string> = new Set(['connect_ip', 'connect_port', 'bindto', 'bind_port', 'bind_if', 'fwmark', 'connect_timeout']);

/** Releases that crash at the end of an SMTP_CHECK whose own connect_ip was skipped (see checkFamilies). */
const SMTP_UNSET_DESTINATION_CRASH: [Version, Version] = [[2, 0, 14], [2, 1, 4]];
/**
 * Releases whose SMTP_CHECK connection starts from the real server as destination, as other checkers' do: 36318cb4
 * (2.0.14) queues it with the server's address, ca49b6cd (2.1.4) clears it again (the 2.0.19 build: "bindto address
 * :: does not match address family of connect_ip - skipping" in an IPv4 server's SMTP_CHECK; 2.0.10 and 2.1.5 silent).
 */
const SMTP_FROM_SERVER: [Version, Version] = [[2, 0, 14], [2, 1, 4]];

/**
 * Options every release up to 2.4.3 accepts in a checker and then does not use: PING_CHECK opens its
 * ICMP socket without bindto or bind_if, and UDP_CHECK binds to bindto but never to bind_if
 * (check_ping.c, layer4.c udp_bind_connect; keepalived's development tree added both after 2.4.3,
 * commits e5978068 and 5149ad54).
 */
const NO_CONNECTION_LINES: { connectIp?: string; bindIf: boolean; destCleared: boolean } = { connectIp: undefined, bindIf: false, destCleared: false };

const BIND_IGNORED_UP_TO: Version = [2, 4, 3];
const IGNORED_BIND: Record<string, readonly string[]> = { PING_CHECK: ['bindto', 'bind_if', 'bind_port'], UDP_CHECK: ['bind_if'] };

/**
 * Before 1.3.7 keepalived checks no connection option: it keeps every connect_ip and bindto as written, and has no
 * bind_if. A bind address of the other family, or a link-local destination (no link can be named), then makes each
 * connection fail before it is made: the checker logs "… socket bind failed. Rescheduling." and reschedules without
 * changing the real server's state (the 1.3.5 build, TCP_CHECK to fe80::1, and bindto fd00::1 for 10.0.0.9; check_tcp.c,
 * check_http.c and check_dns.c do the same). SMTP_CHECK's hosts are left out.
 */
function checkUnchecked(ctx: Parameters<FileRule['check']>[0], ck: Checker, rs: RealServer): void {
  let dst: Endpoint | undefined = serverEndpoint(rs);
  let bind: Endpoint | undefined;
  for (let i = 0, cs = ck.node.children; i < cs.length; i++) {
    const c = cs[i]!;
    if (c.keyword !== 'connect_ip' && c.keyword !== 'bindto') continue;
    const text = c.args[0]?.text ?? '';
    const family = ipFamily(text);
    const e = family ? { node: c, text, family } : undefined;
    if (c.keyword === 'connect_ip') dst = e;
    else bind = e;
  }
  if (!dst) return;
  const release = `keepalived ${ctx.target.join('.')}`;
  const unchecked = 'so the connection fails before it is made (it logs "… socket bind failed. Rescheduling." every round) and the real server\'s state never changes: it is not health-checked';
  if (bind && bind.family !== dst.family) {
    const what = dst.node === rs.node ? `the real server address ${dst.text}` : `connect_ip ${dst.text}`;
    ctx.report({
      message: `bindto ${bind.text} is not the same address family as ${what}; ${release} keeps both, ${unchecked} (1.3.7 and later skip the mismatching line and report it)`,
      file: bind.node.file,
      range: bind.node.range,
      related: [related(dst.node, dst.node === rs.node ? 'real server here' : 'connect_ip here')],
    });
  } else if (isLinkLocal6(dst.text)) {
    ctx.report({
      message: `${ck.kind} connects to the link-local address ${dst.text}; ${release} cannot name the link for it (bind_if came in 1.3.7), ${unchecked}; use a global address`,
      ...blockEnd(ck.node),
      related: [related(ck.node, `${ck.kind} starts here`)],
    });
  }
}

export const checkerConnectionAddress: FileRule = {
  kind: 'file',
  code: 'KA530',
  name: 'checker-connection-address',
  family: 'lvs',
  severity: 'error',
  description: "A checker connects to an IPv6 link-local address without bind_if, its connect_ip and bindto are of different families, or it names a bindto/bind_if keepalived ignores (PING_CHECK; bind_if in UDP_CHECK).",
  docs: {
    why:
      'An IPv6 link-local address (fe80::/10) exists on every link, so a checker can only reach one through a named ' +
      'interface: without `bind_if` keepalived drops the checker ("requires a bind_if"). The target is `connect_ip`, or the ' +
      'real server address when there is none. Likewise `connect_ip` and `bindto` must be the same family, or keepalived ' +
      'skips the second one. Both make `keepalived -t` fail. And up to 2.4.3 PING_CHECK ignores `bindto` and `bind_if`, ' +
      'and UDP_CHECK ignores `bind_if`, without a word: the check goes out wherever the routing table sends it. Releases ' +
      'before 1.3.7 check none of this and have no `bind_if`: they keep such a checker, whose connection then fails before ' +
      'it is made, every round, without changing the real server\'s state, so the server is never health-checked.',
    bad: 'virtual_server 2001:db8::1 80 {\n    protocol TCP\n    real_server fe80::10 80 {\n        TCP_CHECK {\n        }\n    }\n}',
    good: 'virtual_server 2001:db8::1 80 {\n    protocol TCP\n    real_server fe80::10 80 {\n        TCP_CHECK {\n            bind_if eth1\n        }\n    }\n}',
  },
  check(ctx) {
    const checkers = allCheckers(ctx.analysis);
    for (let i = 0; i < checkers.length; i++) {
      const { rs, checker: ck } = checkers[i]!;
      if (ck.kind === 'MISC_CHECK' || ck.kind === 'FILE_CHECK' || ck.kind === 'BFD_CHECK') continue;
      if (compareVersions(ctx.target, CHECKERS_CHECKED_SINCE) < 0) {
        if (ck.kind !== 'SMTP_CHECK') checkUnchecked(ctx, ck, rs);
        continue;
      }
      // keepalived's checker starts with the real server as its destination (connect_ip); each
      // connect_ip or bindto is checked against the other as it is read, and a mismatching one
      // is dropped (an IPv6 bindto for an IPv4 real server without connect_ip, too).
      // SMTP_CHECK's own connection has no destination (but in SMTP_FROM_SERVER, where each of its host blocks starts as a
      // copy of the checker's connection so far, 36318cb4 to ca49b6cd); each host block starts from the real server.
      // The model notes which connection lines the checker has: most have none, and then nothing
      // below but the link-local check applies.
      const lines = ck.connectionLines;
      const smtp = ck.kind === 'SMTP_CHECK';
      const fromServer = !smtp || (compareVersions(ctx.target, SMTP_FROM_SERVER[0]) >= 0 && compareVersions(ctx.target, SMTP_FROM_SERVER[1]) < 0);
      const hostLinesToChecker = smtp && compareVersions(ctx.target, HOST_LINES_SET_CHECKER_SINCE) >= 0;
      const ownLines = hostLinesToChecker && (lines === undefined || (lines & ConnectionLine.host) !== 0) ? withHostLines(ck.node) : ck.node.children;
      const { connectIp, bindIf, destCleared } = lines === 0 ? NO_CONNECTION_LINES : checkFamilies(ctx, rs, ownLines, fromServer, smtp);
      // Hosts keepalived keeps (it drops one whose connection fails its link-local check, below).
      let keptHosts = 0;
      if (ck.kind === 'SMTP_CHECK' && (lines === undefined || (lines & ConnectionLine.host) !== 0)) for (let m = 0, hosts = ck.node.children; m < hosts.length; m++) {
        const host = hosts[m]!;
        if (host.keyword !== 'host') continue;
        // Each host is a connection of its own, checked when its block ends: it inherits no bind_if, and
        // keepalived drops the host alone (check_smtp.c, smtp_host_end_handler).
        const own = hostLinesToChecker ? NO_CONNECTION_LINES : checkFamilies(ctx, rs, host.children, true);
        // In the releases that start a host from the checker's connection (fromServer), it takes the checker's
        // connect_ip and bind_if read before it.
        let inheritedTarget: string | undefined;
        let inheritedBindIf = false;
        if (fromServer) {
          for (let k = 0; k < m; k++) {
            const c = hosts[k]!;
            if (c.keyword === 'connect_ip' && ipFamily(c.argText(0) ?? '')) inheritedTarget = c.argText(0);
            else if (c.keyword === 'bind_if' && c.argCount > 0) inheritedBindIf = true;
          }
        }
        const ownTarget = own.connectIp && ipFamily(own.connectIp) ? own.connectIp : undefined;
        const hostTarget = ownTarget ?? inheritedTarget ?? rs.address;
        if (own.bindIf || inheritedBindIf || !isLinkLocal6(hostTarget)) {
          keptHosts++;
          continue;
        }
        ctx.report({
          message: `this SMTP_CHECK host connects to the link-local address ${hostTarget} but has no 'bind_if'; keepalived drops the host (keepalived: "Checker link local address … requires a bind_if")`,
          ...blockEnd(host),
          related: [related(host, 'host starts here')],
        });
      }
      const ignored = lines !== 0 && compareVersions(ctx.target, BIND_IGNORED_UP_TO) <= 0 ? IGNORED_BIND[ck.kind] : undefined;
      for (let n = 0, cs = ignored ? ck.node.children : []; n < cs.length; n++) {
        const c = cs[n]!;
        if (!ignored!.includes(c.keyword!)) continue;
        ctx.report({
          severity: 'warning',
          message: `keepalived ${ctx.target.join('.')} accepts '${c.keyword}' in ${ck.kind} but does not use it: the ${ck.kind === 'PING_CHECK' ? 'ping' : 'check'} goes out with the ${c.keyword === 'bind_if' ? 'interface' : c.keyword === 'bindto' ? 'source address' : 'source port'} the system chooses (keepalived's development tree honours it after 2.4.3)`,
          file: c.file,
          range: c.range,
        });
      }
      const target = connectIp && ipFamily(connectIp) ? connectIp : rs.address;
      // A connect_ip that left no destination: keepalived's family is unset and its link-local test does not apply
      // (an SMTP_CHECK takes the real server's address then, from 2.1.4).
      if (bindIf || (destCleared && !smtp) || !isLinkLocal6(target)) continue;
      // Before 36318cb4 (2.0.14) an SMTP_CHECK checks its own connection only when one of its options is set, and
      // then frees it twice when it drops it.
      const oldSmtp = smtp && compareVersions(ctx.target, SMTP_FROM_SERVER[0]) < 0;
      if (oldSmtp && !ck.node.children.some((c) => SMTP_CONNECTION_OPTIONS.has(c.keyword))) continue;
      // From ca49b6cd (2.1.4) an SMTP_CHECK with host blocks keepalived kept and none of those options uses its hosts'
      // connections only: its own is never checked. With every host dropped it checks its own (the 2.1.5 build: "requires
      // a bind_if" at the host's '}' and again at the checker's).
      if (smtp && keptHosts > 0 && compareVersions(ctx.target, SMTP_FROM_SERVER[1]) >= 0 && !ownLines.some((c) => SMTP_CONNECTION_OPTIONS.has(c.keyword))) continue;
      // Before 2.1.0 dropping a DNS_CHECK frees its name, which without a `name` line is the built-in default.
      const crash =
        ck.kind === 'DNS_CHECK' && dnsCheckFreeCrashes(ck.node, ctx.target)
          ? `, and keepalived ${ctx.target.join('.')} then crashes freeing the default name of a DNS_CHECK without a 'name' line ("free(): invalid pointer", an abort, also under keepalived -t; fixed in 2.1.0)`
          : oldSmtp
            ? `, and keepalived ${ctx.target.join('.')} then frees the SMTP_CHECK's connection twice and crashes (a segmentation fault, also under keepalived -t; fixed in 2.0.14)`
            : '';
      ctx.report({
        message: `${ck.kind} connects to the link-local address ${target} but has no 'bind_if'; keepalived drops the checker (keepalived: "Checker link local address … requires a bind_if")${crash}`,
        ...blockEnd(ck.node),
        related: [related(ck.node, `${ck.kind} starts here`)],
      });
    }
  },
};
