// The error of a bad command line or bad input file: printed as one line on stderr, exit status 2.

/**
 * A usage error: the message says what was wrong and where; the CLI prints it without a stack trace.
 * @example throw new UsageError('--hidden must be an integer from 1 to 4096, got "abc"');
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
