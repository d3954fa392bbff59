// Characters that look like a blank, a quote or a brace but are none to keepalived, which splits words
// on ASCII blanks only, quotes with '"' only and opens and closes blocks with '{' and '}' only. They arrive with text copied from web pages, chat
// and word processors: `priority<U+00A0>100` is one unknown word, `“/bin/notify.sh”` a command
// whose name starts with a quote mark.

import { hasEscapedBytes, isEscapedByte, showEscapedBytes } from './encoding.js';

export type LookalikeKind = 'space' | 'invisible' | 'quote' | 'brace';

interface LookalikeInfo {
  kind: LookalikeKind;
  name: string;
  /** What to write instead ('' = delete it). */
  replacement: string;
}

const INFO = new Map<number, LookalikeInfo>([
  [0x00a0, { kind: 'space', name: 'no-break space', replacement: ' ' }],
  [0x1680, { kind: 'space', name: 'ogham space mark', replacement: ' ' }],
  [0x2000, { kind: 'space', name: 'en quad', replacement: ' ' }],
  [0x2001, { kind: 'space', name: 'em quad', replacement: ' ' }],
  [0x2002, { kind: 'space', name: 'en space', replacement: ' ' }],
  [0x2003, { kind: 'space', name: 'em space', replacement: ' ' }],
  [0x2004, { kind: 'space', name: 'three-per-em space', replacement: ' ' }],
  [0x2005, { kind: 'space', name: 'four-per-em space', replacement: ' ' }],
  [0x2006, { kind: 'space', name: 'six-per-em space', replacement: ' ' }],
  [0x2007, { kind: 'space', name: 'figure space', replacement: ' ' }],
  [0x2008, { kind: 'space', name: 'punctuation space', replacement: ' ' }],
  [0x2009, { kind: 'space', name: 'thin space', replacement: ' ' }],
  [0x200a, { kind: 'space', name: 'hair space', replacement: ' ' }],
  [0x202f, { kind: 'space', name: 'narrow no-break space', replacement: ' ' }],
  [0x205f, { kind: 'space', name: 'medium mathematical space', replacement: ' ' }],
  [0x3000, { kind: 'space', name: 'ideographic space', replacement: ' ' }],
  // Byte 0xA0 of a file that is not UTF-8 (escaped by decodeBytes): a no-break space in Latin-1 and
  // Windows-1252, as a word processor or web page saved it.
  [0xdca0, { kind: 'space', name: 'no-break space saved as Latin-1', replacement: ' ' }],
  [0x200b, { kind: 'invisible', name: 'zero-width space', replacement: '' }],
  [0x200c, { kind: 'invisible', name: 'zero-width non-joiner', replacement: '' }],
  [0x200d, { kind: 'invisible', name: 'zero-width joiner', replacement: '' }],
  [0x2060, { kind: 'invisible', name: 'word joiner', replacement: '' }],
  [0xfeff, { kind: 'invisible', name: 'byte order mark', replacement: '' }],
  [0x201c, { kind: 'quote', name: 'left double quotation mark', replacement: '"' }],
  [0x201d, { kind: 'quote', name: 'right double quotation mark', replacement: '"' }],
  [0x201e, { kind: 'quote', name: 'double low-9 quotation mark', replacement: '"' }],
  [0x201f, { kind: 'quote', name: 'double high-reversed-9 quotation mark', replacement: '"' }],
  [0x00ab, { kind: 'quote', name: 'left-pointing double angle quotation mark', replacement: '"' }],
  [0x00bb, { kind: 'quote', name: 'right-pointing double angle quotation mark', replacement: '"' }],
  // A CJK input method left on types these for `{` and `}`: keepalived reads them as words.
  [0xff5b, { kind: 'brace', name: 'full-width left curly bracket', replacement: '{' }],
  [0xff5d, { kind: 'brace', name: 'full-width right curly bracket', replacement: '}' }],
  [0xfe5b, { kind: 'brace', name: 'small left curly bracket', replacement: '{' }],
  [0xfe5c, { kind: 'brace', name: 'small right curly bracket', replacement: '}' }],
]);

// The escaped byte 0xA0 is a lone low surrogate, never the second half of a pair.
const CHARS = '(?:[\\u00a0\\u1680\\u2000-\\u200d\\u202f\\u205f\\u2060\\u3000\\ufeff\\u201c-\\u201f\\u00ab\\u00bb\\ufe5b\\ufe5c\\uff5b\\uff5d]|(?<![\\ud800-\\udbff])\\udca0)';
/** Every lookalike character, for matchAll and replace only (never exec/test: its lastIndex must stay 0). */
export const LOOKALIKE_RE = new RegExp(CHARS, 'g');
const ANY_LOOKALIKE = new RegExp(CHARS);

export function lookalikeInfo(char: string): LookalikeInfo | undefined {
  return INFO.get(char.codePointAt(0)!);
}

export function hasLookalike(text: string): boolean {
  return ANY_LOOKALIKE.test(text);
}

/** U+00A0 style code point; `byte 0xA0` for a byte of a file that is not UTF-8. */
export function codePoint(char: string): string {
  const code = char.codePointAt(0)!;
  if (char.length === 1 && isEscapedByte(code, 0)) return `byte 0x${(code - 0xdc00).toString(16).toUpperCase()}`;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A message as shown: lookalikes as <U+XXXX> and the bytes of a file that is not UTF-8 as \xNN, so
 * it shows what the eye (or a terminal, which prints such a byte as '�') cannot.
 */
export function showUnseen(message: string): string {
  let shown = hasLookalike(message) ? showLookalikes(message) : message;
  // A control character in a quoted word prints as nothing (or moves the cursor): 'rou<U+0001>ter_id'.
  if (CONTROL_CHAR.test(shown)) shown = shown.replace(CONTROL_CHARS, (c) => `<${codePoint(c)}>`);
  return hasEscapedBytes(shown) ? showEscapedBytes(shown) : shown;
}

/** C0 controls but tab and newline, DEL and the C1 controls. */
const CONTROL_CHAR = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const CONTROL_CHARS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** `text` with each lookalike shown as <U+XXXX>, so a message shows what the eye cannot. */
export function showLookalikes(text: string): string {
  // A byte of a file that is not UTF-8 shows as \xNN, as other such bytes do (showUnseen).
  return text.replace(LOOKALIKE_RE, (c) => (c.length === 1 && isEscapedByte(c.charCodeAt(0), 0) ? showEscapedBytes(c) : `<${codePoint(c)}>`));
}

/** `text` with each lookalike replaced by what was meant. */
export function replaceLookalikes(text: string): string {
  return text.replace(LOOKALIKE_RE, (c) => lookalikeInfo(c)?.replacement ?? c);
}

/** "a no-break space (U+00A0)" for the first lookalike of `text`, plus how many kinds more. */
export function describeLookalikes(text: string): string {
  const seen = new Map<string, number>();
  for (const m of text.matchAll(LOOKALIKE_RE)) seen.set(m[0], (seen.get(m[0]) ?? 0) + 1);
  const parts = [...seen].map(([c, n]) => {
    const name = lookalikeInfo(c)!.name;
    return `${n > 1 ? `${n} × ` : /^[aeiou]/.test(name) ? 'an ' : 'a '}${name} (${codePoint(c)})`;
  });
  return parts.length <= 2 ? parts.join(' and ') : `${parts.slice(0, 2).join(', ')} and ${parts.length - 2} more`;
}

// Cyrillic and Greek letters drawn like Latin ones. keepalived compares keywords byte for byte, so
// `prеempt` with a Cyrillic 'е' is an unknown keyword that prints exactly like the real one.
const HOMOGLYPHS = new Map<string, { latin: string; script: string }>([
  ...[...'аеорсухіјѕһԁ'].map((c, i) => [c, { latin: 'aeopcyxijshd'[i]!, script: 'Cyrillic' }] as const),
  ...[...'АВЕКМНОРСТХІЈЅ'].map((c, i) => [c, { latin: 'ABEKMHOPCTXIJS'[i]!, script: 'Cyrillic' }] as const),
  ...[...'οΑΒΕΖΗΙΚΜΝΟΡΤΥΧ'].map((c, i) => [c, { latin: 'oABEZHIKMNOPTYX'[i]!, script: 'Greek' }] as const),
  // Full-width forms (U+FF01-FF5E), typed with a CJK input method left on: `priority ５１`.
  ...Array.from({ length: 0x5e }, (_, i) => [String.fromCharCode(0xff01 + i), { latin: String.fromCharCode(0x21 + i), script: 'full-width' }] as const),
]);
const HOMOGLYPH_RE = new RegExp(`[${[...HOMOGLYPHS.keys()].join('')}]`, 'g');

/** `text` with its Cyrillic and Greek look-alike letters written in Latin, or undefined when it has none. */
export function latinForHomoglyphs(text: string): string | undefined {
  const latin = text.replace(HOMOGLYPH_RE, (c) => HOMOGLYPHS.get(c)!.latin);
  return latin === text ? undefined : latin;
}

/** "the Cyrillic 'е' (U+0435) in place of the Latin 'e'" for each distinct look-alike letter of `text`. */
export function describeHomoglyphs(text: string): string {
  const seen = [...new Set(text.match(HOMOGLYPH_RE) ?? [])];
  const fullWidth = seen.filter((c) => HOMOGLYPHS.get(c)!.script === 'full-width');
  // A word typed with a CJK input method left on is all full-width: name the block, not each character.
  const manyFullWidth = fullWidth.length > 2;
  const parts = manyFullWidth ? [`full-width characters (U+FF01-U+FF5E) in place of ASCII ones`] : [];
  for (const c of seen) {
    const { script, latin } = HOMOGLYPHS.get(c)!;
    if (script === 'full-width' && manyFullWidth) continue;
    parts.push(`the ${script} '${c}' (${codePoint(c)}) in place of ${script === 'full-width' ? '' : 'the Latin '}'${latin}'`);
  }
  return parts.join(' and ');
}
