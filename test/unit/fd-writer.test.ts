import { describe, expect, it } from 'vitest';
import { fdWriter } from '../../src/fd-writer.js';

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });

/** A fake descriptor: each call takes at most `chunk` bytes, or throws the next scripted error. */
function fakeFd(script: Array<number | string>) {
  const written: Buffer[] = [];
  const calls: number[] = [];
  let step = 0;
  const writeSync = (fd: number, bytes: Uint8Array, offset: number, length: number): number => {
    calls.push(fd);
    const next = script[Math.min(step++, script.length - 1)]!;
    if (typeof next === 'string') throw errno(next);
    const n = Math.min(next, length);
    written.push(Buffer.from(bytes.subarray(offset, offset + n)));
    return n;
  };
  return { writeSync, written: () => Buffer.concat(written).toString('utf8'), calls };
}

describe('fdWriter', () => {
  const cases: Array<{ name: string; script: Array<number | string>; text: string }> = [
    { name: 'one whole write', script: [1 << 16], text: 'hello\n' },
    { name: 'partial writes are continued', script: [2, 3, 1, 100], text: 'partial writes\n' },
    { name: 'multi-byte text split mid-character', script: [1, 1, 1, 1, 100], text: 'ab…✓\n' },
    // Past the reused buffer's 65 536 units, and at its edge with 3-byte characters (its worst case).
    { name: 'a text longer than the reused buffer', script: [50_000, 1 << 20], text: `${'ab·✓'.repeat(20_000)}\n` },
    { name: '65 536 three-byte characters', script: [1 << 20], text: '✓'.repeat(65_536) },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const fd = fakeFd(c.script);
      const w = fdWriter(1, { stream: () => expect.fail('no stream expected'), onClosed: () => expect.fail('not closed'), writeSync: fd.writeSync });
      expect(w.write(c.text)).toBe(true);
      expect(fd.written()).toBe(c.text);
      expect(new Set(fd.calls)).toEqual(new Set([1]));
      expect(w.isTTY).toBe(false);
    });
  }

  it('encodes as Buffer.from does (a lone surrogate becomes U+FFFD), and a shorter text after a longer one leaves nothing of it', () => {
    const fd = fakeFd([1 << 20]);
    const w = fdWriter(1, { stream: () => expect.fail('no stream expected'), onClosed: () => expect.fail('not closed'), writeSync: fd.writeSync });
    const texts = ['a longer text ✓ \ud83d\ude00', 'b\ud800c', 'x'];
    for (const t of texts) w.write(t);
    expect(fd.written()).toBe(Buffer.from(texts.join(''), 'utf8').toString('utf8'));
    expect(fd.written()).toContain('b\ufffdc');
  });

  it('hands the rest and every later write to the real stream after EAGAIN, in order', () => {
    const fd = fakeFd([4, 'EAGAIN']);
    const queued: Buffer[] = [];
    let made = 0;
    const stream = () => {
      made++;
      return { write: (chunk: Uint8Array | string) => queued.push(Buffer.from(chunk)) };
    };
    const w = fdWriter(2, { stream, onClosed: () => expect.fail('not closed'), writeSync: fd.writeSync });
    w.write('first line\n');
    w.write('second\n');
    expect(fd.written()).toBe('firs');
    expect(Buffer.concat(queued).toString('utf8')).toBe('t line\nsecond\n');
    expect(made).toBe(1);
    expect(fd.calls.length).toBe(2); // the descriptor is not tried again
  });

  it('calls onClosed on EPIPE and writes nothing more', () => {
    const fd = fakeFd(['EPIPE']);
    let closed = 0;
    const w = fdWriter(1, { stream: () => expect.fail('no stream expected'), onClosed: () => closed++, writeSync: fd.writeSync });
    expect(w.write('gone\n')).toBe(false);
    expect(closed).toBe(1);
  });

  it('throws any other error', () => {
    const fd = fakeFd(['EBADF']);
    const w = fdWriter(1, { stream: () => expect.fail('no stream expected'), onClosed: () => expect.fail('not closed'), writeSync: fd.writeSync });
    expect(() => w.write('x')).toThrow('EBADF');
  });

  it('writes nothing for empty text', () => {
    const fd = fakeFd([10]);
    const w = fdWriter(1, { stream: () => expect.fail('no stream expected'), onClosed: () => expect.fail('not closed'), writeSync: fd.writeSync });
    expect(w.write('')).toBe(true);
    expect(fd.calls).toEqual([]);
  });
});
