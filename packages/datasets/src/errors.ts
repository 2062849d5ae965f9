/**
 * The one error type for bad or missing input data. `file` names what was being read, `hint` says how to fix it;
 * both are repeated in `message` so that a plain `String(err)` in a log is already actionable.
 */
export class DataError extends Error {
  readonly file: string;
  readonly hint: string;

  constructor(problem: string, file: string, hint: string, options?: { cause?: unknown }) {
    super(`${problem}\n  file: ${file}\n  fix:  ${hint}`, options);
    this.name = 'DataError';
    this.file = file;
    this.hint = hint;
  }
}

export function isDataError(e: unknown): e is DataError {
  return e instanceof DataError;
}
