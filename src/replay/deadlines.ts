/**
 * Request deadlines for replay's hot path (issue 15): one timer for all requests in flight instead of a
 * setTimeout/clearTimeout pair per request. Deadlines are kept in one FIFO per duration (a run has one or a
 * few budgets, and requests start in time order, so each FIFO is already sorted); the timer is armed for the
 * earliest head and re-armed when it fires. A settled request is only marked, and skipped when reached.
 * The timer is unref'd: requests in flight keep the process alive through their sockets, never through this.
 */
import { compactFifo, type Fifo as FifoOf } from '../net/fifo.js';

export interface Deadline {
  at: number;
  fire: () => void;
  done: boolean;
  fifo: Fifo;
}

type Fifo = FifoOf<Deadline>;

export class Deadlines {
  private readonly fifos = new Map<number, Fifo>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private armedAt = Infinity;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Calls `fire` in `ms` unless the returned deadline is marked done first. */
  add(ms: number, fire: () => void): Deadline {
    let f = this.fifos.get(ms);
    if (!f) this.fifos.set(ms, (f = { items: [], head: 0 }));
    const d: Deadline = { at: this.now() + ms, fire, done: false, fifo: f };
    f.items.push(d);
    if (d.at < this.armedAt) this.arm(d.at);
    return d;
  }

  /**
   * Marks a deadline settled. Requests mostly end in the order they started, so settled ones at the head are
   * let go at once: kept until the timer passed them, 20 000 a second lived long enough to reach the old
   * generation and cost full garbage collections (issue 15: replay's p99).
   */
  settle(d: Deadline): void {
    d.done = true;
    const f = d.fifo;
    while (f.head < f.items.length && f.items[f.head]!.done) f.items[f.head++] = undefined;
    compactFifo(f);
  }

  /** Stops the timer (the run is over). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = Infinity;
    this.fifos.clear();
  }

  private arm(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.armedAt = at;
    this.timer = setTimeout(() => this.tick(), Math.max(0, Math.ceil(at - this.now())));
    this.timer.unref();
  }

  private tick(): void {
    this.timer = undefined;
    this.armedAt = Infinity;
    const now = this.now();
    let next = Infinity;
    for (const f of this.fifos.values()) {
      while (f.head < f.items.length) {
        const d = f.items[f.head]!;
        if (d.done) f.items[f.head++] = undefined;
        else if (d.at <= now) {
          f.items[f.head++] = undefined;
          d.done = true;
          d.fire();
        } else break;
      }
      compactFifo(f);
      if (f.head < f.items.length) next = Math.min(next, f.items[f.head]!.at);
    }
    if (next < Infinity && next < this.armedAt) this.arm(next);
  }
}
