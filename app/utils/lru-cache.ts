/**
 * A map that keeps at most `size` entries, letting go of the least recently used: for answers that are
 * costly to compute and cheap to keep, where an unbounded map would grow with every distinct key asked for.
 * A Map iterates in insertion order, so re-inserting on each use keeps the least recently used first.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`An LRU cache holds at least one entry, not ${size}`);
  }

  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key) as V;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.size) this.#entries.delete(this.#entries.keys().next().value as K);
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  get count(): number {
    return this.#entries.size;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }
}
