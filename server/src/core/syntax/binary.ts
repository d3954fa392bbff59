// A file that is binary data, not text: an executable, an archive, an image, a compiled file named on the command
// line by mistake (`kalint lint /etc/keepalived/*` with a backup tarball there). keepalived does not refuse one: it
// reads the bytes as lines, and kalint read so would report thousands of unknown keywords and brace errors. The
// linter reports it once instead (KA119). A config with a stray NUL byte (KA117), one saved as UTF-16 (KA117 too)
// or one with Latin-1 or GBK bytes in its comments is text, and is linted as usual.

import { utf16Evidence } from './encoding.js';

/** How many bytes of a file's start are looked at. */
export const BINARY_SAMPLE_BYTES = 4096;
/** The fewest NUL runs and other control characters in the sample that make it binary (with the share below). */
const MIN_SIGNALS = 8;
/** The least share of the sample's bytes that are NULs, control characters or not UTF-8, in percent. */
const MIN_SHARE_PERCENT = 5;

export interface BinaryEvidence {
  /** What the file's first bytes say it is ('an ELF executable or library'), when they are a known signature. */
  kind: string | undefined;
  /** The signature's bytes, as hex ('7F 45 4C 46'), with `kind`. */
  signature: string | undefined;
  /** The first NUL byte, else the first control character: its offset in the text, in the file's bytes, and its code (0 for NUL). */
  offset: number;
  byteOffset: number;
  code: number;
  /** The bytes looked at (all of the file's, with `whole`), and what they hold. */
  sampleBytes: number;
  whole: boolean;
  nuls: number;
  controls: number;
  notUtf8: number;
}

/** Signatures of binary formats a config folder may hold, as the text decodeBytes makes of them (escaped bytes). */
const SIGNATURES: { kind: string; start: string; hex: string }[] = [
  { kind: 'an ELF executable or library', start: '\x7fELF', hex: '7F 45 4C 46' },
  { kind: 'a gzip archive', start: '\x1f\udc8b', hex: '1F 8B' },
  { kind: 'a zip archive', start: 'PK\x03\x04', hex: '50 4B 03 04' },
  { kind: 'an xz archive', start: '\udcfd7zXZ\0', hex: 'FD 37 7A 58 5A 00' },
  { kind: 'a zstd archive', start: '(\udcb5/\udcfd', hex: '28 B5 2F FD' },
  { kind: 'a PNG image', start: '\udc89PNG\r\n\x1a\n', hex: '89 50 4E 47' },
  { kind: 'a JPEG image', start: '\udcff\udcd8\udcff', hex: 'FF D8 FF' },
  { kind: 'an SQLite database', start: 'SQLite format 3\0', hex: '53 51 4C 69 74 65 …' },
];

/**
 * Whether `text` (a file's bytes as decodeBytes makes them) is binary data, and the evidence: in its first
 * BINARY_SAMPLE_BYTES bytes, at least MIN_SIGNALS NUL runs and other control characters (a tab, line feed, vertical
 * tab, form feed, carriage return or escape is text), and at least MIN_SHARE_PERCENT% of the bytes NULs, control
 * characters or not UTF-8. Text with a few stray NULs has too few; text in a legacy encoding (Latin-1, GBK) has bytes
 * that are not UTF-8 but no control characters; a UTF-16 file (a NUL beside each character) is KA117's. Never throws.
 */
export function findBinaryEvidence(text: string): BinaryEvidence | undefined {
  let bytes = 0;
  let nuls = 0;
  let runs = 0;
  let controls = 0;
  let notUtf8 = 0;
  let first = -1;
  let firstByte = -1;
  let firstNul = -1;
  let firstNulByte = -1;
  let i = 0;
  for (; i < text.length && bytes < BINARY_SAMPLE_BYTES; i++) {
    const c = text.charCodeAt(i);
    const at = bytes;
    if (c < 0x80) bytes++;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
      continue;
    } else if (c >= 0xdc80 && c <= 0xdcff) {
      // A byte that is not part of valid UTF-8 (see encoding.ts).
      bytes++;
      notUtf8++;
      continue;
    } else {
      bytes += 3;
      continue;
    }
    if (c === 0) {
      nuls++;
      if (i === 0 || text.charCodeAt(i - 1) !== 0) runs++;
      if (nuls === 1) {
        firstNul = i;
        firstNulByte = at;
      }
    } else if ((c < 0x20 && c !== 0x1b && (c < 9 || c > 13)) || c === 0x7f) {
      controls++;
      if (first < 0) {
        first = i;
        firstByte = at;
      }
    }
  }
  if (firstNul >= 0) {
    first = firstNul;
    firstByte = firstNulByte;
  }
  if (first < 0 || runs + controls < MIN_SIGNALS || (nuls + controls + notUtf8) * 100 < bytes * MIN_SHARE_PERCENT) return undefined;
  if (utf16Evidence(text)) return undefined;
  const signature = SIGNATURES.find((s) => text.startsWith(s.start));
  return {
    kind: signature?.kind,
    signature: signature?.hex,
    offset: first,
    byteOffset: firstByte,
    code: text.charCodeAt(first),
    sampleBytes: bytes,
    whole: i >= text.length,
    nuls,
    controls,
    notUtf8,
  };
}
