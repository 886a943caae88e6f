/**
 * Walks the commander program (src/cli.ts `buildProgram`) into a plain description of commands, options,
 * arguments and the values they accept, so the bash, zsh and fish generators never drift from the real CLI.
 * Value lists commander does not know (regions, config keys) are added here from their own modules.
 */
import type { Argument, Command, Option } from 'commander';
import { CONFIG_KEYS } from '../config/resolve.js';
import { REGIONS } from '../tencent/regions.js';

/** One long option (with its short alias) and what its value may be. */
export interface OptionSpec {
  long: string;
  short: string | undefined;
  description: string;
  takesValue: boolean;
  /** The value's name from the flags ("<path>" → "path"). */
  valueName: string | undefined;
  /** Fixed values the option accepts (commander choices, or regions). */
  choices: readonly string[] | undefined;
  /** The value is a file path. */
  files: boolean;
  /** May be given more than once (--set). */
  repeatable: boolean;
}

/** One positional argument. */
export interface ArgumentSpec {
  name: string;
  description: string;
  variadic: boolean;
  choices: readonly string[] | undefined;
  files: boolean;
}

/** A command and its subcommands; `path` is the words after the program name ("usersig gen"). */
export interface CommandSpec {
  name: string;
  path: string;
  description: string;
  options: OptionSpec[];
  arguments: ArgumentSpec[];
  subcommands: CommandSpec[];
}

/** The whole program: its global options and the command tree under the root. */
export interface ProgramSpec {
  name: string;
  globalOptions: OptionSpec[];
  root: CommandSpec;
}

/** Value names that mean "a file path" in our flags and arguments. */
const FILE_VALUE = /^(path|file|fixtures?)$/;

/** Arguments whose values come from elsewhere (keyed by "command path:argument name"). */
const ARGUMENT_VALUES: Readonly<Record<string, readonly string[]>> = {
  'config get:key': CONFIG_KEYS,
  'config set:key': CONFIG_KEYS,
  'config unset:key': CONFIG_KEYS,
};

/** Options whose values come from elsewhere (by long name). */
const OPTION_VALUES: Readonly<Record<string, readonly string[]>> = {
  '--region': REGIONS.map((r) => r.id),
};

/** Values that come from data rather than code: the callback catalogue's command names (fixtures/). */
export interface CompletionData {
  callbackCommands?: readonly string[];
}

/** Where the catalogue's command names complete: `replay --command <TAB>` and `fixtures show <TAB>`. */
function dataValues(data: CompletionData): { options: Record<string, readonly string[]>; args: Record<string, readonly string[]> } {
  const names = data.callbackCommands;
  return names && names.length > 0 ? { options: { '--command': names }, args: { 'fixtures show:command': names } } : { options: {}, args: {} };
}

function describeOption(o: Option, data: CompletionData = {}): OptionSpec | undefined {
  if (o.hidden || !o.long) return undefined;
  const takesValue = o.required || o.optional;
  const valueName = takesValue ? /[<[]([^>\]]+)[>\]]/.exec(o.flags)?.[1]?.replace(/\.\.\.$/, '') : undefined;
  return {
    long: o.long,
    short: o.short,
    description: o.description,
    takesValue,
    valueName,
    choices: o.argChoices ?? OPTION_VALUES[o.long] ?? dataValues(data).options[o.long],
    files: valueName !== undefined && FILE_VALUE.test(valueName),
    repeatable: o.variadic || Array.isArray(o.defaultValue),
  };
}

function describeArgument(a: Argument, path: string, data: CompletionData = {}): ArgumentSpec {
  const name = a.name();
  return {
    name,
    description: a.description,
    variadic: a.variadic,
    choices: a.argChoices ?? ARGUMENT_VALUES[`${path}:${name}`] ?? dataValues(data).args[`${path}:${name}`],
    files: FILE_VALUE.test(name),
  };
}

function describeCommand(cmd: Command, parentPath: string, data: CompletionData = {}): CommandSpec {
  const path = parentPath === '' ? cmd.name() : `${parentPath} ${cmd.name()}`;
  return {
    name: cmd.name(),
    path,
    description: cmd.description(),
    options: cmd.options.map((o) => describeOption(o, data)).filter((o): o is OptionSpec => o !== undefined),
    arguments: cmd.registeredArguments.map((a) => describeArgument(a, path, data)),
    subcommands: cmd.commands.map((c) => describeCommand(c, path, data)),
  };
}

const HELP_OPTION: OptionSpec = {
  long: '--help',
  short: '-h',
  description: 'show help',
  takesValue: false,
  valueName: undefined,
  choices: undefined,
  files: false,
  repeatable: false,
};

/**
 * Describes the program. Global options are the root's own options plus --help; every command accepts them
 * (commander parses program options after a subcommand too). The implicit `help [command]` is included.
 */
export function describeProgram(program: Command, data: CompletionData = {}): ProgramSpec {
  const commands = program.commands.map((c) => describeCommand(c, '', data));
  const help: CommandSpec = {
    name: 'help',
    path: 'help',
    description: 'show help for a command',
    options: [],
    arguments: [{ name: 'command', description: 'the command', variadic: false, choices: commands.map((c) => c.name), files: false }],
    subcommands: [],
  };
  const root: CommandSpec = {
    name: program.name(),
    path: '',
    description: program.description(),
    options: [],
    arguments: [],
    subcommands: [...commands, help],
  };
  const globalOptions = [...program.options.map((o) => describeOption(o)).filter((o): o is OptionSpec => o !== undefined), HELP_OPTION];
  return { name: program.name(), globalOptions, root };
}

/** Every command in the tree, depth first (root excluded). */
export function allCommands(spec: ProgramSpec): CommandSpec[] {
  const out: CommandSpec[] = [];
  const walk = (c: CommandSpec): void => {
    for (const s of c.subcommands) {
      out.push(s);
      walk(s);
    }
  };
  walk(spec.root);
  return out;
}

/**
 * The options that take a value, by name (long and short), across the program. Shells use it to skip an
 * option's value when finding the subcommand; a name that takes a value in one command and not in another
 * would make that ambiguous, so it is an error here (caught by the completion tests).
 */
export function valuedOptionNames(spec: ProgramSpec): string[] {
  const seen = new Map<string, boolean>();
  const note = (name: string | undefined, takesValue: boolean, where: string): void => {
    if (!name) return;
    const before = seen.get(name);
    if (before !== undefined && before !== takesValue) throw new Error(`option ${name} takes a value in one command but not in another (${where})`);
    seen.set(name, takesValue);
  };
  for (const o of spec.globalOptions) {
    note(o.long, o.takesValue, 'global');
    note(o.short, o.takesValue, 'global');
  }
  for (const c of allCommands(spec)) {
    for (const o of c.options) {
      note(o.long, o.takesValue, c.path);
      note(o.short, o.takesValue, c.path);
    }
  }
  return [...seen].filter(([, v]) => v).map(([k]) => k).sort();
}

/** One line of description text, safe to embed (no newlines, trimmed). */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
