/**
 * Remembering a pure function's answers, bounded. The trace of a big push asks the same few questions per instance
 * (a time text, an offset, a code; issue 15), and a replay run redacts each reply with the same few Signs. The keys
 * come from a server or a backend, so the memory is emptied when it holds `max` answers rather than growing.
 */

/** A bounded map: `set` empties it first when it is full. For answers made from several values (one key). */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): V {
    if (this.map.size >= this.max && !this.map.has(key)) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}

/** `fn` with its answers remembered by argument (an undefined answer is remembered too). */
export function memoize<K, V>(fn: (key: K) => V, max: number): (key: K) => V {
  const answers = new Map<K, V>();
  return (key) => {
    let value = answers.get(key);
    if (value === undefined && !answers.has(key)) {
      if (answers.size >= max) answers.clear();
      value = fn(key);
      answers.set(key, value);
    }
    return value as V;
  };
}
