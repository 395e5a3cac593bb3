/**
 * A memo of at most `max` entries by string key. Full, it forgets everything and starts over:
 * the keys in use come back within a request or two, and no entry needs an order kept on reads
 * (the memos on the study paths are read far more often than they grow).
 */
export class BoundedMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): V {
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }

  /** The value remembered for `key`, computed and remembered when there is none. */
  getOrCompute(key: string, compute: () => V): V {
    const known = this.entries.get(key);
    return known !== undefined ? known : this.set(key, compute());
  }

  get size(): number {
    return this.entries.size;
  }
}
