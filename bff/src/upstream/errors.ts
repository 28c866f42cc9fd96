/** Typed upstream failures; `code` is stable for logs and metrics. */
export class FeedConnectError extends Error {
  readonly code = "FEED_CONNECT_FAILED";
  constructor(message: string) {
    super(message);
    this.name = "FeedConnectError";
  }
}

/** Too many malformed frames in a short window: the link's data cannot be trusted. */
export class MalformedBurstError extends Error {
  readonly code = "FEED_MALFORMED_BURST";
  constructor(count: number, windowMs: number) {
    super(`${count} malformed frames within ${windowMs} ms`);
    this.name = "MalformedBurstError";
  }
}

/** The link went silent past the dead-link timeout. */
export class FeedDeadError extends Error {
  readonly code = "FEED_DEAD";
  constructor(silentMs: number) {
    super(`no upstream message for ${silentMs} ms`);
    this.name = "FeedDeadError";
  }
}
