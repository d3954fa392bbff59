// The kalint command line: a thin adapter over the core (argument parsing, files, output, exit codes).

import { lintCommand } from './lint.js';
import { explainCommand } from './explain.js';
import { fmtCommand } from './fmt.js';
import { peerCommand } from './peer.js';
import { EXIT, tell, UsageError, VERSION } from './common.js';
import { suggest } from '../core/analysis/suggest.js';
import { ConfigError } from './config.js';

const HELP = `kalint ${VERSION} — the keepalived.conf language toolkit

Usage:
  kalint lint [options] PATH...     check configs (files, directories, globs)
  kalint explain CODE|NAME|--list   what a rule checks, why, and examples
  kalint fmt [options] PATH...      format configs (whitespace only; --check, --write, -)
  kalint peer [options] FILE        the BACKUP node's config from the MASTER's (or --diff)
  kalint --help | --version

Run 'kalint <command> --help' (or 'kalint help <command>') for a command's options.

Exit codes: 0 no error-severity finding, 1 error findings (or more warnings than
--max-warnings), 2 usage error, unreadable file or invalid .kalint.json.
`;

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'help':
        // `kalint help lint`, as git and cargo take it: that command's help.
        if (rest.length) {
          if (!COMMANDS.includes(rest[0]!)) throw new UsageError(`help: unknown command '${rest[0]}'${commandGuess(rest[0]!)}`);
          return main([rest[0]!, '--help']);
        }
        process.stdout.write(HELP);
        return EXIT.ok;
      case undefined:
      case '-h':
      case '--help':
        process.stdout.write(HELP);
        return command === undefined ? EXIT.usage : EXIT.ok;
      case '-V':
      case '--version':
        process.stdout.write(VERSION + '\n');
        return EXIT.ok;
      case 'lint':
        return lintCommand(rest);
      case 'explain':
        return explainCommand(rest);
      case 'fmt':
        return fmtCommand(rest);
      case 'peer':
        return peerCommand(rest);
      default:
        throw new UsageError(`unknown command '${command}'${commandGuess(command)}`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      // A command's mistake points at that command's help, whichever check found it.
      const known = COMMANDS.includes(command ?? '') ? command : undefined;
      const hint = (e instanceof UsageError ? e.command : undefined) ?? known;
      tell(`kalint: ${(e as Error).message}\n${hint ? `Run 'kalint ${hint} --help' for its options.` : "Run 'kalint --help' for usage."}\n`);
      return EXIT.usage;
    }
    if (e instanceof ConfigError) {
      // An invalid .kalint.json: its path and problems, no stack trace.
      tell(`kalint: ${e.message}\n`);
      return EXIT.usage;
    }
    tell(`kalint: internal error: ${(e as Error)?.stack ?? e}\n`);
    return EXIT.usage;
  }
}

const COMMANDS = ['lint', 'explain', 'fmt', 'peer'];

/** Other tools' words for kalint's commands. */
const COMMAND_ALIASES: Record<string, string> = { check: 'lint', validate: 'lint', test: 'lint', format: 'fmt', backup: 'peer', generate: 'peer' };

/** What the user may have meant by an unknown command: a command, or linting the path they gave. */
function commandGuess(word: string): string {
  const command = COMMAND_ALIASES[word.toLowerCase()] ?? suggest(word, COMMANDS);
  if (command) return `; did you mean 'kalint ${command}'?`;
  if (/[/.*]/.test(word)) return `; to check that file, run 'kalint lint ${word}'`;
  return '';
}
