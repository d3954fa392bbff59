// KA112: an include chain deeper than keepalived can hold open under the usual limit on open files, or includes past
// kalint's own bounds (depth, files or lines read). Emitted by the reader.
import type { CoreRule } from '../types.js';

/**
 * keepalived.conf includes /etc/keepalived/nested/level1.conf, which includes level2.conf, and so on: the main file and
 * level1.conf are named with a folder (two descriptors each in keepalived: the file and the folder it left), the others
 * without (one each). With keepalived 2.2.7's 6 other descriptors, level1015.conf is the last file it can open under a
 * limit of 1,024, so its include line is where it runs out.
 */
const DEPTH = 1016;
const chain: Record<string, string> = {};
for (let i = 1; i <= DEPTH; i++) chain[`/etc/keepalived/nested/level${i}.conf`] = i < DEPTH ? `include level${i + 1}.conf\n` : '';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA112',
  name: 'include-too-deep',
  family: 'syntax',
  severity: 'error',
  description:
    'An include chain deeper than keepalived can hold open under the usual limit of 1,024 open files (about 1,000 files, or 500 named with a folder), or includes past kalint\'s own bounds (10,000 levels, 20,000 files or 500,000 lines read)',
  docs: {
    why:
      'keepalived sets no limit on how deeply includes nest, but it keeps every file of the chain it is reading open, and ' +
      '(from 1.4.0) one more descriptor for the folder of each file named with a folder. The limit on open files it starts ' +
      'with is usually 1,024 (systemd\'s default for a service); it raises it only after reading the configuration. Past ' +
      'that, keepalived cannot open the next file: it logs "open problem (Too many open files) - skipping" and reads ' +
      'neither that file nor anything it includes, while `keepalived -t` exits 0 (unless the `read` check of ' +
      '`include_check` is on, which makes it refuse the whole configuration). Measured with 2.2.7: a chain of 1,017 files ' +
      'named without a folder, or 509 named with one, is read; one more is skipped. kalint reports the include line where ' +
      'that happens and reads on, as keepalived does under a higher limit. Flatten the chain (a chain this deep is almost ' +
      'always a cycle through different paths, symbolic links or "..") or raise LimitNOFILE.\n\n' +
      'kalint\'s own reading is bounded too, and it says where it stops: past 10,000 levels of nesting (ten times where ' +
      'keepalived runs out under the usual limit), and past 20,000 files or 500,000 lines read through includes. keepalived ' +
      'reads a file once for each chain of include lines that leads to it, so include lines that branch and meet again (two ' +
      'files that each include both files of the next level, level after level) multiply the reads. Include each file from one place.',
    bad: `global_defs {
    router_id lb1
}
include /etc/keepalived/nested/level1.conf
`,
    good: `global_defs {
    router_id lb1
}
include /etc/keepalived/nested/level3.conf
`,
    files: chain,
  },
};

export default rule;
