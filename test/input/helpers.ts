import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { treeMaker } from '../helpers/tree.js';
import type { LoadResult } from '../../src/input/index.js';

export type { Tree } from '../helpers/tree.js';
export { writeTree } from '../helpers/tree.js';

/** Creates a fresh temp dir holding a tree; removed after the test. */
export const makeTree = treeMaker('input');

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
