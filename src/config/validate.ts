/**
 * What a config file may contain, and its validation. Every key is optional and
 * named as the camelCase of its command-line flag; a value of `undefined` (only
 * possible in a JS config) counts as absent. Validation stops at the first
 * problem, in the object's key order, with a one-line message that names the
 * file, the key and what is allowed.
 */
import { createRequire } from 'node:module';
import { KEEP_POLICIES, UNITS, type KeepPolicy } from '../options.js';
import type { UnitOption } from '../types.js';
import { ConfigError } from './error.js';

let levenshtein: { get(a: string, b: string): number } | undefined;

export const CONFIG_FORMATS = ['pretty', 'json', 'jsonl', 'sarif', 'github', 'html'] as const;
export type ConfigFormat = (typeof CONFIG_FORMATS)[number];
export const FAIL_ON = ['exact', 'near', 'any'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface ConfigOptions {
  unit?: UnitOption;
  /** 0..1 */
  threshold?: number;
  exact?: boolean;
  raw?: boolean;
  /** whole number >= 0 */
  minLength?: number;
  /** whole number >= 1 */
  minWords?: number;
  keep?: KeepPolicy;
  format?: ConfigFormat;
  /** gitignore-style globs */
  ignore?: string[];
  gitignore?: boolean;
  hidden?: boolean;
  /** whole number >= 0 */
  maxDuplicates?: number;
  failOn?: FailOn;
  /** false = report only (the --no-fail flag) */
  fail?: boolean;
  explain?: boolean;
  color?: boolean;
}

interface KeySpec {
  /** What the value must be, completing "must be ...". */
  readonly expect: string;
  readonly test: (value: unknown) => boolean;
}

const oneOf = (allowed: readonly string[]): KeySpec => ({
  expect: `one of ${allowed.join(', ')}`,
  test: (v) => typeof v === 'string' && allowed.includes(v),
});
const bool: KeySpec = { expect: 'true or false', test: (v) => typeof v === 'boolean' };
const whole = (min: number): KeySpec => ({
  expect: `a whole number >= ${min}`,
  test: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min,
});
const fraction: KeySpec = {
  expect: 'a number from 0 to 1',
  test: (v) => typeof v === 'number' && v >= 0 && v <= 1,
};
const globs: KeySpec = {
  expect: 'an array of strings (glob patterns)',
  test: (v) => Array.isArray(v),
};

/** Every allowed key, in the order the messages list them. The mapped type keeps it in step with ConfigOptions. */
const SPECS: { readonly [K in keyof Required<ConfigOptions>]: KeySpec } = {
  unit: oneOf(UNITS),
  threshold: fraction,
  exact: bool,
  raw: bool,
  minLength: whole(0),
  minWords: whole(1),
  keep: oneOf(KEEP_POLICIES),
  format: oneOf(CONFIG_FORMATS),
  ignore: globs,
  gitignore: bool,
  hidden: bool,
  maxDuplicates: whole(0),
  failOn: oneOf(FAIL_ON),
  fail: bool,
  explain: bool,
  color: bool,
};

export const CONFIG_KEYS = Object.freeze(Object.keys(SPECS)) as readonly (keyof ConfigOptions)[];

function isConfigKey(key: string): key is keyof ConfigOptions {
  return Object.prototype.hasOwnProperty.call(SPECS, key);
}

/** Other names people may reach for; looked up after squashing case, '-' and '_'. */
const SYNONYMS: Readonly<Record<string, keyof ConfigOptions>> = {
  exclude: 'ignore',
  excludes: 'ignore',
  ignorepatterns: 'ignore',
  ignores: 'ignore',
  similarity: 'threshold',
  colour: 'color',
  reporter: 'format',
};

const squash = (s: string): string => s.replace(/[-_\s]/g, '').toLowerCase();

/** A likely meant key for an unknown one, quoted for the message (`"threshold"`, or `"fail": false` for `noFail`). */
export function suggestKey(unknownKey: string): string | undefined {
  const k = squash(unknownKey);
  if (k === '') return undefined;
  const same = CONFIG_KEYS.find((a) => squash(a) === k) ?? SYNONYMS[k];
  if (same !== undefined) return JSON.stringify(same);
  if (k.startsWith('no')) {
    const negated = CONFIG_KEYS.find((a) => SPECS[a] === bool && squash(a) === k.slice(2));
    if (negated !== undefined) return `${JSON.stringify(negated)}: false`;
  }
  // fast-levenshtein (CommonJS) loads only for a misspelt key.
  levenshtein ??= createRequire(import.meta.url)('fast-levenshtein') as { get(a: string, b: string): number };
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const a of CONFIG_KEYS) {
    const d = levenshtein.get(k, squash(a));
    if (d < bestDistance) {
      best = a;
      bestDistance = d;
    }
  }
  const limit = k.length < 5 ? 1 : 2;
  return best !== undefined && bestDistance <= limit ? JSON.stringify(best) : undefined;
}

const MAX_SHOWN = 40;

/** A value as it appears after "got" in a message: JSON-like, one line, shortened. */
export function describeValue(v: unknown): string {
  let text: string;
  if (v === undefined || v === null || typeof v === 'number' || typeof v === 'boolean') text = String(v);
  else if (typeof v === 'bigint') text = `${v}n`;
  else if (typeof v === 'function') return 'a function';
  else if (typeof v === 'symbol') text = v.toString();
  else if (typeof v === 'object' && !Array.isArray(v) && !isPlainObject(v)) {
    const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object';
  } else {
    try {
      text = JSON.stringify(v) ?? String(v);
    } catch {
      return Array.isArray(v) ? 'an array' : 'an object';
    }
  }
  text = text.replace(/[\r\n]+/g, ' ');
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Where the options sit, for messages: the shown file path and a key prefix (`dedupe.` inside package.json). */
export interface ConfigSite {
  /** Absolute path, for ConfigError.path. */
  readonly file: string;
  /** The path as shown in messages. */
  readonly shown: string;
  /** Put before key names in messages, e.g. `dedupe.` for a package.json. */
  readonly keyPrefix: string;
}

/** Validates `value` as ConfigOptions for the file at `site`; returns a fresh object holding only the keys given. */
export function checkOptions(value: unknown, site: ConfigSite): ConfigOptions {
  const fail = (message: string, key?: string): never => {
    throw new ConfigError(`${site.shown}: ${message}`, site.file, key);
  };
  if (!isPlainObject(value)) {
    if (site.keyPrefix !== '') {
      const holder = site.keyPrefix.replace(/\.$/, '');
      return fail(`${JSON.stringify(holder)} must be an object of options, got ${describeValue(value)}`, holder);
    }
    return fail(`the top level must be an object of options (like {"threshold": 0.8}), got ${describeValue(value)}`);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const shownKey = JSON.stringify(site.keyPrefix + key);
    if (!isConfigKey(key)) {
      const hint = suggestKey(key);
      fail(`unknown key ${shownKey} (allowed: ${CONFIG_KEYS.join(', ')})${hint === undefined ? '' : `; did you mean ${hint}?`}`, key);
      continue;
    }
    const v = value[key];
    if (v === undefined) continue;
    const spec = SPECS[key];
    if (!spec.test(v)) fail(`${shownKey} must be ${spec.expect}, got ${describeValue(v)}`, key);
    if (Array.isArray(v)) {
      v.forEach((item: unknown, i) => {
        if (typeof item !== 'string' || item.trim() === '') {
          fail(`${JSON.stringify(`${site.keyPrefix}${key}[${i}]`)} must be a non-empty string (a glob pattern), got ${describeValue(item)}`, key);
        }
      });
      out[key] = [...(v as string[])];
    } else {
      out[key] = v;
    }
  }
  return out as ConfigOptions;
}
