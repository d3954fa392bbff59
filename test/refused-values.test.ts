// Track lines whose weight keepalived refuses (outside -254..254): the weight falls back to the tracked object's own
// (a script's, a process's; none for an interface), while a 'reverse' or 'noreverse' after it still counts, and a
// line without one keeps the object's own setting (2.2.7 vrrp_track.c; an audit of refused values in session 56,
// checked with a 2.2.7 daemon's configuration dump: "eth1 weight 0 reverse", "chk weight -5").

import { describe, expect, it } from 'vitest';
import { lintCluster } from '../server/src/cluster/index.js';
import { generatePeer } from '../server/src/core/peer/index.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';

const node = (state: string, priority: number, rest: string) =>
  `vrrp_instance VI_1 {\n    state ${state}\n    interface eth0\n    virtual_router_id 51\n    priority ${priority}\n    virtual_ipaddress {\n        10.0.0.100\n    }\n${rest}}\n`;

describe('a track line whose weight keepalived refuses', () => {
  const script = 'vrrp_script chk {\n    script "/bin/true"\n    weight -5\n}\n';
  const refusedWeight = script + node('MASTER', 150, '    track_script {\n        chk weight 300\n    }\n');

  it("leaves the script's own weight, which `kalint peer` plans with", () => {
    const peer = generatePeer(refusedWeight);
    // weight -5: the nodes are put 4 apart so that a failing check moves the VIPs (it had refused: '+300 healthy').
    expect('text' in peer && /priority 146/.test(peer.text)).toBe(true);
  });

  it("keeps its 'reverse' in the failover simulation", () => {
    // eth1 weight 0 reverse: the instance is in FAULT while eth1 is up, so node a never holds the VIPs while healthy.
    const a = node('BACKUP', 150, '    track_interface {\n        eth1 weight 300 reverse\n    }\n');
    const b = node('BACKUP', 100, '');
    const codes = lintCluster([{ file: 'a.conf', text: a }, { file: 'b.conf', text: b }]).diagnostics.map((d) => d.code);
    expect(codes).toContain('KA431');
    expect(lintCluster([{ file: 'a.conf', text: a.replace('weight 300 reverse', 'weight 300') }, { file: 'b.conf', text: b }]).diagnostics.map((d) => d.code)).not.toContain('KA431');
  });

  it.skipIf(!keepalivedAvailable())('as keepalived -t reports it', () => {
    expect(runKeepalived(refusedWeight).messages.map((m) => m.message)).toContain('(VI_1) track script chk: weight must be between [-253..253] inclusive, ignoring...');
  });
});
