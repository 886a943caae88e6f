/**
 * A FIFO as an array with a moving head (issue 15's replay hot path): taking from the front is an index step, not
 * a shift, and consumed slots are set to undefined so nothing they held stays alive. Shared by the request queue
 * of h1-pool.ts and the deadline FIFOs of replay/deadlines.ts.
 */
export interface Fifo<T> {
  items: (T | undefined)[];
  head: number;
}

/** Drops the consumed front of a FIFO once it is most of the array (or all of it). */
export function compactFifo<T>(f: Fifo<T>): void {
  if (f.head === f.items.length) {
    f.items.length = 0;
    f.head = 0;
  } else if (f.head > 1024 && f.head * 2 > f.items.length) {
    f.items.splice(0, f.head);
    f.head = 0;
  }
}
