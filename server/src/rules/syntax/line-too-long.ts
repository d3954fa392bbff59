// KA106: a physical line longer than keepalived's read buffer. Emitted by the reader.
import type { CoreRule } from '../types.js';

const addresses = Array.from({ length: 48 }, (_, i) => `oncall-team-${String(i + 1).padStart(2, '0')}@example.com`);
const longList = addresses.join(' ');
const shortLines = Array.from({ length: 6 }, (_, k) => '        ' + addresses.slice(k * 8, k * 8 + 8).join(' ')).join('\n');

const rule: CoreRule = {
  kind: 'core',
  code: 'KA106',
  name: 'line-too-long',
  family: 'syntax',
  severity: 'error',
  description: 'A line longer than the 1023 bytes keepalived reads at once',
  docs: {
    why:
      'keepalived reads a configuration line into a fixed buffer of 1024 bytes, so a longer line reaches it in pieces of ' +
      '1023 bytes (the newline aside; bytes, so a non-ASCII character counts two or three). keepalived before 2.4 reads ' +
      'each piece as a line of its own, without a word: in the example below one address is cut in two and its second ' +
      'half read as a keyword. keepalived 2.4 drops the full pieces ("line too long - ignoring") and reads only the rest. ' +
      'Either way the line is not what it appears to be. The continuation lines of a multi-line `$NAME=` definition are ' +
      'cut the same way: a piece that does not end in a backslash ends the definition, and the pieces after it are read ' +
      'as lines of their own. A line of exactly 1023 bytes is read whole and its newline as an empty line: that ends a ' +
      'multi-line definition the line continues (an error), and elsewhere only makes the processes that read ' +
      "keepalived's copy of the file (VRRP and checker, from 2.2) count one line more (a note). Split long value lists " +
      'over several lines, or move them into a definition.',
    bad: `global_defs {
    router_id lb1
    notification_email {
        ${longList}
    }
}
`,
    good: `global_defs {
    router_id lb1
    notification_email {
${shortLines}
    }
}
`,
  },
};

export default rule;
