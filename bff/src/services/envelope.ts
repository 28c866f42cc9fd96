import { serviceErrorSchema } from "@pregao/contracts";
import { HttpError } from "../lib/http-error.ts";
import { UpstreamUnavailableError } from "./errors.ts";
import type { ServiceName } from "./service-names.ts";

/**
 * Maps a service's error answer (`{success:false,error,code,field?}` + status) to the BFF's error. 400 keeps `field`;
 * 403 RISK_REJECTED carries the risk reason as message; 401 means the service refused OUR token — not the user's
 * fault: 503 UPSTREAM_UNAVAILABLE (and the caller logs it loudly).
 */
export function mapServiceError(service: ServiceName, status: number, body: unknown): HttpError {
  const parsed = serviceErrorSchema.safeParse(body);
  const e = parsed.success ? parsed.data : undefined;
  const message = e?.error ?? `HTTP ${status}`;
  if (status === 401 || e?.code === "UNAUTHENTICATED")
    return new UpstreamUnavailableError(service, "service token refused");
  if (status === 400 || e?.code === "VALIDATION_FAILED")
    return new HttpError(400, "VALIDATION_FAILED", message, e?.field);
  if (status === 403 && e?.code === "RISK_REJECTED") return new HttpError(403, "RISK_REJECTED", message);
  if (status === 403) return new HttpError(403, "FORBIDDEN", e ? message : "not allowed");
  if (status === 404) return new HttpError(404, "NOT_FOUND", e ? message : "not found");
  if (status === 409) return new HttpError(409, "CONFLICT", message);
  if (status === 429) return new HttpError(429, "RATE_LIMITED", message);
  if (status === 413) return new HttpError(413, "PAYLOAD_TOO_LARGE", message);
  return new UpstreamUnavailableError(service, `HTTP ${status}`);
}
