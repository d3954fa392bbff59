// The daemon probe of keywords.json `daemon_reads_leading` (see scripts/daemon-probes/invalid-numbers.ts):
// every integer argument of the 2.2.7 table written as its sample number with an 'x' after it, read by the
// keepalived daemon (not -t) in a network namespace; what it logged at each line says whether it uses the number.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArgSpec, KeywordSpec } from '../../server/src/core/schema/schema.js';
import { behindMissingFeature, ConfigText, inContext, Names, numberSample, sampleArgs, sampleWord, TARGET, type Role } from './placement.js';

const INTEGRAL = new Set(['unsigned', 'integer', 'port', 'enum_or_unsigned']);

export interface DaemonProbeResult {
  id: string;
  arg: number;
  name: string;
  word: string;
  /** 'daemon-uses': "WARNING - invalid number" (the daemon goes on with the number); 'rejected': "invalid number" alone; 'other': neither. */
  verdict: 'daemon-uses' | 'rejected' | 'other';
  messages: string[];
}

interface Probe {
  spec: KeywordSpec;
  argIndex: number;
  word: string;
}

function probeWord(arg: ArgSpec): string {
  const n = arg.type === 'port' ? '80' : numberSample({ ...arg, type: 'unsigned' });
  return `${n}x`;
}

/** Whether this process may make network namespaces with a veth pair in them (root with CAP_NET_ADMIN, the ip tool, the veth driver). */
export function canMakeNamespaces(): boolean {
  const ns = `kcheck${process.pid}`;
  let made = false;
  try {
    execFileSync('ip', ['netns', 'add', ns], { stdio: 'ignore' });
    made = true;
    execFileSync('ip', ['-n', ns, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0x'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    if (made) execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
  }
}

export async function runDaemonProbe(keepalived = 'keepalived', options: { keep?: boolean } = {}): Promise<{ config: string; log: string; probes: DaemonProbeResult[] }> {
  const probes: Probe[] = [];
  for (const spec of TARGET) {
    if (behindMissingFeature(spec) || spec.deprecated || spec.block) continue;
    spec.args.forEach((arg, argIndex) => {
      if (INTEGRAL.has(arg.type) && !arg.repeat) probes.push({ spec, argIndex, word: probeWord(arg) });
    });
  }

  // One block copy per probe, so that no keyword is repeated in a block.
  const out = new ConfigText();
  const names = new Names();
  const lineOf = new Map<number, Probe>();
  for (const p of probes) {
    inContext(out, p.spec.parent, names, new Set([p.spec.name]), (indent) => {
      const args = sampleArgs(p.spec, names);
      while (args.length <= p.argIndex) args.push(sampleWord(p.spec.args[args.length]!, names) ?? '1');
      args[p.argIndex] = p.word;
      out.add(`${indent}${[p.spec.name, ...args].join(' ')}`, { kind: 'valid', spec: p.spec } as Role);
      lineOf.set(out.lines.length, p);
    });
  }

  const { config, log, text } = await runDaemon(out.text, keepalived, { keep: options.keep });
  const said = new Map<number, string[]>();
  for (const m of text.matchAll(/\((?:[^:()]*: )?Line (\d+)\) (.*)/g)) {
    const line = Number(m[1]);
    said.set(line, [...(said.get(line) ?? []), m[2]!]);
  }
  const result: DaemonProbeResult[] = [...lineOf].map(([line, p]) => {
    const msgs = said.get(line) ?? [];
    const verdict = msgs.some((m) => m.startsWith(`WARNING - invalid number '${p.word}'`)) ? 'daemon-uses' : msgs.some((m) => m.includes(`invalid number '${p.word}'`)) ? 'rejected' : 'other';
    return { id: p.spec.id, arg: p.argIndex, name: p.spec.args[p.argIndex]!.name, word: p.word, verdict, messages: msgs };
  });
  return { config, log, probes: result };
}

/**
 * Runs the keepalived daemon (not -t) on `configText` in a network namespace of its own holding eth0,
 * for `seconds`; with `dump`, asks it for its data dump (SIGUSR1: /tmp/keepalived.data) first. Its folder (the
 * config and the log) is removed afterwards unless `keep` asks to look at it (the by-hand probes do).
 */
export async function runDaemon(configText: string, keepalived = 'keepalived', options: { seconds?: number; dump?: boolean; keep?: boolean } = {}): Promise<{ config: string; log: string; text: string; dump: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kalint-daemon-probe-'));
  const config = join(dir, 'keepalived.conf');
  writeFileSync(config, configText);
  const ns = `kprobe${process.pid}${Math.floor(Math.random() * 1e6)}`;
  const ip = (...a: string[]) => execFileSync('ip', a, { stdio: 'ignore' });
  ip('netns', 'add', ns);
  try {
    // No dummy driver on every host: a veth pair whose other end stays in the namespace.
    ip('-n', ns, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0x');
    ip('-n', ns, 'link', 'set', 'eth0', 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    const log = join(dir, 'daemon.log');
    // A process group of its own (`ip netns exec` becomes keepalived): its VRRP and checker children can be ended
    // with it, and while any of them lives it holds our pipes open.
    const run = spawn('ip', ['netns', 'exec', ns, keepalived, '-n', '-l', '-D', '-f', config, '-p', join(dir, 'k.pid'), '-r', join(dir, 'v.pid'), '-c', join(dir, 'c.pid'), '-b', join(dir, 'b.pid')], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let text = '';
    run.stdout.on('data', (d) => (text += d));
    run.stderr.on('data', (d) => (text += d));
    const closed = new Promise((r) => run.on('close', r));
    const exited = new Promise((r) => run.on('exit', r));
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const readPid = (): number => {
      try {
        return Number(readFileSync(join(dir, 'k.pid'), 'utf8').trim()) || 0;
      } catch {
        return 0;
      }
    };
    // The time to read the configuration counts from the pid file (a loaded host may take seconds to get there).
    for (let waited = 0; waited < 20_000 && run.exitCode === null && readPid() === 0; waited += 100) await sleep(100);
    await sleep((options.seconds ?? 3) * 1000);
    // The daemon may have ended already (an empty pid file): never signal pid 0, our own process group.
    const pid = readPid();
    const signal = (sig: NodeJS.Signals): boolean => {
      try {
        if (pid > 0) process.kill(pid, sig);
        return pid > 0;
      } catch {
        return false;
      }
    };
    let dump = '';
    if (options.dump && signal('SIGUSR1')) {
      await new Promise((r) => setTimeout(r, 1000));
      try {
        dump = readFileSync('/tmp/keepalived.data', 'utf8');
      } catch {
        dump = '';
      }
    }
    const group = (sig: NodeJS.Signals): void => {
      try {
        if (run.pid) process.kill(-run.pid, sig);
      } catch {
        // already gone
      }
    };
    if (!signal('SIGTERM')) group('SIGTERM');
    // Bounded waits: a daemon that does not end, or children left holding the pipes, are killed with their group.
    if ((await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)])) === false) group('SIGKILL');
    if ((await Promise.race([closed.then(() => true), sleep(5_000).then(() => false)])) === false) {
      group('SIGKILL');
      run.stdout.destroy();
      run.stderr.destroy();
    }
    writeFileSync(log, text);
    return { config, log, text, dump };
  } finally {
    ip('netns', 'del', ns);
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}
