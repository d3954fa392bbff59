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

/** Whether bytes[i] is a continuation byte within [lo, hi]. */
function cont(bytes: Uint8Array, i: number, lo = 0x80, hi = 0xbf): boolean {
  if (i >= bytes.length) return false;
  const b = bytes[i]!;
  return b >= lo && b <= hi;
}

/** The length of the valid UTF-8 sequence at `i`, or 0 (overlong forms, surrogates and > U+10FFFF are not). */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(bytes, i + 1) ? 2 : 0;
  if (b0 === 0xe0) return cont(bytes, i + 1, 0xa0) && cont(bytes, i + 2) ? 3 : 0;
  if (b0 === 0xed) return cont(bytes, i + 1, 0x80, 0x9f) && cont(bytes, i + 2) ? 3 : 0;
  if (b0 >= 0xe1 && b0 <= 0xef) return cont(bytes, i + 1) && cont(bytes, i + 2) ? 3 : 0;
  if (b0 === 0xf0) return cont(bytes, i + 1, 0x90) && cont(bytes, i + 2) && cont(bytes, i + 3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(bytes, i + 1) && cont(bytes, i + 2) && cont(bytes, i + 3) ? 4 : 0;
  if (b0 === 0xf4) return cont(bytes, i + 1, 0x80, 0x8f) && cont(bytes, i + 2) && cont(bytes, i + 3) ? 4 : 0;
  return 0;
}

/** One pass: UTF-16 units into a typed array (never more units than bytes), made a string in chunks. */
function decodeEscaping(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  let n = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      units[n++] = b;
      i++;
      continue;
    }
    const len = sequenceLength(bytes, i);
    if (len === 2) units[n++] = ((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
    else if (len === 3) units[n++] = ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
    else if (len === 4) {
      const cp = ((b & 0x07) << 18) | ((bytes[i + 1]! & 0x3f) << 12) | ((bytes[i + 2]! & 0x3f) << 6) | (bytes[i + 3]! & 0x3f);
      units[n++] = 0xd800 + ((cp - 0x10000) >> 10);
      units[n++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
    } else {
      // A byte that is not part of valid UTF-8.
      units[n++] = ESCAPE_BASE + b;
      i++;
      continue;
    }
    i += len;
  }
  const parts: string[] = [];
  for (let k = 0; k < n; k += 8192) parts.push(String.fromCharCode.apply(null, units.subarray(k, Math.min(n, k + 8192)) as unknown as number[]));
  return parts.join('');
}

/** The bytes of a text made by decodeBytes (or any text): escaped bytes as themselves, the rest as UTF-8. */
export function encodeText(text: string): Uint8Array {
  if (!hasEscapedBytes(text)) return ENCODER.encode(text);
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      out[n++] = 0xf0 | (cp >> 18);
      out[n++] = 0x80 | ((cp >> 12) & 0x3f);
      out[n++] = 0x80 | ((cp >> 6) & 0x3f);
      out[n++] = 0x80 | (cp & 0x3f);
    } else if (c >= 0xdc80 && c <= 0xdcff) out[n++] = c - ESCAPE_BASE; // an escaped byte (not after a high surrogate: see above)
    else if (c >= 0xd800 && c <= 0xdfff) {
      // A lone surrogate no decoding made: U+FFFD, as TextEncoder writes it.
      out[n++] = 0xef;
      out[n++] = 0xbf;
      out[n++] = 0xbd;
    } else {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return out.slice(0, n);
}

/** `text` with each escaped byte written `\xNN`, for messages: a terminal would show each as '�'. */
export function showEscapedBytes(text: string): string {
  return text.replace(ESCAPED_BYTE_RE, (c) => `\\x${(c.charCodeAt(0) - ESCAPE_BASE).toString(16).padStart(2, '0')}`);
}

/**
 * How a text read as bytes shows it was saved as UTF-16, or undefined: a byte order mark (bytes FF FE or FE FF, kept
 * as escapes by decodeBytes), or a NUL byte beside most characters of its start. keepalived reads such a file byte by
 * byte and ends each line at its first NUL (KA117).
 */
export function utf16Evidence(text: string): string | undefined {
  if (text.startsWith('\udcff\udcfe')) return 'it starts with the byte order mark FF FE';
  if (text.startsWith('\udcfe\udcff')) return 'it starts with the byte order mark FE FF';
  const sample = Math.min(text.length, 256);
  // UTF-16 text puts the NUL of each ASCII character on one side, every other byte; a binary (an ELF header, 199 NULs
  // in 256 bytes, 86 at even offsets and 113 at odd ones) has as many NULs, at both.
  // (Sides by byte offset: two bytes that read as one UTF-8 character, a CJK character's, are one character of the text.)
  let all = 0;
  for (let i = 0; i < sample; i++) if (text.charCodeAt(i) === 0) all++;
  if (sample < 8 || all * 5 < sample * 2) return undefined;
  const bytes = encodeText(text.slice(0, sample));
  const nuls = [0, 0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) nuls[i % 2]!++;
  return Math.max(nuls[0]!, nuls[1]!) * 10 >= all * 9 ? 'a NUL byte beside each character' : undefined;
}

const UTF16LE = new TextDecoder('utf-16le', { fatal: true });

/**
 * The text of a file saved as UTF-16 (see utf16Evidence), from its bytes as decodeBytes kept them: little-endian after
 * FF FE, big-endian after FE FF, else the side of the NULs says; the byte order mark is dropped. Undefined when the
 * bytes are not UTF-16 (an odd count, a broken surrogate pair).
 */
export function decodeUtf16(text: string): string | undefined {
  const bytes = encodeText(text);
  if (bytes.length % 2 !== 0) return undefined;
  let bigEndian: boolean;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) bigEndian = false;
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) bigEndian = true;
  else {
    let evenNuls = 0;
    let oddNuls = 0;
    for (let i = 0; i < Math.min(bytes.length, 512); i++) if (bytes[i] === 0) (i % 2 === 0 ? evenNuls++ : oddNuls++);
    bigEndian = evenNuls > oddNuls;
  }
  if (bigEndian) {
    for (let i = 0; i < bytes.length; i += 2) {
      const b = bytes[i]!;
      bytes[i] = bytes[i + 1]!;
      bytes[i + 1] = b;
    }
  }
  try {
    // TextDecoder drops a leading byte order mark (U+FEFF) itself.
    return UTF16LE.decode(bytes);
  } catch {
    return undefined;
  }
}
