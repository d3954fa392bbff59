// Severities by one principle: an error is what makes keepalived exit, refuse the configuration (keepalived -t exits
// non-zero, and deploys are gated on it), drop something that matters or misread it; a warning is a setting keepalived
// adjusts or ignores while -t exits 0. rules62 proposed warnings for KA352, KA356 (max_hops lowered to the TTL) and
// KA523 (without require_reply), since the daemon runs as before; but keepalived counts each a configuration error and
// -t exits 5 on it (2.2.4, 2.2.7, 2.2.8, 2.3.3 and 2.4.3 checked), so they stay errors, and their docs say why.

import { describe, expect, it } from 'vitest';
import { lintText } from '../server/src/linter.js';
import { ruleByCode } from '../server/src/rules/index.js';
import { keepalivedAvailable, runKeepalived } from './helpers/keepalived.js';

const vmacXmitBase = 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 5\n    priority 100\n    virtual_ipaddress {\n        10.0.0.1\n    }\n    vmac_xmit_base\n}\n';
const maxHops = 'bfd_instance b2 {\n    neighbor_ip 10.0.0.2\n    max_hops 10\n    ttl 5\n}\n';
const replyLength = 'virtual_server 10.0.0.1 80 {\n    lb_algo rr\n    lb_kind NAT\n    protocol UDP\n    real_server 10.0.0.3 80 {\n        UDP_CHECK {\n            min_reply_length 300\n        }\n    }\n}\n';
const cases: [string, string][] = [
  ['KA352', vmacXmitBase],
  ['KA356', maxHops],
  ['KA523', replyLength],
];

describe('KA352, KA356 and KA523 are errors: keepalived -t exits non-zero on them', () => {
  it('are errors, and their docs say that -t fails on them', () => {
    for (const [code, text] of cases) {
      const found = lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.code === code);
      expect(found.map((d) => d.severity), code).toEqual(['error']);
      expect(ruleByCode(code)!.docs.why, code).toMatch(/`keepalived -t` exits 5 on (it|each)/);
    }
    // KA523's summary no longer says the check always fails whatever the block holds.
    expect(ruleByCode('KA523')!.description).toContain('keepalived -t fails on it, and with require_reply (or before 2.2.0) the check always fails');
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t exits non-zero on each, and on nothing else in these configs', () => {
    for (const [code, text] of cases) {
      const run = runKeepalived(text);
      expect(run.exitStatus, `${code}: ${run.stderr}`).not.toBe(0);
      expect(run.messages.length, `${code}: ${run.stderr}`).toBe(1);
    }
  });
});
