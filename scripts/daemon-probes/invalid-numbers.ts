// By hand, as root (network namespaces): which number arguments the running keepalived daemon still uses
// when a word has other characters after its number (`rise 2x`, `interval 2s`), though `keepalived -t`
// reports the same word as an invalid number and ignores it.
//
// keepalived's integer readers take the leading number when the handler asked to ignore errors and the
// process is not a config test (-t); the daemon then logs "WARNING - invalid number '2x'" and goes on with 2.
// The probe (test/helpers/daemon-probe.ts) writes every integer argument of the 2.2.7 keyword table with its
// sample number and an 'x' after it, runs the daemon (not -t) in a network namespace holding eth0 for three
// seconds, and sorts the arguments by what it logged at their line. test/daemon-numbers.test.ts compares the
// result with keywords.json `daemon_reads_leading` when it may make namespaces.
//
//   node_modules/.bin/esbuild scripts/daemon-probes/invalid-numbers.ts --bundle --platform=node \
//     --format=esm --target=node20 --outfile=/tmp/probe.mjs && node /tmp/probe.mjs [keepalived] > result.json

import { runDaemonProbe } from '../../test/helpers/daemon-probe.js';

// keep: the result names the config and the log, left for reading.
const result = await runDaemonProbe(process.argv[2] ?? 'keepalived', { keep: true });
console.log(JSON.stringify(result, null, 1));
