// Entry point of the bundled `kalint` executable.
import { main } from './main.js';

// `kalint lint … | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// Set the exit code rather than calling process.exit(), so piped output is flushed.
process.exitCode = main(process.argv.slice(2));
