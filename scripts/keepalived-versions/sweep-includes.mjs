// Multi-file setups (a main config and the files it includes) against every keepalived release build, as
// sweep.mjs does for single files. A setup's absolute includes are kept as written: its files for
// `/etc/keepalived/conf.d/*.conf` sit under SETUP/etc/keepalived/conf.d/, and each run (as root) sees SETUP/etc/X
// on /etc/X, in a mount namespace over an overlay of /etc (nothing on the host changes), with the config's
// interfaces in a network namespace of its own. kalint lints the main file through the CLI with the same
// folders as pathMappings (a .kalint.json written into the setup).
//
// Counts per release: located messages matched by a finding on the same file (by name) and line (releases
// before 2.0.x name no file: any file's line matches), setups accepted cleanly and the error findings on them,
// crashes.
// Usage: node sweep-includes.mjs [--only 2.0.19,2.2.7] ROOT
//   ROOT/manifest.tsv: a header, then one row per setup: `dir<TAB>repository<TAB>main…` (main: the path of the
//   main file in its repository; its name is looked up in ROOT/dir, or in ROOT/dir/node1, node2… for pairs).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOST, hostCascade, locatedMessage } from './messages.mjs';
import { releaseBuilds } from './builds.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const at = args.indexOf('--only');
const only = at >= 0 ? args.splice(at, 2)[1].split(',') : undefined;
const [setups] = args;
if (!setups || process.getuid?.() !== 0) {
  console.error('usage (as root): node sweep-includes.mjs [--only V,V] ROOT');
  process.exit(2);
}

const runs = releaseBuilds(only);

const rows = readFileSync(join(setups, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const mains = [];
for (const [dir, , main] of rows) {
  const name = /\.(conf|cfg)$/.test(main) ? basename(main) : 'keepalived.conf';
  const nodes = readdirSync(join(setups, dir)).filter((n) => /^node\d+$/.test(n));
  for (const sub of nodes.length ? nodes : ['']) {
    const path = join(setups, dir, sub, name);
    if (existsSync(path)) mains.push({ setup: join(setups, dir, sub), main: path });
  }
}

const filesUnder = (d) => readdirSync(d, { recursive: true }).map((f) => join(d, f)).filter((f) => statSync(f).isFile());
const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
const CANNOT_SEE = /not reported by keepalived -t|-t does not report|accepts it without a word/;
const scratch = mkdtempSync(join(tmpdir(), 'kalint-sweep-includes-'));
const stats = new Map(runs.map((r) => [r.version, { setups: 0, located: 0, matched: 0, accepted: 0, falseErrors: 0, crashes: 0 }]));
const notes = [];
for (const { setup, main } of mains) {
  const etc = join(setup, 'etc');
  const mapped = existsSync(etc) ? readdirSync(etc) : [];
  writeFileSync(join(setup, '.kalint.json'), JSON.stringify({ pathMappings: Object.fromEntries(mapped.map((x) => [`/etc/${x}`, `etc/${x}`])) }));
  const names = new Set(['eth0']);
  for (const f of filesUnder(setup)) {
    for (const m of readFileSync(f, 'latin1').matchAll(/^[ \t]*(?:interface|lvs_sync_daemon_interface|lvs_sync_daemon)[ \t]+(\S+)/gm)) if (/^[A-Za-z0-9_.@-]{1,15}$/.test(m[1])) names.add(m[1]);
  }
  for (const { version, binary } of runs) {
    const upper = mkdtempSync(join(scratch, 'o-'));
    const script = [
      'set -e',
      'mount --make-rprivate /',
      `mkdir ${quote(upper)}/u ${quote(upper)}/w`,
      `mount -t overlay overlay -o lowerdir=/etc,upperdir=${quote(upper)}/u,workdir=${quote(upper)}/w /etc`,
      ...mapped.map((x) => `mkdir -p /etc/${quote(x)} && mount --bind ${quote(join(etc, x))} /etc/${quote(x)}`),
      'ip link set lo up',
      ...[...names].map((n, i) => `ip link add ${quote(n)} type veth peer name kv${i} 2>/dev/null && ip link set ${quote(n)} up && ip link set kv${i} up || true`),
      `cd ${quote(dirname(main))}`,
      `exec ${quote(binary)} -t -f ${quote(basename(main))} -i x`,
    ].join('\n');
    const run = spawnSync('unshare', ['-m', '-n', 'sh', '-c', script], { encoding: 'utf8', timeout: 20000, maxBuffer: 64 * 1024 * 1024 });
    rmSync(upper, { recursive: true, force: true });
    const lint = spawnSync(process.execPath, [join(root, 'dist/kalint.js'), 'lint', '-f', 'json', '--target-version', version, '--config-id', 'x', main], { encoding: 'utf8', cwd: setup, maxBuffer: 64 * 1024 * 1024 });
    let found = [];
    try {
      found = JSON.parse(lint.stdout);
    } catch {
      notes.push(`${version} kalint failed on ${main}: ${lint.stderr.slice(0, 300)}`);
    }
    const byFileLine = new Set(found.map((d) => `${basename(d.file)}:${d.line}`));
    const byLine = new Set(found.map((d) => d.line));
    const isHost = hostCascade(run.stderr ?? '');
    const s = stats.get(version);
    s.setups++;
    let located = 0;
    let unlocated = 0;
    const seen = new Set();
    for (const raw of (run.stderr ?? '').split('\n')) {
      const m = locatedMessage(raw);
      if (!m) {
        if (raw.trim() && !HOST.some((h) => h.test(raw))) unlocated++;
        continue;
      }
      if (isHost(m.message)) continue;
      const key = `${m.file ?? ''}:${m.line} ${m.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      located++;
      s.located++;
      if (m.file ? byFileLine.has(`${basename(m.file)}:${m.line}`) : byLine.has(m.line)) s.matched++;
      else notes.push(`${version} miss ${main}${m.file ? ` (${m.file})` : ''}:${m.line}: ${m.message}`);
    }
    if (run.signal || run.error) {
      s.crashes++;
      notes.push(`${version} crash ${main}: ${run.signal ?? run.error?.code}`);
    } else if (!located && !unlocated) {
      s.accepted++;
      for (const d of found.filter((d) => d.severity === 'error' && !CANNOT_SEE.test(d.message))) {
        s.falseErrors++;
        notes.push(`${version} false error ${d.file}:${d.line}: ${d.code} ${d.message}`);
      }
    }
  }
}
rmSync(scratch, { recursive: true, force: true });
console.log(`${mains.length} main files of ${rows.length} setups x ${runs.length} releases`);
console.log('release  setups  matched/located  accepted  false errors  crashes');
for (const [v, s] of stats) console.log(`${v.padEnd(7)}  ${String(s.setups).padStart(6)}  ${`${s.matched}/${s.located}`.padStart(15)}  ${String(s.accepted).padStart(8)}  ${String(s.falseErrors).padStart(12)}  ${String(s.crashes).padStart(7)}`);
if (notes.length) console.log(notes.join('\n'));
