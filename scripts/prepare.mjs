#!/usr/bin/env node
// `prepare` (npm ci, npm install in a clone, npm pack): builds dist/ with `npm run build`. The build needs the
// devDependencies (typescript, esbuild); `npm install -g .` in a fresh clone runs prepare without them, which
// used to end in "tsc: not found". Say what to run instead (README "Install"). A dist/ already built from the
// same inputs is not built again (scripts/lib/build-inputs.mjs: `npx chatpush` in a clone runs prepare once more).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuilt } from './lib/build-inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (isBuilt(root)) {
  process.stderr.write('chatpush: dist/ is already built from these sources; not building it again.\n');
  process.exit(0);
}
const missing = ['typescript', 'esbuild'].filter((m) => !existsSync(join(root, 'node_modules', m, 'package.json')));
if (missing.length > 0) {
  process.stderr.write(
    `chatpush: cannot build dist/: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not installed (devDependencies).\n` +
      "  To install from a clone: npm ci && npm pack && npm install -g ./chatpush-*.tgz (README 'Install').\n",
  );
  process.exit(1);
}
const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
