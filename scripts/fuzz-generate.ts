// Generative differential fuzzing: whole configs composed from the keyword table, read by the real
// `keepalived -t` and by kalint in-process, disagreements classified and grouped as
// scripts/fuzz-differential.ts does for mutants of real configs.
//
// The mutation fuzzer starts from what users wrote, and line-probes.ts tries one keyword line at a
// time; neither puts rare keywords together. Here every block gets random sub-keywords of its own
// context (nested blocks too), arguments drawn from their types (mostly valid, at times at or past
// the edges of their range), and names from small pools, so references resolve or dangle, instances
// share VRIDs, addresses and names, and keepalived's checks after reading (which compare keywords of
// one block or of several) meet combinations nobody wrote yet.
//
// Usage (bundle, then run):
//   npx esbuild scripts/fuzz-generate.ts --bundle --platform=node --format=cjs --outfile=dist/fuzz-generate.cjs
//   nice -n 10 node dist/fuzz-generate.cjs --seed N --count M [--out DIR] [--keepalived PATH] [--target-version V] [--no-fmt] [--preprocessor]
// --preprocessor gives each config one edit with keepalived's preprocessor (see scripts/fuzz-mutations.ts).
// A seed gives the same configs. With --out, each config that disagrees is kept there (NNNN.conf and
// NNNN.txt) to reduce by hand.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fuzzBinary, parseFuzzOptions } from './fuzz-options.js';
import { argIn, argOptionalIn, argsIn, availableIn, DEFAULT_TARGET_VERSION, parseVersion, schema, type ArgSpec, type KeywordSpec, type Version } from '../server/src/core/schema/schema.js';
import { causeLines, checkMutant, disagreementLines, tallyCauses, type CauseTally } from './fuzz-differential.js';
import { crashedOrHung, isHostMessage, makeRng, mutate, type Rng } from './fuzz-mutations.js';

/** Names each kind of definition draws from: few, so that references hit and definitions repeat. */
const NAME_POOLS: Record<string, string[]> = {
  vrrp_instance: ['VI_1', 'VI_2', 'VI_3'],
  vrrp_script: ['chk_1', 'chk_2'],
  track_file: ['tf_1', 'tf_2'],
  vrrp_track_process: ['tp_1', 'tp_2'],
  bfd_instance: ['bfd_1', 'bfd_2'],
  virtual_server_group: ['vsg_1', 'vsg_2'],
  vrrp_sync_group: ['SG_1', 'SG_2'],
  track_group: ['tg_1', 'tg_2'],
  virtual_server: ['vs'],
};

const ADDRESSES4 = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '198.51.100.7'];
const ADDRESSES6 = ['2001:db8::1', '2001:db8::2', 'fe80::1'];
/** Interfaces of the machine (keepalived skips its checks after reading when an instance's is missing). */
const INTERFACES = ['eth0', 'eth0', 'eth0', 'lo', 'ifb0'];

/** Blocks written at the top level, weighted as configs have them (each entry once per weight). */
const TOP_WEIGHTS: Record<string, number> = {
  vrrp_instance: 6,
  virtual_server: 4,
  vrrp_script: 3,
  global_defs: 3,
  vrrp_sync_group: 2,
  virtual_server_group: 2,
  track_file: 1,
  vrrp_track_file: 1,
  vrrp_track_process: 1,
  bfd_instance: 1,
  garp_group: 1,
  static_ipaddress: 1,
  static_routes: 1,
  static_rules: 1,
  track_group: 1,
  linkbeat_interfaces: 1,
  interface_up_down_delays: 1,
};

/** Keywords left out: they change the process's namespace or identity (host matters, not the config). */
const LEFT_OUT = new Set(['net_namespace', 'net_namespace_ipvs', 'namespace_with_ipsets', 'instance', 'use_pid_dir', 'child_wait_time', 'linkbeat_use_polling', 'SSL']);

/** Lines some blocks need to be read at all (an HTTP_GET without a url path crashes keepalived -t, KA339). */
const REQUIRED: Record<string, string[]> = {
  'virtual_server/real_server/HTTP_GET': ['url {', '  path /', '}'],
  'virtual_server/real_server/SSL_GET': ['url {', '  path /', '}'],
  'virtual_server/real_server/HTTP_GET/url': ['path /x'],
  'virtual_server/real_server/SSL_GET/url': ['path /x'],
};

/** Lines a strict config gives each block first, so that keepalived keeps it (and reads on into what follows). */
const STRICT_FIRST: Record<string, string[]> = {
  vrrp_instance: ['virtual_ipaddress {', '  192.0.2.100/24', '}'],
  virtual_server: ['protocol TCP', 'lb_algo rr', 'lb_kind NAT'],
  vrrp_script: ['script /bin/true'],
  track_file: ['file gen-file'],
  vrrp_track_file: ['file gen-file'],
  vrrp_track_process: ['process keepalived'],
  bfd_instance: ['neighbor_ip 192.0.2.50'],
  global_defs: ['enable_script_security', 'script_user root'],
  vrrp_sync_group: ['group {', '  VI_1', '}'],
  'virtual_server/real_server/MISC_CHECK': ['misc_path /bin/true'],
  'virtual_server/real_server/FILE_CHECK': ['track_file tf_1'],
  'virtual_server/real_server/BFD_CHECK': ['name bfd_1'],
};

class Generator {
  private readonly lines: string[] = [];
  /**
   * A strict config writes only values of the table's types and ranges, with every required argument: such
   * configs are the ones keepalived often accepts, where a kalint error is a false one.
   */
  private readonly strict: boolean;

  constructor(
    private readonly rng: Rng,
    private readonly target: Version,
  ) {
    this.strict = rng.int(100) < 40;
  }

  private chance(percent: number): boolean {
    return this.rng.int(100) < percent;
  }

  private usable(spec: KeywordSpec): boolean {
    return availableIn(spec, this.target) && !spec.missingFeature && !LEFT_OUT.has(spec.name);
  }

  private number(a: ArgSpec): string {
    const lo = a.min ?? 0;
    const hi = a.max ?? 1000;
    const r = this.strict ? 10 + this.rng.int(90) : this.rng.int(100);
    if (r < 6) return String(hi + 1);
    if (r < 10) return String(lo - 1);
    if (r < 20) return String(lo);
    if (r < 30) return String(hi);
    if (r < 34 && a.decimals) return (lo + (Math.min(hi, lo + 10) - lo) * this.rng.int(1000) / 1000).toFixed(this.rng.int(4));
    const span = Math.min(hi, lo + 300) - lo;
    return String(lo + this.rng.int(Math.max(1, span + 1)));
  }

  private address(): string {
    return this.chance(80) ? this.rng.pick(ADDRESSES4) : this.rng.pick(ADDRESSES6);
  }

  /** A word for argument `a` of `spec` (mostly one keepalived takes). */
  word(spec: KeywordSpec, a: ArgSpec): string {
    const ref = spec.refs?.find((r) => r.arg === a.name && r.kind !== 'system_interface');
    if (ref) return this.rng.pick(NAME_POOLS[ref.kind] ?? ['x']);
    if (a.type === 'name') return this.rng.pick(NAME_POOLS[spec.defines ?? ''] ?? ['n_1', 'n_2']);
    switch (a.type) {
      case 'unsigned':
      case 'integer':
      case 'decimal':
      case 'timer':
      case 'port':
        return this.number(a);
      case 'bool':
        return this.rng.pick(['on', 'off', 'true', 'false', 'yes', 'no']);
      case 'enum':
      case 'enum_or_unsigned':
        return a.values?.length && (this.strict || this.chance(95)) ? this.rng.pick(a.values) : this.rng.pick(['other', '1']);
      case 'ipaddr':
      case 'ipv4':
      case 'host':
        return this.address();
      case 'ipv6':
        return this.rng.pick(ADDRESSES6);
      case 'ip_prefix':
        return `${this.address()}${this.rng.pick(['', '', '/24', '/32', '/64'])}`;
      case 'ifname':
        return this.rng.pick(INTERFACES);
      case 'email':
        return this.rng.pick(['root@example.com', 'ops@example.com']);
      case 'script':
        return this.rng.pick(['/bin/true', '"/bin/true x"', '/usr/bin/false']);
      case 'path':
        // Relative: keepalived runs in the config's own temporary directory, so files and directories it creates
        // (track files' init_file, tmp_config_directory) go away with it and do not decide the next run.
        return /dir/.test(a.name) ? 'gen-dir' : this.rng.pick(['gen-file', 'gen.pid']);
      case 'user':
        return 'root';
      case 'hex':
        return this.rng.pick(['0a0b', 'ff', '0x10']);
      case 'status_codes':
        return this.rng.pick(['200', '200-299', '200 301']);
      case 'vs_service':
        return this.service();
      case 'string':
        return a.name === 'user' || a.name === 'group' ? 'root' : this.rng.pick(['kalint', 'gen_1', '"two words"']);
      default:
        return this.rng.pick(['x', '1']);
    }
  }

  private service(): string {
    const r = this.rng.int(10);
    if (r < 7) return `${this.address()} ${this.rng.pick(['80', '443', '0'])}`;
    if (r < 9) return `fwmark ${this.rng.pick(['1', '2'])}`;
    return `group ${this.rng.pick(NAME_POOLS.virtual_server_group!)}`;
  }

  /** The arguments of a keyword line (optional ones at times; now and then one missing or one too many). */
  private args(spec: KeywordSpec): string[] {
    const out: string[] = [];
    for (const raw of argsIn(spec, this.target)) {
      const a = argIn(raw, this.target);
      if (argOptionalIn(a, this.target) && this.chance(50)) break;
      if (a.type === 'keyword_value_pairs') {
        if (a.values?.length) out.push(...this.pair(a.values));
        continue;
      }
      out.push(this.word(spec, a));
      if (a.repeat) while (this.chance(30)) out.push(this.word(spec, a));
    }
    if (!this.strict && this.chance(3) && out.length) out.pop();
    if (!this.strict && this.chance(2)) out.push('extra');
    return out;
  }

  /** One `keyword value` pair of a list of forms such as 'weight N [reverse|noreverse]'. */
  private pair(forms: string[]): string[] {
    const form = this.rng.pick(forms).split(/\s+/);
    const out: string[] = [];
    for (const f of form) {
      const choice = /^\[(.*)\]$/.exec(f);
      if (choice) {
        if (this.chance(50)) out.push(this.rng.pick(choice[1]!.split('|')));
      } else if (/^[A-Z]+$/.test(f)) out.push(this.rng.pick(['1', '10', '-10', '255', '0']));
      else out.push(f.split('|')[0]!);
    }
    return out;
  }

  private valueLine(spec: KeywordSpec): string {
    switch (spec.name) {
      case 'virtual_ipaddress':
      case 'virtual_ipaddress_excluded':
      case 'static_ipaddress': {
        const opts = this.rng.pick(['', '', ' dev eth0', ' label eth0:1', ' scope link', ' dev lo', ' brd 192.0.2.255', ' use_vmac']);
        return `${this.address()}${this.rng.pick(['', '/24', '/32'])}${opts}`;
      }
      case 'virtual_routes':
      case 'static_routes':
        // With, at times, an option some releases do not know yet (no_track 2.0.3, ttl-propagate 2.0.8, prepend 2.2.5…).
        return this.rng.pick(['192.0.2.0/24 dev eth0', '198.51.100.0/24 via 192.0.2.1', 'default via 192.0.2.254', '2001:db8:1::/64 dev eth0', 'blackhole 203.0.113.0/24', '192.0.2.0/24 dev eth0 table 100']) +
          this.rng.pick(['', '', '', ' no_track', ' ttl-propagate enabled', ' fastopen_no_cookie 1', ' prepend', ' protocol 5', ' metric 10']);
      case 'virtual_rules':
      case 'static_rules':
        return this.rng.pick(['from 192.0.2.1 table 100', 'to 198.51.100.0/24 table 101', 'from all fwmark 1 table 100', 'from 2001:db8::1 table 100', 'iif eth0 table 100']) +
          this.rng.pick(['', '', ' priority 100', ' no_track', ' protocol 5', ' ipproto tcp', ' sport 1000-2000', ' uidrange 1000-2000']);
      case 'unicast_peer':
        return `${this.address()}${this.rng.pick(['', '', ' min_ttl 1', ' max_ttl 255'])}`;
      case 'virtual_server_group':
        return this.rng.pick(['192.0.2.1 80', '192.0.2.10-20 80', 'fwmark 1', '2001:db8::1 443', '192.0.2.1 0', '192.0.2.0/30 80']);
      case 'notification_email':
        return this.rng.pick(['root@example.com', 'ops@example.com']);
      case 'interfaces':
      case 'linkbeat_interfaces':
        return this.rng.pick(['eth0', 'eth0 MII', 'lo', 'ifb0']);
      case 'interface_up_down_delays':
        return this.rng.pick(['eth0 1 1', 'eth0 5', 'lo 1 2']);
      default: {
        const words: string[] = [];
        for (const a of spec.value_line ?? []) {
          if (a.optional && this.chance(50)) break;
          if (a.type === 'keyword_value_pairs') words.push(...(a.values?.length ? this.pair(a.values) : []));
          else words.push(this.word(spec, a));
        }
        return words.join(' ') || 'x';
      }
    }
  }

  /** A keyword line, with its block when it opens one; `depth` is its indentation level. */
  emit(spec: KeywordSpec, depth: number): void {
    const ind = '  '.repeat(depth);
    const head = [spec.name, ...this.args(spec)].join(' ');
    if (!spec.block) {
      this.lines.push(ind + head);
      return;
    }
    this.lines.push(`${ind}${head} {`);
    if (spec.block === 'values') {
      for (let n = 1 + this.rng.int(3); n > 0; n--) this.lines.push(`${ind}  ${this.valueLine(spec)}`);
    } else {
      for (const l of REQUIRED[spec.id] ?? []) this.lines.push(`${ind}  ${l}`);
      if (this.strict) for (const l of STRICT_FIRST[spec.id] ?? []) this.lines.push(`${ind}  ${l}`);
      this.body(spec, depth + 1);
    }
    this.lines.push(`${ind}}`);
  }

  /** Random sub-keywords of `spec` (what most configs of the block have first). */
  private body(spec: KeywordSpec, depth: number): void {
    const kids = spec.children.filter((c) => this.usable(c));
    if (spec.name === 'vrrp_instance') {
      this.lines.push(`${'  '.repeat(depth)}interface ${this.strict ? 'eth0' : this.rng.pick(INTERFACES)}`);
      this.lines.push(`${'  '.repeat(depth)}virtual_router_id ${this.rng.pick(['1', '2', '51'])}`);
    }
    if (spec.name === 'virtual_server' || spec.name === 'virtual_server_group') {
      const server = kids.find((c) => c.name === 'real_server');
      if (server && spec.name === 'virtual_server') for (let n = this.strict ? 1 + this.rng.int(2) : this.rng.int(3); n > 0; n--) this.emit(server, depth);
    }
    if (!kids.length) return;
    const n = depth > 2 ? this.rng.int(3) : this.rng.int(7);
    for (let i = 0; i < n; i++) this.emit(this.rng.pick(kids), depth);
  }

  config(): string {
    const root = schema().root;
    const tops: KeywordSpec[] = [];
    for (const c of root.children) if (this.usable(c)) for (let w = TOP_WEIGHTS[c.name] ?? 0; w > 0; w--) tops.push(c);
    for (let n = 1 + this.rng.int(7); n > 0; n--) this.emit(this.rng.pick(tops), 0);
    return this.lines.join('\n') + '\n';
  }
}

export function generateConfig(seed: number, target: Version): string {
  return new Generator(makeRng(seed), target).config();
}

function main(argv: string[]): void {
  const o = parseFuzzOptions(argv, { seed: 1, count: 200 }, { flags: ['--no-fmt', '--preprocessor'] });
  const { seed, count, outDir, targetVersion } = o;
  const checkFormat = !o.flags.has('--no-fmt');
  // One preprocessor edit per config (definitions, ~SEQ…: fuzz-mutations.ts), from a generator of its own.
  const preprocessor = o.flags.has('--preprocessor') ? makeRng(seed ^ 0x5eed) : undefined;
  if (o.unknown || o.dirs.length) {
    console.error(`unknown argument ${o.unknown ?? o.dirs[0]}\nusage: node dist/fuzz-generate.cjs --seed N --count M [--out DIR] [--keepalived PATH] [--target-version V] [--no-fmt] [--preprocessor]`);
    process.exit(2);
  }
  const target = parseVersion(targetVersion ?? DEFAULT_TARGET_VERSION);
  if (!target || !Number.isInteger(seed) || !(count > 0)) {
    console.error('--seed and --count take whole numbers, --target-version a release (2.2.7)');
    process.exit(2);
  }
  const { binary } = fuzzBinary(o);
  if (outDir) mkdirSync(outDir, { recursive: true });
  const byCause: CauseTally = new Map();
  let disagreeing = 0;
  let crashes = 0;
  let clean = 0;
  let located = 0;
  const started = Date.now();
  for (let i = 0; i < count; i++) {
    const generated = generateConfig(seed * 100_003 + i, target);
    const text = preprocessor ? (mutate(generated, preprocessor, 1, true)?.text ?? generated) : generated;
    const { ka, disagreements } = checkMutant(binary, text, checkFormat, 10_000, targetVersion);
    if (crashedOrHung(ka)) crashes++;
    const here = ka.messages.filter((m) => m.line !== undefined && !isHostMessage(m.message));
    located += here.length;
    if (ka.status === 0 && !here.length) clean++;
    if (!disagreements.length) continue;
    disagreeing++;
    tallyCauses(byCause, disagreements, i);
    if (outDir) {
      const id = String(i).padStart(4, '0');
      writeFileSync(join(outDir, `${id}.conf`), text);
      writeFileSync(join(outDir, `${id}.txt`), disagreementLines(disagreements).join('\n') + '\n');
    }
  }
  console.log(`${count} generated configs (seed ${seed}, target ${targetVersion ?? DEFAULT_TARGET_VERSION}${preprocessor ? ', one preprocessor edit each' : ''}) in ${((Date.now() - started) / 1000).toFixed(0)} s; ${disagreeing} disagree`);
  console.log(`keepalived: ${located} located host-independent messages, ${clean} configs accepted cleanly, ${crashes} crashes or hangs`);
  for (const line of causeLines(byCause)) console.log(line);
}

if (/fuzz-generate\.c?js$/.test(process.argv[1] ?? '')) main(process.argv.slice(2));
