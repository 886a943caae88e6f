/**
 * chalk at colour level 0, without chalk: what io.ts hands out when a stream gets no colour (a pipe, a file,
 * --json, NO_COLOR). chalk at level 0 returns its input, but each call goes through its style builders, and the
 * module itself is ~0.6 ms of every start-up to initialise (issue 15: `usersig gen`, and the ~100 000 cells of a
 * 2000-instance trace table). chalk is loaded only when some stream does get colour (main.ts).
 *
 * Same answers as `new Chalk({ level: 0 })` for every style, chain and argument list (test/unit/io.test.ts
 * compares them over chalk's own lists of names): the arguments as text, joined by spaces; `visible`, anywhere
 * in a chain, gives ''; chalk itself, unstyled, joins its arguments.
 */
import type { ChalkInstance } from 'chalk';

// chalk 5's modifierNames, foregroundColorNames and backgroundColorNames, plus its own `visible`.
const MODIFIERS = ['reset', 'bold', 'dim', 'italic', 'underline', 'overline', 'inverse', 'hidden', 'strikethrough'];
const COLORS = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'grey'];
const BRIGHT = ['blackBright', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright'];
// Colour models: chalk.rgb(1, 2, 3) returns a style.
const MODELS = ['rgb', 'hex', 'ansi256', 'bgRgb', 'bgHex', 'bgAnsi256'];

type Style = ((...text: unknown[]) => string) & Record<string, unknown>;

function style(empty: boolean): Style {
  return ((...text: unknown[]) => (empty ? '' : text.length === 1 ? `${text[0]}` : text.join(' '))) as Style;
}

function makePlain(): ChalkInstance {
  const names = [...MODIFIERS, ...COLORS, ...BRIGHT, ...[...COLORS, ...BRIGHT].map((c) => `bg${c[0]!.toUpperCase()}${c.slice(1)}`)];
  const plain = style(false);
  const visible = style(true);
  // chalk itself, called without a style, joins its arguments whatever their number (undefined gives '').
  const root = ((...text: unknown[]) => text.join(' ')) as Style;
  for (const [s, self] of [
    [root, plain],
    [plain, plain],
    [visible, visible],
  ] as const) {
    for (const name of names) s[name] = self;
    for (const model of MODELS) s[model] = () => self;
    s.visible = visible;
    s.level = 0;
  }
  return root as unknown as ChalkInstance;
}

let made: ChalkInstance | undefined;

/** The one level-0 painter (it holds no state), made on first use: `usersig gen` never paints. */
export function plainChalk(): ChalkInstance {
  return (made ??= makePlain());
}
