/** src/replay/deadlines.ts: one timer for many request budgets (pinned clock, fake timers). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadlines } from '../../src/replay/deadlines.js';

describe('Deadlines', () => {
  let t = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    t = 0;
  });
  afterEach(() => vi.useRealTimers());
  const advance = (ms: number): void => {
    t += ms;
    vi.advanceTimersByTime(ms);
  };

  it('fires each live deadline at its time, in order, across budgets, and never a settled one', () => {
    const d = new Deadlines(() => t);
    const fired: string[] = [];
    d.add(100, () => fired.push('a100'));
    const b = d.add(100, () => fired.push('b100'));
    advance(10);
    d.add(50, () => fired.push('c50@10'));
    d.add(100, () => fired.push('d100@10'));
    b.done = true;
    advance(49);
    expect(fired).toEqual([]);
    advance(1);
    expect(fired).toEqual(['c50@10']);
    advance(40);
    expect(fired).toEqual(['c50@10', 'a100']);
    advance(10);
    expect(fired).toEqual(['c50@10', 'a100', 'd100@10']);
  });

  it('uses one timer however many requests are in flight', () => {
    const d = new Deadlines(() => t);
    for (let i = 0; i < 1000; i++) d.add(2000, () => {});
    expect(vi.getTimerCount()).toBe(1);
    d.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a deadline added earlier than the armed one re-arms the timer for it', () => {
    const d = new Deadlines(() => t);
    const fired: number[] = [];
    d.add(1000, () => fired.push(1000));
    d.add(10, () => fired.push(10));
    advance(10);
    expect(fired).toEqual([10]);
    advance(990);
    expect(fired).toEqual([10, 1000]);
  });

  it('10 000 settled deadlines are skipped and their memory released when the timer passes them', () => {
    const d = new Deadlines(() => t);
    const fired: number[] = [];
    for (let i = 0; i < 10_000; i++) d.add(100, () => fired.push(i)).done = true;
    d.add(100, () => fired.push(-1));
    advance(100);
    expect(fired).toEqual([-1]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('settle() in any order: settled ones never fire, live ones still do', () => {
    const d = new Deadlines(() => t);
    const fired: number[] = [];
    const all = Array.from({ length: 6 }, (_, i) => d.add(100, () => fired.push(i)));
    d.settle(all[2]!);
    d.settle(all[0]!);
    d.settle(all[1]!);
    d.settle(all[5]!);
    advance(100);
    expect(fired).toEqual([3, 4]);
    const late = d.add(50, () => fired.push(9));
    d.settle(late);
    advance(50);
    expect(fired).toEqual([3, 4]);
  });
});
