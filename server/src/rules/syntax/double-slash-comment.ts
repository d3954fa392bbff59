// KA107: another language's comment marker ('//', '/*', ';', '--', a full-width '＃') used as one. Emitted by the
// schema walker (with a fix). The name predates the other markers and stays, as rule names do.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA107',
  name: 'double-slash-comment',
  family: 'syntax',
  severity: 'error',
  description: "'//', '/*', ';', '--' or a full-width '＃' used as a comment: keepalived reads it as a keyword",
  docs: {
    why:
      "Only '#' and '!' start comments in keepalived.conf. A line starting with another language's marker, '//' or " +
      "'/* ... */' (C), ';' (INI files), '--' (SQL, or a separator line of dashes) or a full-width '＃' (what a CJK input " +
      "method types for '#'), is read as an unknown keyword, and the words after it are read too: a '{' or '}' in such a " +
      "line still opens or closes a block. The fix replaces the marker with '#'.",
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
