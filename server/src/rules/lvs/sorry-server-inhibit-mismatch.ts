import type { FileRule } from '../types.js';
import { canonicalAddress } from '../../core/analysis/values.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import { droppedBeforeChecks, keptRealServers } from './families.js';
import { lvsFacts } from './server-facts.js';
import { related, vsLabel } from './util.js';

/** The check that makes the sorry server follow the real server's setting, and reports it (commit 2d68cee6). */
const RECONCILED_SINCE: Version = [2, 0, 20];

export const sorryServerInhibitMismatch: FileRule = {
  kind: 'file',
  code: 'KA531',
  name: 'sorry-server-inhibit-mismatch',
  family: 'lvs',
  severity: 'warning',
  description: 'The sorry server is also a real server, with a different inhibit_on_failure setting; keepalived copies the real server\'s.',
  docs: {
    why:
      'When the sorry server is one of the real servers, IPVS holds a single entry for both, so they cannot be inhibited ' +
      'differently. keepalived makes the sorry server follow the real server\'s `inhibit_on_failure` (which defaults to the ' +
      'virtual server\'s) and `keepalived -t` reports it. Before 2.0.20 keepalived had no handling for a sorry server that is ' +
      'also a real server: it keeps both settings as written, says nothing, and drives the one IPVS destination as two servers. ' +
      'Set both the same way.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    sorry_server 10.0.1.1 80\n    real_server 10.0.1.1 80 {\n        inhibit_on_failure\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    sorry_server 10.0.1.1 80\n    sorry_server_inhibit\n    real_server 10.0.1.1 80 {\n        inhibit_on_failure\n    }\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      const vs = f.vs;
      const sorry = vs.sorryServer;
      if (!sorry || droppedBeforeChecks(f)) continue;
      const sorryInhibit = f.sorryInhibit;
      const vsInhibit = f.inhibitOnFailure ?? false;
      const key = `${canonicalAddress(sorry.address)}|${sorry.port ?? 0}`;
      for (const r of keptRealServers(f)) {
        const rs = r.rs;
        if (`${canonicalAddress(rs.address)}|${rs.port ?? 0}` !== key) continue;
        const rsInhibit = r.inhibitOnFailure ?? vsInhibit;
        if (rsInhibit === sorryInhibit) continue;
        const head = `The sorry server of '${vsLabel(vs)}' is also real_server ${rs.address} (line ${rs.node.range.start.line + 1}), which ${rsInhibit ? 'is' : 'is not'} inhibited on failure while the sorry server ${sorryInhibit ? 'is' : 'is not'}`;
        const effect = compareVersions(ctx.target, RECONCILED_SINCE) >= 0
          ? `keepalived ${rsInhibit ? 'sets' : 'clears'} sorry_server_inhibit (keepalived: "matches sorry server, but inhibit setting differs")`
          : `keepalived ${ctx.target.join('.')} keeps both settings as written and says nothing: it has no handling for a sorry server that is also a real server (2.0.20 makes the sorry server follow the real server), and drives the one IPVS destination as two servers`;
        ctx.report({
          message: `${head}; ${effect}`,
          file: vs.node.file,
          range: vs.node.range,
          related: [related(sorry.node, 'sorry server'), related(rs.node, 'the same server as a real server')],
        });
      }
    }
  },
};
