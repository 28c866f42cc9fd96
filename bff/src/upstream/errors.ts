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

/** An upstream frame exceeded `FEED_MAX_FRAME_BYTES`: the link is closed (1009) and the reconnect loop takes over. */
export class FeedFrameTooLargeError extends Error {
  readonly code = "FEED_FRAME_TOO_LARGE";
  constructor(maxBytes: number) {
    super(`upstream frame over ${maxBytes} bytes (FEED_MAX_FRAME_BYTES)`);
    this.name = "FeedFrameTooLargeError";
  }
}

/** The upstream stopped reading our requests: writes stayed buffered past `FEED_WRITE_STALL_MS`. */
export class FeedWriteStallError extends Error {
  readonly code = "FEED_WRITE_STALLED";
  constructor(stalledMs: number, bufferedBytes: number) {
    super(`upstream has not read our requests for ${stalledMs} ms (${bufferedBytes} bytes buffered)`);
    this.name = "FeedWriteStallError";
  }
}
