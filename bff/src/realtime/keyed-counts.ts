/**
 * Counts per key that cannot leak or go negative: a key is deleted when it reaches zero, and releasing more than was
 * taken stops at zero. The socket caps and the subscription budgets are built on it.
 */
export class KeyedCounts {
  private readonly counts = new Map<string, number>();

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Adds `n` when the result stays within `limit` (0 = no limit); false (and nothing added) otherwise. */
  tryAdd(key: string, n: number, limit: number): boolean {
    const next = this.get(key) + n;
    if (limit > 0 && next > limit) return false;
    if (n > 0) this.counts.set(key, next);
    return true;
  }

  release(key: string, n: number): void {
    const next = this.get(key) - n;
    if (next > 0) this.counts.set(key, next);
    else this.counts.delete(key);
  }

  /** Keys with a non-zero count (memory check in tests; never grows past the live owners). */
  get size(): number {
    return this.counts.size;
  }
}
