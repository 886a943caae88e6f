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
    return boundedSet(this.map, this.max, key, value);
  }
}

/** Sets key to value in a map that holds at most `max` entries: a new key empties a full map first. */
function boundedSet<K, V>(map: Map<K, V>, max: number, key: K, value: V): V {
  if (map.size >= max && !map.has(key)) map.clear();
  map.set(key, value);
  return value;
}

/** `fn` with its answers remembered by argument (an undefined answer is remembered too). */
export function memoize<K, V>(fn: (key: K) => V, max: number): (key: K) => V {
  const answers = new Map<K, V>();
  return (key) => {
    // A plain Map on the path of an answer already known (the hot one: a time text per stage, issue 15).
    const value = answers.get(key);
    return value !== undefined || answers.has(key) ? (value as V) : boundedSet(answers, max, key, fn(key));
  };
}
