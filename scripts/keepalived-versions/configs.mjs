// Whole configs against one keepalived release: every located message `BINARY -t` prints for a
// config (host-dependent ones left out) must have a kalint finding on the same file and line with
// `--target-version VERSION`. Prints the agreement, the misses and the configs the release crashes on.
// Usage: node configs.mjs BINARY VERSION DIR...   (build kalint first: node scripts/build.mjs)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostCascade, locatedMessage } from './messages.mjs';
import { hasLongLine, linesCountingPieces } from './line-count.mjs';

const kalint = join(dirname(fileURLToPath(import.meta.url)), '../../bin/kalint.js');
const [binary, version, ...dirs] = process.argv.slice(2);
if (!binary || !version || !dirs.length) {
  console.error('usage: node configs.mjs BINARY VERSION DIR...');
  process.exit(2);
}

let files = 0;
let messages = 0;
let matched = 0;
const misses = [];
const crashes = [];
for (const dir of dirs) {
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.conf')).sort()) {
    files++;
    const run = spawnSync(binary, ['-t', '-f', f, '-i', 'x'], { cwd: dir, encoding: 'utf8', timeout: 30000, maxBuffer: 256 * 1024 * 1024 });
    if (run.signal) crashes.push(`${join(dir, f)} (${run.signal})`);
    const lint = spawnSync(process.execPath, [kalint, 'lint', '--target-version', version, '--format', 'json', f], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
    let found;
    try {
      found = JSON.parse(lint.stdout);
    } catch {
      console.log(`kalint gave no JSON for ${join(dir, f)}: ${lint.stderr.slice(0, 200)}`);
      continue;
    }
    const lines = new Set(found.map((d) => `${basename(d.file)}:${d.line}`));
    const seen = new Set();
    const isHost = hostCascade(run.stderr ?? '');
    // keepalived counts the last line one short when the file does not end in a newline (2.2.x: the parent,
    // "(Line 28) Unknown keyword 'q'" for line 29, its other processes "(FILE: Line 29)"; 2.1.5: every process).
    const text = readFileSync(join(dir, f), 'latin1');
    const lastLine = text.split('\n').length;
    const unterminated = text.length > 0 && !text.endsWith('\n');
    // After a line keepalived reads in pieces, its processes that count each piece name later lines too high.
    const lineBytes = text.split('\n').map((l) => l.length); // (read as latin1: a character a byte)
    const piecesCounted = hasLongLine(lineBytes);
    for (const raw of (run.stderr ?? '').split('\n')) {
      const m = locatedMessage(raw);
      if (!m || isHost(m.message)) continue;
      const line = basename(m.file ?? f) === f && unterminated && m.line === lastLine - 1 && !lines.has(`${f}:${m.line}`) ? lastLine : m.line;
      const key = `${basename(m.file ?? f)}:${line}`;
      if (seen.has(`${key} ${m.message}`)) continue;
      seen.add(`${key} ${m.message}`);
      messages++;
      const shifted = basename(m.file ?? f) === f && piecesCounted ? linesCountingPieces(lineBytes, m.line) : [];
      if (lines.has(key) || shifted.some((l) => lines.has(`${f}:${l}`))) matched++;
      else misses.push(`${join(dir, f)}${m.file ? ` (${m.file})` : ''}:${m.line}: ${m.message}`);
    }
  }
}
console.log(`keepalived ${version}: ${files} configs, ${matched}/${messages} located messages matched by kalint, ${crashes.length} crashes`);
for (const m of misses) console.log(`  miss ${m}`);
for (const c of crashes) console.log(`  crash ${c}`);
