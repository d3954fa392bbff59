import type { FileRule } from '../types.js';
import { allCheckers } from './util.js';

/** keepalived rejects a leading dot (except the root name ".") and any "..". */
export function hasEmptyLabel(name: string): boolean {
  if (name.startsWith('.') && name !== '.') return true;
  return name.includes('..');
}

export const dnsCheckEmptyLabel: FileRule = {
  kind: 'file',
  code: 'KA524',
  name: 'dns-check-empty-label',
  family: 'lvs',
  severity: 'error',
  description: "A DNS_CHECK 'name' has an empty label (a leading dot or '..'); keepalived ignores it.",
  docs: {
    why:
      'DNS_CHECK sends a query for `name`. A name with an empty label (`.example.com`, `www..example.com`) is not a valid ' +
      'DNS name; keepalived ignores it and queries its default name instead, and `keepalived -t` reports it.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        DNS_CHECK {\n            type A\n            name www..example.com\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        DNS_CHECK {\n            type A\n            name www.example.com\n        }\n    }\n}',
  },
  check(ctx) {
    const checkers = allCheckers(ctx.analysis);
    for (let i = 0; i < checkers.length; i++) {
      const { checker: ck } = checkers[i]!;
      if (ck.kind !== 'DNS_CHECK') continue;
      const first = ck.node.children.find((c) => c.keyword === 'name');
      const w = first?.args[0];
      if (!w || !hasEmptyLabel(w.text)) continue;
      const fixed = w.text.replace(/\.{2,}/g, '.').replace(/^\.(?=.)/, '');
      ctx.report({
        message: `DNS_CHECK name '${w.text}' has an empty label; keepalived ignores it (keepalived: "DNS_CHECK name '${w.text}' has empty label - ignoring")`,
        file: w.file,
        range: w.range,
        fix: !w.expanded && !w.quoted ? { description: `Use '${fixed}'`, edits: [{ file: w.file, range: w.range, newText: fixed }] } : undefined,
      });
    }
  },
};
