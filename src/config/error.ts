/**
 * The config module's error type and the path shown in its messages.
 */
import path from 'node:path';

/**
 * A config file could not be read, parsed or validated. `message` is one line,
 * starts with the config path as shown to the user (relative to the working
 * directory when inside it, else absolute) and is meant to be printed as
 * `dedupe: <message>`. `path` is the absolute path of the config file; `key` the
 * offending key, when one is to blame.
 */
export class ConfigError extends Error {
  readonly path: string;
  readonly key?: string;
  constructor(message: string, file: string, key?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
    this.path = file;
    if (key !== undefined) this.key = key;
  }
}

/** `file` relative to `cwd` when it is inside `cwd`, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(path.resolve(cwd), abs);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return abs;
  return rel;
}

/** The first line of `text`, trimmed. */
export function firstLine(text: string): string {
  return (text.split(/\r?\n|\r/, 1)[0] ?? '').trim();
}
