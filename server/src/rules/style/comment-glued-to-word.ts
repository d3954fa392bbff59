// KA709: a '#' or '!' inside or right after a word starts a comment there (keepalived 2.2.7
// lib/parser.c cuts a line at the first '#' or '!' outside double quotes), so the value keepalived
// reads is cut short: `auth_pass password123!` is 'password123', `path /a#b` is '/a'.

import type { FileRule } from '../types.js';
import { Kind } from '../../core/syntax/lexer.js';
import { rangeOf } from '../fixes.js';
import { keywordLine } from './lines.js';

export const commentGluedToWord: FileRule = {
  kind: 'file',
  code: 'KA709',
  name: 'comment-glued-to-word',
  family: 'style',
  severity: 'warning',
  description: "A '#' or '!' touches the word before it (`auth_pass pass!word`); keepalived starts a comment there and reads the word only up to it.",
  docs: {
    why:
      "keepalived starts a comment at every '#' and '!' outside double quotes, in the middle of a word too. A password, " +
      'path or URL holding one is cut there without a word: `auth_pass pa#ss` authenticates with `pa`, ' +
      '`path /status#top` checks `/status`. Templates that write secrets or generated values into the file meet this ' +
      'first. When the character belongs to the value, write the value in double quotes, which keepalived reads whole ' +
      '(and change the peers alike); when a comment was meant, put a blank before it.',
    bad: 'vrrp_instance VI_1 {\n    authentication {\n        auth_type PASS\n        auth_pass s3cr#t1\n    }\n}',
    good: 'vrrp_instance VI_1 {\n    authentication {\n        auth_type PASS\n        auth_pass "s3cr#t1"\n    }\n}',
  },
  check(ctx) {
    for (const file of ctx.analysis.files.values()) {
      const store = file.lex;
      const { kinds, starts, count } = store;
      // Comments are few among the tokens: the kinds array's own search finds them.
      for (let i = kinds.indexOf(Kind.Comment, 1); i >= 1 && i < count; i = kinds.indexOf(Kind.Comment, i + 1)) {
        if (kinds[i - 1] !== Kind.Word || store.end(i - 1) !== starts[i]) continue;
        const mark = file.text[starts[i]!];
        if (mark !== '#' && mark !== '!') continue;
        const cl = keywordLine(file, store.src.lineOf(starts[i]!));
        if (!cl) continue;
        const range = rangeOf(ctx.analysis, file.path, starts[i]!, store.end(i));
        const at = rangeOf(ctx.analysis, file.path, starts[i]!, starts[i]!);
        if (!range || !at) continue;
        const word = store.source(i - 1);
        const rest = store.source(i);
        const shown = rest.length > 24 ? `${rest.slice(0, 24)}…` : rest;
        // A word holding a $NAME reference is read after substitution: say where the line ends, not what it reads.
        const reads = word.includes('$') ? 'reads the line only up to it' : `reads '${word}'`;
        ctx.report({
          message: `'${mark}' right after '${word}' starts a comment: keepalived ${reads} and ignores '${shown}'; if the '${mark}' belongs to the value, write the value in double quotes, else put a blank before the comment`,
          file: file.path,
          range,
          fix: { description: 'Put a blank before the comment (keepalived reads the same)', edits: [{ file: file.path, range: at, newText: ' ' }] },
        });
      }
    }
  },
};
