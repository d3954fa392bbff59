import type { FileRule } from '../types.js';
import type { Token } from '../../core/syntax/lexer.js';
import { compareVersions } from '../../core/schema/schema.js';
import { rangeOf } from '../lvs/util.js';
import { keywordLine } from './lines.js';

/** keepalived 1.4.2 made `{` and `}` tokens of their own; before it they were part of the word they touched. */
const BRACES_SPLIT_SINCE: [number, number, number] = [1, 4, 2];

const isBrace = (t: Token) => t.kind === 'lbrace' || t.kind === 'rbrace';
const isSolid = (t: Token) => t.kind === 'word' || t.kind === 'string' || isBrace(t);

export const gluedBrace: FileRule = {
  kind: 'file',
  code: 'KA701',
  name: 'glued-brace',
  family: 'style',
  severity: 'warning',
  description: "A '{' or '}' touches a word or another brace (`TCP_CHECK{`, `eth0}`, `}vrrp_instance`); keepalived before 1.4.2 does not see the brace.",
  docs: {
    why:
      'keepalived 1.4.2 and later split braces from the words around them, so `TCP_CHECK{` works there. Older releases, still ' +
      'shipped by long-term distributions (CentOS 7 has 1.3.5), split words on blanks only: `TCP_CHECK{` is one unknown ' +
      'word, the block is not opened, its lines are read one level up and its `}` closes the enclosing block, so the rest of ' +
      'the file shifts by one level without any error. A blank on both sides of every brace reads the same everywhere.',
    bad: 'real_server 10.0.1.1 80 {\n    TCP_CHECK{\n        connect_timeout 3}\n}',
    good: 'real_server 10.0.1.1 80 {\n    TCP_CHECK {\n        connect_timeout 3\n    }\n}',
  },
  check(ctx) {
    const old = compareVersions(ctx.target, BRACES_SPLIT_SINCE) < 0;
    for (const file of ctx.analysis.files.values()) {
      const tokens = file.lex.tokens;
      let checkedLine = -1;
      let lineOk = false;
      let skipUntil = -1;
      for (let i = 0; i + 1 < tokens.length; i++) {
        const a = tokens[i]!;
        const b = tokens[i + 1]!;
        if (i < skipUntil || a.end !== b.start || a.line !== b.line || !isSolid(a) || !isSolid(b) || (!isBrace(a) && !isBrace(b))) continue;
        if (a.line !== checkedLine) {
          checkedLine = a.line;
          lineOk = keywordLine(file, a.line) !== undefined;
        }
        if (!lineOk) continue;
        // `${NAME}` is a definition reference, not a block.
        if (a.kind === 'word' && a.text.endsWith('$') && b.kind === 'lbrace') {
          let k = i + 2;
          while (k < tokens.length && tokens[k]!.line === a.line && tokens[k]!.kind !== 'rbrace') k++;
          skipUntil = k + 1;
          continue;
        }
        const brace = isBrace(b) ? b : a;
        const other = brace === b ? a : b;
        const glued = brace === b ? `${other.text}${brace.text}` : `${brace.text}${other.text}`;
        const range = rangeOf(ctx.analysis, file.path, brace.start, brace.end);
        const at = rangeOf(ctx.analysis, file.path, b.start, b.start);
        if (!range || !at) continue;
        const effect = old
          ? `keepalived ${ctx.target.join('.')} reads '${glued}' as one word, so the brace is not seen and the block structure of the rest of the file shifts`
          : `keepalived 1.4.2+ reads it correctly, but older releases (1.3.5 on CentOS 7) read '${glued}' as one word and lose the brace`;
        ctx.report({
          message: `'${brace.text}' is glued to '${other.text}': ${effect}; put a blank between them`,
          file: file.path,
          range,
          severity: old ? 'error' : 'warning',
          fix: { description: 'Insert a space', edits: [{ file: file.path, range: at, newText: ' ' }] },
        });
      }
    }
  },
};
