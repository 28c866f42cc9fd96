import { errorEnvelopeSchema, type ErrorCode } from "@pregao/contracts";

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
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Worth retrying: the network, an unavailable upstream, rate limits and 5xx. */
  get retryable(): boolean {
    return this.code === "NETWORK" || this.status === 429 || this.status >= 500;
  }
}

/**
 * GET a same-origin BFF path and parse the body with a contracts schema.
 * Plain fetch until the BFF's `AppType` exists; swapping in `hc<AppType>` later only changes this file.
 */
export async function getJson<T>(
  path: string,
  schema: Parser<T>,
  init?: { signal?: AbortSignal },
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      headers: { accept: "application/json" },
      credentials: "same-origin",
      signal: init?.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "NETWORK", "Cannot reach the server");
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const env = errorEnvelopeSchema.safeParse(body);
    if (env.success) {
      const { code, message, requestId } = env.data.error;
      throw new ApiError(res.status, code, message, requestId);
    }
    throw new ApiError(res.status, "BAD_RESPONSE", `HTTP ${res.status}`);
  }
  try {
    return schema.parse(body);
  } catch {
    throw new ApiError(res.status, "BAD_RESPONSE", "Unexpected response from the server");
  }
}
