/** An error a user can cause: one sentence saying what happened, and a hint saying what to do. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** One line for the console or status bar: the sentence, then the hint. */
export function describeError(err: unknown): string {
  if (err instanceof UserError) return err.hint ? `${err.message} ${err.hint}` : err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
