// `kalint peer`: the BACKUP node's config from the MASTER's, as a file or a diff.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePeer, type PeerOptions } from '../core/peer/index.js';
import { configBytes, decodeConfig, displayPath, fsHost, type ConfigText } from './host.js';
import { writeAtomically } from './fmt.js';
import { argumentReason, EXIT, ioReason, parseCommandArgs, tell, UsageError } from './common.js';
import { includedBy, inputAt } from './inputs.js';
import { unifiedDiff } from './diff.js';
import { ConfigError, findConfig, inferredMappings, inferredMappingsNote, isTargetVersion, loadedConfigPaths, resolvedPathMappings } from './config.js';
import { analyze, targetCaveat } from '../core/index.js';
import { sockaddrAddress } from '../core/analysis/values.js';

const PEER_HELP = `Usage: kalint peer [options] MASTER.conf      ('-' reads stdin)

Writes the other node's config: every vrrp_instance in state MASTER becomes BACKUP with a lower
priority (the MASTER's minus 10 by default, never below 1, and low enough that the MASTER still
wins with every tracked script healthy); instances already BACKUP (dual-master) become MASTER,
with the priorities mirrored when a failing tracked check still moves the VIPs, except those
with nopreempt or preempt_delay, or at priority 255 (the address owner), which stay BACKUP
with a lower priority (in strict mode or
with AH authentication a promoted instance keeps state BACKUP: keepalived allows state MASTER
there only at priority 255, and the higher priority wins anyway). Instances without a state
(keepalived starts them as BACKUP, or MASTER at priority 255) stay so, with a lower priority.
When a tracked weight is smaller than 10, the nodes are put closer than it, so that one failure
moves the VIPs. A MASTER's nopreempt, which keepalived clears in state MASTER, is commented
out on the peer, where it would work.
router_id is derived (LVS_MASTER → LVS_BACKUP, lb1 → lb2, lb-a → lb-b, lb1.example.com →
lb2.example.com, else a backup suffix in the id's style: LVS_DEVEL → LVS_DEVEL_BACKUP, web → web-backup).
Everything else is copied byte for byte; the nodes' addresses written elsewhere (a check
script's) are listed in the notes, not changed. The included files are read as kalint lint
reads them; a value the peer must change that an included file sets is refused at its include
line (the peer is one file), a router_id set there is kept and noted.

Options:
      --priority N          priority of the instances that become BACKUP
      --priority-step N     distance between the nodes' priorities (default 10)
      --router-id ID        the peer's router_id
      --interface IF        the peer's interface (OLD=NEW when the instances use several)
      --unicast-src-ip IP   the peer's own address: it becomes unicast_src_ip (and
                            mcast_src_ip), and the MASTER's address takes its place in
                            unicast_peer
      --unicast-peer IP     the MASTER's address, when the MASTER has no unicast_src_ip
      --config-id ID        read @ID lines as keepalived -i ID would; the peer gets that
                            reading without @ lines (ID's prefixes removed, the other
                            ids' lines dropped), the same under any id
      --target-version V    the keepalived release the nodes run (default 2.2.7, or the
                            nearest .kalint.json's): how both files are read
      --diff                print a unified diff MASTER → peer (instead of the file)
  -o, --output FILE         write the peer's config to FILE (never the input, a file it
                            includes, or the .kalint.json read; '-': standard output)
  -q, --quiet               do not print what was changed (on stderr)
  -h, --help                this help

Exit codes: 0 done, 1 no peer can be generated (no vrrp_instance, a state set per node on
@ID lines without --config-id, an ambiguous or impossible request), 2 usage error (a value no config can take:
priority 0, an interface name Linux cannot have, an address keepalived cannot read, or one of
the other family than the instance's) or unreadable/unwritable file.
`;

function integer(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} takes a whole number (got '${v}')`);
  return Number(v);
}

export function peerCommand(argv: string[]): number {
  const { values, positionals } = parseCommandArgs('peer', argv, {
    priority: { type: 'string' },
    'priority-step': { type: 'string' },
    'router-id': { type: 'string' },
    interface: { type: 'string' },
    'unicast-src-ip': { type: 'string' },
    'unicast-peer': { type: 'string' },
    'config-id': { type: 'string' },
    'target-version': { type: 'string' },
    diff: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(PEER_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'peer takes one MASTER file' : "no MASTER file given (e.g. 'kalint peer keepalived.conf')");
  if (values.priority !== undefined && values['priority-step'] !== undefined) throw new UsageError('--priority and --priority-step exclude each other');
  if (values['config-id'] !== undefined && !/^\S+$/.test(values['config-id'])) throw new UsageError(`--config-id takes one id without blanks (got '${values['config-id']}')`);
  if (values['target-version'] !== undefined && !isTargetVersion(values['target-version'])) throw new UsageError(`invalid --target-version '${values['target-version']}' (expected e.g. 2.2.7 or 1.3.5)`);
  if (values.output === '') throw new UsageError('-o needs a file name', 'peer');
  // As keepalived reads a unicast address (it resolves no host names): '999.1.1.1' would give the peer a line it skips.
  for (const name of ['unicast-src-ip', 'unicast-peer'] as const) {
    const v = values[name];
    if (v !== undefined && sockaddrAddress(v) === undefined) throw new UsageError(`--${name} takes an IP address keepalived can read, such as 10.0.0.2 or fd00::2 (got '${v}'; keepalived resolves no host names)`, 'peer');
  }
  const input = positionals[0]!;
  // '-' reads stdin, as lint and fmt do.
  const stdin = input === '-';
  // `-o -` is standard output, as '-' is standard input (`-o ./-` names a file '-').
  const output = values.output === '-' ? undefined : values.output;
  if (values.output === '-' && values.diff) throw new UsageError("-o - and --diff would both write to standard output: give -o a file, or leave it out", 'peer');
  if (output !== undefined && !stdin && inputAt(output, [input]) !== undefined) {
    tell(`kalint: -o ${output} is the input file: the peer's config never overwrites the MASTER's\n`);
    return EXIT.usage;
  }

  let source: ConfigText;
  try {
    source = decodeConfig(readFileSync(stdin ? 0 : input));
  } catch (e) {
    tell(`kalint: ${input}: cannot read: ${argumentReason(input, e, (pattern) => `let the shell open it: kalint peer /dev/stdin < ${pattern}`)}\n`);
    return EXIT.usage;
  }
  const text = source.text;
  const bytes = configBytes;
  const shown = stdin ? '<stdin>' : displayPath(input);
  // The .kalint.json that applies: the input's folder's, or the working folder's for stdin.
  const configFrom = stdin ? join(process.cwd(), 'stdin') : input;
  let loaded;
  try {
    loaded = findConfig(configFrom);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  // The MASTER's included files are read as kalint lint reads them (the .kalint.json's path mappings, else the
  // folders beside the file its absolute includes name): what they set is part of the MASTER's config.
  let pathMappings = loaded ? resolvedPathMappings(loaded) : undefined;
  let mappingsNote: string | undefined;
  if (!pathMappings && /^[ \t]*(@\^?\S+[ \t]+)?include[rmwba]?[ \t]+\//m.test(text)) {
    const inferred = inferredMappings(analyze(text, { file: shown, configId: values['config-id'], targetVersion: values['target-version'] ?? loaded?.config.targetVersion, host: fsHost }).inferredPathMappings);
    if (inferred) {
      pathMappings = inferred;
      mappingsNote = inferredMappingsNote(configFrom, inferred);
    }
  }
  const options: PeerOptions = {
    file: shown,
    host: fsHost,
    pathMappings,
    priority: integer('priority', values.priority),
    priorityStep: integer('priority-step', values['priority-step']),
    routerId: values['router-id'],
    interface: values.interface,
    unicastSrcIp: values['unicast-src-ip'],
    unicastPeer: values['unicast-peer'],
    configId: values['config-id'],
    // As kalint lint reads it: the option, else the nearest .kalint.json's.
    targetVersion: values['target-version'] ?? loaded?.config.targetVersion,
  };
  const r = generatePeer(text, options);
  if ('error' in r) {
    // A value no config could take (--priority 0, --interface eth0=a/b): a mistake in the command line, not in the file.
    if (r.option && !r.at) throw new UsageError(r.error, 'peer');
    // A refusal about one line names it as FILE:LINE:COL, like the formatter's.
    tell(`kalint: ${shown}${r.at ? `:${r.at.line}:${r.at.column}` : ''}: ${r.error}\n`);
    // An option's value that does not fit the file is a usage error, like the options refused above.
    return r.option ? EXIT.usage : EXIT.findings;
  }
  if (mappingsNote && !values.quiet) tell(`kalint: note: ${mappingsNote}\n`);
  if (!values.quiet) for (const n of r.notes) tell(`kalint: ${n}\n`);
  const caveat = targetCaveat(options.targetVersion);
  if (caveat && !values.quiet) tell(`kalint: note: ${caveat}\n`);

  if (output !== undefined) {
    // What the MASTER includes, and the .kalint.json read for it, are inputs too.
    const read = inputAt(output, includedBy(stdin ? shown : input, text, { configId: options.configId, targetVersion: options.targetVersion }));
    if (read !== undefined) {
      const what = loadedConfigPaths().includes(read) ? 'the settings file this run reads' : `${displayPath(read) === output ? '' : `${displayPath(read)}, `}a file the MASTER includes`;
      tell(`kalint: -o ${output} is ${what}: the peer's config never overwrites an input\n`);
      return EXIT.usage;
    }
    try {
      writeAtomically(output, bytes(r.text), stdin ? undefined : input);
    } catch (e) {
      tell(`kalint: ${output}: cannot write: ${ioReason(e)}\n`);
      return EXIT.usage;
    }
  }
  if (values.diff) {
    process.stdout.write(unifiedDiff(shown, output !== undefined ? displayPath(output) : shown, text, r.text));
  } else if (output === undefined) process.stdout.write(bytes(r.text));
  return EXIT.ok;
}

