// What each keepalived release does with a keyword line missing its value, with one word too many, or
// with an invalid value, against what kalint says at the same --target-version.
//
// For every keyword path the table (server/src/core/schema/keywords.json) has at a release, three
// kinds of probe line:
//   bare     the keyword alone;
//   extra    the keyword with sample arguments (as test/schema-binary.test.ts writes them) and one
//            word more;
//   invalid  the keyword with one argument replaced by a word its type rejects (not a number, past
//            the range's end, not one of the enum's words, not an address), one probe per argument;
//   range    (asked for with --kinds) each numeric argument at the edges of the table's range at the release
//            and at the edges releases have drawn ranges at (8, 16, 31, 32 bits; timers' 4294 s), in
//            range or not: a release whose range differs from the table's shows as a miss or a false error;
//   forms    (asked for with --kinds) each argument's value written another way: a number with a sign, zeros, a
//            base prefix, an exponent, a suffix, or in other digits; an enum word in other cases; other bool words;
//            addresses with zeros, prefixes, zones, brackets, host names;
//   enums    (asked for with --kinds) each word of each enum argument in turn, those the table dates after the
//            release (values_since) included: a word the release does not know shows as a miss;
//   quoted   (asked for with --kinds) the sample arguments each in double quotes;
//   repeat   (asked for with --kinds) the line (a block keyword's block) written twice;
//   unavailable (asked for with --kinds) each keyword the table dates after the release, in its blocks: the release
//            should call it unknown (a probe it reads otherwise shows the table's date is late);
//   values   (asked for with --kinds) lines of value blocks (addresses, routes, rules, unicast peers, virtual server
//            group entries, mail addresses) with the options keepalived's readers know and some they do not;
//   oneline  (asked for with --kinds) each block written on one line with one line of body, spaced, glued to its
//            braces, and with only its '{' or only its '}' on the keyword's line.
// Each probe is one config: the keyword's blocks opened with sample arguments, the probe line, a
// sentinel keyword in the same block, the blocks closed. One probe per run because keepalived -t ends
// at the first line it stops on, whichever process reads it (a bare `connect_timeout` in a
// virtual_server hides a bare `priority` earlier in a vrrp_instance), and a run takes ~10 ms. A
// control run of each block without the probe line gives the messages the probe did not cause.
//
// What keepalived did with the probe: crashes (a signal), stops (its "missing a parameter" message
// on the line, or nothing read after it), reports (a message on the line, or one the control run
// does not have), unknown (the build lacks the keyword: left out), silent. What kalint says on the
// line: crashes, stops ("exits here with a configuration error"), error, warning, silent. Listed as
// disagreements:
//   miss         keepalived reports, stops or crashes; kalint has no error on the line
//                (`miss-warning` when it warns);
//   false-error  keepalived is silent and reads on; kalint has an error on the line (findings
//                that say -t does not see the problem are listed apart as `unseen`, not counted);
//   effect       kalint says keepalived stops or crashes and it does not, or keepalived stops or
//                crashes and kalint says something else.
//
// Usage (bundle, then run):
//   npx esbuild scripts/keepalived-versions/line-probes.ts --bundle --platform=node --format=cjs --outfile=dist/line-probes.js
//   nice -n 10 node dist/line-probes.js [--only 2.0.10,2.2.8] [--kinds bare,extra,invalid] [--build V=PATH]... [--out FILE] [--jobs N] [--dump DIR]
// Builds: --build V=PATH, else PREFIXV/keepalived/keepalived for each prefix of KA_BUILDS (separated by
// ':', default /tmp/ka, as sweep.mjs), and 2.2.7 from /usr/sbin/keepalived. Each binary's -v must say
// its version. Releases before 2.0.7 are left out (no -t before 2.0.4, and 2.0.4 to 2.0.6 start the daemon).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { lintText } from '../../server/src/linter.js';
import type { Diagnostic } from '../../server/src/core/diagnostics.js';
import {
  COMMONLY_MISSING_FEATURES,
  argIn,
  argOptionalIn,
  argsIn,
  availableIn,
  compareVersions,
  parseVersion,
  schema,
  type ArgSpec,
  type KeywordSpec,
  type Version,
} from '../../server/src/core/schema/schema.js';
import { parseKeepalivedStderr } from '../keepalived-output.js';
import { isHostMessage } from '../fuzz-mutations.js';
import { ARG_OVERRIDES, sampleWord as placementSampleWord, VALUE_OVERRIDES } from '../../test/helpers/placement.js';

// ---------------------------------------------------------------------------------------------
// Sample words (test/helpers/placement.ts, as test/schema-binary.test.ts writes them)
// ---------------------------------------------------------------------------------------------

/**
 * Lines a block needs to be read at all, each group left out when the probe is its keyword: an
 * HTTP_GET or SSL_GET without a url with a path crashes keepalived -t, and 2.0.10 crashes on a
 * vrrp_instance without an interface (KA338).
 */
const MINIMAL_BODY: Record<string, { keyword: string; lines: string[] }[]> = {
  'virtual_server/real_server/HTTP_GET': [{ keyword: 'url', lines: ['url {', '  path /', '}'] }],
  'virtual_server/real_server/SSL_GET': [{ keyword: 'url', lines: ['url {', '  path /', '}'] }],
  'virtual_server/real_server/HTTP_GET/url': [{ keyword: 'path', lines: ['path /'] }],
  'virtual_server/real_server/SSL_GET/url': [{ keyword: 'path', lines: ['path /'] }],
  vrrp_instance: [{ keyword: 'interface', lines: ['interface eth0'] }, { keyword: 'virtual_router_id', lines: ['virtual_router_id 1'] }],
};

/** Names the samples write: `k_N` for the blocks around a probe, counted from 1 in each config (so a
 * control run names them as the probe's run does), `p_N` in probe lines. */
let serial = 0;
let namePrefix = 'p';
/** A sample word (test/helpers/placement.ts), with names from this script's counter and a hex string every release reads. */
function sampleWord(a: ArgSpec): string | undefined {
  if (a.type === 'hex') return '0a0b';
  return placementSampleWord(a, { next: () => `${namePrefix}_${++serial}` });
}

const OPTIONAL_SAMPLED = new Set(['unsigned', 'integer', 'decimal', 'timer', 'bool', 'enum']);

/** Sample arguments of `spec` as release `v` reads them, or undefined when they cannot be written. */
function sampleArgs(spec: KeywordSpec, v: Version): string[] | undefined {
  const override = ARG_OVERRIDES[spec.id];
  if (override) return override;
  const words: string[] = [];
  for (const a of argsIn(spec, v)) {
    if (a.optional && !OPTIONAL_SAMPLED.has(a.type)) break;
    const w = sampleWord(argIn(a, v));
    if (w === undefined) {
      if (a.optional) break;
      return undefined;
    }
    words.push(w);
  }
  return words;
}

function sampleValueLines(spec: KeywordSpec): string[] {
  const override = VALUE_OVERRIDES[spec.id];
  if (override) return override;
  if (spec.name === 'notification_email') return ['root@example.com'];
  const words: string[] = [];
  for (const a of spec.value_line ?? []) {
    if (a.optional || a.type === 'keyword_value_pairs') break;
    const w = sampleWord(a);
    if (w === undefined) return [];
    words.push(w);
  }
  return words.length ? [words.join(' ')] : [];
}

/** Words argument `a` rejects, each with what it tries. */
function invalidWords(a: ArgSpec): { word: string; what: string }[] {
  const out: { word: string; what: string }[] = [];
  switch (a.type) {
    case 'unsigned':
    case 'integer':
    case 'decimal':
    case 'timer':
      out.push({ word: 'x1', what: 'not a number' });
      if (a.max !== undefined) out.push({ word: String(a.type === 'unsigned' || a.type === 'integer' ? a.max + 1 : a.max + 1), what: 'above max' });
      else if (a.min !== undefined) out.push({ word: String(a.min - 1), what: 'below min' });
      break;
    case 'enum':
      out.push({ word: 'kalint_bad', what: 'not an enum word' });
      break;
    case 'enum_or_unsigned':
      out.push({ word: 'kalint_bad', what: 'neither an enum word nor a number' });
      break;
    case 'bool':
      out.push({ word: 'maybe', what: 'not on/off' });
      break;
    case 'ipaddr':
    case 'ipv4':
      out.push({ word: '192.0.2.300', what: 'not an address' });
      break;
    case 'ipv6':
      out.push({ word: '2001:db8::zz', what: 'not an IPv6 address' });
      break;
    case 'ip_prefix':
      out.push({ word: '192.0.2.10/40', what: 'prefix too long' });
      break;
    case 'port':
      out.push({ word: '70000', what: 'port above 65535' });
      break;
    case 'hex':
      out.push({ word: 'zz', what: 'not hex' });
      break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Probes
// ---------------------------------------------------------------------------------------------

type Kind = 'bare' | 'extra' | 'invalid' | 'range' | 'forms' | 'enums' | 'quoted' | 'repeat' | 'unavailable' | 'values' | 'oneline';

/** Lines of value blocks, valid and not, with the options iproute2's grammar and keepalived's readers know (and some they do not). */
const ADDRESS_LINES = [
  '192.0.2.10', '192.0.2.10/24', '192.0.2.10/32', '192.0.2.10/0', '192.0.2.10/33', '192.0.2.300', '192.0.2.10/24 dev eth0', '192.0.2.10 dev',
  '192.0.2.10 scope global', '192.0.2.10 scope host', '192.0.2.10 scope link', '192.0.2.10 scope site', '192.0.2.10 scope nowhere', '192.0.2.10 scope 5', '192.0.2.10 scope 300', '192.0.2.10 scope',
  '192.0.2.10 label eth0:1', '192.0.2.10/24 dev eth0 label eth0:vip', '192.0.2.10 label foo', '192.0.2.10 label eth0:abcdefghijklmnop',
  '192.0.2.10/24 brd 192.0.2.255', '192.0.2.10/24 brd +', '192.0.2.10/24 brd -', '192.0.2.10/24 broadcast 192.0.2.255', '192.0.2.10/24 brd 192.0.2.300',
  '192.0.2.10 no_track', '192.0.2.10 preferred_lft 0', '192.0.2.10 preferred_lft forever', '192.0.2.10 preferred_lft -1', '192.0.2.10 preferred_lft 4294967296',
  '192.0.2.10 home', '192.0.2.10 -nodad', '192.0.2.10 nodad', '192.0.2.10 noprefixroute', '192.0.2.10 autojoin', '192.0.2.10 peer 192.0.2.11', '192.0.2.10 metric 5',
  '2001:db8::10/64', '2001:db8::10/64 nodad', '2001:db8::10/129', 'fe80::10/64', '192.0.2.10-20', '192.0.2.10 xyz', '192.0.2.10 dev eth0 dev eth1', '192.0.2.10/24 dev eth0 scope link label eth0:1 no_track',
  '192.0.2.10 track_group g', '192.0.2.10 use_vmac', '192.0.2.10 use_ipvlan', '0.0.0.0', '::', '224.0.0.1', '192.0.2.10/24/24',
];
const ROUTE_LINES = [
  '198.51.100.0/24 via 192.0.2.254', '198.51.100.0/24 via 192.0.2.254 dev eth0', 'src 192.0.2.1 to 198.51.100.0/24 via 192.0.2.254 dev eth0', '198.51.100.0/24 dev eth0',
  'blackhole 198.51.100.0/24', 'unreachable 198.51.100.0/24', 'prohibit 198.51.100.0/24', 'throw 198.51.100.0/24', 'local 198.51.100.1', 'broadcast 198.51.100.255 dev eth0', 'anycast 198.51.100.1 dev eth0', 'multicast 224.1.1.1 dev eth0', 'nat 198.51.100.1 dev eth0',
  '198.51.100.0/24 via 192.0.2.254 table 100', '198.51.100.0/24 via 192.0.2.254 table main', '198.51.100.0/24 via 192.0.2.254 table local', '198.51.100.0/24 via 192.0.2.254 table 4294967296', '198.51.100.0/24 via 192.0.2.254 table xyz',
  '198.51.100.0/24 via 192.0.2.254 metric 1', '198.51.100.0/24 via 192.0.2.254 preference 1', '198.51.100.0/24 via 192.0.2.254 proto static', '198.51.100.0/24 via 192.0.2.254 proto 300', '198.51.100.0/24 dev eth0 scope link', '198.51.100.0/24 via 192.0.2.254 onlink',
  '198.51.100.0/24 via 192.0.2.254 mtu 1400', '198.51.100.0/24 via 192.0.2.254 mtu lock 1400', '198.51.100.0/24 via 192.0.2.254 advmss 1400', '198.51.100.0/24 via 192.0.2.254 rtt 10', '198.51.100.0/24 via 192.0.2.254 rttvar 10', '198.51.100.0/24 via 192.0.2.254 reordering 3',
  '198.51.100.0/24 via 192.0.2.254 window 10', '198.51.100.0/24 via 192.0.2.254 cwnd 10', '198.51.100.0/24 via 192.0.2.254 ssthresh 10', '198.51.100.0/24 via 192.0.2.254 realms 1/2', '198.51.100.0/24 via 192.0.2.254 initcwnd 10', '198.51.100.0/24 via 192.0.2.254 initrwnd 10',
  '198.51.100.0/24 via 192.0.2.254 features ecn', '198.51.100.0/24 via 192.0.2.254 quickack 1', '198.51.100.0/24 via 192.0.2.254 quickack 2', '198.51.100.0/24 via 192.0.2.254 congctl cubic', '198.51.100.0/24 via 192.0.2.254 congctl lock cubic', '198.51.100.0/24 via 192.0.2.254 pref medium', '198.51.100.0/24 via 192.0.2.254 pref xyz',
  '198.51.100.0/24 via 192.0.2.254 expires 10', '198.51.100.0/24 nexthop via 192.0.2.254 dev eth0 weight 2 nexthop via 192.0.2.253 dev eth0', '198.51.100.0/24 via 192.0.2.254 no_track', '198.51.100.0/24 via 192.0.2.254 ttl-propagate enabled', '198.51.100.0/24 via 192.0.2.254 fastopen_no_cookie 1',
  '198.51.100.0/24 via inet6 2001:db8::1', '2001:db8:1::/64 via 2001:db8::1', '198.51.100.0/24', 'default via 192.0.2.254', '0.0.0.0/0 via 192.0.2.254', '198.51.100.0/24 via 192.0.2.254 xyz', '198.51.100.0/24 via 192.0.2.300', '198.51.100.0/33 via 192.0.2.254',
  '198.51.100.0/24 via 192.0.2.254 tos 10', '198.51.100.0/24 via 192.0.2.254 dsfield 10', '198.51.100.0/24 via 192.0.2.254 src 192.0.2.1', '198.51.100.0/24 via 192.0.2.254 hoplimit 10', '198.51.100.0/24 via 192.0.2.254 rto_min 10', '198.51.100.0/24 encap mpls 100 via 192.0.2.254',
];
const RULE_LINES = [
  'from 192.0.2.0/24 table 100', 'to 198.51.100.0/24 table 100', 'from all table 100', 'from 192.0.2.0/24 lookup 100', 'from 192.0.2.0/24 table main', 'from 192.0.2.0/24 table xyz', 'from 192.0.2.0/24 table 0', 'from 192.0.2.0/24 table 4294967296',
  'from 192.0.2.0/24 table 100 priority 100', 'from 192.0.2.0/24 table 100 preference 100', 'from 192.0.2.0/24 table 100 order 100', 'from 192.0.2.0/24 table 100 prio 100', 'from 192.0.2.0/24 table 100 priority 4294967296',
  'iif eth0 table 100', 'oif eth0 table 100', 'fwmark 0x1 table 100', 'fwmark 0x1/0xff table 100', 'fwmark 1 table 100', 'fwmark xyz table 100', 'tos 10 table 100', 'dsfield 10 table 100', 'realms 1/2 table 100',
  'from 192.0.2.0/24 goto 5', 'from 192.0.2.0/24 nop', 'from 192.0.2.0/24 table 100 suppress_prefixlength 0', 'from 192.0.2.0/24 table 100 suppress_ifgroup 1', 'uidrange 1-2 table 100', 'ipproto tcp table 100', 'ipproto 6 table 100', 'sport 80 table 100', 'dport 80-90 table 100', 'l3mdev', 'protocol 5 table 100',
  'not from 192.0.2.0/24 table 100', 'from 192.0.2.0/24 table 100 no_track', 'from 192.0.2.0/24 blackhole', 'from 192.0.2.0/24 unreachable', 'from 192.0.2.0/24 prohibit', 'from 192.0.2.0/24 type unreachable', 'from 192.0.2.0/24', 'table 100', 'from 192.0.2.300 table 100', 'from 192.0.2.0/24 table 100 xyz',
  'from 2001:db8::/64 table 100', 'from 192.0.2.0/24 to 2001:db8::/64 table 100', 'from 192.0.2.0/24 table 100 tunnel_id 5', 'from 192.0.2.0/24 table 100 dev eth0',
];
const PEER_LINES = ['192.0.2.20', '192.0.2.300', '2001:db8::20', '192.0.2.20 min_ttl 1', '192.0.2.20 max_ttl 255', '192.0.2.20 min_ttl 0 max_ttl 256', '192.0.2.20 xyz', 'peer.example.com', '192.0.2.20/24', '192.0.2.20 192.0.2.21'];
const VSG_LINES = ['192.0.2.1 80', '192.0.2.1-10 80', '192.0.2.1-300 80', '192.0.2.1 0', '192.0.2.1 70000', '192.0.2.1', 'fwmark 1', 'fwmark 0', 'fwmark 4294967296', 'fwmark xyz', '192.0.2.1/24 80', '2001:db8::1 80', '2001:db8::1-ff 80', '192.0.2.1 80 xyz', 'fwmark 1 xyz', '192.0.2.10-5 80'];
const MAIL_LINES = ['root@example.com', 'root', '"root@example.com"', 'a@b@c', '@example.com', 'root@example.com root2@example.com'];
/** The value lines probed for a value block, by its keyword. */
function valueLines(spec: KeywordSpec): string[] {
  switch (spec.name) {
    case 'virtual_ipaddress':
    case 'virtual_ipaddress_excluded':
    case 'static_ipaddress':
      return ADDRESS_LINES;
    case 'virtual_routes':
    case 'static_routes':
      return ROUTE_LINES;
    case 'virtual_rules':
    case 'static_rules':
      return RULE_LINES;
    case 'unicast_peer':
      return PEER_LINES;
    case 'virtual_server_group':
      return VSG_LINES;
    case 'notification_email':
      return MAIL_LINES;
    default:
      return [];
  }
}

/** Numbers at the edges releases have drawn ranges at (8, 16, 31 and 32 bits), and the argument's own edges. */
const EDGE_INTEGERS = [-1, 0, 1, 255, 256, 65535, 65536, 2147483647, 2147483648, 4294967295, 4294967296];
/** Seconds where a timer stored in microseconds in 32 bits (4294.967296 s) or 31 bits overflows, and fractions. */
const EDGE_DECIMALS = ['0', '0.0001', '0.000001', '1.0000001', '-0.5', '0.5', '1.5', '2147', '2148', '4294', '4295', '4294967', '4294968'];

/** Values for a `range` probe of a numeric argument: the edges above and the table's own at release `v`, each once. */
function edgeWords(a: ArgSpec): string[] {
  if (a.type !== 'unsigned' && a.type !== 'integer' && a.type !== 'decimal' && a.type !== 'timer' && a.type !== 'port') return [];
  const words = new Set<string>(EDGE_INTEGERS.map(String));
  if (a.type === 'decimal' || a.type === 'timer') for (const w of EDGE_DECIMALS) words.add(w);
  for (const n of [a.min, a.max]) if (n !== undefined) for (const d of [-1, 0, 1]) words.add(String(n + d));
  return [...words];
}

/** Ways of writing a number that some reader takes and another refuses (sign, zeros, base, exponent, suffix, point). */
const NUMBER_FORMS = ['+5', '05', '007', '0x10', '010', '5abc', '5.', '.5', '1e3', '5s', '-0', '5,0', '٥', '５'];
/** Words for a bool argument besides the six keepalived documents. */
const BOOL_FORMS = ['ON', 'Off', 'TRUE', 'Yes', '1', '0', 'enable', 'disabled'];
/** Address forms: zeros, a prefix where none is asked, a zone, brackets, a host name, a short form. */
const ADDRESS_FORMS = ['192.0.2.01', '192.0.2.1/24', '192.0.2.1/32', 'fe80::1%eth0', '[2001:db8::1]', '2001:db8::1/64', 'localhost', '127.1', '0.0.0.0', '::'];

/** Other writings of a valid sample value for argument `a`: number forms, an enum word's other cases, bool words, addresses. */
function formWords(a: ArgSpec): string[] {
  switch (a.type) {
    case 'unsigned':
    case 'integer':
    case 'decimal':
    case 'timer':
    case 'port':
      return NUMBER_FORMS;
    case 'enum':
    case 'enum_or_unsigned': {
      const out = new Set<string>();
      for (const v of a.values ?? []) for (const w of [v.toUpperCase(), v.toLowerCase(), v.charAt(0).toUpperCase() + v.slice(1).toLowerCase()]) if (w !== v) out.add(w);
      return [...out].slice(0, 12);
    }
    case 'bool':
      return BOOL_FORMS;
    case 'ipaddr':
    case 'ipv4':
    case 'ipv6':
    case 'ip_prefix':
    case 'host':
      return ADDRESS_FORMS;
    default:
      return [];
  }
}

interface Probe {
  spec: KeywordSpec;
  kind: Kind;
  /** The probe's lines (a block keyword's block included). */
  lines: string[];
  /** What the probe tries (invalid: the argument and word). */
  what: string;
}

const S = schema();

function chainOf(spec: KeywordSpec): KeywordSpec[] {
  const chain: KeywordSpec[] = [];
  for (let p = spec.parent; p; p = p.parent) chain.unshift(p);
  return chain;
}

function missingFeature(spec: KeywordSpec): boolean {
  return !!spec.build_condition && Object.keys(COMMONLY_MISSING_FEATURES).some((f) => spec.build_condition!.includes(f));
}

/** The probe line with its block, when the keyword opens one. */
function withBlock(spec: KeywordSpec, head: string): string[] {
  if (!spec.block) return [head];
  const inner = spec.block === 'values' ? sampleValueLines(spec) : (MINIMAL_BODY[spec.id] ?? []).flatMap((m) => m.lines);
  return [`${head} {`, ...inner.map((l) => `  ${l}`), '}'];
}

function probesFor(spec: KeywordSpec, v: Version, kinds: Set<Kind>): Probe[] {
  const out: Probe[] = [];
  const args = sampleArgs(spec, v);
  if (kinds.has('bare')) out.push({ spec, kind: 'bare', lines: withBlock(spec, spec.name), what: 'no words' });
  if (kinds.has('oneline') && spec.block && args) {
    // The block on one line, as users write short ones: `virtual_ipaddress { 192.0.2.10 }`, `TCP_CHECK {connect_timeout 3}`.
    const head = [spec.name, ...args].join(' ');
    const inner = spec.block === 'values' ? sampleValueLines(spec)[0] : oneChildLine(spec, v);
    if (inner !== undefined) {
      for (const [form, line] of [['spaced', `${head} { ${inner} }`], ['glued', `${head} {${inner}}`], ['open on the line', `${head} { ${inner}`], ['close on the line', `${head} {`]] as const) {
        const lines = form === 'open on the line' ? [line, '}'] : form === 'close on the line' ? [line, `  ${inner} }`] : [line];
        out.push({ spec, kind: 'oneline', lines, what: form });
      }
    }
  }
  if (kinds.has('values') && spec.block === 'values') {
    const head = [spec.name, ...(sampleArgs(spec, v) ?? [])].join(' ');
    for (const line of valueLines(spec)) out.push({ spec, kind: 'values', lines: [`${head} {`, `  ${line}`, '}'], what: line });
  }
  if (args && args.length && kinds.has('quoted')) out.push({ spec, kind: 'quoted', lines: withBlock(spec, [spec.name, ...args.map((w) => `"${w}"`)].join(' ')), what: 'every argument quoted' });
  if (args && kinds.has('repeat')) {
    // The line twice (a block keyword's whole block twice, name and all): what each release says of a second one.
    const once = withBlock(spec, [spec.name, ...args].join(' '));
    out.push({ spec, kind: 'repeat', lines: [...once, ...once], what: 'written twice' });
  }
  if (args && kinds.has('extra')) out.push({ spec, kind: 'extra', lines: withBlock(spec, [spec.name, ...args, 'kalint_extra'].join(' ')), what: 'one word too many' });
  if (args && kinds.has('invalid') && !ARG_OVERRIDES[spec.id]) {
    argsIn(spec, v).forEach((raw, i) => {
      const a = argIn(raw, v);
      // Only arguments the sample writes or a required one (an optional one past the sample is not read).
      if (i > args.length || (i === args.length && argOptionalIn(a, v))) return;
      for (const { word, what } of invalidWords(a)) {
        const words = args.slice();
        while (words.length < i) words.push(sampleWord(argIn(argsIn(spec, v)[words.length]!, v)) ?? '1');
        words[i] = word;
        out.push({ spec, kind: 'invalid', lines: withBlock(spec, [spec.name, ...words.slice(0, Math.max(i + 1, args.length))].join(' ')), what: `${a.name} ${what} (${word})` });
      }
    });
  }
  for (const kind of ['range', 'forms', 'enums'] as const) {
  if (args && kinds.has(kind) && !ARG_OVERRIDES[spec.id]) {
    argsIn(spec, v).forEach((raw, i) => {
      const a = argIn(raw, v);
      if (i > args.length || (i === args.length && argOptionalIn(a, v))) return;
      // enums: every word the table lists, also those it dates after the release (values_since), which the release should refuse.
      for (const word of kind === 'range' ? edgeWords(a) : kind === 'forms' ? formWords(a) : a.type === 'enum' || a.type === 'enum_or_unsigned' ? (raw.values ?? []) : []) {
        const words = args.slice();
        while (words.length < i) words.push(sampleWord(argIn(argsIn(spec, v)[words.length]!, v)) ?? '1');
        words[i] = word;
        out.push({ spec, kind, lines: withBlock(spec, [spec.name, ...words.slice(0, Math.max(i + 1, args.length))].join(' ')), what: `${a.name} = ${word}` });
      }
    });
  }
  }
  return out;
}

/** A line of one sub-keyword of block `spec` with sample arguments (the first its minimal body asks for, else the first child that can be written), or undefined. */
function oneChildLine(spec: KeywordSpec, v: Version): string | undefined {
  const minimal = MINIMAL_BODY[spec.id];
  if (minimal?.length) return minimal[0]!.lines.length === 1 ? minimal[0]!.lines[0] : undefined;
  for (const c of spec.children) {
    if (c.block || !availableIn(c, v) || missingFeature(c)) continue;
    const a = sampleArgs(c, v);
    if (a && a.length) return [c.name, ...a].join(' ');
  }
  return undefined;
}

/**
 * The config around a probe: its blocks opened with sample arguments, the minimal body a block
 * needs, the probe (or nothing, for the control run), a sentinel, the blocks closed. Returns the text,
 * the probe's first and last line, and the sentinel's line.
 */
function configFor(spec: KeywordSpec, v: Version, probe: string[] | undefined): { text: string; first: number; last: number; sentinel: number } | undefined {
  const chain = chainOf(spec);
  const lines: string[] = [];
  namePrefix = 'k';
  serial = 0;
  for (const [depth, b] of chain.entries()) {
    const args = sampleArgs(b, v);
    if (!args) return undefined;
    lines.push(`${'  '.repeat(depth)}${[b.name, ...args].join(' ')} {`);
    // What a block around the probe's own block needs (the probe's block gets its own below).
    const inner = chain[depth + 1];
    if (inner) for (const m of MINIMAL_BODY[b.id] ?? []) if (m.keyword !== inner.name) for (const l of m.lines) lines.push(`${'  '.repeat(depth + 1)}${l}`);
  }
  const ind = '  '.repeat(chain.length);
  const parent = chain[chain.length - 1];
  for (const m of parent ? (MINIMAL_BODY[parent.id] ?? []) : []) if (m.keyword !== spec.name || !probe) for (const l of m.lines) lines.push(`${ind}${l}`);
  const first = lines.length + 1;
  for (const l of probe ?? []) lines.push(`${ind}${l}`);
  const last = lines.length;
  lines.push(`${ind}kalint_sentinel`);
  const sentinel = lines.length;
  for (let depth = chain.length - 1; depth >= 0; depth--) lines.push(`${'  '.repeat(depth)}}`);
  namePrefix = 'p';
  return { text: lines.join('\n') + '\n', first, last, sentinel };
}

// ---------------------------------------------------------------------------------------------
// Running keepalived and kalint
// ---------------------------------------------------------------------------------------------

interface Run {
  status: number;
  signal?: string;
  stderr: string;
}

function runKeepalived(binary: string, text: string): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'kalint-probe-'));
  writeFileSync(join(dir, 'keepalived.conf'), text);
  return new Promise((resolve) => {
    const child = spawn(binary, ['-t', '-f', 'keepalived.conf', '-i', 'x'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 15_000 });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (stderr += c));
    child.on('close', (status, signal) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ status: status ?? -1, signal: signal ?? undefined, stderr });
    });
  });
}

interface Located {
  line: number;
  message: string;
}

function located(stderr: string): Located[] {
  return parseKeepalivedStderr(stderr)
    .filter((m): m is { line: number; message: string; file?: string } => m.line !== undefined && !isHostMessage(m.message))
    .map((m) => ({ line: m.line, message: m.message }));
}

/** A message with its numbers left out: a block's messages count its entries ("garp group 1" with an interfaces block, 0 without). */
const numbersOut = (message: string) => message.replace(/\d+/g, 'N');
const CRASH_SIGNALS = new Set(['SIGSEGV', 'SIGABRT', 'SIGFPE', 'SIGBUS']);
const crashedRun = (run: Run) => (!!run.signal && CRASH_SIGNALS.has(run.signal)) || run.status >= 128;
const STOP = /missing a parameter/;
const UNKNOWN = /^Unknown keyword '([^']*)'/;
/** Findings that say keepalived -t does not see the problem (as sweep.mjs's CANNOT_SEE). */
const CANNOT_SEE = /not reported by keepalived -t|-t does not report|accepts it without a word|ignores the line without a word|ignores it without a word|says nothing/;
const KALINT_STOPS = /exits (?:here|at this [^;]*?) with a configuration error|it exits at line \d+ first/;
const KALINT_CRASH = /crash|segmentation fault|SIGSEGV|abort/i;

type KaEffect = 'crashes' | 'stops' | 'reports' | 'silent' | 'unknown' | 'unread';
/** crashes-or-stops: a finding says the release may do either (a handler reading past the end of the line). */
type KlEffect = 'crashes' | 'stops' | 'crashes-or-stops' | 'error' | 'warning' | 'silent';

interface Result {
  release: string;
  id: string;
  kind: Kind;
  what: string;
  probe: string;
  keepalived: KaEffect;
  said: string[];
  kalint: KlEffect;
  findings: string[];
  category?: 'miss' | 'miss-warning' | 'false-error' | 'unseen' | 'effect' | 'rule-error' | 'context';
}

interface Control {
  messages: Set<string>;
  crashed: boolean;
  /** kalint's findings on the control config, by code and message. */
  findings: Set<string>;
}

const lintAt = (text: string, release: string) => lintText(text, { file: 'keepalived.conf', targetVersion: release, configId: 'x' }).diagnostics as Diagnostic[];

async function probeOne(binary: string, release: string, v: Version, p: Probe, control: Map<string, Promise<Control>>): Promise<Result | undefined> {
  const cfg = configFor(p.spec, v, p.lines);
  if (!cfg) return undefined;
  // The control keeps every minimal line (the probe's config leaves out the one the probe replaces).
  const parentKey = p.spec.parent?.id ?? '';
  if (!control.has(parentKey)) {
    const c = configFor(p.spec, v, undefined)!;
    const findings = new Set(lintAt(c.text, release).map((d) => `${d.code} ${d.message}`));
    control.set(parentKey, runKeepalived(binary, c.text).then((r) => ({ messages: new Set(located(r.stderr).map((m) => numbersOut(m.message))), crashed: crashedRun(r), findings })));
  }
  const [run, ctl] = await Promise.all([runKeepalived(binary, cfg.text), control.get(parentKey)!]);
  const quiet = ctl.messages;
  if (dumpDir) {
    const base = join(dumpDir, release, `${p.spec.id.replace(/\//g, '.')}.${p.kind}${p.kind === 'invalid' || p.kind === 'range' || p.kind === 'forms' || p.kind === 'enums' || p.kind === 'values' || p.kind === 'oneline' ? `.${p.what.replace(/\W+/g, '_')}` : ''}`);
    mkdirSync(dirname(base), { recursive: true });
    writeFileSync(`${base}.conf`, cfg.text);
    writeFileSync(`${base}.out`, `exit ${run.status}${run.signal ? ` ${run.signal}` : ''}\n${run.stderr}`);
  }
  const all = located(run.stderr);
  const onProbe = all.filter((m) => m.line >= cfg.first && m.line <= cfg.last);
  const unknownHere = onProbe.some((m) => UNKNOWN.exec(m.message)?.[1] === p.spec.name && m.line === cfg.first);
  const sentinelRead = all.some((m) => m.line === cfg.sentinel && /Unknown keyword 'kalint_sentinel'/.test(m.message));
  const elsewhere = all.filter((m) => (m.line < cfg.first || m.line > cfg.last) && m.line !== cfg.sentinel && !quiet.has(numbersOut(m.message)));
  const crashed = crashedRun(run);
  const said = [...onProbe, ...elsewhere].map((m) => `${m.line === cfg.first ? '' : `(line ${m.line}) `}${m.message}`);
  const ka: KaEffect = unknownHere
    ? 'unknown'
    : crashed
      ? 'crashes'
      : onProbe.some((m) => STOP.test(m.message))
        ? 'stops'
        : onProbe.length || elsewhere.length
          ? 'reports'
          : !sentinelRead
            ? 'unread'
            : 'silent';
  if (crashed) said.push(`(${run.signal ?? `exit ${run.status}`})`);
  // kalint's findings on the probe's lines, and those elsewhere the control does not have (a url
  // dropped for the probe's line is reported at the url's end, as keepalived does).
  const here = lintAt(cfg.text, release).filter((d) => (d.range.start.line + 1 >= cfg.first && d.range.start.line + 1 <= cfg.last) || !ctl.findings.has(`${d.code} ${d.message}`));
  const errors = here.filter((d) => d.severity === 'error');
  const saysCrash = here.some((d) => KALINT_CRASH.test(d.message));
  const saysStop = here.some((d) => KALINT_STOPS.test(d.message));
  const kl: KlEffect = saysCrash && saysStop
    ? 'crashes-or-stops'
    : saysCrash
    ? 'crashes'
    : saysStop
      ? 'stops'
      : errors.length
        ? 'error'
        : here.some((d) => d.severity === 'warning')
          ? 'warning'
          : 'silent';
  const r: Result = {
    release,
    id: p.spec.id,
    kind: p.kind,
    what: p.what,
    probe: p.lines.join(' / '),
    keepalived: ka,
    said,
    kalint: kl,
    findings: here.map((d) => `${d.code} ${d.severity}: ${d.message}`),
  };
  if (ka === 'unknown') return r;
  // The block around the probe crashes this release on its own: the probe says nothing.
  if (ctl.crashed) {
    r.category = 'context';
    return r;
  }
  const kaActs = ka === 'crashes' || ka === 'stops' || ka === 'reports' || ka === 'unread';
  const either = kl === 'crashes-or-stops' && (ka === 'stops' || ka === 'crashes');
  if (!either && ((kl === 'stops' && ka !== 'stops') || (kl === 'crashes' && ka !== 'crashes') || kl === 'crashes-or-stops' || (ka === 'stops' && kl !== 'stops') || (ka === 'crashes' && kl !== 'crashes'))) r.category = 'effect';
  else if (kaActs && kl === 'warning') r.category = 'miss-warning';
  else if (kaActs && kl === 'silent') r.category = 'miss';
  else if (ka === 'silent' && errors.length) {
    // The file rules (KA3xx and up) judge the block around the probe, which the probe leaves thin.
    const core = errors.filter((d) => /^KA[012]/.test(d.code));
    r.category = !core.length ? 'rule-error' : core.every((d) => CANNOT_SEE.test(d.message)) ? 'unseen' : 'false-error';
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
function option(name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at < 0) return undefined;
  const [, value] = argv.splice(at, 2);
  return value;
}
const builds = new Map<string, string>();
for (let b = option('--build'); b; b = option('--build')) {
  const [ver, path] = b.split('=');
  if (ver && path) builds.set(ver, path);
}
const only = option('--only')?.split(',');
const kinds = new Set((option('--kinds') ?? 'bare,extra,invalid').split(',') as Kind[]);
const out = option('--out') ?? join(tmpdir(), 'kalint-line-probes.json');
const jobs = Number(option('--jobs') ?? 2);
const dumpDir = option('--dump');

// KA_BUILDS: prefixes separated by ':' (as test/helpers/releases.ts reads it).
for (const prefix of (process.env.KA_BUILDS ?? '/tmp/ka').split(':').filter(Boolean)) {
  if (!existsSync(dirname(prefix))) continue;
  for (const n of readdirSync(dirname(prefix))) {
    const p = join(dirname(prefix), n);
    const m = /(\d+\.\d+\.\d+)$/.exec(p);
    if (m && p.startsWith(prefix) && !builds.has(m[1]!) && existsSync(join(p, 'keepalived/keepalived'))) builds.set(m[1]!, join(p, 'keepalived/keepalived'));
  }
}
if (!builds.has('2.2.7') && existsSync('/usr/sbin/keepalived')) builds.set('2.2.7', '/usr/sbin/keepalived');
const releases = [...builds]
  .filter(([ver]) => (!only || only.includes(ver)) && compareVersions(parseVersion(ver)!, [2, 0, 7]) >= 0)
  .sort(([a], [b]) => compareVersions(parseVersion(a)!, parseVersion(b)!));

const results: Result[] = [];
const summary: string[] = [];
async function main(): Promise<void> {
for (const [release, binary] of releases) {
  const said = /Keepalived v(\d+\.\d+\.\d+)/.exec(spawnSync(binary, ['-v'], { encoding: 'utf8' }).stderr)?.[1];
  if (said !== release) {
    console.error(`${binary}: -v says ${said ?? 'nothing'}, not ${release}: left out`);
    continue;
  }
  const v = parseVersion(release)!;
  const specs = S.all.filter((s) => availableIn(s, v) && chainOf(s).every((a) => availableIn(a, v)) && !missingFeature(s));
  const probes = specs.flatMap((s) => probesFor(s, v, kinds));
  if (kinds.has('unavailable')) {
    // Keywords the table says came after this release, in blocks it has: the release should not know them.
    for (const s of S.all) {
      if (availableIn(s, v) || !chainOf(s).every((a) => availableIn(a, v)) || missingFeature(s)) continue;
      const args = sampleArgs(s, v) ?? [];
      probes.push({ spec: s, kind: 'unavailable', lines: withBlock(s, [s.name, ...args].join(' ')), what: `since ${s.since}` });
    }
  }
  const control = new Map<string, Promise<Control>>();
  const mine: Result[] = [];
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const p = probes[next++]!;
      const r = await probeOne(binary, release, v, p, control);
      if (r) mine.push(r);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  results.push(...mine);
  const count = (k: Kind, c?: Result['category']) => mine.filter((r) => r.kind === k && r.keepalived !== 'unknown' && (c === undefined || r.category === c)).length;
  const unknown = [...new Set(mine.filter((r) => r.keepalived === 'unknown').map((r) => r.id))];
  summary.push(
    `${release.padEnd(7)} ${String(specs.length).padStart(4)} keywords` +
      [...kinds].map((k) => `  ${k} ${count(k)}: miss ${count(k, 'miss')}, miss-warning ${count(k, 'miss-warning')}, false-error ${count(k, 'false-error')}, effect ${count(k, 'effect')} (unseen ${count(k, 'unseen')}, rule-error ${count(k, 'rule-error')}, context crashes ${count(k, 'context')})`).join(';') +
      (unknown.length ? `; unknown to the build: ${unknown.join(', ')}` : ''),
  );
  console.log(summary[summary.length - 1]);
}
}
void main().then(() => {
writeFileSync(out, JSON.stringify(results, null, 1));
console.log(`every probe: ${out}`);
});
