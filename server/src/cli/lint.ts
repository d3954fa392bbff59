// `kalint lint`: lint files, directories and globs in one process.

import { parseArgs } from 'node:util';
import { lintText } from '../linter.js';
import { resolveTarget } from '../core/index.js';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { discover, displayPath, fsHost } from './host.js';
import { formatJson, formatStylish } from './output.js';
import { EXIT, UsageError } from './common.js';

const LINT_HELP = `Usage: kalint lint [options] PATH...

PATH may be a file, a directory (searched for keepalived configs) or a glob.

Options:
  -f, --format FORMAT        stylish (default) | json
      --config-id ID[,ID]    analyse the file as keepalived -i ID would see it (@ID lines)
      --target-version V     keepalived version to check against (default 2.2.7)
      --color / --no-color   force or disable colour (default: colour on a terminal)
  -h, --help                 this help

Exit codes: 0 no error-severity finding, 1 error findings, 2 usage or I/O error.
`;

export function lintCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'stylish' },
      'config-id': { type: 'string' },
      'target-version': { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(LINT_HELP);
    return EXIT.ok;
  }
  const format = values.format!;
  if (!['stylish', 'json'].includes(format)) throw new UsageError(`unknown format '${format}' (stylish, json)`);
  if (values['target-version'] && !resolveTarget(values['target-version'])) throw new UsageError(`invalid --target-version '${values['target-version']}' (expected e.g. 2.2.7 or 1.3.5)`);
  if (positionals.length === 0) throw new UsageError('no files to lint (give files, directories or globs)');

  const { files, missing } = discover(positionals);
  let ioError = false;
  for (const m of missing) {
    process.stderr.write(`kalint: ${m}: no such file or directory\n`);
    ioError = true;
  }
  const ids = values['config-id']?.split(',').map((s) => s.trim()).filter(Boolean) ?? [undefined];
  const all: Diagnostic[] = [];
  for (const file of files) {
    const text = fsHost.readFile(file);
    if (text === undefined) {
      process.stderr.write(`kalint: ${file}: cannot read file\n`);
      ioError = true;
      continue;
    }
    const shown = displayPath(file);
    for (const id of ids) {
      const { diagnostics } = lintText(text, { file: shown, configId: id, targetVersion: values['target-version'], host: fsHost });
      for (const d of diagnostics) all.push(ids.length > 1 ? { ...d, message: `[@${id}] ${d.message}` } : d);
    }
  }
  all.sort(compareDiagnostics);
  const color = values['no-color'] ? false : values.color ? true : !!process.stdout.isTTY && !process.env.NO_COLOR;
  process.stdout.write(format === 'json' ? formatJson(all) : formatStylish(all, color));
  if (ioError) return EXIT.usage;
  return all.some((d) => d.severity === 'error') ? EXIT.findings : EXIT.ok;
}
