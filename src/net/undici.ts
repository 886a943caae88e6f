/**
 * Loads undici on first use (it costs ~90 ms to import, so only commands that send requests pay for it).
 * undici is CommonJS: its module.exports is the namespace's `default`, which works the same however the
 * module is loaded (Node's named exports from cjs-module-lexer, or the default alone).
 */
import { importModule } from '../import-module.js';

export type Undici = typeof import('undici');

let loaded: Promise<Undici> | undefined;

/** The undici module, imported once. */
export function loadUndici(): Promise<Undici> {
  loaded ??= importModule<Undici & { default?: Undici }>('undici').then((m) => m.default ?? m);
  return loaded;
}
