// Which events were already answered. The store's processed_events table makes the claim durable and shared
// by every replica; the in-memory one is for a single process without a database (and benchmarks of it).
export interface Deduper {
  /** true for exactly one caller per event: none of the keys was claimed before */
  claimAll(keys: string[]): Promise<boolean>;
}

export class MemoryDeduper implements Deduper {
  #seen = new Map<string, number>();
  constructor(private readonly max = 100_000) {}
  async claimAll(keys: string[]): Promise<boolean> {
    let fresh = true;
    for (const k of keys) {
      if (this.#seen.has(k)) fresh = false;
      else this.#seen.set(k, Date.now());
    }
    while (this.#seen.size > this.max) this.#seen.delete(this.#seen.keys().next().value!);
    return fresh;
  }
}
