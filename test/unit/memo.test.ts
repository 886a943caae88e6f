import { describe, expect, it } from 'vitest';
import { BoundedMap, memoize } from '../../src/memo.js';

describe('memoize', () => {
  it('answers from memory, remembers undefined answers too, and forgets everything when full', () => {
    const calls: string[] = [];
    const f = memoize((k: string) => {
      calls.push(k);
      return k === 'none' ? undefined : k.length;
    }, 2);
    expect([f('ab'), f('ab'), f('none'), f('none')]).toEqual([2, 2, undefined, undefined]);
    expect(calls).toEqual(['ab', 'none']);
    expect(f('xyz')).toBe(3); // full (2 answers): emptied, then 'xyz' remembered
    expect(f('ab')).toBe(2);
    expect(calls).toEqual(['ab', 'none', 'xyz', 'ab']);
    expect(f('xyz')).toBe(3);
    expect(calls).toHaveLength(4);
  });
});

describe('BoundedMap', () => {
  it('keeps at most max entries, emptying itself before a new key when full; replacing a key does not empty it', () => {
    const m = new BoundedMap<string, number>(2);
    expect(m.set('a', 1)).toBe(1);
    m.set('b', 2);
    m.set('b', 3);
    expect([m.get('a'), m.get('b')]).toEqual([1, 3]);
    m.set('c', 4);
    expect([m.get('a'), m.get('b'), m.get('c')]).toEqual([undefined, undefined, 4]);
  });
});
