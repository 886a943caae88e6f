/** Where the installed package's own files (fixtures, completions, package.json) live. */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The package root: dist/paths.js lives one level below it. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The shipped fixtures folder. */
export const fixturesDir = join(packageRoot, 'fixtures');
