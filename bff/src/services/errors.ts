import type { ServiceErrorCode } from "./service-names.ts";
import { HttpError } from "../lib/http-error.ts";
import { serviceLabel, type ServiceName } from "./service-names.ts";

/**
 * A backend service is unreachable, timed out, failing (5xx), behind an open breaker, or refused our service token.
 * app.onError answers 503 `UPSTREAM_UNAVAILABLE` with `details.service` so the UI can say which service is down.
 */
export class UpstreamUnavailableError extends HttpError {
  constructor(
    readonly service: ServiceName,
    readonly reason: string,
  ) {
    super(503, "UPSTREAM_UNAVAILABLE", `${serviceLabel[service]} unavailable`, undefined, {
      service,
      reason,
    });
    this.name = "UpstreamUnavailableError";
  }
}

/** A failure worth counting against the breaker and retrying (when the call is idempotent). */
export class TransientServiceError extends Error {
  constructor(
    readonly service: ServiceName,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "TransientServiceError";
  }
}

/** The service's own error envelope, kept for the mapping. */
export interface ServiceFailure {
  status: number;
  code: ServiceErrorCode | undefined;
  error: string;
  field?: string;
}
