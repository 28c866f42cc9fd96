import type { Ack, ErrorBody, ErrorCode } from "@pregao/contracts";
import type { z } from "zod";

/** A failure an event handler reports through its ack; `code` is a contracts ErrorCode. */
export class AckError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AckError";
  }
}

/** The first zod issue as a VALIDATION_FAILED error naming the field (dot path). */
export function validationError(error: z.ZodError): AckError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join(".") : undefined;
  return new AckError("VALIDATION_FAILED", issue?.message ?? "invalid payload", field);
}

/** Maps anything thrown by a handler to an ack body; unknown errors get a generic message. */
export function toAckFailure(err: unknown): Ack<never> {
  if (err instanceof AckError) {
    const error: ErrorBody = { code: err.code, message: err.message };
    if (err.field !== undefined) error.field = err.field;
    if (err.details !== undefined) error.details = err.details;
    return { ok: false, error };
  }
  return { ok: false, error: { code: "INTERNAL", message: "internal error" } };
}
