// KA113: a definition or ~SEQ/~LST line kalint cannot expand. Emitted by the reader.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA113',
  name: 'invalid-definition',
  family: 'syntax',
  severity: 'error',
  description: 'A ~SEQ/~LST line or a $definition that cannot be expanded',
  docs: {
    why:
      "'~SEQ(VAR, START, STEP, END)' and '~LST(VAR, ...)' repeat the rest of their line once per value, and " +
      "'$NAME' is replaced by its definition. A malformed header (wrong number of values, a step of zero or going " +
      'the wrong way) or definitions that refer to each other without end expand to nothing useful, so the lines ' +
      'they were meant to generate are missing. A definition that holds a ~SEQ line using that same definition makes the ' +
      'line again from each of its rows: keepalived, -t included, expands it silently until it runs out of memory. ' +
      'keepalived counts a ~SEQ with 64-bit numbers and adds the step after each row: an END of 9223372036854775807 ' +
      '(the largest) with a positive step, or -9223372036854775808 with a negative one, is never passed, the counter wraps ' +
      'round and keepalived, -t included, hangs. `${_RANDOM MIN MAX}` with MIN above MAX (or `${_RANDOM N}` with N ' +
      'above the default 32767) crashes keepalived before 2.4.0 when MIN is one above MAX (a division by zero). A ' +
      'definition that writes an `@id` prefix at the start of a line (`$M priority 150` after `$M=@lb1`) hangs ' +
      'keepalived before 2.1.4, is misread or crashes it in 2.1.4 to 2.2.7 (it strips the prefix with the length the ' +
      'line had before the substitution), and is read as a keyword from 2.4.0, which does not check a substituted ' +
      'line again (nor a definition or ~SEQ line one writes): write `@lb1` on the line itself. A multi-line value ' +
      'with a line that defines the same name again (a doubled `$NAME= \\` line) makes keepalived free the value while ' +
      'it reads it: the rest comes from freed memory, garbage keywords or a crash, or the lines as written while the ' +
      'memory is not reused, which -t then does not report (every release from 2.0 on; from 2.4.0 not when that line ' +
      'is the value\'s first, which is then an unknown keyword).',
    bad: `global_defs {
    router_id lb1
    notification_email {
        ~SEQ(N, 1, 0, 3) oncall\${N}@example.com
    }
}
`,
    good: `global_defs {
    router_id lb1
    notification_email {
        ~SEQ(N, 1, 1, 3) oncall\${N}@example.com
    }
}
`,
  },
};

export default rule;
