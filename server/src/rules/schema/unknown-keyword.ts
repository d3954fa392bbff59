// KA201: a keyword keepalived does not know anywhere. Emitted by the schema walker (with a fix
// when a close spelling exists).
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA201',
  name: 'unknown-keyword',
  family: 'schema',
  severity: 'error',
  description: 'A keyword keepalived does not know',
  docs: {
    why:
      'keepalived reports an unknown keyword and skips its line, so the setting it was meant to make is not ' +
      'made: a misspelt option leaves the default in place. Because keepalived does not skip a block after an ' +
      "unknown keyword, a misspelt block name also scrambles the nesting of what follows. kalint suggests the " +
      'closest known keyword of the block when there is one.',
    bad: `global_defs {
    router_idd lb1
}
`,
    good: `global_defs {
    router_id lb1
}
`,
  },
};

export default rule;
