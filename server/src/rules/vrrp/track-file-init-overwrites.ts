import type { FileRule } from '../types.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/*
 * `init_file` writes the track file at start only when it does not exist yet, unless `overwrite`
 * follows. keepalived 2.2.8 to 2.3.2 write it at every start of the daemon whether it exists or not:
 * the parser rework of 2.2.8 (commit 516032ec) lost the check, and 2.3.3 restored it (commit
 * 3f386640). Reloads and keepalived -t write nothing in any release. Seen by starting each daemon
 * (in a network namespace of its own) on a file holding 7 with `init_file 0`: the 2.2.7 package and
 * the 2.4.3 build leave 7, the 2.2.8 and 2.3.1 builds write 0.
 */
const OVERWRITES_SINCE: Version = [2, 2, 8];
const OVERWRITES_FIXED_IN: Version = [2, 3, 3];

export const trackFileInitOverwrites: FileRule = {
  kind: 'file',
  code: 'KA361',
  name: 'track-file-init-overwrites',
  family: 'vrrp',
  severity: 'warning',
  description: "keepalived 2.2.8 to 2.3.2 rewrite a track file at every start when 'init_file' is set, even without 'overwrite'.",
  docs: {
    why:
      '`init_file VALUE` is meant to create the track file with VALUE when it does not exist, and to leave an existing ' +
      "file alone unless `overwrite` is given. keepalived 2.2.8 to 2.3.2 write VALUE at every start of the daemon " +
      'whether the file exists or not, so a state set in the file by hand or by a script (a maintenance flag that ' +
      'lowers the priority or takes a real server out) is lost when keepalived restarts or the machine reboots, ' +
      'and the node comes back at full priority. Reloads keep the file. 2.2.7 and 2.3.3 and later behave as ' +
      'documented. On an affected release, drop `init_file` and create the file by other means, or accept the reset ' +
      'by writing `overwrite`.',
    bad: 'track_file maintenance {\n    file /var/run/keepalived/maintenance\n    weight -50\n    init_file 0\n}',
    good: 'track_file maintenance {\n    file /var/run/keepalived/maintenance\n    weight -50\n}',
    target: '2.2.8',
  },
  check(ctx) {
    const { target } = ctx;
    if (compareVersions(target, OVERWRITES_SINCE) < 0 || compareVersions(target, OVERWRITES_FIXED_IN) >= 0) return;
    for (const tf of ctx.analysis.model.trackFiles) {
      // keepalived reads the last init_file line of the block.
      const init = tf.node.children.filter((c) => c.keyword === 'init_file').pop();
      if (!init) continue;
      const words = init.args.map((w) => w.text);
      if (words.includes('overwrite')) continue;
      const value = words.filter((w) => /^-?\d+$/.test(w)).pop() ?? '0';
      ctx.report({
        message:
          `keepalived ${target.join('.')} writes ${value} into ${tf.file ? `'${tf.file}'` : 'the track file'} at every start, even when the file exists ` +
          `('init_file' without 'overwrite' should leave it alone; fixed in 2.3.3): a value set in the file is lost when keepalived restarts`,
        file: init.file,
        range: init.range,
      });
    }
  },
};
