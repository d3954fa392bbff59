// KA102: a block still open at the end of the input. Emitted by the schema walker.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA102',
  name: 'unclosed-block',
  family: 'syntax',
  severity: 'error',
  description: "A block that is never closed with '}'",
  docs: {
    why:
      "When a file ends with blocks still open, everything after the missing '}' has been read as part of the " +
      'innermost open block: keywords meant for the top level end up inside an instance, where they are unknown ' +
      'or mean something else. keepalived only counts the missing braces at the end, without saying where they ' +
      'belong; kalint points at the block that was left open. Releases before 2.0.8 do not count them: 1.4.3 to 2.0.7 only log ' +
      '"WARNING - N missing \'}\'(s)" from the processes still skipping the block (kalint warns there), and before 1.4.3 the ' +
      'parent process is left skipping, and the VRRP and checker processes it starts inherit that skip and read nothing of the ' +
      'file at all: every instance and virtual server is lost without a message. 2.0.8 to 2.0.19 leave the skip to the next ' +
      'reading of the file in the same way.',
    bad: `global_defs {
    router_id lb1
`,
    good: `global_defs {
    router_id lb1
}
`,
  },
};

export default rule;
