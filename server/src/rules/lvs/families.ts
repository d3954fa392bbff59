// keepalived's address-family checks while reading a virtual_server (real and sorry servers of the
// other family are skipped, except tunnelled ones), and the real servers that survive reading.

import type { AstNode, Word } from '../../core/analysis/ast.js';
import { ipFamily, type Family } from '../../core/analysis/values.js';
import type { VirtualServer, VirtualServerGroup } from '../../core/model/model.js';
import { distinctRealServers } from './util.js';
import { readVsgEntry } from './vsg-entries.js';

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

interface FamilyResult {
  findings: FamilyFinding[];
  /** The family keepalived settled on when the block ended (undefined: still open). */
  family?: Family;
  source?: AstNode;
}

// Several rules ask about the same virtual servers; the model objects are per analysis, so a
// WeakMap keeps one answer per analysis without outliving it.
const familyMemo = new WeakMap<VirtualServer, FamilyResult>();
const keptMemo = new WeakMap<VirtualServer, VirtualServer['realServers']>();

function familyResult(vs: VirtualServer): FamilyResult {
  let r = familyMemo.get(vs);
  if (!r) familyMemo.set(vs, (r = computeFamily(vs)));
  return r;
}

/** keepalived's address-family checks while reading a virtual_server, in reading order. */
export function familyFindings(vs: VirtualServer): FamilyFinding[] {
  return familyResult(vs).findings;
}

/** The address family keepalived gives the virtual server while reading it, and what decided it. */
export function serviceFamily(vs: VirtualServer): { family?: Family; source?: AstNode } {
  const r = familyResult(vs);
  return { family: r.family, source: r.source };
}

function computeFamily(vs: VirtualServer): FamilyResult {
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
  const sorryMethod = [...vs.node.children].reverse().find((c) => c.keyword === 'sorry_server_lvs_method')?.args[0]?.text ?? vs.lbKind?.value;
  if (sorry && sf && sorryMethod !== 'TUN') {
    if (family && sf !== family) out.push({ node: sorry.node, kind: 'sorry_server', family: sf, expected: family, source });
    else if (!family) {
      family = sf;
      source = sorry.node;
    }
  }
  return { findings: out, family, source };
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

export interface GroupDrop {
  /** Why keepalived drops the virtual server while linking it to its group (only logged). */
  reason: 'missing' | 'removed' | 'mixed-group' | 'family';
  groupFamilies?: { v4: boolean; v6: boolean };
}

/** The families of a group's usable entries, and whether keepalived removed the group (KA526). */
export function groupFamilies(entries: Word[][]): { v4: boolean; v6: boolean; removed: boolean } {
  let v4 = false;
  let v6 = false;
  let bareMark = false;
  let valid = 0;
  for (const words of entries) {
    if (!words.length) continue;
    const e = readVsgEntry(words);
    if (!e.ok) continue;
    valid++;
    if (e.kind === 'fwmark' && e.family === undefined) bareMark = true;
    else if (e.family === 4) v4 = true;
    else if (e.family === 6) v6 = true;
  }
  return { v4, v6, removed: valid === 0 || (v4 && v6 && bareMark) };
}

/**
 * Whether keepalived drops a `virtual_server group NAME` before its after-reading checks: no such
 * group, the group was removed, or the group's address family does not match the servers'.
 */
export function groupDrop(vs: VirtualServer, groups: VirtualServerGroup[]): GroupDrop | undefined {
  if (vs.kind !== 'group') return undefined;
  const g = groups.find((x) => x.name === vs.group);
  if (!g) return { reason: 'missing' };
  const f = groupFamilies(g.entries);
  if (f.removed) return { reason: 'removed' };
  const { family } = serviceFamily(vs);
  if (f.v4 && f.v6 && family) return { reason: 'mixed-group', groupFamilies: f };
  if ((f.v4 && family === 6) || (f.v6 && family === 4)) return { reason: 'family', groupFamilies: f };
  return undefined;
}

/** Virtual servers keepalived has already dropped when it runs the checks the lvs rules mirror. */
export function droppedBeforeChecks(vs: VirtualServer, groups: VirtualServerGroup[]): boolean {
  return groupDrop(vs, groups) !== undefined;
}
