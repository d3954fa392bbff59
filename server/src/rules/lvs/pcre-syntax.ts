// What keepalived hands PCRE2 for a url's `regex`, and the PCRE2 errors a pattern surely has. Pure helpers for KA541.

/**
 * The words of `text` as keepalived's quoted-and-escaped reading splits them (lib/parser.c, used for `regex` and
 * script lines): blanks separate words, double or single quotes group, and a backslash escapes the next character,
 * C-style for `\a \b \E \f \n \r \t \v`, `\xHH…`, `\cX` and octal `\0`–`\777`, and as itself for any other. Returns
 * undefined where keepalived gives up (an open quote, a backslash at the end). Each escape met is listed with what
 * it became.
 */
export function quotedEscapedWords(text: string): { words: string[]; escapes: { at: number; written: string; read: string; inSet: boolean }[] } | undefined {
  const words: string[] = [];
  const escapes: { at: number; written: string; read: string; inSet: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isBlank(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    let word = '';
    let quote = '';
    // Whether the word so far is inside a PCRE character class: a hint for which escapes matter.
    let inSet = false;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (c === '\\') {
        if (i + 1 >= text.length) return undefined;
        const start = i;
        const n = text[++i]!;
        let read: string;
        if (n === 'x' && isHex(text[i + 1])) {
          let v = 0;
          while (isHex(text[i + 1])) v = ((v << 4) | parseInt(text[++i]!, 16)) & 0xff;
          read = String.fromCharCode(v);
        } else if (n === 'c' && i + 1 < text.length) read = String.fromCharCode(text.charCodeAt(++i) & 0x1f);
        else if (n >= '0' && n <= '7') {
          let v = n.charCodeAt(0) - 48;
          for (let k = 0; k < 2 && text[i + 1]! >= '0' && text[i + 1]! <= '7'; k++) v = ((v << 3) + text.charCodeAt(++i) - 48) & 0xff;
          read = String.fromCharCode(v);
        } else read = C_ESCAPES[n] ?? n;
        escapes.push({ at: start, written: text.slice(start, i + 1), read, inSet });
        word += read;
        continue;
      }
      if (quote) {
        if (c === quote) quote = '';
        else word += c;
      } else if (c === '"' || c === "'") quote = c;
      else if (isBlank(c.charCodeAt(0))) break;
      else word += c;
      if (c === '[' && !inSet) inSet = true;
      else if (c === ']' && inSet) inSet = false;
    }
    if (quote) return undefined;
    words.push(word);
  }
  return { words, escapes };
}

const C_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function isBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9A-Fa-f]$/.test(c);
}

/** PCRE2's metacharacters outside a class: a backslash before one makes it literal. */
const META = new Set(['.', '^', '$', '|', '(', ')', '[', ']', '{', '}', '*', '+', '?']);

/**
 * How an escape keepalived read changes what PCRE2 sees, or undefined where it does not matter: `\d` reaches PCRE2
 * as 'd', `\.` as '.', `\b` as a backspace, `\1` as the character 1. Escapes PCRE2 reads the same way (`\t`, `\n`,
 * `\x41`, `\\`, `\"`, `\/`) are fine.
 */
export function misreadEscape(e: { written: string; read: string; inSet: boolean }): string | undefined {
  const n = e.written[1]!;
  // The same character either way: `\\`, `\t`, `\n`…, `\x41`, `\cA`, `\v` (PCRE2's is any vertical space).
  if (n === '\\' || 'afnrtv'.includes(n) || ((n === 'x' || n === 'c') && e.written.length > 2)) return undefined;
  if (n === 'b') return e.inSet ? undefined : 'a backspace character, not a word boundary';
  if (n === 'E') return 'an escape character (ESC)';
  if (n >= '0' && n <= '7') return n === '0' ? 'a NUL character, which ends the pattern there' : `the character with code ${e.read.charCodeAt(0)}, not a back reference`;
  if (/[A-Za-z0-9]/.test(n)) return `'${n}'`;
  if (!e.inSet && META.has(n)) return `'${n}', a metacharacter again`;
  return undefined;
}

const POSIX_CLASSES = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit']);
/** Escapes that are assertions: nothing may repeat them. */
const ASSERTIONS = new Set(['b', 'B', 'A', 'z', 'Z', 'G', 'K']);

/**
 * The first error PCRE2 (10.x) surely reports compiling `pattern`, in its words, or undefined: unbalanced
 * parentheses, an unterminated class, a quantifier with nothing to repeat, a range or a {} quantifier out of order,
 * an unknown POSIX class name. It does not try to be PCRE2: where a pattern uses what it does not model (inline
 * options, `\Q…\E` with metacharacters, `(*VERB)`), it says nothing rather than guess.
 */
export function pcreSyntaxError(pattern: string, extended: boolean): string | undefined {
  // Inline options can turn on extended mode, whose comments may hold anything.
  if (/\(\?[A-Za-z^-]*x/.test(pattern)) return undefined;
  let depth = 0;
  let repeatable = false;
  const p = pattern;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      if (i + 1 >= p.length) return '\\ at end of pattern';
      const n = p[++i]!;
      if (n === 'Q') {
        const e = p.indexOf('\\E', i + 1);
        if (e < 0) return undefined;
        i = e + 1;
        repeatable = e > 0;
        continue;
      }
      if ('xopPgkN'.includes(n) && (p[i + 1] === '{' || p[i + 1] === '<')) {
        const close = p.indexOf(p[i + 1] === '{' ? '}' : '>', i + 2);
        if (close < 0) return undefined;
        i = close;
      }
      repeatable = !ASSERTIONS.has(n);
      continue;
    }
    if (extended) {
      if (c === '#') break;
      if (/\s/.test(c)) continue;
    }
    switch (c) {
      case '[': {
        const end = classEnd(p, i);
        if (typeof end === 'string') return end;
        i = end;
        repeatable = true;
        break;
      }
      case '(': {
        if (p[i + 1] === '*') return undefined;
        if (p[i + 1] === '?' && p[i + 2] === '#') {
          const close = p.indexOf(')', i + 3);
          if (close < 0) return 'missing ) after (?# comment';
          i = close;
          break;
        }
        depth++;
        repeatable = false;
        // The group's prefix (`(?:`, `(?=`, `(?<name>`, `(?i)`…) is syntax, not items.
        if (p[i + 1] === '?') {
          const m = /^\?(?:[:=!>|]|<[=!]|P?<[A-Za-z_]\w*>|'[A-Za-z_]\w*'|P[=>][A-Za-z_]\w*|[A-Za-z^-]*:?)/.exec(p.slice(i + 1));
          if (!m) return undefined;
          i += m[0].length;
          // `(?i)` is a whole group: options for what follows.
          if (p[i + 1] === ')' && /^\?[A-Za-z^-]*$/.test(m[0])) {
            i++;
            depth--;
          }
        }
        break;
      }
      case ')':
        if (depth === 0) return 'unmatched closing parenthesis';
        depth--;
        repeatable = true;
        break;
      case '|':
        repeatable = false;
        break;
      case '^':
      case '$':
        repeatable = false;
        break;
      case '*':
      case '+':
      case '?':
        if (!repeatable) return 'quantifier does not follow a repeatable item';
        if (p[i + 1] === '+' || p[i + 1] === '?') i++;
        repeatable = false;
        break;
      case '{': {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
        if (!m) {
          repeatable = true;
          break;
        }
        if (!repeatable) return 'quantifier does not follow a repeatable item';
        const min = Number(m[1]);
        const max = m[3] ? Number(m[3]) : undefined;
        if (min > 65535 || (max !== undefined && max > 65535)) return 'number too big in {} quantifier';
        if (max !== undefined && max < min) return 'numbers out of order in {} quantifier';
        i += m[0].length - 1;
        if (p[i + 1] === '+' || p[i + 1] === '?') i++;
        repeatable = false;
        break;
      }
      default:
        repeatable = true;
    }
  }
  return depth > 0 ? 'missing closing parenthesis' : undefined;
}

/** The index of the ']' that ends the class opening at `open`, or PCRE2's error. */
function classEnd(p: string, open: number): number | string {
  let i = open + 1;
  if (p[i] === '^') i++;
  // A ']' first is a member.
  let prev: string | undefined;
  if (p[i] === ']') {
    prev = ']';
    i++;
  }
  for (; i < p.length; i++) {
    const c = p[i]!;
    if (c === ']') return i;
    if (c === '\\') {
      i++;
      prev = undefined;
      continue;
    }
    if (c === '[' && (p[i + 1] === ':' || p[i + 1] === '.' || p[i + 1] === '=')) {
      const close = p.indexOf(p[i + 1] + ']', i + 2);
      if (close >= 0) {
        if (p[i + 1] === ':') {
          const name = p.slice(i + 2, close).replace(/^\^/, '');
          if (!POSIX_CLASSES.has(name)) return 'unknown POSIX class name';
        }
        i = close + 1;
        prev = undefined;
        continue;
      }
    }
    // A range of two plain characters: its ends must be in order.
    if (c === '-' && prev !== undefined && i + 1 < p.length && p[i + 1] !== ']' && p[i + 1] !== '\\' && p[i + 1] !== '[') {
      if (p[i + 1]!.charCodeAt(0) < prev.charCodeAt(0)) return 'range out of order in character class';
      i++;
      prev = undefined;
      continue;
    }
    prev = c;
  }
  return 'missing terminating ] for character class';
}
