// Proves kalint's keyword table (server/src/core/schema/keywords.json) against the real keepalived
// 2.2.7 binary: every keyword the table says 2.2.7 has is placed in its block and must not be an
// "Unknown keyword" (nor draw any other complaint the test cannot explain); keywords the table dates
// after 2.2.7, and keywords placed in blocks the table says they do not belong to, must be unknown;
// every listed enum value must be accepted; numeric ranges and decimal places are probed at their
// edges. kalint's own analyzer reads the same generated configs and must agree with the binary,
// which proves the table and the walker together. Where the binary disagreed with the table, the
// table was corrected (server/src/core/schema/CORRECTIONS.md).
//
// Configs are generated per top-level subtree (one keepalived run each), every block instance ends
// with a sentinel keyword that keepalived must report as unknown: that proves the block was read to
// its end in the context we meant (a silently skipped block would otherwise pass every check).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../server/src/core/index.js';
import {
  COMMONLY_MISSING_FEATURES,
  schema,
  type ArgSpec,
  type KeywordSpec,
} from '../server/src/core/schema/schema.js';
import { keepalivedAvailable, keepalivedVersion, runKeepalived, runKeepalivedAsync, type KeepalivedRun } from './helpers/keepalived.js';

// ---------------------------------------------------------------------------------------------
// Sample values
// ---------------------------------------------------------------------------------------------

/** Arguments written for a keyword (words after it), where the generic derivation is not enough. */
const ARG_OVERRIDES: Record<string, string[]> = {
  'global_defs/vrrp_mcast_group4': ['224.0.0.18'],
  'global_defs/vrrp_mcast_group6': ['ff02::12'],
  'global_defs/lvs_timeouts': ['tcp', '900', 'tcpfin', '120', 'udp', '300'],
  'vrrp_instance/mcast_dst_ip': ['224.0.0.18'],
  'global_defs/umask': ['0022'],
  // keepalived 2.2.7 rejects a hex string whose last byte is ff, so no 00ff here.
  'virtual_server/real_server/UDP_CHECK/payload': ['0a0b'],
  'virtual_server/real_server/UDP_CHECK/require_reply': ['0a0b'],
  'virtual_server/persistence_granularity': ['255.255.255.255'],
  'virtual_server/real_server/HTTP_GET/url/digest': ['0123456789abcdef0123456789abcdef'],
  'virtual_server/real_server/SSL_GET/url/digest': ['0123456789abcdef0123456789abcdef'],
};

/** Value lines written inside a value block. */
const VALUE_OVERRIDES: Record<string, string[]> = {
  static_routes: ['192.0.2.0/24 dev eth0'],
  static_rules: ['from 192.0.2.1 table 100'],
  'vrrp_instance/virtual_routes': ['198.51.100.0/24 dev eth0'],
  'vrrp_instance/virtual_rules': ['from 192.0.2.1 table 100'],
  linkbeat_interfaces: ['eth0 MII'],
  interface_up_down_delays: ['eth0 1 1'],
  // Not eth0: the same garp_group names eth0 with `interface`, and keepalived 2.2.7 exits on an
  // interface given twice (its "already specified" message reads a word that is not there).
  'garp_group/interfaces': ['ifb0'],
  virtual_server_group: ['192.0.2.1 80'],
};

class Names {
  private n = 0;
  next(prefix = 'k'): string {
    return `${prefix}_${++this.n}`;
  }
}

function numberSample(a: ArgSpec): string {
  const lo = a.min ?? -Infinity;
  const hi = a.max ?? Infinity;
  if (lo <= 1 && 1 <= hi) return '1';
  return String(a.min ?? a.max);
}

/** One valid word for an argument spec, or undefined when the spec cannot be sampled generically. */
function sampleWord(a: ArgSpec, names: Names): string | undefined {
  switch (a.type) {
    case 'unsigned':
    case 'integer':
    case 'decimal':
    case 'timer':
      return numberSample(a);
    case 'bool':
      return 'on';
    case 'enum':
    case 'enum_or_unsigned':
      return a.values?.[0];
    case 'ipaddr':
    case 'ipv4':
      return '192.0.2.1';
    case 'ipv6':
      return '2001:db8::1';
    case 'ip_prefix':
      return '192.0.2.10/24';
    case 'host':
      return '127.0.0.1';
    case 'port':
      return '80';
    case 'ifname':
      return 'eth0';
    case 'string':
      // Several user arguments are typed as plain strings; keepalived looks the user up.
      return a.name === 'user' || a.name === 'group' ? 'root' : 'kalint';
    case 'path':
      // Relative, so whatever keepalived creates (config_save_dir writes copies) lands in the run directory.
      return 'kalint-sample';
    case 'email':
      return 'root@example.com';
    case 'name':
      return names.next();
    case 'script':
      return '/bin/true';
    case 'user':
      return 'root';
    case 'hex':
      return '00ff';
    case 'status_codes':
      return '200';
    case 'vs_service':
      return '192.0.2.1 80';
    case 'vsg_entry':
      return '192.0.2.1 80';
    default:
      return undefined;
  }
}

/** Types an optional argument is written for (others — users, groups, free text — are left out). */
const OPTIONAL_SAMPLED = new Set(['unsigned', 'integer', 'decimal', 'timer', 'bool', 'enum']);

function sampleArgs(spec: KeywordSpec, names: Names): string[] {
  const override = ARG_OVERRIDES[spec.id];
  if (override) return override;
  const words: string[] = [];
  for (const a of spec.args) {
    if (a.optional && !OPTIONAL_SAMPLED.has(a.type)) break;
    const w = sampleWord(a, names);
    if (w === undefined) {
      if (a.optional) break;
      throw new Error(`no sample for ${spec.id} argument ${a.name} (${a.type}); add an ARG_OVERRIDES entry`);
    }
    words.push(w);
  }
  return words;
}

function sampleValueLines(spec: KeywordSpec, names: Names): string[] {
  const override = VALUE_OVERRIDES[spec.id];
  if (override) return override;
  if (spec.name === 'notification_email') return ['root@example.com'];
  const words: string[] = [];
  for (const a of spec.value_line ?? []) {
    if (a.optional || a.type === 'keyword_value_pairs') break;
    const w = sampleWord(a, names);
    if (w === undefined) throw new Error(`no value sample for ${spec.id} (${a.type}); add a VALUE_OVERRIDES entry`);
    words.push(w);
  }
  return words.length ? [words.join(' ')] : [];
}

// ---------------------------------------------------------------------------------------------
// Config generation with line bookkeeping
// ---------------------------------------------------------------------------------------------

type Role =
  | { kind: 'valid'; spec: KeywordSpec }
  | { kind: 'sentinel'; context: string }
  | { kind: 'misplaced'; spec: KeywordSpec; context: string }
  | { kind: 'range'; spec: KeywordSpec; arg: ArgSpec; value: string; expect: 'accept' | 'reject'; edge: Edge };

class ConfigText {
  readonly lines: string[] = [];
  /** 1-based line number → what the line tests. */
  readonly roles = new Map<number, Role>();
  private sentinels = 0;

  add(text: string, role?: Role): void {
    this.lines.push(text);
    if (role) this.roles.set(this.lines.length, role);
  }

  sentinel(indent: string, context: string): void {
    this.add(`${indent}kalint_sentinel_${++this.sentinels}`, { kind: 'sentinel', context });
  }

  get text(): string {
    return this.lines.join('\n') + '\n';
  }
}

const S = schema();
const MISSING_FEATURE_KEYS = Object.keys(COMMONLY_MISSING_FEATURES);

function behindMissingFeature(spec: KeywordSpec): boolean {
  return !!spec.build_condition && MISSING_FEATURE_KEYS.some((f) => spec.build_condition!.includes(f));
}

function ancestors(spec: KeywordSpec): KeywordSpec[] {
  const chain: KeywordSpec[] = [];
  for (let p = spec.parent; p; p = p.parent) chain.unshift(p);
  return chain;
}

/**
 * Content a block needs so that keepalived 2.2.7 survives reading it: an HTTP_GET/SSL_GET checker
 * left without a usable url makes `keepalived -t` crash (SIGSEGV) after "checker has no urls".
 */
const MINIMAL_BODY: Record<string, { keyword: string; lines: string[] }> = {
  'virtual_server/real_server/HTTP_GET': { keyword: 'url', lines: ['url {', '  path /', '}'] },
  'virtual_server/real_server/SSL_GET': { keyword: 'url', lines: ['url {', '  path /', '}'] },
  'virtual_server/real_server/HTTP_GET/url': { keyword: 'path', lines: ['path /'] },
  'virtual_server/real_server/SSL_GET/url': { keyword: 'path', lines: ['path /'] },
};

/**
 * Writes `body` inside the chain of blocks `context` (a block keyword, or undefined for the top
 * level) needs, then a sentinel at the innermost level. `writes` names the keywords `body` writes
 * directly in the innermost block (the minimal content is left out when the body provides it).
 */
function inContext(out: ConfigText, context: KeywordSpec | undefined, names: Names, writes: Set<string>, body: (indent: string) => void): void {
  const chain = context ? [...ancestors(context), context] : [];
  chain.forEach((b, depth) => out.add(`${'  '.repeat(depth)}${[b.name, ...sampleArgs(b, names)].join(' ')} {`));
  const indent = '  '.repeat(chain.length);
  const minimal = context && MINIMAL_BODY[context.id];
  if (minimal && !writes.has(minimal.keyword)) for (const l of minimal.lines) out.add(`${indent}${l}`);
  body(indent);
  out.sentinel(indent, context?.id ?? '');
  for (let depth = chain.length - 1; depth >= 0; depth--) out.add(`${'  '.repeat(depth)}}`);
}

/** A keyword line with sample arguments; block keywords get a minimal block. */
function writeKeyword(out: ConfigText, spec: KeywordSpec, indent: string, names: Names, role: Role, args = sampleArgs(spec, names)): void {
  const head = `${indent}${[spec.name, ...args].join(' ')}`;
  if (!spec.block) {
    out.add(head, role);
    return;
  }
  out.add(`${head} {`, role);
  if (spec.block === 'values') for (const v of sampleValueLines(spec, names)) out.add(`${indent}  ${v}`);
  for (const l of MINIMAL_BODY[spec.id]?.lines ?? []) out.add(`${indent}  ${l}`);
  out.add(`${indent}}`);
}

const TARGET = S.all.filter((s) => s.in_2_2_7);

function topOf(spec: KeywordSpec): string {
  return spec.path[0] ?? '';
}

/** The keyword blocks (and the top level) that have children in 2.2.7, grouped by top-level subtree. */
function contextsBySubtree(): Map<string, (KeywordSpec | undefined)[]> {
  const groups = new Map<string, (KeywordSpec | undefined)[]>();
  const seen = new Set<string>();
  for (const spec of TARGET) {
    const ctx = spec.parent;
    const id = ctx?.id ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    const top = ctx ? (ctx.path[0] ?? ctx.name) : '';
    const list = groups.get(top) ?? [];
    list.push(ctx);
    groups.set(top, list);
  }
  return groups;
}

/** One config per top-level subtree: every 2.2.7 keyword in its block. */
function placementConfigs(): { name: string; config: ConfigText }[] {
  const result: { name: string; config: ConfigText }[] = [];
  for (const [top, contexts] of contextsBySubtree()) {
    const out = new ConfigText();
    const names = new Names();
    for (const ctx of contexts) {
      const children = TARGET.filter((s) => s.parent === ctx);
      inContext(out, ctx, names, new Set(children.map((c) => c.name)), (indent) => {
        for (const spec of children) writeKeyword(out, spec, indent, names, { kind: 'valid', spec });
      });
    }
    result.push({ name: top || '(top level)', config: out });
  }
  return result;
}

/**
 * The keywords the table says 2.2.7 does not have (later releases do), each in its block. Block
 * keywords are written without their block: keepalived would read an unknown keyword's block
 * contents at the enclosing level.
 */
function absentConfig(): { config: ConfigText; count: number } {
  const out = new ConfigText();
  const names = new Names();
  const absent = S.all.filter((s) => !s.in_2_2_7 && (!s.parent || s.parent.in_2_2_7));
  const contexts = [...new Set(absent.map((s) => s.parent))];
  for (const ctx of contexts) {
    const here = absent.filter((s) => s.parent === ctx);
    inContext(out, ctx, names, new Set(), (indent) => {
      for (const spec of here) out.add(`${indent}${[spec.name, ...sampleArgs(spec, names)].join(' ')}`, { kind: 'valid', spec });
    });
  }
  return { config: out, count: absent.length };
}

// ---------------------------------------------------------------------------------------------
// Misplaced keywords
// ---------------------------------------------------------------------------------------------

const MISPLACED_PER_CONTEXT = 2;

/** Keywords valid somewhere, placed in blocks where the table says they are not valid. */
function misplacedConfig(): ConfigText {
  const out = new ConfigText();
  const names = new Names();
  const contexts: (KeywordSpec | undefined)[] = [undefined, ...TARGET.filter((s) => s.block === 'keywords' && !behindMissingFeature(s))];
  // Plain keywords only: a misplaced block keyword's '{' would be read at the enclosing level.
  const pool = TARGET.filter((s) => !s.block && !behindMissingFeature(s));
  contexts.forEach((ctx, i) => {
    const childMap = ctx ? ctx.childMap : S.root.childMap;
    const picks: KeywordSpec[] = [];
    const pickedNames = new Set<string>();
    // Walk the pool from a context-dependent offset so different contexts get different keywords.
    for (let k = 0; k < pool.length && picks.length < MISPLACED_PER_CONTEXT; k++) {
      const cand = pool[(i * 37 + k * 11) % pool.length]!;
      if (childMap.has(cand.name) || pickedNames.has(cand.name) || cand.parent === ctx) continue;
      picks.push(cand);
      pickedNames.add(cand.name);
    }
    inContext(out, ctx, names, new Set(), (indent) => {
      for (const spec of picks) out.add(`${indent}${[spec.name, ...sampleArgs(spec, names)].join(' ')}`, { kind: 'misplaced', spec, context: ctx?.id ?? '' });
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Numeric ranges
// ---------------------------------------------------------------------------------------------

const NUMERIC = new Set(['unsigned', 'integer', 'decimal', 'timer']);

interface RangeProbe {
  spec: KeywordSpec;
  argIndex: number;
  arg: ArgSpec;
}

function rangeProbes(): RangeProbe[] {
  const probes: RangeProbe[] = [];
  for (const spec of TARGET) {
    if (behindMissingFeature(spec) || spec.deprecated) continue;
    if (ARG_OVERRIDES[spec.id]) continue;
    spec.args.forEach((arg, argIndex) => {
      if (NUMERIC.has(arg.type) && (arg.min !== undefined || arg.max !== undefined || arg.decimals !== undefined) && !arg.repeat) probes.push({ spec, argIndex, arg });
      // A `port` argument is 1..65535 by definition of the type.
      if (arg.type === 'port') probes.push({ spec, argIndex, arg: { ...arg, type: 'unsigned', min: 1, max: 65535 } });
      // A number given for an enum_or_unsigned argument is read as an unsigned within min..max.
      if (arg.type === 'enum_or_unsigned' && (arg.min !== undefined || arg.max !== undefined)) probes.push({ spec, argIndex, arg: { ...arg, type: 'unsigned' } });
    });
  }
  return probes;
}

function formatNumber(n: number, integral: boolean): string {
  if (integral) return String(n);
  // Fixed-point with no exponent and no float noise (keepalived reads timers as plain decimals).
  return Number(n.toFixed(6)).toString().includes('e') ? n.toFixed(6) : String(Number(n.toFixed(6)));
}

type Edge = 'min' | 'max' | 'below' | 'above' | 'finest' | 'too_fine';
const EDGES: Edge[] = ['min', 'max', 'below', 'above', 'finest', 'too_fine'];

function edgeValues(arg: ArgSpec): { edge: Edge; value: string; expect: 'accept' | 'reject' }[] {
  const integral = arg.type === 'unsigned' || arg.type === 'integer';
  const edges: { edge: Edge; value: string; expect: 'accept' | 'reject' }[] = [];
  if (arg.min !== undefined) {
    edges.push({ edge: 'min', value: formatNumber(arg.min, integral), expect: 'accept' });
    const below = integral ? arg.min - 1 : arg.min >= 1 ? arg.min - 1 : arg.min > 0 ? 0 : -1;
    edges.push({ edge: 'below', value: formatNumber(below, integral), expect: 'reject' });
  }
  if (arg.max !== undefined) {
    edges.push({ edge: 'max', value: formatNumber(arg.max, integral), expect: 'accept' });
    edges.push({ edge: 'above', value: formatNumber(arg.max + 1, integral), expect: 'reject' });
  }
  // Decimal places: as many as the table allows are fine, one more is "too many decimal places".
  const whole = Math.max(Math.ceil(arg.min ?? 0), 1);
  if (!integral && arg.decimals !== undefined && arg.decimals > 0 && whole <= (arg.max ?? Infinity) - 1) {
    edges.push({ edge: 'finest', value: `${whole}.${'0'.repeat(arg.decimals - 1)}1`, expect: 'accept' });
    edges.push({ edge: 'too_fine', value: `${whole}.${'0'.repeat(arg.decimals)}1`, expect: 'reject' });
  }
  return edges;
}

/** One config with a copy of each context per edge: min, max, below-min, above-max, decimal places. */
function rangeConfig(probes: RangeProbe[]): ConfigText {
  const out = new ConfigText();
  const names = new Names();
  const byContext = new Map<KeywordSpec | undefined, RangeProbe[]>();
  for (const p of probes) {
    const list = byContext.get(p.spec.parent) ?? [];
    list.push(p);
    byContext.set(p.spec.parent, list);
  }
  for (const edge of EDGES) {
    for (const [ctx, list] of byContext) {
      // One line per keyword per block (a second line could be a duplicate error): a keyword with
      // several ranged arguments gets one block copy per argument.
      const rounds = Math.max(...list.map((p) => list.filter((q) => q.spec === p.spec).indexOf(p) + 1));
      for (let round = 0; round < rounds; round++) {
        const here = list.filter((p) => list.filter((q) => q.spec === p.spec).indexOf(p) === round);
        const lines = here.flatMap((p) => {
          const e = edgeValues(p.arg).find((x) => x.edge === edge);
          return e ? [{ p, e }] : [];
        });
        if (!lines.length) continue;
        inContext(out, ctx, names, new Set(lines.map(({ p }) => p.spec.name)), (indent) => {
          for (const { p, e } of lines) {
            const args = sampleArgs(p.spec, names);
            while (args.length <= p.argIndex) args.push(sampleWord(p.spec.args[args.length]!, names) ?? '1');
            args[p.argIndex] = e.value;
            writeKeyword(out, p.spec, indent, names, { kind: 'range', spec: p.spec, arg: p.arg, value: e.value, expect: e.expect, edge }, args);
          }
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Running both sides
// ---------------------------------------------------------------------------------------------

interface Outcome {
  config: ConfigText;
  run: KeepalivedRun;
  /** 1-based line → keepalived messages about it (main file). */
  binaryAt: Map<number, string[]>;
  /** 1-based line → kalint diagnostic codes at it. */
  kalintAt: Map<number, string[]>;
  kalintDiagnostics: { line: number; code: string; severity: string }[];
}

/** Set KALINT_SCHEMA_DUMP=DIR to keep the generated configs and keepalived's output for a look. */
const DUMP_DIR = process.env.KALINT_SCHEMA_DUMP;
let dumped = 0;

function evaluate(config: ConfigText): Outcome {
  const base = DUMP_DIR ? join(DUMP_DIR, `config-${++dumped}`) : undefined;
  if (base) {
    mkdirSync(DUMP_DIR!, { recursive: true });
    writeFileSync(`${base}.conf`, config.text);
  }
  const run = runKeepalived(config.text);
  if (base) writeFileSync(`${base}.out`, `exit ${run.exitStatus}\n${run.stderr}`);
  const binaryAt = new Map<number, string[]>();
  for (const m of run.messages) {
    if (m.line === undefined || m.file !== 'keepalived.conf') continue;
    binaryAt.set(m.line, [...(binaryAt.get(m.line) ?? []), m.message]);
  }
  const kalintAt = new Map<number, string[]>();
  const kalintDiagnostics: Outcome['kalintDiagnostics'] = [];
  for (const d of analyze(config.text, { file: 'keepalived.conf' }).diagnostics) {
    const line = d.range.start.line + 1;
    kalintAt.set(line, [...(kalintAt.get(line) ?? []), d.code]);
    kalintDiagnostics.push({ line, code: d.code, severity: d.severity });
  }
  return { config, run, binaryAt, kalintAt, kalintDiagnostics };
}

function unknownAt(o: Outcome, line: number): boolean {
  return (o.binaryAt.get(line) ?? []).some((m) => m.startsWith('Unknown keyword'));
}

function describeLine(o: Outcome, line: number): string {
  return `line ${line}: ${o.config.lines[line - 1]!.trim()} → ${JSON.stringify(o.binaryAt.get(line) ?? [])}`;
}

function linesWith(o: Outcome, kind: Role['kind']): number[] {
  return [...o.config.roles].filter(([, r]) => r.kind === kind).map(([l]) => l);
}

/**
 * Messages keepalived prints on a valid line of the generated configs that come from how the
 * keywords of one block combine, not from the keyword or its sample value.
 */
const EXPLAINED: Record<string, RegExp> = {
  // Debian's 2.2.7 is built with nftables and without iptables: the keyword is taken and redirected.
  'global_defs/vrrp_iptables': /^iptables not supported, using nftables instead/,
  'global_defs/nftables': /^nftables already specified - ignoring/,
  'vrrp_instance/native_ipv6': /Cannot specify native_ipv6 with IPv4 addresses/,
  'vrrp_instance/vrf': /Cannot specify VRF interface and interface/,
  'virtual_server/hashed': /only applies to sh scheduler/,
  'virtual_server/sh-port': /only applies to sh scheduler/,
  'virtual_server/sh-fallback': /only applies to sh scheduler/,
  // keepalived 2.2.7 names the sh scheduler in the mh-* messages too.
  'virtual_server/mh-port': /only applies to sh scheduler/,
  'virtual_server/mh-fallback': /only applies to sh scheduler/,
  // The enum values test writes sorry_server_lvs_method and ip_family inet6 into blocks without a
  // sorry_server and with an IPv4 service; global_defs blocks merge, so MTU and ADVERT meet.
  'virtual_server/sorry_server_lvs_method': /^sorry_server forwarding used without sorry_server$/,
  'virtual_server/ip_family': /^Virtual server specified family inet6 conflicts with server family$/,
  'global_defs/vrrp_rx_bufs_policy': /^Cannot set both vrrp_rx_bufs_policy MTU and ADVERT, ignoring ADVERT$/,
  'virtual_server/real_server/FILE_CHECK/track_file': /^track_file \S+ not found$/,
  'virtual_server/real_server/BFD_CHECK/name': /BFD_CHECK - BFD \S+ not configured$/,
};

/** keepalived's deprecation notices (one keyword prints a second line starting "Please use"). */
const DEPRECATION = /deprecated|^\s*Please use/i;

/** Whether the table says keepalived 2.2.7 reports this deprecated keyword as a config error. */
function deprecationReported(spec: KeywordSpec): boolean {
  const how = spec.deprecated?.how ?? '';
  return /config error/.test(how) && !/not a config error|no config error/.test(how);
}

/** Messages at a valid keyword line that neither the sample nor the table explains. */
function unexplained(spec: KeywordSpec, messages: string[]): string[] {
  return messages.filter((m) => !(EXPLAINED[spec.id]?.test(m) || (DEPRECATION.test(m) && deprecationReported(spec))));
}

/** Every listed value of every enum argument, each in its own copy of the block. */
function enumConfig(): { config: ConfigText; values: number } {
  const out = new ConfigText();
  const names = new Names();
  const byContext = new Map<KeywordSpec | undefined, { spec: KeywordSpec; argIndex: number; values: string[] }[]>();
  let values = 0;
  for (const spec of TARGET) {
    if (behindMissingFeature(spec) || ARG_OVERRIDES[spec.id]) continue;
    spec.args.forEach((arg, argIndex) => {
      if ((arg.type !== 'enum' && arg.type !== 'enum_or_unsigned') || !arg.values?.length || arg.repeat && argIndex > 0) return;
      const list = byContext.get(spec.parent) ?? [];
      list.push({ spec, argIndex, values: arg.values });
      byContext.set(spec.parent, list);
      values += arg.values.length;
    });
  }
  const widest = Math.max(...[...byContext.values()].flat().map((e) => e.values.length));
  for (let j = 0; j < widest; j++) {
    for (const [ctx, list] of byContext) {
      const here = list.filter((e) => e.values.length > j);
      if (!here.length) continue;
      inContext(out, ctx, names, new Set(here.map((e) => e.spec.name)), (indent) => {
        const done = new Set<string>();
        for (const e of here) {
          if (done.has(e.spec.id)) continue;
          done.add(e.spec.id);
          const args = sampleArgs(e.spec, names);
          while (args.length <= e.argIndex) args.push(sampleWord(e.spec.args[args.length]!, names) ?? '1');
          args[e.argIndex] = e.values[j]!;
          writeKeyword(out, e.spec, indent, names, { kind: 'valid', spec: e.spec }, args);
        }
      });
    }
  }
  return { config: out, values };
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

const available = keepalivedAvailable();
const figures = { keywordsChecked: 0, accepted: 0, missingFeature: 0, misplacedChecked: 0, misplacedRejected: 0, rangeKeywords: 0, rangeEdges: 0, enumValues: 0, absentChecked: 0, corrections: 0, withoutArgs: 0 };

if (!available && process.env.CI) {
  describe('schema vs keepalived binary', () => {
    it('needs the keepalived binary in CI', () => {
      expect.fail('keepalived is not installed: the schema-vs-binary test cannot run. Install keepalived 2.2.7 (apt-get install keepalived) in the CI image.');
    });
  });
} else if (!available) {
  console.warn('schema-binary.test.ts: keepalived is not installed; skipping the schema-vs-binary checks');
}

describe.skipIf(!available)('schema vs keepalived binary', () => {
  afterAll(() => {
    const corrections = readFileSync(new URL('../server/src/core/schema/CORRECTIONS.md', import.meta.url), 'utf8');
    figures.corrections = corrections.split('\n').filter((l) => l.startsWith('- `')).length;
    console.log(
      `schema vs keepalived ${keepalivedVersion() ?? '?'}: ${figures.keywordsChecked} keywords checked, ${figures.accepted} accepted, ` +
        `${figures.missingFeature} behind build features missing here; ${figures.absentChecked} post-2.2.7 keywords unknown as expected; ${figures.misplacedRejected}/${figures.misplacedChecked} misplaced keywords rejected; ` +
        `${figures.rangeKeywords} keywords' ranges verified (${figures.rangeEdges} edges); ${figures.enumValues} enum values accepted; ${figures.withoutArgs} keywords' handling of a missing argument verified; ${figures.corrections} corrections recorded in CORRECTIONS.md`,
    );
  });

  it('is keepalived 2.2.7', () => {
    expect(keepalivedVersion()).toBe('2.2.7');
  });

  it('knows every 2.2.7 keyword where the table puts it', () => {
    const outcomes = placementConfigs().map(({ name, config }) => ({ name, o: evaluate(config) }));
    const problems: string[] = [];
    const rejected: string[] = [];
    for (const { name, o } of outcomes) {
      if (o.run.exitStatus === 2) problems.push(`${name}: keepalived stopped early: ${o.run.stderr.trim().split('\n').pop()}`);
      for (const line of linesWith(o, 'sentinel')) {
        if (!unknownAt(o, line)) problems.push(`${name}: block not read to its end (sentinel not reported) ${describeLine(o, line)}`);
        if (!(o.kalintAt.get(line) ?? []).includes('KA201')) problems.push(`${name}: kalint does not report the sentinel at line ${line}`);
      }
      for (const line of linesWith(o, 'valid')) {
        const role = o.config.roles.get(line) as Extract<Role, { kind: 'valid' }>;
        figures.keywordsChecked++;
        const codes = o.kalintAt.get(line) ?? [];
        const badCodes = codes.filter((c) => c === 'KA201' || c === 'KA202' || c === 'KA207');
        if (badCodes.length) problems.push(`${role.spec.id}: kalint reports ${badCodes.join(',')} for a valid placement`);
        // The sample arguments are valid, so kalint's argument checks must stay quiet too.
        const argCodes = codes.filter((c) => c === 'KA203' || c === 'KA204' || c === 'KA205' || c === 'KA208');
        if (argCodes.length) problems.push(`${role.spec.id}: kalint reports ${argCodes.join(',')} for the sample line ${o.config.lines[line - 1]!.trim()}`);
        if (unknownAt(o, line)) {
          rejected.push(role.spec.id);
          if (!codes.includes('KA210')) problems.push(`${role.spec.id}: keepalived says unknown, kalint does not warn KA210 — ${describeLine(o, line)}`);
        } else {
          figures.accepted++;
          if (behindMissingFeature(role.spec)) problems.push(`${role.spec.id}: accepted by keepalived, but the table marks it as behind a missing build feature`);
          const messages = o.binaryAt.get(line) ?? [];
          const odd = unexplained(role.spec, messages);
          if (odd.length) problems.push(`${role.spec.id}: keepalived complains about the sample line — ${describeLine(o, line)}`);
          // Deprecations: keepalived -t shows exactly those the table says it reports, and kalint's
          // KA206 is an error exactly for those.
          const binaryDeprecates = messages.some((m) => DEPRECATION.test(m));
          if (role.spec.deprecated && binaryDeprecates !== deprecationReported(role.spec)) {
            problems.push(`${role.spec.id}: table says deprecation is '${role.spec.deprecated.how}', keepalived ${binaryDeprecates ? 'reports it' : 'prints nothing'}`);
          }
          const ka206 = o.kalintDiagnostics.filter((d) => d.line === line && d.code === 'KA206');
          if (role.spec.deprecated && !ka206.length) problems.push(`${role.spec.id}: deprecated, but kalint reports no KA206`);
          for (const d of ka206) {
            if ((d.severity === 'error') !== binaryDeprecates) problems.push(`${role.spec.id}: kalint KA206 is ${d.severity}, keepalived ${binaryDeprecates ? 'reports a config error' : 'prints nothing'}`);
          }
        }
      }
    }
    figures.missingFeature = rejected.length;
    expect(problems).toEqual([]);
    expect(figures.keywordsChecked).toBe(TARGET.length);
    // Exactly the keywords behind COMMONLY_MISSING_FEATURES are unknown to this build.
    expect(rejected.sort()).toEqual(TARGET.filter(behindMissingFeature).map((s) => s.id).sort());
  });

  it('does not know the keywords the table says came after 2.2.7', () => {
    const { config, count } = absentConfig();
    const o = evaluate(config);
    expect(o.run.exitStatus).not.toBe(2);
    const problems: string[] = [];
    for (const line of linesWith(o, 'sentinel')) if (!unknownAt(o, line)) problems.push(`sentinel not reported: ${describeLine(o, line)}`);
    for (const line of linesWith(o, 'valid')) {
      const role = o.config.roles.get(line) as Extract<Role, { kind: 'valid' }>;
      figures.absentChecked++;
      if (!unknownAt(o, line)) problems.push(`${role.spec.id} (since ${role.spec.since}) is known to keepalived 2.2.7 — ${describeLine(o, line)}`);
      if (!(o.kalintAt.get(line) ?? []).includes('KA207')) problems.push(`${role.spec.id}: kalint reports ${JSON.stringify(o.kalintAt.get(line) ?? [])}, not KA207`);
    }
    expect(problems).toEqual([]);
    expect(figures.absentChecked).toBe(count);
  });

  it('rejects keywords placed in blocks where the table says they are not valid', () => {
    const o = evaluate(misplacedConfig());
    expect(o.run.exitStatus).not.toBe(2);
    const problems: string[] = [];
    for (const line of linesWith(o, 'sentinel')) if (!unknownAt(o, line)) problems.push(`sentinel not reported: ${describeLine(o, line)}`);
    const contexts = new Set<string>();
    for (const line of linesWith(o, 'misplaced')) {
      const role = o.config.roles.get(line) as Extract<Role, { kind: 'misplaced' }>;
      figures.misplacedChecked++;
      contexts.add(role.context);
      if (unknownAt(o, line)) figures.misplacedRejected++;
      else problems.push(`${role.spec.name} in '${role.context || 'top level'}' is accepted by keepalived — ${describeLine(o, line)}`);
      const codes = o.kalintAt.get(line) ?? [];
      if (!codes.includes('KA201') && !codes.includes('KA202')) problems.push(`${role.spec.name} in '${role.context || 'top level'}': kalint reports ${JSON.stringify(codes)}, not KA201/KA202`);
    }
    expect(problems).toEqual([]);
    expect(figures.misplacedChecked).toBeGreaterThanOrEqual(40);
    expect(contexts.size).toBeGreaterThanOrEqual(20);
  });

  it('accepts every value the table lists for enum arguments', () => {
    const { config, values } = enumConfig();
    const o = evaluate(config);
    expect(o.run.exitStatus).not.toBe(2);
    const problems: string[] = [];
    for (const line of linesWith(o, 'sentinel')) if (!unknownAt(o, line)) problems.push(`sentinel not reported: ${describeLine(o, line)}`);
    for (const line of linesWith(o, 'valid')) {
      const role = o.config.roles.get(line) as Extract<Role, { kind: 'valid' }>;
      figures.enumValues++;
      if (unexplained(role.spec, o.binaryAt.get(line) ?? []).length) problems.push(`${role.spec.id}: ${describeLine(o, line)}`);
      // KA211: the probe sets one keyword to each of its values in turn, which is no problem of the value.
      const codes = (o.kalintAt.get(line) ?? []).filter((c) => c !== 'KA206' && c !== 'KA211');
      if (codes.length) problems.push(`${role.spec.id}: kalint reports ${codes.join(',')} for a listed value — line ${line}: ${o.config.lines[line - 1]!.trim()}`);
    }
    expect(problems).toEqual([]);
    expect(figures.enumValues).toBe(values);
  });

  // keywords.json `without_args`: what keepalived does with a keyword line that has none of its
  // required arguments. One run per keyword (a "stops" ends the reading), four at a time.
  it('does with a keyword without arguments what the table says (without_args)', async () => {
    const probes = schema().all.filter((s) => s.without_args && s.in_2_2_7);
    expect(probes.length).toBeGreaterThan(300);
    const names = new Names();
    const probe = async (spec: KeywordSpec): Promise<string | undefined> => {
      const chain: KeywordSpec[] = [];
      for (let p = spec.parent; p; p = p.parent) chain.unshift(p);
      const lines: string[] = [];
      for (const p of chain) {
        lines.push([p.name, ...sampleArgs(p, names)].join(' ') + ' {');
        // keepalived 2.2.7 crashes on an HTTP_GET/SSL_GET url without a path: give the probes one.
        if ((p.name === 'HTTP_GET' || p.name === 'SSL_GET') && spec.parent === p && spec.name !== 'url') lines.push('url {', 'path /', '}');
        if (p.name === 'url' && spec.name !== 'path') lines.push('path /');
      }
      const at = lines.length + 1;
      lines.push(spec.name + (spec.block ? ' {' : ''), ...(spec.block ? ['}'] : []), ...chain.map(() => '}'), 'kalint_sentinel');
      const run = await runKeepalivedAsync(lines.join('\n') + '\n');
      const here = run.messages.filter((m) => m.line === at).map((m) => m.message);
      const seen = run.signal ? 'crashes' : here.some((m) => /missing a parameter/.test(m)) ? 'stops' : here.length ? 'ignored' : 'accepted';
      return seen === spec.without_args ? undefined : `${spec.id}: table says ${spec.without_args}, keepalived ${seen} (${here[0] ?? 'no message'})`;
    };
    const problems: string[] = [];
    for (let i = 0; i < probes.length; i += 4) {
      for (const p of await Promise.all(probes.slice(i, i + 4).map(probe))) if (p) problems.push(p);
    }
    figures.withoutArgs = probes.length;
    expect(problems).toEqual([]);
  }, 120_000);

  it('agrees with the binary on the edges of numeric ranges', () => {
    const probes = rangeProbes();
    const o = evaluate(rangeConfig(probes));
    expect(o.run.exitStatus).not.toBe(2);
    const problems: string[] = [];
    for (const line of linesWith(o, 'sentinel')) if (!unknownAt(o, line)) problems.push(`sentinel not reported: ${describeLine(o, line)}`);
    const verified = new Set<string>();
    const failed = new Set<string>();
    for (const line of linesWith(o, 'range')) {
      const role = o.config.roles.get(line) as Extract<Role, { kind: 'range' }>;
      const reported = (o.binaryAt.get(line) ?? []).length > 0;
      const kalintReports = (o.kalintAt.get(line) ?? []).includes('KA205');
      figures.rangeEdges++;
      if (reported !== (role.expect === 'reject')) {
        failed.add(role.spec.id);
        problems.push(`${role.spec.id} ${role.arg.name} ${role.edge} ${role.value}: table expects ${role.expect}, keepalived ${reported ? 'reports' : 'accepts'} — ${describeLine(o, line)}`);
      } else if (kalintReports !== reported) {
        failed.add(role.spec.id);
        problems.push(`${role.spec.id} ${role.edge} ${role.value}: keepalived ${reported ? 'reports' : 'accepts'}, kalint ${kalintReports ? 'reports' : 'accepts'}`);
      }
      verified.add(role.spec.id);
    }
    figures.rangeKeywords = [...verified].filter((id) => !failed.has(id)).length;
    expect(problems).toEqual([]);
    expect(figures.rangeKeywords).toBeGreaterThanOrEqual(60);
  });
});
