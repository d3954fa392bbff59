// A `$NAME=` definition written without its '$' (`IF=eth0` above `interface $IF`): keepalived reads the line as a
// keyword and the references name nothing. The walker (KA201) and the reader (KA109) say so, but only when a line
// of configuration uses the name: shell lines pasted into a config (`A=\`ps …\`` then `if [ $A -eq 0 ]`) are not.

import { schema } from '../schema/schema.js';

/** A word that starts like a `$NAME=` definition without its '$'. */
export const DOLLARLESS_DEFINITION = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** Where a line of `text` starts `name=` (after blanks): a definition of `$name` written without its '$', else -1. */
export function dollarlessDefinitionAt(text: string, name: string): number {
  const head = `${name}=`;
  for (let at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + 1)) {
    let s = at - 1;
    while (s >= 0 && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s--;
    if (s < 0 || text.charCodeAt(s) === 10) return at;
  }
  return -1;
}

const isNameChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** The first word of a line, after blanks and an `@id` prefix. */
const LINE_HEAD = /^[ \t]*(?:@\^?\S+[ \t]+)?([^ \t\r]*)/;

/**
 * Whether a line of configuration in `text` refers to `name` (`${name}`, or `$name` not followed by a name
 * character): a line whose first word is a keyword keepalived knows somewhere, a value line (an address,
 * a number), a `~SEQ` line or another definition.
 */
export function configLineUses(text: string, name: string): boolean {
  const bare = `$${name}`;
  for (let at = text.indexOf(bare); at >= 0; at = text.indexOf(bare, at + 1)) {
    const next = text.charCodeAt(at + bare.length);
    const braced = text.charCodeAt(at + 1) === 123;
    if (!braced && (isNameChar(next) || next === 61)) continue;
    if (configLine(text, at)) return true;
  }
  for (let at = text.indexOf(`\${${name}}`); at >= 0; at = text.indexOf(`\${${name}}`, at + 1)) if (configLine(text, at)) return true;
  return false;
}

function configLine(text: string, at: number): boolean {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  const head = LINE_HEAD.exec(text.slice(start, end < 0 ? text.length : end))![1]!;
  const c = head.charCodeAt(0);
  // Inside a comment: not read.
  if (c === 35 || c === 33) return false;
  if (c === 36 || c === 126 || (c >= 48 && c <= 57) || head.startsWith('[')) return true;
  return schema().byName.has(head);
}
