/** Schedules work for the next frame; `requestAnimationFrame` in the browser, a fake in tests. */
export interface FrameScheduler {
  request(cb: () => void): number;
  cancel(handle: number): void;
}

export const animationFrameScheduler: FrameScheduler = {
  request: (cb) => requestAnimationFrame(cb),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export interface RafBatcher<K, V> {
  /** Buffer `value` for `key`; a later push for the same key in the same frame replaces it. */
  push(key: K, value: V): void;
  /** Apply whatever is buffered now, without waiting for the frame. */
  flush(): void;
  /** Drop the buffer and cancel the pending frame. */
  dispose(): void;
  readonly size: number;
}

/**
 * Buffers keyed updates and hands them to `apply` at most once per animation frame, latest value per key.
 * Memory is bounded by the number of keys, not the message rate — also while a background tab gets no frames.
 */
export function createRafBatcher<K, V>(
  apply: (batch: ReadonlyMap<K, V>) => void,
  scheduler: FrameScheduler = animationFrameScheduler,
): RafBatcher<K, V> {
  let buffer = new Map<K, V>();
  let handle: number | null = null;

  const run = () => {
    handle = null;
    if (buffer.size === 0) return;
    const batch = buffer;
    buffer = new Map();
    apply(batch);
  };

  return {
    push(key, value) {
      buffer.set(key, value);
      if (handle === null) handle = scheduler.request(run);
    },
    flush() {
      if (handle !== null) scheduler.cancel(handle);
      run();
    },
    dispose() {
      if (handle !== null) scheduler.cancel(handle);
      handle = null;
      buffer = new Map();
    },
    get size() {
      return buffer.size;
    },
  };
}

export interface RafQueue<T> {
  push(...items: T[]): void;
  flush(): void;
  dispose(): void;
}

/** Like the batcher but keeps every item (e.g. tape prints): all pushes of a frame are applied together, in order. */
export function createRafQueue<T>(
  apply: (items: T[]) => void,
  scheduler: FrameScheduler = animationFrameScheduler,
): RafQueue<T> {
  let buffer: T[] = [];
  let handle: number | null = null;
  const run = () => {
    handle = null;
    if (buffer.length === 0) return;
    const items = buffer;
    buffer = [];
    apply(items);
  };
  return {
    push(...items) {
      buffer.push(...items);
      if (handle === null) handle = scheduler.request(run);
    },
    flush() {
      if (handle !== null) scheduler.cancel(handle);
      run();
    },
    dispose() {
      if (handle !== null) scheduler.cancel(handle);
      handle = null;
      buffer = [];
    },
  };
}
