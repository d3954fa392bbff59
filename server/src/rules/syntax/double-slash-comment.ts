// KA107: '//' or '/*' used as a comment marker. Emitted by the schema walker (with a fix).
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA107',
  name: 'double-slash-comment',
  family: 'syntax',
  severity: 'error',
  description: "'//' or '/*' used as a comment: keepalived reads it as a keyword",
  docs: {
    why:
      "Only '#' and '!' start comments in keepalived.conf. A line starting with '//' (or a C comment '/* ... */') is " +
      "read as a keyword named '//' (or '/*'), which is unknown, and the words after it are read too. The fix " +
      "replaces the marker with '#'.",
    bad: `global_defs {
    // the name in notification mails
    router_id lb1
}
`,
    good: `global_defs {
    # the name in notification mails
    router_id lb1
}
`,
  },
};

export default rule;
