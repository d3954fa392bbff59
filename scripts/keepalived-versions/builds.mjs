// The keepalived release builds the sweeps run: /tmp/kaX.Y.Z/keepalived/keepalived (KA_BUILDS=/other/prefix)
// from 2.0.7 on (2.0.0 has no -t, and 2.0.4 to 2.0.6 start the daemon under it), plus the packaged 2.2.7.

import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Compares two X.Y.Z versions. */
export const compareReleases = (a, b) => a.split('.').map(Number).reduce((r, x, i) => r || x - Number(b.split('.')[i]), 0);

/** The builds found, oldest first, limited to the versions `only` names when given. */
export function releaseBuilds(only) {
  const prefix = process.env.KA_BUILDS ?? '/tmp/ka';
  const releases = readdirSync(dirname(prefix))
    .map((n) => join(dirname(prefix), n))
    .filter((p) => p.startsWith(prefix) && /\d+\.\d+\.\d+$/.test(p) && existsSync(join(p, 'keepalived/keepalived')))
    .map((p) => ({ version: /(\d+\.\d+\.\d+)$/.exec(p)[1], binary: join(p, 'keepalived/keepalived') }));
  if (existsSync('/usr/sbin/keepalived') && !releases.some((r) => r.version === '2.2.7')) releases.push({ version: '2.2.7', binary: '/usr/sbin/keepalived' });
  return releases.filter((r) => compareReleases(r.version, '2.0.7') >= 0 && (!only || only.includes(r.version))).sort((a, b) => compareReleases(a.version, b.version));
}
