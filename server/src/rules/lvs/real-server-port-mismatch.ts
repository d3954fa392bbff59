import type { FileRule } from '../types.js';
import type { AstNode, Word } from '../../core/analysis/ast.js';
import type { TextEdit } from '../../core/diagnostics.js';
import type { VirtualServer } from '../../core/model/model.js';
import { fix, groupAddressEntries, groupFwmarkEntries, marksTraffic, realServerForwarding, related, rsLabel, sorryForwarding, vsLabel } from './util.js';
import { keptRealServers, reachesChecks } from './families.js';
import { DUPLICATE_REMOVED_SINCE, portCollisions } from './port-reset.js';
import { lvsFacts } from './server-facts.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/**
 * fcd3efa5 (2.0.15) made keepalived reset or clear these ports (and say so). Before it keepalived keeps the port
 * written: the kernel ignores it for DR and TUN, and the health checks probe it, so removing it is no fix there.
 */
const OVERRIDDEN_SINCE: Version = [2, 0, 15];

/**
 * Before b95e37f0 (2.1.0) a sorry server that has no method when its line is read (neither its own nor the virtual
 * server's yet) keeps none: it never gets the virtual server's later method nor the NAT default, and the port check,
 * which only spares NAT, resets its port (the 2.0.19 build: "virtual server … and sorry server ports don't match -
 * resetting" for a service without lb_kind).
 */
const SORRY_METHOD_DEFAULTED_SINCE: Version = [2, 1, 0];

/** A real or sorry server forwarded with DR or TUN, whose port keepalived checks. */
interface PortedServer {
  node: AstNode;
  port?: number;
  method: string;
  /** Said after the method when the server was given it at its line and a later lb_kind changed the virtual server's. */
  given?: string;
  /** Another real server of the virtual server that has the same address and port once keepalived has set the ports. */
  twin?: AstNode;
  label: () => string;
  sorry?: boolean;
}

/** Why a server has a method the virtual server's last lb_kind does not say, if so. */
function givenAtLine(own: string | undefined, inherited: string | undefined, last: string | undefined): string | undefined {
  return !own && inherited && inherited !== last ? `(the virtual server's lb_kind when the server's line was read: a later lb_kind does not change it)` : undefined;
}

/** Checkers that connect to a port: without their own connect_port they probe the server's port as written. */
const PORT_CHECKERS: ReadonlySet<string> = new Set(['TCP_CHECK', 'HTTP_GET', 'SSL_GET', 'SMTP_CHECK', 'DNS_CHECK', 'UDP_CHECK']);

function probesServerPort(server: AstNode): boolean {
  return server.children.some((c) => PORT_CHECKERS.has(c.keyword) && !c.children.some((l) => l.keyword === 'connect_port'));
}

/** The port word to edit; none when the address or port came out of a `$NAME` or a ~SEQ row (the edit would land on the reference). */
function portWord(node: AstNode): Word | undefined {
  const w = node.args[1];
  return w && !w.expanded && !node.args[0]?.expanded ? w : undefined;
}

function replaceWord(w: Word, newText: string): TextEdit {
  return { file: w.file, range: w.range, newText };
}

/** Deletes a port word together with the blank before it. */
function deletePort(server: AstNode, w: Word): TextEdit {
  const prev = server.args[0] ?? server.word!;
  return { file: w.file, range: { start: prev.range.end, end: w.range.end }, newText: '' };
}

export const realServerPortMismatch: FileRule = {
  kind: 'file',
  code: 'KA510',
  name: 'real-server-port-mismatch',
  family: 'lvs',
  severity: 'warning',
  description: 'With DR or TUN forwarding a real (or sorry) server port differs from the virtual server port, or a fwmark service gives a port; keepalived overrides it.',
  docs: {
    why:
      'Direct routing and tunnelling deliver the packet unchanged, so they cannot rewrite the destination port: the real ' +
      'server receives traffic on the virtual server port. keepalived resets a different real server port to the virtual ' +
      'server port (and clears ports on firewall-mark services) and `keepalived -t` reports it; its health checks, which took ' +
      'the port as written before the reset, still probe that port unless they set connect_port. Use NAT to map ports, or write the port that is really used. Releases before 2.0.15 ' +
      'keep the port as written (the kernel ignores it, the health checks probe it). keepalived looks for repeated real ' +
      'servers before it resets ports: when the reset port makes the server the same address and port as another ' +
      'real_server of the service, it keeps both blocks, each with its own weight and health checks, and kalint says so ' +
      'and offers no port (written with that port, the block is a repeat keepalived removes, with its checks: KA502).',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    lb_kind DR\n    real_server 10.0.1.1 8080 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    lb_kind DR\n    real_server 10.0.1.1 80 {\n    }\n}',
  },
  check(ctx) {
    if (compareVersions(ctx.target, OVERRIDDEN_SINCE) < 0) return;
    /** `setPort`: the port keepalived resets the server's to (undefined: it clears it). */
    const report = (vs: VirtualServer, s: PortedServer, message: string, edit: TextEdit | undefined, what: string, setPort?: number) => {
      // A checker without connect_port took the server's port as written when its block was read, before keepalived
      // reset it (suggestions audit, 2.2.7 checker dump): removing the port makes it probe port 0, which fails.
      const probes = probesServerPort(s.node);
      const twin = s.twin;
      if (twin) {
        // keepalived looks for repeated real servers (address and port as written) before it sets the ports, so it
        // keeps both blocks (lsp62; the 2.0.19 to 2.4.3 checker processes start both). Writing the port it sets
        // would make a repeat it does notice, and removes with its checks (KA502): no edit, the blocks are to be merged.
        const changes = setPort === undefined ? 'clears ports' : 'resets ports';
        const rewritten = setPort ? `written with port ${setPort}, this one is` : 'without their ports, the two are';
        const noticed = compareVersions(ctx.target, DUPLICATE_REMOVED_SINCE) >= 0 ? ` (${rewritten} a repeat keepalived does notice, and it removes the later block with its health checks, KA502)` : '';
        message += `; that makes it the same real server as '${twin.keyword} ${twin.args.map((w) => w.text).join(' ')}' (line ${twin.range.start.line + 1}), and keepalived, which looks for repeated real servers before it ${changes}, keeps both blocks, each with its own weight and health checks, for one address and port: merge them into one block${noticed}`;
      }
      ctx.report({
        message,
        file: vs.node.file,
        range: vs.node.range,
        related: twin ? [related(s.node, what), related(twin, 'the same address and port once keepalived has set the ports')] : [related(s.node, what)],
        fix: twin || (edit && !edit.newText && probes) ? undefined : fix(edit?.newText ? `Use port ${edit.newText}${probes ? ` (the health checks then probe port ${edit.newText} too)` : ''}` : 'Remove the port', [edit]),
      });
    };
    for (let i = 0, fs = lvsFacts(ctx.analysis).servers; i < fs.length; i++) {
      const f = fs[i]!;
      const vs = f.vs;
      if (!reachesChecks(f)) continue;
      // A virtual server written without a port serves port 0 (all ports), which no real server port matches.
      // `fwmark 0` marks nothing: keepalived reads an address service with port 0 (see marksTraffic).
      const byAddress = vs.kind === 'address' || (vs.kind === 'fwmark' && !marksTraffic(vs));
      const vsPort = vs.kind === 'address' ? (vs.port ?? (vs.node.argCount === 1 ? 0 : undefined)) : byAddress ? 0 : undefined;
      // Only DR/TUN servers with a port can be wrong: collected only when there are some.
      let servers: PortedServer[] | undefined;
      for (let j = 0, rList = keptRealServers(f); j < rList.length; j++) {
        const r = rList[j]!;
        const port = r.rs.port;
        if (!port) continue;
        // The common DR server has the service's own port: nothing to report, nothing to collect.
        if (byAddress && (vsPort === undefined || vsPort === port)) continue;
        const method = realServerForwarding(f, r);
        if (method !== 'NAT') (servers ??= []).push({ node: r.rs.node, port, method, given: givenAtLine(r.forwarding, r.inherited, f.forwarding), label: () => rsLabel(r.rs) });
      }
      const sorry = vs.sorryServer;
      // A sorry server of the other family was dropped when the block ended.
      if (sorry && !f.familyFindings.some((x) => x.kind === 'sorry_server')) {
        const methodless = compareVersions(ctx.target, SORRY_METHOD_DEFAULTED_SINCE) < 0 && !f.sorryOwnForwarding && !f.sorryInherited;
        (servers ??= []).push({
          node: sorry.node,
          port: sorry.port,
          method: methodless ? 'no' : sorryForwarding(f)!,
          given: methodless ? `(keepalived ${ctx.target.join('.')} gives a sorry server the virtual server's lb_kind only when one is set before its line, and its port check spares only NAT; set lb_kind before the sorry_server line)` : givenAtLine(f.sorryOwnForwarding, f.sorryInherited, f.forwarding),
          label: () => `sorry_server ${sorry.node.args.map((w) => w.text).join(' ')}`,
          sorry: true,
        });
      }
      if (!servers) continue;
      // Servers that keepalived's ports make one (only looked for where a port is reported).
      const collisions = portCollisions(f, ctx.target);
      if (collisions.length) {
        const twins = new Map<AstNode, AstNode>();
        for (const c of collisions) {
          if (!twins.has(c.rs.rs.node)) twins.set(c.rs.rs.node, c.first.rs.node);
          if (!twins.has(c.first.rs.node)) twins.set(c.first.rs.node, c.rs.rs.node);
        }
        for (const s of servers) if (!s.sorry) s.twin = twins.get(s.node);
      }
      for (let k = 0; k < servers.length; k++) {
        const s = servers[k]!;
        if (s.method === 'NAT' || !s.port) continue;
        const method = s.given ? `${s.method} ${s.given}` : s.method;
        if (marksTraffic(vs)) {
          const pw = portWord(s.node);
          report(vs, s, `'${s.label()}' (line ${s.node.range.start.line + 1}) gives a port, but '${vsLabel(vs)}' forwards with ${method}; keepalived clears it (keepalived: "has port specified - clearing")`, pw && deletePort(s.node, pw), 'port cleared by keepalived');
        } else if (byAddress) {
          if (vsPort === undefined || vsPort === s.port) continue;
          // Reading the port word builds the line's words: only for servers that are reported.
          const pw = portWord(s.node);
          const why = s.method === 'no' ? `it has no forwarding method ${s.given}` : `${method} forwarding cannot change ports`;
          const to = vsPort === 0 && vs.port === undefined ? '0 (the virtual server has no port: it serves every port)' : String(vsPort);
          report(vs, s, `'${s.label()}' (line ${s.node.range.start.line + 1}) uses port ${s.port}, but ${why}: keepalived resets it to ${to} (keepalived: "ports don't match - resetting")`, pw && (vsPort === 0 ? deletePort(s.node, pw) : replaceWord(pw, String(vsPort))), `port reset to ${vsPort}`, vsPort);
        } else {
          if (groupFwmarkEntries(f).length) {
            const pw = portWord(s.node);
            report(vs, s, `'${s.label()}' (line ${s.node.range.start.line + 1}) gives a port, but group '${vs.group}' has fwmark entries and ${method} forwarding ignores it (keepalived: "has port specified - port will be ignored")`, pw && deletePort(s.node, pw), 'port ignored');
          }
          // An entry without a port has port 0, which differs from any real server port too.
          const other = groupAddressEntries(f).map((e) => Number(e[1]?.text ?? 0)).find((p) => p !== s.port);
          if (other === undefined) continue;
          // keepalived 2.2.7 (check_data.c) checks a group's sorry server apart: it ignores its port.
          if (s.sorry) {
            const pw = portWord(s.node);
            report(vs, s, `'${s.label()}' (line ${s.node.range.start.line + 1}) gives port ${s.port}, but group '${vs.group}' has an entry on port ${other} and ${method} forwarding cannot change ports: keepalived ignores the sorry server's port (keepalived: "sorry server has port specified - port will be ignored")`, pw && deletePort(s.node, pw), 'port ignored');
          } else report(vs, s, `'${s.label()}' (line ${s.node.range.start.line + 1}) uses port ${s.port}, but group '${vs.group}' has an entry on port ${other} and ${method} forwarding cannot change ports (keepalived: "ports don't match")`, undefined, 'port differs');
        }
      }
    }
  },
};
