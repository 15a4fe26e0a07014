/**
 * A cache of looked-up values (which version an alias names, a parsed definition) for the request
 * path. A value is fresh for `ttlMs`; after that it is still served while one lookup refreshes it
 * in the background (stale-while-revalidate), and concurrent misses of a key share one lookup.
 *
 * Why: with a plain expiry, every request in flight when an entry expires looked it up again at
 * once — 64 database queries every few seconds at concurrency 64 — and all of them waited for it.
 * Here a change (an alias promoted) still takes effect within `ttlMs` plus one lookup, no request
 * waits once a key was seen, and a key costs one lookup per `ttlMs` however busy it is.
 */
interface Entry<V> {
  value: V;
  expires: number;
  refreshing: boolean;
}

export class RefreshingCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #loading = new Map<string, Promise<V>>();

  /**
   * @param ttlMs how long a value is served without a lookup
   * @param maxEntries entries kept (the least recently stored dropped first)
   */
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /**
   * The value of `key`: the cached one when there is one (refreshed in the background by `load`
   * once stale), else the result of `load` (shared with concurrent callers; a rejection reaches
   * them and is not kept). A failed background refresh drops the entry, so the next caller looks
   * the key up itself and sees the error.
   */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const entry = this.#entries.get(key);
    if (entry !== undefined) {
      if (!entry.refreshing && entry.expires <= Date.now()) {
        entry.refreshing = true;
        this.#load(key, load).catch(() => {
          if (this.#entries.get(key) === entry) this.#entries.delete(key);
        });
      }
      return Promise.resolve(entry.value);
    }
    return this.#loading.get(key) ?? this.#load(key, load);
  }

  /** Forgets one key. */
  delete(key: string): void {
    this.#entries.delete(key);
    this.#loading.delete(key);
  }

  /** Forgets every key that starts with `prefix`. */
  deletePrefix(prefix: string): void {
    for (const key of [...this.#entries.keys()]) if (key.startsWith(prefix)) this.#entries.delete(key);
    for (const key of [...this.#loading.keys()]) if (key.startsWith(prefix)) this.#loading.delete(key);
  }

  #load(key: string, load: () => Promise<V>): Promise<V> {
    const pending = load().then(
      (value) => {
        // A lookup that was forgotten meanwhile (delete) does not bring its key back.
        if (this.#loading.get(key) === pending) {
          this.#loading.delete(key);
          this.#entries.delete(key);
          this.#entries.set(key, { value, expires: Date.now() + this.ttlMs, refreshing: false });
          if (this.#entries.size > this.maxEntries) {
            const oldest = this.#entries.keys().next().value;
            if (oldest !== undefined) this.#entries.delete(oldest);
          }
        }
        return value;
      },
      (err: unknown) => {
        if (this.#loading.get(key) === pending) this.#loading.delete(key);
        throw err;
      },
    );
    this.#loading.set(key, pending);
    return pending;
  }
}
