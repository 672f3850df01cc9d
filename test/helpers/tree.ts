/**
 * Temporary file trees for tests: a spec of relative path -> contents (a path
 * ending in `/` is an empty directory), written under a fresh temp directory
 * that is removed after the test (or, with `removeAfter: 'file'`, after the file).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';

export type Tree = Readonly<Record<string, string | Uint8Array>>;

/** Writes `tree` under `root`. */
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

/**
 * A maker of temp trees named `dedupe-<prefix>-…`; the directories it makes are
 * removed after each test (`'test'`) or after the test file (`'file'`).
 */
export function treeMaker(prefix: string, removeAfter: 'test' | 'file' = 'test'): (tree?: Tree) => Promise<string> {
  const made: string[] = [];
  const cleanup = async (): Promise<void> => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  };
  if (removeAfter === 'test') afterEach(cleanup);
  else afterAll(cleanup);
  return async (tree: Tree = {}) => {
    const root = await mkdtemp(path.join(os.tmpdir(), `dedupe-${prefix}-`));
    made.push(root);
    await writeTree(root, tree);
    return root;
  };
}
