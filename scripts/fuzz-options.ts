// The command line the fuzzers share (fuzz-generate, fuzz-differential, fuzz-includes): seed, count, where to
// keep disagreeing cases, which keepalived to run as which release, and an interface for real configs.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { compareVersions, parseVersion } from '../server/src/core/schema/schema.js';

export interface FuzzOptions {
  seed: number;
  count: number;
  outDir?: string;
  binary?: string;
  targetVersion?: string;
  ifname?: string;
  /** Words that are not options (directories of configs). */
  dirs: string[];
  /** The values of the script's own options (`extra.values`), by option name. */
  values: Map<string, string>;
  /** The script's own flags (`extra.flags`) that were given. */
  flags: Set<string>;
  /** The first option nobody knows, if any. */
  unknown?: string;
}

export function parseFuzzOptions(argv: string[], defaults: { seed: number; count: number }, extra: { values?: string[]; flags?: string[] } = {}): FuzzOptions {
  const o: FuzzOptions = { seed: defaults.seed, count: defaults.count, dirs: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--seed') o.seed = Number(argv[++i]);
    else if (a === '--count') o.count = Number(argv[++i]);
    else if (a === '--out') o.outDir = resolve(argv[++i] ?? '.');
    else if (a === '--keepalived') o.binary = argv[++i];
    else if (a === '--target-version') o.targetVersion = argv[++i];
    else if (a === '--interface') o.ifname = argv[++i];
    else if (extra.values?.includes(a)) o.values.set(a, argv[++i] ?? '');
    else if (extra.flags?.includes(a)) o.flags.add(a);
    else if (a.startsWith('-')) {
      o.unknown ??= a;
    } else o.dirs.push(a);
  }
  return o;
}

/** A release's build (see scripts/keepalived-versions/README.md); the installed keepalived for 2.2.7 when there is none. */
export function releaseBinary(version: string): string {
  const built = `/tmp/ka${version}/keepalived/keepalived`;
  return existsSync(built) || version !== '2.2.7' ? built : '/usr/sbin/keepalived';
}

/** The release a binary says it is (`Keepalived v2.0.19 (…)` from `-v`), or undefined. */
export function releaseOf(binary: string): string | undefined {
  const r = spawnSync(binary, ['-v'], { encoding: 'utf8', timeout: 10_000 });
  return /Keepalived v(\d+\.\d+\.\d+)/.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`)?.[1];
}

/**
 * The keepalived to run: --keepalived, else the build of --target-version, else the installed one; with
 * the release it says it is. Exits (2) when it is not the release kalint lints for: every version gate
 * would be compared with the wrong one (a 2.1.5 run against the installed 2.2.7 reports dozens of
 * "disagreements" that are only the releases' own differences).
 */
export function fuzzBinary(o: FuzzOptions): { binary: string; release: string } {
  const binary = o.binary ?? (o.targetVersion ? releaseBinary(o.targetVersion) : 'keepalived');
  const release = releaseOf(binary);
  if (!release) {
    console.error(`${binary}: not a keepalived binary (\`-v\` printed no version)`);
    process.exit(2);
  }
  // `-t` came in 2.0.0 and only 2.0.7 stops after it (2.0.4 to 2.0.6 start the daemon): an older binary
  // reads no config here and every case would look accepted. scripts/keepalived-1.3.5 runs those.
  if (compareVersions(parseVersion(release)!, [2, 0, 7]) < 0) {
    console.error(`${binary} is keepalived ${release}, which has no usable config test mode (-t); see scripts/keepalived-1.3.5/README.md`);
    process.exit(2);
  }
  if (o.targetVersion && release !== o.targetVersion) {
    console.error(`${binary} is keepalived ${release}, not ${o.targetVersion}`);
    process.exit(2);
  }
  return { binary, release };
}
