/**
 * The command line of operands only is read without commander
 * (src/cli/operands.ts): what it gives must be what commander gives.
 */
import { describe, expect, it } from 'vitest';
import { operandsOnly } from '../../src/cli/operands.js';
import { parseCommandLine } from '../../src/cli/program.js';
import { FLAGS } from '../../src/cli/flags.js';

const OUT = { writeOut: () => {}, writeErr: () => {} };

/** Every long flag's key, as commander stores it (camelCase, without no-). */
const KEYS = FLAGS.map((f) => (/--(?:no-)?([a-z-]+)/.exec(f.flags)?.[1] ?? '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));

describe('operands only', () => {
  it.each([[[]], [['a.txt']], [['-']], [['-', 'b.txt', 'docs/']], [['']], [['help']], [['index2', 'x y.txt', 'ü.txt']], [['a', '-', 'b']]])(
    '%j: the flags, operands and sources commander gives',
    (argv: string[]) => {
      const fast = operandsOnly(argv);
      const full = parseCommandLine('0.0.0', argv, OUT);
      expect(fast).toBeDefined();
      expect(typeof full).toBe('object');
      if (fast === undefined || typeof full === 'number') return;
      expect(fast.flags).toStrictEqual(full.flags);
      expect(fast.args).toStrictEqual(full.args);
      for (const key of KEYS) expect(fast.fromCli(key)).toBe(full.fromCli(key));
    },
  );

  it.each([[['-q']], [['--']], [['a.txt', '--strip']], [['-1']], [['--help']], [['a', '--', 'b']]])('%j goes to commander', (argv: string[]) => {
    expect(operandsOnly(argv)).toBeUndefined();
  });
});
