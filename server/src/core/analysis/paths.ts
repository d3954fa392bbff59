// POSIX path helpers and glob(3)-style matching with csh brace expansion, as keepalived's include
// uses (GLOB_BRACE). Pure: directory listings come from the injected host.

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return p.slice(0, i);
}

const NOT_NORMAL = /\/\/|(?:^|\/)\.\.?(?:\/|$)/;

export function normalize(p: string): string {
  // Already normal (no empty, '.' or '..' segment, no trailing slash): as it is, without splitting a long path.
  if (p !== '' && p !== '/' && !p.endsWith('/') && !NOT_NORMAL.test(p)) return p;
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length && out[out.length - 1] !== '..') out.pop();
    else if (seg === '..' && abs) continue;
    else out.push(seg);
  }
  const s = out.join('/');
  return abs ? '/' + s : s || '.';
}

export function join(dir: string, p: string): string {
  if (p.startsWith('/')) return normalize(p);
  return normalize(dir + '/' + p);
}

/**
 * Expands csh-style `{a,b}` alternatives (nested allowed) as glibc's glob with GLOB_BRACE does (2.36, posix/glob.c):
 * the first unescaped '{' starts the group; a group with one alternative or none is expanded too (`{a}` is 'a', `{}`
 * the empty string); a backslash escapes the character after it, so `\{`, `\,` and `\}` are no part of the braces
 * (the backslash stays, for matching); a first '{' that nothing closes leaves the whole pattern as written.
 */
export function expandBraces(pattern: string): string[] {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') {
      if (depth === 0) open = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        const inner = pattern.slice(open + 1, i);
        const alternatives = splitTopLevel(inner);
        const prefix = pattern.slice(0, open);
        const suffix = pattern.slice(i + 1);
        const out: string[] = [];
        for (const alt of alternatives) for (const e of expandBraces(prefix + alt + suffix)) out.push(e);
        return out;
      }
    }
  }
  return [pattern];
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(s.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(s.slice(from));
  return parts;
}

export function hasWildcard(s: string): boolean {
  return /[*?[]/.test(s);
}

/**
 * Whether glob(3) matches `s` by reading directories: a wildcard, or a backslash, which escapes the character after
 * it (`a\\.conf` finds a.conf). keepalived counts either as a wildcard pattern: one that matches nothing is not a
 * missing file ("Config files missing") but no match, an error only with the wildcard check.
 */
export function isGlobPattern(s: string): boolean {
  return /[*?[\\]/.test(s);
}

const CHAR_CLASS = /^\[:([a-z]+):\]/;
/** The POSIX classes glob(3) knows in a set (`[[:digit:]]`), as RegExp set members in the C locale. */
const CHAR_CLASSES: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\v\\f\\r',
  upper: 'A-Z',
  xdigit: '0-9A-Fa-f',
};

/** Converts one path segment of a glob into a RegExp. */
function segmentRegex(seg: string): RegExp {
  let re = '^';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      // A ']' right after '[' (or after its '!' or '^') is a member of the set, not its end: `[]a]`.
      let from = i + 1;
      const negated = seg[from] === '!' || seg[from] === '^';
      if (negated) from++;
      // The set ends at the first ']' after its first member that does not end a `[:class:]`.
      let close = -1;
      let members = '';
      for (let k = from; k < seg.length; k++) {
        if (seg[k] === ']' && k > from) {
          close = k;
          break;
        }
        const cls = seg[k] === '[' && seg[k + 1] === ':' ? CHAR_CLASS.exec(seg.slice(k)) : null;
        if (cls && CHAR_CLASSES[cls[1]!] !== undefined) {
          members += CHAR_CLASSES[cls[1]!];
          k += cls[0].length - 1;
        } else members += seg[k]!.replace(/[\\\]^[]/g, '\\$&');
      }
      if (close < 0) re += '\\[';
      else {
        re += (negated ? '[^' : '[') + members + ']';
        i = close;
      }
    } else if (c === '\\' && i + 1 < seg.length) {
      re += seg[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(re + '$');
}

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

/** Matches one brace-free glob pattern against the file system seen through `readDir`. */
export function globOne(pattern: string, readDir: (dir: string) => DirEntry[] | undefined): string[] {
  const abs = pattern.startsWith('/');
  const segs = pattern.split('/').filter((s) => s !== '');
  let current: string[] = [abs ? '/' : '.'];
  for (let k = 0; k < segs.length; k++) {
    const seg = segs[k]!;
    const last = k === segs.length - 1;
    const next: string[] = [];
    for (const dir of current) {
      if (!isGlobPattern(seg)) {
        next.push(dir === '.' && !abs ? seg : join(dir, seg));
        continue;
      }
      const entries = readDir(dir);
      if (!entries) continue;
      const re = segmentRegex(seg);
      const names = entries
        .filter((e) => (last || e.isDirectory) && re.test(e.name) && (!e.name.startsWith('.') || seg.startsWith('.') || seg.startsWith('\\.')))
        .map((e) => e.name)
        .sort();
      for (const n of names) next.push(dir === '.' && !abs ? n : join(dir, n));
    }
    current = next;
  }
  return current;
}

/** What glob(3) finds for a pattern, and what keepalived's directory hooks count on the way (see globCounted). */
export interface CountedGlob {
  /** The names that exist, in glob's order. */
  matches: string[];
  /** Folders glob could not open and names it could not lstat: keepalived's missing_directories + missing_files. */
  missing: number;
  /** The first of them, and whether it was a folder glob meant to read. */
  firstMissing?: { path: string; folder: boolean };
}

/** A path written with glob escapes, as the name it stands for (`conf\.d` is conf.d). */
function unescapeGlob(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/**
 * glob(3) as glibc runs it for keepalived (2.2.0 and later pass GLOB_ALTDIRFUNC hooks that count what is missing):
 * the pattern splits at its last '/'; a folder part with a wildcard is globbed first (folders only), one without is
 * taken as written (escapes removed); then in each folder a name without glob characters is looked up (lstat, a
 * miss counted as a missing file), and one with them reads the folder (a folder that cannot be opened counted as
 * missing). keepalived then says "Config files missing" when nothing matched and something was missing, and "Some
 * config files missing" when something matched too; a wildcard that only matched nothing is no missing file.
 * `exists` tells whether a path names anything (lstat succeeds).
 */
export function globCounted(pattern: string, readDir: (dir: string) => DirEntry[] | undefined, exists: (path: string) => boolean): CountedGlob {
  const out: CountedGlob = { matches: [], missing: 0 };
  const miss = (path: string, folder: boolean) => {
    out.missing++;
    out.firstMissing ??= { path, folder };
  };
  const walk = (p: string, foldersOnly: boolean): string[] => {
    const trimmed = p.length > 1 ? p.replace(/\/+$/, '') : p;
    const slash = trimmed.lastIndexOf('/');
    const dirPart = slash < 0 ? '' : slash === 0 ? '/' : trimmed.slice(0, slash);
    const name = slash < 0 ? trimmed : trimmed.slice(slash + 1);
    const within = (dir: string, n: string) => (dir === '' ? n : dir === '/' ? `/${n}` : `${dir}/${n}`);
    const dirs = dirPart !== '' && hasWildcard(dirPart) ? walk(dirPart, true) : [unescapeGlob(dirPart)];
    const found: string[] = [];
    for (const dir of dirs) {
      if (!isGlobPattern(name)) {
        const path = within(dir, unescapeGlob(name));
        if (!exists(path)) miss(path, false);
        else if (!foldersOnly || readDir(path) !== undefined) found.push(path);
        continue;
      }
      const entries = readDir(dir === '' ? '.' : dir);
      if (!entries) {
        miss(dir === '' ? '.' : dir, true);
        continue;
      }
      const re = segmentRegex(name);
      const names = entries
        .filter((e) => (!foldersOnly || e.isDirectory) && re.test(e.name) && (!e.name.startsWith('.') || name.startsWith('.') || name.startsWith('\\.')))
        .map((e) => e.name)
        .sort();
      for (const n of names) found.push(within(dir, n));
    }
    return found;
  };
  out.matches = walk(pattern, false);
  return out;
}
