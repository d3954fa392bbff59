// A config's bytes as text and back (core/syntax/encoding.ts): UTF-8 where the bytes are UTF-8, one
// escape per other byte, so that lengths count bytes as keepalived does and writing back is exact.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeUtf16, encodeText, hasEscapedBytes, showEscapedBytes, utf16Evidence } from '../server/src/core/syntax/encoding.js';
import { utf8Length } from '../server/src/core/analysis/values.js';
import { lintText } from '../server/src/linter.js';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('decodeBytes / encodeText', () => {
  it('decodes UTF-8 as UTF-8, byte order mark included', () => {
    const text = '\ufeffglobal_defs { # café 主 😀\n}\n';
    const b = new TextEncoder().encode(text);
    expect(decodeBytes(b)).toBe(text);
    expect(hasEscapedBytes(text)).toBe(false);
    expect(encodeText(text)).toEqual(b);
  });

  it('escapes each byte that is not part of valid UTF-8, and only those', () => {
    // Latin-1 é, a GBK character, a lone continuation byte, a truncated sequence at the end, an
    // overlong '/', an encoded surrogate: every one of these bytes stands alone.
    const cases: [Uint8Array, string][] = [
      [bytes(0x63, 0x61, 0x66, 0xe9), 'caf\udce9'],
      [bytes(0xd6, 0xf7, 0x20, 0x41), '\udcd6\udcf7 A'],
      [bytes(0x80), '\udc80'],
      [bytes(0x41, 0xe4, 0xb8), 'A\udce4\udcb8'],
      [bytes(0xc0, 0xaf), '\udcc0\udcaf'],
      [bytes(0xed, 0xa0, 0x80), '\udced\udca0\udc80'],
      // valid UTF-8 between escapes stays one character
      [bytes(0xe9, 0xc3, 0xa9, 0xe9), '\udce9é\udce9'],
    ];
    for (const [b, text] of cases) {
      expect(decodeBytes(b)).toBe(text);
      expect(encodeText(text)).toEqual(b);
      expect(utf8Length(text)).toBe(b.length);
    }
  });

  it('gives every byte sequence back exactly, and counts its bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const text = decodeBytes(b);
        expect(encodeText(text)).toEqual(b);
        expect(utf8Length(text)).toBe(b.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('does not take the second half of a surrogate pair for an escaped byte', () => {
    // U+10080 is D800 DC80 in UTF-16.
    const text = '\u{10080}';
    expect(hasEscapedBytes(text)).toBe(false);
    expect(showEscapedBytes(text)).toBe(text);
    expect(utf8Length(text)).toBe(4);
    expect(decodeBytes(encodeText(text))).toBe(text);
  });

  it('shows escaped bytes as \\xNN', () => {
    expect(showEscapedBytes('caf\udce9 \udcd6\udcf7')).toBe('caf\\xe9 \\xd6\\xf7');
  });
});

describe('a text with escaped bytes through the linter', () => {
  const config = (pass: string) => `vrrp_instance VI_1 {\n  state MASTER\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  authentication {\n    auth_type PASS\n    auth_pass ${pass}\n  }\n  virtual_ipaddress {\n    10.0.0.1\n  }\n}\n`;
  it('counts auth_pass in bytes and shows the bytes in the message', () => {
    // GBK 密码 is four bytes: 6 in all, which keepalived keeps whole; 10 it cuts to 8.
    expect(lintText(config('\udcc3\udcdc\udcc2\udceb12')).diagnostics.filter((d) => d.code === 'KA302')).toEqual([]);
    const [long] = lintText(config('\udcc3\udcdc\udcc2\udceb123456')).diagnostics.filter((d) => d.code === 'KA302');
    expect(long?.message).toContain("is 10 bytes; keepalived uses only the first 8 ('\\xc3\\xdc\\xc2\\xeb1234')");
  });
});

describe('files saved as UTF-16 (KA117)', () => {
  const text = 'global_defs {\n  router_id lb-é1 # 主\n}\n';
  const utf16 = (bigEndian: boolean, bom: boolean): string => {
    const units = [...(bom ? [0xfeff] : []), ...[...text].map((c) => c.charCodeAt(0))];
    const b = new Uint8Array(units.length * 2);
    units.forEach((u, i) => {
      b[2 * i + (bigEndian ? 1 : 0)] = u & 0xff;
      b[2 * i + (bigEndian ? 0 : 1)] = u >> 8;
    });
    return decodeBytes(b);
  };

  it('are told by their byte order mark or their NULs, and decoded either way round', () => {
    for (const bigEndian of [false, true]) {
      for (const bom of [false, true]) {
        const read = utf16(bigEndian, bom);
        expect(utf16Evidence(read), `${bigEndian} ${bom}`).toBeDefined();
        expect(decodeUtf16(read), `${bigEndian} ${bom}`).toBe(text);
      }
    }
    expect(utf16Evidence(text)).toBeUndefined();
    expect(utf16Evidence('a\0b')).toBeUndefined();
    // An ELF header and program headers (x86-64 keepalived's first 256 bytes): NULs at both even and odd offsets.
    const elf = '7f454c4602010100000000000000000003003e0001000000b0790100000000004000000000000000484a0d000000000000000000400038000d0040001d001c000600000004000000400000000000000040000000000000004000000000000000d802000000000000d802000000000000080000000000000003000000040000001803000000000000180300000000000018030000000000001c000000000000001c0000000000000001000000000000000100000004000000000000000000000000000000000000000000000000000000005601000000000000560100000000000010000000000000010000000500000000600100000000000060010000000000';
    expect(utf16Evidence(decodeBytes(Buffer.from(elf, 'hex')))).toBeUndefined();
    // UTF-16LE with CJK characters among ASCII ones (U+8BA4's bytes A4 8B... and D0 8B read as one UTF-8 character).
    const mixed = 'global_defs { # \u8bd0\u8ba4\u8bd5 router_id lb1 }\n'.repeat(4);
    expect(utf16Evidence(decodeBytes(Buffer.from(mixed, 'utf16le')))).toBeDefined();
    // An odd number of bytes is no UTF-16.
    expect(decodeUtf16(utf16(false, true) + 'x')).toBeUndefined();
  });

  it('get one finding whose safe fix writes the same text as UTF-8', () => {
    const found = lintText(utf16(false, true), { file: 'keepalived.conf' }).diagnostics.filter((d) => d.code === 'KA117');
    expect(found).toHaveLength(1);
    expect(found[0]!.fix).toMatchObject({ safe: true, edits: [{ newText: text, range: { start: { offset: 0 } } }] });
    expect(found[0]!.fix!.edits[0]!.range.end.offset).toBe(utf16(false, true).length);
  });
});
