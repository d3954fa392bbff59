// A `$NAME=` definition written without its '$' (`IF=eth0` above `interface $IF`): keepalived reads the line as a
// keyword and the references name nothing. The walker (KA201) and the reader (KA109) say so, but only when a line
// of configuration uses the name: shell lines pasted into a config (`A=\`ps …\`` then `if [ $A -eq 0 ]`) are not.

import { schema } from '../schema/schema.js';

/** A word that starts like a `$NAME=` definition without its '$'. */
export const DOLLARLESS_DEFINITION = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/**
 * Where the names of a text are used and written as dollarless definitions, found in one pass each and kept for the
 * last text asked about: asking for each of 12,000 undefined references by searching the whole text again took
 * minutes on a 600 kB config.
 */
interface NameIndex {
  text: string;
  /** By name: where `$name` (not followed by a name character or '=') or `${name}` starts. */
  uses?: Map<string, number[]>;
  /** By name: the first line that starts (after blanks) with `name=`. */
  definitions?: Map<string, number>;
}
let lastIndex: NameIndex | undefined;
function indexFor(text: string): NameIndex {
  if (lastIndex?.text !== text) lastIndex = { text };
  return lastIndex;
}

/** Where a line of `text` starts `name=` (after blanks): a definition of `$name` written without its '$', else -1. */
export function dollarlessDefinitionAt(text: string, name: string): number {
  const index = indexFor(text);
  if (!index.definitions) {
    const definitions = new Map<string, number>();
    for (let eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', eq + 1)) {
      let at = eq;
      while (at > 0 && isNameChar(text.charCodeAt(at - 1))) at--;
      if (at === eq) continue;
      let s = at - 1;
      while (s >= 0 && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s--;
      if (s >= 0 && text.charCodeAt(s) !== 10) continue;
      const found = text.slice(at, eq);
      if (!definitions.has(found)) definitions.set(found, at);
    }
    index.definitions = definitions;
  }
  return index.definitions.get(name) ?? -1;
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
  const index = indexFor(text);
  if (!index.uses) {
    const uses = new Map<string, number[]>();
    const add = (found: string, at: number) => {
      const list = uses.get(found);
      if (list) list.push(at);
      else uses.set(found, [at]);
    };
    for (let at = text.indexOf('$'); at >= 0; at = text.indexOf('$', at + 1)) {
      if (text.charCodeAt(at + 1) === 123) {
        let end = at + 2;
        while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
        if (end > at + 2 && text.charCodeAt(end) === 125) add(text.slice(at + 2, end), at);
        continue;
      }
      let end = at + 1;
      while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
      if (end > at + 1 && text.charCodeAt(end) !== 61) add(text.slice(at + 1, end), at);
    }
    index.uses = uses;
  }
  const list = index.uses.get(name);
  return !!list && list.some((at) => configLine(text, at));
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
