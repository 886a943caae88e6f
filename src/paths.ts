/** Where the installed package's own files (fixtures, completions, package.json) live. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: this code sits one level below it, as src/*.ts and bundled into dist/chatpush.cjs alike. */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** The shipped fixtures folder. */
export const fixturesDir = join(packageRoot, 'fixtures');
