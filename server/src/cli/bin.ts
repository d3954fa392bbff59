// Entry point of the bundled `kalint` executable.
import { main } from './main.js';
import { EXIT, ioReason } from './common.js';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // `kalint lint … | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  // A full disk or a failing device behind `> report.txt` (ENOSPC, EIO): say so, exit 2 (1 would read as findings).
  process.stderr.write(`kalint: cannot write the report: ${ioReason(e)}\n`);
  process.exit(EXIT.usage);
});

// Set the exit code rather than calling process.exit(), so piped output is flushed.
process.exitCode = main(process.argv.slice(2));
