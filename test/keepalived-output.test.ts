import { describe, expect, it } from 'vitest';
import { parseKeepalivedStderr } from '../scripts/keepalived-output.js';

// The one parser of keepalived's stderr that the differential test, the fuzzers and the sweeps share.
describe('parseKeepalivedStderr', () => {
  it('reads the file and line of located messages, old and new forms', () => {
    expect(parseKeepalivedStderr('(Line 3) Unknown keyword \'foo\'\n(a.conf: Line 7) bad\n(b.conf:9) old form\nno line here\n')).toEqual([
      { file: undefined, line: 3, message: "Unknown keyword 'foo'" },
      { file: 'a.conf', line: 7, message: 'bad' },
      { file: 'b.conf', line: 9, message: 'old form' },
      { message: 'no line here' },
    ]);
  });

  it('keeps a message located when it quotes a carriage return or U+2028 from the config', () => {
    // fuzz63: `smtp_server "192.168.200.1\r"` made 2.2.7 print `(Line 8) Invalid smtp server 192.168.200.1<CR> 25`,
    // which the sweeps took for an unlocated message.
    const printed = '(Line 8) Invalid smtp server 192.168.200.1\r 25\n(x.conf: Line 2) Unknown keyword \'a\u2028b\'\n';
    expect(parseKeepalivedStderr(printed)).toEqual([
      { file: undefined, line: 8, message: 'Invalid smtp server 192.168.200.1\r 25' },
      { file: 'x.conf', line: 2, message: "Unknown keyword 'a\u2028b'" },
    ]);
  });

  it('joins an indented continuation line to the message before it only when asked', () => {
    const printed = '(Line 1) first\n   more words\n';
    expect(parseKeepalivedStderr(printed, { joinIndented: true })).toEqual([{ file: undefined, line: 1, message: 'first more words' }]);
    expect(parseKeepalivedStderr(printed)).toHaveLength(2);
  });
});
