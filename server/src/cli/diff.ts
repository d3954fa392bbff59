// Unified diffs of configs, for `kalint fmt --diff` and `kalint peer --diff`.

import { createTwoFilesPatch } from 'diff';
import { configBytes } from './host.js';

/**
 * A unified diff of a config, labelled as git labels it (`a/PATH`, `b/PATH`; an absolute path keeps its own '/'),
 * as the bytes to print: the labels in UTF-8, the config's lines as the bytes the file has.
 */
export function unifiedDiff(fromLabel: string, toLabel: string, before: string, after: string): Buffer {
  const patch = createTwoFilesPatch('a', 'b', before, after, undefined, undefined, { context: 3 }).replace(/^=+\n--- a\n\+\+\+ b\n/, '');
  const prefixed = (prefix: string, p: string) => (p.startsWith('/') ? `${prefix}${p}` : `${prefix}/${p}`);
  return Buffer.concat([Buffer.from(`--- ${prefixed('a', fromLabel)}\n+++ ${prefixed('b', toLabel)}\n`, 'utf8'), configBytes(patch)]);
}
