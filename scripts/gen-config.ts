// Generator of large, VALID keepalived configs for the benchmark and the tests.
//
// "Valid" means `keepalived -t -f FILE` (2.2.7) accepts the file with exit 0 and prints nothing,
// on a host where `eth0` exists. keepalived aborts when two IPv4 instances share VRID, interface
// and multicast group, so instances cycle through VRIDs 1..255 and move to a new `mcast_dst_ip`
// every 255 instances. Checkers are TCP_CHECK and HTTP_GET only (MISC_CHECK needs scripts, which
// would bring script-security messages). Output is deterministic for a given size and seed.

export interface GenerateOptions {
  /** Approximate size of the result in bytes (the generator stops at the first block past it). */
  targetBytes: number;
  /** Interface the VRRP instances bind to. Default `eth0`. */
  interfaceName?: string;
  /** Varies names and numbers; the same seed gives the same text. Default 1. */
  seed?: number;
  /** Line ending. Default `\n`. */
  eol?: '\n' | '\r\n';
  /**
   * Generate the other node of the pair: the same instances, VRIDs, VIPs and servers, with the
   * MASTER/BACKUP roles and priorities swapped. Default false.
   */
  peer?: boolean;
}

export interface GeneratedConfig {
  text: string;
  vrrpInstances: number;
  virtualServers: number;
  realServers: number;
}

/** Small deterministic PRNG (mulberry32), so runs are reproducible without a dependency. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` as the last three octets of an address inside a /8 (n < 2^24). */
function octets(n: number): string {
  return `${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

const LB_ALGOS = ['rr', 'wrr', 'lc', 'wlc', 'sh', 'dh'];
const LB_KINDS = ['NAT', 'DR', 'TUN'];

function vrrpInstance(i: number, ifname: string, rnd: () => number, peer: boolean): string {
  const vrid = (i % 255) + 1;
  const group = Math.floor(i / 255);
  // 239.0.0.0/8 is multicast; group 0 uses keepalived's default group 224.0.0.18.
  const mcast = group === 0 ? '' : `    mcast_dst_ip 239.${octets(group)}\n`;
  // Every fourth instance is the non-preemptive style (BACKUP on both nodes, nopreempt);
  // keepalived clears nopreempt with a warning on a MASTER, so it never goes there.
  const preemptive = i % 4 !== 0;
  const firstNodeIsMaster = rnd() < 0.5;
  const master = preemptive && firstNodeIsMaster !== peer;
  const highPriority = firstNodeIsMaster !== peer;
  // VIPs 10.x.y.(8i+1 .. 8i+3): never a network or broadcast-looking .0/.255.
  const vip = 8 * i + 1;
  const vips = 1 + Math.floor(rnd() * 3);
  let s = `vrrp_instance VI_${i} {\n`;
  s += `    # instance ${i}: VRID ${vrid}${group ? ` in multicast group ${group}` : ''}\n`;
  s += `    state ${master ? 'MASTER' : 'BACKUP'}\n`;
  s += `    interface ${ifname}\n`;
  s += mcast;
  s += `    virtual_router_id ${vrid}\n`;
  s += `    priority ${highPriority ? 150 : 100 - (i % 50)}\n`;
  s += `    advert_int ${1 + (i % 3)}\n`;
  if (!preemptive) s += `    nopreempt\n`;
  s += `    authentication {\n        auth_type PASS\n        auth_pass p${(i % 99999).toString().padStart(5, '0')}\n    }\n`;
  s += `    virtual_ipaddress {\n`;
  for (let k = 0; k < vips; k++) s += `        10.${octets(vip + k)}/32 dev ${ifname}\n`;
  s += `    }\n`;
  s += `}\n\n`;
  return s;
}

function virtualServer(i: number, rnd: () => number): { text: string; reals: number } {
  const port = 80 + (i % 4) * 1000;
  // The service address is the first VIP of the VRRP instance just before it (instance 2i), so
  // it moves with VRRP failover as in a real LVS director pair.
  const vsAddr = `10.${octets(8 * (2 * i) + 1)}`;
  const reals = 2 + Math.floor(rnd() * 3);
  let s = `virtual_server ${vsAddr} ${port} {\n`;
  s += `    delay_loop ${3 + (i % 7)}\n`;
  s += `    lb_algo ${LB_ALGOS[i % LB_ALGOS.length]}\n`;
  s += `    lb_kind ${LB_KINDS[i % LB_KINDS.length]}\n`;
  if (i % 3 === 0) s += `    persistence_timeout ${30 + (i % 300)}\n`;
  s += `    protocol TCP\n\n`;
  for (let r = 0; r < reals; r++) {
    const rs = `192.${168 - (i % 8)}.${(i >>> 8) & 255}.${((i * 5 + r) % 254) + 1}`;
    s += `    real_server ${rs} ${port} {\n`;
    s += `        weight ${1 + ((i + r) % 10)}\n`;
    if ((i + r) % 2 === 0) {
      s += `        TCP_CHECK {\n`;
      s += `            connect_port ${port}\n`;
      s += `            connect_timeout ${2 + (r % 4)}\n`;
      s += `        }\n`;
    } else {
      s += `        HTTP_GET {\n`;
      s += `            url {\n`;
      s += `                path /health/${i}/${r}\n`;
      s += `                status_code 200\n`;
      s += `            }\n`;
      if (r % 3 === 1) s += `            url {\n                path /ready\n                status_code 200-299\n            }\n`;
      s += `            connect_timeout 3\n`;
      s += `            retry 3\n`;
      s += `            delay_before_retry 2\n`;
      s += `        }\n`;
    }
    s += `    }\n`;
  }
  s += `}\n\n`;
  return { text: s, reals };
}

/** A config of about `targetBytes` bytes: global_defs, then VRRP instances and virtual servers. */
export function generateConfig(options: GenerateOptions): GeneratedConfig {
  // The peer must hold exactly the same blocks, so the block count is taken from the first node.
  const blocks = options.peer ? build(options, false, Infinity).blocks : Infinity;
  const result = build(options, options.peer ?? false, blocks);
  return result.config;
}

function build(options: GenerateOptions, peer: boolean, maxBlocks: number): { config: GeneratedConfig; blocks: number } {
  const ifname = options.interfaceName ?? 'eth0';
  const rnd = prng(options.seed ?? 1);
  const parts: string[] = [];
  let size = 0;
  const add = (s: string) => {
    parts.push(s);
    size += s.length;
  };
  add(`! Generated by kalint scripts/gen-config.ts (${options.targetBytes} bytes requested)\n\n`);
  add(`global_defs {\n    router_id kalint_bench_${peer ? 'b' : 'a'}\n    vrrp_garp_master_delay 5\n}\n\n`);
  let vrrp = 0;
  let vs = 0;
  let reals = 0;
  let blocks = 0;
  // Two VRRP instances per virtual server keeps both halves of the file substantial.
  const done = () => (maxBlocks === Infinity ? size >= options.targetBytes : blocks >= maxBlocks);
  while (!done()) {
    if (blocks % 3 === 2) {
      const v = virtualServer(vs++, rnd);
      reals += v.reals;
      add(v.text);
    } else {
      add(vrrpInstance(vrrp++, ifname, rnd, peer));
    }
    blocks++;
  }
  let text = parts.join('');
  if (options.eol === '\r\n') text = text.replace(/\n/g, '\r\n');
  return { config: { text, vrrpInstances: vrrp, virtualServers: vs, realServers: reals }, blocks };
}
