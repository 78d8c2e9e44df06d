/**
 * The browser's storage, in memory, for store tests without a browser: one origin's local
 * storage (an `Area`) seen by several tabs, each with its own session storage. Like a browser,
 * a write in one tab raises a `storage` event in the others only, and later (`deliver()`), so a
 * test can play the moment before the other tab hears of it. The area can be made full (a
 * write that grows it is refused with QuotaExceededError, one that shrinks it still works) or
 * refuse every write (storage disabled by policy).
 */
import type { DrillStoreInputs } from '../../../src/store/drill';

const size = (key: string, value: string) => key.length + value.length;

/** A Storage over a Map, with a quota in UTF-16 code units (what browsers count). */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  quota = Number.POSITIVE_INFINITY;
  refusing = false;
  /** Writes seen, for tests that check nothing was written. */
  writes: string[] = [];
  onChange: (key: string | null) => void = () => {};

  get length(): number {
    return this.items.size;
  }

  used(): number {
    let total = 0;
    for (const [key, value] of this.items) total += size(key, value);
    return total;
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.items.get(String(key)) ?? null;
  }

  setItem(key: string, value: string): void {
    const k = String(key);
    const v = String(value);
    if (this.refusing) throw new DOMException('The operation is insecure.', 'SecurityError');
    const before = this.items.get(k);
    const after = this.used() - (before === undefined ? 0 : size(k, before)) + size(k, v);
    if (after > this.quota && after > this.used()) throw new DOMException(`Setting the value of '${k}' exceeded the quota.`, 'QuotaExceededError');
    this.items.set(k, v);
    this.writes.push(k);
    if (before !== v) this.onChange(k);
  }

  removeItem(key: string): void {
    const k = String(key);
    if (!this.items.has(k)) return;
    this.items.delete(k);
    this.onChange(k);
  }

  clear(): void {
    this.items.clear();
    this.onChange(null);
  }

  /** No room left: from now on only writes that do not grow the storage succeed. */
  fill(): void {
    this.quota = this.used();
  }

  asStorage(): Storage {
    return this as unknown as Storage;
  }
}

/** One tab: its view of the shared local storage, its own session storage, and its `storage` events. */
export interface Tab {
  storage: Storage;
  session: MemoryStorage;
  inputs: (extra: Omit<DrillStoreInputs, 'storage' | 'tabStorage' | 'watch'>) => DrillStoreInputs;
}

/** One origin's local storage, shared by tabs. */
export class Area {
  readonly local = new MemoryStorage();
  private readonly listeners = new Map<number, (key: string | null) => void>();
  private queue: { from: number; key: string | null }[] = [];
  private writer = 0;
  private nextTab = 0;

  constructor() {
    this.local.onChange = (key) => this.queue.push({ from: this.writer, key });
  }

  /** A tab: writes through it are heard by every other tab at the next `deliver()`. */
  tab(): Tab {
    const id = ++this.nextTab;
    const session = new MemoryStorage();
    const listeners = this.listeners;
    const writeAs = (tab: number) => {
      this.writer = tab;
    };
    // Every call is made "as" this tab, so the event it raises goes to the others.
    const storage = new Proxy(this.local, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          writeAs(id);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as unknown as Storage;
    return {
      storage,
      session,
      inputs: (extra) => ({
        ...extra,
        storage,
        tabStorage: session.asStorage(),
        watch: (onChange) => {
          listeners.set(id, onChange);
          return () => listeners.delete(id);
        },
      }),
    };
  }

  /** Delivers the `storage` events raised so far, each to every tab but the one that wrote. */
  deliver(): void {
    const events = this.queue;
    this.queue = [];
    for (const { from, key } of events) {
      for (const [id, listener] of this.listeners) if (id !== from) listener(key);
    }
  }

  /** Writes as no tab (a test setting up what an older version saved, or another app's data). */
  put(key: string, value: string): void {
    this.writer = 0;
    this.local.items.set(key, value);
  }

  get(key: string): string | null {
    return this.local.getItem(key);
  }

  keys(): string[] {
    return [...this.local.items.keys()].sort();
  }
}
