#!/usr/bin/env node
// Builds dist/ with esbuild: src/ and the runtime dependencies bundled into ES modules, one chunk per lazily
// imported command or library, readable (not minified) with source maps. Type checking is tsc's job
// (`npm run build` runs it first). Why bundle: startup is most of a CLI's cost, and resolving and loading ~25
// separate modules (our files, commander's and chalk's) for `chatpush --help` cost more than parsing one file
// (see bench/startup.mjs and the README's performance section).
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// CommonJS dependencies (commander, cli-table3, undici) call require() for Node built-ins, so chunks get a
// `require`; files that never call it lose the banner again below (main.js is on every start-up path).
const BANNER = "import { createRequire as __chatpushCreateRequire } from 'node:module';\nconst require = __chatpushCreateRequire(import.meta.url);";
rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // main is the CLI; cli and completion/index are also imported by scripts/gen-completions.mjs.
  entryPoints: ['src/main.ts', 'src/cli.ts', 'src/completion/index.ts'],
  outbase: 'src',
  outdir: 'dist',
  entryNames: '[dir]/[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  // Prefer ES module builds: jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow.
  mainFields: ['module', 'main'],
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
  banner: { js: BANNER },
});

for (const file of readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' })) {
  if (!file.endsWith('.js')) continue;
  const path = join(root, 'dist', file);
  const text = readFileSync(path, 'utf8');
  const body = text.slice(BANNER.length);
  // Blank lines in place of the banner keep the source maps' line numbers right.
  if (text.startsWith(BANNER) && !/\brequire\b/.test(body)) writeFileSync(path, `\n${body}`);
}
