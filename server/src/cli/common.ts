// Shared by the CLI commands: exit codes and usage errors.

export const VERSION = '0.1.0';

export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
} as const;

/** A mistake in the command line: printed with a hint, exit code 2. */
export class UsageError extends Error {}
