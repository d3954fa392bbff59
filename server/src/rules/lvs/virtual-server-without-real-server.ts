import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { closeRange } from '../vrrp/util.js';
import { vsLabel } from './util.js';
import { lvsFacts } from './server-facts.js';

/** keepalived 2.2.8 (516032ec) checks for real servers when the virtual_server block ends, before linking groups. */
const CHECKED_AT_BLOCK_END: Version = [2, 2, 8];
/**
 * e90c7d6b (1.3.6) began dropping such a virtual server. Before it the checker process walks the missing
 * real server list while it checks notify scripts (check_check_script_security, from 1.3.1) and dies.
 */
const DROPPED_SINCE: Version = [1, 3, 6];

export const virtualServerWithoutRealServer: FileRule = {
  kind: 'file',
  code: 'KA503',
  name: 'virtual-server-without-real-server',
  family: 'lvs',
  severity: 'error',
  description: 'A virtual_server has no real_server; keepalived drops the whole virtual server.',
  docs: {
    why:
      'A virtual server without any real_server block has nothing to balance to. keepalived removes it entirely ("has no real ' +
      'servers - ignoring") and `keepalived -t` fails, so the VIP:port is not configured in IPVS at all. From 2.2.8 keepalived ' +
      'checks this when the block ends and reports the closing brace, also for a `virtual_server group` whose group is missing. ' +
      'Before 1.3.6 it does not drop it: the checker process crashes at start (1.3.5: SIGSEGV) and keepalived stops.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    lb_algo rr\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    lb_algo rr\n    real_server 10.0.1.1 80 {\n        TCP_CHECK {\n        }\n    }\n}',
  },
  check(ctx) {
    const atBlockEnd = compareVersions(ctx.target, CHECKED_AT_BLOCK_END) >= 0;
    const crashes = compareVersions(ctx.target, DROPPED_SINCE) < 0;
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const { vs, familyKept, drop } = factList[factIndex]!;
      if (crashes) {
        // Only a virtual server with no real_server block at all is certain to leave the list unallocated. A group
        // keepalived cannot link it to only logs there ("specified but not configured - ignoring virtual server"):
        // the server stays, and the 1.3.5 build's checker crashes on it all the same.
        if (vs.realServers.length) continue;
        ctx.report({
          message: `'${vsLabel(vs)}' has no real_server; keepalived ${ctx.target.join('.')}'s checker process crashes on it as it starts, and keepalived stops (keepalived: "Keepalived_healthcheckers exited due to segmentation fault (SIGSEGV)"); 1.3.6 and later drop such a virtual server instead`,
          file: vs.node.file,
          range: vs.node.range,
        });
        continue;
      }
      // Before 2.2.8 a group virtual server keepalived already dropped while linking it to its group (KA515, KA532)
      // never reaches the real-server check: keepalived -t stays silent, even without any real_server. From 2.2.8
      // the check comes first, at the block's closing brace, where keepalived reports it.
      if (familyKept.length || (drop && !atBlockEnd)) continue;
      ctx.report({
        message: vs.realServers.length
          ? `'${vsLabel(vs)}' has no real_server of its own address family left (the others are skipped); keepalived drops this virtual server (keepalived: "has no real servers - ignoring")`
          : vs.node.skippedServers
          ? `'${vsLabel(vs)}' has no real_server keepalived reads: it skips ${vs.node.skippedServers === 1 ? 'the one written here' : `all ${vs.node.skippedServers} written here`} (see ${vs.node.skippedServers === 1 ? 'its line' : 'their lines'}), then drops this virtual server (keepalived: "has no real servers - ignoring")${vs.node.daemonReadServers ? `; that is keepalived -t: the running daemon reads ${vs.node.daemonReadServers === vs.node.skippedServers ? (vs.node.skippedServers === 1 ? 'it' : 'them') : vs.node.daemonReadServers} (a port with something after its number, see its KA205) and keeps the virtual server` : ''}`
          : `'${vsLabel(vs)}' has no real_server; keepalived drops this virtual server (keepalived: "has no real servers - ignoring")`,
        ...(atBlockEnd ? closeRange(vs.node) : { file: vs.node.file, range: vs.node.range }),
      });
    }
  },
};
