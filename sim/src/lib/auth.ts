import { createHash, timingSafeEqual } from "node:crypto";

/**
 * True when an `Authorization` header carries `Bearer <expected>`. Both sides are hashed first so the comparison is
 * constant-time regardless of the presented token's length.
 */
export function bearerMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? "");
  const presented = match?.[1] ?? "";
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && match !== null;
}
