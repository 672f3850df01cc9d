/**
 * --index with an SQLite file through the CLI: runs remember each other, the
 * `dedupe index` commands, --boilerplate across pages, and one-line errors.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dedupe, tempTree } from './run.js';

interface Report {
  clusters: { kind: string; documents?: number; blocks: { path: string; startLine: number; keep: boolean; indexed?: boolean }[] }[];
  summary: { duplicateBlocks: number };
}
const json = (s: string): Report => JSON.parse(s) as Report;

describe('--index (SQLite) through the CLI', () => {
  it('dedupe --index db a then b reports on b the same cross-file clusters as dedupe a b', async () => {
    const dir = await tempTree({ 'a.txt': fs.readFileSync('fixtures/article.txt'), 'b.txt': fs.readFileSync('fixtures/article-v2.txt') });
    expect(dedupe(['--index', 'idx.db', '--format', 'json', 'a.txt'], { cwd: dir }).status).toBe(1);
    const second = dedupe(['--index', 'idx.db', '--format', 'json', 'b.txt'], { cwd: dir });
    expect(second.stderr).toBe('');
    expect(second.status).toBe(1);
    const both = json(dedupe(['--format', 'json', 'a.txt', 'b.txt'], { cwd: dir }).stdout);
    const bSide = (r: Report) =>
      r.clusters
        .filter((c) => c.blocks.some((b) => b.path === 'b.txt'))
        .map((c) => ({
          kept: c.blocks.filter((b) => b.keep).map((b) => `${b.path}:${b.startLine}`),
          dups: c.blocks.filter((b) => b.path === 'b.txt').map((b) => b.startLine),
          kind: c.kind,
        }));
    const viaIndex = json(second.stdout);
    expect(bSide(viaIndex)).toEqual(bSide(both));
    expect(viaIndex.clusters.every((c) => c.blocks[0]?.indexed === true)).toBe(true);
  });

  it('dedupe index stats, export and prune', async () => {
    const dir = await tempTree({ 'a.txt': fs.readFileSync('fixtures/article.txt') });
    dedupe(['--index', 'idx.db', 'a.txt'], { cwd: dir });
    const stats = dedupe(['index', 'stats', '--index', 'idx.db'], { cwd: dir });
    expect(stats.status).toBe(0);
    // 17 blocks; 4 footer lines under --min-length 20; 2 doubled paragraphs: 11 distinct blocks.
    expect(stats.stdout).toMatch(/^index: {4}idx\.db\nblocks: {3}11\nsize: {5}[\d.]+ MB\noldest: {3}\d{4}-.*\nnewest: {3}\d{4}-.*\nsettings: format 1, minhash 3\/128, 42 bands x 3 rows, normalized\n$/);
    const lines = dedupe(['index', 'export', '--index', 'idx.db'], { cwd: dir }).stdout.trim().split('\n');
    expect(lines).toHaveLength(11);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ seq: 1, path: 'a.txt', line: 1, documents: 1 });
    expect(dedupe(['index', 'prune', '--index', 'idx.db', '--older-than', '1'], { cwd: dir }).stdout).toMatch(/^pruned 0 blocks last seen before /);
    expect(dedupe(['index', 'prune', '--index', 'idx.db', '--before', '2999-01-01'], { cwd: dir }).stdout).toMatch(/^pruned 11 blocks/);
    const bad = dedupe(['index', 'prune', '--index', 'idx.db'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('dedupe: index prune needs exactly one of --older-than DAYS or --before DATE\n');
  });

  it('a footer repeated over many pages is removed from all of them with --boilerplate, page by page', async () => {
    const article = fs.readFileSync('fixtures/article.txt', 'utf8');
    const footer = article.slice(article.indexOf('Source link'));
    const bodies = article.split('\n\n').filter((p) => p.length > 200);
    const pages = bodies.slice(0, 5).map((body, i) => `Page ${i + 1} headline of its own, long enough to count here\n\n${body}\n\n${footer}`);
    const tree: Record<string, string> = {};
    pages.forEach((p, i) => (tree[`p${i + 1}.txt`] = p));
    const dir = await tempTree(tree);
    const outputs: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const r = dedupe(['--index', 'idx.db', '--boilerplate', '3', '--min-length', '8', '--strip', `p${i}.txt`], { cwd: dir });
      expect(r.status).toBe(0);
      outputs.push(r.stdout);
    }
    // Pages 1-2: the footer has been seen in fewer than 3 documents; from page 3 on it is boilerplate.
    expect(outputs[0]).toContain('LEAVE A REPLY');
    for (const out of outputs.slice(2)) expect(out).not.toContain('LEAVE A REPLY');
    // Run over all five pages at once, every copy goes, the first included.
    const all = dedupe(['--boilerplate', '3', '--min-length', '8', '--format', 'json', 'p1.txt', 'p2.txt', 'p3.txt', 'p4.txt', 'p5.txt'], { cwd: dir });
    const bp = json(all.stdout).clusters.filter((c) => c.kind === 'boilerplate');
    expect(bp.length).toBeGreaterThan(0);
    for (const c of bp) {
      expect(c.documents).toBe(5);
      expect(c.blocks.every((b) => !b.keep)).toBe(true);
    }
  });

  it('errors are one line, exit 2: a file that is not an index, --index-store-text alone', async () => {
    const dir = await tempTree({ 'a.txt': 'A paragraph that is long enough to count as one.\n', 'not.db': 'this is not a database at all, just text\n'.repeat(200) });
    const r = dedupe(['--index', 'not.db', 'a.txt'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/^dedupe: .*not\.db.*\n$/);
    expect(dedupe(['--index-store-text', 'a.txt'], { cwd: dir }).stderr).toBe('dedupe: --index-store-text goes with --index\n');
  });
});
