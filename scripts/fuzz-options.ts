// The command line the fuzzers share (fuzz-generate, fuzz-differential, fuzz-includes): seed, count, where to
// keep disagreeing cases, which keepalived to run as which release, and an interface for real configs.

import { resolve } from 'node:path';

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
