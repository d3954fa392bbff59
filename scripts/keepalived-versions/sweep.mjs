// Every config against every keepalived release build, with kalint in-process at the matching
// `--target-version`. Per release it counts:
// - located messages: what `BINARY -t` prints with a line (host-dependent ones left out, as in
//   configs.mjs) and how many of them kalint matches with a finding on the same file and line;
// - false errors: kalint error findings on a config the release accepts, leaving out those in
//   CANNOT_SEE (findings saying `-t` does not see them). Accepted: no crash and nothing printed but host
//   messages. The exit status is not used: a missing interface alone makes 2.2.0 and later exit 5
//   here, and 2.1.x exits 0 after config errors.
// - unpredicted crashes: exit 139/134/136 or a hang under `-t` with no kalint finding that says the
//   release crashes (nor a KA108 refusal of an unrendered template).
// Prints a table, and writes every miss, false error and crash to OUT (JSON) for triage.
// Usage: node sweep.mjs [--out FILE] [--only 2.0.19,2.2.8] DIR...
//   Builds (builds.mjs): /tmp/kaX.Y.Z/keepalived/keepalived (KA_BUILDS=/other/prefix), 2.2.7 from
//   /usr/sbin/keepalived. Releases before 2.0.7 are left out: 2.0.0 has no -t, and 2.0.4 to 2.0.6
//   start the daemon under -t and log without line numbers (1.3.5: ../keepalived-1.3.5/).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { HOST, hostCascade, locatedMessage } from './messages.mjs';
import { releaseBuilds } from './builds.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name) => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const [, value] = args.splice(at, 2);
  return value;
};
const out = opt('--out') ?? join(tmpdir(), 'kalint-sweep.json');
const only = opt('--only')?.split(',');
const dirs = args;
if (!dirs.length) {
  console.error('usage: node sweep.mjs [--out FILE] [--only V,V] DIR...');
  process.exit(2);
}

/**
 * Findings that say `keepalived -t` does not see the problem (the release accepts the config under
 * -t and fails or misbehaves only when it runs): not false errors.
 */
const CANNOT_SEE = /not reported by keepalived -t|-t does not report|accepts it without a word/;

const runs = releaseBuilds(only);

// kalint in-process, bundled from this tree's sources.
const work = mkdtempSync(join(tmpdir(), 'kalint-sweep-'));
writeFileSync(
  join(work, 'lint.mjs'),
  `import { lintText } from '${root}/server/src/linter.js';
import { fsHost } from '${root}/server/src/cli/host.js';
export const lint = (file, text, targetVersion) => lintText(text, { file, host: fsHost, targetVersion, configId: 'x' }).diagnostics;
export const readText = (file) => fsHost.readFile(file);
export { showUnseen } from '${root}/server/src/core/syntax/lookalikes.js';`,
);
await build({ entryPoints: [join(work, 'lint.mjs')], bundle: true, platform: 'node', format: 'cjs', outfile: join(work, 'lint.cjs'), logLevel: 'error' });
const { lint, readText, showUnseen } = (await import(join(work, 'lint.cjs'))).default;
// Loaded: the bundle's folder is not needed any more (each sweep left one in /tmp).
rmSync(work, { recursive: true, force: true });

/**
 * The interface names a config uses: keepalived -t looks them up on the machine, and skips much of
 * its checking of an instance whose interface is missing ("nopreempt will not work with initial
 * state MASTER" is printed only when ens33 exists). Run as root, each config is checked in a network
 * namespace of its own where these names exist (veth pairs, up, no address).
 */
function interfaceNames(text) {
  // eth0: the default interface of a VIP without `dev` (2.0.x stops at "Default interface eth0 doesn't exist").
  const names = new Set(['eth0']);
  // `interface $IF` with `$IF=ens192` (definitions on lines without an @id).
  const defs = new Map([...text.matchAll(/^[ \t]*\$([A-Za-z_][A-Za-z0-9_]*)=(\S+)[ \t]*$/gm)].map((m) => [m[1], m[2]]));
  const expand = (w) => w.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (all, n) => defs.get(n) ?? all);
  let inTrack = false;
  for (const line of text.split('\n')) {
    const words = line.replace(/[#!].*/, '').trim().split(/\s+/).map(expand);
    if (inTrack) {
      if (words[0] === '}') inTrack = false;
      else if (words[0]) names.add(words[0]);
    }
    // garp_group's `interfaces { … }` too: 2.0.19 reports a missing one with a word of the wrong line ("missing a parameter … at word position 2").
    if (/^(?:track_interface|vrrp_track_interface|interfaces)$/.test(words[0]) && words.includes('{')) inTrack = true;
    if (/^(?:interface|lvs_sync_daemon|lvs_sync_daemon_interface|garp_extra_if|vrrp_garp_extra_if|default_interface|vrf)$/.test(words[0]) && words[1]) names.add(words[1]);
    for (let i = 0; i < words.length - 1; i++) if (words[i] === 'dev' || words[i] === 'oif' || words[i] === 'iif') names.add(words[i + 1]);
  }
  return [...names].filter((n) => /^[A-Za-z0-9_.:@-]{1,15}$/.test(n) && n !== 'lo' && !/^kv\d+$/.test(n));
}
const NETNS = process.getuid?.() === 0 && !process.env.NO_NETNS;
const NETNS_SCRIPT = 'b=$1; f=$2; shift 2; ip link set lo up; i=0; for n in "$@"; do ip link add "$n" type veth peer name kv$i 2>/dev/null && ip link set "$n" up && ip link set kv$i up; i=$((i+1)); done; exec "$b" -t -f "$f" -i x';
/**
 * `net_namespace NAME`: keepalived -t reads the VRRP and LVS parts only where that named namespace exists (KA360),
 * so a run as root makes it for the run, with the config's interfaces in it, and removes it after.
 */
const namedNamespace = (text) => /^[ \t]*net_namespace[ \t]+([A-Za-z0-9_.-]{1,64})[ \t]*(?:[#!].*)?$/m.exec(text)?.[1];
function withNamedNamespace(ns, names, run) {
  if (!NETNS || !ns || spawnSync('ip', ['netns', 'add', ns]).status !== 0) return { result: run(), made: false };
  try {
    spawnSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    names.forEach((n, i) => {
      if (spawnSync('ip', ['-n', ns, 'link', 'add', n, 'type', 'veth', 'peer', 'name', `kv${i}`]).status === 0) {
        spawnSync('ip', ['-n', ns, 'link', 'set', n, 'up']);
        spawnSync('ip', ['-n', ns, 'link', 'set', `kv${i}`, 'up']);
      }
    });
    return { result: run(), made: true };
  } finally {
    spawnSync('ip', ['netns', 'del', ns]);
  }
}
const runTest = (binary, path, names) =>
  NETNS
    ? spawnSync('unshare', ['-n', 'sh', '-c', NETNS_SCRIPT, 'sh', binary, basename(path), ...names], { cwd: dirname(path), encoding: 'utf8', timeout: 15000, maxBuffer: 256 * 1024 * 1024 })
    : spawnSync(binary, ['-t', '-f', basename(path), '-i', 'x'], { cwd: dirname(path), encoding: 'utf8', timeout: 15000, maxBuffer: 256 * 1024 * 1024 });

const CRASH_SIGNALS = new Set(['SIGSEGV', 'SIGABRT', 'SIGFPE', 'SIGBUS']);
const SAYS_CRASH = /crash|segmentation fault|SIGFPE|double free|abort|loops? forever|never returns/i;
const stats = new Map(runs.map((r) => [r.version, { configs: 0, messages: 0, matched: 0, wordMisses: 0, accepted: 0, unread: 0, falseErrors: 0, falseErrorConfigs: 0, crashes: 0, unpredicted: 0 }]));
const report = Object.fromEntries(runs.map((r) => [r.version, { misses: [], wordMisses: [], falseErrors: [], crashes: [] }]));
const configs = dirs.flatMap((d) => readdirSync(d).filter((n) => n.endsWith('.conf')).sort().map((n) => resolve(d, n)));
for (const path of configs) {
  // As kalint reads it: a byte that is not UTF-8 is kept as one (see core/syntax/encoding.ts).
  const text = readText(path) ?? '';
  const names = interfaceNames(text);
  for (const { version, binary } of runs) {
    const s = stats.get(version);
    const r = report[version];
    s.configs++;
    const { result: run, made: namespaceMade } = withNamedNamespace(namedNamespace(text), names, () => runTest(binary, path, names));
    const found = lint(path, text, version);
    const lines = new Set(found.map((d) => `${basename(d.file)}:${d.range.start.line + 1}`));
    const lastLine = text.split('\n').length;
    const seen = new Set();
    let located = 0;
    let unlocated = 0;
    /** Lines with a host message: kalint may see the config problem behind one (a track_script naming no vrrp_script). */
    const hostLines = new Set();
    const hostScripts = [];
    const isHost = hostCascade(run.stderr ?? '');
    for (const raw of (run.stderr ?? '').split('\n')) {
      const m = locatedMessage(raw);
      if (!m) {
        // "(VI) Unknown interface!" is an instance with no interface at all once the namespace holds every name the config gives.
        if (raw.trim() && (!HOST.some((h) => h.test(raw)) || (NETNS && /\) Unknown interface!$/.test(raw.trim())))) unlocated++;
        // A vrrp_script whose file is missing here is dropped before keepalived looks at how it is tracked.
        const disabled = /Disabling track script (\S+) since not found/.exec(raw);
        if (disabled) hostScripts.push(`'${disabled[1]}'`);
        continue;
      }
      if (isHost(m.message)) {
        hostLines.add(`${basename(m.file ?? path)}:${m.line}`);
        continue;
      }
      const key = `${basename(m.file ?? path)}:${m.line}`;
      if (seen.has(`${key} ${m.message}`)) continue;
      seen.add(`${key} ${m.message}`);
      located++;
      s.messages++;
      // keepalived's first reading counts a last line without a newline one short (its other processes do not):
      // kalint names the line itself.
      const shortCounted = !text.endsWith('\n') && basename(m.file ?? path) === basename(path) && m.line === lastLine - 1 && lines.has(`${basename(path)}:${lastLine}`);
      // After a line starting '\\#' keepalived's VRRP and checker processes take what follows the '#' for the name of
      // an included file and count lines from there: KA116 on that line names the file their messages give.
      const markedFile = m.file !== undefined && found.some((d) => d.code === 'KA116' && d.message.includes(`named '${m.file}'`));
      if (lines.has(key) || shortCounted || markedFile) {
        s.matched++;
        // "Unknown keyword 'W'" matched by a finding about another word reads the line differently: a finding there
        // quotes W (its hidden characters shown). Not at a line that expands ($NAME, ~SEQ), nor for a '}'.
        const word = /^Unknown keyword '(.*)'$/.exec(m.message)?.[1];
        const fileText = m.file === undefined || basename(m.file) === basename(path) ? text : undefined;
        const lineText = fileText?.split('\n')[m.line - 1] ?? '$';
        // (A word of a file that is not UTF-8 comes out of keepalived as bytes this reading cannot compare.)
        if (word !== undefined && word !== '}' && !word.includes('\ufffd') && !/[$~]/.test(lineText)) {
          const at = (d) => `${basename(d.file)}:${d.range.start.line + 1}`;
          const here = found.filter((d) => at(d) === key || (shortCounted && at(d) === `${basename(path)}:${lastLine}`));
          if (!here.some((d) => d.message.includes(`'${word}'`) || d.message.includes(`'${showUnseen(word)}'`) || d.message.includes('more like it from the lines'))) {
            s.wordMisses++;
            r.wordMisses.push(`${path}:${m.line}: ${m.message} / ${here.map((d) => d.code).join(',')}`);
          }
        }
      } else r.misses.push(`${path}${m.file ? ` (${m.file})` : ''}:${m.line}: ${m.message}`);
    }
    const hung = run.error?.code === 'ETIMEDOUT';
    // 2.2.5 to 2.2.7's -t sends itself SIGTERM when it checks a script that runs as another user (KA608, KA603) and
    // checks nothing after it: no verdict on the rest of the config, counted with the crashes.
    const terminated = run.signal === 'SIGTERM' && !run.error;
    if (terminated) {
      s.crashes++;
      if (!found.some((d) => d.code === 'KA608' || d.code === 'KA603')) {
        s.unpredicted++;
        r.crashes.push(`${path} (SIGTERM)`);
      }
    } else if (hung || CRASH_SIGNALS.has(run.signal)) {
      s.crashes++;
      // 2.0.x and 2.1.x crash under -t after removing a MISC_CHECK whose script user this machine lacks
      // ("Unable to set default user for misc script … - removing"): the host's users, not the config.
      // From 2.2.8 a track_file whose file's directory is not on this machine is dropped as it is read ("realpath()
      // error … for NAME"), and the lookup of NAME that follows is the one -t loops or crashes on (KA315): the host again.
      const hostCaused = /Unable to set default user for misc script|Error setting global script uid\/gid|realpath\(\) error \d+ .* for \S+$/m.test(run.stderr ?? '');
      // A template kalint refuses to read (KA108): keepalived's verdict on the unrendered text means nothing, as in
      // the fuzzers' classifier (2.0.10 crashes on one whose `${VAR:-default}` words it reads as written).
      const template = found.some((d) => d.code === 'KA108');
      if (!hostCaused && !template && !found.some((d) => SAYS_CRASH.test(d.message))) {
        s.unpredicted++;
        r.crashes.push(`${path} (${hung ? 'hang' : run.signal})`);
      }
    } else if (!namespaceMade && found.some((d) => d.code === 'KA360')) {
      // net_namespace: -t stops before the VRRP and LVS parts where the namespace does not exist (KA360).
      s.unread++;
    } else if (located === 0 && unlocated === 0) {
      s.accepted++;
      const errors = found.filter((d) => d.severity === 'error' && !CANNOT_SEE.test(d.message) && !hostLines.has(`${basename(d.file)}:${d.range.start.line + 1}`) && !hostScripts.some((n) => d.message.includes(n)));
      if (errors.length) {
        s.falseErrors += errors.length;
        s.falseErrorConfigs++;
        for (const d of errors) r.falseErrors.push(`${d.file}:${d.range.start.line + 1}: ${d.code} ${d.message}`);
      }
    }
  }
}
writeFileSync(out, JSON.stringify(report, null, 1));
console.log(`${configs.length} configs x ${runs.length} releases${NETNS ? ', each in a network namespace with its interfaces' : ''} (details: ${out}); configs with net_namespace${NETNS ? ' run with that namespace made for them' : ', which -t does not read (KA360), are not counted as accepted'}`);
console.log('release  configs  matched/located   accepted  false errors (configs)  crashes  unpredicted  word misses');
for (const [v, s] of stats) {
  console.log(
    `${v.padEnd(8)} ${String(s.configs).padStart(7)}  ${`${s.matched}/${s.messages}`.padStart(15)}  ${String(s.accepted).padStart(8)}  ${`${s.falseErrors} (${s.falseErrorConfigs})`.padStart(20)}  ${String(s.crashes).padStart(7)}  ${String(s.unpredicted).padStart(11)}  ${String(s.wordMisses).padStart(11)}`,
  );
}
