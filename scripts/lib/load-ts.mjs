// Loads a TypeScript module of src/ from a plain Node script (report screenshots, sample captures): esbuild (a
// devDependency) bundles it to an ES module under node_modules/.cache, where its package imports still resolve.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Imports a TypeScript module (path relative to the repository root), or, given several paths, one module that
 * re-exports all of them.
 */
export async function loadTs(...paths) {
  const outdir = join(root, 'node_modules', '.cache', 'chatpush-scripts');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `${basename(paths[0], '.ts')}-${process.pid}.mjs`);
  await build({
    absWorkingDir: root,
    stdin: { contents: paths.map((p) => `export * from './${p}';`).join('\n'), resolveDir: root, loader: 'ts' },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.18',
    packages: 'external',
    define: { 'import.meta.dirname': JSON.stringify(join(root, 'src')) },
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}
