#!/usr/bin/env node
// Live oracle for kalint's failover simulation: runs the nodes of one cluster as real keepalived
// daemons, each in its own network namespace on a shared bridge, lets them elect, injects each
// failure the simulation names (a tracked script failing, a tracked interface going down, a node
// stopping) and compares who holds each instance's VIPs with kalint's prediction.
// Run by hand as root: node scripts/cluster-live/run.mjs [--out DIR] a.conf b.conf [c.conf]
// See README.md next to this file.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { verdict } from './compare.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const KEEPALIVED = process.env.KEEPALIVED ?? '/usr/sbin/keepalived';

const args = process.argv.slice(2);
let outDir = '/tmp/cluster-live';
let only;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') outDir = args[++i];
  else if (args[i] === '--only') only = args[++i];
  else files.push(resolve(args[i]));
}
if (files.length < 2 || files.length > 3) {
  console.error('usage: run.mjs [--out DIR] [--only SCENARIO-SUBSTRING] a.conf b.conf [c.conf]');
  process.exit(2);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function sh(cmd, argv, allowFail = false) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0 && !allowFail) throw new Error(`${cmd} ${argv.join(' ')}: ${r.stderr.trim()}`);
  return r;
}
const ip = (...a) => sh('ip', a);
const ipTry = (...a) => sh('ip', a, true);

// ---------- kalint's prediction ----------
function predict() {
  const bundle = join(outDir, '.predict.cjs');
  if (!existsSync(bundle) || process.env.REBUILD) {
    mkdirSync(outDir, { recursive: true });
    sh(join(root, 'node_modules/.bin/esbuild'), [join(here, 'predict.ts'), '--bundle', '--platform=node', '--format=cjs', `--outfile=${bundle}`, '--log-level=error']);
  }
  return JSON.parse(sh('node', [bundle, ...files]).stdout);
}

const pred = predict();
const runId = `kl${process.pid % 100000}`;
const work = join(outDir, runId);
const hub = `${runId}h`;
const nsOf = (i) => `${runId}n${i}`;
const isV6 = (a) => a.includes(':');
const procs = [];
const made = [];

function result(extra) {
  const out = { files, labels: pred.labels, codes: [...new Set(pred.diagnostics.map((d) => d.code))], ...extra };
  mkdirSync(outDir, { recursive: true });
  const name = files.map((f) => f.split('/').slice(-2).join('+')).join('__').replace(/[^A-Za-z0-9_.+-]/g, '_').slice(0, 200);
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify(out, null, 1));
  return out;
}

// ---------- what can be run ----------
const nodes = pred.nodes;
const skipWhy = [];
if (nodes.some((n) => n.includes)) skipWhy.push('include lines');
if (!pred.groups.length) skipWhy.push('no instance shared by two nodes');
// The k-th VRRP interface of every node goes on bridge k (nodes often name their links apart).
const vrrpIfaces = nodes.map((n) => [...new Set(n.instances.map((i) => i.interface).filter(Boolean))]);
const otherIfaces = nodes.map((n, i) => [...new Set(n.instances.flatMap((x) => [...x.trackInterfaces, ...x.vipDevs]))].filter((x) => !vrrpIfaces[i].includes(x)));
for (const list of [...vrrpIfaces, ...otherIfaces]) for (const name of list) if (name.length > 15 || !/^[A-Za-z0-9_.:@-]+$/.test(name)) skipWhy.push(`interface name ${name}`);
for (const g of pred.groups) for (const m of g.members) if (!nodes[m.node].instances.find((x) => x.name === m.instance)?.vips.some((v) => isIP(v))) skipWhy.push(`${m.instance} has no VIP to watch`);
if (skipWhy.length) {
  const r = result({ skipped: [...new Set(skipWhy)] });
  console.log(`SKIP ${pred.labels.join(' ')}: ${r.skipped.join('; ')}`);
  process.exit(0);
}

// ---------- configs as run ----------
function userExists(u) {
  return sh('id', [u], true).status === 0;
}
function rewrite(n, i) {
  const text = readFileSync(files[i], 'utf8');
  const edits = [];
  const dir = join(work, `node${i}`);
  for (const s of n.scripts) {
    if (s.scriptLine) edits.push({ ...s.scriptLine, text: `script "/usr/bin/test -f ${dir}/${s.name}.ok"` });
    if (s.userLine && !userExists(s.userLine.user)) edits.push({ ...s.userLine, text: 'user root  # (cluster-live) no such user here' });
  }
  // A script user this host lacks makes keepalived remove the scripts (with
  // enable_script_security, also the default keepalived_script): run them as root here.
  const userLine = n.globalLines.find((g) => g.keyword === 'script_user');
  const security = n.globalLines.find((g) => g.keyword === 'enable_script_security');
  if (userLine && !userExists(userLine.arg)) edits.push({ start: userLine.start, end: userLine.end, text: 'script_user root  # (cluster-live) no such user here' });
  else if (!userLine && security && !userExists('keepalived_script')) edits.push({ start: security.start, end: security.end, text: 'enable_script_security\n    script_user root  # (cluster-live) no keepalived_script user here' });
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

// Addresses each node must own, on the interface of the instance that uses them: its source
// addresses, and for an instance without one, what the other nodes' instance of the same VRID
// lists as peers (and is not their own).
function nodeAddresses() {
  const allSrc = new Set(nodes.flatMap((n) => n.instances.flatMap((x) => [x.unicastSrcIp, x.mcastSrcIp].filter(Boolean))));
  return nodes.map((n, i) => {
    const out = [];
    const add = (addr, iface) => {
      if (iface && !out.some((o) => o.addr === addr)) out.push({ addr, iface });
    };
    for (const x of n.instances) for (const a of [x.unicastSrcIp, x.mcastSrcIp]) if (a) add(a, x.interface);
    for (const x of n.instances) {
      if (!x.unicastPeers.length || x.unicastSrcIp) continue;
      const mine = new Set(x.unicastPeers);
      nodes.forEach((other, j) => {
        if (j === i) return;
        for (const y of other.instances) if (y.vrid === x.vrid) for (const p of y.unicastPeers) if (!mine.has(p) && !allSrc.has(p)) add(p, x.interface);
      });
    }
    return out;
  });
}

function setup() {
  mkdirSync(work, { recursive: true });
  ip('netns', 'add', hub);
  made.push(hub);
  ip('-n', hub, 'link', 'set', 'lo', 'up');
  const bridges = Math.max(...vrrpIfaces.map((l) => l.length));
  for (let k = 0; k < bridges; k++) {
    ip('-n', hub, 'link', 'add', `br${k}`, 'type', 'bridge');
    ip('-n', hub, 'link', 'set', `br${k}`, 'up');
  }
  const addrs = nodeAddresses();
  nodes.forEach((n, i) => {
    const ns = nsOf(i);
    ip('netns', 'add', ns);
    made.push(ns);
    for (const key of ['all', 'default']) sh('ip', ['netns', 'exec', ns, 'sysctl', '-qw', `net.ipv6.conf.${key}.accept_dad=0`], true);
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    vrrpIfaces[i].forEach((name, k) => {
      const outer = `v${i}b${k}`;
      ip('-n', hub, 'link', 'add', outer, 'type', 'veth', 'peer', 'name', `p${i}b${k}`, 'netns', ns);
      ip('-n', ns, 'link', 'set', `p${i}b${k}`, 'name', name);
      ip('-n', hub, 'link', 'set', outer, 'master', `br${k}`);
      ip('-n', hub, 'link', 'set', outer, 'up');
      ip('-n', ns, 'link', 'set', name, 'up');
    });
    // No dummy driver here: a veth pair whose other end stays in the node's namespace.
    otherIfaces[i].forEach((name, k) => {
      ip('-n', ns, 'link', 'add', name, 'type', 'veth', 'peer', 'name', `lo${k}x`);
      ip('-n', ns, 'link', 'set', `lo${k}x`, 'up');
      ip('-n', ns, 'link', 'set', name, 'up');
    });
    // Configured source addresses first: the first address is the one adverts are sent from.
    for (const { addr: a, iface } of addrs[i]) ipTry('-n', ns, 'addr', 'add', isV6(a) ? `${a}/128` : `${a}/32`, 'dev', iface, ...(isV6(a) ? ['nodad'] : []));
    vrrpIfaces[i].forEach((name, k) => {
      ip('-n', ns, 'addr', 'add', `10.${200 + k}.0.${i + 1}/24`, 'dev', name);
    });
    for (const x of n.instances) for (const p of x.unicastPeers) if (x.interface) ipTry('-n', ns, 'route', 'replace', isV6(p) ? `${p}/128` : `${p}/32`, 'dev', x.interface);
    const dir = join(work, `node${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'keepalived.conf'), rewrite(n, i));
  });
}

function healScripts() {
  nodes.forEach((n, i) => {
    for (const s of n.scripts) writeFileSync(join(work, `node${i}`, `${s.name}.ok`), '');
    for (const name of otherIfaces[i]) ipTry('-n', nsOf(i), 'link', 'set', name, 'up');
  });
}

function start(i) {
  const dir = join(work, `node${i}`);
  const p = spawn('ip', ['netns', 'exec', nsOf(i), KEEPALIVED, '-n', '-l', '-D', '-P', '-f', join(dir, 'keepalived.conf'), '-p', join(dir, 'k.pid'), '-r', join(dir, 'vrrp.pid'), '-c', join(dir, 'chk.pid'), '-i', `live${i}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  const note = (d) => {
    log.push(d);
    // Host-dependent crashes (an lvs_sync_daemon without IPVS here) are no VRRP outcome.
    if (/child process\(\d+\) died/.test(d.toString())) died = true;
  };
  p.stdout.on('data', note);
  p.stderr.on('data', note);
  p.on('exit', () => {
    writeFileSync(join(dir, `keepalived.log`), Buffer.concat(log));
    // A daemon that stops by itself refused its config (an error keepalived will not run with).
    if (!p.stopping) died = true;
  });
  procs[i] = p;
  return p;
}

async function stop(i) {
  const p = procs[i];
  if (!p || p.exitCode !== null || p.signalCode !== null) return;
  p.stopping = true;
  p.kill('SIGTERM');
  for (let t = 0; t < 40 && p.exitCode === null && p.signalCode === null; t++) await sleep(100);
  if (p.exitCode === null && p.signalCode === null) {
    const child = join(work, `node${i}`, 'vrrp.pid');
    if (existsSync(child)) spawnSync('kill', ['-KILL', readFileSync(child, 'utf8').trim()]);
    p.kill('SIGKILL');
    await sleep(200);
  }
}

function teardown() {
  for (const p of procs) if (p && p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  for (const ns of made.reverse()) ipTry('netns', 'del', ns);
}
process.on('SIGINT', () => {
  teardown();
  process.exit(130);
});

/** One spelling per address (kalint writes IPv6 in full, ip in the short form). */
function normal(a) {
  return isIP(a) === 6 ? new URL(`http://[${a}]`).hostname.slice(1, -1) : a;
}

/** The VIP watched for a member: its first address keepalived can read (it skips the others). */
function watchedVip(m) {
  return normal(nodes[m.node].instances.find((x) => x.name === m.instance).vips.find((v) => isIP(v)));
}

/** For each group, the nodes whose member has its watched VIP on an interface. */
function holders() {
  const present = nodes.map((_, i) => {
    const r = ipTry('-n', nsOf(i), '-o', 'addr', 'show');
    return new Set([...r.stdout.matchAll(/inet6? ([0-9a-fA-F.:]+)\//g)].map((m) => normal(m[1].toLowerCase())));
  });
  return pred.groups.map((g) =>
    g.members.filter((m) => present[m.node].has(watchedVip(m))).map((m) => m.node),
  );
}

const maxOf = (xs, d = 0) => xs.reduce((a, b) => Math.max(a, b), d);
const advert = maxOf(nodes.flatMap((n) => n.instances.map((x) => x.advertInt)), 1);
const scriptTime = maxOf(nodes.flatMap((n) => n.scripts.map((s) => s.interval * (Math.max(s.rise, s.fall) + 1))));
const startupDelay = maxOf(nodes.flatMap((n) => n.globalLines.filter((g) => g.keyword === 'vrrp_startup_delay').map((g) => Number(g.arg) || 0)));
const preemptDelay = maxOf(nodes.flatMap((n) => n.instances.map((x) => x.preemptDelay)));
// preempt_delay counts too: a node that lost the start race waits it out before taking over.
const settle = Math.min(45, startupDelay + 4 * advert + scriptTime + preemptDelay + 4 * advert + 2) * 1000;
const afterFailure = Math.min(45, 4 * advert + scriptTime + preemptDelay + 2) * 1000;

/** Polls until `ms` has passed; returns the last holders and when each group last changed. */
async function watch(ms) {
  const t0 = Date.now();
  let last = holders();
  const changedAt = last.map(() => 0);
  while (Date.now() - t0 < ms) {
    await sleep(400);
    const now = holders();
    now.forEach((h, g) => {
      if (h.join() !== last[g].join()) changedAt[g] = (Date.now() - t0) / 1000;
    });
    last = now;
  }
  return { holders: last, changedAt };
}

// ---------- the physical events ----------
const events = [{ key: 'healthy', kind: 'healthy' }];
const seen = new Set();
for (const g of pred.groups)
  for (const s of g.scenarios) {
    if (s.kind === 'healthy') continue;
    const key = s.kind === 'node-down' ? `down ${s.nodeIndex}` : `${s.tracker.kind} ${s.tracker.name} ${s.nodeIndex}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (s.kind === 'check-fails' && s.tracker.kind !== 'script' && s.tracker.kind !== 'interface') continue;
    events.push({ key, kind: s.kind, nodeIndex: s.nodeIndex, tracker: s.tracker });
  }
// Scripts and tracked interfaces the simulation leaves out (weights keepalived drops for an
// address owner or in a sync group) fail too: the prediction for them is that nothing moves.
nodes.forEach((n, i) => {
  for (const sc of n.scripts) {
    const key = `script ${sc.name} ${i}`;
    if (!seen.has(key) && n.instances.length) {
      seen.add(key);
      events.push({ key, kind: 'check-fails', nodeIndex: i, tracker: { kind: 'script', name: sc.name }, unlisted: true });
    }
  }
  for (const name of new Set(n.instances.flatMap((x) => x.trackInterfaces))) {
    const key = `interface ${name} ${i}`;
    if (!seen.has(key) && otherIfaces[i].includes(name)) {
      seen.add(key);
      events.push({ key, kind: 'check-fails', nodeIndex: i, tracker: { kind: 'interface', name }, unlisted: true });
    }
  }
});
const chosen = only ? events.filter((e) => e.key.includes(only)) : events;

async function inject(e) {
  const i = e.nodeIndex;
  // SIGTERM: keepalived leaves the VIPs and sends a priority 0 advert, as on a clean shutdown.
  if (e.kind === 'node-down') {
    procs[i].stopping = true;
    procs[i].kill('SIGTERM');
  }
  else if (e.tracker.kind === 'script') rmSync(join(work, `node${i}`, `${e.tracker.name}.ok`), { force: true });
  else ipTry('-n', nsOf(i), 'link', 'set', e.tracker.name, 'down');
}

function scenarioOf(g, e) {
  return g.scenarios.find((s) =>
    e.kind === 'healthy' ? s.kind === 'healthy' : e.kind === 'node-down' ? s.kind === 'node-down' && s.nodeIndex === e.nodeIndex : s.kind === 'check-fails' && s.nodeIndex === e.nodeIndex && s.tracker.kind === e.tracker.kind && s.tracker.name === e.tracker.name,
  );
}


const rows = [];
let died = false;
try {
  setup();
  for (const e of chosen) {
    died = false;
    healScripts();
    nodes.forEach((_, i) => start(i));
    const healthy = await watch(settle);
    let after = healthy;
    if (e.kind !== 'healthy') {
      await inject(e);
      after = await watch(afterFailure);
    }
    for (let i = 0; i < nodes.length; i++) await stop(i);
    await sleep(300);
    pred.groups.forEach((g, gi) => {
      const s = scenarioOf(g, e);
      const base = scenarioOf(g, { kind: 'healthy' });
      if (e.kind !== 'healthy' && !s && !e.unlisted) return;
      const codes = [...new Set(pred.diagnostics.map((d) => d.code))];
      rows.push({
        group: g.name,
        event: e.key,
        label: s ? s.label : e.unlisted ? `${e.tracker.kind} ${e.tracker.name} fails on ${pred.labels[e.nodeIndex]} (not in kalint's table: nothing moves)` : base.label,
        predicted: { holder: (s ?? base).holder, tie: (s ?? base).tie, states: (s ?? base).states, note: (s ?? base).note },
        healthyBaseline: { holder: base.holder, tie: base.tie },
        healthyObserved: healthy.holders[gi],
        observed: after.holders[gi],
        seconds: after.changedAt[gi],
        died,
        verdict: verdict(s ?? base, after.holders[gi], codes, died),
        healthyVerdict: verdict(base, healthy.holders[gi], codes, died),
      });
    });
  }
} catch (err) {
  rows.push({ error: String(err?.stack ?? err) });
} finally {
  teardown();
}
const out = result({ events: chosen.length, settle, afterFailure, rows });
const name = (i) => (i === undefined ? 'none' : pred.labels[i]);
for (const r of out.rows ?? []) {
  if (r.error) {
    console.log(`ERROR ${r.error}`);
    continue;
  }
  const p = r.predicted.tie ? `tie ${r.predicted.tie.map(name).join('/')}` : name(r.predicted.holder);
  console.log(`${r.verdict.padEnd(15)} ${r.group} | ${r.label} | predicted ${p} | observed ${r.observed.map(name).join('+') || 'none'} (${r.seconds}s)${r.healthyVerdict !== 'agree' && r.healthyVerdict !== 'agree-tie' ? ` | healthy ${r.healthyObserved.map(name).join('+') || 'none'}` : ''}`);
}
