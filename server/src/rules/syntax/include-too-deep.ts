// KA112: includes nested deeper than kalint follows, or reading more files or lines in all than it follows. Emitted by
// the reader.
import type { CoreRule } from '../types.js';

const DEPTH = 33;
/** level1.conf includes level2.conf, and so on: one chain deeper than the 32 levels kalint follows. */
const chain: Record<string, string> = {};
for (let i = 1; i <= DEPTH; i++) chain[`/etc/keepalived/nested/level${i}.conf`] = i < DEPTH ? `include level${i + 1}.conf\n` : '';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA112',
  name: 'include-too-deep',
  family: 'syntax',
  severity: 'error',
  description: 'Includes nested more than 32 levels deep, or reading more than 20,000 files or 500,000 lines in all',
  docs: {
    why:
      'Each level of include keeps a file open in keepalived. A chain of includes this deep is almost always a ' +
      'cycle through different paths (symbolic links, "..") rather than a real layout, and kalint stops ' +
      'following it so that it cannot loop forever. Flatten the chain. keepalived also reads a file once for each chain ' +
      'of include lines that leads to it, so include lines that branch and meet again (two files that each include ' +
      'both files of the next level, level after level) multiply the reads: past 20,000 files or 500,000 lines read ' +
      'through includes, kalint follows no more of them, and says where it stopped. Include each file from one place.',
    bad: `global_defs {
    router_id lb1
}
include /etc/keepalived/nested/level1.conf
`,
    good: `global_defs {
    router_id lb1
}
include /etc/keepalived/nested/level${DEPTH - 2}.conf
`,
    files: chain,
  },
};

export default rule;
