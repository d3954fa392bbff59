// Physical lines of every file read, with the ones keepalived takes as keyword lines marked
// (definition bodies, ~SEQ headers and include lines follow other rules and are skipped).

import type { Analysis } from '../../core/index.js';
import type { SourceFile } from '../../core/analysis/reader.js';
import type { Token } from '../../core/syntax/lexer.js';
import { classifyLine, type ClassifiedLine } from '../../core/syntax/lines.js';

export interface KeywordLine {
  file: SourceFile;
  line: number;
  tokens: Token[];
  classified: ClassifiedLine;
  /** Index in `tokens` where the line's own content starts (after an `@id` prefix). */
  first: number;
  /** Index after the last non-comment token. */
  end: number;
}

function continues(tokens: Token[], from: number, to: number): boolean {
  let end = to;
  if (end > from && tokens[end - 1]!.kind === 'comment') end--;
  return end > from && tokens[end - 1]!.text.endsWith('\\');
}

export function keywordLines(analysis: Analysis): KeywordLine[] {
  const out: KeywordLine[] = [];
  for (const file of analysis.files.values()) {
    const { tokens, lineFirstToken, lineStarts } = file.lex;
    let inDefinition = false;
    for (let ln = 0; ln < lineStarts.length; ln++) {
      const from = lineFirstToken[ln]!;
      const to = lineFirstToken[ln + 1]!;
      if (inDefinition) {
        inDefinition = continues(tokens, from, to);
        continue;
      }
      if (from === to) continue;
      const cl = classifyLine(tokens, from, to);
      if (cl.kind === 'definition') {
        inDefinition = continues(tokens, from, to);
        continue;
      }
      if (cl.kind !== 'keyword') continue;
      out.push({ file, line: ln, tokens, classified: cl, first: cl.first, end: cl.end });
    }
  }
  return out;
}
