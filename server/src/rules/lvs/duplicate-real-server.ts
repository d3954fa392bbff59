import { compareVersions, CONFIG_TEST_SINCE } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { deleteLine, fix, related, rsLabel, vsLabel } from './util.js';
import { droppedBeforeChecks, duplicateRealServers, reachesChecks } from './families.js';
import { DUPLICATE_REMOVED_SINCE, portChanged, portCollisions } from './port-reset.js';
import { lvsFacts } from './server-facts.js';

export const duplicateRealServer: FileRule = {
  kind: 'file',
  code: 'KA502',
  name: 'duplicate-real-server',
  family: 'lvs',
  severity: 'error',
  description: 'A virtual_server lists the same real_server (address and port) twice; keepalived removes the second one.',
  docs: {
    why:
      'keepalived identifies a real server by its address and port. When a virtual_server lists the same one twice, keepalived ' +
      'keeps the first block, drops the second with all its health checks, and `keepalived -t` fails. The settings of the ' +
      'second block (weight, checkers) never take effect. keepalived before 2.0.20 does not check this and keeps both blocks, ' +
      'whose health checks then fight over the one IPVS destination. A group virtual server keepalived drops (its ' +
      'virtual_server_group missing, removed or of the other family, KA515) is gone before this check and is not reported. ' +
      'keepalived compares the ports as written, before it gives a real server without a port (or with port 0) the ' +
      'virtual server\'s port (2.0.15 and later): `real_server 10.0.1.1` and `real_server 10.0.1.1 80` under port 80 ' +
      'are then one address and port, and keepalived keeps both blocks without a word. kalint reports that too (where a ' +
      'port keepalived resets or clears makes two real servers one, KA510 says so).',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        weight 1\n    }\n    real_server 10.0.1.1 80 {\n        weight 5\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        weight 5\n    }\n}',
  },
  check(ctx) {
    const removed = compareVersions(ctx.target, DUPLICATE_REMOVED_SINCE) >= 0;
    const outcome = removed
      ? 'keepalived removes the second one (keepalived: "real server … is duplicated - removing second rs")'
      : `keepalived before 2.0.20 does not notice${compareVersions(ctx.target, CONFIG_TEST_SINCE) >= 0 ? ` (keepalived ${ctx.target.join('.')} -t does not report it)` : ''}: it keeps both, and the health checks of either block add or remove the one IPVS destination they share`;
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      // A group virtual server keepalived drops (its group missing, removed, or of the other family) is gone before
      // the check: no duplicate is reported (the 2.1.5 to 2.4.3 builds; generator seed 193 against 2.2.7).
      if (droppedBeforeChecks(f)) continue;
      const vs = f.vs;
      for (let d = 0, duplicates = duplicateRealServers(f); d < duplicates.length; d++) {
        const { rs: { rs }, first: { rs: first } } = duplicates[d]!;
        // keepalived finds this after reading (no line): reported on the virtual_server, pointing at the duplicate.
        ctx.report({
          message: `${rsLabel(rs)} (line ${rs.node.range.start.line + 1}) repeats the real server at line ${first.node.range.start.line + 1} in '${vsLabel(vs)}'; ${outcome}`,
          file: vs.node.file,
          range: vs.node.range,
          related: [related(rs.node, removed ? 'duplicate, removed by keepalived' : 'duplicate'), related(first.node, 'first listed here')],
          fix: fix(`Remove the duplicate ${rsLabel(rs)}`, [deleteLine(ctx.analysis, rs.node)]),
        });
      }
      // Two servers keepalived tells apart by their written ports, until it fills in the port one of them lacks
      // (lsp62: the 2.0.19 to 2.4.3 checker processes start both). A port it resets or clears is KA510's to say.
      if (!reachesChecks(f)) continue;
      for (let c = 0, collisions = portCollisions(f, ctx.target); c < collisions.length; c++) {
        const { rs: later, first, port } = collisions[c]!;
        if (portChanged(f, later) || portChanged(f, first)) continue;
        const filled = (later.rs.port ?? 0) === 0 ? later : first;
        const other = filled === later ? first : later;
        const lacks = filled.rs.node.argCount < 2 ? 'has no port' : 'has port 0';
        ctx.report({
          message: `${rsLabel(filled.rs)} (line ${filled.rs.node.range.start.line + 1}) ${lacks}, so keepalived gives it the virtual server's port, ${port}: it is then the same real server as ${rsLabel(other.rs)} (line ${other.rs.node.range.start.line + 1}) in '${vsLabel(vs)}', and keepalived, which looks for repeated real servers before it fills in ports, keeps both blocks, each with its own weight and health checks, for one address and port (keepalived -t does not report it); merge them into one block`,
          file: vs.node.file,
          range: vs.node.range,
          related: [related(later.rs.node, 'the same address and port once keepalived has set the ports'), related(first.rs.node, 'first listed here')],
        });
      }
    }
  },
};
