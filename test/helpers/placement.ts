// Keyword placement for probes against the real binary: sample values for every argument type, and
// configs that put a keyword in the chain of blocks its context needs, with a role noted per line.
// Used by test/schema-binary.test.ts and by the by-hand daemon probes (scripts/daemon-probes/).

import { COMMONLY_MISSING_FEATURES, schema, type ArgSpec, type KeywordSpec } from '../../server/src/core/schema/schema.js';

/** Which edge of a numeric range a probe line writes (schema-binary's range probes). */
export type Edge = 'min' | 'max' | 'below' | 'above' | 'finest' | 'too_fine';

// ---------------------------------------------------------------------------------------------
// Sample values
// ---------------------------------------------------------------------------------------------

/** Arguments written for a keyword (words after it), where the generic derivation is not enough. */
export const ARG_OVERRIDES: Record<string, string[]> = {
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
export const VALUE_OVERRIDES: Record<string, string[]> = {
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

export class Names {
  private n = 0;
  next(prefix = 'k'): string {
    return `${prefix}_${++this.n}`;
  }
}

export function numberSample(a: ArgSpec): string {
  const lo = a.min ?? -Infinity;
  const hi = a.max ?? Infinity;
  if (lo <= 1 && 1 <= hi) return '1';
  return String(a.min ?? a.max);
}

/** One valid word for an argument spec, or undefined when the spec cannot be sampled generically. */
export function sampleWord(a: ArgSpec, names: { next(): string }): string | undefined {
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
export const OPTIONAL_SAMPLED = new Set(['unsigned', 'integer', 'decimal', 'timer', 'bool', 'enum']);

export function sampleArgs(spec: KeywordSpec, names: Names): string[] {
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

export function sampleValueLines(spec: KeywordSpec, names: Names): string[] {
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

export type Role =
  | { kind: 'valid'; spec: KeywordSpec }
  | { kind: 'sentinel'; context: string }
  | { kind: 'misplaced'; spec: KeywordSpec; context: string }
  | { kind: 'range'; spec: KeywordSpec; arg: ArgSpec; value: string; expect: 'accept' | 'reject'; edge: Edge };

export class ConfigText {
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

export const S = schema();
const MISSING_FEATURE_KEYS = Object.keys(COMMONLY_MISSING_FEATURES);

export function behindMissingFeature(spec: KeywordSpec): boolean {
  return !!spec.build_condition && MISSING_FEATURE_KEYS.some((f) => spec.build_condition!.includes(f));
}

export function ancestors(spec: KeywordSpec): KeywordSpec[] {
  const chain: KeywordSpec[] = [];
  for (let p = spec.parent; p; p = p.parent) chain.unshift(p);
  return chain;
}

/**
 * Content a block needs so that keepalived 2.2.7 survives reading it: an HTTP_GET/SSL_GET checker
 * left without a usable url makes `keepalived -t` crash (SIGSEGV) after "checker has no urls".
 */
export const MINIMAL_BODY: Record<string, { keyword: string; lines: string[] }> = {
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
export function inContext(out: ConfigText, context: KeywordSpec | undefined, names: Names, writes: Set<string>, body: (indent: string) => void): void {
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
export function writeKeyword(out: ConfigText, spec: KeywordSpec, indent: string, names: Names, role: Role, args = sampleArgs(spec, names)): void {
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

export const TARGET = S.all.filter((s) => s.in_2_2_7);

export function topOf(spec: KeywordSpec): string {
  return spec.path[0] ?? '';
}

