import { serviceErrorSchema, type ErrorCode } from "@pregao/contracts";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HttpError } from "../lib/http-error.ts";
import { UpstreamUnavailableError } from "./errors.ts";
import type { ServiceName } from "./service-names.ts";

/**
 * Maps a service's error answer (`{success:false,error,code,field?,details?}` + status) to the BFF's error, keeping
 * `field` and the numeric `details` (limits, tick size, collar) so the UI can word and format the refusal itself.
 * 403 RISK_REJECTED carries the risk reason as message; 422 RISK_REJECTED is an order-entry limit (fat finger, hard
 * collar); 428 CONFIRMATION_REQUIRED asks for `confirm`; 409 IDEMPOTENCY_KEY_REUSED names the key. 401 means the
 * service refused OUR token — not the user's fault: 503 UPSTREAM_UNAVAILABLE (and the caller logs it loudly).
 */
export function mapServiceError(service: ServiceName, status: number, body: unknown): HttpError {
  const parsed = serviceErrorSchema.safeParse(body);
  const e = parsed.success ? parsed.data : undefined;
  const message = e?.error ?? `HTTP ${status}`;
  const err = (s: ContentfulStatusCode, code: ErrorCode, m = message) =>
    new HttpError(s, code, m, e?.field, e?.details);
  if (status === 401 || e?.code === "UNAUTHENTICATED")
    return new UpstreamUnavailableError(service, "service token refused");
  if (status === 400 || e?.code === "VALIDATION_FAILED") return err(400, "VALIDATION_FAILED");
  if (status === 403 && e?.code === "RISK_REJECTED") return err(403, "RISK_REJECTED");
  if (status === 403) return new HttpError(403, "FORBIDDEN", e ? message : "not allowed");
  if (status === 404) return new HttpError(404, "NOT_FOUND", e ? message : "not found");
  if (status === 409 && e?.code === "IDEMPOTENCY_KEY_REUSED") return err(409, "IDEMPOTENCY_KEY_REUSED");
  if (status === 409) return new HttpError(409, "CONFLICT", message);
  if (status === 422 && e?.code === "RISK_REJECTED") return err(422, "RISK_REJECTED");
  if (status === 428 && e?.code === "CONFIRMATION_REQUIRED") return err(428, "CONFIRMATION_REQUIRED");
  if (status === 429) return new HttpError(429, "RATE_LIMITED", message);
  if (status === 413) return new HttpError(413, "PAYLOAD_TOO_LARGE", message);
  return new UpstreamUnavailableError(service, `HTTP ${status}`);
}
