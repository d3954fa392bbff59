// Runs the real keepalived binary in config-test mode (`keepalived -t`) on texts written to a
// throw-away directory, and splits what it prints into located messages. keepalived is the oracle
// the schema tests compare kalint against.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { encodeText } from '../../server/src/core/syntax/encoding.js';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseKeepalivedStderr } from '../../scripts/keepalived-output.js';

export interface KeepalivedMessage {
  /**
   * The file the message is about, as keepalived names it (relative to the run directory, e.g.
   * `keepalived.conf` or `sub/inc.conf`). keepalived omits the name while only the main file has
   * been read; such messages get the main file's name here. Undefined for load-time messages that
   * carry no location.
   */
  file?: string;
  /** 1-based line number, when keepalived gave one. */
  line?: number;
  message: string;
}

export interface KeepalivedRun {
  /** Exit status of `keepalived -t` (0 clean, 2 stopped early on a missing parameter, 4/5/6 errors; -1 when killed). */
  exitStatus: number;
  /** The signal that killed keepalived (only from runKeepalivedAsync, e.g. SIGSEGV: 2.2.7 crashes on some lines). */
  signal?: string;
  messages: KeepalivedMessage[];
  /** Everything printed on stderr, unparsed. */
  stderr: string;
}

export interface RunOptions {
  /** Extra files, by path relative to the main config's directory (for `include`). */
  files?: Record<string, string>;
  /** Value for `-i`, which selects `@id` lines. Default `kalint`. */
  configId?: string;
  /** Name of the main config file. Default `keepalived.conf`. */
  mainFile?: string;
  /** How long keepalived may run before it is killed (runKeepalivedAsync reports the signal). Default 30 s. */
  timeoutMs?: number;
}

// $KEEPALIVED names the binary; otherwise PATH, then the sbin directories a non-root PATH often lacks.
const CANDIDATES = [process.env.KEEPALIVED, 'keepalived', '/usr/sbin/keepalived', '/usr/local/sbin/keepalived'].filter((c): c is string => !!c);

let binary: string | null | undefined;
let version: string | undefined;

function findBinary(): string | undefined {
  if (binary === undefined) {
    binary = null;
    for (const candidate of CANDIDATES) {
      const r = spawnSync(candidate, ['-v'], { encoding: 'utf8', timeout: 10_000 });
      const m = r.error ? null : /Keepalived v(\d+\.\d+\.\d+)/.exec(`${r.stdout}${r.stderr}`);
      if (m) {
        binary = candidate;
        version = m[1];
        break;
      }
    }
  }
  return binary ?? undefined;
}

/** Whether a keepalived binary can be run here. */
export function keepalivedAvailable(): boolean {
  return findBinary() !== undefined;
}

/** The version keepalived reports, e.g. `2.2.7`, or undefined when it cannot be run. */
export function keepalivedVersion(): string | undefined {
  findBinary();
  return version;
}

/** keepalived's stderr as messages, one a line; messages without a file name are the main file's. */
export function parseKeepalivedOutput(stderr: string, mainFile = 'keepalived.conf'): KeepalivedMessage[] {
  return parseKeepalivedStderr(stderr).map((m) => (m.line !== undefined ? { file: m.file ?? mainFile, line: m.line, message: m.message } : { message: m.message }));
}

/**
 * Writes `text` (and `files`) to a fresh temporary directory and runs
 * `keepalived -t -f keepalived.conf -i ID` there. Throws when the binary cannot be started.
 */
export function runKeepalived(text: string, options: RunOptions = {}): KeepalivedRun {
  const mainFile = options.mainFile ?? 'keepalived.conf';
  const dir = mkdtempSync(join(tmpdir(), 'kalint-ka-'));
  try {
    const write = (rel: string, content: string) => {
      const full = join(dir, rel);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, encodeText(content)); // (bytes that are not UTF-8 written as the bytes: see encoding.ts)
    };
    write(mainFile, text);
    for (const [rel, content] of Object.entries(options.files ?? {})) write(rel, content);
    const bin = findBinary();
    if (!bin) throw new Error('keepalived is not installed (set $KEEPALIVED to its path)');
    const r = spawnSync(bin, ['-t', '-f', mainFile, '-i', options.configId ?? 'kalint'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: options.timeoutMs ?? 30_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw new Error(`cannot run ${bin}: ${r.error.message}`);
    if (r.status === null) throw new Error(`${bin} was killed by ${r.signal ?? 'a signal'}`);
    return { exitStatus: r.status, messages: parseKeepalivedOutput(r.stderr, mainFile), stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * runKeepalived without blocking: several can run at once (for tests that make hundreds of runs).
 * A keepalived killed by a signal is a result here (`signal`), not an error.
 */
export function runKeepalivedAsync(text: string, options: RunOptions = {}): Promise<KeepalivedRun> {
  const mainFile = options.mainFile ?? 'keepalived.conf';
  const bin = findBinary();
  if (!bin) return Promise.reject(new Error('keepalived is not installed (set $KEEPALIVED to its path)'));
  const dir = mkdtempSync(join(tmpdir(), 'kalint-ka-'));
  writeFileSync(join(dir, mainFile), encodeText(text));
  for (const [rel, content] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), encodeText(content));
  }
  return new Promise<KeepalivedRun>((resolve, reject) => {
    const child = spawn(bin, ['-t', '-f', mainFile, '-i', options.configId ?? 'kalint'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: options.timeoutMs ?? 30_000 });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (e) => reject(new Error(`cannot run ${bin}: ${e.message}`)));
    child.on('close', (status, signal) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ exitStatus: status ?? -1, signal: signal ?? undefined, messages: parseKeepalivedOutput(stderr, mainFile), stderr });
    });
  });
}
