// keepalived builds of other releases (built from their tags, scripts/keepalived-versions/README.md),
// for tests that check a version fact against the release itself. A build is found under each
// prefix of $KA_BUILDS (colon-separated, default `/tmp/ka`) as PREFIXV/keepalived/keepalived, or, for
// 2.2.7, as the installed keepalived; its `-v` must name the release. Tests skip a release without one.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseKeepalivedOutput, type KeepalivedMessage } from './keepalived.js';

const found = new Map<string, string | undefined>();

function versionOf(binary: string): string | undefined {
  const r = spawnSync(binary, ['-v'], { encoding: 'utf8', timeout: 10_000 });
  return r.error ? undefined : /Keepalived v(\d+\.\d+\.\d+)/.exec(`${r.stdout}${r.stderr}`)?.[1];
}

/** The path of a build of keepalived `version` on this machine, or undefined. */
export function releaseBinary(version: string): string | undefined {
  if (found.has(version)) return found.get(version);
  const prefixes = (process.env.KA_BUILDS ?? '/tmp/ka').split(':').filter(Boolean);
  const candidates = prefixes.map((p) => `${p}${version}/keepalived/keepalived`);
  if (version === '2.2.7') candidates.push(process.env.KEEPALIVED ?? '/usr/sbin/keepalived');
  const binary = candidates.find((c) => existsSync(c) && versionOf(c) === version);
  found.set(version, binary);
  return binary;
}

export interface ReleaseRun {
  /** Exit status, or -1 when a signal ended the run. */
  exitStatus: number;
  /** The signal that ended it (SIGSEGV: a crash). */
  signal?: string;
  messages: KeepalivedMessage[];
  stderr: string;
}

/** `BINARY -t -f keepalived.conf -i x` on `text` in a throw-away directory. */
export function runRelease(binary: string, text: string): ReleaseRun {
  const dir = mkdtempSync(join(tmpdir(), 'kalint-release-'));
  try {
    writeFileSync(join(dir, 'keepalived.conf'), text);
    const r = spawnSync(binary, ['-t', '-f', 'keepalived.conf', '-i', 'x'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    if (r.error) throw new Error(`cannot run ${binary}: ${r.error.message}`);
    return { exitStatus: r.status ?? -1, signal: r.signal ?? undefined, messages: parseKeepalivedOutput(r.stderr), stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
