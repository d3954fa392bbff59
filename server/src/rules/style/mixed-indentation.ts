import type { FileRule } from '../types.js';
import { rangeOf } from '../fixes.js';

export const mixedIndentation: FileRule = {
  kind: 'file',
  code: 'KA703',
  name: 'mixed-indentation',
  family: 'style',
  severity: 'info',
  description: 'Indentation mixes tabs and spaces, within a line or across the file.',
  docs: {
    why:
      'keepalived ignores indentation, but people read it to see which block a line belongs to — and tabs are shown 2, 4 or 8 ' +
      'columns wide depending on the editor, so with a mix a line can appear to be in a block it is not in. Indent with one ' +
      'kind of blank (the kalint formatter does it for you).',
    bad: 'vrrp_instance VI_1 {\n\t  state MASTER\n}',
    good: 'vrrp_instance VI_1 {\n    state MASTER\n}',
  },
  check(ctx) {
    for (const file of ctx.analysis.files.values()) {
      const { text, lex } = file;
      // Without a tab there is nothing to mix (most files: one native search instead of a loop over every indent).
      if (text.indexOf('\t') < 0) continue;
      const lineStarts = lex.lineStarts;
      const length = text.length;
      let mixedFirst: [number, number] | undefined;
      let mixedCount = 0;
      // Counts and the first line of each style (no list per line: large configs have 300k lines).
      const byKind = { tab: { count: 0, first: [0, 0] as [number, number] }, space: { count: 0, first: [0, 0] as [number, number] } };
      for (let ln = 0; ln < lineStarts.length; ln++) {
        const start = lineStarts[ln]!;
        let i = start;
        let tabs = false;
        let spaces = false;
        // Bounded by the length rather than stopping on charCodeAt's NaN past the end: reading
        // out of bounds once (a final empty line) deoptimizes the loop into code twice as slow.
        for (; i < length; i++) {
          const c = text.charCodeAt(i);
          if (c === 9) tabs = true;
          else if (c === 32) spaces = true;
          else break;
        }
        // Blank lines do not count: only indentation in front of something.
        if (i === start || i >= length) continue;
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) continue;
        if (tabs && spaces) {
          mixedCount++;
          mixedFirst ??= [start, i];
        } else {
          const kind = tabs ? byKind.tab : byKind.space;
          if (kind.count++ === 0) kind.first = [start, i];
        }
      }
      const report = (at: [number, number], message: string) => {
        const range = rangeOf(ctx.analysis, file.path, at[0], at[1]);
        if (range) ctx.report({ message, file: file.path, range });
      };
      if (mixedFirst) {
        report(mixedFirst, `This line${mixedCount > 1 ? ` and ${mixedCount - 1} more` : ''} mix${mixedCount > 1 ? '' : 'es'} tabs and spaces in the indentation; it reads differently in different editors`);
      }
      const { tab, space } = byKind;
      if (tab.count && space.count) {
        // Point at the first line of the less used style.
        const [minority, name, other] = tab.count < space.count ? [tab, 'tabs', 'spaces'] : [space, 'spaces', 'tabs'];
        report(minority.first, `${minority.count} line${minority.count > 1 ? 's are' : ' is'} indented with ${name} while ${Math.max(tab.count, space.count)} use ${other}; pick one`);
      }
    }
  },
};
