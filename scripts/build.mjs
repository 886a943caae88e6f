#!/usr/bin/env node
// Builds dist/chatpush.cjs with esbuild: src/ plus commander and chalk in one readable (not minified) CommonJS
// file with a source map. Type checking is tsc's job (`npm run build` runs it first).
//
// Why one CommonJS file: start-up is most of a CLI's cost. On the 2-core machines an ES module entry costs
// ~10 ms more than a CommonJS one before any code runs, and resolving and loading ~25 separate modules (ours,
// commander's, chalk's) costs more than reading one file; bin/chatpush.js then runs this file from V8's code
// cache (bench/startup.mjs; README "Performance"). The heavy libraries stay outside the bundle and are loaded
// only by the commands that use them: undici (HTTP), cli-table3 (TTY tables), jsonc-parser (fixtures), and the
// ES-module-only ora (spinner) and conf (config writes).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// commander requires node:child_process at load time, only to run "executable subcommands", which chatpush
// does not have; loading that built-in is ~2 ms of every start-up. Give commander a stand-in that loads it
// on first use instead.
const lazyChildProcess = {
  name: 'lazy-child-process-for-commander',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${join('node_modules', 'commander')}`) ? { path: 'lazy-child-process', namespace: 'chatpush' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'chatpush' }, () => ({
      contents: "let cp; module.exports = new Proxy({}, { get: (_t, key) => (cp ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};
rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/chatpush.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.18',
  external: ['undici', 'cli-table3', 'jsonc-parser', 'ora', 'conf'],
  // The sources use import.meta.url to find package.json and fixtures/; in CommonJS that is this file's URL.
  define: { 'import.meta.url': '__chatpushFileUrl' },
  banner: { js: "const __chatpushFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [lazyChildProcess],
});

// Warm V8's code cache (dist/chatpush.cjs.v8cache, see bin/chatpush.js) with the start-up path every command
// shares: argument parsing and help. (Warming more commands made the cache, which V8 reads whole, slower to load.)
spawnSync(process.execPath, [join(root, 'bin', 'chatpush.js'), '--help'], { stdio: 'ignore' });
