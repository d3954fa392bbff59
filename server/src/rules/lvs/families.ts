// keepalived's address-family checks while reading a virtual_server (real and sorry servers of the
// other family are skipped, except tunnelled ones), and the real servers that survive reading.

import type { AstNode } from '../../core/analysis/ast.js';
import { ipFamily, type Family } from '../../core/analysis/values.js';
import type { VirtualServer } from '../../core/model/model.js';
import { distinctRealServers } from './util.js';

const FAMILY_WORDS: Record<string, Family> = { inet: 4, inet6: 6 };
export const familyName = (f: Family) => (f === 4 ? 'IPv4' : 'IPv6');

/** The forwarding method a real server has when its block ends: its own, else the VS's written before it. */
function methodAtEnd(vsNode: AstNode, server: AstNode): string | undefined {
  const own = server.children.filter((c) => c.keyword === 'lvs_method').pop()?.args[0]?.text;
  if (own) return own;
  let method: string | undefined;
  for (const c of vsNode.children) {
    if (c === server) break;
    if (c.keyword === 'lb_kind' || c.keyword === 'lvs_method') method = c.args[0]?.text;
  }
  return method;
}

export interface FamilyFinding {
  node: AstNode;
  kind: 'ip_family' | 'real_server' | 'sorry_server';
  family: Family;
  expected: Family;
  source?: AstNode;
}

/** keepalived's address-family checks while reading a virtual_server, in reading order. */
const findingsMemo = new WeakMap<VirtualServer, FamilyFinding[]>();
const keptMemo = new WeakMap<VirtualServer, VirtualServer['realServers']>();

// Several rules ask about the same virtual servers; the model objects are per analysis, so a
// WeakMap keeps one answer per analysis without outliving it.
export function familyFindings(vs: VirtualServer): FamilyFinding[] {
  let out = findingsMemo.get(vs);
  if (!out) findingsMemo.set(vs, (out = computeFamilyFindings(vs)));
  return out;
}

function computeFamilyFindings(vs: VirtualServer): FamilyFinding[] {
  const out: FamilyFinding[] = [];
  // The family keepalived has settled on so far, and what settled it.
  let family: Family | undefined = vs.kind === 'address' && vs.address ? ipFamily(vs.address) : undefined;
  let source: AstNode | undefined = family ? vs.node : undefined;
  for (const c of vs.node.children) {
    if (c.keyword === 'ip_family') {
      const f = FAMILY_WORDS[c.args[0]?.text ?? ''];
      if (!f) continue;
      if (family && family !== f) out.push({ node: c, kind: 'ip_family', family: f, expected: family });
      else if (!family) {
        family = f;
        source = c;
      }
      continue;
    }
    if (c.keyword !== 'real_server') continue;
    const f = ipFamily(c.args[0]?.text ?? '');
    if (!f || methodAtEnd(vs.node, c) === 'TUN') continue;
    if (!family) {
      family = f;
      source = c;
    } else if (f !== family) out.push({ node: c, kind: 'real_server', family: f, expected: family, source });
  }
  // The sorry server is checked when the virtual_server block ends.
  const sorry = vs.sorryServer;
  const sf = sorry ? ipFamily(sorry.address) : undefined;
  if (sorry && sf && family && sf !== family) {
    const method = [...vs.node.children].reverse().find((c) => c.keyword === 'sorry_server_lvs_method')?.args[0]?.text ?? vs.lbKind?.value;
    if (method !== 'TUN') out.push({ node: sorry.node, kind: 'sorry_server', family: sf, expected: family, source });
  }
  return out;
}

/** Real servers keepalived keeps after its address-family check. */
export function familyKeptRealServers(vs: VirtualServer): VirtualServer['realServers'] {
  const skipped = new Set(familyFindings(vs).filter((f) => f.kind === 'real_server').map((f) => f.node));
  return vs.realServers.filter((rs) => !skipped.has(rs.node));
}

/** The real servers keepalived works with after reading: other-family and duplicate ones removed. */
export function keptRealServers(vs: VirtualServer): VirtualServer['realServers'] {
  let kept = keptMemo.get(vs);
  if (!kept) keptMemo.set(vs, (kept = distinctRealServers(vs, familyKeptRealServers(vs)).kept));
  return kept;
}
