import type { FileRule } from '../types.js';
import { childrenNamed, type AstNode } from '../../core/analysis/ast.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import { related } from './util.js';
import { ipFamily } from '../../core/analysis/values.js';

/*
 * An SMTP_CHECK `host` block makes keepalived 2.3.0 to 2.3.3 loop forever while they read the
 * configuration: with the checkers_queue removed (commit 238bf177, 2.3.0) the checker made for each
 * host is put on the real server's checker list twice, and walking that list never ends. 2.3.4 fixed
 * it (commit da0291cd). Builds of the 2.3.1 tag hang under -t on one host block, with or without
 * connection options beside it; 2.2.7, 2.2.8 and 2.4.3 read the same configs.
 * 2.1.0 to 2.1.3 loop the same way: the host entries became list_head lists (commit 6058815d) and the
 * copied checker kept the list entry of the one it was copied from until commit ca49b6cd (2.1.4).
 * The 2.1.0 and 2.1.3 builds hang under -t on the example; 2.0.19 and 2.1.4 read it.
 */
const LOOP_2_3: [since: Version, fixedIn: Version] = [[2, 3, 0], [2, 3, 4]];
const HOST_LOOPS: [since: Version, fixedIn: Version][] = [[[2, 1, 0], [2, 1, 4]], LOOP_2_3];

/**
 * The 2.3.3 build reads one `host` block with no connection line, in it or beside it, and returns (exit 0); two host
 * blocks, or any of these lines in the host block or in the SMTP_CHECK, and it hangs (release audit, session 59).
 */
const CONNECTION_LINES: ReadonlySet<string> = new Set(['connect_ip', 'connect_port', 'bindto', 'bind_port', 'bind_if', 'connect_timeout', 'fwmark']);
function hasConnectionLine(block: AstNode): boolean {
  return block.children.some((c) => CONNECTION_LINES.has(c.keyword) && connectionValueRead(c));
}

/** Whether keepalived takes the line's value (a refused one, `connect_port abc`, sets nothing: 2.3.3 then returns). */
function connectionValueRead(line: AstNode): boolean {
  const text = line.argText(0);
  if (text === undefined) return false;
  switch (line.keyword) {
    case 'connect_ip':
    case 'bindto':
      return ipFamily(text) !== undefined;
    case 'connect_port':
    case 'bind_port':
      return /^\d+$/.test(text) && Number(text) <= 65535;
    case 'connect_timeout':
      return /^\d+(?:\.\d+)?$/.test(text);
    case 'fwmark':
      return /^\d+$/.test(text);
    default:
      return true;
  }
}

export const smtpCheckHostHangs: FileRule = {
  kind: 'file',
  code: 'KA537',
  name: 'smtp-check-host-hangs',
  family: 'lvs',
  severity: 'error',
  description: "An SMTP_CHECK with a 'host' block: keepalived 2.1.0 to 2.1.3 and 2.3.0 to 2.3.3 loop forever reading the configuration.",
  docs: {
    why:
      'The `host` block of SMTP_CHECK (deprecated: one SMTP_CHECK per host is the current form) makes keepalived ' +
      '2.1.0 to 2.1.3 and 2.3.0 to 2.3.3 loop forever while they read the configuration: `keepalived -t` never returns, and the ' +
      'health-checking process hangs at start, so no real server is checked or added. 2.1.4 and 2.3.4 fixed it; ' +
      '2.0.x and 2.2.x read the block. (2.3.x does read a single host block with no connection line in it or beside it.) ' +
      'Write one SMTP_CHECK per host, with connect_ip and connect_port in it.',
    bad:
      'virtual_server 10.0.0.1 25 {\n    protocol TCP\n    real_server 10.0.1.1 25 {\n        SMTP_CHECK {\n            host {\n                connect_ip 10.0.1.1\n                connect_port 25\n            }\n        }\n    }\n}',
    good:
      'virtual_server 10.0.0.1 25 {\n    protocol TCP\n    real_server 10.0.1.1 25 {\n        SMTP_CHECK {\n            connect_ip 10.0.1.1\n            connect_port 25\n        }\n    }\n}',
    target: '2.3.3',
  },
  check(ctx) {
    const { target } = ctx;
    const loop = HOST_LOOPS.find(([since, fixedIn]) => compareVersions(target, since) >= 0 && compareVersions(target, fixedIn) < 0);
    if (!loop) return;
    const fixedIn = loop[1].join('.');
    for (let itemIndex = 0, itemList = ctx.analysis.model.virtualServers; itemIndex < itemList.length; itemIndex++) {
      const vs = itemList[itemIndex]!;
      for (const rs of vs.realServers) {
        for (const ck of rs.checkers) {
          if (ck.kind !== 'SMTP_CHECK') continue;
          const [first, ...rest] = childrenNamed(ck.node, 'host');
          if (!first) continue;
          if (loop === LOOP_2_3 && rest.length === 0 && !hasConnectionLine(first) && !hasConnectionLine(ck.node)) continue;
          ctx.report({
            message:
              `keepalived ${target.join('.')} loops forever reading this SMTP_CHECK 'host' block: keepalived -t never returns and the ` +
              `health checker hangs at start (fixed in ${fixedIn}). Write one SMTP_CHECK per host, with connect_ip and connect_port in it`,
            file: first.file,
            range: first.range,
            related: rest.slice(0, 20).map((h) => related(h, 'another host block')),
          });
        }
      }
    }
  },
};
