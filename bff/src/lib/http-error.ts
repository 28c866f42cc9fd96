import type { ErrorCode } from "@pregao/contracts";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** A failure with an HTTP status and a contracts ErrorCode; `app.onError` turns it into the error envelope. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Extra machine-readable context for the envelope's `details` (never secrets). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "HttpError";
  }
}
