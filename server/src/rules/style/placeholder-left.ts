// KA705: a documentation placeholder such as `<public-ip>` left in the config.

import type { FileRule } from '../types.js';
import { walkAst, type AstNode, type Word } from '../../core/analysis/ast.js';

/** `<public-ip>`, `<VIP>`, `<name_of_your_container>`: what examples write where the reader fills in a value. */
const PLACEHOLDER = /<[A-Za-z][\w.:/-]*>/;

/**
 * Lines left alone: `<…>` matched as text (HTML in a url regex), and a value another rule already
 * reports as invalid (KA533 for persistence_granularity).
 */
const SKIPPED = new Set(['regex', 'persistence_granularity']);

export const placeholderLeft: FileRule = {
  kind: 'file',
  code: 'KA705',
  name: 'placeholder-left',
  family: 'style',
  severity: 'warning',
  description: 'A placeholder from an example (`<public-ip>`, `<password>`) is left in the configuration.',
  docs: {
    why:
      'Guides write `<vip>`, `<interface>` or `<password>` where you are meant to put your own value, and configs ' +
      'copied from them keep the placeholder more often than one would think. keepalived reads it as it is: an ' +
      '`auth_pass <password>` becomes the password `<passwor`, a `script "check.sh <public-ip>"` hands the text ' +
      '`<public-ip>` to the script, and `keepalived -t` says nothing for either. (Where an address or a number is expected the ' +
      'placeholder is an invalid value, reported as such instead.) Text matched by a url `regex` is not a placeholder.',
    bad: 'vrrp_instance VI_1 {\n    authentication {\n        auth_type PASS\n        auth_pass <password>\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    authentication {\n        auth_type PASS\n        auth_pass Kp4ss01\n    }\n}\n',
  },
  check({ analysis, report }) {
    // Most files hold no '<' at all: nothing to walk.
    let any = false;
    for (const f of analysis.files.values()) if (f.text.includes('<')) any = true;
    if (!any) return;
    // A placeholder where a typed value is expected is already an invalid value (KA2xx): one finding is enough.
    const invalid = new Set<string>();
    for (const d of analysis.diagnostics) if (d.severity === 'error' && d.code.startsWith('KA2')) invalid.add(`${d.file}\0${d.range.start.offset}`);
    const say = (word: Word, node: AstNode) => {
      const m = PLACEHOLDER.exec(word.text);
      if (!m || invalid.has(`${word.file}\0${word.range.start.offset}`)) return false;
      report({
        message: `'${m[0]}' looks like a placeholder from an example, never filled in: keepalived reads it as it is${node.keyword ? ` (in '${node.keyword}')` : ''}; put the real value there`,
        file: word.file,
        range: word.range,
      });
      return true;
    };
    walkAst(analysis.ast, (node) => {
      if (SKIPPED.has(node.keyword)) return;
      // One finding per line is enough.
      let found = false;
      for (let i = 0; i < node.argCount && !found; i++) if (node.argText(i)!.includes('<')) found = say(node.argWord(i), node);
      for (const line of node.values ?? []) {
        for (const w of line.words) if (w.text.includes('<') && say(w, node)) break;
      }
    });
  },
};
