// keepalived removes comments from a line before it splits the line into words, and that scan
// tracks quotes by its own reading: a backslash takes the next character with it, inside quotes
// too, so `\"` neither opens nor closes a quote there (the word splitter after it knows no
// escapes). When the scan ends the line inside a quote, keepalived reports "Unterminated quote"
// and keeps what followed as words: a `#` or `!` inside a quote starts no comment.

const QUOTE = 34;
const BACKSLASH = 92;
const HASH = 35;
const BANG = 33;

/**
 * The offset in `text` of the quote that keepalived's comment scan leaves open on the line
 * [start, end), or -1 when the scan ends outside a quote (or reaches a comment first).
 */
export function commentScanOpenQuote(text: string, start: number, end: number): number {
  let openedAt = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) openedAt = openedAt < 0 ? i : -1;
    else if (c === BACKSLASH) {
      // A last backslash continues the line; any other takes the next character with it.
      if (i + 1 >= end) break;
      i++;
    } else if ((c === HASH || c === BANG) && openedAt < 0) return -1;
  }
  return openedAt;
}
