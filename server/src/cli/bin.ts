// Entry point of the bundled `kalint` executable.
import { main } from './main.js';

// Set the exit code rather than calling process.exit(), so piped output is flushed.
process.exitCode = main(process.argv.slice(2));
