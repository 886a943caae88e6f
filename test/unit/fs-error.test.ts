import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFsError } from '../../src/fs-error.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

const dir = mkdtempSync(join(tmpdir(), 'chatpush-fs-error-'));
const file = join(dir, 'file.txt');
writeFileSync(file, 'x');

describe('describeFsError', () => {
  it.each([
    ['a missing file', () => readFileSync(join(dir, 'missing')), 'no such file'],
    ['a folder', () => readFileSync(dir), 'it is a folder, not a file'],
    ['a path through a file', () => readFileSync(join(file, 'x')), 'a part of the path is not a folder'],
  ])('%s → %s (real errors from node:fs)', (_n, fn, words) => {
    expect(describeFsError(thrown(fn))).toBe(words);
  });

  it.each([
    [Object.assign(new Error('x'), { code: 'EACCES' }), 'permission denied'],
    [Object.assign(new Error('x'), { code: 'EWHAT' }), 'EWHAT'],
    [new Error('plain message'), 'plain message'],
    ['a string', 'a string'],
  ])('%s → %s', (err, words) => {
    expect(describeFsError(err)).toBe(words);
  });
});
