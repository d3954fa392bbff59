// KA101: a '}' that closes nothing. Emitted by the schema walker; this file holds its docs.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA101',
  name: 'extra-close-brace',
  family: 'syntax',
  severity: 'error',
  description: "A '}' that closes no block",
  docs: {
    why:
      "Every '}' must end a block opened earlier. A spare one usually means a block was closed twice, or that an " +
      "earlier '{' was lost (for example after an unknown keyword, whose block keepalived does not skip), so the " +
      'lines around it are not in the block they appear to be in. keepalived reports it and goes on, with the ' +
      'structure it has guessed.',
    bad: `global_defs {
    router_id lb1
}
}
`,
    good: `global_defs {
    router_id lb1
}
`,
  },
};

export default rule;
