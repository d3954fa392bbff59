import type { FileRule } from '../types.js';
import { rangeOf } from '../lvs/util.js';

export const mixedIndentation: FileRule = {
  kind: 'file',
  code: 'KA703',
  name: 'mixed-indentation',
  family: 'style',
  severity: 'info',
  description: 'Lines are indented with a mix of tabs and spaces.',
  docs: {
    why:
      'keepalived ignores indentation, but people read it to see which block a line belongs to — and a mix of tabs and ' +
      'spaces looks different in every editor, so a line can appear to be in a block it is not in. Indent with one kind of ' +
      'blank (the kalint formatter does it for you).',
    bad: 'vrrp_instance VI_1 {\n\t  state MASTER\n}',
    good: 'vrrp_instance VI_1 {\n    state MASTER\n}',
  },
  check(ctx) {
    for (const file of ctx.analysis.files.values()) {
      const { text, lex } = file;
      let first: number | undefined;
      let count = 0;
      for (const start of lex.lineStarts) {
        let i = start;
        let tabs = false;
        let spaces = false;
        while (i < text.length && (text[i] === ' ' || text[i] === '\t')) {
          if (text[i] === '\t') tabs = true;
          else spaces = true;
          i++;
        }
        // Blank lines do not count: only indentation in front of something.
        if (!(tabs && spaces) || i >= text.length || text[i] === '\n' || text[i] === '\r') continue;
        count++;
        first ??= start;
      }
      if (first === undefined) continue;
      let e = first;
      while (text[e] === ' ' || text[e] === '\t') e++;
      const range = rangeOf(ctx.analysis, file.path, first, e);
      if (!range) continue;
      ctx.report({
        message: `This line${count > 1 ? ` and ${count - 1} more` : ''} mix${count > 1 ? '' : 'es'} tabs and spaces in the indentation; it reads differently in different editors`,
        file: file.path,
        range,
      });
    }
  },
};
