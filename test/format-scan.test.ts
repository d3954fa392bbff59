// The formatter's line scanner must see exactly the tokens the core lexer sees (the formatter
// relies on it to move whitespace only): checked on every proof file and on random text.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lex } from '../server/src/core/syntax/lexer.js';
import { Kind, LineTokens, scanLine } from '../server/src/core/format/scan.js';
import { messyConfig, proofFiles, readText } from './helpers/format-props.js';

const KIND_NAMES = { [Kind.Word]: 'word', [Kind.String]: 'string', [Kind.LBrace]: 'lbrace', [Kind.RBrace]: 'rbrace', [Kind.Comment]: 'comment' } as const;

function scanAll(text: string): string[] {
  const out: string[] = [];
  const tk = new LineTokens();
  let pos = 0;
  for (;;) {
    scanLine(text, pos, tk);
    for (let i = 0; i < tk.count; i++) out.push(`${KIND_NAMES[tk.kinds[i]!]}:${tk.starts[i]}:${text.slice(tk.starts[i], tk.ends[i])}`);
    if (tk.eolLength === 0) return out;
    pos = tk.next;
  }
}

function lexAll(text: string): string[] {
  return lex(text).tokens.map((t) => `${t.kind}:${t.start}:${t.kind === 'comment' ? t.text.replace(/[ \t\f\v]+$/, '') : t.text}`);
}

describe('formatter scanner agrees with the core lexer', () => {
  for (const [label, path] of proofFiles()) {
    it(label, () => {
      const text = readText(path);
      expect(scanAll(text)).toEqual(lexAll(text));
    });
  }

  it('on random text over the characters that matter', () => {
    const chars = fc.constantFrom(' ', '\t', '\n', '\r', '\r\n', '\f', '{', '}', '"', '#', '!', '\\', '$', "'", '@', 'a', 'b', '1', '~', 'é', '\u00a0', '\0', '\v', '\x01');
    fc.assert(
      // A bare CR is whitespace for the lexer (as for keepalived) but a line end for the scanner;
      // the formatter refuses such files, so they are left out of the comparison.
      fc.property(fc.array(chars, { maxLength: 60 }).map((a) => a.join('')).filter((t) => !/\r(?!\n)/.test(t)), (text) => {
        expect(scanAll(text)).toEqual(lexAll(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('on generated configs', () => {
    fc.assert(
      fc.property(messyConfig, (text) => {
        expect(scanAll(text)).toEqual(lexAll(text));
      }),
      { numRuns: 300 },
    );
  });

  it('flags what makes a line special', () => {
    const tk = new LineTokens();
    scanLine('a ${X} \'b\' "c', 0, tk);
    expect([tk.hasDollar, tk.hasApostrophe, tk.unterminatedAt]).toEqual([true, true, 11]);
  });
});
