#!/usr/bin/env node
// Regenerates completions/chatpush.bash, completions/_chatpush and completions/chatpush.fish from the built
// program (dist/), so the committed scripts match `chatpush completion <shell>` byte for byte.
// Run after `npm run build` whenever commands or options change; test/unit/completion.test.ts fails until you do.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { buildProgram } = await import(pathToFileURL(join(root, 'dist', 'cli.js')).href);
const { generateCompletion, SHELLS, COMPLETION_FILES } = await import(pathToFileURL(join(root, 'dist', 'completion', 'index.js')).href);

const noop = () => {};
const { program } = buildProgram('0.0.0', () => { throw new Error('not run'); }, { writeOut: noop, writeErr: noop, helpWidth: () => 80 });
mkdirSync(join(root, 'completions'), { recursive: true });
for (const shell of SHELLS) {
  const file = join(root, 'completions', COMPLETION_FILES[shell]);
  writeFileSync(file, generateCompletion(shell, program));
  process.stdout.write(`wrote ${file}\n`);
}
