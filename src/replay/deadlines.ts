/**
 * Request deadlines for replay's hot path (issue 15): one timer for all requests in flight instead of a
 * setTimeout/clearTimeout pair per request. Deadlines are kept in one FIFO per duration (a run has one or a
 * few budgets, and requests start in time order, so each FIFO is already sorted); the timer is armed for the
 * earliest head and re-armed when it fires. A settled request is only marked, and skipped when reached.
 * The timer is unref'd: requests in flight keep the process alive through their sockets, never through this.
 */
export interface Deadline {
  at: number;
  fire: () => void;
  done: boolean;
}

interface Fifo {
  items: Deadline[];
  head: number;
}

export class Deadlines {
  private readonly fifos = new Map<number, Fifo>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private armedAt = Infinity;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Calls `fire` in `ms` unless the returned deadline is marked done first. */
  add(ms: number, fire: () => void): Deadline {
    const d: Deadline = { at: this.now() + ms, fire, done: false };
    let f = this.fifos.get(ms);
    if (!f) this.fifos.set(ms, (f = { items: [], head: 0 }));
    f.items.push(d);
    if (d.at < this.armedAt) this.arm(d.at);
    return d;
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
        if (d.done) f.head++;
        else if (d.at <= now) {
          f.head++;
          d.done = true;
          d.fire();
        } else break;
      }
      if (f.head > 1024 && f.head * 2 > f.items.length) {
        f.items.splice(0, f.head);
        f.head = 0;
      }
      if (f.head < f.items.length) next = Math.min(next, f.items[f.head]!.at);
    }
    if (next < Infinity && next < this.armedAt) this.arm(next);
  }
}
