/** Error codes of the order manager's envelope (contracts/services/order-stream.ts). */
export type ServiceErrorCode =
  | "VALIDATION_FAILED"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "RISK_REJECTED"
  | "NOT_FOUND"
  | "CONFLICT"
  | "IDEMPOTENCY_KEY_REUSED"
  | "CONFIRMATION_REQUIRED"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  | "INTERNAL";

/**
 * A request the order manager or risk service refuses; rendered as `{ success: false, error, code, field?, details? }`.
 * `details` carries the numbers behind the message (limit, value, tickSize…) so a UI can format them itself.
 */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: ServiceErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export const validationError = (field: string, message: string, details?: Record<string, unknown>) =>
  new ServiceError(400, "VALIDATION_FAILED", message, field, details);
