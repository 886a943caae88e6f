import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InterruptedError, UsageError } from '../../src/errors.js';
import { HiddenLineEditor, readHiddenLine, readSecret, readStdinText, type KeyOutcome } from '../../src/prompt.js';

describe('HiddenLineEditor', () => {
  it.each<[string, string[], KeyOutcome, string]>([
    ['Enter submits', ['abc\r'], 'submit', 'abc'],
    ['LF submits too', ['abc\n'], 'submit', 'abc'],
    ['input split over chunks', ['ab', 'c', '\r'], 'submit', 'abc'],
    ['Backspace (DEL) deletes one character', ['abcd\u007f\u007fe\r'], 'submit', 'abe'],
    ['Backspace (BS) deletes one character', ['ab\bc\r'], 'submit', 'ac'],
    ['Backspace on an empty line is harmless', ['\u007f\u007fx\r'], 'submit', 'x'],
    ['Backspace removes a whole emoji', ['a😀\u007f\r'], 'submit', 'a'],
    ['Ctrl-U clears the line', ['wrong\u0015right\r'], 'submit', 'right'],
    ['Ctrl-C interrupts', ['sec', '\u0003'], 'interrupt', 'sec'],
    ['Ctrl-D on an empty line is end of input', ['\u0004'], 'eof', ''],
    ['Ctrl-D after text submits it', ['abc\u0004'], 'submit', 'abc'],
    ['arrow keys are ignored', ['a\u001b[Db\u001bOA\r'], 'submit', 'ab'],
    ['bracketed paste markers are ignored', ['\u001b[200~pasted-key\u001b[201~\r'], 'submit', 'pasted-key'],
    ['an escape split across chunks', ['a\u001b', '[', '1;5', 'C', 'b\r'], 'submit', 'ab'],
    ['other control characters are ignored', ['a\u0001\u0002b\tc\r'], 'submit', 'abc'],
    ['no Enter yet', ['abc'], 'continue', 'abc'],
  ])('%s', (_n, chunks, outcome, value) => {
    const ed = new HiddenLineEditor();
    let last: KeyOutcome = 'continue';
    for (const c of chunks) {
      last = ed.feed(c);
      if (last !== 'continue') break;
    }
    expect(last).toBe(outcome);
    expect(ed.value).toBe(value);
  });
});

/** A fake terminal: a stream with setRawMode that records the mode changes. */
function fakeTTY(): PassThrough & { setRawMode(mode: boolean): void; modes: boolean[] } {
  const s = new PassThrough() as PassThrough & { setRawMode(mode: boolean): void; modes: boolean[] };
  s.modes = [];
  s.setRawMode = (m: boolean) => {
    s.modes.push(m);
  };
  return s;
}

describe('readHiddenLine', () => {
  it('prompts on stderr, echoes nothing, and restores cooked mode', async () => {
    const tty = fakeTTY();
    let written = '';
    const p = readHiddenLine(tty, (t) => (written += t), 'Secret: ');
    tty.write('s3cr');
    tty.write('et\u007fT\r');
    await expect(p).resolves.toBe('s3creT');
    expect(written).toBe('Secret: \n');
    expect(tty.modes).toEqual([true, false]);
    expect(tty.listenerCount('data')).toBe(0);
  });

  it('Ctrl-C rejects with InterruptedError (exit 130) and restores the terminal', async () => {
    const tty = fakeTTY();
    const p = readHiddenLine(tty, () => {}, '> ');
    tty.write('abc\u0003');
    await expect(p).rejects.toBeInstanceOf(InterruptedError);
    expect(tty.modes).toEqual([true, false]);
  });

  it('Ctrl-D on an empty line is a usage error', async () => {
    const tty = fakeTTY();
    const p = readHiddenLine(tty, () => {}, '> ');
    tty.write('\u0004');
    await expect(p).rejects.toBeInstanceOf(UsageError);
  });

  it('the end of the stream submits what was typed', async () => {
    const tty = fakeTTY();
    const p = readHiddenLine(tty, () => {}, '> ');
    tty.end('partial');
    await expect(p).resolves.toBe('partial');
  });

  it('an abort signal interrupts', async () => {
    const tty = fakeTTY();
    const ac = new AbortController();
    const p = readHiddenLine(tty, () => {}, '> ', ac.signal);
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(InterruptedError);
    expect(tty.modes).toEqual([true, false]);
  });

  it('refuses a terminal that cannot hide typing', async () => {
    await expect(readHiddenLine(new PassThrough(), () => {}, '> ')).rejects.toThrow(/cannot hide typing/);
  });
});

describe('readStdinText / readSecret', () => {
  it('reads all of piped stdin', async () => {
    const s = new PassThrough();
    s.end('line1\nline2\n');
    await expect(readStdinText(s)).resolves.toBe('line1\nline2\n');
  });

  it('refuses more than the limit', async () => {
    const s = new PassThrough();
    s.end('x'.repeat(100));
    await expect(readStdinText(s, 10)).rejects.toThrow(/too large \(limit 10 bytes\)/);
  });

  it('trims piped input (printf or echo both work)', async () => {
    const s = new PassThrough();
    s.end('  the-key\r\n');
    await expect(readSecret({ stdin: s, stdinIsTTY: false, writeErr: () => {} }, '> ', 'secret key')).resolves.toBe('the-key');
  });

  it('empty stdin is a usage error saying how to pipe it', async () => {
    const s = new PassThrough();
    s.end('\n');
    await expect(readSecret({ stdin: s, stdinIsTTY: false, writeErr: () => {} }, '> ', 'secret key')).rejects.toThrow(/no secret key was given on stdin/);
  });

  it('uses the hidden prompt when stdin is a terminal', async () => {
    const tty = fakeTTY();
    let written = '';
    const p = readSecret({ stdin: tty, stdinIsTTY: true, writeErr: (t) => (written += t) }, 'Key: ', 'secret key');
    tty.write('typed\r');
    await expect(p).resolves.toBe('typed');
    expect(written).toBe('Key: \n');
  });
});
