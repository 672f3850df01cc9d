import { expect } from 'vitest';
import { type Tree, treeMaker } from '../helpers/tree.js';
import { ConfigError } from '../../src/config/index.js';

export type { Tree } from '../helpers/tree.js';
export { writeTree } from '../helpers/tree.js';

const tempTree = treeMaker('config');

/**
 * A fresh temp dir holding `tree`, removed after the test. Unless `bare`, the
 * root also gets a `.git/` directory so that no search leaves the temp dir
 * (a stray config in /tmp or above cannot leak into a test).
 */
export function makeTree(tree: Tree = {}, bare = false): Promise<string> {
  return tempTree(bare ? tree : { '.git/': '', ...tree });
}

export const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** Awaits `promise` (or calls `fn`), expecting a ConfigError; returns it. */
export async function configError(run: Promise<unknown> | (() => unknown)): Promise<ConfigError> {
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}
