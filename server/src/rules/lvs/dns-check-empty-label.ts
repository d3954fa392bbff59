import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { allCheckers } from './util.js';

/**
 * From this release keepalived refuses a name with an empty label (0b115c7d). Before it the name is used: the empty
 * label is written as a zero length, which ends the query name there, and the rest of the name is read as the query
 * type, so the server answers with an error or not at all and the check fails.
 */
const EMPTY_LABEL_REFUSED_SINCE: Version = [2, 1, 4];
/**
 * Before this release a name ending with '.' is sent without the final zero-length label (c90240da, issue 1462):
 * the query is malformed and the check fails whatever the server holds.
 */
const TRAILING_DOT_FIXED_IN: Version = [2, 0, 20];

/** keepalived rejects a leading dot (except the root name ".") and any "..". */
export function hasEmptyLabel(name: string): boolean {
  if (name.startsWith('.') && name !== '.') return true;
  return name.includes('..');
}

/**
 * keepalived's test for an empty label (2.1.4 to 2.4.3 and master, check_dns.c) starts at the first character as
 * if it were a dot, so a one-character first label ('a.example.com') is refused too: "DNS_CHECK name
 * 'a.example.com' has empty label - ignoring" from the 2.1.4, 2.2.7 and 2.4.3 builds; 2.0.19 takes the name.
 */
export function misreadFirstLabel(name: string): boolean {
  return name.length > 1 && name[0] !== '.' && name[1] === '.';
}

export const dnsCheckEmptyLabel: FileRule = {
  kind: 'file',
  code: 'KA524',
  name: 'dns-check-empty-label',
  family: 'lvs',
  severity: 'error',
  description: "A DNS_CHECK 'name' has an empty label (a leading dot or '..'), or a one-character first label keepalived 2.1.4+ takes for one; keepalived ignores it (before 2.1.4 sends a malformed query, as it does before 2.0.20 for a name ending with a dot).",
  docs: {
    why:
      'DNS_CHECK sends a query for `name`. A name with an empty label (`.example.com`, `www..example.com`) is not a valid ' +
      'DNS name; keepalived ignores it and queries its default name instead, and `keepalived -t` reports it. Before 2.1.4 ' +
      'keepalived sends such a name in a malformed query, and before 2.0.20 a name ending with a dot too: the check then fails. ' +
      'From 2.1.4 keepalived\'s test also refuses a name whose first label is one character (`a.example.com`): it reads ' +
      'the character after the first as if it followed a dot. Such a name cannot be queried; use a CNAME with a longer label.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        DNS_CHECK {\n            type A\n            name www..example.com\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        DNS_CHECK {\n            type A\n            name www.example.com\n        }\n    }\n}',
  },
  check(ctx) {
    const refused = compareVersions(ctx.target, EMPTY_LABEL_REFUSED_SINCE) >= 0;
    const trailingDotBroken = compareVersions(ctx.target, TRAILING_DOT_FIXED_IN) < 0;
    const checkers = allCheckers(ctx.analysis);
    for (let i = 0; i < checkers.length; i++) {
      const { checker: ck } = checkers[i]!;
      if (ck.kind !== 'DNS_CHECK') continue;
      const first = ck.node.children.find((c) => c.keyword === 'name');
      const w = first?.args[0];
      if (!w) continue;
      if (trailingDotBroken && w.text.length > 1 && w.text.endsWith('.') && !hasEmptyLabel(w.text)) {
        const bare = w.text.slice(0, -1);
        ctx.report({
          message: `keepalived before 2.0.20 sends DNS_CHECK name '${w.text}' without the final empty label, so every query is malformed and the check always fails (fixed in 2.0.20); write '${bare}'`,
          file: w.file,
          range: w.range,
          fix: !w.expanded && !w.quoted ? { description: `Use '${bare}'`, edits: [{ file: w.file, range: w.range, newText: bare }] } : undefined,
        });
        continue;
      }
      if (refused && misreadFirstLabel(w.text) && !hasEmptyLabel(w.text)) {
        ctx.report({
          message: `keepalived ${ctx.target.join('.')} takes the one-character first label of DNS_CHECK name '${w.text}' for an empty one and ignores the name (keepalived: "DNS_CHECK name '${w.text}' has empty label - ignoring"), so it queries its default name instead`,
          file: w.file,
          range: w.range,
        });
        continue;
      }
      if (!hasEmptyLabel(w.text)) continue;
      const fixed = w.text.replace(/\.{2,}/g, '.').replace(/^\.(?=.)/, '');
      ctx.report({
        message: refused
          ? `DNS_CHECK name '${w.text}' has an empty label; keepalived ignores it (keepalived: "DNS_CHECK name '${w.text}' has empty label - ignoring")`
          : `DNS_CHECK name '${w.text}' has an empty label; keepalived before 2.1.4 sends it anyway, the query name ends at the empty label and the query is malformed, so the check fails`,
        file: w.file,
        range: w.range,
        fix: !w.expanded && !w.quoted ? { description: `Use '${fixed}'`, edits: [{ file: w.file, range: w.range, newText: fixed }] } : undefined,
      });
    }
  },
};
