// KA413: the directors of a cluster do not define the same IPVS services.
//
// What is compared is what IPVS gets, not how the blocks are written. keepalived 2.2.7 gives IPVS one service per
// `virtual_server ADDR PORT` (with its protocol) or `virtual_server fwmark N`, and for `virtual_server group NAME`
// one service per address (every address of a range) and port of each address entry of the group, with the
// virtual server's protocol, and one per fwmark entry (ipvswrapper.c: ipvs_group_cmd, ipvs_group_range_cmd). The
// group's name never reaches IPVS: a group renamed on one director, or written there as plain virtual_server
// blocks, is the same service. Ranges are compared as ranges (a sweep over their ends), never address by address.

import type { ClusterRule, ClusterNode } from '../types.js';
import type { Word } from '../../core/analysis/ast.js';
import type { VirtualServer } from '../../core/model/model.js';
import { at, fallback, majorityFirst, nodeMasterRank, quoteList, rel } from '../../cluster/model.js';
import type { Version } from '../../core/schema/schema.js';
import { lvsFacts, schedulerKnown, type ServerFacts } from '../lvs/server-facts.js';
import { rangeNeverEnds } from '../lvs/virtual-server-group-range-never-ends.js';
import { realServerForwarding, sorryForwarding } from '../lvs/util.js';
import { canonicalAddress, ipFamily, ipv4ToNumber, readUnsigned, sockaddrFamily, type Family } from '../../core/analysis/values.js';
import { persistentByGranularity } from '../lvs/granularity.js';
import { effectiveProtocol } from '../lvs/util.js';
import { entrySpan, groupsOf6, vsgReading, type EntrySpan, type GroupInfo, type VsgReading } from '../lvs/vsg-entries.js';
import type { Location } from '../../core/diagnostics.js';

/** One IPVS service a director runs (or a run of them: the addresses of a range), as keepalived sets it up. */
interface Service {
  vs: VirtualServer;
  /** For a group's service: the group entry it comes from. */
  entry?: Word[];
  scheduler: string;
  /** Persistence keepalived runs the service with: a valid timeout, else 360 s from an accepted granularity or port 0. */
  persistence: string;
  /**
   * The real servers of every block of the service: a second virtual_server block for it adds its real servers to
   * the one IPVS service (ipvswrapper.c takes EEXIST as success); the settings stay the first block's.
   */
  realServers: ServiceDestination[];
  /** The forwarding methods of the real servers (and sorry server), as keepalived settles them, e.g. 'DR'. */
  methods: string;
  sorry: string;
  /** The order keepalived adds the services of the director in (the first block of a service sets it up). */
  seq: number;
  /** An address service: where it sits among the ranges (canonical address, port, protocol). */
  address?: string;
  port?: number;
  protocol?: string;
}

/** A real server as IPVS gets it: canonical address and the port keepalived fills in. */
interface ServiceDestination {
  key: string;
}

/**
 * The port IPVS gets for a destination: the service's for a DR or TUN server (ipvs_group_cmd and validate_check_config
 * reset it; fwmark: 0), the written one for a NAT server, else `natDefault` (the service's port for an address
 * virtual_server, which validate_check_config fills in, the checker's dump showing `RPORT = 80` for
 * `real_server 10.0.1.1` on port 80; 0 for a fwmark or a group's service, which keepalived leaves unset).
 */
function destinationPort(servicePort: number, natDefault: number, method: string, written: number | undefined): string {
  if (method !== 'NAT') return String(servicePort);
  return String(written ?? natDefault);
}

function destinations(vs: VirtualServer, f: ServerFacts | undefined, servicePort: number, natDefault: number): { list: ServiceDestination[]; methods: Set<string>; sorry: string } {
  const methods = new Set<string>();
  const list = vs.realServers.map((rs, j) => {
    const r = f?.realServers[j];
    const method = f && r ? realServerForwarding(f, r) : kindOf(vs);
    methods.add(method);
    return { key: `${canonicalAddress(rs.address)} ${destinationPort(servicePort, natDefault, method, rs.port)}`.trim() };
  });
  let sorry = 'none';
  if (vs.sorryServer) {
    const method = f ? (sorryForwarding(f) ?? 'NAT') : kindOf(vs);
    // A NAT sorry server keeps its port (none: 0).
    const port = destinationPort(servicePort, 0, method, vs.sorryServer.port);
    sorry = `${canonicalAddress(vs.sorryServer.address)} ${port}`.trim();
    methods.add(method);
  }
  return { list, methods, sorry };
}

function kindOf(vs: VirtualServer): string {
  const kind = vs.lbKind?.value;
  return kind === 'NAT' || kind === 'DR' || kind === 'TUN' ? kind : 'NAT';
}

/** An IPv6 address from its eight groups, written short (RFC 5952: the longest run of zero groups as '::'). */
function ipv6Text(groups: readonly number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

const ipv4Text = (n: number) => `${Math.floor(n / 16777216)}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;

/** Where address services sit among ranges: one line of addresses (a family, a port and a protocol; IPv6: also the first seven groups). */
interface Bucket {
  family: Family;
  /** IPv6: the first seven groups. */
  prefix?: number[];
  port: number;
  protocol: string;
}

function bucketKey(family: Family, prefix6: string | undefined, port: number, protocol: string): string {
  return family === 4 ? `4 ${port} ${protocol}` : `6 ${prefix6} ${port} ${protocol}`;
}

function addressText(b: Bucket, n: number): string {
  return b.family === 4 ? ipv4Text(n) : ipv6Text([...b.prefix!, n]);
}

/** How a service is named in messages: as IPVS has it (address port protocol; `fwmark N`), with the group it comes from. */
function serviceLabel(b: Bucket, lo: number, hi: number): string {
  return `${addressText(b, lo)}${hi !== lo ? `-${addressText(b, hi)}` : ''} ${b.port} ${b.protocol}`;
}

const fwmarkLabel = (mark: number, family: Family) => `fwmark ${mark}${family === 6 ? ' IPv6' : ''}`;

/** An address service or range of services of one director, before the directors are compared. */
interface RangeItem {
  bucket: string;
  lo: number;
  hi: number;
  service: Service;
}

interface NodeIndex {
  /** Services of one address (or one fwmark), by their label. */
  singles: Map<string, Service>;
  /** Ranges of more than one address (empty on most directors). */
  ranges: RangeItem[];
  /** The buckets of the ranges. */
  buckets: Map<string, Bucket>;
  /** The virtual servers, in order (for the related locations). */
  servers: VirtualServer[];
  /** The IPv4 buckets with a range keepalived never gets to the end of (KA544): not compared. */
  broken: Set<string>;
}

/** What is the same for every service of one virtual_server. */
interface ServerSettings {
  vs: VirtualServer;
  f: ServerFacts | undefined;
  scheduler: string;
  persistence: string;
}

let seq = 0;

function newService(s: ServerSettings, servicePort: number, natDefault: number, entry?: Word[]): Service {
  const d = destinations(s.vs, s.f, servicePort, natDefault);
  return { seq: seq++, vs: s.vs, entry, scheduler: s.scheduler, persistence: s.persistence, realServers: d.list, methods: [...d.methods].sort().join('+') || kindOf(s.vs), sorry: d.sorry };
}

/** The family of a fwmark service: the entry's, else the virtual server's (vs_end_handler), else IPv4 (ipvs_group_cmd). */
function fwmarkFamily(vs: VirtualServer, f: ServerFacts | undefined, own: Family | undefined): Family {
  if (own) return own;
  if (f?.family) return f.family;
  if (vs.kind === 'group') return 4;
  // A fwmark virtual_server whose real and sorry servers are all tunnelled: their family when they agree, else IPv4.
  const families = [vs.sorryServer?.address, ...vs.realServers.map((r) => r.address)].flatMap((a) => {
    const fam = a === undefined ? undefined : sockaddrFamily(a);
    return fam ? [fam] : [];
  });
  return families.length && families.every((x) => x === families[0]) ? families[0]! : 4;
}

function index(node: ClusterNode): NodeIndex {
  const singles = new Map<string, Service>();
  const ranges: RangeItem[] = [];
  const buckets = new Map<string, Bucket>();
  const broken = new Set<string>();
  const target = node.analysis.target;
  let reading: VsgReading | undefined;
  const spans = new Map<GroupInfo, (EntrySpan | undefined)[]>();
  const add = (label: string, service: Service) => {
    const known = singles.get(label);
    if (!known) singles.set(label, service);
    else {
      known.realServers = [...known.realServers, ...service.realServers];
      known.methods = [...new Set([...known.methods.split('+'), ...service.methods.split('+')])].sort().join('+');
    }
  };
  // The lvs facts are aligned with the model's list of virtual servers.
  const facts = lvsFacts(node.analysis).servers;
  const servers = node.analysis.model.virtualServers;
  for (let i = 0; i < servers.length; i++) {
    const vs = servers[i]!;
    const f = facts[i]?.vs === vs ? facts[i] : undefined;
    const protocol = f ? effectiveProtocol(f) : (vs.protocol?.value ?? '').toUpperCase();
    if (vs.kind === 'group') {
      // A virtual server keepalived drops (its group missing, removed or of the other family) makes no service.
      const g = f?.group;
      if (!g || f.drop) continue;
      reading ??= vsgReading(target);
      let groupSpans = spans.get(g);
      if (!groupSpans) spans.set(g, (groupSpans = g.addressEntries.map((w) => entrySpan(w, reading))));
      // An address entry without a port turns persistence on for the whole virtual server (validate_check_config).
      const zeroPort = groupSpans.some((sp) => sp?.port === 0);
      const settings: ServerSettings = { vs, f, scheduler: scheduler(vs, target), persistence: persistenceOf(vs, f, target, zeroPort) };
      for (let e = 0; e < groupSpans.length; e++) {
        const sp = groupSpans[e];
        if (!sp) continue;
        const service = newService(settings, sp.port, 0, g.addressEntries[e]);
        const bucket = bucketKey(sp.family, sp.prefix6, sp.port, protocol);
        service.port = sp.port;
        service.protocol = protocol;
        if (sp.lo === sp.hi) {
          const b: Bucket = { family: sp.family, prefix: sp.prefix6?.split(':').map((x) => parseInt(x, 16)), port: sp.port, protocol };
          service.address = addressText(b, sp.lo);
          add(serviceLabel(b, sp.lo, sp.lo), service);
          continue;
        }
        // An IPv4 range beyond the last octet never ends: the checker loops at start on it (KA544), adding the start's
        // /24 again and again and nothing after it. What IPVS then holds is no configuration to compare: the bucket is left out.
        if (sp.family === 4 && rangeNeverEnds(sp.lo, sp.hi)) {
          broken.add(bucket);
          continue;
        }
        if (!buckets.has(bucket)) buckets.set(bucket, { family: sp.family, prefix: sp.prefix6?.split(':').map((x) => parseInt(x, 16)), port: sp.port, protocol });
        // An IPv6 count that wraps past ffff: two runs.
        if (sp.hi < sp.lo) ranges.push({ bucket, lo: sp.lo, hi: 0xffff, service }, { bucket, lo: 0, hi: sp.hi, service });
        else ranges.push({ bucket, lo: sp.lo, hi: sp.hi, service });
      }
      for (const words of g.fwmarkEntries) {
        const mark = readUnsigned(words[1]?.text ?? '') ?? 0;
        const word = reading.fwmarkFamily ? words[2]?.text : undefined;
        const family = fwmarkFamily(vs, f, word === 'inet6' ? 6 : word === 'inet' ? 4 : undefined);
        add(fwmarkLabel(mark, family), newService(settings, 0, 0, words));
      }
      continue;
    }
    const settings: ServerSettings = { vs, f, scheduler: scheduler(vs, target), persistence: persistenceOf(vs, f, target, false) };
    if (vs.kind === 'fwmark') {
      add(fwmarkLabel(vs.fwmark ?? 0, fwmarkFamily(vs, f, undefined)), newService(settings, 0, 0));
      continue;
    }
    const port = vs.port ?? 0;
    const service = newService(settings, port, port);
    // An address keepalived cannot read is named as written (and checked only if a range may hold it).
    const v6 = vs.address?.includes(':') && ipFamily(vs.address) === 6;
    const address = v6 ? ipv6Text(groupsOf6(vs.address!)) : (vs.address ?? '?');
    if (vs.address !== undefined) {
      service.address = address;
      service.port = port;
      service.protocol = protocol;
    }
    add(`${address} ${port} ${protocol}`, service);
  }
  return { singles, ranges, buckets, servers, broken };
}

/**
 * The persistence timeout keepalived runs a service with: a valid persistence_timeout; else 360 s when an accepted
 * persistence_granularity turned it on, or for an address service on port 0, or a group with an address entry
 * without a port (keepalived: "zero port only valid for persistent services - setting"); else none.
 */
function persistenceOf(vs: VirtualServer, f: ServerFacts | undefined, target: Version, groupZeroPort: boolean): string {
  if (vs.persistenceTimeout !== undefined && vs.persistenceTimeout >= 1) return `${vs.persistenceTimeout}`;
  if (f && (f.barePersistenceTimeout || persistentByGranularity(f, target))) return '360';
  if (vs.kind === 'address' && (vs.port ?? 0) === 0) return '360';
  if (groupZeroPort) return '360';
  return 'none';
}

/** The scheduler keepalived keeps: the last lb_algo/lvs_sched word it knows, else wlc (IPVS_DEF_SCHED). */
function scheduler(vs: VirtualServer, target: Version): string {
  let kept = 'wlc';
  for (let i = 0, lines = vs.node.children; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.keyword !== 'lb_algo' && line.keyword !== 'lvs_sched') continue;
    const word = line.argText(0);
    if (word !== undefined && schedulerKnown(word, target)) kept = word;
  }
  return kept;
}

const rsKey = (rs: ServiceDestination) => rs.key;

/**
 * What a director does with the service, as keepalived runs it: an unset or unknown lb_kind is NAT,
 * an unset lb_algo wlc (IPVS_DEF_SCHED), a persistence_timeout below 1 is refused.
 */
function serviceSettings({ scheduler, persistence, methods, sorry }: Service): [string, string][] {
  // The forwarding method is each real server's (its own lvs_method, else lb_kind as it stood when its line was read).
  return [
    ['lb_kind', methods],
    ['lb_algo', scheduler],
    ['persistence_timeout', persistence],
    ['sorry_server', sorry],
  ];
}

type Report = Parameters<ClusterRule['check']>[0];

/** The lines of a group entry. */
function entryAt(words: Word[]): Location {
  const first = words[0]!;
  const last = words[words.length - 1]!;
  return { file: first.file, range: { start: first.range.start, end: last.range.end } };
}

/** The virtual_server a service comes from, as written (`virtual_server group G`, `virtual_server 10.0.0.1 80`). */
function header(vs: VirtualServer): string {
  return `virtual_server ${vs.node.args.map((w) => w.text).join(' ')}`.trim();
}

/** A service in a message: the virtual_server block's own (`virtual_server 10.0.0.1 80 TCP`), or a group's, named as IPVS has it. */
function describe(label: string, s: Service): string {
  return s.vs.kind === 'group' ? `service ${label} of virtual_server group ${s.vs.group ?? '?'}` : `virtual_server ${label}`;
}

/** Where a service is defined: its group entry, and the virtual_server block. */
function definedAt(s: Service, nodeLabel: string): (Location & { message: string })[] {
  const out = [rel(at(s.vs.node), `${header(s.vs)} on ${nodeLabel}`)];
  if (s.entry) out.push(rel(entryAt(s.entry), `the group entry that makes the service on ${nodeLabel}`));
  return out;
}

/** Findings about one virtual_server block said once for all its services (a group's entries often differ alike). */
interface Pending {
  at: Location;
  severity?: 'info';
  labels: { label: string; seq: number }[];
  mine: Service;
  body: string;
  related: (Location & { message: string })[];
}

class Reporter {
  /** By the virtual_server block said at, then by what is said (and of which reference block). */
  private pending = new Map<VirtualServer, Map<string, Pending>>();
  constructor(private ctx: Report) {}

  /** A difference of the service `label` on a director, said at its virtual_server block. */
  add(label: string, mine: Service, ref: Service, body: string, related: (Location & { message: string })[], severity?: 'info'): void {
    let byBody = this.pending.get(mine.vs);
    if (!byBody) this.pending.set(mine.vs, (byBody = new Map()));
    const key = `${severity ?? ''}\u0000${ref.vs.node.file}\u0000${ref.vs.node.range.start.offset}\u0000${body}`;
    const known = byBody.get(key);
    if (known) known.labels.push({ label, seq: ref.seq });
    else byBody.set(key, { at: at(mine.vs.node), severity, labels: [{ label, seq: ref.seq }], mine, body, related });
  }

  flush(): void {
    for (const byBody of this.pending.values()) {
      for (const p of byBody.values()) {
        let name: string;
        let related = p.related;
        if (p.labels.length === 1) name = describe(p.labels[0]!.label, p.mine);
        else {
          // In the order of the reference's entries; the one entry pointed at would stand for them all.
          const shown = p.labels.sort((a, b) => a.seq - b.seq).slice(0, 3).map((l) => l.label).join(', ');
          related = related.slice(0, 1);
          name = `services ${shown}${p.labels.length > 3 ? ` and ${p.labels.length - 3} more` : ''} of virtual_server group ${p.mine.vs.group ?? '?'}`;
        }
        this.ctx.report({ ...p.at, ...(p.severity ? { severity: p.severity } : {}), message: `${name}: ${p.body}`, related });
      }
    }
    this.pending.clear();
  }
}

/** A director that takes over runs the service its own way: say where the settings differ from the reference's. */
function compareSettings(ctx: Report, out: Reporter, label: string, [ref, ...rest]: number[], service: (k: number) => Service): void {
  const theirs = service(ref!);
  const refLabel = ctx.nodes[ref!]!.label;
  const theirSettings = serviceSettings(theirs);
  for (const k of rest) {
    const mine = service(k);
    const label2 = ctx.nodes[k]!.label;
    const differ = serviceSettings(mine).filter(([, v], i) => v !== theirSettings[i]![1]).map(([name, v]) => {
      const t = theirSettings.find(([tk]) => tk === name)![1];
      return `${name} ${t} on ${refLabel} but ${v} on ${label2}`;
    });
    if (!differ.length) continue;
    out.add(label, mine, theirs, `${differ.join('; ')}; the service changes when the other director takes over`, definedAt(theirs, refLabel));
  }
}

/** The real servers of each director against the reference's. */
function compareServers(ctx: Report, out: Reporter, label: string, [ref, ...rest]: number[], service: (k: number) => Service): void {
  const theirService = service(ref!);
  const refLabel = ctx.nodes[ref!]!.label;
  const theirKeys = theirService.realServers.map(rsKey);
  for (const k of rest) {
    const mineService = service(k);
    const nodeLabel = ctx.nodes[k]!.label;
    const ourKeys = mineService.realServers.map(rsKey);
    // The same real servers in the same order (the usual case): nothing to compare further.
    if (theirKeys.length === ourKeys.length && theirKeys.every((x, i) => x === ourKeys[i])) continue;
    const theirs = new Set(theirKeys);
    const ours = new Set(ourKeys);
    const missing = [...theirs].filter((r) => !ours.has(r));
    const extra = [...ours].filter((r) => !theirs.has(r));
    // One real server on each director, a different one: the common "each director serves its own
    // local service" setup (keepalived + MySQL/HAProxy, a notify_down script stopping keepalived).
    if (theirs.size === 1 && ours.size === 1 && missing.length === 1 && extra.length === 1) {
      out.add(label, mineService, theirService, `${nodeLabel} balances to ${extra[0]} only, ${refLabel} to ${missing[0]} only; right if each director serves its own local service, otherwise the service moves to another server at failover`, definedAt(theirService, refLabel), 'info');
      continue;
    }
    if (!missing.length && !extra.length) continue;
    const parts: string[] = [];
    if (missing.length) parts.push(`missing ${quoteList(missing)}`);
    if (extra.length) parts.push(`has ${quoteList(extra)} in addition`);
    out.add(label, mineService, theirService, `the real servers on ${nodeLabel} differ from ${refLabel} (${parts.join('; ')})`, definedAt(theirService, refLabel));
  }
}

/** The services of one director on a stretch of a bucket: the first block's settings, the real servers of all. */
function merged(list: Service[]): Service {
  if (list.length === 1) return list[0]!;
  const [first, ...more] = list;
  return {
    ...first!,
    realServers: list.flatMap((s) => s.realServers),
    methods: [...new Set([first!, ...more].flatMap((s) => s.methods.split('+')))].sort().join('+'),
  };
}

interface SweepItem {
  node: number;
  order: number;
  lo: number;
  hi: number;
  service: Service;
}

/** Two 32-bit FNV-1a hashes of a text (different offsets), for the multiset sums of sweep(). */
function hash2(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return [a >>> 0, b >>> 0];
}

/** What a compare() of the service looks at: its settings and real servers. */
const contentOf = (s: Service) => `${serviceSettings(s).map(([, v]) => v).join('|')}#${s.realServers.map(rsKey).join(',')}`;

/**
 * The stretches of one bucket where the directors' services may differ, from the ends of the ranges (and single
 * addresses) of all the directors: each with, per director, the services that cover it (none: undefined). Adjacent
 * stretches covered by the same ranges are one. A stretch where every director has the same services (the same
 * multiset of settings and real servers, and the same first service, whose settings IPVS keeps) is left out: compare()
 * finds nothing there. The sets are followed by sums of hashes, so N nested ranges cost O(N log N), not O(N²)
 * (recheck64: 4000 nested ranges took 50 s).
 */
function sweep(items: SweepItem[], nodes: number): { lo: number; hi: number; services: (Service | undefined)[] }[] {
  items.sort((a, b) => a.lo - b.lo || a.node - b.node || a.order - b.order);
  const n = items.length;
  const byEnd = items.map((_, i) => i).sort((a, b) => items[a]!.hi - items[b]!.hi);
  const points = [...new Set(items.flatMap((x) => [x.lo, x.hi + 1]))].sort((a, b) => a - b);
  const contents = items.map((x) => contentOf(x.service));
  const hashes = contents.map(hash2);
  // Each item's own pair of numbers, for the sum that identifies the set of active items.
  const ids = items.map((_, i) => hash2(`${i}`));
  const out: { lo: number; hi: number; services: (Service | undefined)[] }[] = [];
  const active = new Set<number>();
  const count = new Array<number>(nodes).fill(0);
  const sumA = new Array<number>(nodes).fill(0);
  const sumB = new Array<number>(nodes).fill(0);
  // Per director, a min-heap of its active items by order (removed ones are dropped when they reach the top).
  const heaps: number[][] = Array.from({ length: nodes }, () => []);
  const less = (x: number, y: number) => items[x]!.order < items[y]!.order;
  const push = (h: number[], v: number) => {
    h.push(v);
    for (let i = h.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (!less(h[i]!, h[up]!)) break;
      [h[i], h[up]] = [h[up]!, h[i]!];
      i = up;
    }
  };
  const pop = (h: number[]) => {
    const last = h.pop()!;
    if (!h.length) return;
    h[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && less(h[l]!, h[m]!)) m = l;
      if (r < h.length && less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  };
  const first = (k: number) => {
    const h = heaps[k]!;
    while (h.length && !active.has(h[0]!)) pop(h);
    return h[0];
  };
  let setA = 0;
  let setB = 0;
  const add = (i: number) => {
    active.add(i);
    const k = items[i]!.node;
    count[k]!++;
    sumA[k] = (sumA[k]! + hashes[i]![0]) >>> 0;
    sumB[k] = (sumB[k]! + hashes[i]![1]) >>> 0;
    setA = (setA + ids[i]![0]) >>> 0;
    setB = (setB + ids[i]![1]) >>> 0;
    push(heaps[k]!, i);
  };
  const remove = (i: number) => {
    active.delete(i);
    const k = items[i]!.node;
    count[k]!--;
    sumA[k] = (sumA[k]! - hashes[i]![0]) >>> 0;
    sumB[k] = (sumB[k]! - hashes[i]![1]) >>> 0;
    setA = (setA - ids[i]![0]) >>> 0;
    setB = (setB - ids[i]![1]) >>> 0;
  };
  /** Whether compare() may find something on the active items: a director without any, or directors that differ. */
  const differs = () => {
    let ref: string | undefined;
    for (let k = 0; k < nodes; k++) {
      if (!count[k]) return true;
      const sig = `${count[k]} ${sumA[k]} ${sumB[k]} ${contents[first(k)!]}`;
      if (ref === undefined) ref = sig;
      else if (sig !== ref) return true;
    }
    return false;
  };
  let next = 0;
  let gone = 0;
  let runSig = '';
  let run: { lo: number; hi: number; list?: number[] } | undefined;
  const close = () => {
    if (run?.list) {
      const list = run.list.sort((a, b) => items[a]!.node - items[b]!.node || items[a]!.order - items[b]!.order);
      const services: (Service | undefined)[] = [];
      for (let k = 0; k < nodes; k++) {
        const mine = list.filter((x) => items[x]!.node === k).map((x) => items[x]!.service);
        services.push(mine.length ? merged(mine) : undefined);
      }
      out.push({ lo: run.lo, hi: run.hi, services });
    }
    run = undefined;
    runSig = '';
  };
  for (let j = 0; j < points.length - 1; j++) {
    const p = points[j]!;
    while (gone < n && items[byEnd[gone]!]!.hi < p) remove(byEnd[gone++]!);
    while (next < n && items[next]!.lo === p) add(next++);
    if (!active.size) {
      close();
      continue;
    }
    const sig = `${active.size} ${setA} ${setB}`;
    const end = points[j + 1]! - 1;
    if (run && sig === runSig && run.hi === p - 1) run.hi = end;
    else {
      close();
      run = { lo: p, hi: end, list: differs() ? [...active] : undefined };
      runSig = sig;
    }
  }
  close();
  return out;
}

export const virtualServerMismatch: ClusterRule = {
  kind: 'cluster',
  code: 'KA413',
  name: 'cluster-virtual-server-mismatch',
  family: 'cluster',
  severity: 'warning',
  description: 'The nodes of a cluster give IPVS different services or real servers, or run a service differently.',
  docs: {
    why: 'The directors of an LVS cluster take over each other\'s VIPs; a service or real server defined on one director only disappears (or changes) at failover, and so does a different forwarding method, lb_algo, persistence_timeout or sorry_server, compared as keepalived settles them (each real server\'s own lvs_method, else the lb_kind in force when its line was read, else NAT; an unset lb_algo is wlc; a persistence_granularity or port 0 turns persistence on for 360 s; a real server without a port, or a DR or TUN one, gets the service\'s port). The services compared are the ones IPVS gets, however they are written: a `virtual_server group NAME` gives one service per address (every address of a range; an IPv6 range counts through its last group only, and an IPv4 one whose end is outside the start\'s /24 never ends, KA544, so the port and protocol it is on are not compared) and port of each entry of the group, with the virtual server\'s protocol, and one per fwmark entry (keepalived 2.2.7, ipvswrapper.c); the group\'s name never reaches IPVS, so a group named otherwise on another director, or written there as plain virtual_server blocks, is the same service, and a group whose entries or protocol differ is not. Keep the virtual_server blocks identical on every director. One different real server on each director is often deliberate (each director balances to its own local service, as in keepalived + MySQL setups): that is reported as info.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\nvirtual_server 10.0.0.10 80 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\nvirtual_server 10.0.0.10 80 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\nvirtual_server 10.0.0.10 443 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.1.1 443 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\nvirtual_server 10.0.0.10 80 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\nvirtual_server 10.0.0.10 443 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.1.1 443 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\n' },
  },
  check(ctx) {
    const indexes = ctx.nodes.map(index);
    // A bucket where one director's checker loops (KA544) is compared on none.
    const broken = new Set(indexes.flatMap((i) => [...i.broken]));
    if (broken.size) {
      for (const i of indexes) {
        i.ranges = i.ranges.filter((r) => !broken.has(r.bucket));
        for (const [label, s] of i.singles) if (s.address !== undefined && ipFamily(s.address) === 4 && broken.has(bucketKey(4, undefined, s.port!, s.protocol!))) i.singles.delete(label);
      }
    }
    if (indexes.every((i) => i.singles.size === 0 && i.ranges.length === 0)) return;
    const labels = (ks: number[]) => quoteList(ks.map((k) => ctx.nodes[k]!.label).sort());
    // Between two nodes the one that starts as MASTER of more instances is the reference.
    const ranks = ctx.nodes.map(nodeMasterRank);
    const rank = (k: number) => ranks[k]!;
    const out = new Reporter(ctx);
    /** Where to point at a director that lacks a service: its block of the same group, else its first virtual server. */
    const lackingAt = (k: number, s: Service) => {
      const servers = indexes[k]!.servers;
      const nodeLabel = ctx.nodes[k]!.label;
      const same = s.vs.kind === 'group' ? servers.find((v) => v.kind === 'group' && v.group === s.vs.group) : undefined;
      if (same) return rel(at(same.node), `${header(same)} on ${nodeLabel}, without this service`);
      return rel(servers[0] ? at(servers[0].node) : fallback(ctx.nodes[k]!), `virtual servers of ${nodeLabel}`);
    };
    // One service (or stretch of a range), with the service of each director that has it.
    const compare = (label: string, services: (Service | undefined)[]) => {
      const holders = services.flatMap((s, k) => (s ? [k] : []));
      const lacking = services.flatMap((s, k) => (s ? [] : [k]));
      if (lacking.length) {
        // Said at the definition of the holder whose label sorts first (not the first file given).
        const shownAt = holders.reduce((a, b) => (ctx.nodes[b]!.label < ctx.nodes[a]!.label ? b : a));
        const s = services[shownAt]!;
        const where = s.entry ? entryAt(s.entry) : at(s.vs.node);
        ctx.report({
          ...where,
          message: `${describe(label, s)} is defined on ${labels(holders)} but not on ${labels(lacking)}; the service is lost when ${lacking.map((k) => ctx.nodes[k]!.label).sort().join(' or ')} takes over`,
          related: [
            ...(s.entry ? [rel(at(s.vs.node), `${header(s.vs)} on ${ctx.nodes[shownAt]!.label}`)] : []),
            ...lacking.map((k) => lackingAt(k, s)),
          ],
        });
      }
      if (holders.length < 2) return;
      const service = (k: number) => services[k]!;
      const settingsKey = (k: number) => serviceSettings(service(k)).map(([, v]) => v).join('|');
      const serversKey = (k: number) => service(k).realServers.map(rsKey).join(',');
      compareSettings(ctx, out, label, majorityFirst(holders, settingsKey, rank), service);
      compareServers(ctx, out, label, majorityFirst(holders, serversKey, rank), service);
    };

    // Ranges (rare): the buckets they are in are compared stretch by stretch, single addresses there included.
    const rangeBuckets = new Map<string, Bucket>();
    for (const i of indexes) for (const [key, b] of i.buckets) if (i.ranges.some((r) => r.bucket === key)) rangeBuckets.set(key, b);
    const inRanges = new Map<string, SweepItem[]>();
    const swept = indexes.map(() => new Set<string>());
    if (rangeBuckets.size) {
      indexes.forEach((i, k) => {
        for (const r of i.ranges) (inRanges.get(r.bucket) ?? inRanges.set(r.bucket, []).get(r.bucket)!).push({ node: k, order: r.service.seq, lo: r.lo, hi: r.hi, service: r.service });
        for (const [label, s] of i.singles) {
          if (s.address === undefined || !ipFamily(s.address)) continue;
          const family = s.address.includes(':') ? 6 : 4;
          const groups = family === 6 ? groupsOf6(s.address) : undefined;
          const bucket = bucketKey(family, groups?.slice(0, 7).map((g) => g.toString(16)).join(':'), s.port!, s.protocol!);
          if (!rangeBuckets.has(bucket)) continue;
          const pos = groups ? groups[7]! : ipv4ToNumber(s.address);
          inRanges.get(bucket)!.push({ node: k, order: s.seq, lo: pos, hi: pos, service: s });
          swept[k]!.add(label);
        }
      });
    }
    // Every service of one address or mark, in the order the nodes define them: where it is missing, said once at
    // its first definition; where several nodes define it, each compared with the one most of them agree with.
    const keys = [...new Set(indexes.flatMap((i) => [...i.singles.keys()]))];
    for (const key of keys) {
      const services = rangeBuckets.size ? indexes.map((i, k) => (swept[k]!.has(key) ? undefined : i.singles.get(key))) : indexes.map((i) => i.singles.get(key));
      if (services.some((s) => s)) compare(key, services);
    }
    for (const [bucket, items] of inRanges) {
      const b = rangeBuckets.get(bucket)!;
      for (const stretch of sweep(items, indexes.length)) compare(serviceLabel(b, stretch.lo, stretch.hi), stretch.services);
    }
    out.flush();
  },
};
