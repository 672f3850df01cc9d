/**
 * Shell completion scripts for bash and zsh, generated from the flag table so that
 * they never fall behind the options. `dedupe --completion bash` prints one.
 */
import { FLAGS } from './flags.js';

export const SHELLS = ['bash', 'zsh'] as const;
export type Shell = (typeof SHELLS)[number];

interface FlagInfo {
  readonly long: string;
  readonly short?: string;
  readonly takesValue: boolean;
  readonly choices?: readonly string[];
  readonly help: string;
}

/** The flags as completion needs them; choices are read from `a|b|c` in the help text. */
export function flagInfo(): FlagInfo[] {
  const out: FlagInfo[] = [
    { long: '--help', short: '-h', takesValue: false, help: 'show help' },
    { long: '--version', short: '-V', takesValue: false, help: 'show the version' },
  ];
  for (const f of FLAGS) {
    const long = /--[a-z-]+/.exec(f.flags)?.[0];
    if (long === undefined) continue;
    const short = /^-[a-zA-Z]\b/.exec(f.flags)?.[0];
    const takesValue = f.flags.includes('<');
    const choiceText = /: ([a-z]+(?:\|[a-z]+)+)/.exec(f.help)?.[1];
    out.push({
      long,
      ...(short ? { short } : {}),
      takesValue,
      ...(takesValue && choiceText ? { choices: choiceText.split('|') } : {}),
      help: f.help.replace(/\s*\(.*$/, ''),
    });
  }
  return out;
}

export function completionScript(shell: Shell): string {
  return shell === 'bash' ? bashScript(flagInfo()) : zshScript(flagInfo());
}

function bashScript(flags: readonly FlagInfo[]): string {
  const words = flags.flatMap((f) => (f.short ? [f.short, f.long] : [f.long])).join(' ');
  const cases = flags
    .filter((f) => f.takesValue)
    .map((f) => {
      const names = f.short ? `${f.short}|${f.long}` : f.long;
      const action =
        f.choices !== undefined
          ? `COMPREPLY=( $(compgen -W "${f.choices.join(' ')}" -- "$cur") )`
          : f.long === '--out-dir'
            ? 'COMPREPLY=( $(compgen -d -- "$cur") )'
            : 'COMPREPLY=()';
      return `    ${names}) ${action}; return ;;`;
    })
    .join('\n');
  return `# bash completion for dedupe. Load it with:  source <(dedupe --completion bash)
_dedupe() {
  local cur prev
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "${words}" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
complete -o filenames -F _dedupe dedupe
`;
}

function zshQuote(text: string): string {
  return text.replace(/'/g, "'\\''").replace(/[[\]:]/g, '\\$&');
}

function zshScript(flags: readonly FlagInfo[]): string {
  const specs = flags.map((f) => {
    const value = f.takesValue
      ? `:${f.long.slice(2)}:${f.choices ? `(${f.choices.join(' ')})` : f.long === '--out-dir' ? '_files -/' : ' '}`
      : '';
    const help = `[${zshQuote(f.help)}]`;
    return f.short ? `    '(${f.short} ${f.long})'{${f.short},${f.long}}'${help}${value}'` : `    '${f.long}${help}${value}'`;
  });
  return `#compdef dedupe
# zsh completion for dedupe. Load it with:  source <(dedupe --completion zsh)
# (or save it as _dedupe in a directory of your $fpath)
_dedupe() {
  _arguments -s \\
${specs.join(' \\\n')} \\
    '*:file:_files'
}
compdef _dedupe dedupe
`;
}
