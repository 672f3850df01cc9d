/**
 * One-line, lower-case reasons for failed file-system calls (`permission
 * denied`), shared by input loading and atomic writing.
 */

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EEXIST: 'file exists',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in system',
  EXDEV: 'cross-device link not permitted',
  EIO: 'input/output error',
  EBUSY: 'resource busy or locked',
  ETXTBSY: 'text file busy',
  EINVAL: 'invalid argument',
  ENXIO: 'no such device or address',
  ENODEV: 'no such device',
  ETIMEDOUT: 'operation timed out',
  ERR_FS_FILE_TOO_LARGE: 'file too large',
};

/** The errno-style code of an error (`ENOENT`), if it has one. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** A one-line, lower-case reason for a failed file-system call, e.g. `permission denied`. */
export function reasonOf(err: unknown): string {
  const code = errorCode(err);
  const known = code === undefined ? undefined : REASONS[code];
  if (known !== undefined) return known;
  let text = err instanceof Error ? err.message : String(err);
  text = (text.split(/\r?\n/, 1)[0] ?? '').trim();
  // Node's "ECODE: reason, syscall 'path'" -> "reason".
  text = text.replace(/^[A-Z][A-Z0-9_]*: /, '').replace(/, \w+ '.*'$/, '');
  if (text === '') return code !== undefined ? code.toLowerCase() : 'unknown error';
  return text.charAt(0).toLowerCase() + text.slice(1);
}
