// KA103: a '{' with no block keyword to open. Emitted by the schema walker.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA103',
  name: 'unexpected-open-brace',
  family: 'syntax',
  severity: 'error',
  description: "A '{' that does not open a block",
  docs: {
    why:
      "A '{' only opens a block right after a keyword that takes one. After an unknown or plain keyword keepalived " +
      "ignores the '{' but not the lines inside it: they are read as keywords of the enclosing block, and the inner " +
      "'}' closes the enclosing block too early. Everything after that point lands in the wrong place. keepalived's " +
      "other processes, which skip a top-level block they do not use by counting braces, count the ignored '{' too: " +
      "when no '}' balances it they skip on past the block's end, and the blocks that follow never reach the process " +
      'that reads them (a virtual_server after such a vrrp_instance is lost to the checker). kalint reports those too. ' +
      "The same goes for a quoted '\"{\"' word (`router_id \"{\"`): the process that reads the block takes it as a value, but the " +
      "processes that skip the block drop the quotes and count it as a '{', so they skip on past the block's end; kalint reports it " +
      'as an error when a block they read is lost that way, and as a warning otherwise. ' +
      "keepalived reports every misplaced line that follows, and so does kalint, line for line; each of those findings (KA201, KA202, " +
      "a further KA103) up to the end of the top-level block as written says that it follows from this '{' and links it, so fix this line first.",
    bad: `global_defs {
    router_id lb1
    {
        notification_email_from ops@example.com
    }
}
`,
    good: `global_defs {
    router_id lb1
    notification_email_from ops@example.com
}
`,
  },
};

export default rule;
