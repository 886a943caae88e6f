/** Where the installed package's own files (fixtures, completions, package.json) live. */
import { dirname, join } from 'node:path';

/** The package root: this code sits one level below it, as src/*.ts and bundled into dist/chatpush.cjs alike. */
export const packageRoot = dirname(import.meta.dirname);

/** The shipped fixtures folder. */
export const fixturesDir = join(packageRoot, 'fixtures');
