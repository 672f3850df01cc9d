import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { ConfigError } from '../../src/config/index.js';

const made: string[] = [];

afterEach(async () => {
  while (made.length > 0) {
    const dir = made.pop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  }
});

/** File path -> contents; a path ending in `/` is an empty directory. */
export type Tree = Record<string, string>;

/**
 * A fresh temp dir holding `tree`, removed after the test. Unless `bare`, the
 * root also gets a `.git/` directory so that no search leaves the temp dir
 * (a stray config in /tmp or above cannot leak into a test).
 */
export async function makeTree(tree: Tree = {}, bare = false): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dedupe-config-'));
  made.push(root);
  await writeTree(root, bare ? tree : { '.git/': '', ...tree });
  return root;
}

export async function writeTree(root: string, tree: Tree): Promise<void> {
  for (const [rel, content] of Object.entries(tree)) {
    const abs = path.join(root, rel);
    if (rel.endsWith('/')) {
      await mkdir(abs, { recursive: true });
      continue;
    }
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content);
  }
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
