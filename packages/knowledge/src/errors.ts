/**
 * The one error type for missing or malformed knowledge input. `file` names what was being read and `hint` says
 * how to fix it; both are repeated in `message`, so a bare `String(err)` in a log is already actionable
 * (same shape as @scbench/datasets' DataError, kept separate so this package has no runtime dependency on it).
 */
export class KnowledgeError extends Error {
  readonly file: string;
  readonly hint: string;

  constructor(problem: string, file: string, hint: string, options?: { cause?: unknown }) {
    super(`${problem}\n  file: ${file}\n  fix:  ${hint}`, options);
    this.name = 'KnowledgeError';
    this.file = file;
    this.hint = hint;
  }
}
