/**
 * validateConfig: every key with good and bad values, the exact one-line
 * messages, unknown keys with suggestions, and the top-level shape.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, ConfigError, validateConfig, type ConfigOptions } from '../../src/config/index.js';
import { configError } from './helpers.js';

const CWD = path.resolve('/project');
const FILE = '.dedupe.json';
const ALLOWED = 'unit, threshold, exact, raw, minLength, minWords, keep, format, ignore, gitignore, hidden, maxDuplicates, failOn, fail, explain, color';

function check(value: unknown): ConfigOptions {
  return validateConfig(value, FILE, CWD);
}

async function message(value: unknown): Promise<string> {
  return (await configError(() => check(value))).message;
}

const BOOLEAN_KEYS = ['exact', 'raw', 'gitignore', 'hidden', 'fail', 'explain', 'color'] as const;

/** key -> values that pass, and [bad value, its exact message] pairs. */
const CASES: Record<string, { good: unknown[]; bad: [unknown, string][] }> = {
  unit: {
    good: ['auto', 'paragraph', 'line', 'sentence'],
    bad: [
      ['word', '.dedupe.json: "unit" must be one of auto, paragraph, line, sentence, got "word"'],
      ['Paragraph', '.dedupe.json: "unit" must be one of auto, paragraph, line, sentence, got "Paragraph"'],
      [1, '.dedupe.json: "unit" must be one of auto, paragraph, line, sentence, got 1'],
    ],
  },
  threshold: {
    good: [0, 0.5, 0.85, 1],
    bad: [
      ['high', '.dedupe.json: "threshold" must be a number from 0 to 1, got "high"'],
      ['0.8', '.dedupe.json: "threshold" must be a number from 0 to 1, got "0.8"'],
      [1.5, '.dedupe.json: "threshold" must be a number from 0 to 1, got 1.5'],
      [-0.1, '.dedupe.json: "threshold" must be a number from 0 to 1, got -0.1'],
      [Number.NaN, '.dedupe.json: "threshold" must be a number from 0 to 1, got NaN'],
      [null, '.dedupe.json: "threshold" must be a number from 0 to 1, got null'],
    ],
  },
  minLength: {
    good: [0, 1, 20, 1000],
    bad: [
      [-1, '.dedupe.json: "minLength" must be a whole number >= 0, got -1'],
      [2.5, '.dedupe.json: "minLength" must be a whole number >= 0, got 2.5'],
      ['20', '.dedupe.json: "minLength" must be a whole number >= 0, got "20"'],
      [Number.POSITIVE_INFINITY, '.dedupe.json: "minLength" must be a whole number >= 0, got Infinity'],
    ],
  },
  minWords: {
    good: [1, 12],
    bad: [
      [0, '.dedupe.json: "minWords" must be a whole number >= 1, got 0'],
      [true, '.dedupe.json: "minWords" must be a whole number >= 1, got true'],
    ],
  },
  keep: {
    good: ['first', 'last', 'longest'],
    bad: [['shortest', '.dedupe.json: "keep" must be one of first, last, longest, got "shortest"']],
  },
  format: {
    good: ['pretty', 'json', 'jsonl', 'sarif', 'github', 'html'],
    bad: [
      ['xml', '.dedupe.json: "format" must be one of pretty, json, jsonl, sarif, github, html, got "xml"'],
      [['json'], '.dedupe.json: "format" must be one of pretty, json, jsonl, sarif, github, html, got ["json"]'],
    ],
  },
  ignore: {
    good: [[], ['*.md'], ['vendor/**', '!vendor/keep.txt']],
    bad: [
      ['*.md', '.dedupe.json: "ignore" must be an array of strings (glob patterns), got "*.md"'],
      [{ glob: '*.md' }, '.dedupe.json: "ignore" must be an array of strings (glob patterns), got {"glob":"*.md"}'],
      [['*.md', 3], '.dedupe.json: "ignore[1]" must be a non-empty string (a glob pattern), got 3'],
      [[''], '.dedupe.json: "ignore[0]" must be a non-empty string (a glob pattern), got ""'],
      [['a', null], '.dedupe.json: "ignore[1]" must be a non-empty string (a glob pattern), got null'],
    ],
  },
  maxDuplicates: {
    good: [0, 5],
    bad: [
      [-3, '.dedupe.json: "maxDuplicates" must be a whole number >= 0, got -3'],
      [0.5, '.dedupe.json: "maxDuplicates" must be a whole number >= 0, got 0.5'],
    ],
  },
  failOn: {
    good: ['exact', 'near', 'any'],
    bad: [['all', '.dedupe.json: "failOn" must be one of exact, near, any, got "all"']],
  },
};
for (const key of BOOLEAN_KEYS) {
  CASES[key] = {
    good: [true, false],
    bad: [
      ['yes', `.dedupe.json: "${key}" must be true or false, got "yes"`],
      [1, `.dedupe.json: "${key}" must be true or false, got 1`],
      [null, `.dedupe.json: "${key}" must be true or false, got null`],
    ],
  };
}

describe('validateConfig: each key', () => {
  it('the cases cover every allowed key', () => {
    expect(Object.keys(CASES).sort()).toEqual([...CONFIG_KEYS].sort());
    expect(CONFIG_KEYS.join(', ')).toBe(ALLOWED);
  });

  for (const [key, { good, bad }] of Object.entries(CASES)) {
    it(`${key}: accepts ${good.map((g) => JSON.stringify(g)).join(', ')}`, () => {
      for (const value of good) expect(check({ [key]: value })).toEqual({ [key]: value });
    });
    it(`${key}: rejects bad values with exact messages`, async () => {
      for (const [value, expected] of bad) {
        const e = await configError(() => check({ [key]: value }));
        expect(e.message).toBe(expected);
        expect(e.key).toBe(key);
        expect(e.path).toBe(path.join(CWD, FILE));
      }
    });
  }

  it('accepts a full config and returns a copy', () => {
    const ignore = ['*.log'];
    const full: ConfigOptions = {
      unit: 'line', threshold: 0.8, exact: false, raw: true, minLength: 10, minWords: 3, keep: 'longest',
      format: 'sarif', ignore, gitignore: false, hidden: true, maxDuplicates: 2, failOn: 'near', fail: false,
      explain: true, color: false,
    };
    const out = check(full);
    expect(out).toEqual(full);
    expect(out).not.toBe(full);
    expect(out.ignore).not.toBe(ignore);
  });

  it('an empty object is valid', () => {
    expect(check({})).toEqual({});
  });

  it('a key set to undefined (JS configs) counts as absent', () => {
    const out = check({ threshold: undefined, keep: 'last' });
    expect(out).toEqual({ keep: 'last' });
    expect(Object.keys(out)).toEqual(['keep']);
  });

  it('reports the first problem in key order', async () => {
    expect(await message({ keep: 'first', threshold: 2, unit: 'nope' })).toBe('.dedupe.json: "threshold" must be a number from 0 to 1, got 2');
  });

  it('long values are shortened and stay on one line', async () => {
    const m = await message({ unit: `a\n${'x'.repeat(100)}` });
    expect(m).toBe(`.dedupe.json: "unit" must be one of auto, paragraph, line, sentence, got "a\\n${'x'.repeat(35)}…`);
    expect(m).not.toMatch(/\n/);
  });

  it('describes values JSON cannot show', async () => {
    expect(await message({ fail: () => true })).toBe('.dedupe.json: "fail" must be true or false, got a function');
    expect(await message({ ignore: new Set(['a']) })).toBe('.dedupe.json: "ignore" must be an array of strings (glob patterns), got a Set');
    expect(await message({ threshold: 1n })).toBe('.dedupe.json: "threshold" must be a number from 0 to 1, got 1n');
  });
});

describe('validateConfig: unknown keys', () => {
  const cases: [key: string, suggestion: string | undefined][] = [
    ['treshold', '"threshold"'],
    ['Threshold', '"threshold"'],
    ['min-length', '"minLength"'],
    ['min_words', '"minWords"'],
    ['fail-on', '"failOn"'],
    ['colour', '"color"'],
    ['formt', '"format"'],
    ['maxDuplicate', '"maxDuplicates"'],
    ['exclude', '"ignore"'],
    ['noFail', '"fail": false'],
    ['no-gitignore', '"gitignore": false'],
    ['jobs', undefined],
    ['banana', undefined],
    ['', undefined],
  ];
  for (const [key, suggestion] of cases) {
    it(`${JSON.stringify(key)} -> ${suggestion ?? 'no suggestion'}`, async () => {
      const e = await configError(() => check({ [key]: 1 }));
      const hint = suggestion === undefined ? '' : `; did you mean ${suggestion}?`;
      expect(e.message).toBe(`.dedupe.json: unknown key ${JSON.stringify(key)} (allowed: ${ALLOWED})${hint}`);
      expect(e.key).toBe(key);
    });
  }

  it('"__proto__" from JSON is an unknown key, not a prototype', async () => {
    const e = await configError(() => check(JSON.parse('{"__proto__": {"threshold": 0.1}}')));
    expect(e.message).toBe(`.dedupe.json: unknown key "__proto__" (allowed: ${ALLOWED})`);
  });
});

describe('validateConfig: the top level', () => {
  const cases: [unknown, string][] = [
    [[], '[]'],
    [['*.md'], '["*.md"]'],
    [null, 'null'],
    ['threshold', '"threshold"'],
    [0.8, '0.8'],
    [undefined, 'undefined'],
    [new Map(), 'a Map'],
  ];
  for (const [value, shown] of cases) {
    it(`rejects ${shown}`, async () => {
      expect(await message(value)).toBe(`.dedupe.json: the top level must be an object of options (like {"threshold": 0.8}), got ${shown}`);
    });
  }

  it('accepts an object without a prototype', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.exact = true;
    expect(check(o)).toEqual({ exact: true });
  });
});

describe('validateConfig: the path in messages', () => {
  it('relative to cwd when inside it', async () => {
    const e = await configError(() => validateConfig({ x: 1 }, path.join(CWD, 'conf/dedupe.config.json'), CWD));
    expect(e.message.startsWith(`${path.join('conf', 'dedupe.config.json')}: unknown key "x"`)).toBe(true);
    expect(e.path).toBe(path.join(CWD, 'conf/dedupe.config.json'));
  });

  it('absolute when outside it', async () => {
    const outside = path.resolve('/elsewhere/.dedupe.json');
    const e = await configError(() => validateConfig({ x: 1 }, '../elsewhere/.dedupe.json', CWD));
    expect(e.message.startsWith(`${outside}: unknown key "x"`)).toBe(true);
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.name).toBe('ConfigError');
  });
});
