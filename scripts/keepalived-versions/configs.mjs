// Whole configs against one keepalived release: every located message `BINARY -t` prints for a
// config (host-dependent ones left out) must have a kalint finding on the same file and line with
// `--target-version VERSION`. Prints the agreement, the misses and the configs the release crashes on.
// Usage: node configs.mjs BINARY VERSION DIR...   (build kalint first: node scripts/build.mjs)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const kalint = join(dirname(fileURLToPath(import.meta.url)), '../../bin/kalint.js');
const [binary, version, ...dirs] = process.argv.slice(2);
if (!binary || !version || !dirs.length) {
  console.error('usage: node configs.mjs BINARY VERSION DIR...');
  process.exit(2);
}
/** Messages about the machine keepalived runs on (interfaces, users, script files, DNS), not the config. */
const HOST = [
  /interface .* doesn't exist|Non-existent interface|Unknown interface|cannot use a loopback interface|Cannot find an IP address to use for interface|does not support multicast/,
  /Disabling track script .* since not found|track script .* not found, ignoring/,
  /not (?:executable|accessible)|cannot be accessed|No such file or directory|Permission denied|SECURITY VIOLATION/i,
  /Unable to set default user|Invalid user|uid\/gid|user .* (?:not found|does not exist)/i,
  /not supported by (?:the )?kernel|track file .* (?:directory|filesystem)/i,
  /Invalid smtp server/,
];
const LOCATED = /^\((?:(.*?): )?Line (\d+)\) (.*)$/;
/** Before 2.1 keepalived located a line of an included file as "(FILE:N) message". */
const LOCATED_BEFORE_2_1 = /^\(([^()\s]+):(\d+)\) (.*)$/;

let files = 0;
let messages = 0;
let matched = 0;
const misses = [];
const crashes = [];
for (const dir of dirs) {
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.conf')).sort()) {
    files++;
    const run = spawnSync(binary, ['-t', '-f', f, '-i', 'x'], { cwd: dir, encoding: 'utf8', timeout: 30000 });
    if (run.signal) crashes.push(`${join(dir, f)} (${run.signal})`);
    const lint = spawnSync(process.execPath, [kalint, 'lint', '--target-version', version, '--format', 'json', f], { cwd: dir, encoding: 'utf8' });
    let found;
    try {
      found = JSON.parse(lint.stdout);
    } catch {
      console.log(`kalint gave no JSON for ${join(dir, f)}: ${lint.stderr.slice(0, 200)}`);
      continue;
    }
    const lines = new Set(found.map((d) => `${basename(d.file)}:${d.line}`));
    const seen = new Set();
    for (const raw of (run.stderr ?? '').split('\n')) {
      const m = LOCATED.exec(raw.trim()) ?? LOCATED_BEFORE_2_1.exec(raw.trim());
      if (!m || HOST.some((h) => h.test(m[3]))) continue;
      const key = `${basename(m[1] ?? f)}:${m[2]}`;
      if (seen.has(`${key} ${m[3]}`)) continue;
      seen.add(`${key} ${m[3]}`);
      messages++;
      if (lines.has(key)) matched++;
      else misses.push(`${join(dir, f)}${m[1] ? ` (${m[1]})` : ''}:${m[2]}: ${m[3]}`);
    }
  }
}
console.log(`keepalived ${version}: ${files} configs, ${matched}/${messages} located messages matched by kalint, ${crashes.length} crashes`);
for (const m of misses) console.log(`  miss ${m}`);
for (const c of crashes) console.log(`  crash ${c}`);
