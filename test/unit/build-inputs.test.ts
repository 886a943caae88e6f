/**
 * scripts/lib/build-inputs.mjs: `prepare` skips the build only when dist/ is whole and was built from the inputs
 * exactly as they are now (`npx chatpush` right after `npm ci` runs prepare again). Any change to a source, the
 * bin, the build scripts or the lock file, a new source file, or a missing output means building again.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInputsHash, isBuilt, writeStamp } from '../../scripts/lib/build-inputs.mjs';

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'chatpush-build-inputs-'));
  const files: Record<string, string> = {
    'package.json': '{"name":"x"}',
    'package-lock.json': '{}',
    'tsconfig.json': '{}',
    'scripts/build.mjs': '// build',
    'src/main.ts': 'export {};',
    'src/commands/trace.ts': 'export {};',
    'bin/chatpush.js': '#!/usr/bin/env node',
    'dist/chatpush.cjs': '// bundle',
    'dist/help.txt': 'Usage',
    'fixtures/a.json': '{}',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('build inputs', () => {
  it('is built after a stamp of the inputs as they are, and not before', () => {
    const root = project();
    expect(isBuilt(root)).toBe(false);
    writeStamp(root);
    expect(isBuilt(root)).toBe(true);
  });

  const changes: Array<[string, (root: string) => void]> = [
    ['a source changed', (root) => writeFileSync(join(root, 'src/commands/trace.ts'), 'export const x = 1;')],
    ['a source added', (root) => writeFileSync(join(root, 'src/new.ts'), 'export {};')],
    ['a source removed', (root) => rmSync(join(root, 'src/main.ts'))],
    ['the bin changed', (root) => writeFileSync(join(root, 'bin/chatpush.js'), '#!/usr/bin/env node\n// changed')],
    ['the build script changed', (root) => writeFileSync(join(root, 'scripts/build.mjs'), '// build 2')],
    ['the lock file changed', (root) => writeFileSync(join(root, 'package-lock.json'), '{"v":2}')],
    ['a file moved between folders with the same bytes', (root) => {
      rmSync(join(root, 'src/main.ts'));
      writeFileSync(join(root, 'src/commands/main.ts'), 'export {};');
    }],
    ['the help text missing (a build that did not finish)', (root) => rmSync(join(root, 'dist/help.txt'))],
    ['the bundle missing', (root) => rmSync(join(root, 'dist/chatpush.cjs'))],
  ];
  for (const [name, change] of changes) {
    it(`builds again when ${name}`, () => {
      const root = project();
      writeStamp(root);
      change(root);
      expect(isBuilt(root)).toBe(false);
    });
  }

  it('does not count what the build does not read (fixtures, dist/ itself)', () => {
    const root = project();
    const before = buildInputsHash(root);
    writeFileSync(join(root, 'fixtures/a.json'), '{"changed":true}');
    writeFileSync(join(root, 'dist/chatpush.cjs'), '// another bundle');
    expect(buildInputsHash(root)).toBe(before);
    writeStamp(root);
    expect(isBuilt(root)).toBe(true);
  });
});
