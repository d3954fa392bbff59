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
    // An IPv4 address one octet (not the host's) away from a VIP is most likely a mistyped VIP, as in
    // the virtual servers of two copied docs (10.16.15.25 for VIP 10.16.16.25, 172.31.0.1 for 172.32.0.1).
    let nearIndex: Map<string, Set<string>> | undefined;
    const wildcards = (key: string): string[] => {
      const o = key.split('.');
      if (o.length !== 4 || !o.every((x) => /^\d{1,3}$/.test(x))) return [];
      return [0, 1, 2].map((i) => o.map((x, j) => (j === i ? '*' : x)).join('.'));
    };
    const nearVip = (text: string): string | undefined => {
      if (!nearIndex) {
        nearIndex = new Map();
        for (const key of byAddress.keys()) {
          for (const w of wildcards(key)) {
            const set = nearIndex.get(w);
            if (set) set.add(key);
            else nearIndex.set(w, new Set([key]));
          }
        }
      }
      const p = parsePrefix(text);
      if (!p) return undefined;
      const found = new Set<string>();
      for (const w of wildcards(canonicalAddress(p.address))) for (const k of nearIndex.get(w) ?? []) found.add(k);
      return found.size === 1 ? [...found][0] : undefined;
    };
    // A repeated vrrp_instance name: keepalived ignores the later block (KA209), and so does the model, so its
    // addresses are not VIPs here; say so rather than suggest a typo (kube-keepalived-vip wrote two 'vips').
    const ignored: string[] = [];
    for (let i = 0, ds = ctx.analysis.diagnostics; i < ds.length; i++) {
      const d = ds[i]!;
      if (d.code !== 'KA209' || d.severity !== 'error' || !d.message.startsWith("vrrp_instance '")) continue;
      const name = d.message.slice(15, d.message.indexOf("'", 15));
      ignored.push(`'${name}' of line ${d.range.start.line + 1}${d.file && d.file !== ctx.analysis.file ? ` (${d.file})` : ''}`);
    }
    const message = (label: string, text: string) => {
      if (ignored.length) {
        return `${label} ${text} is not a virtual_ipaddress of any vrrp_instance keepalived reads in this file (it ignores the repeated vrrp_instance ${ignored.join(', ')}); it will not move with VRRP failover`;
      }
      const near = nearVip(text);
      return `${label} ${text} is not a virtual_ipaddress of any vrrp_instance in this file; it will not move with VRRP failover${near ? ` (VIP ${near} differs in one octet: a typo?)` : ''}`;
    };
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
