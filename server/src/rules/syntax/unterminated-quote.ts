// KA105: a double quote that is not closed on its line. Found in the lexer's tokens (the linter
// reports it for every file read).
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA105',
  name: 'unterminated-quote',
  family: 'syntax',
  severity: 'error',
  description: 'A double-quoted string that is not closed on its line',
  docs: {
    why:
      'Quotes never span lines in keepalived.conf. An opening \'"\' without its closing partner makes keepalived ' +
      'complain twice and drop the quoted fragment, so the keyword loses its value: a script path, a router id ' +
      'or a notification address silently goes missing. A backslash before a quote counts too: keepalived\'s ' +
      'comment scan reads `\\"` as an escaped quote (its word splitter does not), so `"a\\"` leaves the line inside a quote ' +
      '("Unterminated quote") and a `#` after it starts no comment.',
    bad: `global_defs {
    router_id "lb 1
}
`,
    good: `global_defs {
    router_id "lb 1"
}
`,
  },
};

export default rule;
