/**
 * Shell completion: generated from the flag table, valid bash and zsh, and
 * completing options and their values.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completionScript, flagInfo } from '../../src/cli/completion.js';
import { FLAGS } from '../../src/cli/flags.js';
import { dedupe, tempTree } from './run.js';

function hasShell(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

describe('completion', () => {
  it('knows every flag of the table', () => {
    const longs = flagInfo().map((f) => f.long);
    for (const f of FLAGS) expect(longs).toContain(/--[a-z-]+/.exec(f.flags)?.[0]);
    expect(flagInfo().find((f) => f.long === '--unit')?.choices).toEqual(['auto', 'paragraph', 'line', 'sentence']);
  });

  it('bash: completes options and option values', async () => {
    const dir = await tempTree({ 'c.bash': completionScript('bash') });
    const complete = (words: string[]): string => {
      const script = `source c.bash; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _dedupe; echo "\${COMPREPLY[*]}"`;
      return spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' }).stdout.trim();
    };
    expect(complete(['dedupe', '--thr'])).toBe('--threshold');
    expect(complete(['dedupe', '--keep', 'l'])).toBe('last longest');
    expect(complete(['dedupe', '--unit', ''])).toBe('auto paragraph line sentence');
    expect(complete(['dedupe', 'c.b'])).toBe('c.bash');
  });

  it.skipIf(!hasShell('zsh'))('zsh: the script parses and defines _dedupe', async () => {
    const dir = await tempTree({ '_dedupe': completionScript('zsh') });
    expect(fs.readFileSync(`${dir}/_dedupe`, 'utf8').startsWith('#compdef dedupe\n')).toBe(true);
    expect(spawnSync('zsh', ['-n', '_dedupe'], { cwd: dir }).status).toBe(0);
    const r = spawnSync('zsh', ['-c', 'autoload -U compinit; compinit -u; source ./_dedupe; whence -w _dedupe'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('_dedupe: function');
  });

  it('dedupe --completion prints the script; an unknown shell is a usage error', () => {
    const r = dedupe(['--completion', 'bash']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(completionScript('bash'));
    const bad = dedupe(['--completion', 'fish']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('dedupe: --completion takes one of bash, zsh, got fish\n');
  });
});
