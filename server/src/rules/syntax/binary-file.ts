// KA119: the file is binary data (an executable, an archive, an image), not a config. Emitted by the linter service
// (linter.ts) from core/syntax/binary.ts.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA119',
  name: 'binary-file',
  family: 'syntax',
  severity: 'error',
  description: 'The file, or a file an include reads, is binary data (an executable, an archive, an image), not a config: reported once, and nothing else in it is checked',
  docs: {
    why:
      'A shell glob or a folder of backups easily puts a file that is no config on the command line: a compiled ' +
      'program, a `.tar.gz` of the old configuration, an image. keepalived does not refuse such a file when it is named ' +
      'as its configuration (or included): keepalived 2.2.7 reads the bytes as lines, each ending at a line feed or at ' +
      'its first NUL byte, and `keepalived -t` reports an unknown keyword or a brace error for nearly every one (a copy ' +
      'of /bin/true: over 400 messages); from 2.4.0 it drops each line holding a NUL ("configuration appears to have ' +
      'embedded NULs - ignoring line") and still reads the others. Only an executable file is skipped ("is not a regular ' +
      'non-executable file - skipping"). Read as keepalived reads it, the file would bury you in thousands of kalint ' +
      'findings, so kalint reports it once, says what it found and where, and checks nothing else in it. A file is ' +
      'binary when its first 4096 bytes hold at least 8 NUL runs and other control characters (tabs, line ends, form ' +
      'feeds and escapes are text) and at least 5% of them are NULs, control characters or bytes that are not UTF-8. ' +
      'A config with a stray NUL byte is text, linted as usual (KA117 explains the byte), as is one saved as UTF-16 ' +
      '(KA117) or one with Latin-1 or GBK bytes in its comments. A directory search leaves binary files out, all but ' +
      'one named like a keepalived config (`keepalived.conf`), which this rule reports. A binary file an include reads ' +
      '(`include conf.d/*` over a folder where an archive landed) is reported once on that include line, and its own ' +
      'findings are left out; what its bytes do to the including file (a stray brace among them) is still reported there. Turn the rule off to read such a file as a config anyway. Shown here ' +
      'with each control character as its symbol (␀ for NUL).',
    bad: '\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0\x10\x12\0\0\0\0\0\0@\0\0\0\0\0\0\0\n',
    good: `global_defs {
    router_id lb1
}
`,
  },
};

export default rule;
