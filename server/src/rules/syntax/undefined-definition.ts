// KA109: a `${NAME}` (or whole-word `$NAME`) reference with no definition above it. Emitted by the reader.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA109',
  name: 'undefined-definition',
  family: 'syntax',
  severity: 'error',
  description: "A '${NAME}' or whole-word '$NAME' reference names no '$NAME=value' definition read before it, or is no reference keepalived can read ('${NAME:-default}', '${var.vip}', '$BASE/x')",
  docs: {
    why:
      "keepalived replaces '${NAME}' and '$NAME' with the value of a '$NAME=value' line it has already read. It knows no " +
      'environment variables, and a definition further down does not count. A reference it cannot resolve stays as ' +
      "written, and '${NAME}' is then split at its braces: keepalived reports an unexpected '{', reads NAME as a keyword " +
      "and lets the '}' close the block around it, so the rest of the block lands at the wrong level. This is what an " +
      "unrendered template or environment variable looks like; shell syntax such as '${IFACE:-eth0}' (a default value), " +
      "or a template's '${var.vip}' or '${indent(4, peers)}' (keepalived's names are letters, digits and '_'), is not " +
      "keepalived's either and is read the same way; the pieces it leaves are reported as unknown keywords, with no guess " +
      "at a keyword meant. A word that is only '$NAME' (`interface $IFACE`, " +
      '`auth_pass $password`) is read literally without a word from keepalived: a warning. Quoted text and a $ inside a ' +
      'word are not reported: passwords and script commands hold a $ for their own reasons. One case is: a bare ' +
      "'$NAME' of a definition that has another character right after it ('$BASE/check.sh', '10.0.$NET.1', '\"$CMD\"'). " +
      "keepalived takes a bare name for a reference only before a blank, a tab, ',' or ')' or at the end of the line, so " +
      "it reads such text as written, silently; '${BASE}/check.sh' is what was meant (a warning).",
    bad: `global_defs {
    router_id \${HOSTNAME}
}
`,
    good: `$HOSTNAME=lb1
global_defs {
    router_id \${HOSTNAME}
}
`,
  },
};

export default rule;
