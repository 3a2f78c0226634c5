import { LruCache } from "./lru-cache.ts";

/**
 * Answers kept per server instance under a stamp of the stored data (the dashboard's figures stamp: the audit
 * log's last entry, and what else an answer depends on), so that an answer is computed again only after a write
 * that could change it. Every writer of what the answers read appends an audit entry in the same transaction
 * (data-stamp.server.ts), so an unchanged stamp means an unchanged answer.
 *
 * The stamp is read from the database on every request, so an instance never answers from what another
 * instance's write has made stale. Bounded: the least recently used entry goes first, and a new stamp lets every
 * older entry go at once (the audit log only grows, so they cannot be asked for again). Concurrent requests for
 * the same entry share one computation; one that fails is not kept. An answer is shared between callers: they
 * must not change it.
 */
export class StampedCache {
  readonly #kept: LruCache<string, Promise<unknown>>;
  #lastStamp = "";

  constructor(size: number) {
    this.#kept = new LruCache(size);
  }

  /**
   * The answer kept for `id` under `stamp`, else `compute()`'s, kept for the next request. The stamp is part of
   * the entry's id too: a request that read its stamp just before a commit may arrive after one that read it
   * just after, and must not be answered with the other's answer.
   */
  get<T>(stamp: string, id: string, compute: () => Promise<T>): Promise<T> {
    if (stamp !== this.#lastStamp) {
      this.#kept.clear();
      this.#lastStamp = stamp;
    }
    const entry = JSON.stringify([stamp, id]);
    const hit = this.#kept.get(entry);
    if (hit) return hit as Promise<T>;
    const pending = compute();
    this.#kept.set(entry, pending);
    pending.catch(() => {
      if (this.#kept.get(entry) === pending) this.#kept.delete(entry);
    });
    return pending;
  }

  /** How many answers are kept now (for tests of the bound). */
  get count(): number {
    return this.#kept.count;
  }

  /** Lets every answer go (benchmarks that time computations). */
  clear(): void {
    this.#kept.clear();
    this.#lastStamp = "";
  }
}
