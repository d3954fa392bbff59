// KA374: an auth_hmac key (keepalived 2.4.0 and later) must be 32 to 64 bytes: as written, or as the
// bytes of its `hex:` digits (keepalived 2.4.3 vrrp_parser.c, vrrp_auth_hmac_key_handler); and the
// active_key must name a key keepalived keeps, or it disables auth_hmac (vrrp.c).

import { utf8Length } from '../../core/analysis/values.js';
import { childrenNamed } from '../../core/analysis/ast.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { keywordRange } from './util.js';

/** The release auth_hmac came in (the keyword table's `since`). */
const AUTH_HMAC_SINCE: Version = [2, 4, 0];

const KEY_MIN = 32;
const KEY_MAX = 64;

/**
 * The key's length in bytes as keepalived decodes it, or undefined when kalint cannot tell (a file). keepalived's hex
 * reader (read_hex_str) takes two digits a byte, a digit alone before a blank or the end as a byte of its own, skips
 * blanks, and gives nothing at all for any other character (`hex:0x00…` is 0 bytes).
 */
export function hmacKeyBytes(value: string): number | undefined {
  if (value.startsWith('file:')) return undefined;
  if (value.startsWith('hex:')) {
    // As read_hex_str reads it: blanks and tabs are skipped before a byte; a byte's second digit is whatever follows
    // its first unless that is a blank (a tab there is a digit that is no hex digit).
    const hex = value.slice(4);
    const isHex = (c: string | undefined) => c !== undefined && /[0-9A-Fa-f]/.test(c);
    let bytes = 0;
    for (let i = 0; ; ) {
      while (hex[i] === ' ' || hex[i] === '\t') i++;
      if (i >= hex.length) break;
      if (!isHex(hex[i++])) return 0;
      if (i < hex.length && hex[i] !== ' ' && !isHex(hex[i++])) return 0;
      bytes++;
    }
    return bytes;
  }
  return utf8Length(value);
}

export const authHmacKeyLength: FileRule = {
  kind: 'file',
  code: 'KA374',
  name: 'auth-hmac-key-length',
  family: 'vrrp',
  severity: 'error',
  description: 'An auth_hmac key is shorter than 32 or longer than 64 bytes (hex read as keepalived reads it) or repeats a key id, or active_key names no key keepalived keeps; keepalived drops the key, or auth_hmac altogether.',
  docs: {
    why:
      'keepalived 2.4 authenticates adverts with HMAC keys (`auth_hmac { key ID VALUE }`). The value is the key itself, ' +
      'its bytes as written, or `hex:` followed by two hex digits per byte (or `file:PATH`, read at load time). A key ' +
      'must be 32 to 64 bytes: keepalived reports any other length ("auth_hmac key 1 length 6 not in range [32, 64]") ' +
      'and drops the key, so an `active_key` naming it has no key to sign with. An `active_key` that names no key kept ' +
      '(or its absence: the active key is then 0, which no key can be) makes keepalived disable auth_hmac for the ' +
      'instance ("auth_hmac active_key 2 is not defined, disabling extension"): its adverts then carry no HMAC at all.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    auth_hmac {\n        key 1 secret\n        active_key 1\n    }\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    auth_hmac {\n        key 1 hex:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n        active_key 1\n    }\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
    target: '2.4.3',
  },
  check({ analysis, target, report }) {
    // Before 2.4.0 the keyword is unknown (KA210 says so).
    if (compareVersions(target, AUTH_HMAC_SINCE) < 0) return;
    for (let itemIndex = 0, itemList = analysis.model.vrrpInstances; itemIndex < itemList.length; itemIndex++) {
      const inst = itemList[itemIndex]!;
      for (const block of childrenNamed(inst.node, 'auth_hmac')) {
        // Key ids keepalived keeps (1..255, first of a repeated id, a length in range; a file's is not known here).
        const kept = new Set<number>();
        for (const key of childrenNamed(block, 'key')) {
          const id = /^\d+$/.test(key.args[0]?.text ?? '') ? Number(key.args[0]!.text) : 0;
          const value = key.args[1];
          const bytes = value && hmacKeyBytes(value.text);
          const lengthKept = bytes === undefined || (bytes >= KEY_MIN && bytes <= KEY_MAX);
          if (value && id >= 1 && id <= 255 && lengthKept) {
            if (kept.has(id)) {
              report({ message: `auth_hmac key id ${id} is already defined in this block; keepalived keeps the first and drops this one ("duplicate auth_hmac key id ${id}")`, file: key.file, range: key.range });
              continue;
            }
            kept.add(id);
          }
          if (!value) continue;
          if (lengthKept) continue;
          report({
            message: `auth_hmac key ${key.args[0]!.text} is ${bytes} bytes${bytes === 0 && value.text.startsWith('hex:') ? " (a character that is no hex digit, such as '0x', makes the whole value nothing)" : ''}; keepalived takes ${KEY_MIN} to ${KEY_MAX} and drops this key ("length ${bytes} not in range [${KEY_MIN}, ${KEY_MAX}]")`,
            file: value.file,
            range: value.range,
          });
        }
        // The last active_key line decides; an invalid one leaves the earlier value (0 when none).
        let active = 0;
        let activeLine = undefined as (typeof block) | undefined;
        for (const line of childrenNamed(block, 'active_key')) {
          const text = line.args[0]?.text ?? '';
          if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 255) continue;
          active = Number(text);
          activeLine = line;
        }
        if (kept.has(active)) continue;
        report({
          message: activeLine
            ? `auth_hmac active_key ${active} of '${inst.name}' names no key keepalived keeps; it disables auth_hmac for the instance ("auth_hmac active_key ${active} is not defined, disabling extension")`
            : `auth_hmac of '${inst.name}' has no active_key; keepalived disables it ("auth_hmac active_key 0 is not defined, disabling extension")`,
          file: (activeLine ?? block).file,
          range: activeLine ? activeLine.range : keywordRange(block),
        });
      }
    }
  },
};
