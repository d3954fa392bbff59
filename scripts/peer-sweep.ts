// Peer generation checked on real configs: for every config under the given folders that `kalint peer`
// accepts, the generated BACKUP (or MASTER, for the other half of a dual-master pair) is read by the real
// `keepalived -t` beside the original, and by kalint alone and as a cluster with the original.
//
// What must hold: keepalived prints the same for both files, bar the messages that only a node in the
// original role gets (listed below, each with why) and placeholder addresses the generator swaps between
// unicast_src_ip and unicast_peer; and kalint finds no error in the peer that the original lacks.
// Cluster findings of the pair are tallied by code: they are about the original's own design (a script
// with no weight, nopreempt on a MASTER…), which the peer copies by intent.
//
// Usage (bundle, then run):
//   npx esbuild scripts/peer-sweep.ts --bundle --platform=node --format=cjs --outfile=dist/peer-sweep.cjs
//   node dist/peer-sweep.cjs [--keepalived PATH] [--target-version V] [--out DIR] DIR...
// --target-version V derives and reads the peers as release V does: give --keepalived a build of that release.
// With --out, each config whose peer breaks a rule above is kept there (original, peer, why.txt).

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { lintCluster } from '../server/src/cluster/index.js';
import { generatePeer } from '../server/src/core/peer/index.js';
import { lintText } from '../server/src/linter.js';
import { collectConfigs } from './fuzz-differential.js';
import { parseKeepalivedStderr } from './keepalived-output.js';
import { parseSweepArgs } from './sweep-args.js';

/** keepalived messages that only the node in the original role prints, so the peer rightly lacks them. */
const ROLE_MESSAGES: [RegExp, string][] = [
  [/State MASTER must match being address owner/, 'a priority 255 MASTER: the peer is a BACKUP below 255'],
  [/Initial state master is incompatible with AH authentication/, 'AH authentication clears state MASTER only'],
  [/(nopreempt|preempt delay) will not work with initial state MASTER/, 'cleared on a MASTER only'],
  [/ignoring tracked script .* with weights due to address_owner/, 'weights are ignored at priority 255 only'],
  [/Cannot have weighted track .* with member having priority 255 - clearing weight/, 'weights are ignored at priority 255 only'],
  [/nopreempt is incompatible with priority 255/, 'nopreempt is cleared at priority 255 only'],
  [/unknown state '.*', defaulting to BACKUP/, 'the peer is written a state keepalived knows'],
  [/state previously set as MASTER - ignoring BACKUP/, 'every state line of the peer says BACKUP'],
];
/**
 * An address the message names under unicast_src_ip or unicast_peer, which the peer swaps: a placeholder (`<peer>`,
 * `$US`) keepalived cannot read, or an address of the other family than the instance's ("MUST be of the same family",
 * an IPv4 pair in an IPv6 instance): the peer's message then names the other one.
 */
/** An IPv6 address in a message (the peer swaps its source and peer addresses, of either family). */
const IPV6_ADDRESS = /\b[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}\b/g;
const SWAPPED_ADDRESS = /(?:malformed (?:src|unicast peer)|and (?:src|unicast peer)) address\[(.*?)\]/;

/** keepalived -t's messages for `file`, read in `dir` (relative includes and ${_PWD} resolve there), file names masked. */
function keepalivedMessages(binary: string, dir: string, file: string): string[] {
  const r = spawnSync(binary, ['-t', '-f', file, '-i', 'peer-sweep'], { cwd: dir, encoding: 'utf8', timeout: 20_000, maxBuffer: 256 * 1024 * 1024 });
  return parseKeepalivedStderr(r.stderr ?? '', { joinIndented: true }).map((m) => m.message);
}

function multiset(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of list) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** What one side printed more often than the other. */
function surplus(a: string[], b: string[]): string[] {
  const rest = multiset(b);
  const out: string[] = [];
  for (const x of a) {
    const n = rest.get(x) ?? 0;
    if (n > 0) rest.set(x, n - 1);
    else out.push(x);
  }
  return out;
}

function main(): void {
  const args = parseSweepArgs(process.argv.slice(2), 'peer-sweep');
  // --target-version: the peer is derived and read as that release reads it (give --keepalived a build of it).
  const targetVersion = args.targetVersion;
  const configs = collectConfigs(args.dirs);
  const tally = { configs: configs.length, generated: 0, refused: 0, keepalivedSame: 0, keepalivedRoleOnly: 0, broken: 0 };
  const roleCounts = new Map<string, number>();
  const clusterCodes = new Map<string, number>();
  const problems: string[] = [];
  const work = mkdtempSync(join(tmpdir(), 'peer-sweep-'));
  try {
    for (const { path, text } of configs) {
      const name = basename(path);
      const peer = generatePeer(text, { file: name, targetVersion });
      if ('error' in peer) {
        tally.refused++;
        continue;
      }
      tally.generated++;
      const why: string[] = [];

      // Both files side by side in a folder of their own, so includes and ${_PWD} resolve alike for both.
      const dir = mkdtempSync(join(work, 'c-'));
      copyFileSync(path, join(dir, name));
      const peerName = `peer-${name}`;
      writeFileSync(join(dir, peerName), peer.text);
      const before = keepalivedMessages(args.keepalived, dir, name);
      const after = keepalivedMessages(args.keepalived, dir, peerName).map((m) => m.split(peerName).join(name));
      rmSync(dir, { recursive: true, force: true });
      // The peer swaps the nodes' source addresses (unicast_src_ip and the peer list, mcast_src_ip), and a message
      // about a line it copied names the other node's address there ("(VI_1) 172.20.128.3 - ; is missing a value"):
      // those addresses are masked alike in both.
      const sources = new Set([...`${text}\n${peer.text}`.matchAll(/\b(?:unicast_src_ip|mcast_src_ip)[ \t]+([0-9A-Fa-f.:]+)/g)].map((m) => m[1]!));
      const mask = (m: string) => [...sources].reduce((acc, a) => acc.split(a).join('SRC'), m);
      const gone = surplus(before.map(mask), after.map(mask));
      const added = surplus(after.map(mask), before.map(mask));
      if (!gone.length && !added.length) tally.keepalivedSame++;
      const unexplainedGone = gone.filter((m) => {
        const role = ROLE_MESSAGES.find(([re]) => re.test(m));
        if (role) roleCounts.set(role[1], (roleCounts.get(role[1]) ?? 0) + 1);
        return !role;
      });
      // A swapped placeholder: the peer names under one field the address the original names under the other.
      const swapped = (m: string) => SWAPPED_ADDRESS.test(m);
      const addresses = (list: string[]) => list.filter(swapped).map((m) => SWAPPED_ADDRESS.exec(m)![1]).sort().join(' ');
      const swapOnly = addresses(unexplainedGone) === addresses(added) && added.every(swapped) && unexplainedGone.every(swapped);
      if ((gone.length || added.length) && (swapOnly || (!unexplainedGone.length && !added.length))) tally.keepalivedRoleOnly++;
      else if (gone.length || added.length) why.push(`keepalived -t: the peer lacks ${JSON.stringify(unexplainedGone)} and adds ${JSON.stringify(added)}`);

      // Compared without line numbers (a priority line the peer adds moves the lines below), quoted words and IPv4
      // addresses (the peer swaps unicast_src_ip and its peer, and a swapped placeholder is named under the other keyword).
      const errors = (t: string, file: string) =>
        lintText(t, { file, targetVersion })
          .diagnostics.filter((d) => d.severity === 'error')
          .map((d) => `${d.code} ${d.message.replace(/\blines? \d+/g, 'line N').replace(/'[^']*'/g, "'…'").replace(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, 'ADDR').replace(IPV6_ADDRESS, 'ADDR')}`);
      const newErrors = surplus(errors(peer.text, name), errors(text, name));
      if (newErrors.length) why.push(`kalint errors in the peer only: ${newErrors.join(' | ')}`);

      for (const d of lintCluster([{ file: name, text }, { file: peerName, text: peer.text }], { targetVersion }).diagnostics) clusterCodes.set(d.code, (clusterCodes.get(d.code) ?? 0) + 1);

      if (why.length) {
        tally.broken++;
        problems.push(`${path}:\n  ${why.join('\n  ')}`);
        if (args.out) {
          const keep = join(args.out, String(tally.broken).padStart(4, '0'));
          mkdirSync(keep, { recursive: true });
          writeFileSync(join(keep, name), text);
          writeFileSync(join(keep, peerName), peer.text);
          writeFileSync(join(keep, 'why.txt'), `${path}\n${why.join('\n')}\n`);
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`${tally.configs} configs: peer generated for ${tally.generated}, refused for ${tally.refused}`);
  console.log(`keepalived -t prints the same for both: ${tally.keepalivedSame}; differs only by the original role's messages or swapped placeholders: ${tally.keepalivedRoleOnly}`);
  for (const [why, n] of [...roleCounts].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${why}`);
  console.log(`cluster findings on the pairs (the original's design, copied): ${[...clusterCodes].sort().map(([c, n]) => `${c} ×${n}`).join(', ') || 'none'}`);
  console.log(`peers that break a rule: ${tally.broken}`);
  for (const p of problems) console.log(p);
  process.exitCode = tally.broken ? 1 : 0;
}

main();
