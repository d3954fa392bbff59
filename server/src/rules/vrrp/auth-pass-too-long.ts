// KA302: keepalived keeps only the first 8 bytes of auth_pass (and reports a config error).

import { utf8Length } from '../../core/analysis/values.js';
import type { FileRule } from '../types.js';
import { isPlaceholderWord } from '../style/placeholder-left.js';
import { authenticationBlocks } from './util.js';
import { configErrorsCounted } from '../../core/schema/schema.js';

const MAX_AUTH_PASS_BYTES = 8;
/** Whether every character is ASCII (a loop: a regex call per password cost more, on thousands of instances). */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The longest prefix of `text` that fits in `max` bytes (as the file has them, see utf8Length). */
function truncateBytes(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (utf8Length(out + ch) > max) break;
    out += ch;
  }
  return out;
}

export const authPassTooLong: FileRule = {
  kind: 'file',
  code: 'KA302',
  name: 'auth-pass-too-long',
  family: 'vrrp',
  severity: 'warning',
  description: 'auth_pass is longer than 8 characters; keepalived uses only the first 8 and reports it.',
  docs: {
    why: 'VRRPv2 PASS and AH authentication carry at most 8 bytes of password. keepalived truncates a longer auth_pass ("Truncating auth_pass to 8 characters", a config error under -t), so the extra characters protect nothing, and two nodes whose passwords differ only after the 8th character accept each other. kalint rates it a warning, as the cut itself changes nothing between nodes that share the same first 8 bytes; a deploy gated on `keepalived -t` fails on it all the same (from 2.0.7), so raise it to an error in .kalint.json (`"rules": { "KA302": "error" }`) or lint with `--max-warnings 0` where that matters.',
    bad: 'vrrp_instance VI_1 {\n    authentication {\n        auth_type PASS\n        auth_pass SuperSecret2024\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    authentication {\n        auth_type PASS\n        auth_pass Sup3rS3c\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    const reported = configErrorsCounted(target) ? 'reports a configuration error (keepalived -t exits non-zero)' : 'logs it';
    for (let i = 0, insts = analysis.model.vrrpInstances; i < insts.length; i++) {
      const inst = insts[i]!;
      if (!inst.authentication) continue;
      // keepalived truncates (and reports) every auth_pass line it reads, not only the one that wins.
      for (let j = 0, blocks = authenticationBlocks(inst); j < blocks.length; j++) {
        const block = blocks[j]!;
        for (let k = 0, nodes = block.children; k < nodes.length; k++) {
          const node = nodes[k]!;
          if (node.keyword !== 'auth_pass') continue;
          const value = node.argText(0);
          if (value === undefined) continue;
          // Most passwords are short ASCII: no need to encode them to count bytes.
          if (value.length <= MAX_AUTH_PASS_BYTES && isAscii(value)) continue;
          const bytes = utf8Length(value);
          if (bytes <= MAX_AUTH_PASS_BYTES) continue;
          const word = node.args[0]!;
          const kept = truncateBytes(value, MAX_AUTH_PASS_BYTES);
          // keepalived copies 8 bytes, whatever characters they are part of: when the 8th byte falls inside a
          // character, no text ending on a character reproduces those bytes, and a fix would change the
          // password this node uses (live 2.2.7: "invalid passwd" and both nodes MASTER after such a cut).
          const splitChar = utf8Length(kept) < MAX_AUTH_PASS_BYTES ? [...value.slice(kept.length)][0] : undefined;
          const canFix = !word.expanded && splitChar === undefined;
          // `auth_pass $password` with no $password= definition is read as written (KA109), but it is most
          // likely a template's variable: cutting it to '$passwor' would break the template, so --fix leaves it.
          // An example's placeholder (`<--AUTHPASS-->`, `your_password_here`, KA705) is not a password: cut to 8 bytes,
          // the word no longer says what to put there.
          // Nor when the 8 bytes read as one (`ChangeMe53` → 'ChangeMe', a harvested config): the fix would leave a placeholder.
          const templateVariable = /\$[A-Za-z_{]/.test(value) || isPlaceholderWord(value) || isPlaceholderWord(kept);
          report({
            message: splitChar === undefined
              ? `auth_pass of '${inst.name}' is ${bytes} bytes; keepalived uses only the first ${MAX_AUTH_PASS_BYTES} ('${kept}') and ${reported}`
              : `auth_pass of '${inst.name}' is ${bytes} bytes; keepalived uses only the first ${MAX_AUTH_PASS_BYTES} ('${kept}' and the first ${MAX_AUTH_PASS_BYTES - utf8Length(kept)} of the ${utf8Length(splitChar)} bytes of '${splitChar}') and ${reported}; no text of whole characters keeps those bytes, so give every node a password of at most ${MAX_AUTH_PASS_BYTES} bytes`,
            file: node.file,
            range: word.range,
            fix: canFix
              ? { description: `Truncate to '${kept}'`, edits: [{ file: node.file, range: word.range, newText: word.quoted ? `"${kept}"` : kept }], safe: !templateVariable }
              : undefined,
          });
        }
      }
    }
  },
};
