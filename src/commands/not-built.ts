/** Placeholder for commands whose issue has not landed yet: says so and exits 2. */
import { UsageError } from '../errors.js';

export function notBuilt(command: string): never {
  throw new UsageError(`'chatpush ${command}' is not built yet in this version.`, { hint: "Run 'chatpush --help' for what is available." });
}
