// keepalived reads bytes, not characters: a config saved as Latin-1, Windows-1252 or GBK is as valid
// to it as UTF-8, and its length limits (auth_pass 8, interface names 15…) count bytes. The core works
// on JavaScript strings, so a file's bytes are decoded as UTF-8 where they are UTF-8 and each other
// byte becomes one lone surrogate, U+DC80 + (byte - 0x80) (Python's "surrogateescape"). Such a text
// encodes back to the same bytes, counts one unit per escaped byte, and is never produced by decoding
// valid UTF-8, so a text without lone surrogates is plain UTF-8 text.

const FATAL = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const ENCODER = new TextEncoder();

/** The escape of a byte that is not part of valid UTF-8 (0x80..0xff). */
const ESCAPE_BASE = 0xdc00;

/** Whether `code` (a UTF-16 unit) is an escaped byte, given the unit before it. */
export function isEscapedByte(code: number, before: number): boolean {
  return code >= 0xdc80 && code <= 0xdcff && !(before >= 0xd800 && before <= 0xdbff);
}

/** An escaped byte not preceded by a high surrogate (the low half of a pair is no escape). */
export const ESCAPED_BYTE_RE = /(?<![\ud800-\udbff])[\udc80-\udcff]/g;
const ANY_ESCAPED_BYTE = /(?<![\ud800-\udbff])[\udc80-\udcff]/;

/** Whether the text holds bytes that were not UTF-8. */
export function hasEscapedBytes(text: string): boolean {
  return ANY_ESCAPED_BYTE.test(text);
}

/** A file's bytes as text: UTF-8, with every byte that is not part of valid UTF-8 escaped (see above). */
export function decodeBytes(bytes: Uint8Array): string {
  try {
    return FATAL.decode(bytes);
  } catch {
    return decodeEscaping(bytes);
  }
}

/** The length of the valid UTF-8 sequence at `i`, or 0 (overlong forms, surrogates and > U+10FFFF are not). */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < bytes.length && bytes[i + k]! >= lo && bytes[i + k]! <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 >= 0xe1 && b0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

function decodeEscaping(bytes: Uint8Array): string {
  const parts: string[] = [];
  let units: number[] = [];
  const flush = () => {
    parts.push(String.fromCharCode.apply(null, units));
    units = [];
  };
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = sequenceLength(bytes, i);
    if (n) {
      i += n;
      continue;
    }
    // A byte that is not UTF-8: the valid run before it is decoded as a whole.
    if (i > runStart) {
      if (units.length) flush();
      parts.push(FATAL.decode(bytes.subarray(runStart, i)));
    }
    units.push(ESCAPE_BASE + b);
    if (units.length >= 4096) flush();
    i++;
    runStart = i;
  }
  if (units.length) flush();
  if (i > runStart) parts.push(FATAL.decode(bytes.subarray(runStart, i)));
  return parts.join('');
}

/** The bytes of a text made by decodeBytes (or any text): escaped bytes as themselves, the rest as UTF-8. */
export function encodeText(text: string): Uint8Array {
  if (!hasEscapedBytes(text)) return ENCODER.encode(text);
  const out: Uint8Array[] = [];
  let total = 0;
  let from = 0;
  const push = (a: Uint8Array) => {
    out.push(a);
    total += a.length;
  };
  for (const m of text.matchAll(ESCAPED_BYTE_RE)) {
    if (m.index! > from) push(ENCODER.encode(text.slice(from, m.index)));
    push(Uint8Array.of(m[0].charCodeAt(0) - ESCAPE_BASE));
    from = m.index! + 1;
  }
  if (from < text.length) push(ENCODER.encode(text.slice(from)));
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const a of out) {
    bytes.set(a, at);
    at += a.length;
  }
  return bytes;
}

/** `text` with each escaped byte written `\xNN`, for messages: a terminal would show each as '�'. */
export function showEscapedBytes(text: string): string {
  return text.replace(ESCAPED_BYTE_RE, (c) => `\\x${(c.charCodeAt(0) - ESCAPE_BASE).toString(16).padStart(2, '0')}`);
}
