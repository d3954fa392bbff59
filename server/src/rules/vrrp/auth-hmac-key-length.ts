// KA374: an auth_hmac key (keepalived 2.4.0 and later) must be 32 to 64 bytes: as written, or as the
// bytes of its `hex:` digits (keepalived 2.4.3 vrrp_parser.c, vrrp_auth_hmac_key_handler).

import { utf8Length } from '../../core/analysis/values.js';
import { childrenNamed } from '../../core/analysis/ast.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';

/** The release auth_hmac came in (the keyword table's `since`). */
const AUTH_HMAC_SINCE: Version = [2, 4, 0];

const KEY_MIN = 32;
const KEY_MAX = 64;

/** The key's length in bytes as keepalived decodes it, or undefined when kalint cannot tell (a file, odd hex). */
export function hmacKeyBytes(value: string): number | undefined {
  if (value.startsWith('file:')) return undefined;
  if (value.startsWith('hex:')) {
    const digits = value.slice(4);
    return /^(?:[0-9A-Fa-f]{2})*$/.test(digits) ? digits.length / 2 : undefined;
  }
  return utf8Length(value);
}

export const authHmacKeyLength: FileRule = {
  kind: 'file',
  code: 'KA374',
  name: 'auth-hmac-key-length',
  family: 'vrrp',
  severity: 'error',
  description: 'An auth_hmac key is shorter than 32 or longer than 64 bytes; keepalived reports it and does not add the key.',
  docs: {
    why:
      'keepalived 2.4 authenticates adverts with HMAC keys (`auth_hmac { key ID VALUE }`). The value is the key itself, ' +
      'its bytes as written, or `hex:` followed by two hex digits per byte (or `file:PATH`, read at load time). A key ' +
      'must be 32 to 64 bytes: keepalived reports any other length ("auth_hmac key 1 length 6 not in range [32, 64]") ' +
      'and drops the key, so an `active_key` naming it has no key to sign with.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    auth_hmac {\n        key 1 secret\n        active_key 1\n    }\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    auth_hmac {\n        key 1 hex:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n        active_key 1\n    }\n    virtual_ipaddress {\n        192.168.1.10/24\n    }\n}\n',
    target: '2.4.3',
  },
  check({ analysis, target, report }) {
    // Before 2.4.0 the keyword is unknown (KA210 says so).
    if (compareVersions(target, AUTH_HMAC_SINCE) < 0) return;
    for (const inst of analysis.model.vrrpInstances) {
      for (const block of childrenNamed(inst.node, 'auth_hmac')) {
        for (const key of childrenNamed(block, 'key')) {
          const value = key.args[1];
          if (!value) continue;
          const bytes = hmacKeyBytes(value.text);
          if (bytes === undefined || (bytes >= KEY_MIN && bytes <= KEY_MAX)) continue;
          report({
            message: `auth_hmac key ${key.args[0]!.text} is ${bytes} bytes; keepalived takes ${KEY_MIN} to ${KEY_MAX} and drops this key ("length ${bytes} not in range [${KEY_MIN}, ${KEY_MAX}]")`,
            file: value.file,
            range: value.range,
          });
        }
      }
    }
  },
};
