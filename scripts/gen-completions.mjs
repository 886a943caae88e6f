#!/usr/bin/env node
// Regenerates completions/chatpush.bash, completions/_chatpush and completions/chatpush.fish from the built CLI
// (`chatpush completion <shell>`; the file names are those of src/completion/index.ts COMPLETION_FILES), so the committed
// scripts match `chatpush completion <shell>` byte for byte. Run by `npm run completions` whenever commands or
// options change; test/unit/completion.test.ts fails until you do.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = { bash: 'chatpush.bash', zsh: '_chatpush', fish: 'chatpush.fish' };
mkdirSync(join(root, 'completions'), { recursive: true });
for (const [shell, name] of Object.entries(FILES)) {
  const script = execFileSync(process.execPath, [join(root, 'bin', 'chatpush.js'), 'completion', shell], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const file = join(root, 'completions', name);
  writeFileSync(file, script);
  process.stdout.write(`wrote ${file}\n`);
}
