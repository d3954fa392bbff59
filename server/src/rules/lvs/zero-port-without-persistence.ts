import type { FileRule } from '../types.js';
import { persistentByGranularity } from './granularity.js';
import { fix, groupAddressEntries, insertFirstInBlock, isAddressService, unsignedSetting, vsLabel } from './util.js';
import { reachesChecks } from './families.js';
import { lvsFacts } from './server-facts.js';
import type { IntegerLine } from './server-facts.js';
import { argIn, compareVersions, type Version } from '../../core/schema/schema.js';

/** The check that makes a non-persistent port-0 service persistent (and reports it) came with 1.3.6. */
const ZERO_PORT_PERSISTENT_SINCE: Version = [1, 3, 6];

/** A persistence_timeout keepalived `target` takes: its range comes from the keyword table (wider before 2.1.3). */
function validPersistence(line: IntegerLine | undefined, target: Version): boolean {
  const arg = line?.node.spec?.args[0];
  return !!arg && !!unsignedSetting(line, arg.min ?? 1, argIn(arg, target).max ?? Infinity);
}

/** Releases before 2.0.7 spell the word "sevices" in that message (fixed as it became a configuration error). */
const SERVICES_SPELT_SINCE: Version = [2, 0, 7];

export const zeroPortWithoutPersistence: FileRule = {
  kind: 'file',
  code: 'KA520',
  name: 'zero-port-without-persistence',
  family: 'lvs',
  severity: 'warning',
  description: 'A virtual server on port 0 (all ports) is not persistent; keepalived makes it persistent for 360 s.',
  docs: {
    why:
      'Port 0 makes IPVS balance every port of the address. Without persistence a client\'s connections to different ports ' +
      'could land on different real servers, so keepalived turns persistence on (360 seconds) and `keepalived -t` reports ' +
      'it. An accepted persistence_granularity turns persistence on as well (360 s, silently). Before 1.3.6 keepalived hands the ' +
      'service to IPVS as written, and IPVS schedules no connection of a port-0 service that is not persistent. Set ' +
      'persistence_timeout yourself so the behaviour is visible in the config.',
    bad: 'virtual_server 10.0.0.1 0 {\n    protocol TCP\n    real_server 10.0.1.1 0 {\n    }\n}',
    good: 'virtual_server 10.0.0.1 0 {\n    persistence_timeout 360\n    protocol TCP\n    real_server 10.0.1.1 0 {\n    }\n}',
  },
  check(ctx) {
    for (let factIndex = 0, factList = lvsFacts(ctx.analysis).servers; factIndex < factList.length; factIndex++) {
      const f = factList[factIndex]!;
      const vs = f.vs;
      if (!reachesChecks(f) || !isAddressService(f)) continue;
      // A bare 'persistence_timeout' means 360 s; an invalid value is ignored.
      // An accepted persistence_granularity turns persistence on too (360 s): keepalived says nothing then.
      if (f.barePersistenceTimeout || validPersistence(f.persistenceTimeout, ctx.target) || persistentByGranularity(f, ctx.target)) continue;
      const zero =
        vs.kind === 'address' || vs.kind === 'fwmark'
          ? (vs.port ?? 0) === 0
          : groupAddressEntries(f).some((e) => !e[1] || e[1].text === '0');
      if (!zero) continue;
      const set = compareVersions(ctx.target, ZERO_PORT_PERSISTENT_SINCE) >= 0;
      ctx.report({
        message: set
          ? `'${vsLabel(vs)}' serves port 0 (all ports) without persistence_timeout; keepalived sets persistence to 360 s (keepalived: "zero port only valid for persistent ${compareVersions(ctx.target, SERVICES_SPELT_SINCE) >= 0 ? 'services' : 'sevices'} - setting")`
          : `'${vsLabel(vs)}' serves port 0 (all ports) without persistence_timeout; keepalived ${ctx.target.join('.')} hands it to IPVS as written without a word, and IPVS schedules no connection of a port-0 service that is not persistent (the kernel logs "port zero only supported in persistent services"); 1.3.6 and later set persistence to 360 s`,
        severity: set ? undefined : 'error',
        file: vs.node.file,
        range: vs.node.range,
        // `fwmark 0` (KA205): persistence would not make a service of it.
        fix: vs.kind === 'fwmark' ? undefined : fix("Add 'persistence_timeout 360'", [insertFirstInBlock(ctx.analysis, vs.node, 'persistence_timeout 360')]),
      });
    }
  },
};
