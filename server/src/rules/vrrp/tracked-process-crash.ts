// KA378: keepalived 2.1.0 to 2.1.2 crash on a vrrp_instance that tracks a vrrp_track_process.

import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { trackLineIgnored } from './track-reference-not-found.js';
import { trackBlocks } from './util.js';

/**
 * 2.1.0 rewrote its lists (commit 3390697c) and left a vrrp_track_process's list of tracking
 * instances uninitialised until commit 99070873 (in 2.1.3): the first instance added to it crashes
 * keepalived, also under -t (the 2.1.0 build exits 139; 2.0.19 and 2.1.3 accept the same file).
 */
export const TRACKED_PROCESS_CRASH: [Version, Version] = [[2, 1, 0], [2, 1, 3]];

export const trackedProcessCrash: FileRule = {
  kind: 'file',
  code: 'KA378',
  name: 'tracked-process-crash',
  family: 'vrrp',
  severity: 'error',
  description: 'keepalived 2.1.0 to 2.1.2 crash on a vrrp_instance that tracks a vrrp_track_process (only reported for those targets).',
  docs: {
    why:
      'In 2.1.0 to 2.1.2 keepalived forgot to set up the list in which a vrrp_track_process records the instances that ' +
      'track it, so the first `track_process` line of an instance that names one makes the VRRP process crash with a ' +
      'segmentation fault as it reads the config (`keepalived -t` crashes the same way). Nothing in the config can avoid ' +
      'it but not tracking processes from instances: upgrade to 2.1.3 or later, or track the process with a vrrp_script ' +
      '(`pidof haproxy`) until then. A sync group\'s track_process is not affected.',
    bad: 'vrrp_track_process haproxy {\n    process haproxy\n}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.10\n    }\n    track_process {\n        haproxy\n    }\n}\n',
    target: '2.1.0',
    good: 'vrrp_script haproxy {\n    script "/usr/bin/pidof haproxy"\n}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.10\n    }\n    track_script {\n        haproxy\n    }\n}\n',
  },
  check({ analysis, target, report }) {
    if (compareVersions(target, TRACKED_PROCESS_CRASH[0]) < 0 || compareVersions(target, TRACKED_PROCESS_CRASH[1]) >= 0) return;
    for (let itemIndex = 0, itemList = analysis.model.vrrpInstances; itemIndex < itemList.length; itemIndex++) {
      const inst = itemList[itemIndex]!;
      const first = trackBlocks(inst)
        .filter((b) => b.keyword === 'track_process')
        .flatMap((b) => b.values ?? [])
        .map((line) => line.words[0])
        .find((name) => name !== undefined && !trackLineIgnored(analysis, name));
      if (!first) continue;
      report({
        message: `'${inst.name}' tracks vrrp_track_process '${first.text}': keepalived ${target.join('.')} crashes on it as it reads the config (a segmentation fault, also under keepalived -t; fixed in 2.1.3)`,
        file: first.file,
        range: first.range,
      });
    }
  },
};
