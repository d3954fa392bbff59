// `kalint fmt`: print, check or rewrite configs in the canonical layout.

import { accessSync, chmodSync, chownSync, constants, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { format, formatRange, isFormatError, type FormatOptions } from '../core/format/index.js';
import { findConfig, withoutIgnored } from './config.js';
import { configBytes, decodeConfig, discover, displayPath, isPipe, readConfigFile, unreadableReason, type ConfigText } from './host.js';
import { argumentReason, EXIT, fsPath, ioReason, parseCommandArgs, realPath, shownPath, tell, UsageError } from './common.js';
import { unifiedDiff } from './diff.js';

const FMT_HELP = `Usage: kalint fmt [options] FILE        print FILE formatted ('-' reads stdin)
       kalint fmt --check [options] PATH... list files that are not formatted
       kalint fmt --write [options] PATH... rewrite, in place, the files that change
       kalint fmt --diff [options] PATH...  show what would change, as a unified diff

PATH may be a file, a directory (searched for keepalived configs) or a glob ('**' spans folders).
Only whitespace changes: the words, quoted strings, comments, @id prefixes, $NAME= definitions,
~SEQ and include lines are kept as written. A line too long for keepalived's 1,024-byte line
buffer (more than 1,022 bytes before the newline, a CR counted), or that formatting would make
too long, is kept byte for byte, blanks and line ending included: keepalived cuts such a line
into pieces by its bytes. A line whose $NAME values may fill the buffer keeps its blanks:
keepalived stops substituting where a value does not fit.
A file with unbalanced braces, an unterminated quote or a NUL byte is not formatted.

Options:
  -c, --check          list the files that would change; exit 1 if there are any
  -d, --diff           print a unified diff of each file that would change (a/ and b/
                       labels, as git does); exit 1 if there are any
  -w, --write          rewrite the files that change (atomic: temporary file + rename,
                       permissions kept; a read-only file is refused)
      --indent N       spaces per indentation level (default 4)
      --tabs           indent with tabs
      --range A:B      format only lines A to B (1-based, inclusive; print mode only)
  -h, --help           this help

Indentation also comes from .kalint.json: "format": { "indentWidth": 2, "useTabs": false };
the command line wins.

Exit codes: 0 done (with --check or --diff: every file is formatted), 1 --check or --diff found
files to format,
2 usage error, unreadable file, invalid .kalint.json, or a file with a syntax error (it is
reported as FILE:LINE:COL and left untouched; the other files are still processed).
`;

export function fmtCommand(argv: string[]): number {
  const { values, positionals } = parseCommandArgs('fmt', argv, {
    check: { type: 'boolean', short: 'c' },
    write: { type: 'boolean', short: 'w' },
    diff: { type: 'boolean', short: 'd' },
    indent: { type: 'string' },
    tabs: { type: 'boolean' },
    range: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(FMT_HELP);
    return EXIT.ok;
  }
  if (values.write && (values.check || values.diff)) throw new UsageError(`${values.check ? '--check' : '--diff'} and --write exclude each other`);
  // --diff shows how each file --check lists would change (the two together: each name, then its diff).
  const listing = values.check || values.diff;
  let indent: number | undefined;
  if (values.indent !== undefined) {
    indent = Number(values.indent);
    if (!/^\d+$/.test(values.indent) || indent > 16) throw new UsageError(`--indent takes a number of spaces from 0 to 16 (got '${values.indent}')`);
  }
  const range = values.range !== undefined ? parseRange(values.range) : undefined;
  if (positionals.length === 0) throw new UsageError("no file to format (give a file, '-' for stdin, or paths with --check/--write)");

  const optionsFor = (file: string): FormatOptions => {
    const fromConfig = findConfig(file)?.config.format ?? {};
    return {
      indentWidth: indent ?? fromConfig.indentWidth,
      useTabs: values.tabs ?? (indent !== undefined ? false : fromConfig.useTabs),
    };
  };

  if (!listing && !values.write) {
    if (positionals.length !== 1) throw new UsageError('print mode formats one file; use --check or --write for several');
    const arg = positionals[0]!;
    const stdin = arg === '-';
    let source: ConfigText;
    try {
      source = decodeConfig(stdin ? readFileSync(0) : readFileSync(fsPath(arg)));
    } catch (e) {
      tell(`kalint: ${arg}: cannot read: ${argumentReason(arg, e, (pattern) => `let the shell open it: kalint fmt - < ${pattern}`)}\n`);
      return EXIT.usage;
    }
    const text = source.text;
    const shown = stdin ? '<stdin>' : displayPath(arg);
    const options = optionsFor(stdin ? join(process.cwd(), 'stdin') : arg);
    const r = format(text, options);
    if (isFormatError(r)) {
      tell(`${shown}:${r.error} — not formatted\n`);
      return EXIT.usage;
    }
    if (range) {
      let out = text;
      for (const e of formatRange(text, range[0] - 1, range[1] - 1, options)) out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
      process.stdout.write(configBytes(out));
    } else process.stdout.write(configBytes(r.text));
    return EXIT.ok;
  }

  if (range) throw new UsageError('--range works in print mode only');

  if (positionals.includes('-')) throw new UsageError("'-' (stdin) works in print mode only");
  const found = discover(positionals);
  const { missing } = found;
  const { files, problems } = withoutIgnored(found);
  let failed = false;
  for (const m of [...missing, ...problems]) {
    tell(`kalint: ${m}\n`);
    failed = true;
  }
  let unformatted = 0;
  for (const file of files) {
    const source = readConfigFile(file);
    const path = displayPath(file);
    const shown = shownPath(path);
    if (source === undefined) {
      tell(`kalint: ${shown}: ${unreadableReason(file)}\n`);
      failed = true;
      continue;
    }
    const r = format(source.text, optionsFor(file));
    if (isFormatError(r)) {
      tell(`${shown}:${r.error} — not formatted\n`);
      failed = true;
      continue;
    }
    if (!r.changed) continue;
    unformatted++;
    if (listing) {
      // The list gives each name as its bytes (for xargs), the diff its labels (for patch and git apply).
      if (values.check) process.stdout.write(configBytes(`${path}\n`));
      if (values.diff) process.stdout.write(unifiedDiff(path, path, source.text, r.text));
    } else if (isPipe(file)) {
      tell(`kalint: ${shown}: a pipe: the formatted text cannot be written back; 'kalint fmt ${shown}' prints it\n`);
      failed = true;
    } else {
      try {
        writeAtomically(file, configBytes(r.text));
        process.stdout.write(`formatted ${shown}\n`);
      } catch (e) {
        tell(`kalint: ${shown}: cannot write: ${ioReason(e)}\n`);
        failed = true;
      }
    }
  }
  if (failed) return EXIT.usage;
  return listing && unformatted > 0 ? EXIT.findings : EXIT.ok;
}

function parseRange(spec: string): [number, number] {
  const m = /^(\d+)(?::(\d+))?$/.exec(spec);
  const a = m ? Number(m[1]) : 0;
  const b = m?.[2] !== undefined ? Number(m[2]) : a;
  if (!m || a < 1 || b < a) throw new UsageError(`--range takes LINE or FIRST:LAST, 1-based (got '${spec}')`);
  return [a, b];
}

/**
 * Replaces `path`'s content without a moment where the file is half written: the new text goes
 * to a temporary file in the same folder (same file system, so rename is atomic), which takes the
 * old file's permissions (and owner, when allowed), then replaces it. A symlink is followed, so
 * the link stays a link; a file with other hard links, a device or a pipe is written in place.
 * `like` gives the permissions for a new file.
 */
export function writeAtomically(path: string, text: string | Buffer, like?: string): void {
  let target = resolve(path);
  try {
    target = realPath(path);
  } catch {
    // A new file: write it where it was named.
  }
  // `-o /dev/stdout`, `/dev/null` or a named pipe: written to, never replaced (a rename would put a
  // regular file in the device's place, or replace the file the shell redirected standard output to).
  if (/^\/(?:dev|proc)\//.test(resolve(path))) {
    writeFileSync(fsPath(path), text);
    return;
  }
  let existing: Stats | undefined;
  try {
    existing = statSync(fsPath(target));
  } catch {
    // Nothing there yet.
  }
  if (existing?.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
  // A file its owner marked read-only (chmod a-w), or one this user may not write: the rename below would replace it
  // all the same, as the folder is writable. kalint refuses both, root included (root could write it, as vim's `:w!`
  // does): a config kept read-only on purpose is changed only after `chmod u+w`.
  if (existing?.isFile()) {
    if ((existing.mode & 0o200) === 0) throw Object.assign(new Error(`${path} is read-only`), { code: 'EREADONLY' });
    accessSync(fsPath(target), constants.W_OK);
  }
  // A file with other hard links is written in place, as editors do, so every link keeps seeing it
  // (a rename would leave the others with the old text).
  if (existing && (!existing.isFile() || existing.nlink > 1)) {
    writeFileSync(fsPath(target), text);
    return;
  }
  let mode = 0o644;
  let owner: { uid: number; gid: number } | undefined;
  for (const source of [target, like]) {
    if (!source) continue;
    try {
      const st = statSync(fsPath(source));
      mode = st.mode & 0o7777;
      owner = { uid: st.uid, gid: st.gid };
      break;
    } catch {
      // Try the next source.
    }
  }
  const temp = join(dirname(target), `.${basename(target)}.kalint-${process.pid}-${Date.now().toString(36)}.tmp`);
  try {
    writeFileSync(fsPath(temp), text, { mode: 0o600, flag: 'wx' });
    chmodSync(fsPath(temp), mode);
    if (owner) {
      try {
        chownSync(fsPath(temp), owner.uid, owner.gid);
      } catch {
        // Only root may give a file away; the writer's ownership is what remains.
      }
    }
    renameSync(fsPath(temp), fsPath(target));
  } catch (e) {
    try {
      unlinkSync(fsPath(temp));
    } catch {
      // Nothing was created.
    }
    // The file may be writable and its folder not: the new text could not be put beside it.
    const code = (e as NodeJS.ErrnoException).code;
    if ((code === 'EACCES' || code === 'EPERM') && existing) {
      throw Object.assign(new Error(`the folder ${dirname(target)} is not writable`), { code: 'EFOLDER', folder: dirname(target) });
    }
    throw e;
  }
}
