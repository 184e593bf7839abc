/** A map that forgets its least recently used entries beyond `limit`. */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }
}

/**
 * One cache per database: ids and versions are only unique within a database, and a process may
 * hold several (the tests do), so each store (the object queries go through) gets its own.
 */
export function cachePerStore<V>(limit: number): (store: object) => BoundedCache<V> {
  const caches = new WeakMap<object, BoundedCache<V>>();
  return (store) => {
    let cache = caches.get(store);
    if (!cache) {
      cache = new BoundedCache<V>(limit);
      caches.set(store, cache);
    }
    return cache;
  };
}
