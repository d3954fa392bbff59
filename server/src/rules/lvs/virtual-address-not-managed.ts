import type { FileRule } from '../types.js';
import { canonicalAddress, parsePrefix } from '../../core/analysis/values.js';
import { groupAddressEntries, vsLabel } from './util.js';
import { lvsFacts } from './server-facts.js';
import { vipsByAddress } from '../vrrp/util.js';

export const virtualAddressNotManaged: FileRule = {
  kind: 'file',
  code: 'KA516',
  name: 'virtual-address-not-managed',
  family: 'lvs',
  severity: 'info',
  description: "A virtual_server address is not a virtual_ipaddress of any vrrp_instance in the file.",
  docs: {
    why:
      'In a keepalived pair the virtual server address is normally a VIP that VRRP moves between the nodes. If no ' +
      'vrrp_instance of the file carries it, the address does not fail over with the director: check for a typo. It can be ' +
      'intended (an address configured on the host, or a VIP handled elsewhere), hence only information; files without ' +
      'any vrrp_instance are not checked.',
    bad: 'vrrp_instance VI_1 {\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\nvirtual_server 10.0.0.2 80 {\n    protocol TCP\n}',
    good: 'vrrp_instance VI_1 {\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n}\nvirtual_server 10.0.0.1 80 {\n    protocol TCP\n}',
  },
  check(ctx) {
    const model = ctx.analysis.model;
    if (!model.vrrpInstances.length || !model.virtualServers.length) return;
    // The VIPs and eVIPs of every instance; a static_ipaddress is configured on purpose on this host: not a typo either.
    const { byAddress } = vipsByAddress(model);
    const statics = new Set<string>();
    for (let i = 0, st = model.staticIpaddresses; i < st.length; i++) {
      const p = st[i]!.prefix;
      if (p) statics.add(canonicalAddress(p.address));
    }
    const unmanaged = (text: string) => {
      const p = parsePrefix(text);
      if (p === undefined) return false;
      const key = canonicalAddress(p.address);
      return !byAddress.has(key) && !statics.has(key);
    };
    const message = (label: string, text: string) => `${label} ${text} is not a virtual_ipaddress of any vrrp_instance in this file; it will not move with VRRP failover`;
    for (let k = 0, fs = lvsFacts(ctx.analysis).servers; k < fs.length; k++) {
      const f = fs[k]!;
      const vs = f.vs;
      if (vs.kind === 'address' && vs.address && unmanaged(vs.address)) {
        const at = vs.node.args[0];
        if (at) ctx.report({ message: message(`'${vsLabel(vs)}':`, vs.address), file: at.file, range: at.range });
      }
      if (vs.kind === 'group') {
        for (let m = 0, es = groupAddressEntries(f); m < es.length; m++) {
          const e = es[m]!;
          // Ranges (10.0.0.1-10) are left alone: only exact addresses are compared.
          const w = e[0]!;
          const text = w.text;
          if (!text.includes('-') && !text.includes('/') && unmanaged(text)) ctx.report({ message: message(`virtual_server_group '${vs.group}' entry`, text), file: w.file, range: w.range });
        }
      }
    }
  },
};
