// KA004: a comment that looks like a kalint directive but is not one. Emitted by the linter's
// suppression step.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA004',
  name: 'invalid-directive',
  family: 'meta',
  severity: 'warning',
  description: 'A kalint comment directive kalint does not understand',
  docs: {
    why:
      "kalint understands two directives: '# kalint-disable-next-line CODE[,CODE] -- reason' for the next line " +
      "and '# kalint-disable CODE[,CODE] -- reason' for the whole file ('!' works in place of '#'). Anything else " +
      'starting with "kalint-", or a directive without rule codes, is reported so that it does not look like it ' +
      'suppresses something when it does not. So is a directive naming KA001, KA002, KA003 or KA004: these ' +
      'report the kalint comments themselves, after the suppressions are applied, so no comment can suppress ' +
      "them; set them in .kalint.json (\"rules\": { \"KA002\": \"off\" }) or with --rule KA002=off.",
    bad: `global_defs {
    router_id lb1 lb2  # kalint-disable-line KA204 -- lb2 is read by our inventory script
}
`,
    good: `global_defs {
    # kalint-disable-next-line KA204 -- lb2 is read by our inventory script
    router_id lb1 lb2
}
`,
  },
};

export default rule;
