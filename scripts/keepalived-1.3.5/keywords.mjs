// Checks the keyword table's dating against keepalived 1.3.5, or the release KA_RELEASE names (1.3.9;
// see README.md and run.sh): one config per keyword, the keyword in its block and a sentinel after it.
// A keyword the table dates at or before the release must be read (the sentinel reported unknown, the
// keyword not); one dated later must be an "Unknown keyword". Prints the keywords that disagree.
// Usage: [KA_RELEASE=1.3.9] node keywords.mjs [old|new] [N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keywordConfig, sample, table, walk } from '../keepalived-versions/samples.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const release = process.env.KA_RELEASE ?? '1.3.5';
const [ra, rb, rc] = release.split('.').map(Number);
// Dated at or before the release ('<=X' dates too): compared as versions, so a correction such as 1.3.0 stays in.
const inOld = (since) => {
  const [a, b, c] = since.replace(/^<=/, '').split('.').map(Number);
  return (a - ra || b - rb || c - rc) <= 0;
};
const wantOld = (process.argv[2] ?? 'old') === 'old';
/** Check only the first N keywords (a quick look), when given. */
const limit = Number(process.argv[3] ?? Infinity);

// 1.3.x reads a port after a server address unconditionally (optional only from 2.0.15).
const argLine = (k) => (k.args ?? []).filter((a) => !a.optional || a.optional_since).map(sample).filter((w) => w !== undefined).join(' ');
/** Words for keywords the generic samples miss: a netmask for a `mixed` argument; a url's status
 * code, optional from 2.0.17 only (1.3.x crashes on a bare one). */
const ARG_OVERRIDES = { persistence_granularity: '255.255.255.0', status_code: '200' };


const dir = mkdtempSync(join(tmpdir(), `ka${release.replace(/\./g, '')}-`));
let n = 0;
const disagree = [];
for (const [k, anc] of walk(table.tree, [])) {
  if (inOld(k.since) !== wantOld) continue;
  if (n >= limit) break;
  n++;
  const { text } = keywordConfig(k, anc, argLine, `${k.name} ${ARG_OVERRIDES[k.name] ?? argLine(k)}`);
  const file = join(dir, `${n}.conf`);
  writeFileSync(file, text);
  const top = (anc[0] ?? k).name;
  const proc = top.startsWith('virtual_server') || top === 'SSL' ? 'C' : 'P';
  const out = execFileSync(join(here, 'run.sh'), [file, proc, '1'], { encoding: 'utf8' });
  // The child process's reading, after the second "Opening file"; the parent's when no child
  // started (a global setting such as net_namespace can stop it first).
  const parts = out.split('Opening file');
  const child = parts.slice(parts.length > 2 ? 2 : 1).join('');
  const unknown = new Set([...child.matchAll(/Unknown keyword '([^']*)'/g)].map((m) => m[1]));
  const path = [...anc.map((a) => a.name), k.name].join('/');
  if (wantOld && (!unknown.has('zz_sentinel') || unknown.has(k.name))) disagree.push(`${path} (${k.build_condition ?? 'no build condition'})${child.includes('missing a parameter') ? ': missing a parameter' : ''}`);
  if (!wantOld && !unknown.has(k.name)) disagree.push(path);
}
rmSync(dir, { recursive: true, force: true });
console.log(`${n} keywords dated ${wantOld ? 'at or before' : 'after'} ${release}; ${disagree.length} disagree with keepalived ${release}`);
for (const d of disagree) console.log(`  ${d}`);
