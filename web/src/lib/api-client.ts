import { hc, type ClientRequestOptions } from "hono/client";
import type { AppType } from "@pregao/bff/app";
import { CSRF_HEADER, errorEnvelopeSchema, type ErrorCode } from "@pregao/contracts";
import { isSessionErrorCode, useSessionEndStore } from "./session-end-store.ts";

/** Anything with a zod-like `parse`; keeps web free of a direct zod dependency. */
export interface Parser<T> {
  parse(data: unknown): T;
}

/** A failed BFF call: the error envelope's code, or NETWORK / BAD_RESPONSE when there was none. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "NETWORK" | "BAD_RESPONSE",
    message: string,
    readonly requestId?: string,
    /** Seconds from `Retry-After` (429), when sent. */
    readonly retryAfterS?: number,
    /** The W3C trace this call belongs to (the BFF's `x-trace-id`, else the one the browser started); for support. */
    readonly traceId?: string,
    /** The offending input (the envelope's `field`), e.g. `price`. */
    readonly field?: string,
    /** The envelope's machine-readable `details` (numbers, never formatted text: the UI formats them). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Worth retrying: the network, an unavailable upstream, rate limits and 5xx. */
  get retryable(): boolean {
    return this.code === "NETWORK" || this.status === 429 || this.status >= 500;
  }

  /** The browser has no valid session (401 UNAUTHENTICATED / SESSION_EXPIRED). */
  get isSessionError(): boolean {
    return isSessionErrorCode(this.code);
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  /**
   * "report" (default): a 401 session error ends the session app-wide (the shell routes to the login page).
   * "throw": only throw — for calls where 401 is an expected answer (`GET /session`, the login form).
   */
  onSessionError?: "report" | "throw";
}

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** Random bytes for an id; all-zero ids are invalid in W3C Trace Context, so draw again (p = 2^-64 at worst). */
function randomId(size: number): string {
  const bytes = new Uint8Array(size);
  do crypto.getRandomValues(bytes);
  while (bytes.every((b) => b === 0));
  return hex(bytes);
}

/**
 * A fresh W3C `traceparent` (`00-<16-byte trace id>-<8-byte span id>-01`, sampled): a mutating call starts its trace
 * in the browser, and the BFF continues it (and echoes the trace id as `x-trace-id`).
 */
export function newTraceparent(): { header: string; traceId: string } {
  const traceId = randomId(16);
  return { header: `00-${traceId}-${randomId(8)}-01`, traceId };
}

/**
 * The BFF's API, typed from its route table (`AppType`: every route's method, path, params, query and body). Call
 * sites go through {@link call}: `call((o) => api.orders[":id"].$delete({ param: { id } }, o), orderSchema)`.
 * Only the type crosses from the BFF; the bundle gets hono's small client proxy.
 */
export const api = hc<AppType>("/").api.v1;

/** One request through {@link api}, given the per-call options {@link call} supplies (its transport). */
export type Send = (options: ClientRequestOptions) => Promise<Response>;

/**
 * The one way the SPA talks HTTP to the BFF (same origin, cookie session): sends `send`'s request through a transport
 * that adds `accept`, and on a non-GET the CSRF header the BFF requires (`x-pregao-csrf: 1`) and a fresh
 * `traceparent`; maps a failure to {@link ApiError} (the envelope's code, NETWORK or BAD_RESPONSE), and parses the
 * answer with a contracts schema (none: the body is ignored, e.g. 204).
 */
export async function call<T = void>(send: Send, schema?: Parser<T>, opts: RequestOptions = {}): Promise<T> {
  const { res, traceId } = await request(send, "application/json", opts);
  const data: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (!res.ok) throw toApiError(res, data, opts, traceId);
  return schema ? parseWith(schema, data, res.status) : (undefined as T);
}

/** A file the BFF sends (e.g. a CSV export): its body and the name from `Content-Disposition`. */
export interface Download {
  blob: Blob;
  filename: string | null;
}

/**
 * {@link call} for a file: the same transport and the same {@link ApiError} on a refusal (so a 400 says why, where a
 * plain download link would leave a failed download and no reason), the body as a Blob on success.
 */
export async function download(send: Send, accept: string, opts: RequestOptions = {}): Promise<Download> {
  const { res, traceId } = await request(send, `${accept}, application/json`, opts);
  if (!res.ok) throw toApiError(res, await res.json().catch(() => undefined), opts, traceId);
  try {
    return { blob: await res.blob(), filename: filenameOf(res.headers.get("content-disposition")) };
  } catch {
    throw new ApiError(0, "NETWORK", "The download was interrupted", undefined, undefined, traceId);
  }
}

/** `attachment; filename="audit-….csv"` → the name; anything else → null. */
export function filenameOf(disposition: string | null): string | null {
  const m = /filename="([^"]+)"/i.exec(disposition ?? "") ?? /filename=([^;\s]+)/i.exec(disposition ?? "");
  return m?.[1] ?? null;
}

async function request(
  send: Send,
  accept: string,
  opts: RequestOptions,
): Promise<{ res: Response; traceId: string | undefined }> {
  let traceId: string | undefined;
  const transport = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    headers.set("accept", accept);
    if ((init?.method ?? "GET") !== "GET") {
      headers.set(CSRF_HEADER, "1");
      const trace = newTraceparent();
      headers.set("traceparent", trace.header);
      traceId = trace.traceId;
    }
    try {
      return await fetch(input, { ...init, headers, credentials: "same-origin", signal: opts.signal });
    } catch (err) {
      if (err instanceof DOMException && err.name === "AbortError") throw err;
      throw new ApiError(0, "NETWORK", "Cannot reach the server");
    }
  };
  const res = await send({ fetch: transport });
  return { res, traceId: res.headers.get("x-trace-id") ?? traceId };
}

function toApiError(res: Response, body: unknown, opts: RequestOptions, traceId?: string): ApiError {
  const env = errorEnvelopeSchema.safeParse(body);
  if (!env.success)
    return new ApiError(res.status, "BAD_RESPONSE", `HTTP ${res.status}`, undefined, undefined, traceId);
  const { code, message, requestId, field, details } = env.data.error;
  const retryAfter = Number(res.headers.get("retry-after"));
  const err = new ApiError(
    res.status,
    code,
    message,
    requestId,
    Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : undefined,
    traceId,
    field,
    details,
  );
  if (res.status === 401 && err.isSessionError && (opts.onSessionError ?? "report") === "report") {
    useSessionEndStore.getState().end(code === "SESSION_EXPIRED" ? "SESSION_EXPIRED" : "UNAUTHENTICATED");
  }
  return err;
}

function parseWith<T>(schema: Parser<T>, data: unknown, status: number): T {
  try {
    return schema.parse(data);
  } catch {
    throw new ApiError(status, "BAD_RESPONSE", "Unexpected response from the server");
  }
}
