/**
 * vitest globalSetup: the whole run gets one private temp folder (TMPDIR, which os.tmpdir() and every spawned
 * CLI read), removed when the run ends. Tests create their config folders, fixtures and captures in it, so a run
 * leaves nothing behind in the system temp folder even when a test forgets to clean up (issue 11: ~260
 * `chatpush-*` folders with config.json and key files were left per run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'chatpush-test-run-'));
  const previous = process.env.TMPDIR;
  // Set before the workers start, so they and the processes they spawn inherit it.
  process.env.TMPDIR = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
