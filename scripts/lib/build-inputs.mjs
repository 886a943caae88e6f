// What dist/ is built from, as one hash, and the stamp a build leaves of it (scripts/build.mjs writes it,
// scripts/prepare.mjs reads it). `npx chatpush demo` right after `npm ci` in a clone (README's first command)
// installs the clone into npx's cache as a file: dependency, which runs `prepare` again in the same folder: with
// an empty npm cache that was ~7 s of rebuilding, silently, the dist/ that `npm ci` had just built.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Every input of `npm run build`: the sources, the bin (it makes dist/help.txt and loads the bundles to warm their
// caches), the build scripts, the type-check settings, and the dependencies bundled in (by the lock file).
const FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs', 'scripts/warm-code-cache.cjs', 'scripts/lib/build-inputs.mjs'];
const FOLDERS = ['src', 'bin'];
// Files the build writes last: a dist/ without them was not finished.
const OUTPUTS = ['dist/chatpush.cjs', 'dist/help.txt'];

function filesUnder(root, folder) {
  const out = [];
  const walk = (rel) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(path);
    }
  };
  if (existsSync(join(root, folder))) walk(folder);
  return out;
}

/** The hash of every build input's path and bytes, and of the Node version (the code caches are per version). */
export function buildInputsHash(root) {
  const hash = createHash('sha256').update(`node ${process.version}\0`);
  const paths = [...FILES.filter((f) => existsSync(join(root, f))), ...FOLDERS.flatMap((d) => filesUnder(root, d))].sort();
  for (const path of paths) {
    const bytes = readFileSync(join(root, path));
    hash.update(`${path}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

/** Where the stamp lives: outside dist/ (which is published) and gone with node_modules. */
export function stampPath(root) {
  return join(root, 'node_modules', '.cache', 'chatpush', 'build-inputs');
}

/** Records that dist/ was built from the inputs as they are now (the last step of a build). */
export function writeStamp(root) {
  const path = stampPath(root);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${buildInputsHash(root)}\n`);
}

/** Whether dist/ is whole and was built from the inputs as they are now. */
export function isBuilt(root) {
  if (!OUTPUTS.every((f) => existsSync(join(root, f)))) return false;
  try {
    return readFileSync(stampPath(root), 'utf8').trim() === buildInputsHash(root);
  } catch {
    return false;
  }
}
