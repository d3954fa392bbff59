// `.kalint.json`: project settings, searched upward from each linted file (nearest wins).
// Relative paths inside it (clusters, path mappings) are relative to the folder that holds it.
// schemas/kalint.schema.json describes the same shape for editors; validateConfig() is the
// runtime check (hand-written, so the CLI needs no schema library), and a test keeps both in step.

import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { readFileSync, statSync } from 'node:fs';
import { displayPath } from './host.js';
import { fsPath, ioReason } from './common.js';
import { decodeBytes } from '../core/syntax/encoding.js';
import type { SeveritySetting } from '../linter.js';
import { rules } from '../rules/index.js';
import { resolveTarget } from '../core/index.js';
import { jsonSyntaxError, lineColumn, locatePointer, parseErrorOffset } from './json-locate.js';

export interface KalintConfig {
  /** Severity per rule code or name: off | info | warning | error. */
  rules?: Record<string, SeveritySetting>;
  /** keepalived version the configs run on, e.g. "2.2.7" or "1.3.5". */
  targetVersion?: string;
  /** Config ids (`@id` lines) to analyse each file for. */
  configIds?: string[];
  /** Files that are the nodes of one cluster. */
  clusters?: { name?: string; files: string[] }[];
  /** Absolute include prefixes mapped to folders of the repository. */
  pathMappings?: Record<string, string>;
  /** Formatter options. */
  format?: { indentWidth?: number; useTabs?: boolean };
  /** Globs (relative to this file's folder) of files a directory search or a glob leaves out. */
  ignorePatterns?: string[];
  /** false: the files below are never paired into clusters on their own (examples, not nodes). */
  autoPair?: boolean;
}

export interface LoadedConfig {
  path: string;
  dir: string;
  config: KalintConfig;
}

export const CONFIG_FILE = '.kalint.json';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

/** A `.kalint.json` that cannot be used; the message starts with the file's path. */
export class ConfigError extends Error {}

const TOP_LEVEL_KEYS = new Set(['$schema', 'rules', 'targetVersion', 'configIds', 'clusters', 'pathMappings', 'format', 'ignorePatterns', 'autoPair']);

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** A key as a JSON pointer writes it (RFC 6901): `~` as `~0`, `/` as `~1` (`/pathMappings/~1etc~1keepalived`). */
function pointerKey(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeOf(v) === 'object';
}

/** A keepalived version as `.kalint.json` and `--target-version` take it: `2.2.7` or `2.2`, nothing around it. */
export function isTargetVersion(v: string): boolean {
  return /^\d+\.\d+(\.\d+)?$/.test(v) && !!resolveTarget(v);
}

/** Problems in a parsed `.kalint.json`, each as `/json/pointer: what is wrong`. Empty when valid. */
export function validateConfig(value: unknown): string[] {
  return configProblems(value).map((p) => `${p.pointer || '/'}: ${p.message}`);
}

/** Problems in a parsed `.kalint.json`, each with the JSON pointer of the value at fault. */
function configProblems(value: unknown): { pointer: string; message: string }[] {
  const errors: { pointer: string; message: string }[] = [];
  const err = (pointer: string, message: string) => errors.push({ pointer, message });
  if (!isObject(value)) {
    err('', `must be an object, got ${typeOf(value)}`);
    return errors;
  }
  for (const key of Object.keys(value)) {
    if (!TOP_LEVEL_KEYS.has(key)) err(`/${pointerKey(key)}`, `unknown setting (known: ${[...TOP_LEVEL_KEYS].filter((k) => k !== '$schema').join(', ')})`);
  }
  if (value.$schema !== undefined && typeof value.$schema !== 'string') err('/$schema', 'must be a string');
  if (value.rules !== undefined) {
    if (!isObject(value.rules)) err('/rules', `must be an object of rule code or name to severity, got ${typeOf(value.rules)}`);
    else {
      for (const [k, v] of Object.entries(value.rules)) {
        if (!rules.some((r) => r.code === k || r.name === k)) err(`/rules/${pointerKey(k)}`, `unknown rule '${k}': use a rule code such as KA201 or a name such as unknown-keyword (see 'kalint explain --list')`);
        if (typeof v !== 'string' || !(SEVERITY_SETTINGS as string[]).includes(v)) err(`/rules/${pointerKey(k)}`, `severity must be one of ${SEVERITY_SETTINGS.join(', ')}, got ${JSON.stringify(v)}`);
      }
    }
  }
  if (value.targetVersion !== undefined) {
    if (typeof value.targetVersion !== 'string' || !isTargetVersion(value.targetVersion)) {
      err('/targetVersion', `must be a keepalived version such as "2.2.7", got ${JSON.stringify(value.targetVersion)}`);
    }
  }
  if (value.configIds !== undefined) {
    if (!Array.isArray(value.configIds) || value.configIds.length === 0) err('/configIds', 'must be a non-empty array of config ids');
    else value.configIds.forEach((id, i) => {
      if (typeof id !== 'string' || !/^\S+$/.test(id)) err(`/configIds/${i}`, `must be a config id without blanks, got ${JSON.stringify(id)}`);
      // One host twice would be compared with itself as two nodes of a cluster.
      else if ((value.configIds as unknown[]).indexOf(id) < i) err(`/configIds/${i}`, `${JSON.stringify(id)} is given twice (each id is one node)`);
    });
  }
  if (value.clusters !== undefined) {
    if (!Array.isArray(value.clusters)) err('/clusters', `must be an array, got ${typeOf(value.clusters)}`);
    else value.clusters.forEach((c, i) => {
      const p = `/clusters/${i}`;
      if (!isObject(c)) return err(p, `must be an object with "files", got ${typeOf(c)}`);
      for (const key of Object.keys(c)) if (key !== 'name' && key !== 'files') err(`${p}/${pointerKey(key)}`, 'unknown setting (known: name, files)');
      if (c.name !== undefined && (typeof c.name !== 'string' || c.name === '')) err(`${p}/name`, 'must be a non-empty string');
      if (!Array.isArray(c.files) || c.files.length < 2) err(`${p}/files`, 'must list at least two files (the nodes of the cluster)');
      else c.files.forEach((f, j) => {
        if (typeof f !== 'string' || f === '') err(`${p}/files/${j}`, 'must be a non-empty path');
        else if ((c.files as unknown[]).indexOf(f) < j) err(`${p}/files/${j}`, `${JSON.stringify(f)} is given twice (each file is one node)`);
      });
    });
  }
  if (value.pathMappings !== undefined) {
    if (!isObject(value.pathMappings)) err('/pathMappings', `must be an object of absolute prefix to folder, got ${typeOf(value.pathMappings)}`);
    else {
      for (const [k, v] of Object.entries(value.pathMappings)) {
        if (!k.startsWith('/')) err(`/pathMappings/${pointerKey(k)}`, 'the prefix must be an absolute path (as written in include lines)');
        if (typeof v !== 'string' || v === '') err(`/pathMappings/${pointerKey(k)}`, 'must map to a folder path');
      }
    }
  }
  if (value.ignorePatterns !== undefined) {
    if (!Array.isArray(value.ignorePatterns)) err('/ignorePatterns', `must be an array of globs, got ${typeOf(value.ignorePatterns)}`);
    else value.ignorePatterns.forEach((g, i) => {
      if (typeof g !== 'string' || g.trim() === '') err(`/ignorePatterns/${i}`, `must be a non-empty glob, got ${JSON.stringify(g)}`);
      else {
        const why = ignorePatternProblem(g);
        if (why) err(`/ignorePatterns/${i}`, `${JSON.stringify(g)}: ${why}`);
      }
    });
  }
  if (value.autoPair !== undefined && typeof value.autoPair !== 'boolean') err('/autoPair', `must be true or false, got ${JSON.stringify(value.autoPair)}`);
  if (value.format !== undefined) {
    if (!isObject(value.format)) err('/format', `must be an object, got ${typeOf(value.format)}`);
    else {
      for (const key of Object.keys(value.format)) if (key !== 'indentWidth' && key !== 'useTabs') err(`/format/${pointerKey(key)}`, 'unknown setting (known: indentWidth, useTabs)');
      const w = value.format.indentWidth;
      if (w !== undefined && (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 16)) err('/format/indentWidth', `must be an integer from 0 to 16, got ${JSON.stringify(w)}`);
      if (value.format.useTabs !== undefined && typeof value.format.useTabs !== 'boolean') err('/format/useTabs', 'must be true or false');
    }
  }
  return errors;
}

/**
 * Reads and validates one `.kalint.json`; throws ConfigError naming the file, and the line and column
 * of each problem (FILE:LINE:COL, as kalint's other messages).
 */
export function loadConfigFile(path: string, text: string): LoadedConfig {
  // Editors on Windows save JSON with a byte order mark, which JSON.parse refuses.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const at = (offset: number) => {
    const { line, column } = lineColumn(json, offset);
    return `${path}:${line}:${column}`;
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    const message = (e as Error).message;
    const position = parseErrorOffset(message);
    // V8 gives no position for an unexpected character or literal: find it by reading the text.
    const found = jsonSyntaxError(json);
    const offset = position ?? found?.offset ?? json.length;
    // One line: without the position, and without V8's excerpt of the text (`Unexpected token 'e', ..."x": e"...`).
    let said = message.replace(/ in JSON at position \d+.*$| at position \d+.*$/s, '').replace(/^(Unexpected token .*?), (?:\.\.\.)?".*$/s, '$1').split('\n')[0]!;
    if (found?.comment && found.offset === offset) said = 'comments are not allowed in JSON (JSONC editors accept them, .kalint.json is plain JSON)';
    throw new ConfigError(`${at(offset)}: invalid JSON: ${said}`);
  }
  const problems = configProblems(parsed);
  if (problems.length) {
    // In the file's order, as an editor lists them.
    const placed = problems.map((p) => ({ ...p, offset: locatePointer(json, p.pointer) ?? 0 })).sort((a, b) => a.offset - b.offset);
    const lines = placed.map((p) => `  ${at(p.offset)}: ${p.pointer || '/'}: ${p.message}`);
    throw new ConfigError(`${path}: invalid configuration:\n${lines.join('\n')}`);
  }
  return { path, dir: dirname(path), config: parsed as KalintConfig };
}

const cache = new Map<string, LoadedConfig | undefined>();

/**
 * The text of the `.kalint.json` at `path`, or undefined when there is none (a dangling symlink is none). One that is
 * there but cannot be read (permission denied, a folder of that name) throws: using the parent folder's settings
 * instead, without a word, would lint with settings nobody chose.
 */
function readSettings(path: string): string | undefined {
  let st;
  try {
    st = statSync(fsPath(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ConfigError(`${displayPath(path)}: ${ioReason(e)}`);
  }
  if (!st.isFile()) throw new ConfigError(`${displayPath(path)}: ${st.isDirectory() ? 'it is a directory, not a settings file' : 'not a regular file'}`);
  try {
    return decodeBytes(readFileSync(fsPath(path)));
  } catch (e) {
    throw new ConfigError(`${displayPath(path)}: ${ioReason(e)}`);
  }
}

/** The nearest `.kalint.json` above `file`, or undefined. Throws ConfigError when it is invalid. */
export function findConfig(file: string): LoadedConfig | undefined {
  let dir = dirname(resolve(file));
  const visited: string[] = [];
  for (;;) {
    if (cache.has(dir)) {
      const hit = cache.get(dir);
      for (const v of visited) cache.set(v, hit);
      return hit;
    }
    visited.push(dir);
    const path = join(dir, CONFIG_FILE);
    const text = readSettings(path);
    if (text !== undefined) {
      const loaded = loadConfigFile(path, text);
      for (const v of visited) cache.set(v, loaded);
      return loaded;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      for (const v of visited) cache.set(v, undefined);
      return undefined;
    }
    dir = parent;
  }
}

/** The `.kalint.json` files read so far in this process (valid ones). */
export function loadedConfigPaths(): string[] {
  const paths = new Set<string>();
  for (const loaded of cache.values()) if (loaded) paths.add(loaded.path);
  return [...paths];
}

/** `pathMappings` with the folders made absolute (they are relative to the config file). */
export function resolvedPathMappings(loaded: LoadedConfig): Record<string, string> | undefined {
  const m = loaded.config.pathMappings;
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const [from, to] of Object.entries(m)) out[from.length > 1 ? from.replace(/\/+$/, '') : from] = isAbsolute(to) ? to : resolve(loaded.dir, to);
  return out;
}

/**
 * What the CLI says when it reads `file`'s absolute includes from beside it (`include /etc/keepalived/conf.d/*.conf` in
 * a repository whose conf.d sits beside the file), with no .kalint.json mapping paths: `mappings`, made absolute.
 */
export function inferredMappingsNote(file: string, mappings: Record<string, string>): string {
  const pairs = Object.entries(mappings).map(([prefix, dir]) => `'${prefix}' as ${relative(process.cwd(), dir) === '' ? '.' : displayPath(dir)}`);
  const json = Object.entries(mappings).map(([prefix, dir]) => `"${prefix}": "${relative(dirname(resolve(file)), dir) || '.'}"`).join(', ');
  return `${displayPath(file)}: its includes name files that do not exist on this machine but do beside it: read ${pairs.join(', ')} (a .kalint.json beside it with "pathMappings": { ${json} } says so, or maps them elsewhere)`;
}

/** The mappings `analysis` inferred (absolute include prefixes to folders beside the file), made absolute; none: undefined. */
export function inferredMappings(inferred: Iterable<[string, string]>): Record<string, string> | undefined {
  const mappings: Record<string, string> = {};
  for (const [prefix, dir] of inferred) mappings[prefix] ??= resolve(dir);
  return Object.keys(mappings).length ? mappings : undefined;
}

/** One `ignorePatterns` entry, compiled: what it matches and how (see ignorePattern). */
export interface IgnorePattern {
  /** `!pattern`: a match re-includes the path. */
  negated: boolean;
  /** `name/`: matches folders only. */
  folderOnly: boolean;
  /** Without a '/' (but a trailing one) it matches a name at any depth; with one it is anchored at the folder. */
  anywhere: boolean;
  /** Over the path relative to the folder of `.kalint.json` (anchored), or over one name (anywhere). */
  regex: RegExp;
}

// The character classes wildmatch (git's matcher) knows inside brackets, over ASCII as git reads them.
const POSIX_CLASSES: Record<string, string> = {
  alnum: 'A-Za-z0-9', alpha: 'A-Za-z', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f', digit: '0-9', graph: '!-~', lower: 'a-z',
  print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: ' \\t\\n\\v\\f\\r', upper: 'A-Z', xdigit: '0-9A-Fa-f',
};

const inClass = (c: string): string => c.replace(/[\\\]\[^-]/g, '\\$&');

/**
 * A bracket expression at `p[i]` === '[' as git's wildmatch reads one (`[abc]`, `[a-z]`, `[!a]` and `[^a]`, `[[:digit:]]`,
 * `\` escapes, a ']' first is a member): the regular expression and the index after its ']'. Throws (a message) when no
 * ']' closes it or it names an unknown class; git then matches nothing with the whole pattern.
 */
function bracket(p: string, i: number): { re: string; end: number } {
  let j = i + 1;
  let negated = false;
  if (p[j] === '!' || p[j] === '^') {
    negated = true;
    j++;
  }
  let body = '';
  let prev: string | undefined; // the last single character, which a '-' can start a range from
  for (let first = true; ; first = false) {
    let c = p[j];
    if (c === undefined) throw new Error(`'[' at ${i + 1} opens a class that no ']' closes (.gitignore then matches nothing; write '\\[' for a '[' in a name)`);
    if (c === ']' && !first) break;
    if (c === '\\') {
      c = p[++j];
      if (c === undefined) throw new Error(`'[' at ${i + 1} opens a class that no ']' closes (.gitignore then matches nothing; write '\\[' for a '[' in a name)`);
      body += inClass(c);
      prev = c;
      j++;
    } else if (c === '-' && prev !== undefined && p[j + 1] !== undefined && p[j + 1] !== ']') {
      let hi = p[j + 1]!;
      j += 2;
      if (hi === '\\') {
        hi = p[j] ?? '';
        if (hi === '') throw new Error(`'[' at ${i + 1} opens a class that no ']' closes (.gitignore then matches nothing; write '\\[' for a '[' in a name)`);
        j++;
      }
      // A range whose end comes first matches nothing; `prev` is already in the class on its own, as in wildmatch.
      if (hi.codePointAt(0)! >= prev.codePointAt(0)!) body += `${inClass(prev)}-${inClass(hi)}`;
      prev = undefined;
    } else if (c === '[' && p[j + 1] === ':') {
      const close = p.indexOf(']', j + 2);
      if (close < 0) throw new Error(`'[' at ${i + 1} opens a class that no ']' closes (.gitignore then matches nothing; write '\\[' for a '[' in a name)`);
      if (p[close - 1] === ':' && close - 1 >= j + 2) {
        const name = p.slice(j + 2, close - 1);
        const cls = POSIX_CLASSES[name];
        if (cls === undefined) throw new Error(`'[:${name}:]' is no character class (known: ${Object.keys(POSIX_CLASSES).join(', ')})`);
        body += cls;
        prev = undefined;
        j = close + 1;
      } else {
        // No ':]': the '[' is a member like any other.
        body += inClass('[');
        prev = '[';
        j++;
      }
    } else {
      const cp = String.fromCodePoint(p.codePointAt(j)!);
      body += inClass(cp);
      prev = cp;
      j += cp.length;
    }
  }
  // Never a '/': a class matches within one name.
  return { re: negated ? `[^/${body}]` : `(?!/)[${body}]`, end: j + 1 };
}

/**
 * A .kalint.json ignore pattern, read as .gitignore reads one (git's wildmatch with WM_PATHNAME): a leading `!` re-includes
 * what an earlier pattern left out (`\!` for a name that starts with '!'); a trailing `/` matches folders only; a pattern
 * with no other '/' matches a file or folder name at any depth, and one with a '/' (a leading one too) is anchored at the
 * folder of .kalint.json; `*`, `?` and `[...]` stay within a name; `**` between slashes (or at either end) spans folders,
 * elsewhere it is `*`; `\` escapes the next character; trailing blanks are dropped unless escaped. (A leading `./` is
 * read as `/`, which git does not.) Throws an Error with the reason for a pattern git would read as matching nothing:
 * a comment (`#`), an empty one, an unclosed `[`, a trailing `\`.
 */
export function ignorePattern(pattern: string): IgnorePattern {
  if (pattern.startsWith('#')) throw new Error("a pattern starting with '#' is a comment in .gitignore and matches nothing (write '\\#' for a name that starts with '#')");
  // Trailing spaces go, unless a backslash keeps one (`name\ `), as git's trim_trailing_spaces.
  let end = pattern.length;
  for (; end > 0 && pattern[end - 1] === ' '; end--) {
    let backslashes = 0;
    while (pattern[end - 2 - backslashes] === '\\') backslashes++;
    if (backslashes % 2) break;
  }
  let p = pattern.slice(0, end);
  const negated = p.startsWith('!');
  if (negated) p = p.slice(1);
  p = p.replace(/^\.\//, '/');
  const folderOnly = p.endsWith('/');
  p = p.replace(/\/+$/, '');
  const anywhere = !p.includes('/');
  p = p.replace(/^\/+/, '');
  if (p === '') throw new Error('the pattern names nothing (.gitignore matches nothing with it)');
  // git compares the part before the first wildcard as text and matches the rest on its own, so a `**` right after that
  // part spans folders as a leading one does (`a/x**/y.conf` matches a/xq/z/y.conf; git 2.39 match_pathname).
  const literal = anywhere ? 0 : p.search(/[*?[\\]/);
  let re = '';
  for (let i = 0; i < p.length; ) {
    const c = p[i]!;
    if (c === '\\') {
      const next = p.codePointAt(i + 1);
      if (next === undefined) throw new Error("a trailing '\\' escapes nothing (.gitignore then matches nothing)");
      const ch = String.fromCodePoint(next);
      re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i += 1 + ch.length;
    } else if (c === '*') {
      let j = i;
      while (p[j] === '*') j++;
      // `**` spans folders only as a whole segment: `**/x`, `x/**`, `x/**/y`; `a**b` is `a*b`.
      if (j - i >= 2 && (i === 0 || i === literal || p[i - 1] === '/') && (j === p.length || p[j] === '/')) {
        if (p[j] === '/') {
          re += '(?:.*/)?';
          j++;
        } else re += '.*';
      } else re += '[^/]*';
      i = j;
    } else if (c === '?') {
      re += '[^/]';
      i++;
    } else if (c === '[') {
      const b = bracket(p, i);
      re += b.re;
      i = b.end;
    } else {
      const ch = String.fromCodePoint(p.codePointAt(i)!);
      re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i += ch.length;
    }
  }
  return { negated, folderOnly, anywhere, regex: new RegExp(`^${re}$`, 'su') };
}

/** Why an ignore pattern matches nothing as .gitignore reads it, or undefined when it is a pattern. */
export function ignorePatternProblem(pattern: string): string | undefined {
  try {
    ignorePattern(pattern);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Whether `rel` (a file's path relative to the folder of .kalint.json, '/'-separated) is left out by `patterns`, as git
 * decides for a .gitignore: each folder on the way down, then the file, is left out when the last pattern that matches it
 * is not a `!` one; nothing under a folder left out comes back (git does not look into it).
 */
export function ignoredPath(patterns: readonly IgnorePattern[], rel: string): boolean {
  const names = rel.split('/').filter((n) => n !== '' && n !== '.');
  const excluded = (path: string, name: string, isFolder: boolean): boolean => {
    for (let k = patterns.length - 1; k >= 0; k--) {
      const pat = patterns[k]!;
      if (pat.folderOnly && !isFolder) continue;
      if (pat.regex.test(pat.anywhere ? name : path)) return !pat.negated;
    }
    return false;
  };
  for (let i = 0; i < names.length; i++) {
    if (excluded(names.slice(0, i + 1).join('/'), names[i]!, i < names.length - 1)) return true;
  }
  return false;
}

const compiledPatterns = new WeakMap<readonly string[], IgnorePattern[]>();

/** Whether the nearest .kalint.json above `file` leaves it out of directory searches and globs. */
export function ignoredByConfig(file: string): boolean {
  const loaded = findConfig(file);
  const patterns = loaded?.config.ignorePatterns;
  if (!loaded || !patterns?.length) return false;
  const rel = relative(loaded.dir, resolve(file));
  if (rel.startsWith('..') || isAbsolute(rel)) return false;
  let compiled = compiledPatterns.get(patterns);
  if (!compiled) compiledPatterns.set(patterns, (compiled = patterns.map(ignorePattern)));
  return ignoredPath(compiled, rel.split(sep).join('/'));
}

/**
 * The files to check: those found by a search or glob that a .kalint.json ignores are left out. A folder or glob whose
 * every config is left out is a problem, `PATH: why`, as an empty folder is (a pattern too broad would otherwise turn
 * the lint off without a word).
 */
export function withoutIgnored(found: { files: string[]; searched: Set<string>; byArg?: Map<string, string[]> }): { files: string[]; problems: string[] } {
  const ignored = (f: string): LoadedConfig | undefined => {
    try {
      return ignoredByConfig(f) ? findConfig(f) : undefined;
    } catch (e) {
      // An invalid .kalint.json is reported when the file is checked.
      if (e instanceof ConfigError) return undefined;
      throw e;
    }
  };
  const files = found.files.filter((f) => !found.searched.has(f) || !ignored(f));
  const problems: string[] = [];
  for (const [arg, list] of found.byArg ?? []) {
    if (!list.length) continue;
    const by = list.map(ignored);
    if (!by.every(Boolean)) continue;
    const configs = [...new Set(by.map((l) => l!.path))].map((p) => displayPath(p));
    problems.push(`${arg}: ${list.length === 1 ? 'the config found is' : `all ${list.length} configs found are`} left out by the ignorePatterns of ${configs.join(', ')} (name a file on its own to check it)`);
  }
  return { files, problems };
}
