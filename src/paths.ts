/** Where the installed package's own files (fixtures, completions, package.json) live. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root: the nearest folder above this module that holds package.json. The module may sit in
 * src/ (tests), dist/ or dist/chunks/ (the bundled build), so the depth is not fixed.
 */
function findPackageRoot(start: string): string {
  let dir = start;
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return join(start, '..');
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** The shipped fixtures folder. */
export const fixturesDir = join(packageRoot, 'fixtures');
