// The typed model: what users write, with typed values (numbers as numbers, enums as unions,
// addresses parsed), each with the AST node it came from for ranges. Built from the AST; anything
// not modelled here is still in the AST as a generic node.

import { AstNode, argText, child, childrenNamed, type Word } from '../analysis/ast.js';
import { parseDecimal, parseInteger, parsePrefix, ipFamily, type Family, type Prefix } from '../analysis/values.js';

export type VrrpState = 'MASTER' | 'BACKUP';
export type LbKind = 'NAT' | 'DR' | 'TUN';
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type CheckerKind = 'TCP_CHECK' | 'HTTP_GET' | 'SSL_GET' | 'MISC_CHECK' | 'SMTP_CHECK' | 'DNS_CHECK' | 'UDP_CHECK' | 'PING_CHECK' | 'FILE_CHECK' | 'BFD_CHECK';
export const CHECKER_KINDS: CheckerKind[] = ['TCP_CHECK', 'HTTP_GET', 'SSL_GET', 'MISC_CHECK', 'SMTP_CHECK', 'DNS_CHECK', 'UDP_CHECK', 'PING_CHECK', 'FILE_CHECK', 'BFD_CHECK'];

/** A value together with where it was written. */
export interface Located<T> {
  value: T;
  node: AstNode;
}

export interface Address {
  text: string;
  prefix?: Prefix;
  family?: Family;
  /** Options after the address (`dev eth0`, `label x`…), as written. */
  options: string[];
  words: Word[];
}

export interface TrackRef {
  name: string;
  weight?: number;
  reverse: boolean;
  words: Word[];
}

export interface GlobalDefs {
  node: AstNode;
  routerId?: Located<string>;
  enableScriptSecurity: boolean;
  scriptUser?: Located<string>;
  vrrpStrict: boolean;
  vrrpVersion?: Located<number>;
  vrrpMcastGroup4?: Located<string>;
  vrrpMcastGroup6?: Located<string>;
}

export interface VrrpScript {
  node: AstNode;
  name: string;
  script?: Located<string>;
  interval?: number;
  weight?: Located<number>;
  weightReverse: boolean;
  rise?: number;
  fall?: number;
  user?: Located<string>;
}

export interface TrackFile {
  node: AstNode;
  name: string;
  file?: string;
  weight?: Located<number>;
}

export interface TrackProcess {
  node: AstNode;
  name: string;
  process?: string;
  weight?: Located<number>;
}

export interface Authentication {
  node: AstNode;
  type?: Located<string>;
  pass?: Located<string>;
}

export interface VrrpInstance {
  node: AstNode;
  name: string;
  state?: Located<VrrpState | string>;
  interface?: Located<string>;
  virtualRouterId?: Located<number>;
  priority?: Located<number>;
  advertInt?: Located<number>;
  version?: Located<number>;
  authentication?: Authentication;
  virtualIpaddresses: Address[];
  virtualIpaddressesExcluded: Address[];
  virtualRoutes: AstNode[];
  virtualRules: AstNode[];
  trackScripts: TrackRef[];
  trackInterfaces: TrackRef[];
  trackFiles: TrackRef[];
  trackProcesses: TrackRef[];
  trackBfds: TrackRef[];
  unicastSrcIp?: Located<string>;
  unicastPeers: Address[];
  mcastDstIp?: Located<string>;
  nopreempt?: AstNode;
  preemptDelay?: Located<number>;
  notify: { kind: string; node: AstNode; command: string; words: Word[] }[];
  /** The address family of the instance, from its first VIP (or unicast addresses). */
  family?: Family;
  /** The effective VRRP version: explicit, else global, else 3 for IPv6, else 2. */
  effectiveVersion: number;
  /** Effective priority: explicit, else 255 with state MASTER, else 100 (keepalived's defaults). */
  effectivePriority: number;
  /** Effective initial state: explicit, else MASTER when priority is 255. */
  effectiveState: VrrpState;
}

export interface SyncGroup {
  node: AstNode;
  name: string;
  members: Word[];
  trackScripts: TrackRef[];
}

export interface Checker {
  node: AstNode;
  kind: CheckerKind;
  connectPort?: number;
  urls: { node: AstNode; path?: string; statusCodes: string[] }[];
  script?: string;
}

export interface RealServer {
  node: AstNode;
  address: string;
  port?: number;
  weight?: number;
  checkers: Checker[];
}

export interface VirtualServer {
  node: AstNode;
  /** `ip port`, `fwmark N` or `group NAME`. */
  kind: 'address' | 'fwmark' | 'group';
  address?: string;
  port?: number;
  fwmark?: number;
  group?: string;
  lbAlgo?: Located<string>;
  lbKind?: Located<LbKind | string>;
  protocol?: Located<Protocol | string>;
  persistenceTimeout?: number;
  delayLoop?: number;
  sorryServer?: { address: string; port?: number; node: AstNode };
  realServers: RealServer[];
}

export interface VirtualServerGroup {
  node: AstNode;
  name: string;
  entries: Word[][];
}

export interface BfdInstance {
  node: AstNode;
  name: string;
  neighborIp?: string;
}

export interface KeepalivedConfig {
  root: AstNode;
  globalDefs?: GlobalDefs;
  vrrpScripts: VrrpScript[];
  trackFiles: TrackFile[];
  trackProcesses: TrackProcess[];
  syncGroups: SyncGroup[];
  vrrpInstances: VrrpInstance[];
  virtualServerGroups: VirtualServerGroup[];
  virtualServers: VirtualServer[];
  staticIpaddresses: Address[];
  staticRoutes: AstNode[];
  staticRules: AstNode[];
  bfdInstances: BfdInstance[];
  garpGroups: AstNode[];
}

function located<T>(node: AstNode | undefined, parse: (s: string) => T | undefined, i = 0): Located<T> | undefined {
  const t = argText(node, i);
  if (node === undefined || t === undefined) return undefined;
  const v = parse(t);
  return v === undefined ? undefined : { value: v, node };
}

const asString = (s: string) => s;
const asInt = (s: string) => parseInteger(s);
const asDecimal = (s: string) => parseDecimal(s)?.value;

function addresses(node: AstNode | undefined): Address[] {
  if (!node) return [];
  const out: Address[] = [];
  for (const line of node.values ?? []) {
    const [first, ...rest] = line.words;
    if (!first) continue;
    const prefix = parsePrefix(first.text);
    out.push({ text: first.text, prefix, family: prefix?.family ?? ipFamily(first.text), options: rest.map((w) => w.text), words: line.words });
  }
  return out;
}

function trackRefs(nodes: AstNode[]): TrackRef[] {
  const out: TrackRef[] = [];
  for (const node of nodes) {
    for (const line of node.values ?? []) {
      const words = line.words;
      if (!words[0]) continue;
      const wi = words.findIndex((w) => w.text === 'weight');
      const weight = wi >= 0 && words[wi + 1] ? parseInteger(words[wi + 1]!.text) : undefined;
      out.push({ name: words[0].text, weight, reverse: words.some((w, i) => i > 0 && w.text === 'reverse'), words });
    }
  }
  return out;
}

/** Children of one node by keyword, built in one pass (the model asks each block for many keywords). */
class ChildIndex {
  private readonly map = new Map<string, AstNode[]>();
  constructor(node: AstNode) {
    for (const c of node.children) {
      const k = c.keyword;
      const list = this.map.get(k);
      if (list) list.push(c);
      else this.map.set(k, [c]);
    }
  }
  /** The last occurrence: later settings win for most keywords, as in keepalived. */
  last(keyword: string): AstNode | undefined {
    const list = this.map.get(keyword);
    return list ? list[list.length - 1] : undefined;
  }
  all(keyword: string): AstNode[] {
    return this.map.get(keyword) ?? [];
  }
}

/** A view of blocks that keepalived merges (global_defs, authentication): their children together. */
function mergedBlocks(nodes: AstNode[]): AstNode {
  const first = nodes[0]!;
  if (nodes.length === 1) return first; // the usual case: nothing to merge
  const view = new AstNode(first.spec, first.word, first.args);
  view.parent = first.parent;
  view.children = nodes.flatMap((n) => n.children);
  return view;
}

export function buildModel(root: AstNode): KeepalivedConfig {
  const top = new ChildIndex(root);
  const gd = top.all('global_defs');
  let globalDefs: GlobalDefs | undefined;
  if (gd.length) {
    // global_defs blocks merge; the last setting wins.
    const merged = mergedBlocks(gd);
    const vrrpStrict = child(merged, 'vrrp_strict');
    globalDefs = {
      node: gd[0]!,
      routerId: located(child(merged, 'router_id'), asString),
      enableScriptSecurity: !!child(merged, 'enable_script_security'),
      scriptUser: located(child(merged, 'script_user'), asString),
      vrrpStrict: !!vrrpStrict,
      vrrpVersion: located(child(merged, 'vrrp_version'), asInt),
      vrrpMcastGroup4: located(child(merged, 'vrrp_mcast_group4'), asString),
      vrrpMcastGroup6: located(child(merged, 'vrrp_mcast_group6'), asString),
    };
  }

  const vrrpScripts: VrrpScript[] = top.all('vrrp_script').map((n) => {
    const w = child(n, 'weight');
    return {
      node: n,
      name: argText(n) ?? '',
      script: located(child(n, 'script'), asString),
      interval: located(child(n, 'interval'), asDecimal)?.value,
      weight: located(w, asInt),
      weightReverse: argText(w, 1) === 'reverse',
      rise: located(child(n, 'rise'), asInt)?.value,
      fall: located(child(n, 'fall'), asInt)?.value,
      user: located(child(n, 'user'), asString),
    };
  });

  const trackFiles: TrackFile[] = [...top.all('track_file'), ...top.all('vrrp_track_file')].map((n) => ({
    node: n,
    name: argText(n) ?? '',
    file: argText(child(n, 'file')),
    weight: located(child(n, 'weight'), asInt),
  }));

  const trackProcesses: TrackProcess[] = top.all('vrrp_track_process').map((n) => ({
    node: n,
    name: argText(n) ?? '',
    process: argText(child(n, 'process')),
    weight: located(child(n, 'weight'), asInt),
  }));

  const syncGroups: SyncGroup[] = top.all('vrrp_sync_group').map((n) => ({
    node: n,
    name: argText(n) ?? '',
    members: (child(n, 'group')?.values ?? []).flatMap((l) => l.words),
    trackScripts: trackRefs(childrenNamed(n, 'track_script')),
  }));

  const globalVersion = globalDefs?.vrrpVersion?.value;
  const vrrpInstances: VrrpInstance[] = top.all('vrrp_instance').map((n) => {
    const ix = new ChildIndex(n);
    const authNodes = ix.all('authentication');
    const authMerged = authNodes.length ? mergedBlocks(authNodes) : undefined;
    const vips = ix.all('virtual_ipaddress').flatMap((v) => addresses(v));
    const evips = ix.all('virtual_ipaddress_excluded').flatMap((v) => addresses(v));
    const state = located(ix.last('state'), asString);
    const priority = located(ix.last('priority'), asInt);
    const version = located(ix.last('version'), asInt);
    const unicastSrcIp = located(ix.last('unicast_src_ip'), asString);
    const unicastPeers = ix.all('unicast_peer').flatMap((v) => addresses(v));
    const family = vips[0]?.family ?? (unicastSrcIp ? ipFamily(unicastSrcIp.value) : undefined) ?? unicastPeers[0]?.family;
    const validPriority = priority && priority.value >= 1 && priority.value <= 255 ? priority.value : undefined;
    const effectiveState: VrrpState = state ? (state.value === 'MASTER' ? 'MASTER' : 'BACKUP') : validPriority === 255 ? 'MASTER' : 'BACKUP';
    const effectivePriority = validPriority ?? (priority ? 100 : state?.value === 'MASTER' ? 255 : 100);
    const notify = n.children
      .filter((c) => c.keyword.startsWith('notify'))
      .map((c) => ({ kind: c.keyword, node: c, command: argText(c) ?? '', words: c.args }));
    return {
      node: n,
      name: argText(n) ?? '',
      state,
      interface: located(ix.last('interface'), asString),
      virtualRouterId: located(ix.last('virtual_router_id'), asInt),
      priority,
      advertInt: located(ix.last('advert_int'), asDecimal),
      version,
      authentication: authMerged
        ? { node: authNodes[0]!, type: located(child(authMerged, 'auth_type'), asString), pass: located(child(authMerged, 'auth_pass'), asString) }
        : undefined,
      virtualIpaddresses: vips,
      virtualIpaddressesExcluded: evips,
      virtualRoutes: ix.all('virtual_routes'),
      virtualRules: ix.all('virtual_rules'),
      trackScripts: trackRefs(ix.all('track_script')),
      trackInterfaces: trackRefs(ix.all('track_interface')),
      trackFiles: trackRefs(ix.all('track_file')),
      trackProcesses: trackRefs(ix.all('track_process')),
      trackBfds: trackRefs(ix.all('track_bfd')),
      unicastSrcIp,
      unicastPeers,
      mcastDstIp: located(ix.last('mcast_dst_ip'), asString),
      nopreempt: ix.last('nopreempt'),
      preemptDelay: located(ix.last('preempt_delay'), asDecimal),
      notify,
      family,
      effectiveVersion: version?.value ?? globalVersion ?? (family === 6 ? 3 : 2),
      effectivePriority,
      effectiveState,
    };
  });

  const virtualServerGroups: VirtualServerGroup[] = top.all('virtual_server_group').map((n) => ({
    node: n,
    name: argText(n) ?? '',
    entries: (n.values ?? []).map((l) => l.words),
  }));

  const virtualServers: VirtualServer[] = top.all('virtual_server').map((n) => {
    const ix = new ChildIndex(n);
    const a0 = argText(n, 0);
    const a1 = argText(n, 1);
    const base: Pick<VirtualServer, 'kind' | 'address' | 'port' | 'fwmark' | 'group'> =
      a0 === 'fwmark' ? { kind: 'fwmark', fwmark: a1 !== undefined ? parseInteger(a1) : undefined }
        : a0 === 'group' ? { kind: 'group', group: a1 }
          : { kind: 'address', address: a0, port: a1 !== undefined ? parseInteger(a1) : undefined };
    const sorry = ix.last('sorry_server');
    return {
      node: n,
      ...base,
      lbAlgo: located(ix.last('lb_algo') ?? ix.last('lvs_sched'), asString),
      lbKind: located(ix.last('lb_kind') ?? ix.last('lvs_method'), asString),
      protocol: located(ix.last('protocol'), asString),
      persistenceTimeout: located(ix.last('persistence_timeout'), asInt)?.value,
      delayLoop: located(ix.last('delay_loop'), asDecimal)?.value,
      sorryServer: sorry ? { address: argText(sorry) ?? '', port: argText(sorry, 1) !== undefined ? parseInteger(argText(sorry, 1)!) : undefined, node: sorry } : undefined,
      realServers: ix.all('real_server').map((rs) => ({
        node: rs,
        address: argText(rs) ?? '',
        port: argText(rs, 1) !== undefined ? parseInteger(argText(rs, 1)!) : undefined,
        weight: located(child(rs, 'weight'), asInt)?.value,
        checkers: rs.children
          .filter((c) => (CHECKER_KINDS as string[]).includes(c.keyword))
          .map((c) => ({
            node: c,
            kind: c.keyword as CheckerKind,
            connectPort: located(child(c, 'connect_port'), asInt)?.value,
            urls: childrenNamed(c, 'url').map((u) => ({
              node: u,
              path: argText(child(u, 'path')),
              statusCodes: childrenNamed(u, 'status_code').flatMap((s) => s.args.map((w) => w.text)),
            })),
            script: argText(child(c, 'misc_path')),
          })),
      })),
    };
  });

  return {
    root,
    globalDefs,
    vrrpScripts,
    trackFiles,
    trackProcesses,
    syncGroups,
    vrrpInstances,
    virtualServerGroups,
    virtualServers,
    staticIpaddresses: top.all('static_ipaddress').flatMap((n) => addresses(n)),
    staticRoutes: top.all('static_routes'),
    staticRules: top.all('static_rules'),
    bfdInstances: top.all('bfd_instance').map((n) => ({ node: n, name: argText(n) ?? '', neighborIp: argText(child(n, 'neighbor_ip') ?? child(n, 'neighbour_ip')) })),
    garpGroups: top.all('garp_group'),
  };
}
