import type { FileRule } from '../types.js';
import { allCheckers } from './util.js';

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
      'is then not checked at all.',
    bad: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path /\n                digest 9b3a0c85\n            }\n        }\n    }\n}',
    good: 'virtual_server 10.0.0.1 80 {\n    protocol TCP\n    real_server 10.0.1.1 80 {\n        HTTP_GET {\n            url {\n                path /\n                digest 9b3a0c85a887a256d6939da88aabd8cd\n            }\n        }\n    }\n}',
  },
  check(ctx) {
    const checkers = allCheckers(ctx.analysis);
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
          ctx.report({ message: `digest '${w.text}' ${problem}; keepalived ignores it`, file: w.file, range: w.range });
        }
      }
    }
  },
};
