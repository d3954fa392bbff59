// KA413: the directors of a cluster do not define the same virtual servers.

import type { ClusterRule, ClusterNode } from '../types.js';
import type { VirtualServer } from '../../core/model/model.js';
import { at, fallback, majorityFirst, nodeMasterRank, quoteList, rel } from '../../cluster/model.js';
import type { Version } from '../../core/schema/schema.js';
import { lvsFacts, schedulerKnown, type ServerFacts } from '../lvs/server-facts.js';
import { realServerForwarding, sorryForwarding } from '../lvs/util.js';
import { canonicalAddress } from '../../core/analysis/values.js';
import { persistentByGranularity } from '../lvs/granularity.js';
import { effectiveProtocol } from '../lvs/util.js';

/** The service a virtual_server line makes, with the protocol keepalived runs it with (a refused or missing one: its default). */
function vsKey(vs: VirtualServer, protocol: string): string {
  if (vs.kind === 'fwmark') return `fwmark ${vs.fwmark ?? '?'}`;
  if (vs.kind === 'group') return `group ${vs.group ?? '?'}`;
  return `${vs.address ?? '?'} ${vs.port ?? ''} ${protocol}`.trim();
}

/** The director's virtual servers by service, each with the scheduler keepalived runs it with. */
interface Service {
  vs: VirtualServer;
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
}

/** A real server as IPVS gets it: canonical address and the port keepalived fills in. */
interface ServiceDestination {
  key: string;
}

/**
 * The port IPVS gets for a destination: the service's for a DR or TUN server (keepalived resets it; fwmark: 0), the
 * written one for a NAT server, else the service's (validate_check_config fills it in; the checker's dump showed
 * `RPORT = 80` for `real_server 10.0.1.1` on port 80).
 */
function destinationPort(vs: VirtualServer, method: string, written: number | undefined): string {
  const servicePort = vs.kind === 'address' ? (vs.port ?? 0) : vs.kind === 'fwmark' ? 0 : undefined;
  if (servicePort === undefined) return written === undefined ? '' : String(written);
  if (method !== 'NAT') return String(servicePort);
  return String(written ?? (vs.kind === 'address' ? servicePort : 0));
}

function destinations(vs: VirtualServer, f: ServerFacts | undefined): { list: ServiceDestination[]; methods: Set<string>; sorry: string } {
  const methods = new Set<string>();
  const list = vs.realServers.map((rs, j) => {
    const r = f?.realServers[j];
    const method = f && r ? realServerForwarding(f, r) : kindOf(vs);
    methods.add(method);
    return { key: `${canonicalAddress(rs.address)} ${destinationPort(vs, method, rs.port)}`.trim() };
  });
  let sorry = 'none';
  if (vs.sorryServer) {
    const method = f ? (sorryForwarding(f) ?? 'NAT') : kindOf(vs);
    // A NAT sorry server keeps its port (none: 0).
    const port = method === 'NAT' ? String(vs.sorryServer.port ?? 0) : destinationPort(vs, method, vs.sorryServer.port);
    sorry = `${canonicalAddress(vs.sorryServer.address)} ${port}`.trim();
    methods.add(method);
  }
  return { list, methods, sorry };
}

function kindOf(vs: VirtualServer): string {
  const kind = vs.lbKind?.value;
  return kind === 'NAT' || kind === 'DR' || kind === 'TUN' ? kind : 'NAT';
}

function index(node: ClusterNode): Map<string, Service> {
  const out = new Map<string, Service>();
  const target = node.analysis.target;
  // The lvs facts are aligned with the model's list of virtual servers.
  const facts = lvsFacts(node.analysis).servers;
  for (let i = 0, list = node.analysis.model.virtualServers; i < list.length; i++) {
    const vs = list[i]!;
    const key = vsKey(vs, facts[i]?.vs === vs ? effectiveProtocol(facts[i]!) : (vs.protocol?.value ?? '').toUpperCase());
    const known = out.get(key);
    const f = facts[i]?.vs === vs ? facts[i] : undefined;
    const d = destinations(vs, f);
    if (!known) out.set(key, { vs, scheduler: scheduler(vs, target), persistence: persistenceOf(vs, f, target), realServers: d.list, methods: [...d.methods].sort().join('+') || kindOf(vs), sorry: d.sorry });
    else {
      known.realServers = [...known.realServers, ...d.list];
      known.methods = [...new Set([...known.methods.split('+'), ...d.methods])].sort().join('+');
    }
  }
  return out;
}

/**
 * The persistence timeout keepalived runs a service with: a valid persistence_timeout; else 360 s when an accepted
 * persistence_granularity turned it on, or for an address service on port 0 (keepalived: "zero port only valid for
 * persistent services - setting"); else none.
 */
function persistenceOf(vs: VirtualServer, f: ServerFacts | undefined, target: Version): string {
  if (vs.persistenceTimeout !== undefined && vs.persistenceTimeout >= 1) return `${vs.persistenceTimeout}`;
  if (f && (f.barePersistenceTimeout || persistentByGranularity(f, target))) return '360';
  if (vs.kind === 'address' && (vs.port ?? 0) === 0) return '360';
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

/** A director that takes over runs the service its own way: say where the settings differ from the reference's. */
function compareSettings(ctx: Report, key: string, [ref, ...rest]: number[], service: (k: number) => Service): void {
  const theirs = service(ref!);
  const vs = theirs.vs;
  const refLabel = ctx.nodes[ref!]!.label;
  const theirSettings = serviceSettings(theirs);
  for (const k of rest) {
    const mineService = service(k);
    const mine = mineService.vs;
    const label = ctx.nodes[k]!.label;
    const differ = serviceSettings(mineService).filter(([, v], i) => v !== theirSettings[i]![1]).map(([name, v]) => {
      const t = theirSettings.find(([tk]) => tk === name)![1];
      return `${name} ${t} on ${refLabel} but ${v} on ${label}`;
    });
    if (!differ.length) continue;
    ctx.report({
      ...at(mine.node),
      message: `virtual_server ${key}: ${differ.join('; ')}; the service changes when the other director takes over`,
      related: [rel(at(vs.node), `virtual_server ${key} on ${refLabel}`)],
    });
  }
}

/** The real servers of each director against the reference's. */
function compareServers(ctx: Report, key: string, [ref, ...rest]: number[], service: (k: number) => Service): void {
  const vs = service(ref!).vs;
  const refLabel = ctx.nodes[ref!]!.label;
  const theirKeys = service(ref!).realServers.map(rsKey);
  for (const k of rest) {
    const mine = service(k).vs;
    const label = ctx.nodes[k]!.label;
    const ourKeys = service(k).realServers.map(rsKey);
    // The same real servers in the same order (the usual case): nothing to compare further.
    if (theirKeys.length === ourKeys.length && theirKeys.every((x, i) => x === ourKeys[i])) continue;
    const theirs = new Set(theirKeys);
    const ours = new Set(ourKeys);
    const missing = [...theirs].filter((r) => !ours.has(r));
    const extra = [...ours].filter((r) => !theirs.has(r));
    // One real server on each director, a different one: the common "each director serves its own
    // local service" setup (keepalived + MySQL/HAProxy, a notify_down script stopping keepalived).
    if (theirs.size === 1 && ours.size === 1 && missing.length === 1 && extra.length === 1) {
      ctx.report({
        ...at(mine.node),
        severity: 'info',
        message: `virtual_server ${key}: ${label} balances to ${extra[0]} only, ${refLabel} to ${missing[0]} only; right if each director serves its own local service, otherwise the service moves to another server at failover`,
        related: [rel(at(vs.node), `virtual_server ${key} on ${refLabel}`)],
      });
      continue;
    }
    if (!missing.length && !extra.length) continue;
    const parts: string[] = [];
    if (missing.length) parts.push(`missing ${quoteList(missing)}`);
    if (extra.length) parts.push(`has ${quoteList(extra)} in addition`);
    ctx.report({
      ...at(mine.node),
      message: `virtual_server ${key}: the real servers on ${label} differ from ${refLabel} (${parts.join('; ')})`,
      related: [rel(at(vs.node), `virtual_server ${key} on ${refLabel}`)],
    });
  }
}

export const virtualServerMismatch: ClusterRule = {
  kind: 'cluster',
  code: 'KA413',
  name: 'cluster-virtual-server-mismatch',
  family: 'cluster',
  severity: 'warning',
  description: 'The nodes of a cluster define different virtual servers or real servers, or run a service differently.',
  docs: {
    why: 'The directors of an LVS cluster take over each other\'s VIPs; a service or real server defined on one director only disappears (or changes) at failover, and so does a different forwarding method, lb_algo, persistence_timeout or sorry_server, compared as keepalived settles them (each real server\'s own lvs_method, else the lb_kind in force when its line was read, else NAT; an unset lb_algo is wlc; a persistence_granularity or port 0 turns persistence on for 360 s; a real server without a port, or a DR or TUN one, gets the service\'s port). Keep the virtual_server blocks identical on every director. One different real server on each director is often deliberate (each director balances to its own local service, as in keepalived + MySQL setups): that is reported as info.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\nvirtual_server 10.0.0.10 80 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\nvirtual_server 10.0.0.10 80 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\nvirtual_server 10.0.0.10 443 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.1.1 443 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\n',
    files: { '/etc/keepalived/peer.conf': 'vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass s3cret\n    }\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\nvirtual_server 10.0.0.10 80 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\nvirtual_server 10.0.0.10 443 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.0.1.1 443 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\n' },
  },
  check(ctx) {
    const indexes = ctx.nodes.map(index);
    if (indexes.every((i) => i.size === 0)) return;
    const otherAt = (n: ClusterNode, i: Map<string, Service>) => {
      const first = i.values().next().value as Service | undefined;
      return first ? at(first.vs.node) : fallback(n);
    };
    const labels = (ks: number[]) => quoteList(ks.map((k) => ctx.nodes[k]!.label).sort());
    // Every service, in the order the nodes define them: where it is missing, said once at its first
    // definition; where several nodes define it, each compared with the one most of them agree with.
    const keys = [...new Set(indexes.flatMap((i) => [...i.keys()]))];
    // Between two nodes the one that starts as MASTER of more instances is the reference.
    const ranks = ctx.nodes.map(nodeMasterRank);
    const rank = (k: number) => ranks[k]!;
    for (const key of keys) {
      const holders = indexes.flatMap((i, k) => (i.has(key) ? [k] : []));
      const lacking = indexes.flatMap((i, k) => (i.has(key) ? [] : [k]));
      if (lacking.length) {
        // Said at the definition of the holder whose label sorts first (not the first file given).
        const shownAt = holders.reduce((a, b) => (ctx.nodes[b]!.label < ctx.nodes[a]!.label ? b : a));
        const vs = indexes[shownAt]!.get(key)!.vs;
        const missingOn = labels(lacking);
        ctx.report({
          ...at(vs.node),
          message: `virtual_server ${key} is defined on ${labels(holders)} but not on ${missingOn}; the service is lost when ${lacking.map((k) => ctx.nodes[k]!.label).sort().join(' or ')} takes over`,
          related: lacking.map((k) => rel(otherAt(ctx.nodes[k]!, indexes[k]!), `virtual servers of ${ctx.nodes[k]!.label}`)),
        });
      }
      if (holders.length < 2) continue;
      const service = (k: number) => indexes[k]!.get(key)!;
      const settingsKey = (k: number) => serviceSettings(service(k)).map(([, v]) => v).join('|');
      const serversKey = (k: number) => service(k).realServers.map(rsKey).join(',');
      compareSettings(ctx, key, majorityFirst(holders, settingsKey, rank), service);
      compareServers(ctx, key, majorityFirst(holders, serversKey, rank), service);
    }
  },
};
