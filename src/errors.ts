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

const FS_WORDS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
};

/** A file system error in words (`no such file or folder`, not ENOENT). */
export function fsProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  return (code && FS_WORDS[code]) ?? code ?? (err instanceof Error ? err.message : String(err));
}
