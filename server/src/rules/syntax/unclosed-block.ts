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
      'belong (releases before 2.0.8 do not even count them; kalint warns there); kalint points at the block that was left open.',
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
