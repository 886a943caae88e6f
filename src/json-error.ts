/**
 * Where a JSON text first breaks, as `line:col` and jsonc-parser's error name, never quoting the text itself:
 * the engine's own messages (`Unexpected token 'T', ..."ecretKey":TOPSECRETV"...`) would echo a hand-edited
 * config's secret key into the terminal. Shared by the config store and `trace --response-file`.
 */
// Load this module lazily from hot paths (the config store reads config.json on every run): only a broken
// file should pay for jsonc-parser.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** 1-based line and column of an offset in text. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

/** The first syntax error of strict JSON text: `{ line, col, what }` (what: e.g. "ValueExpected"), or undefined. */
export function findJsonError(text: string): { line: number; col: number; what: string } | undefined {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  const e = errors[0];
  return e ? { ...lineCol(text, e.offset), what: printParseErrorCode(e.error) } : undefined;
}
