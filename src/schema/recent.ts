/**
 * A small most-recently-used set of decoded tables.
 *
 * Deliberately not a Map: a long-lived Map's hash table is in the old generation, and under
 * insert-and-evict churn it is rebuilt again and again, each time as a new old-generation table.
 * The dropped tables still point at the young entries they held, which the young-generation
 * collector must then treat as live: measured here, every collection copied megabytes of evicted
 * columns (2-8 ms pauses) until the next full GC. Two fixed arrays are overwritten in place
 * instead, so an evicted entry is unreachable at once.
 */
export class RecentlyUsed<K, V> {
  private readonly keys: (K | undefined)[];
  private readonly values: (V | undefined)[];
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, not ${capacity}`);
    this.keys = new Array<K | undefined>(capacity).fill(undefined);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.count;
  }

  /** The value of `key`, which becomes the most recently used. */
  get(key: K): V | undefined {
    const i = this.keys.indexOf(key);
    if (i < 0 || i >= this.count) return undefined;
    const value = this.values[i];
    this.shiftDown(i);
    this.keys[0] = key;
    this.values[0] = value;
    return value;
  }

  /** Adds `key` as the most recently used, dropping the least recently used when full. */
  set(key: K, value: V): void {
    const i = this.keys.indexOf(key);
    const from = i >= 0 && i < this.count ? i : Math.min(this.count, this.capacity - 1);
    if (i < 0 || i >= this.count) this.count = Math.min(this.count + 1, this.capacity);
    this.shiftDown(from);
    this.keys[0] = key;
    this.values[0] = value;
  }

  /** Moves entries 0..end-1 one place down (overwriting entry `end`). */
  private shiftDown(end: number): void {
    for (let j = end; j > 0; j--) {
      this.keys[j] = this.keys[j - 1];
      this.values[j] = this.values[j - 1];
    }
  }
}
