import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { LoadResult } from '../../src/input/index.js';

const made: string[] = [];

afterEach(async () => {
  while (made.length > 0) {
    const dir = made.pop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  }
});

/** A tree spec: file path -> contents (string or bytes); a path ending in `/` is an empty directory. */
export type Tree = Record<string, string | Uint8Array>;

/** Creates a fresh temp dir holding `tree`; removed after the test. */
export async function makeTree(tree: Tree = {}): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dedupe-input-'));
  made.push(root);
  await writeTree(root, tree);
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

export async function link(root: string, target: string, at: string): Promise<void> {
  await symlink(target, path.join(root, at));
}

export function paths(result: LoadResult): string[] {
  return result.sources.map((s) => s.path);
}

export function text(result: LoadResult, display: string): string | undefined {
  const source = result.sources.find((s) => s.path === display);
  return source === undefined ? undefined : Buffer.from(source.bytes).toString('utf8');
}

export const isRoot = process.getuid?.() === 0;
