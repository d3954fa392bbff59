// What rules say of a top-level block one of its two readers never sees (see PartlyUnread in the model).

import type { AstNode } from '../core/analysis/ast.js';
import type { Range } from '../core/syntax/cst.js';
import type { PartlyUnread } from '../core/model/model.js';

/**
 * Why `reader` ('the VRRP process', "keepalived's checker process") never reads the `kind` block `def` named
 * `name`, and the places to show: the block, and the '{' that keeps the skip going.
 */
export function neverRead(reader: string, kind: string, name: string, def: AstNode, unread: PartlyUnread): { why: string; related: { file: string; range: Range; message: string }[] } {
  const { skipped, brace } = unread;
  return {
    why:
      `${reader} never reads ${kind} '${name}' (line ${def.range.start.line + 1}): it skips '${skipped.keyword}' (line ${skipped.range.start.line + 1}) by counting braces, ` +
      (brace.quoted
        ? `and the quoted '"{"' on line ${brace.range.start.line + 1}, which it takes for a '{' (it drops the quotes and compares every word), is never matched, so it skips on over that ${kind}`
        : `and the '{' on line ${brace.range.start.line + 1} that opened nothing is never matched, so it skips on over that ${kind}`),
    related: [
      { file: def.file, range: def.args[0]?.range ?? def.range, message: `defined here, where ${reader.replace(/^keepalived's /, 'the ')} is still skipping` },
      { file: brace.file, range: brace.range, message: `this '${brace.quoted ? '"{"' : '{'}' is counted by the processes that skip the block, and never matched` },
    ],
  };
}
