// The cluster analysis indexes instances by name and VRID: its cost grows linearly with the number
// of instances. Four times the instances must cost far less than sixteen times the time (quadratic).

import { describe, expect, it } from 'vitest';
import { buildNodes, checkCluster, failoverReports } from '../server/src/cluster/index.js';

/** A node with n instances, each tracking its own script, in sync groups of 10, with some services. */
function node(n: number, master: boolean): string {
  const parts: string[] = [`global_defs {\n    router_id lb-${master ? 'a' : 'b'}\n}\n`];
  for (let i = 0; i < n; i++) parts.push(`vrrp_script chk_${i} {\n    script "/usr/local/bin/chk ${i}"\n    interval 2\n    weight -${(i % 30) + 1}\n}\n`);
  for (let i = 0; i < n / 2; i += 10) parts.push(`vrrp_sync_group G${i} {\n    group {\n${Array.from({ length: 10 }, (_, k) => `        VI_${i + k}\n`).join('')}    }\n}\n`);
  for (let i = 0; i < n; i++) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    parts.push(
      `vrrp_instance VI_${i} {\n    state ${master ? 'MASTER' : 'BACKUP'}\n    interface eth${Math.floor(i / 255)}\n    virtual_router_id ${(i % 255) + 1}\n    priority ${master ? 150 : 100}\n    advert_int 1\n` +
        `    authentication {\n        auth_type PASS\n        auth_pass pw${master || i % 50 ? i % 1000 : 'x'}\n    }\n    track_script {\n        chk_${i}\n    }\n    virtual_ipaddress {\n        ${ip}/24\n    }\n}\n`,
    );
    if (i % 10 === 0) parts.push(`virtual_server ${ip} 80 {\n    lb_algo rr\n    lb_kind DR\n    protocol TCP\n    real_server 10.200.${(i >> 8) & 255}.${i & 255} 80 {\n        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n}\n`);
  }
  return parts.join('');
}

function clusterTime(n: number): { ms: number; findings: number } {
  const nodes = buildNodes([
    { file: 'a.conf', text: node(n, true) },
    { file: 'b.conf', text: node(n, false) },
  ]);
  const start = performance.now();
  const findings = checkCluster(nodes).length;
  failoverReports(nodes);
  return { ms: performance.now() - start, findings };
}

describe('cluster analysis cost', () => {
  it('grows linearly with the number of instances', () => {
    clusterTime(300); // warm up the JIT
    const small = clusterTime(1000);
    const large = clusterTime(4000);
    if (process.env.KALINT_PERF_LOG) console.log(`cluster rules + simulation: 2x1000 instances ${small.ms.toFixed(0)} ms, 2x4000 ${large.ms.toFixed(0)} ms`);
    // The findings scale too: KA430 for instances outside sync groups, KA404 for every 50th.
    expect(large.findings).toBeGreaterThan(3 * small.findings);
    // Linear is 4x, quadratic 16x; 10x (plus a fixed allowance) absorbs a loaded CI machine.
    expect(large.ms).toBeLessThan(10 * small.ms + 500);
  });
});

// recheck64 bug 6: KA413 merged the real servers of every range over each stretch of a bucket, so N nested ranges
// cost O(N²) (4000 took ~50 s). Stretches where every director has the same services are now skipped by sums of hashes.
describe('KA413 on many nested ranges', () => {
  /** One group of n nested IPv6 ranges (keepalived steps the last group only), plus one extra address on node b. */
  const conf = (n: number, extra: boolean) =>
    `virtual_server_group G {\n${Array.from({ length: n }, (_, i) => `    2001:db8::${(i + 1).toString(16)}-fff0 80\n`).join('')}${extra ? '    2001:db8::ffff 80\n' : ''}}\n` +
    `virtual_server group G {\n    lb_kind DR\n    protocol TCP\n    real_server 2001:db8:1::1 80 {\n        TCP_CHECK {\n        }\n    }\n}\n`;
  const time = (n: number) => {
    const nodes = buildNodes([
      { file: 'a.conf', text: conf(n, false) },
      { file: 'b.conf', text: conf(n, true) },
    ]);
    const start = performance.now();
    const found = checkCluster(nodes).filter((d) => d.code === 'KA413');
    return { ms: performance.now() - start, found };
  };
  it('grows far less than quadratically, and still finds the one difference', () => {
    time(200);
    const small = time(1000);
    const large = time(4000);
    expect(large.found.map((d) => d.message)).toEqual([expect.stringContaining('service 2001:db8::ffff 80 TCP of virtual_server group G is defined on b.conf but not on a.conf')]);
    if (process.env.KALINT_PERF_LOG) console.log(`KA413 nested ranges: 1000 ${small.ms.toFixed(0)} ms, 4000 ${large.ms.toFixed(0)} ms`);
    // n log n is about 5x, quadratic 16x.
    expect(large.ms).toBeLessThan(10 * small.ms + 500);
  });
});
