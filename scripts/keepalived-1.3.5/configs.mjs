// Whole configs against keepalived 1.3.5, or the release KA_RELEASE names (1.3.9; see README.md), which
// print no line numbers: each config is run twice with run.sh (the VRRP and the checker process) and
// what the child process logs is compared with kalint at that --target-version:
// - every "Unknown keyword 'X'" must have a kalint finding that names 'X';
// - a child that dies (a crash: "child process(N) died") must have a kalint finding that says
//   keepalived crashes;
// - every other message the child logs (host ones left out) is listed with the configs it came
//   from, for review by hand.
// Writes the details to OUT (JSON) and prints the totals.
// Usage: [KA_RELEASE=1.3.9] node configs.mjs [--out FILE] [--cache DIR] DIR...   (root; KEEPALIVED_135,
// KEEPALIVED_139 as for run.sh)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { HOST } from '../keepalived-versions/messages.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const release = process.env.KA_RELEASE ?? '1.3.5';
const tag = release.replace(/\./g, '');
const root = resolve(here, '../..');
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args.splice(outAt, 2)[1] : join(tmpdir(), `kalint-${release}-configs.json`);
// --cache DIR keeps what the release logged for each config, so that a later run only lints again.
const cacheAt = args.indexOf('--cache');
const cache = cacheAt >= 0 ? args.splice(cacheAt, 2)[1] : undefined;
if (!args.length) {
  console.error('usage: node configs.mjs [--out FILE] DIR...');
  process.exit(2);
}

if (cache) mkdirSync(cache, { recursive: true });
const work = mkdtempSync(join(tmpdir(), `kalint-${tag}-`));
writeFileSync(
  join(work, 'lint.mjs'),
  `import { lintText } from '${root}/server/src/linter.js';
import { fsHost } from '${root}/server/src/cli/host.js';
export const lint = (file, text) => lintText(text, { file, host: fsHost, targetVersion: '${release}', configId: 'x' }).diagnostics;`,
);
await build({ entryPoints: [join(work, 'lint.mjs')], bundle: true, platform: 'node', format: 'cjs', outfile: join(work, 'lint.cjs'), logLevel: 'error' });
const { lint } = (await import(join(work, 'lint.cjs'))).default;
// The bundle is loaded; its folder is not needed any more.
rmSync(work, { recursive: true, force: true });

/** Lines 1.3.x logs on every start, and its -d dump. */
const NOISE = [
  /^Starting |^Opening file|^Registering |^Running on |^Stopping|^Stopped|^Remove a zombie|^Using LinkWatch|^Netlink reflector|^Unable to resolve default script username|^Initializing ipvs|^Leaving|^Entering|^Opening|^\s|^-+</,
  /tables command not available|^Cant find interface|to unknown .* interface|exited with permanent error|^Unable to access script|^Disabling .* since not found|exited with status|^VRRP_Instance\(.*\) (?:Entering|Transition|Now in)|^VRRP_Group\(.*\) Syncing|^WARNING - script `.*` resolved by path search|^Truncating auth_pass|^VRRP_Instance\(.*\) removing protocol|^VRRP sockpool|^Terminating|^Received |^IPVS: Can't initialize|^IPVS: Protocol not available|^Unable to open dbus|^Activating healthchecker|^Adding sorry server|^Removing service|^Script user|^pid \d+ exited/,
  // 1.3.9: the line before "child process(N) died" (which is counted), and the shell's word for a
  // keepalived that outlived its SIGINT by a second (run.sh's timeout -k).
  /exited due to (?:segmentation fault|signal)|^Killed$/,
];
const TIME = /^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4}: /;
const SAYS_CRASH = /crash|segmentation fault|SIGFPE|double free|abort|loops? forever|never returns/i;
const configs = args.flatMap((d) => readdirSync(d).filter((n) => n.endsWith('.conf')).sort().map((n) => resolve(d, n)));
const totals = { configs: 0, unknown: 0, unknownMatched: 0, died: 0, diedPredicted: 0 };
const detail = { unknownMissed: [], diedUnpredicted: [], other: {} };
for (const path of configs) {
  totals.configs++;
  const text = readFileSync(path, 'utf8');
  const found = lint(path, text);
  // The checker process only for configs with something to check (a run takes a second or more).
  for (const proc of /virtual_server|real_server|SSL/.test(text) ? ['P', 'C'] : ['P']) {
    const cached = cache && join(cache, `${path.replace(/\//g, '_')}.${proc}.log`);
    const log = cached && existsSync(cached) ? readFileSync(cached, 'utf8') : execFileSync(join(here, 'run.sh'), [path, proc, '1'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (cached) writeFileSync(cached, log);
    // The child's reading comes after the second "Opening file" (the parent reads the config first).
    const parts = log.split(/^.*Opening file.*$/m);
    // 1.3.9 starts each line with the time ("Mon Nov 23 00:09:11 2026: "); 1.3.5 does not.
    const child = parts.slice(parts.length > 2 ? 2 : 1).join('\n').split('\n').map((l) => l.replace(TIME, ''));
    for (const line of child) {
      const unknown = /Unknown keyword '([^']*)'/.exec(line);
      if (unknown) {
        totals.unknown++;
        // kalint names a blank-looking character by its code point ('<U+00A0>' for a no-break space).
        const escaped = unknown[1].replace(/[^\x20-\x7e]/gu, (c) => `<U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
        if (found.some((d) => d.message.includes(`'${unknown[1]}'`) || d.message.includes(`'${escaped}'`))) totals.unknownMatched++;
        else detail.unknownMissed.push(`${path} (${proc}): ${line.trim()}`);
        continue;
      }
      if (/child process\(\d+\) died/.test(line)) {
        totals.died++;
        if (found.some((d) => SAYS_CRASH.test(d.message))) totals.diedPredicted++;
        else detail.diedUnpredicted.push(`${path} (${proc})`);
        continue;
      }
      if (!line.trim() || NOISE.some((n) => n.test(line)) || HOST.some((h) => h.test(line))) continue;
      const gist = line.trim().replace(/\d+/g, 'N').replace(/'[^']*'|`[^`]*`/g, 'Q');
      (detail.other[gist] ??= []).push(`${path} (${proc}): ${line.trim()}`);
    }
  }
}
writeFileSync(out, JSON.stringify(detail, null, 1));
console.log(
  `keepalived ${release}: ${totals.configs} configs, ${totals.unknownMatched}/${totals.unknown} unknown keywords named by kalint, ` +
    `${totals.diedPredicted}/${totals.died} child deaths predicted, ${Object.keys(detail.other).length} other kinds of message (details: ${out})`,
);
