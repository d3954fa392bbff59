#!/usr/bin/env node
// Scaling sweep: degenerate configs of many shapes (thousands of findings on one line, thousands of config ids,
// glued braces on every block…) at n and 4n, each through the kalint commands that read or write it. Linear work
// takes about 4x as long at 4n (less, with node's start-up in both); a ratio far above that is a quadratic step.
// Session 53 found ten this way (findings folded per offset, one analysis per implicit config id, jsdiff's Myers
// diff, applyFixes' overlap check, the checkstyle output, the style rules' and KA702's walks up a run of backslash
// lines, a search of the whole text per undefined reference, KA301's unicast pairs, KA701's look for '//' per brace).
//
// Usage: node scripts/build.mjs && node scripts/scaling-sweep.mjs [--n N] [--only SHAPE[,SHAPE]] [--keep DIR]
// Prints one row per shape and command: bytes at 4n, seconds at n and 4n, their ratio; '!!' marks a ratio over 8.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'kalint.js');

const ip = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const instance = (i, { vrid = (i % 255) + 1, extra = '', vip = ip(i) } = {}) =>
  `vrrp_instance I${i} {\n interface eth0\n virtual_router_id ${vrid}\n priority 100\n${extra} virtual_ipaddress {\n  ${vip}\n }\n}\n`;
const times = (n, f) => Array.from({ length: n }, (_, i) => f(i)).join('');

/** Each shape: a config of n units (or the files of a folder, keepalived.conf the one linted). */
const SHAPES = {
  'unknown-keywords': (n) => times(n, (i) => `foo${i} bar\n`),
  'same-vrid': (n) => times(n, (i) => instance(i, { vrid: 1 })),
  'same-vip': (n) => times(n, (i) => instance(i, { vip: '10.0.0.1' })),
  'same-name': (n) => times(n, () => instance(0)),
  'duplicate-virtual-servers': (n) => times(n, () => 'virtual_server 10.0.0.1 80 {\n real_server 10.0.1.1 80 {\n }\n}\n'),
  'duplicate-real-servers': (n) => `virtual_server 10.0.0.1 80 {\n${times(n, () => ' real_server 10.0.1.1 80 {\n }\n')}}\n`,
  'undefined-track-scripts': (n) => times(n, (i) => instance(i, { extra: ` track_script {\n  chk${i}\n }\n` })),
  'sync-group-members': (n) => `vrrp_sync_group G {\n group {\n${times(n, (i) => `  I${i}\n`)} }\n}\n${times(n, (i) => instance(i))}`,
  'multi-line-definition': (n) => `$BIG= \\\n${times(n, (i) => `  router_id r${i} \\\n`)}  router_id end\nglobal_defs {\n$BIG\n}\n`,
  'backslash-lines': (n) => `global_defs {\n${times(n, (i) => `  router_id r${i} \\\n`)}}\n`,
  'undefined-references': (n) => `${times(n, (i) => `@id${i % 50} $D${i}=x${i}\n`)}${times(n, (i) => `global_defs { router_id $D${i} }\n`)}`,
  'unicast-instances-one-vrid': (n) => times(n, (i) => `vrrp_instance I${i} {\n interface eth0\n virtual_router_id 1\n unicast_src_ip ${ip(i)}\n unicast_peer {\n  ${ip(i + 1)}\n }\n virtual_ipaddress {\n  10.200.0.1\n }\n}\n`),
  'glued-braces-one-line': (n) => `vrrp_instance V {\n${'a{'.repeat(n * 4)}\n}\n`,
  'definitions': (n) => `${times(n, (i) => `$D${i}=${ip(i)}\n`)}vrrp_instance A {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress {\n${times(n, (i) => `  $D${i}\n`)} }\n}\n`,
  'config-ids': (n) => times(n, (i) => `@id${i} vrrp_instance I${i} {\n@id${i}  interface eth0\n@id${i}  virtual_router_id 1\n@id${i} }\n`),
  'suppressions': (n) => times(n, (i) => `# kalint-disable-next-line KA201 -- test\nfoo${i}\n`),
  'nested-unknown-blocks': (n) => 'foo {\n'.repeat(n) + '}\n'.repeat(n),
  'addresses-on-one-line': (n) => `vrrp_instance A {\n virtual_ipaddress {\n${' 10.0.0.1'.repeat(n * 4)}\n }\n}\n`,
  'glued-braces': (n) => times(n, (i) => `virtual_server 10.0.0.1 ${(i % 65535) + 1}{\n real_server 10.0.1.1 80{\n TCP_CHECK{\n }\n }\n}\n`),
  'extra-braces': (n) => '}\n'.repeat(n),
  'seq-lines': (n) => times(n, (i) => `~SEQ(I, 1, 3) vrrp_instance S${i}_$I { interface eth0 virtual_router_id ${(i % 250) + 1} }\n`),
  // Comments after the words (session 54: a NUL search ran on to the end of the text for each) and lines holding NUL
  // bytes and vertical tabs after a backslash.
  'trailing-comments': (n) => `global_defs {\n${times(n, (i) => `  router_id r${i} # ${'note '.repeat(20)}${i}\n`)}}\n`,
  'nul-and-vt-lines': (n) => `global_defs {\n${times(n, (i) => `  router_id r${i}\0 junk \\\n  notification_email_from a${i}@b \\\v\n`)}}\n`,
  // A chain of n files, each including itself and the next (files, not one text: the shape is a folder with
  // keepalived.conf first). Session 64: each include cycle's finding named the whole chain above it, n^2 output.
  'include-chain-cycles': (n) => ({ 'keepalived.conf': 'include f0.conf\n', ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}.conf`, `include f${i}.conf\ninclude f${i + 1}.conf\n`])) }),
  'scripts-and-notify': (n) => times(n, (i) => `vrrp_script s${i} {\n script "/bin/x${i} a b"\n}\n${instance(i, { extra: ` track_script {\n  s${i}\n }\n notify_master "/bin/n${i}.sh"\n` })}`),
};

/** Each command, as arguments with FILE for the config. */
const COMMANDS = [
  ['lint', 'FILE'],
  ['lint', '-f', 'sarif', 'FILE'],
  ['lint', '-f', 'checkstyle', 'FILE'],
  ['lint', '--fix-dry-run', 'FILE'],
  ['fmt', '--diff', 'FILE'],
  ['peer', '--diff', 'FILE'],
];

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const n = Number(opt('--n') ?? 1500);
const only = opt('--only')?.split(',');
const keep = opt('--keep');
const dir = keep ?? mkdtempSync(join(tmpdir(), 'kalint-scaling-'));

function seconds(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', timeout: 300_000, maxBuffer: 1 << 30 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return r.error ? Infinity : s;
}

let flagged = 0;
try {
  for (const [shape, make] of Object.entries(SHAPES)) {
    if (only && !only.includes(shape)) continue;
    const write = (name, made) => {
      if (typeof made === 'string') {
        writeFileSync(join(dir, `${name}.conf`), made);
        return [join(dir, `${name}.conf`), made];
      }
      mkdirSync(join(dir, name), { recursive: true });
      for (const [file, content] of Object.entries(made)) writeFileSync(join(dir, name, file), content);
      return [join(dir, name, 'keepalived.conf'), Object.values(made).join('')];
    };
    const [small] = write(`${shape}-n`, make(n));
    const [large, text] = write(`${shape}-4n`, make(4 * n));
    for (const command of COMMANDS) {
      const [a, b] = [seconds(command.map((x) => (x === 'FILE' ? small : x))), seconds(command.map((x) => (x === 'FILE' ? large : x)))];
      const ratio = b / a;
      if (ratio > 8) flagged++;
      console.log(`${ratio > 8 ? '!!' : '  '} ${shape.padEnd(26)} ${command.filter((x) => x !== 'FILE').join(' ').padEnd(24)} ${String(Buffer.byteLength(text)).padStart(9)} B  ${a.toFixed(2)} s  ${b.toFixed(2)} s  ${ratio.toFixed(1)}x`);
    }
  }
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
console.log(flagged ? `${flagged} rows over 8x` : 'no row over 8x');
