// Checks the keyword table's version dating against a keepalived 2.x binary built from its tag (see
// README.md): one config per keyword, the keyword in its block and a sentinel after it, read with
// `keepalived -t`. A keyword the table dates at or before the binary's version must be read (the
// sentinel is reported unknown, the keyword is not); one dated later must be an "Unknown keyword".
// Prints the keywords that disagree.
// Usage: node keywords.mjs BINARY VERSION [N]   (VERSION like 2.1.5; N: check only the first N)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keywordConfig, sample, table, walk } from './samples.mjs';

const [binary, versionText, limitText] = process.argv.slice(2);
if (!binary || !/^\d+\.\d+\.\d+$/.test(versionText ?? '')) {
  console.error('usage: node keywords.mjs BINARY VERSION [N]');
  process.exit(2);
}
const version = versionText.split('.').map(Number);
const limit = Number(limitText ?? Infinity);

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
/** Whether the table says `since` is at or before the binary's version. */
function datedIn(since) {
  if (since.startsWith('<=')) return true;
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(since);
  return m ? compare([+m[1], +m[2], +m[3]], version) <= 0 : false;
}

const optionalIn = (a) => a.optional && (!a.optional_since || datedIn(a.optional_since));
const argLine = (k) => (k.args ?? []).filter((a) => !optionalIn(a)).map(sample).filter((w) => w !== undefined).join(' ');
/** Words the generic samples get wrong: a netmask for a `mixed` argument; a user that exists
 * (before 2.2 a MISC_CHECK user that does not exist crashes `keepalived -t`: a double free); a
 * status code, optional only from 2.0.17. */
const ARG_OVERRIDES = { persistence_granularity: '255.255.255.0', user: 'root', status_code: '200' };
/** Blocks that need a line of their own to be read at all (an HTTP_GET without a url stops keepalived -t). */
const INNER = { HTTP_GET: 'url {\n path /\n}', SSL_GET: 'url {\n path /\n}' };


// A binary without a config test mode (before 2.0.4) cannot be checked this way: see ../keepalived-1.3.5.
const probe = spawnSync(binary, ['-t', '-f', '/dev/null'], { encoding: 'utf8', timeout: 20000, maxBuffer: 256 * 1024 * 1024 });
if (/Unknown option -t|unrecognized option/.test(`${probe.stdout}${probe.stderr}`)) {
  console.error(`${binary} has no -t (config test), which came in 2.0.4`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'ka-versions-'));
let n = 0;
let early = 0;
let underLater = 0;
const disagree = [];
for (const [k, anc] of walk(table.tree, [])) {
  if (n >= limit) break;
  // Inside a block the binary does not know, a keyword is read in the enclosing block (an unknown
  // keyword's block is not skipped), so whether it is "known" says nothing about its own dating.
  if (anc.some((a) => !datedIn(a.since))) {
    underLater++;
    continue;
  }
  n++;
  const { text, line: keywordLine } = keywordConfig(k, anc, argLine, `${k.name} ${ARG_OVERRIDES[k.name] ?? argLine(k)}`, INNER[k.name]);
  const file = join(dir, `${n}.conf`);
  writeFileSync(file, text);
  const run = spawnSync(binary, ['-t', '-f', file, '-i', 'x'], { encoding: 'utf8', timeout: 20000, maxBuffer: 256 * 1024 * 1024 });
  const out = `${run.stdout}${run.stderr}`;
  const unknownAt = new Set([...out.matchAll(/Line (\d+)\) Unknown keyword '([^']*)'/g)].map((m) => `${m[2]}@${m[1]}`));
  const keywordUnknown = unknownAt.has(`${k.name}@${keywordLine}`);
  const sentinelRead = [...unknownAt].some((u) => u.startsWith('zz_sentinel@'));
  const path = [...anc.map((a) => a.name), k.name].join('/');
  const expected = datedIn(k.since);
  if (expected && (keywordUnknown || !sentinelRead)) {
    // A keyword read but whose config stops keepalived before the sentinel is not a dating problem.
    if (!keywordUnknown && !sentinelRead) early++;
    disagree.push(`${path} (since ${k.since}; ${k.build_condition ?? 'no build condition'})${keywordUnknown ? ': unknown' : `: sentinel not reached: ${out.trim().split('\n').pop()}`}`);
  }
  if (!expected && !keywordUnknown) disagree.push(`${path} (since ${k.since}): read, the table dates it later`);
}
rmSync(dir, { recursive: true, force: true });
console.log(`${n} keywords checked (${underLater} inside blocks dated later left out); ${disagree.length} disagree with keepalived ${versionText} (${early} of them stop before the sentinel)`);
for (const d of disagree) console.log(`  ${d}`);
