/**
 * Config files: finding one (searching upward from the working directory),
 * loading it (JSON, an ES or CommonJS module, or the `dedupe` key of a
 * package.json) and validating its contents. Written without cosmiconfig; the
 * search is a small equivalent of its default one.
 *
 * Nothing here prints. Every failure is a ConfigError with a one-line message
 * that starts with the config path (relative to the working directory when
 * inside it, else absolute), e.g. `.dedupe.json: "threshold" must be a number
 * from 0 to 1, got "high"`; the CLI shows it as `dedupe: <message>`.
 *
 * Search, in each directory from `cwd` upward:
 *   .dedupe.json, dedupe.config.json, dedupe.config.mjs, dedupe.config.js,
 *   then the `dedupe` key of package.json (a package.json without that key, or
 *   with `"dedupe": undefined`, does not stop the search; an unreadable or
 *   invalid package.json is an error, since it might hold the key).
 * The first found wins. A candidate that exists but is broken is an error, never
 * skipped. The search stops after the filesystem root, or after the first
 * directory that contains `.git` (a directory, or a file as in worktrees and
 * submodules): that directory is checked, its parents are not, so a config above
 * the repository root never applies to the repository.
 *
 * JS configs are loaded with import(), so a module is evaluated once per process
 * (a later change to the same file is not seen by the same process).
 *
 * The file system is read synchronously: every run searches, usually finding
 * nothing, and a handful of stat calls on the thread cost less than their round
 * trips through libuv's thread pool (about 4 ms of a run's start-up).
 */
import { readFileSync, type Stats, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, displayPath, firstLine } from './error.js';
import { checkOptions, describeValue, isPlainObject, type ConfigOptions, type ConfigSite } from './validate.js';

export { ConfigError } from './error.js';
export { CONFIG_FORMATS, CONFIG_KEYS, FAIL_ON, type ConfigFormat, type ConfigOptions, type FailOn } from './validate.js';

export interface LoadedConfig {
  /** Absolute path of the file the options came from. */
  readonly path: string;
  readonly options: ConfigOptions;
}

/** The file names looked for in each directory, in order, before package.json. */
export const CONFIG_FILE_NAMES: readonly string[] = Object.freeze([
  '.dedupe.json',
  'dedupe.config.json',
  'dedupe.config.mjs',
  'dedupe.config.js',
]);

/** The key of package.json that holds the options. */
export const PACKAGE_KEY = 'dedupe';

/**
 * Searches from `cwd` upward for a config (see the module comment for the order
 * and where the search stops). Returns undefined when there is none; throws
 * ConfigError when the config found cannot be read or is invalid.
 */
export async function findConfig(cwd: string): Promise<LoadedConfig | undefined> {
  const base = path.resolve(cwd);
  let dir = base;
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(dir, name);
      if (isFile(file, base)) return loadResolved(file, base);
    }
    const pkg = path.join(dir, 'package.json');
    if (isFile(pkg, base)) {
      const found = await loadPackageJson(pkg, base, false);
      if (found !== undefined) return found;
    }
    if (exists(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Loads one given file (an explicit --config PATH): `.json`; `.mjs`, `.js` or
 * `.cjs` (the default export, or module.exports); or a file named package.json
 * (its `dedupe` key, which must be there). `file` is resolved against `cwd`,
 * which is also what message paths are relative to (default: process.cwd()).
 */
export async function loadConfigFile(file: string, cwd: string = process.cwd()): Promise<LoadedConfig> {
  const base = path.resolve(cwd);
  const abs = path.resolve(base, file);
  const shown = displayPath(abs, base);
  let info: Stats;
  try {
    info = statSync(abs);
  } catch (e) {
    throw readError(e, abs, shown);
  }
  if (!info.isFile()) throw new ConfigError(`${shown}: not a file`, abs);
  return loadResolved(abs, base);
}

/**
 * Validates an unknown value as ConfigOptions; throws ConfigError naming the key,
 * the file and what is allowed. `file` is shown relative to `cwd` (default:
 * process.cwd()) when inside it. Returns a fresh object with the keys given.
 */
export function validateConfig(value: unknown, file: string, cwd: string = process.cwd()): ConfigOptions {
  const abs = path.resolve(cwd, file);
  return checkOptions(value, { file: abs, shown: displayPath(abs, cwd), keyPrefix: '' });
}

async function loadResolved(abs: string, cwd: string): Promise<LoadedConfig> {
  const shown = displayPath(abs, cwd);
  const name = path.basename(abs);
  if (name === 'package.json') return (await loadPackageJson(abs, cwd, true)) as LoadedConfig;
  const ext = path.extname(name).toLowerCase();
  const site: ConfigSite = { file: abs, shown, keyPrefix: '' };
  if (ext === '.json') return { path: abs, options: checkOptions(await readJson(abs, shown), site) };
  if (ext === '.mjs' || ext === '.js' || ext === '.cjs') return { path: abs, options: checkOptions(await importConfig(abs, shown), site) };
  throw new ConfigError(
    `${shown}: unsupported config file type${ext === '' ? '' : ` "${ext}"`} (use .json, .mjs, .js, .cjs or a package.json with a "${PACKAGE_KEY}" key)`,
    abs,
  );
}

/** The `dedupe` key of a package.json; undefined when it has none and `required` is false. */
async function loadPackageJson(abs: string, cwd: string, required: boolean): Promise<LoadedConfig | undefined> {
  const shown = displayPath(abs, cwd);
  const pkg = await readJson(abs, shown);
  const value = isPlainObject(pkg) ? pkg[PACKAGE_KEY] : undefined;
  if (value === undefined) {
    if (!required) return undefined;
    throw new ConfigError(`${shown}: no "${PACKAGE_KEY}" key holding dedupe options`, abs, PACKAGE_KEY);
  }
  return { path: abs, options: checkOptions(value, { file: abs, shown, keyPrefix: `${PACKAGE_KEY}.` }) };
}

async function readJson(abs: string, shown: string): Promise<unknown> {
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw readError(e, abs, shown);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ConfigError(`${shown}: invalid JSON: ${jsonProblem(e, text)}`, abs, undefined, { cause: e });
  }
}

/** The parser's message on one line, with the line and column when it gives a position. */
function jsonProblem(e: unknown, text: string): string {
  const message = (e instanceof Error ? e.message : String(e)).replace(/\r\n|\r|\n/g, '\\n').trim();
  if (text.trim() === '') return `${message} (the file is empty)`;
  const at = /\bat position (\d+)/.exec(message);
  if (at === null || /\(line \d+ column \d+\)/.test(message)) return message;
  const pos = Number(at[1]);
  const before = text.slice(0, pos).split(/\r\n|\r|\n/);
  return `${message} (line ${before.length}, column ${(before.at(-1) ?? '').length + 1})`;
}

async function importConfig(abs: string, shown: string): Promise<unknown> {
  let mod: unknown;
  try {
    mod = await import(pathToFileURL(abs).href);
  } catch (e) {
    throw new ConfigError(`${shown}: failed to load: ${errorText(e)}`, abs, undefined, { cause: e });
  }
  const hasDefault = typeof mod === 'object' && mod !== null && 'default' in mod;
  if (!hasDefault) {
    throw new ConfigError(`${shown}: has no default export; use \`export default { ... }\` or \`module.exports = { ... }\``, abs);
  }
  let value: unknown = (mod as { default: unknown }).default;
  if (value instanceof Promise) {
    try {
      value = await value;
    } catch (e) {
      throw new ConfigError(`${shown}: failed to load: ${errorText(e)}`, abs, undefined, { cause: e });
    }
  }
  if (!isPlainObject(value)) {
    throw new ConfigError(`${shown}: the default export must be an object of options (like { threshold: 0.8 }), got ${describeValue(value)}`, abs);
  }
  return value;
}

function errorText(e: unknown): string {
  if (e instanceof Error) {
    const text = firstLine(e.message);
    const prefix = e.name !== '' && e.name !== 'Error' ? `${e.name}: ` : '';
    return text === '' ? e.name || 'Error' : prefix + text;
  }
  return firstLine(describeValue(e)) || 'unknown error';
}

const READ_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file (a parent is not a directory)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ELOOP: 'too many symbolic links',
};

function readError(e: unknown, abs: string, shown: string): ConfigError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code !== undefined ? READ_PROBLEMS[code] : undefined) ?? (e instanceof Error ? firstLine(e.message) : String(e));
  return new ConfigError(`${shown}: cannot read: ${reason}`, abs, undefined, { cause: e });
}

/** Whether `file` is a regular file (following links); a candidate that cannot be checked is an error. */
function isFile(file: string, cwd: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw readError(e, file, displayPath(file, cwd));
  }
}

function exists(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}
