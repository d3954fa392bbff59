// KA104: a block keyword that is not followed by '{'. Emitted by the schema walker.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA104',
  name: 'missing-open-brace',
  family: 'syntax',
  severity: 'error',
  description: "A block keyword without its '{'",
  docs: {
    why:
      "Keywords such as 'global_defs' or 'vrrp_instance' introduce a block, and the block must start with '{' on " +
      "the same line or the next one. Without it keepalived complains and the '}' meant to close the block ends " +
      'up closing nothing, so the nesting of the rest of the file is off by one. keepalived reports it on the line ' +
      "it read instead of the '{'. It also reads the file once per process (parent, VRRP, checker, BFD), and the " +
      'processes that skip the enclosing top-level block find its end by counting braces: with one missing they ' +
      'stop too early and read the following lines as top-level keywords, each an error; kalint reports those lines too. ' +
      "A block keepalived refuses (a repeated name, an address it cannot read) and then finds no '{' to skip is worse: the " +
      "process that owns it reads the lines up to the next '}' as that block's keywords. Before 2.2.8 it applies them to " +
      'the block of that kind read before, or to memory that is not one, which can crash it; from 2.2.8 it applies none, ' +
      "but still reports the unknown ones, and a value list's lines among them are unknown keywords. " +
      "A value block whose entries are written on the keyword's own line (`virtual_ipaddress 10.0.0.1/24 10.0.0.2/24`, then the " +
      "instance's next keyword) is a warning with a fix that moves them into braces: one line per entry, because keepalived reads a " +
      "line of virtual_ipaddress, unicast_peer or track_script as one entry and its options (two addresses on one line lose the " +
      "second), while notification_email takes several addresses on a line.",
    bad: `global_defs
    router_id lb1
}
`,
    good: `global_defs {
    router_id lb1
}
`,
  },
};

export default rule;
