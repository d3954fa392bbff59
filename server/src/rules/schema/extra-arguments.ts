// KA204: more words on a line than its keyword reads. Emitted by the schema walker.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA204',
  name: 'extra-arguments',
  family: 'schema',
  severity: 'warning',
  description: 'Words after a keyword that keepalived ignores',
  docs: {
    why:
      'keepalived reads as many words as the keyword takes and silently ignores the rest. Extra words are ' +
      'usually a value meant for another keyword, two settings run together on one line, or a comment written ' +
      "without '#'.",
    bad: `global_defs {
    router_id lb1 lb2
}
`,
    good: `global_defs {
    router_id lb1
}
`,
  },
};

export default rule;
