// KA115: a comment line, a line of blanks or an include line inside a multi-line $definition: keepalived's
// parent process reads the definition on past it, its VRRP and checker processes end the definition there.
// Emitted by the reader, which reads as the VRRP and checker processes do; `analyze` then reads the file again as
// the parent does and adds the parent's unknown keywords and brace findings, which keepalived -t prints too.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA115',
  name: 'definition-split',
  family: 'syntax',
  severity: 'warning',
  description: "A comment line, a line of blanks or an include line inside a multi-line $definition: keepalived's processes disagree on where the definition ends",
  docs: {
    why:
      'A multi-line definition (`$NAME= \\` and lines ending in `\\`) ends at the first line without a trailing ' +
      "backslash. keepalived's parent process drops a line that holds only a comment or only blanks and reads the " +
      'next line as part of the definition. But the VRRP, checker and BFD processes, which configure the addresses and ' +
      'services, read a copy the parent wrote with comments removed, where that line is empty: for them the ' +
      'definition ends there, the lines after it are read in place as configuration of their own (often unknown ' +
      'keywords at the top level), and every use of the definition lacks them. The parent, whose messages `keepalived -t` ' +
      "prints too, reports what its own reading makes of the lines after the split (kalint adds those findings, marked as " +
      "the parent's): a `}` taken into the value leaves its block open to the end of the file. In global_defs only the parent " +
      "reports unknown keywords, so what the other processes alone read as one there is a warning. Checked with keepalived 2.2.7, " +
      '2.2.8 and 2.4.3. Remove the comment from the definition; a line meant to end it should be truly empty. ' +
      'An include line inside the definition splits it the same way: the copy has an empty line in place of every include ' +
      'line (the parent has written the included files out where it read them). The parent takes the include into the ' +
      'value and reads the files where the definition is used, after the rest of its lines; the other processes read the ' +
      'lines after the include where they stand, and the files after the shortened value, where the copy holds them ' +
      '(checked with 2.2.0, 2.2.7 and 2.4.3; before 2.2.0 every process reads the file itself, as the parent does). Make ' +
      'the include the last line of the definition, or write it where the definition is used.',
    bad: `$CHECK= \\
    TCP_CHECK { \\
        connect_port 80 \\
    # the timeout is in seconds
        connect_timeout 3 \\
    }

virtual_server 10.0.0.1 80 {
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 10.0.0.2 80 {
        $CHECK
    }
}
`,
    good: `$CHECK= \\
    TCP_CHECK { \\
        connect_port 80 \\
        connect_timeout 3 \\
    }

virtual_server 10.0.0.1 80 {
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 10.0.0.2 80 {
        $CHECK
    }
}
`,
  },
};

export default rule;
