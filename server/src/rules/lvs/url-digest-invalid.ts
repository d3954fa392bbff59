import type { FileRule } from '../types.js';
import { allCheckers } from './util.js';
import { digestBytes, DIGEST_READ_BY_PAIRS_SINCE } from '../../core/analysis/values.js';
import { compareVersions } from '../../core/schema/schema.js';

export const urlDigestInvalid: FileRule = {
  kind: 'file',
  code: 'KA529',
  name: 'url-digest-invalid',
  family: 'lvs',
  severity: 'error',
  description: 'A url digest is not an MD5 sum written as 32 hex digits; keepalived ignores it.',
  docs: {
    why:
      'HTTP_GET/SSL_GET compare the MD5 sum of the page with `digest`, which must be exactly 32 hexadecimal digits (the ' +
      'output of `genhash` or `md5sum`). Any other value is ignored with an error from `keepalived -t`, and the page content ' +
      'is then not checked at all. From 2.0.6 keepalived reads the digest two characters at a time as a number, so a pair of ' +
      'a blank, `+` or `-` and one hex digit passes too: the sum it then compares with is not the one written, which the ' +
      'warning spells out.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path /\n                digest 9b3a0c85\n            }\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path /\n                digest 9b3a0c85a887a256d6939da88aabd8cd\n            }\n        }\n    }\n}',
  },
  check(ctx) {
    const checkers = allCheckers(ctx.analysis);
    const byPairs = compareVersions(ctx.target, DIGEST_READ_BY_PAIRS_SINCE) >= 0;
    for (let i = 0; i < checkers.length; i++) {
      const { checker: ck } = checkers[i]!;
      for (let m = 0, urlList = ck.urls; m < urlList.length; m++) {
        const url = urlList[m]!;
        // The model notes the urls with a digest line (few have one).
        if (url.hasDigest === false) continue;
        for (let n = 0, ds = url.node.children; n < ds.length; n++) {
          const d = ds[n]!;
          // A repeat keepalived ignores (the first valid digest wins, KA209) is not checked.
          if (d.keyword !== 'digest' || ctx.analysis.model.ignoredRepeats.has(d)) continue;
          const w = d.args[0];
          if (!w) continue;
          const problem = w.text.length !== 32
            ? `has ${w.text.length} characters; an MD5 digest has 32 hex digits`
            : !/^[0-9a-fA-F]{32}$/.test(w.text)
              ? 'contains characters that are not hex digits'
              : undefined;
          if (!problem) continue;
          // ' 0123…' or '+123…': strtoul takes a blank or sign before a single digit, so keepalived uses the digest.
          const read = byPairs && w.text.length === 32 ? digestBytes(w.text) : undefined;
          if (read !== undefined) {
            ctx.report({
              message: `digest '${w.text}' is not written as 32 hex digits, but keepalived reads each pair of characters as a number and takes it: it compares the page's MD5 sum with ${read}; write that`,
              severity: 'warning',
              file: w.file,
              range: w.range,
              fix: w.expanded ? undefined : { description: `Write '${read}'`, edits: [{ file: w.file, range: w.range, newText: read }], safe: true },
            });
            continue;
          }
          ctx.report({ message: `digest '${w.text}' ${problem}; keepalived ignores it`, file: w.file, range: w.range });
        }
      }
    }
  },
};
