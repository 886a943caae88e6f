/**
 * The fish completion script, generated from the program description. A helper finds the subcommand path
 * and how many positionals follow it (skipping option values); every `complete` line is conditioned on it.
 */
import { allCommands, oneLine, valuedOptionNames, type CommandSpec, type OptionSpec, type ProgramSpec } from './model.js';

/** Single-quotes text for fish (only \\ and ' are special inside). */
function q(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function optionLine(name: string, condition: string | undefined, o: OptionSpec): string {
  const parts = [`complete -c ${name}`];
  if (condition !== undefined) parts.push(`-n ${q(condition)}`);
  if (o.short) parts.push(`-s ${o.short.replace(/^-/, '')}`);
  parts.push(`-l ${o.long.replace(/^--/, '')}`);
  if (o.takesValue) {
    if (o.choices) parts.push('-x', `-a ${q(o.choices.join(' '))}`);
    else if (o.files) parts.push('-r', '-F');
    else parts.push('-x');
  }
  parts.push(`-d ${q(oneLine(o.description))}`);
  return parts.join(' ');
}

function at(name: string, path: string, pos?: string): string {
  return `__${name}_at "${path}"${pos === undefined ? '' : ` ${pos}`}`;
}

function commandLines(name: string, c: CommandSpec): string[] {
  const lines: string[] = [];
  for (const s of c.subcommands) lines.push(`complete -c ${name} -n ${q(at(name, c.path))} -a ${s.name} -d ${q(oneLine(s.description))}`);
  for (const o of c.options) lines.push(optionLine(name, at(name, c.path), o));
  c.arguments.forEach((a, i) => {
    const pos = a.variadic && i === c.arguments.length - 1 ? `${i}+` : String(i);
    if (a.choices) lines.push(`complete -c ${name} -n ${q(at(name, c.path, pos))} -a ${q(a.choices.join(' '))} -d ${q(oneLine(a.description))}`);
    else if (a.files) lines.push(`complete -c ${name} -n ${q(at(name, c.path, pos))} -F`);
  });
  return lines;
}

/** Generates the fish script. */
export function generateFish(spec: ProgramSpec): string {
  const name = spec.name;
  const commands = allCommands(spec);
  const subcommandPatterns = commands.map((c) => {
    const parent = c.path.includes(' ') ? c.path.slice(0, c.path.lastIndexOf(' ')) : '';
    return q(`${parent}:${c.name}`);
  });
  const valued = valuedOptionNames(spec).map(q).join(' ');
  return [
    `# fish completion for ${name}.`,
    '# Generated from the commander definition (src/cli.ts) by scripts/gen-completions.mjs; do not edit.',
    `# Use: copy to ~/.config/fish/completions/${name}.fish, or: ${name} completion fish | source`,
    '',
    `# Succeeds when the subcommand path typed so far is $want and, when $pos is given, the number of`,
    '# positionals after it is $pos ("N+" means N or more). Option values are skipped.',
    `function __${name}_at --argument-names want pos`,
    '    set -l words (commandline -opc)',
    '    set -e words[1]',
    "    set -l path ''",
    '    set -l npos 0',
    '    set -l skip 0',
    '    for w in $words',
    '        if test $skip -eq 1',
    '            set skip 0',
    '            continue',
    '        end',
    '        switch $w',
    "            case '--'",
    '                break',
    "            case '-*=*'",
    '                continue',
    `            case ${valued}`,
    '                set skip 1',
    '                continue',
    "            case '-*'",
    '                continue',
    '        end',
    '        switch "$path:$w"',
    `            case ${subcommandPatterns.join(' ')}`,
    '                set path (string trim -- "$path $w")',
    '                set npos 0',
    '            case \'*\'',
    '                set npos (math $npos + 1)',
    '        end',
    '    end',
    '    test "$path" = "$want"; or return 1',
    '    test -z "$pos"; and return 0',
    "    if string match -q -- '*+' $pos",
    "        test $npos -ge (string trim -r -c + -- $pos)",
    '    else',
    '        test $npos -eq $pos',
    '    end',
    'end',
    '',
    `complete -c ${name} -f`,
    ...spec.globalOptions.map((o) => optionLine(name, undefined, o)),
    ...commandLines(name, spec.root),
    ...commands.flatMap((c) => commandLines(name, c)),
    '',
  ].join('\n');
}
