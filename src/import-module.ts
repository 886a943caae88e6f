/**
 * import() for the libraries kept outside the bundle (cli-table3, ora, proper-lockfile, ajv, jsonc-parser). The bin shim runs the
 * bundle as a vm.Script from V8's code cache, and a vm.Script cannot call import() itself; the shim lends its
 * own import() as `globalThis.__chatpushImport`, which resolves from the installed package as usual. Without the
 * shim (tests, library use) this is a plain import().
 */
type Importer = (specifier: string) => Promise<unknown>;

/** Imports a package by name. */
export function importModule<T>(specifier: string): Promise<T> {
  const lent = (globalThis as { __chatpushImport?: Importer }).__chatpushImport;
  return (lent ? lent(specifier) : import(specifier)) as Promise<T>;
}
