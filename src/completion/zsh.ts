/**
 * The zsh completion script (`_chatpush`), generated from the program description: one `_arguments`
 * function per command, subcommands dispatched with `->args` states, descriptions shown for every option.
 */
import { oneLine, type CommandSpec, type OptionSpec, type ProgramSpec } from './model.js';

/** Single-quotes text for zsh. */
function q(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Description text inside an _arguments [..] or _describe entry: no brackets, no newlines. */
function desc(text: string): string {
  return oneLine(text).replace(/\[/g, '(').replace(/\]/g, ')').replace(/\\/g, '/');
}

/** The action after an option value or argument: fixed choices, files, or "( )" (a value, nothing to offer). */
function action(choices: readonly string[] | undefined, files: boolean): string {
  if (choices) return `(${choices.join(' ')})`;
  if (files) return '_files';
  return '( )';
}

/** One _arguments spec; a short alias becomes `'(-q --quiet)'{-q,--quiet}'[…]'` (both spellings, exclusive). */
function optionSpec(o: OptionSpec): string {
  const value = o.takesValue ? `:${(o.valueName ?? 'value').replace(/:/g, '-')}:${action(o.choices, o.files)}` : '';
  const repeat = o.repeatable ? '*' : '';
  const tail = `[${desc(o.description)}]${value}`;
  if (o.short) {
    const exclusion = o.repeatable ? '' : q(`(${o.short} ${o.long})`);
    const names = `{${o.short}${o.takesValue ? '+' : ''},${o.long}${o.takesValue ? '=' : ''}}`;
    return `${exclusion}${repeat ? q(repeat) : ''}${names}${q(tail)}`;
  }
  return q(`${repeat}${o.long}${o.takesValue ? '=' : ''}${tail}`);
}

function fnName(c: CommandSpec, program: string): string {
  return `_${program}${c.path === '' ? '' : `_${c.path.replace(/[^A-Za-z0-9]+/g, '_')}`}`;
}

function commandFunction(c: CommandSpec, spec: ProgramSpec): string[] {
  const name = fnName(c, spec.name);
  const opts = [...c.options, ...spec.globalOptions].map((o) => `    ${optionSpec(o)}`);
  if (c.subcommands.length > 0) {
    const list = c.subcommands.map((s) => `    ${q(`${s.name}:${desc(s.description)}`)}`);
    const cases = c.subcommands.map((s) => `        ${s.name}) ${fnName(s, spec.name)} ;;`);
    return [
      `${name}() {`,
      '  local curcontext="$curcontext" state state_descr line ret=1',
      '  typeset -A opt_args',
      '  _arguments -C -s -S \\',
      ...opts.map((o) => `${o} \\`),
      `    ${q(`1: :${name}_commands`)} \\`,
      `    ${q('*:: :->args')} && ret=0`,
      '  case $state in',
      '    args)',
      `      curcontext="\${curcontext%:*:*}:${spec.name}-$words[1]:"`,
      '      case $words[1] in',
      ...cases,
      '      esac ;;',
      '  esac',
      '  return ret',
      '}',
      '',
      `${name}_commands() {`,
      '  local -a commands',
      '  commands=(',
      ...list,
      '  )',
      `  _describe -t commands ${q(`${spec.name}${c.path ? ` ${c.path}` : ''} command`)} commands`,
      '}',
      '',
      ...c.subcommands.flatMap((s) => commandFunction(s, spec)),
    ];
  }
  const args = c.arguments.map((a, i) => {
    const position = a.variadic ? '*' : String(i + 1);
    return `    ${q(`${position}:${a.name}:${action(a.choices, a.files)}`)}`;
  });
  const lines = [...opts, ...args];
  return [`${name}() {`, '  _arguments -s -S \\', ...lines.map((l, i) => (i === lines.length - 1 ? l : `${l} \\`)), '}', ''];
}

/** Generates the zsh script. */
export function generateZsh(spec: ProgramSpec): string {
  const name = spec.name;
  return [
    `#compdef ${name}`,
    `# zsh completion for ${name}.`,
    '# Generated from the commander definition (src/cli.ts) by scripts/gen-completions.mjs; do not edit.',
    `# Use: put this file (named _${name}) in a folder on $fpath and run compinit, or: source <(${name} completion zsh)`,
    '',
    ...commandFunction(spec.root, spec),
    `if [ "$funcstack[1]" = "_${name}" ]; then`,
    `  _${name} "$@"`,
    'else',
    `  compdef _${name} ${name}`,
    'fi',
    '',
  ].join('\n');
}
