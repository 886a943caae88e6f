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

type Style = ((...text: unknown[]) => string) & Record<string, unknown>;

/**
 * Every style of chalk 5 (its modifierNames, foregroundColorNames and backgroundColorNames, its own `visible`,
 * the colour models, and `level`) for one painter, written out: an object literal is made from V8's boilerplate
 * at once, where assigning 60 properties one by one cost ~0.4 ms of a start-up (issue 15). The painter's own
 * prototype, so Function.prototype stays behind it.
 */
function styles(self: Style, visible: Style): object {
  const model = (): Style => self;
  return {
    __proto__: Function.prototype,
    level: 0,
    visible,
    rgb: model, hex: model, ansi256: model, bgRgb: model, bgHex: model, bgAnsi256: model,
    reset: self, bold: self, dim: self, italic: self, underline: self, overline: self, inverse: self, hidden: self, strikethrough: self,
    black: self, red: self, green: self, yellow: self, blue: self, magenta: self, cyan: self, white: self, gray: self, grey: self,
    blackBright: self, redBright: self, greenBright: self, yellowBright: self, blueBright: self, magentaBright: self, cyanBright: self, whiteBright: self,
    bgBlack: self, bgRed: self, bgGreen: self, bgYellow: self, bgBlue: self, bgMagenta: self, bgCyan: self, bgWhite: self, bgGray: self, bgGrey: self,
    bgBlackBright: self, bgRedBright: self, bgGreenBright: self, bgYellowBright: self, bgBlueBright: self, bgMagentaBright: self, bgCyanBright: self, bgWhiteBright: self,
  };
}

function makePlain(): ChalkInstance {
  const plain = ((...text: unknown[]) => (text.length === 1 ? `${text[0]}` : text.join(' '))) as Style;
  const visible = ((): string => '') as Style;
  // chalk itself, called without a style, joins its arguments whatever their number (undefined gives '').
  const root = ((...text: unknown[]) => text.join(' ')) as Style;
  const plainStyles = styles(plain, visible);
  Object.setPrototypeOf(root, plainStyles);
  Object.setPrototypeOf(plain, plainStyles);
  Object.setPrototypeOf(visible, styles(visible, visible));
  return root as unknown as ChalkInstance;
}

let made: ChalkInstance | undefined;

/** The one level-0 painter (it holds no state), made on first use: `usersig gen` never paints. */
export function plainChalk(): ChalkInstance {
  return (made ??= makePlain());
}
