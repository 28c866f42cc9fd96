/** Bounded waits for assets to become ready (a subscriber's first snapshot), resolved per asset. */
export class ReadyWaiters {
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Resolves once every asset in `pending` was resolved, or after `timeoutMs`. */
  wait(pending: readonly string[], timeoutMs: number): Promise<void> {
    if (pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      let left = pending.length;
      const done = (): void => {
        if (--left === 0) finish();
      };
      const finish = (): void => {
        clearTimeout(timer);
        for (const a of pending) this.waiters.get(a)?.delete(done);
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      for (const a of pending) {
        const set = this.waiters.get(a) ?? new Set();
        set.add(done);
        this.waiters.set(a, set);
      }
    });
  }

  /** The asset is ready, forgotten or invalid: its waiters stop waiting for it. */
  resolve(asset: string): void {
    const set = this.waiters.get(asset);
    this.waiters.delete(asset);
    for (const fn of set ?? []) fn();
  }
}
