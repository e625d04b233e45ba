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

/**
 * The store's processed_events table, claimed in batches: every claim that arrives while a batch is in
 * flight joins the next one, so under load one INSERT ... ON CONFLICT DO NOTHING RETURNING serves many
 * events (one round trip and one commit instead of a transaction each). Same table and keys as
 * ProcessedEvents.claimAll, so replicas using either agree.
 */
export class BatchDeduper implements Deduper {
  #queue: { keys: string[]; resolve(v: boolean): void; reject(e: unknown): void }[] = [];
  #inflight = 0;
  constructor(private readonly db: { raw(sql: string, bindings: unknown[]): Promise<any> }, private readonly maxInflight = 4, private readonly maxBatch = 500) {}

  claimAll(keys: string[]): Promise<boolean> {
    const unique = [...new Set(keys.filter(Boolean))];
    if (!unique.length) return Promise.reject(new Error('an event key is required'));
    const p = new Promise<boolean>((resolve, reject) => this.#queue.push({ keys: unique, resolve, reject }));
    if (this.#inflight < this.maxInflight) setImmediate(() => this.#flush());
    return p;
  }

  async #flush(): Promise<void> {
    if (!this.#queue.length || this.#inflight >= this.maxInflight) return;
    const batch = this.#queue.splice(0, this.maxBatch);
    this.#inflight++;
    try {
      // inside one batch the first claimer of a key wins; the database decides against earlier batches
      const owner = new Map<string, number>();
      batch.forEach((c, i) => { for (const k of c.keys) if (!owner.has(k)) owner.set(k, i); });
      const all = [...owner.keys()].sort();
      const res = await this.db.raw('insert into processed_events (key) select unnest(?::text[]) on conflict do nothing returning key', [all]);
      const fresh = new Set<string>((res.rows ?? []).map((r: { key: string }) => r.key));
      batch.forEach((c, i) => c.resolve(c.keys.every((k) => fresh.has(k) && owner.get(k) === i)));
    } catch (err) {
      for (const c of batch) c.reject(err);
    } finally {
      this.#inflight--;
      if (this.#queue.length) void this.#flush();
    }
  }
}
