// Shared by the CLI commands: exit codes, usage errors, and telling whether two paths are one file.

import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { suggest } from '../core/analysis/suggest.js';
import { decodeBytes, encodeText, hasEscapedBytes, showEscapedBytes } from '../core/syntax/encoding.js';

export const VERSION = '0.1.0';

/**
 * A path as node's fs calls take it. File names are bytes: a name that is not UTF-8 (a Latin-1 `sécurité.conf`,
 * an include written in a Latin-1 config) is kept as text with each such byte escaped (see encoding.ts), and
 * node would write each escape as U+FFFD's bytes, naming another file; such a path goes to fs as its bytes.
 */
export function fsPath(path: string): string | Buffer {
  return hasEscapedBytes(path) ? Buffer.from(encodeText(path)) : path;
}

/** realpath of a path that may hold escaped bytes, as text of the same kind. */
export function realPath(path: string): string {
  return decodeBytes(realpathSync(fsPath(path), { encoding: 'buffer' }));
}

/**
 * Why a path given on the command line cannot be read. node hands kalint its arguments as UTF-8 text, so a name holding
 * other bytes arrives with '�' in their place and names nothing: say so, and how to reach the file.
 */
export function argumentReason(arg: string, e: unknown, instead = (pattern: string) => `name its folder, or a pattern such as '${pattern}', instead`): string {
  const reason = ioReason(e);
  if (!arg.includes('\ufffd') || (e as NodeJS.ErrnoException)?.code !== 'ENOENT') return reason;
  return `${reason} (the name holds bytes that are not UTF-8, which reach kalint as '\ufffd': ${instead(arg.replace(/\ufffd+/g, '*'))})`;
}

/** Writes a message for people on standard error, with the paths in it shown as shownPath shows them. */
export function tell(message: string): void {
  process.stderr.write(shownPath(message));
}

/** A path for people to read: a byte that is not UTF-8 written `\xNN` (a terminal would show '�'). */
export function shownPath(path: string): string {
  return hasEscapedBytes(path) ? showEscapedBytes(path) : path;
}

/**
 * A file name for a line of a report: a control character (a line feed that would start a fake `file:line:` line, an
 * ESC that would colour or clear the terminal) written as a C escape, as git writes it (`\n`, `\t`, `\033`); a
 * backslash doubled then, so the escapes read back. A name without control characters is left as it is.
 */
export function printedName(name: string): string {
  if (!/[\u0000-\u001f\u007f]/.test(name)) return name;
  const named: Record<string, string> = { '\u0007': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\\': '\\\\' };
  return name.replace(/[\u0000-\u001f\u007f\\]/g, (c) => named[c] ?? '\\' + c.charCodeAt(0).toString(8).padStart(3, '0'));
}

export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
} as const;

/** A mistake in the command line: printed with a hint (the command's --help when `command` is set), exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node's parseArgs for one command, with its mistakes told in kalint's words: an unknown option with
 * the nearest one the command has (`--formt` → --format) or what to do instead (`hints`), and a
 * missing or unwanted value. node's own text ("To specify a positional argument starting with a '-'…")
 * is about something else.
 */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O, hints: Record<string, string> = {}) {
  try {
    return parseArgs({ args, allowPositionals: true, options, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const message = (e as Error).message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'(-[^']*)'/.exec(message)?.[1] ?? '';
      const name = option.replace(/^-+/, '').replace(/=.*$/, '');
      const hint = hints[name];
      const guess = hint ? undefined : suggest(name, Object.keys(options));
      throw new UsageError(`${command}: unknown option '${option}'${hint ? `: ${hint}` : guess ? `; did you mean '--${guess}'?` : ''}`, command);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const m = /^Option '([^']*)' (argument missing|does not take an argument)/.exec(message);
      if (m) throw new UsageError(`${command}: ${m[1]!.replace(/ <value>$/, '')} ${m[2] === 'argument missing' ? 'needs a value' : 'takes no value'}`, command);
    }
    throw new UsageError(`${command}: ${message}`, command);
  }
}

const IO_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many levels of symbolic links (a symlink loop?)',
  ENAMETOOLONG: 'file name too long',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EIO: 'input/output error',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EEXIST: 'a temporary file of that name is in the way',
  EREADONLY: 'the file is read-only (no write permission for its owner): left as it is',
};

/**
 * Why a file could not be read or written, in words: the error's code, not node's message, which
 * names the temporary file a write goes through rather than the file the user gave.
 */
export function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  const folder = (e as { folder?: string })?.folder;
  if (code === 'EFOLDER' && folder) return `permission denied in its folder ${folder} (the new text is written to a file beside it, then renamed over it: the folder must be writable)`;
  if (code) return IO_REASONS[code] ?? code;
  return (e as Error)?.message ?? String(e);
}

/** Whether two paths name one file (the same path after links, or the same inode); `b` may not exist yet. */
export function sameFile(a: string, b: string): boolean {
  const real = (p: string): string => {
    try {
      return realPath(p);
    } catch {
      try {
        return join(realPath(dirname(resolve(p))), basename(p));
      } catch {
        return resolve(p);
      }
    }
  };
  if (real(a) === real(b)) return true;
  try {
    const sa = statSync(fsPath(a));
    const sb = statSync(fsPath(b));
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}
