/** An error caused by the user's input or environment: shown as one line, exit status 1, no stack trace. */
export class UserError extends Error {}

/** A mistake in how the command was called (an unknown flag, a missing argument). */
export class UsageError extends UserError {}

/** The target folder cannot take the project: in the way, taken by another run, or not writable. */
export class TargetError extends UserError {}

const FS_REASONS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large for this filesystem',
  EROFS: 'read-only filesystem',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  ENAMETOOLONG: 'path too long',
  ENOTDIR: 'a part of the path is a file',
  ELOOP: 'too many symbolic links',
  EEXIST: 'a file is in the way of a folder it needs',
};

/** A filesystem failure while writing becomes one line that says where, why, and that nothing was written. */
export function writeFailure(e: unknown, where: string): UserError | undefined {
  const err = e as NodeJS.ErrnoException & { message?: string };
  const code = err?.code ?? /\b(E[A-Z]{2,})\b/.exec(String(err?.message ?? e))?.[1];
  if (!code || !FS_REASONS[code]) return undefined;
  return new UserError(`target: cannot write ${where}: ${FS_REASONS[code]} (${code}); nothing was written`);
}
