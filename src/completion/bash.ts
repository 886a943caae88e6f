/**
 * The bash completion script, generated from the program description (src/completion/model.ts). It finds
 * the subcommand path by walking the words typed so far (skipping option values), then offers options,
 * subcommands, option values (choices, files) or positional values for that path.
 */
import { allCommands, valuedOptionNames, type CommandSpec, type OptionSpec, type ProgramSpec } from './model.js';

/** Quotes a word for a bash case pattern or compgen word list (our words are plain: letters, digits, -.). */
function q(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function optionWords(options: readonly OptionSpec[]): string {
  return options.flatMap((o) => [o.long, ...(o.short ? [o.short] : [])]).join(' ');
}

function words(list: readonly string[]): string {
  return `compgen -W ${q(list.join(' '))} -- "$cur"`;
}

/** The case arms that complete an option's value for a path. */
function valueArms(spec: ProgramSpec, commands: CommandSpec[]): string[] {
  const arms: string[] = [];
  const arm = (path: string | undefined, o: OptionSpec): void => {
    const names = [o.long, ...(o.short ? [o.short] : [])];
    const pattern = names.map((n) => (path === undefined ? `*${q(`|${n}`)}` : q(`${path}|${n}`))).join('|');
    if (o.choices) arms.push(`        ${pattern}) COMPREPLY=($(${words(o.choices)})) ;;`);
    else if (o.files) arms.push(`        ${pattern}) _chatpush_files ;;`);
  };
  for (const c of commands) for (const o of c.options) if (o.takesValue) arm(c.path, o);
  for (const o of spec.globalOptions) if (o.takesValue) arm(undefined, o);
  return arms;
}

/** The case arms that complete positional arguments (by path and position). */
function positionalArms(commands: CommandSpec[]): string[] {
  const arms: string[] = [];
  for (const c of [...commands]) {
    if (c.subcommands.length > 0) {
      arms.push(`    ${q(c.path)}) COMPREPLY=($(${words(c.subcommands.map((s) => s.name))})) ;;`);
      continue;
    }
    const inner: string[] = [];
    c.arguments.forEach((a, i) => {
      const action = a.choices ? `COMPREPLY=($(${words(a.choices)}))` : a.files ? '_chatpush_files' : '';
      if (!action) return;
      const last = i === c.arguments.length - 1;
      inner.push(`        ${last && a.variadic ? '*' : String(i)}) ${action} ;;`);
    });
    if (inner.length > 0) arms.push(`    ${q(c.path)})\n      case "$npos" in\n${inner.join('\n')}\n      esac ;;`);
  }
  return arms;
}

/** Generates the bash script. */
export function generateBash(spec: ProgramSpec): string {
  const commands = allCommands(spec);
  const name = spec.name;
  const subcommandPatterns = commands.map((c) => {
    const parent = c.path.includes(' ') ? c.path.slice(0, c.path.lastIndexOf(' ')) : '';
    return q(`${parent}:${c.name}`);
  });
  const globalWords = optionWords(spec.globalOptions);
  const optionArms = [spec.root, ...commands].map((c) => `    ${q(c.path)}) opts=${q(`${optionWords(c.options)} ${globalWords}`.trim())} ;;`);
  const valued = valuedOptionNames(spec);

  return `# bash completion for ${name}                              -*- shell-script -*-
# Generated from the commander definition (src/cli.ts) by scripts/gen-completions.mjs; do not edit.
# Use: source <(${name} completion bash), or copy this file to
# ~/.local/share/bash-completion/completions/${name} (or /etc/bash_completion.d/).

_${name}_files() {
  local IFS=$'\\n'
  COMPREPLY=($(compgen -f -- "$cur"))
  compopt -o filenames 2>/dev/null
}

_${name}() {
  local cur prev path word opts i skip=0 npos=0
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  # "--opt=value": bash splits at "=", so the option is two words back.
  if [[ "$prev" == "=" && COMP_CWORD -ge 2 ]]; then prev="\${COMP_WORDS[COMP_CWORD-2]}"; fi
  [[ "$cur" == "=" ]] && cur=""
  path=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if ((skip)); then
      skip=0
      [[ "$word" == "=" ]] && skip=1
      continue
    fi
    case "$word" in
      --) break ;;
      -*=*) continue ;;
      ${valued.map(q).join('|')}) skip=1; continue ;;
      -*) continue ;;
    esac
    case "$path:$word" in
      ${subcommandPatterns.join('|')}) path="\${path:+$path }$word"; npos=0 ;;
      *) npos=$((npos + 1)) ;;
    esac
  done

  case "$prev" in
    ${valued.map(q).join('|')})
      COMPREPLY=()
      case "$path|$prev" in
${valueArms(spec, commands).join('\n')}
      esac
      return 0 ;;
  esac

  if [[ "$cur" == -* ]]; then
    case "$path" in
${optionArms.join('\n')}
    esac
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return 0
  fi

  COMPREPLY=()
  case "$path" in
    '') COMPREPLY=($(${words(spec.root.subcommands.map((s) => s.name))})) ;;
${positionalArms(commands).join('\n')}
  esac
  return 0
}

complete -F _${name} ${name}
`;
}
