/** Shell completion scripts generated from the commander program: `chatpush completion <shell>` and scripts/gen-completions.mjs. */
import type { Command } from 'commander';
import { generateBash } from './bash.js';
import { generateFish } from './fish.js';
import { describeProgram, type CompletionData } from './model.js';
import { generateZsh } from './zsh.js';

/** The shells we generate for, in help order. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** The file each shell's script is committed as, under completions/. */
export const COMPLETION_FILES: Readonly<Record<Shell, string>> = {
  bash: 'chatpush.bash',
  zsh: '_chatpush',
  fish: 'chatpush.fish',
};

/** Generates the completion script for a shell from the program definition and the catalogue's names (pure). */
export function generateCompletion(shell: Shell, program: Command, data: CompletionData = {}): string {
  const spec = describeProgram(program, data);
  switch (shell) {
    case 'bash':
      return generateBash(spec);
    case 'zsh':
      return generateZsh(spec);
    case 'fish':
      return generateFish(spec);
  }
}
