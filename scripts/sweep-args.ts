// The command line of the sweeps over real configs (peer-sweep.ts, fix-sweep.ts):
// [--keepalived PATH] [--target-version V] [--out DIR] DIR...

export interface SweepArgs {
  /** The keepalived binary to read the configs with. */
  keepalived: string;
  /** Where to keep the cases worth a look. */
  out?: string;
  /** The release kalint checks against (`--target-version`); give --keepalived a build of it. */
  targetVersion?: string;
  /** The folders searched for configs. */
  dirs: string[];
}

export function parseSweepArgs(argv: string[], name: string): SweepArgs {
  const args: SweepArgs = { keepalived: 'keepalived', dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--keepalived' || a === '--out' || a === '--target-version') {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      if (a === '--keepalived') args.keepalived = v;
      else if (a === '--target-version') args.targetVersion = v;
      else args.out = v;
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else args.dirs.push(a);
  }
  if (!args.dirs.length) throw new Error(`usage: ${name} [--keepalived PATH] [--target-version V] [--out DIR] DIR...`);
  return args;
}
