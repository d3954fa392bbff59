// The keyword schema: one data table (keywords.json, facts gathered from keepalived's source and
// checked against the real binary) indexed for the validator, hover, completion and tests.

import table from './keywords.json';

export type ArgType =
  | 'unsigned' | 'integer' | 'decimal' | 'timer' | 'bool' | 'enum' | 'enum_or_unsigned'
  | 'ipaddr' | 'ipv4' | 'ipv6' | 'ip_prefix' | 'host' | 'port' | 'ifname'
  | 'string' | 'path' | 'email' | 'name' | 'script' | 'user' | 'hex'
  | 'keyword_value_pairs' | 'mixed' | 'vs_service' | 'vsg_entry' | 'iproute2_route' | 'iproute2_rule' | 'status_codes';

export interface ArgSpec {
  name: string;
  type: ArgType;
  optional?: boolean;
  /** First release where the argument may be left out; before it keepalived stops at the line ("missing a parameter"). */
  optional_since?: string;
  /** What keepalived does with a line that lacks this argument while it is required, when it does not stop there. */
  missing?: 'ignored';
  repeat?: boolean;
  min?: number;
  max?: number;
  decimals?: number;
  /** First release that reads the number as a decimal with `decimals` places (before it: a whole number, a fraction is an invalid number). */
  decimals_since?: string;
  /** A larger max from a later release on (`garp_group/garp_interval`: INT_MAX µs in 2.2.7, UINT_MAX µs from 2.3.2). */
  wider_max?: { since: string; max: number };
  /** A larger max in releases before `until` (`persistence_timeout`: UINT32_MAX s before 2.1.3, which capped it at 31 days); from `since` on, when given. */
  earlier_max?: { until: string; max: number; since?: string };
  /** Another min in releases from `since` (when given) to before `until` (a real server's `weight`: 1 from 2.0.0 to 2.0.15). */
  earlier_min?: { until: string; min: number; since?: string; shown?: string };
  /** How messages write `min` when it is a C float a hair off the decimal keepalived's source writes (see `earlier_min.shown`). */
  min_shown?: string;
  /**
   * Before `until`, keepalived's handler reads this number without looking at the rest of the word
   * (atoi/strtoul/atof; the strict readers came in 2.0.7): the leading number is taken and the rest
   * ignored without a word (`delay_loop 6.5` is 6, `weight 2x` is 2), and a word without a leading
   * number is 0. `reads`: 'whole' (atoi/strtoul: an optional sign and digits) or 'decimal' (atof:
   * digits with a fraction or exponent); `whole_until`: before that release the handler read a whole
   * number (`preempt_delay`: strtoul until 2.0.0, atof from it).
   */
  loose?: { until: string; reads: 'whole' | 'decimal'; whole_until?: string };
  /**
   * Before `until`, keepalived's handler replaces a value outside [min, max] by the nearest bound
   * and goes on without an error (1.3.5: `rise 0` is 1, `vrrp_rt_priority 0` is 1); from `until` it
   * reports the value. `signed`: the handler reads with atoi, so a negative number is raised to min
   * too; without it a negative word is strtoul's wrapped value, which checkArg reports.
   */
  clamped?: { until: string; signed?: boolean };
  /**
   * A timer that releases before this one read as whole seconds and nothing else: from 2.0.7 (the
   * strict readers) a fraction is an invalid number (`delay_loop 6.5` in 2.0.7 to 2.0.12, whose
   * read_timer was strtoul with an end check); before 2.0.7 `loose` says how it is read.
   */
  fraction_since?: string;
  unit?: string;
  values?: string[];
  note?: string;
  /** 'logged': keepalived only logs an invalid value (keepalived -t prints nothing) and ignores it. */
  invalid?: 'logged';
  /** Releases from `since` to before `until` whose handler never reports an invalid value (`note`: why, and what it does instead). */
  invalid_unreported?: { since: string; until: string; note: string };
  /** 'stops': after reporting an invalid value here the handler reads none of the later words (keywords.json conventions). */
  after_invalid?: 'stops';
  /** The running daemon (2.0.7+) uses the leading number of `2x` where keepalived -t reports it invalid (keywords.json conventions). */
  daemon_reads_leading?: boolean;
  /** Releases from `since` to before `before` crash after reporting a value they cannot read here (`note`: why). */
  invalid_crashes?: { since: string; before: string; note: string };
  /** A bool whose handler, from `since` (to before `until`), sets the option for any value it reads: 'off' turns it on (`note`: why). */
  off_sets_on?: { since: string; until?: string; note: string };
  /**
   * What keepalived sets when it reports this value invalid, where it does not just ignore the line: a value
   * (`priority`: its default 100, `state`: BACKUP, a vrrp_script's rise and fall: 1), or 'leading' for the
   * number strtol reads, kept though out of range (a vrrp_script's `weight 300` is 300).
   */
  invalid_sets?: string;
  /** A server's port whose 0 means no port: keepalived takes 0 only from a word of 0s (or an empty one); any other word must be 1..65535 (keywords.json conventions). */
  zero_needs_zeros?: boolean;
  /** 2.0.7 on, keepalived takes 0, reports it and uses this value; other invalid values it reports and ignores (keywords.json conventions). */
  zero_sets?: string;
  /** 2.0.7 on, keepalived reports an invalid value and ignores the line, keeping the earlier value or its default (keywords.json conventions). */
  invalid_ignored?: boolean;
  /**
   * A later line of the keyword without this argument leaves what an earlier line set (keepalived only sets it when
   * given): an enum's words are flags only ever turned on (`vrrp_garp_extra_if … all`), keyword_value_pairs set only
   * the options they name (`lvs_timeouts tcp 200` keeps an earlier `udp 50`), another type its own word.
   */
  sticky?: boolean;
  /** Enum words a release added (`twos`: 2.2.5): before it keepalived rejects the word like any other. */
  values_since?: Record<string, string>;
  /**
   * The first release that checks the word against `values` (lb_algo: 2.0.7, whose handler gained the scheduler
   * list); an earlier one keeps whatever word is written and hands it on (to IPVS, which refuses a scheduler it
   * does not know, so the service is never set up).
   */
  unchecked_before?: string;
  /** Set by `argIn` for a target before `unchecked_before`: that release, which keeps any word. */
  unchecked_in?: string;
  /** The release from which keepalived compares this enum's words case-insensitively (`protocol`: 2.0.0); before it, only the exact words. */
  case_insensitive_since?: string;
  /** Set by `argIn` for a target before `case_insensitive_since`: only the exact words are read. */
  case_sensitive?: boolean;
  /** Longest value keepalived keeps, in bytes: it reports a longer one and truncates it (or, with too_long 'ignored', drops the setting). */
  max_length?: number;
  too_long?: 'truncated' | 'ignored';
}

export type Repeat = 'instance' | 'list' | 'last_wins' | 'first_wins' | 'overwrite_error' | 'merge' | 'replace';

export type RefKind =
  | 'vrrp_instance' | 'vrrp_script' | 'track_file' | 'vrrp_track_process' | 'bfd_instance'
  | 'virtual_server_group' | 'track_group' | 'system_interface';

export interface KeywordSpec {
  name: string;
  path: string[];
  block: 'keywords' | 'values' | null;
  args: ArgSpec[];
  /**
   * What keepalived 2.2.7 does with the line when none of its required arguments is there
   * (measured with the binary): reads no further, reports and ignores it, says nothing, or crashes.
   */
  without_args?: 'stops' | 'ignored' | 'accepted' | 'crashes';
  /** Releases before this one crash on the line without its argument (a handler reads the missing word anyway). */
  crashes_without_args_before?: string;
  /** Releases from `since` up to `before` crash on the line without its argument too (2.0.7 to 2.0.12: read_timer read the missing word). */
  crashes_without_args_window?: { since: string; before: string };
  /**
   * Releases before this one accept a script keyword's line without its command, and the script with no
   * name crashes the process that checks it at start-up (notify_*, quorum_*: 1.3.5 and 1.3.9 measured).
   */
  null_command_crashes_before?: string;
  /** Releases before this one ignore the line without its argument silently (set_value gave the handler nothing; ed7ca7d5 made them report it). */
  without_args_silent_before?: string;
  /** The first release that reports the line without its argument and ignores it ('ignored'); before it, `without_args` says what happens. */
  without_args_reported_since?: string;
  /**
   * 'ignored': a word more than the arguments makes keepalived report the line and drop all of it (the
   * handler checks the word count), not only the extra words; from `extra_words_reported_since` when given,
   * before which the handler drops the line and only logs it (keepalived -t prints nothing).
   */
  extra_words?: 'ignored';
  extra_words_reported_since?: string;
  value_line?: ArgSpec[];
  /** Arguments a later release reads instead (`vrrp_strict off` is read from 2.3.0). */
  args_since?: { since: string; args: ArgSpec[] };
  repeat: Repeat;
  /** First release that reports a repeat of this last_wins keyword ("Duplicate path - overwriting …"): overwrite_error from then on. */
  overwrite_error_since?: string;
  /** How releases before `until` took a repeat (a DNS_CHECK `name` was overwritten silently before 2.1.4). */
  repeat_before?: { until: string; repeat: Repeat };
  /**
   * With repeat 'first_wins': keepalived detects a repeat by the value differing from this default,
   * so a first line giving it (or an invalid value) leaves the setting open for the next line.
   */
  unset_by?: string;
  script_string?: boolean;
  defines?: string;
  refs?: { arg: string; kind: RefKind; resolved?: string }[];
  deprecated?: { replacement: string; since: string; how: string };
  /**
   * With repeat 'first_wins': keepalived refuses a later line only when its value differs from the one it keeps, and
   * this rule reports that line (`ip_family`: KA527); the same value again passes silently.
   */
  conflict_reported_by?: string;
  /** A second name keepalived installs with the same handler, neither deprecated (`lvs_method` for `lb_kind`). */
  synonym_of?: string;
  build_condition?: string;
  in_2_2_7: boolean;
  since: string;
  notes?: string;
  children: KeywordSpec[];
  /** `a/b/c`: the path and name joined, unique in the table. */
  id: string;
  childMap: Map<string, KeywordSpec>;
  /** childMap by length and first and last character, for lookups without slicing (see findChild). */
  childBuckets: Map<number, KeywordSpec[]>;
  parent?: KeywordSpec;
  /** Position in `Schema.all`: an index for per-keyword arrays (the walker's duplicate check). */
  serial: number;
  /**
   * The serial of the setting this keyword writes: its own, or for an old name that keepalived still
   * reads with the same handler (`nb_get_retry` → `retry`, `vrrp_rlimit_rtime` → `vrrp_rlimit_rttime`:
   * `deprecated.replacement` names a sibling) or for a synonym (`lvs_method` → `lb_kind`: `synonym_of`), the
   * other name's. Two lines of one setting under either
   * name overwrite each other (the walker's duplicate check).
   */
  settingSerial: number;
  /** The commonly missing build option this keyword needs (see COMMONLY_MISSING_FEATURES), if any. */
  missingFeature?: string;
}

/** The top level of the file, as a pseudo keyword. */
export interface SchemaRoot {
  id: '';
  name: '';
  children: KeywordSpec[];
  childMap: Map<string, KeywordSpec>;
  childBuckets: Map<number, KeywordSpec[]>;
  block: 'keywords';
}

export type Context = KeywordSpec | SchemaRoot;

/** A keepalived release, as [major, minor, patch]. */
export type Version = readonly [number, number, number];

export const DEFAULT_TARGET_VERSION = '2.2.7';

// The table's version strings are parsed while checking every argument: parse each string once.
const parsedVersions = new Map<string, Version | undefined>();

/** `2.2.7` or `v2.2` as a Version (shared: callers must not change it). */
export function parseVersion(v: string): Version | undefined {
  if (parsedVersions.has(v)) return parsedVersions.get(v);
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(v.trim());
  const version: Version | undefined = m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
  // User input reaches here too (--target-version): bound the cache.
  if (parsedVersions.size < 1000) parsedVersions.set(v, version);
  return version;
}

export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * keepalived counts configuration errors (report_config_error, which fails `keepalived -t`) from
 * 2.0.7; before, the same messages only went to the log (the 1.3.5 build: "Truncating auth_pass to
 * 8 characters", deprecations) and there is no -t before 2.0.4.
 */
export const CONFIG_ERRORS_COUNTED_SINCE: Version = [2, 0, 7];

/** The first release with `keepalived -t` (a config test that reads the file and exits). */
export const CONFIG_TEST_SINCE: Version = [2, 0, 4];

export function configErrorsCounted(target: Version): boolean {
  return compareVersions(target, CONFIG_ERRORS_COUNTED_SINCE) >= 0;
}

/**
 * Build conditions known to be off in the builds users run (Debian/Ubuntu 2.2.7 has no libipset).
 * Keywords behind them are "Unknown keyword" there; kalint warns instead of erroring, since other
 * builds do have them. Measured, not guessed: test/schema-binary.test.ts runs every 2.2.7 keyword
 * through Debian 12's keepalived 2.2.7, and the keywords it rejects must be exactly those behind
 * these conditions (today only global_defs vrrp_ipsets).
 */
export const COMMONLY_MISSING_FEATURES: Record<string, string> = {
  _HAVE_LIBIPSET_: 'ipset support (libipset)',
};

export interface Schema {
  root: SchemaRoot;
  all: KeywordSpec[];
  byId: Map<string, KeywordSpec>;
  /** Every place a keyword name is valid, for "belongs in …" and did-you-mean. */
  byName: Map<string, KeywordSpec[]>;
}

// The table's objects come from JSON, so each has only the keys it uses and they come in several
// shapes; the walker reads a dozen of them per keyword line. Rebuilding every entry with all keys
// in one order gives one shape, which keeps those reads fast.
function uniformArg(a: ArgSpec): ArgSpec {
  return { name: a.name, type: a.type, optional: a.optional, optional_since: a.optional_since, missing: a.missing, repeat: a.repeat, min: a.min, max: a.max, decimals: a.decimals, decimals_since: a.decimals_since, wider_max: a.wider_max, earlier_max: a.earlier_max, earlier_min: a.earlier_min, loose: a.loose, clamped: a.clamped, fraction_since: a.fraction_since, unit: a.unit, values: a.values, values_since: a.values_since, unchecked_before: a.unchecked_before, case_insensitive_since: a.case_insensitive_since, note: a.note, invalid: a.invalid, invalid_unreported: a.invalid_unreported, after_invalid: a.after_invalid, daemon_reads_leading: a.daemon_reads_leading, invalid_crashes: a.invalid_crashes, off_sets_on: a.off_sets_on, invalid_sets: a.invalid_sets, zero_sets: a.zero_sets, zero_needs_zeros: a.zero_needs_zeros, invalid_ignored: a.invalid_ignored, sticky: a.sticky, max_length: a.max_length, too_long: a.too_long };
}

function missingFeatureOf(condition: string | undefined): string | undefined {
  if (!condition) return undefined;
  for (const [flag, what] of Object.entries(COMMONLY_MISSING_FEATURES)) if (condition.includes(flag)) return what;
  return undefined;
}

function uniformSpec(k: KeywordSpec): KeywordSpec {
  return {
    name: k.name,
    path: k.path,
    block: k.block,
    args: k.args.map(uniformArg),
    without_args: k.without_args,
    crashes_without_args_before: k.crashes_without_args_before,
    crashes_without_args_window: k.crashes_without_args_window,
    null_command_crashes_before: k.null_command_crashes_before,
    without_args_silent_before: k.without_args_silent_before,
    without_args_reported_since: k.without_args_reported_since,
    extra_words: k.extra_words,
    extra_words_reported_since: k.extra_words_reported_since,
    value_line: k.value_line?.map(uniformArg),
    args_since: k.args_since && { since: k.args_since.since, args: k.args_since.args.map(uniformArg) },
    repeat: k.repeat,
    overwrite_error_since: k.overwrite_error_since,
    repeat_before: k.repeat_before,
    unset_by: k.unset_by,
    script_string: k.script_string,
    defines: k.defines,
    refs: k.refs,
    deprecated: k.deprecated,
    conflict_reported_by: k.conflict_reported_by,
    synonym_of: k.synonym_of,
    build_condition: k.build_condition,
    in_2_2_7: k.in_2_2_7,
    since: k.since,
    notes: k.notes,
    children: k.children.map(uniformSpec),
    id: '',
    childMap: new Map(),
    childBuckets: new Map(),
    parent: undefined,
    serial: -1,
    settingSerial: -1,
    missingFeature: missingFeatureOf(k.build_condition),
  };
}

function bucketKey(length: number, first: number, last: number): number {
  return (length * 256 + (first & 255)) * 256 + (last & 255);
}

function bucketsOf(childMap: Map<string, KeywordSpec>): Map<number, KeywordSpec[]> {
  const buckets = new Map<number, KeywordSpec[]>();
  for (const [name, spec] of childMap) {
    const key = bucketKey(name.length, name.charCodeAt(0), name.charCodeAt(name.length - 1));
    const list = buckets.get(key);
    if (list) list.push(spec);
    else buckets.set(key, [spec]);
  }
  return buckets;
}

/**
 * The keyword of `ctx` written as text[start, end), found without making a string: the walker
 * looks up one keyword per line of the file.
 */
export function findChild(ctx: Context, text: string, start: number, end: number): KeywordSpec | undefined {
  const n = end - start;
  if (n <= 0) return undefined;
  const list = ctx.childBuckets.get(bucketKey(n, text.charCodeAt(start), text.charCodeAt(end - 1)));
  if (!list) return undefined;
  // Compared a character at a time: startsWith is a builtin call V8 does not inline, and this runs
  // once per keyword line (a tenth of reading a large config went to it).
  for (let i = 0; i < list.length; i++) {
    const name = list[i]!.name;
    let k = 0;
    while (k < n && name.charCodeAt(k) === text.charCodeAt(start + k)) k++;
    if (k === n) return list[i];
  }
  return undefined;
}

function index(): Schema {
  const all: KeywordSpec[] = [];
  const byId = new Map<string, KeywordSpec>();
  const byName = new Map<string, KeywordSpec[]>();
  const visit = (nodes: KeywordSpec[], parent: KeywordSpec | undefined): Map<string, KeywordSpec> => {
    const map = new Map<string, KeywordSpec>();
    for (const n of nodes) {
      n.id = [...n.path, n.name].join('/');
      n.parent = parent;
      n.childMap = visit(n.children, n);
      n.childBuckets = bucketsOf(n.childMap);
      n.serial = all.length;
      all.push(n);
      byId.set(n.id, n);
      const list = byName.get(n.name);
      if (list) list.push(n);
      else byName.set(n.name, [n]);
      // The table lists a keyword once per context; the first install wins, as in keepalived.
      if (!map.has(n.name)) map.set(n.name, n);
    }
    return map;
  };
  const tree = (table as unknown as { tree: KeywordSpec[] }).tree.map(uniformSpec);
  const childMap = visit(tree, undefined);
  for (const n of all) {
    const siblings = n.parent ? n.parent.childMap : childMap;
    const other = n.deprecated?.replacement ?? n.synonym_of;
    const same = other !== undefined && n.block === null ? siblings.get(other) : undefined;
    n.settingSerial = same && same.block === null && same.repeat === n.repeat ? same.serial : n.serial;
  }
  return { root: { id: '', name: '', children: tree, childMap, childBuckets: bucketsOf(childMap), block: 'keywords' }, all, byId, byName };
}

let cached: Schema | undefined;
export function schema(): Schema {
  cached ??= index();
  return cached;
}

const sinceCache = new WeakMap<KeywordSpec, Version | 'unreleased'>();

export function sinceVersion(spec: KeywordSpec): Version | 'unreleased' {
  let v = sinceCache.get(spec);
  if (v === undefined) {
    v = spec.since.startsWith('<=') ? (parseVersion(spec.since.slice(2)) ?? [1, 3, 0]) : (parseVersion(spec.since) ?? 'unreleased');
    sinceCache.set(spec, v);
  }
  return v;
}

/** Whether `spec` exists in keepalived `target`. Called for every keyword line: keep it cheap. */
export function availableIn(spec: KeywordSpec, target: Version): boolean {
  if (target[0] === 2 && target[1] === 2 && target[2] === 7) return spec.in_2_2_7;
  if (spec.since.startsWith('<=')) return true;
  const since = sinceVersion(spec);
  if (since === 'unreleased') return false;
  return compareVersions(since, target) <= 0;
}

export function contextName(ctx: Context): string {
  return ctx.id === '' ? 'the top level' : `'${ctx.name}'`;
}

/** Human path of a spec: `vrrp_instance > authentication`. */
export function specPath(spec: KeywordSpec): string {
  return [...spec.path, spec.name].join(' > ');
}

/** Whether `target` falls in an earlier range's releases: from `since` (when given) to before `until`. */
function inEarlier(r: { until: string; since?: string }, target: Version): boolean {
  const until = parseVersion(r.until);
  const since = r.since === undefined ? undefined : parseVersion(r.since);
  return until !== undefined && compareVersions(target, until) < 0 && (since === undefined || compareVersions(target, since) >= 0);
}

/** `arg` as keepalived `target` reads it: a later release's larger max (`wider_max`), an earlier release's (`earlier_max`); a whole-number argument that later releases read with decimal places (`decimals_since`) is a decimal from then on, its least value one unit of the last place. */
export function argIn(arg: ArgSpec, target: Version): ArgSpec {
  return arg.unchecked_before ? uncheckedIn(arg, target) : readIn(arg, target);
}

const uncheckedCache = new WeakMap<ArgSpec, { target: Version; read: ArgSpec }>();
/** An enum `arg` that `target` does not check yet (see `unchecked_before`), on top of what else it reads differently. */
function uncheckedIn(arg: ArgSpec, target: Version): ArgSpec {
  const read = readIn(arg, target);
  const before = parseVersion(arg.unchecked_before!);
  if (before === undefined || compareVersions(target, before) >= 0) return read;
  const hit = uncheckedCache.get(arg);
  if (hit && hit.target === target) return hit.read;
  const unchecked = { ...read, unchecked_in: target.join('.') };
  uncheckedCache.set(arg, { target, read: unchecked });
  return unchecked;
}

function readIn(arg: ArgSpec, target: Version): ArgSpec {
  if (arg.values_since) return valuesIn(arg, target);
  if (arg.case_insensitive_since) return caseIn(arg, target);
  if (arg.wider_max) {
    const since = parseVersion(arg.wider_max.since);
    if (since !== undefined && compareVersions(since, target) <= 0) return { ...arg, max: arg.wider_max.max };
  }
  if (arg.earlier_max || arg.earlier_min) {
    let read = arg;
    if (arg.earlier_max && inEarlier(arg.earlier_max, target)) read = { ...read, max: arg.earlier_max.max };
    if (arg.earlier_min && inEarlier(arg.earlier_min, target)) read = { ...read, min: arg.earlier_min.min, min_shown: arg.earlier_min.shown };
    if (read !== arg) return read;
  }
  if (!arg.decimals_since) return arg;
  const since = parseVersion(arg.decimals_since);
  if (since === undefined || compareVersions(since, target) > 0) return arg;
  const decimals = arg.decimals ?? 3;
  return { ...arg, type: 'decimal', decimals, min: 10 ** -decimals };
}

const caseCache = new WeakMap<ArgSpec, ArgSpec>();
/** An enum `arg` whose words `target` compares exactly when it predates `case_insensitive_since`. */
function caseIn(arg: ArgSpec, target: Version): ArgSpec {
  const since = parseVersion(arg.case_insensitive_since!);
  if (since === undefined || compareVersions(target, since) >= 0) return arg;
  let read = caseCache.get(arg);
  if (!read) caseCache.set(arg, (read = { ...arg, case_sensitive: true }));
  return read;
}

const valuesCache = new WeakMap<ArgSpec, { target: Version; read: ArgSpec }>();
/** An enum `arg` with the words `target` knows (see `values_since`). */
function valuesIn(arg: ArgSpec, target: Version): ArgSpec {
  const hit = valuesCache.get(arg);
  if (hit && hit.target === target) return hit.read;
  const since = arg.values_since!;
  const values = arg.values?.filter((v) => {
    const from = since[v] === undefined ? undefined : parseVersion(since[v]!);
    return from === undefined || compareVersions(target, from) >= 0;
  });
  const read = values?.length === arg.values?.length ? arg : { ...arg, values };
  valuesCache.set(arg, { target, read });
  return read;
}

/** Whether enum word `value` of `arg` is one keepalived `target` knows. */
export function valueKnownIn(arg: ArgSpec, value: string, target: Version): boolean {
  return argIn(arg, target).values?.includes(value) ?? false;
}

/**
 * The table's word keepalived `target` reads for `word` of a case-insensitive enum (`protocol tcp` is
 * TCP from 2.0.0; before, only the exact word is read), else undefined.
 */
export function caseFoldedValueIn(arg: ArgSpec, word: string | undefined, target: Version | undefined): string | undefined {
  if (word === undefined) return undefined;
  const read = target ? argIn(arg, target) : arg;
  const values = read.values ?? [];
  if (values.includes(word)) return word;
  if (read.case_sensitive) return undefined;
  const lower = word.toLowerCase();
  return values.find((v) => v.toLowerCase() === lower);
}

/** How keepalived `target` reads `arg` when it reads it loosely (see `loose`), else undefined. */
export function looseReadingIn(arg: ArgSpec, target: Version): 'whole' | 'decimal' | undefined {
  const loose = arg.loose;
  if (!loose) return undefined;
  const until = parseVersion(loose.until);
  if (until === undefined || compareVersions(target, until) >= 0) return undefined;
  const wholeUntil = loose.whole_until === undefined ? undefined : parseVersion(loose.whole_until);
  return wholeUntil !== undefined && compareVersions(target, wholeUntil) < 0 ? 'whole' : loose.reads;
}

/**
 * What keepalived `target` sets when it reports a value of `arg` invalid (see `invalid_sets`): a value is the strict
 * handler's (2.0.7 on), so not for a release that reads the argument loosely (`loose`: 1.3.5's atoi keeps
 * `garp_master_refresh -5` as -5).
 */
export function invalidSetsIn(arg: ArgSpec | undefined, target: Version): string | undefined {
  const sets = arg?.invalid_sets;
  if (sets === undefined || sets === 'leading') return sets;
  return looseReadingIn(arg!, target) === undefined ? sets : undefined;
}

/** Whether keepalived `target` clamps `arg` to its range instead of rejecting it (see `clamped`). */
export function clampedIn(arg: ArgSpec, target: Version): boolean {
  const until = arg.clamped === undefined ? undefined : parseVersion(arg.clamped.until);
  return until !== undefined && compareVersions(target, until) < 0;
}

/** The arguments keepalived `target` reads after the keyword (see `args_since`). */
export function argsIn(spec: KeywordSpec, target: Version): ArgSpec[] {
  const later = spec.args_since;
  if (!later) return spec.args;
  const since = parseVersion(later.since);
  return since !== undefined && compareVersions(since, target) <= 0 ? later.args : spec.args;
}

/** Whether `arg` may be left out in keepalived `target` (an `optional_since` later than the target makes it required). */
export function argOptionalIn(arg: ArgSpec, target: Version): boolean {
  if (!arg.optional) return false;
  if (!arg.optional_since) return true;
  const since = parseVersion(arg.optional_since);
  return since === undefined || compareVersions(since, target) <= 0;
}

/**
 * How many arguments a line of `spec` needs at `target`: fewer is "missing a parameter", which for
 * most keywords makes keepalived stop reading the configuration (KA203). A list-like argument
 * (pairs, a service, a route) counts as one.
 */
export function requiredArgCount(spec: KeywordSpec, target: Version): number {
  let n = 0;
  for (let i = 0; i < spec.args.length; i++) {
    const a = spec.args[i]!;
    if (argOptionalIn(a, target) || (a.repeat && i > 0)) continue;
    n++;
    if (a.type === 'keyword_value_pairs' || a.type === 'mixed' || a.type === 'vs_service' || a.type === 'vsg_entry' || a.type === 'iproute2_route' || a.type === 'iproute2_rule') break;
  }
  return n;
}

/** How keepalived `target` takes a repeat of the keyword (`repeat`, or `repeat_before` for releases before its `until`). */
export function repeatIn(spec: KeywordSpec, target: Version): Repeat {
  const before = spec.repeat_before;
  if (before === undefined) return spec.repeat;
  const until = parseVersion(before.until);
  return until !== undefined && compareVersions(target, until) < 0 ? before.repeat : spec.repeat;
}
