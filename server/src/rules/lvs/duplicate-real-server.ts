import { compareVersions, CONFIG_TEST_SINCE, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { deleteLine, fix, related, rsLabel, vsLabel } from './util.js';
import { droppedBeforeChecks, duplicateRealServers } from './families.js';
import { lvsFacts } from './server-facts.js';

/**
 * From this release keepalived finds a repeated real server and drops it (ff864fbb). Before it both blocks are kept:
 * two real servers with their own checkers stand for one IPVS destination, which either's failing check removes.
 */
const DUPLICATE_REMOVED_SINCE: Version = [2, 0, 20];

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
      'virtual_server_group missing, removed or of the other family, KA515) is gone before this check and is not reported.',
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
      for (const { rs: { rs }, first: { rs: first } } of duplicateRealServers(f)) {
        // keepalived finds this after reading (no line): reported on the virtual_server, pointing at the duplicate.
        ctx.report({
          message: `${rsLabel(rs)} (line ${rs.node.range.start.line + 1}) repeats the real server at line ${first.node.range.start.line + 1} in '${vsLabel(vs)}'; ${outcome}`,
          file: vs.node.file,
          range: vs.node.range,
          related: [related(rs.node, removed ? 'duplicate, removed by keepalived' : 'duplicate'), related(first.node, 'first listed here')],
          fix: fix(`Remove the duplicate ${rsLabel(rs)}`, [deleteLine(ctx.analysis, rs.node)]),
        });
      }
    }
  },
};
