/** Exit codes that mean something to scripts and CI. */
export const EXIT = {
  ok: 0,
  /** Everything ran, but at least one run failed or timed out. */
  runsFailed: 1,
  /** The command line was wrong (unknown flag, method or dataset). */
  usage: 2,
  /** An input could not be read (missing file, bad format). */
  badInput: 3,
  /** Interrupted by the user (SIGINT). */
  interrupted: 130,
} as const;

/** An error whose message is meant for the user, with the exit code it maps to. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
