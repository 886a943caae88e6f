/** `chatpush completion bash|zsh|fish`: prints the completion script generated from the live program definition. */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { generateCompletion, SHELLS, type Shell } from '../completion/index.js';

/** Prints the script for `shell` on stdout, or `{schemaVersion, shell, script}` with --json (commander has already checked the choice; this guards direct calls). */
export async function runCompletion(shell: string, program: Command, ctx: Context): Promise<number> {
  if (!(SHELLS as readonly string[]).includes(shell)) {
    throw new UsageError(`unknown shell "${shell}".`, { hint: `Use one of ${SHELLS.join(', ')}.` });
  }
  // The callback command names complete too (`replay --command`, `fixtures show`): read from the catalogue.
  const { loadCatalogue } = await import('../callbacks/catalogue.js');
  const { fixturesDir } = await import('../paths.js');
  const callbackCommands = (await loadCatalogue(fixturesDir)).commands.map((e) => e.command);
  const script = generateCompletion(shell as Shell, program, { callbackCommands });
  // --json promises one JSON document on stdout for every command, so the script travels inside one.
  if (ctx.io.json) ctx.io.outJson({ shell, script });
  else ctx.io.write(script);
  return 0;
}
