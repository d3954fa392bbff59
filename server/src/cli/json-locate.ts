// Places in a JSON text, for messages about `.kalint.json` that name FILE:LINE:COL as every other
// kalint message does: where JSON.parse gave up, and where the value a JSON pointer names starts.

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

const BLANKS = ' \t\r\n\ufeff';

/**
 * Where the value a JSON pointer (`/rules/KA204`, `/clusters/0/files`) names starts in a JSON text
 * that JSON.parse accepts; undefined when the pointer names nothing there. A key written twice is
 * found at its last place, the one JSON.parse keeps.
 */
export function locatePointer(text: string, pointer: string): number | undefined {
  const parts = pointer === '' || pointer === '/' ? [] : pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let i = 0;
  const blank = (): void => {
    while (i < text.length && BLANKS.includes(text[i]!)) i++;
  };
  const readString = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skipValue = (): void => {
    blank();
    const open = text[i];
    if (open === '"') {
      readString();
      return;
    }
    if (open !== '{' && open !== '[') {
      while (i < text.length && !',}] \t\r\n'.includes(text[i]!)) i++;
      return;
    }
    i++;
    for (;;) {
      blank();
      if (i >= text.length || text[i] === '}' || text[i] === ']') {
        i++;
        return;
      }
      if (open === '{') {
        readString();
        blank();
        i++; // the ':'
      }
      skipValue();
      blank();
      if (text[i] === ',') i++;
    }
  };
  blank();
  for (const part of parts) {
    const open = text[i];
    if (open !== '{' && open !== '[') return undefined;
    i++;
    let at: number | undefined;
    for (let index = 0; ; index++) {
      blank();
      if (i >= text.length || text[i] === '}' || text[i] === ']') break;
      const key = open === '{' ? readString() : String(index);
      if (open === '{') {
        blank();
        i++; // the ':'
      }
      blank();
      if (key === part) at = i;
      skipValue();
      blank();
      if (text[i] === ',') i++;
    }
    if (at === undefined) return undefined;
    i = at;
  }
  return i;
}

/** The offset where JSON.parse stopped, from its message ("at position 37"), if it says. */
export function parseErrorOffset(message: string): number | undefined {
  const m = /at position (\d+)/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/**
 * Where a text JSON.parse refuses goes wrong: the offset of the first character that no JSON text can have there,
 * and whether a comment starts there (`//`, `/*`, which JSONC editors allow and JSON does not). V8 gives no position
 * for an unexpected character or literal ("Unexpected token 'e', ..."), so this reads the text as RFC 8259 does.
 * Undefined when the text is JSON.
 */
export function jsonSyntaxError(text: string): { offset: number; comment: boolean } | undefined {
  const n = text.length;
  let i = 0;
  const stopAt = (at: number): never => {
    throw { offset: at, comment: text.startsWith('//', at) || text.startsWith('/*', at) };
  };
  const blank = (): void => {
    while (i < n && BLANKS.includes(text[i]!)) i++;
  };
  const expect = (c: string): void => {
    blank();
    if (text[i] !== c) stopAt(i);
    i++;
  };
  const string = (): void => {
    if (text[i] !== '"') stopAt(i);
    i++;
    for (;;) {
      if (i >= n) stopAt(n);
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') stopAt(i);
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) stopAt(i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else stopAt(i);
      } else i++;
    }
  };
  const value = (): void => {
    blank();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      blank();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        blank();
        if (c === '{') {
          string();
          expect(':');
        }
        value();
        blank();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        stopAt(i);
      }
    }
    if (c === '"') return string();
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = i;
    if (c !== undefined && /[-\d]/.test(c)) {
      if (!number.test(text)) stopAt(i);
      i = number.lastIndex;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (c !== word[0]) continue;
      for (let k = 0; k < word.length; k++) if (text[i + k] !== word[k]) stopAt(i + k);
      i += word.length;
      return;
    }
    stopAt(i);
  };
  try {
    value();
    blank();
    if (i < n) stopAt(i);
    return undefined;
  } catch (e) {
    return e as { offset: number; comment: boolean };
  }
}
